/* test_charts.c: the charts (charts/) and the share card for the embedded sample and for
 * stress records (the longest real occupation titles, seven-figure values, crowded labels,
 * top-coded and suppressed wages, every O*NET education level, a hostile 20,000-character title,
 * bidirectional controls): every text inside the frame (the card's safe area), no two texts
 * overlapping, graphics using the true minus, every number drawn also in the alt text, and the
 * share card's figures those of the kit's headline. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "charts/charts.h"
#include "charts/compare.h"
#include "data/buf.h"
#include "data/pack.h"
#include "data/store.h"
#include "reports/kit.h"
#include "reports/render.h"

static pk_fonts *F;
static pk_chart_style ST;
static const pk_sources *S;

/* ---- layout checks ---- */

typedef struct tbox {
    double x, y, w, h;
} tbox;

/* A text run's box: the measured advance across, the font's ascent and descent up and down. */
static tbox text_box(const pk_scene *s, const pk_op *op)
{
    double asc, desc;
    pk_fonts_vmetrics(s->fonts, op->font, op->size, &asc, &desc);
    double x = op->anchor == PK_ANCHOR_MIDDLE ? op->x - op->text_w / 2
               : op->anchor == PK_ANCHOR_END  ? op->x - op->text_w
                                              : op->x;
    return (tbox){x, op->y - asc, op->text_w, asc + desc};
}

/* Every text at least `inset` inside the scene's edges and clear of every other; returns the
 * problems found. */
static int check_layout_in(const char *what, const pk_scene *s, double inset)
{
    const double eps = 0.01;
    int bad = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *a = &s->ops[i];
        if (a->kind != PK_OP_TEXT) continue;
        tbox ba = text_box(s, a);
        if (ba.x < inset - eps || ba.x + ba.w > s->width - inset + eps || ba.y < inset - eps ||
            ba.y + ba.h > s->height - inset + eps) {
            fprintf(stderr, "%s: text outside the frame: \"%s\" at %.1f,%.1f w %.1f\n", what,
                    a->text, a->x, a->y, a->text_w);
            bad++;
        }
        if (a->text_w <= 0 && a->text[0]) {
            fprintf(stderr, "%s: text not measured: \"%s\"\n", what, a->text);
            bad++;
        }
        for (size_t j = i + 1; j < s->n_ops; j++) {
            const pk_op *b = &s->ops[j];
            if (b->kind != PK_OP_TEXT) continue;
            tbox bb = text_box(s, b);
            double ox = fmin(ba.x + ba.w, bb.x + bb.w) - fmax(ba.x, bb.x);
            double oy = fmin(ba.y + ba.h, bb.y + bb.h) - fmax(ba.y, bb.y);
            if (ox > eps && oy > eps) {
                fprintf(stderr, "%s: texts overlap: \"%s\" and \"%s\"\n", what, a->text, b->text);
                bad++;
            }
        }
    }
    return bad;
}

/* ---- leaders: the lines from a dot to its label, inside a chart's "labels" group ---- */

typedef struct lseg {
    double x1, y1, x2, y2;
} lseg;

/* true when segment l passes through box b shrunk by `in` on every side */
static bool seg_in_box(lseg l, tbox b, double in)
{
    double t0 = 0, t1 = 1, d[2] = {l.x2 - l.x1, l.y2 - l.y1}, o[2] = {l.x1, l.y1};
    double lo[2] = {b.x + in, b.y + in}, hi[2] = {b.x + b.w - in, b.y + b.h - in};
    for (int k = 0; k < 2; k++) {
        if (fabs(d[k]) < 1e-12) {
            if (o[k] <= lo[k] || o[k] >= hi[k]) return false;
            continue;
        }
        double a = (lo[k] - o[k]) / d[k], z = (hi[k] - o[k]) / d[k];
        if (a > z) {
            double tmp = a;
            a = z;
            z = tmp;
        }
        t0 = fmax(t0, a);
        t1 = fmin(t1, z);
        if (t0 >= t1) return false;
    }
    return true;
}

static double seg_dist(lseg l, double px, double py)
{
    double dx = l.x2 - l.x1, dy = l.y2 - l.y1, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - l.x1) * dx + (py - l.y1) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(l.x1 + t * dx - px, l.y1 + t * dy - py);
}

static bool segs_cross(lseg a, lseg b)
{
    double d1 = (b.x2 - b.x1) * (a.y1 - b.y1) - (b.y2 - b.y1) * (a.x1 - b.x1);
    double d2 = (b.x2 - b.x1) * (a.y2 - b.y1) - (b.y2 - b.y1) * (a.x2 - b.x1);
    double d3 = (a.x2 - a.x1) * (b.y1 - a.y1) - (a.y2 - a.y1) * (b.x1 - a.x1);
    double d4 = (a.x2 - a.x1) * (b.y2 - a.y1) - (a.y2 - a.y1) * (b.x2 - a.x1);
    return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 && d2 && d3 && d4;
}

/* The label a leader leads to: charts/charts.c draws each leader just before its label's
 * knockout and text, so it is the first text after the leader's op. */
static const pk_op *leader_label_at(const pk_scene *s, size_t op)
{
    for (size_t i = op + 1; i < s->n_ops; i++)
        if (s->ops[i].kind == PK_OP_TEXT && s->ops[i].text[0]) return &s->ops[i];
    return NULL;
}

static const char *label_text(const pk_scene *s, size_t op)
{
    const pk_op *t = leader_label_at(s, op);
    return t ? t->text : "?";
}

static bool all_digits(const char *t)
{
    for (; *t; t++)
        if (*t < '0' || *t > '9') return false;
    return true;
}

/* Every leader clear of every text (its own label's too: it stops short of it). And clear of
 * every dot but its own and of every other leader, except where charts/charts.c allows a loose
 * leader as the last resort: this occupation's (from the largest dot) may pass over dots, and a
 * dot's number (in a cluster no strict leader can leave) over dots and across leaders. Returns
 * the problems found. */
static int check_leaders(const char *what, const pk_scene *s)
{
    enum { MAX_L = 64, MAX_D = 64 };
    lseg l[MAX_L];
    size_t at[MAX_L];
    bool number[MAX_L];
    double dx[MAX_D], dy[MAX_D], dr[MAX_D];
    size_t nl = 0, nd = 0, own = 0;
    int depth = 0, in_labels = 0, in_dots = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *o = &s->ops[i];
        if (o->kind == PK_OP_GROUP) {
            depth++;
            if (strcmp(o->id, "labels") == 0) in_labels = depth;
            if (strcmp(o->id, "dots") == 0) in_dots = depth;
        } else if (o->kind == PK_OP_UNGROUP) {
            if (in_labels == depth) in_labels = 0;
            if (in_dots == depth) in_dots = 0;
            depth--;
        } else if (in_labels && o->kind == PK_OP_LINE && nl < MAX_L) {
            at[nl] = i;
            l[nl++] = (lseg){o->x, o->y, o->x2, o->y2};
        } else if (in_dots && o->kind == PK_OP_PATH && o->n_pts > 2 && nd < MAX_D) {
            double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
            for (size_t k = 0; k < o->n_pts; k++) {
                minx = fmin(minx, o->pts[2 * k]), maxx = fmax(maxx, o->pts[2 * k]);
                miny = fmin(miny, o->pts[2 * k + 1]), maxy = fmax(maxy, o->pts[2 * k + 1]);
            }
            dx[nd] = (minx + maxx) / 2, dy[nd] = (miny + maxy) / 2, dr[nd] = (maxx - minx) / 2;
            if (dr[nd] > dr[own]) own = nd;
            nd++;
        }
    }
    int bad = 0;
    for (size_t a = 0; a < nl; a++) {
        const pk_op *lab = leader_label_at(s, at[a]);
        number[a] = lab && all_digits(lab->text);
        if (!lab) {
            fprintf(stderr, "%s: a leader at %.1f,%.1f leads to no label\n", what, l[a].x1,
                    l[a].y1);
            bad++;
        }
    }
    for (size_t a = 0; a < nl; a++) {
        for (size_t i = 0; i < s->n_ops; i++) {
            const pk_op *t = &s->ops[i];
            if (t->kind != PK_OP_TEXT || !t->text[0]) continue;
            if (seg_in_box(l[a], text_box(s, t), 0.5)) {
                fprintf(stderr, "%s: a leader runs through \"%s\"\n", what, t->text);
                bad++;
            }
        }
        for (size_t b = a + 1; b < nl; b++)
            if (!number[a] && !number[b] && segs_cross(l[a], l[b])) {
                fprintf(stderr, "%s: two leaders cross at %.1f,%.1f (to \"%s\" and \"%s\")\n", what,
                        l[a].x1, l[a].y1, label_text(s, at[a]), label_text(s, at[b]));
                bad++;
            }
        bool from_own = nd && hypot(l[a].x1 - dx[own], l[a].y1 - dy[own]) < dr[own] + 3;
        for (size_t k = 0; k < nd && !from_own && !number[a]; k++) {
            bool its_dot = hypot(l[a].x1 - dx[k], l[a].y1 - dy[k]) < dr[k] + 3;
            if (!its_dot && seg_dist(l[a], dx[k], dy[k]) < dr[k]) {
                fprintf(stderr, "%s: a leader runs over the dot at %.1f,%.1f\n", what, dx[k],
                        dy[k]);
                bad++;
            }
        }
    }
    return bad;
}

