/* brief_pdf.c: the brief's document tree (doc.h, built by brief.c) set as pages by the layout
 * engine of layouts/flow.c — total-fit paragraphs, tables that split with their header repeated,
 * headings kept with what follows, bands of balanced columns — with each chart placed as a
 * vector scene and the running header and footer drawn in the margins; then painted by the PDF
 * painter. What a node looks like is decided here, from the template; what it says, in brief.c.
 * See brief.h. */
#include "reports/brief.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "layouts/flow.h"
#include "reports/doc.h"
#include "reports/kit.h"
#include "reports/pdf.h"

/* A chart is set no smaller than this share of its column's width to fit the room left. */
#define CHART_MIN_SCALE 0.8

/* One rendering of a document into a flow. */
typedef struct pr {
    const pk_doc *doc;
    const pk_record *r;
    const pk_sources *s;
    const pk_template *t;
    pk_fonts *fonts;
    const pk_hyph *hyph;
    pk_flow *fl;
    pk_arena *a; /* the flow's */
    pk_diag *d;
    int failed;
    unsigned labels_truncated, labels_dropped, points_unlabelled, labels_loose; /* the charts' */
    bool refs; /* in a section of references: no word is broken */
    pk_scene *floating[64]; /* charts floated (pk_flow_box_float), freed when the section ends */
    size_t n_floating;
    /* the structure elements (pdf.h), in the tree's order; the ops' tags index them */
    pk_pdf_elem *el;
    size_t n_el, cap_el;
    unsigned sect, list; /* the section's element, the open list's (0: none) */
} pr;

/* A new structure element under parent; its index, the tag of what it draws. */
static unsigned elem(pr *p, const char *role, unsigned parent)
{
    if (p->n_el == p->cap_el) {
        p->cap_el = p->cap_el ? 2 * p->cap_el : 64;
        p->el = realloc(p->el, p->cap_el * sizeof *p->el);
        if (!p->el) abort();
    }
    p->el[p->n_el] = (pk_pdf_elem){role, parent, NULL, NULL};
    return (unsigned)p->n_el++;
}

static pk_para_style body_style(const pr *p)
{
    const pk_template *t = p->t;
    /* citations and source lists are never hyphenated: a reader copies them as they are */
    bool hyph = t->hyphenate && !p->refs;
    return (pk_para_style){0, t->sizes.leading, t->justify ? PK_ALIGN_JUSTIFY : PK_ALIGN_LEFT,
                           hyph ? p->hyph : NULL, 0};
}

/* A span of the tree as the layout engine takes it: the font, size and colour of its kind, in
 * a paragraph of `style` (the description is set larger, the headline in the heading face, the
 * citation in the code face). */
static pk_span span_of(const pr *p, const pk_doc_span *sp, pk_doc_para_style style)
{
    const pk_template *t = p->t;
    const pk_tpl_sizes *z = &t->sizes;
    pk_span out = {sp->text, t->f_body, z->body, t->c_ink, NULL};
    switch (sp->kind) {
    case PK_SPAN_TEXT:
        if (style == PK_PARA_LEAD) out.size = z->body * 1.12;
        if (style == PK_PARA_HEADLINE) out.font = t->f_heading_bold, out.size = z->body * 1.15;
        if (style == PK_PARA_CODE) out.font = t->f_code, out.size = z->small;
        break;
    case PK_SPAN_STRONG:
    case PK_SPAN_FIGURE: out.font = t->f_body_bold; break;
    case PK_SPAN_SOURCE:
    case PK_SPAN_NOTE: out.size = z->small, out.color = t->c_muted; break;
    case PK_SPAN_LEAD: out.color = t->c_muted; break;
    case PK_SPAN_LINK: out.color = t->c_accent, out.url = sp->url; break;
    case PK_SPAN_MARK: out.size = z->small, out.color = t->c_accent; break;
    case PK_SPAN_KIND_COUNT_: break;
    }
    return out;
}

/* The spans of s as layout spans, in the flow's arena; *n gets their count. */
static pk_span *spans_of(pr *p, const pk_doc_spans *s, pk_doc_para_style style, size_t *n)
{
    pk_span *v = pk_arena_alloc(p->a, (s->n ? s->n : 1) * sizeof *v);
    for (size_t i = 0; i < s->n; i++) v[i] = span_of(p, &s->v[i], style);
    *n = s->n;
    return v;
}

/* ---- blocks ---- */

