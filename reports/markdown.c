/* markdown.c: the source-stamped Markdown brief, a renderer of the brief's document tree
 * (doc.h, built by brief.c); see markdown.h. CommonMark with GitHub's tables: a table of the
 * brief is a table here, a list item a list item, every figure followed by its source stamp. */
#include "reports/markdown.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/text.h"

#include "reports/brief.h"
#include "reports/doc.h"

void pk_md_escape(pk_buf *b, const char *text)
{
    /* Escape only what CommonMark could read as inline markup, so the raw text stays readable
     * for a person or an AI agent: emphasis, code, links, HTML, entities. */
    for (const char *p = text; *p; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') {
            pk_buf_adds(b, "\xEF\xBF\xBD"); /* a control character shows as U+FFFD, never acts */
            continue;
        }
        size_t c1 = pk_text_c1_len(p, 3); /* C1 as C0; U+2028, U+2029 as a line break */
        if (c1) {
            pk_buf_adds(b, c1 == 2 ? "\xEF\xBF\xBD" : " ");
            p += c1 - 1;
            continue;
        }
        if (strchr("\\`*_<[]", *p)) pk_buf_addc(b, '\\');
        if (*p == '&') { /* only "&name;" or "&#123;" would be read as an entity */
            size_t k = 1;
            while (k < 32 && (isalnum((unsigned char)p[k]) || (k == 1 && p[k] == '#'))) k++;
            if (k > 1 && p[k] == ';') pk_buf_addc(b, '\\');
        }
        if (*p == '\n' || *p == '\r') pk_buf_addc(b, ' ');
        else pk_buf_addc(b, *p);
    }
}

/* As pk_md_escape, for text that starts a line or list item, where "# ", "- ", "> " or "1. "
 * would open a heading, list or quote. */
static void escape_block(pk_buf *b, const char *text)
{
    const char *p = text;
    if (*p && strchr("#>-+=", *p)) {
        pk_buf_addc(b, '\\');
    } else {
        const char *q = p;
        while (*q >= '0' && *q <= '9') q++;
        if (q > p && (*q == '.' || *q == ')')) {
            pk_buf_add(b, p, (size_t)(q - p));
            pk_buf_addc(b, '\\');
            p = q;
        }
    }
    pk_md_escape(b, p);
}


/* A run of text around a Markdown marker: "**Also called:** " keeps the space outside the
 * stars, where CommonMark wants it. */
static void wrap(pk_buf *b, const char *mark, const char *text, bool block_start)
{
    const char *p = text, *e = text + strlen(text);
    while (*p == ' ') pk_buf_addc(b, *p++);
    const char *q = e;
    while (q > p && q[-1] == ' ') q--;
    if (q > p) {
        pk_buf_adds(b, mark);
        pk_buf t = PK_BUF_INIT;
        pk_buf_add(&t, p, (size_t)(q - p));
        if (block_start) escape_block(b, pk_buf_str(&t));
        else pk_md_escape(b, pk_buf_str(&t));
        pk_buf_fini(&t);
        pk_buf_adds(b, mark);
    }
    pk_buf_adds(b, q);
}

/* The spans of a paragraph or a cell, inline. Strong spans in a row ("Also called", ": ") are
 * one run of bold; a source stamp keeps its brackets as brackets. */
static void inline_spans(pk_buf *b, const pk_doc_spans *s, bool block_start)
{
    for (size_t i = 0; i < s->n; i++) {
        const pk_doc_span *sp = &s->v[i];
        bool first = block_start && i == 0;
        switch (sp->kind) {
        case PK_SPAN_STRONG: {
            pk_buf run = PK_BUF_INIT;
            pk_buf_adds(&run, sp->text);
            while (i + 1 < s->n && s->v[i + 1].kind == PK_SPAN_STRONG) pk_buf_adds(&run, s->v[++i].text);
            wrap(b, "**", pk_buf_str(&run), first);
            pk_buf_fini(&run);
            break;
        }
        case PK_SPAN_SOURCE: {
            /* " [Felten AIOE + ...]": the labels escaped, the brackets as they are */
            const char *t = sp->text;
            size_t n = strlen(t);
            if (n >= 3 && strncmp(t, " [", 2) == 0 && t[n - 1] == ']') {
                pk_buf in = PK_BUF_INIT;
                pk_buf_add(&in, t + 2, n - 3);
                pk_buf_adds(b, " [");
                pk_md_escape(b, pk_buf_str(&in));
                pk_buf_addc(b, ']');
                pk_buf_fini(&in);
            } else {
                pk_md_escape(b, t);
            }
            break;
        }
        case PK_SPAN_LINK:
            if (sp->url && strcmp(sp->url, sp->text) == 0) {
                pk_buf_printf(b, "<%s>", sp->url);
            } else {
                pk_buf_addc(b, '[');
                pk_md_escape(b, sp->text);
                pk_buf_printf(b, "](%s)", sp->url ? sp->url : "");
            }
            break;
        default:
            if (first) escape_block(b, sp->text);
            else pk_md_escape(b, sp->text);
            break;
        }
    }
}

/* A table cell: inline, with its pipes escaped. */
static void cell_text(pk_buf *b, const pk_doc_spans *s)
{
    pk_buf t = PK_BUF_INIT;
    inline_spans(&t, s, false);
    for (size_t i = 0; i < t.len; i++) {
        if (t.data[i] == '|') pk_buf_addc(b, '\\');
        pk_buf_addc(b, t.data[i]);
    }
    pk_buf_fini(&t);
}

