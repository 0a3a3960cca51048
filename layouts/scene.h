/* scene.h: a chart or a page as a flat display list in points, origin top-left, y down: rects,
 * lines, paths, positioned text runs (measured when added), clips and groups. Charts build one;
 * painters (the SVG writer, cairo for PNG, later libharu for PDF) replay it without re-measuring
 * or re-wrapping anything. Part of layouts/, above fonts/. */
#ifndef PK_SCENE_H
#define PK_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "data/arena.h"
#include "fonts/fonts.h"

typedef struct pk_rgba {
    unsigned char r, g, b, a; /* a == 0: nothing is painted */
} pk_rgba;

#define PK_NONE ((pk_rgba){0, 0, 0, 0})
#define PK_RGB(hex) ((pk_rgba){(hex) >> 16 & 255, (hex) >> 8 & 255, (hex) & 255, 255})

typedef enum pk_anchor { PK_ANCHOR_START, PK_ANCHOR_MIDDLE, PK_ANCHOR_END } pk_anchor;

typedef enum pk_op_kind {
    PK_OP_RECT,    /* x, y, w, h; fill, stroke */
    PK_OP_LINE,    /* x, y -> x2, y2; stroke, dash */
    PK_OP_PATH,    /* pts[0..2n) as x,y pairs; closed; fill, stroke */
    PK_OP_TEXT,    /* text at (x, y = baseline), anchored; font, size, fill; width measured */
    PK_OP_CLIP,    /* x, y, w, h: until the matching UNCLIP */
    PK_OP_UNCLIP,
    PK_OP_GROUP,   /* id (an SVG group, a PDF marked section): until the matching UNGROUP */
    PK_OP_UNGROUP
} pk_op_kind;

typedef struct pk_op {
    pk_op_kind kind;
    double x, y, w, h, x2, y2;
    const double *pts; /* PATH: 2 * n_pts values, in the scene's arena */
    size_t n_pts;
    bool closed;
    pk_rgba fill, stroke;
    double stroke_w; /* points */
    double dash;     /* LINE: dash length in points, 0 = solid */
    const char *text; /* TEXT: UTF-8, in the arena */
    int font;         /* TEXT: id in the scene's fonts */
    double size;      /* TEXT: points */
    pk_anchor anchor;
    double text_w;    /* TEXT: measured advance width, points */
    const char *id;   /* GROUP: a name ("bars", "axis") */
} pk_op;

typedef struct pk_scene {
    pk_arena *arena;        /* owned: ops, strings, points */
    const pk_fonts *fonts;  /* borrowed: outlives the scene */
    double width, height;   /* points */
    pk_rgba background;
    const char *title;      /* the chart's title (SVG <title>) */
    const char *desc;       /* alt text, built from the numbers drawn (SVG <desc>, .alt.txt) */
    pk_op *ops;
    size_t n_ops, cap_ops;
} pk_scene;

pk_scene *pk_scene_new(const pk_fonts *fonts, double width, double height);
void pk_scene_free(pk_scene *s);

void pk_scene_set_text(pk_scene *s, const char *title, const char *desc); /* copied */
void pk_scene_rect(pk_scene *s, double x, double y, double w, double h, pk_rgba fill,
                   pk_rgba stroke, double stroke_w);
void pk_scene_line(pk_scene *s, double x1, double y1, double x2, double y2, pk_rgba stroke,
                   double width, double dash);
void pk_scene_path(pk_scene *s, const double *pts, size_t n_pts, bool closed, pk_rgba fill,
                   pk_rgba stroke, double stroke_w);
/* Adds a text run (copied) and returns its width in points. */
double pk_scene_text(pk_scene *s, double x, double baseline, int font, double size, pk_rgba color,
                     pk_anchor anchor, const char *utf8);
void pk_scene_clip(pk_scene *s, double x, double y, double w, double h);
void pk_scene_unclip(pk_scene *s);
void pk_scene_group(pk_scene *s, const char *id);
void pk_scene_ungroup(pk_scene *s);

/* ---- painters ---- */

/* A painter is a table of functions (as cairo's surface backends are); pk_paint dispatches the
 * scene's ops to it in order. ctx is the painter's own state. Each returns 0 or -1. */
typedef struct pk_painter {
    const char *name;
    int (*begin)(void *ctx, const pk_scene *s);
    void (*rect)(void *ctx, const pk_op *op);
    void (*line)(void *ctx, const pk_op *op);
    void (*path)(void *ctx, const pk_op *op);
    void (*text)(void *ctx, const pk_scene *s, const pk_op *op);
    void (*clip)(void *ctx, const pk_op *op);
    void (*unclip)(void *ctx);
    void (*group)(void *ctx, const pk_op *op);
    void (*ungroup)(void *ctx);
    int (*end)(void *ctx, const pk_scene *s);
} pk_painter;

int pk_paint(const pk_scene *s, const pk_painter *p, void *ctx);

#endif
