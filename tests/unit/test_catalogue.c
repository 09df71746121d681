/*
 * The catalogue store: build catalogues with builder_* in a temporary
 * directory, read them back with catalogue_*, and check the failure paths
 * (bad files, unwritable directories, aborted builds).
 */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"
#include "data/store/domains.h"
#include "data/versions/builder.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"
#include "tests/unit/items.h"

static char dir[] = "/tmp/chayue-test-XXXXXX";
static char *db_path;

static char *
path_in_dir(const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *p = malloc(len);

	snprintf(p, len, "%s/%s", dir, name);
	return p;
}

/* Does s contain needle? Shows s when not. */
static int
has(const char *s, const char *needle, const char *what)
{
	int r = ok(s != NULL && strstr(s, needle) != NULL, what);

	if (!r)
		printf("#   got:  \"%s\"\n#   want: ...\"%s\"...\n",
		    s ? s : "(null)", needle);
	return r;
}

/* Number of directory entries other than . and .. */
static int
dir_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	}
	if (d != NULL)
		closedir(d);
	return n;
}

static struct item
mk(const char *domain, const char *level1, const char *level2,
    const char *jurisdiction, enum flag county, enum flag township,
    enum flag village)
{
	return item_for_test(domain, level1, level2, NULL, jurisdiction,
	    county, township, village);
}

static void
add(struct builder *b, struct item it, int64_t src, long line)
{
	char *error = NULL;
	int rc = builder_add_item(b, &it, src, line, &error);

	if (!ok(rc == 0, "builder_add_item"))
		printf("#   %s\n", error);
	free(error);
}

/* The main test catalogue: 9 items, see the expectations below. */
static void
build_main(void)
{
	struct builder *b;
	struct item it;
	char *error = NULL;
	int64_t src;
	const enum flag U = FLAG_UNSTATED, N = FLAG_NO, Y = FLAG_YES;

	setenv("SOURCE_DATE_EPOCH", "1764191700", 1);
	b = builder_create(db_path, &error);
	if (!ok(b != NULL, "builder_create")) {
		printf("#   %s\n", error);
		exit(tap_done());
	}
	src = builder_add_source(b, "jinjiang.csv", &error);
	ok(src > 0, "builder_add_source returns an id");

	it = mk("城乡规划", "规划编制", "镇规划", "晋江市", Y, N, U);	/* 1 */
	it.content = "脱密后的文本及图纸";
	it.basis = "《中华人民共和国城乡规划法》";
	it.time_limit = "信息形成之日起20个工作日内";
	it.subject = "晋江市自然资源局";
	it.channels = "政府网站\n政务服务中心";
	it.audience_all = Y;
	it.audience_specific = N;
	it.method_active = Y;
	it.method_on_request = N;
	it.code = "A001";
	it.source_url = "http://www.jinjiang.gov.cn/x.htm";
	add(b, it, src, 2);
	add(b, mk("医疗卫生", "公共卫生", "预防接种", NULL, U, U, U), src, 3);	/* 2 */
	add(b, mk("城乡规划", "规划实施", "规划许可", "青阳街道", U, Y, N), src, 4);
	add(b, mk("城乡规划", "规划编制", "村庄规划", "晋江市", N, N, Y), src, 5);
	add(b, mk("  村务公开\t", "", "村级财务", "晋江市", U, U, U), src, 6);
	add(b, mk("党务公开", "组织", "党员名单", "安海镇", U, U, U), src, 7);
	add(b, mk("卫生健康", "医疗", "医院名录", "青阳街道", Y, U, U), src, 8);
	add(b, mk("城乡规划", "规划实施", "批后公布", "", N, U, N), src, 9);
	add(b, mk(" 就业创业 ", "就业服务", "招聘会", "东石镇", U, U, U), 0, 0);
	/* Back to a local domain already seen: no new domain. */
	add(b, mk("村务公开", "", "村务", "晋江市", U, U, U), src, 11);

	if (!ok(builder_commit(b, &error) == 0, "builder_commit"))
		printf("#   %s\n", error);
	free(error);
}

static struct catalogue *
open_ok(const char *path)
{
	struct catalogue *cat;
	char *error = NULL;

	cat = catalogue_open(path, &error);
	if (!ok(cat != NULL, "catalogue_open")) {
		printf("#   %s\n", error);
		free(error);
		exit(tap_done());
	}
	return cat;
}

