/*
 * fuzz_bundle.c - reading and checking a downloaded rule bundle (src/bundle.c): split it into
 * its parts, check the manifest's signature, parse the manifest, and match every file against
 * it in size and SHA-256.
 *
 * A fuzzer cannot forge a signature, so each input is checked twice: as it is, against a
 * keyring holding one test key (the signature path; nearly every input stops there), and
 * again with its manifest signed here by that test key, so that the manifest and the files
 * behind the signature are fuzzed too. The test key's private half is below: it signs nothing
 * but fuzz inputs. make-seeds.sh makes seeds whose manifests name it.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "fuzz.h"

/* The test key (make-seeds.sh writes the same seed to a key file for `yibao bundle`). */
static const char test_seed_hex[] =
	"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

static unsigned char seed[YB_ED25519_KEY_LEN];
static yb_keyring ring;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	yb_error err;
	yb_key *k = &ring.keys[0];
	if (yb_unhex(test_seed_hex, seed, sizeof(seed)) != 0 ||
	    yb_ed25519_public(seed, k->pub, &err) != YB_OK || yb_key_id(k->pub, k->id, &err) != YB_OK)
		abort();
	ring.n = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static yb_bundle b; /* some 90 KB */
	yb_error err;
	if (yb_bundle_read((const char *)data, size, &b, &err) != YB_OK)
		return 0;
	if (b.manifest_len > size || b.nfiles > YB_BUNDLE_MAX_FILES)
		abort();
	yb_bundle_verify(&b, &ring, &err);

	unsigned char sig[YB_ED25519_SIG_LEN];
	if (yb_ed25519_sign(seed, b.manifest, b.manifest_len, sig, &err) != YB_OK)
		abort();
	yb_hex(sig, sizeof(sig), b.signature);
	if (yb_bundle_verify(&b, &ring, &err) == YB_OK && b.m.nfiles != b.nfiles)
		abort();
	return 0;
}
