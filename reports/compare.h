/* compare.h: two occupations side by side (presskit compare, docs/compare.md) — another
 * document of the brief's tree (doc.h), built once from both records and rendered by the same
 * renderers: compare.pdf (the PDF layout, tagged as brief.pdf is), compare.md, compare.html;
 * with a factoid kit about the difference (kit.txt), the citations, data.csv of every figure
 * shown, the comparison's charts (charts/compare.h) and manifest.json, in one folder written
 * whole or not at all. Part of reports/. */
#ifndef PK_COMPARE_H
#define PK_COMPARE_H

#include <stdbool.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"
#include "reports/kit.h"

struct pk_template;
struct pk_doc;

/* The comparison's factoid kit: a headline and claims about the difference, each claim with
 * its sources. Claims name the two by title in an order of the figures (the higher first), so
 * that A vs. B and B vs. A give the same kit. */
void pk_compare_kit(pk_kit *k, const pk_record *const r[2], const pk_sources *s);

/* How the PDF's document keeps to four pages (docs/compare.md): every figure is in each, only
 * the form changes. PAGED: the knowledge, skills and abilities as their chart (which prints
 * every rating); TIGHT: as tables side by side instead; TIGHTEST: the exposure percentiles as
 * their table alone too; TABLES: the pay as its table alone too (no chart). */
enum { PK_COMPARE_PAGED = 1, PK_COMPARE_TIGHT, PK_COMPARE_TIGHTEST, PK_COMPARE_TABLES };

/* The comparison as one document tree in template t's labels (NULL: the defaults: every
 * chart and every table, for compare.md and compare.html), the kit k shown in it; with t, as
 * tight as `fit` says. The caller frees it with pk_doc_free. */
struct pk_doc *pk_compare_doc(const pk_record *const r[2], const pk_sources *s,
                              const struct pk_template *t, const pk_kit *k, int fit);

/* data.csv of the comparison: a first column "soc", then a kit's data.csv columns, one row
 * for each figure the document shows, A's then B's, in the record's order (each row, without
 * its first field, is the row of that figure in the occupation's own kit). */
void pk_compare_csv(pk_buf *out, const pk_record *const r[2], const struct pk_doc *doc);

/* Writes the comparison of r[0] and r[1] into dir (staged, then put in place whole): the files
 * of docs/compare.md as formats asks (PK_FORMAT_*; 0: all), the PDF in template `layout` (NULL:
 * default). Returns the number of files written, or -1 with messages. */
int pk_compare_write(const pk_record *const r[2], const pk_sources *s, const char *dir,
                     unsigned formats, const char *layout, pk_diag *d);

#endif
