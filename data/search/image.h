/*
 * The sealed search-index image: everything search_open reads today from
 * the catalogue's search_* tables (data/search/index.h), in one
 * position-independent byte layout that a reader uses where it lies, mapped
 * read-only, instead of loading it.
 *
 * Layout (every integer little-endian, fixed width; offsets, never
 * pointers; every section starts on an 8-byte boundary):
 *
 *   header, IMAGE_HEADER_SIZE bytes:
 *     0   magic "CHAYUEIX"
 *     8   u32 layout version (IMAGE_VERSION), u32 header size
 *     16  u32 section count (IMAGE_SECTIONS), u32 0
 *     24  u64 docs, u64 names, u64 body texts, u64 keys, u64 domains
 *     64  char[40] the catalogue version (meta.version) it belongs to
 *     104 u64 the image's size in bytes (a shorter or longer file is
 *         refused: truncated, or not this image)
 *     112 per section: u64 offset, u64 element count, u64 checksum of
 *         its bytes (FNV-1a 64)
 *     ... u64 checksum (FNV-1a 64) of the header before it
 *   sections, in the order of enum image_section, each an array of
 *   fixed-width elements (the width is fixed by the section's id).
 *
 * What the sections hold (d: a doc, a position in rank order; names and
 * body texts are the two spaces, ids 1 .. n, 0 is "none"):
 *   DOC_ITEM[d] the item's id, DOC_DOMAIN[d], DOC_LEVELS[d] (1 county,
 *   2 township, 4 village), DOC_TEXTS[d * 6 + f] its text id in field f
 *   (field 0 in the names, the others in the body); DOMAINS[2k], [2k + 1]
 *   the docs [first, last) of domain id k; per space, AT (n + 2 entries)
 *   the text i is BUF[AT[i] .. AT[i + 1]), FIRST (n + 2) the docs of text i
 *   are DOCS[FIRST[i] .. FIRST[i + 1]); names only, UAT (n + 2) name i
 *   decoded is UNITS[UAT[i] .. UAT[i + 1]), one code point each (every
 *   search matches every candidate name: decoding them is done once, at
 *   import, not at every open); BODY_ORDER the body ids by their
 *   first doc; BODY_FIRSTDOC (n + 1) the first doc of body text i, or
 *   UINT32_MAX if it has none (DOCS[FIRST[i]], in a table of its own: a
 *   search reads the first docs of many texts, and there each would be a
 *   page of its own); KEYS strictly rising posting-list keys, KEY_AT (keys + 1)
 *   key k's posting list is POST[KEY_AT[k] .. KEY_AT[k + 1]); this module
 *   does not look inside it (data/search/image_db.h says what it holds).
 *
 * How it is checked. Opening (image_open_bytes, image_map) costs the same
 * at any size: the header's checksum, magic, version, and every section's
 * offset, alignment, element count against the header's counts, order and
 * end inside the file. It does not read the sections: that would touch
 * every page, which is the load this layout exists to avoid. Instead every
 * reader bounds what it reads (an index against the count, an offset pair
 * against each other and the section's end): the accessors here, and the
 * search engine over image_array (data/search/engine.c). A damaged section
 * gives a refused read, never a read outside the image. image_check reads
 * everything (section checksums, offset tables rising, keys strictly
 * rising, ids in range): the writer runs it on what it wrote before the
 * catalogue is switched in, and tests and the fuzz target run it.
 */
#ifndef CHAYUE_SEARCH_IMAGE_H
#define CHAYUE_SEARCH_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC		"CHAYUEIX"
#define IMAGE_VERSION		3
#define IMAGE_FIELDS		6	/* text ids per doc (SEARCH_FIELDS) */
#define IMAGE_VERSION_ID_MAX	40	/* bytes of the catalogue version */

