#!/bin/bash
# Translations: po/chayue.pot holds every message of the sources, and the
# zh_CN catalogue (the default interface language) translates all of them.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
cd "$top_srcdir" || exit 1

xgettext --from-code=UTF-8 -k_ -kN_ --package-name=chayue -o "$T_TMP/now.pot" \
	$(ls kiosk/*.c screens/*.c data/*.c i18n/*.c print/*.c) 2>/dev/null
ids() { msgcat --no-location --sort-output "$1" | grep -E '^msgid ' ; }
diff <(ids "$T_TMP/now.pot") <(ids po/chayue.pot) >"$T_TMP/diff"
ok $? "po/chayue.pot is up to date with the sources (run make update-po)"
[ -s "$T_TMP/diff" ] && sed 's/^/# /' "$T_TMP/diff" | head -20

msgmerge -q -o "$T_TMP/zh_CN.po" po/zh_CN.po "$T_TMP/now.pot"
stats=$(msgfmt --statistics -o /dev/null "$T_TMP/zh_CN.po" 2>&1)
case $stats in
*untranslated* | *fuzzy*) false ;;
*) true ;;
esac
ok $? "every message has a zh_CN translation ($stats)"
msgfmt --check -o /dev/null po/zh_CN.po
ok $? "po/zh_CN.po is valid (formats match their message ids)"

done_testing
