#!/usr/bin/env python3
"""check.py PLAIN_OUT HOSTILE_OUT SOC: every output of the hostile kit (HOSTILE_OUT/SOC, made from
hostile.py's record) against the same kit of the plain sample (PLAIN_OUT/SOC): the same markup
with the hostile text in it as text. Prints one line per problem; exit 1 if there is any."""
import csv
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

problems = []


def bad(f, msg):
    problems.append(f'{f}: {msg}')


MARK = '<script>x</script>'  # must come through as text, in every format that shows text


class Html(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.urls, self.events = {}, [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k.startswith('on'):
                self.events.append(f'{tag} {k}')
            if k in ('href', 'src', 'action', 'formaction', 'xlink:href', 'srcset'):
                self.urls.append(v or '')

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text):
    p = Html()
    p.feed(text)
    p.close()
    return p


def url_ok(u):
    u = re.sub(r'[\s\x00-\x1f]', '', u).lower()
    m = re.match(r'^([a-z][a-z0-9+.-]*):', u)
    return not m or m.group(1) in ('http', 'https', 'mailto')


# HTML5 elements libxml2's HTML 4 parser does not know: only these "invalid tag" errors are let go
HTML5 = 'main|header|footer|nav|section|article|aside|figure|figcaption|svg|path|rect|g|text|title|desc|line|circle|polyline|polygon|tspan|defs|clippath|use|time|mark|details|summary|picture|source'


def check_html(f, plain, hostile, what='HTML'):
    a, b = parse_html(plain), parse_html(hostile)
    for tag, n in b.tags.items():
        if n > a.tags.get(tag, 0) and tag in ('script', 'img', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'input', 'a'):
            bad(f, f'{n} <{tag}> elements, the plain kit has {a.tags.get(tag, 0)}: markup from the data')
        if tag not in a.tags:
            bad(f, f'a <{tag}> element the plain kit does not have: markup from the data')
    if b.events:
        bad(f, f'event attributes: {b.events[:3]}')
    for u in b.urls:
        if not url_ok(u):
            bad(f, f'a link that is not http(s): {u[:80]!r}')
    if MARK not in ''.join(b.text):
        bad(f, f'the hostile text is not in its {what} text (dropped, or not decoded as text)')


def xmllint_html(f):
    r = subprocess.run(['xmllint', '--html', '--noout', f], capture_output=True, text=True, errors='replace')
    errs = [l for l in r.stderr.splitlines() if 'error' in l and not re.search(rf'Tag ({HTML5}) invalid', l, re.I)]
    if errs:
        bad(f, 'xmllint --html: ' + errs[0])


def check_svg(f, plain, hostile):
    r = subprocess.run(['xmllint', '--noout', f], capture_output=True, text=True, errors='replace')
    if r.returncode != 0:
        bad(f, 'xmllint: ' + (r.stderr.splitlines() or ['not XML'])[0])
        return
    names = lambda t: {e.tag for e in ET.fromstring(t).iter()}
    extra = names(hostile) - names(plain)
    if extra:
        bad(f, f'elements the plain chart does not have: {sorted(extra)[:4]}')
    root = ET.fromstring(hostile)
    for e in root.iter():
        for k in e.attrib:
            if k.startswith('on'):
                bad(f, f'an event attribute {k}')
    if MARK not in ''.join(root.itertext()):
        bad(f, 'the hostile text is not in the chart as text')


def check_md(f, plain, hostile):
    # cmark --unsafe passes raw HTML through: any HTML from the data would show
    md = lambda t: subprocess.run(['cmark', '--unsafe'], input=t, capture_output=True, text=True, errors='replace').stdout
    check_html(f, md(plain), md(hostile), 'rendered Markdown')
    for line in hostile.splitlines():
        if re.search(r'(?<!\\)<(script|img|javascript)', line, re.I) and '`' not in line:
            bad(f, f'raw HTML or an autolink from the data: {line[:80]!r}')
            break


BIBKEY = re.compile(r'^@[A-Za-z]+\{([^,\s]*),', re.M)


def check_bib(f, plain, hostile):
    keys = BIBKEY.findall(hostile)
    if len(keys) != len(BIBKEY.findall(plain)):
        bad(f, f'{len(keys)} entries, the plain kit has {len(BIBKEY.findall(plain))}')
    for k in keys:
        if not re.fullmatch(r'[A-Za-z0-9:_-]+', k):
            bad(f, f'a key with characters outside [A-Za-z0-9:_-]: {k[:60]!r}')
    r = subprocess.run(['bibtool', '-q', '-o', '/dev/null', f], capture_output=True, text=True, errors='replace')
    if r.returncode != 0 or 'ERROR' in r.stderr or 'WARNING' in r.stderr:
        bad(f, 'bibtool: ' + (r.stderr.strip().splitlines() or ['exit %d' % r.returncode])[0])
    # braces balance as BibTeX counts them (an escaped brace counts too): the data cannot close a
    # field early or leave it open
    depth = 0
    for ch in hostile:
        depth += ch == '{'
        depth -= ch == '}'
        if depth < 0:
            bad(f, 'a closing brace with no opening one')
            break
    if depth:
        bad(f, f'braces do not balance ({depth} left open)')
    # TeX commands only the escaper's own: a backslash from the data is \textbackslash{}
    if re.search(r'\\(input|bf)\b', hostile):
        bad(f, 'a TeX command from the data')


def check_ris(f, plain, hostile):
    tags = lambda t: [l[:2] for l in t.splitlines() if l]
    for l in hostile.splitlines():
        if l and not re.match(r'^[A-Z][A-Z0-9]  - ', l):
            bad(f, f'a line that is not a tag line: {l[:60]!r}')
    if tags(plain) != tags(hostile):
        bad(f, f'tags {tags(hostile)}, the plain kit has {tags(plain)}: a data line started a field')


def check_csv(f, plain, hostile):
    rows = lambda t: list(csv.reader(io.StringIO(t, newline='')))
    a, b = rows(plain), rows(hostile)
    if len(a) != len(b):
        bad(f, f'{len(b)} rows, the plain kit has {len(a)}: a cell broke its row')
    width = len(b[0]) if b else 0
    for i, r in enumerate(b):
        if len(r) != width:
            bad(f, f'row {i + 1} has {len(r)} cells, the header {width}')
            break
        for c in r:
            if c[:1] in ('=', '+', '@', '\t', '\r') or (c[:1] == '-' and not re.fullmatch(r'-[0-9.,]+%?', c)):
                bad(f, f'row {i + 1}: a cell a spreadsheet would run: {c[:40]!r}')
                break
    if MARK not in hostile:
        bad(f, 'the hostile text is not in it')


def read(p):
    with open(p, encoding='utf-8') as fh:
        return fh.read()


def main():
    plain_out, hostile_out, soc = sys.argv[1:4]
    P, H = os.path.join(plain_out, soc), os.path.join(hostile_out, soc)
    pairs = [(os.path.join(P, n), os.path.join(H, n), n) for n in
             ('brief.html', 'embed.html', 'brief.md', 'cite.bib', 'cite.ris', 'data.csv',
              'cite.json', 'manifest.json')]
    pairs += [(os.path.join(plain_out, n), os.path.join(hostile_out, n), n) for n in
              ('index.html', 'index.csv', 'index-by-pay.html')]
    for n in sorted(os.listdir(os.path.join(H, 'charts'))):
        if n.endswith('.svg'):
            pairs.append((os.path.join(P, 'charts', n), os.path.join(H, 'charts', n), 'charts/' + n))
    for pp, hp, n in pairs:
        if not os.path.exists(hp):
            bad(hp, 'missing')
            continue
        plain, hostile = read(pp), read(hp)
        if n.endswith('.html'):
            xmllint_html(hp)
            check_html(hp, plain, hostile)
        elif n.endswith('.svg'):
            check_svg(hp, plain, hostile)
        elif n == 'brief.md':
            check_md(hp, plain, hostile)
        elif n == 'cite.bib':
            check_bib(hp, plain, hostile)
        elif n == 'cite.ris':
            check_ris(hp, plain, hostile)
        elif n.endswith('.csv'):
            check_csv(hp, plain, hostile)
        elif n.endswith('.json'):
            try:
                json.loads(hostile)
            except ValueError as e:
                bad(hp, f'not JSON: {e}')
            if MARK not in hostile.replace('\\u003c', '<').replace('\\u003e', '>').replace('\\/', '/'):
                bad(hp, 'the hostile text is not in it')
    for p in problems:
        print('FAIL', p)
    print(f'{len(pairs)} files checked, {len(problems)} problems')
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
