/*
 * image.h - the corpus image as bytes: its header, and opening, checking and writing it.
 *
 * An image is one block: a header, then the root record and every object and string of the
 * corpus (corpus.h), each referring to the others by offset. Because nothing in it is an
 * address, the same bytes serve wherever they lie: compiled into the binary, or written beside
 * an installed update and mapped from the file, with nothing to fix up.
 *
 * The header says what the bytes are: the magic, the format version, a fingerprint of the
 * structure layout the writer used (sizes, byte order), the size, where the root is, and a
 * checksum of everything. Opening checks all of it but the checksum, which costs a pass over
 * the whole image: that is checked once, when an image is installed (yb_image_verify), as
 * package managers verify at install and not on every use.
 */
#ifndef YB_IMAGE_H
#define YB_IMAGE_H

#include <stdint.h>

#include "corpus.h"
#include "error.h"

#define YB_IMAGE_MAGIC "YBCORPUS"
enum { YB_IMAGE_FORMAT = 1 };
/* The most an image may hold: offsets are 32-bit, and a corpus is far smaller. */
#define YB_IMAGE_MAX ((size_t)256 << 20)

typedef struct yb_image_header {
	char magic[8];     /* YB_IMAGE_MAGIC, no NUL */
	uint32_t format;   /* YB_IMAGE_FORMAT */
	uint32_t layout;   /* yb_image_layout() of the writer */
	uint64_t size;     /* bytes, header included */
	uint64_t checksum; /* of the bytes after the header */
	yb_ref root;       /* yb_corpus_root */
	uint32_t reserved;
} yb_image_header;

/* A fingerprint of this build's structure layout: an image another build wrote (another
 * version of the format, another machine's byte order or word size) is refused. */
uint32_t yb_image_layout(void);

/* The checksum of n bytes (64-bit FNV-1a over 8-byte words). */
uint64_t yb_image_checksum(const unsigned char *p, size_t n);

/*
 * Opens the image at `base` (`size` bytes, aligned for any object), which must outlive the
 * corpus. Checks the header; errors name the image by `path`, the file it was read from, or
 * as the built-in one when owner is IMAGE_STATIC (path is then not used). YB_ECORPUS for an
 * image that is not one this build reads.
 */
yb_status yb_image_open(const unsigned char *base, size_t size, yb_image_owner owner,
			const char *path, yb_corpus **out, yb_error *err);

/* Maps the image file `path` and opens it. YB_EIO when it cannot be read. */
yb_status yb_image_map(const char *path, yb_corpus **out, yb_error *err);

/* Checks an open image's checksum: YB_ECORPUS when a byte has changed since it was written.
 * path names it in the message, as for yb_image_open(). */
yb_status yb_image_verify(const yb_corpus *c, const char *path, yb_error *err);

/*
 * Loader side. yb_image_begin() makes c's arena the contiguous block the image is built in,
 * header first; yb_image_seal() writes the root record from c's catalogues and the header.
 * Both return YB_ENOMEM when out of memory.
 */
yb_status yb_image_begin(yb_corpus *c, yb_error *err);
yb_status yb_image_seal(yb_corpus *c, yb_error *err);

/* An open image's bytes are c->base[0 .. c->size): what to write to a file. */

#endif
