/* doc.h: the brief as one document tree, built once per occupation and template from the record
 * and its factoid kit (brief.c), then rendered: to PDF pages by the layout engine (brief_pdf.c),
 * to brief.md (markdown.c) and to brief.html (html.c). Every sentence of the brief is written in
 * one place, the builder; a renderer only decides how a node looks. cmark's shape: one tree,
 * several renderers. Part of reports/.
 *
 * A document is a list of sections (the template's, in its order); a section is a list of
 * blocks: headings, paragraphs of spans, tables (header, rows of cells of spans, a note), figures
 * (a chart by name, with its alt text), the key-figure row and the masthead. Every string and
 * array lives in the document's arena; pk_doc_free frees them all at once. */
#ifndef PK_DOC_H
#define PK_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/record.h"
#include "layouts/para.h"

/* What a run of text is, not how it looks: each renderer maps a kind to its type. */
typedef enum pk_doc_span_kind {
    PK_SPAN_TEXT = 0, /* body text */
    PK_SPAN_STRONG,   /* a label or a stressed word ("Also called:") */
    PK_SPAN_FIGURE,   /* a figure's value, as printed: `claim` names it (or NULL) */
    PK_SPAN_SOURCE,   /* a source stamp after a figure: `ids` ("aioe+gpts-are-gpts"); `text` is
                         the labels as printed, " [Felten AIOE + ...]" */
    PK_SPAN_NOTE,     /* small print: a source line, a caveat, a count of rows shown */
    PK_SPAN_LEAD,     /* muted text at body size (the "Occupation · SOC ..." line) */
    PK_SPAN_LINK,     /* `text` linking to `url` */
    PK_SPAN_MARK,     /* a marker glyph in the accent colour (hot technology's dot) */
    PK_SPAN_KIND_COUNT_
} pk_doc_span_kind;

typedef struct pk_doc_span {
    pk_doc_span_kind kind;
    const char *text;  /* never NULL, never empty */
    const char *ids;   /* SOURCE: the source ids; FIGURE: the figure's source; else NULL */
    const char *claim; /* FIGURE: its claim id ("wages.median", "knowledge[Fine Arts]"), or NULL
                          for a figure derived in the sentence (a range's ends) */
    const char *url;   /* LINK */
} pk_doc_span;

typedef struct pk_doc_spans {
    pk_doc_span *v;
    size_t n;
} pk_doc_spans;

typedef enum pk_doc_kind {
    PK_DOC_SECTION = 0, /* a template section: `id`, `title`, `columns`, children */
    PK_DOC_HEADING,     /* `level` 1 (the title), 2 (a section's), 3; `text`; spans hold it too */
    PK_DOC_PARA,        /* a paragraph of `spans`, in `style` */
    PK_DOC_TABLE,       /* see pk_doc_table */
    PK_DOC_FIGURE,      /* a chart: `text` its name (charts.h), `alt` its alt text */
    PK_DOC_KEYFIGS,     /* the row of key figures: `keyfigs` */
    PK_DOC_MASTHEAD,    /* the template's logo and masthead line (the PDF draws it) */
    PK_DOC_KIND_COUNT_
} pk_doc_kind;

typedef enum pk_doc_para_style {
    PK_PARA_BODY = 0, /* a paragraph */
    PK_PARA_LEAD,     /* the description under the title: larger, with more leading */
    PK_PARA_ITEM,     /* a list item (consecutive items are one list) */
    PK_PARA_HEADLINE, /* the kit's headline, in the heading type */
    PK_PARA_CODE      /* preformatted (the BibTeX citation): monospace, lines kept */
} pk_doc_para_style;

