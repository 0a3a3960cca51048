/* import_bls.c: the Bureau of Labor Statistics importers. OEWS national gives each occupation its
 * wage percentiles, employment, job family and median-pay percentile; OEWS by sector (with the
 * national file as lookup) gives the industries that employ it and their location quotients;
 * Employment Projections Table 1.2 gives the outlook and Table 1.10 the annual openings.
 * Columns are found by header name. The rules for the figures computed here (percentile, LQ,
 * outlook wording) are stated again in docs/methodology.md. Part of data/. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/import.h"
#include "data/schema.h"
#include "data/text.h"

/* OEWS writes "#" for a wage at or above its top code, $239,200 a year or $115.00 an hour in the
 * May 2024 release: the brief then says "$239,200 or more". A new release may move them. */
#define OEWS_TOP_WAGE 239200.0
#define OEWS_TOP_HOURLY 115.0
/* EP tables give employment and openings in thousands of jobs. */
#define EP_THOUSANDS 1000.0
/* The industries a record keeps: the brief's tables show a dozen. */
#define MAX_INDUSTRIES 12
/* EP headers write year ranges with an en dash: "2024–34". */
#define EN_DASH "\xe2\x80\x93"

/* ---- shared ---- */

/* A SOC 2018 code as BLS writes it, detailed or group: "27-4014", "27-0000". */
static bool soc_code_valid(const char *s)
{
    return strlen(s) == 7 && s[2] == '-' && strspn(s, "0123456789") == 2 &&
           strspn(s + 3, "0123456789") == 4;
}

/* Checks the code cell of a row; reports it (and returns false) when it is not a SOC code. */
static bool need_code(pk_csv *c, const pk_csv_row *row, int col)
{
    if (soc_code_valid(row->f[col])) return true;
    pk_buf q = PK_BUF_INIT;
    pk_diag_quote(&q, row->f[col], row->len[col], 40);
    pk_csv_error(c, row, (size_t)col, "expected a SOC code like 27-4014, got %s", q.data);
    pk_buf_fini(&q);
    return false;
}

/* The run of p->occs whose codes start with the first `len` bytes of `prefix` (the codes are
 * sorted, so it is contiguous); sets *n, 0 (and NULL: no offset taken from an empty pack's
 * NULL array) when none. pk_pack_occs_for_soc does this for whole
 * SOC codes; job families need the two-digit major group. */
static pk_occ **occs_with_prefix(pk_pack *p, const char *prefix, size_t len, size_t *n)
{
    size_t lo = 0, hi = p->n_occs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(p->occs[mid]->rec.soc, prefix, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < p->n_occs && strncmp(p->occs[end]->rec.soc, prefix, len) == 0)
        end++;
    *n = end - lo;
    return *n ? &p->occs[lo] : NULL;
}

/* ---- OEWS national: wages, employment, job family, median-pay percentile ---- */

/* One detailed occupation with a median wage, for the median-pay ranking. */
typedef struct ranked {
    double median; /* A_MEDIAN, or the top code when top-coded */
    char code[8];  /* SOC code */
    size_t line;   /* where it is in the file, for messages */
    pk_occ **occs; /* the pack occupations it gives wages to (a run of p->occs); n_occs 0: none */
    size_t n_occs;
} ranked;

typedef struct oews_ctx {
    pk_pack *p;
    const pk_input *in;
    bool header;
    int code, title, group, emp, wage[5];
    int hwage[5], hourly; /* H_PCT10 ... H_PCT90 and HOURLY, when the file has them (else -1) */
    ranked *rk; /* owned */
    size_t n_rk, cap_rk;
} oews_ctx;

static const char *const wage_cols[5] = {"A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"};
static const char *const hourly_cols[5] = {"H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"};

/* A major group row ("27-0000"): its title is the job family of every occupation in it. */
static void oews_major(oews_ctx *x, pk_csv *c, const pk_csv_row *row)
{
    if (!need_code(c, row, x->code)) return;
    const char *code = row->f[x->code];
    if (strcmp(code + 2, "-0000") != 0) {
        pk_csv_error(c, row, (size_t)x->code,
                     "a major group's code ends in -0000 (like 27-0000), got \"%s\"", code);
        return;
    }
    if (row->len[x->title] == 0) {
        pk_csv_error(c, row, (size_t)x->title, "empty title for major group %s", code);
        return;
    }
    size_t n;
    pk_occ **occs = occs_with_prefix(x->p, code, 2, &n);
    if (n == 0) return;
    const char *title = pk_pack_str(x->p, row->f[x->title]);
    for (size_t i = 0; i < n; i++) {
        occs[i]->rec.job_family = title;
        occs[i]->rec.job_family_source = x->in->source;
    }
}

