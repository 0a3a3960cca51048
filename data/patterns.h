/* patterns.h: the collaboration patterns of the Anthropic Economic Index (how the conversations
 * about a task went: directive, feedback loop, task iteration, validation, learning, and the
 * share the release filtered out below its privacy floor) and the rules presskit applies to them:
 * a task's class in the AI work map and its most common pattern. docs/methodology.md ("The AI
 * work map") states the same rules for readers. The aei-patterns importer and the outputs both
 * use this one copy. Part of data/. */
#ifndef PK_PATTERNS_H
#define PK_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "data/record.h"

/* In the order the outputs list them (and break ties in): automation first, as Anthropic's
 * reports group them, then augmentation. */
typedef enum pk_pattern {
    PK_PAT_DIRECTIVE,
    PK_PAT_FEEDBACK_LOOP,
    PK_PAT_TASK_ITERATION,
    PK_PAT_VALIDATION,
    PK_PAT_LEARNING,
    PK_PAT_COUNT_
} pk_pattern;

typedef struct pk_pattern_info {
    const char *column;      /* the release's column header: "feedback_loop" */
    const char *name;        /* as the outputs name it: "Feedback loop" */
    const char *description; /* what the person does: "you ask AI to explain or teach" */
    bool augmentation;       /* Anthropic's grouping: augmentation, else automation */
} pk_pattern_info;

extern const pk_pattern_info pk_patterns[PK_PAT_COUNT_];

/* "Mostly": more than this per cent of ALL the task's conversations, the filtered ones
 * included. A share of the whole is a lower bound on the pattern's true share (the filtered
 * conversations went some way the release does not say), so a task called mostly directive is
 * mostly directive however the filtered part went. */
#define PK_MOSTLY_PCT 50.0

typedef enum pk_task_class {
    PK_TASK_MIXED,    /* no group has more than half of the conversations */
    PK_TASK_DELEGATE, /* "Often handed to AI": directive > PK_MOSTLY_PCT */
    PK_TASK_COPILOT,  /* "Use as a copilot": task iteration + validation + learning > PK_MOSTLY_PCT
                       */
    PK_TASK_FLOOR     /* every conversation below the release's sample floor: no pattern known */
} pk_task_class;

/* The shares (per cent of the task's conversations, 0-100) of a record's task, in pk_pattern
 * order; an absent figure reads 0. */
void pk_task_mix_shares(const pk_task_mix *t, double shares[PK_PAT_COUNT_]);

/* The class of a task from its pattern shares (per cent of all its conversations). */
pk_task_class pk_task_classify(const double shares[PK_PAT_COUNT_]);

/* The most common patterns among shares[mask] (per cent; mask a bit set of 1 << pk_pattern, 0
 * for all): writes the patterns tied for the largest share to top[] in pk_pattern order and
 * returns how many; 0 when every share in the mask is 0 (nothing above the floor). Shares within
 * 1e-9 percentage points of each other are tied: the importer's sums carry rounding noise below
 * that, and it must not pick a winner. */
size_t pk_pattern_top(const double shares[PK_PAT_COUNT_], unsigned mask,
                      pk_pattern top[PK_PAT_COUNT_]);
/* The mask of the augmentation patterns (task iteration, validation, learning). */
unsigned pk_pattern_augmentation_mask(void);

/* Appends the names of top[0..n): "Directive", "Task iteration and learning", "Directive,
 * validation and learning" (the first capitalised, the others lower case). */
void pk_pattern_names(pk_buf *b, const pk_pattern *top, size_t n);

#endif
