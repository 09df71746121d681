#!/bin/bash
# The staff screen (issue 17): a check shows what the files would change
# against the live version (chayue-admin diff's counts, in all and per
# domain) before it asks to switch, and refusing leaves the live version;
# rollback chooses from the kept versions, named by time, files and items,
# by keys and by touch; every question has buttons that a touch answers.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
PIN=27182818
staff_setup
admin() { "$ADMIN" --config "$CONFIG" --catalogue "$DB" "$@"; }
live0=$(sql "SELECT value FROM meta WHERE key = 'version'")
# m200.csv: the first 200 rows, one of them with new content, and one
# item that is not live: 72 removed, 1 changed, 1 added.
/usr/bin/python3 - "$REF" "$IN/m200.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
out = rows[:201]
out[5][3] = out[5][3] + "（已更新）"
new = list(rows[250]); new[2] = new[2] + "（新增）"
out.append(new)
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(out)
PY
changed_domain=$(sed -n 6p "$REF" | cut -d, -f1)
# s40.csv: 40 rows, less than half the live ones: the drop question.
head -n 41 "$REF" >"$IN/s40.csv"
# live_id: the version chayue-admin status calls live.
live_id() { admin status | grep -oE '[0-9]{8}T[0-9]{6}Z' | head -n 1; }

# The kiosk's temporary directory, where the comparison builds its version.
export TMPDIR=$T_TMP/kt
mkdir -p "$TMPDIR"
kiosk_start 100 40 --kiosk
wait_for "$all items"
staff_open
ok $? "the staff screen opens"

# (a) The diff before the switch; refusing it leaves the live version.
keys Enter
wait_for "Against the live version: 1 added, 72 removed, 1 changed" &&
	wait_for "y imports all 201 rows"
ok $? "the check shows what would change against the live version"
screen >"$T_TMP/report"
grep -qE "^ +$changed_domain: [0-9]+ added, [0-9]+ removed, [1-9][0-9]* changed" "$T_TMP/report"
ok $? "  and per domain ($changed_domain has the changed item)"
wait_for "[ Yes, import ]" && wait_for "[ No ]"
ok $? "  the question has buttons to touch"
click_on "[ No ]"
wait_for "[ ] m200.csv" && handled
[ "$(sql "SELECT value FROM meta WHERE key = 'version'")" = "$live0" ] &&
	[ "$(live_id)" = "$live0" ]
ok $? "touching No leaves the live version ($live0)"

keys Enter
wait_for "Against the live version: 1 added, 72 removed, 1 changed"
keys y
wait_for "is live. Visitors see it"
v200=$(live_id)
admin diff >"$T_TMP/diff"
grep -qF ": 1 added, 72 removed, 1 changed" "$T_TMP/diff"
ok $? "y imports it; chayue-admin diff counts what the screen showed"
n=$(grep -c "^~ $changed_domain " "$T_TMP/diff")
a=$(grep -c "^+ $changed_domain " "$T_TMP/diff")
r=$(grep -c "^- $changed_domain " "$T_TMP/diff")
[ "$n" -ge 1 ] && grep -qF "  $changed_domain: $a added, $r removed, $n changed" "$T_TMP/report"
ok $? "  the screen's line for $changed_domain has chayue-admin diff's counts ($a, $r, $n)"

# The same files again: the screen says nothing would change.
keys Enter
wait_for "Against the live version: the same items; nothing would change."
ok $? "a check of the live version's files says nothing would change"
keys n
wait_for "[ ] m200.csv"

# (c) By touch only: select s40.csv, check it, answer the drop question.
click_on "[ ] s40.csv"
handled && screen | grep -qF "[ ] s40.csv"
ok $? "a tap on a file's row selects it"
click_on "[ ] s40.csv"
wait_for "[x] s40.csv"
ok $? "  a second tap picks it"
click_on "Enter Check"
wait_for "more than half would" && wait_for "[ Yes, import ]"
ok $? "touched, the check asks about the drop, with buttons"
click_on "[ Yes, import ]"
wait_for "is live. Visitors see it"
[ "$(sql 'SELECT count(*) FROM item')" = 40 ]
ok $? "touching Yes imports it: 40 items are live"
v40=$(live_id)

# (b) Rollback by keys: the list of kept versions, not the live one.
keys r
wait_for "Choose the version to go back to:" &&
	wait_for "201 items, from m200.csv" &&
	wait_for "$all items, from reference-catalogue.csv"
ok $? "r lists the kept versions, named by files and items"
! screen | grep -qF "40 items, from s40.csv"
ok $? "  the live version is not offered"
keys Down Enter
wait_for "Roll back to the version of" &&
	screen | squash | grep -qF "(reference-catalogue.csv,${all}items)?"
ok $? "the question names the version chosen"
wait_for "[ Yes, roll back ]" && wait_for "[ No ]"
ok $? "  with buttons"
keys n
wait_for "Choose the version to go back to:" && handled
[ "$(live_id)" = "$v40" ]
ok $? "n goes back to the list; the live version stays"
keys Enter
wait_for "Roll back to the version of"
keys y
wait_for "is live again"
[ "$(live_id)" = "$live0" ] && [ "$(sql 'SELECT count(*) FROM item')" = "$all" ]
ok $? "y rolls back to the chosen older version ($live0)"

# Rollback by touch: the key bar, a row (a second tap on it asks), Yes.
click_on "r Roll back"
wait_for "201 items, from m200.csv"
click_on "201 items, from m200.csv"
handled
screen | grep -qF "Roll back to the version of" ||
	click_on "201 items, from m200.csv"
wait_for "Roll back to the version of" &&
	screen | squash | grep -qF "(m200.csv,201items)?"
ok $? "touching a version's row asks about it"
keys F4
wait_for "的版本（m200.csv，201 项）？" && wait_for "[ 是，回退 ]" && wait_for "[ 否 ]"
ok $? "  in zh_CN: 回退到 … 的版本（m200.csv，201 项）？ [ 是，回退 ] [ 否 ]"
keys F4 F4
wait_for "[ Yes, roll back ]"
click_on "[ No ]"
wait_for "Choose the version to go back to:" && handled
[ "$(live_id)" = "$live0" ]
ok $? "touching No leaves the live version"
click_on "201 items, from m200.csv"
wait_for "Roll back to the version of"
click_on "[ Yes, roll back ]"
wait_for "is live again"
[ "$(live_id)" = "$v200" ] && [ "$(sql 'SELECT count(*) FROM item')" = 201 ]
ok $? "touching Yes rolls back to it ($v200)"
click_on "r Roll back" && wait_for "Choose the version to go back to:"
click_on "Esc Back"
wait_for "[ ] m200.csv"
ok $? "the key bar's Back leaves the list by touch"
[ -z "$(ls -A "$TMPDIR")" ]
ok $? "the versions built for the comparisons are removed"
done_testing