static void
test_domains_table(void)
{
	is_int(domains_lookup("城乡规划"), 1, "lookup: first national domain");
	is_int(domains_lookup("国土空间规划"), 1, "lookup: alias 国土空间规划");
	is_int(domains_lookup("征地补偿"), 7, "lookup: alias 征地补偿");
	is_int(domains_lookup("国有土地上房屋征收"), 8, "lookup: alias 房屋征收");
	is_int(domains_lookup("环境保护"), 11, "lookup: alias 环境保护");
	is_int(domains_lookup("乡村振兴"), 14, "lookup: 乡村振兴 is 扶贫");
	is_int(domains_lookup("就业创业"), 18, "lookup: alias 就业创业");
	is_int(domains_lookup("\u3000医疗卫生 "), 25, "lookup: trimmed alias");
	is_int(domains_lookup("市政服务"), 26, "lookup: last national domain");
	is_int(domains_lookup("村务公开"), 0, "lookup: local domain is 0");
	is_int(domains_lookup(""), 0, "lookup: empty name is 0");
	is_int(domains_lookup("城乡"), 0, "lookup: prefix is not a match");
	is_str(domains_get(25)->name, "卫生健康", "domains_get(25)");
	ok(domains_get(0) == NULL && domains_get(27) == NULL,
	    "domains_get out of range is NULL");
}

static void
test_info(struct catalogue *cat)
{
	struct catalogue_info info;
	char *error = NULL;

	ok(catalogue_info(cat, &info, &error) == 0, "catalogue_info");
	is_str(info.version, "20251126T211500Z", "info: version from SOURCE_DATE_EPOCH");
	is_str(info.created, "2025-11-26", "info: created");
	is_int(info.items, 10, "info: items");
	is_int(info.jurisdictions, 4, "info: distinct non-empty jurisdictions");
	is_str(info.jurisdiction_names, "晋江市、青阳街道、东石镇",
	    "info: 3 jurisdictions with most items");
	catalogue_info_done(&info);
	/* Again, from the cache. */
	ok(catalogue_info(cat, &info, &error) == 0, "catalogue_info again");
	is_str(info.version, "20251126T211500Z", "info again: version");
	catalogue_info_done(&info);
	free(error);
}

static void
test_domains(struct catalogue *cat)
{
	struct domain_list dl;
	char *error = NULL;

	ok(catalogue_domains(cat, &dl, &error) == 0, "catalogue_domains");
	is_int(dl.n, 28, "domains: 26 national + 2 local");
	if (dl.n != 28)
		goto out;
	is_str(dl.v[0].name, "城乡规划", "domains: first");
	is_int(dl.v[0].items, 4, "domains: 城乡规划 items");
	ok(dl.v[0].national && dl.v[0].position == 1 && dl.v[0].id == 1,
	    "domains: 城乡规划 national, position 1");
	is_str(dl.v[1].name, "重大建设项目", "domains: empty national listed");
	is_int(dl.v[1].items, 0, "domains: empty national has 0 items");
	is_str(dl.v[17].name, "就业", "domains: 就业 at 18");
	is_int(dl.v[17].items, 1, "domains: alias 就业创业 counted under 就业");
	is_str(dl.v[24].name, "卫生健康", "domains: 卫生健康 at 25");
	is_int(dl.v[24].items, 2, "domains: alias 医疗卫生 counted under 卫生健康");
	is_str(dl.v[26].name, "村务公开", "domains: first local, trimmed");
	ok(!dl.v[26].national && dl.v[26].position == 27,
	    "domains: first local at position 27");
	is_int(dl.v[26].items, 2, "domains: local domain items");
	is_str(dl.v[27].name, "党务公开", "domains: second local");
	is_int(dl.v[27].position, 28, "domains: second local position");
out:
	domain_list_done(&dl);
	ok(dl.v == NULL && dl.n == 0, "domain_list_done clears the list");
	free(error);
}

/* The level2 names of a domain's items under a filter, joined with "|". */
static char *
items_str(struct catalogue *cat, int domain, enum level_filter level,
    const char *jurisdiction)
{
	struct item_filter f = { level, jurisdiction };
	struct item_list il;
	char *error = NULL, buf[1024] = "";
	size_t i;

	if (catalogue_items(cat, domain, &f, &il, &error) != 0) {
		snprintf(buf, sizeof buf, "error: %s", error);
		free(error);
	}
	for (i = 0; i < il.n; i++) {
		if (i > 0)
			strncat(buf, "|", sizeof buf - strlen(buf) - 1);
		strncat(buf, il.v[i].level2, sizeof buf - strlen(buf) - 1);
	}
	item_list_done(&il);
	return strdup(buf);
}

