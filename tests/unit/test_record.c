/* test_record.c: the record reader, writer and walkers (data/record_*.c, data/store.c). */
#include "harness.h"

#include <stdlib.h>

#include "data/buf.h"
#include "data/record.h"
#include "data/store.h"

static const char sources_json[] =
    "{ \"presskit_sources\": 1,\n"
    "  \"publication\": { \"publisher\": \"Test Desk (synthetic fixture)\" },\n"
    "  \"sources\": [\n"
    "    { \"id\": \"oews\", \"publisher\": \"P\", \"title\": \"T\", \"short\": \"OEWS\" },\n"
    "    { \"id\": \"onet\", \"publisher\": \"P\", \"title\": \"T\", \"short\": \"O*NET\" } ] }\n";

static pk_sources *sources(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_sources *s = pk_sources_parse("sources.json", sources_json, sizeof sources_json - 1, &d);
    CHECK(s != NULL);
    CHECK(d.n == 0);
    pk_diag_fini(&d);
    return s;
}

/* Parses `json` and returns the first message, or "" when it parsed. */
static const char *first_error(const char *json, const pk_sources *s)
{
    static char msg[512];
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_record_parse("t.json", json, strlen(json), s, NULL, &d);
    snprintf(msg, sizeof msg, "%s", d.n ? d.msgs[0].text : "");
    CHECK((r == NULL) == (d.n > 0));
    pk_record_free(r);
    pk_diag_fini(&d);
    return msg;
}

#define HEAD "{\"presskit_record\": 1, \"soc\": \"11-1011.00\", \"title\": \"Chief Executives\""

static void errors(void)
{
    pk_sources *s = sources();
    CHECK_STR(first_error(HEAD "}", s), "");
    CHECK_STR(first_error(HEAD ", \"wages\": {\"median\": {\"value\": \"abc\", \"unit\": \"usd\", "
                               "\"source\": \"oews\"}}}", s),
              "t.json: $.wages.median.value: expected a number, got \"abc\"");
    CHECK_STR(first_error(HEAD ", \"wage\": {}}", s),
              "t.json: $.wage: unknown key \"wage\" (did you mean \"wages\"?)");
    CHECK_STR(first_error(HEAD ", \"gpt\": {\"alfa\": 1, \"zeta\": 2}}", s),
              "t.json: $.gpt: unknown key \"gpt\" (expected presskit_record, soc, title, "
              "description, also_called, job_family, career_cluster, text_source, "
              "job_family_source, ai_work_map, exposure, ai_usage, outlook, global, tasks, "
              "knowledge, abilities, work_context, education, work_styles, work_activities, skills, tools, "
              "how_to_get_in, interests, wages, history, industries, quadrant)");
    CHECK_STR(first_error(HEAD ", \"exposure\": {\"gpt\": {\"zzzz\": 1}}}", s),
              "t.json: $.exposure.gpt.zzzz: unknown key \"zzzz\" (expected alpha, beta, gamma)");
    CHECK_STR(first_error(HEAD ", \"title\": \"X\"}", s),
              "t.json: $.title: key given twice in one object");
    CHECK_STR(first_error("{\"presskit_record\": 1,\n  \"soc\": 27}", s),
              "t.json: $.soc: expected a string, got 27");
    CHECK_STR(first_error(HEAD ",\n \"wages\": {\"p10\": {\"value\": 1, \"unit\": \"usd\", "
                               "\"source\": \"bls\"}}}", s),
              "t.json: $.wages.p10.source: unknown source \"bls\" (not in the sources registry)");
    CHECK_STR(first_error(HEAD ",\n \"wages\": {\"p10\": {\"value\": 1, \"unit\": \"count\", "
                               "\"source\": \"oews\"}}}", s),
              "t.json: $.wages.p10.unit: expected unit \"usd\" here, got \"count\"");
    CHECK_STR(first_error("{\n  \"presskit_record\": 1,\n  \"soc\": \"x\" \"title\"\n}", s),
              "t.json:3:14: error: invalid JSON; expected ',' or '}', got \"\\\"title\\\"\"");
    CHECK_STR(first_error("{\"a\": [1, 2,]}", s),
              "t.json:1:13: error: invalid JSON; expected a value, got \"]\" (a comma before a closing bracket is not allowed)");
    CHECK_STR(first_error("{\"a\": \"\xC3\x28\"}", s), "t.json:1:8: error: invalid UTF-8 (byte 0xC3)");
    CHECK_STR(first_error(HEAD ", \"knowledge\": {\"source\": \"onet\", \"unit\": \"rating\", "
                               "\"scale\": [1, 5], \"items\": [{\"name\": \"A\", \"value\": 6}]}}", s),
              "t.json: $.knowledge.items[0].value: 6 is outside the list's scale [1, 5]");
    pk_sources_free(s);
}