enum image_section {
	IMAGE_DOC_ITEM,		/* i64 */
	IMAGE_DOC_DOMAIN,	/* u32 */
	IMAGE_DOC_LEVELS,	/* u8 */
	IMAGE_DOC_TEXTS,	/* u32, IMAGE_FIELDS per doc */
	IMAGE_DOMAINS,		/* u32, two per domain */
	IMAGE_NAME_AT,		/* u32 */
	IMAGE_NAME_BUF,		/* u8 */
	IMAGE_NAME_FIRST,	/* u32 */
	IMAGE_NAME_DOCS,	/* u32 */
	IMAGE_NAME_UAT,		/* u32 */
	IMAGE_NAME_UNITS,	/* u32 */
	IMAGE_BODY_AT,
	IMAGE_BODY_BUF,
	IMAGE_BODY_FIRST,
	IMAGE_BODY_DOCS,
	IMAGE_BODY_ORDER,	/* u32 */
	IMAGE_BODY_FIRSTDOC,	/* u32 */
	IMAGE_KEYS,		/* i64 */
	IMAGE_KEY_AT,		/* u64 */
	IMAGE_POST,		/* u8 */
	IMAGE_SECTIONS
};

#define IMAGE_HEADER_SIZE	(112 + 24 * IMAGE_SECTIONS + 8)

/* What a writer serialises: each section as an array in host order. */
struct image_parts {
	const char	*version_id;	/* meta.version; NULL: "" */
	uint64_t	 ndocs, ntexts[2], nkeys, ndomains;
	const void	*v[IMAGE_SECTIONS];
	uint64_t	 n[IMAGE_SECTIONS];	/* elements */
};

struct image;

/* The bytes parts make, serialised. */
size_t image_size(const struct image_parts *parts);

/*
 * Write parts to path (through "<path>.tmp", fsynced, renamed; the caller
 * syncs the directory), then map it back and image_check it. 0, or -1
 * with *error (caller frees) and nothing left at path.
 */
int image_write(const char *path, const struct image_parts *parts,
    char **error);

/*
 * The same image in memory (for a catalogue without its sidecar): the one
 * layout, so the one reader. Never fails; the caller owns the result and
 * frees it with image_close.
 */
struct image *image_build(const struct image_parts *parts);

/*
 * Map path read-only, or use len bytes at p (not copied: they must outlive
 * the image). The header is checked (see above). NULL with *error (caller
 * frees): "path: what; what to do". image_close unmaps or frees.
 */
struct image *image_map(const char *path, char **error);
struct image *image_open_bytes(const void *p, size_t len, char **error);
void image_close(struct image *img);

/* Read everything; 0, or -1 with *error (caller frees). */
int image_check(const struct image *img, char **error);

/*
 * Section s as an array in host order (8-byte aligned): the image itself
 * on a little-endian host, else a copy made once and owned by img. Index it
 * only within image_count(img, s), and bound every value read from it
 * (an offset, an id) before using it: nothing checked it at open.
 */
const void *image_array(struct image *img, enum image_section s);

/* The header's counts and version id (a NUL-terminated copy inside img). */
uint64_t image_ndocs(const struct image *img);
uint64_t image_ntexts(const struct image *img, int space);
uint64_t image_nkeys(const struct image *img);
uint64_t image_ndomains(const struct image *img);
const char *image_version_id(const struct image *img);
size_t image_bytes(const struct image *img);	/* the whole image */
const void *image_data(const struct image *img);	/* its first byte */

/*
 * Bounded reads: 0 with *out, or -1 if i is past the section (or the
 * element is not of that width). They never read outside the image.
 */
int image_u8(const struct image *img, enum image_section s, uint64_t i,
    uint8_t *out);
int image_u32(const struct image *img, enum image_section s, uint64_t i,
    uint32_t *out);
int image_u64(const struct image *img, enum image_section s, uint64_t i,
    uint64_t *out);
uint64_t image_count(const struct image *img, enum image_section s);

/*
 * Text id of space (0 names, 1 body): *text points into the image, *len
 * bytes (not NUL-terminated). -1 if id is out of range or its offsets are
 * damaged.
 */
int image_text(const struct image *img, int space, uint32_t id,
    const char **text, size_t *len);

/*
 * The docs of text id of space: n of them, read each with
 * image_u32(img, section, first + j). -1 as image_text.
 */
int image_text_docs(const struct image *img, int space, uint32_t id,
    enum image_section *section, uint64_t *first, uint64_t *n);

/*
 * The posting list of key (binary search over KEYS): 1 with *blob, *len
 * pointing into the image, 0 if there is none, -1 if what the search reads
 * is damaged (offsets out of order or past POST).
 */
int image_postings(const struct image *img, int64_t key,
    const unsigned char **blob, size_t *len);

#endif
