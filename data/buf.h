/* buf.h: a growable byte buffer; every writer builds its output in one before a file sees it. */
#ifndef PK_BUF_H
#define PK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pk_buf {
    char *data; /* owned; always NUL-terminated after the first append */
    size_t len, cap;
} pk_buf;

#define PK_BUF_INIT {NULL, 0, 0}

void pk_buf_fini(pk_buf *b);
void pk_buf_reset(pk_buf *b); /* empties, keeps the memory */
/* Room for extra more bytes (and the NUL) without another allocation; len is unchanged. */
void pk_buf_reserve(pk_buf *b, size_t extra);
void pk_buf_add(pk_buf *b, const void *bytes, size_t n);
void pk_buf_adds(pk_buf *b, const char *s);
void pk_buf_addc(pk_buf *b, char c);
void pk_buf_printf(pk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pk_buf_vprintf(pk_buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" when empty); borrowed until the next change. */
const char *pk_buf_str(pk_buf *b);
/* Hands the contents to the caller (free with free()) and empties the buffer. */
char *pk_buf_take(pk_buf *b);

#endif
