/* markdown.c: the source-stamped Markdown brief; see markdown.h. Sections without data are left
 * out; a figure BLS suppressed reads "not available". */
#include "reports/markdown.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/fmt.h"
#include "data/say.h"
#include "reports/aiwords.h"
#include "reports/cite.h"

void pk_md_escape(pk_buf *b, const char *text)
{
    /* Escape only what CommonMark could read as inline markup, so the raw text stays readable
     * for a person or an AI agent: emphasis, code, links, HTML, entities. */
    for (const char *p = text; *p; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') {
            pk_buf_adds(b, "\xEF\xBF\xBD"); /* a control character shows as U+FFFD, never acts */
            continue;
        }
        if (strchr("\\`*_<[]", *p)) pk_buf_addc(b, '\\');
        if (*p == '&') { /* only "&name;" or "&#123;" would be read as an entity */
            size_t k = 1;
            while (k < 32 && (isalnum((unsigned char)p[k]) || (k == 1 && p[k] == '#'))) k++;
            if (k > 1 && p[k] == ';') pk_buf_addc(b, '\\');
        }
        if (*p == '\n' || *p == '\r') pk_buf_addc(b, ' ');
        else pk_buf_addc(b, *p);
    }
}

/* As pk_md_escape, for text that starts a line or list item, where "# ", "- ", "> " or "1. "
 * would open a heading, list or quote. */
static void escape_block(pk_buf *b, const char *text)
{
    const char *p = text;
    if (*p && strchr("#>-+=", *p)) {
        pk_buf_addc(b, '\\');
    } else {
        const char *q = p;
        while (*q >= '0' && *q <= '9') q++;
        if (q > p && (*q == '.' || *q == ')')) {
            pk_buf_add(b, p, (size_t)(q - p));
            pk_buf_addc(b, '\\');
            p = q;
        }
    }
    pk_md_escape(b, p);
}

typedef struct md {
    pk_buf *out;
    const pk_sources *s;
    const pk_list *counted; /* a list whose total a sentence above it already gives (tasks) */
} md;

static void esc(md *m, const char *t)
{
    pk_md_escape(m->out, t);
}

static void stamp(md *m, const char *ids)
{
    if (!ids) return;
    pk_buf lab = PK_BUF_INIT;
    pk_source_labels(&lab, m->s, ids);
    pk_buf_adds(m->out, " [");
    esc(m, lab.data);
    pk_buf_adds(m->out, "]");
    pk_buf_fini(&lab);
}

static void fig(md *m, const pk_figure *f, int decimals)
{
    pk_buf v = PK_BUF_INIT;
    pk_fmt_figure(&v, f, decimals, 0);
    esc(m, v.data);
    pk_buf_fini(&v);
}

static void h(md *m, int level, const char *title)
{
    size_t n = m->out->len;
    if (!(n >= 2 && m->out->data[n - 1] == '\n' && m->out->data[n - 2] == '\n'))
        pk_buf_addc(m->out, '\n');
    for (int i = 0; i < level; i++) pk_buf_addc(m->out, '#');
    pk_buf_addc(m->out, ' ');
    esc(m, title);
    pk_buf_adds(m->out, "\n\n");
}

static void para(md *m, const char *text)
{
    escape_block(m->out, text);
    pk_buf_adds(m->out, "\n\n");
}

/* The sentence on whom a figure describes (data/say.h), as a paragraph of its own after the
 * list or line it follows; nothing when the figure describes this occupation alone. */
static void scope_note(md *m, const pk_scope *sc, const char *src, const char *what)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    pk_buf who = PK_BUF_INIT, t = PK_BUF_INIT;
    pk_source_labels(&who, m->s, src);
    pk_say_scope(&t, sc, who.data, what);
    pk_buf_addc(m->out, '\n');
    esc(m, t.data);
    pk_buf_addc(m->out, '\n');
    pk_buf_fini(&who);
    pk_buf_fini(&t);
}

/* The decimals of a list's values: one rule for the whole list (pk_column_decimals). */
static int list_decimals(const pk_list *l)
{
    double *v = malloc((l->n_items ? l->n_items : 1) * sizeof *v);
    if (!v) abort();
    size_t n = 0;
    for (size_t i = 0; i < l->n_items; i++)
        if (pk_fig_has(&l->items[i].fig)) v[n++] = l->items[i].fig.value;
    int d = pk_column_decimals(l->unit, v, n);
    free(v);
    return d;
}

/* "- **Label:** figure [Source]" for a figure the record has. */
static void fig_line(md *m, const char *label, const pk_figure *f, int decimals)
{
    if (f->status == PK_FIG_ABSENT) return;
    pk_buf_adds(m->out, "- **");
    esc(m, label);
    pk_buf_adds(m->out, ":** ");
    fig(m, f, decimals);
    stamp(m, f->source);
    pk_buf_addc(m->out, '\n');
}

/* A list: one line per item ("name: value"), then its source once, stated for every item. */
static void list(md *m, const pk_list *l, const char *value_suffix, int decimals)
{
    if (decimals < 0) decimals = list_decimals(l);
    for (size_t i = 0; i < l->n_items; i++) {
        const pk_item *it = &l->items[i];
        pk_buf_adds(m->out, "- ");
        escape_block(m->out, it->name);
        if (it->fig.status != PK_FIG_ABSENT) {
            /* a task is a sentence: "Convert ... archiving. — 0.3%" reads better than ".: " */
            size_t nl = strlen(it->name);
            pk_buf_adds(m->out, nl && strchr(".!?", it->name[nl - 1]) ? " \xE2\x80\x94 " : ": ");
            fig(m, &it->fig, decimals);
            if (value_suffix && pk_fig_has(&it->fig)) esc(m, value_suffix);
        }
        if (it->tag) {
            pk_buf_adds(m->out, " (");
            esc(m, it->tag);
            pk_buf_adds(m->out, ")");
        }
        if (it->fig.source && l->source && strcmp(it->fig.source, l->source) != 0)
            stamp(m, it->fig.source);
        pk_buf_addc(m->out, '\n');
    }
    pk_buf_adds(m->out, "\nSource for every figure above:");
    stamp(m, l->source);
    /* a list the import kept the first of says how many there are */
    if (l->total > (long)l->n_items && l != m->counted)
        pk_buf_printf(m->out, " (the first %zu of %ld)", l->n_items, l->total);
    if (l->scale[1] > l->scale[0]) {
        pk_buf_adds(m->out, " (scale ");
        pk_fmt_num(m->out, l->scale[0], 0, PK_FMT_TRIM);
        pk_buf_adds(m->out, "\xE2\x80\x93");
        pk_fmt_num(m->out, l->scale[1], 0, PK_FMT_TRIM);
        pk_buf_adds(m->out, ")");
    }
    pk_buf_adds(m->out, "\n");
    scope_note(m, l->scope, l->source, "these ratings");
    pk_buf t = PK_BUF_INIT;
    pk_say_task_scopes(&t, l);
    if (t.len) {
        pk_buf_addc(m->out, '\n');
        esc(m, t.data);
        pk_buf_addc(m->out, '\n');
    }
    pk_buf_fini(&t);
}

