/* coverage.c: which sections of the brief each occupation of a pack has, and why the others
 * lack them (`presskit check --coverage`; pack.h). Rows follow the manifest's inputs: each
 * importer's section (one row per value of a scores input), then the figures derived over the
 * population. Whether an occupation has a section is read off its record; why it lacks one is
 * what the importer marked (pk_cov_mark), a published-but-suppressed value, or else that the
 * file had no row for its code. Part of data/. */
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/fmt.h"
#include "data/import.h"

/* How an occupation stands for one row: it has the figures, the publisher suppressed them, or
 * it has none. */
typedef enum cov_state { COV_NONE = 0, COV_HAS, COV_SUPPRESSED, COV_HOURLY, COV_FLOOR } cov_state;

/* Why an occupation lacks a row, as the report counts it. */
enum { WHY_NO_ROW, WHY_NO_JOIN, WHY_NO_MATCH, WHY_SUPPRESSED, WHY_HOURLY, WHY_NO_INPUT,
       WHY_FLOOR, WHY_N };

static cov_state fig_state(const pk_figure *f)
{
    return pk_fig_has(f) ? COV_HAS : f->status == PK_FIG_NA ? COV_SUPPRESSED : COV_NONE;
}

/* The best of several figures' states: any value makes the section show. */
static cov_state figs_state(const pk_figure *const *fs, size_t n)
{
    cov_state s = COV_NONE;
    for (size_t i = 0; i < n; i++) {
        cov_state k = fig_state(fs[i]);
        if (k == COV_HAS) return COV_HAS;
        if (k == COV_SUPPRESSED) s = COV_SUPPRESSED;
    }
    return s;
}

static cov_state list_state(const pk_list *l)
{
    return l->present && l->n_items ? COV_HAS : COV_NONE;
}

typedef struct cov_row {
    const char *section;
    const pk_input *in;     /* whose marks explain a lack; NULL for derived rows */
    const pk_value_map *vm; /* scores: the value */
    int what;               /* which test of row_state */
} cov_row;

enum {
    T_DESCRIPTION, T_TITLES, T_TASKS, T_KNOWLEDGE, T_SKILLS, T_ABILITIES, T_WORK_STYLES, T_WORK_ACTIVITIES, T_TOOLS,
    T_JOB_ZONE, T_EDUCATION, T_INTERESTS, T_RELATED, T_WAGES, T_PAY_RANK, T_COMBINED,
    T_INDUSTRIES, T_OUTLOOK, T_OPENINGS, T_STUDY, T_GPT, T_REMOTE, T_FREY, T_TASK_SHARES,
    T_GLOBAL, T_GLOBAL_HEADLINE, T_FIELDS, T_OVERLAP, T_SOURCE, T_WORK_MAP, T_WORKING
};

static bool uses_source(const pk_record *r, const char *id);

