/* import_studies.c: the AI-exposure study importers and the crosswalk joins. `scores` reads any
 * table of scores by occupation code, so a new study is a manifest entry (exposure rows, the
 * GPTs-are-GPTs alpha/beta/gamma, remote work, Frey-Osborne); `aei-tasks` joins the Anthropic
 * Economic Index task shares to O*NET task statements by text, and `aei-patterns` its
 * collaboration patterns by the same key; `ilo` bridges the ILO's ISCO-08
 * scores to SOC through the BLS crosswalks; `cip-soc` gives fields of study. Columns are found
 * by header name. The rules for the figures computed here (percentiles, bands, the joins) are
 * stated again in docs/methodology.md. Part of data/. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/import.h"
#include "data/schema.h"
#include "data/patterns.h"
#include "data/text.h"

/* The observed-usage tasks a record keeps: the brief shows a handful. */
#define MAX_TASK_SHARES 5
/* Fields of study a record lists. */
#define MAX_FIELDS 8
/* The ILO file's score columns name their years. */
#define ILO_YEAR 2025
#define ILO_FROM_YEAR 2023

/* ---- shared ---- */

/* Reports a problem with the manifest input itself (not a cell of its file). pk_input does not
 * carry the manifest's path or the input's index, so the input is named by its id and file. */

/* Reports a cell that is not what the column holds, quoting it: "expected X, got "Y"". */
static void bad_cell(pk_csv *c, const pk_csv_row *row, int col, const char *expected)
{
    pk_buf q = PK_BUF_INIT;
    pk_diag_quote(&q, row->f[col], row->len[col], 40);
    pk_csv_error(c, row, (size_t)col, "expected %s, got %s", expected, q.data);
    pk_buf_fini(&q);
}

