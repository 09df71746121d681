/*
 * The state file (data/stats/stats.c): keys that stay when the catalogue is
 * rebuilt, counts per day, feedback since a day, hot items, the most
 * viewed of a window and their floor, and files that are not ours.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"
#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/stats/stats.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static char dir[] = "/tmp/chayue-stats-XXXXXX";

static const struct stats_ref low = { "社会救助", "晋江市", "社会救助政策",
    "最低生活保障对象认定" };
static const struct stats_ref care = { "养老服务", "晋江市", "养老服务",
    "高龄津贴" };
static const struct stats_ref far = { "养老服务", "青阳街道", "养老服务",
    "高龄津贴" };

static char *
in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
test_keys(void)
{
	char a[STATS_KEY_SIZE], b[STATS_KEY_SIZE], c[STATS_KEY_SIZE];
	struct stats_ref shifted = { "社会救助晋江市", "", "社会救助政策",
	    "最低生活保障对象认定" };
	char *p;

	stats_key(&low, a);
	stats_key(&low, b);
	is_str(a, b, "the same names give the same key");
	is_int(strlen(a), 16, "a key is 16 hex digits");
	stats_key(&shifted, c);
	ok(strcmp(a, c) != 0, "names are kept apart: moving text from one "
	    "name to the next gives another key");
	stats_key(&far, c);
	stats_key(&care, b);
	ok(strcmp(b, c) != 0, "the same item of another jurisdiction has "
	    "another key");
	p = stats_default_path("/var/lib/chayue/catalogue.db");
	is_str(p, "/var/lib/chayue/chayue-state.db", "the state file is beside "
	    "the catalogue");
	free(p);
	p = stats_default_path("demo.db");
	is_str(p, "chayue-state.db", "beside a catalogue in this directory");
	free(p);
}

static void
test_counts(struct stats *st)
{
	struct stats_rows rows;
	char *error = NULL;
	int rc = 0;

	rc |= stats_view(st, &low, "2026-01-01", &error);
	rc |= stats_view(st, &low, "2026-01-01", &error);
	rc |= stats_view(st, &low, "2026-02-10", &error);
	rc |= stats_view(st, &care, "2026-02-10", &error);
	rc |= stats_view(st, &far, "2025-12-01", &error);
	ok(rc == 0, "views are written");
	ok(stats_most_viewed(st, "2026-01-01", 1, 1, 10, &rows, &error) == 0 &&
	    rows.n == 2, "views since a day: two items");
	ok(rows.n == 2 && rows.v[0].a == 3 &&
	    strcmp(rows.v[0].level2, low.level2) == 0 && rows.v[1].a == 1,
	    "most viewed first, with the views summed over the days");
	stats_rows_done(&rows);
	ok(stats_most_viewed(st, "2026-02-01", 1, 1, 1, &rows, &error) == 0 &&
	    rows.n == 1 && rows.v[0].a == 1, "the window leaves out older "
	    "days, and the limit holds");
	stats_rows_done(&rows);

	rc = stats_vote(st, &low, "2026-01-01", 1, &error);
	rc |= stats_vote(st, &low, "2026-01-02", 1, &error);
	rc |= stats_vote(st, &low, "2026-01-02", 0, &error);
	rc |= stats_vote(st, &care, "2026-03-01", 0, &error);
	ok(rc == 0, "answers are written");
	ok(stats_feedback(st, NULL, &rows, &error) == 0 && rows.n == 2,
	    "feedback for two items");
	/* By domain: 养老服务 sorts before 社会救助 in code point order. */
	ok(rows.n == 2 && rows.v[0].a == 0 && rows.v[0].b == 1 &&
	    rows.v[1].a == 2 && rows.v[1].b == 1, "有用 and 没用 counted apart");
	stats_rows_done(&rows);
	ok(stats_feedback(st, "2026-01-02", &rows, &error) == 0 && rows.n == 2 &&
	    rows.v[1].a == 1 && rows.v[1].b == 1, "--since leaves out earlier "
	    "days");
	stats_rows_done(&rows);
	/*
	 * Per item and day (chayue-admin report): 2026-01-01 low 2 views 1
	 * 有用; 2026-01-02 low 0 views 1/1; 2026-02-10 low and care 1 view
	 * each; 2026-03-01 care 没用; 2025-12-01 far 1 view.
	 */
	ok(stats_daily(st, &rows, &error) == 0 && rows.n == 6,
	    "daily: one row per item and day with a count");
	ok(rows.n == 6 && strcmp(rows.v[0].day, "2025-12-01") == 0 &&
	    strcmp(rows.v[1].day, "2026-01-01") == 0 && rows.v[1].a == 2 &&
	    rows.v[1].b == 1 && rows.v[1].c == 0 &&
	    strcmp(rows.v[2].day, "2026-01-02") == 0 && rows.v[2].a == 0 &&
	    rows.v[2].b == 1 && rows.v[2].c == 1 &&
	    strcmp(rows.v[5].day, "2026-03-01") == 0 && rows.v[5].c == 1,
	    "daily: views and both answers, by day");
	stats_rows_done(&rows);
	free(error);
}

