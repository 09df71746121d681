#!/bin/bash
# chayue as a Debian package, and catalogues through a signed APT
# repository (issue 16), on this machine: it needs root, and installs and
# purges chayue for real, so test.sh runs it as a step of its own, not
# make check. Prints TAP. Cleans up after itself: the packages purged, the
# apt source and the throwaway key removed.
#
# tests/pkg/deb.sh [SRCDIR]  (default: the tree it is in)
set -u
src=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
diag() { printf '# %s\n' "$*"; }
bail() { echo "Bail out! $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP needs root (installs chayue)"; exit 0; }
if dpkg-query -W chayue >/dev/null 2>&1 || getent passwd chayue >/dev/null; then
	echo "1..0 # SKIP chayue or a chayue user is already on this machine"
	exit 0
fi

T=$(mktemp -d /tmp/chayue-pkg.XXXXXX)
chmod 755 "$T"	# apt reads file: sources and keys as its own user
SRCLIST=/etc/apt/sources.list.d/chayue-test.sources
SOCK=chayue-pkg-$$
APTOPT="-o Dir::Etc::sourcelist=$SRCLIST -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0"
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	dpkg --purge chayue-catalogue-test chayue-catalogue-bad chayue >/dev/null 2>&1
	rm -f "$SRCLIST"
	rm -f /var/lib/apt/lists/*chayue-pkg*
	rm -rf "$T"
}
trap cleanup EXIT

# ---- 1. The package ----
mkdir -p "$T/src"
# The sources only: from git where there is one, else the tree less builds.
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$src" && git ls-files -co --exclude-standard | grep -v '^_build/' |
		tar -cf - -T -) | tar -xf - -C "$T/src"
else
	(cd "$src" && tar --exclude=./_build -cf - .) | tar -xf - -C "$T/src"
fi
(cd "$T/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -b -us -uc) \
	>"$T/build.log" 2>&1
ok $? "dpkg-buildpackage -b -us -uc builds chayue"
deb=$(ls "$T"/chayue_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { tail -30 "$T/build.log" | sed 's/^/# /'; bail "no chayue_*.deb"; }
lintian --fail-on error,warning "$T"/chayue_*.changes >"$T/lintian.log" 2>&1
ok $? "lintian: no errors, no warnings that are not overridden"
sed 's/^/# /' "$T/lintian.log" | grep -v 'root privileges'

dpkg -i "$deb" >"$T/install.log" 2>&1
ok $? "dpkg -i installs it"
dpkg-query -W -f='${Conffiles}\n' chayue | grep -q ' /etc/chayue.conf '
ok $? "/etc/chayue.conf is a conffile"
getent passwd chayue >/dev/null && [ "$(stat -c %U:%G /var/lib/chayue)" = chayue:chayue ]
ok $? "the chayue system user owns /var/lib/chayue"
[ -f /lib/systemd/system/chayue.service ] &&
	[ ! -e /etc/systemd/system/multi-user.target.wants/chayue.service ]
ok $? "the systemd unit is installed and not enabled"
chayue --version | grep -q '^chayue' && chayue-admin --version | grep -q '^chayue-admin'
ok $? "the installed programs run"
chayue-admin --catalogue /usr/share/chayue/demo.db status --json | grep -q '^  "items": 272,$'
ok $? "chayue-admin reads the installed demo catalogue"
chayue-admin --config /dev/null check /nonexistent.csv 2>&1 | grep -q '错误'
ok $? "its messages are in Chinese (the translations are installed)"
[ -f /usr/share/man/man8/chayue-admin.8.gz ] && [ -f /usr/share/man/man1/chayue.1.gz ] &&
	[ -f /usr/share/man/zh_CN/man8/chayue-admin.8.gz ] &&
	[ -f /usr/share/man/zh_CN/man1/chayue.1.gz ]
ok $? "the man pages are installed, the Chinese ones under zh_CN"

# The live version's id and items, as chayue-admin status --json says.
live_version() { chayue-admin status --json | sed -n 's/^  "version": "\(.*\)",$/\1/p'; }
live_items() { chayue-admin status --json | sed -n 's/^  "items": \([0-9]*\),$/\1/p'; }

# ---- 2. Catalogues as packages ----
REF=$src/data/demo/reference-catalogue.csv
mkdir -p "$T/v1" "$T/v2" "$T/bad" "$T/refused" "$T/out"
head -n 201 "$REF" >"$T/v1/catalogue.csv"
cp "$REF" "$T/v2/catalogue.csv"
head -n 11 "$REF" >"$T/bad/catalogue.csv"
{ head -n 5 "$REF"; echo '城乡规划,规划编制,,多余,,,,,,,,,,,,,,,,,,'; } >"$T/refused/catalogue.csv"
touch -d '2026-03-04 05:06 UTC' "$T/v1/catalogue.csv"
pkg() { chayue-admin --config /dev/null --catalogue "$T/none.db" package --out "$T/out" "$@"; }
pkg --name test "$T/v1/catalogue.csv" >"$T/pkg.log" 2>&1 &&
	[ -f "$T/out/chayue-catalogue-test_20260304.0506_all.deb" ]
ok $? "package: chayue-catalogue-test_20260304.0506_all.deb, its version from the file's date"
dpkg-deb -f "$T/out/chayue-catalogue-test_20260304.0506_all.deb" Depends | grep -qE '^chayue \(>= [0-9]'
ok $? "it depends on chayue (>= the version that made it)"
dpkg-deb -c "$T/out/chayue-catalogue-test_20260304.0506_all.deb" |
	grep -q ' ./usr/share/chayue/catalogues/test/01/catalogue.csv.gz$'
ok $? "it holds the file gzipped under /usr/share/chayue/catalogues/test/"
pkg --name test --version 20260305 "$T/v2/catalogue.csv" >>"$T/pkg.log" 2>&1 &&
	pkg --name bad --version 1 "$T/bad/catalogue.csv" >>"$T/pkg.log" 2>&1
ok $? "package --version 20260305, and a small catalogue"
pkg --name refused --version 1 "$T/refused/catalogue.csv" >"$T/refused.log" 2>&1
rc=$?
[ $rc -eq 1 ] && ! compgen -G "$T/out/*refused*" >/dev/null &&
	grep -q 'catalogue.csv:6:' "$T/refused.log"
ok $? "a catalogue that fails the check is refused: exit 1, no package, file:line messages"

# ---- 3. A signed repository, as a file: source ----
export GNUPGHOME=$T/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key 'chayue test <test@chayue.invalid>' \
	ed25519 sign never >"$T/gpg.log" 2>&1
fpr=$(gpg --list-secret-keys --with-colons | awk -F: '/^fpr/ { print $10; exit }')
gpg --export "$fpr" >"$T/key.gpg"
chmod 644 "$T/key.gpg"
mkdir -p "$T/repo/conf"
sed "s/^SignWith: .*/SignWith: $fpr/; s/^Architectures: .*/Architectures: $(dpkg --print-architecture)/" \
	"$src/contrib/repo/conf/distributions" >"$T/repo/conf/distributions"
