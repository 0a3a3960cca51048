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
    PK_OP_UNGROUP,
    PK_OP_IMAGE,   /* x, y, w, h: an image file's bytes (blob, PNG or JPEG), checked when loaded */
    PK_OP_LINK,    /* x, y, w, h: a clickable area opening text (a URL); painters may ignore it */
    PK_OP_MARK     /* an outline (bookmark) entry: text at level (0 = top), at y; may be ignored */
} pk_op_kind;

typedef enum pk_image_fmt { PK_IMAGE_PNG, PK_IMAGE_JPEG } pk_image_fmt;

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
    const unsigned char *blob; /* IMAGE: the file's bytes, borrowed (outlive the scene) */
    size_t blob_len;
    pk_image_fmt image_fmt;
    int level;        /* MARK: outline depth, 0 = top */
    const char *actual; /* TEXT: a word broken by a hyphen at a line end: the whole word (on
                           both parts, without the hyphen), for the PDF's /ActualText; or NULL */
    unsigned char part; /* TEXT with actual: 1 the part before the hyphen, 2 the part after */
    unsigned tag;     /* the structure element (a node of the document) the op belongs to, an
                         index the caller's element list gives meaning to (pk_pdf_elem); 0 =
                         page furniture (an artifact). Painters other than the PDF ignore it. */
} pk_op;

typedef struct pk_scene {
    pk_arena *arena;        /* owned: ops, strings, points */
    const pk_fonts *fonts;  /* borrowed: outlives the scene */
    double width, height;   /* points */
    pk_rgba background;
    const char *title;      /* the chart's title (SVG <title>) */
    const char *desc;       /* alt text, built from the numbers drawn (SVG <desc>, .alt.txt) */
    const char *summary;    /* one sentence, at most PK_SUMMARY_MAX bytes: an img's short alt text */
    const char *sources;    /* the ids of the sources drawn, "+"-joined ("oews-2024+aioe"), or NULL */
    double short_by;        /* height (points) its layout lacked, so that parts crowd; 0 when all fit */
    /* preflight (docs/templates.md): texts drawn shortened with an ellipsis, labels that found
     * no place and were left out, points drawn with neither a label nor a key entry, labels
     * placed only as a last resort (a leader over other marks or across leaders, or none) */
    unsigned labels_truncated, labels_dropped, points_unlabelled, labels_loose;
    pk_op *ops;
    size_t n_ops, cap_ops;
    unsigned tag;           /* stamped on every op added from now on (pk_op.tag); 0 at first */
} pk_scene;

pk_scene *pk_scene_new(const pk_fonts *fonts, double width, double height);
void pk_scene_free(pk_scene *s);
/* Drops every op after the first n (what a layout set and takes back). */
void pk_scene_truncate(pk_scene *s, size_t n);

void pk_scene_set_text(pk_scene *s, const char *title, const char *desc); /* copied */
#define PK_SUMMARY_MAX 150
void pk_scene_set_summary(pk_scene *s, const char *summary); /* copied */
void pk_scene_set_sources(pk_scene *s, const char *ids);      /* copied */
/* The tag (pk_op.tag) of the ops added from now on; returns the one before. */
static inline unsigned pk_scene_tag(pk_scene *s, unsigned tag)
{
    unsigned old = s->tag;
    s->tag = tag;
    return old;
}
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
/* An image whose bytes (borrowed: they must outlive every painting) fill the box. */
void pk_scene_image(pk_scene *s, double x, double y, double w, double h, const unsigned char *blob,
                    size_t len, pk_image_fmt fmt);
/* A clickable box opening url (copied). */
void pk_scene_link(pk_scene *s, double x, double y, double w, double h, const char *url);
/* An outline entry titled title (copied) at depth level, pointing at y on this scene's page. */
void pk_scene_mark(pk_scene *s, int level, double y, const char *title);
/* Copies every op of src into dst, scaled by k and moved to (x, y): how a chart is placed on a
 * page as vector graphics. Both scenes must use the same fonts. Texts keep their measured
 * widths (scaled), so nothing is re-measured or re-wrapped. Every op placed takes dst's tag
 * (a chart on a page is one figure). */
void pk_scene_place(pk_scene *dst, const pk_scene *src, double x, double y, double k);

/* ---- painters ---- */

/* A painter is a table of functions (as cairo's surface backends are); pk_paint dispatches the
 * scene's ops to it in order. ctx is the painter's own state. Each returns 0 or -1. The entries
 * image, link and mark may be NULL: a painter without them skips those ops (SVG and PNG charts
 * have no links or outline). */
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
    void (*image)(void *ctx, const pk_op *op);
    void (*link)(void *ctx, const pk_op *op);
    void (*mark)(void *ctx, const pk_op *op);
    int (*end)(void *ctx, const pk_scene *s);
} pk_painter;

int pk_paint(const pk_scene *s, const pk_painter *p, void *ctx);

#endif
