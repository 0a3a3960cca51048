/* import_onet.c: the O*NET text-release importers (docs/packs.md): reported titles, tasks, the
 * importance ratings (knowledge, skills, abilities, work styles), technology, job zones,
 * education, interests and related occupations.
 *
 * Each importer reads one O*NET file through csv.h, finding its columns by header name, and keeps
 * the rows of the pack's occupations in a scratch array. Only when the whole file is read does it
 * sort that array (by occupation, then the section's own order) and write each occupation's
 * share into its record: O*NET lists an occupation's rows together, but nothing promises it, so
 * no importer relies on row order except as the last tie-break. Rows of occupations that are not
 * in the pack are skipped without a message: the files cover other O*NET-SOC codes by design.
 * A malformed cell is reported at file:line:col and its row skipped; reading goes on.
 * Part of data/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/import.h"
#include "data/schema.h"
#include "data/text.h"

/* ---- scratch shared by the importers ---- */

/* One row kept for an occupation until the file is read. The sort keys are set by each
 * importer so that one comparator serves them all. */
typedef struct row_e {
    pk_occ *occ;
    int group;             /* first key: task type, skills list, hot technology, tier */
    double key, key2;      /* next keys, ascending (a value sorted descending is stored negated) */
    const char *sort_name; /* then this, case-insensitively, when not NULL */
    size_t seq;            /* last: the row's place in the file, so equal rows keep file order */
    double value;
    const char *name, *extra; /* in the pack's arena (interned where they recur) */
} row_e;

/* Strings seen in one file, each copied once into the pack's arena: the same element name,
 * category or tool recurs for hundreds of occupations, and only distinct strings are kept. */
typedef struct strslot {
    const char *s; /* NULL: empty */
    uint64_t hash;
} strslot;

typedef struct strtab {
    strslot *slot; /* open addressing, a power of two long */
    size_t cap, n;
} strtab;

/* A reader of one O*NET file: the pack, the input and the scratch. Each importer's context
 * starts with one of these. */
typedef struct onet_rd {
    pk_pack *p;
    const pk_input *in;
    bool header_seen;
    int col[8];  /* the importer's columns, by its enum; -1 when an optional one is absent */
    row_e *rows; /* owned */
    size_t n, cap;
    strtab strs;        /* owned table; the strings are the arena's */
    size_t unknown;     /* rows of O*NET-SOC codes not in the pack: expected, not errors */
    size_t dropped;     /* rows left out on purpose (suppressed values, other scales) */
    char last_code[16]; /* row_occ's last code (last_len bytes; (size_t)-1: none kept) and its
                           answer; zero-initialised it is the empty code, which has none */
    size_t last_len;
    pk_occ *last_occ;
} onet_rd;

/* A word-at-a-time multiplicative hash: the byte-at-a-time kind costs more than reading the
 * file when the strings are task statements. */
static uint64_t str_hash(const char *s, size_t n)
{
    const uint64_t k = 0xff51afd7ed558ccdu;
    uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * k;
    return h ^ (h >> 29);
}

/* The arena's copy of s, made on first sight. */
static const char *intern(onet_rd *r, const char *s)
{
    strtab *t = &r->strs;
    if (2 * (t->n + 1) > t->cap) { /* keep the table at most half full */
        size_t cap = t->cap ? 2 * t->cap : 1024;
        strslot *slot = pk_xcalloc(cap, sizeof *slot);
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->slot[i].s) continue;
            size_t k = (size_t)t->slot[i].hash & (cap - 1);
            while (slot[k].s)
                k = (k + 1) & (cap - 1);
            slot[k] = t->slot[i];
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    uint64_t h = str_hash(s, strlen(s));
    size_t k = (size_t)h & (t->cap - 1);
    for (; t->slot[k].s; k = (k + 1) & (t->cap - 1))
        if (t->slot[k].hash == h && strcmp(t->slot[k].s, s) == 0) return t->slot[k].s;
    t->n++;
    t->slot[k] = (strslot){pk_pack_str(r->p, s), h};
    return t->slot[k].s;
}

static void rd_fini(onet_rd *r)
{
    free(r->rows);
    free(r->strs.slot);
}

/* ASCII case-insensitive order, so "Microsoft operating system" sorts before "Microsoft
 * PowerPoint" as a reader expects (strcmp would put every capital first). */
static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
        if (x != y || !x) return x - y;
    }
}

static int cmp_rows(const void *a, const void *b)
{
    const row_e *x = a, *y = b;
    /* occupations only need grouping, not any particular order: their addresses do */
    uintptr_t ox = (uintptr_t)x->occ, oy = (uintptr_t)y->occ;
    if (ox != oy) return ox < oy ? -1 : 1;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->key2 != y->key2) return x->key2 < y->key2 ? -1 : 1;
    if (x->sort_name && y->sort_name && x->sort_name != y->sort_name) {
        int c = ascii_casecmp(x->sort_name, y->sort_name);
        if (!c) c = strcmp(x->sort_name, y->sort_name);
        if (c) return c;
    }
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void rd_sort(onet_rd *r)
{
    if (r->n) qsort(r->rows, r->n, sizeof *r->rows, cmp_rows);
}

/* The end of the run of rows starting at i that share its occupation (and its group, when
 * by_group). */
static size_t run_end(const onet_rd *r, size_t i, bool by_group)
{
    size_t j = i + 1;
    while (j < r->n && r->rows[j].occ == r->rows[i].occ &&
           (!by_group || r->rows[j].group == r->rows[i].group))
        j++;
    return j;
}

static row_e *push_row(onet_rd *r, pk_occ *o)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 4096;
        r->rows = pk_xrealloc(r->rows, r->cap * sizeof *r->rows);
    }
    row_e *e = &r->rows[r->n];
    *e = (row_e){.occ = o, .seq = r->n};
    r->n++;
    return e;
}

