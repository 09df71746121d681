/*
 * The importer: the real reference catalogue end to end, each broken
 * fixture, and that a refused import leaves the live catalogue alone.
 */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store/catalogue.h"
#include "data/import/cell.h"
#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/import/readfile.h"
#include "data/versions/export.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static const char *top;
static char tmpdir[] = "/tmp/test_import.XXXXXX";

static char *
fixture(const char *name)
{
	return xasprintf("%s/tests/unit/fixtures/%s", top, name);
}

static char *
tmpfile_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* The whole file, NUL-terminated; NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

/*
 * The test's own reading of a well-formed CSV file, to count against: rows
 * of fields, quotes removed. Deliberately simple and separate from csv.c.
 */
struct table {
	char	***rows;	/* rows[i][j], NULL-terminated per row */
	size_t	  n;
};

static void
table_add_field(char ***row, size_t *nf, const char *s, size_t len)
{
	*row = xreallocarray(*row, *nf + 2, sizeof **row);
	(*row)[(*nf)++] = xstrndup(s, len);
	(*row)[*nf] = NULL;
}

static void
table_read(const char *s, struct table *t)
{
	char	*field = xmalloc(strlen(s) + 1), **row = NULL;
	size_t	 flen = 0, nf = 0;
	int	 inq = 0;

	memset(t, 0, sizeof *t);
	for (; *s != '\0'; s++) {
		if (inq && *s == '"' && s[1] == '"')
			field[flen++] = *s++;
		else if (*s == '"')
			inq = !inq;
		else if (!inq && (*s == ',' || *s == '\n')) {
			table_add_field(&row, &nf, field, flen);
			flen = 0;
			if (*s == '\n') {
				t->rows = xreallocarray(t->rows, t->n + 1,
				    sizeof *t->rows);
				t->rows[t->n++] = row;
				row = NULL;
				nf = 0;
			}
		} else if (*s != '\r')
			field[flen++] = *s;
	}
	free(field);
	free(row);
}

static void
table_done(struct table *t)
{
	size_t	i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; t->rows[i][j] != NULL; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
}

/* The index of a header title in the table, or -1. */
static int
table_col(const struct table *t, const char *name)
{
	int	j;

	for (j = 0; t->rows[0][j] != NULL; j++)
		if (strcmp(t->rows[0][j], name) == 0)
			return j;
	return -1;
}

static const char *
cell(const struct table *t, size_t row, const char *name)
{
	return t->rows[row][table_col(t, name)];
}

static int
run(const char *cat, char **files, int n, int strict, int dry_run,
    struct diag_list *d, struct import_summary *sum)
{
	struct import_options	 opt = { .strict = strict, .dry_run = dry_run };
	char			*error = NULL;
	int			 rc;

	diag_init(d);
	rc = import_files(cat, files, n, &opt, d, sum, &error);
	if (rc != 0)
		printf("# import_files: %s\n", error);
	free(error);
	return rc;
}

/*
 * Is there a diagnostic of this severity at line:col (col -1: any)
 * containing text? If not, show what there is.
 */
static int
has_diag(const struct diag_list *d, enum diag_severity sev, long line,
    long col, const char *text)
{
	size_t	 i;
	char	*s;
	int	 found = 0;

	for (i = 0; i < d->n && !found; i++) {
		s = diag_format(&d->v[i]);
		found = d->v[i].severity == sev && d->v[i].line == line &&
		    (col < 0 || d->v[i].column == col) &&
		    strstr(s, text) != NULL;
		free(s);
	}
	if (!found)
		for (i = 0; i < d->n; i++) {
			s = diag_format(&d->v[i]);
			printf("# have: %s\n", s);
			free(s);
		}
	return found;
}

/*
 * Issue 6.2: does every diagnostic read "file:line:column: severity: what
 * is wrong; what to do", line and column 1 or more? If not, show which.
 */
static int
all_placed(const struct diag_list *d)
{
	size_t	 i;
	char	*s;
	int	 good = 1;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].line >= 1 && d->v[i].column >= 1 &&
		    d->v[i].hint != NULL && *d->v[i].hint != '\0')
			continue;
		s = diag_format(&d->v[i]);
		printf("# not placed, or no hint: %s\n", s);
		free(s);
		good = 0;
	}
	return good;
}

