/* compare.c: two occupations side by side (compare.h). The content is written once, here, as a
 * document tree of doc.h — the same nodes a brief is made of — and the PDF layout, markdown.c
 * and html.c render it as they render a brief. Every figure is one of the records', printed
 * with data/fmt.c, marked with its claim id and counted for data.csv; a figure one of the two
 * lacks is "not available" for that one. Part of reports/. */
#include "reports/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/compare.h"
#include "data/fmt.h"
#include "data/hash.h"
#include "data/json_write.h"
#include "data/say.h"
#include "data/text.h"
#include "layouts/template.h"
#include "reports/brief.h"
#include "reports/cite.h"
#include "reports/doc.h"
#include "reports/html.h"
#include "reports/markdown.h"
#include "reports/outdir.h"
#include "reports/pdf.h"
#include "reports/presskit.h"
#include "reports/render.h"

#define MIDDOT " \xC2\xB7 "
#define EM " \xE2\x80\x94 "

/* ---- the pair's figures: the higher first, so both orders say the same ---- */

static const char *title_of(const pk_record *r)
{
    return r->title;
}

/* "$34,890, or 37.3%," — the gap between two figures of one unit, hi over lo. */
static void gap(pk_buf *b, const pk_figure *hi, const pk_figure *lo, int dec)
{
    pk_figure d = *hi;
    d.value = hi->value - lo->value;
    d.status = PK_FIG_OK;
    d.percentile = -1;
    pk_fmt_figure(b, &d, dec, 0);
    if (lo->value > 0) {
        pk_buf_adds(b, ", or ");
        pk_fmt_num(b, 100 * (hi->value - lo->value) / lo->value, 1, 0);
        pk_buf_adds(b, "%,");
    }
}

/* Which side's figure is higher (0 or 1); ties go to the lower code, so the order of the
 * command line never matters. */
static int higher(const pk_record *const r[2], double v0, double v1)
{
    if (v0 != v1) return v0 > v1 ? 0 : 1;
    return strcmp(r[0]->soc, r[1]->soc) <= 0 ? 0 : 1;
}

static void ids_join(pk_buf *src, const pk_sources *s, const char *a, const char *b)
{
    pk_source_labels(src, s, a);
    if (b && strcmp(a, b) != 0) {
        pk_buf_adds(src, " + ");
        pk_source_labels(src, s, b);
    }
}

/* The disclosure of whom a side's figure describes, after a claim: " For Registered Nurses,
 * BLS OEWS (May 2024) publishes pay for SOC 29-1141 ..." */
static void scope_sentence(pk_buf *t, const pk_record *r, const pk_sources *s, const pk_figure *f,
                           const char *what)
{
    if (!pk_scope_disclosed(f->scope) || f->scope->kind == PK_SCOPE_TASK) return;
    pk_buf who = PK_BUF_INIT;
    pk_source_labels(&who, s, f->source);
    pk_buf_printf(t, " For %s, ", r->title);
    pk_say_scope(t, f->scope, who.data, what);
    pk_buf_fini(&who);
}

/* Both sides' disclosures, after a claim: one sentence when the two figures are one wider
 * code's ("For both, BLS OEWS (May 2024) publishes pay for SOC 29-1229 ..., which covers both
 * and 5 other occupations."), else each side's. */
static void scope_sentences(pk_buf *t, const pk_record *ra, const pk_record *rb,
                            const pk_sources *s, const pk_figure *fa, const pk_figure *fb,
                            const char *what)
{
    if (pk_scope_same_group(fa->scope, fb->scope)) {
        pk_buf who = PK_BUF_INIT;
        pk_source_labels(&who, s, fb->source);
        pk_buf_adds(t, " For both, ");
        pk_say_scope_both(t, fb->scope, who.data, what);
        pk_buf_fini(&who);
        return;
    }
    scope_sentence(t, ra, s, fa, what);
    scope_sentence(t, rb, s, fb, what);
}

static pk_claim *claim(pk_kit *k, const char *id)
{
    pk_claim *c = &k->claims[k->n_claims++];
    c->id = id;
    return c;
}

