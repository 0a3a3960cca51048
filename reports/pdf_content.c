/* pdf_content.c: the PDF painter's content streams. The painter table pk_paint drives: the
 * graphics state (colours, alphas, line widths, written only when they change), rectangles,
 * lines (dashed through a scaled space), paths, clips, text runs (one TJ per run with each glyph
 * where fonts/ measured it, or libharu's TextOut pieces), images (PNG decoded by libpng, JPEG
 * checked before libharu copies it), links (URI annotations), marks (outline entries) and the
 * page's start and end. Owns pdf_page and the
 * painter's scratch in pdf_doc (seg, glyphs, ops); see pdf_internal.h. Part of reports/.
 * libharu's own PNG loader aborts the process on a corrupt file, so PNGs are decoded by
 * layouts/image.c with libpng's simplified API (load_png), the decoder the template loader
 * checks a logo with. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/utf8.h"
#include "layouts/image.h"
#include "reports/pdf_internal.h"

#if HPDF_INTERNALS
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#endif

static void end_text(pdf_page *pg);
static void flush_ops(pdf_page *pg);
static void put_num(pk_buf *b, double v);

#if HPDF_INTERNALS
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
#else
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
#endif

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

/* ---- marked content (tagged documents) ---- */

static void span_close(pdf_page *pg);

/* Closes the span of a broken word (pdf_text) before its second part, should anything come
 * between them: the text object's end, a new sequence. */
static void hy_close(pdf_page *pg)
{
    if (!pg->hy_open) return;
    span_close(pg);
    pg->hy_open = false;
    pg->doc->hy_owed = true;
}

/* Closes the marked-content sequence open (and the text object inside it). */
static void mark_end(pdf_page *pg)
{
    if (!pg->mc_open) return;
    end_text(pg); /* which ends a sequence begun inside the text object */
    if (!pg->mc_open) return;
    pk_buf_adds(&pg->doc->ops, "EMC\n");
    flush_ops(pg);
    pg->mc_open = false;
}

/* Grows a Figure's box by what op paints (PDF coordinates; a text run by its advance and size). */
static void grow_bbox(pdf_page *pg, pdf_bbox *b, const pk_op *op)
{
    double x0, y0, x1, y1;
    switch (op->kind) {
    case PK_OP_LINE: x0 = op->x, y0 = op->y, x1 = op->x2, y1 = op->y2; break;
    case PK_OP_PATH:
        x0 = x1 = op->pts[0], y0 = y1 = op->pts[1];
        for (size_t i = 1; i < op->n_pts; i++) {
            x0 = fmin(x0, op->pts[2 * i]), x1 = fmax(x1, op->pts[2 * i]);
            y0 = fmin(y0, op->pts[2 * i + 1]), y1 = fmax(y1, op->pts[2 * i + 1]);
        }
        break;
    case PK_OP_TEXT: {
        double w = isfinite(op->text_w) ? op->text_w : 0;
        x0 = op->x - (op->anchor == PK_ANCHOR_END ? w : op->anchor == PK_ANCHOR_MIDDLE ? w / 2 : 0);
        x1 = x0 + w, y0 = op->y - op->size, y1 = op->y + op->size * 0.3;
        break;
    }
    default: x0 = op->x, y0 = op->y, x1 = op->x + op->w, y1 = op->y + op->h; break;
    }
    double lx = fmin(x0, x1), hx = fmax(x0, x1), ly = pg->h - fmax(y0, y1), hy = pg->h - fmin(y0, y1);
    if (!isfinite(lx + hx + ly + hy)) return;
    if (!b->set) *b = (pdf_bbox){lx, ly, hx, hy, true};
    b->x0 = fmin(b->x0, lx), b->y0 = fmin(b->y0, ly), b->x1 = fmax(b->x1, hx), b->y1 = fmax(b->y1, hy);
}

/* What op paints goes inside a marked-content sequence: its element's, with the page's next
 * MCID (recorded for the structure tree), or /Artifact for tag 0 (page furniture). A run of ops
 * of one tag is one sequence. A text run that continues the open text object (in_text: pdf_text
 * keeps it) starts its sequence inside it, so that a paragraph and the table cell after it
 * share one BT ... ET; a sequence begun in a text object ends in it (end_text), one begun
 * outside contains it (mark_end ends the text first). Nothing in an untagged document. */