/* The id of a domain by name, or 0. */
static int
domain_id(struct catalogue *cat, const char *name, size_t *items)
{
	struct domain_list	 list;
	char			*error = NULL;
	size_t			 i;
	int			 id = 0;

	if (catalogue_domains(cat, &list, &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
	for (i = 0; i < list.n; i++)
		if (strcmp(list.v[i].name, name) == 0) {
			id = list.v[i].id;
			if (items != NULL)
				*items = list.v[i].items;
		}
	domain_list_done(&list);
	return id;
}

/* The first item of a domain with this level2 (jurisdiction, content). */
static int
get_item_content(struct catalogue *cat, const char *domain,
    const char *level2, const char *jurisdiction, const char *content,
    struct item *out)
{
	struct item_filter	 f = { LEVEL_ANY, jurisdiction };
	struct item_list	 list;
	char			*error = NULL;
	size_t			 i;
	int			 rc = -1;

	memset(out, 0, sizeof *out);
	if (catalogue_items(cat, domain_id(cat, domain, NULL), &f, &list,
	    &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
	for (i = 0; i < list.n && rc == -1; i++) {
		if (strcmp(list.v[i].level2, level2) != 0)
			continue;
		if ((rc = catalogue_item(cat, list.v[i].id, out, &error)) != 0) {
			printf("# %s\n", error);
			free(error);
		} else if (content != NULL && strcmp(out->content, content)) {
			item_done(out);
			rc = -1;
		}
	}
	item_list_done(&list);
	return rc;
}

static int
get_item(struct catalogue *cat, const char *domain, const char *level2,
    const char *jurisdiction, struct item *out)
{
	return get_item_content(cat, domain, level2, jurisdiction, NULL, out);
}

static struct catalogue *
open_cat(const char *path)
{
	struct catalogue	*cat;
	char			*error = NULL;

	if ((cat = catalogue_open(path, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
	}
	return cat;
}

/* A flag as the reference file writes it: "1", "0" or "". */
static enum flag
flag_of(const char *s)
{
	return *s == '\0' ? FLAG_UNSTATED : *s == '1' ? FLAG_YES : FLAG_NO;
}

/* "a；b" as stored: one channel per line. */
static char *
channels_of(const char *s)
{
	char	*out = xstrdup(s), *p;

	while ((p = strstr(out, "；")) != NULL) {
		*p = '\n';
		memmove(p + 1, p + strlen("；"), strlen(p + strlen("；")) + 1);
	}
	return out;
}

static const char *const ref_flags[] = {
	"audience_all", "audience_specific", "method_active",
	"method_on_request", "level_county", "level_township", "level_village",
};

/* Every element of reference row r comes back through catalogue_item. */
static void
round_trip(struct catalogue *cat, const struct table *t, size_t r,
    const char *why)
{
	struct item	 it;
	enum flag	 got[7];
	char		*want_ch, *what;
	int		 i, same = 1;

	what = xasprintf("%s: line %zu (%s) is in the catalogue", why, r + 1,
	    cell(t, r, "level2"));
	ok(get_item_content(cat, cell(t, r, "domain"), cell(t, r, "level2"),
	    cell(t, r, "jurisdiction"), cell(t, r, "content"), &it) == 0, what);
	free(what);
	is_str(it.domain, cell(t, r, "domain"), "  domain");
	is_str(it.level1, cell(t, r, "level1"), "  level1");
	is_str(it.content, cell(t, r, "content"), "  content");
	is_str(it.basis, cell(t, r, "basis"), "  basis");
	is_str(it.time_limit, cell(t, r, "time_limit"), "  time_limit");
	is_str(it.subject, cell(t, r, "subject"), "  subject");
	want_ch = channels_of(cell(t, r, "channels"));
	is_str(it.channels, want_ch, "  channels, one per line");
	free(want_ch);
	is_str(it.source_url, cell(t, r, "source_url"), "  source_url");
	is_str(it.code, "", "  no code column: empty code");
	got[0] = it.audience_all; got[1] = it.audience_specific;
	got[2] = it.method_active; got[3] = it.method_on_request;
	got[4] = it.level_county; got[5] = it.level_township;
	got[6] = it.level_village;
	for (i = 0; i < 7; i++)
		same &= got[i] == flag_of(cell(t, r, ref_flags[i]));
	ok(same, "  all seven flags, unstated ones unstated");
	item_done(&it);
}

/* The first row (after the header) matching a test, or 0. */
static size_t
find_row(const struct table *t, int (*match)(const struct table *, size_t))
{
	size_t	r;

	for (r = 1; r < t->n; r++)
		if (match(t, r))
			return r;
	return 0;
}

static int
row_rich(const struct table *t, size_t r)
{
	int	i, set = 0;

	for (i = 0; i < 7; i++)
		set += *cell(t, r, ref_flags[i]) != '\0';
	return set >= 3 && strstr(cell(t, r, "channels"), "；") != NULL &&
	    *cell(t, r, "level1") != '\0';
}

static int
row_quoted(const struct table *t, size_t r)
{
	return strchr(cell(t, r, "content"), ',') != NULL &&
	    *cell(t, r, "level1") != '\0';
}

/* Empty level1 under a row of the same table with one. */
static int
row_merged(const struct table *t, size_t r)
{
	return r > 1 && *cell(t, r, "level1") == '\0' &&
	    *cell(t, r - 1, "level1") != '\0' &&
	    strcmp(cell(t, r, "domain"), cell(t, r - 1, "domain")) == 0 &&
	    strcmp(cell(t, r, "source_url"), cell(t, r - 1, "source_url")) == 0;
}

/* Rows of the table per domain agree with the catalogue's counts. */
static void
check_domains(struct catalogue *cat, const struct table *t)
{
	const char	*probe[] = { "安全生产", "社会救助", "城乡规划" };
	size_t		 i, r, want, got = 0, n;
	char		*what;
	int		 all = 1;

	for (r = 1; r < t->n; r++) {
		for (want = 0, i = 1; i < t->n; i++)
			want += strcmp(cell(t, i, "domain"),
			    cell(t, r, "domain")) == 0;
		n = 0;
		domain_id(cat, cell(t, r, "domain"), &n);
		all &= n == want;
		if (n != want)
			printf("# %s: %zu, want %zu\n", cell(t, r, "domain"),
			    n, want);
	}
	ok(all, "every domain has as many items as the file has rows");
	for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		for (want = 0, r = 1; r < t->n; r++)
			want += strcmp(cell(t, r, "domain"), probe[i]) == 0;
		domain_id(cat, probe[i], &got);
		what = xasprintf("domain %s: %zu items", probe[i], want);
		is_int(got, want, what);
		free(what);
	}
}

static size_t
count_jurisdictions(const struct table *t)
{
	size_t	r, k, n = 0;

	for (r = 1; r < t->n; r++) {
		if (*cell(t, r, "jurisdiction") == '\0')
			continue;
		for (k = 1; k < r; k++)
			if (strcmp(cell(t, k, "jurisdiction"),
			    cell(t, r, "jurisdiction")) == 0)
				break;
		n += k == r;
	}
	return n;
}

static void
check_reference_items(const char *cat_path, const struct table *t)
{
	struct catalogue	*cat = open_cat(cat_path);
	struct catalogue_info	 info;
	struct item		 it;
	char			*error = NULL;
	size_t			 r;

	ok(cat != NULL, "the new catalogue opens");
	if (cat == NULL)
		return;
	ok(catalogue_info(cat, &info, &error) == 0, "catalogue_info");
	is_int(info.items, t->n - 1, "catalogue: one item per row");
	is_int(info.jurisdictions, count_jurisdictions(t),
	    "catalogue: the file's jurisdictions");
	catalogue_info_done(&info);
	check_domains(cat, t);
	ok((r = find_row(t, row_rich)) != 0, "a row with flags and channels");
	if (r != 0)
		round_trip(cat, t, r, "flags and channels");
	ok((r = find_row(t, row_quoted)) != 0, "a row with a quoted cell");
	if (r != 0)
		round_trip(cat, t, r, "quoted cell");
	ok((r = find_row(t, row_merged)) != 0, "a row under a merged 一级事项");
	if (r != 0 && get_item_content(cat, cell(t, r, "domain"),
	    cell(t, r, "level2"), cell(t, r, "jurisdiction"),
	    cell(t, r, "content"), &it) == 0) {
		is_str(it.level1, cell(t, r - 1, "level1"),
		    "empty level1 carried down from the row above");
		item_done(&it);
	}
	catalogue_close(cat);
}

static void
test_reference(void)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	struct table		 t;
	char			*ref, *buf, *cat = tmpfile_path("ref.db");
	size_t			 len;

	ref = xasprintf("%s/data/demo/reference-catalogue.csv", top);
	buf = slurp(ref, &len);
	if (!ok(buf != NULL, "the reference file can be read")) {
		printf("# %s: set top_srcdir\n", ref);
		free(ref);
		free(cat);
		return;
	}
	table_read(buf, &t);
	ok(t.n > 1 && table_col(&t, "domain") == 0, "it has a header");
	is_int(run(cat, &ref, 1, 1, 0, &d, &sum), 0, "strict import runs");
	is_int(d.errors, 0, "no errors");
	is_int(d.warnings, 0, "no warnings");
	ok(sum.committed && sum.refusal == IMPORT_ACCEPTED, "committed");
	is_int(sum.total.rows_read, t.n - 1, "every row read");
	is_int(sum.total.imported, t.n - 1, "every row imported");
	is_int(sum.total.skipped, 0, "none skipped");
	ok(sum.nfiles == 1 && strcmp(sum.files[0].name, ref) == 0 &&
	    sum.files[0].counts.imported == t.n - 1, "per-file counts");
	import_summary_done(&sum);
	diag_done(&d);
	check_reference_items(cat, &t);
	table_done(&t);
	free(buf);
	free(ref);
	unlink(cat);
	free(cat);
}

/* Import one fixture (not strict) into a fresh catalogue. */
static int
import_fixture(const char *name, const char *cat, struct diag_list *d,
    struct import_summary *sum)
{
	char	*path = fixture(name);
	int	 rc;

	unlink(cat);
	rc = run(cat, &path, 1, 0, 0, d, sum);
	free(path);
	return rc;
}

/* rows read, imported, skipped, errors, warnings */
static void
counts(const struct import_summary *sum, size_t read, size_t imported,
    size_t skipped, size_t errors, size_t warnings, const char *what)
{
	const struct import_counts *c = &sum->total;

	if (!ok(c->rows_read == read && c->imported == imported &&
	    c->skipped == skipped && c->errors == errors &&
	    c->warnings == warnings, what))
		printf("#   got %zu read, %zu imported, %zu skipped, %zu errors,"
		    " %zu warnings\n", c->rows_read, c->imported, c->skipped,
		    c->errors, c->warnings);
}

static void
test_bom_crlf(const char *cat_path)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;

	is_int(import_fixture("bom-crlf.csv", cat_path, &d, &sum), 0,
	    "bom-crlf.csv");
	counts(&sum, 2, 2, 0, 0, 0, "bom-crlf.csv: both rows, no problem");
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) == NULL)
		return;
	ok(get_item(cat, "社会救助", "最低生活保障对象认定", NULL, &it) == 0,
	    "BOM: the first column is still domain");
	is_str(it.content, "认定条件、\"标准\"\n和程序",
	    "quoted cell: \"\" is a quote, CRLF inside is LF");
	is_str(it.channels, "政府网站\n公开查阅点\n便民服务站",
	    "channels split on ； and 、");
	ok(it.audience_all == FLAG_YES && it.audience_specific == FLAG_NO &&
	    it.method_active == FLAG_YES && it.method_on_request == FLAG_NO &&
	    it.level_county == FLAG_YES && it.level_township == FLAG_NO &&
	    it.level_village == FLAG_UNSTATED, "√ × 是 否 1 0 and empty");
	item_done(&it);
	ok(get_item(cat, "社会救助", "特困人员认定", NULL, &it) == 0,
	    "the second row");
	is_str(it.level1, "低保", "empty level1 carried down (merged cell)");
	is_str(it.content, "认定结果", "cells are trimmed");
	is_str(it.basis, "", "an empty cell is empty");
	is_str(it.channels, "政府网站\n公示栏",
	    "channels: ; and tabs, empty parts dropped");
	ok(it.audience_all == FLAG_YES && it.audience_specific == FLAG_NO &&
	    it.method_active == FLAG_YES && it.method_on_request == FLAG_NO,
	    "✓ ✗ ✔ 0");
	item_done(&it);
	catalogue_close(cat);
}

static void
test_broken(const char *cat)
{
	static const struct {
		const char	*file;
		size_t		 read, imported, skipped, errors, warnings;
		enum diag_severity sev;
		long		 line, col;
		const char	*text;
	} f[] = {
		{ "truncated-quote.csv", 2, 1, 1, 1, 0, DIAG_ERROR, 3, 4,
		  "error: the file ends in the middle of a row, inside the "
		  "quoted field in column D (content); it may have been cut "
		  "off — export it again" },
		{ "cut-row.csv", 2, 1, 1, 1, 0, DIAG_ERROR, 3, 5,
		  "cut-row.csv:3:5: error: the file ends in the middle of a "
		  "row: it has 4 of the header's 17 columns and ends before "
		  "column E (basis); it may have been cut off — export it "
		  "again" },
		{ "gb18030-truncated.csv", 3, 2, 1, 1, 1, DIAG_ERROR, 4, 3,
		  "gb18030-truncated.csv:4:3: error: the file ends in the "
		  "middle of a row: it has 2 of the header's 17 columns and "
		  "ends before column C (level2); it may have been cut off" },
		{ "gb18030-truncated.csv", 3, 2, 1, 1, 1, DIAG_WARNING, 4, 1,
		  "gb18030-truncated.csv:4:1: warning: the file ends in the "
		  "middle of a GB18030 character; it may be truncated" },
		{ "utf16-odd.txt", 3, 2, 1, 1, 1, DIAG_ERROR, 4, 2,
		  "utf16-odd.txt:4:2: error: the file ends in the middle of a "
		  "row: it has 1 of the header's 17 columns" },
		{ "utf16-odd.txt", 3, 2, 1, 1, 1, DIAG_WARNING, 4, 1,
		  "utf16-odd.txt:4:1: warning: the file ends in the middle of "
		  "a UTF-16LE character" },
		{ "stray-quote.csv", 3, 1, 2, 2, 0, DIAG_ERROR, 2, 4,
		  "quote inside column D (content)" },
		{ "stray-quote.csv", 3, 1, 2, 2, 0, DIAG_ERROR, 3, 3,
		  "text after the closing quote in column C (level2)" },
		{ "wrong-columns.csv", 3, 1, 2, 2, 0, DIAG_ERROR, 3, 17,
		  "wrong-columns.csv:3:17: error: row has only 16 of the "
		  "header's 17 columns: it ends before column Q (source_url); "
		  "a cell may be missing" },
		{ "wrong-columns.csv", 3, 1, 2, 2, 0, DIAG_ERROR, 4, 18,
		  "wrong-columns.csv:4:18: error: row has 18 columns but the "
		  "header has 17: the extra cells start at column 18; a cell "
		  "may hold an unquoted comma" },
		{ "published-broken.csv", 5, 2, 3, 3, 0, DIAG_ERROR, 7, 14,
		  "published-broken.csv:7:14: error: row has only 13 of the "
		  "header's 15 columns: it ends before column N (乡级); " },
		{ "invalid-utf8.csv", 2, 1, 1, 1, 0, DIAG_ERROR, 2, 4,
		  "column D (content) is not valid UTF-8 text (byte 0xD5)" },
		{ "bad-flag.csv", 2, 1, 1, 1, 0, DIAG_ERROR, 2, 9,
		  "column I (audience_all): \"有\" is not a yes/no mark; "
		  "write 1, √ or 是 for yes, 0, × or 否 for no" },
		{ "no-name.csv", 2, 1, 1, 1, 0, DIAG_ERROR, 2, 3,
		  "error: row has no item name (一级事项 and 二级事项 are both "
		  "empty); fill in 二级事项 or delete the row" },
		{ "duplicate.csv", 3, 2, 1, 0, 1, DIAG_WARNING, 3, 3,
		  "duplicate.csv:3:3: warning: duplicate of the row at " },
		{ "duplicate.csv", 3, 2, 1, 0, 1, DIAG_WARNING, 3, 3,
		  "duplicate.csv:2 (same domain" },
		{ "unknown-column.csv", 1, 1, 0, 0, 1, DIAG_WARNING, 1, 3,
		  "unknown column \"remark\" is ignored" },
	};
	struct diag_list	 d;
	struct import_summary	 sum;
	size_t			 i;
	char			*what;
	int			 cut;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		what = xasprintf("%s: runs", f[i].file);
		is_int(import_fixture(f[i].file, cat, &d, &sum), 0, what);
		free(what);
		/* Cut off: refused, so nothing is imported. */
		cut = strstr(f[i].file, "truncated") != NULL ||
		    strstr(f[i].file, "cut-") != NULL ||
		    strstr(f[i].file, "-odd") != NULL;
		what = xasprintf("%s: counts", f[i].file);
		counts(&sum, f[i].read, cut ? 0 : f[i].imported,
		    cut ? f[i].skipped + f[i].imported : f[i].skipped,
		    f[i].errors, f[i].warnings, what);
		free(what);
		what = xasprintf("%s:%ld:%ld: %s", f[i].file, f[i].line,
		    f[i].col, f[i].text);
		ok(has_diag(&d, f[i].sev, f[i].line, f[i].col, f[i].text),
		    what);
		free(what);
		ok(all_placed(&d), "  every diagnostic has a line and a "
		    "column, and says what to do");
		if (cut)
			ok(!sum.committed &&
			    sum.refusal == IMPORT_REFUSED_CUT_OFF,
			    "  cut off: refused");
		else
			ok(sum.committed, "  the good rows are imported");
		import_summary_done(&sum);
		diag_done(&d);
	}
}

