#!/bin/bash
# Printing item pages through a real CUPS server (tests/e2e/cups.sh): the
# preview, the PDF that reaches the queue read back with pdftotext (name,
# basis and subject in Chinese, a long content across pages), who may
# print and how much, and every failure (no queue, queue disabled or
# rejecting, out of paper, no default, no CUPS, no font) as a message on
# the screen while the kiosk goes on.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "${top_srcdir:-.}/tests/e2e/cups.sh"

alive() { ! pane_dead; }
# flat: text without white space, line breaks or the preview's frame
# (sed, not tr: tr would cut multibyte characters apart).
flat() { sed 's/[[:space:]　│─]//g' | tr -d '\n'; }
conf() { printf '%s\n' "$@" >"$T_TMP/print.conf"; }
export CONFIG=$T_TMP/print.conf
OUT=$(cups_out hall)

# pdf_field PDF LABEL: an element of a printed page, its lines joined over
# pages: page headers and footers and "(continued)" labels left out.
pdf_field() {
	pdftotext -layout "$1" - | LABEL=$2 python3 -c '
import os, re, sys
labels = ["领域", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限",
          "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级",
          "发布机关", "编码", "来源网址"]
want, body, out, on = os.environ["LABEL"], [], [], False
for page in sys.stdin.read().split("\f"):
    lines = page.split("\n")
    full = [k for k, l in enumerate(lines) if l.strip()]
    if not full:
        continue
    i = 0                       # the header: up to the first blank line
    while lines[i].strip():
        i += 1
    body += lines[i:full[-1]]   # the footer: the last line
for line in body:
    m = re.match(r"^(\S+)(.*)$", line)
    label = m.group(1) if m else ""
    if label.endswith("（续）") and label[:-3] in labels:
        continue
    if label in labels:
        if on:
            break
        on = label == want
        line = m.group(2)
    if on and line.strip():
        out.append(line.strip())
print("".join(out))'
}

# preview_item ID: from the home screen to the item's print preview.
preview_item() { goto_item "$1" && keys p && wait_for "打印预览"; }

cups_start
ok $? "a private CUPS server starts (CUPS_SERVER=$CUPS_SERVER)"
cups_queue hall
ok $? "with a file-backed queue"

# An item with a basis and a subject, and a name to find it by.
id=$(sql "SELECT id FROM item WHERE basis <> '' AND subject <> '' AND level2 <> ''
	AND length(content) > 20 ORDER BY length(basis) DESC, id LIMIT 1")
val() { sql "SELECT $1 FROM item WHERE id = ${2:-$id}"; }

# --- The preview -----------------------------------------------------------
conf "print = visitors" "printer = hall"
kiosk_start 100 50
goto_item "$id"
screen | tail -n 1 | grep -qF "p 打印"
ok $? "the item page offers the print key"
version=$(sql "SELECT value FROM meta WHERE key = 'version'")
names=$(sql "SELECT group_concat(jurisdiction, '、') FROM (SELECT jurisdiction,
	count(*) AS n FROM item WHERE jurisdiction <> '' GROUP BY jurisdiction
	ORDER BY n DESC, jurisdiction LIMIT 3)")
today=$(date +%F)
keys p
wait_for "打印预览"
ok $? "p opens the print preview"
page() { screen | flat; }
wait_for "第 1 页，共 1 页" && page | grep -qF "打印时间：$today" &&
	page | grep -qE "版本[0-9]{4}年[0-9]+月[0-9]+日 ?[0-9:]+（$version）" && page | grep -qF "发布机关：$names"
ok $? "the preview shows the catalogue, its version, the date and the page number"
missing=
for label in 领域 一级事项 二级事项 公开内容 公开依据 公开时限 公开主体 \
    公开渠道 公开对象 公开方式 公开层级 发布机关 来源网址; do
	screen | grep -qE "│ $label " || missing="$missing $label"
done
[ -z "$missing" ]
ok $? "every element is labelled in the preview${missing:+ (missing:$missing)}"
screen | flat | grep -qF "$(val level2 | flat)"
ok $? "the preview is headed by the item's name"
keys Escape
wait_gone "打印预览" && screen | grep -qF "公开内容"
ok $? "Esc leaves the preview without printing"
[ "$(cups_jobs hall)" -eq 0 ] && [ ! -e "$OUT" ]
ok $? "nothing was sent"

# The preview in the smallest window (the page scrolls sideways), too
# small a window, back, and in large text.
keys p
wait_for "打印预览"
resize 40 12
eventually drawn_for 40
screen | grep -qF "打印预览" && [ "$(max_width)" -le 40 ]
ok $? "the preview fits a 40x12 window"
keys Right Right
settle
alive && screen | grep -q "^│"
ok $? "and a page wider than the window scrolls sideways"
resize 1 1
sleep 0.5
resize 100 50
eventually drawn_for 100 && wait_for "│ 公开内容 "
ok $? "too small and back: the preview is laid out again"
keys F2
settle
keys F2
wait_for "│ 公开内容 " && alive
ok $? "large text on and off in the preview"

# --- Printing --------------------------------------------------------------
click_on "打印 "
wait_for "已发送到打印机，共 1 页。"
ok $? "the print button sends the job (\"sent\")"
wait_for "打印完成，请到打印机取件"
ok $? "the job's end is shown (\"done\")"
[ -s "$OUT" ] && [ "$(head -c 5 "$OUT")" = "%PDF-" ]
ok $? "the queue received a PDF"
[ "$(pdfinfo "$OUT" | awk '/^Page size/ { print $3 "x" $5 }')" = 595.276x841.89 ]
ok $? "A4 portrait"
text=$(pdftotext "$OUT" - | flat)
bad=
for col in level2 basis subject; do
	case "$text" in *"$(val $col | flat)"*) ;; *) bad="$bad $col" ;; esac
