/* test_kit.c: the kit rules (reports/kit.c), citations (reports/cite.c) and Markdown escaping. */
#include "harness.h"

#include <stdlib.h>

#include "data/buf.h"
#include "data/record.h"
#include "data/store.h"
#include "charts/charts.h"
#include "data/history.h"
#include "reports/cite.h"
#include "reports/kit.h"
#include "reports/markdown.h"

static const char sources_json[] =
    "{ \"presskit_sources\": 1,\n"
    "  \"publication\": { \"publisher\": \"Desk & Co_ {synthetic}\", \"url_template\": "
    "\"https://example.org/o/{slug}\", \"key_template\": \"desk-{soc}\", \"compiled\": \"2025-01-15\", \"accessed\": \"2025-01-31\" },\n"
    "  \"sources\": [\n"
    "    { \"id\": \"oews\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": \"OEWS\", "
    "\"short\": \"BLS OEWS\" },\n"
    "    { \"id\": \"ep\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": \"EP\", "
    "\"short\": \"BLS EP\", \"cite_as\": \"BLS Employment Projections\" },\n"
    "    { \"id\": \"oews-old\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": \"OEWS\", "
    "\"release\": \"May 2023\", \"short\": \"BLS OEWS (May 2023)\" } ] }\n";

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

#define HEAD "{\"presskit_record\": 1, \"soc\": \"11-1011.00\", \"title\": \"Chief Executives\""

static void headline_fallbacks(void)
{
    pk_kit k;
    pk_record *r = parse(HEAD "}");
    pk_kit_build(&k, r, S);
    CHECK_STR(k.headline, "Chief Executives: an occupation profile");
    CHECK(k.n_claims == 0 && k.note == NULL);
    CHECK_STR(k.source_line, "Source: Desk & Co_ {synthetic} \xE2\x80\x94 \"Chief Executives\". "
                             "https://example.org/o/11-1011-00");
    pk_kit_fini(&k);
    pk_record_free(r);

    r = parse(HEAD ", \"wages\": {\"median\": {\"value\": 239200, \"unit\": \"usd\", \"source\": "
                   "\"oews\", \"status\": \"top-coded\"}}}");
    pk_kit_build(&k, r, S);
    CHECK_STR(k.headline, "Chief Executives earn a median $239,200 or more a year in the U.S.");
    CHECK(k.n_claims == 1);
    CHECK_STR(k.claims[0].text, "Median annual pay is $239,200 or more (the top value BLS publishes).");
    CHECK_STR(k.claims[0].source, "BLS OEWS");
    pk_kit_fini(&k);
    pk_record_free(r);

    /* suppressed pay: no claim is made, and no headline from it */
    r = parse(HEAD ", \"wages\": {\"median\": {\"unit\": \"usd\", \"source\": \"oews\", \"status\": "
                   "\"not-available\"}}, \"outlook\": {\"base_year\": 1998, \"target_year\": 2008, "
                   "\"openings\": {\"value\": 20500, \"unit\": \"count\", \"source\": \"ep\"},"
                   " \"change\": {\"value\": 0.04, \"unit\": \"percent\", \"source\": \"ep\"}}}");
    pk_kit_build(&k, r, S);
    CHECK_STR(k.headline, "Chief Executives: about 20,500 U.S. job openings a year projected through 2008");
    CHECK(k.n_claims == 2);
    CHECK_STR(k.claims[0].text, "The occupation is projected to see about 20,500 U.S. job openings per "
                                "year (1998\xE2\x80\x93" "2008), counting growth and replacement \xE2\x80\x94 "
                                "a labor-demand projection made independently of AI.");
    CHECK_STR(k.claims[1].text, "BLS projects employment to change by 0.0% from 1998 to 2008.");
    pk_kit_fini(&k);
    pk_record_free(r);

    /* BLS wording reads as a verb phrase; a million workers is "about 1.7 million" */
    r = parse(HEAD ", \"wages\": {\"median\": {\"value\": 133080, \"unit\": \"usd\", \"source\": "
                   "\"oews\"}, \"employment\": {\"value\": 1654440, \"unit\": \"count\", \"source\": "
                   "\"oews\"}}, \"outlook\": {\"base_year\": 2024, \"target_year\": 2034, "
                   "\"change\": {\"value\": 15.8, \"unit\": \"percent\", \"source\": \"ep\"}, "
                   "\"label\": \"Much faster than average\"}}");
    pk_kit_build(&k, r, S);
    CHECK(k.n_claims == 2);
    CHECK_STR(k.claims[0].text, "BLS projects employment to grow much faster than average (15.8%) "
                                "from 2024 to 2034.");
    CHECK_STR(k.claims[1].text, "Median annual pay is $133,080, across about 1.7 million U.S. workers.");
    pk_kit_fini(&k);
    pk_record_free(r);
}

