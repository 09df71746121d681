/*
 * Documents as tables: the web page reader (spans spread, text as a
 * reader sees it, headings, hostile pages), what a file is by its
 * content, and a document's tables through the header and row pipeline
 * (source_tables).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/import/cell.h"
#include "data/import/diag.h"
#include "data/import/formats/formats.h"
#include "data/import/header.h"
#include "data/import/source.h"
#include "data/import/table.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static char tmpdir[] = "/tmp/test_tables.XXXXXX";

/* The cells of a row joined by '|'; the caller frees. */
static char *
row_str(const struct table *t, size_t r)
{
	char	*s = xstrdup(""), *n;
	size_t	 j;

	if (r >= t->nrows)
		return s;
	for (j = 0; j < t->rows[r].n; j++) {
		n = xasprintf("%s%s%s", s, j ? "|" : "", t->rows[r].cells[j]);
		free(s);
		s = n;
	}
	return s;
}

static int
html(const char *page, struct diag_list *d, struct table_set *ts)
{
	table_set_init(ts);
	return html_read(page, strlen(page), "t.html", d, ts);
}

/* Does a diagnostic, formatted, contain s? */
static int
has_diag(const struct diag_list *d, const char *s)
{
	size_t	 i;
	char	*f;
	int	 found = 0;

	for (i = 0; i < d->n && !found; i++) {
		f = diag_format(&d->v[i]);
		found = strstr(f, s) != NULL;
		free(f);
	}
	for (i = 0; i < d->n && !found; i++) {
		f = diag_format(&d->v[i]);
		printf("#   %s\n", f);
		free(f);
	}
	return found;
}

static void
test_spans(void)
{
	struct diag_list	 d;
	struct table_set	 ts;
	char			*r;

	diag_init(&d);
	is_int(html("<table>"
	    "<tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
	    "<tr><td>C</td><td>D</td></tr>"
	    "<tr><td>E</td><td rowspan=0>F</td><td rowspan=9>G</td></tr>"
	    "<tr><td>H</td></tr>"
	    "<tr><th>I</th><td colspan=0>J</td></tr>"
	    "</table>", &d, &ts), 0, "html_read: a table with spans reads");
	is_int(ts.n, 1, "one table");
	is_int(ts.v[0].nrows, 5, "five rows: rowspans past the end are clipped");
	r = row_str(&ts.v[0], 0);
	is_str(r, "A|B|B", "colspan=2 spread across");
	free(r);
	r = row_str(&ts.v[0], 1);
	is_str(r, "A|C|D", "rowspan=2 carried down: the row's own cells after it");
	free(r);
	r = row_str(&ts.v[0], 2);
	is_str(r, "E|F|G", "rowspan=0 and rowspan=9 start");
	free(r);
	r = row_str(&ts.v[0], 3);
	is_str(r, "H|F|G", "and cover the cells right of the row's own");
	free(r);
	r = row_str(&ts.v[0], 4);
	is_str(r, "I|F|G|J", "rowspan=0 runs to the end; colspan=0 is one "
	    "column, placed after the covered ones");
	free(r);
	is_str(ts.v[0].place, "table 1", "the table is named \"table 1\"");
	is_int(ts.v[0].rows[3].line, 4, "a row's line is its row in the table");
	table_set_done(&ts);
	diag_done(&d);
}

