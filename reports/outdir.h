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
    char *dir; /* owned: the folder written into, no trailing '/' */
    char *final; /* owned: with pk_outdir_open_staged, the folder dir becomes on commit (what
                    messages name); NULL otherwise */
    pk_written *files; /* owned, in the order written */
    size_t n_files, cap;
} pk_outdir;

/* Creates `dir` and its parents as needed. Returns 0, or -1 with a PK_FAIL_IO message. */
int pk_outdir_open(pk_outdir *o, const char *dir, pk_diag *d);
void pk_outdir_fini(pk_outdir *o);

/* A folder written whole or not at all (a kit: docs/scale-out.md, "complete or absent"): the
 * files go into a temporary folder ".NAME.tmp-PID" beside `dir` (its parent is created as
 * needed), which pk_outdir_commit puts in place of `dir` in one step (renameat2 RENAME_EXCHANGE
 * with an earlier folder of that name, which is then removed). A folder not committed is removed
 * by pk_outdir_fini, so a kit that fails half-way leaves nothing, and an earlier kit in its place
 * is kept whole. Opening also removes the stale temporaries (files and folders) of `dir`'s
 * parent, as pk_outdir_open does in its folder. Messages name `dir`, never the temporary.
 * Returns 0, or -1 with a PK_FAIL_IO message. */
int pk_outdir_open_staged(pk_outdir *o, const char *dir, pk_diag *d);
/* Puts a staged folder in place. Returns 0, or -1 with a PK_FAIL_IO message (nothing changed:
 * the earlier folder, if any, is still there, and the temporary is removed by pk_outdir_fini). */
int pk_outdir_commit(pk_outdir *o, pk_diag *d);

/* A batch's hold on its output folder (created as needed), with flock(2), so that two batches
 * never interleave kits and index in one folder: a batch takes the folder itself exclusively; a
 * shard (shard_n > 0) takes it shared, as the other shards of a release do, and its own
 * ".presskit-shard-K-of-N.lock" exclusively (removed when it ends). A second batch, a second run of one shard, or
 * presskit index while a batch runs, is refused with one PK_FAIL_IO message. fds[] is what to
 * give pk_outdir_unlock (worker processes share it: a lock lasts until the last one exits).
 * Returns 0 or -1. (Opening a folder removes only temporaries whose writer, the PID in
 * ".name.tmp-PID", is no longer running, in it and in its subfolders: charts/.) */
int pk_outdir_lock(const char *dir, unsigned shard_k, unsigned shard_n, int fds[2], pk_diag *d);
/* Releases the locks; a shard's lock file is removed (dir, shard_k, shard_n as locked). */
void pk_outdir_unlock(int fds[2], const char *dir, unsigned shard_k, unsigned shard_n);

/* When memory has run out (the out-of-memory handler, just before exit): removes the staged
 * folder not yet committed and the temporary file being written, allocating nothing, so that
 * a kit that dies for want of memory leaves nothing behind. */
void pk_outdir_abandon(void);

/* Writes `len` bytes as `name` inside the folder (temporary file, then rename).
 * Returns 0, or -1 with a PK_FAIL_IO message naming the file; the old file, if any, is kept. */
int pk_outdir_write(pk_outdir *o, const char *name, const void *data, size_t len, pk_diag *d);

#endif
