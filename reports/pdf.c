/* pdf.c: the PDF painter. Paints scenes as the pages of one PDF with libharu: each font subset by
 * fonts/subset.c and embedded once, text that copies as UTF-8, glyphs where the scene measured
 * them, images, links and an outline. Part of reports/; pk_paint (layouts/scene.c) drives it.
 * The one file that includes hpdf.h, and libharu's installed internal headers for the repairs to
 * its Type 0 fonts (fix_font, narrow_encoder). libharu's own PNG loader aborts the process on a
 * corrupt file, so PNGs are decoded by layouts/image.c with libpng's simplified API (load_png),
 * the decoder the template loader checks a logo with. */
#define _GNU_SOURCE /* memfd_create, for a libharu other than 2.3.0 (see load_font) */

#include "reports/pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/deflate.h"
#include "layouts/image.h"

/* ---- libharu's error codes by name (it has no strerror) ---- */

/* one table, packed */
/* clang-format off */
#define E(code) {code, #code}
static const struct {
    unsigned long code;
    const char *name;
} hpdf_errors[] = {
    E(HPDF_ARRAY_COUNT_ERR), E(HPDF_ARRAY_ITEM_NOT_FOUND), E(HPDF_ARRAY_ITEM_UNEXPECTED_TYPE),
    E(HPDF_BINARY_LENGTH_ERR), E(HPDF_CANNOT_GET_PALLET), E(HPDF_DICT_COUNT_ERR),
    E(HPDF_DICT_ITEM_NOT_FOUND), E(HPDF_DICT_ITEM_UNEXPECTED_TYPE),
    E(HPDF_DICT_STREAM_LENGTH_NOT_FOUND), E(HPDF_DOC_ENCRYPTDICT_NOT_FOUND),
    E(HPDF_DOC_INVALID_OBJECT), E(HPDF_DUPLICATE_REGISTRATION), E(HPDF_EXCEED_JWW_CODE_NUM_LIMIT),
    E(HPDF_ENCRYPT_INVALID_PASSWORD), E(HPDF_ERR_UNKNOWN_CLASS), E(HPDF_EXCEED_GSTATE_LIMIT),
    E(HPDF_FAILD_TO_ALLOC_MEM), E(HPDF_FILE_IO_ERROR), E(HPDF_FILE_OPEN_ERROR),
    E(HPDF_FONT_EXISTS), E(HPDF_FONT_INVALID_WIDTHS_TABLE), E(HPDF_INVALID_AFM_HEADER),
    E(HPDF_INVALID_ANNOTATION), E(HPDF_INVALID_BIT_PER_COMPONENT),
    E(HPDF_INVALID_CHAR_MATRICS_DATA), E(HPDF_INVALID_COLOR_SPACE),
    E(HPDF_INVALID_COMPRESSION_MODE), E(HPDF_INVALID_DATE_TIME), E(HPDF_INVALID_DESTINATION),
    E(HPDF_INVALID_DOCUMENT), E(HPDF_INVALID_DOCUMENT_STATE), E(HPDF_INVALID_ENCODER),
    E(HPDF_INVALID_ENCODER_TYPE), E(HPDF_INVALID_ENCODING_NAME), E(HPDF_INVALID_ENCRYPT_KEY_LEN),
    E(HPDF_INVALID_FONTDEF_DATA), E(HPDF_INVALID_FONTDEF_TYPE), E(HPDF_INVALID_FONT_NAME),
    E(HPDF_INVALID_IMAGE), E(HPDF_INVALID_JPEG_DATA), E(HPDF_INVALID_N_DATA),
    E(HPDF_INVALID_OBJECT), E(HPDF_INVALID_OBJ_ID), E(HPDF_INVALID_OPERATION),
    E(HPDF_INVALID_OUTLINE), E(HPDF_INVALID_PAGE), E(HPDF_INVALID_PAGES),
    E(HPDF_INVALID_PARAMETER), E(HPDF_INVALID_PNG_IMAGE), E(HPDF_INVALID_STREAM),
    E(HPDF_MISSING_FILE_NAME_ENTRY), E(HPDF_INVALID_TTC_FILE), E(HPDF_INVALID_TTC_INDEX),
    E(HPDF_INVALID_WX_DATA), E(HPDF_ITEM_NOT_FOUND), E(HPDF_LIBPNG_ERROR),
    E(HPDF_NAME_INVALID_VALUE), E(HPDF_NAME_OUT_OF_RANGE), E(HPDF_PAGE_INVALID_PARAM_COUNT),
    E(HPDF_PAGES_MISSING_KIDS_ENTRY), E(HPDF_PAGE_CANNOT_FIND_OBJECT),
    E(HPDF_PAGE_CANNOT_GET_ROOT_PAGES), E(HPDF_PAGE_CANNOT_RESTORE_GSTATE),
    E(HPDF_PAGE_CANNOT_SET_PARENT), E(HPDF_PAGE_FONT_NOT_FOUND), E(HPDF_PAGE_INVALID_FONT),
    E(HPDF_PAGE_INVALID_FONT_SIZE), E(HPDF_PAGE_INVALID_GMODE), E(HPDF_PAGE_INVALID_INDEX),
    E(HPDF_PAGE_INVALID_ROTATE_VALUE), E(HPDF_PAGE_INVALID_SIZE), E(HPDF_PAGE_INVALID_XOBJECT),
    E(HPDF_PAGE_OUT_OF_RANGE), E(HPDF_REAL_OUT_OF_RANGE), E(HPDF_STREAM_EOF),
    E(HPDF_STREAM_READLN_CONTINUE), E(HPDF_STRING_OUT_OF_RANGE), E(HPDF_THIS_FUNC_WAS_SKIPPED),
    E(HPDF_TTF_CANNOT_EMBEDDING_FONT), E(HPDF_TTF_INVALID_CMAP), E(HPDF_TTF_INVALID_FOMAT),
    E(HPDF_TTF_MISSING_TABLE), E(HPDF_UNSUPPORTED_FONT_TYPE), E(HPDF_UNSUPPORTED_FUNC),
    E(HPDF_UNSUPPORTED_JPEG_FORMAT), E(HPDF_UNSUPPORTED_TYPE1_FONT), E(HPDF_XREF_COUNT_ERR),
    E(HPDF_ZLIB_ERROR), E(HPDF_INVALID_PAGE_INDEX), E(HPDF_INVALID_URI),
    E(HPDF_PAGE_LAYOUT_OUT_OF_RANGE), E(HPDF_PAGE_MODE_OUT_OF_RANGE),
    E(HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE), E(HPDF_ANNOT_INVALID_ICON),
    E(HPDF_ANNOT_INVALID_BORDER_STYLE), E(HPDF_PAGE_INVALID_DIRECTION), E(HPDF_INVALID_FONT),
    E(HPDF_PAGE_INSUFFICIENT_SPACE), E(HPDF_PAGE_INVALID_DISPLAY_TIME),
    E(HPDF_PAGE_INVALID_TRANSITION_TIME), E(HPDF_INVALID_PAGE_SLIDESHOW_TYPE),
    E(HPDF_EXT_GSTATE_OUT_OF_RANGE), E(HPDF_INVALID_EXT_GSTATE), E(HPDF_EXT_GSTATE_READ_ONLY),
    E(HPDF_INVALID_U3D_DATA), E(HPDF_NAME_CANNOT_GET_NAMES), E(HPDF_INVALID_ICC_COMPONENT_NUM),
};
#undef E
/* clang-format on */

const char *pk_pdf_error_name(unsigned long code)
{
    for (size_t i = 0; i < sizeof hpdf_errors / sizeof *hpdf_errors; i++)
        if (hpdf_errors[i].code == code) return hpdf_errors[i].name;
    return NULL;
}

/* ---- the document ---- */

enum {
    MAX_OUTLINE_DEPTH = 16,
    MAX_GSTATE = 28,                 /* libharu's limit on nested q (HPDF_LIMIT_MAX_GSTATE) */
    MAX_IMAGE_PX = PK_IMAGE_MAX_PIXELS, /* a logo, not a poster (layouts/image.h) */
    MAX_STRING = 4000,               /* bytes of an outline title or info field */
};

/* Largest coordinate libharu writes (it clamps reals to +-32767 silently); pages are at most
 * 14400 pt, so only a broken scene comes near it. */
#define MAX_COORD 32000.0

/* Glyph placement tolerance when a font keeps libharu's widths (whole thousandths of an em,
 * rounded down; see fix_font): a run gets a new Td wherever they have drifted this far from the
 * measured positions. 0.05 pt is 1/15 px at 96 dpi. */
#define DRIFT_PT 0.05

