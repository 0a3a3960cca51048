/* para.c: total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981)
 * over boxes, glue and penalties, with libhyphen for hyphenation points; see para.h.
 * The only file that includes hyphen.h. */
#define _GNU_SOURCE /* memmem */
#include "layouts/para.h"

#include <float.h>
#include <hyphen.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/text.h"

/* The badness the first pass, without hyphenation, accepts (TeX's plain \pretolerance). */
#define PRETOLERANCE 100

/* The patterns of PK_HYPH_DEFAULT are compiled in (hyph_data.h): a HyphenDict is pointed at
 * the tables, which costs a few microseconds instead of libhyphen's parse of the .dic (37 M
 * instructions, as much as laying out and writing a whole brief). Any other file is parsed on
 * first use, since most paragraphs set well without hyphenation (see pk_para_layout). */
struct pk_hyph {
    char *path;
    HyphenDict *dict; /* NULL until parsed */
    bool failed;      /* parsing failed: no hyphenation */
    bool builtin;     /* dict is ours (from the compiled tables), not libhyphen's */
};

#if PK_HYPH_BUILTIN
#include "layouts/hyph_data.h"

/* A HyphenDict chain over the compiled tables: the states and transitions copied into
 * libhyphen's own structs (malloc'd, freed by free_builtin), the strings pointed at. libhyphen
 * only reads a dictionary while hyphenating. */
static HyphenDict *load_builtin(void)
{
    const pk_hyph_data *h = &pk_hyph_builtin;
    HyphenDict *levels = pk_xcalloc(h->n_levels, sizeof *levels);
    for (size_t i = 0; i < h->n_levels; i++) {
        const pk_hyph_level_rec *l = &h->levels[i];
        HyphenDict *dd = &levels[i];
        dd->lhmin = l->lhmin, dd->rhmin = l->rhmin, dd->clhmin = l->clhmin, dd->crhmin = l->crhmin;
        dd->nohyphen = l->nohyphen >= 0 ? (char *)(uintptr_t)(l->strs + l->nohyphen) : NULL;
        dd->nohyphenl = l->nohyphenl;
        dd->num_states = l->num_states;
        memcpy(dd->cset, l->cset, sizeof dd->cset < sizeof l->cset ? sizeof dd->cset : sizeof l->cset);
        dd->utf8 = l->utf8;
        dd->states = pk_xcalloc((size_t)l->num_states + 1, sizeof *dd->states);
        HyphenTrans *trans = pk_xcalloc(l->num_trans + 1, sizeof *trans);
        for (size_t k = 0; k < l->num_trans; k++)
            trans[k] = (HyphenTrans){l->trans[k].ch, l->trans[k].new_state};
        for (int s = 0; s < l->num_states; s++) {
            const pk_hyph_state_rec *r = &l->states[s];
            HyphenState *st = &dd->states[s];
            st->match = r->match >= 0 ? (char *)(uintptr_t)(l->strs + r->match) : NULL;
            st->repl = r->repl >= 0 ? (char *)(uintptr_t)(l->strs + r->repl) : NULL;
            st->replindex = r->replindex;
            st->replcut = r->replcut;
            st->fallback_state = r->fallback_state;
            st->num_trans = r->num_trans;
            st->trans = trans + r->first_trans;
        }
        dd->nextlevel = i + 1 < h->n_levels ? &levels[i + 1] : NULL;
    }
    return levels;
}

static void free_builtin(HyphenDict *levels)
{
    for (HyphenDict *l = levels; l; l = l->nextlevel) {
        if (l->num_states) free(l->states[0].trans);
        free(l->states);
    }
    free(levels);
}
#endif

static pk_hyph *load(const char *path, bool builtin, pk_diag *d)
{
#if PK_HYPH_BUILTIN
    if (builtin && strcmp(path, PK_HYPH_DEFAULT) == 0) {
        pk_hyph *h = pk_xcalloc(1, sizeof *h);
        h->path = pk_xstrdup(path);
        h->dict = load_builtin();
        h->builtin = true;
        return h;
    }
#else
    (void)builtin;
#endif
    pk_diag why = PK_DIAG_INIT; /* the message below says what to do about it */
    FILE *f = pk_file_open(path, &why);
    pk_diag_fini(&why);
    if (!f) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: cannot read hyphenation patterns (install hyphen-en-us)",
                    path);
        return NULL;
    }
    fclose(f);
    pk_hyph *h = pk_xcalloc(1, sizeof *h);
    h->path = pk_xstrdup(path);
    return h;
}

