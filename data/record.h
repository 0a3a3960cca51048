/* record.h: the occupation model — one record per occupation, every figure with its unit and
 * source — and the sources registry the figures point into. docs/record.md is the JSON form.
 * Importers and the record reader fill it; every output in reports/ reads only this.
 * Part of data/, the bottom of the flow. */
#ifndef PK_RECORD_H
#define PK_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/diag.h"

typedef enum pk_unit {
    PK_UNIT_NONE = 0,
    PK_UNIT_USD,
    PK_UNIT_USD_HOUR,
    PK_UNIT_COUNT,
    PK_UNIT_PERCENT,
    PK_UNIT_POINTS,
    PK_UNIT_SCORE,
    PK_UNIT_PROBABILITY,
    PK_UNIT_FRACTION,
    PK_UNIT_RATING,
    PK_UNIT_PERCENTILE,
    PK_UNIT_RATIO,
    PK_UNIT_LEVEL,
    PK_UNIT_COUNT_ /* number of units */
} pk_unit;

/* The JSON name of a unit ("usd"), and back (PK_UNIT_NONE when unknown). */
const char *pk_unit_name(pk_unit u);
pk_unit pk_unit_from_name(const char *name);

typedef enum pk_status {
    PK_FIG_ABSENT = 0, /* the record has no such figure: outputs leave its line out */
    PK_FIG_OK,
    PK_FIG_TOPCODED, /* value is BLS's top code: "$239,200 or more" */
    PK_FIG_NA        /* published as suppressed: "not available", and no claim in the kit */
} pk_status;

/* What a figure was published for, when that is not exactly this occupation (docs/record.md,
 * "Scope"). Publishers report by their own codes: BLS by SOC code, which O*NET splits into
 * several occupations; some figures exist only for a code that combines several SOC codes, a
 * study's row for a group of codes, a code of an older vintage, or a task text that several
 * occupations share. The outputs say so wherever such a figure is shown. */
typedef enum pk_scope_kind {
    PK_SCOPE_SHARED = 0, /* published under one code that covers this occupation and, when
                            `occupations` > 1, others of the pack */
    PK_SCOPE_COMBINED,   /* published only under a code that combines several SOC codes */
    PK_SCOPE_AGGREGATE,  /* a study's row for a group of codes, joined by the code structure
                            or by its title */
    PK_SCOPE_PART,       /* published for one of several older codes that were merged into
                            this occupation's code: it describes part of the occupation */
    PK_SCOPE_MERGED,     /* the mean over several older codes merged into this occupation */
    PK_SCOPE_TASK,       /* a task text that several occupations share */
    PK_SCOPE_KIND_COUNT_
} pk_scope_kind;

typedef struct pk_scope {
    pk_scope_kind kind;
    const char *system; /* the code system: "SOC", "SOC 2010", "O*NET-SOC 2010"; or NULL */
    const char *code;   /* the code published, "29-1229" (several joined by " + "); or NULL */
    const char *title;  /* its title as the publisher writes it; or NULL */
    long occupations;   /* pack occupations given the same figure, this one included; 0 when
                           not counted */
} pk_scope;

/* The JSON name of a scope kind ("shared"), and back (-1 when unknown). */
const char *pk_scope_kind_name(pk_scope_kind k);
int pk_scope_kind_from_name(const char *name);

/* True when a reader needs to be told whom the figure describes: it is shared with other
 * occupations, or published for another code than this occupation's own. */
static inline bool pk_scope_disclosed(const pk_scope *s)
{
    return s && (s->kind != PK_SCOPE_SHARED || s->occupations > 1);
}

/* One number an output may show. Strings are borrowed from the record's arena. */
typedef struct pk_figure {
    pk_status status;
    pk_unit unit;
    double value;       /* meaningful for PK_FIG_OK and PK_FIG_TOPCODED */
    const char *source; /* source id, or ids joined by '+'; never NULL when status != ABSENT */
    double percentile;  /* rank 0-100 among occupations with data; < 0 when not given */
    size_t population;  /* occupations the percentile was computed over; 0 when not given */
    const char *band;   /* the study's band ("Moderate"), or NULL */
    int year;           /* the year the figure describes, or 0 */
    const pk_scope *scope; /* whom it was published for, or NULL: this occupation alone (in the
                              record's arena; several figures may share one) */
} pk_figure;

