/* frame.h: what every chart builder of charts/ shares, private to charts/: the chart being built
 * (its scene, the plot area between the header and the footer, the source ids of the figures
 * drawn and the alt text), text measured, cut with an ellipsis and wrapped, and compact numbers.
 * frame.c holds the functions; charts.c, profile.c and share.c build with them. */
#ifndef PK_CHARTS_FRAME_H
#define PK_CHARTS_FRAME_H

#include <string.h>

#include "charts/charts.h"
#include "data/buf.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */
#define EN_DASH "\xE2\x80\x93"  /* U+2013 */
#define EM_DASH "\xE2\x80\x94"  /* U+2014 */
#define MIDDOT "\xC2\xB7"       /* U+00B7 */
#define TIMES "\xC3\x97"        /* U+00D7, the location quotient's "94.66×" */
#define ARROW_RIGHT "\xE2\x86\x92"
#define ARROW_UP "\xE2\x86\x91"
#define LDQUO "\xE2\x80\x9C"
#define RDQUO "\xE2\x80\x9D"

enum {
    PK_CHART_MAX_SOURCES = 16,     /* distinct source ids on one chart's source line */
    PK_CHART_MAX_LINES = 6,        /* lines of one wrapped paragraph (a phone's note) */
    PK_CHART_MAX_LINE_BYTES = 2048 /* no line of a 900 pt chart holds more; bounds hostile text */
};

static const double pk_chart_line_gap = 1.25; /* line spacing, in ems */

/* ---- the chart being built ---- */

typedef struct pk_chart {
    pk_scene *s; /* the scene being built: handed to the caller by pk_chart_end */
    const pk_fonts *fonts;
    const pk_chart_style *st;
    const pk_record *r;
    const pk_sources *src;
    double x0, x1;      /* the content's left and right edges */
    double top, bottom; /* the plot area, between the header and the footer */
    double need;        /* the plot height the builder needs (pk_chart_need); 0 when it adapts */
    char source_ids[PK_CHART_MAX_SOURCES][64];
    size_t n_sources;
    pk_buf alt; /* alt text: AP-style prose of every number drawn */
    /* the one-sentence summary (pk_chart_summary), and the same with "this occupation" for the
     * title, for when the title makes it too long */
    pk_buf summary, summary_short;
} pk_chart;

/* Starts a chart of st's size on st's background, content between the margins. */
void pk_chart_begin(pk_chart *c, const pk_record *r, const pk_sources *src, const pk_fonts *fonts,
                    const pk_chart_style *st);

/* Records the source ids a drawn figure names ("a+b" counts as a and b) for the source line. */
void pk_chart_add_source(pk_chart *c, const char *ids);

/* Appends "Source: BLS OEWS (May 2024)", the labels of the ids recorded, joined with "; ". */
void pk_chart_source_line(const pk_chart *c, pk_buf *b);

/* The chart's one-sentence summary, its key figures only, for an img's short alt text (the
 * scene's `summary`, at most PK_SUMMARY_MAX bytes): `before` the occupation's title, then
 * `after` (printf-style). Where the title makes it too long, `stand_in` ("this occupation")
 * takes its place; where even that is too long, the chart's title alone is the summary. */
void pk_chart_summary(pk_chart *c, const char *before, const char *stand_in, const char *after,
                      ...) __attribute__((format(printf, 4, 5)));

/* Records that the plot needs h points of height; pk_chart_end sets the scene's short_by to what
 * the plot area lacks, and pk_chart_build of a style with fit_height draws again that much taller. */
static inline void pk_chart_need(pk_chart *c, double h)
{
    if (h > c->need) c->need = h;
}

/* Title (bold; shrinks before it is cut) and subtitle (muted, two lines at most) from the top
 * margin; sets c->top below them. */
void pk_chart_header(pk_chart *c, const char *title, const char *subtitle);

/* The note (muted, up to three lines) above the source line, both at the bottom; sets c->bottom
 * above them. Call after every pk_chart_add_source. */
void pk_chart_footer(pk_chart *c, const char *note);

/* Finishes the alt text (c->alt, then the note and the source line) and returns the scene, which
 * the caller owns. */
pk_scene *pk_chart_end(pk_chart *c, const char *title, const char *note);

/* ---- text ---- */

/* Appends s as one line of text for a chart: tabs and line breaks become spaces and other
 * control characters U+FFFD (pk_text_add_line), and bidirectional controls (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C) are dropped. A painter lays glyphs left to right, as
 * measured; an SVG viewer would obey a right-to-left override and show something else. */
void pk_chart_add_clean(pk_buf *b, const char *s);

