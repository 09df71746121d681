#!/bin/bash
# chayue-admin export with hostile cells: on a real terminal (a tmux pane)
# no escape sequence of the data reaches it (no title set, no screen
# cleared, no clipboard written, an unterminated OSC swallows nothing);
# in a file, cells a spreadsheet would take for formulas are written
# after a ', and importing the file gives the same catalogue again. The
# feedback report (feedback --csv) is guarded the same way.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=

# The hostile rows, through the real importer.
python3 - "$T_TMP/hostile.csv" <<'EOF2'
import csv, sys
head = ("domain,level1,level2,content,basis,time_limit,subject,channels,"
        "audience_all,audience_specific,method_active,method_on_request,"
        "level_county,level_township,level_village,jurisdiction,source_url,"
        "code")
rows = [
    ["社会救助", '=HYPERLINK("http://evil.example/","点击")',
     "标题\x1b]0;PWNED\x07\x1b[2J清屏",
     # (Text enough that the file does not look binary to the importer.)
     "剪贴板\x1b]52;c;ZWNobyBwd25lZAo=\x07之后" + "正文" * 1500,
     "未终止\x1b]0;never ends", "AFTER-OSC-MARK", "-2+3", "政府网站",
     "1", "", "1", "", "1", "", "", "测试县", "http://x.example/", "@SUM(1,2)"],
    ["社会救助", "综合", "=1+1", "+cmd|' /C calc'!A0", "'s 依据",
     "''=两个引号", "'=已有引号", "政府网站", "", "1", "", "1", "", "1", "",
     "测试县", "http://y.example/", "-"],
]
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(head.split(","))
    w.writerows(rows)
EOF2
db=$T_TMP/h.db
"$ADMIN" --catalogue "$db" import --quiet --yes "$T_TMP/hostile.csv"
ok $? "a catalogue with escape sequences and formula-like cells imports"
[ "$(DB=$db sql "SELECT count(*) FROM item WHERE instr(level2, char(27)) AND instr(content, char(27)) AND instr(basis, char(27))")" = 1 ]
ok $? "the escape sequences are in the catalogue as they came"
# The file is in the canonical layout, as an export is: a cell whose ' guards
# =, +, -, @ or ' loses that '; any other ' stays.
[ "$(DB=$db sql "SELECT level2, basis, time_limit, subject FROM item ORDER BY id DESC LIMIT 1")" = "=1+1|'s 依据|'=两个引号|=已有引号" ]
ok $? "a ' before = or ' in a canonical CSV is taken as the export's guard"

