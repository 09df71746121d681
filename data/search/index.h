/*
 * The search index, written into a new catalogue file by the builder
 * (builder_create → search_index_create, builder_add_item →
 * search_index_add, builder_commit → search_index_finish), so the atomic
 * switch to a new catalogue covers it. Read by data/search/engine.c.
 *
 * What is stored (tables search_*, see search_index.c):
 *   - every distinct folded text, once: item names (level-2, or level-1
 *     when there is none) in one space, the other searched elements
 *     (level-1, content, basis, subject, jurisdiction) in another;
 *   - per item, its text ids, domain and level flags;
 *   - per key, the ids of the texts that have it (posting lists): a
 *     folded character, two adjacent ones, a reading (syllable), and one,
 *     two or three adjacent "sounds" (the first letters of a character's
 *     readings, or the letter or digit itself). Pinyin queries are planned
 *     on the sounds and syllables.
 */
#ifndef CHAYUE_SEARCH_INDEX_H
#define CHAYUE_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"

/* The index layout this code writes and reads (meta.search_version). */
#define SEARCH_INDEX_VERSION	1

enum search_space {
	SEARCH_NAMES = 0,
	SEARCH_BODY = 1,
};

/* Sounds: 0-25 the letters a-z, 26-35 the digits, 36 anything else. */
#define SEARCH_SOUNDS		37
#define SEARCH_SOUND_OTHER	36

/* The sounds a folded text unit can start with, as a bit set. */
uint64_t search_sounds(uint32_t c);

/* Posting-list keys. */
/*
 * Decode n bytes of folded UTF-8 (as the index stores texts) into out,
 * which has room for n code points; returns how many. Lenient: damaged
 * bytes give wrong code points, never a read past n.
 */
size_t search_utf8_decode(const char *t, size_t n, uint32_t *out);

int64_t search_key_char(enum search_space sp, uint32_t c);
int64_t search_key_pair(enum search_space sp, uint32_t a, uint32_t b);
/* A character with the reading (i18n/pinyin.h syllable id). */
int64_t search_key_syllable(enum search_space sp, unsigned id);
/* n = 1..3 adjacent sounds s[0..n). */
int64_t search_key_sounds(enum search_space sp, const int *s, int n);

/*
 * The combinations of sounds of n (1..3) adjacent units whose sound sets
 * are set[0..n) (a character with two readings has two sounds):
 *   for (ok = search_combo_first(&c, set, n); ok; ok = search_combo_next(&c))
 *           use c.snd[0..n);
 */
struct search_combo {
	const uint64_t	*set;
	uint64_t	 rest[3];
	int		 snd[3];
	int		 n;
};
int search_combo_first(struct search_combo *c, const uint64_t *set, int n);
int search_combo_next(struct search_combo *c);

/*
 * OR the text ids of a posting-list segment into the bit set bits (nbits
 * ids, bit i = id i). -1 if the blob is damaged.
 */
int search_postings_or(const unsigned char *blob, size_t len, uint64_t *bits,
    size_t nbits);

struct search_index;

/* Create the search tables in db (inside the builder's transaction). */
struct search_index *search_index_create(sqlite3 *db, char **error);

/* Index one item that was just stored with id item_id in domain_id. */
int search_index_add(struct search_index *x, int64_t item_id, int domain_id,
    const struct item *item, char **error);

/* Write what is still in memory; the transaction is the builder's. */
int search_index_finish(struct search_index *x, char **error);

void search_index_free(struct search_index *x);

#endif
