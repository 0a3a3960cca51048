/* import.h: what importers see of a pack under construction. Each importer reads one public
 * file (columns by header name, through csv.h) and fills the records of the occupations it
 * covers; pack.c runs them in manifest order and then derives the population-wide figures.
 * Private to data/. */
#ifndef PK_IMPORT_H
#define PK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/csv.h"
#include "data/diag.h"
#include "data/pack.h"
#include "data/record.h"

/* A column of a scores file and where its values go (manifest "values"). */
typedef struct pk_value_map {
    const char *column; /* header name */
    const char *target; /* "study", "gpt.alpha", "gpt.beta", "gpt.gamma", "remote_work", "frey_osborne" */
    const char *label;  /* for "study": the exposure table's row label */
    bool task_overlap;  /* this study's percentile counts toward the AI task-overlap figure */
} pk_value_map;

/* An earlier release of an input's source (manifest "history", docs/packs.md). */
typedef struct pk_hist_input {
    long year;             /* the release's reference year: May 2023 is 2023 */
    const char *file;      /* path relative to the root */
    const char *source;    /* the release's source id */
    const char *code_kind; /* "soc" (SOC 2018, the default) or "soc2010" (through the
                              soc2010-crosswalk input) */
    const char *path;      /* resolved (pack.c) */
    size_t index;          /* its place in the input's history, for messages */
} pk_hist_input;

/* One manifest input (docs/packs.md). Strings live in the pack's arena. */
typedef struct pk_input {
    const char *id;        /* unique name of this input */
    const char *importer;  /* which importer reads it */
    const char *file;      /* path relative to the root */
    const char *source;    /* source id of every figure it gives */
    const char *format;    /* "csv" or "tsv"; default by extension (.txt/.tsv: tsv) */
    const char *encoding;  /* "utf-8" (default) or "windows-1252" (a spreadsheet export) */
    const char *lookup;    /* a second file some importers need (categories, reference, titles) */
    const char *lookup_source; /* source id of the lookup file when it is a source of its own
                                  (the ISCO-08 <-> SOC crosswalk) */
    const char *weights;   /* a file of weights by the same key as `file` (aei-patterns: each
                              task's share of the release's conversations) */
    const char *section;   /* onet-ratings: knowledge, skills, abilities, work_styles */
    const char *scale;     /* onet-ratings: the O*NET scale id kept (default "IM") */
    const char *code_column; /* scores: the header of the occupation code column */
    const char *title_column; /* scores: the header of the occupation title column, if any (names
                                 the code a figure was published under, and joins aggregates) */
    const char *code_kind;   /* scores: "onet-soc", "onet-soc2010", "soc" (SOC 2018) or "soc2010";
                                onet-ratings: "onet-soc" (the default) or "onet-soc2010" */
    const char *code_format; /* scores: "punctuated" (27-4014, 27-4014.00; the default) or
                                "digits" (274014, 27401400) */
    pk_value_map *values;  /* scores: the columns read */
    size_t n_values;
    long year;             /* the reference year of the release (oews-national with history) */
    pk_hist_input *history; /* oews-national: earlier releases of the source, or none */
    size_t n_history;
    const char *manifest;  /* the manifest's path, and this input's index in $.inputs (pack.c), */
    size_t index;          /* for messages about the input itself */
    const char *path;      /* resolved: root + file (set by pack.c) */
    const char *lookup_path; /* resolved: root + lookup, or NULL */
    const char *weights_path; /* resolved: root + weights, or NULL */
} pk_input;

/* An occupation under construction: its record (strings in the pack's arena) and scratch. */
typedef struct pk_occ {
    pk_record rec;
    size_t index;       /* its place in p->occs (set once the occupations are sorted) */
    double overlap_sum; /* task overlap: sum and count of the contributing exposure percentiles */
    int overlap_n;
    const char *overlap_src; /* the contributing sources, "a+b" */
    char overlap_src_buf[64];
    bool listed;        /* in the occupations file (every pack occupation is) */
    bool has_statements; /* the AEI join's task statements list it (coverage: "no task matched") */
} pk_occ;

/* One code mapping of a crosswalk (SOC 2010 -> 2018, ISCO-08 <-> SOC 2010, ...). */
typedef struct pk_xw {
    char from[16], to[16];
    const char *from_title; /* the older code's title when the file gives one (pack arena), or NULL */
    size_t to_sources;      /* how many `from` codes map to `to` (2: two older codes merged) */
} pk_xw;

struct pk_pack {
    pk_arena *arena;      /* owned: every record string and list */
    pk_sources sources;   /* the registry from the manifest (items in arena) */
    char *root;           /* owned */
    const char *name;     /* the manifest's $.name (arena), or NULL */
    bool full;            /* every input was read (pk_pack_load), not only the occupations */
    pk_pack_file *files;  /* owned array: every input's files (strings in arena) */
    size_t n_files;
    pk_occ **occs;        /* owned array, sorted by code after the occupations importer */
    size_t n_occs, cap_occs;
    const char **codes;   /* owned array of the occupations' codes (strings in arena) */
    pk_xw *soc2010;       /* SOC 2010 -> 2018 crosswalk, sorted by `from` (owned) */
    size_t n_soc2010;
    pk_xw *onet2010;      /* O*NET-SOC 2010 -> 2019 taxonomy crosswalk, sorted by `from` (owned) */
    size_t n_onet2010;
    struct pk_major { char code[8]; const char *title; } *majors; /* SOC major groups */
    size_t n_majors;
    /* the manifest's inputs (in the arena), for the coverage report */
    const pk_input *inputs;
    size_t n_inputs;
    /* why an occupation lacks what an input gives: cov[input index * n_occs + occ index], a
       pk_cov_why (owned; allocated once the occupations are known) */
    unsigned char *cov;
    /* BLS's combined codes (the NEM crosswalk): occupations BLS publishes only under a code that
       combines several SOC codes, sorted by that code (owned arrays, parallel) */
    char (*combined_code)[8];
    pk_occ **combined_occ;
    size_t n_combined;
};

