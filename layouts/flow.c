/* flow.c: pagination of blocks into frames (columns of pages); see flow.h. Immediate mode: each
 * block is placed when it is added, except headings, which wait for the next block so that they
 * can move with it. */
#include "layouts/flow.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PENDING 4
#define MAX_COLS 3
#define EPS 1e-6
/* Columns within this many points of each other are balanced; a band is set again at most
 * BALANCE_TRIES times to get there. */
#define BALANCE_TOL 16.0
#define BALANCE_TRIES 3
/* A table kept whole moves on only when less than this share of a frame is left */
#define KEEP_WHOLE_ROOM 0.25

typedef struct pending {
    pk_para *p;
    double before, after;
    int level;
    const char *mark;
    unsigned tag; /* the flow's tag when it was added */
} pending;

/* A box floating to the top of the next frame (pk_flow_box_float). */
typedef struct floater {
    bool on;
    double h, after;
    pk_flow_draw draw;
    void *u;
    unsigned tag;
} floater;

/* The state of the flow where a band of columns starts (pk_flow_band_begin), to set the band
 * again from there. */
typedef struct band_mark {
    bool set;
    size_t n_pages, n_ops; /* pages, and the ops of the last one */
    int cols, col;
    double band_top, band_bottom, y;
    bool fresh;
    double col_end[MAX_COLS];
    pk_flow_quality q;
    floater flt;
} band_mark;

/* Balancing the last page of a band: on page `page`, every column but the last ends at `limit`
 * (a y) when `on`. */
typedef struct balance {
    bool on, final;
    size_t page;
    double limit;
    double first_bottom; /* the band's lowest point on that page, unbalanced */
    int tries;
    bool best_on;
    double best_limit, best_score;
} balance;

struct pk_flow {
    pk_arena *arena; /* owned: paragraphs, strings */
    const pk_fonts *fonts;
    pk_flow_page pg;
    const char *what;
    pk_scene **pages; /* owned */
    size_t n_pages, cap_pages;
    int cols, col;        /* columns in the current band, the current one */
    double band_top;      /* y where the band's columns start */
    double band_bottom;   /* the lowest y any column of the band reached */
    double y;             /* the cursor in the current column */
    bool fresh;           /* nothing placed in this frame yet */
    pending pend[MAX_PENDING];
    size_t n_pend;
    double col_end[MAX_COLS]; /* where each column of the band ends on this page */
    double carry_h;           /* what the last table repeats where it goes on: "(continued)" and
                                 the header row, points */
    band_mark mark;           /* where the band being balanced starts */
    balance bal;
    pk_flow_quality q;        /* the preflight's measures */
    double *empty;            /* per page, the share of its body left empty (cap_pages) */
    bool refs;                /* paragraphs are references (pk_flow_refs) */
    size_t list_items, list_page; /* the list being set (pk_flow_list_begin), its first page */
    floater flt;              /* a box waiting for the next frame */
    unsigned tag, label_tag;  /* pk_flow_tag: the blocks' from now on, and a bullet's */
};

static double page_bottom(const pk_flow *fl)
{
    return fl->pg.height - fl->pg.bottom;
}

/* Where the current column ends: the page's foot, or the balancing limit (see balance). */
static double bottom(const pk_flow *fl)
{
    const balance *b = &fl->bal;
    if (b->on && fl->n_pages - 1 == b->page && fl->col + 1 < fl->cols && b->limit < page_bottom(fl))
        return b->limit;
    return page_bottom(fl);
}

static double content_w(const pk_flow *fl)
{
    return fl->pg.width - fl->pg.left - fl->pg.right;
}

double pk_flow_width(const pk_flow *fl)
{
    return (content_w(fl) - (fl->cols - 1) * fl->pg.col_gap) / fl->cols;
}

static double col_x(const pk_flow *fl)
{
    return fl->pg.left + fl->col * (pk_flow_width(fl) + fl->pg.col_gap);
}

pk_arena *pk_flow_arena(pk_flow *fl)
{
    return fl->arena;
}

/* The share of the current page's body frame below the last block of each column of the band
 * in progress (earlier bands on the page are full to their bottom). */
