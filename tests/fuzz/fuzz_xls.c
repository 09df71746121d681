/*
 * libFuzzer target for the Excel 97-2003 reader (data/import/formats/
 * xls.c, FreeXL through a private temporary file). Inputs that do not
 * start with the OLE2 signature get it put in front, so that the fuzzer
 * spends its time past FreeXL's first check. Build (test.sh does):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       $(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_xls.c \
 *       data/import/formats/{xls,sheet,ooxml,zipread}.c \
 *       data/import/{diag,table}.c i18n/text.c lib/xmalloc.c \
 *       -lfreexl -lxml2 -lminizip -lz -lunistring
 *
 * Checked: -1 only with an error reported; 0 only with a table; every
 * table's places are cells; every cell NUL-terminated.
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

static const unsigned char ole2[8] = {
	0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list	 d;
	struct table_set	 ts;
	unsigned char		*buf;
	size_t			 n = size;
	int			 rc;

	buf = malloc(size + sizeof ole2 + 1);
	if (buf == NULL)
		return 0;
	if (size >= sizeof ole2 && memcmp(data, ole2, sizeof ole2) == 0)
		memcpy(buf, data, size);
	else {
		memcpy(buf, ole2, sizeof ole2);
		memcpy(buf + sizeof ole2, data, size);
		n += sizeof ole2;
	}
	diag_init(&d);
	table_set_init(&ts);
	rc = xls_read((const char *)buf, n, "fuzz.xls", &d, &ts);
	fz_tables_check(rc, &d, &ts, FZ_NONEMPTY | FZ_A1, 0, 0);
	table_set_done(&ts);
	diag_done(&d);
	free(buf);
	return 0;
}
