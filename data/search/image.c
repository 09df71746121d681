/*
 * The sealed search-index image (layout and checks in image.h).
 *
 * One serialiser writes either to a file or to memory, and one reader
 * reads either, so a catalogue without its sidecar is searched through the
 * same code as one with it. Every read goes through image_elem, which
 * bounds the index against the section's count; the counts and offsets of
 * the sections were checked against the image's length when it was opened.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/search/image.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

#define IMAGE_TOC		112	/* where the section table starts */
#define IMAGE_FNV_START		0xcbf29ce484222325ULL

struct image {
	const unsigned char	*p;
	size_t			 len;
	int			 mapped;	/* munmap p */
	int			 owned;		/* free p */
	uint64_t		 off[IMAGE_SECTIONS], n[IMAGE_SECTIONS];
	uint64_t		 sum[IMAGE_SECTIONS];
	uint64_t		 ndocs, ntexts[2], nkeys, ndomains;
	char			 version_id[IMAGE_VERSION_ID_MAX + 1];
	void			*host[IMAGE_SECTIONS];	/* big-endian hosts */
};

/* Element width of each section. */
static const unsigned char image_width[IMAGE_SECTIONS] = {
	[IMAGE_DOC_ITEM] = 8, [IMAGE_DOC_DOMAIN] = 4, [IMAGE_DOC_LEVELS] = 1,
	[IMAGE_DOC_TEXTS] = 4, [IMAGE_DOMAINS] = 4,
	[IMAGE_NAME_AT] = 4, [IMAGE_NAME_BUF] = 1, [IMAGE_NAME_FIRST] = 4,
	[IMAGE_NAME_DOCS] = 4, [IMAGE_NAME_UAT] = 4, [IMAGE_NAME_UNITS] = 4,
	[IMAGE_BODY_AT] = 4, [IMAGE_BODY_BUF] = 1, [IMAGE_BODY_FIRST] = 4,
	[IMAGE_BODY_DOCS] = 4, [IMAGE_BODY_ORDER] = 4, [IMAGE_BODY_FIRSTDOC] = 4,
	[IMAGE_KEYS] = 8, [IMAGE_KEY_AT] = 8, [IMAGE_POST] = 1,
};

static const char *const image_names[IMAGE_SECTIONS] = {
	/* Identifiers, not prose: shown untranslated. */
	"doc_item", "doc_domain", "doc_levels", "doc_texts", "domains",
	"name_at", "name_buf", "name_first", "name_docs", "name_uat",
	"name_units",
	"body_at", "body_buf", "body_first", "body_docs", "body_order",
	"body_firstdoc",
	"keys", "key_at", "post",
};

/* The per-space sections: at, buf, first, docs. */
static const enum image_section image_space[2][4] = {
	{ IMAGE_NAME_AT, IMAGE_NAME_BUF, IMAGE_NAME_FIRST, IMAGE_NAME_DOCS },
	{ IMAGE_BODY_AT, IMAGE_BODY_BUF, IMAGE_BODY_FIRST, IMAGE_BODY_DOCS },
};

