/* brief.h: the PDF brief — every section of PRODUCT.md §3 the record has data for, in the
 * template's order, typeset by layouts/ (total-fit paragraphs, tables that split with their
 * header repeated, headings kept with what follows) into page scenes, with the charts placed as
 * vector scenes, then painted by the PDF painter. Part of reports/. */
#ifndef PK_BRIEF_H
#define PK_BRIEF_H

#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"
#include "layouts/flow.h"
#include "layouts/para.h"
#include "layouts/scene.h"
#include "layouts/template.h"

/* The sections a template may name, in the default order; ends with NULL. */
extern const char *const pk_brief_sections[];

/* Checks a template's sections and charts against what the brief knows, and its frame against
 * what every brief needs, so that a template no brief can be set in is refused once, when it is
 * loaded: each column at least PK_BRIEF_MIN_COLUMN_EMS times the body size wide; the masthead
 * (logo) as tall as the frame and as wide as the header's column at most; the key-figure box
 * (the employment figure, which every brief has, alone at the column's width, with a one-line
 * note) and a chart at the shortest print height any chart has (PK_CHART_MIN_PRINT_HEIGHT, or
 * charts.height) no taller than the frame, in each section that has one. Returns the number of
 * problems, each recorded by JSON path ("$.sections[3].chart: unknown chart \"pi\" (...)"). */
int pk_brief_check_template(const pk_template *t, pk_diag *d);

/* A column must be this many times the body size wide (114 pt at 9.5 pt): about 25 characters. */
#define PK_BRIEF_MIN_COLUMN_EMS 12.0

/* The masthead's height in t (the logo or the masthead line, with its rule and the space under
 * it), points: what brief_pdf.c sets it at. */
double pk_brief_masthead_height(const pk_template *t);
/* The height of one key-figure box `width` points wide whose label is `label` and whose note is
 * one line: the least a box of that label can take. */
double pk_brief_keyfig_min_height(const pk_template *t, pk_fonts *fonts, const char *label,
                                  double width);

typedef struct pk_brief pk_brief;

struct pk_kit;
struct pk_doc;
/* The brief of r as one document tree (reports/doc.h), in template t's sections, order, titles,
 * charts and row limits, or, with t NULL, every section with the default labels (brief.md and
 * brief.html). kit is r's factoid kit, or NULL to build it here. Never fails; the caller frees
 * the tree with pk_doc_free. */
struct pk_doc *pk_brief_doc(const pk_record *r, const pk_sources *s, const pk_template *t,
                            const struct pk_kit *kit);

/* Lays out the document tree doc (pk_brief_doc of r in t) as pages of template t, as
 * pk_brief_layout does. */
pk_brief *pk_brief_layout_doc(const struct pk_doc *doc, const pk_record *r, const pk_sources *s,
                              const pk_template *t, pk_fonts *fonts, const pk_hyph *hyph,
                              pk_diag *d);
/* Lays out the brief for r in template t (fonts are the ones t was loaded into; hyph may be
 * NULL for no hyphenation). kit is r's factoid kit (reports/kit.h) when the caller has built it
 * already, else NULL and it is built here. Returns the brief, or NULL with a message (a layout
 * that cannot fit, a template allowing fewer pages than needed). */
pk_brief *pk_brief_layout(const pk_record *r, const pk_sources *s, const pk_template *t,
                          pk_fonts *fonts, const pk_hyph *hyph, const struct pk_kit *kit,
                          pk_diag *d);
void pk_brief_free(pk_brief *b);

size_t pk_brief_pages(const pk_brief *b);

/* What a brief measures of itself as it is set (its preflight; docs/templates.md). */
#define PK_PREFLIGHT_PAGES 64
typedef struct pk_preflight {
    size_t pages;
    double empty[PK_PREFLIGHT_PAGES]; /* each page's body frame share left empty (the first 64) */
    pk_flow_quality q;                /* paragraphs, headings, cells, lists, tables */
    unsigned labels_truncated, labels_dropped, points_unlabelled, labels_loose; /* its charts' */
} pk_preflight;
/* The preflight of b. */
void pk_brief_preflight(const pk_brief *b, pk_preflight *out);
/* The pages, borrowed from b. */
const pk_scene *const *pk_brief_scenes(const pk_brief *b);
/* The structure elements the pages' tags name, and the document's language, into info (for
 * pk_pdf_write: a tagged PDF); borrowed from b. */
struct pk_pdf_info;
void pk_brief_tags(const pk_brief *b, struct pk_pdf_info *info);

/* brief.pdf into out: lays out (as pk_brief_layout) and paints. Returns 0, or -1 with a
 * message. */
int pk_brief_pdf(const pk_record *r, const pk_sources *s, const pk_template *t, pk_fonts *fonts,
                 const pk_hyph *hyph, const struct pk_kit *kit, pk_buf *out, pk_diag *d);
/* The same, and the brief's preflight into *pf (when not NULL). */
int pk_brief_pdf_preflight(const pk_record *r, const pk_sources *s, const pk_template *t,
                           pk_fonts *fonts, const pk_hyph *hyph, const struct pk_kit *kit,
                           pk_buf *out, pk_preflight *pf, pk_diag *d);

#endif
