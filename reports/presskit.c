/* presskit.c: writes every file of a press kit; see presskit.h. Outputs are built in memory
 * and written whole, so that the manifest's hashes are of exactly what is on disk. */
#include "reports/presskit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "data/csv.h"
#include "data/fmt.h"
#include "data/hash.h"
#include "data/json_write.h"
#include "data/text.h"
#include "data/utf8.h"
#include "layouts/para.h"
#include "layouts/template.h"
#include "reports/brief.h"
#include "reports/diff.h"
#include "reports/cite.h"
#include "reports/doc.h"
#include "reports/html.h"
#include "reports/kit.h"
#include "reports/markdown.h"
#include "reports/preflight.h"
#include "reports/render.h"
#include "charts/charts.h"
#include "reports/outdir.h"


static int csv_row(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    pk_data_csv_row(ctx, claim_id, label, f);
    return 0;
}

void pk_data_csv_row(pk_buf *b, const char *claim_id, const char *label, const pk_figure *f)
{
    pk_csv_field(b, claim_id);
    pk_buf_addc(b, ',');
    /* a list item has its name; any other figure the schema's name for it */
    if (!label) label = pk_figure_name(claim_id);
    pk_csv_field(b, label ? label : "");
    pk_buf_addc(b, ',');
    if (pk_fig_has(f)) pk_json_number(b, f->value);
    pk_buf_addc(b, ',');
    pk_csv_field(b, pk_unit_name(f->unit));
    pk_buf_addc(b, ',');
    pk_buf_adds(b, pk_status_name(f->status));
    pk_buf_addc(b, ',');
    pk_csv_field(b, f->source ? f->source : "");
    pk_buf_addc(b, ',');
    /* the exact mid-rank, and the rank as every other output prints it (1st-99th) */
    long shown = pk_figure_rank_shown(f);
    if (f->percentile >= 0) pk_json_number(b, f->percentile);
    pk_buf_addc(b, ',');
    if (shown >= 0) pk_buf_printf(b, "%ld", shown);
    pk_buf_addc(b, ',');
    if (f->population) pk_buf_printf(b, "%zu", f->population);
    pk_buf_addc(b, ',');
    pk_csv_field(b, f->band ? f->band : "");
    /* whom the figure was published for (docs/record.md, "Scope") */
    const pk_scope *sc = f->scope;
    pk_buf_addc(b, ',');
    if (sc) pk_csv_field(b, pk_scope_kind_name(sc->kind));
    pk_buf_addc(b, ',');
    if (sc && sc->code) {
        pk_buf code = PK_BUF_INIT;
        pk_figure_published_as(f, &code);
        pk_csv_field(b, code.data);
        pk_buf_fini(&code);
    }
    pk_buf_addc(b, ',');
    if (sc && sc->title) pk_csv_field(b, sc->title);
    pk_buf_addc(b, ',');
    if (sc && sc->occupations > 0) pk_buf_printf(b, "%ld", sc->occupations);
    pk_buf_adds(b, "\r\n");
}

void pk_data_csv(pk_buf *out, const pk_record *r)
{
    /* RFC 4180: CRLF line ends, quotes doubled; the columns are docs/kit.md's */
    pk_buf_adds(out, PK_DATA_CSV_HEAD "\r\n");
    pk_record_each_figure(r, csv_row, out);
}

typedef struct manifest_ctx {
    pk_jw *w;
    const pk_sources *s;
} manifest_ctx;

static void manifest_source(void *ctx, const char *id)
{
    manifest_ctx *m = ctx;
    const pk_source *src = pk_sources_find(m->s, id);
    pk_jw_begin_obj(m->w, true);
    pk_jw_key(m->w, "id");
    pk_jw_str(m->w, id);
    if (src && src->release) {
        pk_jw_key(m->w, "release");
        pk_jw_str(m->w, src->release);
    }
    if (src && src->accessed) {
        pk_jw_key(m->w, "accessed");
        pk_jw_str(m->w, src->accessed);
    }
    pk_jw_end_obj(m->w);
}

