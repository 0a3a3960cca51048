/* outdir.h: writing a press-kit folder. Each file is written whole to a temporary name in the
 * same folder and renamed into place, so a reader (or a resumed batch) never sees half a file
 * and an existing file is never damaged by a failed write. Records what it wrote, with sha256,
 * for manifest.json. Part of reports/. */
#ifndef PK_OUTDIR_H
#define PK_OUTDIR_H

#include <stddef.h>

#include "data/diag.h"

typedef struct pk_written {
    char *name; /* owned: relative to the folder ("kit.txt") */
    size_t bytes;
    char sha256[65]; /* lowercase hex */
} pk_written;

typedef struct pk_outdir {
    char *dir; /* owned: the folder, no trailing '/' */
    pk_written *files; /* owned, in the order written */
    size_t n_files, cap;
} pk_outdir;

/* Creates `dir` and its parents as needed. Returns 0, or -1 with a PK_FAIL_IO message. */
int pk_outdir_open(pk_outdir *o, const char *dir, pk_diag *d);
void pk_outdir_fini(pk_outdir *o);

/* Writes `len` bytes as `name` inside the folder (temporary file, then rename).
 * Returns 0, or -1 with a PK_FAIL_IO message naming the file; the old file, if any, is kept. */
int pk_outdir_write(pk_outdir *o, const char *name, const void *data, size_t len, pk_diag *d);

#endif
