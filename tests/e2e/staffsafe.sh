#!/bin/bash
# The staff screen and what import_dir may hold (issue 12, items 3 and 9):
# a huge file is refused by its size with a message and the kiosk stays
# alive; links out of import_dir are neither listed nor read; the check
# and import run in a child process, so the screen keeps drawing, Esc
# stops them, and an import process that dies leaves the kiosk running
# with the live catalogue.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
PIN=27182818
staff_setup
head -n 41 "$REF" >"$IN/a40.csv"
truncate -s 1G "$IN/huge.csv"
head -n 21 "$REF" >"$T_TMP/outside.csv"
ln -s "$T_TMP/outside.csv" "$IN/out.csv"
ln -s a40.csv "$IN/same.csv"
ln -s /dev/zero "$IN/zero.csv"
mkfifo "$IN/pipe.csv"

kiosk_start 100 30 --kiosk
wait_for "$all items"
staff_open
ok $? "the staff screen opens"
handled && screen | grep -qF "[ ] a40.csv" && screen | grep -qF "[ ] huge.csv" &&
	screen | grep -qF "[ ] same.csv"
ok $? "it lists the files, and a link to a file inside import_dir"
! screen | grep -qF "out.csv" && ! screen | grep -qF "zero.csv" &&
	! screen | grep -qF "pipe.csv"
ok $? "a link out of import_dir, a link to /dev/zero and a FIFO are not listed"

# huge.csv is the second file: a 1 GB sparse file.
keys Down Enter
wait_for "huge.csv:1:1: error: the file is 1 GB, more than the import limit" &&
	screen | grep -qF "of 64 MB; a catalogue export is a few megabytes"
ok $? "a 1 GB file is refused by its size, with the size and the limit"
screen | grep -qF "Nothing can be imported"
ok $? "  and nothing can be imported"
handled && ! pane_dead
ok $? "  the kiosk is alive and answers keys"
keys Escape
wait_for "[ ] huge.csv"
[ "$(sql 'SELECT count(*) FROM item')" = "$all" ]
ok $? "  the catalogue is as it was"

# A link swapped after the listing to lead out of import_dir is not read.
rm "$IN/same.csv"
ln -s "$T_TMP/outside.csv" "$IN/same.csv"
keys Down Down Enter
wait_for "same.csv:1:1: error: the file is a link to" &&
	screen | grep -qF "copy the file itself into the import folder"
ok $? "a listed link changed to lead out of import_dir: refused when checked"
keys Escape
wait_for "[ ] same.csv"

# The check runs beside the screen: the kiosk answers keys meanwhile, and
# an import that goes well still works.
keys Up Up Enter
wait_for "y imports all 40 rows"
keys y
wait_for "is live. Visitors see it"
[ "$(sql 'SELECT count(*) FROM item')" = 40 ]
ok $? "a check and an import from the staff screen still work"
kiosk_stop

if test_hooks; then
	# A check that takes its time: the screen keeps drawing, Esc stops it.
	CHAYUE_TEST_IMPORT_SLEEP=30 kiosk_start 100 30 --kiosk
	wait_for "40 items"
	staff_open
	keys Enter
	wait_for "Checking… Esc stops the check."
	ok $? "Enter starts the check; the screen says it is checking"
	handled
	ok $? "  while it runs, the kiosk answers keys (F4 switches the language)"
	kid=$(pgrep -P "$(kiosk_pid)" | head -1)
	[ -n "$kid" ]
	ok $? "  in a child process of the kiosk ($kid)"
	keys Escape
	wait_for "Check stopped."
	ok $? "Esc stops the check"
	eventually sh -c "! kill -0 $kid 2>/dev/null"
	ok $? "  and its process is gone"
	kiosk_stop

	# An import process that dies (the test hook kills it with SIGKILL, as
	# the kernel does when memory runs out) leaves the kiosk running.
	head -n 31 "$REF" >"$IN/a40.csv"
	# (The check's comparison, built aside, is killed at the same
	# point: the report stands, and its directory is removed.)
	mkdir -p "$T_TMP/kt"
	TMPDIR=$T_TMP/kt CHAYUE_TEST_CRASH_AT=3 kiosk_start 100 30 --kiosk
	wait_for "40 items"
	staff_open
	keys Enter
	wait_for "y imports all 30 rows"
	keys y
	wait_for "the import process was killed (out of memory?); the live catalogue is unchanged"
	ok $? "an import process killed by SIGKILL is reported on the status line"
	handled && ! pane_dead
	ok $? "  the kiosk is alive and answers keys"
	[ "$(sql 'SELECT count(*) FROM item')" = 40 ]
	ok $? "  the live catalogue is unchanged"
	grep -qF "import process ended early" "$T_TMP/kiosk.log"
	ok $? "  the log says so"
	[ -z "$(ls -A "$T_TMP/kt")" ]
	ok $? "  the comparison killed during the check left nothing behind"
	kiosk_stop
else
	for i in 1 2 3 4 5 6 7 8 9 10; do
		skip "a slow check stopped with Esc; an import process killed" \
			"the test hooks are not compiled in (--enable-test-hooks)"
	done
fi
done_testing
