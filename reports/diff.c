/* diff.c: `presskit diff` (diff.h). Two releases of the data, or one pack with history: per
 * occupation, every figure both hold that moved, with both values and both sources; then the
 * release's biggest movers (median pay, employment), each with the caveats a comparison over
 * time carries. Part of reports/. */
#include "reports/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/csv.h"
#include "data/fmt.h"
#include "data/history.h"
#include "data/json_write.h"
#include "data/say.h"
#include "data/store.h"
#include "reports/html.h"
#include "reports/outdir.h"

/* One figure that both releases hold. */
typedef struct change {
    char *claim, *label;     /* owned */
    pk_figure old, now;      /* values and sources (strings borrowed from the records, which
                                live until the occupation is written) */
    char *old_src, *now_src; /* owned copies, for the release-wide table */
    char *old_lab, *now_lab; /* owned: each source as its own release's registry names it (the
                                releases may give one id to two sources), or NULL */
    double delta, pct;       /* now - old; the change in per cent (NAN when old is 0) */
    const pk_scope *scope;   /* whom the figure describes (borrowed from the record), or NULL */
} change;

typedef struct changes {
    change *v;
    size_t n, cap;
} changes;

/* A row of the release-wide ranking: one occupation's change of one claim, or, for a figure
 * several occupations share (pk_scope_grouped), the change of the code they share. */
typedef struct mover {
    char *soc, *title; /* owned (strdup'd: the record is freed) */
    char *group;       /* for a shared figure, whom it describes ("SOC 29-1229 Physicians, All
                          Other, which covers 7 occupations"), else NULL; owned */
    char *code;        /* the code the figure is published under ("29-1229"), or NULL; owned */
    char *note;        /* for another code's figure that is not shared, whom it describes ("SOC
                          2010 15-1134 ..., one of the older codes merged into ..."), or NULL */
    change c;
} mover;

typedef struct movers {
    mover *v;
    size_t n, cap;
} movers;

/* Whom a change describes: its figure's scope; for a history series (whose points carry none)
 * the scope of the record's current wage figures, which every point shares (the importer gives
 * no point of another code), as the brief's history section says it. */
static const pk_scope *change_scope(const pk_record *r, const change *c)
{
    if (c->now.scope) return c->now.scope;
    if (strncmp(c->claim, "wages.", 6) != 0) return NULL;
    const pk_figure *cur[] = {&r->wages.median, &r->wages.employment, &r->wages.hourly.median};
    const pk_scope *sc = pk_scope_of(cur, 3);
    for (size_t i = 0; i < 3 && !sc; i++)
        if (cur[i]->status != PK_FIG_ABSENT) sc = cur[i]->scope;
    return sc;
}

static void attach_scopes(const pk_record *r, changes *cs)
{
    for (size_t i = 0; i < cs->n; i++) cs->v[i].scope = change_scope(r, &cs->v[i]);
}

static void push(changes *cs, const char *claim, const char *label, const pk_figure *a,
                 const pk_figure *b)
{
    if (a->status != PK_FIG_OK || b->status != PK_FIG_OK || a->unit != b->unit) return;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? 2 * cs->cap : 32;
        cs->v = pk_xrealloc(cs->v, cs->cap * sizeof *cs->v);
    }
    change *c = &cs->v[cs->n++];
    memset(c, 0, sizeof *c);
    c->claim = pk_xstrdup(claim);
    c->label = pk_xstrdup(label ? label : claim);
    c->old = *a;
    c->now = *b;
    c->old_src = pk_xstrdup(a->source ? a->source : "");
    c->now_src = pk_xstrdup(b->source ? b->source : "");
    c->delta = round((b->value - a->value) * 1e6) / 1e6;
    /* a share's change is in points (delta); a per cent of a per cent would mislead */
    bool share = b->unit == PK_UNIT_PERCENT || b->unit == PK_UNIT_POINTS ||
                 b->unit == PK_UNIT_PERCENTILE;
    c->pct = a->value != 0 && !share ? pk_hist_pct(a->value, b->value) : NAN;
}

static void changes_fini(changes *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->v[i].claim);
        free(cs->v[i].label);
        free(cs->v[i].old_src);
        free(cs->v[i].now_src);
        free(cs->v[i].old_lab);
        free(cs->v[i].now_lab);
    }
    free(cs->v);
    memset(cs, 0, sizeof *cs);
}

/* ---- one pack with history: the two latest releases of each series, and the ILO's two
   vintages ---- */

