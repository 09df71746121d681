#!/bin/bash
# Search by touch: the search screen's on-screen keypad, touched as a touch
# screen does (a press and a release), folded away on a small window; and
# typing on the home and domain screens opens the search.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# touch_key LABEL: touch the key labelled LABEL. Keypad lines are the
# lowest lines above the status line made of key labels only.
touch_key() {
	local pos
	pos=$(screen | LABEL=$1 python3 -c '
import os, re, sys, unicodedata
want = os.environ["LABEL"]
keys = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") | {
    "删除", "清空", "空格", "刪除", "清除", "Del", "Clear", "Space"}
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().split("\n")
while lines and lines[-1] == "":
    lines.pop()
for y in range(len(lines) - 3, 0, -1):
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", lines[y])]
    if not words or any(t not in keys for _, t in words):
        continue
    for i, t in words:
        if t == want:
            print(w(lines[y][:i]), y)
            sys.exit(0)
sys.exit(1)') || { diag "no key $1 on screen"; return 1; }
	click ${pos% *} ${pos#* }
}

# query_is TEXT: the query line holds exactly TEXT.
query_is() { screen | sed -n 2p | grep -qE "^ 检索：${1:+ $1} *(键盘|收起键盘)? *\$"; }

# first_for QUERY: the name of chayue-admin search's first result.
first_for() {
	"$ADMIN" --catalogue "$DEMO_DB" search --limit 1 --json "$1" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["name"])'
}

home="政务公开事项目录查阅"
# No walk-away reset in the middle of the test (idle.sh tests it).
kiosk_start 80 24 --idle 0
wait_for "$home"

# Typing on the home screen opens the search with what was typed.
type_text 户
wait_for "检索： 户"
ok $? "a Han character typed on the home screen opens the search with it"
keys Escape
wait_for "$home"
type_text h
eventually query_is h
ok $? "so does a letter (h: on the home screen there is no home to go to)"
keys Escape
wait_for "$home"
handled T Q && screen | grep -qF "$home"
ok $? "T and Q, the home screen's keys t and q in capitals, do not search"
name=$(sql "SELECT name FROM domain WHERE position = 5")
open_domain 5
wait_for "层级："
type_text z
wait_for "仅在 $name 中"
eventually query_is z
ok $? "a letter typed in a domain opens the search narrowed to it ($name)"
keys Escape Escape
wait_for "$home"

# The keypad: A–M, N–Z, 0–9 and the wide keys under the results.
keys /
wait_for "检索："
screen | grep -qE '^ +A +B +C +D +E +F +G +H +I +J +K +L +M *$' &&
	screen | grep -qE '^ +N +O .* Z *$' &&
	screen | grep -qE '^ +0 +1 .* 9 +删除 +清空 +空格 *$'
ok $? "80×24: the search shows the keypad (A–M, N–Z, 0–9 删除 清空 空格)"
! screen | grep -qF "键盘"
ok $? "with no 键盘 button: it is not folded"

first=$(first_for zdsh)
typed=
for k in z d s h; do
	touch_key "${k^^}" || break
	typed=$typed$k
	eventually query_is "$typed" || break
done
query_is zdsh
ok $? "touching Z D S H types zdsh, one letter a touch"
wait_for "   1  $first"
ok $? "and the results follow: $first first, as chayue-admin search says"

touch_key 删除
eventually query_is zds
ok $? "删除 deletes the last character"
wait_for "   1  $(first_for zds)"
ok $? "and the results follow"
touch_key 空格 && touch_key 1
eventually query_is "zds 1"
ok $? "空格 types a space, a digit key its digit"
touch_key 清空
eventually query_is ""
wait_for "请输入要查找的内容"
ok $? "清空 clears the query"
touch_key 删除
handled && screen | grep -qF "检索："
ok $? "删除 on an empty query stays in the search"

# The results stay reachable by touch, above the keypad.
touch_key Z && touch_key D && touch_key S && touch_key H
wait_for "   1  $first"
click 10 3
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$first"
ok $? "touching a result above the keypad opens it"
keys Escape
wait_for "检索："

# The keyboard works as well, and the layout follows the window.
type_text bz
eventually query_is zdshbz
ok $? "the keyboard types beside the keypad"

# 40×12: the keypad is folded behind its button, which opens it.
resize 40 12
wait_for "键盘"
! screen | grep -qE '^ +A +B +C'
ok $? "40×12: the keypad is folded behind a 键盘 button"
click_on "键盘"
wait_for "收起键盘"
screen | grep -qE '^ +A +B +C' && screen | grep -qF "删除"
ok $? "touching 键盘 opens the keypad over the results"
touch_key 删除 && eventually query_is zdshb && touch_key 清空 &&
	eventually query_is "" && touch_key Z && touch_key D &&
	eventually query_is zd
ok $? "its keys type (删除, 清空, Z, D)"
type_text s
eventually query_is zds
ok $? "and the keyboard still works"
click_on "收起键盘"
wait_gone "收起键盘"
! screen | grep -qE '^ +A +B +C'
ok $? "收起键盘 folds it again"

# A new visitor finds no keypad opened by the last one.
click_on "键盘"
wait_for "收起键盘"
keys F12
wait_for "$home"
keys /
wait_for "检索："
handled && screen | grep -qF "键盘" && ! screen | grep -qF "收起键盘" &&
	! screen | grep -qE '^ +A +B +C'
ok $? "after F12 (as after the walk-away reset) the keypad is folded again"

# Larger again: the keypad comes back under the results, translated.
resize 80 24
wait_for "删除"
keys F4
wait_for "刪除"
screen | grep -qE ' 9 +刪除 +清除 +空格 *$'
ok $? "zh_TW: 刪除 清除 空格"
keys F4
wait_for "Space"
screen | grep -qE ' 9 +Del +Clear +Space *$'
ok $? "en: Del Clear Space"
keys F4

done_testing