"$src/contrib/repo/add-catalogue" -b "$T/repo" \
	"$T/out/chayue-catalogue-test_20260304.0506_all.deb" >"$T/repo.log" 2>&1 &&
	[ -f "$T/repo/dists/chayue/InRelease" ] &&
	! grep -q '^Valid-Until' "$T/repo/dists/chayue/Release"
ok $? "add-catalogue: a signed repository with reprepro, no Valid-Until"
cat >"$SRCLIST" <<EOT
Types: deb
URIs: file:$T/repo
Suites: chayue
Components: main
Signed-By: $T/key.gpg
EOT
# shellcheck disable=SC2086
apt-get $APTOPT update >"$T/apt.log" 2>&1 && ! grep -qE '^(W|E):' "$T/apt.log"
ok $? "apt-get update trusts it through Signed-By"
# shellcheck disable=SC2086
apt-get $APTOPT install -y chayue-catalogue-test >>"$T/apt.log" 2>&1
ok $? "apt-get install chayue-catalogue-test"
[ "$(live_items)" = 200 ]
ok $? "the catalogue went live (chayue-admin status: 200 items)"

# A kiosk running as the chayue user, as the unit runs it.
tmux -L "$SOCK" new-session -d -s t -x 100 -y 30 \
	env LANG=C.UTF-8 TERM=screen runuser -u chayue -- chayue --config /etc/chayue.conf
