/* aiwords.c: the AI work map's and "Working with AI"'s sentences, composed once; see aiwords.h
 * and the rules in docs/methodology.md ("The AI work map"). */
#include "reports/aiwords.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/fmt.h"
#include "data/patterns.h"

const char pk_ai_none_delegate[] =
    "No matched task had more than half of its conversations directive.";
const char pk_ai_none_copilot[] =
    "No matched task had more than half of its conversations in task iteration, validation or "
    "learning.";
const char pk_ai_human_loop_missing[] =
    "Not shown. It needs a release that rates, conversation by conversation, whether a person "
    "remained necessary, and the data behind this brief has none.";
const char pk_ai_all_below_floor[] =
    "Not known. Every observed conversation about the matched tasks is below the release's "
    "sample floor.";
const char pk_ai_task_how_note[] =
    "How: the task's most common way of working with AI and that way's share of the task's "
    "conversations (the rest went other ways or is below the release's sample floor). Usage: the "
    "task's share of all the release's conversations.";

void pk_ai_line_fini(pk_ai_line *l)
{
    free(l->text);
    free(l->source);
    l->text = l->source = NULL;
}

/* Adds each id of `ids` ("a+b") to the '+'-joined list in b unless it is there already. */
static void add_ids(pk_buf *b, const char *ids)
{
    for (const char *p = ids; p && *p;) {
        size_t n = strcspn(p, "+");
        bool there = false;
        for (const char *q = pk_buf_str(b); *q && !there;) {
            size_t m = strcspn(q, "+");
            there = m == n && memcmp(p, q, n) == 0;
            q += m + (q[m] == '+');
        }
        if (!there) {
            if (b->len) pk_buf_addc(b, '+');
            pk_buf_add(b, p, n);
        }
        p += n + (p[n] == '+');
    }
}

static size_t floor_tasks(const pk_task_mixes *tm)
{
    size_t n = 0;
    for (size_t i = 0; i < tm->n_items; i++) {
        double s[PK_PAT_COUNT_];
        pk_task_mix_shares(&tm->items[i], s);
        n += pk_task_classify(s) == PK_TASK_FLOOR;
    }
    return n;
}

bool pk_ai_join_line(const pk_record *r, pk_ai_line *out)
{
    const pk_task_mixes *tm = &r->ai_usage.patterns;
    if (!tm->present) return false;
    pk_buf t = PK_BUF_INIT;
    size_t n = tm->n_items, total = (size_t)tm->tasks_total;
    if (n == 0) {
        if (total == 1)
            pk_buf_adds(&t, "This occupation's one O*NET task is not among the tasks of this "
                            "release, so it has no observed AI use to map.");
        else
            pk_buf_printf(&t,
                          "None of this occupation's %zu O*NET tasks is among the tasks of "
                          "this release, so it has no observed AI use to map.",
                          total);
    } else {
        if (n == 1 && total == 1)
            pk_buf_adds(&t, "This occupation's one O*NET task is among the tasks of this release.");
        else if (n == total && n == 2)
            pk_buf_adds(&t, "Both of this occupation's O*NET tasks are among the tasks of this "
                            "release.");
        else if (n == total)
            pk_buf_printf(&t,
                          "All %zu of this occupation's O*NET tasks are among the tasks of "
                          "this release.",
                          total);
        else
            pk_buf_printf(&t,
                          "%zu of this occupation's %zu O*NET tasks %s among the tasks of "
                          "this release.",
                          n, total, n == 1 ? "is" : "are");
        if (floor_tasks(tm) == n)
            pk_buf_adds(&t, n == 1 ? " Every one of its conversations is below the release's "
                                     "sample floor: the release does not say how people worked "
                                     "with AI on it."
                                   : " For each of them, every conversation is below the "
                                     "release's sample floor: the release does not say how "
                                     "people worked with AI on them.");
    }
    out->text = pk_buf_take(&t);
    out->source = pk_xstrdup(tm->source);
    return true;
}

