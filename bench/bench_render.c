/* bench_render.c: every chart of the embedded sample (27-4014.00) and the share card, per chart
 * kind: the scene build (charts/), the SVG write, the PNG at 1x (1200 x 675 px) and @2x, each the
 * median of RUNS (default 200) in one process, with the output sizes, and the PNG time of a whole
 * kit (every chart at 1x and @2x, and share.png); then the PNG encoder alone on each chart's
 * drawn pixels, the one in use (indexed when reports/palette.h allows) against the one before
 * (always RGB), and the speed/size trade-off of zlib settings on indexed and on RGB rows of the
 * chart with the most text and of the one with the most colours, through libpng + zlib (the
 * encoder before) and through libdeflate (the one reports/cairo_png.c uses, marked).
 *   bench_render [RUNS]
 * Not a test: a slow machine must not fail the suite. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "bench.h"
#include "data/deflate.h"
#include "data/arena.h"
#include "charts/charts.h"
#include "data/store.h"
#include "reports/kit.h"
#include "reports/palette.h"
#include "reports/render.h"

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, pk_bench_cmp_double);
    return t[n / 2];
}

/* ---- the compression trade-off: libpng settings on the same rows ---- */

typedef struct setting {
    const char *name;
    int level, filters, strategy, mem_level; /* mem_level 0: libpng's, zlib's default 8 */
} setting;

static void write_cb(png_structp png, png_bytep data, size_t n)
{
    pk_buf_add(png_get_io_ptr(png), data, n);
}

static void flush_cb(png_structp png)
{
    (void)png;
}

/* Rows ready for libpng, as cairo_png.c hands them over: RGB, or palette indexes. */
typedef struct rows {
    unsigned char *data; /* owned */
    size_t row_bytes;
    unsigned w, h;
    const pk_palette *pal; /* NULL for RGB */
} rows;

