/* share.c: the share card (see charts.h): the picture a link to the kit shows on social media and
 * in chat apps, 1200 x 630 px. It is a scene like every chart, so the PNG painter writes it and
 * the PDF painter could place it. Part of charts/. */
#include "charts/frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/fmt.h"
#include "data/say.h"

/* One headline figure: the number, large, and what it measures under it. */
typedef struct big_fig {
    pk_buf number;  /* "46th", "1,200", "$66,430" */
    pk_buf caption; /* "percentile for AI task overlap among U.S. occupations" */
    pk_buf prose;   /* the alt text's words for both */
} big_fig;

/* The figures of the kit's headline, by its rules (pk_headline_figures, docs/kit.md): overlap
 * and openings, either alone, else the median wage (ok or top-coded; hourly when BLS publishes
 * only hourly wages), never a figure of a wider code than the occupation's own. tests/unit/test_charts.c checks that each number drawn is in the kit's headline.
 * Returns how many (0-2). */
static int headline_figures(pk_chart *c, const pk_record *r, big_fig f[2])
{
    const pk_figure *overlap = &r->exposure.task_overlap, *openings = &r->outlook.openings;
    const pk_figure *median = &r->wages.median, *hourly = &r->wages.hourly.median;
    unsigned head = pk_headline_figures(r); /* the kit's rules, data/say.h */
    bool has_overlap = head & PK_HEAD_OVERLAP;
    bool has_openings = head & PK_HEAD_OPENINGS;
    int n = 0;
    if (has_overlap) {
        big_fig *b = &f[n++];
        pk_fmt_rank(&b->number, overlap->value);
        pk_buf_adds(&b->caption, "percentile for AI task overlap among U.S. occupations");
        if (overlap->band) {
            pk_buf_adds(&b->caption, " (");
            pk_chart_add_clean(&b->caption, overlap->band);
            pk_buf_adds(&b->caption, " band)");
        }
        pk_buf_printf(&b->prose, "%s %s", b->number.data, b->caption.data);
        pk_chart_add_source(c, overlap->source);
    }
    if (has_openings) {
        big_fig *b = &f[n++];
        pk_fmt_count_words(&b->number, openings->value);
        pk_buf_adds(&b->caption, "projected U.S. job openings a year, ");
        pk_fmt_year_range(&b->caption, r->outlook.base_year, r->outlook.target_year);
        pk_buf_printf(&b->prose, "about %s %s", b->number.data, b->caption.data);
        pk_chart_add_source(c, openings->source);
    }
    if (n == 0 && (head & (PK_HEAD_MEDIAN | PK_HEAD_HOURLY))) {
        bool hr = head & PK_HEAD_HOURLY;
        const pk_figure *pay = hr ? hourly : median;
        big_fig *b = &f[n++];
        pk_fmt_usd(&b->number, pay->value, hr ? 2 : 0, PK_FMT_MINUS);
        if (pay->status == PK_FIG_TOPCODED) pk_buf_addc(&b->number, '+');
        pk_buf_adds(&b->caption, hr ? "median hourly pay in the U.S." : "median annual pay in the U.S.");
        if (pay->status == PK_FIG_TOPCODED)
            pk_buf_adds(&b->caption, " (the top value published)");
        pk_fmt_figure(&b->prose, pay, hr ? -1 : 0, 0);
        pk_buf_printf(&b->prose, " %s", b->caption.data);
        pk_chart_add_source(c, pay->source);
    }
    return n;
}