static int oews_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    oews_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        x->code = pk_csv_need(c, "OCC_CODE");
        x->title = pk_csv_need(c, "OCC_TITLE");
        x->group = pk_csv_need(c, "O_GROUP");
        x->emp = pk_csv_need(c, "TOT_EMP");
        bool ok = x->code >= 0 && x->title >= 0 && x->group >= 0 && x->emp >= 0;
        for (int i = 0; i < 5; i++)
            ok &= (x->wage[i] = pk_csv_need(c, wage_cols[i])) >= 0;
        /* hourly wages and the "hourly only" flag: optional, as older releases lack some */
        for (int i = 0; i < 5; i++)
            x->hwage[i] = pk_csv_col(c, hourly_cols[i]);
        x->hourly = pk_csv_col(c, "HOURLY");
        return !ok;
    }
    const char *group = row->f[x->group];
    if (strcmp(group, "major") == 0) {
        oews_major(x, c, row);
        return 0;
    }
    /* "total", "minor" and "broad" rows are aggregates: only detailed occupations are ranked
     * and matched (a few codes are both broad and detailed, listed once as each) */
    if (strcmp(group, "detailed") != 0) return 0;
    if (!need_code(c, row, x->code)) return 0;
    const char *code = row->f[x->code];
    size_t n;
    bool combined;
    pk_occ **occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
    if (n && occs[0]->rec.wages.present) {
        pk_csv_error(c, row, (size_t)x->code, "occupation %s is listed twice; this row is ignored",
                     code);
        return 0;
    }
    if (n == 0) return 0; /* a code O*NET does not have */
    /* a malformed cell is reported by pk_cell_figure and left ABSENT: the rest of the row counts */
    pk_figure w[5], h[5], emp;
    bool any_hourly = false;
    for (int i = 0; i < 5; i++) {
        pk_cell_figure(c, row, x->wage[i], PK_UNIT_USD, x->in->source, 1, OEWS_TOP_WAGE, &w[i]);
        memset(&h[i], 0, sizeof h[i]);
        h[i].percentile = -1;
        if (x->hwage[i] >= 0 &&
            pk_cell_figure(c, row, x->hwage[i], PK_UNIT_USD_HOUR, x->in->source, 1,
                           OEWS_TOP_HOURLY, &h[i]))
            any_hourly |= pk_fig_has(&h[i]);
    }
    pk_cell_figure(c, row, x->emp, PK_UNIT_COUNT, x->in->source, 1, 0, &emp);
    /* whom the figures describe: the SOC (or combined) code and title BLS publishes them under,
     * and how many pack occupations share them */
    const pk_scope *sc = pk_pack_scope(x->p, combined ? PK_SCOPE_COMBINED : PK_SCOPE_SHARED, "SOC",
                                       code, row->f[x->title], (long)n);
    for (int i = 0; i < 5; i++) w[i].scope = h[i].scope = sc;
    emp.scope = sc;
    bool hourly_only = x->hourly >= 0 && strcmp(row->f[x->hourly], "TRUE") == 0;
    for (size_t k = 0; k < n; k++) {
        pk_wages *wg = &occs[k]->rec.wages;
        wg->p10 = w[0];
        wg->p25 = w[1];
        wg->median = w[2];
        wg->p75 = w[3];
        wg->p90 = w[4];
        wg->employment = emp;
        wg->hourly_only = hourly_only;
        if (any_hourly) {
            wg->hourly = (pk_hourly){true, h[0], h[1], h[2], h[3], h[4]};
        }
        wg->present = true;
    }
    /* collected for the duplicate check; the ranking itself is over the pack (oews_rank) */
    if (pk_fig_has(&w[2])) {
        if (x->n_rk == x->cap_rk) {
            x->cap_rk = x->cap_rk ? 2 * x->cap_rk : 1024;
            x->rk = pk_xrealloc(x->rk, x->cap_rk * sizeof *x->rk);
        }
        ranked *r = &x->rk[x->n_rk++];
        r->median = w[2].value;
        snprintf(r->code, sizeof r->code, "%s", code);
        r->line = row->line;
        r->occs = occs;
        r->n_occs = n;
    }
    return 0;
}

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Median-pay percentile: the mid-rank (pk_percentiles) of the occupation's median wage among the
 * pack's occupations that have one: the population loaded, as docs/methodology.md says, so that
 * it is comparable with the exposure percentiles on the same quadrant. O*NET occupations that
 * share a SOC code share its median and rank as ties. A top-coded median ranks at the top code;
 * a suppressed one ("*") is not ranked. Rounded to a whole number; the population is the number
 * ranked. Rows are deduplicated first so a code listed twice is reported, not counted twice. */
static int oews_rank(oews_ctx *x, pk_diag *d)
{
    int rc = 0;
    if (x->n_rk > 1) qsort(x->rk, x->n_rk, sizeof *x->rk, cmp_ranked);
    /* a code twice would count twice; pack occupations were caught at the row, this catches
     * the others */
    size_t w = 0;
    for (size_t i = 0; i < x->n_rk; i++) {
        if (w && strcmp(x->rk[w - 1].code, x->rk[i].code) == 0) {
            rc = pk_diag_add(
                d, PK_FAIL_INPUT,
                "%s:%zu:1: error: OCC_CODE: occupation %s is listed twice (first on line "
                "%zu); this row is left out of the median-pay ranking",
                x->in->path, x->rk[i].line, x->rk[i].code, x->rk[w - 1].line);
            continue;
        }
        x->rk[w++] = x->rk[i];
    }
    x->n_rk = w;
    if (w == 0) return rc;
    pk_pack *p = x->p;
    double *v = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *v);
    double *pct = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *pct);
    size_t n = 0;
    for (size_t i = 0; i < p->n_occs; i++)
        if (pk_fig_has(&p->occs[i]->rec.wages.median)) v[n++] = p->occs[i]->rec.wages.median.value;
    pk_percentiles(v, n, pct);
    for (size_t i = 0, k = 0; i < p->n_occs; i++) {
        pk_figure *m = &p->occs[i]->rec.wages.median;
        if (!pk_fig_has(m)) continue;
        m->percentile = pct[k++]; /* exact: outputs round and clamp (pk_fmt_rank) */
        m->population = n;
    }
    free(v);
    free(pct);
    return rc;
}

/* ---- OEWS history: earlier national releases (docs/packs.md, "history") ---- */

/* What one earlier release gives each pack occupation while it is read. */
enum { H_NONE = 0, H_POINT, H_BLOCKED };

typedef struct hist_ctx {
    pk_pack *p;
    const pk_input *in;
    const pk_hist_input *h;
    const char *release; /* the registry's name of the release ("May 2023"), or NULL */
    bool header, soc2010;
    int code, title, group, emp, med, p25, p75, hmed;
    pk_hist_point *pt;  /* owned: per occupation (p->occs index) */
    unsigned char *st;  /* owned: H_NONE, H_POINT, H_BLOCKED */
    size_t *line;       /* owned: the row a point came from, for the duplicate message */
    const char **why;   /* owned array; texts in the pack's arena: why there is no point */
} hist_ctx;

/* A history figure: as pk_cell_figure, but "#" (top-coded) is no number: the figure is not
 * available and the series is named in the point's top_coded (marked, never a number). */
static void hist_cell(hist_ctx *x, pk_csv *c, const pk_csv_row *row, int col, pk_unit unit,
                      const char *series, pk_figure *out, const char **marks, size_t *n_marks)
{
    memset(out, 0, sizeof *out);
    out->percentile = -1;
    if (col < 0) return;
    pk_cell_figure(c, row, col, unit, x->h->source, 1, 0, out);
    if (out->status == PK_FIG_NA && pk_csv_marker(row->f[col]) == PK_MARK_TOPCODED)
        marks[(*n_marks)++] = series;
}

/* The point a row gives: every series read by header name, top-coded ones marked. */
static void hist_point_of(hist_ctx *x, pk_csv *c, const pk_csv_row *row, pk_hist_point *pt,
                          const char *system, const char *code)
{
    const char *marks[5];
    size_t n_marks = 0;
    memset(pt, 0, sizeof *pt);
    pt->year = x->h->year;
    pt->release = x->release;
    pt->source = x->h->source;
    pt->system = system;
    pt->code = pk_pack_str(x->p, code);
    hist_cell(x, c, row, x->med, PK_UNIT_USD, "median", &pt->median, marks, &n_marks);
    hist_cell(x, c, row, x->p25, PK_UNIT_USD, "p25", &pt->p25, marks, &n_marks);
    hist_cell(x, c, row, x->p75, PK_UNIT_USD, "p75", &pt->p75, marks, &n_marks);
    hist_cell(x, c, row, x->hmed, PK_UNIT_USD_HOUR, "hourly_median", &pt->hourly_median, marks,
              &n_marks);
    hist_cell(x, c, row, x->emp, PK_UNIT_COUNT, "employment", &pt->employment, marks, &n_marks);
    if (n_marks) {
        const char **v = pk_arena_alloc(x->p->arena, n_marks * sizeof *v);
        memcpy(v, marks, n_marks * sizeof *v);
        pt->top_coded = (pk_strs){v, n_marks};
    }
}

