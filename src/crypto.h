/*
 * crypto.h - SHA-256 and Ed25519 from OpenSSL's libcrypto, loaded only when needed.
 *
 * Note that libcrypto is opened with dlopen() on first use rather than linked: an answer from
 * the embedded corpus never needs it, and linking it (and libcurl) would make every start of
 * yibao pay for loading them. Only signing, updating and loading an installed corpus do.
 */
#ifndef YB_CRYPTO_H
#define YB_CRYPTO_H

#include <stddef.h>

#include "yibao.h"

enum { YB_SHA256_LEN = 32, YB_ED25519_KEY_LEN = 32, YB_ED25519_SIG_LEN = 64 };

/* Loads libcrypto if it is not loaded yet. YB_EIO, with a message, when it cannot be. */
yb_status yb_crypto_load(yb_error *err);

/* Whether libcrypto is mapped into this process (for the benchmark's evidence). */
int yb_crypto_loaded(void);

yb_status yb_sha256(const void *data, size_t len, unsigned char out[YB_SHA256_LEN],
		    yb_error *err);

/* A new key pair: the 32-byte private seed and its public key. */
yb_status yb_ed25519_keygen(unsigned char seed[YB_ED25519_KEY_LEN],
			    unsigned char pub[YB_ED25519_KEY_LEN], yb_error *err);

/* The public key of a private seed. */
yb_status yb_ed25519_public(const unsigned char seed[YB_ED25519_KEY_LEN],
			    unsigned char pub[YB_ED25519_KEY_LEN], yb_error *err);

yb_status yb_ed25519_sign(const unsigned char seed[YB_ED25519_KEY_LEN], const void *msg,
			  size_t len, unsigned char sig[YB_ED25519_SIG_LEN], yb_error *err);

/* YB_OK when sig is pub's signature of msg; YB_ECORPUS when it is not. */
yb_status yb_ed25519_verify(const unsigned char pub[YB_ED25519_KEY_LEN], const void *msg,
			    size_t len, const unsigned char sig[YB_ED25519_SIG_LEN],
			    yb_error *err);

/* Lowercase hex of n bytes into out (2n + 1 bytes), and back (0 on success). */
void yb_hex(const unsigned char *bytes, size_t n, char *out);
int yb_unhex(const char *hex, unsigned char *out, size_t n);

#endif
