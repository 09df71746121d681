#!/bin/bash
# The home screen: every national domain with its item count in standard
# order, the catalogue's version and publishers, digits, help, quit.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
ok $? "the home screen opens on the demo catalogue"

missing=0
while IFS='|' read -r pos name count; do
	screen | grep -qE "(^| )$pos $name \($count\)" || {
		diag "not on screen: $pos $name ($count)"
		missing=1
	}
done < <(sql "SELECT position, name, (SELECT count(*) FROM item
	WHERE domain_id = domain.id) FROM domain WHERE national ORDER BY position")
ok $missing "all 26 national domains are listed, numbered in standard order, with counts"

created=$(sql "SELECT value FROM meta WHERE key = 'created'")
# Written as Chinese writes dates (2026年11月26日).
screen | head -n 1 | grep -qF "版本 $(date -d "$created" '+%Y年%-m月%-d日')"
ok $? "the title bar shows the catalogue version date ($created)"

top=$(sql "SELECT jurisdiction FROM item WHERE jurisdiction <> ''
	GROUP BY jurisdiction ORDER BY count(*) DESC, jurisdiction LIMIT 1")
screen | sed -n 2p | grep -qF "$top"
ok $? "the publishing governments are shown ($top first)"

total=$(sql "SELECT count(*) FROM item")
screen | sed -n 2p | grep -qF "共 $total 项"
ok $? "the item total is shown"

screen | tail -n 1 | grep -qF "? 帮助"
ok $? "the key bar shows the keys"

name=$(sql "SELECT name FROM domain WHERE position = 26")
open_domain 26
wait_for "层级："
screen | head -n 1 | grep -qF "$name"
ok $? "typing 2 6 Enter opens domain 26 ($name)"

keys Escape
wait_for "政务公开事项目录查阅"
ok $? "Esc goes back to the home screen"

keys Home Right Right Right Enter
name=$(sql "SELECT name FROM domain WHERE position = 4")
wait_for "$name"
screen | head -n 1 | grep -qF "$name"
ok $? "Home then Right three times selects domain 4 ($name)"
keys BSpace
wait_for "政务公开事项目录查阅"
ok $? "Backspace goes back"

# Down moves to the cell below: the first domain of the grid's second row.
below=$(screen | sed -n 5p | awk '{print $2}')
keys Home Down Enter
wait_for "层级："
screen | head -n 1 | grep -qF "$below"
ok $? "Down moves to the domain below ($below)"
keys Escape
wait_for "政务公开事项目录查阅"

keys '?'
wait_for "基本操作"
screen | head -n 1 | grep -qF "帮助"
ok $? "? opens the help screen"
keys Escape
wait_for "政务公开事项目录查阅"
keys F1
wait_for "基本操作"
ok $? "F1 opens the help screen"
keys Escape
wait_for "政务公开事项目录查阅"

keys q
wait_exit
ok $? "q quits in plain mode"
[ "$(pane_status)" = 0 ]
ok $? "and the exit status is 0"
kiosk_stop

# Local domains come after the 26 national ones, numbered on: the reference
# rows, then two local domains that first appear in this order.
REF=$top_srcdir/data/demo/reference-catalogue.csv
{
	cat "$REF"
	tail -n 1 "$REF" | awk -F, -v OFS=, '{ $1 = "村务公开"; $3 = "村务一"; print }'
	tail -n 1 "$REF" | awk -F, -v OFS=, '{ $1 = "村务公开"; $3 = "村务二"; print }'
	tail -n 1 "$REF" | awk -F, -v OFS=, '{ $1 = "惠侨政策"; $3 = "惠侨一"; print }'
} >"$T_TMP/local.csv"
"$ADMIN" --catalogue "$T_TMP/local.db" import --quiet --yes "$T_TMP/local.csv"
DB=$T_TMP/local.db kiosk_start 80 24
wait_for "政务公开事项目录查阅"
screen | grep -qE "26 $(sql "SELECT name FROM domain WHERE position = 26") " &&
	screen | grep -qE "27 村务公开 \(2\)" && screen | grep -qE "28 惠侨政策 \(1\)"
ok $? "local domains follow the national ones (27 村务公开, 28 惠侨政策)"
open_domain 27
wait_for "村务一"
screen | head -n 1 | grep -qF "村务公开"
ok $? "and open like any other (27 → 村务公开)"

done_testing
