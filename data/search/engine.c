/*
 * The read side of the search index (layout in data/search/index.c).
 *
 * search_open maps the index image (data/search/image.h) of the
 * catalogue's version, written beside it at import: the items in rank
 * order (domain position, then import order), every distinct folded text,
 * for each text the items that have it, and the posting lists. Nothing of
 * it is loaded: pages are read where a search touches them, and the OS
 * shares and drops them. Opening checks only the image's header, so it
 * costs the same at any size; every read below is bounded instead (an id
 * against its count, an offset pair against each other and the section's
 * end), and a search that meets a damaged table fails with a message
 * rather than reading outside the image. Without a sidecar
 * of its version, the same image is built in memory from the catalogue's
 * search tables: one reader either way. A search then has three steps:
 *   1. plan: from the posting lists, the set of candidate texts in each
 *      space (names, other elements), a superset of those that match: the
 *      query's adjacent characters, and its adjacent sounds and syllables
 *      under every way of cutting its letters into syllables and initials;
 *   2. verify: run the matcher (data/search/query.h) on candidate texts in
 *      memory, each distinct text at most once per search: every name;
 *      other texts in the order of their first item, until the best hits
 *      are known (a bounded search also stops after SEARCH_BUDGET);
 *   3. rank: mark each matching text's items in a bit set per tier, and
 *      read the tiers out in rank order; when the names alone fill a
 *      bounded search, merge their items' lists (each in rank order) for
 *      the best instead of marking them all.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistr.h>

#include "data/search/engine.h"
#include "data/search/image.h"
#include "data/search/image_db.h"
#include "data/search/index.h"
#include "data/store/store.h"
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

/* The docs of one domain are [first, last) in rank order (as in the image). */
struct search_range {
	uint32_t	first, last;
};

/* A posting list as a bit set over one space's text ids. */
struct search_bits {
	int64_t		 key;
	uint64_t	*bits;
};

/*
 * The distinct texts of one space, in the index image: folded UTF-8 back
 * to back, and for each the docs that have it (positions in rank order,
 * rising). at, first and uat have nbits + 1 entries (the header says so);
 * the values in them are read as they lie and bounded where used.
 */
struct search_texts {
	const char	*buf;		/* text i: buf[at[i] .. at[i + 1]) */
	const uint32_t	*at;
	size_t		 nbuf;
	const uint32_t	*units;		/* names only: text i decoded, */
	const uint32_t	*uat;		/* units[uat[i] .. uat[i + 1]) */
	size_t		 nunits;
	const uint32_t	*docs;		/* text i: docs[first[i] .. first[i + 1]) */
	const uint32_t	*first;
	size_t		 ndocs;		/* entries of docs */
	const uint32_t	*order;		/* ids by their first doc */
	size_t		 norder;
	size_t		 nbits;		/* ids are 1 .. nbits - 1 */
	size_t		 words;
};

struct search {
	struct catalogue	*cat;		/* for the items of hits */
	sqlite3			*db;		/* cat's */
	struct image		*img;		/* the index: mapped, or built */
	const int64_t		*items;		/* by rank position ("doc") */
	const uint8_t		*levels;	/* 1 county, 2 township, 4 village */
	size_t			 ndocs, dwords;
	const struct search_range *domains;	/* by domain id */
	const uint32_t		*firstdoc;	/* by body text id */
	size_t			 ndomains;
	struct search_texts	 sp[2];

	/* Per search. */
	uint64_t		*cand[2];	/* candidate texts */
	uint8_t			*memo;		/* other texts: 0 ?, 1 no, 2 yes */
	uint32_t		*memoed;	/* the ids memo holds, to clear */
	size_t			 nmemoed, capmemoed;
	/* The names that match, by tier (search_names), their docs. */
	uint32_t		*named_ids[3];
	size_t			 nnamed[3], capnamed[3], named_docs[3];
	uint64_t		*heap;		/* search_names_best */
	uint32_t		*heap_at, *heap_end;
	size_t			 capheap;
	/* The words of hits and named that may be non-zero: a search
	   clears and reads those, not every word of the catalogue. */
	size_t			 wlo, whi;
	uint64_t		*hits[4];	/* docs per tier */
	uint64_t		*named;		/* docs found by name */
	uint64_t		*mask;		/* docs the filter keeps */
	uint32_t		*units;
	size_t			 capunits;
	char			*qutf8;		/* the folded query */
	size_t			 qlen;
	size_t			 budget;

	struct search_bits	*cache;
	size_t			 ncache, capcache, cachebytes;

	char			*note;		/* why the index was built */
	int			 damaged;	/* a bound failed in this search */
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

void
search_close(struct search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncache; i++)
		free(s->cache[i].bits);
	free(s->cache);
	for (i = 0; i < 2; i++)
		free(s->cand[i]);
	image_close(s->img);
	for (i = 0; i < 4; i++)
		free(s->hits[i]);
	free(s->named);
	free(s->memo);
	free(s->memoed);
	for (i = 0; i < 3; i++)
		free(s->named_ids[i]);
	free(s->heap);
	free(s->heap_at);
	free(s->heap_end);
	free(s->mask);
	free(s->units);
	free(s->qutf8);
	free(s->note);
	free(s);
}

/* cat's version id (meta.version); "" if it has none. Caller frees. */
static char *
search_version(struct search *s)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key ="
	    " 'version'", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			v = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return v != NULL ? v : xstrdup("");
}