static void
test_text(void)
{
	struct diag_list	 d;
	struct table_set	 ts;
	char			*r;

	diag_init(&d);
	html("<html><head><title> 杜集区\n基层政务公开标准目录 </title>"
	    "<script>document.write('<table><tr><td>x</td></tr></table>')"
	    "</script></head><body>"
	    "<h2>（一）社会救助领域</h2>"
	    "<table><tr><td> 政策\n   文件<br>办事  指南 </td>"
	    "<td><p>第一段</p><p>第二段</p></td><td>&nbsp;</td>"
	    "<td>a\nb 中\t文</td><td>外<table><caption>内表</caption>"
	    "<tr><td>内</td></tr></table>层<style>td{}</style></td></tr>"
	    "</table><table><tr><td>后</td></tr></table>"
	    "<p>注：说明</p><p><strong>（二）</strong>社会保险领域</p>"
	    "<table><tr><td>3</td></tr></table></body></html>", &d, &ts);
	is_str(ts.title, "杜集区基层政务公开标准目录", "the <title>, white space "
	    "normalised (a source line break between Chinese characters "
	    "dropped)");
	is_int(ts.n, 4, "four tables: a nested one counts, a script's does not");
	r = row_str(&ts.v[0], 0);
	is_str(r, "政策文件\n办事 指南|第一段\n第二段||a b 中 文|外层",
	    "<br> and paragraphs are line breaks; spaces kept, a source line "
	    "break between Chinese characters dropped; &nbsp; alone is empty; "
	    "a nested table is not its cell's text");
	free(r);
	is_str(ts.v[0].heading, "（一）社会救助领域", "the heading above a table");
	is_str(ts.v[1].heading, "内表", "a nested table: its caption");
	r = row_str(&ts.v[1], 0);
	is_str(r, "内", "a nested table is read as a table of its own");
	free(r);
	ok(ts.v[2].heading == NULL, "a table right after another: no heading "
	    "(the cells above are none)");
	is_str(ts.v[3].heading, "（二）社会保险领域", "the nearest paragraph "
	    "above, whole (not its <strong> alone)");
	is_int(ts.cut_off, 0, "a whole page is not cut off");
	is_str(ts.encoding, "UTF-8", "no <meta>: UTF-8 by the bytes");
	table_set_done(&ts);
	diag_done(&d);
}

static void
test_encodings(void)
{
	struct diag_list	 d;
	struct table_set	 ts;
	/* "<meta charset=gbk>" and 社会 in GBK, then a byte that is no GBK. */
	static const char gbk[] = "<html><head><meta http-equiv=Content-Type "
	    "content='text/html; charset=gb2312'></head><body><table><tr>"
	    "<td>\xc9\xe7\xbb\xe1</td><td>\xc9\xe7\x80\xff</td></tr></table>"
	    "</body></html>";
	char	*r;

	diag_init(&d);
	is_int(html(gbk, &d, &ts), 0, "a GBK page reads");
	is_str(ts.encoding, "GB18030", "charset=gb2312 in http-equiv: GB18030");
	r = row_str(&ts.v[0], 0);
	ok(r != NULL && strncmp(r, "社会|社", strlen("社会|社")) == 0 &&
	    strchr(r, '\xff') != NULL, "GBK decoded; a bad byte is 0xFF in its "
	    "cell, for the row check to report");
	free(r);
	table_set_done(&ts);
	diag_done(&d);

	/* A page saved as "Unicode" (UTF-16LE with a byte order mark). */
	{
		static const char u16[] = "\xff\xfe\x3c\x00\x74\x00\x61\x00\x62\x00\x6c\x00\x65\x00"
		    "\x3e\x00\x3c\x00\x74\x00\x72\x00\x3e\x00\x3c\x00\x74\x00"
		    "\x64\x00\x3e\x00\x3e\x79\x1a\x4f\x3c\x00\x2f\x00\x74\x00"
		    "\x64\x00\x3e\x00\x3c\x00\x2f\x00\x74\x00\x72\x00\x3e\x00"
		    "\x3c\x00\x2f\x00\x74\x00\x61\x00\x62\x00\x6c\x00\x65\x00"
		    "\x3e\x00";

		diag_init(&d);
		table_set_init(&ts);
		is_int(html_read(u16, sizeof u16 - 1, "t.html", &d, &ts), 0,
		    "a UTF-16 page reads");
		is_str(ts.encoding, "UTF-16LE", "by its byte order mark");
		r = ts.n == 1 ? row_str(&ts.v[0], 0) : NULL;
		is_str(r, "社会", "and its text is right");
		free(r);
		table_set_done(&ts);
		diag_done(&d);
	}

	diag_init(&d);
	html("<html><body><table><tr><td>x</td></tr><tr><td>社会", &d, &ts);
	is_int(ts.cut_off, 1, "a page that ends inside a table is cut off");
	ok(has_diag(&d, "t.html:1:1: warning: the page ends inside a table "
	    "(1 tables are opened, 0 closed)"), "and says so");
	table_set_done(&ts);
	diag_done(&d);
}

