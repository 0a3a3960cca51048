/* test_pdf.c: the PDF painter (reports/pdf.c) and font subsetting (fonts/subset.c) on scenes
 * built by hand: determinism, document info, text that extracts as written (pdftotext), fonts
 * embedded and subset (pdffonts), a valid file (qpdf --check), the outline's nesting, links,
 * images, glyph placement against the measured widths, and the error messages. The poppler and
 * qpdf checks are skipped, with a note, when the tools are not installed. */
#include "harness.h"

#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "data/buf.h"
#include "fonts/fonts.h"
#include "layouts/scene.h"
#include "reports/pdf.h"
#include "reports/render.h"

static pk_fonts *F;
static int REG, BOLD;
static pk_buf PNG_RGB, PNG_RGBA, JPEG;

/* – − → × · γ é ≥ ≤ */
#define HARD                                                                                       \
    "\xE2\x80\x93 \xE2\x88\x92 \xE2\x86\x92 \xC3\x97 \xC2\xB7 \xCE\xB3 \xC3\xA9 \xE2\x89\xA5 "     \
    "\xE2\x89\xA4"
/* HARD as it copies out of the PDF: the minus sign as a hyphen-minus (the run's /ActualText) */
#define HARD_COPIED                                                                                \
    "\xE2\x80\x93 - \xE2\x86\x92 \xC3\x97 \xC2\xB7 \xCE\xB3 \xC3\xA9 \xE2\x89\xA5 \xE2\x89\xA4"

static bool tool(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s > /dev/null 2>&1", name);
    if (system(cmd) == 0) return true;
    fprintf(stderr, "note: no %s; its checks are skipped\n", name);
    return false;
}

static bool read_file(const char *path, pk_buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        pk_buf_add(b, chunk, n);
    fclose(fp);
    return b->len > 0;
}

/* Writes b to a new temporary file whose name goes to path (at least 32 bytes). */
static bool to_file(const pk_buf *b, char *path)
{
    strcpy(path, "/tmp/pk-test-pdf-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return false;
    bool ok = write(fd, b->data, b->len) == (ssize_t)b->len;
    close(fd);
    return ok;
}

/* Runs `cmd` with the file as its last argument; its standard output (and error, when
 * with_err) goes to out. Returns the exit status. */
static int run(const char *cmd, const char *path, bool with_err, pk_buf *out)
{
    char line[512];
    snprintf(line, sizeof line, "%s %s%s", cmd, path, with_err ? " 2>&1" : " 2>/dev/null");
    pk_buf_reset(out);
    FILE *p = popen(line, "r");
    if (!p) return -1;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        pk_buf_add(out, chunk, n);
    int st = pclose(p);
    pk_buf_str(out);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* With PK_PDF_KEEP=DIR, a copy of a test document goes to DIR/name, to look at. */
static void keep(const pk_buf *b, const char *name)
{
    const char *dir = getenv("PK_PDF_KEEP");
    if (!dir) return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) return;
    fwrite(b->data, 1, b->len, fp);
    fclose(fp);
}

static bool has(const pk_buf *b, const char *needle)
{
    bool ok = b->data && strstr(b->data, needle) != NULL;
    if (!ok) fprintf(stderr, "  missing: %s\n", needle);
    return ok;
}

static bool has_bytes(const pk_buf *b, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; b->data && i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0) return true;
    return false;
}

/* The document with every Flate stream inflated in place, so that checks can see what the
 * object and content streams hold. A stream that does not inflate is kept as it is. */
static const char *find_in(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p + n <= end; p++)
        if (memcmp(p, needle, n) == 0) return p;
    return NULL;
}

static void inflated(const pk_buf *pdf, pk_buf *out)
{
    pk_buf_reset(out);
    const char *p = pdf->data, *end = pdf->data + pdf->len;
    for (;;) {
        const char *s = find_in(p, end, ">>\nstream");
        const char *e = s ? find_in(s, end, "\nendstream") : NULL;
        if (!e) break;
        s += 9; /* after "stream", its end of line: CR LF (libharu) or LF */
        s += s < e && *s == '\r';
        s += s < e && *s == '\n';
        pk_buf_add(out, p, (size_t)(s - p));
        z_stream z = {.next_in = (Bytef *)s, .avail_in = (uInt)(e - s)};
        bool ok = inflateInit(&z) == Z_OK;
        unsigned char chunk[16384];
        int st = Z_OK;
        while (ok && st == Z_OK) {
            z.next_out = chunk;
            z.avail_out = sizeof chunk;
            st = inflate(&z, Z_NO_FLUSH);
            if (st == Z_OK || st == Z_STREAM_END) pk_buf_add(out, chunk, sizeof chunk - z.avail_out);
        }
        if (ok) inflateEnd(&z);
        if (st != Z_STREAM_END) pk_buf_add(out, s, (size_t)(e - s));
        pk_buf_adds(out, "\nendstream");
        p = e + 10;
    }
    pk_buf_add(out, p, (size_t)(end - p));
}