/* Reads `path` (options by `file`'s extension and the input's format), calling fn per row with
 * the reader as its context. The first call fn gets is the header. */
static int rd_read(onet_rd *r, const char *path, const char *file, pk_csv_fn fn, pk_diag *d)
{
    pk_input as = *r->in;
    if (file != r->in->file) as.format = NULL; /* a lookup file goes by its own extension */
    as.file = file;
    pk_csv_opts o = pk_input_csv_opts(&as);
    r->header_seen = false;
    return pk_csv_read(path, &o, fn, r, d);
}

/* Finds the n columns named into r->col[0..n), reporting every missing one (file:1:1). Returns
 * non-zero, which stops the file, when any is missing. */
static int need_cols(onet_rd *r, pk_csv *c, const char *const names[], size_t n)
{
    int missing = 0;
    for (size_t i = 0; i < n; i++)
        if ((r->col[i] = pk_csv_need(c, names[i])) < 0) missing = 1;
    r->header_seen = true;
    return missing;
}
#define NEED_COLS(r, c, names) need_cols(r, c, names, sizeof(names) / sizeof((names)[0]))

/* The pack's occupation named by the row's code cell, or NULL (counted) when the pack has none.
 * An occupation's rows usually come together, so the last answer is kept: a cache, not an
 * assumption, since any code still finds its occupation. */
static pk_occ *row_occ(onet_rd *r, const pk_csv_row *row, int col)
{
    const char *code = row->f[col];
    size_t len = row->len[col];
    if (!(r->last_len == len && len < sizeof r->last_code &&
          memcmp(r->last_code, code, len) == 0)) {
        r->last_occ = pk_pack_occ(r->p, code);
        r->last_len = len < sizeof r->last_code ? len : (size_t)-1;
        if (len < sizeof r->last_code) memcpy(r->last_code, code, len);
    }
    if (!r->last_occ) r->unknown++;
    return r->last_occ;
}

static void bad_cell(pk_csv *c, const pk_csv_row *row, int col, const char *expected)
{
    pk_buf q = PK_BUF_INIT;
    pk_diag_quote(&q, row->f[col], row->len[col], 40);
    pk_csv_error(c, row, (size_t)col, "expected %s, got %s; row skipped", expected, q.data);
    pk_buf_fini(&q);
}

/* The number in a cell, within [lo, hi] and whole when `whole`; false (reported at the cell)
 * otherwise. `expected` says what the cell should hold, for the message. */
static bool cell_number(pk_csv *c, const pk_csv_row *row, int col, double lo, double hi, bool whole,
                        const char *expected, double *out)
{
    double v;
    if (!pk_csv_number(row->f[col], &v) || v < lo || v > hi || (whole && v != (double)(long)v)) {
        bad_cell(c, row, col, expected);
        return false;
    }
    *out = v;
    return true;
}

/* A text cell that must not be empty; false (reported) when it is. */
static bool cell_text(pk_csv *c, const pk_csv_row *row, int col)
{
    if (row->len[col]) return true;
    pk_csv_error(c, row, (size_t)col, "empty; row skipped");
    return false;
}

static int need_lookup(const pk_input *in, const char *what, pk_diag *d)
{
    return pk_input_error(d, in, NULL, "missing key \"lookup\" (the %s file)", what);
}

/* Starts (or restarts) a list of this input's figures in `unit`; a scale of {0, 0} means none. */
static void list_begin(pk_list *l, const pk_input *in, pk_unit unit, double lo, double hi)
{
    *l = (pk_list){.present = true, .source = in->source, .unit = unit, .scale = {lo, hi}};
}

static void list_add(pk_pack *p, pk_list *l, const char *name, bool has_value, double value)
{
    pk_item *it = pk_list_push(p, l);
    it->name = name;
    if (has_value) {
        it->fig.status = PK_FIG_OK;
        it->fig.unit = l->unit;
        it->fig.value = value;
        it->fig.source = l->source;
    }
}

/* ---- reported titles ---- */

#define MAX_TITLES 12

enum { TI_CODE, TI_TITLE };
static const char *const titles_cols[] = {"O*NET-SOC Code", "Reported Job Title"};

static int titles_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    onet_rd *r = ctx;
    if (!r->header_seen) return NEED_COLS(r, c, titles_cols);
    pk_occ *o = row_occ(r, row, r->col[TI_CODE]);
    if (!o || !cell_text(c, row, r->col[TI_TITLE])) return 0;
    row_e *e = push_row(r, o);
    e->name = intern(r, row->f[r->col[TI_TITLE]]); /* no sort keys: file order */
    return 0;
}

/* Sample of Reported Titles -> also_called: the first MAX_TITLES distinct titles of each
 * occupation, in file order. */
int pk_import_onet_titles(pk_pack *p, const pk_input *in, pk_diag *d)
{
    onet_rd r = {.p = p, .in = in};
    int rc = rd_read(&r, in->path, in->file, titles_row, d);
    rd_sort(&r);
    for (size_t i = 0, j; i < r.n; i = j) {
        j = run_end(&r, i, false);
        const char **v = pk_arena_alloc(p->arena, MAX_TITLES * sizeof *v);
        size_t n = 0;
        for (size_t k = i; k < j && n < MAX_TITLES; k++) {
            bool dup = false; /* interned: the same text is the same pointer */
            for (size_t m = 0; m < n && !dup; m++)
                dup = v[m] == r.rows[k].name;
            if (!dup) v[n++] = r.rows[k].name;
        }
        r.rows[i].occ->rec.also_called = (pk_strs){v, n};
    }
    rd_fini(&r);
    return rc;
}

/* ---- tasks ---- */

#define MAX_TASKS 20

enum { TA_CODE, TA_TASK, TA_TYPE, TA_ID };
static const char *const tasks_cols[] = {"O*NET-SOC Code", "Task", "Task Type", "Task ID"};

