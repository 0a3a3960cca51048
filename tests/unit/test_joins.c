/* test_joins.c: the joins between code systems (docs/methodology.md, "Joins"), each over a
 * synthetic pack in tests/fixtures/: a SOC 2010 study's aggregates (a broad group, a title, a
 * list of titles), abilities rated for O*NET-SOC 2010 codes (the code kept, a split, a merge),
 * the ILO headline among several ISCO-08 matches, BLS's hourly-only wages, and the scope every
 * joined figure carries. */
#include "harness.h"

#include <stdlib.h>

#include "data/pack.h"
#include "reports/brief.h"
#include "reports/doc.h"
#include "reports/kit.h"
#include "reports/markdown.h"

static pk_pack *load(const char *name)
{
    char path[512];
    const char *src = getenv("PK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/fixtures/%s/manifest.json", src ? src : ".", name);
    pk_diag d = PK_DIAG_INIT;
    pk_pack *p = pk_pack_load(path, NULL, &d);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
    CHECK(p != NULL && d.n == 0); /* a fixture loads without a problem */
    pk_diag_fini(&d);
    return p;
}

static pk_record *rec(pk_pack *p, const char *code)
{
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = p ? pk_pack_record(p, code, &d) : NULL;
    CHECK(r != NULL);
    pk_diag_fini(&d);
    return r;
}

static void check_scope(const pk_figure *f, pk_scope_kind kind, const char *code, long n)
{
    CHECK(f->scope != NULL);
    if (!f->scope) return;
    CHECK(f->scope->kind == kind);
    CHECK_STR(f->scope->code, code);
    CHECK(f->scope->occupations == n);
}

static void aggregates(void)
{
    pk_pack *p = load("aggregates");
    /* a broad group (91-1060) fills the code of the group that has no row of its own */
    pk_record *r = rec(p, "91-1061.00");
    if (r) {
        CHECK(r->exposure.frey_osborne.value == 0.01);
        check_scope(&r->exposure.frey_osborne, PK_SCOPE_AGGREGATE, "91-1060", 1);
        CHECK_STR(r->exposure.frey_osborne.scope->system, "SOC 2010");
        CHECK(r->exposure.frey_osborne.population == 4);
    }
    pk_record_free(r);
    /* ... but never overrides a row of the occupation's own code */
    r = rec(p, "91-1062.00");
    if (r) {
        CHECK(r->exposure.frey_osborne.value == 0.2);
        check_scope(&r->exposure.frey_osborne, PK_SCOPE_SHARED, "91-1062", 1);
    }
    pk_record_free(r);
    /* a code of the study's own whose title is a SOC 2010 title */
    r = rec(p, "91-1071.00");
    if (r) {
        CHECK(r->exposure.frey_osborne.value == 0.3);
        check_scope(&r->exposure.frey_osborne, PK_SCOPE_AGGREGATE, "91-1079", 1);
    }
    pk_record_free(r);
    /* a title that lists SOC 2010 titles covers each of them */
    for (int i = 0; i < 2; i++) {
        r = rec(p, i ? "91-1082.00" : "91-1081.00");
        if (r) {
            CHECK(r->exposure.frey_osborne.value == 0.96);
            check_scope(&r->exposure.frey_osborne, PK_SCOPE_AGGREGATE, "91-1089", 2);
            /* ranked over the study's own four rows: 0.96 is the highest */
            CHECK(r->exposure.frey_osborne.percentile == 87.5);
        }
        pk_record_free(r);
    }
    pk_pack_free(p);
}

static void abilities_2010(void)
{
    pk_pack *p = load("abilities2010");
    /* the occupation's own 2010 code is kept (not averaged with the code merged into it), and
     * says it describes part of the occupation */
    pk_record *r = rec(p, "91-2011.00");
    if (r) {
        CHECK(r->abilities.n_items == 2);
        if (r->abilities.n_items == 2) {
            CHECK_STR(r->abilities.items[0].name, "Oral Expression");
            CHECK(r->abilities.items[0].fig.value == 4.0);
        }
        CHECK(r->abilities.scope && r->abilities.scope->kind == PK_SCOPE_PART);
    }
    pk_record_free(r);
    /* one 2010 code that split: both occupations get its ratings, shared by 2 */
    r = rec(p, "91-2021.01");
    if (r) {
        CHECK(r->abilities.n_items == 1 && r->abilities.items[0].fig.value == 3.25);
        CHECK(r->abilities.scope && r->abilities.scope->kind == PK_SCOPE_SHARED &&
              r->abilities.scope->occupations == 2);
        if (r->abilities.scope) CHECK_STR(r->abilities.scope->code, "91-2020.00");
    }
    pk_record_free(r);
    /* two 2010 codes merged: each element's mean over the codes that rate it */
    r = rec(p, "91-2031.00");
    if (r) {
        CHECK(r->abilities.n_items == 2);
        if (r->abilities.n_items == 2) {
            CHECK_STR(r->abilities.items[0].name, "Oral Expression");
            CHECK(r->abilities.items[0].fig.value == 3.5); /* (4.0 + 3.0) / 2 */
            CHECK_STR(r->abilities.items[1].name, "Near Vision");
            CHECK(r->abilities.items[1].fig.value == 3.0); /* rated by one code only */
            check_scope(&r->abilities.items[0].fig, PK_SCOPE_MERGED, "91-2031.01 + 91-2031.02", 1);
        }
    }
    pk_record_free(r);
    pk_pack_free(p);
}

