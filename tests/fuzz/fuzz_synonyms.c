/*
 * libFuzzer target for synonym files and rewriting (data/search/synonyms.c)
 * with the query parser (data/search/query.c). Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/search/synonyms.c data/search/query.c i18n/fold.c \
 *       i18n/pinyin.c lib/xmalloc.c tests/fuzz/fuzz_synonyms.c
 *
 * The first byte says where the input splits into a synonym file (a hall's
 * hostile or broken one) and a query. Checked: parsing never reads or
 * writes out of bounds; every bad line has a message; every rule has two
 * words or more (or a left and a right side), each folding to 1..QUERY_MAX
 * units; every rewrite names a word of a rule and a place inside the query.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/query.h"
#include "data/search/synonyms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct synonyms syn;
	struct synonyms_use use[8];
	struct query q;
	char *errors = NULL;
	size_t split, bad, i, k, n;

	if (size < 1)
		return 0;
	split = 1 + (size_t)data[0] * (size - 1) / 255;
	synonyms_init(&syn);
	bad = synonyms_parse(&syn, "fuzz.txt", (const char *)data + 1,
	    split - 1, &errors);
	if ((bad > 0) != (errors != NULL))
		abort();
	for (i = 0; i < syn.n; i++) {
		if (syn.v[i].n < 2 || syn.v[i].left == 0 ||
		    syn.v[i].left > syn.v[i].n)
			abort();
		for (k = 0; k < syn.v[i].n; k++) {
			if (syn.v[i].w[k].n == 0 || syn.v[i].w[k].n > QUERY_MAX)
				abort();
		}
	}
	query_parse(&q, (const char *)data + split, size - split);
	n = synonyms_match(&syn, &q, use, 8);
	for (i = 0; i < n; i++) {
		if (use[i].at + use[i].len > q.n || use[i].len == 0 ||
		    use[i].to == NULL || use[i].from == NULL)
			abort();
	}
	query_done(&q);
	free(errors);
	synonyms_done(&syn);
	return 0;
}