static int tasks_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    onet_rd *r = ctx;
    if (!r->header_seen) return NEED_COLS(r, c, tasks_cols);
    pk_occ *o = row_occ(r, row, r->col[TA_CODE]);
    double id;
    if (!o || !cell_text(c, row, r->col[TA_TASK]) ||
        !cell_number(c, row, r->col[TA_ID], 0, 1e15, true, "a task ID (a whole number)", &id))
        return 0;
    const char *type = row->f[r->col[TA_TYPE]];
    row_e *e = push_row(r, o);
    /* Core tasks are the ones O*NET rates as central to the job; "n/a" (no rating) goes last */
    e->group = strcmp(type, "Core") == 0 ? 0 : strcmp(type, "Supplemental") == 0 ? 1 : 2;
    e->key = id;
    e->name = pk_pack_str(r->p, row->f[r->col[TA_TASK]]); /* statements do not recur: no table */
    return 0;
}

/* Task Statements -> tasks: names only, Core first, then Supplemental, then the rest, each by
 * Task ID; at most MAX_TASKS, with `total` giving the full count when there are more. */
int pk_import_onet_tasks(pk_pack *p, const pk_input *in, pk_diag *d)
{
    onet_rd r = {.p = p, .in = in};
    int rc = rd_read(&r, in->path, in->file, tasks_row, d);
    rd_sort(&r);
    for (size_t i = 0, j; i < r.n; i = j) {
        j = run_end(&r, i, false);
        pk_list *l = &r.rows[i].occ->rec.tasks;
        list_begin(l, in, PK_UNIT_NONE, 0, 0);
        for (size_t k = i; k < j && k - i < MAX_TASKS; k++)
            list_add(p, l, r.rows[k].name, false, 0);
        if (j - i > MAX_TASKS) l->total = (long)(j - i);
    }
    rd_fini(&r);
    return rc;
}

/* ---- importance ratings: knowledge, skills, abilities, work styles ---- */

/* O*NET calls an element "important" for an occupation at an importance (IM) rating of 3.0 or
 * more on its 1-5 scale (the threshold O*NET OnLine uses for its summary lists). Lists keep
 * those, but never fewer than MIN_RATED elements, so an occupation with few important ones
 * still shows its strongest. */
#define IMPORTANT 3.0
#define MIN_RATED 5
/* A brief lists at most this many of one section (the seed page shows up to 18 abilities);
 * the list's `total` then says how many are important. */
#define MAX_RATED 20

enum section { SEC_KNOWLEDGE, SEC_SKILLS, SEC_ABILITIES, SEC_WORK_STYLES, SEC_WORK_ACTIVITIES };
enum { RA_CODE, RA_NAME, RA_VALUE, RA_ELEMENT, RA_SCALE, RA_SUPPRESS };
static const char *const ratings_cols[] = {"O*NET-SOC Code", "Element Name", "Data Value"};

typedef struct ratings_rd {
    onet_rd r;
    enum section section;
    const char *scale;
    bool importance; /* the scale is IM: 1-5, with the IMPORTANT threshold */
    bool onet2010;   /* codes are O*NET-SOC 2010 (code_kind "onet-soc2010"): rows are kept by
                        code (occ NULL, the code in `extra`) and joined after the file is read */
} ratings_rd;

static int ratings_header(ratings_rd *x, pk_csv *c)
{
    onet_rd *r = &x->r;
    int bad = NEED_COLS(r, c, ratings_cols);
    /* The skills lists are told apart by Element ID; the other sections can do without it (the
     * 2020 abilities file has only code, name and value). */
    r->col[RA_ELEMENT] =
        x->section == SEC_SKILLS ? pk_csv_need(c, "Element ID") : pk_csv_col(c, "Element ID");
    if (x->section == SEC_SKILLS && r->col[RA_ELEMENT] < 0) bad = 1;
    r->col[RA_SCALE] = pk_csv_col(c, "Scale ID");
    r->col[RA_SUPPRESS] = pk_csv_col(c, "Recommend Suppress");
    if (r->col[RA_SCALE] < 0 && !x->importance) {
        /* a file without Scale ID holds importance only: it cannot give another scale */
        pk_csv_file_error(c,
                          "no \"Scale ID\" column, so every value is an importance (IM); the "
                          "input asks for scale \"%s\"",
                          x->scale);
        bad = 1;
    }
    return bad;
}

static int ratings_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    ratings_rd *x = ctx;
    onet_rd *r = &x->r;
    if (!r->header_seen) return ratings_header(x, c);
    pk_occ *o = NULL;
    const char *code2010 = NULL;
    if (x->onet2010) {
        const char *code = row->f[r->col[RA_CODE]];
        if (!pk_soc_valid(code)) {
            bad_cell(c, row, r->col[RA_CODE], "an O*NET-SOC 2010 code like 27-4014.00");
            return 0;
        }
        size_t n_xw;
        if (!pk_pack_onet2010(r->p, code, &n_xw)) { /* the crosswalk does not carry it on */
            r->unknown++;
            return 0;
        }
        code2010 = intern(r, code);
    } else {
        o = row_occ(r, row, r->col[RA_CODE]);
        if (!o) return 0;
    }
    if ((r->col[RA_SCALE] >= 0 && strcmp(row->f[r->col[RA_SCALE]], x->scale) != 0) ||
        (r->col[RA_SUPPRESS] >= 0 && strcmp(row->f[r->col[RA_SUPPRESS]], "Y") == 0)) {
        r->dropped++; /* another scale, or a value O*NET recommends not to show (low precision) */
        return 0;
    }
    int group = 0;
    if (x->section == SEC_SKILLS) {
        /* 2.A: basic skills (the essential list); 2.B: cross-functional (transferable) */
        const char *id = row->f[r->col[RA_ELEMENT]];
        if (strncmp(id, "2.A", 3) == 0)
            group = 0;
        else if (strncmp(id, "2.B", 3) == 0)
            group = 1;
        else {
            r->dropped++;
            return 0;
        }
    }
    double v;
    if (!cell_text(c, row, r->col[RA_NAME])) return 0;
    /* importance is a 1-5 rating; other scales are taken as they come, in a rating's domain
     * (0 or more, as every rating of the record: schema.h) */
    double lo = x->importance ? 1 : 0, hi = x->importance ? 5 : PK_MAX_EXACT;
    if (!cell_number(c, row, r->col[RA_VALUE], lo, hi, false,
                     x->importance ? "an importance rating from 1 to 5" : "a rating of 0 or more", &v))
        return 0;
    row_e *e = push_row(r, o);
    e->group = group;
    e->key = -v; /* highest first, then by name */
    e->value = v;
    e->name = e->sort_name = intern(r, row->f[r->col[RA_NAME]]);
    e->extra = code2010;
    return 0;
}

