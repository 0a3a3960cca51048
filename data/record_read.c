/* record_read.c: JSON -> record and sources registry, driven by the tables of schema.h.
 * The only file that includes cJSON.h. Every problem becomes one located message: syntax errors
 * as path:line:col (from cJSON's parse-end pointer), semantic errors by JSON path. Reading goes
 * on after a bad value so one run reports every problem (capped by the diag list). */
#include "data/record.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "data/buf.h"
#include "data/fmt.h"
#include "data/json_check.h"
#include "data/schema.h"
#include "data/text.h"

enum { PK_MAX_STRING = 64 * 1024 };

typedef struct rd {
    const char *file;
    pk_arena *arena;        /* borrowed: the arena of the object being built */
    pk_diag *d;             /* borrowed */
    const pk_sources *srcs; /* borrowed; NULL while reading the registry itself */
    pk_buf path;            /* owned: the JSON path of the value being read, "$.wages.p10" */
    int errors;
} rd;

static void fail(rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(rd *r, const char *fmt, ...)
{
    pk_buf msg = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    pk_diag_add(r->d, PK_FAIL_INPUT, "%s: %s: %s", r->file, pk_buf_str(&r->path),
                pk_buf_str(&msg));
    pk_buf_fini(&msg);
    r->errors++;
}

static size_t push_key(rd *r, const char *key)
{
    size_t mark = r->path.len;
    pk_buf_addc(&r->path, '.');
    pk_buf_adds(&r->path, key);
    return mark;
}

static size_t push_index(rd *r, size_t i)
{
    size_t mark = r->path.len;
    pk_buf_printf(&r->path, "[%zu]", i);
    return mark;
}

static void pop(rd *r, size_t mark)
{
    r->path.len = mark;
    r->path.data[mark] = '\0';
}

/* What a value is, for "expected X, got Y": "abc" quoted, 12.5, true, null, an array, an object. */
static void describe(pk_buf *b, const cJSON *v)
{
    if (cJSON_IsString(v)) pk_diag_quote(b, v->valuestring, strlen(v->valuestring), 60);
    else if (cJSON_IsNumber(v)) pk_buf_printf(b, "%.17g", v->valuedouble);
    else if (cJSON_IsBool(v)) pk_buf_adds(b, cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsNull(v)) pk_buf_adds(b, "null");
    else if (cJSON_IsArray(v)) pk_buf_adds(b, "an array");
    else pk_buf_adds(b, "an object");
}

static void fail_type(rd *r, const char *expected, const cJSON *v)
{
    pk_buf got = PK_BUF_INIT;
    describe(&got, v);
    fail(r, "expected %s, got %s", expected, pk_buf_str(&got));
    pk_buf_fini(&got);
}

/* ---- scalars ---- */

/* s[0..n) in the arena, with C1 controls and U+2028/U+2029 replaced (pk_text_scrub): what a
 * record, registry, manifest or template says reaches no output or terminal with one. */
static const char *scrubbed(pk_arena *a, const char *s, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = ((unsigned char)s[i] == 0xC2 || (unsigned char)s[i] == 0xE2) &&
              pk_text_c1_len(s + i, n - i);
    if (!any) return pk_arena_strndup(a, s, n);
    pk_buf b = PK_BUF_INIT;
    pk_text_scrub(&b, s, n);
    const char *out = pk_arena_strndup(a, b.data, b.len);
    pk_buf_fini(&b);
    return out;
}

static const char *read_string(rd *r, const cJSON *v)
{
    if (!cJSON_IsString(v)) {
        fail_type(r, "a string", v);
        return NULL;
    }
    size_t n = strlen(v->valuestring);
    if (n == 0) {
        fail(r, "expected a non-empty string, got \"\"");
        return NULL;
    }
    if (n > PK_MAX_STRING) {
        fail(r, "string of %zu bytes is longer than the %d this field allows", n, PK_MAX_STRING);
        return NULL;
    }
    return scrubbed(r->arena, v->valuestring, n);
}

static bool source_ids_known(rd *r, const char *ids)
{
    if (!r->srcs) return true;
    const char *p = ids;
    for (;;) {
        const char *plus = strchr(p, '+');
        size_t n = plus ? (size_t)(plus - p) : strlen(p);
        bool found = false;
        for (size_t i = 0; i < r->srcs->n_items && !found; i++) {
            const char *id = r->srcs->items[i].id;
            found = strlen(id) == n && memcmp(id, p, n) == 0;
        }
        if (!found) {
            pk_buf q = PK_BUF_INIT;
            pk_diag_quote(&q, p, n, 60);
            fail(r, "unknown source %s (not in the sources registry)", pk_buf_str(&q));
            pk_buf_fini(&q);
            return false;
        }
        if (!plus) return true;
        p = plus + 1;
    }
}

static const char *read_source(rd *r, const cJSON *v)
{
    const char *s = read_string(r, v);
    return s && source_ids_known(r, s) ? s : NULL;
}

/* Every number is finite and below 2^53 in magnitude (above it, a double no longer holds every
 * whole number, and a wage would print as $9,007,199,254,740,992). Too small a number (1e-400,
 * which would read as 0) is refused by the syntax check, at its line and column. */
static bool finite_or_fail(rd *r, const cJSON *v)
{
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble)) {
        fail(r, "expected a finite number, got a number too large to represent");
        return false;
    }
    if (cJSON_IsNumber(v) && fabs(v->valuedouble) >= PK_MAX_EXACT) {
        fail(r, "expected a number below 2^53 (9007199254740992) in magnitude, got %.17g",
             v->valuedouble);
        return false;
    }
    return true;
}

