/* test_truth.c: no figure invented, none misattributed. The sentences around figures a record
 * lacks, has at 0, has top-coded or has for a wider code than the occupation's own (data/say.c,
 * reports/kit.c, reports/markdown.c), the rank scale, and the one-precision-per-column rule.
 * Records are synthetic (codes 91-xxxx, which SOC does not use). */
#include "harness.h"

#include <stdlib.h>

#include "data/buf.h"
#include "data/fmt.h"
#include "data/record.h"
#include "data/say.h"
#include "reports/kit.h"
#include "reports/markdown.h"

static const char sources_json[] =
    "{ \"presskit_sources\": 1,\n"
    "  \"publication\": { \"publisher\": \"Synthetic Desk\" },\n"
    "  \"sources\": [\n"
    "    { \"id\": \"oews\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": \"OEWS\", "
    "\"short\": \"BLS OEWS\" },\n"
    "    { \"id\": \"ep\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": \"EP\", "
    "\"short\": \"BLS EP\" },\n"
    "    { \"id\": \"dn\", \"publisher\": \"Dingel & Neiman\", \"title\": \"Teleworkable\", "
    "\"short\": \"Dingel & Neiman\" },\n"
    "    { \"id\": \"fo\", \"publisher\": \"Frey & Osborne\", \"title\": \"FO\", \"short\": \"FO\" },\n"
    "    { \"id\": \"ov\", \"publisher\": \"Overlap\", \"title\": \"Overlap\", \"short\": \"OV\" },\n"
    "    { \"id\": \"ilo\", \"publisher\": \"ILO\", \"title\": \"ILO\", \"short\": \"ILO\" } ] }\n";

static pk_sources *S;

static pk_record *parse(const char *json)
{
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_record_parse("t.json", json, strlen(json), S, NULL, &d);
    if (!r) fprintf(stderr, "%s\n", d.n ? d.msgs[0].text : "?");
    CHECK(r != NULL);
    pk_diag_fini(&d);
    return r;
}

static char *md_of(const pk_record *r)
{
    pk_kit k;
    pk_kit_build(&k, r, S);
    pk_buf b = PK_BUF_INIT;
    pk_markdown_brief(&b, r, S, &k);
    pk_kit_fini(&k);
    return pk_buf_take(&b);
}

static const char *fmt_fig(pk_unit u, double v, int decimals)
{
    static char out[4][64];
    static int k;
    pk_figure f = {.status = PK_FIG_OK, .unit = u, .value = v, .percentile = -1};
    pk_buf b = PK_BUF_INIT;
    pk_fmt_figure(&b, &f, decimals, 0);
    k = (k + 1) % 4;
    snprintf(out[k], sizeof out[k], "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out[k];
}

#define HEAD "{\"presskit_record\": 1, \"soc\": \"91-1011.02\", \"title\": \"Widget Hospitalists\""
#define SCOPE(kind, code, title, n)                                                                \
    "\"scope\": {\"kind\": \"" kind "\", \"system\": \"SOC\", \"code\": \"" code                 \
    "\", \"title\": \"" title "\", \"occupations\": " #n "}"

/* ranks print 1st-99th; the exact mid-rank stays in the record */
static void ranks(void)
{
    static const struct { double pct; const char *want; } cases[] = {
        {0, "1st"}, {0.05, "1st"}, {0.5, "1st"}, {1.49, "1st"}, {1.5, "2nd"}, {46, "46th"},
        {98.5, "99th"}, {99.4, "99th"}, {99.95, "99th"}, {100, "99th"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pk_buf b = PK_BUF_INIT;
        pk_fmt_rank(&b, cases[i].pct);
        CHECK_STR(pk_buf_str(&b), cases[i].want);
        pk_buf_fini(&b);
    }
    CHECK_STR(fmt_fig(PK_UNIT_PERCENTILE, 99.97, -1), "99th");
    CHECK_STR(fmt_fig(PK_UNIT_PERCENTILE, 0.04, -1), "1st");
    /* an absent figure has no rank, whatever its zeroed percentile says */
    pk_figure absent = {0};
    CHECK(pk_fig_rank(&absent) < 0);
    pk_figure na = {.status = PK_FIG_NA, .percentile = 50};
    CHECK(pk_fig_rank(&na) < 0);
}

/* a probability that one decimal would round to 1 or 0 keeps the digits that say it is not */
static void probabilities(void)
{
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.96, -1), "0.96");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.99, -1), "0.99");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.996, -1), "0.996");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.94, -1), "0.9");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.0042, -1), "0.0042");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 0.1, -1), "0.1");
    CHECK_STR(fmt_fig(PK_UNIT_PROBABILITY, 1, -1), "1.0");
}

