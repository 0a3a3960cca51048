/* test_render.c: the SVG writer, the PNG painter and the suffix table (reports/svg.c,
 * reports/cairo_png.c, reports/render.c) on a scene built by hand: escaping, accessibility,
 * determinism, well-formedness (xmllint when installed), hostile text (bidirectional controls,
 * markup, quotes), PNG size, pixels and text placement; the PNG encoder on pixels made here
 * (palette exact, within the bound of reports/palette.h, or RGB), decoded again with libpng. */
#include "harness.h"

#include <png.h>
#include <stdlib.h>
#include <unistd.h>

#include "data/buf.h"
#include "fonts/fonts.h"
#include "layouts/scene.h"
#include "reports/palette.h"
#include "reports/render.h"

static pk_fonts *F;
static int REG, BOLD;

#define HARD_TEXT                                                                                  \
    "\xE2\x80\x93\xE2\x88\x92\xE2\x86\x92\xC3\x97\xC2\xB7\xCE\xB3\xC3\xA9\xE2\x89\xA5"             \
    "\xE2\x89\xA4 & <b>\""
#define HARD_TEXT_ESC                                                                              \
    "\xE2\x80\x93\xE2\x88\x92\xE2\x86\x92\xC3\x97\xC2\xB7\xCE\xB3\xC3\xA9"                         \
    "\xE2\x89\xA5\xE2\x89\xA4 &amp; &lt;b&gt;&quot;"
#define FFFD "\xEF\xBF\xBD"

/* 300 x 150 pt = 400 x 200 px: a blue rect at (10, 10) 60 x 40 pt, so pixel (53, 40) is blue */
static pk_scene *sample(void)
{
    pk_scene *s = pk_scene_new(F, 300, 150);
    pk_scene_set_text(s, "Wages & <pay>", "Median 'wage' \x01 is \xFF$50,000");
    pk_scene_group(s, "bars");
    pk_scene_rect(s, 10, 10, 60, 40, PK_RGB(0x0072B2), PK_NONE, 0);
    pk_scene_rect(s, -0.001, 12.5, 33.333, 10, PK_RGB(0xE69F00), PK_RGB(0x000000), 0.5);
    pk_scene_ungroup(s);
    pk_scene_line(s, 0, 100, 300, 100, PK_RGB(0x999999), 1, 2);
    const double pts[] = {100, 10, 150, 60, 120, 80};
    pk_scene_path(s, pts, 3, true, (pk_rgba){0, 158, 115, 128}, PK_RGB(0x000000), 0.5);
    pk_scene_clip(s, 150, 0, 100, 150);
    pk_scene_text(s, 150, 130, REG, 12, PK_RGB(0x222222), PK_ANCHOR_START, HARD_TEXT);
    pk_scene_unclip(s);
    pk_scene_text(s, 150, 20, BOLD, 14, PK_RGB(0x000000), PK_ANCHOR_MIDDLE, "Title");
    pk_scene_text(s, 290, 40, REG, 10, PK_RGB(0x000000), PK_ANCHOR_END, "end \xFF\x02");
    return s;
}

/* 0 when xmllint accepts the document (or is not installed: -1 is never returned then) */
static int xmllint(const pk_buf *b)
{
    if (system("command -v xmllint > /dev/null 2>&1") != 0) {
        fprintf(stderr, "note: no xmllint, SVG well-formedness not checked\n");
        return 0;
    }
    char path[] = "/tmp/pk-test-render-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    int ok = write(fd, b->data, b->len) == (ssize_t)b->len;
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
    int rc = ok ? system(cmd) : -1;
    unlink(path);
    return rc == 0 ? 0 : -1;
}

static bool has(const pk_buf *b, const char *needle)
{
    bool ok = b->data && strstr(b->data, needle) != NULL;
    if (!ok) fprintf(stderr, "  missing: %s\n", needle);
    return ok;
}

