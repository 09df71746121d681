#!/usr/bin/env python3
"""Scale the reference catalogue to N items, the way a region-wide archive
holds the same domains for many county and township governments.

Usage: gencat.py N [REFERENCE_CSV] [SEED] > catalogue.csv

Each synthetic government (a county, city or district, or a township, town
or street office under one) publishes its own catalogue: most of the
reference rows, in the canonical layout, with
  - its own name as the jurisdiction, and in the responsible bodies
    (县民政局 -> 大竹县民政局, 乡人民政府 -> 石羊镇人民政府);
  - item names worded its own way now and then (its name in front, a
    suffix such as 信息 or 情况, or the wording of another government's
    row for the same item);
  - some local content (its name in the text, a year range) and some local
    regulations among the laws it cites;
  - one government in 25 has pages machine-converted to Traditional
    characters (OpenCC s2t), one in 20 writes full-width digits.
Names are new combinations of the characters of the reference's place
names, so the archive has thousands of distinct governments. The output is
deterministic for a given SEED, and has no duplicate rows.
"""
import csv
import random
import subprocess
import sys

FIELDS = ["domain", "level1", "level2", "content", "basis", "time_limit",
          "subject", "channels", "audience_all", "audience_specific",
          "method_active", "method_on_request", "level_county",
          "level_township", "level_village", "jurisdiction", "source_url"]
TEXT = ["level1", "level2", "content", "basis", "time_limit", "subject",
        "channels", "jurisdiction"]
COUNTY_SUFFIX = ["县", "县", "市", "区"]
TOWN_SUFFIX = ["镇", "镇", "乡", "街道"]
NAME_SUFFIX = ["信息", "情况", "公示", "办理", "事项", "目录"]
FULLWIDTH = str.maketrans("0123456789()", "０１２３４５６７８９（）")


def stems(rows):
    """Two-character stems of the reference's place names."""
    out = set()
    for r in rows:
        j = r["jurisdiction"]
        for suffix in ("街道", "新区", "县", "市", "区", "镇", "乡", "旗"):
            if j.endswith(suffix) and len(j) - len(suffix) >= 2:
                out.add(j[-len(suffix) - 2:-len(suffix)])
                break
    return sorted(out)


def place_names(rng, stems_, count, suffixes, taken):
    """count new names: a character of one stem and one of another; once
    those run out (about 20,000 of each kind, some 3,000,000 items), a
    character of a third stem between them."""
    first = sorted({s[0] for s in stems_})
    second = sorted({s[1] for s in stems_})
    names, misses = [], 0
    while len(names) < count:
        middle = rng.choice(first) if taken_long(taken) else ""
        n = rng.choice(first) + middle + rng.choice(second) + rng.choice(suffixes)
        if n not in taken:
            taken.add(n)
            names.append(n)
            misses = 0
            continue
        misses += 1
        if misses > 1000:
            taken.add(LONG)
    return names


LONG = "\0long"	# in taken: the two-character names have run out


def taken_long(taken):
    return LONG in taken


def local(rng, row, gov, county, same_item):
    """One reference row as the government gov (under county) publishes it."""
    r = dict(row)
    old = row["jurisdiction"]
    for k in ("subject", "content", "level2"):
        if old:
            r[k] = r[k].replace(old, gov)
    if r["subject"].startswith(("县", "区", "市")) and rng.random() < 0.6:
        r["subject"] = county + r["subject"][1:]
    elif r["subject"].startswith(("乡", "镇")) and rng.random() < 0.6:
        r["subject"] = gov + r["subject"][1:]
    x = rng.random()
    if x < 0.08:
        r["level2"] = gov + r["level2"]
    elif x < 0.16:
        r["level2"] = r["level2"] + rng.choice(NAME_SUFFIX)
    elif x < 0.22 and same_item:
        r["level2"] = rng.choice(same_item)
    x = rng.random()
    if x < 0.08:
        r["content"] = gov + r["content"]
    elif x < 0.12:
        y = rng.randrange(2016, 2024)
        r["content"] = r["content"] + "（%d—%d年）" % (y, y + 2)
    if rng.random() < 0.05 and r["basis"]:
        r["basis"] = r["basis"] + "《%s%s实施细则》" % (gov, r["level1"] or "")
    r["jurisdiction"] = gov
    return r


def governments(rng, rows):
    """(name, county, share of reference rows), as many as are wanted."""
    taken = {r["jurisdiction"] for r in rows}
    st = stems(rows)
    while True:
        county = place_names(rng, st, 1, COUNTY_SUFFIX, taken)[0]
        yield county, county, rng.uniform(0.6, 1.0)
        for town in place_names(rng, st, rng.randrange(2, 8), TOWN_SUFFIX,
                                taken):
            name = county + town if rng.random() < 0.3 else town
            yield name, county, rng.uniform(0.3, 0.7)


def to_traditional(texts):
    """OpenCC s2t, as machine-converted pages are (one call for all)."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", "\u2028") for t in texts) + "\n"
    out = subprocess.run(["opencc", "-c", "s2t"], input=joined.encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    lines = out.split("\n")[:len(texts)]
    return [line.replace("\u2028", "\n") for line in lines]


def main():
    n = int(sys.argv[1])
    ref = sys.argv[2] if len(sys.argv) > 2 else "data/demo/reference-catalogue.csv"
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    with open(ref, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_item = {}
    for r in rows:
        by_item.setdefault((r["domain"], r["level1"]), []).append(r["level2"])
    out, seen, trad = [], set(), []
    for gov, county, share in governments(rng, rows):
        style = rng.random()
        for row in rng.sample(rows, int(share * len(rows))):
            r = local(rng, row, gov, county, by_item[(row["domain"], row["level1"])])
            key = (r["domain"], r["jurisdiction"], r["level1"], r["level2"], r["content"])
            if key in seen:
                continue
            seen.add(key)
            if style < 0.05:
                for k in TEXT:
                    r[k] = r[k].translate(FULLWIDTH)
            elif style < 0.09:
                trad.append(len(out))
            out.append(r)
            if len(out) == n:
                break
        if len(out) == n:
            break
    texts = [out[i][k] for i in trad for k in TEXT]
    conv = iter(to_traditional(texts))
    for i in trad:
        for k in TEXT:
            out[i][k] = next(conv)
    w = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(out)


if __name__ == "__main__":
    main()
