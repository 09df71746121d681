#!/bin/bash
# bench/relevance on the judged queries (tests/relevance/queries.tsv): the
# search must answer at least 95% of them in its first 5 results and score
# an MRR@10 of 0.85 or more (issue #13). About 10 seconds.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

out=$(python3 "$top_srcdir/bench/relevance" "$top_builddir" \
	--min-success 0.95 --min-mrr 0.85 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
[ $rc -eq 0 ]
ok $? "success@5 >= 0.95 and MRR@10 >= 0.85 on the judged queries"
done_testing