/* Ends what is written with a blank line, so that what follows is a block of its own. */
static void gap(pk_buf *b)
{
    if (!b->len) return;
    if (b->data[b->len - 1] != '\n') pk_buf_addc(b, '\n');
    if (b->len < 2 || b->data[b->len - 2] != '\n') pk_buf_addc(b, '\n');
}

static void table(pk_buf *b, const pk_doc_table *t)
{
    gap(b);
    pk_buf_adds(b, "|");
    for (size_t c = 0; c < t->n_cols; c++) {
        pk_buf_addc(b, ' ');
        pk_buf h = PK_BUF_INIT;
        pk_md_escape(&h, *t->head[c] ? t->head[c] : " ");
        for (size_t i = 0; i < h.len; i++) {
            if (h.data[i] == '|') pk_buf_addc(b, '\\');
            pk_buf_addc(b, h.data[i]);
        }
        pk_buf_fini(&h);
        pk_buf_adds(b, " |");
    }
    pk_buf_adds(b, "\n|");
    for (size_t c = 0; c < t->n_cols; c++)
        pk_buf_adds(b, t->col_align[c] == PK_ALIGN_RIGHT ? " ---: |" : " --- |");
    pk_buf_addc(b, '\n');
    for (size_t r = 0; r < t->n_rows; r++) {
        pk_buf_adds(b, "|");
        for (size_t c = 0; c < t->n_cols; c++) {
            pk_buf_addc(b, ' ');
            cell_text(b, &t->cells[r * t->n_cols + c]);
            pk_buf_adds(b, " |");
        }
        pk_buf_addc(b, '\n');
    }
    if (t->note.n) {
        pk_buf_addc(b, '\n');
        inline_spans(b, &t->note, true);
        pk_buf_addc(b, '\n');
    }
}

static void node(pk_buf *b, const pk_doc_node *n, const pk_doc_node *prev)
{
    switch (n->kind) {
    case PK_DOC_HEADING:
        gap(b);
        for (int i = 0; i < n->level; i++) pk_buf_addc(b, '#');
        pk_buf_addc(b, ' ');
        pk_md_escape(b, n->text);
        pk_buf_addc(b, '\n');
        break;
    case PK_DOC_PARA:
        if (n->style == PK_PARA_ITEM) {
            /* consecutive items are one list */
            if (!(prev && prev->kind == PK_DOC_PARA && prev->style == PK_PARA_ITEM)) gap(b);
            pk_buf_adds(b, "- ");
            inline_spans(b, &n->spans, true);
            pk_buf_addc(b, '\n');
            break;
        }
        gap(b);
        if (n->style == PK_PARA_CODE) {
            pk_buf_printf(b, "```%s\n", n->id ? n->id : "");
            pk_doc_spans_text(b, &n->spans);
            if (b->len && b->data[b->len - 1] != '\n') pk_buf_addc(b, '\n');
            pk_buf_adds(b, "```\n");
        } else if (n->style == PK_PARA_HEADLINE) {
            pk_buf t = PK_BUF_INIT;
            pk_doc_spans_text(&t, &n->spans);
            wrap(b, "**", pk_buf_str(&t), true);
            pk_buf_fini(&t);
            pk_buf_addc(b, '\n');
        } else {
            inline_spans(b, &n->spans, true);
            pk_buf_addc(b, '\n');
        }
        break;
    case PK_DOC_TABLE: table(b, &n->table); break;
    case PK_DOC_FIGURE:   /* the figures a chart draws are in the tables and lines around it */
    case PK_DOC_KEYFIGS:  /* page 1's summary boxes: their figures are in the sections */
    case PK_DOC_MASTHEAD: /* the PDF's letterhead */
    case PK_DOC_SECTION:
    case PK_DOC_KIND_COUNT_: break;
    }
}

void pk_markdown_doc(pk_buf *out, const pk_doc *doc)
{
    size_t start = out->len;
    for (const pk_doc_node *s = doc->first; s; s = s->next) {
        const pk_doc_node *prev = NULL;
        for (const pk_doc_node *n = s->children; n; prev = n, n = n->next) node(out, n, prev);
        if (strcmp(s->id, "header") == 0 && s->children) {
            gap(out);
            pk_buf_adds(out, "> Each figure is followed by its source in [brackets]; the sources "
                             "are listed in full at the end. AI exposure measures what today's AI "
                             "can attempt, not automation or job loss; employment projections "
                             "are labor-market forecasts, not AI forecasts.\n");
        }
    }
    /* no line ends in spaces (a note's trailing space would read as a hard break) */
    size_t w = start;
    for (size_t i = start; i < out->len; i++) {
        if (out->data[i] == '\n')
            while (w > start && out->data[w - 1] == ' ') w--;
        out->data[w++] = out->data[i];
    }
    out->len = w;
    out->data[w] = '\0';
}

void pk_markdown_brief(pk_buf *out, const pk_record *r, const pk_sources *s, const pk_kit *k)
{
    pk_doc *doc = pk_brief_doc(r, s, NULL, k);
    pk_markdown_doc(out, doc);
    pk_doc_free(doc);
}
