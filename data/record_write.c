/* record_write.c: record -> JSON, and the walkers over a record's figures and sources, all
 * driven by the tables of schema.h (the reader uses the same tables). */
#include "data/record.h"

#include <stdio.h>
#include <string.h>

#include "data/buf.h"
#include "data/json_write.h"
#include "data/schema.h"

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* ---- writing ---- */

static void write_scope(pk_jw *w, const pk_scope *sc)
{
    pk_jw_begin_obj(w, true);
    pk_jw_key(w, "kind");
    pk_jw_str(w, pk_scope_kind_name(sc->kind));
    if (sc->system) {
        pk_jw_key(w, "system");
        pk_jw_str(w, sc->system);
    }
    if (sc->code) {
        pk_jw_key(w, "code");
        pk_jw_str(w, sc->code);
    }
    if (sc->title) {
        pk_jw_key(w, "title");
        pk_jw_str(w, sc->title);
    }
    if (sc->occupations > 0) {
        pk_jw_key(w, "occupations");
        pk_jw_int(w, sc->occupations);
    }
    pk_jw_end_obj(w);
}

static void write_fig_body(pk_jw *w, const pk_figure *f, bool with_unit, bool with_source)
{
    if (pk_fig_has(f)) {
        pk_jw_key(w, "value");
        pk_jw_num(w, f->value);
    }
    if (with_unit && f->unit != PK_UNIT_NONE) {
        pk_jw_key(w, "unit");
        pk_jw_str(w, pk_unit_name(f->unit));
    }
    if (with_source && f->source) {
        pk_jw_key(w, "source");
        pk_jw_str(w, f->source);
    }
    if (f->status == PK_FIG_TOPCODED || f->status == PK_FIG_NA) {
        pk_jw_key(w, "status");
        pk_jw_str(w, f->status == PK_FIG_TOPCODED ? "top-coded" : "not-available");
    }
    if (f->percentile >= 0) {
        pk_jw_key(w, "percentile");
        pk_jw_num(w, f->percentile);
    }
    if (f->population) {
        pk_jw_key(w, "population");
        pk_jw_int(w, (long)f->population);
    }
    if (f->band) {
        pk_jw_key(w, "band");
        pk_jw_str(w, f->band);
    }
    if (f->year) {
        pk_jw_key(w, "year");
        pk_jw_int(w, f->year);
    }
    if (f->scope) {
        pk_jw_key(w, "scope");
        write_scope(w, f->scope);
    }
}

static void write_figure(pk_jw *w, const pk_figure *f, pk_unit fixed, const char *dflt_src)
{
    if (fixed != PK_UNIT_NONE && f->unit == fixed && same(f->source, dflt_src) &&
        f->status == PK_FIG_OK && f->percentile < 0 && !f->population && !f->band && !f->year &&
        !f->scope) {
        pk_jw_num(w, f->value); /* the short form docs/record.md allows */
        return;
    }
    pk_jw_begin_obj(w, true);
    write_fig_body(w, f, true, true);
    pk_jw_end_obj(w);
}

static void write_list(pk_jw *w, const pk_list *l)
{
    pk_jw_begin_obj(w, false);
    pk_jw_key(w, "source");
    pk_jw_str(w, l->source);
    if (l->unit != PK_UNIT_NONE) {
        pk_jw_key(w, "unit");
        pk_jw_str(w, pk_unit_name(l->unit));
    }
    if (l->scale[1] > l->scale[0]) {
        pk_jw_key(w, "scale");
        pk_jw_begin_arr(w, true);
        pk_jw_num(w, l->scale[0]);
        pk_jw_num(w, l->scale[1]);
        pk_jw_end_arr(w);
    }
    if (l->total) {
        pk_jw_key(w, "total");
        pk_jw_int(w, l->total);
    }
    if (l->scope) {
        pk_jw_key(w, "scope");
        write_scope(w, l->scope);
    }
    pk_jw_key(w, "items");
    pk_jw_begin_arr(w, false);
    for (size_t i = 0; i < l->n_items; i++) {
        const pk_item *it = &l->items[i];
        pk_jw_begin_obj(w, true);
        pk_jw_key(w, "name");
        pk_jw_str(w, it->name);
        if (pk_fig_has(&it->fig)) {
            pk_jw_key(w, "value");
            pk_jw_num(w, it->fig.value);
        }
        if (it->tag) {
            pk_jw_key(w, "tag");
            pk_jw_str(w, it->tag);
        }
        if (it->fig.source && !same(it->fig.source, l->source)) {
            pk_jw_key(w, "source");
            pk_jw_str(w, it->fig.source);
        }
        if (it->fig.status == PK_FIG_TOPCODED || it->fig.status == PK_FIG_NA) {
            pk_jw_key(w, "status");
            pk_jw_str(w, it->fig.status == PK_FIG_TOPCODED ? "top-coded" : "not-available");
        }
        if (it->fig.scope && it->fig.scope != l->scope) {
            pk_jw_key(w, "scope");
            write_scope(w, it->fig.scope);
        }
        pk_jw_end_obj(w);
    }
    pk_jw_end_arr(w);
    pk_jw_end_obj(w);
}

