/* fuzz_brief.c: the rest of the pipeline from a record, in memory: every chart the record has
 * data for as SVG and PNG, the share card, and the PDF brief in one of the built-in templates
 * (chosen by the input's length, so the corpus covers all three). fuzz_pipeline covers the text
 * outputs; together they are every file of a kit. PNGs are painted at a quarter of the kit's
 * scale (300 x 169 px for a chart): the same painter and encoder, a sixteenth of the pixels.
 * Oracles: every op of every chart, card and page inside its scene; SVG that is XML with its
 * text escaped; whole PNGs and PDFs; alt text that is valid UTF-8; a brief that lays out is
 * painted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts/charts.h"
#include "data/buf.h"
#include "data/record.h"
#include "data/store.h"
#include "data/text.h"
#include "fuzz.h"
#include "layouts/para.h"
#include "layouts/template.h"
#include "reports/brief.h"
#include "reports/kit.h"
#include "reports/pdf.h"
#include "reports/render.h"

static pk_store *sample;
static pk_fonts *fonts;
static pk_chart_style style;
static pk_hyph *hyph;
static pk_template *tpl[3];

static void fini(void)
{
    for (int i = 0; i < 3; i++) pk_template_free(tpl[i]);
    pk_hyph_free(hyph);
    pk_fonts_free(fonts);
    pk_store_free(sample);
}

static void setup(void)
{
    pk_diag d = PK_DIAG_INIT;
    sample = pk_store_open(NULL, NULL, &d);
    fonts = pk_fonts_new();
    hyph = pk_hyph_load(PK_HYPH_DEFAULT, &d);
    bool ok = sample && hyph && pk_chart_style_default(&style, fonts, &d) == 0;
    for (int i = 0; i < 3 && ok; i++) ok = (tpl[i] = pk_template_load(pk_template_builtin[i], fonts, &d));
    if (!ok) {
        for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
        abort();
    }
    pk_diag_fini(&d);
    atexit(fini);
}

static void chart(const pk_scene *sc, const char *name, bool svg, pk_buf *b, pk_diag *d)
{
    char what[64];
    snprintf(what, sizeof what, "chart %s", name);
    pk_fuzz_check_scene(sc, 0.5, what);
    if (sc->desc && pk_utf8_check(sc->desc, strlen(sc->desc)) != strlen(sc->desc))
        pk_fuzz_fail("%s: alt text that is not UTF-8", what);
    if (svg) {
        pk_buf_reset(b);
        pk_svg_write(sc, b);
        pk_fuzz_check_svg(b, what);
    }
    pk_buf_reset(b);
    if (pk_png_write(sc, 0.25, b, d) != 0)
        pk_fuzz_fail("%s: no PNG: %s", what, d->n ? d->msgs[d->n - 1].text : "(no message)");
    pk_fuzz_check_png(b, what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sample) setup();
    pk_diag d = PK_DIAG_INIT;
    const pk_sources *s = pk_store_sources(sample);
    pk_record *r = pk_record_parse("fuzz.json", (const char *)data, size, s, NULL, &d);
    if (!r) {
        pk_diag_fini(&d);
        return 0;
    }
    pk_kit kit;
    pk_kit_build(&kit, r, s);
    pk_buf b = PK_BUF_INIT;
    for (const pk_chart_def *c = pk_charts; c->name; c++) {
        if (!c->has_data(r)) continue;
        pk_scene *sc = pk_chart_build(c, r, s, fonts, &style, &d);
        if (!sc) pk_fuzz_fail("chart %s: no scene for a record with its data", c->name);
        chart(sc, c->name, true, &b, &d);
        pk_scene_free(sc);
    }
    pk_scene *card = pk_share_build(r, s, kit.headline, kit.url, fonts, &style);
    chart(card, "share card", false, &b, &d);
    pk_scene_free(card);

    const pk_template *t = tpl[size % 3];
    size_t before = pk_diag_count(&d);
    pk_brief *br = pk_brief_layout(r, s, t, fonts, t->hyphenate ? hyph : NULL, &kit, &d);
    if (br) { /* a brief may not fit (the fact sheet's one page): then there is a message */
        size_t n = pk_brief_pages(br);
        const pk_scene *const *pages = pk_brief_scenes(br);
        for (size_t i = 0; i < n; i++) {
            char what[48];
            snprintf(what, sizeof what, "%s page %zu", t->name, i + 1);
            pk_fuzz_check_scene(pages[i], 0.5, what);
        }
        pk_buf_reset(&b);
        pk_pdf_info info = {.title = r->title, .subject = "fuzz", .author = t->author, .keywords = r->soc};
        pk_brief_tags(br, &info); /* tagged, as brief.pdf is */
        if (pk_pdf_write(pages, n, &info, &b, &d) != 0)
            pk_fuzz_fail("a brief that lays out gives no PDF: %s",
                         d.n ? d.msgs[d.n - 1].text : "(no message)");
        pk_fuzz_check_pdf(&b, "brief.pdf");
        pk_brief_free(br);
    } else if (pk_diag_count(&d) == before) {
        pk_fuzz_fail("the brief failed with no message");
    }
    pk_buf_fini(&b);
    pk_kit_fini(&kit);
    pk_record_free(r);
    pk_diag_fini(&d);
    return 0;
}