/* Writes the page's next MCID to doc->ops and records it as tag's (the structure tree's). */
static void new_mcid(pdf_page *pg, unsigned tag, size_t link)
{
    pdf_doc *doc = pg->doc;
    put_num(&doc->ops, pg->next_mcid);
    if (doc->n_mcs == doc->cap_mcs) {
        doc->cap_mcs = doc->cap_mcs ? 2 * doc->cap_mcs : 256;
        doc->mcs = pk_xrealloc(doc->mcs, doc->cap_mcs * sizeof *doc->mcs);
    }
    doc->mcs[doc->n_mcs++] = (pdf_mc){tag, (unsigned)(doc->page_no - 1), pg->next_mcid++, NULL, NULL, link};
}

static void mark_in(pdf_page *pg, const pk_op *op, bool in_text)
{
    pdf_doc *doc = pg->doc;
    if (!doc->tagged) return;
    unsigned tag = op->tag < doc->n_elems ? op->tag : 0; /* a tag no element has: furniture */
    if (tag && doc->is_figure[tag]) grow_bbox(pg, &doc->bbox[tag], op);
    size_t link = op->kind == PK_OP_TEXT && tag && pg->link_next &&
                          doc->mcs[pg->link_next - 1].elem == tag
                      ? pg->link_next
                      : 0;
    pg->link_next = 0;
    if (pg->mc_open && pg->mc_tag == tag && pg->mc_link == link) return;
    if (in_text && pg->in_text && !(pg->mc_open && !pg->mc_in_text)) {
        hy_close(pg);
        if (pg->mc_open) pk_buf_adds(&doc->ops, "EMC\n");
        pg->mc_open = false;
    } else {
        mark_end(pg);
        if (in_text) { /* the text object pdf_text opens starts here, the sequence in it */
            pk_buf_adds(&doc->ops, "BT\n");
            pg->in_text = true;
            pg->tf_font = -1;
            pg->tx = pg->ty = 0;
        }
    }
    pk_buf *b = &doc->ops;
    if (tag == 0) {
        pk_buf_adds(b, "/Artifact BMC\n");
    } else {
        pk_buf_addc(b, '/');
        pk_buf_adds(b, link ? "Link" : doc->elems[tag].role);
        pk_buf_adds(b, "<</MCID ");
        new_mcid(pg, tag, link);
        pk_buf_adds(b, ">>BDC\n");
    }
    flush_ops(pg);
    pg->mc_open = true;
    pg->mc_span = false;
    pg->mc_in_text = pg->in_text;
    pg->mc_tag = tag;
    pg->mc_link = link;
}

static void mark(pdf_page *pg, const pk_op *op)
{
    mark_in(pg, op, false);
}

/* ---- the painter ---- */

/* Paths are written here, not through libharu, whose numbers are floats printed to five
 * decimals ("710.59998"): coordinates to hundredths of a point, as the text's moves (1.5 KB of a
 * brief less). Each is built and painted in doc->ops, so libharu's path state never changes. */
static void put_xy(pk_buf *b, double x, double y, const char *op)
{
    put_num(b, lround(R(x) * 100) / 100.0);
    pk_buf_addc(b, ' ');
    put_num(b, lround(R(y) * 100) / 100.0);
    pk_buf_adds(b, op);
}

/* Paints the path just built in doc->ops and writes it out. */
static void put_paint(pdf_page *pg, paint_kind k)
{
    static const char *const ops[] = {"n\n", "f\n", "S\n", "B\n"};
    pk_buf_adds(&pg->doc->ops, ops[k]);
    flush_ops(pg);
}

/* A rectangle in PDF coordinates, with a positive size whatever the scene's signs. */
static void rect_path(pdf_page *pg, double x, double y, double w, double h)
{
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    pk_buf *b = &pg->doc->ops;
    put_xy(b, x, pg->h - y - h, " ");
    put_xy(b, w, h, " re\n");
}

static void pdf_rect(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (pk_pdf_stopped(pg->doc)) return;
    paint_kind k = prepare_paint(pg, op->fill, op->stroke, op->stroke_w);
    if (k == PAINT_NONE) return;
    mark(pg, op);
    rect_path(pg, op->x, op->y, op->w, op->h);
    put_paint(pg, k);
}