/* The rows around the broken ones arrived intact. */
static void
test_broken_items(const char *cat_path)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;

	import_fixture("unknown-column.csv", cat_path, &d, &sum);
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) == NULL)
		return;
	ok(get_item(cat, "公共法律服务", "公共法律服务机构", "晋江市", &it) == 0,
	    "columns in another order are matched by name");
	is_str(it.level1, "法律服务", "  level1");
	is_str(it.code, "GF-001", "  the optional code column");
	ok(it.audience_all == FLAG_UNSTATED &&
	    it.level_village == FLAG_UNSTATED,
	    "  absent flag columns: not stated");
	is_str(it.content, "", "  absent columns are empty");
	item_done(&it);
	catalogue_close(cat);
}

static int
same_bytes(const char *a, size_t alen, const char *path)
{
	size_t	 blen;
	char	*b = slurp(path, &blen);
	int	 same = b != NULL && blen == alen && memcmp(a, b, alen) == 0;

	free(b);
	return same;
}

/* A refused import leaves the live catalogue byte for byte as it was. */
static void
test_refused(const char *cat)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	char			*good = fixture("bom-crlf.csv");
	char			*files[] = { good, fixture("bad-flag.csv") };
	char			*missing[] = { good, tmpfile_path("nope.csv") };
	char			*before;
	size_t			 len;

	import_fixture("bom-crlf.csv", cat, &d, &sum);
	import_summary_done(&sum);
	diag_done(&d);
	before = slurp(cat, &len);
	ok(before != NULL && len > 0, "a live catalogue");

	is_int(run(cat, files, 2, 1, 0, &d, &sum), 0, "strict import runs");
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_STRICT,
	    "strict: one bad row refuses everything");
	ok(sum.total.imported == 0 && sum.total.skipped == 4,
	    "strict: the counts say nothing was imported");
	ok(has_diag(&d, DIAG_ERROR, 2, 9, "bad-flag.csv:2:9"),
	    "strict: the error is still reported");
	ok(same_bytes(before, len, cat), "strict: catalogue byte-identical");
	import_summary_done(&sum);
	diag_done(&d);

	is_int(run(cat, missing, 2, 0, 0, &d, &sum), 0, "missing file");
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_FILE,
	    "a file that cannot be read refuses the import");
	ok(has_diag(&d, DIAG_ERROR, 1, 1, "nope.csv:1:1: error: cannot read "
	    "the file"), "and says so, at 1:1");
	ok(same_bytes(before, len, cat), "missing file: byte-identical");
	import_summary_done(&sum);
	diag_done(&d);

	is_int(run(cat, files, 2, 0, 1, &d, &sum), 0, "check (dry run)");
	ok(!sum.committed && sum.total.imported == 3 &&
	    sum.total.skipped == 1, "check: counts what would happen");
	ok(same_bytes(before, len, cat), "check: byte-identical");
	import_summary_done(&sum);
	diag_done(&d);

	is_int(run(cat, files, 2, 0, 0, &d, &sum), 0, "not strict");
	ok(sum.committed && !same_bytes(before, len, cat),
	    "not strict: the good rows replace the catalogue");
	import_summary_done(&sum);
	diag_done(&d);
	free(before);
	free(good);
	free(files[1]);
	free(missing[1]);
}

