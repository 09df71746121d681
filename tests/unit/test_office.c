/*
 * The Word and Excel readers (data/import/formats/): merged cells spread,
 * shared strings (rich text, phonetic runs), numbers and dates as shown,
 * headings and titles, and hostile packages refused (truncated, zip bomb,
 * encrypted part, DOCTYPE). The packages are written here with minizip,
 * so that every XML detail is under the test's control.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <minizip/zip.h>

#include "data/import/diag.h"
#include "data/import/formats/formats.h"
#include "data/import/formats/sheet.h"
#include "data/import/table.h"
#include "tests/unit/tap.h"

struct part {
	const char	*name;
	const char	*xml;		/* NULL: size bytes of zeros */
	size_t		 size;
	const char	*password;
};

/* A ZIP archive of the parts, read back into memory; *len bytes. */
static char *
package(const struct part *parts, size_t n, size_t *len)
{
	char	 path[] = "/tmp/test_office.XXXXXX", *buf, *zeros;
	zipFile	 z;
	FILE	*f;
	size_t	 i;
	int	 fd;

	if ((fd = mkstemp(path)) < 0)
		return NULL;
	close(fd);
	z = zipOpen64(path, 0);
	for (i = 0; i < n; i++) {
		const char *data = parts[i].xml;
		size_t	    size = data != NULL ? strlen(data) : parts[i].size;

		zeros = data == NULL ? calloc(1, size) : NULL;
		zipOpenNewFileInZip3(z, parts[i].name, NULL, NULL, 0, NULL, 0,
		    NULL, Z_DEFLATED, 9, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
		    parts[i].password, 0);
		zipWriteInFileInZip(z, data != NULL ? data : zeros,
		    (unsigned)size);
		zipCloseFileInZip(z);
		free(zeros);
	}
	zipClose(z, NULL);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len);
	if (fread(buf, 1, *len, f) != *len)
		*len = 0;
	fclose(f);
	unlink(path);
	return buf;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELNS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char workbook[] =
    "<workbook " NS "><workbookPr/><sheets>"
    "<sheet name=\"社会救助\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"图表\" sheetId=\"2\" r:id=\"rId3\"/>"
    "<sheet name=\"第二\" sheetId=\"3\" r:id=\"rId4\"/>"
    "</sheets></workbook>";
static const char workbook1904[] =
    "<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char wbrels[] =
    "<Relationships " RELNS ">"
    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RT "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" RT "worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>"
    "</Relationships>";
static const char strings[] =
    "<sst " NS " count=\"4\" uniqueCount=\"4\">"
    "<si><t>领域</t></si>"
    "<si><r><t>社会</t></r><r><rPr><b/></rPr><t>救助</t></r>"
    "<rPh sb=\"0\" eb=\"2\"><t>シャカイ</t></rPh></si>"
    "<si><t xml:space=\"preserve\">一_x000D_\n二</t></si>"
    "<si><t>低保</t></si>"
    "</sst>";
static const char styles[] =
    "<styleSheet " NS "><numFmts count=\"1\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "</numFmts><cellXfs count=\"7\">"
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"1\"/><xf numFmtId=\"2\"/><xf numFmtId=\"22\"/>"
    "<xf numFmtId=\"10\"/>"
    "</cellXfs></styleSheet>";
static const char sheet1[] =
    "<worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><r><t>内</t></r><r><t>容</t></r></is></c>"
    "<c r=\"C1\"><v>3.5</v></c><c r=\"D1\" s=\"3\"><v>2</v></c>"
    "<c r=\"E1\" t=\"s\"><v>1</v></c><c r=\"F1\" t=\"s\"><v>2</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45356</v></c>"
    "<c r=\"B2\" s=\"2\"><v>45356</v></c><c r=\"C2\" s=\"4\"><v>1.5</v></c>"
    "<c r=\"D2\" s=\"5\"><v>45356.5</v></c><c s=\"6\"><v>0.25</v></c>"
    "<c t=\"b\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c><c r=\"B4\"><v>1</v></c>"
    "<c r=\"C4\" t=\"str\"><f>X</f><v>x</v></c></row>"
    "<row r=\"5\"><c r=\"B5\"><v>2</v></c></row>"
    "<row r=\"6\"><c r=\"B6\"><v>3</v></c></row>"
    "</sheetData><mergeCells count=\"3\">"
    "<mergeCell ref=\"A4:A6\"/><mergeCell ref=\"C4:D4\"/>"
    "<mergeCell ref=\"A8:B9\"/></mergeCells></worksheet>";
static const char sheet2[] =
    "<worksheet " NS "><sheetData>"
    "<row r=\"3\"><c r=\"B3\" s=\"1\"><v>0</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>7</v></c></row>"
    "</sheetData></worksheet>";

