/*
 * The visitor's search: rewrites of the query (synonyms, sound-alikes),
 * domain rows, and ranking by match quality (see data/search/find.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/search/find.h"
#include "data/store/domains.h"
#include "i18n/fold.h"
#include "i18n/pinyin.h"
#include "lib/xmalloc.h"

/* Rewrites of one query by synonyms, at most. */
#define FIND_SYNONYMS		8
/* One-slip pinyin spellings tried, at most (each is one search). */
#define FIND_SLIPS		8
/* One-slip spellings looked at, at most (cheap: no search). */
#define FIND_SLIPS_SEEN		256
/* Sound-alike hits enough to stop trying more spellings. */
#define FIND_SOUND_ENOUGH	10
/* Domain rows shown, at most. */
#define FIND_DOMAIN_ROWS	3
/* Hits asked of each search when the caller wants few. */
#define FIND_POOL		100
/* … and of each rewrite of it (synonyms, sound-alikes): they rank lower. */
#define FIND_POOL_REWRITE	60
/* Words the query names, kept for ranking. */
#define FIND_HINTS		32
/* Names (the standard one and aliases) per domain. */
#define FIND_NAMES		(1 + DOMAINS_MAX_ALIASES)

struct find_domain_names {
	uint32_t	*u[FIND_NAMES];
	size_t		 n[FIND_NAMES];
	uint32_t	 first[FIND_NAMES];	/* find_first of u[k][0] */
};

struct find {
	struct search			*s;
	struct catalogue		*cat;
	const struct synonyms		*syn;
	struct domain_list		 domains;
	struct find_domain_names	*names;		/* per domain */
	uint32_t			*syn_first;	/* find_first of each
							   synonym word, flat */
	long long			(*views)(void *, const struct item *);
	void				*views_ctx;

	/*
	 * Per run: the words the query names (synonym words it spells or
	 * starts, the synonyms searched, the domains named): rule d prefers
	 * what was matched through one of them.
	 */
	struct {
		const uint32_t	*u;
		size_t		 n;
	}				 hints[FIND_HINTS];
	size_t				 nhints;
};

/* A hit being ranked: its score, rules a-g (lower is better). */
struct find_cand {
	struct find_hit	 hit;
	int		 sound, away, word, field, how;
	int		 cover, cover_all;	/* rule a, relaxed or by
						   sound: more is better */
	int		 length;	/* rule e2: log2 of the name's length */
	size_t		 shared;	/* rule e: more is better */
	long long	 views;
	size_t		 order;
	uint64_t	 span;		/* hash of the matched text */
};

static const char *const find_vias[] = { "exact", "synonym", "sound" };

const char *
find_via_name(enum find_via via)
{
	return (unsigned)via < 3 ? find_vias[via] : "";
}

const char *
find_hit_via(const struct find_results *r, const struct find_hit *h)
{
	if (h->via == FIND_EXACT && h->item != 0 && h->query < r->nqueries &&
	    r->queries[h->query].relaxed)
		return "part";
	return find_via_name(h->via);
}

static uint32_t *
find_fold(const char *s, size_t *n)
{
	struct fold_text f;
	uint32_t *u;

	fold_text_init(&f);
	fold_text(&f, s, strlen(s));
	*n = f.n;
	u = xcalloc(f.n + 1, sizeof *u);
	memcpy(u, f.v, f.n * sizeof *u);
	fold_text_done(&f);
	return u;
}

/*
 * The letters a query may start with to match text starting with c: c
 * itself, or the first letter of a reading of it (a bit per letter a-z).
 * One-slip spellings are compared with the vocabulary by this first.
 */
#define FIND_FIRST_ANY	(1u << 26)	/* a query not starting with a
					   letter: compared with every word */
static uint32_t
find_first(uint32_t c)
{
	const uint16_t *ids;
	const char *py;
	uint32_t mask = FIND_FIRST_ANY;
	size_t i, n;

	if (c >= 'a' && c <= 'z')
		return FIND_FIRST_ANY | 1u << (c - 'a');
	n = pinyin_readings(c, &ids);
	for (i = 0; i < n; i++) {
		py = pinyin_syllable(ids[i]);
		if (py[0] >= 'a' && py[0] <= 'z')
			mask |= 1u << (py[0] - 'a');
	}
	return mask;
}

struct find *
find_open(struct search *s, struct catalogue *cat, const struct synonyms *syn,
    char **error)
{
	struct find *f = xcalloc(1, sizeof *f);
	const struct domains_entry *e;
	size_t i, k, n;

	f->s = s;
	f->cat = cat;
	f->syn = syn;
	if (catalogue_domains(cat, &f->domains, error) != 0) {
		free(f);
		return NULL;
	}
	f->names = xcalloc(f->domains.n + 1, sizeof *f->names);
	for (i = 0; i < f->domains.n; i++) {
		f->names[i].u[0] = find_fold(f->domains.v[i].name,
		    &f->names[i].n[0]);
		e = f->domains.v[i].national ?
		    domains_get(f->domains.v[i].position) : NULL;
		for (k = 0; e != NULL && k < DOMAINS_MAX_ALIASES &&
		    e->aliases[k] != NULL; k++)
			f->names[i].u[k + 1] = find_fold(e->aliases[k],
			    &f->names[i].n[k + 1]);
		for (k = 0; k < FIND_NAMES; k++)
			f->names[i].first[k] = f->names[i].u[k] != NULL &&
			    f->names[i].n[k] > 0 ?
			    find_first(f->names[i].u[k][0]) : 0;
	}
	for (i = 0, n = 0; syn != NULL && i < syn->n; i++)
		n += syn->v[i].n;
	f->syn_first = xcalloc(n + 1, sizeof *f->syn_first);
	for (i = 0, n = 0; syn != NULL && i < syn->n; i++) {
		for (k = 0; k < syn->v[i].n; k++, n++)
			f->syn_first[n] = syn->v[i].w[k].n > 0 ?
			    find_first(syn->v[i].w[k].u[0]) : 0;
	}
	return f;
}