static void inheritance(void)
{
    pk_sources *s = sources();
    const char *json = HEAD ", \"industries\": {\"source\": \"oews\", \"items\": "
                            "[{\"name\": \"Information\", \"workers\": 6750, \"lq\": 27.43}]},"
                            " \"wages\": {\"p90\": {\"value\": 239200, \"unit\": \"usd\", "
                            "\"source\": \"oews\", \"status\": \"top-coded\"},"
                            " \"median\": {\"unit\": \"usd\", \"source\": \"oews\", \"status\": "
                            "\"not-available\"}}}";
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_record_parse("t.json", json, strlen(json), s, "11-1011.00", &d);
    CHECK(r != NULL);
    if (r) {
        const pk_industry *it = &r->industries.items[0];
        CHECK(it->workers.status == PK_FIG_OK && it->workers.value == 6750);
        CHECK(it->workers.unit == PK_UNIT_COUNT && strcmp(it->workers.source, "oews") == 0);
        CHECK(it->lq.unit == PK_UNIT_RATIO && it->lq.value == 27.43);
        CHECK(it->median_pay.status == PK_FIG_ABSENT);
        CHECK(r->wages.p90.status == PK_FIG_TOPCODED && r->wages.p90.value == 239200);
        CHECK(r->wages.median.status == PK_FIG_NA);
        CHECK(r->wages.p10.status == PK_FIG_ABSENT);
        CHECK(!r->outlook.present);
        /* the writer keeps the short form and the statuses */
        pk_buf b = PK_BUF_INIT;
        pk_record_write(r, &b);
        CHECK(strstr(b.data, "\"workers\": 6750") != NULL);
        CHECK(strstr(b.data, "\"status\": \"top-coded\"") != NULL);
        CHECK(strstr(b.data, "\"status\": \"not-available\"") != NULL);
        pk_buf_fini(&b);
    }
    pk_record_free(r);
    pk_diag_fini(&d);
    /* the file name decides the code */
    r = pk_record_parse("t.json", json, strlen(json), s, "11-1011.03", &d);
    CHECK(r == NULL && d.n == 1);
    if (d.n) CHECK_STR(d.msgs[0].text, "t.json: $.soc: \"11-1011.00\" does not match the file name "
                                       "(expected \"11-1011.03\")");
    pk_diag_fini(&d);
    pk_sources_free(s);
}

static int count_fig(void *ctx, const char *id, const char *label, const pk_figure *f)
{
    (void)label;
    (void)f;
    size_t *n = ctx;
    if (*n == 0) CHECK_STR(id, "ai_work_map.delegate[0]");
    (*n)++;
    return 0;
}

static void collect_src(void *ctx, const char *id)
{
    pk_buf *b = ctx;
    pk_buf_printf(b, "%s ", id);
}

static void sample(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(NULL, NULL, &d);
    CHECK(st != NULL);
    if (!st) return;
    size_t n;
    const char *const *codes = pk_store_codes(st, &n);
    CHECK(n == 1 && strcmp(codes[0], "27-4014.00") == 0);
    pk_record *r = pk_store_load(st, "27-4014", &d);
    CHECK(r != NULL);
    pk_record *by_title = pk_store_load(st, "sound ENGINEERING", &d);
    CHECK(by_title != NULL);
    pk_record_free(by_title);
    CHECK(pk_store_load(st, "astronaut", &d) == NULL);
    CHECK(d.n == 1);
    if (d.n) CHECK_STR(d.msgs[0].text, "data/sample/: error: no occupation code or title matches \"astronaut\"");
    if (r) {
        /* spot checks against the seed page */
        CHECK(r->wages.median.value == 66430 && r->wages.median.percentile == 56);
        CHECK(r->outlook.openings.value == 1200 && r->outlook.change.value == -1.7);
        CHECK(r->exposure.task_overlap.value == 46);
        CHECK(r->exposure.gpt.gamma.value == 0.8);
        CHECK(r->global.mean_exposure.population == 427);
        CHECK(r->work_context.n_items == 40 && r->tools.n_items == 32);
        size_t hot = 0;
        for (size_t i = 0; i < r->tools.n_items; i++) hot += r->tools.items[i].hot;
        CHECK(hot == 17);
        /* round trip: write, parse, write again gives the same bytes */
        pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
        pk_record_write(r, &a);
        pk_record *r2 = pk_record_parse("rt.json", a.data, a.len, pk_store_sources(st), NULL, &d);
        CHECK(r2 != NULL);
        if (r2) pk_record_write(r2, &b);
        CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
        pk_record_free(r2);
        pk_buf_fini(&a);
        pk_buf_fini(&b);
        /* every figure is walked, in schema order, with its claim id */
        size_t nf = 0;
        pk_record_each_figure(r, count_fig, &nf);
        CHECK(nf == 176); /* every figure of the seed page's sample: one data.csv row each */
        pk_buf ids = PK_BUF_INIT;
        pk_record_each_source(r, collect_src, &ids);
        CHECK_STR(ids.data, "onet aei aioe gpts-are-gpts microsoft-wwai dingel-neiman frey-osborne "
                            "bls-ep-2024 ilo-2025 ibs-isco nces-cip-soc oews-2024 ");
        pk_buf_fini(&ids);
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_diag_fini(&d);
}

int main(void)
{
    RUN(errors);
    RUN(inheritance);
    RUN(sample);
    return pk_t_finish();
}
