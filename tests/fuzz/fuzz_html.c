/*
 * libFuzzer target for the web page reader (html.c, libxml2's HTML
 * parser): any bytes give tables whose rows are at most 256 cells of
 * NUL-terminated text, or -1 with an error reported, and nothing leaks.
 * Build (test.sh):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       $(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_html.c \
 *       data/import/formats/html.c data/import/table.c data/import/decode.c \
 *       data/import/diag.c lib/xmalloc.c -lxml2
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "data/import/formats/formats.h"
#include "data/import/table.h"
#include "tests/fuzz/tables_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list	 d;
	struct table_set	 ts;
	int			 rc;

	diag_init(&d);
	table_set_init(&ts);
	rc = html_read((const char *)data, size, "fuzz.html", &d, &ts);
	fz_tables_check(rc, &d, &ts, FZ_LINES_SEQ, 256, size * 4 + 16);
	table_set_done(&ts);
	diag_done(&d);
	return 0;
}