void pk_compare_kit(pk_kit *k, const pk_record *const r[2], const pk_sources *s)
{
    memset(k, 0, sizeof *k);
    pk_buf t = PK_BUF_INIT, src = PK_BUF_INIT;
    bool hourly = pk_compare_pay_hourly(r);
    const pk_figure *pay[2][3];
    pk_compare_pay(r[0], hourly, pay[0]);
    pk_compare_pay(r[1], hourly, pay[1]);
    const pk_figure *m0 = pay[0][0], *m1 = pay[1][0];
    int dec = hourly ? 2 : 0;
    const char *per = hourly ? "an hour" : "a year";
    bool both_pay = m0->status == PK_FIG_OK && m1->status == PK_FIG_OK;
    const pk_figure *ov0 = &r[0]->exposure.task_overlap, *ov1 = &r[1]->exposure.task_overlap;
    bool both_ov = ov0->status == PK_FIG_OK && ov1->status == PK_FIG_OK;

    /* the headline: the pay gap, else the overlap gap, else the pair */
    /* a figure published for a wider code than the occupation's own never heads the kit
     * (docs/kit.md, "Headline"): a headline has no room to say whom it describes */
    bool own_pay = !pk_scope_disclosed(m0->scope) && !pk_scope_disclosed(m1->scope);
    bool own_ov = !pk_scope_disclosed(ov0->scope) && !pk_scope_disclosed(ov1->scope);
    if (both_pay && own_pay && m0->value != m1->value) {
        int h = higher(r, m0->value, m1->value);
        pk_figure d = *pay[h][0];
        d.value = pay[h][0]->value - pay[!h][0]->value;
        pk_buf_printf(&t, "%s earn a median ", title_of(r[h]));
        pk_fmt_figure(&t, &d, dec, 0);
        pk_buf_printf(&t, " more %s than %s", per, title_of(r[!h]));
    } else if (both_ov && own_ov && ov0->value != ov1->value) {
        int h = higher(r, ov0->value, ov1->value);
        const pk_figure *oh = h ? ov1 : ov0, *ol = h ? ov0 : ov1;
        pk_buf_printf(&t, "%s show ", title_of(r[h]));
        pk_fmt_rank(&t, oh->value);
        pk_buf_printf(&t, "-percentile AI task overlap, %s the ", title_of(r[!h]));
        pk_fmt_rank(&t, ol->value);
    } else {
        int h = higher(r, 0, 0);
        pk_buf_printf(&t, "%s and %s, side by side", title_of(r[h]), title_of(r[!h]));
    }
    k->headline = pk_buf_take(&t);

    /* pay */
    if (both_pay) {
        pk_claim *c = claim(k, "pay");
        int h = higher(r, m0->value, m1->value);
        if (m0->value == m1->value) {
            pk_buf_printf(&t, "%s and %s have the same median %s pay, ", title_of(r[h]),
                          title_of(r[!h]), hourly ? "hourly" : "annual");
            pk_fmt_figure(&t, m0, dec, 0);
            pk_buf_addc(&t, '.');
        } else {
            pk_buf_printf(&t, "Median %s pay for %s (", hourly ? "hourly" : "annual",
                          title_of(r[h]));
            pk_fmt_figure(&t, pay[h][0], dec, 0);
            pk_buf_adds(&t, ") is ");
            gap(&t, pay[h][0], pay[!h][0], dec);
            pk_buf_printf(&t, " more than for %s (", title_of(r[!h]));
            pk_fmt_figure(&t, pay[!h][0], dec, 0);
            pk_buf_adds(&t, ").");
        }
        scope_sentences(&t, r[h], r[!h], s, pay[h][0], pay[!h][0], "pay");
        ids_join(&src, s, pay[h][0]->source, pay[!h][0]->source);
        c->text = pk_buf_take(&t);
        c->source = pk_buf_take(&src);
    }
    /* openings and change, when both have a projection */
    const pk_outlook *o[2] = {&r[0]->outlook, &r[1]->outlook};
    if (o[0]->present && o[1]->present && o[0]->openings.status == PK_FIG_OK &&
        o[1]->openings.status == PK_FIG_OK) {
        pk_claim *c = claim(k, "openings");
        int h = higher(r, o[0]->openings.value, o[1]->openings.value);
        pk_buf_printf(&t, "%s are projected to see about ", title_of(r[h]));
        pk_fmt_count_words(&t, o[h]->openings.value);
        pk_buf_printf(&t, " U.S. job openings a year, %s about ", title_of(r[!h]));
        pk_fmt_count_words(&t, o[!h]->openings.value);
        pk_buf_adds(&t, " (");
        pk_fmt_year_range(&t, o[h]->base_year, o[h]->target_year);
        pk_buf_adds(&t, "), counting growth and replacement" EM
                        "labor-demand projections made independently of AI.");
        scope_sentences(&t, r[h], r[!h], s, &o[h]->openings, &o[!h]->openings,
                        "employment projections");
        ids_join(&src, s, o[h]->openings.source, o[!h]->openings.source);
        c->text = pk_buf_take(&t);
        c->source = pk_buf_take(&src);
    }
    if (o[0]->present && o[1]->present && o[0]->change.status == PK_FIG_OK &&
        o[1]->change.status == PK_FIG_OK) {
        pk_claim *c = claim(k, "change");
        int h = higher(r, o[0]->change.value, o[1]->change.value);
        pk_buf_adds(&t, "Employment is projected to change by ");
        pk_fmt_figure(&t, &o[h]->change, 1, 0);
        pk_buf_printf(&t, " for %s and by ", title_of(r[h]));
        pk_fmt_figure(&t, &o[!h]->change, 1, 0);
        pk_buf_printf(&t, " for %s from %ld to %ld.", title_of(r[!h]), o[h]->base_year,
                      o[h]->target_year);
        ids_join(&src, s, o[h]->change.source, o[!h]->change.source);
        c->text = pk_buf_take(&t);
        c->source = pk_buf_take(&src);
    }
    if (both_ov) {
        pk_claim *c = claim(k, "task_overlap");
        int h = higher(r, ov0->value, ov1->value);
        const pk_figure *oh = h ? ov1 : ov0, *ol = h ? ov0 : ov1;
        pk_buf_printf(&t, "%s rank in the ", title_of(r[h]));
        pk_fmt_rank(&t, oh->value);
        pk_buf_printf(&t, " percentile for AI task overlap and %s in the ", title_of(r[!h]));
        pk_fmt_rank(&t, ol->value);
        pk_buf_adds(&t, EM "a measure of how much of the work today's AI can attempt, not how "
                        "much is automated.");
        ids_join(&src, s, oh->source, ol->source);
        c->text = pk_buf_take(&t);
        c->source = pk_buf_take(&src);
    }
    const pk_howto *g[2] = {&r[0]->how_to_get_in, &r[1]->how_to_get_in};
    if (g[0]->present && g[1]->present && g[0]->job_zone.status == PK_FIG_OK &&
        g[1]->job_zone.status == PK_FIG_OK) {
        pk_claim *c = claim(k, "job_zone");
        int h = higher(r, g[0]->job_zone.value, g[1]->job_zone.value);
        if (g[0]->job_zone.value == g[1]->job_zone.value)
            pk_buf_printf(&t, "%s and %s are both in O*NET job zone %.0f of 5.", title_of(r[h]),
                          title_of(r[!h]), g[h]->job_zone.value);
        else
            pk_buf_printf(&t, "O*NET puts %s in job zone %.0f of 5 and %s in job zone %.0f: "
                              "the higher the zone, the more preparation the work needs.",
                          title_of(r[h]), g[h]->job_zone.value, title_of(r[!h]),
                          g[!h]->job_zone.value);
        ids_join(&src, s, g[h]->job_zone.source, g[!h]->job_zone.source);
        c->text = pk_buf_take(&t);
        c->source = pk_buf_take(&src);
    }
    /* whether O*NET lists one as related to the other */
    for (int side = 0; side < 2 && k->n_claims < PK_KIT_MAX_CLAIMS; side++) {
        int h = higher(r, 0, 0), i = side ? !h : h;
        const pk_quadrant *q = &r[i]->quadrant;
        for (size_t j = 0; j < q->n_related; j++)
            if (q->related[j].soc && strcmp(q->related[j].soc, r[!i]->soc) == 0) {
                pk_claim *c = claim(k, "related");
                pk_buf_printf(&t, "O*NET lists %s among the occupations related to %s.",
                              title_of(r[!i]), title_of(r[i]));
                pk_source_labels(&src, s, r[i]->text_source);
                c->text = pk_buf_take(&t);
                c->source = pk_buf_take(&src);
                break;
            }
    }
    pk_buf_adds(&t, "Sources: ");
    bool *used = calloc(s->n_items ? s->n_items : 1, sizeof *used);
    bool *u1 = calloc(s->n_items ? s->n_items : 1, sizeof *u1);
    if (!used || !u1) pk_out_of_memory(0);
    pk_sources_used(r[0], s, used);
    pk_sources_used(r[1], s, u1);
    size_t n = 0;
    for (size_t i = 0; i < s->n_items; i++)
        if (used[i] || u1[i]) pk_buf_printf(&t, "%s%s", n++ ? "; " : "", s->items[i].cite_as
                                                                            ? s->items[i].cite_as
                                                                            : s->items[i].id);
    pk_buf_addc(&t, '.');
    free(used);
    free(u1);
    k->source_line = pk_buf_take(&t);
    k->note = pk_xstrdup("Note: the same data for both, on the same scales, and no forecast. AI "
                         "task overlap measures what today's AI can attempt, not automation, job "
                         "loss, or a forecast.");
    pk_buf_fini(&t);
    pk_buf_fini(&src);
}

/* ---- the document builder ---- */

typedef struct fig_claim {
    const pk_figure *f;
    const char *id; /* "29-1141.00/wages.median", in the document's arena */
} fig_claim;

typedef struct cb {
    const pk_record *const *r;
    const pk_sources *s;
    const char *na; /* "not available" in the template's words */
    int paged;      /* for the PDF, how tight (pk_compare_doc): 0 not for the PDF */
    pk_doc *doc;
    pk_arena *a;
    pk_doc_node **next_sec, **tail, *pt;
    pk_doc_span *sp;
    size_t n_sp, cap_sp;
    bool *cited; /* the registry's sources the document has stamped */
    fig_claim *claims[2];
    size_t n_claims[2], cap_claims[2];
    int side;  /* whose figures the claim walk is noting */
    int first; /* the side with the lower code: lists and notes of both go in its order, so
                  that A vs. B says what B vs. A says, only its columns swapped */
} cb;

static int note_claim(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    (void)label;
    cb *b = ctx;
    int i = b->side;
    if (b->n_claims[i] == b->cap_claims[i]) {
        b->cap_claims[i] = b->cap_claims[i] ? 2 * b->cap_claims[i] : 256;
        b->claims[i] = realloc(b->claims[i], b->cap_claims[i] * sizeof *b->claims[i]);
        if (!b->claims[i]) pk_out_of_memory(0);
    }
    pk_buf id = PK_BUF_INIT;
    pk_buf_printf(&id, "%s/%s", b->r[i]->soc, claim_id);
    b->claims[i][b->n_claims[i]++] = (fig_claim){f, pk_arena_strdup(b->a, id.data)};
    pk_buf_fini(&id);
    return 0;
}

static const char *claim_of(const cb *b, const pk_figure *f)
{
    for (int i = 0; i < 2; i++)
        for (size_t k = 0; k < b->n_claims[i]; k++)
            if (b->claims[i][k].f == f) return b->claims[i][k].id;
    return NULL;
}

static void cite_ids(cb *b, const char *ids)
{
    for (const char *p = ids; p && *p;) {
        size_t n = strcspn(p, "+");
        for (size_t i = 0; i < b->s->n_items; i++)
            if (strlen(b->s->items[i].id) == n && strncmp(b->s->items[i].id, p, n) == 0)
                b->cited[i] = true;
        p += n;
        if (*p == '+') p++;
    }
}

