/* pngcmp.c: PNG goldens compared by their pixels, with a tolerance, for tests/charts/run.sh.
 *   pngcmp GOLDEN.png NEW.png      exit 0 when the images match (below), 1 when not, 2 on error
 *   pngcmp --write OUT.png IN.png  writes IN's pixels to OUT, compressed as far as zlib goes
 *                                  (goldens are kept small in the repository; the pixels are
 *                                  what counts)
 *   pngcmp --selftest GOLDEN.png   checks that the tolerance tells breakage from noise on that
 *                                  image: exit 0 when each broken copy (below) fails and each
 *                                  harmless one passes, 1 when not
 * Two images match when they have the same size and at most 0.1% of their pixels differ by more
 * than 48 (of 255) in any channel. A font renderer's or zlib's upgrade moves antialiased edges by
 * a few levels (well under 48), and those differences are everywhere; a label moved or a bar
 * recoloured changes pixels by far more. The kit's PNGs may be palette images: the encoder moves
 * a pixel by at most 16 levels (reports/palette.h), so a remapped pixel never counts as
 * different and the whole 0.1% stays for real differences. The SVG goldens pin the layout
 * itself byte for byte (a single short label moved by a pixel is under 0.1% of the pixels). */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHANNEL_TOLERANCE = 48 };
static const double MAX_DIFFERING = 0.001; /* share of the pixels */

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* The RGB pixels of a PNG file (malloc'd), or NULL with a message. */
static unsigned char *load(const char *path, png_image *img)
{
    memset(img, 0, sizeof *img);
    img->version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(img, path)) {
        fprintf(stderr, "pngcmp: %s: %s\n", path, img->message);
        return NULL;
    }
    img->format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(*img));
    if (!px || !png_image_finish_read(img, NULL, px, 0, NULL)) {
        fprintf(stderr, "pngcmp: %s: %s\n", path, px ? img->message : "out of memory");
        free(px);
        png_image_free(img);
        return NULL;
    }
    return px;
}

static int write_small(const char *out, const char *in)
{
    png_image img;
    unsigned char *px = load(in, &img);
    if (!px) return 2;
    /* zlib's level 9 without filters, in RGB whatever the kit's encoder does: on flat colours
     * and antialiased text no filter leaves the fewest literals (see reports/cairo_png.c); the
     * goldens keep the pixels as drawn, so a comparison also sees what the kit's palette
     * changed */
    FILE *f = fopen(out, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int rc = 2;
    if (!f || !info) goto done;
    if (setjmp(png_jmpbuf(png))) goto done;
    png_init_io(png, f);
    png_set_compression_level(png, 9);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, img.width, img.height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < img.height; y++)
        png_write_row(png, px + (size_t)y * img.width * 3);
    png_write_end(png, NULL);
    rc = 0;
done:
    if (rc) fprintf(stderr, "pngcmp: cannot write %s\n", out);
    png_destroy_write_struct(&png, &info);
    if (f && fclose(f) != 0) rc = 2;
    free(px);
    return rc;
}

/* 0 when the RGB pixels b match a (see the top), 1 when not; says why on out (NULL: quiet). */
static int compare(const unsigned char *pa, const unsigned char *pb, unsigned aw, unsigned ah,
                   unsigned bw, unsigned bh, const char *name, FILE *out)
{
    if (aw != bw || ah != bh) {
        if (out) fprintf(out, "%s: %ux%u px, the golden is %ux%u px\n", name, bw, bh, aw, ah);
        return 1;
    }
    size_t n = (size_t)aw * ah, differ = 0;
    int max = 0;
    for (size_t i = 0; i < n; i++) {
        int worst = 0;
        for (int k = 0; k < 3; k++) {
            int dlt = abs(pa[3 * i + k] - pb[3 * i + k]);
            worst = dlt > worst ? dlt : worst;
        }
        max = worst > max ? worst : max;
        differ += worst > CHANNEL_TOLERANCE;
    }
    int rc = (double)differ > MAX_DIFFERING * (double)n;
    if (out)
        fprintf(out, "%s: %zu of %zu pixels differ by more than %d (largest difference %d)%s\n",
                name, differ, n, CHANNEL_TOLERANCE, max, rc ? ": too many" : "");
    return rc;
}

/* The most frequent colour (the background) and the second (a chart's main fill), by a sort of
 * the pixels' colours. */