static inline bool pk_fig_has(const pk_figure *f)
{
    return f->status == PK_FIG_OK || f->status == PK_FIG_TOPCODED;
}

/* The figure's percentile rank (0-100, exact mid-rank) when it has a value and a rank; < 0
 * otherwise. Use this, not f->percentile: a figure the record does not have is zeroed, and its
 * 0 is no rank. */
static inline double pk_fig_rank(const pk_figure *f)
{
    return pk_fig_has(f) && f->percentile >= 0 ? f->percentile : -1;
}

typedef struct pk_item {
    const char *name; /* never NULL */
    const char *tag;  /* a short qualifier the section defines ("Learning"), or NULL */
    pk_figure fig;    /* ABSENT for lists of names only */
} pk_item;

/* A list of named figures from one source in one unit (docs/record.md, "Lists"). */
typedef struct pk_list {
    bool present;
    const char *source;
    pk_unit unit;
    double scale[2]; /* rating scale; {0, 0} when not given */
    long total;      /* items in the full list when `items` shows only some; 0 when not given */
    const pk_scope *scope; /* the default scope of every item's figure (abilities rated for an
                              older code), or NULL */
    pk_item *items;
    size_t n_items;
} pk_list;

typedef struct pk_strs {
    const char **v;
    size_t n;
} pk_strs;

typedef struct pk_text {
    bool present;
    const char *text;
    const char *source;
} pk_text;

typedef struct pk_ai_work_map {
    bool present;
    pk_list delegate, copilot, human_loop;
    pk_list below_floor; /* tasks whose every conversation is below the release's sample floor */
} pk_ai_work_map;

typedef struct pk_study {
    const char *id, *label;
    pk_figure score;
} pk_study;

typedef struct pk_gpt {
    bool present;
    pk_figure alpha, beta, gamma;
} pk_gpt;

typedef struct pk_exposure {
    bool present;
    pk_study *studies;
    size_t n_studies;
    pk_gpt gpt;
    pk_figure task_overlap, remote_work, frey_osborne;
} pk_exposure;

typedef struct pk_mode {
    bool present;
    const char *name, *description, *source;
    pk_figure share; /* the pattern's share of the occupation's observed conversations, or absent */
    bool tied;       /* name names several patterns with the same share */
} pk_mode;

/* One of the occupation's O*NET tasks in an AEI release that publishes collaboration patterns
 * (ai_usage.patterns). Every figure is in per cent. */
typedef struct pk_task_mix {
    const char *name; /* the task as O*NET writes it */
    pk_figure usage;  /* its share of all the release's conversations; absent when not published */
    pk_figure directive, feedback_loop, task_iteration, validation, learning; /* of its conversations */
    pk_figure filtered; /* the share of its conversations below the release's privacy floor */
} pk_task_mix;

typedef struct pk_task_mixes {
    bool present;
    const char *source; /* the release */
    long tasks_total;   /* the occupation's O*NET tasks the join looked for in the release */
    pk_task_mix *items; /* the ones it found (items may be empty), by usage, largest first */
    size_t n_items;
} pk_task_mixes;

/* The top of the scale of ai_usage.autonomy (1 to 5: how independently AI acts), as the
 * reader enforces it and the brief prints it ("4.0 / 5"). */
#define PK_AUTONOMY_SCALE 5

typedef struct pk_ai_usage {
    bool present;
    pk_list task_shares;
    pk_figure augmentation, automation;
    pk_figure filtered; /* the share of the observed conversations below the release's floor */
    pk_mode top_mode;
    pk_figure autonomy, work_use;
    pk_list delegated_tasks, human_needed;
    pk_task_mixes patterns;
} pk_ai_usage;

typedef struct pk_outlook {
    bool present;
    long base_year, target_year;
    pk_figure employment_base, employment_target, change, openings;
    const char *label;
    pk_text entry_education;
} pk_outlook;

typedef struct pk_isco {
    const char *code, *title;
    pk_figure exposure;
    const char *gradient;
} pk_isco;