static void
test_unwritable(void)
{
	struct import_options	 opt = { .strict = 0 };
	struct import_summary	 sum;
	struct diag_list	 d;
	char			*file = fixture("bom-crlf.csv"), *error = NULL;

	diag_init(&d);
	ok(import_files("/nonexistent/dir/x.db", &file, 1, &opt, &d, &sum,
	    &error) == -1 && error != NULL,
	    "a catalogue that cannot be written: -1 with a message");
	printf("# %s\n", error != NULL ? error : "(null)");
	import_summary_done(&sum);
	diag_done(&d);
	free(error);
	free(file);
}

/* Import buffers (name, text pairs) into cat; the summary in *sum. */
static void
import_texts_opt(const char *cat, const struct import_options *o,
    const char *const *texts, size_t n, struct diag_list *d,
    struct import_summary *sum)
{
	struct import_options	 opt = *o;
	struct import		*imp;
	char			*error = NULL;
	size_t			 i;

	diag_init(d);
	memset(sum, 0, sizeof *sum);
	unlink(cat);
	if ((imp = import_begin(cat, &opt, d, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
		return;
	}
	for (i = 0; i + 1 < n; i += 2)
		import_buffer(imp, texts[i], texts[i + 1],
		    strlen(texts[i + 1]), &error);
	if (import_end(imp, sum, &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
}

static void
import_texts(const char *cat, const char *const *texts, size_t n,
    struct diag_list *d, struct import_summary *sum)
{
	struct import_options	 opt = { .strict = 0 };

	import_texts_opt(cat, &opt, texts, n, d, sum);
}

/* Does text (name, text), imported alone into cat, give 社会救助's level2? */
static int
imports_item(const char *cat_path, const char *const *text, const char *level2)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;
	int			 found = 0;

	import_texts(cat_path, text, 2, &d, &sum);
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) != NULL) {
		if ((found = get_item(cat, "社会救助", level2, NULL, &it) == 0))
			item_done(&it);
		catalogue_close(cat);
	}
	return found;
}

/* UTF-8 text in another encoding, as iconv makes it; the caller frees. */
static char *
recode(const char *utf8, const char *to)
{
	iconv_t	 cd = iconv_open(to, "UTF-8");
	size_t	 il = strlen(utf8), ol = il * 4 + 4;
	char	*out = xcalloc(1, ol + 1), *ip = (char *)utf8, *op = out;

	if (cd == (iconv_t)-1 || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		printf("# cannot recode to %s\n", to);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	*op = '\0';
	return out;
}

static void
test_text(const char *cat_path)
{
	static const char *const texts[] = {
		"one.csv",
		"\n domain ,LEVEL2,level1,content,jurisdiction,source_url\n"
		"卫生健康,医疗机构,醫療,cafe\xcc\x81,晋江市,u1\n"
		",,,,,\n"
		"\xe3\x80\x80卫生健康\xe3\x80\x80,执业医师,,内容,晋江市,u1\n"
		"卫生健康,护士,,内容,晋江市,u2\n"
		"医疗卫生,执业医师,醫療,内容,晋江市,u1\n",
		"two.csv",
		"domain,level2,level1,content,jurisdiction\n"
		"卫生健康,医疗机构,醫療,caf\xc3\xa9,晋江市\n",
	};
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;

	import_texts(cat_path, texts, 4, &d, &sum);
	counts(&sum, 5, 3, 2, 0, 2, "blank rows are not counted");
	ok(has_diag(&d, DIAG_WARNING, 7, 2, "one.csv:7:2: warning: duplicate "
	    "of the row at one.csv:5"), "an alternative domain name is "
	    "the same domain; placed at the item name, column 2");
	ok(has_diag(&d, DIAG_WARNING, 2, 2, "two.csv:2:2: warning: duplicate "
	    "of the row at one.csv:3"), "duplicates across files, after NFC");
	ok(all_placed(&d), "every diagnostic has a line and a column");
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) == NULL)
		return;
	ok(get_item(cat, "卫生健康", "医疗机构", NULL, &it) == 0,
	    "header titles trimmed, in any case and order");
	is_str(it.content, "caf\xc3\xa9", "text is NFC-normalised");
	is_str(it.level1, "醫療", "Traditional characters are kept");
	item_done(&it);
	ok(get_item(cat, "卫生健康", "执业医师", NULL, &it) == 0,
	    "U+3000 around a cell is trimmed");
	is_str(it.level1, "醫療", "level1 carried down over a blank row");
	item_done(&it);
	ok(get_item(cat, "卫生健康", "护士", NULL, &it) == 0, "third row");
	is_str(it.level1, "", "no carrying down from another table");
	item_done(&it);
	catalogue_close(cat);
}

/* export_catalogue's output as a string (caller frees). */
static char *
export_text(const char *cat_path, enum export_format fmt, int for_terminal)
{
	char	*buf = NULL, *error = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	if (fp == NULL || export_catalogue(cat_path, fmt, for_terminal, fp,
	    &error) != 0)
		printf("# export: %s\n", error != NULL ? error : "");
	if (fp != NULL)
		fclose(fp);
	free(error);
	return buf != NULL ? buf : xstrdup("");
}

/*
 * Cells a spreadsheet would run as formulas: guarded with a ' in a CSV
 * export, and the guard dropped again by the import of a canonical CSV
 * (not JSON, not a published table). On a terminal, sanitised.
 */
static void
test_guard(const char *cat_path)
{
	/* A long row, so that the controls do not make the file look binary. */
	char			 filler[4096];
	const char		*texts[] = {
		"g.csv", NULL,
	};
	const char		*rows =
		"domain,level1,level2,content,basis,subject,jurisdiction,code\n"
		"社会救助,=1+1,\"=HYPERLINK(\"\"http://e/\"\")\",+cmd,-1,@SUM(A1),"
		    "晋江市,'s\n"
		"社会救助,'=guarded,'@x,'-y,'+z,'''q,晋江市,\"'\"\n"
		"社会救助,综合,标题\x1b]0;PWNED\x07\x1b[2J,\x1b]52;c;eA==\x07后,"
		    "未终止\x1b]0;x,主体,晋江市,\xc2\x9b" "31m\n";
	static const char *const json[] = {
		"j.json",
		"[{\"domain\":\"社会救助\",\"level2\":\"'=kept\","
		"\"jurisdiction\":\"晋江市\"}]",
	};
	static const char *const published[] = {
		"p.csv",
		"领域,一级事项,二级事项,公开内容\n社会救助,救助,'=kept,内容\n",
	};
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;
	char			*out, *again, *cat2 = tmpfile_path("g2.db");
	char			*file = tmpfile_path("g.csv");
	FILE			*fp;

	ok(!export_needs_guard("") && !export_needs_guard("a=") &&
	    !export_needs_guard("依据") && export_needs_guard("=") &&
	    export_needs_guard("+1") && export_needs_guard("-") &&
	    export_needs_guard("@a") && export_needs_guard("\t") &&
	    export_needs_guard("\r") && export_needs_guard("'"),
	    "cells starting with = + - @ tab CR or ' are guarded, no others");
	memset(filler, 'x', sizeof filler - 1);
	filler[sizeof filler - 1] = '\0';
	texts[1] = out = xasprintf("%s社会救助,综合,填充,%s,,,晋江市,\n", rows,
	    filler);
	import_texts(cat_path, texts, 2, &d, &sum);
	free(out);
	counts(&sum, 4, 4, 0, 0, 0, "formula-like cells import");
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) == NULL)
		return;
	ok(get_item(cat, "社会救助", "=HYPERLINK(\"http://e/\")", NULL,
	    &it) == 0, "a cell starting with = is text");
	is_str(it.level1, "=1+1", "level1 as written");
	is_str(it.content, "+cmd", "content as written");
	is_str(it.code, "'s", "a ' before anything else is the cell's");
	item_done(&it);
	ok(get_item(cat, "社会救助", "@x", NULL, &it) == 0,
	    "in a canonical CSV, the guard before @ is dropped");
	is_str(it.level1, "=guarded", "before =");
	is_str(it.content, "-y", "before -");
	is_str(it.basis, "+z", "before +");
	is_str(it.subject, "''q", "before ' (one of three)");
	is_str(it.code, "'", "a ' alone is a '");
	item_done(&it);
	catalogue_close(cat);

	out = export_text(cat_path, EXPORT_CSV, 0);
	ok(strstr(out, ",'=1+1,\"'=HYPERLINK(\"\"http://e/\"\")\",'+cmd,'-1,")
	    != NULL && strstr(out, ",'@SUM(A1),") != NULL &&
	    strstr(out, ",'=guarded,'@x,'-y,'+z,") != NULL &&
	    strstr(out, "'''q") != NULL && strstr(out, ",''s\n") != NULL &&
	    strstr(out, ",''\n") != NULL, "the CSV export guards them");
	ok(strstr(out, "标题\x1b]0;PWNED\x07\x1b[2J") != NULL,
	    "and has every byte of the cells, escapes too");
	fp = fopen(file, "w");
	fputs(out, fp);
	fclose(fp);
	ok(run(cat2, &file, 1, 1, 0, &d, &sum) == 0 &&
	    sum.total.imported == 4 && d.errors == 0, "the export imports");
	import_summary_done(&sum);
	diag_done(&d);
	again = export_text(cat2, EXPORT_CSV, 0);
	is_str(again, out, "and exports to the same file: the round trip is "
	    "exact");
	free(again);
	free(out);

	out = export_text(cat_path, EXPORT_CSV, 1);
	ok(strchr(out, '\x1b') == NULL && strchr(out, '\x07') == NULL &&
	    strstr(out, "\xc2\x9b") == NULL, "for a terminal: no ESC, BEL or "
	    "C1 control");
	ok(strstr(out, ",标题,后,未终止,,主体,") != NULL,
	    "the sequences are taken out, the text around them kept; an "
	    "unterminated one ends with its cell");
	ok(strstr(out, ",'=1+1,") != NULL, "guarded on a terminal too");
	free(out);
	out = export_text(cat_path, EXPORT_JSON, 1);
	ok(strcasestr(out, "\\u001b") == NULL && strstr(out, "\xc2\x9b") == NULL &&
	    strstr(out, "\"标题\"") != NULL, "JSON for a terminal is "
	    "sanitised");
	free(out);
	out = export_text(cat_path, EXPORT_JSON, 0);
	ok(strstr(out, "\"=1+1\"") != NULL && strstr(out, "'=1+1") == NULL &&
	    strcasestr(out, "\\u001b]0;PWNED") != NULL,
	    "JSON is not guarded, and has every character");
	free(out);

	ok(imports_item(cat_path, json, "'=kept"), "JSON keeps a leading '");
	ok(imports_item(cat_path, published, "'=kept"),
	    "so does a published table");
	unlink(file);
	unlink(cat2);
	free(file);
	free(cat2);
}