/* The sidecar of version beside file, if it maps and is of that version. */
static struct image *
search_sidecar(const char *file, const char *version, char **why)
{
	char *idx = image_db_sidecar(file, version);
	struct image *img = image_map(idx, why);

	if (img != NULL && strcmp(image_version_id(img), version) != 0) {
		*why = xasprintf(_("%s: the search index is of another"
		    " version"), idx);
		image_close(img);
		img = NULL;
	}
	free(idx);
	return img;
}

/*
 * The index image of cat: its version's sidecar, mapped, if there is one
 * of that version beside the catalogue's path as given or, if that is a
 * symlink, beside the file it names (where an import by that name put
 * it); else the same image built in memory from the catalogue's search
 * tables (a catalogue copied alone, or built by an older chayue-admin).
 */
static struct image *
search_image(struct search *s, char **error)
{
	const char *file = catalogue_path(s->cat);
	const char *real = sqlite3_db_filename(s->db, "main");
	char *version = search_version(s), *why = NULL;
	struct image *img = NULL;

	if (*version == '\0')
		why = xstrdup(_("the catalogue has no version id"));
	else if ((img = search_sidecar(file, version, &why)) == NULL &&
	    real != NULL && *real != '\0' && strcmp(real, file) != 0) {
		free(why);
		why = NULL;
		img = search_sidecar(real, version, &why);
	}
	if (img == NULL) {
		/* Say why: building costs what mapping saves, every open. */
		s->note = xasprintf(_("the search index was built in memory, "
		    "which makes opening slow on a large catalogue (%s); the "
		    "next import writes the index file"), why != NULL ? why :
		    "?");
		img = image_db_build(s->db, version, error);
	}
	free(why);
	free(version);
	return img;
}

const char *
search_note(const struct search *s)
{
	return s != NULL ? s->note : NULL;
}

/* Point s at the arrays of img (which s then owns); O(1) at any size. */
static void
search_attach(struct search *s, struct image *img)
{
	static const enum image_section at[2] = { IMAGE_NAME_AT, IMAGE_BODY_AT },
	    buf[2] = { IMAGE_NAME_BUF, IMAGE_BODY_BUF },
	    first[2] = { IMAGE_NAME_FIRST, IMAGE_BODY_FIRST },
	    docs[2] = { IMAGE_NAME_DOCS, IMAGE_BODY_DOCS };
	struct search_texts *t;
	int i;

	s->img = img;
	s->ndocs = (size_t)image_ndocs(img);
	s->dwords = (s->ndocs + 63) / 64;
	s->ndomains = (size_t)image_ndomains(img);
	s->items = image_array(img, IMAGE_DOC_ITEM);
	s->levels = image_array(img, IMAGE_DOC_LEVELS);
	s->domains = image_array(img, IMAGE_DOMAINS);
	for (i = 0; i < 2; i++) {
		t = &s->sp[i];
		t->nbits = (size_t)image_ntexts(img, i) + 1;
		t->words = (t->nbits + 63) / 64;
		t->buf = image_array(img, buf[i]);
		t->nbuf = (size_t)image_count(img, buf[i]);
		t->at = image_array(img, at[i]);
		t->first = image_array(img, first[i]);
		t->docs = image_array(img, docs[i]);
		t->ndocs = (size_t)image_count(img, docs[i]);
		/* Zeroed pages: only what a search touches becomes memory. */
		s->cand[i] = xcalloc(t->words, sizeof *s->cand[i]);
	}
	s->sp[SEARCH_NAMES].units = image_array(img, IMAGE_NAME_UNITS);
	s->sp[SEARCH_NAMES].uat = image_array(img, IMAGE_NAME_UAT);
	s->sp[SEARCH_NAMES].nunits = (size_t)image_count(img, IMAGE_NAME_UNITS);
	s->sp[SEARCH_BODY].order = image_array(img, IMAGE_BODY_ORDER);
	s->firstdoc = image_array(img, IMAGE_BODY_FIRSTDOC);
	s->sp[SEARCH_BODY].norder = (size_t)image_count(img, IMAGE_BODY_ORDER);
	s->memo = xcalloc(s->sp[SEARCH_BODY].nbits, 1);
	s->wlo = s->dwords;	/* no hits yet */
	for (i = 0; i < 4; i++)
		s->hits[i] = xcalloc(s->dwords + 1, sizeof *s->hits[i]);
	s->mask = xcalloc(s->dwords + 1, sizeof *s->mask);
	s->named = xcalloc(s->dwords + 1, sizeof *s->named);
}

struct search *
search_open(struct catalogue *cat, char **error)
{
	struct search *s = xcalloc(1, sizeof *s);
	struct image *img;

	s->cat = cat;
	s->db = catalogue_db(cat);
	if ((img = search_image(s, error)) == NULL) {
		search_close(s);
		return NULL;
	}
	search_attach(s, img);
	return s;
}

struct search *
search_open_image(struct image *img)
{
	struct search *s = xcalloc(1, sizeof *s);

	search_attach(s, img);
	return s;
}

/* ---- bounded reads of the image ----------------------------------------- */

/* A table of the image is damaged: the search fails (search_run). */
static int
search_damaged(struct search *s)
{
	s->damaged = 1;
	return -1;
}

/* What search_run says when a read was refused; returns -1. */
static int
search_damaged_error(char **error)
{
	*error = xstrdup(_("damaged search index (offsets out of range);"
	    " rebuild it with: chayue-admin import FILE"));
	return -1;
}

