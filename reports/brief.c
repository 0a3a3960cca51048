/* brief.c: the brief's content, section by section, built once into the document tree of
 * doc.h; the renderers (brief_pdf.c, markdown.c, html.c) set it. Every number comes from the
 * record through data/fmt.c and is followed by its source stamp; a section without data is left
 * out. Every sentence of the brief is written here, and only here. */
#include "reports/brief.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "data/history.h"
#include "data/fmt.h"
#include "data/say.h"
#include "reports/aiwords.h"
#include "reports/cite.h"
#include "reports/doc.h"
#include "reports/kit.h"

const char *const pk_brief_sections[] = {
    "header", "figures", "wages", "history", "changes", "ai_work_map", "exposure", "ai_usage", "outlook", "global",
    "tasks", "work_activities", "ksa", "technology", "work_context", "get_in", "education", "interests",
    "industries", "quadrant", "use", "sources", "cite", "methodology", NULL};

/* Each section's default title and chart (NULL: none). */
static const struct {
    const char *id, *title, *chart;
} section_defaults[] = {
    {"header", NULL, NULL},
    {"figures", NULL, NULL},
    {"wages", "Wages & employment", "wages"},
    {"history", "Pay and jobs over time", "wage_history"},
    {"changes", "Changes since the last release", NULL},
    {"ai_work_map", "AI work map", NULL},
    {"exposure", "AI & job outlook", "exposure"},
    {"ai_usage", "How AI is used in this job", "augmentation"},
    {"outlook", "Job outlook", "projection"},
    {"global", "The global GenAI gradient", NULL},
    {"tasks", "Tasks", NULL},
    {"work_activities", "Work activities", NULL},
    {"ksa", "Knowledge, skills and abilities", "ksa"},
    {"technology", "Tools & technology", NULL},
    {"work_context", "Work context", NULL},
    {"get_in", "How to get in", NULL},
    {"education", "Education of current workers", "education"},
    {"interests", "Interests & work styles", "interests"},
    {"industries", "Industries that employ it", "industries"},
    {"quadrant", "Exposure quadrant", "quadrant"},
    {"use", "What you can do with this", NULL},
    {"sources", "Sources for this page", NULL},
    {"cite", "Cite this page", NULL},
    {"methodology", "Methodology and caveats", NULL},
};
#define N_SECTIONS (sizeof section_defaults / sizeof section_defaults[0])

static int section_index(const char *id)
{
    for (size_t i = 0; i < N_SECTIONS; i++)
        if (strcmp(section_defaults[i].id, id) == 0) return (int)i;
    return -1;
}

/* The frame of t against what every brief needs (see brief.h). Messages name the key that
 * would have to change. */
static int check_frame(const pk_template *t, pk_diag *d)
{
    const pk_tpl_page *pg = &t->page;
    const pk_tpl_margins *m = &pg->margins;
    double fw = pg->width - m->left - m->right, fh = pg->height - m->top - m->bottom;
    double min_w = PK_BRIEF_MIN_COLUMN_EMS * t->sizes.body;
    int bad = 0;
    bool page_cols_bad = false, header = false, figures = false, chart_bad = false;
    size_t n = t->n_sections ? t->n_sections : N_SECTIONS;
    for (size_t i = 0; i < n; i++) {
        const pk_tpl_section *s = t->n_sections ? &t->sections[i] : NULL;
        const char *id = s ? s->id : section_defaults[i].id;
        int k = section_index(id);
        long cols = s && s->columns ? s->columns : pg->columns;
        if (cols < 1) cols = 1;
        double cw = (fw - (double)(cols - 1) * pg->column_gap) / (double)cols;
        pk_buf jp = PK_BUF_INIT;
        if (s && s->columns) pk_buf_printf(&jp, "$.sections[%zu].columns", i);
        else pk_buf_adds(&jp, "$.page.columns");
        if (cw < min_w) {
            if (!(s && s->columns) && page_cols_bad) goto next; /* said once for the page */
            if (!(s && s->columns)) page_cols_bad = true;
            pk_diag_add(d, PK_FAIL_INPUT, "%s: %s: %ld columns of %.0f pt (a frame %.0f pt wide, "
                        "less %ld gap%s of %g pt) are too narrow to read; a column needs at least "
                        "%.0f pt (%g times the body size); fewer columns, a narrower gap or "
                        "smaller margins are needed",
                        t->path, pk_buf_str(&jp), cols, cw, fw, cols - 1, cols == 2 ? "" : "s",
                        pg->column_gap, min_w, PK_BRIEF_MIN_COLUMN_EMS);
            bad++;
            goto next;
        }
        if (k >= 0 && strcmp(id, "header") == 0 && !header && (t->masthead || t->logo_data)) {
            header = true;
            double mh = pk_brief_masthead_height(t);
            if (t->logo_data && t->logo_w + 20 > cw) {
                pk_diag_add(d, PK_FAIL_INPUT, "%s: $.logo.width: the logo is %.0f pt wide; the "
                            "header's column is %.0f pt, which holds a logo of at most %.0f pt",
                            t->path, t->logo_w, cw, cw - 20);
                bad++;
            } else if (mh > fh) {
                pk_diag_add(d, PK_FAIL_INPUT, "%s: %s: the masthead is %.0f pt tall, more than "
                            "the page's frame (%.0f pt); a narrower logo or a taller page is needed",
                            t->path, t->logo_data ? "$.logo.width" : "$.page.margins", mh, fh);
                bad++;
            }
        }
        if (k >= 0 && strcmp(id, "figures") == 0 && !figures && t->font_set) {
            figures = true;
            /* every brief has the employment box; alone, it is as wide as the column */
            double kh = pk_brief_keyfig_min_height(t, t->font_set, t->labels.employment, cw);
            if (kh > fh) {
                pk_diag_add(d, PK_FAIL_INPUT, "%s: $.labels.employment: the key-figure box is at "
                            "least %.0f pt tall in a %.0f pt column, more than the page's frame "
                            "(%.0f pt)", t->path, kh, cw, fh);
                bad++;
            }
        }
        const char *chart = s && s->chart ? s->chart : k >= 0 ? section_defaults[k].chart : NULL;
        if (chart && !chart_bad) {
            double share = t->charts.height > 0 ? t->charts.height : PK_CHART_MIN_PRINT_HEIGHT;
            double ch = cw * share;
            if (ch > fh) {
                chart_bad = true;
                pk_diag_add(d, PK_FAIL_INPUT, "%s: %s: a chart in a %.0f pt column is at least "
                            "%.0f pt tall (%g of its width), more than the page's frame (%.0f "
                            "pt); %s",
                            t->path, t->charts.height > 0 ? "$.charts.height" : "$.page", cw, ch,
                            share, fh, t->charts.height > 0 ? "a smaller share is needed"
                                                            : "a taller page, or more columns, is needed");
                bad++;
            }
        }
    next:
        pk_buf_fini(&jp);
    }
    return bad;
}

int pk_brief_check_template(const pk_template *t, pk_diag *d)
{
    int bad = 0;
    for (size_t i = 0; i < t->n_sections; i++) {
        const pk_tpl_section *s = &t->sections[i];
        if (section_index(s->id) < 0) {
            pk_buf ex = PK_BUF_INIT;
            for (size_t k = 0; k < N_SECTIONS; k++)
                pk_buf_printf(&ex, "%s%s", k ? ", " : "", section_defaults[k].id);
            pk_diag_add(d, PK_FAIL_INPUT, "%s: $.sections[%zu].id: unknown section \"%s\" (expected %s)",
                        t->path, i, s->id, pk_buf_str(&ex));
            pk_buf_fini(&ex);
            bad++;
        }
        if (s->chart && !pk_chart_find(s->chart)) {
            pk_buf ex = PK_BUF_INIT;
            for (const pk_chart_def *c = pk_charts; c->name; c++)
                pk_buf_printf(&ex, "%s%s", c == pk_charts ? "" : ", ", c->name);
            pk_diag_add(d, PK_FAIL_INPUT, "%s: $.sections[%zu].chart: unknown chart \"%s\" (expected %s)",
                        t->path, i, s->chart, pk_buf_str(&ex));
            pk_buf_fini(&ex);
            bad++;
        }
        if (s->columns > 3) {
            pk_diag_add(d, PK_FAIL_INPUT, "%s: $.sections[%zu].columns: %ld columns (at most 3)",
                        t->path, i, s->columns);
            bad++;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(t->sections[k].id, s->id) == 0) {
                pk_diag_add(d, PK_FAIL_INPUT, "%s: $.sections[%zu].id: \"%s\" is already at "
                            "$.sections[%zu]", t->path, i, s->id, k);
                bad++;
                break;
            }
    }
    if (!bad) bad = check_frame(t, d);
    return bad;
}

/* ---- rich text: spans gathered, then poured as one paragraph ---- */


/* ---- the builder: spans gathered, then made a block of the section being built ---- */

/* The labels of a brief built without a template (brief.md, brief.html): the defaults every
 * template starts from (layouts/template.c). */
static const pk_tpl_labels default_labels = {
    true,       "Occupation",     "Also called", "Job family", "Median annual pay",
    "Employment", "Outlook",      "Annual openings", "AI task overlap", "Page {page} of {pages}",
    "(continued)", "Source",      "Sources",     "not available", "percentile",
    "Hot technology", "Cite this page", "importance"};

/* A figure's claim id, by its address in the record (filled once by the record walk). */
typedef struct claim_slot {
    const pk_figure *f; /* NULL: empty */
    const char *id;     /* in the document's arena */
} claim_slot;

typedef struct bb {
    const pk_record *r;
    const pk_sources *s;
    const pk_template *t;    /* NULL: every section, default labels */
    const pk_tpl_labels *L;  /* t's labels, or the defaults */
    pk_doc *doc;
    pk_arena *a;             /* the document's */
    pk_doc_node *sec_node;   /* the section being built */
    pk_doc_node **tail;      /* where its next block goes */
    pk_doc_span *sp;         /* owned: the spans gathered for the next block */
    size_t n_sp, cap_sp;
    pk_doc_node *pt;         /* a table waiting for its note (see table) */
    const pk_tpl_section *sec;
    bool *used;              /* the registry's sources this brief has cited so far */
    const pk_kit *kit;
    claim_slot *claims;      /* owned: open addressing by address */
    size_t cap_claims;
} bb;

static size_t claim_hash(const pk_figure *f, size_t cap)
{
    uintptr_t x = (uintptr_t)f;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15u;
    return (size_t)(x >> 7) & (cap - 1);
}

static int note_claim(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    (void)label;
    bb *b = ctx;
    size_t k = claim_hash(f, b->cap_claims);
    while (b->claims[k].f && b->claims[k].f != f) k = (k + 1) & (b->cap_claims - 1);
    if (!b->claims[k].f) b->claims[k] = (claim_slot){f, pk_arena_strdup(b->a, claim_id)};
    return 0;
}

static int count_figure(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    (void)claim_id, (void)label, (void)f;
    (*(size_t *)ctx)++;
    return 0;
}

/* The claim id of a figure of the record (NULL for one made up in a sentence). */
static const char *claim_of(const bb *b, const pk_figure *f)
{
    if (!b->cap_claims) return NULL;
    size_t k = claim_hash(f, b->cap_claims);
    while (b->claims[k].f) {
        if (b->claims[k].f == f) return b->claims[k].id;
        k = (k + 1) & (b->cap_claims - 1);
    }
    return NULL;
}

