/* say.h: sentences that every output of a kit shares (the brief, brief.md, kit.txt, the
 * charts), written once here so that they cannot drift apart: whom a figure describes when its
 * publisher reports it for a wider code, and what the remote-work figure means. Each appends
 * plain UTF-8 text (no markup) to a buffer; the caller escapes it for its format.
 * Part of data/, beside fmt.h: charts use it too. */
#ifndef PK_SAY_H
#define PK_SAY_H

#include "data/buf.h"
#include "data/record.h"

/* One sentence on whom a figure describes, when pk_scope_disclosed(sc): "BLS OEWS (May 2024)
 * publishes pay for SOC 29-1229 Physicians, All Other, which covers this and 6 other
 * occupations." `who` names the publisher (a source's short label), `what` the figure ("pay",
 * "employment projections", "its score"). Appends nothing when the scope needs no word
 * (NULL, or this occupation's own code alone). */
void pk_say_scope(pk_buf *b, const pk_scope *sc, const char *who, const char *what);

/* The same as a clause for a sentence that already names the figure, after a dash: "figures
 * BLS OEWS (May 2024) publishes for SOC 29-1229 Physicians, All Other, which covers this and 6
 * other occupations". Appends nothing when the scope needs no word. */
void pk_say_scope_clause(pk_buf *b, const pk_scope *sc, const char *who);

/* As a noun phrase naming whom the figure describes, with the occupation's title: "SOC 29-1229
 * Physicians, All Other, which covers Hospitalists and 6 other occupations" (a combined code:
 * "SOC 31-1120 ..., a combined code that covers Home Health Aides and 1 other occupation").
 * For the factoids, whose subject it becomes. Appends nothing when the scope needs no word. */
void pk_say_scope_subject(pk_buf *b, const pk_scope *sc, const char *title);

/* True when the figure is one that several occupations of the pack share, all with the same
 * value (a shared, combined or aggregate code given to more than one occupation): a table of
 * occupations ranked by it shows it once, for the code, not once for each of them. */
bool pk_scope_grouped(const pk_scope *sc);

/* The code such a figure describes, said of all its occupations: "SOC 29-1229 Physicians, All
 * Other, which covers 7 occupations". Appends nothing unless pk_scope_grouped(sc). */
void pk_say_scope_group(pk_buf *b, const pk_scope *sc);

/* True when two figures describe one and the same wider code (both pk_scope_grouped, the same
 * kind, system and code): two occupations it covers, side by side, show one figure. */
bool pk_scope_same_group(const pk_scope *a, const pk_scope *b);

/* pk_say_scope for two occupations that code covers, said once: "BLS OEWS (May 2024) publishes
 * pay for SOC 29-1229 Physicians, All Other, which covers both and 5 other occupations."
 * Appends nothing unless pk_scope_grouped(sc). */
void pk_say_scope_both(pk_buf *b, const pk_scope *sc, const char *who, const char *what);

/* The figures a kit's headline is made of (docs/kit.md, "Headline"): AI task overlap and
 * annual openings, either alone, else the median wage (the hourly median when BLS publishes
 * hourly wages only). A figure published for a wider code than the occupation's own never
 * heads the kit: a headline has no room to say whom it describes. kit.c and the share card
 * both choose by this. */
enum { PK_HEAD_OVERLAP = 1, PK_HEAD_OPENINGS = 2, PK_HEAD_MEDIAN = 4, PK_HEAD_HOURLY = 8 };
unsigned pk_headline_figures(const pk_record *r);

/* The scope of the first figure of fs[0..n) that needs a word, or NULL: sections show several
 * figures of one row (the wage percentiles) and say it once. */
const pk_scope *pk_scope_of(const pk_figure *const *fs, size_t n);

/* For a list of task shares: how many items are task texts several occupations share, and the
 * sentence that says what their shares mean ("2 of these tasks are worded the same in other
 * occupations: ..."). Appends nothing when none is. */
void pk_say_task_scopes(pk_buf *b, const pk_list *l);

/* The remote-work sentence around its source stamp, following the figure (Dingel–Neiman's
 * teleworkable classification, a share from 0 to 1): *head is the statement, *tail what it
 * tends to go with, so "{head} [source]{tail}". Both static. */
void pk_say_remote(const pk_figure *f, const char **head, const char **tail);

#endif
