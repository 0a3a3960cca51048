/* template.c: reading and checking templates; see template.h. The JSON form is a schema table
 * for the project's one JSON reader (data/record_read.c); what the table cannot say (colours,
 * page sizes, the logo file, a leading against the body size) is checked here, each problem by
 * JSON path. Every number's domain is in the table: a size given as 0 or below is refused there,
 * so 0 here means "left out" (the default). */
#define _XOPEN_SOURCE 700 /* realpath: a logo is checked where its symbolic links lead */
#include "layouts/template.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/buf.h"
#include "data/hash.h"
#include "data/schema.h"
#include "data/store.h"
#include "data/text.h"
#include "layouts/image.h"


static const pk_field margins_f[] = {
    PK_FIELD_NUM(pk_tpl_margins, top, PK_REQ, 18, 216, "points"),
    PK_FIELD_NUM(pk_tpl_margins, right, PK_REQ, 18, 216, "points"),
    PK_FIELD_NUM(pk_tpl_margins, bottom, PK_REQ, 18, 216, "points"),
    PK_FIELD_NUM(pk_tpl_margins, left, PK_REQ, 18, 216, "points"),
};
static const pk_schema margins_s = PK_SCHEMA_OF(pk_tpl_margins, "margins", margins_f);

static const pk_field page_f[] = {
    PK_FIELD(pk_tpl_page, size, PK_K_STR, 0),
    PK_FIELD_NUM(pk_tpl_page, width, 0, 144, 3000, "points"),
    PK_FIELD_NUM(pk_tpl_page, height, 0, 144, 3000, "points"),
    PK_FIELD_OBJ(pk_tpl_page, margins, margins_s),
    PK_FIELD(pk_tpl_page, columns, PK_K_INT, 0),
    PK_FIELD_NUM(pk_tpl_page, column_gap, 0, 6, 72, "points"),
    PK_FIELD(pk_tpl_page, max_pages, PK_K_INT, 0),
};
static const pk_schema page_s = PK_SCHEMA_OF(pk_tpl_page, "page", page_f);

static const pk_field fonts_f[] = {
    PK_FIELD(pk_tpl_fonts, heading, PK_K_STR, 0),
    PK_FIELD(pk_tpl_fonts, body, PK_K_STR, 0),
    PK_FIELD(pk_tpl_fonts, numbers, PK_K_STR, 0),
    PK_FIELD(pk_tpl_fonts, code, PK_K_STR, 0),
};
static const pk_schema fonts_s = PK_SCHEMA_OF(pk_tpl_fonts, "fonts", fonts_f);

static const pk_field sizes_f[] = {
    /* leading's domain is the widest it can be; it is also checked against body (1 to 2.5x) */
    PK_FIELD_NUM(pk_tpl_sizes, title, 0, 10, 60, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, heading, 0, 8, 30, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, subheading, 0, 7, 24, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, body, 0, 6, 16, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, leading, 0, 6, 40, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, small, 0, 5, 14, "points"),
    PK_FIELD_NUM(pk_tpl_sizes, figure, 0, 8, 48, "points"),
};
static const pk_schema sizes_s = PK_SCHEMA_OF(pk_tpl_sizes, "sizes", sizes_f);

static const pk_field palette_f[] = {
    PK_FIELD(pk_tpl_palette, ink, PK_K_STR, 0),      PK_FIELD(pk_tpl_palette, muted, PK_K_STR, 0),
    PK_FIELD(pk_tpl_palette, accent, PK_K_STR, 0),   PK_FIELD(pk_tpl_palette, accent_light, PK_K_STR, 0),
    PK_FIELD(pk_tpl_palette, rule, PK_K_STR, 0),     PK_FIELD(pk_tpl_palette, band, PK_K_STR, 0),
    PK_FIELD(pk_tpl_palette, masthead, PK_K_STR, 0), PK_FIELD(pk_tpl_palette, masthead_ink, PK_K_STR, 0),
};
static const pk_schema palette_s = PK_SCHEMA_OF(pk_tpl_palette, "palette", palette_f);