static int check_layout(const char *what, const pk_scene *s)
{
    return check_layout_in(what, s, 0) + check_leaders(what, s);
}

/* ---- numbers drawn vs numbers in the alt text ---- */

typedef struct num {
    double v;     /* as written, signed: 16.9 for "16.9K" */
    int decimals; /* digits after the point as written */
    double mult;  /* 1e3 for K, 1e6 for M, 1e9 for B */
} num;

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The numbers in s: "$1,234,567", "−1.7%", "16.9K", "59th", "2024". A sign counts when it is
 * '-', '+' or U+2212 right before the number or before its '$'. */
static size_t numbers(const char *s, num *out, size_t max)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < max;) {
        if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || s[i - 1] == '.'))) {
            i++;
            continue;
        }
        size_t p = i > 0 && s[i - 1] == '$' ? i - 1 : i;
        double sign = 1;
        if (p >= 1 && s[p - 1] == '-') sign = -1;
        if (p >= 3 && memcmp(s + p - 3, "\xE2\x88\x92", 3) == 0) sign = -1;
        double v = 0;
        int dec = 0;
        for (;;) {
            while (i < len && digit(s[i]))
                v = v * 10 + (s[i++] - '0');
            /* a thousands comma: exactly three digits follow */
            if (i + 3 < len + 1 && s[i] == ',' && digit(s[i + 1]) && digit(s[i + 2]) &&
                digit(s[i + 3]) && (i + 4 >= len || !digit(s[i + 4]))) {
                i++;
                continue;
            }
            break;
        }
        if (i + 1 < len && s[i] == '.' && digit(s[i + 1])) {
            i++;
            double scale = 1;
            while (i < len && digit(s[i])) {
                scale /= 10;
                v += (s[i++] - '0') * scale;
                dec++;
            }
        }
        double mult = 1;
        if (i < len && (s[i] == 'K' || s[i] == 'M' || s[i] == 'B') &&
            (i + 1 >= len || !(s[i + 1] >= 'a' && s[i + 1] <= 'z'))) {
            mult = s[i] == 'K' ? 1e3 : s[i] == 'M' ? 1e6 : 1e9;
            i++;
        }
        out[n++] = (num){sign * v, dec, mult};
    }
    return n;
}

/* Every number in the scene's texts is, rounded as drawn, a number of the alt text. Returns the
 * numbers not found. */
static int check_alt(const char *what, const pk_scene *s)
{
    static num alt[4096];
    size_t na = numbers(s->desc, alt, 4096);
    int bad = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        if (op->kind != PK_OP_TEXT) continue;
        num drawn[64];
        size_t nd = numbers(op->text, drawn, 64);
        for (size_t k = 0; k < nd; k++) {
            bool found = false;
            double scale = pow(10, drawn[k].decimals);
            for (size_t j = 0; j < na && !found; j++) {
                double a = alt[j].v * alt[j].mult / drawn[k].mult;
                double r = (a < 0 ? -1 : 1) * floor(fabs(a) * scale + 0.5 + 1e-9) / scale;
                found = fabs(r - drawn[k].v) < 1e-9;
            }
            if (!found) {
                fprintf(stderr, "%s: \"%s\" draws a number the alt text lacks\n  alt: %s\n", what,
                        op->text, s->desc);
                bad++;
            }
        }
    }
    return bad;
}

/* The one-sentence summary (embed.html's alt text): there, at most PK_SUMMARY_MAX bytes, every
 * number in it also in the long description; and the sources drawn are named. */
static int check_summary(const char *what, const pk_scene *s)
{
    int bad = 0;
    size_t len = s->summary ? strlen(s->summary) : 0;
    if (len == 0 || len > PK_SUMMARY_MAX) {
        fprintf(stderr, "%s: summary of %zu bytes: %s\n", what, len, s->summary ? s->summary : "");
        return 1;
    }
    static num alt[4096];
    size_t na = numbers(s->desc, alt, 4096);
    num said[64];
    size_t ns = numbers(s->summary, said, 64);
    for (size_t k = 0; k < ns; k++) {
        bool found = false;
        for (size_t j = 0; j < na && !found; j++)
            found = fabs(alt[j].v * alt[j].mult - said[k].v * said[k].mult) < 1e-9;
        if (!found) {
            fprintf(stderr, "%s: the summary says a number the alt text lacks: %s\n", what,
                    s->summary);
            bad++;
        }
    }
    if (!s->sources) {
        fprintf(stderr, "%s: no sources named\n", what);
        bad++;
    }
    return bad;
}

