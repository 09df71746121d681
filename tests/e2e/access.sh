#!/bin/bash
# For the people who use it: large text (double-spaced, fewer items a
# screen), a high-contrast theme, black and white where there are no
# colours; from the configuration and with one key.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

numbered() { screen | grep -cE '^ +[0-9]+  '; }
colours() { tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -oE $'\033\\[[0-9;]*m' | sort -u | tr -d '\n'; }
has_colour() { colours | grep -qE '\[([0-9;]*;)?(3[0-7]|4[0-7])(;[0-9;]*)?m'; }
# Yellow (33/43) marks the high-contrast theme.
has_yellow() { colours | grep -qE '\[([0-9;]*;)?(33|43)(;[0-9;]*)?m'; }

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
open_domain 5
wait_for "层级："
before=$(numbered)
keys F2
settle
after=$(numbered)
[ "$after" -lt "$before" ] && [ "$after" -ge $((before / 2 - 1)) ]
ok $? "F2: large text shows fewer items a screen ($before, then $after)"
screen | sed -n 6p | grep -qE '^ *$'
ok $? "and leaves a blank line between them"
keys Enter
wait_for "公开内容"
screen | sed -n 4p | grep -qE "^ 领域 *$" && screen | sed -n 5p | grep -qE '^   [^ ]' &&
	screen | sed -n 6p | grep -qE '^ *$' && screen | sed -n 7p | grep -qE "^ 一级事项 *$" &&
	screen | sed -n 8p | grep -qE '^   [^ ]' && screen | sed -n 9p | grep -qE '^ *$'
ok $? "the item page in large text: labels above values, a blank line between elements"
handled F2
screen | sed -n 4p | grep -qF "领域" && screen | sed -n 5p | grep -qF "一级事项"
ok $? "F2 again: normal spacing"

normal=$(colours)
has_colour
ok $? "the normal theme uses colours"
! has_yellow
ok $? "(no yellow in the normal theme)"
handled F3
contrast=$(colours)
[ "$contrast" != "$normal" ] && has_yellow
ok $? "F3: the high-contrast theme (yellow on black)"
! colours | grep -qE '\[([0-9;]*;)?43(;[0-9;]*)?m'
ok $? "(no yellow background: on the Linux console that is brown)"
handled F3 && ! has_colour
ok $? "F3 again: black and white, no colours"
handled F3 && [ "$(colours)" = "$normal" ]
ok $? "F3 a third time: back to normal"
kiosk_stop

# F2, F3 and F12 are buttons on every key bar, for a touch screen.
kiosk_start 80 24 --kiosk
wait_for "政务公开事项目录查阅"
bar_has_shared() { screen | tail -n 1 | grep -qE "F2 大字  F3 配色  F12 重新开始  F4 繁體中文 *$"; }
bar_has_shared
ok $? "the home screen's key bar: F2 大字, F3 配色, F12 重新开始"
open_domain 5
wait_for "层级："
bar_has_shared
ok $? "the domain's key bar too"
before=$(numbered)
click_on "F2 大字"
settle
after=$(numbered)
[ "$after" -lt "$before" ]
ok $? "touching F2 turns large text on ($before, then $after items)"
c=$(colours)
click_on "F3 配色"
handled && [ "$(colours)" != "$c" ] && has_yellow
ok $? "touching F3 switches the colours"
keys Enter
wait_for "公开内容"
bar_has_shared && screen | tail -n 1 | grep -qF "Esc 返回"
ok $? "the item page's key bar keeps its own buttons and the shared ones"
click_on "F12 重新开始"
wait_for "政务公开事项目录查阅"
handled Escape && screen | head -n 1 | grep -qF "政务公开事项目录查阅" && ! has_yellow
ok $? "touching F12: a new visitor's home screen, in the configured colours"
kiosk_stop

printf 'theme = high-contrast\nlarge_text = yes\n' >"$T_TMP/a11y.conf"
CONFIG=$T_TMP/a11y.conf kiosk_start 80 24
wait_for "政务公开事项目录查阅"
has_yellow
ok $? "theme = high-contrast in the configuration"
screen | sed -n 5p | grep -qE '^ *$'
ok $? "large_text = yes in the configuration"
kiosk_stop

# A terminal without colours gets black and white whatever the setting.
T_TERM=vt100 kiosk_start 80 24
wait_for "政务公开事项目录查阅"
handled && ! has_colour
ok $? "a terminal without colours: no colour codes at all"

done_testing
