/*
 * The visitor's search (data/search/find.h) and its synonym files
 * (data/search/synonyms.h): parsing and its errors with places, rewriting
 * a query, sound-alike matching, each ranking rule, and the shipped list
 * (data/synonyms.txt): every word of every group finds items in the demo
 * catalogue (demo.db in the build tree).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/engine.h"
#include "data/search/find.h"
#include "data/search/query.h"
#include "data/search/synonyms.h"
#include "data/store/catalogue.h"
#include "i18n/fold.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static const char good[] =
	"# a comment line\n"
	"\n"
	"低保, 最低生活保障   # a comment after a rule\n"
	"拆迁 => 房屋征收，征收补偿\n"
	"户口，户籍、户口\r\n"
	"旧名, 别名 => 新名\n";

static const char badfile[] =
	"甲, 乙\n丙,, 丁\n a => b => c\n孤单\n戊, ()\n己, 庚\n";

static void
test_parse(void)
{
	struct synonyms syn;
	char *errors = NULL;

	synonyms_init(&syn);
	is_int(synonyms_parse(&syn, "good.txt", good, strlen(good), &errors), 0,
	    "a good file has no errors");
	is_int(syn.n, 4, "four rules: comments and blank lines are skipped");
	ok(syn.n == 4 && syn.v[0].n == 2 && syn.v[0].left == 2 &&
	    strcmp(syn.v[0].w[1].text, "最低生活保障") == 0,
	    "an equivalence: words trimmed, the comment dropped");
	ok(syn.n == 4 && syn.v[1].n == 3 && syn.v[1].left == 1,
	    "one way: one word on the left, two on the right (full-width comma)");
	ok(syn.n == 4 && syn.v[2].n == 2 && strcmp(syn.v[2].w[1].text,
	    "户籍、户口") == 0, "， separates words, 、 does not; CR LF line ends");
	ok(syn.n == 4 && syn.v[3].left == 2 && syn.v[3].n == 3,
	    "several words on the left of =>");
	free(errors);
	synonyms_done(&syn);

	synonyms_init(&syn);
	errors = NULL;
	is_int(synonyms_parse(&syn, "bad.txt", badfile, strlen(badfile), &errors), 4,
	    "four bad lines");
	is_int(syn.n, 2, "the good lines still apply");
	ok(errors != NULL && strstr(errors, "bad.txt:2:3: an empty word;") !=
	    NULL, "an empty word: file:line:column, and what to do");
	ok(errors != NULL && strstr(errors, "bad.txt:3:9: a second '=>';") !=
	    NULL, "a second =>, at its column");
	ok(errors != NULL && strstr(errors, "bad.txt:4:1: a group of one word")
	    != NULL, "a group of one word");
	ok(errors != NULL && strstr(errors, "bad.txt:5:4: a word with nothing "
	    "to search for") != NULL, "a word that folds to nothing");
	free(errors);
	synonyms_done(&syn);

	synonyms_init(&syn);
	errors = NULL;
	is_int(synonyms_load(&syn, "/nonexistent/synonyms.txt", 1, &errors), 0,
	    "a missing file may be fine (the hall's default)");
	is_int(synonyms_load(&syn, "/nonexistent/synonyms.txt", 0, &errors), 1,
	    "a missing named file is one error");
	ok(errors != NULL && strstr(errors, "/nonexistent/synonyms.txt: ") !=
	    NULL, "it names the file");
	free(errors);
	synonyms_done(&syn);
}

static void
test_match(void)
{
	struct synonyms syn;
	struct synonyms_use use[8];
	struct query q;
	char *errors = NULL;
	size_t n;

	synonyms_init(&syn);
	synonyms_parse(&syn, "good.txt", good, strlen(good), &errors);
	query_parse(&q, "低保标准", strlen("低保标准"));
	n = synonyms_match(&syn, &q, use, 8);
	ok(n == 1 && strcmp(use[0].to->text, "最低生活保障") == 0 &&
	    use[0].at == 0 && use[0].len == 2 && !use[0].whole,
	    "a word inside the query is replaced where it is");
	query_done(&q);
	query_parse(&q, "最低生活保障", strlen("最低生活保障"));
	n = synonyms_match(&syn, &q, use, 8);
	ok(n == 1 && strcmp(use[0].to->text, "低保") == 0,
	    "an equivalence works both ways");
	query_done(&q);
	query_parse(&q, "拆迁", strlen("拆迁"));
	n = synonyms_match(&syn, &q, use, 8);
	ok(n == 2 && strcmp(use[0].to->text, "房屋征收") == 0 &&
	    strcmp(use[1].to->text, "征收补偿") == 0,
	    "one way: the left word finds every right word");
	query_done(&q);
	query_parse(&q, "房屋征收", strlen("房屋征收"));
	is_int(synonyms_match(&syn, &q, use, 8), 0,
	    "one way: a right word does not find the left one");
	query_done(&q);
	query_parse(&q, "dibao", 5);
	n = synonyms_match(&syn, &q, use, 8);
	ok(n == 1 && use[0].whole && strcmp(use[0].to->text, "最低生活保障")
	    == 0, "pinyin that spells a whole word");
	query_done(&q);
	query_parse(&q, "戶口", strlen("戶口"));
	n = synonyms_match(&syn, &q, use, 8);
	ok(n == 1 && strcmp(use[0].to->text, "户籍、户口") == 0,
	    "words compare folded (Traditional)");
	query_done(&q);
	free(errors);
	synonyms_done(&syn);
}

static int
matches(const char *query, unsigned mode, const char *text)
{
	struct query q;
	struct fold_text f;
	int r;

	query_parse_mode(&q, query, strlen(query), mode);
	fold_text_init(&f);
	fold_text(&f, text, strlen(text));
	r = query_contains(&q, f.v, f.n);
	fold_text_done(&f);
	query_done(&q);
	return r;
}

static void
test_sound(void)
{
	ok(matches("最底生活", QUERY_SOUND, "最低生活保障") &&
	    !matches("最底生活", 0, "最低生活保障"),
	    "sound-alike: 底 finds 低 (both di), the exact search does not");
	ok(matches("户藉", QUERY_SOUND, "户籍管理"), "户藉 finds 户籍");
	ok(!matches("户", QUERY_SOUND, "和"),
	    "a text character counts by its common reading (和 he, not hu)");
	ok(!matches("最底", QUERY_SOUND, "最高"), "a different sound does not");
	ok(matches("huji", 0, "和其他") && !matches("huji", QUERY_COMMON,
	    "和其他") && matches("huji", QUERY_COMMON, "户籍"),
	    "common readings only: huji is not 和其 (hu, ji are rare)");
}

/* ---- on the demo catalogue ------------------------------------------------ */

