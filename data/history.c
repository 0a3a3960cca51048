/* history.c: see history.h. */
#include "data/history.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const keys[PK_SERIES_COUNT_] = {"median", "p25", "p75", "hourly_median",
                                                   "employment"};

const char *pk_series_key(pk_series s)
{
    return (unsigned)s < PK_SERIES_COUNT_ ? keys[s] : "";
}

const pk_figure *pk_hist_fig(const pk_hist_point *pt, pk_series s)
{
    switch (s) {
    case PK_SERIES_MEDIAN: return &pt->median;
    case PK_SERIES_P25: return &pt->p25;
    case PK_SERIES_P75: return &pt->p75;
    case PK_SERIES_HOURLY: return &pt->hourly_median;
    default: return &pt->employment;
    }
}

bool pk_hist_top_coded(const pk_hist_point *pt, pk_series s)
{
    for (size_t i = 0; i < pt->top_coded.n; i++)
        if (strcmp(pt->top_coded.v[i], pk_series_key(s)) == 0) return true;
    return false;
}

size_t pk_hist_count(const pk_record *r, pk_series s)
{
    size_t n = 0;
    for (size_t i = 0; r->history.present && i < r->history.n_points; i++)
        n += pk_hist_fig(&r->history.points[i], s)->status == PK_FIG_OK;
    return n;
}

bool pk_hist_last_change(const pk_record *r, pk_series s, const pk_hist_point **older,
                         const pk_hist_point **newer)
{
    const pk_history *h = &r->history;
    if (!h->present || h->n_points < 2) return false;
    const pk_hist_point *b = &h->points[h->n_points - 1], *a = &h->points[h->n_points - 2];
    /* a release between them that gave no point (a note) is the one before b */
    for (size_t i = 0; i < h->n_notes; i++)
        if (h->notes[i].year > a->year && h->notes[i].year < b->year) return false;
    if (pk_hist_fig(a, s)->status != PK_FIG_OK || pk_hist_fig(b, s)->status != PK_FIG_OK)
        return false;
    if (pk_hist_fig(a, s)->value <= 0) return false;
    *older = a;
    *newer = b;
    return true;
}

double pk_hist_pct(double a, double b)
{
    /* half away from zero as a reader rounds 5.75 to 5.8, not as the binary 5.7499... does */
    double x = (b - a) / a * 1000;
    return round(x + (x > 0 ? 1e-7 : x < 0 ? -1e-7 : 0)) / 10;
}

void pk_hist_release_name(pk_buf *b, const char *release, long year)
{
    char y[24];
    snprintf(y, sizeof y, "%ld", year);
    if (!release) pk_buf_adds(b, y);
    else if (strstr(release, y)) pk_buf_adds(b, release);
    else pk_buf_printf(b, "%s (%s)", release, y); /* the year drawn is always said */
}

void pk_hist_who(pk_buf *b, const pk_sources *s, const char *src_id)
{
    pk_buf l = PK_BUF_INIT;
    pk_source_labels(&l, s, src_id);
    size_t n = l.len;
    /* "BLS OEWS (May 2024)" names one release; the series is every release shown */
    if (n && l.data[n - 1] == ')') {
        const char *open = strrchr(l.data, '(');
        if (open && open > l.data + 1 && open[-1] == ' ') n = (size_t)(open - 1 - l.data);
    }
    pk_buf_add(b, l.data, n);
    pk_buf_adds(b, ", in every release shown,");
    pk_buf_fini(&l);
}

void pk_hist_release(pk_buf *b, const pk_hist_point *pt)
{
    pk_hist_release_name(b, pt->release, pt->year);
}
