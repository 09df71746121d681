#!/bin/bash
# What staff receive: the reference rows written in every encoding and
# layout (tests/e2e/variants.py), each imported and compared item by item
# with what the rows say; exports imported back; the hand-written broken
# files of tests/unit/fixtures each reported as file:line:column.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
export LANG=C.UTF-8 LC_ALL=C.UTF-8
REF=$top_srcdir/data/demo/reference-catalogue.csv
FIX=$top_srcdir/tests/unit/fixtures
VAR=$T_TMP/variants
CONF=$T_TMP/en.conf
echo "language = en" >"$CONF"
admin() { "$ADMIN" --config "$CONF" "$@"; }

python3 "$top_srcdir/tests/e2e/variants.py" make "$REF" "$VAR"
ok $? "the variants are made from the reference rows"

for dir in "$VAR"/*/; do
	name=$(basename "$dir")
	db=$T_TMP/$name.db
	admin --catalogue "$db" import --quiet "$dir"/* >"$T_TMP/out" 2>&1
	ok $? "$name: imported without a problem ($(ls "$dir" | wc -l) files)"
	python3 "$top_srcdir/tests/e2e/variants.py" check "$VAR/$name.expected.csv" "$db"
	ok $? "$name: every item as the reference rows say"
done

# The summary names what was detected.
admin --catalogue "$T_TMP/s.db" check "$VAR/published-gb18030/000.csv" >"$T_TMP/out"
grep -qE "000\.csv \(GB18030, published layout, domain [^)]+\): rows read [1-9]" "$T_TMP/out"
ok $? "check names the encoding, the layout and the domain from the title"

# Overrides: the encoding, the format, the delimiter, the domain.
db=$T_TMP/o.db
admin --catalogue "$db" import --quiet --encoding gbk "$VAR/canonical-gb18030/catalogue.csv" &&
	python3 "$top_srcdir/tests/e2e/variants.py" check "$VAR/canonical-gb18030.expected.csv" "$db"
ok $? "--encoding gbk reads GB18030"
cp "$VAR/json-canonical/catalogue.json" "$T_TMP/catalogue.txt"
admin --catalogue "$db" import --quiet --format json "$T_TMP/catalogue.txt" &&
	python3 "$top_srcdir/tests/e2e/variants.py" check "$VAR/json-canonical.expected.csv" "$db"
ok $? "--format json reads JSON whatever the file is called"
printf 'level2\tcontent\n低保\t条件\n' >"$T_TMP/tab.csv"
admin --catalogue "$db" import --quiet --allow-drop --delimiter tab --domain 社会救助 "$T_TMP/tab.csv" &&
	[ "$(DB=$db sql "SELECT d.name || '/' || i.level2 || '/' || i.content FROM item i JOIN domain d ON d.id = i.domain_id")" = "社会救助/低保/条件" ]
ok $? "--delimiter tab and --domain for rows that name no domain"
admin --catalogue "$db" import --encoding latin9 "$T_TMP/tab.csv" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "an unknown --encoding is a usage error (exit 2)"

# Legacy encodings by evidence: Big5 is read as Big5, Shift-JIS refused.
printf 'domain,level1,level2,content,jurisdiction\n社會救助,最低生活保障,低保對象認定,申請條件和辦理流程,峨邊彝族自治縣\n戶籍管理,戶口登記,出生登記,辦理時限和需要提交的材料,峨邊彝族自治縣\n' |
	iconv -f UTF-8 -t CP950 >"$T_TMP/big5.csv"
rm -f "$T_TMP/e.db"
admin --catalogue "$T_TMP/e.db" import "$T_TMP/big5.csv" >"$T_TMP/out" 2>&1 &&
	grep -q "big5\.csv (Big5, canonical layout" "$T_TMP/out" &&
	[ "$(DB=$T_TMP/e.db sql "SELECT group_concat(d.name, ' ') FROM (SELECT DISTINCT d.name FROM item i JOIN domain d ON d.id = i.domain_id ORDER BY 1) d")" = "户籍管理 社会救助" ]
ok $? "a Big5 file is read as Big5: its Traditional domains are the national ones"
printf 'domain,level2,content\n社会保険,年金の申請,申請書の提出についてのお知らせ\n' |
	iconv -f UTF-8 -t SHIFT_JIS >"$T_TMP/sjis.csv"
admin --catalogue "$T_TMP/e.db" import --yes "$T_TMP/sjis.csv" >"$T_TMP/out" 2>&1
[ $? -eq 1 ] && grep -q "sjis\.csv:1:1: error: the encoding was not recognised: .*save the file as UTF-8" "$T_TMP/out"
ok $? "a Shift-JIS file is refused: the encoding is not recognised, what to do"
admin --catalogue "$T_TMP/e.db" import --encoding big5 "$T_TMP/big5.csv" >/dev/null 2>&1
ok $? "--encoding big5"

# Exports read back give the same catalogue: the import finds the same
# items as the live version and makes no new one.
db=$T_TMP/r.db
admin --catalogue "$db" import --quiet "$REF" || true
for fmt in csv json; do
	admin --catalogue "$db" export --format $fmt --output "$T_TMP/export.$fmt" &&
		admin --catalogue "$db" import "$T_TMP/export.$fmt" >"$T_TMP/out" &&
		grep -qF "the files hold the same items as the live version" "$T_TMP/out" &&
		[ "$(admin --catalogue "$db" history --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["versions"]))')" = 1 ]
	ok $? "export --format $fmt, imported again: the same items, no new version"
done

# For Excel on a Chinese PC: GB18030 or a UTF-8 byte order mark, the
# published table's titles; read back, the same items again.
admin --catalogue "$db" export --encoding gb18030 --headers zh --output "$T_TMP/gb.csv" &&
	[ "$(head -n 1 "$T_TMP/gb.csv" | iconv -f GB18030 -t UTF-8 | cut -d, -f1-4)" = "领域,一级事项,二级事项,公开内容（要素）" ] &&
	! iconv -f UTF-8 -t UTF-8 "$T_TMP/gb.csv" >/dev/null 2>&1 &&
	iconv -f GB18030 -t UTF-8 "$T_TMP/gb.csv" | grep -q ',是,否,'
ok $? "export --encoding gb18030 --headers zh: GB18030, Chinese titles, 是/否"
admin --catalogue "$db" import "$T_TMP/gb.csv" >"$T_TMP/out" 2>&1
grep -qF "(GB18030, published layout)" "$T_TMP/out"
ok $? "  and it is read back as GB18030 in the published layout"
admin --catalogue "$db" export --encoding utf-8-bom --output "$T_TMP/bom.csv" &&
	[ "$(head -c 3 "$T_TMP/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
	admin --catalogue "$db" import "$T_TMP/bom.csv" | grep -qF "the files hold the same items"
ok $? "export --encoding utf-8-bom: a byte order mark, read back the same"
admin --catalogue "$db" export --encoding latin1 >/dev/null 2>&1
[ $? -eq 2 ] && admin --catalogue "$db" export --format json --headers zh >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "an unknown encoding, or --headers with JSON: usage errors"

# Hand-written broken files: every problem, where it is, what to do.
broken() {	# broken FILE STATUS PATTERN DESCRIPTION
	admin --catalogue "$T_TMP/b.db" check "$FIX/$1" >"$T_TMP/out" 2>&1
	st=$?
	[ $st -eq "$2" ] && grep -qE -- "$3" "$T_TMP/out"
	ok $? "$4"
	[ $st -eq "$2" ] || diag "exit status $st"
	grep -qE -- "$3" "$T_TMP/out" || sed 's/^/# /' "$T_TMP/out"
}
broken truncated-quote.csv 1 "truncated-quote\.csv:3:4: error: the file ends in the middle of a row, inside the quoted field in column D \(content\); it may have been cut off — export it again" \
	"truncated CSV: the unclosed quote on the last line, file:line:column, cut off"
broken cut-row.csv 1 "cut-row\.csv:3:5: error: the file ends in the middle of a row: it has 4 of the header's 17 columns and ends before column E \(basis\); it may have been cut off — export it again" \
	"a file cut in the middle of its last row: said so, at the first missing column"
broken mixed-encoding.csv 1 "mixed-encoding\.csv:3:1: error: column A \(domain\) is not valid UTF-8 text \(byte 0x[0-9A-F]{2}\), and neither are 8 more cells of the row; .*GB18030" \
	"mixed encodings: the GB18030 row, once, with what to do"
broken mixed-encoding.csv 1 "rows read 3, would import 2, would skip 1" \
	"mixed encodings: the UTF-8 rows are still good"
broken gb18030-truncated.csv 1 "gb18030-truncated\.csv:4:1: warning: the file ends in the middle of a GB18030 character; " \
	"GB18030 cut inside a character: a warning at column 1 of the last line"
broken gb18030-truncated.csv 1 "gb18030-truncated\.csv:4:3: error: the file ends in the middle of a row: it has 2 of the header's 17 columns and ends before column C \(level2\); it may have been cut off" \
	"GB18030 cut inside a character: and the cut last row"
broken utf16-odd.txt 1 "utf16-odd\.txt:4:1: warning: the file ends in the middle of a UTF-16LE character; " \
	"UTF-16 with an odd number of bytes: truncated"
broken utf16-odd.txt 1 "utf16-odd\.txt:4:2: error: the file ends in the middle of a row: " \
	"UTF-16 with an odd number of bytes: the cut last row"
broken wrong-columns.csv 1 "wrong-columns\.csv:4:18: error: row has 18 columns but the header has 17: the extra cells start at column 18; a cell may hold an unquoted comma" \
	"too many cells: where the first extra cell is"
broken wrong-columns.csv 1 "wrong-columns\.csv:3:17: error: row has only 16 of the header's 17 columns: it ends before column Q \(source_url\); a cell may be missing" \
	"too few cells: where the first missing cell is, named"
# A file that looks cut off is refused, --yes or not, unless --allow-cut-off.
for f in cut-row.csv gb18030-truncated.csv truncated-quote.csv; do
	rm -f "$T_TMP/cut.db"
	admin --catalogue "$T_TMP/cut.db" import --yes "$FIX/$f" >"$T_TMP/out" 2>&1
	st=$?
	[ $st -eq 1 ] && [ ! -e "$T_TMP/cut.db" ] &&
		grep -q "import refused: a file looks cut off: .*--allow-cut-off" "$T_TMP/out"
	ok $? "$f: --yes alone does not import a cut-off file (exit 1, says what to do)"
	[ $st -eq 1 ] || sed 's/^/# /' "$T_TMP/out"
	admin --catalogue "$T_TMP/cut.db" import --yes --allow-cut-off "$FIX/$f" >"$T_TMP/out" 2>&1
	[ $? -eq 1 ] && grep -q "is now live" "$T_TMP/out"
	ok $? "$f: --allow-cut-off --yes imports the whole rows"
done
admin --catalogue "$T_TMP/b.db" check "$FIX/wrong-columns.csv" >"$T_TMP/out" 2>&1
! grep -q "middle of a row" "$T_TMP/out"
ok $? "too few cells in a file that is whole: not called cut off"
broken duplicate.csv 1 "duplicate\.csv:3:3: warning: duplicate of the row at .*duplicate\.csv:2 \(same domain" \
	"a duplicate: at its item name (column 3), naming the line of the first"
broken junk.bin 1 "junk\.bin:1:1: error: the file is not text" "binary junk: not text, at 1:1"
broken workbook.xlsx 1 "workbook\.xlsx:1:1: error: the file is not a complete ZIP archive" \
	"a damaged .xlsx (a ZIP header, then junk): not a complete ZIP archive, at 1:1"
broken truncated.json 1 "truncated\.json:4:17: error: invalid JSON: .*truncated" \
	"truncated JSON: file:line:column of the end"
broken truncated.json 1 "rows read 1, would import 1" \
	"truncated JSON: the objects before the damage are read"
broken not-array.json 1 "not-array\.json:1:1: error: the file does not hold a JSON array" \
	"JSON that is not an array"
broken published-broken.csv 1 "published-broken\.csv:4:3: error: row has no item name" \
	"published table: a row without a name"
broken published-broken.csv 1 "published-broken\.csv:5:9: error: column I \(全社会\): \"有\" is not a yes/no mark" \
	"published table: an unknown mark, named by the column's title"
broken published-broken.csv 1 "published-broken\.csv:7:14: error: row has only 13 of the header's 15 columns: it ends before column N \(乡级\)" \
	"published table: a short row, at its first missing column"
broken published-broken.csv 1 "rows read 5, would import 2, would skip 3" \
	"published table: every problem in one run, and the summary"

# Issue 6.2: every problem, row-level or file-level, as
# file:line:column: error|warning: what is wrong; what to do.
for f in "$FIX"/*; do
	admin --catalogue "$T_TMP/b.db" check "$f" >"$T_TMP/out" 2>&1
	grep -E ": (error|warning): " "$T_TMP/out" >"$T_TMP/diags"
	grep -vE "^$f:[1-9][0-9]*:[1-9][0-9]*: (error|warning): [^;]+; .+" \
		"$T_TMP/diags" >"$T_TMP/bad"
	[ ! -s "$T_TMP/bad" ]
	ok $? "$(basename "$f"): each of its $(wc -l <"$T_TMP/diags") problems is file:line:column: ...; what to do"
	sed 's/^/# /' "$T_TMP/bad"
done
admin --catalogue "$T_TMP/b.db" check "$T_TMP/no-such-file.csv" >"$T_TMP/out" 2>&1
grep -qE "no-such-file\.csv:1:1: error: cannot read the file: .+; " "$T_TMP/out"
ok $? "a file that cannot be read: at 1:1 too"

# Strict mode refuses the whole file; the live catalogue stays as it was.
db=$T_TMP/live.db
admin --catalogue "$db" import --quiet "$REF"
cp "$db" "$T_TMP/before.db"
admin --catalogue "$db" import --strict "$FIX/published-broken.csv" >/dev/null 2>&1
[ $? -eq 1 ] && cmp -s "$db" "$T_TMP/before.db"
ok $? "--strict refuses a file with errors; the live catalogue is byte-identical"
admin --catalogue "$db" import "$FIX/junk.bin" "$REF" >/dev/null 2>&1
[ $? -eq 1 ] && cmp -s "$db" "$T_TMP/before.db"
ok $? "one unusable file refuses the import of all"

done_testing