static void
is_items(struct catalogue *cat, int domain, enum level_filter level,
    const char *jurisdiction, const char *want, const char *what)
{
	char *got = items_str(cat, domain, level, jurisdiction);

	is_str(got, want, what);
	free(got);
}

static void
test_items(struct catalogue *cat)
{
	struct item_filter f = { LEVEL_ANY, NULL };
	struct item_list il;
	char *error = NULL;

	is_items(cat, 1, LEVEL_ANY, NULL, "镇规划|村庄规划|规划许可|批后公布",
	    "items: level-1 groups first-seen, then id");
	is_items(cat, 1, LEVEL_COUNTY, NULL, "镇规划", "items: county");
	is_items(cat, 1, LEVEL_TOWNSHIP, NULL, "规划许可", "items: township");
	is_items(cat, 1, LEVEL_VILLAGE, NULL, "村庄规划", "items: village");
	is_items(cat, 1, LEVEL_UNSTATED, NULL, "批后公布", "items: unstated");
	is_items(cat, 25, LEVEL_UNSTATED, NULL, "预防接种",
	    "items: all-NULL levels are unstated");
	is_items(cat, 1, LEVEL_ANY, "晋江市", "镇规划|村庄规划",
	    "items: jurisdiction filter");
	is_items(cat, 1, LEVEL_ANY, "", "批后公布",
	    "items: empty jurisdiction filter");
	is_items(cat, 1, LEVEL_VILLAGE, "晋江市", "村庄规划",
	    "items: level and jurisdiction");
	is_items(cat, 1, LEVEL_COUNTY, "青阳街道", "", "items: no match");
	is_items(cat, 2, LEVEL_ANY, NULL, "", "items: empty domain");
	is_items(cat, 27, LEVEL_ANY, NULL, "村级财务|村务", "items: local domain");

	ok(catalogue_items(cat, 1, &f, &il, &error) == 0 && il.n == 4,
	    "items: 4 summaries");
	if (il.n == 4) {
		is_str(il.v[0].level1, "规划编制", "summary: level1");
		is_str(il.v[0].jurisdiction, "晋江市", "summary: jurisdiction");
		is_str(il.v[3].jurisdiction, "", "summary: empty jurisdiction");
		ok(il.v[0].id == 1 && il.v[1].id == 4, "summary: ids");
	}
	item_list_done(&il);

	f.level = (enum level_filter)42;
	ok(catalogue_items(cat, 1, &f, &il, &error) == -1 && error != NULL,
	    "items: invalid level filter fails");
	item_list_done(&il);
	free(error);
}

static void
test_jurisdictions(struct catalogue *cat)
{
	struct name_count_list l;
	char *error = NULL;

	ok(catalogue_jurisdictions(cat, 1, LEVEL_ANY, &l, &error) == 0,
	    "catalogue_jurisdictions");
	is_int(l.n, 3, "jurisdictions: 3 in 城乡规划");
	if (l.n == 3) {
		is_str(l.v[0].name, "晋江市", "jurisdictions: most items first");
		is_int(l.v[0].count, 2, "jurisdictions: count");
		is_str(l.v[1].name, "", "jurisdictions: empty one, by name");
		is_str(l.v[2].name, "青阳街道", "jurisdictions: then by name");
		is_int(l.v[2].count, 1, "jurisdictions: count 1");
	}
	name_count_list_done(&l);

	ok(catalogue_jurisdictions(cat, 1, LEVEL_TOWNSHIP, &l, &error) == 0 &&
	    l.n == 1 && strcmp(l.v[0].name, "青阳街道") == 0,
	    "jurisdictions: under a level filter");
	name_count_list_done(&l);
	ok(catalogue_jurisdictions(cat, 2, LEVEL_ANY, &l, &error) == 0 &&
	    l.n == 0, "jurisdictions: empty domain");
	name_count_list_done(&l);
	free(error);
}