/* The fonts and chart style of this process: made on first use (after a batch forks, each
 * worker makes its own), kept for the life of the process. */
static pk_fonts *chart_fonts;
static pk_chart_style chart_style;
static bool chart_ready;

static void charts_fini(void)
{
    pk_fonts_free(chart_fonts);
    chart_fonts = NULL;
    chart_ready = false;
}

/* The brief's template and hyphenation patterns: loaded on first use into the charts' fonts,
 * kept for the life of the process (a batch loads them before it forks). */
static pk_template *brief_tpl;
static char *brief_tpl_name;
static pk_hyph *brief_hyph;

static void brief_fini(void)
{
    pk_template_free(brief_tpl);
    brief_tpl = NULL;
    free(brief_tpl_name);
    brief_tpl_name = NULL;
    pk_hyph_free(brief_hyph);
    brief_hyph = NULL;
}

static int charts_init(pk_diag *d);

const pk_template *pk_presskit_layout(const char *layout, pk_diag *d)
{
    if (!layout) layout = "default";
    if (brief_tpl && strcmp(brief_tpl_name, layout) == 0) return brief_tpl;
    if (charts_init(d) != 0) return NULL;
    if (!brief_hyph) {
        brief_hyph = pk_hyph_load(PK_HYPH_DEFAULT, d);
        if (!brief_hyph) return NULL;
        atexit(brief_fini);
    }
    pk_template *t = pk_template_load(layout, chart_fonts, d);
    if (!t) return NULL;
    if (pk_brief_check_template(t, d)) {
        pk_template_free(t);
        return NULL;
    }
    pk_template_free(brief_tpl);
    free(brief_tpl_name);
    brief_tpl = t;
    brief_tpl_name = strdup(layout);
    if (!brief_tpl_name) pk_out_of_memory(0);
    return brief_tpl;
}

int pk_presskit_tools(pk_fonts **fonts, pk_chart_style *style, const pk_hyph **hyph,
                      pk_diag *d)
{
    if (charts_init(d) != 0) return -1;
    *fonts = chart_fonts;
    *style = chart_style;
    if (hyph) *hyph = brief_hyph;
    return 0;
}

int pk_presskit_preload(pk_diag *d)
{
    return brief_hyph ? pk_hyph_ready(brief_hyph, d) : 0;
}

static int charts_init(pk_diag *d)
{
    if (chart_ready) return 0;
    if (!chart_fonts) {
        chart_fonts = pk_fonts_new();
        atexit(charts_fini);
    }
    if (pk_chart_style_default(&chart_style, chart_fonts, d) != 0) return -1;
    chart_ready = true;
    return 0;
}

typedef struct omitted {
    const char *names[32];
    size_t n;
} omitted;

/* One chart of embed.html, to paste into a CMS that has no stylesheet of ours: the image scales
 * to its column (max-width 100%, height auto); its alt text is the chart's one-sentence summary
 * (at most PK_SUMMARY_MAX bytes) and aria-describedby names the full description, which follows
 * behind a details element; the caption credits each source with a link to it, and the
 * publisher's page for the occupation. Ids carry the code, so two snippets share a page. */
