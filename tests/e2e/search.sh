#!/bin/bash
# Search as you type, in a real terminal: '/' and the key-bar button from
# every screen, queries typed one key at a time (Chinese, Traditional,
# pinyin, initials, a document number), the ranking and the counts against
# SQL over the same catalogue, the highlight, Enter and Esc, the narrowing
# to a domain and level, empty results, hostile input, resizing; and
# chayue-admin search, the same search on the command line.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# rank QUERY [COLUMN]: item names in the search's order, by SQL (a plain
# Chinese query: no folding involved): exact name, name prefix, name,
# elsewhere; then domain order and import order. COLUMN label: the names
# as the results show them, with their 一级事项 (政策法规文件（行政处罚）).
rank() {
	sql "WITH x AS (SELECT i.*, d.position,
		CASE WHEN i.level2 <> '' THEN i.level2 ELSE i.level1 END AS name,
		CASE WHEN i.level2 = '' THEN i.level1
		WHEN i.level1 = '' OR i.level1 = i.level2 THEN i.level2
		ELSE i.level2 || '（' || i.level1 || '）' END AS label
		FROM item i JOIN domain d ON d.id = i.domain_id)
	SELECT ${2:-name} FROM x WHERE instr(level1 || char(1) || level2 || char(1) ||
		content || char(1) || basis || char(1) || subject || char(1) ||
		jurisdiction, '$1') > 0
	ORDER BY CASE WHEN name = '$1' THEN 0
		WHEN substr(name, 1, length('$1')) = '$1' THEN 1
		WHEN instr(name, '$1') > 0 THEN 2 ELSE 3 END, position, id"
}
count() { rank "$1" | wc -l; }
title() { screen | head -n 1; }
# name_at N: the name of result N as shown (its first line).
name_at() {
	screen | grep -E "^ +$1  " | head -n 1 | sed -E "s/^ +$1  //; s/  .*//"
}

kiosk_start 80 24
wait_for "政务公开事项目录查阅"
keys /
wait_for "检索："
ok $? "/ on the home screen opens the search"
screen | grep -qF "繁体字"
ok $? "an empty search says what can be typed"

# Chinese, one character per keystroke; after each, the count is SQL's.
word=最低生活保障
typed=
bad=0
for ch in $(echo "$word" | grep -o .); do
	typed=$typed$ch
	type_text "$ch"
	n=$(count "$typed")
	wait_for "检索： $typed" && eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $n 条结果 *\$'" || {
		diag "after $typed: want $n results; $(title)"
		bad=1
	}
done
ok $bad "typing $word key by key: every keystroke shows SQL's count"
first=$(rank "$word" | head -n 1)
shown=$(rank "$word" label | head -n 1)
[ "$(name_at 1)" = "$shown" ]
ok $? "the first result is SQL's first, with its 一级事项 ($shown)"
second=$(rank "$word" label | sed -n 2p)
[ "$(name_at 2)" = "$second" ]
ok $? "and the second ($second)"

# The match is highlighted: an attribute change on each side of it.
line=$(tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -F "$word" | sed -n 2p)
printf '%s' "$line" | grep -qP "\e\[[0-9;]*m$word\e\["
ok $? "the matched part is highlighted"

id=$(sql "SELECT id FROM item WHERE level2 = '$first' OR (level2 = '' AND level1 = '$first') LIMIT 1")
keys Enter
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$first"
ok $? "Enter opens the item page ($first)"
keys Escape
wait_for "检索： $word"
ok $? "Esc returns to the search, query kept"

# The name with its 一级事项, since many 二级事项 (政策法规文件, 办事指南)
# say nothing alone: a match in the 一级事项 is marked there, the line
# under it names the domain, and a name too long for 80 columns starts
# later ("…") so that the match shows, or ends with "…" before the
# publisher.
keys C-u
wait_for "繁体字"
type_text 乡镇综合文化站服务
wait_for "检索： 乡镇综合文化站服务"
settle
row=$(screen | grep -E '^ +1  ')
domain=$(sql "SELECT d.name FROM item i JOIN domain d ON d.id = i.domain_id
	WHERE i.level1 = '乡镇综合文化站服务' LIMIT 1")
printf '%s' "$row" | grep -qE '^ +1  ….*（乡镇综合文化站服务） +壤塘县$' &&
	[ "$(printf '%s' "$row" | python3 -c '
import sys, unicodedata
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read()))')" = 79 ] &&
	screen | grep -A1 -E '^ +1  ' | sed -n 2p | grep -qxE " +$domain"
ok $? "a match in the 一级事项: marked in the brackets, the domain below ($row)"
tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -F "壤塘县" | head -n 1 |
	grep -qP "（\e\[[0-9;]*m乡镇综合文化站服务\e\["
ok $? "and the match is highlighted in it"
keys C-u
type_text 免费开放服务
wait_for "检索： 免费开放服务"
settle
screen | grep -F "（乡镇综合文化站…" | grep -qE '^ +[0-9]+  文化馆.*…  壤塘县$'
ok $? "a name with its 一级事项 too long for 80 columns ends with …, the publisher kept"
[ "$(max_width)" -le 80 ]
ok $? "and no line is wider than the window"