/* Graphics use the true minus (U+2212), prose the hyphen-minus. */
static int check_minus(const char *what, const pk_scene *s)
{
    int bad = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        if (op->kind != PK_OP_TEXT) continue;
        /* a hyphen after a digit or letter joins ("2026-01-15", "27-4014.00", "role-27"): a
         * minus follows a space or a bracket */
        for (const char *p = strchr(op->text, '-'); p; p = strchr(p + 1, '-'))
            if ((digit(p[1]) || p[1] == '$') &&
                !(p > op->text && (digit(p[-1]) || ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z')))) {
                fprintf(stderr, "%s: hyphen as a minus in \"%s\"\n", what, op->text);
                bad++;
            }
    }
    if (strstr(s->desc, "\xE2\x88\x92")) {
        fprintf(stderr, "%s: U+2212 in the alt text\n", what);
        bad++;
    }
    return bad;
}

/* No bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) in any text,
 * the title or the alt text: a viewer would reorder what the painters drew left to right. */
static bool has_bidi(const char *t)
{
    for (const unsigned char *p = (const unsigned char *)t; p && *p; p++) {
        if (p[0] == 0xD8 && p[1] == 0x9C) return true;
        if (p[0] == 0xE2 && p[1] == 0x80 &&
            (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
            return true;
        if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return true;
    }
    return false;
}

static int check_clean(const char *what, const pk_scene *s)
{
    int bad = has_bidi(s->title) + has_bidi(s->desc);
    for (size_t i = 0; i < s->n_ops; i++)
        if (s->ops[i].kind == PK_OP_TEXT && has_bidi(s->ops[i].text)) bad++;
    if (bad) fprintf(stderr, "%s: %d texts with bidirectional controls\n", what, bad);
    return bad;
}

static bool has_text(const pk_scene *s, const char *text)
{
    for (size_t i = 0; i < s->n_ops; i++)
        if (s->ops[i].kind == PK_OP_TEXT && strcmp(s->ops[i].text, text) == 0) return true;
    return false;
}

static size_t count_rects(const pk_scene *s, pk_rgba fill)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        if (op->kind == PK_OP_RECT && op->fill.a && op->fill.r == fill.r && op->fill.g == fill.g &&
            op->fill.b == fill.b)
            n++;
    }
    return n;
}

/* With PK_CHARTS_DUMP=DIR, writes the scene as DIR/<what>.png, '/' turned to '-', to look at. */
static void dump(const char *what, const pk_scene *s)
{
    const char *dir = getenv("PK_CHARTS_DUMP");
    if (!dir || !*dir) return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.png", dir, what);
    for (char *p = path + strlen(dir) + 1; *p; p++)
        if (*p == '/') *p = '-';
    pk_buf b = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    FILE *f = pk_render(s, path, &b, &d) == 0 ? fopen(path, "wb") : NULL;
    if (f) {
        fwrite(b.data, 1, b.len, f);
        fclose(f);
    }
    pk_diag_fini(&d);
    pk_buf_fini(&b);
}

/* Builds every chart the record has data for and runs the generic checks; returns the scenes
 * (NULL where has_data is false) in registry order. */
static void build_all(const char *what, const pk_record *r, pk_scene *out[])
{
    size_t k = 0;
    for (const pk_chart_def *c = pk_charts; c->name; c++, k++) {
        out[k] = NULL;
        if (!c->has_data(r)) continue;
        pk_diag d = PK_DIAG_INIT;
        char name[128];
        snprintf(name, sizeof name, "%s/%s", what, c->name);
        pk_scene *s = pk_chart_build(c, r, S, F, &ST, &d);
        CHECK(s != NULL);
        if (!s) {
            fprintf(stderr, "%s: %s\n", name, d.n ? d.msgs[0].text : "?");
            pk_diag_fini(&d);
            continue;
        }
        CHECK(d.n == 0);
        CHECK(s->width == ST.width && s->height == ST.height);
        CHECK(s->title && *s->title && s->desc && *s->desc);
        CHECK(check_layout(name, s) == 0);
        CHECK(check_alt(name, s) == 0);
        CHECK(check_minus(name, s) == 0);
        CHECK(check_clean(name, s) == 0);
        CHECK(strstr(s->desc, "Source: ") != NULL);
        dump(name, s);
        out[k] = s;
        pk_diag_fini(&d);
    }
}

/* Every chart again at its print height (what the brief draws unless a template sets one):
 * in the box, nothing overlapping, alt text whole. */
static void at_print_height(const char *what, const pk_record *r)
{
    pk_chart_style keep = ST;
    for (const pk_chart_def *c = pk_charts; c->name; c++) {
        if (!c->has_data(r)) continue;
        double share = c->print_height(r);
        CHECK(share >= 0.3 && share <= 1.2);
        ST.height = ST.width * share;
        ST.fit_height = true; /* as the brief draws it */
        pk_diag d = PK_DIAG_INIT;
        char name[128];
        snprintf(name, sizeof name, "%s/%s at its print height", what, c->name);
        pk_scene *s = pk_chart_build(c, r, S, F, &ST, &d);
        CHECK(s != NULL);
        if (s) {
            /* the print height, or taller by what the layout lacked (at most a third more) */
            CHECK(s->height >= ST.height && s->height <= ST.height * 1.34);
            CHECK(s->short_by == 0);
            CHECK(check_layout(name, s) == 0);
            CHECK(check_alt(name, s) == 0);
            CHECK(check_summary(name, s) == 0);
        } else {
            fprintf(stderr, "%s: %s\n", name, d.n ? d.msgs[0].text : "?");
        }
        pk_scene_free(s);
        pk_diag_fini(&d);
    }
    ST = keep;
}

/* Every chart at a phone's width (brief.html's narrow drawing), at pk_chart_height: in the box,
 * nothing overlapping, alt text whole. */
static void at_phone_width(const char *what, const pk_record *r)
{
    pk_chart_style keep = ST;
    for (const pk_chart_def *c = pk_charts; c->name; c++) {
        if (!c->has_data(r)) continue;
        ST.width = PK_CHART_PHONE_WIDTH;
        ST.height = pk_chart_height(c, r, ST.width);
        ST.fit_height = true; /* as brief.html draws it */
        CHECK(ST.height > 0 && ST.height <= 2 * ST.width);
        pk_diag d = PK_DIAG_INIT;
        char name[128];
        snprintf(name, sizeof name, "%s/%s at a phone's width", what, c->name);
        pk_scene *s = pk_chart_build(c, r, S, F, &ST, &d);
        CHECK(s != NULL);
        if (s) {
            CHECK(check_layout(name, s) == 0);
            CHECK(check_alt(name, s) == 0);
            CHECK(check_summary(name, s) == 0);
        } else {
            fprintf(stderr, "%s: %s\n", name, d.n ? d.msgs[0].text : "?");
        }
        pk_scene_free(s);
        pk_diag_fini(&d);
    }
    ST = keep;
}

/* ---- the comparison's charts (charts/compare.h) ---- */

/* Every comparison chart of the pair a, b that has data, by the same checks as the kit's: at
 * the kit files' width, at its print height and at a phone's width, as tall as its rows need
 * (never short), every text in the box and clear of the others, every number drawn in the alt
 * text, a summary, the true minus, no bidirectional control. Returns the charts checked. */
static size_t compare_pair(const char *what, const pk_record *a, const pk_record *b)
{
    const pk_record *r[2] = {a, b};
    size_t n = 0;
    for (size_t k = 0; pk_compare_charts[k]; k++) {
        const char *c = pk_compare_charts[k];
        if (!pk_compare_chart_has(c, r)) continue;
        for (int size = 0; size < 3; size++) {
            pk_chart_style st = ST;
            if (size == 1) st.height = st.width * pk_compare_print_height(c, r);
            if (size == 2) {
                st.width = PK_CHART_PHONE_WIDTH;
                st.height = pk_compare_chart_height(c, r, st.width);
            } else if (size == 0) {
                st.height = pk_compare_chart_height(c, r, st.width);
            }
            st.fit_height = true;
            char name[160];
            snprintf(name, sizeof name, "%s/%s at %s", what, c,
                     size == 0 ? "the files' size" : size == 1 ? "its print height" : "a phone's width");
            pk_diag d = PK_DIAG_INIT;
            pk_scene *s = pk_compare_chart_build(c, r, S, F, &st, &d);
            CHECK(s != NULL);
            if (!s) {
                fprintf(stderr, "%s: %s\n", name, d.n ? d.msgs[0].text : "?");
                pk_diag_fini(&d);
                continue;
            }
            CHECK(d.n == 0);
            CHECK(s->width == st.width && s->height >= st.height && s->short_by == 0);
            CHECK(s->title && *s->title && s->desc && strstr(s->desc, "Source: ") != NULL);
            CHECK(check_layout(name, s) == 0);
            CHECK(check_alt(name, s) == 0);
            CHECK(check_summary(name, s) == 0);
            CHECK(check_minus(name, s) == 0);
            CHECK(check_clean(name, s) == 0);
            pk_scene_free(s);
            pk_diag_fini(&d);
            n++;
        }
    }
    return n;
}

/* Every chart of every occupation of the real 2024 release (../shared/real-data, when it is
 * there) at its print height and at a phone's width: real titles, study lists and notes, not
 * only the sample's. Counts what was checked, so a pack that loads nothing fails. */
static void real_release(void)
{
    const char *src = getenv("PK_SOURCE_DIR");
    char root[1024], manifest[1024];
    snprintf(root, sizeof root, "%s/../shared/real-data", src ? src : ".");
    snprintf(manifest, sizeof manifest, "%s/data/packs/us-2024.json", src ? src : ".");
    struct stat sb;
    if (stat(root, &sb) != 0) {
        printf("skip - the real release: no real data at %s\n", root);
        return;
    }
    pk_diag d = PK_DIAG_INIT;
    pk_pack *p = pk_pack_load(manifest, root, &d);
    CHECK(p != NULL);
    if (!p) {
        for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
        pk_diag_fini(&d);
        return;
    }
    const pk_sources *keep = S;
    S = pk_pack_sources(p);
    size_t n, done = 0;
    const char *const *codes = pk_pack_codes(p, &n);
    for (size_t i = 0; i < n; i++) {
        pk_record *r = pk_pack_record(p, codes[i], &d);
        if (!r) continue;
        at_print_height(codes[i], r);
        at_phone_width(codes[i], r);
        /* and the kit's own files, 16:9, the size fixed */
        for (const pk_chart_def *c = pk_charts; c->name; c++) {
            if (!c->has_data(r)) continue;
            char name[128];
            snprintf(name, sizeof name, "%s/%s at 16:9", codes[i], c->name);
            pk_scene *sc = pk_chart_build(c, r, S, F, &ST, &d);
            CHECK(sc != NULL && sc->height == ST.height);
            if (sc)
                CHECK(check_layout(name, sc) == 0 && check_alt(name, sc) == 0 &&
                      check_summary(name, sc) == 0);
            pk_scene_free(sc);
        }
        pk_record_free(r);
        done++;
    }
    printf("the real release: every chart of %zu occupations at print height, phone width and 16:9\n",
           done);
    /* and the comparison's charts of each occupation beside the next one in the release */
    size_t pairs = 0, charts = 0;
    pk_record *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        pk_record *r = pk_pack_record(p, codes[i], &d);
        if (!r) continue;
        if (prev) {
            char what[64];
            snprintf(what, sizeof what, "%s-vs-%s", prev->soc, r->soc);
            charts += compare_pair(what, prev, r);
            pairs++;
        }
        pk_record_free(prev);
        prev = r;
    }
    pk_record_free(prev);
    printf("the real release: %zu comparison charts of %zu pairs\n", charts, pairs);
    CHECK(pairs + 1 == n && charts >= 3 * pairs);
    CHECK(done == n && n > 1000);
    S = keep;
    pk_pack_free(p);
    pk_diag_fini(&d);
}

