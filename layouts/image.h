/* image.h: what the PDF painter will make of a logo's bytes, checked once when the template is
 * read, so that a logo no brief can show is the template's error (by JSON path), not every
 * brief's. PNG is decoded whole with libpng's simplified API (the decoder the PDF painter uses:
 * a bad CRC, a broken zlib stream or a short IDAT are found here); JPEG gets the structural check
 * the painter makes before libharu copies it into the PDF. Part of layouts/. */
#ifndef PK_IMAGE_H
#define PK_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "layouts/scene.h"

/* The most pixels an image may have: a logo, not a poster (160 MB of RGBA when decoded). */
#define PK_IMAGE_MAX_PIXELS (40u * 1000u * 1000u)
/* The longest side, in pixels. */
#define PK_IMAGE_MAX_SIDE 20000u

/* The JPEG check alone: SOI, well-formed segments up to a baseline or progressive frame of 8-bit
 * samples in 1, 3 or 4 components, a scan, and an EOI after it. NULL when whole, or why not
 * ("a truncated segment"); with w and h (may be NULL) the frame's size, with comps (may be NULL)
 * its components (4: CMYK). */
const char *pk_image_jpeg_problem(const unsigned char *p, size_t n, unsigned *w, unsigned *h,
                                  unsigned *comps);

typedef enum pk_image_verdict {
    PK_IMAGE_OK,
    PK_IMAGE_NOT_AN_IMAGE, /* neither a PNG nor a JPEG signature */
    PK_IMAGE_BROKEN,       /* why: what the decoder says */
    PK_IMAGE_TOO_LARGE,    /* *w x *h over PK_IMAGE_MAX_PIXELS or PK_IMAGE_MAX_SIDE */
    PK_IMAGE_NO_SIZE,      /* a width or height of 0 */
} pk_image_verdict;

/* A decoded PNG: 8-bit samples, grey or RGB, with alpha interleaved last when the file has it. */
typedef struct pk_image_pixels {
    unsigned width_px, height_px;
    bool color, alpha;
    size_t channels;       /* 1 to 4 */
    unsigned char *pixels; /* owned (malloc): width_px * height_px * channels bytes */
} pk_image_pixels;

/* Decodes a PNG with libpng's simplified API, which reports a broken file instead of aborting
 * (libharu's own PNG loader lets libpng abort the process on a corrupt file, and does not check
 * width * height for overflow). PK_IMAGE_OK with *out filled (free out->pixels); otherwise
 * PK_IMAGE_BROKEN with the reason in why ("libpng: IDAT: CRC error"), or PK_IMAGE_TOO_LARGE with
 * the size in out before any pixel is decoded. The one file that includes png.h besides the
 * cairo painter. */
pk_image_verdict pk_image_png_decode(const unsigned char *b, size_t n, pk_image_pixels *out,
                                     pk_buf *why);

/* Checks the bytes of a PNG or JPEG as the PDF painter will read them. *fmt, *w and *h are set
 * once known, and *comps (may be NULL) for a JPEG (4: CMYK; 0 for a PNG); `why` gets the
 * decoder's reason for PK_IMAGE_BROKEN. */
pk_image_verdict pk_image_check(const unsigned char *b, size_t n, pk_image_fmt *fmt, unsigned *w,
                                unsigned *h, unsigned *comps, pk_buf *why);

#endif
