#!/bin/bash
# Catalogue versions through chayue-admin: every import a new version,
# history, rollback (one back or by name), diff, status and history as
# JSON, keep_versions pruning, confirmation before skipping rows, the
# progress bar on a terminal, exit statuses.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
REF=$top_srcdir/data/demo/reference-catalogue.csv
CONF=$T_TMP/en.conf
printf 'language = en\nkeep_versions = 2\n' >"$CONF"
db=$T_TMP/c.db
admin() { "$ADMIN" --config "$CONF" --catalogue "$db" "$@"; }
json() {	# json EXPRESSION: evaluate EXPRESSION on the JSON on stdin as "j"
	python3 -c 'import json, sys; j = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$1"; }

# Three catalogues to switch between: all rows, the first 100, 40 of them.
head -n 101 "$REF" >"$T_TMP/a100.csv"
head -n 41 "$REF" >"$T_TMP/a40.csv"
all=$(rows "$REF")

admin import --quiet "$REF" && admin import --quiet --allow-drop "$T_TMP/a100.csv" &&
	admin import --quiet --allow-drop "$T_TMP/a40.csv"
ok $? "three imports (smaller and smaller: --allow-drop)"
[ "$(DB=$db sql 'SELECT count(*) FROM item')" = 40 ]
ok $? "the last one is live"

admin history --json >"$T_TMP/h.json"
ok $? "history --json exits 0"
[ "$(json 'len(j["versions"])' <"$T_TMP/h.json")" = 3 ] &&
	[ "$(json '[v["items"] for v in j["versions"]]' <"$T_TMP/h.json")" = "[40, 100, $all]" ]
ok $? "history: the live version and the two before it, newest first"
[ "$(json '[v["live"] for v in j["versions"]]' <"$T_TMP/h.json")" = "[True, False, False]" ]
ok $? "history marks the live one"
live=$(json 'j["versions"][0]["version"]' <"$T_TMP/h.json")
prev=$(json 'j["versions"][1]["version"]' <"$T_TMP/h.json")
first=$(json 'j["versions"][2]["version"]' <"$T_TMP/h.json")
[ "$live" != "$prev" ] && [ "$prev" != "$first" ]
ok $? "every version has its own id ($first, $prev, $live)"
admin history | grep -qE "^\* .+ +40  $live  a40\.csv  \(live\)$" &&
	admin history | grep -qE "^  .+ +100  $prev  a100\.csv$"
ok $? "history as text: time, items, id, the files imported"

# Versions named for people: the local date and time of the import, from
# the id (UTC), in the hall's time zone and language; the files it came
# from. In history and status (rollback's message below).
utc=$(printf '%s' "$live" | sed -E 's/^(....)(..)(..)T(..)(..)(..)Z.*/\1-\2-\3T\4:\5:\6Z/')
want=$(TZ=Asia/Shanghai date -d "$utc" '+%Y年%-m月%-d日 %H:%M')
printf 'keep_versions = 2\n' >"$T_TMP/zh.conf"
TZ=Asia/Shanghai "$ADMIN" --config "$T_TMP/zh.conf" --catalogue "$db" history |
	grep -qE "^\* $want +40  $live  a40\.csv"
ok $? "history in zh_CN shows the local time of the import ($want in Shanghai)"
TZ=Asia/Shanghai "$ADMIN" --config "$T_TMP/zh.conf" --catalogue "$db" status |
	grep -qxF "版本：$want（$live）"
ok $? "status names the version by its local time, the id after it"
[ "$(json '[v["files"] for v in j["versions"]]' <"$T_TMP/h.json")" = "['a40.csv', 'a100.csv', 'reference-catalogue.csv']" ] &&
	json 'j["versions"][0]["when"]' <"$T_TMP/h.json" | grep -qE '^[A-Z][a-z]+ [0-9]+, 20[0-9][0-9] at '
ok $? "history --json: the files and the time in words too"

admin status --json >"$T_TMP/s.json"
[ "$(json 'j["version"], j["items"], j["earlier_versions"]' <"$T_TMP/s.json")" = "('$live', 40, 2)" ]
ok $? "status --json: version, items, earlier versions"
[ "$(json '[f["name"] for f in j["files"]]' <"$T_TMP/s.json")" = "['a40.csv']" ]
ok $? "status --json: the files it came from"
want=$(DB=$db sql "SELECT count(*) FROM item WHERE domain_id = 5")
name=$(DB=$db sql "SELECT name FROM domain WHERE id = 5")
[ "$(json "[d['items'] for d in j['domains'] if d['name'] == '$name'][0]" <"$T_TMP/s.json")" = "$want" ]
ok $? "status --json: items per domain ($name: $want)"
jn=$(DB=$db sql "SELECT count(DISTINCT jurisdiction) FROM item")
top=$(DB=$db sql "SELECT jurisdiction || ' ' || count(*) FROM item GROUP BY jurisdiction ORDER BY count(*) DESC, jurisdiction LIMIT 1")
[ "$(json 'len(j["jurisdictions"])' <"$T_TMP/s.json")" = "$jn" ] &&
	[ "$(json 'j["jurisdictions"][0]["name"] + " " + str(j["jurisdictions"][0]["items"])' <"$T_TMP/s.json")" = "$top" ]
ok $? "status --json: items per jurisdiction ($top)"
admin status | grep -qE "^ +40  a40\.csv$"
ok $? "status as text names the file"

# diff: the live version against the one before.
admin diff --json >"$T_TMP/d.json"
[ "$(json 'j["added"], j["removed"], j["changed"], j["from"], j["to"]' <"$T_TMP/d.json")" = "(0, 60, 0, '$prev', '$live')" ]
ok $? "diff: 60 removed from $prev to $live"
admin diff "$first" "$prev" | head -n 1 | grep -qF "from $first to $prev: 0 added, $((all - 100)) removed, 0 changed"
ok $? "diff between two named versions"
sed '2s/,[^,]*,[^,]*$/,晋江市,http:\/\/example.gov.cn\/changed/' "$T_TMP/a40.csv" >"$T_TMP/a40c.csv"
sed -i '3s/^\([^,]*,[^,]*,[^,]*\),[^,]*/\1,改过的内容/' "$T_TMP/a40c.csv"
admin import --quiet "$T_TMP/a40c.csv"
admin diff >"$T_TMP/d.txt"
head -n 1 "$T_TMP/d.txt" | grep -qE ": 1 added, 1 removed, 1 changed$" &&
	grep -qE "^~ .*\(Content\)$" "$T_TMP/d.txt"
ok $? "diff: a changed content is a change; a changed jurisdiction is removed + added"

# keep_versions = 2: the oldest was pruned.
[ "$(admin history --json | json 'len(j["versions"])')" = 3 ] &&
	! admin history | grep -qF "$first "
ok $? "keep_versions = 2 keeps two earlier versions"
[ "$(ls "$db.versions" | grep -c '\.db$')" = 2 ] &&
	[ "$(ls "$db.versions" | grep -c '\.idx$')" = 3 ] &&
	[ "$(ls "$db.versions" | wc -l)" = 5 ]
ok $? "and the versions directory holds just those two, and the search-index sidecars of them and of the live one"

# rollback: one back, then by name; the kiosk's file is switched each time.
admin rollback >"$T_TMP/out"
[ $? -eq 0 ] && [ "$(DB=$db sql 'SELECT count(*) FROM item')" = 40 ] &&
	[ "$(DB=$db sql "SELECT value FROM meta WHERE key = 'version'")" = "$live" ]
ok $? "rollback goes back one version ($live)"
grep -qE "^version .+ at .+ \($live\) is now live in " "$T_TMP/out"
ok $? "rollback names the version now live by its time and id"
admin rollback "$prev" >/dev/null &&
	[ "$(DB=$db sql 'SELECT count(*) FROM item')" = 100 ]
ok $? "rollback VERSION goes to that version"
admin rollback no-such-version >/dev/null 2>"$T_TMP/err"
[ $? -eq 4 ] && grep -qF "there is no version no-such-version" "$T_TMP/err"
ok $? "an unknown version: exit 4 and a message"
admin export --version no-such-version >/dev/null 2>&1
[ $? -eq 4 ]
ok $? "export of an unknown version: exit 4"
admin export --version "$live" | tail -n +2 | wc -l | grep -qx 40
ok $? "export --version exports that version"

# A version that drops most of the live one's items: refused, --yes or
# not, with the numbers in words, unless --allow-drop.
g=$T_TMP/g.db
"$ADMIN" --config "$CONF" --catalogue "$g" import --quiet "$REF"
"$ADMIN" --config "$CONF" --catalogue "$g" import --yes "$T_TMP/a100.csv" >"$T_TMP/out" 2>&1
st=$?
[ $st -eq 1 ] && [ "$(DB=$g sql 'SELECT count(*) FROM item')" = "$all" ] &&
	grep -qE "import refused: this version has 100 items for the [0-9]+ jurisdictions of the live one where the live one has $all \(.*: 0 where it has [0-9]+\): it would drop more than half of them; .*--allow-drop" "$T_TMP/out"
ok $? "a version with less than half the live items: refused (exit 1), the numbers in words, nothing changed"
[ $st -eq 1 ] || sed 's/^/# /' "$T_TMP/out"
"$ADMIN" --config "$CONF" --catalogue "$g" check "$T_TMP/a100.csv" 2>&1 | grep -q "an import would be refused: this version has 100 items"
ok $? "check says so too"
"$ADMIN" --config "$CONF" --catalogue "$g" import --quiet --allow-drop "$T_TMP/a100.csv" &&
	[ "$(DB=$g sql 'SELECT count(*) FROM item')" = 100 ]
ok $? "--allow-drop imports it"
! "$ADMIN" --config "$CONF" --catalogue "$g" import --quiet "$T_TMP/a40.csv" 2>/dev/null &&
	[ "$(DB=$g sql 'SELECT count(*) FROM item')" = 100 ]
ok $? "40 of 100 is refused too"
head -n 71 "$REF" >"$T_TMP/a70.csv"
"$ADMIN" --config "$CONF" --catalogue "$g" import --quiet "$T_TMP/a70.csv" &&
	[ "$(DB=$g sql 'SELECT count(*) FROM item')" = 70 ]
ok $? "70 of 100 is not: fewer than half dropped"
awk -F, 'NR == 1 || $16 == "沙湾区"' "$REF" >"$T_TMP/one.csv"
head -n 2 "$T_TMP/one.csv" >"$T_TMP/one1.csv"
"$ADMIN" --config "$CONF" --catalogue "$T_TMP/one.db" import --quiet "$T_TMP/one.csv" &&
	"$ADMIN" --config "$CONF" --catalogue "$T_TMP/one.db" import "$T_TMP/one1.csv" 2>&1 |
	grep -q "import refused: this version has 1 item for 沙湾区 where the live one has $(($(wc -l <"$T_TMP/one.csv") - 1)): it would drop"
ok $? "one jurisdiction: named in the message"

# Rows with problems: the clerk confirms first.
printf 'domain,level2,audience_all\n社会救助,低保,1\n社会救助,特困,有\n' >"$T_TMP/bad.csv"
before=$(DB=$db sql "SELECT value FROM meta WHERE key = 'version'")
admin import --allow-drop "$T_TMP/bad.csv" </dev/null >"$T_TMP/out" 2>&1
st=$?
[ $st -eq 1 ] && [ "$(DB=$db sql "SELECT value FROM meta WHERE key = 'version'")" = "$before" ] &&
	grep -qF "run the import again with --yes" "$T_TMP/out"
ok $? "without a terminal and without --yes, skipped rows stop the import"
grep -qF "bad.csv (UTF-8, canonical layout): rows read 2, would import 1, would skip 1" "$T_TMP/out" &&
	grep -qF "import refused: it was not confirmed" "$T_TMP/out"
ok $? "the summary says what would have been imported, and that nothing was"
admin import --yes --allow-drop "$T_TMP/bad.csv" >"$T_TMP/out" 2>&1
[ $? -eq 1 ] && [ "$(DB=$db sql 'SELECT count(*) FROM item')" = 1 ]
ok $? "--yes imports the good rows (exit 1: rows were skipped)"

# An import of the same items as the live version makes no new version and
# says so: it must not push real versions out of keep_versions. The first
# import does not claim to have kept an earlier version.
printf 'language = en\nkeep_versions = 1\n' >"$T_TMP/k1.conf"
same() { "$ADMIN" --config "$T_TMP/k1.conf" --catalogue "$T_TMP/same.db" "$@"; }
same import "$REF" >"$T_TMP/out" &&
	grep -qF "is now live in" "$T_TMP/out" && ! grep -qF "is kept" "$T_TMP/out"
ok $? "the first import does not say an earlier version was kept"
same import --allow-drop "$T_TMP/a100.csv" >"$T_TMP/out" &&
	grep -qF "the version before it is kept" "$T_TMP/out"
ok $? "the second one does"
v=$(same history --json | json 'j["versions"][0]["version"]')
cp "$T_TMP/a100.csv" "$T_TMP/a100-copy.csv"
same import "$T_TMP/a100.csv" >"$T_TMP/out"
rc=$?
[ $rc -eq 0 ] && grep -qE "^the files hold the same items as the live version .*\($v\): no new version was made" "$T_TMP/out" &&
	! grep -qF "is now live" "$T_TMP/out"
ok $? "importing the live version's file again: no new version, and it says so (exit $rc)"
same import "$T_TMP/a100-copy.csv" >/dev/null
[ "$(same history --json | json '[v["version"] for v in j["versions"]]')" = "$(printf "['%s', '%s']" "$v" "$(same history --json | json 'j["versions"][1]["version"]')")" ] &&
	[ "$(same history --json | json 'j["versions"][1]["items"]')" = "$all" ] &&
	[ "$(DB=$T_TMP/same.db sql "SELECT value FROM meta WHERE key = 'version'")" = "$v" ]
ok $? "the same rows under another file name: still no new version; the real earlier one is still kept"

# On a terminal (script(1) gives one): the question, and the progress bar.
onterm() {	# onterm INPUT COMMAND: COMMAND on a terminal, INPUT typed
	printf '%s\n' "$1" | script -qec "$2" /dev/null
}
cd "$T_TMP"
# The bar waits a second; the hook CHAYUE_PROGRESS_DELAY_MS=0 shows it at once.
if test_hooks; then
	onterm "" "CHAYUE_PROGRESS_DELAY_MS=0 '$ADMIN' --config '$CONF' --catalogue t.db import '$REF'" >"$T_TMP/out"
	grep -qE "\[#+\] 100%  $all rows" "$T_TMP/out"
	ok $? "an import on a terminal shows the progress bar"
	# As the terminal shows it: each line after its last carriage return.
	printf 'domain,level2\n社会救助,低保\n,缺领域\n' >"$T_TMP/bar.csv"
	onterm y "CHAYUE_PROGRESS_DELAY_MS=0 '$ADMIN' --config '$CONF' --catalogue bar.db import '$T_TMP/bar.csv'" |
		sed -e 's/\r$//' -e 's/.*\r\x1b\[K//' -e 's/.*\r//' >"$T_TMP/shown"
	grep -q "^version .* is now live in" "$T_TMP/shown" && ! grep -qF "[#" "$T_TMP/shown"
	ok $? "the bar's line is cleared before the next message, also after the question"
else
	"$ADMIN" --config "$CONF" --catalogue t.db import --quiet "$REF" >/dev/null 2>&1
	skip "an import on a terminal shows the progress bar" \
		"built without --enable-test-hooks"
fi
onterm n "'$ADMIN' --config '$CONF' --catalogue t.db import --allow-drop bad.csv" >"$T_TMP/out"
grep -qF "Import 1 row and leave out the 1 with problems? [y/N]" "$T_TMP/out" &&
	[ "$(DB=$T_TMP/t.db sql 'SELECT count(*) FROM item')" = "$all" ]
ok $? "on a terminal the clerk is asked first; n leaves the catalogue alone"
onterm y "'$ADMIN' --config '$CONF' --catalogue t.db import --allow-drop bad.csv" >"$T_TMP/out"
[ "$(DB=$T_TMP/t.db sql 'SELECT count(*) FROM item')" = 1 ]
ok $? "y imports the good rows"
cd - >/dev/null
CHAYUE_PROGRESS_DELAY_MS=0 "$ADMIN" --config "$CONF" --catalogue "$T_TMP/p.db" import "$REF" >"$T_TMP/out"
! grep -qF "#" "$T_TMP/out"
ok $? "no progress bar when the output is not a terminal"

done_testing