typedef struct pk_global {
    bool present;
    /* the headline (mean_exposure, shift) is one matched ISCO-08 occupation's: the only one
       matched, or the one whose title matches this occupation's (`headline`: "only" or
       "title"); with several matches and no such title both are absent and the outputs give
       the range over `isco` (docs/methodology.md) */
    const char *headline;
    pk_figure mean_exposure, shift;
    long from_year, to_year;
    const char *crosswalk_source;
    pk_isco *isco;
    size_t n_isco;
} pk_global;

typedef struct pk_skills {
    bool present;
    pk_list essential, transferable;
} pk_skills;

typedef struct pk_tool {
    const char *example, *category;
    bool hot;
} pk_tool;

typedef struct pk_tools {
    bool present;
    const char *source;
    long total; /* technologies the release lists when `items` keeps only some; 0 when not given */
    pk_tool *items;
    size_t n_items;
} pk_tools;

typedef struct pk_howto {
    bool present;
    const char *source;
    pk_figure job_zone;
    const char *job_zone_title, *education, *experience, *svp;
    pk_list fields_of_study;
} pk_howto;

typedef struct pk_interests {
    bool present;
    pk_list areas, riasec;
} pk_interests;

typedef struct pk_hourly {
    bool present;
    pk_figure p10, p25, median, p75, p90; /* usd-hour */
} pk_hourly;

typedef struct pk_wages {
    bool present;
    pk_figure p10, p25, median, p75, p90, employment;
    /* BLS publishes hourly wages only (actors, dancers, musicians: work that is seldom full-time
       and year-round), so there are no annual figures to show */
    bool hourly_only;
    pk_hourly hourly;
} pk_wages;

/* One OEWS release's figures for the occupation (docs/record.md, "history"). Every figure is
 * the release's (`source`); a series BLS published as "#" (at or above its top code) is
 * "not-available" here and named in top_coded: marked, never a number. */
typedef struct pk_hist_point {
    long year;           /* the reference year of the release (May 2023: 2023) */
    const char *release; /* the release as the registry names it ("May 2023"), or NULL */
    const char *source;  /* the release's source id */
    const char *system;  /* the code system when it is not the current release's ("SOC 2010") */
    const char *code;    /* the code the release published the figures under, or NULL */
    pk_figure median, p25, p75, hourly_median, employment;
    pk_strs top_coded;   /* the series published as "#": "median", "p75", "hourly_median" */
} pk_hist_point;

/* Why a release gives no point (a code split or merged between SOC vintages, a code the
 * release did not publish): said, not left silent. */
typedef struct pk_hist_note {
    long year;
    const char *source;
    const char *text;
} pk_hist_note;

/* Pay and employment over the releases a pack holds: points by year, oldest first; the
 * current release's is among them. Present only with two releases or more. */
typedef struct pk_history {
    bool present;
    pk_hist_point *points;
    size_t n_points;
    pk_hist_note *notes;
    size_t n_notes;
} pk_history;

typedef struct pk_industry {
    const char *name, *level;
    pk_figure workers, median_pay, lq;
    pk_figure median_hourly; /* usd-hour: the pay BLS gives where it publishes hourly wages only */
} pk_industry;

typedef struct pk_industries {
    bool present;
    const char *source;
    pk_industry *items;
    size_t n_items;
} pk_industries;

typedef struct pk_related {
    const char *title, *soc;
    pk_figure overlap_percentile, pay_percentile;
} pk_related;

typedef struct pk_quadrant {
    bool present;
    long adjacent_total;
    pk_related *related;
    size_t n_related;
} pk_quadrant;

typedef struct pk_record {
    pk_arena *arena; /* owned: every string and array below lives here */
    long version;
    const char *soc, *title, *description;
    pk_strs also_called;
    const char *job_family, *career_cluster, *text_source;
    const char *job_family_source; /* when the job family comes from another source (OEWS) */
    pk_ai_work_map ai_work_map;
    pk_exposure exposure;
    pk_ai_usage ai_usage;
    pk_outlook outlook;
    pk_global global;
    pk_list tasks, knowledge, abilities, work_context, education, work_styles;
    pk_list work_activities; /* O*NET Work Activities: optional (no pack of the shared releases has it) */
    pk_skills skills;
    pk_tools tools;
    pk_howto how_to_get_in;
    pk_interests interests;
    pk_wages wages;
    pk_history history; /* pay and employment in earlier releases (OEWS), or absent */
    pk_industries industries;
    pk_quadrant quadrant;
} pk_record;

