/* test_pack_real.c: the US 2024 pack over the real public releases (../shared/real-data).
 * For 27-4014.00, every figure the seed page shows that these files contain must come out as the
 * seed shows it; the AI work map of a held-out set of occupations must be what this test works
 * out from the release's files itself (real_aei.h). Skipped (exit 77) when the real data is not
 * beside the checkout. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "data/buf.h"
#include "data/csv.h"
#include "data/fmt.h"
#include "data/pack.h"
#include "reports/kit.h"
#include "reports/markdown.h"

#include "real_aei.h"

static const char *fmt(const pk_figure *f, int decimals)
{
    static char out[8][64];
    static int k;
    pk_buf b = PK_BUF_INIT;
    pk_fmt_figure(&b, f, decimals, 0);
    k = (k + 1) % 8;
    snprintf(out[k], sizeof out[k], "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out[k];
}

static const pk_industry *industry(const pk_record *r, const char *name)
{
    for (size_t i = 0; i < r->industries.n_items; i++)
        if (strcmp(r->industries.items[i].name, name) == 0) return &r->industries.items[i];
    return NULL;
}

static void check_scope(const pk_figure *f, pk_scope_kind kind, const char *code, long n)
{
    CHECK(f->scope != NULL);
    if (!f->scope) return;
    CHECK(f->scope->kind == kind);
    CHECK_STR(f->scope->code, code);
    CHECK(f->scope->occupations == n);
}

/* The figures the joins derive, pinned to what the release files say (worked out from the files
 * by hand: docs/methodology.md has the rules), and whom each describes. */
static void truth(pk_pack *p)
{
    pk_diag d = PK_DIAG_INIT;
    /* a combined code: BLS publishes Home Health Aides only with Personal Care Aides, 31-1120 */
    pk_record *r = pk_pack_record(p, "31-1121.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(fmt(&r->wages.median, 0), "$34,900");
        CHECK_STR(fmt(&r->wages.employment, 0), "3,988,140");
        check_scope(&r->wages.median, PK_SCOPE_COMBINED, "31-1120", 2);
        CHECK_STR(r->wages.median.scope->title, "Home Health and Personal Care Aides");
        CHECK_STR(fmt(&r->outlook.change, 1), "17.0%");
        CHECK_STR(fmt(&r->outlook.openings, 0), "765,800");
        check_scope(&r->outlook.openings, PK_SCOPE_COMBINED, "31-1120", 2);
    }
    pk_record_free(r);
    /* a shared SOC code: seven O*NET occupations under 29-1229 Physicians, All Other */
    r = pk_pack_record(p, "29-1229.02", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(fmt(&r->wages.median, 0), "$239,200 or more");
        check_scope(&r->wages.median, PK_SCOPE_SHARED, "29-1229", 7);
        CHECK(pk_rank_shown(r->wages.median.percentile) == 99); /* 98.8: top-coded ties */
        CHECK_STR(fmt(&r->wages.hourly.median, -1), "$115.00 or more");
        /* Frey-Osborne's aggregate row 29-1060 Physicians and surgeons */
        CHECK_STR(fmt(&r->exposure.frey_osborne, -1), "0.0042");
        check_scope(&r->exposure.frey_osborne, PK_SCOPE_AGGREGATE, "29-1060", 23);
        /* two ISCO-08 matches, neither by title: no headline */
        CHECK(r->global.headline == NULL && r->global.n_isco == 2);
        pk_kit k;
        pk_kit_build(&k, r, pk_pack_sources(p));
        CHECK(strstr(k.headline, "openings") == NULL); /* the category's, not Hospitalists' */
        pk_kit_fini(&k);
    }
    pk_record_free(r);
    /* hourly wages only */
    r = pk_pack_record(p, "27-2011.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK(r->wages.hourly_only);
        CHECK_STR(fmt(&r->wages.hourly.median, -1), "$23.33");
        CHECK(pk_fig_rank(&r->wages.median) < 0);
    }
    pk_record_free(r);
    /* the ILO headline by title: 5412 Police Officers (14%), not 3351 (32%), the crosswalk's first */
    r = pk_pack_record(p, "33-3051.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(r->global.headline, "title");
        CHECK_STR(fmt(&r->global.mean_exposure, 0), "14%");
        if (r->global.n_isco) CHECK_STR(r->global.isco[0].code, "5412");
    }
    pk_record_free(r);
    /* abilities through the taxonomy crosswalk: 15-1252 Software Developers merged 15-1132.00
     * and 15-1133.00; Deductive Reasoning is rated 3.88 and 3.75 */
    r = pk_pack_record(p, "15-1252.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK(r->abilities.n_items > 0);
        if (r->abilities.n_items) {
            CHECK_STR(r->abilities.items[0].name, "Deductive Reasoning");
            CHECK(r->abilities.items[0].fig.value == (3.88 + 3.75) / 2);
            check_scope(&r->abilities.items[0].fig, PK_SCOPE_MERGED, "15-1132.00 + 15-1133.00", 1);
        }
        /* O*NET 29.2 lists 425 technologies for it; the record keeps 40 and says so */
        CHECK(r->tools.n_items == 40 && r->tools.total == 425);
    }
    pk_record_free(r);
    /* the top-ranked occupation's rank prints as 99th, never 100th */
    r = pk_pack_record(p, "13-2011.00", &d);
    CHECK(r != NULL);
    if (r) {
        pk_kit k;
        pk_kit_build(&k, r, pk_pack_sources(p));
        CHECK(strstr(k.headline, "99th-percentile") != NULL);
        pk_kit_fini(&k);
    }
    pk_record_free(r);
    /* coverage: what the joins reach (docs/packs.md's table) */
    size_t n;
    const char *const *codes = pk_pack_codes(p, &n);
    size_t wages = 0, frey = 0, abil = 0, combined = 0;
    for (size_t i = 0; i < n; i++) {
        pk_record *x = pk_pack_record(p, codes[i], &d);
        if (!x) continue;
        wages += x->wages.present;
        frey += pk_fig_has(&x->exposure.frey_osborne);
        abil += x->abilities.n_items > 0;
        combined += x->wages.median.scope && x->wages.median.scope->kind == PK_SCOPE_COMBINED;
        pk_record_free(x);
    }
    printf("coverage: wages %zu, Frey-Osborne %zu, abilities %zu, combined codes %zu\n", wages,
           frey, abil, combined);
    CHECK(wages == 996);  /* all but the 19 military and 45-3031, which OEWS does not publish */
    CHECK(combined == 34);
    CHECK(frey == 919);
    CHECK(abil == 915);
    pk_diag_fini(&d);
}

