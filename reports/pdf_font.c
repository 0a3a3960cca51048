/* pdf_font.c: the PDF painter's fonts. Which characters each font draws (collect_chars), the
 * CIDs they get (cid_of, in pdf_internal.h), each font subset by fonts/subset.c and handed to
 * libharu from memory (load_font, embed_fonts), and the repairs to the Type 0 font libharu makes
 * (a real ToUnicode CMap, exact /W widths, a 'prep' table, a narrowed UTF-8 encoder while it
 * builds the CIDToGIDMap), through libharu 2.3.0's installed internal headers. Owns
 * pdf_doc.f[]; see pdf_internal.h for the contract. Part of reports/. */
#define _GNU_SOURCE /* memfd_create, for a libharu other than 2.3.0 (see load_font) */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/utf8.h"
#include "reports/pdf_internal.h"

#if HPDF_INTERNALS
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

/* What libharu allocates for one embedded font beside its file, at most (a CIDToGIDMap of 64K
 * entries, widths, the ToUnicode CMap): checked free before a font is built */
#define PDF_FONT_ROOM (2u << 20)
#endif

/* ---- the characters of each font ---- */

/* The first character at or after cp that is used, or 0x10000: whole empty bytes are skipped,
 * as a document uses a few hundred of the 65,536. */
static uint32_t next_used(const unsigned char *used, uint32_t cp)
{
    while (cp < 0x10000) {
        if ((cp & 7) == 0 && used[cp >> 3] == 0)
            cp += 8;
        else if (is_used(used, cp))
            return cp;
        else
            cp++;
    }
    return 0x10000;
}

/* Counts the characters of the font before each byte of its bitmap, for cid_of. */
static void rank_chars(pdf_font *pf)
{
    pf->below = pk_xmalloc(0x10000 / 8 * sizeof *pf->below);
    unsigned n = 0;
    for (size_t i = 0; i < 0x10000 / 8; i++) {
        if (i == 0x80 / 8) pf->n_ascii = n;
        pf->below[i] = (uint16_t)n;
        n += (unsigned)__builtin_popcount(pf->used[i]);
    }
}

/* First pass: every character drawn with each font, on every page. */
int pk_pdf_collect_chars(pdf_doc *doc, const pk_scene *const *pages, size_t n_pages)
{
    for (size_t i = 0; i < n_pages; i++) {
        const pk_scene *s = pages[i];
        for (size_t j = 0; j < s->n_ops; j++) {
            const pk_op *op = &s->ops[j];
            if (op->kind != PK_OP_TEXT || !text_drawn(op)) continue;
            if (op->font < 0 || (size_t)op->font >= doc->n_fonts)
                return pk_diag_add(doc->d, PK_FAIL_INPUT,
                                   "error: PDF: page %zu: a text run uses font %d, but only %zu "
                                   "fonts are loaded",
                                   i + 1, op->font, doc->n_fonts);
            pdf_font *pf = &doc->f[op->font];
            if (!pf->used) pf->used = pk_xcalloc(0x10000 / 8, 1);
            const unsigned char *p = (const unsigned char *)op->text, *end = p + strlen(op->text);
            while (p < end) {
                uint32_t cp = pk_utf8_next(&p, end);
                if (cp < 0x20) continue; /* takes its advance, shows nothing (as in the PNG) */
                cp = pdf_cp(cp);
                if (is_used(pf->used, cp)) continue;
                /* one the font lacks is drawn as U+FFFD, as fonts/ measured it (see
                 * pdf_internal.h); asked once per character of the font, as the next time it
                 * is used */
                if (pk_fonts_lacks(doc->fonts, op->font, cp)) cp = PK_FONTS_REPLACEMENT;
                pf->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
            }
        }
    }
    return 0;
}

/* The advance, in font units, of the glyph drawn for cp with font id (.notdef's if missing). */
int pk_pdf_advance_of(const pk_fonts *f, int id, uint32_t cp)
{
    char u[3];
    pk_glyph g = {0};
    pk_fonts_glyphs(f, id, u, pk_pdf_put_utf8(u, cp), &g, 1);
    return g.advance;
}

