#!/usr/bin/python3
"""pdfa.py: the machine-checkable conditions of PDF/A-2 (ISO 19005-2) that concern what presskit
writes, read with pikepdf (qpdf) and the file's own bytes. docs/accessibility.md lists them; each
failure names its clause.

    pdfa.py FILE.pdf...      one line per failure, "FILE: [clause] what"; exit 1 if any
    pdfa.py --selftest FILE  breaks a good (tagged, level A) FILE once per condition and checks
                             each is caught

The level checked is the one the file claims (pdfaid:conformance A, U or B); a file that claims
no PDF/A part fails. Exit codes: 0 all pass, 1 a condition fails, 2 the file cannot be read (or
pikepdf is missing).
"""
import io
import re
import sys

from checker import caught, main  # tests/pdf/checker.py, beside this file
import xml.etree.ElementTree as ET

try:  # Debian's python3-fonttools: the embedded font programs' own widths (6.2.11.5)
    from fontTools.ttLib import TTFont
except ImportError:
    TTFont = None

try:
    import pikepdf
except ImportError:  # Debian's python3-pikepdf (scripts/setup.sh test installs it)
    print("pdfa.py: no pikepdf (apt-get install python3-pikepdf)", file=sys.stderr)
    sys.exit(2)

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
      "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# the schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.2: those of XMP 2005 and pdfaid); any
# other namespace a property uses needs an extension schema
PREDEFINED = {NS[k] for k in ("dc", "pdf", "xmp", "pdfaid")} | {
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xmp/Identifier/qual/1.0/", "http://ns.adobe.com/xap/1.0/bj/",
    "http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/tiff/1.0/", "http://www.aiim.org/pdfa/ns/extension/",
    "http://www.aiim.org/pdfa/ns/schema#", "http://www.aiim.org/pdfa/ns/property#",
    "http://www.aiim.org/pdfa/ns/type#", "http://www.aiim.org/pdfa/ns/field#"}
# the standard structure types of PDF 1.7 (14.8.4): level A wants every type one, or role-mapped
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
BAD_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
               "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
BAD_ANNOTS = {"/3D", "/Sound", "/Screen", "/Movie", "/FileAttachment"}
STD_BLEND = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
             "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
             "/Hue", "/Saturation", "/Color", "/Luminosity"}
MAX_INT, MAX_STRING, MAX_NAME, MAX_Q, MAX_OBJS = 2**31 - 1, 32767, 127, 28, 8388607


def xmp_props(xmp, fail):
    """The XMP packet parsed: {(namespace, name): element}, and the extension schemas'
    {namespace: {property names}}."""
    m = re.match(rb"<\?xpacket begin=(\"|')[^\"']*\1 id=(\"|')W5M0MpCehiHzreSzNTczkc9d\2(.*?)\?>", xmp)
    if not m:
        fail("6.6.2.1", "the XMP packet does not start with an xpacket header")
    elif re.search(rb"\b(bytes|encoding)=", m.group(3)):
        fail("6.6.2.1", "the xpacket header has a bytes or encoding attribute")
    try:
        root = ET.fromstring(xmp.decode("utf-8"))
    except (ET.ParseError, UnicodeDecodeError) as e:
        fail("6.6.2.1", "the XMP packet is not well-formed UTF-8 XML: %s" % e)
        return {}, {}
    props, ext = {}, {}
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for k, v in desc.attrib.items():  # a property written as an attribute
            if k.startswith("{") and not k.startswith("{%s}" % NS["rdf"]):
                ns, name = k[1:].split("}")
                el = ET.Element(k)
                el.text = v
                props[(ns, name)] = el
        for child in desc:
            ns, name = child.tag[1:].split("}")
            props[(ns, name)] = child
    for li in root.iter("{%s}li" % NS["rdf"]):
        uri = li.find("pdfaSchema:namespaceURI", NS)
        if uri is None:
            continue
        names = {n.text for n in li.iterfind(".//pdfaProperty:name", NS)}
        for p in li.iterfind(".//pdfaSchema:property//rdf:li", NS):
            for part in ("name", "valueType", "category", "description"):
                if p.find("pdfaProperty:" + part, NS) is None:
                    fail("6.6.2.3.3", "the extension schema of %s describes a property with no %s" % (uri.text, part))
        if li.find("pdfaSchema:prefix", NS) is None or li.find("pdfaSchema:schema", NS) is None:
            fail("6.6.2.3.3", "the extension schema of %s has no prefix or schema name" % uri.text)
        ext[uri.text] = names
    return props, ext


