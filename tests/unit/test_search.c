/*
 * Search over whole catalogues: a small one built for the purpose (ranking,
 * filters, polyphones and mixed queries through the index, hostile
 * queries, a catalogue without an index) and the real reference catalogue
 * (data/demo/reference-catalogue.csv, imported as staff would).
 *
 * The oracle is a brute-force scan: every item read back with
 * catalogue_item and every element matched with the matcher. So these
 * tests check that the index and its query planning never lose an item nor
 * add one, for Chinese queries, random pieces of the reference's text and
 * the pinyin and initials of those pieces; and, independently of the
 * folding code, that SQL's instr finds no item the search misses.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/search/engine.h"
#include "data/search/query.h"
#include "data/store/catalogue.h"
#include "data/store/domains.h"
#include "data/versions/builder.h"
#include "i18n/fold.h"
#include "i18n/pinyin.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"
#include "tests/unit/items.h"

static char dir[] = "/tmp/chayue-search-XXXXXX";

struct expect {
	int64_t	*v;
	size_t	 n;
};

/* ---- the oracle ------------------------------------------------------------ */

static int
text_matches(const struct query *q, const char *s)
{
	struct fold_text f;
	int r;

	fold_text_init(&f);
	fold_text(&f, s, strlen(s));
	r = query_contains(q, f.v, f.n);
	fold_text_done(&f);
	return r;
}

/* Every item id 1..max (import order) whose elements match q. */
static void
brute_force(struct catalogue *cat, const struct query *q, int64_t max,
    struct expect *out)
{
	struct item it;
	char *error = NULL;
	int64_t id;