/* Repairs to the Type 0 font libharu 2.3.0 makes, before it is saved, through libharu's
 * installed internal headers (so only for the version they were checked against; another
 * version keeps its own dictionaries, and the painter its drift checks):
 *
 * - ToUnicode: libharu writes its UTF-8 encoder's CID CMap there (begincidrange, a 16-bit
 *   codespace), which is not a ToUnicode CMap: viewers warn ("Invalid 'begincidrange' operator
 *   in ToUnicode CMap") and fall back to guessing. The stream is rewritten as a real one,
 *   bfrange/bfchar from the CIDs (see cid_of) to exactly the characters drawn.
 *   The CIDFont's collection becomes Adobe-Identity, as Identity-H wants (libharu writes
 *   "Identity-H" as the Ordering).
 * - Widths: libharu writes /W and /DW in whole thousandths of an em, rounded down, so every
 *   glyph lands a little left of where the scene measured it (DejaVu Sans at 2048 units per em:
 *   up to 0.01 pt a glyph at 20 pt, 0.5 pt over a title). /W is rewritten with the exact
 *   advances of the characters drawn, so glyphs fall where fonts/ put them and a run needs a
 *   new position only where the font kerns.
 * fix_font returns true when the widths were replaced. */
#if HPDF_INTERNALS
/* One bfchar or bfrange line into block; every 100 lines the block goes to b (at most 100
 * entries per block: PDF 32000-1, 9.10.3). */
static void cmap_entry(pk_buf *b, pk_buf *block, size_t *n, const char *kind, unsigned from,
                       unsigned to, uint32_t cp, int code_digits)
{
    if (from == to)
        pk_buf_printf(block, "<%0*X> <%04X>\n", code_digits, from, (unsigned)cp);
    else
        pk_buf_printf(block, "<%0*X> <%0*X> <%04X>\n", code_digits, from, code_digits, to,
                      (unsigned)cp);
    if (++*n < 100) return;
    pk_buf_printf(b, "100 begin%s\n%send%s\n", kind, pk_buf_str(block), kind);
    pk_buf_reset(block);
    *n = 0;
}

static void cmap_flush(pk_buf *b, pk_buf *block, size_t *n, const char *kind)
{
    if (*n == 0) return;
    pk_buf_printf(b, "%zu begin%s\n%send%s\n", *n, kind, pk_buf_str(block), kind);
    pk_buf_reset(block);
    *n = 0;
}

