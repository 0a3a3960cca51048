/* image.c: a logo checked as the PDF painter will decode it; see image.h. */
#include "layouts/image.h"

#include <png.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"

const char *pk_image_jpeg_problem(const unsigned char *p, size_t n, unsigned *w, unsigned *h,
                                  unsigned *comps)
{
    bool frame = false;
    size_t i = 2;
    if (n < 4 || p[0] != 0xFF || p[1] != 0xD8) return "no JPEG start marker";
    for (;;) {
        while (i + 1 < n && p[i] == 0xFF && p[i + 1] == 0xFF)
            i++; /* fill bytes */
        if (i + 4 > n || p[i] != 0xFF) return "a truncated or malformed segment";
        unsigned m = p[i + 1];
        if (m == 0xD9 || m == 0xD8) return "no image data";
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        size_t seg = (size_t)p[i + 2] << 8 | p[i + 3];
        if (seg < 2 || i + 2 + seg > n) return "a truncated segment";
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (m > 0xC2) return "an unsupported coding (lossless, hierarchical or arithmetic)";
            unsigned nc = seg >= 8 ? p[i + 9] : 0;
            if (seg < 8 || p[i + 4] != 8 || (p[i + 5] == 0 && p[i + 6] == 0) ||
                (p[i + 7] == 0 && p[i + 8] == 0) || !(nc == 1 || nc == 3 || nc == 4))
                return "an unsupported frame (expected 8-bit samples in 1, 3 or 4 components)";
            if (h) *h = (unsigned)p[i + 5] << 8 | p[i + 6];
            if (w) *w = (unsigned)p[i + 7] << 8 | p[i + 8];
            if (comps) *comps = nc;
            frame = true;
        }
        if (m == 0xDA) break; /* start of scan: entropy-coded data follows */
        i += 2 + seg;
    }
    if (!frame) return "no frame header before the scan";
    for (size_t j = n; j >= i + 2; j--)
        if (p[j - 2] == 0xFF && p[j - 1] == 0xD9) return NULL;
    return "no end marker (truncated)";
}

static bool too_large(unsigned w, unsigned h)
{
    return w > PK_IMAGE_MAX_SIDE || h > PK_IMAGE_MAX_SIDE ||
           (uint64_t)w * h > PK_IMAGE_MAX_PIXELS;
}

pk_image_verdict pk_image_png_decode(const unsigned char *b, size_t n, pk_image_pixels *out,
                                     pk_buf *why)
{
    memset(out, 0, sizeof *out);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, b, n)) {
        pk_buf_printf(why, "libpng: %s", img.message);
        png_image_free(&img);
        return PK_IMAGE_BROKEN;
    }
    out->width_px = img.width, out->height_px = img.height;
    if (too_large(img.width, img.height)) {
        png_image_free(&img);
        return PK_IMAGE_TOO_LARGE;
    }
    out->color = img.format & PNG_FORMAT_FLAG_COLOR;
    out->alpha = img.format & PNG_FORMAT_FLAG_ALPHA;
    img.format = (out->color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) |
                 (out->alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
    out->channels = (out->color ? 3 : 1) + (out->alpha ? 1 : 0);
    /* decoded whole: every chunk's CRC and the whole compressed stream are read */
    out->pixels = pk_xmalloc(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, NULL, out->pixels, 0, NULL)) {
        pk_buf_printf(why, "libpng: %s", img.message);
        png_image_free(&img);
        free(out->pixels);
        out->pixels = NULL;
        return PK_IMAGE_BROKEN;
    }
    return PK_IMAGE_OK;
}

pk_image_verdict pk_image_check(const unsigned char *b, size_t n, pk_image_fmt *fmt, unsigned *w,
                                unsigned *h, unsigned *comps, pk_buf *why)
{
    *w = *h = 0;
    if (comps) *comps = 0;
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
        *fmt = PK_IMAGE_PNG;
        pk_image_pixels px;
        pk_image_verdict v = pk_image_png_decode(b, n, &px, why);
        *w = px.width_px, *h = px.height_px;
        free(px.pixels);
        return v;
    }
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xD8) {
        *fmt = PK_IMAGE_JPEG;
        const char *p = pk_image_jpeg_problem(b, n, w, h, comps);
        if (p) {
            pk_buf_adds(why, p);
            return PK_IMAGE_BROKEN;
        }
        if (*w == 0 || *h == 0) return PK_IMAGE_NO_SIZE;
        return too_large(*w, *h) ? PK_IMAGE_TOO_LARGE : PK_IMAGE_OK;
    }
    return PK_IMAGE_NOT_AN_IMAGE;
}
