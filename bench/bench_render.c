/* bench_render.c: every chart of the embedded sample (27-4014.00) and the share card, per chart
 * kind: the scene build (charts/), the SVG write, the PNG at 1x (1200 x 675 px) and @2x, each the
 * median of RUNS (default 200) in one process, with the output sizes; then the speed/size
 * trade-off of PNG compression settings, re-encoding one chart's 1x pixels with libpng (the
 * setting reports/cairo_png.c uses is marked).
 *   bench_render [RUNS]
 * Not a test: a slow machine must not fail the suite. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "bench.h"
#include "charts/charts.h"
#include "data/store.h"
#include "reports/kit.h"
#include "reports/render.h"

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, pk_bench_cmp_double);
    return t[n / 2];
}

/* ---- the compression trade-off: libpng settings on the same pixels ---- */

typedef struct setting {
    const char *name;
    int level, filters, strategy;
} setting;

static void write_cb(png_structp png, png_bytep data, size_t n)
{
    pk_buf_add(png_get_io_ptr(png), data, n);
}

static void flush_cb(png_structp png)
{
    (void)png;
}

/* Encodes RGB rows as cairo_png.c does (row by row, no time chunk), with setting st. */
static int encode(const unsigned char *rgb, unsigned w, unsigned h, const setting *st, pk_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, out, write_cb, flush_cb);
    png_set_compression_level(png, st->level);
    png_set_compression_strategy(png, st->strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, st->filters);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (unsigned y = 0; y < h; y++)
        png_write_row(png, rgb + (size_t)y * w * 3);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* What is timed for one chart kind. */
typedef struct kind {
    const char *name;
    pk_scene *(*build)(void *ctx); /* a new scene, or NULL */
    void *ctx;
} kind;

typedef struct chart_ctx {
    const pk_chart_def *def;
    const pk_record *r;
    const pk_sources *s;
    const pk_fonts *f;
    const pk_chart_style *st;
} chart_ctx;

static pk_scene *build_chart(void *ctx)
{
    chart_ctx *c = ctx;
    pk_diag d = PK_DIAG_INIT;
    pk_scene *sc = c->def->build(c->r, c->s, c->f, c->st, &d);
    pk_diag_fini(&d);
    return sc;
}

typedef struct share_ctx {
    const pk_record *r;
    const pk_sources *s;
    const pk_kit *kit;
    const pk_fonts *f;
    const pk_chart_style *st;
} share_ctx;

static pk_scene *build_share(void *ctx)
{
    share_ctx *c = ctx;
    return pk_share_build(c->r, c->s, c->kit->headline, c->kit->url, c->f, c->st);
}