/* Page 1, 400 x 300 pt: text in both fonts at every anchor, a translucent rect, paths, dashed
 * lines (a whole and a fractional dash), a clip, two images, two links, two outline marks. */
static pk_scene *page1(void)
{
    pk_scene *s = pk_scene_new(F, 400, 300);
    pk_scene_set_text(s, "Wages", "A test page");
    pk_scene_mark(s, 0, 10, "Wages \xE2\x80\x93 pay");
    pk_scene_text(s, 20, 40, BOLD, 18, PK_RGB(0x1A1A1A), PK_ANCHOR_START, "Median wage " HARD);
    pk_scene_text(s, 200, 70, REG, 12, PK_RGB(0x333333), PK_ANCHOR_MIDDLE, "AVAWAY To Ty Yo");
    pk_scene_text(s, 380, 100, REG, 10, PK_RGB(0x000000), PK_ANCHOR_END, "ends here $66,430");
    pk_scene_mark(s, 1, 120, "Median \xCE\xB3");
    pk_scene_group(s, "bars");
    pk_scene_rect(s, 20, 130, 150, 20, (pk_rgba){0, 114, 178, 128}, PK_RGB(0x000000), 0.5);
    pk_scene_rect(s, 20, 160, -10, -5, PK_RGB(0xD55E00), PK_NONE, 0);
    pk_scene_ungroup(s);
    pk_scene_line(s, 20, 190, 380, 190, PK_RGB(0x999999), 1, 2);
    pk_scene_line(s, 20, 195, 380, 195, PK_RGB(0x999999), 0.75, 1.3);
    const double pts[] = {200, 130, 260, 180, 220, 185};
    pk_scene_path(s, pts, 3, true, (pk_rgba){0, 158, 115, 200}, PK_RGB(0x000000), 0.5);
    pk_scene_path(s, pts, 3, false, PK_RGB(0xFF0000), PK_RGB(0x009E73), 1.5);
    pk_scene_clip(s, 300, 120, 60, 40);
    pk_scene_text(s, 300, 140, REG, 14, PK_RGB(0x000000), PK_ANCHOR_START, "clipped text run");
    pk_scene_unclip(s);
    pk_scene_image(s, 20, 210, 40, 30, (const unsigned char *)PNG_RGB.data, PNG_RGB.len,
                   PK_IMAGE_PNG);
    pk_scene_image(s, 70, 210, 30, 30, (const unsigned char *)PNG_RGBA.data, PNG_RGBA.len,
                   PK_IMAGE_PNG);
    pk_scene_image(s, 110, 210, 30, 30, (const unsigned char *)JPEG.data, JPEG.len, PK_IMAGE_JPEG);
    pk_scene_text(s, 20, 270, REG, 9, PK_RGB(0x0000EE), PK_ANCHOR_START, "bls.gov/oes");
    pk_scene_link(s, 20, 260, 60, 12, "https://www.bls.gov/oes/");
    pk_scene_link(s, 100, 260, 60, 12, "https://example.org/caf\xC3\xA9 x");
    return s;
}

/* Page 2, A4: the same PNG again (embedded once), a third mark at level 0, stray UNCLIPs. */
static pk_scene *page2(void)
{
    pk_scene *s = pk_scene_new(F, 595.28, 841.89);
    pk_scene_unclip(s);
    pk_scene_mark(s, 0, 50, "Outlook");
    pk_scene_text(s, 72, 72, REG, 11, PK_RGB(0x000000), PK_ANCHOR_START,
                  "Projected change 2023\xE2\x80\x93"
                  "33: \xE2\x88\x92"
                  "4% (declining)");
    pk_scene_image(s, 72, 100, 40, 30, (const unsigned char *)PNG_RGB.data, PNG_RGB.len,
                   PK_IMAGE_PNG);
    pk_scene_clip(s, 0, 0, 100, 100);
    pk_scene_clip(s, 0, 0, 50, 50); /* left open: closed at the page's end */
    return s;
}

