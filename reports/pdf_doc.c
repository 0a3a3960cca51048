/* pdf_doc.c: the PDF painter's document. pk_pdf_write: the pages checked, the libharu
 * document made, the fonts collected and embedded (pdf_font.c), each scene painted as a page
 * (pdf_content.c), the document's own objects (the outline, link annotations, the information
 * dictionary) added, and the bytes written (pdf_write.c). Also libharu's errors: the callback,
 * their names (it has no strerror) and the one message a failure gives. Owns pdf_doc; see
 * pdf_internal.h. Part of reports/; pk_paint (layouts/scene.c) drives the painter. */
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

/* ---- libharu's error codes by name (it has no strerror) ---- */

/* one table, packed */
/* clang-format off */
#define E(code) {code, #code}
static const struct {
    unsigned long code;
    const char *name;
} hpdf_errors[] = {
    E(HPDF_ARRAY_COUNT_ERR), E(HPDF_ARRAY_ITEM_NOT_FOUND), E(HPDF_ARRAY_ITEM_UNEXPECTED_TYPE),
    E(HPDF_BINARY_LENGTH_ERR), E(HPDF_CANNOT_GET_PALLET), E(HPDF_DICT_COUNT_ERR),
    E(HPDF_DICT_ITEM_NOT_FOUND), E(HPDF_DICT_ITEM_UNEXPECTED_TYPE),
    E(HPDF_DICT_STREAM_LENGTH_NOT_FOUND), E(HPDF_DOC_ENCRYPTDICT_NOT_FOUND),
    E(HPDF_DOC_INVALID_OBJECT), E(HPDF_DUPLICATE_REGISTRATION), E(HPDF_EXCEED_JWW_CODE_NUM_LIMIT),
    E(HPDF_ENCRYPT_INVALID_PASSWORD), E(HPDF_ERR_UNKNOWN_CLASS), E(HPDF_EXCEED_GSTATE_LIMIT),
    E(HPDF_FAILD_TO_ALLOC_MEM), E(HPDF_FILE_IO_ERROR), E(HPDF_FILE_OPEN_ERROR),
    E(HPDF_FONT_EXISTS), E(HPDF_FONT_INVALID_WIDTHS_TABLE), E(HPDF_INVALID_AFM_HEADER),
    E(HPDF_INVALID_ANNOTATION), E(HPDF_INVALID_BIT_PER_COMPONENT),
    E(HPDF_INVALID_CHAR_MATRICS_DATA), E(HPDF_INVALID_COLOR_SPACE),
    E(HPDF_INVALID_COMPRESSION_MODE), E(HPDF_INVALID_DATE_TIME), E(HPDF_INVALID_DESTINATION),
    E(HPDF_INVALID_DOCUMENT), E(HPDF_INVALID_DOCUMENT_STATE), E(HPDF_INVALID_ENCODER),
    E(HPDF_INVALID_ENCODER_TYPE), E(HPDF_INVALID_ENCODING_NAME), E(HPDF_INVALID_ENCRYPT_KEY_LEN),
    E(HPDF_INVALID_FONTDEF_DATA), E(HPDF_INVALID_FONTDEF_TYPE), E(HPDF_INVALID_FONT_NAME),
    E(HPDF_INVALID_IMAGE), E(HPDF_INVALID_JPEG_DATA), E(HPDF_INVALID_N_DATA),
    E(HPDF_INVALID_OBJECT), E(HPDF_INVALID_OBJ_ID), E(HPDF_INVALID_OPERATION),
    E(HPDF_INVALID_OUTLINE), E(HPDF_INVALID_PAGE), E(HPDF_INVALID_PAGES),
    E(HPDF_INVALID_PARAMETER), E(HPDF_INVALID_PNG_IMAGE), E(HPDF_INVALID_STREAM),
    E(HPDF_MISSING_FILE_NAME_ENTRY), E(HPDF_INVALID_TTC_FILE), E(HPDF_INVALID_TTC_INDEX),
    E(HPDF_INVALID_WX_DATA), E(HPDF_ITEM_NOT_FOUND), E(HPDF_LIBPNG_ERROR),
    E(HPDF_NAME_INVALID_VALUE), E(HPDF_NAME_OUT_OF_RANGE), E(HPDF_PAGE_INVALID_PARAM_COUNT),
    E(HPDF_PAGES_MISSING_KIDS_ENTRY), E(HPDF_PAGE_CANNOT_FIND_OBJECT),
    E(HPDF_PAGE_CANNOT_GET_ROOT_PAGES), E(HPDF_PAGE_CANNOT_RESTORE_GSTATE),
    E(HPDF_PAGE_CANNOT_SET_PARENT), E(HPDF_PAGE_FONT_NOT_FOUND), E(HPDF_PAGE_INVALID_FONT),
    E(HPDF_PAGE_INVALID_FONT_SIZE), E(HPDF_PAGE_INVALID_GMODE), E(HPDF_PAGE_INVALID_INDEX),
    E(HPDF_PAGE_INVALID_ROTATE_VALUE), E(HPDF_PAGE_INVALID_SIZE), E(HPDF_PAGE_INVALID_XOBJECT),
    E(HPDF_PAGE_OUT_OF_RANGE), E(HPDF_REAL_OUT_OF_RANGE), E(HPDF_STREAM_EOF),
    E(HPDF_STREAM_READLN_CONTINUE), E(HPDF_STRING_OUT_OF_RANGE), E(HPDF_THIS_FUNC_WAS_SKIPPED),
    E(HPDF_TTF_CANNOT_EMBEDDING_FONT), E(HPDF_TTF_INVALID_CMAP), E(HPDF_TTF_INVALID_FOMAT),
    E(HPDF_TTF_MISSING_TABLE), E(HPDF_UNSUPPORTED_FONT_TYPE), E(HPDF_UNSUPPORTED_FUNC),
    E(HPDF_UNSUPPORTED_JPEG_FORMAT), E(HPDF_UNSUPPORTED_TYPE1_FONT), E(HPDF_XREF_COUNT_ERR),
    E(HPDF_ZLIB_ERROR), E(HPDF_INVALID_PAGE_INDEX), E(HPDF_INVALID_URI),
    E(HPDF_PAGE_LAYOUT_OUT_OF_RANGE), E(HPDF_PAGE_MODE_OUT_OF_RANGE),
    E(HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE), E(HPDF_ANNOT_INVALID_ICON),
    E(HPDF_ANNOT_INVALID_BORDER_STYLE), E(HPDF_PAGE_INVALID_DIRECTION), E(HPDF_INVALID_FONT),
    E(HPDF_PAGE_INSUFFICIENT_SPACE), E(HPDF_PAGE_INVALID_DISPLAY_TIME),
    E(HPDF_PAGE_INVALID_TRANSITION_TIME), E(HPDF_INVALID_PAGE_SLIDESHOW_TYPE),
    E(HPDF_EXT_GSTATE_OUT_OF_RANGE), E(HPDF_INVALID_EXT_GSTATE), E(HPDF_EXT_GSTATE_READ_ONLY),
    E(HPDF_INVALID_U3D_DATA), E(HPDF_NAME_CANNOT_GET_NAMES), E(HPDF_INVALID_ICC_COMPONENT_NUM),
};
#undef E
/* clang-format on */

