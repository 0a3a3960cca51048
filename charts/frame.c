/* frame.c: what every chart shares (see frame.h): the header (title and subtitle, measured and
 * wrapped), the footer (a note and the source line), text cut to a measured width with an
 * ellipsis or wrapped, the alt text's ending, and compact numbers. Part of charts/. */
#include "charts/frame.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/fmt.h"
#include "data/text.h"

/* ---- the chart being built ---- */

void pk_chart_begin(pk_chart *c, const pk_record *r, const pk_sources *src, const pk_fonts *fonts,
                    const pk_chart_style *st)
{
    memset(c, 0, sizeof *c);
    c->s = pk_scene_new(fonts, st->width, st->height);
    c->s->background = st->background;
    c->fonts = fonts;
    c->st = st;
    c->r = r;
    c->src = src;
    c->x0 = st->margin;
    c->x1 = st->width - st->margin;
}

void pk_chart_add_source(pk_chart *c, const char *ids)
{
    for (const char *p = ids; p && *p;) {
        size_t n = strcspn(p, "+");
        if (n > 0 && n < sizeof c->source_ids[0]) {
            bool seen = false;
            for (size_t i = 0; i < c->n_sources && !seen; i++)
                seen = strlen(c->source_ids[i]) == n && memcmp(c->source_ids[i], p, n) == 0;
            if (!seen && c->n_sources < PK_CHART_MAX_SOURCES) {
                memcpy(c->source_ids[c->n_sources], p, n);
                c->source_ids[c->n_sources++][n] = '\0';
            }
        }
        p += n;
        if (*p == '+') p++;
    }
}

/* "Source: BLS OEWS (May 2024)", labels joined with "; ". */
void pk_chart_source_line(const pk_chart *c, pk_buf *b)
{
    pk_buf_adds(b, "Source: ");
    for (size_t i = 0; i < c->n_sources; i++) {
        if (i) pk_buf_adds(b, "; ");
        pk_source_labels(b, c->src, c->source_ids[i]);
    }
}

/* ---- text: measuring, cutting, wrapping ---- */

double pk_chart_fit(const pk_chart *c, int font, double size, const char *s, size_t n, double maxw,
                    pk_buf *out)
{
    return pk_fonts_fit(c->fonts, font, size, s, n, maxw, out);
}