static inline double text_w(const pk_chart *c, int font, double size, const char *s, size_t n)
{
    return pk_fonts_width(c->fonts, font, size, s, n);
}

static inline double ascent(const pk_chart *c, int font, double size)
{
    double a, d;
    pk_fonts_vmetrics(c->fonts, font, size, &a, &d);
    return a;
}

static inline double descent(const pk_chart *c, int font, double size)
{
    double a, d;
    pk_fonts_vmetrics(c->fonts, font, size, &a, &d);
    return d;
}

/* Height of one line's box (ascent + descent), the box the no-overlap rules use. */
static inline double box_h(const pk_chart *c, int font, double size)
{
    return ascent(c, font, size) + descent(c, font, size);
}

/* The baseline that centres a line's box on y. */
static inline double centred_baseline(const pk_chart *c, int font, double size, double y)
{
    return y + (ascent(c, font, size) - descent(c, font, size)) / 2;
}

static inline double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Appends s[0..n) to out when it is at most maxw wide, else its longest start that fits with an
 * ellipsis (cut between characters, trailing spaces and punctuation dropped); nothing when not
 * even the ellipsis fits. Returns the width appended, in points. */
double pk_chart_fit(const pk_chart *c, int font, double size, const char *s, size_t n, double maxw,
                    pk_buf *out);

/* A wrapped paragraph: n lines, each NUL-terminated in text at off[i], w[i] wide. */
typedef struct pk_para {
    pk_buf text;
    size_t off[PK_CHART_MAX_LINES];
    double w[PK_CHART_MAX_LINES];
    int n;
    bool cut; /* text was left out (an ellipsis ends the last line) */
} pk_para;

static inline void para_fini(pk_para *p)
{
    pk_buf_fini(&p->text);
    memset(p, 0, sizeof *p);
}

static inline const char *para_line(const pk_para *p, int i)
{
    return p->text.data + p->off[i];
}

static inline double para_w(const pk_para *p)
{
    double w = 0;
    for (int i = 0; i < p->n; i++)
        w = p->w[i] > w ? p->w[i] : w;
    return w;
}

/* Breaks text (cleaned as pk_chart_add_clean does) into at most max_lines (<=
 * PK_CHART_MAX_LINES) lines no wider than maxw, at spaces. When text remains after the last
 * line, that line ends with an ellipsis; a word wider than a whole line is cut the same way. */
void pk_chart_wrap(const pk_chart *c, int font, double size, const char *text, double maxw,
                   int max_lines, pk_para *p);

/* Height of a paragraph's lines from the first ascent to the last descent. */
double pk_chart_para_h(const pk_chart *c, const pk_para *p, int font, double size);

/* Draws a paragraph with its first line's box top at `top`; returns the last box's bottom. */
double pk_chart_draw_para(pk_chart *c, const pk_para *p, double x, double top, pk_anchor a,
                          int font, double size, pk_rgba color);

/* ---- numbers ---- */

/* A count for a label: three significant digits from a thousand up ("16.9K", "6.75K", "169K",
 * "1.23M"); the whole number below. */
void pk_chart_count_compact(pk_buf *b, double v, unsigned flags);

/* The release ("May 2024"), else the year (written into tmp), of a figure's first source; NULL
 * when neither is known. */
const char *pk_chart_release_of(const pk_sources *s, const char *ids, pk_buf *tmp);

/* ---- the builders of the other files, for the registry in charts.c ---- */

bool pk_chart_has_education(const pk_record *r);
pk_scene *pk_chart_build_education(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                   const pk_chart_style *st, pk_diag *d);
bool pk_chart_has_concentration(const pk_record *r);
pk_scene *pk_chart_build_concentration(const pk_record *r, const pk_sources *s,
                                       const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d);
bool pk_chart_has_ksa(const pk_record *r);
pk_scene *pk_chart_build_ksa(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                             const pk_chart_style *st, pk_diag *d);
bool pk_chart_has_interests(const pk_record *r);
pk_scene *pk_chart_build_interests(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                   const pk_chart_style *st, pk_diag *d);
bool pk_chart_has_wage_history(const pk_record *r);
pk_scene *pk_chart_build_wage_history(const pk_record *r, const pk_sources *s,
                                      const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d);
bool pk_chart_has_employment_history(const pk_record *r);
pk_scene *pk_chart_build_employment_history(const pk_record *r, const pk_sources *s,
                                            const pk_fonts *fonts, const pk_chart_style *st,
                                            pk_diag *d);
bool pk_chart_has_augmentation(const pk_record *r);
pk_scene *pk_chart_build_augmentation(const pk_record *r, const pk_sources *s,
                                      const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d);

#endif
