/* pack.c: the pack manifest, the run of its importers, the figures derived over the whole
 * population, and records out of the pack. See pack.h and docs/packs.md. */
#define _XOPEN_SOURCE 700 /* realpath: an input is checked where its symbolic links lead */
#include "data/pack.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/buf.h"
#include "data/hash.h"
#include "data/import.h"
#include "data/schema.h"
#include "data/text.h"

/* ---- the manifest ---- */

typedef struct pk_manifest {
    long version;
    const char *name;
    pk_publication publication;
    pk_source *sources;
    size_t n_sources;
    pk_input *inputs;
    size_t n_inputs;
} pk_manifest;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const pk_field value_map_f[] = {
    PK_FIELD(pk_value_map, column, PK_K_STR, PK_REQ),
    PK_FIELD(pk_value_map, target, PK_K_STR, PK_REQ),
    PK_FIELD(pk_value_map, label, PK_K_STR, 0),
    PK_FIELD(pk_value_map, task_overlap, PK_K_BOOL, 0),
};
static const pk_schema value_map_s = {"value", sizeof(pk_value_map), value_map_f, N(value_map_f)};

static const pk_field hist_input_f[] = {
    PK_FIELD(pk_hist_input, year, PK_K_INT, PK_REQ),
    PK_FIELD(pk_hist_input, file, PK_K_STR, PK_REQ),
    PK_FIELD(pk_hist_input, source, PK_K_STR, PK_REQ),
    PK_FIELD(pk_hist_input, code_kind, PK_K_STR, 0),
};
static const pk_schema hist_input_s = {"history", sizeof(pk_hist_input), hist_input_f, N(hist_input_f)};

static const pk_field input_f[] = {
    PK_FIELD(pk_input, id, PK_K_STR, PK_REQ),
    PK_FIELD(pk_input, importer, PK_K_STR, PK_REQ),
    PK_FIELD(pk_input, file, PK_K_STR, PK_REQ),
    PK_FIELD(pk_input, source, PK_K_STR, 0),
    PK_FIELD(pk_input, format, PK_K_STR, 0),
    PK_FIELD(pk_input, encoding, PK_K_STR, 0),
    PK_FIELD(pk_input, lookup, PK_K_STR, 0),
    PK_FIELD(pk_input, lookup_source, PK_K_STR, 0),
    PK_FIELD(pk_input, weights, PK_K_STR, 0),
    PK_FIELD(pk_input, section, PK_K_STR, 0),
    PK_FIELD(pk_input, scale, PK_K_STR, 0),
    PK_FIELD(pk_input, code_column, PK_K_STR, 0),
    PK_FIELD(pk_input, title_column, PK_K_STR, 0),
    PK_FIELD(pk_input, code_kind, PK_K_STR, 0),
    PK_FIELD(pk_input, code_format, PK_K_STR, 0),
    {"values", PK_K_ARR, offsetof(pk_input, values), offsetof(pk_input, n_values), &value_map_s, 0,
     PK_UNIT_NONE, 0, 0, NULL},
    PK_FIELD(pk_input, year, PK_K_INT, 0),
    {"history", PK_K_ARR, offsetof(pk_input, history), offsetof(pk_input, n_history),
     &hist_input_s, 0, PK_UNIT_NONE, 0, 0, NULL},
};
static const pk_schema input_s = {"input", sizeof(pk_input), input_f, N(input_f)};