static void hist_block(hist_ctx *x, pk_occ *o, const char *why)
{
    if (x->st[o->index] == H_BLOCKED) return; /* the first reason stands */
    x->st[o->index] = H_BLOCKED;
    x->why[o->index] = pk_pack_str(x->p, why);
}

static const char *current_code(const pk_occ *o, char buf[8]);

/* Gives the row's point to occupations; `as` is the SOC 2018 code the row stands for (its own,
 * or its SOC 2010 code's counterpart). An occupation the current release publishes under
 * another code (a combined one) gets no point: the two would describe different people. */
static void hist_give(hist_ctx *x, pk_csv *c, const pk_csv_row *row, pk_occ **occs, size_t n,
                      const char *system, const char *code, const char *as)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = occs[k]->index;
        if (x->st[i] == H_BLOCKED) continue;
        char buf[8];
        const char *now = current_code(occs[k], buf);
        if (strcmp(now, as) != 0) {
            pk_buf why = PK_BUF_INIT;
            pk_buf_printf(&why, "the release published %s%s%s (%s), the current one SOC %s: "
                          "they do not describe the same workers", system ? system : "SOC",
                          " ", code, row->f[x->title], now);
            hist_block(x, occs[k], pk_buf_str(&why));
            pk_buf_fini(&why);
            continue;
        }
        if (x->st[i] == H_POINT) {
            if (k == 0)
                pk_csv_error(c, row, (size_t)x->code,
                             "occupation %s is listed twice (first on line %zu); this row is "
                             "ignored", code, x->line[i]);
            return;
        }
        hist_point_of(x, c, row, &x->pt[i], system, code);
        x->st[i] = H_POINT;
        x->line[i] = row->line;
    }
}

static int hist_header(hist_ctx *x, pk_csv *c, const pk_csv_row *row)
{
    /* the group column is O_GROUP in the releases on SOC 2018 codes and OCC_GROUP in the older
       layout (May 2015, on SOC 2010): the one the entry's code kind does not expect says the
       file is another release's */
    int o_group = pk_csv_col(c, "O_GROUP"), occ_group = pk_csv_col(c, "OCC_GROUP");
    if (x->soc2010 && occ_group < 0 && o_group >= 0) {
        pk_csv_error(c, row, (size_t)o_group,
                     "the column layout of the OEWS releases on SOC 2018 codes (older ones call "
                     "it OCC_GROUP), but the history entry for %ld reads SOC 2010 codes "
                     "(\"code_kind\": \"soc2010\"): is the file another release's?",
                     x->h->year);
        return 1;
    }
    if (!x->soc2010 && o_group < 0 && occ_group >= 0) {
        pk_csv_error(c, row, (size_t)occ_group,
                     "the column layout of the OEWS releases on SOC 2010 codes (later ones call "
                     "it O_GROUP), but the history entry for %ld reads SOC 2018 codes: is the "
                     "file another release's? (\"code_kind\": \"soc2010\" reads a release on "
                     "SOC 2010 codes)", x->h->year);
        return 1;
    }
    x->code = pk_csv_need(c, "OCC_CODE");
    x->title = pk_csv_need(c, "OCC_TITLE");
    x->group = pk_csv_need(c, x->soc2010 ? "OCC_GROUP" : "O_GROUP");
    x->emp = pk_csv_need(c, "TOT_EMP");
    x->med = pk_csv_need(c, "A_MEDIAN");
    x->p25 = pk_csv_need(c, "A_PCT25");
    x->p75 = pk_csv_need(c, "A_PCT75");
    x->hmed = pk_csv_col(c, "H_MEDIAN");
    return x->code < 0 || x->title < 0 || x->group < 0 || x->emp < 0 || x->med < 0 ||
           x->p25 < 0 || x->p75 < 0;
}

static int hist_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    hist_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        return hist_header(x, c, row);
    }
    if (strcmp(row->f[x->group], "detailed") != 0) return 0;
    if (!need_code(c, row, x->code)) return 0;
    const char *code = row->f[x->code];
    if (!x->soc2010) {
        size_t n;
        bool combined;
        pk_occ **occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
        hist_give(x, c, row, occs, n, NULL, code, code);
        return 0;
    }
    /* SOC 2010: through the crosswalk; a code that was split, or merged with others, gives no
       point rather than a wrong one, and says so */
    size_t nx;
    const pk_xw *xw = pk_pack_soc2010(x->p, code, &nx);
    pk_buf why = PK_BUF_INIT;
    for (size_t j = 0; j < nx; j++) {
        size_t n;
        bool combined;
        pk_occ **occs = pk_pack_occs_for_bls(x->p, xw[j].to, &n, &combined);
        if (n == 0) continue;
        pk_buf_reset(&why);
        if (nx > 1) {
            pk_buf_printf(&why, "SOC 2010 %s (%s) was split between SOC 2018 ", code,
                          row->f[x->title]);
            for (size_t k = 0; k < nx; k++)
                pk_buf_printf(&why, "%s%s", k ? (k + 1 == nx ? " and " : ", ") : "", xw[k].to);
            pk_buf_adds(&why, ": its figures describe more than this occupation's code");
        } else if (xw[j].to_sources > 1) {
            pk_buf_printf(&why, "SOC 2018 %s merges %zu SOC 2010 codes, %s (%s) among them: "
                          "one of them describes only part of it", xw[j].to, xw[j].to_sources,
                          code, row->f[x->title]);
        }
        if (why.len) {
            for (size_t k = 0; k < n; k++) hist_block(x, occs[k], pk_buf_str(&why));
        } else {
            hist_give(x, c, row, occs, n, "SOC 2010", code, xw[j].to);
        }
    }
    pk_buf_fini(&why);
    return 0;
}

/* The code the current release publishes the occupation's figures under ("27-4014", or a
 * combined code), for the notes. */