/* Notes the sources in ids ("a+b") as cited, for the sources section. */
static void cited(bb *b, const char *ids)
{
    for (const char *p = ids; p && *p;) {
        size_t n = strcspn(p, "+");
        for (size_t i = 0; i < b->s->n_items; i++)
            if (strlen(b->s->items[i].id) == n && strncmp(b->s->items[i].id, p, n) == 0)
                b->used[i] = true;
        p += n;
        if (*p == '+') p++;
    }
}

static const char *dup(bb *b, const char *s)
{
    return pk_arena_strdup(b->a, s);
}

static void add_span(bb *b, pk_doc_span_kind kind, const char *text, const char *ids,
                     const char *claim, const char *url)
{
    if (!text || !*text) return;
    if (b->n_sp == b->cap_sp) {
        b->cap_sp = b->cap_sp ? 2 * b->cap_sp : 32;
        b->sp = realloc(b->sp, b->cap_sp * sizeof *b->sp);
        if (!b->sp) pk_out_of_memory(0);
    }
    b->sp[b->n_sp++] = (pk_doc_span){kind, dup(b, text), ids ? dup(b, ids) : NULL, claim,
                                     url ? dup(b, url) : NULL};
}

static void t_(bb *b, const char *text)
{
    add_span(b, PK_SPAN_TEXT, text, NULL, NULL, NULL);
}

static void bold(bb *b, const char *text)
{
    add_span(b, PK_SPAN_STRONG, text, NULL, NULL, NULL);
}

static void muted(bb *b, const char *text)
{
    add_span(b, PK_SPAN_NOTE, text, NULL, NULL, NULL);
}

/* A figure as the brief prints it (AP style; "not available"; "or more"), with its claim id. */
static void fig(bb *b, const pk_figure *f, int decimals)
{
    pk_buf v = PK_BUF_INIT;
    if (f->status == PK_FIG_NA) pk_buf_adds(&v, b->L->not_available);
    else pk_fmt_figure(&v, f, decimals, 0);
    add_span(b, PK_SPAN_FIGURE, pk_buf_str(&v), f->source, claim_of(b, f), NULL);
    pk_buf_fini(&v);
}

/* The source stamp after a figure: " [O*NET 29.1]" in small type. */
static void src(bb *b, const char *ids)
{
    if (!ids) return;
    cited(b, ids);
    pk_buf lab = PK_BUF_INIT;
    pk_buf_adds(&lab, " [");
    pk_source_labels(&lab, b->s, ids);
    pk_buf_adds(&lab, "]");
    add_span(b, PK_SPAN_SOURCE, pk_buf_str(&lab), ids, NULL, NULL);
    pk_buf_fini(&lab);
}

/* "Source: O*NET 30.3" under a table or list. */
static void src_line(bb *b, const char *ids)
{
    pk_buf lab = PK_BUF_INIT;
    pk_buf_printf(&lab, "%s: ", b->L->source);
    if (ids) pk_source_labels(&lab, b->s, ids);
    cited(b, ids);
    add_span(b, PK_SPAN_NOTE, pk_buf_str(&lab), ids, NULL, NULL);
    pk_buf_fini(&lab);
}

/* The sentence on whom a figure describes (data/say.h), after what is gathered: in a table's
 * note or a paragraph, small like a source line; nothing when it describes this occupation.
 * who is the publisher as said ("BLS OEWS, in every release shown,"); scope_note names the
 * sources of src_ids. */
static void scope_note_who(bb *b, const pk_scope *sc, const char *who, const char *what)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    pk_buf t = PK_BUF_INIT;
    if (b->n_sp) { /* after a source line or a sentence: a full stop, then the sentence */
        const char *last = b->sp[b->n_sp - 1].text;
        size_t n = strlen(last);
        while (n && last[n - 1] == ' ') n--;
        pk_buf_adds(&t, n && strchr(".!?", last[n - 1]) ? " " : ". ");
    }
    pk_say_scope(&t, sc, who, what);
    muted(b, pk_buf_str(&t));
    pk_buf_fini(&t);
}

static void scope_note(bb *b, const pk_scope *sc, const char *src_ids, const char *what)
{
    pk_buf who = PK_BUF_INIT;
    pk_source_labels(&who, b->s, src_ids);
    scope_note_who(b, sc, who.data, what);
    pk_buf_fini(&who);
}

/* The decimals of a column of figures: one rule for the column (pk_column_decimals). */
static int col_decimals(pk_unit u, const pk_figure *const *fs, size_t n)
{
    double *v = calloc(n ? n : 1, sizeof *v);
    if (!v) pk_out_of_memory(0);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (pk_fig_has(fs[i])) v[k++] = fs[i]->value;
    int d = pk_column_decimals(u, v, k);
    free(v);
    return d;
}

/* The spans gathered so far, moved into the document's arena; the gathering starts again. */
static pk_doc_spans take_spans(bb *b)
{
    pk_doc_spans s = {pk_arena_alloc(b->a, (b->n_sp ? b->n_sp : 1) * sizeof *s.v), b->n_sp};
    if (b->n_sp) memcpy(s.v, b->sp, b->n_sp * sizeof *s.v);
    b->n_sp = 0;
    return s;
}

/* A new block at the end of the section being built. */
static pk_doc_node *block(bb *b, pk_doc_kind kind)
{
    pk_doc_node *n = pk_arena_alloc(b->a, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    *b->tail = n;
    b->tail = &n->next;
    return n;
}

/* Before anything is placed but a paragraph: the waiting table goes first, without a note. */
static void settle(bb *b)
{
    b->pt = NULL;
}

/* The gathered spans: the waiting table's note, or a paragraph of `style`. `tight` marks the
 * last block of a section, set with no space after it. */
static void flush_as(bb *b, pk_doc_para_style style, bool tight)
{
    if (b->pt) {
        b->pt->table.note = take_spans(b);
        b->pt->tight = tight;
        b->pt = NULL;
        return;
    }
    if (!b->n_sp) return;
    pk_doc_node *n = block(b, PK_DOC_PARA);
    n->style = style;
    n->tight = tight;
    n->spans = take_spans(b);
}

static void endp(bb *b)
{
    flush_as(b, PK_PARA_BODY, false);
}

/* A list item: a bullet in a hanging indent. */
static void item_end(bb *b)
{
    if (!b->n_sp) return;
    settle(b);
    flush_as(b, PK_PARA_ITEM, false);
}

static const char *section_title(bb *b, const char *dflt)
{
    return b->sec && b->sec->title ? b->sec->title : dflt;
}

static void heading(bb *b, int level, const char *title)
{
    settle(b);
    pk_doc_node *n = block(b, PK_DOC_HEADING);
    n->level = level;
    n->text = dup(b, title);
    pk_doc_span *sp = pk_arena_alloc(b->a, sizeof *sp);
    *sp = (pk_doc_span){PK_SPAN_TEXT, n->text, NULL, NULL, NULL};
    n->spans = (pk_doc_spans){sp, 1};
}

static void h2(bb *b, const char *title)
{
    heading(b, 2, title);
}

static void h3(bb *b, const char *title)
{
    heading(b, 3, title);
}

/* ---- charts ---- */

/* The section's chart (the template's choice, else the default), when the record has its data:
 * a figure node the renderers draw. */
static void chart(bb *b, const char *dflt)
{
    const char *name = b->sec && b->sec->chart ? b->sec->chart : dflt;
    if (!name) return;
    const pk_chart_def *def = pk_chart_find(name);
    if (!def || !def->has_data(b->r)) return;
    settle(b);
    pk_doc_node *n = block(b, PK_DOC_FIGURE);
    n->text = dup(b, def->name);
}

/* ---- tables ---- */

typedef struct tb {
    pk_doc_spans *cells; /* owned until table() */
    size_t n, cap;
} tb;

static void cell(bb *b, tb *x)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 32;
        x->cells = realloc(x->cells, x->cap * sizeof *x->cells);
        if (!x->cells) pk_out_of_memory(0);
    }
    x->cells[x->n++] = take_spans(b);
}

/* A table of x's cells (taken), which the next flush gives its note (its source line). */
static void table(bb *b, const char *name, size_t cols, const double *frac, const pk_align *al,
                  const char *const *head, tb *x, const char *cont_title)
{
    settle(b);
    pk_doc_node *n = block(b, PK_DOC_TABLE);
    pk_doc_table *t = &n->table;
    t->name = dup(b, name);
    t->caption = dup(b, head[0] && *head[0] ? head[0] : cont_title);
    pk_buf cont = PK_BUF_INIT;
    pk_buf_printf(&cont, "%s %s", cont_title, b->L->continued);
    t->cont = dup(b, pk_buf_str(&cont));
    pk_buf_fini(&cont);
    t->n_cols = cols;
    t->n_rows = x->n / cols;
    double *fr = pk_arena_alloc(b->a, cols * sizeof *fr);
    pk_align *ca = pk_arena_alloc(b->a, cols * sizeof *ca);
    const char **hd = pk_arena_alloc(b->a, cols * sizeof *hd);
    for (size_t c = 0; c < cols; c++) {
        fr[c] = frac[c];
        ca[c] = al[c];
        hd[c] = dup(b, head[c] ? head[c] : "");
    }
    t->col_frac = fr;
    t->col_align = ca;
    t->head = hd;
    t->cells = pk_arena_alloc(b->a, (x->n ? x->n : 1) * sizeof *t->cells);
    if (x->n) memcpy(t->cells, x->cells, x->n * sizeof *t->cells);
    free(x->cells);
    *x = (tb){0};
    b->pt = n;
}

/* How many of n rows a list of the section shows: the template's rows, else all. */
static size_t rows_shown(const bb *b, size_t n)
{
    long limit = b->sec ? b->sec->rows : 0;
    return limit > 0 && (size_t)limit < n ? (size_t)limit : n;
}

/* After a list cut to its first `shown` of n rows: says so, and whether those are the highest.
 * `total` is how many the release lists when the record keeps fewer (0: n is all): the note
 * counts against it, so "20 of 239 shown", never "20 of 40" where 40 is the import's cap. */
static void rows_note(bb *b, size_t shown, size_t n, long total, bool highest)
{
    size_t all = total > 0 && (size_t)total > n ? (size_t)total : n;
    if (shown == all) return;
    pk_buf p = PK_BUF_INIT;
    pk_buf_printf(&p, ". %zu of %zu shown%s.", shown, all, highest ? ", highest first" : "");
    muted(b, pk_buf_str(&p));
    pk_buf_fini(&p);
}

/* A list as a table headed title (and value_head over the figures), repeated as "cont
 * (continued)" where it goes on in another column or page. */
/* A value column's header from its unit, where the section names none: a column without a
 * header is a column a screen reader cannot name. */
static const char *unit_head(pk_unit u)
{
    switch (u) {
    case PK_UNIT_PERCENT:
    case PK_UNIT_FRACTION: return "Share";
    case PK_UNIT_RATING: return "Rating";
    case PK_UNIT_SCORE:
    case PK_UNIT_POINTS: return "Score";
    case PK_UNIT_USD:
    case PK_UNIT_USD_HOUR: return "Wage";
    case PK_UNIT_COUNT: return "Number";
    case PK_UNIT_PERCENTILE: return "Percentile";
    case PK_UNIT_PROBABILITY: return "Probability";
    case PK_UNIT_RATIO: return "Ratio";
    case PK_UNIT_LEVEL: return "Level";
    default: return "Value";
    }
}

