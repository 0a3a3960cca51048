/* bench_kit.c: milliseconds per text press kit for the embedded sample, in one process.
 * Not a test: it prints medians for a person to read (bench/README.md says how to run it).
 *   bench_kit [RUNS] [OUT_DIR]
 * Measures, each over RUNS runs: parsing the record, building every text output in memory, and
 * the whole kit (parse + build + write the files atomically + manifest), as text only
 * (txt,md) and with brief.html (txt,md,html: the page and its twenty inline charts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "data/arena.h"
#include "data/buf.h"
#include "data/store.h"
#include "reports/cite.h"
#include "reports/kit.h"
#include "reports/markdown.h"
#include "reports/presskit.h"

static void report(const char *what, double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, pk_bench_cmp_double);
    printf("%-34s median %8.3f ms   p10 %8.3f   p90 %8.3f   (%d runs)\n", what, t[n / 2],
           t[n / 10], t[n * 9 / 10], n);
}

int main(int argc, char **argv)
{
    pk_memory_init(); /* as presskit's main does */
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    const char *out = argc > 2 ? argv[2] : "bench-out";
    if (runs < 10) runs = 10;
    double *parse = calloc((size_t)runs, sizeof *parse);
    double *build = calloc((size_t)runs, sizeof *build);
    double *whole = calloc((size_t)runs, sizeof *whole);
    double *with_html = calloc((size_t)runs, sizeof *with_html);
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(NULL, NULL, &d);
    if (!st) return 1;
    const pk_sources *s = pk_store_sources(st);
    pk_buf b = PK_BUF_INIT;
    size_t bytes = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = pk_bench_now_ms();
        pk_record *r = pk_store_load(st, "27-4014.00", &d);
        double t1 = pk_bench_now_ms();
        if (!r) return 1;
        pk_kit k;
        pk_kit_build(&k, r, s);
        pk_buf_reset(&b);
        pk_kit_text(&k, &b);
        for (int c = PK_CITE_PLAIN; c <= PK_CITE_CSL_JSON; c++) pk_cite(&b, (pk_cite_style)c, r, s);
        pk_markdown_brief(&b, r, s, &k);
        pk_data_csv(&b, r);
        pk_kit_fini(&k);
        double t2 = pk_bench_now_ms();
        bytes = b.len;
        pk_record_free(r);
        parse[i] = t1 - t0;
        build[i] = t2 - t1;
    }
    for (int i = 0; i < runs; i++) {
        double t0 = pk_bench_now_ms();
        pk_record *r = pk_store_load(st, "27-4014.00", &d);
        pk_kit_opts text = {PK_FORMAT_TXT | PK_FORMAT_MD, NULL, NULL};
        if (!r || pk_presskit_write(r, s, out, &text, &d) < 0) {
            for (size_t m = 0; m < d.n; m++) fprintf(stderr, "%s\n", d.msgs[m].text);
            return 1;
        }
        pk_record_free(r);
        whole[i] = pk_bench_now_ms() - t0;
    }
    for (int i = 0; i < runs; i++) {
        double t0 = pk_bench_now_ms();
        pk_record *r = pk_store_load(st, "27-4014.00", &d);
        pk_kit_opts html = {PK_FORMAT_TXT | PK_FORMAT_MD | PK_FORMAT_HTML, NULL, NULL};
        if (!r || pk_presskit_write(r, s, out, &html, &d) < 0) {
            for (size_t m = 0; m < d.n; m++) fprintf(stderr, "%s\n", d.msgs[m].text);
            return 1;
        }
        pk_record_free(r);
        with_html[i] = pk_bench_now_ms() - t0;
    }
    printf("sample 27-4014.00, %zu bytes of text outputs per kit\n", bytes);
    report("parse record (JSON -> model)", parse, runs);
    report("build text outputs in memory", build, runs);
    report("whole kit (parse, build, write)", whole, runs);
    report("whole kit with brief.html", with_html, runs);
    pk_buf_fini(&b);
    pk_store_free(st);
    free(parse);
    free(build);
    free(whole);
    free(with_html);
    return 0;
}