static const char *current_code(const pk_occ *o, char buf[8])
{
    const pk_wages *w = &o->rec.wages;
    const pk_figure *figs[] = {&w->median, &w->employment, &w->hourly.median, &w->p25};
    for (size_t i = 0; i < 4; i++)
        if (figs[i]->scope && figs[i]->scope->code) return figs[i]->scope->code;
    snprintf(buf, 8, "%.7s", o->rec.soc);
    return buf;
}

static bool soc2018_in_crosswalk(const pk_pack *p, const char *code)
{
    for (size_t i = 0; i < p->n_soc2010; i++)
        if (strcmp(p->soc2010[i].to, code) == 0) return true;
    return false;
}

/* The current release's figures as a point: top-coded ones marked, with no number. */
static void current_point(pk_pack *p, const pk_input *in, pk_occ *o, pk_hist_point *pt)
{
    const pk_wages *w = &o->rec.wages;
    const pk_source *src = pk_sources_find(&p->sources, in->source);
    char buf[8];
    memset(pt, 0, sizeof *pt);
    pt->year = in->year;
    pt->release = src ? src->release : NULL;
    pt->source = in->source;
    pt->code = pk_pack_str(p, current_code(o, buf));
    const pk_figure *from[5] = {&w->median, &w->p25, &w->p75, &w->hourly.median, &w->employment};
    pk_figure *to[5] = {&pt->median, &pt->p25, &pt->p75, &pt->hourly_median, &pt->employment};
    static const char *const series[5] = {"median", "p25", "p75", "hourly_median", "employment"};
    const char *marks[5];
    size_t n_marks = 0;
    for (int i = 0; i < 5; i++) {
        *to[i] = *from[i];
        to[i]->scope = NULL;
        to[i]->percentile = -1;
        to[i]->population = 0;
        to[i]->band = NULL;
        if (to[i]->status == PK_FIG_TOPCODED) {
            to[i]->status = PK_FIG_NA;
            to[i]->value = 0;
            marks[n_marks++] = series[i];
        }
    }
    if (n_marks) {
        const char **v = pk_arena_alloc(p->arena, n_marks * sizeof *v);
        memcpy(v, marks, n_marks * sizeof *v);
        pt->top_coded = (pk_strs){v, n_marks};
    }
}

static int cmp_hist_year(const void *a, const void *b)
{
    long x = ((const pk_hist_point *)a)->year, y = ((const pk_hist_point *)b)->year;
    return (x > y) - (x < y);
}

static int cmp_note_year(const void *a, const void *b)
{
    long x = ((const pk_hist_note *)a)->year, y = ((const pk_hist_note *)b)->year;
    return (x > y) - (x < y);
}

/* Reads each history entry and gives every occupation with figures in the current release a
 * point per release, or a note saying why that release gives none. */
static int oews_history(pk_pack *p, const pk_input *in, pk_diag *d)
{
    int rc = 0;
    size_t n = p->n_occs ? p->n_occs : 1;
    for (size_t e = 0; e < in->n_history; e++) {
        const pk_hist_input *h = &in->history[e];
        const pk_source *src = pk_sources_find(&p->sources, h->source);
        if (h->code_kind && strcmp(h->code_kind, "soc2010") == 0 && p->n_soc2010 == 0) {
            char key[48];
            snprintf(key, sizeof key, "history[%zu].code_kind", e);
            rc = pk_input_error(d, in, key, "soc2010 codes need the soc2010-crosswalk input "
                                "before this one, and it gave no mapping");
            continue;
        }
        hist_ctx x = {.p = p, .in = in, .h = h, .release = src ? src->release : NULL,
                      .soc2010 = h->code_kind && strcmp(h->code_kind, "soc2010") == 0};
        x.pt = pk_xcalloc(n, sizeof *x.pt);
        x.st = pk_xcalloc(n, 1);
        x.line = pk_xcalloc(n, sizeof *x.line);
        x.why = pk_xcalloc(n, sizeof *x.why);
        pk_input hin = *in; /* the entry read as the input's file, with its options */
        hin.file = h->file;
        hin.path = h->path;
        pk_csv_opts o = pk_input_csv_opts(&hin);
        if (pk_csv_read(h->path, &o, hist_row, &x, d) != 0) rc = -1;
        pk_buf why = PK_BUF_INIT;
        for (size_t i = 0; i < p->n_occs; i++) {
            pk_occ *oc = p->occs[i];
            if (!oc->rec.wages.present) continue;
            pk_history *hs = &oc->rec.history;
            hs->present = true;
            if (x.st[i] == H_POINT) {
                pk_hist_point *pt = pk_array_push(p, (void **)&hs->points, &hs->n_points,
                                                  sizeof *pt);
                *pt = x.pt[i];
                continue;
            }
            pk_buf_reset(&why);
            char buf[8];
            const char *code = current_code(oc, buf);
            if (x.st[i] == H_BLOCKED)
                pk_buf_adds(&why, x.why[i]);
            else if (x.soc2010 && !soc2018_in_crosswalk(p, code))
                pk_buf_printf(&why, "SOC %s has no SOC 2010 code in the crosswalk (it is new "
                              "in SOC 2018)", code);
            else if (x.soc2010)
                pk_buf_printf(&why, "the release has no row for the SOC 2010 code(s) of SOC %s",
                              code);
            else
                pk_buf_printf(&why, "the release has no row for SOC %s (some releases published "
                              "codes that combine SOC 2018 codes)", code);
            pk_hist_note *nt = pk_array_push(p, (void **)&hs->notes, &hs->n_notes, sizeof *nt);
            nt->year = h->year;
            nt->source = h->source;
            nt->text = pk_pack_str(p, pk_buf_str(&why));
        }
        pk_buf_fini(&why);
        free(x.pt);
        free(x.st);
        free(x.line);
        free(x.why);
    }
    /* the current release's own point, then all by year */
    for (size_t i = 0; i < p->n_occs; i++) {
        pk_history *hs = &p->occs[i]->rec.history;
        if (!hs->present) continue;
        pk_hist_point *pt = pk_array_push(p, (void **)&hs->points, &hs->n_points, sizeof *pt);
        current_point(p, in, p->occs[i], pt);
        qsort(hs->points, hs->n_points, sizeof *hs->points, cmp_hist_year);
        if (hs->n_notes > 1) qsort(hs->notes, hs->n_notes, sizeof *hs->notes, cmp_note_year);
    }
    return rc;
}

int pk_import_oews_national(pk_pack *p, const pk_input *in, pk_diag *d)
{
    oews_ctx x = {.p = p, .in = in};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, oews_row, &x, d);
    if (oews_rank(&x, d) != 0) rc = -1;
    free(x.rk);
    if (in->n_history && oews_history(p, in, d) != 0) rc = -1;
    return rc;
}

/* ---- OEWS by sector: industries and location quotients ---- */

