/* html.c: brief.html from the brief's document tree; see html.h. Every text is escaped where it
 * is written; the only markup is this file's. */
#include "reports/html.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "reports/doc.h"

void pk_html_escape(pk_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': pk_buf_adds(b, "&amp;"); break;
        case '<': pk_buf_adds(b, "&lt;"); break;
        case '>': pk_buf_adds(b, "&gt;"); break;
        case '"': pk_buf_adds(b, "&quot;"); break;
        default:
            /* a control character shows as U+FFFD; it never reaches the page as markup */
            if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') pk_buf_adds(b, "\xEF\xBF\xBD");
            else pk_buf_addc(b, *p);
        }
    }
}

/* The stylesheet: the brief's look (the default template's colours), a column that reads well
 * from a phone to a desktop, dark colours where the reader asks for them, and paper. */
static const char css[] =
    ":root{--bg:#fff;--ink:#1a1a1a;--muted:#595959;--accent:#00609a;--band:#f4f6f8;"
    "--rule:#d0d5da;color-scheme:light dark}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#121417;--ink:#e9e9e9;--muted:#b4b4b4;"
    "--accent:#7cc0ee;--band:#1d2227;--rule:#3b424a}}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.55 system-ui,-apple-system,"
    "'Segoe UI','DejaVu Sans',sans-serif;overflow-wrap:break-word}\n"
    "main{max-width:50rem;margin:0 auto;padding:1rem 1rem 3rem}\n"
    "a{color:var(--accent)}\n"
    ".skip{position:absolute;left:-10000px;top:0}\n"
    ".skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}\n"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    "h1{font-size:2rem;line-height:1.2;margin:1rem 0 .25rem}\n"
    "h2{font-size:1.4rem;color:var(--accent);margin:2.2rem 0 .5rem}\n"
    "h3{font-size:1.1rem;margin:1.4rem 0 .4rem}\n"
    "p,ul{margin:.5rem 0}\n"
    "ul{padding-left:1.2rem}\n"
    "li{margin:.25rem 0}\n"
    ".lead{font-size:1.1rem}\n"
    ".occ,.note,.src{color:var(--muted)}\n"
    ".src,.note{font-size:.85em}\n"
    ".mark{color:var(--accent)}\n"
    ".headline{font-size:1.15rem}\n"
    ".keyfigs{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.5rem;"
    "margin:1rem 0}\n"
    ".kf{background:var(--band);border-left:3px solid var(--accent);padding:.5rem .7rem}\n"
    ".kf dt{font-size:.85em;font-weight:600;color:var(--muted)}\n"
    ".kf dd{margin:0}\n"
    ".kf .value{font-size:1.6rem;font-weight:700;line-height:1.3}\n"
    ".kf .knote{font-size:.85em}\n"
    "table{width:100%;border-collapse:collapse;margin:.75rem 0 .25rem;font-size:.95em}\n"
    "caption{text-align:left;font-weight:600;color:var(--muted);font-size:.85em;padding:0 0 .2rem}\n"
    "th,td{text-align:left;vertical-align:top;padding:.3rem .45rem;border-bottom:1px solid "
    "var(--rule)}\n"
    "thead th{font-size:.85em;color:var(--muted)}\n"
    "tbody th{font-weight:normal}\n"
    "tbody tr:nth-child(even){background:var(--band)}\n"
    ".num{text-align:right}\n"
    ".num .fig{white-space:nowrap}\n"
    ".num .src{display:block}\n"
    "td,th{hyphens:auto}\n"
    ".tw{overflow-x:auto}\n"
    "figure{margin:1.2rem 0}\n"
    "figure svg{display:block;width:100%;height:auto;background:#fff;border-radius:4px}\n"
    ".narrow{display:none}\n"
    "@media (max-width:36rem){.wide{display:none}.narrow{display:block}"
    "table{font-size:.9em}th,td{padding:.3rem .3rem}tbody th,td .src{overflow-wrap:anywhere}}\n"
    "figcaption{font-size:.85em;color:var(--muted);margin-top:.3rem}\n"
    "details{font-size:.85em;margin-top:.3rem}\n"
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--band);padding:.6rem;"
    "font-size:.8em}\n"
    "footer{max-width:50rem;margin:0 auto;padding:1rem;border-top:1px solid var(--rule);"
    "color:var(--muted);font-size:.85em}\n"
    "@media print{.skip,.narrow{display:none!important}.wide{display:block!important}body{font-size:10pt;background:#fff;color:#000}main{max-width:"
    "none;padding:0}h2{break-after:avoid}figure,tr,.kf{break-inside:avoid}"
    "tbody tr:nth-child(even),.kf{background:#f4f6f8}a{color:#000}}\n";

