#!/bin/bash
# The walk-away reset: after the idle time a visible countdown, any key
# stays, then a fresh home screen with nothing of the last visitor left,
# not even through "back". F12 does the same at once.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

home="政务公开事项目录查阅"
dom=$(sql "SELECT domain_id FROM item WHERE level_county = 1
	GROUP BY domain_id ORDER BY count(*) DESC, domain_id LIMIT 1")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
all=$(sql "SELECT count(*) FROM item WHERE domain_id = $dom")

# A visitor browses: a domain, a level filter, an item, scrolled down.
visit() {
	open_domain "$pos"
	wait_for "层级："
	keys l
	wait_for " $(sql "SELECT count(*) FROM item WHERE domain_id = $dom AND level_county = 1") 项"
	keys Enter
	wait_for "公开内容"
	keys Down Down
	handled
	scrolled=$(screen | sed -n 2p)
}

kiosk_start 80 24 --kiosk --idle 15
wait_for "$home"
# A countdown would show from 5 s without input until the reset at 15 s
# (which would clear it again): look in between. A countdown would also
# take handled's marker key, and handled would fail.
sleep 8
handled && ! screen | grep -qF "秒后返回首页"
ok $? "nobody has touched it: no countdown on a fresh home screen"

visit
wait_for "秒后返回首页。触摸屏幕或按任意键继续。"
ok $? "after 5 s idle a countdown says the kiosk will go home"
screen | grep -qE "(10|[1-9]) 秒后返回首页"
ok $? "the countdown shows the seconds left"
keys Space
wait_gone "秒后返回首页"
[ "$(screen | sed -n 2p)" = "$scrolled" ]
ok $? "any key stays: the countdown goes, the page is as it was (not scrolled)"

wait_for "秒后返回首页"
wait_for "$home"
screen | sed -n 4p | grep -qF " 1 "
ok $? "then the kiosk returns to the home screen"
handled Escape BSpace Left && screen | head -n 1 | grep -qF "$home"
ok $? "nothing to go back to: the last visitor's screens are gone"
open_domain "$pos"
wait_for "层级："
screen | head -n 1 | grep -qE " $all 项 *$"
ok $? "the domain opens unfiltered again ($all items)"

keys Enter
wait_for "公开内容"
keys F12
wait_for "$home"
handled Escape && screen | head -n 1 | grep -qF "$home"
ok $? "F12 (new visitor) goes to a fresh home screen at once"
colours() { tmux -L "$T_SOCK" capture-pane -p -e -t t | head -n 1; }
before=$(colours)
keys F2 F3
settle
[ "$(colours)" != "$before" ]
ok $? "F3 changes the colours of the title bar"
keys F12
settle
screen | sed -n 5p | grep -qF " 3 "
ok $? "and back to the configured text size"
[ "$(colours)" = "$before" ]
ok $? "and to the configured colours"

# A visitor searches and walks away: the next one finds no query, nor the
# keypad the last one opened (a window too small for it folds it away).
resize 40 12
keys /
wait_for "键盘"
click_on "键盘"
wait_for "收起键盘"
type_text 低保
wait_for "条结果"
wait_for "秒后返回首页"
wait_for "$home"
keys /
wait_for "检索："
handled && screen | sed -n 2p | grep -qE "^ *检索： *(键盘)? *$" && ! screen | grep -qF 低保
ok $? "the walk-away reset leaves no search text behind"
screen | grep -qF "键盘" && ! screen | grep -qF "收起键盘" &&
	! screen | grep -qE '^ +A +B +C'
ok $? "nor an opened keypad: it is folded again"
kiosk_stop

# Plain mode with --idle 0: no reset at all. The kiosk looks at the clock
# after every key, so an --idle 0 taken as no time at all would reset or
# count down at handled's keys.
kiosk_start 80 24 --idle 0
wait_for "$home"
open_domain "$pos"
wait_for "层级："
handled && ! screen | grep -qF "秒后返回首页" && screen | grep -qF "层级："
ok $? "--idle 0 turns the reset off"
kiosk_stop

# A visitor reading an item page gets idle_seconds_reading, one on a list
# idle_seconds: the countdown (the last 10 s) comes after 20 s, not 5 s.
printf 'idle_seconds = 15\nidle_seconds_reading = 30\n' >"$T_TMP/reading.conf"
CONFIG=$T_TMP/reading.conf kiosk_start 80 24
wait_for "$home"
open_domain "$pos"
wait_for "层级："
keys Enter
wait_for "公开内容"
handled
t0=$(date +%s)
wait_for "触摸屏幕或按任意键继续"
t1=$(date +%s)
[ $((t1 - t0)) -ge 14 ]
ok $? "on the item page the countdown comes after idle_seconds_reading - 10 s ($((t1 - t0)) s)"
keys Space
wait_gone "秒后返回首页"
keys Escape
wait_for "层级："
handled
t0=$(date +%s)
wait_for "触摸屏幕或按任意键继续"
t1=$(date +%s)
[ $((t1 - t0)) -lt 14 ]
ok $? "on the list after idle_seconds - 10 s ($((t1 - t0)) s)"
kiosk_stop

printf 'idle_seconds_reading = 10\n' >"$T_TMP/bad.conf"
"$CHAYUE" --config "$T_TMP/bad.conf" --catalogue "$DEMO_DB" </dev/null >/dev/null 2>"$T_TMP/err"
[ $? = 2 ] && grep -qF "idle_seconds_reading" "$T_TMP/err"
ok $? "idle_seconds_reading below 15 s is refused, by name"

CONFIG=/dev/null "$CHAYUE" --idle 5 --catalogue "$DEMO_DB" </dev/null >/dev/null 2>"$T_TMP/err"
[ $? = 2 ] && grep -qF -- "--idle 5: " "$T_TMP/err"
ok $? "--idle below 15 s is refused with a message"

done_testing