static const char *
cell(const struct table *t, size_t r, size_t c)
{
	if (r >= t->nrows || c >= t->rows[r].n)
		return "(none)";
	return t->rows[r].cells[c];
}

static int
read_parts(int (*fn)(const char *, size_t, const char *, struct diag_list *,
    struct table_set *), const struct part *p, size_t n,
    struct diag_list *d, struct table_set *ts)
{
	size_t	 len;
	char	*buf = package(p, n, &len);
	int	 rc = fn(buf, len, "t.xlsx", d, ts);

	free(buf);
	return rc;
}

static void
test_xlsx(void)
{
	struct part p[] = {
		{ "xl/workbook.xml", workbook, 0, NULL },
		{ "xl/_rels/workbook.xml.rels", wbrels, 0, NULL },
		{ "xl/sharedStrings.xml", strings, 0, NULL },
		{ "xl/styles.xml", styles, 0, NULL },
		{ "xl/worksheets/sheet1.xml", sheet1, 0, NULL },
		{ "xl/worksheets/sheet2.xml", sheet2, 0, NULL },
	};
	struct diag_list d;
	struct table_set ts;
	struct table	*t;

	diag_init(&d);
	table_set_init(&ts);
	is_int(read_parts(xlsx_read, p, 6, &d, &ts), 0, "xlsx: read");
	is_int(d.n, 0, "xlsx: no diagnostics");
	is_int(ts.n, 2, "xlsx: two worksheets (the chart sheet left out)");
	t = &ts.v[0];
	is_str(t->place, "sheet 社会救助", "xlsx: the place names the sheet");
	is_str(t->heading, "社会救助", "xlsx: the sheet name is the heading");
	ok(t->cells_a1, "xlsx: places are cells");
	is_int(t->nrows, 5, "xlsx: five rows with cells");
	is_str(cell(t, 0, 0), "领域", "shared string");
	is_str(cell(t, 0, 1), "内容", "inline string of two runs");
	is_str(cell(t, 0, 2), "3.5", "general number");
	is_str(cell(t, 0, 3), "2", "integer format");
	is_str(cell(t, 0, 4), "社会救助", "rich text runs joined, phonetic run left out");
	is_str(cell(t, 0, 5), "一\n二", "_x000D_ and a line feed: one line break");
	is_str(cell(t, 1, 0), "2024-03-05", "built-in date format 14");
	is_str(cell(t, 1, 1), "2024-03-05", "custom date format yyyy年m月d日");
	is_str(cell(t, 1, 2), "1.50", "format 0.00");
	is_str(cell(t, 1, 3), "2024-03-05 12:00", "date and time");
	is_str(cell(t, 1, 4), "25.00%", "percentage");
	is_str(cell(t, 1, 5), "TRUE", "boolean");
	is_int(t->rows[2].line, 4, "xlsx: a row's line is its number");
	is_str(cell(t, 2, 0), "低保", "merged A4:A6: top-left");
	is_str(cell(t, 3, 0), "低保", "merged A4:A6: carried down to A5");
	is_str(cell(t, 4, 0), "低保", "merged A4:A6: carried down to A6");
	is_str(cell(t, 2, 3), "x", "merged C4:D4: spread across (a formula's value)");
	is_str(cell(t, 3, 2), "", "rows are padded to the widest");
	t = &ts.v[1];
	is_int(t->nrows, 2, "sheet 2: rows out of order");
	is_int(t->rows[0].line, 2, "sheet 2: sorted by number");
	is_str(cell(t, 0, 0), "7", "sheet 2: A2");
	is_str(cell(t, 1, 1), "1899-12-31", "sheet 2: day 0 of 1900");
	table_set_done(&ts);
	diag_done(&d);

	/* The 1904 date system: day 0 is 1904-01-01. */
	p[0].xml = workbook1904;
	read_parts(xlsx_read, p, 6, &d, &ts);
	is_str(ts.n > 0 ? cell(&ts.v[0], 1, 0) : "", "2028-03-06",
	    "1904 workbook: day 45356 is 2028-03-06");
	table_set_done(&ts);
	diag_done(&d);
}