static void heading(pr *p, const pk_doc_node *n)
{
    const pk_template *t = p->t;
    const pk_tpl_sizes *z = &t->sizes;
    static const char *const roles[] = {"H1", "H2", "H3"};
    pk_flow_tag(p->fl, elem(p, roles[n->level <= 1 ? 0 : n->level == 2 ? 1 : 2], p->sect), 0);
    if (n->level == 1) {
        pk_span s = {n->text, t->f_heading_bold, z->title, t->c_ink, NULL};
        pk_para_style st = {0, z->title * 1.15, PK_ALIGN_LEFT, NULL, 0};
        pk_flow_heading(p->fl, &s, 1, &st, 0, 4, 0, n->text);
    } else if (n->level == 2) {
        pk_span s = {n->text, t->f_heading_bold, z->heading, t->c_accent, NULL};
        pk_para_style st = {0, z->heading * 1.25, PK_ALIGN_LEFT, NULL, 0};
        pk_flow_heading(p->fl, &s, 1, &st, z->leading * 1.2, z->leading * 0.35, 0, n->text);
    } else {
        pk_span s = {n->text, t->f_heading_bold, z->subheading, t->c_ink, NULL};
        pk_para_style st = {0, z->subheading * 1.3, PK_ALIGN_LEFT, NULL, 0};
        pk_flow_heading(p->fl, &s, 1, &st, z->leading * 0.5, z->leading * 0.15, 1, n->text);
    }
}

/* How paragraph n is set: its style, bullet and the space after it. */
static pk_para_style para_style(const pr *p, const pk_doc_node *n, bool *bulleted, double *after)
{
    const pk_template *t = p->t;
    const pk_tpl_sizes *z = &t->sizes;
    pk_para_style st = body_style(p);
    *bulleted = false;
    *after = n->tight ? 0 : z->leading * 0.5;
    switch (n->style) {
    case PK_PARA_LEAD: st.leading = z->leading * 1.1; break;
    case PK_PARA_ITEM:
        st.align = PK_ALIGN_LEFT;
        st.indent = z->body * 1.2;
        *bulleted = true;
        *after = z->leading * 0.2;
        break;
    case PK_PARA_CODE: st = (pk_para_style){0, z->small * 1.3, PK_ALIGN_LEFT, NULL, 0}; break;
    case PK_PARA_BODY:
    case PK_PARA_HEADLINE: break;
    }
    return st;
}

static void para(pr *p, const pk_doc_node *n)
{
    const pk_template *t = p->t;
    size_t k;
    pk_span *sp = spans_of(p, &n->spans, n->style, &k);
    bool bulleted;
    double after;
    pk_para_style st = para_style(p, n, &bulleted, &after);
    pk_span dot = {"\xE2\x80\xA2", t->f_body, t->sizes.body, t->c_accent, NULL};
    if (bulleted) {
        /* a list item: L > LI > Lbl (the bullet), LBody (the text) */
        if (!p->list) p->list = elem(p, "L", p->sect);
        unsigned li = elem(p, "LI", p->list), lbl = elem(p, "Lbl", li);
        pk_flow_tag(p->fl, elem(p, "LBody", li), lbl);
    } else {
        pk_flow_tag(p->fl, elem(p, n->style == PK_PARA_CODE ? "Code" : "P", p->sect), 0);
    }
    if (pk_flow_para(p->fl, sp, k, &st, bulleted ? &dot : NULL, after, p->d) != 0) p->failed++;
}

/* A list starts at n (consecutive items are one list): tells the flow how many items and how
 * tall it is set whole, so that a short list is not split across pages. */
static void list_begin(pr *p, const pk_doc_node *n)
{
    size_t items = 0;
    double h = 0;
    for (const pk_doc_node *i = n; i && i->kind == PK_DOC_PARA && i->style == PK_PARA_ITEM;
         i = i->next) {
        items++;
        if (items > 3) continue; /* only a short list is measured: a long one may split */
        bool bulleted;
        double after;
        pk_para_style st = para_style(p, i, &bulleted, &after);
        st.width = pk_flow_width(p->fl) - st.indent;
        st.indent = 0;
        size_t k;
        pk_span *sp = spans_of(p, &i->spans, i->style, &k);
        pk_para *lp = pk_para_layout(p->a, p->fonts, sp, k, &st);
        h += pk_para_height(lp, 0, pk_para_lines(lp)) + (i->next && i->next->kind == PK_DOC_PARA &&
                                                         i->next->style == PK_PARA_ITEM ? after : 0);
    }
    pk_flow_list_begin(p->fl, items, h);
}

