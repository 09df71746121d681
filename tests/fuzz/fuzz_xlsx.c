/*
 * libFuzzer target for the Excel reader (data/import/formats/xlsx.c, with
 * zipread.c, ooxml.c and sheet.c): the input is the worksheet, then the
 * shared strings, styles, workbook and its relationships, NUL-separated,
 * stored in a ZIP (ooxml_zip.h); or a whole archive if it starts with PK.
 * Build (test.sh does):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       $(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_xlsx.c \
 *       data/import/formats/{xlsx,sheet,ooxml,zipread}.c \
 *       data/import/{diag,table}.c i18n/text.c lib/xmalloc.c \
 *       -lxml2 -lminizip -lz -lunistring
 *
 * Checked: -1 only with an error reported; every table is a sheet whose
 * places are cells, its rows in order, each as wide as the first.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "data/import/formats/formats.h"
#include "data/import/table.h"
#include "tests/fuzz/ooxml_zip.h"
#include "tests/fuzz/tables_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char *const names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
};
static const char *const defs[] = {
	"<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0"
	"</v></c><c r=\"B1\" s=\"1\"><v>45356</v></c></row></sheetData>"
	"<mergeCells><mergeCell ref=\"A1:B3\"/></mergeCells></worksheet>",
	"<sst " NS "><si><r><t>a</t></r><rPh><t>b</t></rPh></si></sst>",
	"<styleSheet " NS "><numFmts><numFmt numFmtId=\"164\" formatCode="
	"\"yyyy-mm-dd\"/></numFmts><cellXfs><xf numFmtId=\"0\"/>"
	"<xf numFmtId=\"164\"/></cellXfs></styleSheet>",
	"<workbook " NS "><sheets><sheet name=\"S\" sheetId=\"1\" "
	"r:id=\"rId1\"/></sheets></workbook>",
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
	"schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_buf		 zip;
	struct diag_list	 d;
	struct table_set	 ts;
	int			 rc;

	fz_package(data, size, names, defs, 5, &zip);
	diag_init(&d);
	table_set_init(&ts);
	rc = xlsx_read((const char *)zip.p, zip.n, "fuzz.xlsx", &d, &ts);
	fz_tables_check(rc, &d, &ts, FZ_A1 | FZ_LINES_RISE | FZ_SQUARE, 0, 0);
	table_set_done(&ts);
	diag_done(&d);
	free(zip.p);
	return 0;
}