static void from_history(const pk_record *r, changes *cs)
{
    static const struct {
        pk_series s;
        const char *claim;
    } series[] = {{PK_SERIES_MEDIAN, "wages.median"},
                  {PK_SERIES_P25, "wages.p25"},
                  {PK_SERIES_P75, "wages.p75"},
                  {PK_SERIES_HOURLY, "wages.hourly.median"},
                  {PK_SERIES_EMPLOYMENT, "wages.employment"}};
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        const pk_hist_point *a, *b;
        if (!pk_hist_last_change(r, series[i].s, &a, &b)) continue;
        push(cs, series[i].claim, pk_figure_name(series[i].claim), pk_hist_fig(a, series[i].s),
             pk_hist_fig(b, series[i].s));
    }
    const pk_global *g = &r->global;
    if (g->present && g->mean_exposure.status == PK_FIG_OK && g->shift.status == PK_FIG_OK) {
        pk_figure old = g->mean_exposure;
        old.value = g->mean_exposure.value - g->shift.value;
        push(cs, "global.mean_exposure", pk_figure_name("global.mean_exposure"), &old,
             &g->mean_exposure);
    }
}

/* ---- two releases: every figure by claim id ---- */

typedef struct fig_ref {
    char *claim, *label;
    const pk_figure *f;
} fig_ref;

typedef struct figs {
    fig_ref *v;
    size_t n, cap;
} figs;

static int collect(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    figs *fs = ctx;
    if (strncmp(claim_id, "history.", 8) == 0) return 0; /* the series is not a figure of one release */
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? 2 * fs->cap : 128;
        fs->v = pk_xrealloc(fs->v, fs->cap * sizeof *fs->v);
    }
    const char *name = label ? label : pk_figure_name(claim_id);
    fs->v[fs->n++] = (fig_ref){pk_xstrdup(claim_id), pk_xstrdup(name ? name : claim_id), f};
    return 0;
}

static void figs_fini(figs *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->v[i].claim);
        free(fs->v[i].label);
    }
    free(fs->v);
}

/* True when the claim ids name the same figure of both records: equal ids, or for an item of a
 * list ("knowledge[0]", "exposure.studies[2].score") the same list, the same place in its item
 * and the same item by its label, wherever the item stands: a release that ranks a list anew,
 * or adds a study, moves its items, and an index would pair one item's value with another's. */
static bool same_figure(const fig_ref *x, const fig_ref *y)
{
    const char *p = x->claim, *q = y->claim;
    bool list = false;
    while (*p && *q) {
        if (*p == '[' && *q == '[') { /* skip both indices */
            list = true;
            while (*p && *p != ']') p++;
            while (*q && *q != ']') q++;
            continue;
        }
        if (*p++ != *q++) return false;
    }
    if (*p || *q) return false;
    return !list || strcmp(x->label, y->label) == 0;
}

/* Whom a figure describes is part of what it is: a figure published under another code in one
 * release (a split, a merge, a code BLS stopped publishing) has no change, as the release-wide
 * page says. A release that does not say (a record written before scopes) is taken at its
 * word. */
static bool same_population(const pk_figure *a, const pk_figure *b)
{
    pk_buf x = PK_BUF_INIT, y = PK_BUF_INIT;
    pk_figure_published_as(a, &x);
    pk_figure_published_as(b, &y);
    bool same = !x.len || !y.len || strcmp(pk_buf_str(&x), pk_buf_str(&y)) == 0;
    pk_buf_fini(&x);
    pk_buf_fini(&y);
    return same;
}

static void from_two(const pk_record *old, const pk_record *now, changes *cs)
{
    figs a = {0}, b = {0};
    pk_record_each_figure(old, collect, &a);
    pk_record_each_figure(now, collect, &b);
    bool *taken = pk_xcalloc(a.n ? a.n : 1, sizeof *taken);
    for (size_t i = 0; i < b.n; i++)
        for (size_t k = 0; k < a.n; k++)
            if (!taken[k] && same_figure(&a.v[k], &b.v[i])) {
                taken[k] = true;
                if (a.v[k].f->value != b.v[i].f->value && same_population(a.v[k].f, b.v[i].f))
                    push(cs, b.v[i].claim, b.v[i].label, a.v[k].f, b.v[i].f);
                break;
            }
    free(taken);
    figs_fini(&a);
    figs_fini(&b);
}

/* ---- writing ---- */