static void table(pr *p, const pk_doc_node *n)
{
    const pk_template *t = p->t;
    const pk_tpl_sizes *z = &t->sizes;
    const pk_doc_table *dt = &n->table;
    size_t cols = dt->n_cols, cells = dt->n_rows * cols;
    pk_table_cell *head = pk_arena_alloc(p->a, cols * sizeof *head);
    pk_span *hs = pk_arena_alloc(p->a, cols * sizeof *hs);
    for (size_t c = 0; c < cols; c++) {
        hs[c] = (pk_span){dt->head[c], t->f_body_bold, z->small, t->c_muted, NULL};
        head[c] = (pk_table_cell){&hs[c], 1};
    }
    /* Table > TR > TH (a column's header) / TD, row by row; the note under it a P after it */
    unsigned tab_el = elem(p, "Table", p->sect);
    unsigned *htags = pk_arena_alloc(p->a, cols * sizeof *htags);
    unsigned *ctags = pk_arena_alloc(p->a, (cells ? cells : 1) * sizeof *ctags);
    unsigned tr = elem(p, "TR", tab_el);
    for (size_t c = 0; c < cols; c++) {
        htags[c] = elem(p, "TH", tr);
        p->el[htags[c]].scope = "Column";
    }
    for (size_t i = 0; i < cells; i++) {
        if (i % cols == 0) tr = elem(p, "TR", tab_el);
        ctags[i] = elem(p, "TD", tr);
    }
    pk_table_cell *body = pk_arena_alloc(p->a, (cells ? cells : 1) * sizeof *body);
    for (size_t i = 0; i < cells; i++) {
        size_t k;
        body[i].spans = spans_of(p, &dt->cells[i], PK_PARA_BODY, &k);
        body[i].n = k;
    }
    pk_span *cs = pk_arena_alloc(p->a, sizeof *cs);
    *cs = (pk_span){dt->cont, t->f_heading_bold, z->small, t->c_muted, NULL};
    pk_table tab = {
        .name = dt->name, .rows_path = dt->rows_path, .n_cols = cols, .n_rows = dt->n_rows,
        .col_frac = dt->col_frac, .col_align = dt->col_align, .head = head, .cells = body,
        .body = {0, z->leading * 0.92, PK_ALIGN_LEFT, t->hyphenate ? p->hyph : NULL, 0},
        .header = {0, z->small * 1.35, PK_ALIGN_LEFT, NULL, 0},
        .pad = z->body * 0.22, .rule = t->c_rule, .header_fill = PK_NONE, .zebra = t->c_band,
        .continued = cs, .keep_rows = 12, .head_tags = htags, .cell_tags = ctags};
    double after = z->leading * 0.3;
    pk_flow_space(p->fl, z->leading * 0.3); /* apart from a list item just above */
    if (dt->note.n) {
        size_t k;
        tab.foot = spans_of(p, &dt->note, PK_PARA_BODY, &k);
        tab.n_foot = k;
        tab.foot_style = body_style(p);
        tab.foot_gap = z->leading * 0.3;
        after = n->tight ? 0 : z->leading * 0.5;
        tab.foot_tag = elem(p, "P", p->sect);
    }
    if (pk_flow_table(p->fl, &tab, after, p->d) != 0) p->failed++;
}

typedef struct chart_box {
    const pk_scene *scene;
    double k;
} chart_box;

static void draw_chart(void *u, pk_scene *s, double x, double y, double w)
{
    chart_box *c = u;
    (void)w;
    pk_scene_place(s, c->scene, x, y, c->k);
}

/* A chart, built at the charts' own size (as the SVG and PNG are) in the template's fonts and
 * colours, so that it looks the same everywhere, then scaled to the column. */