/* National employment, from the lookup (the national cross-industry file). */
typedef struct nat_ctx {
    pk_pack *p;
    bool header;
    int code, group, emp;
    double *emp_by_occ; /* per p->occs index; NAN when the file gives none */
    double all;         /* "00-0000": all occupations; NAN until seen */
} nat_ctx;

/* A TOT_EMP cell as a number; false for BLS markers (suppressed: no figure, no message) and for
 * anything malformed (reported). */
static bool emp_number(pk_csv *c, const pk_csv_row *row, int col, double *out)
{
    if (pk_csv_marker(row->f[col]) != PK_MARK_NONE) return false;
    if (pk_csv_number(row->f[col], out) && *out >= 0 && *out < PK_MAX_EXACT) return true;
    pk_buf q = PK_BUF_INIT;
    pk_diag_quote(&q, row->f[col], row->len[col], 40);
    pk_csv_error(c, row, (size_t)col, "expected a number of 0 or more, below 2^53 (or a BLS marker * **), got %s", q.data);
    pk_buf_fini(&q);
    return false;
}

static int nat_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    nat_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        x->code = pk_csv_need(c, "OCC_CODE");
        x->group = pk_csv_need(c, "O_GROUP");
        x->emp = pk_csv_need(c, "TOT_EMP");
        return x->code < 0 || x->group < 0 || x->emp < 0;
    }
    const char *code = row->f[x->code];
    if (strcmp(code, "00-0000") == 0) {
        double v;
        if (emp_number(c, row, x->emp, &v)) x->all = v;
        return 0;
    }
    if (strcmp(row->f[x->group], "detailed") != 0) return 0;
    size_t n;
    bool combined;
    pk_occ **occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
    double v;
    if (n == 0 || !emp_number(c, row, x->emp, &v)) return 0;
    for (size_t k = 0; k < n; k++)
        x->emp_by_occ[occs[k]->index] = v;
    return 0;
}

/* One NAICS sector of the sector file. */
typedef struct sector {
    char naics[16];
    const char *name; /* NAICS_TITLE, in the pack's arena: shared by every item of the sector */
    double total;     /* all-occupation employment ("00-0000"); NAN until seen */
    size_t total_line;
    bool reported; /* its missing total has been reported */
} sector;

/* An industry item made, waiting for its location quotient until every total has been read
 * (the file does not promise the all-occupations row comes first). */
typedef struct pending {
    size_t occ;    /* index in p->occs */
    size_t item;   /* index in that record's industries.items */
    size_t sector; /* index in sec_ctx.sec */
} pending;

typedef struct sec_ctx {
    pk_pack *p;
    const pk_input *in;
    bool header;
    int naics, title, igroup, code, otitle, group, emp, median;
    int hmedian, hourly; /* H_MEDIAN and HOURLY, when the file has them (else -1) */
    const char *level; /* "Sector", in the pack's arena */
    sector *sec;       /* owned; a few dozen, searched linearly */
    size_t n_sec, cap_sec;
    pending *pend; /* owned */
    size_t n_pend, cap_pend;
} sec_ctx;

/* The sector with this NAICS code, added when new; SIZE_MAX (reported) when the code is empty
 * or too long to be one, or the sector has no title. */
static size_t sector_of(sec_ctx *x, pk_csv *c, const pk_csv_row *row)
{
    const char *naics = row->f[x->naics];
    for (size_t i = 0; i < x->n_sec; i++)
        if (strcmp(x->sec[i].naics, naics) == 0) return i;
    if (row->len[x->naics] == 0 || row->len[x->naics] >= sizeof x->sec->naics) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, naics, row->len[x->naics], 40);
        pk_csv_error(c, row, (size_t)x->naics, "expected a NAICS code like 51, got %s", q.data);
        pk_buf_fini(&q);
        return SIZE_MAX;
    }
    if (row->len[x->title] == 0) {
        pk_csv_error(c, row, (size_t)x->title, "empty title for sector %s", naics);
        return SIZE_MAX;
    }
    if (x->n_sec == x->cap_sec) {
        x->cap_sec = x->cap_sec ? 2 * x->cap_sec : 32;
        x->sec = pk_xrealloc(x->sec, x->cap_sec * sizeof *x->sec);
    }
    sector *s = &x->sec[x->n_sec];
    memset(s, 0, sizeof *s);
    memcpy(s->naics, naics, row->len[x->naics] + 1);
    s->name = pk_pack_str(x->p, row->f[x->title]);
    s->total = NAN;
    return x->n_sec++;
}