static void make_images(void)
{
    pk_scene *s = pk_scene_new(F, 12, 9); /* 16 x 12 px */
    pk_scene_rect(s, 0, 0, 6, 9, PK_RGB(0x0072B2), PK_NONE, 0);
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_png_write(s, 1, &PNG_RGB, &d) == 0);
    pk_diag_fini(&d);
    pk_scene_free(s);
    CHECK(read_file("tests/pdf/rgba.png", &PNG_RGBA));
    CHECK(read_file("tests/pdf/tiny.jpg", &JPEG));
}

static void subset(void)
{
    const uint32_t cps[] = {'H', 'e', 'l', 'o', 0x2013, 0x2212, 'l', 0x4E2D /* not in DejaVu */};
    pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_fonts_subset(F, REG, cps, 8, &a, &d) == 0 && d.n == 0);
    CHECK(pk_fonts_subset(F, REG, cps, 8, &b, &d) == 0);
    CHECK(a.len > 1000 && a.len < 20000); /* DejaVu Sans is 757 KB */
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    CHECK(a.len >= 4 && memcmp(a.data, "\x00\x01\x00\x00", 4) == 0); /* TrueType outlines */
    CHECK(has_bytes(&a, "glyf") && has_bytes(&a, "loca") && !has_bytes(&a, "GPOS"));
    pk_buf_reset(&b);
    CHECK(pk_fonts_subset(F, BOLD, cps, 3, &b, &d) == 0 && b.len < a.len);
    pk_buf_reset(&b);
    CHECK(pk_fonts_subset(F, REG, NULL, 0, &b, &d) == 0 && b.len > 0); /* .notdef alone */
    pk_buf_fini(&a);
    pk_buf_fini(&b);
    pk_diag_fini(&d);
}

static void glyphs(void)
{
    const char *t = "AVA\x01y";
    pk_glyph g[8];
    size_t n = pk_fonts_glyphs(F, REG, t, strlen(t), g, 8);
    CHECK(n == 5 && g[0].cp == 'A' && g[0].kern == 0 && g[1].kern < 0 && g[3].cp == 1);
    long units = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        units += g[i].kern + g[i].advance;
    CHECK(units * 10.0 / pk_fonts_units_per_em(F, REG) == pk_fonts_width(F, REG, 10, t, strlen(t)));
    CHECK(pk_fonts_glyphs(F, REG, t, strlen(t), g, 2) == 5); /* tells how many there are */
    CHECK(pk_fonts_units_per_em(F, REG) == 2048);
}

/* The words pdftotext -bbox finds: xMax of the first word that is `word`, or -1. */
static double word_xmax(const pk_buf *bbox, const char *word)
{
    char needle[160];
    snprintf(needle, sizeof needle, ">%s</word>", word);
    const char *p = strstr(bbox->data ? bbox->data : "", needle);
    if (!p) return -1;
    const char *line = p;
    while (line > bbox->data && line[-1] != '\n')
        line--;
    const char *x = strstr(line, "xMax=\"");
    return x && x < p ? atof(x + 6) : -1;
}

static double word_xmin(const pk_buf *bbox, const char *word)
{
    char needle[160];
    snprintf(needle, sizeof needle, ">%s</word>", word);
    const char *p = strstr(bbox->data ? bbox->data : "", needle);
    if (!p) return -1;
    const char *line = p;
    while (line > bbox->data && line[-1] != '\n')
        line--;
    const char *x = strstr(line, "xMin=\"");
    return x && x < p ? atof(x + 6) : -1;
}

/* Decoded RGB pixels of a PNG in b (free with free()), or NULL. */
static unsigned char *decode_png(const pk_buf *b, unsigned *w, unsigned *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, b->data, b->len)) return NULL;
    img.format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = img.width;
    *h = img.height;
    return px;
}

/* Pixels of a outside the range (give or take 32) of b's pixels within one pixel of them, and
 * the other way round: the tolerance tests/pdf/imgcmp.c uses for antialiasing differences. */