static void
test_xlsx_broken(void)
{
	struct part p[] = {
		{ "xl/workbook.xml", workbook, 0, NULL },
		{ "xl/_rels/workbook.xml.rels", wbrels, 0, NULL },
		{ "xl/sharedStrings.xml", strings, 0, NULL },
		{ "xl/worksheets/sheet1.xml", sheet1, 0, NULL },
		{ "xl/worksheets/sheet2.xml", sheet2, 0, NULL },
	};
	struct diag_list d;
	struct table_set ts;
	size_t		 len;
	char		*buf, *s;

	diag_init(&d);
	table_set_init(&ts);
	buf = package(p, 5, &len);
	is_int(xlsx_read(buf, len - 30, "t.xlsx", &d, &ts), -1,
	    "truncated ZIP: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "not a complete ZIP") != NULL,
	    "truncated ZIP: says so");
	s = d.n ? diag_format(&d.v[0]) : NULL;
	ok(s != NULL && strncmp(s, "t.xlsx:1:1: ", 12) == 0,
	    "truncated ZIP: at file:1:1");
	free(s);
	free(buf);
	table_set_done(&ts);
	diag_done(&d);

	p[3].xml = NULL;	/* 8 MB of zeros: a zip bomb */
	p[3].size = (size_t)8 << 20;
	is_int(read_parts(xlsx_read, p, 5, &d, &ts), -1, "zip bomb: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "zip bomb") != NULL &&
	    strstr(d.v[0].message, "xl/worksheets/sheet1.xml") != NULL,
	    "zip bomb: the part is named");
	table_set_done(&ts);
	diag_done(&d);

	p[3].xml = sheet1;
	p[3].password = "secret";
	is_int(read_parts(xlsx_read, p, 5, &d, &ts), -1,
	    "encrypted part: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "encrypted") != NULL,
	    "encrypted part: says so");
	table_set_done(&ts);
	diag_done(&d);

	p[3].password = NULL;
	p[0].xml = "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><workbook " NS
	    "><sheets/></workbook>";
	is_int(read_parts(xlsx_read, p, 5, &d, &ts), -1, "DOCTYPE: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "DOCTYPE") != NULL,
	    "DOCTYPE: says so");
	table_set_done(&ts);
	diag_done(&d);

	p[0].xml = "<workbook " NS "><sheets>";
	is_int(read_parts(xlsx_read, p, 5, &d, &ts), -1,
	    "malformed XML: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "xl/workbook.xml") != NULL &&
	    strstr(d.v[0].message, "well-formed") != NULL,
	    "malformed XML: the part is named");
	table_set_done(&ts);
	diag_done(&d);

	p[0].name = "xl/other.xml";
	is_int(read_parts(docx_read, p, 5, &d, &ts), -1,
	    "a package with no document part: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "word/document.xml") != NULL,
	    "no document part: named");
	table_set_done(&ts);
	diag_done(&d);
}

#define WNS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define P(s)	"<w:p><w:r><w:t>" s "</w:t></w:r></w:p>"
#define TC(pr, body)	"<w:tc><w:tcPr>" pr "</w:tcPr>" body "</w:tc>"

static const char document[] =
    "<w:document " WNS "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>"
    "<w:r><w:t>晋江市基层政务公开标准目录</w:t></w:r></w:p>"
    P("说明文字")
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
    "<w:r><w:t>（一）社会救助领域</w:t></w:r></w:p>"
    P("注：■表示是")
    "<w:tbl><w:tblGrid/>"
    "<w:tr>" TC("<w:gridSpan w:val=\"2\"/>", P("公开事项"))
    TC("<w:vMerge w:val=\"restart\"/>", P("公开内容")) "</w:tr>"
    "<w:tr>" TC("", P("一级事项")) TC("", P("二级事项"))
    TC("<w:vMerge/>", "<w:p/>") "</w:tr>"
    "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", P("最低生活保障"))
    TC("", P("低保") P("认定")) TC("", "<w:p><w:r><w:t>条件</w:t>"
    "<w:br/><w:t>流程</w:t><w:delText>删</w:delText></w:r></w:p>") "</w:tr>"
    "<w:tr>" TC("<w:vMerge w:val=\"continue\"/>", "<w:p/>")
    TC("", P("特困")) TC("", "<w:p><w:r><w:sym w:font=\"Wingdings\" "
    "w:char=\"F06E\"/><w:t>政府网站</w:t></w:r></w:p>") "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
    TC("", P("b")) TC("", P("c")) "</w:tr>"
    "</w:tbl>"
    P("（二）户籍管理领域")
    "<w:tbl><w:tr>" TC("", P("x")) "</w:tr></w:tbl>"
    "</w:body></w:document>";

