/*
 * A search query: what a visitor typed, parsed into folded units, and the
 * matcher that decides whether a (folded) text matches it.
 *
 * Matching rules. A query matches a text when the query can be consumed by
 * consecutive units of the text, each unit of the text taking:
 *   - the same folded character (Han, digit, letter, punctuation): 低保
 *     matches only where the text says 低保;
 *   - or, for a Han character, letters of the query: one of its readings
 *     in full (zui), or its initial (z, or zh/ch/sh), or - for the last
 *     character matched - the beginning of a reading (zu for zui), so that
 *     results follow every keystroke. Every reading counts (银行: yinhang;
 *     重庆: chongqing).
 * Tone numbers right after a syllable are dropped (zui4di1 = zuidi); tone
 * marks are folded away (zuì = zui).
 * So full pinyin with or without spaces (spaces are folded away), initials
 * (zdshbz) and mixtures (低保bz, zdsh保障) all match 最低生活保障标准.
 * Folding (i18n/fold.h) makes Traditional, full-width, upper case and
 * bracketed document numbers match their plain forms.
 */
#ifndef CHAYUE_QUERY_H
#define CHAYUE_QUERY_H

#include <stddef.h>
#include <stdint.h>

/* Folded units of a query; more are dropped (the bit sets are 64 wide). */
#define QUERY_MAX	63

/* How well a text matches; lower is better. */
enum query_tier {
	QUERY_EXACT = 0,	/* the whole text is the query */
	QUERY_PREFIX = 1,	/* the text starts with the query */
	QUERY_CONTAINS = 2,	/* somewhere inside */
	QUERY_NONE = 3,
};

struct query_syllable;
struct query_trans;

struct query {
	uint32_t	 u[QUERY_MAX];	/* folded code points */
	size_t		 n;
	size_t		 dropped;	/* units beyond QUERY_MAX, ignored */
	int		 letters;	/* has ASCII letters: pinyin applies */
	unsigned	 mode;		/* QUERY_SOUND | QUERY_COMMON */

	/* The matcher's tables, built by query_parse. */
	struct query_syllable	*syl;	/* per syllable id; NULL if !letters */
	struct query_trans	*trans;	/* a cache, filled while matching */
	struct {
		uint32_t	cp;
		uint64_t	at;	/* offsets i where u[i] == cp */
	}		 lit[128];	/* open addressing on cp */
};

/*
 * Modes of matching, for data/search/find.c:
 *   QUERY_SOUND: a Han character of the query also matches any character
 *   that shares one of its readings (最底 matches 最低, 户藉 户籍): the
 *   sound-alike search, tried when the exact one finds little;
 *   QUERY_COMMON: letters match only a character's common reading (its
 *   first: 和 he, not hu; 其 qi, not ji), to rank rare readings lower.
 */
#define QUERY_SOUND	1u
#define QUERY_COMMON	2u

/* Does the query need the matcher (letters, or sound-alike)? */
#define QUERY_FUZZY(q)	((q)->letters || ((q)->mode & QUERY_SOUND))

/*
 * Parse s[0..len) (UTF-8 from a keyboard, a terminal or a command line: may
 * be invalid, hold control characters or be very long). Returns the number
 * of units (0: nothing to search for). Release with query_done.
 */
size_t query_parse(struct query *q, const char *s, size_t len);
/* The same, matching in the given modes (QUERY_SOUND, QUERY_COMMON). */
size_t query_parse_mode(struct query *q, const char *s, size_t len,
    unsigned mode);
void query_done(struct query *q);

/*
 * QUERY_SOUND: the first letters (bit 0 a … bit 25 z) of the readings a
 * text character may have to sound like Han unit i (for planning).
 */
uint64_t query_sound_initials(const struct query *q, size_t i);

/* Is unit i an ASCII letter (pinyin or Latin text)? */
int query_is_letter(const struct query *q, size_t i);

/* How the folded text t[0..n) matches q. */
enum query_tier query_match(const struct query *q, const uint32_t *t, size_t n);

/* Does the folded text match at all? (Faster than query_match.) */
int query_contains(const struct query *q, const uint32_t *t, size_t n);

/*
 * The leftmost match in t[0..n): units [*start, *end). 0 if found, -1 if
 * the text does not match.
 */
int query_find(const struct query *q, const uint32_t *t, size_t n,
    size_t *start, size_t *end);

#endif
