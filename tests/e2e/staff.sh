#!/bin/bash
# The staff screen: F9 and the staff PIN, then the files of import_dir
# checked and imported as chayue-admin would (summary, problems, the
# clerk's confirmation), a rollback; visitors get the new version when
# they come back to the home screen.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
PIN=27182818
staff_setup
head -n 41 "$REF" >"$IN/a40.csv"
printf 'domain,level2,audience_all\n社会救助,低保,1\n社会救助,特困,有\n' >"$IN/bad.csv"
echo 'not a catalogue' >"$IN/notes.doc"
# Saved web pages and Word/Excel files are listed too (issue 14).
echo '<html><table><tr><td>x</td></tr></table></html>' >"$IN/page.html"
echo 'PK' >"$IN/table.xlsx"

# say LANG MSGID ARG...: MSGID in LANG from the built catalogues, with the
# arguments put in (printf(1) has no %zu: it takes them as %s).
say() {
	local fmt
	fmt=$(msg "$1" "$2")
	shift 2
	printf "${fmt//%zu/%s}" "$@"
}
# nsay LANG MSGID MSGID_PLURAL N ARGS...: the same with plurals, for N.
nsay() {
	local fmt
	fmt=$(nmsg "$1" "$2" "$3" "$4")
	shift 4
	printf "${fmt//%zu/%s}" "$@"
}
# items LANG N: "N items" as the language says it.
items() { nsay "$1" "%s item" "%s items" "$2" "$2"; }
# day LANG: the catalogue's date as the language writes it.
day() {
	local created
	created=$(sql "SELECT value FROM meta WHERE key = 'created'")
	case $1 in
	en) LC_ALL=C date -d "$created" '+%B %-d, %Y' ;;
	*) date -d "$created" '+%Y年%-m月%-d日' ;;
	esac
}
LIVE="Live: %s, %s; earlier versions kept: %zu; version %s from %s"
# live_line LANG: the live line after its time, up to the version id
# (the time itself, from ICU, is checked by its date: day LANG).
live_line() {
	local l
	l=$(say "$1" "$LIVE" @@ "$(items "$1" "$all")" 0 "$live" @@)
	l=${l#*@@}
	printf '%s%s' "${l%"$live"*}" "$live"
}

kiosk_start 100 30 --kiosk
wait_for "$all items"
keys F9
wait_for "Staff PIN for the catalogue refresh"
ok $? "F9 asks for the staff PIN"
type_text 1234
keys Enter
wait_for "Wrong PIN"
ok $? "a wrong PIN does not open the staff screen"
type_text "$PIN"
keys Enter
wait_for "Staff: catalogue refresh"
ok $? "the right PIN opens the staff screen"
live=$(sql "SELECT value FROM meta WHERE key = 'version'")
screen | grep -qF "Live: " && screen | grep -qF ", $all items; earlier versions kept: 0; version $live"
ok $? "it shows the live version ($live, $all items)"
handled && screen | grep -qF "[ ] a40.csv" && screen | grep -qF "[ ] bad.csv" &&
	screen | grep -qF "[ ] page.html" && screen | grep -qF "[ ] table.xlsx" &&
	! screen | grep -qF "notes.doc"
ok $? "it lists the files it can import (CSV, web pages, workbooks), and only those"

# F4 (en → zh_CN → zh_TW → en) words the live version again, and writes
# its date the language's way.
bad=0
for lang in zh_CN zh_TW en; do
	keys F4
	want=$(live_line $lang)
	{ wait_for "$want" && screen | grep -qF "$(day $lang)"; } ||
		{ diag "in $lang: no \"$want\" or $(day $lang)"; bad=1; }
done
ok $bad "F4 switches the live version's line, its date written the language's way"

# a40.csv is the first: check it, then import it. It has less than half
# the live items: the question says so, with the numbers.
DROP1="This version has %zu item for the %zu jurisdictions of the live one where the live one has %zu: more than half would be gone."
DROP="This version has %zu items for the %zu jurisdictions of the live one where the live one has %zu: more than half would be gone."
nj=$(sql 'SELECT count(DISTINCT jurisdiction) FROM item')
keys Enter
wait_for "y imports all 40 rows"
screen | grep -qF "a40.csv: rows read 40, would import 40, would skip 0"
ok $? "Enter checks the file and shows the summary"
# (the line is wrapped on the screen: the part before the colon)
wait_for "This version has 40 items for the $nj jurisdictions of the live one where the live one has $all:" &&
	screen | grep -qF "more than half would be gone."
ok $? "the question says, with the numbers, that most live items would go"
bad=0
for lang in zh_CN zh_TW en; do
	keys F4
	for want in "$(nsay $lang "y imports the %zu row; Esc cancels." \
	    "y imports all %zu rows; Esc cancels." 40 40)" \
	    "$(nsay $lang "$DROP1" "$DROP" 40 40 "$nj" "$all" | sed 's/:.*/:/')" \
	    "$(say $lang "%s: rows read %zu, would import %zu, would skip %zu, warnings %zu" a40.csv 40 40 0 0)" \
	    "$(live_line $lang)"; do
		wait_for "$want" || { diag "in $lang: no \"$want\""; bad=1; }
	done
done
ok $bad "F4 switches the summary and the question of the check too"
[ "$(sql 'SELECT count(*) FROM item')" = "$all" ]
ok $? "a check changes nothing"
keys y
wait_for "is live. Visitors see it"
[ "$(sql 'SELECT count(*) FROM item')" = 40 ]
ok $? "y imports it all the same: the new version is live"
screen | grep -qF "40 items; earlier versions kept: 1"
ok $? "the staff screen shows the new live version"

# The same file again: no new version, and the screen says so.
keys Enter
wait_for "y imports all 40 rows"
keys y
wait_for "These files hold the same items as the live version: no new version was made." &&
	screen | grep -qF "40 items; earlier versions kept: 1"
ok $? "importing the live version's file again makes no new version and says so"

# bad.csv: the problems, file:line:column, and the clerk decides.
keys Down Enter
wait_for "y imports 1 row and leaves out the 1 with problems"
screen | grep -qF "bad.csv:3:3: error:"
ok $? "problems are listed as file:line:column"
keys F4 F4
wait_for "$(nsay zh_TW "y imports %zu row and leaves out the %zu with problems; Esc cancels." \
    "y imports %zu rows and leaves out the %zu with problems; Esc cancels." 1 1 1)" &&
	screen | grep -qF "bad.csv:3:3: error:"
ok $? "in zh_TW, the question is switched and the problems are still listed"
keys F4
wait_for "y imports 1 row and leaves out the 1 with problems"
keys Escape
wait_for "[ ] bad.csv"
[ "$(sql 'SELECT count(*) FROM item')" = 40 ]
ok $? "Esc leaves the catalogue as it was"

# Roll back to the version before: r lists the kept ones, Enter asks.
keys r
wait_for "$all items, from reference-catalogue.csv"
keys Enter
wait_for "Roll back to the version of" && screen | squash | grep -qF "(reference-catalogue.csv,${all}items)?"
ok $? "r and Enter ask, naming the version it goes back to by its time, files and items"
keys y
wait_for "is live again"
[ "$(sql 'SELECT count(*) FROM item')" = "$all" ]
ok $? "r and y roll back to the version before ($all items)"

keys Escape
wait_for "$all items"
ok $? "Esc leaves the staff screen; the home screen shows the live version"
keys F9
wait_for "Staff PIN"
type_text "$PIN"
keys Enter
wait_for "Staff: catalogue refresh"
keys Enter
wait_for "y imports all 40 rows"
keys y
wait_for "is live. Visitors see it"
keys Escape
wait_for "40 items"
ok $? "after an import from the staff screen, the home screen shows it at once"
! grep -qF "$PIN" "$T_TMP/kiosk.log"
ok $? "the PIN is not logged"
done_testing
