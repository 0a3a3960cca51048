/* bench_brief.c: the PDF brief in one process — layout (flow, line breaking, charts placed) and
 * painting (libharu with subset fonts) — as a median of many runs, and its size, per template.
 * Usage: bench_brief [RUNS] [TEMPLATE...]; default 100 runs of every built-in template. */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "data/arena.h"
#include "data/store.h"
#include "reports/brief.h"
#include "reports/pdf.h"

int main(int argc, char **argv)
{
    pk_memory_init(); /* as presskit's main does */
    int runs = argc > 1 ? atoi(argv[1]) : 100;
    if (runs < 1) runs = 1;
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(NULL, NULL, &d);
    pk_record *r = st ? pk_store_load(st, "27-4014.00", &d) : NULL;
    pk_fonts *f = pk_fonts_new();
    pk_hyph *h = pk_hyph_load(PK_HYPH_DEFAULT, &d);
    if (!r || !h) {
        for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
        return 1;
    }
    const char *const *names = argc > 2 ? (const char *const *)argv + 2 : pk_template_builtin;
    double *lay = malloc((size_t)runs * sizeof *lay), *tot = malloc((size_t)runs * sizeof *tot);
    printf("%-12s %6s %10s %10s %10s\n", "template", "pages", "layout ms", "brief ms", "bytes");
    for (const char *const *n = names; *n; n++) {
        pk_template *t = pk_template_load(*n, f, &d);
        if (!t) break;
        size_t bytes = 0, pages = 0;
        for (int i = 0; i < runs; i++) {
            double t0 = pk_bench_now_ms();
            pk_brief *b = pk_brief_layout(r, pk_store_sources(st), t, f, t->hyphenate ? h : NULL, NULL, &d);
            double t1 = pk_bench_now_ms();
            pk_buf out = PK_BUF_INIT;
            /* tagged, as brief.pdf is (the structure tree is part of a brief's cost) */
            pk_pdf_info info = {.title = r->title};
            if (b) pk_brief_tags(b, &info);
            if (!b || pk_pdf_write(pk_brief_scenes(b), pk_brief_pages(b), &info, &out, &d) != 0) {
                for (size_t k = 0; k < d.n; k++) fprintf(stderr, "%s\n", d.msgs[k].text);
                return 1;
            }
            double t2 = pk_bench_now_ms();
            lay[i] = t1 - t0;
            tot[i] = t2 - t0;
            bytes = out.len;
            pages = pk_brief_pages(b);
            pk_buf_fini(&out);
            pk_brief_free(b);
        }
        qsort(lay, (size_t)runs, sizeof *lay, pk_bench_cmp_double);
        qsort(tot, (size_t)runs, sizeof *tot, pk_bench_cmp_double);
        printf("%-12s %6zu %10.2f %10.2f %10zu\n", *n, pages, lay[runs / 2], tot[runs / 2], bytes);
        pk_template_free(t);
    }
    free(lay);
    free(tot);
    pk_hyph_free(h);
    pk_fonts_free(f);
    pk_record_free(r);
    pk_store_free(st);
    pk_diag_fini(&d);
    return 0;
}
