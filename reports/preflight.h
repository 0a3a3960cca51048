/* preflight.h: the page quality a brief measures of itself as it is set (brief.h's pk_preflight),
 * written into its kit's manifest.json and batch-report.json, read back from them, and summed
 * over a folder of kits (`presskit preflight DIR`): how many pages end more than a quarter empty,
 * words broken where they should not be, short lists and tables split, widows and orphans, text
 * set wider than its box, chart labels cut or left out. Each measure and its goal is in
 * docs/templates.md. Part of reports/. */
#ifndef PK_PREFLIGHT_H
#define PK_PREFLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/json_write.h"
#include "reports/brief.h"

/* A page (not the last) whose body frame is emptier than this share counts as underfull. */
#define PK_PREFLIGHT_EMPTY 0.25

/* The measures of pf as one JSON object on one line (its keys: docs/templates.md). */
void pk_preflight_write(pk_jw *w, const pk_preflight *pf);

/* Reads the preflight of the kit in folder `kit` from its manifest.json into *pf. Returns true
 * when the manifest has one (a kit made with a PDF brief). */
bool pk_preflight_read(const char *kit, pk_preflight *pf);

/* The number of pages of pf, not the last, emptier than PK_PREFLIGHT_EMPTY. */
size_t pk_preflight_underfull(const pk_preflight *pf);

/* pf as a few lines of text for one brief (kit --preflight), appended to out. */
void pk_preflight_text(const char *code, const pk_preflight *pf, pk_buf *out);

/* A summary of every kit's preflight in folder dir (its subfolders with a manifest.json): per
 * measure, the briefs and the count, the goal, and the worst briefs. Appended to out as
 * Markdown. Returns 0 with the summary; 1 with a message when dir holds no kit with a preflight. */
int pk_preflight_summary(const char *dir, pk_buf *out, pk_diag *d);

#endif