void
find_close(struct find *f)
{
	size_t i, k;

	if (f == NULL)
		return;
	for (i = 0; i < f->domains.n; i++) {
		for (k = 0; k < FIND_NAMES; k++)
			free(f->names[i].u[k]);
	}
	free(f->names);
	free(f->syn_first);
	domain_list_done(&f->domains);
	free(f);
}

void
find_set_views(struct find *f, long long (*views)(void *ctx,
    const struct item *it), void *ctx)
{
	f->views = views;
	f->views_ctx = ctx;
}

void
find_results_done(struct find_results *r)
{
	size_t i;

	for (i = 0; i < r->nqueries; i++)
		query_done(&r->queries[i].q);
	free(r->queries);
	free(r->v);
	free(r->also);
	memset(r, 0, sizeof *r);
}

/* ---- the queries ----------------------------------------------------------- */



/* Units as UTF-8 (a string the caller frees). */
static char *
find_utf8(const uint32_t *u, size_t n)
{
	struct fold_text f;

	fold_text_init(&f);
	f.v = (uint32_t *)u;
	f.n = n;
	return fold_text_utf8(&f);
}

/* Add a query parsed from text; NULL if the same units are there. */
static struct find_query *
find_add_query(struct find_results *r, const char *text, unsigned mode,
    enum find_via via, const char *word)
{
	struct find_query *fq;
	struct query q;
	size_t i;

	if (query_parse_mode(&q, text, strlen(text), mode) == 0) {
		query_done(&q);
		return NULL;
	}
	for (i = 0; i < r->nqueries; i++) {
		if (r->queries[i].q.n == q.n && r->queries[i].q.mode == mode &&
		    memcmp(r->queries[i].q.u, q.u, q.n * sizeof *q.u) == 0) {
			query_done(&q);
			return NULL;
		}
	}
	r->queries = xreallocarray(r->queries, r->nqueries + 1,
	    sizeof *r->queries);
	fq = &r->queries[r->nqueries++];
	fq->q = q;
	fq->via = via;
	fq->word = word;
	fq->relaxed = 0;
	fq->synonym = 0;
	return fq;
}

static void
find_hint(struct find *f, const uint32_t *u, size_t n)
{
	if (f->nhints < FIND_HINTS) {
		f->hints[f->nhints].u = u;
		f->hints[f->nhints++].n = n;
	}
}

/* Is t[0..n) the start of a word the query names? */
static int
find_is_hint(const struct find *f, const uint32_t *t, size_t n)
{
	size_t i;

	for (i = 0; i < f->nhints; i++) {
		if (n <= f->hints[i].n && memcmp(t, f->hints[i].u, n *
		    sizeof *t) == 0)
			return 1;
	}
	return 0;
}

/* Is t[0..n) a whole word the query names? */
static int
find_is_word(const struct find *f, const uint32_t *t, size_t n)
{
	size_t i;

	for (i = 0; i < f->nhints; i++) {
		if (n == f->hints[i].n && memcmp(t, f->hints[i].u, n *
		    sizeof *t) == 0)
			return 1;
	}
	return 0;
}

/* The synonym words the visitor's query spells or begins (zdsh). */
static void
find_synonym_hints(struct find *f, const struct query *q)
{
	const struct synonyms_word *w;
	enum query_tier t;
	uint32_t need;
	size_t i, k, n;

	if (f->syn == NULL || q->n < 2)
		return;
	need = q->u[0] >= 'a' && q->u[0] <= 'z' ? 1u << (q->u[0] - 'a') :
	    FIND_FIRST_ANY;
	for (i = 0, n = 0; i < f->syn->n; i++) {
		for (k = 0; k < f->syn->v[i].n; k++) {
			w = &f->syn->v[i].w[k];
			if (!(f->syn_first[n++] & need))
				continue;	/* find_vocabulary */
			t = query_match(q, w->u, w->n);
			if (t == QUERY_EXACT || t == QUERY_PREFIX)
				find_hint(f, w->u, w->n);
		}
	}
}

/*
 * The synonym rewrites of query qi, added as queries found via via. A
 * query that sounds like a whole word (低报: 低保) also searches that
 * word. The words matched are kept in words[] (for find_relax).
 */