static const pk_field manifest_f[] = {
    {"presskit_pack", PK_K_INT, offsetof(pk_manifest, version), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    PK_FIELD(pk_manifest, name, PK_K_STR, 0),
    {"publication", PK_K_OBJ, offsetof(pk_manifest, publication), 0, &pk_schema_publication,
     PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    {"sources", PK_K_ARR, offsetof(pk_manifest, sources), offsetof(pk_manifest, n_sources),
     &pk_schema_source, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    {"inputs", PK_K_ARR, offsetof(pk_manifest, inputs), offsetof(pk_manifest, n_inputs), &input_s,
     PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
};
static const pk_schema manifest_s = {"pack", sizeof(pk_manifest), manifest_f, N(manifest_f)};

static const struct importer {
    const char *name;
    pk_import_fn fn;
    bool needs_source;
} importers[] = {
    {"onet-occupations", pk_import_onet_occupations, true},
    {"soc2010-crosswalk", pk_import_soc2010_crosswalk, false},
    {"onet-soc2010-crosswalk", pk_import_onet2010_crosswalk, false},
    {"onet-titles", pk_import_onet_titles, true},
    {"onet-tasks", pk_import_onet_tasks, true},
    {"onet-ratings", pk_import_onet_ratings, true},
    {"onet-technology", pk_import_onet_technology, true},
    {"onet-job-zones", pk_import_onet_job_zones, true},
    {"onet-education", pk_import_onet_education, true},
    {"onet-interests", pk_import_onet_interests, true},
    {"onet-related", pk_import_onet_related, true},
    {"oews-national", pk_import_oews_national, true},
    {"oews-sectors", pk_import_oews_sectors, true},
    {"ep-projections", pk_import_ep_projections, true},
    {"ep-openings", pk_import_ep_openings, true},
    {"nem-crosswalk", pk_import_nem_crosswalk, false},
    {"scores", pk_import_scores, true},
    {"aei-tasks", pk_import_aei_tasks, true},
    {"aei-patterns", pk_import_aei_patterns, true},
    {"ilo", pk_import_ilo, true},
    {"cip-soc", pk_import_cip_soc, true},
};

int pk_is_pack_manifest(const char *json, size_t len)
{
    /* cheap look before a full parse: the key must appear near the top */
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 15 <= n; i++)
        if (memcmp(json + i, "\"presskit_pack\"", 15) == 0) return 1;
    return 0;
}

int pk_input_error(pk_diag *d, const pk_input *in, const char *key, const char *fmt, ...)
{
    pk_buf msg = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu]%s%s: %s", in->manifest, in->index, key ? "." : "",
                key ? key : "", msg.data);
    pk_buf_fini(&msg);
    return -1;
}

/* ---- occupations, crosswalks, builders ---- */

static int cmp_occ(const void *a, const void *b)
{
    return strcmp((*(pk_occ *const *)a)->rec.soc, (*(pk_occ *const *)b)->rec.soc);
}

pk_occ *pk_pack_occ(pk_pack *p, const char *code)
{
    size_t lo = 0, hi = p->n_occs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(p->occs[mid]->rec.soc, code);
        if (c == 0) return p->occs[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

pk_occ **pk_pack_occs_for_soc(pk_pack *p, const char *soc, size_t *n)
{
    *n = 0;
    if (strlen(soc) < 7) return NULL;
    size_t lo = 0, hi = p->n_occs;
    while (lo < hi) { /* first code >= soc */
        size_t mid = (lo + hi) / 2;
        if (strncmp(p->occs[mid]->rec.soc, soc, 7) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < p->n_occs && strncmp(p->occs[end]->rec.soc, soc, 7) == 0) end++;
    *n = end - lo;
    return *n ? &p->occs[lo] : NULL;
}

pk_occ **pk_pack_occs_for_bls(pk_pack *p, const char *soc, size_t *n, bool *combined)
{
    *combined = false;
    pk_occ **run = pk_pack_occs_for_soc(p, soc, n);
    if (*n) return run;
    size_t lo = 0, hi = p->n_combined;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(p->combined_code[mid], soc) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < p->n_combined && strcmp(p->combined_code[end], soc) == 0) end++;
    *n = end - lo;
    *combined = *n > 0;
    return *n ? &p->combined_occ[lo] : NULL;
}

void pk_cov_mark(pk_pack *p, const pk_input *in, const pk_occ *o, pk_cov_why why)
{
    if (p->cov && in->index < p->n_inputs) p->cov[in->index * p->n_occs + o->index] = (unsigned char)why;
}

const pk_scope *pk_pack_scope(pk_pack *p, pk_scope_kind kind, const char *system,
                              const char *code, const char *title, long occupations)
{
    pk_scope *sc = pk_arena_alloc(p->arena, sizeof *sc);
    *sc = (pk_scope){kind, system, code ? pk_pack_str(p, code) : NULL,
                     title && *title ? pk_pack_str(p, title) : NULL, occupations};
    return sc;
}

pk_occ *pk_pack_add_occ(pk_pack *p, const char *code)
{
    if (p->n_occs == p->cap_occs) {
        p->cap_occs = p->cap_occs ? p->cap_occs * 2 : 1024;
        p->occs = pk_xrealloc(p->occs, p->cap_occs * sizeof *p->occs);
    }
    pk_occ *o = pk_arena_alloc(p->arena, sizeof *o);
    o->rec.version = 1;
    o->rec.soc = pk_arena_strdup(p->arena, code);
    p->occs[p->n_occs++] = o;
    return o;
}

static int cmp_xw(const void *a, const void *b)
{
    const pk_xw *x = a, *y = b;
    int c = strcmp(x->from, y->from);
    return c ? c : strcmp(x->to, y->to);
}

static const pk_xw *xw_find(const pk_xw *t, size_t nt, const char *from, size_t *n)
{
    *n = 0;
    size_t lo = 0, hi = nt;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(t[mid].from, from) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < nt && strcmp(t[end].from, from) == 0) end++;
    *n = end - lo;
    return *n ? &t[lo] : NULL;
}

const pk_xw *pk_pack_soc2010(pk_pack *p, const char *soc2010, size_t *n)
{
    return xw_find(p->soc2010, p->n_soc2010, soc2010, n);
}

const pk_xw *pk_pack_onet2010(pk_pack *p, const char *onet2010, size_t *n)
{
    return xw_find(p->onet2010, p->n_onet2010, onet2010, n);
}

void *pk_array_push(pk_pack *p, void **items, size_t *n, size_t elem_size)
{
    size_t k = *n;
    /* capacity is the next power of two >= max(k, 4): grow when k reaches it */
    if (k == 0 || (k >= 4 && (k & (k - 1)) == 0)) {
        size_t cap = k == 0 ? 4 : 2 * k;
        char *grown = pk_arena_alloc(p->arena, cap * elem_size);
        if (k) memcpy(grown, *items, k * elem_size);
        *items = grown;
    }
    char *e = (char *)*items + k * elem_size;
    memset(e, 0, elem_size);
    (*n)++;
    return e;
}

pk_item *pk_list_push(pk_pack *p, pk_list *l)
{
    pk_item *it = pk_array_push(p, (void **)&l->items, &l->n_items, sizeof *it);
    it->fig.percentile = -1;
    l->present = true;
    return it;
}

const char *pk_pack_str(pk_pack *p, const char *s)
{
    return pk_arena_strdup(p->arena, s);
}

bool pk_cell_figure(pk_csv *c, const pk_csv_row *row, int col, pk_unit unit, const char *source,
                    double scale, double top, pk_figure *out)
{
    memset(out, 0, sizeof *out);
    out->percentile = -1;
    out->unit = unit;
    out->source = source;
    const char *s = row->f[col];
    pk_marker m = pk_csv_marker(s);
    if (m == PK_MARK_TOPCODED && top > 0) {
        out->status = PK_FIG_TOPCODED;
        out->value = top;
        return true;
    }
    if (m != PK_MARK_NONE) {
        out->status = PK_FIG_NA;
        return true;
    }
    double v;
    if (!pk_csv_number(s, &v)) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, s, row->len[col], 40);
        pk_csv_error(c, row, (size_t)col, "expected a number (or a BLS marker * ** #), got %s", q.data);
        pk_buf_fini(&q);
        return false;
    }
    /* the value is in its unit's domain, as every figure of a record (schema.h): a negative
     * wage or count is a mangled file, reported at its cell like any other bad cell */
    double lo, hi;
    unsigned flags;
    pk_unit_domain(unit, &lo, &hi, &flags);
    if (!pk_in_domain(v * scale, lo, hi, flags) || fabs(v * scale) >= PK_MAX_EXACT) {
        pk_buf msg = PK_BUF_INIT;
        if (fabs(v * scale) >= PK_MAX_EXACT)
            pk_buf_printf(&msg, "expected a number below 2^53 (9007199254740992), got %.17g", v * scale);
        else
            pk_domain_message(&msg, v * scale, lo, hi, flags, NULL);
        pk_csv_error(c, row, (size_t)col, "%s", pk_buf_str(&msg));
        pk_buf_fini(&msg);
        return false;
    }
    out->status = PK_FIG_OK;
    out->value = v * scale;
    return true;
}