static const pk_field logo_f[] = {
    PK_FIELD(pk_tpl_logo, file, PK_K_STR, PK_REQ),
    PK_FIELD_NUM(pk_tpl_logo, width, 0, 12, 300, "points"),
};
static const pk_schema logo_s = PK_SCHEMA_OF(pk_tpl_logo, "logo", logo_f);

static const pk_field charts_f[] = {
    PK_FIELD_NUM(pk_tpl_charts, height, 0, 0.3, 1.2, "times the width"),
    PK_FIELD(pk_tpl_charts, gridlines_off, PK_K_BOOL, 0),
};
static const pk_schema charts_s = PK_SCHEMA_OF(pk_tpl_charts, "charts", charts_f);

#define L(key) PK_FIELD(pk_tpl_labels, key, PK_K_STR, 0)
static const pk_field labels_f[] = {
    L(occupation), L(also_called), L(job_family), L(median_pay), L(employment), L(outlook),
    L(openings), L(task_overlap), L(page), L(continued), L(source), L(sources),
    L(not_available), L(percentile), L(hot_technology), L(cite), L(importance),
};
static const pk_schema labels_s = PK_SCHEMA_OF(pk_tpl_labels, "labels", labels_f);

static const pk_field section_f[] = {
    PK_FIELD(pk_tpl_section, id, PK_K_STR, PK_REQ),
    PK_FIELD(pk_tpl_section, title, PK_K_STR, 0),
    PK_FIELD(pk_tpl_section, chart, PK_K_STR, 0),
    PK_FIELD(pk_tpl_section, columns, PK_K_INT, 0),
    PK_FIELD(pk_tpl_section, compact, PK_K_BOOL, 0),
    PK_FIELD(pk_tpl_section, rows, PK_K_INT, 0),
};
static const pk_schema section_s = PK_SCHEMA_OF(pk_tpl_section, "section", section_f);

static const pk_field pdf_f[] = {
    PK_FIELD(struct pk_tpl_pdf, tagged, PK_K_BOOL, PK_TRUE),
};
static const pk_schema pdf_s = PK_SCHEMA_OF(struct pk_tpl_pdf, "pdf", pdf_f);

static const pk_field template_f[] = {
    {"presskit_template", PK_K_INT, offsetof(pk_template, version), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    PK_FIELD(pk_template, name, PK_K_STR, PK_REQ),
    PK_FIELD(pk_template, author, PK_K_STR, 0),
    PK_FIELD(pk_template, masthead, PK_K_STR, 0),
    PK_FIELD(pk_template, footer, PK_K_STR, 0),
    PK_FIELD(pk_template, hyphenate, PK_K_BOOL, 0),
    PK_FIELD(pk_template, justify, PK_K_BOOL, 0),
    PK_FIELD_OBJ(pk_template, pdf, pdf_s),
    PK_FIELD_OBJ(pk_template, page, page_s),
    PK_FIELD_OBJ(pk_template, fonts, fonts_s),
    PK_FIELD_OBJ(pk_template, sizes, sizes_s),
    PK_FIELD_OBJ(pk_template, palette, palette_s),
    PK_FIELD_OBJ(pk_template, logo, logo_s),
    PK_FIELD_OBJ(pk_template, charts, charts_s),
    PK_FIELD_OBJ(pk_template, labels, labels_s),
    {"sections", PK_K_ARR, offsetof(pk_template, sections), offsetof(pk_template, n_sections),
     &section_s, 0, PK_UNIT_NONE, 0, 0, NULL},
};
static const pk_schema template_s = PK_SCHEMA_OF(pk_template, "template", template_f);

/* ---- built-in templates (generated by cmake/embed.cmake from layouts/templates/) ---- */

typedef pk_embedded_file pk_embedded_tpl;
extern const pk_embedded_file pk_embedded_templates[];

const char *const pk_template_builtin[] = {"default", "newsroom-a4", "factsheet", NULL};

static const pk_embedded_tpl *embedded(const char *file)
{
    for (const pk_embedded_tpl *e = pk_embedded_templates; e->name; e++)
        if (strcmp(e->name, file) == 0) return e;
    return NULL;
}

/* ---- checks ---- */

typedef struct chk {
    pk_template *t;
    pk_diag *d;
    int errors;
} chk;

static void bad(chk *c, const char *jpath, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad(chk *c, const char *jpath, const char *fmt, ...)
{
    pk_buf m = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    pk_diag_add(c->d, PK_FAIL_INPUT, "%s: %s: %s", c->t->path, jpath, pk_buf_str(&m));
    pk_buf_fini(&m);
    c->errors++;
}

static pk_rgba colour(chk *c, const char *jpath, const char *v, unsigned dflt)
{
    if (!v) return PK_RGB(dflt);
    unsigned x = 0;
    bool ok = v[0] == '#' && strlen(v) == 7;
    for (int i = 1; ok && i < 7; i++) {
        char ch = v[i];
        int k = ch >= '0' && ch <= '9' ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (k < 0) ok = false;
        else x = x * 16 + (unsigned)k;
    }
    if (!ok) {
        pk_buf q = PK_BUF_INIT;
        pk_diag_quote(&q, v, strlen(v), 40);
        bad(c, jpath, "expected a colour like \"#1A1A1A\", got %s", pk_buf_str(&q));
        pk_buf_fini(&q);
        return PK_RGB(dflt);
    }
    return PK_RGB(x);
}

static void range(chk *c, const char *jpath, double *v, double dflt, double lo, double hi)
{
    if (*v == 0) *v = dflt;
    if (!(*v >= lo && *v <= hi)) {
        bad(c, jpath, "%g is out of range (expected %g to %g points)", *v, lo, hi);
        *v = dflt;
    }
}

/* s as a message shows it: quoted, control bytes as \xNN, cut at 80 bytes; into q (reset
 * first). A template's strings are data: a message never lets them act on a terminal. */
static const char *quoted(pk_buf *q, const char *s)
{
    pk_buf_reset(q);
    pk_diag_quote(q, s, strlen(s), 80);
    return pk_buf_str(q);
}

static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F) return true;
    return false;
}

