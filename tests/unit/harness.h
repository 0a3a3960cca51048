/* harness.h: the tiny test harness every tests/unit/test_<module>.c uses. Each CHECK counts;
 * main() ends with "N passed, N failed" (the line CTest logs show) and exits 1 on a failure. */
#ifndef PK_HARNESS_H
#define PK_HARNESS_H

#include <stdio.h>
#include <string.h>

static int pk_t_pass, pk_t_fail;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            pk_t_pass++;                                                                           \
        } else {                                                                                   \
            pk_t_fail++;                                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                                     \
            pk_t_pass++;                                                                           \
        } else {                                                                                   \
            pk_t_fail++;                                                                           \
            fprintf(stderr, "%s:%d: CHECK_STR failed\n  got:  %s\n  want: %s\n", __FILE__,         \
                    __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                             \
        }                                                                                          \
    } while (0)

#define RUN(fn)                                                                                    \
    do {                                                                                           \
        fn();                                                                                      \
    } while (0)

static int pk_t_finish(void)
{
    printf("%d passed, %d failed\n", pk_t_pass, pk_t_fail);
    return pk_t_fail ? 1 : 0;
}

#endif