static void span(cb *b, pk_doc_span_kind kind, const char *text, const char *ids,
                 const char *claim_id, const char *url)
{
    if (!text || !*text) return;
    if (b->n_sp == b->cap_sp) {
        b->cap_sp = b->cap_sp ? 2 * b->cap_sp : 32;
        b->sp = realloc(b->sp, b->cap_sp * sizeof *b->sp);
        if (!b->sp) pk_out_of_memory(0);
    }
    b->sp[b->n_sp++] = (pk_doc_span){kind, pk_arena_strdup(b->a, text),
                                     ids ? pk_arena_strdup(b->a, ids) : NULL, claim_id,
                                     url ? pk_arena_strdup(b->a, url) : NULL};
}

static void txt(cb *b, const char *t)
{
    span(b, PK_SPAN_TEXT, t, NULL, NULL, NULL);
}

static void strong(cb *b, const char *t)
{
    span(b, PK_SPAN_STRONG, t, NULL, NULL, NULL);
}

static void small(cb *b, const char *t)
{
    span(b, PK_SPAN_NOTE, t, NULL, NULL, NULL);
}

/* How a figure's cell reads: its value; its value and its percentile rank among `population`
 * occupations; its rank alone (a study's score means little beside the others'). */
enum { AS_VALUE, AS_VALUE_RANK, AS_RANK };

/* A figure as printed ("not available" when the record lacks it or BLS suppressed it), with
 * its claim id. */
static void figure_span(cb *b, const pk_figure *f, int dec, int as)
{
    bool rank = as != AS_VALUE;
    pk_buf v = PK_BUF_INIT;
    if (!f || !pk_fig_has(f)) {
        pk_buf_adds(&v, b->na);
        span(b, PK_SPAN_FIGURE, v.data, f && f->source ? f->source : NULL,
             f && f->status != PK_FIG_ABSENT ? claim_of(b, f) : NULL, NULL);
        pk_buf_fini(&v);
        return;
    }
    if (as == AS_RANK && pk_fig_rank(f) >= 0) {
        pk_fmt_rank(&v, f->percentile);
        span(b, PK_SPAN_FIGURE, v.data, f->source, claim_of(b, f), NULL);
        cite_ids(b, f->source);
        pk_buf_reset(&v);
        pk_buf_adds(&v, " percentile");
        if (f->population) pk_buf_printf(&v, " of %zu", f->population);
        small(b, v.data);
        rank = false;
    } else {
        pk_fmt_figure(&v, f, dec, 0);
        span(b, PK_SPAN_FIGURE, v.data, f->source, claim_of(b, f), NULL);
        cite_ids(b, f->source);
    }
    if (rank && pk_fig_rank(f) >= 0 && f->unit != PK_UNIT_PERCENTILE) {
        pk_buf_reset(&v);
        pk_buf_adds(&v, ", ");
        pk_fmt_rank(&v, f->percentile);
        pk_buf_adds(&v, " percentile");
        if (f->population) pk_buf_printf(&v, " of %zu", f->population);
        small(b, v.data);
    } else if (f->unit == PK_UNIT_PERCENTILE) {
        pk_buf_reset(&v);
        pk_buf_adds(&v, " percentile");
        if (f->population) pk_buf_printf(&v, " of %zu", f->population);
        small(b, v.data);
    }
    if (f->band) {
        pk_buf_reset(&v);
        pk_buf_printf(&v, " (%s)", f->band);
        small(b, v.data);
    }
    pk_buf_fini(&v);
}

/* " [BLS OEWS (May 2024)]" */
static void stamp(cb *b, const char *ids)
{
    if (!ids) return;
    cite_ids(b, ids);
    pk_buf lab = PK_BUF_INIT;
    pk_buf_adds(&lab, " [");
    pk_source_labels(&lab, b->s, ids);
    pk_buf_adds(&lab, "]");
    span(b, PK_SPAN_SOURCE, lab.data, ids, NULL, NULL);
    pk_buf_fini(&lab);
}

static pk_doc_spans take(cb *b)
{
    pk_doc_spans s = {pk_arena_alloc(b->a, (b->n_sp ? b->n_sp : 1) * sizeof *s.v), b->n_sp};
    if (b->n_sp) memcpy(s.v, b->sp, b->n_sp * sizeof *s.v);
    b->n_sp = 0;
    return s;
}

static pk_doc_node *block(cb *b, pk_doc_kind kind)
{
    pk_doc_node *n = pk_arena_alloc(b->a, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    *b->tail = n;
    b->tail = &n->next;
    return n;
}

/* The spans gathered: the last table's note, or a paragraph of `style`. */
static void flush(cb *b, pk_doc_para_style style)
{
    if (b->pt) {
        b->pt->table.note = take(b);
        b->pt = NULL;
        return;
    }
    if (!b->n_sp) return;
    pk_doc_node *n = block(b, PK_DOC_PARA);
    n->style = style;
    n->spans = take(b);
}

static void para(cb *b)
{
    flush(b, PK_PARA_BODY);
}

static void item(cb *b)
{
    b->pt = NULL;
    flush(b, PK_PARA_ITEM);
}

static void heading(cb *b, int level, const char *text)
{
    b->pt = NULL;
    pk_doc_node *n = block(b, PK_DOC_HEADING);
    n->level = level;
    n->text = pk_arena_strdup(b->a, text);
    pk_doc_span *sp = pk_arena_alloc(b->a, sizeof *sp);
    *sp = (pk_doc_span){PK_SPAN_TEXT, n->text, NULL, NULL, NULL};
    n->spans = (pk_doc_spans){sp, 1};
}

/* Ends the section being built and starts section `id` (in `columns` on a page; 0: the
 * page's). */
static pk_doc_node *section_in(cb *b, const char *id, const char *title, long columns)
{
    flush(b, PK_PARA_BODY);
    b->pt = NULL;
    pk_doc_node *sec = pk_arena_alloc(b->a, sizeof *sec);
    memset(sec, 0, sizeof *sec);
    sec->kind = PK_DOC_SECTION;
    sec->id = id;
    sec->text = title;
    sec->columns = columns;
    *b->next_sec = sec;
    b->next_sec = &sec->next;
    b->tail = &sec->children;
    if (title) heading(b, 2, title);
    return sec;
}

static void section(cb *b, const char *id, const char *title)
{
    section_in(b, id, title, 0);
}

static void chart(cb *b, const char *name)
{
    if (!pk_compare_chart_has(name, b->r)) return;
    b->pt = NULL;
    pk_doc_node *n = block(b, PK_DOC_FIGURE);
    n->text = name;
}

/* ---- tables: Measure | A | B ---- */

typedef struct tbl {
    pk_doc_spans *cells;
    size_t n, cap;
    pk_buf ids; /* the sources of the figures shown, for the note */
} tbl;

static void cell(cb *b, tbl *x)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 32;
        x->cells = realloc(x->cells, x->cap * sizeof *x->cells);
        if (!x->cells) pk_out_of_memory(0);
    }
    x->cells[x->n++] = take(b);
}

static void add_ids(tbl *x, const char *ids)
{
    for (const char *p = ids; p && *p;) {
        size_t n = strcspn(p, "+");
        bool seen = false;
        for (const char *q = x->ids.len ? x->ids.data : ""; *q && !seen;) {
            size_t m = strcspn(q, "+");
            seen = m == n && strncmp(p, q, n) == 0;
            q += m;
            if (*q == '+') q++;
        }
        if (!seen) {
            if (x->ids.len) pk_buf_addc(&x->ids, '+');
            pk_buf_add(&x->ids, p, n);
        }
        p += n;
        if (*p == '+') p++;
    }
}

/* One row: its label, then each side's figure. */
static void row_figs(cb *b, tbl *x, const char *label, const pk_figure *f0, const pk_figure *f1,
                     int dec, int as)
{
    txt(b, label);
    cell(b, x);
    const pk_figure *f[2] = {f0, f1};
    for (int i = 0; i < 2; i++) {
        figure_span(b, f[i], dec, as);
        cell(b, x);
    }
    for (int k = 0; k < 2; k++) {
        int i = k ? !b->first : b->first;
        if (f[i] && pk_fig_has(f[i])) add_ids(x, f[i]->source);
    }
}