/* One row of a raw OEWS national file, read here by header name, independently of the importer:
 * the figures the history must equal. */
typedef struct raw_row {
    const char *code;
    int col[4]; /* A_MEDIAN, A_PCT25, A_PCT75, TOT_EMP */
    double v[4];
    bool found, header;
} raw_row;

static int raw_cb(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    raw_row *x = ctx;
    static const char *const names[4] = {"A_MEDIAN", "A_PCT25", "A_PCT75", "TOT_EMP"};
    if (!x->header) {
        x->header = true;
        for (int i = 0; i < 4; i++) x->col[i] = pk_csv_col(c, names[i]);
        return 0;
    }
    int code = pk_csv_col(c, "OCC_CODE");
    if (code < 0 || strcmp(row->f[code], x->code) != 0) return 0;
    for (int i = 0; i < 4; i++)
        if (x->col[i] >= 0 && pk_csv_number(row->f[x->col[i]], &x->v[i])) x->found = true;
    return 0;
}

static const pk_hist_point *point(const pk_record *r, long year)
{
    for (size_t i = 0; i < r->history.n_points; i++)
        if (r->history.points[i].year == year) return &r->history.points[i];
    return NULL;
}

/* Pay and employment over the OEWS releases: 27-4014.00's series equal the raw files (read here
 * by header name: 2020 has no PCT_RPT, 2015 calls O_GROUP OCC_GROUP), with the medians the
 * releases print; a code new in SOC 2018 gets no 2015 point, and says why. */
