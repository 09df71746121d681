#!/bin/bash
# Word and Excel files as counties publish them: the reference rows written
# as .docx (merged cells, a heading per domain), .xlsx (a sheet per domain,
# merged ranges, numbers) and .xls by tests/e2e/office.py, each imported and
# compared item by item with what the rows say; broken files (a truncated
# ZIP, a zip bomb, an encrypted part, a sheet with no header) refused with
# a clear error, the live catalogue untouched; a bad cell named as B7.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
export LANG=C.UTF-8 LC_ALL=C.UTF-8
REF=$top_srcdir/data/demo/reference-catalogue.csv
OUT=$T_TMP/office
CONF=$T_TMP/en.conf
echo "language = en" >"$CONF"
admin() { "$ADMIN" --config "$CONF" "$@"; }

# Debian's python3-docx, python3-openpyxl and python3-xlwt write the files.
if ! /usr/bin/python3 -c 'import docx, openpyxl, xlwt' 2>/dev/null; then
	skip "office files" "python3-docx, python3-openpyxl or python3-xlwt missing"
	done_testing
	exit 0
fi
/usr/bin/python3 "$top_srcdir/tests/e2e/office.py" make "$REF" "$OUT" &&
	/usr/bin/python3 "$top_srcdir/tests/e2e/office.py" broken "$OUT/broken"
ok $? "the Word and Excel files are made from the reference rows"

for fmt in docx xlsx xls; do
	db=$T_TMP/$fmt.db
	admin --catalogue "$db" import "$OUT/$fmt"/* >"$T_TMP/out" 2>&1
	ok $? "$fmt: imported without a problem ($(ls "$OUT/$fmt" | wc -l) files)"
	python3 "$top_srcdir/tests/e2e/variants.py" check "$OUT/$fmt.expected.csv" "$db"
	ok $? "$fmt: every item as the reference rows say"
done
admin --catalogue "$T_TMP/s.db" check "$OUT/docx/000.docx" "$OUT/xlsx/000.xlsx" \
	"$OUT/xls/000.xls" >"$T_TMP/out" 2>&1
grep -q "000\.docx (UTF-8, Word document" "$T_TMP/out" &&
	grep -q "000\.xlsx (UTF-8, Excel workbook" "$T_TMP/out" &&
	grep -q "000\.xls (UTF-8, Excel 97-2003 workbook" "$T_TMP/out"
ok $? "check names each file's format"

# Detected by content, whatever the name; --format says it outright.
cp "$OUT/xlsx/001.xlsx" "$T_TMP/attachment.dat"
cp "$OUT/docx/002.docx" "$T_TMP/attachment2.bin"
admin --catalogue "$T_TMP/n.db" check "$T_TMP/attachment.dat" "$T_TMP/attachment2.bin" \
	>"$T_TMP/out" 2>&1 &&
	grep -q "attachment\.dat (UTF-8, Excel workbook" "$T_TMP/out" &&
	grep -q "attachment2\.bin (UTF-8, Word document" "$T_TMP/out" &&
	admin --catalogue "$T_TMP/n.db" check --format xlsx "$T_TMP/attachment.dat" >/dev/null 2>&1
ok $? "a workbook and a document named .dat and .bin are read by their content"

# Broken files: refused with what is wrong and what to do; live untouched.
live=$T_TMP/live.db
cp "$T_TMP/xlsx.db" "$live"
sum_before=$(md5sum <"$live")
refused() {	# refused FILE PATTERN DESCRIPTION
	admin --catalogue "$live" import --yes "$OUT/broken/$1" >"$T_TMP/out" 2>&1
	rc=$?
	[ $rc -ne 0 ] && grep -qE "$2" "$T_TMP/out" && [ "$(md5sum <"$live")" = "$sum_before" ]
	ok $? "$3"
	[ $rc -ne 0 ] || sed 's/^/# /' "$T_TMP/out"
}
refused truncated.xlsx "truncated\.xlsx:1:1: error: the file is not a complete ZIP archive.*; it may be truncated" \
	"a truncated .xlsx: not a complete ZIP archive, what to do; live catalogue untouched"
refused bomb.xlsx "bomb\.xlsx:1:1: error: the part xl/worksheets/sheet1\.xml .*zip bomb" \
	"a zip bomb: refused before it inflates, the part named; live catalogue untouched"
refused encrypted.xlsx "encrypted\.xlsx:1:1: error: the part xl/worksheets/sheet1\.xml of the file is encrypted; remove the password" \
	"an encrypted part: refused, what to do; live catalogue untouched"
refused password.xlsx "password\.xlsx:1:1: error: the file is a Word or Excel file protected by a password; open it .* remove the password" \
	"a workbook saved with a password: refused, what to do; live catalogue untouched"
refused noheader.xlsx "noheader\.xlsx:sheet Sheet1:A1: warning: not a catalogue table" \
	"a sheet with no header: skipped at its first cell"
grep -q "noheader\.xlsx:1:1: error: no table in the file is a catalogue table" "$T_TMP/out"
ok $? "a sheet with no header: the file is refused, live catalogue untouched"
[ "$(DB=$live sql "SELECT count(*) FROM item")" = 272 ]
ok $? "the live catalogue still has its 272 items"

# A bad cell: in a sheet as sheet:B7, in a Word table as table N:row:column.
admin --catalogue "$T_TMP/c.db" check "$OUT/broken/badcell.xlsx" "$OUT/broken/badcell.docx" \
	>"$T_TMP/out" 2>&1
grep -q 'badcell\.xlsx:sheet 社会救助:F5: error: column F (主动): "也许" is not a yes/no mark; write' "$T_TMP/out"
ok $? "a bad cell in a sheet: book.xlsx:sheet NAME:F5, what to do"
grep -q 'badcell\.docx:table 1:3:6: error: column F (主动): "也许" is not a yes/no mark' "$T_TMP/out"
ok $? "a bad cell in a Word table: file:table 1:row:column"

done_testing