typedef struct rank { double v; size_t i; } rank;

static int cmp_rank(const void *a, const void *b)
{
    double x = ((const rank *)a)->v, y = ((const rank *)b)->v;
    return (x > y) - (x < y);
}

void pk_percentiles(const double *values, size_t n, double *pct)
{
    if (n == 0) return;
    rank *r = pk_xmalloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) r[i] = (rank){values[i], i};
    qsort(r, n, sizeof *r, cmp_rank);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && r[j].v == r[i].v) j++;
        /* below: i values; ties: j - i */
        double p = 100.0 * ((double)i + 0.5 * (double)(j - i)) / (double)n;
        for (size_t k = i; k < j; k++) pct[r[k].i] = p;
        i = j;
    }
    free(r);
}

const char *pk_band(double percentile)
{
    return percentile < 100.0 / 3 ? "Low" : percentile < 200.0 / 3 ? "Moderate" : "High";
}

pk_csv_opts pk_input_csv_opts(const pk_input *in)
{
    pk_csv_opts o = {.delim = ',', .quoted = true};
    if (in->encoding && strcmp(in->encoding, "windows-1252") == 0) o.encoding = PK_CSV_WINDOWS_1252;
    const char *dot = strrchr(in->file, '.');
    bool tsv = in->format ? strcmp(in->format, "tsv") == 0
                          : dot && (strcmp(dot, ".txt") == 0 || strcmp(dot, ".tsv") == 0);
    if (tsv) {
        o.delim = '\t';
        o.quoted = false;
    }
    return o;
}

/* ---- the two importers every pack starts with ---- */

typedef struct occ_ctx {
    pk_pack *p;
    const pk_input *in;
    int code, title, desc;
    struct seen { char code[11]; size_t line; } *seen; /* owned: open addressing by code */
    size_t cap_seen, n_seen;
} occ_ctx;

static size_t code_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The line the code was first seen on, or 0 after recording it as seen on `line`. */
static size_t seen_before(occ_ctx *x, const char *code, size_t line)
{
    if (2 * (x->n_seen + 1) > x->cap_seen) {
        size_t cap = x->cap_seen ? 2 * x->cap_seen : 2048;
        struct seen *t = pk_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < x->cap_seen; i++) {
            if (!x->seen[i].line) continue;
            size_t k = code_hash(x->seen[i].code) & (cap - 1);
            while (t[k].line) k = (k + 1) & (cap - 1);
            t[k] = x->seen[i];
        }
        free(x->seen);
        x->seen = t;
        x->cap_seen = cap;
    }
    size_t k = code_hash(code) & (x->cap_seen - 1);
    while (x->seen[k].line) {
        if (strcmp(x->seen[k].code, code) == 0) return x->seen[k].line;
        k = (k + 1) & (x->cap_seen - 1);
    }
    snprintf(x->seen[k].code, sizeof x->seen[k].code, "%s", code);
    x->seen[k].line = line;
    x->n_seen++;
    return 0;
}

