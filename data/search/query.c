/*
 * The matcher is a bit-parallel NFA over query offsets: bit i of a state
 * set means "the query is consumed up to offset i"; bit n means a match.
 * Each text unit moves every offset forward at once, by the length of what
 * it consumes there (1 for the same character, a reading's length, 1 or 2
 * for an initial). The tables below say, per syllable, at which offsets
 * the query spells it in full, spells its initial or ends with its start.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/query.h"
#include "i18n/fold.h"
#include "i18n/pinyin.h"
#include "lib/xmalloc.h"

#define LIT_SLOTS	(sizeof ((struct query *)0)->lit / \
			    sizeof ((struct query *)0)->lit[0])

/*
 * What one text character does to a set of offsets, per query: m[k] holds
 * the offsets it moves k forward (1..6), m[0] those where it ends a match
 * (the query ends with the beginning of one of its readings), any is all
 * of them. Kept in a small direct-mapped cache, since a text repeats its
 * characters and most of them move nothing.
 */
struct query_trans {
	uint32_t	cp;		/* 0: empty slot */
	uint64_t	any;
	uint64_t	m[7];
};
#define TRANS_SLOTS	2048

struct query_syllable {
	uint64_t	full;	/* offsets where the whole syllable is typed */
	uint64_t	init1;	/* where its first letter is */
	uint64_t	init2;	/* where its zh/ch/sh is */
	uint64_t	part;	/* where the query ends with its beginning */
	uint64_t	han;	/* QUERY_SOUND: where a Han character of the
				   query has this reading */
	uint8_t		len;
};

static size_t
query_slot(uint32_t cp)
{
	return (size_t)((cp * 2654435761u) >> 25) & (LIT_SLOTS - 1);
}

/* Offsets where the query has exactly cp. */
static uint64_t
query_lit(const struct query *q, uint32_t cp)
{
	size_t i = query_slot(cp);

	while (q->lit[i].cp != 0) {
		if (q->lit[i].cp == cp)
			return q->lit[i].at;
		i = (i + 1) & (LIT_SLOTS - 1);
	}
	return 0;
}

static void
query_add_lit(struct query *q, uint32_t cp, size_t at)
{
	size_t i = query_slot(cp);

	while (q->lit[i].cp != 0 && q->lit[i].cp != cp)
		i = (i + 1) & (LIT_SLOTS - 1);
	q->lit[i].cp = cp;
	q->lit[i].at |= (uint64_t)1 << at;
}

int
query_is_letter(const struct query *q, size_t i)
{
	return i < q->n && q->u[i] >= 'a' && q->u[i] <= 'z';
}

/* Do the query's units from i spell name[0..len)? */
static int
query_spells(const struct query *q, size_t i, const char *name, size_t len)
{
	size_t k;

	if (i + len > q->n)
		return 0;
	for (k = 0; k < len; k++) {
		if (q->u[i + k] != (unsigned char)name[k])
			return 0;
	}
	return 1;
}

static void
query_fill_syllable(struct query *q, struct query_syllable *s,
    const char *name)
{
	size_t i, len = strlen(name);
	uint64_t bit;

	s->len = (uint8_t)len;
	for (i = 0; i < q->n; i++) {
		if (q->u[i] != (unsigned char)name[0] || !query_is_letter(q, i))
			continue;
		bit = (uint64_t)1 << i;
		s->init1 |= bit;
		if (query_spells(q, i, name, len))
			s->full |= bit;
		if (len >= 2 && name[1] == 'h' && strchr("zcs", name[0]) &&
		    query_spells(q, i, name, 2))
			s->init2 |= bit;
		if (q->n - i <= len && query_spells(q, i, name, q->n - i))
			s->part |= bit;
	}
}

static void
query_build(struct query *q)
{
	size_t i, nsyl = pinyin_syllables();

	const uint16_t *ids;
	unsigned alike[4];
	size_t k, n, m, j;

	for (i = 0; i < q->n; i++)
		query_add_lit(q, q->u[i], i);
	if (!QUERY_FUZZY(q))
		return;
	q->syl = xcalloc(nsyl, sizeof *q->syl);
	q->trans = xcalloc(TRANS_SLOTS, sizeof *q->trans);
	for (i = 0; q->letters && i < nsyl; i++)
		query_fill_syllable(q, &q->syl[i], pinyin_syllable((unsigned)i));
	/* Sound-alike: every reading, and what sounds like it (zhao, zao). */
	for (i = 0; (q->mode & QUERY_SOUND) && i < q->n; i++) {
		n = q->u[i] >= 0x2E80 ? pinyin_readings(q->u[i], &ids) : 0;
		for (k = 0; k < n; k++) {
			q->syl[ids[k]].han |= (uint64_t)1 << i;
			m = pinyin_alike(ids[k], alike, 4);
			for (j = 0; j < m; j++)
				q->syl[alike[j]].han |= (uint64_t)1 << i;
		}
	}
}

/*
 * Is the digit at f->v[i] a tone number (zui4, lv4): 1-5 right after
 * letters that end with a syllable, and not part of a longer number?
 */
