/*
 * image.c - the corpus image's header, opening an image, and sealing one the loader built
 * (see image.h).
 */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "error.h"
#include "mem.h"

YB_WRAPS static uint32_t mix(uint32_t h, size_t v)
{
	return (h ^ (uint32_t)v) * 16777619u;
}

YB_WRAPS uint32_t yb_image_layout(void)
{
	/* The sizes of every record and the byte order: any change to corpus.h changes one. */
	const size_t sizes[] = {
		sizeof(yb_image_header), sizeof(yb_corpus_root), sizeof(yb_text), sizeof(yb_pos),
		sizeof(yb_source), sizeof(yb_material), sizeof(yb_channel), sizeof(yb_province),
		sizeof(yb_city), sizeof(yb_city_name), sizeof(yb_alias), sizeof(yb_fact_value),
		sizeof(yb_fact), sizeof(yb_wait_rule), sizeof(yb_deadline), sizeof(yb_item),
		sizeof(yb_case), sizeof(yb_node), sizeof(yb_layer), sizeof(yb_side),
		sizeof(yb_procedure), sizeof(yb_calendar_year), sizeof(size_t), sizeof(double),
		offsetof(yb_item, sources), offsetof(yb_fact, index), offsetof(yb_node, pos),
		offsetof(yb_procedure, layers)};
	const uint32_t order = 0x01020304u;
	uint32_t h = 2166136261u;
	h = mix(h, *(const unsigned char *)&order);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		h = mix(h, sizes[i]);
	return h;
}

YB_WRAPS uint64_t yb_image_checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 1099511628211ull;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/* Whether [r, r + n * size) lies inside the image, after the header. */
static bool fits(size_t image, yb_ref r, size_t n, size_t size)
{
	if (!r)
		return n == 0;
	if (r < sizeof(yb_image_header) || r >= image || r % sizeof(yb_ref) != 0)
		return false;
	return n <= (image - r) / (size ? size : 1);
}