/* The occupation with this O*NET-SOC code, or NULL. */
pk_occ *pk_pack_occ(pk_pack *p, const char *onet_code);
/* The occupations whose O*NET-SOC code starts with the SOC code `soc` ("27-4014" gives
 * 27-4014.00, and "15-1299" gives 15-1299.01 ... .09): a contiguous run of p->occs; returns its
 * start and sets *n (0 when none). */
pk_occ **pk_pack_occs_for_soc(pk_pack *p, const char *soc, size_t *n);
/* The occupations a BLS table's row for SOC code `soc` gives figures to: the run of
 * pk_pack_occs_for_soc when the pack has occupations under the code, else, when BLS publishes
 * the code as a combined one (31-1120 for 31-1121 and 31-1122, from the NEM crosswalk input),
 * the occupations it combines, with *combined set. Sets *n (0 when none). */
pk_occ **pk_pack_occs_for_bls(pk_pack *p, const char *soc, size_t *n, bool *combined);
/* Why an occupation lacks what an input gives, for `presskit check --coverage` (coverage.c).
 * An importer marks the occupations whose join failed; one left unmarked that lacks the
 * figures had no row for its code in the file (or, for BLS, its combined code). */
typedef enum pk_cov_why {
    PK_COV_NO_ROW = 0, /* the file has no row for its code */
    PK_COV_NO_JOIN,    /* its code has no counterpart in the crosswalk the join goes through */
    PK_COV_NO_MATCH    /* its codes or texts match nothing the file scores (ISCO-08, tasks) */
} pk_cov_why;
void pk_cov_mark(pk_pack *p, const pk_input *in, const pk_occ *o, pk_cov_why why);

/* A scope in the pack's arena (record.h): who published a figure for which code. */
const pk_scope *pk_pack_scope(pk_pack *p, pk_scope_kind kind, const char *system,
                              const char *code, const char *title, long occupations);
/* Adds an occupation (the occupations importer); the same code twice is an error for the caller. */
pk_occ *pk_pack_add_occ(pk_pack *p, const char *onet_code);
/* SOC 2018 codes a SOC 2010 code became; returns the first and sets *n. */
const pk_xw *pk_pack_soc2010(pk_pack *p, const char *soc2010, size_t *n);
/* O*NET-SOC 2019 codes an O*NET-SOC 2010 code became (27-4014.00 -> 27-4014.00). */
const pk_xw *pk_pack_onet2010(pk_pack *p, const char *onet2010, size_t *n);

/* Reports a problem with a manifest input as "MANIFEST: $.inputs[i].KEY: message" (key NULL:
 * "$.inputs[i]: message"). Returns -1. */
int pk_input_error(pk_diag *d, const pk_input *in, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Builders: append to a list or an array in the pack's arena (growth by doubling). */
pk_item *pk_list_push(pk_pack *p, pk_list *l);
void *pk_array_push(pk_pack *p, void **items, size_t *n, size_t elem_size);
const char *pk_pack_str(pk_pack *p, const char *s);

/* A figure from a BLS-style cell: a number, "#" (top-coded at `top`, or not available when top
 * is 0), or a suppression marker (not available). Returns false (and reports at row/col) for
 * anything else. */
bool pk_cell_figure(pk_csv *c, const pk_csv_row *row, int col, pk_unit unit, const char *source,
                    double scale, double top, pk_figure *out);

/* Percentile ranks of values[0..n) (mid-rank: the share of values below plus half the ties,
 * times 100), written to pct[i]. */
void pk_percentiles(const double *values, size_t n, double *pct);
/* The band of a percentile: "Low" (< 33.3), "Moderate", "High" (>= 66.7). */
const char *pk_band(double percentile);

/* CSV options for an input: tab-delimited unquoted for .txt/.tsv or format "tsv", else CSV. */
pk_csv_opts pk_input_csv_opts(const pk_input *in);

/* Importers: read in->path (and in->lookup_path), fill records. Return 0, or -1 with messages.
 * pk_import_onet_occupations must run first: it defines the occupations. */
typedef int (*pk_import_fn)(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_occupations(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_soc2010_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet2010_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d);
/* import_onet.c */
int pk_import_onet_titles(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_tasks(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_ratings(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_technology(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_job_zones(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_education(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_interests(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_onet_related(pk_pack *p, const pk_input *in, pk_diag *d);
/* import_bls.c */
int pk_import_oews_national(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_oews_sectors(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_ep_projections(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_ep_openings(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_nem_crosswalk(pk_pack *p, const pk_input *in, pk_diag *d);
/* import_studies.c */
int pk_import_scores(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_aei_tasks(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_aei_patterns(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_ilo(pk_pack *p, const pk_input *in, pk_diag *d);
int pk_import_cip_soc(pk_pack *p, const pk_input *in, pk_diag *d);

#endif