static void history(pk_pack *p, const char *root)
{
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_pack_record(p, "27-4014.00", &d);
    CHECK(r != NULL && r->history.present);
    if (r) {
        CHECK(r->history.n_points == 6);
        CHECK(r->history.n_notes == 0);
        static const struct { long year; const char *file, *median; } want[] = {
            {2015, "oews/national_M2015_dl.csv", "$53,330"},
            {2020, "oews/national_M2020_dl.derived.csv", "$53,520"},
            {2021, "oews/national_May2021_dl.csv", "$60,500"},
            {2022, "oews/national_M2022_dl.derived.csv", "$60,670"},
            {2023, "oews/national_M2023_dl.csv", "$59,430"},
            {2024, "oews/national_M2024_dl.csv", "$66,430"},
        };
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            const pk_hist_point *pt = point(r, want[i].year);
            CHECK(pt != NULL);
            if (!pt) continue;
            CHECK_STR(fmt(&pt->median, 0), want[i].median);
            char path[1200], src[32];
            snprintf(path, sizeof path, "%s/%s", root, want[i].file);
            raw_row x = {.code = "27-4014"};
            pk_csv_opts o = {.delim = ',', .quoted = true};
            CHECK(pk_csv_read(path, &o, raw_cb, &x, &d) == 0);
            CHECK(x.found);
            CHECK(pt->median.value == x.v[0]);
            CHECK(pt->p25.value == x.v[1]);
            CHECK(pt->p75.value == x.v[2]);
            CHECK(pt->employment.value == x.v[3]);
            snprintf(src, sizeof src, "oews-%ld", want[i].year);
            CHECK_STR(pt->source, src);
            CHECK_STR(pt->median.source, src);
        }
        const pk_hist_point *old = point(r, 2015);
        if (old) CHECK_STR(old->system, "SOC 2010");
        pk_record_free(r);
    }
    /* O*NET 21-1011.00 is under SOC 2018 21-1018, new in SOC 2018 (SOC 2010 21-1011 and 21-1014 merged): no 2015 point, a 2015 note */
    r = pk_pack_record(p, "21-1011.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK(point(r, 2015) == NULL);
        CHECK(point(r, 2024) != NULL);
        CHECK(r->history.n_notes >= 1);
        if (r->history.n_notes) {
            CHECK(r->history.notes[0].year == 2015);
            CHECK(strstr(r->history.notes[0].text, "21-1018") != NULL);
        }
        pk_record_free(r);
    }
    CHECK(d.n == 0);
    pk_diag_fini(&d);
}