static void list_section(md *m, int level, const char *title, const pk_list *l, const char *intro,
                         const char *suffix, int decimals)
{
    if (!l->present || l->n_items == 0) return;
    h(m, level, title);
    if (intro) para(m, intro);
    list(m, l, suffix, decimals);
}

static void header(md *m, const pk_record *r)
{
    pk_buf_adds(m->out, "# ");
    esc(m, r->title);
    pk_buf_adds(m->out, "\n\n");
    pk_buf_printf(m->out, "Occupation \xC2\xB7 SOC %s", r->soc);
    stamp(m, r->text_source);
    pk_buf_adds(m->out, "\n\n");
    if (r->description) {
        escape_block(m->out, r->description);
        stamp(m, r->text_source);
        pk_buf_adds(m->out, "\n\n");
    }
    if (r->also_called.n) {
        pk_buf_adds(m->out, "**Also called:** ");
        for (size_t i = 0; i < r->also_called.n; i++) {
            if (i) pk_buf_adds(m->out, " \xC2\xB7 ");
            esc(m, r->also_called.v[i]);
        }
        stamp(m, r->text_source);
        pk_buf_adds(m->out, "\n\n");
    }
    if (r->job_family) {
        pk_buf_adds(m->out, "**Job family:** ");
        esc(m, r->job_family);
        stamp(m, r->job_family_source ? r->job_family_source : r->text_source);
        pk_buf_adds(m->out, "\n\n");
    }
    if (r->career_cluster) {
        pk_buf_adds(m->out, "**Career cluster:** ");
        esc(m, r->career_cluster);
        stamp(m, r->text_source);
        pk_buf_adds(m->out, "\n\n");
    }
    pk_buf_adds(m->out, "> Each figure is followed by its source in [brackets]; the sources are "
                        "listed in full at the end. AI exposure measures what today's AI can "
                        "attempt, not automation or job loss; employment projections are "
                        "labor-market forecasts, not AI forecasts.\n");
}

/* Ends the output with a blank line, so that what follows is a paragraph of its own. */
static void gap(md *m)
{
    size_t n = m->out->len;
    if (n && m->out->data[n - 1] != '\n') pk_buf_addc(m->out, '\n'), n++;
    if (n && !(n >= 2 && m->out->data[n - 2] == '\n')) pk_buf_addc(m->out, '\n');
}

/* A sentence of aiwords.c as a paragraph (after a bold label when there is one), stamped. */
static void ai_para(md *m, const char *label, const char *text, const char *ids)
{
    gap(m);
    if (label) {
        pk_buf_adds(m->out, "**");
        esc(m, label);
        pk_buf_adds(m->out, ":** ");
        esc(m, text);
    } else {
        escape_block(m->out, text);
    }
    stamp(m, ids);
    pk_buf_adds(m->out, "\n\n");
}

static void ai_line(md *m, pk_ai_line *l)
{
    ai_para(m, NULL, l->text, l->source);
    pk_ai_line_fini(l);
}

/* A work map list: its items, and how many the full list has when the record kept the first. */
static void map_list(md *m, const char *title, const pk_list *l, const char *suffix)
{
    if (!l->present || l->n_items == 0) return;
    list_section(m, 3, title, l, NULL, suffix, -1);
    if (l->total > 0 && (size_t)l->total > l->n_items)
        pk_buf_printf(m->out, "\n%zu of %ld shown, highest first.\n", l->n_items, l->total);
}

static void ai_work_map(md *m, const pk_record *r)
{
    const pk_ai_work_map *w = &r->ai_work_map;
    if (!w->present) return;
    h(m, 2, "AI work map");
    para(m, "Where AI already shows up in this occupation, where it stays a copilot, and where "
            "humans remain in the loop, from observed AI conversations mapped to the job's tasks. "
            "Shares of observed conversations, not of the job.");
    pk_ai_line l = {0};
    if (pk_ai_join_line(r, &l)) ai_line(m, &l);
    bool said = pk_ai_classes_said(r);
    bool empty_d = said && !(w->delegate.present && w->delegate.n_items);
    bool empty_c = said && !(w->copilot.present && w->copilot.n_items);
    map_list(m, "Often handed to AI", &w->delegate, NULL);
    map_list(m, "Use as a copilot", &w->copilot, NULL);
    if (empty_d) ai_para(m, "Often handed to AI", pk_ai_none_delegate, r->ai_usage.patterns.source);
    if (empty_c) ai_para(m, "Use as a copilot", pk_ai_none_copilot, r->ai_usage.patterns.source);
    map_list(m, "Below the release's sample floor", &w->below_floor, NULL);
    if (w->human_loop.present && w->human_loop.n_items) {
        list_section(m, 3, "Keep a human in the loop", &w->human_loop, NULL, " need a human", -1);
    } else {
        ai_para(m, "Keep a human in the loop", pk_ai_human_loop_missing, NULL);
    }
    if (pk_ai_summary_line(r, &l)) ai_line(m, &l);
}

