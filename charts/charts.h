/* charts.h: the charts of a press kit, each built from the record alone into a scene (see
 * layouts/scene.h): title, subtitle naming the measure and period, the marks, labels that are
 * measured and never overlap or leave the box, a source line, and alt text made only from the
 * numbers drawn. Part of charts/, above layouts/. */
#ifndef PK_CHARTS_H
#define PK_CHARTS_H

#include <stdbool.h>

#include "data/diag.h"
#include "data/record.h"
#include "fonts/fonts.h"
#include "layouts/scene.h"

/* How charts look: sizes, fonts and palette (a template sets these; defaults below). */
typedef struct pk_chart_style {
    double width, height; /* points; the default 900 x 506.25 renders 1200 x 675 px at 1x */
    int font, font_bold;  /* ids in the fonts the scene is built with */
    double title_size, text_size, small_size; /* points */
    pk_rgba ink, muted, grid, background;
    pk_rgba accent, accent_light, accent_dark, highlight; /* colour-blind-safe defaults */
    double margin;                                        /* points, around everything */
    /* true: pk_chart_build grows height to what the chart's rows, labels and notes need (the
     * brief and brief.html); false: the size is the size (the kit's 16:9 files) */
    bool fit_height;
} pk_chart_style;

/* The default style (DejaVu Sans, the Okabe–Ito blue for marks); loads its fonts into `fonts`.
 * Returns 0, or -1 with a message when a font is missing. */
int pk_chart_style_default(pk_chart_style *st, pk_fonts *fonts, pk_diag *d);

typedef struct pk_chart_def {
    const char *name;  /* "wages", "projection", ... : file names and `presskit chart NAME` */
    const char *about; /* one line for `presskit chart --list` */
    /* true when the record has the figures this chart draws (else it is left out of the kit,
     * with a note in manifest.json, never drawn as an empty frame) */
    bool (*has_data)(const pk_record *r);
    /* The scene, or NULL with a message. */
    pk_scene *(*build)(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                       const pk_chart_style *st, pk_diag *d);
    /* Height over width for a printed page: the least at which r's rows, labels and notes sit
     * without crowding (a three-bar chart needs far less than 16:9). The brief uses it unless its
     * template sets charts.height. */
    double (*print_height)(const pk_record *r); /* PK_CHART_MIN_PRINT_HEIGHT or more */
    const char *lacks; /* what a record without its data lacks: "no wage percentiles" */
} pk_chart_def;

/* The shortest print height of any chart: what a template's frame must hold at least, in each
 * section with a chart (reports/brief.c). */
#define PK_CHART_MIN_PRINT_HEIGHT 0.32

/* The height at which def's chart of r sits `width` points wide: width × print_height at a page
 * column's width or more; narrower (a phone), the rows keep the room they have in a column and
 * the header and notes room for the lines they wrap to. test_charts draws every chart at this
 * height at PK_CHART_PHONE_WIDTH and checks that nothing overlaps or leaves the frame. */
double pk_chart_height(const pk_chart_def *def, const pk_record *r, double width);
#define PK_CHART_PHONE_WIDTH 360.0

/* Every chart, in the brief's order; ends with an entry whose name is NULL. */
extern const pk_chart_def pk_charts[];

const pk_chart_def *pk_chart_find(const char *name);

/* False for a chart that does not apply to r at all (a history chart of data that holds one
 * release), which a kit then leaves out without saying so; true otherwise. */
bool pk_chart_applies(const pk_chart_def *def, const pk_record *r);

/* Builds def's chart of r: the scene, or NULL with one message, "SOC: error: chart \"NAME\": the
 * record has no ..." when the record has no data for it (def->has_data) or the builder fails.
 * Callers use this rather than def->build, which takes the data as there. */
pk_scene *pk_chart_build(const pk_chart_def *def, const pk_record *r, const pk_sources *s,
                         const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d);

/* The share card (share.png): 1200 x 630 px at 1x, 900 x 472.5 pt. */
#define PK_SHARE_WIDTH 900.0
#define PK_SHARE_HEIGHT 472.5
/* Every text and mark of the card stays this far inside each edge (60 px): what a platform
 * cropping the card to 2:1 or rounding its corners leaves alone. Only the background and a
 * decorative strip along the top edge go outside it. */
#define PK_SHARE_SAFE 45.0

/* Builds the share card of r in st's fonts and colours: the SOC code, the title, the headline
 * figure or figures chosen by the kit's headline rules (docs/kit.md: AI task overlap and annual
 * openings, else openings, else median pay, else none) with what they measure, the source line
 * of those figures and, when url is not NULL, the page it comes from (the kit's URL). headline
 * (the kit's headline, which those same rules made) is the scene's title; its alt text says
 * every number drawn. Returns the scene (the caller frees it with pk_scene_free). */
pk_scene *pk_share_build(const pk_record *r, const pk_sources *s, const char *headline,
                         const char *url, const pk_fonts *fonts, const pk_chart_style *st);

#endif