static void figure(pr *p, const pk_doc_node *n)
{
    const pk_template *t = p->t;
    const pk_doc_charts *own = p->doc->charts; /* a comparison's charts, else the record's */
    const pk_chart_def *def = own ? NULL : pk_chart_find(n->text);
    if (!def && !own) return;
    pk_chart_style st;
    if (pk_chart_style_default(&st, p->fonts, p->d) != 0) {
        p->failed++;
        return;
    }
    st.font = t->f_body;
    st.font_bold = t->f_body_bold;
    st.height = st.width * (t->charts.height > 0 ? t->charts.height
                            : own             ? own->print_height(own->ctx, n->text)
                                              : def->print_height(p->r));
    st.accent = t->c_accent;
    st.ink = t->c_ink;
    st.fit_height = t->charts.height <= 0; /* a template's fixed height is the height */
    pk_scene *sc = own ? own->build(own->ctx, n->text, &st, p->d)
                       : pk_chart_build(def, p->r, p->s, p->fonts, &st, p->d);
    if (!sc) {
        p->failed++;
        return;
    }
    double w = pk_flow_width(p->fl);
    chart_box cb = {sc, w / sc->width};
    /* a chart that misses the room left in the frame, where moving on would leave more than a
     * quarter of it empty (docs/templates.md), is drawn shorter if its layout still has all
     * the height it needs (no crowding, nothing more cut or left out), down to 3/4 of its
     * height; else set a little smaller, down to CHART_MIN_SCALE of the column's width */
    double room = pk_flow_room(p->fl), h = sc->height * cb.k;
    double empty = pk_flow_left(p->fl), quarter = pk_flow_frame_height(p->fl) * 0.25;
    if (h > room && empty > quarter && room >= h * 0.75 &&
        t->charts.height <= 0) {
        pk_chart_style st2 = st;
        st2.height = floor(room / cb.k);
        st2.fit_height = false;
        pk_diag quiet = PK_DIAG_INIT;
        pk_scene *sc2 = own ? own->build(own->ctx, n->text, &st2, &quiet)
                            : pk_chart_build(def, p->r, p->s, p->fonts, &st2, &quiet);
        pk_diag_fini(&quiet);
        if (sc2 && sc2->short_by == 0 && sc2->labels_truncated <= sc->labels_truncated &&
            sc2->labels_dropped <= sc->labels_dropped && sc2->height * cb.k <= room) {
            pk_scene_free(sc);
            sc = sc2;
            cb.scene = sc;
            h = sc->height * cb.k;
        } else {
            pk_scene_free(sc2);
        }
    }
    if (h > room && h * CHART_MIN_SCALE <= room && empty > quarter)
        cb.k *= room / h;
    p->labels_truncated += sc->labels_truncated;
    p->labels_dropped += sc->labels_dropped;
    p->points_unlabelled += sc->points_unlabelled;
    p->labels_loose += sc->labels_loose;
    /* a chart with more of its section after it may float to the next frame's top while what
     * follows fills this one; it must then live until the section ends */
    chart_box *box = pk_arena_alloc(p->a, sizeof *box);
    *box = cb;
    /* the chart is one figure; its alternate text the chart's alt text, the words of its
     * charts/NAME.alt.txt and of `chart NAME -o x.pdf` (its full description: the brief has no
     * "chart in words" as brief.html does), else its title and one-sentence summary, else the
     * node's */
    unsigned fig = elem(p, "Figure", p->sect);
    pk_buf alt = PK_BUF_INIT;
    if (sc->desc && sc->desc[0]) {
        pk_buf_adds(&alt, sc->desc);
    } else {
        if (sc->title && sc->title[0]) pk_buf_adds(&alt, sc->title);
        if (sc->summary && sc->summary[0])
            pk_buf_printf(&alt, "%s%s", alt.len ? ". " : "", sc->summary);
    }
    if (!alt.len) pk_buf_adds(&alt, n->alt && n->alt[0] ? n->alt : n->text);
    p->el[fig].alt = pk_arena_strdup(p->a, pk_buf_str(&alt));
    pk_buf_fini(&alt);
    pk_flow_tag(p->fl, fig, 0);
    int rc = n->next ? pk_flow_box_float(p->fl, sc->height * cb.k, draw_chart, box,
                                         t->sizes.leading * 0.6, p->d)
                     : pk_flow_box(p->fl, sc->height * cb.k, draw_chart, box,
                                   t->sizes.leading * 0.6, p->d);
    if (rc < 0) p->failed++;
    if (rc == 1 && p->n_floating < sizeof p->floating / sizeof *p->floating) {
        p->floating[p->n_floating++] = sc;
        return;
    }
    if (rc == 1) pk_flow_float_end(p->fl); /* no room to keep it: placed now */
    pk_scene_free(sc);
}

/* The key figures: up to four boxes side by side, each a label, a big number and its note and
 * source, as tall as the tallest. */
typedef struct keyfigs {
    const pr *p;
    const pk_doc_keyfig *k;
    pk_para *label_p[4], *note_p[4]; /* laid out once, when the row's height is measured */
    unsigned tags[4];                /* each figure's P */
    size_t n;
    double h;
} keyfigs;

static void draw_keyfigs(void *u, pk_scene *s, double x, double y, double w)
{
    keyfigs *kf = u;
    const pk_template *t = kf->p->t;
    double gap = 8, bw = (w - gap * (double)(kf->n - 1)) / (double)kf->n;
    for (size_t i = 0; i < kf->n; i++) {
        const pk_doc_keyfig *k = &kf->k[i];
        double bx = x + (double)i * (bw + gap);
        pk_scene_tag(s, 0); /* the box is furniture; its label, number and note one P */
        pk_scene_rect(s, bx, y, bw, kf->h, t->c_band, PK_NONE, 0);
        pk_scene_rect(s, bx, y, 3, kf->h, t->c_accent, PK_NONE, 0);
        pk_scene_tag(s, kf->tags[i]);
        double pad = 9, inner = bw - pad - 6;
        pk_para *lp = kf->label_p[i];
        double cy = y + 7;
        cy += pk_para_draw(lp, 0, pk_para_lines(lp), s, bx + pad, cy);
        /* the number: shrunk until it fits the box */
        double size = t->sizes.figure;
        while (size > 8 && pk_fonts_width(s->fonts, t->f_numbers, size, k->value,
                                           strlen(k->value)) > inner)
            size -= 0.5;
        double as, de;
        pk_fonts_vmetrics(s->fonts, t->f_numbers, size, &as, &de);
        pk_scene_text(s, bx + pad, cy + as + 2, t->f_numbers, size, t->c_ink, PK_ANCHOR_START,
                      k->value);
        cy += t->sizes.figure * 1.25 + 2;
        pk_para_draw(kf->note_p[i], 0, pk_para_lines(kf->note_p[i]), s, bx + pad, cy);
    }
    pk_scene_tag(s, 0);
}