bool pk_ai_usage_shown(const pk_ai_usage *u)
{
    if (!u->present) return false;
    const pk_figure *f[] = {&u->augmentation, &u->automation, &u->filtered, &u->autonomy,
                            &u->work_use};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i]->status != PK_FIG_ABSENT) return true;
    return u->task_shares.present || u->top_mode.present || u->delegated_tasks.present ||
           u->human_needed.present || u->patterns.n_items > 0;
}

bool pk_ai_classes_said(const pk_record *r)
{
    const pk_task_mixes *tm = &r->ai_usage.patterns;
    return tm->present && tm->n_items > floor_tasks(tm);
}

void pk_ai_mode_words(const pk_mode *m, pk_buf *out)
{
    pk_buf_adds(out, m->name);
    bool share = pk_fig_has(&m->share);
    if (m->tied && share) {
        pk_buf_adds(out, ", tied at ");
        pk_fmt_figure(out, &m->share, -1, 0);
        pk_buf_adds(out, " each of the observed conversations");
        return;
    }
    if (m->tied) pk_buf_adds(out, ", tied");
    if (m->description) pk_buf_printf(out, " (%s)", m->description);
    if (share) {
        pk_buf_adds(out, ", ");
        pk_fmt_figure(out, &m->share, -1, 0);
        pk_buf_adds(out, " of the observed conversations");
    }
}

void pk_ai_task_how(const pk_task_mix *t, pk_buf *out)
{
    double s[PK_PAT_COUNT_];
    pk_task_mix_shares(t, s);
    pk_pattern top[PK_PAT_COUNT_];
    size_t n = pk_pattern_top(s, 0, top);
    if (n == 0) {
        pk_buf_adds(out, "below the release's sample floor");
        return;
    }
    pk_pattern_names(out, top, n);
    pk_figure f = {
        .status = PK_FIG_OK, .unit = PK_UNIT_PERCENT, .value = s[top[0]], .percentile = -1};
    pk_buf_addc(out, ' ');
    pk_fmt_figure(out, &f, 0, 0);
    if (n > 1) pk_buf_adds(out, " each");
}

bool pk_ai_summary_line(const pk_record *r, pk_ai_line *out)
{
    const pk_figure *aug = &r->ai_usage.augmentation, *aut = &r->ai_usage.automation;
    if (aug->status != PK_FIG_OK || aut->status != PK_FIG_OK) return false;
    /* the shares as the sentence rounds them: whole per cent */
    double a = round(aug->value), h = round(aut->value);
    if (a <= 0 && h <= 0) return false;
    pk_buf t = PK_BUF_INIT, ids = PK_BUF_INIT;
    const pk_figure *ov = &r->exposure.task_overlap;
    const pk_figure *op = &r->outlook.openings, *ch = &r->outlook.change;
    if (ov->status == PK_FIG_OK) {
        pk_fmt_rank(&t, ov->value);
        pk_buf_adds(&t, "-percentile AI task overlap");
        add_ids(&ids, ov->source);
    }
    if (r->outlook.present && op->status == PK_FIG_OK) {
        pk_buf_adds(&t, t.len ? " \xE2\x80\x94 yet about " : "About ");
        pk_fmt_count_words(&t, op->value);
        pk_buf_adds(&t, " openings a year");
        add_ids(&ids, op->source);
        if (ch->status == PK_FIG_OK) {
            pk_buf_adds(&t, " (");
            pk_fmt_figure(&t, ch, 1, 0);
            pk_buf_adds(&t, " projected)");
            add_ids(&ids, ch->source);
        }
    }
    pk_buf_adds(&t, t.len ? ", and observed AI use " : "Observed AI use ");
    pk_figure f = *aug;
    if (a == h) {
        pk_buf_adds(&t, "splits evenly between copilot and hand-off (");
        pk_fmt_figure(&t, &f, 0, 0);
        pk_buf_adds(&t, " each)");
    } else {
        if (h > a) f = *aut;
        pk_buf_adds(&t, "leans ");
        pk_fmt_figure(&t, &f, 0, 0);
        pk_buf_adds(&t, a > h ? " copilot, not hand-off" : " hand-off, not copilot");
    }
    pk_buf_addc(&t, '.');
    add_ids(&ids, aug->source);
    add_ids(&ids, aut->source);
    out->text = pk_buf_take(&t);
    out->source = pk_buf_take(&ids);
    return true;
}
