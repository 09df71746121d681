#!/bin/bash
# A soak test: 10,000 random keys, mouse reports (broken ones too), escape
# junk and resizes down to 1x1, in kiosk mode. The kiosk must still run,
# never leave to a shell, and still draw a proper screen afterwards.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

seed=${SOAK_SEED:-$RANDOM}
printf '%s\n' "$(echo 97531864 | "$ADMIN" pin)" >"$T_TMP/soak.conf"
CONFIG=$T_TMP/soak.conf kiosk_start 80 24 --kiosk
wait_for "政务公开事项目录查阅"
summary=$(python3 "$top_srcdir/tests/e2e/soak.py" "$T_SOCK" 10000 "$seed")
diag "$summary (rerun with SOAK_SEED=$seed)"
case "$summary" in
"10000 events, "*) ;;
*) false ;;
esac
ok $? "10,000 events sent"
[ "$(printf '%s' "$summary" | sed -E 's/.*\(([0-9]+) to 1x1.*/\1/')" -ge 1 ]
ok $? "resized down to 1x1 and back"
printf '%s' "$summary" | grep -qE ' 0 not running, 0 blank,'
ok $? "running and drawing at every check along the way"

# F12 first: whatever screen the soak left (a code filling the window has
# no key bar), a new visitor's home screen has one for handled.
resize 80 24
keys Escape F12
wait_for "政务公开事项目录查阅" && handled && ! pane_dead && [ -n "$(kiosk_pid)" ]
ok $? "the kiosk is still running, not at a shell prompt"
screen | grep -qE "26 $(sql "SELECT name FROM domain WHERE position = 26")"
ok $? "and after F12 it draws a whole home screen at 80x24"
open_domain 20
wait_for "层级："
keys Enter
wait_for "公开内容"
ok $? "and it still browses: domain 20, first item"

done_testing
