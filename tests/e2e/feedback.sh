#!/bin/bash
# Was this useful? y (有用) and n (没用) on the item page are counted per
# item and day in the state file beside the catalogue, once per item and
# visitor, at most 10 a visit, and an item's answers at most once in five
# minutes on a terminal (F12 cannot flood it). The walk-away reset clears
# the answer from the screen. chayue-admin feedback exports the counts.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

DB=$T_TMP/fb.db
cp "$DEMO_DB" "$DB"
STATE=$T_TMP/chayue-state.db
today=$(date +%F)
st() { sqlite3 -batch -noheader "$STATE" "$1"; }
names() { sql "SELECT d.name || '|' || i.jurisdiction || '|' || i.level1 || '|' || i.level2
	FROM item i JOIN domain d ON d.id = i.domain_id WHERE i.id = $1"; }
# answers ID: "useful|not useful" for item ID, from the state file.
answers() {
	local n
	n=$(names "$1")
	st "SELECT sum(f.useful) || '|' || sum(f.not_useful) FROM feedback f
		JOIN item_key k ON k.key = f.key WHERE k.domain || '|' ||
		k.jurisdiction || '|' || k.level1 || '|' || k.level2 = '$n'"
}
views() {
	local n
	n=$(names "$1")
	st "SELECT sum(v.n) FROM views v JOIN item_key k ON k.key = v.key
		WHERE k.domain || '|' || k.jurisdiction || '|' || k.level1 || '|' ||
		k.level2 = '$n'"
}
question=$(msg zh_CN "Was this useful?")
thanks=$(msg zh_CN "Thank you: you found this useful.")
home="政务公开事项目录查阅"

# Two items with distinct names, in different domains.
a=$(sql "SELECT min(id) FROM item WHERE domain_id = (SELECT min(domain_id) FROM item)")
b=$(sql "SELECT min(id) FROM item WHERE domain_id = (SELECT max(domain_id) FROM item)")

kiosk_start 100 30 --kiosk --idle 15
wait_for "$home"
goto_item "$a"
screen | grep -qF "$question"
ok $? "the item page asks: $question"
keys y
wait_for "$thanks"
ok $? "y: the page thanks the visitor for the answer"
[ "$(answers "$a")" = "1|0" ]
ok $? "one 有用 is counted for the item ($(answers "$a"))"
[ "$(st "SELECT day FROM feedback")" = "$today" ]
ok $? "counted under today's date, nothing finer"
handled y && [ "$(answers "$a")" = "1|0" ]
ok $? "y again counts nothing more ($(answers "$a"))"
screen | grep -qF "✓$(msg zh_CN "Useful")" && screen | grep -qF " n $(msg zh_CN "Not useful")"
ok $? "the line keeps both buttons, the answer given ticked"
keys n
wait_for "$(msg zh_CN "Thank you: you did not find this useful.")"
[ "$(answers "$a")" = "0|1" ]
ok $? "n: the visitor changes the answer; it moves, nothing is added ($(answers "$a"))"
screen | grep -qF "✓$(msg zh_CN "Not useful")" && screen | grep -qF " y $(msg zh_CN "Useful")"
ok $? "and the tick moves to 没用"
click_on "y $(msg zh_CN "Useful")"
wait_for "$thanks"
[ "$(answers "$a")" = "1|0" ]
ok $? "touching 有用 changes it back ($(answers "$a"))"

keys Escape h
wait_for "$home"
goto_item "$b"
keys n
wait_for "$(msg zh_CN "Thank you: you did not find this useful.")"
[ "$(answers "$b")" = "0|1" ]
ok $? "n on another item: one 没用 counted"
[ "$(views "$a")" = 1 ] && [ "$(views "$b")" = 1 ]
ok $? "each item opened counts one view"

# A new visitor at once (F12) cannot answer for the same item again.
keys F12
wait_for "$home"
goto_item "$a"
screen | grep -qF "$question"
ok $? "F12: the next visitor is asked again"
keys y
wait_for "$(msg zh_CN "Thank you. No more answers can be counted here just now.")"
ok $? "but the terminal counted this item a moment ago, and says so"
[ "$(answers "$a")" = "1|0" ] && [ "$(views "$a")" = 1 ]
ok $? "neither the answer nor the view is counted again"

# At most 10 answers a visit: the 11th of one domain is refused.
keys F12
wait_for "$home"
dom=$(sql "SELECT domain_id FROM item WHERE domain_id NOT IN
	(SELECT domain_id FROM item WHERE id IN ($a, $b))
	GROUP BY domain_id HAVING count(*) >= 11 ORDER BY domain_id LIMIT 1")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
open_domain "$pos"
wait_for "层级："
# Down from one item to the next (group headings are skipped).
for i in $(seq 1 11); do
	keys Enter
	wait_for "$question"
	keys y
	settle
	[ "$i" -lt 11 ] && keys Escape && wait_for "层级：" && keys Down
done
screen | grep -qF "$(msg zh_CN "Thank you. No more answers can be counted here just now.")"
ok $? "the 11th answer of a visit is refused"
n=$(st "SELECT count(*) FROM feedback")
[ "$n" = 12 ]
ok $? "10 answers of that visit are counted, 12 in all ($n)"

# The walk-away reset clears the answer off the screen.
keys Escape h
wait_for "$home"
goto_item "$b"
screen | grep -qF "$(msg zh_CN "Thank you: you did not find this useful.")"
[ $? -ne 0 ] && screen | grep -qF "$question"
ok $? "a new visit (after F12) shows the question, not the last answer"
keys Escape h
wait_for "$home"
dom=$(sql "SELECT domain_id FROM item WHERE id = $a")
c=$(sql "SELECT id FROM ($(item_order_sql "$dom")) WHERE id <> $a LIMIT 1")
goto_item "$c"
keys y
wait_for "$thanks"
wait_for "秒后返回首页"
wait_for "$home"
goto_item "$c"
! screen | grep -qF "$thanks" && screen | grep -qF "$question"
ok $? "after the walk-away reset the answer is gone from the screen"
kiosk_stop

# The export for the hall's report.
csv=$("$ADMIN" --catalogue "$DB" feedback --csv)
ok $? "chayue-admin feedback --csv exits 0"
[ "$(printf '%s\n' "$csv" | head -n 1)" = "domain,jurisdiction,level1,level2,useful,not_useful" ]
ok $? "the CSV has a header"
[ "$(printf '%s\n' "$csv" | tail -n +2 | wc -l)" = "$(st "SELECT count(DISTINCT key) FROM feedback")" ]
ok $? "and one row per item answered"
row=$(printf '%s\n' "$csv" | python3 -c '
import csv, sys
want = sys.argv[1].split("|")
for r in csv.DictReader(sys.stdin):
    if [r["domain"], r["jurisdiction"], r["level1"], r["level2"]] == want:
        print(r["useful"] + "|" + r["not_useful"])' "$(names "$b")")
[ "$row" = "0|1" ]
ok $? "the row of the second item reads 0 useful, 1 not useful ($row)"
tomorrow=$(date -d tomorrow +%F)
[ "$("$ADMIN" --catalogue "$DB" feedback --csv --since "$tomorrow" | wc -l)" = 1 ]
ok $? "--since tomorrow: the header only"
"$ADMIN" --catalogue "$DB" feedback --since "$today" | grep -qE "^合计：有用 1[0-9] 次，没用 1 次"
ok $? "the table for the staff ends with the totals"
"$ADMIN" --catalogue "$DB" feedback --since 2026-02-30 >/dev/null 2>&1
[ $? = 2 ]
ok $? "--since with a date that does not exist is a usage error"

# A state file that cannot be written: the kiosk runs on, and does not ask.
printf 'state_file = %s/no/such/dir/state.db\n' "$T_TMP" >"$T_TMP/nostate.conf"
CONFIG=$T_TMP/nostate.conf kiosk_start 100 30
wait_for "$home"
goto_item "$a"
handled && screen | grep -qF "$(msg zh_CN "Take it home")" && ! screen | grep -qF "$question"
ok $? "without a writable state file the item page does not ask"
kiosk_stop

# Nothing in the state file could identify a visitor.
[ "$(st "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema
	WHERE type = 'table' ORDER BY name)")" = "feedback,hot,item_key,pin_lock,views" ]
ok $? "the state file holds item names, counts per day, hot marks and the staff PIN's lock only"
[ "$(st "SELECT count(*) FROM pin_lock WHERE failures != 0 OR locked_until != 0")" = 0 ]
ok $? "and nobody typed a wrong PIN, so the lock holds nothing"
[ -z "$(st "SELECT day FROM views UNION SELECT day FROM feedback" | grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')" ]
ok $? "and no time finer than a day"

done_testing