static void two_most_frequent(const unsigned char *px, size_t n, unsigned *first, unsigned *second)
{
    unsigned *c = malloc(n * sizeof *c);
    for (size_t i = 0; c && i < n; i++)
        c[i] = (unsigned)px[3 * i] << 16 | (unsigned)px[3 * i + 1] << 8 | px[3 * i + 2];
    if (c) qsort(c, n, sizeof *c, cmp_unsigned);
    size_t best[2] = {0, 0};
    unsigned col[2] = {0xFFFFFF, 0xFFFFFF};
    for (size_t i = 0, j; c && i < n; i = j) {
        for (j = i; j < n && c[j] == c[i]; j++) {
        }
        if (j - i > best[0]) {
            best[1] = best[0], col[1] = col[0];
            best[0] = j - i, col[0] = c[i];
        } else if (j - i > best[1]) {
            best[1] = j - i, col[1] = c[i];
        }
    }
    free(c);
    *first = col[0];
    *second = col[1];
}

/* Copies of the golden, broken as a painter could break a chart and changed as harmlessly as the
 * encoder may: the comparison must fail the former and pass the latter. */
static int selftest(const char *path)
{
    png_image img;
    unsigned char *pa = load(path, &img);
    if (!pa) return 2;
    unsigned w = img.width, h = img.height;
    size_t n = (size_t)w * h;
    unsigned char *pb = malloc(n * 3);
    if (!pb) return 2;
    unsigned bg, fill;
    two_most_frequent(pa, n, &bg, &fill);
    int bad = 0;
    for (int t = 0; t < 5; t++) {
        memcpy(pb, pa, n * 3);
        const char *what = "";
        int want = 1;
        if (t == 0) {
            what = "the same pixels", want = 0;
        } else if (t == 1) { /* the encoder's bound: 16 levels, on one pixel in 200 */
            what = "one pixel in 200 moved by 16 levels", want = 0;
            for (size_t i = 0; i < n; i += 200)
                for (int k = 0; k < 3; k++)
                    pb[3 * i + k] = (unsigned char)(pa[3 * i + k] < 128 ? pa[3 * i + k] + 16
                                                                        : pa[3 * i + k] - 16);
        } else if (t == 2) {
            what = "everything drawn one pixel to the right";
            for (unsigned y = 0; y < h; y++)
                memmove(pb + ((size_t)y * w + 1) * 3, pa + (size_t)y * w * 3, (size_t)(w - 1) * 3);
        } else if (t == 3) {
            what = "the main fill recoloured";
            for (size_t i = 0; i < n; i++)
                if (((unsigned)pa[3 * i] << 16 | (unsigned)pa[3 * i + 1] << 8 | pa[3 * i + 2]) ==
                    fill)
                    pb[3 * i] = (unsigned char)(pa[3 * i] ^ 0x80);
        } else {
            what = "no text (every dark pixel the background)";
            for (size_t i = 0; i < n; i++) {
                if (pa[3 * i] >= 0x60 || pa[3 * i + 1] >= 0x60 || pa[3 * i + 2] >= 0x60) continue;
                pb[3 * i] = (unsigned char)(bg >> 16);
                pb[3 * i + 1] = (unsigned char)(bg >> 8);
                pb[3 * i + 2] = (unsigned char)bg;
            }
        }
        int got = compare(pa, pb, w, h, w, h, path, NULL);
        if (got != want) {
            printf("%s: %s: the comparison %s\n", path, what, got ? "fails" : "passes");
            bad = 1;
        }
    }
    free(pa);
    free(pb);
    png_image_free(&img);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--write") == 0) return write_small(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "--selftest") == 0) return selftest(argv[2]);
    if (argc != 3) {
        fprintf(stderr, "usage: pngcmp GOLDEN.png NEW.png | pngcmp --write OUT.png IN.png | "
                        "pngcmp --selftest GOLDEN.png\n");
        return 2;
    }
    png_image a, b;
    unsigned char *pa = load(argv[1], &a);
    unsigned char *pb = pa ? load(argv[2], &b) : NULL;
    if (!pa || !pb) {
        free(pa);
        return 2;
    }
    int rc = compare(pa, pb, a.width, a.height, b.width, b.height, argv[2], stdout);
    free(pa);
    free(pb);
    return rc;
}