static void exposure(md *m, const pk_exposure *e)
{
    if (!e->present) return;
    h(m, 2, "AI & job outlook");
    if (e->n_studies) {
        h(m, 3, "Exposure to current AI");
        para(m, "Each study uses its own scale, so raw scores are not comparable across rows; "
                "the percentile (this job's rank among U.S. occupations with data) is the "
                "comparable figure.");
        /* one precision for the score column */
        double *sv = malloc(e->n_studies * sizeof *sv);
        if (!sv) abort();
        size_t ns = 0;
        for (size_t i = 0; i < e->n_studies; i++)
            if (pk_fig_has(&e->studies[i].score)) sv[ns++] = e->studies[i].score.value;
        int sd = pk_column_decimals(PK_UNIT_SCORE, sv, ns);
        free(sv);
        for (size_t i = 0; i < e->n_studies; i++) {
            const pk_figure *f = &e->studies[i].score;
            pk_buf_adds(m->out, "- **");
            esc(m, e->studies[i].label);
            pk_buf_adds(m->out, ":** ");
            if (f->band) {
                esc(m, f->band);
                pk_buf_adds(m->out, ", ");
            }
            if (pk_fig_rank(f) >= 0) {
                pk_fmt_rank(m->out, f->percentile);
                pk_buf_adds(m->out, " percentile");
                if (f->population) {
                    pk_buf_adds(m->out, " of ");
                    pk_fmt_num(m->out, (double)f->population, 0, 0);
                }
                pk_buf_adds(m->out, ", ");
            }
            pk_buf_adds(m->out, "score ");
            fig(m, f, f->unit == PK_UNIT_SCORE ? sd : -1);
            stamp(m, f->source);
            pk_buf_addc(m->out, '\n');
        }
        for (size_t i = 0; i < e->n_studies; i++)
            scope_note(m, e->studies[i].score.scope, e->studies[i].score.source, "its score");
    }
    if (e->gpt.present) {
        pk_buf_adds(m->out, "\n");
        pk_buf_adds(m->out, "The GPTs-are-GPTs study scores tasks three ways: with a language model "
                            "alone (\xCE\xB1 ");
        fig(m, &e->gpt.alpha, -1);
        pk_buf_adds(m->out, "), with simple added tooling (\xCE\xB2 ");
        fig(m, &e->gpt.beta, -1);
        pk_buf_adds(m->out, "), and including AI-powered software (\xCE\xB3 ");
        fig(m, &e->gpt.gamma, -1);
        pk_buf_adds(m->out, ").");
        stamp(m, e->gpt.gamma.source ? e->gpt.gamma.source : e->gpt.alpha.source);
        pk_buf_adds(m->out, " Higher means more of the job's tasks could be done at least twice "
                            "as fast \xE2\x80\x94 not that they will be automated away.\n");
    }
    if (e->task_overlap.status == PK_FIG_OK) {
        pk_buf_adds(m->out, "\n**AI task overlap:** ");
        fig(m, &e->task_overlap, -1);
        pk_buf_adds(m->out, " percentile");
        if (e->task_overlap.population) {
            pk_buf_adds(m->out, " of ");
            pk_fmt_num(m->out, (double)e->task_overlap.population, 0, 0);
            pk_buf_adds(m->out, " occupations");
        }
        if (e->task_overlap.band) {
            pk_buf_adds(m->out, " (");
            esc(m, e->task_overlap.band);
            pk_buf_adds(m->out, " band)");
        }
        stamp(m, e->task_overlap.source);
        pk_buf_addc(m->out, '\n');
    }
    if (e->remote_work.status == PK_FIG_OK) {
        const char *head, *tail;
        pk_say_remote(&e->remote_work, &head, &tail);
        pk_buf_adds(m->out, "\n");
        esc(m, head);
        stamp(m, e->remote_work.source);
        esc(m, tail);
        pk_buf_addc(m->out, '\n');
        scope_note(m, e->remote_work.scope, e->remote_work.source, "its classification");
    }
    const pk_figure *fo = &e->frey_osborne;
    if (fo->status == PK_FIG_OK) {
        pk_buf_adds(m->out, "\n### Historical automation estimate");
        if (fo->year) pk_buf_printf(m->out, " (%d)", fo->year); /* only a year the data gives */
        pk_buf_adds(m->out, "\n\n");
        para(m, "A pre-LLM estimate of how automatable this job is by computerization and "
                "robotics, shown for historical context only: it is not part of any current AI "
                "ranking.");
        pk_buf_adds(m->out, "- **Probability of computerization:** ");
        fig(m, fo, -1);
        if (pk_fig_rank(fo) >= 0) {
            pk_buf_adds(m->out, ", ");
            pk_fmt_rank(m->out, fo->percentile);
            pk_buf_adds(m->out, " percentile among ");
            if (fo->population) {
                pk_fmt_num(m->out, (double)fo->population, 0, 0);
                pk_buf_addc(m->out, ' ');
            }
            pk_buf_adds(m->out, "occupations");
        }
        if (fo->band) {
            pk_buf_adds(m->out, ", ");
            esc(m, fo->band);
        }
        stamp(m, fo->source);
        pk_buf_addc(m->out, '\n');
        scope_note(m, fo->scope, fo->source, "its probability");
    }
}

/* Example prompts phrased from the tasks people most often delegate: "Help me " and the task
 * with its first letter lower-cased, each with the task's share of measured AI use. */
static void prompts(md *m, const pk_list *l)
{
    if (!l->present || l->n_items == 0) return;
    h(m, 3, "What people most often hand AI here");
    para(m, "Example prompts phrased from the tasks people most often delegate to AI in this "
            "occupation: suggested phrasings of real tasks, not endorsed instructions.");
    for (size_t i = 0; i < l->n_items; i++) {
        const pk_item *it = &l->items[i];
        pk_buf t = PK_BUF_INIT;
        pk_buf_adds(&t, "Help me ");
        const char *n = it->name;
        if (*n >= 'A' && *n <= 'Z' && !(n[1] >= 'A' && n[1] <= 'Z')) {
            pk_buf_addc(&t, (char)(*n + 32)); /* keep acronyms ("MIDI") as they are */
            n++;
        }
        pk_buf_adds(&t, n);
        pk_buf_adds(m->out, "- \xE2\x80\x9C");
        esc(m, t.data);
        pk_buf_adds(m->out, "\xE2\x80\x9D");
        if (pk_fig_has(&it->fig)) {
            pk_buf_adds(m->out, " \xE2\x80\x94 the task is ");
            fig(m, &it->fig, -1);
            pk_buf_adds(m->out, " of measured AI use");
        }
        if (it->tag) {
            pk_buf_adds(m->out, ", ");
            for (const char *c = it->tag; *c; c++)
                pk_buf_addc(m->out, (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c));
        }
        stamp(m, it->fig.source);
        pk_buf_addc(m->out, '\n');
        pk_buf_fini(&t);
    }
}