/* The published table's ways: names by meaning, titles, tick lists. */
static void
test_published(const char *cat_path)
{
	static const char *const texts[] = {
		"晋江市村级财务领域基层政务公开标准目录.csv",
		"序号,公開事項,公开内容（要素）,公开方式,公开层级\n"
		"1,财务收支,收支明细,\"主动、依申请公开\",乡（镇、街道）级\n"
		"2,集体资产,资产清单,主动,\"县级 村级\"\n"
		"3,补助发放,名单,被动,县级\n",
		"two.csv",
		"泉州市晋江市青阳街道社會救助领域基层政务公开标准目录,,\n"
		"二级事项,全社会,特定群众\n"
		"低保认定,√,\n"
		"特困认定,,\n",
	};
	struct diag_list	 d;
	struct import_summary	 sum;
	struct catalogue	*cat;
	struct item		 it;

	import_texts(cat_path, texts, 4, &d, &sum);
	counts(&sum, 5, 4, 1, 1, 0, "two published tables");
	ok(has_diag(&d, DIAG_ERROR, 4, 4, "column D (公开方式): \"被动\" is "
	    "not one of 主动、依申请"), "a tick list with an unknown word");
	import_summary_done(&sum);
	diag_done(&d);
	if ((cat = open_cat(cat_path)) == NULL)
		return;
	ok(get_item(cat, "村级财务", "财务收支", "晋江市", &it) == 0,
	    "a local domain and its government, from the file name; a "
	    "Traditional title (公開事項) is the item name");
	ok(it.method_active == FLAG_YES && it.method_on_request == FLAG_YES &&
	    it.level_township == FLAG_YES && it.level_county == FLAG_NO &&
	    it.level_village == FLAG_NO, "tick lists name what is ticked; the "
	    "rest of the group is no");
	item_done(&it);
	ok(get_item(cat, "村级财务", "集体资产", "晋江市", &it) == 0 &&
	    it.method_on_request == FLAG_NO && it.level_county == FLAG_YES &&
	    it.level_village == FLAG_YES, "  separated by a space too");
	item_done(&it);
	ok(get_item(cat, "社会救助", "低保认定", "泉州市晋江市青阳街道", &it) == 0,
	    "a national domain in Traditional characters in the title row, "
	    "and the governments before it");
	ok(it.audience_all == FLAG_YES && it.audience_specific == FLAG_NO,
	    "  an empty cell beside a tick is no");
	item_done(&it);
	ok(get_item(cat, "社会救助", "特困认定", "泉州市晋江市青阳街道", &it) == 0 &&
	    it.audience_all == FLAG_UNSTATED &&
	    it.audience_specific == FLAG_UNSTATED,
	    "  a group without a tick is not stated");
	item_done(&it);
	catalogue_close(cat);
}

/* Files that cannot be used at all. */
static void
test_unusable(const char *cat)
{
	static const struct {
		const char	*text, *message, *what;
		long		 line;
	} f[] = {
		{ "", "bad.csv:1:1: error: the file is empty", "empty file", 1 },
		{ "\x01\x02\x00junk\x00", "bad.csv:1:1: error: the file is not "
		  "text", "binary junk", 1 },
		{ "PK\x03\x04\x14\x00", "bad.csv:1:1: error: the file is a "
		  "ZIP archive, not a Word or Excel file", "a ZIP file that is "
		  "no document", 1 },
		{ "level2,content\nx,y\n", "the header has no \"domain\" column",
		  "no domain column", 1 },
		{ "domain,content\nx,y\n", "neither a \"level2\" nor a "
		  "\"level1\" column", "no item name column", 1 },
		{ "标题\n\n二\n", "bad.csv:3:1: error: no row below the title "
		  "names any known column", "title rows and no header: at the "
		  "last title row", 3 },
		{ "\n\n", "bad.csv:1:1: error: the file has no header row",
		  "blank lines only", 1 },
		{ "domain,level2,Domain\n", "column \"Domain\" appears twice",
		  "a repeated column", 1 },
		{ "领域,二级事项,\xff\n", "the header row is not valid UTF-8",
		  "a damaged byte in a UTF-8 header", 1 },
	};
	const char		*texts[2];
	struct diag_list	 d;
	struct import_summary	 sum;
	size_t			 i;
	char			*what;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		texts[0] = "bad.csv";
		texts[1] = f[i].text;
		import_texts(cat, texts, 2, &d, &sum);
		what = xasprintf("%s: refused, with \"%s\"", f[i].what,
		    f[i].message);
		ok(!sum.committed && sum.refusal == IMPORT_REFUSED_FILE &&
		    has_diag(&d, DIAG_ERROR, f[i].line, -1, f[i].message),
		    what);
		free(what);
		ok(all_placed(&d), "  every diagnostic has a line and a "
		    "column");
		ok(access(cat, F_OK) != 0, "  no catalogue was written");
		import_summary_done(&sum);
		diag_done(&d);
	}
	texts[1] = "domain,level2\n\n";
	import_texts(cat, texts, 2, &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_EMPTY,
	    "a header alone: refused, nothing to import");
	import_summary_done(&sum);
	diag_done(&d);
}

/* Every fixture, alone: each problem has its line and column. */
static void
test_fixtures_placed(const char *cat)
{
	struct diag_list	 d;
	struct import_summary	 sum;
	struct dirent		*e;
	DIR			*dir;
	char			*path = fixture(""), *what;
	size_t			 n = 0;

	if ((dir = opendir(path)) == NULL) {
		ok(0, "the fixtures can be listed");
		free(path);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		import_fixture(e->d_name, cat, &d, &sum);
		what = xasprintf("%s: %zu diagnostics, each at line:column, "
		    "each with what to do", e->d_name, d.n);
		ok(all_placed(&d), what);
		free(what);
		n += d.n;
		import_summary_done(&sum);
		diag_done(&d);
	}
	closedir(dir);
	free(path);
	ok(n >= 20, "the fixtures gave diagnostics to check");
	printf("# %zu diagnostics\n", n);
}