static void year_ranges(void)
{
    pk_buf b = PK_BUF_INIT;
    pk_fmt_year_range(&b, 2024, 2034);
    CHECK_STR(b.data, "2024\xE2\x80\x93" "34");
    pk_buf_reset(&b);
    pk_fmt_year_range(&b, 1995, 2005);
    CHECK_STR(b.data, "1995\xE2\x80\x93" "2005");
    pk_buf_fini(&b);
    char *u = pk_expand_template("x/{slug}/{soc}/{other}", "27-4014.00");
    CHECK_STR(u, "x/27-4014-00/27-4014.00/{other}");
    free(u);
}

static void citations(void)
{
    pk_record *r = parse(HEAD ", \"wages\": {\"median\": {\"value\": 100, \"unit\": \"usd\", "
                              "\"source\": \"oews\"}}, \"outlook\": {\"base_year\": 2024, "
                              "\"target_year\": 2034, \"openings\": {\"value\": 5, \"unit\": \"count\", "
                              "\"source\": \"ep\"}}}");
    pk_buf b = PK_BUF_INIT;
    CHECK(pk_cite_is_page(&S->publication));
    pk_cite(&b, PK_CITE_PLAIN, r, S);
    CHECK_STR(b.data, "Desk & Co_ {synthetic}. \"Chief Executives.\" Built from BLS OEWS; BLS "
                      "Employment Projections. Accessed January 31, 2025. https://example.org/o/11-1011-00\n");
    pk_buf_reset(&b);
    /* APA 7 for a dated page, as citeproc's APA style renders cite.json: no retrieval date */
    pk_cite(&b, PK_CITE_APA, r, S);
    CHECK_STR(b.data, "Desk & Co_ {synthetic}. (2025). Chief Executives. "
                      "https://example.org/o/11-1011-00\n");
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_BIBTEX, r, S);
    /* a key of [A-Za-z0-9:_-] only; a brace of the data as a command, which BibTeX does not
     * count when it looks for the field's end (it counts \{ and \}) */
    CHECK(strstr(b.data, "@misc{desk-11-1011-00,\n") == b.data);
    CHECK(strstr(b.data, "author = {{Desk \\& Co\\_ \\textbraceleft{}synthetic\\textbraceright{}}},\n") != NULL);
    CHECK(strstr(b.data, "urldate = {2025-01-31}\n}\n") != NULL);
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_RIS, r, S);
    CHECK(strstr(b.data, "TY  - ELEC\r\n") == b.data);
    CHECK(strstr(b.data, "PY  - 2025\r\nDA  - 2025///\r\n") != NULL);
    CHECK(strstr(b.data, "Y2  - 2025/01/31/\r\n") != NULL);
    CHECK(strcmp(b.data + b.len - 8, "ER  - \r\n") == 0);
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_CSL_JSON, r, S);
    CHECK(strstr(b.data, "\"issued\": { \"date-parts\": [ [ 2025 ] ] }") != NULL);
    pk_buf_fini(&b);
    pk_record_free(r);
}