static void keyfigs_box(pr *p, const pk_doc_node *n)
{
    const pk_template *t = p->t;
    keyfigs kf = {.p = p, .k = n->keyfigs, .n = n->n_keyfigs < 4 ? n->n_keyfigs : 4};
    if (!kf.n) return;
    double w = pk_flow_width(p->fl), gap = 8, bw = (w - gap * (double)(kf.n - 1)) / (double)kf.n;
    double hmax = 0;
    unsigned div = elem(p, "Div", p->sect);
    for (size_t i = 0; i < kf.n; i++) kf.tags[i] = elem(p, "P", div);
    for (size_t i = 0; i < kf.n; i++) {
        pk_para_style st = {bw - 15, t->sizes.small * 1.25, PK_ALIGN_LEFT, NULL, 0};
        pk_span ls = {kf.k[i].label, t->f_body_bold, t->sizes.small, t->c_muted, NULL};
        pk_span ns[2] = {{kf.k[i].note ? kf.k[i].note : "", t->f_body, t->sizes.small, t->c_ink, NULL},
                         {kf.k[i].source, t->f_body, t->sizes.small, t->c_muted, NULL}};
        pk_para *lp = kf.label_p[i] = pk_para_layout(p->a, p->fonts, &ls, 1, &st);
        pk_para *np = kf.note_p[i] = pk_para_layout(p->a, p->fonts, ns, 2, &st);
        pk_flow_count(p->fl, lp);
        pk_flow_count(p->fl, np);
        double h = 7 + pk_para_height(lp, 0, pk_para_lines(lp)) + t->sizes.figure * 1.25 + 2 +
                   pk_para_height(np, 0, pk_para_lines(np)) + 7;
        if (h > hmax) hmax = h;
    }
    kf.h = hmax;
    if (pk_flow_box(p->fl, hmax, draw_keyfigs, &kf, t->sizes.leading * 0.8, p->d) != 0)
        p->failed++;
}

/* The masthead: the logo at the left, the masthead line at the right, a rule under both. */
static void draw_masthead(void *u, pk_scene *s, double x, double y, double w)
{
    const pr *p = u;
    const pk_template *t = p->t;
    double h = t->logo_data ? t->logo_h + 12 : t->sizes.body * 2.6;
    if (t->c_masthead.r != 255 || t->c_masthead.g != 255 || t->c_masthead.b != 255)
        pk_scene_rect(s, x, y, w, h, t->c_masthead, PK_NONE, 0);
    double tx = x + (t->logo_data ? 6 : 0);
    if (t->logo_data) {
        pk_scene_image(s, tx, y + 6, t->logo_w, t->logo_h, t->logo_data, t->logo_len, t->logo_fmt);
    }
    if (t->masthead) {
        double size = t->sizes.body;
        double as, de;
        pk_fonts_vmetrics(p->fonts, t->f_heading_bold, size, &as, &de);
        /* shortened with an ellipsis to the room the logo leaves, never past the page's edge */
        double right = x + w - (t->logo_data ? 8 : 0), left = t->logo_data ? tx + t->logo_w + 12 : x;
        pk_buf m = PK_BUF_INIT;
        pk_fonts_fit(p->fonts, t->f_heading_bold, size, t->masthead, strlen(t->masthead),
                     right - left, &m);
        if (m.len)
            pk_scene_text(s, right, y + h / 2 + (as - de) / 2, t->f_heading_bold, size,
                          t->c_masthead_ink, PK_ANCHOR_END, pk_buf_str(&m));
        pk_buf_fini(&m);
    }
    pk_scene_line(s, x, y + h + 4, x + w, y + h + 4, t->c_accent, 1.5, 0);
}

double pk_brief_masthead_height(const pk_template *t)
{
    return (t->logo_data ? t->logo_h + 12 : t->sizes.body * 2.6) + 14;
}

double pk_brief_keyfig_min_height(const pk_template *t, pk_fonts *fonts, const char *label,
                                  double width)
{
    pk_arena *a = pk_arena_new();
    pk_para_style st = {width - 15, t->sizes.small * 1.25, PK_ALIGN_LEFT, NULL, 0};
    pk_span ls = {label, t->f_body_bold, t->sizes.small, t->c_muted, NULL};
    pk_para *lp = pk_para_layout(a, fonts, &ls, 1, &st);
    /* as keyfigs_box measures a box, with a note of one line */
    double h = 7 + pk_para_height(lp, 0, pk_para_lines(lp)) + t->sizes.figure * 1.25 + 2 +
               st.leading + 7;
    pk_arena_free(a);
    return h;
}