/* The bytes of text id of t; -1 if its offsets are damaged. */
static int
search_text(struct search *s, const struct search_texts *t, uint32_t id,
    const char **text, size_t *len)
{
	uint32_t a, b;

	if (id >= t->nbits || (a = t->at[id]) > (b = t->at[id + 1]) ||
	    b > t->nbuf)
		return search_damaged(s);
	*text = t->buf + a;
	*len = b - a;
	return 0;
}

/* The entries of docs that hold text id's docs: [*lo, *hi), or -1. */
static int
search_text_docs(struct search *s, const struct search_texts *t, uint32_t id,
    uint32_t *lo, uint32_t *hi)
{
	if (id >= t->nbits || (*lo = t->first[id]) > (*hi = t->first[id + 1]) ||
	    *hi > t->ndocs)
		return search_damaged(s);
	return 0;
}

/* The first doc of body text id (the order texts are verified in); -1 if none. */
static int
search_first_doc(struct search *s, uint32_t id, size_t *doc)
{
	uint32_t d;

	if (id >= s->sp[SEARCH_BODY].nbits)
		return search_damaged(s);
	if ((d = s->firstdoc[id]) == UINT32_MAX)
		return -1;	/* no docs: sound, nothing to rank */
	if (d >= s->ndocs)
		return search_damaged(s);
	*doc = d;
	return 0;
}

/* The docs [first, last) of domain id k, or an empty range. */
static void
search_domain_range(struct search *s, size_t k, size_t *lo, size_t *hi)
{
	*lo = *hi = 0;
	if (k == 0 || k >= s->ndomains)
		return;
	if (s->domains[k].first > s->domains[k].last ||
	    s->domains[k].last > s->ndocs) {
		search_damaged(s);
		return;
	}
	*lo = s->domains[k].first;
	*hi = s->domains[k].last;
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

static void
search_posting_error(char **error)
{
	*error = xstrdup(_("damaged search index (posting list); rebuild it"
	    " with: chayue-admin import FILE"));
}

/* The bit set of key if the cache holds it, else NULL. */
static const uint64_t *
search_cached(const struct search *s, int64_t key)
{
	size_t i;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].key == key)
			return s->cache[i].bits;
	}
	return NULL;
}

/* The texts of space sp that have key (cached); NULL with *error. */
static const uint64_t *
search_key_bits(struct search *s, enum search_space sp, int64_t key,
    char **error)
{
	const uint64_t *cached;
	uint64_t *bits;

	if ((cached = search_cached(s, key)) != NULL)
		return cached;
	bits = xcalloc(s->sp[sp].words, sizeof *bits);
	if (image_db_postings_or(s->img, key, bits, s->sp[sp].nbits) != 0) {
		free(bits);
		search_posting_error(error);
		return NULL;
	}
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? 2 * s->capcache : 64;
		s->cache = xreallocarray(s->cache, s->capcache, sizeof *s->cache);
	}
	s->cache[s->ncache].key = key;
	s->cache[s->ncache++].bits = bits;
	s->cachebytes += s->sp[sp].words * sizeof *bits;
	return bits;
}

/*
 * out |= the texts of space sp that have key. A short posting list is
 * read straight into out: a bit set of its own would cost a pass over all
 * texts to clear, and memory, for a few ids. A long one is kept as a bit
 * set (search_key_bits) for the next keystroke.
 */
static int
search_key_or(struct search *s, enum search_space sp, int64_t key,
    uint64_t *out, char **error)
{
	const unsigned char *blob;
	const uint64_t *bits;
	size_t len, k;
	int r;

	if ((bits = search_cached(s, key)) == NULL) {
		if ((r = image_postings(s->img, key, &blob, &len)) == 0)
			return 0;	/* no text has it */
		if (r > 0 && len < s->sp[sp].words) {
			if (image_db_segments_or(blob, len, out,
			    s->sp[sp].nbits) == 0)
				return 0;
			r = -1;
		}
		if (r < 0) {
			search_posting_error(error);
			return -1;
		}
		if ((bits = search_key_bits(s, sp, key, error)) == NULL)
			return -1;
	}
	for (k = 0; k < s->sp[sp].words; k++)
		out[k] |= bits[k];
	return 0;
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
	struct search_combo c;
	int ok;

	memset(out, 0, s->sp[sp].words * sizeof *out);
	for (ok = search_combo_first(&c, set, n); ok; ok = search_combo_next(&c)) {
		if (search_key_or(s, sp, search_key_sounds(sp, c.snd, n), out,
		    error) != 0)
			return -1;
	}
	return 0;
}

/*
 * In a sound-alike query a Han character stands for its readings, so its
 * own posting lists do not apply: only its sounds do (search_dp).
 */
