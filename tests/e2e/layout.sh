#!/bin/sh
# The code layout the README draws: layers, no include or call loops, the
# size of folders, screens/ holding screens (tests/e2e/layout.py).
exec python3 "${top_srcdir:-.}/tests/e2e/layout.py" "${top_srcdir:-.}" "${top_builddir:-.}"
