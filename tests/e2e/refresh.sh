#!/bin/bash
# A running kiosk picks up a new catalogue version, imported or rolled back
# by staff, the next time a visitor comes back to the home screen: no
# restart, and the screens above the home screen keep working meanwhile.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
REF=$top_srcdir/data/demo/reference-catalogue.csv
export DB=$T_TMP/k.db
admin() { "$ADMIN" --config /dev/null --catalogue "$DB" "$@" >/dev/null 2>&1; }
head -n 41 "$REF" >"$T_TMP/a40.csv"

admin import "$REF"
all=$(sql 'SELECT count(*) FROM item')
kiosk_start 80 24
wait_for "共 $all 项"
ok $? "the kiosk shows the catalogue ($all items)"
n=$(hits 行政处罚)
search_shows 行政处罚 "$n"
ok $? "its search finds $n items for 行政处罚"

name=$(sql "SELECT name FROM domain WHERE position = 5")
open_domain 5
wait_for "层级："
admin import --allow-drop "$T_TMP/a40.csv"
ok $? "staff import a new version while a visitor reads domain 5"
handled Down && screen | head -n 1 | grep -qF "$name"
ok $? "the domain screen goes on working"

keys Escape
wait_for "共 40 项"
ok $? "back on the home screen: the new version (40 items)"
n=$(sql "SELECT count(*) FROM item WHERE domain_id = 5")
screen | grep -qE "(^| )5 $name \($n\)"
ok $? "with its counts per domain ($name: $n)"
! pane_dead
ok $? "without a restart"
n=$(hits 行政处罚)
search_shows 行政处罚 "$n"
ok $? "and the search reads the new version's index: $n for 行政处罚"

admin rollback
open_domain 1
wait_for "层级："
keys h
wait_for "共 $all 项"
ok $? "a rollback shows after the next return home (h)"

# A version that cannot be opened is not switched to: the old one stays.
cp "$DB" "$T_TMP/keep.db"
printf 'not a catalogue' >"$T_TMP/junk.db"
mv "$T_TMP/junk.db" "$DB"
open_domain 1
wait_for "层级："
keys Escape
wait_for "共 $all 项"
handled && screen | grep -qF "共 $all 项" && ! pane_dead
ok $? "a damaged file at the path: the kiosk keeps showing the old version"
cp "$T_TMP/keep.db" "$DB"

# A file that opens but whose domains cannot be read: a new visitor gets
# the "unavailable" screen, and once a good file is back the kiosk shows
# it by itself, as "Trying again…" says (it used to wait for a key).
cp "$T_TMP/keep.db" "$T_TMP/nodomain.db"
sqlite3 "$T_TMP/nodomain.db" "PRAGMA foreign_keys = off; DROP TABLE domain"
mv "$T_TMP/nodomain.db" "$DB"
keys F12
wait_for "请告知工作人员"
ok $? "a catalogue whose domains cannot be read: the unavailable screen"
cp "$T_TMP/keep.db" "$T_TMP/back.db"
mv "$T_TMP/back.db" "$DB"
wait_for "共 $all 项"
ok $? "the good file back: the kiosk tries again and shows home without a key"

keys q
wait_exit
ok $? "q still quits"
done_testing