def text_of(el):
    """A simple property's value, or an Alt's x-default / a Seq's first item."""
    if el is None:
        return None
    li = el.findall(".//rdf:li", NS)
    if li:
        for x in li:
            if x.get(XML_LANG) == "x-default":
                return x.text or ""
        return li[0].text or ""
    return el.text or ""


def pdf_date_to_xmp(d):
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2}'?)?", d)
    if not m:
        return None
    y, mo, da, h, mi, s, z = m.groups()
    tz = "Z" if z in (None, "") or z.startswith("Z") else z[:3] + ":" + z[4:6]
    return "%s-%s-%sT%s:%s:%s%s" % (y, mo, da, h, mi, s, tz)


def content_ops(obj):
    try:
        return pikepdf.parse_content_stream(obj)
    except Exception:
        return []


def check(path):
    fails = []

    def fail(clause, msg):
        fails.append("%s: [%s] %s" % (path, clause, msg))

    raw = open(path, "rb").read()
    try:
        pdf = pikepdf.open(path)
    except Exception as e:  # a file qpdf cannot read
        print("%s: cannot read: %s" % (path, e), file=sys.stderr)
        sys.exit(2)
    # 6.1.2 the header, and a comment of four bytes above 127 after it
    m = re.match(rb"%PDF-1\.([0-7])(\r\n|\r|\n)%([^\r\n]*)", raw)
    if not m:
        fail("6.1.2", "the file does not start with %PDF-1.0 to %PDF-1.7 and an end of line")
    elif sum(1 for b in m.group(3)[:4] if b > 127) < 4:
        fail("6.1.2", "no comment of four bytes above 127 after the header")
    # 6.1.3 the trailer: an /ID, no /Encrypt; nothing after %%EOF but an end of line
    tid = pdf.trailer.get("/ID")
    if tid is None or len(tid) != 2 or not all(len(bytes(x)) for x in tid):
        fail("6.1.3", "no file identifier (/ID with two strings) in the trailer")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        fail("6.1.3", "the file is encrypted")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?$", raw):
        fail("6.1.3", "bytes after the last %%EOF")
    # 6.1.7, 6.1.13 streams and implementation limits, over every object
    if len(pdf.objects) > MAX_OBJS:
        fail("6.1.13", "%d indirect objects" % len(pdf.objects))
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            for k in ("/F", "/FFilter", "/FDecodeParms"):
                if k in obj.stream_dict:
                    fail("6.1.7.1", "a stream with %s (an external file)" % k)
            flt = obj.stream_dict.get("/Filter")
            flts = [flt] if isinstance(flt, pikepdf.Name) else list(flt or [])
            if any(str(f) in ("/LZWDecode", "/Crypt") for f in flts):
                fail("6.1.7.2", "a stream with the %s filter" % "/".join(str(f) for f in flts))
        limits(obj, fail)
    cat = pdf.Root
    # 6.6.2.1 the metadata stream, unfiltered, its XMP well-formed
    md = cat.get("/Metadata")
    if md is None or not isinstance(md, pikepdf.Stream):
        fail("6.6.2.1", "no /Metadata stream in the catalog")
        return fails
    if "/Filter" in md.stream_dict:
        fail("6.6.2.1", "the metadata stream is filtered (/Filter)")
    if md.stream_dict.get("/Type") != "/Metadata" or md.stream_dict.get("/Subtype") != "/XML":
        fail("6.6.2.1", "the metadata stream is not /Type /Metadata /Subtype /XML")
    props, ext = xmp_props(md.read_bytes(), fail)
    # 6.6.4 the PDF/A identification
    part = text_of(props.get((NS["pdfaid"], "part")))
    level = text_of(props.get((NS["pdfaid"], "conformance")))
    if part != "2":
        fail("6.6.4", "pdfaid:part is %r, not 2" % part)
    if level not in ("A", "B", "U"):
        fail("6.6.4", "pdfaid:conformance is %r, not A, B or U" % level)
    # 6.6.2.3.3 a property outside the predefined schemas is described by an extension schema
    for (ns, name) in props:
        if ns in PREDEFINED:
            continue
        if ns not in ext:
            fail("6.6.2.3.3", "the XMP property %s of %s has no extension schema" % (name, ns))
        elif name not in ext[ns]:
            fail("6.6.2.3.3", "the extension schema of %s does not describe %s" % (ns, name))
    # 6.6.3 the information dictionary and the XMP agree
    info = pdf.trailer.get("/Info") or {}
    pairs = {"/Title": (NS["dc"], "title"), "/Author": (NS["dc"], "creator"),
             "/Subject": (NS["dc"], "description"), "/Keywords": (NS["pdf"], "Keywords"),
             "/Creator": (NS["xmp"], "CreatorTool"), "/Producer": (NS["pdf"], "Producer"),
             "/CreationDate": (NS["xmp"], "CreateDate"), "/ModDate": (NS["xmp"], "ModifyDate")}
    for key, (ns, name) in pairs.items():
        if key not in info:
            continue
        want = str(info[key])
        if key.endswith("Date"):
            want = pdf_date_to_xmp(want)
        got = text_of(props.get((ns, name)))
        if got is None:
            fail("6.6.3", "the information dictionary's %s has no XMP %s" % (key, name))
        elif got != want:
            fail("6.6.3", "the information dictionary's %s is %r, the XMP's %s %r" % (key, want, name, got))
    # 6.2.2, 6.2.4.3 one output intent with an RGB ICC profile of version 2 to 4
    intents = [oi for oi in cat.get("/OutputIntents", []) if oi.get("/S") == "/GTS_PDFA1"]
    space = None
    if not intents:
        fail("6.2.2", "no /GTS_PDFA1 output intent")
    elif len({objgen_of(oi.get("/DestOutputProfile")) for oi in intents}) != 1:
        fail("6.2.2", "output intents with different profiles")
    else:
        prof = intents[0].get("/DestOutputProfile")
        if prof is None or not isinstance(prof, pikepdf.Stream):
            fail("6.2.2", "the output intent has no /DestOutputProfile")
        else:
            icc = prof.read_bytes()
            if len(icc) < 132 or icc[36:40] != b"acsp" or int.from_bytes(icc[:4], "big") != len(icc):
                fail("6.2.2", "the output intent's profile is not an ICC profile")
            elif icc[8] not in (2, 4):
                fail("6.2.2", "the output intent's ICC profile is version %d" % icc[8])
            else:
                space = icc[16:20]
                n = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(space)
                if prof.stream_dict.get("/N") != n:
                    fail("6.2.2", "the ICC stream's /N is %s, its profile has %s components" % (prof.stream_dict.get("/N"), n))
        if "/OutputConditionIdentifier" not in intents[0]:
            fail("6.2.2", "the output intent has no /OutputConditionIdentifier")
    # pages: colours, images, fonts, graphics states, annotations, actions
    cmyk = rgb = False
    fonts = {}
    for i, page in enumerate(pdf.pages):
        pno = i + 1
        for res in resources_of(page):
            for name, gs in items(res.get("/ExtGState")):
                for k in ("/TR", "/HTP", "/HTO"):
                    if k in gs:
                        fail("6.2.5", "page %d: the graphics state %s has %s" % (pno, name, k))
                if "/TR2" in gs and gs.TR2 != "/Default":
                    fail("6.2.5", "page %d: the graphics state %s has a /TR2 other than /Default" % (pno, name))
                bm = gs.get("/BM")
                for b in ([bm] if isinstance(bm, pikepdf.Name) else list(bm or [])):
                    if str(b) not in STD_BLEND:
                        fail("6.2.10", "page %d: blend mode %s" % (pno, b))
            for name, x in items(res.get("/XObject")):
                sub = x.stream_dict.get("/Subtype") if isinstance(x, pikepdf.Stream) else None
                if sub == "/Image":
                    d = x.stream_dict
                    if "/Alternates" in d or "/OPI" in d:
                        fail("6.2.8", "page %d: the image %s has /Alternates or /OPI" % (pno, name))
                    if bool(d.get("/Interpolate", False)):
                        fail("6.2.8", "page %d: the image %s has /Interpolate true" % (pno, name))
                    cs = d.get("/ColorSpace")
                    cmyk |= cs == "/DeviceCMYK"
                    rgb |= cs == "/DeviceRGB"
                elif sub == "/PS" or (isinstance(x, pikepdf.Stream) and "/Subtype2" in x.stream_dict):
                    fail("6.2.9", "page %d: a PostScript XObject" % pno)
                elif sub == "/Form" and "/Ref" in x.stream_dict:
                    fail("6.2.9", "page %d: a reference XObject" % pno)
            for name, f in items(res.get("/Font")):
                fonts[objgen_of(f)] = (f, pno)
        depth = 0
        used_cids = {}
        cur_font = None
        for operands, op in content_ops(page):
            o = str(op)
            if o == "q":
                depth += 1
                if depth > MAX_Q:
                    fail("6.1.13", "page %d: q nested deeper than %d" % (pno, MAX_Q))
                    depth = -1000
            elif o == "Q":
                depth -= 1
            elif o in ("k", "K"):
                cmyk = True
            elif o in ("rg", "RG"):
                rgb = True
            elif o == "Tf":
                cur_font = str(operands[0])
            elif o in ("Tj", "TJ", "'", '"') and cur_font:
                strs = [operands[-1]] if o != "TJ" else [s for s in operands[0] if isinstance(s, pikepdf.String)]
                used_cids.setdefault(cur_font, bytearray()).extend(b"".join(bytes(s) for s in strs))
        check_notdef(page, used_cids, pno, fail)
        for a in page.obj.get("/Annots", []):
            sub = a.get("/Subtype")
            if sub in BAD_ANNOTS:
                fail("6.3.1", "page %d: a %s annotation" % (pno, sub))
            if sub != "/Popup":
                flags = int(a.get("/F", 0))
                if "/F" not in a or not flags & 4 or flags & (1 | 2 | 32 | 256):
                    fail("6.3.2", "page %d: a %s annotation not printed or hidden (/F %s)" % (pno, sub, a.get("/F")))
            check_action(a.get("/A"), "page %d: an annotation" % pno, fail)
            if "/AA" in a:
                fail("6.5.2", "page %d: an annotation with /AA" % pno)
        if "/AA" in page.obj:
            fail("6.5.2", "page %d: /AA on the page" % pno)
    if cmyk and space != b"CMYK":
        fail("6.2.4.3", "DeviceCMYK used, and the output intent is not CMYK")
    if rgb and space not in (b"RGB ", None):
        fail("6.2.4.3", "DeviceRGB used, and the output intent is not RGB")
    if "/AA" in cat:
        fail("6.5.2", "/AA on the catalog")
    if "/JavaScript" in cat.get("/Names", {}):
        fail("6.5.1", "document JavaScript in /Names")
    if "/EmbeddedFiles" in cat.get("/Names", {}):
        fail("6.8", "embedded files")
    if "/NeedsRendering" in cat or "/XFA" in cat.get("/AcroForm", {}):
        fail("6.4.2", "an XFA form")
    check_action(cat.get("/OpenAction"), "the catalog's /OpenAction", fail)
    outline = cat.get("/Outlines", {}).get("/First")
    seen = set()
    while outline is not None and objgen_of(outline) not in seen:  # the outline, depth first
        seen.add(objgen_of(outline))
        check_action(outline.get("/A"), "an outline entry", fail)
        outline = outline.get("/First") or outline.get("/Next") or next_up(outline)
    # 6.2.11 fonts: embedded, a CIDToGIDMap for TrueType CID fonts, a ToUnicode (levels A, U)
    for f, pno in fonts.values():
        sub = f.get("/Subtype")
        enc = f.get("/Encoding")
        if sub == "/Type0" and not isinstance(enc, pikepdf.Stream) and enc not in ("/Identity-H", "/Identity-V"):
            fail("6.2.11.3.3", "page %d: the font %s uses the CMap %s, neither embedded nor Identity-H or -V" % (pno, f.get("/BaseFont"), enc))
        elif sub == "/Type0" and isinstance(enc, pikepdf.Stream):
            wm = re.search(rb"/WMode\s+(\d)", enc.read_bytes())
            if int(enc.stream_dict.get("/WMode", 0)) != (int(wm.group(1)) if wm else 0):
                fail("6.2.11.3.3", "page %d: the embedded CMap of %s has a /WMode its dictionary does not" % (pno, f.get("/BaseFont")))
        desc_fonts = list(f.get("/DescendantFonts", [])) if sub == "/Type0" else [f]
        for d in desc_fonts:
            if d.get("/Subtype") == "/Type3":
                continue
            fd = d.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fail("6.2.11.4.1", "page %d: the font %s is not embedded" % (pno, d.get("/BaseFont")))
            if d.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in d:
                fail("6.2.11.3.2", "page %d: the CID font %s has no /CIDToGIDMap" % (pno, d.get("/BaseFont")))
            elif d.get("/Subtype") == "/CIDFontType2" and fd is not None and "/FontFile2" in fd:
                check_widths(d, pno, fail)
        if level in ("A", "U"):
            tu = f.get("/ToUnicode")
            if tu is None:
                fail("6.2.11.7.2", "page %d: the font %s has no ToUnicode" % (pno, f.get("/BaseFont")))
            elif re.search(rb"<(0000|FEFF|FFFE)>\s*(\n|endbf)", tu.read_bytes(), re.I):
                fail("6.2.11.7.2", "page %d: the font %s maps a code to U+0000, U+FEFF or U+FFFE" % (pno, f.get("/BaseFont")))
    # level A (6.7): a tagged document, standard structure types or role-mapped ones, a language
    if level == "A":
        mi = cat.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)) or "/StructTreeRoot" not in cat:
            fail("6.7.2", "conformance A, and not a tagged PDF (no /MarkInfo /Marked true or no structure tree)")
        else:
            rm = cat.StructTreeRoot.get("/RoleMap", {})
            for s in struct_types(cat.StructTreeRoot):
                t = s
                for _ in range(8):
                    if t[1:] in STANDARD or t not in rm:
                        break
                    t = str(rm[t])
                if t[1:] not in STANDARD:
                    fail("6.7.3.4", "the structure type %s is not standard and not role-mapped to one" % s)
        if not str(cat.get("/Lang", "")).strip():
            fail("6.7.4", "conformance A, and no /Lang on the catalog")
    return fails