/* Loads family (bold or not) for the role at jpath, or returns -1 with one message by path: a
 * family fontconfig does not have, one lacking a character the brief prints, or one whose
 * outlines a PDF cannot embed (a CFF .otf: found here, not when the first brief is painted,
 * so a template names its problem once, as bad input, before any kit is written). */
static int font(chk *c, pk_fonts *fonts, const char *jpath, const char *family, bool bold)
{
    pk_buf q = PK_BUF_INIT;
    if (!family[0] || strlen(family) > 200 || has_control(family)) {
        /* the name goes into messages: never let it act on a terminal */
        bad(c, jpath, "expected a font family name, got %s", quoted(&q, family));
        pk_buf_fini(&q);
        return -1;
    }
    pk_diag tmp = PK_DIAG_INIT;
    pk_buf sub = PK_BUF_INIT;
    int id = pk_fonts_load(fonts, family, bold, &tmp);
    if (id < 0) {
        /* the fonts module says which families fontconfig has; put the JSON path in front */
        const char *m = tmp.n ? strstr(tmp.msgs[0].text, "font family") : NULL;
        bad(c, jpath, "%s", m ? m : "font not found");
    } else if (pk_fonts_cover(fonts, id, "\xE2\x80\x93 \xE2\x88\x92 \xE2\x86\x92 \xC3\x97 \xC2\xB7 "
                                          "\xCE\xB3 \xC3\xA9 \xE2\x89\xA5 \xE2\x89\xA4 \xE2\x80\x9C"
                                          "\xE2\x80\x9D \xE2\x80\xA2 $0123456789",
                               jpath, &tmp) != 0) {
        const char *m = tmp.n ? strstr(tmp.msgs[0].text, "the font") : NULL;
        bad(c, jpath, "%s (the brief prints it)", m ? m : "a character is missing");
        id = -1;
    } else if (pk_fonts_subset(fonts, id, (const uint32_t[]){'0'}, 1, &sub, &tmp) != 0) {
        /* "FILE: error: the font "X" has no TrueType outlines ...": the path goes first */
        const char *m = tmp.n ? strstr(tmp.msgs[0].text, "error: ") : NULL;
        bad(c, jpath, "%s", m ? m + 7 : "the font cannot be embedded in a PDF");
        id = -1;
    }
    pk_buf_fini(&sub);
    pk_buf_fini(&q);
    pk_diag_fini(&tmp);
    return id;
}

