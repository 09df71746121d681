#!/bin/bash
# Test hooks stay out of release builds. The hooks (CHAYUE_TEST_CRASH_AT
# and CHAYUE_TEST_CRASH_LOG for test_crash, CHAYUE_PROGRESS_DELAY_MS for
# versions.sh, CHAYUE_TEST_IMPORT_SLEEP for staffsafe.sh) are compiled only with ./configure --enable-test-hooks.
# Without it, no program that is installed holds their names or the hook
# function: every CHAYUE_ name in chayue and chayue-admin is a real
# configuration variable. With it, the same look must find them, which
# shows that it would. test.sh also runs this test on a build configured
# without the hooks.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# The environment variables users may set (README, man/chayue.1).
CONFIG_VARS="CHAYUE_LOCALEDIR CHAYUE_SYNONYMS"
HOOK_VARS="CHAYUE_PROGRESS_DELAY_MS CHAYUE_TEST_CRASH_AT CHAYUE_TEST_CRASH_LOG
	CHAYUE_TEST_IMPORT_SLEEP"

# names FILE: the CHAYUE_ names in a program, one a line (what strings(1)
# would show, without needing binutils).
names() { LC_ALL=C grep -aoE 'CHAYUE_[A-Z0-9_]+' "$1" | sort -u; }
# unknown ALLOWED...: the names on stdin that are not ALLOWED.
unknown() {
	local allowed=" $* "
	while read -r n; do
		case $allowed in *" $n "*) ;; *) echo "$n" ;; esac
	done
}

if test_hooks; then
	diag "built with --enable-test-hooks"
	allowed="$CONFIG_VARS $HOOK_VARS"
else
	diag "built without test hooks"
	allowed=$CONFIG_VARS
fi
for prog in "$CHAYUE" "$ADMIN"; do
	[ -x "$prog" ]
	ok $? "$(basename "$prog") is built"
	extra=$(names "$prog" | unknown $allowed)
	[ -z "$extra" ]
	ok $? "$(basename "$prog") names no CHAYUE_ variable but $allowed"
	[ -n "$extra" ] && diag "found:" $extra
done

found=$(names "$ADMIN"; names "$CHAYUE")
found=$(echo $found)
if test_hooks; then
	for v in $HOOK_VARS; do
		case " $found " in *" $v "*) true ;; *) false ;; esac
		ok $? "the hook $v is in a program, and this test sees it"
	done
	LC_ALL=C grep -aq versions_crash_point "$ADMIN"
	ok $? "the hook function versions_crash_point is in chayue-admin"
else
	for prog in "$CHAYUE" "$ADMIN"; do
		! LC_ALL=C grep -aqE 'CHAYUE_TEST|CHAYUE_PROGRESS_DELAY|versions_crash_point' "$prog"
		ok $? "no hook name and no hook function in $(basename "$prog")"
	done
fi

done_testing
