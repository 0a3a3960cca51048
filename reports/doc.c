/* doc.c: the brief's document tree (doc.h): its arena, its plain text, and the dump tests read. */
#include "reports/doc.h"

#include <stdlib.h>
#include <string.h>

pk_doc *pk_doc_new(const char *title, const char *soc)
{
    pk_arena *a = pk_arena_new();
    pk_doc *d = pk_arena_alloc(a, sizeof *d);
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->title = pk_arena_strdup(a, title ? title : "");
    d->soc = pk_arena_strdup(a, soc ? soc : "");
    d->lang = "en-US";
    return d;
}

void pk_doc_free(pk_doc *d)
{
    if (d) pk_arena_free(d->arena);
}

void pk_doc_spans_text(pk_buf *b, const pk_doc_spans *s)
{
    for (size_t i = 0; i < s->n; i++) pk_buf_adds(b, s->v[i].text);
}

static const char *const span_names[PK_SPAN_KIND_COUNT_] = {
    "TEXT", "STRONG", "FIGURE", "SOURCE", "NOTE", "LEAD", "LINK", "MARK"};
static const char *const para_names[] = {"body", "lead", "item", "headline", "code"};

static void dump_quoted(pk_buf *out, const char *s)
{
    pk_buf_addc(out, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') pk_buf_addc(out, '\\');
        if (*s == '\n') pk_buf_adds(out, "\\n");
        else pk_buf_addc(out, *s);
    }
    pk_buf_addc(out, '"');
}

static void dump_spans(pk_buf *out, const pk_doc_spans *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const pk_doc_span *sp = &s->v[i];
        pk_buf_printf(out, " %s", span_names[sp->kind]);
        if (sp->claim) pk_buf_printf(out, "<%s>", sp->claim);
        if (sp->kind == PK_SPAN_SOURCE && sp->ids) pk_buf_printf(out, "<%s>", sp->ids);
        dump_quoted(out, sp->text);
    }
}

static void dump_node(const pk_doc_node *n, int depth, pk_buf *out)
{
    for (int i = 0; i < depth; i++) pk_buf_adds(out, "  ");
    switch (n->kind) {
    case PK_DOC_SECTION:
        pk_buf_printf(out, "section %s", n->id);
        if (n->text) {
            pk_buf_addc(out, ' ');
            dump_quoted(out, n->text);
        }
        if (n->columns) pk_buf_printf(out, " columns %ld", n->columns);
        pk_buf_addc(out, '\n');
        for (const pk_doc_node *c = n->children; c; c = c->next) dump_node(c, depth + 1, out);
        return;
    case PK_DOC_HEADING:
        pk_buf_printf(out, "heading %d ", n->level);
        dump_quoted(out, n->text);
        break;
    case PK_DOC_PARA:
        pk_buf_printf(out, "para %s:", para_names[n->style]);
        dump_spans(out, &n->spans);
        break;
    case PK_DOC_TABLE: {
        const pk_doc_table *t = &n->table;
        pk_buf_printf(out, "table %zux%zu", t->n_cols, t->n_rows);
        for (size_t c = 0; c < t->n_cols; c++) {
            pk_buf_adds(out, c ? " | " : " ");
            dump_quoted(out, t->head[c]);
            if (t->col_align[c] == PK_ALIGN_RIGHT) pk_buf_adds(out, ">");
        }
        pk_buf_addc(out, '\n');
        for (size_t r = 0; r < t->n_rows; r++) {
            for (int i = 0; i < depth + 1; i++) pk_buf_adds(out, "  ");
            pk_buf_adds(out, "row");
            for (size_t c = 0; c < t->n_cols; c++) {
                pk_buf_adds(out, c ? " |" : "");
                dump_spans(out, &t->cells[r * t->n_cols + c]);
            }
            pk_buf_addc(out, '\n');
        }
        if (t->note.n) {
            for (int i = 0; i < depth + 1; i++) pk_buf_adds(out, "  ");
            pk_buf_adds(out, "note:");
            dump_spans(out, &t->note);
            pk_buf_addc(out, '\n');
        }
        return;
    }
    case PK_DOC_FIGURE:
        pk_buf_printf(out, "figure %s alt ", n->text);
        dump_quoted(out, n->alt ? n->alt : "");
        break;
    case PK_DOC_KEYFIGS:
        pk_buf_adds(out, "keyfigs");
        for (size_t i = 0; i < n->n_keyfigs; i++) {
            const pk_doc_keyfig *k = &n->keyfigs[i];
            pk_buf_adds(out, i ? " |" : "");
            pk_buf_addc(out, ' ');
            dump_quoted(out, k->label);
            if (k->claim) pk_buf_printf(out, " <%s>", k->claim);
            pk_buf_addc(out, ' ');
            dump_quoted(out, k->value);
        }
        break;
    case PK_DOC_MASTHEAD: pk_buf_adds(out, "masthead"); break;
    case PK_DOC_KIND_COUNT_: break;
    }
    pk_buf_addc(out, '\n');
}

void pk_doc_dump(const pk_doc *d, pk_buf *out)
{
    pk_buf_adds(out, "document ");
    dump_quoted(out, d->title);
    pk_buf_printf(out, " %s\n", d->soc);
    for (const pk_doc_node *s = d->first; s; s = s->next) dump_node(s, 1, out);
}

typedef struct claims {
    pk_buf *out;
    const char **seen; /* owned */
    size_t n, cap;
} claims;

static void claim(claims *c, const char *id)
{
    if (!id) return;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->seen[i], id) == 0) return;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->seen = realloc(c->seen, c->cap * sizeof *c->seen);
        if (!c->seen) pk_out_of_memory(0);
    }
    c->seen[c->n++] = id;
    pk_buf_adds(c->out, id);
    pk_buf_addc(c->out, '\n');
}

static void claims_of(claims *c, const pk_doc_spans *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].kind == PK_SPAN_FIGURE) claim(c, s->v[i].claim);
}

static void claims_node(claims *c, const pk_doc_node *n)
{
    for (; n; n = n->next) {
        claims_of(c, &n->spans);
        if (n->kind == PK_DOC_TABLE) {
            for (size_t i = 0; i < n->table.n_rows * n->table.n_cols; i++)
                claims_of(c, &n->table.cells[i]);
            claims_of(c, &n->table.note);
        }
        for (size_t i = 0; i < n->n_keyfigs; i++) claim(c, n->keyfigs[i].claim);
        claims_node(c, n->children);
    }
}

void pk_doc_claims(const pk_doc *d, pk_buf *out)
{
    claims c = {out, NULL, 0, 0};
    claims_node(&c, d->first);
    free(c.seen);
}
