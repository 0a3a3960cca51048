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
    double width, height;   /* points; the default 900 x 506.25 renders 1200 x 675 px at 1x */
    int font, font_bold;    /* ids in the fonts the scene is built with */
    double title_size, text_size, small_size; /* points */
    pk_rgba ink, muted, grid, background;
    pk_rgba accent, accent_light, accent_dark, highlight; /* colour-blind-safe defaults */
    double margin;          /* points, around everything */
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
} pk_chart_def;

/* Every chart, in the brief's order; ends with an entry whose name is NULL. */
extern const pk_chart_def pk_charts[];

const pk_chart_def *pk_chart_find(const char *name);

#endif