static struct catalogue *cat;
static struct search *idx;
static struct synonyms shipped;

static int
run(struct find *f, const char *text, size_t limit, struct find_results *r)
{
	char *error = NULL;

	if (find_run(f, text, strlen(text), NULL, limit, SEARCH_COMPLETE, r,
	    &error) != 0) {
		printf("# %s: %s\n", text, error);
		free(error);
		return -1;
	}
	return 0;
}

/* The field hit i was found in (rule c, as shown). */
static int
field_of(struct find *f, const struct find_results *r, size_t i, char **match)
{
	struct search_display d;
	char *error = NULL;
	int field;

	if (find_display(f, r, i, &d, &error) != 0) {
		free(error);
		return -1;
	}
	field = d.end > d.start ? (int)d.field : 9;
	if (match != NULL)
		*match = xstrndup(d.text + d.start, d.end - d.start);
	search_display_done(&d);
	return field;
}

static int
domain_of(const struct find_results *r, size_t i)
{
	struct item it;
	char *error = NULL;
	int d;

	if (catalogue_item(cat, r->v[i].item, &it, &error) != 0) {
		free(error);
		return -1;
	}
	d = it.domain_id;
	item_done(&it);
	return d;
}

static long long
favour_last(void *ctx, const struct item *it)
{
	return it->id == *(int64_t *)ctx ? 100 : 0;
}