static double empty_share(const pk_flow *fl)
{
    double fw = content_w(fl), pb = page_bottom(fl), fh = pb - fl->pg.top;
    if (fw <= 0 || fh <= 0) return 0;
    double cw = pk_flow_width(fl), area = 0;
    for (int c = 0; c < fl->cols; c++) {
        double end = c < fl->col ? fl->col_end[c] : c == fl->col ? fl->y : fl->band_top;
        area += fmax(pb - end, 0) * cw;
    }
    return fmin(area / (fw * fh), 1);
}

static void new_page(pk_flow *fl)
{
    if (fl->n_pages) fl->empty[fl->n_pages - 1] = empty_share(fl);
    if (fl->n_pages == fl->cap_pages) {
        fl->cap_pages = fl->cap_pages ? 2 * fl->cap_pages : 8;
        fl->pages = realloc(fl->pages, fl->cap_pages * sizeof *fl->pages);
        fl->empty = realloc(fl->empty, fl->cap_pages * sizeof *fl->empty);
        if (!fl->pages || !fl->empty) pk_out_of_memory(0);
    }
    fl->empty[fl->n_pages] = 0;
    fl->pages[fl->n_pages++] = pk_scene_new(fl->fonts, fl->pg.width, fl->pg.height);
    fl->col = 0;
    fl->band_top = fl->pg.top;
    fl->band_bottom = fl->pg.top;
    fl->y = fl->pg.top;
    fl->fresh = true;
    for (int c = 0; c < MAX_COLS; c++) fl->col_end[c] = fl->pg.top;
}

static pk_scene *page(pk_flow *fl)
{
    return fl->pages[fl->n_pages - 1];
}

/* The current page, with what is drawn on it from now on tagged tag. */
static pk_scene *tpage(pk_flow *fl, unsigned tag)
{
    pk_scene *s = page(fl);
    s->tag = tag;
    return s;
}

void pk_flow_tag(pk_flow *fl, unsigned tag, unsigned label)
{
    fl->tag = tag;
    fl->label_tag = label;
}

/* The measures of one paragraph as laid out (pk_flow_quality). */
static void count_para(pk_flow *fl, const pk_para *p, bool heading)
{
    pk_flow_quality *q = &fl->q;
    size_t hy = pk_para_hyphens(p);
    if (hy && heading) q->hyph_heading++;
    else if (hy && fl->refs) q->hyph_refs++;
    else if (pk_para_ends_hyphenated(p)) q->para_end_hyphen++;
    for (size_t i = 0; hy && i < pk_para_lines(p); i++) q->hyph_link += pk_para_line_hyphen_link(p, i);
    q->overfull += pk_para_overfull(p);
}

void pk_flow_count(pk_flow *fl, const pk_para *p)
{
    count_para(fl, p, false);
}

pk_flow *pk_flow_new(const pk_fonts *f, const pk_flow_page *pg, const char *what)
{
    pk_flow *fl = calloc(1, sizeof *fl);
    if (!fl) pk_out_of_memory(0);
    fl->arena = pk_arena_new();
    fl->fonts = f;
    fl->pg = *pg;
    fl->what = pk_arena_strdup(fl->arena, what);
    fl->cols = 1;
    new_page(fl);
    return fl;
}

void pk_flow_free(pk_flow *fl)
{
    if (!fl) return;
    for (size_t i = 0; i < fl->n_pages; i++) pk_scene_free(fl->pages[i]);
    free(fl->pages);
    free(fl->empty);
    pk_arena_free(fl->arena);
    free(fl);
}

static double room(const pk_flow *fl);

/* The floating box, at the cursor (the top of a frame). */
static void draw_float(pk_flow *fl)
{
    floater f = fl->flt;
    fl->flt.on = false;
    f.draw(f.u, tpage(fl, f.tag), col_x(fl), fl->y, pk_flow_width(fl));
    fl->y += f.h + f.after;
    fl->fresh = false;
}

/* The next frame: the next column, or a new page; a floating box goes at its top when it fits. */
static void next_frame(pk_flow *fl)
{
    if (fl->y > fl->band_bottom) fl->band_bottom = fl->y;
    if (fl->col + 1 < fl->cols) {
        fl->col_end[fl->col] = fl->y;
        fl->col++;
        fl->y = fl->band_top;
        fl->fresh = true;
    } else {
        int cols = fl->cols;
        new_page(fl);
        fl->cols = cols;
    }
    if (fl->flt.on && fl->flt.h <= room(fl) + EPS) draw_float(fl);
}