/* Length of the bidirectional control at p (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), or 0. */
static size_t bidi_control(const unsigned char *p)
{
    if (p[0] == 0xD8 && p[1] == 0x9C) return 2;
    if (p[0] != 0xE2) return 0;
    if (p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
        return 3;
    if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return 3;
    return 0;
}

void pk_chart_add_clean(pk_buf *b, const char *s)
{
    pk_buf line = PK_BUF_INIT;
    pk_text_add_line(&line, s ? s : "");
    const unsigned char *p = (const unsigned char *)pk_buf_str(&line), *run = p;
    while (*p) {
        size_t n = bidi_control(p); /* reads past no NUL: each byte checked is not 0 */
        if (n) {
            pk_buf_add(b, run, (size_t)(p - run));
            p += n;
            run = p;
        } else {
            p++;
        }
    }
    pk_buf_add(b, run, (size_t)(p - run));
    pk_buf_fini(&line);
}

/* Breaks text into at most max_lines (<= PK_CHART_MAX_LINES) lines no wider than maxw, at spaces.
 * When text remains after the last line, that line ends, after its last whole word that leaves
 * room, with an ellipsis; a word wider than a whole line is cut the same way. Text is cleaned first (pk_chart_add_clean). */
void pk_chart_wrap(const pk_chart *c, int font, double size, const char *text, double maxw,
                   int max_lines, pk_para *p)
{
    para_fini(p);
    pk_buf clean = PK_BUF_INIT;
    pk_chart_add_clean(&clean, text ? text : "");
    const char *t = pk_buf_str(&clean);
    size_t n = clean.len, i = 0;
    if (max_lines > PK_CHART_MAX_LINES) max_lines = PK_CHART_MAX_LINES;
    while (p->n < max_lines) {
        while (i < n && t[i] == ' ')
            i++;
        if (i >= n) break;
        /* the longest run of whole words from i that fits */
        size_t end = i, first_word = i;
        while (first_word < n && t[first_word] != ' ')
            first_word++;
        for (size_t j = i; j < n;) {
            size_t we = j;
            while (we < n && t[we] == ' ')
                we++;
            while (we < n && t[we] != ' ')
                we++;
            if (we - i > PK_CHART_MAX_LINE_BYTES || text_w(c, font, size, t + i, we - i) > maxw)
                break;
            end = j = we;
        }
        size_t next = end;
        while (next < n && t[next] == ' ')
            next++;
        bool last = p->n == max_lines - 1;
        p->off[p->n] = p->text.len;
        if (end == i) { /* one word wider than the line */
            p->w[p->n] =
                pk_chart_fit(c, font, size, t + i, last ? n - i : first_word - i, maxw, &p->text);
            p->cut = true;
            i = first_word;
        } else if (last && next < n) { /* more text than lines: whole words, then the ellipsis */
            double ew = text_w(c, font, size, ELLIPSIS, strlen(ELLIPSIS));
            size_t keep = i;
            for (size_t j = i; j < end;) {
                size_t we = j;
                while (we < end && t[we] == ' ')
                    we++;
                while (we < end && t[we] != ' ')
                    we++;
                if (text_w(c, font, size, t + i, we - i) + ew > maxw) break;
                keep = j = we;
            }
            if (keep > i) { /* a number or a name is never cut in two */
                pk_buf_add(&p->text, t + i, keep - i);
                pk_buf_adds(&p->text, ELLIPSIS);
                p->w[p->n] = text_w(c, font, size, t + i, keep - i) + ew;
            } else {
                p->w[p->n] = pk_chart_fit(c, font, size, t + i, n - i, maxw, &p->text);
            }
            p->cut = true;
            i = n;
        } else {
            pk_buf_add(&p->text, t + i, end - i);
            p->w[p->n] = text_w(c, font, size, t + i, end - i);
            i = end;
        }
        pk_buf_addc(&p->text, '\0');
        p->n++;
    }
    if (i < n && !p->cut) {
        while (i < n && t[i] == ' ')
            i++;
        p->cut = i < n;
    }
    pk_buf_fini(&clean);
}

/* Height of a paragraph's lines from the first ascent to the last descent. */
double pk_chart_para_h(const pk_chart *c, const pk_para *p, int font, double size)
{
    if (p->n == 0) return 0;
    return ascent(c, font, size) + (p->n - 1) * size * pk_chart_line_gap + descent(c, font, size);
}

/* Draws a paragraph with its first line's box top at `top`; returns the last box's bottom. */
double pk_chart_draw_para(pk_chart *c, const pk_para *p, double x, double top, pk_anchor a,
                          int font, double size, pk_rgba color)
{
    double asc = ascent(c, font, size);
    if (p->cut && p->n) c->s->labels_truncated++;
    for (int i = 0; i < p->n; i++)
        pk_scene_text(c->s, x, top + asc + i * size * pk_chart_line_gap, font, size, color, a,
                      para_line(p, i));
    return top + pk_chart_para_h(c, p, font, size);
}

/* ---- header and footer ---- */

/* Title (bold; shrinks before it is cut, since a cut would lose the words after the name) and
 * subtitle (muted, two lines at most); sets c->top below them. */
void pk_chart_header(pk_chart *c, const char *title, const char *subtitle)
{
    const pk_chart_style *st = c->st;
    double maxw = c->x1 - c->x0;
    pk_para p = {0};
    static const double shrink[] = {1.0, 0.85, 0.75};
    double size = st->title_size;
    for (size_t k = 0; k < sizeof shrink / sizeof shrink[0]; k++) {
        size = st->title_size * shrink[k];
        pk_chart_wrap(c, st->font_bold, size, title, maxw, 2, &p);
        if (!p.cut) break;
    }
    pk_scene_group(c->s, "title");
    double y =
        pk_chart_draw_para(c, &p, c->x0, st->margin, PK_ANCHOR_START, st->font_bold, size, st->ink);
    if (subtitle && *subtitle) {
        pk_chart_wrap(c, st->font, st->text_size, subtitle, maxw, 2, &p);
        y = pk_chart_draw_para(c, &p, c->x0, y + 6, PK_ANCHOR_START, st->font, st->text_size,
                               st->muted);
    }
    pk_scene_ungroup(c->s);
    para_fini(&p);
    c->top = y + 22;
}

/* The note (muted, up to three lines; six on a phone) above the source line (two; four), both at
 * the bottom; sets c->bottom above them. Call after every add_source. */
void pk_chart_footer(pk_chart *c, const char *note)
{
    const pk_chart_style *st = c->st;
    double maxw = c->x1 - c->x0;
    pk_buf b = PK_BUF_INIT;
    pk_chart_source_line(c, &b);
    pk_para src = {0}, nt = {0};
    /* a phone's narrow chart gives the source and the note more lines rather than cut them */
    bool narrow = maxw < 450;
    pk_chart_wrap(c, st->font, st->small_size, b.data, maxw, narrow ? 4 : 2, &src);
    double top = st->height - st->margin - pk_chart_para_h(c, &src, st->font, st->small_size);
    pk_scene_group(c->s, "source");
    pk_chart_draw_para(c, &src, c->x0, top, PK_ANCHOR_START, st->font, st->small_size, st->muted);
    if (note && *note) {
        pk_chart_wrap(c, st->font, st->small_size, note, maxw, narrow ? 6 : 4, &nt);
        top -= 4 + pk_chart_para_h(c, &nt, st->font, st->small_size);
        pk_chart_draw_para(c, &nt, c->x0, top, PK_ANCHOR_START, st->font, st->small_size,
                           st->muted);
    }
    pk_scene_ungroup(c->s);
    c->bottom = top - 18;
    para_fini(&src);
    para_fini(&nt);
    pk_buf_fini(&b);
}

/* Finishes the alt text (the body already in c->alt, then the note and the source line, which
 * carry numbers too) and hands over the scene. */
pk_scene *pk_chart_end(pk_chart *c, const char *title, const char *note)
{
    double lack = c->need - (c->bottom - c->top);
    c->s->short_by = lack > 0.01 ? lack : 0;
    if (note && *note) {
        pk_buf_addc(&c->alt, ' ');
        pk_chart_add_clean(&c->alt, note);
    }
    pk_buf_addc(&c->alt, ' ');
    pk_chart_source_line(c, &c->alt);
    pk_buf_addc(&c->alt, '.');
    pk_buf t = PK_BUF_INIT;
    pk_chart_add_clean(&t, title);
    pk_scene_set_text(c->s, pk_buf_str(&t), pk_buf_str(&c->alt));
    /* the summary: the full one, the one without the title, or the chart's title */
    const char *sum = c->summary.len && c->summary.len <= PK_SUMMARY_MAX ? c->summary.data
                      : c->summary_short.len && c->summary_short.len <= PK_SUMMARY_MAX
                          ? c->summary_short.data
                          : NULL;
    if (!sum) {
        pk_buf_reset(&t);
        pk_chart_add_clean(&t, title);
        if (t.len > PK_SUMMARY_MAX) { /* cut at a character's start */
            size_t n = PK_SUMMARY_MAX;
            while (n > 0 && ((unsigned char)t.data[n] & 0xC0) == 0x80) n--;
            t.len = n;
            t.data[n] = '\0';
        }
        sum = pk_buf_str(&t);
    }
    pk_scene_set_summary(c->s, sum);
    pk_buf_reset(&t);
    for (size_t i = 0; i < c->n_sources; i++) {
        if (i) pk_buf_addc(&t, '+');
        pk_buf_adds(&t, c->source_ids[i]);
    }
    pk_scene_set_sources(c->s, pk_buf_str(&t));
    pk_buf_fini(&t);
    pk_buf_fini(&c->alt);
    pk_buf_fini(&c->summary);
    pk_buf_fini(&c->summary_short);
    return c->s;
}

void pk_chart_summary(pk_chart *c, const char *before, const char *stand_in, const char *after,
                      ...)
{
    pk_buf tail = PK_BUF_INIT;
    va_list ap;
    va_start(ap, after);
    pk_buf_vprintf(&tail, after, ap);
    va_end(ap);
    for (int k = 0; k < 2; k++) {
        pk_buf *b = k == 0 ? &c->summary : &c->summary_short;
        pk_buf_reset(b);
        pk_buf_adds(b, before);
        if (k == 0) pk_chart_add_clean(b, c->r->title);
        else pk_buf_adds(b, stand_in);
        pk_buf_adds(b, pk_buf_str(&tail));
    }
    pk_buf_fini(&tail);
}

/* ---- numbers ---- */

/* A count for a label: three significant digits from a thousand up ("16.9K", "6.75K", "169K",
 * "1.23M"), so two bars that differ by 2% still read differently; the whole number below. */
void pk_chart_count_compact(pk_buf *b, double v, unsigned flags)
{
    static const struct {
        double div;
        const char *suffix;
    } steps[] = {{1e3, "K"}, {1e6, "M"}, {1e9, "B"}};
    double a = fabs(v);
    int step = -1;
    for (int k = 0; k < 3; k++)
        if (a >= steps[k].div) step = k;
    if (step < 0) {
        pk_fmt_num(b, v, 0, flags);
        return;
    }
    for (;;) {
        double x = a / steps[step].div;
        int decimals = x < 9.995 ? 2 : x < 99.95 ? 1 : 0;
        double rounded = floor(x * pow(10, decimals) + 0.5) / pow(10, decimals);
        if (rounded >= 1000 && step < 2) { /* 999,999 reads "1M", not "1,000K" */
            step++;
            continue;
        }
        pk_fmt_num(b, v < 0 ? -x : x, decimals, flags | PK_FMT_TRIM);
        pk_buf_adds(b, steps[step].suffix);
        return;
    }
}

/* The release ("May 2024"), else the year, of a figure's source; NULL when neither is known. */
const char *pk_chart_release_of(const pk_sources *s, const char *ids, pk_buf *tmp)
{
    if (!ids) return NULL;
    size_t n = strcspn(ids, "+");
    char id[64];
    if (n >= sizeof id) return NULL;
    memcpy(id, ids, n);
    id[n] = '\0';
    const pk_source *src = pk_sources_find(s, id);
    if (!src) return NULL;
    if (src->release) return src->release;
    if (src->year > 0) {
        pk_buf_reset(tmp);
        pk_buf_printf(tmp, "%ld", src->year);
        return tmp->data;
    }
    return NULL;
}
