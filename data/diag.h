/* diag.h: located error messages. Library code records them here and returns -1 (or NULL);
 * only main.c prints them. One message per problem, in the house format:
 *   path:line:col: error: what is wrong; expected X, got "Y"
 *   path: $.json.path: what is wrong
 * Part of data/, used by every module. */
#ifndef PK_DIAG_H
#define PK_DIAG_H

#include <stddef.h>

/* What kind of failure a message reports; it decides the exit code (see presskit --help). */
typedef enum pk_fail {
    PK_FAIL_INPUT = 1, /* bad data, record, template or argument value: exit 1 */
    PK_FAIL_USAGE = 2, /* bad command line: exit 2 */
    PK_FAIL_IO = 3,    /* file system or output backend: exit 3 */
    PK_WARN = 4        /* not a failure: printed, the exit code is unchanged */
} pk_fail;

typedef struct pk_diag_msg {
    pk_fail kind;
    char *text; /* owned: the whole message, no trailing newline */
} pk_diag_msg;

typedef struct pk_diag {
    pk_diag_msg *msgs; /* owned */
    size_t n, cap;
    size_t limit;   /* at most this many messages are kept (0: 100) */
    size_t dropped; /* messages past the limit, counted, not kept */
} pk_diag;

#define PK_DIAG_INIT {NULL, 0, 0, 0, 0}

void pk_diag_fini(pk_diag *d);
/* Records one message (printf-style); always returns -1 so callers can `return pk_diag_add(...)`. */
int pk_diag_add(pk_diag *d, pk_fail kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The exit code for what was recorded: 0 when nothing, else the most severe kind
 * (I/O over input over usage, since an I/O failure may have left outputs unwritten). */
int pk_diag_exit_code(const pk_diag *d);
size_t pk_diag_count(const pk_diag *d);

/* Appends a string for a message, quoted and cut to `max` bytes with "..." so that
 * a 10 MB field gives a readable message. Control bytes become \xNN. */
struct pk_buf;
void pk_diag_quote(struct pk_buf *b, const char *s, size_t len, size_t max);

#endif