typedef struct pk_doc_table {
    const char *name;     /* for messages: "the tasks table" */
    const char *caption;  /* what the table is (its first header, or the section's) */
    const char *cont;     /* the line above a repeated header: "Tasks (continued)" */
    size_t n_cols, n_rows;
    const double *col_frac;   /* shares of the width, summing to 1 */
    const pk_align *col_align; /* right-aligned columns hold numbers */
    const char **head;        /* n_cols header texts */
    pk_doc_spans *cells;      /* n_rows * n_cols, row by row */
    pk_doc_spans note;        /* the line under it (its source), kept with its last row */
    const char *rows_path;    /* the JSON path of the record's items, row i from item i
                                 ("$.tasks.items"), for messages; or NULL */
} pk_doc_table;

typedef struct pk_doc_keyfig {
    const char *label, *value, *note; /* note may be NULL */
    const char *claim;                /* the value's claim id, or NULL */
    const char *ids;                  /* its source ids */
    const char *source;               /* the stamp as printed: "[BLS OEWS (May 2024)]" */
    double num;                       /* the value as a number, to sort by */
    const char *published_as;         /* when it describes a wider code than the occupation's
                                         own, that code ("SOC 29-1229"); else NULL */
    long sharing;                     /* then the occupations it covers (0: not counted) */
} pk_doc_keyfig;

typedef struct pk_doc_node pk_doc_node;
struct pk_doc_node {
    pk_doc_kind kind;
    int level;               /* HEADING */
    pk_doc_para_style style; /* PARA */
    const char *id;          /* SECTION: the template's section id; PARA CODE: its language */
    const char *text;        /* HEADING: its text; SECTION: its title or NULL; FIGURE: chart */
    const char *alt;         /* FIGURE: the chart's alt text */
    long columns;            /* SECTION: columns (0: the page's) */
    pk_doc_spans spans;      /* PARA, HEADING */
    pk_doc_table table;      /* TABLE */
    pk_doc_keyfig *keyfigs;  /* KEYFIGS */
    size_t n_keyfigs;
    bool tight;              /* PARA, TABLE: the section's last block, set with no space after */
    pk_doc_node *children;   /* SECTION: its blocks, in order */
    pk_doc_node *next;       /* the next sibling */
};

struct pk_scene;
struct pk_chart_style;
/* The charts of a document that are not one record's (the comparison of two, compare.c): the
 * scene of chart `name` in style st (as pk_chart_build: st->fit_height lets it grow), or NULL
 * with a message; and its height over width on a page. */
typedef struct pk_doc_charts {
    struct pk_scene *(*build)(void *ctx, const char *name, const struct pk_chart_style *st,
                              pk_diag *d);
    double (*print_height)(void *ctx, const char *name);
    void *ctx;
} pk_doc_charts;

typedef struct pk_doc {
    pk_arena *arena;      /* owned: every node, span and string */
    const char *title;    /* the occupation's */
    const char *soc;      /* its code (a comparison's: "A vs. B"), for messages */
    const char *lang;     /* "en-US" */
    const char *running;  /* the PDF's running header, or NULL: "title · SOC soc" */
    const pk_doc_charts *charts; /* NULL: its figures are the record's charts (charts.h) */
    pk_doc_node *first;   /* the first section */
} pk_doc;

pk_doc *pk_doc_new(const char *title, const char *soc);
void pk_doc_free(pk_doc *d);

/* The plain text of spans (what a screen reader or a copy gives), appended to b. */
void pk_doc_spans_text(pk_buf *b, const pk_doc_spans *s);

/* A dump of the tree for tests and `presskit tree`: one line per node, indented by depth,
 * "heading 2 \"Wages & employment\"", "para item: STRONG\"Outlook: \" TEXT\"Declining, \" ...",
 * "table \"Annual wage\" 2x7", a figure's claim id in its span. Appended to out. */
void pk_doc_dump(const pk_doc *d, pk_buf *out);

/* The claim ids of the figures the document shows, each once, in order, appended one a line
 * (for the test that every renderer shows the same figures). */
void pk_doc_claims(const pk_doc *d, pk_buf *out);

#endif