/* Cell `col` without its surrounding spaces and tabs: its first byte, and its length in *len. */
static const char *cell_span(const pk_csv_row *row, int col, size_t *len)
{
    const char *s = row->f[col];
    size_t n = row->len[col];
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* Copies cell `col`, trimmed, into out[cap]. Returns false when it does not fit (no code these
 * files hold is that long, so the caller reports the cell as invalid). */
static bool cell_trimmed(const pk_csv_row *row, int col, char *out, size_t cap)
{
    size_t n;
    const char *s = cell_span(row, col, &n);
    if (n >= cap) return false;
    memcpy(out, s, n);
    out[n] = '\0';
    return true;
}

/* A copy in `a` of cell `col`, trimmed and, with drop_period, without one trailing period;
 * sets *len to its length. */
static char *cell_dup(pk_arena *a, const pk_csv_row *row, int col, bool drop_period, size_t *len)
{
    size_t n;
    const char *s = cell_span(row, col, &n);
    if (drop_period && n && s[n - 1] == '.')
        for (n--; n && (s[n - 1] == ' ' || s[n - 1] == '\t');)
            n--;
    *len = n;
    return pk_arena_strndup(a, s, n);
}

static bool cell_blank(const pk_csv_row *row, int col)
{
    size_t n;
    cell_span(row, col, &n);
    return n == 0;
}

/* A SOC code as BLS writes it, 2010 or 2018: "27-4014". */
static bool soc7_valid(const char *s)
{
    return strlen(s) == 7 && s[2] == '-' && strspn(s, "0123456789") == 2 &&
           strspn(s + 3, "0123456789") == 4;
}

/* An ISCO-08 code: 1 to 4 digits (major group down to unit group; the BLS crosswalk matches a
 * few SOC codes to 3-digit minor groups, which the ILO, scoring unit groups, does not score). */
static bool isco_valid(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 4 && strspn(s, "0123456789") == n;
}

/* Reads a number cell: returns true with *has false for an empty cell (no data for the row), or
 * with the number in *out; returns false after reporting anything else at the cell. */
static bool cell_number(pk_csv *c, const pk_csv_row *row, int col, double *out, bool *has)
{
    *has = false;
    if (cell_blank(row, col)) return true;
    bool num = pk_csv_number(row->f[col], out);
    if (!num || fabs(*out) >= PK_MAX_EXACT) {
        bad_cell(c, row, col, num ? "a number below 2^53 in magnitude" : "a number");
        return false;
    }
    *has = true;
    return true;
}

/* The index in p->occs of the occupation with this O*NET-SOC code, or SIZE_MAX. Importers that
 * keep per-occupation scratch need the index, which pk_pack_occ does not give. */
static size_t occ_index(pk_pack *p, const char *code)
{
    size_t n;
    pk_occ **run = pk_pack_occs_for_soc(p, code, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(run[i]->rec.soc, code) == 0) return (size_t)(run + i - p->occs);
    return SIZE_MAX;
}

static pk_figure figure(pk_unit unit, double value, const char *source)
{
    return (pk_figure){
        .status = PK_FIG_OK, .unit = unit, .value = value, .source = source, .percentile = -1};
}

/* A 0-1 share as per cent, without the binary noise of the product (0.35 * 100 is
 * 35.00000000000001, which the record would print as such): nine decimals are kept. */
static double share_to_percent(double share)
{
    return round(share * 1e11) / 1e9;
}

/* ---- a string-keyed hash table (open addressing), for the joins ---- */

typedef struct smap_slot {
    const char *key; /* borrowed: must outlive the map; NULL for an empty slot */
    size_t len;
    size_t val;
} smap_slot;

typedef struct smap {
    smap_slot *slots; /* owned */
    size_t cap, n;    /* cap is a power of two (0 before the first add) */
} smap;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static smap_slot *smap_slot_for(const smap *m, const char *key, size_t len)
{
    size_t i = (size_t)hash_bytes(key, len) & (m->cap - 1);
    while (m->slots[i].key && (m->slots[i].len != len || memcmp(m->slots[i].key, key, len) != 0))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

/* The value of `key`, or false when it is not in the map. */
static bool smap_get(const smap *m, const char *key, size_t len, size_t *val)
{
    if (!m->cap) return false;
    const smap_slot *s = smap_slot_for(m, key, len);
    if (!s->key) return false;
    *val = s->val;
    return true;
}

/* Adds key -> val; when the key is already there, leaves it, sets *val to its value and returns
 * false (the caller's "first one wins"). */
static bool smap_add(smap *m, const char *key, size_t len, size_t *val)
{
    if (2 * (m->n + 1) > m->cap) { /* keep the load at most one half */
        smap grown = {pk_xcalloc(m->cap ? 2 * m->cap : 64, sizeof *grown.slots),
                      m->cap ? 2 * m->cap : 64, m->n};
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *smap_slot_for(&grown, m->slots[i].key, m->slots[i].len) = m->slots[i];
        free(m->slots);
        *m = grown;
    }
    smap_slot *s = smap_slot_for(m, key, len);
    if (s->key) {
        *val = s->val;
        return false;
    }
    *s = (smap_slot){key, len, *val};
    m->n++;
    return true;
}

static void smap_fini(smap *m)
{
    free(m->slots);
    *m = (smap){NULL, 0, 0};
}

/* ---- scores: a table of scores by occupation code ---- */

typedef enum code_kind { CODE_ONET, CODE_SOC, CODE_SOC2010, CODE_ONET2010 } code_kind;

typedef enum target { T_STUDY, T_ALPHA, T_BETA, T_GAMMA, T_REMOTE, T_FREY, T_COUNT_ } target;

static const char *const target_names[T_COUNT_] = {
    "study", "gpt.alpha", "gpt.beta", "gpt.gamma", "remote_work", "frey_osborne",
};

typedef struct scores_ctx {
    pk_pack *p;
    const pk_input *in;
    code_kind kind;
    bool digits;           /* codes written without their hyphen and period (code_format) */
    const target *targets; /* per value map */
    bool header_done;
    int code_col;
    int title_col;     /* -1 when the manifest names none */
    int *val_col;      /* owned: per value map */
    pk_arena *scratch; /* owned: the codes the duplicate check keys on */
    smap seen;         /* code -> the line it is first on */
    char (*codes)[16]; /* owned: per kept row */
    const char **titles; /* owned array, strings in scratch: per kept row, NULL without a title */
    double *vals;      /* owned: n_rows x n_values; NAN where the row has no value */
    size_t n_rows, cap_rows;
} scores_ctx;

/* A code written as digits (274014, 27401400) punctuated in place as BLS and O*NET write it
 * (27-4014, 27-4014.00). code has room for 16 bytes. Returns false when it is not six digits
 * (eight for O*NET-SOC). */
static bool undigit(char *code, bool onet)
{
    size_t n = strlen(code);
    if (n != (onet ? 8u : 6u) || strspn(code, "0123456789") != n) return false;
    char out[16];
    if (onet)
        snprintf(out, sizeof out, "%.2s-%.4s.%.2s", code, code + 2, code + 6);
    else
        snprintf(out, sizeof out, "%.2s-%.4s", code, code + 2);
    memcpy(code, out, strlen(out) + 1);
    return true;
}

static int scores_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    scores_ctx *x = ctx;
    const pk_input *in = x->in;
    if (!x->header_done) {
        x->header_done = true;
        bool ok = (x->code_col = pk_csv_need(c, in->code_column)) >= 0;
        x->title_col = -1;
        if (in->title_column) ok &= (x->title_col = pk_csv_need(c, in->title_column)) >= 0;
        for (size_t j = 0; j < in->n_values; j++)
            ok &= (x->val_col[j] = pk_csv_need(c, in->values[j].column)) >= 0;
        return !ok;
    }
    char code[16];
    bool valid = cell_trimmed(row, x->code_col, code, sizeof code);
    bool onet = x->kind == CODE_ONET || x->kind == CODE_ONET2010;
    if (valid && x->digits) valid = undigit(code, onet);
    if (valid) valid = onet ? pk_soc_valid(code) : soc7_valid(code);
    if (!valid) {
        const char *what = onet                  ? "an O*NET-SOC code like 27-4014.00"
                           : x->kind == CODE_SOC ? "a SOC 2018 code like 27-4014"
                                                 : "a SOC 2010 code like 27-4014";
        if (x->digits)
            what = onet                  ? "an O*NET-SOC code written as digits like 27401400"
                   : x->kind == CODE_SOC ? "a SOC 2018 code written as digits like 274014"
                                         : "a SOC 2010 code written as digits like 274014";
        bad_cell(c, row, x->code_col, what);
        return 0;
    }
    /* one value per code: a repeated code would weigh twice in the percentiles */
    size_t first = row->line;
    const char *key = pk_arena_strdup(x->scratch, code);
    if (!smap_add(&x->seen, key, strlen(key), &first)) {
        pk_csv_error(c, row, (size_t)x->code_col,
                     "code %s is listed twice (first on line %zu); the first is kept", code, first);
        return 0;
    }
    if (x->n_rows == x->cap_rows) {
        x->cap_rows = x->cap_rows ? 2 * x->cap_rows : 1024;
        x->codes = pk_xrealloc(x->codes, x->cap_rows * sizeof *x->codes);
        x->titles = pk_xrealloc(x->titles, x->cap_rows * sizeof *x->titles);
        x->vals = pk_xrealloc(x->vals, x->cap_rows * in->n_values * sizeof *x->vals);
    }
    memcpy(x->codes[x->n_rows], code, sizeof code);
    size_t tl = 0;
    x->titles[x->n_rows] =
        x->title_col >= 0 && !cell_blank(row, x->title_col)
            ? cell_dup(x->scratch, row, x->title_col, false, &tl)
            : NULL;
    double *v = &x->vals[x->n_rows * in->n_values];
    for (size_t j = 0; j < in->n_values; j++) {
        v[j] = NAN;
        double num;
        bool has;
        if (!cell_number(c, row, x->val_col[j], &num, &has) || !has) continue;
        /* probabilities and shares are 0-1: a file in per cent would print as "probability 13" */
        /* (GPT exposure alpha, beta and gamma are shares of a job's tasks, 0-1 too) */
        if (x->targets[j] != T_STUDY && (num < 0 || num > 1)) {
            bad_cell(c, row, x->val_col[j],
                     x->targets[j] == T_FREY     ? "a probability from 0 to 1"
                     : x->targets[j] == T_REMOTE ? "a share from 0 to 1"
                                                 : "an exposure score from 0 to 1");
            continue;
        }
        v[j] = num;
    }
    x->n_rows++;
    return 0;
}

/* Adds `id` to the occupation's '+'-joined task-overlap sources unless it is there already.
 * Returns false when the buffer cannot hold it. */
static bool overlap_src_add(pk_occ *o, const char *id)
{
    char *buf = o->overlap_src_buf;
    if (o->overlap_src && o->overlap_src != buf) /* set by someone else: take it over */
        snprintf(buf, sizeof o->overlap_src_buf, "%s", o->overlap_src);
    else if (!o->overlap_src)
        buf[0] = '\0';
    size_t idlen = strlen(id);
    for (const char *s = buf; *s;) {
        size_t n = strcspn(s, "+");
        if (n == idlen && memcmp(s, id, n) == 0) {
            o->overlap_src = buf;
            return true;
        }
        s += n + (s[n] == '+');
    }
    size_t used = strlen(buf);
    if (used + (used ? 1 : 0) + idlen + 1 > sizeof o->overlap_src_buf) return false;
    snprintf(buf + used, sizeof o->overlap_src_buf - used, "%s%s", used ? "+" : "", id);
    o->overlap_src = buf;
    return true;
}

/* Writes one value of one file row into one occupation's record. pct is the raw percentile of
 * the value in its file (NAN for targets without one), pop the file's count of values. */
static void scores_put(pk_pack *p, const pk_input *in, const pk_value_map *m, target t, pk_occ *o,
                       double v, double pct, size_t pop, long year, bool *overlap_full,
                       const pk_scope *scope)
{
    pk_exposure *e = &o->rec.exposure;
    pk_figure f = figure(PK_UNIT_SCORE, v, in->source);
    f.scope = scope;
    if (t == T_STUDY || t == T_GAMMA || t == T_FREY) {
        f.percentile = pct; /* the exact mid-rank; outputs print pk_fmt_rank */
        f.population = pop;
        f.band = pk_band(pct);
    }
    switch (t) {
    case T_STUDY: {
        pk_study *s = pk_array_push(p, (void **)&e->studies, &e->n_studies, sizeof *s);
        s->id = in->source;
        s->label = m->label;
        s->score = f;
        if (m->task_overlap) {
            if (overlap_src_add(o, in->source)) {
                o->overlap_sum += pct;
                o->overlap_n++;
            } else {
                *overlap_full = true;
            }
        }
        break;
    }
    case T_ALPHA:
        e->gpt.alpha = f;
        e->gpt.present = true;
        break;
    case T_BETA:
        e->gpt.beta = f;
        e->gpt.present = true;
        break;
    case T_GAMMA:
        e->gpt.gamma = f;
        e->gpt.present = true;
        break;
    case T_REMOTE:
        f.unit = PK_UNIT_FRACTION;
        e->remote_work = f;
        break;
    case T_FREY:
        f.unit = PK_UNIT_PROBABILITY;
        f.year = (int)year;
        e->frey_osborne = f;
        break;
    case T_COUNT_:
        break;
    }
    e->present = true;
}

/* Checks the manifest entry's scores keys; fills kind and targets. Returns 0 or -1. */
static int scores_check(pk_pack *p, const pk_input *in, pk_diag *d, code_kind *kind,
                        target *targets)
{
    int rc = 0;
    if (!in->code_column)
        rc = pk_input_error(d, in, NULL, "missing key \"code_column\" (the header of the code column)");
    if (!in->code_kind) {
        rc = pk_input_error(d, in, NULL, "missing key \"code_kind\" (expected onet-soc, onet-soc2010, "
                                      "soc or soc2010)");
    } else if (strcmp(in->code_kind, "onet-soc") == 0) {
        *kind = CODE_ONET;
    } else if (strcmp(in->code_kind, "soc") == 0) {
        *kind = CODE_SOC;
    } else if (strcmp(in->code_kind, "onet-soc2010") == 0) {
        *kind = CODE_ONET2010;
        if (p->n_onet2010 == 0)
            rc = pk_input_error(d, in, "code_kind",
                             "\"onet-soc2010\" needs the O*NET-SOC 2010 -> 2019 "
                             "crosswalk, and none is loaded: put an input with importer "
                             "\"onet-soc2010-crosswalk\" before this one");
    } else if (strcmp(in->code_kind, "soc2010") == 0) {
        *kind = CODE_SOC2010;
        if (p->n_soc2010 == 0)
            rc = pk_input_error(d, in, "code_kind",
                             "\"soc2010\" needs the SOC 2010 -> 2018 crosswalk, and "
                             "none is loaded: put an input with importer "
                             "\"soc2010-crosswalk\" before this one");
    } else {
        rc = pk_input_error(d, in, "code_kind",
                         "unknown code_kind \"%s\" (expected onet-soc, onet-soc2010, soc or soc2010)",
                         in->code_kind);
    }
    if (in->code_format && strcmp(in->code_format, "punctuated") != 0 &&
        strcmp(in->code_format, "digits") != 0)
        rc = pk_input_error(d, in, "code_format",
                            "unknown code_format \"%s\" (expected punctuated, as in 27-4014 and "
                            "27-4014.00, or digits, as in 274014 and 27401400)",
                            in->code_format);
    if (in->n_values == 0) rc = pk_input_error(d, in, NULL, "no \"values\": nothing to read from the file");
    for (size_t j = 0; j < in->n_values; j++) {
        const pk_value_map *m = &in->values[j];
        size_t t = 0;
        while (t < T_COUNT_ && strcmp(target_names[t], m->target) != 0)
            t++;
        if (t == T_COUNT_) {
            rc = pk_input_error(d, in, "values",
                             "[%zu]: unknown target \"%s\" (expected study, gpt.alpha, "
                             "gpt.beta, gpt.gamma, remote_work or frey_osborne)",
                             j, m->target);
            continue;
        }
        targets[j] = (target)t;
        if (t == T_STUDY && !m->label)
            rc = pk_input_error(d, in, "values",
                             "[%zu]: a \"study\" needs a \"label\" (its row in the "
                             "exposure table)",
                             j);
        if (t != T_STUDY && m->task_overlap)
            rc = pk_input_error(d, in, "values",
                             "[%zu]: \"task_overlap\" applies to \"study\" values only, "
                             "not \"%s\"",
                             j, m->target);
    }
    return rc;
}

static int cmp_code16(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Placing the rows of a scores file into the pack's records. */
typedef struct sc_put {
    pk_pack *p;
    const pk_input *in;
    const target *targets;
    const scores_ctx *x;
    const double *pct;    /* per row and value: the raw percentile in the file */
    const size_t *pop;    /* per value: the file's count of values */
    long year;
    bool overlap_full;
    unsigned char *written; /* owned: [occ * nv + j] this input already gave occupation occ value j */
} sc_put;

/* Gives occupation o the values of row i that it has no value for yet, each with scope sc.
 * Returns how many values it gave. */
static size_t put_row(sc_put *u, size_t i, pk_occ *o, const pk_scope *sc)
{
    size_t nv = u->in->n_values, given = 0;
    for (size_t j = 0; j < nv; j++) {
        double v = u->x->vals[i * nv + j];
        if (isnan(v) || u->written[o->index * nv + j]) continue;
        u->written[o->index * nv + j] = 1;
        scores_put(u->p, u->in, &u->in->values[j], u->targets[j], o, v, u->pct[i * nv + j],
                   u->pop[j], u->year, &u->overlap_full, sc);
        given++;
    }
    return given;
}

/* Row i, for an older code, goes to the codes a crosswalk maps it to (xw[0..n_xw)): every pack
 * occupation under them (exact O*NET-SOC codes when `exact`). Its scope names the older code:
 * `kind` (shared, or aggregate for a group row), or part when the newer code merged it with
 * other older codes, so that the figure describes only part of the occupation. */
static void put_via(sc_put *u, size_t i, const pk_xw *xw, size_t n_xw, const char *system,
                    bool exact, pk_scope_kind kind)
{
    pk_pack *p = u->p;
    const char *code = u->x->codes[i];
    long reached = 0;
    for (int pass = 0; pass < 2; pass++) {
        const pk_scope *whole = NULL, *part = NULL;
        if (pass == 1) {
            whole = pk_pack_scope(p, kind, system, code, u->x->titles[i], reached);
            part = kind == PK_SCOPE_SHARED
                       ? pk_pack_scope(p, PK_SCOPE_PART, system, code, u->x->titles[i], reached)
                       : whole;
        }
        for (size_t k = 0; k < n_xw; k++) {
            size_t n_run = 0;
            pk_occ **run = pk_pack_occs_for_soc(p, xw[k].to, &n_run);
            for (size_t r = 0; r < n_run; r++) {
                if (exact && strcmp(run[r]->rec.soc, xw[k].to) != 0) continue;
                if (pass == 0) {
                    reached++;
                    continue;
                }
                /* a newer code that several older ones became: this row is one of them */
                put_row(u, i, run[r], xw[k].to_sources > 1 ? part : whole);
            }
        }
    }
}

/* A title as a join key: ASCII lower case, letters and digits, one space between words,
 * "&" as "and". */
static void title_key(pk_buf *out, const char *s)
{
    pk_buf_reset(out);
    bool space = false;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '&') {
            if (out->len) pk_buf_adds(out, " and");
            space = true;
            continue;
        }
        bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch >= 0x80;
        if (!word) {
            space = out->len > 0;
            continue;
        }
        if (space) pk_buf_addc(out, ' ');
        space = false;
        pk_buf_addc(out, (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
    }
    pk_buf_addc(out, '\0');
    out->len--;
}

/* A SOC 2010 study's row whose code the crosswalk does not have is a group of codes: a SOC 2010
 * broad or minor group (29-1060 Physicians and surgeons covers 29-1061 ... 29-1069; 25-1000 every
 * 25-1xxx), or a code of the study's own whose title is a SOC 2010 title (29-1111 "Registered
 * nurses", 29-1141 in SOC 2010) or lists SOC 2010 titles (15-1179 "Information security
 * analysts, web developers, and computer network architects"). It goes, as an aggregate, to the
 * occupations under the codes it covers that no row of their own reached (docs/methodology.md). */
static void put_aggregate(sc_put *u, size_t i)
{
    pk_pack *p = u->p;
    const char *code = u->x->codes[i];
    size_t prefix = 0;
    if (strcmp(code + 3, "0000") == 0) prefix = 0; /* a major group: too wide to mean one job */
    else if (strcmp(code + 4, "000") == 0) prefix = 4;  /* minor group: 25-1000 -> 25-1 */
    else if (code[6] == '0') prefix = 6;                /* broad group: 29-1060 -> 29-106 */
    pk_xw *cover = NULL;
    size_t n_cover = 0, cap = 0;
    /* the title whole, and the titles it lists ("Information security analysts, web developers,
     * and computer network architects"): tried whole first, then by its parts */
    enum { MAX_PARTS = 8 };
    pk_buf keys[MAX_PARTS + 1], other = PK_BUF_INIT;
    size_t n_keys = 0;
    if (!prefix && u->x->titles[i]) {
        const char *t = u->x->titles[i];
        keys[n_keys] = (pk_buf)PK_BUF_INIT;
        title_key(&keys[n_keys++], t);
        pk_buf part = PK_BUF_INIT;
        for (const char *q = t; *q && n_keys <= MAX_PARTS;) {
            size_t len = strcspn(q, ",");
            const char *and = strstr(q, " and ");
            if (and && (size_t)(and - q) < len) len = (size_t)(and - q);
            pk_buf_reset(&part);
            pk_buf_add(&part, q, len);
            pk_buf_addc(&part, '\0');
            const char *w = part.data;
            while (*w == ' ') w++;
            if (strncmp(w, "and ", 4) == 0) w += 4;
            keys[n_keys] = (pk_buf)PK_BUF_INIT;
            title_key(&keys[n_keys], w);
            if (keys[n_keys].len) n_keys++;
            else pk_buf_fini(&keys[n_keys]);
            q += len;
            if (*q == ',') q++;
            else if (strncmp(q, " and ", 5) == 0) q += 5;
        }
        pk_buf_fini(&part);
        if (n_keys == 2) pk_buf_fini(&keys[--n_keys]); /* one part: the title itself */
    }
    for (int pass = 0; pass < 2 && !n_cover; pass++) {
        if (!prefix && pass == 1 && n_keys < 2) break;
        for (size_t k = 0; k < p->n_soc2010; k++) {
            const pk_xw *e = &p->soc2010[k];
            bool in_group = false;
            if (prefix) {
                in_group = strncmp(e->from, code, prefix) == 0;
            } else if (n_keys && e->from_title) {
                title_key(&other, e->from_title);
                for (size_t q = pass == 0 ? 0 : 1; q < (pass == 0 ? 1 : n_keys) && !in_group; q++)
                    in_group = strcmp(other.data, keys[q].data) == 0;
            }
            if (!in_group) continue;
            if (n_cover == cap) {
                cap = cap ? 2 * cap : 16;
                cover = pk_xrealloc(cover, cap * sizeof *cover);
            }
            cover[n_cover] = *e;
            cover[n_cover++].to_sources = 1; /* the aggregate stands for all the codes it covers */
        }
        if (prefix) break;
    }
    for (size_t q = 0; q < n_keys; q++) pk_buf_fini(&keys[q]);
    pk_buf_fini(&other);
    if (n_cover) {
        /* only the occupations no row of their own reached: count and place those */
        size_t nv = u->in->n_values;
        pk_xw *open = pk_xmalloc(n_cover * sizeof *open);
        size_t n_open = 0;
        for (size_t k = 0; k < n_cover; k++) {
            size_t n_run = 0;
            pk_occ **run = pk_pack_occs_for_soc(p, cover[k].to, &n_run);
            bool any = false;
            for (size_t r = 0; r < n_run && !any; r++)
                for (size_t j = 0; j < nv && !any; j++)
                    any = !isnan(u->x->vals[i * nv + j]) && !u->written[run[r]->index * nv + j];
            bool again = false; /* two covered codes can become one newer code */
            for (size_t m = 0; m < n_open && !again; m++) again = strcmp(open[m].to, cover[k].to) == 0;
            if (any && !again) open[n_open++] = cover[k];
        }
        if (n_open) put_via(u, i, open, n_open, "SOC 2010", false, PK_SCOPE_AGGREGATE);
        free(open);
    }
    free(cover);
}

/* Each value column is ranked over the file's own rows that have a value (the study's own
 * population, docs/methodology.md); then every row goes to the pack occupations its code names.
 * When several codes reach one occupation (SOC 2010 codes merged in 2018), the first in the file
 * wins and the rest are not counted again toward task overlap. */
int pk_import_scores(pk_pack *p, const pk_input *in, pk_diag *d)
{
    size_t nv = in->n_values;
    code_kind kind = CODE_ONET;
    target *targets = pk_xcalloc(nv ? nv : 1, sizeof *targets);
    if (scores_check(p, in, d, &kind, targets) != 0) {
        free(targets);
        return -1;
    }
    scores_ctx x = {.p = p,
                    .in = in,
                    .kind = kind,
                    .digits = in->code_format && strcmp(in->code_format, "digits") == 0,
                    .targets = targets,
                    .code_col = -1,
                    .val_col = pk_xcalloc(nv, sizeof(int)),
                    .scratch = pk_arena_new()};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, scores_row, &x, d);

    /* percentiles, per value column, over the rows with a value */
    double *pct = pk_xmalloc((x.n_rows ? x.n_rows : 1) * nv * sizeof *pct);
    size_t *pop = pk_xcalloc(nv, sizeof *pop);
    double *col = pk_xmalloc((x.n_rows ? x.n_rows : 1) * sizeof *col);
    double *colpct = pk_xmalloc((x.n_rows ? x.n_rows : 1) * sizeof *colpct);
    for (size_t j = 0; j < nv; j++) {
        size_t n = 0;
        for (size_t i = 0; i < x.n_rows; i++)
            if (!isnan(x.vals[i * nv + j])) col[n++] = x.vals[i * nv + j];
        pk_percentiles(col, n, colpct);
        pop[j] = n;
        size_t k = 0;
        for (size_t i = 0; i < x.n_rows; i++)
            pct[i * nv + j] = isnan(x.vals[i * nv + j]) ? NAN : colpct[k++];
    }
    free(col);
    free(colpct);

    const pk_source *src = pk_sources_find(&p->sources, in->source);
    long year = src ? src->year : 0;
    sc_put put = {p, in, targets, &x, pct, pop, year, false,
                  pk_xcalloc(p->n_occs * nv + 1, 1)};
    /* the rows for codes the crosswalk does not know (a SOC 2010 study's aggregates) wait until
     * every direct row is placed: an aggregate only fills what no code of its own reached */
    size_t *later = pk_xmalloc((x.n_rows ? x.n_rows : 1) * sizeof *later), n_later = 0;
    for (size_t i = 0; i < x.n_rows; i++) {
        const char *code = x.codes[i];
        if (kind == CODE_ONET) {
            pk_occ *occ = pk_pack_occ(p, code);
            if (occ) put_row(&put, i, occ, NULL);
            continue;
        }
        if (kind == CODE_SOC) {
            size_t n_run;
            pk_occ **run = pk_pack_occs_for_soc(p, code, &n_run);
            const pk_scope *sc = n_run ? pk_pack_scope(p, PK_SCOPE_SHARED, "SOC", code,
                                                       x.titles[i], (long)n_run)
                                       : NULL;
            for (size_t r = 0; r < n_run; r++) put_row(&put, i, run[r], sc);
            continue;
        }
        size_t n_xw;
        const pk_xw *xw = kind == CODE_SOC2010 ? pk_pack_soc2010(p, code, &n_xw)
                                               : pk_pack_onet2010(p, code, &n_xw);
        if (n_xw == 0) {
            if (kind == CODE_SOC2010) later[n_later++] = i;
            continue;
        }
        put_via(&put, i, xw, n_xw, kind == CODE_SOC2010 ? "SOC 2010" : "O*NET-SOC 2010",
                kind == CODE_ONET2010, PK_SCOPE_SHARED);
    }
    for (size_t k = 0; k < n_later; k++) put_aggregate(&put, later[k]);
    free(later);
    /* for the coverage report: an occupation that got nothing through a crosswalk whose newer
     * codes do not include its own was never joinable */
    if (kind == CODE_SOC2010 || kind == CODE_ONET2010) {
        const pk_xw *t = kind == CODE_SOC2010 ? p->soc2010 : p->onet2010;
        size_t nt = kind == CODE_SOC2010 ? p->n_soc2010 : p->n_onet2010;
        size_t cmp_len = kind == CODE_SOC2010 ? 7 : 10;
        char (*to)[16] = pk_xmalloc((nt ? nt : 1) * sizeof *to);
        for (size_t k = 0; k < nt; k++) memcpy(to[k], t[k].to, sizeof to[k]);
        qsort(to, nt, sizeof *to, cmp_code16);
        for (size_t oi = 0; oi < p->n_occs; oi++) {
            bool got = false;
            for (size_t j = 0; j < nv && !got; j++) got = put.written[oi * nv + j];
            if (got) continue;
            size_t lo = 0, hi = nt;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (strncmp(to[mid], p->occs[oi]->rec.soc, cmp_len) < 0) lo = mid + 1;
                else hi = mid;
            }
            if (lo == nt || strncmp(to[lo], p->occs[oi]->rec.soc, cmp_len) != 0)
                pk_cov_mark(p, in, p->occs[oi], PK_COV_NO_JOIN);
        }
        free(to);
    }
    bool overlap_full = put.overlap_full;
    unsigned char *written = put.written;
    if (overlap_full)
        rc = pk_input_error(d, in, "source",
                         "too many task-overlap sources for one occupation (their ids, "
                         "joined by '+', must fit in %zu bytes); \"%s\" was left out of "
                         "some occupations' task overlap",
                         sizeof p->occs[0]->overlap_src_buf - 1, in->source);
    free(written);
    free(pct);
    free(pop);
    free(x.val_col);
    free(x.codes);
    free(x.titles);
    free(x.vals);
    smap_fini(&x.seen);
    pk_arena_free(x.scratch);
    free(targets);
    return rc;
}