static void
test_hostile(void)
{
	struct diag_list	 d;
	struct table_set	 ts;

	diag_init(&d);
	is_int(html("<table><tr><td>a</td></tr><tr><td>b</td>"
	    "<td rowspan=65535>c</td></tr></table>", &d, &ts), -1,
	    "rowspan=65535: the page cannot be used");
	ok(has_diag(&d, "t.html:table 1:2:2: error: a cell spans more rows "
	    "than HTML allows (65534)"), "reported at FILE:table N:row:column");
	table_set_done(&ts);
	diag_done(&d);

	diag_init(&d);
	is_int(html("<table><tr><td colspan=200>a</td><td colspan=57>b</td>"
	    "</tr></table>", &d, &ts), -1, "257 columns: the page cannot be "
	    "used");
	table_set_done(&ts);
	diag_done(&d);

	/* 5000 tables: no catalogue page has so many. */
	{
		char	*page = xstrdup("<html>"), *n;
		int	 i;

		for (i = 0; i < 5000; i++) {
			n = xasprintf("%s<table><tr><td>%d</td></tr></table>",
			    page, i);
			free(page);
			page = n;
		}
		diag_init(&d);
		is_int(html(page, &d, &ts), -1, "5000 tables: refused");
		ok(has_diag(&d, "t.html:1:1: error: the page has more than "
		    "4096 tables"), "and said so");
		table_set_done(&ts);
		diag_done(&d);
		free(page);
	}
	/* 256 cells over 5000 rows: 1.3 million cells from 60 KB. */
	{
		char	*page = xstrdup("<table><tr>"), *n;
		int	 i;

		for (i = 0; i < 256; i++) {
			n = xasprintf("%s<td rowspan=65534>x</td>", page);
			free(page);
			page = n;
		}
		for (i = 0; i < 5000; i++) {
			n = xasprintf("%s<tr></tr>", page);
			free(page);
			page = n;
		}
		diag_init(&d);
		is_int(html(page, &d, &ts), -1, "spans that spread a small "
		    "page over far more cells than it holds: refused");
		ok(has_diag(&d, "error: the page's rowspan and colspan values "
		    "spread its tables over far more cells"), "and said so");
		table_set_done(&ts);
		diag_done(&d);
		free(page);
	}
}