static int
query_tone(const struct fold_text *f, size_t i)
{
	char letters[8];
	size_t k, n;

	if (f->v[i] < '1' || f->v[i] > '5' || i == 0 ||
	    (i + 1 < f->n && f->v[i + 1] >= '0' && f->v[i + 1] <= '9'))
		return 0;
	for (n = 0; n < 6 && n < i && f->v[i - 1 - n] >= 'a' &&
	    f->v[i - 1 - n] <= 'z'; n++)
		letters[5 - n] = (char)f->v[i - 1 - n];
	for (k = 1; k <= n; k++) {
		if (pinyin_find(letters + 6 - k, k) >= 0)
			return 1;
	}
	return 0;
}

size_t
query_parse(struct query *q, const char *s, size_t len)
{
	return query_parse_mode(q, s, len, 0);
}

size_t
query_parse_mode(struct query *q, const char *s, size_t len, unsigned mode)
{
	struct fold_text f;
	size_t i;

	memset(q, 0, sizeof *q);
	q->mode = mode;
	fold_text_init(&f);
	fold_text(&f, s != NULL ? s : "", s != NULL ? len : 0);
	for (i = 0; i < f.n; i++) {
		if (query_tone(&f, i))
			continue;
		if (q->n == QUERY_MAX) {
			q->dropped = f.n - i;
			break;
		}
		q->u[q->n++] = f.v[i];
		if (f.v[i] >= 'a' && f.v[i] <= 'z')
			q->letters = 1;
	}
	fold_text_done(&f);
	query_build(q);
	return q->n;
}

void
query_done(struct query *q)
{
	free(q->syl);
	free(q->trans);
	q->syl = NULL;
	q->trans = NULL;
}

/* The transitions of Han character c for this query. */
static void
query_fill_trans(const struct query *q, struct query_trans *t, uint32_t c)
{
	const struct query_syllable *s;
	const uint16_t *ids;
	size_t k, i;

	memset(t, 0, sizeof *t);
	t->cp = c;
	t->m[1] = query_lit(q, c);
	k = pinyin_readings(c, &ids);
	for (i = 0; i < k; i++) {
		s = &q->syl[ids[i]];
		/* Sound-alike: the text's character as it is usually read. */
		if (i == 0)
			t->m[1] |= s->han;
		if (i > 0 && (q->mode & QUERY_COMMON))
			continue;
		t->m[s->len] |= s->full;
		t->m[1] |= s->init1;
		t->m[2] |= s->init2;
		t->m[0] |= s->part;
	}
	for (i = 0; i < 7; i++)
		t->any |= t->m[i];
}

/* The offsets reached after text unit c from the offsets in act. */
static uint64_t
query_step(const struct query *q, uint64_t act, uint32_t c)
{
	struct query_trans *t;
	uint64_t next;
	size_t k;

	if (q->syl == NULL || c < 0x2E80)
		return (act & query_lit(q, c)) << 1;
	t = &q->trans[(c * 2654435761u >> 21) & (TRANS_SLOTS - 1)];
	if (t->cp != c)
		query_fill_trans(q, t, c);
	if ((act & t->any) == 0)
		return 0;
	next = (act & t->m[0]) ? (uint64_t)1 << q->n : 0;
	for (k = 1; k < 7; k++)
		next |= (act & t->m[k]) << k;
	return next;
}

int
query_contains(const struct query *q, const uint32_t *t, size_t n)
{
	uint64_t act = 0, done;
	size_t j;

	if (q->n == 0)
		return 0;
	done = (uint64_t)1 << q->n;
	for (j = 0; j < n; j++) {
		act = query_step(q, act | 1, t[j]);
		if (act & done)
			return 1;
	}
	return 0;
}

enum query_tier
query_match(const struct query *q, const uint32_t *t, size_t n)
{
	uint64_t any = 0, anchored = 1, done;
	enum query_tier tier = QUERY_NONE;
	size_t j;

	if (q->n == 0)
		return QUERY_NONE;
	done = (uint64_t)1 << q->n;
	for (j = 0; j < n; j++) {
		any = query_step(q, any | 1, t[j]);
		if (anchored != 0) {
			anchored = query_step(q, anchored, t[j]);
			if (anchored & done)
				tier = j + 1 == n ? QUERY_EXACT : QUERY_PREFIX;
			anchored &= ~done;
		}
		if ((any & done) && tier > QUERY_CONTAINS)
			tier = QUERY_CONTAINS;
		any &= ~done;
		/* Nothing can get better once the anchored run is over. */
		if (anchored == 0 && tier != QUERY_NONE)
			break;
	}
	return tier;
}

int
query_find(const struct query *q, const uint32_t *t, size_t n, size_t *start,
    size_t *end)
{
	uint64_t act, done;
	size_t s, j;

	if (q->n == 0)
		return -1;
	done = (uint64_t)1 << q->n;
	for (s = 0; s < n; s++) {
		act = 1;
		for (j = s; j < n && act != 0; j++) {
			act = query_step(q, act, t[j]);
			if (act & done) {
				*start = s;
				*end = j + 1;
				return 0;
			}
		}
	}
	return -1;
}

uint64_t
query_sound_initials(const struct query *q, size_t i)
{
	uint64_t set = 0, bit = (uint64_t)1 << i;
	size_t k, nsyl = pinyin_syllables();

	for (k = 0; q->syl != NULL && k < nsyl; k++) {
		if (q->syl[k].han & bit)
			set |= (uint64_t)1 << (pinyin_syllable((unsigned)k)[0] -
			    'a');
	}
	return set;
}