static int
search_sounds_alike(const struct query *q, size_t i)
{
	const uint16_t *ids;

	return (q->mode & QUERY_SOUND) && q->u[i] >= 0x2E80 &&
	    pinyin_readings(q->u[i], &ids) > 0;
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

/*
 * The texts with a character one of whose readings the letters [b, c) of
 * the query may stand for: that reading, or, for the query's last unit or
 * an initial zh ch sh, any reading that starts with them. Into out.
 */
static int
search_syllable_bits(struct search *s, enum search_space sp,
    const char *letters, size_t len, int last, uint64_t *out, char **error)
{
	const char *name;
	size_t id, w = s->sp[sp].words;
	int prefix = last || (len == 2 && letters[1] == 'h');

	memset(out, 0, w * sizeof *out);
	for (id = 0; id < pinyin_syllables(); id++) {
		name = pinyin_syllable((unsigned)id);
		if (strncmp(name, letters, len) != 0 ||
		    (!prefix && name[len] != '\0'))
			continue;
		if (search_key_or(s, sp, search_key_syllable(sp, (unsigned)id),
		    out, error) != 0)
			return -1;
	}
	return 0;
}

/* The planner's states: r[b][k] = texts that can match up to a unit
 * starting at b whose previous unit started at b - k (k = 0: none). */
struct search_dp {
	uint64_t	*r[QUERY_MAX + 1][SEARCH_SYLLABLE_MAX + 1];
	uint64_t	 snd[QUERY_MAX];	/* sounds of a unit starting at i */
	char		 letters[QUERY_MAX + 1];
	uint64_t	*tmp, *syl;
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
	free(dp->syl);
}

/*
 * Narrow what reaches the unit [b, c) to texts with a reading it may stand
 * for, when it is two letters or more: the one place where a full
 * syllable (zui) is told apart from its initial (z). Returns the set to
 * use: from, or dp->syl.
 */
static const uint64_t *
search_dp_syllable(struct search *s, const struct query *q,
    enum search_space sp, struct search_dp *dp, const uint64_t *from,
    size_t b, size_t c, char **error)
{
	size_t i;

	if (c - b < 2 || !query_is_letter(q, b))
		return from;
	if (dp->syl == NULL)
		dp->syl = xcalloc(s->sp[sp].words, sizeof *dp->syl);
	if (search_syllable_bits(s, sp, dp->letters + b, c - b, c == q->n,
	    dp->syl, error) != 0)
		return NULL;
	for (i = 0; i < s->sp[sp].words; i++)
		dp->syl[i] &= from[i];
	return dp->syl;
}

/* From state (b - k, b) over the unit [b, c): into (b, c) or the result. */
static int
search_dp_step(struct search *s, const struct query *q, enum search_space sp,
    struct search_dp *dp, size_t b, size_t k, size_t c, uint64_t *out,
    char **error)
{
	const uint64_t *from;
	uint64_t set[3], **to;
	int v = search_unit(q, dp->letters, b, c), n = 0;
	size_t i;

	if (!(v & (c == q->n ? 2 : 1)))
		return 0;
	if ((from = search_dp_syllable(s, q, sp, dp, dp->r[b][k], b, c,
	    error)) == NULL)
		return -1;
	if (c == q->n) {
		for (i = 0; i < s->sp[sp].words; i++)
			out[i] |= from[i];
		return 0;
	}
	if (k > 0)
		set[n++] = dp->snd[b - k];
	set[n++] = dp->snd[b];
	set[n++] = dp->snd[c];
	if (search_sound_bits(s, sp, set, n, dp->tmp, error) != 0)
		return -1;
	to = &dp->r[c][c - b];
	if (*to == NULL) {	/* the first way here: set, not or'ed */
		*to = xreallocarray(NULL, s->sp[sp].words, sizeof **to);
		for (i = 0; i < s->sp[sp].words; i++)
			(*to)[i] = from[i] & dp->tmp[i];
	} else
		search_or_and(*to, from, dp->tmp, s->sp[sp].words);
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
	size_t b, k, c, w = s->sp[sp].words;
	int rc = 0;

	memset(&dp, 0, sizeof dp);
	for (b = 0; b < q->n; b++) {
		dp.letters[b] = query_is_letter(q, b) ? (char)q->u[b] : '\0';
		dp.snd[b] = query_is_letter(q, b) ? (uint64_t)1 << (q->u[b] - 'a') :
		    search_sounds_alike(q, b) ? query_sound_initials(q, b) :
		    search_sounds(q->u[b]);
	}
	dp.tmp = xreallocarray(NULL, w, sizeof *dp.tmp);
	dp.r[0][0] = xreallocarray(NULL, w, sizeof *dp.r[0][0]);
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
	size_t i, w = s->sp[sp].words;
	int64_t key;

	memset(cand, 0xff, w * sizeof *cand);
	cand[0] &= ~(uint64_t)1;	/* no text has id 0 */
	if (s->sp[sp].nbits % 64 != 0)	/* nor past the last */
		cand[w - 1] &= ((uint64_t)1 << (s->sp[sp].nbits % 64)) - 1;
	for (i = 0; i < q->n; i++) {
		if (query_is_letter(q, i) || search_sounds_alike(q, i))
			continue;
		if (i + 1 < q->n && !query_is_letter(q, i + 1) &&
		    !search_sounds_alike(q, i + 1))
			key = search_key_pair(sp, q->u[i], q->u[i + 1]);
		else if (i == 0 || query_is_letter(q, i - 1) ||
		    search_sounds_alike(q, i - 1))
			key = search_key_char(sp, q->u[i]);
		else
			continue;	/* the pair before covers it */
		if ((bits = search_key_bits(s, sp, key, error)) == NULL)
			return -1;
		if (!search_and(cand, bits, w))
			return 1;	/* nothing can match */
	}
	if (!QUERY_FUZZY(q))
		return q->n <= 2;
	dp = xcalloc(w, sizeof *dp);
	if (search_dp(s, q, sp, dp, error) != 0) {
		free(dp);
		return -1;
	}
	search_and(cand, dp, w);
	free(dp);
	return q->n == 1 && q->letters;
}

/* ---- verifying ----------------------------------------------------------- */

static int
search_has(const uint64_t *bits, size_t i)
{
	return (int)(bits[i / 64] >> (i % 64) & 1);
}

/* Decode a text into s->units; returns the number of units. */
static size_t
search_units(struct search *s, const char *t, size_t len)
{
	if (s->capunits < len) {
		s->capunits = len + 64;
		s->units = xreallocarray(s->units, s->capunits, sizeof *s->units);
	}
	return search_utf8_decode(t, len, s->units);
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

/*
 * How name id matches. sure: every candidate matches somewhere, so a
 * one-letter query needs only the first unit looked at.
 */
static enum query_tier
search_tier(struct search *s, const struct query *q, uint32_t id, int sure)
{
	const struct search_texts *t = &s->sp[SEARCH_NAMES];
	const char *text;
	size_t len;
	enum query_tier tier;
	ucs4_t first;
	uint32_t a, b;
	int k;

	if (search_text(s, t, id, &text, &len) != 0)
		return QUERY_NONE;
	if (!QUERY_FUZZY(q))
		return search_literal_tier(s, text, len);
	if (sure && q->n == 1) {
		k = u8_mbtouc(&first, (const uint8_t *)text, len);
		tier = query_match(q, &first, 1);
		if (tier == QUERY_EXACT && (size_t)k < len)
			return QUERY_PREFIX;
		return tier == QUERY_NONE ? QUERY_CONTAINS : tier;
	}
	/* The names are in the image decoded too. */
	if ((a = t->uat[id]) > (b = t->uat[id + 1]) || b > t->nunits) {
		search_damaged(s);
		return QUERY_NONE;
	}
	return query_match(q, t->units + a, b - a);
}

/* Does other text id match? 1, 0, or -1: not known, over budget. */
static int
search_text_matches(struct search *s, const struct query *q, uint32_t id,
    int sure)
{
	const struct search_texts *t = &s->sp[SEARCH_BODY];
	uint8_t *m = &s->memo[id], v;
	const char *text;
	size_t len, n;

	if (*m != 0)
		return *m == 2;
	if (!search_has(s->cand[SEARCH_BODY], id))
		v = 1;
	else if (sure)
		v = 2;
	else if (s->budget == 0)
		return -1;
	else if (search_text(s, t, id, &text, &len) != 0)
		v = 1;
	else {
		s->budget--;
		if (!QUERY_FUZZY(q))
			v = memmem(text, len, s->qutf8, s->qlen) != NULL ? 2 : 1;
		else {
			/* Decode first: it may move s->units. */
			n = search_units(s, text, len);
			v = query_contains(q, s->units, n) ? 2 : 1;
		}
	}
	if (s->nmemoed == s->capmemoed) {
		s->capmemoed = s->capmemoed ? 2 * s->capmemoed : 256;
		s->memoed = xreallocarray(s->memoed, s->capmemoed,
		    sizeof *s->memoed);
	}
	s->memoed[s->nmemoed++] = id;
	*m = v;
	return v == 2;
}

/* ---- ranking ------------------------------------------------------------- */

/* The docs a filter leaves: [*lo, *hi); s->mask, if it returns 1. */
static int
search_filter_docs(struct search *s, const struct search_filter *f,
    size_t *lo, size_t *hi)
{
	static const uint8_t bit[] = { 0, 1, 2, 4, 0 };
	size_t d;

	*lo = 0;
	*hi = s->ndocs;
	if (f == NULL)
		return 0;
	if (f->domain_id > 0)
		search_domain_range(s, (size_t)f->domain_id, lo, hi);
	if (f->level <= LEVEL_ANY || f->level > LEVEL_UNSTATED)
		return 0;
	memset(s->mask, 0, s->dwords * sizeof *s->mask);
	for (d = *lo; d < *hi; d++) {
		if (f->level == LEVEL_UNSTATED ? s->levels[d] == 0 :
		    (s->levels[d] & bit[f->level]) != 0)
			s->mask[d / 64] |= (uint64_t)1 << (d % 64);
	}
	return 1;
}

/* Mark the docs of a text in bits, except those in skip (may be NULL). */
static void
search_mark(struct search *s, enum search_space sp, uint32_t id,
    uint64_t *bits, const uint64_t *skip)
{
	const struct search_texts *t = &s->sp[sp];
	uint32_t i, lo, hi, d;

	if (search_text_docs(s, t, id, &lo, &hi) != 0)
		return;
	for (i = lo; i < hi; i++) {
		if ((d = t->docs[i]) >= s->ndocs) {
			search_damaged(s);
			continue;
		}
		if (d / 64 < s->wlo)
			s->wlo = d / 64;
		if (d / 64 >= s->whi)
			s->whi = d / 64 + 1;
		if (skip == NULL || !search_has(skip, d))
			bits[d / 64] |= (uint64_t)1 << (d % 64);
	}
}

/*
 * Tiers 0-2: the names that match, by tier, and how many docs each tier
 * has (a doc has one name, so one tier). Every candidate name is checked.
 */
static void
search_names(struct search *s, const struct query *q, int sure)
{
	const uint64_t *cand = s->cand[SEARCH_NAMES];
	enum query_tier tier;
	size_t w, *n;
	uint64_t bits;
	uint32_t id, lo, hi;

	for (w = 0; w < 3; w++)
		s->nnamed[w] = s->named_docs[w] = 0;
	for (w = 0; w < s->sp[SEARCH_NAMES].words; w++) {
		for (bits = cand[w]; bits != 0; bits &= bits - 1) {
			id = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
			tier = search_tier(s, q, id, sure);
			if (tier == QUERY_NONE || search_text_docs(s,
			    &s->sp[SEARCH_NAMES], id, &lo, &hi) != 0)
				continue;
			n = &s->nnamed[tier];
			if (*n == s->capnamed[tier]) {
				s->capnamed[tier] = *n ? 2 * *n : 64;
				s->named_ids[tier] = xreallocarray(
				    s->named_ids[tier], s->capnamed[tier],
				    sizeof *s->named_ids[tier]);
			}
			s->named_ids[tier][(*n)++] = id;
			s->named_docs[tier] += hi - lo;
		}
	}
}

/* Mark the docs of the names that match in their tier's hit set. */
static void
search_names_mark(struct search *s)
{
	size_t tier, i;

	for (tier = 0; tier < 3; tier++)
		for (i = 0; i < s->nnamed[tier]; i++)
			search_mark(s, SEARCH_NAMES, s->named_ids[tier][i],
			    s->hits[tier], NULL);
}

/* Restore the heap below slot i (keys: doc << 32 | list). */
static void
search_heap_down(uint64_t *h, size_t n, size_t i)
{
	size_t c;
	uint64_t v = h[i];

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && h[c + 1] < h[c])
			c++;
		if (h[c] >= v)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = v;
}

/*
 * The first limit hits of tiers 0-2 in rank order into out, without
 * marking every doc of every name: each tier's doc lists (each rising)
 * are merged through a heap until limit docs are out. For a bounded,
 * unfiltered search whose names alone fill the limit (then no other
 * element is searched, as in search_run).
 */
static void
search_names_best(struct search *s, size_t limit, struct search_results *out)
{
	const struct search_texts *t = &s->sp[SEARCH_NAMES];
	struct search_hit *h;
	size_t tier, k, n;
	uint32_t lo, hi, d;

	for (tier = 0; tier < 3 && out->n < limit; tier++) {
		if (s->nnamed[tier] > s->capheap) {
			s->capheap = s->nnamed[tier];
			s->heap = xreallocarray(s->heap, s->capheap,
			    sizeof *s->heap);
			s->heap_at = xreallocarray(s->heap_at, s->capheap,
			    sizeof *s->heap_at);
			s->heap_end = xreallocarray(s->heap_end, s->capheap,
			    sizeof *s->heap_end);
		}
		for (k = n = 0; k < s->nnamed[tier]; k++) {
			if (search_text_docs(s, t, s->named_ids[tier][k], &lo,
			    &hi) != 0 || lo == hi)
				continue;
			if ((d = t->docs[lo]) >= s->ndocs) {
				search_damaged(s);
				continue;
			}
			s->heap_at[k] = lo;
			s->heap_end[k] = hi;
			s->heap[n++] = (uint64_t)d << 32 | k;
		}
		for (k = n / 2; k-- > 0;)
			search_heap_down(s->heap, n, k);
		while (n > 0 && out->n < limit) {
			k = (uint32_t)s->heap[0];
			h = &out->v[out->n++];
			h->item = s->items[s->heap[0] >> 32];
			h->tier = (enum query_tier)tier;
			if (++s->heap_at[k] < s->heap_end[k] &&
			    (d = t->docs[s->heap_at[k]]) < s->ndocs)
				s->heap[0] = (uint64_t)d << 32 | k;
			else {
				if (s->heap_at[k] < s->heap_end[k])
					search_damaged(s);
				s->heap[0] = s->heap[--n];
			}
			search_heap_down(s->heap, n, 0);
		}
	}
}

/* Docs in [lo, d) of bits (and the mask, if any). */
static size_t
search_popcount(const struct search *s, const uint64_t *bits, int masked,
    size_t lo, size_t d)
{
	size_t w, n = 0;
	uint64_t v;

	if (lo < s->wlo * 64)	/* the words outside are 0 */
		lo = s->wlo * 64;
	if (d > s->whi * 64)
		d = s->whi * 64;
	for (w = lo / 64; w * 64 < d; w++) {
		v = bits[w] & (masked ? s->mask[w] : ~(uint64_t)0);
		if (w * 64 < lo)
			v &= ~(uint64_t)0 << (lo % 64);
		if (w * 64 + 64 > d)
			v &= ((uint64_t)1 << (d % 64)) - 1;
		if (v != 0)	/* hits are sparse: most words are 0 */
			n += (size_t)__builtin_popcountll(v);
	}
	return n;
}

/*
 * Tier 3 for a complete search: every candidate text is decided, so they
 * are taken as the bit set holds them, without walking the order table.
 */
static void
search_others_all(struct search *s, const struct query *q, int sure)
{
	const uint64_t *cand = s->cand[SEARCH_BODY];
	size_t w;
	uint64_t bits;
	uint32_t id;

	for (w = 0; w < s->sp[SEARCH_BODY].words; w++) {
		for (bits = cand[w]; bits != 0; bits &= bits - 1) {
			id = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
			if (search_text_matches(s, q, id, sure) == 1)
				search_mark(s, SEARCH_BODY, id, s->hits[3],
				    s->named);
		}
	}
}

/* Where a bounded walk over the other texts is (search_others). */
struct search_walk {
	size_t	need, lo, hi, upto, below, matched;
	int	masked;
};

/*
 * After a match: may the walk stop? next bounds the docs that later texts
 * can mark (the first doc of the next one), so the hits below it are final
 * and counted once; it stops when need of them are known.
 */
static int
search_walk_enough(struct search *s, struct search_walk *w, size_t next)
{
	if (++w->matched % 8 != 0)
		return 0;
	if (next > w->hi)
		next = w->hi;
	if (next > w->upto) {
		w->below += search_popcount(s, s->hits[3], w->masked, w->upto,
		    next);
		w->upto = next;
	}
	return w->below >= w->need;
}

static int
search_by_first_doc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The walk over few candidates: they are put in first-doc order by a sort
 * (doc << 32 | id) instead of a walk of the whole order table.
 */
static int
search_others_few(struct search *s, const struct query *q, int sure,
    size_t ncand, struct search_walk *w)
{
	const struct search_texts *t = &s->sp[SEARCH_BODY];
	const uint64_t *cand = s->cand[SEARCH_BODY];
	uint64_t *v = xcalloc(ncand + 1, sizeof *v), bits;
	size_t n = 0, k, doc;
	uint32_t id;
	int r, rc = 1;

	for (k = 0; k < t->words && n < ncand; k++) {
		for (bits = cand[k]; bits != 0 && n < ncand; bits &= bits - 1) {
			id = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(bits));
			if (search_first_doc(s, id, &doc) == 0)
				v[n++] = (uint64_t)doc << 32 | id;
		}
	}
	qsort(v, n, sizeof *v, search_by_first_doc);
	for (k = 0; k < n; k++) {
		if ((v[k] >> 32) >= w->hi)
			break;	/* every later text's docs are after the range */
		id = (uint32_t)v[k];
		if ((r = search_text_matches(s, q, id, sure)) < 0) {
			rc = 0;
			break;
		}
		if (r == 0)
			continue;
		search_mark(s, SEARCH_BODY, id, s->hits[3], s->named);
		if (k + 1 < n && search_walk_enough(s, w, v[k + 1] >> 32)) {
			rc = 0;
			break;
		}
	}
	free(v);
	return rc;
}

