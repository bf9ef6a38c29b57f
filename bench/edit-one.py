#!/usr/bin/env python3
"""Edits one function body of a Python checkout: the first one-line `def` of the first file listed,
from the 200th on, that has one, gets the line `NAME = 1` at the top of its body. Prints the file.

    edit-one.py FILE_LIST NAME      (FILE_LIST: paths, one per line, e.g. `git ls-files '*.py'`)
"""
import re, sys

paths = [p for p in open(sys.argv[1]).read().split('\n') if p]
for path in paths[199:] + paths[:199]:
    text = open(path, errors='replace').read()
    match = re.search(r'^(\s*)def \w+\(.*\):\s*$', text, re.M)
    if not match:
        continue
    at = text.index('\n', match.end()) + 1
    open(path, 'w').write(text[:at] + match.group(1) + '    ' + sys.argv[2] + ' = 1\n' + text[at:])
    print(path)
    break
