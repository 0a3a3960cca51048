/* diag.c: the list of located messages; see diag.h. */
#include "data/diag.h"

#include "data/arena.h"
#include "data/buf.h"

#include <stdarg.h>
#include <stdlib.h>

void pk_diag_fini(pk_diag *d)
{
    for (size_t i = 0; i < d->n; i++) free(d->msgs[i].text);
    free(d->msgs);
    d->msgs = NULL;
    d->n = d->cap = d->dropped = 0;
}

int pk_diag_add(pk_diag *d, pk_fail kind, const char *fmt, ...)
{
    size_t limit = d->limit ? d->limit : 100;
    if (d->n >= limit) {
        d->dropped++;
        /* keep the most severe kind visible to the exit code */
        if (kind == PK_FAIL_IO && d->n) d->msgs[d->n - 1].kind = PK_FAIL_IO;
        return -1;
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->msgs = pk_xrealloc(d->msgs, d->cap * sizeof *d->msgs);
    }
    pk_buf b = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    d->msgs[d->n].kind = kind;
    d->msgs[d->n].text = pk_buf_take(&b);
    d->n++;
    return -1;
}

int pk_diag_exit_code(const pk_diag *d)
{
    int code = 0;
    for (size_t i = 0; i < d->n; i++) {
        pk_fail k = d->msgs[i].kind;
        if (k == PK_FAIL_IO) return 3;
        if (k == PK_FAIL_INPUT) code = 1;
        else if (k == PK_FAIL_USAGE && code == 0) code = 2;
    }
    return code;
}

size_t pk_diag_count(const pk_diag *d)
{
    return d->n + d->dropped;
}

void pk_diag_quote(pk_buf *b, const char *s, size_t len, size_t max)
{
    pk_buf_addc(b, '"');
    size_t n = len < max ? len : max;
    /* never cut inside a UTF-8 sequence */
    if (n < len)
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            pk_buf_addc(b, '\\');
            pk_buf_addc(b, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            pk_buf_printf(b, "\\x%02X", c);
        } else {
            pk_buf_addc(b, (char)c);
        }
    }
    if (n < len) pk_buf_adds(b, "...");
    pk_buf_addc(b, '"');
}
