/*
 * Building the search index while the catalogue is imported. Texts are
 * folded (i18n/fold.h) and stored once each: a region's catalogues repeat
 * the same standard items, laws and wording, so the index and the work per
 * query scale with the distinct texts, not with the items.
 *
 * Posting lists are kept in memory as delta-coded text ids and written out
 * in segments when they grow past SEARCH_FLUSH_BYTES, so a large import
 * needs bounded memory; a reader ORs a key's segments together.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "data/search/index.h"
#include "i18n/fold.h"
#include "i18n/i18n.h"
#include "i18n/pinyin.h"
#include "lib/xmalloc.h"

/* Write posting lists out when they take more memory than this. */
#define SEARCH_FLUSH_BYTES	(48u << 20)

/* Key kinds, in bits 56-59; the space is bit 60. */
enum { KEY_CHAR = 1, KEY_PAIR = 2, KEY_SOUNDS1 = 3, KEY_SOUNDS2 = 4,
    KEY_SOUNDS3 = 5, KEY_SYLLABLE = 6 };

/* Blob formats of a posting-list segment. */
enum { POST_DELTAS = 0, POST_BITS = 1 };

static const char search_index_sql[] =
	"CREATE TABLE search_name ("
	"  id INTEGER PRIMARY KEY,"
	"  folded TEXT NOT NULL);"
	"CREATE TABLE search_text ("
	"  id INTEGER PRIMARY KEY,"
	"  folded TEXT NOT NULL);"
	/* Text ids per item; 0: the item has no such text. */
	"CREATE TABLE search_doc ("
	"  item INTEGER PRIMARY KEY,"
	"  domain_id INTEGER NOT NULL,"
	"  levels INTEGER NOT NULL,"	/* 1 county, 2 township, 4 village */
	"  name INTEGER NOT NULL, grp INTEGER NOT NULL,"
	"  content INTEGER NOT NULL, basis INTEGER NOT NULL,"
	"  subject INTEGER NOT NULL, jurisdiction INTEGER NOT NULL);"
	"CREATE TABLE search_post ("
	"  key INTEGER NOT NULL,"
	"  seg INTEGER NOT NULL,"
	"  ids BLOB NOT NULL);"
	"CREATE INDEX search_post_key ON search_post (key, seg);";

uint64_t
search_sounds(uint32_t c)
{
	const uint16_t *ids;
	uint64_t set = 0;
	size_t n, i;

	if (c >= 'a' && c <= 'z')
		return (uint64_t)1 << (c - 'a');
	if (c >= '0' && c <= '9')
		return (uint64_t)1 << (26 + c - '0');
	n = c >= 0x2E80 ? pinyin_readings(c, &ids) : 0;
	for (i = 0; i < n; i++)
		set |= (uint64_t)1 << (pinyin_syllable(ids[i])[0] - 'a');
	return set != 0 ? set : (uint64_t)1 << SEARCH_SOUND_OTHER;
}

size_t
search_utf8_decode(const char *t, size_t len, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)t, *end = p + len;
	size_t n = 0, k, i;
	uint32_t c;

	while (p < end) {
		c = *p++;
		k = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
		if ((size_t)(end - p) < k)
			break;
		c &= k == 0 ? 0x7F : 0x3F >> k;
		for (i = 0; i < k; i++)
			c = (c << 6) | (*p++ & 0x3F);
		out[n++] = c;
	}
	return n;
}

static int64_t
search_key(enum search_space sp, int kind, uint64_t value)
{
	return (int64_t)(((uint64_t)sp << 60) | ((uint64_t)kind << 56) | value);
}

int64_t
search_key_char(enum search_space sp, uint32_t c)
{
	return search_key(sp, KEY_CHAR, c);
}

int64_t
search_key_pair(enum search_space sp, uint32_t a, uint32_t b)
{
	return search_key(sp, KEY_PAIR, ((uint64_t)a << 21) | b);
}

