/* charts.c: the registry of charts (see charts.h) and the charts of the seed page's AI, outlook,
 * wage, industry and quadrant sections, with the layout tools only they use: labels spread along
 * a line so they never overlap, and labels placed greedily around points. Every number drawn goes
 * through data/fmt.h in its compact or graphic form and, in its AP form, into the scene's alt
 * text, so the alt text says all the chart says. Shared parts are in frame.c. */
#include "charts/frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/fmt.h"
#include "data/say.h"
#include "data/text.h"

enum {
    MAX_INDUSTRIES = 8 /* bars on the industries chart: more would be too thin to read */
};

/* ---- numbers ---- */

/* A wage for a label: "$66K", "$239K+" when top-coded; an hourly one "$23.33". */
static void usd_label(pk_buf *b, const pk_figure *f)
{
    if (f->unit == PK_UNIT_USD_HOUR)
        pk_fmt_usd(b, f->value, 2, PK_FMT_MINUS);
    else
        pk_fmt_usd(b, f->value, 0, PK_FMT_COMPACT | PK_FMT_MINUS);
    if (f->status == PK_FIG_TOPCODED) pk_buf_addc(b, '+');
}

/* The sentence on whom the figures describe (data/say.h), appended to a chart's note. */
static void scope_note(pk_buf *note, const pk_sources *s, const pk_scope *sc, const char *src,
                       const char *what)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    pk_buf who = PK_BUF_INIT;
    pk_source_labels(&who, s, src);
    if (note->len) pk_buf_addc(note, ' ');
    pk_say_scope(note, sc, who.data, what);
    pk_buf_fini(&who);
}

/* A figure's percentile: the value of a `percentile` figure, else the rank it carries; < 0 when
 * there is none. */
static double fig_percentile(const pk_figure *f)
{
    if (!pk_fig_has(f)) return -1;
    if (f->unit == PK_UNIT_PERCENTILE) return f->value;
    return f->percentile;
}

/* ---- labels on a line and around points ---- */

/* Spreads n labels of widths w[], wanting centres want[] (in increasing order), along [lo, hi]
 * with at least `gap` between neighbours, moving them as little as possible: touching labels form
 * a cluster placed where its members' squared displacements are least. Writes the centres to
 * cx[]; returns false when the labels are wider than the space (then some overlap or leave it). */
static bool spread(const double *want, const double *w, double *cx, size_t n, double gap, double lo,
                   double hi)
{
    typedef struct cluster {
        size_t first, n;
        double start, width;
    } cluster;
    cluster *cl = pk_xmalloc((n ? n : 1) * sizeof *cl);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        cl[m] = (cluster){i, 1, want[i] - w[i] / 2, w[i]};
        cl[m].start = clamp(cl[m].start, lo, hi - cl[m].width);
        m++;
        while (m > 1 && cl[m - 2].start + cl[m - 2].width + gap > cl[m - 1].start) {
            cluster *a = &cl[m - 2];
            a->n += cl[m - 1].n;
            a->width += gap + cl[m - 1].width;
            double sum = 0, off = 0;
            for (size_t k = a->first; k < a->first + a->n; k++) {
                sum += want[k] - (off + w[k] / 2);
                off += w[k] + gap;
            }
            a->start = sum / (double)a->n;
            if (a->start + a->width > hi) a->start = hi - a->width;
            if (a->start < lo) a->start = lo;
            m--;
        }
    }
    bool fits = true;
    for (size_t j = 0; j < m; j++) {
        double x = cl[j].start;
        for (size_t k = cl[j].first; k < cl[j].first + cl[j].n; k++) {
            cx[k] = x + w[k] / 2;
            x += w[k] + gap;
        }
        if (cl[j].start + cl[j].width > hi + 1e-6 || cl[j].start < lo - 1e-6) fits = false;
    }
    free(cl);
    return fits;
}

typedef struct box {
    double x, y, w, h;
} box;

static bool box_hit(box a, box b, double pad)
{
    return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad &&
           b.y < a.y + a.h + pad;
}

static bool box_inside(box a, box frame)
{
    return a.x >= frame.x && a.y >= frame.y && a.x + a.w <= frame.x + frame.w &&
           a.y + a.h <= frame.y + frame.h;
}

/* A straight line drawn on a chart: a label's leader. */
typedef struct seg {
    double x1, y1, x2, y2;
} seg;

/* What is already on a chart that a label must not cover: boxes (placed labels, marks), guide
 * lines (boxes a label keeps off but a leader may cross, as a leader crosses a dashed axis) and
 * the leaders drawn so far (which no label covers and no other leader crosses). */
typedef struct taken {
    box *v;
    size_t n, cap;
    size_t n_marks; /* v[0 .. n_marks): the marks (dots), taken before any label */
    box *guides;
    size_t n_guides, cap_guides;
    seg *leaders;
    size_t n_leaders, cap_leaders;
} taken;

static void take(taken *t, box b)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->v = pk_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = b;
}

static void take_guide(taken *t, box b)
{
    if (t->n_guides == t->cap_guides) {
        t->cap_guides = t->cap_guides ? 2 * t->cap_guides : 4;
        t->guides = pk_xrealloc(t->guides, t->cap_guides * sizeof *t->guides);
    }
    t->guides[t->n_guides++] = b;
}

static void take_leader(taken *t, seg l)
{
    if (t->n_leaders == t->cap_leaders) {
        t->cap_leaders = t->cap_leaders ? 2 * t->cap_leaders : 8;
        t->leaders = pk_xrealloc(t->leaders, t->cap_leaders * sizeof *t->leaders);
    }
    t->leaders[t->n_leaders++] = l;
}

static void taken_fini(taken *t)
{
    free(t->v);
    free(t->guides);
    free(t->leaders);
    *t = (taken){0};
}

/* true when segment l passes through box b grown by pad on every side (Liang-Barsky: the part
 * of the line inside each slab, intersected) */
static bool seg_hits_box(seg l, box b, double pad)
{
    double t0 = 0, t1 = 1, d[2] = {l.x2 - l.x1, l.y2 - l.y1}, o[2] = {l.x1, l.y1};
    double lo[2] = {b.x - pad, b.y - pad}, hi[2] = {b.x + b.w + pad, b.y + b.h + pad};
    for (int k = 0; k < 2; k++) {
        if (fabs(d[k]) < 1e-12) {
            if (o[k] < lo[k] || o[k] > hi[k]) return false;
            continue;
        }
        double a = (lo[k] - o[k]) / d[k], z = (hi[k] - o[k]) / d[k];
        if (a > z) {
            double tmp = a;
            a = z;
            z = tmp;
        }
        t0 = a > t0 ? a : t0;
        t1 = z < t1 ? z : t1;
        if (t0 > t1) return false;
    }
    return true;
}

static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* true when segments a and b cross (touching at an end counts) */
static bool seg_cross(seg a, seg b)
{
    double d1 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
    double d2 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
    double d3 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
    double d4 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    /* collinear or touching: boxes of the two overlap on the line */
    box ba = {fmin(a.x1, a.x2), fmin(a.y1, a.y2), fabs(a.x2 - a.x1), fabs(a.y2 - a.y1)};
    return (d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0) && seg_hits_box(b, ba, 0);
}

static bool is_free(const taken *t, box b, double pad)
{
    for (size_t i = 0; i < t->n; i++)
        if (box_hit(t->v[i], b, pad)) return false;
    for (size_t i = 0; i < t->n_guides; i++)
        if (box_hit(t->guides[i], b, pad)) return false;
    for (size_t i = 0; i < t->n_leaders; i++)
        if (seg_hits_box(t->leaders[i], b, pad)) return false;
    return true;
}

/* true when leader l, from a dot at (px, py), goes clear of every taken box but that dot's own
 * and crosses no leader drawn before; `loose`, it may pass over other marks and cross leaders,
 * never run through a label */
static bool leader_free(const taken *t, seg l, double px, double py, bool loose)
{
    for (size_t i = loose ? t->n_marks : 0; i < t->n; i++) {
        box b = t->v[i];
        bool own_dot = px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h;
        if (!own_dot && seg_hits_box(l, b, 1)) return false;
    }
    for (size_t i = 0; !loose && i < t->n_leaders; i++)
        if (seg_cross(l, t->leaders[i])) return false;
    return true;
}

/* true when box b is no nearer any mark than the one at (px, py): a label without a leader is
 * read as the nearest dot's */
static bool nearest_to(const taken *t, box b, double px, double py)
{
    double own = -1, other = -1;
    for (size_t i = 0; i < t->n_marks; i++) {
        box m = t->v[i];
        double cx = m.x + m.w / 2, cy = m.y + m.h / 2;
        double d = hypot(clamp(cx, b.x, b.x + b.w) - cx, clamp(cy, b.y, b.y + b.h) - cy);
        bool its = px >= m.x && px <= m.x + m.w && py >= m.y && py <= m.y + m.h;
        if (its && (own < 0 || d < own)) own = d;
        if (!its && (other < 0 || d < other)) other = d;
    }
    return own >= 0 && (other < 0 || own < other);
}

/* Places a paragraph label beside a point (px, py) marked with a dot of radius r: right, left,
 * above, below, then the diagonals, the first position inside `frame` that touches nothing taken.
 * With reach > 0, positions further out (steps of 16 pt up to reach, in sixteen directions) are
 * tried next, joined to the dot by a leader line that passes through no other label or dot and
 * crosses no other leader. With `loose`, where no such position is free, one whose leader passes
 * over other dots and crosses other leaders (never runs through a label) is taken: for a label
 * the chart cannot do without, or a dot in a cluster of touching dots, which no strict leader can
 * leave. With `bare`, the positions further out have no leader: the nearest free place nearer its
 * dot than any other, for a dot's number that no leader can reach without running through a
 * label. Both count in the scene's labels_loose. Draws the label and takes its box (and its
 * leader); false (nothing drawn) when no position is free. */
