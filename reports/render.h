/* render.h: a scene to a file, the writer chosen by the file name's suffix (as libvips chooses
 * its savers): ".svg" (real text, <title>/<desc>), "@2x.png" (twice the pixels), ".png" (1 pt =
 * 4/3 px: a 900 x 506.25 pt chart is 1200 x 675 px), ".pdf" (one page of the scene's size, in
 * points). Part of reports/. */
#ifndef PK_RENDER_H
#define PK_RENDER_H

#include "data/buf.h"
#include "data/diag.h"
#include "layouts/scene.h"

/* Renders s as the format `name` ends with into out. Returns 0, or -1 with a message (an
 * unknown suffix is PK_FAIL_USAGE; a painter failure PK_FAIL_IO). */
int pk_render(const pk_scene *s, const char *name, pk_buf *out, pk_diag *d);

/* The SVG writer and the PNG encoder, for the benchmarks and tests. */
void pk_svg_write(const pk_scene *s, pk_buf *out);
int pk_png_write(const pk_scene *s, double scale, pk_buf *out, pk_diag *d);

#endif
