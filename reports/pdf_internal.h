/* pdf_internal.h: what the files of the PDF painter share, and the contract of each. Not for
 * other modules: callers use reports/pdf.h. The painter is split as cairo splits its PDF backend,
 * each file calling only those below it:
 *
 *   pdf_doc.c      the document (top): pk_pdf_write and the information dictionary. Owns the
 *                  pdf_doc of one call.
 *   pdf_tag.c      the structure tree of a tagged document (PDF/UA-1), from the caller's
 *                  elements and doc->mcs: PDF text for pdf_write.c's object stream (through
 *                  doc->tag_objects, set by pdf_doc.c), the catalog's entries, the XMP.
 *   pdf_content.c  content streams: the painter table (graphics state, paths, text, clips,
 *                  images, links, outline entries, pages). Owns pdf_page and pdf_doc's scratch
 *                  (seg, glyphs, ops) and outline[]; in a tagged document, the marked-content
 *                  sequences (BDC with an MCID per run of one tag, /Artifact for tag 0),
 *                  recorded in doc->mcs (and each Figure's box in doc->bbox).
 *   pdf_font.c     fonts: the characters each font draws, their CIDs, subsetting through fonts/,
 *                  the subset handed to libharu, and the repairs to libharu's Type 0 fonts
 *                  (ToUnicode, /W, 'prep', the narrowed encoder). Owns pdf_doc.f[].
 *   pdf_meta.c     what an archive asks (PDF/A-2): the XMP packet from the information
 *                  dictionary, the sRGB output intent and its ICC profile, the file /ID.
 *   pdf_write.c    the packed writer: object stream, cross-reference stream, libdeflate streams,
 *                  and libharu's HPDF_MemCpy and HPDF_MemSet replaced for the process.
 *   pdf_error.c    libharu's errors (ground floor): their names, the callback, the one message.
 *
 * hpdf.h is included here and in these files only (the PDF painter is the room for libharu);
 * libharu's installed internal headers only where HPDF_INTERNALS is 1, in the file that needs
 * them. Order of a call: pk_pdf_collect_chars, pk_pdf_embed_fonts, then each page through
 * pk_paint with pk_pdf_painter and pk_pdf_close_page, then pk_pdf_write_structure, then
 * pk_pdf_save (which calls pk_pdf_tag_objects once libharu's objects are numbered). None of it is
 * thread-safe (see pdf.h). */
#ifndef PK_PDF_INTERNAL_H
#define PK_PDF_INTERNAL_H

#include <hpdf.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fonts/fonts.h"
#include "layouts/image.h"
#include "reports/pdf.h"

/* libharu's internals (hpdf_font.h, hpdf_objects.h, ...) are used only with the version whose
 * code they were read against; with another, each repair is skipped and libharu's own calls do
 * the work (the painter keeps its drift checks). */
#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3 && HPDF_BUGFIX_VERSION == 0
#define HPDF_INTERNALS 1
#else
#define HPDF_INTERNALS 0
#endif

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
    bool one_byte;     /* every CID below 256: text is one byte a glyph, through the document's
                          one-byte CMap (see fix_font), not Identity-H's two */
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

/* A piece of tagged content, in the order painted: a marked-content sequence (mcid >= 0) on a
 * page, or a link annotation (annot) there; elem is the structure element it belongs to. */
typedef struct pdf_mc {
    unsigned elem, page; /* page: 0-based */
    int mcid;            /* -1 for an annotation */
    HPDF_Annotation annot;
    const char *url; /* the annotation's, borrowed from its op */
    size_t link;     /* an MCID of a link's text: its annotation's index in mcs + 1; else 0 */
} pdf_mc;

/* A Figure's bounding box on its page, PDF coordinates (y up). */
typedef struct pdf_bbox {
    double x0, y0, x1, y1;
    bool set;
} pdf_bbox;

