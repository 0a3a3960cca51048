/* history.c: pay and employment over the OEWS releases a pack holds (the record's history):
 * one point per release at its year, the median as a line over the middle half (25th-75th)
 * for pay, a gap where a release gives no figure ("n/a", or "top-coded" where BLS publishes
 * only that the figure is at or above its top code), nominal dollars said on the chart, and
 * the BLS caveat on comparisons over time in the note. Part of charts/. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/frame.h"
#include "data/fmt.h"
#include "data/history.h"
#include "data/say.h"

/* The releases a history knows, points and notes, by year: what the x axis shows. */
typedef struct rel {
    long year;
    const pk_hist_point *pt; /* NULL: the release gave no point (a note says why) */
} rel;

enum { MAX_RELEASES = 64 };

static size_t releases(const pk_record *r, rel out[MAX_RELEASES])
{
    const pk_history *h = &r->history;
    size_t n = 0;
    for (size_t i = 0; i < h->n_points && n < MAX_RELEASES; i++)
        out[n++] = (rel){h->points[i].year, &h->points[i]};
    for (size_t i = 0; i < h->n_notes && n < MAX_RELEASES; i++) {
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++) seen = out[k].year == h->notes[i].year;
        if (!seen) out[n++] = (rel){h->notes[i].year, NULL};
    }
    /* by year (a handful: insertion sort) */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && out[k - 1].year > out[k].year; k--) {
            rel t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    return n;
}

/* "May 2015": the release's name, from its point or, for a release without one, the registry's
 * entry for the source its note names; else its year. */
static void rel_name(pk_buf *b, const pk_record *r, const pk_sources *s, const rel *x)
{
    if (x->pt) {
        pk_hist_release(b, x->pt);
        return;
    }
    for (size_t k = 0; k < r->history.n_notes; k++) {
        const pk_source *src = r->history.notes[k].year == x->year
                                   ? pk_sources_find(s, r->history.notes[k].source)
                                   : NULL;
        if (src) {
            pk_hist_release_name(b, src->release, x->year);
            return;
        }
    }
    pk_buf_printf(b, "%ld", x->year);
}

/* The pay series the chart draws: annual, or hourly where BLS publishes hourly wages only. */
static pk_series pay_series(const pk_record *r)
{
    return r->wages.hourly_only ? PK_SERIES_HOURLY : PK_SERIES_MEDIAN;
}

static bool has_data_wage_history(const pk_record *r)
{
    return r->history.present && pk_hist_count(r, pay_series(r)) >= 2;
}

static bool has_data_employment_history(const pk_record *r)
{
    return r->history.present && pk_hist_count(r, PK_SERIES_EMPLOYMENT) >= 2;
}

static void value_label(pk_buf *b, const pk_figure *f)
{
    if (f->unit == PK_UNIT_USD_HOUR) pk_fmt_usd(b, f->value, 2, PK_FMT_MINUS);
    else if (f->unit == PK_UNIT_USD) pk_fmt_usd(b, f->value, 0, PK_FMT_COMPACT | PK_FMT_MINUS);
    else pk_chart_count_compact(b, f->value, PK_FMT_MINUS);
}