/* The release's tasks of this occupation, each with how people worked with AI on it; or, when
 * the join found none, the sentence saying so. */
static void task_patterns(md *m, const pk_record *r)
{
    const pk_task_mixes *tm = &r->ai_usage.patterns;
    if (!tm->present) return;
    if (tm->n_items == 0) {
        pk_ai_line l = {0};
        if (pk_ai_join_line(r, &l)) ai_line(m, &l);
        return;
    }
    h(m, 3, "How people work with AI on each task");
    pk_buf how = PK_BUF_INIT;
    for (size_t i = 0; i < tm->n_items; i++) {
        const pk_task_mix *t = &tm->items[i];
        pk_buf_adds(m->out, "- ");
        escape_block(m->out, t->name);
        pk_buf_adds(m->out, " \xE2\x80\x94 ");
        pk_buf_reset(&how);
        pk_ai_task_how(t, &how);
        esc(m, pk_buf_str(&how));
        if (pk_fig_has(&t->usage)) {
            pk_buf_adds(m->out, "; usage ");
            fig(m, &t->usage, -1);
        }
        pk_buf_addc(m->out, '\n');
    }
    pk_buf_fini(&how);
    pk_buf_adds(m->out, "\nSource for every figure above:");
    stamp(m, tm->source);
    pk_buf_adds(m->out, ". ");
    esc(m, pk_ai_task_how_note);
    pk_buf_addc(m->out, '\n');
}

static void ai_usage(md *m, const pk_record *r)
{
    const pk_ai_usage *u = &r->ai_usage;
    if (!pk_ai_usage_shown(u)) return;
    h(m, 2, "How AI is used in this job");
    para(m, "From one AI assistant's observed conversations mapped to this occupation: shares of "
            "observed AI conversations, not of the job, of worker time, or of what could be "
            "automated.");
    list_section(m, 3, "Tasks that come up most", &u->task_shares, NULL, NULL, -1);
    if (pk_fig_has(&u->augmentation) || pk_fig_has(&u->automation) || u->top_mode.present ||
        pk_fig_has(&u->autonomy) || pk_fig_has(&u->work_use) || pk_fig_has(&u->filtered)) {
        h(m, 3, "Working with AI");
        if (u->augmentation.status != PK_FIG_ABSENT && u->automation.status != PK_FIG_ABSENT) {
            pk_buf_adds(m->out, "- **Augmentation vs. automation:** ");
            fig(m, &u->augmentation, -1);
            pk_buf_adds(m->out, " working with AI \xC2\xB7 ");
            fig(m, &u->automation, -1);
            pk_buf_adds(m->out, " handed to AI");
            if (pk_fig_has(&u->filtered)) {
                pk_buf_adds(m->out, " \xC2\xB7 ");
                fig(m, &u->filtered, -1);
                pk_buf_adds(m->out, " below the release's sample floor");
            }
            stamp(m, u->augmentation.source);
            pk_buf_addc(m->out, '\n');
        } else if (pk_fig_has(&u->filtered)) {
            pk_buf_adds(m->out, "- **Augmentation vs. automation:** ");
            esc(m, pk_ai_all_below_floor);
            stamp(m, u->filtered.source);
            pk_buf_addc(m->out, '\n');
        } else {
            fig_line(m, "Working with AI (augmentation)", &u->augmentation, -1);
            fig_line(m, "Handed to AI (automation)", &u->automation, -1);
        }
        if (u->top_mode.present) {
            pk_buf_adds(m->out, "- **Most common way people use AI here:** ");
            pk_buf mw = PK_BUF_INIT;
            pk_ai_mode_words(&u->top_mode, &mw);
            esc(m, pk_buf_str(&mw));
            pk_buf_fini(&mw);
            stamp(m, u->top_mode.source);
            pk_buf_addc(m->out, '\n');
        }
        if (u->autonomy.status != PK_FIG_ABSENT) {
            pk_buf_adds(m->out, "- **Typical AI autonomy:** ");
            fig(m, &u->autonomy, -1);
            pk_buf_printf(m->out, " / %d (higher = AI acts more independently)",
                          PK_AUTONOMY_SCALE);
            stamp(m, u->autonomy.source);
            pk_buf_addc(m->out, '\n');
        }
        fig_line(m, "Used for work (vs. personal or coursework)", &u->work_use, -1);
    }
    task_patterns(m, r);
    list_section(m, 3, "What people delegate to AI", &u->delegated_tasks,
                 "The role's most common tasks in AI conversations, with how people work with the "
                 "AI on it; usage is the share of observed conversations.",
                 NULL, -1);
    list_section(m, 3, "Where a human is still needed", &u->human_needed, NULL, NULL, -1);
    prompts(m, &u->delegated_tasks);
}