static void list_table_as(bb *b, const char *title, const pk_list *l, const char *value_head,
                          const char *cont)
{
    if (!l->present || !l->n_items) return;
    tb x = {0};
    bool values = false, falling = true;
    for (size_t i = 0; i < l->n_items; i++) {
        values = values || pk_fig_has(&l->items[i].fig);
        if (i && !(pk_fig_has(&l->items[i].fig) && pk_fig_has(&l->items[i - 1].fig) &&
                   l->items[i].fig.value <= l->items[i - 1].fig.value))
            falling = false;
    }
    size_t shown = rows_shown(b, l->n_items);
    /* one precision for the value column, over the rows shown */
    const pk_figure **fs = calloc(shown ? shown : 1, sizeof *fs);
    if (!fs) pk_out_of_memory(0);
    for (size_t i = 0; i < shown; i++) fs[i] = &l->items[i].fig;
    int dec = col_decimals(l->unit, fs, shown);
    free(fs);
    for (size_t i = 0; i < shown; i++) {
        const pk_item *it = &l->items[i];
        t_(b, it->name);
        if (it->tag) {
            muted(b, " \xC2\xB7 ");
            muted(b, it->tag);
        }
        cell(b, &x);
        if (values) {
            if (it->fig.status != PK_FIG_ABSENT) fig(b, &it->fig, dec);
            if (it->fig.source && l->source && strcmp(it->fig.source, l->source) != 0)
                src(b, it->fig.source);
            cell(b, &x);
        }
    }
    static const double f2[] = {0.8, 0.2}, f1[] = {1.0};
    static const pk_align a2[] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT}, a1[] = {PK_ALIGN_LEFT};
    const char *head[2] = {title, value_head ? value_head : unit_head(l->unit)};
    table(b, title, values ? 2 : 1, values ? f2 : f1, values ? a2 : a1, head, &x, cont);
    pk_buf lp = PK_BUF_INIT; /* row i is item i: a message can name the item */
    if (pk_record_list_path(b->r, l, &lp)) b->pt->table.rows_path = dup(b, pk_buf_str(&lp));
    pk_buf_fini(&lp);
    src_line(b, l->source);
    if (l->scale[1] > l->scale[0]) {
        pk_buf sc = PK_BUF_INIT;
        pk_buf_adds(&sc, " (scale ");
        pk_fmt_num(&sc, l->scale[0], 0, PK_FMT_TRIM);
        pk_buf_adds(&sc, "\xE2\x80\x93");
        pk_fmt_num(&sc, l->scale[1], 0, PK_FMT_TRIM);
        pk_buf_adds(&sc, ")");
        muted(b, pk_buf_str(&sc));
        pk_buf_fini(&sc);
    }
    rows_note(b, shown, l->n_items, l->total, values && falling);
    scope_note(b, l->scope, l->source, "these ratings");
    pk_buf tn = PK_BUF_INIT;
    pk_say_task_scopes(&tn, l);
    if (tn.len) {
        muted(b, " ");
        muted(b, pk_buf_str(&tn));
    }
    pk_buf_fini(&tn);
    endp(b);
}

static void list_table(bb *b, const char *title, const pk_list *l, const char *value_head)
{
    list_table_as(b, title, l, value_head, title);
}

/* ---- sections ---- */
static void career_cluster(bb *b)
{
    t_(b, "Part of the ");
    t_(b, b->r->career_cluster);
    t_(b, " career cluster.");
    src(b, b->r->text_source);
    endp(b);
}

static void header(bb *b)
{
    const pk_record *r = b->r;
    const pk_template *t = b->t;
    if (t && (t->masthead || t->logo_data)) block(b, PK_DOC_MASTHEAD);
    heading(b, 1, r->title);
    pk_buf line = PK_BUF_INIT;
    pk_buf_printf(&line, "%s \xC2\xB7 SOC %s", b->L->occupation, r->soc);
    add_span(b, PK_SPAN_LEAD, pk_buf_str(&line), NULL, NULL, NULL);
    pk_buf_fini(&line);
    src(b, r->text_source);
    endp(b);
    if (r->description) {
        t_(b, r->description);
        src(b, r->text_source);
        flush_as(b, PK_PARA_LEAD, false);
    }
    if (r->also_called.n) {
        bold(b, b->L->also_called);
        bold(b, ": ");
        for (size_t i = 0; i < r->also_called.n; i++) {
            if (i) t_(b, " \xC2\xB7 ");
            t_(b, r->also_called.v[i]);
        }
        src(b, r->text_source);
        endp(b);
    }
    if (r->job_family) {
        bold(b, b->L->job_family);
        bold(b, ": ");
        t_(b, r->job_family);
        src(b, r->job_family_source ? r->job_family_source : r->text_source);
        endp(b);
    }
    /* the career cluster closes the industries section, as on the seed page; without one, it
     * is said here */
    if (r->career_cluster && !(r->industries.present && r->industries.n_items)) career_cluster(b);
}

/* The key figures: up to four boxes side by side, each a label, a big number, a note and its
 * source (the PDF draws them as a row of boxes on page 1). */
typedef struct keyfigs {
    pk_doc_keyfig k[4];
    size_t n;
} keyfigs;

static void keyfig_add(bb *b, keyfigs *kf, const char *label, const pk_figure *f, int dec,
                       const char *note, const pk_figure *of)
{
    if (kf->n == 4 || !pk_fig_has(f)) return;
    pk_buf v = PK_BUF_INIT, s = PK_BUF_INIT;
    pk_fmt_figure(&v, f, dec, PK_FMT_MINUS); /* a display figure: the true minus sign */
    pk_buf_adds(&s, note ? " [" : "[");
    pk_source_labels(&s, b->s, f->source);
    cited(b, f->source);
    pk_buf_adds(&s, "]");
    kf->k[kf->n++] = (pk_doc_keyfig){dup(b, label), dup(b, pk_buf_str(&v)),
                                     note ? dup(b, note) : NULL, claim_of(b, of ? of : f),
                                     f->source ? dup(b, f->source) : NULL, dup(b, pk_buf_str(&s)),
                                     f->value, NULL, 0};
    const pk_scope *sc = f->scope; /* whom it describes, for the manifest and the batch index */
    if (pk_scope_disclosed(sc) && sc->kind != PK_SCOPE_TASK && sc->code) {
        pk_buf_reset(&v);
        pk_figure_published_as(f, &v);
        kf->k[kf->n - 1].published_as = dup(b, pk_buf_str(&v));
        kf->k[kf->n - 1].sharing = sc->occupations;
    }
    pk_buf_fini(&v);
    pk_buf_fini(&s);
}

static void figures(bb *b)
{
    const pk_record *r = b->r;
    const pk_tpl_labels *L = b->L;
    keyfigs kf = {0};
    pk_buf note = PK_BUF_INIT;
    const pk_figure *pay = r->wages.hourly_only ? &r->wages.hourly.median : &r->wages.median;
    if (pk_fig_rank(pay) >= 0) {
        pk_fmt_rank(&note, pay->percentile);
        pk_buf_printf(&note, " %s of pay", L->percentile);
    }
    if (r->wages.hourly_only) pk_buf_printf(&note, "%san hour (BLS publishes no annual wage)",
                                            note.len ? "; " : "");
    /* a figure of a wider code says which, in short: the wages section has the sentence */
    if (pk_scope_disclosed(pay->scope) && pay->scope->code)
        pk_buf_printf(&note, "%sfor all of %s %s", note.len ? "; " : "",
                      pay->scope->system ? pay->scope->system : "", pay->scope->code);
    if (r->wages.present)
        keyfig_add(b, &kf, L->median_pay, pay, r->wages.hourly_only ? -1 : 0,
                   note.len ? pk_buf_str(&note) : NULL, NULL);
    pk_buf_reset(&note);
    if (r->outlook.present && pk_fig_has(&r->outlook.change)) {
        if (r->outlook.label) pk_buf_printf(&note, "%s, ", r->outlook.label);
        pk_fmt_year_range(&note, r->outlook.base_year, r->outlook.target_year);
        const pk_scope *osc = r->outlook.change.scope;
        if (pk_scope_disclosed(osc) && osc->code)
            pk_buf_printf(&note, "; for all of %s %s", osc->system ? osc->system : "", osc->code);
        keyfig_add(b, &kf, L->outlook, &r->outlook.change, 1, pk_buf_str(&note), NULL);
    }
    pk_buf_reset(&note);
    if (r->wages.employment.year) pk_buf_printf(&note, "in %d", r->wages.employment.year);
    const pk_figure *emp = pk_fig_has(&r->outlook.employment_base) ? &r->outlook.employment_base
                                                                   : &r->wages.employment;
    if (emp == &r->outlook.employment_base) {
        pk_buf_reset(&note);
        pk_buf_printf(&note, "all jobs in %ld", r->outlook.base_year);
    } else if (note.len) {
        pk_buf_reset(&note);
        pk_buf_printf(&note, "wage and salary jobs in %d", r->wages.employment.year);
    }
    if (pk_scope_disclosed(emp->scope) && emp->scope->code)
        pk_buf_printf(&note, "%sfor all of %s %s", note.len ? "; " : "",
                      emp->scope->system ? emp->scope->system : "", emp->scope->code);
    keyfig_add(b, &kf, L->employment, emp, 0, note.len ? pk_buf_str(&note) : NULL, NULL);
    pk_buf_reset(&note);
    const pk_figure *ov = &r->exposure.task_overlap;
    if (ov->status == PK_FIG_OK) {
        pk_figure pf = *ov;
        pk_buf_printf(&note, "%s", L->percentile);
        if (ov->population) {
            pk_buf_adds(&note, " of ");
            pk_fmt_num(&note, (double)ov->population, 0, 0);
        }
        if (ov->band) pk_buf_printf(&note, "; %s", ov->band);
        keyfig_add(b, &kf, L->task_overlap, &pf, -1, pk_buf_str(&note), ov);
    } else if (pk_fig_has(&r->outlook.openings)) {
        keyfig_add(b, &kf, L->openings, &r->outlook.openings, 0, NULL, NULL);
    }
    pk_buf_fini(&note);
    if (!kf.n) return;
    settle(b);
    pk_doc_node *n = block(b, PK_DOC_KEYFIGS);
    n->keyfigs = pk_arena_alloc(b->a, kf.n * sizeof *n->keyfigs);
    memcpy(n->keyfigs, kf.k, kf.n * sizeof *n->keyfigs);
    n->n_keyfigs = kf.n;
}