static void masthead(pr *p)
{
    const pk_template *t = p->t;
    if (!t->masthead && !t->logo_data) return;
    double mh = pk_brief_masthead_height(t);
    pk_flow_tag(p->fl, 0, 0); /* the logo and masthead line are the publisher's furniture */
    if (pk_flow_box(p->fl, mh, draw_masthead, p, 0, p->d) != 0) p->failed++;
}

static bool is_item(const pk_doc_node *n)
{
    return n && n->kind == PK_DOC_PARA && n->style == PK_PARA_ITEM;
}

static void section(pr *p, const pk_doc_node *sec)
{
    p->refs = sec->id && (strcmp(sec->id, "cite") == 0 || strcmp(sec->id, "sources") == 0);
    pk_flow_refs(p->fl, p->refs);
    p->sect = elem(p, "Sect", 0);
    p->list = 0;
    const pk_doc_node *prev = NULL;
    for (const pk_doc_node *n = sec->children; n && !p->failed; prev = n, n = n->next) {
        if (!is_item(n)) p->list = 0;
        switch (n->kind) {
        case PK_DOC_HEADING: heading(p, n); break;
        case PK_DOC_PARA:
            if (is_item(n) && !is_item(prev)) list_begin(p, n);
            para(p, n);
            if (is_item(n) && !is_item(n->next)) pk_flow_list_end(p->fl);
            break;
        case PK_DOC_TABLE: table(p, n); break;
        case PK_DOC_FIGURE: figure(p, n); break;
        case PK_DOC_KEYFIGS: keyfigs_box(p, n); break;
        case PK_DOC_MASTHEAD: masthead(p); break;
        case PK_DOC_SECTION:
        case PK_DOC_KIND_COUNT_: break;
        }
    }
    pk_flow_float_end(p->fl);
    pk_flow_tag(p->fl, 0, 0);
    for (size_t i = 0; i < p->n_floating; i++) pk_scene_free(p->floating[i]);
    p->n_floating = 0;
    p->refs = false;
    pk_flow_refs(p->fl, false);
}

/* ---- pages ---- */

struct pk_brief {
    pk_flow *fl;
    size_t n_pages;
    const pk_scene **pages;
    pk_doc *own_doc; /* owned when pk_brief_layout built it; the pages' text points into it */
    pk_preflight pf;
    pk_pdf_elem *el; /* owned: the structure elements the pages' tags name */
    size_t n_el;
    const char *lang;
    bool tagged; /* the template's "pdf": {"tagged"} */
};

/* Running header (pages after the first) and footer (every page) in the margins. */
static void furniture(const pr *p, pk_scene *s, size_t page, size_t pages)
{
    const pk_template *t = p->t;
    const pk_tpl_margins *m = &t->page.margins;
    double x0 = m->left, x1 = t->page.width - m->right, size = t->sizes.small;
    double as, de;
    pk_fonts_vmetrics(p->fonts, t->f_body, size, &as, &de);
    pk_buf lab = PK_BUF_INIT;
    pk_template_page_label(t, page, pages, &lab);
    /* in the bottom margin, and on the page however narrow the margin (templates allow 18 pt) */
    double fy = fmin(t->page.height - m->bottom + 14 + as, t->page.height - de - 2);
    pk_scene_line(s, x0, fy - as - 5, x1, fy - as - 5, t->c_rule, 0.5, 0);
    double pw = pk_scene_text(s, x1, fy, t->f_body, size, t->c_muted, PK_ANCHOR_END, pk_buf_str(&lab));
    if (t->footer && *t->footer) {
        /* the footer text is shortened with an ellipsis rather than run into the page number */
        pk_buf f = PK_BUF_INIT;
        pk_fonts_fit(p->fonts, t->f_body, size, t->footer, strlen(t->footer), x1 - x0 - pw - 12, &f);
        if (f.len)
            pk_scene_text(s, x0, fy, t->f_body, size, t->c_muted, PK_ANCHOR_START, pk_buf_str(&f));
        pk_buf_fini(&f);
    }
    if (page > 1) {
        double hy = fmax(m->top - 16, as + 2);
        pk_buf full = PK_BUF_INIT, h = PK_BUF_INIT;
        if (p->doc->running) pk_buf_adds(&full, p->doc->running);
        else pk_buf_printf(&full, "%s \xC2\xB7 SOC %s", p->doc->title, p->doc->soc);
        double hw = pk_fonts_fit(p->fonts, t->f_body, size, full.data, full.len, (x1 - x0) * 0.7, &h);
        pk_buf_fini(&full);
        pk_scene_text(s, x0, hy, t->f_body, size, t->c_muted, PK_ANCHOR_START, pk_buf_str(&h));
        if (t->masthead && hw + pk_fonts_width(p->fonts, t->f_body_bold, size, t->masthead,
                                               strlen(t->masthead)) + 16 < x1 - x0)
            pk_scene_text(s, x1, hy, t->f_body_bold, size, t->c_accent, PK_ANCHOR_END, t->masthead);
        pk_scene_line(s, x0, hy + de + 4, x1, hy + de + 4, t->c_rule, 0.5, 0);
        pk_buf_fini(&h);
    }
    pk_buf_fini(&lab);
}

