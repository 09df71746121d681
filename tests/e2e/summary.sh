#!/bin/bash
# The counts a catalogue opens with (data/store/summary.h): stored when it
# is built, read at open. chayue-admin status and the kiosk's home screen
# show what counting the items shows: after an import, after a smaller
# import, after a rollback, and on a catalogue built before the summary
# (counted at open, as before).
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=
REF=$top_srcdir/data/demo/reference-catalogue.csv
CONF=$T_TMP/en.conf
printf 'language = en\n' >"$CONF"
DB=$T_TMP/c.db
admin() { "$ADMIN" --config "$CONF" --catalogue "$DB" "$@"; }

# What status shows, counted by SQL over the items of $DB.
counted() {
	echo "items: $(sql 'SELECT count(*) FROM item')"
	sql "SELECT s.name, (SELECT count(*) FROM item WHERE source_id = s.id)
		FROM source_file AS s ORDER BY s.id"
	sql "SELECT name, n FROM (SELECT d.name, d.position, d.national,
		(SELECT count(*) FROM item WHERE domain_id = d.id) AS n
		FROM domain AS d) WHERE national OR n > 0 ORDER BY position"
	echo "jurisdictions: $(sql 'SELECT count(DISTINCT jurisdiction) FROM item')"
	sql "SELECT jurisdiction, count(*) AS n FROM item GROUP BY jurisdiction
		ORDER BY n DESC, jurisdiction"
}

# The same from status --json.
shown() {
	admin status --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
print("items: %d" % j["items"])
for f in j["files"]: print("%s|%d" % (f["name"], f["items"]))
for d in j["domains"]: print("%s|%d" % (d["name"], d["items"]))
print("jurisdictions: %d" % len(j["jurisdictions"]))
for f in j["jurisdictions"]: print("%s|%d" % (f["name"], f["items"]))'
}

# check WHAT: status and the home screen agree with counting.
check() {
	local missing=0 total top
	diff <(counted) <(shown) >"$T_TMP/diff"
	ok $? "$1: status shows the counted items, files, domains, jurisdictions" ||
		sed 's/^/# /' "$T_TMP/diff"
	kiosk_start 100 30
	total=$(sql "SELECT count(*) FROM item")
	wait_for "共 $total 项"
	ok $? "$1: the home screen shows $total items"
	while IFS='|' read -r pos name count; do
		screen | grep -qE "(^| )$pos $name \($count\)" || {
			diag "not on screen: $pos $name ($count)"
			missing=1
		}
	done < <(sql "SELECT position, name, (SELECT count(*) FROM item
		WHERE domain_id = domain.id) FROM domain WHERE national
		ORDER BY position")
	ok $missing "$1: the home screen's domain counts are the counted ones"
	top=$(sql "SELECT jurisdiction FROM item WHERE jurisdiction <> ''
		GROUP BY jurisdiction ORDER BY count(*) DESC, jurisdiction LIMIT 1")
	screen | sed -n 2p | grep -qF "$top"
	ok $? "$1: the home screen names the publisher with most items ($top)"
	kiosk_stop
}

head -n 101 "$REF" >"$T_TMP/a100.csv"
admin import --quiet "$REF"
ok $? "import"
[ "$(sql "SELECT value FROM meta WHERE key = 'summary'")" = 1 ]
ok $? "the catalogue has its counts stored"
check "after an import"

admin import --quiet --allow-drop "$T_TMP/a100.csv"
ok $? "a smaller import"
check "after a smaller import"

admin rollback >/dev/null
ok $? "rollback"
check "after a rollback"

# A catalogue from before the summary: its counts are made at open.
sql "DROP TABLE summary_count; DROP TABLE summary_jurisdiction;
	DROP TABLE summary_level;
	DELETE FROM meta WHERE key IN ('summary', 'jurisdictions')"
ok $? "the stored counts removed (a catalogue built before them)"
check "on an old catalogue"

# Many jurisdictions (more than the import's first hash table holds): the
# new version's count per jurisdiction, which the drop check compares with
# the live one's, and the stored counts.
python3 - "$REF" "$T_TMP/many.csv" "$T_TMP/fewer.csv" <<'PY'
import csv, sys
ref = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
rows = []
for i in range(1500):
    r = dict(ref[i % len(ref)])
    r["jurisdiction"] = "测试县%d" % (i % 700)
    r["level2"] = "%s %d" % (r["level2"], i)
    rows.append(r)
for name, part in ((sys.argv[2], rows), (sys.argv[3], rows[:1400])):
    w = csv.DictWriter(open(name, "w", encoding="utf-8", newline=""),
                       fieldnames=list(ref[0].keys()))
    w.writeheader()
    w.writerows(part)
PY
DB=$T_TMP/many.db
admin import --quiet "$T_TMP/many.csv" &&
	admin import --quiet "$T_TMP/fewer.csv" </dev/null
ok $? "700 jurisdictions: a version with every one of them is no drop"
[ "$(shown | sed -n '/^jurisdictions: /p')" = "jurisdictions: 700" ]
ok $? "status: 700 jurisdictions"
diff <(counted) <(shown) >"$T_TMP/diff"
ok $? "700 jurisdictions: status shows the counted figures" ||
	sed 's/^/# /' "$T_TMP/diff"

done_testing