/* Issue 12: the most viewed have a floor, so that no single visit shows. */
static void
test_floor(void)
{
	static const struct stats_ref once = { "户籍管理", "晋江市", "户口登记",
	    "出生登记" };
	static const struct stats_ref busy = { "户籍管理", "晋江市", "户口登记",
	    "迁入登记" };
	static const struct stats_ref steady = { "户籍管理", "晋江市",
	    "户口登记", "死亡登记" };
	static const char *const days[] = { "2026-03-01", "2026-03-02",
	    "2026-03-05" };
	struct stats_rows rows;
	struct stats *st;
	char *path = in_dir("floor.db"), *error = NULL;
	int i, rc = 0;

	st = stats_open(path, 1, &error);
	ok(st != NULL, "a new state file for the floor");
	if (st == NULL) {
		free(error);
		free(path);
		return;
	}
	rc |= stats_view(st, &once, "2026-03-05", &error);
	ok(rc == 0 && stats_most_viewed(st, "2026-03-01", 20, 3, 10, &rows,
	    &error) == 0 && rows.n == 0, "one view is not listed");
	stats_rows_done(&rows);
	/* 20 views, all on one day. */
	for (i = 0; i < 20; i++)
		rc |= stats_view(st, &busy, "2026-03-04", &error);
	ok(rc == 0 && stats_most_viewed(st, "2026-03-01", 20, 3, 10, &rows,
	    &error) == 0 && rows.n == 0, "20 views on one day are not listed "
	    "with a floor of 3 days");
	stats_rows_done(&rows);
	/* 20 views over three days: 7 + 7 + 6. */
	for (i = 0; i < 20; i++)
		rc |= stats_view(st, &steady, days[i % 3], &error);
	ok(rc == 0 && stats_most_viewed(st, "2026-03-01", 20, 3, 10, &rows,
	    &error) == 0 && rows.n == 1 && rows.v[0].a == 20 &&
	    strcmp(rows.v[0].level2, steady.level2) == 0, "20 views over 3 "
	    "days are listed, and only they");
	stats_rows_done(&rows);
	ok(stats_most_viewed(st, "2026-03-01", 21, 3, 10, &rows, &error) == 0 &&
	    rows.n == 0, "one view short of the floor is not listed");
	stats_rows_done(&rows);
	ok(stats_most_viewed(st, "2026-03-02", 20, 3, 10, &rows, &error) == 0 &&
	    rows.n == 0, "nor are views whose days fall partly before the "
	    "window (only 2 days and 13 views in it)");
	stats_rows_done(&rows);
	ok(stats_most_viewed(st, "2026-03-01", 1, 1, 10, &rows, &error) == 0 &&
	    rows.n == 3 && rows.v[0].a == 20 && rows.v[2].a == 1,
	    "a floor of 1 and 1 lists them all, most viewed first");
	stats_rows_done(&rows);
	free(error);
	stats_close(st);
	unlink(path);
	free(path);
}

static void
test_hot(struct stats *st)
{
	char key[STATS_KEY_SIZE], *error = NULL;
	struct stats_rows rows;

	is_int(stats_hot_add(st, &care, &error), 0, "an item is marked hot");
	is_int(stats_hot_add(st, &low, &error), 0, "a second one");
	is_int(stats_hot_add(st, &care, &error), 1, "marking it again says so");
	ok(stats_hot(st, &rows, &error) == 0 && rows.n == 2 &&
	    strcmp(rows.v[0].level2, care.level2) == 0 &&
	    strcmp(rows.v[1].jurisdiction, low.jurisdiction) == 0,
	    "hot items in the order they were marked, with their names");
	stats_rows_done(&rows);
	stats_key(&care, key);
	is_int(stats_hot_remove(st, key, &error), 0, "unmarked");
	is_int(stats_hot_remove(st, key, &error), 1, "unmarking again says so");
	is_int(stats_hot_add(st, &care, &error), 0, "marked again");
	ok(stats_hot(st, &rows, &error) == 0 && rows.n == 2 &&
	    strcmp(rows.v[1].level2, care.level2) == 0, "and now last");
	stats_rows_done(&rows);
	free(error);
}

/* Import csv into path; 0 if it worked. */
static int
import_csv(const char *path, const char *csv)
{
	struct import_options opt = { .strict = 0 };
	struct import_summary sum;
	struct diag_list diags;
	struct import *imp;
	char *error = NULL;
	int rc = -1;

	diag_init(&diags);
	if ((imp = import_begin(path, &opt, &diags, &error)) != NULL &&
	    import_buffer(imp, "t.csv", csv, strlen(csv), &error) == 0 &&
	    import_end(imp, &sum, &error) == 0) {
		rc = 0;
		import_summary_done(&sum);
	}
	free(error);
	diag_done(&diags);
	return rc;
}

/* The key of the item named level2 in the catalogue at path, via find. */
static int64_t
find_in(const char *path, const struct stats_ref *r)
{
	char *error = NULL;
	struct catalogue *cat = catalogue_open(path, &error);
	int64_t id = -1;

	if (cat != NULL && catalogue_find(cat, r->domain, r->jurisdiction,
	    r->level1, r->level2, &id, &error) != 0)
		id = -1;
	free(error);
	catalogue_close(cat);
	return id;
}