static size_t
find_synonym_queries(struct find *f, struct find_results *r, size_t qi,
    enum find_via via, struct synonyms_use *use)
{
	const struct query *q = &r->queries[qi].q;
	struct find_query *fq;
	uint32_t u[2 * QUERY_MAX];
	size_t n, i, k;
	char *text;

	if (f->syn == NULL)
		return 0;
	n = synonyms_match(f->syn, q, use, FIND_SYNONYMS);
	for (i = 0; i < n; i++) {
		if (use[i].whole && (q->mode & QUERY_SOUND) &&
		    find_add_query(r, use[i].from->text, 0, via, NULL) != NULL)
			find_hint(f, use[i].from->u, use[i].from->n);
		q = &r->queries[qi].q;	/* the array may have moved */
		k = 0;
		memcpy(u, q->u, use[i].at * sizeof *u);
		k += use[i].at;
		memcpy(u + k, use[i].to->u, use[i].to->n * sizeof *u);
		k += use[i].to->n;
		memcpy(u + k, q->u + use[i].at + use[i].len,
		    (q->n - use[i].at - use[i].len) * sizeof *u);
		k += q->n - use[i].at - use[i].len;
		text = find_utf8(u, k < QUERY_MAX ? k : QUERY_MAX);
		if ((fq = find_add_query(r, text, 0, via, via == FIND_SYNONYM ?
		    use[i].to->text : NULL)) != NULL) {
			/* By sound: the word it sounds like before its
			   synonyms (出生等记: 出生登记 before 新生儿…登记). */
			fq->synonym = via == FIND_SOUND;
			find_hint(f, use[i].to->u, use[i].to->n);
		}
		free(text);
		q = &r->queries[qi].q;
	}
	return n;
}

/*
 * A query that holds a word of a rule and more (孩子上户口, 找律师), when
 * nothing else found enough: the word and its synonyms alone.
 */
static void
find_relax(struct find *f, struct find_results *r,
    const struct synonyms_use *use, size_t n)
{
	struct find_query *fq;
	size_t i;

	for (i = 0; i < n; i++) {
		if (use[i].whole || use[i].len == r->queries[0].q.n)
			continue;
		if ((fq = find_add_query(r, use[i].from->text, 0, FIND_SYNONYM,
		    use[i].from->text)) != NULL)
			fq->relaxed = 1;
		if ((fq = find_add_query(r, use[i].to->text, 0, FIND_SYNONYM,
		    use[i].to->text)) != NULL) {
			fq->relaxed = 1;
			find_hint(f, use[i].to->u, use[i].to->n);
		}
	}
}

static int
find_has_han(const struct query *q)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		if (q->u[i] >= 0x2E80)
			return 1;
	}
	return 0;
}

/* Do the letters s[0..n) cut into whole syllables (the last: its start)? */
static int
find_pinyin(const char *s, size_t n, int open_end)
{
	unsigned char ok[QUERY_MAX + 8] = { 1 };
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (!ok[i])
			continue;
		for (k = 1; k <= 6 && i + k <= n; k++) {
			if (pinyin_find(s + i, k) >= 0 || (open_end && i + k ==
			    n && pinyin_is_prefix(s + i, k)))
				ok[i + k] = 1;
		}
	}
	return ok[n];
}

/* One-slip spellings being gathered, before any is searched. */
struct find_slips {
	char	*text[FIND_SLIPS_SEEN];
	size_t	 n;
};

/* A one-slip spelling u[0..n) if its letters are pinyin: keep it. */
static void
find_slip(struct find_slips *sl, const uint32_t *u, size_t n)
{
	char letters[QUERY_MAX + 2];
	size_t i, k = 0;

	if (n == 0 || n > QUERY_MAX || sl->n >= FIND_SLIPS_SEEN)
		return;
	for (i = 0; i < n; i++) {
		if (u[i] >= 'a' && u[i] <= 'z')
			letters[k++] = (char)u[i];
		else if (k > 0 && !find_pinyin(letters, k, 0))
			return;
		else
			k = 0;
	}
	if (k > 0 && !find_pinyin(letters, k, 1))
		return;
	sl->text[sl->n++] = find_utf8(u, n);
}

/*
 * Does q spell (the start of) a word the catalogue's visitors use: a
 * domain's name or alias, or a synonym word? Cheap: all in memory.
 */
static int
find_vocabulary(const struct find *f, const struct query *q)
{
	enum query_tier t;
	uint32_t need;
	size_t i, k, w;

	/*
	 * A word can only start with what the spelling's first letter
	 * reads as: ask query_match (a dynamic programme) of those alone,
	 * so the 256 spellings of a keystroke cost little.
	 */
	need = q->n > 0 && q->u[0] >= 'a' && q->u[0] <= 'z' ?
	    1u << (q->u[0] - 'a') : FIND_FIRST_ANY;
	for (i = 0; i < f->domains.n; i++) {
		for (k = 0; k < FIND_NAMES; k++) {
			if (f->names[i].u[k] == NULL ||
			    !(f->names[i].first[k] & need))
				continue;
			t = query_match(q, f->names[i].u[k], f->names[i].n[k]);
			if (t == QUERY_EXACT || t == QUERY_PREFIX)
				return 1;
		}
	}
	for (i = 0, w = 0; f->syn != NULL && i < f->syn->n; i++) {
		for (k = 0; k < f->syn->v[i].n; k++, w++) {
			if (!(f->syn_first[w] & need))
				continue;
			t = query_match(q, f->syn->v[i].w[k].u,
			    f->syn->v[i].w[k].n);
			if (t == QUERY_EXACT || t == QUERY_PREFIX)
				return 1;
		}
	}
	return 0;
}