	out->v = xcalloc((size_t)max + 1, sizeof *out->v);
	out->n = 0;
	for (id = 1; id <= max; id++) {
		if (catalogue_item(cat, id, &it, &error) != 0) {
			free(error);
			error = NULL;
			continue;
		}
		if (text_matches(q, it.level1) || text_matches(q, it.level2) ||
		    text_matches(q, it.content) || text_matches(q, it.basis) ||
		    text_matches(q, it.subject) || text_matches(q, it.jurisdiction))
			out->v[out->n++] = id;
		item_done(&it);
	}
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Do the hits hold exactly the expected items? */
static int
same_items(const struct search_results *r, const struct expect *e)
{
	int64_t *got = xcalloc(r->n + 1, sizeof *got);
	size_t i;
	int same = r->n == e->n && r->total == e->n && r->complete;

	for (i = 0; i < r->n; i++)
		got[i] = r->v[i].item;
	qsort(got, r->n, sizeof *got, cmp_id);
	for (i = 0; same && i < r->n; i++)
		same = got[i] == e->v[i];
	free(got);
	return same;
}

/* The search's items for q equal the brute-force scan's. */
static int
check_query(struct catalogue *cat, struct search *s, const char *text,
    int64_t max, int quiet)
{
	struct search_results r, b;
	struct expect e;
	struct query q;
	char *error = NULL, *what;
	size_t k;
	int good;

	query_parse(&q, text, strlen(text));
	brute_force(cat, &q, max, &e);
	if (search_run(s, &q, NULL, 0, SEARCH_COMPLETE, &r, &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
	good = same_items(&r, &e);
	/* The kiosk's bounded search: the same best 20, in the same order. */
	if (search_run(s, &q, NULL, 20, SEARCH_BOUNDED, &b, &error) != 0) {
		printf("# %s\n", error);
		free(error);
		good = 0;
	}
	for (k = 0; good && k < b.n; k++)
		good = k < r.n && b.v[k].item == r.v[k].item;
	if (good && b.n != (r.n < 20 ? r.n : 20))
		good = 0;
	search_results_done(&b);
	if (!good || !quiet) {
		what = xasprintf("%s: the index finds the %zu items a full scan"
		    " finds, the bounded search its best 20", text, e.n);
		ok(good, what);
		free(what);
		if (!good)
			printf("#   search found %zu (total %zu)\n", r.n, r.total);
	}
	search_results_done(&r);
	free(e.v);
	query_done(&q);
	return good;
}

/* The hits of q, best first (at most limit; 0: all). */
static void
run(struct search *s, const char *text, const struct search_filter *f,
    size_t limit, enum search_effort effort, struct search_results *r)
{
	struct query q;
	char *error = NULL;

	query_parse(&q, text, strlen(text));
	if (search_run(s, &q, f, limit, effort, r, &error) != 0) {
		printf("# search_run: %s\n", error);
		free(error);
	}
	query_done(&q);
}

/* ---- a catalogue made for the purpose ---------------------------------------- */

static struct item
mk(const char *domain, const char *level1, const char *level2,
    const char *content, const char *jurisdiction, enum flag county)
{
	return item_for_test(domain, level1, level2, content, jurisdiction,
	    county, FLAG_UNSTATED, FLAG_UNSTATED);
}

/*
 * Ids by import order: 1 社会救助 最低生活保障 (county), 2 养老服务
 * 最低生活保障对象认定, 3 社会救助 城乡低保 (content mentions 最低生活保障),
 * 4 社会救助 最低生活保障 again (township), 5 户籍管理 戶籍遷移 (Traditional),
 * 6 就业 银行代发, 7 就业 重庆市就业政策, 8 财政预决算 国办发 document.
 */
static char *
build_small(void)
{
	const enum flag U = FLAG_UNSTATED, Y = FLAG_YES;
	char *path = xasprintf("%s/small.db", dir), *error = NULL;
	struct builder *b;
	struct item it[8];
	size_t i;

	it[0] = mk("社会救助", "低保", "最低生活保障", "", "晋江市", Y);
	it[1] = mk("养老服务", "补贴", "最低生活保障对象认定", "", "晋江市", U);
	it[2] = mk("社会救助", "低保", "城乡低保", "按最低生活保障标准发放",
	    "青阳街道", U);
	it[3] = mk("社会救助", "低保", "最低生活保障", "", "安海镇", U);
	it[4] = mk("户籍管理", "迁移", "戶籍遷移", "辦理戶口遷移", "臺北", U);
	it[5] = mk("就业", "工资", "银行代发", "", "晋江市", U);
	it[6] = mk("就业", "政策", "重庆市就业政策", "", "晋江市", U);
	it[7] = mk("财政预决算", "文件", "预算公开", "依据国办发〔2019〕54号",
	    "ＡＢＣ开发区", U);
	if ((b = builder_create(path, &error)) == NULL) {
		printf("# %s\n", error);
		exit(tap_done());
	}
	for (i = 0; i < 8; i++) {
		if (builder_add_item(b, &it[i], 0, (long)i + 2, &error) != 0)
			printf("# %s\n", error);
	}
	ok(builder_commit(b, &error) == 0, "the small catalogue is built");
	return path;
}

/* The item ids of the hits, as "1 4 2". */
static const char *
ids(const struct search_results *r)
{
	static char out[256];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < r->n && n + 24 < sizeof out; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%lld",
		    i ? " " : "", (long long)r->v[i].item);
	return out;
}

static void
test_ranking(struct search *s)
{
	struct search_results r;

	run(s, "最低生活保障", NULL, 0, SEARCH_COMPLETE, &r);
	/* Exact names (1, 4) in domain order (社会救助 is 18th, 养老服务 19th),
	 * then the name that starts with it (2), then the content (3). */
	is_str(ids(&r), "1 4 2 3", "exact names, then a name prefix, then content");
	is_int(r.v[0].tier, QUERY_EXACT, "the first is an exact name");
	is_int(r.v[2].tier, QUERY_PREFIX, "the third starts with the query");
	is_int(r.v[3].tier, QUERY_NONE, "the last was found elsewhere");
	is_int(r.total, 4, "4 results");
	search_results_done(&r);
	run(s, "zdshbz", NULL, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "1 4 2 3", "the initials rank the same way");
	search_results_done(&r);
	run(s, "保障", NULL, 2, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "1 4", "a limit keeps the best");
	is_int(r.total, 4, "and the count is of all of them");
	search_results_done(&r);
	run(s, "低保", NULL, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "3 1 4", "低保: only the name that says 低保, then "
	    "the items whose level-1 group says it");
	search_results_done(&r);
}

static void
test_filters(struct search *s)
{
	struct search_filter f = { domains_lookup("社会救助"), LEVEL_ANY };
	struct search_results r;

	run(s, "最低生活保障", &f, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "1 4 3", "narrowed to 社会救助");
	search_results_done(&r);
	f.level = LEVEL_COUNTY;
	run(s, "最低生活保障", &f, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "1", "and to county level");
	search_results_done(&r);
	f.level = LEVEL_UNSTATED;
	run(s, "最低生活保障", &f, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "4 3", "level not stated");
	search_results_done(&r);
	f.domain_id = 0;
	f.level = LEVEL_COUNTY;
	run(s, "zdsh", &f, 0, SEARCH_COMPLETE, &r);
	is_str(ids(&r), "1", "every domain, county level");
	search_results_done(&r);
	f.domain_id = 9999;
	f.level = LEVEL_ANY;
	run(s, "zdsh", &f, 0, SEARCH_COMPLETE, &r);
	is_int(r.n, 0, "a domain that does not exist has no results");
	search_results_done(&r);
}

static void
test_rules(struct search *s)
{
	static const struct {
		const char *query, *want, *what;
	} cases[] = {
		{ "户籍", "5", "户籍 finds the Traditional 戶籍" },
		{ "戶籍遷移", "5", "戶籍遷移 finds itself" },
		{ "户口迁移", "5", "户口迁移 finds 戶口遷移 in the content" },
		{ "huji", "5", "pinyin of a Traditional text" },
		{ "yinhang", "6", "yinhang finds 银行 (行 read hang)" },
		{ "chongqing", "7", "chongqing finds 重庆 (重 read chong)" },
		{ "cqs", "7", "initials: cqs" },
		{ "重庆sjy", "7", "mixed: 重庆sjy" },
		{ "国办发2019 54", "8", "国办发2019 54 finds 〔2019〕54号" },
		{ "abc", "8", "abc finds ＡＢＣ" },
		{ "晋江", "6 7 1 2", "the jurisdiction is searched too (就业 "
		    "comes before 社会救助 and 养老服务)" },
		{ "taibei", "5", "and by pinyin" },
		{ "xyzzy", "", "nothing matches xyzzy" },
	};
	struct search_results r;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		run(s, cases[i].query, NULL, 0, SEARCH_COMPLETE, &r);
		is_str(ids(&r), cases[i].want, cases[i].what);
		search_results_done(&r);
	}
}

static void
test_hostile(struct search *s)
{
	struct search_results r;
	struct query q;
	char *big, *error = NULL;

	run(s, "", NULL, 0, SEARCH_BOUNDED, &r);
	ok(r.n == 0 && r.complete, "an empty query has no results");
	search_results_done(&r);
	run(s, "\x1b[2J\x07\xff\xfe", NULL, 0, SEARCH_BOUNDED, &r);
	ok(r.n == 0, "escape sequences and invalid bytes find nothing");
	search_results_done(&r);
	big = xmalloc(1 << 20);
	memset(big, 'z', 1 << 20);
	query_parse(&q, big, 1 << 20);
	ok(search_run(s, &q, NULL, 10, SEARCH_BOUNDED, &r, &error) == 0,
	    "a megabyte of z is searched (its first 63)");
	ok(r.n == 0, "and finds nothing");
	search_results_done(&r);
	query_done(&q);
	free(big);
}

static void
test_display(struct search *s)
{
	struct search_results r;
	struct search_display d;
	struct query q;
	char *error = NULL;

	query_parse(&q, "zdsh", 4);
	search_run(s, &q, NULL, 0, SEARCH_COMPLETE, &r, &error);
	if (ok(r.n == 4 && search_display(s, &q, &r.v[3], &d, &error) == 0,
	    "a hit can be shown")) {
		is_str(d.name, "城乡低保", "its name");
		is_int(d.field, SEARCH_FIELD_CONTENT, "where it was found");
		ok(d.end > d.start && strncmp(d.text + d.start, "最低生", 9) == 0,
		    "the match in the content");
		ok(d.name_end == d.name_start, "nothing matched in the name");
		search_display_done(&d);
	}
	search_results_done(&r);
	query_done(&q);
}

/* A catalogue as an older chayue-admin wrote it: no search index. */
static void
test_no_index(void)
{
	char *path = xasprintf("%s/small.db", dir), *error = NULL;
	struct search_results r;
	struct catalogue *cat;
	struct query q;
	sqlite3 *db;

	if (sqlite3_open(path, &db) == SQLITE_OK)
		sqlite3_exec(db, "DELETE FROM meta WHERE key = 'search_version';"
		    "DROP TABLE search_post", NULL, NULL, NULL);
	sqlite3_close(db);
	cat = catalogue_open(path, &error);
	ok(cat != NULL, "a catalogue without a search index still opens");
	ok(cat != NULL && search_open(cat, &error) == NULL && error != NULL &&
	    strstr(error, "chayue-admin import") != NULL,
	    "search says to rebuild it");
	free(error);
	error = NULL;
	ok(cat != NULL && search_open(cat, &error) == NULL && error != NULL,
	    "and says it again when asked again");
	free(error);
	error = NULL;
	query_parse(&q, "", 0);
	ok(search_run(NULL, &q, NULL, 10, SEARCH_BOUNDED, &r, &error) == 0 &&
	    r.n == 0 && r.complete, "an empty query needs no index");
	search_results_done(&r);
	query_done(&q);
	catalogue_close(cat);
	unlink(path);
	free(path);
}

/* ---- the reference catalogue ------------------------------------------------ */

static char *
import_reference(int64_t *items)
{
	const char *top = getenv("top_srcdir");
	char *ref = xasprintf("%s/data/demo/reference-catalogue.csv",
	    top != NULL && *top != '\0' ? top : ".");
	char *path = xasprintf("%s/ref.db", dir), *error = NULL;
	struct import_options opt = { .strict = 0 };
	struct import_summary sum;
	struct diag_list d;

	diag_init(&d);
	if (!ok(import_files(path, &ref, 1, &opt, &d, &sum, &error) == 0 &&
	    sum.committed, "the reference catalogue is imported")) {
		printf("# %s: %s (set top_srcdir)\n", ref, error ? error : "");
		exit(tap_done());
	}
	*items = (int64_t)sum.total.imported;
	import_summary_done(&sum);
	diag_done(&d);
	free(ref);
	return path;
}

/* Items whose raw text has s, by SQL: no folding involved. */
static void
sql_instr(const char *db_path, const char *s, struct expect *out)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	out->v = xcalloc(1024, sizeof *out->v);
	out->n = 0;
	sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
	sqlite3_prepare_v2(db, "SELECT id FROM item WHERE instr(level1 || char(1)"
	    " || level2 || char(1) || content || char(1) || basis || char(1) ||"
	    " subject || char(1) || jurisdiction, ?1) > 0 ORDER BY id", -1,
	    &st, NULL);
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && out->n < 1024)
		out->v[out->n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_reference_sql(struct search *s, const char *path)
{
	static const char *const words[] = { "最低生活保障", "行政处罚",
	    "政府信息公开", "重庆", "养老服务", "义务教育", "国办发〔2017〕97号",
	    "公开", "县" };
	struct search_results r;
	struct expect e;
	size_t i, k, found;
	char *what;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		sql_instr(path, words[i], &e);
		run(s, words[i], NULL, 0, SEARCH_COMPLETE, &r);
		for (k = found = 0; k < r.n; k++) {
			size_t j;
			for (j = 0; j < e.n; j++)
				found += e.v[j] == r.v[k].item;
		}
		what = xasprintf("%s: the search has all %zu items SQL's instr "
		    "finds", words[i], e.n);
		ok(e.n > 0 && found == e.n, what);
		free(what);
		free(e.v);
		search_results_done(&r);
	}
}