static size_t bad_pixels(const unsigned char *a, const unsigned char *b, unsigned w, unsigned h)
{
    size_t bad = 0;
    for (int pass = 0; pass < 2; pass++) {
        const unsigned char *p = pass ? b : a, *q = pass ? a : b;
        for (unsigned y = 0; y < h; y++)
            for (unsigned x = 0; x < w; x++) {
                int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        long xx = (long)x + dx, yy = (long)y + dy;
                        if (xx < 0 || yy < 0 || xx >= (long)w || yy >= (long)h) continue;
                        const unsigned char *c = q + 3 * ((size_t)yy * w + (size_t)xx);
                        for (int k = 0; k < 3; k++) {
                            if (c[k] < lo[k]) lo[k] = c[k];
                            if (c[k] > hi[k]) hi[k] = c[k];
                        }
                    }
                const unsigned char *c = p + 3 * ((size_t)y * w + x);
                for (int k = 0; k < 3; k++)
                    if (c[k] < lo[k] - 32 || c[k] > hi[k] + 32) {
                        bad++;
                        break;
                    }
            }
    }
    return bad;
}

/* Every glyph drawn is the right one: the PDF as poppler draws it (96 dpi, the 1x PNG's grid)
 * against the cairo PNG of the same scene, text only, each character of HARD last on its line
 * once (the highest CID of a font is the one libharu's CIDToGIDMap is most likely to lose). */
static void raster(void)
{
    if (!tool("pdftoppm")) return;
    pk_scene *s = pk_scene_new(F, 420, 150);
    pk_scene_text(s, 10, 30, REG, 20, PK_RGB(0x1A1A1A), PK_ANCHOR_START, "Wages " HARD);
    pk_scene_text(s, 10, 60, BOLD, 20, PK_RGB(0x1A1A1A), PK_ANCHOR_START, "AVAWAY " HARD);
    pk_scene_text(s, 410, 90, REG, 16, PK_RGB(0x0072B2), PK_ANCHOR_END,
                  "Ty 2023\xE2\x80\x93"
                  "33 \xE2\x89\xA5");
    pk_scene_text(s, 210, 120, BOLD, 16, PK_RGB(0x333333), PK_ANCHOR_MIDDLE,
                  "\xCE\xB3 \xC3\xA9 \xE2\x86\x92");
    const pk_scene *one[] = {s};
    pk_buf pdf = PK_BUF_INIT, png = PK_BUF_INIT, ras = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_pdf_write(one, 1, NULL, &pdf, &d) == 0);
    CHECK(pk_png_write(s, 1, &png, &d) == 0);
    char path[40] = "";
    CHECK(to_file(&pdf, path));
    keep(&pdf, "raster.pdf");
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdftoppm -r 96 -png %s", path); /* one page: to stdout */
    CHECK(run(cmd, "", false, &ras) == 0);
    unsigned wa = 0, ha = 0, wb = 0, hb = 0;
    unsigned char *a = decode_png(&png, &wa, &ha), *b = decode_png(&ras, &wb, &hb);
    CHECK(a && b && wa == 560 && ha == 200 && wa == wb && ha == hb);
    if (a && b && wa == wb && ha == hb) {
        size_t bad = bad_pixels(a, b, wa, ha);
        if (bad > 40) fprintf(stderr, "  raster: %zu bad pixels of %u\n", bad, wa * ha);
        CHECK(bad <= 40);
    }
    free(a);
    free(b);
    if (path[0]) unlink(path);
    pk_buf_fini(&pdf);
    pk_buf_fini(&png);
    pk_buf_fini(&ras);
    pk_diag_fini(&d);
    pk_scene_free(s);
}