static cov_state row_state(const cov_row *row, const pk_record *r)
{
    const pk_wages *w = &r->wages;
    switch (row->what) {
    case T_DESCRIPTION: return r->description ? COV_HAS : COV_NONE;
    case T_TITLES: return r->also_called.n ? COV_HAS : COV_NONE;
    case T_TASKS: return list_state(&r->tasks);
    case T_KNOWLEDGE: return list_state(&r->knowledge);
    case T_SKILLS:
        return list_state(&r->skills.essential) == COV_HAS ? COV_HAS
                                                           : list_state(&r->skills.transferable);
    case T_ABILITIES: return list_state(&r->abilities);
    case T_WORK_STYLES: return list_state(&r->work_styles);
    case T_WORK_ACTIVITIES: return list_state(&r->work_activities);
    case T_TOOLS: return r->tools.present && r->tools.n_items ? COV_HAS : COV_NONE;
    case T_JOB_ZONE: return fig_state(&r->how_to_get_in.job_zone);
    case T_EDUCATION: return list_state(&r->education);
    case T_INTERESTS: return list_state(&r->interests.riasec);
    case T_RELATED: return r->quadrant.n_related ? COV_HAS : COV_NONE;
    case T_WAGES: {
        if (!w->present) return COV_NONE;
        const pk_figure *fs[] = {&w->median,        &w->p10, &w->p25, &w->p75, &w->p90,
                                 &w->hourly.median, &w->hourly.p10};
        return figs_state(fs, sizeof fs / sizeof fs[0]);
    }
    case T_PAY_RANK:
        if (pk_fig_rank(&w->median) >= 0) return COV_HAS;
        if (w->hourly_only) return COV_HOURLY;
        return w->present && w->median.status == PK_FIG_NA ? COV_SUPPRESSED : COV_NONE;
    case T_COMBINED:
        return w->present && w->median.scope && w->median.scope->kind == PK_SCOPE_COMBINED
                   ? COV_HAS
                   : COV_NONE;
    case T_INDUSTRIES: return r->industries.present && r->industries.n_items ? COV_HAS : COV_NONE;
    case T_OUTLOOK: {
        if (!r->outlook.present) return COV_NONE;
        const pk_figure *fs[] = {&r->outlook.change, &r->outlook.employment_base};
        return figs_state(fs, 2);
    }
    case T_OPENINGS: return r->outlook.present ? fig_state(&r->outlook.openings) : COV_NONE;
    case T_STUDY:
        for (size_t i = 0; i < r->exposure.n_studies; i++) {
            const pk_study *s = &r->exposure.studies[i];
            if (strcmp(s->id, row->in->source) == 0 && strcmp(s->label, row->vm->label) == 0)
                return fig_state(&s->score);
        }
        return COV_NONE;
    case T_GPT: {
        const char *t = row->vm->target;
        const pk_gpt *g = &r->exposure.gpt;
        return fig_state(strcmp(t, "gpt.alpha") == 0  ? &g->alpha
                         : strcmp(t, "gpt.beta") == 0 ? &g->beta
                                                      : &g->gamma);
    }
    case T_REMOTE: return fig_state(&r->exposure.remote_work);
    case T_FREY: return fig_state(&r->exposure.frey_osborne);
    case T_TASK_SHARES: return list_state(&r->ai_usage.task_shares);
    case T_GLOBAL: return r->global.present && r->global.n_isco ? COV_HAS : COV_NONE;
    case T_GLOBAL_HEADLINE: return fig_state(&r->global.mean_exposure);
    case T_FIELDS: return list_state(&r->how_to_get_in.fields_of_study);
    case T_OVERLAP: return fig_state(&r->exposure.task_overlap);
    case T_SOURCE: return row->in && row->in->source && uses_source(r, row->in->source) ? COV_HAS : COV_NONE;
    case T_WORK_MAP: return r->ai_usage.patterns.n_items ? COV_HAS : COV_NONE;
    case T_WORKING:
        if (r->ai_usage.patterns.n_items == 0) return COV_NONE;
        return pk_fig_has(&r->ai_usage.augmentation) ? COV_HAS : COV_FLOOR;
    }
    return COV_NONE;
}

typedef struct src_find {
    const char *id;
    bool found;
} src_find;

static void find_source(void *ctx, const char *id)
{
    src_find *f = ctx;
    if (strcmp(f->id, id) == 0) f->found = true;
}

static bool uses_source(const pk_record *r, const char *id)
{
    src_find f = {id, false};
    pk_record_each_source(r, find_source, &f);
    return f.found;
}