/* The tallest a frame can be: a column of a fresh page (a band that starts lower on this page
 * ends at the page's foot, and the next frame is a whole column again). */
static double frame_h(const pk_flow *fl)
{
    return page_bottom(fl) - fl->pg.top;
}

static double room(const pk_flow *fl)
{
    return bottom(fl) - fl->y;
}

/* Moves on until `need` points fit, or to a fresh full-height column, where nothing better
 * exists: a column of a band that starts low on the page is no better than the one before. */
static void ensure(pk_flow *fl, double need)
{
    while (need > room(fl) + EPS && !(fl->fresh && fl->band_top <= fl->pg.top + EPS))
        next_frame(fl);
}

static double pending_h(const pk_flow *fl, bool at_top)
{
    double h = 0;
    for (size_t i = 0; i < fl->n_pend; i++) {
        const pending *q = &fl->pend[i];
        if (!(at_top && i == 0)) h += q->before;
        h += pk_para_height(q->p, 0, pk_para_lines(q->p)) + q->after;
    }
    return h;
}

/* Places the pending headings so that `need` more points fit under them in the same frame. */
static void place_pending(pk_flow *fl, double need)
{
    if (fl->n_pend == 0) return;
    if (pending_h(fl, fl->fresh) + need > room(fl) + EPS) ensure(fl, pending_h(fl, false) + need);
    for (size_t i = 0; i < fl->n_pend; i++) {
        pending *q = &fl->pend[i];
        if (!fl->fresh) fl->y += q->before;
        if (q->level >= 0 && q->mark) pk_scene_mark(page(fl), q->level, fl->y, q->mark);
        /* whole where it fits; a heading taller than what is left of a fresh frame (a title of
         * a hundred words) goes on line by line into the next, never past the foot */
        size_t total = pk_para_lines(q->p), done = 0;
        double lead = pk_para_height(q->p, 0, 1);
        while (done < total) {
            double lines = lead > 0 ? floor((room(fl) + EPS) / lead) : (double)total;
            size_t k = lines >= (double)(total - done) ? total - done : lines > 0 ? (size_t)lines : 0;
            if (k == 0 && fl->fresh) k = 1; /* a frame shorter than a line: one line anyway */
            if (k == 0) {
                next_frame(fl);
                continue;
            }
            fl->y += pk_para_draw(q->p, done, done + k, tpage(fl, q->tag), col_x(fl), fl->y);
            fl->fresh = false;
            done += k;
            if (done < total) next_frame(fl);
        }
        fl->y += q->after;
        fl->fresh = false;
    }
    fl->n_pend = 0;
}

void pk_flow_heading(pk_flow *fl, const pk_span *spans, size_t n, const pk_para_style *st,
                     double before, double after, int mark_level, const char *mark)
{
    pk_para_style s = *st;
    if (s.width <= 0) s.width = pk_flow_width(fl);
    /* a heading of the same rank as the first waiting one starts a new section: what waits is a
     * section of its own (a heading and its short paragraph) and goes now, rather than move on
     * with the next section and leave its page part empty */
    bool whole = false;
    for (size_t i = 1; i < fl->n_pend; i++)
        if (fl->pend[i].level < 0 && !fl->pend[i].mark) whole = true;
    if (fl->n_pend && whole && fl->pend[0].level >= 0 && mark_level >= 0 &&
        mark_level <= fl->pend[0].level)
        place_pending(fl, 0);
    if (fl->n_pend == MAX_PENDING) place_pending(fl, 0);
    pending *q = &fl->pend[fl->n_pend++];
    q->p = pk_para_layout(fl->arena, fl->fonts, spans, n, &s);
    count_para(fl, q->p, true);
    q->before = before, q->after = after, q->level = mark_level, q->tag = fl->tag;
    q->mark = mark ? pk_arena_strdup(fl->arena, mark) : NULL;
}