static bool field_present(const pk_field *fd, const void *base)
{
    switch (fd->kind) {
    case PK_K_STR:
    case PK_K_SRC:
    case PK_K_SOC:
    case PK_K_URL:
    case PK_K_URLT:
    case PK_K_DATE: return *PK_CAT(base, fd->off, const char *) != NULL;
    case PK_K_INT: return *PK_CAT(base, fd->off, long) != 0;
    case PK_K_NUM: return true;
    case PK_K_BOOL: return *PK_CAT(base, fd->off, bool);
    case PK_K_FIG: return PK_CAT(base, fd->off, pk_figure)->status != PK_FIG_ABSENT;
    case PK_K_LIST: return PK_CAT(base, fd->off, pk_list)->present;
    case PK_K_STRS: return PK_CAT(base, fd->off, pk_strs)->n > 0;
    case PK_K_TEXT: return PK_CAT(base, fd->off, pk_text)->present;
    case PK_K_OBJ: return *PK_CAT(base, fd->off, bool);
    case PK_K_ARR: return *PK_CAT(base, fd->count_off, size_t) > 0;
    }
    return false;
}

static const char *own_source(const pk_schema *s, const void *base)
{
    for (size_t i = 0; i < s->n_fields; i++)
        if (s->fields[i].kind == PK_K_SRC && strcmp(s->fields[i].key, "source") == 0)
            return *PK_CAT(base, s->fields[i].off, const char *);
    return NULL;
}

static void write_obj(pk_jw *w, const pk_schema *s, const void *base, const char *dflt_src,
                      bool oneline)
{
    const char *own = own_source(s, base);
    if (own) dflt_src = own;
    pk_jw_begin_obj(w, oneline);
    for (size_t i = 0; i < s->n_fields; i++) {
        const pk_field *fd = &s->fields[i];
        if (!field_present(fd, base)) continue;
        pk_jw_key(w, fd->key);
        switch (fd->kind) {
        case PK_K_STR:
        case PK_K_SRC:
        case PK_K_SOC:
        case PK_K_URL:
    case PK_K_URLT:
    case PK_K_DATE: pk_jw_str(w, *PK_CAT(base, fd->off, const char *)); break;
        case PK_K_INT: pk_jw_int(w, *PK_CAT(base, fd->off, long)); break;
        case PK_K_NUM: pk_jw_num(w, *PK_CAT(base, fd->off, double)); break;
        case PK_K_BOOL: pk_jw_bool(w, true); break;
        case PK_K_FIG: write_figure(w, PK_CAT(base, fd->off, pk_figure), fd->unit, dflt_src); break;
        case PK_K_LIST: write_list(w, PK_CAT(base, fd->off, pk_list)); break;
        case PK_K_STRS: {
            const pk_strs *ss = PK_CAT(base, fd->off, pk_strs);
            pk_jw_begin_arr(w, false);
            for (size_t k = 0; k < ss->n; k++) pk_jw_str(w, ss->v[k]);
            pk_jw_end_arr(w);
            break;
        }
        case PK_K_TEXT: {
            const pk_text *t = PK_CAT(base, fd->off, pk_text);
            pk_jw_begin_obj(w, true);
            pk_jw_key(w, "text");
            pk_jw_str(w, t->text);
            pk_jw_key(w, "source");
            pk_jw_str(w, t->source);
            pk_jw_end_obj(w);
            break;
        }
        case PK_K_OBJ: write_obj(w, fd->sub, PK_CAT(base, fd->off, void), dflt_src, false); break;
        case PK_K_ARR: {
            const char *elems = *PK_CAT(base, fd->off, const char *);
            size_t n = *PK_CAT(base, fd->count_off, size_t);
            pk_jw_begin_arr(w, false);
            /* small elements (no lists or nested objects inside) stay on one line */
            bool flat = true;
            for (size_t k = 0; k < fd->sub->n_fields; k++)
                flat = flat && fd->sub->fields[k].kind != PK_K_OBJ &&
                       fd->sub->fields[k].kind != PK_K_LIST && fd->sub->fields[k].kind != PK_K_ARR;
            for (size_t k = 0; k < n; k++)
                write_obj(w, fd->sub, elems + k * fd->sub->size, dflt_src, flat);
            pk_jw_end_arr(w);
            break;
        }
        }
    }
    pk_jw_end_obj(w);
}

