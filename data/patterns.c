/* patterns.c: the AEI collaboration patterns and the AI work map's rules; see patterns.h and
 * docs/methodology.md. */
#include "data/patterns.h"

#include <math.h>

const pk_pattern_info pk_patterns[PK_PAT_COUNT_] = {
    [PK_PAT_DIRECTIVE] = {"directive", "Directive", "you hand AI the whole task", false},
    [PK_PAT_FEEDBACK_LOOP] = {"feedback_loop", "Feedback loop",
                              "AI does the task while you feed back its results, such as errors",
                              false},
    [PK_PAT_TASK_ITERATION] = {"task_iteration", "Task iteration",
                               "you and AI refine the work together", true},
    [PK_PAT_VALIDATION] = {"validation", "Validation", "you ask AI to check your work", true},
    [PK_PAT_LEARNING] = {"learning", "Learning", "you ask AI to explain or teach", true},
};

void pk_task_mix_shares(const pk_task_mix *t, double shares[PK_PAT_COUNT_])
{
    const pk_figure *f[PK_PAT_COUNT_] = {&t->directive, &t->feedback_loop, &t->task_iteration,
                                         &t->validation, &t->learning};
    for (int p = 0; p < PK_PAT_COUNT_; p++)
        shares[p] = f[p]->status == PK_FIG_OK ? f[p]->value : 0;
}

unsigned pk_pattern_augmentation_mask(void)
{
    unsigned m = 0;
    for (int p = 0; p < PK_PAT_COUNT_; p++)
        if (pk_patterns[p].augmentation) m |= 1u << p;
    return m;
}

pk_task_class pk_task_classify(const double shares[PK_PAT_COUNT_])
{
    double seen = 0, aug = 0;
    for (int p = 0; p < PK_PAT_COUNT_; p++) {
        seen += shares[p];
        if (pk_patterns[p].augmentation) aug += shares[p];
    }
    if (!(seen > 0)) return PK_TASK_FLOOR;
    /* at most one of the two holds: the groups share no pattern and each needs over half */
    if (shares[PK_PAT_DIRECTIVE] > PK_MOSTLY_PCT) return PK_TASK_DELEGATE;
    if (aug > PK_MOSTLY_PCT) return PK_TASK_COPILOT;
    return PK_TASK_MIXED;
}

size_t pk_pattern_top(const double shares[PK_PAT_COUNT_], unsigned mask,
                      pk_pattern top[PK_PAT_COUNT_])
{
    if (!mask) mask = (1u << PK_PAT_COUNT_) - 1;
    double best = 0;
    for (int p = 0; p < PK_PAT_COUNT_; p++)
        if ((mask >> p & 1) && shares[p] > best) best = shares[p];
    if (!(best > 0)) return 0;
    size_t n = 0;
    for (int p = 0; p < PK_PAT_COUNT_; p++)
        if ((mask >> p & 1) && fabs(shares[p] - best) <= 1e-9) top[n++] = (pk_pattern)p;
    return n;
}

void pk_pattern_names(pk_buf *b, const pk_pattern *top, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) pk_buf_adds(b, i + 1 == n ? " and " : ", ");
        const char *name = pk_patterns[top[i]].name;
        if (i && *name >= 'A' && *name <= 'Z') {
            pk_buf_addc(b, (char)(*name + 32));
            name++;
        }
        pk_buf_adds(b, name);
    }
}
