/* profile.c: the charts of who does the work and how: augmentation vs automation in observed AI
 * use, knowledge, skills and abilities, education of current workers, career interests (RIASEC)
 * and where the occupation is concentrated (location quotient). All are rows of labelled bars
 * (rows(), below) or, for knowledge, skills and abilities, three panels of them; every label is
 * measured and cut to its column, and every number drawn is in the alt text. Part of charts/;
 * the registry is in charts.c, the shared frame in frame.c. */
#include "charts/frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/fmt.h"

enum {
    MAX_ROWS = 8, /* bars on one chart: more would be too thin to read */
    KSA_TOP = 5   /* items in each knowledge, skills and abilities panel */
};

/* ---- rows of bars ---- */

typedef struct row {
    char *name;  /* owned: cleaned; cut to the label column when drawn */
    char *sub;   /* owned, or NULL: a muted second line under the name */
    char *value; /* owned: the value as drawn ("32%", "94.66×"); never cut */
    double v;    /* the value on the scale */
    pk_rgba color;
} row;

static void rows_free(row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].name);
        free(rows[i].sub);
        free(rows[i].value);
    }
}

static char *clean_dup(const char *s)
{
    pk_buf b = PK_BUF_INIT;
    pk_chart_add_clean(&b, s);
    return pk_buf_take(&b);
}

/* How the rows' bars are scaled and what is drawn around them. */
typedef struct scale {
    double lo, hi; /* bars run from lo; hi is the scale's end, or <= lo for the largest value */
    bool track;    /* the whole scale drawn behind each bar, values in a column after it */
    const char *lo_label, *hi_label; /* under the track's two ends, or NULL */
    bool ref;                        /* a dashed line at ref_v, labelled ref_label under the rows */
    double ref_v;
    const char *ref_label;
} scale;

/* Draws n rows of bars in the plot area: names (and muted second lines, when every row's two
 * lines fit its height) in a measured column at the left, at most 42% of the width and cut with
 * an ellipsis; bars from the scale's start; values after each bar's end, or in a column after the
 * track. Values are never cut: the bars give up width first. */
