/* bench_render.c: the painters on a chart-like scene of 1200 x 675 px (900 x 506.25 pt, 60 ops,
 * 30 of them text runs).
 *   bench_render [RUNS]
 * Prints the median time (of RUNS, default 200, in one process) of pk_svg_write and of
 * pk_png_write at 1x and 2x, with the output sizes; then the speed/size trade-off of PNG
 * compression settings, re-encoding the 1x pixels with libpng (the setting reports/cairo_png.c
 * uses is marked). Not a test. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "bench.h"
#include "reports/render.h"

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, pk_bench_cmp_double);
    return t[n / 2];
}

/* A bar chart as charts/ would draw one: title and subtitle, grid with tick labels, ten bars
 * with category and value labels, a trend line clipped to the plot, a legend, a source line. */
static pk_scene *chart(const pk_fonts *f, int reg, int bold)
{
    static const char *const cats[10] = {
        "Writers and authors",  "Editors",      "Technical writers", "Reporters",
        "News analysts",        "Interpreters", "Proofreaders",      "Public relations",
        "Broadcast announcers", "Photographers"};
    const pk_rgba ink = PK_RGB(0x1A1A1A), muted = PK_RGB(0x666666), grid = PK_RGB(0xDDDDDD);
    pk_scene *s = pk_scene_new(f, 900, 506.25);
    pk_scene_set_text(s, "Median annual wage, writing occupations, May 2024",
                      "Bar chart. Writers and authors $73,150; editors $75,260; technical writers "
                      "$80,050; the lowest, proofreaders, $47,350.");
    pk_scene_group(s, "title");
    pk_scene_text(s, 24, 40, bold, 20, ink, PK_ANCHOR_START,
                  "Writers earn more than most \xE2\x80\x93 editors even more");
    pk_scene_text(s, 24, 62, reg, 12, muted, PK_ANCHOR_START,
                  "Median annual wage, US dollars, May 2024 (BLS OEWS)");
    pk_scene_ungroup(s);
    double x0 = 200, x1 = 860, y0 = 90, y1 = 440;
    pk_scene_group(s, "grid");
    for (int i = 0; i < 6; i++) {
        double x = x0 + (x1 - x0) * i / 5;
        char label[32];
        snprintf(label, sizeof label, "$%d,000", i * 20);
        pk_scene_line(s, x, y0, x, y1, grid, 0.75, i ? 2 : 0);
        pk_scene_text(s, x, y1 + 16, reg, 10, muted, PK_ANCHOR_MIDDLE, label);
    }
    pk_scene_ungroup(s);
    pk_scene_group(s, "bars");
    double bar = (y1 - y0) / 10;
    for (int i = 0; i < 10; i++) {
        double v = 47350 + 3300.0 * ((i * 7) % 10), w = (x1 - x0) * v / 100000;
        double y = y0 + i * bar;
        char label[32];
        snprintf(label, sizeof label, "$%d,%03d", (int)v / 1000, (int)v % 1000);
        pk_scene_rect(s, x0, y + 4, w, bar - 8, i == 0 ? PK_RGB(0xD55E00) : PK_RGB(0x0072B2),
                      PK_NONE, 0);
        pk_scene_text(s, x0 - 8, y + bar / 2 + 4, reg, 11, ink, PK_ANCHOR_END, cats[i]);
        pk_scene_text(s, x0 + w + 6, y + bar / 2 + 4, bold, 11, ink, PK_ANCHOR_START, label);
    }
    pk_scene_ungroup(s);
    pk_scene_line(s, x0, y0, x0, y1, ink, 1, 0);
    pk_scene_line(s, x0, y1, x1, y1, ink, 1, 0);
    pk_scene_line(s, x0 + (x1 - x0) * 0.62, y0, x0 + (x1 - x0) * 0.62, y1, muted, 1, 4);
    double pts[20];
    for (int i = 0; i < 10; i++) {
        pts[2 * i] = x0 + (x1 - x0) * (0.5 + 0.05 * i);
        pts[2 * i + 1] = y0 + i * bar + bar / 2;
    }
    pk_scene_clip(s, x0, y0, x1 - x0, y1 - y0);
    pk_scene_path(s, pts, 10, false, PK_NONE, PK_RGB(0x009E73), 1.5);
    pk_scene_unclip(s);
    pk_scene_rect(s, 600, 470, 10, 10, PK_RGB(0x0072B2), PK_NONE, 0);
    pk_scene_rect(s, 700, 470, 10, 10, PK_RGB(0xD55E00), PK_NONE, 0);
    pk_scene_text(s, 24, 490, reg, 9, muted, PK_ANCHOR_START,
                  "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage "
                  "Statistics \xC2\xB7 presskit");
    pk_scene_text(s, 876, 490, reg, 9, muted, PK_ANCHOR_END, "\xE2\x89\xA5 $100,000 top-coded");
    return s;
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

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 1) runs = 1;
    pk_diag d = PK_DIAG_INIT;
    pk_fonts *f = pk_fonts_new();
    int reg = pk_fonts_load(f, PK_DEFAULT_FAMILY, false, &d);
    int bold = pk_fonts_load(f, PK_DEFAULT_FAMILY, true, &d);
    if (reg < 0 || bold < 0) {
        fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "no fonts");
        return 1;
    }
    pk_scene *s = chart(f, reg, bold);
    size_t n_text = 0;
    for (size_t i = 0; i < s->n_ops; i++)
        n_text += s->ops[i].kind == PK_OP_TEXT;
    printf("scene %g x %g pt (%.0f x %.0f px at 1x): %zu ops, %zu text runs; median of %d runs\n",
           s->width, s->height, s->width * 4 / 3, s->height * 4 / 3, s->n_ops, n_text, runs);

    double *t = calloc((size_t)runs, sizeof *t);
    pk_buf b = PK_BUF_INIT;
    for (int i = 0; i < runs; i++) {
        pk_buf_reset(&b);
        double t0 = pk_bench_now_ms();
        pk_svg_write(s, &b);
        t[i] = pk_bench_now_ms() - t0;
    }
    printf("pk_svg_write       %8.3f ms  %8zu bytes\n", median(t, runs), b.len);
    size_t size1 = 0;
    for (int scale = 1; scale <= 2; scale++) {
        for (int i = 0; i < runs; i++) {
            pk_buf_reset(&b);
            double t0 = pk_bench_now_ms();
            if (pk_png_write(s, scale, &b, &d) != 0) {
                fprintf(stderr, "%s\n", d.msgs[0].text);
                return 1;
            }
            t[i] = pk_bench_now_ms() - t0;
        }
        printf("pk_png_write %dx    %8.3f ms  %8zu bytes\n", scale, median(t, runs), b.len);
        if (scale == 1) size1 = b.len;
    }

    /* the trade-off, on the 1x pixels */
    pk_buf_reset(&b);
    pk_png_write(s, 1, &b, &d);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, b.data, b.len)) return 1;
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
    printf("PNG compression on the 1x pixels (encode only, median of %d; pk_png_write total %zu "
           "bytes adds sRGB and pHYs):\n",
           enc_runs, size1);
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
    pk_scene_free(s);
    pk_fonts_free(f);
    pk_diag_fini(&d);
    return 0;
}
