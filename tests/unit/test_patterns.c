/* test_patterns.c: the AI work map's rule (data/patterns.c), the aei-patterns importer over a
 * synthetic pack (tests/unit/fixtures/aei-patterns: invented occupations, tasks and shares), and
 * the sentences the briefs and the kit say about it (reports/aiwords.c, reports/kit.c): no task
 * matched, every task below the floor, one task, a tie between patterns. */
#include "harness.h"

#include <stdlib.h>

#include "data/buf.h"
#include "data/pack.h"
#include "data/patterns.h"
#include "reports/aiwords.h"
#include "reports/kit.h"
#include "reports/markdown.h"

static const pk_pattern D = PK_PAT_DIRECTIVE, I = PK_PAT_TASK_ITERATION, V = PK_PAT_VALIDATION,
                        L = PK_PAT_LEARNING;

static void rule(void)
{
    /* "mostly" is more than half of all the task's conversations, the filtered ones included */
    CHECK(pk_task_classify((double[]){66.7, 0, 0, 0, 0}) == PK_TASK_DELEGATE);
    CHECK(pk_task_classify((double[]){50, 0, 0, 0, 0}) == PK_TASK_MIXED); /* half is not most */
    CHECK(pk_task_classify((double[]){0, 0, 20, 20, 11}) == PK_TASK_COPILOT);
    CHECK(pk_task_classify((double[]){0, 0, 20, 20, 10}) == PK_TASK_MIXED);
    /* feedback loop is automation, but not "handed to AI": the class needs directive itself */
    CHECK(pk_task_classify((double[]){30, 40, 0, 0, 0}) == PK_TASK_MIXED);
    CHECK(pk_task_classify((double[]){0, 0, 0, 0, 0}) == PK_TASK_FLOOR);
    CHECK(pk_task_classify((double[]){2.7, 0, 0, 0, 0}) == PK_TASK_MIXED);

    pk_pattern top[PK_PAT_COUNT_];
    CHECK(pk_pattern_top((double[]){10, 0, 0, 0, 30}, 0, top) == 1 && top[0] == L);
    /* a tie names every tied pattern, in the fixed order, whichever came first in the data */
    CHECK(pk_pattern_top((double[]){25, 0, 0, 0, 25}, 0, top) == 2 && top[0] == D && top[1] == L);
    CHECK(pk_pattern_top((double[]){25 + 4e-10, 0, 0, 0, 25}, 0, top) == 2);
    CHECK(pk_pattern_top((double[]){0, 0, 0, 0, 0}, 0, top) == 0);
    CHECK(pk_pattern_top((double[]){60, 0, 10, 30, 10}, pk_pattern_augmentation_mask(), top) == 1 &&
          top[0] == V);
    pk_buf b = PK_BUF_INIT;
    pk_pattern p3[] = {D, V, L};
    pk_pattern_names(&b, p3, 3);
    CHECK_STR(pk_buf_str(&b), "Directive, validation and learning");
    pk_buf_reset(&b);
    pk_pattern p2[] = {I, L};
    pk_pattern_names(&b, p2, 2);
    CHECK_STR(pk_buf_str(&b), "Task iteration and learning");
    pk_buf_fini(&b);
}

static pk_pack *P;
static pk_diag Dg = PK_DIAG_INIT;

static pk_record *rec(const char *soc)
{
    pk_record *r = pk_pack_record(P, soc, &Dg);
    CHECK(r != NULL);
    return r;
}

static char *join_line(const pk_record *r)
{
    pk_ai_line l = {0};
    if (!pk_ai_join_line(r, &l)) return NULL;
    free(l.source);
    return l.text;
}

static char *markdown(const pk_record *r, pk_kit *k)
{
    pk_buf md = PK_BUF_INIT;
    pk_kit_build(k, r, pk_pack_sources(P));
    pk_markdown_brief(&md, r, pk_pack_sources(P), k);
    return pk_buf_take(&md);
}

static const char *claim(const pk_kit *k, const char *id)
{
    for (size_t i = 0; i < k->n_claims; i++)
        if (strcmp(k->claims[i].id, id) == 0) return k->claims[i].text;
    return NULL;
}

#define HAS(hay, needle) CHECK(strstr(hay, needle) != NULL)
#define HASNT(hay, needle) CHECK(strstr(hay, needle) == NULL)

/* One of two tasks matched: directive 60%, learning 20%, filtered 20%. */
static void one_task(void)
{
    pk_record *r = rec("91-1011.00");
    if (!r) return;
    char *j = join_line(r);
    CHECK_STR(j, "1 of this occupation's 2 O*NET tasks is among the tasks of this release.");
    free(j);
    CHECK(r->ai_work_map.delegate.n_items == 1);
    CHECK_STR(r->ai_work_map.delegate.items[0].tag, "Directive");
    CHECK(!r->ai_work_map.copilot.present && !r->ai_work_map.below_floor.present);
    CHECK(r->ai_usage.augmentation.value == 20 && r->ai_usage.automation.value == 60 &&
          r->ai_usage.filtered.value == 20);
    CHECK_STR(r->ai_usage.top_mode.name, "Directive");
    CHECK(!r->ai_usage.top_mode.tied);
    pk_kit k;
    char *md = markdown(r, &k);
    HAS(md, "**Use as a copilot:** No matched task had more than half of its conversations in "
            "task iteration, validation or learning. [Test patterns]");
    HASNT(md, "**Often handed to AI:**");
    HAS(md, "**Most common way people use AI here:** Directive (you hand AI the whole task), "
            "60.0% of the observed conversations [Test patterns]");
    HAS(md, "| Polish the widgets. | Directive 60% | 0.4% |");
    HAS(md, "**Keep a human in the loop:** Not shown.");
    HAS(md, "Observed AI use leans 60% hand-off, not copilot. [Test patterns]");
    CHECK_STR(claim(&k, "augmentation"),
              "Of the AI use actually observed for this work, 20% looks like augmentation "
              "(drafting, iterating, checking) and 60% like hands-off automation; how the other "
              "20% went is below the release's sample floor \xE2\x80\x94 from one AI assistant's "
              "usage sample, not a census.");
    free(md);
    pk_kit_fini(&k);
    pk_record_free(r);
}