/* A row cut short: said so only for the last row of a file cut off. */
static void
test_cut(const char *cat)
{
	static const struct {
		const char	*text;
		long		 line, col;
		const char	*message, *what;
	} f[] = {
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困",
		  3, 3, "cut.csv:3:3: error: the file ends in the middle of "
		  "a row: it has 2 of the header's 3 columns and ends before "
		  "column C (content); it may have been cut off — export it "
		  "again", "a short last row, no line break: cut off" },
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困\n",
		  3, 3, "cut.csv:3:3: error: row has only 2 of the header's 3 "
		  "columns: it ends before column C (content); a cell may be "
		  "missing", "a short last row with its line break: short, not "
		  "cut off" },
		{ "domain,level2,content\n社会救助,特困\n社会救助,低保,条件",
		  2, 3, "cut.csv:2:3: error: row has only 2 of the header's 3 "
		  "columns", "a short row above a whole last row: not cut off" },
		{ "domain,level2,content\n社会救助,低保,\"条件\n", 2, 3,
		  "cut.csv:2:3: error: the file ends in the middle of a row, "
		  "inside the quoted field in column C (content); it may have "
		  "been cut off", "the file ends inside quotes: cut off" },
		{ "domain,level2,content\n社会救助,低保,条件,x,y", 2, 4,
		  "cut.csv:2:4: error: row has 5 columns but the header has 3: "
		  "the extra cells start at column 4; a cell may hold an "
		  "unquoted comma", "a long last row: the first extra cell" },
	};
	const char		*texts[2] = { "cut.csv", NULL };
	struct diag_list	 d;
	struct import_summary	 sum;
	size_t			 i, cut;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		texts[1] = f[i].text;
		import_texts(cat, texts, 2, &d, &sum);
		ok(has_diag(&d, DIAG_ERROR, f[i].line, f[i].col,
		    f[i].message), f[i].what);
		ok(all_placed(&d), "  every diagnostic has a line and a "
		    "column");
		for (cut = 0; cut < d.n; cut++)
			if (strstr(d.v[cut].message, "middle of a row") !=
			    NULL)
				break;
		ok((cut < d.n) == (strstr(f[i].message, "middle of a row") !=
		    NULL), "  \"cut off\" only when it is");
		import_summary_done(&sum);
		diag_done(&d);
	}
}

/*
 * A file that looks cut off is refused, even with rows to import, unless
 * allow_cut_off; a whole file without a final line break is not.
 */
static void
test_cut_refused(const char *cat)
{
	static const struct {
		const char	*text;
		int		 cut;
		const char	*what;
	} f[] = {
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困",
		  1, "a short last row without a line break" },
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困,\"条",
		  1, "the last line ends inside quotes" },
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困,条\xe4\xbb",
		  1, "UTF-8 that ends inside a character" },
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困,条件",
		  0, "a whole last row without a line break" },
		{ "domain,level2,content\n社会救助,低保,条件\n社会救助,特困\n",
		  0, "a short last row with its line break" },
	};
	struct import_options	 opt = { .strict = 0 };
	const char		*texts[2] = { "cut.csv", NULL };
	struct diag_list	 d;
	struct import_summary	 sum;
	char			*gb, *msg;
	size_t			 i, len;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		texts[1] = f[i].text;
		opt.allow_cut_off = 0;
		import_texts_opt(cat, &opt, texts, 2, &d, &sum);
		msg = xasprintf(f[i].cut ? "%s: refused as cut off" :
		    "%s: imported", f[i].what);
		ok(f[i].cut ? !sum.committed &&
		    sum.refusal == IMPORT_REFUSED_CUT_OFF : sum.committed, msg);
		free(msg);
		import_summary_done(&sum);
		diag_done(&d);
		if (!f[i].cut)
			continue;
		opt.allow_cut_off = 1;
		import_texts_opt(cat, &opt, texts, 2, &d, &sum);
		msg = xasprintf("%s: imported with allow_cut_off", f[i].what);
		ok(sum.committed && sum.total.imported >= 1, msg);
		free(msg);
		import_summary_done(&sum);
		diag_done(&d);
	}
	/* GB18030 cut inside its last character. */
	gb = recode("domain,level2,content\n社会救助,低保,条件\n社会救助,特困,条件",
	    "GB18030");
	len = strlen(gb);
	gb[len - 1] = '\0';
	texts[1] = gb;
	opt.allow_cut_off = 0;
	import_texts_opt(cat, &opt, texts, 2, &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_CUT_OFF,
	    "GB18030 that ends inside a character: refused as cut off");
	import_summary_done(&sum);
	diag_done(&d);
	free(gb);
}

/* The encoding of the file is the first file's in the summary. */
static const char *
import_encoded(const char *cat, const char *name, const char *text,
    const char *to, struct diag_list *d, struct import_summary *sum)
{
	struct import_options	 opt = { .strict = 0 };
	const char		*texts[2];
	char			*bytes = recode(text, to);

	texts[0] = name;
	texts[1] = bytes;
	import_texts_opt(cat, &opt, texts, 2, d, sum);
	free(bytes);
	return sum->nfiles == 1 && sum->files[0].encoding != NULL ?
	    sum->files[0].encoding : "";
}

/*
 * Legacy encodings by evidence: Big5 read as Big5 (not as GB18030
 * mojibake), GB18030 as GB18030, Shift-JIS refused; a published header
 * that is not recognised once decoded refuses the file.
 */
static void
test_encodings(const char *cat)
{
	static const char canonical_s[] =
	    "domain,level1,level2,content,jurisdiction\n"
	    "社会救助,最低生活保障,低保对象认定,申请条件和办理流程,峨边彝族自治县\n"
	    "户籍管理,户口登记,出生登记,办理时限和需要提交的材料,峨边彝族自治县\n"
	    "义务教育,学校管理,招生入学,招生范围和报名时间,峨边彝族自治县\n";
	static const char canonical_t[] =
	    "domain,level1,level2,content,jurisdiction\n"
	    "社會救助,最低生活保障,低保對象認定,申請條件和辦理流程,峨邊彝族自治縣\n"
	    "戶籍管理,戶口登記,出生登記,辦理時限和需要提交的材料,峨邊彝族自治縣\n"
	    "義務教育,學校管理,招生入學,招生範圍和報名時間,峨邊彝族自治縣\n";
	static const char published_t[] =
	    "領域,一級事項,二級事項,公開內容\n"
	    "社會救助,最低生活保障,低保對象認定,申請條件和辦理流程\n"
	    "社會救助,特困人員供養,特困人員認定,認定條件和辦理程序\n";
	static const char japanese[] =
	    "domain,level2,content\n"
	    "社会保険,年金の申請,申請書の提出についてのお知らせ\n"
	    "社会保険,保険料の納付,納付の方法と期限についてのご案内\n";
	struct import_options	 opt = { .strict = 0 };
	struct diag_list	 d;
	struct import_summary	 sum;
	const char		*texts[2];
	char			*bytes;

	is_str(import_encoded(cat, "s.csv", canonical_s, "UTF-8", &d, &sum),
	    "UTF-8", "UTF-8: read as UTF-8");
	import_summary_done(&sum);
	diag_done(&d);
	is_str(import_encoded(cat, "s.csv", canonical_s, "GB18030", &d,
	    &sum), "GB18030", "GB18030: read as GB18030");
	ok(sum.committed && sum.total.imported == 3, "  and imported");
	import_summary_done(&sum);
	diag_done(&d);
	is_str(import_encoded(cat, "t.csv", canonical_t, "CP950", &d, &sum),
	    "Big5", "Big5 (Traditional): read as Big5, not as GB18030");
	ok(sum.committed && sum.total.imported == 3 && d.errors == 0,
	    "  and imported, every row");
	import_summary_done(&sum);
	diag_done(&d);
	is_str(import_encoded(cat, "p.csv", published_t, "CP950", &d, &sum),
	    "Big5", "a published table in Big5: its titles say Big5");
	ok(sum.committed && sum.total.imported == 2, "  and imported");
	import_summary_done(&sum);
	diag_done(&d);
	import_encoded(cat, "j.csv", japanese, "SHIFT_JIS", &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_FILE &&
	    has_diag(&d, DIAG_ERROR, 1, 1, "j.csv:1:1: error: the encoding "
	    "was not recognised"), "Shift-JIS: refused, the encoding not "
	    "recognised");
	import_summary_done(&sum);
	diag_done(&d);

	/* Forced the wrong way: the titles are not recognised, refused. */
	bytes = recode(published_t, "CP950");
	texts[0] = "p.csv";
	texts[1] = bytes;
	opt.encoding = DECODE_GB18030;
	import_texts_opt(cat, &opt, texts, 2, &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_FILE &&
	    has_diag(&d, DIAG_ERROR, 1, 1, "p.csv:1:1: error: the first row "
	    "does not name any known column; the first row (below any title) "
	    "must be the header"), "Big5 forced as GB18030: the header is "
	    "not recognised, refused");
	import_summary_done(&sum);
	diag_done(&d);
	free(bytes);
}

