# Shared by the end-to-end tests: run the real chayue in a real terminal
# (tmux), type at it and read the screen back. Prints TAP.
#
# Each test script sources this file, calls the helpers, and ends with
# `done_testing`. Needs: tmux, sqlite3 (to read expected values from the
# catalogue the kiosk shows).

set -u
: "${top_builddir:=$(pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
CHAYUE=$top_builddir/chayue
ADMIN=$top_builddir/chayue-admin
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/chayue-e2e.XXXXXX")
# Each script reads its own copy of the demo catalogue: the state file (PIN
# lock, counts) lives beside the catalogue, and scripts run side by side.
DEMO_DB=$T_TMP/demo.db
# (A release build checked by hooks.sh has no demo catalogue.)
if [ -f "$top_builddir/demo.db" ]; then
	cp "$top_builddir/demo.db" "$DEMO_DB" || exit 99
fi
T_STARTS=0
T_STATUS=$T_TMP/status.none
T_SOCK=chayue-e2e-$$-0
T_N=0
T_FAILED=0
# How long to wait for the screen to show something. A liveness bound
# (the sanitizer build is slow), not a speed requirement.
T_WAIT=${T_WAIT:-30}

export LANG=C.UTF-8 LC_ALL=C.UTF-8
export CHAYUE_LOCALEDIR=$top_builddir/locale
export CHAYUE_SYNONYMS=$top_srcdir/data/synonyms.txt
# Sanitizer reports go to files that done_testing checks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T_TMP/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$T_TMP/ubsan"

cleanup() {
	kiosk_stop
	rm -rf "$T_TMP"
}
trap cleanup EXIT

# ok STATUS DESCRIPTION: one TAP line from an exit status.
ok() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
		if tmux -L "$T_SOCK" has-session -t t 2>/dev/null; then
			echo "# screen is:"
			tmux -L "$T_SOCK" capture-pane -p -t t | sed 's/^/#   |/'
		fi
	fi
}

diag() { printf '# %s\n' "$*"; }

# skip DESCRIPTION REASON: a TAP line for a test that cannot run here.
skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1 # SKIP $2"
}

# test_hooks: true if the build under test was configured with
# --enable-test-hooks (CHAYUE_TESTING in its config.h), so that the
# programs read the CHAYUE_TEST_* and CHAYUE_PROGRESS_DELAY_MS variables.
test_hooks() {
	grep -q '^#define CHAYUE_TESTING 1' "$top_builddir/config.h" 2>/dev/null
}

# sql QUERY: a value from the demo catalogue, to compare the screen with.
sql() { sqlite3 -batch -noheader "${DB:-$DEMO_DB}" "$1"; }

# tmux_server [CONF-LINE...]: set up a fresh tmux server (T_SOCK, its
# tmux.conf with the lines given, T_STATUS) for a program to run in.
tmux_server() {
	local line
	# A new server each time: a client of a server that is still shutting
	# down would fail with "server exited unexpectedly".
	kiosk_stop
	T_STARTS=$((T_STARTS + 1))
	T_SOCK=chayue-e2e-$$-$T_STARTS
	{
		echo "set -g remain-on-exit on"
		echo "set -g default-terminal screen"
		echo "set -g status off"
		for line in "$@"; do echo "$line"; done
	} >"$T_TMP/tmux.conf"
	# A shell in the pane keeps the program's exit status in a file: tmux
	# does not always reap a pane whose process ran under the sanitizers.
	T_STATUS=$T_TMP/status.$T_STARTS
}

# kiosk_start COLS ROWS [ARGS...]: run chayue in a new tmux server.
# T_WRAP, if set, is shell text put before the command (e.g. "setsid ").
kiosk_start() {
	local cols=$1 rows=$2
	shift 2
	tmux_server
	tmux -L "$T_SOCK" -f "$T_TMP/tmux.conf" new-session -d -s t \
		-x "$cols" -y "$rows" \
		env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${T_TERM:-screen}" T_STATUS="$T_STATUS" \
		sh -c "${T_WRAP:-}"'"$@"; echo $? >"$T_STATUS"' sh \
		"$CHAYUE" --config "${CONFIG:-/dev/null}" \
		--catalogue "${DB:-$DEMO_DB}" "$@"
}