static void fix_tounicode(HPDF_Dict cmap, HPDF_Dict sys, const pdf_font *pf)
{
    const unsigned char *used = pf->used;
    pk_buf b = PK_BUF_INIT, ranges = PK_BUF_INIT, chars = PK_BUF_INIT;
    const int digits = pf->one_byte ? 2 : 4; /* the codes text_tj writes: one byte or two */
    pk_buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
    pk_buf_adds(&b, pf->one_byte ? "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
                                 : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t n_ranges = 0, n_chars = 0;
    /* runs of consecutive characters (so consecutive CIDs); a bfrange may change neither the
     * high byte of its CIDs nor that of its characters */
    for (uint32_t cp = next_used(used, 0); cp < 0x10000; cp = next_used(used, cp + 1)) {
        unsigned cid = cid_of(pf, cp);
        uint32_t to = cp;
        while ((to + 1) >> 8 == cp >> 8 && (cid + (to + 1 - cp)) >> 8 == cid >> 8 &&
               is_used(used, to + 1) && cid_of(pf, to + 1) == cid + (to + 1 - cp))
            to++;
        unsigned last = cid + (unsigned)(to - cp);
        if (to == cp)
            cmap_entry(&b, &chars, &n_chars, "bfchar", cid, cid, cp, digits);
        else
            cmap_entry(&b, &ranges, &n_ranges, "bfrange", cid, last, cp, digits);
        cp = to;
    }
    cmap_flush(&b, &chars, &n_chars, "bfchar");
    cmap_flush(&b, &ranges, &n_ranges, "bfrange");
    pk_buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    /* the stream's dictionary describes a CMap too: make it name this one */
    HPDF_Dict_AddName(cmap, "CMapName", "Adobe-Identity-UCS");
    HPDF_Dict info = HPDF_Dict_New(cmap->mmgr);
    if (info) {
        HPDF_Dict_Add(info, "Registry", HPDF_String_New(cmap->mmgr, "Adobe", NULL));
        HPDF_Dict_Add(info, "Ordering", HPDF_String_New(cmap->mmgr, "UCS", NULL));
        HPDF_Dict_AddNumber(info, "Supplement", 0);
        HPDF_Dict_Add(cmap, "CIDSystemInfo", info);
    }
    if (sys) HPDF_Dict_Add(sys, "Ordering", HPDF_String_New(cmap->mmgr, "Identity", NULL));
    pk_buf_fini(&b);
    pk_buf_fini(&ranges);
    pk_buf_fini(&chars);
}

/* /W as [first [w ...]], the widths of the CIDs from the first character drawn to the last
 * (.notdef's for a CID between them that no character has), /DW the .notdef's; in thousandths of an em, exact (2048 units per em divide into binary fractions
 * that libharu's float and five decimals carry without loss). */
static bool fix_widths(HPDF_Dict cid_font, const pk_fonts *f, int id, const pdf_font *pf)
{
    HPDF_MMgr mmgr = cid_font->mmgr;
    double per_unit = 1000.0 / pk_fonts_units_per_em(f, id);
    HPDF_Array w = HPDF_Array_New(mmgr);
    if (!w) return false;
    HPDF_Array run = HPDF_Array_New(mmgr);
    if (!run) {
        HPDF_Array_Free(w); /* not in the document yet: libharu would not free it */
        return false;
    }
    uint32_t first = next_used(pf->used, 0);
    unsigned next = first < 0x10000 ? cid_of(pf, first) : 0;
    HPDF_STATUS st = HPDF_Array_AddNumber(w, (HPDF_INT32)next);
    st += HPDF_Array_Add(w, run);
    HPDF_REAL notdef = (HPDF_REAL)(pk_fonts_notdef_advance(f, id) * per_unit);
    for (uint32_t cp = first; cp < 0x10000 && st == HPDF_OK; cp = next_used(pf->used, cp + 1)) {
        for (unsigned cid = cid_of(pf, cp); next < cid && st == HPDF_OK; next++)
            st += HPDF_Array_AddReal(run, notdef);
        st += HPDF_Array_AddReal(run, (HPDF_REAL)(pk_pdf_advance_of(f, id, cp) * per_unit));
        next++;
    }
    st += HPDF_Dict_AddReal(cid_font, "DW", notdef);
    return st == HPDF_OK && HPDF_Dict_Add(cid_font, "W", w) == HPDF_OK;
}

/* libharu 2.3.0 writes an embedded font with 13 tables, an empty entry for each one the font
 * lacks, then seeks its memory stream to each entry to sum it. A subset without hinting has no
 * 'prep', the last of the 13, so that seek goes to the stream's end, which libharu's memory
 * stream refuses when the size is a multiple of its 4096-byte block: HPDF_INVALID_OBJECT at save
 * (and memory libharu never frees), for about one font in a thousand (tests/fuzz/corpus/brief
 * has one). So a font without 'prep' is given one of a single byte, 0x00 (SVTCA[y]: sets a
 * direction, draws nothing), taken from the first byte of its 'head' table (version 0x00010000,
 * always). */
static bool give_prep(HPDF_FontDef def)
{
    HPDF_TTFontDefAttr tt = def->attr;
    HPDF_TTF_OffsetTbl *o = &tt->offset_tbl;
    const HPDF_TTFTable *head = NULL;
    for (HPDF_UINT16 i = 0; i < o->num_tables; i++) {
        if (memcmp(o->table[i].tag, "prep", 4) == 0) return true;
        if (memcmp(o->table[i].tag, "head", 4) == 0) head = &o->table[i];
    }
    if (!head || o->num_tables == UINT16_MAX) return false;
    HPDF_TTFTable *t = HPDF_GetMem(def->mmgr, (o->num_tables + 1u) * sizeof *t);
    if (!t) return false;
    memcpy(t, o->table, o->num_tables * sizeof *t);
    t[o->num_tables] = (HPDF_TTFTable){{'p', 'r', 'e', 'p'}, 0, head->offset, 1};
    HPDF_FreeMem(def->mmgr, o->table);
    o->table = t;
    o->num_tables++;
    return true;
}

/* The one-byte CMap every font with fewer than 256 CIDs shares as its /Encoding: codes 00 to FF
 * are CIDs 0 to 255, in the Adobe-Identity collection, horizontal. Identity-H takes two bytes a
 * glyph; a brief's fonts have a few dozen characters beyond ASCII (see cid_of), so one byte
 * serves, and the content streams shrink by a byte a glyph before deflate (2.7 KB of the
 * default brief after it). Embedded, as PDF/A wants any CMap but Identity-H and -V. */
static HPDF_Dict one_byte_cmap(pdf_doc *doc)
{
    if (doc->one_byte_cmap) return doc->one_byte_cmap;
    HPDF_Dict c = HPDF_DictStream_New(doc->pdf->mmgr, doc->pdf->xref);
    if (!c) return NULL;
    static const char text[] =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
        "/CMapName /Presskit-OneByte-H def\n/CMapType 1 def\n/WMode 0 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        "1 begincidrange\n<00> <FF> 0\nendcidrange\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    HPDF_STATUS st = HPDF_Stream_Write(c->stream, (const HPDF_BYTE *)text, sizeof text - 1);
    st += HPDF_Dict_AddName(c, "Type", "CMap");
    st += HPDF_Dict_AddName(c, "CMapName", "Presskit-OneByte-H");
    st += HPDF_Dict_AddNumber(c, "WMode", 0);
    HPDF_Dict info = HPDF_Dict_New(c->mmgr);
    if (!info) return NULL;
    st += HPDF_Dict_Add(info, "Registry", HPDF_String_New(c->mmgr, "Adobe", NULL));
    st += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(c->mmgr, "Identity", NULL));
    st += HPDF_Dict_AddNumber(info, "Supplement", 0);
    st += HPDF_Dict_Add(c, "CIDSystemInfo", info);
    c->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (st != HPDF_OK) return NULL;
    return doc->one_byte_cmap = c;
}