static void ilo_headline(void)
{
    pk_pack *p = load("ilo-headline");
    /* several matches: the one whose title is the occupation's, listed first */
    pk_record *r = rec(p, "91-3011.00");
    if (r) {
        CHECK_STR(r->global.headline, "title");
        CHECK(r->global.mean_exposure.value == 14);
        CHECK(r->global.n_isco == 2);
        if (r->global.n_isco == 2) {
            CHECK_STR(r->global.isco[0].code, "9902");
            CHECK_STR(r->global.isco[1].code, "9901");
            CHECK(r->global.isco[1].exposure.value == 32);
            CHECK(r->global.isco[1].exposure.percentile == 70); /* 0.32: 4th of 5, mid-rank */
        }
        CHECK(r->global.shift.value == -1);
    }
    pk_record_free(r);
    /* several matches, no title among them: no headline, both listed */
    r = rec(p, "91-3021.00");
    if (r) {
        CHECK(r->global.headline == NULL);
        CHECK(r->global.mean_exposure.status == PK_FIG_ABSENT);
        CHECK(r->global.shift.status == PK_FIG_ABSENT);
        CHECK(r->global.n_isco == 2);
    }
    pk_record_free(r);
    r = rec(p, "91-3031.00");
    if (r) {
        CHECK_STR(r->global.headline, "only");
        CHECK(r->global.mean_exposure.value == 35);
    }
    pk_record_free(r);
    pk_pack_free(p);
}

static void hourly(void)
{
    pk_pack *p = load("hourly-only");
    pk_record *r = rec(p, "91-4011.00");
    if (r) {
        CHECK(r->wages.hourly_only);
        CHECK(r->wages.median.status == PK_FIG_NA);
        CHECK(r->wages.hourly.median.value == 23.33);
        CHECK(r->wages.hourly.median.unit == PK_UNIT_USD_HOUR);
        CHECK(r->wages.hourly.p90.status == PK_FIG_TOPCODED && r->wages.hourly.p90.value == 115);
        CHECK(pk_fig_rank(&r->wages.median) < 0); /* no annual median: no pay rank */
    }
    pk_record_free(r);
    r = rec(p, "91-4012.00");
    if (r) {
        CHECK(!r->wages.hourly_only);
        CHECK(r->wages.median.value == 42000 && r->wages.hourly.median.value == 20.19);
        CHECK(r->wages.median.percentile == 50); /* the only annual median ranked */
        CHECK(r->wages.median.population == 1);
    }
    pk_record_free(r);
    pk_pack_free(p);
}

/* brief.md's work-activities section of r */
static void activities_md(pk_pack *p, const pk_record *r, pk_buf *md)
{
    pk_kit kit;
    pk_kit_build(&kit, r, pk_pack_sources(p));
    pk_doc *doc = pk_brief_doc(r, pk_pack_sources(p), NULL, &kit);
    pk_buf all = PK_BUF_INIT;
    pk_markdown_doc(&all, doc);
    const char *a = strstr(pk_buf_str(&all), "## Work activities");
    const char *e = a ? strstr(a + 3, "\n## ") : NULL;
    if (a) pk_buf_add(md, a, e ? (size_t)(e - a) : strlen(a));
    pk_buf_fini(&all);
    pk_doc_free(doc);
    pk_kit_fini(&kit);
}

/* O*NET Work Activities (an optional section: no shared release has the file): importance only,
 * highest first, trimmed as the other ratings are; the brief shows them, or says they are not
 * in the data. */
static void work_activities(void)
{
    pk_pack *p = load("work-activities");
    pk_record *r = rec(p, "91-3011.00");
    if (r) {
        const pk_list *l = &r->work_activities;
        /* four rated important (3.0 and up), topped up to five; the LV rows are not mixed in */
        CHECK(l->present && l->n_items == 5);
        if (l->n_items == 5) {
            CHECK_STR(l->items[0].name, "Getting Information");
            CHECK(l->items[0].fig.value == 4.6);
            CHECK_STR(l->items[3].name, "Handling and Moving Objects");
            CHECK(l->items[3].fig.value == 3.2);
            CHECK_STR(l->items[4].name, "Thinking Creatively");
            CHECK(l->items[4].fig.value == 2.2);
        }
        pk_buf md = PK_BUF_INIT;
        activities_md(p, r, &md);
        CHECK(strstr(pk_buf_str(&md), "| Getting Information | 4.6 |") != NULL);
        CHECK(strstr(pk_buf_str(&md), "| Thinking Creatively | 2.2 |") != NULL);
        CHECK(strstr(pk_buf_str(&md), "Not in the data") == NULL);
        pk_buf_fini(&md);
    }
    pk_record_free(r);
    r = rec(p, "91-3021.00");
    if (r) {
        CHECK(!r->work_activities.present);
        pk_buf md = PK_BUF_INIT;
        activities_md(p, r, &md);
        CHECK(strstr(pk_buf_str(&md), "Not in the data this brief was made from") != NULL);
        pk_buf_fini(&md);
    }
    pk_record_free(r);
    pk_pack_free(p);
}

int main(void)
{
    RUN(aggregates);
    RUN(abilities_2010);
    RUN(ilo_headline);
    RUN(hourly);
    RUN(work_activities);
    return pk_t_finish();
}