static void
test_rules(struct find *f)
{
	struct find_results r;
	size_t i, bad;
	int64_t last;
	char *m = NULL;
	int prev, fld;

	/* Rule b and domain rows. */
	if (run(f, "户籍", 0, &r) == 0) {
		ok(r.domains == 1 && r.v[0].item == 0 &&
		    strcmp(r.v[0].domain->name, "户籍管理") == 0,
		    "户籍: the domain 户籍管理 is the first row");
		for (i = r.domains, bad = 0; i < r.n && i < r.domains + 18; i++)
			bad += domain_of(&r, i) != r.v[0].domain->id;
		ok(r.n >= 19 && bad == 0,
		    "rule b: then the 18 items of the domain named");
	}
	find_results_done(&r);
	if (run(f, "hjgl", 0, &r) == 0)
		ok(r.domains == 1 && strcmp(r.v[0].domain->name, "户籍管理") ==
		    0, "hjgl (initials) names the domain too");
	find_results_done(&r);
	if (run(f, "戶籍管理", 0, &r) == 0)
		ok(r.domains == 1, "so does Traditional 戶籍管理");
	find_results_done(&r);

	/* Rule a: nothing by sound before something exact. */
	if (run(f, "五保", 0, &r) == 0) {
		for (i = 1, bad = 0; i < r.n; i++)
			bad += r.v[i - 1].via == FIND_SOUND &&
			    r.v[i].via != FIND_SOUND;
		ok(r.n > 1 && r.v[0].via == FIND_SYNONYM && bad == 0,
		    "rule a: synonym hits, then sound hits after them");
	}
	find_results_done(&r);
	if (run(f, "最底生活保障", 5, &r) == 0)
		ok(r.n > 0 && r.sound && r.v[0].via == FIND_SOUND,
		    "最底生活保障 finds by sound");
	find_results_done(&r);
	if (run(f, "zuidishenhuo", 5, &r) == 0 && r.n > 0) {
		field_of(f, &r, 0, &m);
		ok(r.sound && m != NULL && strcmp(m, "最低生活") == 0,
		    "zuidishenhuo (a letter missing) finds 最低生活");
		free(m);
		m = NULL;
	} else
		ok(0, "zuidishenhuo finds something");
	find_results_done(&r);

	/* Rule c: the name, then the level-1 group, content, basis … */
	if (run(f, "登记", 0, &r) == 0) {
		for (i = 0, bad = 0, prev = 0; i < r.n; i++) {
			fld = field_of(f, &r, i, NULL);
			/* basis and subject rank the same */
			fld = fld == SEARCH_FIELD_SUBJECT ? SEARCH_FIELD_BASIS : fld;
			bad += fld < prev;
			prev = fld;
		}
		ok(r.n > 10 && bad == 0, "rule c: name, group, content, basis, "
		    "subject, publisher, in that order");
	}
	find_results_done(&r);

	/* Rules d and e. */
	if (run(f, "zdsh", 3, &r) == 0 && r.n > 0) {
		field_of(f, &r, 0, &m);
		ok(m != NULL && strcmp(m, "最低生") == 0,
		    "zdsh: the 最低生活保障 items first (the word the visitor "
		    "names, and shared by more hits)");
		free(m);
		m = NULL;
	} else
		ok(0, "zdsh finds something");
	find_results_done(&r);
	if (run(f, "huji", 0, &r) == 0) {
		for (i = 0, bad = 0, prev = 0; i < r.n; i++) {
			if (r.v[i].item == 0)
				continue;
			field_of(f, &r, i, &m);
			if (m != NULL && strncmp(m, "和", strlen("和")) == 0)
				prev = 1;
			else if (prev)
				bad++;
			free(m);
			m = NULL;
		}
		ok(r.n > 1 && prev && bad == 0, "rule d: 和其, 和集 … (和 read hu, a "
		    "rare reading) after every other hit of huji");
	}
	find_results_done(&r);
	if (run(f, "dibao", 3, &r) == 0 && r.n > 0) {
		field_of(f, &r, 0, &m);
		ok(m != NULL && strcmp(m, "最低生活保障") == 0,
		    "dibao: 最低生活保障 (低保) before 征地报批");
		free(m);
		m = NULL;
	} else
		ok(0, "dibao finds something");
	find_results_done(&r);

	/* Rule f: views break a tie. */
	if (run(f, "出生登记", 0, &r) == 0 && r.n > r.domains + 2) {
		/* The third of three items named 出生登记 exactly. */
		last = r.v[r.domains + 2].item;
		find_results_done(&r);
		find_set_views(f, favour_last, &last);
		if (run(f, "出生登记", 0, &r) == 0)
			ok(r.n > 2 && r.v[r.domains].item == last,
			    "rule f: among equals, the most viewed first");
		find_set_views(f, NULL, NULL);
	} else
		ok(0, "出生登记 finds several items");
	find_results_done(&r);
}

/* Hit i's name (level-2, else level-1), or "" (caller frees). */
static char *
name_of(const struct find_results *r, size_t i)
{
	struct item it;
	char *error = NULL, *name;

	if (i >= r->n || r->v[i].item == 0 ||
	    catalogue_item(cat, r->v[i].item, &it, &error) != 0) {
		free(error);
		return xstrdup("");
	}
	name = xstrdup(it.level2[0] != '\0' ? it.level2 : it.level1);
	item_done(&it);
	return name;
}

static int
first_is(const struct find_results *r, const char *name)
{
	char *n = name_of(r, r->domains);
	int same = strcmp(n, name) == 0;

	if (!same)
		printf("# first: %s\n", n);
	free(n);
	return same;
}

