/* pdf_doc.c: the PDF painter's document, its top floor. pk_pdf_write: the pages checked, the
 * libharu document made (its errors to pdf_error.c's callback), the fonts collected and
 * embedded (pdf_font.c), each scene painted as a page (pdf_content.c), the information
 * dictionary set, and the bytes written (pdf_write.c). Owns pdf_doc; see pdf_internal.h. Part
 * of reports/; pk_paint (layouts/scene.c) drives the painter. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/utf8.h"
#include "reports/pdf_internal.h"

static void set_info(pdf_doc *doc, const pk_pdf_info *info)
{
    pk_buf t = PK_BUF_INIT;
    if (info) {
        const struct {
            HPDF_InfoType type;
            const char *value;
        } fields[] = {{HPDF_INFO_TITLE, info->title},
                      {HPDF_INFO_SUBJECT, info->subject},
                      {HPDF_INFO_AUTHOR, info->author},
                      {HPDF_INFO_KEYWORDS, info->keywords}};
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            if (fields[i].value && fields[i].value[0])
                HPDF_SetInfoAttr(doc->pdf, fields[i].type, pk_pdf_clean_text(&t, fields[i].value));
    }
    HPDF_SetInfoAttr(doc->pdf, HPDF_INFO_CREATOR, "presskit " PRESSKIT_VERSION);
    /* Producer stays libharu's own ("Haru Free PDF Library 2.3.0"): it made the file. No date
     * unless the build asks for one, so the bytes depend only on the input. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && strlen(sde) < 12 && strspn(sde, "0123456789") == strlen(sde)) {
        time_t t0 = (time_t)strtoll(sde, NULL, 10);
        struct tm tm;
        if (gmtime_r(&t0, &tm) && tm.tm_year + 1900 <= 9999) {
            HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec,         'Z',           0,          0};
            HPDF_SetInfoDateAttr(doc->pdf, HPDF_INFO_CREATION_DATE, date);
        }
    }
    pk_buf_fini(&t);
}

/* ---- the document ---- */

static void *hpdf_alloc(HPDF_UINT size)
{
    return pk_xmalloc(size);
}

static void hpdf_free(void *p)
{
    free(p);
}

int pk_pdf_write(const pk_scene *const *pages, size_t n_pages, const pk_pdf_info *info, pk_buf *out,
                 pk_diag *d)
{
    if (n_pages == 0 || !pages)
        return pk_diag_add(d, PK_FAIL_INPUT, "error: PDF: no pages to write");
    const pk_fonts *fonts = pages[0]->fonts;
    for (size_t i = 0; i < n_pages; i++) {
        const pk_scene *s = pages[i];
        if (!(s->width >= 3 && s->width <= 14400 && s->height >= 3 && s->height <= 14400))
            return pk_diag_add(d, PK_FAIL_INPUT,
                               "error: PDF: page %zu is %g x %g pt; a PDF page is 3 to 14400 pt "
                               "a side",
                               i + 1, s->width, s->height);
        if (s->fonts != fonts)
            return pk_diag_add(d, PK_FAIL_INPUT,
                               "error: PDF: page %zu uses other fonts than page 1 (expected one "
                               "pk_fonts for the whole document)",
                               i + 1);
    }
    pdf_doc doc = {.d = d, .fonts = fonts, .n_fonts = fonts ? pk_fonts_count(fonts) : 0};
    doc.f = pk_xcalloc(doc.n_fonts ? doc.n_fonts : 1, sizeof *doc.f);
    for (size_t i = 0; i < doc.n_fonts; i++)
        doc.f[i].fd = -1;
    size_t start = out->len, n_msgs = d->n;
    int rc = -1;
    /* libharu does not check every allocation it makes (HPDF_Type0Font_New dereferences a
     * failed one under a tight ulimit -v): its allocator never returns NULL, but gives the one
     * out-of-memory message and exit 3 */
    doc.pdf = HPDF_NewEx(pk_pdf_on_error, hpdf_alloc, hpdf_free, 0, &doc);
    if (!doc.pdf) pk_out_of_memory(0); /* libharu cannot start */
    HPDF_SetCompressionMode(doc.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc.pdf);
    HPDF_SetCurrentEncoder(doc.pdf, "UTF-8"); /* info strings and outline titles are UTF-8 */
    doc.utf8 = HPDF_GetEncoder(doc.pdf, "UTF-8");
    if (doc.err || !doc.utf8) {
        pk_pdf_fail(&doc);
        goto done;
    }
    if (pk_pdf_collect_chars(&doc, pages, n_pages) != 0 || pk_pdf_embed_fonts(&doc) != 0) goto done;
    /* tagged (PDF/UA-1) when the caller names structure elements and the structure can be
     * written (pdf_tag.c works on libharu's objects) */
    doc.tagged = HPDF_INTERNALS && info && info->elems && info->n_elems > 0;
    if (doc.tagged) {
        doc.elems = info->elems;
        doc.n_elems = info->n_elems;
        doc.is_figure = pk_xcalloc(doc.n_elems, sizeof *doc.is_figure);
        doc.bbox = pk_xcalloc(doc.n_elems, sizeof *doc.bbox);
        for (size_t i = 0; i < doc.n_elems; i++)
            doc.is_figure[i] = doc.elems[i].role && strcmp(doc.elems[i].role, "Figure") == 0;
        doc.pages = pk_xcalloc(n_pages, sizeof *doc.pages);
        doc.n_pages = n_pages;
#if HPDF_INTERNALS
        doc.tag_objects = pk_pdf_tag_objects;
#endif
    }
    bool marks = false;
    for (size_t i = 0; i < n_pages; i++) {
        pdf_page pg = {.doc = &doc,
                       .h = pages[i]->height,
                       .gs = {.line_w = -1, .fill_a = 255, .stroke_a = 255}};
        doc.page_no = i + 1;
        int painted = pk_paint(pages[i], &pk_pdf_painter, &pg);
        pk_pdf_close_page(&pg);
        if (painted != 0 || pk_pdf_stopped(&doc)) goto done;
        for (size_t j = 0; j < pages[i]->n_ops && !marks; j++)
            marks = pages[i]->ops[j].kind == PK_OP_MARK;
    }
    doc.page_no = 0;
    if (marks) HPDF_SetPageMode(doc.pdf, HPDF_PAGE_MODE_USE_OUTLINE); /* open with bookmarks */
    set_info(&doc, info);
    if (doc.tagged && pk_pdf_write_structure(&doc, info) != 0) goto done;
    if (doc.err) {
        pk_pdf_fail(&doc);
        goto done;
    }
    rc = pk_pdf_save(&doc, out);
done:
    if (rc != 0) {
        if (d->n == n_msgs) pk_diag_add(d, PK_FAIL_IO, "error: PDF: cannot write");
        out->len = start; /* no half-written PDF */
        if (out->data) out->data[start] = '\0';
    }
    if (doc.pdf) HPDF_Free(doc.pdf); /* closes libharu's handles on the font files first */
    for (size_t i = 0; i < doc.n_fonts; i++) {
        if (doc.f[i].fd >= 0) close(doc.f[i].fd);
        free(doc.f[i].used);
        free(doc.f[i].below);
    }
    free(doc.f);
    free(doc.alphas);
    free(doc.images);
    free(doc.is_figure);
    free(doc.bbox);
    free(doc.mcs);
    free(doc.pages);
    free(doc.seg);
    free(doc.glyphs);
    pk_buf_fini(&doc.ops);
    return rc;
}


