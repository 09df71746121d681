#!/bin/sh
# Install what building (and, with "test", testing) chayue needs on Debian 12.
# Does nothing when everything is already installed. Usage: install-deps.sh [test]
set -eu

build="build-essential autoconf automake pkg-config gettext
	libncurses-dev libsqlite3-dev libicu-dev libunistring-dev libcrypt-dev
	libopencc-dev unicode-data bzip2 libqrencode-dev libjansson-dev
	libxml2-dev"
# Word and Excel files: ZIP archives (minizip) of XML (libxml2); .xls
# with FreeXL. zlib1g-dev: the fuzz targets build their ZIP archives.
build="$build libminizip-dev libfreexl-dev zlib1g-dev"
# Printing: cairo + pango make the PDF in the font fonts-noto-cjk ships;
# libcups sends it.
build="$build libpango1.0-dev libcups2-dev fonts-noto-cjk"
# tmux drives the real program in a real terminal; sqlite3 and python3 read
# back what it should show; clang builds the fuzz targets; zbarimg decodes
# the QR code read off the screen; opencc checks the Traditional catalogue.
test="tmux sqlite3 python3 clang libclang-rt-14-dev zbar-tools opencc"
# The printing tests run their own cupsd and read the PDFs back.
test="$test cups-daemon cups-client poppler-utils"
# tests/e2e/office.sh writes Word and Excel files from the reference rows.
test="$test python3-docx python3-openpyxl python3-xlwt"
# The Debian package (tests/pkg/deb.sh): building it, lintian, a signed
# repository (reprepro, gnupg) that apt installs catalogue packages from.
test="$test debhelper dpkg-dev lintian reprepro gnupg"
# tests/e2e/man.sh renders the manual pages as man-db and lintian do.
test="$test groff-base man-db"

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
