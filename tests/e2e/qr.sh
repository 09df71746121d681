#!/bin/bash
# Take it home: c (or touching the button) on the item page shows a QR code
# of the item's source address. The captured screen, painted as an image,
# decodes back to the address (zbarimg) at 80x24 and larger, for the
# shortest and the longest address, with ambiguous characters one or two
# columns wide; an item without an address says so; a window too small
# says so and shows the address as text.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# A copy, so that the counts this writes stay in T_TMP.
DB=$T_TMP/qr.db
cp "$DEMO_DB" "$DB"
short=$(sql "SELECT id FROM item WHERE source_url <> ''
	ORDER BY length(source_url), id LIMIT 1")
long=$(sql "SELECT id FROM item ORDER BY length(source_url) DESC, id LIMIT 1")
url() { sql "SELECT source_url FROM item WHERE id = $1"; }
heading=$(msg zh_CN "Take this item home")
diag "shortest address: $(url "$short"); longest: $(url "$long") ($(url "$long" | wc -c) bytes)"

# qr_case COLS ROWS ID [--wide]: open the code and read it off the screen.
qr_case() {
	local cols=$1 rows=$2 id=$3 wide=${4:-} got
	kiosk_start "$cols" "$rows"
	wait_for "政务公开事项目录查阅"
	goto_item "$id"
	keys c
	wait_for "$heading"
	settle	# the heading is drawn first: wait for the whole code
	got=$(decode_qr $wide)
	[ "$got" = "$(url "$id")" ]
	ok $? "${cols}x$rows${wide:+ $wide}: the code on screen decodes to the address of item $id"
	[ -n "$got" ] || screen | sed 's/^/#   |/' | head -30
	[ "$(max_width)" -le "$cols" ]
	ok $? "${cols}x$rows${wide:+ $wide}: nothing wider than the window"
}

for size in "80 24" "120 40" "200 60"; do
	qr_case $size "$short"
	qr_case $size "$long"
done

# The address beside the code, and Esc back to the item.
kiosk_start 120 40
wait_for "政务公开事项目录查阅"
goto_item "$short"
keys c
wait_for "$heading"
screen | grep -qF "$(url "$short")"
ok $? "the address is written beside the code"
keys Escape
wait_for "公开内容"
ok $? "Esc goes back to the item page"
# The button on the item page does what c does.
click_on "$(msg zh_CN "Take it home")"
wait_for "$heading"
settle
[ "$(decode_qr)" = "$(url "$short")" ]
ok $? "touching the take-it-home button shows the code"
qr_is() { [ "$(decode_qr)" = "$1" ] && [ "$(max_width)" -le 80 ]; }
resize 80 24
eventually qr_is "$(url "$short")"
ok $? "after a resize to 80x24 the code is laid out again and still decodes"
keys F12
wait_for "政务公开事项目录查阅"
handled Escape && ! screen | grep -qF "$heading"
ok $? "F12 (a new visitor) clears the code away"

# Ambiguous characters two columns wide: full blocks, or half blocks two
# columns wide where those do not fit.
printf 'ambiguous_width = 2\n' >"$T_TMP/amb.conf"
CONFIG=$T_TMP/amb.conf qr_case 80 24 "$short" --wide
CONFIG=$T_TMP/amb.conf qr_case 120 40 "$long" --wide
CONFIG=$T_TMP/amb.conf qr_case 200 60 "$long" --wide

# Too small a window: said, with the address as text.
kiosk_start 40 12
wait_for "政务公开事项目录查阅"
goto_item "$long"
keys c
wait_for "$(msg zh_CN "The window is too small for the code (it needs %d columns and %zu rows). The address is:" | cut -c1-4)"
ok $? "40x12: the window is too small for the code, and it says so"
screen | squash | grep -qF "$(url "$long" | cut -c1-20)"
ok $? "40x12: the address is shown as text"

# An item without a source address says so instead.
sql "UPDATE item SET source_url = '' WHERE id = $short"
kiosk_start 80 24
wait_for "政务公开事项目录查阅"
goto_item "$short"
handled && ! screen | grep -qF "$(msg zh_CN "Take it home")"
ok $? "no address: no take-it-home button"
keys c
wait_for "$(msg zh_CN "This item has no source address, so there is no code to take home.")"
ok $? "no address: c says there is no code to take home"

done_testing