static void svg(void)
{
    pk_scene *s = sample();
    pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
    pk_svg_write(s, &a);
    pk_svg_write(s, &b);
    CHECK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"400\" "
                        "height=\"200\" viewBox=\"0 0 300 150\" role=\"img\" aria-labelledby=\"";
    CHECK(a.len > sizeof head && memcmp(a.data, head, sizeof head - 1) == 0);
    CHECK(has(&a, "-title\">Wages &amp; &lt;pay&gt;</title>\n<desc id=\"pk-"));
    CHECK(has(&a, "-desc\">Median &apos;wage&apos; " FFFD " is " FFFD "$50,000</desc>"));
    CHECK(has(&a, ">" HARD_TEXT_ESC "</text>"));
    CHECK(has(&a, ">end " FFFD FFFD "</text>"));
    CHECK(has(&a, "<text x=\"150\" y=\"20\" font-family=\"'DejaVu Sans', sans-serif\" "
                  "font-weight=\"bold\" font-size=\"14\" fill=\"#000000\" text-anchor=\"middle\">"
                  "Title</text>"));
    CHECK(has(&a, "text-anchor=\"end\">end"));
    CHECK(has(&a, "font-weight=\"normal\" font-size=\"12\" fill=\"#222222\">"));
    /* numbers: two decimals at most, no "-0", trailing zeros trimmed */
    CHECK(has(&a, "<rect x=\"0\" y=\"12.5\" width=\"33.33\" height=\"10\" fill=\"#e69f00\" "
                  "stroke=\"#000000\" stroke-width=\"0.5\"/>"));
    CHECK(has(&a, "<path d=\"M100 10L150 60L120 80Z\" fill=\"#009e73\" fill-opacity=\"0.5\""));
    CHECK(has(&a, "stroke-dasharray=\"2\""));
    CHECK(has(&a, "<g class=\"bars\">"));
    CHECK(has(&a, "-clip-1\"><rect x=\"150\" y=\"0\" width=\"100\" height=\"150\"/></clipPath>"));
    CHECK(has(&a, "<g clip-path=\"url(#pk-"));
    CHECK(strstr(a.data, "-0\"") == NULL && strstr(a.data, "-0 ") == NULL);
    CHECK(a.len > 7 && strcmp(a.data + a.len - 7, "</svg>\n") == 0);
    CHECK(xmllint(&a) == 0);

    /* a second scene, same content: same bytes (ids come from the scene, not a counter) */
    pk_scene *s2 = sample();
    pk_buf c = PK_BUF_INIT;
    pk_svg_write(s2, &c);
    CHECK(c.len == a.len && memcmp(c.data, a.data, a.len) == 0);
    pk_buf_fini(&c);
    pk_scene_free(s2);

    /* unbalanced groups and clips still give well-formed XML */
    pk_scene *u = pk_scene_new(F, 100, 50);
    pk_scene_unclip(u);
    pk_scene_ungroup(u);
    pk_scene_group(u, "a\"b<c");
    pk_scene_clip(u, 0, 0, 10, 10);
    pk_scene_rect(u, 10, 10, -5, -5, PK_RGB(0x123456), PK_NONE, 0);
    pk_buf_reset(&c);
    pk_svg_write(u, &c);
    CHECK(has(&c, "<g class=\"a&quot;b&lt;c\">"));
    CHECK(has(&c, "<rect x=\"5\" y=\"5\" width=\"5\" height=\"5\""));
    CHECK(strstr(c.data, "<title") == NULL && strstr(c.data, "aria-labelledby") == NULL);
    CHECK(xmllint(&c) == 0);
    pk_buf buf = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_png_write(u, 1, &buf, &d) == 0 && d.n == 0);
    pk_diag_fini(&d);
    pk_buf_fini(&buf);
    pk_buf_fini(&c);
    pk_scene_free(u);

    pk_buf_fini(&a);
    pk_buf_fini(&b);
    pk_scene_free(s);
}

static bool has_bytes(const pk_buf *b, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0) return true;
    return false;
}

static unsigned be32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (unsigned)u[0] << 24 | (unsigned)u[1] << 16 | (unsigned)u[2] << 8 | u[3];
}

/* RGB pixels of a PNG (free them), or NULL */
static unsigned char *decode(const pk_buf *b, unsigned *w, unsigned *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, b->data, b->len)) return NULL;
    img.format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        png_image_free(&img);
        free(px);
        return NULL;
    }
    *w = img.width;
    *h = img.height;
    return px;
}

/* Hostile text: bidirectional controls (U+202E would show what follows backwards in a viewer,
 * while the scene was measured and the PNG drawn left to right) are dropped from the SVG; markup
 * and quotes are escaped, in text, <title>, <desc> and attributes alike. */
#define RLO "\xE2\x80\xAE"
#define LRI "\xE2\x81\xA6"
#define PDI "\xE2\x81\xA9"
#define RLM "\xE2\x80\x8F"
#define ALM "\xD8\x9C"

