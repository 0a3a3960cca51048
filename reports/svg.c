/* svg.c: the SVG painter. Writes a scene as SVG text with real <text> elements (searchable,
 * selectable, read by screen readers), byte for byte the same for the same scene. Part of
 * reports/; pk_paint (layouts/scene.c) drives it. cairo's SVG surface is not used: it turns text
 * into outlines and numbers its ids from a process-wide counter. */
#include "reports/render.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "data/utf8.h"

typedef struct svg {
    pk_buf *out;
    char ids[16];   /* "pk-XXXXXXXX": the prefix of every id, a hash of the scene's text */
    unsigned clips; /* <clipPath>s written so far, so ids count per document, not per process */
    size_t open;    /* <g> elements open (groups and clips), closed at the end if a scene forgot */
} svg;

/* Appends v with at most two decimals, trailing zeros trimmed, never "-0" nor an exponent:
 * "12", "0.5", "-3.25". Hundredths of a point are far below a pixel, and a fixed format keeps
 * the output the same whatever the C library's printf does with %g. Non-finite values print 0;
 * magnitudes are capped at 1e12 so the integer arithmetic cannot overflow. */
static void num(pk_buf *b, double v)
{
    if (!isfinite(v)) v = 0;
    if (v > 1e12) v = 1e12;
    if (v < -1e12) v = -1e12;
    long long c = llround(v * 100);
    char tmp[32], *p = tmp + sizeof tmp;
    bool neg = c < 0;
    unsigned long long u = neg ? (unsigned long long)-c : (unsigned long long)c;
    unsigned frac = (unsigned)(u % 100);
    u /= 100;
    if (frac) {
        if (frac % 10) *--p = (char)('0' + frac % 10);
        *--p = (char)('0' + frac / 10);
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) *--p = '-'; /* c != 0 here, so never "-0" */
    pk_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* ` name="v"` */
static void attr(pk_buf *b, const char *name, double v)
{
    pk_buf_addc(b, ' ');
    pk_buf_adds(b, name);
    pk_buf_adds(b, "=\"");
    num(b, v);
    pk_buf_addc(b, '"');
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not valid UTF-8 (overlong
 * forms, surrogates and code points past U+10FFFF are invalid, per RFC 3629). */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

/* True for the n-byte character at p when it is a bidirectional control: U+061C, U+200E,
 * U+200F, the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069. A viewer obeys
 * them (U+202E shows what follows backwards), while the scene was measured and the PNG drawn
 * left to right without them: a hostile title could make the SVG say something else. Dropping
 * them keeps the SVG's text the text measured and painted. */
static bool is_bidi_control(const unsigned char *p, size_t n)
{
    if (n == 2) return p[0] == 0xD8 && p[1] == 0x9C;
    if (n != 3 || p[0] != 0xE2) return false;
    if (p[1] == 0x80) return p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE);
    return p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9;
}

/* Appends len bytes of s escaped for XML text and attribute values. Every character XML 1.0
 * forbids (C0 controls but tab and newline, invalid UTF-8, U+FFFE, U+FFFF) becomes U+FFFD: one
 * stray byte in a record must not make the whole chart unreadable to a parser. Carriage return
 * is replaced too, since a parser would turn it into a newline anyway; bidirectional controls
 * are dropped (is_bidi_control). */
static void esc_n(pk_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
    while (p < end) {
        const char *rep = NULL;
        size_t n = 1;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&apos;";
            break;
        case '\t':
        case '\n':
            break;
        default:
            if (*p < 0x20) {
                rep = "\xEF\xBF\xBD";
            } else if (*p >= 0x80) {
                n = utf8_len(p);
                if (n == 0 || n > (size_t)(end - p) ||
                    (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)) {
                    rep = "\xEF\xBF\xBD";
                    n = 1; /* resynchronise on the next byte */
                } else if (is_bidi_control(p, n)) {
                    rep = ""; /* dropped: see is_bidi_control */
                }
            }
        }
        if (rep) {
            pk_buf_add(b, run, (size_t)(p - run));
            pk_buf_adds(b, rep);
            p += n;
            run = p;
        } else {
            p += n;
        }
    }
    pk_buf_add(b, run, (size_t)(p - run));
}

static void esc(pk_buf *b, const char *s)
{
    if (s) esc_n(b, s, strlen(s));
}

/* A font family as a CSS string inside an attribute: quoted, ' and \ escaped for CSS, and
 * everything escaped for XML. */
static void css_family(pk_buf *b, const char *family)
{
    const char *p = family ? family : "", *q;
    pk_buf_addc(b, '\'');
    while ((q = strpbrk(p, "'\\")) != NULL) {
        esc_n(b, p, (size_t)(q - p));
        pk_buf_addc(b, '\\');
        esc_n(b, q, 1);
        p = q + 1;
    }
    esc(b, p);
    pk_buf_addc(b, '\'');
}