static bool place_label(pk_chart *c, taken *t, box frame, double px, double py, double r,
                        const pk_para *p, int font, double size, pk_rgba color, double reach,
                        bool loose, bool bare)
{
    double w = para_w(p), h = pk_chart_para_h(c, p, font, size), gap = 4;
    const struct {
        double ux, uy;
        pk_anchor a;
    } dir[] = {{1, 0, PK_ANCHOR_START},
               {-1, 0, PK_ANCHOR_END},
               {0, -1, PK_ANCHOR_MIDDLE},
               {0, 1, PK_ANCHOR_MIDDLE},
               {1, -1, PK_ANCHOR_START},
               {-1, -1, PK_ANCHOR_END},
               {1, 1, PK_ANCHOR_START},
               {-1, 1, PK_ANCHOR_END},
               /* further out only, on a leader: the directions between those, by a corner */
               {0.92, -0.38, PK_ANCHOR_START},
               {-0.92, -0.38, PK_ANCHOR_END},
               {0.92, 0.38, PK_ANCHOR_START},
               {-0.92, 0.38, PK_ANCHOR_END},
               {0.38, -0.92, PK_ANCHOR_START},
               {-0.38, -0.92, PK_ANCHOR_END},
               {0.38, 0.92, PK_ANCHOR_START},
               {-0.38, 0.92, PK_ANCHOR_END}};
    const size_t near_dirs = 8, n_dirs = sizeof dir / sizeof dir[0];
    for (int pass = 0; pass < (loose ? 2 : 1); pass++)
        for (double far = 0; far <= reach; far += 16) {
            if (pass == 1 && far == 0) continue; /* no leader: the first pass tried these */
            double side = r + gap + far;
            for (size_t k = 0; k < (far > 0 ? n_dirs : near_dirs); k++) {
                /* the box's near edge (or corner) at `side` from the point, in direction k */
                double bx = px + dir[k].ux * side, by = py + dir[k].uy * side;
                bx -= dir[k].ux > 0 ? 0 : dir[k].ux < 0 ? w : w / 2;
                by -= dir[k].uy > 0 ? 0 : dir[k].uy < 0 ? h : h / 2;
                box b = {bx, by, w, h};
                if (!box_inside(b, frame) || !is_free(t, b, 2)) continue;
                if (bare && far > 0 && !nearest_to(t, b, px, py)) continue;
                pk_anchor a = dir[k].a;
                double x = a == PK_ANCHOR_START ? b.x : a == PK_ANCHOR_END ? b.x + w : b.x + w / 2;
                if (bare && far > 0) c->s->labels_loose++;
                /* a leader from the dot's edge to the nearest point of the box */
                if (far > 0 && !bare) {
                    double nx = clamp(px, b.x, b.x + w), ny = clamp(py, b.y, b.y + h);
                    double dx = nx - px, dy = ny - py, len = sqrt(dx * dx + dy * dy);
                    if (len > r + 4) {
                        seg l = {px + dx / len * (r + 1), py + dy / len * (r + 1),
                                 nx - dx / len * 2, ny - dy / len * 2};
                        if (!leader_free(t, l, px, py, pass == 1)) continue;
                        if (pass == 1 && !leader_free(t, l, px, py, false)) c->s->labels_loose++;
                        pk_scene_line(c->s, l.x1, l.y1, l.x2, l.y2, c->st->muted, 0.75, 0);
                        take_leader(t, l);
                    }
                }
                /* a knockout in the background colour keeps the frame's dashed lines out of the
                 * letters */
                pk_scene_rect(c->s, b.x - 1, b.y, w + 2, h, c->st->background, PK_NONE, 0);
                pk_chart_draw_para(c, p, x, b.y, a, font, size, color);
                take(t, b);
                return true;
            }
        }
    return false;
}

static void dot(pk_chart *c, double x, double y, double r, pk_rgba fill, pk_rgba stroke, double sw)
{
    enum { N = 24 };
    double pts[2 * N];
    for (int i = 0; i < N; i++) {
        double a = 2 * 3.14159265358979323846 * i / N;
        pts[2 * i] = x + r * cos(a);
        pts[2 * i + 1] = y + r * sin(a);
    }
    pk_scene_path(c->s, pts, N, true, fill, stroke, sw);
}

/* ===================================================================================== */
/* wages: the percentile band                                                             */
/* ===================================================================================== */

/* The wage scale leaves out $0 when the lowest wage drawn is more than WAGE_BREAK of the highest
 * and at least WAGE_BREAK_MIN a year (WAGE_BREAK_MIN_HOURLY an hour): far from $0, where the empty
 * left part would be most of the chart. Nearer $0 the distance from it is the story (pay bunched
 * near the floor) and the scale starts at $0. */
#define WAGE_BREAK 0.4
#define WAGE_BREAK_MIN 50000
#define WAGE_BREAK_MIN_HOURLY 24

typedef struct wage_mark {
    const char *name;  /* the label under the value: "10th", "Median" */
    const char *prose; /* the alt text's words: "10th percentile", "median" */
    const pk_figure *f;
} wage_mark;

/* The percentiles of w in order (the hourly ones when BLS publishes only those); present[]
 * says which have a value. Returns how many do. */
static size_t wage_marks(const pk_wages *w, wage_mark all[5], bool present[5])
{
    const pk_hourly *h = &w->hourly;
    bool hr = w->hourly_only;
    all[0] = (wage_mark){"10th", "10th percentile", hr ? &h->p10 : &w->p10};
    all[1] = (wage_mark){"25th", "25th percentile", hr ? &h->p25 : &w->p25};
    all[2] = (wage_mark){"Median", "median", hr ? &h->median : &w->median};
    all[3] = (wage_mark){"75th", "75th percentile", hr ? &h->p75 : &w->p75};
    all[4] = (wage_mark){"90th", "90th percentile", hr ? &h->p90 : &w->p90};
    size_t n = 0;
    for (int i = 0; i < 5; i++) {
        present[i] = w->present && pk_fig_has(all[i].f) && all[i].f->value >= 0;
        n += present[i];
    }
    return n;
}

static bool has_data_wages(const pk_record *r)
{
    wage_mark all[5];
    bool present[5];
    return wage_marks(&r->wages, all, present) > 0;
}

