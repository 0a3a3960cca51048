/* render.c: a scene to bytes, the writer chosen by the output name's suffix from one table (as
 * libvips chooses its savers); see render.h. Part of reports/. */
#include "reports/render.h"

#include <stdlib.h>
#include <string.h>

#include "data/arena.h"

#include "reports/pdf.h"

static int write_svg(const pk_scene *s, double scale, pk_buf *out, pk_diag *d)
{
    (void)scale;
    (void)d;
    pk_svg_write(s, out);
    return 0;
}

static int write_png(const pk_scene *s, double scale, pk_buf *out, pk_diag *d)
{
    return pk_png_write(s, scale, out, d);
}

/* One scene, one page; the document info carries the chart's title and alt text. Tagged
 * (PDF/UA-1): the chart is one Figure, its /Alt the chart's alt text (the page background an
 * artifact), so every op is given the Figure's tag, on a copy of the op list. */
static int write_pdf(const pk_scene *s, double scale, pk_buf *out, pk_diag *d)
{
    (void)scale;
    const char *alt = s->desc && s->desc[0] ? s->desc : s->title;
    const pk_pdf_elem el[] = {{"Document", 0, NULL, NULL}, {"Figure", 0, alt, NULL}};
    pk_scene fig = *s;
    pk_op *ops = s->n_ops ? pk_xcalloc(s->n_ops, sizeof *ops) : NULL;
    for (size_t i = 0; i < s->n_ops; i++) ops[i] = s->ops[i], ops[i].tag = 1;
    fig.ops = ops;
    const pk_scene *page = &fig;
    pk_pdf_info info = {.title = s->title, .subject = s->desc};
    if (alt && alt[0]) info.elems = el, info.n_elems = 2; /* PDF/UA wants alt text on a Figure */
    int rc = pk_pdf_write(&page, 1, &info, out, d);
    free(ops);
    return rc;
}

/* The formats. The longest matching suffix wins, so "@2x.png" is never taken for ".png"
 * whatever the order here. */
static const struct writer {
    const char *suffix;
    int (*write)(const pk_scene *s, double scale, pk_buf *out, pk_diag *d);
    double scale;
} writers[] = {
    {"@2x.png", write_png, 2},
    {".png", write_png, 1},
    {".svg", write_svg, 1},
    {".pdf", write_pdf, 1},
};

/* true when name ends with suffix, ASCII letters in any case ("CHART.PNG" is a PNG) */
static bool ends_with(const char *name, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    if (n > len) return false;
    const char *p = name + len - n;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

int pk_render(const pk_scene *s, const char *name, pk_buf *out, pk_diag *d)
{
    size_t len = strlen(name);
    const struct writer *w = NULL;
    for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
        if (ends_with(name, len, writers[i].suffix) &&
            (!w || strlen(writers[i].suffix) > strlen(w->suffix)))
            w = &writers[i];
    if (!w)
        return pk_diag_add(d, PK_FAIL_USAGE,
                           "%s: error: unknown format (expected .svg, .png, @2x.png or .pdf)", name);
    /* The painters know no file name: their messages ("error: cairo: ...") get it here, so each
     * reads "NAME: error: ...", as every message does. */
    pk_diag local = PK_DIAG_INIT;
    int rc = w->write(s, w->scale, out, &local);
    for (size_t i = 0; i < local.n; i++)
        pk_diag_add(d, local.msgs[i].kind, "%s: %s", name, local.msgs[i].text);
    if (rc != 0 && local.n == 0) pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot render", name);
    pk_diag_fini(&local);
    return rc;
}