/* One layout of doc in t. NULL with messages in d when it fails; NULL with *over set to the
 * pages it needs and no message when it needs more than t->page.max_pages. */
static pk_brief *layout_once(const pk_doc *doc, const pk_record *r, const pk_sources *s,
                             const pk_template *t, pk_fonts *fonts, const pk_hyph *hyph,
                             size_t *over, double *fill, pk_diag *d)
{
    pk_buf what = PK_BUF_INIT;
    pk_buf_printf(&what, "%s for %s", doc->charts ? "comparison" : "brief", doc->soc);
    pk_flow_page pg = {t->page.width, t->page.height, t->page.margins.top,
                       t->page.margins.right, t->page.margins.bottom, t->page.margins.left,
                       t->page.column_gap};
    pr p = {.doc = doc, .r = r, .s = s, .t = t, .fonts = fonts, .hyph = hyph,
            .fl = pk_flow_new(fonts, &pg, pk_buf_str(&what)), .d = d};
    pk_buf_fini(&what);
    p.a = pk_flow_arena(p.fl);
    elem(&p, "Document", 0);
    /* sections in bands of the same number of columns; a band of columns is balanced on its
     * last page, by setting its sections again (pk_flow_band_rebalance) */
    for (const pk_doc_node *i = doc->first, *j; i && !p.failed; i = j) {
        long cols = i->columns ? i->columns : t->page.columns;
        for (j = i->next; j; j = j->next)
            if ((j->columns ? j->columns : t->page.columns) != cols) break;
        pk_flow_columns(p.fl, (int)cols);
        if (cols > 1) pk_flow_band_begin(p.fl);
        unsigned lt = p.labels_truncated, ld = p.labels_dropped, pu = p.points_unlabelled,
                 ll = p.labels_loose;
        size_t n_el = p.n_el;
        do {
            /* a band set again is measured again, and its elements made again */
            p.labels_truncated = lt, p.labels_dropped = ld, p.points_unlabelled = pu;
            p.labels_loose = ll;
            p.n_el = n_el;
            for (const pk_doc_node *k = i; k != j && !p.failed; k = k->next) section(&p, k);
        } while (cols > 1 && !p.failed && pk_flow_band_rebalance(p.fl));
    }
    size_t n = pk_flow_finish(p.fl);
    *fill = pk_flow_last_fill(p.fl);
    if (!p.failed && t->page.max_pages && n > (size_t)t->page.max_pages) {
        *over = n;
        p.failed++;
    }
    if (p.failed) {
        pk_flow_free(p.fl);
        free(p.el);
        return NULL;
    }
    pk_brief *br = calloc(1, sizeof *br);
    if (!br) pk_out_of_memory(0);
    br->fl = p.fl;
    br->n_pages = n;
    br->el = p.el;
    br->n_el = p.n_el;
    br->lang = doc->lang;
    br->tagged = !t->pdf.present || t->pdf.tagged;
    br->pf.pages = n;
    for (size_t i = 0; i < n && i < PK_PREFLIGHT_PAGES; i++) br->pf.empty[i] = pk_flow_page_empty(p.fl, i);
    br->pf.q = *pk_flow_quality_of(p.fl);
    br->pf.labels_truncated = p.labels_truncated;
    br->pf.labels_dropped = p.labels_dropped;
    br->pf.points_unlabelled = p.points_unlabelled;
    br->pf.labels_loose = p.labels_loose;
    br->pages = calloc(n, sizeof *br->pages);
    if (!br->pages) pk_out_of_memory(0);
    for (size_t i = 0; i < n; i++) {
        pk_scene *sc = pk_flow_page_scene(p.fl, i);
        pk_scene_tag(sc, 0); /* running header and footer: artifacts */
        furniture(&p, sc, i + 1, n);
        br->pages[i] = sc;
    }
    return br;
}

/* A brief that must fit max_pages and does not is set again with every type size a little
 * smaller, as a typesetter would tighten a fact sheet, down to this share of the template's. */
static const double fit_scales[] = {1, 0.95, 0.9, 0.85};
/* A brief whose last page holds less than SHORT_PAGE of a page is set again at these shares,
 * and the first that saves the page is kept: a few lines alone on a last page are pulled back. */
static const double pull_scales[] = {0.98, 0.96};
#define SHORT_PAGE 0.2

/* t with every type size times k; borrows t's strings and tables. */
static pk_template scaled(const pk_template *t, double k)
{
    pk_template tt = *t;
    pk_tpl_sizes *z = &tt.sizes;
    z->title *= k, z->heading *= k, z->subheading *= k, z->body *= k, z->leading *= k;
    z->small *= k, z->figure *= k;
    return tt;
}