/* Import one text into the catalogue as it is (not a fresh one). */
static void
import_over(const char *cat, const struct import_options *o,
    const char *text, struct diag_list *d, struct import_summary *sum)
{
	struct import_options	 opt = *o;
	struct import		*imp;
	char			*error = NULL;

	diag_init(d);
	memset(sum, 0, sizeof *sum);
	if ((imp = import_begin(cat, &opt, d, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
		return;
	}
	import_buffer(imp, "j.csv", text, strlen(text), &error);
	if (import_end(imp, sum, &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
}

/*
 * A version that drops more than half of the live version's items for
 * its jurisdictions is refused unless allow_drop, with the numbers.
 */
static void
test_drop(const char *cat)
{
	static const char four[] =
	    "domain,level2,jurisdiction\n"
	    "社会救助,低保,峨边彝族自治县\n社会救助,特困,峨边彝族自治县\n"
	    "社会救助,临时救助,峨边彝族自治县\n社会救助,医疗救助,峨边彝族自治县\n";
	static const char one[] =
	    "domain,level2,jurisdiction\n社会救助,低保,峨边彝族自治县\n";
	static const char three_and_new[] =
	    "domain,level2,jurisdiction\n"
	    "社会救助,低保,峨边彝族自治县\n社会救助,特困,峨边彝族自治县\n"
	    "社会救助,低保,晋江市\n社会救助,特困,晋江市\n社会救助,临时救助,晋江市\n";
	static const char other[] =
	    "domain,level2,jurisdiction\n"
	    "社会救助,低保,晋江市\n社会救助,特困,晋江市\n"
	    "社会救助,临时救助,晋江市\n社会救助,医疗救助,晋江市\n";
	struct import_options	 opt = { .strict = 0 };
	struct diag_list	 d;
	struct import_summary	 sum;
	char			*before;
	size_t			 len;

	unlink(cat);
	import_over(cat, &opt, four, &d, &sum);
	ok(sum.committed && sum.drop.live == 0, "a first version: nothing "
	    "to drop");
	import_summary_done(&sum);
	diag_done(&d);
	before = slurp(cat, &len);

	import_over(cat, &opt, one, &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_DROP,
	    "1 item where the live version has 4: refused");
	ok(sum.drop.most && sum.drop.live == 4 && sum.drop.now == 1 &&
	    sum.drop.jurisdictions == 1 && sum.drop.name != NULL &&
	    strcmp(sum.drop.name, "峨边彝族自治县") == 0,
	    "  the numbers and the jurisdiction are in the summary");
	ok(before != NULL && same_bytes(before, len, cat),
	    "  the catalogue is byte-identical");
	import_summary_done(&sum);
	diag_done(&d);

	opt.dry_run = 1;
	import_over(cat, &opt, one, &d, &sum);
	ok(sum.refusal == IMPORT_REFUSED_DROP && sum.drop.now == 1,
	    "a check says so too");
	import_summary_done(&sum);
	diag_done(&d);
	opt.dry_run = 0;

	import_over(cat, &opt, other, &d, &sum);
	ok(!sum.committed && sum.refusal == IMPORT_REFUSED_DROP &&
	    sum.drop.now == 0, "another jurisdiction only: the live one's "
	    "items are all dropped, refused");
	import_summary_done(&sum);
	diag_done(&d);

	import_over(cat, &opt, three_and_new, &d, &sum);
	ok(sum.committed && !sum.drop.most && sum.drop.now == 2,
	    "2 of 4 and a new jurisdiction: half kept, imported");
	import_summary_done(&sum);
	diag_done(&d);

	import_over(cat, &opt, four, &d, &sum);
	import_summary_done(&sum);
	diag_done(&d);
	opt.allow_drop = 1;
	import_over(cat, &opt, one, &d, &sum);
	ok(sum.committed && sum.total.imported == 1, "allow_drop imports it");
	import_summary_done(&sum);
	diag_done(&d);
	free(before);
	unlink(cat);
}

/* JSON: keys where they are written, file-level problems at a place. */
static void
test_json_places(const char *cat)
{
	const char		*texts[2] = { "k.json", NULL };
	struct diag_list	 d;
	struct import_summary	 sum;

	texts[1] = "[\n {\"domain\": \"社会救助\", \"level2\": \"低保\",\n"
	    "  \"remark\": 1}\n] x\n";
	import_texts(cat, texts, 2, &d, &sum);
	ok(has_diag(&d, DIAG_WARNING, 3, 3, "k.json:3:3: warning: unknown "
	    "key \"remark\" is ignored"), "an unknown key: where it is "
	    "written");
	ok(has_diag(&d, DIAG_WARNING, 4, 3, "k.json:4:3: warning: text "
	    "after the end of the JSON array is ignored; delete it"),
	    "text after the array: where it starts, what to do");
	ok(all_placed(&d), "  every diagnostic has a line and a column");
	import_summary_done(&sum);
	diag_done(&d);

	texts[1] = "\n  [1, 2]\n";
	import_texts(cat, texts, 2, &d, &sum);
	ok(has_diag(&d, DIAG_ERROR, 2, 4, "k.json:2:4: error: the JSON "
	    "array holds no object with keys"), "no object: at the first "
	    "item");
	ok(all_placed(&d), "  every diagnostic has a line and a column");
	import_summary_done(&sum);
	diag_done(&d);

	texts[1] = "[{\"level2\": \"a\", \"二级事项\": \"b\"}]";
	import_texts(cat, texts, 2, &d, &sum);
	ok(has_diag(&d, DIAG_ERROR, 1, 18, "k.json:1:18: error: keys "
	    "\"level2\" and \"二级事项\" name the same element"),
	    "two keys for one element: at the second");
	ok(all_placed(&d), "  every diagnostic has a line and a column");
	import_summary_done(&sum);
	diag_done(&d);
}

/* Every mark the published tables tick or leave in a flag column. */
static void
test_flag_marks(void)
{
	static const char *const yes[] = {
		"1", "１", "√", "✓", "✔", "○", "●", "■", "☑", "是",
	};
	static const char *const no[] = {
		"0", "０", "×", "✗", "✘", "□", "☐", "否",
	};
	static const char *const neither[] = {
		"2", "yes", "√√", "是的", "?", "〇x",
	};
	size_t	i;
	int	right;

	for (right = 1, i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (cell_flag(yes[i]) != FLAG_YES) {
			printf("# not read as ticked: %s\n", yes[i]);
			right = 0;
		}
	ok(right, "√ ✓ ✔ ○ ● ■ ☑ 是 1 １ are ticked");
	for (right = 1, i = 0; i < sizeof no / sizeof no[0]; i++)
		if (cell_flag(no[i]) != FLAG_NO) {
			printf("# not read as not ticked: %s\n", no[i]);
			right = 0;
		}
	ok(right, "× ✗ ✘ □ ☐ 否 0 ０ are not ticked");
	ok(cell_flag("") == FLAG_UNSTATED, "an empty cell is not stated");
	for (right = 1, i = 0; i < sizeof neither / sizeof neither[0]; i++)
		if (cell_flag(neither[i]) != CELL_NOT_A_FLAG) {
			printf("# read as a mark: %s\n", neither[i]);
			right = 0;
		}
	ok(right, "anything else is not a mark (and is reported)");
}

/* A check of the one file path with opt; its diagnostics in *d. */
static int
check_path(const char *path, struct import_options *opt,
    struct diag_list *d, struct import_summary *sum)
{
	char	*files[1], *error = NULL;
	int	 rc;

	files[0] = (char *)path;
	opt->dry_run = 1;
	diag_init(d);
	rc = import_files(NULL, files, 1, opt, d, sum, &error);
	if (rc != 0) {
		printf("# %s\n", error);
		free(error);
	}
	return rc;
}

static long
peak_rss_kb(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
on_alarm(int sig)
{
	static const char msg[] = "not ok - the import blocked on a FIFO\n";

	(void)sig;
	(void)!write(1, msg, sizeof msg - 1);
	_exit(1);
}

/*
 * Issue 12.3: what is not a regular file, or too large, is refused before
 * it is read; nothing blocks, nothing large is allocated.
 */
static void
test_not_read(void)
{
	struct import_options	 opt;
	struct import_summary	 sum;
	struct diag_list	 d;
	struct readfile		 rf;
	char			*fifo = tmpfile_path("pipe.csv");
	char			*sparse = tmpfile_path("huge.csv");
	char			*zero = tmpfile_path("zero.csv");
	char			*small = tmpfile_path("small.csv");
	char			*sub = tmpfile_path("incoming");
	char			*in_link, *out_link, *in_file, *in_ok, *msg;
	size_t			 n;
	long			 rss;
	int			 fd;
	FILE			*fp;

	/* A FIFO with no writer: opening it for reading would wait forever. */
	ok(mkfifo(fifo, 0600) == 0, "a FIFO made");
	signal(SIGALRM, on_alarm);
	alarm(10);
	memset(&opt, 0, sizeof opt);
	check_path(fifo, &opt, &d, &sum);
	alarm(0);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    "pipe.csv:1:1: error: not a regular file (FIFO); import the "),
	    "a FIFO: refused at once, \"not a regular file (FIFO)\"");
	ok(all_placed(&d), "  the message is placed and has a hint");
	import_summary_done(&sum);
	diag_done(&d);

	/* A sparse file of 1 GB: refused by its size, nothing read. */
	fd = open(sparse, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ok(fd != -1 && ftruncate(fd, (off_t)1 << 30) == 0, "a 1 GB sparse "
	    "file made");
	if (fd != -1)
		close(fd);
	rss = peak_rss_kb();
	memset(&opt, 0, sizeof opt);
	check_path(sparse, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    "huge.csv:1:1: error: the file is 1 GB, more than the import "
	    "limit of 64 MB; a catalogue export is a few megabytes; if this "
	    "file is right, raise import_max_size"),
	    "a 1 GB sparse file: refused, naming its size and the limit");
	ok(peak_rss_kb() - rss < 32 * 1024, "  and not read: the peak memory "
	    "grew by less than 32 MB");
	import_summary_done(&sum);
	diag_done(&d);

	/* A link to /dev/zero: a device, refused before a byte is read. */
	ok(symlink("/dev/zero", zero) == 0, "a link to /dev/zero made");
	memset(&opt, 0, sizeof opt);
	check_path(zero, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    "zero.csv:1:1: error: not a regular file (character device)"),
	    "a link to /dev/zero: refused as a character device");
	import_summary_done(&sum);
	diag_done(&d);

	/* A folder. */
	ok(mkdir(sub, 0700) == 0, "a folder made");
	memset(&opt, 0, sizeof opt);
	check_path(sub, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    "not a regular file (directory)"), "a folder: refused");
	import_summary_done(&sum);
	diag_done(&d);

	/* The limit as set: a 2 KB file under 1K is refused, under 4K not. */
	fp = fopen(small, "w");
	fputs("domain,level2,content\n", fp);
	for (n = 0; n < 60; n++)
		fprintf(fp, "社会救助,事项%zu,内容内容内容\n", n);
	fclose(fp);
	memset(&opt, 0, sizeof opt);
	opt.max_size = 1024;
	check_path(small, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    "more than the import limit of 1 KB"), "max_size 1K: a 2 KB file "
	    "refused");
	import_summary_done(&sum);
	diag_done(&d);
	memset(&opt, 0, sizeof opt);
	opt.max_size = 4096;
	check_path(small, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_ACCEPTED && sum.total.imported == 60,
	    "max_size 4K: the same file is read (60 rows)");
	import_summary_done(&sum);
	diag_done(&d);

	/* A file whose size says 0 but that holds more: the cap holds. */
	ok(readfile("/proc/self/maps", 1024, NULL, &rf) == READFILE_GREW &&
	    rf.buf == NULL, "a file that reads longer than its size and the "
	    "limit: stopped at the limit");
	readfile_done(&rf);
	ok(readfile("/proc/self/maps", 1 << 20, NULL, &rf) == READFILE_OK &&
	    rf.len > 0 && rf.buf[rf.len] == '\0', "  read whole under a "
	    "larger limit");
	readfile_done(&rf);

	/* Issue 12.9: links in a confined folder stay inside it. */
	in_file = xasprintf("%s/real.csv", sub);
	in_link = xasprintf("%s/link.csv", sub);
	out_link = xasprintf("%s/outside.csv", sub);
	ok(link(small, in_file) == 0 && symlink("real.csv", in_link) == 0 &&
	    symlink(small, out_link) == 0, "links in and out of a folder made");
	ok(readfile_inside(in_link, sub, NULL) == 1 &&
	    readfile_inside(out_link, sub, NULL) == 0 &&
	    readfile_inside(small, sub, NULL) == 0,
	    "readfile_inside: the link inside is, the one out is not");
	memset(&opt, 0, sizeof opt);
	opt.confine_dir = sub;
	check_path(out_link, &opt, &d, &sum);
	msg = xasprintf("outside.csv:1:1: error: the file is a link to %s, "
	    "outside %s", small, sub);
	ok(sum.refusal == IMPORT_REFUSED_FILE && has_diag(&d, DIAG_ERROR, 1, 1,
	    msg), "a link out of the import folder: refused, naming where it "
	    "leads");
	free(msg);
	import_summary_done(&sum);
	diag_done(&d);
	memset(&opt, 0, sizeof opt);
	opt.confine_dir = sub;
	check_path(in_link, &opt, &d, &sum);
	ok(sum.refusal == IMPORT_ACCEPTED && sum.total.imported == 60,
	    "  a link to a file inside it: read");
	import_summary_done(&sum);
	diag_done(&d);
	in_ok = xasprintf("%s/../small.csv", sub);
	ok(readfile(in_ok, 0, sub, &rf) == READFILE_OUTSIDE, "  a path with "
	    ".. out of it: refused too");
	readfile_done(&rf);

	/* Sizes as staff write them. */
	ok(readfile_parse_size("64M", &n) == 0 && n == (size_t)64 << 20 &&
	    readfile_parse_size("1g", &n) == 0 && n == (size_t)1 << 30 &&
	    readfile_parse_size("512KB", &n) == 0 && n == 512 * 1024 &&
	    readfile_parse_size("2048", &n) == 0 && n == 2048,
	    "sizes: 64M, 1g, 512KB, 2048");
	ok(readfile_parse_size("0", &n) != 0 &&
	    readfile_parse_size("17G", &n) != 0 &&
	    readfile_parse_size("-1M", &n) != 0 &&
	    readfile_parse_size("12X", &n) != 0 &&
	    readfile_parse_size("", &n) != 0 &&
	    readfile_parse_size("99999999999999999999G", &n) != 0,
	    "  0, 17G, -1M, 12X, empty and an overflow refused");

	unlink(in_file);
	unlink(in_link);
	unlink(out_link);
	rmdir(sub);
	unlink(fifo);
	unlink(sparse);
	unlink(zero);
	unlink(small);
	free(in_ok);
	free(in_file);
	free(in_link);
	free(out_link);
	free(fifo);
	free(sparse);
	free(zero);
	free(small);
	free(sub);
}

int
main(void)
{
	char	*cat;

	if ((top = getenv("top_srcdir")) == NULL || *top == '\0')
		top = ".";
	if (mkdtemp(tmpdir) == NULL) {
		perror(tmpdir);
		return 1;
	}
	cat = tmpfile_path("t.db");
	test_flag_marks();
	test_reference();
	test_bom_crlf(cat);
	test_broken(cat);
	test_broken_items(cat);
	test_refused(cat);
	test_unwritable();
	test_text(cat);
	test_guard(cat);
	test_published(cat);
	test_unusable(cat);
	test_fixtures_placed(cat);
	test_cut(cat);
	test_cut_refused(cat);
	test_encodings(cat);
	test_drop(cat);
	test_json_places(cat);
	test_not_read();
	unlink(cat);
	free(cat);
	rmdir(tmpdir);
	return tap_done();
}
