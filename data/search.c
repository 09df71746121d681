/*
 * The read side of the search index (layout in data/search_index.c).
 *
 * A search has three steps:
 *   1. plan: from the posting lists, the set of candidate texts in each
 *      space (names, other elements), a superset of those that match: the
 *      query's adjacent characters, and its adjacent sounds under every
 *      way of cutting its letters into syllables and initials;
 *   2. verify: run the matcher (data/query.h) on candidate texts, each
 *      distinct text at most once per search. Names are in memory; other
 *      texts are read from the file, and a bounded search verifies at most
 *      SEARCH_BUDGET of them;
 *   3. rank: walk the items in domain order and put each in its tier.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistr.h>

#include "data/search.h"
#include "data/search_index.h"
#include "data/store.h"
#include "i18n/fold.h"
#include "i18n/i18n.h"
#include "i18n/pinyin.h"
#include "lib/xmalloc.h"

/* Distinct non-name texts a bounded search reads and verifies. */
#define SEARCH_BUDGET		2000
/* Posting lists kept (as bit sets) from one keystroke to the next. */
#define SEARCH_CACHE_BYTES	(8u << 20)
/* The longest syllable: zhuang. */
#define SEARCH_SYLLABLE_MAX	6

struct search_doc {
	int64_t		item;
	uint32_t	text[SEARCH_FIELDS];	/* [0] a name id, then others */
	uint8_t		levels;			/* 1 county, 2 township, 4 village */
};

/* The docs of one domain are docs[first .. last). */
struct search_range {
	size_t		first, last;
};

/* A posting list as a bit set over one space's text ids. */
struct search_bits {
	int64_t		 key;
	uint64_t	*bits;
};

struct search {
	sqlite3			*db;
	sqlite3_stmt		*post;		/* a key's segments */
	sqlite3_stmt		*text;		/* a non-name text */
	struct search_doc	*docs;		/* in domain order */
	size_t			 ndocs;
	struct search_range	*domains;	/* by domain id */
	size_t			 ndomains;
	size_t			 nbits[2];	/* ids 1 .. nbits-1 per space */
	size_t			 words[2];
	char			*names;		/* folded names, back to back */
	size_t			*name_at;	/* name id i: [name_at[i], [i+1]) */

	/* Per search. */
	uint64_t		*cand[2];
	uint8_t			*memo[2];
	uint32_t		*units;
	size_t			 capunits;
	char			*qutf8;		/* the folded query */
	size_t			 qlen;
	size_t			 budget;

	struct search_bits	*cache;
	size_t			 ncache, capcache, cachebytes;
};

static const char *const search_labels[SEARCH_FIELDS] = {
	N_("Level-2 item"), N_("Level-1 item"), N_("Content"), N_("Basis"),
	N_("Subject"), N_("Published by"),
};

const char *
search_field_label(enum search_field f)
{
	return f < SEARCH_FIELDS ? search_labels[f] : "";
}

static char *
search_error(struct search *s, const char *what)
{
	return xasprintf("cannot read %s: %s", what, sqlite3_errmsg(s->db));
}

void
search_free(struct search *s)
{
	size_t i;

	if (s == NULL)
		return;
	sqlite3_finalize(s->post);
	sqlite3_finalize(s->text);
	for (i = 0; i < s->ncache; i++)
		free(s->cache[i].bits);
	free(s->cache);
	free(s->docs);
	free(s->domains);
	free(s->names);
	free(s->name_at);
	for (i = 0; i < 2; i++) {
		free(s->cand[i]);
		free(s->memo[i]);
	}
	free(s->units);
	free(s->qutf8);
	free(s);
}

/* One integer from meta; -1 if it is not there. */
static long long
search_meta(struct search *s, const char *key)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
search_count(struct search *s, const char *sql, size_t *n, char **error)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*error = search_error(s, "the search index");
		return -1;
	}
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		*error = search_error(s, "the search index");
		return -1;
	}
	return 0;
}

