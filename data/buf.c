/* buf.c: growable byte buffer; see buf.h. */
#include "data/buf.h"

#include "data/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pk_buf_reserve(pk_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    b->data = pk_xrealloc(b->data, cap);
    b->cap = cap;
}

void pk_buf_fini(pk_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void pk_buf_reset(pk_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void pk_buf_add(pk_buf *b, const void *bytes, size_t n)
{
    pk_buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pk_buf_adds(pk_buf *b, const char *s)
{
    pk_buf_add(b, s, strlen(s));
}

void pk_buf_addc(pk_buf *b, char c)
{
    pk_buf_add(b, &c, 1);
}

void pk_buf_vprintf(pk_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    pk_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void pk_buf_printf(pk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *pk_buf_str(pk_buf *b)
{
    return b->data ? b->data : "";
}

char *pk_buf_take(pk_buf *b)
{
    char *s = b->data ? b->data : pk_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}