typedef struct pdf_tag_objs pdf_tag_objs;

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
    /* tagging (pdf_tag.c): set when info has elements and libharu is the version read */
    bool tagged;
    bool hy_owed; /* a broken word's span closed before its second part: that part's text is
                     in the first's /ActualText, so it gets an empty one */
    const pk_pdf_elem *elems; /* borrowed: info's */
    size_t n_elems;
    bool *is_figure;          /* owned, n_elems: a Figure (its bbox is kept) */
    pdf_bbox *bbox;           /* owned, n_elems */
    pdf_mc *mcs;              /* owned: the tagged content, in the order painted */
    size_t n_mcs, cap_mcs;
    HPDF_Page *pages;         /* owned: each page, for /Pg and /StructParents */
    size_t n_pages;
    const char *lang;         /* borrowed: info's, for /Lang */
    bool not_pdfa;            /* a DeviceCMYK image: the XMP claims no PDF/A conformance */
    void *one_byte_cmap;      /* libharu's stream of the one-byte CMap, made for the first font
                                 that uses it (pdf_font.c); NULL: none yet */
    /* pdf_tag.c's objects, written by pdf_write.c once libharu's are numbered (NULL: none) */
    void (*tag_objects)(struct pdf_doc *doc, unsigned base, struct pdf_tag_objs *o);
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
    /* the marked-content sequence open (tagged documents): its tag, the page's next MCID */
    bool mc_open, mc_in_text; /* mc_in_text: begun inside the open text object */
    bool mc_span;             /* the open sequence is a /Span with /ActualText (span_open) */
    unsigned mc_tag;
    size_t mc_link;   /* the open sequence is a link's text: pdf_mc.link */
    size_t link_next; /* a link annotation just made (its pdf_mc.link): the text run right
                         after it, of its tag, is its text (layouts/para.c draws it so) */
    int next_mcid;
    /* a span with /ActualText open in the text object around a word broken by a hyphen at a
     * line end: its first part drawn, its second to come (pk_op.part) */
    bool hy_open;
} pdf_page;

/* ---- pdf_error.c ---- */

/* libharu's error callback (HPDF_New's, with the pdf_doc as user data): keeps the first code. */
void HPDF_STDCALL pk_pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user);

/* Records the error the callback kept as the one message (naming the page being painted), once.
 * Returns -1. */
int pk_pdf_fail(pdf_doc *doc);

/* true once painting should stop: something failed, or libharu reported an error (the document
 * refuses every call after one anyway; its message is recorded here) */
bool pk_pdf_stopped(pdf_doc *doc);

/* A coordinate libharu can write: finite and within its range. */
static inline HPDF_REAL R(double v)
{
    if (!isfinite(v)) return 0;
    if (v > MAX_COORD) v = MAX_COORD;
    if (v < -MAX_COORD) v = -MAX_COORD;
    return (HPDF_REAL)v;
}

/* ---- characters ---- */

/* The character libharu is given for cp: its UTF-8 encoder knows only the BMP (it turns the rest
 * into spaces), so anything beyond, and lone surrogates, become U+FFFD. */
static inline uint32_t pdf_cp(uint32_t cp)
{
    return cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp;
}

/* What the PDF draws for a character of a run: a control (below U+0020) nothing (it takes its
 * advance, as in the PNG); a character the font lacks (pk_fonts_lacks: noncharacters, unassigned
 * or private code points, anything past the BMP, decoded surrogates) PK_FONTS_REPLACEMENT, as
 * fonts/ measured it (pk_glyph.missing; pk_pdf_collect_chars turns such characters of a font
 * into U+FFFD); any other itself. So no code point outside the font's own reaches a font's
 * characters: a U+FFFF among them made libharu's CIDToGIDMap disagree with cid_of, and every
 * non-ASCII glyph on the page a box. */

/* cp (in the BMP, as pdf_cp gives) as UTF-8 in s: 1 to 3 bytes, the count returned. */
static inline size_t pk_pdf_put_utf8(char *s, uint32_t cp)
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

/* ---- pdf_font.c ---- */

/* A font's characters are a bit per BMP code point (8 KB). */
static inline bool is_used(const unsigned char *used, uint32_t cp)
{
    return cp < 0x10000 && (used[cp >> 3] >> (cp & 7) & 1);
}

/* The CID of a character the font draws: ASCII its own code, so a content stream's strings read
 * (and compress) as the text; every other character the next CID from U+0080 up, in order. With
 * code points as CIDs a single "\u2265" made the CIDToGIDMap and /W 8,800 entries long, and
 * libharu loops over all of them; this way they end a few past the characters drawn. CIDs
 * increase with the characters. Valid once pk_pdf_embed_fonts has ranked the font. */