pk_hyph *pk_hyph_load(const char *path, pk_diag *d)
{
    return load(path, true, d);
}

pk_hyph *pk_hyph_load_file(const char *path, pk_diag *d)
{
    return load(path, false, d);
}

bool pk_hyph_is_builtin(const pk_hyph *h)
{
    return h->builtin;
}

int pk_hyph_ready(pk_hyph *h, pk_diag *d)
{
    if (!h->dict && !h->failed) {
        h->dict = hnj_hyphen_load(h->path);
        h->failed = !h->dict;
    }
    if (h->failed)
        return pk_diag_add(d, PK_FAIL_INPUT, "%s: cannot read hyphenation patterns", h->path);
    return 0;
}

/* The parsed patterns, parsing them now if need be; NULL when they cannot be. Writes through a
 * const pk_hyph: a cache, as pk_fonts keeps its own (never shared between threads). */
static HyphenDict *dict_of(const pk_hyph *h)
{
    pk_hyph *w = (pk_hyph *)h; /* made by pk_hyph_load on the heap, never a const object */
    if (!w->dict && !w->failed) {
        w->dict = hnj_hyphen_load(w->path);
        w->failed = !w->dict;
    }
    return w->dict;
}

int pk_hyph_word(const pk_hyph *h, const char *word, size_t len, char *marks)
{
    HyphenDict *dict = dict_of(h);
    if (!dict || len >= 64) return -1;
    char lower[64], hy[72];
    memcpy(lower, word, len);
    lower[len] = 0; /* libhyphen reads the word as a C string too */
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int rc = hnj_hyphen_hyphenate3(dict, lower, (int)len, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2);
    if (rep) { /* a non-standard break (none in English): not taken */
        for (size_t i = 0; i < len; i++) free(rep[i]);
        free(rep);
        rc = -1;
    }
    free(pos);
    free(cut);
    for (size_t i = 0; i < len; i++) marks[i] = rc == 0 && i + 1 < len && (hy[i] & 1);
    return rc == 0 ? 0 : -1;
}

void pk_hyph_free(pk_hyph *h)
{
    if (!h) return;
#if PK_HYPH_BUILTIN
    if (h->builtin) free_builtin(h->dict);
    else
#endif
    if (h->dict) hnj_hyphen_free(h->dict);
    free(h->path);
    free(h);
}

/* ---- items ---- */

typedef enum { IT_BOX, IT_GLUE, IT_PEN } it_kind;

#define INF_PEN 10000.0 /* a penalty this high forbids the break; its negative forces it */
#define FILL 1e7        /* the stretch of the glue that ends a paragraph */
#define FINAL_HYPHEN_DEMERITS 1e10

typedef struct item {
    it_kind kind;
    double w, st, sh; /* width; glue's stretch and shrink */
    double pen;       /* penalty */
    bool flag;        /* a hyphen break: two in a row cost extra */
    bool last_resort; /* a break between the characters of a word wider than a line */
    int span;
    const char *text; /* BOX: bytes in the paragraph's copy of the span */
    size_t len;
} item;

typedef struct line {
    size_t start, end; /* items [start, end) */
    bool hyphen;       /* ends at a hyphenation point: a hyphen is drawn */
    double ratio;
    double natural;    /* natural width */
    double width;      /* the width it was set to */
    double indent;
    bool overfull;     /* wider than its width even with its glue shrunk */
} line;

struct pk_para {
    const pk_fonts *fonts;
    pk_span *spans; /* copies */
    size_t n_spans;
    item *items;
    size_t n_items;
    line *lines;
    size_t n_lines;
    pk_para_style st;
    double baseline; /* from a line box's top to its baseline */
};

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static item *push(items *it, it_kind kind)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? 2 * it->cap : 64;
        it->v = realloc(it->v, it->cap * sizeof *it->v);
        if (!it->v) pk_out_of_memory(0);
    }
    item *x = &it->v[it->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    return x;
}