/* A figure's value as the brief prints it ("$66,430", "13,050", "35%"). */
static void value_text(pk_buf *b, const pk_figure *f)
{
    int dec = f->unit == PK_UNIT_USD_HOUR ? 2 : f->unit == PK_UNIT_USD || f->unit == PK_UNIT_COUNT ? 0 : -1;
    pk_fmt_figure(b, f, dec, 0);
}

/* Each change's sources by name, the old by the old release's registry: an id both packs use
 * ("oews") may name May 2023 in one and May 2024 in the other. */
static void label_changes(changes *cs, const pk_sources *old_s, const pk_sources *now_s)
{
    pk_buf t = PK_BUF_INIT;
    for (size_t i = 0; i < cs->n; i++) {
        pk_buf_reset(&t);
        pk_source_labels(&t, old_s, cs->v[i].old_src);
        cs->v[i].old_lab = pk_xstrdup(pk_buf_str(&t));
        pk_buf_reset(&t);
        pk_source_labels(&t, now_s, cs->v[i].now_src);
        cs->v[i].now_lab = pk_xstrdup(pk_buf_str(&t));
    }
    pk_buf_fini(&t);
}

static void csv_header(pk_buf *b, bool with_occ)
{
    if (with_occ) pk_buf_adds(b, "soc,title,");
    pk_buf_adds(b, "claim_id,label,old,new,change,change_pct,unit,old_source,new_source,"
                   "published_scope,published_as,published_title,occupations_sharing\r\n");
}

static void csv_row(pk_buf *b, const change *c, const char *soc, const char *title)
{
    if (soc) {
        pk_csv_field(b, soc);
        pk_buf_addc(b, ',');
        pk_csv_field(b, title);
        pk_buf_addc(b, ',');
    }
    pk_csv_field(b, c->claim);
    pk_buf_addc(b, ',');
    pk_csv_field(b, c->label);
    pk_buf_addc(b, ',');
    pk_json_number(b, c->old.value);
    pk_buf_addc(b, ',');
    pk_json_number(b, c->now.value);
    pk_buf_addc(b, ',');
    pk_json_number(b, c->delta);
    pk_buf_addc(b, ',');
    if (!isnan(c->pct)) pk_json_number(b, c->pct);
    pk_buf_addc(b, ',');
    pk_csv_field(b, pk_unit_name(c->now.unit));
    pk_buf_addc(b, ',');
    pk_csv_field(b, c->old_src);
    pk_buf_addc(b, ',');
    pk_csv_field(b, c->now_src);
    /* whom the figure describes, as the compiled pack's figures table says it */
    const pk_scope *sc = c->scope;
    pk_buf_addc(b, ',');
    if (sc) pk_csv_field(b, pk_scope_kind_name(sc->kind));
    pk_buf_addc(b, ',');
    if (sc) {
        pk_buf as = PK_BUF_INIT;
        pk_figure f = {.scope = sc};
        pk_figure_published_as(&f, &as);
        pk_csv_field(b, pk_buf_str(&as));
        pk_buf_fini(&as);
    }
    pk_buf_addc(b, ',');
    if (sc && sc->title) pk_csv_field(b, sc->title);
    pk_buf_addc(b, ',');
    if (sc && sc->occupations > 0) pk_buf_printf(b, "%ld", sc->occupations);
    pk_buf_adds(b, "\r\n");
}

static bool over_time(const changes *cs, const pk_sources *s)
{
    for (size_t i = 0; i < cs->n; i++) {
        const pk_source *src = pk_sources_find(s, cs->v[i].now_src);
        if (src && strstr(src->title, "Occupational Employment and Wage Statistics")) return true;
    }
    return false;
}

/* After the table, one sentence for each published code a changed figure stands for when it is
 * not this occupation's own ("BLS OEWS (May 2024) publishes pay and employment for SOC 29-1229
 * ..."), so a shared figure is never read as this occupation's. */
static void scope_md(pk_buf *b, const changes *cs)
{
    const pk_scope **said = pk_xcalloc(cs->n ? cs->n : 1, sizeof *said);
    size_t n_said = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const pk_scope *sc = cs->v[i].scope;
        if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) continue;
        bool dup = false;
        for (size_t k = 0; k < n_said && !dup; k++) dup = said[k] == sc;
        if (dup) continue;
        said[n_said++] = sc;
        bool wages = strncmp(cs->v[i].claim, "wages.", 6) == 0;
        pk_say_scope(b, sc, cs->v[i].now_lab, wages ? "pay and employment" : cs->v[i].label);
        pk_buf_adds(b, "\n\n");
    }
    free(said);
}

