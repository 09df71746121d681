#!/bin/bash
# bench/relevance on the judged queries (tests/relevance/queries.tsv) and on
# the second set written before the later tuning (tests/relevance/
# unseen.tsv): on each the search must answer at least 95% of the queries
# in its first 5 results and score an MRR@10 of 0.85 or more (issue #13).
# About 15 seconds.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

out=$(python3 "$top_srcdir/bench/relevance" "$top_builddir" \
	--min-success 0.95 --min-mrr 0.85 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
[ $rc -eq 0 ]
ok $? "success@5 >= 0.95 and MRR@10 >= 0.85 on the judged queries"

out=$(python3 "$top_srcdir/bench/relevance" "$top_builddir" \
	--queries "$top_srcdir/tests/relevance/unseen.tsv" \
	--min-success 0.95 --min-mrr 0.85 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
[ $rc -eq 0 ]
ok $? "and on the second set (unseen.tsv)"
done_testing