/* ---- aei-tasks: observed AI task shares, joined to O*NET tasks by text ---- */

/* The join key of a task text: ASCII lower case, without surrounding whitespace or trailing
 * periods. The AEI mapping file has the O*NET statements lower-cased ("confer with producers,
 * ... film."); O*NET has them as written. */
static void task_key(pk_buf *out, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && s[len - 1] && strchr(" \t\r\n.", s[len - 1]))
        len--;
    pk_buf_reset(out);
    pk_buf_add(out, s, len);
    pk_buf_addc(out, '\0'); /* data is never NULL, even for an empty key */
    out->len--;
    for (size_t i = 0; i < len; i++)
        if (out->data[i] >= 'A' && out->data[i] <= 'Z') out->data[i] = (char)(out->data[i] + 32);
}

typedef struct aei_share {
    size_t occ;  /* index in p->occs */
    size_t task; /* index of the mapping row (the same task twice for one occupation is one) */
    double pct;
    size_t seq;       /* statement row, for a stable order among equal shares */
    const char *name; /* the statement as O*NET writes it (scratch) */
} aei_share;

typedef struct aei_ctx {
    pk_pack *p;
    bool header_done;
    int a, b;          /* mapping: task_name, pct; statements: code, task */
    pk_arena *scratch; /* owned: keys and names */
    pk_buf key;        /* owned */
    smap tasks;        /* key -> mapping row */
    double *pct;       /* owned: per mapping row */
    size_t *lines;     /* owned: per mapping row */
    size_t n_tasks, cap_tasks;
    aei_share *shares; /* owned */
    size_t n_shares, cap_shares;
} aei_ctx;