static void outlook(md *m, const pk_outlook *o)
{
    if (!o->present) return;
    h(m, 2, "Job outlook");
    pk_buf_printf(m->out, "Employment projection for %ld\xE2\x80\x93%ld \xE2\x80\x94 a labor-market "
                          "forecast, not an AI-impact forecast.\n\n",
                  o->base_year, o->target_year);
    if (o->change.status != PK_FIG_ABSENT) {
        pk_buf_adds(m->out, "- **Outlook:** ");
        if (o->label) {
            esc(m, o->label);
            pk_buf_adds(m->out, ", ");
        }
        fig(m, &o->change, 1);
        pk_buf_printf(m->out, " by %ld", o->target_year);
        stamp(m, o->change.source);
        pk_buf_addc(m->out, '\n');
    }
    fig_line(m, "Projected annual openings", &o->openings, -1);
    if (o->employment_base.status != PK_FIG_ABSENT && o->employment_target.status != PK_FIG_ABSENT) {
        pk_buf_printf(m->out, "- **Employment %ld \xE2\x86\x92 %ld:** ", o->base_year, o->target_year);
        fig(m, &o->employment_base, -1);
        pk_buf_adds(m->out, " \xE2\x86\x92 ");
        fig(m, &o->employment_target, -1);
        stamp(m, o->employment_base.source);
        pk_buf_addc(m->out, '\n');
    }
    const pk_figure *ofs[] = {&o->change, &o->openings, &o->employment_base, &o->employment_target};
    const pk_scope *osc = pk_scope_of(ofs, 4);
    if (osc) scope_note(m, osc, o->change.source ? o->change.source : o->openings.source,
                        "projections");
    if (o->openings.status != PK_FIG_ABSENT)
        pk_buf_adds(m->out, "\n\xE2\x80\x9C" "Annual openings\xE2\x80\x9D counts new jobs plus replacements "
                            "for workers who leave the occupation, so it can be large even when "
                            "growth is modest.\n");
}

static void global(md *m, const pk_global *g)
{
    if (!g->present) return;
    h(m, 2, "The global GenAI gradient");
    para(m, "The ILO scores generative-AI exposure on the international ISCO-08 occupation "
            "system, not U.S. SOC; this occupation is bridged to it through a published, "
            "approximate, many-to-many crosswalk. Exposure here means how much of the work's "
            "tasks today's AI can attempt \xE2\x80\x94 task overlap, not automation, adoption, or "
            "jobs lost.");
    const pk_figure *me = &g->mean_exposure;
    if (me->status != PK_FIG_ABSENT) {
        pk_buf_adds(m->out, "- **Mean task exposure");
        if (me->year) pk_buf_printf(m->out, " (%d)", me->year);
        pk_buf_adds(m->out, ":** ");
        fig(m, me, 0);
        if (pk_fig_rank(me) >= 0) {
            pk_buf_adds(m->out, ", ");
            pk_fmt_rank(m->out, me->percentile);
            pk_buf_adds(m->out, " percentile");
            if (me->population) {
                pk_buf_adds(m->out, " of ");
                pk_fmt_num(m->out, (double)me->population, 0, 0);
                pk_buf_adds(m->out, " placed occupations");
            }
        }
        if (g->headline && strcmp(g->headline, "title") == 0 && g->n_isco > 1) {
            pk_buf_adds(m->out, "; ISCO-08 ");
            esc(m, g->isco[0].code);
            pk_buf_adds(m->out, ", of the ");
            pk_buf_printf(m->out, "%zu", g->n_isco);
            pk_buf_adds(m->out, " matched, the one whose title is this occupation's");
        }
        stamp(m, me->source);
        pk_buf_addc(m->out, '\n');
    }
    if (g->shift.status != PK_FIG_ABSENT) {
        pk_buf_adds(m->out, "- **Shift");
        if (g->from_year && g->to_year)
            pk_buf_printf(m->out, " %ld \xE2\x86\x92 %ld", g->from_year, g->to_year);
        pk_buf_adds(m->out, ":** ");
        fig(m, &g->shift, 0);
        stamp(m, g->shift.source);
        pk_buf_addc(m->out, '\n');
    }
    if (me->status == PK_FIG_ABSENT && g->n_isco > 1) {
        /* several matches and none is this occupation by title: the range, not one of them */
        double lo = 0, hi = 0;
        size_t n = 0;
        const char *src = NULL;
        for (size_t i = 0; i < g->n_isco; i++) {
            const pk_figure *f = &g->isco[i].exposure;
            if (!pk_fig_has(f)) continue;
            if (!n || f->value < lo) lo = f->value;
            if (!n || f->value > hi) hi = f->value;
            src = f->source;
            n++;
        }
        if (n > 1) {
            pk_buf_printf(m->out, "- **Task exposure of the %zu matched international occupations", n);
            pk_buf_adds(m->out, ":** ");
            pk_figure a = {.status = PK_FIG_OK, .unit = PK_UNIT_PERCENT, .value = lo};
            pk_figure b = a;
            b.value = hi;
            fig(m, &a, 0);
            pk_buf_adds(m->out, "\xE2\x80\x93");
            fig(m, &b, 0);
            pk_buf_adds(m->out, " (no one of them is this occupation by its title)");
            stamp(m, src);
            pk_buf_addc(m->out, '\n');
        }
    }
    for (size_t i = 0; i < g->n_isco; i++) {
        const pk_isco *c = &g->isco[i];
        pk_buf_adds(m->out, "- **ISCO-08 ");
        esc(m, c->code);
        pk_buf_adds(m->out, " ");
        esc(m, c->title);
        pk_buf_adds(m->out, ":** ");
        if (c->exposure.status != PK_FIG_ABSENT) {
            fig(m, &c->exposure, 0);
            pk_buf_adds(m->out, " task exposure");
            if (pk_fig_rank(&c->exposure) >= 0 && g->n_isco > 1) {
                pk_buf_adds(m->out, " (");
                pk_fmt_rank(m->out, c->exposure.percentile);
                pk_buf_adds(m->out, " percentile)");
            }
        }
        if (c->gradient) {
            pk_buf_adds(m->out, "; most tasks fall in the ");
            esc(m, c->gradient);
            pk_buf_adds(m->out, " band");
        }
        stamp(m, c->exposure.source);
        pk_buf_addc(m->out, '\n');
    }
    if (g->crosswalk_source) {
        pk_buf_adds(m->out, "\nCrosswalk:");
        stamp(m, g->crosswalk_source);
        pk_buf_adds(m->out, ". A U.S. occupation can map to several international ones, and the "
                            "ILO scores describe the international occupation, not this exact "
                            "U.S. role.\n");
    }
}