/* One row of texts (NULL: not available). */
static void row_texts(cb *b, tbl *x, const char *label, const char *t0, const char *t1,
                      const char *src0, const char *src1)
{
    txt(b, label);
    cell(b, x);
    const char *t[2] = {t0, t1}, *sr[2] = {src0, src1};
    for (int i = 0; i < 2; i++) {
        if (t[i] && *t[i]) txt(b, t[i]);
        else small(b, b->na);
        cell(b, x);
    }
    for (int k = 0; k < 2; k++) {
        int i = k ? !b->first : b->first;
        if (t[i] && *t[i] && sr[i]) add_ids(x, sr[i]);
    }
}

static void table_end(cb *b, tbl *x, const char *name, const char *caption)
{
    b->pt = NULL;
    pk_doc_node *n = block(b, PK_DOC_TABLE);
    pk_doc_table *t = &n->table;
    t->name = pk_arena_strdup(b->a, name);
    t->caption = pk_arena_strdup(b->a, caption);
    pk_buf cont = PK_BUF_INIT;
    pk_buf_printf(&cont, "%s (continued)", caption);
    t->cont = pk_arena_strdup(b->a, cont.data);
    pk_buf_fini(&cont);
    t->n_cols = 3;
    t->n_rows = x->n / 3;
    double *fr = pk_arena_alloc(b->a, 3 * sizeof *fr);
    pk_align *al = pk_arena_alloc(b->a, 3 * sizeof *al);
    const char **hd = pk_arena_alloc(b->a, 3 * sizeof *hd);
    fr[0] = 0.34, fr[1] = 0.33, fr[2] = 0.33;
    al[0] = PK_ALIGN_LEFT, al[1] = PK_ALIGN_LEFT, al[2] = PK_ALIGN_LEFT;
    hd[0] = t->caption;
    hd[1] = b->r[0]->title;
    hd[2] = b->r[1]->title;
    t->col_frac = fr;
    t->col_align = al;
    t->head = hd;
    t->cells = pk_arena_alloc(b->a, (x->n ? x->n : 1) * sizeof *t->cells);
    if (x->n) memcpy(t->cells, x->cells, x->n * sizeof *t->cells);
    free(x->cells);
    x->cells = NULL;
    x->n = x->cap = 0;
    b->pt = n;
    /* its note: the sources of what it shows */
    if (x->ids.len) {
        pk_buf lab = PK_BUF_INIT;
        pk_buf_adds(&lab, "Source: ");
        pk_source_labels(&lab, b->s, x->ids.data);
        cite_ids(b, x->ids.data);
        span(b, PK_SPAN_NOTE, lab.data, x->ids.data, NULL, NULL);
        pk_buf_fini(&lab);
    }
    pk_buf_fini(&x->ids);
}

/* Whom figures describe, for each side that needs a word: a small paragraph (or the table's
 * note goes on with it). */
static void scope_notes(cb *b, const pk_figure *const f[2], const char *what)
{
    if (f[0] && f[1] && pk_scope_same_group(f[0]->scope, f[1]->scope)) {
        pk_buf t = PK_BUF_INIT, who = PK_BUF_INIT;
        pk_source_labels(&who, b->s, f[1]->source);
        pk_buf_printf(&t, "%sBoth: ", b->n_sp ? ". " : "");
        pk_say_scope_both(&t, f[1]->scope, who.data, what);
        small(b, t.data);
        pk_buf_fini(&t);
        pk_buf_fini(&who);
        return;
    }
    bool said = false; /* a sentence of ours ends with its full stop */
    for (int k = 0; k < 2; k++) {
        int i = k ? !b->first : b->first;
        if (!f[i] || !pk_scope_disclosed(f[i]->scope) || f[i]->scope->kind == PK_SCOPE_TASK)
            continue;
        pk_buf t = PK_BUF_INIT, who = PK_BUF_INIT;
        pk_source_labels(&who, b->s, f[i]->source);
        pk_buf_printf(&t, "%s%s: ", said ? " " : b->n_sp ? ". " : "", b->r[i]->title);
        pk_say_scope(&t, f[i]->scope, who.data, what);
        said = true;
        small(b, t.data);
        pk_buf_fini(&t);
        pk_buf_fini(&who);
    }
}

/* ---- sections ---- */

static void header(cb *b, const pk_template *t, const pk_kit *k)
{
    section(b, "header", NULL);
    if (t && (t->masthead || t->logo_data)) block(b, PK_DOC_MASTHEAD);
    heading(b, 1, b->doc->title);
    pk_buf line = PK_BUF_INIT;
    pk_buf_printf(&line, "Side by side" MIDDOT "SOC %s and SOC %s", b->r[0]->soc, b->r[1]->soc);
    span(b, PK_SPAN_LEAD, line.data, NULL, NULL, NULL);
    pk_buf_fini(&line);
    para(b);
    txt(b, "Two occupations' pay, outlook, preparation, skills and AI exposure on the same "
           "scales: the same data for both, and no forecast. A figure one of them lacks is "
           "marked not available for that one.");
    flush(b, PK_PARA_LEAD);
    txt(b, k->headline);
    flush(b, PK_PARA_HEADLINE);
    for (size_t i = 0; i < k->n_claims; i++) {
        txt(b, k->claims[i].text);
        pk_buf s = PK_BUF_INIT;
        pk_buf_printf(&s, " (%s)", k->claims[i].source);
        small(b, s.data);
        pk_buf_fini(&s);
        item(b);
    }
}

static void pay(cb *b)
{
    const pk_record *const *r = b->r;
    bool hourly = pk_compare_pay_hourly(r);
    const pk_figure *f[2][3];
    pk_compare_pay(r[0], hourly, f[0]);
    pk_compare_pay(r[1], hourly, f[1]);
    section(b, "wages", "Pay");
    const pk_figure *m0 = f[0][0], *m1 = f[1][0];
    int dec = hourly ? 2 : 0;
    if (m0->status == PK_FIG_OK && m1->status == PK_FIG_OK && m0->value != m1->value) {
        int h = higher(r, m0->value, m1->value);
        pk_buf t = PK_BUF_INIT;
        txt(b, "The difference in median pay: ");
        gap(&t, f[h][0], f[!h][0], dec);
        t.len--; /* the gap's trailing comma */
        t.data[t.len] = '\0';
        strong(b, t.data);
        pk_buf_reset(&t);
        pk_buf_printf(&t, " more %s for %s than for %s.", hourly ? "an hour" : "a year",
                      r[h]->title, r[!h]->title);
        txt(b, t.data);
        stamp(b, f[h][0]->source);
        pk_buf_fini(&t);
        para(b);
    }
    if (hourly) {
        txt(b, "BLS publishes only hourly wages for ");
        txt(b, r[0]->wages.hourly_only ? r[0]->title : r[1]->title);
        txt(b, " (work that is seldom full-time and year-round), so both are compared by the "
               "hour.");
        para(b);
    }
    if (b->paged != PK_COMPARE_TABLES) chart(b, "compare-wages");
    tbl x = {0};
    const pk_wages *w[2] = {&r[0]->wages, &r[1]->wages};
    row_figs(b, &x, hourly ? "Median hourly wage" : "Median annual wage", f[0][0], f[1][0], dec,
             AS_VALUE_RANK);
    row_figs(b, &x, "10th percentile", f[0][1], f[1][1], dec, AS_VALUE);
    if (hourly)
        row_figs(b, &x, "25th percentile", &w[0]->hourly.p25, &w[1]->hourly.p25, dec, AS_VALUE);
    else
        row_figs(b, &x, "25th percentile", &w[0]->p25, &w[1]->p25, dec, AS_VALUE);
    if (hourly)
        row_figs(b, &x, "75th percentile", &w[0]->hourly.p75, &w[1]->hourly.p75, dec, AS_VALUE);
    else
        row_figs(b, &x, "75th percentile", &w[0]->p75, &w[1]->p75, dec, AS_VALUE);
    row_figs(b, &x, "90th percentile", f[0][2], f[1][2], dec, AS_VALUE);
    row_figs(b, &x, "Employment", &w[0]->employment, &w[1]->employment, 0, AS_VALUE);
    table_end(b, &x, "the pay table", "Pay");
    const pk_figure *sc[2] = {f[0][0], f[1][0]};
    scope_notes(b, sc, "pay");
    para(b);
}

