/* json_write.c: the JSON emitter; see json_write.h. */
#include "data/json_write.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pk_json_quote(pk_buf *b, const char *s)
{
    pk_buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        switch (c) {
        case '"': pk_buf_adds(b, "\\\""); break;
        case '\\': pk_buf_adds(b, "\\\\"); break;
        case '\n': pk_buf_adds(b, "\\n"); break;
        case '\r': pk_buf_adds(b, "\\r"); break;
        case '\t': pk_buf_adds(b, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                pk_buf_printf(b, "\\u%04x", c);
            } else if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
                pk_buf_printf(b, "\\u%04x", p[1]); /* a C1 control: never raw */
                p += 1;
            } else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                /* U+2028/2029 are legal JSON but end a line in JavaScript: escape them */
                pk_buf_printf(b, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
                p += 2;
            } else {
                pk_buf_addc(b, (char)c);
            }
        }
    }
    pk_buf_addc(b, '"');
}

/* v with prec (1 to 17) significant digits, "%.*g", into tmp (40 bytes hold any of them) */
static void digits(char *tmp, size_t n, int prec, double v)
{
    int k = snprintf(tmp, n, "%.*g", prec < 1 ? 1 : prec > 17 ? 17 : prec, v);
    if (k < 0 || (size_t)k >= n) tmp[0] = '\0'; /* cannot happen for a finite double */
}

void pk_json_number(pk_buf *b, double v)
{
    if (!isfinite(v)) {
        pk_buf_adds(b, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        pk_buf_printf(b, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    /* the shortest digits that read back as v: short figures (4.6, 0.0042) are found among the
     * first six precisions; an exact mid-rank (98.83955600403633) needs 15 to 17, so those are
     * tried next rather than walking every precision in between */
    char tmp[40];
    int prec = 1;
    for (; prec <= 6; prec++) {
        digits(tmp, sizeof tmp, prec, v);
        if (strtod(tmp, NULL) == v) break;
    }
    if (prec > 6) {
        /* between 7 and 14 digits a figure is rare; the first precision that reads back from 15
         * down is then narrowed by bisection, so the shortest is still found */
        int lo = 7, hi = 17;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            digits(tmp, sizeof tmp, mid, v);
            if (strtod(tmp, NULL) == v) hi = mid;
            else lo = mid + 1;
        }
        digits(tmp, sizeof tmp, lo, v);
    }
    pk_buf_adds(b, tmp);
}

void pk_jw_init(pk_jw *w, pk_buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->first[0] = true;
}

static void newline(pk_jw *w)
{
    pk_buf_addc(w->out, '\n');
    for (int i = 0; i < w->depth; i++) pk_buf_adds(w->out, "  ");
}

/* Separator and indentation before a value or key at the current depth. */
static void before_item(pk_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0) return;
    if (!w->first[w->depth]) pk_buf_addc(w->out, ',');
    if (w->inline_depth > 0) {
        pk_buf_addc(w->out, ' ');
    } else {
        newline(w);
    }
    w->first[w->depth] = false;
}

static void begin(pk_jw *w, char open, bool oneline)
{
    before_item(w);
    pk_buf_addc(w->out, open);
    assert(w->depth + 1 < PK_JW_MAX_DEPTH);
    w->depth++;
    w->first[w->depth] = true;
    if (oneline || w->inline_depth > 0) w->inline_depth++;
}

static void end(pk_jw *w, char close)
{
    bool empty = w->first[w->depth];
    bool was_inline = w->inline_depth > 0;
    if (was_inline) w->inline_depth--;
    w->depth--;
    if (!empty) {
        if (was_inline) pk_buf_addc(w->out, ' ');
        else newline(w);
    }
    pk_buf_addc(w->out, close);
}

void pk_jw_begin_obj(pk_jw *w, bool oneline) { begin(w, '{', oneline); }
void pk_jw_end_obj(pk_jw *w) { end(w, '}'); }
void pk_jw_begin_arr(pk_jw *w, bool oneline) { begin(w, '[', oneline); }
void pk_jw_end_arr(pk_jw *w) { end(w, ']'); }

void pk_jw_key(pk_jw *w, const char *key)
{
    before_item(w);
    pk_json_quote(w->out, key);
    pk_buf_adds(w->out, ": ");
    w->after_key = true;
}

void pk_jw_str(pk_jw *w, const char *s)
{
    before_item(w);
    pk_json_quote(w->out, s);
}

void pk_jw_num(pk_jw *w, double v)
{
    before_item(w);
    pk_json_number(w->out, v);
}

void pk_jw_int(pk_jw *w, long v)
{
    before_item(w);
    pk_buf_printf(w->out, "%ld", v);
}

void pk_jw_bool(pk_jw *w, bool v)
{
    before_item(w);
    pk_buf_adds(w->out, v ? "true" : "false");
}

void pk_jw_null(pk_jw *w)
{
    before_item(w);
    pk_buf_adds(w->out, "null");
}

void pk_jw_finish(pk_jw *w)
{
    pk_buf_addc(w->out, '\n');
}
