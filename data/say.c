/* say.c: the sentences every output shares; see say.h. */
#include "data/say.h"

#include <string.h>

/* "SOC 29-1229 Physicians, All Other" */
static void code_and_title(pk_buf *b, const pk_scope *sc)
{
    if (sc->system) pk_buf_printf(b, "%s ", sc->system);
    if (sc->code) pk_buf_adds(b, sc->code);
    if (sc->title) pk_buf_printf(b, "%s%s", sc->code ? " " : "", sc->title);
}

/* "this and 6 other occupations" (`self` names the occupation: "this", or its title) */
static void others(pk_buf *b, long n, const char *self)
{
    if (n > 1)
        pk_buf_printf(b, "%s and %ld other occupation%s", self, n - 1, n == 2 ? "" : "s");
    else
        pk_buf_printf(b, "%s and other occupations", self);
}

/* How a code that several occupations share is said to cover them: "which covers", "a
 * combined code that covers", "a group of codes that covers". */
static const char *covers(const pk_scope *sc)
{
    return sc->kind == PK_SCOPE_COMBINED    ? "a combined code that covers"
           : sc->kind == PK_SCOPE_AGGREGATE ? "a group of codes that covers"
                                            : "which covers";
}

/* The part after the code: ", which covers this and 6 other occupations" */
static void coverage(pk_buf *b, const pk_scope *sc, const char *self)
{
    switch (sc->kind) {
    case PK_SCOPE_SHARED:
    case PK_SCOPE_COMBINED:
    case PK_SCOPE_AGGREGATE:
        pk_buf_printf(b, ", %s ", covers(sc));
        others(b, sc->occupations, self);
        break;
    case PK_SCOPE_PART:
        pk_buf_printf(b, ", one of the older codes merged into %s%s, so it describes part of it",
                      strcmp(self, "this") == 0 ? "this occupation" : self,
                      strcmp(self, "this") == 0 ? "'s" : "");
        break;
    case PK_SCOPE_MERGED:
        pk_buf_printf(b, ", the older codes merged into %s; each figure here is their mean",
                      strcmp(self, "this") == 0 ? "this occupation" : self);
        break;
    case PK_SCOPE_TASK:
    case PK_SCOPE_KIND_COUNT_:
        break;
    }
}

/* The part after the code for a figure the code's occupations share, said of all of them:
 * ", which covers 7 occupations". Only for the kinds a group of occupations shares. */
static void coverage_all(pk_buf *b, const pk_scope *sc)
{
    if (sc->occupations > 1) pk_buf_printf(b, ", %s %ld occupations", covers(sc), sc->occupations);
    else pk_buf_printf(b, ", %s several occupations", covers(sc));
}

/* "for" or "only for": combined codes and aggregates are all the publisher gives */
static const char *for_word(const pk_scope *sc)
{
    return sc->kind == PK_SCOPE_COMBINED || sc->kind == PK_SCOPE_AGGREGATE ? "only for" : "for";
}

void pk_say_scope(pk_buf *b, const pk_scope *sc, const char *who, const char *what)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    pk_buf_printf(b, "%s %s %s %s ", who, sc->kind == PK_SCOPE_MERGED ? "gives" : "publishes",
                  what, for_word(sc));
    code_and_title(b, sc);
    coverage(b, sc, "this");
    pk_buf_addc(b, '.');
}

void pk_say_scope_clause(pk_buf *b, const pk_scope *sc, const char *who)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    pk_buf_printf(b, "figures %s %s %s ", who, sc->kind == PK_SCOPE_MERGED ? "gives" : "publishes",
                  for_word(sc));
    code_and_title(b, sc);
    coverage(b, sc, "this");
}

void pk_say_scope_subject(pk_buf *b, const pk_scope *sc, const char *title)
{
    if (!pk_scope_disclosed(sc) || sc->kind == PK_SCOPE_TASK) return;
    code_and_title(b, sc);
    coverage(b, sc, title);
}