static void embed_figure(pk_buf *b, const char *name, const pk_scene *sc, const pk_record *r,
                         const pk_sources *s)
{
    pk_buf id = PK_BUF_INIT;
    pk_buf_printf(&id, "presskit-%s-%s-desc", r->soc, name);
    for (size_t i = 0; i < id.len; i++)
        if (id.data[i] == '.') id.data[i] = '-';
    pk_buf_adds(b, "<figure class=\"presskit-chart\" style=\"margin:1em 0;max-width:100%\">\n");
    pk_buf_printf(b, "  <img src=\"charts/%s.svg\" width=\"%.0f\" height=\"%.0f\" "
                     "style=\"display:block;max-width:100%%;height:auto\" alt=\"", name,
                  sc->width * 4 / 3, sc->height * 4 / 3);
    pk_html_escape(b, sc->summary ? sc->summary : sc->title ? sc->title : name);
    pk_buf_printf(b, "\" aria-describedby=\"%s\">\n  <figcaption>", id.data);
    pk_html_escape(b, sc->title ? sc->title : name);
    pk_buf_adds(b, ". Source: ");
    /* each source drawn, linked where the registry has its address */
    size_t k = 0;
    for (const char *p = sc->sources ? sc->sources : ""; *p;) {
        size_t n = strcspn(p, "+");
        char one[128];
        snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), p);
        const pk_source *src = pk_sources_find(s, one);
        pk_buf label = PK_BUF_INIT;
        pk_source_labels(&label, s, one);
        if (k++) pk_buf_adds(b, "; ");
        if (src && src->url) {
            pk_buf_adds(b, "<a href=\"");
            pk_html_escape(b, src->url);
            pk_buf_adds(b, "\">");
            pk_html_escape(b, pk_buf_str(&label));
            pk_buf_adds(b, "</a>");
        } else {
            pk_html_escape(b, pk_buf_str(&label));
        }
        pk_buf_fini(&label);
        p += n;
        if (*p == '+') p++;
    }
    pk_buf_addc(b, '.');
    char *url = pk_expand_template(s->publication.url_template, r->soc);
    if (s->publication.publisher || url) {
        pk_buf_adds(b, " Chart: ");
        if (url) {
            pk_buf_adds(b, "<a href=\"");
            pk_html_escape(b, url);
            pk_buf_adds(b, "\">");
        }
        pk_html_escape(b, s->publication.publisher ? s->publication.publisher : "source and data");
        if (url) pk_buf_adds(b, "</a>");
        pk_buf_addc(b, '.');
    }
    free(url);
    pk_buf_printf(b, "</figcaption>\n  <details><summary>Chart description</summary>"
                     "<p id=\"%s\">", id.data);
    pk_html_escape(b, sc->desc ? sc->desc : "");
    pk_buf_adds(b, "</p></details>\n</figure>\n");
    pk_buf_fini(&id);
}

/* Every chart the record has data for, in the formats asked; the others are listed in
 * `left_out` for the manifest. embed.html gets a figure per chart. */
static int write_charts(pk_outdir *o, const pk_record *r, const pk_sources *s, unsigned formats,
                        omitted *left_out, pk_diag *d)
{
    if (!(formats & (PK_FORMAT_SVG | PK_FORMAT_PNG))) return 0;
    if (charts_init(d) != 0) return -1;
    pk_buf b = PK_BUF_INIT, embed = PK_BUF_INIT, name = PK_BUF_INIT;
    int rc = 0;
    for (const pk_chart_def *c = pk_charts; c->name && rc == 0; c++) {
        if (!c->has_data(r)) {
            /* data of one release has no history to draw: nothing is missing, nothing said */
            if (!pk_chart_applies(c, r)) continue;
            if (left_out->n < sizeof left_out->names / sizeof left_out->names[0])
                left_out->names[left_out->n++] = c->name;
            continue;
        }
        pk_scene *sc = pk_chart_build(c, r, s, chart_fonts, &chart_style, d);
        if (!sc) {
            rc = -1;
            break;
        }
        static const struct { unsigned fmt; const char *suffix; } outs[] = {
            {PK_FORMAT_SVG, ".svg"}, {PK_FORMAT_PNG, ".png"}, {PK_FORMAT_PNG, "@2x.png"}};
        for (size_t k = 0; k < sizeof outs / sizeof outs[0] && rc == 0; k++) {
            if (!(formats & outs[k].fmt)) continue;
            pk_buf_reset(&b);
            pk_buf_reset(&name);
            pk_buf_printf(&name, "charts/%s%s", c->name, outs[k].suffix);
            rc = pk_render(sc, name.data, &b, d);
            if (rc == 0) rc = pk_outdir_write(o, name.data, b.data, b.len, d);
        }
        if (rc == 0 && (formats & PK_FORMAT_SVG)) {
            pk_buf_reset(&name);
            pk_buf_printf(&name, "charts/%s.alt.txt", c->name);
            pk_buf_reset(&b);
            pk_text_add_line(&b, sc->desc ? sc->desc : "");
            pk_buf_addc(&b, '\n');
            rc = pk_outdir_write(o, name.data, b.data, b.len, d);
            embed_figure(&embed, c->name, sc, r, s);
        }
        pk_scene_free(sc);
    }
    if (rc == 0 && embed.len) rc = pk_outdir_write(o, "embed.html", embed.data, embed.len, d);
    pk_buf_fini(&b);
    pk_buf_fini(&embed);
    pk_buf_fini(&name);
    return rc;
}

