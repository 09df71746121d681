#!/bin/sh
# Install the build dependencies, build chayue, and start the kiosk on the
# bundled demo catalogue (plain mode: q quits).
set -eu
cd "$(dirname "$0")"
build-aux/install-deps.sh
[ -x configure ] || ./bootstrap
mkdir -p _build/demo
cd _build/demo
[ -f Makefile ] || ../../configure --quiet
make -j"$(nproc)" --quiet
CHAYUE_LOCALEDIR=$PWD/locale exec ./chayue --config /dev/null --catalogue demo.db
