#!/usr/bin/python3
"""pdfua.py: the machine-checkable conditions of PDF/UA-1 (the Matterhorn Protocol's) that concern
what presskit writes, read with pikepdf (qpdf). docs/accessibility.md lists them.

    pdfua.py FILE.pdf...      one line per failure, "FILE: [checkpoint] what"; exit 1 if any
    pdfua.py --selftest FILE  breaks a good FILE once per condition and checks each is caught

Exit codes: 0 all pass, 1 a condition fails, 2 the file cannot be read (or pikepdf is missing).
"""
import io
import re
import sys

from checker import caught, main  # tests/pdf/checker.py, beside this file

try:
    import pikepdf
except ImportError:  # Debian's python3-pikepdf (scripts/setup.sh test installs it)
    print("pdfua.py: no pikepdf (apt-get install python3-pikepdf)", file=sys.stderr)
    sys.exit(2)

PARENTS = {"/TR": ("/Table", "/THead", "/TBody", "/TFoot"), "/TH": ("/TR",), "/TD": ("/TR",),
           "/LI": ("/L",), "/Lbl": ("/LI",), "/LBody": ("/LI",)}
HEADINGS = {"/H1": 1, "/H2": 2, "/H3": 3, "/H4": 4, "/H5": 5, "/H6": 6}
PAINT_TEXT = {"Tj", "TJ", "'", '"'}
PAINT_OTHER = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}


def objkey(o):
    return o.objgen if o.is_indirect else None


def walk_struct(pdf, fail):
    """The structure tree: (elements in tree order, {(page objgen, mcid): owners},
    {annotation objgen: owners})."""
    cat = pdf.Root
    if "/StructTreeRoot" not in cat:
        fail("01-001", "no StructTreeRoot in the catalog")
        return [], {}, {}
    root = cat.StructTreeRoot
    elems, mcids, objrs = [], {}, {}
    seen = set()

    def visit(node, page):
        if isinstance(node, pikepdf.Array):
            for k in node:
                visit(k, page)
            return
        if isinstance(node, int):
            if page is None:
                fail("01-004", "an MCID %d with no page (/Pg)" % node)
                return
            mcids.setdefault((page, int(node)), []).append(current[-1])
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        t = node.get("/Type")
        if t == "/MCR":
            pg = node.get("/Pg")
            pg = objkey(pg) if pg is not None else page
            mcids.setdefault((pg, int(node.MCID)), []).append(current[-1])
            return
        if t == "/OBJR":
            objrs.setdefault(objkey(node.Obj), []).append(current[-1])
            return
        key = objkey(node)
        if key in seen:
            fail("01-004", "a structure element reached twice")
            return
        seen.add(key)
        elems.append(node)
        current.append(node)
        pg = node.get("/Pg")
        visit(node.get("/K", pikepdf.Array()), objkey(pg) if pg is not None else None)
        current.pop()

    current = [None]
    visit(root.get("/K", pikepdf.Array()), None)
    return elems, mcids, objrs


def content_ops(page):
    """The page's content stream(s) as (operands, operator) pairs."""
    return pikepdf.parse_content_stream(page)