/* The items in rank order, and where each domain's items are. */
static int
search_load_docs(struct search *s, char **error)
{
	sqlite3_stmt *st;
	struct search_doc *d;
	size_t n = 0, dom, i;
	int rc;

	if (search_count(s, "SELECT COUNT(*) FROM search_doc", &s->ndocs,
	    error) != 0 || search_count(s, "SELECT MAX(id) + 1 FROM domain",
	    &s->ndomains, error) != 0)
		return -1;
	s->docs = xcalloc(s->ndocs + 1, sizeof *s->docs);
	s->domains = xcalloc(s->ndomains + 1, sizeof *s->domains);
	if (sqlite3_prepare_v2(s->db, "SELECT s.item, s.domain_id, s.levels,"
	    " s.name, s.grp, s.content, s.basis, s.subject, s.jurisdiction"
	    " FROM search_doc AS s JOIN domain AS d ON d.id = s.domain_id"
	    " ORDER BY d.position, s.item", -1, &st, NULL) != SQLITE_OK) {
		*error = search_error(s, "the search index");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < s->ndocs) {
		d = &s->docs[n];
		d->item = sqlite3_column_int64(st, 0);
		dom = (size_t)sqlite3_column_int64(st, 1);
		d->levels = (uint8_t)sqlite3_column_int(st, 2);
		for (i = 0; i < SEARCH_FIELDS; i++)
			d->text[i] = (uint32_t)sqlite3_column_int64(st, 3 + (int)i);
		if (dom < s->ndomains) {
			if (s->domains[dom].last == 0)
				s->domains[dom].first = n;
			s->domains[dom].last = n + 1;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*error = search_error(s, "the search index");
		return -1;
	}
	s->ndocs = n;
	return 0;
}

/* Every folded name, back to back, for verifying names in memory. */
static int
search_load_names(struct search *s, char **error)
{
	sqlite3_stmt *st;
	size_t n = s->nbits[SEARCH_NAMES], cap = 4096, len = 0, id, k;
	const char *t;
	int rc;

	s->name_at = xcalloc(n + 1, sizeof *s->name_at);
	s->names = xmalloc(cap);
	if (sqlite3_prepare_v2(s->db, "SELECT id, folded FROM search_name"
	    " ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		*error = search_error(s, "the search index");
		return -1;
	}
	for (id = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; ) {
		k = (size_t)sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		if (k >= n || t == NULL)
			continue;
		while (id <= k)
			s->name_at[id++] = len;
		while (len + strlen(t) + 1 > cap)
			s->names = xreallocarray(s->names, cap *= 2, 1);
		memcpy(s->names + len, t, strlen(t));
		len += strlen(t);
	}
	while (id <= n)
		s->name_at[id++] = len;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*error = search_error(s, "the search index");
		return -1;
	}
	return 0;
}

static int
search_load(struct catalogue *cat, struct search *s, char **error)
{
	long long names, texts;
	int i;

	s->db = catalogue_db(cat);
	names = search_meta(s, "search_names");
	texts = search_meta(s, "search_texts");
	if (search_meta(s, "search_version") != SEARCH_INDEX_VERSION ||
	    names < 0 || texts < 0 || names >= UINT32_MAX || texts >= UINT32_MAX) {
		*error = xstrdup(_("this catalogue has no search index; rebuild"
		    " it with: chayue-admin import FILE"));
		return -1;
	}
	s->nbits[SEARCH_NAMES] = (size_t)names + 1;
	s->nbits[SEARCH_BODY] = (size_t)texts + 1;
	for (i = 0; i < 2; i++) {
		s->words[i] = (s->nbits[i] + 63) / 64;
		s->cand[i] = xcalloc(s->words[i], sizeof *s->cand[i]);
		s->memo[i] = xcalloc(s->nbits[i], 1);
	}
	if (sqlite3_prepare_v3(s->db, "SELECT ids FROM search_post WHERE"
	    " key = ?1", -1, SQLITE_PREPARE_PERSISTENT, &s->post, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v3(s->db, "SELECT folded FROM"
	    " search_text WHERE id = ?1", -1, SQLITE_PREPARE_PERSISTENT,
	    &s->text, NULL) != SQLITE_OK) {
		*error = search_error(s, "the search index");
		return -1;
	}
	if (search_load_docs(s, error) != 0 || search_load_names(s, error) != 0)
		return -1;
	return 0;
}

int
search_prepare(struct catalogue *cat, char **error)
{
	struct search **slot = catalogue_search(cat), *s;

	if (*slot != NULL)
		return 0;
	s = xcalloc(1, sizeof *s);
	if (search_load(cat, s, error) != 0) {
		search_free(s);
		return -1;
	}
	*slot = s;
	return 0;
}

/* ---- posting lists as bit sets ------------------------------------------ */

static void
search_cache_clear(struct search *s)
{
	size_t i;

	for (i = 0; i < s->ncache; i++)
		free(s->cache[i].bits);
	s->ncache = 0;
	s->cachebytes = 0;
}

/* The texts of space sp that have key (cached); NULL with *error. */
static const uint64_t *
search_key_bits(struct search *s, enum search_space sp, int64_t key,
    char **error)
{
	const unsigned char *blob;
	uint64_t *bits;
	size_t i;
	int rc;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].key == key)
			return s->cache[i].bits;
	}
	bits = xcalloc(s->words[sp], sizeof *bits);
	sqlite3_reset(s->post);
	sqlite3_bind_int64(s->post, 1, key);
	while ((rc = sqlite3_step(s->post)) == SQLITE_ROW) {
		blob = sqlite3_column_blob(s->post, 0);
		if (search_postings_or(blob, (size_t)sqlite3_column_bytes(s->post,
		    0), bits, s->nbits[sp]) != 0) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	sqlite3_reset(s->post);
	if (rc != SQLITE_DONE) {
		free(bits);
		*error = search_error(s, "the search index");
		return NULL;
	}
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? 2 * s->capcache : 64;
		s->cache = xreallocarray(s->cache, s->capcache, sizeof *s->cache);
	}
	s->cache[s->ncache].key = key;
	s->cache[s->ncache++].bits = bits;
	s->cachebytes += s->words[sp] * sizeof *bits;
	return bits;
}