/* The same hits, in the same order, for two queries. */
static void
same_hits(struct search *s, const char *a, const char *b)
{
	struct search_results ra, rb;
	char *what = xasprintf("%s and %s give the same results", a, b);
	size_t i;
	int same;

	run(s, a, NULL, 0, SEARCH_COMPLETE, &ra);
	run(s, b, NULL, 0, SEARCH_COMPLETE, &rb);
	same = ra.n == rb.n && ra.n > 0;
	for (i = 0; same && i < ra.n; i++)
		same = ra.v[i].item == rb.v[i].item;
	ok(same, what);
	free(what);
	search_results_done(&ra);
	search_results_done(&rb);
}

static void
test_reference_forms(struct search *s)
{
	same_hits(s, "最低生活保障", "zuidishenghuobaozhang");
	same_hits(s, "最低生活保障", "zui di sheng huo bao zhang");
	same_hits(s, "养老服务", "養老服務");
	same_hits(s, "政府信息公开", "政府信息公開");
	same_hits(s, "义务教育", "義務教育");
	same_hits(s, "国办发〔2017〕97号", "国办发2017 97号");
	same_hits(s, "2017", "２０１７");
	same_hits(s, "重庆", "chongqing");
}

/* Rank order: tiers never go back; within one, domain order, then id. */
static void
test_reference_order(struct catalogue *cat, struct search *s)
{
	static const char *const words[] = { "公开", "gk", "zhengfu", "县",
	    "x" };
	struct domain_list doms;
	struct search_results r, bounded;
	struct item a, b;
	char *error = NULL, *what;
	size_t i, k, pa, pb;
	int good, prefix;

	catalogue_domains(cat, &doms, &error);
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		run(s, words[i], NULL, 0, SEARCH_COMPLETE, &r);
		good = r.n > 1;
		for (k = 1; good && k < r.n; k++) {
			if (r.v[k].tier != r.v[k - 1].tier) {
				good = r.v[k].tier > r.v[k - 1].tier;
				continue;
			}
			catalogue_item(cat, r.v[k - 1].item, &a, &error);
			catalogue_item(cat, r.v[k].item, &b, &error);
			for (pa = pb = 0; pa < doms.n && doms.v[pa].id != a.domain_id; pa++)
				;
			for (; pb < doms.n && doms.v[pb].id != b.domain_id; pb++)
				;
			good = pa < pb || (pa == pb && a.id < b.id);
			item_done(&a);
			item_done(&b);
		}
		what = xasprintf("%s: %zu results in rank order", words[i], r.n);
		ok(good, what);
		free(what);
		run(s, words[i], NULL, 20, SEARCH_BOUNDED, &bounded);
		prefix = bounded.n > 0 && bounded.n <= r.n;
		for (k = 0; prefix && k < bounded.n; k++)
			prefix = bounded.v[k].item == r.v[k].item;
		what = xasprintf("%s: the kiosk's bounded search shows the same "
		    "first %zu", words[i], bounded.n);
		ok(prefix, what);
		free(what);
		search_results_done(&bounded);
		search_results_done(&r);
	}
	domain_list_done(&doms);
}

