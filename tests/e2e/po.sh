#!/bin/bash
# Translations: po/chayue.pot holds every message of the sources, and every
# catalogue (zh_CN, the default interface language, zh_TW and en: the
# LINGUAS of Makefile.am) translates all of them.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
cd "$top_srcdir" || exit 1

xgettext --from-code=UTF-8 -k_ -kN_ --package-name=chayue -o "$T_TMP/now.pot" \
	$(find kiosk screens data i18n print -name "*.c" | sort) 2>/dev/null
ids() { msgcat --no-location --sort-output "$1" | grep -E '^msgid ' ; }
diff <(ids "$T_TMP/now.pot") <(ids po/chayue.pot) >"$T_TMP/diff"
ok $? "po/chayue.pot is up to date with the sources (run make update-po)"
[ -s "$T_TMP/diff" ] && sed 's/^/# /' "$T_TMP/diff" | head -20

linguas=$(sed -n 's/^LINGUAS = //p' Makefile.am)
[ "$(echo $linguas | tr ' ' '\n' | sort | tr '\n' ' ')" = "en zh_CN zh_TW " ]
ok $? "LINGUAS lists zh_CN, zh_TW and en ($linguas)"
for l in $linguas; do
	msgmerge -q -o "$T_TMP/$l.po" "po/$l.po" "$T_TMP/now.pot"
	stats=$(msgfmt --statistics -o /dev/null "$T_TMP/$l.po" 2>&1)
	case $stats in
	*untranslated* | *fuzzy*) false ;;
	*) true ;;
	esac
	ok $? "every message has a $l translation ($stats)"
	msgfmt --check -o /dev/null "po/$l.po"
	ok $? "po/$l.po is valid (formats match their message ids)"
done

# Simplified characters must not slip into the Traditional catalogue: what
# OpenCC (s2tw) would still change in a msgstr was left unconverted.
if command -v opencc >/dev/null; then
	msgattrib --no-wrap --no-obsolete po/zh_TW.po | sed -n 's/^msgstr\(\[0\]\)\{0,1\} "\(.*\)"$/\2/p' >"$T_TMP/tw"
	opencc -c s2tw.json -i "$T_TMP/tw" -o "$T_TMP/tw2"
	diff "$T_TMP/tw" "$T_TMP/tw2" >"$T_TMP/twdiff"
	ok $? "po/zh_TW.po has no Simplified characters left"
	sed 's/^/# /' "$T_TMP/twdiff" | head -10
fi

done_testing