static inline uint16_t cid_of(const pdf_font *pf, uint32_t cp)
{
    if (cp < 0x80) return (uint16_t)cp;
    unsigned byte = pf->used[cp >> 3] & ((1u << (cp & 7)) - 1);
    return (uint16_t)(0x80 + pf->below[cp >> 3] - pf->n_ascii + (unsigned)__builtin_popcount(byte));
}

/* A text run that draws anything. */
static inline bool text_drawn(const pk_op *op)
{
    return op->fill.a != 0 && op->text && op->text[0] && op->size > 0 && isfinite(op->size);
}

/* First pass: every character drawn with each font, on every page, into doc->f[].used; a run
 * with a font id the fonts do not have is a PK_FAIL_INPUT message. 0 or -1. */
int pk_pdf_collect_chars(pdf_doc *doc, const pk_scene *const *pages, size_t n_pages);

/* Second step: each font that draws anything, subset to its characters, handed to libharu and
 * repaired (doc->f[].font, .upem, .exact_widths set). 0, or -1 with one message. */
int pk_pdf_embed_fonts(pdf_doc *doc);

/* The advance, in font units, of the glyph drawn for cp with font id (.notdef's if missing). */
int pk_pdf_advance_of(const pk_fonts *f, int id, uint32_t cp);

/* ---- pdf_content.c ---- */

/* The painter pk_paint drives, its context a pdf_page of doc. */
extern const pk_painter pk_pdf_painter;

/* After a page, painted or not: every q still open is closed, even after an error. */
void pk_pdf_close_page(pdf_page *pg);

/* A text for the outline or the information dictionary as libharu can take it (valid BMP UTF-8,
 * controls as spaces, at most MAX_STRING bytes), NUL-terminated in a (reset first). */
const char *pk_pdf_clean_text(pk_buf *a, const char *s);

/* ---- pdf_tag.c ---- */

/* After every page is painted (tagged documents): /StructParents on each page, /StructParent,
 * /Contents on each link annotation and /Tabs /S on its page (libharu's dictionaries); the
 * language kept for pk_pdf_tag_objects. 0, or -1 with one message. */
int pk_pdf_write_structure(pdf_doc *doc, const pk_pdf_info *info);

/* The objects of the structure tree written as PDF text by pk_pdf_tag_objects, numbered from
 * base on, every one for the object stream: the StructTreeRoot (base), the ParentTree, the
 * elements, the Link elements. */
struct pdf_tag_objs {
    pk_buf text;  /* the objects one after another */
    size_t *end;  /* n: where each ends in text */
    size_t n;
    pk_buf cat;   /* what the catalog gains: "/StructTreeRoot 9 0 R/MarkInfo<<...>>..." */
};

/* Writes the objects into o (its buffers reset first), numbered from base. */
void pk_pdf_tag_objects(pdf_doc *doc, unsigned base, pdf_tag_objs *o);
void pk_pdf_tag_objs_fini(pdf_tag_objs *o);

/* ---- pdf_meta.c ---- */

/* The XMP packet of the document (x reset first): the information dictionary's entries as
 * libharu holds them, pdfaid (unless doc->not_pdfa), pdfuaid and its extension schema when
 * tagged. Called once the information dictionary is complete. */
void pk_pdf_xmp(pdf_doc *doc, pk_buf *x);
/* "/OutputIntents[<<... /DestOutputProfile icc 0 R>>]", for the catalog. */
void pk_pdf_output_intent(pk_buf *cat, unsigned icc);
/* The sRGB ICC profile as object num, a whole "num 0 obj ... endobj". */
void pk_pdf_icc_object(pk_buf *out, unsigned num);
/* "/ID[<...><...>]" from the n bytes of the file written so far and the sha256 of its XMP
 * packet (64 hex digits), for the trailer. */
void pk_pdf_file_id(pk_buf *out, const void *bytes, size_t n, const char *xmp_sha);

/* ---- pdf_write.c ---- */

/* v in decimal, appended to b. */
void pk_pdf_put_uint(pk_buf *b, unsigned long v);
/* The object number libharu gave obj (a page, an annotation); libharu 2.3.0 only. */
unsigned pk_pdf_obj_num(const void *obj);

/* The document's bytes appended to out: packed (object and cross-reference streams) with
 * libharu 2.3.0, else libharu's own. 0, or -1 with one message. */
int pk_pdf_save(pdf_doc *doc, pk_buf *out);

#endif
