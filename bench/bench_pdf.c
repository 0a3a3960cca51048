/* bench_pdf.c: the PDF painter (reports/pdf.c) on every chart of the embedded sample
 * (27-4014.00): pk_pdf_write of each chart as a one-page PDF, then of all of them as one
 * document, each the median of RUNS (default 200) in one process, with the bytes; and the part
 * of it that is font subsetting (pk_fonts_subset of both fonts for one chart's characters).
 *   bench_pdf [RUNS]
 * Not a test: a slow machine must not fail the suite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"
#include "data/arena.h"
#include "charts/charts.h"
#include "data/store.h"
#include "reports/pdf.h"

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, pk_bench_cmp_double);
    return t[n / 2];
}

/* Median ms of RUNS pk_pdf_write of pages; the last output stays in b. */
static double time_pdf(const pk_scene *const *pages, size_t n, int runs, double *t, pk_buf *b)
{
    pk_diag d = PK_DIAG_INIT;
    pk_pdf_info info = {.title = pages[0]->title, .subject = pages[0]->desc};
    for (int i = 0; i < runs; i++) {
        pk_buf_reset(b);
        double t0 = pk_bench_now_ms();
        if (pk_pdf_write(pages, n, &info, b, &d) != 0) {
            fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "pk_pdf_write failed");
            exit(1);
        }
        t[i] = pk_bench_now_ms() - t0;
    }
    pk_diag_fini(&d);
    return median(t, runs);
}

int main(int argc, char **argv)
{
    pk_memory_init(); /* as presskit's main does */
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 1) runs = 1;
    pk_diag d = PK_DIAG_INIT;
    pk_fonts *f = pk_fonts_new();
    pk_chart_style st;
    pk_store *store = pk_store_open(NULL, NULL, &d);
    pk_record *r = store ? pk_store_load(store, "27-4014.00", &d) : NULL;
    if (!r || pk_chart_style_default(&st, f, &d) != 0) {
        fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "no sample");
        return 1;
    }
    const pk_sources *src = pk_store_sources(store);
    pk_scene *scenes[32];
    const char *names[32];
    size_t n = 0;
    for (const pk_chart_def *c = pk_charts; c->name && n < 32; c++) {
        if (!c->has_data(r)) continue;
        scenes[n] = pk_chart_build(c, r, src, f, &st, &d);
        if (!scenes[n]) continue;
        names[n++] = c->name;
    }
    if (n == 0) {
        fprintf(stderr, "no charts\n");
        return 1;
    }

    double *t = calloc((size_t)runs, sizeof *t);
    pk_buf b = PK_BUF_INIT;
    printf("sample 27-4014.00, pk_pdf_write, median of %d runs in one process\n", runs);
    printf("%-14s %6s %8s %8s\n", "chart", "ops", "ms", "bytes");
    double sum = 0, worst = 0;
    size_t biggest = 0;
    for (size_t k = 0; k < n; k++) {
        const pk_scene *one[] = {scenes[k]};
        double ms = time_pdf(one, 1, runs, t, &b);
        printf("%-14s %6zu %8.3f %8zu\n", names[k], scenes[k]->n_ops, ms, b.len);
        sum += ms;
        if (ms > worst) worst = ms;
        if (b.len > biggest) biggest = b.len;
    }
    printf("one-page PDFs: %.3f ms on average, %.3f ms at most, %zu bytes at most\n", sum / n,
           worst, biggest);
    double all = time_pdf((const pk_scene *const *)scenes, n, runs, t, &b);
    printf("all %zu charts as one %zu-page PDF: %.3f ms, %zu bytes\n", n, n, all, b.len);

    /* the subsetting inside one chart's PDF: both fonts, the chart's characters */
    const pk_scene *s0 = scenes[0];
    uint32_t cps[2][512];
    size_t ncp[2] = {0, 0};
    int ids[2] = {-1, -1};
    for (size_t i = 0; i < s0->n_ops; i++) {
        const pk_op *op = &s0->ops[i];
        if (op->kind != PK_OP_TEXT || !op->text) continue;
        int slot = ids[0] == op->font || ids[0] < 0 ? 0 : 1;
        ids[slot] = op->font;
        pk_glyph g[256];
        size_t m = pk_fonts_glyphs(f, op->font, op->text, strlen(op->text), g, 256);
        for (size_t j = 0; j < m && j < 256 && ncp[slot] < 512; j++)
            cps[slot][ncp[slot]++] = g[j].cp;
    }
    size_t sub_bytes = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = pk_bench_now_ms();
        sub_bytes = 0;
        for (int k = 0; k < 2; k++) {
            if (ids[k] < 0) continue;
            pk_buf_reset(&b);
            pk_fonts_subset(f, ids[k], cps[k], ncp[k], &b, &d);
            sub_bytes += b.len;
        }
        t[i] = pk_bench_now_ms() - t0;
    }
    struct stat sb;
    off_t whole = 0;
    for (int k = 0; k < 2; k++)
        if (ids[k] >= 0 && stat(pk_fonts_file(f, ids[k]), &sb) == 0) whole += sb.st_size;
    printf("of which subsetting both fonts for %s: %.3f ms, %zu bytes of TrueType (the two font "
           "files: %lld bytes)\n",
           names[0], median(t, runs), sub_bytes, (long long)whole);

    free(t);
    pk_buf_fini(&b);
    for (size_t k = 0; k < n; k++)
        pk_scene_free(scenes[k]);
    pk_record_free(r);
    pk_store_free(store);
    pk_fonts_free(f);
    pk_diag_fini(&d);
    return 0;
}