static pk_scene *build_wages(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                             const pk_chart_style *st, pk_diag *d)
{
    wage_mark all[5];
    bool present[5];
    if (wage_marks(&r->wages, all, present) == 0) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: chart \"wages\": the record has no wage "
                    "percentiles",
                    r->soc);
        return NULL;
    }
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, tmp = PK_BUF_INIT, note = PK_BUF_INIT;

    /* which marks are drawn, in order; which source dates them */
    wage_mark m[5];
    size_t n = 0;
    const char *src0 = NULL;
    bool topcoded = false;
    double vmax = 0;
    for (int i = 0; i < 5; i++) {
        if (!present[i]) continue;
        m[n++] = all[i];
        pk_chart_add_source(c, all[i].f->source);
        if (!src0 || i == 2) src0 = all[i].f->source;
        if (all[i].f->status == PK_FIG_TOPCODED) topcoded = true;
        if (all[i].f->value > vmax) vmax = all[i].f->value;
    }

    const pk_wages *w = &r->wages;
    const char *kind = w->hourly_only ? "Hourly" : "Annual";
    /* title, subtitle */
    pk_buf_adds(&t, "What ");
    pk_buf_adds(&t, r->title);
    pk_buf_adds(&t, " earn");
    char *title = pk_buf_take(&t);
    pk_buf_printf(&t, "%s wages by percentile, U.S.", kind);
    const char *rel = pk_chart_release_of(s, src0, &tmp);
    if (rel) pk_buf_printf(&t, ", %s", rel);
    pk_chart_header(c, title, t.data);

    /* alt text: "Annual wages for X, U.S., May 2024: 10th percentile $36,600; 25th ..." */
    pk_buf_printf(&c->alt, "%s wages for ", kind);
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, ", U.S.");
    if (rel) pk_buf_printf(&c->alt, ", %s", rel);
    pk_buf_adds(&c->alt, ": ");
    bool said = false; /* "percentile" written once: "10th percentile ...; 25th ..." */
    for (size_t i = 0; i < n; i++) {
        if (i) pk_buf_adds(&c->alt, "; ");
        bool median = m[i].f == all[2].f;
        pk_buf_adds(&c->alt, median || !said ? m[i].prose : m[i].name);
        said |= !median;
        pk_buf_addc(&c->alt, ' ');
        pk_fmt_figure(&c->alt, m[i].f, w->hourly_only ? -1 : 0, 0);
    }
    /* the scale starts at $0, unless the lowest value drawn is far from it (WAGE_BREAK): then
     * at a round amount below it, with a break on the axis, so that the range fills the chart
     * (docs/charts/README.md) */
    double vmin = vmax;
    for (size_t i = 0; i < n; i++)
        if (m[i].f->value < vmin) vmin = m[i].f->value;
    double base = 0;
    if (vmax > 0 && vmin > WAGE_BREAK * vmax &&
        vmin >= (w->hourly_only ? WAGE_BREAK_MIN_HOURLY : WAGE_BREAK_MIN)) {
        double step = w->hourly_only ? 5 : 10000;
        base = floor((vmin - 0.15 * (vmax - vmin)) / step) * step;
        if (base < 0) base = 0;
    }
    pk_buf_adds(&c->alt, ". Drawn to scale from ");
    pk_fmt_usd(&c->alt, base, 0, 0);
    pk_buf_adds(&c->alt, base > 0 ? " (the scale does not start at $0)." : ".");

    /* the note: what the bands mean (only the bands drawn), top codes, suppressed values */
    bool light = present[0] && present[4], dark = present[1] && present[3];
    pk_buf_reset(&t);
    if (light) pk_buf_adds(&t, "The light band spans the 10th" EN_DASH "90th percentile");
    if (dark)
        pk_buf_adds(&t, light ? "; the darker band is the middle half (25th" EN_DASH "75th)"
                              : "The band is the middle half (25th" EN_DASH "75th percentile)");
    if (present[2])
        pk_buf_adds(&t, light || dark ? "; the line is the median" : "The line is the median");
    if (t.len) {
        pk_buf_adds(&note, t.data);
        pk_buf_adds(&note, ".");
    }
    if (topcoded) {
        /* every top-coded value is the same top code; say it once */
        for (size_t i = 0; i < n; i++) {
            if (m[i].f->status != PK_FIG_TOPCODED) continue;
            if (note.len) pk_buf_addc(&note, ' ');
            pk_buf_adds(&note, LDQUO);
            usd_label(&note, m[i].f);
            pk_buf_adds(&note, RDQUO " is the top value published: ");
            pk_fmt_figure(&note, m[i].f, w->hourly_only ? -1 : 0, 0);
            pk_buf_adds(&note, ".");
            break;
        }
    }
    size_t n_na = 0;
    for (int i = 0; i < 5; i++)
        n_na += w->present && all[i].f->status == PK_FIG_NA;
    if (n_na) {
        /* suppressed by the publisher: said, never drawn as zero */
        if (note.len) pk_buf_addc(&note, ' ');
        pk_buf_adds(&note, "Not available: ");
        size_t k = 0;
        for (int i = 0; i < 5; i++) {
            if (all[i].f->status != PK_FIG_NA) continue;
            if (k) pk_buf_adds(&note, k + 1 == n_na ? " and " : ", ");
            pk_buf_adds(&note, "the ");
            pk_buf_adds(&note, all[i].prose);
            k++;
        }
        pk_buf_adds(&note, ".");
    }
    if (w->hourly_only) {
        if (note.len) pk_buf_addc(&note, ' ');
        pk_buf_adds(&note, "BLS publishes hourly wages only for this occupation.");
    }
    if (base > 0) {
        if (note.len) pk_buf_addc(&note, ' ');
        pk_buf_adds(&note, "The scale starts at ");
        pk_fmt_usd(&note, base, 0, 0);
        pk_buf_adds(&note, ", not $0.");
    }
    scope_note(&note, s, all[2].f->scope ? all[2].f->scope : m[0].f->scope, src0,
               "pay");
    pk_chart_footer(c, note.data);

    /* labels: one per distinct value, so percentiles top-coded at the same $239,200 share one
     * ("$239K+" over "Median · 75th · 90th"): the value (bold) over the names (small), measured */
    int fv = st->font_bold, fn = st->font;
    double sv = st->text_size * 1.25, sn = st->small_size;
    typedef struct wlab {
        size_t first; /* its first mark */
        bool median;  /* it names the median (bold) */
        char *value, *names;
        double w, x, cx;
        int row; /* 0 above the band, 1 below */
    } wlab;
    wlab lab[5] = {0};
    size_t nl = 0;
    double lw_max = 0;
    pk_buf_reset(&t);
    for (size_t i = 0; i < n; i++) {
        if (nl && m[i].f->value == m[lab[nl - 1].first].f->value &&
            m[i].f->status == m[lab[nl - 1].first].f->status) {
            wlab *l = &lab[nl - 1];
            pk_buf_adds(&t, l->names);
            pk_buf_adds(&t, " " MIDDOT " ");
            pk_buf_adds(&t, m[i].name);
            free(l->names);
            l->names = pk_buf_take(&t);
            l->median |= m[i].f == all[2].f;
        } else {
            wlab *l = &lab[nl++];
            l->first = i;
            l->median = m[i].f == all[2].f;
            usd_label(&t, m[i].f);
            l->value = pk_buf_take(&t);
            l->names = pk_xstrdup(m[i].name);
        }
    }
    for (size_t j = 0; j < nl; j++) {
        double a = text_w(c, fv, sv, lab[j].value, strlen(lab[j].value));
        double b =
            text_w(c, lab[j].median ? st->font_bold : fn, sn, lab[j].names, strlen(lab[j].names));
        lab[j].w = a > b ? a : b;
        lw_max = lab[j].w > lw_max ? lab[j].w : lw_max;
    }

    /* the scale: "$0" at the left, then a track to the highest value, so the band's place and
     * width are both to scale; on the right, room for the top label to sit over its mark (and
     * for the "or more" pointer) */
    const double pointer_w = 12;
    pk_buf zero = PK_BUF_INIT;
    pk_fmt_usd(&zero, base, 0, PK_FMT_COMPACT);
    double zero_w = text_w(c, fn, sn, zero.data, zero.len);
    double px0 = c->x0 + zero_w + 8, px1 = c->x1 - fmax(lw_max / 2, topcoded ? pointer_w + 2 : 0);
    if (vmax <= 0) vmax = 1;
    double xs[5] = {0};
    for (size_t i = 0; i < n; i++)
        xs[i] = px0 + (m[i].f->value - base) / (vmax - base) * (px1 - px0);
    for (size_t j = 0; j < nl; j++)
        lab[j].x = xs[lab[j].first];

    /* one row above the band when the labels stay over their marks; else alternate above and
     * below, so neighbours a few dollars apart each keep room */
    const double lgap = 10;
    double want[5] = {0}, wid[5] = {0}, out[5] = {0};
    for (size_t j = 0; j < nl; j++)
        want[j] = lab[j].x, wid[j] = lab[j].w;
    bool one_row = spread(want, wid, out, nl, lgap, c->x0, c->x1);
    for (size_t j = 0; j < nl; j++) {
        lab[j].cx = out[j];
        if (fabs(out[j] - want[j]) > wid[j] / 2) one_row = false;
    }
    if (!one_row) {
        for (int rw = 0; rw < 2; rw++) {
            size_t k = 0, idx[5] = {0};
            for (size_t j = 0; j < nl; j++)
                if ((int)(j % 2) == rw) idx[k] = j, want[k] = lab[j].x, wid[k] = lab[j].w, k++;
            spread(want, wid, out, k, lgap, c->x0, c->x1);
            for (size_t q = 0; q < k; q++)
                lab[idx[q]].cx = out[q], lab[idx[q]].row = rw;
        }
    }

    /* vertical layout, centred in the plot area */
    double vh = box_h(c, fv, sv), nh = box_h(c, fn, sn);
    double block = vh + 1 + nh, leader = 12, band_h = 64;
    double total = block + leader + band_h + (one_row ? 0 : leader + block);
    pk_chart_need(c, total);
    double y = c->top + ((c->bottom - c->top) - total) / 2;
    if (y < c->top) y = c->top;
    double band_top = y + block + leader, band_bot = band_top + band_h;

    pk_scene_group(c->s, "bands");
    double mid = band_top + band_h / 2;
    pk_scene_line(c->s, px0 - 4, mid, px1, mid, st->grid, 1, 0);
    pk_scene_text(c->s, c->x0, centred_baseline(c, fn, sn, mid), fn, sn, st->muted, PK_ANCHOR_START,
                  zero.data);
    if (base > 0) { /* the break: two slashes across the axis where it leaves $0 out */
        pk_scene_rect(c->s, px0 - 5, mid - 3, 6, 6, st->background, PK_NONE, 0);
        pk_scene_line(c->s, px0 - 7, mid + 5, px0 - 3, mid - 5, st->muted, 1, 0);
        pk_scene_line(c->s, px0 - 3, mid + 5, px0 + 1, mid - 5, st->muted, 1, 0);
    }
    /* the light band p10-p90 and the darker p25-p75, each only when both ends exist */
    double xp[5] = {0};
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 5; k++)
            if (m[i].f == all[k].f) xp[k] = xs[i];
    if (light)
        pk_scene_rect(c->s, xp[0], band_top, xp[4] - xp[0], band_h, st->accent_light, PK_NONE, 0);
    if (dark) pk_scene_rect(c->s, xp[1], band_top, xp[3] - xp[1], band_h, st->accent, PK_NONE, 0);
    /* "or more": a pointer past the top code */
    for (size_t i = n; i-- > 0;) {
        if (m[i].f->status != PK_FIG_TOPCODED) continue;
        /* only at the end of a band drawn: a pointer off nothing would read as a mark */
        bool on_light = m[i].f == all[4].f && light, on_dark = m[i].f == all[3].f && dark;
        if (on_light || on_dark) {
            double x = xs[i];
            double tri[6] = {x, band_top, x + pointer_w, band_top + band_h / 2, x, band_bot};
            pk_scene_path(c->s, tri, 3, true, on_dark ? st->accent : st->accent_light, PK_NONE, 0);
        }
        break;
    }
    /* the median: ink on a white casing, so it shows on either band and on white */
    if (present[2]) {
        double x = xp[2];
        pk_scene_line(c->s, x, band_top - leader + 2, x, band_bot + (one_row ? 6 : leader - 2),
                      st->background, 6, 0);
        pk_scene_line(c->s, x, band_top - leader + 2, x, band_bot + (one_row ? 6 : leader - 2),
                      st->ink, 3, 0);
    }
    pk_scene_ungroup(c->s);

    pk_scene_group(c->s, "labels");
    double asc_v = ascent(c, fv, sv), desc_v = descent(c, fv, sv);
    double asc_n = ascent(c, fn, sn), desc_n = descent(c, fn, sn);
    for (size_t j = 0; j < nl; j++) {
        const wlab *l = &lab[j];
        /* a leader from the band's edge to the label; the median's own line already reaches it */
        bool leader_line = !l->median || fabs(l->cx - l->x) > 0.5;
        double vb, nb;
        if (l->row == 0) {
            nb = band_top - leader - desc_n;
            vb = nb - asc_n - 1 - desc_v;
            if (leader_line)
                pk_scene_line(c->s, l->x, band_top - 2, l->cx, band_top - leader + 2, st->muted, 1,
                              0);
        } else {
            vb = band_bot + leader + asc_v;
            nb = vb + desc_v + 1 + asc_n;
            if (leader_line)
                pk_scene_line(c->s, l->x, band_bot + 2, l->cx, band_bot + leader - 2, st->muted, 1,
                              0);
        }
        pk_scene_text(c->s, l->cx, vb, fv, sv, st->ink, PK_ANCHOR_MIDDLE, l->value);
        pk_scene_text(c->s, l->cx, nb, l->median ? st->font_bold : fn, sn,
                      l->median ? st->ink : st->muted, PK_ANCHOR_MIDDLE, l->names);
        free(lab[j].value);
        free(lab[j].names);
    }
    pk_scene_ungroup(c->s);

    /* the summary: the median, and the middle half where both ends are drawn */
    {
        int dec = w->hourly_only ? -1 : 0;
        const char *per = w->hourly_only ? " an hour" : " a year";
        pk_buf_reset(&t);
        if (present[2]) {
            pk_buf_adds(&t, ": a median of ");
            pk_fmt_figure(&t, all[2].f, dec, 0);
            pk_buf_adds(&t, per);
            if (present[1] && present[3]) {
                pk_buf_adds(&t, ", the middle half ");
                pk_fmt_figure(&t, all[1].f, dec, 0);
                pk_buf_adds(&t, " to ");
                pk_fmt_figure(&t, all[3].f, dec, 0);
            }
        } else {
            pk_buf_adds(&t, w->hourly_only ? ", by percentile, an hour" : ", by percentile, a year");
        }
        pk_chart_summary(c, "Pay of ", "this occupation", "%s.", t.data);
    }
    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&zero);
    pk_buf_fini(&t);
    pk_buf_fini(&tmp);
    pk_buf_fini(&note);
    return sc;
}

