/*
 * crypto.c - SHA-256 and Ed25519 through OpenSSL's EVP interface, resolved with dlopen()
 * (see crypto.h for why). Nothing here implements cryptography; it only calls libcrypto.
 */
#include "crypto.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#include "dl.h"
#include "error.h"

/* The EVP functions used, resolved once. Their types come from OpenSSL's own headers. */
static struct {
	void *handle;
	__typeof__(&EVP_Digest) digest;
	__typeof__(&EVP_sha256) sha256;
	__typeof__(&EVP_PKEY_new_raw_private_key) new_private;
	__typeof__(&EVP_PKEY_new_raw_public_key) new_public;
	__typeof__(&EVP_PKEY_get_raw_public_key) get_public;
	__typeof__(&EVP_PKEY_free) pkey_free;
	__typeof__(&EVP_MD_CTX_new) ctx_new;
	__typeof__(&EVP_MD_CTX_free) ctx_free;
	__typeof__(&EVP_DigestSignInit) sign_init;
	__typeof__(&EVP_DigestSign) sign;
	__typeof__(&EVP_DigestVerifyInit) verify_init;
	__typeof__(&EVP_DigestVerify) verify;
	__typeof__(&RAND_bytes) rand_bytes;
} lib;

yb_status yb_crypto_load(yb_error *err)
{
	static const char *const names[] = {"libcrypto.so.3", "libcrypto.so", NULL};
	const yb_dl_symbol symbols[] = {
		{"EVP_Digest", &lib.digest},
		{"EVP_sha256", &lib.sha256},
		{"EVP_PKEY_new_raw_private_key", &lib.new_private},
		{"EVP_PKEY_new_raw_public_key", &lib.new_public},
		{"EVP_PKEY_get_raw_public_key", &lib.get_public},
		{"EVP_PKEY_free", &lib.pkey_free},
		{"EVP_MD_CTX_new", &lib.ctx_new},
		{"EVP_MD_CTX_free", &lib.ctx_free},
		{"EVP_DigestSignInit", &lib.sign_init},
		{"EVP_DigestSign", &lib.sign},
		{"EVP_DigestVerifyInit", &lib.verify_init},
		{"EVP_DigestVerify", &lib.verify},
		{"RAND_bytes", &lib.rand_bytes},
	};
	yb_error why;
	if (lib.handle)
		return YB_OK;
	lib.handle = yb_dl_open(names, symbols, sizeof(symbols) / sizeof(*symbols), &why);
	if (!lib.handle)
		return yb_fail_because(err, YB_EIO, &why,
				       "无法加载检查签名所需的 libcrypto（OpenSSL 3）",
				       "could not load libcrypto (OpenSSL 3), needed to check "
				       "signatures");
	return YB_OK;
}

int yb_crypto_loaded(void)
{
	return lib.handle != NULL;
}

yb_status yb_sha256(const void *data, size_t len, unsigned char out[YB_SHA256_LEN],
		    yb_error *err)
{
	unsigned int n = 0;
	yb_status st = yb_crypto_load(err);
	if (st)
		return st;
	if (!lib.digest(data, len, out, &n, lib.sha256(), NULL) || n != YB_SHA256_LEN)
		return yb_fail(err, YB_EIO, "SHA-256 计算失败", "computing SHA-256 failed");
	return YB_OK;
}

yb_status yb_ed25519_public(const unsigned char seed[YB_ED25519_KEY_LEN],
			    unsigned char pub[YB_ED25519_KEY_LEN], yb_error *err)
{
	yb_status st = yb_crypto_load(err);
	if (st)
		return st;
	EVP_PKEY *key = lib.new_private(EVP_PKEY_ED25519, NULL, seed, YB_ED25519_KEY_LEN);
	size_t n = YB_ED25519_KEY_LEN;
	if (!key || !lib.get_public(key, pub, &n) || n != YB_ED25519_KEY_LEN)
		st = yb_fail(err, YB_EIO, "无法导出 Ed25519 公钥",
			     "could not export the Ed25519 public key");
	lib.pkey_free(key);
	return st;
}

yb_status yb_ed25519_keygen(unsigned char seed[YB_ED25519_KEY_LEN],
			    unsigned char pub[YB_ED25519_KEY_LEN], yb_error *err)
{
	yb_status st = yb_crypto_load(err);
	if (st)
		return st;
	if (lib.rand_bytes(seed, YB_ED25519_KEY_LEN) != 1)
		return yb_fail(err, YB_EIO, "无法取得生成新密钥所需的随机数",
			       "could not get the random bytes needed to make a new key");
	return yb_ed25519_public(seed, pub, err);
}

yb_status yb_ed25519_sign(const unsigned char seed[YB_ED25519_KEY_LEN], const void *msg,
			  size_t len, unsigned char sig[YB_ED25519_SIG_LEN], yb_error *err)
{
	yb_status st = yb_crypto_load(err);
	if (st)
		return st;
	EVP_PKEY *key = lib.new_private(EVP_PKEY_ED25519, NULL, seed, YB_ED25519_KEY_LEN);
	EVP_MD_CTX *ctx = lib.ctx_new();
	size_t n = YB_ED25519_SIG_LEN;
	if (!key || !ctx || lib.sign_init(ctx, NULL, NULL, NULL, key) != 1 ||
	    lib.sign(ctx, sig, &n, msg, len) != 1 || n != YB_ED25519_SIG_LEN)
		st = yb_fail(err, YB_EIO, "Ed25519 签名失败", "Ed25519 signing failed");
	lib.ctx_free(ctx);
	lib.pkey_free(key);
	return st;
}

yb_status yb_ed25519_verify(const unsigned char pub[YB_ED25519_KEY_LEN], const void *msg,
			    size_t len, const unsigned char sig[YB_ED25519_SIG_LEN],
			    yb_error *err)
{
	yb_status st = yb_crypto_load(err);
	if (st)
		return st;
	EVP_PKEY *key = lib.new_public(EVP_PKEY_ED25519, NULL, pub, YB_ED25519_KEY_LEN);
	EVP_MD_CTX *ctx = lib.ctx_new();
	if (!key || !ctx || lib.verify_init(ctx, NULL, NULL, NULL, key) != 1)
		st = yb_fail(err, YB_EIO, "Ed25519 验证无法开始",
			     "Ed25519 verification could not start");
	else if (lib.verify(ctx, sig, YB_ED25519_SIG_LEN, msg, len) != 1)
		st = yb_fail(err, YB_ECORPUS, "签名不符", "the signature does not match");
	lib.ctx_free(ctx);
	lib.pkey_free(key);
	return st;
}

void yb_hex(const unsigned char *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
					   : c >= 'A' && c <= 'F' ? c - 'A' + 10
								  : -1;
}

int yb_unhex(const char *hex, unsigned char *out, size_t n)
{
	if (strlen(hex) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}