/*
 * The one-slip spellings of the visitor's pinyin: one letter too many, two
 * swapped, a letter missing that is often left out (zuidishenhuo: the g of
 * sheng), another letter missing, one wrong; only spellings that are
 * pinyin. Searched (each is one search): first those that spell a word of
 * the vocabulary (yanglofuwu: 养老服务), at most FIND_SLIPS, then at most
 * FIND_SLIPS others, so a keystroke that finds nothing stays cheap.
 */
static void
find_slip_queries(struct find *f, struct find_results *r)
{
	static const char often[] = "ghniu";
	const struct query *q = &r->queries[0].q;
	uint32_t orig[QUERY_MAX], u[QUERY_MAX + 1];
	struct find_slips sl;
	struct query v;
	size_t n = q->n, i, k, known = 0, other = 0;
	unsigned char *voc;
	int pass;
	char c;

	memset(&sl, 0, sizeof sl);
	memcpy(orig, q->u, n * sizeof *orig);
	for (pass = 0; pass < 5; pass++) {
		for (i = 0; i <= n; i++) {
			int letter = i < n && orig[i] >= 'a' && orig[i] <= 'z';
			int near = (i > 0 && orig[i - 1] >= 'a' &&
			    orig[i - 1] <= 'z') || letter;

			if (pass == 0 && i < n && letter) {	/* extra */
				memcpy(u, orig, i * sizeof *u);
				memcpy(u + i, orig + i + 1, (n - i - 1) * sizeof *u);
				find_slip(&sl, u, n - 1);
			}
			if (pass == 1 && i + 1 < n && letter && orig[i + 1] >=
			    'a' && orig[i + 1] <= 'z' && orig[i] != orig[i + 1]) {
				memcpy(u, orig, n * sizeof *u);
				u[i] = orig[i + 1];
				u[i + 1] = orig[i];
				find_slip(&sl, u, n);
			}
			for (c = 'a'; (pass == 2 || pass == 3) && near &&
			    c <= 'z'; c++) {	/* missing */
				if ((strchr(often, c) != NULL) != (pass == 2))
					continue;
				memcpy(u, orig, i * sizeof *u);
				u[i] = (uint32_t)c;
				memcpy(u + i + 1, orig + i, (n - i) * sizeof *u);
				find_slip(&sl, u, n + 1);
			}
			for (c = 'a'; pass == 4 && letter && c <= 'z'; c++) {
				if ((uint32_t)c == orig[i])	/* wrong */
					continue;
				memcpy(u, orig, n * sizeof *u);
				u[i] = (uint32_t)c;
				find_slip(&sl, u, n);
			}
		}
	}
	voc = xcalloc(sl.n + 1, 1);
	for (k = 0; k < sl.n; k++) {
		query_parse(&v, sl.text[k], strlen(sl.text[k]));
		voc[k] = (unsigned char)find_vocabulary(f, &v);
		query_done(&v);
	}
	for (k = 0; k < sl.n; k++) {
		if (voc[k] && known < FIND_SLIPS &&
		    find_add_query(r, sl.text[k], 0, FIND_SOUND, NULL) != NULL)
			known++;
	}
	for (k = 0; k < sl.n; k++) {
		if (!voc[k] && other < FIND_SLIPS &&
		    find_add_query(r, sl.text[k], 0, FIND_SOUND, NULL) != NULL)
			other++;
		free(sl.text[k]);	/* find_add_query keeps no pointer */
	}
	free(voc);
}

/* ---- merging the hits ------------------------------------------------------ */

struct find_pool {
	struct find_cand	*v;
	size_t			 n, cap;
	int64_t			*seen;		/* open addressing on item */
	size_t			 capseen;
	size_t			 overflow;	/* matches not returned */
	int			 complete;
};

static size_t
find_slot(int64_t item, size_t cap)
{
	return (size_t)(((uint64_t)item * 0x9E3779B97F4A7C15ULL) >> 17) &
	    (cap - 1);
}

static int
find_seen(struct find_pool *p, int64_t item)
{
	size_t i, cap;
	int64_t *old;

	if (2 * (p->n + 1) > p->capseen) {
		old = p->seen;
		cap = p->capseen;
		p->capseen = cap != 0 ? 2 * cap : 1024;
		p->seen = xcalloc(p->capseen, sizeof *p->seen);
		for (i = 0; i < cap; i++) {
			if (old[i] != 0)
				(void)find_seen(p, old[i]);
		}
		free(old);
	}
	i = find_slot(item, p->capseen);
	while (p->seen[i] != 0) {
		if (p->seen[i] == item)
			return 1;
		i = (i + 1) & (p->capseen - 1);
	}
	p->seen[i] = item;
	return 0;
}

