/* bench_pack.c: loading a whole pack of public releases and building every record from it.
 *   bench_pack MANIFEST ROOT [RUNS]
 * Prints the median wall time of a full load (all files parsed, figures derived), of building
 * every record (the JSON round trip included), and the peak RSS. Not a test. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"
#include "data/arena.h"
#include "data/pack.h"

int main(int argc, char **argv)
{
    pk_memory_init(); /* as presskit's main does */
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pack MANIFEST ROOT [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (runs < 1) runs = 1;
    double *load = calloc((size_t)runs, sizeof *load), *build = calloc((size_t)runs, sizeof *build);
    size_t n = 0, problems = 0;
    for (int i = 0; i < runs; i++) {
        pk_diag d = PK_DIAG_INIT;
        double t0 = pk_bench_now_ms();
        pk_pack *p = pk_pack_load(argv[1], argv[2], &d);
        double t1 = pk_bench_now_ms();
        if (!p) {
            for (size_t k = 0; k < d.n; k++) fprintf(stderr, "%s\n", d.msgs[k].text);
            return 1;
        }
        problems = pk_diag_count(&d);
        const char *const *codes = pk_pack_codes(p, &n);
        for (size_t k = 0; k < n; k++) pk_record_free(pk_pack_record(p, codes[k], &d));
        double t2 = pk_bench_now_ms();
        pk_pack_free(p);
        pk_diag_fini(&d);
        load[i] = t1 - t0;
        build[i] = t2 - t1;
    }
    qsort(load, (size_t)runs, sizeof *load, pk_bench_cmp_double);
    qsort(build, (size_t)runs, sizeof *build, pk_bench_cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("pack %s: %zu occupations, %zu problems reported while loading\n", argv[1], n, problems);
    printf("load and derive        median %8.1f ms  (min %.1f, max %.1f, %d runs)\n", load[runs / 2],
           load[0], load[runs - 1], runs);
    printf("build every record     median %8.1f ms  (%.3f ms per occupation)\n", build[runs / 2],
           n ? build[runs / 2] / (double)n : 0);
    printf("peak RSS               %8.1f MB\n", ru.ru_maxrss / 1024.0);
    free(load);
    free(build);
    return 0;
}