typedef struct code_run {
    const char *code; /* an O*NET-SOC 2010 code of the file (interned) */
    size_t first, n;  /* its rows in the sorted raw rows */
} code_run;

static int cmp_raw(const void *a, const void *b)
{
    const row_e *x = a, *y = b;
    int c = strcmp(x->extra, y->extra);
    if (c) return c;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_xw_to_from(const void *a, const void *b)
{
    const pk_xw *x = *(const pk_xw *const *)a, *y = *(const pk_xw *const *)b;
    int c = strcmp(x->to, y->to);
    return c ? c : strcmp(x->from, y->from);
}

/* The ratings of a file keyed by O*NET-SOC 2010 codes, joined to the pack's occupations through
 * the taxonomy crosswalk (docs/methodology.md, "Joins"): an occupation takes the ratings of the
 * 2010 code it has kept, when the crosswalk maps that same code to it; else of the one 2010 code
 * it came from; else, when several 2010 codes were merged into it, each element's mean over
 * those that rate it. The raw rows (occ NULL, code in `extra`) become rows of occupations, and
 * each occupation's list scope says which older code(s) it was rated under. */
static void ratings_join_2010(ratings_rd *x, const pk_scope ***scopes)
{
    onet_rd *r = &x->r;
    pk_pack *p = r->p;
    if (r->n > 1) qsort(r->rows, r->n, sizeof *r->rows, cmp_raw);
    /* runs of one code */
    code_run *runs = NULL;
    size_t n_runs = 0;
    for (size_t i = 0; i < r->n;) {
        size_t j = i + 1;
        while (j < r->n && strcmp(r->rows[j].extra, r->rows[i].extra) == 0) j++;
        runs = pk_xrealloc(runs, (n_runs + 1) * sizeof *runs);
        runs[n_runs++] = (code_run){r->rows[i].extra, i, j - i};
        i = j;
    }
    /* the crosswalk by its 2019 code */
    pk_xw **by_to = pk_xmalloc((p->n_onet2010 ? p->n_onet2010 : 1) * sizeof *by_to);
    for (size_t i = 0; i < p->n_onet2010; i++) by_to[i] = &p->onet2010[i];
    if (p->n_onet2010 > 1) qsort(by_to, p->n_onet2010, sizeof *by_to, cmp_xw_to_from);
    /* how many pack occupations take each code's ratings, for the scopes: counted first */
    size_t *takers = pk_xcalloc(n_runs ? n_runs : 1, sizeof *takers);
    const code_run **use = pk_xmalloc((p->n_onet2010 ? p->n_onet2010 : 1) * sizeof *use);
    size_t *n_use = pk_xcalloc(p->n_occs ? p->n_occs : 1, sizeof *n_use);
    bool *partial = pk_xcalloc(p->n_occs ? p->n_occs : 1, sizeof *partial); /* own code kept, others merged in */
    const code_run ***uses = pk_xcalloc(p->n_occs ? p->n_occs : 1, sizeof *uses);
    size_t lo = 0;
    for (size_t oi = 0; oi < p->n_occs; oi++) {
        const char *soc = p->occs[oi]->rec.soc;
        while (lo < p->n_onet2010 && strcmp(by_to[lo]->to, soc) < 0) lo++;
        size_t k = 0;
        bool own = false;
        for (size_t e = lo; e < p->n_onet2010 && strcmp(by_to[e]->to, soc) == 0; e++) {
            /* the rated codes among those it came from (binary search over the runs) */
            size_t a = 0, b = n_runs;
            while (a < b) {
                size_t m = (a + b) / 2;
                if (strcmp(runs[m].code, by_to[e]->from) < 0) a = m + 1;
                else b = m;
            }
            if (a == n_runs || strcmp(runs[a].code, by_to[e]->from) != 0) continue;
            if (strcmp(runs[a].code, soc) == 0) own = true, k = 0;
            if (own && strcmp(runs[a].code, soc) != 0) continue;
            use[k++] = &runs[a];
            if (own) {
                partial[oi] = by_to[e]->to_sources > 1;
                break;
            }
        }
        if (!k) {
            if (lo == p->n_onet2010 || strcmp(by_to[lo]->to, soc) != 0)
                pk_cov_mark(p, r->in, p->occs[oi], PK_COV_NO_JOIN); /* no 2010 code became it */
            continue;
        }
        uses[oi] = pk_xmalloc(k * sizeof **uses);
        memcpy(uses[oi], use, k * sizeof *use);
        n_use[oi] = k;
        if (k == 1) takers[uses[oi][0] - runs]++;
    }
    /* the rows of each occupation: one code's as they are, several codes' averaged by element */
    row_e *raw = r->rows;
    r->rows = NULL;
    r->n = r->cap = 0;
    *scopes = pk_xcalloc(p->n_occs ? p->n_occs : 1, sizeof **scopes);
    pk_buf codes = PK_BUF_INIT;
    for (size_t oi = 0; oi < p->n_occs; oi++) {
        size_t k = n_use[oi];
        if (!k) continue;
        pk_occ *o = p->occs[oi];
        const code_run *u0 = uses[oi][0];
        if (k == 1) {
            for (size_t i = u0->first; i < u0->first + u0->n; i++) {
                row_e *e = push_row(r, o);
                *e = raw[i];
                e->occ = o;
                e->extra = NULL;
            }
            if (partial[oi])
                (*scopes)[oi] = pk_pack_scope(p, PK_SCOPE_PART, "O*NET-SOC 2010", u0->code, NULL,
                                              (long)takers[u0 - runs]);
            else if (strcmp(u0->code, o->rec.soc) != 0 || takers[u0 - runs] > 1)
                (*scopes)[oi] = pk_pack_scope(p, PK_SCOPE_SHARED, "O*NET-SOC 2010", u0->code, NULL,
                                              (long)takers[u0 - runs]);
            continue;
        }
        /* merged: each element (and group) over the codes that rate it; the runs are sorted by
         * group and name, so a merge walks them together */
        pk_buf_reset(&codes);
        for (size_t c = 0; c < k; c++) pk_buf_printf(&codes, "%s%s", c ? " + " : "", uses[oi][c]->code);
        size_t *pos = pk_xcalloc(k, sizeof *pos);
        for (;;) {
            const row_e *next = NULL;
            for (size_t c = 0; c < k; c++) {
                if (pos[c] == uses[oi][c]->n) continue;
                const row_e *e = &raw[uses[oi][c]->first + pos[c]];
                if (!next || e->group < next->group ||
                    (e->group == next->group && strcmp(e->name, next->name) < 0))
                    next = e;
            }
            if (!next) break;
            double sum = 0;
            size_t cnt = 0;
            int group = next->group;
            const char *name = next->name;
            for (size_t c = 0; c < k; c++) {
                while (pos[c] < uses[oi][c]->n) {
                    const row_e *e = &raw[uses[oi][c]->first + pos[c]];
                    if (e->group != group || strcmp(e->name, name) != 0) break;
                    sum += e->value, cnt++, pos[c]++;
                }
            }
            row_e *e = push_row(r, o);
            e->group = group;
            e->value = sum / (double)cnt;
            e->key = -e->value;
            e->name = e->sort_name = name;
        }
        free(pos);
        (*scopes)[oi] = pk_pack_scope(p, PK_SCOPE_MERGED, "O*NET-SOC 2010", codes.data, NULL, 1);
    }
    pk_buf_fini(&codes);
    for (size_t oi = 0; oi < p->n_occs; oi++) free(uses[oi]);
    free(uses);
    free(n_use);
    free(partial);
    free(use);
    free(takers);
    free(by_to);
    free(runs);
    free(raw);
}

/* The list of `section` a run of rows goes to (skills: by the run's group). */
static pk_list *ratings_list(pk_record *rec, enum section s, int group)
{
    switch (s) {
    case SEC_KNOWLEDGE:
        return &rec->knowledge;
    case SEC_SKILLS:
        rec->skills.present = true;
        return group == 0 ? &rec->skills.essential : &rec->skills.transferable;
    case SEC_ABILITIES:
        return &rec->abilities;
    case SEC_WORK_STYLES:
        return &rec->work_styles;
    case SEC_WORK_ACTIVITIES:
        return &rec->work_activities;
    }
    return NULL;
}

/* Knowledge, Skills, Abilities, Work Styles or Work Activities (in->section) at scale in->scale (default IM) ->
 * the section's rating list(s), highest first, trimmed as IMPORTANT and MIN_RATED say. Skills
 * split by Element ID into essential (2.A) and transferable (2.B). Without an Element ID column
 * every row counts (the 2020 abilities file); without Scale ID every row is an importance. */
int pk_import_onet_ratings(pk_pack *p, const pk_input *in, pk_diag *d)
{
    static const char *const names[] = {"knowledge", "skills", "abilities", "work_styles",
                                        "work_activities"};
    const size_t n_names = sizeof names / sizeof names[0];
    ratings_rd x = {.r = {.p = p, .in = in}, .scale = in->scale ? in->scale : "IM"};
    size_t s = 0;
    while (s < n_names && !(in->section && strcmp(in->section, names[s]) == 0))
        s++;
    if (s == n_names)
        return in->section ? pk_input_error(d, in, "section",
                                            "unknown section \"%s\" (expected knowledge, skills, "
                                            "abilities, work_styles or work_activities)",
                                            in->section)
                           : pk_input_error(d, in, NULL,
                                            "missing key \"section\" (expected knowledge, skills, "
                                            "abilities, work_styles or work_activities)");
    x.section = (enum section)s;
    x.importance = strcmp(x.scale, "IM") == 0;
    if (in->code_kind && strcmp(in->code_kind, "onet-soc2010") == 0) {
        if (p->n_onet2010 == 0)
            return pk_input_error(d, in, "code_kind",
                                  "\"onet-soc2010\" needs the O*NET-SOC 2010 -> 2019 crosswalk, "
                                  "and none is loaded: put an input with importer "
                                  "\"onet-soc2010-crosswalk\" before this one");
        x.onet2010 = true;
    } else if (in->code_kind && strcmp(in->code_kind, "onet-soc") != 0) {
        return pk_input_error(d, in, "code_kind",
                              "unknown code_kind \"%s\" for O*NET ratings (expected onet-soc or "
                              "onet-soc2010)",
                              in->code_kind);
    }
    int rc = rd_read(&x.r, in->path, in->file, ratings_row, d);
    onet_rd *r = &x.r;
    const pk_scope **scopes = NULL; /* per occupation index, with onet2010 (owned array) */
    if (x.onet2010) ratings_join_2010(&x, &scopes);
    rd_sort(r);
    for (size_t i = 0, j; i < r->n; i = j) {
        j = run_end(r, i, true);
        /* sorted highest first: the important ones are a prefix. Other scales have no published
         * threshold, so they keep just the top MIN_RATED. */
        size_t keep = 0;
        while (x.importance && i + keep < j && r->rows[i + keep].value >= IMPORTANT)
            keep++;
        if (keep < MIN_RATED) keep = j - i < MIN_RATED ? j - i : MIN_RATED;
        size_t important = keep;
        if (keep > MAX_RATED) keep = MAX_RATED;
        pk_list *l = ratings_list(&r->rows[i].occ->rec, x.section, r->rows[i].group);
        list_begin(l, in, PK_UNIT_RATING, x.importance ? 1 : 0, x.importance ? 5 : 0);
        if (scopes) l->scope = scopes[r->rows[i].occ->index];
        if (important > keep) l->total = (long)important;
        for (size_t k = i; k < i + keep; k++) {
            list_add(p, l, r->rows[k].name, true, r->rows[k].value);
            l->items[l->n_items - 1].fig.scope = l->scope;
        }
    }
    free(scopes);
    rd_fini(r);
    return rc;
}

/* ---- technology ---- */

#define MAX_TOOLS 40

enum { TE_CODE, TE_EXAMPLE, TE_CATEGORY, TE_HOT };
static const char *const tech_cols[] = {"O*NET-SOC Code", "Example", "Commodity Title",
                                        "Hot Technology"};

static int tech_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    onet_rd *r = ctx;
    if (!r->header_seen) return NEED_COLS(r, c, tech_cols);
    pk_occ *o = row_occ(r, row, r->col[TE_CODE]);
    if (!o || !cell_text(c, row, r->col[TE_EXAMPLE])) return 0;
    const char *hot = row->f[r->col[TE_HOT]];
    bool y = strcmp(hot, "Y") == 0;
    if (!y && strcmp(hot, "N") != 0) {
        bad_cell(c, row, r->col[TE_HOT], "Y or N");
        return 0;
    }
    row_e *e = push_row(r, o);
    e->group = y ? 0 : 1; /* hot technology first */
    e->name = e->sort_name = intern(r, row->f[r->col[TE_EXAMPLE]]);
    if (row->len[r->col[TE_CATEGORY]]) e->extra = intern(r, row->f[r->col[TE_CATEGORY]]);
    return 0;
}