typedef struct pdf_font {
    HPDF_Font font;      /* libharu's, NULL when nothing is drawn with this font */
    unsigned char *used; /* owned: a bit per BMP code point drawn with it */
    uint16_t *below;     /* owned: characters used before each byte of `used` (see cid_of) */
    unsigned n_ascii;    /* characters used below U+0080 */
    int fd;              /* the memfd holding the subset, open until HPDF_Free; -1 */
    int upem;
    bool exact_widths; /* the font's /W holds exact advances (see fix_font) */
} pdf_font;

typedef struct gstate_alpha {
    unsigned char fill, stroke;
    HPDF_ExtGState gs;
} gstate_alpha;

typedef struct image_entry {
    const unsigned char *blob;
    size_t len;
    HPDF_Image image;
} image_entry;

typedef struct pdf_doc {
    HPDF_Doc pdf;
    pk_diag *d;
    const pk_fonts *fonts;
    HPDF_STATUS err, detail; /* libharu's first error, from the callback */
    size_t page_no;          /* 1-based, for messages */
    int failed;              /* -1 once anything failed (a message is recorded) */
    pdf_font *f;             /* one per font id */
    size_t n_fonts;
    HPDF_Encoder utf8;
    gstate_alpha *alphas; /* owned; ExtGStates made so far, one per (fill, stroke) alpha */
    size_t n_alphas;
    image_entry *images; /* owned; each blob embedded once, however many pages show it */
    size_t n_images;
    HPDF_Outline outline[MAX_OUTLINE_DEPTH]; /* the last entry at each depth */
    int outline_depth;                       /* entries in outline[] that are valid */
    char *seg;                               /* owned: a piece of a text run as UTF-8 for libharu */
    size_t seg_cap;
    pk_glyph *glyphs; /* owned: a run's characters */
    size_t glyph_cap;
    pk_buf ops; /* a text run's operators, written raw (see text_tj) */
} pdf_doc;

/* What the page's graphics state holds, so unchanged colours and widths are not written again.
 * Saved and restored with q/Q for clips. */
typedef struct gstate {
    pk_rgba fill, stroke; /* alpha 0: not set yet */
    double line_w;        /* < 0: not set yet */
    unsigned char fill_a, stroke_a;
} gstate;

typedef struct pdf_page {
    pdf_doc *doc;
    HPDF_Page page;
    double h; /* page height: y flips here, and only here */
    gstate gs;
    gstate saved[MAX_GSTATE];
    size_t clips;  /* q's open for clips */
    size_t open_q; /* q's open of any kind: libharu frees a page's saved states only on Q */
    /* A text object left open for the next run (see pdf_text): its font, size and line start */
    bool in_text;
    int tf_font;
    double tf_size, tx, ty;
} pdf_page;

static void end_text(pdf_page *pg);
static void flush_ops(pdf_page *pg);
static void put_num(pk_buf *b, double v);

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_doc *doc = user;
    if (doc->err == 0) {
        doc->err = code;
        doc->detail = detail;
    }
}

/* Records libharu's first error as the one message, once. Returns -1. */
static int hpdf_fail(pdf_doc *doc)
{
    if (doc->failed) return -1;
    doc->failed = -1;
    const char *name = pk_pdf_error_name((unsigned long)doc->err);
    char where[48] = "";
    if (doc->page_no) snprintf(where, sizeof where, " on page %zu", doc->page_no);
    if (doc->detail)
        return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX, detail %lu)%s",
                           name ? name : "unknown libharu error", (unsigned long)doc->err,
                           (unsigned long)doc->detail, where);
    return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX)%s",
                       name ? name : "unknown libharu error", (unsigned long)doc->err, where);
}

/* true once painting should stop: something failed, or libharu reported an error (the document
 * refuses every call after one anyway) */
static bool stopped(pdf_doc *doc)
{
    if (doc->err && !doc->failed) hpdf_fail(doc);
    return doc->failed != 0;
}

/* A coordinate libharu can write: finite and within its range. */
static HPDF_REAL R(double v)
{
    if (!isfinite(v)) return 0;
    if (v > MAX_COORD) v = MAX_COORD;
    if (v < -MAX_COORD) v = -MAX_COORD;
    return (HPDF_REAL)v;
}

/* ---- UTF-8 ---- */

/* Next code point of UTF-8 text, decoded exactly as fonts/fonts.c decodes it when measuring. */
static uint32_t next_cp(const unsigned char **p, const unsigned char *end)
{
    unsigned c = *(*p)++;
    if (c < 0x80) return c;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    uint32_t cp = c & (0x3F >> n);
    while (n-- > 0 && *p < end)
        cp = (cp << 6) | (*(*p)++ & 0x3F);
    return cp;
}

/* The character libharu is given for cp: its UTF-8 encoder knows only the BMP (it turns the rest
 * into spaces), so anything beyond, and lone surrogates, become U+FFFD. */
static uint32_t pdf_cp(uint32_t cp)
{
    return cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp;
}

static size_t put_utf8(char *s, uint32_t cp)
{
    if (cp < 0x80) {
        s[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        s[0] = (char)(0xC0 | cp >> 6);
        s[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    s[0] = (char)(0xE0 | cp >> 12);
    s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    s[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* A text for the outline or the info dictionary, as libharu can take it: valid BMP UTF-8,
 * control characters as spaces, at most MAX_STRING bytes (cut at a character), NUL-terminated.
 * Written to a (reset first). */
static const char *clean_text(pk_buf *a, const char *s)
{
    pk_buf_reset(a);
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end && a->len + 3 <= MAX_STRING) {
        uint32_t cp = pdf_cp(next_cp(&p, end));
        char u[3];
        if (cp < 0x20 || cp == 0x7F) cp = ' ';
        pk_buf_add(a, u, put_utf8(u, cp));
    }
    return pk_buf_str(a);
}

/* ---- fonts ---- */

/* A font's characters are a bit per BMP code point (8 KB). */
static bool is_used(const unsigned char *used, uint32_t cp)
{
    return cp < 0x10000 && (used[cp >> 3] >> (cp & 7) & 1);
}

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

/* The CID of a character the font draws: ASCII its own code, so a content stream's strings read
 * (and compress) as the text; every other character the next CID from U+0080 up, in order. With
 * code points as CIDs a single "\u2265" made the CIDToGIDMap and /W 8,800 entries long, and
 * libharu loops over all of them; this way they end a few past the characters drawn. CIDs
 * increase with the characters. */
static uint16_t cid_of(const pdf_font *pf, uint32_t cp)
{
    if (cp < 0x80) return (uint16_t)cp;
    unsigned byte = pf->used[cp >> 3] & ((1u << (cp & 7)) - 1);
    return (uint16_t)(0x80 + pf->below[cp >> 3] - pf->n_ascii + (unsigned)__builtin_popcount(byte));
}

static bool text_drawn(const pk_op *op)
{
    return op->fill.a != 0 && op->text && op->text[0] && op->size > 0 && isfinite(op->size);
}

/* First pass: every character drawn with each font, on every page. */
static int collect_chars(pdf_doc *doc, const pk_scene *const *pages, size_t n_pages)
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
                uint32_t cp = next_cp(&p, end);
                if (cp < 0x20) continue; /* takes its advance, shows nothing (as in the PNG) */
                cp = pdf_cp(cp);
                pf->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
            }
        }
    }
    return 0;
}

/* The advance, in font units, of the glyph drawn for cp with font id (.notdef's if missing). */
static int advance_of(const pk_fonts *f, int id, uint32_t cp)
{
    char u[3];
    pk_glyph g = {0};
    pk_fonts_glyphs(f, id, u, put_utf8(u, cp), &g, 1);
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
#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3 && HPDF_BUGFIX_VERSION == 0
#define HPDF_INTERNALS 1
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

/* libharu 2.3.0 copies and clears memory one byte at a time, in functions it exports and calls
 * through the PLT: HPDF_MemCpy for every byte into or out of a memory stream, HPDF_MemSet for
 * every object, every path operator's number buffer, the 128 KB map of each font and of the
 * UTF-8 encoder. 9% of a brief's instructions. Defined here, with the C library's memcpy and
 * memset and libharu's own return value (the end of what was written), they take the place of
 * libharu's for the whole process, as the dynamic linker resolves a symbol the executable
 * defines first. Only where the version is the one whose code this was read from. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n) memcpy(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    if (n) memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* Appends operators to a page's content stream as they are: libharu 2.3.0 has no TJ, so text runs
 * are written through here (see pdf_text). */
static bool page_write(HPDF_Page page, const pk_buf *b)
{
    HPDF_PageAttr a = page->attr;
    return HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len) == HPDF_OK;
}

/* The page's resource name for font ("F1"), added to its resources when new. */
static const char *font_name(HPDF_Page page, HPDF_Font font)
{
    return HPDF_Page_GetLocalFontName(page, font);
}