/* ===================================================================================== */
/* projection: employment in the base and target years                                    */
/* ===================================================================================== */

static bool has_data_projection(const pk_record *r)
{
    const pk_outlook *o = &r->outlook;
    return o->present && pk_fig_has(&o->employment_base) && pk_fig_has(&o->employment_target) &&
           o->employment_base.value >= 0 && o->employment_target.value >= 0;
}

static pk_scene *build_projection(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                  const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    const pk_outlook *o = &r->outlook;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, note = PK_BUF_INIT;
    const pk_figure *fig[2] = {&o->employment_base, &o->employment_target};
    long years[2] = {o->base_year, o->target_year};
    bool has_change = pk_fig_has(&o->change);
    bool has_open = pk_fig_has(&o->openings);
    pk_chart_add_source(c, fig[0]->source);
    pk_chart_add_source(c, fig[1]->source);
    if (has_change) pk_chart_add_source(c, o->change.source);
    if (has_open) pk_chart_add_source(c, o->openings.source);

    pk_buf_adds(&t, "Employment outlook for ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    /* AP style: "2024–34", never a grouped year */
    pk_buf range = PK_BUF_INIT;
    pk_fmt_year_range(&range, years[0], years[1]);
    pk_buf_printf(&t,
                  "Projected U.S. employment, %s " MIDDOT " a labor-market forecast, not an AI "
                  "forecast",
                  range.data);
    pk_chart_header(c, title, t.data);
    if (has_open)
        pk_buf_adds(&note, LDQUO "Openings" RDQUO " counts new jobs plus replacements for workers "
                                 "who leave the occupation.");
    scope_note(&note, s, fig[0]->scope, fig[0]->source, "projections");
    pk_chart_footer(c, note.data);

    /* alt text */
    pk_buf_adds(&c->alt, "Projected U.S. employment of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_printf(&c->alt, ", %s: ", range.data);
    pk_fmt_figure(&c->alt, fig[0], 0, 0);
    pk_buf_printf(&c->alt, " in %ld and ", years[0]);
    pk_fmt_figure(&c->alt, fig[1], 0, 0);
    pk_buf_printf(&c->alt, " in %ld", years[1]);
    if (has_change) {
        pk_buf_adds(&c->alt, ", a change of ");
        pk_fmt_figure(&c->alt, &o->change, -1, PK_FMT_PLUS);
        if (o->label) {
            pk_buf_adds(&c->alt, " (");
            pk_chart_add_clean(&c->alt, o->label);
            pk_buf_adds(&c->alt, ")");
        }
    } else if (o->label) {
        pk_buf_adds(&c->alt, ", outlook: ");
        pk_chart_add_clean(&c->alt, o->label);
    }
    if (has_open) {
        pk_buf_adds(&c->alt, "; about ");
        pk_fmt_figure(&c->alt, &o->openings, 0, 0);
        pk_buf_adds(&c->alt, " openings a year");
    }
    pk_buf_adds(&c->alt, ". A labor-market forecast, not an AI forecast.");

    /* the bars: from zero, so a 2% change looks like one */
    int fb = st->font_bold, fr = st->font;
    double sv = st->text_size * 1.25, sy = st->text_size;
    /* two bars and the change beside them; narrower than a page's column (a phone), the bars
     * give up width so that the change keeps about 45% of the plot */
    double k = fmin(1, ((c->x1 - c->x0) * 0.55 - 16) / (2 * 120 + 48 + 64));
    double bar_w = 120 * k, bar_gap = 48 * k, panel_gap = 64 * k;
    double bx = c->x0 + 16;
    double year_h = box_h(c, fr, sy), val_h = box_h(c, fb, sv);
    double base = c->bottom - year_h - 8;
    double maxh = base - (c->top + val_h + 8);
    double vmax = fig[0]->value > fig[1]->value ? fig[0]->value : fig[1]->value;
    if (vmax <= 0) vmax = 1;
    pk_scene_group(c->s, "bars");
    for (int i = 0; i < 2; i++) {
        double h = fig[i]->value / vmax * maxh, x = bx + i * (bar_w + bar_gap);
        /* the projected year: the same blue, lighter, outlined */
        if (i == 0)
            pk_scene_rect(c->s, x, base - h, bar_w, h, st->accent, PK_NONE, 0);
        else
            pk_scene_rect(c->s, x + 0.75, base - h + 0.75, bar_w - 1.5, h - 0.75, st->accent_light,
                          st->accent, 1.5);
    }
    pk_scene_line(c->s, bx - 8, base, bx + 2 * bar_w + bar_gap + 8, base, st->ink, 1, 0);
    pk_scene_ungroup(c->s);
    pk_scene_group(c->s, "labels");
    for (int i = 0; i < 2; i++) {
        double h = fig[i]->value / vmax * maxh, x = bx + i * (bar_w + bar_gap) + bar_w / 2;
        pk_buf_reset(&t);
        pk_chart_count_compact(&t, fig[i]->value, PK_FMT_MINUS);
        if (fig[i]->status == PK_FIG_TOPCODED) pk_buf_addc(&t, '+');
        pk_scene_text(c->s, x, base - h - 8 - descent(c, fb, sv), fb, sv, st->ink, PK_ANCHOR_MIDDLE,
                      t.data);
        pk_buf_reset(&t);
        pk_buf_printf(&t, i == 0 ? "%ld" : "%ld (proj.)", years[i]);
        pk_scene_text(c->s, x, base + 8 + ascent(c, fr, sy), fr, sy, st->ink, PK_ANCHOR_MIDDLE,
                      t.data);
    }

    /* the change, large, beside the bars: vermillion for a decline, dark blue for growth */
    double ax = bx + 2 * bar_w + bar_gap + panel_gap, aw = c->x1 - ax;
    double big = st->title_size * 2;
    pk_para p1 = {0}, p2 = {0}, p3 = {0}, p4 = {0};
    double hsum = 0;
    if (has_change) {
        pk_buf_reset(&t);
        pk_fmt_figure(&t, &o->change, -1, PK_FMT_MINUS | PK_FMT_PLUS);
        /* the figure whole, smaller where the panel is narrow, never cut */
        double w = text_w(c, fb, big, t.data, t.len);
        if (w > aw) big = fmax(st->text_size, big * aw / w);
        pk_chart_wrap(c, fb, big, t.data, aw, 1, &p1);
        hsum += pk_chart_para_h(c, &p1, fb, big) + 6;
    }
    if (o->label) {
        pk_chart_wrap(c, fb, st->text_size, o->label, aw, 2, &p2);
        hsum += pk_chart_para_h(c, &p2, fb, st->text_size) + 6;
    }
    pk_buf_reset(&t);
    pk_buf_printf(&t, "%s employment, %s", has_change ? "Projected change in" : "Projected",
                  range.data);
    int lines = aw < 200 ? 3 : 2; /* a phone's narrow panel wraps more */
    pk_chart_wrap(c, fr, st->text_size, t.data, aw, lines, &p3);
    hsum += pk_chart_para_h(c, &p3, fr, st->text_size);
    if (has_open) {
        pk_buf_reset(&t);
        pk_buf_adds(&t, "About ");
        pk_fmt_figure(&t, &o->openings, 0, 0);
        pk_buf_adds(&t, " openings a year");
        pk_chart_wrap(c, fr, st->text_size, t.data, aw, lines, &p4);
        hsum += 14 + pk_chart_para_h(c, &p4, fr, st->text_size);
    }
    double y = c->top + ((base - c->top) - hsum) / 2;
    if (y < c->top) y = c->top;
    pk_rgba tone = !has_change || o->change.value == 0 ? st->ink
                   : o->change.value < 0               ? st->highlight
                                                       : st->accent_dark;
    if (has_change) y = pk_chart_draw_para(c, &p1, ax, y, PK_ANCHOR_START, fb, big, tone) + 6;
    if (o->label)
        y = pk_chart_draw_para(c, &p2, ax, y, PK_ANCHOR_START, fb, st->text_size, st->ink) + 6;
    y = pk_chart_draw_para(c, &p3, ax, y, PK_ANCHOR_START, fr, st->text_size, st->muted);
    if (has_open)
        pk_chart_draw_para(c, &p4, ax, y + 14, PK_ANCHOR_START, fr, st->text_size, st->ink);
    pk_scene_ungroup(c->s);
    para_fini(&p4);
    para_fini(&p1);
    para_fini(&p2);
    para_fini(&p3);

    pk_buf_reset(&t);
    pk_fmt_figure(&t, fig[0], 0, 0);
    pk_buf_printf(&t, " in %ld to ", years[0]);
    pk_fmt_figure(&t, fig[1], 0, 0);
    pk_buf_printf(&t, " in %ld", years[1]);
    if (has_change) {
        pk_buf_adds(&t, " (");
        pk_fmt_figure(&t, &o->change, -1, PK_FMT_PLUS);
        pk_buf_addc(&t, ')');
    }
    pk_chart_summary(c, "Employment of ", "this occupation", " projected from %s.", t.data);
    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&range);
    pk_buf_fini(&note);
    return sc;
}

/* ===================================================================================== */
/* exposure: each study's percentile                                                      */
/* ===================================================================================== */

static bool study_drawn(const pk_study *sd)
{
    return sd->score.status != PK_FIG_NA && sd->score.status != PK_FIG_ABSENT &&
           pk_fig_rank(&sd->score) >= 0 && sd->label;
}

static bool has_data_exposure(const pk_record *r)
{
    if (!r->exposure.present) return false;
    for (size_t i = 0; i < r->exposure.n_studies; i++)
        if (study_drawn(&r->exposure.studies[i])) return true;
    return false;
}

/* A band's colour: lighter for lower bands, so the order reads without a legend. */
static pk_rgba band_color(const pk_chart_style *st, const char *band)
{
    if (!band) return st->accent;
    if (strstr(band, "ow") && !strstr(band, "oder")) return st->accent_light; /* Low, Very low */
    if (strstr(band, "igh")) return st->accent_dark;                          /* High, Very high */
    return st->accent;
}

static pk_scene *build_exposure(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT;
    const pk_exposure *e = &r->exposure;
    size_t n = 0;
    const pk_study **rows = pk_xmalloc(e->n_studies * sizeof *rows);
    for (size_t i = 0; i < e->n_studies; i++)
        if (study_drawn(&e->studies[i])) {
            rows[n++] = &e->studies[i];
            pk_chart_add_source(c, e->studies[i].score.source);
        }

    pk_buf_adds(&t, "AI exposure of ");
    pk_buf_adds(&t, r->title);
    pk_buf_adds(&t, ", by study");
    char *title = pk_buf_take(&t);
    const char *subtitle =
        "Percentile among U.S. occupations with data (each study's own population)";
    pk_chart_header(c, title, subtitle);
    pk_buf nb = PK_BUF_INIT;
    pk_buf_adds(&nb, "Each study uses its own scale; the percentile is the comparable figure. "
                     "Exposure measures what AI could do in the work, not job loss.");
    /* the studies that score a wider code than this occupation's, said in short */
    size_t wider = 0;
    for (size_t i = 0; i < n; i++) {
        const pk_scope *sc = rows[i]->score.scope;
        if (!pk_scope_disclosed(sc) || !sc->code) continue;
        pk_buf_adds(&nb, wider++ ? "; " : " Scored for a wider code: ");
        pk_source_labels(&nb, s, rows[i]->score.source);
        pk_buf_printf(&nb, " (%s%s%s", sc->system ? sc->system : "", sc->system ? " " : "", sc->code);
        if (sc->occupations > 1) pk_buf_printf(&nb, ", %ld occupations", sc->occupations);
        pk_buf_addc(&nb, ')');
    }
    if (wider) pk_buf_addc(&nb, '.');
    const char *note = nb.data;
    pk_chart_footer(c, note);

    int fr = st->font, fb = st->font_bold;
    double sz = st->text_size, ss = st->small_size, cw = c->x1 - c->x0;

    /* columns: study labels (measured, at most 40% of the width), bars, value labels */
    double lab_w = 0, val_w = 0;
    char **vals = pk_xcalloc(n ? n : 1, sizeof *vals),
         **bands = pk_xcalloc(n ? n : 1, sizeof *bands);
    for (size_t i = 0; i < n; i++) {
        pk_buf_reset(&t);
        pk_chart_add_clean(&t, rows[i]->label);
        double w = text_w(c, fr, sz, t.data, t.len);
        lab_w = w > lab_w ? w : lab_w;
        pk_buf_reset(&t);
        pk_fmt_rank(&t, clamp(rows[i]->score.percentile, 0, 100));
        vals[i] = pk_buf_take(&t);
        double w2 = text_w(c, fb, sz, vals[i], strlen(vals[i]));
        if (rows[i]->score.band) {
            pk_buf_adds(&t, " " MIDDOT " ");
            pk_chart_add_clean(&t, rows[i]->score.band);
            bands[i] = pk_buf_take(&t);
            w2 += text_w(c, fr, sz, bands[i], strlen(bands[i]));
        }
        val_w = w2 > val_w ? w2 : val_w;
    }
    if (lab_w > 0.4 * cw) lab_w = 0.4 * cw;
    if (val_w > 0.25 * cw) val_w = 0.25 * cw;
    double tx0 = c->x0 + lab_w + 16, tx1 = c->x1 - val_w - 8;

    /* rows centred in the plot area, with the 0-50-100 scale under them */
    double tick_h = box_h(c, fr, ss);
    double avail = c->bottom - c->top - tick_h - 8;
    double rh = avail / (double)n;
    if (rh > 52) rh = 52;
    double bh = rh * 0.5 > 22 ? 22 : rh * 0.5;
    double y0 = c->top + (avail - rh * (double)n) / 2;
    double y1 = y0 + rh * (double)n;

    pk_scene_group(c->s, "axis");
    const double ticks[3] = {0, 50, 100};
    for (int k = 0; k < 3; k++) {
        double x = tx0 + ticks[k] / 100 * (tx1 - tx0);
        pk_scene_line(c->s, x, y0, x, y1 + 4, k == 1 ? st->muted : st->grid, 1, k == 1 ? 3 : 0);
        pk_buf_reset(&t);
        pk_fmt_num(&t, ticks[k], 0, 0);
        pk_scene_text(c->s, x, y1 + 8 + ascent(c, fr, ss), fr, ss, st->muted, PK_ANCHOR_MIDDLE,
                      t.data);
    }
    pk_scene_ungroup(c->s);

    pk_buf_adds(&c->alt, "AI exposure of ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, " in each study, as a percentile among U.S. occupations with data (each "
                         "study's own population), on a scale from 0 to 100 with 50 the middle: ");
    pk_scene_group(c->s, "bars");
    for (size_t i = 0; i < n; i++) {
        const pk_figure *f = &rows[i]->score;
        double cy = y0 + rh * ((double)i + 0.5);
        double p = clamp(f->percentile, 0, 100);
        double xe = tx0 + p / 100 * (tx1 - tx0);
        pk_scene_rect(c->s, tx0, cy - bh / 2, xe - tx0, bh, band_color(st, f->band), PK_NONE, 0);
        pk_buf_reset(&t);
        pk_buf bl = PK_BUF_INIT;
        pk_chart_add_clean(&bl, rows[i]->label);
        pk_chart_fit(c, fr, sz, bl.data, bl.len, lab_w, &t);
        pk_scene_text(c->s, c->x0, centred_baseline(c, fr, sz, cy), fr, sz, st->ink,
                      PK_ANCHOR_START, t.data);
        double bx = xe + 6, base = centred_baseline(c, fb, sz, cy);
        double w1 = pk_scene_text(c->s, bx, base, fb, sz, st->ink, PK_ANCHOR_START, vals[i]);
        if (bands[i]) {
            pk_buf_reset(&t);
            pk_chart_fit(c, fr, sz, bands[i], strlen(bands[i]), c->x1 - (bx + w1), &t);
            if (t.len)
                pk_scene_text(c->s, bx + w1, base, fr, sz, st->muted, PK_ANCHOR_START, t.data);
        }
        if (i) pk_buf_adds(&c->alt, "; ");
        pk_buf_adds(&c->alt, bl.data);
        pk_buf_adds(&c->alt, ", ");
        pk_buf_adds(&c->alt, vals[i]);
        pk_buf_adds(&c->alt, " percentile");
        if (f->band) {
            pk_buf_adds(&c->alt, " (");
            pk_chart_add_clean(&c->alt, f->band);
            pk_buf_adds(&c->alt, ")");
        }
        pk_buf_fini(&bl);
    }
    pk_buf_addc(&c->alt, '.');
    pk_scene_ungroup(c->s);

    for (size_t i = 0; i < n; i++) {
        free(vals[i]);
        free(bands[i]);
    }
    {
        double lo = 101, hi = -1;
        for (size_t i = 0; i < n; i++) {
            double q = clamp(rows[i]->score.percentile, 0, 100);
            lo = q < lo ? q : lo;
            hi = q > hi ? q : hi;
        }
        pk_buf_reset(&t);
        pk_fmt_rank(&t, lo);
        if (hi != lo) {
            pk_buf_adds(&t, " to ");
            pk_fmt_rank(&t, hi);
        }
        pk_chart_summary(c, "AI exposure of ", "this occupation", ": %s percentile in %s.", t.data,
                         n == 1 ? "one study" : n == 2 ? "two studies" : n == 3 ? "three studies"
                                            : n == 4 ? "four studies" : n == 5 ? "five studies"
                                                                          : "the studies");
    }
    free(vals);
    free(bands);
    free(rows);
    pk_scene *sc = pk_chart_end(c, title, note);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&nb);
    return sc;
}

/* ===================================================================================== */
/* industries: where the workers are                                                      */
/* ===================================================================================== */

static bool industry_drawn(const pk_industry *it)
{
    return pk_fig_has(&it->workers) && it->workers.value >= 0 && it->name;
}

static bool has_data_industries(const pk_record *r)
{
    if (!r->industries.present) return false;
    for (size_t i = 0; i < r->industries.n_items; i++)
        if (industry_drawn(&r->industries.items[i])) return true;
    return false;
}

static pk_scene *build_industries(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                  const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT, tmp = PK_BUF_INIT, note = PK_BUF_INIT;
    const pk_industries *ind = &r->industries;

    /* the top MAX_INDUSTRIES by workers; ties keep the record's order (a stable pick) */
    const pk_industry *top[MAX_INDUSTRIES] = {0};
    size_t n = 0, total = 0;
    for (size_t i = 0; i < ind->n_items; i++) {
        const pk_industry *it = &ind->items[i];
        if (!industry_drawn(it)) continue;
        total++;
        size_t k = n < MAX_INDUSTRIES ? n++ : MAX_INDUSTRIES;
        while (k > 0 && top[k - 1]->workers.value < it->workers.value) {
            if (k < MAX_INDUSTRIES) top[k] = top[k - 1];
            k--;
        }
        if (k < MAX_INDUSTRIES) top[k] = it;
    }
    bool sector = false, finer = false;
    for (size_t i = 0; i < n; i++) {
        pk_chart_add_source(c, top[i]->workers.source);
        if (top[i]->level) {
            if (strcmp(top[i]->level, "Sector") == 0)
                sector = true;
            else
                finer = true;
        }
    }

    pk_buf_adds(&t, "Where ");
    pk_buf_adds(&t, r->title);
    pk_buf_adds(&t, " work");
    char *title = pk_buf_take(&t);
    const char *rel = n ? pk_chart_release_of(s, top[0]->workers.source, &tmp) : NULL;
    pk_buf_adds(&t, "Industries employing the most workers in this occupation, U.S.");
    if (rel) pk_buf_printf(&t, ", %s", rel);
    if (total > n) pk_buf_printf(&t, " (top %zu of %zu)", n, total);
    pk_chart_header(c, title, t.data);
    if (sector && finer)
        pk_buf_adds(&note, "Sectors include the industries within them, so the bars overlap and do "
                           "not add up.");
    if (n) scope_note(&note, s, top[0]->workers.scope, top[0]->workers.source, "these figures");
    pk_chart_footer(c, note.data);

    int fr = st->font;
    double sz = st->text_size, cw = c->x1 - c->x0;
    double name_w = 0, val_w = 0, vmax = 0;
    char *vals[MAX_INDUSTRIES];
    for (size_t i = 0; i < n; i++) {
        pk_buf_reset(&t);
        pk_chart_add_clean(&t, top[i]->name);
        double w = text_w(c, fr, sz, t.data, t.len);
        name_w = w > name_w ? w : name_w;
        pk_buf_reset(&t);
        pk_chart_count_compact(&t, top[i]->workers.value, PK_FMT_MINUS);
        if (top[i]->workers.status == PK_FIG_TOPCODED) pk_buf_addc(&t, '+');
        vals[i] = pk_buf_take(&t);
        w = text_w(c, fr, sz, vals[i], strlen(vals[i]));
        val_w = w > val_w ? w : val_w;
        if (top[i]->workers.value > vmax) vmax = top[i]->workers.value;
    }
    if (name_w > 0.42 * cw) name_w = 0.42 * cw;
    if (vmax <= 0) vmax = 1;
    double bx0 = c->x0 + name_w + 12, bx1 = c->x1 - val_w - 8;
    double avail = c->bottom - c->top;
    double rh = avail / (double)n;
    if (rh > 40) rh = 40;
    double bh = rh * 0.6 > 22 ? 22 : rh * 0.6;
    double y0 = c->top + (avail - rh * (double)n) / 2;

    pk_buf_adds(&c->alt, "Industries employing the most ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, ", by number of workers, U.S.");
    if (rel) pk_buf_printf(&c->alt, ", %s", rel);
    if (total > n) pk_buf_printf(&c->alt, " (top %zu of %zu)", n, total);
    pk_buf_adds(&c->alt, ": ");
    pk_scene_group(c->s, "bars");
    for (size_t i = 0; i < n; i++) {
        double cy = y0 + rh * ((double)i + 0.5);
        double xe = bx0 + top[i]->workers.value / vmax * (bx1 - bx0);
        pk_scene_rect(c->s, bx0, cy - bh / 2, xe - bx0, bh, st->accent, PK_NONE, 0);
        pk_buf nm = PK_BUF_INIT;
        pk_chart_add_clean(&nm, top[i]->name);
        pk_buf_reset(&t);
        pk_chart_fit(c, fr, sz, nm.data, nm.len, name_w, &t);
        double base = centred_baseline(c, fr, sz, cy);
        pk_scene_text(c->s, c->x0, base, fr, sz, st->ink, PK_ANCHOR_START, t.data);
        pk_scene_text(c->s, xe + 6, base, fr, sz, st->ink, PK_ANCHOR_START, vals[i]);
        if (i) pk_buf_adds(&c->alt, "; ");
        pk_buf_adds(&c->alt, nm.data);
        pk_buf_adds(&c->alt, ": ");
        pk_fmt_figure(&c->alt, &top[i]->workers, 0, 0);
        if (i == 0) pk_buf_adds(&c->alt, " workers");
        pk_buf_fini(&nm);
        free(vals[i]);
    }
    pk_buf_addc(&c->alt, '.');
    pk_scene_ungroup(c->s);

    pk_buf_reset(&t);
    pk_chart_add_clean(&t, top[0]->name);
    pk_buf_adds(&t, ", ");
    pk_fmt_figure(&t, &top[0]->workers, 0, 0);
    pk_chart_summary(c, "The industry employing the most ", "workers in this occupation",
                     ": %s workers.", t.data);
    pk_scene *sc = pk_chart_end(c, title, note.data);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&tmp);
    pk_buf_fini(&note);
    return sc;
}

/* ===================================================================================== */
/* quadrant: AI task overlap vs pay                                                       */
/* ===================================================================================== */

static double own_overlap(const pk_record *r)
{
    return fig_percentile(&r->exposure.task_overlap);
}

static double own_pay(const pk_record *r)
{
    const pk_figure *m = &r->wages.median;
    return pk_fig_rank(m);
}

static bool has_data_quadrant(const pk_record *r)
{
    return r->exposure.present && r->wages.present && own_overlap(r) >= 0 && own_pay(r) >= 0;
}

/* True when a figure is a wider code's that the reader must be told of (data/say.h). */
static bool wider_code(const pk_figure *f)
{
    return pk_scope_disclosed(f->scope) && f->scope->kind != PK_SCOPE_TASK && f->scope->code;
}

/* This occupation's label on the quadrant, at (ox, oy): its title (wrapped to two or three
 * lines when long, on a leader as far as 0.4 of the plot's width: it is the point of the chart),
 * else one shorter line, else "This occupation". */
static void place_own(pk_chart *c, taken *t, box frame, double ox, double oy, double r_own,
                      const char *title, int font, double size, double pw)
{
    pk_para own = {0};
    pk_chart_wrap(c, font, size, title, pw * 0.45, 3, &own);
    if (!place_label(c, t, frame, ox, oy, r_own, &own, font, size, c->st->ink, 0.4 * pw, true,
                     false)) {
        /* no room for the wrapped title anywhere near: one shorter line */
        pk_chart_wrap(c, font, size, title, pw * 0.25, 1, &own);
        if (own.cut || !place_label(c, t, frame, ox, oy, r_own, &own, font, size, c->st->ink,
                                    0.4 * pw, true, false)) {
            /* the title is the chart's heading: the dot can say so in two words */
            pk_chart_wrap(c, font, size, "This occupation", pw * 0.4, 1, &own);
            if (!place_label(c, t, frame, ox, oy, r_own, &own, font, size, c->st->ink, 0.4 * pw,
                             true, false))
                c->s->labels_dropped++, c->s->points_unlabelled++;
        }
    }
    para_fini(&own);
}

/* A related occupation's dot on the quadrant: where, which, its number in the key, and how
 * many other dots crowd it. */
typedef struct rel_dot {
    double x, y;
    size_t i, num, near;
} rel_dot;

/* The most crowded first; equals in the key's order. */
static int by_crowding(const void *a, const void *b)
{
    const rel_dot *x = a, *y = b;
    if (x->near != y->near) return x->near > y->near ? -1 : 1;
    return x->num < y->num ? -1 : x->num > y->num;
}

static bool related_drawn(const pk_related *rel)
{
    return rel->title && fig_percentile(&rel->overlap_percentile) >= 0 &&
           fig_percentile(&rel->pay_percentile) >= 0;
}

/* One drawing of the quadrant. Each related occupation is named beside its dot (two lines at
 * most, on a leader when it must go further out); with `numbered`, every related dot carries a
 * number instead and a key under the plot names them: the drawing a crowded chart gets, so that
 * no dot goes unnamed. *failed gets the related labels that found no place or were cut. */
static pk_scene *quadrant_pass(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                               const pk_chart_style *st, bool numbered, int order, size_t *failed)
{
    *failed = 0;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, st);
    pk_buf t = PK_BUF_INIT;
    const pk_quadrant *q = &r->quadrant;
    double ox = clamp(own_overlap(r), 0, 100), oy = clamp(own_pay(r), 0, 100);
    pk_chart_add_source(c, r->exposure.task_overlap.source);
    pk_chart_add_source(c, r->wages.median.source);
    size_t n_rel = 0;
    for (size_t i = 0; q->present && i < q->n_related; i++)
        if (related_drawn(&q->related[i])) {
            n_rel++;
            pk_chart_add_source(c, q->related[i].overlap_percentile.source);
            pk_chart_add_source(c, q->related[i].pay_percentile.source);
        }

    pk_buf_adds(&t, "AI task overlap and pay: ");
    pk_buf_adds(&t, r->title);
    char *title = pk_buf_take(&t);
    pk_chart_header(c, title,
                    n_rel ? "AI task-overlap percentile (across) vs. median-pay percentile (up), "
                            "among U.S. occupations with data, with related occupations"
                          : "AI task-overlap percentile (across) vs. median-pay percentile (up), "
                            "among U.S. occupations with data");
    /* the pay ranks are of whom each median describes: a wider code's is that code's */
    pk_buf nb = PK_BUF_INIT;
    pk_buf_adds(&nb, "Overlap measures tasks AI can share, not automation or job loss.");
    scope_note(&nb, s, r->wages.median.scope, r->wages.median.source, "pay");
    bool rel_wider = false;
    for (size_t i = 0; i < q->n_related; i++)
        if (related_drawn(&q->related[i]) && wider_code(&q->related[i].pay_percentile))
            rel_wider = true;
    if (rel_wider)
        pk_buf_adds(&nb, " Where BLS publishes pay only for a code that covers several "
                         "occupations, a related occupation's pay rank is that code's.");
    const char *note = pk_buf_str(&nb);
    pk_chart_footer(c, note);

    int fr = st->font, fb = st->font_bold;
    double ss = st->small_size, sz = st->text_size;
    double asc_s = ascent(c, fr, ss), h_s = box_h(c, fr, ss);

    /* the frame: y-axis title above, x-axis ticks and title below, y ticks to the left */
    const double ticks[3] = {0, 50, 100};
    char tick_txt[3][8];
    double tick_w = 0;
    for (int k = 0; k < 3; k++) {
        pk_buf_reset(&t);
        pk_fmt_num(&t, ticks[k], 0, 0);
        snprintf(tick_txt[k], sizeof tick_txt[k], "%s", t.data);
        double w = text_w(c, fr, ss, t.data, t.len);
        tick_w = w > tick_w ? w : tick_w;
    }
    /* the key of numbered dots: in two columns (one where narrow), each entry two lines at most */
    double key_h = 0, key_lh = ss * pk_chart_line_gap;
    size_t key_cols = c->x1 - c->x0 < 450 ? 1 : 2;
    double key_gap = 16, key_cw = (c->x1 - c->x0 - key_gap * (double)(key_cols - 1)) / (double)key_cols;
    double num_w = text_w(c, fb, ss, "00", 2) + 6;
    if (numbered) {
        pk_para kp = {0};
        size_t k = 0;
        double row_h = 0;
        for (size_t i = 0; q->present && i < q->n_related; i++) {
            if (!related_drawn(&q->related[i])) continue;
            pk_chart_wrap(c, fr, ss, q->related[i].title, key_cw - num_w, 2, &kp);
            double h = (double)kp.n * key_lh;
            row_h = h > row_h ? h : row_h;
            if (++k % key_cols == 0) key_h += row_h + 3, row_h = 0;
        }
        key_h += row_h > 0 ? row_h + 3 : 0;
        para_fini(&kp);
        key_h += 10; /* apart from the axis title */
    }
    double pl = c->x0 + tick_w + 7, pr = c->x1;
    double pt = c->top + h_s + 10;
    double pb = c->bottom - (h_s + 4) - (h_s + 6) - key_h;
    /* a plot at least 3/10 of the chart's width tall (the chart is drawn taller where it lacks it) */
    pk_chart_need(c, (h_s + 10) + 0.3 * (c->x1 - c->x0) + (h_s + 4) + (h_s + 6) + key_h);
    if (pb < pt + 60) pb = pt + 60;
    double pw = pr - pl, ph = pb - pt;
    /* 0 and 100 sit inside the frame, so a dot at either end is whole */
    const double inset = 12;
#define QX(v) (pl + inset + (v) / 100.0 * (pw - 2 * inset))
#define QY(v) (pb - inset - (v) / 100.0 * (ph - 2 * inset))

    pk_scene_group(c->s, "axis");
    pk_scene_rect(c->s, pl, pt, pw, ph, PK_NONE, st->grid, 1);
    pk_scene_line(c->s, QX(50), pt, QX(50), pb, st->muted, 1, 4);
    pk_scene_line(c->s, pl, QY(50), pr, QY(50), st->muted, 1, 4);
    for (int k = 0; k < 3; k++) {
        pk_scene_line(c->s, QX(ticks[k]), pb, QX(ticks[k]), pb + 4, st->muted, 1, 0);
        pk_scene_line(c->s, pl - 4, QY(ticks[k]), pl, QY(ticks[k]), st->muted, 1, 0);
        pk_scene_text(c->s, QX(ticks[k]), pb + 6 + asc_s, fr, ss, st->muted, PK_ANCHOR_MIDDLE,
                      tick_txt[k]);
        pk_scene_text(c->s, pl - 7, centred_baseline(c, fr, ss, QY(ticks[k])), fr, ss, st->muted,
                      PK_ANCHOR_END, tick_txt[k]);
    }
    pk_scene_text(c->s, pr, pb + 6 + h_s + 4 + asc_s, fr, ss, st->muted, PK_ANCHOR_END,
                  "AI task-overlap percentile " ARROW_RIGHT);
    pk_scene_text(c->s, c->x0, c->top + asc_s, fr, ss, st->muted, PK_ANCHOR_START,
                  ARROW_UP " Median-pay percentile");
    pk_scene_ungroup(c->s);

    taken tk = {0};
    box frame = {pl + 2, pt + 2, pw - 4, ph - 4};
    const double r_own = 7, r_rel = 5;
    double oxp = QX(ox), oyp = QY(oy);
    /* every dot is taken before any label, so no label covers a dot */
    take(&tk, (box){oxp - r_own - 1, oyp - r_own - 1, 2 * r_own + 2, 2 * r_own + 2});
    for (size_t i = 0; q->present && i < q->n_related; i++) {
        const pk_related *rel = &q->related[i];
        if (!related_drawn(rel)) continue;
        double x = QX(clamp(fig_percentile(&rel->overlap_percentile), 0, 100));
        double y = QY(clamp(fig_percentile(&rel->pay_percentile), 0, 100));
        take(&tk, (box){x - r_rel - 1, y - r_rel - 1, 2 * r_rel + 2, 2 * r_rel + 2});
    }

    tk.n_marks = tk.n;
    /* this occupation's label first (wrapped to two lines when long), then the corner captions
     * where they do not collide with it, then the related occupations' labels where they fit */
    pk_scene_group(c->s, "labels");
    /* order (numbered charts): 0 this occupation's label first, then the numbers most crowded
     * first; 1 the numbers first; 2 and 3 the same with the numbers in the key's order */
    bool own_last = order & 1;
    if (!own_last) place_own(c, &tk, frame, oxp, oyp, r_own, r->title, fb, sz, pw);
    /* the guides at 50, now that this occupation's label (which may have to) is placed: no other
     * label crosses one */
    take_guide(&tk, (box){QX(50) - 0.5, pt, 1, ph});
    take_guide(&tk, (box){pl, QY(50) - 0.5, pw, 1});
    static const struct {
        const char *text;
        int right, top;
    } corners[4] = {{"Lower overlap " MIDDOT " higher pay", 0, 1},
                    {"Higher overlap " MIDDOT " higher pay", 1, 1},
                    {"Lower overlap " MIDDOT " lower pay", 0, 0},
                    {"Higher overlap " MIDDOT " lower pay", 1, 0}};
    for (int k = 0; k < 4; k++) {
        double w = text_w(c, fr, ss, corners[k].text, strlen(corners[k].text));
        box b = {corners[k].right ? pr - 8 - w : pl + 8, corners[k].top ? pt + 8 : pb - 8 - h_s, w,
                 h_s};
        if (!is_free(&tk, b, 2)) continue;
        pk_scene_text(c->s, corners[k].right ? pr - 8 : pl + 8, b.y + asc_s, fr, ss, st->muted,
                      corners[k].right ? PK_ANCHOR_END : PK_ANCHOR_START, corners[k].text);
        take(&tk, b);
    }
    pk_para lab = {0};
    /* the related dots, in the key's order; numbers are placed densest first (the dots with
     * the most others near them have the fewest free places, so they choose before their
     * neighbours take them), names in the key's order */
    size_t n_dots = 0;
    rel_dot *dots = pk_xmalloc((q->present ? q->n_related : 0) * sizeof *dots);
    for (size_t i = 0; q->present && i < q->n_related; i++) {
        const pk_related *rel = &q->related[i];
        if (!related_drawn(rel)) continue;
        dots[n_dots] =
            (rel_dot){QX(clamp(fig_percentile(&rel->overlap_percentile), 0, 100)),
                      QY(clamp(fig_percentile(&rel->pay_percentile), 0, 100)), i, n_dots + 1, 0};
        n_dots++;
    }
    if (numbered) {
        for (size_t i = 0; i < n_dots; i++)
            for (size_t j = 0; j < n_dots; j++)
                if (j != i && hypot(dots[i].x - dots[j].x, dots[i].y - dots[j].y) < 4 * r_rel)
                    dots[i].near++;
        if (order < 2) qsort(dots, n_dots, sizeof *dots, by_crowding);
    }
    for (size_t k = 0; k < n_dots; k++) {
        const pk_related *rel = &q->related[dots[k].i];
        double x = dots[k].x, y = dots[k].y;
        if (numbered) { /* its number beside it, on a leader where dots crowd */
            char num[8];
            snprintf(num, sizeof num, "%zu", dots[k].num);
            pk_chart_wrap(c, fb, ss, num, pw, 1, &lab);
            /* where no strict leader leaves it (a cluster of touching dots, or boxed in by
             * this occupation's label), a loose one, then a longer one; at last, the nearest
             * free place without one */
            if (!place_label(c, &tk, frame, x, y, r_rel, &lab, fb, ss, st->accent, 0.3 * pw, true,
                             false) &&
                !place_label(c, &tk, frame, x, y, r_rel, &lab, fb, ss, st->accent, pw, true,
                             false) &&
                !place_label(c, &tk, frame, x, y, r_rel, &lab, fb, ss, st->accent, pw, false, true))
                c->s->labels_dropped++, c->s->points_unlabelled++;
            continue;
        }
        pk_chart_wrap(c, fr, ss, rel->title, pw * 0.3, 2, &lab);
        if (lab.cut) (*failed)++;
        if (!place_label(c, &tk, frame, x, y, r_rel, &lab, fr, ss, st->ink, 0.15 * pw, false,
                         false)) {
            (*failed)++;
            c->s->labels_dropped++, c->s->points_unlabelled++;
        }
    }
    free(dots);
    if (own_last) { /* after the numbers, and free to cross the guides as when it goes first */
        size_t guides = tk.n_guides;
        tk.n_guides = 0;
        place_own(c, &tk, frame, oxp, oyp, r_own, r->title, fb, sz, pw);
        tk.n_guides = guides;
    }
    pk_scene_ungroup(c->s);
    if (numbered) {
        /* the key, under the axis title: "1  Computer Programmers" */
        pk_scene_group(c->s, "key");
        double ky = pb + 6 + h_s + 4 + h_s + 10, row_h = 0;
        size_t k = 0;
        char num[8];
        for (size_t i = 0; q->present && i < q->n_related; i++) {
            if (!related_drawn(&q->related[i])) continue;
            double kx = c->x0 + (double)(k % key_cols) * (key_cw + key_gap);
            snprintf(num, sizeof num, "%zu", k + 1);
            pk_scene_text(c->s, kx + num_w - 6, ky + ascent(c, fb, ss), fb, ss, st->accent,
                          PK_ANCHOR_END, num);
            pk_chart_wrap(c, fr, ss, q->related[i].title, key_cw - num_w, 2, &lab);
            pk_chart_draw_para(c, &lab, kx + num_w, ky, PK_ANCHOR_START, fr, ss, st->ink);
            double h = (double)lab.n * key_lh;
            row_h = h > row_h ? h : row_h;
            if (++k % key_cols == 0) ky += row_h + 3, row_h = 0;
        }
        pk_scene_ungroup(c->s);
    }
    para_fini(&lab);

    /* dots over the frame lines, this occupation on top */
    pk_scene_group(c->s, "dots");
    for (size_t i = 0; q->present && i < q->n_related; i++) {
        const pk_related *rel = &q->related[i];
        if (!related_drawn(rel)) continue;
        double x = QX(clamp(fig_percentile(&rel->overlap_percentile), 0, 100));
        double y = QY(clamp(fig_percentile(&rel->pay_percentile), 0, 100));
        dot(c, x, y, r_rel, st->accent, st->background, 1);
    }
    dot(c, oxp, oyp, r_own, st->highlight, st->background, 1.5);
    pk_scene_ungroup(c->s);
    taken_fini(&tk);
#undef QX
#undef QY

    /* alt text */
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, ": ");
    pk_fmt_rank(&c->alt, ox);
    pk_buf_adds(&c->alt, " percentile of AI task overlap and ");
    pk_fmt_rank(&c->alt, oy);
    pk_buf_adds(&c->alt, " percentile of median pay, among U.S. occupations with data (both scales "
                         "run from 0 to 100, divided at 50).");
    if (n_rel) {
        pk_buf_adds(&c->alt, numbered ? " Related occupations, numbered as on the chart (overlap, "
                                        "pay): "
                                      : " Related occupations (overlap, pay): ");
        size_t k = 0;
        for (size_t i = 0; i < q->n_related; i++) {
            const pk_related *rel = &q->related[i];
            if (!related_drawn(rel)) continue;
            if (k++) pk_buf_adds(&c->alt, "; ");
            if (numbered) pk_buf_printf(&c->alt, "%zu ", k);
            pk_chart_add_clean(&c->alt, rel->title);
            pk_buf_adds(&c->alt, ", ");
            pk_fmt_rank(&c->alt, clamp(fig_percentile(&rel->overlap_percentile), 0, 100));
            pk_buf_adds(&c->alt, " and ");
            pk_fmt_rank(&c->alt, clamp(fig_percentile(&rel->pay_percentile), 0, 100));
            if (wider_code(&rel->pay_percentile)) {
                pk_buf_adds(&c->alt, " (");
                pk_figure_published_as(&rel->pay_percentile, &c->alt);
                pk_buf_adds(&c->alt, "'s)");
            }
        }
        pk_buf_addc(&c->alt, '.');
    }

    pk_buf_reset(&t);
    pk_fmt_rank(&t, ox);
    pk_buf_adds(&t, " percentile of AI task overlap and the ");
    pk_fmt_rank(&t, oy);
    pk_chart_summary(c, "", "This occupation", ": the %s of median pay.", t.data);
    pk_scene *sc = pk_chart_end(c, title, note);
    free(title);
    pk_buf_fini(&t);
    pk_buf_fini(&nb);
    return sc;
}