/* Pieces of the reference's text, as Chinese, pinyin and initials. */
static void
test_reference_pieces(struct catalogue *cat, struct search *s,
    int64_t items)
{
	static const char *const fields[] = { "level2", "content", "basis" };
	struct fold_text f;
	struct item it;
	char *error = NULL, piece[64], full[128], initials[32];
	const uint16_t *ids;
	size_t start, len, k, checked = 0, good = 0, nf, p, n;
	int64_t id;

	srand(5);
	fold_text_init(&f);
	for (id = 1; id <= items; id += 3) {
		if (catalogue_item(cat, id, &it, &error) != 0) {
			free(error);
			error = NULL;
			continue;
		}
		nf = (size_t)(id % 3);
		fold_text(&f, nf == 0 ? it.level2 : nf == 1 ? it.content :
		    it.basis, strlen(nf == 0 ? it.level2 : nf == 1 ? it.content :
		    it.basis));
		(void)fields;
		if (f.n < 6) {
			item_done(&it);
			continue;
		}
		len = 2 + (size_t)rand() % 4;
		start = (size_t)rand() % (f.n - len);
		p = n = 0;
		full[0] = initials[0] = '\0';
		for (k = start; k < start + len; k++) {
			p += (size_t)snprintf(piece + p, sizeof piece - p, "%.*s",
			    (int)(k + 1 < f.n ? f.at[k + 1] - f.at[k] : 4),
			    (nf == 0 ? it.level2 : nf == 1 ? it.content :
			    it.basis) + f.at[k]);
			if (pinyin_readings(f.v[k], &ids) > 0) {
				strcat(full, pinyin_syllable(ids[0]));
				initials[n++] = pinyin_syllable(ids[0])[0];
				initials[n] = '\0';
			}
		}
		checked += 3;
		good += (size_t)check_query(cat, s, piece, items, 1);
		if (full[0] != '\0') {
			good += (size_t)check_query(cat, s, full, items, 1);
			good += (size_t)check_query(cat, s, initials, items, 1);
		} else
			checked -= 2;
		item_done(&it);
	}
	fold_text_done(&f);
	n = (size_t)snprintf(full, sizeof full, "%zu random pieces of the "
	    "reference's text, their pinyin and initials: the index finds "
	    "what a full scan finds", checked);
	ok(checked > 100 && good == checked, full);
}

