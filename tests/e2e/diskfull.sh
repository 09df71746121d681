#!/bin/bash
# A full disk and a read-only catalogue directory: the import fails with a
# clear message and exit status 3, the live version is left byte for byte
# as it was (and the kiosk still opens it), nothing is left behind, and
# once there is room again the next import works. The full disk is a
# small tmpfs: that needs mount(8) as root; where mounting is not
# permitted the test is skipped.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
REF=$top_srcdir/data/demo/reference-catalogue.csv
MNT=$T_TMP/mnt
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=4m tmpfs "$MNT" 2>/dev/null; then
	echo "1..0 # SKIP mounting a small tmpfs is not permitted here"
	exit 0
fi
trap 'umount "$MNT" 2>/dev/null; cleanup' EXIT
printf 'language = en\n' >"$T_TMP/en.conf"
db=$MNT/c.db
admin() { "$ADMIN" --config "$T_TMP/en.conf" --catalogue "$db" "$@"; }
head -n 21 "$REF" >"$T_TMP/a20.csv"

admin import --quiet "$T_TMP/a20.csv"
ok $? "a small catalogue is live on the small file system"
cp "$db" "$T_TMP/before.db"
# Fill it up, then leave a few pages free: too little for the new version.
dd if=/dev/zero of="$MNT/filler" bs=4k >/dev/null 2>&1
rm -f "$MNT/filler"
dd if=/dev/zero of="$MNT/filler" bs=4k count=$(( $(stat -f -c %a "$MNT") - 4 )) >/dev/null 2>&1

admin import "$REF" >"$T_TMP/out" 2>&1
st=$?
[ $st -eq 3 ]
ok $? "disk full: exit status 3"
[ $st -eq 3 ] || sed 's/^/# /' "$T_TMP/out"
grep -qE "(disk is full|No space left).*free some disk space" "$T_TMP/out"
ok $? "disk full: the message says so and what to do"
grep -q "rows read [0-9]*, none imported: the import failed" "$T_TMP/out" &&
	grep -q "the import failed: .*; $db was not changed" "$T_TMP/out" &&
	! grep -q "skipped [1-9]" "$T_TMP/out"
ok $? "disk full: the summary says the import failed and nothing changed, no row counted as skipped"
grep -q "none imported" "$T_TMP/out" || sed 's/^/# /' "$T_TMP/out"
cmp -s "$db" "$T_TMP/before.db"
ok $? "disk full: the live catalogue is byte-identical"
admin status >/dev/null
ok $? "disk full: the live catalogue still opens"
! ls "$MNT" | grep -qF ".new."
ok $? "disk full: no half-written file is left"

rm -f "$MNT/filler"
admin import --quiet "$REF" &&
	[ "$(DB=$db sql 'SELECT count(*) FROM item')" = \
	  "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$REF")" ]
ok $? "with room again the import works"

# Read-only: the file system remounted read-only.
cp "$db" "$T_TMP/before.db"
mount -o remount,ro "$MNT"
admin import "$T_TMP/a20.csv" >"$T_TMP/out" 2>&1
st=$?
[ $st -eq 3 ] && grep -qE "read-only" "$T_TMP/out"
ok $? "read-only directory: exit status 3 and a message that says read-only"
[ $st -eq 3 ] || sed 's/^/# /' "$T_TMP/out"
cmp -s "$db" "$T_TMP/before.db" && admin status >/dev/null
ok $? "read-only directory: the live catalogue is unchanged and opens"
admin rollback >"$T_TMP/out" 2>&1
[ $? -eq 3 ] && cmp -s "$db" "$T_TMP/before.db"
ok $? "read-only directory: a rollback fails cleanly too"
mount -o remount,rw "$MNT"

# Read-only by permissions, for a staff account that may not write there
# (root may write anywhere: the import runs as nobody).
cp "$T_TMP/en.conf" "$T_TMP/a20.csv" "$MNT/"
chmod 711 "$T_TMP"
chmod 555 "$MNT"
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$ADMIN" --config "$MNT/en.conf" --catalogue "$db" import "$MNT/a20.csv" >"$T_TMP/out" 2>&1
	st=$?
	[ $st -eq 3 ] && grep -qE "Permission denied.*permissions" "$T_TMP/out" &&
		cmp -s "$db" "$T_TMP/before.db"
	ok $? "a directory the user may not write: exit 3, what to check, nothing changed"
	[ $st -eq 3 ] || sed 's/^/# /' "$T_TMP/out"
fi
chmod 755 "$MNT"

done_testing