/* Technology Skills -> tools: hot technology first, then by example (case-insensitively); the
 * same example twice in an occupation is kept once; at most MAX_TOOLS. */
int pk_import_onet_technology(pk_pack *p, const pk_input *in, pk_diag *d)
{
    onet_rd r = {.p = p, .in = in};
    int rc = rd_read(&r, in->path, in->file, tech_row, d);
    rd_sort(&r);
    for (size_t i = 0, j; i < r.n; i = j) {
        j = run_end(&r, i, false);
        pk_tools *t = &r.rows[i].occ->rec.tools;
        *t = (pk_tools){.present = true, .source = in->source};
        long distinct = 0;
        for (size_t k = i; k < j; k++) {
            /* interned names: a repeat is the same pointer. The whole run is counted, so the
             * record says how many the release lists when it keeps the first MAX_TOOLS */
            bool dup = false;
            for (size_t m = i; m < k && !dup; m++) dup = r.rows[m].name == r.rows[k].name;
            if (dup) continue;
            distinct++;
            if (t->n_items == MAX_TOOLS) continue;
            pk_tool *tool = pk_array_push(p, (void **)&t->items, &t->n_items, sizeof *tool);
            *tool = (pk_tool){r.rows[k].name, r.rows[k].extra, r.rows[k].group == 0};
        }
        if (distinct > (long)t->n_items) t->total = distinct;
    }
    rd_fini(&r);
    return rc;
}