static int
find_search(struct find *f, struct find_results *r, size_t qi,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct find_pool *p, char **error)
{
	struct search_results sr;
	struct find_cand *c;
	size_t i, added = 0;

	if (search_run(f->s, &r->queries[qi].q, filter, limit, effort, &sr,
	    error) != 0) {
		search_results_done(&sr);
		return -1;
	}
	for (i = 0; i < sr.n; i++) {
		if (find_seen(p, sr.v[i].item))
			continue;
		if (p->n == p->cap) {
			p->cap = p->cap != 0 ? 2 * p->cap : 256;
			p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
		}
		c = &p->v[p->n++];
		memset(c, 0, sizeof *c);
		c->hit.item = sr.v[i].item;
		c->hit.query = qi;
		c->hit.via = r->queries[qi].via;
		c->hit.tier = sr.v[i].tier;
		c->order = p->n;
		added++;
	}
	p->overflow += sr.total - sr.n;
	if (!sr.complete)
		p->complete = 0;
	search_results_done(&sr);
	/* A synonym is named on screen only if it found something new. */
	if (added > 0 && r->queries[qi].via == FIND_SYNONYM && (r->also == NULL ||
	    strstr(r->also, r->queries[qi].word) == NULL)) {
		char *also = r->also != NULL ? xasprintf("%s、%s", r->also,
		    r->queries[qi].word) : xstrdup(r->queries[qi].word);

		free(r->also);
		r->also = also;
	}
	if (added > 0 && r->queries[qi].via == FIND_SOUND)
		r->sound = 1;
	return 0;
}

/*
 * Step 5: a Chinese query that finds (almost) nothing as a whole, not
 * even by a word a synonym rule knows (房子评估, 投诉电话): the longest
 * runs of its characters that find something, all runs of that length.
 * Longest first, at most FIND_PARTS searches, so a keystroke stays cheap.
 */
static int
find_parts(struct find *f, struct find_results *r,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct find_pool *p, char **error)
{
	uint32_t u[QUERY_MAX];
	struct find_query *fq;
	size_t n = r->queries[0].q.n, len, at, i, before, searches = 0;
	char *text;

	if (r->queries[0].q.letters || n < 3 || n > QUERY_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (r->queries[0].q.u[i] < 0x2E80)
			return 0;
	}
	memcpy(u, r->queries[0].q.u, n * sizeof *u);
	for (len = n - 1; len >= 2; len--) {
		before = p->n;
		for (at = 0; at + len <= n; at++) {
			if (searches++ >= FIND_PARTS)
				return 0;
			text = find_utf8(u + at, len);
			fq = find_add_query(r, text, 0, FIND_EXACT, NULL);
			free(text);
			if (fq == NULL)
				continue;
			fq->relaxed = 2;
			if (find_search(f, r, r->nqueries - 1, filter, limit,
			    effort, p, error) != 0)
				return -1;
		}
		if (p->n > before)
			break;
	}
	return 0;
}

/* ---- domain rows ------------------------------------------------------------- */

/* How well query q names domain i: a query tier, QUERY_NONE if not. */
static enum query_tier
find_domain_tier(const struct find *f, const struct query *q, size_t i)
{
	enum query_tier best = QUERY_NONE, t;
	size_t k;

	for (k = 0; k < FIND_NAMES; k++) {
		if (f->names[i].u[k] == NULL)
			continue;
		t = query_match(q, f->names[i].u[k], f->names[i].n[k]);
		/* One letter or character is too little to name a domain. */
		if (t == QUERY_PREFIX && q->n < 2)
			t = QUERY_NONE;
		if (t == QUERY_CONTAINS && (q->letters || q->n < 2))
			t = QUERY_NONE;
		if (t < best)
			best = t;
	}
	return best;
}

/* A domain the query names. */
struct find_row {
	const struct domain	*domain;
	size_t			 index;		/* in f->domains */
	enum query_tier		 tier;
	enum find_via		 via;
	size_t			 query;		/* the query that names it */
	int			 cls;		/* rule a of that query */
};

/*
 * Rule a: 0 the query or a synonym, 1 by sound (all of the query, with a
 * slip), 2 a word of it alone, 3 a run of its characters alone.
 */
static int
find_class(const struct find_query *fq)
{
	return fq->via == FIND_SOUND ? 1 : fq->relaxed == 1 ? 2 :
	    fq->relaxed == 2 ? 3 : 0;
}

/* Did the visitor's query as typed match an item's name? */
static int
find_named(const struct find_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].hit.query == 0 && p->v[i].hit.tier != QUERY_NONE)
			return 1;
	}
	return 0;
}

/*
 * The domains the queries name, best first, into out (at most max); named:
 * the query as typed matched items' names (find_named).
 */