/* Both tasks matched, every conversation filtered: nothing is shown as 0%. */
static void all_filtered(void)
{
    pk_record *r = rec("91-1012.00");
    if (!r) return;
    char *j = join_line(r);
    CHECK_STR(j, "Both of this occupation's O*NET tasks are among the tasks of this release. For "
                 "each of them, every conversation is below the release's sample floor: the "
                 "release does not say how people worked with AI on them.");
    free(j);
    CHECK(r->ai_usage.augmentation.status == PK_FIG_ABSENT);
    CHECK(r->ai_usage.automation.status == PK_FIG_ABSENT);
    CHECK(r->ai_usage.filtered.value == 100);
    CHECK(!r->ai_usage.top_mode.present);
    CHECK(r->ai_work_map.below_floor.n_items == 2);
    pk_buf how = PK_BUF_INIT;
    pk_ai_task_how(&r->ai_usage.patterns.items[0], &how);
    CHECK_STR(pk_buf_str(&how), "below the release's sample floor");
    pk_buf_fini(&how);
    pk_kit k;
    char *md = markdown(r, &k);
    HAS(md, "**Augmentation vs. automation:** Not known. Every observed conversation about the "
            "matched tasks is below the release's sample floor. [Test patterns]");
    /* the classes are not "none": nothing is known to class */
    HASNT(md, "No matched task had");
    HASNT(md, " 0%");
    HASNT(md, "0.0%");
    CHECK(claim(&k, "augmentation") == NULL);
    free(md);
    pk_kit_fini(&k);
    pk_record_free(r);
}

/* Its one task is not in the release: the work map says so once; no section of its own. */
static void no_match(void)
{
    pk_record *r = rec("91-1013.00");
    if (!r) return;
    char *j = join_line(r);
    CHECK_STR(j, "This occupation's one O*NET task is not among the tasks of this release, so it "
                 "has no observed AI use to map.");
    free(j);
    CHECK(r->ai_usage.patterns.present && r->ai_usage.patterns.n_items == 0 &&
          r->ai_usage.patterns.tasks_total == 1);
    CHECK(!pk_ai_usage_shown(&r->ai_usage));
    pk_kit k;
    char *md = markdown(r, &k);
    HAS(md, "## AI work map");
    HASNT(md, "## How AI is used in this job");
    HASNT(md, "Often handed to AI");
    free(md);
    pk_kit_fini(&k);
    pk_record_free(r);
}

/* Directive and learning tie at 25% each (and neither task is mostly anything: half is not most).
 */
static void tie(void)
{
    pk_record *r = rec("91-1014.00");
    if (!r) return;
    CHECK(r->ai_usage.top_mode.tied);
    CHECK_STR(r->ai_usage.top_mode.name, "Directive and learning");
    CHECK(r->ai_usage.top_mode.description == NULL);
    pk_buf w = PK_BUF_INIT;
    pk_ai_mode_words(&r->ai_usage.top_mode, &w);
    CHECK_STR(pk_buf_str(&w),
              "Directive and learning, tied at 25.0% each of the observed conversations");
    pk_buf_fini(&w);
    pk_kit k;
    char *md = markdown(r, &k);
    HAS(md, "**Often handed to AI:** No matched task had more than half of its conversations "
            "directive.");
    HAS(md, "**Use as a copilot:** No matched task");
    HAS(md, "Observed AI use splits evenly between copilot and hand-off (25% each).");
    free(md);
    pk_kit_fini(&k);
    pk_record_free(r);

    /* a task's own tie, and the copilot tag naming the augmentation patterns that tie */
    r = rec("91-1015.00");
    if (!r) return;
    CHECK(r->ai_work_map.copilot.n_items == 1);
    CHECK_STR(r->ai_work_map.copilot.items[0].tag, "Task iteration and validation");
    pk_buf how = PK_BUF_INIT;
    pk_ai_task_how(&r->ai_usage.patterns.items[1], &how);
    CHECK_STR(pk_buf_str(&how), "Directive and validation 20% each");
    pk_buf_fini(&how);
    CHECK_STR(r->ai_usage.top_mode.name, "Validation");
    pk_record_free(r);
}

int main(void)
{
    RUN(rule);
    const char *src = getenv("PK_SOURCE_DIR");
    char manifest[1024];
    snprintf(manifest, sizeof manifest, "%s/tests/unit/fixtures/aei-patterns/manifest.json",
             src ? src : ".");
    P = pk_pack_load(manifest, NULL, &Dg);
    CHECK(P != NULL);
    for (size_t i = 0; i < Dg.n; i++)
        fprintf(stderr, "%s\n", Dg.msgs[i].text);
    CHECK(Dg.n == 0);
    if (P) {
        RUN(one_task);
        RUN(all_filtered);
        RUN(no_match);
        RUN(tie);
    }
    for (size_t i = 0; i < Dg.n; i++)
        fprintf(stderr, "%s\n", Dg.msgs[i].text);
    pk_pack_free(P);
    pk_diag_fini(&Dg);
    return pk_t_finish();
}