/* v in the domain [lo, hi] (PK_ABOVE: lo excluded), else one message at the current path. */
static bool in_domain(rd *r, double v, double lo, double hi, unsigned flags, const char *note)
{
    if (pk_in_domain(v, lo, hi, flags)) return true;
    pk_buf m = PK_BUF_INIT;
    pk_domain_message(&m, v, lo, hi, flags, note);
    fail(r, "%s", pk_buf_str(&m));
    pk_buf_fini(&m);
    return false;
}

/* The domain of field fd's values in unit u: the field's own, else the unit's. */
static void field_domain(const pk_field *fd, pk_unit u, double *lo, double *hi, unsigned *flags)
{
    if (fd && fd->lo < fd->hi) {
        *lo = fd->lo, *hi = fd->hi, *flags = fd->flags & PK_ABOVE;
        return;
    }
    pk_unit_domain(u, lo, hi, flags);
}

static bool read_long(rd *r, const cJSON *v, long *out)
{
    if (!finite_or_fail(r, v)) return false;
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || v->valuedouble < 1 ||
        v->valuedouble > 1e9) {
        fail_type(r, "a positive whole number", v);
        return false;
    }
    *out = (long)v->valuedouble;
    return true;
}

static bool read_number(rd *r, const cJSON *v, double *out)
{
    if (!finite_or_fail(r, v)) return false;
    if (!cJSON_IsNumber(v)) {
        fail_type(r, "a number", v);
        return false;
    }
    *out = v->valuedouble;
    return true;
}

/* Keys of an object: reports unknown and duplicate keys. Returns the member for `key`. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string && strcmp(c->string, key) == 0) return c;
    return NULL;
}

/* Edit distance between two short keys (capped: keys longer than 63 bytes never match). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

static void check_keys(rd *r, const cJSON *obj, const char *const *keys, size_t n_keys)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        size_t mark = push_key(r, c->string);
        bool known = false;
        for (size_t i = 0; i < n_keys && !known; i++) known = strcmp(keys[i], c->string) == 0;
        if (!known) {
            /* a typo gets the key it was probably meant to be; anything else the whole list */
            const char *best = NULL;
            size_t best_d = 3;
            for (size_t i = 0; i < n_keys; i++) {
                size_t dist = distance(c->string, keys[i]);
                if (dist < best_d) best_d = dist, best = keys[i];
            }
            pk_buf exp = PK_BUF_INIT;
            if (best) {
                pk_buf_printf(&exp, "did you mean \"%s\"?", best);
            } else {
                pk_buf_adds(&exp, "expected ");
                for (size_t i = 0; i < n_keys; i++) {
                    if (i) pk_buf_adds(&exp, ", ");
                    pk_buf_adds(&exp, keys[i]);
                }
            }
            pk_buf q = PK_BUF_INIT;
            pk_diag_quote(&q, c->string, strlen(c->string), 60);
            fail(r, "unknown key %s (%s)", pk_buf_str(&q), pk_buf_str(&exp));
            pk_buf_fini(&q);
            pk_buf_fini(&exp);
        } else {
            for (const cJSON *e = obj->child; e != c; e = e->next) {
                if (strcmp(e->string, c->string) == 0) {
                    fail(r, "key given twice in one object");
                    break;
                }
            }
        }
        pop(r, mark);
    }
}

static bool expect_object(rd *r, const cJSON *v)
{
    if (cJSON_IsObject(v)) return true;
    fail_type(r, "an object", v);
    return false;
}

static bool expect_array(rd *r, const cJSON *v)
{
    if (cJSON_IsArray(v)) return true;
    fail_type(r, "an array", v);
    return false;
}

/* ---- figures and lists ---- */

static void check_unit(rd *r, pk_unit got, pk_unit want)
{
    if (want != PK_UNIT_NONE && got != want)
        fail(r, "expected unit \"%s\" here, got \"%s\"", pk_unit_name(want), pk_unit_name(got));
}