static int occ_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    occ_ctx *x = ctx;
    if (row->line == 1 || x->code < 0) {
        if (x->code == -2) { /* the header */
            x->code = pk_csv_need(c, "O*NET-SOC Code");
            x->title = pk_csv_need(c, "Title");
            x->desc = pk_csv_col(c, "Description");
            return x->code < 0 || x->title < 0;
        }
    }
    const char *code = row->f[x->code];
    if (!pk_soc_valid(code)) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, code, row->len[x->code], 40);
        pk_csv_error(c, row, (size_t)x->code, "expected an O*NET-SOC code like 27-4014.00, got %s", q.data);
        pk_buf_fini(&q);
        return 0;
    }
    if (row->len[x->title] == 0) {
        pk_csv_error(c, row, (size_t)x->title, "empty title");
        return 0;
    }
    size_t first = seen_before(x, code, row->line);
    if (first) {
        pk_csv_error(c, row, (size_t)x->code,
                     "occupation %s is listed twice (first on line %zu); this row is ignored", code,
                     first);
        return 0;
    }
    pk_occ *o = pk_pack_add_occ(x->p, code);
    o->rec.title = pk_pack_str(x->p, row->f[x->title]);
    if (x->desc >= 0 && row->len[x->desc]) o->rec.description = pk_pack_str(x->p, row->f[x->desc]);
    o->rec.text_source = x->in->source;
    o->listed = true;
    return 0;
}

int pk_import_onet_occupations(pk_pack *p, const pk_input *in, pk_diag *d)
{
    occ_ctx x = {p, in, -2, -1, -1, NULL, 0, 0};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, occ_row, &x, d);
    free(x.seen);
    if (p->n_occs > 1) qsort(p->occs, p->n_occs, sizeof *p->occs, cmp_occ); /* codes unique: occ_row */
    for (size_t i = 0; i < p->n_occs; i++) p->occs[i]->index = i;
    return rc;
}

typedef struct xw_ctx {
    const char *from_col, *to_col, *title_col; /* header names (the title's optional) */
    bool onet;                     /* codes are O*NET-SOC (27-4014.00), else SOC (27-4014) */
    pk_pack *p;
    pk_xw **table;
    size_t *n, cap;
    int from, to, title;
} xw_ctx;

static bool soc6_valid(const char *s)
{
    return strlen(s) == 7 && s[2] == '-' && strspn(s, "0123456789-") == 7;
}

static int xw_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    xw_ctx *x = ctx;
    if (x->from == -2) {
        x->from = pk_csv_need(c, x->from_col);
        x->to = pk_csv_need(c, x->to_col);
        x->title = pk_csv_col(c, x->title_col);
        return x->from < 0 || x->to < 0;
    }
    const char *a = row->f[x->from], *b = row->f[x->to];
    bool a_ok = x->onet ? pk_soc_valid(a) : soc6_valid(a);
    bool b_ok = x->onet ? pk_soc_valid(b) : soc6_valid(b);
    if (!a_ok || !b_ok) {
        int bad = a_ok ? x->to : x->from;
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, row->f[bad], row->len[bad], 40);
        pk_csv_error(c, row, (size_t)bad, "expected %s, got %s",
                     x->onet ? "an O*NET-SOC code like 27-4014.00" : "a SOC code like 27-4014",
                     q.data);
        pk_buf_fini(&q);
        return 0;
    }
    if (*x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 1024;
        *x->table = pk_xrealloc(*x->table, x->cap * sizeof **x->table);
    }
    pk_xw *e = &(*x->table)[(*x->n)++];
    memset(e, 0, sizeof *e);
    snprintf(e->from, sizeof e->from, "%s", a);
    snprintf(e->to, sizeof e->to, "%s", b);
    if (x->title >= 0 && row->len[x->title]) e->from_title = pk_pack_str(x->p, row->f[x->title]);
    return 0;
}

static int cmp_xw_by_to(const void *a, const void *b)
{
    const pk_xw *x = *(const pk_xw *const *)a, *y = *(const pk_xw *const *)b;
    int c = strcmp(x->to, y->to);
    return c ? c : strcmp(x->from, y->from);
}

/* Reads a crosswalk, sorted by `from`, and counts for each entry how many distinct `from` codes
 * map to its `to` code (two older codes merged into one). */