/* brief.html's charts: each built in the charts' style and written as SVG to inline. */
typedef struct html_charts {
    const pk_record *r;
    const pk_sources *s;
    pk_diag *d;
    pk_buf svg, title, alt; /* the last chart's */
    int failed;
} html_charts;

static bool html_chart(void *ctx, const char *name, double width, pk_html_chart *out)
{
    html_charts *h = ctx;
    const pk_chart_def *def = pk_chart_find(name);
    if (!def || charts_init(h->d) != 0) return false;
    /* the chart's own height for its rows at this width (a page has no room to spare around a
     * three-bar chart; a phone needs more height for the lines that wrap) */
    pk_chart_style st = chart_style;
    st.width = width;
    st.height = pk_chart_height(def, h->r, width);
    st.fit_height = true;
    pk_scene *sc = pk_chart_build(def, h->r, h->s, chart_fonts, &st, h->d);
    if (!sc) {
        h->failed++;
        return false;
    }
    pk_buf_reset(&h->svg);
    pk_buf_reset(&h->title);
    pk_buf_reset(&h->alt);
    int rc = pk_render(sc, "chart.svg", &h->svg, h->d);
    pk_buf_adds(&h->title, sc->title ? sc->title : name);
    pk_buf_adds(&h->alt, sc->desc ? sc->desc : "");
    pk_scene_free(sc);
    if (rc != 0) {
        h->failed++;
        return false;
    }
    /* the <svg> element alone: an inline chart has no XML declaration */
    const char *svg = strstr(pk_buf_str(&h->svg), "<svg");
    out->svg = svg ? svg : pk_buf_str(&h->svg);
    out->title = pk_buf_str(&h->title);
    out->alt = pk_buf_str(&h->alt);
    return true;
}

/* brief.html: the full brief tree as a page, its charts inline. */
static int brief_html(pk_buf *out, const pk_doc *doc, const pk_record *r, const pk_sources *s,
                      pk_diag *d)
{
    html_charts h = {r, s, d, PK_BUF_INIT, PK_BUF_INIT, PK_BUF_INIT, 0};
    pk_buf title = PK_BUF_INIT;
    pk_buf_printf(&title, "%s (SOC %s): occupation brief", r->title, r->soc);
    pk_html_doc(out, doc, pk_buf_str(&title),
                "Made with presskit from public O*NET and BLS data and published AI-exposure "
                "studies. Every figure names its source.",
                html_chart, &h);
    pk_buf_fini(&title);
    pk_buf_fini(&h.svg);
    pk_buf_fini(&h.title);
    pk_buf_fini(&h.alt);
    return h.failed ? -1 : 0;
}