static pk_scene *build_quadrant(const pk_record *r, const pk_sources *s, const pk_fonts *fonts,
                                const pk_chart_style *st, pk_diag *d)
{
    (void)d; /* pk_chart_build checked that the data is there */
    size_t failed;
    pk_scene *sc = quadrant_pass(r, s, fonts, st, false, 0, &failed);
    if (sc && failed) { /* a label cut or left out: every related dot numbered, with a key */
        pk_scene *num = quadrant_pass(r, s, fonts, st, true, 0, &failed);
        if (num) {
            pk_scene_free(sc);
            sc = num;
        }
        /* a number still without a place (this occupation's label, or its neighbours' numbers,
         * took its dot's last one): the other orders, the first that leaves fewest out */
        for (int order = 1; order < 4 && sc->labels_dropped; order++) {
            pk_scene *other = quadrant_pass(r, s, fonts, st, true, order, &failed);
            if (other && other->labels_dropped < sc->labels_dropped) {
                pk_scene_free(sc);
                sc = other;
            } else {
                pk_scene_free(other);
            }
        }
    }
    return sc;
}

/* ---- the registry ---- */

#define NARROW_EXTRA 0.5 /* points of height per point of width below a column's */

/* Print heights (pk_chart_def.print_height), found by looking at each chart at the brief's
 * column width and checked by test_charts on the sample and a stress record. */