static void
test_reference(void)
{
	static const char *const queries[] = { "最低生活保障", "zdshbz",
	    "zuidish", "xingzheng", "hangzheng", "zhengfu", "zf", "z", "zh",
	    "公开", "国办发2017 97", "政府信息公開", "chongqing", "cq", "县",
	    "养老fw", "zdsh保障", "gongkai", "ncwfgz", "yw教育" };
	struct catalogue *cat;
	struct search *s;
	char *path, *error = NULL;
	int64_t items;
	size_t i;

	path = import_reference(&items);
	if ((cat = catalogue_open(path, &error)) == NULL ||
	    (s = search_open(cat, &error)) == NULL) {
		printf("# %s\n", error);
		exit(tap_done());
	}
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++)
		check_query(cat, s, queries[i], items, 0);
	test_reference_sql(s, path);
	test_reference_forms(s);
	test_reference_order(cat, s);
	test_reference_pieces(cat, s, items);
	search_close(s);
	catalogue_close(cat);
	unlink(path);
	free(path);
}

int
main(void)
{
	struct catalogue *cat;
	struct search *s;
	char *path, *error = NULL;

	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 1;
	}
	setenv("SOURCE_DATE_EPOCH", "1764191700", 1);
	path = build_small();
	if ((cat = catalogue_open(path, &error)) == NULL ||
	    (s = search_open(cat, &error)) == NULL) {
		printf("# %s\n", error);
		return tap_done();
	}
	test_ranking(s);
	test_filters(s);
	test_rules(s);
	test_hostile(s);
	test_display(s);
	search_close(s);
	catalogue_close(cat);
	free(path);
	test_no_index();
	test_reference();
	rmdir(dir);
	return tap_done();
}