int main(int argc, char **argv)
{
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
    pk_kit kit;
    pk_kit_build(&kit, r, src);

    kind kinds[32];
    chart_ctx cctx[32];
    size_t nk = 0;
    for (const pk_chart_def *c = pk_charts; c->name && nk < 31; c++) {
        if (!c->has_data(r)) continue;
        cctx[nk] = (chart_ctx){c, r, src, f, &st};
        kinds[nk] = (kind){c->name, build_chart, &cctx[nk]};
        nk++;
    }
    share_ctx sctx = {r, src, &kit, f, &st};
    kinds[nk++] = (kind){"share card", build_share, &sctx};

    printf("sample 27-4014.00, median of %d runs in one process (ms; output bytes)\n", runs);
    printf("%-14s %6s %5s %8s %8s %7s %8s %8s %8s\n", "chart", "ops", "texts", "build", "svg",
           "png 1x", "png @2x", "svg B", "png B");
    double *t = calloc((size_t)runs, sizeof *t);
    pk_buf b = PK_BUF_INIT;
    double sum[4] = {0}, worst_png = 0, worst_svg = 0;
    pk_buf keep = PK_BUF_INIT; /* the 1x PNG of the chart with the most text, for the trade-off */
    size_t most_text = 0;
    const char *kept_name = "";
    for (size_t k = 0; k < nk; k++) {
        double med[4];
        for (int i = 0; i < runs; i++) {
            double t0 = pk_bench_now_ms();
            pk_scene *sc = kinds[k].build(kinds[k].ctx);
            t[i] = pk_bench_now_ms() - t0;
            pk_scene_free(sc);
        }
        med[0] = median(t, runs);
        pk_scene *sc = kinds[k].build(kinds[k].ctx);
        size_t n_text = 0;
        for (size_t i = 0; i < sc->n_ops; i++)
            n_text += sc->ops[i].kind == PK_OP_TEXT;
        for (int i = 0; i < runs; i++) {
            pk_buf_reset(&b);
            double t0 = pk_bench_now_ms();
            pk_svg_write(sc, &b);
            t[i] = pk_bench_now_ms() - t0;
        }
        med[1] = median(t, runs);
        size_t svg_bytes = b.len, png_bytes = 0;
        for (int scale = 1; scale <= 2; scale++) {
            for (int i = 0; i < runs; i++) {
                pk_buf_reset(&b);
                double t0 = pk_bench_now_ms();
                if (pk_png_write(sc, scale, &b, &d) != 0) {
                    fprintf(stderr, "%s\n", d.msgs[0].text);
                    return 1;
                }
                t[i] = pk_bench_now_ms() - t0;
            }
            med[1 + scale] = median(t, runs);
            if (scale == 1) {
                png_bytes = b.len;
                if (n_text > most_text && strcmp(kinds[k].name, "share card") != 0) {
                    most_text = n_text;
                    kept_name = kinds[k].name;
                    pk_buf_reset(&keep);
                    pk_buf_add(&keep, b.data, b.len);
                }
            }
        }
        printf("%-14s %6zu %5zu %8.3f %8.3f %7.3f %8.3f %8zu %8zu\n", kinds[k].name, sc->n_ops,
               n_text, med[0], med[1], med[2], med[3], svg_bytes, png_bytes);
        for (int i = 0; i < 4; i++)
            sum[i] += med[i];
        if (med[2] > worst_png) worst_png = med[2];
        if (med[1] > worst_svg) worst_svg = med[1];
        pk_scene_free(sc);
    }
    printf("%-14s %6s %5s %8.3f %8.3f %7.3f %8.3f   (sum over %zu kinds)\n", "all", "", "", sum[0],
           sum[1], sum[2], sum[3], nk);
    printf("slowest: SVG %.3f ms, PNG 1x %.3f ms\n", worst_svg, worst_png);

    /* the trade-off, on the 1x pixels of the chart with the most text */
    size_t size1 = keep.len;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, keep.data, keep.len)) return 1;
    img.format = PNG_FORMAT_RGB;
    unsigned char *rgb = malloc(PNG_IMAGE_SIZE(img));
    if (!rgb || !png_image_finish_read(&img, NULL, rgb, 0, NULL)) return 1;
    static const setting settings[] = {
        {"level 1, filter NONE (used)", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY},
        {"level 1, filter SUB", 1, PNG_FILTER_SUB, Z_DEFAULT_STRATEGY},
        {"level 1, filter UP", 1, PNG_FILTER_UP, Z_DEFAULT_STRATEGY},
        {"level 1, filter PAETH", 1, PNG_FILTER_PAETH, Z_DEFAULT_STRATEGY},
        {"level 3, filter NONE", 3, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY},
        {"level 1, filter SUB, Z_RLE", 1, PNG_FILTER_SUB, Z_RLE},
        {"level 6, all filters (libpng default)", 6, PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY},
        {"level 9, all filters", 9, PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY},
    };
    int enc_runs = runs < 50 ? runs : 50;
    printf("PNG compression on the 1x pixels of \"%s\" (encode only, median of %d; pk_png_write "
           "total %zu bytes adds sRGB and pHYs):\n",
           kept_name, enc_runs, size1);
    for (size_t k = 0; k < sizeof settings / sizeof *settings; k++) {
        pk_buf e = PK_BUF_INIT;
        for (int i = 0; i < enc_runs; i++) {
            pk_buf_reset(&e);
            double t0 = pk_bench_now_ms();
            encode(rgb, img.width, img.height, &settings[k], &e);
            t[i] = pk_bench_now_ms() - t0;
        }
        printf("  %-40s %8.3f ms  %8zu bytes\n", settings[k].name, median(t, enc_runs), e.len);
        pk_buf_fini(&e);
    }
    free(rgb);
    png_image_free(&img);
    free(t);
    pk_buf_fini(&b);
    pk_buf_fini(&keep);
    pk_kit_fini(&kit);
    pk_record_free(r);
    pk_store_free(store);
    pk_fonts_free(f);
    pk_diag_fini(&d);
    return 0;
}
