/* presskit.h: one occupation's press kit — every output file made from one record — written
 * into a folder. The CLI, the benchmarks and (later) batch all call this. Part of reports/. */
#ifndef PK_PRESSKIT_H
#define PK_PRESSKIT_H

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"

/* Writes the kit of r into `dir` (created as needed): kit.txt, cite.txt, cite-apa.txt,
 * cite.bib, cite.ris, cite.json, brief.md, data.csv and, last, manifest.json.
 * Returns 0, or -1 with messages (PK_FAIL_IO). Files written before a failure are complete;
 * none is ever left half-written. */
int pk_presskit_write(const pk_record *r, const pk_sources *s, const char *dir, pk_diag *d);

/* data.csv: every figure of the record with its claim id, value, unit, status and source. */
void pk_data_csv(pk_buf *out, const pk_record *r);

#endif
