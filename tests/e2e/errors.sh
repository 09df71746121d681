#!/bin/bash
# What goes wrong from outside: a missing or corrupt catalogue, a bad
# configuration file, and catalogue text full of escape sequences and
# control characters, which must never reach the terminal.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# run_kiosk ARGS...: chayue as the supervisor would start it; its stderr
# goes to $T_TMP/err and its exit status to $status. These failures come
# before the terminal is touched.
run_kiosk() {
	"$CHAYUE" "$@" </dev/null >/dev/null 2>"$T_TMP/err"
	status=$?
}

run_kiosk --config /dev/null --catalogue "$T_TMP/missing.db"
[ $status = 1 ] && grep -qF "目录 $T_TMP/missing.db 不存在" "$T_TMP/err" &&
	grep -qF "chayue-admin import" "$T_TMP/err"
ok $? "a missing catalogue: exit 1 and a message saying how to make one"

printf 'this is not a database\n%.0s' $(seq 200) >"$T_TMP/junk.db"
run_kiosk --config /dev/null --catalogue "$T_TMP/junk.db"
[ $status = 1 ] && grep -qF "junk.db：" "$T_TMP/err"
ok $? "a corrupt catalogue: exit 1 and a message naming the file"

head -c 2048 "$DEMO_DB" >"$T_TMP/truncated.db"
run_kiosk --config /dev/null --catalogue "$T_TMP/truncated.db"
[ $status -ge 1 ] && [ $status -lt 128 ] && [ -s "$T_TMP/err" ]
ok $? "a truncated catalogue: an error exit ($status) with a message, not a crash"

printf 'language = zh_CN\nmouse = maybe\n' >"$T_TMP/bad.conf"
run_kiosk --config "$T_TMP/bad.conf" --catalogue "$DEMO_DB"
[ $status = 2 ] && grep -qF "bad.conf:2: mouse: " "$T_TMP/err"
ok $? "a bad configuration: exit 2 and file:line: what is wrong"

run_kiosk --config /dev/null --catalogue "$DEMO_DB"
[ $status = 1 ] && grep -qF "终端" "$T_TMP/err"
ok $? "no terminal: exit 1 and a message"

# A kiosk does not stop for a missing or damaged catalogue: it asks the
# visitor to tell the staff and opens the catalogue once it is back.
DB=$T_TMP/later.db kiosk_start 80 24 --kiosk
wait_for "目录暂时无法使用，请告知工作人员。"
ok $? "kiosk mode, no catalogue: the 'unavailable, please tell the staff' screen"
handled Enter F12 Escape q C-c && ! pane_dead && screen | grep -qF "请告知工作人员"
ok $? "keys there do not stop it"
cp "$DEMO_DB" "$T_TMP/later.db"
wait_for "政务公开事项目录查阅"
ok $? "once the catalogue is there the kiosk opens it by itself"
kiosk_stop
DB=$T_TMP/junk.db kiosk_start 80 24 --kiosk
wait_for "请告知工作人员"
screen | grep -qF "junk.db"
ok $? "a damaged catalogue: the same screen, with the reason for the staff"
kiosk_stop
# A catalogue path that cannot be read as a file (a directory stands there;
# as root a permission bit would not stop the read).
mkdir "$T_TMP/dir.db"
DB=$T_TMP/dir.db kiosk_start 80 24 --kiosk
wait_for "请告知工作人员"
handled && screen | grep -qF "dir.db" && ! pane_dead
ok $? "an unreadable catalogue: the same screen, the kiosk goes on"
# The keys every screen shares, there: no search without a catalogue,
# help and the PIN prompts open and close, h stays.
handled / && ! pane_dead && screen | grep -qF "请告知工作人员"
ok $? "no catalogue: / does not open a search (and does not crash the kiosk)"
keys h
handled && ! pane_dead && screen | grep -qF "请告知工作人员"
ok $? "no catalogue: h stays on the unavailable screen"
keys F1
wait_for "帮助" && keys Escape && wait_for "请告知工作人员"
ok $? "no catalogue: F1 opens help, Esc comes back"
keys F10
wait_for "输入工作人员密码以关闭查阅终端" && keys Escape &&
	wait_for "请告知工作人员"
ok $? "no catalogue: F10 asks for the staff PIN, Esc comes back"
keys F9
wait_for "密码：" && keys Escape && wait_for "请告知工作人员" && ! pane_dead
ok $? "no catalogue: F9 asks for the staff PIN, Esc comes back"
kiosk_stop
DB=/nonexistent.db kiosk_start 80 24 --kiosk
wait_for "请告知工作人员"
handled / && ! pane_dead && screen | grep -qF "请告知工作人员"
ok $? "a missing catalogue (/nonexistent.db): / does not crash the kiosk"
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
handled
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
kiosk_stop

# The same through the real importer, so that the search index holds it
# too: escape sequences in a name and its content, and overlong cells (a
# 6,000-character name with no break opportunity, 40,000 characters of
# content, a 2,000-byte address).
python3 - "$T_TMP/hostile.csv" <<'EOF2'
import csv, sys
head = ("domain,level1,level2,content,basis,time_limit,subject,channels,"
        "audience_all,audience_specific,method_active,method_on_request,"
        "level_county,level_township,level_village,jurisdiction,source_url")
evil = "EVIL\x1b]2;PWNED\x07\x1b[2J\x1b[31mRED\u202ex"
rows = [["社会救助", "综合", evil, "内容\x1b[10;10H说明\x1b[?1049l", "依据",
         "时限", "主体", "政府网站", "1", "", "", "", "", "", "", "测试县",
         "http://x/" + "a" * 2000],
        ["社会救助", "综合", "超长事项" + "长" * 3000 + "A" * 3000,
         "很长" * 20000, "依据", "时限", "主体", "政府网站", "1", "", "", "",
         "", "", "", "测试县", "http://y/"]]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(head.split(","))
    w.writerows(rows)
EOF2
"$ADMIN" --catalogue "$T_TMP/hostile2.db" import --quiet --yes "$T_TMP/hostile.csv"
ok $? "a catalogue with escape sequences and overlong cells imports"
DB=$T_TMP/hostile2.db kiosk_start 80 24
wait_for "政务公开事项目录查阅"
keys /
wait_for "$(msg zh_CN "Search")"
type_text evil
wait_for "RED"
handled
title=$(tmux -L "$T_SOCK" display -p -t t '#{pane_title}')
[ "$title" != PWNED ] && screen | grep -qF "EVIL" &&
	! tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -F 'RED' | grep -qF $'\033[31m'
ok $? "found by search, the hostile name is plain text: no title set, no colour"
keys Enter
wait_for "公开内容"
settle
[ "$(tmux -L "$T_SOCK" display -p -t t '#{alternate_on}')" = 1 ] &&
	[ "$(field <(item_dump) 公开内容)" = "内容说明" ]
ok $? "its content's cursor move and leaving the alternate screen are not obeyed"
keys Escape C-u
type_text 超长事项
wait_for "超长事项"
handled && [ "$(max_width)" -le 80 ] && ! pane_dead
ok $? "a 6,000-character name in the results stays inside the window"
keys Enter
wait_for "公开内容"
handled End && [ "$(max_width)" -le 80 ] && ! pane_dead && screen | head -n 1 | grep -qF 社会救助
ok $? "its item page, 40,000 characters long, scrolls to the end inside the window"
resize 40 12
handled && [ "$(max_width)" -le 40 ] && ! pane_dead
ok $? "and at 40x12"

done_testing