/* One bfchar or bfrange line into block; every 100 lines the block goes to b (at most 100
 * entries per block: PDF 32000-1, 9.10.3). */
static void cmap_entry(pk_buf *b, pk_buf *block, size_t *n, const char *kind, unsigned from,
                       unsigned to, uint32_t cp)
{
    if (from == to)
        pk_buf_printf(block, "<%04X> <%04X>\n", from, (unsigned)cp);
    else
        pk_buf_printf(block, "<%04X> <%04X> <%04X>\n", from, to, (unsigned)cp);
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
    pk_buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
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
            cmap_entry(&b, &chars, &n_chars, "bfchar", cid, cid, cp);
        else
            cmap_entry(&b, &ranges, &n_ranges, "bfrange", cid, last, cp);
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
    /* U+FFFF is never mapped (a noncharacter): its advance is the .notdef's */
    HPDF_REAL notdef = (HPDF_REAL)(advance_of(f, id, 0xFFFF) * per_unit);
    for (uint32_t cp = first; cp < 0x10000 && st == HPDF_OK; cp = next_used(pf->used, cp + 1)) {
        for (unsigned cid = cid_of(pf, cp); next < cid && st == HPDF_OK; next++)
            st += HPDF_Array_AddReal(run, notdef);
        st += HPDF_Array_AddReal(run, (HPDF_REAL)(advance_of(f, id, cp) * per_unit));
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

static bool fix_font(HPDF_Font font, const pk_fonts *f, int id, const pdf_font *pf)
{
    HPDF_FontAttr attr = font->attr;
    if (!attr || attr->type != HPDF_FONT_TYPE0_TT || !attr->descendant_font) return false;
    HPDF_Dict cid_font = attr->descendant_font;
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
#define HPDF_INTERNALS 0
static bool page_write(HPDF_Page page, const pk_buf *b)
{
    (void)page, (void)b;
    return false; /* never called: only fonts with exact widths are written as TJ */
}

static const char *font_name(HPDF_Page page, HPDF_Font font)
{
    (void)page, (void)font;
    return NULL;
}

static bool fix_font(HPDF_Font font, const pk_fonts *f, int id, const pdf_font *pf)
{
    (void)font, (void)f, (void)id, (void)pf;
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
#include <hpdf_conf.h>
#include <hpdf_doc.h>

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
static int embed_fonts(pdf_doc *doc)
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
        const char *name = load_font(doc, pf, &sub);
        if (!name && !doc->err && !doc->failed) doc->err = HPDF_FAILD_TO_ALLOC_MEM;
        if (doc->failed) {
            rc = -1;
            break;
        }
        encoder_state keep;
        rank_chars(pf);
        narrow_encoder(doc->utf8, pf, &keep);
        pf->font = name ? HPDF_GetFont(doc->pdf, name, "UTF-8") : NULL;
        restore_encoder(doc->utf8, pf, &keep);
        if (!pf->font || doc->err) {
            rc = hpdf_fail(doc);
            break;
        }
        pf->upem = pk_fonts_units_per_em(doc->fonts, (int)id);
        pf->exact_widths = fix_font(pf->font, doc->fonts, (int)id, pf);
        if (HPDF_INTERNALS && !pf->exact_widths && !doc->err) {
            /* the font was made with cid_of's CIDs, which only text_tj writes */
            rc = doc->failed = pk_diag_add(doc->d, PK_FAIL_IO,
                                           "error: PDF: libharu made the font \"%s\" in a form "
                                           "presskit does not know",
                                           pk_fonts_family(doc->fonts, (int)id));
            break;
        }
        if (doc->err) {
            rc = hpdf_fail(doc);
            break;
        }
    }
    free(cps);
    pk_buf_fini(&sub);
    return rc;
}

/* ---- graphics state ---- */

/* Sets the fill and stroke alphas through an ExtGState (made once per pair per document). */
static void set_alpha(pdf_page *pg, unsigned char fill_a, unsigned char stroke_a)
{
    if (pg->gs.fill_a == fill_a && pg->gs.stroke_a == stroke_a) return;
    pdf_doc *doc = pg->doc;
    HPDF_ExtGState gs = NULL;
    for (size_t i = 0; i < doc->n_alphas && !gs; i++)
        if (doc->alphas[i].fill == fill_a && doc->alphas[i].stroke == stroke_a)
            gs = doc->alphas[i].gs;
    if (!gs) {
        gs = HPDF_CreateExtGState(doc->pdf);
        if (!gs) return;
        HPDF_ExtGState_SetAlphaFill(gs, fill_a / 255.0f);
        HPDF_ExtGState_SetAlphaStroke(gs, stroke_a / 255.0f);
        doc->alphas = pk_xrealloc(doc->alphas, (doc->n_alphas + 1) * sizeof *doc->alphas);
        doc->alphas[doc->n_alphas++] = (gstate_alpha){fill_a, stroke_a, gs};
    }
    HPDF_Page_SetExtGState(pg->page, gs);
    pg->gs.fill_a = fill_a;
    pg->gs.stroke_a = stroke_a;
}

static bool same_rgb(pk_rgba a, pk_rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Writes a colour operator: "g"/"G" for a grey, "rg"/"RG" for any other, in thousandths
 * (finer than 8-bit channels need); through libharu where its internals are not known. */
static void put_colour(pdf_page *pg, pk_rgba c, bool stroke)
{
    if (!HPDF_INTERNALS) {
        if (stroke) HPDF_Page_SetRGBStroke(pg->page, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
        else HPDF_Page_SetRGBFill(pg->page, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f);
        return;
    }
    pk_buf *b = &pg->doc->ops;
    put_num(b, c.r / 255.0);
    if (c.r == c.g && c.g == c.b) {
        pk_buf_adds(b, stroke ? " G\n" : " g\n");
    } else {
        pk_buf_addc(b, ' ');
        put_num(b, c.g / 255.0);
        pk_buf_addc(b, ' ');
        put_num(b, c.b / 255.0);
        pk_buf_adds(b, stroke ? " RG\n" : " rg\n");
    }
    flush_ops(pg);
}

static void set_fill(pdf_page *pg, pk_rgba c)
{
    if (pg->gs.fill.a == 0 || !same_rgb(pg->gs.fill, c)) {
        put_colour(pg, c, false);
        pg->gs.fill = c;
        pg->gs.fill.a = 255; /* "set" */
    }
}

static void set_stroke(pdf_page *pg, pk_rgba c, double w)
{
    if (pg->gs.stroke.a == 0 || !same_rgb(pg->gs.stroke, c)) {
        put_colour(pg, c, true);
        pg->gs.stroke = c;
        pg->gs.stroke.a = 255;
    }
    if (pg->gs.line_w != w) {
        HPDF_Page_SetLineWidth(pg->page, R(w));
        pg->gs.line_w = w;
    }
}

/* How a path is painted, decided before it is built: PDF allows no state change between a
 * path's construction and its painting operator. */
typedef enum paint_kind { PAINT_NONE, PAINT_FILL, PAINT_STROKE, PAINT_BOTH } paint_kind;

/* Sets colours, alphas and the line width for filling and/or stroking (fill first, nonzero
 * rule, as SVG paints); returns what paint_path must do. */
static paint_kind prepare_paint(pdf_page *pg, pk_rgba fill, pk_rgba stroke, double stroke_w)
{
    bool do_fill = fill.a != 0, do_stroke = stroke.a != 0 && stroke_w > 0 && isfinite(stroke_w);
    if (!do_fill && !do_stroke) return PAINT_NONE;
    set_alpha(pg, do_fill ? fill.a : pg->gs.fill_a, do_stroke ? stroke.a : pg->gs.stroke_a);
    if (do_fill) set_fill(pg, fill);
    if (do_stroke) set_stroke(pg, stroke, stroke_w);
    return do_fill && do_stroke ? PAINT_BOTH : do_fill ? PAINT_FILL : PAINT_STROKE;
}

/* Paints the path just built; ends it. */
static void paint_path(pdf_page *pg, paint_kind k)
{
    switch (k) {
    case PAINT_NONE:
        HPDF_Page_EndPath(pg->page);
        break;
    case PAINT_FILL:
        HPDF_Page_Fill(pg->page);
        break;
    case PAINT_STROKE:
        HPDF_Page_Stroke(pg->page);
        break;
    case PAINT_BOTH:
        HPDF_Page_FillStroke(pg->page);
        break;
    }
}

/* ---- the painter ---- */

/* A rectangle in PDF coordinates, with a positive size whatever the scene's signs. */
static void rect_path(pdf_page *pg, double x, double y, double w, double h)
{
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    HPDF_Page_Rectangle(pg->page, R(x), R(pg->h - y - h), R(w), R(h));
}

static void pdf_rect(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (stopped(pg->doc)) return;
    paint_kind k = prepare_paint(pg, op->fill, op->stroke, op->stroke_w);
    if (k == PAINT_NONE) return;
    rect_path(pg, op->x, op->y, op->w, op->h);
    paint_path(pg, k);
}

static void pdf_line(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (stopped(pg->doc)) return;
    if (op->stroke.a == 0 || !(op->stroke_w > 0) || !isfinite(op->stroke_w)) return;
    HPDF_Page page = pg->page;
    double dash = isfinite(op->dash) && op->dash > 0 ? op->dash : 0;
    if (dash == 0) {
        paint_kind k = prepare_paint(pg, PK_NONE, op->stroke, op->stroke_w);
        HPDF_Page_MoveTo(page, R(op->x), R(pg->h - op->y));
        HPDF_Page_LineTo(page, R(op->x2), R(pg->h - op->y2));
        paint_path(pg, k);
        return;
    }
    /* libharu takes dash lengths as whole numbers from 1 to 100 only. Such a dash is written as
     * is; any other is drawn in a coordinate system scaled about the line's start by s = u /
     * dash, where the dash is exactly u units (u <= 100, and as large as keeps the line's
     * length in units within the coordinates libharu writes). One length: as long on as off,
     * from the start, as the SVG and PNG painters draw it. */
    double len = hypot(op->x2 - op->x, op->y2 - op->y);
    double s = 1, on = dash;
    if (fabs(dash - round(dash)) > 1e-6 || dash > 100) {
        double u = len > 0 ? floor(MAX_COORD * dash / len) : 100;
        if (u > 100) u = 100;
        if (u < 1) u = 1; /* a dash finer than 1/32000 of the line: not worth a special case */
        s = u / dash;
        on = u;
    }
    HPDF_UINT16 pattern[2] = {(HPDF_UINT16)on, (HPDF_UINT16)on};
    gstate keep = pg->gs;
    HPDF_Page_GSave(page);
    pg->open_q++;
    if (s != 1)
        HPDF_Page_Concat(page, (HPDF_REAL)(1 / s), 0, 0, (HPDF_REAL)(1 / s), R(op->x),
                         R(pg->h - op->y));
    HPDF_Page_SetDash(page, pattern, 2, 0);
    pg->gs.line_w = -1;
    paint_kind k = prepare_paint(pg, PK_NONE, op->stroke, op->stroke_w * s);
    if (s != 1) {
        HPDF_Page_MoveTo(page, 0, 0);
        HPDF_Page_LineTo(page, R((op->x2 - op->x) * s), R((op->y - op->y2) * s));
    } else {
        HPDF_Page_MoveTo(page, R(op->x), R(pg->h - op->y));
        HPDF_Page_LineTo(page, R(op->x2), R(pg->h - op->y2));
    }
    paint_path(pg, k);
    HPDF_Page_GRestore(page);
    pg->open_q--;
    pg->gs = keep;
}

static void pdf_path(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (stopped(pg->doc)) return;
    if (op->n_pts < 2 || !op->pts) return;
    pk_rgba fill = op->closed ? op->fill : PK_NONE; /* an open path is a line: no fill */
    paint_kind k = prepare_paint(pg, fill, op->stroke, op->stroke_w);
    if (k == PAINT_NONE) return;
    HPDF_Page_MoveTo(pg->page, R(op->pts[0]), R(pg->h - op->pts[1]));
    for (size_t i = 1; i < op->n_pts; i++)
        HPDF_Page_LineTo(pg->page, R(op->pts[2 * i]), R(pg->h - op->pts[2 * i + 1]));
    if (op->closed) HPDF_Page_ClosePath(pg->page);
    paint_path(pg, k);
}

/* Shows the piece of a run gathered in doc->seg at x (PDF coordinates) on baseline y. */
static void show_piece(pdf_page *pg, size_t *len, double x, double y)
{
    if (*len == 0) return;
    pg->doc->seg[*len] = '\0';
    HPDF_Page_TextOut(pg->page, R(x), R(y), pg->doc->seg);
    *len = 0;
}

/* A number as content streams want it: at most three decimals, no trailing zeros, no exponent.
 * Coordinates are within MAX_COORD and TJ adjustments within a few thousand, so a long holds
 * the thousandths. */
static void put_num(pk_buf *b, double v)
{
    long m = lround(v * 1000);
    char tmp[32], *e = tmp + sizeof tmp, *p = e;
    bool neg = m < 0;
    unsigned long u = neg ? 0UL - (unsigned long)m : (unsigned long)m;
    unsigned long frac = u % 1000, whole = u / 1000;
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        while (digits-- > 0) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (neg) *--p = '-';
    pk_buf_add(b, p, (size_t)(e - p));
}

/* A glyph's CID (see cid_of) as two bytes of a literal string, escaped where PDF needs it: the
 * delimiters and backslash, and CR, which a reader would turn into LF. */
static size_t put_cid(char *out, uint16_t cid)
{
    unsigned char two[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
    size_t n = 0;
    for (int i = 0; i < 2; i++) {
        unsigned char c = two[i];
        if (c == '(' || c == ')' || c == '\\' || c == '\r') out[n++] = '\\';
        out[n++] = c == '\r' ? 'r' : (char)c;
    }
    return n; /* at most 4 */
}

/* The run as one TJ: "x y Td [(...) adj (...)] TJ", each glyph where fonts/ measured it. The
 * font's /W holds the exact advances (fix_font), so the PDF's own position after a glyph is the
 * measured one and an adjustment is needed only where the measurement moves on differently: at
 * a kerned pair, over a control character (which takes its advance and shows nothing, as in the
 * PNG), after a U+FFFD drawn for a character libharu cannot encode. Coordinates are in the
 * (possibly zoomed) text space: x, y the run's start, k points per font unit, size the font size. */
static void text_tj(pdf_page *pg, size_t n, int font, double dx, double dy, double k, double size)
{
    pdf_doc *doc = pg->doc;
    pk_buf *b = &doc->ops;
    put_num(b, dx);
    pk_buf_addc(b, ' ');
    put_num(b, dy);
    pk_buf_adds(b, " Td[");
    long at = 0;      /* measured position of the next glyph, font units from x */
    double drawn = 0; /* where the PDF puts it, in points from x */
    char str[256];    /* the open string's bytes, added to b when full or closed */
    size_t len = 0;
    bool open = false;
    for (size_t i = 0; i < n; i++) {
        const pk_glyph *g = &doc->glyphs[i];
        at += g->kern;
        if (g->cp < 0x20) {
            at += g->advance;
            continue;
        }
        double gap = at * k - drawn;
        if (fabs(gap) * 1000 / size >= 0.0005) {
            if (open) {
                str[len++] = ')';
                pk_buf_add(b, str, len);
                len = 0;
            }
            open = false;
            put_num(b, -gap * 1000 / size);
            drawn = at * k;
        }
        if (!open) str[len++] = '(';
        open = true;
        uint32_t cp = pdf_cp(g->cp);
        len += put_cid(str + len, cid_of(&doc->f[font], cp));
        if (len > sizeof str - 6) {
            pk_buf_add(b, str, len);
            len = 0;
        }
        drawn += (cp == g->cp ? g->advance : advance_of(doc->fonts, font, cp)) * k;
        at += g->advance;
    }
    if (open) str[len++] = ')';
    pk_buf_add(b, str, len);
    pk_buf_adds(b, "]TJ\n");
}

/* A run drawn with the true minus sign (U+2212, as the scenes draw negative numbers) is marked
 * as a span whose /ActualText has a hyphen-minus there, so that a figure copied out of the PDF
 * ("-1.7%") pastes as a number into a spreadsheet or a search box, as brief.md's does; the page
 * still shows the minus sign. Appends "/Span<</ActualText<FEFF...>>>BDC" and returns true, or
 * returns false when the run has no minus sign (and appends nothing). */
static bool actual_text_begin(pk_buf *b, const char *text)
{
    if (!strstr(text, "\xE2\x88\x92")) return false;
    pk_buf_adds(b, "/Span<</ActualText<FEFF");
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        uint32_t c = *p;
        int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        if (n) c &= 0x3Fu >> n;
        for (int i = 1; i <= n && p[i]; i++) c = c << 6 | (p[i] & 0x3F);
        for (int i = 0; i <= n && *p; i++) p++;
        if (c < 0x20) continue; /* drawn as nothing */
        if (c == 0x2212) c = '-';
        if (c >= 0x10000) { /* UTF-16: a surrogate pair */
            c -= 0x10000;
            pk_buf_printf(b, "%04X%04X", 0xD800 + (unsigned)(c >> 10), 0xDC00 + (unsigned)(c & 0x3FF));
        } else {
            pk_buf_printf(b, "%04X", (unsigned)c);
        }
    }
    pk_buf_adds(b, ">>>BDC\n");
    return true;
}

/* Writes the operators gathered in doc->ops to the page (and empties it). */
static void flush_ops(pdf_page *pg)
{
    pdf_doc *doc = pg->doc;
    if (doc->ops.len && !page_write(pg->page, &doc->ops) && !doc->err)
        doc->err = HPDF_FAILD_TO_ALLOC_MEM;
    pk_buf_reset(&doc->ops);
}

/* Closes the text object pdf_text left open; every painter call that draws anything else, and
 * the end of the page, comes here first. */
static void end_text(pdf_page *pg)
{
    if (!pg->in_text) return;
    pk_buf_adds(&pg->doc->ops, "ET\n");
    flush_ops(pg);
    pg->in_text = false;
}

/* Each glyph goes where the scene's measurement put it (fonts/ added advances and pair kerning;
 * the run starts at x less the measured width for END, half of it for MIDDLE), so the run
 * occupies exactly text_w and never overshoots its anchor. libharu has no TJ (no kerning
 * inside a string), so the run is cut into pieces, each placed by Td: at every kerned pair, after
 * a control character (which takes its advance and shows nothing, as in the PNG), after a
 * character libharu cannot encode, and, should the font's widths be libharu's rounded ones (see
 * fix_font), wherever they have drifted DRIFT_PT from the measured positions. Horizontal
 * scaling (Tz) would fit the run's ends but move every glyph inside it and stretch their
 * shapes; pieces keep both, and copy and search as one run (viewers join pieces that touch). */
static void pdf_text(void *ctx, const pk_scene *s, const pk_op *op)
{
    pdf_page *pg = ctx;
    pdf_doc *doc = pg->doc;
    if (stopped(doc) || !text_drawn(op)) return;
    pdf_font *pf = &doc->f[op->font]; /* checked in collect_chars */
    size_t len = strlen(op->text);
    size_t n = pk_fonts_glyphs(s->fonts, op->font, op->text, len, doc->glyphs, doc->glyph_cap);
    if (n > doc->glyph_cap) {
        doc->glyph_cap = n;
        doc->glyphs = pk_xrealloc(doc->glyphs, n * sizeof *doc->glyphs);
        pk_fonts_glyphs(s->fonts, op->font, op->text, len, doc->glyphs, n);
    }
    if (doc->seg_cap < 3 * n + 1) {
        doc->seg_cap = 3 * n + 1;
        doc->seg = pk_xrealloc(doc->seg, doc->seg_cap);
    }
    double w = isfinite(op->text_w) ? op->text_w : 0;
    double x0 = op->x - (op->anchor == PK_ANCHOR_END      ? w
                         : op->anchor == PK_ANCHOR_MIDDLE ? w / 2
                                                          : 0);
    double y = pg->h - op->y, k = op->size / pf->upem, em = op->size / 1000;
    /* libharu refuses sizes over 600 pt: larger text is drawn at 600 pt in a scaled space */
    double zoom = op->size > HPDF_MAX_FONTSIZE ? op->size / HPDF_MAX_FONTSIZE : 1;
    const char *fname = pf->exact_widths && zoom == 1 ? font_name(pg->page, pf->font) : NULL;
    if (!fname) end_text(pg);
    /* colour and alpha operators are allowed inside a text object */
    set_alpha(pg, op->fill.a, pg->gs.stroke_a);
    set_fill(pg, op->fill);
    if (fname) {
        /* consecutive runs share one text object: a Tf only when the font changes, each run
         * placed by Td from the previous one's start */
        pk_buf *b = &doc->ops;
        if (!pg->in_text) {
            pk_buf_adds(b, "BT\n");
            pg->in_text = true;
            pg->tf_font = -1;
            pg->tx = pg->ty = 0;
        }
        if (pg->tf_font != op->font || pg->tf_size != op->size) {
            pk_buf_printf(b, "/%s ", fname);
            put_num(b, op->size);
            pk_buf_adds(b, " Tf\n");
            pg->tf_font = op->font;
            pg->tf_size = op->size;
        }
        /* the moves as written (thousandths), so that rounding never adds up along a page */
        double dx = lround((R(x0) - pg->tx) * 1000) / 1000.0;
        double dy = lround((R(y) - pg->ty) * 1000) / 1000.0;
        bool span = actual_text_begin(b, op->text);
        text_tj(pg, n, op->font, dx, dy, k, op->size);
        if (span) pk_buf_adds(b, "EMC\n");
        pg->tx += dx;
        pg->ty += dy;
        flush_ops(pg);
        return;
    }
    if (zoom != 1) {
        HPDF_Page_GSave(pg->page);
        pg->open_q++;
        HPDF_Page_Concat(pg->page, (HPDF_REAL)zoom, 0, 0, (HPDF_REAL)zoom, 0, 0);
    }
    /* the span around the whole text object: libharu writes BT and ET itself */
    bool span = actual_text_begin(&doc->ops, op->text);
    flush_ops(pg);
    HPDF_Page_BeginText(pg->page);
    HPDF_Page_SetFontAndSize(pg->page, pf->font, R(op->size / zoom));
    if (pf->exact_widths) {
        text_tj(pg, n, op->font, R(x0 / zoom), R(y / zoom), k / zoom, op->size / zoom);
        flush_ops(pg);
        HPDF_Page_EndText(pg->page);
        if (span) {
            pk_buf_adds(&doc->ops, "EMC\n");
            flush_ops(pg);
        }
        if (zoom != 1) {
            HPDF_Page_GRestore(pg->page);
            pg->open_q--;
        }
        return;
    }
    long at = 0;        /* measured position of the next glyph, font units from x0 */
    double drawn = 0;   /* where libharu will put it, points from x0 */
    double piece_x = 0; /* the open piece's start, points from x0 */
    size_t piece = 0;   /* its bytes in doc->seg */
    bool cut = false;   /* the next glyph must start a piece */
    for (size_t i = 0; i < n; i++) {
        const pk_glyph *g = &doc->glyphs[i];
        at += g->kern;
        if (g->kern != 0 || cut || fabs(drawn - at * k) > DRIFT_PT) {
            show_piece(pg, &piece, (x0 + piece_x) / zoom, y / zoom);
            cut = false;
        }
        if (g->cp < 0x20) {
            at += g->advance;
            cut = true;
            continue;
        }
        if (piece == 0) drawn = piece_x = at * k;
        uint32_t cp = pdf_cp(g->cp);
        piece += put_utf8(doc->seg + piece, cp);
        /* the width the PDF gives this glyph: exact after fix_font, else libharu's whole
         * thousandths of an em, rounded down (HPDF_TTFontDef_GetGidWidth); a substituted
         * U+FFFD's differs from the measured character's, so cut after it */
        drawn += pf->exact_widths ? g->advance * k : floor(g->advance * 1000.0 / pf->upem) * em;
        cut = cp != g->cp;
        at += g->advance;
    }
    show_piece(pg, &piece, (x0 + piece_x) / zoom, y / zoom);
    HPDF_Page_EndText(pg->page);
    if (span) {
        pk_buf_adds(&doc->ops, "EMC\n");
        flush_ops(pg);
    }
    if (zoom != 1) {
        HPDF_Page_GRestore(pg->page);
        pg->open_q--;
    }
}

static void pdf_clip(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (stopped(pg->doc)) return;
    if (pg->clips == MAX_GSTATE - 1) { /* one level left for a dashed line's q */
        pg->doc->failed = pk_diag_add(pg->doc->d, PK_FAIL_INPUT,
                                      "error: PDF: page %zu: clips nested more than %d deep",
                                      pg->doc->page_no, MAX_GSTATE - 1);
        return;
    }
    pg->saved[pg->clips++] = pg->gs;
    HPDF_Page_GSave(pg->page);
    pg->open_q++;
    rect_path(pg, op->x, op->y, op->w, op->h);
    HPDF_Page_Clip(pg->page);
    HPDF_Page_EndPath(pg->page);
}

static void pdf_unclip(void *ctx)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (stopped(pg->doc) || pg->clips == 0) return; /* a stray UNCLIP restores nothing */
    HPDF_Page_GRestore(pg->page);
    pg->open_q--;
    pg->gs = pg->saved[--pg->clips];
}

/* Groups only name things; libharu 2.3.0 has no marked-content operators (BMC is "not
 * implemented yet" in hpdf.h), so the PDF has no structure for them. */
static void pdf_group(void *ctx, const pk_op *op)
{
    (void)ctx;
    (void)op;
}

static void pdf_ungroup(void *ctx)
{
    (void)ctx;
}

/* ---- images ---- */

/* A PNG decoded with libpng's simplified API (layouts/image.c; libharu 2.3.0's own PNG loader
 * lets libpng abort the process on a corrupt file). The pixels go to libharu as raw 8-bit RGB or
 * grey, with the alpha channel as a soft mask. */
static HPDF_Image load_png(pdf_doc *doc, const pk_op *op)
{
    pk_image_pixels img;
    pk_buf why = PK_BUF_INIT;
    pk_image_verdict v = pk_image_png_decode(op->blob, op->blob_len, &img, &why);
    if (v == PK_IMAGE_TOO_LARGE)
        doc->failed = pk_diag_add(doc->d, PK_FAIL_INPUT,
                                  "error: PDF: page %zu: the PNG image is %u x %u pixels; at most "
                                  "%u million pixels",
                                  doc->page_no, img.width_px, img.height_px, MAX_IMAGE_PX / 1000000);
    else if (v != PK_IMAGE_OK)
        doc->failed = pk_diag_add(doc->d, PK_FAIL_INPUT,
                                  "error: PDF: page %zu: the image is not a valid PNG (%s)",
                                  doc->page_no, pk_buf_str(&why));
    pk_buf_fini(&why);
    if (v != PK_IMAGE_OK) return NULL;
    bool color = img.color, alpha = img.alpha;
    size_t ch = img.channels, px = (size_t)img.width_px * img.height_px;
    unsigned char *pixels = img.pixels;
    unsigned char *mask = NULL;
    if (alpha) { /* split the interleaved alpha off, in place for the colour */
        size_t cc = ch - 1;
        mask = pk_xmalloc(px);
        for (size_t i = 0; i < px; i++) {
            memmove(pixels + i * cc, pixels + i * ch, cc);
            mask[i] = pixels[i * ch + cc];
        }
    }
    HPDF_Image image =
        HPDF_LoadRawImageFromMem(doc->pdf, pixels, img.width_px, img.height_px,
                                 color ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
    if (image && mask) {
        HPDF_Image smask =
            HPDF_LoadRawImageFromMem(doc->pdf, mask, img.width_px, img.height_px, HPDF_CS_DEVICE_GRAY, 8);
        if (smask) HPDF_Image_AddSMask(image, smask);
    }
    free(pixels);
    free(mask);
    return doc->err ? NULL : image;
}

/* Checks a JPEG's structure before libharu copies it whole into the PDF (it reads only the
 * frame header): SOI, well-formed segments up to a baseline or progressive frame of 8-bit
 * samples in 1, 3 or 4 components, a scan, and an EOI after it. 0 or -1 with a message. */
static int check_jpeg(pdf_doc *doc, const unsigned char *p, size_t n)
{
    const char *why = pk_image_jpeg_problem(p, n, NULL, NULL);
    if (!why) return 0;
    return doc->failed = pk_diag_add(doc->d, PK_FAIL_INPUT,
                                     "error: PDF: page %zu: the image is not a valid JPEG (%s)",
                                     doc->page_no, why);
}

static void pdf_image(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    pdf_doc *doc = pg->doc;
    if (stopped(doc)) return;
    if (!op->blob || op->blob_len == 0 || op->blob_len > UINT32_MAX) {
        doc->failed = pk_diag_add(doc->d, PK_FAIL_INPUT, "error: PDF: page %zu: an empty image",
                                  doc->page_no);
        return;
    }
    HPDF_Image image = NULL;
    for (size_t i = 0; i < doc->n_images && !image; i++)
        if (doc->images[i].blob == op->blob && doc->images[i].len == op->blob_len)
            image = doc->images[i].image;
    if (!image) {
        if (op->image_fmt == PK_IMAGE_JPEG) {
            if (check_jpeg(doc, op->blob, op->blob_len) != 0) return;
            image = HPDF_LoadJpegImageFromMem(doc->pdf, op->blob, (HPDF_UINT)op->blob_len);
        } else {
            image = load_png(doc, op);
        }
        if (!image || stopped(doc)) {
            if (!doc->failed) hpdf_fail(doc);
            return;
        }
        doc->images = pk_xrealloc(doc->images, (doc->n_images + 1) * sizeof *doc->images);
        doc->images[doc->n_images++] = (image_entry){op->blob, op->blob_len, image};
    }
    double x = op->x, y = op->y, w = op->w, h = op->h;
    if (!(fabs(w) > 0) || !(fabs(h) > 0)) return;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    HPDF_Page_DrawImage(pg->page, image, R(x), R(pg->h - y - h), R(w), R(h));
}

/* A link's URL as a URI: PDF wants 7-bit ASCII there, so other bytes, spaces and controls are
 * percent-encoded (what a browser does with an IRI). NUL-terminated in b. */
static const char *uri_text(pk_buf *b, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    pk_buf_reset(b);
    for (const unsigned char *p = (const unsigned char *)url; *p && b->len < MAX_STRING; p++) {
        if (*p <= 0x20 || *p >= 0x7F) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            pk_buf_add(b, e, 3);
        } else {
            pk_buf_addc(b, (char)*p);
        }
    }
    return pk_buf_str(b);
}

static void pdf_link(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    if (stopped(pg->doc) || !op->text || !op->text[0]) return;
    double x = op->x, y = op->y, w = op->w, h = op->h;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    HPDF_Rect r = {R(x), R(pg->h - y - h), R(x + w), R(pg->h - y)};
    pk_buf u = PK_BUF_INIT;
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg->page, r, uri_text(&u, op->text));
    pk_buf_fini(&u);
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0); /* no box drawn around it */
}

/* An outline entry under the last entry one level up; a level deeper than the entries so far
 * (a level-2 mark with no level-1 entry before it) is taken as one level below the deepest. */
static void pdf_mark(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    pdf_doc *doc = pg->doc;
    if (stopped(doc) || !op->text) return;
    int level = op->level < 0 ? 0 : op->level;
    if (level > doc->outline_depth) level = doc->outline_depth;
    if (level >= MAX_OUTLINE_DEPTH) level = MAX_OUTLINE_DEPTH - 1;
    pk_buf t = PK_BUF_INIT;
    const char *title = clean_text(&t, op->text);
    /* an ASCII title is written as it is, (Tasks); any other as UTF-16, <FEFF0054...>, four
     * times the bytes */
    bool ascii = true;
    for (const char *c = title; *c && ascii; c++) ascii = (unsigned char)*c < 0x80;
    HPDF_Outline o = HPDF_CreateOutline(doc->pdf, level ? doc->outline[level - 1] : NULL, title,
                                        ascii ? NULL : doc->utf8);
    pk_buf_fini(&t);
    if (!o) return;
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    HPDF_Destination dst = HPDF_Page_CreateDestination(pg->page);
    double top = pg->h - (isfinite(op->y) ? op->y : 0);
    if (top < 0) top = 0;
    if (top > pg->h) top = pg->h;
    /* FitH: the page's width fills the window, scrolled to the mark (libharu's XYZ insists on a
     * zoom, which would change the reader's own) */
    if (dst) HPDF_Destination_SetFitH(dst, R(top));
    if (dst) HPDF_Outline_SetDestination(o, dst);
    doc->outline[level] = o;
    doc->outline_depth = level + 1;
}

static int pdf_begin(void *ctx, const pk_scene *s)
{
    pdf_page *pg = ctx;
    pg->page = HPDF_AddPage(pg->doc->pdf);
    if (!pg->page) return hpdf_fail(pg->doc);
    HPDF_Page_SetWidth(pg->page, (HPDF_REAL)s->width);
    HPDF_Page_SetHeight(pg->page, (HPDF_REAL)s->height);
    /* SVG's miter limit (PDF's default is 10), as the PNG painter sets it */
    HPDF_Page_SetMiterLimit(pg->page, 4);
    if (s->background.a) {
        paint_kind k = prepare_paint(pg, s->background, PK_NONE, 0);
        HPDF_Page_Rectangle(pg->page, 0, 0, (HPDF_REAL)s->width, (HPDF_REAL)s->height);
        paint_path(pg, k);
    }
    return stopped(pg->doc) ? -1 : 0;
}

static int pdf_end(void *ctx, const pk_scene *s)
{
    pdf_page *pg = ctx;
    end_text(pg);
    (void)s;
    while (pg->clips && !stopped(pg->doc))
        pdf_unclip(pg);
    return stopped(pg->doc) ? -1 : 0;
}

/* After a page, painted or not: every q still open is closed, even after an error (libharu
 * skips every call once an error is recorded, so the error is reset first: its message is
 * already recorded), since libharu frees a page's saved graphics states only on Q. */
static void close_page(pdf_page *pg)
{
    if (!pg->page || pg->open_q == 0) return;
    stopped(pg->doc);
    if (pg->doc->err) HPDF_ResetError(pg->doc->pdf);
    for (; pg->open_q; pg->open_q--)
        HPDF_Page_GRestore(pg->page);
}

static const pk_painter pdf_painter = {
    .name = "pdf",
    .begin = pdf_begin,
    .rect = pdf_rect,
    .line = pdf_line,
    .path = pdf_path,
    .text = pdf_text,
    .clip = pdf_clip,
    .unclip = pdf_unclip,
    .group = pdf_group,
    .ungroup = pdf_ungroup,
    .image = pdf_image,
    .link = pdf_link,
    .mark = pdf_mark,
    .end = pdf_end,
};

/* ---- the document's info and bytes ---- */

static void set_info(pdf_doc *doc, const pk_pdf_info *info)
{
    pk_buf t = PK_BUF_INIT;
    if (info) {
        const struct {
            HPDF_InfoType type;
            const char *value;
        } fields[] = {{HPDF_INFO_TITLE, info->title},
                      {HPDF_INFO_SUBJECT, info->subject},
                      {HPDF_INFO_AUTHOR, info->author},
                      {HPDF_INFO_KEYWORDS, info->keywords}};
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            if (fields[i].value && fields[i].value[0])
                HPDF_SetInfoAttr(doc->pdf, fields[i].type, clean_text(&t, fields[i].value));
    }
    HPDF_SetInfoAttr(doc->pdf, HPDF_INFO_CREATOR, "presskit " PRESSKIT_VERSION);
    /* Producer stays libharu's own ("Haru Free PDF Library 2.3.0"): it made the file. No date
     * unless the build asks for one, so the bytes depend only on the input. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && strlen(sde) < 12 && strspn(sde, "0123456789") == strlen(sde)) {
        time_t t0 = (time_t)strtoll(sde, NULL, 10);
        struct tm tm;
        if (gmtime_r(&t0, &tm) && tm.tm_year + 1900 <= 9999) {
            HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec,         'Z',           0,          0};
            HPDF_SetInfoDateAttr(doc->pdf, HPDF_INFO_CREATION_DATE, date);
        }
    }
    pk_buf_fini(&t);
}

#if HPDF_INTERNALS
/* The document as PDF 1.5 with every object that is not a stream packed into one compressed
 * object stream, and a compressed cross-reference stream in place of the xref table (PDF 32000-1,
 * 7.5.7 and 7.5.8). libharu 2.3.0 writes each object plain, with an indirect object for each
 * stream's /Length and a 20-byte xref line for every object: a quarter of a 14-page brief
 * (17 KB of 69 KB) was dictionaries, outline entries, link annotations, font widths and the
 * xref table, which deflate takes down to about 3 KB.
 *
 * The objects are serialized by libharu (HPDF_Obj_WriteValue) in libharu's own order, so
 * before-write hooks run as in HPDF_SaveToStream and objects they add (a font's descriptor and
 * file) are reached in turn. A stream's /Length is an object of its own, after the stream, whose
 * value libharu sets while writing the stream; plain numbers are serialized last so that every
 * such value is final. Streams go to the file as they are; everything else into the object
 * stream. */
typedef struct pack_sink {
    pk_buf *to;
} pack_sink;

static HPDF_STATUS pack_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    pack_sink *sink = s->attr;
    pk_buf_add(sink->to, p, n);
    return HPDF_OK;
}

/* Bytes to hold v, big-endian, at least min. */
static int field_width(size_t v, int min)
{
    int n = 1;
    while (n < 8 && (v >> (8 * n)) != 0)
        n++;
    return n < min ? min : n;
}

static void put_field(pk_buf *b, size_t v, int width)
{
    for (int i = width - 1; i >= 0; i--)
        pk_buf_addc(b, (char)(unsigned char)(v >> (8 * i)));
}

/* Streams are deflated here, whole, by libdeflate (data/deflate.h), not by libharu, which ran
 * zlib at its default level with a fresh 256 KB state for every stream: a third of a PDF
 * batch's workers. The level, chosen by measuring the sample's brief (bench/bench_brief.c
 * under callgrind, instructions a brief; bytes):
 *     zlib level 6 through libharu (before)   48.4 M   54,480
 *     libdeflate level 1 / 2 / 4              29.1 M / 32.5 M / 32.7 M   56,746 / 55,723 / 55,041
 *     libdeflate level 6 (used)               34.5 M   54,071
 *     libdeflate level 9                      37.2 M   53,708
 * Level 6: the bytes no more than before, and a brief's instructions 29% fewer (with the copies
 * of HPDF_MemCpy and HPDF_MemSet above). */
enum { PDF_LEVEL = 6 };

static int pdf_level(void)
{
    static int level;
    if (!level) {
        const char *e = getenv("PK_PDF_LEVEL"); /* for the benchmark that chose PDF_LEVEL */
        int v = e ? atoi(e) : 0;
        level = v >= 1 && v <= 12 ? v : PDF_LEVEL;
    }
    return level;
}

/* Deflates src into dst (emptied first); false when it cannot. */
static bool deflate_to(pk_buf *dst, const pk_buf *src)
{
    pk_buf_reset(dst);
    return pk_zlib_compress(src->data ? src->data : "", src->len, pdf_level(), dst) == 0;
}

/* Writes stream object i, a dictionary with a memory stream that libharu would deflate, with
 * its data deflated here: the dictionary as libharu writes it (its before-write hook run
 * first, /Filter /FlateDecode, /Length the deflated size, set in its number object, which is
 * written later), then the data, framed as libharu frames it. raw and z are scratch. */
static int write_deflated(pdf_doc *doc, HPDF_UINT i, HPDF_Dict dict, HPDF_Stream w, pk_buf *obj,
                          pk_buf *raw, pk_buf *z, pk_buf *out)
{
    if (dict->before_write_fn && dict->before_write_fn(dict) != HPDF_OK) return -1;
    HPDF_Dict_BeforeWriteFunc before = dict->before_write_fn;
    HPDF_Stream data = dict->stream;
    pk_buf_reset(raw);
    HPDF_UINT chunks = HPDF_MemStream_GetBufCount(data);
    for (HPDF_UINT k = 0; k < chunks; k++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(data, k, &len);
        if (p && len) pk_buf_add(raw, p, len);
    }
    if (raw->len != data->size || !deflate_to(z, raw)) return -1;
    HPDF_Number length = HPDF_Dict_GetItem(dict, "Length", HPDF_OCLASS_NUMBER);
    if (!length || HPDF_Dict_AddName(dict, "Filter", "FlateDecode") != HPDF_OK) return -1;
    HPDF_Number_SetValue(length, (HPDF_INT32)z->len);
    /* the dictionary alone: without its stream libharu writes no data and sets no filter */
    dict->stream = NULL;
    dict->before_write_fn = NULL;
    pk_buf_reset(obj);
    HPDF_STATUS st = HPDF_Obj_WriteValue(dict, w, NULL);
    dict->stream = data;
    dict->before_write_fn = before;
    if (st != HPDF_OK || doc->err) return -1;
    pk_buf_printf(out, "%u 0 obj\n", i);
    pk_buf_add(out, obj->data, obj->len);
    pk_buf_adds(out, "\nstream\r\n");
    pk_buf_add(out, z->data, z->len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
    return 0;
}

/* Where each object is: in the file (kind 1, at offset) or in the object stream (kind 2, at
 * index). */
typedef struct pack_entry {
    unsigned char kind;
    size_t where;
} pack_entry;

static HPDF_UINT obj_num(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static int save_packed(pdf_doc *doc, pk_buf *out)
{
    HPDF_Doc pdf = doc->pdf;
    HPDF_Xref xref = pdf->xref;
    pk_buf obj = PK_BUF_INIT, heads = PK_BUF_INIT, bodies = PK_BUF_INIT, z = PK_BUF_INIT;
    pk_buf raw = PK_BUF_INIT;
    pack_entry *at = NULL;
    size_t n_at = 0, n_packed = 0;
    HPDF_UINT *numbers = NULL;
    size_t n_numbers = 0;
    int rc = -1;
    pack_sink sink = {&obj};
    HPDF_Stream w = HPDF_CallbackWriter_New(pdf->mmgr, pack_write, &sink);
    if (!w) goto done;
    const size_t base = out->len; /* the document is appended: offsets count from here */
    pk_buf_add(out, "%PDF-1.5\n%\xB7\xBE\xAD\xAA\n", 15);
    /* the list grows while it is walked: a font's before-write hook adds its descriptor and file */
    for (HPDF_UINT i = 1; i < xref->entries->count; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, i);
        if (i >= n_at) {
            n_at = 2 * i + 16;
            at = pk_xrealloc(at, n_at * sizeof *at);
        }
        const HPDF_Obj_Header *h = e->obj;
        if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_NUMBER) {
            numbers = pk_xrealloc(numbers, (n_numbers + 1) * sizeof *numbers);
            numbers[n_numbers++] = i;
            continue;
        }
        HPDF_Dict dict = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT ? e->obj : NULL;
        if (dict && dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
            dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams) {
            at[i] = (pack_entry){1, out->len - base};
            if (write_deflated(doc, i, dict, w, &obj, &raw, &z, out) != 0) goto done;
            continue;
        }
        pk_buf_reset(&obj);
        if (HPDF_Obj_WriteValue(e->obj, w, NULL) != HPDF_OK || doc->err) goto done;
        if (dict && dict->stream) {
            at[i] = (pack_entry){1, out->len - base};
            pk_buf_printf(out, "%u 0 obj\n", i);
            pk_buf_add(out, obj.data, obj.len);
            pk_buf_adds(out, "\nendobj\n");
        } else {
            at[i] = (pack_entry){2, n_packed++};
            pk_buf_printf(&heads, "%u %zu ", i, bodies.len);
            pk_buf_add(&bodies, obj.data, obj.len);
            pk_buf_addc(&bodies, '\n');
        }
    }
    for (size_t k = 0; k < n_numbers; k++) {
        HPDF_UINT i = numbers[k];
        sink.to = &bodies;
        at[i] = (pack_entry){2, n_packed++};
        pk_buf_printf(&heads, "%u %zu ", i, bodies.len);
        if (HPDF_Obj_WriteValue(HPDF_Xref_GetEntry(xref, i)->obj, w, NULL) != HPDF_OK ||
            doc->err)
            goto done;
        pk_buf_addc(&bodies, '\n');
    }
    HPDF_UINT n_objs = xref->entries->count, stm = n_objs, xrf = n_objs + 1;
    if (xrf + 1 > n_at) at = pk_xrealloc(at, (xrf + 1) * sizeof *at);
    size_t first = heads.len;
    pk_buf_add(&heads, bodies.data, bodies.len);
    if (!deflate_to(&z, &heads)) goto done;
    at[stm] = (pack_entry){1, out->len - base};
    pk_buf_printf(out,
                  "%u 0 obj\n<</Type/ObjStm/N %zu/First %zu/Filter/FlateDecode/Length %zu>>\n"
                  "stream\n",
                  stm, n_packed, first, z.len);
    pk_buf_add(out, z.data, z.len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
    /* the cross-reference stream: type, then offset or object stream, then generation or
     * index */
    size_t xref_at = out->len - base;
    at[xrf] = (pack_entry){1, xref_at};
    int w2 = field_width(xref_at > stm ? xref_at : stm, 1);
    int w3 = field_width(n_packed, 2);
    pk_buf_reset(&heads);
    put_field(&heads, 0, 1);
    put_field(&heads, 0, w2);
    put_field(&heads, 65535, w3);
    for (HPDF_UINT i = 1; i <= xrf; i++) {
        put_field(&heads, at[i].kind, 1);
        put_field(&heads, at[i].kind == 1 ? at[i].where : stm, w2);
        put_field(&heads, at[i].kind == 1 ? 0 : at[i].where, w3);
    }
    if (!deflate_to(&z, &heads)) goto done;
    pk_buf_printf(out, "%u 0 obj\n<</Type/XRef/Size %u/W[1 %d %d]/Root %u 0 R", xrf, xrf + 1, w2,
                  w3, obj_num(pdf->catalog));
    if (pdf->info) pk_buf_printf(out, "/Info %u 0 R", obj_num(pdf->info));
    pk_buf_printf(out, "/Filter/FlateDecode/Length %zu>>\nstream\n", z.len);
    pk_buf_add(out, z.data, z.len);
    pk_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
    rc = 0;
done:
    if (w) HPDF_Stream_Free(w);
    free(at);
    free(numbers);
    pk_buf_fini(&obj);
    pk_buf_fini(&heads);
    pk_buf_fini(&bodies);
    pk_buf_fini(&z);
    pk_buf_fini(&raw);
    return rc == 0 ? 0 : hpdf_fail(doc);
}
#endif

static int save(pdf_doc *doc, pk_buf *out)
{
#if HPDF_INTERNALS
    if (!doc->pdf->encrypt_on && !doc->pdf->xref->prev && doc->pdf->xref->start_offset == 0)
        return save_packed(doc, out);
#endif
    if (HPDF_SaveToStream(doc->pdf) != HPDF_OK || doc->err) return hpdf_fail(doc);
    unsigned char chunk[16384];
    for (;;) {
        HPDF_UINT32 n = sizeof chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(doc->pdf, chunk, &n);
        if (n) pk_buf_add(out, chunk, n);
        if (st == HPDF_STREAM_EOF) break;
        if (st != HPDF_OK) {
            if (!doc->err) doc->err = st;
            return hpdf_fail(doc);
        }
    }
    return 0;
}

int pk_pdf_write(const pk_scene *const *pages, size_t n_pages, const pk_pdf_info *info, pk_buf *out,
                 pk_diag *d)
{
    if (n_pages == 0 || !pages)
        return pk_diag_add(d, PK_FAIL_INPUT, "error: PDF: no pages to write");
    const pk_fonts *fonts = pages[0]->fonts;
    for (size_t i = 0; i < n_pages; i++) {
        const pk_scene *s = pages[i];
        if (!(s->width >= 3 && s->width <= 14400 && s->height >= 3 && s->height <= 14400))
            return pk_diag_add(d, PK_FAIL_INPUT,
                               "error: PDF: page %zu is %g x %g pt; a PDF page is 3 to 14400 pt "
                               "a side",
                               i + 1, s->width, s->height);
        if (s->fonts != fonts)
            return pk_diag_add(d, PK_FAIL_INPUT,
                               "error: PDF: page %zu uses other fonts than page 1 (expected one "
                               "pk_fonts for the whole document)",
                               i + 1);
    }
    pdf_doc doc = {.d = d, .fonts = fonts, .n_fonts = fonts ? pk_fonts_count(fonts) : 0};
    doc.f = pk_xcalloc(doc.n_fonts ? doc.n_fonts : 1, sizeof *doc.f);
    for (size_t i = 0; i < doc.n_fonts; i++)
        doc.f[i].fd = -1;
    size_t start = out->len, n_msgs = d->n;
    int rc = -1;
    doc.pdf = HPDF_New(on_error, &doc);
    if (!doc.pdf) {
        pk_diag_add(d, PK_FAIL_IO, "error: PDF: libharu cannot start (out of memory)");
        goto done;
    }
    HPDF_SetCompressionMode(doc.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc.pdf);
    HPDF_SetCurrentEncoder(doc.pdf, "UTF-8"); /* info strings and outline titles are UTF-8 */
    doc.utf8 = HPDF_GetEncoder(doc.pdf, "UTF-8");
    if (doc.err || !doc.utf8) {
        hpdf_fail(&doc);
        goto done;
    }
    if (collect_chars(&doc, pages, n_pages) != 0 || embed_fonts(&doc) != 0) goto done;
    bool marks = false;
    for (size_t i = 0; i < n_pages; i++) {
        pdf_page pg = {.doc = &doc,
                       .h = pages[i]->height,
                       .gs = {.line_w = -1, .fill_a = 255, .stroke_a = 255}};
        doc.page_no = i + 1;
        int painted = pk_paint(pages[i], &pdf_painter, &pg);
        close_page(&pg);
        if (painted != 0 || stopped(&doc)) goto done;
        for (size_t j = 0; j < pages[i]->n_ops && !marks; j++)
            marks = pages[i]->ops[j].kind == PK_OP_MARK;
    }
    doc.page_no = 0;
    if (marks) HPDF_SetPageMode(doc.pdf, HPDF_PAGE_MODE_USE_OUTLINE); /* open with bookmarks */
    set_info(&doc, info);
    if (doc.err) {
        hpdf_fail(&doc);
        goto done;
    }
    rc = save(&doc, out);
done:
    if (rc != 0) {
        if (d->n == n_msgs) pk_diag_add(d, PK_FAIL_IO, "error: PDF: cannot write");
        out->len = start; /* no half-written PDF */
        if (out->data) out->data[start] = '\0';
    }
    if (doc.pdf) HPDF_Free(doc.pdf); /* closes libharu's handles on the font files first */
    for (size_t i = 0; i < doc.n_fonts; i++) {
        if (doc.f[i].fd >= 0) close(doc.f[i].fd);
        free(doc.f[i].used);
        free(doc.f[i].below);
    }
    free(doc.f);
    free(doc.alphas);
    free(doc.images);
    free(doc.seg);
    free(doc.glyphs);
    pk_buf_fini(&doc.ops);
    return rc;
}