#define B(s)	s, sizeof s - 1
static void
test_detect(void)
{
	static const struct {
		const char		*buf;
		size_t			 len;
		const char		*file;
		enum import_format	 want;
		const char		*refused;	/* NULL: read */
	} c[] = {
		{ B("\xef\xbb\xbf \n<!DOCTYPE html>"), "a.csv",
		  IMPORT_FORMAT_HTML, NULL },
		{ B("<TABLE><tr>"), "x", IMPORT_FORMAT_HTML, NULL },
		{ B("\xff\xfe<\0h\0t\0m\0l\0>\0"), "x", IMPORT_FORMAT_HTML,
		  NULL },
		{ B("<?xml version='1.0'?><html>"), "x", IMPORT_FORMAT_HTML,
		  NULL },
		{ B("domain,level2\n"), "x.html", IMPORT_FORMAT_AUTO, NULL },
		{ B("[{\"domain\":1}]"), "x", IMPORT_FORMAT_AUTO, NULL },
		/* Documents: read, or "save it as CSV" without a reader. */
		{ B("PK\3\4....word/document.xml"), "x", IMPORT_FORMAT_DOCX,
		  NULL },
		{ B("PK\3\4....xl/workbook.xml"), "x", IMPORT_FORMAT_XLSX, NULL },
		{ B("PK\3\4...."), "damaged.xlsx", IMPORT_FORMAT_XLSX, NULL },
		{ B("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1W\0o\0r\0k\0b\0o\0o\0k"
		  "\0\0"), "x.xls", IMPORT_FORMAT_XLS, NULL },
		/* What cannot be read. */
		{ B("PK\3\4...."), "x.zip", IMPORT_FORMAT_AUTO, "ZIP archive" },
		{ B("PK\3\4....mimetypeapplication/vnd.oasis.opendocument."
		  "spreadsheet"), "x", IMPORT_FORMAT_AUTO, "(.ods)" },
		{ B("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1W\0o\0r\0k\0b\0o\0o\0k"
		  "\0\0"), "x.et", IMPORT_FORMAT_AUTO, "WPS spreadsheet" },
		{ B("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1W\0o\0r\0d\0D\0o\0c\0u"
		  "\0m\0e\0n\0t\0\0\0"), "x", IMPORT_FORMAT_AUTO, "(.doc)" },
		{ B("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk"), "x",
		  IMPORT_FORMAT_AUTO, "not an Excel workbook" },
		{ B("%PDF-1.7"), "x", IMPORT_FORMAT_AUTO, "PDF" },
		{ B("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-"
		  "microsoft-com:office:spreadsheet\">"), "x", IMPORT_FORMAT_AUTO,
		  "Excel 2003 XML" },
		{ B("MIME-Version: 1.0\r\n"), "x.mht", IMPORT_FORMAT_AUTO,
		  "(.mht)" },
	};
	struct formats_found	 f;
	char			*what;
	size_t			 i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		formats_detect(c[i].buf, c[i].len, c[i].file, IMPORT_FORMAT_AUTO,
		    &f);
		what = xasprintf("detect %zu (%s): %s", i, c[i].file,
		    c[i].refused ? c[i].refused : "read");
		if (c[i].refused == NULL && c[i].want >= IMPORT_FORMAT_HTML)
			ok(f.format == c[i].want && (f.refused == NULL ||
			    (formats_reader_for(f.format) == NULL &&
			    strstr(f.refused, "not a CSV or JSON file"))), what);
		else if (c[i].refused == NULL)
			ok(f.format == c[i].want && f.refused == NULL, what);
		else
			ok(f.refused != NULL && f.hint != NULL &&
			    strstr(f.refused, c[i].refused) != NULL, what);
		free(what);
	}
	formats_detect("<html>", 6, "x", IMPORT_FORMAT_CSV, &f);
	ok(f.format == IMPORT_FORMAT_AUTO && f.refused == NULL,
	    "--format csv: text, whatever it looks like");
	formats_detect("a,b", 3, "x", IMPORT_FORMAT_HTML, &f);
	ok(f.format == IMPORT_FORMAT_HTML && f.refused == NULL,
	    "--format html: a page, whatever it looks like");
	is_int(formats_parse_name("XLSX"), IMPORT_FORMAT_XLSX, "--format XLSX");
	is_int(formats_parse_name("pdf"), -1, "--format pdf: none");
}

static void
test_cells(void)
{
	static const struct {
		const char	*cell, *want, *what;
	} c[] = {
		{ "■公开查阅点口政务服务中心", "公开查阅点",
		  "OCR: 口 before a channel in a box list is □" },
		{ "口政府网站口政府公报", "", "OCR: a list of 口 boxes, none ticked" },
		{ "■办事窗口口政府公报", "办事窗口", "窗口 keeps its 口; the next "
		  "口 is a box" },
		{ "窗口；口岸", "窗口\n口岸", "no box list: 口 is a character" },
		{ "■政府网站\n□两微一端\n■入户/现场", "政府网站\n入户/现场",
		  "one box per line" },
	};
	char	*got;
	size_t	 i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		got = cell_channels(c[i].cell);
		is_str(got, c[i].want, c[i].what);
		free(got);
	}
	is_int(cell_flag("✔"), FLAG_YES, "✔ is yes");
	is_int(cell_flag("✓"), FLAG_YES, "✓ is yes");
}