/* ---- job zones ---- */

enum { JR_ZONE, JR_NAME, JR_EXPERIENCE, JR_EDUCATION, JR_SVP };
static const char *const zone_ref_cols[] = {"Job Zone", "Name", "Experience", "Education",
                                            "SVP Range"};
enum { JZ_CODE, JZ_ZONE };
static const char *const zone_cols[] = {"O*NET-SOC Code", "Job Zone"};

typedef struct zones_rd {
    onet_rd r;
    struct zone_ref {
        const char *name, *experience, *education, *svp;
    } ref[6];    /* [1..5] */
    bool ref_ok; /* the reference file had its columns */
} zones_rd;

/* The SVP range as O*NET writes it, "(6.0 to < 7.0)", without the parentheses. */
static const char *svp_text(onet_rd *r, const char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    while (n && *s == ' ')
        s++, n--;
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')')
        return pk_arena_strndup(r->p->arena, s + 1, n - 2);
    return pk_arena_strndup(r->p->arena, s, n);
}

static int zone_ref_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    zones_rd *x = ctx;
    onet_rd *r = &x->r;
    if (!r->header_seen) {
        int bad = NEED_COLS(r, c, zone_ref_cols);
        x->ref_ok = !bad;
        return bad;
    }
    double z;
    if (!cell_number(c, row, r->col[JR_ZONE], 1, 5, true, "a job zone from 1 to 5", &z)) return 0;
    struct zone_ref *ref = &x->ref[(int)z];
    if (ref->name) {
        pk_csv_error(c, row, (size_t)r->col[JR_ZONE],
                     "job zone %d is described twice; the second is ignored", (int)z);
        return 0;
    }
    ref->name = pk_pack_str(r->p, row->f[r->col[JR_NAME]]);
    ref->experience = pk_pack_str(r->p, row->f[r->col[JR_EXPERIENCE]]);
    ref->education = pk_pack_str(r->p, row->f[r->col[JR_EDUCATION]]);
    ref->svp = svp_text(r, row->f[r->col[JR_SVP]]);
    return 0;
}

