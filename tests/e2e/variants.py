#!/usr/bin/env python3
"""Catalogue files in every encoding and layout staff receive, made from the
rows of reference-catalogue.csv, and the items importing each must give.

  variants.py make REFERENCE OUTDIR   one directory per variant with the
                                      files to import, and NAME.expected.csv
  variants.py check EXPECTED DB       compare a catalogue with expected.csv

Deliberately independent of the C code: the layouts are written the way the
published tables and the exports of Excel and WPS write them, and the
expected items follow the documented rules (README, "Staff"):
  - in a published table an empty yes/no cell beside a ticked one in the
    same group (公开对象, 公开方式, 公开层级) is "no", and a group with no tick
    is "not stated";
  - a table without a column leaves that element not stated (or empty);
  - the domain and government may be named only by the title row or the
    file name.
"""
import csv
import io
import json
import os
import sqlite3
import sys

FLAGS = ["audience_all", "audience_specific", "method_active",
         "method_on_request", "level_county", "level_township",
         "level_village"]
GROUPS = [FLAGS[0:2], FLAGS[2:4], FLAGS[4:7]]
COLUMNS = ["domain", "level1", "level2", "content", "basis", "time_limit",
           "subject", "channels"] + FLAGS + ["jurisdiction", "source_url",
                                             "code"]
STANDARD_CHANNELS = ["政府网站", "政府公报", "两微一端", "发布会/听证会",
                     "广播电视", "纸质媒体", "公开查阅点", "政务服务中心",
                     "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）",
                     "精准推送", "12345政务服务热线", "其他"]