static void
test_titles(void)
{
	static const struct {
		const char	*title, *domain, *jur;
	} c[] = {
		{ "（一）社会救助领域基层政务公开标准目录", "社会救助", NULL },
		{ "二、养老服务领域", "养老服务", NULL },
		{ "(3)户籍管理", "户籍管理", NULL },
		{ "梅县区基层政务公开标准目录", NULL, "梅县区" },
		{ "沂水县许家湖镇人民政府", NULL, "沂水县许家湖镇" },
		{ "2020年度工作要点", NULL, NULL },
	};
	struct diag_list	d;
	struct layout		lay;
	size_t			i;
	char			*what;

	diag_init(&d);
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		layout_init(&lay, "t.html", NULL, &d);
		layout_title(&lay, c[i].title, strlen(c[i].title));
		what = xasprintf("title \"%s\": domain %s, government %s",
		    c[i].title, c[i].domain ? c[i].domain : "none",
		    c[i].jur ? c[i].jur : "none");
		if (!ok((c[i].domain == NULL ? lay.domain == NULL : lay.domain &&
		    strcmp(lay.domain, c[i].domain) == 0) &&
		    (c[i].jur == NULL ? lay.jurisdiction == NULL :
		    lay.jurisdiction && strcmp(lay.jurisdiction, c[i].jur) == 0),
		    what))
			printf("#   got %s / %s\n", lay.domain ? lay.domain : "-",
			    lay.jurisdiction ? lay.jurisdiction : "-");
		free(what);
		layout_done(&lay);
	}
	diag_done(&d);
}

/* A row of cells, given as "a|b|c". */
static void
add_row(struct table *t, long line, const char *cells)
{
	const char	*p = cells, *bar;

	table_row_add(t, line);
	for (;;) {
		bar = strchr(p, '|');
		table_cell_add(t, p, bar ? (size_t)(bar - p) : strlen(p));
		if (bar == NULL)
			break;
		p = bar + 1;
	}
}

/* Import a table set as the file "x.html"; the refusal. */
static int
import_tables(const char *cat, struct table_set *ts, struct diag_list *d,
    struct import_summary *sum)
{
	struct import_options	 opt;
	struct import		*imp;
	struct source		 src;
	char			*error = NULL;