/* out &= in; returns whether anything is left. */
static int
search_and(uint64_t *out, const uint64_t *in, size_t words)
{
	uint64_t any = 0;
	size_t i;

	for (i = 0; i < words; i++)
		any |= out[i] &= in[i];
	return any != 0;
}

/* out |= a & b. */
static void
search_or_and(uint64_t *out, const uint64_t *a, const uint64_t *b,
    size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		out[i] |= a[i] & b[i];
}

/*
 * Texts with n adjacent units whose sounds are in the sets set[0..n):
 * the union over every combination (a character with two readings has
 * two sounds). Into out; -1 with *error.
 */
static int
search_sound_bits(struct search *s, enum search_space sp, const uint64_t *set,
    int n, uint64_t *out, char **error)
{
	const uint64_t *bits;
	int snd[3], k, i;
	uint64_t rest[3];

	memset(out, 0, s->words[sp] * sizeof *out);
	for (i = 0; i < n; i++)
		rest[i] = set[i];
	/* Odometer over the combinations of set bits. */
	for (;;) {
		for (i = 0; i < n; i++)
			snd[i] = __builtin_ctzll(rest[i]);
		if ((bits = search_key_bits(s, sp, search_key_sounds(sp, snd, n),
		    error)) == NULL)
			return -1;
		for (k = 0; k < (int)s->words[sp]; k++)
			out[k] |= bits[k];
		for (i = n - 1; i >= 0; i--) {
			rest[i] &= rest[i] - 1;
			if (rest[i] != 0)
				break;
			rest[i] = set[i];
		}
		if (i < 0)
			return 0;
	}
}

/* ---- planning ------------------------------------------------------------ */

/*
 * Can the query's units [b, c) be matched by one unit of a text? 1: yes,
 * and more may follow; 2: only as the last one (the beginning of a
 * syllable); 3: both; 0: no. A non-letter is a unit on its own; letters
 * make a syllable, an initial (one letter, or zh ch sh) or a Latin letter.
 */
static int
search_unit(const struct query *q, const char *letters, size_t b, size_t c)
{
	size_t len = c - b, i;
	int r = 0;

	if (!query_is_letter(q, b))
		return len == 1 ? 3 : 0;
	for (i = b; i < c; i++) {
		if (!query_is_letter(q, i))
			return 0;
	}
	if (len == 1)
		return 3;
	if (pinyin_find(letters + b, len) >= 0 || (len == 2 &&
	    letters[b + 1] == 'h' && strchr("zcs", letters[b]) != NULL))
		r = 3;
	if (c == q->n && pinyin_is_prefix(letters + b, len))
		r |= 2;
	return r;
}