# Pinyin and initials, one letter per keystroke.
keys C-u
wait_for "繁体字"
for k in z d s h b z; do keys "$k"; done
wait_for "检索： zdshbz"
eventually sh -c "[ \"\$(tmux -L $T_SOCK capture-pane -p -t t | grep -E '^ +1  ' | sed -E 's/^ +1  //; s/  .*//')\" = '$shown' ]"
ok $? "zdshbz typed key by key finds $shown first"
keys C-u
type_text zuidishenghuobaozhang
wait_for "检索： zuidishenghuobaozhang"
settle
[ "$(name_at 1)" = "$shown" ]
ok $? "full pinyin typed fast finds it too (the screen shows the last keystroke's results)"

# Traditional.
keys C-u
n=$(count 养老服务)
type_text 養老服務
wait_for "检索： 養老服務"
# (and more: its synonyms, 养老 …, are searched too; tests/e2e/find.sh)
shown_count() { title | grep -oE '[0-9]+\+? 条结果' | grep -oE '^[0-9]+'; }
eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' [0-9]+ 条结果 *\$'"
[ "$(shown_count)" -ge "$n" ] 2>/dev/null
ok $? "養老服務 finds the $n items that say 养老服务 (and its synonyms')"

# A document number with other brackets and a space.
keys C-u
n=$(count "国办发〔2017〕97号")
type_text "国办发2017 97"
eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $n 条结果 *\$'"
ok $? "国办发2017 97 finds the $n items citing 国办发〔2017〕97号"

# Kiosk keys are text here.
keys C-u
type_text "hqlj?09 "
wait_for "检索： hqlj?09"
title | grep -qF "检索"
ok $? "h q l j ? and digits are typed into the query, not obeyed"

# Nothing found: a helpful line, not a blank screen.
keys C-u
type_text xqxqxq
wait_for "没有与“xqxqxq”匹配的事项"
ok $? "no results: a line says what to try"

# Hostile input: control characters, a C1 control, invalid UTF-8, and far
# too much text.
keys C-u
type_text "$(printf 'zd\001\002\302\233sh')"
wait_for "检索： zdsh"
ok $? "control characters are not typed"
# ncurses drops invalid bytes, with what follows them within its input
# timeout (a quarter of a second); then typing goes on.
type_text "$(printf '\377\376')"
sleep 1
type_text "bz"
wait_for "检索： zdshbz"
ok $? "invalid UTF-8 from a broken terminal is dropped, and typing goes on"
type_text "$(python3 -c 'print("重" * 400)')"
wait_for "检索内容已达最大长度"
ok $? "a query too long is refused with a message"
screen | head -n 1 | grep -qF "检索"
ok $? "and the kiosk is still there"

# Backspace deletes; on an empty query it goes back.
keys C-u
type_text 最低
wait_for "检索： 最低"
keys BSpace
wait_for "检索： 最 "
keys BSpace BSpace
wait_for "政务公开事项目录查阅"
ok $? "Backspace deletes, and on an empty query goes back"

# From a domain, narrowed to it and its level until Tab.
dom=$(sql "SELECT domain_id FROM item WHERE instr(level1 || level2 || content, '最低生活保障') > 0 LIMIT 1")
pos=$(sql "SELECT position FROM domain WHERE id = $dom")
dname=$(sql "SELECT name FROM domain WHERE id = $dom")
open_domain "$pos"
wait_for "层级："
keys /
wait_for "仅在 $dname 中"
ok $? "/ in a domain narrows the search to it"
type_text 公开
n=$(sql "SELECT count(*) FROM item WHERE domain_id = $dom AND instr(level1 ||
	char(1) || level2 || char(1) || content || char(1) || basis || char(1) ||
	subject || char(1) || jurisdiction, '公开') > 0")
eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $n 条结果 *\$'"
ok $? "公开 in $dname: $n results"
keys Tab
wait_for "在全部领域中"
all=$(count 公开)
eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $all 条(以上)?结果 *\$'"
ok $? "Tab removes the narrowing: $all results"
keys Escape
wait_for "层级："
# And to the level being browsed: l picks 县级 first.
keys l
wait_for " $(sql "SELECT count(*) FROM item WHERE domain_id = $dom AND level_county = 1") 项"
keys /
wait_for "仅在 $dname · 县级 中"
ok $? "/ under a level filter narrows the search to the domain and level"
type_text 公开
n=$(sql "SELECT count(*) FROM item WHERE domain_id = $dom AND level_county = 1
	AND instr(level1 || char(1) || level2 || char(1) || content || char(1) ||
	basis || char(1) || subject || char(1) || jurisdiction, '公开') > 0")
eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $n 条结果 *\$'"
ok $? "公开 in $dname at 县级: $n results"
keys Escape
wait_for "层级："

# Touch: the key-bar button, and a result.
keys Escape
wait_for "政务公开事项目录查阅"
click_on "/ 检索"
wait_for "检索："
ok $? "touching '/ 检索' in the key bar opens the search"
type_text "$word"
wait_for "$first"
click 10 3
wait_for "公开内容"
screen | sed -n 2p | grep -qF "$first"
ok $? "touching a result opens it"
keys Escape
wait_for "检索： $word"

# Resizing keeps the query and the results.
# drawn_for COLS: the title's count ends at the last column but one.
drawn_for() {
	[ "$(screen | head -n 1 | python3 -c '
import sys, unicodedata
l = sys.stdin.read().rstrip("\n").rstrip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')" = $(($1 - 1)) ]
}
resize 40 12
eventually drawn_for 40
screen | grep -qF "检索： $word" && [ "$(max_width)" -le 40 ]
ok $? "at 40x12 the query is still shown, nothing wider than the window"
resize 120 40
eventually drawn_for 120
screen | grep -qF "$first"
ok $? "and at 120x40 the results"

# The item page and help have the button too; '/' works there.
keys Enter
wait_for "公开内容"
screen | tail -n 1 | grep -qF "/ 检索"
ok $? "the item page's key bar has '/ 检索'"
keys /
wait_for "检索："
ok $? "/ on the item page opens a new search"

# A paste of 100,000 characters: handled as one batch (drawn once, the
# query refused past its limit), and the kiosk answers the next key.
python3 -c 'import sys; sys.stdout.write("重" * 50000 + "z" * 50000)' \
	>"$T_TMP/paste"
keys C-u
wait_for "检索："
tmux -L "$T_SOCK" load-buffer -b big "$T_TMP/paste" &&
	tmux -L "$T_SOCK" paste-buffer -d -b big -t t
wait_for "检索内容已达最大长度"
ok $? "a 100,000-character paste is cut at the query's limit"
keys C-u
type_text zdshbz
wait_for "检索： zdshbz" && wait_for "条结果"
ok $? "after it the kiosk answers the next keys"
kiosk_stop

# The publisher column is right-aligned by the columns it takes on
# screen: an escape sequence in the data takes none, and one left
# unterminated ends with the cell (the key bar drawn after it is intact).
cp "$DEMO_DB" "$T_TMP/publisher.db"
DB=$T_TMP/publisher.db sql "UPDATE item SET jurisdiction = '戌街乡' ||
	char(27) || ']0;' || printf('%.40c', 'x') WHERE id = 1"
DB=$T_TMP/publisher.db kiosk_start 80 24
wait_for "政务公开事项目录查阅"
keys /
wait_for "检索："
type_text "$(sql 'SELECT level2 FROM item WHERE id = 1')"
wait_for "条结果"
line=$(screen | grep -E "^ +[0-9]+  $(sql 'SELECT level2 FROM item WHERE id = 1')" | head -n 1)
[ "$(printf '%s' "$line" | python3 -c '
import sys, unicodedata
l = sys.stdin.read().rstrip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')" = 79 ] &&
	printf '%s' "$line" | grep -qE '戌街乡 *$'
ok $? "the publisher after an escape sequence ends at the last column but one: $line"
screen | tail -n 1 | grep -qF "Esc 返回" &&
	[ "$(tmux -L "$T_SOCK" display -p -t t '#{pane_title}')" != "$(printf '%.40s' xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)" ]
ok $? "an unterminated OSC in a result swallows nothing drawn after it"
kiosk_stop

# chayue-admin search: the same code, so the same ranking as SQL's.
got=$("$ADMIN" --catalogue "$DEMO_DB" search --limit 0 --json "$word" |
	python3 -c 'import json, sys; print("\n".join(r["name"] for r in json.load(sys.stdin)["results"]))')
[ "$got" = "$(rank "$word")" ]
ok $? "chayue-admin search --json lists SQL's ranking for $word"
"$ADMIN" --catalogue "$DEMO_DB" search --limit 1 zdshbz | grep -qF "1. $shown —"
ok $? "chayue-admin search zdshbz: $shown first, as on the screen"
"$ADMIN" --catalogue "$DEMO_DB" search --limit 1 乡镇综合文化站服务 |
	grep -qxE ' +1\. .+（乡镇综合文化站服务） — [^,]+, 壤塘县 \[#[0-9]+\]' &&
	! "$ADMIN" --catalogue "$DEMO_DB" search --limit 1 乡镇综合文化站服务 |
	grep -qF '«'
ok $? "chayue-admin search names it with its 一级事项, which is the match (no excerpt line)"
"$ADMIN" --catalogue "$DEMO_DB" search --limit 1 --json 乡镇综合文化站服务 |
	grep -qF '"level1": "乡镇综合文化站服务"'
ok $? "and --json gives the 一级事项 as level1"
"$ADMIN" --catalogue "$DEMO_DB" search xqxqxq >/dev/null
[ $? -eq 1 ]
ok $? "chayue-admin search exits 1 when nothing is found"
"$ADMIN" --catalogue "$DEMO_DB" search --limit x z >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "and 2 for a bad --limit"
"$ADMIN" --catalogue "$T_TMP/none.db" search z >/dev/null 2>&1
[ $? -eq 3 ]
ok $? "and 3 when the catalogue cannot be read"

done_testing