/* Without a publisher, a page URL and a compile date, the data sets are cited (APA 7's data-set
 * form), never the tool; BibTeX is ASCII that pdflatex reads. */
static void citations_of_datasets(void)
{
    static const char json[] =
        "{ \"presskit_sources\": 1, \"publication\": { \"accessed\": \"2025-01-31\" },\n"
        "  \"sources\": [\n"
        "    { \"id\": \"oews\", \"publisher\": \"U.S. Bureau of Labor Statistics\", \"title\": "
        "\"Occupational Employment and Wage Statistics\", \"release\": \"May 2024\", \"year\": 2025, "
        "\"url\": \"https://www.bls.gov/oes/\", \"short\": \"BLS OEWS\" },\n"
        "    { \"id\": \"ep\", \"publisher\": \"Caf\xC3\xA9 \xE2\x86\x94 Org\", \"title\": "
        "\"\xE2\x80\x9C" "EP\xE2\x80\x9D 2024\xE2\x80\x93" "34\", \"short\": \"EP\" } ] }\n";
    pk_diag d = PK_DIAG_INIT;
    pk_sources *s = pk_sources_parse("s.json", json, strlen(json), &d);
    CHECK(s != NULL);
    if (!s) {
        pk_diag_fini(&d);
        return;
    }
    CHECK(!pk_cite_is_page(&s->publication));
    const char *rec = HEAD ", \"wages\": {\"median\": {\"value\": 100, \"unit\": \"usd\", "
                      "\"source\": \"oews\"}}, \"outlook\": {\"base_year\": 2024, \"target_year\": "
                      "2034, \"openings\": {\"value\": 5, \"unit\": \"count\", \"source\": \"ep\"}}}";
    pk_record *r = pk_record_parse("t.json", rec, strlen(rec), s, NULL, &d);
    CHECK(r != NULL);
    pk_buf b = PK_BUF_INIT;
    pk_cite(&b, PK_CITE_APA, r, s);
    CHECK_STR(b.data, "Caf\xC3\xA9 \xE2\x86\x94 Org. (n.d.). \xE2\x80\x9C" "EP\xE2\x80\x9D 2024\xE2\x80\x93"
                      "34 [Data set].\n"
                      "U.S. Bureau of Labor Statistics. (2025). Occupational Employment and Wage "
                      "Statistics, May 2024 [Data set]. https://www.bls.gov/oes/\n");
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_PLAIN, r, s);
    CHECK_STR(b.data, "U.S. Bureau of Labor Statistics. \"Occupational Employment and Wage Statistics, "
                      "May 2024.\" Data set, 2025. Accessed January 31, 2025. https://www.bls.gov/oes/\n"
                      "Caf\xC3\xA9 \xE2\x86\x94 Org. \"\xE2\x80\x9C" "EP\xE2\x80\x9D 2024\xE2\x80\x93"
                      "34.\" Data set. Accessed January 31, 2025.\n");
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_BIBTEX, r, s);
    CHECK(strstr(b.data, "@misc{oews,\n") == b.data);
    CHECK(strstr(b.data, "\n@misc{ep,\n") != NULL);
    CHECK(strstr(b.data, "  author = {{Caf{\\'e} $\\leftrightarrow$ Org}},\n") != NULL);
    CHECK(strstr(b.data, "  title  = {{``EP'' 2024--34}},\n") != NULL);
    for (const char *p = b.data; *p; p++) CHECK((unsigned char)*p < 0x80);
    pk_buf_reset(&b);
    pk_cite(&b, PK_CITE_RIS, r, s);
    CHECK(strstr(b.data, "TY  - DATA\r\nTI  - Occupational Employment and Wage Statistics, May 2024\r\n"
                         "AU  - U.S. Bureau of Labor Statistics\r\nPY  - 2025\r\nDA  - 2025///\r\n"
                         "UR  - https://www.bls.gov/oes/\r\nY2  - 2025/01/31/\r\nER  - \r\n")
          == b.data);
    pk_buf_reset(&b);
    pk_kit k;
    pk_kit_build(&k, r, s);
    CHECK_STR(k.source_line, "Sources: BLS OEWS; EP.");
    pk_kit_fini(&k);
    pk_buf_fini(&b);
    pk_record_free(r);
    pk_sources_free(s);
    pk_diag_fini(&d);
}