/* The planner's states: r[b][k] = texts that can match up to a unit
 * starting at b whose previous unit started at b - k (k = 0: none). */
struct search_dp {
	uint64_t	*r[QUERY_MAX + 1][SEARCH_SYLLABLE_MAX + 1];
	uint64_t	 snd[QUERY_MAX];	/* sounds of a unit starting at i */
	char		 letters[QUERY_MAX + 1];
	uint64_t	*tmp;
};

static void
search_dp_free(struct search_dp *dp)
{
	size_t b, k;

	for (b = 0; b <= QUERY_MAX; b++) {
		for (k = 0; k <= SEARCH_SYLLABLE_MAX; k++)
			free(dp->r[b][k]);
	}
	free(dp->tmp);
}

/* From state (b - k, b) over the unit [b, c): into (b, c) or the result. */
static int
search_dp_step(struct search *s, const struct query *q, enum search_space sp,
    struct search_dp *dp, size_t b, size_t k, size_t c, uint64_t *out,
    char **error)
{
	const uint64_t *from = dp->r[b][k];
	uint64_t set[3], **to;
	int v = search_unit(q, dp->letters, b, c), n = 0;
	size_t i;

	if (c == q->n) {
		for (i = 0; (v & 2) && i < s->words[sp]; i++)
			out[i] |= from[i];
		return 0;
	}
	if (!(v & 1))
		return 0;
	if (k > 0)
		set[n++] = dp->snd[b - k];
	set[n++] = dp->snd[b];
	set[n++] = dp->snd[c];
	if (search_sound_bits(s, sp, set, n, dp->tmp, error) != 0)
		return -1;
	to = &dp->r[c][c - b];
	if (*to == NULL)
		*to = xcalloc(s->words[sp], sizeof **to);
	search_or_and(*to, from, dp->tmp, s->words[sp]);
	return 0;
}

/*
 * The texts in which the query's sounds can follow each other, for some
 * way of cutting its letters into units: a necessary condition for a
 * match, checked on the posting lists of one, two and three adjacent
 * sounds. Into out; -1 with *error.
 */
static int
search_dp(struct search *s, const struct query *q, enum search_space sp,
    uint64_t *out, char **error)
{
	struct search_dp dp;
	size_t b, k, c, w = s->words[sp];
	int rc = 0;

	memset(&dp, 0, sizeof dp);
	for (b = 0; b < q->n; b++) {
		dp.letters[b] = query_is_letter(q, b) ? (char)q->u[b] : '\0';
		dp.snd[b] = query_is_letter(q, b) ? (uint64_t)1 << (q->u[b] - 'a') :
		    search_sounds(q->u[b]);
	}
	dp.tmp = xcalloc(w, sizeof *dp.tmp);
	dp.r[0][0] = xcalloc(w, sizeof *dp.r[0][0]);
	memset(out, 0, w * sizeof *out);
	rc = search_sound_bits(s, sp, &dp.snd[0], 1, dp.r[0][0], error);
	for (b = 0; rc == 0 && b < q->n; b++) {
		for (k = 0; rc == 0 && k <= SEARCH_SYLLABLE_MAX; k++) {
			if (dp.r[b][k] == NULL)
				continue;
			for (c = b + 1; rc == 0 && c <= q->n &&
			    c <= b + SEARCH_SYLLABLE_MAX; c++)
				rc = search_dp_step(s, q, sp, &dp, b, k, c, out,
				    error);
			free(dp.r[b][k]);
			dp.r[b][k] = NULL;
		}
	}
	search_dp_free(&dp);
	return rc;
}

/*
 * The candidate texts of space sp into s->cand[sp]: those with every pair
 * of adjacent non-letters of the query (or its one character), and, if it
 * has letters, its sounds in order. Returns 1 if every candidate is sure
 * to match (one or two characters, or one letter), 0 if candidates must be
 * verified, -1 with *error.
 */