/* Points the handle's catalogues into the image; false when one lies outside it. */
static bool resolve(yb_corpus *c, const yb_corpus_root *r)
{
#define TAKE(field, type)                                                                     \
	do {                                                                                       \
		if (!fits(c->size, r->field, r->n##field, sizeof(type)))                           \
			return false;                                                              \
		c->field = YB_AT(c, type, r->field);                                               \
		c->n##field = r->n##field;                                                         \
	} while (0)
	TAKE(sources, yb_source);
	TAKE(materials, yb_material);
	TAKE(channels, yb_channel);
	TAKE(provinces, yb_province);
	TAKE(cities, yb_city);
	TAKE(city_names, yb_city_name);
	TAKE(facts, yb_fact);
	TAKE(years, yb_calendar_year);
	TAKE(procedure_names, yb_ref);
	TAKE(procedures, yb_procedure);
#undef TAKE
	if (!fits(c->size, r->version, 1, 1) || !fits(c->size, r->date, 1, 1) ||
	    !fits(c->size, r->route, 1, sizeof(yb_fact)))
		return false;
	c->version = yb_str(c, r->version);
	c->date = yb_str(c, r->date);
	c->route = YB_AT(c, yb_fact, r->route);
	for (int p = 0; p < PLACE_COUNT; p++) {
		if (!fits(c->size, r->place[p], 1, sizeof(yb_fact)) ||
		    !fits(c->size, r->province_of[p], 1, sizeof(yb_fact)))
			return false;
		c->place[p] = YB_AT(c, yb_fact, r->place[p]);
		c->province_of[p] = YB_AT(c, yb_fact, r->province_of[p]);
	}
	return true;
}

/*
 * A message about the image at path, or about the built-in image when path is NULL: "规则库映像
 * <path> 已损坏…" / "内置的规则库映像 已损坏…". zh and en are string literals.
 */
#define BAD_IMAGE(err, path, zh, en, ...)                                                          \
	((path) ? yb_fail(err, YB_ECORPUS, "规则库映像 %s " zh, "the rules image %s " en,         \
			  (path), ##__VA_ARGS__)                                                   \
		: yb_fail(err, YB_ECORPUS, "内置的规则库映像 " zh,                                 \
			  "the built-in rules image " en, ##__VA_ARGS__))

yb_status yb_image_open(const unsigned char *base, size_t size, yb_image_owner owner,
			const char *path, yb_corpus **out, yb_error *err)
{
	yb_image_header h;
	*out = NULL;
	if (owner == IMAGE_STATIC)
		path = NULL;
	if (size < sizeof(h))
		return BAD_IMAGE(err, path, "不是规则库映像：它太短了",
				 "is not a rules image: it is too short");
	memcpy(&h, base, sizeof(h));
	if (memcmp(h.magic, YB_IMAGE_MAGIC, sizeof(h.magic)) != 0)
		return BAD_IMAGE(err, path, "不是规则库映像", "is not a rules image");
	if (h.format != YB_IMAGE_FORMAT || h.layout != yb_image_layout())
		return BAD_IMAGE(err, path,
				 "由另一个版本的 yibao 写出（映像格式 %u），"
				 "这个版本读不了",
				 "was written by another version of yibao (image format %u), which "
				 "this version cannot read",
				 (unsigned)h.format);
	if (h.size != size)
		return BAD_IMAGE(err, path, "已损坏：有 %zu 字节，而文件头写的是 %llu",
				 "is damaged: it has %zu bytes, but its header says %llu", size,
				 (unsigned long long)h.size);
	yb_corpus *c = yb_calloc(1, sizeof(*c));
	if (!c)
		return yb_err_nomem(err);
	c->base = base;
	c->size = size;
	c->owner = owner;
	if (!fits(size, h.root, 1, sizeof(yb_corpus_root)) ||
	    !resolve(c, YB_AT(c, yb_corpus_root, h.root))) {
		yb_free(c);
		return BAD_IMAGE(err, path, "已损坏：索引指向文件之外",
				 "is damaged: an index points outside the file");
	}
	*out = c;
	return YB_OK;
}

yb_status yb_image_map(const char *path, yb_corpus **out, yb_error *err)
{
	struct stat sb;
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO never blocks */
	if (fd < 0)
		return yb_fail_errno(err, YB_EIO, errno, "无法打开 规则库映像 %s",
				     "could not open the rules image %s", path);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
	    (unsigned long long)sb.st_size > YB_IMAGE_MAX) {
		close(fd);
		return BAD_IMAGE(err, path, "不是规则库映像", "is not a rules image");
	}
	size_t size = (size_t)sb.st_size;
	void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return yb_fail_errno(err, YB_EIO, errno, "无法映射 规则库映像 %s",
				     "could not map the rules image %s", path);
	yb_status st = yb_image_open(p, size, IMAGE_MAPPED, path, out, err);
	if (st) {
		munmap(p, size);
		return st;
	}
	(*out)->mapping = p;
	(*out)->mapping_size = size;
	return YB_OK;
}

yb_status yb_image_verify(const yb_corpus *c, const char *path, yb_error *err)
{
	yb_image_header h;
	memcpy(&h, c->base, sizeof(h));
	if (c->owner == IMAGE_STATIC)
		path = NULL;
	if (yb_image_checksum(c->base + sizeof(h), c->size - sizeof(h)) != h.checksum)
		return BAD_IMAGE(err, path, "已损坏：校验和不符",
				 "is damaged: the checksum does not match");
	return YB_OK;
}

/* ---- Building --------------------------------------------------------------------------------- */

yb_status yb_image_begin(yb_corpus *c, yb_error *err)
{
	if (yb_arena_init_contiguous(&c->arena, YB_IMAGE_MAX) != 0)
		return yb_err_nomem(err);
	c->owner = IMAGE_BUILT;
	c->base = c->arena.block;
	/* The header comes first, so that no object lies at offset 0 (no reference). */
	if (!yb_arena_alloc(&c->arena, sizeof(yb_image_header)))
		return yb_err_nomem(err);
	return YB_OK;
}

yb_status yb_image_seal(yb_corpus *c, yb_error *err)
{
	yb_corpus_root *r = yb_arena_alloc(&c->arena, sizeof(*r));
	if (!r)
		return yb_err_nomem(err);
#define PUT(field)                                                                             \
	do {                                                                                       \
		r->field = yb_ref_of(c, c->field);                                                 \
		r->n##field = c->n##field;                                                         \
	} while (0)
	PUT(sources);
	PUT(materials);
	PUT(channels);
	PUT(provinces);
	PUT(cities);
	PUT(city_names);
	PUT(facts);
	PUT(years);
	PUT(procedure_names);
	PUT(procedures);
#undef PUT
	r->version = yb_ref_of(c, c->version);
	r->date = yb_ref_of(c, c->date);
	r->route = yb_ref_of(c, c->route);
	for (int p = 0; p < PLACE_COUNT; p++) {
		r->place[p] = yb_ref_of(c, c->place[p]);
		r->province_of[p] = yb_ref_of(c, c->province_of[p]);
	}
	c->size = c->arena.total;
	yb_image_header h = {.format = YB_IMAGE_FORMAT, .layout = yb_image_layout(),
			     .size = c->size, .root = yb_ref_of(c, r)};
	memcpy(h.magic, YB_IMAGE_MAGIC, sizeof(h.magic));
	h.checksum = yb_image_checksum(c->base + sizeof(h), c->size - sizeof(h));
	memcpy(c->arena.block, &h, sizeof(h));
	return YB_OK;
}