static void tasks_and_ksa(md *m, const pk_record *r)
{
    if (r->tasks.present && r->tasks.n_items) {
        h(m, 2, "Tasks");
        if (r->tasks.total && (size_t)r->tasks.total > r->tasks.n_items) {
            pk_buf lab = PK_BUF_INIT;
            pk_source_labels(&lab, m->s, r->tasks.source);
            esc(m, lab.data);
            pk_buf_printf(m->out, " lists %ld tasks for this occupation; %zu are shown here.\n\n",
                          r->tasks.total, r->tasks.n_items);
            pk_buf_fini(&lab);
        }
        list(m, &r->tasks, NULL, -1);
    }
    if (r->knowledge.present || r->skills.present || r->abilities.present) {
        h(m, 2, "Knowledge, skills and abilities");
        para(m, "Importance ratings: the higher, the more important to the job (the scale is given "
                "under each list).");
        list_section(m, 3, "Knowledge", &r->knowledge, NULL, NULL, -1);
        list_section(m, 3, "Essential skills", &r->skills.essential, NULL, NULL, -1);
        list_section(m, 3, "Transferable skills", &r->skills.transferable, NULL, NULL, -1);
        list_section(m, 3, "Abilities", &r->abilities, NULL, NULL, -1);
    }
    if (r->tools.present && r->tools.n_items) {
        h(m, 2, "Tools & technology");
        for (size_t i = 0; i < r->tools.n_items; i++) {
            const pk_tool *t = &r->tools.items[i];
            pk_buf_adds(m->out, "- ");
            escape_block(m->out, t->example);
            if (t->category) {
                pk_buf_adds(m->out, " \xE2\x80\x94 ");
                esc(m, t->category);
            }
            if (t->hot) pk_buf_adds(m->out, " (hot technology)");
            pk_buf_addc(m->out, '\n');
        }
        pk_buf_adds(m->out, "\nSource for every row above:");
        stamp(m, r->tools.source);
        if (r->tools.total > (long)r->tools.n_items)
            pk_buf_printf(m->out, ". %zu of the %ld technologies it lists for this occupation, hot "
                                  "technology first.",
                          r->tools.n_items, r->tools.total);
        pk_buf_addc(m->out, '\n');
    }
    list_section(m, 2, "Work context", &r->work_context,
                 "How characteristic each condition is of the job (higher = more present in "
                 "day-to-day work).",
                 NULL, -1);
}

static void text_line(md *m, const char *label, const char *text, const char *source)
{
    if (!text) return;
    pk_buf_adds(m->out, "- **");
    esc(m, label);
    pk_buf_adds(m->out, ":** ");
    esc(m, text);
    stamp(m, source);
    pk_buf_addc(m->out, '\n');
}

static void how_to_get_in(md *m, const pk_record *r)
{
    const pk_howto *g = &r->how_to_get_in;
    if (!g->present && !r->outlook.entry_education.present) return;
    h(m, 2, "How to get in");
    if (g->job_zone.status != PK_FIG_ABSENT) {
        pk_buf_adds(m->out, "- **Job zone:** ");
        fig(m, &g->job_zone, 0);
        if (g->job_zone_title) {
            pk_buf_adds(m->out, " \xE2\x80\x94 ");
            esc(m, g->job_zone_title);
        }
        stamp(m, g->job_zone.source);
        pk_buf_addc(m->out, '\n');
    }
    text_line(m, "Education", g->education, g->source);
    const pk_text *ee = &r->outlook.entry_education;
    if (ee->present) {
        pk_buf_adds(m->out, "- **Typical entry-level education:** ");
        esc(m, ee->text);
        pk_buf_adds(m->out, " (the typical path, not a requirement)");
        stamp(m, ee->source);
        pk_buf_addc(m->out, '\n');
    }
    text_line(m, "Related experience", g->experience, g->source);
    if (g->svp) {
        pk_buf_adds(m->out, "- **Preparation level:** SVP ");
        esc(m, g->svp);
        pk_buf_adds(m->out, " (total schooling plus on-the-job experience)");
        stamp(m, g->source);
        pk_buf_addc(m->out, '\n');
    }
    if (g->fields_of_study.present && g->fields_of_study.n_items) {
        pk_buf_adds(m->out, "- **What to study:** ");
        for (size_t i = 0; i < g->fields_of_study.n_items; i++) {
            if (i) pk_buf_adds(m->out, "; ");
            esc(m, g->fields_of_study.items[i].name);
        }
        stamp(m, g->fields_of_study.source);
        pk_buf_adds(m->out, " (fields of study crosswalked to this occupation, not a requirement)\n");
    }
}

static void wages(md *m, const pk_wages *w)
{
    if (!w->present) return;
    h(m, 2, "Wages & employment");
    const pk_hourly *hw = &w->hourly;
    if (w->hourly_only) {
        para(m, "BLS publishes hourly wages only for this occupation, whose work is seldom "
                "full-time and year-round: there is no annual wage to show.");
        fig_line(m, "10th percentile, hourly", &hw->p10, -1);
        fig_line(m, "25th percentile, hourly", &hw->p25, -1);
        fig_line(m, "Median (50th), hourly", &hw->median, -1);
        fig_line(m, "75th percentile, hourly", &hw->p75, -1);
        fig_line(m, "90th percentile, hourly", &hw->p90, -1);
    } else {
        fig_line(m, "10th percentile", &w->p10, 0);
        fig_line(m, "25th percentile", &w->p25, 0);
        fig_line(m, "Median (50th)", &w->median, 0);
        fig_line(m, "75th percentile", &w->p75, 0);
        fig_line(m, "90th percentile", &w->p90, 0);
        if (pk_fig_has(&hw->median)) fig_line(m, "Median hourly wage", &hw->median, -1);
    }
    fig_line(m, "People employed", &w->employment, 0);
    if (pk_fig_rank(&w->median) >= 0) {
        pk_buf_adds(m->out, "- **Median pay rank:** ");
        pk_fmt_rank(m->out, w->median.percentile);
        pk_buf_adds(m->out, " percentile among occupations");
        if (w->median.population) {
            pk_buf_adds(m->out, " (");
            pk_fmt_num(m->out, (double)w->median.population, 0, 0);
            pk_buf_adds(m->out, " with data)");
        }
        stamp(m, w->median.source);
        pk_buf_addc(m->out, '\n');
    }
    const pk_figure *fs[] = {&w->median, &w->employment, &hw->median, &w->p10};
    const pk_scope *sc = pk_scope_of(fs, 4);
    if (sc) scope_note(m, sc, w->employment.source ? w->employment.source : w->median.source,
                       "pay and employment");
}