static void wages(bb *b)
{
    const pk_wages *w = &b->r->wages;
    if (!w->present) return;
    h2(b, section_title(b, "Wages & employment"));
    chart(b, "wages");
    typedef struct {
        const char *label;
        const pk_figure *f;
        int decimals;
    } wrow;
    const pk_hourly *hw = &w->hourly;
    /* annual wages, or the hourly ones when BLS publishes only those */
    wrow rows[8];
    size_t nr = 0;
    if (w->hourly_only) {
        rows[nr++] = (wrow){"10th percentile", &hw->p10, -1};
        rows[nr++] = (wrow){"25th percentile", &hw->p25, -1};
        rows[nr++] = (wrow){"Median (50th)", &hw->median, -1};
        rows[nr++] = (wrow){"75th percentile", &hw->p75, -1};
        rows[nr++] = (wrow){"90th percentile", &hw->p90, -1};
    } else {
        rows[nr++] = (wrow){"10th percentile", &w->p10, 0};
        rows[nr++] = (wrow){"25th percentile", &w->p25, 0};
        rows[nr++] = (wrow){"Median (50th)", &w->median, 0};
        rows[nr++] = (wrow){"75th percentile", &w->p75, 0};
        rows[nr++] = (wrow){"90th percentile", &w->p90, 0};
        if (pk_fig_has(&hw->median)) rows[nr++] = (wrow){"Median hourly wage", &hw->median, -1};
    }
    /* employment two ways, side by side, each named by what it counts: OEWS's wage and salary
     * jobs, and the projections' base year, all jobs (the key figures show the latter) */
    rows[nr++] = (wrow){"Wage and salary jobs", &w->employment, 0};
    const pk_figure *all_jobs = &b->r->outlook.employment_base;
    bool both = pk_fig_has(&w->employment) && b->r->outlook.present && pk_fig_has(all_jobs);
    if (both) rows[nr++] = (wrow){"All jobs, self-employed included", all_jobs, 0};
    tb x = {0};
    const char *source = NULL;
    for (size_t i = 0; i < nr && !(b->sec && b->sec->compact); i++) {
        const pk_figure *f = rows[i].f;
        if (f->status == PK_FIG_ABSENT) continue;
        t_(b, rows[i].label);
        cell(b, &x);
        fig(b, f, rows[i].decimals);
        if (source && f->source && strcmp(source, f->source) != 0) src(b, f->source);
        if (!source) source = f->source;
        cell(b, &x);
    }
    if (x.n) {
        static const double fr[] = {0.6, 0.4};
        static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT};
        const char *head[] = {w->hourly_only ? "Hourly wage" : "Annual wage", "Value"};
        table(b, "the wages table", 2, fr, al, head, &x, section_title(b, "Wages & employment"));
        src_line(b, source);
        if (w->hourly_only)
            muted(b, ". BLS publishes hourly wages only for this occupation, whose work is seldom "
                     "full-time and year-round: there is no annual wage to show.");
        if (pk_fig_rank(&w->median) >= 0) {
            pk_buf m = PK_BUF_INIT;
            pk_buf_adds(&m, ". Median pay ranks in the ");
            pk_fmt_rank(&m, w->median.percentile);
            pk_buf_adds(&m, " percentile among occupations");
            if (w->median.population) {
                pk_buf_adds(&m, " (");
                pk_fmt_num(&m, (double)w->median.population, 0, 0);
                pk_buf_adds(&m, " with data)");
            }
            pk_buf_adds(&m, ".");
            muted(b, pk_buf_str(&m));
            pk_buf_fini(&m);
        }
        /* the two employment counts of the table, and why they differ */
        bool ended = w->hourly_only || pk_fig_rank(&w->median) >= 0; /* a sentence closed */
        if (both && !(b->sec && b->sec->compact)) {
            pk_buf m = PK_BUF_INIT;
            pk_buf_adds(&m, ended ? " " : ". ");
            pk_buf_adds(&m, "The two employment counts differ: OEWS counts the wage and salary "
                            "jobs of the establishments it surveys");
            if (w->employment.year) pk_buf_printf(&m, " (May %d)", w->employment.year);
            pk_buf_adds(&m, "; the employment projections count every job");
            if (b->r->outlook.base_year) pk_buf_printf(&m, " in %ld", b->r->outlook.base_year);
            pk_buf_adds(&m, ", the self-employed included.");
            muted(b, pk_buf_str(&m));
            pk_buf_fini(&m);
        }
        const pk_figure *fs[] = {&w->median, &w->employment, &hw->median, &w->p10};
        scope_note(b, pk_scope_of(fs, 4), source, "pay and employment");
        /* the projections' row is its own population too (a shared or combined code) */
        if (both && !(b->sec && b->sec->compact))
            scope_note(b, all_jobs->scope, all_jobs->source, "employment");
        endp(b);
    }
}

/* ---- history: pay and jobs over the releases the pack holds ---- */

/* A history figure as the brief prints it: a top-coded one is marked, never a number. */
static void hist_fig(bb *b, const pk_hist_point *pt, pk_series s, int decimals)
{
    const pk_figure *f = pk_hist_fig(pt, s);
    if (f->status == PK_FIG_NA && pk_hist_top_coded(pt, s))
        add_span(b, PK_SPAN_FIGURE, "top-coded", f->source, claim_of(b, f), NULL);
    else if (f->status != PK_FIG_ABSENT)
        fig(b, f, decimals);
}

/* The BLS caveat every comparison over time carries, with its source's address. */
static void time_caveat(bb *b)
{
    muted(b, PK_OEWS_TIME_CAVEAT);
}

static void history(bb *b)
{
    const pk_record *r = b->r;
    const pk_history *h = &r->history;
    const pk_chart_def *wh = pk_chart_find("wage_history"), *eh = pk_chart_find("employment_history");
    /* one release (or none): no section, never an empty one */
    if (!h->present || (!wh->has_data(r) && !eh->has_data(r))) return;
    h2(b, section_title(b, "Pay and jobs over time"));
    chart(b, "wage_history");
    if (!(b->sec && b->sec->chart) && eh->has_data(r)) {
        settle(b);
        pk_doc_node *n = block(b, PK_DOC_FIGURE);
        n->text = dup(b, eh->name);
    }
    bool hourly = r->wages.hourly_only;
    pk_series pay = hourly ? PK_SERIES_HOURLY : PK_SERIES_MEDIAN;
    tb x = {0};
    pk_buf ids = PK_BUF_INIT, tmp = PK_BUF_INIT;
    for (size_t i = 0; i < h->n_points; i++) {
        const pk_hist_point *pt = &h->points[i];
        pk_buf_reset(&tmp);
        pk_hist_release(&tmp, pt);
        t_(b, pk_buf_str(&tmp));
        if (pt->system) {
            pk_buf_reset(&tmp);
            pk_buf_printf(&tmp, " (%s %s)", pt->system, pt->code ? pt->code : "");
            muted(b, pk_buf_str(&tmp));
        }
        cell(b, &x);
        hist_fig(b, pt, pay, hourly ? 2 : 0);
        cell(b, &x);
        if (!hourly) { /* the series holds annual percentiles only: no column for hourly pay */
            hist_fig(b, pt, PK_SERIES_P25, 0);
            t_(b, " \xE2\x80\x93 ");
            hist_fig(b, pt, PK_SERIES_P75, 0);
            cell(b, &x);
        }
        hist_fig(b, pt, PK_SERIES_EMPLOYMENT, 0);
        cell(b, &x);
        pk_buf_printf(&ids, "%s%s", ids.len ? "+" : "", pt->source);
    }
    static const double fr[] = {0.28, 0.2, 0.32, 0.2}, fr_hourly[] = {0.4, 0.3, 0.3};
    static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT, PK_ALIGN_RIGHT, PK_ALIGN_RIGHT};
    const char *head[] = {"Release", "Median", "Middle half", "Jobs"},
               *head_hourly[] = {"Release", "Median hourly", "Jobs"};
    table(b, "the pay and jobs over time table", hourly ? 3 : 4, hourly ? fr_hourly : fr, al,
          hourly ? head_hourly : head, &x, section_title(b, "Pay and jobs over time"));
    src_line(b, ids.data);
    const pk_figure *cur[] = {&r->wages.median, &r->wages.employment, &r->wages.hourly.median};
    pk_buf who = PK_BUF_INIT;
    pk_hist_who(&who, b->s, h->points[h->n_points - 1].source);
    scope_note_who(b, pk_scope_of(cur, 3), who.data, "pay and employment");
    pk_buf_fini(&who);
    muted(b, pk_scope_disclosed(pk_scope_of(cur, 3)) ? " " PK_NOMINAL_NOTE " " : ". " PK_NOMINAL_NOTE " ");
    time_caveat(b);
    endp(b);
    /* why a release has no row: said, not left silent */
    for (size_t i = 0; i < h->n_notes; i++) {
        pk_buf_reset(&tmp);
        pk_hist_release_name(&tmp, pk_sources_find(b->s, h->notes[i].source)
                                       ? pk_sources_find(b->s, h->notes[i].source)->release
                                       : NULL,
                             h->notes[i].year);
        pk_buf_adds(&tmp, ": no figure \xE2\x80\x94 ");
        pk_buf_adds(&tmp, h->notes[i].text);
        pk_buf_addc(&tmp, '.');
        t_(b, pk_buf_str(&tmp));
        src(b, h->notes[i].source);
        item_end(b);
    }
    pk_buf_fini(&ids);
    pk_buf_fini(&tmp);
}

/* One line of "Changes since the last release": the figure in both vintages and the change. */
static void change_line(bb *b, const char *label, const pk_figure *fa, const char *va,
                        const pk_figure *fb, const char *vb, int decimals, bool points)
{
    bold(b, label);
    t_(b, ": ");
    fig(b, fa, decimals);
    pk_buf t = PK_BUF_INIT;
    pk_buf_printf(&t, " (%s) \xE2\x86\x92 ", va);
    t_(b, pk_buf_str(&t));
    fig(b, fb, decimals);
    pk_buf_reset(&t);
    pk_buf_printf(&t, " (%s), ", vb);
    if (points) {
        double d = round((fb->value - fa->value) * 10) / 10;
        pk_fmt_num(&t, d, 1, PK_FMT_PLUS);
        pk_buf_adds(&t, " percentage points");
    } else {
        double pct = pk_hist_pct(fa->value, fb->value);
        pk_fmt_num(&t, pct, 1, PK_FMT_PLUS);
        pk_buf_addc(&t, '%');
    }
    t_(b, pk_buf_str(&t));
    pk_buf_fini(&t);
}

static void changes(bb *b)
{
    const pk_record *r = b->r;
    bool any = false;
    static const struct {
        pk_series s;
        const char *label;
    } rows[] = {{PK_SERIES_MEDIAN, "Median annual wage"}, {PK_SERIES_P25, "25th percentile wage"},
                {PK_SERIES_P75, "75th percentile wage"}, {PK_SERIES_HOURLY, "Median hourly wage"},
                {PK_SERIES_EMPLOYMENT, "Wage and salary jobs"}};
    const pk_history *h = &r->history;
    const pk_hist_point *a = NULL, *z = NULL;
    if (h->present && h->n_points + h->n_notes >= 2 && h->n_points >= 1) {
        z = &h->points[h->n_points - 1];
        a = h->n_points >= 2 ? &h->points[h->n_points - 2] : NULL;
        for (size_t i = 0; a && i < h->n_notes; i++)
            if (h->notes[i].year > a->year && h->notes[i].year < z->year) a = NULL;
    }
    bool ilo = r->global.present && r->global.mean_exposure.status == PK_FIG_OK &&
               r->global.shift.status == PK_FIG_OK && r->global.from_year && r->global.to_year;
    /* a pack that holds earlier releases: with one release there is no "last release" (the ILO's
       two vintages are in the global section then) */
    if (!(h->present && h->n_points + h->n_notes >= 2)) return;
    h2(b, section_title(b, "Changes since the last release"));
    pk_buf va = PK_BUF_INIT, vb = PK_BUF_INIT, t = PK_BUF_INIT;
    if (h->present && h->n_points + h->n_notes >= 2) {
        if (z) pk_hist_release(&vb, z);
        if (a) {
            pk_hist_release(&va, a);
            for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
                const pk_figure *fa = pk_hist_fig(a, rows[i].s), *fz = pk_hist_fig(z, rows[i].s);
                if (fa->status == PK_FIG_ABSENT && fz->status == PK_FIG_ABSENT) continue;
                if (fa->status == PK_FIG_OK && fz->status == PK_FIG_OK && fa->value > 0) {
                    change_line(b, rows[i].label, fa, va.data, fz, vb.data,
                                rows[i].s == PK_SERIES_HOURLY ? 2 : 0, false);
                } else {
                    /* no change can be said: which release lacks the figure, and how */
                    bold(b, rows[i].label);
                    pk_buf_reset(&t);
                    pk_buf_printf(&t, ": no change can be given (%s: ",
                                  fa->status == PK_FIG_OK ? vb.data : va.data);
                    const pk_hist_point *lack = fa->status == PK_FIG_OK ? z : a;
                    pk_buf_adds(&t, pk_hist_top_coded(lack, rows[i].s) ? "top-coded" : b->L->not_available);
                    pk_buf_addc(&t, ')');
                    t_(b, pk_buf_str(&t));
                }
                src(b, a->source);
                src(b, z->source);
                item_end(b);
                any = true;
            }
        } else {
            /* the release before the last gave no point: say why */
            const pk_hist_note *why = NULL;
            for (size_t i = 0; i < h->n_notes; i++)
                if (z && h->notes[i].year < z->year && (!why || h->notes[i].year > why->year))
                    why = &h->notes[i];
            if (why) {
                bold(b, "Pay and jobs");
                pk_buf_reset(&t);
                pk_buf_printf(&t, ": no change since %ld can be given \xE2\x80\x94 %s.", why->year,
                              why->text);
                t_(b, pk_buf_str(&t));
                src(b, why->source);
                item_end(b);
                any = true;
            }
        }
    }
    if (ilo) {
        /* the ILO's two vintages of its exposure score, as its 2025 release publishes both */
        const pk_global *g = &r->global;
        pk_figure old = g->mean_exposure;
        old.value = g->mean_exposure.value - g->shift.value;
        old.percentile = -1;
        old.population = 0;
        pk_buf_reset(&va);
        pk_buf_reset(&vb);
        pk_buf_printf(&va, "%ld", g->from_year);
        pk_buf_printf(&vb, "%ld", g->to_year);
        change_line(b, "ILO GenAI exposure score", &old, va.data, &g->mean_exposure, vb.data, 0,
                    true);
        src(b, g->mean_exposure.source);
        item_end(b);
        any = true;
    }
    if (any && h->present && h->n_points >= 2) {
        const pk_figure *cur[] = {&r->wages.median, &r->wages.employment, &r->wages.hourly.median};
        pk_buf who = PK_BUF_INIT;
        pk_hist_who(&who, b->s, h->points[h->n_points - 1].source);
        scope_note_who(b, pk_scope_of(cur, 3), who.data, "pay and employment");
        pk_buf_fini(&who);
        if (b->n_sp) muted(b, " ");
        time_caveat(b);
        endp(b);
    }
    pk_buf_fini(&va);
    pk_buf_fini(&vb);
    pk_buf_fini(&t);
}