/* The rows an input gives the report (up to 2, or one per value of a scores input). */
static size_t input_rows(const pk_input *in, cov_row *out, size_t cap)
{
    static const struct {
        const char *importer, *section;
        int what;
    } simple[] = {
        {"onet-occupations", "Description", T_DESCRIPTION},
        {"onet-titles", "Also called", T_TITLES},
        {"onet-tasks", "Tasks", T_TASKS},
        {"onet-technology", "Tools & technology", T_TOOLS},
        {"onet-job-zones", "How to get in (job zone)", T_JOB_ZONE},
        {"onet-education", "Education of current workers", T_EDUCATION},
        {"onet-interests", "Interests (RIASEC)", T_INTERESTS},
        {"onet-related", "Related occupations", T_RELATED},
        {"oews-sectors", "Industries that employ it", T_INDUSTRIES},
        {"ep-projections", "Job outlook", T_OUTLOOK},
        {"ep-openings", "Annual openings", T_OPENINGS},
        {"aei-tasks", "How AI is used (task shares)", T_TASK_SHARES},
        {"cip-soc", "What to study (fields of study)", T_FIELDS},
    };
    size_t n = 0;
    const char *imp = in->importer;
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (strcmp(simple[i].importer, imp) == 0 && n < cap)
            out[n++] = (cov_row){simple[i].section, in, NULL, simple[i].what};
    if (n) return n;
    if (strcmp(imp, "onet-ratings") == 0 && in->section) {
        static const struct { const char *sec, *label; int what; } ratings[] = {
            {"knowledge", "Knowledge", T_KNOWLEDGE},
            {"skills", "Skills", T_SKILLS},
            {"abilities", "Abilities", T_ABILITIES},
            {"work_styles", "Work styles", T_WORK_STYLES},
            {"work_activities", "Work activities", T_WORK_ACTIVITIES}};
        for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++)
            if (strcmp(ratings[i].sec, in->section) == 0)
                out[n++] = (cov_row){ratings[i].label, in, NULL, ratings[i].what};
        return n;
    }
    if (strcmp(imp, "oews-national") == 0 && cap >= 3) {
        out[n++] = (cov_row){"Wages & employment", in, NULL, T_WAGES};
        out[n++] = (cov_row){"Median-pay percentile", in, NULL, T_PAY_RANK};
        out[n++] = (cov_row){"... of them published under a combined code", in, NULL, T_COMBINED};
        return n;
    }
    if (strcmp(imp, "aei-patterns") == 0 && cap >= 2) {
        out[n++] = (cov_row){"AI work map (collaboration patterns)", in, NULL, T_WORK_MAP};
        out[n++] = (cov_row){"Working with AI (augmentation vs. automation)", in, NULL, T_WORKING};
        return n;
    }
    if (strcmp(imp, "ilo") == 0 && cap >= 2) {
        out[n++] = (cov_row){"The global GenAI gradient", in, NULL, T_GLOBAL};
        out[n++] = (cov_row){"... with one headline ISCO-08 occupation", in, NULL,
                             T_GLOBAL_HEADLINE};
        return n;
    }
    if (strcmp(imp, "scores") == 0) {
        for (size_t j = 0; j < in->n_values && n < cap; j++) {
            const pk_value_map *vm = &in->values[j];
            const char *t = vm->target;
            if (strcmp(t, "study") == 0)
                out[n++] = (cov_row){vm->label, in, vm, T_STUDY};
            else if (strncmp(t, "gpt.", 4) == 0)
                out[n++] = (cov_row){strcmp(t, "gpt.alpha") == 0  ? "GPTs-are-GPTs alpha"
                                     : strcmp(t, "gpt.beta") == 0 ? "GPTs-are-GPTs beta"
                                                                  : "GPTs-are-GPTs gamma",
                                     in, vm, T_GPT};
            else if (strcmp(t, "remote_work") == 0)
                out[n++] = (cov_row){"Remote work (teleworkable)", in, vm, T_REMOTE};
            else if (strcmp(t, "frey_osborne") == 0)
                out[n++] = (cov_row){"Historical automation estimate (2013)", in, vm, T_FREY};
        }
        return n;
    }
    /* crosswalks give no section of their own; another importer: the records that cite it */
    if (strstr(imp, "crosswalk")) return 0;
    if (in->source && cap) out[n++] = (cov_row){in->id, in, NULL, T_SOURCE};
    return n;
}