static void outlook(cb *b)
{
    const pk_record *const *r = b->r;
    const pk_outlook *o[2] = {&r[0]->outlook, &r[1]->outlook};
    if (!o[0]->present && !o[1]->present) return;
    section(b, "outlook", "Job outlook");
    tbl x = {0};
    pk_buf p[2] = {PK_BUF_INIT, PK_BUF_INIT};
    for (int i = 0; i < 2; i++)
        if (o[i]->present) pk_fmt_year_range(&p[i], o[i]->base_year, o[i]->target_year);
    row_texts(b, &x, "Projection period", o[0]->present ? p[0].data : NULL,
              o[1]->present ? p[1].data : NULL, NULL, NULL);
    row_figs(b, &x, "Employment, base year", o[0]->present ? &o[0]->employment_base : NULL,
             o[1]->present ? &o[1]->employment_base : NULL, 0, AS_VALUE);
    row_figs(b, &x, "Employment, projected", o[0]->present ? &o[0]->employment_target : NULL,
             o[1]->present ? &o[1]->employment_target : NULL, 0, AS_VALUE);
    row_figs(b, &x, "Projected change", o[0]->present ? &o[0]->change : NULL,
             o[1]->present ? &o[1]->change : NULL, 1, AS_VALUE);
    row_figs(b, &x, "Openings a year", o[0]->present ? &o[0]->openings : NULL,
             o[1]->present ? &o[1]->openings : NULL, 0, AS_VALUE);
    row_texts(b, &x, "BLS outlook", o[0]->present ? o[0]->label : NULL,
              o[1]->present ? o[1]->label : NULL, o[0]->change.source, o[1]->change.source);
    table_end(b, &x, "the outlook table", "Job outlook");
    const pk_figure *sc[2] = {o[0]->present ? &o[0]->change : NULL,
                              o[1]->present ? &o[1]->change : NULL};
    scope_notes(b, sc, "employment projections");
    para(b);
    pk_buf_fini(&p[0]);
    pk_buf_fini(&p[1]);
}

/* The higher of an item's two figures first, then by name: an order of the pair, not of A. */
static int by_higher(const void *x, const void *y)
{
    const pk_pair_item *a = x, *b = y;
    double va = -1, vb = -1;
    for (int i = 0; i < 2; i++) {
        if (a->f[i] && pk_fig_has(a->f[i])) va = fmax(va, a->f[i]->value);
        if (b->f[i] && pk_fig_has(b->f[i])) vb = fmax(vb, b->f[i]->value);
    }
    if (va != vb) return va > vb ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void preparation(cb *b)
{
    const pk_record *const *r = b->r;
    const pk_howto *g[2] = {&r[0]->how_to_get_in, &r[1]->how_to_get_in};
    section(b, "get_in", "Preparation");
    tbl x = {0};
    row_figs(b, &x, "Job zone (1 to 5)", g[0]->present ? &g[0]->job_zone : NULL,
             g[1]->present ? &g[1]->job_zone : NULL, 0, AS_VALUE);
    row_texts(b, &x, "Job zone means", g[0]->present ? g[0]->job_zone_title : NULL,
              g[1]->present ? g[1]->job_zone_title : NULL, g[0]->source, g[1]->source);
    const pk_text *ee[2] = {&r[0]->outlook.entry_education, &r[1]->outlook.entry_education};
    row_texts(b, &x, "Typical entry education (BLS)", ee[0]->present ? ee[0]->text : NULL,
              ee[1]->present ? ee[1]->text : NULL, ee[0]->source, ee[1]->source);
    row_texts(b, &x, "SVP (specific vocational preparation)", g[0]->present ? g[0]->svp : NULL,
              g[1]->present ? g[1]->svp : NULL, g[0]->source, g[1]->source);
    row_texts(b, &x, "Related experience", g[0]->present ? g[0]->experience : NULL,
              g[1]->present ? g[1]->experience : NULL, g[0]->source, g[1]->source);
    table_end(b, &x, "the preparation table", "Preparation");
    para(b);
    /* the education of current workers: every level either has, both shares */
    const pk_list *e[2] = {&r[0]->education, &r[1]->education};
    if (!(e[0]->present && e[0]->n_items) && !(e[1]->present && e[1]->n_items)) return;
    heading(b, 3, "Education of current workers");
    pk_pair_item lv[64];
    size_t n = 0;
    for (int side = 0; side < 2; side++)
        for (size_t i = 0; e[side]->present && i < e[side]->n_items && n < 64; i++) {
            const pk_item *it = &e[side]->items[i];
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++) seen = strcmp(lv[j].name, it->name) == 0;
            if (seen) continue;
            lv[n] = (pk_pair_item){NULL, it->name, {NULL, NULL}};
            for (int k = 0; k < 2; k++)
                for (size_t j = 0; e[k]->present && j < e[k]->n_items && !lv[n].f[k]; j++)
                    if (strcmp(e[k]->items[j].name, it->name) == 0) lv[n].f[k] = &e[k]->items[j].fig;
            n++;
        }
    qsort(lv, n, sizeof *lv, by_higher);
    for (size_t i = 0; i < n; i++) row_figs(b, &x, lv[i].name, lv[i].f[0], lv[i].f[1], 1, AS_VALUE);
    table_end(b, &x, "the education table", "Level");
    para(b);
}

static void ksa(cb *b)
{
    pk_pair_item it[64];
    size_t n = pk_compare_ksa(b->r, it, 64);
    if (!n) return;
    section(b, "ksa", "Knowledge, skills and abilities");
    txt(b, "Importance to the job on O*NET's scale of 1 to 5, for each one's three most "
           "important items in each list, with the other's rating of the same item.");
    para(b);
    /* the chart, and the ratings as tables too, for a reader without the chart (compare.md;
     * compare.html has both). The PDF has one of them, so that the pages keep to four: the
     * chart, which prints every rating beside its row and says them all in its alternate
     * text, or, tighter, the tables, side by side, which take less room. The chart's
     * decimals, one rule for all of them. */
    if (b->paged < PK_COMPARE_TIGHT) chart(b, "compare-ksa");
    if (b->paged == PK_COMPARE_PAGED && pk_compare_chart_has("compare-ksa", b->r)) return;
    double v[128];
    size_t nv = 0;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            if (it[i].f[k] && pk_fig_has(it[i].f[k]) && nv < 128) v[nv++] = it[i].f[k]->value;
    int dec = pk_column_decimals(PK_UNIT_RATING, v, nv);
    /* no heading of its own (the chart's section names it), but a name for a screen reader */
    section_in(b, "ksa_ratings", NULL, 2)->text = "Knowledge, skills and abilities ratings";
    tbl x = {0};
    for (size_t i = 0; i < n; i++) {
        row_figs(b, &x, it[i].name, it[i].f[0], it[i].f[1], dec, AS_VALUE);
        if (i + 1 == n || strcmp(it[i + 1].kind, it[i].kind) != 0) {
            table_end(b, &x, "a knowledge, skills and abilities table", it[i].kind);
            para(b);
        }
    }
}

static void exposure(cb *b)
{
    const pk_record *const *r = b->r;
    pk_pair_item it[64];
    size_t n = pk_compare_studies(r, it, 64);
    const pk_ai_usage *u[2] = {&r[0]->ai_usage, &r[1]->ai_usage};
    if (!n && !u[0]->present && !u[1]->present) return;
    section(b, "exposure", "AI exposure");
    txt(b, "Each study's percentile rank among the U.S. occupations it scores, 0 to 100, for "
           "both: how much of the work today's AI could attempt, not automation, job loss or a "
           "forecast.");
    para(b);
    if (b->paged < PK_COMPARE_TIGHTEST) chart(b, "compare-exposure");
    tbl x = {0};
    for (size_t i = 0; i < n; i++)
        row_figs(b, &x, it[i].name, it[i].f[0], it[i].f[1], -1, AS_RANK);
    if (n) {
        table_end(b, &x, "the exposure table", "Study");
        const pk_figure *sc[2] = {NULL, NULL};
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 2; k++)
                if (!sc[k] && it[i].f[k] && pk_scope_disclosed(it[i].f[k]->scope) &&
                    it[i].f[k]->scope->kind != PK_SCOPE_TASK)
                    sc[k] = it[i].f[k];
        scope_notes(b, sc, "a score");
        para(b);
    }
    if (u[0]->present || u[1]->present) {
        heading(b, 3, "Observed AI use");
        row_figs(b, &x, "Augmentation (working with AI)", u[0]->present ? &u[0]->augmentation : NULL,
                 u[1]->present ? &u[1]->augmentation : NULL, 0, AS_VALUE);
        row_figs(b, &x, "Automation (handing work to AI)", u[0]->present ? &u[0]->automation : NULL,
                 u[1]->present ? &u[1]->automation : NULL, 0, AS_VALUE);
        row_figs(b, &x, "Below the release's sample floor", u[0]->present ? &u[0]->filtered : NULL,
                 u[1]->present ? &u[1]->filtered : NULL, 0, AS_VALUE);
        table_end(b, &x, "the observed AI use table", "Share of observed AI use");
        small(b, ". From one AI assistant's usage sample, not a census.");
        para(b);
    }
}