#define PRINT_HEIGHT(name, share)                                                                  \
    static double name(const pk_record *r)                                                         \
    {                                                                                              \
        (void)r;                                                                                   \
        return share;                                                                              \
    }
PRINT_HEIGHT(print_short, PK_CHART_MIN_PRINT_HEIGHT) /* two or three bars, or one band */
PRINT_HEIGHT(print_education, 0.40) /* up to eight levels */
PRINT_HEIGHT(print_ranked, 0.42)    /* the top eight, or three columns of five */
PRINT_HEIGHT(print_projection, 0.45)

/* The quadrant: 16:9, a square-ish plot, and room for the key under the plot where many related occupations are
 * likely to be numbered (two a row, each row up to two lines) */
static double print_quadrant(const pk_record *r)
{
    size_t n = 0;
    for (size_t i = 0; r->quadrant.present && i < r->quadrant.n_related; i++)
        n += related_drawn(&r->quadrant.related[i]);
    return n > 4 ? 0.5625 + 0.03 + 0.02 * (double)((n + 1) / 2) : 0.5625;
}

/* The band fits the short height; each thing its note must also say (a top code, a suppressed
 * value, hourly-only pay, whom the figures describe) needs a line more under it. */
static double print_wages(const pk_record *r)
{
    const pk_wages *w = &r->wages;
    const pk_figure *all[5] = {&w->p10, &w->p25, &w->median, &w->p75, &w->p90};
    bool top = false, na = false;
    for (int i = 0; i < 5; i++) {
        top = top || all[i]->status == PK_FIG_TOPCODED;
        na = na || all[i]->status == PK_FIG_NA;
    }
    const pk_scope *sc = w->median.scope ? w->median.scope : w->p10.scope;
    int extra = top + na + w->hourly_only + (pk_scope_disclosed(sc) && sc->kind != PK_SCOPE_TASK);
    return 0.32 + 0.03 * extra;
}