static pk_unit read_unit(rd *r, const cJSON *v)
{
    if (!cJSON_IsString(v)) {
        fail_type(r, "a unit name", v);
        return PK_UNIT_NONE;
    }
    pk_unit u = pk_unit_from_name(v->valuestring);
    if (u == PK_UNIT_NONE) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, v->valuestring, strlen(v->valuestring), 60);
        fail(r, "unknown unit %s (expected usd, usd-hour, count, percent, points, score, "
                "probability, fraction, rating, percentile, ratio or level)",
             pk_buf_str(&q));
        pk_buf_fini(&q);
    }
    return u;
}

/* A figure's (or a list's) "scope": { kind, system, code, title, occupations }
 * (docs/record.md, "Scope"). NULL, reported, when it is not one. */
static const pk_scope *read_scope(rd *r, const cJSON *v)
{
    if (!expect_object(r, v)) return NULL;
    static const char *const keys[] = {"kind", "system", "code", "title", "occupations"};
    check_keys(r, v, keys, sizeof keys / sizeof keys[0]);
    pk_scope *sc = pk_arena_alloc(r->arena, sizeof *sc);
    memset(sc, 0, sizeof *sc);
    int errors = r->errors;
    const cJSON *m;
    size_t mark;
    if ((m = member(v, "kind"))) {
        mark = push_key(r, "kind");
        int k = cJSON_IsString(m) ? pk_scope_kind_from_name(m->valuestring) : -1;
        if (k < 0)
            fail_type(r, "a scope kind (shared, combined, aggregate, part, merged or task)", m);
        else
            sc->kind = (pk_scope_kind)k;
        pop(r, mark);
    } else {
        fail(r, "missing key \"kind\"");
    }
    static const struct {
        const char *key;
        size_t off;
    } strs[] = {{"system", offsetof(pk_scope, system)},
                {"code", offsetof(pk_scope, code)},
                {"title", offsetof(pk_scope, title)}};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        if (!(m = member(v, strs[i].key))) continue;
        mark = push_key(r, strs[i].key);
        *PK_AT(sc, strs[i].off, const char *) = read_string(r, m);
        pop(r, mark);
    }
    if ((m = member(v, "occupations"))) {
        mark = push_key(r, "occupations");
        read_long(r, m, &sc->occupations);
        pop(r, mark);
    }
    if (sc->kind != PK_SCOPE_TASK && !sc->code && !member(v, "code"))
        fail(r, "missing key \"code\" (the code the figure was published under)");
    return r->errors == errors ? sc : NULL;
}

/* Reads the shared figure keys (status, value, percentile, population, band, year) of `v` into
 * f; `unit`/`source` are handled by the caller. Returns false when it already reported that
 * the value is missing. */
static bool read_fig_common(rd *r, const cJSON *v, pk_figure *f)
{
    const cJSON *m;
    bool reported = false;
    f->status = PK_FIG_OK;
    if ((m = member(v, "status"))) {
        size_t mark = push_key(r, "status");
        if (cJSON_IsString(m) && strcmp(m->valuestring, "ok") == 0) f->status = PK_FIG_OK;
        else if (cJSON_IsString(m) && strcmp(m->valuestring, "top-coded") == 0)
            f->status = PK_FIG_TOPCODED;
        else if (cJSON_IsString(m) && strcmp(m->valuestring, "not-available") == 0)
            f->status = PK_FIG_NA;
        else fail_type(r, "\"ok\", \"top-coded\" or \"not-available\"", m);
        pop(r, mark);
    }
    m = member(v, "value");
    if (m && !cJSON_IsNull(m)) {
        size_t mark = push_key(r, "value");
        if (f->status == PK_FIG_NA) fail(r, "a \"not-available\" figure has no value");
        else if (!read_number(r, m, &f->value)) {
            f->status = PK_FIG_ABSENT; /* reported: no domain check, no "missing value" */
            reported = true;
        }
        pop(r, mark);
    } else if (f->status == PK_FIG_TOPCODED) {
        fail(r, "a \"top-coded\" figure needs its value (the top code)");
        f->status = PK_FIG_ABSENT;
        reported = true;
    } else if (f->status != PK_FIG_NA) {
        f->status = PK_FIG_ABSENT;
    }
    f->percentile = -1;
    if ((m = member(v, "percentile"))) {
        size_t mark = push_key(r, "percentile");
        if (read_number(r, m, &f->percentile) && (f->percentile < 0 || f->percentile > 100)) {
            fail(r, "expected a percentile from 0 to 100, got %.17g", f->percentile);
            f->percentile = -1;
        }
        pop(r, mark);
    }
    if ((m = member(v, "population"))) {
        size_t mark = push_key(r, "population");
        long n = 0;
        if (read_long(r, m, &n)) f->population = (size_t)n;
        pop(r, mark);
    }
    if ((m = member(v, "band"))) {
        size_t mark = push_key(r, "band");
        f->band = read_string(r, m);
        pop(r, mark);
    }
    if ((m = member(v, "year"))) {
        size_t mark = push_key(r, "year");
        long y = 0;
        if (read_long(r, m, &y)) f->year = (int)y;
        pop(r, mark);
    }
    if ((m = member(v, "scope"))) {
        size_t mark = push_key(r, "scope");
        f->scope = read_scope(r, m);
        pop(r, mark);
    }
    return !reported;
}

