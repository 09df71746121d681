#!/bin/bash
# The hall (issue 17): hall_name and hall_help from the configuration and
# the notice file staff keep (opening hours, the 依申请公开 desk) on the
# home screen; the notice sanitised like all text, read again for each new
# visitor, and a missing, unreadable or huge one never stops the kiosk.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

NOTICE=$T_TMP/notice.txt
LOG=$T_TMP/kiosk.log
printf '开放时间：周一至周五 9:00-17:00\n依申请公开受理：2 号窗口\x1b[31m红\x1b]0;title\x07\n\n' >"$NOTICE"
CONFIG=$T_TMP/hall.conf
cat >"$CONFIG" <<CONF
hall_name = 晋江市政务公开查阅大厅
hall_help = 需要帮助请到 3 号窗口
notice_file = $NOTICE
log_file = $LOG
CONF
export CONFIG

kiosk_start 100 30
wait_for "需要帮助请到 3 号窗口"
ok $? "the hall's help line is on the home screen"
screen | head -n 1 | grep -qF "晋江市政务公开查阅大厅 · 政务公开事项目录查阅"
ok $? "the hall's name heads the title bar"
screen | grep -qF "开放时间：周一至周五 9:00-17:00" &&
	screen | grep -qF "依申请公开受理：2 号窗口红"
ok $? "the notice file is shown, its escape sequences taken out"
screen | grep -qF "城乡规划" && screen | grep -qF "市政服务"
ok $? "the domains still fit above it"
tmux -L "$T_SOCK" capture-pane -p -e -t t | grep -q $'\x1b\\[31m红'
[ $? -ne 0 ]
ok $? "no colour from the file reaches the terminal"

# Staff edit the notice; the next visitor sees the new text.
printf '今日闭馆整理，明日开放\n' >"$NOTICE"
keys F12
wait_for "今日闭馆整理，明日开放" && ! screen | grep -qF "开放时间"
ok $? "an edited notice shows for the next visitor, without a restart"

# Gone, then huge: not shown, logged, the kiosk goes on.
rm -f "$NOTICE"
keys F12
wait_gone "今日闭馆整理" && screen | grep -qF "需要帮助请到 3 号窗口" && ! pane_dead
ok $? "a missing notice file: nothing shown, the kiosk goes on"
grep -q "notice_file $NOTICE: cannot read it" "$LOG"
ok $? "  and the log says why"
head -c 20000 /dev/zero | tr '\0' 'x' >"$NOTICE"
keys F12
eventually grep -q "larger than 16384 bytes" "$LOG" &&
	! screen | grep -qF "xxxxxxxx" && ! pane_dead
ok $? "a huge notice file: not shown, logged, the kiosk goes on"
kiosk_stop

# Start with a missing file: the kiosk starts all the same.
rm -f "$NOTICE"
kiosk_start 80 24
wait_for "需要帮助请到 3 号窗口" && ! pane_dead
ok $? "the kiosk starts with its notice file missing"
done_testing
