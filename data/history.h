/* history.h: reading the record's history (docs/record.md, "history") the same way in every
 * output: the series of a point, the change between the two latest releases, and the BLS
 * caveat every comparison over time carries. Part of data/, beside say.h: charts use it too. */
#ifndef PK_HISTORY_H
#define PK_HISTORY_H

#include <stdbool.h>

#include "data/buf.h"
#include "data/record.h"

typedef enum pk_series {
    PK_SERIES_MEDIAN = 0,
    PK_SERIES_P25,
    PK_SERIES_P75,
    PK_SERIES_HOURLY, /* the hourly median */
    PK_SERIES_EMPLOYMENT,
    PK_SERIES_COUNT_
} pk_series;

/* The point's figure of series s, and its key in the record ("median", "hourly_median"). */
const pk_figure *pk_hist_fig(const pk_hist_point *pt, pk_series s);
const char *pk_series_key(pk_series s);
/* True when the release published series s as "#" (at or above its top code). */
bool pk_hist_top_coded(const pk_hist_point *pt, pk_series s);

/* How many of the record's points have series s as a number (status ok). */
size_t pk_hist_count(const pk_record *r, pk_series s);

/* The two latest releases the record's history knows (points and notes), when both are points
 * with series s as a number: *older the release before *newer. False otherwise (one release,
 * the last one or the one before it without the figure): no change is said then. */
bool pk_hist_last_change(const pk_record *r, pk_series s, const pk_hist_point **older,
                         const pk_hist_point **newer);

/* The change from a to b in per cent, rounded to one decimal place as printed. */
double pk_hist_pct(double a, double b);

/* "May 2023" for a point: its release, else its year; a release that does not name the
 * point's year is followed by it ("Spring release (2023)"). */
void pk_hist_release(pk_buf *b, const pk_hist_point *pt);
void pk_hist_release_name(pk_buf *b, const char *release, long year);
/* Who publishes a series, for the sentence on its population: the label of src_id without its
 * release ("BLS OEWS"), then ", in every release shown,". Every point of a series has the code
 * the current release publishes it under (a point of another code is a note instead). */
void pk_hist_who(pk_buf *b, const pk_sources *s, const char *src_id);

/* The BLS caveat on every OEWS comparison over time (factoid, chart, table, diff), with its
 * source, and the note on dollars. */
#define PK_OEWS_TIME_CAVEAT                                                                        \
    "BLS: the OEWS survey is designed for estimates at one point in time and is \xE2\x80\x9C"      \
    "less useful for comparing two or more points in time\xE2\x80\x9D (OEWS FAQ, "                 \
    "https://www.bls.gov/oes/oes_ques.htm)."
#define PK_OEWS_FAQ_URL "https://www.bls.gov/oes/oes_ques.htm"
#define PK_NOMINAL_NOTE "Nominal (current) dollars, not adjusted for inflation."

#endif
