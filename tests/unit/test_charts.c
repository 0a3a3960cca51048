/* test_charts.c: the charts (charts/charts.c) for the embedded sample and for stress records
 * (100-character titles, seven-figure values, crowded labels, top-coded and suppressed wages,
 * a hostile 20,000-character title): every text inside the frame, no two texts overlapping,
 * graphics using the true minus, and every number drawn also in the alt text. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>

#include "charts/charts.h"
#include "data/buf.h"
#include "data/store.h"

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

/* Every text inside the scene and clear of every other; returns the problems found. */
static int check_layout(const char *what, const pk_scene *s)
{
    const double eps = 0.01;
    int bad = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *a = &s->ops[i];
        if (a->kind != PK_OP_TEXT) continue;
        tbox ba = text_box(s, a);
        if (ba.x < -eps || ba.x + ba.w > s->width + eps || ba.y < -eps ||
            ba.y + ba.h > s->height + eps) {
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

/* Graphics use the true minus (U+2212), prose the hyphen-minus. */
static int check_minus(const char *what, const pk_scene *s)
{
    int bad = 0;
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        if (op->kind != PK_OP_TEXT) continue;
        for (const char *p = strchr(op->text, '-'); p; p = strchr(p + 1, '-'))
            if (digit(p[1]) || p[1] == '$') {
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
        pk_scene *s = c->build(r, S, F, &ST, &d);
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
        CHECK(strstr(s->desc, "Source: ") != NULL);
        out[k] = s;
        pk_diag_fini(&d);
    }
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

/* ---- the sample ---- */

static void registry(void)
{
    size_t n = 0;
    for (const pk_chart_def *c = pk_charts; c->name; c++, n++) {
        CHECK(c->about && c->has_data && c->build);
        CHECK(pk_chart_find(c->name) == c);
    }
    CHECK(n == 5);
    CHECK(pk_chart_find("wages") != NULL && pk_chart_find("nope") == NULL);
    CHECK(pk_chart_find(NULL) == NULL);
}

static void sample(const pk_record *r)
{
    pk_scene *sc[8];
    for (const pk_chart_def *c = pk_charts; c->name; c++)
        CHECK(c->has_data(r));
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
    free_all(sc);
}

/* ---- records without the figures ---- */

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

static void no_data(void)
{
    pk_record *r = parse(HEAD "\"Chief Executives\", \"wages\": {\"median\": {\"unit\": \"usd\", "
                              "\"source\": \"oews-2024\", \"status\": \"not-available\"}}}");
    if (!r) return;
    for (const pk_chart_def *c = pk_charts; c->name; c++) {
        CHECK(!c->has_data(r));
        pk_diag d = PK_DIAG_INIT;
        CHECK(c->build(r, S, F, &ST, &d) == NULL);
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

/* The stress record, built in steps (one literal would pass the 4095 characters C17 promises):
 * every section, long labels, crowded and extreme values. */
static void stress_json(pk_buf *b)
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

    pk_buf_adds(b, HEAD "\"" T100 "\",\n\"exposure\": {\"studies\": [");
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
        pk_buf_printf(b, "%s{\"name\": \"%s\", \"level\": \"National industry\", \"workers\": %ld}",
                      i ? ", " : "", industries[i].name, industries[i].workers);
    pk_buf_adds(b, "]},\n\"quadrant\": {\"related\": [");
    for (size_t i = 0; i < sizeof related / sizeof related[0]; i++)
        pk_buf_printf(b,
                      "%s{\"title\": \"%s\", \"overlap_percentile\": {\"value\": %d, \"unit\": "
                      "\"percentile\", \"source\": \"aioe\"}, \"pay_percentile\": {\"value\": "
                      "%d, \"unit\": \"percentile\", \"source\": \"oews-2024\"}}",
                      i ? ", " : "", related[i].title, related[i].x, related[i].y);
    pk_buf_adds(b, "]}}");
}

static void stress(void)
{
    CHECK(strlen(T100) == 100);
    pk_buf json = PK_BUF_INIT;
    stress_json(&json);
    pk_record *r = parse(json.data);
    pk_buf_reset(&json);
    if (!r) {
        pk_buf_fini(&json);
        return;
    }
    pk_scene *sc[8];
    for (const pk_chart_def *c = pk_charts; c->name; c++)
        CHECK(c->has_data(r));
    build_all("stress", r, sc);
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
            pk_scene *sc[8];
            build_all(words ? "hostile-words" : "hostile-word", r, sc);
            CHECK(scene_of(sc, "wages") != NULL && scene_of(sc, "quadrant") != NULL);
            free_all(sc);
            pk_record_free(r);
        }
        pk_buf_fini(&j);
    }
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
        RUN(no_data);
        RUN(stress);
        RUN(hostile);
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_fonts_free(F);
    pk_diag_fini(&d);
    return pk_t_finish();
}
