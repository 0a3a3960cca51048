/* aiwords.h: the sentences of the AI work map and of "Working with AI" that the PDF brief and
 * brief.md both print — how the occupation's tasks joined the release, a class left empty, the
 * human-in-the-loop list a release lacks, the most common pattern (with ties), a task's pattern
 * — composed here once from the record, so the two briefs cannot say it differently.
 * Part of reports/. */
#ifndef PK_AIWORDS_H
#define PK_AIWORDS_H

#include <stdbool.h>

#include "data/buf.h"
#include "data/record.h"

/* A sentence and what it rests on. */
typedef struct pk_ai_line {
    char *text;   /* owned: one or two sentences, AP style, figures formatted */
    char *source; /* owned: source ids joined by '+' (pk_source_labels prints them), or NULL */
} pk_ai_line;

void pk_ai_line_fini(pk_ai_line *l);

/* How the occupation's O*NET tasks joined the release of ai_usage.patterns: "3 of this
 * occupation's 14 O*NET tasks are among the tasks of this release.", "None of ...", and when
 * every matched task is below the release's sample floor, a sentence saying so. Returns false
 * (out untouched) when the record has no patterns. */
bool pk_ai_join_line(const pk_record *r, pk_ai_line *out);

/* True when the "How AI is used" section has something to show: a patterns object that joined
 * no task is said once, in the AI work map, and makes no section of its own. */
bool pk_ai_usage_shown(const pk_ai_usage *u);

/* True when the patterns joined some task and not every one is below the floor: then an empty
 * "Often handed to AI" or "Use as a copilot" is a finding, said with pk_ai_none_*. */
bool pk_ai_classes_said(const pk_record *r);
extern const char pk_ai_none_delegate[], pk_ai_none_copilot[];
/* The AI work map without a human-in-the-loop list: what that list needs. */
extern const char pk_ai_human_loop_missing[];
/* Augmentation and automation unknown because every observed conversation is filtered. */
extern const char pk_ai_all_below_floor[];

/* The most common way people use AI here, after its label: "Directive (you hand AI the whole
 * task), 30.1% of the observed conversations", "Directive and learning, tied at 12.5% each of
 * the observed conversations", or as the record names it ("Learning (you ask AI to explain or
 * teach)"). Appends to out. */
void pk_ai_mode_words(const pk_mode *m, pk_buf *out);

/* How people worked with AI on one task: "Directive 67%" (its most common pattern and that
 * pattern's share of its conversations; "Task iteration and learning 40% each" for a tie) or
 * "below the release's sample floor" — never "0%". Appends to out. */
void pk_ai_task_how(const pk_task_mix *t, pk_buf *out);
/* The note under a table of pk_ai_task_how: what How and Usage mean. */
extern const char pk_ai_task_how_note[];

/* The AI work map's summary line, the seed's "46th-percentile task overlap — yet about 1,200
 * openings a year (-1.7% projected), and observed AI use leans 37% copilot, not hand-off.",
 * from the figures the record has. Returns false (out untouched) without augmentation and
 * automation shares to lean on. */
bool pk_ai_summary_line(const pk_record *r, pk_ai_line *out);

#endif
