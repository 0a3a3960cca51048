/* pngcmp.c: PNG goldens compared by their pixels, with a tolerance, for tests/charts/run.sh.
 *   pngcmp GOLDEN.png NEW.png      exit 0 when the images match (below), 1 when not, 2 on error
 *   pngcmp --write OUT.png IN.png  writes IN's pixels to OUT, compressed as far as zlib goes
 *                                  (goldens are kept small in the repository; the pixels are
 *                                  what counts)
 * Two images match when they have the same size and at most 0.1% of their pixels differ by more
 * than 48 (of 255) in any channel. A font renderer's or zlib's upgrade moves antialiased edges by
 * a few levels (well under 48), and those differences are everywhere; a label moved or a bar
 * recoloured changes pixels by far more. The SVG goldens pin the layout itself byte for byte. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHANNEL_TOLERANCE = 48 };
static const double MAX_DIFFERING = 0.001; /* share of the pixels */

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
    /* zlib's level 9 without filters: on flat colours and antialiased text no filter leaves the
     * fewest literals (see reports/cairo_png.c), and the goldens are about a fifth smaller than the kit's */
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

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--write") == 0) return write_small(argv[2], argv[3]);
    if (argc != 3) {
        fprintf(stderr, "usage: pngcmp GOLDEN.png NEW.png | pngcmp --write OUT.png IN.png\n");
        return 2;
    }
    png_image a, b;
    unsigned char *pa = load(argv[1], &a);
    unsigned char *pb = pa ? load(argv[2], &b) : NULL;
    if (!pa || !pb) {
        free(pa);
        return 2;
    }
    int rc = 0;
    if (a.width != b.width || a.height != b.height) {
        printf("%s: %ux%u px, the golden is %ux%u px\n", argv[2], b.width, b.height, a.width,
               a.height);
        rc = 1;
    } else {
        size_t n = (size_t)a.width * a.height, differ = 0;
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
        rc = (double)differ > MAX_DIFFERING * (double)n;
        printf("%s: %zu of %zu pixels differ by more than %d (largest difference %d)%s\n", argv[2],
               differ, n, CHANNEL_TOLERANCE, max, rc ? ": too many" : "");
    }
    free(pa);
    free(pb);
    return rc;
}