/* A figure's value is in its field's domain (a rating from 1 to 5, a share from 0 to 100), or
 * its unit's (a wage above 0, a count of 0 or more, a probability from 0 to 1). */
static void on_scale(rd *r, const pk_figure *f, const pk_field *fd)
{
    double lo, hi;
    unsigned flags;
    if (f->status != PK_FIG_OK && f->status != PK_FIG_TOPCODED) return;
    field_domain(fd, f->unit != PK_UNIT_NONE ? f->unit : fd->unit, &lo, &hi, &flags);
    in_domain(r, f->value, lo, hi, flags, NULL);
}

/* A figure: an object, or a bare number where the enclosing object gives a default source and
 * the schema fixes the unit. */
static void read_figure(rd *r, const cJSON *v, pk_figure *f, const pk_field *fd,
                        const char *dflt_src)
{
    pk_unit want = fd->unit;
    memset(f, 0, sizeof *f);
    f->percentile = -1;
    if (cJSON_IsNumber(v) && dflt_src && want != PK_UNIT_NONE) {
        if (!finite_or_fail(r, v)) return;
        f->status = PK_FIG_OK;
        f->value = v->valuedouble;
        f->unit = want;
        f->source = dflt_src;
        on_scale(r, f, fd);
        return;
    }
    if (!cJSON_IsObject(v)) {
        fail_type(r, dflt_src && want != PK_UNIT_NONE ? "a figure (an object or a number)"
                                                      : "a figure (an object with value, unit, source)",
                  v);
        return;
    }
    static const char *const keys[] = {"value",      "unit", "source", "status", "percentile",
                                       "population", "band", "year",   "scope"};
    check_keys(r, v, keys, sizeof keys / sizeof keys[0]);
    bool value_ok = read_fig_common(r, v, f);
    const cJSON *m;
    if ((m = member(v, "unit"))) {
        size_t mark = push_key(r, "unit");
        f->unit = read_unit(r, m);
        if (f->unit != PK_UNIT_NONE) check_unit(r, f->unit, want);
        pop(r, mark);
    } else if (want != PK_UNIT_NONE) {
        f->unit = want;
    } else {
        fail(r, "missing key \"unit\"");
    }
    if ((m = member(v, "source"))) {
        size_t mark = push_key(r, "source");
        f->source = read_source(r, m);
        pop(r, mark);
    } else if (dflt_src) {
        f->source = dflt_src;
    } else {
        fail(r, "missing key \"source\" (every figure names its source)");
    }
    if (f->status == PK_FIG_ABSENT && value_ok)
        fail(r, "missing key \"value\" (or \"status\": \"not-available\")");
    size_t mark = push_key(r, "value");
    on_scale(r, f, fd);
    pop(r, mark);
}

