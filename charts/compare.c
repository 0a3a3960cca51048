/* compare.c: the comparison's charts (compare.h): pay ranges on one axis and paired dots on
 * one scale, built with frame.c as every chart is. Part of charts/. */
#include "charts/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/frame.h"
#include "data/fmt.h"
#include "data/say.h"

const char *const pk_compare_charts[] = {"compare-wages", "compare-ksa", "compare-exposure", NULL};

/* ---- pairing ---- */

bool pk_compare_pay_hourly(const pk_record *const r[2])
{
    return r[0]->wages.hourly_only || r[1]->wages.hourly_only;
}

void pk_compare_pay(const pk_record *r, bool hourly, const pk_figure *f[3])
{
    const pk_wages *w = &r->wages;
    f[0] = hourly ? &w->hourly.median : &w->median;
    f[1] = hourly ? &w->hourly.p10 : &w->p10;
    f[2] = hourly ? &w->hourly.p90 : &w->p90;
}

typedef struct kind_lists {
    const char *kind;
    const pk_list *l[2]; /* a kind may be two lists of a record (skills) */
} kind_lists;

static size_t kinds_of(const pk_record *r, kind_lists out[3])
{
    out[0] = (kind_lists){"Knowledge", {&r->knowledge, NULL}};
    out[1] = (kind_lists){"Skills", {&r->skills.essential, &r->skills.transferable}};
    out[2] = (kind_lists){"Abilities", {&r->abilities, NULL}};
    return 3;
}

static const pk_figure *find_item(const kind_lists *k, const char *name)
{
    for (int j = 0; j < 2; j++) {
        const pk_list *l = k->l[j];
        if (!l || !l->present) continue;
        for (size_t i = 0; i < l->n_items; i++)
            if (strcmp(l->items[i].name, name) == 0 && l->items[i].fig.status != PK_FIG_ABSENT)
                return &l->items[i].fig;
    }
    return NULL;
}

typedef struct rated {
    const char *name;
    double v;
} rated;