done
[ -z "$bad" ]
ok $? "the PDF's text has the item's name, basis and subject in Chinese${bad:+ (missing:$bad)}"
bad=
for pair in 公开依据:basis 公开主体:subject 公开内容:content 公开时限:time_limit; do
	[ "$(pdf_field "$OUT" "${pair%%:*}" | flat)" = "$(val "${pair#*:}" | flat)" ] ||
		bad="$bad ${pair%%:*}"
done
[ -z "$bad" ]
ok $? "each element is printed whole, under its label${bad:+ (differ:$bad)}"
bad=
for want in "发布机关：$names" "（$version）" "打印时间：$today" "第1页，共1页"; do
	case "$text" in *"$want"*) ;; *) bad="$bad $want" ;; esac
done
[ -z "$bad" ]
ok $? "the page carries the catalogue, its version, the date printed and its number${bad:+ (missing:$bad)}"
keys Escape
wait_for "层级：" && alive
ok $? "the kiosk goes on after printing"
kiosk_stop

# --- A long content over several pages -----------------------------------
DB=$T_TMP/long.db
cp "$DEMO_DB" "$DB"
sql "UPDATE item SET content = content || '；' || replace(hex(zeroblob(20)), '00',
	content || '。') WHERE id = $id"
kiosk_start 100 50
preview_item "$id"
pages=$(screen | grep -oE '第 1 页，共 [0-9]+ 页' | head -n 1 | grep -oE '[0-9]+ 页$' | grep -oE '[0-9]+')
[ "${pages:-0}" -ge 2 ]
ok $? "a long content makes a preview of several pages (${pages:-?})"
keys NPage
wait_for "第 2 页，共 $pages 页" && screen | grep -qF "公开内容（续）"
ok $? "PgDn turns the page; the content goes on under its label, continued"
rm -f "$OUT"
keys Enter
wait_for "打印完成"
[ "$(pdfinfo "$OUT" | awk '/^Pages:/ { print $2 }')" = "$pages" ]
ok $? "the PDF has the $pages pages of the preview"
[ "$(pdf_field "$OUT" 公开内容 | flat)" = "$(val content | flat)" ]
ok $? "the content is complete and in order across the pages"
for ((k = 1; k <= pages; k++)); do
	pdftotext -f $k -l $k "$OUT" - | flat | grep -qF "第${k}页，共${pages}页" || break
done
[ $k -gt "$pages" ]
ok $? "every page is numbered"
pdftotext -f 2 -l 2 "$OUT" - | grep -qF "公开内容（续）"
ok $? "the second page names the element it continues"
kiosk_stop
unset DB