/* ` name="#rrggbb"` and, when translucent, ` name-opacity="0.5"`; ` name="none"` when a is 0. */
static void paint(pk_buf *b, const char *name, pk_rgba c)
{
    static const char hex[] = "0123456789abcdef";
    pk_buf_addc(b, ' ');
    pk_buf_adds(b, name);
    if (c.a == 0) {
        pk_buf_adds(b, "=\"none\"");
        return;
    }
    char v[10] = {'=',           '"',           '#',           hex[c.r >> 4], hex[c.r & 15],
                  hex[c.g >> 4], hex[c.g & 15], hex[c.b >> 4], hex[c.b & 15], '"'};
    pk_buf_add(b, v, sizeof v);
    if (c.a < 255) {
        pk_buf_addc(b, ' ');
        pk_buf_adds(b, name);
        pk_buf_adds(b, "-opacity=\"");
        num(b, c.a / 255.0);
        pk_buf_addc(b, '"');
    }
}

/* Fill, and the stroke when there is one (SVG paints no stroke by default, but fills black). */
static void fill_stroke(pk_buf *b, const pk_op *op)
{
    paint(b, "fill", op->fill);
    if (op->stroke.a && op->stroke_w > 0) {
        paint(b, "stroke", op->stroke);
        attr(b, "stroke-width", op->stroke_w);
    }
}

/* FNV-1a over the scene's title, description and size: ids that are the same on every run but
 * differ between charts (and between one chart drawn at two sizes), so charts inlined in one
 * HTML page do not share clip or title ids. */
static uint32_t text_hash(const pk_scene *s)
{
    uint32_t h = 2166136261u;
    const char *parts[2] = {s->title ? s->title : "", s->desc ? s->desc : ""};
    for (int i = 0; i < 2; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
            h = (h ^ *p) * 16777619u;
        h = (h ^ 0xFF) * 16777619u; /* a separator: ("ab", "") and ("a", "b") differ */
    }
    char size[64];
    snprintf(size, sizeof size, "%.3fx%.3f", s->width, s->height);
    for (const unsigned char *p = (const unsigned char *)size; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

static int svg_begin(void *ctx, const pk_scene *s)
{
    svg *g = ctx;
    pk_buf *b = g->out;
    snprintf(g->ids, sizeof g->ids, "pk-%08x", (unsigned)text_hash(s));
    pk_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
    /* width and height in CSS px (1 pt = 4/3 px, the PNG's 1x size); the viewBox in points, the
     * scene's units, so every coordinate below is written as the scene holds it */
    attr(b, "width", s->width * 4 / 3);
    attr(b, "height", s->height * 4 / 3);
    pk_buf_adds(b, " viewBox=\"0 0 ");
    num(b, s->width);
    pk_buf_addc(b, ' ');
    num(b, s->height);
    pk_buf_adds(b, "\" role=\"img\"");
    if (s->title) pk_buf_printf(b, " aria-labelledby=\"%s-title\"", g->ids);
    if (s->desc) pk_buf_printf(b, " aria-describedby=\"%s-desc\"", g->ids);
    /* text runs were measured with their spaces; a viewer must not collapse them */
    pk_buf_adds(b, " xml:space=\"preserve\">\n");
    if (s->title) {
        pk_buf_printf(b, "<title id=\"%s-title\">", g->ids);
        esc(b, s->title);
        pk_buf_adds(b, "</title>\n");
    }
    if (s->desc) {
        pk_buf_printf(b, "<desc id=\"%s-desc\">", g->ids);
        esc(b, s->desc);
        pk_buf_adds(b, "</desc>\n");
    }
    if (s->background.a) {
        pk_buf_adds(b, "<rect");
        attr(b, "width", s->width);
        attr(b, "height", s->height);
        paint(b, "fill", s->background);
        pk_buf_adds(b, "/>\n");
    }
    return 0;
}

static void svg_rect(void *ctx, const pk_op *op)
{
    pk_buf *b = ((svg *)ctx)->out;
    /* SVG does not draw a rect with a negative size; the scene allows one (cairo draws it) */
    double x = op->w < 0 ? op->x + op->w : op->x, y = op->h < 0 ? op->y + op->h : op->y;
    pk_buf_adds(b, "<rect");
    attr(b, "x", x);
    attr(b, "y", y);
    attr(b, "width", fabs(op->w));
    attr(b, "height", fabs(op->h));
    fill_stroke(b, op);
    pk_buf_adds(b, "/>\n");
}

static void svg_line(void *ctx, const pk_op *op)
{
    pk_buf *b = ((svg *)ctx)->out;
    if (op->stroke.a == 0 || op->stroke_w <= 0) return;
    pk_buf_adds(b, "<line");
    attr(b, "x1", op->x);
    attr(b, "y1", op->y);
    attr(b, "x2", op->x2);
    attr(b, "y2", op->y2);
    paint(b, "stroke", op->stroke);
    attr(b, "stroke-width", op->stroke_w);
    if (op->dash > 0) attr(b, "stroke-dasharray", op->dash);
    pk_buf_adds(b, "/>\n");
}

static void svg_path(void *ctx, const pk_op *op)
{
    pk_buf *b = ((svg *)ctx)->out;
    if (op->n_pts < 2) return;
    pk_buf_adds(b, "<path d=\"");
    for (size_t i = 0; i < op->n_pts; i++) {
        pk_buf_addc(b, i ? 'L' : 'M');
        num(b, op->pts[2 * i]);
        pk_buf_addc(b, ' ');
        num(b, op->pts[2 * i + 1]);
    }
    if (op->closed) pk_buf_addc(b, 'Z');
    pk_buf_addc(b, '"');
    if (op->closed) {
        fill_stroke(b, op);
    } else {
        /* an open path is a line: a fill would close it */
        pk_op o = *op;
        o.fill = PK_NONE;
        fill_stroke(b, &o);
    }
    pk_buf_adds(b, "/>\n");
}

/* A run's text as the other painters draw it: each character the font lacks (pk_fonts_lacks) as
 * PK_FONTS_REPLACEMENT, so a viewer shows what the PNG and the PDF show, not a glyph of some
 * fallback font that the measurement never saw; then escaped (esc_n). */
static void text_drawn(pk_buf *b, const pk_fonts *f, int id, const char *text)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text), *run = p;
    while (p < end) {
        const unsigned char *at = p;
        if (*p < 0x80) { /* ASCII: every font presskit loads has it (the template checks) */
            p++;
            if (*at < 0x20 || !pk_fonts_lacks(f, id, *at)) continue;
        } else if (!pk_fonts_lacks(f, id, pk_utf8_next(&p, end))) {
            continue;
        }
        esc_n(b, (const char *)run, (size_t)(at - run));
        pk_buf_adds(b, "\xEF\xBF\xBD"); /* U+FFFD, PK_FONTS_REPLACEMENT */
        run = p;
    }
    esc_n(b, (const char *)run, (size_t)(p - run));
}