const char *pk_pdf_error_name(unsigned long code)
{
    for (size_t i = 0; i < sizeof hpdf_errors / sizeof *hpdf_errors; i++)
        if (hpdf_errors[i].code == code) return hpdf_errors[i].name;
    return NULL;
}

/* ---- libharu's errors ---- */

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_doc *doc = user;
    if (doc->err == 0) {
        doc->err = code;
        doc->detail = detail;
    }
}

/* Records libharu's first error as the one message, once. Returns -1. */
int pk_pdf_fail(pdf_doc *doc)
{
    if (doc->failed) return -1;
    doc->failed = -1;
    const char *name = pk_pdf_error_name((unsigned long)doc->err);
    char where[48] = "";
    if (doc->page_no) snprintf(where, sizeof where, " on page %zu", doc->page_no);
    if (doc->detail)
        return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX, detail %lu)%s",
                           name ? name : "unknown libharu error", (unsigned long)doc->err,
                           (unsigned long)doc->detail, where);
    return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX)%s",
                       name ? name : "unknown libharu error", (unsigned long)doc->err, where);
}

/* ---- the outline, links and the information dictionary ---- */

/* A text for the outline or the info dictionary, as libharu can take it: valid BMP UTF-8,
 * control characters as spaces, at most MAX_STRING bytes (cut at a character), NUL-terminated.
 * Written to a (reset first). */
static const char *clean_text(pk_buf *a, const char *s)
{
    pk_buf_reset(a);
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end && a->len + 3 <= MAX_STRING) {
        uint32_t cp = pdf_cp(pk_utf8_next(&p, end));
        char u[3];
        if (cp < 0x20 || cp == 0x7F) cp = ' ';
        pk_buf_add(a, u, pk_pdf_put_utf8(u, cp));
    }
    return pk_buf_str(a);
}