static int sec_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    sec_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        x->naics = pk_csv_need(c, "NAICS");
        x->title = pk_csv_need(c, "NAICS_TITLE");
        x->igroup = pk_csv_need(c, "I_GROUP");
        x->code = pk_csv_need(c, "OCC_CODE");
        x->otitle = pk_csv_need(c, "OCC_TITLE");
        x->group = pk_csv_need(c, "O_GROUP");
        x->emp = pk_csv_need(c, "TOT_EMP");
        x->median = pk_csv_need(c, "A_MEDIAN");
        x->hmedian = pk_csv_col(c, "H_MEDIAN");
        x->hourly = pk_csv_col(c, "HOURLY");
        return x->naics < 0 || x->title < 0 || x->igroup < 0 || x->code < 0 || x->otitle < 0 ||
               x->group < 0 || x->emp < 0 || x->median < 0;
    }
    if (strcmp(row->f[x->igroup], "sector") != 0) return 0;
    const char *code = row->f[x->code];
    bool total = strcmp(code, "00-0000") == 0;
    if (!total && strcmp(row->f[x->group], "detailed") != 0) return 0;
    size_t n = 0;
    pk_occ **occs = NULL;
    bool combined = false;
    if (!total) {
        if (!need_code(c, row, x->code)) return 0;
        occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
        if (n == 0) return 0; /* an OEWS code O*NET does not have */
    }
    size_t si = sector_of(x, c, row);
    if (si == SIZE_MAX) return 0;
    sector *s = &x->sec[si];
    double workers;
    if (total) {
        if (!isnan(s->total)) {
            pk_csv_error(c, row, (size_t)x->code,
                         "sector %s has a second all-occupations row (first on line %zu); this "
                         "row is ignored",
                         s->naics, s->total_line);
        } else if (emp_number(c, row, x->emp, &workers)) {
            s->total = workers;
            s->total_line = row->line;
        }
        return 0;
    }
    /* suppressed workers ("**"): no item, as there is nothing to rank it by */
    if (!emp_number(c, row, x->emp, &workers)) return 0;
    pk_figure pay;
    pk_cell_figure(c, row, x->median, PK_UNIT_USD, x->in->source, 1, OEWS_TOP_WAGE, &pay);
    /* one scope per row: the code and title the sector's figures are published under */
    const pk_scope *sc = pk_pack_scope(x->p, combined ? PK_SCOPE_COMBINED : PK_SCOPE_SHARED,
                                       "SOC", code, row->f[x->otitle], (long)n);
    pay.scope = sc;
    /* where BLS publishes hourly wages only, the hourly median is the pay there is */
    pk_figure hpay = {.percentile = -1};
    if (x->hmedian >= 0 && x->hourly >= 0 && strcmp(row->f[x->hourly], "TRUE") == 0)
        pk_cell_figure(c, row, x->hmedian, PK_UNIT_USD_HOUR, x->in->source, 1, OEWS_TOP_HOURLY,
                       &hpay);
    hpay.scope = hpay.status != PK_FIG_ABSENT ? sc : NULL;
    for (size_t k = 0; k < n; k++) {
        pk_industries *ind = &occs[k]->rec.industries;
        bool dup = false;
        for (size_t i = 0; i < ind->n_items && !dup; i++)
            dup = ind->items[i].name == s->name;
        if (dup) {
            if (k == 0)
                pk_csv_error(c, row, (size_t)x->code,
                             "occupation %s is listed twice in sector %s; this row is ignored",
                             code, s->naics);
            continue;
        }
        pk_industry *it = pk_array_push(x->p, (void **)&ind->items, &ind->n_items, sizeof *it);
        it->name = s->name;
        it->level = x->level;
        it->workers = (pk_figure){.status = PK_FIG_OK,
                                  .unit = PK_UNIT_COUNT,
                                  .value = workers,
                                  .source = x->in->source,
                                  .percentile = -1,
                                  .scope = sc};
        it->median_pay = pay;
        it->median_hourly = hpay;
        it->lq.percentile = -1;
        ind->source = x->in->source;
        ind->present = true;
        if (x->n_pend == x->cap_pend) {
            x->cap_pend = x->cap_pend ? 2 * x->cap_pend : 4096;
            x->pend = pk_xrealloc(x->pend, x->cap_pend * sizeof *x->pend);
        }
        x->pend[x->n_pend++] = (pending){occs[k]->index, ind->n_items - 1, si};
    }
    return 0;
}