static uint64_t
image_fnv(uint64_t h, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
image_get(const unsigned char *p, unsigned width)
{
	uint64_t v = 0;
	unsigned i;

	for (i = width; i-- > 0;)
		v = (v << 8) | p[i];
	return v;
}

static void
image_put(unsigned char *p, uint64_t v, unsigned width)
{
	unsigned i;

	for (i = 0; i < width; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

/* ---- writing ------------------------------------------------------------ */

/* Where the bytes go: a file (f) or memory (buf, at). */
struct image_sink {
	FILE		*f;
	unsigned char	*buf;
	size_t		 at;
};

static void
image_emit(struct image_sink *k, const void *p, size_t n)
{
	if (k->f != NULL)
		fwrite(p, 1, n, k->f);
	else
		memcpy(k->buf + k->at, p, n);
	k->at += n;
}

static uint64_t
image_align(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

/* Each section's offset, from the counts; returns the whole size. */
static uint64_t
image_layout(const struct image_parts *parts, uint64_t *off)
{
	uint64_t at = IMAGE_HEADER_SIZE;
	int s;

	for (s = 0; s < IMAGE_SECTIONS; s++) {
		at = image_align(at);
		off[s] = at;
		at += parts->n[s] * image_width[s];
	}
	return image_align(at);
}

size_t
image_size(const struct image_parts *parts)
{
	uint64_t off[IMAGE_SECTIONS];

	return (size_t)image_layout(parts, off);
}

/* Section s's element i, little-endian, into out; its value from parts. */
static uint64_t
image_part(const struct image_parts *parts, int s, uint64_t i)
{
	const void *v = parts->v[s];

	switch (image_width[s]) {
	case 1:
		return ((const uint8_t *)v)[i];
	case 4:
		return ((const uint32_t *)v)[i];
	default:
		return ((const uint64_t *)v)[i];
	}
}

static void
image_serialise(const struct image_parts *parts, struct image_sink *k)
{
	unsigned char head[IMAGE_HEADER_SIZE], chunk[4096];
	static const unsigned char zero[8];
	uint64_t off[IMAGE_SECTIONS], i, total, sum;
	size_t fill;
	unsigned w;
	int s;

	total = image_layout(parts, off);
	memset(head, 0, sizeof head);
	memcpy(head, IMAGE_MAGIC, 8);
	image_put(head + 8, IMAGE_VERSION, 4);
	image_put(head + 12, IMAGE_HEADER_SIZE, 4);
	image_put(head + 16, IMAGE_SECTIONS, 4);
	image_put(head + 24, parts->ndocs, 8);
	image_put(head + 32, parts->ntexts[0], 8);
	image_put(head + 40, parts->ntexts[1], 8);
	image_put(head + 48, parts->nkeys, 8);
	image_put(head + 56, parts->ndomains, 8);
	image_put(head + 104, total, 8);
	if (parts->version_id != NULL)
		strncpy((char *)head + 64, parts->version_id,
		    IMAGE_VERSION_ID_MAX - 1);
	for (s = 0; s < IMAGE_SECTIONS; s++) {
		/* The checksum of the bytes the section will hold. */
		w = image_width[s];
		sum = IMAGE_FNV_START;
		for (i = 0; i < parts->n[s]; i++) {
			image_put(chunk, image_part(parts, s, i), w);
			sum = image_fnv(sum, chunk, w);
		}
		image_put(head + IMAGE_TOC + 24 * s, off[s], 8);
		image_put(head + IMAGE_TOC + 24 * s + 8, parts->n[s], 8);
		image_put(head + IMAGE_TOC + 24 * s + 16, sum, 8);
	}
	image_put(head + IMAGE_HEADER_SIZE - 8,
	    image_fnv(IMAGE_FNV_START, head, IMAGE_HEADER_SIZE - 8), 8);
	image_emit(k, head, sizeof head);
	for (s = 0; s < IMAGE_SECTIONS; s++) {
		if (k->at < off[s])
			image_emit(k, zero, (size_t)(off[s] - k->at));
		w = image_width[s];
		for (i = 0, fill = 0; i < parts->n[s]; i++) {
			image_put(chunk + fill, image_part(parts, s, i), w);
			if ((fill += w) + 8 > sizeof chunk) {
				image_emit(k, chunk, fill);
				fill = 0;
			}
		}
		image_emit(k, chunk, fill);
	}
	if (k->at < total)
		image_emit(k, zero, (size_t)(total - k->at));
}

struct image *
image_build(const struct image_parts *parts)
{
	struct image_sink k = { NULL, NULL, 0 };
	struct image *img;
	size_t len = image_size(parts);
	char *error = NULL;

	k.buf = xcalloc(len ? len : 1, 1);
	image_serialise(parts, &k);
	if ((img = image_open_bytes(k.buf, len, &error)) == NULL) {
		/* What we wrote ourselves: only a bug gets here. */
		fprintf(stderr, "chayue: %s\n", error);
		abort();
	}
	img->owned = 1;
	return img;
}

int
image_write(const char *path, const struct image_parts *parts, char **error)
{
	struct image_sink k = { NULL, NULL, 0 };
	struct image *img;
	char *tmp = xasprintf("%s.tmp", path), *why = NULL;
	int fd, failed;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0 ||
	    (k.f = fdopen(fd, "wb")) == NULL) {
		*error = xasprintf(_("%s: cannot write the search index: %s;"
		    " check the directory's permissions and free space"), tmp,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmp);
		return -1;
	}
	image_serialise(parts, &k);
	failed = fflush(k.f) != 0 || ferror(k.f) || fsync(fd) != 0;
	if (fclose(k.f) != 0)
		failed = 1;
	if (failed || rename(tmp, path) != 0) {
		*error = xasprintf(_("%s: cannot write the search index: %s;"
		    " check free space"), tmp, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	if ((img = image_map(path, &why)) == NULL || image_check(img, &why) != 0) {
		*error = xasprintf(_("%s: the search index written does not"
		    " read back (%s); check the disk"), path, why);
		free(why);
		image_close(img);
		unlink(path);
		return -1;
	}
	image_close(img);
	return 0;
}

/* ---- opening ------------------------------------------------------------ */

static char *
image_refuse(const char *what)
{
	return xasprintf(_("not a chayue search index of this layout (%s);"
	    " rebuild it with: chayue-admin import FILE"), _(what));
}

/* The header checks of image.h; NULL, or what is wrong. */
static const char *
image_header(struct image *img)
{
	const unsigned char *h = img->p;
	uint64_t end = IMAGE_HEADER_SIZE, bytes, nt[2];
	int s, sp;

	if (img->len < IMAGE_HEADER_SIZE)
		return N_("too short");
	if (memcmp(h, IMAGE_MAGIC, 8) != 0)
		return N_("wrong magic");
	if (image_get(h + 8, 4) != IMAGE_VERSION)
		return N_("another layout version");
	if (image_get(h + 12, 4) != IMAGE_HEADER_SIZE ||
	    image_get(h + 16, 4) != IMAGE_SECTIONS)
		return N_("wrong header size");
	if (image_get(h + IMAGE_HEADER_SIZE - 8, 8) !=
	    image_fnv(IMAGE_FNV_START, h, IMAGE_HEADER_SIZE - 8))
		return N_("header checksum");
	if (image_get(h + 104, 8) != img->len)
		return image_get(h + 104, 8) > img->len ? N_("truncated") :
		    N_("wrong size");
	img->ndocs = image_get(h + 24, 8);
	img->ntexts[0] = image_get(h + 32, 8);
	img->ntexts[1] = image_get(h + 40, 8);
	img->nkeys = image_get(h + 48, 8);
	img->ndomains = image_get(h + 56, 8);
	memcpy(img->version_id, h + 64, IMAGE_VERSION_ID_MAX);
	img->version_id[IMAGE_VERSION_ID_MAX] = '\0';
	for (s = 0; s < IMAGE_SECTIONS; s++) {
		img->off[s] = image_get(h + IMAGE_TOC + 24 * s, 8);
		img->n[s] = image_get(h + IMAGE_TOC + 24 * s + 8, 8);
		img->sum[s] = image_get(h + IMAGE_TOC + 24 * s + 16, 8);
		if (img->off[s] % 8 != 0 || img->off[s] < end)
			return N_("sections out of order");
		if (img->off[s] > img->len)
			return N_("section past the end");
		if (img->n[s] > (img->len - img->off[s]) / image_width[s])
			return N_("section past the end");
		bytes = img->n[s] * image_width[s];
		end = img->off[s] + bytes;
	}
	/* Counts fit 32-bit ids and agree with the sections that hold them. */
	nt[0] = img->ntexts[0];
	nt[1] = img->ntexts[1];
	if (img->ndocs >= UINT32_MAX || nt[0] >= UINT32_MAX - 2 ||
	    nt[1] >= UINT32_MAX - 2 || img->ndomains >= UINT32_MAX)
		return N_("counts too large");
	if (img->n[IMAGE_DOC_ITEM] != img->ndocs ||
	    img->n[IMAGE_DOC_DOMAIN] != img->ndocs ||
	    img->n[IMAGE_DOC_LEVELS] != img->ndocs ||
	    img->n[IMAGE_DOC_TEXTS] != img->ndocs * IMAGE_FIELDS ||
	    img->n[IMAGE_DOMAINS] != img->ndomains * 2 ||
	    img->n[IMAGE_BODY_ORDER] > nt[1] ||
	    img->n[IMAGE_BODY_FIRSTDOC] != nt[1] + 1 ||
	    img->n[IMAGE_NAME_UAT] != nt[0] + 2 ||
	    img->n[IMAGE_NAME_UNITS] >= UINT32_MAX ||
	    img->n[IMAGE_KEYS] != img->nkeys ||
	    img->n[IMAGE_KEY_AT] != img->nkeys + 1)
		return N_("counts disagree");
	for (sp = 0; sp < 2; sp++) {
		if (img->n[image_space[sp][0]] != nt[sp] + 2 ||
		    img->n[image_space[sp][2]] != nt[sp] + 2 ||
		    img->n[image_space[sp][1]] >= UINT32_MAX ||
		    img->n[image_space[sp][3]] >= UINT32_MAX)
			return N_("counts disagree");
	}
	return NULL;
}

struct image *
image_open_bytes(const void *p, size_t len, char **error)
{
	struct image *img = xcalloc(1, sizeof *img);
	const char *why;

	img->p = p;
	img->len = len;
	if ((why = image_header(img)) != NULL) {
		*error = image_refuse(why);
		free(img);
		return NULL;
	}
	return img;
}

struct image *
image_map(const char *path, char **error)
{
	struct image *img;
	struct stat st;
	void *p;
	char *why = NULL;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		*error = xasprintf(_("%s: cannot open the search index: %s"), path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (st.st_size < IMAGE_HEADER_SIZE || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		why = image_refuse(N_("too short"));
		*error = xasprintf("%s: %s", path, why);
		free(why);
		return NULL;
	}
	/* The file is never rewritten, only unlinked: the mapping stays valid. */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		*error = xasprintf(_("%s: cannot map the search index: %s"), path,
		    strerror(errno));
		return NULL;
	}
	if ((img = image_open_bytes(p, (size_t)st.st_size, &why)) == NULL) {
		munmap(p, (size_t)st.st_size);
		*error = xasprintf("%s: %s", path, why);
		free(why);
		return NULL;
	}
	img->mapped = 1;
	return img;
}

void
image_close(struct image *img)
{
	int s;

	if (img == NULL)
		return;
	for (s = 0; s < IMAGE_SECTIONS; s++)
		free(img->host[s]);
	if (img->mapped)
		munmap((void *)img->p, img->len);
	else if (img->owned)
		free((void *)img->p);
	free(img);
}

/* ---- reading ------------------------------------------------------------ */

uint64_t image_ndocs(const struct image *img) { return img->ndocs; }
uint64_t image_nkeys(const struct image *img) { return img->nkeys; }
uint64_t image_ndomains(const struct image *img) { return img->ndomains; }
const char *image_version_id(const struct image *img) { return img->version_id; }
size_t image_bytes(const struct image *img) { return img->len; }
const void *image_data(const struct image *img) { return img->p; }

uint64_t
image_ntexts(const struct image *img, int space)
{
	return img->ntexts[space != 0];
}

uint64_t
image_count(const struct image *img, enum image_section s)
{
	return (unsigned)s < IMAGE_SECTIONS ? img->n[s] : 0;
}

/* Element i of s if it exists and is width bytes wide. */
static int
image_elem(const struct image *img, enum image_section s, uint64_t i,
    unsigned width, uint64_t *out)
{
	if ((unsigned)s >= IMAGE_SECTIONS || image_width[s] != width ||
	    i >= img->n[s])
		return -1;
	*out = image_get(img->p + img->off[s] + i * width, width);
	return 0;
}

int
image_u8(const struct image *img, enum image_section s, uint64_t i,
    uint8_t *out)
{
	uint64_t v;

	if (image_elem(img, s, i, 1, &v) != 0)
		return -1;
	*out = (uint8_t)v;
	return 0;
}

int
image_u32(const struct image *img, enum image_section s, uint64_t i,
    uint32_t *out)
{
	uint64_t v;

	if (image_elem(img, s, i, 4, &v) != 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int
image_u64(const struct image *img, enum image_section s, uint64_t i,
    uint64_t *out)
{
	return image_elem(img, s, i, 8, out);
}

/* Entries i and i + 1 of an offset table, rising and inside limit. */
static int
image_span(const struct image *img, enum image_section table, uint64_t i,
    uint64_t limit, uint64_t *from, uint64_t *to)
{
	unsigned w = image_width[table];

	if (image_elem(img, table, i, w, from) != 0 ||
	    image_elem(img, table, i + 1, w, to) != 0 || *from > *to ||
	    *to > limit)
		return -1;
	return 0;
}

int
image_text(const struct image *img, int space, uint32_t id,
    const char **text, size_t *len)
{
	const enum image_section *s = image_space[space != 0];
	uint64_t from, to;

	if (image_span(img, s[0], id, img->n[s[1]], &from, &to) != 0)
		return -1;
	*text = (const char *)img->p + img->off[s[1]] + from;
	*len = (size_t)(to - from);
	return 0;
}

int
image_text_docs(const struct image *img, int space, uint32_t id,
    enum image_section *section, uint64_t *first, uint64_t *n)
{
	const enum image_section *s = image_space[space != 0];
	uint64_t from, to;

	if (image_span(img, s[2], id, img->n[s[3]], &from, &to) != 0)
		return -1;
	*section = s[3];
	*first = from;
	*n = to - from;
	return 0;
}

int
image_postings(const struct image *img, int64_t key,
    const unsigned char **blob, size_t *len)
{
	uint64_t lo = 0, hi = img->nkeys, mid, v, from, to;
	int64_t k;

	/* An unsorted (damaged) table only misleads the search, inside it. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (image_elem(img, IMAGE_KEYS, mid, 8, &v) != 0)
			return -1;
		k = (int64_t)v;
		if (k == key) {
			if (image_span(img, IMAGE_KEY_AT, mid, img->n[IMAGE_POST],
			    &from, &to) != 0)
				return -1;
			*blob = img->p + img->off[IMAGE_POST] + from;
			*len = (size_t)(to - from);
			return 1;
		}
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- the full check ----------------------------------------------------- */

/* Table t rises from 0 to limit (its last entry). */
static int
image_rising(const struct image *img, enum image_section t, uint64_t limit)
{
	uint64_t i, prev = 0, v;
	unsigned w = image_width[t];

	for (i = 0; i < img->n[t]; i++) {
		if (image_elem(img, t, i, w, &v) != 0 || v < prev ||
		    (i == 0 && v != 0))
			return -1;
		prev = v;
	}
	return img->n[t] > 0 && prev == limit ? 0 : -1;
}

/* Every element of u32 section s is below limit. */
static int
image_below(const struct image *img, enum image_section s, uint64_t limit)
{
	uint64_t i, v;

	for (i = 0; i < img->n[s]; i++) {
		if (image_elem(img, s, i, 4, &v) != 0 || v >= limit)
			return -1;
	}
	return 0;
}

static const char *
image_check_why(const struct image *img, char *why, size_t size)
{
	uint64_t i, v, prev = 0, first, last;
	int s, sp;

	for (s = 0; s < IMAGE_SECTIONS; s++) {
		if (image_fnv(IMAGE_FNV_START, img->p + img->off[s],
		    (size_t)(img->n[s] * image_width[s])) != img->sum[s]) {
			snprintf(why, size, _("checksum of section %s"),
			    image_names[s]);
			return why;
		}
	}
	for (sp = 0; sp < 2; sp++) {
		if (image_rising(img, image_space[sp][0],
		    img->n[image_space[sp][1]]) != 0 ||
		    image_rising(img, image_space[sp][2],
		    img->n[image_space[sp][3]]) != 0)
			return N_("text offsets out of order");
		if (image_below(img, image_space[sp][3], img->ndocs) != 0)
			return N_("doc past the end");
	}
	if (image_rising(img, IMAGE_NAME_UAT, img->n[IMAGE_NAME_UNITS]) != 0)
		return N_("text offsets out of order");
	if (image_below(img, IMAGE_BODY_ORDER, img->ntexts[1] + 1) != 0)
		return N_("id past the end");
	/* Each body text's first doc is the one its docs start with. */
	for (i = 0; i <= img->ntexts[1]; i++) {
		if (image_elem(img, IMAGE_BODY_FIRST, i, 4, &first) != 0 ||
		    image_elem(img, IMAGE_BODY_FIRST, i + 1, 4, &last) != 0 ||
		    image_elem(img, IMAGE_BODY_FIRSTDOC, i, 4, &v) != 0)
			return N_("first docs disagree");
		if (first == last ? v != UINT32_MAX : (image_elem(img,
		    IMAGE_BODY_DOCS, first, 4, &prev) != 0 || v != prev))
			return N_("first docs disagree");
	}
	prev = 0;
	for (i = 0; i < img->ndomains; i++) {
		if (image_elem(img, IMAGE_DOMAINS, 2 * i, 4, &first) != 0 ||
		    image_elem(img, IMAGE_DOMAINS, 2 * i + 1, 4, &last) != 0 ||
		    first > last || last > img->ndocs)
			return N_("domain range past the end");
	}
	if (image_rising(img, IMAGE_KEY_AT, img->n[IMAGE_POST]) != 0)
		return N_("key offsets out of order");
	for (i = 0; i < img->nkeys; i++) {
		if (image_elem(img, IMAGE_KEYS, i, 8, &v) != 0 ||
		    (i > 0 && (int64_t)v <= (int64_t)prev))
			return N_("keys out of order");
		prev = v;
	}
	if (image_below(img, IMAGE_DOC_DOMAIN, img->ndomains) != 0)
		return N_("id past the end");
	for (i = 0; i < img->ndocs * IMAGE_FIELDS; i++) {
		if (image_elem(img, IMAGE_DOC_TEXTS, i, 4, &v) != 0 ||
		    v > img->ntexts[i % IMAGE_FIELDS != 0])
			return N_("text id past the end");
	}
	return NULL;
}

int
image_check(const struct image *img, char **error)
{
	char buf[128];
	const char *why = image_check_why(img, buf, sizeof buf);

	if (why == NULL)
		return 0;
	*error = xasprintf(_("damaged search index (%s); rebuild it with:"
	    " chayue-admin import FILE"), why == buf ? why : _(why));
	return -1;
}

const void *
image_array(struct image *img, enum image_section s)
{
	static const union { uint16_t v; unsigned char b[2]; } e = { 1 };
	unsigned char *p;
	uint64_t i;
	unsigned w;

	if ((unsigned)s >= IMAGE_SECTIONS)
		return NULL;
	w = image_width[s];
	if (e.b[0] == 1 || w == 1)	/* the image's order is the host's */
		return img->p + img->off[s];
	if (img->host[s] == NULL) {
		p = xcalloc(img->n[s] + 1, w);
		for (i = 0; i < img->n[s]; i++) {
			uint64_t v = image_get(img->p + img->off[s] + i * w, w);

			if (w == 4) {
				uint32_t u = (uint32_t)v;
				memcpy(p + i * w, &u, 4);
			} else
				memcpy(p + i * w, &v, 8);
		}
		img->host[s] = p;
	}
	return img->host[s];
}
