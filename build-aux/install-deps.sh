#!/bin/sh
# Install what building (and, with "test", testing) chayue needs on Debian 12.
# Does nothing when everything is already installed. Usage: install-deps.sh [test]
set -eu

build="build-essential autoconf automake pkg-config gettext
	libncurses-dev libsqlite3-dev libicu-dev libunistring-dev libcrypt-dev
	libjansson-dev"
# tmux drives the real program in a real terminal; sqlite3 and python3 read
# back what it should show; clang builds the fuzz targets.
test="tmux sqlite3 python3 clang libclang-rt-14-dev"

want=$build
[ "${1:-}" = test ] && want="$build $test"

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