static int
search_plan(struct search *s, const struct query *q, enum search_space sp,
    char **error)
{
	uint64_t *cand = s->cand[sp], *dp;
	const uint64_t *bits;
	size_t i, w = s->words[sp];
	int64_t key;

	memset(cand, 0xff, w * sizeof *cand);
	cand[0] &= ~(uint64_t)1;	/* no text has id 0 */
	for (i = 0; i < q->n; i++) {
		if (query_is_letter(q, i))
			continue;
		if (i + 1 < q->n && !query_is_letter(q, i + 1))
			key = search_key_pair(sp, q->u[i], q->u[i + 1]);
		else if ((i == 0 || query_is_letter(q, i - 1)))
			key = search_key_char(sp, q->u[i]);
		else
			continue;	/* the pair before covers it */
		if ((bits = search_key_bits(s, sp, key, error)) == NULL)
			return -1;
		if (!search_and(cand, bits, w))
			return 1;	/* nothing can match */
	}
	if (!q->letters)
		return q->n <= 2;
	dp = xcalloc(w, sizeof *dp);
	if (search_dp(s, q, sp, dp, error) != 0) {
		free(dp);
		return -1;
	}
	search_and(cand, dp, w);
	free(dp);
	return q->n == 1;
}

/* ---- verifying ----------------------------------------------------------- */

static int
search_has(const uint64_t *bits, uint32_t id)
{
	return (int)(bits[id / 64] >> (id % 64) & 1);
}

/* Decode folded UTF-8 into s->units; returns the number of units. */
static size_t
search_units(struct search *s, const char *t, size_t len)
{
	const uint8_t *p = (const uint8_t *)t, *end = p + len;
	size_t n = 0;
	ucs4_t c;
	int k;

	if (s->capunits < len) {
		s->capunits = len + 64;
		s->units = xreallocarray(s->units, s->capunits, sizeof *s->units);
	}
	while (p < end) {
		k = u8_mbtouc(&c, p, (size_t)(end - p));
		s->units[n++] = c;
		p += k > 0 ? k : 1;
	}
	return n;
}

/* How a folded text matches a query without letters: plain byte compares. */
static enum query_tier
search_literal_tier(const struct search *s, const char *t, size_t len)
{
	if (len < s->qlen)
		return QUERY_NONE;
	if (memcmp(t, s->qutf8, s->qlen) == 0)
		return len == s->qlen ? QUERY_EXACT : QUERY_PREFIX;
	return memmem(t, len, s->qutf8, s->qlen) != NULL ? QUERY_CONTAINS :
	    QUERY_NONE;
}

/* The tier of name id; sure: every candidate matches somewhere. */
static enum query_tier
search_name_tier(struct search *s, const struct query *q, uint32_t id,
    int sure)
{
	const char *t;
	size_t len, n;
	enum query_tier tier;
	ucs4_t first;
	int k;

	if (s->memo[SEARCH_NAMES][id] != 0)
		return (enum query_tier)(s->memo[SEARCH_NAMES][id] - 1);
	t = s->names + s->name_at[id];
	len = s->name_at[id + 1] - s->name_at[id];
	if (!search_has(s->cand[SEARCH_NAMES], id))
		tier = QUERY_NONE;
	else if (!q->letters)
		tier = search_literal_tier(s, t, len);
	else if (sure && q->n == 1) {
		/* One letter: only the first unit decides between tiers. */
		k = u8_mbtouc(&first, (const uint8_t *)t, len);
		tier = query_match(q, &first, 1);
		if (tier == QUERY_EXACT && (size_t)k < len)
			tier = QUERY_PREFIX;
		else if (tier == QUERY_NONE)
			tier = QUERY_CONTAINS;
	} else {
		n = search_units(s, t, len);
		tier = query_match(q, s->units, n);
	}
	s->memo[SEARCH_NAMES][id] = (uint8_t)(tier + 1);
	return tier;
}

/* Read a non-name text and match it. */
static int
search_verify_text(struct search *s, const struct query *q, uint32_t id)
{
	const char *t;
	size_t len;
	int r = 0;

	sqlite3_reset(s->text);
	sqlite3_bind_int64(s->text, 1, id);
	if (sqlite3_step(s->text) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(s->text, 0);
		len = (size_t)sqlite3_column_bytes(s->text, 0);
		if (t == NULL)
			r = 0;
		else if (!q->letters)
			r = memmem(t, len, s->qutf8, s->qlen) != NULL;
		else
			r = query_contains(q, s->units, search_units(s, t, len));
	}
	sqlite3_reset(s->text);
	return r;
}

