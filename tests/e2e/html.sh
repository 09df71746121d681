#!/bin/bash
# Saved web pages (issue 14): county pages made from the reference rows
# (tests/e2e/htmlpages.py: GBK declared in a <meta> and UTF-8 without one,
# two header rows of colspan/rowspan, 一级事项 as rowspan cells, <br> in
# cells, 口 for □, a table of contents, layout tables, the government only
# in the title) imported and compared item by item with the reference
# rows; broken, cut-off and hostile pages and the documents that cannot
# be read give clear errors and leave the live catalogue as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
export LANG=C.UTF-8 LC_ALL=C.UTF-8
REF=$top_srcdir/data/demo/reference-catalogue.csv
GEN=$T_TMP/gen
CONF=$T_TMP/en.conf
echo "language = en" >"$CONF"
admin() { "$ADMIN" --config "$CONF" "$@"; }

python3 "$top_srcdir/tests/e2e/htmlpages.py" make "$REF" "$GEN"
ok $? "the pages are made from the reference rows ($(ls "$GEN/pages" | wc -l) governments)"

db=$T_TMP/pages.db
admin --catalogue "$db" import "$GEN"/pages/* >"$T_TMP/out" 2>&1
ok $? "every page imported in one run, exit 0"
grep -q "^total: rows read 272, imported 272, skipped 0" "$T_TMP/out"
ok $? "272 rows read and imported, none skipped"
python3 "$top_srcdir/tests/e2e/htmlpages.py" check "$GEN/pages.expected.csv" "$db"
ok $? "every item and element as the reference rows say (domain from the heading, government from the title)"
grep -qE "/000\.htm \(GB18030, web page\): rows read [1-9]" "$T_TMP/out" &&
	grep -qE "/003\.htm \(UTF-8, web page, domain [^)]+\): rows read [1-9]" "$T_TMP/out"
ok $? "the summary names the encoding (GBK by its <meta>, UTF-8 by the bytes) and the format"
grep -qE "/000\.htm:table 1:1:1: warning: not a catalogue table: .*; it is skipped; a table of contents or a page's layout table is rightly skipped" "$T_TMP/out"
ok $? "a layout table or a table of contents: skipped with a warning at FILE:table N"
! grep -q "error" "$T_TMP/out"
ok $? "no error for any page"
python3 - "$db" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
n = con.execute("SELECT count(*) FROM item WHERE channels LIKE '%□%' "
                "OR channels LIKE '%■%' OR channels LIKE '口%' "
                "OR channels LIKE '%' || char(10) || '口%'").fetchone()[0]
k = con.execute("SELECT count(*) FROM item WHERE channels LIKE '%办事窗口%'"
                ).fetchone()[0]
sys.exit(n != 0 or k == 0)
EOF
ok $? "no box (■, □, 口) is left in a channel list; 办事窗口 keeps its 口"

# A page's file name, a --format override, a page read as CSV.
page=$(ls "$GEN"/pages/*.htm | head -n 1)
cp "$page" "$T_TMP/page.txt"
admin --catalogue "$T_TMP/f.db" check --format html "$T_TMP/page.txt" >"$T_TMP/out" 2>&1 &&
	grep -q "page\.txt (GB18030, web page)" "$T_TMP/out"
ok $? "--format html reads a page whatever the file is called"
admin --catalogue "$T_TMP/f.db" check --format csv "$page" >"$T_TMP/out" 2>&1
[ $? -eq 1 ] && grep -q "error: the header row cannot be read" "$T_TMP/out"
ok $? "--format csv reads it as CSV (and finds no header)"

# Broken pages: the live catalogue stays as it was.
live() { admin --catalogue "$db" status | head -n 3; }
before=$(live)
refused() {	# refused FILE PATTERN DESCRIPTION [OPTION...]
	local f=$1 pat=$2 what=$3 st
	shift 3
	admin --catalogue "$db" import --yes "$@" "$f" >"$T_TMP/out" 2>&1
	st=$?
	[ $st -eq 1 ] && grep -qE -- "$pat" "$T_TMP/out" && [ "$(live)" = "$before" ]
	ok $? "$what"
	[ $st -eq 1 ] || diag "exit status $st"
	grep -qE -- "$pat" "$T_TMP/out" || sed 's/^/# /' "$T_TMP/out"
}
cat >"$T_TMP/toc.html" <<'EOF'
<html><head><title>杜集区基层政务公开标准目录</title></head><body>
<table><tr><td>序号</td><td>领域</td></tr><tr><td>1</td><td>社会救助</td></tr></table>
<p>本页目录见附件。</p></body></html>
EOF
refused "$T_TMP/toc.html" "toc\.html:1:1: error: no table in the file is a catalogue table: .*; the catalogue table needs its header row" \
	"a page with no catalogue table: refused, the live catalogue untouched"
printf '<html><body><p>见附件</p></body></html>\n' >"$T_TMP/none.html"
refused "$T_TMP/none.html" "none\.html:1:1: error: the file holds no table" \
	"a page with no table at all: refused"

# Cut off in the middle of a table: refused unless --allow-cut-off.
big=$(ls -S "$GEN"/pages/*.htm | head -n 1)
head -c $(($(stat -c %s "$big") * 2 / 3)) "$big" >"$T_TMP/cut.html"
refused "$T_TMP/cut.html" "cut\.html:[0-9]+:1: warning: the page ends inside a table \([0-9]+ tables are opened, [0-9]+ closed\); it may have been cut off" \
	"a page cut off inside a table: a warning at its last line, refused"
grep -q "import refused: a file looks cut off" "$T_TMP/out"
ok $? "cut off: the refusal says so"
admin --catalogue "$T_TMP/cut.db" import --yes --allow-cut-off "$T_TMP/cut.html" >"$T_TMP/out" 2>&1
grep -q "is now live" "$T_TMP/out"
ok $? "cut off: --allow-cut-off imports the rows above the cut"

# Hostile spans: clear errors, nothing spread, nothing imported.
hostile() {	# hostile NAME ATTRIBUTES
	{
		printf '<html><head><title>杜集区</title></head><body><p>社会救助领域</p><table>\n'
		printf '<tr><td>一级事项</td><td>二级事项</td><td>公开内容</td><td>公开主体</td></tr>\n'
		printf '<tr><td>社会救助政策</td><td %s>低保</td><td>条件</td><td>民政局</td></tr>\n' "$2"
		printf '<tr><td>社会救助政策</td><td>条件二</td><td>民政局</td></tr>\n'
		printf '</table></body></html>\n'
	} >"$T_TMP/$1.html"
}
hostile rows 'rowspan="100000"'
refused "$T_TMP/rows.html" "rows\.html:table 1:2:2: error: a cell spans more rows than HTML allows \(65534\); the page is damaged, or made to do harm" \
	"rowspan=100000: an error at the cell (FILE:table N:row:column), refused"
hostile cols 'colspan=99999999999999999999'
refused "$T_TMP/cols.html" "cols\.html:table 1:2:2: error: a cell spans more columns than HTML allows \(1000\)" \
	"a colspan past every limit: an error, refused"
hostile wide 'colspan=300'
refused "$T_TMP/wide.html" "wide\.html:table 1:2:2: error: the table is more than 256 columns wide" \
	"colspan=300: wider than any catalogue table, refused"
hostile clip 'rowspan=60000'
admin --catalogue "$T_TMP/clip.db" import "$T_TMP/clip.html" >"$T_TMP/out" 2>&1 &&
	grep -q "rows read 2, imported 2" "$T_TMP/out" &&
	[ "$(DB=$T_TMP/clip.db sql "SELECT group_concat(level2, ' ') FROM (SELECT level2 FROM item ORDER BY level2)")" = "低保 低保" ]
ok $? "rowspan=60000 (HTML allows it): clipped at the table's end, as browsers do"

# The page lies about its encoding: read by the evidence, with a warning.
printf '<html><head><meta charset="utf-8"><title>杜集区基层政务公开标准目录</title></head><body>\n<p>（一）社会救助领域基层政务公开标准目录</p><table>\n<tr><td>一级事项</td><td>二级事项</td><td>公开内容</td><td>公开渠道和载体</td></tr>\n<tr><td>社会救助政策</td><td>最低生活保障</td><td>窗口受理条件</td><td>■公开查阅点口政务服务中心</td></tr>\n</table></body></html>\n' |
	iconv -f UTF-8 -t GB18030 >"$T_TMP/lie.html"
admin --catalogue "$T_TMP/lie.db" import "$T_TMP/lie.html" >"$T_TMP/out" 2>&1 &&
	grep -q "lie\.html:1:1: warning: the page says it is in utf-8, but it is not: it is read as GB18030" "$T_TMP/out" &&
	[ "$(DB=$T_TMP/lie.db sql "SELECT d.name || '/' || i.jurisdiction || '/' || i.content || '/' || i.channels FROM item i JOIN domain d ON d.id = i.domain_id")" = "社会救助/杜集区/窗口受理条件/公开查阅点" ]
ok $? "a page whose <meta> lies: read as GB18030 with a warning; 口 a box only in the channel list"
admin --catalogue "$T_TMP/lie2.db" import --encoding gbk "$T_TMP/lie.html" >"$T_TMP/out" 2>&1 &&
	! grep -q "warning:" "$T_TMP/out" && grep -q "lie\.html (GB18030, web page, domain 社会救助)" "$T_TMP/out"
ok $? "--encoding gbk: the page is read as staff say, <meta> or not"
# 社会救助领域 / 一级事项 二级事项 公开内容 in GBK; a byte that is no GBK in the last row.
printf '<html><head><meta charset="gbk"></head><body><p>\311\347\273\341\276\310\326\372\301\354\323\362</p><table>\n<tr><td>\322\273\274\266\312\302\317\356</td><td>\266\376\274\266\312\302\317\356</td><td>\271\253\277\252\304\332\310\335</td></tr>\n<tr><td>a</td><td>b</td><td>c</td></tr>\n<tr><td>a</td><td>d</td><td>c\200\377</td></tr></table></body></html>\n' >"$T_TMP/bad.html"
admin --catalogue "$T_TMP/bad.db" check "$T_TMP/bad.html" >"$T_TMP/out" 2>&1
[ $? -eq 1 ] && grep -q "bad\.html:table 1:3:3: error: column C (公开内容) is not valid GB18030 text" "$T_TMP/out" &&
	grep -q "rows read 2, would import 1, would skip 1" "$T_TMP/out"
ok $? "a byte that is not GBK: an error at its table, row and column; the other rows are good"

# Documents that cannot be read say what to save them as.
printf '%%PDF-1.4\n' >"$T_TMP/a.pdf"
refused "$T_TMP/a.pdf" "a\.pdf:1:1: error: the file is a PDF document: .*; import the web page, Word or Excel file the PDF was made from" \
	"a PDF: refused, saying what to import instead"
printf '\320\317\021\340\241\261\032\341W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0\0\0' >"$T_TMP/a.doc"
refused "$T_TMP/a.doc" "a\.doc:1:1: error: the file is a Word 97-2003 document \(\.doc\); open it in Word or WPS and save it as \.docx" \
	"a .doc: save it as .docx"
printf '\320\317\021\340\241\261\032\341junk' >"$T_TMP/a.et"
refused "$T_TMP/a.et" "a\.et:1:1: error: the file is a WPS spreadsheet \(\.et\); open it in WPS and save it as \.xlsx" \
	"a WPS spreadsheet (.et): save it as .xlsx"
cp "$T_TMP/a.et" "$T_TMP/a.wps"
refused "$T_TMP/a.wps" "a\.wps:1:1: error: the file is a WPS Writer document \(\.wps\); open it in WPS and save it as \.docx" \
	"a WPS Writer file (.wps): save it as .docx"
printf 'MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n' >"$T_TMP/a.mht"
refused "$T_TMP/a.mht" "a\.mht:1:1: error: the file is a web archive \(\.mht\).*; save the page again as \"Web page, HTML only\"" \
	"a web archive (.mht): save it as HTML only"

done_testing