static void document(void)
{
    pk_scene *p1 = page1(), *p2 = page2();
    const pk_scene *pages[] = {p1, p2};
    pk_pdf_info info = {.title = "Film and video editors \xE2\x80\x93 brief",
                        .subject = "Wages \xE2\x89\xA5 $50,000",
                        .author = "presskit test",
                        .keywords = "wages, outlook, \xCE\xB3"};
    pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT, out = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK(pk_pdf_write(pages, 2, &info, &a, &d) == 0);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "  %s\n", d.msgs[i].text);
    CHECK(d.n == 0);
    CHECK(pk_pdf_write(pages, 2, &info, &b, &d) == 0);
    /* determinism: the same bytes, no date */
    CHECK(a.len > 1000 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    CHECK(a.len > 8 && memcmp(a.data, "%PDF-1.5\n", 9) == 0);
    /* appended to what the buffer holds, with offsets from the document's own start */
    pk_buf_reset(&b);
    pk_buf_adds(&b, "prefix");
    CHECK(pk_pdf_write(pages, 2, &info, &b, &d) == 0);
    CHECK(b.len == a.len + 6 && memcmp(b.data + 6, a.data, a.len) == 0);
    CHECK(a.len < 60000); /* two subset fonts and three small images */
    /* the objects packed: one object stream, a cross-reference stream, no plain xref table or
     * /Length objects, the outline and the info in the object stream */
    pk_buf big = PK_BUF_INIT;
    inflated(&a, &big);
    CHECK(has_bytes(&a, "/Type/ObjStm/N ") && has_bytes(&a, "/Type/XRef/Size "));
    CHECK(!has_bytes(&a, "\nxref\n") && !has_bytes(&a, "trailer") && !has_bytes(&a, "/Outlines"));
    CHECK(has_bytes(&big, "/Outlines") && has_bytes(&big, "/Creator <FEFF0070"));
    CHECK(!has_bytes(&big, "CreationDate"));
    /* the file identifier (PDF/A): the CRC-32 and Adler-32 of the bytes before the
     * cross-reference stream (zlib's here), their count, then 8 hex digits (the XMP's sha256) */
    {
        const char *sx = NULL;
        for (size_t i = a.len; i-- > 10 && !sx;)
            if (memcmp(a.data + i, "startxref\n", 10) == 0) sx = a.data + i + 10;
        size_t xref_at = sx ? strtoul(sx, NULL, 10) : 0;
        char want[40];
        snprintf(want, sizeof want, "/ID[<%08lx%08lx%08zx",
                 crc32(0, (const unsigned char *)a.data, (uInt)xref_at),
                 adler32(1, (const unsigned char *)a.data, (uInt)xref_at), xref_at);
        CHECK(xref_at > 0 && has_bytes(&a, want));
    }

    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    pk_buf_reset(&b);
    CHECK(pk_pdf_write(pages, 2, &info, &b, &d) == 0);
    inflated(&b, &big);
    CHECK(has_bytes(&big, "/CreationDate (D:20231114221320Z"));
    setenv("SOURCE_DATE_EPOCH", "soon", 1); /* not a number: no date, as in the manifest */
    pk_buf_reset(&b);
    CHECK(pk_pdf_write(pages, 2, &info, &b, &d) == 0);
    inflated(&b, &big);
    CHECK(has_bytes(&big, "/Creator <FEFF0070") && !has_bytes(&big, "CreationDate"));
    unsetenv("SOURCE_DATE_EPOCH");
    pk_buf_fini(&big);

    char path[40] = "";
    CHECK(to_file(&a, path));
    keep(&a, "document.pdf");
    if (tool("qpdf")) {
        CHECK(run("qpdf --check", path, true, &out) == 0);
        CHECK(has(&out, "No syntax or stream encoding errors"));
        /* the outline: Wages > Median, then Outlook; and the links' URIs, without borders */
        CHECK(run("qpdf --json --json-key=outlines", path, false, &out) == 0);
        /* qpdf's JSON indents a kid's keys four spaces deeper than its parent's */
        const char *w = strstr(out.data, "\n      \"title\": \"Wages \xE2\x80\x93 pay\"");
        const char *m = strstr(out.data, "\n          \"title\": \"Median \xCE\xB3\"");
        const char *o = strstr(out.data, "\n      \"title\": \"Outlook\"");
        CHECK(w && m && o && m < w && w < o);
        CHECK(has(&out, "\"/FitH\",\n        290\n")); /* Wages: y = 10 on a 300 pt page */
        char cmd[128];
        snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s -", path);
        CHECK(run(cmd, "", false, &out) == 0);
        CHECK(has_bytes(&out, "/URI (https://www.bls.gov/oes/)"));
        CHECK(has_bytes(&out, "/URI (https://example.org/caf%C3%A9%20x)"));
        CHECK(has_bytes(&out, "/Border [\n    0\n    0\n    0\n  ]") ||
              has_bytes(&out, "/Border [ 0 0 0 ]"));
        CHECK(has_bytes(&out, "/PageMode /UseOutlines"));
        CHECK(has_bytes(&out, "/MediaBox [\n    0\n    0\n    400\n    300\n  ]"));
        CHECK(has_bytes(&out, "beginbfrange") || has_bytes(&out, "beginbfchar"));
        /* the one cidrange is the one-byte CMap's (fonts of under 256 CIDs), none in a ToUnicode */
        {
            size_t n_cid = 0; /* the qdf text holds binary font data: counted by length */
            for (size_t i = 0; i + 13 <= out.len; i++)
                n_cid += memcmp(out.data + i, "begincidrange", 13) == 0;
            CHECK(n_cid == 1 && has_bytes(&out, "/CMapName /Presskit-OneByte-H def\n/CMapType 1"));
            CHECK(has_bytes(&out, "1 begincidrange\n<00> <FF> 0\nendcidrange"));
            CHECK(has_bytes(&out, "1 begincodespacerange\n<00> <FF>\nendcodespacerange"));
        }
        CHECK(has_bytes(&out, "/SMask")); /* the RGBA image's alpha */
        CHECK(has_bytes(&out, "/DCTDecode"));
        CHECK(has_bytes(&out, "/CA 0.50196") || has_bytes(&out, "/ca 0.50196"));
    }
    if (tool("pdftotext")) {
        CHECK(run("pdftotext -layout", path, true, &out) == 0);
        /* no "Invalid 'begincidrange' operator in ToUnicode CMap" or other warnings */
        CHECK(strstr(out.data, "Warning") == NULL && strstr(out.data, "Error") == NULL);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 %s -", path);
        CHECK(run(cmd, "", false, &out) == 0);
        CHECK(has(&out, "Median wage " HARD_COPIED));
        CHECK(has(&out, "AVAWAY To Ty Yo"));
        CHECK(has(&out, "ends here $66,430"));
        CHECK(has(&out, "clipped text ru") &&
              strstr(out.data, "clipped text run") == NULL); /* "n" is clipped */
        snprintf(cmd, sizeof cmd, "pdftotext -f 2 -l 2 %s -", path);
        CHECK(run(cmd, "", false, &out) == 0);
        /* a figure drawn with the minus sign pastes as a number */
        CHECK(has(&out, "Projected change 2023\xE2\x80\x93"
                        "33: -4% (declining)"));
        /* glyphs where the scene measured them: the END run ends at its anchor, the MIDDLE
         * one is centred on it (pdftotext's boxes are the glyphs' advances) */
        snprintf(cmd, sizeof cmd, "pdftotext -bbox -f 1 -l 1 %s -", path);
        CHECK(run(cmd, "", false, &out) == 0);
        double end = word_xmax(&out, "$66,430");
        CHECK(end > 379.9 && end < 380.1);
        double l = word_xmin(&out, "AVAWAY"), r = word_xmax(&out, "Yo");
        CHECK(l > 0 && r > 0 && fabs((l + r) / 2 - 200) < 0.1);
        /* a run with an /ActualText is one word to poppler, where the run starts */
        double start = word_xmin(&out, "Median wage " HARD_COPIED);
        CHECK(start > 19.95 && start < 20.05);
        if (end <= 379.9 || end >= 380.1) fprintf(stderr, "  END run ends at %g\n", end);
    }
    if (tool("pdffonts")) {
        CHECK(run("pdffonts", path, true, &out) == 0);
        /* two fonts, each embedded, subset and with a ToUnicode map */
        CHECK(has(&out, "HPDFAA+DejaVuSans") && has(&out, "HPDFAB+DejaVuSans-Bold"));
        size_t lines = 0;
        for (const char *p = out.data; (p = strstr(p, " yes yes yes ")) != NULL; p++)
            lines++;
        CHECK(lines == 2);
        CHECK(strstr(out.data, "Warning") == NULL);
    }
    if (tool("pdfinfo")) {
        CHECK(run("pdfinfo", path, true, &out) == 0);
        CHECK(has(&out, "Title:           Film and video editors \xE2\x80\x93 brief"));
        CHECK(has(&out, "Subject:         Wages \xE2\x89\xA5 $50,000"));
        CHECK(has(&out, "Keywords:        wages, outlook, \xCE\xB3"));
        CHECK(has(&out, "Author:          presskit test"));
        CHECK(has(&out, "Creator:         presskit " PRESSKIT_VERSION));
        CHECK(has(&out, "Pages:           2"));
        CHECK(has(&out, "Page size:       400 x 300 pts"));
    }
    if (path[0]) unlink(path);
    pk_buf_fini(&a);
    pk_buf_fini(&b);
    pk_buf_fini(&out);
    pk_diag_fini(&d);
    pk_scene_free(p1);
    pk_scene_free(p2);
}

