#!/bin/bash
# What goes wrong from outside: a missing or corrupt catalogue, a bad
# configuration file, and catalogue text full of escape sequences and
# control characters, which must never reach the terminal.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_and_exit() {	# start_and_exit: run chayue in tmux until it exits
	kiosk_start 80 24 "$@"
	wait_exit
}

DB=$T_TMP/missing.db start_and_exit
[ "$(pane_status)" = 1 ] && output | grep -qF "chayue-admin import"
ok $? "a missing catalogue: exit 1 and a message saying how to make one"
kiosk_stop

printf 'this is not a database\n%.0s' $(seq 200) >"$T_TMP/junk.db"
DB=$T_TMP/junk.db start_and_exit
[ "$(pane_status)" = 1 ] && output | grep -qF "junk.db: "
ok $? "a corrupt catalogue: exit 1 and a message naming the file"
kiosk_stop

head -c 2048 "$DEMO_DB" >"$T_TMP/truncated.db"
DB=$T_TMP/truncated.db start_and_exit
s=$(pane_status)
[ "$s" -ge 1 ] && [ "$s" -lt 128 ]
ok $? "a truncated catalogue: an error exit ($s), not a crash"
kiosk_stop

printf 'language = zh_CN\nmouse = maybe\n' >"$T_TMP/bad.conf"
CONFIG=$T_TMP/bad.conf start_and_exit
[ "$(pane_status)" = 2 ] && output | grep -qF "bad.conf:2: mouse"
ok $? "a bad configuration: exit 2 and file:line: what is wrong"
kiosk_stop

# Hostile text in the catalogue: set the window title, clear the screen,
# change colours, move the cursor, override bidi, invalid UTF-8.
cp "$DEMO_DB" "$T_TMP/hostile.db"
DB=$T_TMP/hostile.db sql "UPDATE item SET
	level2 = 'EVIL' || char(27) || ']2;PWNED' || char(7) || char(27) || '[2J' ||
		char(27) || '[31m' || 'RED' || char(8238) || 'x' || char(155) || '5B',
	content = 'A' || char(27) || '[10;10H' || 'B' || char(13) || 'C' || char(9) ||
		'D' || cast(x'ff' AS TEXT) || 'E' || char(27) || 'c'
	WHERE id = (SELECT min(id) FROM item WHERE domain_id = 1)"
DB=$T_TMP/hostile.db kiosk_start 80 24
wait_for "政务公开事项目录查阅"
open_domain 1
wait_for "层级："
settle
title=$(tmux -L "$T_SOCK" display -p -t t '#{pane_title}')
[ "$title" != PWNED ]
ok $? "an OSC title sequence in the data does not set the window title"
screen | grep -qE "^ +1  EVIL.*RED"
ok $? "the hostile item name is shown as plain text"
tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -F 'RED' | grep -qF $'\033[31m'
[ $? -ne 0 ]
ok $? "its colour escape is not obeyed"
keys Enter
wait_for "公开内容"
settle
[ "$(field <(item_dump) 公开内容)" = "ABC D�E" ]
ok $? "cursor moves, carriage returns, tabs and invalid bytes are neutralised"
screen | head -n 1 | grep -qF "$(sql "SELECT name FROM domain WHERE position = 1")"
ok $? "the title bar is intact"

done_testing