int64_t
search_key_syllable(enum search_space sp, unsigned id)
{
	return search_key(sp, KEY_SYLLABLE, id);
}

int64_t
search_key_sounds(enum search_space sp, const int *s, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v * SEARCH_SOUNDS + (uint64_t)s[i];
	return search_key(sp, KEY_SOUNDS1 + n - 1, v);
}

static void
search_combo_set(struct search_combo *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		c->snd[i] = __builtin_ctzll(c->rest[i]);
}

int
search_combo_first(struct search_combo *c, const uint64_t *set, int n)
{
	int i;

	c->set = set;
	c->n = n;
	for (i = 0; i < n; i++) {
		if ((c->rest[i] = set[i]) == 0)
			return 0;
	}
	search_combo_set(c);
	return 1;
}

/* An odometer: the last unit's next sound, carrying into the one before. */
int
search_combo_next(struct search_combo *c)
{
	int i;

	for (i = c->n - 1; i >= 0; i--) {
		c->rest[i] &= c->rest[i] - 1;
		if (c->rest[i] != 0) {
			search_combo_set(c);
			return 1;
		}
		c->rest[i] = c->set[i];
	}
	return 0;
}

static size_t
search_varint_get(const unsigned char *p, size_t len, size_t *at, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*at < len && shift < 64) {
		*v |= (uint64_t)(p[*at] & 0x7F) << shift;
		if ((p[(*at)++] & 0x80) == 0)
			return 1;
		shift += 7;
	}
	return 0;
}

static uint64_t
search_le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/*
 * A segment is a format byte and the first id (varint), then either the
 * count and the gaps between ids (varints), or - where that is smaller - a
 * bit set of 64-bit little-endian words starting at the first id, which is
 * then a multiple of 64.
 */
int
search_postings_or(const unsigned char *blob, size_t len, uint64_t *bits,
    size_t nbits)
{
	uint64_t first, count, delta, id, k;
	size_t at = 1, nwords = (nbits + 63) / 64;

	if (len < 1 || !search_varint_get(blob, len, &at, &first))
		return -1;
	if (blob[0] == POST_BITS) {
		if (first % 64 != 0 || (len - at) % 8 != 0)
			return -1;
		for (k = first / 64; at < len; at += 8, k++) {
			if (k < nwords)
				bits[k] |= search_le64(blob + at);
		}
		return 0;
	}
	if (blob[0] != POST_DELTAS || !search_varint_get(blob, len, &at, &count))
		return -1;
	for (id = first, k = 0; k < count; k++) {
		if (id < nbits)
			bits[id / 64] |= (uint64_t)1 << (id % 64);
		if (k + 1 < count) {
			if (!search_varint_get(blob, len, &at, &delta))
				return -1;
			id += delta;
		}
	}
	return 0;
}

/* ---- building ---------------------------------------------------------- */

/* One posting list being built: delta-coded ids since the last flush. */
struct search_posting {
	int64_t		 key;
	uint32_t	 first, last, count;
	unsigned char	*buf;
	uint32_t	 len, cap;
};

/* A distinct text: a 128-bit hash of its folded form, and its id. */
struct search_seen {
	uint64_t	h1, h2;
	uint32_t	id;
};

/* Texts by their 128-bit hash (open addressing); id 0: a free slot. */
struct search_seen_table {
	struct search_seen	*v;
	size_t			 n, cap;
};

struct search_space_state {
	struct search_seen_table folded;	/* folded text -> id */
	/* The text as imported -> id: an exact repeat (most texts of a
	   region's catalogues) is not folded again. */
	struct search_seen_table raw;
	uint32_t		 next_id;
	sqlite3_stmt		*insert;
};

struct search_index {
	sqlite3				*db;
	sqlite3_stmt			*add_doc;
	sqlite3_stmt			*add_post;
	struct search_space_state	 sp[2];

	struct search_posting		*post;		/* open addressing */
	size_t				 npost, cappost;
	size_t				 bytes;		/* in posting buffers */
	int				 seg;

