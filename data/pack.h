/* pack.h: a data pack — the public releases as the agencies publish them, described by one
 * manifest (docs/packs.md) naming each file, its importer and its source — loaded into one
 * record per occupation, with the figures derived over the whole population (percentiles,
 * bands, task overlap, location quotients). Part of data/. */
#ifndef PK_PACK_H
#define PK_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "data/diag.h"
#include "data/record.h"

typedef struct pk_pack pk_pack;

/* Loads the manifest at `manifest_path` and every input it names, relative to `root` (NULL: the
 * manifest's own folder). Problems in the inputs are reported (file:line:col) and that data is
 * left out; the pack still loads. Returns NULL only when the manifest itself is unusable or an
 * input file cannot be read at all. */
pk_pack *pk_pack_load(const char *manifest_path, const char *root, pk_diag *d);
/* The same, but only the manifest and the occupations input: enough for pk_pack_codes,
 * pk_pack_title, pk_pack_sources, pk_pack_files and pk_pack_name (a batch rerun checks which
 * kits are current with no more), not for records. */
pk_pack *pk_pack_load_list(const char *manifest_path, const char *root, pk_diag *d);
/* True when p was loaded whole (pk_pack_load), so that it gives records. */
bool pk_pack_is_full(const pk_pack *p);
void pk_pack_free(pk_pack *p);

const pk_sources *pk_pack_sources(const pk_pack *p);
/* The O*NET-SOC codes of the pack, sorted; borrowed. */
const char *const *pk_pack_codes(const pk_pack *p, size_t *n);
/* The title of occupation `code`, or NULL. */
const char *pk_pack_title(const pk_pack *p, const char *code);
/* A record for `code`, which the caller frees with pk_record_free; NULL (with a message) when the
 * pack has no such occupation. The record is checked against the record schema on the way out,
 * so an importer cannot hand an output an invalid figure. */
pk_record *pk_pack_record(const pk_pack *p, const char *code, pk_diag *d);
/* The JSON text pk_pack_record parses for `code` (pk_record_write of the importers' record),
 * appended to out: what a compiled pack stores, so that it reads back as the same record.
 * Returns 0, or -1 with a message when the pack has no such occupation. */
int pk_pack_record_json(const pk_pack *p, const char *code, struct pk_buf *out, pk_diag *d);

/* The manifest's name ($.name), or NULL. */
const char *pk_pack_name(const pk_pack *p);
/* The folder the inputs' files are relative to, as given or the manifest's own. */
const char *pk_pack_root(const pk_pack *p);

/* One file the pack reads: an input's file, lookup or weights. */
typedef struct pk_pack_file {
    const char *input_id; /* $.inputs[].id */
    const char *role;     /* "file", "lookup" or "weights" */
    const char *importer;
    const char *source;   /* the input's source id (the lookup's own, when it has one); or NULL */
    const char *file;     /* as the manifest names it, relative to the root */
    const char *path;     /* resolved: the root joined with file */
} pk_pack_file;
/* Every file of the pack's inputs, in manifest order (each input's file, lookup, weights).
 * Borrowed, lives as long as p. */
const pk_pack_file *pk_pack_files(const pk_pack *p, size_t *n);

/* What a file was when a pack read it: the identity behind a pack's fingerprint. */
typedef struct pk_file_id {
    const char *role, *input_id, *file; /* as in pk_pack_file */
    unsigned long long bytes;
    char sha256[65];
} pk_file_id;
/* The fingerprint of a pack (64 hex digits and NUL in out): the manifest's sha256 and the id,
 * role, name, size and sha256 of each input file, in order. A pack read from its CSV files and
 * the same pack compiled into SQLite (sqlpack.h) have the same fingerprint, so a batch's
 * kits are current for either. */
void pk_pack_fingerprint(const char *manifest_sha256, const pk_file_id *files, size_t n,
                         char out[65]);
/* Which sources cover `code`: a string of source ids joined by ',' (for `presskit list`). */
void pk_pack_coverage(const pk_pack *p, const char *code, struct pk_buf *out);

/* The coverage report (`presskit check --coverage`): per section of the brief, how many of
 * the pack's occupations have it and, for the others, why not (no row for the code, no
 * counterpart in a crosswalk, suppressed, ...), with a few codes of each, as a Markdown table
 * (docs/packs.md holds the one for the 2024 release). */
void pk_pack_coverage_report(const pk_pack *p, struct pk_buf *out);

/* True when the JSON text is a pack manifest (has "presskit_pack"). */
int pk_is_pack_manifest(const char *json, size_t len);

#endif
