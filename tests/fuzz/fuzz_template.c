/* fuzz_template.c: the template reader (layouts/template.c) on any bytes, then the brief of the
 * sample's record laid out in every template that loads and painted as a PDF in memory. The
 * template is a file in a scratch folder beside a small PNG and JPEG logo, a truncated PNG, a
 * file that is not an image, and symbolic links to a logo outside the folder, so logo paths are
 * exercised. Oracles: a template never makes presskit read the logo outside its folder; every op
 * of every page inside the page; a template that loads and lays out gives a whole PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/buf.h"
#include "data/store.h"
#include "fuzz.h"
#include "layouts/para.h"
#include "layouts/template.h"
#include "reports/brief.h"
#include "reports/kit.h"
#include "reports/pdf.h"

/* 4 x 2 px RGB, 3 x 3 px RGB (the one outside the folder) and a 1 x 1 grey baseline JPEG */
static const unsigned char logo_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xf0,
    0xca, 0xea, 0x34, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x78,
    0x11, 0xab, 0x05, 0x47, 0x0c, 0xc8, 0x1c, 0x00, 0x9b, 0x22, 0x0b, 0x79, 0x4f, 0xc9, 0xb1,
    0x9e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static const unsigned char secret_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x03, 0x08, 0x02, 0x00, 0x00, 0x00, 0xd9,
    0x4a, 0x22, 0xe8, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x60,
    0xf8, 0xcf, 0x00, 0x45, 0x58, 0x58, 0x00, 0x86, 0x97, 0x08, 0xf8, 0x7a, 0xe0, 0x82, 0x8d,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static unsigned char logo_jpg[141] = {0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00}; /* + below */

static void make_jpeg(void)
{
    /* SOI, a quantisation table of ones, SOF0 1 x 1 one component, one-code DC and AC Huffman
     * tables, SOS, one entropy-coded byte, EOI */
    size_t n = 7;
    memset(logo_jpg + n, 1, 64), n += 64;
    static const unsigned char sof[] = {0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01,
                                        0x01, 0x01, 0x11, 0x00};
    memcpy(logo_jpg + n, sof, sizeof sof), n += sizeof sof;
    for (int k = 0; k < 2; k++) {
        static const unsigned char dht[] = {0xff, 0xc4, 0x00, 0x14};
        memcpy(logo_jpg + n, dht, 4), n += 4;
        logo_jpg[n++] = k ? 0x10 : 0x00;
        logo_jpg[n++] = 1;
        memset(logo_jpg + n, 0, 16), n += 16; /* 15 more counts, then the one symbol, 0 */
    }
    static const unsigned char sos[] = {0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f,
                                        0x00, 0x3f, 0xff, 0xd9};
    memcpy(logo_jpg + n, sos, sizeof sos), n += sizeof sos;
    if (n != sizeof logo_jpg) abort();
}

static pk_fonts *fonts;
static pk_hyph *hyph;
static pk_store *sample;
static pk_record *rec;
static pk_kit kit;
static char tpl_path[256];

static void fini(void)
{
    pk_kit_fini(&kit);
    pk_record_free(rec);
    pk_store_free(sample);
    pk_hyph_free(hyph);
    pk_fonts_free(fonts);
}

/* Once per process: the fonts (kept: loading a family costs more than a small brief), the
 * hyphenation patterns, the sample's record and kit, and the folder:
 *   DIR/secret.png            a logo outside the template's folder
 *   DIR/t/t.json              the template (the input)
 *   DIR/t/logo.png, logo.jpg  whole logos; DIR/t/sub/logo.png one folder down
 *   DIR/t/half.png            the PNG cut in half;  DIR/t/text.png  not an image
 *   DIR/t/crc.png             the whole PNG with a bad CRC in its image data (libpng refuses it:
 *                             the loader must, as the PDF painter would)
 *   DIR/t/out.png -> ../secret.png;  DIR/t/outdir -> ..  (links leading outside)
 *   DIR/t/in.png -> logo.png  (a link that stays inside) */