static void too_tall(pk_flow *fl, const char *block, double h, pk_diag *d)
{
    pk_diag_add(d, PK_FAIL_INPUT,
                "%s: layout: %s is %.0f pt tall, more than a page's frame (%.0f pt); a template "
                "with a larger page or smaller type is needed",
                fl->what, block, h, frame_h(fl));
}

/* The lines of p from the cursor on, split across frames with no widow or orphan; `bullet` (or
 * NULL) drawn in the indent on the first line. */
static void place_lines(pk_flow *fl, pk_para *p, double lead, const pk_span *bullet, double indent,
                        unsigned tag)
{
    size_t total = pk_para_lines(p), done = 0;
    while (done < total) {
        size_t left = total - done;
        /* room is negative when the space after the last block ran past the frame's foot */
        double lines = floor((room(fl) + EPS) / lead);
        size_t fit = lines > 0 ? (size_t)lines : 0;
        size_t k = fit >= left ? left : fit;
        if (k < left) {
            /* splitting: at least two lines here (no orphan) and two on the next frame (no
             * widow), unless the paragraph is that short */
            if (left - k < 2) k = left >= 2 ? left - 2 : 0;
            if (k < 2 && !(k == 1 && left == 1)) k = 0;
        }
        if (k == 0) {
            if (fl->fresh) k = fit ? (fit < left ? fit : left) : 1; /* a frame of few lines */
            else {
                next_frame(fl);
                continue;
            }
        }
        if (k < left && done == 0 && k == 1) fl->q.orphans++;
        if (done > 0 && k == left && k == 1) fl->q.widows++;
        double x = col_x(fl);
        if (bullet && done == 0 && fl->list_items && fl->list_page == SIZE_MAX)
            fl->list_page = fl->n_pages;
        if (bullet && done == 0) {
            pk_scene_text(tpage(fl, fl->label_tag), x, fl->y + pk_para_baseline(p), bullet->font, bullet->size,
                          bullet->color, PK_ANCHOR_START, bullet->text);
        }
        fl->y += pk_para_draw(p, done, done + k, tpage(fl, tag), x + indent, fl->y);
        fl->fresh = false;
        done += k;
        if (done < total) next_frame(fl);
    }
}

int pk_flow_para(pk_flow *fl, const pk_span *spans, size_t n, const pk_para_style *st,
                 const pk_span *bullet, double after, pk_diag *d)
{
    (void)d;
    pk_para_style s = *st;
    if (s.width <= 0) s.width = pk_flow_width(fl);
    double indent = s.indent;
    s.width -= indent; /* a hanging indent: every line is narrower */
    s.indent = 0;
    pk_para *p = pk_para_layout(fl->arena, fl->fonts, spans, n, &s);
    count_para(fl, p, false);
    size_t total = pk_para_lines(p);
    double lead = s.leading;
    if (fl->n_pend && fl->n_pend < MAX_PENDING && total <= 2 && !bullet && indent == 0) {
        /* a one- or two-line lead-in under a heading waits with it, so that both go with what
         * follows (the chart or table it introduces) rather than stay behind at a page's foot */
        pending *q = &fl->pend[fl->n_pend++];
        *q = (pending){p, 0, after, -1, NULL, fl->tag};
        return 0;
    }
    /* the pending headings need room for the lines that can start this paragraph under them:
     * two, except that three lines never split (two here would leave a widow), so all three */
    place_pending(fl, lead * (double)(total <= 3 ? total : 2));
    place_lines(fl, p, lead, bullet, indent, fl->tag);
    fl->y += after;
    return 0;
}

int pk_flow_box(pk_flow *fl, double height, pk_flow_draw draw, void *u, double after,
                pk_diag *d)
{
    if (height > frame_h(fl) + EPS) {
        too_tall(fl, "a box", height, d);
        return -1;
    }
    place_pending(fl, height);
    ensure(fl, height);
    draw(u, tpage(fl, fl->tag), col_x(fl), fl->y, pk_flow_width(fl));
    fl->y += height + after;
    fl->fresh = false;
    return 0;
}