static void read_list(rd *r, const cJSON *v, pk_list *l, const pk_field *fd)
{
    pk_unit want = fd->unit;
    memset(l, 0, sizeof *l);
    if (!expect_object(r, v)) return;
    static const char *const keys[] = {"source", "unit", "scale", "total", "scope", "items"};
    check_keys(r, v, keys, sizeof keys / sizeof keys[0]);
    l->present = true;
    const cJSON *m;
    size_t mark;
    if ((m = member(v, "source"))) {
        mark = push_key(r, "source");
        l->source = read_source(r, m);
        pop(r, mark);
    } else {
        fail(r, "missing key \"source\" (every list names its source)");
    }
    if ((m = member(v, "unit"))) {
        mark = push_key(r, "unit");
        l->unit = read_unit(r, m);
        if (l->unit != PK_UNIT_NONE) check_unit(r, l->unit, want);
        pop(r, mark);
    }
    if ((m = member(v, "scale"))) {
        mark = push_key(r, "scale");
        if (!cJSON_IsArray(m) || cJSON_GetArraySize(m) != 2 ||
            !cJSON_IsNumber(cJSON_GetArrayItem(m, 0)) || !cJSON_IsNumber(cJSON_GetArrayItem(m, 1)) ||
            !isfinite(cJSON_GetArrayItem(m, 0)->valuedouble) ||
            !isfinite(cJSON_GetArrayItem(m, 1)->valuedouble) ||
            fabs(cJSON_GetArrayItem(m, 0)->valuedouble) >= PK_MAX_EXACT ||
            fabs(cJSON_GetArrayItem(m, 1)->valuedouble) >= PK_MAX_EXACT ||
            cJSON_GetArrayItem(m, 0)->valuedouble >= cJSON_GetArrayItem(m, 1)->valuedouble) {
            fail_type(r, "[min, max] with min < max", m);
        } else {
            l->scale[0] = cJSON_GetArrayItem(m, 0)->valuedouble;
            l->scale[1] = cJSON_GetArrayItem(m, 1)->valuedouble;
        }
        pop(r, mark);
    }
    if ((m = member(v, "total"))) {
        mark = push_key(r, "total");
        read_long(r, m, &l->total);
        pop(r, mark);
    }
    if ((m = member(v, "scope"))) {
        mark = push_key(r, "scope");
        l->scope = read_scope(r, m);
        pop(r, mark);
    }
    const cJSON *items = member(v, "items");
    if (!items) {
        fail(r, "missing key \"items\"");
        return;
    }
    mark = push_key(r, "items");
    if (expect_array(r, items)) {
        size_t n = (size_t)cJSON_GetArraySize(items), i = 0;
        l->items = pk_arena_alloc(r->arena, n * sizeof *l->items);
        for (const cJSON *it = items->child; it; it = it->next, i++) {
            size_t imark = push_index(r, i);
            pk_item *item = &l->items[i];
            item->fig.percentile = -1;
            if (expect_object(r, it)) {
                static const char *const ikeys[] = {"name",   "value",  "tag",
                                                    "source", "status", "scope"};
                check_keys(r, it, ikeys, sizeof ikeys / sizeof ikeys[0]);
                const cJSON *f;
                if ((f = member(it, "name"))) {
                    size_t k = push_key(r, "name");
                    item->name = read_string(r, f);
                    pop(r, k);
                } else {
                    fail(r, "missing key \"name\"");
                }
                if (!item->name) item->name = "";
                if ((f = member(it, "tag"))) {
                    size_t k = push_key(r, "tag");
                    item->tag = read_string(r, f);
                    pop(r, k);
                }
                read_fig_common(r, it, &item->fig);
                if (!item->fig.scope) item->fig.scope = l->scope;
                item->fig.unit = l->unit;
                item->fig.source = l->source;
                if ((f = member(it, "source"))) {
                    size_t k = push_key(r, "source");
                    item->fig.source = read_source(r, f);
                    pop(r, k);
                }
                if (item->fig.status != PK_FIG_ABSENT && l->unit == PK_UNIT_NONE) {
                    fail(r, "item has a value but the list gives no \"unit\"");
                }
                if (item->fig.status == PK_FIG_OK && l->scale[1] > l->scale[0] &&
                    (item->fig.value < l->scale[0] || item->fig.value > l->scale[1])) {
                    size_t k = push_key(r, "value");
                    fail(r, "%.17g is outside the list's scale [%.17g, %.17g]", item->fig.value,
                         l->scale[0], l->scale[1]);
                    pop(r, k);
                } else if (item->fig.status == PK_FIG_OK || item->fig.status == PK_FIG_TOPCODED) {
                    double lo, hi;
                    unsigned flags;
                    field_domain(fd, l->unit, &lo, &hi, &flags);
                    size_t k = push_key(r, "value");
                    in_domain(r, item->fig.value, lo, hi, flags, NULL);
                    pop(r, k);
                }
            }
            pop(r, imark);
        }
        l->n_items = n;
    }
    pop(r, mark);
}

/* ---- objects by schema ---- */

static void read_obj(rd *r, const cJSON *v, const pk_schema *s, void *base, const char *dflt_src);