static size_t
find_domains(const struct find *f, const struct find_results *r,
    int named, struct find_row *out, size_t max)
{
	struct find_row row;
	enum query_tier u;
	size_t n = 0, i, qi, k;

	for (i = 0; i < f->domains.n; i++) {
		row.tier = QUERY_NONE;
		row.via = FIND_EXACT;
		row.cls = 9;
		row.query = 0;
		for (qi = 0; qi < r->nqueries; qi++) {
			u = find_domain_tier(f, &r->queries[qi].q, i);
			if (u == QUERY_NONE)
				continue;
			if (find_class(&r->queries[qi]) < row.cls ||
			    (find_class(&r->queries[qi]) == row.cls &&
			    u < row.tier)) {
				row.tier = u;
				row.via = r->queries[qi].via;
				row.cls = find_class(&r->queries[qi]);
				row.query = qi;
			}
		}
		/*
		 * Named only through a synonym while the words as typed are
		 * in items' names (预算: 政府预算): those items, not the
		 * domain, are what the visitor named.
		 */
		if (named && row.via == FIND_SYNONYM)
			continue;
		/* Named by a word of a longer query only: not asked for. */
		if (row.tier == QUERY_NONE || row.cls == 2 || row.cls == 3 ||
		    f->domains.v[i].items == 0)
			continue;
		row.domain = &f->domains.v[i];
		row.index = i;
		/* Insert by tier; equal tiers keep the domains' order. */
		for (k = n; k > 0 && (out[k - 1].cls > row.cls ||
		    (out[k - 1].cls == row.cls && out[k - 1].tier > row.tier));
		    k--) {
			if (k < max)
				out[k] = out[k - 1];
		}
		if (k < max) {
			out[k] = row;
			if (n < max)
				n++;
		}
	}
	return n;
}

/*
 * The items of a domain the query names in full or by its start: what
 * the visitor came for, even where their text does not say the name.
 */
static void
find_domain_items(struct find *f, const struct find_row *row,
    const struct search_filter *filter, size_t limit, struct find_pool *p)
{
	struct find_cand *c;
	int64_t *ids;
	size_t i, n, max = limit != 0 ? limit : SIZE_MAX;

	n = search_domain_items(f->s, row->domain->id, filter, NULL, 0);
	n = n < max ? n : max;
	ids = xcalloc(n + 1, sizeof *ids);
	n = search_domain_items(f->s, row->domain->id, filter, ids, n);
	n = n < max ? n : max;
	for (i = 0; i < n; i++) {
		if (find_seen(p, ids[i]))
			continue;
		if (p->n == p->cap) {
			p->cap = p->cap != 0 ? 2 * p->cap : 256;
			p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
		}
		c = &p->v[p->n++];
		memset(c, 0, sizeof *c);
		c->hit.item = ids[i];
		c->hit.query = row->query;
		c->hit.via = row->via;
		c->hit.tier = QUERY_CONTAINS;	/* shown by its name */
		c->order = p->n;
	}
	free(ids);
}

/* ---- ranking ----------------------------------------------------------------- */

static uint64_t
find_hash(const uint32_t *u, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ u[i]) * 0x100000001b3ULL;
	return h | 1;
}

/* Did the query's letters stand for the initials of span characters? */
static int
find_initials(const struct query *q, size_t span)
{
	size_t i, letters = 0;

	for (i = 0; i < q->n; i++)
		letters += (size_t)query_is_letter(q, i);
	span -= q->n - letters < span ? q->n - letters : span;
	return span > 0 && letters < 2 * span;
}

/*
 * Rules c and d for one element of an item: 0 if the query is not in it.
 * Sets the field rank, how it matched, and the hash of what it matched.
 */
static int
find_element(const struct find *fd, const struct query *q,
    const struct query *common, const char *text, int field,
    struct find_cand *c)
{
	struct fold_text f;
	enum query_tier t;
	size_t a, b;
	int found = 0;

	if (text == NULL || *text == '\0')
		return 0;
	fold_text_init(&f);
	fold_text(&f, text, strlen(text));
	t = field == 0 ? query_match(q, f.v, f.n) : QUERY_NONE;
	/* query_find starts over at every unit: ask the cheap question first. */
	if ((field == 0 ? t != QUERY_NONE : query_contains(q, f.v, f.n)) &&
	    query_find(q, f.v, f.n, &a, &b) == 0) {
		found = 1;
		c->field = field == 0 ? (int)t : field + 2;
		c->how = 0;
		/*
		 * Initials only: the letters are fewer than two a character
		 * (zdsh for 最低生活; full syllables take two or more), unless
		 * they spell all of a word the query names (csdj: 出生登记).
		 */
		if (q->letters && find_initials(q, b - a) &&
		    !find_is_word(fd, f.v + a, b - a))
			c->how += 2;
		/* Only a rare reading (和 hu, 其 ji) reads as the query. */
		if (common != NULL && !query_contains(common, f.v + a, b - a))
			c->how += 1;
		c->span = find_hash(f.v + a, b - a);
		c->word = !find_is_hint(fd, f.v + a, b - a);
	}
	fold_text_done(&f);
	return found;
}

/*
 * Rule a among hits by sound or of a word or run alone: how many distinct
 * characters of the visitor's query the first n of texts hold.
 */
static int
find_cover(const struct query *q, const char *const *texts, int n)
{
	unsigned char found[QUERY_MAX] = { 0 };
	struct fold_text f;
	size_t i, k, m = q->n < QUERY_MAX ? q->n : QUERY_MAX;
	int t, count = 0;

	fold_text_init(&f);
	for (t = 0; t < n; t++) {
		if (texts[t] == NULL)
			continue;
		fold_text(&f, texts[t], strlen(texts[t]));
		for (i = 0; i < m; i++) {
			for (k = 0; !found[i] && q->u[i] >= 0x2E80 && k < f.n;
			    k++)
				found[i] = f.v[k] == q->u[i];
		}
	}
	fold_text_done(&f);
	for (i = 0; i < m; i++) {
		for (k = 0; k < i && q->u[k] != q->u[i]; k++)
			;
		count += found[i] && k == i;	/* each character once */
	}
	return count;
}