static bool has_text(const char *const *v, size_t n, const char *t)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], t) == 0) return true;
    return false;
}

static void related(cb *b)
{
    const pk_record *const *r = b->r;
    section(b, "related", "How they connect");
    for (int k = 0; k < 2; k++) {
        int i = k ? !b->first : b->first;
        const pk_quadrant *q = &r[i]->quadrant;
        bool listed = false;
        for (size_t j = 0; j < q->n_related && !listed; j++)
            listed = q->related[j].soc && strcmp(q->related[j].soc, r[!i]->soc) == 0;
        pk_buf t = PK_BUF_INIT;
        if (listed) {
            pk_buf_printf(&t, "O*NET lists %s among the occupations related to %s.",
                          r[!i]->title, r[i]->title);
        } else if (q->present && q->n_related) {
            pk_buf_printf(&t, "%s is not among the %zu occupations O*NET lists as related to %s",
                          r[!i]->title, q->n_related, r[i]->title);
            if (q->adjacent_total > (long)q->n_related)
                pk_buf_printf(&t, " (the %zu of %ld the data keeps)", q->n_related,
                              q->adjacent_total);
            pk_buf_addc(&t, '.');
        } else {
            pk_buf_printf(&t, "O*NET's related occupations of %s are not available.", r[i]->title);
        }
        txt(b, t.data);
        if (q->present && q->n_related) stamp(b, r[i]->text_source);
        item(b);
        pk_buf_fini(&t);
    }
    /* tasks worded the same in both, and technologies both use */
    /* in the order of the lower code's side: the same sentences whichever is A */
    const pk_record *o[2] = {r[b->first], r[!b->first]};
    const pk_list *tk[2] = {&o[0]->tasks, &o[1]->tasks};
    const char *shared[64];
    size_t n = 0;
    for (size_t i = 0; tk[0]->present && tk[1]->present && i < tk[0]->n_items && n < 64; i++)
        for (size_t j = 0; j < tk[1]->n_items; j++)
            if (strcmp(tk[0]->items[i].name, tk[1]->items[j].name) == 0 &&
                !has_text(shared, n, tk[0]->items[i].name)) {
                shared[n++] = tk[0]->items[i].name;
                break;
            }
    heading(b, 3, "Shared tasks");
    if (!tk[0]->present || !tk[1]->present) {
        txt(b, "The tasks of ");
        txt(b, !tk[0]->present ? o[0]->title : o[1]->title);
        txt(b, " are not available.");
        para(b);
    } else {
        pk_buf t = PK_BUF_INIT;
        pk_buf_printf(&t, "%zu task%s worded the same in both, of the %zu listed here for %s "
                          "and the %zu for %s", n, n == 1 ? " is" : "s are", tk[0]->n_items,
                      o[0]->title, tk[1]->n_items, o[1]->title);
        pk_buf_adds(&t, n ? ":" : ".");
        txt(b, t.data);
        stamp(b, tk[0]->source);
        para(b);
        for (size_t i = 0; i < n; i++) {
            txt(b, shared[i]);
            item(b);
        }
        pk_buf_fini(&t);
    }
    const pk_tools *tl[2] = {&o[0]->tools, &o[1]->tools};
    heading(b, 3, "Shared technologies");
    if (!tl[0]->present || !tl[1]->present) {
        txt(b, "The technologies of ");
        txt(b, !tl[0]->present ? o[0]->title : o[1]->title);
        txt(b, " are not available.");
        para(b);
        return;
    }
    n = 0;
    for (size_t i = 0; i < tl[0]->n_items && n < 64; i++)
        for (size_t j = 0; j < tl[1]->n_items; j++)
            if (strcmp(tl[0]->items[i].example, tl[1]->items[j].example) == 0 &&
                !has_text(shared, n, tl[0]->items[i].example)) {
                shared[n++] = tl[0]->items[i].example;
                break;
            }
    pk_buf t = PK_BUF_INIT;
    pk_buf_printf(&t, "%zu technolog%s both, of the %zu listed here for %s and the %zu for %s",
                  n, n == 1 ? "y appears in" : "ies appear in", tl[0]->n_items, o[0]->title,
                  tl[1]->n_items, o[1]->title);
    pk_buf_adds(&t, n ? ": " : ".");
    txt(b, t.data);
    for (size_t i = 0; i < n; i++) {
        if (i) txt(b, MIDDOT);
        txt(b, shared[i]);
    }
    stamp(b, tl[0]->source);
    para(b);
    pk_buf_fini(&t);
}

static void sources(cb *b)
{
    const pk_sources *s = b->s;
    section_in(b, "sources", "Sources", 2);
    for (size_t i = 0; i < s->n_items; i++) {
        if (!b->cited[i]) continue;
        const pk_source *x = &s->items[i];
        strong(b, x->short_label ? x->short_label : x->id);
        strong(b, ": ");
        pk_buf p = PK_BUF_INIT;
        pk_buf_printf(&p, "%s, %s", x->publisher, x->title);
        if (x->release) pk_buf_printf(&p, ", %s", x->release);
        if (x->year) pk_buf_printf(&p, " (%ld)", x->year);
        pk_buf_adds(&p, ". ");
        txt(b, p.data);
        if (x->url) {
            span(b, PK_SPAN_LINK, x->url, NULL, NULL, x->url);
            txt(b, " ");
        }
        pk_buf_reset(&p); /* the dates of access are the citations' (cite.txt) */
        /* an attribution several releases share (O*NET's) is said once, at its first */
        bool said = false;
        for (size_t j = 0; j < i && x->attribution && !said; j++)
            said = b->cited[j] && s->items[j].attribution &&
                   strcmp(s->items[j].attribution, x->attribution) == 0;
        if (x->attribution && !said) pk_buf_adds(&p, x->attribution);
        if (p.len) small(b, p.data);
        pk_buf_fini(&p);
        item(b);
    }
    small(b, "Where a publisher reports a figure for a wider code than the occupation's own, "
             "the note under it says so, for either occupation. No figure is a forecast.");
    para(b);
}

pk_doc *pk_compare_doc(const pk_record *const r[2], const pk_sources *s, const pk_template *t,
                       const pk_kit *k, int fit)
{
    pk_buf title = PK_BUF_INIT, soc = PK_BUF_INIT, run = PK_BUF_INIT;
    pk_buf_printf(&title, "%s vs. %s", r[0]->title, r[1]->title);
    pk_buf_printf(&soc, "%s vs. %s", r[0]->soc, r[1]->soc);
    pk_doc *doc = pk_doc_new(title.data, soc.data);
    pk_buf_printf(&run, "%s" MIDDOT "SOC %s", title.data, soc.data);
    doc->running = pk_arena_strdup(doc->arena, run.data);
    pk_buf_fini(&title);
    pk_buf_fini(&soc);
    pk_buf_fini(&run);
    cb b = {.r = r, .s = s, .na = t && t->labels.not_available ? t->labels.not_available
                                                                  : "not available",
            .doc = doc, .a = doc->arena, .next_sec = &doc->first, .paged = t ? fit : 0,
            .first = strcmp(r[0]->soc, r[1]->soc) <= 0 ? 0 : 1};
    b.cited = pk_arena_alloc(b.a, (s->n_items ? s->n_items : 1) * sizeof *b.cited);
    memset(b.cited, 0, (s->n_items ? s->n_items : 1) * sizeof *b.cited);
    for (b.side = 0; b.side < 2; b.side++) pk_record_each_figure(r[b.side], note_claim, &b);
    header(&b, t, k);
    pay(&b);
    outlook(&b);
    preparation(&b);
    ksa(&b);
    exposure(&b);
    related(&b);
    sources(&b);
    flush(&b, PK_PARA_BODY);
    free(b.sp);
    free(b.claims[0]);
    free(b.claims[1]);
    return doc;
}