static int by_rating(const void *x, const void *y)
{
    const rated *a = x, *b = y;
    if (a->v != b->v) return a->v > b->v ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int by_pair(const void *x, const void *y)
{
    const pk_pair_item *a = x, *b = y;
    double va = -1, vb = -1;
    for (int i = 0; i < 2; i++) {
        if (a->f[i] && pk_fig_has(a->f[i])) va = fmax(va, a->f[i]->value);
        if (b->f[i] && pk_fig_has(b->f[i])) vb = fmax(vb, b->f[i]->value);
    }
    if (va != vb) return va > vb ? -1 : 1;
    return strcmp(a->name, b->name);
}

size_t pk_compare_ksa(const pk_record *const r[2], pk_pair_item *out, size_t max)
{
    kind_lists k[2][3];
    kinds_of(r[0], k[0]);
    kinds_of(r[1], k[1]);
    size_t n = 0;
    for (int kind = 0; kind < 3; kind++) {
        size_t first = n;
        for (int side = 0; side < 2; side++) {
            /* this side's items with a rating, highest first */
            rated v[256];
            size_t nv = 0;
            for (int j = 0; j < 2; j++) {
                const pk_list *l = k[side][kind].l[j];
                if (!l || !l->present) continue;
                for (size_t i = 0; i < l->n_items && nv < 256; i++)
                    if (pk_fig_has(&l->items[i].fig))
                        v[nv++] = (rated){l->items[i].name, l->items[i].fig.value};
            }
            qsort(v, nv, sizeof *v, by_rating);
            for (size_t i = 0, taken = 0; i < nv && taken < PK_COMPARE_TOP; i++) {
                bool seen = false;
                for (size_t m = first; m < n && !seen; m++) seen = strcmp(out[m].name, v[i].name) == 0;
                if (seen) {
                    taken++;
                    continue;
                }
                if (n == max) break;
                out[n].kind = k[0][kind].kind;
                out[n].name = v[i].name;
                out[n].f[0] = find_item(&k[0][kind], v[i].name);
                out[n].f[1] = find_item(&k[1][kind], v[i].name);
                n++;
                taken++;
            }
        }
        qsort(out + first, n - first, sizeof *out, by_pair);
    }
    return n;
}

static const pk_figure *study_of(const pk_record *r, const char *id)
{
    for (size_t i = 0; i < r->exposure.n_studies; i++)
        if (strcmp(r->exposure.studies[i].id, id) == 0 &&
            r->exposure.studies[i].score.status != PK_FIG_ABSENT)
            return &r->exposure.studies[i].score;
    return NULL;
}

size_t pk_compare_studies(const pk_record *const r[2], pk_pair_item *out, size_t max)
{
    size_t n = 0;
    /* the order of the record with the lower code, then the other's others: the same rows
     * whichever is A */
    int first = strcmp(r[0]->soc, r[1]->soc) <= 0 ? 0 : 1;
    for (int k = 0; k < 2; k++) {
        int side = k ? !first : first;
        const pk_exposure *e = &r[side]->exposure;
        for (size_t i = 0; i < e->n_studies && n < max; i++) {
            const pk_study *sd = &e->studies[i];
            if (sd->score.status == PK_FIG_ABSENT) continue;
            const pk_figure *a = study_of(r[0], sd->id), *b = study_of(r[1], sd->id);
            if (k == 1 && (side ? a : b)) continue; /* the first's: already there */
            out[n++] = (pk_pair_item){NULL, sd->label, {a, b}};
        }
    }
    const pk_figure *o0 = &r[0]->exposure.task_overlap, *o1 = &r[1]->exposure.task_overlap;
    if (n < max && (o0->status != PK_FIG_ABSENT || o1->status != PK_FIG_ABSENT))
        out[n++] = (pk_pair_item){NULL, "AI task overlap",
                                  {o0->status != PK_FIG_ABSENT ? o0 : NULL,
                                   o1->status != PK_FIG_ABSENT ? o1 : NULL}};
    return n;
}

/* The value a study row draws: the percentile rank (a study's score), or task overlap, whose
 * value is the rank. < 0: nothing to draw. */
static double rank_of(const pk_pair_item *it, int side)
{
    const pk_figure *f = it->f[side];
    if (!f || !pk_fig_has(f)) return -1;
    if (f->unit == PK_UNIT_PERCENTILE) return f->value;
    return pk_fig_rank(f);
}

/* ---- drawing ---- */

static void dot(pk_chart *c, double x, double y, double r, pk_rgba fill)
{
    enum { N = 24 };
    double pts[2 * N];
    for (int i = 0; i < N; i++) {
        double a = 2 * 3.14159265358979323846 * i / N;
        pts[2 * i] = x + r * cos(a);
        pts[2 * i + 1] = y + r * sin(a);
    }
    pk_scene_path(c->s, pts, N, true, fill, c->st->background, 1);
}

/* Occupation A's mark is a circle in the accent colour, B's a square in the highlight: told
 * apart by shape as well as colour. */
static pk_rgba series_color(const pk_chart *c, int side)
{
    return side ? c->st->highlight : c->st->accent;
}

static void marker(pk_chart *c, int side, double x, double y, double r)
{
    if (side == 0) dot(c, x, y, r, series_color(c, 0));
    else pk_scene_rect(c->s, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, series_color(c, 1),
                       c->st->background, 1);
}

/* "$150K", "$25" for an axis. */
static void money_tick(pk_buf *b, double v, bool hourly)
{
    pk_buf_addc(b, '$');
    if (hourly || v < 1000) pk_fmt_num(b, v, 0, 0);
    else pk_chart_count_compact(b, v, 0);
}

static double nice_step(double span, int ticks)
{
    double raw = span / ticks, p = pow(10, floor(log10(raw)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (m[i] * p >= raw) return m[i] * p;
    return 10 * p;
}

/* A text centred on x, kept between lo and hi; returns its left edge (its width in *w). */
static double place_mid(const pk_chart *c, int font, double size, const char *t, double x,
                        double lo, double hi, double *w)
{
    *w = text_w(c, font, size, t, strlen(t));
    double left = clamp(x - *w / 2, lo, hi - *w);
    return left < lo ? lo : left;
}

/* The legend: each occupation's mark and title, side by side, or one under the other when
 * narrow; sets c->top below it. */
static void legend(pk_chart *c, const pk_record *const r[2])
{
    const pk_chart_style *st = c->st;
    double w = c->x1 - c->x0, size = st->text_size, bh = box_h(c, st->font, size);
    bool stacked = w < 520;
    double y = c->top - 10;
    pk_scene_group(c->s, "legend");
    for (int side = 0; side < 2; side++) {
        double x = c->x0 + (stacked || side == 0 ? 0 : w / 2);
        double room = (stacked ? w : w / 2 - 8) - 18;
        pk_buf t = PK_BUF_INIT;
        pk_chart_fit(c, st->font, size, r[side]->title, strlen(r[side]->title), room, &t);
        marker(c, side, x + 6, y + bh / 2, 5);
        pk_scene_text(c->s, x + 18, centred_baseline(c, st->font, size, y + bh / 2), st->font,
                      size, st->ink, PK_ANCHOR_START, pk_buf_str(&t));
        pk_buf_fini(&t);
        if (stacked && side == 0) y += bh + 6;
    }
    pk_scene_ungroup(c->s);
    c->top = y + bh + 16;
}

/* The sentence on whom figures describe, for each occupation whose figures need one. */
static void scope_notes(pk_buf *note, const pk_record *const r[2], const pk_sources *s,
                        const pk_figure *const fs[2][3], size_t n, const char *what)
{
    for (int side = 0; side < 2; side++) {
        const pk_scope *sc = pk_scope_of(fs[side], n);
        if (!sc || sc->kind == PK_SCOPE_TASK) continue;
        const pk_figure *f = NULL;
        for (size_t i = 0; i < n && !f; i++)
            if (fs[side][i] && fs[side][i]->scope == sc) f = fs[side][i];
        pk_buf who = PK_BUF_INIT;
        pk_source_labels(&who, s, f->source);
        if (note->len) pk_buf_addc(note, ' ');
        pk_chart_add_clean(note, r[side]->title);
        pk_buf_adds(note, ": ");
        pk_say_scope(note, sc, who.data, what);
        pk_buf_fini(&who);
    }
}

/* ---- pay: two ranges on one axis ---- */

static const double BAR_H = 10;

static pk_scene *build_pay(const pk_record *const r[2], const pk_sources *s, const pk_fonts *fonts,
                           const pk_chart_style *st)
{
    bool hourly = pk_compare_pay_hourly(r);
    const pk_figure *f[2][3];
    pk_compare_pay(r[0], hourly, f[0]);
    pk_compare_pay(r[1], hourly, f[1]);
    pk_chart c;
    pk_chart_begin(&c, r[0], s, fonts, st);
    pk_buf tmp = PK_BUF_INIT, sub = PK_BUF_INIT, note = PK_BUF_INIT, t = PK_BUF_INIT;
    const char *rel = NULL;
    for (int i = 0; i < 2 && !rel; i++)
        for (int k = 0; k < 3 && !rel; k++)
            if (pk_fig_has(f[i][k])) rel = pk_chart_release_of(s, f[i][k]->source, &tmp);
    pk_buf_printf(&sub, "%s wages, 10th to 90th percentile, median marked",
                  hourly ? "Hourly" : "Annual");
    if (rel) pk_buf_printf(&sub, " " MIDDOT " %s", rel);
    const char *title = "Pay on one scale";
    pk_chart_header(&c, title, sub.data);
    double vmax = 0;
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++)
            if (pk_fig_has(f[i][k])) {
                pk_chart_add_source(&c, f[i][k]->source);
                vmax = fmax(vmax, f[i][k]->value);
            }
    if (hourly && !(r[0]->wages.hourly_only && r[1]->wages.hourly_only))
        pk_buf_adds(&note, "Hourly wages for both: BLS publishes only hourly wages for one of "
                           "them.");
    scope_notes(&note, r, s, (const pk_figure *const(*)[3])f, 3, "pay");
    pk_chart_footer(&c, note.data);

    double ts = st->text_size, ss = st->small_size, bs = box_h(&c, st->font, ss);
    double labw = fmin(0.34 * (c.x1 - c.x0), 260);
    pk_para lab[2];
    memset(lab, 0, sizeof lab);
    double row_h = 2 * bs + BAR_H + 12 + 14;
    for (int i = 0; i < 2; i++) {
        pk_chart_wrap(&c, st->font_bold, ts, r[i]->title, labw, 3, &lab[i]);
        row_h = fmax(row_h, pk_chart_para_h(&c, &lab[i], st->font_bold, ts) + 14);
    }
    double axis_h = bs + 10;
    pk_chart_need(&c, 2 * row_h + axis_h);
    double px0 = c.x0 + labw + 14, px1 = c.x1 - 4;
    int ticks = (int)clamp(floor((px1 - px0) / 70), 2, 5);
    double step = nice_step(vmax > 0 ? vmax : 1, ticks), top = step * ceil((vmax > 0 ? vmax : 1) / step);
    double axis_y = c.top + 2 * row_h;
#define X(v) (px0 + (v) / top * (px1 - px0))
    /* the scale: gridlines, then the tick labels under the rows */
    pk_buf_adds(&c.alt, "Pay on one scale: ");
    for (int i = 0; i < 2; i++) {
        if (i) pk_buf_adds(&c.alt, "; ");
        pk_chart_add_clean(&c.alt, r[i]->title);
        bool any = false;
        for (int k = 0; k < 3; k++) any |= pk_fig_has(f[i][k]);
        if (!any) {
            pk_buf_adds(&c.alt, ", pay not available");
            continue;
        }
        pk_buf_adds(&c.alt, ", median ");
        pk_fmt_figure(&c.alt, f[i][0], hourly ? 2 : 0, 0);
        pk_buf_adds(&c.alt, ", 10th percentile ");
        pk_fmt_figure(&c.alt, f[i][1], hourly ? 2 : 0, 0);
        pk_buf_adds(&c.alt, ", 90th percentile ");
        pk_fmt_figure(&c.alt, f[i][2], hourly ? 2 : 0, 0);
    }
    pk_buf_adds(&c.alt, ". The axis is marked at");
    pk_scene_group(c.s, "axis");
    for (int k = 0; k * step <= top + 1e-9; k++) {
        double v = k * step, x = X(v);
        pk_scene_line(c.s, x, c.top - 4, x, axis_y, st->grid, 1, 0);
        pk_buf_reset(&t);
        money_tick(&t, v, hourly);
        double w;
        double left = place_mid(&c, st->font, ss, t.data, x, px0 - 20, c.x1, &w);
        pk_scene_text(c.s, left, axis_y + 6 + ascent(&c, st->font, ss), st->font, ss, st->muted,
                      PK_ANCHOR_START, t.data);
        pk_buf_printf(&c.alt, "%s %s", k ? "," : "", t.data);
    }
    pk_buf_adds(&c.alt, ".");
    pk_scene_ungroup(c.s);
    for (int i = 0; i < 2; i++) {
        double rt = c.top + i * row_h;
        double lh = pk_chart_para_h(&c, &lab[i], st->font_bold, ts);
        pk_chart_draw_para(&c, &lab[i], c.x0, rt + (row_h - lh) / 2, PK_ANCHOR_START,
                           st->font_bold, ts, st->ink);
        const pk_figure *med = f[i][0], *lo = f[i][1], *hi = f[i][2];
        double bar_y = rt + (row_h - BAR_H) / 2;
        pk_scene_group(c.s, i ? "b" : "a");
        if (!pk_fig_has(med) && !pk_fig_has(lo) && !pk_fig_has(hi)) {
            pk_scene_text(c.s, px0, centred_baseline(&c, st->font, ts, rt + row_h / 2), st->font,
                          ts, st->muted, PK_ANCHOR_START, "Pay not available");
            pk_scene_ungroup(c.s);
            continue;
        }
        pk_rgba col = series_color(&c, i);
        pk_rgba light = col;
        light.a = 90;
        if (pk_fig_has(lo) && pk_fig_has(hi))
            pk_scene_rect(c.s, X(lo->value), bar_y, X(hi->value) - X(lo->value), BAR_H, light,
                          PK_NONE, 0);
        double w;
        if (pk_fig_has(med)) {
            marker(&c, i, X(med->value), bar_y + BAR_H / 2, 6.5);
            pk_buf_reset(&t);
            pk_buf_adds(&t, "Median ");
            pk_fmt_figure(&t, med, hourly ? 2 : 0, 0);
            double left = place_mid(&c, st->font_bold, ss, t.data, X(med->value), px0, c.x1, &w);
            pk_scene_text(c.s, left, bar_y - 5 - descent(&c, st->font_bold, ss), st->font_bold, ss,
                          st->ink, PK_ANCHOR_START, t.data);
        } else {
            pk_scene_text(c.s, px0, bar_y - 5 - descent(&c, st->font, ss), st->font, ss,
                          st->muted, PK_ANCHOR_START, "Median not available");
        }
        /* the ends under the bar, or one "lo–hi" under its middle where they would touch */
        double base = bar_y + BAR_H + 5 + ascent(&c, st->font, ss);
        pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
        if (pk_fig_has(lo)) pk_fmt_figure(&a, lo, hourly ? 2 : 0, 0);
        else pk_buf_adds(&a, "10th not available");
        if (pk_fig_has(hi)) pk_fmt_figure(&b, hi, hourly ? 2 : 0, 0);
        else pk_buf_adds(&b, "90th not available");
        double xa = pk_fig_has(lo) ? X(lo->value) : px0, xb = pk_fig_has(hi) ? X(hi->value) : px1;
        double wa, wb;
        double la = place_mid(&c, st->font, ss, a.data, xa, px0, c.x1, &wa);
        double lb = place_mid(&c, st->font, ss, b.data, xb, px0, c.x1, &wb);
        if (la + wa + 8 <= lb) {
            pk_scene_text(c.s, la, base, st->font, ss, st->muted, PK_ANCHOR_START, a.data);
            pk_scene_text(c.s, lb, base, st->font, ss, st->muted, PK_ANCHOR_START, b.data);
        } else {
            pk_buf_reset(&t);
            pk_buf_printf(&t, "%s" EN_DASH "%s", a.data, b.data);
            double l = place_mid(&c, st->font, ss, t.data, (xa + xb) / 2, px0, c.x1, &w);
            pk_scene_text(c.s, l, base, st->font, ss, st->muted, PK_ANCHOR_START, t.data);
        }
        pk_buf_fini(&a);
        pk_buf_fini(&b);
        pk_scene_ungroup(c.s);
    }
#undef X
    /* the summary: both medians */
    pk_buf m0 = PK_BUF_INIT, m1 = PK_BUF_INIT;
    if (pk_fig_has(f[0][0])) pk_fmt_figure(&m0, f[0][0], hourly ? 2 : 0, 0);
    else pk_buf_adds(&m0, "not available");
    if (pk_fig_has(f[1][0])) pk_fmt_figure(&m1, f[1][0], hourly ? 2 : 0, 0);
    else pk_buf_adds(&m1, "not available");
    pk_buf_reset(&t);
    pk_chart_add_clean(&t, r[1]->title);
    pk_chart_summary(&c, "Median pay: ", "the first occupation", " %s; %s %s.", m0.data, t.data,
                     m1.data);
    if (c.summary.len > PK_SUMMARY_MAX)
        pk_chart_summary(&c, "Median pay: ", "the first", " %s; the second %s.", m0.data,
                         m1.data);
    pk_buf_fini(&m0);
    pk_buf_fini(&m1);
    for (int i = 0; i < 2; i++) para_fini(&lab[i]);
    pk_scene *sc = pk_chart_end(&c, title, note.data);
    pk_buf_fini(&tmp);
    pk_buf_fini(&sub);
    pk_buf_fini(&note);
    pk_buf_fini(&t);
    return sc;
}

/* ---- paired dots on one scale ---- */

typedef struct dumbbell {
    const char *title, *subtitle;
    const pk_pair_item *items;
    size_t n;
    bool ranks;        /* percentiles 0-100 (studies), else ratings on lo..hi */
    double lo, hi, step;
    const char *note;
} dumbbell;

static double value_of(const dumbbell *db, const pk_pair_item *it, int side)
{
    if (db->ranks) return rank_of(it, side);
    return it->f[side] && pk_fig_has(it->f[side]) ? it->f[side]->value : -1;
}

static void value_text(const dumbbell *db, const pk_pair_item *it, int side, int dec, pk_buf *b)
{
    double v = value_of(db, it, side);
    if (v < 0) pk_buf_adds(b, "n/a");
    else if (db->ranks) pk_fmt_rank(b, v);
    else pk_fmt_num(b, v, dec, 0);
}

static pk_scene *build_dumbbell(const dumbbell *db, const pk_record *const r[2],
                                const pk_sources *s, const pk_fonts *fonts,
                                const pk_chart_style *st)
{
    pk_chart c;
    pk_chart_begin(&c, r[0], s, fonts, st);
    pk_chart_header(&c, db->title, db->subtitle);
    legend(&c, r);
    for (size_t i = 0; i < db->n; i++)
        for (int side = 0; side < 2; side++)
            if (value_of(db, &db->items[i], side) >= 0) pk_chart_add_source(&c, db->items[i].f[side]->source);
    pk_buf note = PK_BUF_INIT;
    pk_buf_adds(&note, "n/a: not available, the occupation's record has no such figure.");
    if (db->note) pk_buf_printf(&note, " %s", db->note);
    /* whom the figures describe: the first disclosed scope of each side */
    for (int side = 0; side < 2; side++) {
        const pk_figure *fs[64];
        size_t k = 0;
        for (size_t i = 0; i < db->n && k < 64; i++)
            if (db->items[i].f[side]) fs[k++] = db->items[i].f[side];
        const pk_scope *sc = pk_scope_of(fs, k);
        if (!sc || sc->kind == PK_SCOPE_TASK) continue;
        const pk_figure *f = NULL;
        for (size_t i = 0; i < k && !f; i++)
            if (fs[i]->scope == sc) f = fs[i];
        pk_buf who = PK_BUF_INIT;
        pk_source_labels(&who, s, f->source);
        pk_buf_addc(&note, ' ');
        pk_chart_add_clean(&note, r[side]->title);
        pk_buf_adds(&note, ": ");
        pk_say_scope(&note, sc, who.data, db->ranks ? "a score" : "ratings");
        pk_buf_fini(&who);
    }
    pk_chart_footer(&c, note.data);

    double ts = st->text_size, ss = st->small_size, bh = box_h(&c, st->font, ts);
    double bs = box_h(&c, st->font, ss);
    /* the decimals of the ratings: one rule for both columns */
    int dec = 0;
    if (!db->ranks) {
        double v[128];
        size_t nv = 0;
        for (size_t i = 0; i < db->n; i++)
            for (int side = 0; side < 2; side++)
                if (value_of(db, &db->items[i], side) >= 0 && nv < 128)
                    v[nv++] = value_of(db, &db->items[i], side);
        dec = pk_column_decimals(PK_UNIT_RATING, v, nv);
    }
    pk_buf t = PK_BUF_INIT;
    double colw = 0;
    for (size_t i = 0; i < db->n; i++)
        for (int side = 0; side < 2; side++) {
            pk_buf_reset(&t);
            value_text(db, &db->items[i], side, dec, &t);
            colw = fmax(colw, text_w(&c, st->font, ts, t.data, t.len));
        }
    colw += 10;
    double labmax = 0;
    const char *last_kind = NULL;
    size_t n_rows = 0;
    for (size_t i = 0; i < db->n; i++) {
        labmax = fmax(labmax, text_w(&c, st->font, ts, db->items[i].name, strlen(db->items[i].name)));
        if (db->items[i].kind && (!last_kind || strcmp(last_kind, db->items[i].kind) != 0)) n_rows++;
        last_kind = db->items[i].kind;
        n_rows++;
    }
    double w = c.x1 - c.x0;
    double vx1 = c.x1, vx0 = vx1 - colw; /* B's column, then A's to its left */
    double ax1 = vx0 - colw;
    /* narrow (a phone): each row's name on a line of its own, its dots under it across the
     * whole width; else the names in a column left of the dots */
    bool stacked = w < 520;
    double labw = stacked ? ax1 - c.x0 - 14 : fmin(labmax + 4, 0.4 * w);
    double px0 = stacked ? c.x0 + 8 : c.x0 + labw + 12 + 6, px1 = stacked ? c.x1 - 8 : ax1 - 16;
    double line1 = bh * 1.3;
    double row_h = stacked ? line1 + 14 : bh * 1.6, head_h = 16, axis_h = bs + 10;
    pk_chart_need(&c, head_h + (double)n_rows * row_h + axis_h);
    double y0 = c.top + head_h, axis_y = y0 + (double)n_rows * row_h;
#define X(v) (px0 + ((v) - db->lo) / (db->hi - db->lo) * (px1 - px0))
    /* the columns' heads: each occupation's mark */
    marker(&c, 0, ax1 + colw - 5 - 5, c.top + 4, 5);
    marker(&c, 1, vx1 - 5 - 5, c.top + 4, 5);
    pk_scene_group(c.s, "axis");
    pk_buf_adds(&c.alt, db->title);
    pk_buf_adds(&c.alt, ", on a scale marked at");
    /* the scale's marks as far apart as their labels need (a phone's narrow plot: fewer) */
    double step = db->step, lw = text_w(&c, st->font, ss, "100", 3) + 10;
    while ((db->hi - db->lo) / step * lw > px1 - px0 && step < db->hi - db->lo) step *= 2;
    for (int k = 0; db->lo + k * step <= db->hi + 1e-9; k++) {
        double v = db->lo + k * step, x = X(v);
        pk_scene_line(c.s, x, y0 - 2, x, axis_y, st->grid, 1, 0);
        pk_buf_reset(&t);
        pk_fmt_num(&t, v, 0, 0);
        double tw;
        double left = stacked ? place_mid(&c, st->font, ss, t.data, x, c.x0, c.x1, &tw)
                              : place_mid(&c, st->font, ss, t.data, x, c.x0 + labw + 12, ax1, &tw);
        pk_scene_text(c.s, left, axis_y + 6 + ascent(&c, st->font, ss), st->font, ss, st->muted,
                      PK_ANCHOR_START, t.data);
        pk_buf_printf(&c.alt, "%s %s", k ? "," : "", t.data);
    }
    pk_buf_adds(&c.alt, ".");
    pk_scene_ungroup(c.s);
    double y = y0;
    last_kind = NULL;
    pk_buf lab = PK_BUF_INIT;
    for (size_t i = 0; i < db->n; i++) {
        const pk_pair_item *it = &db->items[i];
        if (it->kind && (!last_kind || strcmp(last_kind, it->kind) != 0)) {
            pk_scene_text(c.s, c.x0, centred_baseline(&c, st->font_bold, ts, y + row_h / 2),
                          st->font_bold, ts, st->ink, PK_ANCHOR_START, it->kind);
            pk_buf_printf(&c.alt, " %s:", it->kind);
            y += row_h;
        }
        last_kind = it->kind;
        double cl = stacked ? y + line1 / 2 + 1 : y + row_h / 2; /* the name's line */
        double cy = stacked ? y + line1 + 6 : cl;                 /* the dots' */
        double base = centred_baseline(&c, st->font, ts, cl);
        if (i % 2 == 0) pk_scene_rect(c.s, c.x0, y, w, row_h, PK_RGB(0xF4F4F4), PK_NONE, 0);
        pk_buf_reset(&lab);
        pk_chart_fit(&c, st->font, ts, it->name, strlen(it->name), labw, &lab);
        pk_scene_text(c.s, c.x0 + (it->kind ? 6 : 0), base, st->font, ts, st->ink,
                      PK_ANCHOR_START, lab.data);
        double v0 = value_of(db, it, 0), v1 = value_of(db, it, 1);
        if (v0 >= 0 && v1 >= 0)
            pk_scene_line(c.s, X(clamp(v0, db->lo, db->hi)), cy, X(clamp(v1, db->lo, db->hi)), cy,
                          st->muted, 2, 0);
        pk_buf_addc(&c.alt, ' ');
        pk_chart_add_clean(&c.alt, it->name);
        /* two marks that would hide each other sit a little apart, up and down */
        bool close = v0 >= 0 && v1 >= 0 && fabs(X(clamp(v0, db->lo, db->hi)) -
                                                X(clamp(v1, db->lo, db->hi))) < 8;
        for (int side = 0; side < 2; side++) {
            double v = side ? v1 : v0;
            if (v >= 0)
                marker(&c, side, X(clamp(v, db->lo, db->hi)), cy + (close ? (side ? 3 : -3) : 0),
                       close ? 4 : 5);
            pk_buf_reset(&t);
            value_text(db, it, side, dec, &t);
            pk_scene_text(c.s, side ? vx1 - 5 : ax1 + colw - 5, base, st->font, ts,
                          v >= 0 ? st->ink : st->muted, PK_ANCHOR_END, t.data);
            pk_buf_adds(&c.alt, side ? ", " : " ");
            pk_chart_add_clean(&c.alt, r[side]->title);
            pk_buf_addc(&c.alt, ' ');
            if (v < 0) pk_buf_adds(&c.alt, "not available");
            else pk_buf_adds(&c.alt, t.data);
        }
        pk_buf_addc(&c.alt, ';');
        y += row_h;
    }
#undef X
    if (c.alt.len && c.alt.data[c.alt.len - 1] == ';') c.alt.data[c.alt.len - 1] = '.';
    pk_buf_reset(&t);
    pk_chart_add_clean(&t, r[1]->title);
    pk_chart_summary(&c, "", "the first occupation", " and %s on one scale: %s.", t.data,
                     db->ranks ? "each study's exposure percentile" : "the importance of their "
                                                                       "top items");
    if (c.summary.len > PK_SUMMARY_MAX)
        pk_chart_summary(&c, "", "the first occupation", " and the second on one scale: %s.",
                         db->ranks ? "exposure percentiles" : "importance ratings");
    pk_scene *sc = pk_chart_end(&c, db->title, note.data);
    pk_buf_fini(&lab);
    pk_buf_fini(&t);
    pk_buf_fini(&note);
    return sc;
}

/* ---- the registry ---- */

enum { MAX_PAIRS = 64 };

static int chart_index(const char *name)
{
    for (int i = 0; pk_compare_charts[i]; i++)
        if (name && strcmp(pk_compare_charts[i], name) == 0) return i;
    return -1;
}

static bool any_pay(const pk_record *const r[2])
{
    bool hourly = pk_compare_pay_hourly(r);
    for (int i = 0; i < 2; i++) {
        const pk_figure *f[3];
        pk_compare_pay(r[i], hourly, f);
        for (int k = 0; k < 3; k++)
            if (pk_fig_has(f[k])) return true;
    }
    return false;
}

static size_t drawn_pairs(const pk_pair_item *it, size_t n, bool ranks)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (int side = 0; side < 2; side++)
            k += ranks ? rank_of(&it[i], side) >= 0 : it[i].f[side] && pk_fig_has(it[i].f[side]);
    return k;
}

bool pk_compare_chart_has(const char *name, const pk_record *const r[2])
{
    pk_pair_item it[MAX_PAIRS];
    switch (chart_index(name)) {
    case 0: return any_pay(r);
    case 1: return drawn_pairs(it, pk_compare_ksa(r, it, MAX_PAIRS), false) > 0;
    case 2: return drawn_pairs(it, pk_compare_studies(r, it, MAX_PAIRS), true) > 0;
    default: return false;
    }
}

static size_t rows_of(const char *name, const pk_record *const r[2])
{
    pk_pair_item it[MAX_PAIRS];
    switch (chart_index(name)) {
    case 0: return 4;
    case 1: {
        size_t n = pk_compare_ksa(r, it, MAX_PAIRS), groups = 0;
        for (size_t i = 0; i < n; i++) groups += i == 0 || strcmp(it[i].kind, it[i - 1].kind) != 0;
        return n + groups;
    }
    case 2: return pk_compare_studies(r, it, MAX_PAIRS);
    default: return 1;
    }
}

double pk_compare_print_height(const char *name, const pk_record *const r[2])
{
    /* the header, legend and footer take about 190 pt of a 900 pt chart; a row 21 pt */
    double h = 200 + 21.0 * (double)rows_of(name, r);
    return fmax(PK_CHART_MIN_PRINT_HEIGHT, h / 900);
}

double pk_compare_chart_height(const char *name, const pk_record *const r[2], double width)
{
    /* a phone: the rows keep their height, the header and notes wrap to more lines */
    double share = pk_compare_print_height(name, r);
    return width >= 900 ? width * share : 900 * share + 0.5 * (900 - width) * 0.35;
}

pk_scene *pk_compare_chart_build(const char *name, const pk_record *const r[2],
                                 const pk_sources *s, const pk_fonts *fonts,
                                 const pk_chart_style *st, pk_diag *d)
{
    int k = chart_index(name);
    if (k < 0 || !pk_compare_chart_has(name, r)) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s vs. %s: error: chart \"%s\": %s", r[0]->soc, r[1]->soc,
                    name ? name : "", k < 0 ? "no such comparison chart" : "neither record has its figures");
        return NULL;
    }
    pk_pair_item it[MAX_PAIRS];
    pk_chart_style cur = *st;
    pk_scene *sc = NULL;
    for (int pass = 0; pass < 3; pass++) {
        pk_scene *next;
        if (k == 0) {
            next = build_pay(r, s, fonts, &cur);
        } else if (k == 1) {
            dumbbell db = {"Knowledge, skills and abilities",
                           "Importance to the job, 1 to 5 (O*NET): each one's top items",
                           it, pk_compare_ksa(r, it, MAX_PAIRS), false, 1, 5, 1, NULL};
            next = build_dumbbell(&db, r, s, fonts, &cur);
        } else {
            dumbbell db = {"AI exposure on one scale",
                           "Percentile among U.S. occupations in each study, 0 to 100",
                           it, pk_compare_studies(r, it, MAX_PAIRS), true, 0, 100, 25,
                           "Exposure measures what AI could attempt, not automation or job loss."};
            next = build_dumbbell(&db, r, s, fonts, &cur);
        }
        pk_scene_free(sc);
        sc = next;
        /* as tall as the rows need, when the style lets the chart grow */
        if (!st->fit_height || sc->short_by <= 0) break;
        cur.height += ceil(sc->short_by);
    }
    return sc;
}
