/*
 * bundle.h - signed rule bundles (docs/updates.md): the format, its manifest, the keys that
 * may sign it, and making, reading and checking one.
 *
 * A bundle is one file:
 *
 *   yibao-bundle 1
 *   manifest <bytes>
 *   <the manifest, YAML: corpus version, date, signing key, each file's path, size, SHA-256>
 *   signature <128 hex digits: Ed25519 over the manifest's bytes>
 *   file <path> <bytes>
 *   <the file>
 *   …
 *   end
 *
 * Nothing in a bundle is trusted until the manifest's signature checks out with a trusted key
 * and every file matches the manifest in size and hash; a file the manifest does not list, or
 * a listed file missing, refuses the bundle too.
 */
#ifndef YB_BUNDLE_H
#define YB_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "crypto.h"
#include "yibao.h"

enum { YB_KEY_ID_LEN = 16, YB_MAX_KEYS = 16, YB_BUNDLE_MAX_FILES = 256 };

/* A corpus version: 1 to 8 numbers of 1 to 9 digits, separated by dots ("2026.11.1"). */
enum { YB_VERSION_MAX_PARTS = 8, YB_VERSION_MAX_DIGITS = 9 };

/* YB_ECORPUS with a message saying the format when `v` is not a version. */
yb_status yb_version_check(const char *v, yb_error *err);

/*
 * The one rule for a file's path inside a bundle, applied both when making a bundle and when
 * reading a manifest: relative, lowercase ASCII letters, digits, '-', '_', '.' and '/', no
 * "..", no empty part. YB_ECORPUS with a message naming the path otherwise.
 */
yb_status yb_bundle_path_check(const char *path, yb_error *err);

typedef struct yb_key {
	char id[YB_KEY_ID_LEN + 1]; /* the first 16 hex digits of SHA-256(public key) */
	unsigned char pub[YB_ED25519_KEY_LEN];
	bool builtin;               /* shipped in the binary, not from the user's config */
} yb_key;

typedef struct yb_keyring {
	yb_key keys[YB_MAX_KEYS];
	size_t n;
} yb_keyring;

/* The keys shipped in the binary, plus those in $XDG_CONFIG_HOME/yibao/config.yaml. */
yb_status yb_keyring_load(yb_keyring *kr, yb_error *err);
const yb_key *yb_keyring_find(const yb_keyring *kr, const char *id);
yb_status yb_key_id(const unsigned char pub[YB_ED25519_KEY_LEN], char id[YB_KEY_ID_LEN + 1],
		    yb_error *err);

typedef struct yb_manifest_file {
	char path[256];
	size_t size;
	unsigned char sha256[YB_SHA256_LEN];
} yb_manifest_file;

typedef struct yb_manifest {
	char version[64];
	char date[11];
	char key[YB_KEY_ID_LEN + 1];
	yb_manifest_file files[YB_BUNDLE_MAX_FILES];
	size_t nfiles;
} yb_manifest;

/* Parses manifest text. YB_ECORPUS with a message when it is not one. */
yb_status yb_manifest_parse(const char *text, size_t len, yb_manifest *m, yb_error *err);

/* Checks the manifest's signature (128 hex digits) with a key of the ring; the manifest must
 * name that key. YB_ECORPUS when the signature is missing, malformed, by an unknown key, or
 * wrong. */
yb_status yb_manifest_verify(const char *text, size_t len, const char *sig_hex,
			     const yb_keyring *kr, yb_manifest *m, yb_error *err);

/* Checks one file's bytes against its manifest entry. */
yb_status yb_manifest_check_file(const yb_manifest_file *f, const void *data, size_t len,
				 yb_error *err);

/* A bundle read into memory: pointers into the caller's buffer. */
typedef struct yb_bundle_part {
	const char *path;
	size_t path_len;
	const char *data;
	size_t len;
} yb_bundle_part;

typedef struct yb_bundle {
	const char *manifest;
	size_t manifest_len;
	char signature[2 * YB_ED25519_SIG_LEN + 1];
	yb_bundle_part files[YB_BUNDLE_MAX_FILES];
	size_t nfiles;
	yb_manifest m; /* filled by yb_bundle_verify() */
} yb_bundle;

/* Splits a bundle's bytes into its parts; YB_ECORPUS when it is malformed or truncated. */
yb_status yb_bundle_read(const char *data, size_t len, yb_bundle *b, yb_error *err);

/* Signature, then every file against the manifest (and no file more or less), then the
 * version in the bundled corpus.yaml against the manifest's. */
yb_status yb_bundle_verify(yb_bundle *b, const yb_keyring *kr, yb_error *err);

/* A private key file: "yibao-ed25519-private-key 1\n<64 hex digits>\n". */
yb_status yb_key_read_private(const char *path, unsigned char seed[YB_ED25519_KEY_LEN],
			      yb_error *err);

#endif