int pk_flow_box_float(pk_flow *fl, double height, pk_flow_draw draw, void *u, double after,
                      pk_diag *d)
{
    if (height > frame_h(fl) + EPS) {
        too_tall(fl, "a box", height, d);
        return -1;
    }
    pk_flow_float_end(fl); /* one at a time */
    double left = room(fl) - pending_h(fl, fl->fresh);
    if (height <= left + EPS || room(fl) < frame_h(fl) * KEEP_WHOLE_ROOM || fl->fresh ||
        left < 0)
        return pk_flow_box(fl, height, draw, u, after, d);
    /* the headings waiting for it stay here with what follows; it goes to the next frame */
    place_pending(fl, 0);
    fl->flt = (floater){true, height, after, draw, u, fl->tag};
    return 1;
}

void pk_flow_float_end(pk_flow *fl)
{
    if (!fl->flt.on) return;
    fl->flt.on = false; /* so that moving on does not draw it too */
    ensure(fl, fl->flt.h);
    fl->flt.on = true;
    draw_float(fl);
}

typedef struct row {
    pk_para **cells;
    double h;
} row;

static row layout_row(pk_flow *fl, const pk_table *t, const pk_table_cell *cells, bool head)
{
    row r = {pk_arena_alloc(fl->arena, t->n_cols * sizeof *r.cells), 0};
    double w = pk_flow_width(fl);
    for (size_t c = 0; c < t->n_cols; c++) {
        pk_para_style s = head ? t->header : t->body;
        s.width = w * t->col_frac[c] - t->pad * (c + 1 < t->n_cols ? 1 : 0);
        if (s.width < 1) s.width = 1;
        s.align = t->col_align[c];
        pk_para *cp = pk_para_layout(fl->arena, fl->fonts, cells[c].spans, cells[c].n, &s);
        if (s.hyph && pk_para_hyphens(cp)) {
            /* a word broken in a narrow cell reads worse than a ragged one: kept only where
             * it saves a line (and so measured: a cell kept hyphenated saves one) */
            pk_para_style plain = s;
            plain.hyph = NULL;
            pk_para *np = pk_para_layout(fl->arena, fl->fonts, cells[c].spans, cells[c].n, &plain);
            if (pk_para_lines(np) <= pk_para_lines(cp)) cp = np;
            else fl->q.hyph_cells++;
            fl->q.hyph_cells_no_gain += cp != np && pk_para_lines(np) <= pk_para_lines(cp);
        }
        fl->q.overfull += pk_para_overfull(cp);
        r.cells[c] = cp;
        double h = pk_para_height(r.cells[c], 0, pk_para_lines(r.cells[c]));
        if (h > r.h) r.h = h;
    }
    r.h += 2 * t->pad;
    return r;
}

/* tags: the row's cells' (n_cols), or NULL for the flow's tag; rules and fills are furniture */
static void draw_row(pk_flow *fl, const pk_table *t, const row *r, pk_rgba fill,
                     const unsigned *tags)
{
    pk_scene *s = tpage(fl, 0);
    double x = col_x(fl), w = pk_flow_width(fl);
    if (fill.a) pk_scene_rect(s, x, fl->y, w, r->h, fill, PK_NONE, 0);
    double cx = x;
    for (size_t c = 0; c < t->n_cols; c++) {
        s->tag = tags ? tags[c] : fl->tag;
        pk_para_draw(r->cells[c], 0, pk_para_lines(r->cells[c]), s, cx, fl->y + t->pad);
        cx += w * t->col_frac[c];
    }
    s->tag = 0;
    fl->y += r->h;
    if (t->rule.a) pk_scene_line(s, x, fl->y, x + w, fl->y, t->rule, 0.5, 0);
    fl->fresh = false;
}