static int aei_mapping_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    aei_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->a = pk_csv_need(c, "task_name");
        x->b = pk_csv_need(c, "pct");
        return x->a < 0 || x->b < 0;
    }
    double v;
    bool has;
    if (!cell_number(c, row, x->b, &v, &has) || !has) return 0;
    /* the column is already in per cent: it sums to 100 over the file */
    if (v < 0 || v > 100) {
        bad_cell(c, row, x->b, "a share in per cent from 0 to 100");
        return 0;
    }
    task_key(&x->key, row->f[x->a], row->len[x->a]);
    if (x->key.len == 0) {
        pk_csv_error(c, row, (size_t)x->a, "empty task");
        return 0;
    }
    char *key = pk_arena_strndup(x->scratch, x->key.data, x->key.len);
    size_t first = x->n_tasks;
    if (!smap_add(&x->tasks, key, x->key.len, &first)) {
        pk_csv_error(c, row, (size_t)x->a,
                     "task listed twice (first on line %zu); the first share is kept",
                     x->lines[first]);
        return 0;
    }
    if (x->n_tasks == x->cap_tasks) {
        x->cap_tasks = x->cap_tasks ? 2 * x->cap_tasks : 4096;
        x->pct = pk_xrealloc(x->pct, x->cap_tasks * sizeof *x->pct);
        x->lines = pk_xrealloc(x->lines, x->cap_tasks * sizeof *x->lines);
    }
    x->lines[x->n_tasks] = row->line;
    x->pct[x->n_tasks++] = v;
    return 0;
}

static int aei_statement_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    aei_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->a = pk_csv_need(c, "O*NET-SOC Code");
        x->b = pk_csv_need(c, "Task");
        return x->a < 0 || x->b < 0;
    }
    char code[16];
    if (!cell_trimmed(row, x->a, code, sizeof code) || !pk_soc_valid(code)) {
        bad_cell(c, row, x->a, "an O*NET-SOC code like 27-4014.00");
        return 0;
    }
    size_t oi = occ_index(x->p, code);
    if (oi == SIZE_MAX) return 0;
    x->p->occs[oi]->has_statements = true; /* it has tasks the release could have matched */
    task_key(&x->key, row->f[x->b], row->len[x->b]);
    size_t t;
    if (!smap_get(&x->tasks, x->key.data, x->key.len, &t)) return 0;
    if (x->n_shares == x->cap_shares) {
        x->cap_shares = x->cap_shares ? 2 * x->cap_shares : 1024;
        x->shares = pk_xrealloc(x->shares, x->cap_shares * sizeof *x->shares);
    }
    /* the name as O*NET writes it (with its period) */
    size_t n;
    x->shares[x->n_shares] =
        (aei_share){oi, t, x->pct[t], x->n_shares, cell_dup(x->scratch, row, x->b, false, &n)};
    x->n_shares++;
    return 0;
}

