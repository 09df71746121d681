#!/usr/bin/env python3
"""The code layout the README draws, checked (TAP on stdout).

layout.py SRCDIR BUILDDIR: reads the #include lines of the production
sources in SRCDIR and, with nm, the symbols of the objects built in
BUILDDIR, and checks that
  - no files include each other in a loop, and no objects call each other
    in a loop;
  - every #include goes to the same layer or one below it (the README's
    picture), and the rooms of data/ only use the rooms to their right;
  - only screens/ and kiosk/ include curses;
  - no folder holds more than 16 .c files;
  - every .c file directly in screens/ defines a screen.
"""
import collections
import os
import re
import subprocess
import sys

SRC, BUILD = sys.argv[1], sys.argv[2]
PRODUCTION = ("lib", "i18n", "data", "print", "screens", "kiosk")

# Bottom up; a file may include its own layer's headers and lower ones.
RANK = {
    "lib": 0, "i18n": 1,
    "data/stats": 2, "data/store": 2, "data/search": 3, "data/versions": 4,
    "data/import": 5,
    "print": 6, "kiosk/shared": 6, "screens/ui": 7, "screens": 8,
    "kiosk/admin": 9, "kiosk": 10,
}
# What both programs link: kiosk/ files chayue-admin may include.
SHARED = ("kiosk/config", "kiosk/staff_pin")
# chayue-admin stays out of the terminal.
ADMIN_NEVER = ("screens", "print")

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, what))
    if not cond:
        failed += 1
        for line in detail.splitlines():
            print("#   " + line)


def layer(path):
    """The layer of a source path (without extension)."""
    if path.startswith(SHARED):
        return "kiosk/shared"
    d = os.path.dirname(path)
    while d and d not in RANK:
        d = os.path.dirname(d)
    return d


def cycles(graph):
    """The strongly connected components of more than one node."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(100000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    return found


sources = []
for top in PRODUCTION:
    for root, _, files in os.walk(os.path.join(SRC, top)):
        for f in files:
            if f.endswith((".c", ".h")) and not f.startswith("gen-"):
                sources.append(os.path.relpath(os.path.join(root, f), SRC))
sources.sort()

includes = collections.defaultdict(set)
curses_users = []
for path in sources:
    with open(os.path.join(SRC, path), encoding="utf-8", errors="replace") as fp:
        text = fp.read()
    for target in re.findall(r'^#include "([^"]+)"', text, re.M):
        if os.path.exists(os.path.join(SRC, target)):
            includes[path].add(target)
    if re.search(r"^#include <n?curses(w/)?(n?curses)?\.h>", text, re.M) and \
            not path.startswith(("screens/", "kiosk/")):
        curses_users.append(path)

loops = cycles(includes)
ok(not loops, "no files include each other in a loop",
   "\n".join(" <-> ".join(c) for c in loops))

wrong = []
for path, targets in includes.items():
    src = layer(path[:-2])
    for target in targets:
        dst = layer(target[:-2])
        if src == dst:
            continue
        if RANK[dst] > RANK[src] or (src == "kiosk/admin" and dst.startswith(ADMIN_NEVER)):
            wrong.append("%s includes %s (%s above %s)" % (path, target, dst, src))
ok(not wrong, "every #include goes to its own layer or one below it",
   "\n".join(wrong))
ok(not curses_users, "only screens/ and kiosk/ include curses",
   "\n".join(curses_users))

# Calls: which object defines each symbol, which objects use it.
defined, used = {}, collections.defaultdict(set)
objects = []
for root, _, files in os.walk(BUILD):
    rel = os.path.relpath(root, BUILD)
    if rel.split(os.sep)[0] not in PRODUCTION:
        continue
    objects += [os.path.join(root, f) for f in files if f.endswith(".o")]
for obj in sorted(objects):
    name = re.sub(r"^(libchayue_a|chayue|chayue_admin)-", "", os.path.basename(obj))
    module = os.path.join(os.path.relpath(os.path.dirname(obj), BUILD), name[:-2])
    out = subprocess.run(["nm", obj], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TDBR":
            defined[f[2]] = module
        elif len(f) == 2 and f[0] == "U":
            used[module].add(f[1])
calls = collections.defaultdict(set)
for module, symbols in used.items():
    for s in symbols:
        if s in defined and defined[s] != module:
            calls[module].add(defined[s])
ok(len(objects) > 40, "the objects are there to read (%d)" % len(objects))
loops = cycles(calls)
ok(not loops, "no objects call each other in a loop",
   "\n".join(" <-> ".join(c) for c in loops))

crowded = []
for top in PRODUCTION:
    for root, _, files in os.walk(os.path.join(SRC, top)):
        count = sum(1 for f in files if f.endswith(".c"))
        if count > 16:
            crowded.append("%s: %d" % (os.path.relpath(root, SRC), count))
ok(not crowded, "no folder holds more than 16 .c files", "\n".join(crowded))

not_screens = []
for f in sorted(os.listdir(os.path.join(SRC, "screens"))):
    if not f.endswith(".c"):
        continue
    with open(os.path.join(SRC, "screens", f), encoding="utf-8") as fp:
        if not re.search(r"^const struct screen screen_\w+ = \{", fp.read(), re.M):
            not_screens.append("screens/" + f)
ok(not not_screens, "every .c file directly in screens/ defines a screen",
   "\n".join(not_screens))

print("1..%d" % n)
sys.exit(1 if failed else 0)