/*
 * Tier 3: docs found in another element and not by name (those are in
 * s->named). Texts are taken in the order of their first doc, so once
 * `need` such docs lie before the next text's first doc, the best hits are
 * known and the search stops there (its count is then a lower bound), or
 * when its budget of texts to verify is spent. Returns whether every
 * candidate was decided.
 */
static int
search_others(struct search *s, const struct query *q, int sure, size_t need,
    int masked, size_t lo, size_t hi)
{
	const struct search_texts *t = &s->sp[SEARCH_BODY];
	struct search_walk w = { need, lo, hi, lo, 0, 0, masked };
	size_t i, doc, next, ncand = 0;
	uint32_t id;
	int r;

	for (i = 0; i < t->words; i++)
		if (s->cand[SEARCH_BODY][i] != 0)
			ncand += (size_t)__builtin_popcountll(
			    s->cand[SEARCH_BODY][i]);
	/* A sort costs about C log C, the walk the whole table: */
	if (ncand < t->norder / 64)
		return search_others_few(s, q, sure, ncand, &w);
	for (i = 0; i < t->norder; i++) {
		if ((id = t->order[i]) >= t->nbits) {
			search_damaged(s);
			continue;
		}
		if (!search_has(s->cand[SEARCH_BODY], id))
			continue;
		/* Every later text's docs come after the range too. */
		if (hi < s->ndocs && search_first_doc(s, id, &doc) == 0 &&
		    doc >= hi)
			return 1;
		if ((r = search_text_matches(s, q, id, sure)) < 0)
			return 0;
		if (r == 0)
			continue;
		search_mark(s, SEARCH_BODY, id, s->hits[3], s->named);
		if (i + 1 == t->norder)
			continue;
		if (search_first_doc(s, t->order[i + 1], &next) != 0)
			next = hi;
		if (search_walk_enough(s, &w, next))
			return 0;
	}
	return 1;
}

