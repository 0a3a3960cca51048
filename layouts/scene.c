/* scene.c: building scenes and dispatching them to painters; see scene.h. */
#include "layouts/scene.h"

#include <string.h>

pk_scene *pk_scene_new(const pk_fonts *fonts, double width, double height)
{
    pk_arena *a = pk_arena_new();
    pk_scene *s = pk_arena_alloc(a, sizeof *s);
    s->arena = a;
    s->fonts = fonts;
    s->width = width;
    s->height = height;
    s->background = PK_RGB(0xFFFFFF);
    return s;
}

void pk_scene_free(pk_scene *s)
{
    if (s) pk_arena_free(s->arena);
}

static pk_op *add(pk_scene *s, pk_op_kind kind)
{
    if (s->n_ops == s->cap_ops) {
        size_t cap = s->cap_ops ? 2 * s->cap_ops : 64;
        pk_op *ops = pk_arena_alloc(s->arena, cap * sizeof *ops);
        if (s->n_ops) memcpy(ops, s->ops, s->n_ops * sizeof *ops);
        s->ops = ops;
        s->cap_ops = cap;
    }
    pk_op *op = &s->ops[s->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->tag = s->tag;
    return op;
}

void pk_scene_truncate(pk_scene *s, size_t n)
{
    if (n < s->n_ops) s->n_ops = n;
}

void pk_scene_set_text(pk_scene *s, const char *title, const char *desc)
{
    s->title = pk_arena_strdup(s->arena, title);
    s->desc = pk_arena_strdup(s->arena, desc);
}

void pk_scene_set_summary(pk_scene *s, const char *summary)
{
    s->summary = summary ? pk_arena_strdup(s->arena, summary) : NULL;
}

void pk_scene_set_sources(pk_scene *s, const char *ids)
{
    s->sources = ids && *ids ? pk_arena_strdup(s->arena, ids) : NULL;
}

void pk_scene_rect(pk_scene *s, double x, double y, double w, double h, pk_rgba fill,
                   pk_rgba stroke, double stroke_w)
{
    pk_op *op = add(s, PK_OP_RECT);
    op->x = x, op->y = y, op->w = w, op->h = h;
    op->fill = fill, op->stroke = stroke, op->stroke_w = stroke_w;
}

void pk_scene_line(pk_scene *s, double x1, double y1, double x2, double y2, pk_rgba stroke,
                   double width, double dash)
{
    pk_op *op = add(s, PK_OP_LINE);
    op->x = x1, op->y = y1, op->x2 = x2, op->y2 = y2;
    op->stroke = stroke, op->stroke_w = width, op->dash = dash;
}

void pk_scene_path(pk_scene *s, const double *pts, size_t n_pts, bool closed, pk_rgba fill,
                   pk_rgba stroke, double stroke_w)
{
    pk_op *op = add(s, PK_OP_PATH);
    double *copy = pk_arena_alloc(s->arena, 2 * n_pts * sizeof *copy);
    memcpy(copy, pts, 2 * n_pts * sizeof *copy);
    op->pts = copy, op->n_pts = n_pts, op->closed = closed;
    op->fill = fill, op->stroke = stroke, op->stroke_w = stroke_w;
}

double pk_scene_text(pk_scene *s, double x, double baseline, int font, double size, pk_rgba color,
                     pk_anchor anchor, const char *utf8)
{
    pk_op *op = add(s, PK_OP_TEXT);
    op->x = x, op->y = baseline;
    op->font = font, op->size = size, op->fill = color, op->anchor = anchor;
    op->text = pk_arena_strdup(s->arena, utf8);
    op->text_w = pk_fonts_width(s->fonts, font, size, utf8, strlen(utf8));
    return op->text_w;
}

void pk_scene_clip(pk_scene *s, double x, double y, double w, double h)
{
    pk_op *op = add(s, PK_OP_CLIP);
    op->x = x, op->y = y, op->w = w, op->h = h;
}

void pk_scene_unclip(pk_scene *s)
{
    add(s, PK_OP_UNCLIP);
}

void pk_scene_group(pk_scene *s, const char *id)
{
    pk_op *op = add(s, PK_OP_GROUP);
    op->id = pk_arena_strdup(s->arena, id);
}

void pk_scene_ungroup(pk_scene *s)
{
    add(s, PK_OP_UNGROUP);
}

void pk_scene_image(pk_scene *s, double x, double y, double w, double h, const unsigned char *blob,
                    size_t len, pk_image_fmt fmt)
{
    pk_op *op = add(s, PK_OP_IMAGE);
    op->x = x, op->y = y, op->w = w, op->h = h;
    op->blob = blob, op->blob_len = len, op->image_fmt = fmt;
}

void pk_scene_link(pk_scene *s, double x, double y, double w, double h, const char *url)
{
    pk_op *op = add(s, PK_OP_LINK);
    op->x = x, op->y = y, op->w = w, op->h = h;
    op->text = pk_arena_strdup(s->arena, url);
}

void pk_scene_mark(pk_scene *s, int level, double y, const char *title)
{
    pk_op *op = add(s, PK_OP_MARK);
    op->y = y, op->level = level;
    op->text = pk_arena_strdup(s->arena, title);
}

void pk_scene_place(pk_scene *dst, const pk_scene *src, double x, double y, double k)
{
    for (size_t i = 0; i < src->n_ops; i++) {
        const pk_op *o = &src->ops[i];
        pk_op *op = add(dst, o->kind);
        *op = *o;
        op->tag = dst->tag;
        op->x = x + k * o->x, op->y = y + k * o->y;
        op->x2 = x + k * o->x2, op->y2 = y + k * o->y2;
        op->w = k * o->w, op->h = k * o->h;
        op->stroke_w = k * o->stroke_w, op->dash = k * o->dash;
        op->size = k * o->size, op->text_w = k * o->text_w;
        if (o->text) op->text = pk_arena_strdup(dst->arena, o->text);
        if (o->id) op->id = pk_arena_strdup(dst->arena, o->id);
        if (o->pts) {
            double *pts = pk_arena_alloc(dst->arena, 2 * o->n_pts * sizeof *pts);
            for (size_t j = 0; j < o->n_pts; j++) {
                pts[2 * j] = x + k * o->pts[2 * j];
                pts[2 * j + 1] = y + k * o->pts[2 * j + 1];
            }
            op->pts = pts;
        }
    }
}

int pk_paint(const pk_scene *s, const pk_painter *p, void *ctx)
{
    if (p->begin && p->begin(ctx, s) != 0) return -1;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        switch (op->kind) {
        case PK_OP_RECT: p->rect(ctx, op); break;
        case PK_OP_LINE: p->line(ctx, op); break;
        case PK_OP_PATH: p->path(ctx, op); break;
        case PK_OP_TEXT: p->text(ctx, s, op); break;
        case PK_OP_CLIP: p->clip(ctx, op); break;
        case PK_OP_UNCLIP: p->unclip(ctx); break;
        case PK_OP_GROUP: p->group(ctx, op); break;
        case PK_OP_UNGROUP: p->ungroup(ctx); break;
        case PK_OP_IMAGE:
            if (p->image) p->image(ctx, op);
            break;
        case PK_OP_LINK:
            if (p->link) p->link(ctx, op);
            break;
        case PK_OP_MARK:
            if (p->mark) p->mark(ctx, op);
            break;
        }
    }
    return p->end ? p->end(ctx, s) : 0;
}