static int read_crosswalk(const pk_input *in, xw_ctx *x, pk_diag *d)
{
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, xw_row, x, d);
    pk_xw *t = *x->table;
    size_t n = *x->n;
    if (n > 1) qsort(t, n, sizeof *t, cmp_xw);
    pk_xw **by_to = pk_xmalloc((n ? n : 1) * sizeof *by_to);
    for (size_t i = 0; i < n; i++) by_to[i] = &t[i];
    if (n > 1) qsort(by_to, n, sizeof *by_to, cmp_xw_by_to);
    for (size_t i = 0, j; i < n; i = j) {
        size_t distinct = 1;
        for (j = i + 1; j < n && strcmp(by_to[j]->to, by_to[i]->to) == 0; j++)
            distinct += strcmp(by_to[j]->from, by_to[j - 1]->from) != 0;
        for (size_t k = i; k < j; k++) by_to[k]->to_sources = distinct;
    }
    free(by_to);
    return rc;
}

int pk_import_soc2010_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d)
{
    xw_ctx x = {"2010 SOC Code", "2018 SOC Code", "2010 SOC Title", false, p, &p->soc2010,
                &p->n_soc2010, 0, -2, -1, -1};
    return read_crosswalk(in, &x, d);
}

int pk_import_onet2010_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d)
{
    xw_ctx x = {"O*NET-SOC 2010 Code", "O*NET-SOC 2019 Code", "O*NET-SOC 2010 Title", true, p,
                &p->onet2010, &p->n_onet2010, 0, -2, -1, -1};
    return read_crosswalk(in, &x, d);
}

/* ---- derived over the population ---- */

/* Task overlap: the mean of the occupation's exposure percentiles from the studies that measure
 * task overlap (GPTs-are-GPTs gamma and AIOE, as the importers mark them), ranked again across
 * the occupations that have them (docs/methodology.md). */
static void derive_overlap(pk_pack *p)
{
    double *v = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *v);
    double *pct = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *pct);
    size_t n = 0;
    for (size_t i = 0; i < p->n_occs; i++)
        if (p->occs[i]->overlap_n > 0) v[n++] = p->occs[i]->overlap_sum / p->occs[i]->overlap_n;
    pk_percentiles(v, n, pct);
    size_t k = 0;
    for (size_t i = 0; i < p->n_occs; i++) {
        pk_occ *o = p->occs[i];
        if (o->overlap_n == 0) continue;
        pk_figure *f = &o->rec.exposure.task_overlap;
        f->status = PK_FIG_OK;
        f->unit = PK_UNIT_PERCENTILE;
        f->value = pct[k]; /* the exact mid-rank (pk_fmt_rank prints it) */
        f->percentile = -1;
        f->population = n;
        f->band = pk_band(pct[k]);
        f->source = pk_pack_str(p, o->overlap_src);
        o->rec.exposure.present = true;
        k++;
    }
    free(v);
    free(pct);
}

/* Related occupations get the pay and overlap percentiles of their own records. */
static void derive_related(pk_pack *p)
{
    for (size_t i = 0; i < p->n_occs; i++) {
        pk_quadrant *q = &p->occs[i]->rec.quadrant;
        for (size_t k = 0; k < q->n_related; k++) {
            pk_related *rel = &q->related[k];
            pk_occ *o = rel->soc ? pk_pack_occ(p, rel->soc) : NULL;
            if (!o) continue;
            if (!rel->title) rel->title = o->rec.title;
            if (o->rec.exposure.task_overlap.status == PK_FIG_OK) {
                rel->overlap_percentile = o->rec.exposure.task_overlap;
                rel->overlap_percentile.band = NULL;
                rel->overlap_percentile.population = 0;
            }
            const pk_figure *med = &o->rec.wages.median;
            if (pk_fig_has(med) && med->percentile >= 0) {
                /* the rank of its median, and so of whom the median describes: a wider code's
                   rank is that code's (the pack's scopes live in its arena, as the records') */
                rel->pay_percentile = (pk_figure){.status = PK_FIG_OK, .unit = PK_UNIT_PERCENTILE,
                                                  .value = med->percentile, .source = med->source,
                                                  .percentile = -1, .scope = med->scope};
            }
        }
    }
}

/* ---- loading ---- */

static char *join_path(const char *root, const char *file)
{
    pk_buf b = PK_BUF_INIT;
    if (file[0] == '/' || !root || !*root || strcmp(root, ".") == 0) {
        pk_buf_adds(&b, file);
    } else {
        pk_buf_adds(&b, root);
        if (root[strlen(root) - 1] != '/') pk_buf_addc(&b, '/');
        pk_buf_adds(&b, file);
    }
    return pk_buf_take(&b);
}

/* True when path f names a file in its root folder or below it as written: not absolute, no ".."
 * component, no backslash, not empty (as a template's logo, layouts/template.c). */
static bool inside_as_written(const char *f)
{
    if (!f[0] || f[0] == '/' || strchr(f, '\\')) return false;
    for (const char *s = f; *s;) {
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.') return false;
        s += n;
        if (*s == '/') s++;
    }
    return true;
}

/* The path of an input's file (key: "file", "lookup" or "weights") under the pack's root, or
 * NULL after one message by JSON path: a file named outside the root (absolute, through "..",
 * or where a symbolic link leads once followed) is never opened, so that no message can show a
 * line of a file the manifest had no business naming, and a folder is named as one. A file that
 * does not exist is left to its reader, which says so. */
