#!/usr/bin/python3
"""Word and Excel files made from the rows of reference-catalogue.csv, as
counties publish them, and the items importing them must give. Run with
Debian's /usr/bin/python3 (python3-docx, python3-openpyxl, python3-xlwt).

  office.py make REFERENCE OUTDIR   OUTDIR/docx, OUTDIR/xlsx, OUTDIR/xls:
                                    one file per government, and
                                    OUTDIR/FORMAT.expected.csv
  office.py broken OUTDIR           broken files: a truncated ZIP, a zip
                                    bomb, an encrypted part, a workbook
                                    saved with a password, a sheet with no
                                    header, bad cells

The tables are those of variants.py (two header rows, ■/□ lists, √ ticks):
  - .docx: a Title paragraph names the government, a Heading 1 paragraph
    before each table the domain; the header's group titles span columns
    (gridSpan), the titles without a second row span both rows (vMerge),
    and a 一级事项 written once spans its rows (vMerge);
  - .xlsx: a sheet per domain named after it, the title row merged across,
    the header merged as in Word, 一级事项 merged down (mergeCells), 序号
    as numbers;
  - .xls: the same sheets; FreeXL does not read merged ranges, so the
    merged cells are empty below and beside their first, as in a CSV export.
"""
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import variants  # noqa: E402

STYLE = {"std": True, "domain_column": False, "url": False, "title": True,
         "box_sep": " "}


def governments(ref):
    """The tables of variants.tables() grouped by government."""
    out = {}
    for n, (key, rows) in enumerate(variants.tables(ref)):
        table, items, title = variants.published_table(key, rows, n, STYLE)
        out.setdefault(key[0], []).append((key[1], table, items))
    return out


def spans(top, sub):
    """Header merges: (row, col, row2, col2), 0-based, of the two rows."""
    out, c, w = [], 0, len(top)
    while c < w:
        e = c
        while e + 1 < w and top[e + 1] == "" and sub[e + 1] != "":
            e += 1
        if e > c:
            out.append((0, c, 0, e))
        elif sub[c] == "":
            out.append((0, c, 1, c))
        c = e + 1
    return out


def level1_runs(data):
    """Vertical merges of 一级事项 (column 1): (first, last) data rows."""
    out, i = [], 0
    while i < len(data):
        j = i
        while j + 1 < len(data) and data[j + 1][1] == "" and data[i][1]:
            j += 1
        if j > i:
            out.append((i, j))
        i = j + 1
    return out


def make_docx(path, gov, tables):
    import docx
    d = docx.Document()
    d.add_paragraph("%s基层政务公开标准目录" % gov, style="Title")
    d.add_paragraph("根据国务院办公厅要求，现将本级标准目录公布如下。")
    for n, (dom, table, items) in enumerate(tables):
        d.add_paragraph("（%d）%s领域基层政务公开标准目录" % (n + 1, dom),
                        style="Heading 1")
        rows = table[1:]        # the title row is the heading
        top, sub, data = rows[0], rows[1], rows[2:]
        t = d.add_table(rows=len(rows), cols=len(top))
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if v:
                    cell = t.cell(i, j)
                    parts = v.split("\n")
                    cell.text = parts[0]
                    for p in parts[1:]:
                        cell.add_paragraph(p)
        for (r1, c1, r2, c2) in spans(top, sub):
            t.cell(r1, c1).merge(t.cell(r2, c2))
        for (a, b) in level1_runs(data):
            t.cell(a + 2, 1).merge(t.cell(b + 2, 1))
    d.save(path)


def make_xlsx(path, gov, tables):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, (dom, table, items) in enumerate(tables):
        ws = wb.create_sheet(dom[:31] if dom not in wb.sheetnames
                             else "%s%d" % (dom[:28], n))
        for r in table:
            ws.append([int(v) if v.isdigit() else (v or None) for v in r])
        w = len(table[1])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=w)
        for (r1, c1, r2, c2) in spans(table[1], table[2]):
            ws.merge_cells(start_row=r1 + 2, start_column=c1 + 1,
                           end_row=r2 + 2, end_column=c2 + 1)
        for (a, b) in level1_runs(table[3:]):
            ws.merge_cells(start_row=a + 4, start_column=2,
                           end_row=b + 4, end_column=2)
    wb.save(path)