static void rows(pk_chart *c, const row *rw, size_t n, const scale *sc)
{
    const pk_chart_style *st = c->st;
    int fr = st->font;
    double sz = st->text_size, ss = st->small_size, cw = c->x1 - c->x0;
    /* two or three rows get thick bars and large bold values, as the projection's bars do:
     * thin ones would leave the frame empty */
    bool big = n <= 3;
    int fv = big ? st->font_bold : fr;
    double sv = big ? sz * 1.25 : sz;
    double name_w = 0, sub_w = 0, val_w = 0, vmax = 0;
    bool subs = false;
    for (size_t i = 0; i < n; i++) {
        name_w = fmax(name_w, text_w(c, fr, sz, rw[i].name, strlen(rw[i].name)));
        if (rw[i].sub) {
            subs = true;
            sub_w = fmax(sub_w, text_w(c, fr, ss, rw[i].sub, strlen(rw[i].sub)));
        }
        val_w = fmax(val_w, text_w(c, fv, sv, rw[i].value, strlen(rw[i].value)));
        vmax = fmax(vmax, rw[i].v);
    }
    double lo = sc->lo, hi = sc->hi > sc->lo ? sc->hi : sc->ref ? fmax(vmax, sc->ref_v) : vmax;
    if (!(hi > lo)) hi = lo + 1;

    /* rows centred in the plot area, with the scale's labels under them */
    bool foot = sc->lo_label || sc->hi_label || (sc->ref && sc->ref_label);
    double small_h = box_h(c, fr, ss), name_h = box_h(c, fr, sz), sub_gap = 2;
    double avail = c->bottom - c->top - (foot ? small_h + 8 : 0);
    double rh = fmin(avail / (double)(n ? n : 1), big ? 64 : subs ? 46 : 40);
    if (subs && name_h + sub_gap + small_h > rh - 4) subs = false; /* too crowded: names alone */
    double block_h = name_h + (subs ? sub_gap + small_h : 0);
    double bh = fmin(big ? 32 : 22, rh * (subs ? 0.5 : 0.6));
    double y0 = c->top + (avail - rh * (double)n) / 2, y1 = y0 + rh * (double)n;

    /* columns: names, bars (at least a quarter of the width), values */
    double lab_w = fmin(fmax(name_w, subs ? sub_w : 0), 0.42 * cw);
    double bx1 = c->x1 - val_w - 8;
    if (bx1 - (c->x0 + lab_w + 12) < 0.25 * cw) lab_w = fmax(0, bx1 - 0.25 * cw - 12 - c->x0);
    double bx0 = c->x0 + lab_w + 12;
#define BX(v) (bx0 + (clamp((v), lo, hi) - lo) / (hi - lo) * (bx1 - bx0))

    pk_buf t = PK_BUF_INIT;
    pk_scene_group(c->s, "bars");
    if (sc->ref) {
        double x = BX(sc->ref_v);
        pk_scene_line(c->s, x, y0, x, y1 + 4, st->muted, 1, 3);
    }
    for (size_t i = 0; i < n; i++) {
        double cy = y0 + rh * ((double)i + 0.5);
        if (sc->track) pk_scene_rect(c->s, bx0, cy - bh / 2, bx1 - bx0, bh, st->grid, PK_NONE, 0);
        double xe = BX(rw[i].v);
        if (xe > bx0) pk_scene_rect(c->s, bx0, cy - bh / 2, xe - bx0, bh, rw[i].color, PK_NONE, 0);
    }
    pk_scene_ungroup(c->s);

    pk_scene_group(c->s, "labels");
    double asc = ascent(c, fr, sz), asc_s = ascent(c, fr, ss);
    for (size_t i = 0; i < n; i++) {
        double cy = y0 + rh * ((double)i + 0.5), top = cy - block_h / 2;
        pk_buf_reset(&t);
        pk_chart_fit(c, fr, sz, rw[i].name, strlen(rw[i].name), lab_w, &t);
        if (t.len) pk_scene_text(c->s, c->x0, top + asc, fr, sz, st->ink, PK_ANCHOR_START, t.data);
        if (subs && rw[i].sub) {
            pk_buf_reset(&t);
            pk_chart_fit(c, fr, ss, rw[i].sub, strlen(rw[i].sub), lab_w, &t);
            if (t.len)
                pk_scene_text(c->s, c->x0, top + name_h + sub_gap + asc_s, fr, ss, st->muted,
                              PK_ANCHOR_START, t.data);
        }
        /* after the bar, and clear of the reference line a short bar ends next to */
        double xe = BX(rw[i].v);
        if (sc->ref) xe = fmax(xe, BX(sc->ref_v) + 1);
        double vx = sc->track ? bx1 + 8 : xe + 6;
        pk_scene_text(c->s, vx, centred_baseline(c, fv, sv, cy), fv, sv, st->ink, PK_ANCHOR_START,
                      rw[i].value);
    }
    double fy = y1 + 8 + asc_s;
    if (sc->lo_label)
        pk_scene_text(c->s, bx0, fy, fr, ss, st->muted, PK_ANCHOR_START, sc->lo_label);
    if (sc->hi_label) pk_scene_text(c->s, bx1, fy, fr, ss, st->muted, PK_ANCHOR_END, sc->hi_label);
    if (sc->ref && sc->ref_label) {
        double x = BX(sc->ref_v), w = text_w(c, fr, ss, sc->ref_label, strlen(sc->ref_label));
        pk_anchor a = x + w <= c->x1 ? PK_ANCHOR_START : PK_ANCHOR_END;
        pk_scene_text(c->s, a == PK_ANCHOR_START ? x - 1 : x + 1, fy, fr, ss, st->muted, a,
                      sc->ref_label);
    }
    pk_scene_ungroup(c->s);
#undef BX
    pk_buf_fini(&t);
}

/* An item's value is drawn when the item has one. */
static bool item_drawn(const pk_item *it)
{
    return it->name && pk_fig_has(&it->fig) && isfinite(it->fig.value);
}

static size_t list_drawn(const pk_list *l)
{
    size_t n = 0;
    for (size_t i = 0; l->present && i < l->n_items; i++)
        n += item_drawn(&l->items[i]);
    return n;
}

/* The top k items (by value, the record's order among equals) of up to two lists, into top[];
 * returns how many. */
static size_t top_items(const pk_list *a, const pk_list *b, const pk_item **top, size_t k)
{
    size_t n = 0;
    const pk_list *lists[2] = {a, b};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; lists[l] && lists[l]->present && i < lists[l]->n_items; i++) {
            const pk_item *it = &lists[l]->items[i];
            if (!item_drawn(it)) continue;
            size_t j = n < k ? n++ : k;
            while (j > 0 && top[j - 1]->fig.value < it->fig.value) {
                if (j < k) top[j] = top[j - 1];
                j--;
            }
            if (j < k) top[j] = it;
        }
    }
    return n;
}

/* "1" or "1.5": a scale's end as a label and in prose */
static void scale_num(pk_buf *b, double v)
{
    pk_fmt_num(b, v, 1, PK_FMT_TRIM | PK_FMT_MINUS);
}

static void scale_num_prose(pk_buf *b, double v)
{
    pk_fmt_num(b, v, 1, PK_FMT_TRIM);
}

/* ===================================================================================== */
/* augmentation: working with AI vs handing the task to AI                               */
/* ===================================================================================== */

static bool share_drawn(const pk_figure *f)
{
    return pk_fig_has(f) && f->value >= 0 && isfinite(f->value);
}

