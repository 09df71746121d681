#!/usr/bin/env python3
"""Saved web pages made from the rows of reference-catalogue.csv, as county
pages publish the catalogue (the 政务公开专区), and the items importing them
must give.

  htmlpages.py make REFERENCE OUTDIR   OUTDIR/pages/*.html and
                                       OUTDIR/pages.expected.csv
  htmlpages.py check EXPECTED DB       compare a catalogue with expected.csv

One page per publishing government, named only in the page's <title> (one
page only in its file name), with a table of contents, and one table per
domain under a heading "（一）社会救助领域基层政务公开标准目录" (a <p>, an
<h3>, <strong> or the table's <caption>), followed by a note. The pages
differ as real ones do: GBK declared in a <meta> (charset= or http-equiv)
or UTF-8 with no declaration; the tables inside a layout table or not;
two header rows made with colspan/rowspan, with the title variants
(特定群众, 依申请公开, 镇级, ...); 一级事项 as rowspan cells; the channel
cell a ■/□ list with no spaces or one channel per <br>, and on pages made
by OCR with 口 for □; cells wrapped in Word's <p class=MsoNormal>, &nbsp;
in empty cells, source line breaks inside words; no 公开层级 columns when
no row of the table says a level.

The expected items follow the documented rules, as variants.py's do (an
empty yes/no cell beside a tick is "no"); a page has no source address.
"""
import html
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import variants  # noqa: E402

NUMBERS = "一二三四五六七八九十"