static void occupation_md(pk_buf *b, const pk_record *r, const changes *cs, const pk_sources *s)
{
    pk_buf_printf(b, "# What changed: %s (%s)\n\n", r->title, r->soc);
    pk_buf_adds(b, "| Figure | Old | New | Change | Sources |\n| --- | ---: | ---: | ---: | --- |\n");
    for (size_t i = 0; i < cs->n; i++) {
        const change *c = &cs->v[i];
        pk_buf_adds(b, "| ");
        pk_buf_adds(b, c->label);
        pk_buf_adds(b, " | ");
        value_text(b, &c->old);
        pk_buf_adds(b, " | ");
        value_text(b, &c->now);
        pk_buf_adds(b, " | ");
        if (isnan(c->pct)) {
            pk_fmt_num(b, c->delta, 1, PK_FMT_PLUS);
            pk_buf_adds(b, " pts");
        } else if (!isnan(c->pct)) {
            pk_fmt_num(b, c->pct, 1, PK_FMT_PLUS);
            pk_buf_addc(b, '%');
        }
        pk_buf_adds(b, " | ");
        pk_buf_adds(b, c->old_lab);
        pk_buf_adds(b, " \xE2\x86\x92 ");
        pk_buf_adds(b, c->now_lab);
        pk_buf_adds(b, " |\n");
    }
    pk_buf_adds(b, "\n");
    scope_md(b, cs);
    if (over_time(cs, s)) pk_buf_adds(b, PK_NOMINAL_NOTE " " PK_OEWS_TIME_CAVEAT "\n");
}

static int cmp_mover(const void *x, const void *y)
{
    const mover *a = x, *b = y;
    if (a->c.pct != b->c.pct) return a->c.pct < b->c.pct ? 1 : -1; /* largest rise first */
    return strcmp(a->soc, b->soc);
}

enum { TOP_MOVERS = 25 };

/* The HTML table of the movers of `claim`: the largest rises, then the largest falls. */
static void movers_html(pk_buf *b, const movers *ms, const char *claim, const char *what)
{
    mover *sel = pk_xmalloc((ms->n ? ms->n : 1) * sizeof *sel);
    size_t n = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (strcmp(ms->v[i].c.claim, claim) == 0 && !isnan(ms->v[i].c.pct)) sel[n++] = ms->v[i];
    qsort(sel, n, sizeof *sel, cmp_mover);
    for (int part = 0; part < 2; part++) {
        pk_buf_printf(b, "<h2>%s: the largest %s</h2>\n", what, part ? "falls" : "rises");
        if (n == 0) {
            pk_buf_adds(b, "<p>No occupation has this figure in both releases.</p>\n");
            continue;
        }
        /* a phone scrolls the table, not the page */
        pk_buf_adds(b, "<div class=\"tw\"><table>\n<thead><tr><th>Occupation</th><th>SOC</th>"
                       "<th>Old</th><th>New</th><th>Change</th><th>Sources</th></tr></thead>\n"
                       "<tbody>\n");
        size_t shown = 0;
        for (size_t k = 0; k < n && shown < TOP_MOVERS; k++) {
            const mover *m = &sel[part ? n - 1 - k : k];
            if (part ? m->c.pct >= 0 : m->c.pct <= 0) break;
            if (m->group) { /* a shared figure: one row for its code, not one per occupation */
                bool dup = false;
                for (size_t j = 0; j < k && !dup; j++) {
                    const mover *e = &sel[part ? n - 1 - j : j];
                    dup = e->group && strcmp(e->group, m->group) == 0 &&
                          e->c.old.value == m->c.old.value && e->c.now.value == m->c.now.value;
                }
                if (dup) continue;
            }
            pk_buf t = PK_BUF_INIT;
            pk_buf_adds(b, "<tr><td>");
            if (m->group) {
                pk_html_escape(b, m->group);
            } else {
                pk_html_escape(b, m->title);
                if (m->note) {
                    pk_buf_adds(b, "<br><span class=\"caveat\">Figures for ");
                    pk_html_escape(b, m->note);
                    pk_buf_adds(b, "</span>");
                }
            }
            pk_buf_adds(b, "</td><td class=\"c\">");
            pk_html_escape(b, m->group && m->code ? m->code : m->soc);
            pk_buf_adds(b, "</td><td class=\"n\">");
            value_text(&t, &m->c.old);
            pk_html_escape(b, t.data);
            pk_buf_reset(&t);
            pk_buf_adds(b, "</td><td class=\"n\">");
            value_text(&t, &m->c.now);
            pk_html_escape(b, t.data);
            pk_buf_reset(&t);
            pk_buf_adds(b, "</td><td class=\"n\">");
            pk_fmt_num(&t, m->c.pct, 1, PK_FMT_PLUS);
            pk_buf_addc(&t, '%');
            pk_html_escape(b, t.data);
            pk_buf_reset(&t);
            pk_buf_adds(b, "</td><td class=\"s\">");
            pk_buf_adds(&t, m->c.old_lab);
            pk_buf_adds(&t, " \xE2\x86\x92 ");
            pk_buf_adds(&t, m->c.now_lab);
            pk_html_escape(b, t.data);
            pk_buf_adds(b, "</td></tr>\n");
            pk_buf_fini(&t);
            shown++;
        }
        pk_buf_adds(b, "</tbody>\n</table></div>\n");
    }
    free(sel);
}

