#!/bin/bash
# The item page at 80x24, 40x12 and 200x60: every element labelled, the
# long ones wrapped by display columns inside the window with nothing lost,
# flags in words with 未注明 for "the source does not say", scrolling.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# A long item that states some flags and leaves others out.
id=$(sql "SELECT id FROM item WHERE audience_all IS NOT NULL
	AND level_county IS NOT NULL AND level_village IS NULL AND subject <> ''
	ORDER BY length(content) + length(basis) DESC, id LIMIT 1")
dom=$(sql "SELECT domain_id FROM item WHERE id = $id")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
num=$(sql "SELECT n FROM (SELECT id, row_number() OVER () AS n
	FROM ($(item_order_sql "$dom"))) WHERE id = $id")
val() { sql "SELECT $1 FROM item WHERE id = $id"; }
# words NAME=VALUE...: a flag group as the page says it, on one line: the
# flags that are yes (else 非 and those that are no), then those unstated.
words() {
	local a n yes='' no='' un='' main
	for a in "$@"; do
		n=${a%%=*}
		case ${a#*=} in
		1) yes=${yes:+$yes、}$n ;;
		0) no=${no:+$no、}$n ;;
		*) un=${un:+$un、}$n ;;
		esac
	done
	main=${yes:-非$no}
	[ -n "$un" ] && main="$main（${un}未注明）"
	echo "$main"
}

open_item() {
	wait_for "政务公开事项目录查阅"
	open_domain "$pos"
	wait_for "层级："
	type_text "$num"
	keys Enter
	wait_for "公开内容"
}

check_page() {	# check_page COLS ROWS
	local cols=$1 rows=$2 dump=$T_TMP/item-$1x$2
	kiosk_start "$cols" "$rows"
	open_item
	item_dump >"$dump"
	bad=0
	for label in 领域 一级事项 二级事项 公开内容 公开依据 公开时限 公开主体 \
	    公开渠道 公开对象 公开方式 公开层级 发布机关 来源网址; do
		grep -qE "^ $label" "$dump" || { diag "no label $label"; bad=1; }
	done
	ok $bad "${cols}x$rows: every element is labelled"
	bad=0
	for col in content basis subject time_limit source_url; do
		label=$(case $col in content) echo 公开内容 ;; basis) echo 公开依据 ;;
		    subject) echo 公开主体 ;; time_limit) echo 公开时限 ;;
		    source_url) echo 来源网址 ;; esac)
		[ "$(field "$dump" "$label" | squash)" = "$(val "$col" | squash)" ] ||
			{ diag "$label differs: $(field "$dump" "$label")"; bad=1; }
	done
	ok $bad "${cols}x$rows: content, basis, subject, time limit and source are complete"
	[ "$(field "$dump" 公开渠道 | squash)" = "$(val "replace(channels, char(10), '')" | squash)" ]
	ok $? "${cols}x$rows: the ticked channels are listed"
	[ "$(field "$dump" 公开对象 | squash)" = "$(words 全社会="$(val audience_all)" 特定群体="$(val audience_specific)")" ]
	ok $? "${cols}x$rows: audience flags in words, one line ($(field "$dump" 公开对象))"
	[ "$(field "$dump" 公开层级 | squash)" = "$(words 县级="$(val level_county)" 乡级="$(val level_township)" 村级="$(val level_village)")" ] &&
		field "$dump" 公开层级 | grep -qF "村级未注明"
	ok $? "${cols}x$rows: an empty level flag reads 未注明, not 否 ($(field "$dump" 公开层级))"
	[ "$(max_width)" -le "$cols" ]
	ok $? "${cols}x$rows: no line is wider than the window"
	# At narrow widths the content must really have been wrapped.
	# The content is mostly CJK (two columns a character): where it
	# cannot fit on one line it must have been wrapped onto several.
	if [ $(($(val "length(content)") * 2)) -gt "$cols" ]; then
		[ "$(field_lines "$dump" 公开内容)" -gt 1 ]
		ok $? "${cols}x$rows: the long content is wrapped onto several lines"
	fi
	kiosk_stop
}

check_page 80 24
check_page 40 12
check_page 200 60