static void read_field(rd *r, const cJSON *v, const pk_field *fd, void *base, const char *dflt_src)
{
    switch (fd->kind) {
    case PK_K_STR: *PK_AT(base, fd->off, const char *) = read_string(r, v); break;
    case PK_K_SRC: *PK_AT(base, fd->off, const char *) = read_source(r, v); break;
    case PK_K_SOC: {
        const char *s = read_string(r, v);
        if (s && !pk_soc_valid(s)) {
            fail_type(r, "an O*NET-SOC code like \"27-4014.00\"", v);
            s = NULL;
        }
        *PK_AT(base, fd->off, const char *) = s;
        break;
    }
    case PK_K_DATE: {
        const char *s = read_string(r, v);
        if (s && !pk_date_valid(s)) {
            fail_type(r, "a date as YYYY-MM-DD", v);
            s = NULL;
        }
        *PK_AT(base, fd->off, const char *) = s;
        break;
    }
    case PK_K_URL:
    case PK_K_URLT: {
        /* an address goes into href attributes, Markdown autolinks, BibTeX and RIS: only
         * http(s), and only characters none of those formats gives a meaning */
        const char *s = read_string(r, v);
        if (s && !pk_url_valid(s, fd->kind == PK_K_URLT)) {
            fail_type(r, fd->kind == PK_K_URLT
                             ? "an http:// or https:// address, {soc} and {slug} its only "
                               "placeholders, other characters as RFC 3986 allows them "
                               "(percent-encode the rest)"
                             : "an http:// or https:// address, its characters as RFC 3986 "
                               "allows them (percent-encode the rest)",
                      v);
            s = NULL;
        }
        *PK_AT(base, fd->off, const char *) = s;
        break;
    }
    case PK_K_INT: read_long(r, v, PK_AT(base, fd->off, long)); break;
    case PK_K_NUM: {
        double *out = PK_AT(base, fd->off, double), x;
        if (!read_number(r, v, &x)) break;
        if (fd->lo < fd->hi && !in_domain(r, x, fd->lo, fd->hi, fd->flags, fd->note)) break;
        *out = x;
        break;
    }
    case PK_K_BOOL:
        if (cJSON_IsBool(v)) *PK_AT(base, fd->off, bool) = cJSON_IsTrue(v);
        else fail_type(r, "true or false", v);
        break;
    case PK_K_FIG: read_figure(r, v, PK_AT(base, fd->off, pk_figure), fd, dflt_src); break;
    case PK_K_LIST: read_list(r, v, PK_AT(base, fd->off, pk_list), fd); break;
    case PK_K_STRS: {
        pk_strs *out = PK_AT(base, fd->off, pk_strs);
        if (!expect_array(r, v)) break;
        size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
        out->v = pk_arena_alloc(r->arena, n * sizeof *out->v);
        for (const cJSON *e = v->child; e; e = e->next, i++) {
            size_t mark = push_index(r, i);
            out->v[i] = read_string(r, e);
            if (!out->v[i]) out->v[i] = "";
            pop(r, mark);
        }
        out->n = n;
        break;
    }
    case PK_K_TEXT: {
        pk_text *t = PK_AT(base, fd->off, pk_text);
        if (!expect_object(r, v)) break;
        static const char *const keys[] = {"text", "source"};
        check_keys(r, v, keys, 2);
        t->present = true;
        const cJSON *m;
        size_t mark;
        if ((m = member(v, "text"))) {
            mark = push_key(r, "text");
            t->text = read_string(r, m);
            pop(r, mark);
        } else {
            fail(r, "missing key \"text\"");
        }
        if ((m = member(v, "source"))) {
            mark = push_key(r, "source");
            t->source = read_source(r, m);
            pop(r, mark);
        } else if (dflt_src) {
            t->source = dflt_src;
        } else {
            fail(r, "missing key \"source\"");
        }
        break;
    }
    case PK_K_OBJ:
        /* embedded sections start with `bool present` (see schema.h) */
        if (expect_object(r, v)) {
            *PK_AT(base, fd->off, bool) = true;
            read_obj(r, v, fd->sub, PK_AT(base, fd->off, void), dflt_src);
        }
        break;
    case PK_K_ARR: {
        if (!expect_array(r, v)) break;
        size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
        char *elems = pk_arena_alloc(r->arena, n * fd->sub->size);
        for (const cJSON *e = v->child; e; e = e->next, i++) {
            size_t mark = push_index(r, i);
            if (expect_object(r, e)) read_obj(r, e, fd->sub, elems + i * fd->sub->size, dflt_src);
            pop(r, mark);
        }
        *PK_AT(base, fd->off, void *) = elems;
        *PK_AT(base, fd->count_off, size_t) = n;
        break;
    }
    }
}

static void read_obj(rd *r, const cJSON *v, const pk_schema *s, void *base, const char *dflt_src)
{
    const char *keys[32];
    assert(s->n_fields <= 32);
    for (size_t i = 0; i < s->n_fields; i++) keys[i] = s->fields[i].key;
    check_keys(r, v, keys, s->n_fields);
    /* An object's own "source" is the default for the figures inside it. */
    for (size_t i = 0; i < s->n_fields; i++) {
        const pk_field *fd = &s->fields[i];
        if (fd->kind == PK_K_SRC && strcmp(fd->key, "source") == 0) {
            const cJSON *m = member(v, "source");
            if (m) {
                size_t mark = push_key(r, "source");
                dflt_src = read_source(r, m);
                pop(r, mark);
                *PK_AT(base, fd->off, const char *) = dflt_src;
            }
        }
    }
    for (size_t i = 0; i < s->n_fields; i++) {
        const pk_field *fd = &s->fields[i];
        const cJSON *m = member(v, fd->key);
        if (!m) {
            if (fd->flags & PK_REQ) fail(r, "missing key \"%s\"", fd->key);
            if (fd->kind == PK_K_BOOL && (fd->flags & PK_TRUE)) *PK_AT(base, fd->off, bool) = true;
            continue;
        }
        if (fd->kind == PK_K_SRC && strcmp(fd->key, "source") == 0) continue; /* read above */
        size_t mark = push_key(r, fd->key);
        read_field(r, m, fd, base, dflt_src);
        pop(r, mark);
    }
}

/* ---- documents ---- */