/* A sentence of aiwords.c as its own paragraph, after a bold label when there is one. */
static void ai_para(bb *b, const char *label, const char *text, const char *ids)
{
    if (label) bold(b, label);
    t_(b, text);
    src(b, ids);
    endp(b);
}

static void ai_line(bb *b, pk_ai_line *l)
{
    ai_para(b, NULL, l->text, l->source);
    pk_ai_line_fini(l);
}

static bool has_items(const pk_list *l)
{
    return l->present && l->n_items;
}

static void ai_work_map(bb *b)
{
    const pk_record *r = b->r;
    const pk_ai_work_map *w = &r->ai_work_map;
    if (!w->present) return;
    h2(b, section_title(b, "AI work map"));
    t_(b, "Where AI already shows up in this occupation, where it stays a copilot, and where "
          "humans remain in the loop, from observed AI conversations mapped to the job's tasks. "
          "Shares of observed conversations, not of the job.");
    endp(b);
    pk_ai_line l = {0};
    if (pk_ai_join_line(r, &l)) ai_line(b, &l);
    bool said = pk_ai_classes_said(r);
    list_table_as(b, "Often handed to AI", &w->delegate, "Share", "Often handed to AI");
    if (said && !has_items(&w->delegate))
        ai_para(b, "Often handed to AI: ", pk_ai_none_delegate, r->ai_usage.patterns.source);
    list_table_as(b, "Use as a copilot", &w->copilot, "Share", "Use as a copilot");
    if (said && !has_items(&w->copilot))
        ai_para(b, "Use as a copilot: ", pk_ai_none_copilot, r->ai_usage.patterns.source);
    list_table_as(b, "Below the release's sample floor", &w->below_floor, "Share",
                  "Below the release's sample floor");
    if (has_items(&w->human_loop))
        list_table(b, "Keep a human in the loop", &w->human_loop, "Need a human");
    else
        ai_para(b, "Keep a human in the loop: ", pk_ai_human_loop_missing, NULL);
    if (pk_ai_summary_line(r, &l)) ai_line(b, &l);
}

static void exposure(bb *b)
{
    const pk_exposure *e = &b->r->exposure;
    if (!e->present) return;
    h2(b, section_title(b, "AI & job outlook"));
    if (e->n_studies) {
        t_(b, "Each study uses its own scale, so raw scores are not comparable across rows; the "
              "percentile (this job's rank among U.S. occupations with data) is the comparable "
              "figure.");
        endp(b);
        tb x = {0};
        /* one precision for the score column */
        const pk_figure **fs = calloc(e->n_studies, sizeof *fs);
        if (!fs) pk_out_of_memory(0);
        for (size_t i = 0; i < e->n_studies; i++) fs[i] = &e->studies[i].score;
        int sd = col_decimals(PK_UNIT_SCORE, fs, e->n_studies);
        free(fs);
        for (size_t i = 0; i < e->n_studies; i++) {
            const pk_figure *f = &e->studies[i].score;
            t_(b, e->studies[i].label);
            cell(b, &x);
            t_(b, f->band ? f->band : "\xE2\x80\x93");
            cell(b, &x);
            if (pk_fig_rank(f) >= 0) {
                pk_buf p = PK_BUF_INIT;
                pk_fmt_rank(&p, f->percentile);
                bold(b, pk_buf_str(&p));
                if (f->population) {
                    pk_buf_reset(&p);
                    pk_buf_adds(&p, " of ");
                    pk_fmt_num(&p, (double)f->population, 0, 0);
                    t_(b, pk_buf_str(&p));
                }
                pk_buf_fini(&p);
            } else {
                t_(b, "\xE2\x80\x93");
            }
            cell(b, &x);
            fig(b, f, f->unit == PK_UNIT_SCORE ? sd : -1);
            src(b, f->source);
            cell(b, &x);
        }
        static const double fr[] = {0.38, 0.16, 0.2, 0.26};
        static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_LEFT, PK_ALIGN_LEFT, PK_ALIGN_RIGHT};
        const char *head[] = {"Study", "Band", "Percentile", "Score"};
        table(b, "the exposure table", 4, fr, al, head, &x, section_title(b, "AI & job outlook"));
        /* the table's note: whom each score describes, where that is not this occupation */
        for (size_t i = 0; i < e->n_studies; i++)
            scope_note(b, e->studies[i].score.scope, e->studies[i].score.source, "its score");
        if (b->n_sp) endp(b);
    }
    chart(b, "exposure");
    if (e->gpt.present) {
        t_(b, "The GPTs-are-GPTs study scores tasks three ways: with a language model alone (\xCE\xB1 ");
        fig(b, &e->gpt.alpha, -1);
        t_(b, "), with simple added tooling (\xCE\xB2 ");
        fig(b, &e->gpt.beta, -1);
        t_(b, "), and including AI-powered software (\xCE\xB3 ");
        fig(b, &e->gpt.gamma, -1);
        t_(b, ").");
        src(b, e->gpt.gamma.source ? e->gpt.gamma.source : e->gpt.alpha.source);
        t_(b, " Higher means more of the job's tasks could be done at least twice as fast \xE2\x80\x94 "
              "not that they will be automated away.");
        endp(b);
    }
    if (e->task_overlap.status == PK_FIG_OK) {
        bold(b, b->L->task_overlap);
        bold(b, ": ");
        pk_buf p = PK_BUF_INIT;
        pk_fmt_rank(&p, e->task_overlap.value);
        pk_buf_printf(&p, " %s", b->L->percentile);
        bold(b, pk_buf_str(&p));
        pk_buf_reset(&p);
        if (e->task_overlap.population) {
            pk_buf_adds(&p, " of ");
            pk_fmt_num(&p, (double)e->task_overlap.population, 0, 0);
            pk_buf_adds(&p, " occupations");
        }
        if (e->task_overlap.band) pk_buf_printf(&p, " (%s band)", e->task_overlap.band);
        t_(b, pk_buf_str(&p));
        pk_buf_fini(&p);
        src(b, e->task_overlap.source);
        endp(b);
    }
    if (e->remote_work.status == PK_FIG_OK) {
        const char *head, *tail;
        pk_say_remote(&e->remote_work, &head, &tail);
        t_(b, head);
        src(b, e->remote_work.source);
        t_(b, tail);
        scope_note(b, e->remote_work.scope, e->remote_work.source, "its classification");
        endp(b);
    }
    const pk_figure *fo = &e->frey_osborne;
    if (fo->status == PK_FIG_OK) {
        pk_buf ttl = PK_BUF_INIT;
        pk_buf_adds(&ttl, "Historical automation estimate");
        if (fo->year) pk_buf_printf(&ttl, " (%d)", fo->year); /* only a year the data gives */
        h3(b, pk_buf_str(&ttl));
        pk_buf_fini(&ttl);
        t_(b, "A pre-LLM estimate of how automatable this job is by computerization and "
              "robotics, shown for historical context only: it is not part of any current AI "
              "ranking. Probability of computerization: ");
        fig(b, fo, -1);
        if (pk_fig_rank(fo) >= 0) {
            pk_buf p = PK_BUF_INIT;
            pk_buf_adds(&p, ", ");
            pk_fmt_rank(&p, fo->percentile);
            pk_buf_adds(&p, " percentile");
            if (fo->population) {
                pk_buf_adds(&p, " among ");
                pk_fmt_num(&p, (double)fo->population, 0, 0);
                pk_buf_adds(&p, " occupations");
            }
            if (fo->band) pk_buf_printf(&p, ", %s", fo->band);
            t_(b, pk_buf_str(&p));
            pk_buf_fini(&p);
        }
        src(b, fo->source);
        scope_note(b, fo->scope, fo->source, "its probability");
        endp(b);
    }
}

/* The release's tasks of this occupation: Task | How | Usage, with what How means; or, when the
 * join found none, the sentence saying so. */
static void task_patterns(bb *b, const pk_task_mixes *tm)
{
    if (!tm->present) return;
    if (tm->n_items == 0) {
        pk_ai_line l = {0};
        if (pk_ai_join_line(b->r, &l)) ai_line(b, &l);
        return;
    }
    const char *title = "How people work with AI on each task";
    tb x = {0};
    size_t shown = rows_shown(b, tm->n_items);
    pk_buf how = PK_BUF_INIT;
    for (size_t i = 0; i < shown; i++) {
        const pk_task_mix *t = &tm->items[i];
        t_(b, t->name);
        cell(b, &x);
        pk_buf_reset(&how);
        pk_ai_task_how(t, &how);
        t_(b, pk_buf_str(&how));
        cell(b, &x);
        if (t->usage.status != PK_FIG_ABSENT) fig(b, &t->usage, -1);
        cell(b, &x);
    }
    pk_buf_fini(&how);
    static const double fr[] = {0.52, 0.32, 0.16};
    static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_LEFT, PK_ALIGN_RIGHT};
    const char *head[] = {title, "How", "Usage"};
    table(b, title, 3, fr, al, head, &x, title);
    src_line(b, tm->source);
    if (shown < tm->n_items) {
        pk_buf p = PK_BUF_INIT;
        pk_buf_printf(&p, ". %zu of %zu shown, most used first", shown, tm->n_items);
        muted(b, pk_buf_str(&p));
        pk_buf_fini(&p);
    }
    muted(b, ". ");
    muted(b, pk_ai_task_how_note);
    endp(b);
}