static size_t u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

typedef struct ctx {
    pk_para *p;
    items *it;
    double line_w;       /* the narrowest line (first line with its indent) */
    const pk_hyph *hyph; /* this pass's hyphenation (NULL: none) */
} ctx;

static void add_box(ctx *c, int span, const char *s, size_t len)
{
    const pk_span *sp = &c->p->spans[span];
    double w = pk_fonts_width(c->p->fonts, sp->font, sp->size, s, len);
    if (w <= c->line_w + 1e-6 || len <= u8len((unsigned char)s[0])) {
        item *b = push(c->it, IT_BOX);
        b->w = w, b->span = span, b->text = s, b->len = len;
        return;
    }
    /* Wider than a line: the last resort, breaks between characters (costly, unflagged). */
    size_t i = 0;
    while (i < len) {
        size_t k = u8len((unsigned char)s[i]);
        if (i + k > len) k = len - i;
        if (i > 0) {
            item *pen = push(c->it, IT_PEN);
            pen->pen = 900, pen->span = span, pen->last_resort = true;
        }
        item *b = push(c->it, IT_BOX);
        b->w = pk_fonts_width(c->p->fonts, sp->font, sp->size, s + i, k);
        b->span = span, b->text = s + i, b->len = k;
        i += k;
    }
}

static void add_hyphen_point(ctx *c, int span)
{
    const pk_span *sp = &c->p->spans[span];
    item *pen = push(c->it, IT_PEN);
    pen->w = pk_fonts_width(c->p->fonts, sp->font, sp->size, "-", 1);
    pen->pen = 50, pen->flag = true, pen->span = span;
}

/* A word (no spaces): pieces between its break opportunities. */
static void add_word(ctx *c, int span, const char *w, size_t len)
{
    const pk_hyph *h = c->hyph;
    bool url = len > 8 && (memmem(w, len, "://", 3) || strncmp(w, "www.", 4) == 0);
    /* hyphenation points of the word's letters, when it is letters with punctuation around */
    char marks[72] = {0};
    size_t a = 0, b = len;
    while (a < len && !is_alpha(w[a])) a++;
    while (b > a && !is_alpha(w[b - 1])) b--;
    bool letters = b > a;
    for (size_t i = a; i < b && letters; i++)
        if (!is_alpha(w[i])) letters = false;
    if (h && !url && letters && b - a >= 6 && b - a < 64) {
        char lower[64], hy[64];
        for (size_t i = a; i < b; i++) lower[i - a] = (char)(w[i] | 0x20);
        if (pk_hyph_word(h, lower, b - a, hy) == 0)
            for (size_t i = 0; i + 1 < b - a; i++)
                if (hy[i]) marks[a + i] = 1; /* a break after byte a + i */
    }
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        bool brk = false, hyph = false;
        char ch = w[i], next = i + 1 < len ? w[i + 1] : 0;
        if (i + 1 >= len) break;
        if (i < sizeof marks && marks[i]) brk = hyph = true;
        else if ((ch == '-' || ch == '/') && i > 0 && next && next != '-' && next != '/' &&
                 !(digit(w[i - 1]) && digit(next)))
            brk = true; /* after a hyphen or slash already there, never inside a code or a
                         * date ("SOC 11-1011", "2026-01-15", "3/4") */
        else if (url && (ch == '.' || ch == '?' || ch == '&' || ch == '=' || ch == '_') && next)
            brk = true;
        if (!brk) continue;
        add_box(c, span, w + from, i + 1 - from);
        if (hyph) {
            add_hyphen_point(c, span);
        } else {
            item *pen = push(c->it, IT_PEN);
            pen->pen = url ? 60 : 40, pen->span = span;
        }
        from = i + 1;
    }
    add_box(c, span, w + from, len - from);
}

static void add_glue(ctx *c, int span)
{
    if (c->it->n == 0 || c->it->v[c->it->n - 1].kind == IT_GLUE) return;
    const pk_span *sp = &c->p->spans[span];
    item *g = push(c->it, IT_GLUE);
    g->w = pk_fonts_width(c->p->fonts, sp->font, sp->size, " ", 1);
    if (c->p->st.align == PK_ALIGN_JUSTIFY) g->st = g->w / 2, g->sh = g->w / 3;
    g->span = span;
}