int pk_flow_table(pk_flow *fl, const pk_table *t, double after, pk_diag *d)
{
    row head = layout_row(fl, t, t->head, true);
    pk_para *cont = NULL;
    double cont_h = 0;
    if (t->continued) {
        pk_para_style cs = t->header;
        cs.width = pk_flow_width(fl);
        cs.align = PK_ALIGN_LEFT;
        cont = pk_para_layout(fl->arena, fl->fonts, t->continued, 1, &cs);
        cont_h = pk_para_height(cont, 0, pk_para_lines(cont)) + t->pad;
    }
    fl->carry_h = cont_h + head.h;
    row *rows = pk_arena_alloc(fl->arena, (t->n_rows ? t->n_rows : 1) * sizeof *rows);
    for (size_t i = 0; i < t->n_rows; i++) {
        rows[i] = layout_row(fl, t, t->cells + i * t->n_cols, false);
        if (head.h + cont_h + rows[i].h > frame_h(fl) + EPS) {
            char what[200];
            if (t->rows_path)
                snprintf(what, sizeof what, "row %zu of %s (the record's %s[%zu])", i + 1, t->name,
                         t->rows_path, i);
            else
                snprintf(what, sizeof what, "row %zu of %s", i + 1, t->name);
            if (rows[i].h > frame_h(fl) + EPS) {
                too_tall(fl, what, rows[i].h, d);
            } else {
                /* the row fits alone; the header repeated above it on a new page does not */
                pk_diag_add(d, PK_FAIL_INPUT,
                            "%s: layout: %s is %.0f pt tall, and under the table's header "
                            "(%.0f pt) it needs %.0f pt, more than a page's frame (%.0f pt); a "
                            "template with a larger page or smaller type is needed",
                            fl->what, what, rows[i].h, head.h + cont_h,
                            head.h + cont_h + rows[i].h, frame_h(fl));
            }
            return -1;
        }
    }
    /* the foot, and what of it goes with the last row: its first two lines */
    pk_para *foot = NULL;
    double foot_keep = 0, foot_lead = 0;
    if (t->foot && t->n_foot) {
        pk_para_style fs = t->foot_style;
        if (fs.width <= 0) fs.width = pk_flow_width(fl);
        foot = pk_para_layout(fl->arena, fl->fonts, t->foot, t->n_foot, &fs);
        size_t lines = pk_para_lines(foot);
        foot_lead = fs.leading;
        foot_keep = t->foot_gap + pk_para_height(foot, 0, lines < 2 ? lines : 2);
    }
    /* the header with the first two rows (and a heading before them): a heading over a header
     * and one row at the foot of a page reads as a stray; a short table whole */
    double first = head.h, whole = head.h + foot_keep;
    for (size_t i = 0; i < t->n_rows && i < 2; i++) first += rows[i].h;
    if (t->n_rows <= 2) first += foot_keep;
    for (size_t i = 0; i < t->n_rows; i++) whole += rows[i].h;
    /* a short table moves whole to the next frame, unless that frame is on the next page and
     * moving would leave more than a quarter of this one empty: then it splits (with two rows
     * on each side); one of three rows or fewer never splits */
    bool page_ends = fl->col + 1 >= fl->cols;
    bool keep = t->n_rows <= t->keep_rows && whole <= frame_h(fl) - pending_h(fl, true) - EPS &&
                (t->n_rows <= 3 || !page_ends || room(fl) < frame_h(fl) * KEEP_WHOLE_ROOM);
    if (keep && t->n_rows > 3 && fl->flt.on && pending_h(fl, fl->fresh) + whole > room(fl) + EPS) {
        /* it moves to the next frame, where a box waits to go first: whole only if it fits
         * below the box, else it starts there and goes on (not on to a third frame, leaving
         * the box alone on its page) */
        next_frame(fl);
        if (pending_h(fl, true) + whole > room(fl) + EPS) keep = false;
    }
    if (keep) first = whole;
    place_pending(fl, first);
    ensure(fl, first);
    size_t first_page = fl->n_pages;
    unsigned *furniture = t->head_tags ? pk_arena_alloc(fl->arena, t->n_cols * sizeof *furniture) : NULL;
    for (size_t c = 0; furniture && c < t->n_cols; c++) furniture[c] = 0;
    draw_row(fl, t, &head, t->header_fill, t->head_tags);
    size_t here = 0; /* rows drawn under the header in this frame */
    for (size_t i = 0; i < t->n_rows; i++) {
        double need = rows[i].h;
        /* the last row with the foot's first lines, unless it would leave a header alone */
        if (i + 1 == t->n_rows && (here > 0 || need > room(fl) + EPS)) need += foot_keep;
        /* nor does the last row go on alone under a repeated header: the last two go together
         * when they and the foot's lines do not fit here, if two rows stay behind */
        if (i + 2 == t->n_rows && here >= 2) {
            double pair = rows[i].h + rows[i + 1].h + foot_keep;
            if (pair > room(fl) + EPS && pair + head.h + cont_h <= frame_h(fl)) need = pair;
        }
        if (need > room(fl) + EPS) {
            next_frame(fl);
            ensure(fl, cont_h + head.h + need);
            if (cont) {
                pk_para_draw(cont, 0, pk_para_lines(cont), tpage(fl, 0), col_x(fl), fl->y);
                fl->y += cont_h;
            }
            /* a header repeated where the table goes on is furniture: the first is the table's */
            draw_row(fl, t, &head, t->header_fill, t->head_tags ? furniture : NULL);
            here = 0;
        }
        draw_row(fl, t, &rows[i], (i % 2 == 1) ? t->zebra : PK_NONE,
                 t->cell_tags ? t->cell_tags + i * t->n_cols : NULL);
        here++;
    }
    if (t->n_rows <= 3 && fl->n_pages != first_page) fl->q.small_split++;
    if (foot) {
        count_para(fl, foot, false);
        fl->y += t->foot_gap;
        place_lines(fl, foot, foot_lead, NULL, 0, t->foot_tag ? t->foot_tag : fl->tag);
    }
    fl->y += after;
    return 0;
}