static char *input_path(pk_pack *p, const char *manifest_path, size_t i, const char *key,
                        const char *file, pk_diag *d)
{
    pk_buf q = PK_BUF_INIT;
    pk_diag_quote(&q, file, strlen(file), 120);
    if (!inside_as_written(file)) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].%s: %s is outside the pack's root (a "
                    "manifest may only name files in the root folder, --root or the manifest's "
                    "own, or below it)", manifest_path, i, key, pk_buf_str(&q));
        pk_buf_fini(&q);
        return NULL;
    }
    char *path = join_path(p->root, file);
    char *real_root = realpath(p->root, NULL), *real = realpath(path, NULL);
    int rc = 0;
    if (real_root && real) {
        size_t n = strlen(real_root);
        bool all = n == 1; /* "/": everything is below it */
        struct stat st;
        if (strncmp(real, real_root, n) != 0 || (!all && real[n] != '/')) {
            pk_buf where = PK_BUF_INIT;
            pk_diag_quote(&where, real, strlen(real), 200);
            rc = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].%s: %s is outside the pack's "
                             "root: a symbolic link leads to %s (a manifest may only name files "
                             "in the root folder or below it)", manifest_path, i, key,
                             pk_buf_str(&q), pk_buf_str(&where));
            pk_buf_fini(&where);
        } else if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].%s: %s is a directory, "
                             "expected a file", manifest_path, i, key, pk_buf_str(&q));
        }
    }
    free(real_root);
    free(real);
    pk_buf_fini(&q);
    if (rc) {
        free(path);
        return NULL;
    }
    return path;
}

static void add_file(pk_pack *p, const pk_input *in, const char *role, const char *file,
                     const char *path, const char *source)
{
    p->files = pk_xrealloc(p->files, (p->n_files + 1) * sizeof *p->files);
    p->files[p->n_files++] = (pk_pack_file){in->id, role, in->importer, source, file, path};
}

/* An input's history entries (docs/packs.md): earlier releases of an oews-national input's
 * source, each a year before the input's own, no year twice, its file inside the root.
 * Returns non-zero after a message by JSON path for each problem. */
static int check_history(pk_pack *p, const char *manifest_path, pk_input *in, pk_diag *d)
{
    if (in->n_history == 0) return 0;
    size_t i = in->index;
    if (strcmp(in->importer, "oews-national") != 0)
        return pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history: importer \"%s\" reads "
                           "no history (only oews-national does)", manifest_path, i, in->importer);
    int bad = 0;
    if (!in->year)
        bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu]: missing key \"year\" (the "
                          "reference year of the release, which \"history\" needs)",
                          manifest_path, i);
    for (size_t k = 0; k < in->n_history; k++) {
        pk_hist_input *h = &in->history[k];
        h->index = k;
        if (in->year && h->year == in->year)
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history[%zu].year: %ld is "
                              "given twice (it is the year of the input's own release, "
                              "$.inputs[%zu].year)", manifest_path, i, k, h->year, i);
        else if (in->year && h->year > in->year)
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history[%zu].year: %ld is "
                              "later than the input's own release (%ld): history names earlier "
                              "releases", manifest_path, i, k, h->year, in->year);
        for (size_t j = 0; j < k; j++)
            if (in->history[j].year == h->year) {
                bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history[%zu].year: %ld "
                                  "is given twice (first at $.inputs[%zu].history[%zu])",
                                  manifest_path, i, k, h->year, i, j);
                break;
            }
        if (!pk_sources_find(&p->sources, h->source))
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history[%zu].source: unknown "
                              "source \"%s\" (not in $.sources)", manifest_path, i, k, h->source);
        if (h->code_kind && strcmp(h->code_kind, "soc") != 0 && strcmp(h->code_kind, "soc2010") != 0)
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].history[%zu].code_kind: "
                              "unknown code kind \"%s\" (expected soc or soc2010)",
                              manifest_path, i, k, h->code_kind);
        char key[48];
        snprintf(key, sizeof key, "history[%zu].file", k);
        char *path = input_path(p, manifest_path, i, key, h->file, d);
        if (!path) bad = -1;
        h->path = path ? pk_arena_strdup(p->arena, path) : "";
        free(path);
    }
    return bad;
}