def objgen_of(o):
    return o.objgen if getattr(o, "is_indirect", False) else id(o)


def items(d):
    if d is None or not isinstance(d, pikepdf.Dictionary):
        return []
    return [(k, d[k]) for k in d.keys()]


def resources_of(page):
    """The page's resources and those of each form XObject under it."""
    out, todo, seen = [], [page.obj.get("/Resources")], set()
    while todo:
        r = todo.pop()
        if r is None or objgen_of(r) in seen:
            continue
        seen.add(objgen_of(r))
        out.append(r)
        for _, x in items(r.get("/XObject")):
            if isinstance(x, pikepdf.Stream) and x.stream_dict.get("/Subtype") == "/Form":
                todo.append(x.stream_dict.get("/Resources"))
    return out


def next_up(node):
    p = node.get("/Parent")
    while p is not None:
        if "/Next" in p:
            return p.Next
        p = p.get("/Parent")
    return None


def check_action(a, where, fail, depth=0):
    if a is None or depth > 16:
        return
    s = a.get("/S")
    if s in BAD_ACTIONS:
        fail("6.5.1", "%s has a %s action" % (where, s))
    if s == "/Named" and a.get("/N") not in ("/NextPage", "/PrevPage", "/FirstPage", "/LastPage"):
        fail("6.5.1", "%s has the named action %s" % (where, a.get("/N")))
    nxt = a.get("/Next")
    for n in ([nxt] if isinstance(nxt, pikepdf.Dictionary) else list(nxt or [])):
        check_action(n, where, fail, depth + 1)


