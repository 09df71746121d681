#!/usr/bin/env python3
"""Paint a captured terminal screen as a camera would see it, for zbarimg.

Reads the text of a screen (tmux capture-pane -p) on stdin and writes a PGM
image on stdout. Every cell is 4 pixels wide and 8 high, about the shape of
a terminal cell. The block characters are painted in the light foreground
colour (█ whole, ▀ upper half, ▄ lower half); everything else, letters
included, is the dark background, as on a terminal.

--wide: ambiguous characters take two columns (ambiguous_width = 2), so
each block character paints its own column and the one after it.
"""
import sys
import unicodedata

CELL_W, CELL_H = 4, 8
BLOCKS = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1)}


def width(c):
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def main():
    wide = "--wide" in sys.argv[1:]
    lines = sys.stdin.read().split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    cols = max([sum(width(c) for c in l) for l in lines] or [1]) + 2
    rows = len(lines)
    img = bytearray(cols * CELL_W * rows * CELL_H)
    stride = cols * CELL_W
    for y, line in enumerate(lines):
        x = 0
        for c in line:
            halves = BLOCKS.get(c)
            if halves:
                span = 2 if wide else 1
                for half, lit in enumerate(halves):
                    if not lit:
                        continue
                    for py in range(CELL_H // 2):
                        row = (y * CELL_H + half * CELL_H // 2 + py) * stride
                        start = row + x * CELL_W
                        img[start:start + span * CELL_W] = b"\xff" * (span * CELL_W)
            x += width(c)
    out = sys.stdout.buffer
    out.write(b"P5\n%d %d\n255\n" % (stride, rows * CELL_H))
    out.write(bytes(img))


main()