/* By workers, most first; equal ones by name, so the order does not depend on qsort. */
static int cmp_industry(const void *a, const void *b)
{
    const pk_industry *x = a, *y = b;
    if (x->workers.value != y->workers.value) return x->workers.value < y->workers.value ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Location quotient: how concentrated the occupation is in a sector compared with the whole
 * economy,
 *     LQ = (occupation's employment in the sector / all-occupation employment in the sector)
 *          / (occupation's national employment / all-occupation national employment),
 * with the sector figures from the sector file (its "00-0000" rows for the totals) and the
 * national ones from the lookup (national cross-industry TOT_EMP). The published sector total
 * counts the jobs of occupations whose own figure is suppressed ("**") too; a total summed from
 * the sector's published rows would be smaller and every LQ a little larger (27.43 for 27-4014 in
 * Information, against 27.36 here). Rounded to two decimals; left out when any of the four is
 * missing or zero. */
static int sec_finish(sec_ctx *x, const nat_ctx *nat, pk_diag *d)
{
    int rc = 0;
    pk_pack *p = x->p;
    bool have_all = !isnan(nat->all) && nat->all > 0;
    if (!have_all && x->n_pend)
        rc = pk_diag_add(d, PK_FAIL_INPUT,
                         "%s: error: no all-occupations employment (OCC_CODE 00-0000); location "
                         "quotients are left out",
                         x->in->lookup_path);
    for (size_t i = 0; have_all && i < x->n_pend; i++) {
        const pending *e = &x->pend[i];
        sector *s = &x->sec[e->sector];
        if (isnan(s->total) || s->total <= 0) {
            /* said once per sector, and only for one that has items to compute */
            if (!s->reported)
                rc = pk_diag_add(d, PK_FAIL_INPUT,
                                 "%s: error: sector %s (%s) has no all-occupations employment "
                                 "(OCC_CODE 00-0000); its location quotients are left out",
                                 x->in->path, s->naics, s->name);
            s->reported = true;
            continue;
        }
        double occ_nat = nat->emp_by_occ[e->occ];
        if (isnan(occ_nat) || occ_nat <= 0) continue; /* suppressed or not in the national file */
        pk_industry *it = &p->occs[e->occ]->rec.industries.items[e->item];
        double lq = (it->workers.value / s->total) / (occ_nat / nat->all);
        it->lq = (pk_figure){.status = PK_FIG_OK,
                             .unit = PK_UNIT_RATIO,
                             .value = round(lq * 100) / 100,
                             .source = x->in->source,
                             .percentile = -1,
                             .scope = it->workers.scope};
    }
    for (size_t i = 0; i < p->n_occs; i++) {
        pk_industries *ind = &p->occs[i]->rec.industries;
        if (!ind->n_items) continue;
        qsort(ind->items, ind->n_items, sizeof *ind->items, cmp_industry);
        if (ind->n_items > MAX_INDUSTRIES) ind->n_items = MAX_INDUSTRIES;
    }
    return rc;
}

int pk_import_oews_sectors(pk_pack *p, const pk_input *in, pk_diag *d)
{
    if (!in->lookup_path)
        return pk_input_error(d, in, NULL,
                              "missing key \"lookup\" (the national OEWS file: national totals for "
                              "the location quotients)");
    int rc = 0;
    nat_ctx nat = {.p = p, .all = NAN};
    nat.emp_by_occ = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *nat.emp_by_occ);
    for (size_t i = 0; i < p->n_occs; i++)
        nat.emp_by_occ[i] = NAN;
    pk_input lk = *in;
    lk.file = in->lookup;
    pk_csv_opts o = pk_input_csv_opts(&lk);
    if (pk_csv_read(in->lookup_path, &o, nat_row, &nat, d) != 0) rc = -1;

    sec_ctx x = {.p = p, .in = in, .level = pk_pack_str(p, "Sector")};
    o = pk_input_csv_opts(in);
    if (pk_csv_read(in->path, &o, sec_row, &x, d) != 0) rc = -1;
    if (sec_finish(&x, &nat, d) != 0) rc = -1;
    free(x.sec);
    free(x.pend);
    free(nat.emp_by_occ);
    return rc;
}

/* ---- Employment Projections: outlook and openings ---- */

/* The columns an EP table shares. The projection period is read from the header, never typed
 * in here: the two "Employment, YYYY" columns give the base and target years, and the other
 * names are made from them exactly as BLS writes them ("2024 National Employment Matrix code",
 * "Occupational openings, 2024–34 annual average"), so the next release needs no code change. */
typedef struct ep_cols {
    long base, target;
    int code, title, type, emp_base, emp_target, openings;
} ep_cols;

/* Finds the period and the shared columns. Returns false when the period is not there; a
 * missing column is reported and its index left -1 (the caller checks, after looking up its own
 * columns, so that one run names every missing column). */
static bool ep_header(pk_csv *c, const pk_csv_row *row, ep_cols *e)
{
    static const char prefix[] = "Employment, ";
    const size_t plen = sizeof prefix - 1;
    int col[2];
    long year[2];
    int found = 0;
    for (size_t i = 0; i < row->n; i++) {
        const char *h = row->f[i];
        if (strncmp(h, prefix, plen) != 0 || strlen(h + plen) != 4 ||
            strspn(h + plen, "0123456789") != 4)
            continue;
        if (found < 2) {
            col[found] = (int)i;
            year[found] = strtol(h + plen, NULL, 10);
        }
        found++;
    }
    if (found != 2 || year[0] == year[1]) {
        pk_csv_file_error(c,
                          "expected two columns \"Employment, YEAR\" giving the projection "
                          "period (like \"Employment, 2024\" and \"Employment, 2034\"), found %d",
                          found);
        return false;
    }
    int b = year[0] < year[1] ? 0 : 1;
    e->base = year[b];
    e->target = year[1 - b];
    e->emp_base = col[b];
    e->emp_target = col[1 - b];
    char name[128];
    snprintf(name, sizeof name, "%ld National Employment Matrix code", e->base);
    e->code = pk_csv_need(c, name);
    snprintf(name, sizeof name, "%ld National Employment Matrix title", e->base);
    e->title = pk_csv_col(c, name); /* names the code in a figure's scope; optional */
    e->type = pk_csv_need(c, "Occupation type");
    snprintf(name, sizeof name, "Occupational openings, %ld" EN_DASH "%02ld annual average",
             e->base, e->target % 100);
    e->openings = pk_csv_need(c, name);
    return true;
}

static bool ep_have_cols(const ep_cols *e)
{
    return e->code >= 0 && e->type >= 0 && e->openings >= 0;
}

/* Keeps a table's own occupations: its "Summary" rows are group totals. */
static bool ep_line_item(const ep_cols *e, const pk_csv_row *row)
{
    return strcmp(row->f[e->type], "Line item") == 0;
}

/* A figure in thousands from an EP cell, as a whole count: 16.9 thousand is 16,900 people, and
 * rounding drops the binary fraction the scaling leaves. Markers ("—") are not available. */
static void ep_count(pk_csv *c, const pk_csv_row *row, int col, const char *source, pk_figure *f)
{
    pk_cell_figure(c, row, col, PK_UNIT_COUNT, source, EP_THOUSANDS, 0, f);
    if (f->status == PK_FIG_OK) f->value = round(f->value);
}

/* BLS's outlook wording for a projected change, from the change rounded to a whole percent
 * (halves away from zero, as a spreadsheet's ROUND): 7 or more "Much faster than average", 5-6
 * "Faster than average", 2-4 "As fast as average", 1 "Slower than average", -1 to 0 "Little or
 * no change", -2 or less "Declining". Rounding first is what makes -1.7% "Declining", as BLS
 * words it. (docs/methodology.md, "Outlook wording") */
static const char *outlook_label(double change)
{
    double r = round(change);
    if (r >= 7) return "Much faster than average";
    if (r >= 5) return "Faster than average";
    if (r >= 2) return "As fast as average";
    if (r >= 1) return "Slower than average";
    if (r >= -1) return "Little or no change";
    return "Declining";
}

typedef struct proj_ctx {
    pk_pack *p;
    const pk_input *in;
    bool header;
    ep_cols e;
    int change, edu;
} proj_ctx;

static int proj_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    proj_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        if (!ep_header(c, row, &x->e)) return 1;
        /* looked up exactly, with the period from the header: "..., 2024–34" (en dash) */
        char name[128];
        snprintf(name, sizeof name, "Employment change, percent, %ld" EN_DASH "%02ld", x->e.base,
                 x->e.target % 100);
        x->change = pk_csv_need(c, name);
        x->edu = pk_csv_need(c, "Typical education needed for entry");
        return !ep_have_cols(&x->e) || x->change < 0 || x->edu < 0;
    }
    if (!ep_line_item(&x->e, row)) return 0;
    if (!need_code(c, row, x->e.code)) return 0;
    const char *code = row->f[x->e.code];
    size_t n;
    bool combined;
    pk_occ **occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
    if (n == 0) return 0; /* an EP code O*NET does not have */
    if (occs[0]->rec.outlook.present) {
        pk_csv_error(c, row, (size_t)x->e.code,
                     "occupation %s is listed twice; this row is ignored", code);
        return 0;
    }
    const char *src = x->in->source;
    pk_outlook ol = {.present = true, .base_year = x->e.base, .target_year = x->e.target};
    ep_count(c, row, x->e.emp_base, src, &ol.employment_base);
    ep_count(c, row, x->e.emp_target, src, &ol.employment_target);
    ep_count(c, row, x->e.openings, src, &ol.openings);
    pk_cell_figure(c, row, x->change, PK_UNIT_PERCENT, src, 1, 0, &ol.change);
    if (ol.change.status == PK_FIG_OK) ol.label = pk_pack_str(x->p, outlook_label(ol.change.value));
    const char *edu = row->f[x->edu];
    if (pk_csv_marker(edu) == PK_MARK_NONE) /* "—": BLS gives none */
        ol.entry_education = (pk_text){true, pk_pack_str(x->p, edu), src};
    const pk_scope *sc = pk_pack_scope(x->p, combined ? PK_SCOPE_COMBINED : PK_SCOPE_SHARED,
                                       "SOC", code, x->e.title >= 0 ? row->f[x->e.title] : NULL,
                                       (long)n);
    ol.employment_base.scope = ol.employment_target.scope = ol.openings.scope = sc;
    ol.change.scope = sc;
    for (size_t k = 0; k < n; k++)
        occs[k]->rec.outlook = ol;
    return 0;
}

int pk_import_ep_projections(pk_pack *p, const pk_input *in, pk_diag *d)
{
    proj_ctx x = {.p = p, .in = in};
    pk_csv_opts o = pk_input_csv_opts(in);
    return pk_csv_read(in->path, &o, proj_row, &x, d);
}

typedef struct open_ctx {
    pk_pack *p;
    const pk_input *in;
    bool header;
    ep_cols e;
    bool period_reported; /* a period unlike the outlooks' has been reported */
} open_ctx;