/* The highest CID of the font's characters: its last character's (CIDs increase with them). */
static unsigned last_cid(const pdf_font *pf)
{
    uint32_t last = 0;
    for (uint32_t cp = next_used(pf->used, 0); cp < 0x10000; cp = next_used(pf->used, cp + 1))
        last = cp;
    return cid_of(pf, last);
}

static bool fix_font(pdf_doc *doc, HPDF_Font font, const pk_fonts *f, int id, pdf_font *pf)
{
    HPDF_FontAttr attr = font->attr;
    if (!attr || attr->type != HPDF_FONT_TYPE0_TT || !attr->descendant_font) return false;
    HPDF_Dict cid_font = attr->descendant_font;
    /* one byte a glyph when every CID fits (and the CMap is made): before the ToUnicode,
     * whose codes follow */
    pf->one_byte = false;
    if (last_cid(pf) <= 0xFF) {
        HPDF_Dict enc = one_byte_cmap(doc);
        pf->one_byte = enc && HPDF_Dict_Add(font, "Encoding", enc) == HPDF_OK;
    }
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (cmap && cmap->stream && cmap->stream->type == HPDF_STREAM_MEMORY)
        fix_tounicode(cmap, HPDF_Dict_GetItem(cid_font, "CIDSystemInfo", HPDF_OCLASS_DICT), pf);
    /* libharu writes into the embedded font only the outlines of glyphs its own text calls
     * marked used; text goes around those calls (text_tj), and the font is already the subset of
     * the characters drawn, so every glyph is marked */
    HPDF_FontDef def = attr->fontdef;
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return false;
    HPDF_TTFontDefAttr tt = def->attr;
    if (!tt->glyph_tbl.flgs || !give_prep(def)) return false;
    memset(tt->glyph_tbl.flgs, 1, tt->num_glyphs);
    return fix_widths(cid_font, f, id, pf);
}
/* libharu 2.3.0 builds a Type 0 font's CIDToGIDMap (in HPDF_GetFont) by looking up every one
 * of the 65,536 BMP code points in the font's cmap, a linear search each, whenever the encoder
 * is not a plain CMap encoder, which its UTF-8 encoder is not; and it writes the map, 128 KB
 * of nearly all zeros, for deflate to spend a third of the save on. Together: four fifths of a
 * chart's PDF time. For a plain CMap encoder it looks up only the codes the encoder's cid_map
 * holds, and writes the map up to the highest. So for the time of HPDF_GetFont the UTF-8
 * encoder is made to look like one holding exactly this font's characters, with the CIDs of
 * cid_of: a few hundred lookups and a map a little over 128 entries. libharu writes the map up to the
 * highest CID less one, so one unused CID is added above the last. Text is written by text_tj
 * with the same CIDs, never by libharu's UTF-8 encoder (which would write code points); the
 * encoder uses neither map (nor to_unicode_fn while no text is parsed), and everything is put
 * back afterwards. */