static void
test_item(struct catalogue *cat)
{
	struct item it;
	char *error = NULL;

	ok(catalogue_item(cat, 1, &it, &error) == 0, "catalogue_item 1");
	is_int(it.id, 1, "item: id");
	is_int(it.domain_id, 1, "item: domain_id");
	is_str(it.domain, "城乡规划", "item: domain");
	is_str(it.level1, "规划编制", "item: level1");
	is_str(it.level2, "镇规划", "item: level2");
	is_str(it.content, "脱密后的文本及图纸", "item: content");
	is_str(it.basis, "《中华人民共和国城乡规划法》", "item: basis");
	is_str(it.time_limit, "信息形成之日起20个工作日内", "item: time_limit");
	is_str(it.subject, "晋江市自然资源局", "item: subject");
	is_str(it.channels, "政府网站\n政务服务中心", "item: channels");
	is_int(it.audience_all, FLAG_YES, "item: audience_all");
	is_int(it.audience_specific, FLAG_NO, "item: audience_specific");
	is_int(it.method_active, FLAG_YES, "item: method_active");
	is_int(it.method_on_request, FLAG_NO, "item: method_on_request");
	is_int(it.level_county, FLAG_YES, "item: level_county");
	is_int(it.level_township, FLAG_NO, "item: level_township");
	is_int(it.level_village, FLAG_UNSTATED, "item: level_village");
	is_str(it.jurisdiction, "晋江市", "item: jurisdiction");
	is_str(it.code, "A001", "item: code");
	is_str(it.source_url, "http://www.jinjiang.gov.cn/x.htm", "item: source_url");
	item_done(&it);

	ok(catalogue_item(cat, 2, &it, &error) == 0, "catalogue_item 2");
	is_str(it.domain, "卫生健康", "item 2: alias stored as 卫生健康");
	is_int(it.domain_id, 25, "item 2: domain_id");
	ok(it.content != NULL && it.basis != NULL && it.code != NULL &&
	    it.channels != NULL && it.jurisdiction != NULL &&
	    it.content[0] == '\0' && it.code[0] == '\0' &&
	    it.jurisdiction[0] == '\0', "item 2: NULL text comes back as \"\"");
	ok(it.audience_all == FLAG_UNSTATED && it.method_on_request ==
	    FLAG_UNSTATED && it.level_county == FLAG_UNSTATED,
	    "item 2: flags unstated");
	item_done(&it);

	ok(catalogue_item(cat, 999, &it, &error) == -1, "item 999 fails");
	has(error, "999", "item 999: message names the id");
	item_done(&it);
	free(error);
}

static void
open_fails(const char *path, const char *needle, const char *what)
{
	struct catalogue *cat;
	char *error = NULL;

	cat = catalogue_open(path, &error);
	ok(cat == NULL, what);
	has(error, needle, what);
	if (cat != NULL)
		catalogue_close(cat);
	free(error);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
sql_file(const char *path, const char *sql)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) == SQLITE_OK)
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
}

