#!/bin/bash
# Staff paths in the staff's language: every chayue-admin command, its
# errors (bad arguments, a missing catalogue, a missing version), the
# search's errors (no index, a damaged one, bad synonym files) and every
# configuration key with a bad value, run with the interface in zh_CN, must
# not print an English sentence. An "English sentence" is three or more
# words of ASCII letters in a row once option names (--x), paths, file
# names and quoted values are taken out; system error texts (strerror,
# which follows the C locale here) are allowed.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
export LANGUAGE=zh_CN
REF=$top_srcdir/data/demo/reference-catalogue.csv
db=$T_TMP/c.db
cp "$DEMO_DB" "$db"
head -6 "$REF" >"$T_TMP/small.csv"
printf 'domain,level1\n,,,\n' >"$T_TMP/bad.csv"
printf '"unterminated\n' >"$T_TMP/cut.csv"
: >"$T_TMP/empty.csv"
ALL=$T_TMP/all.out
: >"$ALL"

# english FILE: the lines of FILE that hold an English sentence.
english() {
	sed -E -e 's/chayue-admin( (hot|feedback|pin|import|check|status|history|rollback|diff|export|search))?( (list|add|remove|FILE))?//g' \
	    -e 's/(^|[[:space:]])--?[A-Za-z][A-Za-z0-9_-]*/\1/g' \
	    -e 's#[^[:space:]]*[/.][^[:space:]]*##g' \
	    -e "s/'[^']*'//g" -e 's/"[^"]*"//g' \
	    -e 's/(No such file or directory|Permission denied|Is a directory|Not a directory|file is not a database|no such table)//g' "$1" |
	    grep -nE '(^|[^A-Za-z0-9_$-])[A-Za-z]+ +[A-Za-z]+ +[A-Za-z]+([^A-Za-z0-9_-]|$)'
}

# run DESCRIPTION ARGS...: run chayue-admin, keep what it says.
run() {
	local what=$1 out
	shift
	out=$T_TMP/run.out
	"$ADMIN" "$@" </dev/null >"$out" 2>&1
	{ echo "== $what: chayue-admin $*"; cat "$out"; } >>"$ALL"
	if english "$out" >"$T_TMP/eng"; then
		diag "English in '$what':"
		sed 's/^/#   /' "$T_TMP/eng"
		return 1
	fi
	return 0
}

bad=0
C="--catalogue $db"
while IFS='|' read -r what args; do
	[ -n "$what" ] || continue
	# shellcheck disable=SC2086
	run "$what" $args || bad=$((bad + 1))
done <<LIST
no command|
unknown command|$C frobnicate
unknown global option|--frob status
status|$C status
status json|$C status --json
history|$C history
history bad option|$C history --frob
status extra argument|$C status extra
missing catalogue status|--catalogue $T_TMP/none.db status
missing catalogue history|--catalogue $T_TMP/none.db history
missing catalogue rollback|--catalogue $T_TMP/none.db rollback
missing catalogue diff|--catalogue $T_TMP/none.db diff
missing catalogue export|--catalogue $T_TMP/none.db export
missing catalogue search|--catalogue $T_TMP/none.db search 低保
rollback no earlier|$C rollback
rollback no such version|$C rollback 20200101T000000Z
rollback too many|$C rollback a b
diff no earlier|$C diff
diff no such version|$C diff 20200101T000000Z
diff bad option|$C diff --frob
export bad format|$C export --format xml
export no such version|$C export --version 20200101T000000Z
export unwritable|$C export --output $T_TMP/no/such/dir/x.csv
export bad option|$C export --frob
search no query|$C search
search bad limit|$C search --limit x 低保
search nothing|$C search qqqqzzzz
import no file|$C import
import missing file|$C import $T_TMP/none.csv
import bad encoding|$C import --encoding ebcdic $T_TMP/small.csv
import bad format|$C import --format xml $T_TMP/small.csv
import bad delimiter|$C import --delimiter semicolon $T_TMP/small.csv
import bad max size|$C import --max-size 1Q $T_TMP/small.csv
import too big|$C import --max-size 1K $REF
import empty|$C import $T_TMP/empty.csv
import bad rows|$C import $T_TMP/bad.csv
import cut off|$C import --yes $T_TMP/cut.csv
import drop|$C import $T_TMP/small.csv
import drop allowed|$C import --allow-drop --yes $T_TMP/small.csv
history after import|$C history
diff after import|$C diff
rollback after import|$C rollback
check|$C check $REF
check bad|$C check $T_TMP/bad.csv
hot no action|$C hot
hot bad action|$C hot frob
hot add nothing|$C hot add qqqqzzzz
hot list|$C hot list
hot remove nothing|$C hot remove qqqqzzzz
feedback|$C feedback
feedback bad date|$C feedback --since yesterday
pin unlock|$C pin --unlock
pin bad option|$C pin --frob
LIST
ok $bad "no English sentence in chayue-admin's commands and errors under zh_CN ($bad cases)"