/* Does text id (not a name) match? 1, 0, or -1: over budget, unknown. */
static int
search_text_matches(struct search *s, const struct query *q, uint32_t id,
    int sure)
{
	uint8_t *m = &s->memo[SEARCH_BODY][id];

	if (*m != 0)
		return *m == 2;
	if (!search_has(s->cand[SEARCH_BODY], id))
		*m = 1;
	else if (sure)
		*m = 2;
	else if (s->budget == 0)
		return -1;
	else {
		s->budget--;
		*m = search_verify_text(s, q, id) ? 2 : 1;
	}
	return *m == 2;
}

/* ---- ranking ------------------------------------------------------------- */

/* The first cap hits of one tier, in domain order, and how many there are. */
struct search_tier {
	struct search_hit	*v;
	size_t			 n, alloc, cap, count;
};

static void
search_tier_add(struct search_tier *t, int64_t item, enum query_tier tier,
    enum search_field field)
{
	t->count++;
	if (t->n == t->cap)
		return;
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->v = xreallocarray(t->v, t->alloc, sizeof *t->v);
	}
	t->v[t->n].item = item;
	t->v[t->n].tier = tier;
	t->v[t->n++].field = field;
}

static int
search_level_ok(uint8_t levels, enum level_filter level)
{
	switch (level) {
	case LEVEL_COUNTY:	return levels & 1;
	case LEVEL_TOWNSHIP:	return levels & 2;
	case LEVEL_VILLAGE:	return levels & 4;
	case LEVEL_UNSTATED:	return levels == 0;
	default:		return 1;
	}
}

/* The docs a filter leaves: [*lo, *hi) and the level. */
static enum level_filter
search_range(const struct search *s, const struct search_filter *f,
    size_t *lo, size_t *hi)
{
	*lo = 0;
	*hi = s->ndocs;
	if (f == NULL)
		return LEVEL_ANY;
	if (f->domain_id > 0) {
		if ((size_t)f->domain_id < s->ndomains) {
			*lo = s->domains[f->domain_id].first;
			*hi = s->domains[f->domain_id].last;
		} else
			*hi = 0;
	}
	return f->level;
}

/* Tiers 0-2: every item whose name matches (names are in memory). */
static void
search_names_pass(struct search *s, const struct query *q, int sure,
    const struct search_filter *f, struct search_tier *t)
{
	enum level_filter level;
	enum query_tier tier;
	size_t lo, hi, d;

	level = search_range(s, f, &lo, &hi);
	for (d = lo; d < hi; d++) {
		if (!search_level_ok(s->docs[d].levels, level))
			continue;
		tier = search_name_tier(s, q, s->docs[d].text[0], sure);
		if (tier != QUERY_NONE)
			search_tier_add(&t[tier], s->docs[d].item, tier,
			    SEARCH_FIELD_NAME);
	}
}

/* The first element of doc d other than its name that matches, else 0. */
static int
search_doc_body(struct search *s, const struct query *q, size_t d, int sure)
{
	uint32_t id;
	int f, r, unknown = 0;

	for (f = 1; f < SEARCH_FIELDS; f++) {
		if ((id = s->docs[d].text[f]) == 0)
			continue;
		if ((r = search_text_matches(s, q, id, sure)) == 1)
			return f;
		unknown |= r < 0;
	}
	return unknown ? -1 : 0;
}

/*
 * Tier 3: items found in other elements. Stops when the budget is spent:
 * what was found is still in order, but the count is then a lower bound.
 * Returns whether every item was decided.
 */
static int
search_body_pass(struct search *s, const struct query *q, int sure,
    const struct search_filter *f, struct search_tier *t)
{
	enum level_filter level;
	size_t lo, hi, d;
	int field;

	level = search_range(s, f, &lo, &hi);
	for (d = lo; d < hi; d++) {
		if (!search_level_ok(s->docs[d].levels, level) ||
		    search_name_tier(s, q, s->docs[d].text[0], 0) != QUERY_NONE)
			continue;
		if ((field = search_doc_body(s, q, d, sure)) < 0)
			return 0;
		if (field > 0)
			search_tier_add(t, s->docs[d].item, QUERY_NONE,
			    (enum search_field)field);
	}
	return 1;
}