# --- Text from the data is sanitised -------------------------------------
DB=$T_TMP/hostile.db
cp "$DEMO_DB" "$DB"
sql "UPDATE item SET basis = '依据' || char(27) || ']0;PWNED' || char(7) ||
	'文件' || char(27) || '[31m' || char(8238) || '全文' WHERE id = $id"
kiosk_start 100 50
preview_item "$id"
rm -f "$OUT"
keys Enter
wait_for "打印完成"
text=$(pdftotext "$OUT" -)
case "$text" in *PWNED*|*$'\e'*|*$'\u202e'*) false ;; *) true ;; esac &&
	[ "$(pdf_field "$OUT" 公开依据 | flat)" = "依据文件全文" ]
ok $? "escape sequences and bidi controls in the data do not reach the printer"
kiosk_stop
unset DB

# --- Only staff may print --------------------------------------------------
PIN=20261126
conf "print = staff" "printer = hall" "$(echo $PIN | "$ADMIN" pin)"
kiosk_start 100 50 --kiosk
preview_item "$id"
jobs=$(cups_jobs hall)
# Typed bytes that decode past U+10FFFF are dropped: they would be the
# code the PIN screen sends the preview once the PIN is right.
tmux -L "$T_SOCK" send-keys -t t -H f4 90 88 9d
handled && [ "$(cups_jobs hall)" -eq "$jobs" ] && alive &&
	! screen | grep -qE "打印完成|正在打印|正在发送"
ok $? "print = staff: typed bytes F4 90 88 9D do not pass for the staff PIN"
keys Enter
wait_for "输入工作人员密码以打印"
ok $? "print = staff: Enter asks for the staff PIN in kiosk mode"
type_text 1111
keys Enter
wait_for "密码错误"
[ "$(cups_jobs hall)" -eq "$jobs" ]
ok $? "a wrong PIN prints nothing"
type_text "$PIN"
keys Enter
wait_for "打印完成" && [ "$(cups_jobs hall)" -eq $((jobs + 1)) ]
ok $? "the right PIN prints"
kiosk_stop
kiosk_start 100 50
preview_item "$id"
keys Enter
wait_for "打印完成" && ! screen | grep -qF "密码"
ok $? "print = staff at a staff desk (plain mode): no PIN asked"
kiosk_stop

# --- The page limit is per visitor ----------------------------------------
conf "print = visitors" "printer = hall" "print_page_limit = 2" "idle_seconds = 15" "idle_seconds_reading = 15"
kiosk_start 100 50
preview_item "$id"
wait_for "还可打印 2 页"
ok $? "the preview says how many pages may still be printed"
keys Enter
wait_for "打印完成"
keys p
wait_for "还可打印 1 页" && keys Enter && wait_for "打印完成"
ok $? "a second page"
jobs=$(cups_jobs hall)
keys p
wait_for "还可打印 0 页"
keys Enter
wait_for "此打印件共 1 页，现在最多还可打印 0 页" && [ "$(cups_jobs hall)" -eq "$jobs" ]
ok $? "past the limit nothing is printed, and the screen says why"
keys F12
preview_item "$id" && wait_for "还可打印 2 页"
ok $? "F12 (new visitor) starts the count again"
keys Enter
wait_for "打印完成"
keys p
wait_for "还可打印 1 页" && keys Enter && wait_for "打印完成"
keys p
wait_for "还可打印 0 页" && keys Escape
# The next visitor after a walk-away: 15 s without input, then the reset.
T_WAIT=60 wait_for "政务公开事项目录查阅" && wait_gone "秒后返回首页"
preview_item "$id" && wait_for "还可打印 2 页"
ok $? "the walk-away reset starts the count again"
kiosk_stop