static void
test_open_errors(void)
{
	char *p;

	p = path_in_dir("missing.db");
	open_fails(p, "does not exist; build one with: chayue-admin import",
	    "open: missing file");
	free(p);

	p = path_in_dir("notes.txt");
	write_file(p, "this is not a catalogue, just some text that is long "
	    "enough to fill the header of a database file, and more text\n");
	open_fails(p, "file is not a database", "open: text file");
	open_fails(p, p, "open: text file, message names the path");
	unlink(p);
	free(p);

	p = path_in_dir("other.db");
	sql_file(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	open_fails(p, "not a chayue catalogue", "open: other SQLite database");
	unlink(p);
	free(p);

	open_fails(dir, "not a regular file", "open: a directory");
}

/* A catalogue from a newer chayue is refused with the versions named. */
static void
test_newer_schema(void)
{
	char *p = path_in_dir("newer.db"), *error = NULL;
	struct builder *b;

	b = builder_create(p, &error);
	ok(b != NULL && builder_commit(b, &error) == 0, "build an empty catalogue");
	free(error);
	sql_file(p, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
	open_fails(p, "schema version 99", "open: newer schema refused");
	unlink(p);
	free(p);
}

static void
test_builder_errors(void)
{
	struct builder *b;
	char *error = NULL, *p;

	b = builder_create("/nonexistent-chayue-dir/catalogue.db", &error);
	ok(b == NULL, "create in a missing directory fails");
	has(error, "cannot create /nonexistent-chayue-dir/catalogue.db.new.",
	    "missing directory: message names the file");
	has(error, "No such file or directory", "missing directory: cause");
	free(error);
	error = NULL;

	p = path_in_dir("afile");
	write_file(p, "x");
	free(p);
	p = path_in_dir("afile/catalogue.db");
	b = builder_create(p, &error);
	ok(b == NULL, "create below a plain file fails");
	has(error, "Not a directory", "below a plain file: cause");
	free(error);
	error = NULL;
	free(p);
	p = path_in_dir("afile");
	unlink(p);
	free(p);

	if (geteuid() == 0) {
		printf("ok %d - # SKIP non-writable directory (running as root)\n",
		    ++tap_n);
		return;
	}
	p = path_in_dir("ro");
	mkdir(p, 0555);
	free(p);
	p = path_in_dir("ro/catalogue.db");
	b = builder_create(p, &error);
	ok(b == NULL, "create in a non-writable directory fails");
	has(error, "Permission denied; check the directory's owner",
	    "non-writable directory: cause and hint");
	free(error);
	free(p);
	p = path_in_dir("ro");
	rmdir(p);
	free(p);
}

/* A bad item or an abort leaves the live catalogue as it was. */
static void
test_abort(void)
{
	struct catalogue *cat;
	struct catalogue_info info;
	struct builder *b;
	struct item it;
	char *error = NULL, *tmp;

	is_int(dir_entries(), 1, "only the catalogue in the directory");
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	b = builder_create(db_path, &error);
	ok(b != NULL, "builder_create over a live catalogue");
	if (b == NULL)
		return;
	tmp = xasprintf("%s.new.%ld", db_path, (long)getpid());
	ok(access(tmp, F_OK) == 0, "the temporary file is beside the live one");
	it = mk("   ", "x", "y", "", FLAG_UNSTATED, FLAG_UNSTATED, FLAG_UNSTATED);
	ok(builder_add_item(b, &it, 0, 17, &error) == -1, "blank domain fails");
	has(error, "line 17", "blank domain: message names the line");
	free(error);
	error = NULL;
	it = mk("救灾", "x", "y", "", (enum flag)5, FLAG_UNSTATED, FLAG_NO);
	ok(builder_add_item(b, &it, 0, 18, &error) == -1, "bad flag fails");
	free(error);
	error = NULL;
	add(b, mk("救灾", "x", "y", "", FLAG_NO, FLAG_NO, FLAG_NO), 0, 19);
	builder_abort(b);
	is_int(dir_entries(), 1, "abort leaves no temporary file");
	ok(access(tmp, F_OK) == -1, "abort removes the temporary file");
	free(tmp);

	cat = open_ok(db_path);
	ok(catalogue_info(cat, &info, &error) == 0 && info.items == 10 &&
	    strcmp(info.version, "20251126T211500Z") == 0,
	    "abort leaves the previous catalogue untouched");
	catalogue_info_done(&info);
	catalogue_close(cat);
	free(error);
}

/* A commit replaces the live file; a reader of the old one is unharmed. */
static void
test_replace(void)
{
	struct catalogue *old, *cat;
	struct catalogue_info info;
	struct domain_list dl;
	struct builder *b;
	char *error = NULL;
	unsigned char header[20];
	FILE *f;

	old = open_ok(db_path);
	b = builder_create(db_path, &error);
	ok(b != NULL, "builder_create for a replacement");
	if (b == NULL)
		return;
	add(b, mk("救灾", "救灾物资", "物资发放", "晋江市", FLAG_YES, FLAG_NO,
	    FLAG_NO), 0, 2);
	ok(builder_commit(b, &error) == 0, "commit over an existing catalogue");
	is_int(dir_entries(), 1, "no temporary, journal or wal file left");

	cat = open_ok(db_path);
	ok(catalogue_info(cat, &info, &error) == 0, "info of the replacement");
	is_str(info.version, "20260101T000000Z", "replacement: new version");
	is_int(info.items, 1, "replacement: new item count");
	is_str(info.jurisdiction_names, "晋江市", "replacement: one jurisdiction");
	catalogue_info_done(&info);
	catalogue_close(cat);

	ok(catalogue_domains(old, &dl, &error) == 0 && dl.n == 28 &&
	    dl.v[0].items == 4, "a reader of the old file still sees it whole");
	domain_list_done(&dl);
	catalogue_close(old);

	/* Bytes 18-19 are 1 for a rollback journal, 2 for WAL. */
	f = fopen(db_path, "rb");
	ok(f != NULL && fread(header, 1, sizeof header, f) == sizeof header &&
	    header[18] == 1 && header[19] == 1, "file is not in WAL mode");
	if (f != NULL)
		fclose(f);
	free(error);
}

int
main(void)
{
	struct catalogue *cat;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	db_path = path_in_dir("catalogue.db");
	test_domains_table();
	build_main();
	cat = open_ok(db_path);
	test_info(cat);
	test_domains(cat);
	test_items(cat);
	test_jurisdictions(cat);
	test_item(cat);
	catalogue_close(cat);

	test_abort();
	test_replace();
	test_open_errors();
	test_newer_schema();
	test_builder_errors();

	unlink(db_path);
	free(db_path);
	rmdir(dir);
	return tap_done();
}