	memset(&opt, 0, sizeof opt);
	opt.keep_versions = -1;
	if ((imp = import_begin(cat, &opt, d, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
		return -1;
	}
	source_init(&src, imp, "x.html");
	source_tables(&src, ts, &error);
	source_done(&src);
	if (import_end(imp, sum, &error) != 0) {
		printf("# %s\n", error);
		free(error);
	}
	return (int)sum->refusal;
}

static char *
query(const char *cat, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		*out = NULL;

	if (sqlite3_open_v2(cat, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static void
test_source_tables(void)
{
	struct diag_list	 d;
	struct table_set	 ts;
	struct table		*t;
	struct import_summary	 sum;
	char			*cat = xasprintf("%s/t.db", tmpdir), *s;

	diag_init(&d);
	table_set_init(&ts);
	ts.title = xstrdup("杜集区基层政务公开标准目录");
	t = table_add(&ts, "table 1");
	add_row(t, 1, "序号|领域");
	add_row(t, 2, "1|社会救助");
	t = table_add(&ts, "table 2");
	table_set_heading(t, "（一）社会救助领域", strlen("（一）社会救助领域"));
	add_row(t, 1, "目录|目录|目录|目录|目录|目录");
	add_row(t, 2, "公开事项|公开事项|公开内容|公开渠道和载体|公开对象|公开对象");
	add_row(t, 3, "一级事项|二级事项|公开内容|公开渠道和载体|全社会|特定群体");
	add_row(t, 4, "社会救助政策|低保|条件|■政府网站口政府公报|√|");
	add_row(t, 5, "社会救助政策|特困|条件|口政府网站■政务服务中心||✔");
	add_row(t, 6, "社会救助政策|临时救助");
	t = table_add(&ts, "table 3");
	table_set_heading(t, "（二）养老服务领域", strlen("（二）养老服务领域"));
	add_row(t, 1, "一级事项|二级事项|公开内容|全社会");
	add_row(t, 2, "养老政策|高龄津贴|标准|有");
	add_row(t, 3, "养老政策|养老机构|名单|√||");
	t = table_add(&ts, "table 4");
	table_set_heading(t, "社会救助", strlen("社会救助"));
	add_row(t, 1, "一级事项|二级事项|公开内容");
	add_row(t, 2, "社会救助政策|低保|条件");
	t = table_add(&ts, "table 5");
	table_set_heading(t, "社会救助领域", strlen("社会救助领域"));
	add_row(t, 1, "一级事项|二级事项|公开内容");
	add_row(t, 2, "政策|甲|条件");
	add_row(t, 3, "二、养老服务|二、养老服务|二、养老服务");
	add_row(t, 4, "政策|乙|条件");
	add_row(t, 5, "注：无|注：无|注：无");
	is_int(import_tables(cat, &ts, &d, &sum), IMPORT_ACCEPTED,
	    "source_tables: a page's tables import");
	is_int(sum.total.rows_read, 8, "rows of the catalogue tables are read");
	is_int(sum.total.imported, 6, "and imported, a short row filled out "
	    "with empty cells, empty cells past the header dropped");
	is_int(sum.total.skipped, 2, "a row with an error is skipped, and a "
	    "duplicate");
	ok(has_diag(&d, "x.html:table 4:2:2: warning: duplicate of the row at "
	    "x.html:table 2:4 "), "a duplicate names the table and row of the "
	    "first");
	ok(has_diag(&d, "x.html:table 1:1:1: warning: not a catalogue table"),
	    "a table of contents: skipped with a warning at FILE:table N");
	ok(has_diag(&d, "x.html:table 3:2:4: error: column D (全社会): \"有\" "
	    "is not a yes/no mark"), "an error at FILE:table N:row:column");
	s = query(cat, "SELECT group_concat(x, ' ') FROM (SELECT d.name || '/' "
	    "|| i.jurisdiction || '/' || i.level2 || '/' || i.channels || '/' "
	    "|| ifnull(i.audience_all, '-') || ifnull(i.audience_specific, '-') "
	    "AS x FROM item i JOIN domain d ON d.id = i.domain_id ORDER BY x)");
	is_str(s, "养老服务/杜集区/乙//-- 养老服务/杜集区/养老机构//1- "
	    "社会救助/杜集区/临时救助//-- 社会救助/杜集区/低保/政府网站/10 "
	    "社会救助/杜集区/特困/政务服务中心/01 社会救助/杜集区/甲//--",
	    "domains from the headings (and a heading row inside a table), "
	    "the government from the title, ticks and boxes as in a CSV file");
	ok(has_diag(&d, "x.html:table 5:5:1: warning: a row of one text across "
	    "the table is a heading, not an item"), "a heading row that names "
	    "no domain: skipped with a warning");
	free(s);
	import_summary_done(&sum);
	table_set_done(&ts);
	diag_done(&d);

	diag_init(&d);
	table_set_init(&ts);
	t = table_add(&ts, "table 1");
	add_row(t, 1, "序号|领域|页码");
	is_int(import_tables(cat, &ts, &d, &sum), IMPORT_REFUSED_FILE,
	    "no catalogue table: the file cannot be used");
	ok(has_diag(&d, "x.html:1:1: error: no table in the file is a "
	    "catalogue table"), "and says so at FILE:1:1");
	import_summary_done(&sum);
	table_set_done(&ts);
	diag_done(&d);
	unlink(cat);
	free(cat);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return 99;
	test_spans();
	test_text();
	test_encodings();
	test_hostile();
	test_detect();
	test_cells();
	test_titles();
	test_source_tables();
	rmdir(tmpdir);
	return tap_done();
}