static const char *why_text(int why, const cov_row *row)
{
    bool bls = row->in && (strncmp(row->in->importer, "oews", 4) == 0 ||
                           strncmp(row->in->importer, "ep-", 3) == 0);
    switch (why) {
    case WHY_NO_ROW:
        if (row->what == T_TASK_SHARES || row->what == T_WORK_MAP || row->what == T_WORKING)
            return "O*NET lists no task statements for it";
        return bls ? "BLS publishes no row for its SOC code or a combined code"
                   : "the file has no row for its code";
    case WHY_NO_JOIN: return "its code has no counterpart in the crosswalk the join goes through";
    case WHY_NO_MATCH:
        return row->what == T_TASK_SHARES || row->what == T_WORK_MAP || row->what == T_WORKING
                   ? "none of its task statements is in the release"
               : row->what == T_GLOBAL    ? "its SOC 2010 codes match no ISCO-08 occupation the ILO scores"
                                          : "nothing in the file matches it";
    case WHY_SUPPRESSED: return "published as suppressed";
    case WHY_FLOOR: return "every matched task is below the release's sample floor";
    case WHY_HOURLY: return "BLS publishes hourly wages only, so there is no annual median to rank";
    case WHY_NO_INPUT:
        return row->what == T_GLOBAL_HEADLINE
                   ? "several ISCO-08 occupations match and none by its title (the range is shown)"
                   : "not derived: no input figure";
    }
    return "";
}

void pk_pack_coverage_report(const pk_pack *pc, pk_buf *out)
{
    pk_pack *p = (pk_pack *)pc;
    size_t cap = 8 + 8 * p->n_inputs, n_rows = 0;
    cov_row *rows = pk_xcalloc(cap, sizeof *rows);
    for (size_t i = 0; i < p->n_inputs; i++)
        n_rows += input_rows(&p->inputs[i], rows + n_rows, cap - n_rows - 1);
    rows[n_rows++] = (cov_row){"AI task overlap (derived)", NULL, NULL, T_OVERLAP};

    pk_buf_printf(out, "| Section | Input | Occupations with it (of %zu) | Without it, and why |\n",
                  p->n_occs);
    pk_buf_adds(out, "|---|---|---:|---|\n");
    for (size_t k = 0; k < n_rows; k++) {
        const cov_row *row = &rows[k];
        size_t have = 0, count[WHY_N] = {0};
        const char *eg[WHY_N][3] = {{0}};
        for (size_t oi = 0; oi < p->n_occs; oi++) {
            const pk_record *r = &p->occs[oi]->rec;
            cov_state st = row_state(row, r);
            if (st == COV_HAS) {
                have++;
                continue;
            }
            if (row->what == T_COMBINED) continue; /* a sub-count, not a lack */
            int why = WHY_NO_ROW;
            if (st == COV_SUPPRESSED) why = WHY_SUPPRESSED;
            else if (st == COV_HOURLY) why = WHY_HOURLY;
            else if (st == COV_FLOOR) why = WHY_FLOOR;
            else if (!row->in || row->what == T_GLOBAL_HEADLINE) why = WHY_NO_INPUT;
            else if (row->what == T_PAY_RANK && !r->wages.present) why = WHY_NO_ROW;
            else why = p->cov[row->in->index * p->n_occs + oi] == PK_COV_NO_JOIN    ? WHY_NO_JOIN
                       : p->cov[row->in->index * p->n_occs + oi] == PK_COV_NO_MATCH ? WHY_NO_MATCH
                                                                                   : WHY_NO_ROW;
            if (row->what == T_GLOBAL_HEADLINE && !(r->global.present && r->global.n_isco))
                continue; /* counted under the gradient itself */
            if (count[why] < 3) eg[why][count[why]] = r->soc;
            count[why]++;
        }
        pk_buf_adds(out, "| ");
        pk_buf_adds(out, row->section);
        pk_buf_adds(out, " | ");
        if (row->in) pk_buf_printf(out, "`%s`", row->in->id);
        pk_buf_adds(out, " | ");
        pk_fmt_num(out, (double)have, 0, 0);
        pk_buf_adds(out, " | ");
        bool any = false;
        for (int why = 0; why < WHY_N; why++) {
            if (!count[why]) continue;
            pk_buf_printf(out, "%s%s: %zu (", any ? "; " : "", why_text(why, row), count[why]);
            for (size_t e = 0; e < 3 && eg[why][e]; e++)
                pk_buf_printf(out, "%s%s", e ? ", " : "", eg[why][e]);
            pk_buf_adds(out, count[why] > 3 ? ", ...)" : ")");
            any = true;
        }
        if (!any) pk_buf_adds(out, row->what == T_COMBINED ? "(a part of the row above)" : "\xE2\x80\x94");
        pk_buf_adds(out, " |\n");
    }
    free(rows);
}