# --- The queue: from the configuration, --printer, else the default -------
conf "print = visitors" "printer = nosuch"
kiosk_start 100 50
preview_item "$id"
keys Enter
wait_for "找不到打印机“nosuch”，未能打印。请告知工作人员。"
ok $? "a queue that does not exist: the screen says so"
keys Escape
wait_for "层级：" && alive
ok $? "and the kiosk goes on"
kiosk_stop
rm -f "$OUT"
kiosk_start 100 50 --printer hall
preview_item "$id"
keys Enter
wait_for "打印完成" && [ -s "$OUT" ]
ok $? "--printer QUEUE overrides the configuration"
kiosk_stop
conf "print = visitors"
kiosk_start 100 50
preview_item "$id"
keys Enter
wait_for "未设置打印机，未能打印。请告知工作人员。"
ok $? "no queue named and no default destination: the screen says so"
kiosk_stop
"$C_SBIN/lpadmin" -d hall
rm -f "$OUT"
kiosk_start 100 50
preview_item "$id"
keys Enter
wait_for "打印完成" && [ -s "$OUT" ]
ok $? "no queue named: the CUPS default destination prints"
kiosk_stop

# --- The queue stopped, rejecting, out of paper ---------------------------
conf "print = visitors" "printer = hall"
kiosk_start 100 50
"$C_SBIN/cupsdisable" hall
preview_item "$id"
jobs=$(cups_jobs hall)
keys Enter
wait_for "打印机“hall”已暂停，未能打印。请告知工作人员。" && [ "$(cups_jobs hall)" -eq "$jobs" ]
ok $? "a disabled queue: the screen says so, nothing is queued"
"$C_SBIN/cupsenable" hall
"$C_SBIN/cupsreject" hall
keys p
wait_for "打印预览" && keys Enter
wait_for "打印机“hall”不接受打印任务，未能打印。请告知工作人员。"
ok $? "a queue that rejects jobs: the screen says so"
"$C_SBIN/cupsaccept" hall
# A job the server refuses: over the queue's quota (1 KB a week).
"$C_SBIN/lpadmin" -p hall -o job-quota-period=604800 -o job-k-limit=1
keys p
wait_for "打印预览" && keys Enter
wait_for "打印机拒绝了此任务（Quota limit reached.），未能打印。请告知工作人员。"
ok $? "a job the server refuses: the screen says so, with the server's reason"
"$C_SBIN/lpadmin" -p hall -o job-quota-period=0 -o job-k-limit=0
alive && keys Escape && wait_for "层级："
ok $? "the kiosk goes on"
touch "$OUT.slow"
keys Enter
wait_for "公开内容" && keys p && wait_for "打印预览" && keys Enter
wait_for "正在打印……"
ok $? "a job the printer is working on: \"printing\""
rm -f "$OUT.slow"
wait_for "打印完成"
ok $? "then \"done\""
keys Escape
wait_for "层级："
touch "$OUT.hold"
keys Enter
wait_for "公开内容" && keys p && wait_for "打印预览" && keys Enter
wait_for "打印机需要处理（缺纸），请告知工作人员。"
ok $? "out of paper while printing: \"printer needs attention\""
rm -f "$OUT.hold"
wait_for "打印完成"
ok $? "paper added: the job ends and the screen says so"
kiosk_stop

# --- No CUPS at all --------------------------------------------------------
cups_stop
kiosk_start 100 50
preview_item "$id"
keys Enter
wait_for "无法连接打印服务，未能打印。请告知工作人员。"
ok $? "cupsd stopped: the screen says the print service cannot be reached"
keys Escape
wait_for "层级：" && alive
ok $? "and the kiosk goes on"
cups_start
keys Enter
wait_for "公开内容" && keys p && wait_for "打印预览" && keys Enter
wait_for "打印完成"
ok $? "CUPS back: printing works again without restarting the kiosk"
kiosk_stop

# --- No font to print with --------------------------------------------------
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$T_TMP/nofonts.conf"
export FONTCONFIG_FILE=$T_TMP/nofonts.conf
kiosk_start 100 50
unset FONTCONFIG_FILE
preview_item "$id"
keys Enter
wait_for "无法打印：未安装打印字体 Noto Sans Mono CJK SC；请安装 Debian 软件包 fonts-noto-cjk。"
ok $? "without the printing font the screen names the package to install"
kiosk_stop

# --- Printing off ------------------------------------------------------------
CONFIG=/dev/null kiosk_start 100 50
goto_item "$id"
handled && ! screen | tail -n 1 | grep -qF "打印"
ok $? "print = no (the default): no print key"
before=$(screen)
handled p && [ "$(screen)" = "$before" ] && alive
ok $? "and p does nothing"

done_testing