/* One scene with one problem: pk_pdf_write fails with exactly `want`, leaving out as it was. */
static void fails(pk_scene *s, size_t n_pages, const char *want, pk_fail kind)
{
    const pk_scene *pages[] = {s, s};
    pk_buf out = PK_BUF_INIT;
    pk_buf_adds(&out, "kept");
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_pdf_write(pages, n_pages, NULL, &out, &d) == -1);
    CHECK(out.len == 4 && strcmp(out.data, "kept") == 0);
    CHECK(d.n == 1 && d.msgs[0].kind == kind);
    CHECK_STR(d.n ? d.msgs[0].text : NULL, want);
    pk_diag_fini(&d);
    pk_buf_fini(&out);
    pk_scene_free(s);
}

static void errors(void)
{
    static const unsigned char not_png[] = "\x89PNG\r\n\x1a\nthis is not a PNG at all";
    pk_scene *s = pk_scene_new(F, 100, 100);
    pk_scene_image(s, 0, 0, 10, 10, not_png, sizeof not_png - 1, PK_IMAGE_PNG);
    const pk_scene *one[] = {s};
    pk_buf out = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_pdf_write(one, 1, NULL, &out, &d) == -1 && out.len == 0);
    CHECK(d.n == 1 && d.msgs[0].kind == PK_FAIL_INPUT &&
          strncmp(d.msgs[0].text,
                  "error: PDF: page 1: the image is not a valid PNG (libpng: ", 58) == 0);
    pk_diag_fini(&d);
    pk_buf_fini(&out);
    pk_scene_free(s);

    /* a PNG cut short: the header reads, the pixels do not */
    s = pk_scene_new(F, 100, 100);
    pk_scene_image(s, 0, 0, 10, 10, (const unsigned char *)PNG_RGBA.data, PNG_RGBA.len - 20,
                   PK_IMAGE_PNG);
    pk_scene_text(s, 10, 50, REG, 10, PK_RGB(0), PK_ANCHOR_START, "x");
    one[0] = s;
    CHECK(pk_pdf_write(one, 1, NULL, &out, &d) == -1 && d.n == 1 &&
          strstr(d.msgs[0].text, "not a valid PNG") != NULL);
    pk_diag_fini(&d);
    pk_scene_free(s);

    s = pk_scene_new(F, 100, 100);
    pk_scene_image(s, 0, 0, 10, 10, (const unsigned char *)JPEG.data, JPEG.len - 3, PK_IMAGE_JPEG);
    fails(s, 1, "error: PDF: page 1: the image is not a valid JPEG (no end marker (truncated))",
          PK_FAIL_INPUT);
    s = pk_scene_new(F, 100, 100);
    pk_scene_image(s, 0, 0, 10, 10, (const unsigned char *)PNG_RGB.data, PNG_RGB.len,
                   PK_IMAGE_JPEG);
    fails(s, 1, "error: PDF: page 1: the image is not a valid JPEG (no JPEG start marker)",
          PK_FAIL_INPUT);
    s = pk_scene_new(F, 100, 100);
    pk_scene_text(s, 10, 10, REG, 10, PK_RGB(0), PK_ANCHOR_START, "x");
    s->ops[s->n_ops - 1].font = 7; /* pk_scene_text measures: set the bad id afterwards */
    fails(s, 1, "error: PDF: page 1: a text run uses font 7, but only 2 fonts are loaded",
          PK_FAIL_INPUT);
    fails(pk_scene_new(F, 20000, 100), 1,
          "error: PDF: page 1 is 20000 x 100 pt; a PDF page is 3 to 14400 pt a side",
          PK_FAIL_INPUT);
    fails(pk_scene_new(F, 100, 100), 0, "error: PDF: no pages to write", PK_FAIL_INPUT);
    /* clips nested past libharu's graphics-state limit */
    s = pk_scene_new(F, 100, 100);
    for (int i = 0; i < 40; i++)
        pk_scene_clip(s, 0, 0, 100, 100);
    fails(s, 1, "error: PDF: page 1: clips nested more than 27 deep", PK_FAIL_INPUT);

    CHECK_STR(pk_pdf_error_name(0x103B), "HPDF_INVALID_PNG_IMAGE");
    CHECK(pk_pdf_error_name(0x9999) == NULL);
}

