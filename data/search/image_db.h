/*
 * The search-index image (data/search/image.h) made from a catalogue's
 * search_* tables (data/search/index.h): what the builder writes as the
 * sidecar of a new version, and what a reader builds in memory when a
 * catalogue has no sidecar (copied alone, or built by an older chayue),
 * so that the search reads one layout either way.
 *
 * A key's posting list in the image is the key's segments in the order
 * they were written, each a u32 little-endian length and then the segment
 * in the format of search_postings_or.
 */
#ifndef CHAYUE_SEARCH_IMAGE_DB_H
#define CHAYUE_SEARCH_IMAGE_DB_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "data/search/image.h"

/*
 * Read db's search tables into parts (the arrays are the caller's: free
 * them with image_db_parts_done, also after a failure). version_id is
 * copied by reference (keep it alive while parts is used). 0, or -1 with
 * *error (caller frees).
 */
int image_db_parts(sqlite3 *db, const char *version_id,
    struct image_parts *parts, char **error);
void image_db_parts_done(struct image_parts *parts);

/* The image of db's search tables, in memory (caller: image_close). */
struct image *image_db_build(sqlite3 *db, const char *version_id,
    char **error);

/*
 * The sidecar of version id of the catalogue at path:
 * "<path>.versions/<id>.idx", written by the switch (data/versions) before
 * the version is switched in, removed when it is pruned. Caller frees.
 */
char *image_db_sidecar(const char *path, const char *id);

/*
 * OR the text ids of a posting list (blob, len: image_postings) into bits
 * (nbits ids). 0, or -1 if the list is damaged.
 */
int image_db_segments_or(const unsigned char *blob, size_t len,
    uint64_t *bits, size_t nbits);

/*
 * OR the text ids of key's posting list into bits (nbits ids). 0 (also if
 * the key has none), or -1 if the list is damaged.
 */
int image_db_postings_or(const struct image *img, int64_t key, uint64_t *bits,
    size_t nbits);

#endif