# A large screen: a reading column of 100 columns, centred.
kiosk_start 160 50
open_item
eventually drawn_for 160
python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
body = [l.rstrip() for l in sys.stdin.read().split("\n")[1:-3] if l.strip()]
left = min(len(l) - len(l.lstrip(" ")) for l in body)
right = max(w(l) for l in body)
print(left, right)
sys.exit(0 if left >= 30 and right <= 130 else 1)' <<<"$(screen)" >"$T_TMP/col"
ok $? "160x50: the item page is a reading column inside columns 30..130 ($(cat "$T_TMP/col"))"
kiosk_stop

# Scrolling: Down, PgDn, End, Home move the page.
# 16 rows, so that the item takes more than a page.
kiosk_start 80 16
open_item
labels='^ (领域|一级事项|二级事项|公开内容|公开依据|公开时限|公开主体|公开渠道|公开对象|公开方式|公开层级|发布机关|编码|来源网址)'
# 16 rows leave 13 for the body; the elements that start below them.
below=$(item_dump | tail -n +14 | grep -cE "$labels")
keys Home
wait_for "第 1/"
title=$(screen | head -n 1)
pages=$(printf '%s\n' "$title" | grep -oE '第 1/[0-9]+ 页' | grep -oE '/[0-9]+' | tr -d /)
printf '%s\n' "$title" | grep -qE "↓ 还有 $below 项  第 1/$pages 页 *$" && [ "$pages" -ge 2 ]
ok $? "the title says how many elements are below and which page: ↓ 还有 $below 项, 第 1/$pages 页"
first=$(screen | sed -n 2p)
handled Down && [ "$(screen | sed -n 2p)" != "$first" ] && screen | head -n 1 | grep -qF "第 1/$pages 页"
ok $? "Down scrolls one line (still page 1)"
keys NPage
wait_for "第 2/$pages 页"
ok $? "PgDn scrolls a page (page 2 of $pages)"
keys End
wait_for "第 $pages/$pages 页"
! screen | head -n 1 | grep -qF "↓"
ok $? "End shows the last page, and nothing is below"
keys Home
wait_for "第 1/$pages 页"
screen | sed -n 2,4p | squash | grep -qF "$(printf '%s（%s）' "$(val level2)" "$(val level1)" | squash)"
ok $? "Home goes back to the top: the heading names the 二级事项 with its 一级事项"

kiosk_stop

# An item whose source states no level at all reads 未注明 once.
id=$(sql "SELECT id FROM item WHERE level_county IS NULL AND level_township IS NULL
	AND level_village IS NULL ORDER BY id LIMIT 1")
dom=$(sql "SELECT domain_id FROM item WHERE id = $id")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
num=$(sql "SELECT n FROM (SELECT id, row_number() OVER () AS n
	FROM ($(item_order_sql "$dom"))) WHERE id = $id")
kiosk_start 100 40
open_item
[ "$(field <(item_dump) 公开层级)" = 未注明 ]
ok $? "no level flag at all: 公开层级 reads 未注明"

kiosk_stop

# East Asian ambiguous characters: with ambiguous_width = 2 the layout
# gives ■ two columns, so the same text takes twice the lines.
DB=$T_TMP/ambiguous.db
cp "$DEMO_DB" "$DB"
id=$(sql "SELECT min(id) FROM item WHERE domain_id = 1")
sql "UPDATE item SET content = '$(printf '■%.0s' $(seq 72))' WHERE id = $id"
pos=1
num=$(sql "SELECT n FROM (SELECT id, row_number() OVER () AS n
	FROM ($(item_order_sql 1))) WHERE id = $id")
for width in 1 2; do
	printf 'ambiguous_width = %s\n' $width >"$T_TMP/amb.conf"
	CONFIG=$T_TMP/amb.conf kiosk_start 40 30
	open_item
	# 40 columns, labels above values: values get columns 3..38 (36).
	lines=$(field_lines <(item_dump) 公开内容)
	[ "$lines" = $((72 * width / 36)) ]
	ok $? "ambiguous_width = $width: 72 ■ take $((72 * width / 36)) lines of 36 columns ($lines)"
	kiosk_stop
done

done_testing