/* Encodes prepared rows as cairo_png.c does (row by row, no time chunk), with setting st. */
static int encode(const rows *r, const setting *st, pk_buf *out)
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
    if (st->mem_level) png_set_compression_mem_level(png, st->mem_level);
    png_set_IHDR(png, info, r->w, r->h, r->pal ? r->pal->bits : 8,
                 r->pal ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    if (r->pal) {
        png_color plte[PK_PALETTE_MAX];
        for (size_t i = 0; i < r->pal->n; i++)
            plte[i] = (png_color){(png_byte)(r->pal->rgb[i] >> 16), (png_byte)(r->pal->rgb[i] >> 8),
                                  (png_byte)r->pal->rgb[i]};
        png_set_PLTE(png, info, plte, (int)r->pal->n);
    }
    png_write_info(png, info);
    for (unsigned y = 0; y < r->h; y++)
        png_write_row(png, r->data + (size_t)y * r->row_bytes);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

/* Drawn pixels of one chart at one scale (pk_png_draw's). */
typedef struct drawn {
    uint32_t *px; /* owned */
    int w, h;
    size_t stride;
} drawn;

static const uint32_t *row_of(const drawn *dr, unsigned y)
{
    return (const uint32_t *)(const void *)((const unsigned char *)dr->px + y * dr->stride);
}

/* The rows of dr as RGB (pal NULL) or as indexes of pal. */
static rows make_rows(const drawn *dr, const pk_palette *pal)
{
    rows r = {NULL, 0, (unsigned)dr->w, (unsigned)dr->h, pal};
    r.row_bytes = pal ? ((size_t)dr->w * (size_t)pal->bits + 7) / 8 : (size_t)dr->w * 3;
    r.data = malloc(r.row_bytes * r.h);
    for (unsigned y = 0; r.data && y < r.h; y++) {
        unsigned char *dst = r.data + y * r.row_bytes;
        if (pal) {
            pk_palette_row(pal, y, y ? dst - r.row_bytes : NULL, dst);
            continue;
        }
        for (int x = 0; x < dr->w; x++) {
            uint32_t v = row_of(dr, y)[x];
            dst[3 * x] = (unsigned char)(v >> 16);
            dst[3 * x + 1] = (unsigned char)(v >> 8);
            dst[3 * x + 2] = (unsigned char)v;
        }
    }
    return r;
}

static const char *kind_name(pk_palette_kind k)
{
    return k == PK_PALETTE_EXACT      ? "exact"
           : k == PK_PALETTE_FREQUENT ? "frequent"
           : k == PK_PALETTE_MERGED   ? "merged"
                                      : "RGB";
}

static const setting pal_settings[] = {
    {"level 1, NONE, memLevel 6 (used)", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 1, NONE, memLevel 7", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 7},
    {"level 1, NONE, memLevel 8 (zlib's default)", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 8},
    {"level 1, NONE, memLevel 9", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 9},
    {"level 1, SUB", 1, PNG_FILTER_SUB, Z_DEFAULT_STRATEGY, 6},
    {"level 1, UP", 1, PNG_FILTER_UP, Z_DEFAULT_STRATEGY, 6},
    {"level 2, NONE", 2, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 3, NONE", 3, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 4, NONE", 4, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 5, NONE", 5, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 6, NONE", 6, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 1, NONE, Z_FILTERED", 1, PNG_FILTER_NONE, Z_FILTERED, 6},
    {"level 1, NONE, Z_RLE", 1, PNG_FILTER_NONE, Z_RLE, 6},
    {"level 1, UP, Z_RLE", 1, PNG_FILTER_UP, Z_RLE, 6},
    {"level 1, SUB, Z_RLE", 1, PNG_FILTER_SUB, Z_RLE, 6},
    {"level 3, UP, Z_FILTERED", 3, PNG_FILTER_UP, Z_FILTERED, 6},
    {"level 6, all filters (libpng default)", 6, PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY, 0},
    {"level 9, NONE", 9, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 0},
};

static const setting rgb_settings[] = {
    {"level 1, NONE (used)", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 0},
    {"level 1, NONE, memLevel 6", 1, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 6},
    {"level 1, SUB", 1, PNG_FILTER_SUB, Z_DEFAULT_STRATEGY, 0},
    {"level 1, UP", 1, PNG_FILTER_UP, Z_DEFAULT_STRATEGY, 0},
    {"level 3, NONE", 3, PNG_FILTER_NONE, Z_DEFAULT_STRATEGY, 0},
    {"level 1, SUB, Z_RLE", 1, PNG_FILTER_SUB, Z_RLE, 0},
    {"level 6, all filters (libpng default)", 6, PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY, 0},
};

/* The trade-off table for one chart's rows. */
static void tradeoff(const char *title, const rows *r, const setting *st, size_t n_st, double *t,
                     int runs)
{
    printf("%s\n", title);
    for (size_t k = 0; k < n_st; k++) {
        pk_buf e = PK_BUF_INIT;
        for (int i = 0; i < runs; i++) {
            pk_buf_reset(&e);
            double t0 = pk_bench_now_ms();
            encode(r, &st[k], &e);
            t[i] = pk_bench_now_ms() - t0;
        }
        printf("  %-40s %8.3f ms  %8zu bytes\n", st[k].name, median(t, runs), e.len);
        pk_buf_fini(&e);
    }
}

/* The same rows through libdeflate (what cairo_png.c uses now): each row's filter byte and its
 * bytes in one buffer, compressed whole, at each level; filter NONE, or SUB / UP applied. */
static void tradeoff_libdeflate(const char *title, const rows *r, double *t, int runs)
{
    static const int levels[] = {1, 2, 3, 4, 6, 9, 12};
    static const struct { const char *name; int type; } filters[] = {{"NONE", 0}, {"SUB", 1}, {"UP", 2}};
    size_t bpp = r->pal ? 1 : 3;
    printf("%s\n", title);
    size_t n = (size_t)r->h * (1 + r->row_bytes);
    unsigned char *raw = malloc(n);
    if (!raw) return;
    for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
        for (unsigned y = 0; y < r->h; y++) {
            const unsigned char *src = r->data + (size_t)y * r->row_bytes;
            const unsigned char *up = y ? src - r->row_bytes : NULL;
            unsigned char *dst = raw + (size_t)y * (1 + r->row_bytes);
            dst[0] = (unsigned char)filters[f].type;
            for (size_t x = 0; x < r->row_bytes; x++) {
                unsigned char a = x >= bpp ? src[x - bpp] : 0, b = up ? up[x] : 0;
                dst[1 + x] = (unsigned char)(src[x] - (filters[f].type == 1 ? a : filters[f].type == 2 ? b : 0));
            }
        }
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
            if (f > 0 && levels[l] != 1) continue;
            pk_buf e = PK_BUF_INIT;
            for (int i = 0; i < runs; i++) {
                pk_buf_reset(&e);
                double t0 = pk_bench_now_ms();
                pk_zlib_compress(raw, n, levels[l], &e);
                t[i] = pk_bench_now_ms() - t0;
            }
            char name[64];
            snprintf(name, sizeof name, "libdeflate level %d, %s%s", levels[l], filters[f].name,
                     levels[l] == 1 && f == 0 ? " (used)" : "");
            printf("  %-40s %8.3f ms  %8zu bytes\n", name, median(t, runs), e.len);
            pk_buf_fini(&e);
        }
    }
    free(raw);
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
    pk_scene *sc = pk_chart_build(c->def, c->r, c->s, c->f, c->st, &d);
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

/* Medians of pk_png_encode on drawn pixels, with colors; the bytes of the last run. */
static double time_encode(const drawn *dr, double scale, pk_png_colors colors, double *t, int runs,
                          size_t *bytes)
{
    pk_buf b = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    for (int i = 0; i < runs; i++) {
        pk_buf_reset(&b);
        double t0 = pk_bench_now_ms();
        pk_png_encode(dr->px, dr->stride, dr->w, dr->h, scale, colors, &b, &d);
        t[i] = pk_bench_now_ms() - t0;
    }
    *bytes = b.len;
    pk_buf_fini(&b);
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
    printf("%-14s %6s %5s %8s %8s %7s %8s %8s %8s %8s\n", "chart", "ops", "texts", "build", "svg",
           "png 1x", "png @2x", "svg B", "png B", "@2x B");
    double *t = calloc((size_t)runs, sizeof *t);
    pk_buf b = PK_BUF_INIT;
    double sum[4] = {0}, worst_png = 0, worst_svg = 0, kit_png = 0;
    size_t kit_bytes = 0;
    /* the drawn pixels of every kind at 1x and @2x, for the encoder tables */
    drawn px[32][2];
    size_t most_text = 0, most_colors = 0, k_text = 0, k_colors = 0;
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
        size_t svg_bytes = b.len, png_bytes[2] = {0};
        bool share = strcmp(kinds[k].name, "share card") == 0;
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
            png_bytes[scale - 1] = b.len;
            drawn *dr = &px[k][scale - 1];
            dr->px = pk_png_draw(sc, scale, &dr->w, &dr->h, &dr->stride, &d);
            if (!dr->px) return 1;
            if (!share || scale == 1) { /* a kit has share.png, no share@2x.png */
                kit_png += med[1 + scale];
                kit_bytes += b.len;
            }
        }
        if (n_text > most_text && !share) most_text = n_text, k_text = k;
        pk_palette pal;
        pk_palette_init(&pal, px[k][0].px, px[k][0].stride, (size_t)px[k][0].w, (size_t)px[k][0].h);
        if (pal.colors > most_colors && !share) most_colors = pal.colors, k_colors = k;
        pk_palette_fini(&pal);
        printf("%-14s %6zu %5zu %8.3f %8.3f %7.3f %8.3f %8zu %8zu %8zu\n", kinds[k].name, sc->n_ops,
               n_text, med[0], med[1], med[2], med[3], svg_bytes, png_bytes[0], png_bytes[1]);
        for (int i = 0; i < 4; i++)
            sum[i] += med[i];
        if (med[2] > worst_png) worst_png = med[2];
        if (med[1] > worst_svg) worst_svg = med[1];
        pk_scene_free(sc);
    }
    printf("%-14s %6s %5s %8.3f %8.3f %7.3f %8.3f   (sum over %zu kinds)\n", "all", "", "", sum[0],
           sum[1], sum[2], sum[3], nk);
    printf("slowest: SVG %.3f ms, PNG 1x %.3f ms\n", worst_svg, worst_png);
    printf("PNG of one kit (every chart at 1x and @2x, share.png): %.1f ms, %zu bytes\n", kit_png,
           kit_bytes);

    /* the compressors on a whole kit's images (every chart at 1x and @2x, share.png at 1x), each
     * image's rows filtered with NONE in one buffer, as cairo_png.c compresses them */
    {
        unsigned char *raws[64];
        size_t lens[64], rowl[64], pix[64], n_raw = 0;
        for (size_t k = 0; k < nk; k++) {
            for (int sc = 0; sc < 2; sc++) {
                if (sc == 1 && strcmp(kinds[k].name, "share card") == 0) continue;
                const drawn *dr = &px[k][sc];
                pk_palette pal;
                pk_palette_init(&pal, dr->px, dr->stride, (size_t)dr->w, (size_t)dr->h);
                rows rr = make_rows(dr, pal.kind != PK_PALETTE_NONE ? &pal : NULL);
                size_t n = (size_t)rr.h * (1 + rr.row_bytes);
                unsigned char *raw = malloc(n);
                for (unsigned y = 0; raw && y < rr.h; y++) {
                    raw[(size_t)y * (1 + rr.row_bytes)] = 0;
                    memcpy(raw + (size_t)y * (1 + rr.row_bytes) + 1, rr.data + (size_t)y * rr.row_bytes,
                           rr.row_bytes);
                }
                free(rr.data);
                pk_palette_fini(&pal);
                if (raw)
                    raws[n_raw] = raw, rowl[n_raw] = 1 + rr.row_bytes, pix[n_raw] = rr.pal ? 1 : 3,
                    lens[n_raw++] = n;
            }
        }
        int kr = runs < 9 ? runs : 9;
        printf("\ncompressing one kit's %zu images (rows filtered NONE, whole buffers; median of %d):\n",
               n_raw, kr);
        static const struct { const char *name; int lib, level, mem, strategy, raw; } cs[] = {
            {"presskit's rows encoder (used)", 2, 0, 0, 0, 0},
            {"zlib level 1, memLevel 8", 0, 1, 8, Z_DEFAULT_STRATEGY, 0},
            {"zlib level 1, memLevel 9", 0, 1, 9, Z_DEFAULT_STRATEGY, 0},
            {"zlib level 1, memLevel 9, libdeflate adler32", 0, 1, 9, Z_DEFAULT_STRATEGY, 1},
            {"zlib level 2, memLevel 9, libdeflate adler32", 0, 2, 9, Z_DEFAULT_STRATEGY, 1},
            {"zlib Z_RLE, libdeflate adler32", 0, 1, 9, Z_RLE, 1},
            {"libdeflate level 1", 1, 1, 0, 0, 0},
            {"libdeflate level 2", 1, 2, 0, 0, 0},
            {"libdeflate level 3", 1, 3, 0, 0, 0},
            {"libdeflate level 4", 1, 4, 0, 0, 0},
            {"libdeflate level 6", 1, 6, 0, 0, 0},
        };
        for (size_t c = 0; c < sizeof cs / sizeof *cs; c++) {
            size_t total = 0;
            for (int i = 0; i < kr; i++) {
                total = 0;
                double t0 = pk_bench_now_ms();
                for (size_t j = 0; j < n_raw; j++) {
                    pk_buf e = PK_BUF_INIT;
                    if (cs[c].lib == 2) {
                        pk_zlib_compress_rows(raws[j], lens[j], rowl[j], pix[j], &e);
                    } else if (cs[c].lib) {
                        pk_zlib_compress(raws[j], lens[j], cs[c].level, &e);
                    } else {
                        z_stream z = {0};
                        deflateInit2(&z, cs[c].level, Z_DEFLATED, cs[c].raw ? -15 : 15, cs[c].mem,
                                     cs[c].strategy);
                        pk_buf_reserve(&e, deflateBound(&z, lens[j]) + 6);
                        z.next_in = raws[j];
                        z.avail_in = (uInt)lens[j];
                        z.next_out = (Bytef *)e.data + (cs[c].raw ? 2 : 0);
                        z.avail_out = (uInt)(e.cap - 8);
                        deflate(&z, Z_FINISH);
                        e.len = z.total_out + (cs[c].raw ? 6 : 0);
                        if (cs[c].raw) pk_adler32(1, raws[j], lens[j]);
                        deflateEnd(&z);
                    }
                    total += e.len;
                    pk_buf_fini(&e);
                }
                t[i] = pk_bench_now_ms() - t0;
            }
            printf("  %-46s %8.2f ms %9zu bytes\n", cs[c].name, median(t, kr), total);
        }
        for (size_t j = 0; j < n_raw; j++) free(raws[j]);
    }

    /* the encoder alone: the one in use against the one before, on the same drawn pixels */
    printf("\nPNG encoding alone (pk_png_encode on the drawn pixels; median ms, bytes): new = "
           "indexed when\nreports/palette.h allows, else RGB; old = RGB, level 1, no filter\n");
    printf("%-14s %-8s %6s %7s %4s | %7s %7s %7s %7s | %7s %7s %7s %7s\n", "chart", "palette",
           "colors", "changed", "err", "1x new", "old", "new B", "old B", "2x new", "old", "new B",
           "old B");
    double enc_sum[2][2] = {{0}}, kit_enc[2] = {0};
    size_t enc_bytes[2][2] = {{0}}, kit_enc_bytes[2] = {0};
    for (size_t k = 0; k < nk; k++) {
        bool share = strcmp(kinds[k].name, "share card") == 0;
        for (int scale = 1; scale <= 2; scale++) {
            const drawn *dr = &px[k][scale - 1];
            pk_palette pal;
            pk_palette_init(&pal, dr->px, dr->stride, (size_t)dr->w, (size_t)dr->h);
            if (scale == 1)
                printf("%-14s %-8s %6zu %7zu %4d |", kinds[k].name, kind_name(pal.kind), pal.colors,
                       pal.changed_px, pal.max_err);
            else
                printf(" |");
            pk_palette_fini(&pal);
            double ms[2];
            size_t bytes[2];
            for (int old = 0; old <= 1; old++) {
                ms[old] =
                    time_encode(dr, scale, old ? PK_PNG_RGB : PK_PNG_AUTO, t, runs, &bytes[old]);
                enc_sum[scale - 1][old] += ms[old];
                enc_bytes[scale - 1][old] += bytes[old];
                if (!share || scale == 1) kit_enc[old] += ms[old], kit_enc_bytes[old] += bytes[old];
            }
            printf(" %7.3f %7.3f %7zu %7zu", ms[0], ms[1], bytes[0], bytes[1]);
        }
        printf("\n");
    }
    printf("%-14s %-8s %6s %7s %4s | %7.3f %7.3f %7zu %7zu | %7.3f %7.3f %7zu %7zu\n", "all", "",
           "", "", "", enc_sum[0][0], enc_sum[0][1], enc_bytes[0][0], enc_bytes[0][1],
           enc_sum[1][0], enc_sum[1][1], enc_bytes[1][0], enc_bytes[1][1]);
    printf("encoding one kit's PNGs (every chart at 1x and @2x, share.png): new %.1f ms, %zu "
           "bytes; old %.1f ms, %zu bytes\n",
           kit_enc[0], kit_enc_bytes[0], kit_enc[1], kit_enc_bytes[1]);

    /* the trade-off, on the 1x rows of the chart with the most text and of the one with the
     * most colours */
    int enc_runs = runs < 50 ? runs : 50;
    size_t picks[2] = {k_text, k_colors};
    for (int i = 0; i < (k_text == k_colors ? 1 : 2); i++) {
        const drawn *dr = &px[picks[i]][0];
        pk_palette pal;
        pk_palette_init(&pal, dr->px, dr->stride, (size_t)dr->w, (size_t)dr->h);
        char title[200];
        if (pal.kind != PK_PALETTE_NONE) {
            rows ir = make_rows(dr, &pal);
            snprintf(title, sizeof title,
                     "\nzlib settings on the 1x indexed rows of \"%s\" (%zu entries, %d bits; "
                     "libpng + zlib only, median of %d):",
                     kinds[picks[i]].name, pal.n, pal.bits, enc_runs);
            if (ir.data) {
                tradeoff(title, &ir, pal_settings, sizeof pal_settings / sizeof *pal_settings, t,
                         enc_runs);
                snprintf(title, sizeof title, "the same indexed rows through libdeflate "
                                              "(whole buffer, as cairo_png.c now):");
                tradeoff_libdeflate(title, &ir, t, enc_runs);
            }
            free(ir.data);
        }
        rows rr = make_rows(dr, NULL);
        snprintf(title, sizeof title, "zlib settings on the 1x RGB rows of \"%s\" (the fallback):",
                 kinds[picks[i]].name);
        if (rr.data) {
            tradeoff(title, &rr, rgb_settings, sizeof rgb_settings / sizeof *rgb_settings, t,
                     enc_runs);
            tradeoff_libdeflate("the same RGB rows through libdeflate:", &rr, t, enc_runs);
        }
        free(rr.data);
        pk_palette_fini(&pal);
    }
    for (size_t k = 0; k < nk; k++)
        free(px[k][0].px), free(px[k][1].px);
    free(t);
    pk_buf_fini(&b);
    pk_kit_fini(&kit);
    pk_record_free(r);
    pk_store_free(store);
    pk_fonts_free(f);
    pk_diag_fini(&d);
    return 0;
}
