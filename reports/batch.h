/* batch.h: a press kit for every occupation of a store (or a filtered share of them), in
 * parallel worker processes, resumable, and split across machines by --shard with no
 * coordinator; then index.csv, index.html and batch-report.json. Part of reports/. */
#ifndef PK_BATCH_H
#define PK_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "data/diag.h"
#include "data/store.h"

typedef enum pk_kit_status { PK_KIT_WRITTEN, PK_KIT_UNCHANGED, PK_KIT_FAILED } pk_kit_status;

typedef struct pk_batch_item {
    char code[16];
    char title[256];   /* cut to fit; for the index */
    pk_kit_status status;
    unsigned ms;       /* time this kit took */
    unsigned files;    /* files in the kit */
    char message[1024]; /* the first problem, when it failed; its warnings, a line each, when
                           written (as many whole lines as fit) */
} pk_batch_item;

typedef void (*pk_batch_progress)(void *ctx, size_t done, size_t total, double elapsed_s);

typedef struct pk_batch_opts {
    const char *out;        /* folder of kits; default "out" */
    unsigned jobs;          /* worker processes; 0: the number of cores */
    unsigned shard_k, shard_n; /* this is shard k of n (1-based); n == 0: no sharding */
    const char *only;       /* comma-separated codes or code prefixes ("27-,15-1252"), or NULL */
    unsigned formats;       /* PK_FORMAT_* */
    const char *layout;     /* the brief's template (a built-in name or a file); NULL: default */
    bool force;             /* redo kits that are current */
    pk_batch_progress progress;
    void *progress_ctx;
} pk_batch_opts;

/* Selects the store's occupations by --only and --shard, writes their kits, then the index files
 * and batch-report.json in o->out. *items receives the results sorted by code (free() it), *n
 * their count. Returns 0 when every kit was written or current, 4 when some failed (their
 * problems are in the items), or 1/2/3 with messages in d when the batch could not run. */
int pk_batch_run(pk_store *st, const pk_batch_opts *o, pk_batch_item **items, size_t *n,
                 pk_diag *d);

/* Rebuilds o_out/index.csv and index.html from the kits in the folder (after shards are copied
 * together). Returns 0, or an exit code with messages. */
int pk_batch_index(const char *out, pk_diag *d);

/* Parses "K/N" (1 <= K <= N). */
bool pk_parse_shard(const char *s, unsigned *k, unsigned *n);

#endif
