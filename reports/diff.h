/* diff.h: `presskit diff`: what moved between two releases, per occupation and release-wide
 * (docs/presskit.1, docs/kit.md "Changes"). Part of reports/. */
#ifndef PK_DIFF_H
#define PK_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"

typedef struct pk_diff_opts {
    const char *data, *root;      /* the new release: a pack, a compiled pack, a data folder */
    const char *base, *base_root; /* the old one; NULL: the new pack's own history */
    const char *out;              /* the folder written into (default "out") */
} pk_diff_opts;

/* Writes OUT/<SOC>/changes.md and changes.csv for every occupation with a figure that moved,
 * and OUT/changes.csv and OUT/changes.html, the biggest movers ranked; sets *n_written to the
 * occupations written (prints nothing: the library never does). Returns the exit status (0,
 * or the worst failure of d's messages). */
int pk_diff_run(const pk_diff_opts *o, size_t *n_written, pk_diag *d);

/* One occupation's changes.md and changes.csv from its own history (its two latest releases),
 * as pk_diff_run writes them without --base, appended to md and csv; returns how many figures
 * moved (0: nothing appended). For a kit's `changes` format (reports/presskit.c). */
size_t pk_diff_record(const pk_record *r, const pk_sources *s, pk_buf *md, pk_buf *csv);

#endif
