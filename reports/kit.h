/* kit.h: the factoid kit — a headline and sourced claims built from a record by the rules of
 * docs/kit.md — plus the helpers every text output shares (source labels, the page URL).
 * kit.txt, brief.md and later the PDF all print this one kit. Part of reports/. */
#ifndef PK_KIT_H
#define PK_KIT_H

#include <stddef.h>

#include "data/buf.h"
#include "data/fmt.h"
#include "data/record.h"

enum { PK_KIT_MAX_CLAIMS = 8 };

typedef struct pk_claim {
    const char *id; /* static: "task_overlap", "openings", "change", "pay", "augmentation" */
    char *text;     /* owned: one sentence, AP style, no source */
    char *source;   /* owned: the source label(s), "BLS OEWS (May 2024)" */
} pk_claim;

typedef struct pk_kit {
    char *headline;   /* owned */
    pk_claim claims[PK_KIT_MAX_CLAIMS];
    size_t n_claims;
    char *url;        /* owned: the publication's page for this occupation, or NULL */
    char *source_line;/* owned: Source: Publisher — "Title". URL */
    char *note;       /* owned: what AI task overlap means; NULL when no AI claim is made */
} pk_kit;

/* Builds the kit for r. Claims whose figures are missing, suppressed or not applicable are left
 * out (never invented). Always succeeds; a record with only a title gets a headline alone. */
void pk_kit_build(pk_kit *k, const pk_record *r, const pk_sources *s);
void pk_kit_fini(pk_kit *k);

/* kit.txt: the "Copy the whole kit" text. */
void pk_kit_text(const pk_kit *k, pk_buf *out);

/* Expands a publication template: {soc} -> "27-4014.00", {slug} -> "27-4014-00".
 * Returns a malloc'd string, or NULL when tmpl is NULL. */
char *pk_expand_template(const char *tmpl, const char *soc);


#endif