def check_page_content(pdf, page, pno, fail):
    """MCIDs used on the page, each once; no painting outside marked content; text only in
    an MCID sequence or an artifact. Returns the set of MCIDs."""
    stack = []  # per open sequence: "artifact", an MCID, or None (a span inside)
    used = set()
    for operands, op in content_ops(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                if mcid in used:
                    fail("01-004", "page %d: MCID %d used twice" % (pno, mcid))
                used.add(mcid)
            if tag == "/Artifact":
                stack.append("artifact")
            else:
                stack.append(mcid)
        elif op == "EMC":
            if not stack:
                fail("01-001", "page %d: EMC with no open sequence" % pno)
            else:
                stack.pop()
        elif op in PAINT_TEXT or op in PAINT_OTHER:
            tagged = any(s == "artifact" or isinstance(s, int) for s in stack)
            if not tagged:
                what = "text" if op in PAINT_TEXT else "content (%s)" % op
                fail("01-001" if op in PAINT_TEXT else "01-002",
                     "page %d: %s outside both structure and artifacts" % (pno, what))
    if stack:
        fail("01-001", "page %d: %d marked-content sequences left open" % (pno, len(stack)))
    return used


def xmp_text(pdf):
    md = pdf.Root.get("/Metadata")
    return md.read_bytes().decode("utf-8", "replace") if md is not None else ""


def check(path):
    fails = []

    def fail(cp, msg):
        fails.append("%s: [%s] %s" % (path, cp, msg))

    try:
        pdf = pikepdf.open(path)
    except Exception as e:  # a file qpdf cannot read
        print("%s: cannot read: %s" % (path, e), file=sys.stderr)
        sys.exit(2)
    cat = pdf.Root
    mi = cat.get("/MarkInfo")
    if mi is None or not bool(mi.get("/Marked", False)):
        fail("01-002", "the catalog's /MarkInfo has no /Marked true (not a tagged PDF)")
    lang = cat.get("/Lang")
    if lang is None or not str(lang).strip():
        fail("11-006", "no /Lang on the catalog")
    vp = cat.get("/ViewerPreferences")
    if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
        fail("07-002", "no /DisplayDocTitle true in /ViewerPreferences")
    xmp = xmp_text(pdf)
    if not re.search(r"<dc:title>.*\S.*</dc:title>", xmp, re.S):
        fail("06-003", "no dc:title in the XMP metadata")
    if not re.search(r"pdfuaid:part(>|=\")\s*1", xmp):
        fail("06-002", "no pdfuaid:part 1 in the XMP metadata")
    info_title = pdf.trailer.get("/Info", {}).get("/Title") if "/Info" in pdf.trailer else None
    if info_title is None or not str(info_title).strip():
        fail("06-003", "no /Title in the information dictionary")

    elems, mcids, objrs = walk_struct(pdf, fail)
    # every MCID painted is owned by exactly one element, and every owned one is painted
    pages = {p.obj.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    for i, page in enumerate(pdf.pages):
        used = check_page_content(pdf, page, i + 1, fail)
        key = page.obj.objgen
        for m in sorted(used):
            owners = mcids.get((key, m), [])
            if len(owners) != 1:
                fail("01-004", "page %d: MCID %d is owned by %d structure elements" % (i + 1, m, len(owners)))
        for (pg, m), _ in mcids.items():
            if pg == key and m not in used:
                fail("01-004", "page %d: MCID %d in the structure tree is not on the page" % (i + 1, m))
        # annotations: each in the structure (OBJR), a Link with /Contents
        annots = page.obj.get("/Annots", pikepdf.Array())
        for a in annots:
            if a.get("/Subtype") in ("/Popup",):
                continue
            if len(objrs.get(a.objgen, [])) != 1:
                fail("28-002", "page %d: an annotation not in the structure tree once" % (i + 1))
            else:
                owner = objrs[a.objgen][0]
                if a.get("/Subtype") == "/Link" and str(owner.get("/S")) != "/Link":
                    fail("28-011", "page %d: a link annotation not under a Link element" % (i + 1))
            if a.get("/Subtype") == "/Link" and not str(a.get("/Contents", "")).strip():
                fail("28-004", "page %d: a link annotation with no /Contents" % (i + 1))
            if "/StructParent" not in a:
                fail("28-002", "page %d: an annotation with no /StructParent" % (i + 1))
        if len(annots) and page.obj.get("/Tabs") != "/S":
            fail("28-005", "page %d: annotations but no /Tabs /S" % (i + 1))
        if "/StructParents" not in page.obj:
            fail("01-004", "page %d: no /StructParents" % (i + 1))
    for (pg, m) in mcids:
        if pg not in pages:
            fail("01-004", "MCID %d owned on a page that is not in the document" % m)
    # the ParentTree maps each page's MCIDs back to their owners
    root = cat.get("/StructTreeRoot")
    if root is not None:
        nums = {}
        pt = root.get("/ParentTree")
        stack = [pt] if pt is not None else []
        while stack:
            node = stack.pop()
            if "/Nums" in node:
                n = node.Nums
                for j in range(0, len(n) - 1, 2):
                    nums[int(n[j])] = n[j + 1]
            for kid in node.get("/Kids", []):
                stack.append(kid)
        for i, page in enumerate(pdf.pages):
            sp = page.obj.get("/StructParents")
            if sp is None:
                continue
            arr = nums.get(int(sp))
            if arr is None:
                fail("01-004", "page %d: its /StructParents is not in the ParentTree" % (i + 1))
                continue
            for (pg, m), owners in mcids.items():
                if pg == page.obj.objgen and len(owners) == 1:
                    if m >= len(arr) or arr[m].objgen != owners[0].objgen:
                        fail("01-004", "page %d: the ParentTree names another owner for MCID %d" % (i + 1, m))
    # roles: every Figure has /Alt, every TH a /Scope, headings never skip a level
    last = 0
    for e in elems:
        s = str(e.get("/S"))
        if s == "/Figure" and not str(e.get("/Alt", "")).strip():
            fail("13-004", "a Figure with no /Alt")
        if s == "/Figure" and not any("/BBox" in a for a in attrs(e)):
            fail("13-004", "a Figure with no /BBox")  # not Matterhorn's: reflow needs it
        if s == "/TH" and not any("/Scope" in a for a in attrs(e)):
            fail("15-003", "a TH with no /Scope")
        if s in HEADINGS:
            lv = HEADINGS[s]
            if lv > last + 1:
                fail("14-003", "an %s after an H%d: heading levels skip" % (s[1:], last))
            last = lv
        # tables and lists nest as the standard structure types say
        par = e.get("/P")
        ps = str(par.get("/S")) if par is not None and "/S" in par else None
        want = PARENTS.get(s)
        if want and ps not in want:
            fail("09-004" if s in ("/TR", "/TH", "/TD") else "09-005",
                 "a %s under a %s (wants %s)" % (s[1:], ps[1:] if ps else "nothing", "/".join(w[1:] for w in want)))
    # a document with headings starts at H1 (a chart alone, one Figure, has none)
    heads = [str(e.get("/S")) for e in elems if re.fullmatch(r"/H[1-6]", str(e.get("/S")))]
    if heads and "/H1" not in heads:
        fail("14-002", "headings but no H1")
    return fails


def attrs(e):
    a = e.get("/A")
    if a is None:
        return []
    return list(a) if isinstance(a, pikepdf.Array) else [a]


def save(pdf):
    b = io.BytesIO()
    pdf.save(b)
    b.seek(0)
    return b


def selftest(path):
    """Each condition broken once in a copy of a good file; each must be caught."""
    import tempfile
    import os

    assert not check(path), "the good file must pass: %s" % check(path)

    def first(pdf, role):
        for e in walk_struct(pdf, lambda *a: None)[0]:
            if str(e.get("/S")) == role:
                return e
        raise SystemExit("selftest: %s has no %s" % (path, role))

    def drop_alt(pdf):
        del first(pdf, "/Figure").Alt

    def drop_scope(pdf):
        th = first(pdf, "/TH")
        del th.A

    def skip_heading(pdf):
        first(pdf, "/H2").S = pikepdf.Name("/H3")  # H1 then H3

    def drop_lang(pdf):
        del pdf.Root.Lang

    def drop_marked(pdf):
        del pdf.Root.MarkInfo

    def drop_display_title(pdf):
        del pdf.Root.ViewerPreferences

    def drop_pdfuaid(pdf):
        x = xmp_text(pdf).replace("<pdfuaid:part>1</pdfuaid:part>", "")
        pdf.Root.Metadata = pdf.make_stream(x.encode())

    def rewrite_page0(pdf, fn):
        page = pdf.pages[0]
        ops = fn(list(pikepdf.parse_content_stream(page)))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))

    def drop_bdc(pdf):
        # the first MCID sequence's BDC and its EMC: its text is then outside marked content
        def fn(ops):
            out, depth, target = [], 0, None
            for operands, op in ops:
                o = str(op)
                if target is None and o == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1]:
                    target = depth
                    depth += 1
                    continue
                if o in ("BDC", "BMC"):
                    depth += 1
                elif o == "EMC":
                    depth -= 1
                    if target is not None and depth == target:
                        target = -1
                        continue
                out.append((operands, op))
            return out
        rewrite_page0(pdf, fn)

    def duplicate_mcid(pdf):
        # two sequences with MCID 0
        def fn(ops):
            out = []
            for operands, op in ops:
                if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    operands = [operands[0], pikepdf.Dictionary(MCID=0)]
                out.append((operands, op))
            return out
        rewrite_page0(pdf, fn)

    def disown_mcid(pdf):
        # an element's MCID moved off to a number no sequence has
        e = first(pdf, "/H1")
        e.K = 999

    def drop_objr(pdf):
        for e in walk_struct(pdf, lambda *a: None)[0]:
            if str(e.get("/S")) == "/Link":  # its text stays, its annotation goes
                k = e.K if isinstance(e.K, pikepdf.Array) else pikepdf.Array([e.K])
                e.K = pikepdf.Array([x for x in k if not (isinstance(x, pikepdf.Dictionary)
                                                         and x.get("/Type") == "/OBJR")])
                return
        raise SystemExit("selftest: no Link element")

    def break_table(pdf):
        first(pdf, "/TR").S = pikepdf.Name("/P")  # its cells now under a P

    def break_list(pdf):
        first(pdf, "/L").S = pikepdf.Name("/Div")  # its items now under a Div

    def drop_struct_tree(pdf):
        del pdf.Root.StructTreeRoot

    cases = [drop_alt, drop_scope, skip_heading, drop_lang, drop_marked, drop_display_title,
             drop_pdfuaid, drop_bdc, duplicate_mcid, disown_mcid, drop_objr, break_table, break_list, drop_struct_tree]
    bad = 0
    with tempfile.TemporaryDirectory() as d:
        for case in cases:
            pdf = pikepdf.open(path)
            case(pdf)
            out = os.path.join(d, case.__name__ + ".pdf")
            pdf.save(out)
            got = check(out)
            bad += caught(case.__name__, got)
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv, __doc__, check, selftest))