/* Example prompts phrased from the tasks people most often delegate: "Help me " and the task
 * with its first letter lower-cased, each with the task's share of measured AI use (the seed's
 * "What people most often hand AI here"). */
static void prompts(bb *b, const pk_list *l)
{
    if (!l->present || l->n_items == 0 || (b->sec && b->sec->compact)) return;
    h3(b, "What people most often hand AI here");
    t_(b, "Example prompts phrased from the tasks people most often delegate to AI in this "
          "occupation: suggested phrasings of real tasks, not endorsed instructions.");
    endp(b);
    size_t shown = rows_shown(b, l->n_items);
    for (size_t i = 0; i < shown; i++) {
        const pk_item *it = &l->items[i];
        pk_buf t = PK_BUF_INIT;
        pk_buf_adds(&t, "\xE2\x80\x9CHelp me ");
        const char *n = it->name;
        if (*n >= 'A' && *n <= 'Z' && !(n[1] >= 'A' && n[1] <= 'Z')) {
            pk_buf_addc(&t, (char)(*n + 32)); /* keep acronyms ("MIDI") as they are */
            n++;
        }
        pk_buf_adds(&t, n);
        pk_buf_adds(&t, "\xE2\x80\x9D");
        t_(b, pk_buf_str(&t));
        if (pk_fig_has(&it->fig)) {
            t_(b, " \xE2\x80\x94 the task is ");
            fig(b, &it->fig, -1);
            t_(b, " of measured AI use");
        }
        if (it->tag) {
            pk_buf_reset(&t);
            pk_buf_adds(&t, ", ");
            for (const char *c = it->tag; *c; c++)
                pk_buf_addc(&t, (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c));
            t_(b, pk_buf_str(&t));
        }
        src(b, it->fig.source);
        item_end(b);
        pk_buf_fini(&t);
    }
}

static void ai_usage(bb *b)
{
    const pk_ai_usage *u = &b->r->ai_usage;
    if (!pk_ai_usage_shown(u)) return;
    h2(b, section_title(b, "How AI is used in this job"));
    t_(b, "From one AI assistant's observed conversations mapped to this occupation: shares of "
          "observed AI conversations, not of the job, of worker time, or of what could be "
          "automated.");
    endp(b);
    chart(b, "augmentation");
    list_table(b, "Tasks that come up most", &u->task_shares, "Share");
    if (u->augmentation.status != PK_FIG_ABSENT && u->automation.status != PK_FIG_ABSENT) {
        bold(b, "Augmentation vs. automation: ");
        fig(b, &u->augmentation, -1);
        t_(b, " working with AI \xC2\xB7 ");
        fig(b, &u->automation, -1);
        t_(b, " handed to AI");
        if (pk_fig_has(&u->filtered)) {
            t_(b, " \xC2\xB7 ");
            fig(b, &u->filtered, -1);
            t_(b, " below the release's sample floor");
        }
        src(b, u->augmentation.source);
        item_end(b);
    } else if (pk_fig_has(&u->filtered)) {
        bold(b, "Augmentation vs. automation: ");
        t_(b, pk_ai_all_below_floor);
        src(b, u->filtered.source);
        item_end(b);
    }
    if (u->top_mode.present) {
        bold(b, "Most common way people use AI here: ");
        pk_buf mw = PK_BUF_INIT;
        pk_ai_mode_words(&u->top_mode, &mw);
        t_(b, pk_buf_str(&mw));
        pk_buf_fini(&mw);
        src(b, u->top_mode.source);
        item_end(b);
    }
    if (u->autonomy.status != PK_FIG_ABSENT) {
        bold(b, "Typical AI autonomy: ");
        fig(b, &u->autonomy, -1);
        pk_buf sc = PK_BUF_INIT;
        pk_buf_printf(&sc, " / %d (higher = AI acts more independently)", PK_AUTONOMY_SCALE);
        t_(b, pk_buf_str(&sc));
        pk_buf_fini(&sc);
        src(b, u->autonomy.source);
        item_end(b);
    }
    if (u->work_use.status != PK_FIG_ABSENT) {
        bold(b, "Used for work (vs. personal or coursework): ");
        fig(b, &u->work_use, -1);
        src(b, u->work_use.source);
        item_end(b);
    }
    task_patterns(b, &u->patterns);
    list_table(b, "What people delegate to AI", &u->delegated_tasks, "Usage");
    list_table(b, "Where a human is still needed", &u->human_needed, "Share");
    prompts(b, &u->delegated_tasks);
}

static void outlook(bb *b)
{
    const pk_outlook *o = &b->r->outlook;
    if (!o->present) return;
    h2(b, section_title(b, "Job outlook"));
    pk_buf p = PK_BUF_INIT;
    pk_buf_adds(&p, "Employment projection for ");
    pk_fmt_year_range(&p, o->base_year, o->target_year);
    pk_buf_adds(&p, " \xE2\x80\x94 a labor-market forecast, not an AI-impact forecast.");
    t_(b, pk_buf_str(&p));
    endp(b);
    if (o->change.status != PK_FIG_ABSENT) {
        bold(b, b->L->outlook);
        bold(b, ": ");
        if (o->label) {
            t_(b, o->label);
            t_(b, ", ");
        }
        fig(b, &o->change, 1);
        pk_buf_reset(&p);
        pk_buf_printf(&p, " by %ld", o->target_year);
        t_(b, pk_buf_str(&p));
        src(b, o->change.source);
        item_end(b);
    }
    if (o->openings.status != PK_FIG_ABSENT) {
        bold(b, b->L->openings);
        bold(b, ": ");
        fig(b, &o->openings, -1);
        src(b, o->openings.source);
        item_end(b);
    }
    if (o->employment_base.status != PK_FIG_ABSENT && o->employment_target.status != PK_FIG_ABSENT) {
        pk_buf_reset(&p);
        pk_buf_printf(&p, "%s %ld \xE2\x86\x92 %ld: ", b->L->employment, o->base_year,
                      o->target_year);
        bold(b, pk_buf_str(&p));
        fig(b, &o->employment_base, -1);
        t_(b, " \xE2\x86\x92 ");
        fig(b, &o->employment_target, -1);
        src(b, o->employment_base.source);
        item_end(b);
    }
    pk_buf_fini(&p);
    const pk_figure *ofs[] = {&o->change, &o->openings, &o->employment_base, &o->employment_target};
    const pk_scope *osc = pk_scope_of(ofs, 4);
    if (osc) {
        scope_note(b, osc, o->change.source ? o->change.source : o->openings.source,
                   "projections");
        endp(b);
    }
    if (b->sec && b->sec->compact) return;
    chart(b, "projection");
    if (o->openings.status != PK_FIG_ABSENT) {
        t_(b, "\xE2\x80\x9C" "Annual openings\xE2\x80\x9D counts new jobs plus replacements for "
              "workers who leave the occupation, so it can be large even when growth is modest.");
        endp(b);
    }
}

static void global(bb *b)
{
    const pk_global *g = &b->r->global;
    if (!g->present) return;
    h2(b, section_title(b, "The global GenAI gradient"));
    t_(b, "The ILO scores generative-AI exposure on the international ISCO-08 occupation system, "
          "not U.S. SOC; this occupation is bridged to it through a published, approximate, "
          "many-to-many crosswalk. Exposure here means how much of the work's tasks today's AI "
          "can attempt \xE2\x80\x94 task overlap, not automation, adoption, or jobs lost.");
    endp(b);
    pk_buf p = PK_BUF_INIT;
    const pk_figure *me = &g->mean_exposure;
    if (me->status != PK_FIG_ABSENT) {
        pk_buf_adds(&p, "Mean task exposure");
        if (me->year) pk_buf_printf(&p, " (%d)", me->year);
        pk_buf_adds(&p, ": ");
        bold(b, pk_buf_str(&p));
        fig(b, me, 0);
        if (pk_fig_rank(me) >= 0) {
            pk_buf_reset(&p);
            pk_buf_adds(&p, ", ");
            pk_fmt_rank(&p, me->percentile);
            pk_buf_adds(&p, " percentile");
            if (me->population) {
                pk_buf_adds(&p, " of ");
                pk_fmt_num(&p, (double)me->population, 0, 0);
                pk_buf_adds(&p, " placed occupations");
            }
            t_(b, pk_buf_str(&p));
        }
        if (g->headline && strcmp(g->headline, "title") == 0 && g->n_isco > 1) {
            pk_buf_reset(&p);
            pk_buf_printf(&p, "; ISCO-08 %s, of the %zu matched, the one whose title is this "
                              "occupation's",
                          g->isco[0].code, g->n_isco);
            t_(b, pk_buf_str(&p));
        }
        src(b, me->source);
        item_end(b);
    }
    if (me->status == PK_FIG_ABSENT && g->n_isco > 1) {
        /* several matches and none is this occupation by title: the range, not one of them */
        pk_figure lo = {0}, hi = {0};
        size_t n = 0;
        for (size_t i = 0; i < g->n_isco; i++) {
            const pk_figure *f = &g->isco[i].exposure;
            if (!pk_fig_has(f)) continue;
            if (!n || f->value < lo.value) lo = *f;
            if (!n || f->value > hi.value) hi = *f;
            n++;
        }
        if (n > 1) {
            pk_buf_reset(&p);
            pk_buf_printf(&p, "Task exposure of the %zu matched international occupations: ", n);
            bold(b, pk_buf_str(&p));
            fig(b, &lo, 0);
            t_(b, "\xE2\x80\x93");
            fig(b, &hi, 0);
            t_(b, " (no one of them is this occupation by its title)");
            src(b, lo.source);
            item_end(b);
        }
    }
    if (g->shift.status != PK_FIG_ABSENT) {
        pk_buf_reset(&p);
        pk_buf_adds(&p, "Shift");
        if (g->from_year && g->to_year)
            pk_buf_printf(&p, " %ld \xE2\x86\x92 %ld", g->from_year, g->to_year);
        pk_buf_adds(&p, ": ");
        bold(b, pk_buf_str(&p));
        fig(b, &g->shift, 0);
        src(b, g->shift.source);
        item_end(b);
    }
    for (size_t i = 0; i < g->n_isco; i++) {
        const pk_isco *c = &g->isco[i];
        pk_buf_reset(&p);
        pk_buf_printf(&p, "ISCO-08 %s %s: ", c->code, c->title);
        bold(b, pk_buf_str(&p));
        if (c->exposure.status != PK_FIG_ABSENT) {
            fig(b, &c->exposure, 0);
            t_(b, " task exposure");
            if (pk_fig_rank(&c->exposure) >= 0 && g->n_isco > 1) {
                pk_buf r = PK_BUF_INIT;
                pk_buf_adds(&r, " (");
                pk_fmt_rank(&r, c->exposure.percentile);
                pk_buf_adds(&r, " percentile)");
                t_(b, pk_buf_str(&r));
                pk_buf_fini(&r);
            }
        }
        if (c->gradient) {
            t_(b, "; most tasks fall in the ");
            t_(b, c->gradient);
            t_(b, " band");
        }
        src(b, c->exposure.source);
        item_end(b);
    }
    pk_buf_fini(&p);
    if (g->crosswalk_source) {
        t_(b, "Crosswalk:");
        src(b, g->crosswalk_source);
        t_(b, ". A U.S. occupation can map to several international ones, and the ILO scores "
              "describe the international occupation, not this exact U.S. role.");
        endp(b);
    }
}