	/* Keys of the text being indexed, deduplicated with a stamp. */
	int64_t				*tkeys;
	uint32_t			*tstamp;
	size_t				 captkeys;
	uint32_t			 stamp;
	int64_t				*tlist;
	size_t				 ntlist;

	struct fold_text		 fold;
};

static uint64_t
search_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static size_t
search_slot(int64_t key, size_t cap)
{
	return (size_t)search_mix((uint64_t)key) & (cap - 1);
}

static int
search_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **error)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		*error = xasprintf(_("cannot prepare the search index: %s"),
		    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

struct search_index *
search_index_create(sqlite3 *db, char **error)
{
	struct search_index *x = xcalloc(1, sizeof *x);
	char *msg = NULL;

	x->db = db;
	fold_text_init(&x->fold);
	if (sqlite3_exec(db, search_index_sql, NULL, NULL, &msg) != SQLITE_OK) {
		*error = xasprintf(_("cannot create the search index: %s"),
		    msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		search_index_free(x);
		return NULL;
	}
	if (search_prepare(db, "INSERT INTO search_name (id, folded) VALUES"
	    " (?1, ?2)", &x->sp[SEARCH_NAMES].insert, error) != 0 ||
	    search_prepare(db, "INSERT INTO search_text (id, folded) VALUES"
	    " (?1, ?2)", &x->sp[SEARCH_BODY].insert, error) != 0 ||
	    search_prepare(db, "INSERT INTO search_doc VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9)", &x->add_doc, error) != 0 ||
	    search_prepare(db, "INSERT INTO search_post (key, seg, ids) VALUES"
	    " (?1, ?2, ?3)", &x->add_post, error) != 0) {
		search_index_free(x);
		return NULL;
	}
	return x;
}

void
search_index_free(struct search_index *x)
{
	size_t i;
	int s;

	if (x == NULL)
		return;
	for (s = 0; s < 2; s++) {
		sqlite3_finalize(x->sp[s].insert);
		free(x->sp[s].folded.v);
		free(x->sp[s].raw.v);
	}
	sqlite3_finalize(x->add_doc);
	sqlite3_finalize(x->add_post);
	for (i = 0; i < x->cappost; i++)
		free(x->post[i].buf);
	free(x->post);
	free(x->tkeys);
	free(x->tstamp);
	free(x->tlist);
	fold_text_done(&x->fold);
	free(x);
}

static void
search_varint_put(unsigned char *p, uint32_t *len, uint64_t v)
{
	while (v >= 0x80) {
		p[(*len)++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[(*len)++] = (unsigned char)v;
}

/* The posting list of key, added if new. */
static struct search_posting *
search_posting(struct search_index *x, int64_t key)
{
	struct search_posting *old = x->post, *p;
	size_t i, oldcap = x->cappost;

	if (2 * (x->npost + 1) > x->cappost) {
		x->cappost = oldcap != 0 ? 2 * oldcap : 4096;
		x->post = xcalloc(x->cappost, sizeof *x->post);
		for (i = 0; i < oldcap; i++) {
			if (old[i].buf == NULL)
				continue;
			p = &x->post[search_slot(old[i].key, x->cappost)];
			while (p->buf != NULL)
				p = p == &x->post[x->cappost - 1] ? x->post : p + 1;
			*p = old[i];
		}
		free(old);
	}
	p = &x->post[search_slot(key, x->cappost)];
	while (p->buf != NULL && p->key != key)
		p = p == &x->post[x->cappost - 1] ? x->post : p + 1;
	if (p->buf == NULL) {
		p->key = key;
		p->cap = 16;
		p->buf = xmalloc(p->cap);
		x->npost++;
		x->bytes += p->cap + sizeof *p;
	}
	return p;
}

/* Ids arrive in increasing order: store the gap from the last one. */
static void
search_post_add(struct search_index *x, int64_t key, uint32_t id)
{
	struct search_posting *p = search_posting(x, key);

	if (p->count > 0 && p->last == id)
		return;
	if (p->len + 10 > p->cap) {
		x->bytes += p->cap;
		p->cap *= 2;
		p->buf = xreallocarray(p->buf, p->cap, 1);
	}
	if (p->count == 0)
		p->first = id;
	else
		search_varint_put(p->buf, &p->len, id - p->last);
	p->last = id;
	p->count++;
}

/* One segment blob of p: gaps, or a bit set where that is smaller. */
static unsigned char *
search_segment(const struct search_posting *p, size_t *len)
{
	uint64_t base = p->first / 64 * 64, words = (p->last - base) / 64 + 1;
	unsigned char *blob;
	uint32_t n = 0, id = p->first;
	uint64_t w, delta;
	size_t at = 0, k;

	if (words * 8 < (size_t)p->len + 8) {
		blob = xcalloc(1, 12 + words * 8);
		blob[n++] = POST_BITS;
		search_varint_put(blob, &n, base);
		for (k = 0; k < p->count; k++) {
			w = (uint64_t)(id - base);
			blob[n + w / 8] |= (unsigned char)(1u << (w % 8));
			if (k + 1 < p->count && search_varint_get(p->buf, p->len,
			    &at, &delta))
				id += (uint32_t)delta;
		}
		*len = n + words * 8;
		return blob;
	}
	blob = xmalloc(24 + p->len);
	blob[n++] = POST_DELTAS;
	search_varint_put(blob, &n, p->first);
	search_varint_put(blob, &n, p->count);
	memcpy(blob + n, p->buf, p->len);
	*len = n + p->len;
	return blob;
}

static int
search_write_segment(struct search_index *x, const struct search_posting *p,
    char **error)
{
	sqlite3_stmt *st = x->add_post;
	unsigned char *blob;
	size_t len;
	int rc;

	blob = search_segment(p, &len);
	sqlite3_bind_int64(st, 1, p->key);
	sqlite3_bind_int(st, 2, x->seg);
	sqlite3_bind_blob(st, 3, blob, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(blob);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot write the search index: %s"),
		    sqlite3_errmsg(x->db));
		return -1;
	}
	return 0;
}

/* Write every posting list as one more segment and start afresh. */
static int
search_flush(struct search_index *x, char **error)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < x->cappost; i++) {
		if (x->post[i].buf == NULL)
			continue;
		if (rc == 0 && x->post[i].count > 0)
			rc = search_write_segment(x, &x->post[i], error);
		free(x->post[i].buf);
	}
	free(x->post);
	x->post = NULL;
	x->npost = x->cappost = x->bytes = 0;
	x->seg++;
	return rc;
}

/* Remember key for the current text unless it is already there. */
static void
search_text_key(struct search_index *x, int64_t key)
{
	size_t i, cap;

	if (x->ntlist * 2 + 2 > x->captkeys) {
		cap = x->captkeys != 0 ? 2 * x->captkeys : 1024;
		free(x->tkeys);
		free(x->tstamp);
		x->tkeys = xcalloc(cap, sizeof *x->tkeys);
		x->tstamp = xcalloc(cap, sizeof *x->tstamp);
		x->captkeys = cap;
		x->tlist = xreallocarray(x->tlist, cap, sizeof *x->tlist);
		for (i = 0; i < x->ntlist; i++) {	/* rehash */
			size_t j = search_slot(x->tlist[i], cap);
			while (x->tstamp[j] == x->stamp)
				j = (j + 1) & (cap - 1);
			x->tkeys[j] = x->tlist[i];
			x->tstamp[j] = x->stamp;
		}
	}
	i = search_slot(key, x->captkeys);
	while (x->tstamp[i] == x->stamp) {
		if (x->tkeys[i] == key)
			return;
		i = (i + 1) & (x->captkeys - 1);
	}
	x->tkeys[i] = key;
	x->tstamp[i] = x->stamp;
	x->tlist[x->ntlist++] = key;
}

/* Every combination of the sounds of n adjacent units (sets in set). */
static void
search_sound_keys(struct search_index *x, enum search_space sp,
    const uint64_t *set, int n)
{
	struct search_combo c;
	int ok;

	for (ok = search_combo_first(&c, set, n); ok; ok = search_combo_next(&c))
		search_text_key(x, search_key_sounds(sp, c.snd, n));
}

/* The keys of the folded text in x->fold, into x->tlist. */
static void
search_keys(struct search_index *x, enum search_space sp)
{
	const uint32_t *v = x->fold.v;
	uint64_t set[3] = { 0, 0, 0 };
	const uint16_t *ids;
	size_t i, k, n;

	x->ntlist = 0;
	if (++x->stamp == 0) {
		memset(x->tstamp, 0, x->captkeys * sizeof *x->tstamp);
		x->stamp = 1;
	}
	for (i = 0; i < x->fold.n; i++) {
		search_text_key(x, search_key_char(sp, v[i]));
		n = v[i] >= 0x2E80 ? pinyin_readings(v[i], &ids) : 0;
		for (k = 0; k < n; k++)
			search_text_key(x, search_key_syllable(sp, ids[k]));
		if (i > 0)
			search_text_key(x, search_key_pair(sp, v[i - 1], v[i]));
		set[0] = set[1];
		set[1] = set[2];
		set[2] = search_sounds(v[i]);
		search_sound_keys(x, sp, &set[2], 1);
		if (i > 0)
			search_sound_keys(x, sp, &set[1], 2);
		if (i > 1)
			search_sound_keys(x, sp, &set[0], 3);
	}
}

/*
 * Two independent 64-bit hashes of s[0..len): 128 bits name a text. Eight
 * bytes a step (in host order: the hashes never leave this import).
 */
static void
search_hash(const char *s, size_t len, uint64_t *h1, uint64_t *h2)
{
	uint64_t a = 0xcbf29ce484222325ULL ^ len, b = len, w;
	size_t i;

	for (i = 0; i < len; i += 8) {
		w = 0;
		memcpy(&w, s + i, len - i < 8 ? len - i : 8);
		a = search_mix(a ^ w) + 0x9e3779b97f4a7c15ULL;
		b = search_mix(b + w + 0xd6e8feb86659fd93ULL) ^ (b >> 29);
	}
	*h1 = search_mix(a);
	*h2 = search_mix(b ^ 0x94d049bb133111ebULL);
}

/* The id of the text of hash (h1, h2) in t, else 0 with *slot its place. */
static uint32_t
search_seen(struct search_seen_table *t, uint64_t h1, uint64_t h2,
    struct search_seen **slot)
{
	struct search_seen *old = t->v, *e;
	size_t i, oldcap = t->cap;

	if (2 * (t->n + 1) > t->cap) {
		t->cap = oldcap != 0 ? 2 * oldcap : 4096;
		t->v = xcalloc(t->cap, sizeof *t->v);
		for (i = 0; i < oldcap; i++) {
			if (old[i].id == 0)
				continue;
			e = &t->v[search_slot((int64_t)old[i].h1, t->cap)];
			while (e->id != 0)
				e = e == &t->v[t->cap - 1] ? t->v : e + 1;
			*e = old[i];
		}
		free(old);
	}
	e = &t->v[search_slot((int64_t)h1, t->cap)];
	while (e->id != 0 && (e->h1 != h1 || e->h2 != h2))
		e = e == &t->v[t->cap - 1] ? t->v : e + 1;
	*slot = e;
	return e->id;
}

/* Fill a free slot of t (from search_seen). */
static void
search_seen_put(struct search_seen_table *t, struct search_seen *slot,
    uint64_t h1, uint64_t h2, uint32_t id)
{
	slot->h1 = h1;
	slot->h2 = h2;
	slot->id = id;
	t->n++;
}

/* Store a new folded text and its posting-list entries. */
static int
search_new_text(struct search_index *x, enum search_space sp, uint32_t id,
    const char *folded, char **error)
{
	sqlite3_stmt *st = x->sp[sp].insert;
	size_t i;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot write the search index: %s"),
		    sqlite3_errmsg(x->db));
		return -1;
	}
	search_keys(x, sp);
	for (i = 0; i < x->ntlist; i++)
		search_post_add(x, x->tlist[i], id);
	if (x->bytes > SEARCH_FLUSH_BYTES)
		return search_flush(x, error);
	return 0;
}