int main(void)
{
    const char *src = getenv("PK_SOURCE_DIR");
    char root[1024], manifest[1024];
    snprintf(root, sizeof root, "%s/../shared/real-data", src ? src : ".");
    snprintf(manifest, sizeof manifest, "%s/data/packs/us-2024.json", src ? src : ".");
    struct stat st;
    if (stat(root, &st) != 0) {
        printf("skipped: no real data at %s\n", root);
        return 77;
    }
    pk_diag d = PK_DIAG_INIT;
    pk_pack *p = pk_pack_load(manifest, root, &d);
    CHECK(p != NULL);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
    CHECK(d.n == 0); /* the real releases load without a single problem */
    if (!p) return pk_t_finish();
    size_t n;
    pk_pack_codes(p, &n);
    CHECK(n == 1016);
    history(p, root);
    pk_record *r = pk_pack_record(p, "27-4014.00", &d);
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(r->title, "Sound Engineering Technicians");
        CHECK_STR(r->job_family, "Arts, Design, Entertainment, Sports, and Media Occupations");
        /* wages and employment (OEWS May 2024) */
        CHECK_STR(fmt(&r->wages.p10, 0), "$36,600");
        CHECK_STR(fmt(&r->wages.p25, 0), "$47,680");
        CHECK_STR(fmt(&r->wages.median, 0), "$66,430");
        CHECK_STR(fmt(&r->wages.p75, 0), "$99,950");
        CHECK_STR(fmt(&r->wages.p90, 0), "$134,980");
        CHECK_STR(fmt(&r->wages.employment, 0), "13,050");
        CHECK_STR(r->wages.median.source, "oews-2024");
        /* projections (BLS EP 2024-34) */
        CHECK(r->outlook.base_year == 2024 && r->outlook.target_year == 2034);
        CHECK_STR(fmt(&r->outlook.employment_base, 0), "16,900");
        CHECK_STR(fmt(&r->outlook.employment_target, 0), "16,600");
        CHECK_STR(fmt(&r->outlook.change, 1), "-1.7%");
        CHECK_STR(fmt(&r->outlook.openings, 0), "1,200");
        CHECK_STR(r->outlook.label, "Declining");
        CHECK_STR(r->outlook.entry_education.text, "Postsecondary nondegree award");
        /* how to get in (O*NET job zones) */
        CHECK_STR(fmt(&r->how_to_get_in.job_zone, 0), "3");
        CHECK_STR(r->how_to_get_in.job_zone_title, "Job Zone Three: Medium Preparation Needed");
        CHECK_STR(r->how_to_get_in.svp, "6.0 to < 7.0");
        /* exposure: the scores as the seed shows them */
        CHECK_STR(fmt(&r->exposure.gpt.alpha, -1), "0.1");
        CHECK_STR(fmt(&r->exposure.gpt.beta, -1), "0.4");
        CHECK_STR(fmt(&r->exposure.gpt.gamma, -1), "0.8");
        CHECK(r->exposure.n_studies == 5);
        if (r->exposure.n_studies == 5) {
            CHECK_STR(r->exposure.studies[0].id, "aioe");
            CHECK_STR(fmt(&r->exposure.studies[0].score, -1), "0.5");
            CHECK_STR(r->exposure.studies[0].score.band, "Moderate");
            CHECK_STR(fmt(&r->exposure.studies[1].score, -1), "0.8");
            CHECK_STR(r->exposure.studies[1].score.band, "Moderate");
            CHECK_STR(fmt(&r->exposure.studies[2].score, -1), "0.1");
            CHECK_STR(r->exposure.studies[2].score.band, "Low");
        }
        CHECK_STR(fmt(&r->exposure.frey_osborne, -1), "0.1");
        CHECK_STR(r->exposure.frey_osborne.band, "Low");
        CHECK(r->exposure.remote_work.value >= 0.5); /* "most tasks can be done remotely" */
        CHECK(r->exposure.task_overlap.status == PK_FIG_OK);
        /* the global gradient (ILO 2025 via the ISCO-08 crosswalk) */
        CHECK_STR(fmt(&r->global.mean_exposure, 0), "35%");
        CHECK(r->global.mean_exposure.population == 427);
        CHECK_STR(fmt(&r->global.shift, 0), "-1 percentage point");
        CHECK(r->global.n_isco >= 1);
        if (r->global.n_isco) {
            CHECK_STR(r->global.isco[0].code, "3521");
            CHECK_STR(r->global.isco[0].title, "Broadcasting and Audio-visual Technicians");
            CHECK_STR(r->global.isco[0].gradient, "Minimal");
        }
        /* industries (OEWS by sector) */
        const pk_industry *info = industry(r, "Information");
        CHECK(info != NULL);
        if (info) {
            CHECK_STR(fmt(&info->workers, 0), "6,750");
            CHECK_STR(fmt(&info->median_pay, 0), "$77,590");
        }
        const pk_industry *arts = industry(r, "Arts, Entertainment, and Recreation");
        CHECK(arts != NULL);
        if (arts) CHECK_STR(fmt(&arts->median_pay, 0), "$58,380");
        /* tools: hot technology first, as the seed lists them */
        CHECK(r->tools.n_items > 17);
        if (r->tools.n_items > 17) {
            CHECK_STR(r->tools.items[0].example, "Adobe Acrobat");
            CHECK(r->tools.items[16].hot && !r->tools.items[17].hot);
        }
        CHECK(r->interests.riasec.n_items == 6);
        if (r->interests.riasec.n_items) CHECK_STR(r->interests.riasec.items[0].name, "Realistic");
        CHECK(r->quadrant.adjacent_total == 12);
        /* the AI work map from the 2025-03-27 release: the MIDI task's conversations are 0.67
         * directive (0.33 filtered), the other two of its tasks in the release are all filtered */
        const pk_ai_work_map *w = &r->ai_work_map;
        CHECK(w->delegate.n_items == 1 && !w->copilot.present && w->below_floor.n_items == 2);
        if (w->delegate.n_items == 1) {
            CHECK(strncmp(w->delegate.items[0].name, "Create musical instrument digital interface", 43) == 0);
            CHECK_STR(w->delegate.items[0].tag, "Directive");
            CHECK_STR(w->delegate.source, "aei-2025-03-27");
        }
        if (w->below_floor.n_items == 2) {
            CHECK(strncmp(w->below_floor.items[0].name, "Confer with producers", 21) == 0);
            CHECK(strncmp(w->below_floor.items[1].name, "Convert video and audio", 23) == 0);
        }
        const pk_task_mixes *tm = &r->ai_usage.patterns;
        CHECK(tm->tasks_total == 14 && tm->n_items == 3);
        if (tm->n_items == 3) {
            CHECK(fabs(tm->items[0].directive.value - 200.0 / 3) < 1e-6);
            CHECK(tm->items[1].filtered.value == 100 && tm->items[2].filtered.value == 100);
        }
        CHECK_STR(r->ai_usage.top_mode.name, "Directive");
        CHECK_STR(r->ai_usage.augmentation.source, "aei-2025-03-27");
        /* both AEI releases in one record, each figure naming its own */
        CHECK_STR(r->ai_usage.task_shares.source, "aei");
        /* the exposure table of the brief: the two studies added by manifest entries alone, with
         * the percentile and population this test computes from their files itself */
        pk_buf md = PK_BUF_INIT;
        pk_kit mk;
        pk_kit_build(&mk, r, pk_pack_sources(p));
        pk_markdown_brief(&md, r, pk_pack_sources(p), &mk);
        char want[256];
        size_t pop = 0;
        double pct = study_percentile(root, "other-studies/brynjolfsson_mitchell_rock_sml.csv",
                                      "O*NET-SOC Code", "27-4014.00", "mSML", &pop);
        CHECK(pop == 964);
        snprintf(want, sizeof want, "| ML suitability, SML (Brynjolfsson et al.) | %s | **%s** of "
                 "%zu | ", ra_band(pct), ord(pct), pop);
        CHECK(strstr(md.data, want) != NULL);
        pct = study_percentile(root, "other-studies/pizzinelli_imf_caioe_clean.csv", "soc10",
                               "274014", "c_aioe", &pop);
        CHECK(pop == 757);
        snprintf(want, sizeof want, "| Complementarity-adjusted AIOE (IMF) | %s | **%s** of %zu | ",
                 ra_band(pct), ord(pct), pop);
        CHECK(strstr(md.data, want) != NULL);
        CHECK(strstr(md.data, "[Brynjolfsson, Mitchell & Rock (2018)]") != NULL);
        CHECK(strstr(md.data, "[IMF C-AIOE (Pizzinelli et al. 2023)]") != NULL);
        bool aug = false;
        for (size_t i = 0; i < mk.n_claims; i++)
            aug = aug || (strcmp(mk.claims[i].id, "augmentation") == 0 &&
                          strcmp(mk.claims[i].source, "Anthropic Economic Index (2025-03-27)") == 0);
        CHECK(aug);
        pk_kit_fini(&mk);
        pk_buf_fini(&md);
        /* the kit made from it states the seed's facts */
        pk_kit k;
        pk_kit_build(&k, r, pk_pack_sources(p));
        CHECK(strstr(k.headline, "about 1,200 annual U.S. openings") != NULL);
        bool pay = false;
        for (size_t i = 0; i < k.n_claims; i++)
            pay = pay || strcmp(k.claims[i].text, "Median annual pay is $66,430, across about 13,050 "
                                                 "U.S. workers.") == 0;
        CHECK(pay);
        pk_kit_fini(&k);
    }
    pk_record_free(r);
    truth(p);
    /* every record the pack makes passes the record schema */
    const char *const *codes = pk_pack_codes(p, &n);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        pk_record *x = pk_pack_record(p, codes[i], &d);
        bad += x == NULL;
        pk_record_free(x);
    }
    CHECK(bad == 0);
    held_out(p, root, &d);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
    pk_pack_free(p);
    pk_diag_fini(&d);
    return pk_t_finish();
}