static int cmp_share(const void *a, const void *b)
{
    const aei_share *x = a, *y = b;
    if (x->occ != y->occ) return x->occ < y->occ ? -1 : 1;
    if (x->pct != y->pct) return x->pct > y->pct ? -1 : 1; /* largest share first */
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* in->path: the AEI task mappings (task_name, pct: the share of observed conversations, already
 * in per cent); in->lookup_path: O*NET task statements (O*NET-SOC Code, Task). Each occupation
 * gets its tasks that have a share, largest first, at most MAX_TASK_SHARES. The mapping is by
 * task text, so a statement several occupations share carries the same share in each. */
int pk_import_aei_tasks(pk_pack *p, const pk_input *in, pk_diag *d)
{
    if (!in->lookup_path)
        return pk_input_error(d, in, NULL,
                           "missing key \"lookup\" (the O*NET task statements the "
                           "mappings are joined to)");
    aei_ctx x = {.p = p, .a = -1, .b = -1, .scratch = pk_arena_new()};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, aei_mapping_row, &x, d);
    if (x.n_tasks) {
        x.header_done = false;
        x.a = x.b = -1;
        /* the lookup's own format, by its extension */
        pk_input li = *in;
        li.file = in->lookup;
        li.format = NULL;
        pk_csv_opts lo = pk_input_csv_opts(&li);
        if (pk_csv_read(in->lookup_path, &lo, aei_statement_row, &x, d) != 0) rc = -1;
    }
    if (x.n_shares) qsort(x.shares, x.n_shares, sizeof *x.shares, cmp_share);
    /* how many occupations list each task text: a text several share gives each the whole
     * share, and its scope says so (one scope per text, made when first needed) */
    size_t *n_occ = pk_xcalloc(x.n_tasks ? x.n_tasks : 1, sizeof *n_occ);
    const pk_scope **task_scope = pk_xcalloc(x.n_tasks ? x.n_tasks : 1, sizeof *task_scope);
    for (size_t i = 0; i < x.n_shares; i++) {
        bool again = false; /* the same text twice for one occupation counts once */
        for (size_t m = i; !again && m-- > 0 && x.shares[m].occ == x.shares[i].occ;)
            again = x.shares[m].task == x.shares[i].task;
        if (!again) n_occ[x.shares[i].task]++;
    }
    for (size_t i = 0; i < x.n_shares;) {
        size_t end = i;
        while (end < x.n_shares && x.shares[end].occ == x.shares[i].occ)
            end++;
        pk_list *l = &p->occs[x.shares[i].occ]->rec.ai_usage.task_shares;
        l->source = in->source;
        l->unit = PK_UNIT_PERCENT;
        long distinct = 0;
        for (size_t k = i; k < end; k++) {
            bool again = false; /* the same statement listed twice for the occupation */
            for (size_t m = i; m < k && !again; m++)
                again = x.shares[m].task == x.shares[k].task;
            if (again) continue;
            if (++distinct > MAX_TASK_SHARES) continue;
            pk_item *it = pk_list_push(p, l);
            it->name = pk_pack_str(p, x.shares[k].name);
            it->fig = figure(PK_UNIT_PERCENT, x.shares[k].pct, in->source);
            size_t t = x.shares[k].task;
            if (n_occ[t] > 1) {
                if (!task_scope[t])
                    task_scope[t] = pk_pack_scope(p, PK_SCOPE_TASK, NULL, NULL, NULL, (long)n_occ[t]);
                it->fig.scope = task_scope[t];
            }
        }
        if (distinct > MAX_TASK_SHARES) l->total = distinct;
        p->occs[x.shares[i].occ]->rec.ai_usage.present = true;
        i = end;
    }
    for (size_t oi = 0; oi < p->n_occs; oi++)
        if (!p->occs[oi]->rec.ai_usage.task_shares.present && p->occs[oi]->has_statements)
            pk_cov_mark(p, in, p->occs[oi], PK_COV_NO_MATCH);
    free(n_occ);
    free(task_scope);
    free(x.pct);
    free(x.lines);
    free(x.shares);
    pk_buf_fini(&x.key);
    smap_fini(&x.tasks);
    pk_arena_free(x.scratch);
    return rc;
}

/* ---- aei-patterns: how people worked with AI on each task (collaboration patterns) ---- */

/* Matched tasks each AI work map list keeps; the rest are counted in its `total`. */
#define MAX_MAP_TASKS 5
/* The patterns file's share columns: the five patterns in pk_pattern order, then this one. */
#define MIX_FILTERED PK_PAT_COUNT_
#define MIX_COLS (PK_PAT_COUNT_ + 1)

typedef struct mix_row {
    double share[MIX_COLS]; /* fractions of the task's conversations, 0-1 */
    double weight;          /* per cent of the release's conversations; NAN when not published */
    size_t line, weight_line;
} mix_row;

typedef struct mix_hit {
    size_t occ;       /* index in p->occs */
    size_t row;       /* the task's row of the patterns, or SIZE_MAX when the release lacks it */
    size_t seq;       /* statement row: O*NET's order among equal usage */
    const char *key;  /* scratch: the join key, to count an occupation's distinct tasks */
    const char *name; /* scratch: the statement as O*NET writes it */
    double order;     /* the task's usage (its order), -1 when not published, -2 unmatched */
    bool again;       /* the same statement listed before for this occupation */
} mix_hit;

typedef struct mix_ctx {
    pk_pack *p;
    bool header_done;
    int a, b;             /* weights: task_name, pct; statements: code, task */
    int name_col, col[MIX_COLS];
    pk_arena *scratch;    /* owned: keys and names */
    pk_buf key;           /* owned */
    smap tasks;           /* key -> row */
    mix_row *rows;        /* owned */
    size_t n_rows, cap_rows;
    mix_hit *hits;        /* owned */
    size_t n_hits, cap_hits;
} mix_ctx;

static int mix_patterns_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    mix_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        bool ok = (x->name_col = pk_csv_need(c, "task_name")) >= 0;
        for (int k = 0; k < MIX_COLS; k++)
            ok &= (x->col[k] = pk_csv_need(c, k == MIX_FILTERED ? "filtered"
                                                                : pk_patterns[k].column)) >= 0;
        return !ok;
    }
    mix_row r = {.weight = NAN, .line = row->line};
    double sum = 0;
    for (int k = 0; k < MIX_COLS; k++) {
        double v;
        if (!pk_csv_number(row->f[x->col[k]], &v) || !(v >= 0 && v <= 1)) {
            /* a row with a bad share cannot be classed: it is skipped whole */
            bad_cell(c, row, x->col[k], "a share from 0 to 1");
            return 0;
        }
        r.share[k] = v;
        sum += v;
    }
    /* the six shares are the whole of the task's conversations: a row that does not add up is
     * a file mangled on the way (a column shifted, per cent for some cells) */
    if (fabs(sum - 1) > 1e-6) {
        pk_csv_error(c, row, (size_t)x->col[MIX_FILTERED],
                     "the row's shares add up to %.6g; expected 1 (the patterns and filtered are "
                     "the whole of the task's conversations)", sum);
        return 0;
    }
    task_key(&x->key, row->f[x->name_col], row->len[x->name_col]);
    if (x->key.len == 0) {
        pk_csv_error(c, row, (size_t)x->name_col, "empty task");
        return 0;
    }
    char *key = pk_arena_strndup(x->scratch, x->key.data, x->key.len);
    size_t first = x->n_rows;
    if (!smap_add(&x->tasks, key, x->key.len, &first)) {
        pk_csv_error(c, row, (size_t)x->name_col,
                     "task listed twice (first on line %zu); the first is kept",
                     x->rows[first].line);
        return 0;
    }
    if (x->n_rows == x->cap_rows) {
        x->cap_rows = x->cap_rows ? 2 * x->cap_rows : 4096;
        x->rows = pk_xrealloc(x->rows, x->cap_rows * sizeof *x->rows);
    }
    x->rows[x->n_rows++] = r;
    return 0;
}

static int mix_weights_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    mix_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->a = pk_csv_need(c, "task_name");
        x->b = pk_csv_need(c, "pct");
        return x->a < 0 || x->b < 0;
    }
    double v;
    bool has;
    if (!cell_number(c, row, x->b, &v, &has) || !has) return 0;
    if (v < 0 || v > 100) { /* in per cent: the column sums to 100 over the file */
        bad_cell(c, row, x->b, "a share in per cent from 0 to 100");
        return 0;
    }
    task_key(&x->key, row->f[x->a], row->len[x->a]);
    size_t t;
    /* rows for tasks without patterns ("none", the conversations matched to no task) weigh
     * nothing here */
    if (!smap_get(&x->tasks, x->key.data, x->key.len, &t)) return 0;
    if (!isnan(x->rows[t].weight)) {
        pk_csv_error(c, row, (size_t)x->a,
                     "task listed twice (first on line %zu); the first share is kept",
                     x->rows[t].weight_line);
        return 0;
    }
    x->rows[t].weight = v;
    x->rows[t].weight_line = row->line;
    return 0;
}

static int mix_statement_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    mix_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->a = pk_csv_need(c, "O*NET-SOC Code");
        x->b = pk_csv_need(c, "Task");
        return x->a < 0 || x->b < 0;
    }
    char code[16];
    if (!cell_trimmed(row, x->a, code, sizeof code) || !pk_soc_valid(code)) {
        bad_cell(c, row, x->a, "an O*NET-SOC code like 27-4014.00");
        return 0;
    }
    size_t oi = occ_index(x->p, code);
    if (oi == SIZE_MAX) return 0;
    task_key(&x->key, row->f[x->b], row->len[x->b]);
    if (x->key.len == 0) {
        pk_csv_error(c, row, (size_t)x->b, "empty task");
        return 0;
    }
    size_t t;
    if (!smap_get(&x->tasks, x->key.data, x->key.len, &t)) t = SIZE_MAX;
    if (x->n_hits == x->cap_hits) {
        x->cap_hits = x->cap_hits ? 2 * x->cap_hits : 4096;
        x->hits = pk_xrealloc(x->hits, x->cap_hits * sizeof *x->hits);
    }
    size_t n;
    /* the weights are read by now (pk_import_aei_patterns reads the statements last) */
    double order = t == SIZE_MAX ? -2 : isnan(x->rows[t].weight) ? -1 : x->rows[t].weight;
    const char *name = t == SIZE_MAX ? NULL : cell_dup(x->scratch, row, x->b, false, &n);
    x->hits[x->n_hits] = (mix_hit){oi, t, x->n_hits,
                                   pk_arena_strndup(x->scratch, x->key.data, x->key.len), name,
                                   order, false};
    x->n_hits++;
    return 0;
}

