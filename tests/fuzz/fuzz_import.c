/*
 * libFuzzer target for the whole import path, as a dry run (nothing is
 * written): bytes -> encoding (decode.c) -> records (csv.c or json.c) ->
 * header (layout.c: canonical, published two-row table, JSON keys) ->
 * checked items (import.c, cell.c). Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/[a-z]*.c lib/xmalloc.c tests/fuzz/fuzz_import.c \
 *       -lsqlite3 -licui18n -licuuc -ljansson
 *
 * The first byte chooses a header put in front (none, the canonical one,
 * a published table's title and two header rows), the format and the
 * encoding; the rest is the file. Checked: every row read is imported or
 * skipped, a skipped row or a refused file was reported, and every
 * diagnostic has a line, a column and what to do (issue 6.2).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "data/import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const headers[] = {
	"",
	"domain,level1,level2,content,basis,time_limit,subject,channels,"
	"audience_all,audience_specific,method_active,method_on_request,"
	"level_county,level_township,level_village,jurisdiction,source_url,"
	"code\n",
	"晋江市社会救助领域基层政务公开标准目录,,,,,,,,,,,,,,\n"
	"序号,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,"
	"公开渠道和载体,公开对象,,公开方式,,公开层级,,\n"
	",一级事项,二级事项,,,,,,全社会,特定群众,主动,依申请公开,县级,镇级,"
	"村级\n",
	"领域,二级事项,公开方式,公开层级\n",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum import_format formats[] = {
		IMPORT_FORMAT_AUTO, IMPORT_FORMAT_AUTO, IMPORT_FORMAT_CSV,
		IMPORT_FORMAT_JSON,
	};
	static const enum decode_encoding encs[] = {
		DECODE_AUTO, DECODE_AUTO, DECODE_GB18030, DECODE_UTF16LE,
	};
	struct import_options	 opt = { .dry_run = 1 };
	struct import_summary	 sum;
	struct diag_list	 d;
	struct import		*imp;
	const char		*h;
	char			*all, *error = NULL;
	size_t			 n, i;

	if (size == 0)
		return 0;
	h = headers[data[0] & 3];
	opt.format = formats[(data[0] >> 2) & 3];
	opt.encoding = *h != '\0' ? DECODE_AUTO : encs[(data[0] >> 4) & 3];
	n = strlen(h);
	/* An exact copy: any read past the end is an ASan report. */
	if ((all = malloc(n + size - 1 + 1)) == NULL)
		return 0;
	memcpy(all, h, n);
	memcpy(all + n, data + 1, size - 1);
	diag_init(&d);
	imp = import_begin(NULL, &opt, &d, &error);
	if (imp == NULL || import_buffer(imp, "fuzz", all, n + size - 1,
	    &error) != 0 || import_end(imp, &sum, &error) != 0)
		abort();	/* a dry run never touches a catalogue */
	if (sum.total.imported + sum.total.skipped != sum.total.rows_read)
		abort();
	if ((sum.total.skipped > 0 || sum.refusal == IMPORT_REFUSED_FILE) &&
	    d.errors + d.warnings == 0)
		abort();	/* left out, and nobody told */
	for (i = 0; i < d.n; i++)
		if (d.v[i].line < 1 || d.v[i].column < 1 || d.v[i].hint == NULL)
			abort();	/* not file:line:column: ...; what to do */
	import_summary_done(&sum);
	diag_done(&d);
	free(all);
	return 0;
}