/* ---- data.csv ---- */

typedef struct csv_ctx {
    pk_buf *out;
    const pk_record *r;
    const char **claims; /* the document's claim ids, sorted */
    size_t n;
} csv_ctx;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int csv_fig(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    csv_ctx *c = ctx;
    pk_buf id = PK_BUF_INIT;
    pk_buf_printf(&id, "%s/%s", c->r->soc, claim_id);
    const char *key = id.data;
    if (bsearch(&key, c->claims, c->n, sizeof *c->claims, cmp_str)) {
        pk_buf_adds(c->out, c->r->soc);
        pk_buf_addc(c->out, ',');
        pk_data_csv_row(c->out, claim_id, label, f);
    }
    pk_buf_fini(&id);
    return 0;
}

static void collect_claims(const pk_doc_spans *sp, const char ***v, size_t *n, size_t *cap)
{
    for (size_t i = 0; i < sp->n; i++) {
        if (sp->v[i].kind != PK_SPAN_FIGURE || !sp->v[i].claim) continue;
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            *v = realloc(*v, *cap * sizeof **v);
            if (!*v) pk_out_of_memory(0);
        }
        (*v)[(*n)++] = sp->v[i].claim;
    }
}

void pk_compare_csv(pk_buf *out, const pk_record *const r[2], const pk_doc *doc)
{
    const char **v = NULL;
    size_t n = 0, cap = 0;
    for (const pk_doc_node *sec = doc->first; sec; sec = sec->next)
        for (const pk_doc_node *nd = sec->children; nd; nd = nd->next) {
            collect_claims(&nd->spans, &v, &n, &cap);
            if (nd->kind == PK_DOC_TABLE) {
                for (size_t i = 0; i < nd->table.n_rows * nd->table.n_cols; i++)
                    collect_claims(&nd->table.cells[i], &v, &n, &cap);
                collect_claims(&nd->table.note, &v, &n, &cap);
            }
        }
    if (n) qsort(v, n, sizeof *v, cmp_str);
    pk_buf_adds(out, "soc," PK_DATA_CSV_HEAD "\r\n");
    for (int i = 0; i < 2; i++) {
        csv_ctx c = {out, r[i], v, n};
        pk_record_each_figure(r[i], csv_fig, &c);
    }
    free(v);
}

/* ---- the folder ---- */

typedef struct tools {
    const pk_record *const *r;
    const pk_sources *s;
    pk_fonts *fonts;
    pk_chart_style style;
    pk_buf svg, title, alt;
    int failed;
    pk_diag *d;
} tools;

static pk_scene *doc_chart(void *ctx, const char *name, const pk_chart_style *st, pk_diag *d)
{
    tools *tl = ctx;
    return pk_compare_chart_build(name, tl->r, tl->s, tl->fonts, st, d);
}

static double doc_chart_height(void *ctx, const char *name)
{
    tools *tl = ctx;
    return pk_compare_print_height(name, tl->r);
}

static bool html_chart(void *ctx, const char *name, double width, pk_html_chart *out)
{
    tools *tl = ctx;
    pk_chart_style st = tl->style;
    st.width = width;
    st.height = pk_compare_chart_height(name, tl->r, width);
    st.fit_height = true;
    pk_scene *sc = pk_compare_chart_build(name, tl->r, tl->s, tl->fonts, &st, tl->d);
    if (!sc) {
        tl->failed++;
        return false;
    }
    pk_buf_reset(&tl->svg);
    pk_buf_reset(&tl->title);
    pk_buf_reset(&tl->alt);
    int rc = pk_render(sc, "chart.svg", &tl->svg, tl->d);
    pk_buf_adds(&tl->title, sc->title ? sc->title : name);
    pk_buf_adds(&tl->alt, sc->desc ? sc->desc : "");
    pk_scene_free(sc);
    if (rc != 0) {
        tl->failed++;
        return false;
    }
    const char *svg = strstr(pk_buf_str(&tl->svg), "<svg");
    out->svg = svg ? svg : pk_buf_str(&tl->svg);
    out->title = pk_buf_str(&tl->title);
    out->alt = pk_buf_str(&tl->alt);
    return true;
}

/* compare.pdf: the document laid out in the template (up to four pages), tagged. */
static int compare_pdf(const pk_record *const r[2], const pk_sources *s, const pk_kit *k,
                       const pk_template *t, const pk_hyph *hyph, tools *tl,
                       const pk_doc_charts *charts, pk_buf *out, pk_diag *d)
{
    pk_template tt = *t;
    tt.page.max_pages = 4;
    /* the comparison as it is, then tighter, until it keeps to four pages: the layout's own
     * messages are the last try's */
    pk_brief *br = NULL;
    pk_doc *doc = NULL;
    for (int fit = PK_COMPARE_PAGED; fit <= PK_COMPARE_TABLES && !br; fit++) {
        pk_doc_free(doc);
        doc = pk_compare_doc(r, s, t, k, fit);
        doc->charts = charts;
        pk_diag quiet = PK_DIAG_INIT;
        br = pk_brief_layout_doc(doc, r[0], s, &tt, tl->fonts, hyph,
                                 fit == PK_COMPARE_TABLES ? d : &quiet);
        pk_diag_fini(&quiet);
    }
    if (!br) {
        pk_doc_free(doc);
        return -1;
    }
    pk_buf kw = PK_BUF_INIT;
    pk_buf_printf(&kw, "%s, %s, SOC %s, SOC %s, comparison, wages, employment projections, AI "
                       "exposure", r[0]->title, r[1]->title, r[0]->soc, r[1]->soc);
    pk_pdf_info info = {.title = doc->title,
                        .subject = "Two U.S. occupations side by side on the same scales, every "
                                   "figure with its source",
                        .author = t->author,
                        .keywords = kw.data};
    pk_brief_tags(br, &info);
    int rc = pk_pdf_write(pk_brief_scenes(br), pk_brief_pages(br), &info, out, d);
    pk_buf_fini(&kw);
    pk_brief_free(br);
    pk_doc_free(doc);
    return rc;
}

static void manifest(pk_buf *out, const pk_record *const r[2], const pk_sources *s,
                     const pk_outdir *o, const char *const *left, size_t n_left)
{
    pk_jw w;
    pk_jw_init(&w, out);
    pk_jw_begin_obj(&w, false);
    pk_jw_key(&w, "presskit_version");
    pk_jw_str(&w, PRESSKIT_VERSION);
    pk_jw_key(&w, "compare");
    pk_jw_begin_arr(&w, false);
    for (int i = 0; i < 2; i++) {
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "soc");
        pk_jw_str(&w, r[i]->soc);
        pk_jw_key(&w, "title");
        pk_jw_str(&w, r[i]->title);
        pk_jw_end_obj(&w);
    }
    pk_jw_end_arr(&w);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && strspn(sde, "0123456789") == strlen(sde)) {
        pk_jw_key(&w, "source_date_epoch");
        pk_jw_int(&w, strtol(sde, NULL, 10));
    }
    pk_jw_key(&w, "files");
    pk_jw_begin_arr(&w, false);
    for (size_t i = 0; i < o->n_files; i++) {
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "name");
        pk_jw_str(&w, o->files[i].name);
        pk_jw_key(&w, "bytes");
        pk_jw_int(&w, (long)o->files[i].bytes);
        pk_jw_key(&w, "sha256");
        pk_jw_str(&w, o->files[i].sha256);
        pk_jw_end_obj(&w);
    }
    pk_jw_end_arr(&w);
    if (n_left) {
        pk_jw_key(&w, "charts_left_out");
        pk_jw_begin_arr(&w, false);
        for (size_t i = 0; i < n_left; i++) {
            pk_jw_begin_obj(&w, true);
            pk_jw_key(&w, "chart");
            pk_jw_str(&w, left[i]);
            pk_jw_key(&w, "reason");
            pk_jw_str(&w, "neither record has figures for it");
            pk_jw_end_obj(&w);
        }
        pk_jw_end_arr(&w);
    }
    pk_jw_key(&w, "sources");
    pk_jw_begin_arr(&w, false);
    bool *u0 = calloc(s->n_items ? s->n_items : 1, sizeof *u0);
    bool *u1 = calloc(s->n_items ? s->n_items : 1, sizeof *u1);
    if (!u0 || !u1) pk_out_of_memory(0);
    pk_sources_used(r[0], s, u0);
    pk_sources_used(r[1], s, u1);
    for (size_t i = 0; i < s->n_items; i++) {
        if (!u0[i] && !u1[i]) continue;
        const pk_source *src = &s->items[i];
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "id");
        pk_jw_str(&w, src->id);
        if (src->release) {
            pk_jw_key(&w, "release");
            pk_jw_str(&w, src->release);
        }
        if (src->accessed) {
            pk_jw_key(&w, "accessed");
            pk_jw_str(&w, src->accessed);
        }
        pk_jw_end_obj(&w);
    }
    free(u0);
    free(u1);
    pk_jw_end_arr(&w);
    pk_jw_end_obj(&w);
    pk_jw_finish(&w);
}