void pk_record_write(const pk_record *r, pk_buf *out)
{
    pk_jw w;
    pk_jw_init(&w, out);
    write_obj(&w, &pk_schema_record, r, NULL, false);
    pk_jw_finish(&w);
}

void pk_sources_write(const pk_sources *s, pk_buf *out)
{
    pk_jw w;
    pk_jw_init(&w, out);
    write_obj(&w, &pk_schema_sources, s, NULL, false);
    pk_jw_finish(&w);
}

/* ---- walking ---- */

typedef struct walk {
    pk_figure_fn fig_fn;
    pk_source_fn src_fn;
    void *ctx;
    pk_buf path;
    char seen[64][64]; /* source ids already reported */
    size_t n_seen;
    int stop;
    const pk_list *want; /* pk_record_list_path: the list looked for */
    pk_buf *found;       /* its path, written when found */
    bool keep_path;
} walk;

static void visit_source_ids(walk *wk, const char *ids)
{
    if (!wk->src_fn || !ids) return;
    const char *p = ids;
    while (*p) {
        size_t n = strcspn(p, "+");
        bool seen = false;
        for (size_t i = 0; i < wk->n_seen && !seen; i++)
            seen = strlen(wk->seen[i]) == n && memcmp(wk->seen[i], p, n) == 0;
        if (!seen && n < sizeof wk->seen[0]) {
            char id[sizeof wk->seen[0]];
            memcpy(id, p, n);
            id[n] = '\0';
            wk->src_fn(wk->ctx, id);
            if (wk->n_seen < sizeof wk->seen / sizeof wk->seen[0]) memcpy(wk->seen[wk->n_seen++], id, n + 1);
        }
        p += n;
        if (*p == '+') p++;
    }
}

static void visit_fig(walk *wk, const pk_figure *f, const char *label)
{
    if (f->status == PK_FIG_ABSENT || wk->stop) return;
    visit_source_ids(wk, f->source);
    if (wk->fig_fn) {
        const char *id = pk_buf_str(&wk->path);
        id += id[0] == '.';
        /* a history point's figures: what each is, then the release ("Median annual wage,
           May 2023"), not the release alone */
        static const char hp[] = "history.points[";
        const char *key = strncmp(id, hp, sizeof hp - 1) == 0 ? strrchr(id, '.') : NULL;
        const char *what = NULL;
        if (key) {
            char name[48];
            snprintf(name, sizeof name, "history.%s", key + 1);
            what = pk_figure_name(name);
        }
        if (what && label) {
            char both[160];
            snprintf(both, sizeof both, "%s, %s", what, label);
            wk->stop = wk->fig_fn(wk->ctx, id, both, f);
        } else {
            wk->stop = wk->fig_fn(wk->ctx, id, label, f);
        }
    }
}

static const char *elem_label(const pk_schema *s, const void *base)
{
    static const char *const names[] = {"name", "title", "label", "example", "id", "release"};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
        for (size_t i = 0; i < s->n_fields; i++)
            if (strcmp(s->fields[i].key, names[n]) == 0 && s->fields[i].kind == PK_K_STR)
                return *PK_CAT(base, s->fields[i].off, const char *);
    return NULL;
}