bool pk_scope_grouped(const pk_scope *sc)
{
    return pk_scope_disclosed(sc) &&
           (sc->kind == PK_SCOPE_SHARED || sc->kind == PK_SCOPE_COMBINED ||
            sc->kind == PK_SCOPE_AGGREGATE) &&
           sc->occupations > 1;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool pk_scope_same_group(const pk_scope *a, const pk_scope *b)
{
    return pk_scope_grouped(a) && pk_scope_grouped(b) && a->kind == b->kind &&
           same_str(a->system, b->system) && same_str(a->code, b->code);
}

void pk_say_scope_both(pk_buf *b, const pk_scope *sc, const char *who, const char *what)
{
    if (!pk_scope_grouped(sc)) return;
    pk_buf_printf(b, "%s publishes %s %s ", who, what, for_word(sc));
    code_and_title(b, sc);
    long others = sc->occupations - 2;
    if (others > 0)
        pk_buf_printf(b, ", %s both and %ld other occupation%s.", covers(sc), others,
                      others == 1 ? "" : "s");
    else
        pk_buf_printf(b, ", %s these two occupations.", covers(sc));
}

void pk_say_scope_group(pk_buf *b, const pk_scope *sc)
{
    if (!pk_scope_grouped(sc)) return;
    code_and_title(b, sc);
    coverage_all(b, sc);
}

unsigned pk_headline_figures(const pk_record *r)
{
    const pk_figure *overlap = &r->exposure.task_overlap, *openings = &r->outlook.openings;
    const pk_figure *median = &r->wages.median, *hourly = &r->wages.hourly.median;
    unsigned h = 0;
    if (overlap->status == PK_FIG_OK) h |= PK_HEAD_OVERLAP;
    if (openings->status == PK_FIG_OK && r->outlook.present && !pk_scope_disclosed(openings->scope))
        h |= PK_HEAD_OPENINGS;
    if (h) return h;
    if (!r->wages.present) return 0;
    if (!r->wages.hourly_only && pk_fig_has(median) && !pk_scope_disclosed(median->scope))
        return PK_HEAD_MEDIAN;
    if (r->wages.hourly_only && pk_fig_has(hourly) && !pk_scope_disclosed(hourly->scope))
        return PK_HEAD_HOURLY;
    return 0;
}

const pk_scope *pk_scope_of(const pk_figure *const *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fs[i] && fs[i]->status != PK_FIG_ABSENT && pk_scope_disclosed(fs[i]->scope))
            return fs[i]->scope;
    return NULL;
}

void pk_say_task_scopes(pk_buf *b, const pk_list *l)
{
    size_t n = 0;
    long most = 0;
    for (size_t i = 0; i < l->n_items; i++) {
        const pk_scope *sc = l->items[i].fig.scope;
        if (sc && sc->kind == PK_SCOPE_TASK && sc->occupations > 1) {
            n++;
            if (sc->occupations > most) most = sc->occupations;
        }
    }
    if (!n) return;
    if (n == 1 && l->n_items == 1)
        pk_buf_printf(b, "This task is listed, word for word, by %ld occupations: its share counts "
                         "every conversation matched to the text, and each of them is given the "
                         "whole share.",
                      most);
    else {
        if (n == l->n_items) pk_buf_adds(b, "Each of these tasks is");
        else if (n == 1) pk_buf_adds(b, "One of these tasks is");
        else pk_buf_printf(b, "%zu of these tasks are", n);
        pk_buf_printf(b, " listed, word for word, by other occupations too (up to %ld in all): a "
                         "share counts every conversation matched to the task's text, and each "
                         "occupation that lists it is given the whole share.",
                      most);
    }
}

void pk_say_remote(const pk_figure *f, const char **head, const char **tail)
{
    /* Dingel and Neiman classify each occupation as teleworkable (1) or not (0); a file of
     * shares (their BLS-code version) gives the teleworkable share of its O*NET occupations.
     * The seed page's words, with the tail following the figure's direction. */
    bool can = f->value >= 0.5;
    *head = can ? "Most of this job's tasks can be done remotely"
                : "Most of this job's tasks cannot be done remotely";
    *tail = can ? ", which tends to track with higher digital and AI exposure."
                : ", which tends to track with lower digital and AI exposure.";
}
