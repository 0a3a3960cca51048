/* pack.h: a data pack — the public releases as the agencies publish them, described by one
 * manifest (docs/packs.md) naming each file, its importer and its source — loaded into one
 * record per occupation, with the figures derived over the whole population (percentiles,
 * bands, task overlap, location quotients). Part of data/. */
#ifndef PK_PACK_H
#define PK_PACK_H

#include <stddef.h>

#include "data/diag.h"
#include "data/record.h"

typedef struct pk_pack pk_pack;

/* Loads the manifest at `manifest_path` and every input it names, relative to `root` (NULL: the
 * manifest's own folder). Problems in the inputs are reported (file:line:col) and that data is
 * left out; the pack still loads. Returns NULL only when the manifest itself is unusable or an
 * input file cannot be read at all. */
pk_pack *pk_pack_load(const char *manifest_path, const char *root, pk_diag *d);
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