static void add_end(ctx *c, double pen)
{
    if (c->it->n && c->it->v[c->it->n - 1].kind == IT_GLUE) c->it->n--;
    item *g = push(c->it, IT_GLUE);
    g->st = FILL;
    item *x = push(c->it, IT_PEN);
    x->pen = pen;
}

/* ---- total fit ---- */

typedef struct node {
    size_t pos;     /* the break item, or SIZE_MAX for the paragraph's start */
    size_t line;    /* lines before this break */
    int fitness;
    double total;   /* total demerits */
    long prev;      /* index of the previous node, -1 at the start */
    bool active;
} node;

typedef struct sums {
    double w, st, sh;
} sums;

static int fitness_of(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* The first item of a line that starts after break `pos`: glue and penalties are dropped. */
static size_t line_start(const item *v, size_t n, size_t pos)
{
    if (pos == SIZE_MAX) return 0;
    size_t i = pos + 1;
    while (i < n && v[i].kind != IT_BOX) {
        if (v[i].kind == IT_PEN && v[i].pen <= -INF_PEN) break;
        i++;
    }
    return i;
}

static double line_width(const pk_para *p, size_t line_no)
{
    return p->st.width - (line_no == 0 ? p->st.indent : 0);
}

/* One pass at badness tolerance tol; returns the best final node or -1. */
static long breaks(pk_para *p, const sums *S, double tol, node **nodes_out, size_t *n_nodes_out)
{
    const item *v = p->items;
    size_t n = p->n_items;
    bool ragged = p->st.align != PK_ALIGN_JUSTIFY;
    /* ragged lines are set by total fit too, so that line ends are even: each line may
     * "stretch" by a fixed amount at its end instead of between words */
    double ragged_st = fmax(p->st.width * 0.18, 12);
    size_t cap = 64, nn = 0;
    node *nodes = malloc(cap * sizeof *nodes);
    if (!nodes) pk_out_of_memory(0);
    nodes[nn++] = (node){SIZE_MAX, 0, 1, 0, -1, true};
    size_t first_active = 0;
    for (size_t b = 0; b < n; b++) {
        const item *it = &v[b];
        bool legal = (it->kind == IT_GLUE && b > 0 && v[b - 1].kind == IT_BOX) ||
                     (it->kind == IT_PEN && it->pen < INF_PEN);
        if (!legal) continue;
        bool forced = it->kind == IT_PEN && it->pen <= -INF_PEN;
        node best[4] = {{0}}; /* zeroed: the compiler may read it before testing have[] */
        bool have[4] = {false, false, false, false};
        size_t live = 0;
        for (size_t ai = first_active; ai < nn; ai++) {
            node *a = &nodes[ai];
            if (!a->active) continue;
            size_t s = line_start(v, n, a->pos);
            if (s > b) continue;
            double L = line_width(p, a->line);
            double nat = S[b].w - S[s].w + (it->kind == IT_PEN ? it->w : 0);
            double st = S[b].st - S[s].st, sh = S[b].sh - S[s].sh;
            bool last = forced && b > 0 && v[b - 1].kind == IT_GLUE && v[b - 1].st >= FILL;
            if (ragged && !last) st += ragged_st;
            double r;
            if (nat < L - 1e-9) r = st > 0 ? (L - nat) / st : 1e9;
            else if (nat > L + 1e-9) r = sh > 0 ? (L - nat) / sh : -1e9;
            else r = 0;
            if (r < -1 || forced) a->active = false;
            if (r < -1) {
                /* too long already: only kept when nothing else can end this line */
                if (!forced) continue;
                if (live == 0 && ai + 1 == nn) r = -1; /* rescue: overfull beats nothing */
                else continue;
            }
            live++;
            double ar = fabs(r); /* badness 100 |r|^3, capped; multiplied out: pow() was a
                                  * fifth of the line breaker's time */
            double bad = ar >= 10 ? 10000 : fmin(100 * ar * ar * ar, 10000);
            if (bad > tol) continue;
            double dem = (10 + bad) * (10 + bad);
            if (it->kind == IT_PEN && it->pen > 0) dem += it->pen * it->pen;
            else if (it->kind == IT_PEN && it->pen > -INF_PEN) dem -= it->pen * it->pen;
            if (it->kind == IT_PEN && it->flag && a->pos != SIZE_MAX && v[a->pos].kind == IT_PEN &&
                v[a->pos].flag)
                dem += 3000;
            /* the paragraph's last line is never the tail of a broken word ("postproduc-" /
             * "tion."): not at all while a tolerance holds (a looser paragraph is set instead),
             * and at any tolerance only where nothing else can be had (TeX's
             * \finalhyphendemerits, set so high that any other break wins) */
            if (last && a->pos != SIZE_MAX && v[a->pos].kind == IT_PEN && v[a->pos].flag) {
                if (tol < DBL_MAX) continue;
                dem += FINAL_HYPHEN_DEMERITS;
            }
            int fit = fitness_of(r);
            if (!ragged && abs(fit - a->fitness) > 1) dem += 3000;
            dem += a->total;
            if (!have[fit] || dem < best[fit].total) {
                best[fit] = (node){b, a->line + 1, fit, dem, (long)ai, true};
                have[fit] = true;
            }
        }
        /* between the characters of an over-wide word only the best of the four fitness
         * classes goes on: such a word has a candidate at every character, and four each kept
         * a line's worth of them alive (a 7,000-character title took a second) */
        if (it->kind == IT_PEN && it->last_resort) {
            int k0 = -1;
            for (int k = 0; k < 4; k++)
                if (have[k] && (k0 < 0 || best[k].total < best[k0].total)) k0 = k;
            for (int k = 0; k < 4; k++) have[k] = k == k0;
        }
        for (int k = 0; k < 4; k++) {
            if (!have[k]) continue;
            if (nn == cap) {
                cap *= 2;
                nodes = realloc(nodes, cap * sizeof *nodes);
                if (!nodes) pk_out_of_memory(0);
            }
            nodes[nn++] = best[k];
        }
        while (first_active < nn && !nodes[first_active].active) first_active++;
        if (first_active == nn) break; /* nothing can go on: this pass fails */
    }
    long fin = -1;
    for (size_t i = 0; i < nn; i++)
        if (nodes[i].pos == n - 1 && (fin < 0 || nodes[i].total < nodes[fin].total)) fin = (long)i;
    *nodes_out = nodes;
    *n_nodes_out = nn;
    return fin;
}

/* Builds the paragraph's items (p->items, malloc'd) with hyphenation points from h (NULL:
 * none), and returns their running sums: S[i] over items [0, i). */
static sums *make_items(pk_para *p, const pk_hyph *h)
{
    items it = {0};
    ctx c = {p, &it, p->st.width - p->st.indent, h};
    for (size_t si = 0; si < p->n_spans; si++) {
        const char *t = p->spans[si].text;
        size_t i = 0, len = strlen(t);
        while (i < len) {
            if (t[i] == ' ' || t[i] == '\t') {
                add_glue(&c, (int)si);
                i++;
            } else if (t[i] == '\n') {
                add_end(&c, -INF_PEN);
                i++;
            } else {
                size_t j = i;
                while (j < len && t[j] != ' ' && t[j] != '\t' && t[j] != '\n') j++;
                add_word(&c, (int)si, t + i, j - i);
                i = j;
            }
        }
    }
    add_end(&c, -INF_PEN);
    p->items = it.v;
    p->n_items = it.n;
    sums *S = malloc((p->n_items + 1) * sizeof *S);
    if (!S) pk_out_of_memory(0);
    S[0] = (sums){0, 0, 0};
    for (size_t i = 0; i < p->n_items; i++) {
        const item *x = &p->items[i];
        S[i + 1] = S[i];
        if (x->kind != IT_PEN) S[i + 1].w += x->w;
        if (x->kind == IT_GLUE) S[i + 1].st += x->st, S[i + 1].sh += x->sh;
    }
    return S;
}

pk_para *pk_para_layout(pk_arena *a, const pk_fonts *f, const pk_span *spans, size_t n,
                        const pk_para_style *st)
{
    pk_para *p = pk_arena_alloc(a, sizeof *p);
    memset(p, 0, sizeof *p);
    p->fonts = f;
    p->st = *st;
    p->spans = pk_arena_alloc(a, (n ? n : 1) * sizeof *p->spans);
    p->n_spans = n;
    double asc = 0, desc = 0;
    for (size_t i = 0; i < n; i++) {
        p->spans[i] = spans[i];
        p->spans[i].text = pk_arena_strdup(a, spans[i].text ? spans[i].text : "");
        if (spans[i].url) p->spans[i].url = pk_arena_strdup(a, spans[i].url);
        double as, de;
        pk_fonts_vmetrics(f, spans[i].font, spans[i].size, &as, &de);
        if (as > asc) asc = as;
        if (de > desc) desc = de;
    }
    p->baseline = (st->leading - (asc + desc)) / 2 + asc;

    /* First without hyphenation, taking only good lines (badness at most PRETOLERANCE, as
     * TeX's \pretolerance): most paragraphs set well without breaking a word, and a ragged
     * column reads better with fewer hyphens. Only when that fails: with hyphenation points at
     * the usual tolerance, and then at any. */
    node *nodes = NULL;
    size_t nn = 0;
    long fin = -1;
    sums *S = make_items(p, NULL);
    if (st->hyph) {
        fin = breaks(p, S, PRETOLERANCE, &nodes, &nn);
        if (fin < 0) {
            free(nodes);
            free(S);
            free(p->items);
            S = make_items(p, st->hyph);
        }
    }
    if (fin < 0) {
        fin = breaks(p, S, 2000, &nodes, &nn);
        if (fin < 0) {
            free(nodes);
            fin = breaks(p, S, DBL_MAX, &nodes, &nn);
        }
    }
    item *kept = pk_arena_alloc(a, (p->n_items ? p->n_items : 1) * sizeof *kept);
    memcpy(kept, p->items, p->n_items * sizeof *kept);
    free(p->items);
    p->items = kept;
    /* Walk back from the final node. fin < 0 cannot happen (each box fits a line alone), but a
     * paragraph is still drawn whole: one line of everything. */
    size_t count = 0;
    for (long k = fin; k > 0; k = nodes[k].prev) count++;
    p->lines = pk_arena_alloc(a, (count ? count : 1) * sizeof *p->lines);
    p->n_lines = count;
    size_t li = count;
    for (long k = fin; k > 0; k = nodes[k].prev) {
        const node *b = &nodes[k], *prev = &nodes[b->prev];
        line *l = &p->lines[--li];
        l->start = line_start(p->items, p->n_items, prev->pos);
        l->end = b->pos;
        const item *bi = &p->items[b->pos];
        l->hyphen = bi->kind == IT_PEN && bi->flag && bi->w > 0;
        l->width = line_width(p, prev->line);
        l->indent = prev->line == 0 ? st->indent : 0;
        double nat = S[l->end].w - S[l->start].w + (l->hyphen ? bi->w : 0);
        /* the paragraph's end glue is not part of the text */
        if (l->end > l->start && p->items[l->end - 1].kind == IT_GLUE &&
            p->items[l->end - 1].st >= FILL)
            l->end--;
        l->natural = nat;
        double stt = S[l->end].st - S[l->start].st, sh = S[l->end].sh - S[l->start].sh;
        bool last = bi->kind == IT_PEN && bi->pen <= -INF_PEN;
        if (st->align != PK_ALIGN_JUSTIFY || last) l->ratio = 0;
        else if (nat < l->width) l->ratio = stt > 0 ? (l->width - nat) / stt : 0;
        else l->ratio = sh > 0 ? (l->width - nat) / sh : 0;
        if (l->ratio > 3) l->ratio = 3; /* a loose line stays readable: left part of the gap */
        l->overfull = nat - (st->align == PK_ALIGN_JUSTIFY ? sh : 0) > l->width + 0.5;
    }
    if (count == 0) {
        p->n_lines = 1;
        p->lines[0] = (line){0, p->n_items ? p->n_items - 1 : 0, false, 0, S[p->n_items].w,
                             st->width, st->indent, false};
    }
    free(nodes);
    free(S);
    return p;
}

size_t pk_para_lines(const pk_para *p)
{
    return p->n_lines;
}

double pk_para_height(const pk_para *p, size_t from, size_t to)
{
    return to > from ? (double)(to - from) * p->st.leading : 0;
}

double pk_para_max_width(const pk_para *p)
{
    double m = 0;
    for (size_t i = 0; i < p->n_lines; i++)
        if (p->lines[i].natural + p->lines[i].indent > m) m = p->lines[i].natural + p->lines[i].indent;
    return m;
}

double pk_para_baseline(const pk_para *p)
{
    return p->baseline;
}

double pk_para_line_ratio(const pk_para *p, size_t i)
{
    return p->lines[i].ratio;
}

bool pk_para_line_hyphen(const pk_para *p, size_t i)
{
    return p->lines[i].hyphen;
}

bool pk_para_line_hyphen_link(const pk_para *p, size_t i)
{
    const line *l = &p->lines[i];
    return l->hyphen && p->spans[p->items[l->end].span].url != NULL;
}

bool pk_para_ends_hyphenated(const pk_para *p)
{
    return p->n_lines >= 2 && p->lines[p->n_lines - 2].hyphen;
}

size_t pk_para_overfull(const pk_para *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_lines; i++)
        n += p->lines[i].overfull;
    return n;
}