static void pdf_line(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    end_text(pg);
    if (pk_pdf_stopped(pg->doc)) return;
    if (op->stroke.a == 0 || !(op->stroke_w > 0) || !isfinite(op->stroke_w)) return;
    mark(pg, op);
    HPDF_Page page = pg->page;
    double dash = isfinite(op->dash) && op->dash > 0 ? op->dash : 0;
    if (dash == 0) {
        paint_kind k = prepare_paint(pg, PK_NONE, op->stroke, op->stroke_w);
        put_xy(&pg->doc->ops, op->x, pg->h - op->y, " m\n");
        put_xy(&pg->doc->ops, op->x2, pg->h - op->y2, " l\n");
        put_paint(pg, k);
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
    if (pk_pdf_stopped(pg->doc)) return;
    if (op->n_pts < 2 || !op->pts) return;
    pk_rgba fill = op->closed ? op->fill : PK_NONE; /* an open path is a line: no fill */
    paint_kind k = prepare_paint(pg, fill, op->stroke, op->stroke_w);
    if (k == PAINT_NONE) return;
    mark(pg, op);
    pk_buf *b = &pg->doc->ops;
    put_xy(b, op->pts[0], pg->h - op->pts[1], " m\n");
    for (size_t i = 1; i < op->n_pts; i++) put_xy(b, op->pts[2 * i], pg->h - op->pts[2 * i + 1], " l\n");
    if (op->closed) pk_buf_adds(b, "h\n");
    put_paint(pg, k);
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

/* A glyph's CID (see cid_of) as the code of a literal string, one byte (a font with the
 * one-byte CMap, pdf_font.c) or two (Identity-H), escaped where PDF needs it: the delimiters
 * and backslash, and CR, which a reader would turn into LF. */
static size_t put_cid(char *out, uint16_t cid, bool one_byte)
{
    unsigned char two[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
    size_t n = 0;
    for (int i = one_byte ? 1 : 0; i < 2; i++) {
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
        /* in whole thousandths of the size (0.01 pt at 10 pt), and the position they give is
         * the one the next gap is measured from, so rounding never adds up along the run;
         * decimals were 2 KB of a brief */
        long adj = lround((drawn - at * k) * 1000 / size);
        if (adj != 0) {
            if (open) {
                str[len++] = ')';
                pk_buf_add(b, str, len);
                len = 0;
            }
            open = false;
            put_num(b, (double)adj);
            drawn -= (double)adj * size / 1000;
        }
        if (!open) str[len++] = '(';
        open = true;
        uint32_t cp = g->missing ? PK_FONTS_REPLACEMENT : pdf_cp(g->cp);
        len += put_cid(str + len, cid_of(&doc->f[font], cp), doc->f[font].one_byte);
        if (len > sizeof str - 6) {
            pk_buf_add(b, str, len);
            len = 0;
        }
        drawn += (g->missing || cp == g->cp ? g->advance : pk_pdf_advance_of(doc->fonts, font, cp)) * k;
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
static void span_open(pdf_page *pg, const char *text)
{
    pk_buf *b = &pg->doc->ops;
    /* inside an element's sequence begun in this text object, the span ends that sequence and
     * is the element's next one, with its own MCID: poppler ends an MCID's text at the first
     * EMC, a nested span's (pdfinfo -struct-text lost what followed a span in its element) */
    bool own = pg->mc_open && pg->mc_tag != 0 && pg->mc_in_text && pg->in_text && !pg->mc_span;
    if (own) {
        pk_buf_adds(b, "EMC\n/Span<</MCID ");
        new_mcid(pg, pg->mc_tag, pg->mc_link);
        pk_buf_adds(b, "/ActualText<FEFF");
        pg->mc_span = true;
    } else {
        pk_buf_adds(b, "/Span<</ActualText<FEFF");
    }
    for (const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text); p < end;) {
        uint32_t c = pk_utf8_next(&p, end);
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
}

/* Ends the span span_open began, and with it the sequence the span is (the next op of its
 * element opens another). */
static void span_close(pdf_page *pg)
{
    pk_buf_adds(&pg->doc->ops, "EMC\n");
    if (pg->mc_span) pg->mc_open = pg->mc_span = false;
}

static bool actual_text_begin(pdf_page *pg, const char *text)
{
    if (!strstr(text, "\xE2\x88\x92")) return false;
    span_open(pg, text);
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
    hy_close(pg);
    if (pg->mc_open && pg->mc_in_text) { /* a sequence begun inside the text object ends in it */
        pk_buf_adds(&pg->doc->ops, "EMC\n");
        pg->mc_open = false;
    }
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
    if (pk_pdf_stopped(doc) || !text_drawn(op)) return;
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
    /* a span (a broken word's, a minus sign's) in a text object that its element's sequence
     * contains, begun outside it, cannot be that sequence's next (span_open): the text object
     * and the sequence end, and the run begins both again */
    if (fname && doc->tagged && pg->mc_open && !pg->mc_in_text && pg->in_text && !pg->hy_open &&
        (op->actual ? op->part == 1 || doc->hy_owed : strstr(op->text, "\xE2\x88\x92") != NULL))
        mark_end(pg);
    mark_in(pg, op, fname != NULL);
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
        /* the moves as written (hundredths of a point), so that rounding never adds up along
         * a page */
        double dx = lround((R(x0) - pg->tx) * 100) / 100.0;
        double dy = lround((R(y) - pg->ty) * 100) / 100.0;
        /* a word broken by a hyphen at a line end: one span around both its parts, with the
         * whole word as /ActualText, so that search and copy find "postproduction"; should
         * anything come between the parts (a page, a column), the span ends with the first
         * and the second gets an empty /ActualText */
        bool second = op->actual && op->part == 2;
        bool span = false;
        if (op->actual && op->part == 1) {
            hy_close(pg);
            doc->hy_owed = false;
            span_open(pg, op->actual);
            pg->hy_open = true;
        } else if (second && !pg->hy_open && doc->hy_owed) {
            span_open(pg, "");
            span = true;
        } else if (!second) {
            hy_close(pg);
            span = actual_text_begin(pg, op->text);
        }
        text_tj(pg, n, op->font, dx, dy, k, op->size);
        if (span) span_close(pg);
        if (second) {
            if (pg->hy_open) span_close(pg);
            pg->hy_open = doc->hy_owed = false;
        }
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
    bool span = actual_text_begin(pg, op->text);
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
        uint32_t cp = g->missing ? PK_FONTS_REPLACEMENT : pdf_cp(g->cp);
        piece += pk_pdf_put_utf8(doc->seg + piece, cp);
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
    mark_end(pg); /* q and Q outside marked content: the two never interleave */
    end_text(pg);
    if (pk_pdf_stopped(pg->doc)) return;
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
    pk_buf_adds(&pg->doc->ops, "W\n");
    put_paint(pg, PAINT_NONE);
}

static void pdf_unclip(void *ctx)
{
    pdf_page *pg = ctx;
    mark_end(pg);
    end_text(pg);
    if (pk_pdf_stopped(pg->doc) || pg->clips == 0) return; /* a stray UNCLIP restores nothing */
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
 * lets libpng abort the process on a corrupt file): the decoder the template loader checks a logo
 * with, so a logo that loads is one this painter can draw. The pixels go to libharu as raw 8-bit
 * RGB or grey, with the alpha channel as a soft mask. */
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
    const char *why = pk_image_jpeg_problem(p, n, NULL, NULL, NULL); /* layouts/image.c */
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
    if (pk_pdf_stopped(doc)) return;
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
            /* DeviceCMYK, which the sRGB output intent does not cover (pdf_meta.c) */
            const char *cs = image ? HPDF_Image_GetColorSpace(image) : NULL;
            if (cs && strcmp(cs, "DeviceCMYK") == 0) doc->not_pdfa = true;
        } else {
            image = load_png(doc, op);
        }
        if (!image || pk_pdf_stopped(doc)) {
            if (!doc->failed) pk_pdf_fail(doc);
            return;
        }
        doc->images = pk_xrealloc(doc->images, (doc->n_images + 1) * sizeof *doc->images);
        doc->images[doc->n_images++] = (image_entry){op->blob, op->blob_len, image};
    }
    double x = op->x, y = op->y, w = op->w, h = op->h;
    if (!(fabs(w) > 0) || !(fabs(h) > 0)) return;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    mark(pg, op);
    HPDF_Page_DrawImage(pg->page, image, R(x), R(pg->h - y - h), R(w), R(h));
}

/* ---- links and outline entries ---- */

/* A text for the outline or the info dictionary, as libharu can take it: valid BMP UTF-8,
 * control characters as spaces, at most MAX_STRING bytes (cut at a character), NUL-terminated.
 * Written to a (reset first). */
const char *pk_pdf_clean_text(pk_buf *a, const char *s)
{
    pk_buf_reset(a);
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end && a->len + 3 <= MAX_STRING) {
        uint32_t cp = pdf_cp(pk_utf8_next(&p, end));
        char u[3];
        if (cp < 0x20 || cp == 0x7F) cp = ' ';
        pk_buf_add(a, u, pk_pdf_put_utf8(u, cp));
    }
    return pk_buf_str(a);
}

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
    if (pk_pdf_stopped(pg->doc) || !op->text || !op->text[0]) return;
    double x = op->x, y = op->y, w = op->w, h = op->h;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    HPDF_Rect r = {R(x), R(pg->h - y - h), R(x + w), R(pg->h - y)};
    pk_buf u = PK_BUF_INIT;
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg->page, r, uri_text(&u, op->text));
    pk_buf_fini(&u);
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0); /* no box drawn around it */
#if HPDF_INTERNALS
    if (a) HPDF_Dict_AddNumber(a, "F", 4); /* printed, as PDF/A wants every annotation */
