/*
 * libFuzzer target for the JSON reader (data/import/json.c, over jansson). Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/import/json.c data/import/diag.c lib/xmalloc.c tests/fuzz/fuzz_json.c \
 *       -ljansson
 *
 * Checked: every record has one field per key, each NUL-terminated at its
 * length, placed on a line of the file; a broken record was reported.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "data/import/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct csv_record *rec, size_t nkeys, long lines)
{
	size_t	i;

	if (rec->n != nkeys || rec->line < 1 || rec->line > lines)
		abort();
	for (i = 0; i < rec->n; i++)
		if (rec->v[i].text[rec->v[i].len] != '\0' ||
		    rec->v[i].line < 1 || rec->v[i].line > lines)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_reader	*r;
	struct csv_record	 rec;
	struct diag_list	 d;
	size_t			 i, nkeys, errors;
	long			 lines = 1;
	char			*buf;

	/* An exact copy: any read past the end is an ASan report. */
	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	for (i = 0; i < size; i++)
		lines += buf[i] == '\n';
	diag_init(&d);
	r = json_open(buf, size, "fuzz.json", &d);
	if (json_keys(r, &rec)) {
		nkeys = rec.n;
		check(&rec, nkeys, lines);
		for (;;) {
			errors = d.errors;
			if (json_read(r, &rec) != 1)
				break;
			check(&rec, nkeys, lines);
			if (rec.broken && d.errors == errors)
				abort();	/* broken, and nobody told */
		}
	}
	json_close(r);
	diag_done(&d);
	free(buf);
	return 0;
}