static void spans(pk_buf *b, const pk_doc_spans *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const pk_doc_span *sp = &s->v[i];
        switch (sp->kind) {
        case PK_SPAN_TEXT: pk_html_escape(b, sp->text); break;
        case PK_SPAN_STRONG:
            pk_buf_adds(b, "<strong>");
            pk_html_escape(b, sp->text);
            /* strong spans in a row ("Also called", ": ") are one */
            while (i + 1 < s->n && s->v[i + 1].kind == PK_SPAN_STRONG) pk_html_escape(b, s->v[++i].text);
            pk_buf_adds(b, "</strong>");
            break;
        case PK_SPAN_FIGURE:
            pk_buf_adds(b, "<span class=\"fig\"");
            if (sp->claim) {
                pk_buf_adds(b, " data-claim=\"");
                pk_html_escape(b, sp->claim);
                pk_buf_addc(b, '"');
            }
            pk_buf_addc(b, '>');
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</span>");
            break;
        case PK_SPAN_SOURCE:
            pk_buf_adds(b, "<span class=\"src\">");
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</span>");
            break;
        case PK_SPAN_NOTE:
            pk_buf_adds(b, "<span class=\"note\">");
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</span>");
            break;
        case PK_SPAN_LEAD:
            pk_buf_adds(b, "<span class=\"occ\">");
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</span>");
            break;
        case PK_SPAN_LINK:
            pk_buf_adds(b, "<a href=\"");
            pk_html_escape(b, sp->url ? sp->url : "");
            pk_buf_adds(b, "\">");
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</a>");
            break;
        case PK_SPAN_MARK:
            /* a marker means what the note under its table says: hidden from a screen reader,
             * which is told in words instead */
            pk_buf_adds(b, "<span class=\"mark\" aria-hidden=\"true\">");
            pk_html_escape(b, sp->text);
            pk_buf_adds(b, "</span>");
            if (i + 1 == s->n || s->v[i + 1].kind != PK_SPAN_NOTE)
                pk_buf_adds(b, "<span class=\"sr\"> (hot technology)</span>");
            break;
        case PK_SPAN_KIND_COUNT_: break;
        }
    }
}

static void table(pk_buf *b, const pk_doc_table *t)
{
    /* the caption names the table for a screen reader; on screen it would repeat the first
     * column's header, so it shows only when it says something else */
    const char *cap = t->caption && *t->caption ? t->caption : t->head[0];
    bool same = t->n_cols && t->head[0] && strcmp(cap, t->head[0]) == 0;
    /* a table wider than a phone scrolls inside its box, never the page */
    pk_buf_adds(b, same ? "<div class=\"tw\"><table>\n<caption class=\"sr\">"
                        : "<div class=\"tw\"><table>\n<caption>");
    pk_html_escape(b, cap);
    pk_buf_adds(b, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < t->n_cols; c++) {
        pk_buf_adds(b, t->col_align[c] == PK_ALIGN_RIGHT ? "<th scope=\"col\" class=\"num\">"
                                                        : "<th scope=\"col\">");
        pk_html_escape(b, t->head[c]);
        pk_buf_adds(b, "</th>");
    }
    pk_buf_adds(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        pk_buf_adds(b, "<tr>");
        for (size_t c = 0; c < t->n_cols; c++) {
            /* the first cell names the row */
            const char *open = c == 0 ? "<th scope=\"row\"" : "<td";
            pk_buf_adds(b, open);
            if (t->col_align[c] == PK_ALIGN_RIGHT) pk_buf_adds(b, " class=\"num\"");
            pk_buf_addc(b, '>');
            spans(b, &t->cells[r * t->n_cols + c]);
            pk_buf_adds(b, c == 0 ? "</th>" : "</td>");
        }
        pk_buf_adds(b, "</tr>\n");
    }
    pk_buf_adds(b, "</tbody>\n</table></div>\n");
    if (t->note.n) {
        pk_buf_adds(b, "<p class=\"note\">");
        spans(b, &t->note);
        pk_buf_adds(b, "</p>\n");
    }
}