/* Checks encoding and syntax (json_check.c gives the exact place and what was expected), then
 * parses with cJSON. NULL with one path:line:col message when the file is not valid JSON. */
static cJSON *parse_document(rd *r, const char *json, size_t len)
{
    size_t skip = 0;
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) skip = 3; /* a BOM is harmless */
    const char *doc = json + skip;
    size_t n = len - skip, line, col;
    size_t bad = pk_utf8_check(doc, n);
    if (bad < n) {
        pk_text_locate(doc, bad, &line, &col);
        pk_diag_add(r->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: invalid UTF-8 (byte 0x%02X)", r->file,
                    line, col, (unsigned char)doc[bad]);
        return NULL;
    }
    const char *nul = memchr(doc, '\0', n);
    if (nul) {
        pk_text_locate(doc, (size_t)(nul - doc), &line, &col);
        pk_diag_add(r->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: NUL byte in a JSON file", r->file,
                    line, col);
        return NULL;
    }
    pk_buf why = PK_BUF_INIT;
    size_t off = pk_json_check(doc, n, &why);
    if (off < n || why.len) {
        pk_text_locate(doc, off, &line, &col);
        pk_diag_add(r->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: %s", r->file, line, col, why.data);
        pk_buf_fini(&why);
        return NULL;
    }
    pk_buf_fini(&why);
    cJSON *root = cJSON_ParseWithLengthOpts(doc, n, NULL, false);
    if (!root) pk_out_of_memory(0); /* only memory exhaustion gets here once the check passed */
    return root;
}

int pk_sources_check(const char *path, pk_source *items, size_t n, pk_diag *d)
{
    int errors = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = items[i].id;
        if (!id) continue; /* reported as missing */
        if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-.") != strlen(id))
            errors += pk_diag_add(d, PK_FAIL_INPUT,
                                  "%s: $.sources[%zu].id: source id \"%s\" may use only a-z, 0-9, "
                                  "'-' and '.'",
                                  path, i, id) != 0;
        for (size_t j = 0; j < i; j++) {
            if (items[j].id && strcmp(items[j].id, id) == 0) {
                errors += pk_diag_add(d, PK_FAIL_INPUT,
                                      "%s: $.sources[%zu].id: source id \"%s\" is defined twice",
                                      path, i, id) != 0;
                break;
            }
        }
        if (!items[i].cite_as) items[i].cite_as = items[i].short_label;
    }
    return errors;
}

pk_sources *pk_sources_parse(const char *path, const char *json, size_t len, pk_diag *d)
{
    pk_sources *s = NULL;
    rd r = {.file = path, .d = d};
    cJSON *root = parse_document(&r, json, len);
    if (!root) return NULL;
    pk_arena *arena = pk_arena_new();
    s = pk_arena_alloc(arena, sizeof *s);
    s->arena = arena;
    r.arena = arena;
    pk_buf_adds(&r.path, "$");
    if (expect_object(&r, root)) {
        const cJSON *ver = member(root, "presskit_sources");
        if (cJSON_IsNumber(ver) && ver->valuedouble != 1) {
            size_t mark = push_key(&r, "presskit_sources");
            fail(&r, "unsupported sources registry version %.17g (this presskit reads version 1)",
                 ver->valuedouble);
            pop(&r, mark);
        } else {
            read_obj(&r, root, &pk_schema_sources, s, NULL);
        }
    }
    r.errors += pk_sources_check(path, s->items, s->n_items, d);
    cJSON_Delete(root);
    pk_buf_fini(&r.path);
    if (r.errors) {
        pk_sources_free(s);
        return NULL;
    }
    return s;
}

void pk_sources_free(pk_sources *s)
{
    if (s) pk_arena_free(s->arena);
}

/* history: points oldest first, one per year; a series named in top_coded is one the point has
 * as "not-available" (marked, no number). */
static void check_history(rd *r, const pk_history *h)
{
    static const char *const series[] = {"median", "p25", "p75", "hourly_median", "employment"};
    for (size_t i = 0; i < h->n_points; i++) {
        const pk_hist_point *pt = &h->points[i];
        size_t mark = push_key(r, "history");
        push_key(r, "points");
        push_index(r, i);
        if (i && pt->year <= h->points[i - 1].year) {
            push_key(r, "year");
            fail(r, "%ld is not after the year of the point before it (%ld): points are one per "
                 "year, oldest first", pt->year, h->points[i - 1].year);
            pop(r, mark);
            return;
        }
        const pk_figure *figs[] = {&pt->median, &pt->p25, &pt->p75, &pt->hourly_median,
                                   &pt->employment};
        for (size_t k = 0; k < pt->top_coded.n; k++) {
            size_t s = 0;
            while (s < 5 && strcmp(series[s], pt->top_coded.v[k]) != 0) s++;
            size_t m2 = push_key(r, "top_coded");
            push_index(r, k);
            if (s == 5)
                fail(r, "unknown series \"%s\" (expected median, p25, p75, hourly_median or "
                     "employment)", pt->top_coded.v[k]);
            else if (figs[s]->status != PK_FIG_NA)
                fail(r, "\"%s\" is marked top-coded, so the point's %s is \"not-available\" "
                     "(a mark, not a number)", series[s], series[s]);
            pop(r, m2);
        }
        pop(r, mark);
    }
}