static int cmp_hit_key(const void *a, const void *b)
{
    const mix_hit *x = a, *y = b;
    if (x->occ != y->occ) return x->occ < y->occ ? -1 : 1;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Within an occupation: the matched tasks by usage, largest first (a task without a published
 * usage after them), then O*NET's order; the unmatched last. */
static int cmp_hit_order(const void *a, const void *b)
{
    const mix_hit *x = a, *y = b;
    if (x->occ != y->occ) return x->occ < y->occ ? -1 : 1;
    if (x->order != y->order) return x->order > y->order ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* How many occupations list each task text of the release, and the scope that says so (one per
 * text, made when first needed): a text several occupations share gives each the whole share. */
typedef struct mix_share {
    size_t *n_occ;          /* owned: per release row */
    const pk_scope **scope; /* owned: per release row */
} mix_share;

/* A work map list's next item: the task, its usage (when published) and its pattern tag. */
static void map_push(pk_pack *p, const pk_input *in, pk_list *l, const mix_hit *h,
                     const mix_row *r, const char *tag, mix_share *sh)
{
    l->source = in->source;
    l->unit = PK_UNIT_PERCENT;
    l->present = true;
    if (l->n_items == MAX_MAP_TASKS) {
        l->total = l->total ? l->total + 1 : MAX_MAP_TASKS + 1;
        return;
    }
    pk_item *it = pk_list_push(p, l);
    it->name = pk_pack_str(p, h->name);
    if (tag) it->tag = pk_pack_str(p, tag);
    if (!isnan(r->weight)) it->fig = figure(PK_UNIT_PERCENT, r->weight, in->source);
    if (sh->n_occ[h->row] > 1) {
        if (!sh->scope[h->row])
            sh->scope[h->row] =
                pk_pack_scope(p, PK_SCOPE_TASK, NULL, NULL, NULL, (long)sh->n_occ[h->row]);
        it->fig.scope = sh->scope[h->row];
    }
}

/* Fills one occupation from its statements hits[0..n) (ordered by cmp_hit_order). */
static void mix_fill(pk_pack *p, const pk_input *in, const mix_row *rows, const mix_hit *hits,
                     size_t n, mix_share *sh)
{
    pk_record *rec = &p->occs[hits[0].occ]->rec;
    pk_ai_usage *u = &rec->ai_usage;
    pk_ai_work_map *w = &rec->ai_work_map;
    pk_task_mixes *tm = &u->patterns;
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += !hits[i].again;
    tm->present = true;
    tm->source = in->source;
    tm->tasks_total = (long)distinct;
    u->present = w->present = true;
    double wsum = 0, acc[MIX_COLS] = {0};
    pk_buf tag = PK_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const mix_hit *h = &hits[i];
        if (h->again || h->row == SIZE_MAX) continue;
        const mix_row *r = &rows[h->row];
        pk_task_mix *t = pk_array_push(p, (void **)&tm->items, &tm->n_items, sizeof *t);
        t->name = pk_pack_str(p, h->name);
        pk_figure *f[MIX_COLS] = {&t->directive, &t->feedback_loop, &t->task_iteration,
                                  &t->validation, &t->learning, &t->filtered};
        double pct[PK_PAT_COUNT_];
        for (int k = 0; k < MIX_COLS; k++) {
            *f[k] = figure(PK_UNIT_PERCENT, share_to_percent(r->share[k]), in->source);
            if (k < PK_PAT_COUNT_) pct[k] = f[k]->value;
        }
        t->usage.percentile = -1;
        if (!isnan(r->weight)) {
            t->usage = figure(PK_UNIT_PERCENT, r->weight, in->source);
            wsum += r->weight;
            for (int k = 0; k < MIX_COLS; k++)
                acc[k] += r->weight * r->share[k];
        }
        pk_pattern top[PK_PAT_COUNT_];
        switch (pk_task_classify(pct)) {
        case PK_TASK_DELEGATE:
            map_push(p, in, &w->delegate, h, r, pk_patterns[PK_PAT_DIRECTIVE].name, sh);
            break;
        case PK_TASK_COPILOT:
            pk_buf_reset(&tag);
            pk_pattern_names(&tag, top, pk_pattern_top(pct, pk_pattern_augmentation_mask(), top));
            map_push(p, in, &w->copilot, h, r, pk_buf_str(&tag), sh);
            break;
        case PK_TASK_FLOOR: map_push(p, in, &w->below_floor, h, r, NULL, sh); break;
        case PK_TASK_MIXED: break;
        }
    }
    /* the occupation's shares: each matched task weighed by its share of the release's
     * conversations; the filtered part stays in the denominator, so automation, augmentation
     * and filtered add up to 100% */
    if (wsum > 0) {
        double s[PK_PAT_COUNT_], aug = 0, aut = 0;
        for (int k = 0; k < PK_PAT_COUNT_; k++) {
            s[k] = share_to_percent(acc[k] / wsum);
            if (pk_patterns[k].augmentation) aug += acc[k] / wsum;
            else aut += acc[k] / wsum;
        }
        u->filtered =
            figure(PK_UNIT_PERCENT, share_to_percent(acc[MIX_FILTERED] / wsum), in->source);
        if (aug + aut > 0) { /* all below the floor: no share is known, none is shown as 0% */
            u->augmentation = figure(PK_UNIT_PERCENT, share_to_percent(aug), in->source);
            u->automation = figure(PK_UNIT_PERCENT, share_to_percent(aut), in->source);
        }
        pk_pattern top[PK_PAT_COUNT_];
        size_t nt = pk_pattern_top(s, 0, top);
        if (nt) {
            pk_buf_reset(&tag);
            pk_pattern_names(&tag, top, nt);
            pk_mode *m = &u->top_mode;
            m->present = true;
            m->name = pk_pack_str(p, pk_buf_str(&tag));
            m->description = nt == 1 ? pk_patterns[top[0]].description : NULL;
            m->source = in->source;
            m->share = figure(PK_UNIT_PERCENT, s[top[0]], in->source);
            m->tied = nt > 1;
        }
    }
    pk_buf_fini(&tag);
}

/* in->path: the release's collaboration patterns by task text (task_name, the five patterns,
 * filtered: shares 0-1 of the task's conversations); in->weights_path: each task's share of the
 * release's conversations (task_name, pct, in per cent); in->lookup_path: O*NET task statements,
 * joined by the task-text key of aei-tasks. Every occupation with task statements gets its
 * patterns object (the join's result, even when nothing matched), its matched tasks, the AI work
 * map's lists and its weighted shares (docs/methodology.md, "The AI work map"). */
int pk_import_aei_patterns(pk_pack *p, const pk_input *in, pk_diag *d)
{
    int rc = 0;
    if (!in->lookup_path)
        rc = pk_input_error(d, in, NULL,
                            "missing key \"lookup\" (the O*NET task statements the patterns are "
                            "joined to)");
    if (!in->weights_path)
        rc = pk_input_error(d, in, NULL,
                            "missing key \"weights\" (each task's share of the release's "
                            "conversations, which weighs the occupation's shares)");
    if (rc) return rc;
    mix_ctx x = {.p = p, .a = -1, .b = -1, .name_col = -1, .scratch = pk_arena_new()};
    pk_csv_opts o = pk_input_csv_opts(in);
    rc = pk_csv_read(in->path, &o, mix_patterns_row, &x, d);
    if (x.n_rows) {
        pk_input wi = *in;
        wi.file = in->weights;
        wi.format = NULL;
        pk_csv_opts wo = pk_input_csv_opts(&wi);
        x.header_done = false;
        if (pk_csv_read(in->weights_path, &wo, mix_weights_row, &x, d) != 0) rc = -1;
        pk_input li = *in;
        li.file = in->lookup;
        li.format = NULL;
        pk_csv_opts lo = pk_input_csv_opts(&li);
        x.header_done = false;
        x.a = x.b = -1;
        if (pk_csv_read(in->lookup_path, &lo, mix_statement_row, &x, d) != 0) rc = -1;
    }
    if (x.n_hits) {
        qsort(x.hits, x.n_hits, sizeof *x.hits, cmp_hit_key);
        for (size_t i = 1; i < x.n_hits; i++)
            x.hits[i].again = x.hits[i].occ == x.hits[i - 1].occ &&
                              strcmp(x.hits[i].key, x.hits[i - 1].key) == 0;
        qsort(x.hits, x.n_hits, sizeof *x.hits, cmp_hit_order);
    }
    mix_share sh = {pk_xcalloc(x.n_rows ? x.n_rows : 1, sizeof *sh.n_occ),
                    pk_xcalloc(x.n_rows ? x.n_rows : 1, sizeof *sh.scope)};
    for (size_t i = 0; i < x.n_hits; i++)
        if (!x.hits[i].again && x.hits[i].row != SIZE_MAX) sh.n_occ[x.hits[i].row]++;
    for (size_t i = 0; i < x.n_hits;) {
        size_t end = i;
        while (end < x.n_hits && x.hits[end].occ == x.hits[i].occ)
            end++;
        mix_fill(p, in, x.rows, x.hits + i, end - i, &sh);
        /* for the coverage report: tasks the release could have matched, and none did */
        if (p->occs[x.hits[i].occ]->rec.ai_usage.patterns.n_items == 0)
            pk_cov_mark(p, in, p->occs[x.hits[i].occ], PK_COV_NO_MATCH);
        i = end;
    }
    free(sh.n_occ);
    free(sh.scope);
    free(x.rows);
    free(x.hits);
    pk_buf_fini(&x.key);
    smap_fini(&x.tasks);
    pk_arena_free(x.scratch);
    return rc;
}

/* ---- ilo: the ILO 2025 GenAI exposure gradient, through ISCO-08 ---- */

typedef struct ilo_occ {
    char code[8];
    const char *title, *gradient; /* scratch */
    double s25, s23;              /* NAN when not given */
    double pct;                   /* percentile of s25 among the scored */
    size_t line;
} ilo_occ;

typedef struct ilo_link {
    char soc[8]; /* SOC 2010 */
    size_t isco; /* index in the scores */
    size_t seq;  /* crosswalk row */
} ilo_link;

typedef struct ilo_ctx {
    bool header_done;
    int code, title, s25, s23, pot;
    int xsoc, xisco;
    pk_arena *scratch; /* owned */
    smap by_code;      /* ISCO code -> index in occs */
    ilo_occ *occs;     /* owned */
    size_t n, cap;
    ilo_link *links; /* owned */
    size_t n_links, cap_links, rows;
} ilo_ctx;

/* A 0-1 score cell: true with *has false when empty; false after reporting anything else. */
static bool ilo_score(pk_csv *c, const pk_csv_row *row, int col, double *out, bool *has)
{
    if (!cell_number(c, row, col, out, has)) return false;
    if (*has && (*out < 0 || *out > 1)) {
        bad_cell(c, row, col, "a score from 0 to 1");
        return false;
    }
    return true;
}

static int ilo_scores_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    ilo_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->code = pk_csv_need(c, "ISCO_08");
        x->title = pk_csv_need(c, "Title");
        x->s25 = pk_csv_need(c, "mean_score_2025");
        x->s23 = pk_csv_need(c, "mean_score_2023");
        x->pot = pk_csv_need(c, "potential25");
        return x->code < 0 || x->title < 0 || x->s25 < 0 || x->s23 < 0 || x->pot < 0;
    }
    char code[8];
    if (!cell_trimmed(row, x->code, code, sizeof code) || !isco_valid(code)) {
        bad_cell(c, row, x->code, "an ISCO-08 code like 3521");
        return 0;
    }
    double s25, s23;
    bool has25, has23;
    if (!ilo_score(c, row, x->s25, &s25, &has25) || !has25) return 0; /* not scored */
    if (!ilo_score(c, row, x->s23, &s23, &has23)) has23 = false;
    if (cell_blank(row, x->title)) {
        pk_csv_error(c, row, (size_t)x->title, "empty title");
        return 0;
    }
    size_t first = x->n;
    const char *key = pk_arena_strdup(x->scratch, code);
    if (!smap_add(&x->by_code, key, strlen(key), &first)) {
        pk_csv_error(c, row, (size_t)x->code,
                     "ISCO-08 code %s is listed twice (first on line %zu); the first is kept", code,
                     x->occs[first].line);
        return 0;
    }
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 512;
        x->occs = pk_xrealloc(x->occs, x->cap * sizeof *x->occs);
    }
    ilo_occ *o = &x->occs[x->n++];
    memset(o, 0, sizeof *o);
    memcpy(o->code, code, sizeof code);
    o->line = row->line;
    size_t n;
    o->title = cell_dup(x->scratch, row, x->title, false, &n);
    /* "Minimal Exposure" reads "Minimal" in the table; the other labels stay as published */
    char *g = cell_dup(x->scratch, row, x->pot, false, &n);
    if (n > 9 && strcmp(g + n - 9, " Exposure") == 0) g[n -= 9] = '\0';
    o->gradient = n ? g : NULL;
    o->s25 = s25;
    o->s23 = has23 ? s23 : NAN;
    return 0;
}

