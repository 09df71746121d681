#!/bin/bash
# Kiosk mode: no key leaves, stops or freezes the program; closing needs
# the staff PIN, wrong PINs are slowed down and logged, the lock outlives
# a restart and chayue-admin pin --unlock lifts it; a weak PIN hash is
# refused; signals end it cleanly with the status a supervisor expects.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

PIN=48151623
# A state file of this test's own: the PIN lock is kept there.
STATE=$T_TMP/state.db
printf '%s\nlog_file = %s\nstate_file = %s\n' "$(echo $PIN | "$ADMIN" pin)" \
	"$T_TMP/kiosk.log" "$STATE" >"$T_TMP/kiosk.conf"
export CONFIG=$T_TMP/kiosk.conf
home="政务公开事项目录查阅"
alive() { ! pane_dead; }

kiosk_start 80 24 --kiosk
wait_for "$home"
ok $? "kiosk mode starts on the home screen"
handled && ! screen | tail -n 1 | grep -qF "q 退出"
ok $? "the key bar offers no quit key"

# Keys that would interrupt, suspend, quit or freeze a terminal program
# (F4 switches the language, see lang.sh; F9 opens the staff screen).
bad=0
for k in C-c C-z 'C-\' C-s C-q C-d q Q ':' '!' F5 F6 F7 F8 F11; do
	if ! handled "$k" || ! alive || ! screen | grep -qF "$home"; then
		diag "after $k"
		bad=1
		break
	fi
done
ok $bad "^C ^Z ^\\ ^S ^Q ^D q and the function keys do not leave or stop it"
# ^S alone, no ^Q after it: with flow control on, output would stop here.
keys C-s
open_domain 3
wait_for "层级："
ok $? "after ^S (and no ^Q) the kiosk still draws what keys do (no frozen output)"
keys Escape
wait_for "$home"

# What a visitor searches for and opens is never logged.
keys /
wait_for "检索："
type_text zdshbz
wait_for "条结果"
keys Enter
wait_for "公开内容"
opened=$(screen | sed -n 2p | sed 's/^ *//; s/ *$//')
keys Escape Escape
wait_for "$home"
[ -s "$T_TMP/kiosk.log" ] && ! grep -qiF zdshbz "$T_TMP/kiosk.log" &&
	[ -n "$opened" ] && ! grep -qF "$opened" "$T_TMP/kiosk.log"
ok $? "the log holds neither the search (zdshbz) nor the item opened ($opened)"

# Closing: F10 asks for the staff PIN.
keys F10
wait_for "输入工作人员密码以关闭查阅终端"
ok $? "F10 asks for the staff PIN"
keys Escape
wait_for "$home"
alive
ok $? "Esc at the PIN prompt goes back; the kiosk keeps running"

# Bytes that decode past U+10FFFF (F4 90 …) are no key: they must not
# reach the codes of function keys and the PIN pad inside the kiosk.
tmux -L "$T_SOCK" send-keys -t t -H f4 90 84 92
handled && ! screen | grep -qF "输入工作人员密码以关闭查阅终端" &&
	screen | grep -qF "$home"
ok $? "typed bytes F4 90 84 92 do not open the F10 prompt"
keys F10
wait_for "输入工作人员密码以关闭查阅终端"
tmux -L "$T_SOCK" send-keys -t t -H f4 90 88 9d f4 90 84 94 f4 90 84 95
handled && alive && screen | grep -qF "输入工作人员密码以关闭查阅终端" &&
	! grep -q "closed by staff PIN" "$T_TMP/kiosk.log"
ok $? "typed bytes past U+10FFFF at the PIN prompt do not pass it"
tmux -L "$T_SOCK" send-keys -t t -H ed a0 80 ef b7 90 ef bf be
handled && alive && screen | grep -qF "输入工作人员密码以关闭查阅终端"
ok $? "surrogates and non-characters are dropped too"
keys Escape
wait_for "$home"

keys F10
wait_for "密码："
type_text 1111
keys Enter
wait_for "密码错误"
alive
ok $? "a wrong PIN is refused"
type_text 2222
keys Enter
settle
type_text 3333
keys Enter
wait_for "秒后再试"
ok $? "after 3 wrong PINs the prompt is locked for a while"
type_text "$PIN"
handled Enter && alive && screen | grep -qF "秒后再试"
ok $? "while locked even the right PIN does not close the kiosk"
grep -c "wrong staff PIN" "$T_TMP/kiosk.log" | grep -qx 3
ok $? "each wrong PIN is logged"
! grep -qE "$PIN|1111|2222|3333" "$T_TMP/kiosk.log"
ok $? "no PIN appears in the log"
kiosk_stop

# The lock is in the state file: restarting (or a power cycle) gives no
# fresh guesses.
[ "$(sqlite3 "$STATE" "SELECT failures, locked_until > CAST(strftime('%s', 'now') AS INTEGER) FROM pin_lock")" = "3|1" ]
ok $? "the state file holds the count of wrong PINs and the lock"
[ "$(sqlite3 "$STATE" "SELECT count(*) FROM pin_lock WHERE failures || locked_until LIKE '%$PIN%'")" = 0 ]
ok $? "and no PIN"
kiosk_start 80 24 --kiosk
wait_for "$home"
keys F10
wait_for "密码："
type_text "$PIN"
keys Enter
wait_for "秒后再试"
alive
ok $? "after a restart the prompt is still locked: the right PIN does not close it"
grep -q "staff PIN still locked" "$T_TMP/kiosk.log"
ok $? "the restart logs that the PIN is still locked"
# (chayue-admin in English here: the configuration's language.)
printf 'language = en\nstate_file = %s\n' "$STATE" >"$T_TMP/admin.conf"
out=$("$ADMIN" --config "$T_TMP/admin.conf" pin --unlock)
ok $? "chayue-admin pin --unlock exits 0"
printf '%s\n' "$out" | grep -qE "^The staff PIN is unlocked: it was locked for [0-9]+ s more after 3 wrong PINs in a row\.$"
ok $? "and says what it lifted ($out)"
[ "$(sqlite3 "$STATE" "SELECT failures || '|' || locked_until FROM pin_lock")" = "0|0" ]
ok $? "the state file is cleared"
# Empty PINs cannot be right: they cost no guess and lock nobody out.
for i in 1 2 3 4 5; do
	keys Enter
	settle
