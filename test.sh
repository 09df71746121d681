#!/bin/sh
# The whole test suite: unit and end-to-end tests in an ordinary build and
# in an AddressSanitizer + UndefinedBehaviorSanitizer build (both with the
# test hooks), a release build checked for hooks, the fuzz targets for a
# bounded time, and `make distcheck`. Installs what it needs
# (Debian 12). Ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")"
top=$PWD
build-aux/install-deps.sh test || { echo "0 passed, 1 failed"; exit 1; }
./bootstrap >/dev/null 2>&1 || { echo "bootstrap failed"; echo "0 passed, 1 failed"; exit 1; }
jobs=$(nproc)
steps_passed=0
steps_failed=0

step() {	# step NAME COMMAND...: a suite step that is itself a test
	name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
		steps_passed=$((steps_passed + 1))
	else
		echo "FAIL: $name"
		steps_failed=$((steps_failed + 1))
	fi
}

# build VARIANT CFLAGS: configure and build in _build/VARIANT.
build() {
	rm -rf "_build/$1" && mkdir -p "_build/$1" && cd "_build/$1" &&
	"$top/configure" --quiet --enable-werror --enable-test-hooks \
		CFLAGS="$2" LDFLAGS="$3" &&
	make -j"$jobs" >build.log 2>&1 || { cat build.log 2>/dev/null | tail -40; cd "$top"; return 1; }
	cd "$top"
}

# check VARIANT: make check in _build/VARIANT. Its TAP lines are counted
# at the end; a test program that never ran (it did not build, say) has no
# results to count, so each one is a failed step here.
check() {
	( cd "_build/$1" && make -j"$jobs" -k check >check.log 2>&1 )
	grep -hE '^(PASS|FAIL|ERROR|XPASS|SKIP):' "_build/$1/check.log" | sed "s|^|[$1] |"
	for f in $(grep -lE '^:test-result: (FAIL|ERROR|XPASS)' $(find "_build/$1/tests" -name '*.trs') 2>/dev/null); do
		echo "---- ${f%.trs}.log"
		tail -60 "${f%.trs}.log"
	done
	for t in $(make -s -C "_build/$1" print-tests | tr " " "\n" | grep "^tests/"); do
		[ -s "_build/$1/${t%.sh}.trs" ] && continue
		echo "FAIL: [$1] $t did not run"
		tail -20 "_build/$1/check.log"
		steps_failed=$((steps_failed + 1))
	done
}

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
step "build (plain)" build plain "-g -O2" ""
step "build (sanitizers)" build sanitize "-g -O1 $san" "$san"
[ -f _build/plain/chayue ] && check plain
[ -f _build/sanitize/chayue ] && ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1 check sanitize

# release: a default build (no --enable-test-hooks) of the two programs
# alone, and tests/e2e/hooks.sh on it: no test hook in what is installed.
release() {
	rm -rf _build/release && mkdir -p _build/release && cd _build/release &&
	"$top/configure" --quiet --enable-werror &&
	make -j"$jobs" i18n/fold-table.h i18n/pinyin-table.h >build.log 2>&1 &&
	make -j"$jobs" chayue chayue-admin >>build.log 2>&1 &&
	top_srcdir=$top top_builddir=$PWD "$top/tests/e2e/hooks.sh" >hooks.log 2>&1 ||
		{ tail -40 build.log hooks.log 2>/dev/null; cd "$top"; return 1; }
	cd "$top"
}
step "release build has no test hooks" release

fuzz() {	# fuzz TARGET SOURCES...: run a libFuzzer target for 20 s
	t=$1
	shift
	mkdir -p _build/fuzz &&
	clang -g -O1 -fsanitize=fuzzer,address,undefined -I_build/plain -I. \
		"$@" -o "_build/fuzz/$t" $FUZZ_LIBS 2>_build/fuzz/$t.log &&
	"_build/fuzz/$t" -max_total_time=20 -max_len=4096 \
		>>"_build/fuzz/$t.log" 2>&1 || { tail -30 "_build/fuzz/$t.log"; return 1; }
}
FUZZ_LIBS="-lunistring"
step "fuzz text_sanitise/text_wrap" fuzz fuzz_text \
	tests/fuzz/fuzz_text.c i18n/text.c lib/xmalloc.c
step "fuzz CSV reader" fuzz fuzz_csv \
	tests/fuzz/fuzz_csv.c data/import/csv.c data/import/diag.c lib/xmalloc.c
step "fuzz print layout" fuzz fuzz_print \
	tests/fuzz/fuzz_print.c print/page.c data/store/element.c i18n/text.c \
	lib/xmalloc.c
step "fuzz search query parser and matcher" fuzz fuzz_query \
	tests/fuzz/fuzz_query.c data/search/query.c i18n/fold.c i18n/pinyin.c \
	lib/xmalloc.c
step "fuzz synonym files and rewriting" fuzz fuzz_synonyms \
	tests/fuzz/fuzz_synonyms.c data/search/synonyms.c data/search/query.c \
	i18n/fold.c i18n/pinyin.c lib/xmalloc.c
