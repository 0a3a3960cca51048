/* kit.c: the headline and claims of the factoid kit, by the rules of docs/kit.md. Each claim
 * is made only from figures the record has (status ok or top-coded), and names their sources. */
#include "reports/kit.h"

#include "reports/cite.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/fmt.h"
#include "data/history.h"
#include "data/say.h"
#include "data/text.h"

char *pk_expand_template(const char *tmpl, const char *soc)
{
    if (!tmpl) return NULL;
    pk_buf b = PK_BUF_INIT;
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "{soc}", 5) == 0) {
            pk_buf_adds(&b, soc);
            p += 5;
        } else if (strncmp(p, "{slug}", 6) == 0) {
            for (const char *c = soc; *c; c++) pk_buf_addc(&b, *c == '.' ? '-' : *c);
            p += 6;
        } else {
            pk_buf_addc(&b, *p++);
        }
    }
    return pk_buf_take(&b);
}


static pk_claim *add_claim(pk_kit *k, const char *id)
{
    pk_claim *c = &k->claims[k->n_claims++];
    c->id = id;
    return c;
}

static void finish_claim(pk_claim *c, pk_buf *text, pk_buf *src)
{
    c->text = pk_buf_take(text);
    c->source = pk_buf_take(src);
}

/* "2024" and "2034", or the projection's years when the record gives them. */
static bool projection_years(const pk_record *r, long *from, long *to)
{
    if (!r->outlook.present) return false;
    *from = r->outlook.base_year;
    *to = r->outlook.target_year;
    return true;
}

static bool is_bls(const pk_sources *s, const char *ids)
{
    const pk_source *src = pk_sources_find(s, ids);
    return src && strstr(src->publisher, "Bureau of Labor Statistics") != NULL;
}

/* The subject of a factoid about figures BLS publishes for a code: "The occupation", or, when
 * the figures describe a wider code, that code and whom it covers ("SOC 29-1229 Physicians,
 * all other, which covers Hospitalists and 6 other occupations,"). Returns true for the
 * latter. */
static bool subject(pk_buf *t, const pk_figure *f, const pk_record *r, const char *own)
{
    if (!pk_scope_disclosed(f->scope)) {
        pk_buf_adds(t, own);
        return false;
    }
    pk_say_scope_subject(t, f->scope, r->title);
    pk_buf_addc(t, ',');
    return true;
}