pk_scene *pk_share_build(const pk_record *r, const pk_sources *s, const char *headline,
                         const char *url, const pk_fonts *fonts, const pk_chart_style *st_chart)
{
    pk_chart_style st = *st_chart;
    st.width = PK_SHARE_WIDTH;
    st.height = PK_SHARE_HEIGHT;
    st.margin = PK_SHARE_SAFE;
    pk_chart cc, *c = &cc;
    pk_chart_begin(c, r, s, fonts, &st);
    int fr = st.font, fb = st.font_bold;
    double x0 = c->x0, w = c->x1 - c->x0, top = PK_SHARE_SAFE;
    double bottom = st.height - PK_SHARE_SAFE;
    pk_buf t = PK_BUF_INIT;
    pk_para p = {0};

    /* a strip of the accent colour along the top edge: decoration, so it may be cropped */
    pk_scene_rect(c->s, 0, 0, st.width, 8, st.accent, PK_NONE, 0);

    big_fig f[2];
    memset(f, 0, sizeof f);
    int nf = headline_figures(c, r, f);

    /* the footer first, from the bottom up: the page, then the source line */
    double ks = 14, ts = 15, ss = 13;
    pk_scene_group(c->s, "source");
    double y = bottom;
    if (url && *url) {
        /* "Publisher · example.org/roles/...": the page, without its scheme */
        const char *shown = url;
        if (strncmp(shown, "https://", 8) == 0)
            shown += 8;
        else if (strncmp(shown, "http://", 7) == 0)
            shown += 7;
        pk_buf_reset(&t);
        if (s->publication.publisher) {
            pk_buf_adds(&t, s->publication.publisher);
            pk_buf_adds(&t, " " MIDDOT " ");
        }
        pk_buf_adds(&t, shown);
        pk_chart_wrap(c, fr, ss, t.data, w, 1, &p);
        y -= pk_chart_para_h(c, &p, fr, ss);
        pk_chart_draw_para(c, &p, x0, y, PK_ANCHOR_START, fr, ss, st.muted);
        y -= 4;
    }
    if (c->n_sources) {
        pk_buf_reset(&t);
        pk_chart_source_line(c, &t);
        pk_chart_wrap(c, fr, ss, t.data, w, 2, &p);
        y -= pk_chart_para_h(c, &p, fr, ss);
        pk_chart_draw_para(c, &p, x0, y, PK_ANCHOR_START, fr, ss, st.muted);
    }
    pk_scene_ungroup(c->s);
    double foot_top = y;

    /* the header: SOC code, then the title (shrinking before it is cut) */
    pk_scene_group(c->s, "title");
    pk_buf_reset(&t);
    pk_buf_adds(&t, "U.S. occupation " MIDDOT " SOC ");
    pk_chart_add_clean(&t, r->soc);
    pk_chart_wrap(c, fr, ks, t.data, w, 1, &p);
    y = pk_chart_draw_para(c, &p, x0, top, PK_ANCHOR_START, fr, ks, st.muted) + 10;
    static const double title_sizes[] = {36, 30, 26};
    double tsz = title_sizes[0];
    for (size_t k = 0; k < sizeof title_sizes / sizeof *title_sizes; k++) {
        tsz = title_sizes[k];
        pk_chart_wrap(c, fb, tsz, r->title, w, 2, &p);
        if (!p.cut) break;
    }
    y = pk_chart_draw_para(c, &p, x0, y, PK_ANCHOR_START, fb, tsz, st.ink);
    pk_scene_ungroup(c->s);

    /* the figures, side by side, centred between the title and the footer: each number as
     * large as fits its column (72 pt at most), its caption under it */
    double gap = 36, col_w = nf ? (w - gap * (nf - 1)) / nf : w;
    double num_size = 72;
    for (int i = 0; i < nf; i++) {
        double w1 = text_w(c, fb, 1, f[i].number.data, f[i].number.len);
        if (w1 > 0 && w1 * num_size > col_w) num_size = floor(col_w / w1);
    }
    pk_para cap[2];
    memset(cap, 0, sizeof cap);
    double block = 0;
    for (int i = 0; i < nf; i++) {
        pk_chart_wrap(c, fr, ts * 1.2, f[i].caption.data, col_w, 3, &cap[i]);
        double h = box_h(c, fb, num_size) + 8 + pk_chart_para_h(c, &cap[i], fr, ts * 1.2);
        block = fmax(block, h);
    }
    if (nf == 0) { /* no figure: what the card is */
        pk_chart_wrap(c, fr, ts * 1.2, "An occupation profile", w, 1, &cap[0]);
        block = pk_chart_para_h(c, &cap[0], fr, ts * 1.2);
    }
    double space_top = y + 24, space_bottom = foot_top - 20;
    double fy = space_top + fmax(0, (space_bottom - space_top - block) / 2);
    pk_scene_group(c->s, "figures");
    for (int i = 0; i < nf; i++) {
        double fx = x0 + i * (col_w + gap);
        if (i) pk_scene_line(c->s, fx - gap / 2, fy, fx - gap / 2, fy + block, st.grid, 1.5, 0);
        pk_scene_text(c->s, fx, fy + ascent(c, fb, num_size), fb, num_size, st.accent_dark,
                      PK_ANCHOR_START, f[i].number.data);
        pk_chart_draw_para(c, &cap[i], fx, fy + box_h(c, fb, num_size) + 8, PK_ANCHOR_START, fr,
                           ts * 1.2, st.ink);
    }
    if (nf == 0) pk_chart_draw_para(c, &cap[0], x0, fy, PK_ANCHOR_START, fr, ts * 1.2, st.muted);
    pk_scene_ungroup(c->s);

    /* alt text: the card's words, every number as drawn or in its AP form */
    pk_buf_adds(&c->alt, "Share card: ");
    pk_chart_add_clean(&c->alt, r->title);
    pk_buf_adds(&c->alt, " (U.S. occupation, SOC ");
    pk_chart_add_clean(&c->alt, r->soc);
    pk_buf_adds(&c->alt, ")");
    for (int i = 0; i < nf; i++) {
        pk_buf_adds(&c->alt, i ? "; " : ": ");
        pk_buf_adds(&c->alt, f[i].prose.data);
    }
    if (nf == 0) pk_buf_adds(&c->alt, ", an occupation profile");
    pk_buf_addc(&c->alt, '.');
    if (c->n_sources) {
        pk_buf_addc(&c->alt, ' ');
        pk_chart_source_line(c, &c->alt);
        pk_buf_addc(&c->alt, '.');
    }
    if (url && *url) {
        pk_buf_adds(&c->alt, " ");
        if (s->publication.publisher) {
            pk_chart_add_clean(&c->alt, s->publication.publisher);
            pk_buf_adds(&c->alt, ": ");
        }
        pk_chart_add_clean(&c->alt, url);
    }
    pk_buf_reset(&t);
    pk_chart_add_clean(&t, headline && *headline ? headline : r->title);
    pk_scene_set_text(c->s, t.data, pk_buf_str(&c->alt));

    for (int i = 0; i < 2; i++) {
        pk_buf_fini(&f[i].number);
        pk_buf_fini(&f[i].caption);
        pk_buf_fini(&f[i].prose);
        para_fini(&cap[i]);
    }
    para_fini(&p);
    pk_buf_fini(&t);
    pk_buf_fini(&c->alt);
    return c->s;
}