/* Rule e2: a name's length in characters, in bands (log2). */
static int
find_length(const char *name)
{
	size_t n = 0;
	int band = 0;

	for (; *name != '\0'; name++)
		n += ((unsigned char)*name & 0xC0) != 0x80;
	for (; n > 1; n /= 2)
		band++;
	return band;
}

/* Rules c and d for one hit, from its item. */
static int
find_score(struct find *f, struct find_results *r, struct find_query *common,
    struct find_cand *c, const int *asked, int maxid, char **error)
{
	struct find_query *fq = &r->queries[c->hit.query];
	const struct query *cq = NULL;
	struct item it;
	const char *texts[6];
	int i, field[6] = { 0, 1, 2, 3, 3, 4 };

	if (catalogue_item(f->cat, c->hit.item, &it, error) != 0)
		return -1;
	if (fq->q.letters && common != NULL && c->hit.query == 0)
		cq = &common->q;
	texts[0] = it.level2[0] != '\0' ? it.level2 : it.level1;
	texts[1] = it.level2[0] != '\0' ? it.level1 : NULL;
	texts[2] = it.content;
	texts[3] = it.basis;
	texts[4] = it.subject;
	texts[5] = it.jurisdiction;
	c->length = find_length(texts[0]);
	c->field = 9;
	c->how = 0;
	c->word = 1;
	for (i = 0; i < 6; i++) {
		if (find_element(f, &fq->q, cq, texts[i], field[i], c))
			break;
	}
	c->field = i < 6 ? c->field : 9;
	if ((fq->via == FIND_SYNONYM || fq->synonym) && !(fq->q.letters ==
	    0 && r->queries[0].q.letters))
		c->how += 1;
	if (fq->relaxed || fq->via == FIND_SOUND) {
		c->cover = find_cover(&r->queries[0].q, texts, 1);
		c->cover_all = find_cover(&r->queries[0].q, texts, 3);
	}
	/* The visitor's own characters, found as typed: their own word. */
	if (c->hit.query == 0 && !fq->q.letters && c->field < 9)
		c->word = 0;
	/*
	 * An item of a domain named whose text does not match: after every
	 * item whose text does (they are listed for the domain's sake).
	 */
	c->sound = c->field == 9 ? 4 : find_class(fq);
	c->away = asked != NULL && (it.domain_id < 0 || it.domain_id > maxid ||
	    !asked[it.domain_id]);
	c->views = f->views != NULL ? f->views(f->views_ctx, &it) : 0;
	item_done(&it);
	return 0;
}

