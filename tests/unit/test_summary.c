/*
 * The catalogue's summary (data/store/summary.h): the counts stored at
 * build time equal counting (a domain's jurisdictions under every level
 * filter too). One catalogue is built (domains national
 * and local, jurisdictions with ties and one not stated, two source
 * files) and read three ways: as built (the summary), as a catalogue
 * from before the summary (its tables and meta keys removed: counted at
 * open), and by SQL straight over the items. Then a summary altered by
 * hand shows through, which proves the reader uses it and does not count.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"
#include "data/store/domains.h"
#include "data/versions/builder.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static char dir[] = "/tmp/chayue-test-XXXXXX";

/* out, then a domain's jurisdictions under each level filter; frees out. */
static char *
add_levels(struct catalogue *cat, int domain, char *out)
{
	struct name_count_list l;
	char *error = NULL, *t;
	int level;
	size_t i;

	for (level = LEVEL_ANY; level <= LEVEL_UNSTATED; level++) {
		if (catalogue_jurisdictions(cat, domain, (enum level_filter)level,
		    &l, &error) != 0) {
			t = xasprintf("%s; levels: %s", out, error);
			free(error);
			free(out);
			return t;
		}
		for (i = 0; i < l.n; i++) {
			t = xasprintf("%s; %d/%d [%s] %zu", out, domain, level,
			    l.v[i].name, l.v[i].count);
			free(out);
			out = t;
		}
		name_count_list_done(&l);
	}
	return out;
}

/* Everything the summary answers, as one text, to compare in one go. */
static char *
summarise(const char *path)
{
	struct catalogue *cat;
	struct catalogue_info info;
	struct domain_list dl;
	struct name_count_list files, juris;
	char *error = NULL, *out, *t;
	size_t i;

	if ((cat = catalogue_open(path, &error)) == NULL) {
		out = xasprintf("open: %s", error);
		free(error);
		return out;
	}
	if (catalogue_info(cat, &info, &error) != 0 ||
	    catalogue_domains(cat, &dl, &error) != 0 ||
	    catalogue_sources(cat, &files, &error) != 0 ||
	    catalogue_all_jurisdictions(cat, &juris, &error) != 0) {
		out = xasprintf("read: %s", error);
		free(error);
		catalogue_close(cat);
		return out;
	}
	out = xasprintf("items %zu; jurisdictions %zu: %s; domains",
	    info.items, info.jurisdictions, info.jurisdiction_names);
	for (i = 0; i < dl.n; i++) {
		t = xasprintf("%s %d %s%s %zu,", out, dl.v[i].position,
		    dl.v[i].name, dl.v[i].national ? "" : "*", dl.v[i].items);
		free(out);
		out = t;
	}
	for (i = 0; i < dl.n; i++)
		out = add_levels(cat, dl.v[i].id, out);
	for (i = 0; i < files.n; i++) {
		t = xasprintf("%s; file %s %zu", out, files.v[i].name,
		    files.v[i].count);
		free(out);
		out = t;
	}
	for (i = 0; i < juris.n; i++) {
		t = xasprintf("%s; [%s] %zu", out, juris.v[i].name,
		    juris.v[i].count);
		free(out);
		out = t;
	}
	catalogue_info_done(&info);
	domain_list_done(&dl);
	name_count_list_done(&files);
	name_count_list_done(&juris);
	catalogue_close(cat);
	return out;
}

/* The jurisdictions a row i is published by: uneven, with ties and ''. */
static const char *
jurisdiction_of(int i)
{
	static const char *const names[] = { "甲县", "乙镇", "丙街道", "丁乡",
	    "", "戊县" };

	if (i % 7 == 0)
		return names[4];		/* not stated */
	if (i % 5 == 0)
		return names[5];
	return names[i % 4];
}

static void
build(const char *path)
{
	struct builder *b;
	struct item it;
	char *error = NULL;
	int64_t src[2];
	int i, rc = 0;

	b = builder_create(path, &error);
	if (!ok(b != NULL, "builder_create")) {
		printf("#   %s\n", error);
		exit(tap_done());
	}
	src[0] = builder_add_source(b, "a.csv", &error);
	src[1] = builder_add_source(b, "b.xlsx", &error);
	for (i = 0; i < 61 && rc == 0; i++) {
		memset(&it, 0, sizeof it);
		/* Domains 1..5 unevenly, 7 never; a local domain too. */
		it.domain = (char *)(i % 11 == 3 ? "本地特色事项" :
		    domains_get(1 + (i * i) % 5)->name);
		it.level1 = xasprintf("事项%d", i / 3);
		it.level2 = xasprintf("子项%d", i);
		it.jurisdiction = (char *)jurisdiction_of(i);
		it.audience_all = it.audience_specific = FLAG_UNSTATED;
		it.method_active = it.method_on_request = FLAG_UNSTATED;
		it.level_county = i % 2 ? FLAG_YES : FLAG_UNSTATED;
		it.level_township = i % 3 == 1 ? FLAG_YES : i % 3 == 2 ?
		    FLAG_NO : FLAG_UNSTATED;
		it.level_village = i % 4 == 0 ? FLAG_YES : FLAG_UNSTATED;
		rc = builder_add_item(b, &it, src[i % 3 == 0], i + 2, &error);
		free(it.level1);
		free(it.level2);
	}
	if (!ok(rc == 0 && builder_commit(b, &error) == 0, "build"))
		printf("#   %s\n", error);
	free(error);
}

