/*
 * libFuzzer target for the Word reader (data/import/formats/docx.c, with
 * zipread.c and ooxml.c): the input is word/document.xml, then
 * docProps/core.xml, NUL-separated, stored in a ZIP (ooxml_zip.h); or a
 * whole archive if it starts with PK. Build (test.sh does):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       $(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_docx.c \
 *       data/import/formats/{docx,ooxml,zipread}.c \
 *       data/import/{diag,table}.c i18n/text.c lib/xmalloc.c \
 *       -lxml2 -lminizip -lz -lunistring
 *
 * Checked: -1 only with an error reported; 0 only with a table; rows
 * numbered in order, every cell NUL-terminated.
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

static const char *const names[] = {
	"word/document.xml", "docProps/core.xml",
};
static const char *const defs[] = {
	"<w:document xmlns:w=\"w\"><w:body><w:tbl><w:tr><w:tc><w:tcPr>"
	"<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr>"
	"<w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
	"</w:body></w:document>",
	"<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\"><dc:title>t"
	"</dc:title></cp:coreProperties>",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_buf		 zip;
	struct diag_list	 d;
	struct table_set	 ts;
	int			 rc;

	fz_package(data, size, names, defs, 2, &zip);
	diag_init(&d);
	table_set_init(&ts);
	rc = docx_read((const char *)zip.p, zip.n, "fuzz.docx", &d, &ts);
	fz_tables_check(rc, &d, &ts, FZ_NONEMPTY | FZ_NOT_A1 | FZ_LINES_SEQ, 0,
	    0);
	table_set_done(&ts);
	diag_done(&d);
	free(zip.p);
	return 0;
}