static void release_html(pk_buf *b, const movers *ms, const char *name)
{
    pk_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>What changed since the last release</title>\n<style>\n"
                   "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
                   "padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}"
                   "th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;"
                   "vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums;"
                   "white-space:nowrap}td.c{white-space:nowrap}td.s{min-width:14rem}"
                   ".tw{overflow-x:auto;margin-bottom:1.5rem}"
                   ".caveat{color:#555}\n</style>\n</head>\n<body>\n"
                   "<h1>What changed since the last release</h1>\n<p>");
    pk_html_escape(b, name ? name : "");
    pk_buf_adds(b, "</p>\n<p class=\"caveat\">");
    pk_html_escape(b, PK_NOMINAL_NOTE " " PK_OEWS_TIME_CAVEAT);
    pk_buf_adds(b, " A code BLS split, merged or published under another code between the two "
                   "releases has no change here (see each occupation's brief). A figure "
                   "published for a code that covers several occupations is shown once, for "
                   "that code.</p>\n");
    movers_html(b, ms, "wages.median", "Median annual pay");
    movers_html(b, ms, "wages.employment", "Employment (wage and salary jobs)");
    pk_buf_adds(b, "<p class=\"caveat\">Every change: changes.csv; one occupation's: "
                   "&lt;SOC&gt;/changes.csv and changes.md.</p>\n</body>\n</html>\n");
}

size_t pk_diff_record(const pk_record *r, const pk_sources *s, pk_buf *md, pk_buf *csv)
{
    changes cs = {0};
    from_history(r, &cs);
    attach_scopes(r, &cs);
    label_changes(&cs, s, s);
    size_t n = cs.n;
    if (n) {
        csv_header(csv, false);
        for (size_t j = 0; j < cs.n; j++) csv_row(csv, &cs.v[j], NULL, NULL);
        occupation_md(md, r, &cs, s);
    }
    changes_fini(&cs);
    return n;
}