static int by_lq_desc(const void *a, const void *b)
{
    const pk_industry *x = *(const pk_industry *const *)a, *y = *(const pk_industry *const *)b;
    if (x->lq.value != y->lq.value) return x->lq.value < y->lq.value ? 1 : -1;
    return strcmp(x->name, y->name);
}

static void industry_name(md *m, const pk_industry *it)
{
    escape_block(m->out, it->name);
    if (it->level) {
        pk_buf_adds(m->out, " (");
        esc(m, it->level);
        pk_buf_adds(m->out, ")");
    }
}

static void industries(md *m, const pk_industries *ind)
{
    if (!ind->present || !ind->n_items) return;
    h(m, 2, "Industries that employ this occupation");
    for (size_t i = 0; i < ind->n_items; i++) {
        const pk_industry *it = &ind->items[i];
        pk_buf_adds(m->out, "- ");
        industry_name(m, it);
        pk_buf_adds(m->out, ": ");
        if (it->workers.status != PK_FIG_ABSENT) {
            fig(m, &it->workers, 0);
            pk_buf_adds(m->out, " workers");
        }
        if (pk_fig_has(&it->median_hourly) && !pk_fig_has(&it->median_pay)) {
            pk_buf_adds(m->out, it->workers.status != PK_FIG_ABSENT ? "; median hourly pay "
                                                                    : "median hourly pay ");
            fig(m, &it->median_hourly, -1);
        } else if (it->median_pay.status != PK_FIG_ABSENT) {
            pk_buf_adds(m->out, it->workers.status != PK_FIG_ABSENT ? "; median pay " : "median pay ");
            fig(m, &it->median_pay, 0);
        }
        pk_buf_addc(m->out, '\n');
    }
    pk_buf_adds(m->out, "\nSource for every figure above:");
    stamp(m, ind->source);
    pk_buf_addc(m->out, '\n');
    scope_note(m, ind->items[0].workers.scope, ind->source, "these industry figures");

    const pk_industry **lq = malloc(ind->n_items * sizeof *lq);
    size_t n = 0;
    for (size_t i = 0; i < ind->n_items; i++)
        if (ind->items[i].lq.status == PK_FIG_OK) lq[n++] = &ind->items[i];
    if (n) {
        qsort(lq, n, sizeof *lq, by_lq_desc);
        h(m, 2, "Where this work is most concentrated");
        para(m, "The location quotient is how many times more concentrated the occupation is in an "
                "industry than in the economy as a whole (5 means five times its economy-wide "
                "share).");
        for (size_t i = 0; i < n; i++) {
            pk_buf_adds(m->out, "- ");
            industry_name(m, lq[i]);
            pk_buf_adds(m->out, ": ");
            fig(m, &lq[i]->lq, -1);
            if (lq[i]->workers.status == PK_FIG_OK) {
                pk_buf_adds(m->out, " (");
                fig(m, &lq[i]->workers, 0);
                pk_buf_adds(m->out, " workers)");
            }
            pk_buf_addc(m->out, '\n');
        }
        pk_buf_adds(m->out, "\nSource for every figure above:");
        stamp(m, ind->source);
        pk_buf_addc(m->out, '\n');
    }
    free(lq);
}

static void quadrant(md *m, const pk_record *r)
{
    const pk_quadrant *q = &r->quadrant;
    const pk_figure *ov = &r->exposure.task_overlap;
    const pk_figure *pay = &r->wages.median;
    bool placed = ov->status == PK_FIG_OK && pk_fig_rank(pay) >= 0;
    if (!q->present && !placed) return;
    h(m, 2, "Exposure quadrant");
    if (placed) {
        esc(m, r->title);
        pk_buf_adds(m->out, " sits at the ");
        pk_fmt_rank(m->out, ov->value);
        pk_buf_adds(m->out, " percentile of AI task overlap");
        stamp(m, ov->source);
        pk_buf_adds(m->out, " and the ");
        pk_fmt_rank(m->out, pay->percentile);
        pk_buf_adds(m->out, " percentile of median pay");
        stamp(m, pay->source);
        pk_buf_adds(m->out, ". Overlap measures shared tasks with AI, not automation.\n\n");
    } else if (ov->status == PK_FIG_OK) {
        /* a rank the data does not have is said to be missing, never printed as 0th */
        esc(m, r->title);
        pk_buf_adds(m->out, " sits at the ");
        pk_fmt_rank(m->out, ov->value);
        pk_buf_adds(m->out, " percentile of AI task overlap");
        stamp(m, ov->source);
        pk_buf_adds(m->out, r->wages.hourly_only
                                ? "; it has no median-pay rank, as BLS publishes hourly wages "
                                  "only for it, so it is not placed on the quadrant.\n\n"
                                : "; its median-pay rank is not available, so it is not placed "
                                  "on the quadrant.\n\n");
    }
    if (q->n_related) {
        if (q->adjacent_total)
            pk_buf_printf(m->out, "Related occupations placed on the same axes (%zu of %ld shown):\n\n",
                          q->n_related, q->adjacent_total);
        else
            pk_buf_adds(m->out, "Related occupations placed on the same axes:\n\n");
        for (size_t i = 0; i < q->n_related; i++) {
            const pk_related *rel = &q->related[i];
            pk_buf_adds(m->out, "- ");
            escape_block(m->out, rel->title);
            if (rel->soc) pk_buf_printf(m->out, " (%s)", rel->soc);
            if (rel->overlap_percentile.status == PK_FIG_OK) {
                pk_buf_adds(m->out, ": overlap ");
                fig(m, &rel->overlap_percentile, 0);
                stamp(m, rel->overlap_percentile.source);
            }
            if (rel->pay_percentile.status == PK_FIG_OK) {
                pk_buf_adds(m->out, ", pay ");
                fig(m, &rel->pay_percentile, 0);
                stamp(m, rel->pay_percentile.source);
            }
            pk_buf_addc(m->out, '\n');
        }
    }
}