/* one rule per column: the most decimals any value needs, for every value */
static void columns(void)
{
    double mixed[] = {0.2, 0.0085, 1.5};
    int d = pk_column_decimals(PK_UNIT_PERCENT, mixed, 3);
    CHECK(d == 4);
    CHECK_STR(fmt_fig(PK_UNIT_PERCENT, 0.2, d), "0.2000%");
    CHECK_STR(fmt_fig(PK_UNIT_PERCENT, 0.0085, d), "0.0085%");
    double plain[] = {22.2, 11.1, 0.05};
    CHECK(pk_column_decimals(PK_UNIT_PERCENT, plain, 3) == 1);
    double ratings[] = {4.6, 3.9};
    CHECK(pk_column_decimals(PK_UNIT_RATING, ratings, 2) == 1);
    CHECK(pk_column_decimals(PK_UNIT_PERCENT, NULL, 0) == 1);
}

/* the scope sentence, for every kind */
static void scope_sentences(void)
{
    static const struct { pk_scope sc; const char *want; } cases[] = {
        {{PK_SCOPE_SHARED, "SOC", "29-1229", "Physicians, All Other", 7},
         "BLS OEWS publishes pay for SOC 29-1229 Physicians, All Other, which covers this and 6 "
         "other occupations."},
        {{PK_SCOPE_SHARED, "SOC", "29-1229", "Physicians, All Other", 2},
         "BLS OEWS publishes pay for SOC 29-1229 Physicians, All Other, which covers this and 1 "
         "other occupation."},
        {{PK_SCOPE_COMBINED, "SOC", "31-1120", "Home Health and Personal Care Aides", 2},
         "BLS OEWS publishes pay only for SOC 31-1120 Home Health and Personal Care Aides, a "
         "combined code that covers this and 1 other occupation."},
        {{PK_SCOPE_AGGREGATE, "SOC 2010", "29-1060", "Physicians and surgeons", 23},
         "BLS OEWS publishes pay only for SOC 2010 29-1060 Physicians and surgeons, a group of "
         "codes that covers this and 22 other occupations."},
        {{PK_SCOPE_PART, "SOC 2010", "15-1134", "Web Developers", 3},
         "BLS OEWS publishes pay for SOC 2010 15-1134 Web Developers, one of the older codes "
         "merged into this occupation's, so it describes part of it."},
        {{PK_SCOPE_MERGED, "O*NET-SOC 2010", "15-1132.00 + 15-1133.00", NULL, 1},
         "BLS OEWS gives pay for O*NET-SOC 2010 15-1132.00 + 15-1133.00, the older codes merged "
         "into this occupation; each figure here is their mean."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pk_buf b = PK_BUF_INIT;
        pk_say_scope(&b, &cases[i].sc, "BLS OEWS", "pay");
        CHECK_STR(pk_buf_str(&b), cases[i].want);
        pk_buf_fini(&b);
    }
    /* the occupation's own code, alone: nothing to say */
    pk_scope own = {PK_SCOPE_SHARED, "SOC", "27-4014", "Sound Engineering Technicians", 1};
    pk_buf b = PK_BUF_INIT;
    pk_say_scope(&b, &own, "BLS OEWS", "pay");
    pk_say_scope(&b, NULL, "BLS OEWS", "pay");
    CHECK(b.len == 0);
    pk_say_scope_subject(&b, &cases[0].sc, "Hospitalists");
    CHECK_STR(pk_buf_str(&b), "SOC 29-1229 Physicians, All Other, which covers Hospitalists and 6 "
                              "other occupations");
    pk_buf_fini(&b);
}

/* the remote-work sentence follows the figure, and prints words, not the share */
static void remote_work(void)
{
    pk_record *r = parse(HEAD ", \"exposure\": {\"remote_work\": {\"value\": 0, \"unit\": "
                              "\"fraction\", \"source\": \"dn\"}}}");
    char *md = md_of(r);
    CHECK(strstr(md, "Most of this job's tasks cannot be done remotely [Dingel & Neiman], which "
                     "tends to track with lower digital and AI exposure.") != NULL);
    CHECK(strstr(md, "higher digital") == NULL);
    CHECK(strstr(md, "teleworkable share") == NULL);
    free(md);
    pk_record_free(r);
    r = parse(HEAD ", \"exposure\": {\"remote_work\": {\"value\": 1, \"unit\": \"fraction\", "
                   "\"source\": \"dn\"}}}");
    md = md_of(r);
    CHECK(strstr(md, "Most of this job's tasks can be done remotely [Dingel & Neiman], which tends "
                     "to track with higher digital and AI exposure.") != NULL);
    free(md);
    pk_record_free(r);
}

/* a figure the record does not have gives no clause, no rank and no claim */
static void missing_inputs(void)
{
    /* overlap, a quadrant, but no wages: no "0th percentile of median pay" */
    pk_record *r = parse(HEAD ", \"exposure\": {\"task_overlap\": {\"value\": 84, \"unit\": "
                              "\"percentile\", \"source\": \"ov\"}}, \"quadrant\": {\"related\": "
                              "[{\"title\": \"Gadget Testers\"}]}}");
    char *md = md_of(r);
    CHECK(strstr(md, "0th percentile") == NULL);
    CHECK(strstr(md, "median-pay rank is not available") != NULL);
    CHECK(strstr(md, "Median annual pay") == NULL);
    free(md);
    pk_kit k;
    pk_kit_build(&k, r, S);
    for (size_t i = 0; i < k.n_claims; i++) CHECK(strcmp(k.claims[i].id, "pay") != 0);
    pk_kit_fini(&k);
    pk_record_free(r);
    /* a share of 0 is a figure, not a missing one: Frey-Osborne at its lowest rank says 1st */
    r = parse(HEAD ", \"exposure\": {\"frey_osborne\": {\"value\": 0.0028, \"unit\": "
                   "\"probability\", \"source\": \"fo\", \"percentile\": 0.07, \"population\": "
                   "702}}}");
    md = md_of(r);
    CHECK(strstr(md, "0.0028, 1st percentile among 702 occupations") != NULL);
    free(md);
    pk_record_free(r);
}

/* figures of a wider code: every output says so, and none heads the kit */
static void shared_figures(void)
{
    pk_record *r = parse(
        HEAD ", \"exposure\": {\"task_overlap\": {\"value\": 73, \"unit\": \"percentile\", "
             "\"source\": \"ov\"}},"
             " \"outlook\": {\"base_year\": 2024, \"target_year\": 2034, \"openings\": {\"value\": "
             "9600, \"unit\": \"count\", \"source\": \"ep\", " SCOPE("shared", "29-1229",
                                                                  "Physicians, all other", 7) "},"
             " \"change\": {\"value\": 2.5, \"unit\": \"percent\", \"source\": \"ep\", "
        SCOPE("shared", "29-1229", "Physicians, all other", 7) "}, \"label\": \"As fast as average\"},"
             " \"wages\": {\"median\": {\"value\": 239200, \"unit\": \"usd\", \"source\": \"oews\", "
             "\"status\": \"top-coded\", \"percentile\": 99.95, " SCOPE("shared", "29-1229",
                                                                       "Physicians, All Other", 7) "},"
             " \"employment\": {\"value\": 315360, \"unit\": \"count\", \"source\": \"oews\", "
        SCOPE("shared", "29-1229", "Physicians, All Other", 7) "}}}");
    pk_kit k;
    pk_kit_build(&k, r, S);
    /* the openings are the category's, so the headline leaves them out */
    CHECK_STR(k.headline, "Widget Hospitalists show 73rd-percentile AI task overlap");
    CHECK(k.n_claims == 4);
    if (k.n_claims == 4) {
        CHECK_STR(k.claims[1].text,
                  "SOC 29-1229 Physicians, all other, which covers Widget Hospitalists and 6 other "
                  "occupations, is projected to see about 9,600 U.S. job openings per year "
                  "(2024\xE2\x80\x93" "34), counting growth and replacement \xE2\x80\x94 a "
                  "labor-demand projection made independently of AI.");
        CHECK_STR(k.claims[2].text,
                  "BLS projects employment in SOC 29-1229 Physicians, all other, which covers "
                  "Widget Hospitalists and 6 other occupations, to grow as fast as average (2.5%) "
                  "from 2024 to 2034.");
        CHECK_STR(k.claims[3].text,
                  "Median annual pay for SOC 29-1229 Physicians, All Other, which covers Widget "
                  "Hospitalists and 6 other occupations, is $239,200 or more (the top value BLS "
                  "publishes), across about 315,360 U.S. workers.");
    }
    pk_kit_fini(&k);
    char *md = md_of(r);
    CHECK(strstr(md, "BLS OEWS publishes pay and employment for SOC 29-1229 Physicians, All Other, "
                     "which covers this and 6 other occupations.") != NULL);
    CHECK(strstr(md, "BLS EP publishes projections for SOC 29-1229 Physicians, all other, which "
                     "covers this and 6 other occupations.") != NULL);
    CHECK(strstr(md, "99th percentile among occupations") != NULL);
    CHECK(strstr(md, "100th") == NULL);
    free(md);
    /* the scope survives the record's JSON form */
    pk_buf json = PK_BUF_INIT;
    pk_record_write(r, &json);
    pk_record *back = parse(json.data);
    CHECK(back && back->wages.median.scope && back->wages.median.scope->occupations == 7);
    if (back && back->wages.median.scope) {
        CHECK(back->wages.median.scope->kind == PK_SCOPE_SHARED);
        CHECK_STR(back->wages.median.scope->code, "29-1229");
        CHECK(back->wages.median.percentile == 99.95);
    }
    pk_record_free(back);
    pk_buf_fini(&json);
    pk_record_free(r);
}

/* BLS's hourly-only occupations: hourly figures, said to be the only ones */
static void hourly_only(void)
{
    pk_record *r = parse(HEAD ", \"wages\": {\"median\": {\"unit\": \"usd\", \"source\": \"oews\", "
                              "\"status\": \"not-available\"}, \"employment\": {\"value\": 38800, "
                              "\"unit\": \"count\", \"source\": \"oews\"}, \"hourly_only\": true, "
                              "\"hourly\": {\"median\": {\"value\": 23.33, \"unit\": \"usd-hour\", "
                              "\"source\": \"oews\"}, \"p10\": {\"value\": 14, \"unit\": "
                              "\"usd-hour\", \"source\": \"oews\"}}}}");
    pk_kit k;
    pk_kit_build(&k, r, S);
    CHECK_STR(k.headline, "Widget Hospitalists earn a median $23.33 an hour in the U.S.");
    CHECK(k.n_claims == 1);
    if (k.n_claims == 1)
        CHECK_STR(k.claims[0].text, "Median hourly pay is $23.33 (BLS publishes hourly wages only "
                                    "for this work, which is seldom full-time and year-round), "
                                    "across about 38,800 U.S. workers.");
    pk_kit_fini(&k);
    char *md = md_of(r);
    CHECK(strstr(md, "| Hourly wage | Value |") != NULL);
    CHECK(strstr(md, "| Median (50th) | $23.33 |") != NULL);
    CHECK(strstr(md, "| 10th percentile | $14.00 |") != NULL);
    CHECK(strstr(md, "BLS publishes hourly wages only for this occupation") != NULL);
    CHECK(strstr(md, "Median (50th):** not available") == NULL); /* not shown as missing */
    free(md);
    pk_record_free(r);
}

/* several ISCO-08 matches without a title match: the range, and no headline */
static void global_range(void)
{
    pk_record *r = parse(
        HEAD ", \"global\": {\"isco\": [{\"code\": \"2211\", \"title\": \"Generalist Medical "
             "Practitioners\", \"exposure\": {\"value\": 29, \"source\": \"ilo\", \"percentile\": "
             "55}}, {\"code\": \"2212\", \"title\": \"Specialist Medical Practitioners\", "
             "\"exposure\": {\"value\": 27, \"source\": \"ilo\", \"percentile\": 50}}]}}");
    char *md = md_of(r);
    CHECK(strstr(md, "Task exposure of the 2 matched international occupations:** 27%\xE2\x80\x93"
                     "29%") != NULL);
    CHECK(strstr(md, "Mean task exposure") == NULL);
    CHECK(strstr(md, "29% task exposure (55th percentile)") != NULL);
    free(md);
    pk_record_free(r);
}

/* a task text several occupations list says each gets the whole share */
static void task_scopes(void)
{
    pk_record *r = parse(
        HEAD ", \"ai_usage\": {\"task_shares\": {\"source\": \"ov\", \"unit\": \"percent\", "
             "\"items\": [{\"name\": \"Polish widgets.\", \"value\": 0.2, \"scope\": {\"kind\": "
             "\"task\", \"occupations\": 3}}, {\"name\": \"Test gadgets.\", \"value\": 0.0085}]}}}");
    char *md = md_of(r);
    CHECK(strstr(md, "One of these tasks is listed, word for word, by other occupations too (up to "
                     "3 in all)") != NULL);
    CHECK(strstr(md, "| Polish widgets. | 0.2000% |") != NULL);
    CHECK(strstr(md, "| Test gadgets. | 0.0085% |") != NULL);
    free(md);
    pk_record_free(r);
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    S = pk_sources_parse("s.json", sources_json, strlen(sources_json), &d);
    CHECK(S != NULL);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i].text);
    pk_diag_fini(&d);
    if (!S) return pk_t_finish();
    RUN(ranks);
    RUN(probabilities);
    RUN(columns);
    RUN(scope_sentences);
    RUN(remote_work);
    RUN(missing_inputs);
    RUN(shared_figures);
    RUN(hourly_only);
    RUN(global_range);
    RUN(task_scopes);
    pk_sources_free(S);
    return pk_t_finish();
}