double pk_flow_room(const pk_flow *fl)
{
    return room(fl) - pending_h(fl, fl->fresh);
}

double pk_flow_left(const pk_flow *fl)
{
    return room(fl);
}

double pk_flow_frame_height(const pk_flow *fl)
{
    return frame_h(fl);
}

void pk_flow_space(pk_flow *fl, double h)
{
    if (fl->fresh || fl->n_pend) return;
    if (h > room(fl)) next_frame(fl);
    else fl->y += h;
}

void pk_flow_columns(pk_flow *fl, int n)
{
    pk_flow_float_end(fl);
    if (n < 1) n = 1;
    if (n > MAX_COLS) n = MAX_COLS;
    place_pending(fl, 0);
    if (n == fl->cols) return;
    if (fl->y > fl->band_bottom) fl->band_bottom = fl->y;
    double y = fl->cols > 1 ? fl->band_bottom : fl->y;
    fl->cols = n;
    fl->col = 0;
    fl->band_top = y;
    fl->band_bottom = y;
    fl->y = y;
    for (int c = 0; c < MAX_COLS; c++) fl->col_end[c] = y;
}

void pk_flow_band_begin(pk_flow *fl)
{
    place_pending(fl, 0);
    band_mark *m = &fl->mark;
    *m = (band_mark){true, fl->n_pages, page(fl)->n_ops, fl->cols, fl->col, fl->band_top,
                     fl->band_bottom, fl->y, fl->fresh, {0}, fl->q, fl->flt};
    memcpy(m->col_end, fl->col_end, sizeof m->col_end);
    fl->bal = (balance){0};
    fl->carry_h = 0; /* a table before the band does not repeat in it */
}

/* Back to the mark: the pages and ops made since are dropped. */
static void rewind_band(pk_flow *fl)
{
    const band_mark *m = &fl->mark;
    for (size_t i = m->n_pages; i < fl->n_pages; i++) pk_scene_free(fl->pages[i]);
    fl->n_pages = m->n_pages;
    pk_scene_truncate(page(fl), m->n_ops);
    fl->cols = m->cols, fl->col = m->col;
    fl->band_top = m->band_top, fl->band_bottom = m->band_bottom, fl->y = m->y;
    fl->fresh = m->fresh;
    memcpy(fl->col_end, m->col_end, sizeof fl->col_end);
    fl->n_pend = 0;
    fl->q = m->q; /* the band is measured again as it is set again */
    fl->flt = m->flt;
}

/* The heights of the band's columns on the current page: tallest and shortest, and their sum. */
static void column_heights(const pk_flow *fl, double *hmax, double *hmin, double *sum,
                           double *first, double *last, bool *empty)
{
    *hmax = 0, *hmin = INFINITY, *sum = 0, *empty = false;
    for (int c = 0; c < fl->cols; c++) {
        double end = c < fl->col ? fl->col_end[c] : c == fl->col ? fl->y : fl->band_top;
        double h = fmax(end - fl->band_top, 0);
        if (c == 0) *first = h;
        if (c == fl->cols - 1) *last = h;
        if (c < fl->cols - 1 && h <= EPS) *empty = true;
        *hmax = fmax(*hmax, h), *hmin = fmin(*hmin, h), *sum += h;
    }
}