/* A round step for about four gridlines up to vmax. */
static double nice_step(double vmax)
{
    double raw = vmax / 4, mag = pow(10, floor(log10(raw > 0 ? raw : 1)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

static pk_scene *build_history(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                               const pk_chart_style *st, bool pay)
{
    rel rs[MAX_RELEASES];
    size_t n = releases(r, rs);
    pk_series ser = pay ? pay_series(r) : PK_SERIES_EMPLOYMENT;
    bool band = pay && ser == PK_SERIES_MEDIAN;
    bool hourly = ser == PK_SERIES_HOURLY;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, note = PK_BUF_INIT, range = PK_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        if (rs[i].pt) pk_chart_add_source(c, rs[i].pt->source);
        else
            for (size_t k = 0; k < r->history.n_notes; k++)
                if (r->history.notes[k].year == rs[i].year)
                    pk_chart_add_source(c, r->history.notes[k].source);
    rel_name(&range, r, s, &rs[0]);
    pk_buf_adds(&range, EN_DASH);
    rel_name(&range, r, s, &rs[n - 1]);

    pk_buf_printf(&t, pay ? "Pay of %s over time" : "Employment of %s over time", r->title);
    char *title = pk_buf_take(&t);
    if (pay)
        pk_buf_printf(&t, "%s, U.S., %s " MIDDOT " nominal dollars, not adjusted for inflation",
                      hourly ? "Median hourly wage" : "Median annual wage and middle half",
                      range.data);
    else
        pk_buf_printf(&t, "Wage and salary jobs, U.S., %s, one estimate per release",
                      range.data);
    pk_chart_header(c, title, t.data);

    /* the note: what is drawn, what n/a means, the caveat */
    if (band) pk_buf_adds(&note, "The line is the median; the band the middle half (25th" EN_DASH
                                 "75th percentile). ");
    bool any_gap = false, any_top = false;
    for (size_t i = 0; i < n; i++) {
        const pk_hist_point *pt = rs[i].pt;
        if (pt && pk_hist_fig(pt, ser)->status == PK_FIG_OK) continue;
        if (pt && pk_hist_top_coded(pt, ser)) any_top = true;
        else any_gap = true;
    }
    if (any_gap) pk_buf_adds(&note, "n/a: the release has no figure for this occupation's code. ");
    if (any_top) pk_buf_adds(&note, "Top-coded (top): BLS publishes only that it is at or above "
                                    "its top code. ");
    /* whom the series describes: the code the current release publishes it under, which every
       point shares (a point of another code is none: the importer gives a note instead) */
    const pk_figure *cur[] = {&r->wages.median, &r->wages.employment, &r->wages.hourly.median};
    const pk_scope *whom = pk_scope_of(cur, 3);
    if (whom && whom->kind != PK_SCOPE_TASK && rs[n - 1].pt) {
        pk_buf who = PK_BUF_INIT;
        pk_hist_who(&who, s, rs[n - 1].pt->source);
        pk_say_scope(&note, whom, who.data, pay ? "pay" : "employment");
        pk_buf_addc(&note, ' ');
        pk_buf_fini(&who);
    }
    pk_buf_adds(&note, PK_OEWS_TIME_CAVEAT);
    pk_chart_footer(c, note.data);

    /* the scale: from zero, to a round step above the largest value drawn */
    double vmax = 0;
    for (size_t i = 0; i < n; i++) {
        const pk_hist_point *pt = rs[i].pt;
        if (!pt) continue;
        const pk_figure *f = pk_hist_fig(pt, ser);
        if (f->status == PK_FIG_OK && f->value > vmax) vmax = f->value;
        if (band && pt->p75.status == PK_FIG_OK && pt->p75.value > vmax) vmax = pt->p75.value;
    }
    if (vmax <= 0) vmax = 1;
    double step = nice_step(vmax), top = ceil(vmax / step) * step;
    int fr = st->font, fb = st->font_bold;
    double sz = st->small_size, lab = st->text_size;
    /* the plot: room for the axis labels left and the years below */
    pk_buf_reset(&t);
    pk_figure probe = {.status = PK_FIG_OK, .unit = pay ? (hourly ? PK_UNIT_USD_HOUR : PK_UNIT_USD)
                                                        : PK_UNIT_COUNT, .value = top};
    value_label(&t, &probe);
    double axis_w = text_w(c, fr, sz, t.data, t.len) + 8;
    double px0 = c->x0 + axis_w, px1 = c->x1 - 24;
    double year_h = box_h(c, fr, sz);
    double py1 = c->bottom - year_h - 8, py0 = c->top + box_h(c, fb, lab) + 6;
    pk_chart_need(c, 120);
    if (py1 - py0 < 40) py0 = py1 - 40;
    /* the first and last releases sit half a year label in from the plot's ends, so that their
       years stay clear of the axis labels */
    double yw = text_w(c, fr, sz, "0000", 4);
    double qx0 = px0 + yw / 2 + 6, qx1 = px1 - yw / 2;
    long y0 = rs[0].year, y1 = rs[n - 1].year;
    double span = y1 > y0 ? (double)(y1 - y0) : 1;
#define XOF(year) (n == 1 ? (qx0 + qx1) / 2 : qx0 + ((double)((year) - y0)) / span * (qx1 - qx0))
#define YOF(v) (py1 - (v) / top * (py1 - py0))

    /* alt text: every release, in order */
    pk_buf_printf(&c->alt, "%s of ", pay ? (hourly ? "Median hourly wage" : "Median annual wage")
                                         : "Wage and salary jobs");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_printf(&c->alt, ", U.S., by OEWS release%s: ",
                  pay ? ", in nominal dollars (not adjusted for inflation)" : "");
    for (size_t i = 0; i < n; i++) {
        if (i) pk_buf_adds(&c->alt, "; ");
        const pk_hist_point *pt = rs[i].pt;
        rel_name(&c->alt, r, s, &rs[i]);
        pk_buf_addc(&c->alt, ' ');
        const pk_figure *f = pt ? pk_hist_fig(pt, ser) : NULL;
        if (f && f->status == PK_FIG_OK) {
            pk_fmt_figure(&c->alt, f, hourly ? 2 : 0, 0);
            if (band && pt->p25.status == PK_FIG_OK && pt->p75.status == PK_FIG_OK) {
                pk_buf_adds(&c->alt, " (middle half ");
                pk_fmt_figure(&c->alt, &pt->p25, 0, 0);
                pk_buf_adds(&c->alt, " to ");
                pk_fmt_figure(&c->alt, &pt->p75, 0, 0);
                pk_buf_addc(&c->alt, ')');
            }
        } else if (pt && pk_hist_top_coded(pt, ser)) {
            pk_buf_adds(&c->alt, "top-coded (no figure)");
        } else {
            pk_buf_adds(&c->alt, "not available");
        }
    }
    pk_buf_adds(&c->alt, ". Drawn to scale from ");
    probe.value = 0;
    pk_buf_reset(&t);
    value_label(&t, &probe);
    pk_buf_adds(&c->alt, t.data);
    pk_buf_adds(&c->alt, " to ");
    probe.value = top;
    pk_buf_reset(&t);
    value_label(&t, &probe);
    pk_buf_adds(&c->alt, t.data);
    pk_buf_adds(&c->alt, ", gridlines at");
    for (double v = 0; v <= top + step / 2; v += step) {
        probe.value = v;
        pk_buf_reset(&t);
        value_label(&t, &probe);
        pk_buf_printf(&c->alt, "%s %s", v > 0 ? "," : "", t.data);
    }
    pk_buf_adds(&c->alt, ".");

    /* gridlines and their labels */
    pk_scene_group(c->s, "grid");
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = YOF(v);
        pk_scene_line(c->s, px0, y, px1, y, v == 0 ? st->ink : st->grid, v == 0 ? 1 : 0.75, 0);
        probe.value = v;
        pk_buf_reset(&t);
        value_label(&t, &probe);
        pk_scene_text(c->s, px0 - 6, centred_baseline(c, fr, sz, y), fr, sz, st->muted,
                      PK_ANCHOR_END, t.data);
    }
    pk_scene_ungroup(c->s);

    /* the band and the line, in runs of consecutive releases that have the figure: a release
       without it is a gap */
    pk_scene_group(c->s, "series");
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rs[j].pt && pk_hist_fig(rs[j].pt, ser)->status == PK_FIG_OK) j++;
        if (j > i + 1 && band) {
            /* the band where the run has both quartiles */
            double pts[4 * MAX_RELEASES];
            size_t k = i;
            while (k < j) {
                size_t m = k;
                while (m < j && rs[m].pt->p25.status == PK_FIG_OK &&
                       rs[m].pt->p75.status == PK_FIG_OK)
                    m++;
                if (m > k + 1) {
                    size_t np = 0;
                    for (size_t q = k; q < m; q++) {
                        pts[np++] = XOF(rs[q].year);
                        pts[np++] = YOF(rs[q].pt->p75.value);
                    }
                    for (size_t q = m; q-- > k;) {
                        pts[np++] = XOF(rs[q].year);
                        pts[np++] = YOF(rs[q].pt->p25.value);
                    }
                    pk_scene_path(c->s, pts, np / 2, true, st->accent_light, PK_NONE, 0);
                }
                k = m > k ? m : k + 1;
            }
        }
        for (size_t k = i; k + 1 < j; k++) {
            double xa = XOF(rs[k].year), xb = XOF(rs[k + 1].year);
            const pk_figure *fa = pk_hist_fig(rs[k].pt, ser), *fb2 = pk_hist_fig(rs[k + 1].pt, ser);
            /* releases years apart (none in between in the data): dashed */
            double dash = rs[k + 1].year - rs[k].year > 1 ? 4 : 0;
            pk_scene_line(c->s, xa, YOF(fa->value), xb, YOF(fb2->value), st->accent, 2.5, dash);
        }
        for (size_t k = i; k < j; k++) {
            const pk_figure *f = pk_hist_fig(rs[k].pt, ser);
            double x = XOF(rs[k].year), y = YOF(f->value), rr = 4;
            double pts[] = {x - rr, y, x, y - rr, x + rr, y, x, y + rr};
            pk_scene_path(c->s, pts, 4, true, st->accent, st->background, 1);
        }
        i = j > i ? j : i + 1;
    }
    pk_scene_ungroup(c->s);

    /* labels: each release's year below the axis, its value above its point (every other one
       where they would crowd), "n/a" or "top-coded" at a gap */
    pk_scene_group(c->s, "labels");
    double min_dx = 1e9;
    for (size_t i = 0; i + 1 < n; i++) {
        double dx = XOF(rs[i + 1].year) - XOF(rs[i].year);
        if (dx < min_dx) min_dx = dx;
    }
    double widest = 0;
    for (size_t i = 0; i < n; i++) {
        const pk_hist_point *pt = rs[i].pt;
        pk_buf_reset(&t);
        if (!pt || pk_hist_fig(pt, ser)->status != PK_FIG_OK) continue; /* gap marks: rows */
        value_label(&t, pk_hist_fig(pt, ser));
        double w = text_w(c, fb, lab, t.data, t.len);
        if (w > widest) widest = w;
    }
    size_t every = 1;
    while (every < n && min_dx * (double)every < widest + 6) every++;
    size_t every_year = 1;
    while (every_year < n && min_dx * (double)every_year < yw + 6) every_year++;
    /* where releases crowd (a phone), the top-coded mark says "top" (the note says what) */
    bool crowded = min_dx < text_w(c, fr, sz, "top-coded", 9) + 6;
    const char *top_word = crowded ? "top" : "top-coded";
    unsigned gap_row = 0;
    /* labelled: every `every`-th release counted back from the last, which is always labelled;
       a gap's mark always (it is small and sits at the axis) */
    for (size_t i = 0; i < n; i++) {
        double x = XOF(rs[i].year);
        if ((n - 1 - i) % every_year == 0) {
            pk_buf_reset(&t);
            pk_buf_printf(&t, "%ld", rs[i].year);
            pk_scene_text(c->s, x, py1 + 8 + ascent(c, fr, sz), fr, sz, st->ink,
                          PK_ANCHOR_MIDDLE, t.data);
        }
        const pk_hist_point *pt = rs[i].pt;
        const pk_figure *f = pt ? pk_hist_fig(pt, ser) : NULL;
        bool has = f && f->status == PK_FIG_OK;
        if (has && (n - 1 - i) % every != 0) continue;
        pk_buf_reset(&t);
        double y;
        if (has) {
            value_label(&t, f);
            double yt = YOF(f->value);
            if (band && pt->p75.status == PK_FIG_OK) yt = fmin(yt, YOF(pt->p75.value));
            y = yt - 8 - descent(c, fb, lab);
        } else {
            pk_buf_adds(&t, pt && pk_hist_top_coded(pt, ser) ? top_word : "n/a");
            /* neighbouring marks on two rows, so that they never touch */
            y = py1 - 8 - descent(c, fr, sz) -
                (crowded ? (double)(gap_row++ % 2) * (box_h(c, fr, sz) + 2) : 0);
        }
        pk_anchor a = PK_ANCHOR_MIDDLE;
        double w = text_w(c, has ? fb : fr, has ? lab : sz, t.data, t.len);
        /* at the plot's edges the label runs inward, clear of the axis labels */
        if (x - w / 2 < px0) a = PK_ANCHOR_START, x = fmax(x - 4, px0 - 4);
        else if (x + w / 2 > c->x1) a = PK_ANCHOR_END, x = c->x1;
        pk_scene_text(c->s, x, y, has ? fb : fr, has ? lab : sz, has ? st->ink : st->muted, a,
                      t.data);
    }
    pk_scene_ungroup(c->s);
#undef XOF
#undef YOF

    /* the summary: the first and the last figure */
    const pk_hist_point *pa = NULL, *pb = NULL;
    for (size_t i = 0; i < n; i++)
        if (rs[i].pt && pk_hist_fig(rs[i].pt, ser)->status == PK_FIG_OK) {
            if (!pa) pa = rs[i].pt;
            pb = rs[i].pt;
        }
    pk_buf_reset(&t);
    if (pa && pb) {
        pk_fmt_figure(&t, pk_hist_fig(pa, ser), hourly ? 2 : 0, 0);
        pk_buf_adds(&t, " in ");
        pk_hist_release(&t, pa);
        pk_buf_adds(&t, " to ");
        pk_fmt_figure(&t, pk_hist_fig(pb, ser), hourly ? 2 : 0, 0);
        pk_buf_adds(&t, " in ");
        pk_hist_release(&t, pb);
    }
    pk_chart_summary(c, pay ? "Median pay of " : "Wage and salary jobs in ", "this occupation",
                     pay ? ", nominal dollars: %s." : ": %s.", t.data);
    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&note);
    pk_buf_fini(&range);
    return sc;
}

pk_scene *pk_chart_build_wage_history(const pk_record *r, const pk_sources *s,
                                      const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    return build_history(r, s, fonts, st, true);
}

pk_scene *pk_chart_build_employment_history(const pk_record *r, const pk_sources *s,
                                            const pk_fonts *fonts, const pk_chart_style *st,
                                            pk_diag *d)
{
    (void)d;
    return build_history(r, s, fonts, st, false);
}

bool pk_chart_has_wage_history(const pk_record *r)
{
    return has_data_wage_history(r);
}

bool pk_chart_has_employment_history(const pk_record *r)
{
    return has_data_employment_history(r);
}