static int zone_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    zones_rd *x = ctx;
    onet_rd *r = &x->r;
    if (!r->header_seen) return NEED_COLS(r, c, zone_cols);
    pk_occ *o = row_occ(r, row, r->col[JZ_CODE]);
    double z;
    if (!o || !cell_number(c, row, r->col[JZ_ZONE], 1, 5, true, "a job zone from 1 to 5", &z))
        return 0;
    pk_howto *h = &o->rec.how_to_get_in;
    if (h->job_zone.status != PK_FIG_ABSENT) { /* one zone per occupation: a repeat is a mistake */
        pk_csv_error(c, row, (size_t)r->col[JZ_CODE],
                     "occupation %s has a job zone already; this row is ignored", o->rec.soc);
        return 0;
    }
    const struct zone_ref *ref = &x->ref[(int)z];
    /* set field by field: fields_of_study comes from another input */
    h->present = true;
    h->source = r->in->source;
    h->job_zone = (pk_figure){.status = PK_FIG_OK,
                              .unit = PK_UNIT_LEVEL,
                              .value = z,
                              .source = r->in->source,
                              .percentile = -1};
    h->job_zone_title = ref->name;
    h->education = ref->education;
    h->experience = ref->experience;
    h->svp = ref->svp;
    return 0;
}

/* Job Zones, with Job Zone Reference (lookup) -> how_to_get_in: the zone (a level 1-5) and the
 * reference's name, education, experience and SVP range for it. One row per occupation, so the
 * record is written as the rows come; a second row for an occupation is reported. */
int pk_import_onet_job_zones(pk_pack *p, const pk_input *in, pk_diag *d)
{
    if (!in->lookup_path) return need_lookup(in, "Job Zone Reference", d);
    zones_rd x = {.r = {.p = p, .in = in}};
    int rc = rd_read(&x.r, in->lookup_path, in->lookup, zone_ref_row, d);
    for (int z = 1; z <= 5 && x.ref_ok; z++)
        if (!x.ref[z].name)
            rc = pk_diag_add(d, PK_FAIL_INPUT,
                             "%s: error: no row for job zone %d; its occupations get "
                             "the zone without its description",
                             in->lookup_path, z);
    if (rd_read(&x.r, in->path, in->file, zone_row, d) != 0) rc = -1;
    rd_fini(&x.r);
    return rc;
}

/* ---- education ---- */

enum { EC_SCALE, EC_CATEGORY, EC_DESCRIPTION };
static const char *const edu_cat_cols[] = {"Scale ID", "Category", "Category Description"};
enum { ED_CODE, ED_SCALE, ED_CATEGORY, ED_VALUE };
static const char *const edu_cols[] = {"O*NET-SOC Code", "Scale ID", "Category", "Data Value"};

/* The Required Level of Education scale: its categories are the levels of education. */
#define EDU_SCALE "RL"

typedef struct edu_rd {
    onet_rd r;
    const char **cat; /* owned array: the RL category names by number (strings in the arena) */
    size_t n_cat;
} edu_rd;

static int edu_cat_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    edu_rd *x = ctx;
    onet_rd *r = &x->r;
    if (!r->header_seen) return NEED_COLS(r, c, edu_cat_cols);
    if (strcmp(row->f[r->col[EC_SCALE]], EDU_SCALE) != 0) return 0;
    double v;
    if (!cell_number(c, row, r->col[EC_CATEGORY], 1, 1000, true, "a category number", &v) ||
        !cell_text(c, row, r->col[EC_DESCRIPTION]))
        return 0;
    size_t k = (size_t)v;
    if (k >= x->n_cat) {
        x->cat = pk_xrealloc(x->cat, (k + 1) * sizeof *x->cat);
        memset(x->cat + x->n_cat, 0, (k + 1 - x->n_cat) * sizeof *x->cat);
        x->n_cat = k + 1;
    }
    /* the level's short name, as the seed page shows it: O*NET writes "Post-Secondary
     * Certificate - awarded for training completed after high school (for example, ...)", and
     * the part before " - " is the name */
    const char *desc = row->f[r->col[EC_DESCRIPTION]];
    const char *cut = strstr(desc, " - ");
    x->cat[k] = cut && cut > desc ? pk_arena_strndup(r->p->arena, desc, (size_t)(cut - desc))
                                  : pk_pack_str(r->p, desc);
    return 0;
}

static int edu_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    edu_rd *x = ctx;
    onet_rd *r = &x->r;
    if (!r->header_seen) return NEED_COLS(r, c, edu_cols);
    if (strcmp(row->f[r->col[ED_SCALE]], EDU_SCALE) != 0) return 0;
    pk_occ *o = row_occ(r, row, r->col[ED_CODE]);
    double cat, v;
    if (!o || !cell_number(c, row, r->col[ED_CATEGORY], 1, 1000, true, "a category number", &cat) ||
        !cell_number(c, row, r->col[ED_VALUE], 0, 100, false, "a percentage from 0 to 100", &v))
        return 0;
    size_t k = (size_t)cat;
    if (k >= x->n_cat || !x->cat[k]) {
        pk_csv_error(c, row, (size_t)r->col[ED_CATEGORY],
                     "category %zu of scale " EDU_SCALE " is not in %s; row skipped", k,
                     r->in->lookup);
        return 0;
    }
    if (v <= 0) return 0; /* nobody at that level: not a line of the list */
    row_e *e = push_row(r, o);
    e->key = -v;         /* largest share first */
    e->key2 = (double)k; /* equal shares: in the order of the levels */
    e->value = v;
    e->name = x->cat[k];
    return 0;
}

/* Education, Training, and Experience (scale RL), with its Categories file (lookup) ->
 * education: the share of respondents at each level of education, largest first, leaving out
 * levels nobody reported; names are the category descriptions' short names (before " - ").
 * Recommend Suppress is not applied here, unlike the ratings: the shares are one distribution,
 * and dropping a level would leave the others reading as if they were all of it. */