static int ilo_xw_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    ilo_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->xsoc = pk_csv_need(c, "2010 SOC Code");
        x->xisco = pk_csv_need(c, "ISCO-08 Code");
        return x->xsoc < 0 || x->xisco < 0;
    }
    size_t seq = x->rows++;
    char soc[8], isco[8];
    if (!cell_trimmed(row, x->xsoc, soc, sizeof soc) || !soc7_valid(soc)) {
        bad_cell(c, row, x->xsoc, "a SOC 2010 code like 27-4014");
        return 0;
    }
    if (!cell_trimmed(row, x->xisco, isco, sizeof isco) || !isco_valid(isco)) {
        bad_cell(c, row, x->xisco, "an ISCO-08 code like 3521");
        return 0;
    }
    size_t k;
    if (!smap_get(&x->by_code, isco, strlen(isco), &k)) return 0; /* the ILO does not score it */
    if (x->n_links == x->cap_links) {
        x->cap_links = x->cap_links ? 2 * x->cap_links : 1024;
        x->links = pk_xrealloc(x->links, x->cap_links * sizeof *x->links);
    }
    ilo_link *l = &x->links[x->n_links++];
    memcpy(l->soc, soc, sizeof soc);
    l->isco = k;
    l->seq = seq;
    return 0;
}