static pk_pack *load(const char *manifest_path, const char *root, bool full, pk_diag *d)
{
    pk_buf text = PK_BUF_INIT;
    if (pk_file_read(manifest_path, 4 << 20, &text, d) != 0) return NULL;
    pk_pack *p = pk_xcalloc(1, sizeof *p);
    p->arena = pk_arena_new();
    pk_manifest *m = pk_json_read(manifest_path, text.data, text.len, &manifest_s, p->arena, NULL, d);
    pk_buf_fini(&text);
    if (!m) goto fail;
    int bad = 0;
    if (m->version != 1)
        bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.presskit_pack: unsupported pack version %ld (this presskit reads version 1)",
                          manifest_path, m->version);
    p->sources.arena = NULL;
    p->sources.version = 1;
    p->sources.publication = m->publication;
    p->sources.items = m->sources;
    p->sources.n_items = m->n_sources;
    p->name = m->name;
    p->full = full;
    if (pk_sources_check(manifest_path, m->sources, m->n_sources, d)) bad = -1;
    /* root: as given, else the manifest's folder */
    if (root) {
        p->root = pk_xstrdup(root);
    } else {
        const char *slash = strrchr(manifest_path, '/');
        size_t n = slash ? (size_t)(slash - manifest_path) : 0;
        p->root = n ? memcpy(pk_xcalloc(n + 1, 1), manifest_path, n) : pk_xstrdup(".");
    }
    size_t n_occ_inputs = 0;
    for (size_t i = 0; i < m->n_inputs; i++) {
        pk_input *in = &m->inputs[i];
        const struct importer *imp = NULL;
        for (size_t k = 0; k < N(importers); k++)
            if (strcmp(importers[k].name, in->importer) == 0) imp = &importers[k];
        if (!imp) {
            pk_buf names = PK_BUF_INIT;
            for (size_t k = 0; k < N(importers); k++) pk_buf_printf(&names, "%s%s", k ? ", " : "", importers[k].name);
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].importer: unknown importer \"%s\" (expected %s)",
                              manifest_path, i, in->importer, names.data);
            pk_buf_fini(&names);
            continue;
        }
        if (imp->needs_source && !in->source)
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu]: missing key \"source\" (every figure names its source)",
                              manifest_path, i);
        if (in->source && !pk_sources_find(&p->sources, in->source))
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].source: unknown source \"%s\" (not in $.sources)",
                              manifest_path, i, in->source);
        if (in->lookup_source && !pk_sources_find(&p->sources, in->lookup_source))
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].lookup_source: unknown source \"%s\" (not in $.sources)",
                              manifest_path, i, in->lookup_source);
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->inputs[j].id, in->id) == 0)
                bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].id: input id \"%s\" is used twice",
                                  manifest_path, i, in->id);
        if (in->encoding && strcmp(in->encoding, "utf-8") != 0 &&
            strcmp(in->encoding, "windows-1252") != 0)
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].encoding: unknown encoding \"%s\" (expected utf-8 or windows-1252)",
                              manifest_path, i, in->encoding);
        if (in->format && strcmp(in->format, "csv") != 0 && strcmp(in->format, "tsv") != 0) {
            pk_buf q = PK_BUF_INIT;
            pk_diag_quote(&q, in->format, strlen(in->format), 60);
            bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs[%zu].format: unknown format %s (expected csv or tsv)",
                              manifest_path, i, pk_buf_str(&q));
            pk_buf_fini(&q);
        }
        if (strcmp(in->importer, "onet-occupations") == 0) n_occ_inputs++;
        in->manifest = manifest_path;
        in->index = i;
        char *path = input_path(p, manifest_path, i, "file", in->file, d);
        if (!path) bad = -1;
        in->path = path ? pk_arena_strdup(p->arena, path) : "";
        free(path);
        if (in->lookup) {
            path = input_path(p, manifest_path, i, "lookup", in->lookup, d);
            if (!path) bad = -1;
            in->lookup_path = path ? pk_arena_strdup(p->arena, path) : "";
            free(path);
        }
        if (in->weights) {
            path = input_path(p, manifest_path, i, "weights", in->weights, d);
            if (!path) bad = -1;
            in->weights_path = path ? pk_arena_strdup(p->arena, path) : "";
            free(path);
        }
        if (check_history(p, manifest_path, in, d)) bad = -1;
        add_file(p, in, "file", in->file, in->path, in->source);
        if (in->lookup)
            add_file(p, in, "lookup", in->lookup, in->lookup_path,
                     in->lookup_source ? in->lookup_source : in->source);
        if (in->weights) add_file(p, in, "weights", in->weights, in->weights_path, in->source);
        for (size_t k = 0; k < in->n_history; k++) { /* one role per release: history-2023 */
            char role[40];
            snprintf(role, sizeof role, "history-%ld", in->history[k].year);
            add_file(p, in, pk_arena_strdup(p->arena, role), in->history[k].file,
                     in->history[k].path, in->history[k].source);
        }
    }
    if (n_occ_inputs != 1)
        bad = pk_diag_add(d, PK_FAIL_INPUT, "%s: $.inputs: expected exactly one input with importer \"onet-occupations\" (it defines the occupations), got %zu",
                          manifest_path, n_occ_inputs);
    if (bad) goto fail;

    /* the occupations first, then the rest in manifest order (a list load stops after them) */
    size_t before_occ = d->n;
    for (int pass = 0; pass < (full ? 2 : 1); pass++) {
        for (size_t i = 0; i < m->n_inputs; i++) {
            pk_input *in = &m->inputs[i];
            bool occ = strcmp(in->importer, "onet-occupations") == 0;
            if (occ != (pass == 0)) continue;
            for (size_t k = 0; k < N(importers); k++) {
                if (strcmp(importers[k].name, in->importer) != 0) continue;
                size_t before = d->n;
                importers[k].fn(p, in, d);
                /* a file that cannot be read at all fails the pack; bad rows only drop data */
                for (size_t e = before; e < d->n; e++)
                    if (d->msgs[e].kind == PK_FAIL_IO) goto fail;
            }
        }
        if (pass == 0) {
            p->inputs = m->inputs;
            p->n_inputs = m->n_inputs;
            p->cov = pk_xcalloc(m->n_inputs * p->n_occs + 1, 1);
        }
        if (pass == 0 && p->n_occs == 0) {
            /* said once: a file that already said why (a bad header) needs no second message */
            for (size_t i = 0; i < m->n_inputs && d->n == before_occ; i++)
                if (strcmp(m->inputs[i].importer, "onet-occupations") == 0)
                    pk_input_error(d, &m->inputs[i], NULL, "the occupations file gave no occupation");
            goto fail;
        }
    }
    if (full) {
        derive_overlap(p);
        derive_related(p);
    }
    p->codes = pk_xmalloc((p->n_occs ? p->n_occs : 1) * sizeof *p->codes);
    for (size_t i = 0; i < p->n_occs; i++) p->codes[i] = p->occs[i]->rec.soc;
    return p;