static void
test_docx(void)
{
	struct part p[] = {
		{ "word/document.xml", document, 0, NULL },
	};
	struct diag_list d;
	struct table_set ts;
	struct table	*t;

	diag_init(&d);
	table_set_init(&ts);
	is_int(read_parts(docx_read, p, 1, &d, &ts), 0, "docx: read");
	is_int(d.n, 0, "docx: no diagnostics");
	is_str(ts.title, "晋江市基层政务公开标准目录", "docx: the Title paragraph");
	is_int(ts.n, 2, "docx: two tables");
	t = &ts.v[0];
	is_str(t->place, "table 1", "docx: places are tables");
	ok(!t->cells_a1, "docx: places are rows and columns");
	is_str(t->heading, "（一）社会救助领域",
	    "docx: the heading-styled paragraph, not the note after it");
	is_int(t->nrows, 5, "docx: five rows");
	is_str(cell(t, 0, 1), "公开事项", "gridSpan: repeated across");
	is_str(cell(t, 0, 2), "公开内容", "gridSpan: no column shifts");
	is_str(cell(t, 1, 2), "公开内容", "vMerge: carried down (no val)");
	is_str(cell(t, 2, 0), "最低生活保障", "vMerge restart");
	is_str(cell(t, 3, 0), "最低生活保障", "vMerge continue: carried down");
	is_str(cell(t, 2, 1), "低保\n认定", "paragraphs joined by a line break");
	is_str(cell(t, 2, 2), "条件\n流程", "a break; deleted text left out");
	is_str(cell(t, 3, 2), "■政府网站", "a Wingdings box as ■");
	is_str(cell(t, 4, 0), "", "gridBefore: an empty cell first");
	is_str(cell(t, 4, 2), "c", "gridBefore: no column shifts");
	is_int(t->rows[3].line, 4, "docx: a row's line is its number");
	is_str(ts.v[1].heading, "（二）户籍管理领域",
	    "docx: a plain paragraph as heading");
	table_set_done(&ts);
	diag_done(&d);
}

/* Thousands of empty tables or sheets: refused, not held. */
static void
test_too_many(void)
{
	struct part	 p[3];
	struct diag_list d;
	struct table_set ts;
	char		*xml, *o;
	size_t		 i;

	xml = o = malloc(4200 * 64);
	o += sprintf(o, "<w:document " WNS "><w:body>");
	for (i = 0; i < 4097; i++)
		o += sprintf(o, "<w:tbl/>");
	sprintf(o, "</w:body></w:document>");
	p[0].name = "word/document.xml";
	p[0].xml = xml;
	p[0].password = NULL;
	diag_init(&d);
	table_set_init(&ts);
	is_int(read_parts(docx_read, p, 1, &d, &ts), -1,
	    "4097 tables: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "more than 4096 tables") != NULL,
	    "4097 tables: said once");
	table_set_done(&ts);
	diag_done(&d);

	o = xml;
	o += sprintf(o, "<workbook " NS "><sheets>");
	for (i = 0; i < 4097; i++)
		o += sprintf(o, "<sheet name=\"s%zu\" r:id=\"rId1\"/>", i);
	sprintf(o, "</sheets></workbook>");
	p[0].name = "xl/workbook.xml";
	p[1].name = "xl/_rels/workbook.xml.rels";
	p[1].xml = "<Relationships " RELNS "><Relationship Id=\"rId1\" "
	    "Type=\"" RT "worksheet\" Target=\"worksheets/s.xml\"/>"
	    "</Relationships>";
	p[1].password = NULL;
	is_int(read_parts(xlsx_read, p, 2, &d, &ts), -1,
	    "a workbook whose first sheet is missing: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "xl/worksheets/s.xml") != NULL,
	    "the missing part named, once (not for every sheet)");
	table_set_done(&ts);
	diag_done(&d);
	p[2].name = "xl/worksheets/s.xml";
	p[2].xml = "<worksheet " NS "><sheetData/></worksheet>";
	p[2].password = NULL;
	is_int(read_parts(xlsx_read, p, 3, &d, &ts), -1, "4097 sheets: refused");
	ok(d.n == 1 && strstr(d.v[0].message, "more than 4096 sheets") != NULL,
	    "4097 sheets: said once");
	table_set_done(&ts);
	diag_done(&d);
	free(xml);
}

static void
test_places(void)
{
	struct diag_list d;
	char		*s;
	long		 r, c;

	diag_init(&d);
	d.cells_a1 = 1;
	diag_add(&d, DIAG_ERROR, "b.xlsx:sheet 社会救助", 12, 28, "m");
	d.cells_a1 = 0;
	diag_add(&d, DIAG_ERROR, "b.docx:table 2", 3, 4, "m");
	s = diag_format(&d.v[0]);
	is_str(s, "b.xlsx:sheet 社会救助:AB12: error: m", "a cell as AB12");
	free(s);
	s = diag_format(&d.v[1]);
	is_str(s, "b.docx:table 2:3:4: error: m", "a Word table's row:column");
	free(s);
	diag_done(&d);
	ok(sheet_ref("XFD1048576", &r, &c) == 0 && r == 1048576 && c == 16384,
	    "sheet_ref: the last cell of a sheet");
	ok(sheet_ref("b7", &r, &c) == 0 && r == 7 && c == 2, "sheet_ref: b7");
	ok(sheet_ref("A0", &r, &c) < 0 && sheet_ref("7", &r, &c) < 0 &&
	    sheet_ref("ABCD1", &r, &c) < 0, "sheet_ref: not cells");
}

int
main(void)
{
	test_xlsx();
	test_xlsx_broken();
	test_docx();
	test_too_many();
	test_places();
	return tap_done();
}