/* share.png: the share card (charts/share.c) with the kit's headline figures and page. */
static int write_share(pk_outdir *o, const pk_record *r, const pk_sources *s, const pk_kit *kit,
                       pk_diag *d)
{
    if (charts_init(d) != 0) return -1;
    pk_scene *sc = pk_share_build(r, s, kit->headline, kit->url, chart_fonts, &chart_style);
    pk_buf b = PK_BUF_INIT;
    int rc = pk_render(sc, "share.png", &b, d);
    if (rc == 0) rc = pk_outdir_write(o, "share.png", b.data, b.len, d);
    pk_buf_fini(&b);
    pk_scene_free(sc);
    return rc;
}

/* The brief's key figures (the header's row), for the manifest and so for the batch index. */
static const pk_doc_node *doc_keyfigs(const pk_doc *doc)
{
    for (const pk_doc_node *sec = doc ? doc->first : NULL; sec; sec = sec->next)
        for (const pk_doc_node *n = sec->children; n; n = n->next)
            if (n->kind == PK_DOC_KEYFIGS) return n;
    return NULL;
}

static void manifest(pk_buf *out, const pk_record *r, const pk_sources *s, const pk_outdir *o,
                     const char *input_sha256, const omitted *left_out, const pk_doc *doc,
                     const pk_preflight *pf)
{
    pk_jw w;
    pk_jw_init(&w, out);
    pk_jw_begin_obj(&w, false);
    pk_jw_key(&w, "presskit_version");
    pk_jw_str(&w, PRESSKIT_VERSION);
    pk_jw_key(&w, "soc");
    pk_jw_str(&w, r->soc);
    pk_jw_key(&w, "title");
    pk_jw_str(&w, r->title);
    if (input_sha256) {
        pk_jw_key(&w, "input_sha256");
        pk_jw_str(&w, input_sha256);
    }
    /* no wall-clock time: a date appears only when the build asks for one (reproducible builds) */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && strspn(sde, "0123456789") == strlen(sde)) {
        pk_jw_key(&w, "source_date_epoch");
        pk_jw_int(&w, strtol(sde, NULL, 10));
    }
    pk_jw_key(&w, "files");
    pk_jw_begin_arr(&w, false);
    for (size_t i = 0; i < o->n_files; i++) {
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "name");
        pk_jw_str(&w, o->files[i].name);
        pk_jw_key(&w, "bytes");
        pk_jw_int(&w, (long)o->files[i].bytes);
        pk_jw_key(&w, "sha256");
        pk_jw_str(&w, o->files[i].sha256);
        pk_jw_end_obj(&w);
    }
    pk_jw_end_arr(&w);
    if (left_out && left_out->n) {
        /* a chart without data is left out, never drawn as an empty frame: say which and why */
        pk_jw_key(&w, "charts_left_out");
        pk_jw_begin_arr(&w, false);
        for (size_t i = 0; i < left_out->n; i++) {
            pk_jw_begin_obj(&w, true);
            pk_jw_key(&w, "chart");
            pk_jw_str(&w, left_out->names[i]);
            pk_jw_key(&w, "reason");
            pk_jw_str(&w, "the record has no figures for it");
            pk_jw_end_obj(&w);
        }
        pk_jw_end_arr(&w);
    }
    const pk_doc_node *kf = doc_keyfigs(doc);
    if (kf && kf->n_keyfigs) {
        /* what the brief leads with, as printed and as a number: the batch index's columns */
        pk_jw_key(&w, "key_figures");
        pk_jw_begin_arr(&w, false);
        for (size_t i = 0; i < kf->n_keyfigs; i++) {
            const pk_doc_keyfig *k = &kf->keyfigs[i];
            pk_jw_begin_obj(&w, true);
            if (k->claim) {
                pk_jw_key(&w, "claim");
                pk_jw_str(&w, k->claim);
            }
            pk_jw_key(&w, "label");
            pk_jw_str(&w, k->label);
            pk_jw_key(&w, "text");
            pk_jw_str(&w, k->value);
            pk_jw_key(&w, "value");
            pk_jw_num(&w, k->num);
            if (k->ids) {
                pk_jw_key(&w, "source");
                pk_jw_str(&w, k->ids);
            }
            if (k->published_as) { /* a wider code's figure: whom it describes */
                pk_jw_key(&w, "published_as");
                pk_jw_str(&w, k->published_as);
                if (k->sharing > 0) {
                    pk_jw_key(&w, "occupations_sharing");
                    pk_jw_int(&w, k->sharing);
                }
            }
            pk_jw_end_obj(&w);
        }
        pk_jw_end_arr(&w);
    }
    if (pf) {
        /* what brief.pdf measured of its own pages (docs/templates.md) */
        pk_jw_key(&w, "preflight");
        pk_preflight_write(&w, pf);
    }
    pk_jw_key(&w, "sources");
    pk_jw_begin_arr(&w, false);
    manifest_ctx m = {&w, s};
    bool *used = calloc(s->n_items ? s->n_items : 1, sizeof *used);
    pk_sources_used(r, s, used);
    for (size_t i = 0; i < s->n_items; i++)
        if (used[i]) manifest_source(&m, s->items[i].id);
    free(used);
    pk_jw_end_arr(&w);
    pk_jw_end_obj(&w);
    pk_jw_finish(&w);
}