static void hostile_svg(void)
{
    pk_scene *s = pk_scene_new(F, 200, 100);
    pk_scene_set_text(s, "Title " RLO "evil" LRI "x" PDI " <script>",
                      "Desc " RLM "&amp; 'q' \"qq\" " ALM "]]> <!-- -->");
    pk_scene_group(s, "g\" onload=\"alert(1)");
    pk_scene_text(s, 10, 50, REG, 12, PK_RGB(0x000000), PK_ANCHOR_START,
                  "Sound " RLO "srepaeK" RLO " & <Co> \"q\" 'a' ]]>");
    pk_scene_ungroup(s);
    pk_buf b = PK_BUF_INIT;
    pk_svg_write(s, &b);
    const char *bidi[] = {RLO, LRI, PDI, RLM, ALM};
    for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++)
        CHECK(!has_bytes(&b, bidi[i], strlen(bidi[i])));
    CHECK(has(&b, ">Title evilx &lt;script&gt;</title>"));
    CHECK(has(&b, ">Desc &amp;amp; &apos;q&apos; &quot;qq&quot; ]]&gt; &lt;!-- --&gt;</desc>"));
    CHECK(has(&b, "<g class=\"g&quot; onload=&quot;alert(1)\">"));
    CHECK(has(&b, ">Sound srepaeK &amp; &lt;Co&gt; &quot;q&quot; &apos;a&apos; ]]&gt;</text>"));
    CHECK(strstr(b.data, "<script") == NULL && strstr(b.data, "onload=\"") == NULL);
    CHECK(xmllint(&b) == 0);
    pk_buf_fini(&b);
    pk_scene_free(s);

    /* the PNG painter shows no box for a format character the font lacks (U+2066) */
    pk_scene *t = pk_scene_new(F, 60, 30);
    pk_scene_text(t, 10, 20, REG, 20, PK_RGB(0x000000), PK_ANCHOR_START, LRI PDI RLO RLM);
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_png_write(t, 1, &b, &d) == 0);
    unsigned w = 0, h = 0;
    unsigned char *px = decode(&b, &w, &h);
    CHECK(px != NULL);
    bool blank = px != NULL;
    for (size_t i = 0; px && i < (size_t)w * h * 3; i++)
        blank = blank && px[i] == 0xFF;
    CHECK(blank);
    free(px);
    pk_diag_fini(&d);
    pk_buf_fini(&b);
    pk_scene_free(t);
}