/* The text id of s in space sp (0 for an empty text), adding it if new. */
static int
search_text_id(struct search_index *x, enum search_space sp, const char *s,
    uint32_t *id, char **error)
{
	struct search_space_state *ss = &x->sp[sp];
	struct search_seen *slot, *raw;
	uint64_t h1, h2, r1, r2;
	size_t len;
	char *folded;
	int rc;

	*id = 0;
	if (s == NULL || *s == '\0')
		return 0;
	len = strlen(s);
	search_hash(s, len, &r1, &r2);
	if ((*id = search_seen(&ss->raw, r1, r2, &raw)) != 0)
		return 0;
	fold_text(&x->fold, s, len);
	if (x->fold.n == 0)
		return 0;	/* folds to nothing: not cached, id 0 */
	folded = fold_text_utf8(&x->fold);
	search_hash(folded, strlen(folded), &h1, &h2);
	if ((*id = search_seen(&ss->folded, h1, h2, &slot)) == 0) {
		*id = ++ss->next_id;
		search_seen_put(&ss->folded, slot, h1, h2, *id);
		rc = search_new_text(x, sp, *id, folded, error);
	} else
		rc = 0;
	/* raw's slot is still free: only the folded table changed since. */
	search_seen_put(&ss->raw, raw, r1, r2, *id);
	free(folded);
	return rc;
}

