#!/bin/bash
# The command lines: chayue --help/--version and option errors, and
# chayue-admin import/check/status on the real reference rows and on
# broken files.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=   # the interface language comes from the configuration
REF=$top_srcdir/data/demo/reference-catalogue.csv

out=$("$CHAYUE" --help)
ok $? "chayue --help exits 0"
missing=
for opt in --catalogue --config --kiosk --idle --printer --help --version; do
	printf '%s\n' "$out" | grep -qF -- "$opt" || missing="$missing $opt"
done
[ -z "$missing" ]
ok $? "--help lists every option${missing:+ (missing:$missing)}"
printf '%s\n' "$out" | grep -qF "浏览、检索和阅读政务公开事项目录"
ok $? "--help is in Chinese by default"
[ "$("$CHAYUE" --version)" = "chayue $(sed -n 's/^AC_INIT(\[chayue\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" ]
ok $? "--version prints the package version"
"$CHAYUE" --no-such-option >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "an unknown option exits 2"

# Staff import: the real reference rows, every valid row in, counts right.
db=$T_TMP/c.db
"$ADMIN" --catalogue "$db" import --quiet "$REF"
ok $? "chayue-admin import of the reference catalogue exits 0"
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$REF")
[ "$(DB=$db sql 'SELECT count(*) FROM item')" = "$rows" ]
ok $? "all $rows rows of the reference file are in the catalogue"
status=$("$ADMIN" --catalogue "$db" status)
printf '%s\n' "$status" | grep -qE "^事项：$rows$"
ok $? "status shows the item count"
n=$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["domain"] == "社会救助"))' "$REF")
printf '%s\n' "$status" | grep -qE "^ +$n  社会救助$"
ok $? "status shows the count per domain (社会救助: $n)"

# A broken file: clear file:line:column messages, nothing replaced.
cp "$db" "$T_TMP/before.db"
printf 'domain,level1,level2,level_county\n社会救助,救助,低保,x\n社会救助,,,1\n' >"$T_TMP/bad.csv"
err=$("$ADMIN" --catalogue "$db" import --strict "$T_TMP/bad.csv" 2>&1)
[ $? -eq 1 ]
ok $? "a strict import of a bad file exits 1"
printf '%s\n' "$err" | grep -qE "bad\.csv:2:4: .*level_county"
ok $? "the bad flag is reported as file:line:column with the column's name"
printf '%s\n' "$err" | grep -qE "bad\.csv:3:[0-9]+: "
ok $? "the row without a name is reported too, in the same run"
cmp -s "$db" "$T_TMP/before.db"
ok $? "the live catalogue is unchanged"
"$ADMIN" --catalogue "$db" check "$REF" >/dev/null
ok $? "check of a good file exits 0"
cmp -s "$db" "$T_TMP/before.db"
ok $? "check writes nothing"
"$ADMIN" --catalogue "$T_TMP/none.db" status >/dev/null 2>&1
[ $? -eq 3 ]
ok $? "status of a missing catalogue exits 3"

# Issue 12.3: what is not a regular file, or too large, is refused before
# it is read, with a message naming why and what to do; nothing blocks.
printf 'language = en\n' >"$T_TMP/en.conf"
mkfifo "$T_TMP/pipe.csv"
err=$(timeout 20 "$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" check "$T_TMP/pipe.csv" 2>&1)
rc=$?
[ $rc -eq 1 ] && printf '%s\n' "$err" | grep -qF "pipe.csv:1:1: error: not a regular file (FIFO); import the exported CSV or JSON file itself"
ok $? "check of a FIFO: refused at once, exit 1, 'not a regular file (FIFO)' (exit $rc)"
ln -s /dev/zero "$T_TMP/zero.csv"
err=$(timeout 20 "$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" import --yes "$T_TMP/zero.csv" 2>&1)
rc=$?
[ $rc -eq 1 ] && printf '%s\n' "$err" | grep -qF "zero.csv:1:1: error: not a regular file (character device)"
ok $? "import of a link to /dev/zero: refused, exit 1 (exit $rc)"
truncate -s 1G "$T_TMP/huge.csv"
# A memory limit shows that nothing was read; AddressSanitizer needs far
# more address space than that for itself, so not in a sanitizer build.
limit="under a 400 MB memory limit"
grep -q __asan_init "$ADMIN" && limit="(sanitizer build: no memory limit)"
err=$( (grep -q __asan_init "$ADMIN" || ulimit -v 400000
	"$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" import --yes "$T_TMP/huge.csv") 2>&1)
