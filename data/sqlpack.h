/* sqlpack.h: a compiled pack — a whole release in one SQLite database (docs/packs.md, "The
 * compiled pack"): every occupation's record as its own JSON, the sources registry, each input
 * file's name, size and sha256, and a figures table a reporter queries with sqlite3, Datasette,
 * DuckDB or pandas. presskit reads one occupation from it by index instead of loading the
 * release's CSV files. Part of data/; sqlpack.c is the one file that includes sqlite3.h. */
#ifndef PK_SQLPACK_H
#define PK_SQLPACK_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"

/* The format this presskit writes and reads (meta key "presskit_pack_db"): raised when the
 * records a build writes say more, so that a pack built before is rebuilt rather than read
 * with less (2: a related occupation's pay rank carries whom its median describes). */
#define PK_SQLPACK_FORMAT 2
/* SQLite's application_id of a compiled pack ("PKpk"), so `file` and presskit tell it from
 * another database without reading a table. */
#define PK_SQLPACK_APP_ID 0x504B706B

/* True when the first n bytes of a file are an SQLite database's header. */
bool pk_is_sqlite_file(const char *head, size_t n);

/* Compiles the pack at manifest_path (files under root; NULL: the manifest's folder) into an
 * SQLite database at out_path. The database is written under a temporary name in out_path's
 * folder and renamed into place only when complete, so an existing file is never replaced by a
 * partial one. The same inputs give the same bytes (a fixed page size, rows in code order, no
 * time but SOURCE_DATE_EPOCH's). Problems in the inputs are reported as the CSV path reports
 * them (and counted in meta "load_problems"); the database is still written. Returns 0, or -1
 * with messages (PK_FAIL_IO when the file cannot be written). */
int pk_sqlpack_build(const char *manifest_path, const char *root, const char *out_path, pk_diag *d);

typedef struct pk_sqlpack pk_sqlpack;

/* Opens a compiled pack: checks that it is one this presskit reads, reads the registry and the
 * occupation codes, and checks that no input file it was built from has changed since (looked
 * for under `root`, or, when root is NULL, where the database says they were, relative to its
 * own folder; a file that is not there is not checked). Returns NULL with one message for a
 * file that is not a compiled pack, is corrupt, or is stale (PK_FAIL_INPUT). */
pk_sqlpack *pk_sqlpack_open(const char *path, const char *root, pk_diag *d);
void pk_sqlpack_free(pk_sqlpack *sp);

/* Closes the database connection, which the next record read opens again: a batch calls it
 * before forking workers, since an SQLite connection must not cross a fork. */
void pk_sqlpack_close(pk_sqlpack *sp);

const pk_sources *pk_sqlpack_sources(const pk_sqlpack *sp); /* borrowed */
/* The occupation codes, sorted, and the title of one (NULL when there is no such code). */
const char *const *pk_sqlpack_codes(const pk_sqlpack *sp, size_t *n);
const char *pk_sqlpack_title(const pk_sqlpack *sp, const char *code);
/* The pack's fingerprint (pk_pack_fingerprint), as the CSV files gave it when it was built. */
const char *pk_sqlpack_fingerprint(const pk_sqlpack *sp);

/* The record of `code`, read through the checked record reader; the caller frees it with
 * pk_record_free. NULL with a message when there is no such occupation or it cannot be read. */
pk_record *pk_sqlpack_record(pk_sqlpack *sp, const char *code, pk_diag *d);

/* The coverage report the pack had when it was built (pk_pack_coverage_report), appended. */
void pk_sqlpack_coverage_report(const pk_sqlpack *sp, pk_buf *out);

#endif
