#!/bin/bash
# chayue-admin package without installing anything: the files checked as
# check does, a failing catalogue refused with no package, the package's
# name, version, dependency, files and postinst, and the errors of its
# command line. (Installing packages is tests/pkg/deb.sh, run as root.)
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
REF=$top_srcdir/data/demo/reference-catalogue.csv
OUT=$T_TMP/out
mkdir -p "$OUT" "$T_TMP/in"
admin() { "$ADMIN" --config /dev/null --catalogue "$T_TMP/none.db" "$@"; }
if ! command -v dpkg-deb >/dev/null; then
	skip "package" "no dpkg-deb here"
	done_testing
	exit 0
fi

f="$T_TMP/in/晋江市 目录.csv"
cp "$REF" "$f"
touch -d '2026-07-08 09:10 UTC' "$f"
admin package --name jinjiang --out "$OUT" "$f" >"$T_TMP/log" 2>&1
ok $? "package exits 0"
deb=$OUT/chayue-catalogue-jinjiang_20260708.0910_all.deb
[ -f "$deb" ]
ok $? "it writes chayue-catalogue-jinjiang_20260708.0910_all.deb (the version: the file's date)"
[ "$(dpkg-deb -f "$deb" Package)" = chayue-catalogue-jinjiang ] &&
	[ "$(dpkg-deb -f "$deb" Architecture)" = all ] &&
	dpkg-deb -f "$deb" Depends | grep -qE '^chayue \(>= [0-9.]+\)$'
ok $? "control: the name, Architecture all, Depends chayue (>= ...)"
mkdir "$T_TMP/x"
dpkg-deb -x "$deb" "$T_TMP/x" &&
	zcat "$T_TMP/x/usr/share/chayue/catalogues/jinjiang/01/晋江市 目录.csv.gz" | cmp -s - "$f"
ok $? "the file inside, gzipped, under its own name"
dpkg-deb -e "$deb" "$T_TMP/ctl" &&
	grep -q 'chayue-admin import --yes' "$T_TMP/ctl/postinst" &&
	! grep -q '晋江' "$T_TMP/ctl/postinst" && [ -x "$T_TMP/ctl/postinst" ]
ok $? "its postinst imports with chayue-admin import, with no file name in the script"
sh -n "$T_TMP/ctl/postinst"
ok $? "the postinst is valid shell"
head -n 100 "$REF" >"$T_TMP/in/part1.csv"
{ head -n 1 "$REF"; tail -n +101 "$REF"; } >"$T_TMP/in/part2.csv"
admin package --name two --version 1.2 --out "$OUT" "$T_TMP/in/part1.csv" \
	"$T_TMP/in/part2.csv" >/dev/null 2>&1 &&
	dpkg-deb -c "$OUT/chayue-catalogue-two_1.2_all.deb" | grep -q '/two/02/part2.csv.gz$'
ok $? "--version, and several files kept in their order"

# A catalogue that fails the check: no package.
{ head -n 5 "$REF"; echo '城乡规划,规划编制,,多余,,,,,,,,,,,,,,,,,,'; } >"$T_TMP/in/bad.csv"
admin package --name bad --out "$OUT" "$T_TMP/in/bad.csv" >"$T_TMP/log" 2>&1
rc=$?
[ $rc -eq 1 ] && ! compgen -G "$OUT/chayue-catalogue-bad*" >/dev/null &&
	grep -q 'bad\.csv:6:[0-9]*: ' "$T_TMP/log" && grep -q '没有生成软件包' "$T_TMP/log"
ok $? "a failing catalogue is refused: exit 1, file:line:column, no .deb"
! compgen -G "$OUT/.chayue-package*" >/dev/null
ok $? "no staging folder is left behind"

# The command line.
admin package "$f" >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q -- '--name' "$T_TMP/err"
ok $? "no --name: usage error"
admin package --name Bad_Name "$f" >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -q 'Debian 软件包名规则' "$T_TMP/err"
ok $? "a name Debian does not allow: usage error"
admin package --name ok --version 'x1;rm' "$f" >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ]
ok $? "a version Debian does not allow: usage error"
admin package --name ok >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "no files: usage error"

# No dpkg-deb: a message that says what to install.
mkdir "$T_TMP/bin"
ln -s "$(command -v gzip)" "$T_TMP/bin/gzip"
PATH=$T_TMP/bin admin package --name nodeb --out "$OUT" "$f" >/dev/null 2>"$T_TMP/err"
rc=$?
[ $rc -eq 3 ] && grep -q '找不到 dpkg-deb；请安装（apt-get install dpkg）' "$T_TMP/err" &&
	! compgen -G "$OUT/*nodeb*" >/dev/null
ok $? "without dpkg-deb: exit 3, what to install, no .deb"

done_testing
