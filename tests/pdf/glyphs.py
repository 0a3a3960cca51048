#!/usr/bin/env python3
# glyphs.py QDF.pdf CHAR...: each CHAR (a character) is drawn with a real glyph in every font of a
# PDF uncompressed by `qpdf --qdf --object-streams=disable`: its CID (from the font's ToUnicode
# CMap) maps through the CIDToGIDMap to a glyph other than 0, the .notdef, and no two of the
# characters share one. Prints one line per failure; exit 1 if any, 2 when a character is in no
# font.
import re
import sys

data = open(sys.argv[1], 'rb').read()
want = [ord(c) for c in sys.argv[2:]]
objs = {int(m.group(1)): m.group(2) for m in
        re.finditer(rb'\n(\d+) 0 obj\n(.*?)\nendobj', data, re.S)}


def stream(n):
    m = re.search(rb'stream\n(.*)\nendstream', objs[n], re.S)
    return m.group(1)


def tounicode(text):
    cmap = {}
    for block in re.findall(rb'beginbfchar\n(.*?)endbfchar', text, re.S):
        for cid, u in re.findall(rb'<([0-9A-F]+)> <([0-9A-F]+)>', block):
            cmap[int(cid, 16)] = int(u, 16)
    for block in re.findall(rb'beginbfrange\n(.*?)endbfrange', text, re.S):
        for a, b, u in re.findall(rb'<([0-9A-F]+)> <([0-9A-F]+)> <([0-9A-F]+)>', block):
            for k in range(int(a, 16), int(b, 16) + 1):
                cmap[k] = int(u, 16) + k - int(a, 16)
    return cmap


failed = 0
found = set()
for n, body in objs.items():
    if b'/Subtype /Type0' not in body:
        continue
    tu = int(re.search(rb'/ToUnicode (\d+) 0 R', body).group(1))
    desc = int(re.search(rb'/DescendantFonts \[\s*(\d+) 0 R', body).group(1))
    c2g = stream(int(re.search(rb'/CIDToGIDMap (\d+) 0 R', objs[desc]).group(1)))
    by_char = {u: cid for cid, u in tounicode(stream(tu)).items()}
    gids = {}
    for u in want:
        if u not in by_char:
            continue
        found.add(u)
        cid = by_char[u]
        gid = int.from_bytes(c2g[2 * cid:2 * cid + 2], 'big') if 2 * cid + 2 <= len(c2g) else 0
        if gid == 0:
            print(f'object {n}: U+{u:04X} (CID {cid}) is drawn as .notdef')
            failed += 1
        elif gid in gids.values():
            print(f'object {n}: U+{u:04X} (CID {cid}) shares glyph {gid} with another character')
            failed += 1
        gids[u] = gid
for u in want:
    if u not in found:
        print(f'U+{u:04X} is in no font of the PDF')
        sys.exit(2)
sys.exit(1 if failed else 0)
