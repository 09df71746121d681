#!/bin/bash
# Resizing at any moment: each screen lays itself out again; below 40x12 a
# "window too small" notice, and the screen comes back when enlarged.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

fits() {	# fits COLS: no line wider than COLS, title and key bar present
	[ "$(max_width)" -le "$1" ] && screen | tail -n 1 | grep -qF "Esc 返回"
}
# small_at ROWS: the "window too small" notice is where the kiosk puts it
# in a window ROWS high (the middle row): it has seen that size.
small_at() { screen | sed -n "$(($1 / 2 + 1))p" | grep -qF "窗口太小"; }

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
resize 40 12
eventually drawn_for 40
[ "$(max_width)" -le 40 ] && screen | grep -qE "^ +1 "
ok $? "home: redrawn at 40x12"
resize 120 30
eventually drawn_for 120
screen | grep -qE "26 $(sql "SELECT name FROM domain WHERE position = 26")"
ok $? "home: enlarged to 120x30 shows all domains again"

open_domain 5
wait_for "层级："
resize 50 14
eventually drawn_for 50
fits 50 && screen | grep -qF "层级："
ok $? "domain list: redrawn at 50x14"

keys Enter
wait_for "公开内容"
resize 40 12
eventually drawn_for 40
fits 40 && screen | grep -qE "^ (领域|一级事项|二级事项|公开内容)"
ok $? "item page: re-wrapped at 40x12 with labels above the values"
resize 200 60
eventually drawn_for 200
fits 200 && screen | grep -qE "^ +来源网址  http"
ok $? "item page: re-wrapped at 200x60 with labels beside the values"

resize 30 10
wait_for "窗口太小"
ok $? "below 40x12 a 'window too small' notice is shown"
# Keys in a window too small do nothing: the item page comes back unscrolled.
keys Down Enter Escape
resize 39 12
eventually small_at 12
ok $? "39 columns is still too small"
resize 40 11
eventually small_at 11
ok $? "11 rows is still too small"
resize 1 1
settle
resize 80 24
eventually drawn_for 80
handled && fits 80 && ! screen | grep -qF "窗口太小" &&
	screen | head -n 1 | grep -qE "第 1/[0-9]+ 页 *$" && screen | grep -qF "公开内容"
ok $? "enlarged again, the item page comes back as it was: keys did nothing meanwhile"
keys Escape
wait_for "层级："
ok $? "and the screen stack is intact (Esc goes back to the domain)"

# Resize while covered: the domain list, laid out at 80x24, was under the
# item page when the window changed; going back shows it at the new size.
keys Enter
wait_for "公开内容"
resize 45 15
eventually drawn_for 45
keys Escape
wait_for "层级："
eventually drawn_for 45
fits 45
ok $? "a screen resized while covered is laid out for the new size"

done_testing