/* Hostile text: controls, invalid UTF-8, characters outside the BMP and ones the font lacks
 * still make a valid PDF, and the run still ends at its anchor. */
static void hostile(void)
{
    pk_scene *s = pk_scene_new(F, 300, 100);
    pk_scene_text(s, 290, 30, REG, 12, PK_RGB(0), PK_ANCHOR_END,
                  "a\x01"
                  "b \xFF\xFE c \xF0\x9F\x98\x80 d \xE4\xB8\xAD e \xED\xA0\x80 f");
    pk_scene_text(s, 10, 95, BOLD, 700, PK_RGB(0x0072B2), PK_ANCHOR_START, "Wy"); /* > 600 pt */
    pk_scene_mark(s, 3, 10, "deep \x01 mark \xF0\x9F\x98\x80"); /* level 3 with no parent */
    pk_scene_link(s, 0, 0, 10, 10, "");
    pk_scene_link(s, 0, 0, 10, 10, "javascript:(\x01\"\\)");
    const pk_scene *one[] = {s};
    pk_buf out = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_pdf_write(one, 1, &(pk_pdf_info){.title = "t\x01(\\)\xFF"}, &out, &d) == 0 &&
          d.n == 0);
    char path[40] = "";
    keep(&out, "hostile.pdf");
    pk_buf o = PK_BUF_INIT;
    if (to_file(&out, path) && tool("qpdf")) CHECK(run("qpdf --check", path, true, &o) == 0);
    if (path[0] && tool("pdftotext")) {
        /* the run still ends at its anchor, whatever it holds */
        char cmd[128];
        snprintf(cmd, sizeof cmd, "pdftotext -bbox %s -", path);
        CHECK(run(cmd, "", false, &o) == 0);
        double end = word_xmax(&o, "f");
        CHECK(end > 289.9 && end < 290.1);
        if (!(end > 289.9 && end < 290.1)) fprintf(stderr, "  hostile run ends at %g\n", end);
    }
    pk_buf_fini(&o);
    if (path[0]) unlink(path);
    pk_buf_fini(&out);
    pk_diag_fini(&d);
    pk_scene_free(s);
}