static int
search_levels(const struct item *it)
{
	return (it->level_county == FLAG_YES ? 1 : 0) |
	    (it->level_township == FLAG_YES ? 2 : 0) |
	    (it->level_village == FLAG_YES ? 4 : 0);
}

int
search_index_add(struct search_index *x, int64_t item_id, int domain_id,
    const struct item *it, char **error)
{
	const char *name = it->level2, *group = it->level1;
	const char *body[] = { NULL, it->content, it->basis, it->subject,
	    it->jurisdiction };
	sqlite3_stmt *st = x->add_doc;
	uint32_t id;
	size_t i;
	int rc;

	/* The name is what the item lists show: level-2, else level-1. */
	if (name == NULL || *name == '\0') {
		name = group;
		group = NULL;
	}
	body[0] = group;
	if (search_text_id(x, SEARCH_NAMES, name, &id, error) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, domain_id);
	sqlite3_bind_int(st, 3, search_levels(it));
	sqlite3_bind_int64(st, 4, id);
	for (i = 0; i < sizeof body / sizeof body[0]; i++) {
		if (search_text_id(x, SEARCH_BODY, body[i], &id, error) != 0) {
			sqlite3_clear_bindings(st);
			return -1;
		}
		sqlite3_bind_int64(st, 5 + (int)i, id);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot write the search index: %s"),
		    sqlite3_errmsg(x->db));
		return -1;
	}
	return 0;
}

int
search_index_finish(struct search_index *x, char **error)
{
	char *sql, *msg = NULL;
	int rc;

	if (search_flush(x, error) != 0)
		return -1;
	sql = xasprintf("INSERT INTO meta (key, value) VALUES"
	    " ('search_version', '%d'), ('search_names', '%lu'),"
	    " ('search_texts', '%lu')", SEARCH_INDEX_VERSION,
	    (unsigned long)x->sp[SEARCH_NAMES].next_id,
	    (unsigned long)x->sp[SEARCH_BODY].next_id);
	rc = sqlite3_exec(x->db, sql, NULL, NULL, &msg);
	free(sql);
	if (rc != SQLITE_OK) {
		*error = xasprintf(_("cannot write the search index: %s"),
		    msg != NULL ? msg : sqlite3_errmsg(x->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}