/* Three studies fit the short height; each further one needs a row more. */
static double print_exposure(const pk_record *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->exposure.n_studies; i++) n += study_drawn(&r->exposure.studies[i]);
    return n <= 3 ? 0.32 : fmin(0.32 + 0.045 * (double)(n - 3), 1.0);
}

/* A line over a handful of releases; the note (what is drawn, the gaps, the BLS caveat) needs
 * three lines. */
static double print_history(const pk_record *r)
{
    (void)r;
    return 0.42;
}

const pk_chart_def pk_charts[] = {
    {"exposure", "AI exposure percentile in each study (bars, 0-100, by band)", has_data_exposure,
     build_exposure, print_exposure,
     "no exposure percentiles"},
    {"augmentation",
     "Observed AI use: working with AI (augmentation) vs handing tasks to AI "
     "(automation)",
     pk_chart_has_augmentation, pk_chart_build_augmentation, print_short,
     "no augmentation and automation shares"},
    {"projection", "Projected employment, base year vs target year, with the change and outlook",
     has_data_projection, build_projection, print_projection,
     "no projected employment"},
    {"ksa", "The most important knowledge areas, skills and abilities (O*NET importance)",
     pk_chart_has_ksa, pk_chart_build_ksa, print_ranked,
     "no knowledge, skills or abilities ratings"},
    {"education", "Education of current workers: share at each level", pk_chart_has_education,
     pk_chart_build_education, print_education,
     "no education shares"},
    {"interests", "Career interests: the Holland (RIASEC) types, rated", pk_chart_has_interests,
     pk_chart_build_interests, print_ranked,
     "no RIASEC interest ratings"},
    {"wages", "Annual wage percentiles: 10th-90th band, middle half, median", has_data_wages,
     build_wages, print_wages,
     "no wage percentiles"},
    {"industries", "Industries employing the most workers in the occupation (top 8)",
     has_data_industries, build_industries, print_ranked,
     "no industries with workers"},
    {"concentration", "Industries where the occupation is most concentrated (location quotient)",
     pk_chart_has_concentration, pk_chart_build_concentration, print_ranked,
     "no location quotients"},
    {"quadrant", "AI task-overlap percentile vs median-pay percentile, with related occupations",
     has_data_quadrant, build_quadrant, print_quadrant,
     "no AI task-overlap or median-pay percentile"},
    {"wage_history", "Median pay (and the middle half) in each OEWS release the pack holds, nominal dollars",
     pk_chart_has_wage_history, pk_chart_build_wage_history, print_history,
     "no pay in two releases or more"},
    {"employment_history", "Wage and salary jobs in each OEWS release the pack holds",
     pk_chart_has_employment_history, pk_chart_build_employment_history, print_history,
     "no employment in two releases or more"},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

pk_scene *pk_chart_build(const pk_chart_def *def, const pk_record *r, const pk_sources *s,
                         const pk_fonts *fonts, const pk_chart_style *st, pk_diag *d)
{
    if (!def->has_data(r)) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: error: chart \"%s\": the record has %s", r->soc,
                    def->name, def->lacks);
        return NULL;
    }
    pk_scene *sc = def->build(r, s, fonts, st, d);
    if (sc && st->fit_height && sc->short_by > 0) {
        /* once more, as tall as the layout asked: a longer note or a crowded row of labels
         * grows the chart rather than overlap */
        pk_chart_style taller = *st;
        taller.height = st->height + ceil(sc->short_by);
        pk_scene *again = def->build(r, s, fonts, &taller, d);
        if (again) {
            pk_scene_free(sc);
            sc = again;
        }
    }
    return sc;
}

double pk_chart_height(const pk_chart_def *def, const pk_record *r, double width)
{
    const double column = 700; /* about the brief's column, in points */
    double share = def->print_height(r);
    if (width >= column) return width * share;
    return column * share + NARROW_EXTRA * (column - width);
}

bool pk_chart_applies(const pk_chart_def *def, const pk_record *r)
{
    bool history = def->build == pk_chart_build_wage_history ||
                   def->build == pk_chart_build_employment_history;
    return !history || r->history.present;
}

const pk_chart_def *pk_chart_find(const char *name)
{
    for (const pk_chart_def *c = pk_charts; name && c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}