/* Appends ".key" or "[i]" to the claim path; a walk for sources only keeps no path. */
static void path_key(walk *wk, const char *key)
{
    if (!wk->fig_fn && !wk->keep_path) return;
    pk_buf_addc(&wk->path, '.');
    pk_buf_adds(&wk->path, key);
}

static void path_index(walk *wk, size_t i)
{
    if (!wk->fig_fn && !wk->keep_path) return;
    char tmp[24];
    size_t n = sizeof tmp;
    tmp[--n] = ']';
    do tmp[--n] = (char)('0' + i % 10); while ((i /= 10) > 0);
    tmp[--n] = '[';
    pk_buf_add(&wk->path, tmp + n, sizeof tmp - n);
}

static void path_pop(walk *wk, size_t mark)
{
    wk->path.len = mark;
    if (wk->path.data) wk->path.data[mark] = '\0';
}

static void visit_obj(walk *wk, const pk_schema *s, const void *base, const char *label)
{
    for (size_t i = 0; i < s->n_fields && !wk->stop; i++) {
        const pk_field *fd = &s->fields[i];
        if (!field_present(fd, base)) continue;
        size_t mark = wk->path.len;
        path_key(wk, fd->key);
        switch (fd->kind) {
        case PK_K_SRC: visit_source_ids(wk, *PK_CAT(base, fd->off, const char *)); break;
        case PK_K_TEXT: visit_source_ids(wk, PK_CAT(base, fd->off, pk_text)->source); break;
        case PK_K_FIG: visit_fig(wk, PK_CAT(base, fd->off, pk_figure), label); break;
        case PK_K_LIST: {
            const pk_list *l = PK_CAT(base, fd->off, pk_list);
            if (wk->want) {
                if (l == wk->want) {
                    wk->stop = 1;
                    pk_buf_printf(wk->found, "$%s.items", pk_buf_str(&wk->path));
                }
                break;
            }
            visit_source_ids(wk, l->source);
            for (size_t k = 0; k < l->n_items && !wk->stop; k++) {
                size_t m2 = wk->path.len;
                path_index(wk, k);
                visit_source_ids(wk, l->items[k].fig.source);
                visit_fig(wk, &l->items[k].fig, l->items[k].name);
                path_pop(wk, m2);
            }
            break;
        }
        case PK_K_OBJ: visit_obj(wk, fd->sub, PK_CAT(base, fd->off, void), label); break;
        case PK_K_ARR: {
            const char *elems = *PK_CAT(base, fd->off, const char *);
            size_t n = *PK_CAT(base, fd->count_off, size_t);
            for (size_t k = 0; k < n && !wk->stop; k++) {
                size_t m2 = wk->path.len;
                path_index(wk, k);
                const void *e = elems + k * fd->sub->size;
                visit_obj(wk, fd->sub, e, elem_label(fd->sub, e));
                path_pop(wk, m2);
            }
            break;
        }
        default: break;
        }
        path_pop(wk, mark);
    }
}

int pk_record_each_figure(const pk_record *r, pk_figure_fn fn, void *ctx)
{
    walk wk = {.fig_fn = fn, .ctx = ctx};
    pk_buf_adds(&wk.path, "");
    visit_obj(&wk, &pk_schema_record, r, NULL);
    pk_buf_fini(&wk.path);
    return wk.stop;
}

bool pk_record_list_path(const pk_record *r, const pk_list *l, pk_buf *out)
{
    walk wk = {.want = l, .found = out, .keep_path = true};
    pk_buf_adds(&wk.path, "");
    visit_obj(&wk, &pk_schema_record, r, NULL);
    pk_buf_fini(&wk.path);
    return wk.stop != 0;
}

void pk_record_each_source(const pk_record *r, pk_source_fn fn, void *ctx)
{
    walk wk = {.src_fn = fn, .ctx = ctx};
    pk_buf_adds(&wk.path, "");
    visit_obj(&wk, &pk_schema_record, r, NULL);
    pk_buf_fini(&wk.path);
}