bool pk_chart_has_augmentation(const pk_record *r)
{
    const pk_ai_usage *u = &r->ai_usage;
    return u->present && share_drawn(&u->augmentation) && share_drawn(&u->automation);
}

pk_scene *pk_chart_build_augmentation(const pk_record *r, const pk_sources *s,
                                      const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    const pk_ai_usage *u = &r->ai_usage;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_chart_add_source(c, u->augmentation.source);
    pk_chart_add_source(c, u->automation.source);
    pk_buf t = PK_BUF_INIT;
    pk_buf_adds(&t, "How people use AI in the work of ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    pk_chart_header(c, title, "Share of observed AI conversations about this occupation's tasks");
    /* a release that filters conversations below its sample floor: the filtered share is the
     * third part of the whole, drawn so that the other two are read against it */
    bool filt = share_drawn(&u->filtered);
    const char *note = filt ? "One AI assistant's usage sample, not all AI use or the whole "
                              "workforce; the three shares add up to 100%."
                            : "One AI assistant's usage sample, not all AI use or the whole "
                              "workforce; the two shares need not add up to 100%.";
    pk_chart_footer(c, note);

    static const struct {
        const char *name, *sub;
    } what[3] = {{"Working with AI", "augmentation: iterating, learning, checking work"},
                 {"Handing the task to AI", "automation: AI does it with little back-and-forth"},
                 {"Below the sample floor", "how these went, the release does not say"}};
    const pk_figure *f[3] = {&u->augmentation, &u->automation, &u->filtered};
    pk_rgba color[3] = {st->accent, st->highlight, st->muted};
    size_t n = filt ? 3 : 2;
    row rw[3] = {{0}};
    double vals[3] = {0}; /* one precision for the bars' values */
    for (size_t i = 0; i < n; i++) vals[i] = f[i]->value;
    int dec = pk_column_decimals(PK_UNIT_PERCENT, vals, n);
    for (size_t i = 0; i < n; i++) {
        pk_fmt_figure(&t, f[i], dec, PK_FMT_MINUS);
        rw[i] = (row){pk_xstrdup(what[i].name), pk_xstrdup(what[i].sub), pk_buf_take(&t),
                      f[i]->value, color[i]};
    }
    rows(c, rw, n, &(scale){0, 100, true, "0%", "100%", false, 0, NULL});

    pk_buf_adds(&c->alt, "How people use AI in the work of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, ", as a share of observed AI conversations about its tasks (each bar on a "
                         "scale from 0% to 100%): working with AI (augmentation) ");
    pk_fmt_figure(&c->alt, f[0], dec, 0);
    pk_buf_adds(&c->alt, "; handing the task to AI (automation) ");
    pk_fmt_figure(&c->alt, f[1], dec, 0);
    if (filt) {
        pk_buf_adds(&c->alt, "; below the release's sample floor ");
        pk_fmt_figure(&c->alt, f[2], dec, 0);
    }
    pk_buf_addc(&c->alt, '.');
    rows_free(rw, n);

    pk_buf_reset(&t);
    pk_fmt_figure(&t, f[0], dec, 0);
    pk_buf_adds(&t, " work with AI, ");
    pk_fmt_figure(&t, f[1], dec, 0);
    pk_chart_summary(c, "Observed AI conversations about ", "this occupation", ": %s hand the task to AI.", t.data);
    pk_scene *sc = pk_chart_end(c, title, note);
    free(title);
    pk_buf_fini(&t);
    return sc;
}

/* ===================================================================================== */
/* ksa: the most important knowledge, skills and abilities                                */
/* ===================================================================================== */

typedef struct panel {
    const char *heading;
    const pk_list *a, *b; /* skills: the essential and the transferable lists */
} panel;

static size_t ksa_panels(const pk_record *r, panel p[3])
{
    size_t n = 0;
    if (list_drawn(&r->knowledge)) p[n++] = (panel){"Knowledge", &r->knowledge, NULL};
    if (r->skills.present && list_drawn(&r->skills.essential) + list_drawn(&r->skills.transferable))
        p[n++] = (panel){"Skills", &r->skills.essential, &r->skills.transferable};
    if (list_drawn(&r->abilities)) p[n++] = (panel){"Abilities", &r->abilities, NULL};
    return n;
}

bool pk_chart_has_ksa(const pk_record *r)
{
    panel p[3];
    return ksa_panels(r, p) > 0;
}

/* A list's rating scale: its own, else O*NET's importance scale, 1 to 5. */
static void list_scale(const pk_list *l, double *lo, double *hi)
{
    *lo = 1;
    *hi = 5;
    if (l->scale[1] > l->scale[0]) {
        *lo = l->scale[0];
        *hi = l->scale[1];
    }
}

pk_scene *pk_chart_build_ksa(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                             const pk_chart_style *st, pk_diag *d)
{
    panel pn[3];
    size_t np = ksa_panels(r, pn);
    if (np == 0) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: chart \"ksa\": the record has no knowledge, skills or abilities "
                    "ratings",
                    r->soc);
        return NULL;
    }
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, scl = PK_BUF_INIT, alt_scl = PK_BUF_INIT;
    const pk_item *top[3][KSA_TOP];
    size_t nt[3];
    double lo[3], hi[3];
    bool same_scale = true;
    for (size_t p = 0; p < np; p++) {
        nt[p] = top_items(pn[p].a, pn[p].b, top[p], KSA_TOP);
        list_scale(pn[p].a, &lo[p], &hi[p]);
        same_scale = same_scale && lo[p] == lo[0] && hi[p] == hi[0];
        for (size_t i = 0; i < nt[p]; i++)
            pk_chart_add_source(c, top[p][i]->fig.source);
    }

    pk_buf_adds(&t, "What matters most in the work of ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    /* the scale: O*NET's importance anchors when it is theirs, 1 to 5 */
    if (same_scale) {
        pk_buf_adds(&scl, "from ");
        scale_num(&scl, lo[0]);
        pk_buf_adds(&alt_scl, "from ");
        scale_num_prose(&alt_scl, lo[0]);
        bool onet = lo[0] == 1 && hi[0] == 5;
        pk_buf_adds(&scl, onet ? " (not important) to " : " to ");
        pk_buf_adds(&alt_scl, onet ? " (not important) to " : " to ");
        scale_num(&scl, hi[0]);
        scale_num_prose(&alt_scl, hi[0]);
        if (onet) {
            pk_buf_adds(&scl, " (extremely important)");
            pk_buf_adds(&alt_scl, " (extremely important)");
        }
    } else {
        pk_buf_adds(&scl, "each on its own scale, the grey track");
        pk_buf_adds(&alt_scl, "each on its own scale");
    }
    pk_buf_printf(&t,
                  "The top knowledge areas, skills and abilities by O*NET importance rating, %s",
                  scl.data);
    pk_chart_header(c, title, t.data);
    pk_chart_footer(c, NULL);

    int fr = st->font, fb = st->font_bold;
    double sz = st->text_size, gap = 28, cw = c->x1 - c->x0;
    double pw = (cw - gap * (double)(np - 1)) / (double)np;
    double head_h = box_h(c, fb, sz), name_h = box_h(c, fr, sz), lh = sz * pk_chart_line_gap;
    double bar_h = 8, avail = c->bottom - c->top - head_h - 10;

    /* the values, then the names in the room beside them: on one line, or on two where one
     * would cut the name and the rows still fit; a row is as tall as its tallest name in any
     * panel, so the rows line up across the panels. When the rows do not fit, the gaps between
     * them shrink first, then names go back to one line (cut), then the last rows go. */
    char val[3][KSA_TOP][48];
    double vw[3][KSA_TOP];
    pk_para nm[3][KSA_TOP];
    memset(nm, 0, sizeof nm);
    size_t rows_max = 0;
    for (size_t p = 0; p < np; p++) {
        rows_max = nt[p] > rows_max ? nt[p] : rows_max;
        for (size_t i = 0; i < nt[p]; i++) {
            pk_buf_reset(&t);
            pk_fmt_figure(&t, &top[p][i]->fig, -1, PK_FMT_MINUS);
            snprintf(val[p][i], sizeof val[p][i], "%s", t.data);
            vw[p][i] = text_w(c, fb, sz, val[p][i], strlen(val[p][i]));
        }
    }
    int lines = 2;
    double row_gap = 16, row_h[KSA_TOP] = {0}, total = 0;
    for (;;) {
        for (size_t p = 0; p < np; p++)
            for (size_t i = 0; i < nt[p] && i < rows_max; i++)
                pk_chart_wrap(c, fr, sz, top[p][i]->name, pw - vw[p][i] - 8, lines, &nm[p][i]);
        total = 0;
        for (size_t i = 0; i < rows_max; i++) {
            int n_lines = 1;
            for (size_t p = 0; p < np; p++)
                if (i < nt[p] && nm[p][i].n > n_lines) n_lines = nm[p][i].n;
            row_h[i] = name_h + (n_lines - 1) * lh + 4 + bar_h;
            total += row_h[i];
        }
        double gaps = (double)(rows_max - 1);
        if (total + gaps * row_gap <= avail) break;
        if (gaps > 0 && total + gaps * 6 <= avail) {
            row_gap = (avail - total) / gaps;
            break;
        }
        if (lines == 2)
            lines = 1;
        else if (rows_max > 1)
            rows_max--;
        else
            break;
    }
    total += (double)(rows_max - 1) * row_gap;
    double y0 = c->top + fmax(0, (avail - total) / 2);

    pk_buf_adds(&c->alt, "The most important knowledge areas, skills and abilities of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_printf(&c->alt, ", by O*NET importance rating %s", alt_scl.data);
    for (size_t p = 0; p < np; p++) {
        double px = c->x0 + (double)p * (pw + gap);
        size_t n = nt[p] < rows_max ? nt[p] : rows_max;
        pk_scene_group(c->s, pn[p].heading);
        pk_scene_text(c->s, px, y0 + ascent(c, fb, sz), fb, sz, st->ink, PK_ANCHOR_START,
                      pn[p].heading);
        pk_buf_printf(&c->alt, "%s %s: ", p ? "." : ":", pn[p].heading);
        double y = y0 + head_h + 10;
        for (size_t i = 0; i < n; i++) {
            const pk_item *it = top[p][i];
            pk_scene_text(c->s, px + pw, y + ascent(c, fr, sz), fb, sz, st->ink, PK_ANCHOR_END,
                          val[p][i]);
            pk_chart_draw_para(c, &nm[p][i], px, y, PK_ANCHOR_START, fr, sz, st->ink);
            /* the bar right under its own name; a row taller for a neighbour's name leaves the
             * room under the bar, with the gap to the next row */
            int own = nm[p][i].n > 1 ? nm[p][i].n : 1;
            double by = y + name_h + (own - 1) * lh + 4;
            double v = clamp(it->fig.value, lo[p], hi[p]);
            pk_scene_rect(c->s, px, by, pw, bar_h, st->grid, PK_NONE, 0);
            if (v > lo[p])
                pk_scene_rect(c->s, px, by, (v - lo[p]) / (hi[p] - lo[p]) * pw, bar_h, st->accent,
                              PK_NONE, 0);
            if (i) pk_buf_adds(&c->alt, "; ");
            pk_chart_add_clean(&c->alt, it->name);
            pk_buf_addc(&c->alt, ' ');
            pk_fmt_figure(&c->alt, &it->fig, -1, 0);
            y += row_h[i] + row_gap;
        }
        pk_scene_ungroup(c->s);
    }
    for (size_t p = 0; p < np; p++)
        for (size_t i = 0; i < KSA_TOP; i++)
            para_fini(&nm[p][i]);
    pk_buf_addc(&c->alt, '.');

    /* the top-rated of each panel: "X, Y and Z" */
    pk_buf_reset(&t);
    size_t shown = 0;
    for (size_t p = 0; p < np; p++) shown += nt[p] > 0;
    for (size_t p = 0, k = 0; p < np; p++) {
        if (!nt[p]) continue;
        if (k++) pk_buf_adds(&t, k == shown ? " and " : ", ");
        pk_chart_add_clean(&t, top[p][0]->name);
    }
    pk_chart_summary(c, "Most important in the work of ", "this occupation", ": %s.", t.data);
    pk_scene *sc = pk_chart_end(c, title, NULL);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&scl);
    pk_buf_fini(&alt_scl);
    return sc;
}

/* ===================================================================================== */
/* education: the education of current workers                                           */
/* ===================================================================================== */

bool pk_chart_has_education(const pk_record *r)
{
    const pk_list *l = &r->education;
    for (size_t i = 0; l->present && i < l->n_items; i++)
        if (item_drawn(&l->items[i]) && l->items[i].fig.value >= 0) return true;
    return false;
}

/* O*NET's twelve levels of education (Education, Training, and Experience Categories, RL), in
 * order; a record names them in full ("High School Diploma - or the equivalent (for example,
 * GED)"). */
static const char *const levels[] = {"Less than a High School Diploma",
                                     "High School Diploma",
                                     "Post-Secondary Certificate",
                                     "Some College Courses",
                                     "Associate's Degree",
                                     "Bachelor's Degree",
                                     "Post-Baccalaureate Certificate",
                                     "Master's Degree",
                                     "Post-Master's Certificate",
                                     "First Professional Degree",
                                     "Doctoral Degree",
                                     "Post-Doctoral Training"};

/* The level of an education item's name (0-11), or -1: the name starts with the level's name,
 * in any case, with ’ for ' , and ends there or goes on with " " or "(". */
static int level_of(const char *name)
{
    for (int k = 0; k < (int)(sizeof levels / sizeof *levels); k++) {
        const char *p = name, *q = levels[k];
        while (*q) {
            if (*q == '\'' && strncmp(p, "\xE2\x80\x99", 3) == 0) {
                p += 3;
                q++;
                continue;
            }
            char a = *p, b = *q;
            if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
            if (a != b) break;
            p++;
            q++;
        }
        if (!*q && (!*p || *p == ' ' || *p == '(')) return k;
    }
    return -1;
}

/* A level's name as the chart shows it: O*NET's, before its " - " explanation. */
static char *level_name(const char *name)
{
    pk_buf b = PK_BUF_INIT;
    pk_chart_add_clean(&b, name);
    char *dash = strstr(b.data, " - ");
    if (dash) b.len = (size_t)(dash - b.data), b.data[b.len] = '\0';
    return pk_buf_take(&b);
}

pk_scene *pk_chart_build_education(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                   const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    const pk_list *l = &r->education;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, note = PK_BUF_INIT;

    /* the items drawn, in O*NET's order of levels when every name is one (a level the record
     * names twice keeps both, in the record's order); else the record's order */
    const pk_item **it = pk_xmalloc((l->n_items ? l->n_items : 1) * sizeof *it);
    int *lv = pk_xmalloc((l->n_items ? l->n_items : 1) * sizeof *lv);
    size_t n = 0;
    bool by_level = true, fraction = false;
    double sum = 0;
    for (size_t i = 0; i < l->n_items; i++) {
        if (!item_drawn(&l->items[i]) || l->items[i].fig.value < 0) continue;
        it[n] = &l->items[i];
        lv[n] = level_of(it[n]->name);
        by_level = by_level && lv[n] >= 0;
        double v = it[n]->fig.value;
        /* whole percentages read best; a share below 1% keeps a decimal so it is not "0%" */
        if (v > 0 && v < 0.5) fraction = true;
        sum += v;
        n++;
    }
    if (by_level)
        for (size_t i = 1; i < n; i++) /* insertion sort: stable, and n is at most twelve or so */
            for (size_t j = i; j > 0 && lv[j - 1] > lv[j]; j--) {
                const pk_item *ti = it[j];
                int tl = lv[j];
                it[j] = it[j - 1], lv[j] = lv[j - 1];
                it[j - 1] = ti, lv[j - 1] = tl;
            }
    size_t shown = n < 12 ? n : 12;
    for (size_t i = 0; i < shown; i++)
        pk_chart_add_source(c, it[i]->fig.source);
    int dec = fraction ? 1 : 0;

    pk_buf_adds(&t, "Education of ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    pk_buf_adds(&t, "Share of workers in this occupation at each level of education");
    if (by_level) pk_buf_adds(&t, ", from the lowest level to the highest");
    if (shown < n) pk_buf_printf(&t, " (%zu of %zu levels)", shown, n);
    pk_chart_header(c, title, t.data);
    if (fabs(sum - 100) >= 0.5 && shown == n) {
        pk_buf_adds(&note, "The shares shown add up to ");
        pk_fmt_num(&note, sum, dec, 0);
        pk_buf_adds(&note, "%.");
    }
    pk_chart_footer(c, note.data);

    row *rw = pk_xcalloc(shown ? shown : 1, sizeof *rw);
    pk_buf_adds(&c->alt, "Education of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, ", share of workers at each level");
    if (by_level) pk_buf_adds(&c->alt, ", from the lowest to the highest");
    pk_buf_adds(&c->alt, ": ");
    for (size_t i = 0; i < shown; i++) {
        pk_buf_reset(&t);
        pk_fmt_figure(&t, &it[i]->fig, dec, PK_FMT_MINUS);
        rw[i] = (row){level_name(it[i]->name), NULL, pk_buf_take(&t), it[i]->fig.value, st->accent};
        if (i) pk_buf_adds(&c->alt, "; ");
        pk_buf_adds(&c->alt, rw[i].name);
        pk_buf_addc(&c->alt, ' ');
        pk_fmt_figure(&c->alt, &it[i]->fig, dec, 0);
    }
    pk_buf_addc(&c->alt, '.');
    {
        size_t most = 0;
        for (size_t i = 1; i < shown; i++)
            if (it[i]->fig.value > it[most]->fig.value) most = i;
        pk_buf_reset(&t);
        pk_buf_adds(&t, rw[most].name);
        pk_buf_adds(&t, ", ");
        pk_fmt_figure(&t, &it[most]->fig, dec, 0);
        pk_chart_summary(c, "The most common education of ", "this occupation's workers", ": %s of workers.", t.data);
    }
    rows(c, rw, shown, &(scale){0, 0, false, NULL, NULL, false, 0, NULL});
    rows_free(rw, shown);
    free(rw);
    free(it);
    free(lv);

    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&note);
    return sc;
}

/* ===================================================================================== */
/* interests: the RIASEC profile                                                          */
/* ===================================================================================== */

bool pk_chart_has_interests(const pk_record *r)
{
    return r->interests.present && list_drawn(&r->interests.riasec) > 0;
}

/* The six Holland types, in RIASEC order, each with a few words from O*NET's definition. */
static const struct {
    const char *name, *gist;
} riasec[6] = {
    {"Realistic", "designing, building or repairing things; physical work"},
    {"Investigative", "studying and researching"},
    {"Artistic", "creating art, performances, writing, music or designs"},
    {"Social", "helping, teaching, advising or serving others"},
    {"Enterprising", "managing, negotiating, selling or leading"},
    {"Conventional", "following procedures to organize information"},
};

static int riasec_of(const char *name)
{
    for (int k = 0; k < 6; k++)
        if (strcmp(name, riasec[k].name) == 0) return k;
    return -1;
}

pk_scene *pk_chart_build_interests(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                   const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    const pk_list *l = &r->interests.riasec;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, note = PK_BUF_INIT;
    const pk_item *top[MAX_ROWS];
    size_t n = top_items(l, NULL, top, MAX_ROWS);
    size_t total = list_drawn(l);
    bool seen[6] = {false}, all_types = true;
    for (size_t i = 0; i < l->n_items; i++) {
        if (!item_drawn(&l->items[i])) continue;
        int k = riasec_of(l->items[i].name);
        if (k < 0)
            all_types = false;
        else
            seen[k] = true;
    }
    for (size_t i = 0; i < n; i++)
        pk_chart_add_source(c, top[i]->fig.source);
    double lo, hi;
    list_scale(l, &lo, &hi);
    if (!(l->scale[1] > l->scale[0])) lo = 1, hi = 7; /* O*NET's interest scale */

    pk_buf_adds(&t, "Career interests of ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    pk_buf_adds(&t,
                "How well the work fits each Holland (RIASEC) interest type, O*NET rating from ");
    scale_num(&t, lo);
    pk_buf_adds(&t, " to ");
    scale_num(&t, hi);
    pk_buf_adds(&t, ", highest first");
    if (total > n) pk_buf_printf(&t, " (top %zu of %zu)", n, total);
    pk_chart_header(c, title, t.data);
    /* a type the data leaves out is said, never drawn as a zero */
    if (all_types && total <= n) {
        size_t missing = 0;
        for (int k = 0; k < 6; k++)
            missing += !seen[k];
        for (int k = 0, m = 0; k < 6; k++) {
            if (seen[k]) continue;
            pk_buf_adds(&note, m == 0                  ? "Not in the data: "
                               : m + 1 == (int)missing ? " and "
                                                       : ", ");
            pk_buf_adds(&note, riasec[k].name);
            m++;
        }
        if (missing) pk_buf_addc(&note, '.');
    }
    pk_chart_footer(c, note.data);

    row rw[MAX_ROWS] = {{0}};
    pk_buf_adds(&c->alt, "Career interests of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt,
                ", how well the work fits each Holland (RIASEC) interest type, rated from ");
    scale_num_prose(&c->alt, lo);
    pk_buf_adds(&c->alt, " to ");
    scale_num_prose(&c->alt, hi);
    if (total > n) pk_buf_printf(&c->alt, " (top %zu of %zu)", n, total);
    pk_buf_adds(&c->alt, ": ");
    for (size_t i = 0; i < n; i++) {
        int k = riasec_of(top[i]->name);
        pk_buf_reset(&t);
        pk_fmt_figure(&t, &top[i]->fig, -1, PK_FMT_MINUS);
        rw[i] = (row){clean_dup(top[i]->name), k >= 0 ? pk_xstrdup(riasec[k].gist) : NULL,
                      pk_buf_take(&t), top[i]->fig.value, st->accent};
        if (i) pk_buf_adds(&c->alt, "; ");
        pk_buf_adds(&c->alt, rw[i].name);
        if (k >= 0) pk_buf_printf(&c->alt, " (%s)", riasec[k].gist);
        pk_buf_addc(&c->alt, ' ');
        pk_fmt_figure(&c->alt, &top[i]->fig, -1, 0);
    }
    pk_buf_addc(&c->alt, '.');
    pk_buf_reset(&t);
    pk_chart_add_clean(&t, top[0]->name);
    pk_buf_adds(&t, ", rated ");
    pk_fmt_figure(&t, &top[0]->fig, -1, 0);
    pk_buf_adds(&t, " on a scale from ");
    scale_num_prose(&t, lo);
    pk_buf_adds(&t, " to ");
    scale_num_prose(&t, hi);
    pk_chart_summary(c, "The strongest career interest of ", "this occupation", ": %s.", t.data);
    pk_buf lo_t = PK_BUF_INIT, hi_t = PK_BUF_INIT;
    scale_num(&lo_t, lo);
    scale_num(&hi_t, hi);
    rows(c, rw, n, &(scale){lo, hi, true, lo_t.data, hi_t.data, false, 0, NULL});
    pk_buf_fini(&lo_t);
    pk_buf_fini(&hi_t);
    rows_free(rw, n);

    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&note);
    return sc;
}

/* ===================================================================================== */
/* concentration: the location quotient by industry                                       */
/* ===================================================================================== */

static bool lq_drawn(const pk_industry *it)
{
    return it->name && pk_fig_has(&it->lq) && it->lq.value >= 0 && isfinite(it->lq.value);
}

bool pk_chart_has_concentration(const pk_record *r)
{
    for (size_t i = 0; r->industries.present && i < r->industries.n_items; i++)
        if (lq_drawn(&r->industries.items[i])) return true;
    return false;
}

pk_scene *pk_chart_build_concentration(const pk_record *r, const pk_sources *s,
                                       const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    const pk_industries *ind = &r->industries;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, tmp = PK_BUF_INIT;

    /* the top MAX_ROWS by location quotient; ties keep the record's order */
    const pk_industry *top[MAX_ROWS] = {0};
    size_t n = 0, total = 0;
    for (size_t i = 0; i < ind->n_items; i++) {
        const pk_industry *it = &ind->items[i];
        if (!lq_drawn(it)) continue;
        total++;
        size_t k = n < MAX_ROWS ? n++ : MAX_ROWS;
        while (k > 0 && top[k - 1]->lq.value < it->lq.value) {
            if (k < MAX_ROWS) top[k] = top[k - 1];
            k--;
        }
        if (k < MAX_ROWS) top[k] = it;
    }
    bool sector = false, finer = false;
    for (size_t i = 0; i < n; i++) {
        pk_chart_add_source(c, top[i]->lq.source);
        if (pk_fig_has(&top[i]->workers)) pk_chart_add_source(c, top[i]->workers.source);
        if (top[i]->level && strcmp(top[i]->level, "Sector") == 0)
            sector = true;
        else if (top[i]->level)
            finer = true;
    }

    pk_buf_adds(&t, "Where ");
    pk_buf_adds(&t, r->title);
    pk_buf_adds(&t, " are most concentrated");
    char *title = pk_buf_take(&t);
    const char *rel = pk_chart_release_of(s, top[0]->lq.source, &tmp);
    pk_buf_printf(&t, "Location quotient by %s, U.S.", sector && !finer ? "sector" : "industry");
    if (rel) pk_buf_printf(&t, ", %s", rel);
    if (total > n) pk_buf_printf(&t, " (top %zu of %zu)", n, total);
    pk_buf_adds(&t, ": the occupation's share of the jobs there over its share of all jobs");
    pk_chart_header(c, title, t.data);
    const char *note = "A location quotient of 1 means the occupation is as common there as in the "
                       "economy as a whole; 5 means five times as common.";
    pk_chart_footer(c, note);

    row rw[MAX_ROWS] = {{0}};
    pk_buf_adds(&c->alt, "Where ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_printf(&c->alt, " are most concentrated, by location quotient, U.S.");
    if (rel) pk_buf_printf(&c->alt, ", %s", rel);
    if (total > n) pk_buf_printf(&c->alt, " (top %zu of %zu)", n, total);
    pk_buf_adds(&c->alt, ", with a line at 1: ");
    for (size_t i = 0; i < n; i++) {
        const pk_industry *it = top[i];
        pk_buf_reset(&t);
        pk_fmt_figure(&t, &it->lq, -1, PK_FMT_MINUS);
        char *value = pk_buf_take(&t);
        /* the second line: the NAICS level when the rows mix levels (else the subtitle says it),
         * and the workers, which say how big the industry is */
        if (it->level && sector && finer) pk_chart_add_clean(&t, it->level);
        if (pk_fig_has(&it->workers) && it->workers.value >= 0) {
            if (t.len) pk_buf_adds(&t, " " MIDDOT " ");
            pk_fmt_num(&t, it->workers.value, 0, PK_FMT_MINUS);
            if (it->workers.status == PK_FIG_TOPCODED) pk_buf_adds(&t, "+");
            pk_buf_adds(&t, it->workers.value == 1 ? " worker" : " workers");
        }
        rw[i] = (row){clean_dup(it->name), t.len ? pk_buf_take(&t) : NULL, value, it->lq.value,
                      st->accent};
        pk_buf_reset(&t);
        if (i) pk_buf_adds(&c->alt, "; ");
        pk_buf_adds(&c->alt, rw[i].name);
        if (it->level) {
            pk_buf_adds(&c->alt, " (");
            pk_chart_add_clean(&c->alt, it->level);
            pk_buf_addc(&c->alt, ')');
        }
        pk_buf_adds(&c->alt, " ");
        pk_fmt_figure(&c->alt, &it->lq, -1, 0);
        if (pk_fig_has(&it->workers) && it->workers.value >= 0) {
            pk_buf_adds(&c->alt, ", ");
            pk_fmt_figure(&c->alt, &it->workers, 0, 0);
            pk_buf_adds(&c->alt, it->workers.value == 1 ? " worker" : " workers");
        }
    }
    pk_buf_addc(&c->alt, '.');
    pk_buf_reset(&t);
    pk_chart_add_clean(&t, top[0]->name);
    pk_buf_adds(&t, ", with a location quotient of ");
    pk_fmt_figure(&t, &top[0]->lq, -1, 0);
    pk_chart_summary(c, "", "Workers in this occupation", " are most concentrated in %s.", t.data);
    rows(c, rw, n, &(scale){0, 0, false, NULL, NULL, true, 1, "1" TIMES});
    rows_free(rw, n);

    pk_scene *sc = pk_chart_end(c, title, note);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&tmp);
    return sc;
}