/* One byte a glyph while every CID of a font fits (ASCII's own codes, then one from 128 up per
 * other character): 128 characters past ASCII (U+0100 to U+017F) end at CID 255, one byte; a
 * 129th (U+0391) needs 256, Identity-H. Either way pdftotext reads the text back whole. */
static void code_width(void)
{
    for (int extra = 0; extra <= 1; extra++) {
        pk_buf text = PK_BUF_INIT;
        pk_buf_adds(&text, "Ab ");
        for (unsigned cp = 0x100; cp < 0x180; cp++) {
            char u[3] = {(char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F)), 0};
            pk_buf_adds(&text, u);
        }
        if (extra) pk_buf_adds(&text, "\xCE\x91"); /* U+0391 */
        pk_scene *s = pk_scene_new(F, 1400, 60);
        pk_scene_text(s, 10, 30, REG, 8, PK_RGB(0), PK_ANCHOR_START, pk_buf_str(&text));
        const pk_scene *one[] = {s};
        pk_buf pdf = PK_BUF_INIT, big = PK_BUF_INIT, out = PK_BUF_INIT;
        pk_diag d = PK_DIAG_INIT;
        CHECK(pk_pdf_write(one, 1, NULL, &pdf, &d) == 0);
        inflated(&pdf, &big);
        bool identity = has_bytes(&big, "/Encoding/Identity-H") || has_bytes(&big, "/Encoding /Identity-H");
        CHECK(extra ? identity : !identity);
        CHECK(extra ? !has_bytes(&big, "Presskit-OneByte-H") : has_bytes(&big, "/CMapName /Presskit-OneByte-H"));
        char path[40] = "";
        if (tool("pdftotext") && to_file(&pdf, path)) {
            char cmd[128];
            snprintf(cmd, sizeof cmd, "pdftotext %s -", path);
            CHECK(run(cmd, "", false, &out) == 0 && has(&out, pk_buf_str(&text)));
        }
        if (path[0]) unlink(path);
        pk_buf_fini(&text);
        pk_buf_fini(&pdf);
        pk_buf_fini(&big);
        pk_buf_fini(&out);
        pk_diag_fini(&d);
        pk_scene_free(s);
    }
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    F = pk_fonts_new();
    REG = pk_fonts_load(F, PK_DEFAULT_FAMILY, false, &d);
    BOLD = pk_fonts_load(F, PK_DEFAULT_FAMILY, true, &d);
    CHECK(REG >= 0 && BOLD >= 0);
    if (REG < 0 || BOLD < 0) return pk_t_finish();
    make_images();
    RUN(subset);
    RUN(glyphs);
    RUN(document);
    RUN(raster);
    RUN(code_width);
    RUN(errors);
    RUN(hostile);
    pk_buf_fini(&PNG_RGB);
    pk_buf_fini(&PNG_RGBA);
    pk_buf_fini(&JPEG);
    pk_fonts_free(F);
    pk_diag_fini(&d);
    return pk_t_finish();
}
