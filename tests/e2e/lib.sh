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
DEMO_DB=$top_builddir/demo.db
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/chayue-e2e.XXXXXX")
T_SOCK=chayue-e2e-$$
T_N=0
T_FAILED=0
# How long to wait for the screen to show something. A liveness bound
# (the sanitizer build is slow), not a speed requirement.
T_WAIT=${T_WAIT:-30}

export LANG=C.UTF-8 LC_ALL=C.UTF-8
export CHAYUE_LOCALEDIR=$top_builddir/locale
# Sanitizer reports go to files that done_testing checks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T_TMP/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$T_TMP/ubsan"

cleanup() {
	tmux -L "$T_SOCK" kill-server 2>/dev/null
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

# sql QUERY: a value from the demo catalogue, to compare the screen with.
sql() { sqlite3 -batch -noheader "${DB:-$DEMO_DB}" "$1"; }

# kiosk_start COLS ROWS [ARGS...]: run chayue in a new tmux server.
kiosk_start() {
	local cols=$1 rows=$2
	shift 2
	cat >"$T_TMP/tmux.conf" <<-EOF2
	set -g remain-on-exit on
	set -g default-terminal screen
	set -g status off
	EOF2
	# The pane runs chayue directly: when it exits the pane is dead, and
	# its exit status is kept.
	tmux -L "$T_SOCK" -f "$T_TMP/tmux.conf" new-session -d -s t \
		-x "$cols" -y "$rows" \
		env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen \
		"$CHAYUE" --config "${CONFIG:-/dev/null}" \
		--catalogue "${DB:-$DEMO_DB}" "$@"
}

kiosk_stop() { tmux -L "$T_SOCK" kill-server 2>/dev/null; }

# screen: the pane's text now.
screen() { tmux -L "$T_SOCK" capture-pane -p -t t 2>/dev/null; }

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

# pane_dead: 0 if chayue has exited; its status is in pane_status.
pane_dead() { [ "$(tmux -L "$T_SOCK" display -p -t t '#{pane_dead}')" = 1 ]; }
pane_status() { tmux -L "$T_SOCK" display -p -t t '#{pane_dead_status}'; }

# wait_exit: until chayue has exited.
wait_exit() {
	local i=0
	while [ $i -lt $((T_WAIT * 10)) ]; do
		pane_dead && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
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