/* The rules added for queries nobody tuned for (issue #13, unseen.tsv). */
static void
test_rules_more(struct find *f)
{
	struct find_results r;
	size_t i, bad, sound;

	/* Step 5 and rule a's cover: runs of the query's characters. */
	if (run(f, "房屋估价", 0, &r) == 0) {
		for (i = 0, bad = 0; i < r.n; i++)
			bad += r.queries[r.v[i].query].relaxed != 2;
		ok(r.n > 0 && bad == 0 && first_is(&r, "被征收房屋评估"),
		    "房屋估价 (no text holds it): its run 房屋 finds, the name "
		    "holding most of the query (房屋…估) first");
	}
	find_results_done(&r);
	if (run(f, "农机购制补贴", 0, &r) == 0) {
		for (i = 0, bad = 0, sound = 0; i < r.n; i++) {
			sound += r.v[i].via == FIND_SOUND;
			bad += r.queries[r.v[i].query].relaxed == 2 &&
			    i + 1 < r.n && r.v[i + 1].via == FIND_SOUND;
		}
		ok(sound > 0 && bad == 0 && first_is(&r, "农机购置补贴"),
		    "rule a: a sound-alike of the whole query (制 for 置) before "
		    "runs of its characters");
	}
	find_results_done(&r);
	/* A domain named by a word of a longer query only: no row. */
	if (run(f, "小孩上户口", 0, &r) == 0)
		ok(r.n > 0 && r.domains == 0 && domain_of(&r, 0) > 0,
		    "小孩上户口: no domain row for 户籍管理 (户口 is only a word of "
		    "the query), its items first");
	find_results_done(&r);
	/* Named through a synonym: a row unless the words are in names. */
	if (run(f, "城管", 0, &r) == 0)
		ok(r.domains == 1 && strcmp(r.v[0].domain->name, "城市综合执法")
		    == 0, "城管 (in no name) names 城市综合执法 through a synonym: "
		    "its row first");
	find_results_done(&r);
	if (run(f, "政府决算", 0, &r) == 0)
		ok(r.domains == 0 && first_is(&r, "政府决算"),
		    "政府决算 (items' name) names 财政预决算 only through a "
		    "synonym: no row, the items named so first");
	find_results_done(&r);
	/* Rule d by sound: the word it sounds like before its synonyms. */
	if (run(f, "死亡注消", 0, &r) == 0)
		ok(r.sound && first_is(&r, "死亡注销"),
		    "死亡注消 (消 for 销): 死亡注销 first, before the synonyms' "
		    "items");
	find_results_done(&r);
	/* Rule d: initials that spell all of a word are not "initials only". */
	if (run(f, "csdj", 0, &r) == 0)
		ok(first_is(&r, "出生登记"), "csdj: 出生登记 (spelled whole) before "
		    "新生儿国内出生户口登记 (its synonym)");
	find_results_done(&r);
	/* Rule e2: the shorter name. */
	if (run(f, "经营许可", 0, &r) == 0)
		ok(first_is(&r, "燃气经营许可"),
		    "经营许可: the shortest name holding it first");
	find_results_done(&r);
	/* The first-letter filter loses no one-slip spelling. */
	if (run(f, "yanglaofuwi", 0, &r) == 0)
		ok(r.sound && r.n > 0, "yanglaofuwi (a letter wrong) finds by "
		    "sound");
	find_results_done(&r);
}

/* Every word of every shipped group finds at least one item. */
static void
test_shipped(struct find *f)
{
	struct find_results r;
	size_t i, k, words = 0, bad = 0;

	for (i = 0; i < shipped.n; i++) {
		for (k = 0; k < shipped.v[i].left; k++) {
			words++;
			if (run(f, shipped.v[i].w[k].text, 1, &r) == 0 &&
			    r.n > r.domains)
				;
			else {
				bad++;
				printf("# %s (line %u) finds nothing\n",
				    shipped.v[i].w[k].text, shipped.v[i].line);
			}
			find_results_done(&r);
		}
	}
	ok(shipped.n >= 150, "at least 150 synonym groups are shipped");
	ok(words > 300 && bad == 0, "every word of every shipped group finds "
	    "items in the demo catalogue");
}

int
main(void)
{
	const char *build = getenv("top_builddir"), *src = getenv("top_srcdir");
	char *db, *list, *error = NULL;
	struct find *f;

	test_parse();
	test_match();
	test_sound();
	db = xasprintf("%s/demo.db", build != NULL ? build : ".");
	list = xasprintf("%s/data/synonyms.txt", src != NULL ? src : "..");
	synonyms_init(&shipped);
	is_int(synonyms_load(&shipped, list, 0, &error), 0,
	    "the shipped list has no bad line");
	if (error != NULL)
		printf("# %s", error);
	free(error);
	error = NULL;
	if ((cat = catalogue_open(db, &error)) == NULL ||
	    (idx = search_open(cat, &error)) == NULL ||
	    (f = find_open(idx, cat, &shipped, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
		ok(0, "the demo catalogue opens");
		return tap_done();
	}
	test_rules(f);
	test_rules_more(f);
	test_shipped(f);
	find_close(f);
	search_close(idx);
	catalogue_close(cat);
	synonyms_done(&shipped);
	free(db);
	free(list);
	return tap_done();
}