static void keyfigs(pk_buf *b, const pk_doc_node *n)
{
    pk_buf_adds(b, "<dl class=\"keyfigs\">\n");
    for (size_t i = 0; i < n->n_keyfigs; i++) {
        const pk_doc_keyfig *k = &n->keyfigs[i];
        pk_buf_adds(b, "<div class=\"kf\"><dt>");
        pk_html_escape(b, k->label);
        pk_buf_adds(b, "</dt><dd class=\"value\"><span class=\"fig\"");
        if (k->claim) {
            pk_buf_adds(b, " data-claim=\"");
            pk_html_escape(b, k->claim);
            pk_buf_addc(b, '"');
        }
        pk_buf_addc(b, '>');
        /* a page has no ActualText: the key figure sets the hyphen-minus, so that it pastes as
         * a number (docs/kit.md, "Copy and paste") */
        pk_buf v = PK_BUF_INIT;
        for (const char *c = k->value; *c; c++) {
            if (strncmp(c, "\xE2\x88\x92", 3) == 0) {
                pk_buf_addc(&v, '-');
                c += 2;
            } else {
                pk_buf_addc(&v, *c);
            }
        }
        pk_html_escape(b, pk_buf_str(&v));
        pk_buf_fini(&v);
        pk_buf_adds(b, "</span></dd><dd class=\"knote\">");
        if (k->note) pk_html_escape(b, k->note);
        pk_buf_adds(b, "<span class=\"src\">");
        pk_html_escape(b, k->source);
        pk_buf_adds(b, "</span></dd></div>\n");
    }
    pk_buf_adds(b, "</dl>\n");
}

static void svg_in(pk_buf *b, const char *cls, const char *svg)
{
    pk_buf_printf(b, "<div class=\"%s\">", cls);
    pk_buf_adds(b, svg);
    if (b->len && b->data[b->len - 1] != '\n') pk_buf_addc(b, '\n');
    pk_buf_adds(b, "</div>\n");
}

static void figure(pk_buf *b, const pk_doc_node *n, pk_html_chart_fn chart, void *ctx)
{
    pk_html_chart c = {0};
    if (!chart || !chart(ctx, n->text, PK_HTML_CHART_WIDE, &c) || !c.svg) return;
    pk_buf_printf(b, "<figure class=\"chart\" id=\"chart-%s\">\n", n->text);
    svg_in(b, "wide", c.svg);
    /* c's strings end with the next call: keep the words, then ask for the phone's drawing */
    pk_buf title = PK_BUF_INIT, alt = PK_BUF_INIT;
    pk_buf_adds(&title, c.title ? c.title : n->text);
    pk_buf_adds(&alt, c.alt ? c.alt : "");
    pk_html_chart nc = {0};
    if (chart(ctx, n->text, PK_HTML_CHART_NARROW, &nc) && nc.svg) svg_in(b, "narrow", nc.svg);
    pk_buf_adds(b, "<figcaption>");
    pk_html_escape(b, pk_buf_str(&title));
    pk_buf_adds(b, "</figcaption>\n");
    if (alt.len) {
        pk_buf_adds(b, "<details><summary>The chart in words</summary><p>");
        pk_html_escape(b, pk_buf_str(&alt));
        pk_buf_adds(b, "</p></details>\n");
    }
    pk_buf_fini(&title);
    pk_buf_fini(&alt);
    pk_buf_adds(b, "</figure>\n");
}