typedef struct encoder_state {
    HPDF_CMapEncoderAttr attr; /* NULL: the encoder was left alone */
    HPDF_Encoder_ToUnicode_Func to_unicode;
    uint32_t last;          /* the highest character */
    HPDF_UINT16 scratch[5]; /* cid_map[0][0..4]: the UTF-8 parser keeps its state there */
} encoder_state;

/* Sets (or clears, with cid 0) the entry of cp in a CMap encoder's maps. */
static void encoder_entry(HPDF_CMapEncoderAttr a, uint32_t cp, uint16_t cid)
{
    a->cid_map[cp >> 8][cp & 0xFF] = cid;
    a->unicode_map[cp >> 8][cp & 0xFF] = cid ? (HPDF_UNICODE)cp : 0x25A1;
}

static void narrow_encoder(HPDF_Encoder e, const pdf_font *pf, encoder_state *keep)
{
    const unsigned char *used = pf->used;
    keep->attr = NULL;
    if (!e || e->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || !e->attr) return;
    HPDF_CMapEncoderAttr a = e->attr;
    /* the maps as libharu's UTF-8 encoder leaves them: no CIDs, every code U+25A1 (what
     * HPDF_CMapEncoder_InitAttr sets) past the parser's scratch; else leave it all alone */
    uint32_t last = 0;
    for (uint32_t cp = next_used(used, 0); cp < 0x10000; cp = next_used(used, cp + 1)) {
        if (cp < 8 || a->cid_map[cp >> 8][cp & 0xFF] != 0 ||
            a->unicode_map[cp >> 8][cp & 0xFF] != 0x25A1)
            return;
        last = cp;
    }
    if (last >= 0xFFFF || a->cid_map[(last + 1) >> 8][(last + 1) & 0xFF] != 0) return;
    keep->attr = a;
    keep->to_unicode = e->to_unicode_fn;
    keep->last = last;
    memcpy(keep->scratch, a->cid_map[0], sizeof keep->scratch);
    memset(a->cid_map[0], 0, sizeof keep->scratch);
    uint16_t top = 0;
    for (uint32_t cp = next_used(used, 0); cp < 0x10000; cp = next_used(used, cp + 1))
        encoder_entry(a, cp, top = cid_of(pf, cp));
    encoder_entry(a, last + 1, (uint16_t)(top + 1)); /* unused: maps to glyph 0 */
    e->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
}

static void restore_encoder(HPDF_Encoder e, const pdf_font *pf, const encoder_state *keep)
{
    HPDF_CMapEncoderAttr a = keep->attr;
    if (!a) return;
    for (uint32_t cp = next_used(pf->used, 0); cp < 0x10000; cp = next_used(pf->used, cp + 1))
        encoder_entry(a, cp, 0);
    encoder_entry(a, keep->last + 1, 0);
    memcpy(a->cid_map[0], keep->scratch, sizeof keep->scratch);
    e->to_unicode_fn = keep->to_unicode;
}
#else
static bool fix_font(pdf_doc *doc, HPDF_Font font, const pk_fonts *f, int id, pdf_font *pf)
{
    (void)doc, (void)font, (void)f, (void)id, (void)pf;
    return false;
}

typedef struct encoder_state {
    int unused;
} encoder_state;

static void narrow_encoder(HPDF_Encoder e, const pdf_font *pf, encoder_state *keep)
{
    (void)e, (void)pf, (void)keep;
}

static void restore_encoder(HPDF_Encoder e, const pdf_font *pf, const encoder_state *keep)
{
    (void)e, (void)pf, (void)keep;
}
#endif

#if HPDF_INTERNALS

/* Hands the subset font to libharu from memory, as HPDF_LoadTTFontFromFile does from a file
 * (libharu 2.3.0 has no call for memory): the font definition is parsed from a memory stream,
 * registered with the document and tagged "HPDFAA", "HPDFAB", ... as libharu tags its embedded
 * fonts. From a file, libharu seeks it with a system call for every table and glyph it reads:
 * 376 a brief. Returns the font's name for HPDF_GetFont, or NULL (libharu's error is recorded). */