static int cmp_link(const void *a, const void *b)
{
    const ilo_link *x = a, *y = b;
    int c = strcmp(x->soc, y->soc);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_xw_to(const void *a, const void *b)
{
    const pk_xw *x = a, *y = b;
    int c = strcmp(x->to, y->to);
    return c ? c : strcmp(x->from, y->from);
}

static int cmp_seq(const void *a, const void *b)
{
    const ilo_link *x = *(const ilo_link *const *)a, *y = *(const ilo_link *const *)b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The first of the sorted links whose SOC 2010 code is `soc`, and their count (NULL when none:
 * a file of no links has a NULL array, and no offset may be taken from it). */
static const ilo_link *links_for(const ilo_ctx *x, const char *soc, size_t *n)
{
    size_t lo = 0, hi = x->n_links;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(x->links[mid].soc, soc) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < x->n_links && strcmp(x->links[end].soc, soc) == 0)
        end++;
    *n = end - lo;
    return *n ? &x->links[lo] : NULL;
}

/* The words of a title that say what the work is, for matching titles across code systems:
 * ASCII letters lower-cased, words of three letters or more, without a plural "s" and without
 * the words every title shares ("and", "other", "workers"). Writes up to `cap` words of at most
 * 23 bytes into w; returns how many. */
static size_t title_words(const char *t, char (*w)[24], size_t cap)
{
    static const char *const stop[] = {"and", "the", "for", "all", "other", "except", "workers",
                                       "occupations", "including", "not", "elsewhere", "classified"};
    size_t n = 0;
    while (*t && n < cap) {
        while (*t && !((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z'))) t++;
        size_t len = 0;
        char word[24];
        while ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')) {
            if (len < sizeof word - 1) word[len++] = (char)(*t >= 'A' && *t <= 'Z' ? *t + 32 : *t);
            t++;
        }
        if (len > 3 && word[len - 1] == 's' && word[len - 2] != 's') len--; /* officers: officer */
        word[len] = '\0';
        if (len < 3) continue;
        bool skip = false;
        for (size_t i = 0; i < sizeof stop / sizeof stop[0] && !skip; i++) skip = strcmp(word, stop[i]) == 0;
        for (size_t i = 0; i < n && !skip; i++) skip = strcmp(w[i], word) == 0;
        if (!skip) memcpy(w[n++], word, len + 1);
    }
    return n;
}

/* How many words the two titles share (title_words). */
static size_t title_overlap(const char *a, const char *b)
{
    char wa[32][24], wb[32][24];
    size_t na = title_words(a, wa, 32), nb = title_words(b, wb, 32), k = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) k += strcmp(wa[i], wb[j]) == 0;
    return k;
}

/* Fills the global section of every occupation in occs[0..n) (one SOC code) from the ISCO-08
 * occupations matched[0..n_matched): every one, with its exposure and its percentile among the
 * ILO's placed occupations. The headline (mean exposure, shift) is the only one matched or, of
 * several, the one whose title shares the most words with the occupation's; when no title
 * shares a word, or two share as many, there is no headline and the outputs give the range
 * (docs/methodology.md). Occupations under one SOC code can differ in title, so each gets its
 * own headline. */
static void ilo_fill(pk_pack *p, const pk_input *in, const ilo_ctx *x, pk_occ **occs, size_t n,
                     const ilo_link *const *matched, size_t n_matched)
{
    for (size_t r = 0; r < n; r++) {
        pk_global *g = &occs[r]->rec.global;
        size_t best = 0, best_k = 0, ties = 0;
        for (size_t k = 0; k < n_matched; k++) {
            const ilo_occ *io = &x->occs[matched[k]->isco];
            pk_isco *row = pk_array_push(p, (void **)&g->isco, &g->n_isco, sizeof *row);
            row->code = pk_pack_str(p, io->code);
            row->title = pk_pack_str(p, io->title);
            row->exposure = figure(PK_UNIT_PERCENT, share_to_percent(io->s25), in->source);
            row->exposure.percentile = io->pct;
            row->exposure.population = x->n;
            row->exposure.year = ILO_YEAR;
            row->gradient = io->gradient ? pk_pack_str(p, io->gradient) : NULL;
            size_t ov = n_matched > 1 ? title_overlap(occs[r]->rec.title, io->title) : 0;
            if (ov > best) best = ov, best_k = k, ties = 0;
            else if (ov == best && ov > 0) ties++;
        }
        g->crosswalk_source = in->lookup_source;
        g->present = true;
        if (n_matched > 1 && (best == 0 || ties > 0)) continue; /* no headline: the range */
        const ilo_occ *head = &x->occs[matched[best_k]->isco];
        g->headline = n_matched == 1 ? "only" : "title";
        /* the headline's row first, the others in the crosswalk's order */
        pk_isco first = g->isco[best_k];
        memmove(&g->isco[1], &g->isco[0], best_k * sizeof *g->isco);
        g->isco[0] = first;
        g->mean_exposure = figure(PK_UNIT_PERCENT, share_to_percent(head->s25), in->source);
        g->mean_exposure.year = ILO_YEAR;
        g->mean_exposure.percentile = head->pct;
        g->mean_exposure.population = x->n;
        if (!isnan(head->s23)) {
            g->shift = figure(PK_UNIT_POINTS,
                              round(share_to_percent(head->s25) - share_to_percent(head->s23)),
                              in->source);
            g->from_year = ILO_FROM_YEAR;
            g->to_year = ILO_YEAR;
        }
    }
}

/* in->path: the ILO 2025 scores by ISCO-08 occupation; in->lookup_path: the BLS "2010 SOC to
 * ISCO-08" crosswalk. An occupation's SOC 2018 code goes back to the SOC 2010 codes that became
 * it (the reverse of the SOC 2010 -> 2018 crosswalk), and those to ISCO-08. The mapping is
 * many-to-many: every matched ISCO-08 occupation the ILO scores is kept, once, in the ISCO
 * crosswalk's row order; ilo_fill chooses the headline (mean exposure, shift). */
int pk_import_ilo(pk_pack *p, const pk_input *in, pk_diag *d)
{
    if (!in->lookup_path)
        return pk_input_error(d, in, NULL, "missing key \"lookup\" (the 2010 SOC to ISCO-08 crosswalk)");
    if (p->n_soc2010 == 0)
        return pk_input_error(d, in, "importer",
                           "the ISCO-08 join needs the SOC 2010 -> 2018 crosswalk, and none "
                           "is loaded: put an input with importer \"soc2010-crosswalk\" "
                           "before this one");
    ilo_ctx x = {.code = -1, .scratch = pk_arena_new()};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, ilo_scores_row, &x, d);
    /* percentiles over every scored ISCO-08 occupation: the population the ILO places */
    double *v = pk_xmalloc((x.n ? x.n : 1) * sizeof *v);
    double *pct = pk_xmalloc((x.n ? x.n : 1) * sizeof *pct);
    for (size_t i = 0; i < x.n; i++)
        v[i] = x.occs[i].s25;
    pk_percentiles(v, x.n, pct);
    for (size_t i = 0; i < x.n; i++)
        x.occs[i].pct = pct[i];
    free(v);
    free(pct);

    if (x.n) {
        x.header_done = false;
        pk_input li = *in;
        li.file = in->lookup;
        li.format = NULL;
        pk_csv_opts lo = pk_input_csv_opts(&li);
        if (pk_csv_read(in->lookup_path, &lo, ilo_xw_row, &x, d) != 0) rc = -1;
    }
    if (x.n_links) qsort(x.links, x.n_links, sizeof *x.links, cmp_link);

    /* SOC 2018 -> SOC 2010: the pack's crosswalk, reversed once */
    pk_xw *rev = pk_xmalloc(p->n_soc2010 * sizeof *rev);
    memcpy(rev, p->soc2010, p->n_soc2010 * sizeof *rev);
    qsort(rev, p->n_soc2010, sizeof *rev, cmp_xw_to);

    const ilo_link **found = NULL;
    size_t cap_found = 0;
    size_t ri = 0;
    for (size_t i = 0; i < p->n_occs;) {
        size_t n_run;
        pk_occ **run = pk_pack_occs_for_soc(p, p->occs[i]->rec.soc, &n_run);
        if (n_run == 0) { /* a code too short to have a SOC part; the occupations file checks */
            i++;
            continue;
        }
        i = (size_t)(run - p->occs) + n_run;
        const char *soc = run[0]->rec.soc; /* the first 7 bytes are the SOC 2018 code */
        while (ri < p->n_soc2010 && strncmp(rev[ri].to, soc, 7) < 0)
            ri++;
        size_t n_found = 0;
        for (size_t r = ri; r < p->n_soc2010 && strncmp(rev[r].to, soc, 7) == 0; r++) {
            size_t n_l;
            const ilo_link *l = links_for(&x, rev[r].from, &n_l);
            for (size_t k = 0; k < n_l; k++) {
                if (n_found == cap_found) {
                    cap_found = cap_found ? 2 * cap_found : 16;
                    found = pk_xrealloc(found, cap_found * sizeof *found);
                }
                found[n_found++] = &l[k];
            }
        }
        if (n_found == 0) {
            /* no SOC 2010 code became this one, or none of those matches a scored ISCO-08 */
            bool any2010 = ri < p->n_soc2010 && strncmp(rev[ri].to, soc, 7) == 0;
            for (size_t r = 0; r < n_run; r++)
                pk_cov_mark(p, in, run[r], any2010 ? PK_COV_NO_MATCH : PK_COV_NO_JOIN);
            continue;
        }
        qsort(found, n_found, sizeof *found, cmp_seq);
        size_t kept = 0;
        for (size_t k = 0; k < n_found; k++) {
            bool again = false;
            for (size_t m = 0; m < kept && !again; m++)
                again = found[m]->isco == found[k]->isco;
            if (!again) found[kept++] = found[k];
        }
        ilo_fill(p, in, &x, run, n_run, found, kept);
    }
    free(found);
    free(rev);
    free(x.occs);
    free(x.links);
    smap_fini(&x.by_code);
    pk_arena_free(x.scratch);
    return rc;
}

/* ---- cip-soc: fields of study ---- */

typedef struct cip_field {
    size_t occ;       /* index in p->occs */
    size_t seq;       /* file row */
    const char *name; /* scratch */
} cip_field;

typedef struct cip_ctx {
    pk_pack *p;
    bool header_done;
    int code, title, soc;
    pk_arena *scratch; /* owned */
    cip_field *fields; /* owned */
    size_t n, cap, rows;
} cip_ctx;

static int cip_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    cip_ctx *x = ctx;
    if (!x->header_done) {
        x->header_done = true;
        x->code = pk_csv_col(c, "CIP2020Code"); /* only to recognise the "no match" rows */
        x->title = pk_csv_need(c, "CIP2020Title");
        x->soc = pk_csv_need(c, "SOC2018Code");
        return x->title < 0 || x->soc < 0;
    }
    size_t seq = x->rows++;
    char soc[16];
    bool ok = cell_trimmed(row, x->soc, soc, sizeof soc);
    /* NCES lists programs with no occupation as 99-9999 and occupations with no program as CIP
     * 99.9999 "NO MATCH": neither is a field of study */
    if (ok && strcmp(soc, "99-9999") == 0) return 0;
    if (x->code >= 0) {
        char cip[16];
        if (cell_trimmed(row, x->code, cip, sizeof cip) && strcmp(cip, "99.9999") == 0) return 0;
    }
    if (!ok || !soc7_valid(soc)) {
        bad_cell(c, row, x->soc, "a SOC 2018 code like 27-4014");
        return 0;
    }
    size_t n_run;
    pk_occ **run = pk_pack_occs_for_soc(x->p, soc, &n_run);
    if (n_run == 0) return 0;
    /* "Music Technology." is a title, not a sentence: the period goes; and a few titles have a
     * run of spaces inside ("Marketing and Distribution   Teacher Education") */
    size_t n;
    char *name = cell_dup(x->scratch, row, x->title, true, &n);
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
        if (name[r] != ' ' || (w && name[w - 1] != ' ')) name[w++] = name[r];
    name[w] = '\0';
    if (w == 0 || strcmp(name, "NO MATCH") == 0) return 0;
    for (size_t r = 0; r < n_run; r++) {
        if (x->n == x->cap) {
            x->cap = x->cap ? 2 * x->cap : 1024;
            x->fields = pk_xrealloc(x->fields, x->cap * sizeof *x->fields);
        }
        x->fields[x->n++] = (cip_field){(size_t)(run + r - x->p->occs), seq, name};
    }
    return 0;
}

static int cmp_field(const void *a, const void *b)
{
    const cip_field *x = a, *y = b;
    if (x->occ != y->occ) return x->occ < y->occ ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The NCES CIP 2020 -> SOC 2018 crosswalk: each occupation gets the programs matched to its SOC
 * code, in file order, without repeats, at most MAX_FIELDS. */
int pk_import_cip_soc(pk_pack *p, const pk_input *in, pk_diag *d)
{
    cip_ctx x = {.p = p, .code = -1, .scratch = pk_arena_new()};
    pk_csv_opts o = pk_input_csv_opts(in);
    int rc = pk_csv_read(in->path, &o, cip_row, &x, d);
    if (x.n) qsort(x.fields, x.n, sizeof *x.fields, cmp_field);
    for (size_t i = 0; i < x.n;) {
        size_t end = i;
        while (end < x.n && x.fields[end].occ == x.fields[i].occ)
            end++;
        pk_howto *h = &p->occs[x.fields[i].occ]->rec.how_to_get_in;
        pk_list *l = &h->fields_of_study;
        l->source = in->source;
        long distinct = 0;
        for (size_t k = i; k < end; k++) {
            bool again = false;
            for (size_t m = i; m < k && !again; m++)
                again = strcmp(x.fields[m].name, x.fields[k].name) == 0;
            if (again) continue;
            if (++distinct > MAX_FIELDS) continue;
            pk_item *it = pk_list_push(p, l);
            it->name = pk_pack_str(p, x.fields[k].name);
        }
        if (distinct > MAX_FIELDS) l->total = distinct;
        /* the section's source is that of the O*NET texts (job zones); a record with only fields
         * of study still needs one */
        if (!h->source) h->source = in->source;
        h->present = true;
        i = end;
    }
    free(x.fields);
    pk_arena_free(x.scratch);
    return rc;
}