def read_reference(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r.setdefault("code", "")
    return rows


def channels(s):
    """The channel list of a cell, as the documented separators split it."""
    for sep in ["；", ";", "、", "\n"]:
        s = s.replace(sep, "\0")
    return [p.strip() for p in s.split("\0") if p.strip()]


def published_flags(row, present):
    """What a published table's ticks mean, for the flag columns present."""
    out = {}
    for group in GROUPS:
        ticked = any(row[k] == "1" for k in group if k in present)
        for k in group:
            if k not in present:
                out[k] = ""
            elif row[k] == "1":
                out[k] = "1"
            else:
                out[k] = "0" if ticked else ""
    return out


def carried(rows):
    """A 一级事项 left empty below a row of the same table (domain and source
    address) is a merged cell: it has the value above."""
    out, prev = [], None
    for r in rows:
        it = dict(r)
        if not it["level1"] and prev is not None and \
                prev["domain"] == it["domain"] and \
                prev["source_url"] == it["source_url"]:
            it["level1"] = prev["level1"]
        out.append(it)
        prev = it
    return out


def write_csv(path, rows, encoding="utf-8", delimiter=",", newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for r in rows:
        w.writerow(r)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def write_expected(outdir, items):
    """Beside the variant's directory, which holds only files to import."""
    write_csv(outdir + ".expected.csv",
              [COLUMNS] + [[it.get(c, "") for c in COLUMNS] for it in items])


def canonical(ref, outdir, name, encoding, delimiter, newline):
    d = os.path.join(outdir, name)
    os.makedirs(d)
    header = COLUMNS[:-1]
    rows = [header] + [[r[c] for c in header] for r in ref]
    suffix = ".txt" if delimiter == "\t" else ".csv"
    write_csv(os.path.join(d, "catalogue" + suffix), rows, encoding,
              delimiter, newline)
    write_expected(d, carried(ref))


def tables(ref):
    """The reference rows as published tables: one per government and domain,
    rows with an empty 一级事项 first (a merged cell cannot be empty below a
    filled one)."""
    groups = {}
    for r in ref:
        groups.setdefault((r["jurisdiction"], r["domain"]), []).append(r)
    for key in sorted(groups):
        rows = groups[key]
        yield key, [r for r in rows if not r["level1"]] + \
            [r for r in rows if r["level1"]]


# Column titles: the standard ones, and the variants real tables use.
TITLES = {
    "std": {"content": "公开内容（要素）", "channels": "公开渠道和载体",
            "audience_specific": "特定群体", "method_on_request": "依申请",
            "level_township": "乡级", "basis": "公开依据"},
    "var": {"content": "公开内容", "channels": "公开渠道及载体",
            "audience_specific": "特定群众", "method_on_request": "依申请公开",
            "level_township": "镇级", "basis": "公开依据"},
}
TOWNSHIP = ["镇级", "街道级", "乡、村级", "乡（镇、街道）级"]


def box_list(names, sep):
    ticked = ["■" + n for n in names]
    rest = ["□" + n for n in STANDARD_CHANNELS if n not in names]
    return sep.join(ticked + rest)


def published_table(key, rows, n, style):
    """The header rows and data rows of one table, and the items expected."""
    jur, dom = key
    t = dict(TITLES["std" if style["std"] else "var"])
    if not style["std"]:
        t["level_township"] = TOWNSHIP[n % len(TOWNSHIP)]
    village = any(r["level_village"] for r in rows)
    if t["level_township"] == "乡、村级":
        village = False
        if any(r["level_village"] for r in rows):
            t["level_township"] = "街道级"
    flags = FLAGS if village else FLAGS[:6]
    top = ["序号"] + (["领域"] if style["domain_column"] else []) + \
        ["公开事项", "", t["content"], t["basis"], "公开时限", "公开主体",
         t["channels"], "公开对象", "", "公开方式", "", "公开层级", ""] + \
        ([""] if village else []) + \
        (["来源网址"] if style["url"] else []) + ["备注"]
    sub = [""] + ([""] if style["domain_column"] else []) + \
        ["一级事项", "二级事项", "", "", "", "", "", "全社会",
         t["audience_specific"], "主动", t["method_on_request"], "县级",
         t["level_township"]] + (["村级"] if village else []) + \
        ([""] if style["url"] else []) + [""]
    data, items, prev = [], [], None
    for i, r in enumerate(rows):
        # A merged cell; with an address column, only within one address.
        same = prev is not None and prev["level1"] == r["level1"] and \
            (not style["url"] or prev["source_url"] == r["source_url"])
        level1 = "" if same else r["level1"]
        prev = r
        cells = [str(i + 1)]
        if style["domain_column"]:
            cells.append(dom if i == 0 else "")
        cells += [level1, r["level2"], r["content"], r["basis"],
                  r["time_limit"], r["subject"],
                  box_list(channels(r["channels"]), style["box_sep"])]
        cells += ["√" if r[k] == "1" else "" for k in flags]
        if style["url"]:
            cells.append(r["source_url"])
        cells.append("")
        data.append(cells)
        it = dict(r)
        it.update(published_flags(r, set(flags)))
        if not style["url"]:
            it["source_url"] = ""
        items.append(it)
    title = "%s%s领域基层政务公开标准目录" % (jur, dom)
    width = len(top)
    title_rows = [[title] + [""] * (width - 1)] if style["title"] else []
    return title_rows + [top, sub] + data, items, title


def published(ref, outdir, name, style):
    d = os.path.join(outdir, name)
    os.makedirs(d)
    items = []
    for n, (key, rows) in enumerate(tables(ref)):
        table, expect, title = published_table(key, rows, n, style)
        # Without a title row, the file name is the only title.
        fname = ("%03d" % n if style["title"] else title) + style["suffix"]
        write_csv(os.path.join(d, fname), table, style["encoding"],
                  style["delimiter"], style["newline"])
        items += expect
    write_expected(d, items)


def json_variants(ref, outdir):
    d = os.path.join(outdir, "json-canonical")
    os.makedirs(d)
    objs = []
    for r in ref:
        o = {c: r[c] for c in COLUMNS if c not in FLAGS}
        o["channels"] = channels(r["channels"])
        for k in FLAGS:
            o[k] = None if r[k] == "" else int(r[k])
        objs.append(o)
    with open(os.path.join(d, "catalogue.json"), "w", encoding="utf-8") as f:
        json.dump(objs, f, ensure_ascii=False, indent=1)
    write_expected(d, carried(ref))

    d = os.path.join(outdir, "json-chinese")
    os.makedirs(d)
    keys = {"domain": "领域", "level1": "一级事项", "level2": "二级事项",
            "content": "公开内容", "basis": "公开依据", "time_limit": "公开时限",
            "subject": "公开主体", "jurisdiction": "发布机关",
            "source_url": "来源网址"}
    objs, items = [], []
    for r in ref:
        o = {keys[c]: r[c] for c in keys}
        o["公开渠道和载体"] = "\n".join(channels(r["channels"]))
        o["公开对象"] = {"全社会": "√" if r["audience_all"] == "1" else "",
                     "特定群体": "√" if r["audience_specific"] == "1" else ""}
        o["主动"] = "√" if r["method_active"] == "1" else ""
        o["依申请"] = "√" if r["method_on_request"] == "1" else ""
        for k, t in [("level_county", "县级"), ("level_township", "乡级"),
                     ("level_village", "村级")]:
            o[t] = "√" if r[k] == "1" else ""
        objs.append(o)
        it = dict(r)
        it.update(published_flags(r, set(FLAGS)))
        items.append(it)
    with open(os.path.join(d, "catalogue.json"), "w", encoding="utf-8") as f:
        json.dump(objs, f, ensure_ascii=False)
    write_expected(d, carried(items))


def make(reference, outdir):
    ref = read_reference(reference)
    canonical(ref, outdir, "canonical-utf8", "utf-8", ",", "\n")
    canonical(ref, outdir, "canonical-utf8-bom-crlf", "utf-8-sig", ",", "\r\n")
    canonical(ref, outdir, "canonical-gb18030", "gb18030", ",", "\r\n")
    canonical(ref, outdir, "canonical-utf16le-tab", "utf-16", "\t", "\r\n")
    canonical(ref, outdir, "canonical-utf16be-tab", "utf-16-be", "\t", "\r\n")
    base = {"std": True, "domain_column": False, "url": False, "title": True,
            "box_sep": " ", "encoding": "gb18030", "delimiter": ",",
            "newline": "\r\n", "suffix": ".csv"}
    published(ref, outdir, "published-gb18030", base)
    published(ref, outdir, "published-variants-utf8bom", dict(
        base, std=False, domain_column=True, url=True, box_sep="\n",
        encoding="utf-8-sig"))
    published(ref, outdir, "published-utf16-filename", dict(
        base, title=False, encoding="utf-16", delimiter="\t",
        suffix=".txt"))
    json_variants(ref, outdir)


def key(item):
    return tuple([item[c] if c != "channels" else "；".join(channels(item[c]))
                  for c in COLUMNS])


def check(expected, db):
    with open(expected, encoding="utf-8", newline="") as f:
        want = sorted(key(r) for r in csv.DictReader(f))
    con = sqlite3.connect(db)
    cols = ", ".join("i." + c for c in COLUMNS[1:])
    got = []
    for row in con.execute("SELECT d.name, %s FROM item i JOIN domain d "
                           "ON d.id = i.domain_id" % cols):
        item = {}
        for c, v in zip(COLUMNS, row):
            item[c] = "" if v is None else str(v)
        got.append(key(item))
    got.sort()
    if got == want:
        return 0
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    print("# %d items, %d expected; %d missing, %d unexpected" %
          (len(got), len(want), len(missing), len(extra)))
    for w in missing[:3]:
        print("# missing:    %s" % "|".join(w))
    for g in extra[:3]:
        print("# unexpected: %s" % "|".join(g))
    return 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
