#!/bin/bash
# chayue-admin report --json (what a terminal leaves for the province) and
# feedback --merge (many terminals' reports added up into one 满意度
# table): the counts per item and day, the newest report of a terminal
# winning over its older ones, and bad files named as file:line:column.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
DB=$DEMO_DB
STATE=$T_TMP/chayue-state.db
admin() { "$ADMIN" --config /dev/null --catalogue "$DB" "$@"; }

# Counts on two days for two items, one of them with hostile names.
admin hot add --all 镇规划及土地利用规划 >/dev/null
ok $? "a state file (hot add makes it)"
sqlite3 "$STATE" "
INSERT INTO item_key VALUES ('00000000000000aa', '社会救助', '测试县', '救助',
  '最低生活保障' || char(27) || ']0;PWNED' || char(7));
INSERT INTO views SELECT key, '2026-12-01', 5 FROM item_key;
INSERT INTO views SELECT key, '2026-12-02', 2 FROM item_key;
INSERT INTO feedback SELECT key, '2026-12-01', 3, 1 FROM item_key;
INSERT INTO feedback SELECT key, '2026-12-02', 1, 1 FROM item_key;"

admin report --json >"$T_TMP/a.json"
ok $? "report --json exits 0"
python3 - "$T_TMP/a.json" "$(sql "SELECT value FROM meta WHERE key = 'version'")" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["report"] == "chayue-report" and r["format"] == 1, r
assert r["live"]["version"] == sys.argv[2], r["live"]
assert r["live"]["items"] == 272 and r["live"]["imported"].endswith("Z")
assert r["errors"] == []
days = r["days"]
assert len(days) == 4, days
d = [x for x in days if x["day"] == "2026-12-01" and x["level2"] == "镇规划及土地利用规划"][0]
assert (d["views"], d["useful"], d["not_useful"]) == (5, 3, 1), d
EOF2
ok $? "it holds the live version, no errors, and views and answers per item and day"
admin report >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "report without --json is a usage error"

# Two terminals; the first one's report of a later day too.
sed 's/"terminal": "[^"]*"/"terminal": "hall-1"/' "$T_TMP/a.json" >"$T_TMP/t1-old.json"
sed 's/"terminal": "[^"]*"/"terminal": "hall-2"/' "$T_TMP/a.json" >"$T_TMP/t2.json"
python3 - "$T_TMP/t1-old.json" "$T_TMP/t1-new.json" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1]))
r["made"] = "2099-01-01T00:00:00Z"
for d in r["days"]:
    if d["day"] == "2026-12-02":
        d["useful"] += 10
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
EOF2
admin feedback --merge --csv "$T_TMP/t1-old.json" "$T_TMP/t2.json" \
	"$T_TMP/t1-new.json" >"$T_TMP/merged.csv"
ok $? "feedback --merge exits 0"
grep -qx "城乡规划,戌街乡,规划编制,镇规划及土地利用规划,14,18,4,82%" "$T_TMP/merged.csv"
ok $? "the counts add up over terminals and days, the newer report of hall-1 replacing its older one"
admin feedback --merge --csv --since 2026-12-02 "$T_TMP/t2.json" |
	grep -qx '城乡规划,戌街乡,规划编制,镇规划及土地利用规划,2,1,1,50%'
ok $? "--since leaves out the days before"
admin feedback --merge "$T_TMP/t2.json" >"$T_TMP/table.txt"
grep -q '满意度' "$T_TMP/table.txt" && grep -q '67%' "$T_TMP/table.txt"
ok $? "the table has a 满意度 column (4 of 6 answers: 67%)"
! grep -q "$(printf '\033')" "$T_TMP/table.txt" && grep -q '最低生活保障（救助）$' "$T_TMP/table.txt"
ok $? "names from a report reach the terminal without their escape sequences, with their 一级事项"

# Bad files: each problem placed, nothing added up.
head -c 300 "$T_TMP/a.json" >"$T_TMP/cut.json"
python3 - "$T_TMP/a.json" "$T_TMP/neg.json" <<'EOF2'
import sys
t = open(sys.argv[1]).read()
i = t.index('"views": 2')
open(sys.argv[2], "w").write(t[:i] + '"views": -2' + t[i + len('"views": 2'):])
EOF2
line=$(grep -n '"views": -2' "$T_TMP/neg.json" | cut -d: -f1)
echo '{"hello": 1}' >"$T_TMP/other.json"
admin feedback --merge "$T_TMP/cut.json" "$T_TMP/neg.json" "$T_TMP/other.json" \
	"$T_TMP/missing.json" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$T_TMP/out" ]
ok $? "bad reports: exit 1 and no table"
grep -qE "cut\.json:[0-9]+:[0-9]+: .*不是有效的 JSON" "$T_TMP/err"
ok $? "a cut-off report: file:line:column of the break"
n=$(grep -oE 'neg\.json:[0-9]+:[0-9]+' "$T_TMP/err" | cut -d: -f2)
[ -n "$n" ] && [ "$n" -lt "$line" ] && [ "$n" -gt $((line - 10)) ] &&
	grep -q 'neg.json.*views' "$T_TMP/err"
ok $? "a negative count: the line of its day ($n, the count on $line), naming the field"
grep -q 'other\.json:1:1: .*不是 chayue 报告' "$T_TMP/err" &&
	grep -q 'missing\.json:1:1: ' "$T_TMP/err"
ok $? "a JSON file that is not a report, and a missing file, at 1:1"
admin feedback --merge >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "--merge without files is a usage error"

done_testing