#endif
    pdf_doc *doc = pg->doc;
    if (a && doc->tagged && op->tag && op->tag < doc->n_elems) {
        /* a Link element under the op's, its OBJR this annotation (pdf_tag.c) */
        if (doc->n_mcs == doc->cap_mcs) {
            doc->cap_mcs = doc->cap_mcs ? 2 * doc->cap_mcs : 256;
            doc->mcs = pk_xrealloc(doc->mcs, doc->cap_mcs * sizeof *doc->mcs);
        }
        doc->mcs[doc->n_mcs++] = (pdf_mc){op->tag, (unsigned)(doc->page_no - 1), -1, a, op->text, 0};
        pg->link_next = doc->n_mcs;
    }
}

/* An outline entry under the last entry one level up; a level deeper than the entries so far
 * (a level-2 mark with no level-1 entry before it) is taken as one level below the deepest. */
static void pdf_mark(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    pdf_doc *doc = pg->doc;
    if (pk_pdf_stopped(doc) || !op->text) return;
    int level = op->level < 0 ? 0 : op->level;
    if (level > doc->outline_depth) level = doc->outline_depth;
    if (level >= MAX_OUTLINE_DEPTH) level = MAX_OUTLINE_DEPTH - 1;
    pk_buf t = PK_BUF_INIT;
    const char *title = pk_pdf_clean_text(&t, op->text);
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
    if (!pg->page) return pk_pdf_fail(pg->doc);
    HPDF_Page_SetWidth(pg->page, (HPDF_REAL)s->width);
    HPDF_Page_SetHeight(pg->page, (HPDF_REAL)s->height);
    /* SVG's miter limit (PDF's default is 10), as the PNG painter sets it */
    HPDF_Page_SetMiterLimit(pg->page, 4);
    if (pg->doc->tagged) pg->doc->pages[pg->doc->page_no - 1] = pg->page;
    if (s->background.a) {
        paint_kind k = prepare_paint(pg, s->background, PK_NONE, 0);
        if (pg->doc->tagged) mark(pg, &(pk_op){.kind = PK_OP_RECT}); /* an artifact */
        HPDF_Page_Rectangle(pg->page, 0, 0, (HPDF_REAL)s->width, (HPDF_REAL)s->height);
        paint_path(pg, k);
    }
    return pk_pdf_stopped(pg->doc) ? -1 : 0;
}

static int pdf_end(void *ctx, const pk_scene *s)
{
    pdf_page *pg = ctx;
    mark_end(pg);
    end_text(pg);
    (void)s;
    while (pg->clips && !pk_pdf_stopped(pg->doc))
        pdf_unclip(pg);
    return pk_pdf_stopped(pg->doc) ? -1 : 0;
}

/* After a page, painted or not: every q still open is closed, even after an error (libharu
 * skips every call once an error is recorded, so the error is reset first: its message is
 * already recorded), since libharu frees a page's saved graphics states only on Q. */
void pk_pdf_close_page(pdf_page *pg)
{
    if (!pg->page || pg->open_q == 0) return;
    pk_pdf_stopped(pg->doc);
    if (pg->doc->err) HPDF_ResetError(pg->doc->pdf);
    for (; pg->open_q; pg->open_q--)
        HPDF_Page_GRestore(pg->page);
}

const pk_painter pk_pdf_painter = {
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