/* ---- The sources registry ---- */

typedef struct pk_source {
    const char *id, *publisher, *title, *release;
    long year;
    const char *url, *licence, *attribution, *accessed, *short_label, *cite_as;
} pk_source;

typedef struct pk_publication {
    bool present;
    const char *publisher, *container, *url_template, *key_template, *compiled, *accessed;
} pk_publication;

typedef struct pk_sources {
    pk_arena *arena; /* owned */
    long version;
    pk_publication publication;
    pk_source *items;
    size_t n_items;
} pk_sources;

/* The source with this id, or NULL. */
const pk_source *pk_sources_find(const pk_sources *s, const char *id);

struct pk_buf;
/* Appends the labels of source ids ("a+b" -> "Label A + Label B"); unknown ids as themselves. */
void pk_source_labels(struct pk_buf *b, const pk_sources *s, const char *ids);

/* ---- Reading and writing (record_read.c, record_write.c) ---- */

/* Parses a sources registry from `json` (len bytes; `path` names it in messages).
 * Returns a registry the caller frees with pk_sources_free, or NULL with every problem found
 * recorded in d (PK_FAIL_INPUT). */
pk_sources *pk_sources_parse(const char *path, const char *json, size_t len, pk_diag *d);
void pk_sources_free(pk_sources *s);

/* Parses one record, checking every source id against `sources` and, when expect_soc is not
 * NULL, that $.soc equals it (the file name). Returns a record the caller frees with
 * pk_record_free, or NULL with every problem found recorded in d (PK_FAIL_INPUT). */
pk_record *pk_record_parse(const char *path, const char *json, size_t len,
                           const pk_sources *sources, const char *expect_soc, pk_diag *d);
void pk_record_free(pk_record *r);

struct pk_buf;
/* Appends the record as JSON (docs/record.md; 2-space indent, keys in schema order, a newline at
 * the end). Parsing the result gives an equal record. */
void pk_record_write(const pk_record *r, struct pk_buf *out);
/* Appends the registry as a sources.json document (docs/record.md, "The sources registry");
 * pk_sources_parse of the result gives an equal registry. */
void pk_sources_write(const pk_sources *s, struct pk_buf *out);

/* The string value of top-level `key` in a JSON document (a kit's manifest.json), malloc'd, or
 * NULL when the document does not parse or has no such string. */
char *pk_json_top_string(const char *json, size_t len, const char *key);

/* Visits every text of the record (every string value of its JSON, as pk_record_write writes
 * it, keys and source ids included) in document order, with its JSON path ("$.title",
 * "$.tasks[3].statement"). Stops early when fn returns non-zero, and returns that. */
typedef int (*pk_text_fn)(void *ctx, const char *json_path, const char *text);
int pk_record_each_text(const pk_record *r, pk_text_fn fn, void *ctx);

/* Visits every figure of the record that has a value or a status, in schema order, with its
 * claim id (the JSON path without "$.", list items named: "knowledge[Fine Arts]") and, for list
 * items, the item's name. Stops early when fn returns non-zero, and returns that. */
typedef int (*pk_figure_fn)(void *ctx, const char *claim_id, const char *label,
                            const pk_figure *f);
int pk_record_each_figure(const pk_record *r, pk_figure_fn fn, void *ctx);

/* What the figure at claim_id (outside a list) is, in words ("Median annual wage"), or NULL for
 * a claim id it does not know. Borrowed, static. */
const char *pk_figure_name(const char *claim_id);

/* Calls fn for every distinct source id the record names (figures, lists, texts), in the order
 * they first appear; ids joined by '+' are visited one by one. */
typedef void (*pk_source_fn)(void *ctx, const char *id);
/* The JSON path of list l's items in r's record file ("$.tasks.items", "$.skills.essential.items"):
 * appended to out, true; false (nothing appended) when l is not one of r's lists. */
bool pk_record_list_path(const pk_record *r, const pk_list *l, pk_buf *out);

void pk_record_each_source(const pk_record *r, pk_source_fn fn, void *ctx);

#endif