typedef struct glyph_check {
    const pk_record *r;
    pk_diag *d;
} glyph_check;

/* One warning for a text of the record with a character a font lacks: the first such character,
 * in the first font (of those loaded) that lacks it. */
static int check_glyphs(void *ctx, const char *json_path, const char *text)
{
    glyph_check *g = ctx;
    size_t n_fonts = pk_fonts_count(chart_fonts);
    for (const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text); p < end;) {
        uint32_t cp = *p < 0x80 ? *p++ : pk_utf8_next(&p, end);
        if (cp < 0x20) continue;
        for (size_t id = 0; id < n_fonts; id++)
            if (pk_fonts_lacks(chart_fonts, (int)id, cp)) {
                if (cp > 0xFFFF)
                    pk_diag_add(g->d, PK_WARN,
                                "%s: %s: warning: U+%04X is outside the Basic Multilingual Plane, "
                                "which the PDF cannot draw; it is drawn as U+FFFD",
                                g->r->soc, json_path, (unsigned)cp);
                else
                    pk_diag_add(g->d, PK_WARN,
                                "%s: %s: warning: the font \"%s\" has no glyph for U+%04X; it is "
                                "drawn as U+FFFD",
                                g->r->soc, json_path, pk_fonts_family(chart_fonts, (int)id),
                                (unsigned)cp);
                return 0;
            }
    }
    return 0;
}