/* Hits of one tier in rank order into out (up to limit), and their count. */
static void
search_collect(struct search *s, int tier, int masked, size_t lo, size_t hi,
    size_t limit, struct search_results *out)
{
	struct search_hit *h;
	size_t w, d;
	uint64_t v;

	out->total += search_popcount(s, s->hits[tier], masked, lo, hi);
	if (lo < s->wlo * 64)	/* the words outside are 0 */
		lo = s->wlo * 64;
	if (hi > s->whi * 64)
		hi = s->whi * 64;
	for (w = lo / 64; w * 64 < hi && (limit == 0 || out->n < limit); w++) {
		v = s->hits[tier][w] & (masked ? s->mask[w] : ~(uint64_t)0);
		for (; v != 0 && (limit == 0 || out->n < limit); v &= v - 1) {
			d = w * 64 + (size_t)__builtin_ctzll(v);
			if (d < lo || d >= hi)
				continue;
			h = &out->v[out->n++];
			h->item = s->items[d];
			h->tier = tier < 3 ? (enum query_tier)tier : QUERY_NONE;
		}
	}
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

/* Clear the per-search state and plan both spaces. */
static int
search_start(struct search *s, const struct query *q,
    enum search_effort effort, int *sure, char **error)
{
	int i;

	if (s->cachebytes > SEARCH_CACHE_BYTES)
		search_cache_clear(s);
	s->damaged = 0;
	while (s->nmemoed > 0)
		s->memo[s->memoed[--s->nmemoed]] = 0;
	if (s->whi > s->wlo) {
		for (i = 0; i < 4; i++)
			memset(s->hits[i] + s->wlo, 0, (s->whi - s->wlo) *
			    sizeof *s->hits[i]);
		memset(s->named + s->wlo, 0, (s->whi - s->wlo) *
		    sizeof *s->named);
	}
	s->wlo = s->dwords;
	s->whi = 0;
	search_set_query(s, q);
	s->budget = effort == SEARCH_BOUNDED ? SEARCH_BUDGET : SIZE_MAX;
	if ((sure[0] = search_plan(s, q, SEARCH_NAMES, error)) < 0 ||
	    (sure[1] = search_plan(s, q, SEARCH_BODY, error)) < 0)
		return -1;
	return 0;
}

int
search_run(struct search *s, const struct query *q,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct search_results *out, char **error)
{
	size_t lo, hi, names = 0, need = SIZE_MAX, w;
	int sure[2], masked, tier;

	memset(out, 0, sizeof *out);
	out->complete = 1;
	if (q->n == 0)
		return 0;
	if (search_start(s, q, effort, sure, error) != 0)
		return -1;
	masked = search_filter_docs(s, filter, &lo, &hi);
	search_names(s, q, sure[0]);
	names = s->named_docs[0] + s->named_docs[1] + s->named_docs[2];
	if (effort == SEARCH_BOUNDED && limit != 0 && names >= limit &&
	    !masked && lo == 0 && hi == s->ndocs && !s->damaged) {
		/* The best are all found by name: merge, mark nothing. */
		out->v = xcalloc(limit, sizeof *out->v);
		search_names_best(s, limit, out);
		out->total = names;
		out->complete = 0;
		if (!s->damaged)
			return 0;
		search_results_done(out);
		return search_damaged_error(error);
	}
	search_names_mark(s);
	/* A doc is in its best tier only. */
	for (w = s->wlo; w < s->whi; w++) {
		s->hits[1][w] &= ~s->hits[0][w];
		s->hits[2][w] &= ~(s->hits[0][w] | s->hits[1][w]);
		s->named[w] = s->hits[0][w] | s->hits[1][w] | s->hits[2][w];
	}
	names = search_popcount(s, s->named, masked, lo, hi);
	if (limit != 0)
		need = names < limit ? limit - names : 0;
	if (effort == SEARCH_COMPLETE)
		search_others_all(s, q, sure[1]);
	else if (need > 0)
		out->complete = search_others(s, q, sure[1], need, masked, lo,
		    hi);
	else
		out->complete = 0;
	if (s->damaged)
		return search_damaged_error(error);
	out->v = xcalloc(limit != 0 ? limit : names + search_popcount(s,
	    s->hits[3], masked, lo, hi) + 1, sizeof *out->v);
	for (tier = 0; tier < 4; tier++)
		search_collect(s, tier, masked, lo, hi, limit, out);
	return 0;
}

void
search_results_done(struct search_results *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

size_t
search_domain_items(struct search *s, int domain_id,
    const struct search_filter *filter, int64_t *out, size_t max)
{
	static const uint8_t bit[] = { 0, 1, 2, 4, 0 };
	enum level_filter level = filter != NULL ? filter->level : LEVEL_ANY;
	size_t d, lo, hi, n = 0;

	if (domain_id <= 0)
		return 0;
	search_domain_range(s, (size_t)domain_id, &lo, &hi);
	for (d = lo; d < hi; d++) {
		if (level > LEVEL_ANY && level <= LEVEL_UNSTATED &&
		    (level == LEVEL_UNSTATED ? s->levels[d] != 0 :
		    (s->levels[d] & bit[level]) == 0))
			continue;
		if (n < max)
			out[n] = s->items[d];
		n++;
	}
	return n;
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
search_display(struct search *s, const struct query *q,
    const struct search_hit *hit, struct search_display *out, char **error)
{
	memset(out, 0, sizeof *out);
	if (s->cat == NULL) {
		*error = xstrdup(_("this search has no catalogue to read items"
		    " from"));
		return -1;
	}
	if (catalogue_item(s->cat, hit->item, &out->item, error) != 0)
		return -1;
	out->name = search_field_text(&out->item, SEARCH_FIELD_NAME);
	search_span(q, out->name, &out->name_start, &out->name_end);
	/* The first element, in the order of enum search_field, with a match. */
	out->field = SEARCH_FIELD_NAME;
	out->text = out->name;
	out->start = out->name_start;
	out->end = out->name_end;
	while (hit->tier == QUERY_NONE && out->field + 1 < SEARCH_FIELDS) {
		out->field++;
		if (out->field == SEARCH_FIELD_GROUP && out->item.level2[0] == '\0')
			continue;	/* level-1 is then the name */
		out->text = search_field_text(&out->item, out->field);
		search_span(q, out->text, &out->start, &out->end);
		if (out->end > out->start)
			break;
	}
	return 0;
}

void
search_display_done(struct search_display *d)
{
	item_done(&d->item);
	memset(d, 0, sizeof *d);
}