static void setup(void)
{
    pk_diag d = PK_DIAG_INIT;
    fonts = pk_fonts_new();
    hyph = pk_hyph_load(PK_HYPH_DEFAULT, &d);
    sample = pk_store_open(NULL, NULL, &d);
    rec = sample ? pk_store_load(sample, "27-4014.00", &d) : NULL;
    if (!hyph || !rec) {
        for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
        abort();
    }
    pk_diag_fini(&d);
    pk_kit_build(&kit, rec, pk_store_sources(sample));
    atexit(fini);
    make_jpeg();
    char p[256];
    snprintf(p, sizeof p, "%s/t", pk_fuzz_dir());
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/t/sub", pk_fuzz_dir());
    mkdir(p, 0755);
    pk_fuzz_write("secret.png", secret_png, sizeof secret_png);
    pk_fuzz_write("t/logo.png", logo_png, sizeof logo_png);
    pk_fuzz_write("t/sub/logo.png", logo_png, sizeof logo_png);
    pk_fuzz_write("t/logo.jpg", logo_jpg, sizeof logo_jpg);
    pk_fuzz_write("t/half.png", logo_png, sizeof logo_png / 2);
    pk_fuzz_write("t/text.png", "not an image\n", 13);
    unsigned char crc[sizeof logo_png];
    memcpy(crc, logo_png, sizeof crc);
    crc[sizeof crc - 13] ^= 0x55; /* the last byte of the IDAT chunk's CRC */
    pk_fuzz_write("t/crc.png", crc, sizeof crc);
    static const char *const links[][2] = {
        {"../secret.png", "t/out.png"}, {"..", "t/outdir"}, {"logo.png", "t/in.png"}};
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        snprintf(p, sizeof p, "%s/%s", pk_fuzz_dir(), links[i][1]);
        if (symlink(links[i][0], p) != 0) abort();
    }
    snprintf(tpl_path, sizeof tpl_path, "%s/t/t.json", pk_fuzz_dir());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fonts) setup();
    if (size > 1 << 16) return 0; /* a template is a page of JSON; the reader's bound is tested
                                     by fuzz_record, which shares it */
    pk_fuzz_write("t/t.json", data, size);
    pk_diag d = PK_DIAG_INIT;
    pk_template *t = pk_template_load(tpl_path, fonts, &d);
    if (t) {
        if (t->logo_data && t->logo_len == sizeof secret_png &&
            memcmp(t->logo_data, secret_png, sizeof secret_png) == 0)
            pk_fuzz_fail("the template read the logo outside its folder via \"%s\"", t->logo.file);
        if (t->logo_data && !(t->logo_w >= 12 && t->logo_w <= 300 && t->logo_h > 0))
            pk_fuzz_fail("a logo of %g x %g points", t->logo_w, t->logo_h);
        const pk_sources *s = pk_store_sources(sample);
        pk_brief *b = pk_brief_layout(rec, s, t, fonts, t->hyphenate ? hyph : NULL, &kit, &d);
        if (b) {
            size_t n = pk_brief_pages(b);
            const pk_scene *const *pages = pk_brief_scenes(b);
            if (n == 0) pk_fuzz_fail("a brief of no pages");
            if (t->page.max_pages > 0 && n > (size_t)t->page.max_pages)
                pk_fuzz_fail("%zu pages where the template allows %ld", n, t->page.max_pages);
            for (size_t i = 0; i < n; i++) {
                char what[32];
                snprintf(what, sizeof what, "page %zu", i + 1);
                if (pages[i]->width != t->page.width || pages[i]->height != t->page.height)
                    pk_fuzz_fail("%s is %g x %g, the template says %g x %g", what,
                                 pages[i]->width, pages[i]->height, t->page.width, t->page.height);
                pk_fuzz_check_scene(pages[i], 0.5, what);
            }
            pk_buf out = PK_BUF_INIT;
            pk_pdf_info info = {.title = rec->title, .author = t->author};
            pk_brief_tags(b, &info); /* tagged, as brief.pdf is */
            if (pk_pdf_write(pages, n, &info, &out, &d) != 0)
                pk_fuzz_fail("a template that loads and lays out gives no PDF: %s",
                             d.n ? d.msgs[d.n - 1].text : "(no message)");
            pk_fuzz_check_pdf(&out, "brief.pdf");
            pk_buf_fini(&out);
            pk_brief_free(b);
        }
        pk_template_free(t);
    }
    pk_diag_fini(&d);
    return 0;
}