static void
sql(const char *path, const char *text)
{
	sqlite3 *db;

	if (!ok(sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, text, NULL, NULL, NULL) == SQLITE_OK, text))
		printf("#   %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* One integer from SQL over path. */
static long long
sql_int(const char *path, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, text, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void
copy(const char *from, const char *to)
{
	char *cmd = xasprintf("cp '%s' '%s'", from, to);

	ok(system(cmd) == 0, "copy the catalogue");
	free(cmd);
}

static int
same(const char *got, const char *want, const char *what)
{
	int r = ok(strcmp(got, want) == 0, what);

	if (!r)
		printf("#   got:  %s\n#   want: %s\n", got, want);
	return r;
}

int
main(void)
{
	char *built, *old, *altered, *a, *b, *c, *want;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	setenv("SOURCE_DATE_EPOCH", "1764191700", 1);
	built = xasprintf("%s/built.db", dir);
	old = xasprintf("%s/old.db", dir);
	altered = xasprintf("%s/altered.db", dir);
	build(built);
	ok(sql_int(built, "SELECT value FROM meta WHERE key = 'summary'") == 1,
	    "the builder stores a summary");

	/* A catalogue from before the summary: no tables, no meta keys. */
	copy(built, old);
	sql(old, "DROP TABLE summary_count; DROP TABLE summary_jurisdiction;"
	    " DROP TABLE summary_level;"
	    " DELETE FROM meta WHERE key IN ('summary', 'jurisdictions');");
	a = summarise(built);
	b = summarise(old);
	same(a, b, "the summary reads what counting at open reads");
	printf("# %s\n", a);

	/* Against SQL over the items themselves. */
	want = xasprintf("items %lld; jurisdictions %lld:", sql_int(built,
	    "SELECT COUNT(*) FROM item"), sql_int(built, "SELECT COUNT(DISTINCT"
	    " jurisdiction) FROM item WHERE jurisdiction <> ''"));
	ok(strncmp(a, want, strlen(want)) == 0, "item and jurisdiction counts");
	free(want);
	/* 丁乡 and 戊县 have 11 items, 丙街道 乙镇 甲县 10: ties by name. */
	ok(strstr(a, "jurisdictions 5: 丁乡、戊县、丙街道;") != NULL,
	    "the three with most items, ties by name");
	ok(sql_int(built, "SELECT COUNT(*) FROM summary_count AS c JOIN"
	    " (SELECT domain_id, COUNT(*) AS n FROM item GROUP BY domain_id)"
	    " AS i ON c.kind = 'domain' AND c.id = i.domain_id AND"
	    " c.items = i.n") == sql_int(built, "SELECT COUNT(DISTINCT"
	    " domain_id) FROM item"), "every domain's count");
	ok(strstr(a, "本地特色事项*") != NULL, "the local domain is listed");
	ok(strstr(a, "; [] ") != NULL, "the jurisdiction not stated is listed");
	ok(strstr(a, "file a.csv 40; file b.xlsx 21") != NULL,
	    "the source files' counts");

	/* An altered summary shows: the reader reads it, and does not count. */
	copy(built, altered);
	sql(altered, "UPDATE summary_count SET items = 9999 WHERE kind ="
	    " 'domain' AND id = 1; UPDATE meta SET value = '77' WHERE key ="
	    " 'jurisdictions'; UPDATE summary_count SET items = 5555 WHERE"
	    " kind = 'source' AND id = 1; UPDATE summary_level SET items ="
	    " 4444 WHERE domain_id = 1 AND level = 2 AND rank = 1;");
	c = summarise(altered);
	ok(strstr(c, "jurisdictions 77:") != NULL, "the number of"
	    " jurisdictions is read from meta");
	ok(strstr(c, " 1 城乡规划 9999,") != NULL, "domain counts are read"
	    " from the summary");
	ok(strstr(c, "file a.csv 5555") != NULL, "file counts are read from"
	    " the summary");
	ok(strstr(c, "; 1/2 [") != NULL && strstr(strstr(c, "; 1/2 ["),
	    "] 4444;") != NULL, "a domain's jurisdictions under a level are"
	    " read from the summary");
	ok(strstr(a, "; 1/4 [") != NULL && strstr(a, "; 5/3 [") != NULL,
	    "levels unstated and village are listed");

	free(a);
	free(b);
	free(c);
	unlink(built);
	unlink(old);
	unlink(altered);
	free(built);
	free(old);
	free(altered);
	rmdir(dir);
	return tap_done();
}