# To a file: the cells are exact but guarded from spreadsheets.
"$ADMIN" --catalogue "$db" export --output "$T_TMP/out.csv"
ok $? "export --output FILE exits 0"
python3 - "$T_TMP/out.csv" <<'EOF2'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
bad = [c for r in rows[1:] for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
assert not bad, bad
cells = [c for r in rows[1:] for c in r]
for want in ["'=HYPERLINK(\"http://evil.example/\",\"点击\")", "'=1+1",
             "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1,2)", "'-",
             "''s 依据", "''=两个引号", "'=已有引号", "综合", "1"]:
    assert want in cells, (want, cells)
assert "标题\x1b]0;PWNED\x07\x1b[2J清屏" in cells, cells
EOF2
ok $? "no cell in the file starts with = + - @; those that did (and those starting with ') are written after a ', escape sequences are kept"
grep -c $'\033' "$T_TMP/out.csv" | grep -qx 1
ok $? "a file gets the cells exactly, escape sequences included"

# Export → import → export: the same catalogue, the same file.
"$ADMIN" --catalogue "$T_TMP/again.db" import --quiet --yes "$T_TMP/out.csv"
ok $? "the export imports"
cols=
for c in d.name i.level1 i.level2 i.content i.basis i.time_limit i.subject \
	i.channels i.audience_all i.audience_specific i.method_active \
	i.method_on_request i.level_county i.level_township i.level_village \
	i.jurisdiction i.source_url i.code; do
	cols="$cols${cols:+, }quote($c)"
done
items() { DB=$1 sql "SELECT $cols FROM item i JOIN domain d ON d.id = i.domain_id ORDER BY i.id"; }
items "$db" >"$T_TMP/items.1"
items "$T_TMP/again.db" >"$T_TMP/items.2"
[ -s "$T_TMP/items.1" ] && cmp -s "$T_TMP/items.1" "$T_TMP/items.2"
ok $? "every element of every item is the same after export and import (the ' taken off again)"
grep -qF "'=1+1'" "$T_TMP/items.2" && grep -qF "'''s 依据'" "$T_TMP/items.2" &&
	grep -qF "'''=两个引号'" "$T_TMP/items.2"
ok $? "=1+1 comes back as =1+1, 's and '= keep their quotes"
"$ADMIN" --catalogue "$T_TMP/again.db" export --output "$T_TMP/again.csv" &&
	cmp -s "$T_TMP/out.csv" "$T_TMP/again.csv"
ok $? "and exported again it is the same file"
"$ADMIN" --catalogue "$db" export --format json --output "$T_TMP/out.json" &&
	python3 -c '
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert items[1]["level2"] == "=1+1" and items[0]["level2"].startswith("标题\x1b]0;")
' "$T_TMP/out.json"
ok $? "JSON, which spreadsheets do not evaluate, has the cells as they are"

# To a terminal: a pane of its own, whose raw output is kept (pipe-pane)
# and whose clipboard takes OSC 52 (set-clipboard on), so that a sequence
# that got through would show.
term_run() {
	tmux_server "set -g set-clipboard on" "set -g allow-rename on" \
		"set -g history-limit 5000"
	rm -f "$T_TMP/go" "$T_TMP/raw.$T_STARTS"
	tmux -L "$T_SOCK" -f "$T_TMP/tmux.conf" new-session -d -s t -x 100 -y 40 \
		env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen T_STATUS="$T_STATUS" GO="$T_TMP/go" \
		sh -c 'while [ ! -e "$GO" ]; do sleep 0.05; done; echo BEFORE-EXPORT; "$@"; echo $? >"$T_STATUS"; echo AFTER-EXPORT' sh "$@"
	tmux -L "$T_SOCK" pipe-pane -o -t t "cat >>'$T_TMP/raw.$T_STARTS'"
	tmux -L "$T_SOCK" select-pane -t t -T clean
	touch "$T_TMP/go"
	wait_exit && wait_for AFTER-EXPORT
}
for fmt in csv json; do
	term_run "$ADMIN" --catalogue "$db" export --format $fmt
	ok $? "export --format $fmt to a terminal finishes"
	raw=$T_TMP/raw.$T_STARTS
	[ "$(pane_status)" = 0 ] && grep -qF "AFTER-OSC-MARK" "$raw"
	ok $? "it exits 0, and what follows an unterminated OSC is written"
	! grep -qaP '\x1b|\xc2[\x80-\x9f]|\x07' "$raw" && grep -qF "清屏" "$raw"
	ok $? "no ESC, C1 control or BEL reaches the terminal ($fmt)"
	[ "$(tmux -L "$T_SOCK" display -p -t t '#{pane_title}')" = clean ]
	ok $? "the window title is not changed"
	[ -z "$(tmux -L "$T_SOCK" list-buffers 2>/dev/null)" ]
	ok $? "nothing is written to the clipboard (OSC 52)"
	output | grep -qF BEFORE-EXPORT && output | grep -qF AFTER-OSC-MARK &&
		output | grep -qF "标题清屏"
	ok $? "the screen shows everything, the hostile cells as plain text"
done
grep -qF "'=HYPERLINK(" "$raw" || grep -qF "'=HYPERLINK(" "$T_TMP/raw.$((T_STARTS - 1))"
ok $? "on a terminal the CSV cells are guarded too"

# The feedback report for the hall's spreadsheet.
"$ADMIN" --catalogue "$db" hot add "=1+1" >/dev/null &&
	sqlite3 "$T_TMP/chayue-state.db" "INSERT INTO feedback SELECT key, '2026-01-01', 2, 1 FROM item_key"
ok $? "an answer is counted for the item called =1+1"
"$ADMIN" --catalogue "$db" feedback --csv >"$T_TMP/fb.csv"
grep -qF "'=1+1,2,1" "$T_TMP/fb.csv" &&
	python3 -c '
import csv, sys
sys.exit(any(c[:1] in "=+-@" for r in csv.reader(open(sys.argv[1], encoding="utf-8")) for c in r if c))' "$T_TMP/fb.csv"
ok $? "feedback --csv guards the name too: $(grep -F "=1+1" "$T_TMP/fb.csv")"

done_testing