rc=$?
[ $rc -eq 1 ] && printf '%s\n' "$err" | grep -qF "huge.csv:1:1: error: the file is 1 GB, more than the import limit of 64 MB; a catalogue export is a few megabytes; if this file is right, raise import_max_size in the configuration (chayue-admin: --max-size)"
ok $? "import of a 1 GB sparse file $limit: refused by its size, exit 1 (exit $rc)"
cmp -s "$db" "$T_TMP/before.db"
ok $? "  the live catalogue is unchanged"
head -c 3000 "$REF" | sed '$d' >"$T_TMP/small.csv"
printf 'language = en\nimport_max_size = 2K\n' >"$T_TMP/small.conf"
err=$("$ADMIN" --config "$T_TMP/small.conf" --catalogue "$db" check "$T_TMP/small.csv" 2>&1)
[ $? -eq 1 ] && printf '%s\n' "$err" | grep -qE "small\.csv:1:1: error: the file is 2\.[0-9] KB, more than the import limit of 2 KB"
ok $? "import_max_size = 2K in the configuration refuses a larger file"
"$ADMIN" --config "$T_TMP/small.conf" --catalogue "$db" check --max-size 1M --allow-drop "$T_TMP/small.csv" >/dev/null 2>&1
ok $? "  --max-size 1M lets it through"
err=$("$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" check --max-size 1K "$T_TMP/small.csv" 2>&1)
[ $? -eq 1 ] && printf '%s\n' "$err" | grep -qF "more than the import limit of 1 KB"
ok $? "  --max-size 1K refuses it"
"$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" check --max-size lots "$T_TMP/small.csv" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "--max-size lots is a usage error (exit 2)"
printf 'language = en\nimport_max_size = 17G\n' >"$T_TMP/bad.conf"
err=$("$ADMIN" --config "$T_TMP/bad.conf" --catalogue "$db" check "$T_TMP/small.csv" 2>&1)
rc=$?
[ $rc -eq 2 ] && printf '%s\n' "$err" | grep -qF "bad.conf:2: import_max_size: not a size from 1K to 16G; write it as bytes or with K, M or G, as 64M"
ok $? "import_max_size = 17G: bad.conf:2: import_max_size: …, exit 2 (exit $rc)"
[ "$rc" -eq 2 ] || diag "$err"

# The staff PIN: only a salted hash is printed, and the kiosk accepts it.
line=$(echo 20261126 | "$ADMIN" pin)
printf '%s\n' "$line" | grep -qE '^staff_pin = \$y\$[^ ]{40,}$' &&
	! printf '%s\n' "$line" | grep -qF 20261126
ok $? "chayue-admin pin prints a yescrypt hash line, not the PIN"
echo 20261126 | "$ADMIN" --config "$T_TMP/en.conf" pin 2>&1 >/dev/null |
	grep -qF "put this line in $T_TMP/en.conf in place of any staff_pin line"
ok $? "pin says, on stderr, which configuration file the line goes in"
printf '%s\n' "$line" >"$T_TMP/pin.conf"
"$CHAYUE" --config "$T_TMP/pin.conf" --catalogue "$DEMO_DB" </dev/null >/dev/null 2>"$T_TMP/err"
grep -qF "终端" "$T_TMP/err"
ok $? "the configuration accepts the printed line"
echo 12a4 | "$ADMIN" pin >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "a PIN with a letter is refused (exit 2)"

done_testing
