/* render.h: a scene to a file, the writer chosen by the file name's suffix (as libvips chooses
 * its savers): ".svg" (real text, <title>/<desc>), "@2x.png" (twice the pixels), ".png" (1 pt =
 * 4/3 px: a 900 x 506.25 pt chart is 1200 x 675 px), ".pdf" (one page of the scene's size, in
 * points). Part of reports/. */
#ifndef PK_RENDER_H
#define PK_RENDER_H

#include <stdint.h>

#include "data/buf.h"
#include "data/diag.h"
#include "layouts/scene.h"

/* Renders s as the format `name` ends with into out. Returns 0, or -1 with a message (an
 * unknown suffix is PK_FAIL_USAGE; a painter failure PK_FAIL_IO). */
int pk_render(const pk_scene *s, const char *name, pk_buf *out, pk_diag *d);

/* The SVG writer and the PNG painter, for the benchmarks and tests. pk_png_write is
 * pk_png_draw then pk_png_encode with PK_PNG_AUTO. */
void pk_svg_write(const pk_scene *s, pk_buf *out);
int pk_png_write(const pk_scene *s, double scale, pk_buf *out, pk_diag *d);

/* The scene drawn as the PNG painter draws it, scale times 4/3 px per pt: *width_px x
 * *height_px pixels, each a native-endian uint32 0x00RRGGBB (cairo's RGB24; the top byte is
 * not part of the colour), rows *stride bytes apart. Returns the pixels (the caller frees them),
 * or NULL with a message (PK_FAIL_IO: a size out of range, a font, cairo). */
uint32_t *pk_png_draw(const pk_scene *s, double scale, int *width_px, int *height_px,
                      size_t *stride, pk_diag *d);

typedef enum pk_png_colors {
    PK_PNG_AUTO, /* indexed (8 bits or fewer per pixel) when reports/palette.h finds the image
                    within its bound, else RGB */
    PK_PNG_RGB,  /* always 8-bit RGB: the encoder before palettes, for the benchmark */
} pk_png_colors;

/* Encodes pixels as pk_png_draw returns them as a PNG appended to out, with sRGB, a pHYs of 96
 * dpi times scale (a @2x image prints at the 1x size) and nothing that depends on anything but
 * the pixels (no time chunk): the same pixels give the same bytes. Returns 0, or -1 with a
 * message (PK_FAIL_IO) and out as it was. */
int pk_png_encode(const uint32_t *pixels, size_t stride, int width_px, int height_px, double scale,
                  pk_png_colors colors, pk_buf *out, pk_diag *d);

#endif