/* charts/<name>.svg, .png, @2x.png and .alt.txt of each comparison chart with data, at its own
 * height for the 900 pt width of the kit's charts. */
static int write_charts(pk_outdir *o, tools *tl, unsigned formats, const char **left,
                        size_t *n_left, pk_diag *d)
{
    int rc = 0;
    pk_buf b = PK_BUF_INIT, name = PK_BUF_INIT;
    for (size_t k = 0; pk_compare_charts[k] && rc == 0; k++) {
        const char *c = pk_compare_charts[k];
        if (!pk_compare_chart_has(c, tl->r)) {
            left[(*n_left)++] = c;
            continue;
        }
        pk_chart_style st = tl->style;
        st.height = pk_compare_chart_height(c, tl->r, st.width);
        st.fit_height = true;
        pk_scene *sc = pk_compare_chart_build(c, tl->r, tl->s, tl->fonts, &st, d);
        if (!sc) {
            rc = -1;
            break;
        }
        static const struct { unsigned fmt; const char *suffix; } outs[] = {
            {PK_FORMAT_SVG, ".svg"}, {PK_FORMAT_PNG, ".png"}, {PK_FORMAT_PNG, "@2x.png"}};
        for (size_t i = 0; i < sizeof outs / sizeof outs[0] && rc == 0; i++) {
            if (!(formats & outs[i].fmt)) continue;
            pk_buf_reset(&b);
            pk_buf_reset(&name);
            pk_buf_printf(&name, "charts/%s%s", c, outs[i].suffix);
            rc = pk_render(sc, name.data, &b, d);
            if (rc == 0) rc = pk_outdir_write(o, name.data, b.data, b.len, d);
        }
        if (rc == 0) {
            pk_buf_reset(&name);
            pk_buf_printf(&name, "charts/%s.alt.txt", c);
            pk_buf_reset(&b);
            pk_text_add_line(&b, sc->desc ? sc->desc : "");
            pk_buf_addc(&b, '\n');
            rc = pk_outdir_write(o, name.data, b.data, b.len, d);
        }
        pk_scene_free(sc);
    }
    pk_buf_fini(&b);
    pk_buf_fini(&name);
    return rc;
}

/* The citations of the pair: each form's citation of A, then of B (the data sets both use
 * cited once, in one file of the form). */
static void cite_pair(pk_buf *out, pk_cite_style style, const pk_record *const r[2],
                      const pk_sources *s)
{
    pk_cite_records(out, style, r, 2, s);
}

int pk_compare_write(const pk_record *const r[2], const pk_sources *s, const char *dir,
                     unsigned formats, const char *layout, pk_diag *d)
{
    if (!formats) formats = PK_FORMAT_ALL;
    tools tl = {.r = r, .s = s, .svg = PK_BUF_INIT, .title = PK_BUF_INIT, .alt = PK_BUF_INIT,
                .d = d};
    const pk_hyph *hyph = NULL;
    const pk_template *t = NULL;
    if (formats & PK_FORMAT_PDF) {
        t = pk_presskit_layout(layout, d);
        if (!t) return -1;
    }
    if (pk_presskit_tools(&tl.fonts, &tl.style, &hyph, d) != 0) return -1;
    pk_outdir o;
    if (pk_outdir_open_staged(&o, dir, d) != 0) {
        pk_outdir_fini(&o);
        return -1;
    }
    pk_kit kit;
    pk_compare_kit(&kit, r, s);
    pk_doc_charts charts = {doc_chart, doc_chart_height, &tl};
    pk_buf b = PK_BUF_INIT;
    int rc = 0;
    if (formats & PK_FORMAT_PDF) {
        pk_diag pd = PK_DIAG_INIT;
        rc = compare_pdf(r, s, &kit, t, t->hyphenate ? hyph : NULL, &tl, &charts, &b, &pd);
        for (size_t i = 0; i < pd.n; i++) {
            const char *m = pd.msgs[i].text;
            if (strncmp(m, "error: PDF: ", 12) == 0)
                pk_diag_add(d, pd.msgs[i].kind, "%s/compare.pdf: %s", dir, m);
            else
                pk_diag_add(d, pd.msgs[i].kind, "%s", m);
        }
        pk_diag_fini(&pd);
        if (rc == 0) rc = pk_outdir_write(&o, "compare.pdf", b.data, b.len, d);
    }
    pk_doc *doc = pk_compare_doc(r, s, NULL, &kit, 0);
    doc->charts = &charts;
#define EMIT(fmt, name, build)                                                                     \
    do {                                                                                           \
        if (rc != 0 || !(formats & (fmt))) break;                                                  \
        pk_buf_reset(&b);                                                                          \
        build;                                                                                     \
        if (rc == 0) rc = pk_outdir_write(&o, name, b.data, b.len, d);                             \
    } while (0)
    EMIT(PK_FORMAT_TXT, "kit.txt", pk_kit_text(&kit, &b));
    EMIT(PK_FORMAT_TXT, "cite.txt", cite_pair(&b, PK_CITE_PLAIN, r, s));
    EMIT(PK_FORMAT_TXT, "cite-apa.txt", cite_pair(&b, PK_CITE_APA, r, s));
    EMIT(PK_FORMAT_TXT, "cite.bib", cite_pair(&b, PK_CITE_BIBTEX, r, s));
    EMIT(PK_FORMAT_TXT, "cite.ris", cite_pair(&b, PK_CITE_RIS, r, s));
    EMIT(PK_FORMAT_TXT, "cite.json", cite_pair(&b, PK_CITE_CSL_JSON, r, s));
    EMIT(PK_FORMAT_MD, "compare.md", pk_markdown_doc(&b, doc));
    EMIT(PK_FORMAT_HTML, "compare.html", {
        pk_html_doc(&b, doc, doc->title,
                    "Made with presskit from public O*NET and BLS data and published AI-exposure "
                    "studies. Every figure names its source.",
                    html_chart, &tl);
        if (tl.failed) rc = -1;
    });
    EMIT(PK_FORMAT_TXT, "data.csv", pk_compare_csv(&b, r, doc));
#undef EMIT
    const char *left[8];
    size_t n_left = 0;
    if (rc == 0 && (formats & (PK_FORMAT_SVG | PK_FORMAT_PNG)))
        rc = write_charts(&o, &tl, formats, left, &n_left, d);
    if (rc == 0) {
        pk_buf_reset(&b);
        manifest(&b, r, s, &o, left, n_left);
        rc = pk_outdir_write(&o, "manifest.json", b.data, b.len, d);
    }
    if (rc == 0) rc = pk_outdir_commit(&o, d);
    size_t n_files = o.n_files;
    pk_doc_free(doc);
    pk_buf_fini(&b);
    pk_buf_fini(&tl.svg);
    pk_buf_fini(&tl.title);
    pk_buf_fini(&tl.alt);
    pk_kit_fini(&kit);
    pk_outdir_fini(&o);
    return rc == 0 ? (int)n_files : -1;
}