pk_brief *pk_brief_layout_doc(const pk_doc *doc, const pk_record *r, const pk_sources *s,
                              const pk_template *t, pk_fonts *fonts, const pk_hyph *hyph,
                              pk_diag *d)
{
    if (pk_brief_check_template(t, d)) return NULL;
    size_t n_scales = t->page.max_pages ? sizeof fit_scales / sizeof *fit_scales : 1, over = 0, i;
    double fill = 1;
    pk_brief *br = NULL;
    for (i = 0; i < n_scales && !br; i++) {
        pk_template tt = scaled(t, fit_scales[i]);
        over = 0;
        br = layout_once(doc, r, s, &tt, fonts, hyph, &over, &fill, d);
        if (!br && !over) return NULL;
    }
    if (!br) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: $.page.max_pages: the %s for %s needs %zu pages "
                    "even with its type at %.0f%%; the template allows %ld (drop sections or make "
                    "the type smaller)",
                    t->path, doc->charts ? "comparison" : "brief", doc->soc, over, fit_scales[n_scales - 1] * 100, t->page.max_pages);
        return NULL;
    }
    /* a short last page is pulled back only from a brief set at the template's own sizes */
    for (size_t j = 0; i == 1 && br->n_pages > 1 && fill < SHORT_PAGE &&
                       j < sizeof pull_scales / sizeof *pull_scales;
         j++) {
        pk_template tt = scaled(t, pull_scales[j]);
        pk_diag quiet = PK_DIAG_INIT; /* it set once; a retry's trouble is not the brief's */
        double f2 = 1;
        size_t o2 = 0;
        pk_brief *tight = layout_once(doc, r, s, &tt, fonts, hyph, &o2, &f2, &quiet);
        pk_diag_fini(&quiet);
        if (tight && tight->n_pages < br->n_pages) {
            pk_brief_free(br);
            return tight;
        }
        pk_brief_free(tight);
    }
    return br;
}

pk_brief *pk_brief_layout(const pk_record *r, const pk_sources *s, const pk_template *t,
                          pk_fonts *fonts, const pk_hyph *hyph, const pk_kit *kit, pk_diag *d)
{
    if (pk_brief_check_template(t, d)) return NULL;
    pk_doc *doc = pk_brief_doc(r, s, t, kit);
    pk_brief *br = pk_brief_layout_doc(doc, r, s, t, fonts, hyph, d);
    if (!br) {
        pk_doc_free(doc);
        return NULL;
    }
    br->own_doc = doc;
    return br;
}

void pk_brief_free(pk_brief *b)
{
    if (!b) return;
    pk_flow_free(b->fl);
    free(b->pages);
    free(b->el);
    pk_doc_free(b->own_doc);
    free(b);
}

size_t pk_brief_pages(const pk_brief *b)
{
    return b->n_pages;
}

const pk_scene *const *pk_brief_scenes(const pk_brief *b)
{
    return b->pages;
}

void pk_brief_tags(const pk_brief *b, pk_pdf_info *info)
{
    info->elems = b->tagged ? b->el : NULL;
    info->n_elems = b->tagged ? b->n_el : 0;
    info->lang = b->lang;
}

void pk_brief_preflight(const pk_brief *b, pk_preflight *out)
{
    *out = b->pf;
}

int pk_brief_pdf(const pk_record *r, const pk_sources *s, const pk_template *t, pk_fonts *fonts,
                 const pk_hyph *hyph, const pk_kit *kit, pk_buf *out, pk_diag *d)
{
    return pk_brief_pdf_preflight(r, s, t, fonts, hyph, kit, out, NULL, d);
}

int pk_brief_pdf_preflight(const pk_record *r, const pk_sources *s, const pk_template *t,
                           pk_fonts *fonts, const pk_hyph *hyph, const pk_kit *kit, pk_buf *out,
                           pk_preflight *pf, pk_diag *d)
{
    pk_brief *b = pk_brief_layout(r, s, t, fonts, hyph, kit, d);
    if (!b) return -1;
    if (pf) *pf = b->pf;
    pk_buf title = PK_BUF_INIT, kw = PK_BUF_INIT;
    pk_buf_printf(&title, "%s (SOC %s): occupation brief", r->title, r->soc);
    pk_buf_printf(&kw, "%s, SOC %s, wages, employment projections, AI exposure", r->title, r->soc);
    pk_pdf_info info = {.title = pk_buf_str(&title),
                        .subject = "Wages, outlook and AI exposure of one U.S. occupation, every "
                                   "figure with its source",
                        .author = t->author,
                        .keywords = pk_buf_str(&kw)};
    pk_brief_tags(b, &info);
    int rc = pk_pdf_write(pk_brief_scenes(b), pk_brief_pages(b), &info, out, d);
    pk_buf_fini(&title);
    pk_buf_fini(&kw);
    pk_brief_free(b);
    return rc;
}
