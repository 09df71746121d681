#!/bin/bash
# Touch screens: a click (touch) opens domains and items, picks filters,
# presses the key bar; the wheel scrolls.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

name=$(sql "SELECT name FROM domain WHERE position = 5")
dom=$(sql "SELECT id FROM domain WHERE position = 5")
count() { sql "SELECT count(*) FROM item WHERE domain_id = $dom AND ($1)"; }

# 14 rows: the item page is longer than the window, so the wheel can scroll.
kiosk_start 80 14
wait_for "政务公开事项目录查阅"
click_on "$name"
wait_for "层级："
screen | head -n 1 | grep -qF "$name"
ok $? "touching a domain opens it ($name)"

click_on "县级"
wait_for " $(count "level_county = 1") 项"
screen | head -n 1 | grep -qE " $(count "level_county = 1") 项 *$"
ok $? "touching 县级 filters the list"
click_on "全部"
wait_for " $(count 1) 项"
ok $? "touching 全部 clears the level filter"

click_on "全部 ▾"
wait_for "显示以下发布机关的事项"
ok $? "touching the jurisdiction filter opens the list"
j=$(sql "SELECT jurisdiction FROM item WHERE domain_id = $dom AND jurisdiction <> ''
	GROUP BY jurisdiction ORDER BY count(*) DESC, jurisdiction LIMIT 1")
click_on "$j ("
wait_for "发布机关： $j"
screen | head -n 1 | grep -qE " $(count "jurisdiction = '$j'") 项 *$"
ok $? "touching $j in the list shows only its $(count "jurisdiction = '$j'") items"
click_on "$j ▾"
wait_for "显示以下发布机关的事项"
click_on "全部 ("
wait_for " $(count 1) 项"
ok $? "touching 全部 there shows every publisher's items again"
click_on "全部 ▾"
wait_for "显示以下发布机关的事项"
click_on "Esc 返回"
wait_for "层级："
ok $? "touching 'Esc 返回' in the key bar goes back"

first=$(sql "SELECT id FROM ($(item_order_sql "$dom")) LIMIT 1")
item=$(sql "SELECT CASE WHEN level2 <> '' THEN level2 ELSE level1 END FROM item WHERE id = $first")
click 10 5
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$item"
ok $? "touching an item opens it ($item)"

click 10 10 65
handled && ! screen | sed -n 2p | grep -qF "$item"
ok $? "the wheel scrolls the item page down"
click 10 10 64
wait_for "$item" && screen | sed -n 2p | grep -qF "$item"
ok $? "and back up"

click_on "Esc 返回"
wait_for "层级："
keys Escape
wait_for "政务公开事项目录查阅"
# "Enter 打开" takes columns 1-10 of the bar; column 11 is the gap.
handled
before=$(screen)
click 11 13
handled && [ "$(screen)" = "$before" ]
ok $? "a touch on the key bar between keys does nothing"

done_testing
