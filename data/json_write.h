/* json_write.h: a small JSON emitter for presskit's own files (records, manifest.json,
 * cite.json). cJSON's printer indents with tabs and cannot keep short objects on one line;
 * these files are read by people and diffed between releases, so they get 2-space indents,
 * one-line items, numbers in their shortest round-trip form, and a fixed key order. */
#ifndef PK_JSON_WRITE_H
#define PK_JSON_WRITE_H

#include <stdbool.h>

#include "data/buf.h"

enum { PK_JW_MAX_DEPTH = 32 };

typedef struct pk_jw {
    pk_buf *out; /* borrowed */
    int depth;
    int inline_depth;               /* > 0 inside an object or array kept on one line */
    bool first[PK_JW_MAX_DEPTH];    /* no member written yet at this depth */
    bool after_key;                 /* a key was written; its value comes next */
} pk_jw;

void pk_jw_init(pk_jw *w, pk_buf *out);
/* Objects and arrays; `oneline` keeps this one and everything in it on one line. */
void pk_jw_begin_obj(pk_jw *w, bool oneline);
void pk_jw_end_obj(pk_jw *w);
void pk_jw_begin_arr(pk_jw *w, bool oneline);
void pk_jw_end_arr(pk_jw *w);
void pk_jw_key(pk_jw *w, const char *key);
void pk_jw_str(pk_jw *w, const char *s);
void pk_jw_num(pk_jw *w, double v); /* shortest form that reads back as the same double */
void pk_jw_int(pk_jw *w, long v);
void pk_jw_bool(pk_jw *w, bool v);
void pk_jw_null(pk_jw *w);
/* Ends the document with a newline. */
void pk_jw_finish(pk_jw *w);

/* Appends s as a JSON string literal (quotes included). */
void pk_json_quote(pk_buf *b, const char *s);
/* Appends v in the shortest decimal form that parses back to v ("66430", "0.5", "-1.7"). */
void pk_json_number(pk_buf *b, double v);

#endif
