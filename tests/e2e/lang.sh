#!/bin/bash
# The interface in 简体中文, 繁體中文 and English: F4 switches it on every
# screen (zh_CN → zh_TW → en → zh_CN) and the screen is laid out again in
# the new language; the configuration chooses the language each visitor
# starts in, and the walk-away reset (and F12) go back to it. Dates are
# written the language's way. Expected texts come from the catalogues.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

DB=$T_TMP/lang.db
cp "$DEMO_DB" "$DB"
home="政务公开事项目录查阅"
created=$(sql "SELECT value FROM meta WHERE key = 'created'")
id=$(sql "SELECT id FROM item WHERE source_url <> '' AND jurisdiction <> ''
	ORDER BY id LIMIT 1")
"$ADMIN" --catalogue "$DB" hot add --domain "$(sql "SELECT d.name FROM item i
	JOIN domain d ON d.id = i.domain_id WHERE i.id = $id")" \
	--jurisdiction "$(sql "SELECT jurisdiction FROM item WHERE id = $id")" \
	"$(sql "SELECT level2 FROM item WHERE id = $id")" >/dev/null

# cycle SCREEN MSGID [COLS]: F4 three times; after each the screen shows
# MSGID in the next language, and nothing is wider than the window.
cycle() {
	local lang bad=0
	for lang in zh_TW en zh_CN; do
		keys F4
		if ! wait_for "$(msg $lang "$2")"; then
			diag "$1 in $lang: no \"$(msg $lang "$2")\""
			bad=1
		elif [ "$(max_width)" -gt "${3:-80}" ]; then
			diag "$1 in $lang: wider than the window"
			bad=1
		fi
	done
	ok $bad "$1: F4 switches zh_CN → zh_TW → en → zh_CN, laid out again each time"
}

kiosk_start 80 24
wait_for "$home"
cycle "home" "Government Disclosure Catalogue"
keys F4 F4
wait_for "Government Disclosure Catalogue"
screen | head -n 1 | grep -qF "Version $(LC_ALL=C date -d "$created" '+%B %-d, %Y')"
ok $? "home in English: the version date the English way"
total=$(sql "SELECT count(*) FROM item")
screen | sed -n 2p | grep -qF "· $total items"
ok $? "home in English: the item count with an English plural"
keys F4
wait_for "$(msg zh_CN "Government Disclosure Catalogue")"
goto_item "$id"
cycle "item page" "Source address"
keys F4 F4
wait_for "Source address"
screen | grep -qE "^ Domain {2,}[^ ]" && screen | grep -qE "^ Level-1 item {2,}[^ ]"
ok $? "item page in English: English labels, values beside them"
keys F4
wait_for "来源网址"
keys c
wait_for "$(msg zh_CN "Take this item home")"
cycle "take it home" "Take this item home"
settle
[ "$(decode_qr)" = "$(sql "SELECT source_url FROM item WHERE id = $id")" ]
ok $? "the code still decodes after three switches"
keys Escape Escape
wait_for "层级："
cycle "domain" "Level:"
keys j
wait_for "$(msg zh_CN "Show the items of:")"
cycle "publisher choice" "Show the items of:"
keys Escape h
wait_for "$home"
keys t
wait_for "$(msg zh_CN "Chosen by the staff")"
cycle "hot items" "Chosen by the staff"
keys Escape
wait_for "$home"
keys /
wait_for "$(msg zh_CN "Search:")"
cycle "search" "Search:"
type_text "zdsh"
wait_for "zdsh"
keys F4 F4
wait_for "$(msg en "Search:")"
screen | grep -qF "zdsh"
ok $? "search: switching the language keeps what the visitor typed"
keys F4
wait_for "$(msg zh_CN "Search:")"
keys Escape
wait_for "$home"
keys '?'
wait_for "$(msg zh_CN "Moving around")"
cycle "help" "Help"	# the title: 帮助, 說明, Help (基本操作 is the same in both Chinese)
keys F4
wait_for "$(msg zh_TW "Moving around")"
screen | grep -qF "F4  $(msg zh_TW "language: 简体中文, 繁體中文, English")"
ok $? "the help screen in Traditional Chinese names the language key"
keys F4
wait_for "$(msg en "Moving around")"
screen | grep -qF "F4  language: 简体中文, 繁體中文, English"
ok $? "and in English"
keys F4
kiosk_stop

# The print preview lays its pages out again in the new language.
printf 'print = visitors\n' >"$T_TMP/print.conf"
CONFIG=$T_TMP/print.conf kiosk_start 100 30
wait_for "$home"
goto_item "$id"
keys p
wait_for "$(msg zh_CN "Print preview")"
cycle "print preview" "Print preview" 100
keys F4 F4
wait_for "$(msg en "Print preview")"
screen | grep -qF "$(msg en "Government disclosure catalogue · published by %s · version %s" | cut -c1-31)"
ok $? "print preview in English: the pages themselves are laid out in English"
kiosk_stop

# The kiosk's own screens: the staff PIN and the unavailable catalogue.
line=$(echo 20261126 | "$ADMIN" pin)
printf '%s\n' "$line" >"$T_TMP/pin.conf"
CONFIG=$T_TMP/pin.conf kiosk_start 80 24 --kiosk
wait_for "$home"
keys F10
wait_for "$(msg zh_CN "Staff PIN to close the kiosk")"
cycle "staff PIN" "Staff PIN to close the kiosk"
kiosk_stop
DB=$T_TMP/none.db kiosk_start 80 24 --kiosk
wait_for "$(msg zh_CN "Trying again…")"
cycle "catalogue unavailable" "Trying again…"
kiosk_stop

# The configured language, and back to it for every new visitor.
for lang in en zh_TW; do
	printf 'language = %s\n' $lang >"$T_TMP/$lang.conf"
	CONFIG=$T_TMP/$lang.conf kiosk_start 80 24 --idle 15
	wait_for "$(msg $lang "Government Disclosure Catalogue")"
	ok $? "language = $lang: the kiosk starts in $lang"
	keys F4
	wait_for "$(msg "$([ $lang = en ] && echo zh_CN || echo en)" "Government Disclosure Catalogue")"
	open_domain 1
	keys F12
	wait_for "$(msg $lang "Government Disclosure Catalogue")"
	ok $? "language = $lang: F12 (a new visitor) goes back to $lang"
done
screen | head -n 1 | grep -qF "$(date -d "$created" '+%Y年%-m月%-d日')"
ok $? "zh_TW: the version date the Chinese way"
keys F4
open_domain 1
wait_for "$(msg en "Level:")"
ok $? "a visitor switches to English and opens a domain"
wait_for "$(msg en "Back to the home screen in %d s. Touch the screen or press any key to continue." | cut -c1-20)"
wait_for "$(msg zh_TW "Government Disclosure Catalogue")"
ok $? "the walk-away reset goes back to the configured zh_TW"

printf 'language = fr\n' >"$T_TMP/fr.conf"
"$CHAYUE" --config "$T_TMP/fr.conf" --catalogue "$DB" </dev/null >/dev/null 2>"$T_TMP/err"
[ $? = 2 ] && grep -qE "zh_CN(, |、)zh_TW (or|或) en" "$T_TMP/err"
ok $? "an unknown language in the configuration is refused, naming the three"

done_testing