/* True when path f names a file beside or below its folder as written: not absolute, no ".."
 * component, no backslash (a Windows separator a user may mean as one), not empty. */
static bool inside_as_written(const char *f)
{
    if (!f[0] || f[0] == '/' || strchr(f, '\\')) return false;
    for (const char *p = f; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') return false;
        p += n;
        if (*p == '/') p++;
    }
    return true;
}

/* Reads the logo f of a template in folder dir ("" for the current one) into data, refusing a
 * file that is outside the folder as written or once symbolic links are followed (a link in the
 * folder pointing at ~/.ssh/id_rsa must not put that file in a PDF). The file read is the one
 * checked: the resolved path. Returns 0, or -1 with one message at jp. */
static int logo_read(chk *c, const char *jp, const char *dir, const char *f, pk_buf *data)
{
    pk_buf q = PK_BUF_INIT, full = PK_BUF_INIT;
    char *real_dir = NULL, *real = NULL;
    int rc = -1;
    if (!inside_as_written(f)) {
        bad(c, jp, "%s is outside the template's folder (a template may only name a file beside "
                   "it or below it)", quoted(&q, f));
        goto done;
    }
    pk_buf_printf(&full, "%s%s", dir, f);
    real_dir = realpath(dir[0] ? dir : ".", NULL);
    real = realpath(pk_buf_str(&full), NULL);
    if (!real_dir || !real) {
        bad(c, jp, "cannot read the logo %s: %s", quoted(&q, f), strerror(errno));
        goto done;
    }
    size_t n = strlen(real_dir);
    bool root = n == 1; /* "/": everything is below it */
    /* the folder itself ("." or "sub/..") is inside it: the reader then says it is a directory */
    if (strncmp(real, real_dir, n) != 0 || (!root && real[n] != '/' && real[n] != '\0')) {
        pk_buf where = PK_BUF_INIT;
        bad(c, jp, "%s is outside the template's folder: a symbolic link leads to %s (a "
                   "template may only name a file beside it or below it)", quoted(&q, f),
            (pk_diag_quote(&where, real, strlen(real), 200), pk_buf_str(&where)));
        pk_buf_fini(&where);
        goto done;
    }
    pk_diag tmp = PK_DIAG_INIT;
    if (pk_file_read(real, 4 << 20, data, &tmp) != 0) {
        /* "PATH: error: cannot open: REASON": the reason, after the name as the template wrote it */
        const char *m = tmp.n ? strstr(tmp.msgs[0].text, "error: ") : NULL;
        bad(c, jp, "cannot read the logo %s: %s", quoted(&q, f), m ? m + 7 : "unreadable");
        pk_diag_fini(&tmp);
        goto done;
    }
    pk_diag_fini(&tmp);
    rc = 0;
done:
    free(real_dir);
    free(real);
    pk_buf_fini(&full);
    pk_buf_fini(&q);
    return rc;
}

/* The logo: a file inside the template's folder (logo_read), a PNG or JPEG that the PDF painter
 * can show: decoded whole here (layouts/image.c), with the painter's own bound on its pixels, so
 * that a logo no brief can show is one message about the template, not one per brief. */