static void markdown_escape(void)
{
    pk_buf b = PK_BUF_INIT;
    pk_md_escape(&b, "O*NET [x](y) <b> a_b `c` AT&T &amp; 1.5");
    CHECK_STR(b.data, "O\\*NET \\[x\\](y) \\<b> a\\_b \\`c\\` AT&T \\&amp; 1.5");
    pk_buf_fini(&b);
}

static int count_unlabelled(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    (void)f;
    if (!label && !pk_figure_name(claim_id)) {
        fprintf(stderr, "no label for %s\n", claim_id);
        ++*(int *)ctx;
    }
    return 0;
}

static void sample_kit(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(NULL, NULL, &d);
    pk_record *r = st ? pk_store_load(st, "27-4014.00", &d) : NULL;
    CHECK(r != NULL);
    if (r) {
        pk_kit k;
        pk_kit_build(&k, r, pk_store_sources(st));
        /* the seed page's headline and facts */
        CHECK_STR(k.headline, "Sound Engineering Technicians show 46th-percentile AI task overlap "
                              "\xE2\x80\x94 and about 1,200 annual U.S. openings");
        CHECK(k.n_claims == 5);
        CHECK_STR(k.claims[2].text, "BLS projects employment to be declining (-1.7%) from 2024 to 2034.");
        CHECK_STR(k.claims[3].text, "Median annual pay is $66,430, across about 13,050 U.S. workers.");
        CHECK_STR(k.claims[3].source, "BLS OEWS (May 2024)");
        CHECK(strstr(k.claims[4].text, "37% looks like augmentation") != NULL);
        pk_kit_fini(&k);
        /* data.csv: every row has a label, a list item's name or the figure's own */
        int unlabelled = 0;
        pk_record_each_figure(r, count_unlabelled, &unlabelled);
        CHECK(unlabelled == 0);
        CHECK_STR(pk_figure_name("wages.median"), "Median annual wage");
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_diag_fini(&d);
}

/* The change since the last release, on synthetic histories (invented figures, not real data):
 * both releases named and cited, the BLS caveat stamped; a suppressed or top-coded year, a
 * release between the two with no point, and a single release make no claim and no chart. */
static const char *claim(const pk_kit *k, const char *id)
{
    for (size_t i = 0; i < k->n_claims; i++)
        if (strcmp(k->claims[i].id, id) == 0) return k->claims[i].text;
    return NULL;
}

static const char *claim_source(const pk_kit *k, const char *id)
{
    for (size_t i = 0; i < k->n_claims; i++)
        if (strcmp(k->claims[i].id, id) == 0) return k->claims[i].source;
    return NULL;
}

#define POINT_2024 "{\"year\": 2024, \"release\": \"May 2024\", \"source\": \"oews\", " \
                   "\"median\": 55000, \"p25\": 40000, \"p75\": 70000, \"employment\": 900}"

static void changes(void)
{
    static const struct {
        const char *old_point, *notes;
        const char *pay, *jobs; /* NULL: no claim */
    } cases[] = {
        {"{\"year\": 2023, \"release\": \"May 2023\", \"source\": \"oews-old\", \"median\": 50000, "
         "\"employment\": 1000}", "",
         "Median pay rose 10.0% from May 2023 to May 2024 ($50,000 to $55,000), in current "
         "dollars. " PK_OEWS_TIME_CAVEAT,
         "Employment fell 10.0% from May 2023 to May 2024 (1,000 to 900 wage and salary jobs). "
         PK_OEWS_TIME_CAVEAT},
        /* a suppressed median that year: no pay change, the jobs change stands */
        {"{\"year\": 2023, \"release\": \"May 2023\", \"source\": \"oews-old\", \"median\": "
         "{\"status\": \"not-available\"}, \"employment\": 900}", "", NULL,
         "Employment was about unchanged from May 2023 to May 2024 (900 to 900 wage and salary "
         "jobs). " PK_OEWS_TIME_CAVEAT},
        /* top-coded that year: marked, never a number, so no change is said */
        {"{\"year\": 2023, \"release\": \"May 2023\", \"source\": \"oews-old\", \"median\": "
         "{\"status\": \"not-available\"}, \"top_coded\": [\"median\"]}", "", NULL, NULL},
        /* a release between the two gave no point (a split code): not "since the last release" */
        {"{\"year\": 2021, \"release\": \"May 2021\", \"source\": \"oews-old\", \"median\": 50000, "
         "\"employment\": 1000}",
         ", \"notes\": [{\"year\": 2023, \"source\": \"oews-old\", \"text\": \"split\"}]", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pk_buf j = PK_BUF_INIT;
        pk_buf_printf(&j, HEAD ", \"wages\": {\"median\": {\"value\": 55000, \"unit\": \"usd\", "
                      "\"source\": \"oews\"}, \"employment\": {\"value\": 900, \"unit\": "
                      "\"count\", \"source\": \"oews\"}}, \"history\": {\"points\": [%s, "
                      POINT_2024 "]%s}}", cases[i].old_point, cases[i].notes);
        pk_record *r = parse(j.data);
        pk_buf_fini(&j);
        if (!r) continue;
        pk_kit k;
        pk_kit_build(&k, r, S);
        if (cases[i].pay) {
            CHECK_STR(claim(&k, "pay_change"), cases[i].pay);
            CHECK_STR(claim_source(&k, "pay_change"), "BLS OEWS (May 2023) + BLS OEWS");
        } else {
            CHECK(claim(&k, "pay_change") == NULL);
        }
        if (cases[i].jobs) CHECK_STR(claim(&k, "jobs_change"), cases[i].jobs);
        else CHECK(claim(&k, "jobs_change") == NULL);
        pk_kit_fini(&k);
        pk_record_free(r);
    }
    /* a single release: the history has its one point; no claim, no chart, no error */
    pk_record *r = parse(HEAD ", \"wages\": {\"median\": {\"value\": 55000, \"unit\": \"usd\", "
                         "\"source\": \"oews\"}}, \"history\": {\"points\": [" POINT_2024 "]}}");
    if (r) {
        pk_kit k;
        pk_kit_build(&k, r, S);
        CHECK(claim(&k, "pay_change") == NULL && claim(&k, "jobs_change") == NULL);
        CHECK(k.n_claims == 1);
        pk_kit_fini(&k);
        CHECK(!pk_chart_find("wage_history")->has_data(r));
        CHECK(!pk_chart_find("employment_history")->has_data(r));
        pk_record_free(r);
    }
    /* points out of order are refused by JSON path */
    pk_diag d = PK_DIAG_INIT;
    static const char bad[] = HEAD ", \"history\": {\"points\": [" POINT_2024 ", " POINT_2024 "]}}";
    CHECK(pk_record_parse("t.json", bad, strlen(bad), S, NULL, &d) == NULL);
    CHECK(d.n == 1);
    if (d.n)
        CHECK_STR(d.msgs[0].text, "t.json: $.history.points[1].year: 2024 is not after the year of "
                                  "the point before it (2024): points are one per year, oldest first");
    pk_diag_fini(&d);
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    S = pk_sources_parse("sources.json", sources_json, sizeof sources_json - 1, &d);
    if (!S) {
        fprintf(stderr, "%s\n", d.msgs[0].text);
        return 1;
    }
    RUN(headline_fallbacks);
    RUN(year_ranges);
    RUN(citations);
    RUN(citations_of_datasets);
    RUN(markdown_escape);
    RUN(sample_kit);
    RUN(changes);
    pk_sources_free(S);
    pk_diag_fini(&d);
    return pk_t_finish();
}
