/*
 * libFuzzer target for the query parser and the matcher (data/search/query.c)
 * with folding (i18n/fold.c) and the pinyin tables. Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/search/query.c i18n/fold.c i18n/pinyin.c lib/xmalloc.c \
 *       tests/fuzz/fuzz_query.c -lunistring
 *
 * The first byte says where the input splits into a query and a text.
 * Checked: parsing never reads or writes out of bounds and never keeps
 * more than QUERY_MAX units; the three matchers agree (a tier exactly when
 * contained, a span exactly when contained, the span inside the text and
 * itself a match, the leftmost match at 0 for exact and prefix tiers); a
 * text is an exact match for a query made of itself.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/query.h"
#include "i18n/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_match(const struct query *q, const struct fold_text *t)
{
	enum query_tier tier = query_match(q, t->v, t->n);
	int in = query_contains(q, t->v, t->n);
	size_t a = 0, b = 0;
	int found = query_find(q, t->v, t->n, &a, &b) == 0;

	if (tier > QUERY_NONE || (tier != QUERY_NONE) != in || found != in)
		abort();
	if (!found)
		return;
	if (a >= b || b > t->n)
		abort();
	/* The span is a match on its own, of the same query. */
	if (!query_contains(q, t->v + a, b - a))
		abort();
	/* A match at the start is the leftmost one. */
	if ((tier == QUERY_EXACT || tier == QUERY_PREFIX) && a != 0)
		abort();
}

/* The text as a query (its first QUERY_MAX units) matches the text. */
static void
check_self(const struct fold_text *t, const char *s, size_t len)
{
	struct query q;
	size_t n = query_parse(&q, s, len);

	if (n > QUERY_MAX || n + q.dropped > t->n)
		abort();
	/* Tone numbers may be dropped, so compare only digit-free texts. */
	if (n > 0 && n == t->n && memchr(s, '1', len) == NULL &&
	    memchr(s, '2', len) == NULL && memchr(s, '3', len) == NULL &&
	    memchr(s, '4', len) == NULL && memchr(s, '5', len) == NULL &&
	    query_match(&q, t->v, t->n) != QUERY_EXACT)
		abort();
	query_done(&q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fold_text t;
	struct query q;
	size_t split, n;

	if (size < 1)
		return 0;
	split = 1 + data[0] % size;	/* 1 .. size */
	n = query_parse(&q, (const char *)data + 1, split - 1);
	if (n > QUERY_MAX || n != q.n)
		abort();
	fold_text_init(&t);
	fold_text(&t, (const char *)data + split, size - split);
	if (t.at[t.n] != size - split)
		abort();
	check_match(&q, &t);
	check_self(&t, (const char *)data + split, size - split);
	fold_text_done(&t);
	query_done(&q);
	return 0;
}