static void free_all(pk_scene *sc[])
{
    for (size_t k = 0; pk_charts[k].name; k++)
        pk_scene_free(sc[k]);
}

static pk_scene *scene_of(pk_scene *sc[], const char *name)
{
    for (size_t k = 0; pk_charts[k].name; k++)
        if (strcmp(pk_charts[k].name, name) == 0) return sc[k];
    return NULL;
}

#define HEAD "{\"presskit_record\": 1, \"soc\": \"11-1011.00\", \"title\": "

static pk_record *parse(const char *json)
{
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_record_parse("t.json", json, strlen(json), S, NULL, &d);
    if (!r) fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "?");
    CHECK(r != NULL);
    pk_diag_fini(&d);
    return r;
}

/* ---- the share card ---- */

/* Builds r's share card with its kit's headline and checks it: every text inside the safe area
 * and clear of the others, every mark but the top strip inside it too, every number in the alt
 * text, and the large numbers those of the kit's headline (the card follows its rules). Returns
 * how many large numbers the card has. */
static int check_share(const char *what, const pk_record *r)
{
    pk_kit kit;
    pk_kit_build(&kit, r, S);
    pk_scene *s = pk_share_build(r, S, kit.headline, kit.url, F, &ST);
    char name[96];
    snprintf(name, sizeof name, "%s/share", what);
    CHECK(s->width == PK_SHARE_WIDTH && s->height == PK_SHARE_HEIGHT);
    CHECK(s->width * 4 / 3 == 1200 && s->height * 4 / 3 == 630);
    CHECK(check_layout_in(name, s, PK_SHARE_SAFE) == 0);
    CHECK(check_alt(name, s) == 0);
    CHECK(check_minus(name, s) == 0);
    CHECK(check_clean(name, s) == 0);
    dump(name, s);
    int big = 0, outside = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        if (op->kind == PK_OP_TEXT && op->size >= 40) {
            big++;
            char big_num[64];
            snprintf(big_num, sizeof big_num, "%s", op->text);
            size_t n = strlen(big_num);
            if (n && big_num[n - 1] == '+') big_num[n - 1] = '\0'; /* "$239,200+": "or more" */
            if (!strstr(kit.headline, big_num))
                fprintf(stderr, "%s: \"%s\" is not in the headline \"%s\"\n", name, op->text,
                        kit.headline);
            CHECK(strstr(kit.headline, big_num) != NULL);
        }
        /* marks: the strip along the top edge (the first rect) may leave the safe area */
        double x0 = op->x, y0 = op->y, x1 = op->x + op->w, y1 = op->y + op->h;
        if (op->kind == PK_OP_LINE) x1 = op->x2, y1 = op->y2;
        if ((op->kind == PK_OP_RECT && i > 0) || op->kind == PK_OP_LINE)
            outside += fmin(x0, x1) < PK_SHARE_SAFE || fmax(x0, x1) > s->width - PK_SHARE_SAFE ||
                       fmin(y0, y1) < PK_SHARE_SAFE || fmax(y0, y1) > s->height - PK_SHARE_SAFE;
    }
    CHECK(outside == 0);
    pk_scene_free(s);
    pk_kit_fini(&kit);
    return big;
}

