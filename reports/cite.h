/* cite.h: citations of a press kit in five forms — Plain, APA, BibTeX, RIS and CSL-JSON — from
 * the record's title, the publication block and the sources the record uses. Part of reports/. */
#ifndef PK_CITE_H
#define PK_CITE_H

#include <stdbool.h>

#include "data/buf.h"
#include "data/record.h"

typedef enum pk_cite_style {
    PK_CITE_PLAIN,
    PK_CITE_APA,
    PK_CITE_BIBTEX,
    PK_CITE_RIS,
    PK_CITE_CSL_JSON
} pk_cite_style;

/* True when the publication block names the kit's publisher, the URL pattern of an occupation's
 * page and the date the data was compiled: the citations then cite the kit's page. Otherwise
 * they cite the data sets the record uses, in APA 7's data-set form, never the tool. */
bool pk_cite_is_page(const pk_publication *p);

/* Appends the citation of r in `style` (docs/kit.md, "Citations"): the kit's page, or one
 * reference per data set (APA in reference-list order, the others in registry order). Plain and
 * APA end each reference with a newline; BibTeX, RIS and CSL-JSON are whole files. */
void pk_cite(pk_buf *out, pk_cite_style style, const pk_record *r, const pk_sources *s);

/* The citations of several occupations in one file of `style` (a comparison's): each page
 * cited in turn, or the data sets any of them uses, each once. */
void pk_cite_records(pk_buf *out, pk_cite_style style, const pk_record *const *rs, size_t n,
                     const pk_sources *s);
/* Sets used[i] for each entry i of the registry that the record names (s->n_items flags). */
void pk_sources_used(const pk_record *r, const pk_sources *s, bool *used);

/* The "Built from" list: each source the record uses, as its cite_as, in registry order,
 * joined by "; ". */
void pk_cite_built_from(pk_buf *out, const pk_record *r, const pk_sources *s);

#endif