static void block(pk_buf *b, const pk_doc_node *n, const pk_doc_node *next, bool *in_list,
                  const char *sec_id, pk_html_chart_fn chart, void *ctx)
{
    bool item = n->kind == PK_DOC_PARA && n->style == PK_PARA_ITEM;
    if (item && !*in_list) {
        pk_buf_adds(b, "<ul>\n");
        *in_list = true;
    }
    switch (n->kind) {
    case PK_DOC_HEADING:
        if (n->level == 2)
            pk_buf_printf(b, "<h2 id=\"h-%s\">", sec_id);
        else
            pk_buf_printf(b, "<h%d>", n->level);
        pk_html_escape(b, n->text);
        pk_buf_printf(b, "</h%d>\n", n->level);
        break;
    case PK_DOC_PARA:
        switch (n->style) {
        case PK_PARA_ITEM: pk_buf_adds(b, "<li>"); break;
        case PK_PARA_LEAD: pk_buf_adds(b, "<p class=\"lead\">"); break;
        case PK_PARA_HEADLINE: pk_buf_adds(b, "<p class=\"headline\"><strong>"); break;
        case PK_PARA_CODE: pk_buf_adds(b, "<pre><code>"); break;
        case PK_PARA_BODY: pk_buf_adds(b, "<p>"); break;
        }
        if (n->style == PK_PARA_CODE || n->style == PK_PARA_HEADLINE) {
            pk_buf t = PK_BUF_INIT;
            pk_doc_spans_text(&t, &n->spans);
            pk_html_escape(b, pk_buf_str(&t));
            pk_buf_fini(&t);
        } else {
            spans(b, &n->spans);
        }
        switch (n->style) {
        case PK_PARA_ITEM: pk_buf_adds(b, "</li>\n"); break;
        case PK_PARA_HEADLINE: pk_buf_adds(b, "</strong></p>\n"); break;
        case PK_PARA_CODE: pk_buf_adds(b, "</code></pre>\n"); break;
        case PK_PARA_LEAD:
        case PK_PARA_BODY: pk_buf_adds(b, "</p>\n"); break;
        }
        break;
    case PK_DOC_TABLE: table(b, &n->table); break;
    case PK_DOC_FIGURE: figure(b, n, chart, ctx); break;
    case PK_DOC_KEYFIGS: keyfigs(b, n); break;
    case PK_DOC_MASTHEAD: /* the PDF's letterhead */
    case PK_DOC_SECTION:
    case PK_DOC_KIND_COUNT_: break;
    }
    bool next_item = next && next->kind == PK_DOC_PARA && next->style == PK_PARA_ITEM;
    if (*in_list && !next_item) {
        pk_buf_adds(b, "</ul>\n");
        *in_list = false;
    }
}

void pk_html_doc(pk_buf *out, const pk_doc *doc, const char *page_title, const char *footer,
                 pk_html_chart_fn chart, void *ctx)
{
    /* polyglot markup: HTML5 that is also well-formed XML, so an XML parser checks it whole */
    pk_buf_adds(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"");
    pk_html_escape(out, doc->lang);
    pk_buf_adds(out, "\" xml:lang=\"");
    pk_html_escape(out, doc->lang);
    pk_buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                     "<title>");
    pk_html_escape(out, page_title);
    pk_buf_adds(out, "</title>\n<style>\n");
    pk_buf_adds(out, css);
    pk_buf_adds(out, "</style>\n</head>\n<body>\n"
                     "<a class=\"skip\" href=\"#main\">Skip to the brief</a>\n"
                     "<main id=\"main\">\n");
    for (const pk_doc_node *s = doc->first; s; s = s->next) {
        if (!s->children) continue;
        bool head = strcmp(s->id, "header") == 0;
        const pk_doc_node *c0 = s->children;
        if (head) {
            pk_buf_adds(out, "<header>\n");
        } else if (c0->kind == PK_DOC_HEADING && c0->level == 2) {
            pk_buf_printf(out, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n", s->id, s->id);
        } else {
            pk_buf_printf(out, "<section id=\"%s\" aria-label=\"", s->id);
            pk_html_escape(out, s->text ? s->text : s->id);
            pk_buf_adds(out, "\">\n");
        }
        bool in_list = false;
        for (const pk_doc_node *n = s->children; n; n = n->next)
            block(out, n, n->next, &in_list, s->id, chart, ctx);
        pk_buf_adds(out, head ? "</header>\n" : "</section>\n");
    }
    pk_buf_adds(out, "</main>\n");
    if (footer && *footer) {
        pk_buf_adds(out, "<footer>");
        pk_html_escape(out, footer);
        pk_buf_adds(out, "</footer>\n");
    }
    pk_buf_adds(out, "</body>\n</html>\n");
}