def limits(obj, fail, depth=0):
    """Names, strings and integers inside the limits of 6.1.13 (direct objects, one level of
    each indirect object: pdf.objects visits every one)."""
    if depth > 64:
        return
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        for k in obj.keys():
            if len(k) - 1 > MAX_NAME:
                fail("6.1.13", "a name of %d bytes" % (len(k) - 1))
            v = obj.get(k)
            if v is not None and not getattr(v, "is_indirect", False):
                limits(v, fail, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for v in obj:
            if not getattr(v, "is_indirect", False):
                limits(v, fail, depth + 1)
    elif isinstance(obj, pikepdf.String):
        if len(bytes(obj)) > MAX_STRING:
            fail("6.1.13", "a string of %d bytes" % len(bytes(obj)))
    elif isinstance(obj, pikepdf.Name):
        if len(str(obj)) - 1 > MAX_NAME:
            fail("6.1.13", "a name of %d bytes" % (len(str(obj)) - 1))
    elif isinstance(obj, int) and not isinstance(obj, bool):
        if abs(int(obj)) > MAX_INT:
            fail("6.1.13", "an integer %d" % int(obj))


def cmap_codes(enc):
    """A Type 0 font's /Encoding as (code lengths, {code: CID} or None for identity): Identity-H
    and -V two bytes, code = CID; an embedded CMap read from its codespace ranges and its cidrange
    and cidchar entries. None for anything else."""
    if enc in ("/Identity-H", "/Identity-V"):
        return {2}, None
    if not isinstance(enc, pikepdf.Stream):
        return None
    text = enc.read_bytes().decode("latin-1")
    lens, cids = set(), {}
    for block in re.findall(r"begincodespacerange(.*?)endcodespacerange", text, re.S):
        for lo, _ in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            lens.add(len(lo) // 2)
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)", block):
            for k in range(int(lo, 16), int(hi, 16) + 1):
                cids[(len(lo) // 2, k)] = int(c) + k - int(lo, 16)
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for code, c in re.findall(r"<([0-9A-Fa-f]+)>\s*(\d+)", block):
            cids[(len(code) // 2, int(code, 16))] = int(c)
    return lens, cids


def gid_of(gmap, cid):
    """The glyph of a CID through a CIDToGIDMap stream's bytes (None: /Identity); 0 past its end."""
    if gmap is None:
        return cid
    return gmap[2 * cid] << 8 | gmap[2 * cid + 1] if 2 * cid + 1 < len(gmap) else 0


def check_notdef(page, used, pno, fail):
    """6.2.11.8: no text shows the .notdef glyph (glyph 0): for each Type 0 font with Identity-H
    or an embedded CMap, every code drawn maps to a CID and through the CIDToGIDMap to a glyph
    other than 0."""
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for name, data in used.items():
        f = fonts.get(name)
        if f is None or f.get("/Subtype") != "/Type0":
            continue
        codes = cmap_codes(f.get("/Encoding"))
        if codes is None:
            continue
        lens, cids = codes
        if len(lens) != 1:  # mixed code lengths: not what presskit writes
            continue
        n = lens.pop()
        d = f.DescendantFonts[0]
        m = d.get("/CIDToGIDMap")
        gmap = m.read_bytes() if isinstance(m, pikepdf.Stream) else None
        for j in range(0, len(data) - n + 1, n):
            code = int.from_bytes(bytes(data[j:j + n]), "big")
            cid = code if cids is None else cids.get((n, code), 0)
            gid = gid_of(gmap, cid)
            if gid == 0:
                fail("6.2.11.8", "page %d: text in %s shows the .notdef glyph (code %0*X)" % (pno, d.get("/BaseFont"), 2 * n, code))
                break


def cid_widths(d):
    """A CID font's /W as {CID: width}: runs [c [w ...]] and ranges [c1 c2 w]."""
    w, out, i = list(d.get("/W", [])), {}, 0
    while i < len(w):
        if i + 1 < len(w) and isinstance(w[i + 1], pikepdf.Array):
            for k, v in enumerate(w[i + 1]):
                out[int(w[i]) + k] = float(v)
            i += 2
        elif i + 2 < len(w):
            for c in range(int(w[i]), int(w[i + 1]) + 1):
                out[c] = float(w[i + 2])
            i += 3
        else:
            break
    return out


def check_widths(d, pno, fail):
    """6.2.11.5: each width in /W (and /DW) is the embedded font program's advance of the glyph
    its CID maps to, within one thousandth of an em (without fontTools: not checked)."""
    if TTFont is None:
        return
    try:
        tt = TTFont(io.BytesIO(d.FontDescriptor.FontFile2.read_bytes()))
        upem, order, hmtx = tt["head"].unitsPerEm, tt.getGlyphOrder(), tt["hmtx"].metrics
    except Exception as e:  # a font program fontTools cannot read
        fail("6.2.11.4.1", "page %d: the font program of %s cannot be read: %s" % (pno, d.get("/BaseFont"), e))
        return
    m = d.get("/CIDToGIDMap")
    gmap = m.read_bytes() if isinstance(m, pikepdf.Stream) else None
    for cid, w in sorted(cid_widths(d).items()):
        gid = gid_of(gmap, cid)
        if gid >= len(order):
            fail("6.2.11.5", "page %d: CID %d of %s maps to glyph %d, past the font program's %d" % (pno, cid, d.get("/BaseFont"), gid, len(order)))
            return
        want = hmtx[order[gid]][0] * 1000.0 / upem
        if abs(w - want) > 1:
            fail("6.2.11.5", "page %d: CID %d of %s is %g wide in /W, %g in the font program" % (pno, cid, d.get("/BaseFont"), w, want))
            return
    want = hmtx[order[0]][0] * 1000.0 / upem
    if "/DW" in d and abs(float(d.DW) - want) > 1:
        dw = float(d.DW)
        fail("6.2.11.5", "page %d: /DW of %s is %g, the .notdef %g in the font program" % (pno, d.get("/BaseFont"), dw, want))


def struct_types(root):
    out, todo, seen = set(), [root.get("/K")], set()
    while todo:
        n = todo.pop()
        if isinstance(n, pikepdf.Array):
            todo.extend(n)
        elif isinstance(n, pikepdf.Dictionary) and n.get("/Type") not in ("/MCR", "/OBJR"):
            if objgen_of(n) in seen:
                continue
            seen.add(objgen_of(n))
            if "/S" in n:
                out.add(str(n.S))
            todo.append(n.get("/K"))
    return out


def selftest(path):
    """Each condition broken once in a copy of a good file; each must be caught."""
    import os
    import tempfile

    got = check(path)
    assert not got, "the good file must pass: %s" % got

    def xmp_edit(pdf, old, new):
        x = pdf.Root.Metadata.read_bytes().decode()
        assert old in x, "selftest: %r not in the XMP" % old
        pdf.Root.Metadata = pdf.make_stream(x.replace(old, new, 1).encode(),
                                            Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)

    def first_annot(pdf):
        for p in pdf.pages:
            for a in p.obj.get("/Annots", []):
                return a
        raise SystemExit("selftest: %s has no annotation" % path)

    def first_font(pdf):
        for p in pdf.pages:
            fs = p.Resources.get("/Font")
            if fs:
                return fs[list(fs.keys())[0]]
        raise SystemExit("selftest: no font")

    def no_intent(pdf):
        del pdf.Root.OutputIntents

    def intent_n4(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile.N = 4

    def intent_not_icc(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile = pdf.make_stream(b"not a profile", N=3)

    def no_pdfaid(pdf):
        xmp_edit(pdf, "<pdfaid:part>2</pdfaid:part>", "")

    def wrong_part(pdf):
        xmp_edit(pdf, "<pdfaid:part>2</pdfaid:part>", "<pdfaid:part>3</pdfaid:part>")

    def title_differs(pdf):
        pdf.trailer.Info.Title = pikepdf.String("Another title")

    def producer_missing(pdf):
        x = pdf.Root.Metadata.read_bytes().decode()
        xmp_edit(pdf, re.search(r"<pdf:Producer>.*?</pdf:Producer>\n", x).group(0), "")

    def date_differs(pdf):
        pdf.trailer.Info.CreationDate = pikepdf.String("D:19990101000000Z")

    def no_extension(pdf):
        x = pdf.Root.Metadata.read_bytes().decode()
        xmp_edit(pdf, re.search(r"<pdfaExtension:schemas>.*</pdfaExtension:schemas>\n", x, re.S).group(0), "")

    def filtered_metadata(pdf):
        # qpdf writes a /Type /Metadata stream decoded whatever it is told: without /Type it is
        # compressed like any other stream (and fails on its /Type too, reported second)
        md = pdf.Root.Metadata
        import zlib
        md.write(zlib.compress(md.read_bytes()), filter=pikepdf.Name.FlateDecode)
        del md.stream_dict.Type

    def bad_xmp(pdf):
        xmp_edit(pdf, "</rdf:RDF>", "")

    def xpacket_bytes(pdf):
        xmp_edit(pdf, 'id="W5M0MpCehiHzreSzNTczkc9d"', 'id="W5M0MpCehiHzreSzNTczkc9d" bytes="100"')

    def annot_hidden(pdf):
        first_annot(pdf).F = 2

    def annot_no_flags(pdf):
        del first_annot(pdf).F

    def javascript(pdf):
        first_annot(pdf).A = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))

    def font_not_embedded(pdf):
        del first_font(pdf).DescendantFonts[0].FontDescriptor.FontFile2

    def no_tounicode(pdf):
        del first_font(pdf).ToUnicode

    def cmap_not_embedded(pdf):
        first_font(pdf).Encoding = pikepdf.Name("/UniJIS-UCS2-H")

    def cmap_wmode(pdf):
        enc = first_font(pdf).Encoding
        if not isinstance(enc, pikepdf.Stream):
            raise SystemExit("selftest: the first font has no embedded CMap")
        enc.WMode = 1

    def wrong_width(pdf):
        w = first_font(pdf).DescendantFonts[0].W
        w[1][0] = float(w[1][0]) + 50

    def no_cidtogid(pdf):
        del first_font(pdf).DescendantFonts[0].CIDToGIDMap

    def notdef(pdf):
        page = pdf.pages[0]
        ops = list(pikepdf.parse_content_stream(page))
        for i, (operands, op) in enumerate(ops):
            if str(op) == "Tj":
                ops[i] = ([pikepdf.String(b"\x00\x00")], op)
                break
            if str(op) == "TJ":
                ops[i] = ([pikepdf.Array([pikepdf.String(b"\x00\x00")])], op)
                break
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))

    def cmyk_image(pdf):
        page = pdf.pages[0]
        img = pdf.make_stream(b"\x00\x00\x00\x00", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                              Width=1, Height=1, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceCMYK)
        if "/XObject" not in page.Resources:
            page.Resources.XObject = pikepdf.Dictionary()
        page.Resources.XObject.Im9 = img

    def interpolate(pdf):
        cmyk_image(pdf)
        im = pdf.pages[0].Resources.XObject.Im9
        im.ColorSpace = pikepdf.Name.DeviceRGB
        im.write(b"\x00\x00\x00")
        im.Interpolate = True

    def transfer(pdf):
        page = pdf.pages[0]
        if "/ExtGState" not in page.Resources:
            page.Resources.ExtGState = pikepdf.Dictionary()
        page.Resources.ExtGState.GS9 = pikepdf.Dictionary(TR=pikepdf.Name.Identity)

    def nonstandard_type(pdf):
        k = pdf.Root.StructTreeRoot.K
        doc = k[0] if isinstance(k, pikepdf.Array) else k
        doc.S = pikepdf.Name("/Brief")

    def untagged_claims_a(pdf):
        del pdf.Root.MarkInfo

    def no_lang(pdf):
        del pdf.Root.Lang

    def embedded_file(pdf):
        pdf.Root.Names = pdf.Root.get("/Names", pikepdf.Dictionary())
        pdf.Root.Names.EmbeddedFiles = pikepdf.Dictionary(Names=pikepdf.Array())

    def long_name(pdf):
        pdf.Root[pikepdf.Name("/" + "N" * 130)] = 1

    # cases on the saved file's bytes: no /ID, no binary comment, bytes after %%EOF
    def raw_no_id(data):
        pdf = pikepdf.open(io.BytesIO(data))
        out = io.BytesIO()
        pdf.save(out, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 fix_metadata_version=False)
        # qpdf always writes an /ID: take it out of the trailer as text
        got, n = re.subn(rb"/ID \[[^\]]*\]", b"", out.getvalue())
        assert n == 1, "selftest: no /ID in the qdf trailer"
        return got

    def raw_header_comment(data):
        return data.replace(b"\n%\xB7\xBE\xAD\xAA\n", b"\n%abcd\n", 1)

    def raw_after_eof(data):
        return data + b"garbage after the end\n"

    def raw_encrypted(data):
        pdf = pikepdf.open(io.BytesIO(data))
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="", R=4),
                 fix_metadata_version=False)
        return out.getvalue()

    cases = [no_intent, intent_n4, intent_not_icc, no_pdfaid, wrong_part, title_differs, producer_missing,
             date_differs, no_extension, filtered_metadata, bad_xmp, xpacket_bytes, annot_hidden,
             annot_no_flags, javascript, font_not_embedded, no_tounicode, cmap_not_embedded, cmap_wmode,
             wrong_width, no_cidtogid, notdef, cmyk_image,
             interpolate, transfer, nonstandard_type, untagged_claims_a, no_lang, embedded_file, long_name]
    raw_cases = [raw_no_id, raw_header_comment, raw_after_eof, raw_encrypted]
    bad = 0
    data = open(path, "rb").read()
    with tempfile.TemporaryDirectory() as d:
        for case in cases + raw_cases:
            out = os.path.join(d, case.__name__ + ".pdf")
            if case in raw_cases:
                open(out, "wb").write(case(data))
            else:
                pdf = pikepdf.open(path)
                case(pdf)
                # pikepdf would rewrite the XMP, and qpdf decode a filtered metadata stream
                pdf.save(out, fix_metadata_version=False,
                         stream_decode_level=pikepdf.StreamDecodeLevel.none)
            try:
                got = check(out)
            except SystemExit:  # cannot read (the encrypted copy, if qpdf refuses it)
                got = ["%s: [6.1.3] cannot be read" % out]
            bad += caught(case.__name__, got)
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv, __doc__, check, selftest))