/* The card for each of the kit's headline rules, and its texts for the sample. */
static void share(const pk_record *sample_r)
{
    CHECK(check_share("sample", sample_r) == 2);
    pk_kit kit;
    pk_kit_build(&kit, sample_r, S);
    pk_scene *s = pk_share_build(sample_r, S, kit.headline, kit.url, F, &ST);
    CHECK_STR(s->title, kit.headline);
    CHECK(has_text(s, "46th") && has_text(s, "1,200") &&
          has_text(s, "Sound Engineering Technicians"));
    CHECK(has_text(s, "U.S. occupation \xC2\xB7 SOC 27-4014.00"));
    CHECK(strstr(s->desc, "Share card: Sound Engineering Technicians (U.S. occupation, SOC "
                          "27-4014.00): 46th percentile for AI task overlap among U.S. occupations "
                          "(Moderate band); about 1,200 projected U.S. job openings a year, "
                          "2024\xE2\x80\x93"
                          "34.") == s->desc);
    pk_scene_free(s);
    pk_kit_fini(&kit);

    static const struct {
        const char *json;
        int figures;
    } cases[] = {
        /* overlap alone */
        {HEAD "\"Chief Executives\", \"exposure\": {\"task_overlap\": {\"value\": 3, \"unit\": "
              "\"percentile\", \"source\": \"aioe\"}}}",
         1},
        /* openings alone, seven figures */
        {HEAD "\"Chief Executives\", \"outlook\": {\"base_year\": 2024, \"target_year\": 2034, "
              "\"openings\": {\"value\": 1234567, \"unit\": \"count\", \"source\": "
              "\"bls-ep-2024\"}}}",
         1},
        /* median pay alone, top-coded */
        {HEAD "\"Chief Executives\", \"wages\": {\"median\": {\"value\": 239200, \"unit\": "
              "\"usd\", \"source\": \"oews-2024\", \"status\": \"top-coded\"}}}",
         1},
        /* nothing: the title alone */
        {HEAD "\"Chief Executives\"}", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pk_record *r = parse(cases[i].json);
        if (!r) continue;
        char what[32];
        snprintf(what, sizeof what, "share-case-%zu", i);
        CHECK(check_share(what, r) == cases[i].figures);
        pk_record_free(r);
    }
}

/* ---- the sample ---- */

static void registry(void)
{
    size_t n = 0;
    for (const pk_chart_def *c = pk_charts; c->name; c++, n++) {
        CHECK(c->about && c->has_data && c->build);
        CHECK(pk_chart_find(c->name) == c);
    }
    CHECK(n == 12);
    /* the brief's order */
    static const char *const order[] = {"exposure",      "augmentation", "projection", "ksa",
                                        "education",     "interests",    "wages",      "industries",
                                        "concentration", "quadrant",     "wage_history",
                                        "employment_history"};
    for (size_t i = 0; i < 12 && i < n; i++)
        CHECK_STR(pk_charts[i].name, order[i]);
    CHECK(pk_chart_find("wages") != NULL && pk_chart_find("nope") == NULL);
    CHECK(pk_chart_find(NULL) == NULL);
}

static void sample(const pk_record *r)
{
    pk_scene *sc[16];
    /* the sample is one release: no history chart, never an empty one */
    for (const pk_chart_def *c = pk_charts; c->name; c++)
        CHECK(c->has_data(r) == (strstr(c->name, "history") == NULL));
    build_all("sample", r, sc);

    pk_scene *w = scene_of(sc, "wages");
    if (w) {
        CHECK_STR(w->title, "What Sound Engineering Technicians earn");
        CHECK(strstr(w->desc, "Annual wages for Sound Engineering Technicians, U.S., May 2024: "
                              "10th percentile $36,600; 25th $47,680; median $66,430; 75th "
                              "$99,950; 90th $134,980.") == w->desc);
        CHECK(strstr(w->desc, "Source: BLS OEWS (May 2024).") != NULL);
        const char *labels[] = {"$37K",
                                "$48K",
                                "$66K",
                                "$100K",
                                "$135K",
                                "10th",
                                "25th",
                                "Median",
                                "75th",
                                "90th",
                                "Annual wages by percentile, U.S., May 2024",
                                "Source: BLS OEWS (May 2024)"};
        for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
            if (!has_text(w, labels[i])) fprintf(stderr, "wages: no \"%s\"\n", labels[i]);
            CHECK(has_text(w, labels[i]));
        }
        CHECK(count_rects(w, ST.accent_light) == 1 && count_rects(w, ST.accent) == 1);
    }
    pk_scene *p = scene_of(sc, "projection");
    if (p) {
        CHECK(has_text(p, "16.9K") && has_text(p, "16.6K"));
        CHECK(has_text(p, "\xE2\x88\x92"
                          "1.7%"));
        CHECK(has_text(p, "Declining") && has_text(p, "2024") && has_text(p, "2034 (proj.)"));
        CHECK(strstr(p->desc, "16,900 in 2024 and 16,600 in 2034, a change of -1.7% (Declining)"));
        CHECK(strstr(p->desc, "not an AI forecast") != NULL);
    }
    pk_scene *e = scene_of(sc, "exposure");
    if (e) {
        CHECK(has_text(e, "59th") && has_text(e, "62nd") && has_text(e, "19th"));
        CHECK(has_text(e, " \xC2\xB7 Moderate") && has_text(e, " \xC2\xB7 Low"));
        CHECK(has_text(e, "Overall AI exposure (Felten et al.)"));
        CHECK(strstr(e->desc, "Overall AI exposure (Felten et al.), 59th percentile (Moderate)"));
        CHECK(strstr(e->desc, "Felten AIOE") &&
              strstr(e->desc, "Eloundou et al. (GPTs are GPTs)") && strstr(e->desc, "Microsoft"));
        CHECK(count_rects(e, ST.accent) == 2 && count_rects(e, ST.accent_light) == 1);
    }
    pk_scene *ind = scene_of(sc, "industries");
    if (ind) {
        CHECK(count_rects(ind, ST.accent) == 8);
        CHECK(has_text(ind, "6.75K") && has_text(ind, "Information"));
        CHECK(strstr(ind->desc, "(top 8 of 12)") &&
              strstr(ind->desc, "Information: 6,750 workers"));
        /* the longest name is cut to the measured column, with an ellipsis */
        bool cut = false;
        for (size_t i = 0; i < ind->n_ops; i++)
            if (ind->ops[i].kind == PK_OP_TEXT &&
                strncmp(ind->ops[i].text, "Administrative", 14) == 0)
                cut = strstr(ind->ops[i].text, "\xE2\x80\xA6") != NULL;
        CHECK(cut);
    }
    pk_scene *q = scene_of(sc, "quadrant");
    if (q) {
        CHECK(has_text(q, "Sound Engineering Technicians"));
        CHECK(has_text(q, "Higher overlap \xC2\xB7 higher pay") &&
              has_text(q, "Lower overlap \xC2\xB7 lower pay"));
        CHECK(strstr(q->desc,
                     "46th percentile of AI task overlap and 56th percentile of median pay"));
    }
    pk_scene *a = scene_of(sc, "augmentation");
    if (a) {
        CHECK(has_text(a, "37.4%") && has_text(a, "12.9%") && has_text(a, "Working with AI"));
        CHECK(strstr(a->desc, "working with AI (augmentation) 37.4%; handing the task to AI "
                              "(automation) 12.9%.") != NULL);
        CHECK(count_rects(a, ST.accent) == 1 && count_rects(a, ST.highlight) == 1);
    }
    pk_scene *k = scene_of(sc, "ksa");
    if (k) {
        CHECK(has_text(k, "Knowledge") && has_text(k, "Skills") && has_text(k, "Abilities"));
        CHECK(has_text(k, "Computers and Electronics") && has_text(k, "4.6"));
        /* skills: the top five of the essential and transferable lists together */
        CHECK(has_text(k, "Complex Problem Solving") && !has_text(k, "Writing"));
        CHECK(count_rects(k, ST.accent) == 15);
        CHECK(strstr(k->desc, "from 1 (not important) to 5 (extremely important): Knowledge: "
                              "Computers and Electronics 4.6;") != NULL);
    }
    pk_scene *ed = scene_of(sc, "education");
    if (ed) {
        /* O*NET's order of levels, not the record's order of shares */
        CHECK(strstr(ed->desc, "High School Diploma 32%; Post-Secondary Certificate 20%; Some "
                               "College Courses 8%; Associate's Degree (or other 2-year degree) "
                               "12%; Bachelor's Degree 20%;") != NULL);
        CHECK(has_text(ed, "32%") && has_text(ed, "First Professional Degree"));
        CHECK(count_rects(ed, ST.accent) == 7);
    }
    pk_scene *in = scene_of(sc, "interests");
    if (in) {
        CHECK(has_text(in, "Realistic") && has_text(in, "5.1") && has_text(in, "1") &&
              has_text(in, "7"));
        CHECK(has_text(in, "Not in the data: Social."));
        CHECK(strstr(in->desc, "rated from 1 to 7: Realistic (") != NULL);
    }
    pk_scene *co = scene_of(sc, "concentration");
    if (co) {
        CHECK(has_text(co, "94.66\xC3\x97") && has_text(co, "0.90\xC3\x97") &&
              has_text(co, "1\xC3\x97"));
        CHECK(has_text(co, "National industry \xC2\xB7 580 workers"));
        CHECK(strstr(co->desc, "Theater Companies and Dinner Theaters (National industry) "
                               "94.66\xC3\x97, 580 workers;") != NULL);
        /* ordered by location quotient: the largest first */
        const char *first = NULL;
        for (size_t i = 0; i < co->n_ops && !first; i++)
            if (co->ops[i].kind == PK_OP_TEXT && strstr(co->ops[i].text, "\xC3\x97"))
                first = co->ops[i].text;
        CHECK_STR(first, "94.66\xC3\x97");
    }
    free_all(sc);
}

/* ---- records without the figures ---- */

static void no_data(void)
{
    pk_record *r = parse(HEAD "\"Chief Executives\", \"wages\": {\"median\": {\"unit\": \"usd\", "
                              "\"source\": \"oews-2024\", \"status\": \"not-available\"}}}");
    if (!r) return;
    for (const pk_chart_def *c = pk_charts; c->name; c++) {
        CHECK(!c->has_data(r));
        pk_diag d = PK_DIAG_INIT;
        CHECK(pk_chart_build(c, r, S, F, &ST, &d) == NULL);
        CHECK(d.n == 1);
        pk_diag_fini(&d);
    }
    pk_record_free(r);
}

/* ---- stress: long titles, large and crowded values, top codes, suppression ---- */

#define T100                                                                                       \
    "Supervisors of Landscaping, Lawn Service, Groundskeeping, Tree Trimming, and Pruning "        \
    "Workers (Misc.)"

/* Appends `, "key": {"value": v, "unit": unit, "source": src<extra>}`. */
static void fig(pk_buf *b, const char *key, double v, const char *unit, const char *src,
                const char *extra)
{
    pk_buf_printf(b, ", \"%s\": {\"value\": %.17g, \"unit\": \"%s\", \"source\": \"%s\"%s}", key, v,
                  unit, src, extra);
}

/* The five longest titles of O*NET 29.2 (Occupation Data), 96 to 105 characters. */
static const char *const long_titles[] = {
    "Grinding, Lapping, Polishing, and Buffing Machine Tool Setters, Operators, and Tenders, Metal "
    "and Plastic",
    "Separating, Filtering, Clarifying, Precipitating, and Still Machine Setters, Operators, and "
    "Tenders",
    "Teaching Assistants, Preschool, Elementary, Middle, and Secondary School, Except Special "
    "Education",
    "Low Vision Therapists, Orientation and Mobility Specialists, and Vision Rehabilitation "
    "Therapists",
    "Sales Representatives of Services, Except Advertising, Insurance, Financial Services, and "
    "Travel"};