static int
find_cmp(const void *pa, const void *pb)
{
	const struct find_cand *a = pa, *b = pb;

	if (a->sound != b->sound)
		return a->sound - b->sound;
	if (a->cover != b->cover)
		return b->cover - a->cover;
	if (a->cover_all != b->cover_all)
		return b->cover_all - a->cover_all;
	if (a->away != b->away)
		return a->away - b->away;
	if (a->word != b->word)
		return a->word - b->word;
	if (a->field != b->field)
		return a->field - b->field;
	if (a->how != b->how)
		return a->how - b->how;
	if (a->shared != b->shared)
		return a->shared > b->shared ? -1 : 1;
	if (a->length != b->length)
		return a->length - b->length;
	if (a->views != b->views)
		return a->views > b->views ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
find_span_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/* Rule e: how many ranked hits matched the same text as each. */
static void
find_shared(struct find_cand *v, size_t n)
{
	uint64_t *spans = xcalloc(n + 1, sizeof *spans);
	size_t i, lo, hi, mid;

	for (i = 0; i < n; i++)
		spans[i] = v[i].span;
	qsort(spans, n, sizeof *spans, find_span_cmp);
	for (i = 0; i < n; i++) {
		if (v[i].span == 0)
			continue;
		lo = 0;
		hi = n;
		while (lo < hi) {	/* the first span >= v[i].span */
			mid = lo + (hi - lo) / 2;
			if (spans[mid] < v[i].span)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (hi = lo; hi < n && spans[hi] == v[i].span; hi++)
			;
		/* Bands (log2 of the count), so near counts are still a tie. */
		for (v[i].shared = 0, mid = hi - lo; mid > 1; mid /= 2)
			v[i].shared++;
	}
	free(spans);
}

static int
find_rank(struct find *f, struct find_results *r, struct find_pool *p,
    const struct find_row *rows, size_t nrows, size_t most, char **error)
{
	struct find_query *common = NULL;
	int *asked = NULL;
	size_t i, n = p->n < most ? p->n : most;
	int rc = 0, maxid = 0;
	char *text;

	if (nrows > 0) {
		for (i = 0; i < f->domains.n; i++)
			if (f->domains.v[i].id > maxid)
				maxid = f->domains.v[i].id;
		asked = xcalloc((size_t)maxid + 1, sizeof *asked);
		for (i = 0; i < nrows; i++)
			asked[rows[i].domain->id] = 1;
	}
	/* Rule d: the visitor's letters read with common readings only. */
	if (r->queries[0].q.letters) {
		text = find_utf8(r->queries[0].q.u, r->queries[0].q.n);
		common = find_add_query(r, text, QUERY_COMMON, FIND_EXACT, NULL);
		free(text);
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = find_score(f, r, common, &p->v[i], asked, maxid, error);
	free(asked);
	if (rc != 0)
		return -1;
	if (n == 0)
		return 0;
	find_shared(p->v, n);
	qsort(p->v, n, sizeof *p->v, find_cmp);
	return 0;
}

/* ---- running ----------------------------------------------------------------- */

int
find_run(struct find *f, const char *text, size_t len,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct find_results *out, char **error)
{
	struct synonyms_use use[FIND_SYNONYMS], sound_use[FIND_SYNONYMS];
	struct find_row rows[FIND_DOMAIN_ROWS];
	struct find_pool p;
	size_t i, nrows = 0, pool, rewrite, first_sound, nexact;
	size_t nuse;
	char *copy;
	int rc = 0;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	out->complete = p.complete = 1;
	copy = xstrndup(text != NULL ? text : "", text != NULL ? len : 0);
	if (find_add_query(out, copy, 0, FIND_EXACT, NULL) == NULL) {
		free(copy);
		return 0;
	}
	pool = limit == 0 ? 0 : limit > FIND_POOL ? limit : FIND_POOL;
	f->nhints = 0;
	find_synonym_hints(f, &out->queries[0].q);
	nuse = find_synonym_queries(f, out, 0, FIND_SYNONYM, use);
	rewrite = pool != 0 && pool > FIND_POOL_REWRITE ? FIND_POOL_REWRITE :
	    pool;
	for (i = 0; i < out->nqueries && rc == 0; i++)
		rc = find_search(f, out, i, filter, i == 0 ? pool : rewrite,
		    effort, &p, error);
	nexact = p.n;
	/* The sound-alike search, only when the exact one finds little. */
	if (rc == 0 && p.n < FIND_FEW && out->queries[0].q.n >= 2) {
		first_sound = out->nqueries;
		if (find_has_han(&out->queries[0].q) && find_add_query(out, copy,
		    QUERY_SOUND, FIND_SOUND, NULL) != NULL)
			find_synonym_queries(f, out, first_sound, FIND_SOUND,
			    sound_use);
		if (out->queries[0].q.letters && out->queries[0].q.n >= 4)
			find_slip_queries(f, out);
		/* Until enough is found (a spelling's chance hits must not
		   stop the search before the right one). */
		for (i = first_sound; i < out->nqueries && rc == 0 &&
		    p.n - nexact < FIND_SOUND_ENOUGH; i++)
			rc = find_search(f, out, i, filter, rewrite, effort, &p,
			    error);
	}
	/* Still little: the words of the query that the synonyms know. */
	if (rc == 0 && p.n < FIND_FEW && nuse > 0) {
		first_sound = out->nqueries;
		find_relax(f, out, use, nuse);
		for (i = first_sound; i < out->nqueries && rc == 0; i++)
			rc = find_search(f, out, i, filter, rewrite, effort, &p,
			    error);
	}
	/* Still little: the longest runs of its characters that find. */
	if (rc == 0 && p.n < FIND_FEW)
		rc = find_parts(f, out, filter, rewrite, effort, &p, error);
	free(copy);
	if (rc == 0 && (filter == NULL || filter->domain_id <= 0))
		nrows = find_domains(f, out, find_named(&p), rows,
		    FIND_DOMAIN_ROWS);
	for (i = 0; i < nrows && rc == 0; i++) {
		find_hint(f, f->names[rows[i].index].u[0],
		    f->names[rows[i].index].n[0]);
		if (rows[i].tier <= QUERY_PREFIX)
			find_domain_items(f, &rows[i], filter, pool, &p);
	}
	if (rc == 0)
		rc = find_rank(f, out, &p, rows, nrows, effort == SEARCH_BOUNDED ?
		    FIND_RESCORE_KIOSK : FIND_RESCORE, error);
	if (rc == 0) {
		size_t n = limit != 0 && p.n > limit ? limit : p.n;

		out->v = xcalloc(nrows + n + 1, sizeof *out->v);
		for (i = 0; i < nrows; i++) {
			out->v[i].domain = rows[i].domain;
			out->v[i].via = rows[i].via;
			out->v[i].tier = QUERY_NONE;
		}
		for (i = 0; i < n; i++)
			out->v[nrows + i] = p.v[i].hit;
		out->n = nrows + n;
		out->domains = nrows;
		out->total = p.n + p.overflow;
		out->complete = p.complete && p.overflow == 0;
	}
	free(p.v);
	free(p.seen);
	return rc;
}

int
find_display(struct find *f, const struct find_results *r, size_t i,
    struct search_display *out, char **error)
{
	struct search_hit h;

	h.item = r->v[i].item;
	h.tier = r->v[i].tier;
	return search_display(f->s, &r->queries[r->v[i].query].q, &h, out,
	    error);
}