done
alive && ! screen | grep -qF "秒后再试" && screen | grep -qF "密码错误"
ok $? "five empty PINs are wrong but do not lock the running kiosk's prompt"
# Touch the on-screen keypad: each digit of the PIN, then 确定.
for ((i = 0; i < ${#PIN}; i++)); do
	click_on "${PIN:$i:1}" || break
done
click_on "确定"
wait_exit
[ "$(pane_status)" = 0 ]
ok $? "unlocked, the right PIN touched on the keypad closes the kiosk (status 0)"
grep -q "closed by staff PIN" "$T_TMP/kiosk.log"
ok $? "closing is logged"

# Signals: SIGTERM is a clean stop; SIGHUP (terminal lost) is a failure so
# that the supervisor restarts the kiosk.
for sig in TERM HUP; do
	kiosk_start 80 24 --kiosk
	wait_for "$home"
	kill -"$sig" "$(kiosk_pid)"
	wait_exit
	want=$([ $sig = TERM ] && echo 0 || echo 1)
	[ "$(pane_status)" = "$want" ]
	ok $? "SIG$sig ends the kiosk cleanly with status $want"
done
grep -q "stopped by SIGHUP" "$T_TMP/kiosk.log"
ok $? "the lost terminal is logged"
# A terminal lost without a SIGHUP reaching the kiosk: a wrapper that
# ignores HUP runs it in a session of its own, then the terminal closes.
# Every read fails from then on; the kiosk must end (status 1, logged)
# rather than spin.
T_WRAP="trap '' HUP; setsid " kiosk_start 80 24 --kiosk
wait_for "$home"
pid=$(kiosk_pid)
tmux -L "$T_SOCK" kill-server 2>/dev/null
wait_exit && [ "$(pane_status)" = 1 ]
ok $? "a terminal closed without SIGHUP ends the kiosk with status 1 ($(pane_status))"
grep -q "terminal lost" "$T_TMP/kiosk.log"
ok $? "the terminal lost without SIGHUP is logged"
# Never leave a spinning kiosk behind (only this one, by its id).
[ -n "$pid" ] && [ "$(ps -o comm= -p "$pid")" = chayue ] && kill -KILL "$pid"
grep -q "started in kiosk mode" "$T_TMP/kiosk.log" &&
	grep -q "catalogue .* version .* loaded" "$T_TMP/kiosk.log"
ok $? "start and the catalogue version are logged"

# The log file is created readable by the owner and group only, even
# under umask 0.
printf 'log_file = %s\n' "$T_TMP/new.log" >"$T_TMP/log.conf"
CONFIG=$T_TMP/log.conf T_WRAP="umask 0; " kiosk_start 80 24 --kiosk
wait_for "$home"
[ "$(stat -c %a "$T_TMP/new.log")" = 640 ]
ok $? "the log file is created with mode 640 under umask 0 ($(stat -c %a "$T_TMP/new.log"))"
kiosk_stop

# Without a staff PIN nobody can close a kiosk from the keyboard.
CONFIG=/dev/null kiosk_start 80 24 --kiosk
wait_for "$home"
keys F10
wait_for "密码："
type_text 0000
keys Enter
wait_for "本终端未设置工作人员密码"
alive
ok $? "no PIN configured: F10 cannot close the kiosk"

# A weak hash is refused where the configuration is read, saying where and
# what to do; chayue-admin pin, which makes the line that mends it, runs.
md5='$1$saltsalt$fpXhOtJ7R8QVBapVBH7dO.'
printf 'language = en\nstaff_pin = %s\n' "$md5" >"$T_TMP/md5.conf"
want="$T_TMP/md5.conf:2: staff_pin: an MD5-crypt (\$1\$) hash is too weak to keep the PIN; make a yescrypt one with: chayue-admin pin"
"$CHAYUE" --config "$T_TMP/md5.conf" --catalogue "$DEMO_DB" </dev/null >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -qxF "chayue: $want" "$T_TMP/err"
ok $? "the kiosk refuses an MD5-crypt staff_pin (status 2): $(head -c 300 "$T_TMP/err")"
"$ADMIN" --config "$T_TMP/md5.conf" status >/dev/null 2>"$T_TMP/err"
[ $? -eq 2 ] && grep -qF "$want" "$T_TMP/err"
ok $? "so does chayue-admin"
line=$(echo 4815 | "$ADMIN" --config "$T_TMP/md5.conf" pin 2>"$T_TMP/err")
[ $? -eq 0 ] && printf '%s\n' "$line" | grep -qE '^staff_pin = \$y\$' &&
	grep -qxF "chayue-admin: warning: $want" "$T_TMP/err"
ok $? "chayue-admin pin warns of it and prints a yescrypt line to replace it"
printf 'language = en\n%s\n' "$line" >"$T_TMP/md5.conf"
"$ADMIN" --config "$T_TMP/md5.conf" status >/dev/null 2>"$T_TMP/err"
! grep -qF "staff_pin" "$T_TMP/err"
ok $? "the line it printed is accepted"

done_testing