def make_xls(path, gov, tables):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    names = set()
    for n, (dom, table, items) in enumerate(tables):
        name = dom[:31] if dom not in names else "%s%d" % (dom[:28], n)
        names.add(name)
        ws = wb.add_sheet(name)
        for i, r in enumerate(table):
            for j, v in enumerate(r):
                if v:
                    ws.write(i, j, int(v) if v.isdigit() else v)
    wb.save(path)


def make(reference, outdir):
    ref = variants.read_reference(reference)
    govs = governments(ref)
    for fmt, fn in [("docx", make_docx), ("xlsx", make_xlsx),
                    ("xls", make_xls)]:
        d = os.path.join(outdir, fmt)
        os.makedirs(d)
        items = []
        for n, gov in enumerate(sorted(govs)):
            fn(os.path.join(d, "%03d.%s" % (n, fmt)), gov, govs[gov])
            for dom, table, it in govs[gov]:
                items += it
        variants.write_expected(d, items)


def broken(outdir):
    os.makedirs(outdir, exist_ok=True)
    import openpyxl
    good = os.path.join(outdir, "good.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "社会救助"
    ws.append(["领域", "二级事项", "公开内容"])
    ws.append(["社会救助", "低保", "条件"])
    wb.save(good)
    data = open(good, "rb").read()
    # Cut in the middle: the central directory at the end is gone.
    with open(os.path.join(outdir, "truncated.xlsx"), "wb") as f:
        f.write(data[:len(data) // 2])
    # A sheet of 300 MB of spaces: a few hundred kilobytes compressed.
    with zipfile.ZipFile(good) as z, \
            zipfile.ZipFile(os.path.join(outdir, "bomb.xlsx"), "w",
                            zipfile.ZIP_DEFLATED) as out:
        for i in z.infolist():
            if i.filename == "xl/worksheets/sheet1.xml":
                with out.open(i.filename, "w") as w:
                    w.write(b'<worksheet xmlns="http://schemas.'
                            b'openxmlformats.org/spreadsheetml/2006/main">')
                    chunk = b" " * (1 << 20)
                    for _ in range(300):
                        w.write(chunk)
                    w.write(b"<sheetData/></worksheet>")
            else:
                out.writestr(i, z.read(i.filename))
    # The encrypted flag (bit 0) set on the sheet's entry, both headers.
    enc = bytearray(data)
    name = b"xl/worksheets/sheet1.xml"
    for sig, off in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)]:
        p = 0
        while True:
            p = enc.find(sig, p)
            if p < 0:
                break
            hdr = 30 if sig == b"PK\x03\x04" else 46
            if enc[p + hdr:p + hdr + len(name)] == name:
                enc[p + off] |= 1
            p += 4
    with open(os.path.join(outdir, "encrypted.xlsx"), "wb") as f:
        f.write(enc)
    # A workbook saved with a password: an OLE2 file holding the package
    # as an EncryptedPackage stream (its directory entry, roughly).
    with open(os.path.join(outdir, "password.xlsx"), "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 +
                "EncryptedPackage".encode("utf-16-le") + b"\0\0" +
                b"\0" * 1024)
    # A sheet with no header: data rows only.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["低保", "条件", "县民政局"])
    ws.append(["特困", "条件", "县民政局"])
    wb.save(os.path.join(outdir, "noheader.xlsx"))
    # A row whose 主动 is no mark (F5), in a sheet and in a Word table (3:6).
    head = ["序号", "一级事项", "二级事项", "公开内容", "公开主体", "主动"]
    rows = [["1", "最低生活保障", "低保对象认定", "条件", "县民政局", "√"],
            ["2", "最低生活保障", "特困人员认定", "条件", "县民政局", "也许"]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "社会救助"
    ws.append(["三门县社会救助领域基层政务公开标准目录"])
    ws.append([])
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(os.path.join(outdir, "badcell.xlsx"))
    import docx
    d = docx.Document()
    d.add_paragraph("三门县社会救助领域基层政务公开标准目录", style="Heading 1")
    t = d.add_table(rows=3, cols=len(head))
    for i, r in enumerate([head] + rows):
        for j, v in enumerate(r):
            t.cell(i, j).text = v
    d.save(os.path.join(outdir, "badcell.docx"))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "broken":
        broken(sys.argv[2])
    else:
        sys.exit(__doc__)