static void tasks(bb *b)
{
    const pk_list *l = &b->r->tasks;
    if (!l->present || !l->n_items) return;
    h2(b, section_title(b, "Tasks"));
    if (l->total && (size_t)l->total > l->n_items) {
        pk_buf p = PK_BUF_INIT;
        pk_source_labels(&p, b->s, l->source);
        pk_buf_printf(&p, " lists %ld tasks for this occupation; %zu are shown here.", l->total,
                      l->n_items);
        t_(b, pk_buf_str(&p));
        pk_buf_fini(&p);
        endp(b);
    }
    list_table_as(b, "Task", l, NULL, section_title(b, "Tasks"));
}

static void ksa(bb *b)
{
    const pk_record *r = b->r;
    if (!(r->knowledge.present || r->skills.present || r->abilities.present)) return;
    h2(b, section_title(b, "Knowledge, skills and abilities"));
    t_(b, "Importance ratings: the higher, the more important to the job (the scale is given "
          "under each list).");
    endp(b);
    chart(b, "ksa");
    list_table(b, "Knowledge", &r->knowledge, "Importance");
    list_table(b, "Essential skills", &r->skills.essential, "Importance");
    list_table(b, "Transferable skills", &r->skills.transferable, "Importance");
    list_table(b, "Abilities", &r->abilities, "Importance");
}

static void technology(bb *b)
{
    const pk_tools *tl = &b->r->tools;
    if (!tl->present || !tl->n_items) return;
    h2(b, section_title(b, "Tools & technology"));
    tb x = {0};
    /* cut to the template's rows: hot technologies first, then the others, in the record's
     * order */
    size_t shown = rows_shown(b, tl->n_items), hot = 0;
    for (size_t i = 0; i < tl->n_items; i++) hot += tl->items[i].hot;
    size_t others = shown > hot ? shown - hot : 0;
    for (size_t i = 0, n_hot = 0, n_other = 0; i < tl->n_items; i++) {
        const pk_tool *it = &tl->items[i];
        if (it->hot ? n_hot++ >= shown : n_other++ >= others) continue;
        t_(b, it->example);
        if (it->hot) {
            add_span(b, PK_SPAN_MARK, " \xE2\x97\x8F", NULL, NULL, NULL);
        }
        cell(b, &x);
        if (it->category) muted(b, it->category);
        cell(b, &x);
    }
    static const double fr[] = {0.55, 0.45};
    static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_LEFT};
    const char *head[] = {"Example", "Category"};
    table(b, "the technology table", 2, fr, al, head, &x, section_title(b, "Tools & technology"));
    add_span(b, PK_SPAN_MARK, "\xE2\x97\x8F ", NULL, NULL, NULL);
    muted(b, b->L->hot_technology);
    muted(b, ". ");
    src_line(b, tl->source);
    rows_note(b, shown, tl->n_items, tl->total, false);
    endp(b);
}

/* O*NET's Work Activities, where the pack has them; absent, the section says so rather than
 * vanish (no pack of the shared releases has the file: docs/packs.md). */
static void work_activities(bb *b)
{
    const pk_list *l = &b->r->work_activities;
    h2(b, section_title(b, "Work activities"));
    if (!l->present || !l->n_items) {
        t_(b, "Not in the data this brief was made from: O*NET rates the work activities of each "
              "occupation in its Work Activities file, which this data does not include.");
        endp(b);
        return;
    }
    t_(b, "The kinds of work the job involves, by O*NET importance rating from 1 (not important) "
          "to 5 (extremely important).");
    endp(b);
    list_table(b, "Work activities", l, "Importance");
}

static void work_context(bb *b)
{
    const pk_list *l = &b->r->work_context;
    if (!l->present || !l->n_items) return;
    h2(b, section_title(b, "Work context"));
    t_(b, "How characteristic each condition is of the job (higher = more present in "
          "day-to-day work).");
    endp(b);
    list_table_as(b, "Condition", l, "Rating", section_title(b, "Work context"));
}

static void text_item(bb *b, const char *label, const char *text, const char *source,
                      const char *after)
{
    if (!text) return;
    bold(b, label);
    bold(b, ": ");
    t_(b, text);
    if (after) t_(b, after);
    src(b, source);
    item_end(b);
}

static void get_in(bb *b)
{
    const pk_record *r = b->r;
    const pk_howto *g = &r->how_to_get_in;
    if (!g->present && !r->outlook.entry_education.present) return;
    h2(b, section_title(b, "How to get in"));
    if (g->job_zone.status != PK_FIG_ABSENT) {
        bold(b, "Job zone: ");
        fig(b, &g->job_zone, 0);
        if (g->job_zone_title) {
            t_(b, " \xE2\x80\x94 ");
            t_(b, g->job_zone_title);
        }
        src(b, g->job_zone.source);
        item_end(b);
    }
    text_item(b, "Education", g->education, g->source, NULL);
    const pk_text *ee = &r->outlook.entry_education;
    if (ee->present)
        text_item(b, "Typical entry-level education", ee->text, ee->source,
                  " (the typical path, not a requirement)");
    text_item(b, "Related experience", g->experience, g->source, NULL);
    if (g->svp) {
        pk_buf p = PK_BUF_INIT;
        pk_buf_printf(&p, "SVP %s", g->svp);
        text_item(b, "Preparation level", pk_buf_str(&p), g->source,
                  " (total schooling plus on-the-job experience)");
        pk_buf_fini(&p);
    }
    if (g->fields_of_study.present && g->fields_of_study.n_items) {
        bold(b, "What to study: ");
        for (size_t i = 0; i < g->fields_of_study.n_items; i++) {
            if (i) t_(b, "; ");
            t_(b, g->fields_of_study.items[i].name);
        }
        src(b, g->fields_of_study.source);
        t_(b, " (fields of study crosswalked to this occupation, not a requirement)");
        item_end(b);
    }
}

static void education(bb *b)
{
    const pk_list *l = &b->r->education;
    if (!l->present || !l->n_items) return;
    h2(b, section_title(b, "Education of current workers"));
    t_(b, "Share of people in this occupation at each level of education.");
    endp(b);
    chart(b, "education");
    list_table(b, "Level of education", l, "Share");
}

static void interests(bb *b)
{
    const pk_record *r = b->r;
    if (!r->interests.present && !r->work_styles.present) return;
    h2(b, section_title(b, "Interests & work styles"));
    chart(b, "interests");
    list_table(b, "Interest areas", &r->interests.areas, NULL);
    list_table(b, "Career interests (Holland / RIASEC)", &r->interests.riasec, "Score");
    list_table(b, "Work styles", &r->work_styles, "Importance");
}

static void industry_cell(bb *b, const pk_industry *it)
{
    t_(b, it->name);
    if (it->level) {
        muted(b, " \xC2\xB7 ");
        muted(b, it->level);
    }
}

static int by_lq_desc(const void *x, const void *y)
{
    const pk_industry *a = *(const pk_industry *const *)x, *c = *(const pk_industry *const *)y;
    if (a->lq.value != c->lq.value) return a->lq.value < c->lq.value ? 1 : -1;
    return strcmp(a->name, c->name);
}

static void industries(bb *b)
{
    const pk_industries *ind = &b->r->industries;
    if (!ind->present || !ind->n_items) return;
    h2(b, section_title(b, "Industries that employ it"));
    chart(b, "industries");
    tb x = {0};
    for (size_t i = 0; i < ind->n_items; i++) {
        const pk_industry *it = &ind->items[i];
        industry_cell(b, it);
        cell(b, &x);
        if (it->workers.status != PK_FIG_ABSENT) fig(b, &it->workers, 0);
        cell(b, &x);
        if (pk_fig_has(&it->median_hourly) && !pk_fig_has(&it->median_pay)) {
            fig(b, &it->median_hourly, -1);
            muted(b, " an hour");
        } else if (it->median_pay.status != PK_FIG_ABSENT) {
            fig(b, &it->median_pay, 0);
        }
        cell(b, &x);
    }
    static const double fr[] = {0.56, 0.2, 0.24};
    static const pk_align al[] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT, PK_ALIGN_RIGHT};
    const char *head[] = {"Industry", "Workers", "Median pay"};
    table(b, "the industries table", 3, fr, al, head, &x, section_title(b, "Industries that employ it"));
    src_line(b, ind->source);
    scope_note(b, ind->items[0].workers.scope, ind->source, "these industry figures");
    endp(b);

    const pk_industry **lq = malloc(ind->n_items * sizeof *lq);
    if (!lq) pk_out_of_memory(0);
    size_t n = 0;
    for (size_t i = 0; i < ind->n_items; i++)
        if (ind->items[i].lq.status == PK_FIG_OK) lq[n++] = &ind->items[i];
    if (n) {
        qsort(lq, n, sizeof *lq, by_lq_desc);
        h3(b, "Where this work is most concentrated");
        chart(b, "concentration");
        t_(b, "The location quotient is how many times more concentrated the occupation is in "
              "an industry than in the economy as a whole (5 means five times its economy-wide "
              "share).");
        endp(b);
        for (size_t i = 0; i < n; i++) {
            industry_cell(b, lq[i]);
            cell(b, &x);
            fig(b, &lq[i]->lq, -1);
            cell(b, &x);
        }
        static const double f2[] = {0.78, 0.22};
        static const pk_align a2[] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT};
        const char *h[] = {"Industry", "Location quotient"};
        table(b, "the concentration table", 2, f2, a2, h, &x, "Where this work is most concentrated");
        src_line(b, ind->source);
        endp(b);
    }
    free(lq);
    if (b->r->career_cluster) career_cluster(b);
}