size_t pk_para_hyphens(const pk_para *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_lines; i++) n += p->lines[i].hyphen;
    return n;
}

/* ---- drawing ---- */

/* part: 0, or a word broken by a hyphen at a line end, 1 the part before (ending in the
 * hyphen) and 2 the part after, each its own run; whole: that word without the hyphen */
typedef void (*run_fn)(void *u, int span, const char *text, double x, double w, int part,
                       const char *whole);

/* The word broken at line l's end: its boxes on l (from the last glue) and on the next line
 * (to the first glue), into out. */
static void broken_word(const pk_para *p, const line *l, pk_buf *out)
{
    pk_buf_reset(out);
    size_t a = l->end;
    while (a > l->start && p->items[a - 1].kind != IT_GLUE) a--;
    for (size_t i = a; i < p->n_items; i++) {
        const item *it = &p->items[i];
        if (it->kind == IT_GLUE && i > l->end) break;
        if (it->kind == IT_BOX) pk_buf_add(out, it->text, it->len);
    }
}

/* Calls fn for each run of line l: consecutive boxes of one span (with the spaces between them,
 * unless justified, where each word is its own run). A word broken by a hyphen at the line's
 * end (or at the end of the line before) is a run of its own. Returns the line's drawn width. */
static double runs(const pk_para *p, const line *l, double x0, pk_buf *tmp, run_fn fn, void *u)
{
    pk_buf whole = PK_BUF_INIT;
    /* the second part of a word broken at the end of the line before: up to the first glue */
    int part = l > p->lines && l[-1].hyphen ? 2 : 0;
    if (part) broken_word(p, l - 1, &whole);
    size_t word_at = 0; /* where the last word began in tmp, and at what x */
    double word_x = x0;
    bool justify = p->st.align == PK_ALIGN_JUSTIFY;
    double x = x0;
    if (p->st.align == PK_ALIGN_RIGHT) x += l->width - l->natural;
    if (p->st.align == PK_ALIGN_CENTER) x += (l->width - l->natural) / 2;
    double run_x = x;
    int run_span = -1;
    pk_buf_reset(tmp);
    for (size_t i = l->start; i <= l->end && i < p->n_items; i++) {
        const item *it = &p->items[i];
        bool at_end = i == l->end;
        if (at_end && !(it->kind == IT_PEN && l->hyphen)) break;
        if (it->kind == IT_BOX || (at_end && l->hyphen)) {
            if (run_span != it->span && run_span >= 0) {
                fn(u, run_span, pk_buf_str(tmp), run_x, x - run_x, part, pk_buf_str(&whole));
                pk_buf_reset(tmp);
                part = 0;
            }
            if (run_span != it->span || tmp->len == 0) run_x = x, run_span = it->span, word_at = 0, word_x = x;
            if (at_end && l->hyphen && !part && word_at > 0) {
                /* the broken word's first part: a run of its own, after the line's others */
                char *t = tmp->data + word_at;
                char keep = *t;
                *t = '\0';
                fn(u, run_span, tmp->data, run_x, word_x - run_x, 0, NULL);
                *t = keep;
                memmove(tmp->data, t, tmp->len - word_at);
                tmp->len -= word_at;
                run_x = word_x;
            }
            if (it->kind == IT_BOX) pk_buf_add(tmp, it->text, it->len);
            else pk_buf_addc(tmp, '-');
            x += it->w;
        } else if (it->kind == IT_GLUE) {
            double gw = it->w + (l->ratio >= 0 ? l->ratio * it->st : l->ratio * it->sh);
            if (justify || part) {
                if (run_span >= 0 && tmp->len)
                    fn(u, run_span, pk_buf_str(tmp), run_x, x - run_x, part, pk_buf_str(&whole));
                pk_buf_reset(tmp);
                run_span = -1;
                part = 0;
            } else if (run_span == it->span) {
                pk_buf_addc(tmp, ' ');
                word_at = tmp->len, word_x = x + gw;
            } else if (run_span >= 0) {
                fn(u, run_span, pk_buf_str(tmp), run_x, x - run_x, 0, NULL);
                pk_buf_reset(tmp);
                run_span = -1;
            }
            x += gw;
        }
    }
    if (l->hyphen && !part) broken_word(p, l, &whole), part = 1;
    if (run_span >= 0 && tmp->len)
        fn(u, run_span, pk_buf_str(tmp), run_x, x - run_x, part, part ? pk_buf_str(&whole) : NULL);
    pk_buf_fini(&whole);
    return x - x0;
}