static int open_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    open_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        return !ep_header(c, row, &x->e) || !ep_have_cols(&x->e);
    }
    if (!ep_line_item(&x->e, row)) return 0;
    if (!need_code(c, row, x->e.code)) return 0;
    const char *code = row->f[x->e.code];
    size_t n;
    bool combined;
    pk_occ **occs = pk_pack_occs_for_bls(x->p, code, &n, &combined);
    pk_figure f = {0};
    bool parsed = false;
    for (size_t k = 0; k < n; k++) {
        pk_outlook *ol = &occs[k]->rec.outlook;
        /* openings complete an outlook; alone they would be a section without its period */
        if (!ol->present) continue;
        /* openings of another projection period would be mixed into this one's outlook */
        if (ol->base_year != x->e.base || ol->target_year != x->e.target) {
            if (!x->period_reported)
                pk_csv_file_error(c,
                                  "the table projects %ld-%ld, but the outlooks (Table 1.2) are "
                                  "for %ld-%ld; its openings are not used",
                                  x->e.base, x->e.target, ol->base_year, ol->target_year);
            x->period_reported = true;
            continue;
        }
        if (!parsed) {
            ep_count(c, row, x->e.openings, x->in->source, &f);
            parsed = true;
        }
        /* a suppressed or malformed cell here keeps Table 1.2's figure rather than erase it;
         * the openings describe the code the outlook does (same table family, same row code) */
        if (f.status == PK_FIG_OK) {
            const pk_scope *sc = ol->openings.scope ? ol->openings.scope : ol->change.scope;
            ol->openings = f;
            ol->openings.scope = sc;
        }
    }
    return 0;
}

int pk_import_ep_openings(pk_pack *p, const pk_input *in, pk_diag *d)
{
    open_ctx x = {.p = p, .in = in};
    pk_csv_opts o = pk_input_csv_opts(in);
    return pk_csv_read(in->path, &o, open_row, &x, d);
}

/* ---- the NEM crosswalk: BLS's combined codes ---- */

/* BLS's "O*NET-SOC to NEM/OOH" crosswalk maps each O*NET occupation to the National Employment
 * Matrix code its projections (and OEWS's wages) are published under. Most are the occupation's
 * own SOC code; a few dozen are combined codes (31-1120 "Home health and personal care aides"
 * for 31-1121 and 31-1122), and those are what the pack keeps. The file is a spreadsheet
 * export: banner rows above the header (found by its "O*NET-SOC Code" cell) and, in the
 * published copy, NEM codes a spreadsheet turned into dates ("Nov-11" for 11-2011 or 11-3111).
 * Such a date is read as the occupation's own SOC code when its month is the code's major group
 * and its two digits the code's last two (it never names a combined code: those are not in
 * major group 11); any other cell that is not a SOC code is reported. */
typedef struct nem_pair {
    char code[8];
    pk_occ *occ;
} nem_pair;

typedef struct nem_ctx {
    pk_pack *p;
    bool header;
    int onet, nem;
    nem_pair *pairs; /* owned */
    size_t n, cap;
} nem_ctx;

/* "Nov-11" -> month 11, digits "11"; false when the cell is not a spreadsheet's month-year. */
static bool month_year(const char *s, int *month, const char **yy)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (strlen(s) != 6 || s[3] != '-' || strspn(s + 4, "0123456789") != 2) return false;
    for (int m = 0; m < 12; m++)
        if (strncmp(s, months[m], 3) == 0) {
            *month = m + 1;
            *yy = s + 4;
            return true;
        }
    return false;
}

static int nem_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    nem_ctx *x = ctx;
    if (!x->header) {
        x->header = true;
        x->onet = pk_csv_need(c, "O*NET-SOC Code");
        x->nem = pk_csv_need(c, "NEM Code");
        return x->onet < 0 || x->nem < 0;
    }
    const char *onet = row->f[x->onet], *nem = row->f[x->nem];
    if (!pk_soc_valid(onet)) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, onet, row->len[x->onet], 40);
        pk_csv_error(c, row, (size_t)x->onet, "expected an O*NET-SOC code like 27-4014.00, got %s",
                     q.data);
        pk_buf_fini(&q);
        return 0;
    }
    int month;
    const char *yy;
    if (!soc_code_valid(nem)) {
        bool date = month_year(nem, &month, &yy);
        if (date && month == (onet[0] - '0') * 10 + (onet[1] - '0') && strncmp(yy, onet + 5, 2) == 0)
            return 0; /* the occupation's own code, as a spreadsheet date */
        if (date)
            pk_csv_error(c, row, (size_t)x->nem,
                         "expected a SOC code like 27-4014, got \"%s\": a spreadsheet date, and "
                         "not one %s's own code could have become",
                         nem, onet);
        else
            need_code(c, row, x->nem);
        return 0;
    }
    if (strncmp(nem, onet, 7) == 0) return 0; /* its own SOC code: nothing to combine */
    pk_occ *o = pk_pack_occ(x->p, onet);
    if (!o) return 0;
    for (size_t i = 0; i < x->n; i++)
        if (x->pairs[i].occ == o) {
            pk_csv_error(c, row, (size_t)x->onet,
                         "occupation %s is listed twice; this row is ignored", onet);
            return 0;
        }
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 64;
        x->pairs = pk_xrealloc(x->pairs, x->cap * sizeof *x->pairs);
    }
    snprintf(x->pairs[x->n].code, sizeof x->pairs[0].code, "%s", nem);
    x->pairs[x->n++].occ = o;
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const nem_pair *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c ? c : strcmp(x->occ->rec.soc, y->occ->rec.soc);
}

int pk_import_nem_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d)
{
    nem_ctx x = {.p = p};
    pk_csv_opts o = pk_input_csv_opts(in);
    o.header_cell = "O*NET-SOC Code";
    int rc = pk_csv_read(in->path, &o, nem_row, &x, d);
    if (x.n > 1) qsort(x.pairs, x.n, sizeof *x.pairs, cmp_pair);
    free(p->combined_code);
    free(p->combined_occ);
    p->combined_code = pk_xmalloc((x.n ? x.n : 1) * sizeof *p->combined_code);
    p->combined_occ = pk_xmalloc((x.n ? x.n : 1) * sizeof *p->combined_occ);
    for (size_t i = 0; i < x.n; i++) {
        memcpy(p->combined_code[i], x.pairs[i].code, sizeof x.pairs[i].code);
        p->combined_occ[i] = x.pairs[i].occ;
    }
    p->n_combined = x.n;
    free(x.pairs);
    return rc;
}