/* Counts are for items by name: a rebuilt catalogue finds them again. */
static void
test_rebuild(void)
{
	char *cat = in_dir("catalogue.db");
	int64_t before, after;

	ok(import_csv(cat, "domain,level1,level2,jurisdiction\n"
	    "社会救助,社会救助政策,最低生活保障对象认定,晋江市\n"
	    "养老服务,养老服务,高龄津贴,晋江市\n") == 0, "a catalogue is built");
	before = find_in(cat, &care);
	ok(import_csv(cat, "domain,level1,level2,jurisdiction\n"
	    "养老服务,养老服务,养老机构名录,晋江市\n"
	    "养老服务,养老服务,养老服务补贴,晋江市\n"
	    "养老服务,养老服务,高龄津贴,晋江市\n"
	    "社会救助,社会救助政策,最低生活保障对象认定,晋江市\n") == 0,
	    "and rebuilt with other rows before it");
	after = find_in(cat, &care);
	ok(before > 0 && after > 0 && before != after, "the item has another "
	    "id in the new catalogue");
	is_int(find_in(cat, &far), 0, "an item the catalogue does not hold "
	    "is not found");
	free(cat);
}

/* The staff PIN's lock outlives the program (and another one's writes). */
static void
test_pin_lock(const char *path)
{
	struct stats *a, *b, *ro;
	char *error = NULL, *old = in_dir("old.db");
	long long f = -1, u = -1;

	a = stats_open(path, 1, &error);
	b = stats_open(path, 1, &error);
	ok(a != NULL && b != NULL, "the state file opens twice");
	if (a == NULL || b == NULL)
		return;
	ok(stats_pin_lock_get(a, &f, &u, &error) == 0 && f == 0 && u == 0,
	    "a new state file holds no PIN lock");
	ok(stats_pin_lock_put(a, 4, 1767225600, &error) == 0,
	    "a lock is written");
	ok(stats_pin_lock_get(b, &f, &u, &error) == 0 && f == 4 &&
	    u == 1767225600, "another connection reads it back");
	stats_close(a);
	ok(stats_pin_lock_put(b, 0, 0, &error) == 0 &&
	    (a = stats_open(path, 0, &error)) != NULL &&
	    stats_pin_lock_get(a, &f, &u, &error) == 0 && f == 0 && u == 0,
	    "cleared by one, it reads cleared after a reopen");
	stats_close(a);
	stats_close(b);

	/* A state file made before the lock was kept: no pin_lock table. */
	a = stats_open(old, 1, &error);
	ok(a != NULL, "another state file is made");
	stats_close(a);
	{
		sqlite3 *db;

		sqlite3_open(old, &db);
		sqlite3_exec(db, "DROP TABLE pin_lock", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	ro = stats_open(old, 0, &error);
	ok(ro != NULL && stats_pin_lock_get(ro, &f, &u, &error) == 0 &&
	    f == 0 && u == 0, "an older file, read-only, reads as not locked");
	stats_close(ro);
	a = stats_open(old, 1, &error);
	ok(a != NULL && stats_pin_lock_put(a, 3, 5, &error) == 0 &&
	    stats_pin_lock_get(a, &f, &u, &error) == 0 && f == 3 && u == 5,
	    "opened to write, it gets the table");
	stats_close(a);
	unlink(old);
	free(old);
	free(error);
}

static void
test_files(void)
{
	char *path = in_dir("state.db"), *other = in_dir("catalogue.db");
	char *missing = in_dir("none/state.db"), *error = NULL;
	struct stats *st;

	ok(stats_open(missing, 0, &error) == NULL && error != NULL,
	    "reading a state file that does not exist fails");
	free(error);
	error = NULL;
	ok((st = stats_open(path, 0, &error)) != NULL, "it opens read-only");
	ok(st != NULL && stats_view(st, &low, "2026-01-01", &error) != 0 &&
	    error != NULL, "and then counts are refused, with a message");
	stats_close(st);
	free(error);
	error = NULL;
	ok(stats_open(other, 1, &error) == NULL && error != NULL &&
	    strstr(error, "not a chayue state file") != NULL,
	    "a catalogue is not taken for a state file");
	free(error);
	free(path);
	free(other);
	free(missing);
}

int
main(void)
{
	struct stats *st;
	char *path, *error = NULL;

	if (mkdtemp(dir) == NULL)
		return 99;
	path = in_dir("state.db");
	test_keys();
	ok((st = stats_open(path, 1, &error)) != NULL, "a new state file is made");
	if (st == NULL) {
		printf("# %s\n", error);
		return tap_done();
	}
	test_counts(st);
	test_hot(st);
	stats_close(st);
	test_floor();
	test_pin_lock(path);
	test_rebuild();
	test_files();
	unlink(path);
	free(path);
	path = in_dir("catalogue.db");
	unlink(path);
	free(path);
	rmdir(dir);
	return tap_done();
}