static const char *uri_text(pk_buf *b, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    pk_buf_reset(b);
    for (const unsigned char *p = (const unsigned char *)url; *p && b->len < MAX_STRING; p++) {
        if (*p <= 0x20 || *p >= 0x7F) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            pk_buf_add(b, e, 3);
        } else {
            pk_buf_addc(b, (char)*p);
        }
    }
    return pk_buf_str(b);
}

void pk_pdf_link(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    if (pdf_stopped(pg->doc) || !op->text || !op->text[0]) return;
    double x = op->x, y = op->y, w = op->w, h = op->h;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    HPDF_Rect r = {R(x), R(pg->h - y - h), R(x + w), R(pg->h - y)};
    pk_buf u = PK_BUF_INIT;
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg->page, r, uri_text(&u, op->text));
    pk_buf_fini(&u);
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0); /* no box drawn around it */
}

/* An outline entry under the last entry one level up; a level deeper than the entries so far
 * (a level-2 mark with no level-1 entry before it) is taken as one level below the deepest. */
void pk_pdf_mark(void *ctx, const pk_op *op)
{
    pdf_page *pg = ctx;
    pdf_doc *doc = pg->doc;
    if (pdf_stopped(doc) || !op->text) return;
    int level = op->level < 0 ? 0 : op->level;
    if (level > doc->outline_depth) level = doc->outline_depth;
    if (level >= MAX_OUTLINE_DEPTH) level = MAX_OUTLINE_DEPTH - 1;
    pk_buf t = PK_BUF_INIT;
    const char *title = clean_text(&t, op->text);
    /* an ASCII title is written as it is, (Tasks); any other as UTF-16, <FEFF0054...>, four
     * times the bytes */
    bool ascii = true;
    for (const char *c = title; *c && ascii; c++) ascii = (unsigned char)*c < 0x80;
    HPDF_Outline o = HPDF_CreateOutline(doc->pdf, level ? doc->outline[level - 1] : NULL, title,
                                        ascii ? NULL : doc->utf8);
    pk_buf_fini(&t);
    if (!o) return;
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    HPDF_Destination dst = HPDF_Page_CreateDestination(pg->page);
    double top = pg->h - (isfinite(op->y) ? op->y : 0);
    if (top < 0) top = 0;
    if (top > pg->h) top = pg->h;
    /* FitH: the page's width fills the window, scrolled to the mark (libharu's XYZ insists on a
     * zoom, which would change the reader's own) */
    if (dst) HPDF_Destination_SetFitH(dst, R(top));
    if (dst) HPDF_Outline_SetDestination(o, dst);
    doc->outline[level] = o;
    doc->outline_depth = level + 1;
}

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
                HPDF_SetInfoAttr(doc->pdf, fields[i].type, clean_text(&t, fields[i].value));
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
    doc.pdf = HPDF_New(on_error, &doc);
    if (!doc.pdf) {
        pk_diag_add(d, PK_FAIL_IO, "error: PDF: libharu cannot start (out of memory)");
        goto done;
    }
    HPDF_SetCompressionMode(doc.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc.pdf);
    HPDF_SetCurrentEncoder(doc.pdf, "UTF-8"); /* info strings and outline titles are UTF-8 */
    doc.utf8 = HPDF_GetEncoder(doc.pdf, "UTF-8");
    if (doc.err || !doc.utf8) {
        pk_pdf_fail(&doc);
        goto done;
    }
    if (pk_pdf_collect_chars(&doc, pages, n_pages) != 0 || pk_pdf_embed_fonts(&doc) != 0) goto done;
    bool marks = false;
    for (size_t i = 0; i < n_pages; i++) {
        pdf_page pg = {.doc = &doc,
                       .h = pages[i]->height,
                       .gs = {.line_w = -1, .fill_a = 255, .stroke_a = 255}};
        doc.page_no = i + 1;
        int painted = pk_paint(pages[i], &pk_pdf_painter, &pg);
        pk_pdf_close_page(&pg);
        if (painted != 0 || pdf_stopped(&doc)) goto done;
        for (size_t j = 0; j < pages[i]->n_ops && !marks; j++)
            marks = pages[i]->ops[j].kind == PK_OP_MARK;
    }
    doc.page_no = 0;
    if (marks) HPDF_SetPageMode(doc.pdf, HPDF_PAGE_MODE_USE_OUTLINE); /* open with bookmarks */
    set_info(&doc, info);
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
    free(doc.seg);
    free(doc.glyphs);
    pk_buf_fini(&doc.ops);
    return rc;
}