# kiosk_stop: end the tmux server, and wait until chayue has gone, since
# it writes its sanitizer reports (leaks) only as it exits.
kiosk_stop() {
	local pid i=0
	pid=$(kiosk_pid 2>/dev/null)
	# SIGTERM first, the terminal still there: a kiosk that is hung up
	# while LeakSanitizer checks it at exit (tmux's SIGHUPs reach its
	# tracer too) can deadlock.
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
	    [ $i -lt $((T_WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tmux -L "$T_SOCK" kill-server 2>/dev/null
	# A kiosk still there (LeakSanitizer's exit check deadlocked with its
	# tracer) would spin for ever and slow every later test: kill it.
	# (Exiting is tested where it matters: wait_exit.)
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		diag "chayue ($pid) still running ${T_WAIT}s after SIGTERM: killed"
		pkill -9 -P "$pid" 2>/dev/null
		kill -9 "$pid" 2>/dev/null
	fi
	return 0
}

# screen: the pane's text now.
screen() { tmux -L "$T_SOCK" capture-pane -p -t t 2>/dev/null; }

# output: everything the pane printed, history included, wrapped lines
# joined (for messages of a program that has exited).
output() { tmux -L "$T_SOCK" capture-pane -p -J -S - -t t 2>/dev/null; }

# wait_for TEXT: until TEXT is on screen; status 1 if it never comes.
wait_for() {
	local i=0 limit=$((T_WAIT * 10))
	while [ $i -lt $limit ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_gone TEXT: until TEXT is no longer on screen.
wait_gone() {
	local i=0 limit=$((T_WAIT * 10))
	while [ $i -lt $limit ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# keys KEY...: tmux key names (Enter, Escape, Down, NPage, F1, …).
keys() { tmux -L "$T_SOCK" send-keys -t t "$@"; }

# type_text TEXT: literal characters.
type_text() { tmux -L "$T_SOCK" send-keys -t t -l -- "$1"; }

# settle: wait until the screen stops changing (the kiosk drew the key).
# Only before a check that something is there: a screen that has not
# changed yet looks settled too. Before a check that something is not
# there, or did not happen, use handled.
settle() {
	local a b i=0
	a=$(screen)
	while [ $i -lt 50 ]; do
		sleep 0.1
		b=$(screen)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
}

# eventually COMMAND...: until COMMAND succeeds (the kiosk redraws on its own
# time after a resize); status 1 if it never does.
eventually() {
	local i=0
	while [ $i -lt $((T_WAIT * 10)) ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# lang_shown: the interface language the bottom line is in (zh_CN, zh_TW
# or en); status 1 if it does not say. The key bar ends with the language
# key, named by the language it switches to ("F4 繁體中文" in zh_CN); the
# "unavailable" screen, which has no key bar, says "Trying again…" there.
lang_shown() {
	local bar l
	bar=$(screen | tail -n 1)
	case $bar in
	*"F4 繁體中文"*) echo zh_CN; return 0 ;;
	*"F4 English"*) echo zh_TW; return 0 ;;
	*"F4 简体中文"*) echo en; return 0 ;;
	esac
	for l in zh_CN zh_TW en; do
		case $bar in
		*"$(msg $l "Trying again…")"*) echo $l; return 0 ;;
		esac
	done
	return 1
}

# lang_is LANG: the bottom line is in LANG, or chayue has exited (which
# handled then tells apart, so as not to wait for nothing).
lang_is() { [ "$(lang_shown)" = "$1" ] || pane_dead; }

# handled [KEY...]: send KEYs (tmux key names; none to prove what was sent
# or typed before), then wait for proof that the kiosk has handled them and
# drawn what they did: a marker after them, the language key F4, which
# every screen takes before its own keys, pressed three times round
# (zh_CN → zh_TW → en → zh_CN), waiting after the first press for the next
# language on the screen and after the third for the screen back in its
# own. Keys are handled in order, so a check after this that something is
# NOT on the screen, or did NOT happen, cannot pass by being early.
# Status 1 if the proof never comes: the kiosk has exited or hangs, or it
# swallowed F4 (a walk-away countdown takes any key only to stay; a window
# too small ignores keys), or the screen does not show its language on the
# bottom line (a QR code that fills the window). The KEYs must not change
# the language; the marker clears a status-line message, as every key does.
handled() {
	local from next
	if ! eventually lang_shown >/dev/null; then
		diag "handled $*: no interface language on the bottom line"
		return 1
	fi
	from=$(lang_shown)
	case $from in
	zh_CN) next=zh_TW ;;
	zh_TW) next=en ;;
	en) next=zh_CN ;;
	esac
	[ $# -eq 0 ] || keys "$@"
	keys F4
	if ! eventually lang_is "$next" || pane_dead; then
		diag "handled $*: F4 after them did not switch $from to $next$(pane_dead && echo ": chayue has exited")"
		return 1
	fi
	keys F4 F4
	if ! eventually lang_is "$from" || pane_dead; then
		diag "handled $*: F4 F4 did not switch back to $from$(pane_dead && echo ": chayue has exited")"
		return 1
	fi
}

# resize COLS ROWS
resize() { tmux -L "$T_SOCK" resize-window -t t -x "$1" -y "$2"; }

# click X Y [BUTTON]: a mouse press and release at 0-based column X, row Y,
# sent as the xterm (X10) mouse sequence the terminal would send. BUTTON:
# 0 left (default), 64 wheel up, 65 wheel down.
click() {
	local b=${3:-0}
	local seq
	seq=$(printf '\033[M%b%b%b' "\\$(printf '%03o' $((32 + b)))" \
		"\\$(printf '%03o' $((33 + $1)))" "\\$(printf '%03o' $((33 + $2)))")
	type_text "$seq"
	if [ "$b" -lt 64 ]; then
		seq=$(printf '\033[M%b%b%b' "\\$(printf '%03o' 35)" \
			"\\$(printf '%03o' $((33 + $1)))" "\\$(printf '%03o' $((33 + $2)))")
		type_text "$seq"
	fi
}

# locate TEXT: "X Y" of the first place TEXT is on screen, in columns.
locate() {
	screen | TEXT=$1 python3 -c '
import os, sys, unicodedata
t = os.environ["TEXT"]
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for y, line in enumerate(sys.stdin.read().split("\n")):
    i = line.find(t)
    if i >= 0:
        print(w(line[:i]), y)
        sys.exit(0)
sys.exit(1)'
}

# click_on TEXT: touch the middle of TEXT's first character.
click_on() {
	local pos
	pos=$(locate "$1") || return 1
	click ${pos% *} ${pos#* }
}

# kiosk_pid: the process id of chayue (the pane's shell is its parent).
kiosk_pid() { pgrep -P "$(tmux -L "$T_SOCK" display -p -t t '#{pane_pid}')" -x chayue; }

# pane_dead: 0 if chayue has exited; pane_status: its exit status.
pane_dead() { [ -s "$T_STATUS" ]; }
pane_status() { cat "$T_STATUS" 2>/dev/null; }

# wait_exit: until chayue has exited.
wait_exit() {
	local i=0 pid
	while [ $i -lt $((T_WAIT * 10)) ]; do
		pane_dead && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "chayue is still running: $(ps -o pid,stat,wchan:20,cmd -C chayue | tail -n +2)"
	return 1
}

# drawn_for COLS: the title bar's right end (count or position) sits at the
# last column but one: the screen was drawn for a window COLS wide.
drawn_for() {
	[ "$(screen | head -n 1 | python3 -c '
import sys, unicodedata
l = sys.stdin.read().rstrip("\n").rstrip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')" = $(($1 - 1)) ]
}

# max_width: the widest line of the screen in columns.
max_width() {
	screen | python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max([w(l.rstrip("\n")) for l in sys.stdin] or [0]))'
}

# done_testing: the sanitizer reports are a test too; then the plan.
done_testing() {
	local reports
	kiosk_stop
	reports=$(cat "$T_TMP"/asan.* "$T_TMP"/ubsan.* 2>/dev/null)
	[ -z "$reports" ]
	ok $? "no sanitizer reports"
	[ -n "$reports" ] && printf '%s\n' "$reports" | head -40 | sed 's/^/# /'
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}

# open_domain POSITION: from the home screen, type the domain's number.
open_domain() {
	type_text "$1"
	keys Enter
}

# item_order DOMAIN_ID: the SQL order of a domain's item list (level-1
# groups in first-seen order, then import order), as the screen shows it.
item_order_sql() {
	echo "SELECT id FROM item i WHERE domain_id = $1 ORDER BY
		(SELECT min(id) FROM item g WHERE g.domain_id = i.domain_id
		 AND g.level1 = i.level1), id"
}

# item_dump: every line of the item page, paging through it with PgDn
# while the title bar says more is below ("↓"), each page joined to the
# last where they overlap (a page moves one line less than it shows, the
# last one less still). Trailing blank lines are dropped, and the margin
# of a centred reading column.
item_dump() {
	local rows pages=0
	rows=$(tmux -L "$T_SOCK" display -p -t t '#{pane_height}') || return 1
	keys Home
	settle
	: >"$T_TMP/dump"
	# Bounded: a kiosk that died or stopped scrolling must not hang the test.
	while [ $pages -lt 100 ]; do
		pages=$((pages + 1))
		screen >"$T_TMP/page"
		# Body: screen rows 1 .. rows-3 (0-based).
		sed -n "2,$((rows - 2))p" "$T_TMP/page" >"$T_TMP/body"
		python3 - "$T_TMP/dump" "$T_TMP/body" <<'PY'
import sys
dump = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
body = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
k = 0
for n in range(min(len(dump), len(body)), 0, -1):
    if dump[-n:] == body[:n]:
        k = n
        break
with open(sys.argv[1], "a", encoding="utf-8") as f:
    for line in body[k:]:
        f.write(line + "\n")
PY
		head -n 1 "$T_TMP/page" | grep -qF "↓" || break
		keys NPage
		settle
	done
	# A reading column centred on a wide screen: labels back to column 1.
	python3 - "$T_TMP/dump" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
while lines and not lines[-1].strip():
    lines.pop()
cut = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=1) - 1
for l in lines:
    print(l[cut:] if cut > 0 else l)
PY
}

# field DUMP LABEL: the text of one labelled element of an item dump, its
# wrapped lines joined (labels either beside or above the value).
field() {
	LABEL=$2 python3 - "$1" <<'PY'
import os, re, sys
labels = ["领域", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限",
          "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级",
          "发布机关", "编码", "来源网址"]
want = os.environ["LABEL"]
out, on = [], False
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    m = re.match(r"^ (\S+)(.*)$", line)
    if m and m.group(1) in labels:
        if on:
            break
        on = m.group(1) == want
        rest = m.group(2).strip()
        if on and rest:
            out.append(rest)
        continue
    if on and line.strip():
        out.append(line.strip())
print(len(out) if os.environ.get("FIELD_LINES") else "".join(out))
PY
}

# field_lines DUMP LABEL: how many lines the element takes.
field_lines() { FIELD_LINES=1 field "$@"; }

# squash: drop all white space, the ideographic space U+3000 included
# (wrapping may drop spaces at line ends). sed works by characters in a
# UTF-8 locale; tr would work by bytes and cut CJK characters apart.
squash() { sed 's/[[:space:]　]//g' | tr -d '\n'; }

# msg LANG MSGID: the interface's text for MSGID in LANG (zh_CN, zh_TW, en),
# from the built catalogues, to look for on screen.
msg() {
	TEXTDOMAINDIR=$top_builddir/locale LANGUAGE=$1 LC_ALL=C.UTF-8 \
		gettext -d chayue -- "$2"
}

# nmsg LANG MSGID MSGID_PLURAL N: the same for a message with plurals.
nmsg() {
	TEXTDOMAINDIR=$top_builddir/locale LANGUAGE=$1 LC_ALL=C.UTF-8 \
		ngettext -d chayue -- "$2" "$3" "$4"
}

# goto_item ID: from the home screen (in zh_CN), open item ID by its
# domain's number and its number in the domain's list.
goto_item() {
	local dom pos num
	dom=$(sql "SELECT domain_id FROM item WHERE id = $1")
	pos=$(sql "SELECT position FROM domain WHERE id = $dom")
	num=$(sql "SELECT n FROM (SELECT id, row_number() OVER () AS n
		FROM ($(item_order_sql "$dom"))) WHERE id = $1")
	wait_for "政务公开事项目录查阅" || return 1
	# Digits typed within two seconds of the last ones join them.
	sleep 2.1
	open_domain "$pos"
	wait_for "层级：" || return 1
	type_text "$num"
	keys Enter
	wait_for "公开内容"
}

# decode_qr [--wide]: the QR code on screen, read as a phone would (the
# screen painted as an image, decoded by zbarimg); empty if none.
decode_qr() {
	screen | python3 "$top_srcdir/tests/e2e/screen2pgm.py" "$@" >"$T_TMP/qr.pgm" &&
		zbarimg --raw -q "$T_TMP/qr.pgm" 2>/dev/null
}

# staff_setup: a kiosk configuration with the staff PIN $PIN and an empty
# import_dir $IN, and the catalogue $DB loaded from the reference rows
# ($REF); $all is its item count. Sets DB and CONFIG for kiosk_start.
staff_setup() {
	REF=$top_srcdir/data/demo/reference-catalogue.csv
	export DB=$T_TMP/k.db
	IN=$T_TMP/incoming
	mkdir -p "$IN"
	export CONFIG=$T_TMP/kiosk.conf
	printf '%s\nimport_dir = %s\nlanguage = en\nlog_file = %s\n' \
		"$(echo "$PIN" | "$ADMIN" pin)" "$IN" "$T_TMP/kiosk.log" >"$CONFIG"
	"$ADMIN" --config "$CONFIG" --catalogue "$DB" import --quiet "$REF"
	all=$(sql 'SELECT count(*) FROM item')
}

# staff_open: F9 and the staff PIN $PIN: the staff screen (in English).
staff_open() {
	keys F9
	wait_for "Staff PIN for the catalogue refresh" || return 1
	type_text "$PIN"
	keys Enter
	wait_for "Staff: catalogue refresh"
}

# hits QUERY: what chayue-admin's search (the kiosk's code, synonyms and
# all) counts for QUERY in the catalogue $DB.
hits() {
	"$ADMIN" --config /dev/null --catalogue "$DB" search --limit 0 --json "$1" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}

# search_shows QUERY N: from the home screen (in Chinese), the search for
# QUERY counts N results; Esc goes home again.
search_shows() {
	keys /
	wait_for "检索：" && type_text "$1" && wait_for "检索： $1" &&
	eventually sh -c "tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -qE ' $2 条结果 *\$'"
	local r=$?
	keys Escape
	wait_for "共 " && return $r
}