static void logo(chk *c, const char *dir, const pk_embedded_tpl *builtin_logo)
{
    pk_template *t = c->t;
    const char *jp = "$.logo.file";
    pk_buf data = PK_BUF_INIT, q = PK_BUF_INIT, why = PK_BUF_INIT;
    if (builtin_logo) {
        pk_buf_add(&data, builtin_logo->data, builtin_logo->len);
    } else if (logo_read(c, jp, dir, t->logo.file, &data) != 0) {
        pk_buf_fini(&data);
        return;
    }
    /* the name as messages show it */
    const char *f = quoted(&q, t->logo.file);
    const unsigned char *b = (const unsigned char *)data.data;
    size_t n = data.len;
    pk_image_fmt fmt = PK_IMAGE_PNG;
    unsigned w_px = 0, h_px = 0, comps = 0;
    /* a file cut short is said so in words, before the decoder's view of it */
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
        (n < 45 || memcmp(b + n - 8, "IEND", 4) != 0)) {
        bad(c, jp, "the PNG logo %s is truncated (it does not end with IEND)", f);
        goto done;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8 && (b[n - 2] != 0xFF || b[n - 1] != 0xD9)) {
        bad(c, jp, "the JPEG logo %s is truncated (no end-of-image marker)", f);
        goto done;
    }
    switch (pk_image_check(b, n, &fmt, &w_px, &h_px, &comps, &why)) {
    case PK_IMAGE_OK: break;
    case PK_IMAGE_NOT_AN_IMAGE:
        bad(c, jp, "%s is not a PNG or JPEG image", f);
        goto done;
    case PK_IMAGE_BROKEN:
        bad(c, jp, "the %s logo %s cannot be decoded (%s)", fmt == PK_IMAGE_PNG ? "PNG" : "JPEG",
            f, pk_buf_str(&why));
        goto done;
    case PK_IMAGE_TOO_LARGE:
        bad(c, jp, "the logo %s is %u x %u pixels; a logo may have at most %u million pixels "
                   "and %u on a side", f, w_px, h_px, PK_IMAGE_MAX_PIXELS / 1000000,
            PK_IMAGE_MAX_SIDE);
        goto done;
    case PK_IMAGE_NO_SIZE:
        bad(c, jp, "the logo %s has an impossible size (%u x %u pixels)", f, w_px, h_px);
        goto done;
    }
    if (fmt == PK_IMAGE_JPEG && comps == 4)
        pk_diag_add(c->d, PK_WARN,
                    "%s: %s: warning: the JPEG logo %s is CMYK, which the PDF's sRGB output "
                    "intent does not cover: the brief is written, but not as PDF/A-2 (save the "
                    "logo as RGB)",
                    c->t->path, jp, f);
    t->logo_fmt = fmt;
    unsigned char *copy = pk_arena_alloc(t->arena, n);
    memcpy(copy, b, n);
    t->logo_data = copy;
    t->logo_len = n;
    t->logo_w = t->logo.width > 0 ? t->logo.width : 96;
    t->logo_h = t->logo_w * h_px / w_px;
done:
    pk_buf_fini(&data);
    pk_buf_fini(&q);
    pk_buf_fini(&why);
}

static const char *dflt(const char *v, const char *d)
{
    return v ? v : d;
}