static void what_you_can_do(md *m, const pk_kit *k)
{
    h(m, 2, "What you can do with this");
    pk_buf_adds(m->out, "**");
    esc(m, k->headline);
    pk_buf_adds(m->out, "**\n\n");
    for (size_t i = 0; i < k->n_claims; i++) {
        pk_buf_adds(m->out, "- ");
        escape_block(m->out, k->claims[i].text);
        pk_buf_adds(m->out, " [");
        esc(m, k->claims[i].source);
        pk_buf_adds(m->out, "]\n");
    }
    if (k->n_claims) pk_buf_addc(m->out, '\n');
    escape_block(m->out, k->source_line);
    pk_buf_adds(m->out, "\n");
    if (k->note) {
        pk_buf_adds(m->out, "\n");
        escape_block(m->out, k->note);
        pk_buf_adds(m->out, "\n");
    }
}

static void source_entry(void *ctx, const char *id)
{
    md *m = ctx;
    const pk_source *src = pk_sources_find(m->s, id);
    if (!src) return;
    pk_buf_adds(m->out, "- **");
    esc(m, src->short_label);
    pk_buf_adds(m->out, "**: ");
    esc(m, src->publisher);
    pk_buf_adds(m->out, ", ");
    esc(m, src->title);
    if (src->release) {
        pk_buf_adds(m->out, ", ");
        esc(m, src->release);
    }
    if (src->year) pk_buf_printf(m->out, " (%ld)", src->year);
    pk_buf_adds(m->out, ".");
    if (src->url) pk_buf_printf(m->out, " <%s>", src->url);
    if (src->licence) {
        pk_buf_adds(m->out, " Licence: ");
        esc(m, src->licence);
        pk_buf_adds(m->out, ".");
    }
    if (src->accessed) {
        pk_buf_adds(m->out, " Accessed ");
        pk_fmt_date(m->out, src->accessed);
        pk_buf_adds(m->out, ".");
    }
    if (src->attribution) {
        pk_buf_adds(m->out, " ");
        esc(m, src->attribution);
    }
    pk_buf_addc(m->out, '\n');
}

static void sources_and_citation(md *m, const pk_record *r)
{
    h(m, 2, "Sources");
    /* in registry order, as the citation lists them */
    bool *used = calloc(m->s->n_items ? m->s->n_items : 1, sizeof *used);
    pk_sources_used(r, m->s, used);
    for (size_t i = 0; i < m->s->n_items; i++)
        if (used[i]) source_entry(m, m->s->items[i].id);
    free(used);
    if (m->s->publication.compiled) {
        pk_buf_adds(m->out, "\nData compiled ");
        pk_fmt_date(m->out, m->s->publication.compiled);
        pk_buf_adds(m->out, ". Figures are estimates, not advice.\n");
    }
    h(m, 2, "Cite this page");
    if (!pk_cite_is_page(&m->s->publication)) {
        /* as the PDF brief: the data sets, once, in APA; the kit's cite files have the rest */
        pk_buf c = PK_BUF_INIT;
        pk_cite(&c, PK_CITE_APA, r, m->s);
        pk_buf_printf(m->out, "Cite the data sets this brief is built from (APA 7):\n\n```text\n%s```\n\n"
                              "The same in other forms: cite.txt, cite.bib (BibTeX), cite.ris and "
                              "cite.json (CSL-JSON) in the press kit.\n\n", c.data);
        pk_buf_fini(&c);
        return;
    }
    static const struct { const char *name; pk_cite_style style; } styles[] = {
        {"Plain", PK_CITE_PLAIN}, {"APA", PK_CITE_APA}, {"BibTeX", PK_CITE_BIBTEX}};
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        pk_buf c = PK_BUF_INIT;
        pk_cite(&c, styles[i].style, r, m->s);
        pk_buf_printf(m->out, "%s:\n\n```%s\n%s```\n\n", styles[i].name,
                      styles[i].style == PK_CITE_BIBTEX ? "bibtex" : "text", c.data);
        pk_buf_fini(&c);
    }
}

static void methodology(md *m)
{
    h(m, 2, "Methodology and caveats");
    pk_buf_adds(m->out,
                "- AI exposure is not automation or job loss: the studies measure how much of an "
                "occupation's tasks today's AI could attempt or speed up, not what will happen to "
                "the job.\n"
                "- Employment projections are the Bureau of Labor Statistics' labor-market "
                "projections, made independently of AI; they are not AI forecasts.\n"
                "- Percentile ranks place this occupation among the occupations each study scores; "
                "where the population is stated, the rank was computed over that many occupations.\n"
                "- Observed AI use comes from one AI assistant's conversation sample, not all AI use "
                "or the whole workforce.\n"
                "- Figures a publisher suppresses are shown as not available; top-coded wages are "
                "shown as \xE2\x80\x9Cor more\xE2\x80\x9D.\n");
}

void pk_markdown_brief(pk_buf *out, const pk_record *r, const pk_sources *s, const pk_kit *k)
{
    md m = {out, s, &r->tasks};
    header(&m, r);
    ai_work_map(&m, r);
    exposure(&m, &r->exposure);
    ai_usage(&m, r);
    outlook(&m, &r->outlook);
    global(&m, &r->global);
    tasks_and_ksa(&m, r);
    how_to_get_in(&m, r);
    list_section(&m, 2, "Education of current workers", &r->education,
                 "Share of people in this occupation at each level of education.", NULL, -1);
    if (r->interests.present || r->work_styles.present) {
        h(&m, 2, "Interests & work styles");
        list_section(&m, 3, "Interest areas", &r->interests.areas, NULL, NULL, -1);
        list_section(&m, 3, "Career interests (Holland / RIASEC)", &r->interests.riasec, NULL, NULL, -1);
        list_section(&m, 3, "Work styles", &r->work_styles, NULL, NULL, -1);
    }
    wages(&m, &r->wages);
    industries(&m, &r->industries);
    quadrant(&m, r);
    what_you_can_do(&m, k);
    sources_and_citation(&m, r);
    methodology(&m);
}