pk_record *pk_record_parse(const char *path, const char *json, size_t len,
                           const pk_sources *sources, const char *expect_soc, pk_diag *d)
{
    rd r = {.file = path, .d = d, .srcs = sources};
    cJSON *root = parse_document(&r, json, len);
    if (!root) return NULL;
    pk_arena *arena = pk_arena_new();
    pk_record *rec = pk_arena_alloc(arena, sizeof *rec);
    rec->arena = arena;
    r.arena = arena;
    pk_buf_adds(&r.path, "$");
    if (expect_object(&r, root)) {
        const cJSON *ver = member(root, "presskit_record");
        if (cJSON_IsNumber(ver) && ver->valuedouble != 1) {
            /* a newer format: say so instead of listing its unknown keys */
            size_t mark = push_key(&r, "presskit_record");
            fail(&r, "unsupported record version %.17g (this presskit reads version 1)",
                 ver->valuedouble);
            pop(&r, mark);
        } else {
            read_obj(&r, root, &pk_schema_record, rec, NULL);
        }
    }
    if (!r.errors && expect_soc && strcmp(rec->soc, expect_soc) != 0) {
        size_t mark = push_key(&r, "soc");
        fail(&r, "\"%s\" does not match the file name (expected \"%s\")", rec->soc, expect_soc);
        pop(&r, mark);
    }
    if (!r.errors && rec->outlook.present && rec->outlook.target_year <= rec->outlook.base_year) {
        size_t mark = push_key(&r, "outlook");
        push_key(&r, "target_year");
        fail(&r, "%ld is not after base_year %ld", rec->outlook.target_year,
             rec->outlook.base_year);
        pop(&r, mark);
    }
    if (!r.errors && rec->history.present) check_history(&r, &rec->history);
    cJSON_Delete(root);
    pk_buf_fini(&r.path);
    if (r.errors) {
        pk_record_free(rec);
        return NULL;
    }
    return rec;
}

void pk_record_free(pk_record *r)
{
    if (r) pk_arena_free(r->arena);
}

void *pk_json_read(const char *path, const char *json, size_t len, const pk_schema *s,
                   pk_arena *arena, const pk_sources *sources, pk_diag *d)
{
    rd r = {.file = path, .d = d, .srcs = sources, .arena = arena};
    cJSON *root = parse_document(&r, json, len);
    if (!root) return NULL;
    void *base = pk_arena_alloc(arena, s->size);
    pk_buf_adds(&r.path, "$");
    if (expect_object(&r, root)) read_obj(&r, root, s, base, NULL);
    cJSON_Delete(root);
    pk_buf_fini(&r.path);
    return r.errors ? NULL : base;
}

char *pk_json_top_string(const char *json, size_t len, const char *key)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *v = root ? cJSON_GetObjectItemCaseSensitive(root, key) : NULL;
    char *out = NULL;
    if (cJSON_IsString(v)) {
        pk_buf b = PK_BUF_INIT;
        pk_text_scrub(&b, v->valuestring, strlen(v->valuestring));
        out = pk_xstrdup(pk_buf_str(&b));
        pk_buf_fini(&b);
    }
    cJSON_Delete(root);
    return out;
}

/* pk_record_each_text's walk: path holds the JSON path of v. */
static int each_text(const cJSON *v, pk_buf *path, pk_text_fn fn, void *ctx)
{
    if (cJSON_IsString(v)) return fn(ctx, pk_buf_str(path), v->valuestring);
    if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) return 0;
    size_t i = 0, keep = path->len;
    int rc = 0;
    for (const cJSON *c = v->child; c && rc == 0; c = c->next, i++) {
        path->len = keep;
        if (cJSON_IsArray(v)) pk_buf_printf(path, "[%zu]", i);
        else pk_buf_printf(path, ".%s", c->string);
        rc = each_text(c, path, fn, ctx);
    }
    path->len = keep;
    if (path->data) path->data[keep] = '\0';
    return rc;
}

int pk_record_each_text(const pk_record *r, pk_text_fn fn, void *ctx)
{
    pk_buf json = PK_BUF_INIT, path = PK_BUF_INIT;
    pk_record_write(r, &json);
    cJSON *root = cJSON_ParseWithLength(json.data, json.len);
    pk_buf_adds(&path, "$");
    int rc = root ? each_text(root, &path, fn, ctx) : 0;
    cJSON_Delete(root);
    pk_buf_fini(&json);
    pk_buf_fini(&path);
    return rc;
}