int pk_import_onet_education(pk_pack *p, const pk_input *in, pk_diag *d)
{
    if (!in->lookup_path)
        return need_lookup(in, "Education, Training, and Experience Categories", d);
    edu_rd x = {.r = {.p = p, .in = in}};
    int rc = rd_read(&x.r, in->lookup_path, in->lookup, edu_cat_row, d);
    if (rc == 0 && x.n_cat == 0)
        rc = pk_diag_add(d, PK_FAIL_INPUT, "%s: error: no category of scale " EDU_SCALE,
                         in->lookup_path);
    if (rd_read(&x.r, in->path, in->file, edu_row, d) != 0) rc = -1;
    onet_rd *r = &x.r;
    rd_sort(r);
    for (size_t i = 0, j; i < r->n; i = j) {
        j = run_end(r, i, false);
        pk_list *l = &r->rows[i].occ->rec.education;
        list_begin(l, in, PK_UNIT_PERCENT, 0, 0);
        for (size_t k = i; k < j; k++)
            list_add(p, l, r->rows[k].name, true, r->rows[k].value);
    }
    free(x.cat);
    rd_fini(r);
    return rc;
}

/* ---- interests ---- */

/* Occupational Interests: the six RIASEC areas, rated 1-7. */
#define RIASEC_SCALE "OI"

enum { IN_CODE, IN_NAME, IN_SCALE, IN_VALUE };
static const char *const interests_cols[] = {"O*NET-SOC Code", "Element Name", "Scale ID",
                                             "Data Value"};

static int interests_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    onet_rd *r = ctx;
    if (!r->header_seen) return NEED_COLS(r, c, interests_cols);
    /* the other scale (IH) numbers the high-point areas; it is not a rating */
    if (strcmp(row->f[r->col[IN_SCALE]], RIASEC_SCALE) != 0) return 0;
    pk_occ *o = row_occ(r, row, r->col[IN_CODE]);
    double v;
    if (!o || !cell_text(c, row, r->col[IN_NAME]) ||
        !cell_number(c, row, r->col[IN_VALUE], 1, 7, false, "an interest rating from 1 to 7", &v))
        return 0;
    row_e *e = push_row(r, o);
    e->key = -v;
    e->value = v;
    e->name = e->sort_name = intern(r, row->f[r->col[IN_NAME]]);
    return 0;
}

/* Interests (scale OI) -> interests.riasec: the RIASEC ratings, highest first. */
int pk_import_onet_interests(pk_pack *p, const pk_input *in, pk_diag *d)
{
    onet_rd r = {.p = p, .in = in};
    int rc = rd_read(&r, in->path, in->file, interests_row, d);
    rd_sort(&r);
    for (size_t i = 0, j; i < r.n; i = j) {
        j = run_end(&r, i, false);
        pk_interests *it = &r.rows[i].occ->rec.interests;
        it->present = true; /* areas, if any, come from another input: left as they are */
        list_begin(&it->riasec, in, PK_UNIT_RATING, 1, 7);
        for (size_t k = i; k < j; k++)
            list_add(p, &it->riasec, r.rows[k].name, true, r.rows[k].value);
    }
    rd_fini(&r);
    return rc;
}

/* ---- related occupations ---- */

#define MAX_RELATED 12

enum { RE_CODE, RE_RELATED, RE_TIER, RE_INDEX };
static const char *const related_cols[] = {"O*NET-SOC Code", "Related O*NET-SOC Code",
                                           "Relatedness Tier", "Index"};

static int related_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    onet_rd *r = ctx;
    if (!r->header_seen) return NEED_COLS(r, c, related_cols);
    pk_occ *o = row_occ(r, row, r->col[RE_CODE]);
    if (!o) return 0;
    /* not row_occ: its cache serves the first column, which stays put while this one changes */
    pk_occ *rel = pk_pack_occ(r->p, row->f[r->col[RE_RELATED]]);
    if (!rel) r->unknown++;
    double idx;
    if (!rel || rel == o ||
        !cell_number(c, row, r->col[RE_INDEX], 0, 1e9, true, "an index (a whole number)", &idx))
        return 0;
    const char *tier = row->f[r->col[RE_TIER]];
    row_e *e = push_row(r, o);
    /* O*NET's closest tier first; Supplemental (and any tier it may add) after both primaries */
    e->group = strcmp(tier, "Primary-Short") == 0 ? 0 : strcmp(tier, "Primary-Long") == 0 ? 1 : 2;
    e->key = idx;
    e->name = rel->rec.soc;
    e->extra = rel->rec.title;
    return 0;
}

/* Related Occupations -> quadrant.related: the related occupations that are in the pack,
 * Primary-Short, then Primary-Long, then other tiers, each by Index; at most MAX_RELATED. Their
 * pay and overlap percentiles are filled by pack.c once every input is read. */
int pk_import_onet_related(pk_pack *p, const pk_input *in, pk_diag *d)
{
    onet_rd r = {.p = p, .in = in};
    int rc = rd_read(&r, in->path, in->file, related_row, d);
    rd_sort(&r);
    for (size_t i = 0, j; i < r.n; i = j) {
        j = run_end(&r, i, false);
        pk_quadrant *q = &r.rows[i].occ->rec.quadrant;
        q->related = NULL;
        q->n_related = 0;
        for (size_t k = i; k < j && q->n_related < MAX_RELATED; k++) {
            bool dup = false;
            for (size_t m = 0; m < q->n_related && !dup; m++)
                dup = q->related[m].soc == r.rows[k].name;
            if (dup) continue;
            pk_related *rel = pk_array_push(p, (void **)&q->related, &q->n_related, sizeof *rel);
            rel->soc = r.rows[k].name;
            rel->title = r.rows[k].extra;
            rel->overlap_percentile.percentile = -1;
            rel->pay_percentile.percentile = -1;
        }
        q->adjacent_total = (long)q->n_related;
        q->present = true;
    }
    rd_fini(&r);
    return rc;
}
