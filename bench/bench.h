/* bench.h: the clock and the sort every benchmark program uses (medians, not means: these
 * machines are shared and noisy). */
#ifndef PK_BENCH_H
#define PK_BENCH_H

#include <time.h>

static inline double pk_bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* qsort comparator for doubles, ascending. */
static inline int pk_bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#endif