static const char *load_font(pdf_doc *doc, pdf_font *pf, const pk_buf *sub)
{
    (void)pf;
    HPDF_Doc pdf = doc->pdf;
    HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, HPDF_STREAM_BUF_SIZ);
    if (!s) return NULL;
    if (HPDF_Stream_Write(s, (const HPDF_BYTE *)sub->data, (HPDF_UINT)sub->len) != HPDF_OK) {
        HPDF_Stream_Free(s);
        return NULL;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE); /* owns s from here */
    if (!def) return NULL;
    if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (pdf->ttfont_tag[0] == 0) {
        memcpy(pdf->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            if (++pdf->ttfont_tag[i] <= 'Z') break;
            pdf->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
    return def->base_font;
}
#else
/* The subset font through a memfd: libharu reads TrueType only from a file name, and keeps the
 * file open to copy it at save time. */
static const char *load_font(pdf_doc *doc, pdf_font *pf, const pk_buf *sub)
{
    pf->fd = memfd_create("presskit-font", MFD_CLOEXEC);
    if (pf->fd < 0) {
        doc->failed = pk_diag_add(doc->d, PK_FAIL_IO,
                                  "error: PDF: cannot make an in-memory font file: %s",
                                  strerror(errno));
        return NULL;
    }
    size_t off = 0;
    while (off < sub->len) {
        ssize_t w = write(pf->fd, sub->data + off, sub->len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += (size_t)w;
    }
    if (off != sub->len) {
        doc->failed = pk_diag_add(doc->d, PK_FAIL_IO,
                                  "error: PDF: cannot write an in-memory font file: %s",
                                  strerror(errno));
        return NULL;
    }
    char path[40];
    snprintf(path, sizeof path, "/proc/self/fd/%d", pf->fd);
    return HPDF_LoadTTFontFromFile(doc->pdf, path, HPDF_TRUE);
}
#endif

/* Second step: each font that draws anything, subset to its characters and handed to libharu
 * (load_font). */
int pk_pdf_embed_fonts(pdf_doc *doc)
{
    pk_buf sub = PK_BUF_INIT;
    uint32_t *cps = NULL;
    int rc = 0;
    for (size_t id = 0; id < doc->n_fonts && rc == 0; id++) {
        pdf_font *pf = &doc->f[id];
        if (!pf->used) continue;
        size_t n = 0;
        if (!cps) cps = pk_xmalloc(0x10000 * sizeof *cps);
        for (uint32_t cp = next_used(pf->used, 0); cp < 0x10000; cp = next_used(pf->used, cp + 1))
            cps[n++] = cp;
        pk_buf_reset(&sub);
        if (pk_fonts_subset(doc->fonts, (int)id, cps, n, &sub, doc->d) != 0) {
            rc = doc->failed = -1;
            break;
        }
        /* libharu does not check every allocation it makes building a font (HPDF_Type0Font_New
         * dereferences a failed one under a tight ulimit -v): where the room a font takes is not
         * there, the one out-of-memory message, before libharu is asked */
        if (pk_memory_short(sub.len * 4 + PDF_FONT_ROOM)) pk_out_of_memory(0);
        const char *name = load_font(doc, pf, &sub);
        if (!name && !doc->err && !doc->failed) doc->err = HPDF_FAILD_TO_ALLOC_MEM;
        if (doc->failed) {
            rc = -1;
            break;
        }
        encoder_state keep;
        rank_chars(pf);
        narrow_encoder(doc->utf8, pf, &keep);
        if (name && pk_memory_short(PDF_FONT_ROOM)) pk_out_of_memory(0);
        pf->font = name ? HPDF_GetFont(doc->pdf, name, "UTF-8") : NULL;
        restore_encoder(doc->utf8, pf, &keep);
        if (!pf->font || doc->err) {
            rc = pk_pdf_fail(doc);
            break;
        }
        pf->upem = pk_fonts_units_per_em(doc->fonts, (int)id);
        pf->exact_widths = fix_font(doc, pf->font, doc->fonts, (int)id, pf);
        if (HPDF_INTERNALS && !pf->exact_widths && !doc->err) {
            /* the font was made with cid_of's CIDs, which only text_tj writes */
            rc = doc->failed = pk_diag_add(doc->d, PK_FAIL_IO,
                                           "error: PDF: libharu made the font \"%s\" in a form "
                                           "presskit does not know",
                                           pk_fonts_family(doc->fonts, (int)id));
            break;
        }
        if (doc->err) {
            rc = pk_pdf_fail(doc);
            break;
        }
    }
    free(cps);
    pk_buf_fini(&sub);
    return rc;
}