def numbering(i):
    if i < 10:
        return NUMBERS[i]
    if i < 20:
        return "十" + (NUMBERS[i - 10] if i > 10 else "")
    return NUMBERS[i // 10 - 1] + "十" + (NUMBERS[i % 10 - 1] if i % 10 else "")


def esc(s):
    return html.escape(s, quote=True)


def split_word(s, n):
    """A source line break inside a word, between two Chinese characters,
    as pages converted from Word or PDF have them."""
    for i in range(len(s) // 2, len(s) - 1):
        if ord(s[i - 1]) > 0x2000 and ord(s[i]) > 0x2000 and n % 3 == 0:
            return s[:i] + "\n        " + s[i:]
    return s


def cell(text, n, attrs="", split=False):
    """One <td>: the text escaped, lines as <br>, in Word's dress on some
    pages, &nbsp; when empty."""
    if text == "":
        return "<td%s>&nbsp;</td>" % attrs
    body = "<br>".join(esc(line) for line in text.split("\n"))
    if split:
        body = split_word(body, n)
    if n % 2 == 0:
        body = '<p class=MsoNormal><span style="font-size:10.5pt">%s</span></p>' % body
    return "<td%s>\n        %s\n      </td>" % (attrs, body)


def channel_cell(names, n):
    box = "口" if n % 5 == 0 else "□"
    rest = [c for c in variants.STANDARD_CHANNELS if c not in names]
    if n % 2 == 0:
        # "■公开查阅点□政务服务中心": ticked and unticked boxes interleaved.
        out = ""
        for i, c in enumerate(names):
            out += "■" + esc(c)
            if i < len(rest):
                out += box + esc(rest[i])
        out += "".join(box + esc(c) for c in rest[len(names):])
        return out
    return "<br>".join(["■" + esc(c) for c in names] +
                       [box + esc(c) for c in rest])


def table_html(dom, rows, n, t_index, heading):
    """One catalogue table and the items it must give."""
    style = "std" if n % 2 == 0 else "var"
    t = dict(variants.TITLES[style])
    if style == "var":
        t["level_township"] = variants.TOWNSHIP[t_index % 2]   # 镇级, 街道级
    levels = [k for k in variants.FLAGS[4:7] if any(r[k] for r in rows)]
    if levels:
        levels = variants.FLAGS[4:6] + (["level_village"]
                                         if "level_village" in levels else [])
    flags = variants.FLAGS[:4] + levels
    level_titles = {"level_county": "县级",
                    "level_township": t["level_township"],
                    "level_village": "村级"}
    out = ["<table border=1 cellspacing=0 class=MsoTableGrid>"]
    if heading == "caption":
        out.append("<caption>（%s）%s领域基层政务公开标准目录</caption>" %
                   (numbering(t_index), esc(dom)))
    top = ['<td rowspan=2>序号</td>', '<td colspan=2>公开事项</td>',
           '<td rowspan="2">%s</td>' % esc(t["content"]).replace("（", "<br>（"),
           '<td rowspan=2>%s</td>' % t["basis"], '<td rowspan=2>公开时限</td>',
           '<td rowspan=2>公开主体</td>', '<td rowspan=2>%s</td>' % t["channels"],
           '<td colspan=2>公开对象</td>', '<td colspan=2>公开方式</td>']
    if levels:
        top.append('<td colspan=%d>公开层级</td>' % len(levels))
    top.append('<td rowspan=2>备注</td>')
    sub = ['<td>一级事项</td>', '<td>二级事项</td>', '<td>全社会</td>',
           '<td>%s</td>' % t["audience_specific"], '<td>主动</td>',
           '<td>%s</td>' % t["method_on_request"]] + \
        ['<td>%s</td>' % level_titles[k] for k in levels]
    out.append("  <tr>" + "".join(top) + "</tr>")
    out.append("  <tr>" + "".join(sub) + "</tr>")
    items = []
    i = 0
    while i < len(rows):
        # 一级事项 as one cell over the rows that share it.
        j = i + 1
        while j < len(rows) and rows[j]["level1"] == rows[i]["level1"]:
            j += 1
        for k in range(i, j):
            r = rows[k]
            tds = [cell(str(k + 1), n)]
            if k == i:
                tds.append(cell(r["level1"], n,
                                " rowspan=%d" % (j - i) if j - i > 1 else ""))
            tds += [cell(r["level2"], n), cell(r["content"], n, split=True),
                    cell(r["basis"], n), cell(r["time_limit"], n),
                    cell(r["subject"], n),
                    "<td>%s</td>" % channel_cell(variants.channels(r["channels"]),
                                                 n)]
            tds += ["<td>%s</td>" % (["√", "✓", "✔"][k % 3] if r[f] == "1"
                                     else "×" if r[f] == "0" and not any(
                                         r[g] == "1" for g in grp(f, flags))
                                     else "&nbsp;") for f in flags]
            tds.append("<td></td>")
            out.append("  <tr>\n      " + "\n      ".join(tds) + "\n  </tr>")
            it = dict(r)
            it.update(variants.published_flags(r, set(flags)))
            for f in flags:     # an explicit × is "no"
                if r[f] == "0" and not any(r[g] == "1" for g in grp(f, flags)):
                    it[f] = "0"
            it["source_url"] = ""
            items.append(it)
        i = j
    out.append("</table>")
    return "\n".join(out), variants.carried(items)


def grp(f, flags):
    for g in variants.GROUPS:
        if f in g:
            return [k for k in g if k in flags]
    return []


def page(jur, tables, n, fname_jur):
    """One government's page: its bytes and the items it must give."""
    title = "%s基层政务公开标准目录" % (jur if not fname_jur else "")
    body, items = [], []
    body.append('<div class="nav"><a href="/">首页</a> &gt; 政务公开 &gt; '
                '基层政务公开标准目录</div>')
    toc = ["<table class=toc><tr><td>序号</td><td>领域</td></tr>"]
    for t_index, (dom, rows) in enumerate(tables):
        toc.append("<tr><td>%d</td><td><a href='#t%d'>%s</a></td></tr>" %
                   (t_index + 1, t_index, esc(dom)))
    toc.append("</table>")
    body.append("\n".join(toc))
    for t_index, (dom, rows) in enumerate(tables):
        heading = ["caption", "h3", "strong", "p"][(n + t_index) % 4]
        text = "（%s）%s领域基层政务公开标准目录" % (numbering(t_index), dom)
        if heading == "h3":
            body.append("<h3>%s</h3>" % esc(text))
        elif heading == "strong":
            body.append('<p align=center><strong><span>%s</span></strong></p>'
                        % esc(text))
        elif heading == "p":
            body.append("<p>%s</p>" % esc(text))
        tab, its = table_html(dom, rows, n, t_index, heading)
        body.append(tab)
        body.append("<p>注：以上事项按规定时限公开，如有疑问请咨询公开主体。</p>")
        for it in its:
            it["jurisdiction"] = jur
        items += its
    body.append('<div class="footer">主办单位：人民政府办公室　'
                '<table><tr><td>联系电话</td><td>0000-0000000</td></tr></table></div>')
    content = "\n".join(body)
    if n % 3 == 0:
        # The page's layout: the catalogue tables inside a layout table.
        content = ('<table width="100%%" class=layout><tr><td width=200>'
                   '<ul><li>政务公开</li><li>政策文件</li></ul></td><td>\n%s\n'
                   '</td></tr></table>' % content)
    gbk = n % 2 == 0
    meta = ""
    if gbk and n % 4 == 0:
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    elif gbk:
        meta = '<meta charset="gbk">'
    doc = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n'
           '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n%s\n'
           '<title>%s</title>\n<style>td { border: 1px solid }</style>\n'
           '<script>var x = "<table>";</script>\n</head>\n<body>\n%s\n'
           '</body>\n</html>\n' % (meta, esc(title), content))
    return doc.encode("gb18030" if gbk else "utf-8"), items


def make(reference, outdir):
    ref = variants.read_reference(reference)
    pages = {}
    for (jur, dom), rows in variants.tables(ref):
        pages.setdefault(jur, []).append((dom, rows))
    d = os.path.join(outdir, "pages")
    os.makedirs(d)
    items = []
    for n, jur in enumerate(sorted(pages)):
        # One page names its government only in its file name.
        fname_jur = n == 1 and jur != ""
        data, its = page(jur, pages[jur], n, fname_jur)
        name = ("%s目录.html" % jur) if fname_jur else ("%03d.htm" % n)
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        items += its
    variants.write_expected(d, items)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(variants.check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