/* O*NET's twelve levels of education as its files name them (Education, Training, and
 * Experience Categories, RL; the long explanations shortened here), with shares that add up to
 * 100, one below 1%. */
static const struct {
    const char *name;
    double pct;
} levels[] = {
    {"Less than a High School Diploma", 0.4},
    {"High School Diploma - or the equivalent (for example, GED)", 20.6},
    {"Post-Secondary Certificate - awarded for training completed after high school (for example, "
     "in agriculture or natural resources, computer services, personal or culinary services, "
     "engineering technologies, healthcare, construction trades, mechanic and repair "
     "technologies, or precision production)",
     9},
    {"Some College Courses", 9},
    {"Associate's Degree (or other 2-year degree)", 9},
    {"Bachelor's Degree", 9},
    {"Post-Baccalaureate Certificate - awarded for completion of an organized program of study; "
     "designed for people who have completed a Baccalaureate degree but do not meet the "
     "requirements of academic degrees carrying the title of Master",
     9},
    {"Master's Degree", 9},
    {"Post-Master's Certificate - awarded for completion of an organized program of study; "
     "designed for people who have completed a Master's degree but do not meet the requirements "
     "of academic degrees at the doctoral level",
     9},
    {"First Professional Degree - awarded for completion of a program that: requires at least 2 "
     "years of college work before entrance into the program, includes a total of at least 6 "
     "academic years of work to complete, and provides all remaining academic requirements to "
     "begin practice in a profession",
     9},
    {"Doctoral Degree", 4},
    {"Post-Doctoral Training", 3}};

/* Appends a list section `"key": {...}` of n items names[i] rated from hi down towards lo. */
static void rated_list(pk_buf *b, const char *key, const char *const *names, size_t n, double lo,
                       double hi)
{
    pk_buf_printf(b,
                  "\"%s\": {\"source\": \"onet\", \"unit\": \"rating\", \"scale\": [%g, %g], "
                  "\"items\": [",
                  key, lo, hi);
    for (size_t i = 0; i < n; i++)
        pk_buf_printf(b, "%s{\"name\": \"%s\", \"value\": %g}", i ? ", " : "", names[i],
                      hi - (hi - lo) * (double)i / (double)n);
    pk_buf_adds(b, "]}");
}

/* The stress record, built in steps (one literal would pass the 4095 characters C17 promises):
 * every section, long labels, crowded and extreme values. */
static void stress_json(pk_buf *b, const char *title)
{
    static const struct {
        const char *label;
        int pct;
        const char *band;
    } studies[] = {
        {"A very long study label that will not fit the label column at all, by any measure", 100,
         "Very high"},
        {"Zero", 0, "Very low"},
        {"One", 1, "Low"},
        {"Ninety-nine", 99, "High"},
        {"Another quite long label for an exposure study, with a comma", 50, "Moderate"},
        {"Six", 66, "Moderate"},
        {"Seven", 77, "High"},
        {"Eight", 88, "High"}};
    static const struct {
        const char *name;
        long workers;
    } industries[] = {
        {"Administrative and Support and Waste Management and Remediation Services, All Other",
         1234567},
        {"Professional, Scientific, and Technical Services Including Everything Else", 1234000},
        {"A", 999999},
        {"B", 999500},
        {"C", 5},
        {"D", 0},
        {"E", 1000},
        {"F", 99999},
        {"G", 12},
        {"H", 7}};
    /* a crowd in the top-right corner around this occupation (99, 99), the other corners, and
     * three at the centre */
    static const struct {
        const char *title;
        int x, y;
    } related[] = {{"Electrical and Electronic Engineering Technologists and Technicians", 98, 98},
                   {"First-Line Supervisors of Mechanics, Installers, and Repairers", 97, 99},
                   {"Audio and Video Technicians", 99, 97},
                   {"Lighting Technicians", 96, 96},
                   {"Media Technical Directors/Managers", 95, 99},
                   {"Robotics Technicians", 99, 95},
                   {"Musical Instrument Repairers and Tuners", 0, 0},
                   {"Audiovisual Equipment Installers and Repairers", 1, 2},
                   {"Camera Operators, Television, Video, and Film", 50, 50},
                   {"Broadcast Technicians", 50, 51},
                   {"Film and Video Editors", 51, 50},
                   {"Sound Designers", 100, 0}};

    static const double lqs[] = {1234567.89, 94.66, 27.43, 1, 0.99, 0.9, 0.02, 0, 3.5, 12};
    /* the longest names of O*NET's content model, and longer */
    static const char *const ksa[] = {"Idea Generation and Reasoning Abilities",
                                      "Flexibility, Balance, and Coordination",
                                      "Management of Personnel Resources",
                                      "Management of Financial Resources",
                                      "A knowledge area with a name far longer than any O*NET uses",
                                      "Mathematics",
                                      "X"};

    pk_buf_printf(b, HEAD "\"%s\",\n\"exposure\": {\"studies\": [", title);
    for (size_t i = 0; i < sizeof studies / sizeof studies[0]; i++)
        pk_buf_printf(b,
                      "%s{\"id\": \"aioe\", \"label\": \"%s\", \"score\": {\"value\": 0.5, "
                      "\"unit\": \"score\", \"source\": \"aioe\", \"percentile\": %d, "
                      "\"band\": \"%s\"}}",
                      i ? ", " : "", studies[i].label, studies[i].pct, studies[i].band);
    pk_buf_adds(b, "],\n \"task_overlap\": {\"value\": 99, \"unit\": \"percentile\", "
                   "\"source\": \"gpts-are-gpts+aioe\"}},\n");
    pk_buf_adds(b, "\"outlook\": {\"base_year\": 2024, \"target_year\": 2034");
    fig(b, "employment_base", 1234567, "count", "bls-ep-2024", "");
    fig(b, "employment_target", 1345678, "count", "bls-ep-2024", "");
    fig(b, "change", 9.0, "percent", "bls-ep-2024", "");
    fig(b, "openings", 123456, "count", "bls-ep-2024", "");
    pk_buf_adds(b, ", \"label\": \"Much faster than average, a label long enough to wrap\"},\n");
    pk_buf_adds(b, "\"wages\": {\"employment\": {\"value\": 1, \"unit\": \"count\", "
                   "\"source\": \"oews-2024\"}");
    fig(b, "p10", 1234567, "usd", "oews-2024", "");
    fig(b, "p25", 1240000, "usd", "oews-2024", "");
    fig(b, "median", 1245000, "usd", "oews-2024", ", \"percentile\": 99");
    pk_buf_adds(b, ", \"p75\": {\"unit\": \"usd\", \"source\": \"oews-2024\", "
                   "\"status\": \"not-available\"}");
    fig(b, "p90", 2391200, "usd", "oews-2024", ", \"status\": \"top-coded\"");
    pk_buf_adds(b, "},\n");
    pk_buf_adds(b, "\"industries\": {\"source\": \"oews-2024\", \"items\": [");
    for (size_t i = 0; i < sizeof industries / sizeof industries[0]; i++)
        pk_buf_printf(b, "%s{\"name\": \"%s\", \"level\": \"%s\", \"workers\": %ld, \"lq\": %.17g}",
                      i ? ", " : "", industries[i].name, i % 3 ? "National industry" : "Sector",
                      industries[i].workers, lqs[i]);
    pk_buf_adds(b,
                "]},\n\"education\": {\"source\": \"onet\", \"unit\": \"percent\", \"items\": [");
    /* in the order of their shares, as the importers write them */
    for (size_t i = sizeof levels / sizeof levels[0]; i-- > 0;)
        pk_buf_printf(b, "%s{\"name\": \"%s\", \"value\": %g}",
                      i + 1 < sizeof levels / sizeof levels[0] ? ", " : "", levels[i].name,
                      levels[i].pct);
    pk_buf_adds(b, "]},\n");
    rated_list(b, "knowledge", ksa, 7, 1, 5);
    pk_buf_adds(b, ",\n");
    rated_list(b, "abilities", ksa + 1, 6, 1, 5);
    pk_buf_adds(b, ",\n\"skills\": {");
    rated_list(b, "essential", ksa + 2, 5, 1, 5);
    pk_buf_adds(b, ", ");
    rated_list(b, "transferable", ksa, 3, 1, 5);
    static const char *const types[] = {"Realistic", "Investigative", "Artistic",
                                        "Social",    "Enterprising",  "Conventional"};
    pk_buf_adds(b, "},\n\"interests\": {");
    rated_list(b, "riasec", types, 6, 1, 7);
    pk_buf_adds(b, "},\n\"ai_usage\": {");
    pk_buf_adds(b, "\"augmentation\": {\"value\": 99.96, \"unit\": \"percent\", \"source\": "
                   "\"aei\"}, \"automation\": {\"value\": 0.04, \"unit\": \"percent\", "
                   "\"source\": \"aei\"}},\n");
    /* history: a SOC 2010 point, a top-coded median, a suppressed employment, a release with
       no point (a note), the largest values, and employment of 0 */
    pk_buf_adds(b, "\"history\": {\"points\": ["
                   "{\"year\": 2015, \"release\": \"May 2015\", \"source\": \"oews-2024\", "
                   "\"system\": \"SOC 2010\", \"code\": \"99-9999\", \"median\": 1100000, "
                   "\"p25\": 900000, \"p75\": 1300000, \"employment\": 123456789}, "
                   "{\"year\": 2020, \"release\": \"May 2020\", \"source\": \"oews-2024\", "
                   "\"median\": {\"status\": \"not-available\"}, \"p25\": 1000000, "
                   "\"p75\": {\"status\": \"not-available\"}, \"employment\": 0, "
                   "\"top_coded\": [\"median\", \"p75\"]}, "
                   "{\"year\": 2021, \"release\": \"May 2021\", \"source\": \"oews-2024\", "
                   "\"median\": 1200000, \"p25\": 1000000, \"p75\": 1400000, "
                   "\"employment\": {\"status\": \"not-available\"}}, "
                   "{\"year\": 2022, \"release\": \"May 2022\", \"source\": \"oews-2024\", "
                   "\"median\": 1234567, \"p25\": 1000000, \"p75\": 1999999, "
                   "\"employment\": 99999999}, "
                   "{\"year\": 2024, \"release\": \"May 2024\", \"source\": \"oews-2024\", "
                   "\"median\": 1240000, \"p25\": 1230000, \"p75\": 1250000, "
                   "\"employment\": 5}], "
                   "\"notes\": [{\"year\": 2023, \"source\": \"oews-2024\", \"text\": \"The "
                   "release has no row for this code\"}]},\n");
    pk_buf_adds(b, "\"quadrant\": {\"related\": [");
    for (size_t i = 0; i < sizeof related / sizeof related[0]; i++)
        pk_buf_printf(b,
                      "%s{\"title\": \"%s\", \"overlap_percentile\": {\"value\": %d, \"unit\": "
                      "\"percentile\", \"source\": \"aioe\"}, \"pay_percentile\": {\"value\": "
                      "%d, \"unit\": \"percentile\", \"source\": \"oews-2024\"}}",
                      i ? ", " : "", related[i].title, related[i].x, related[i].y);
    pk_buf_adds(b, "]}}");
}