static unsigned rgb_at(const unsigned char *px, unsigned w, unsigned x, unsigned y)
{
    const unsigned char *p = px + 3 * ((size_t)y * w + x);
    return (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
}

static void png(void)
{
    pk_scene *s = sample();
    pk_diag d = PK_DIAG_INIT;
    for (int scale = 1; scale <= 2; scale++) {
        pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
        CHECK(pk_png_write(s, scale, &a, &d) == 0);
        CHECK(pk_png_write(s, scale, &b, &d) == 0);
        CHECK(a.len > 33 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        CHECK(a.len > 33 && memcmp(a.data, "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16) == 0);
        CHECK(a.len > 33 && be32(a.data + 16) == 400u * (unsigned)scale);
        CHECK(a.len > 33 && be32(a.data + 20) == 200u * (unsigned)scale);
        CHECK(!has_bytes(&a, "tIME", 4)); /* deterministic: no time chunk */
        unsigned w = 0, h = 0;
        unsigned char *px = decode(&a, &w, &h);
        CHECK(px && w == 400u * (unsigned)scale && h == 200u * (unsigned)scale);
        if (px) {
            /* the blue rect's middle, (40, 30) pt, and the white background at (290, 5) pt */
            CHECK(rgb_at(px, w, 53 * (unsigned)scale, 40 * (unsigned)scale) == 0x0072B2);
            CHECK(rgb_at(px, w, 386 * (unsigned)scale, 7 * (unsigned)scale) == 0xFFFFFF);
        }
        free(px);
        pk_buf_fini(&a);
        pk_buf_fini(&b);
    }
    CHECK(d.n == 0);

    /* the suffix table: @2x.png before .png, any case; unknown suffixes are usage errors */
    pk_buf b = PK_BUF_INIT;
    CHECK(pk_render(s, "chart@2x.png", &b, &d) == 0 && be32(b.data + 16) == 800);
    pk_buf_reset(&b);
    CHECK(pk_render(s, "CHART.PNG", &b, &d) == 0 && be32(b.data + 16) == 400);
    pk_buf_reset(&b);
    CHECK(pk_render(s, "chart.svg", &b, &d) == 0 && strncmp(b.data, "<?xml", 5) == 0);
    CHECK(d.n == 0);
    pk_buf_reset(&b);
    CHECK(pk_render(s, "Chart.PDF", &b, &d) == 0 && strncmp(b.data, "%PDF-", 5) == 0);
    CHECK(d.n == 0);
    pk_buf_reset(&b);
    CHECK(pk_render(s, "chart.tiff", &b, &d) == -1 && b.len == 0);
    CHECK(d.n == 1 && d.msgs[0].kind == PK_FAIL_USAGE);
    CHECK_STR(d.n ? d.msgs[0].text : NULL,
              "chart.tiff: error: unknown format (expected .svg, .png, @2x.png or .pdf)");
    pk_diag_fini(&d);
    CHECK(pk_png_write(s, 0, &b, &d) == -1 && d.n == 1 && d.msgs[0].kind == PK_FAIL_IO);
    pk_diag_fini(&d);
    pk_buf_fini(&b);
    pk_scene_free(s);
}

/* Columns of a decoded image that hold ink (any pixel darker than 0xC0 in green) */
static void ink_columns(const unsigned char *px, unsigned w, unsigned h, unsigned *lo, unsigned *hi)
{
    *lo = w;
    *hi = 0;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++)
            if (px[3 * ((size_t)y * w + x) + 1] < 0xC0) {
                if (x < *lo) *lo = x;
                if (x > *hi) *hi = x;
            }
}

/* Text is drawn where it was measured: the ink of an END run ends at x, of a MIDDLE run is
 * centred on x, of a START run begins at x (give or take the glyphs' side bearings). */
static void text_placement(void)
{
    static const pk_anchor anchors[] = {PK_ANCHOR_START, PK_ANCHOR_MIDDLE, PK_ANCHOR_END};
    for (int i = 0; i < 3; i++) {
        pk_scene *s = pk_scene_new(F, 300, 60); /* 400 x 80 px */
        double tw = pk_scene_text(s, 150, 40, REG, 20, PK_RGB(0x000000), anchors[i], "HAVANA WAVE");
        CHECK(tw > 100 && tw < 200);
        pk_buf b = PK_BUF_INIT;
        pk_diag d = PK_DIAG_INIT;
        CHECK(pk_png_write(s, 1, &b, &d) == 0);
        unsigned w = 0, h = 0, lo, hi;
        unsigned char *px = decode(&b, &w, &h);
        CHECK(px != NULL);
        if (px) {
            ink_columns(px, w, h, &lo, &hi);
            double k = 4.0 / 3, x0 = 150 - (i == 2 ? tw : i == 1 ? tw / 2 : 0);
            double left = x0 * k, right = (x0 + tw) * k; /* the measured box, px */
            /* DejaVu's H and E sit ~2 pt inside their advance: allow 4 px either side */
            if (!(lo + 0.5 >= left - 1 && lo <= left + 4 && hi + 0.5 <= right + 1 &&
                  hi + 4 >= right))
                fprintf(stderr, "  anchor %d: ink %u..%u px, measured %.1f..%.1f px\n", i, lo, hi,
                        left, right);
            CHECK(lo + 0.5 >= left - 1 && lo <= left + 4);
            CHECK(hi + 0.5 <= right + 1 && hi + 4 >= right);
        }
        free(px);
        pk_buf_fini(&b);
        pk_diag_fini(&d);
        pk_scene_free(s);
    }
}

/* ---- the encoder on pixels made here ---- */

/* An image as pk_png_draw returns it: 0x00RRGGBB, with garbage in the top byte (cairo's RGB24
 * leaves it undefined) and 4 pixels of row padding, which must not count. */
typedef struct image {
    uint32_t *px;
    int w, h;
    size_t stride;
} image;

static image image_new(int w, int h)
{
    image im = {NULL, w, h, (size_t)(w + 4) * 4};
    im.px = calloc((size_t)(w + 4) * (size_t)h, 4);
    for (size_t i = 0; i < (size_t)(w + 4) * (size_t)h; i++)
        im.px[i] = 0xAB000000u | (uint32_t)(i * 2654435761u & 0xFFFFFF); /* padding: noise */
    return im;
}

static void put(image *im, int x, int y, uint32_t rgb)
{
    im->px[(size_t)y * (size_t)(im->w + 4) + (size_t)x] =
        (uint32_t)((x * 7 + y) & 0xFF) << 24 | rgb;
}

static uint32_t get(const image *im, int x, int y)
{
    return im->px[(size_t)y * (size_t)(im->w + 4) + (size_t)x] & 0xFFFFFF;
}

/* Encodes im with PK_PNG_AUTO (twice: the bytes must be equal), decodes it with libpng and
 * returns the largest channel difference to the pixels (-1 when something failed); *changed
 * counts the pixels that differ; *type and *depth are the IHDR's colour type and bit depth. */
static int roundtrip(const image *im, size_t *changed, int *type, int *depth)
{
    pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    int worst = -1;
    unsigned w = 0, h = 0;
    unsigned char *px = NULL;
    *changed = 0;
    if (pk_png_encode(im->px, im->stride, im->w, im->h, 1, PK_PNG_AUTO, &a, &d) != 0 ||
        pk_png_encode(im->px, im->stride, im->w, im->h, 1, PK_PNG_AUTO, &b, &d) != 0 ||
        a.len != b.len || memcmp(a.data, b.data, a.len) != 0 || a.len < 33)
        goto done;
    *depth = (unsigned char)a.data[24];
    *type = (unsigned char)a.data[25];
    /* the chunks every PNG of ours has, and no time chunk */
    if (!has_bytes(&a, "sRGB", 4) || !has_bytes(&a, "pHYs", 4) || has_bytes(&a, "tIME", 4) ||
        has_bytes(&a, "PLTE", 4) != (*type == 3))
        goto done;
    px = decode(&a, &w, &h);
    if (!px || w != (unsigned)im->w || h != (unsigned)im->h) goto done;
    worst = 0;
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++) {
            uint32_t want = get(im, x, y), got = rgb_at(px, w, (unsigned)x, (unsigned)y);
            int m = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int dlt = abs((int)(want >> sh & 0xFF) - (int)(got >> sh & 0xFF));
                m = dlt > m ? dlt : m;
            }
            *changed += m > 0;
            worst = m > worst ? m : worst;
        }
done:
    free(px);
    pk_diag_fini(&d);
    pk_buf_fini(&a);
    pk_buf_fini(&b);
    return worst;
}

/* The palette pk_png_encode would choose for im. */
static pk_palette_kind plan(const image *im, pk_palette *p)
{
    return pk_palette_init(p, im->px, im->stride, (size_t)im->w, (size_t)im->h);
}

/* Colour i of a set of well separated colours (no two within 16 levels in every channel:
 * i's base-7 digits, 40 levels apart). */
static uint32_t distinct(int i)
{
    return (uint32_t)(20 + 40 * (i % 7)) << 16 | (uint32_t)(20 + 40 * (i / 7 % 7)) << 8 |
           (uint32_t)(20 + 40 * (i / 49 % 7));
}

/* At most 256 colours: an exact palette, at the fewest bits that hold it (rows packed at 1, 2
 * and 4 bits, in a width that is no multiple of 8). */
static void png_palette_exact(void)
{
    static const struct {
        int colors, bits;
    } cases[] = {{1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 4}, {16, 4}, {17, 8}, {256, 8}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        image im = image_new(203, 37);
        /* runs of several lengths, rows repeated and not, every colour present */
        for (int y = 0; y < im.h; y++)
            for (int x = 0; x < im.w; x++)
                put(&im, x, y, distinct(((x / (1 + y % 5)) + y / 3) % cases[c].colors));
        for (int i = 0; i < cases[c].colors; i++)
            put(&im, i % im.w, im.h - 1 - i / im.w, distinct(i));
        pk_palette p;
        CHECK(plan(&im, &p) == PK_PALETTE_EXACT && p.n == (size_t)cases[c].colors &&
              p.bits == cases[c].bits && p.changed_px == 0);
        pk_palette_fini(&p);
        size_t changed;
        int type = 0, depth = 0;
        CHECK(roundtrip(&im, &changed, &type, &depth) == 0 && changed == 0);
        if (type != 3 || depth != cases[c].bits)
            fprintf(stderr, "  %d colours: colour type %d, %d bits\n", cases[c].colors, type,
                    depth);
        CHECK(type == 3 && depth == cases[c].bits);
        free(im.px);
    }
}

/* 256 colours in blocks (each 60 pixels or more) and 44 rare ones (one or two pixels each, as
 * antialiasing leaves them), each within 10 levels of a frequent one: the 256 most frequent are
 * kept, the 44 move to their nearest, and the result is within the bound. */
static void png_palette_frequent(void)
{
    image im = image_new(320, 60);
    for (int y = 0; y < im.h; y++)
        for (int x = 0; x < im.w; x++)
            put(&im, x, y, distinct((x / 20) + 16 * (y / 4))); /* 16 x 15 blocks of 20 x 4 */
    for (int i = 240; i < 256; i++)                            /* 16 more, in the last row */
        for (int x = 0; x < 20; x++)
            put(&im, (i - 240) * 20 + x, im.h - 1, distinct(i));
    size_t rare_px = 0;
    for (int i = 0; i < 44; i++) {
        uint32_t near = distinct(i * 5) + (uint32_t)(1 + i % 10) * 0x010000 + 0x000100 * (i % 3);
        for (int k = 0; k <= i % 2; k++, rare_px++)
            put(&im, 3 + 7 * i + k, 10 + i % 40, near);
    }
    pk_palette p;
    CHECK(plan(&im, &p) == PK_PALETTE_FREQUENT);
    CHECK(p.colors == 300 && p.n == 256 && p.bits == 8 && p.changed_px == rare_px);
    CHECK(p.max_err > 1 && p.max_err <= PK_PALETTE_MAX_ERR);
    pk_palette_fini(&p);
    size_t changed;
    int type = 0, depth = 0;
    int worst = roundtrip(&im, &changed, &type, &depth);
    CHECK(worst > 0 && worst <= PK_PALETTE_MAX_ERR && changed == rare_px);
    CHECK(changed * PK_PALETTE_CHANGED_1_IN <= (size_t)im.w * (size_t)im.h);
    CHECK(type == 3 && depth == 8);

    /* the same rare colours 40 levels away from every frequent one: beyond the bound, so the
     * encoder keeps RGB, exactly */
    for (int i = 0; i < 44; i++)
        for (int k = 0; k <= i % 2; k++)
            put(&im, 3 + 7 * i + k, 10 + i % 40, distinct(i * 5) + 0x141414);
    CHECK(plan(&im, &p) == PK_PALETTE_NONE && p.max_err > PK_PALETTE_MAX_ERR);
    pk_palette_fini(&p);
    CHECK(roundtrip(&im, &changed, &type, &depth) == 0 && changed == 0 && type == 2);

    /* close colours, but too many pixels of them (1 in 10): RGB */
    for (int y = 0; y < im.h; y += 10)
        for (int x = 0; x < im.w; x++)
            put(&im, x, y, distinct((x / 20) + 16 * (y / 4)) + 0x080000 + 0x0100 * (x % 44 / 11));
    CHECK(plan(&im, &p) == PK_PALETTE_NONE);
    pk_palette_fini(&p);
    CHECK(roundtrip(&im, &changed, &type, &depth) == 0 && changed == 0 && type == 2);
    free(im.px);
}

/* Antialiasing's near-duplicates: 200 colours, each with a twin one level away that is almost as
 * frequent, and 44 rare colours far from all of them. The 256 most frequent would map the rare
 * ones 40 levels away (beyond the bound); merging each twin into its colour leaves room for
 * them, and nothing moves by more than one level. */
static void png_palette_merged(void)
{
    image im = image_new(400, 50);
    for (int y = 0; y < im.h; y++)
        for (int x = 0; x < im.w; x++) {
            int i = (x / 20) + 20 * (y / 5); /* 20 x 10 blocks */
            bool twin = x % 20 >= 11;        /* 9 of 20 pixels: less frequent than its colour */
            put(&im, x, y, distinct(i) + (twin ? 0x010101 : 0));
        }
    for (int i = 0; i < 44; i++)
        put(&im, 5 + 9 * i, 2 + i, distinct(i) + 0x141414);
    pk_palette p;
    CHECK(plan(&im, &p) == PK_PALETTE_MERGED);
    CHECK(p.colors == 444 && p.n == 244 && p.max_err == 1 && p.changed_px_over1 == 0);
    size_t twins = p.changed_px;
    pk_palette_fini(&p);
    size_t changed;
    int type = 0, depth = 0;
    CHECK(roundtrip(&im, &changed, &type, &depth) == 1 && changed == twins && type == 3);
    free(im.px);
}

/* A photograph-like gradient (tens of thousands of colours) is not flat colours: RGB, exact. */
static void png_rgb_gradient(void)
{
    image im = image_new(300, 200);
    for (int y = 0; y < im.h; y++)
        for (int x = 0; x < im.w; x++)
            put(&im, x, y,
                (uint32_t)(x * 255 / 299) << 16 | (uint32_t)(y * 255 / 199) << 8 |
                    (uint32_t)((x * y + x / 3) & 0xFF));
    pk_palette p;
    CHECK(plan(&im, &p) == PK_PALETTE_NONE && p.colors == PK_PALETTE_MAX_COUNTED + 1);
    pk_palette_fini(&p);
    size_t changed;
    int type = 0, depth = 0;
    CHECK(roundtrip(&im, &changed, &type, &depth) == 0 && changed == 0);
    CHECK(type == 2 && depth == 8);

    /* a scene of too many colours for a palette, through pk_png_write, which packs the RGB rows
     * into the drawn pixels' own memory: decoded, it equals the pixels pk_png_draw draws */
    pk_scene *many = pk_scene_new(F, 300, 150);
    for (int i = 0; i < 3000; i++)
        pk_scene_rect(many, (i % 60) * 5, (i / 60) * 3, 5, 3,
                      PK_RGB((uint32_t)(i * 7919u) & 0xFFFFFF), PK_NONE, 0);
    for (int scale = 1; scale <= 2; scale++) {
        pk_buf pb = PK_BUF_INIT;
        pk_diag pd = PK_DIAG_INIT;
        int dw, dh;
        size_t ds;
        uint32_t *drawn = pk_png_draw(many, scale, &dw, &dh, &ds, &pd);
        CHECK(drawn && pk_png_write(many, scale, &pb, &pd) == 0 && pb.len > 33 && pb.data[25] == 2);
        unsigned pw = 0, ph = 0;
        unsigned char *px = drawn ? decode(&pb, &pw, &ph) : NULL;
        bool same = px && (int)pw == dw && (int)ph == dh;
        for (int y = 0; same && y < dh; y++)
            for (int x = 0; same && x < dw; x++)
                same = rgb_at(px, pw, (unsigned)x, (unsigned)y) ==
                       (drawn[(size_t)y * (ds / 4) + (size_t)x] & 0xFFFFFF);
        CHECK(same);
        free(px);
        free(drawn);
        pk_buf_fini(&pb);
        pk_diag_fini(&pd);
    }
    pk_scene_free(many);

    /* PK_PNG_RGB is RGB whatever the colours; sizes out of range are refused */
    image flat = image_new(10, 10);
    for (int i = 0; i < 100; i++)
        put(&flat, i % 10, i / 10, 0x336699);
    pk_buf b = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_png_encode(flat.px, flat.stride, 10, 10, 1, PK_PNG_RGB, &b, &d) == 0);
    CHECK(b.len > 33 && b.data[25] == 2);
    pk_buf_reset(&b);
    CHECK(pk_png_encode(flat.px, flat.stride, 10, 10, 1, PK_PNG_AUTO, &b, &d) == 0);
    CHECK(b.len > 33 && b.data[25] == 3 && b.data[24] == 1); /* one colour: 1 bit */
    CHECK(d.n == 0);
    pk_buf_reset(&b);
    CHECK(pk_png_encode(flat.px, flat.stride, 0, 10, 1, PK_PNG_AUTO, &b, &d) == -1 && b.len == 0);
    CHECK(d.n == 1 && d.msgs[0].kind == PK_FAIL_IO);
    pk_diag_fini(&d);
    pk_buf_fini(&b);
    free(flat.px);
    free(im.px);
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    F = pk_fonts_new();
    REG = pk_fonts_load(F, PK_DEFAULT_FAMILY, false, &d);
    BOLD = pk_fonts_load(F, PK_DEFAULT_FAMILY, true, &d);
    if (REG < 0 || BOLD < 0) {
        fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "no fonts");
        pk_fonts_free(F);
        pk_diag_fini(&d);
        return 1;
    }
    RUN(svg);
    RUN(hostile_svg);
    RUN(png);
    RUN(text_placement);
    RUN(png_palette_exact);
    RUN(png_palette_frequent);
    RUN(png_palette_merged);
    RUN(png_rgb_gradient);
    pk_fonts_free(F);
    pk_diag_fini(&d);
    return pk_t_finish();
}
