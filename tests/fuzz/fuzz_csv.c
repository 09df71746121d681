/*
 * libFuzzer target for the CSV reader, and with -DFUZZ_IMPORT for the
 * canonical-column mapping of the importer too (a dry run: nothing is
 * written). Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/import/csv.c data/import/diag.c lib/xmalloc.c tests/fuzz/fuzz_csv.c
 *   clang -g -fsanitize=fuzzer,address,undefined -DFUZZ_IMPORT \
 *       -I<builddir> -I. data/import/csv.c data/import/diag.c data/import/import.c \
 *       data/versions/builder.c data/store/domains.c data/store/schema.c lib/xmalloc.c \
 *       tests/fuzz/fuzz_csv.c -lsqlite3 -licuuc
 *
 * The first byte chooses the delimiter (and, for the import, whether the
 * canonical header is put in front); the rest is the file.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/csv.h"
#include "data/import/diag.h"
#ifdef FUZZ_IMPORT
#include "data/import/import.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_record(const struct csv_record *rec, size_t len, long *line)
{
	size_t	i;

	if (rec->n == 0 || rec->offset > len || rec->line < *line)
		abort();
	for (i = 0; i < rec->n; i++) {
		if (rec->v[i].text[rec->v[i].len] != '\0' ||
		    rec->v[i].offset > len || rec->v[i].line < rec->line)
			abort();
		if (i > 0 && rec->v[i].offset <= rec->v[i - 1].offset)
			abort();
	}
	*line = rec->line + 1;
}

static void
fuzz_csv(const char *buf, size_t len, int delim)
{
	struct diag_list	 d;
	struct csv_reader	*r;
	struct csv_record	 rec;
	long			 line = 1;
	size_t			 errors = 0;

	diag_init(&d);
	r = csv_open(buf, len, delim, "fuzz.csv", &d);
	while (csv_read(r, &rec) == 1) {
		check_record(&rec, len, &line);
		errors += rec.broken;
	}
	if ((errors == 0) != (d.errors == 0))
		abort();	/* broken records and errors go together */
	csv_close(r);
	diag_done(&d);
}

#ifdef FUZZ_IMPORT
static void
fuzz_import(const char *buf, size_t len, int header)
{
	static const char canonical[] = "domain,level1,level2,content,basis,"
	    "time_limit,subject,channels,audience_all,audience_specific,"
	    "method_active,method_on_request,level_county,level_township,"
	    "level_village,jurisdiction,source_url,code\n";
	struct import_options	 opt = { .dry_run = 1 };
	struct import_summary	 sum;
	struct diag_list	 d;
	struct import		*imp;
	char			*all, *error = NULL;
	size_t			 n = header ? sizeof canonical - 1 : 0;

	all = malloc(n + len + 1);
	if (all == NULL)
		return;
	memcpy(all, canonical, n);
	memcpy(all + n, buf, len);
	diag_init(&d);
	imp = import_begin(NULL, &opt, &d, &error);
	if (imp == NULL || import_buffer(imp, "fuzz.csv", all, n + len,
	    &error) != 0 || import_end(imp, &sum, &error) != 0)
		abort();	/* a dry run never touches a catalogue */
	if (sum.total.imported + sum.total.skipped != sum.total.rows_read)
		abort();
	import_summary_done(&sum);
	diag_done(&d);
	free(all);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { ',', '\t', ';', '"' };
	char	*buf;

	if (size == 0)
		return 0;
	/* An exact copy: any read past the end is an ASan report. */
	buf = malloc(size - 1 ? size - 1 : 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	fuzz_csv(buf, size - 1, delims[data[0] & 3]);
#ifdef FUZZ_IMPORT
	fuzz_import(buf, size - 1, data[0] & 4);
#endif
	free(buf);
	return 0;
}