bool pk_flow_band_rebalance(pk_flow *fl)
{
    balance *b = &fl->bal;
    place_pending(fl, 0);
    pk_flow_float_end(fl);
    if (!fl->mark.set || fl->cols < 2 || b->final) return false;
    double hmax, hmin, sum, first = 0, last = 0;
    bool empty;
    column_heights(fl, &hmax, &hmin, &sum, &first, &last, &empty);
    double low = fl->band_top + hmax; /* the band's lowest point on this page */
    double score = hmax - hmin;
    if (!b->on) {
        /* the band as it falls: balanced already, or the measure for the tries */
        if (score <= BALANCE_TOL) return false;
        b->page = fl->n_pages - 1;
        b->first_bottom = low;
        b->best_on = false, b->best_score = score;
        b->on = true;
        /* even columns, counting what a table split between them repeats */
        b->limit = fl->band_top + (sum + fl->carry_h * (fl->cols - 1)) / fl->cols;
    } else {
        /* a try is good when it ends on the same page, no lower than the band did, and leaves
         * no column before the last empty (a block too tall for the shorter column moved on) */
        bool ok = fl->n_pages - 1 == b->page && low <= b->first_bottom + EPS && !empty;
        if (ok && score < b->best_score) {
            b->best_on = true, b->best_limit = b->limit, b->best_score = score;
            if (score <= BALANCE_TOL) return false;
        }
        if (++b->tries >= BALANCE_TRIES) {
            if (ok && b->best_on && b->best_limit == b->limit) return false;
            /* set the best again and stop */
            b->final = true;
            b->on = b->best_on;
            b->limit = b->best_limit;
            rewind_band(fl);
            return true;
        }
        if (!ok)
            b->limit = (b->limit + b->first_bottom) / 2; /* too short: back towards as it fell */
        else
            b->limit += (last - first) / fl->cols; /* even out the first and last columns */
    }
    rewind_band(fl);
    return true;
}

void pk_flow_page_break(pk_flow *fl)
{
    place_pending(fl, 0);
    pk_flow_float_end(fl);
    if (fl->fresh && fl->col == 0) return;
    int cols = fl->cols;
    new_page(fl);
    fl->cols = cols;
}

size_t pk_flow_finish(pk_flow *fl)
{
    place_pending(fl, 0);
    pk_flow_float_end(fl);
    fl->empty[fl->n_pages - 1] = empty_share(fl);
    return fl->n_pages;
}

const pk_flow_quality *pk_flow_quality_of(const pk_flow *fl)
{
    return &fl->q;
}

double pk_flow_page_empty(const pk_flow *fl, size_t i)
{
    return i < fl->n_pages ? fl->empty[i] : 0;
}

void pk_flow_refs(pk_flow *fl, bool on)
{
    fl->refs = on;
}

void pk_flow_list_begin(pk_flow *fl, size_t items, double height)
{
    if (items <= 3 && height <= frame_h(fl) - pending_h(fl, true) - EPS) {
        place_pending(fl, height);
        ensure(fl, height);
    }
    fl->list_items = items;
    fl->list_page = SIZE_MAX; /* the page of its first line, set as it is drawn */
}

void pk_flow_list_end(pk_flow *fl)
{
    if (fl->list_items && fl->list_items <= 3 && fl->list_page != SIZE_MAX &&
        fl->n_pages != fl->list_page)
        fl->q.small_split++;
    fl->list_items = 0;
}

double pk_flow_last_fill(const pk_flow *fl)
{
    double h = frame_h(fl);
    return h > 0 ? fmin(fmax((fl->y - fl->pg.top) / h, 0), 1) : 1;
}

pk_scene *pk_flow_page_scene(pk_flow *fl, size_t i)
{
    return i < fl->n_pages ? fl->pages[i] : NULL;
}