static void svg_text(void *ctx, const pk_scene *s, const pk_op *op)
{
    static const char *const anchors[] = {NULL, "middle", "end"};
    pk_buf *b = ((svg *)ctx)->out;
    if (op->fill.a == 0 || !op->text || !op->text[0]) return;
    pk_buf_adds(b, "<text");
    attr(b, "x", op->x);
    attr(b, "y", op->y);
    /* the measured font first, then the generic family a viewer without it falls back to */
    pk_buf_adds(b, " font-family=\"");
    css_family(b, pk_fonts_family(s->fonts, op->font));
    pk_buf_adds(b, ", sans-serif\" font-weight=\"");
    pk_buf_adds(b, pk_fonts_is_bold(s->fonts, op->font) ? "bold" : "normal");
    pk_buf_addc(b, '"');
    attr(b, "font-size", op->size);
    paint(b, "fill", op->fill);
    if (op->anchor == PK_ANCHOR_MIDDLE || op->anchor == PK_ANCHOR_END)
        pk_buf_printf(b, " text-anchor=\"%s\"", anchors[op->anchor]);
    pk_buf_addc(b, '>');
    text_drawn(b, s->fonts, op->font, op->text);
    pk_buf_adds(b, "</text>\n");
}

static void svg_clip(void *ctx, const pk_op *op)
{
    svg *g = ctx;
    pk_buf *b = g->out;
    unsigned n = ++g->clips;
    pk_buf_printf(b, "<clipPath id=\"%s-clip-%u\"><rect", g->ids, n);
    attr(b, "x", op->w < 0 ? op->x + op->w : op->x);
    attr(b, "y", op->h < 0 ? op->y + op->h : op->y);
    attr(b, "width", fabs(op->w));
    attr(b, "height", fabs(op->h));
    pk_buf_printf(b, "/></clipPath>\n<g clip-path=\"url(#%s-clip-%u)\">\n", g->ids, n);
    g->open++;
}

/* UNCLIP and UNGROUP both close a <g>; one without a matching open is ignored, so a scene
 * with unbalanced ops still gives well-formed XML. */
static void svg_close(void *ctx)
{
    svg *g = ctx;
    if (g->open == 0) return;
    g->open--;
    pk_buf_adds(g->out, "</g>\n");
}

static void svg_group(void *ctx, const pk_op *op)
{
    svg *g = ctx;
    pk_buf *b = g->out;
    if (op->id && op->id[0]) {
        pk_buf_adds(b, "<g class=\"");
        esc(b, op->id);
        pk_buf_adds(b, "\">\n");
    } else {
        pk_buf_adds(b, "<g>\n");
    }
    g->open++;
}

static int svg_end(void *ctx, const pk_scene *s)
{
    svg *g = ctx;
    (void)s;
    while (g->open)
        svg_close(g);
    pk_buf_adds(g->out, "</svg>\n");
    return 0;
}

static const pk_painter svg_painter = {
    .name = "svg",
    .begin = svg_begin,
    .rect = svg_rect,
    .line = svg_line,
    .path = svg_path,
    .text = svg_text,
    .clip = svg_clip,
    .unclip = svg_close,
    .group = svg_group,
    .ungroup = svg_close,
    .end = svg_end,
};

void pk_svg_write(const pk_scene *s, pk_buf *out)
{
    svg g = {.out = out};
    (void)pk_paint(s, &svg_painter, &g); /* the SVG painter cannot fail: it only appends */
}
