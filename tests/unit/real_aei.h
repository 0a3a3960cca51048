/* real_aei.h: for test_pack_real.c, an independent reading of the real files the AI work map and
 * the added exposure studies come from. It shares no code with the importers (its own CSV
 * splitter, its own task-text key, its own arithmetic), so that an importer bug shows up as a
 * difference instead of being repeated here. Only the documented rule is common: the join key
 * (lower case, no surrounding spaces, no trailing periods), the classes (more than half of all
 * a task's conversations), and the weighting (each task by its share of the release's
 * conversations, the filtered part in the denominator); docs/methodology.md. */
#ifndef PK_REAL_AEI_H
#define PK_REAL_AEI_H

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/fmt.h"
#include "data/pack.h"

enum { RA_MAX_FIELDS = 64 };

/* Splits one CSV line (quoted fields, "" for a quote) or, with tab, one tab-separated line, into
 * f[] (pointers into a copy kept in *store; free it). Returns the field count. */
static size_t ra_split(const char *line, bool tab, char **store, char *f[RA_MAX_FIELDS])
{
    size_t len = strlen(line);
    char *out = malloc(len + 1), *w = out;
    *store = out;
    size_t n = 0;
    const char *p = line;
    for (;;) {
        if (n == RA_MAX_FIELDS) break;
        f[n++] = w;
        if (!tab && *p == '"') {
            for (p++; *p; p++) {
                if (*p == '"' && p[1] == '"')
                    *w++ = '"', p++;
                else if (*p == '"') {
                    p++;
                    break;
                } else
                    *w++ = *p;
            }
        }
        while (*p && *p != (tab ? '\t' : ',') && *p != '\n' && *p != '\r')
            *w++ = *p++;
        *w++ = '\0';
        if (*p != (tab ? '\t' : ',')) break;
        p++;
    }
    return n;
}

static int ra_col(char *const *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i], name) == 0) return (int)i;
    return -1;
}

/* Lower case, without surrounding spaces or trailing periods (the join of docs/methodology.md). */
static void ra_key(const char *s, char *out, size_t cap)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = '\0';
}

static FILE *ra_open(const char *root, const char *file)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, file);
    FILE *fp = fopen(path, "r");
    if (!fp) fprintf(stderr, "real_aei: cannot open %s\n", path);
    return fp;
}

/* The mid-rank percentile (docs/methodology.md) of `code`'s value in column val_col of a study
 * file, over the file's rows that have a number there; *pop gets their count. */
static double study_percentile(const char *root, const char *file, const char *code_col,
                               const char *code, const char *val_col, size_t *pop)
{
    FILE *fp = ra_open(root, file);
    *pop = 0;
    if (!fp) return -1;
    char line[1 << 16], *store, *f[RA_MAX_FIELDS];
    double *v = NULL, mine = NAN;
    size_t n = 0, cap = 0;
    int cc = -1, vc = -1;
    if (fgets(line, sizeof line, fp)) {
        size_t k = ra_split(line, false, &store, f);
        cc = ra_col(f, k, code_col);
        vc = ra_col(f, k, val_col);
        free(store);
    }
    while (cc >= 0 && vc >= 0 && fgets(line, sizeof line, fp)) {
        size_t k = ra_split(line, false, &store, f);
        char *end;
        double x = (size_t)vc < k ? strtod(f[vc], &end) : 0;
        if ((size_t)vc < k && end != f[vc]) {
            if (n == cap) v = realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof *v);
            v[n++] = x;
            if ((size_t)cc < k && strcmp(f[cc], code) == 0) mine = x;
        }
        free(store);
    }
    fclose(fp);
    size_t below = 0, same = 0;
    for (size_t i = 0; i < n; i++)
        below += v[i] < mine, same += v[i] == mine;
    free(v);
    *pop = n;
    return n ? 100.0 * ((double)below + 0.5 * (double)same) / (double)n : -1;
}

static const char *ra_band(double pct)
{
    return pct < 100.0 / 3 ? "Low" : pct < 200.0 / 3 ? "Moderate" : "High";
}