/* The charts and the share card of the stress record with each long title: laid out (in
 * build_all and check_share), nothing overlapping. */
static void stress_titles(void)
{
    for (size_t k = 0; k < sizeof long_titles / sizeof *long_titles; k++) {
        CHECK(strlen(long_titles[k]) >= 96);
        pk_buf json = PK_BUF_INIT;
        stress_json(&json, long_titles[k]);
        pk_record *r = parse(json.data);
        pk_buf_fini(&json);
        if (!r) continue;
        pk_scene *sc[16];
        char what[32];
        snprintf(what, sizeof what, "long-title-%zu", k);
        build_all(what, r, sc);
        for (size_t i = 0; pk_charts[i].name; i++)
            CHECK(sc[i] != NULL);
        check_share(what, r);
        free_all(sc);
        pk_record_free(r);
    }
}

/* The wage scale's break (docs/charts/README.md): from $0 unless the 10th percentile is far from
 * it (more than 40% of the 90th and at least $50,000), then from a round amount below it. */
static void wage_scale(pk_record *r)
{
    pk_figure *f[5] = {&r->wages.p10, &r->wages.p25, &r->wages.median, &r->wages.p75,
                       &r->wages.p90};
    double keep[5];
    for (int i = 0; i < 5; i++) keep[i] = f[i]->value;
    static const double high[5] = {65000, 81000, 104000, 131000, 162000};
    static const double low[5] = {30000, 33000, 36000, 40000, 43000};
    const pk_chart_def *def = pk_chart_find("wages");
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 5; i++) f[i]->value = k ? low[i] : high[i];
        pk_diag d = PK_DIAG_INIT;
        pk_scene *w = pk_chart_build(def, r, S, F, &ST, &d);
        CHECK(w != NULL);
        if (w) {
            CHECK(check_layout(k ? "wages-low" : "wages-high", w) == 0);
            if (k == 0) {
                CHECK(strstr(w->desc, "Drawn to scale from $50,000 (the scale does not start at $0).") != NULL);
                CHECK(has_text(w, "$50K") && !has_text(w, "$0"));
            } else {
                CHECK(strstr(w->desc, "Drawn to scale from $0.") != NULL);
                CHECK(has_text(w, "$0"));
            }
            pk_scene_free(w);
        }
        pk_diag_fini(&d);
    }
    for (int i = 0; i < 5; i++) f[i]->value = keep[i];
}