wait_for() {	# until TEXT is on the kiosk's screen
	local i=0
	while [ $i -lt 300 ]; do
		tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_for "共 200 项"
ok $? "a kiosk shows it"

"$src/contrib/repo/add-catalogue" -b "$T/repo" \
	"$T/out/chayue-catalogue-test_20260305_all.deb" >>"$T/repo.log" 2>&1
# shellcheck disable=SC2086
apt-get $APTOPT update >>"$T/apt.log" 2>&1 &&
	apt-get $APTOPT install -y chayue-catalogue-test >>"$T/apt.log" 2>&1 &&
	[ "$(dpkg-query -W -f='${Version}' chayue-catalogue-test)" = 20260305 ]
ok $? "version 2 comes through the repository"
tmux -L "$SOCK" send-keys -t t F12
wait_for "共 272 项"
ok $? "the running kiosk shows version 2 to the next visitor"

live=$(live_version)
dpkg -i "$T/out/chayue-catalogue-bad_1_all.deb" >"$T/bad.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q 'the live catalogue was not changed' "$T/bad.log" &&
	[ "$(live_version)" = "$live" ]
ok $? "a package whose import fails at install fails loudly and leaves the live version"
dpkg-query -W -f='${Status}' chayue-catalogue-bad | grep -q half-configured
ok $? "and dpkg keeps it unconfigured"
dpkg --purge chayue-catalogue-bad >/dev/null 2>&1

# A tampered repository: a package in pool/ changed after signing.
pkg --name test --version 20260306 "$T/v2/catalogue.csv" >>"$T/pkg.log" 2>&1
"$src/contrib/repo/add-catalogue" -b "$T/repo" \
	"$T/out/chayue-catalogue-test_20260306_all.deb" >>"$T/repo.log" 2>&1
pooled=$(find "$T/repo/pool" -name 'chayue-catalogue-test_20260306_all.deb')
cp "$T/out/chayue-catalogue-bad_1_all.deb" "$pooled"
# shellcheck disable=SC2086
apt-get $APTOPT update >>"$T/apt.log" 2>&1
# shellcheck disable=SC2086
apt-get $APTOPT install -y chayue-catalogue-test >"$T/tamper.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -qi 'hash sum mismatch\|size mismatch' "$T/tamper.log" &&
	[ "$(dpkg-query -W -f='${Version}' chayue-catalogue-test)" = 20260305 ]
ok $? "a changed package in pool/ is refused by apt"
# A changed Release (a hash replaced) fails the signature.
sed -i 's/^\( [0-9a-f]\{64\}\)/ 0000000000000000000000000000000000000000000000000000000000000000/' \
	"$T/repo/dists/chayue/InRelease"
# shellcheck disable=SC2086
apt-get $APTOPT update >"$T/tamper2.log" 2>&1
grep -qE 'not signed|signatures were invalid|BADSIG|NOSPLIT|not valid' "$T/tamper2.log"
ok $? "a changed InRelease is refused by apt"
[ "$(live_version)" = "$live" ]
ok $? "the live version is still version 2"
tmux -L "$SOCK" kill-server 2>/dev/null

# ---- 4. remove keeps the configuration and the state; purge does not ----
dpkg --purge chayue-catalogue-test >/dev/null 2>&1
dpkg -r chayue >"$T/remove.log" 2>&1 && [ ! -e /usr/bin/chayue ] &&
	[ -f /etc/chayue.conf ] && [ -f /var/lib/chayue/catalogue.db ] &&
	getent passwd chayue >/dev/null
ok $? "dpkg -r: programs gone; conffile, catalogue and user kept"
dpkg --purge chayue >"$T/purge.log" 2>&1 && [ ! -e /etc/chayue.conf ] &&
	[ ! -e /var/lib/chayue ] && ! getent passwd chayue >/dev/null &&
	! getent group chayue >/dev/null
ok $? "dpkg --purge: conffile, /var/lib/chayue and the user gone"

echo "1..$n"
[ $failed -eq 0 ] || for f in "$T"/*.log; do echo "# ---- $f"; tail -15 "$f" | sed 's/^/# /'; done
exit $failed
