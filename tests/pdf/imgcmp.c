/* imgcmp.c: compares two PNG images of the same size with a pixel tolerance, for the raster
 * check of the PDF painter (the PDF as poppler draws it against cairo's PNG of the same scene).
 *   imgcmp A.png B.png [MAX_BAD_PERMILLE [DIFF_PNG]]
 * Two rasterisers never agree pixel for pixel on antialiased edges, and may place an edge a
 * pixel apart, so a pixel of A counts as bad only when it lies outside the range of the pixels
 * of B within one pixel of it by more than 32 (of 255) in some channel, or the other way round.
 * Prints the bad pixels per thousand and exits 0 when that is at most MAX_BAD_PERMILLE (default 2),
 * 1 when more, 2 on an unreadable file or different sizes. DIFF_PNG, when given, gets the bad
 * pixels in red over a faded A, to look at. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOL = 32 };

static unsigned char *load(const char *path, unsigned *w, unsigned *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        fprintf(stderr, "imgcmp: %s: %s\n", path, img.message);
        return NULL;
    }
    img.format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "imgcmp: %s: %s\n", path, img.message);
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = img.width;
    *h = img.height;
    return px;
}

/* true when pixel (x, y) of a is, in each channel, within the range the pixels of b within one
 * pixel of it span, give or take TOL: an antialiased edge in one image (a blend of the colours
 * on either side) matches an edge snapped to the pixel grid in the other, or moved by a pixel */
static int near(const unsigned char *a, const unsigned char *b, unsigned w, unsigned h, unsigned x,
                unsigned y)
{
    const unsigned char *p = a + 3 * ((size_t)y * w + x);
    int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            long xx = (long)x + dx, yy = (long)y + dy;
            if (xx < 0 || yy < 0 || xx >= (long)w || yy >= (long)h) continue;
            const unsigned char *q = b + 3 * ((size_t)yy * w + (size_t)xx);
            for (int c = 0; c < 3; c++) {
                if (q[c] < lo[c]) lo[c] = q[c];
                if (q[c] > hi[c]) hi[c] = q[c];
            }
        }
    for (int c = 0; c < 3; c++)
        if (p[c] < lo[c] - TOL || p[c] > hi[c] + TOL) return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: imgcmp A.png B.png [MAX_BAD_PERMILLE [DIFF_PNG]]\n");
        return 2;
    }
    double max_bad = argc > 3 ? atof(argv[3]) : 2;
    unsigned wa, ha, wb, hb;
    unsigned char *a = load(argv[1], &wa, &ha), *b = load(argv[2], &wb, &hb);
    if (!a || !b || wa != wb || ha != hb) {
        if (a && b) fprintf(stderr, "imgcmp: %ux%u vs %ux%u\n", wa, ha, wb, hb);
        free(a);
        free(b);
        return 2;
    }
    size_t bad = 0, n = (size_t)wa * ha;
    unsigned char *diff = argc > 4 ? malloc(3 * n) : NULL;
    for (unsigned y = 0; y < ha; y++)
        for (unsigned x = 0; x < wa; x++) {
            size_t i = 3 * ((size_t)y * wa + x);
            int ok = near(a, b, wa, ha, x, y) && near(b, a, wa, ha, x, y);
            bad += !ok;
            if (diff) {
                for (int c = 0; c < 3; c++)
                    diff[i + c] = (unsigned char)(255 - (255 - a[i + c]) / 4);
                if (!ok) diff[i] = 255, diff[i + 1] = 0, diff[i + 2] = 0;
            }
        }
    double permille = 1000.0 * (double)bad / (double)n;
    printf("%ux%u: %zu bad pixels (%.3f per thousand, at most %g)\n", wa, ha, bad, permille,
           max_bad);
    if (diff) {
        png_image img;
        memset(&img, 0, sizeof img);
        img.version = PNG_IMAGE_VERSION;
        img.width = wa;
        img.height = ha;
        img.format = PNG_FORMAT_RGB;
        png_image_write_to_file(&img, argv[4], 0, diff, 0, NULL);
        free(diff);
    }
    free(a);
    free(b);
    return permille <= max_bad ? 0 : 1;
}
