/* compare.h: the charts of a side-by-side comparison of two occupations (presskit compare,
 * docs/compare.md), each built from both records on one scale: the two wage ranges on one
 * axis, and paired dots ("dumbbells") of the knowledge, skills and abilities ratings and of
 * every study's exposure percentile. A figure one of the two lacks is drawn for the other alone
 * and said "not available" for it, never drawn as zero. The same measured, in-box, non-
 * overlapping labels and alt text of every number drawn as the kit's charts (charts.h). And
 * the pairing rules the comparison's tables share with its charts. Part of charts/. */
#ifndef PK_CHARTS_COMPARE_H
#define PK_CHARTS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "charts/charts.h"

/* One row of a paired list: an item both occupations may have, with each one's figure (NULL:
 * not in that occupation's record). */
typedef struct pk_pair_item {
    const char *kind; /* "Knowledge", "Skills", "Abilities"; NULL for a study */
    const char *name; /* the item's or study's name, borrowed from a record */
    const pk_figure *f[2];
} pk_pair_item;

/* How many of each occupation's highest-rated items of each list the comparison takes: the
 * union of A's and B's top items. */
#define PK_COMPARE_TOP 3

/* The union of each occupation's PK_COMPARE_TOP most important knowledge areas, skills
 * (essential and transferable together) and abilities, each with both ratings: grouped by
 * kind, then by the higher of the two ratings (highest first), then by name. Up to max rows
 * into out; returns how many. */
size_t pk_compare_ksa(const pk_record *const r[2], pk_pair_item *out, size_t max);

/* Every exposure study either occupation has a figure in, in the order of the one with the
 * lower code, then the other's others (so that A vs. B and B vs. A have the same rows), and AI
 * task overlap last, each with both figures (a study's score, whose percentile is
 * drawn). Returns how many. */
size_t pk_compare_studies(const pk_record *const r[2], pk_pair_item *out, size_t max);

/* The pay the two are compared by: hourly when BLS publishes only hourly wages for either
 * (no annual figure to set beside it), else annual. The median, 10th and 90th percentiles of
 * r in that unit into f (absent figures too). */
bool pk_compare_pay_hourly(const pk_record *const r[2]);
void pk_compare_pay(const pk_record *r, bool hourly, const pk_figure *f[3]);

/* The comparison's charts, by name: "compare-wages", "compare-ksa", "compare-exposure";
 * the list ends with NULL. */
extern const char *const pk_compare_charts[];

/* True when either record has figures for chart `name`. */
bool pk_compare_chart_has(const char *name, const pk_record *const r[2]);
/* Height over width on a page at a column's width (as pk_chart_def.print_height). */
double pk_compare_print_height(const char *name, const pk_record *const r[2]);
/* The height at `width` points (as pk_chart_height). */
double pk_compare_chart_height(const char *name, const pk_record *const r[2], double width);

/* Builds chart `name` of the pair in style st (with st->fit_height, taller as its rows need).
 * Returns the scene, or NULL with one message (an unknown name, no data). */
pk_scene *pk_compare_chart_build(const char *name, const pk_record *const r[2],
                                 const pk_sources *s, const pk_fonts *fonts,
                                 const pk_chart_style *st, pk_diag *d);

#endif