int pk_diff_run(const pk_diff_opts *o, size_t *n_written, pk_diag *d)
{
    if (n_written) *n_written = 0;
    const char *out = o->out ? o->out : "out";
    pk_store *now = pk_store_open(o->data, o->root, d);
    if (!now) return pk_diag_exit_code(d);
    pk_store *old = NULL;
    if (o->base) {
        old = pk_store_open(o->base, o->base_root, d);
        if (!old) {
            pk_store_free(now);
            return pk_diag_exit_code(d);
        }
    }
    pk_outdir top;
    if (pk_outdir_open(&top, out, d) != 0) {
        pk_store_free(now);
        pk_store_free(old);
        return pk_diag_exit_code(d);
    }
    size_t n, n_old = 0;
    const char *const *codes = pk_store_codes(now, &n);
    const char *const *old_codes = old ? pk_store_codes(old, &n_old) : NULL;
    movers ms = {0};
    pk_buf all = PK_BUF_INIT, b = PK_BUF_INIT, path = PK_BUF_INIT;
    csv_header(&all, true);
    size_t written = 0, k = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (old) { /* both lists are sorted: an occupation the old release lacks has no change */
            while (k < n_old && strcmp(old_codes[k], codes[i]) < 0) k++;
            if (k == n_old || strcmp(old_codes[k], codes[i]) != 0) continue;
        }
        pk_record *r = pk_store_load(now, codes[i], d);
        if (!r) continue;
        pk_record *ro = old ? pk_store_load(old, codes[i], d) : NULL;
        changes cs = {0};
        if (old && ro) from_two(ro, r, &cs);
        else if (!old) from_history(r, &cs);
        attach_scopes(r, &cs);
        const pk_sources *now_s = pk_store_sources(now);
        label_changes(&cs, old ? pk_store_sources(old) : now_s, now_s);
        if (cs.n) {
            pk_outdir od;
            pk_buf_reset(&path);
            pk_buf_printf(&path, "%s/%s", out, r->soc);
            if (pk_outdir_open(&od, path.data, d) == 0) {
                pk_buf_reset(&b);
                csv_header(&b, false);
                for (size_t j = 0; j < cs.n; j++) csv_row(&b, &cs.v[j], NULL, NULL);
                if (pk_outdir_write(&od, "changes.csv", b.data, b.len, d) != 0) rc = -1;
                pk_buf_reset(&b);
                occupation_md(&b, r, &cs, pk_store_sources(now));
                if (rc == 0 && pk_outdir_write(&od, "changes.md", b.data, b.len, d) != 0) rc = -1;
                pk_outdir_fini(&od);
            } else {
                rc = -1;
            }
            for (size_t j = 0; j < cs.n; j++) {
                csv_row(&all, &cs.v[j], r->soc, r->title);
                if (strcmp(cs.v[j].claim, "wages.median") != 0 &&
                    strcmp(cs.v[j].claim, "wages.employment") != 0)
                    continue;
                if (ms.n == ms.cap) {
                    ms.cap = ms.cap ? 2 * ms.cap : 1024;
                    ms.v = pk_xrealloc(ms.v, ms.cap * sizeof *ms.v);
                }
                mover *m = &ms.v[ms.n++];
                m->soc = pk_xstrdup(r->soc);
                m->title = pk_xstrdup(r->title);
                m->group = m->code = m->note = NULL;
                const pk_scope *sc = cs.v[j].scope;
                if (pk_scope_grouped(sc)) {
                    pk_buf t = PK_BUF_INIT;
                    pk_say_scope_group(&t, sc);
                    m->group = pk_xstrdup(pk_buf_str(&t));
                    pk_buf_fini(&t);
                    if (sc->code) m->code = pk_xstrdup(sc->code);
                } else if (pk_scope_disclosed(sc) && sc->kind != PK_SCOPE_TASK) {
                    pk_buf t = PK_BUF_INIT;
                    pk_say_scope_subject(&t, sc, r->title);
                    m->note = pk_xstrdup(pk_buf_str(&t));
                    pk_buf_fini(&t);
                }
                m->c = cs.v[j];
                m->c.claim = pk_xstrdup(cs.v[j].claim);
                m->c.label = pk_xstrdup(cs.v[j].label);
                m->c.old_src = pk_xstrdup(cs.v[j].old_src);
                m->c.now_src = pk_xstrdup(cs.v[j].now_src);
                m->c.old_lab = pk_xstrdup(cs.v[j].old_lab);
                m->c.now_lab = pk_xstrdup(cs.v[j].now_lab);
                m->c.old.source = m->c.now.source = NULL;
                m->c.old.scope = m->c.now.scope = NULL;
                m->c.old.band = m->c.now.band = NULL;
                m->c.scope = NULL;
            }
            written++;
        }
        changes_fini(&cs);
        pk_record_free(ro);
        pk_record_free(r);
    }
    if (rc == 0 && pk_outdir_write(&top, "changes.csv", all.data, all.len, d) != 0) rc = -1;
    pk_buf_reset(&b);
    release_html(&b, &ms, pk_store_name(now));
    if (rc == 0 && pk_outdir_write(&top, "changes.html", b.data, b.len, d) != 0) rc = -1;
    if (n_written) *n_written = rc == 0 ? written : 0;
    for (size_t i = 0; i < ms.n; i++) {
        free(ms.v[i].soc);
        free(ms.v[i].title);
        free(ms.v[i].group);
        free(ms.v[i].code);
        free(ms.v[i].note);
        free(ms.v[i].c.claim);
        free(ms.v[i].c.label);
        free(ms.v[i].c.old_src);
        free(ms.v[i].c.now_src);
        free(ms.v[i].c.old_lab);
        free(ms.v[i].c.now_lab);
    }
    free(ms.v);
    pk_buf_fini(&all);
    pk_buf_fini(&b);
    pk_buf_fini(&path);
    pk_outdir_fini(&top);
    pk_store_free(now);
    pk_store_free(old);
    return pk_diag_exit_code(d);
}