fail:
    pk_pack_free(p);
    return NULL;
}

pk_pack *pk_pack_load(const char *manifest_path, const char *root, pk_diag *d)
{
    return load(manifest_path, root, true, d);
}

pk_pack *pk_pack_load_list(const char *manifest_path, const char *root, pk_diag *d)
{
    return load(manifest_path, root, false, d);
}

bool pk_pack_is_full(const pk_pack *p)
{
    return p->full;
}

const char *pk_pack_name(const pk_pack *p)
{
    return p->name;
}

const char *pk_pack_root(const pk_pack *p)
{
    return p->root;
}

const pk_pack_file *pk_pack_files(const pk_pack *p, size_t *n)
{
    *n = p->n_files;
    return p->files;
}

void pk_pack_fingerprint(const char *manifest_sha256, const pk_file_id *files, size_t n,
                         char out[65])
{
    /* one line per file; a name may hold spaces, so it goes last on its line */
    pk_buf b = PK_BUF_INIT;
    pk_buf_printf(&b, "presskit pack fingerprint 1\nmanifest %s\n", manifest_sha256);
    for (size_t i = 0; i < n; i++)
        pk_buf_printf(&b, "input %s %s %llu %s %s\n", files[i].input_id, files[i].role,
                      files[i].bytes, files[i].sha256, files[i].file);
    pk_sha256_hex(b.data, b.len, out);
    pk_buf_fini(&b);
}

void pk_pack_free(pk_pack *p)
{
    if (!p) return;
    free(p->files);
    free(p->occs);
    free(p->codes);
    free(p->soc2010);
    free(p->onet2010);
    free(p->majors);
    free(p->combined_code);
    free(p->combined_occ);
    free(p->cov);
    free(p->root);
    pk_arena_free(p->arena);
    free(p);
}

const pk_sources *pk_pack_sources(const pk_pack *p)
{
    return &p->sources;
}

const char *const *pk_pack_codes(const pk_pack *p, size_t *n)
{
    *n = p->n_occs;
    return p->codes;
}

const char *pk_pack_title(const pk_pack *p, const char *code)
{
    pk_occ *o = pk_pack_occ((pk_pack *)p, code);
    return o ? o->rec.title : NULL;
}

int pk_pack_record_json(const pk_pack *p, const char *code, pk_buf *out, pk_diag *d)
{
    pk_occ *o = p->full ? pk_pack_occ((pk_pack *)p, code) : NULL;
    if (!o) return pk_diag_add(d, PK_FAIL_INPUT, "error: no occupation %s in this pack", code);
    pk_record_write(&o->rec, out);
    return 0;
}

pk_record *pk_pack_record(const pk_pack *p, const char *code, pk_diag *d)
{
    /* Out through the record's own JSON form: the copy owns its memory, and the reader checks
     * every figure an importer made against the schema. */
    pk_buf b = PK_BUF_INIT;
    pk_record *r = NULL;
    if (pk_pack_record_json(p, code, &b, d) == 0) {
        pk_buf name = PK_BUF_INIT;
        pk_buf_printf(&name, "(pack record %s)", code);
        r = pk_record_parse(name.data, b.data, b.len, &p->sources, code, d);
        pk_buf_fini(&name);
    }
    pk_buf_fini(&b);
    return r;
}

static void add_cov(void *ctx, const char *id)
{
    pk_buf *b = ctx;
    if (b->len) pk_buf_addc(b, ',');
    pk_buf_adds(b, id);
}

void pk_pack_coverage(const pk_pack *p, const char *code, pk_buf *out)
{
    pk_occ *o = pk_pack_occ((pk_pack *)p, code);
    if (o) pk_record_each_source(&o->rec, add_cov, out);
}
