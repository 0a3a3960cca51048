#!/usr/bin/env python3
"""hostile.py SAMPLE_DIR OUT_DIR PRESSKIT: a copy of the sample (record and sources registry) in
which every text field presskit accepts holds HOSTILE before its own text. A field the checker
refuses with the hostile text (a code, a unit, a source id, a date) keeps its own value: the
checker's messages name it by JSON path, and it is put back, until the record checks clean."""
import json
import os
import re
import subprocess
import sys

# a spreadsheet formula first (a CSV cell must not start one), markup of every output format, a
# CDATA end, a comment end, TeX, a BibTeX entry start, an RIS tag
# line after a newline, a Markdown link and autolink to javascript:, and another formula
HOSTILE = ('=1+1 <script>x</script> & "q" \'a\' ]]> --> */ {\\bf} @x{ \\input{/etc/passwd} '
           '[a](javascript:alert(1)) <javascript:alert(2)> <img src=x onerror=alert(3)> '
           '| `code` *em* _u_ # \n TY  - JOUR\nER  - \n@SUM(1.5) ')

# fields that are identifiers or references, never text: left as they are
KEEP_KEYS = {'soc', 'id', 'source', 'unit', 'presskit_record', 'presskit_sources', 'text_source',
             'crosswalk_source', 'code', 'accessed', 'compiled', 'status', 'scope'}


def walk(o, path, out):
    if isinstance(o, dict):
        for k, v in o.items():
            walk(v, f'{path}.{k}', out)
    elif isinstance(o, list):
        for i, v in enumerate(o):
            walk(v, f'{path}[{i}]', out)
    elif isinstance(o, str):
        out.append(path)


def get_parent(doc, path):
    toks = re.findall(r'\.([A-Za-z0-9_]+)|\[(\d+)\]', path)
    cur = doc
    for name, idx in toks[:-1]:
        cur = cur[name] if name else cur[int(idx)]
    name, idx = toks[-1]
    return cur, (name if name else int(idx))


def hostile_value(key, v):
    if key in ('url', 'url_template'):
        # only http(s) with RFC 3986 characters: the ones HTML, Markdown and BibTeX must escape
        return v + ("&x='1'(a)*" if key == 'url' else '')
    if key == 'key_template':
        return HOSTILE + v
    return HOSTILE + v


def main():
    sample, out, pk = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    docs = {}
    for name in os.listdir(sample):
        if name.endswith('.json'):
            with open(os.path.join(sample, name), encoding='utf-8') as f:
                docs[name] = json.load(f)
    orig = json.loads(json.dumps(docs))
    changed = {}
    for name, doc in docs.items():
        paths = []
        walk(doc, '$', paths)
        for p in paths:
            parent, k = get_parent(doc, p)
            key = k if isinstance(k, str) else ''
            if key in KEEP_KEYS:
                continue
            parent[k] = hostile_value(key, parent[k])
            changed.setdefault(name, set()).add(p)

    def save():
        for name, doc in docs.items():
            with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
                json.dump(doc, f, ensure_ascii=False, indent=1)

    for _ in range(20):
        save()
        r = subprocess.run([pk, 'check', '--data', out], capture_output=True, text=True)
        bad = re.findall(r'^(?:.*/)?([^/:\s]+\.json)(?::\d+:\d+)?: (\$[^:\s]*)', r.stderr, re.M)
        if r.returncode == 0:
            break
        if not bad:
            sys.exit('hostile.py: presskit check failed without a JSON path:\n' + r.stderr)
        for name, p in bad:
            p = p.rstrip(':')
            if name not in docs:
                sys.exit('hostile.py: a message about an unknown file: ' + name)
            try:
                parent, k = get_parent(docs[name], p)
                oparent, _ = get_parent(orig[name], p)
                parent[k] = oparent[k]
            except (KeyError, IndexError, TypeError):
                sys.exit(f'hostile.py: cannot put back {name} {p}:\n' + r.stderr)
            changed.get(name, set()).discard(p)
    else:
        sys.exit('hostile.py: the record does not check clean:\n' + r.stderr)
    n = sum(len(v) for v in changed.values())
    print(f'{n} text fields hold the hostile text')


if __name__ == '__main__':
    main()
