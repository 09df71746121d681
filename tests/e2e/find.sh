#!/bin/bash
# What a visitor finds (issue #13), in a real terminal and on the command
# line: a domain's name is a result that opens the domain; an everyday word
# (低保) also searches its synonym and says so; a sound-alike typo
# (最底生活保障) is found by sound and says so; chayue-admin search --json
# tells how each hit was found.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
keys /
wait_for "检索："

type_text "户籍"
wait_for "户籍管理 · 18 项"
ok $? "户籍: the domain 户籍管理 is a result, with its item count"
screen | grep -E "^ +1  " | grep -qF "户籍管理 · 18 项"
ok $? "and it is the first"
keys Enter
wait_gone "检索："
screen | head -n 3 | grep -qF "户籍管理"
ok $? "Enter on it opens the domain 户籍管理"
keys Escape
wait_for "检索： 户籍"
ok $? "Esc comes back to the search"

keys C-u
type_text "低保"
wait_for "也找了：最低生活保障"
ok $? "低保: the screen says it also searched 最低生活保障"
screen | grep -E "^ +1  " | grep -qE "政策法规文件|办事指南"
ok $? "and the 最低生活保障 items are listed"

keys C-u
type_text "最底生活保障"
wait_for "按读音找到"
ok $? "最底生活保障 (底 for 低): found by sound, and the screen says so"
screen | grep -qF "最低生活保障"
ok $? "the items of 最低生活保障 are shown"

# chayue-admin search: the same search, and how each hit was found.
json() { "$ADMIN" --catalogue "$DEMO_DB" search --json --limit 5 "$1"; }
json 低保 | grep -qF '"via": "synonym"'
ok $? "chayue-admin search --json 低保: \"via\": \"synonym\""
json 低保 | grep -qF '"also": "最低生活保障"'
ok $? "and \"also\" names the synonym searched"
json 户籍 | sed -n 2p | grep -qF '"domain_row": true'
ok $? "chayue-admin search --json 户籍: the domain row first"
json 最底生活保障 | grep -qF '"via": "sound"'
ok $? "chayue-admin search --json 最底生活保障: \"via\": \"sound\""
json 最低生活保障 | grep -qF '"via": "exact"'
ok $? "chayue-admin search --json 最低生活保障: \"via\": \"exact\""
# Nothing has the whole query; a run of its characters (房屋) does.
json 房屋估价 | grep -qF '"via": "part"' && ! json 房屋估价 | grep -qF '"via": "exact"'
ok $? "chayue-admin search --json 房屋估价: \"via\": \"part\", not exact"
"$ADMIN" --catalogue "$DEMO_DB" search 户籍 | head -n 2 | grep -qF "户籍管理"
ok $? "chayue-admin search 户籍 shows the domain first, as the kiosk does"

# A hall's bad synonym line is reported with its place, and never fatal.
printf '低保, 最低生活保障\n坏,, 行\n' >"$T_TMP/local.txt"
printf 'synonyms = %s\n' "$T_TMP/local.txt" >"$T_TMP/conf"
"$ADMIN" --config "$T_TMP/conf" --catalogue "$DEMO_DB" search 低保 \
	>"$T_TMP/out" 2>"$T_TMP/err"
grep -qF "$T_TMP/local.txt:2:3: $(msg zh_CN "an empty word; remove the extra comma or write a word")" "$T_TMP/err" &&
	grep -qF "最低生活保障" "$T_TMP/out"
ok $? "a bad local synonym line: file:line:column on stderr, the search still runs"

done_testing
