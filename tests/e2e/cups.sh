# A private print server for the printing tests, sourced after lib.sh.
#
# Debian's cupsd, started by the test in the foreground with its
# configuration, spool, logs and socket under $T_TMP, and stopped when the
# test ends. Libcups (the kiosk's and lpadmin's) is pointed at it with
# CUPS_SERVER; the machine's own CUPS, if it has one, is never used or
# touched. Queues print through the "testfile" backend below, which writes
# each job's document to $C_DIR/out/QUEUE.pdf. Needs: cups-daemon,
# cups-client, poppler-utils.

C_DIR=$T_TMP/cups
C_PID=
C_SBIN=/usr/sbin
# Where Debian keeps cupsd's helper programs (daemon/cups-exec).
C_LIB=${CUPS_SERVERBIN:-/usr/lib/cups}
export CUPS_SERVER=$C_DIR/cups.sock

trap 'cups_stop; cleanup' EXIT

# The backend: testfile:/path writes the document to /path. While
# /path.hold exists it reports "out of paper", as a printer does, and waits
# (at most a minute) for it to go away; while /path.slow exists it just
# takes its time, as a printer busy printing does.
cups_backend() {
	cat >"$C_DIR/bin/backend/testfile" <<-'EOF'
	#!/bin/sh
	[ $# -eq 0 ] && { echo 'direct testfile "Unknown" "chayue test file"'; exit 0; }
	out=${DEVICE_URI#testfile:}
	n=0
	if [ -e "$out.hold" ]; then
		echo "STATE: +media-empty-error" >&2
		while [ -e "$out.hold" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
		echo "STATE: -media-empty-error" >&2
	fi
	while [ -e "$out.slow" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
	if [ -n "$6" ]; then cat "$6"; else cat; fi >"$out.tmp" && mv "$out.tmp" "$out"
	EOF
	# Mode 700: cupsd runs it as the user it runs as (root in CI).
	chmod 700 "$C_DIR/bin/backend/testfile"
}

cups_config() {
	mkdir -p "$C_DIR"/conf "$C_DIR"/spool "$C_DIR"/cache "$C_DIR"/state \
		"$C_DIR"/log "$C_DIR"/bin/backend "$C_DIR"/out
	ln -sfn "$C_LIB/daemon" "$C_DIR/bin/daemon"
	cups_backend
	cat >"$C_DIR/conf/cupsd.conf" <<-EOF
	Listen $CUPS_SERVER
	LogLevel debug
	Browsing No
	WebInterface No
	DefaultAuthType None
	<Location />
	Order allow,deny
	Allow all
	</Location>
	<Policy default>
	<Limit All>
	Order deny,allow
	</Limit>
	</Policy>
	EOF
	cat >"$C_DIR/conf/cups-files.conf" <<-EOF
	ServerRoot $C_DIR/conf
	StateDir $C_DIR/state
	CacheDir $C_DIR/cache
	RequestRoot $C_DIR/spool
	TempDir $C_DIR/spool
	ServerBin $C_DIR/bin
	DataDir /usr/share/cups
	ErrorLog $C_DIR/log/error_log
	AccessLog $C_DIR/log/access_log
	PageLog $C_DIR/log/page_log
	EOF
}

# cups_start: start the server (again, with the queues it had); 1 if it
# does not answer.
cups_start() {
	local i=0
	if [ ! -x "$C_SBIN/cupsd" ] || [ ! -x "$C_SBIN/lpadmin" ]; then
		diag "cupsd or lpadmin missing: install Debian packages cups-daemon cups-client"
		return 1
	fi
	[ -f "$C_DIR/conf/cupsd.conf" ] || cups_config
	"$C_SBIN/cupsd" -f -c "$C_DIR/conf/cupsd.conf" \
		-s "$C_DIR/conf/cups-files.conf" >>"$C_DIR/log/cupsd.out" 2>&1 &
	C_PID=$!
	while [ $i -lt $((T_WAIT * 10)) ]; do
		lpstat -r 2>/dev/null | grep -q "is running" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "cupsd does not answer: $(tail -5 "$C_DIR/log/cupsd.out" "$C_DIR/log/error_log" 2>/dev/null)"
	return 1
}

# cups_stop: stop the server this test started.
cups_stop() {
	[ -n "$C_PID" ] || return 0
	kill "$C_PID" 2>/dev/null
	wait "$C_PID" 2>/dev/null
	C_PID=
}

# cups_queue NAME: a queue that prints to $(cups_out NAME), enabled and
# accepting jobs.
cups_queue() {
	"$C_SBIN/lpadmin" -p "$1" -v "testfile:$(cups_out "$1")" -E
}

cups_out() { echo "$C_DIR/out/$1.pdf"; }

# cups_jobs NAME: how many jobs the queue has had.
cups_jobs() { lpstat -W all -o "$1" 2>/dev/null | wc -l; }
