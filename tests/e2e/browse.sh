#!/bin/bash
# The domain screen: level-1 groups and level-2 items, the level filter
# (县级/乡级/村级/层级未注明), the jurisdiction filter, digits, opening items.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# The domain whose county filter narrows the list most usefully, among
# those that also hold items with no level stated.
dom=$(sql "SELECT domain_id FROM item GROUP BY domain_id
	HAVING sum(coalesce(level_county, 0) + coalesce(level_township, 0) +
	coalesce(level_village, 0) = 0) > 0
	ORDER BY sum(level_county = 1) DESC, domain_id LIMIT 1")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
name=$(sql "SELECT name FROM domain WHERE id = $dom")
count() { sql "SELECT count(*) FROM item WHERE domain_id = $dom AND ($1)"; }

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
open_domain "$pos"
wait_for "层级："
screen | head -n 1 | grep -qE "$name +$(count 1) 项"
ok $? "domain $pos ($name) opens with its item count"

first=$(sql "SELECT id FROM ($(item_order_sql "$dom")) LIMIT 1")
group=$(sql "SELECT level1 FROM item WHERE id = $first")
item=$(sql "SELECT CASE WHEN level2 <> '' THEN level2 ELSE level1 END FROM item WHERE id = $first")
screen | sed -n 5p | grep -qF "$group"
ok $? "the first level-1 group heads the list ($group)"
screen | sed -n 6p | grep -qE "^ +1  $item"
ok $? "its first item is numbered 1 ($item)"

check_level() {	# check_level KEYS LABEL SQL
	keys l
	wait_for "$(count "$2") 项"
	screen | head -n 1 | grep -qE " $(count "$2") 项 *$"
	ok $? "l: $1 shows $(count "$2") items"
}
check_level "县级" "level_county = 1"
check_level "乡级" "level_township = 1"
check_level "村级" "level_village = 1"
check_level "层级未注明" "coalesce(level_county, 0) + coalesce(level_township, 0) + coalesce(level_village, 0) = 0"
screen | grep -qE "^ +1  "
ok $? "items with no level are reachable under 层级未注明"
check_level "全部" "1"

# The jurisdiction filter: the picker lists them by count, Enter applies.
j=$(sql "SELECT jurisdiction FROM item WHERE domain_id = $dom
	GROUP BY jurisdiction ORDER BY count(*) DESC, jurisdiction LIMIT 1")
keys j
wait_for "显示以下发布机关的事项"
screen | grep -qF "全部 ($(count 1))"
ok $? "j opens the jurisdiction list with the total"
keys Down Enter
wait_for "发布机关： $j"
screen | head -n 1 | grep -qE " $(count "jurisdiction = '$j'") 项 *$"
ok $? "choosing $j shows only its $(count "jurisdiction = '$j'") items"
keys l
wait_for "$(count "jurisdiction = '$j' AND level_county = 1") 项"
screen | head -n 1 | grep -qE " $(count "jurisdiction = '$j' AND level_county = 1") 项 *$"
ok $? "the level filter combines with the jurisdiction filter"
keys j
wait_for "显示以下发布机关的事项"
keys Enter
wait_for "发布机关： 全部"
ok $? "choosing 全部 clears the jurisdiction filter"
for _ in 1 2 3 4; do keys l; done
wait_for "$(count 1) 项"

# Digits jump to an item by number; Enter opens it.
third=$(sql "SELECT id FROM ($(item_order_sql "$dom")) LIMIT 1 OFFSET 2")
want=$(sql "SELECT CASE WHEN level2 <> '' THEN level2 ELSE level1 END FROM item WHERE id = $third")
type_text 3
keys Enter
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$want"
ok $? "3 Enter opens the third item ($want)"
keys Escape
wait_for "层级："
ok $? "Esc returns to the list"

keys Down Down Down Down Down Down Down Down Down Down End
settle
last=$(sql "SELECT id FROM ($(item_order_sql "$dom")) LIMIT 1 OFFSET $(($(count 1) - 1))")
want=$(sql "SELECT CASE WHEN level2 <> '' THEN level2 ELSE level1 END FROM item WHERE id = $last")
keys Enter
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$want"
ok $? "End selects the last item ($want)"

done_testing