pk_template *pk_template_load(const char *name_or_path, pk_fonts *fonts, pk_diag *d)
{
    pk_buf text = PK_BUF_INIT, fname = PK_BUF_INIT, dir = PK_BUF_INIT;
    const pk_embedded_tpl *e = NULL;
    bool builtin = false;
    for (const char *const *b = pk_template_builtin; *b; b++)
        if (strcmp(*b, name_or_path) == 0) builtin = true;
    if (builtin) {
        pk_buf_printf(&fname, "%s.json", name_or_path);
        e = embedded(pk_buf_str(&fname));
        pk_buf_reset(&fname);
        pk_buf_printf(&fname, "layouts/templates/%s.json", name_or_path);
        if (e) pk_buf_add(&text, e->data, e->len);
    } else {
        pk_buf_adds(&fname, name_or_path);
        struct stat st;
        if (stat(name_or_path, &st) != 0 && errno == ENOENT) {
            /* a mistyped built-in name ("newsroom") is bad input, not an I/O failure */
            pk_buf names = PK_BUF_INIT;
            for (const char *const *b = pk_template_builtin; *b; b++)
                pk_buf_printf(&names, "%s%s", names.len ? ", " : "", *b);
            pk_diag_add(d, PK_FAIL_INPUT, "%s: error: no such template: neither a built-in one "
                        "(%s) nor a file", name_or_path, names.data);
            pk_buf_fini(&names);
            pk_buf_fini(&fname);
            return NULL;
        }
        if (pk_file_read(name_or_path, 1 << 20, &text, d) != 0) {
            pk_buf_fini(&fname);
            return NULL;
        }
        const char *slash = strrchr(name_or_path, '/');
        if (slash) pk_buf_add(&dir, name_or_path, (size_t)(slash - name_or_path + 1));
    }
    pk_arena *arena = pk_arena_new();
    const char *path = pk_arena_strdup(arena, pk_buf_str(&fname));
    pk_template *t = pk_json_read(path, text.data ? text.data : "", text.len, &template_s, arena,
                                  NULL, d);
    pk_sha256 fp;
    pk_sha256_init(&fp);
    pk_sha256_add(&fp, text.data ? text.data : "", text.len);
    pk_buf_fini(&text);
    pk_buf_fini(&fname);
    if (!t) {
        pk_sha256_done(&fp, (char[65]){0});
        pk_arena_free(arena);
        pk_buf_fini(&dir);
        return NULL;
    }
    t->arena = arena;
    t->font_set = fonts;
    t->path = path;
    chk c = {t, d, 0};
    pk_buf q = PK_BUF_INIT; /* a string as messages quote it */
    if (t->version != 1)
        bad(&c, "$.presskit_template", "unsupported template version %ld (this presskit reads "
                                       "version 1)", t->version);

    /* page */
    pk_tpl_page *pg = &t->page;
    const char *size = pg->size ? pg->size : (pg->width > 0 ? NULL : "letter");
    if (size) {
        if (strcmp(size, "letter") == 0) pg->width = 612, pg->height = 792;
        else if (strcmp(size, "a4") == 0) pg->width = 595.28, pg->height = 841.89;
        else if (strcmp(size, "legal") == 0) pg->width = 612, pg->height = 1008;
        else bad(&c, "$.page.size", "unknown page size %s (expected letter, a4, legal, or "
                                    "width and height in points)", quoted(&q, size));
    } else if (!(pg->width >= 144 && pg->width <= 3000 && pg->height >= 144 && pg->height <= 3000)) {
        bad(&c, "$.page", "width and height must be 144 to 3000 points");
        pg->width = 612, pg->height = 792;
    }
    pk_tpl_margins *m = &pg->margins;
    if (!m->present) *m = (pk_tpl_margins){true, 54, 54, 54, 54};
    const char *mk[] = {"$.page.margins.top", "$.page.margins.right", "$.page.margins.bottom",
                        "$.page.margins.left"};
    double *mv[] = {&m->top, &m->right, &m->bottom, &m->left};
    for (int i = 0; i < 4; i++)
        if (!(*mv[i] >= 18 && *mv[i] <= 216)) {
            bad(&c, mk[i], "%g is out of range (expected 18 to 216 points)", *mv[i]);
            *mv[i] = 54;
        }
    if (pg->width - m->left - m->right < 200 || pg->height - m->top - m->bottom < 300)
        bad(&c, "$.page.margins", "the margins leave less than 200 x 300 points to print in");
    if (pg->columns == 0) pg->columns = 1;
    if (pg->columns > 3) bad(&c, "$.page.columns", "%ld columns (at most 3)", pg->columns);
    range(&c, "$.page.column_gap", &pg->column_gap, 18, 6, 72);

    /* type */
    pk_tpl_sizes *s = &t->sizes;
    range(&c, "$.sizes.body", &s->body, 9.5, 6, 16);
    range(&c, "$.sizes.leading", &s->leading, s->body * 1.32, s->body, s->body * 2.5);
    range(&c, "$.sizes.small", &s->small, s->body * 0.8, 5, 14);
    range(&c, "$.sizes.title", &s->title, 24, 10, 60);
    range(&c, "$.sizes.heading", &s->heading, 13, 8, 30);
    range(&c, "$.sizes.subheading", &s->subheading, 10.5, 7, 24);
    range(&c, "$.sizes.figure", &s->figure, 20, 8, 48);
    /* charts.height 0 (left out): each chart at its own print height
     * (pk_chart_def.print_height); a height given is in its domain (the table's) */

    /* fonts */
    const char *fh = dflt(t->fonts.heading, PK_DEFAULT_FAMILY);
    const char *fb = dflt(t->fonts.body, PK_DEFAULT_FAMILY);
    const char *fn = dflt(t->fonts.numbers, fh);
    /* one message per key: the bold face of a family that is missing is not looked up, and
     * numbers, when the template leaves it to the heading family, is not reported again */
    t->f_heading = font(&c, fonts, "$.fonts.heading", fh, false);
    t->f_heading_bold = t->f_heading < 0 ? -1 : font(&c, fonts, "$.fonts.heading", fh, true);
    t->f_body = font(&c, fonts, "$.fonts.body", fb, false);
    t->f_body_bold = t->f_body < 0 ? -1 : font(&c, fonts, "$.fonts.body", fb, true);
    t->f_numbers = !t->fonts.numbers && t->f_heading_bold < 0
                       ? -1
                       : font(&c, fonts, "$.fonts.numbers", fn, true);
    t->f_code = font(&c, fonts, "$.fonts.code", dflt(t->fonts.code, PK_DEFAULT_CODE_FAMILY), false);

    /* palette */
    pk_tpl_palette *p = &t->palette;
    t->c_ink = colour(&c, "$.palette.ink", p->ink, 0x1A1A1A);
    t->c_muted = colour(&c, "$.palette.muted", p->muted, 0x5C5C5C);
    t->c_accent = colour(&c, "$.palette.accent", p->accent, 0x0072B2);
    t->c_accent_light = colour(&c, "$.palette.accent_light", p->accent_light, 0xE3EEF6);
    t->c_rule = colour(&c, "$.palette.rule", p->rule, 0xD0D5DA);
    t->c_band = colour(&c, "$.palette.band", p->band, 0xF4F6F8);
    t->c_masthead = colour(&c, "$.palette.masthead", p->masthead, 0xFFFFFF);
    t->c_masthead_ink = colour(&c, "$.palette.masthead_ink", p->masthead_ink, 0x1A1A1A);

    /* labels */
    pk_tpl_labels *l = &t->labels;
    l->occupation = dflt(l->occupation, "Occupation");
    l->also_called = dflt(l->also_called, "Also called");
    l->job_family = dflt(l->job_family, "Job family");
    l->median_pay = dflt(l->median_pay, "Median annual pay");
    l->employment = dflt(l->employment, "Employment");
    l->outlook = dflt(l->outlook, "Outlook");
    l->openings = dflt(l->openings, "Annual openings");
    l->task_overlap = dflt(l->task_overlap, "AI task overlap");
    l->page = dflt(l->page, "Page {page} of {pages}");
    l->continued = dflt(l->continued, "(continued)");
    l->source = dflt(l->source, "Source");
    l->sources = dflt(l->sources, "Sources");
    l->not_available = dflt(l->not_available, "not available");
    l->percentile = dflt(l->percentile, "percentile");
    l->hot_technology = dflt(l->hot_technology, "Hot technology");
    l->cite = dflt(l->cite, "Cite this page");
    l->importance = dflt(l->importance, "importance");
    if (!strstr(l->page, "{page}"))
        bad(&c, "$.labels.page", "must contain {page} (and may contain {pages}), got %s",
            quoted(&q, l->page));
    if (!t->author) t->author = "presskit";
    if (!t->footer) t->footer = "";

    if (t->logo.present) {
        pk_buf lname = PK_BUF_INIT;
        pk_buf_printf(&lname, "%s", t->logo.file);
        const pk_embedded_tpl *le = builtin ? embedded(pk_buf_str(&lname)) : NULL;
        pk_buf_fini(&lname);
        if (builtin && !le) bad(&c, "$.logo.file", "not built in");
        else logo(&c, pk_buf_str(&dir), le);
    }
    pk_buf_fini(&dir);
    pk_buf_fini(&q);
    if (t->logo_data) pk_sha256_add(&fp, t->logo_data, t->logo_len);
    pk_sha256_done(&fp, t->fingerprint);
    if (c.errors) {
        pk_template_free(t);
        return NULL;
    }
    return t;
}

void pk_template_free(pk_template *t)
{
    if (t) pk_arena_free(t->arena);
}

void pk_template_page_label(const pk_template *t, size_t page, size_t pages, pk_buf *out)
{
    for (const char *p = t->labels.page; *p; p++) {
        if (strncmp(p, "{page}", 6) == 0) {
            pk_buf_printf(out, "%zu", page);
            p += 5;
        } else if (strncmp(p, "{pages}", 7) == 0) {
            pk_buf_printf(out, "%zu", pages);
            p += 6;
        } else {
            pk_buf_addc(out, *p);
        }
    }
}