int pk_presskit_write(const pk_record *r, const pk_sources *s, const char *dir,
                      const pk_kit_opts *opts, pk_diag *d)
{
    unsigned formats = opts && opts->formats ? opts->formats : PK_FORMAT_ALL;
    pk_outdir o;
    /* written into a temporary folder and put in place whole: a kit that fails half-way (a brief
     * that does not fit, a full disk) leaves no folder, and an earlier kit stays as it was */
    if (pk_outdir_open_staged(&o, dir, d) != 0) {
        pk_outdir_fini(&o);
        return -1;
    }
    pk_kit kit;
    pk_kit_build(&kit, r, s);
    pk_buf b = PK_BUF_INIT;
    int rc = 0;
    pk_preflight pf;
    bool has_pf = false;

#define EMIT(fmt, name, build)                                                                     \
    do {                                                                                           \
        if (!(formats & (fmt)) || rc != 0) break; /* nothing more once one file failed */          \
        pk_buf_reset(&b);                                                                          \
        build;                                                                                     \
        if (rc == 0) rc = pk_outdir_write(&o, name, b.data, b.len, d);                             \
    } while (0)

    if (rc == 0 && (formats & PK_FORMAT_PDF)) {
        const pk_template *t = pk_presskit_layout(opts ? opts->layout : NULL, d);
        pk_buf_reset(&b);
        /* the painter's messages ("error: PDF: ...") are given the file they are about */
        pk_diag pd = PK_DIAG_INIT;
        rc = t ? pk_brief_pdf_preflight(r, s, t, chart_fonts, t->hyphenate ? brief_hyph : NULL,
                                        &kit, &b, &pf, &pd)
               : -1;
        has_pf = rc == 0;
        for (size_t i = 0; i < pd.n; i++) {
            const char *m = pd.msgs[i].text;
            if (strncmp(m, "error: PDF: ", 12) == 0)
                pk_diag_add(d, pd.msgs[i].kind, "%s/brief.pdf: %s", dir, m);
            else
                pk_diag_add(d, pd.msgs[i].kind, "%s", m);
        }
        pk_diag_fini(&pd);
        if (rc == 0) rc = pk_outdir_write(&o, "brief.pdf", b.data, b.len, d);
    }
    EMIT(PK_FORMAT_TXT, "kit.txt", pk_kit_text(&kit, &b));
    EMIT(PK_FORMAT_TXT, "cite.txt", pk_cite(&b, PK_CITE_PLAIN, r, s));
    EMIT(PK_FORMAT_TXT, "cite-apa.txt", pk_cite(&b, PK_CITE_APA, r, s));
    EMIT(PK_FORMAT_TXT, "cite.bib", pk_cite(&b, PK_CITE_BIBTEX, r, s));
    EMIT(PK_FORMAT_TXT, "cite.ris", pk_cite(&b, PK_CITE_RIS, r, s));
    EMIT(PK_FORMAT_TXT, "cite.json", pk_cite(&b, PK_CITE_CSL_JSON, r, s));
    /* brief.md and brief.html: one tree of the whole brief, rendered twice; its key figures go
     * to the manifest */
    pk_doc *doc = pk_brief_doc(r, s, NULL, &kit);
    EMIT(PK_FORMAT_MD, "brief.md", pk_markdown_doc(&b, doc));
    EMIT(PK_FORMAT_HTML, "brief.html", rc = brief_html(&b, doc, r, s, d));
    EMIT(PK_FORMAT_TXT, "data.csv", pk_data_csv(&b, r));
    if (rc == 0 && (formats & PK_FORMAT_CHANGES)) { /* presskit diff's files, from the history */
        pk_buf csv = PK_BUF_INIT;
        pk_buf_reset(&b);
        if (pk_diff_record(r, s, &b, &csv) > 0) {
            rc = pk_outdir_write(&o, "changes.md", b.data, b.len, d);
            if (rc == 0) rc = pk_outdir_write(&o, "changes.csv", csv.data, csv.len, d);
        }
        pk_buf_fini(&csv);
    }
#undef EMIT
    omitted left_out = {{0}, 0};
    if (rc == 0) rc = write_charts(&o, r, s, formats, &left_out, d);
    if (rc == 0 && (formats & PK_FORMAT_PNG)) rc = write_share(&o, r, s, &kit, d);
    /* what the drawn outputs (PDF, PNG, SVG) showed as U+FFFD, once per field
     * (docs/reliability.md, "Characters a font lacks"), in every font loaded by now: the charts'
     * and the brief template's */
    if (rc == 0 && chart_fonts && (formats & (PK_FORMAT_PDF | PK_FORMAT_PNG | PK_FORMAT_SVG))) {
        glyph_check g = {r, d};
        pk_record_each_text(r, check_glyphs, &g);
    }
    if (rc == 0) {
        pk_buf_reset(&b);
        manifest(&b, r, s, &o, opts ? opts->input_sha256 : NULL,
                 formats & (PK_FORMAT_SVG | PK_FORMAT_PNG) ? &left_out : NULL, doc,
                 has_pf ? &pf : NULL);
        rc = pk_outdir_write(&o, "manifest.json", b.data, b.len, d);
    }
    if (rc == 0) rc = pk_outdir_commit(&o, d);
    pk_doc_free(doc);
    size_t n_files = o.n_files;
    pk_buf_fini(&b);
    pk_kit_fini(&kit);
    pk_outdir_fini(&o);
    return rc == 0 ? (int)n_files : -1;
}