static void stress(void)
{
    CHECK(strlen(T100) == 100);
    pk_buf json = PK_BUF_INIT;
    stress_json(&json, T100);
    pk_record *r = parse(json.data);
    pk_buf_reset(&json);
    if (!r) {
        pk_buf_fini(&json);
        return;
    }
    pk_scene *sc[16];
    for (const pk_chart_def *c = pk_charts; c->name; c++)
        CHECK(c->has_data(r));
    build_all("stress", r, sc);
    at_print_height("stress", r);
    at_phone_width("stress", r);
    check_share("stress", r);
    pk_scene *w = scene_of(sc, "wages");
    if (w) {
        CHECK(has_text(w, "$2.4M+"));
        CHECK(strstr(w->desc, "90th $2,391,200 or more") != NULL);
        CHECK(strstr(w->desc, "Not available: the 75th percentile.") != NULL);
        /* the middle band needs the 75th: only the light band is drawn */
        CHECK(count_rects(w, ST.accent) == 0 && count_rects(w, ST.accent_light) == 1);
    }
    pk_scene *p = scene_of(sc, "projection");
    if (p) {
        CHECK(has_text(p, "1.23M") && has_text(p, "1.35M") && has_text(p, "+9.0%"));
        CHECK(strstr(p->desc, "1,234,567 in 2024 and 1,345,678 in 2034, a change of +9.0%"));
    }
    pk_scene *ind = scene_of(sc, "industries");
    if (ind) {
        CHECK(count_rects(ind, ST.accent) == 8);
        CHECK(has_text(ind, "1M") && has_text(ind, "1.23M"));
        CHECK(strstr(ind->desc, "(top 8 of 10)") != NULL);
    }
    pk_scene *q = scene_of(sc, "quadrant");
    if (q) { /* this occupation's label is always there, even in a crowded corner */
        bool own = false;
        for (size_t i = 0; i < q->n_ops; i++)
            if (q->ops[i].kind == PK_OP_TEXT && strncmp(q->ops[i].text, "Supervisors of", 14) == 0)
                own = true;
        CHECK(own);
    }
    pk_scene *co = scene_of(sc, "concentration");
    if (co) { /* a seven-figure quotient is drawn whole; the bars give up width */
        CHECK(has_text(co, "1,234,567.89\xC3\x97"));
        CHECK(has_text(co, "Sector \xC2\xB7 1,234,567 workers"));
        CHECK(strstr(co->desc, "(top 8 of 10)") != NULL);
        CHECK(count_rects(co, ST.accent) == 8);
    }
    pk_scene *ed = scene_of(sc, "education");
    if (ed) { /* all twelve levels, in order, named without O*NET's explanations */
        CHECK(count_rects(ed, ST.accent) == 12);
        CHECK(has_text(ed, "0.4%") && has_text(ed, "20.6%") && has_text(ed, "9.0%"));
        CHECK(has_text(ed, "Post-Doctoral Training") && has_text(ed, "High School Diploma"));
        CHECK(strstr(ed->desc, "Less than a High School Diploma 0.4%; High School Diploma 20.6%; "
                               "Post-Secondary Certificate 9.0%;") != NULL);
        CHECK(strstr(ed->desc, "for example") == NULL);
    }
    pk_scene *k = scene_of(sc, "ksa");
    if (k) { /* five in each panel, the long names wrapped to two lines, not cut */
        CHECK(count_rects(k, ST.accent) == 15);
        bool cut = false, wrapped = false;
        for (size_t i = 0; i < k->n_ops; i++) {
            if (k->ops[i].kind != PK_OP_TEXT) continue;
            if (strstr(k->ops[i].text, "\xE2\x80\xA6")) cut = true;
            if (strcmp(k->ops[i].text, "Management of Personnel") == 0) wrapped = true;
        }
        CHECK(!cut && wrapped);
    }
    pk_scene *in = scene_of(sc, "interests");
    if (in) {
        CHECK(count_rects(in, ST.accent) == 6);
        CHECK(!has_text(in, "Not in the data: Social."));
    }
    pk_scene *a = scene_of(sc, "augmentation");
    /* one precision for both bars (docs/methodology.md, "Precision"), never "100.0%" beside "0.04%" */
    if (a) CHECK(has_text(a, "99.960%") && has_text(a, "0.040%") && !has_text(a, "100.0%"));
    free_all(sc);
    pk_record_free(r);

    /* every wage top-coded at the same value: five labels want one spot */
    pk_buf_adds(&json, HEAD "\"Chief Executives\", \"wages\": {\"employment\": {\"value\": 1, "
                            "\"unit\": \"count\", \"source\": \"oews-2024\"}");
    fig(&json, "p10", 80000, "usd", "oews-2024", "");
    fig(&json, "p25", 150000, "usd", "oews-2024", "");
    fig(&json, "median", 239200, "usd", "oews-2024", ", \"status\": \"top-coded\"");
    fig(&json, "p75", 239200, "usd", "oews-2024", ", \"status\": \"top-coded\"");
    fig(&json, "p90", 239200, "usd", "oews-2024", ", \"status\": \"top-coded\"");
    pk_buf_adds(&json, "}}");
    r = parse(json.data);
    pk_buf_fini(&json);
    if (r) {
        build_all("topcoded", r, sc);
        w = scene_of(sc, "wages");
        if (w) {
            CHECK(has_text(w, "$239K+"));
            CHECK(strstr(w->desc, "median $239,200 or more") != NULL);
        }
        free_all(sc);
        pk_record_free(r);
    }
}

/* A hostile title: 20,000 characters, one word, then many words; the charts stay in their box
 * and are built quickly (the cut is found in one pass). */
static void hostile(void)
{
    for (int words = 0; words < 2; words++) {
        pk_buf j = PK_BUF_INIT;
        pk_buf_adds(&j, HEAD "\"");
        for (int i = 0; i < 20000; i++)
            pk_buf_adds(&j, words && i % 7 == 6 ? " " : "W");
        pk_buf_adds(&j, "\", \"wages\": {\"median\": {\"value\": 1, \"unit\": \"usd\", \"source\": "
                        "\"oews-2024\", \"percentile\": 0}}, \"exposure\": {\"task_overlap\": "
                        "{\"value\": 0, \"unit\": \"percentile\", \"source\": \"aioe\"}}}");
        pk_record *r = parse(j.data);
        if (r) {
            pk_scene *sc[16];
            build_all(words ? "hostile-words" : "hostile-word", r, sc);
            CHECK(scene_of(sc, "wages") != NULL && scene_of(sc, "quadrant") != NULL);
            free_all(sc);
            pk_record_free(r);
        }
        pk_buf_fini(&j);
    }
}

/* Bidirectional controls in every name a chart draws (the title, industries, list items): none
 * reaches a text, a title or an alt text (check_clean, in build_all and check_share). */
static void bidi(void)
{
    pk_buf json = PK_BUF_INIT;
    stress_json(&json, "Sound \xE2\x80\xAE"
                       "srepaeK\xE2\x80\xAC \xE2\x81\xA6Technicians\xE2\x81\xA9 \xE2\x80\x8F<b>&"
                       "\\\"x\\\"\xD8\x9C");
    pk_record *r = parse(json.data);
    pk_buf_fini(&json);
    if (!r) return;
    pk_scene *sc[16];
    build_all("bidi", r, sc);
    for (size_t i = 0; pk_charts[i].name; i++)
        CHECK(sc[i] != NULL);
    pk_scene *w = scene_of(sc, "wages");
    if (w) CHECK_STR(w->title, "What Sound srepaeK Technicians <b>&\"x\" earn");
    check_share("bidi", r);
    free_all(sc);
    pk_record_free(r);
}

/* A pair is drawn for neither when neither has the figures; a figure only one has is drawn
 * for that one and said "not available" for the other, never drawn as zero. */
static void compare_charts(const pk_record *sample_r)
{
    pk_buf json = PK_BUF_INIT;
    stress_json(&json, T100);
    pk_record *st = parse(json.data);
    pk_buf_reset(&json);
    pk_buf_adds(&json, HEAD "\"Bare\"}");
    pk_record *bare = parse(json.data);
    pk_buf_fini(&json);
    if (!st || !bare) {
        pk_record_free(st);
        pk_record_free(bare);
        return;
    }
    CHECK(compare_pair("sample-vs-stress", sample_r, st) == 9);
    CHECK(compare_pair("stress-vs-sample", st, sample_r) == 9);
    CHECK(compare_pair("sample-vs-bare", sample_r, bare) == 9);
    for (size_t k = 0; k < sizeof long_titles / sizeof *long_titles; k++) {
        pk_buf j = PK_BUF_INIT;
        stress_json(&j, long_titles[k]);
        pk_record *lt = parse(j.data);
        pk_buf_fini(&j);
        if (!lt) continue;
        char what[48];
        snprintf(what, sizeof what, "long-title-%zu-vs-sample", k);
        CHECK(compare_pair(what, lt, sample_r) == 9);
        pk_record_free(lt);
    }
    const pk_record *r[2] = {sample_r, bare};
    /* the bare record has no pay: its row says so, and the alt text too */
    pk_chart_style s2 = ST;
    s2.fit_height = true;
    pk_diag d = PK_DIAG_INIT;
    pk_scene *w = pk_compare_chart_build("compare-wages", r, S, F, &s2, &d);
    CHECK(w && has_text(w, "Pay not available") && strstr(w->desc, "Bare, pay not available"));
    pk_scene_free(w);
    const pk_record *none[2] = {bare, bare};
    for (size_t k = 0; pk_compare_charts[k]; k++) CHECK(!pk_compare_chart_has(pk_compare_charts[k], none));
    CHECK(pk_compare_chart_build("pie", r, S, F, &s2, &d) == NULL && d.n == 1);
    pk_diag_fini(&d);
    pk_record_free(st);
    pk_record_free(bare);
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    F = pk_fonts_new();
    if (pk_chart_style_default(&ST, F, &d) != 0) {
        fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "?");
        pk_fonts_free(F);
        pk_diag_fini(&d);
        return 1;
    }
    CHECK(ST.width == 900 && ST.height == 506.25 && ST.margin == 24);
    pk_store *st = pk_store_open(NULL, NULL, &d);
    pk_record *r = st ? pk_store_load(st, "27-4014.00", &d) : NULL;
    CHECK(r != NULL);
    if (r) {
        S = pk_store_sources(st);
        RUN(registry);
        sample(r);
        at_print_height("sample", r);
        at_phone_width("sample", r);
        share(r);
        wage_scale(r);
        RUN(no_data);
        RUN(stress);
        RUN(stress_titles);
        RUN(hostile);
        RUN(bidi);
        compare_charts(r);
        RUN(real_release);
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_fonts_free(F);
    pk_diag_fini(&d);
    return pk_t_finish();
}