static void quadrant(bb *b)
{
    const pk_record *r = b->r;
    const pk_quadrant *q = &r->quadrant;
    const pk_figure *ov = &r->exposure.task_overlap, *pay = &r->wages.median;
    bool placed = ov->status == PK_FIG_OK && pk_fig_rank(pay) >= 0;
    if (!q->present && !placed) return;
    h2(b, section_title(b, "Exposure quadrant"));
    if (placed) {
        pk_buf p = PK_BUF_INIT;
        t_(b, r->title);
        t_(b, " sits at the ");
        pk_fmt_rank(&p, ov->value);
        bold(b, pk_buf_str(&p));
        t_(b, " percentile of AI task overlap");
        src(b, ov->source);
        t_(b, " and the ");
        pk_buf_reset(&p);
        pk_fmt_rank(&p, pay->percentile);
        bold(b, pk_buf_str(&p));
        t_(b, " percentile of median pay");
        src(b, pay->source);
        t_(b, ". Overlap measures shared tasks with AI, not automation.");
        pk_buf_fini(&p);
        endp(b);
    } else if (ov->status == PK_FIG_OK) {
        /* a rank the data does not have is said to be missing, never printed as 0th */
        pk_buf p = PK_BUF_INIT;
        t_(b, r->title);
        t_(b, " sits at the ");
        pk_fmt_rank(&p, ov->value);
        bold(b, pk_buf_str(&p));
        t_(b, " percentile of AI task overlap");
        src(b, ov->source);
        t_(b, r->wages.hourly_only ? "; it has no median-pay rank, as BLS publishes hourly wages "
                                     "only for it, so it is not placed on the quadrant."
                                   : "; its median-pay rank is not available, so it is not placed "
                                     "on the quadrant.");
        pk_buf_fini(&p);
        endp(b);
    }
    chart(b, "quadrant");
    if (q->n_related) {
        tb x = {0};
        /* a percentile column only when some related occupation has it: never an empty column */
        const char *osrc = NULL, *psrc = NULL;
        for (size_t i = 0; i < q->n_related; i++) {
            if (q->related[i].overlap_percentile.status == PK_FIG_OK)
                osrc = q->related[i].overlap_percentile.source;
            if (q->related[i].pay_percentile.status == PK_FIG_OK)
                psrc = q->related[i].pay_percentile.source;
        }
        size_t cols = 1, wider = 0;
        double fr[3] = {1, 0.2, 0.2};
        pk_align al[3] = {PK_ALIGN_LEFT, PK_ALIGN_RIGHT, PK_ALIGN_RIGHT};
        const char *head[3] = {"Related occupation", NULL, NULL};
        if (osrc) head[cols++] = "Overlap pctl.";
        if (psrc) head[cols++] = "Pay pctl.";
        fr[0] = 1 - 0.2 * (double)(cols - 1);
        for (size_t i = 0; i < q->n_related; i++) {
            const pk_related *rel = &q->related[i];
            t_(b, rel->title);
            if (rel->soc) {
                muted(b, " ");
                muted(b, rel->soc);
            }
            cell(b, &x);
            if (osrc) {
                if (rel->overlap_percentile.status == PK_FIG_OK) fig(b, &rel->overlap_percentile, 0);
                cell(b, &x);
            }
            if (psrc) {
                if (rel->pay_percentile.status == PK_FIG_OK) {
                    fig(b, &rel->pay_percentile, 0);
                    /* a wider code's rank says which code it is */
                    const pk_scope *sc = rel->pay_percentile.scope;
                    if (pk_scope_disclosed(sc) && sc->kind != PK_SCOPE_TASK && sc->code) {
                        pk_buf as = PK_BUF_INIT;
                        pk_figure_published_as(&rel->pay_percentile, &as);
                        muted(b, " \xC2\xB7 ");
                        muted(b, pk_buf_str(&as));
                        pk_buf_fini(&as);
                        wider++;
                    }
                }
                cell(b, &x);
            }
        }
        table(b, "the related occupations table", cols, fr, al, head, &x,
              section_title(b, "Exposure quadrant"));
        pk_buf ids = PK_BUF_INIT;
        if (osrc) pk_buf_adds(&ids, osrc);
        if (psrc && (!osrc || strcmp(psrc, osrc) != 0)) pk_buf_printf(&ids, "%s%s", osrc ? "+" : "", psrc);
        if (ids.len) src_line(b, ids.data); /* no source line when nothing sourced is shown */
        pk_buf_fini(&ids);
        if (q->adjacent_total) {
            pk_buf p = PK_BUF_INIT;
            pk_buf_printf(&p, b->n_sp ? " (%zu of %ld related occupations shown)"
                                      : "%zu of %ld related occupations shown", q->n_related,
                          q->adjacent_total);
            muted(b, pk_buf_str(&p));
            pk_buf_fini(&p);
        }
        if (wider) {
            pk_buf t = PK_BUF_INIT;
            pk_buf_printf(&t, "%sA pay percentile with a code is that code's: BLS publishes pay "
                              "for the code, which covers that occupation and others.",
                          b->n_sp ? ". " : "");
            muted(b, pk_buf_str(&t));
            pk_buf_fini(&t);
        }
        endp(b);
    }
}

static void use(bb *b)
{
    const pk_kit *k = b->kit;
    h2(b, section_title(b, "What you can do with this"));
    t_(b, k->headline);
    flush_as(b, PK_PARA_HEADLINE, false);
    for (size_t i = 0; i < k->n_claims; i++) {
        t_(b, k->claims[i].text);
        pk_buf s = PK_BUF_INIT;
        pk_buf_printf(&s, " (%s)", k->claims[i].source);
        muted(b, pk_buf_str(&s));
        pk_buf_fini(&s);
        item_end(b);
    }
    if (k->source_line) {
        muted(b, k->source_line);
        endp(b);
    }
    if (k->note) {
        t_(b, k->note);
        endp(b);
    }
}

static void sources(bb *b)
{
    const pk_sources *s = b->s;
    h2(b, section_title(b, "Sources for this page"));
    /* the sources of the figures this brief shows (a fact sheet shows few); when it comes
     * before any figure, every source the record uses */
    bool *used = calloc(s->n_items ? s->n_items : 1, sizeof *used);
    if (!used) pk_out_of_memory(0);
    bool any = false;
    for (size_t i = 0; i < s->n_items; i++) any |= b->used[i];
    if (any) memcpy(used, b->used, s->n_items * sizeof *used);
    else pk_sources_used(b->r, s, used);
    for (size_t i = 0; i < s->n_items; i++) {
        if (!used[i]) continue;
        const pk_source *x = &s->items[i];
        bold(b, x->short_label);
        bold(b, ": ");
        pk_buf p = PK_BUF_INIT;
        pk_buf_printf(&p, "%s, %s", x->publisher, x->title);
        if (x->release) pk_buf_printf(&p, ", %s", x->release);
        if (x->year) pk_buf_printf(&p, " (%ld)", x->year);
        pk_buf_adds(&p, ". ");
        t_(b, pk_buf_str(&p));
        if (x->url) {
            add_span(b, PK_SPAN_LINK, x->url, NULL, NULL, x->url);
            t_(b, " ");
        }
        pk_buf_reset(&p);
        bool compact = b->sec && b->sec->compact;
        if (x->licence && !compact) pk_buf_printf(&p, "Licence: %s. ", x->licence);
        if (x->accessed && !compact) {
            pk_buf_adds(&p, "Accessed ");
            pk_fmt_date(&p, x->accessed);
            pk_buf_adds(&p, ". ");
        }
        if (x->attribution) pk_buf_adds(&p, x->attribution);
        if (p.len) muted(b, pk_buf_str(&p));
        pk_buf_fini(&p);
        item_end(b);
    }
    free(used);
    if (s->publication.compiled) {
        pk_buf p = PK_BUF_INIT;
        pk_buf_adds(&p, "Data compiled ");
        pk_fmt_date(&p, s->publication.compiled);
        pk_buf_adds(&p, ". Figures are estimates, not advice.");
        muted(b, pk_buf_str(&p));
        pk_buf_fini(&p);
        endp(b);
    }
}

static void cite(bb *b)
{
    h2(b, section_title(b, b->L->cite));
    static const struct {
        const char *name;
        pk_cite_style style;
    } styles[] = {{"Plain", PK_CITE_PLAIN}, {"APA", PK_CITE_APA}, {"BibTeX", PK_CITE_BIBTEX}};
    if (!pk_cite_is_page(&b->s->publication)) {
        /* no page to cite (the data names no publisher, page URL or compile date): the data
         * sets, once, as an APA reference list; the kit's cite files have the other forms */
        pk_buf c = PK_BUF_INIT;
        pk_cite(&c, PK_CITE_APA, b->r, b->s);
        t_(b, "Cite the data sets this brief is built from (APA 7):");
        endp(b);
        for (char *line = c.data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
            nl = strchr(line, '\n');
            if (nl) *nl = '\0';
            t_(b, line);
            endp(b);
        }
        muted(b, "The same in other forms: cite.txt, cite.bib (BibTeX), cite.ris and cite.json "
                 "(CSL-JSON) in the press kit.");
        endp(b);
        pk_buf_fini(&c);
        return;
    }
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        pk_buf c = PK_BUF_INIT;
        pk_cite(&c, styles[i].style, b->r, b->s);
        while (c.len && c.data[c.len - 1] == '\n') c.data[--c.len] = 0;
        h3(b, styles[i].name);
        t_(b, pk_buf_str(&c));
        if (styles[i].style == PK_CITE_BIBTEX) {
            pk_doc_node **at = b->tail;
            flush_as(b, PK_PARA_CODE, false);
            if (*at) (*at)->id = "bibtex"; /* the code's language, for the renderers */
        } else {
            endp(b);
        }
        pk_buf_fini(&c);
    }
}

static void methodology(bb *b)
{
    h2(b, section_title(b, "Methodology and caveats"));
    static const char *const notes[] = {
        "AI exposure is not automation or job loss: the studies measure how much of an "
        "occupation's tasks today's AI could attempt or speed up, not what will happen to the job.",
        "Employment projections are the Bureau of Labor Statistics' labor-market projections, "
        "made independently of AI; they are not AI forecasts.",
        "Percentile ranks place this occupation among the occupations each study scores; where "
        "the population is stated, the rank was computed over that many occupations.",
        "Observed AI use comes from one AI assistant's conversation sample, not all AI use or the "
        "whole workforce.",
        "Figures a publisher suppresses are shown as not available; top-coded wages are shown as "
        "\xE2\x80\x9C" "or more\xE2\x80\x9D."};
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        t_(b, notes[i]);
        item_end(b);
    }
}

typedef void (*section_fn)(bb *b);
static const section_fn section_fns[N_SECTIONS] = {
    header, figures, wages, history, changes, ai_work_map, exposure, ai_usage, outlook, global, tasks,
    work_activities, ksa, technology, work_context, get_in, education, interests, industries, quadrant, use, sources,
    cite, methodology};

/* ---- pages ---- */


pk_doc *pk_brief_doc(const pk_record *r, const pk_sources *s, const pk_template *t,
                     const pk_kit *kit)
{
    pk_doc *doc = pk_doc_new(r->title, r->soc);
    bb b = {.r = r, .s = s, .t = t, .L = t ? &t->labels : &default_labels, .doc = doc,
            .a = doc->arena};
    pk_kit own;
    if (!kit) pk_kit_build(&own, r, s);
    b.kit = kit ? kit : &own;
    b.used = pk_arena_alloc(b.a, (s->n_items ? s->n_items : 1) * sizeof *b.used);
    memset(b.used, 0, (s->n_items ? s->n_items : 1) * sizeof *b.used);
    /* every figure's claim id, by its address: the spans name what they show */
    size_t n_figs = 0;
    pk_record_each_figure(r, count_figure, &n_figs);
    b.cap_claims = 64;
    while (b.cap_claims < 2 * n_figs) b.cap_claims *= 2;
    b.claims = calloc(b.cap_claims, sizeof *b.claims);
    if (!b.claims) pk_out_of_memory(0);
    pk_record_each_figure(r, note_claim, &b);
    /* a template without "sections" (and the brief of no template) has every section, in the
     * default order */
    pk_tpl_section all[N_SECTIONS];
    memset(all, 0, sizeof all);
    for (size_t i = 0; i < N_SECTIONS; i++) all[i].id = section_defaults[i].id;
    const pk_tpl_section *secs = t && t->n_sections ? t->sections : all;
    size_t n_secs = t && t->n_sections ? t->n_sections : N_SECTIONS;
    pk_doc_node **next = &doc->first;
    for (size_t i = 0; i < n_secs; i++) {
        int k = section_index(secs[i].id);
        if (k < 0) continue; /* pk_brief_check_template reports it */
        pk_doc_node *sec = pk_arena_alloc(b.a, sizeof *sec);
        memset(sec, 0, sizeof *sec);
        sec->kind = PK_DOC_SECTION;
        sec->id = section_defaults[k].id;
        sec->text = secs[i].title ? dup(&b, secs[i].title) : section_defaults[k].title;
        sec->columns = secs[i].columns;
        b.sec = &secs[i];
        b.sec_node = sec;
        b.tail = &sec->children;
        section_fns[k](&b);
        flush_as(&b, PK_PARA_BODY, true);
        settle(&b);
        /* a section with nothing to say stays in the tree, empty: the renderers leave it out,
         * and the PDF still starts a band of columns where the template does */
        *next = sec;
        next = &sec->next;
    }
    free(b.claims);
    free(b.sp);
    if (!kit) pk_kit_fini(&own);
    return doc;
}