/* The folded query as UTF-8, for the byte compares of literal queries. */
static void
search_set_query(struct search *s, const struct query *q)
{
	struct fold_text f;

	free(s->qutf8);
	fold_text_init(&f);
	f.v = (uint32_t *)q->u;
	f.n = q->n;
	s->qutf8 = fold_text_utf8(&f);
	s->qlen = strlen(s->qutf8);
}

static void
search_merge(struct search_tier *t, size_t limit, struct search_results *out)
{
	size_t i, k, total = 0;

	for (i = 0; i < 4; i++)
		total += t[i].n;
	if (limit != 0 && total > limit)
		total = limit;
	out->v = xcalloc(total + 1, sizeof *out->v);
	for (i = 0; i < 4; i++) {
		for (k = 0; k < t[i].n && out->n < total; k++)
			out->v[out->n++] = t[i].v[k];
		out->total += t[i].count;
		free(t[i].v);
	}
}

int
search_run(struct catalogue *cat, const struct query *q,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct search_results *out, char **error)
{
	struct search_tier t[4];
	struct search *s;
	int sure_names, sure_body, i;

	memset(out, 0, sizeof *out);
	out->complete = 1;
	if (q->n == 0)
		return 0;
	if (search_prepare(cat, error) != 0)
		return -1;
	s = *catalogue_search(cat);
	if (s->cachebytes > SEARCH_CACHE_BYTES)
		search_cache_clear(s);
	for (i = 0; i < 2; i++)
		memset(s->memo[i], 0, s->nbits[i]);
	search_set_query(s, q);
	s->budget = effort == SEARCH_BOUNDED ? SEARCH_BUDGET : SIZE_MAX;
	if ((sure_names = search_plan(s, q, SEARCH_NAMES, error)) < 0 ||
	    (sure_body = search_plan(s, q, SEARCH_BODY, error)) < 0)
		return -1;
	memset(t, 0, sizeof t);
	for (i = 0; i < 4; i++)
		t[i].cap = limit != 0 ? limit : SIZE_MAX;
	search_names_pass(s, q, sure_names, filter, t);
	out->complete = search_body_pass(s, q, sure_body, filter, &t[3]);
	search_merge(t, limit, out);
	return 0;
}

void
search_results_done(struct search_results *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- showing a hit --------------------------------------------------------- */

/* The bytes of text that the leftmost match covers; start == end if none. */
static void
search_span(const struct query *q, const char *text, size_t *start,
    size_t *end)
{
	struct fold_text f;
	size_t a, b;
	int len;

	*start = *end = 0;
	fold_text_init(&f);
	fold_text(&f, text, strlen(text));
	if (query_find(q, f.v, f.n, &a, &b) == 0) {
		*start = f.at[a];
		len = u8_mblen((const uint8_t *)text + f.at[b - 1],
		    strlen(text) - f.at[b - 1]);
		*end = f.at[b - 1] + (size_t)(len > 0 ? len : 1);
	}
	fold_text_done(&f);
}

static const char *
search_field_text(const struct item *it, enum search_field f)
{
	switch (f) {
	case SEARCH_FIELD_GROUP:	return it->level1;
	case SEARCH_FIELD_CONTENT:	return it->content;
	case SEARCH_FIELD_BASIS:	return it->basis;
	case SEARCH_FIELD_SUBJECT:	return it->subject;
	case SEARCH_FIELD_JURISDICTION:	return it->jurisdiction;
	default:
		return it->level2[0] != '\0' ? it->level2 : it->level1;
	}
}

int
search_display(struct catalogue *cat, const struct query *q,
    const struct search_hit *hit, struct search_display *out, char **error)
{
	memset(out, 0, sizeof *out);
	if (catalogue_item(cat, hit->item, &out->item, error) != 0)
		return -1;
	out->name = search_field_text(&out->item, SEARCH_FIELD_NAME);
	search_span(q, out->name, &out->name_start, &out->name_end);
	out->field = hit->field;
	out->text = search_field_text(&out->item, hit->field);
	search_span(q, out->text, &out->start, &out->end);
	return 0;
}

void
search_display_done(struct search_display *d)
{
	item_done(&d->item);
	memset(d, 0, sizeof *d);
}