FUZZ_LIBS="-lqrencode"
step "fuzz QR code as text" fuzz fuzz_qrtext \
	tests/fuzz/fuzz_qrtext.c lib/qrtext.c lib/xmalloc.c
FUZZ_LIBS=""
step "fuzz encoding reader (UTF-8, GB18030, UTF-16)" fuzz fuzz_decode \
	tests/fuzz/fuzz_decode.c data/import/decode.c lib/xmalloc.c
FUZZ_LIBS="-ljansson"
step "fuzz JSON reader" fuzz fuzz_json \
	tests/fuzz/fuzz_json.c data/import/json.c data/import/diag.c lib/xmalloc.c
# The Word and Excel readers: the XML parts stored in a ZIP the target
# builds, or a whole archive (tests/fuzz/ooxml_zip.h).
FUZZ_LIBS="-lxml2 -lminizip -lz -lunistring"
OOXML_CFLAGS=$(pkg-config --cflags libxml-2.0)
# shellcheck disable=SC2086
step "fuzz Excel reader (.xlsx)" fuzz fuzz_xlsx $OOXML_CFLAGS \
	tests/fuzz/fuzz_xlsx.c data/import/formats/xlsx.c data/import/formats/sheet.c \
	data/import/formats/ooxml.c data/import/formats/zipread.c \
	data/import/diag.c data/import/table.c i18n/text.c lib/xmalloc.c
# shellcheck disable=SC2086
step "fuzz Word reader (.docx)" fuzz fuzz_docx $OOXML_CFLAGS \
	tests/fuzz/fuzz_docx.c data/import/formats/docx.c \
	data/import/formats/ooxml.c data/import/formats/zipread.c \
	data/import/diag.c data/import/table.c i18n/text.c lib/xmalloc.c
# shellcheck disable=SC2086
FUZZ_LIBS="-lfreexl -lxml2 -lminizip -lz -lunistring"
step "fuzz Excel 97-2003 reader (.xls, FreeXL)" fuzz fuzz_xls $OOXML_CFLAGS \
	tests/fuzz/fuzz_xls.c data/import/formats/xls.c data/import/formats/sheet.c \
	data/import/formats/ooxml.c data/import/formats/zipread.c \
	data/import/diag.c data/import/table.c i18n/text.c lib/xmalloc.c
FUZZ_LIBS="-lxml2"
step "fuzz web page reader (libxml2 HTML parser, spans)" fuzz fuzz_html \
	$(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_html.c \
	data/import/formats/html.c data/import/table.c data/import/decode.c \
	data/import/diag.c lib/xmalloc.c
# Every reader through the mapping: canonical and published layouts, JSON,
# documents (data/import/formats/).
FUZZ_LIBS="-lsqlite3 -licui18n -licuuc -ljansson -lunistring -lxml2 -lminizip -lz -lfreexl"
step "fuzz import (every reader, both layouts, JSON)" fuzz fuzz_import \
	$(pkg-config --cflags libxml-2.0) \
	tests/fuzz/fuzz_import.c data/*/[a-z]*.c data/import/formats/[a-z]*.c \
	i18n/fold.c i18n/pinyin.c i18n/text.c lib/xmalloc.c
# The image as mapped, and the search engine reading it where it lies.
step "fuzz search index image and engine" fuzz fuzz_image \
	$(pkg-config --cflags libxml-2.0) \
	tests/fuzz/fuzz_image.c data/*/[a-z]*.c data/import/formats/[a-z]*.c \
	i18n/fold.c i18n/pinyin.c i18n/text.c lib/xmalloc.c

# distcheck: the tarball builds, installs and passes the unit tests and a
# few end-to-end scripts (one kiosk, the CLI, translations). The whole suite
# has already run twice above; running it a third time would only cost time.
distcheck() {
	dist_tests=$(make -s -C _build/plain print-tests | tr " " "\n" |
		grep -E '^tests/unit/|^tests/e2e/(po|home|cli)\.sh$' | tr "\n" " ")
	( cd _build/plain && make -j"$jobs" distcheck TESTS="$dist_tests" \
		>distcheck.log 2>&1 ) ||
		{ tail -40 _build/plain/distcheck.log; return 1; }
}
step "make distcheck" distcheck

# The Debian package (issue 16): build it, lintian, install, a catalogue
# package through a signed repository, purge. It installs into this
# machine as root, so it runs here and not in make check; it cleans up.
debpkg() {
	tests/pkg/deb.sh >_build/deb.log 2>&1 ||
		{ grep -v '^ok ' _build/deb.log | tail -60; return 1; }
	grep -E '^(ok|not ok) ' _build/deb.log | sed 's/^/[deb] /'
}
step "Debian package" debpkg

# Every TAP line of every test program is one test.
trs=$(find _build/plain/tests _build/sanitize/tests -name '*.trs' 2>/dev/null)
passed=$(cat $trs /dev/null | grep -cE '^:test-result: (PASS|XFAIL)')
failed=$(cat $trs /dev/null | grep -cE '^:test-result: (FAIL|ERROR|XPASS)')
skipped=$(cat $trs /dev/null | grep -cE '^:test-result: SKIP')
passed=$((passed + steps_passed))
failed=$((failed + steps_failed))
echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
