/* record_schema.c: the tables of schema.h, one per struct of record.h, in docs/record.md order
 * (which is also the order `presskit record` writes keys in). */
#include "data/schema.h"

#include "data/buf.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define FIG(T, key, unit) {#key, PK_K_FIG, offsetof(T, key), 0, NULL, 0, unit, 0, 0, NULL}
/* a figure whose field narrows its unit's domain (a share 0-100, a rating on a scale) */
#define FIG_ON(T, key, unit, lo, hi) {#key, PK_K_FIG, offsetof(T, key), 0, NULL, 0, unit, lo, hi, NULL}
#define LIST(T, key, unit) {#key, PK_K_LIST, offsetof(T, key), 0, NULL, 0, unit, 0, 0, NULL}
#define LIST_ON(T, key, unit, lo, hi) {#key, PK_K_LIST, offsetof(T, key), 0, NULL, 0, unit, lo, hi, NULL}
#define ARR(T, key, cnt, sub) \
    {#key, PK_K_ARR, offsetof(T, key), offsetof(T, cnt), &sub, 0, PK_UNIT_NONE, 0, 0, NULL}

static const pk_field ai_work_map_f[] = {
    LIST_ON(pk_ai_work_map, delegate, PK_UNIT_PERCENT, 0, 100),
    LIST_ON(pk_ai_work_map, copilot, PK_UNIT_PERCENT, 0, 100),
    LIST_ON(pk_ai_work_map, human_loop, PK_UNIT_PERCENT, 0, 100),
    LIST_ON(pk_ai_work_map, below_floor, PK_UNIT_PERCENT, 0, 100),
};
static const pk_schema ai_work_map_s = PK_SCHEMA_OF(pk_ai_work_map, "ai_work_map", ai_work_map_f);

static const pk_field study_f[] = {
    PK_FIELD(pk_study, id, PK_K_STR, PK_REQ),
    PK_FIELD(pk_study, label, PK_K_STR, PK_REQ),
    {"score", PK_K_FIG, offsetof(pk_study, score), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
};
static const pk_schema study_s = PK_SCHEMA_OF(pk_study, "study", study_f);

static const pk_field gpt_f[] = {
    FIG_ON(pk_gpt, alpha, PK_UNIT_SCORE, 0, 1),
    FIG_ON(pk_gpt, beta, PK_UNIT_SCORE, 0, 1),
    FIG_ON(pk_gpt, gamma, PK_UNIT_SCORE, 0, 1),
};
static const pk_schema gpt_s = PK_SCHEMA_OF(pk_gpt, "gpt", gpt_f);

static const pk_field exposure_f[] = {
    ARR(pk_exposure, studies, n_studies, study_s),
    PK_FIELD_OBJ(pk_exposure, gpt, gpt_s),
    FIG(pk_exposure, task_overlap, PK_UNIT_PERCENTILE),
    FIG(pk_exposure, remote_work, PK_UNIT_FRACTION),
    FIG(pk_exposure, frey_osborne, PK_UNIT_PROBABILITY),
};
static const pk_schema exposure_s = PK_SCHEMA_OF(pk_exposure, "exposure", exposure_f);

static const pk_field mode_f[] = {
    PK_FIELD(pk_mode, name, PK_K_STR, PK_REQ),
    PK_FIELD(pk_mode, description, PK_K_STR, 0),
    PK_FIELD(pk_mode, source, PK_K_SRC, PK_REQ),
    FIG_ON(pk_mode, share, PK_UNIT_PERCENT, 0, 100),
    PK_FIELD(pk_mode, tied, PK_K_BOOL, 0),
};
static const pk_schema mode_s = PK_SCHEMA_OF(pk_mode, "top_mode", mode_f);

/* A task's pattern shares are plain numbers in the file ("directive": 66.7): they inherit the
 * patterns object's source and are per cent, 0 to 100. */
static const pk_field task_mix_f[] = {
    PK_FIELD(pk_task_mix, name, PK_K_STR, PK_REQ),
    FIG_ON(pk_task_mix, usage, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, directive, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, feedback_loop, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, task_iteration, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, validation, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, learning, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_task_mix, filtered, PK_UNIT_PERCENT, 0, 100),
};
static const pk_schema task_mix_s = PK_SCHEMA_OF(pk_task_mix, "task", task_mix_f);

static const pk_field task_mixes_f[] = {
    PK_FIELD(pk_task_mixes, source, PK_K_SRC, PK_REQ),
    PK_FIELD(pk_task_mixes, tasks_total, PK_K_INT, PK_REQ),
    ARR(pk_task_mixes, items, n_items, task_mix_s),
};
static const pk_schema task_mixes_s = PK_SCHEMA_OF(pk_task_mixes, "patterns", task_mixes_f);

static const pk_field ai_usage_f[] = {
    LIST_ON(pk_ai_usage, task_shares, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_ai_usage, augmentation, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_ai_usage, automation, PK_UNIT_PERCENT, 0, 100),
    FIG_ON(pk_ai_usage, filtered, PK_UNIT_PERCENT, 0, 100),
    PK_FIELD_OBJ(pk_ai_usage, top_mode, mode_s),
    FIG_ON(pk_ai_usage, autonomy, PK_UNIT_RATING, 1, PK_AUTONOMY_SCALE),
    FIG_ON(pk_ai_usage, work_use, PK_UNIT_PERCENT, 0, 100),
    LIST_ON(pk_ai_usage, delegated_tasks, PK_UNIT_PERCENT, 0, 100),
    LIST_ON(pk_ai_usage, human_needed, PK_UNIT_PERCENT, 0, 100),
    PK_FIELD_OBJ(pk_ai_usage, patterns, task_mixes_s),
};
static const pk_schema ai_usage_s = PK_SCHEMA_OF(pk_ai_usage, "ai_usage", ai_usage_f);

static const pk_field outlook_f[] = {
    PK_FIELD(pk_outlook, base_year, PK_K_INT, PK_REQ),
    PK_FIELD(pk_outlook, target_year, PK_K_INT, PK_REQ),
    FIG(pk_outlook, employment_base, PK_UNIT_COUNT),
    FIG(pk_outlook, employment_target, PK_UNIT_COUNT),
    FIG(pk_outlook, change, PK_UNIT_PERCENT),
    FIG(pk_outlook, openings, PK_UNIT_COUNT),
    PK_FIELD(pk_outlook, label, PK_K_STR, 0),
    PK_FIELD(pk_outlook, entry_education, PK_K_TEXT, 0),
};
static const pk_schema outlook_s = PK_SCHEMA_OF(pk_outlook, "outlook", outlook_f);

static const pk_field isco_f[] = {
    PK_FIELD(pk_isco, code, PK_K_STR, PK_REQ),
    PK_FIELD(pk_isco, title, PK_K_STR, PK_REQ),
    {"exposure", PK_K_FIG, offsetof(pk_isco, exposure), 0, NULL, 0, PK_UNIT_PERCENT, 0, 100, NULL},
    PK_FIELD(pk_isco, gradient, PK_K_STR, 0),
};
static const pk_schema isco_s = PK_SCHEMA_OF(pk_isco, "isco", isco_f);

static const pk_field global_f[] = {
    PK_FIELD(pk_global, headline, PK_K_STR, 0),
    FIG_ON(pk_global, mean_exposure, PK_UNIT_PERCENT, 0, 100),
    FIG(pk_global, shift, PK_UNIT_POINTS),
    PK_FIELD(pk_global, from_year, PK_K_INT, 0),
    PK_FIELD(pk_global, to_year, PK_K_INT, 0),
    PK_FIELD(pk_global, crosswalk_source, PK_K_SRC, 0),
    ARR(pk_global, isco, n_isco, isco_s),
};
static const pk_schema global_s = PK_SCHEMA_OF(pk_global, "global", global_f);

static const pk_field skills_f[] = {
    LIST(pk_skills, essential, PK_UNIT_RATING),
    LIST(pk_skills, transferable, PK_UNIT_RATING),
};
static const pk_schema skills_s = PK_SCHEMA_OF(pk_skills, "skills", skills_f);

static const pk_field tool_f[] = {
    PK_FIELD(pk_tool, example, PK_K_STR, PK_REQ),
    PK_FIELD(pk_tool, category, PK_K_STR, 0),
    PK_FIELD(pk_tool, hot, PK_K_BOOL, 0),
};
static const pk_schema tool_s = PK_SCHEMA_OF(pk_tool, "tool", tool_f);

static const pk_field tools_f[] = {
    PK_FIELD(pk_tools, source, PK_K_SRC, PK_REQ),
    PK_FIELD(pk_tools, total, PK_K_INT, 0),
    ARR(pk_tools, items, n_items, tool_s),
};
static const pk_schema tools_s = PK_SCHEMA_OF(pk_tools, "tools", tools_f);

static const pk_field howto_f[] = {
    PK_FIELD(pk_howto, source, PK_K_SRC, PK_REQ),
    FIG_ON(pk_howto, job_zone, PK_UNIT_LEVEL, 1, 5),
    PK_FIELD(pk_howto, job_zone_title, PK_K_STR, 0),
    PK_FIELD(pk_howto, education, PK_K_STR, 0),
    PK_FIELD(pk_howto, experience, PK_K_STR, 0),
    PK_FIELD(pk_howto, svp, PK_K_STR, 0),
    LIST(pk_howto, fields_of_study, PK_UNIT_NONE),
};
static const pk_schema howto_s = PK_SCHEMA_OF(pk_howto, "how_to_get_in", howto_f);

static const pk_field interests_f[] = {
    LIST(pk_interests, areas, PK_UNIT_RATING),
    LIST(pk_interests, riasec, PK_UNIT_RATING),
};
static const pk_schema interests_s = PK_SCHEMA_OF(pk_interests, "interests", interests_f);

static const pk_field hourly_f[] = {
    FIG(pk_hourly, p10, PK_UNIT_USD_HOUR),    FIG(pk_hourly, p25, PK_UNIT_USD_HOUR),
    FIG(pk_hourly, median, PK_UNIT_USD_HOUR), FIG(pk_hourly, p75, PK_UNIT_USD_HOUR),
    FIG(pk_hourly, p90, PK_UNIT_USD_HOUR),
};
static const pk_schema hourly_s = PK_SCHEMA_OF(pk_hourly, "hourly", hourly_f);

static const pk_field wages_f[] = {
    FIG(pk_wages, p10, PK_UNIT_USD),    FIG(pk_wages, p25, PK_UNIT_USD),
    FIG(pk_wages, median, PK_UNIT_USD), FIG(pk_wages, p75, PK_UNIT_USD),
    FIG(pk_wages, p90, PK_UNIT_USD),    FIG(pk_wages, employment, PK_UNIT_COUNT),
    PK_FIELD(pk_wages, hourly_only, PK_K_BOOL, 0),
    PK_FIELD_OBJ(pk_wages, hourly, hourly_s),
};
static const pk_schema wages_s = PK_SCHEMA_OF(pk_wages, "wages", wages_f);

/* A history point's figures inherit the point's source (the release): plain numbers. */
static const pk_field hist_point_f[] = {
    PK_FIELD(pk_hist_point, year, PK_K_INT, PK_REQ),
    PK_FIELD(pk_hist_point, release, PK_K_STR, 0),
    PK_FIELD(pk_hist_point, source, PK_K_SRC, PK_REQ),
    PK_FIELD(pk_hist_point, system, PK_K_STR, 0),
    PK_FIELD(pk_hist_point, code, PK_K_STR, 0),
    FIG(pk_hist_point, median, PK_UNIT_USD),
    FIG(pk_hist_point, p25, PK_UNIT_USD),
    FIG(pk_hist_point, p75, PK_UNIT_USD),
    FIG(pk_hist_point, hourly_median, PK_UNIT_USD_HOUR),
    FIG(pk_hist_point, employment, PK_UNIT_COUNT),
    PK_FIELD(pk_hist_point, top_coded, PK_K_STRS, 0),
};
static const pk_schema hist_point_s = PK_SCHEMA_OF(pk_hist_point, "point", hist_point_f);

static const pk_field hist_note_f[] = {
    PK_FIELD(pk_hist_note, year, PK_K_INT, PK_REQ),
    PK_FIELD(pk_hist_note, source, PK_K_SRC, PK_REQ),
    PK_FIELD(pk_hist_note, text, PK_K_STR, PK_REQ),
};
static const pk_schema hist_note_s = PK_SCHEMA_OF(pk_hist_note, "note", hist_note_f);

static const pk_field history_f[] = {
    ARR(pk_history, points, n_points, hist_point_s),
    ARR(pk_history, notes, n_notes, hist_note_s),
};
static const pk_schema history_s = PK_SCHEMA_OF(pk_history, "history", history_f);

/* Industry numbers are plain JSON numbers in the file ("workers": 6750): the reader makes
 * them figures with the list's source and these units. */
static const pk_field industry_f[] = {
    PK_FIELD(pk_industry, name, PK_K_STR, PK_REQ),
    PK_FIELD(pk_industry, level, PK_K_STR, 0),
    FIG(pk_industry, workers, PK_UNIT_COUNT),
    FIG(pk_industry, median_pay, PK_UNIT_USD),
    FIG(pk_industry, lq, PK_UNIT_RATIO),
    FIG(pk_industry, median_hourly, PK_UNIT_USD_HOUR),
};
static const pk_schema industry_s = PK_SCHEMA_OF(pk_industry, "industry", industry_f);

static const pk_field industries_f[] = {
    PK_FIELD(pk_industries, source, PK_K_SRC, PK_REQ),
    ARR(pk_industries, items, n_items, industry_s),
};
static const pk_schema industries_s = PK_SCHEMA_OF(pk_industries, "industries", industries_f);

static const pk_field related_f[] = {
    PK_FIELD(pk_related, title, PK_K_STR, PK_REQ),
    PK_FIELD(pk_related, soc, PK_K_SOC, 0),
    FIG(pk_related, overlap_percentile, PK_UNIT_PERCENTILE),
    FIG(pk_related, pay_percentile, PK_UNIT_PERCENTILE),
};
static const pk_schema related_s = PK_SCHEMA_OF(pk_related, "related", related_f);

static const pk_field quadrant_f[] = {
    PK_FIELD(pk_quadrant, adjacent_total, PK_K_INT, 0),
    ARR(pk_quadrant, related, n_related, related_s),
};
static const pk_schema quadrant_s = PK_SCHEMA_OF(pk_quadrant, "quadrant", quadrant_f);

static const pk_field record_f[] = {
    {"presskit_record", PK_K_INT, offsetof(pk_record, version), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    PK_FIELD(pk_record, soc, PK_K_SOC, PK_REQ),
    PK_FIELD(pk_record, title, PK_K_STR, PK_REQ),
    PK_FIELD(pk_record, description, PK_K_STR, 0),
    PK_FIELD(pk_record, also_called, PK_K_STRS, 0),
    PK_FIELD(pk_record, job_family, PK_K_STR, 0),
    PK_FIELD(pk_record, career_cluster, PK_K_STR, 0),
    PK_FIELD(pk_record, text_source, PK_K_SRC, 0),
    PK_FIELD(pk_record, job_family_source, PK_K_SRC, 0),
    PK_FIELD_OBJ(pk_record, ai_work_map, ai_work_map_s),
    PK_FIELD_OBJ(pk_record, exposure, exposure_s),
    PK_FIELD_OBJ(pk_record, ai_usage, ai_usage_s),
    PK_FIELD_OBJ(pk_record, outlook, outlook_s),
    PK_FIELD_OBJ(pk_record, global, global_s),
    LIST(pk_record, tasks, PK_UNIT_NONE),
    LIST(pk_record, knowledge, PK_UNIT_RATING),
    LIST(pk_record, abilities, PK_UNIT_RATING),
    LIST(pk_record, work_context, PK_UNIT_RATING),
    LIST_ON(pk_record, education, PK_UNIT_PERCENT, 0, 100),
    LIST(pk_record, work_styles, PK_UNIT_RATING),
    LIST(pk_record, work_activities, PK_UNIT_RATING),
    PK_FIELD_OBJ(pk_record, skills, skills_s),
    PK_FIELD_OBJ(pk_record, tools, tools_s),
    PK_FIELD_OBJ(pk_record, how_to_get_in, howto_s),
    PK_FIELD_OBJ(pk_record, interests, interests_s),
    PK_FIELD_OBJ(pk_record, wages, wages_s),
    PK_FIELD_OBJ(pk_record, history, history_s),
    PK_FIELD_OBJ(pk_record, industries, industries_s),
    PK_FIELD_OBJ(pk_record, quadrant, quadrant_s),
};
const pk_schema pk_schema_record = PK_SCHEMA_OF(pk_record, "record", record_f);

static const pk_field publication_f[] = {
    PK_FIELD(pk_publication, publisher, PK_K_STR, 0), /* without it, the data sets are cited */
    PK_FIELD(pk_publication, container, PK_K_STR, 0),
    PK_FIELD(pk_publication, url_template, PK_K_URLT, 0),
    PK_FIELD(pk_publication, key_template, PK_K_STR, 0),
    PK_FIELD(pk_publication, compiled, PK_K_DATE, 0),
    PK_FIELD(pk_publication, accessed, PK_K_DATE, 0),
};
const pk_schema pk_schema_publication = PK_SCHEMA_OF(pk_publication, "publication", publication_f);
#define publication_s pk_schema_publication

static const pk_field source_f[] = {
    PK_FIELD(pk_source, id, PK_K_STR, PK_REQ),
    PK_FIELD(pk_source, publisher, PK_K_STR, PK_REQ),
    PK_FIELD(pk_source, title, PK_K_STR, PK_REQ),
    PK_FIELD(pk_source, release, PK_K_STR, 0),
    PK_FIELD(pk_source, year, PK_K_INT, 0),
    PK_FIELD(pk_source, url, PK_K_URL, 0),
    PK_FIELD(pk_source, licence, PK_K_STR, 0),
    PK_FIELD(pk_source, attribution, PK_K_STR, 0),
    PK_FIELD(pk_source, accessed, PK_K_DATE, 0),
    {"short", PK_K_STR, offsetof(pk_source, short_label), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    PK_FIELD(pk_source, cite_as, PK_K_STR, 0),
};
const pk_schema pk_schema_source = PK_SCHEMA_OF(pk_source, "source", source_f);
#define source_s pk_schema_source

static const pk_field sources_f[] = {
    {"presskit_sources", PK_K_INT, offsetof(pk_sources, version), 0, NULL, PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
    {"publication", PK_K_OBJ, offsetof(pk_sources, publication), 0, &publication_s, PK_REQ,
     PK_UNIT_NONE, 0, 0, NULL},
    {"sources", PK_K_ARR, offsetof(pk_sources, items), offsetof(pk_sources, n_items), &source_s,
     PK_REQ, PK_UNIT_NONE, 0, 0, NULL},
};
const pk_schema pk_schema_sources = PK_SCHEMA_OF(pk_sources, "sources", sources_f);

void pk_unit_domain(pk_unit u, double *lo, double *hi, unsigned *flags)
{
    *lo = -PK_MAX_EXACT, *hi = PK_MAX_EXACT, *flags = 0;
    switch (u) {
    case PK_UNIT_USD:
    case PK_UNIT_USD_HOUR: *lo = 0, *flags = PK_ABOVE; break; /* a wage of $0 is no wage */
    case PK_UNIT_COUNT:
    case PK_UNIT_RATING:
    case PK_UNIT_RATIO:
    case PK_UNIT_LEVEL: *lo = 0; break;
    case PK_UNIT_PERCENT: *lo = -100; break; /* a share 0-100 or a change: never below -100% */
    case PK_UNIT_POINTS: *lo = -100, *hi = 100; break;
    case PK_UNIT_PROBABILITY:
    case PK_UNIT_FRACTION: *lo = 0, *hi = 1; break;
    case PK_UNIT_PERCENTILE: *lo = 0, *hi = 100; break;
    default: break; /* none, score: a study's own scale */
    }
}

int pk_in_domain(double v, double lo, double hi, unsigned flags)
{
    return (flags & PK_ABOVE ? v > lo : v >= lo) && v <= hi;
}

void pk_domain_message(pk_buf *b, double v, double lo, double hi, unsigned flags,
                       const char *note)
{
    if (note) {
        pk_buf_printf(b, "%.17g is out of range (expected %g to %g %s)", v, lo, hi, note);
    } else if (hi < PK_MAX_EXACT && lo > -PK_MAX_EXACT && !(flags & PK_ABOVE)) {
        pk_buf_printf(b, "%.17g is outside the scale [%.17g, %.17g]", v, lo, hi);
    } else {
        pk_buf_adds(b, "expected a number ");
        if (flags & PK_ABOVE) pk_buf_printf(b, "above %.17g", lo);
        else if (lo > -PK_MAX_EXACT) pk_buf_printf(b, "of at least %.17g", lo);
        if (hi < PK_MAX_EXACT) pk_buf_printf(b, "%sat most %.17g", lo > -PK_MAX_EXACT ? " and " : "", hi);
        pk_buf_printf(b, ", got %.17g", v);
    }
}

static const char *const unit_names[PK_UNIT_COUNT_] = {
    [PK_UNIT_NONE] = "",           [PK_UNIT_USD] = "usd",
    [PK_UNIT_USD_HOUR] = "usd-hour", [PK_UNIT_COUNT] = "count",
    [PK_UNIT_PERCENT] = "percent", [PK_UNIT_POINTS] = "points",
    [PK_UNIT_SCORE] = "score",     [PK_UNIT_PROBABILITY] = "probability",
    [PK_UNIT_FRACTION] = "fraction", [PK_UNIT_RATING] = "rating",
    [PK_UNIT_PERCENTILE] = "percentile", [PK_UNIT_RATIO] = "ratio",
    [PK_UNIT_LEVEL] = "level",
};

static const char *const scope_kind_names[PK_SCOPE_KIND_COUNT_] = {
    [PK_SCOPE_SHARED] = "shared",       [PK_SCOPE_COMBINED] = "combined",
    [PK_SCOPE_AGGREGATE] = "aggregate", [PK_SCOPE_PART] = "part",
    [PK_SCOPE_MERGED] = "merged",       [PK_SCOPE_TASK] = "task",
};

const char *pk_scope_kind_name(pk_scope_kind k)
{
    return (unsigned)k < PK_SCOPE_KIND_COUNT_ ? scope_kind_names[k] : "";
}

int pk_scope_kind_from_name(const char *name)
{
    for (int k = 0; k < PK_SCOPE_KIND_COUNT_; k++)
        if (strcmp(scope_kind_names[k], name) == 0) return k;
    return -1;
}

const char *pk_unit_name(pk_unit u)
{
    return (unsigned)u < PK_UNIT_COUNT_ ? unit_names[u] : "";
}

pk_unit pk_unit_from_name(const char *name)
{
    for (int u = 1; u < PK_UNIT_COUNT_; u++)
        if (strcmp(unit_names[u], name) == 0) return (pk_unit)u;
    return PK_UNIT_NONE;
}

const pk_source *pk_sources_find(const pk_sources *s, const char *id)
{
    for (size_t i = 0; s && i < s->n_items; i++)
        if (strcmp(s->items[i].id, id) == 0) return &s->items[i];
    return NULL;
}

void pk_source_labels(pk_buf *b, const pk_sources *s, const char *ids)
{
    const char *p = ids;
    bool first = true;
    while (p && *p) {
        size_t n = strcspn(p, "+");
        char id[128];
        if (n >= sizeof id) n = sizeof id - 1;
        memcpy(id, p, n);
        id[n] = '\0';
        const pk_source *src = pk_sources_find(s, id);
        if (!first) pk_buf_adds(b, " + ");
        pk_buf_adds(b, src ? src->short_label : id);
        first = false;
        p += strcspn(p, "+");
        if (*p == '+') p++;
    }
}

/* What each figure outside a list is, for data.csv's label column (a list item or an array
 * element is labelled by its own name). */
static const struct {
    const char *claim_id, *name;
} figure_names[] = {
    {"exposure.gpt.alpha", "GPT exposure, alpha (LLM alone)"},
    {"exposure.gpt.beta", "GPT exposure, beta (LLM plus half the tool-enabled tasks)"},
    {"exposure.gpt.gamma", "GPT exposure, gamma (LLM plus the tool-enabled tasks)"},
    {"exposure.task_overlap", "AI task overlap"},
    {"exposure.remote_work", "Share of tasks that can be done remotely"},
    {"exposure.frey_osborne", "Probability of computerisation (2013)"},
    {"ai_usage.augmentation", "Observed AI use: augmentation"},
    {"ai_usage.automation", "Observed AI use: automation"},
    {"ai_usage.filtered", "Observed AI use: below the sample floor"},
    {"ai_usage.top_mode.share", "Observed AI use: most common pattern's share"},
    {"ai_usage.autonomy", "Typical AI autonomy"},
    {"ai_usage.work_use", "Share of AI conversations for work"},
    {"outlook.employment_base", "Employment, base year of the projection"},
    {"outlook.employment_target", "Employment, target year of the projection"},
    {"outlook.change", "Projected employment change"},
    {"outlook.openings", "Annual job openings, projected"},
    {"global.mean_exposure", "ILO mean task exposure to generative AI"},
    {"global.shift", "Change in ILO exposure"},
    {"how_to_get_in.job_zone", "Job zone"},
    {"wages.p10", "Annual wage, 10th percentile"},
    {"wages.p25", "Annual wage, 25th percentile"},
    {"wages.median", "Median annual wage"},
    {"wages.p75", "Annual wage, 75th percentile"},
    {"wages.p90", "Annual wage, 90th percentile"},
    {"wages.employment", "Employment"},
    {"wages.hourly.p10", "Hourly wage, 10th percentile"},
    {"wages.hourly.p25", "Hourly wage, 25th percentile"},
    {"wages.hourly.median", "Median hourly wage"},
    {"wages.hourly.p75", "Hourly wage, 75th percentile"},
    {"wages.hourly.p90", "Hourly wage, 90th percentile"},
    {"history.median", "Median annual wage"},
    {"history.p25", "Annual wage, 25th percentile"},
    {"history.p75", "Annual wage, 75th percentile"},
    {"history.hourly_median", "Median hourly wage"},
    {"history.employment", "Employment"},
};

const char *pk_figure_name(const char *claim_id)
{
    for (size_t i = 0; i < N(figure_names); i++)
        if (strcmp(figure_names[i].claim_id, claim_id) == 0) return figure_names[i].name;
    return NULL;
}