bool pk_parse_formats(const char *list, unsigned *formats, char *bad, size_t bad_len)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"pdf", PK_FORMAT_PDF}, {"txt", PK_FORMAT_TXT}, {"md", PK_FORMAT_MD},
        {"html", PK_FORMAT_HTML}, {"svg", PK_FORMAT_SVG}, {"png", PK_FORMAT_PNG},
        {"changes", PK_FORMAT_CHANGES}, {"all", PK_FORMAT_ALL}};
    *formats = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (size_t k = 0; k < sizeof names / sizeof names[0] && !found; k++) {
            if (strlen(names[k].name) == n && strncmp(p, names[k].name, n) == 0) {
                *formats |= names[k].bit;
                found = true;
            }
        }
        if (!found) {
            snprintf(bad, bad_len, "%.*s", (int)n, p);
            return false;
        }
        p += n;
        if (*p == ',') p++;
    }
    return *formats != 0;
}

void pk_kit_input_hash(const char *store_key, unsigned formats, const char *layout_fingerprint,
                       const char *binary_sha256, char out[65])
{
    pk_buf b = PK_BUF_INIT;
    pk_buf_printf(&b, "presskit %s\nbinary %s\nformats %u\nstore %s\nlayout %s\n",
                  PRESSKIT_VERSION, binary_sha256 ? binary_sha256 : "",
                  formats ? formats : PK_FORMAT_ALL, store_key ? store_key : "",
                  layout_fingerprint ? layout_fingerprint : "");
    /* SOURCE_DATE_EPOCH changes brief.pdf and manifest.json: a kit made under another one is
     * not current (unset, the hash is what it always was) */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) pk_buf_printf(&b, "source_date_epoch %s\n", sde);
    pk_sha256_hex(b.data, b.len, out);
    pk_buf_fini(&b);
}

bool pk_kit_is_current(const char *dir, const char *sha, char *title, size_t title_len)
{
    /* manifest.json is presskit's own output in a fixed form: a text scan is enough */
    pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    pk_buf_printf(&path, "%s/manifest.json", dir);
    bool ok = pk_file_read(path.data, 1 << 20, &text, &d) == 0;
    if (ok) {
        char want[96];
        snprintf(want, sizeof want, "\"input_sha256\": \"%s\"", sha);
        ok = strstr(text.data, want) != NULL;
    }
    static const char item[] = "{ \"name\": \"";
    for (const char *p = ok ? text.data : NULL; p && ok && (p = strstr(p, item));) {
        p += sizeof item - 1;
        const char *end = strchr(p, '"');
        const char *bytes = end ? strstr(end, "\"bytes\": ") : NULL;
        if (!end || !bytes) break;
        pk_buf f = PK_BUF_INIT;
        pk_buf_printf(&f, "%s/%.*s", dir, (int)(end - p), p);
        struct stat st;
        ok = stat(f.data, &st) == 0 && (long long)st.st_size == atoll(bytes + 9);
        pk_buf_fini(&f);
        p = end;
    }
    if (ok && title && title_len) {
        char *t = pk_json_top_string(text.data, text.len, "title");
        pk_buf line = PK_BUF_INIT;
        pk_text_add_line(&line, t ? t : "");
        snprintf(title, title_len, "%s", pk_buf_str(&line));
        pk_buf_fini(&line);
        free(t);
    }
    pk_buf_fini(&path);
    pk_buf_fini(&text);
    pk_diag_fini(&d);
    return ok;
}
