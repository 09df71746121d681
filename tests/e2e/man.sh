#!/bin/bash
# The manual pages, English (man/) and Chinese (man/zh_CN/): each renders
# without a warning from groff (all warnings on) or from man-db as lintian
# runs it; the Chinese page has the sections, items and list entries of
# the English one; and every option the programs' --help names, and every
# configuration key, is in both languages.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
cd "$top_srcdir" || exit 1
PAGES="man/chayue.1 man/chayue-admin.8 man/zh_CN/chayue.1 man/zh_CN/chayue-admin.8"

# text PAGE: the page as a terminal shows it, options written with "-".
text() {
	groff -k -man -Tutf8 -rLL=200n -P-cbou "$1" 2>/dev/null |
		sed 's/[−‐‑]/-/g'
}

for p in $PAGES; do
	groff -k -man -Tutf8 -ww -z "$p" >"$T_TMP/warn" 2>&1
	[ $? = 0 ] && [ ! -s "$T_TMP/warn" ]
	ok $? "$p: groff -ww renders it without a warning"
	sed 's/^/# /' "$T_TMP/warn" | head -5
	if command -v man >/dev/null; then
		MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$p" \
			>/dev/null 2>"$T_TMP/warn"
		[ ! -s "$T_TMP/warn" ]
		ok $? "$p: man --warnings -l (as lintian runs it) says nothing"
		sed 's/^/# /' "$T_TMP/warn" | head -5
	else
		skip "$p: man --warnings -l" "no man-db"
	fi
done

# The same structure: a translation leaves nothing out.
shape() { grep -oE '^\.(SH|SS|TP|IP|EX)' "$1" | sort | uniq -c | tr -s ' \n' ' '; }
for p in chayue.1 chayue-admin.8; do
	[ "$(shape "man/$p")" = "$(shape "man/zh_CN/$p")" ]
	ok $? "zh_CN/$p has the sections and entries of $p ($(shape "man/$p"))"
done

# Every option of --help, in the page of its program, in both languages.
for prog in chayue:1 chayue-admin:8; do
	name=${prog%:*} sec=${prog#*:}
	opts=$("$top_builddir/$name" --config /dev/null --help 2>&1 |
		grep -oE -- '--[a-z][a-z-]*' | sort -u)
	for dir in man man/zh_CN; do
		text "$dir/$name.$sec" >"$T_TMP/page"
		missing=
		for o in $opts; do
			grep -qE -- "$o([^a-z-]|\$)" "$T_TMP/page" || missing="$missing $o"
		done
		[ -n "$opts" ] && [ -z "$missing" ]
		ok $? "$dir/$name.$sec names every option of $name --help${missing:+ (missing:$missing)}"
	done
done

# Every configuration key (kiosk/config.c) in the pages of one language.
keys=$(sed -n 's/^	{ "\([a-z_]*\)", set_[a-z_]* },$/\1/p' kiosk/config.c)
for dir in man man/zh_CN; do
	{ text "$dir/chayue.1"; text "$dir/chayue-admin.8"; } >"$T_TMP/pages"
	missing=
	for k in $keys; do
		grep -qE "(^|[^a-z_])$k([^a-z_]|\$)" "$T_TMP/pages" || missing="$missing $k"
	done
	[ "$(echo "$keys" | wc -w)" -ge 20 ] && [ -z "$missing" ]
	ok $? "$dir: every configuration key ($(echo "$keys" | wc -w))${missing:+ (missing:$missing)}"
done

# The Chinese pages are Chinese: their section headings are.
text man/zh_CN/chayue-admin.8 | grep -qx '概述' &&
	text man/zh_CN/chayue.1 | grep -qx '配置'
ok $? "the zh_CN pages have Chinese headings (概述, 配置)"

# The check can fail: an option the page does not name is found missing.
printf '.TH X 1\n.SH NAME\nx \\- y\n' >"$T_TMP/x.1"
! text "$T_TMP/x.1" | grep -qE -- "--catalogue([^a-z-]|\$)"
ok $? "an option missing from a page is seen to be missing"

done_testing
