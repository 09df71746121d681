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
word() { case "$1" in 1) echo 是 ;; 0) echo 否 ;; *) echo 未注明 ;; esac; }

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
	[ "$(field "$dump" 公开对象 | squash)" = "全社会:$(word "$(val audience_all)")特定群体:$(word "$(val audience_specific)")" ]
	ok $? "${cols}x$rows: audience flags in words ($(field "$dump" 公开对象))"
	field "$dump" 公开层级 | grep -qF "村级: 未注明"
	ok $? "${cols}x$rows: an empty level flag reads 未注明, not 否"
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

# Scrolling: Down, PgDn, End, Home move the page.
kiosk_start 80 24
open_item
keys Down
wait_for " 2/"
ok $? "Down scrolls one line"
total=$(screen | head -n 1 | grep -oE '[0-9]+ *$')
# 24 rows leave 21 for the body; a page moves 20 so one line stays.
want=$((total - 20 < 22 ? total - 20 : 22))
keys NPage
wait_for " $want/$total"
ok $? "PgDn scrolls a page (to $want/$total)"
keys End
wait_for " $((total - 20))/$total"
ok $? "End shows the last page"
keys Home
wait_for " 1/$total"
ok $? "Home goes back to the top"

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