# Every configuration key with a value it refuses.
bad=0
while IFS='|' read -r key value; do
	[ -n "$key" ] || continue
	printf '%s = %s\n' "$key" "$value" >"$T_TMP/c.conf"
	run "config $key" --config "$T_TMP/c.conf" $C status || bad=$((bad + 1))
	grep -q "c.conf:1" "$T_TMP/run.out" || {
		diag "config $key: no file:line in: $(cat "$T_TMP/run.out")"
		bad=$((bad + 1))
	}
done <<LIST
catalogue|
language|klingon
ambiguous_width|3
mode|arcade
mouse|perhaps
locale_dir|
staff_pin|1234
staff_pin|\$1\$abcdefgh\$abcdefghijklmnopqrstuv
staff_pin|\$9\$abcdefghijklmnopqrstuvwxyz
staff_pin|\$y\$j9T\$short
idle_seconds|3
theme|pink
large_text|maybe
log_file|
state_file|
hot_most_viewed|often
hot_min_views|0
hot_min_days|99
keep_versions|-1
import_dir|
import_max_size|1Q
print|everyone
printer|a b
print_page_limit|5000
hall_name|$(printf '%0300d' 0)
hall_help|$(printf '%0300d' 0)
notice_file|
no_such_key|1
LIST
printf 'no equals sign here\n' >"$T_TMP/c.conf"
run "config line without =" --config "$T_TMP/c.conf" $C status || bad=$((bad + 1))
run "config file missing" --config "$T_TMP/none.conf" $C status || bad=$((bad + 1))
ok $bad "no English sentence in any configuration error under zh_CN ($bad cases)"

# The search's own errors (data/search): a catalogue without a search
# index, one whose index is damaged, and the hall's synonym file with every
# kind of bad line, a folder, one too large and one missing.
noidx=$T_TMP/noidx.db
broken=$T_TMP/broken.db
cp "$DEMO_DB" "$noidx"
cp "$DEMO_DB" "$broken"
sqlite3 "$noidx" "DELETE FROM meta WHERE key = 'search_version'"
sqlite3 "$broken" "DROP TABLE search_post"
{
	printf ', 低保\n'				# an empty word
	printf '低保, \342\200\213\n'		# nothing to search for (U+200B)
	printf '%070d, 低保\n' 0			# longer than a query
	printf '拆迁 => 征收 => 补偿\n'			# a second =>
	printf '低保\n'					# a group of one word
} >"$T_TMP/syn.txt"
mkdir "$T_TMP/syn.dir"
truncate -s 5M "$T_TMP/syn.big"
bad=0
for f in syn.txt syn.dir syn.big syn.none; do
	printf 'synonyms = %s\n' "$T_TMP/$f" >"$T_TMP/s.conf"
	run "synonyms $f" --config "$T_TMP/s.conf" $C search 低保 || bad=$((bad + 1))
done
grep -qF "syn.txt:5:1:" "$ALL" && [ "$(grep -c "syn.txt:[1-5]:" "$ALL")" = 5 ] ||
	bad=$((bad + 1))
run "search without an index" --catalogue "$noidx" search 低保 || bad=$((bad + 1))
run "search with a damaged index" --catalogue "$broken" search 低保 || bad=$((bad + 1))
grep -qF "$(msg zh_CN "this catalogue has no search index; rebuild it with: chayue-admin import FILE")" "$ALL" ||
	bad=$((bad + 1))
ok $bad "no English sentence in the search's errors under zh_CN: no index, a damaged one, bad synonym files ($bad cases)"
CONFIG=/dev/null DB=$noidx kiosk_start 80 24
wait_for "政务公开事项目录查阅"
keys /
wait_for "此目录没有检索索引"
ok $? "the kiosk's search without an index says so in Chinese"
kiosk_stop

# Problems name the spreadsheet's column letter, the Chinese way.
printf 'domain,level1,level2,content,basis,time_limit,subject,channels,audience_all,audience_specific,method_active,method_on_request,level_county,level_township,level_village\n社会救助,低保,低保对象,名单,条例,20日,民政局,政府网站,有,,,,,,\n' >"$T_TMP/flag.csv"
"$ADMIN" $C check "$T_TMP/flag.csv" >"$T_TMP/out" 2>&1
grep -qF "flag.csv:2:9:" "$T_TMP/out" && grep -qF "I 列（audience_all）" "$T_TMP/out"
ok $? "an import problem names the column as staff see it: I 列（audience_all）"

# The filter itself finds English (so that the test can fail).
printf 'there is no version 2020\n' >"$T_TMP/en.txt"
english "$T_TMP/en.txt" >/dev/null
ok $? "the check finds an English sentence when there is one"
done_testing