static const char *ord(double pct)
{
    static char out[4][16];
    static int k;
    pk_buf b = PK_BUF_INIT;
    pk_fmt_ordinal(&b, pct);
    k = (k + 1) % 4;
    snprintf(out[k], sizeof out[k], "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out[k];
}

/* ---- the collaboration patterns of the 2025-03-27 release ---- */

typedef struct ra_task {
    char key[512];
    double share[6]; /* feedback_loop, directive, task_iteration, validation, learning, filtered */
    double weight;   /* per cent of all conversations; NAN when task_pct_v2 lacks it */
} ra_task;

/* The held-out occupations: picked once, at random with a fixed seed, among those with at least
 * one task in the release, plus two large ones; between them every class, one task, and all
 * tasks below the floor. */
static const char *const ra_held_out[] = {"11-9013.00", "13-1199.07", "15-2041.00", "17-2072.01",
                                          "19-1031.00", "23-1012.00", "29-1031.00", "35-2011.00",
                                          "51-4021.00", "53-1043.00", "15-1252.00", "25-1011.00"};

static int ra_cmp_key(const void *a, const void *b)
{
    return strcmp(((const ra_task *)a)->key, ((const ra_task *)b)->key);
}

static ra_task *ra_find(ra_task *t, size_t n, const char *key)
{
    ra_task probe;
    snprintf(probe.key, sizeof probe.key, "%s", key);
    return bsearch(&probe, t, n, sizeof *t, ra_cmp_key);
}

static bool ra_listed(const pk_list *l, const char *name)
{
    for (size_t i = 0; i < l->n_items; i++)
        if (strcmp(l->items[i].name, name) == 0) return true;
    return false;
}

static void held_out(pk_pack *p, const char *root, pk_diag *d)
{
    const char *dir = "anthropic-economic-index/release_2025_03_27/";
    char file[256], line[1 << 16], *store, *f[RA_MAX_FIELDS];
    ra_task *t = NULL;
    size_t n = 0, cap = 0;
    snprintf(file, sizeof file, "%sautomation_vs_augmentation_by_task.csv", dir);
    FILE *fp = ra_open(root, file);
    CHECK(fp != NULL);
    if (!fp) return;
    static const char *const cols[6] = {"feedback_loop", "directive", "task_iteration",
                                        "validation",    "learning",  "filtered"};
    int c[7] = {-1, -1, -1, -1, -1, -1, -1};
    if (fgets(line, sizeof line, fp)) {
        size_t k = ra_split(line, false, &store, f);
        c[6] = ra_col(f, k, "task_name");
        for (int j = 0; j < 6; j++)
            c[j] = ra_col(f, k, cols[j]);
        free(store);
    }
    while (fgets(line, sizeof line, fp)) {
        size_t k = ra_split(line, false, &store, f);
        if (k >= 7) {
            if (n == cap) t = realloc(t, (cap = cap ? 2 * cap : 4096) * sizeof *t);
            ra_key(f[c[6]], t[n].key, sizeof t[n].key);
            for (int j = 0; j < 6; j++)
                t[n].share[j] = strtod(f[c[j]], NULL);
            t[n].weight = NAN;
            n++;
        }
        free(store);
    }
    fclose(fp);
    qsort(t, n, sizeof *t, ra_cmp_key);
    snprintf(file, sizeof file, "%stask_pct_v2.csv", dir);
    fp = ra_open(root, file);
    CHECK(fp != NULL);
    if (fp) {
        char key[512];
        if (fgets(line, sizeof line, fp)) { /* task_name,pct */
        }
        while (fgets(line, sizeof line, fp)) {
            size_t k = ra_split(line, false, &store, f);
            ra_key(f[0], key, sizeof key);
            ra_task *x = k == 2 ? ra_find(t, n, key) : NULL;
            if (x) x->weight = strtod(f[1], NULL);
            free(store);
        }
        fclose(fp);
    }
    for (size_t h = 0; h < sizeof ra_held_out / sizeof ra_held_out[0]; h++) {
        const char *code = ra_held_out[h];
        fp = ra_open(root, "onet-29.2/Task Statements.txt");
        if (!fp) break;
        size_t total = 0, matched = 0, n_del = 0, n_cop = 0, n_floor = 0;
        double wsum = 0, aug = 0, aut = 0, filt = 0;
        pk_record *r = pk_pack_record(p, code, d);
        CHECK(r != NULL);
        int cc = -1, tc = -1;
        if (fgets(line, sizeof line, fp)) {
            size_t k = ra_split(line, true, &store, f);
            cc = ra_col(f, k, "O*NET-SOC Code");
            tc = ra_col(f, k, "Task");
            free(store);
        }
        while (r && fgets(line, sizeof line, fp)) {
            size_t k = ra_split(line, true, &store, f);
            if (k > (size_t)tc && strcmp(f[cc], code) == 0) {
                total++;
                char key[512];
                ra_key(f[tc], key, sizeof key);
                const ra_task *x = ra_find(t, n, key);
                if (x) {
                    matched++;
                    const double *s = x->share;
                    double a = s[2] + s[3] + s[4], seen = s[0] + s[1] + a;
                    const pk_ai_work_map *w = &r->ai_work_map;
                    /* lists keep five: beyond that the list's total counts them */
                    /* a list keeps the five most used; beyond that its total counts them */
                    const pk_list *l = NULL;
                    size_t *cnt = NULL;
                    if (seen == 0)
                        l = &w->below_floor, cnt = &n_floor;
                    else if (s[1] > 0.5)
                        l = &w->delegate, cnt = &n_del;
                    else if (a > 0.5)
                        l = &w->copilot, cnt = &n_cop;
                    if (l) {
                        ++*cnt;
                        CHECK(l->total > 5 || ra_listed(l, f[tc]));
                    }
                    if (!isnan(x->weight)) {
                        wsum += x->weight;
                        aug += x->weight * a;
                        aut += x->weight * (s[0] + s[1]);
                        filt += x->weight * s[5];
                    }
                }
            }
            free(store);
        }
        fclose(fp);
        if (!r) continue;
        const pk_ai_work_map *w = &r->ai_work_map;
        const pk_ai_usage *u = &r->ai_usage;
        size_t want[3] = {n_del, n_cop, n_floor};
        const pk_list *got[3] = {&w->delegate, &w->copilot, &w->below_floor};
        for (int k = 0; k < 3; k++) {
            CHECK(got[k]->n_items <= 5);
            size_t have = got[k]->total > 0 ? (size_t)got[k]->total : got[k]->n_items;
            if (have != want[k])
                fprintf(stderr, "%s: list %d has %zu tasks, the files give %zu\n", code, k, have,
                        want[k]);
            CHECK(have == want[k]);
        }
        CHECK((size_t)u->patterns.tasks_total == total && u->patterns.n_items == matched);
        if (wsum > 0 && aug + aut > 0) {
            CHECK(fabs(u->augmentation.value - 100 * aug / wsum) < 1e-6);
            CHECK(fabs(u->automation.value - 100 * aut / wsum) < 1e-6);
        } else {
            CHECK(u->augmentation.status == PK_FIG_ABSENT && u->automation.status == PK_FIG_ABSENT);
        }
        if (wsum > 0) CHECK(fabs(u->filtered.value - 100 * filt / wsum) < 1e-6);
        pk_record_free(r);
    }
    free(t);
}

#endif