typedef struct draw_ctx {
    const pk_para *p;
    pk_scene *s;
    double top, baseline;
} draw_ctx;

static void draw_run(void *u, int span, const char *text, double x, double w, int part,
                     const char *whole)
{
    draw_ctx *c = u;
    const pk_span *sp = &c->p->spans[span];
    /* a run that ends in a space (before another span) draws without it */
    size_t len = strlen(text);
    while (len && text[len - 1] == ' ') len--;
    if (!len) return;
    char *t = pk_arena_strndup(c->s->arena, text, len);
    /* the link first: a tagged PDF puts the text that follows it in its Link element */
    if (sp->url) pk_scene_link(c->s, x, c->top, w, c->p->st.leading, sp->url);
    pk_scene_text(c->s, x, c->baseline, sp->font, sp->size, sp->color, PK_ANCHOR_START, t);
    if (part && whole && whole[0] && c->s->n_ops && c->s->ops[c->s->n_ops - 1].kind == PK_OP_TEXT) {
        pk_op *op = &c->s->ops[c->s->n_ops - 1];
        op->actual = pk_arena_strdup(c->s->arena, whole);
        op->part = (unsigned char)part;
    }
}

double pk_para_draw(const pk_para *p, size_t from, size_t to, pk_scene *s, double x, double top)
{
    pk_buf tmp;
    tmp = (pk_buf){0};
    for (size_t i = from; i < to && i < p->n_lines; i++) {
        const line *l = &p->lines[i];
        double y = top + (double)(i - from) * p->st.leading;
        draw_ctx c = {p, s, y, y + p->baseline};
        runs(p, l, x + l->indent, &tmp, draw_run, &c);
    }
    pk_buf_fini(&tmp);
    return pk_para_height(p, from, to);
}

typedef struct text_ctx {
    pk_buf *out;
    bool any;
    double end_x;
} text_ctx;

static void text_run(void *u, int span, const char *text, double x, double w, int part,
                     const char *whole)
{
    (void)span, (void)part, (void)whole;
    text_ctx *c = u;
    if (c->any && x > c->end_x + 0.01) pk_buf_addc(c->out, ' ');
    pk_buf_add(c->out, text, strlen(text));
    c->any = true;
    c->end_x = x + w;
}

const char *pk_para_line_text(const pk_para *p, size_t i, pk_arena *a)
{
    pk_buf tmp, out;
    tmp = (pk_buf){0};
    out = (pk_buf){0};
    text_ctx c = {&out, false, 0};
    runs(p, &p->lines[i], 0, &tmp, text_run, &c);
    char *r = pk_arena_strndup(a, out.data ? out.data : "", out.len);
    pk_buf_fini(&tmp);
    pk_buf_fini(&out);
    return r;
}
