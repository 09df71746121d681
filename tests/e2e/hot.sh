#!/bin/bash
# 热点事项: staff mark items hot with chayue-admin hot add/remove/list;
# the home screen shows them on a line to touch, t lists them; where the
# hall enables it, the most viewed items of the last 30 days follow. The
# marks and counts live beside the catalogue and survive a new import.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

DB=$T_TMP/hot.db
cp "$DEMO_DB" "$DB"
STATE=$T_TMP/chayue-state.db
REF=$top_srcdir/data/demo/reference-catalogue.csv
home="政务公开事项目录查阅"
st() { sqlite3 -batch -noheader "$STATE" "$1"; }
hot_label="$(msg zh_CN "Hot items") (t):"
# Items whose name (二级事项) is theirs alone, to name them on the command line.
unique() { sql "SELECT id FROM item WHERE level2 <> '' AND level2 IN
	(SELECT level2 FROM item GROUP BY level2 HAVING count(*) = 1)
	ORDER BY length(level2), id LIMIT 1 OFFSET $1"; }
x=$(unique 0) y=$(unique 1) w=$(unique 2) z=$(unique 3)
# Names, as ids change with the new import below.
for i in $x $y $w $z; do
	eval "name_$i=\$(sql \"SELECT level2 FROM item WHERE id = $i\")"
done
name() { eval "echo \"\$name_$1\""; }
dup=$(sql "SELECT level2 FROM item WHERE level2 <> '' GROUP BY level2
	HAVING count(*) = 3 ORDER BY level2 LIMIT 1")

"$ADMIN" --catalogue "$DB" hot list >"$T_TMP/out"
[ $? = 0 ] && grep -qF "$(msg zh_CN "There are no hot items.")" "$T_TMP/out"
ok $? "hot list before any: there are none"
"$ADMIN" --catalogue "$DB" hot add "$(name "$x")" >"$T_TMP/out"
[ $? = 0 ] && grep -qF "$(name "$x")" "$T_TMP/out"
ok $? "hot add marks an item by its name ($(name "$x"))"
"$ADMIN" --catalogue "$DB" hot add "$dup" >"$T_TMP/out" 2>&1
[ $? = 1 ] && [ "$(grep -cF "$dup" "$T_TMP/out")" -ge 4 ]
ok $? "a name three items share is refused, and the three are listed"
"$ADMIN" --catalogue "$DB" hot add --all "$dup" >/dev/null
ok $? "--all marks all three"
"$ADMIN" --catalogue "$DB" hot add "$(name "$y")" >/dev/null
"$ADMIN" --catalogue "$DB" hot add "没有这个事项" >/dev/null 2>&1
[ $? = 1 ]
ok $? "an item the catalogue does not hold is refused"
"$ADMIN" --catalogue "$DB" hot list >"$T_TMP/list"
[ "$(grep -cE '^ *[0-9]+\. ' "$T_TMP/list")" = 5 ] &&
	sed -n 1p "$T_TMP/list" | grep -qF "$(name "$x")" &&
	sed -n 5p "$T_TMP/list" | grep -qF "$(name "$y")"
ok $? "hot list: the five, in the order they were marked"

# On screen.
kiosk_start 100 30
wait_for "$home"
line=$(screen | sed -n 3p)
printf '%s\n' "$line" | grep -qF "$hot_label" &&
	printf '%s\n' "$line" | grep -qF "$(name "$x")"
ok $? "the home screen shows the hot items above the domains"
label_x="$(name "$x")（$(sql "SELECT level1 FROM item WHERE id = $x")）"
printf '%s\n' "$line" | grep -qF "$label_x"
ok $? "each with its 一级事项: $label_x"
screen | sed -n 4p | grep -qE "^ +1 "
ok $? "and the domains stay where they were"
click_on "$(name "$x")"
wait_for "公开内容"
[ "$(field <(item_dump) 二级事项)" = "$(name "$x")" ]
ok $? "touching a hot item opens it"
keys Escape
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Chosen by the staff")"
missing=
for i in "$x" "$y"; do
	screen | grep -qF "$(name "$i")" || missing="$missing $i"
done
[ -z "$missing" ]
ok $? "t lists the hot items under 工作人员推荐"
[ "$(screen | grep -cF "$dup")" = 3 ]
ok $? "each of the three with its publisher"
keys End Enter
wait_for "公开内容"
[ "$(field <(item_dump) 二级事项)" = "$(name "$y")" ]
ok $? "Enter opens the one chosen"

"$ADMIN" --catalogue "$DB" hot remove "$(name "$x")" >/dev/null
ok $? "hot remove unmarks it"
"$ADMIN" --catalogue "$DB" hot remove "$(name "$x")" >/dev/null 2>&1
[ $? = 1 ]
ok $? "removing it again is refused"
keys F12
wait_for "$home"
! screen | sed -n 3p | grep -qF "$(name "$x")" && screen | sed -n 3p | grep -qF "$dup"
ok $? "a new visitor's home screen no longer shows it"
dup_label=$(sql "SELECT level2 || '（' || level1 || '） · ' || jurisdiction
	FROM item WHERE level2 = '$dup' ORDER BY id LIMIT 1")
screen | sed -n 3p | grep -qF "$dup_label"
ok $? "names that repeat, 一级事项 and all, carry their publisher: $dup_label"
kiosk_stop

# A new import without one of the hot items, and with the rows shifted:
# the marks stay; the item that left is not shown until it comes back.
gone=$(sql "SELECT jurisdiction FROM item WHERE level2 = '$dup' ORDER BY id LIMIT 1")
python3 - "$REF" "$T_TMP/new.csv" "$dup" "$gone" "$(name "$y")" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
# Without the first row (unless it is one of ours) every id shifts.
if rows[0]["level2"] not in (sys.argv[3], sys.argv[5]):
    rows = rows[1:]
keep = [r for r in rows if not (r["level2"] == sys.argv[3] and r["jurisdiction"] == sys.argv[4])]
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""), fieldnames=rows[0].keys())
w.writeheader()
w.writerows(keep)
PY
"$ADMIN" --catalogue "$DB" import --quiet "$T_TMP/new.csv"
ok $? "a new catalogue is imported"
"$ADMIN" --catalogue "$DB" hot list | grep -A1 -F "$gone" | grep -qF "$(msg zh_CN "(not in the live catalogue: not shown until it is again)")"
ok $? "hot list says which hot item is not in the new catalogue"
kiosk_start 200 30
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Chosen by the staff")"
[ "$(screen | grep -cF "$dup")" = 2 ] && ! screen | grep -F "$dup" | grep -qF "$gone"
ok $? "the kiosk shows the two that are still there"
keys Escape
wait_for "$home"
click_on "$(name "$y")"
wait_for "公开内容"
[ "$(field <(item_dump) 二级事项)" = "$(name "$y")" ]
ok $? "and finds each in the new catalogue by its names, not its old id"
kiosk_stop

# The most viewed of the last 30 days, where the hall shows them.
printf 'hot_most_viewed = yes\n' >"$T_TMP/viewed.conf"
view() {	# view ID...: open each item once, each as a new visitor
	local id
	for id in "$@"; do
		# By name: the ids are the new catalogue's now.
		goto_item "$(sql "SELECT id FROM item WHERE level2 = '$(name "$id")'")"
		keys F12
		wait_for "$home"
	done
}
kiosk_start 100 30
wait_for "$home"
view "$w" "$z"
kiosk_stop
key_of() { st "SELECT key FROM item_key WHERE level2 = '$(name "$1")'"; }
# Over the floor (20 views on 3 days): 52 views on today and the two days
# before. z: more, but 40 days ago.
st "UPDATE views SET n = 50 WHERE key = '$(key_of "$w")';
	INSERT INTO views VALUES ('$(key_of "$w")', date('now', 'localtime', '-1 days'), 1),
		('$(key_of "$w")', date('now', 'localtime', '-2 days'), 1);
	UPDATE views SET n = 90, day = date('now', 'localtime', '-40 days')
	WHERE key = '$(key_of "$z")'"
CONFIG=$T_TMP/viewed.conf kiosk_start 100 30
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Most viewed in the last 30 days")"
screen | grep -qF "$(name "$w")"
ok $? "the most viewed item of the last 30 days is listed"
handled && ! screen | grep -qF "$(name "$z")"
ok $? "one viewed more, but 40 days ago, is not"
keys Escape
wait_for "$home"
kiosk_stop
kiosk_start 100 30
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Chosen by the staff")"
handled && ! screen | grep -qF "$(msg zh_CN "Most viewed in the last 30 days")"
ok $? "without hot_most_viewed the views are counted but not shown"
kiosk_stop

# Privacy (issue 12): one view by a visitor never shows to the next one.
# 90 views on one day in the window are not enough either (3 days needed).
v_name=$(sql "SELECT level2 FROM item WHERE level2 <> '' AND level2 IN
	(SELECT level2 FROM item GROUP BY level2 HAVING count(*) = 1)
	AND level2 NOT IN ('$(name "$w")', '$(name "$z")', '$(name "$x")', '$(name "$y")')
	ORDER BY length(level2) DESC, id LIMIT 1")
v_id=$(sql "SELECT id FROM item WHERE level2 = '$v_name'")
st "UPDATE views SET day = date('now', 'localtime') WHERE key = '$(key_of "$z")'"
CONFIG=$T_TMP/viewed.conf kiosk_start 200 30
goto_item "$v_id"
ok $? "a visitor opens an item ($v_name)"
keys Escape Escape F12
wait_for "$home"
handled && ! screen | grep -qF "$v_name" && screen | grep -qF "$(name "$w")"
ok $? "F12: the next visitor's home screen does not show it (but the item over the floor)"
keys t
wait_for "$(msg zh_CN "Most viewed in the last 30 days")"
handled && ! screen | grep -qF "$v_name" && ! screen | grep -qF "$(name "$z")"
ok $? "nor does t; nor the item with 90 views all on one day"
kiosk_stop
[ "$(st "SELECT sum(n) FROM views JOIN item_key USING (key) WHERE level2 = '$v_name'")" = 1 ]
ok $? "the view was counted, once"
printf 'hot_most_viewed = yes\nhot_min_views = 1\nhot_min_days = 1\n' >"$T_TMP/nofloor.conf"
CONFIG=$T_TMP/nofloor.conf kiosk_start 200 30
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Most viewed in the last 30 days")"
screen | grep -qF "$v_name" && screen | grep -qF "$(name "$z")"
ok $? "with hot_min_views = 1 and hot_min_days = 1 the same view shows (the check above is not blind)"


# By id, as chayue-admin search shows it; named with the 一级事项.
mkdir -p "$T_TMP/byid"
cp "$DEMO_DB" "$T_TMP/byid/c.db"
id=$(DB=$T_TMP/byid/c.db sql "SELECT max(id) FROM item WHERE level2 <> '' AND level1 <> level2")
want=$(DB=$T_TMP/byid/c.db sql "SELECT level2 || '（' || level1 || '）' FROM item WHERE id = $id")
"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot add "#$id" >"$T_TMP/out"
[ $? = 0 ] && grep -qF "$want" "$T_TMP/out"
ok $? "hot add '#$id' marks that item, named with its 一级事项: $(cat "$T_TMP/out")"
"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot list | grep -qF "$want"
ok $? "hot list names it the same way"
"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot add "#999999" >/dev/null 2>&1
[ $? = 1 ]
ok $? "an id the catalogue does not hold is refused"
"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot remove "#999999" >/dev/null 2>&1
[ $? = 1 ]
ok $? "hot remove of an id the catalogue does not hold is refused"
"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot remove "#$id" >"$T_TMP/out"
[ $? = 0 ] && grep -qF "$want" "$T_TMP/out" &&
	"$ADMIN" --catalogue "$T_TMP/byid/c.db" hot list |
	grep -qF "$(msg zh_CN "There are no hot items.")"
ok $? "hot remove '#$id' unmarks it: $(cat "$T_TMP/out")"

done_testing