void pk_kit_build(pk_kit *k, const pk_record *r, const pk_sources *s)
{
    memset(k, 0, sizeof *k);
    pk_buf t = PK_BUF_INIT, src = PK_BUF_INIT;
    const pk_figure *overlap = &r->exposure.task_overlap;
    const pk_figure *openings = &r->outlook.openings;
    const pk_figure *change = &r->outlook.change;
    const pk_figure *median = &r->wages.median;
    const pk_figure *hourly = &r->wages.hourly.median;
    const pk_figure *employment = &r->wages.employment;
    const pk_figure *aug = &r->ai_usage.augmentation;
    bool has_overlap = overlap->status == PK_FIG_OK;
    bool has_openings = openings->status == PK_FIG_OK && r->outlook.present;
    long y0 = 0, y1 = 0;
    bool years = projection_years(r, &y0, &y1);

    /* Headline: the strongest pair of facts the record has for this occupation itself
     * (docs/kit.md; pk_headline_figures leaves out figures of a wider code) */
    unsigned head = pk_headline_figures(r);
    if (head & PK_HEAD_OVERLAP) {
        pk_buf_printf(&t, "%s show ", r->title);
        pk_fmt_rank(&t, overlap->value);
        pk_buf_adds(&t, "-percentile AI task overlap");
        if (head & PK_HEAD_OPENINGS) {
            pk_buf_adds(&t, " \xE2\x80\x94 and about ");
            pk_fmt_count_words(&t, openings->value);
            pk_buf_adds(&t, " annual U.S. openings");
        }
    } else if (head & PK_HEAD_OPENINGS) {
        pk_buf_printf(&t, "%s: about ", r->title);
        pk_fmt_count_words(&t, openings->value);
        pk_buf_printf(&t, " U.S. job openings a year projected through %ld", y1);
    } else if (head & PK_HEAD_MEDIAN) {
        pk_buf_printf(&t, "%s earn a median ", r->title);
        pk_fmt_figure(&t, median, 0, 0);
        pk_buf_adds(&t, " a year in the U.S.");
    } else if (head & PK_HEAD_HOURLY) {
        pk_buf_printf(&t, "%s earn a median ", r->title);
        pk_fmt_figure(&t, hourly, -1, 0);
        pk_buf_adds(&t, " an hour in the U.S.");
    } else {
        pk_buf_printf(&t, "%s: an occupation profile", r->title);
    }
    k->headline = pk_buf_take(&t);

    if (has_overlap) {
        pk_claim *c = add_claim(k, "task_overlap");
        pk_buf_printf(&t, "%s rank in the ", r->title);
        pk_fmt_rank(&t, overlap->value);
        pk_buf_adds(&t, " percentile");
        if (overlap->band) pk_buf_printf(&t, " (%s band)", overlap->band);
        pk_buf_adds(&t, " for AI task overlap across ");
        if (overlap->population) {
            pk_fmt_num(&t, (double)overlap->population, 0, 0);
            pk_buf_adds(&t, " U.S. occupations with data");
        } else {
            pk_buf_adds(&t, "U.S. occupations");
        }
        pk_buf_adds(&t, " \xE2\x80\x94 a measure of how much of the work today's AI can attempt, "
                        "not how much is automated.");
        pk_source_labels(&src, s, overlap->source);
        finish_claim(c, &t, &src);
    }
    if (has_openings && years) {
        pk_claim *c = add_claim(k, "openings");
        subject(&t, openings, r, "The occupation");
        pk_buf_adds(&t, " is projected to see about ");
        pk_fmt_count_words(&t, openings->value);
        pk_buf_adds(&t, " U.S. job openings per year (");
        pk_fmt_year_range(&t, y0, y1);
        pk_buf_adds(&t, "), counting growth and replacement \xE2\x80\x94 a labor-demand projection "
                        "made independently of AI.");
        pk_source_labels(&src, s, openings->source);
        finish_claim(c, &t, &src);
    }
    if (change->status == PK_FIG_OK && years) {
        pk_claim *c = add_claim(k, "change");
        pk_buf pct = PK_BUF_INIT;
        pk_fmt_figure(&pct, change, 1, 0);
        bool bls = is_bls(s, change->source);
        pk_buf_adds(&t, bls ? "BLS projects employment" : "Employment is projected");
        if (pk_scope_disclosed(change->scope)) {
            pk_buf_adds(&t, bls ? " in " : " for ");
            pk_say_scope_subject(&t, change->scope, r->title);
            pk_buf_addc(&t, ',');
        }
        if (r->outlook.label) {
            /* BLS's wording reads as a verb phrase: "to be declining", "to show little or no
             * change", "to grow much faster than average" */
            const char *label = r->outlook.label;
            const char *verb = " to be ";
            if (strstr(label, "average")) verb = " to grow ";
            else if (strstr(label, "change")) verb = " to show ";
            pk_buf_adds(&t, verb);
            for (const char *p = label; *p; p++)
                pk_buf_addc(&t, (char)(p == label && *p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
            pk_buf_printf(&t, " (%s)", pk_buf_str(&pct));
        } else {
            pk_buf_adds(&t, " to change by ");
            pk_buf_adds(&t, pk_buf_str(&pct));
        }
        pk_buf_printf(&t, " from %ld to %ld.", y0, y1);
        pk_buf_fini(&pct);
        pk_source_labels(&src, s, change->source);
        finish_claim(c, &t, &src);
    }
    bool hourly_pay = r->wages.hourly_only && pk_fig_has(hourly);
    if ((pk_fig_has(median) && !r->wages.hourly_only) || hourly_pay) {
        const pk_figure *pay = hourly_pay ? hourly : median;
        pk_claim *c = add_claim(k, "pay");
        pk_buf_adds(&t, hourly_pay ? "Median hourly pay" : "Median annual pay");
        if (pk_scope_disclosed(pay->scope)) {
            pk_buf_adds(&t, " for ");
            pk_say_scope_subject(&t, pay->scope, r->title);
            pk_buf_addc(&t, ',');
        }
        pk_buf_adds(&t, " is ");
        pk_fmt_figure(&t, pay, hourly_pay ? -1 : 0, 0);
        if (pay->status == PK_FIG_TOPCODED) pk_buf_adds(&t, " (the top value BLS publishes)");
        if (hourly_pay)
            pk_buf_adds(&t, " (BLS publishes hourly wages only for this work, which is seldom "
                            "full-time and year-round)");
        if (employment->status == PK_FIG_OK) {
            pk_buf_adds(&t, ", across about ");
            pk_fmt_count_words(&t, employment->value);
            pk_buf_adds(&t, " U.S. workers");
        }
        pk_buf_addc(&t, '.');
        pk_source_labels(&src, s, pay->source);
        if (employment->status == PK_FIG_OK && strcmp(employment->source, pay->source) != 0) {
            pk_buf_adds(&src, " + ");
            pk_source_labels(&src, s, employment->source);
        }
        finish_claim(c, &t, &src);
    }
    /* the change since the last release, pay and jobs: both releases named and cited, the
       BLS caveat on comparisons over time stamped on each (docs/kit.md) */
    for (int which = 0; which < 2; which++) {
        pk_series ser = which == 0 ? (r->wages.hourly_only ? PK_SERIES_HOURLY : PK_SERIES_MEDIAN)
                                   : PK_SERIES_EMPLOYMENT;
        const pk_hist_point *a, *b;
        if (!pk_hist_last_change(r, ser, &a, &b)) continue;
        const pk_figure *fa = pk_hist_fig(a, ser), *fb = pk_hist_fig(b, ser);
        pk_claim *c = add_claim(k, which == 0 ? "pay_change" : "jobs_change");
        const pk_figure *now = which == 0 ? (r->wages.hourly_only ? hourly : median) : employment;
        if (pk_scope_disclosed(now->scope)) {
            pk_say_scope_subject(&t, now->scope, r->title);
            pk_buf_adds(&t, which == 0 ? ": median pay" : ": employment");
        } else {
            pk_buf_adds(&t, which == 0 ? "Median pay" : "Employment");
        }
        double pct = pk_hist_pct(fa->value, fb->value);
        int dec = ser == PK_SERIES_HOURLY ? 2 : 0;
        if (pct == 0) {
            pk_buf_adds(&t, " was about unchanged");
        } else {
            pk_buf_adds(&t, pct > 0 ? " rose " : " fell ");
            pk_fmt_num(&t, fabs(pct), 1, 0);
            pk_buf_addc(&t, '%');
        }
        pk_buf_adds(&t, " from ");
        pk_hist_release(&t, a);
        pk_buf_adds(&t, " to ");
        pk_hist_release(&t, b);
        pk_buf_adds(&t, " (");
        pk_fmt_figure(&t, fa, dec, 0);
        pk_buf_adds(&t, " to ");
        pk_fmt_figure(&t, fb, dec, 0);
        pk_buf_adds(&t, which == 0 ? (dec ? " an hour), in current dollars." : "), in current dollars.")
                                   : " wage and salary jobs).");
        pk_buf_adds(&t, " " PK_OEWS_TIME_CAVEAT);
        pk_source_labels(&src, s, a->source);
        pk_buf_adds(&src, " + ");
        pk_source_labels(&src, s, b->source);
        finish_claim(c, &t, &src);
    }
    if (aug->status == PK_FIG_OK) {
        pk_claim *c = add_claim(k, "augmentation");
        const pk_figure *aut = &r->ai_usage.automation, *filt = &r->ai_usage.filtered;
        pk_buf_adds(&t, "Of the AI use actually observed for this work, ");
        pk_fmt_figure(&t, aug, 0, 0);
        /* a release that filters some conversations: the three parts of the whole, so the
         * reader sees how much the share leaves unknown (docs/kit.md) */
        if (filt->status == PK_FIG_OK && round(filt->value) >= 1 && aut->status == PK_FIG_OK) {
            pk_buf_adds(&t, " looks like augmentation (drafting, iterating, checking) and ");
            pk_fmt_figure(&t, aut, 0, 0);
            pk_buf_adds(&t, " like hands-off automation; how the other ");
            pk_fmt_figure(&t, filt, 0, 0);
            pk_buf_adds(&t, " went is below the release's sample floor \xE2\x80\x94 from one AI "
                            "assistant's usage sample, not a census.");
        } else {
            pk_buf_adds(&t, " looks like augmentation (drafting, iterating, checking) rather than "
                            "hands-off automation \xE2\x80\x94 from one AI assistant's usage "
                            "sample, not a census.");
        }
        pk_source_labels(&src, s, aug->source);
        finish_claim(c, &t, &src);
    }

    k->url = pk_expand_template(s->publication.url_template, r->soc);
    if (s->publication.publisher) {
        pk_buf_printf(&t, "Source: %s \xE2\x80\x94 \"%s\".", s->publication.publisher,
                      r->title);
        if (k->url) pk_buf_printf(&t, " %s", k->url);
    } else {
        /* no one publishes the kit: the line names the data it is built from, never the tool */
        pk_buf_adds(&t, "Sources: ");
        pk_cite_built_from(&t, r, s);
        pk_buf_addc(&t, '.');
        if (k->url) pk_buf_printf(&t, " %s", k->url);
    }
    k->source_line = pk_buf_take(&t);
    if (has_overlap || aug->status == PK_FIG_OK)
        k->note = pk_xstrdup("Note: AI task overlap measures what today's AI can attempt, not "
                             "automation, job loss, or a forecast.");
    pk_buf_fini(&t);
    pk_buf_fini(&src);
}

void pk_kit_fini(pk_kit *k)
{
    free(k->headline);
    for (size_t i = 0; i < k->n_claims; i++) {
        free(k->claims[i].text);
        free(k->claims[i].source);
    }
    free(k->url);
    free(k->source_line);
    free(k->note);
    memset(k, 0, sizeof *k);
}

void pk_kit_text(const pk_kit *k, pk_buf *out)
{
    pk_text_add_line(out, k->headline);
    pk_buf_adds(out, "\n\n");
    for (size_t i = 0; i < k->n_claims; i++) {
        pk_buf_adds(out, "\xE2\x80\xA2 ");
        pk_text_add_line(out, k->claims[i].text);
        pk_buf_adds(out, " (");
        pk_text_add_line(out, k->claims[i].source);
        pk_buf_adds(out, ")\n");
    }
    if (k->n_claims) pk_buf_addc(out, '\n');
    pk_text_add_line(out, k->source_line);
    pk_buf_addc(out, '\n');
    if (k->note) {
        pk_text_add_line(out, k->note);
        pk_buf_addc(out, '\n');
    }
}
