/* json_check.c: the strict JSON syntax check; see json_check.h. Iterative, so a deeply nested
 * file cannot overflow the stack. */
#include "data/json_check.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/diag.h"

typedef struct chk {
    const char *s;
    size_t len, pos;
    pk_buf *why;
    bool failed;
} chk;

/* "got" part: the text at `at`, up to a line end, ',' or '}', at most 12 bytes then "...". */
static void got(chk *c, size_t at)
{
    size_t n = 0;
    while (at + n < c->len && c->s[at + n] != '\n' && c->s[at + n] != '\r' &&
           (n == 0 || (c->s[at + n] != ',' && c->s[at + n] != '}')))
        n++;
    pk_diag_quote(c->why, c->s + at, n, 12);
}

static size_t fail_at(chk *c, size_t at, const char *expected, const char *hint)
{
    c->failed = true;
    if (at >= c->len) {
        pk_buf_adds(c->why, "invalid JSON; the file ends inside a value (unclosed string, object "
                            "or array?)");
        return c->len;
    }
    pk_buf_printf(c->why, "invalid JSON; expected %s, got ", expected);
    got(c, at);
    if (hint) pk_buf_adds(c->why, hint);
    return at;
}

static void skip_ws(chk *c)
{
    while (c->pos < c->len && strchr(" \t\n\r", c->s[c->pos]) && c->s[c->pos]) c->pos++;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* A string starting at c->pos ('"'); leaves pos after the closing quote. Returns the error
 * offset or (size_t)-1. */
static size_t string(chk *c)
{
    c->pos++; /* opening quote */
    while (c->pos < c->len) {
        unsigned char ch = (unsigned char)c->s[c->pos];
        if (ch == '"') {
            c->pos++;
            return (size_t)-1;
        }
        if (ch == '\n' || ch == '\r') {
            c->failed = true;
            pk_buf_adds(c->why, "invalid JSON; expected '\"' to close the string, got a line break");
            return c->pos;
        }
        if (ch < 0x20) {
            c->failed = true;
            pk_buf_printf(c->why, "invalid JSON; control character 0x%02X in a string (write it "
                                  "as \\u%04X)", ch, ch);
            return c->pos;
        }
        if (ch == '\\') {
            size_t at = c->pos;
            char e = c->pos + 1 < c->len ? c->s[c->pos + 1] : '\0';
            if (c->pos + 1 >= c->len) return fail_at(c, c->len, "", NULL);
            if (strchr("\"\\/bfnrt", e) && e) {
                c->pos += 2;
                continue;
            }
            if (e == 'u' && c->pos + 5 < c->len) {
                int v = 0;
                bool ok = true;
                for (int k = 2; k < 6; k++) {
                    int h = hexval(c->s[c->pos + (size_t)k]);
                    ok = ok && h >= 0;
                    v = v * 16 + (h < 0 ? 0 : h);
                }
                if (ok && v == 0) {
                    c->failed = true;
                    pk_buf_adds(c->why, "\\u0000 (a NUL character) is not allowed in a string");
                    return at;
                }
                if (ok && v >= 0xD800 && v <= 0xDBFF) {
                    /* a high surrogate: only as the first half of a pair */
                    int w = -1;
                    if (c->pos + 11 < c->len && c->s[c->pos + 6] == '\\' &&
                        c->s[c->pos + 7] == 'u') {
                        w = 0;
                        for (int k = 8; k < 12 && w >= 0; k++) {
                            int h = hexval(c->s[c->pos + (size_t)k]);
                            w = h < 0 ? -1 : w * 16 + h;
                        }
                    }
                    if (w >= 0xDC00 && w <= 0xDFFF) {
                        c->pos += 12;
                        continue;
                    }
                    c->failed = true;
                    pk_buf_printf(c->why, "invalid JSON; the UTF-16 high surrogate \\u%04X is not "
                                          "followed by a low one (\\uDC00 to \\uDFFF)", v);
                    return at;
                }
                if (ok && v >= 0xDC00 && v <= 0xDFFF) {
                    c->failed = true;
                    pk_buf_printf(c->why, "invalid JSON; the UTF-16 low surrogate \\u%04X does not "
                                          "follow a high one (\\uD800 to \\uDBFF)", v);
                    return at;
                }
                if (ok) {
                    c->pos += 6;
                    continue;
                }
            }
            return fail_at(c, at,
                           "one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", NULL);
        }
        c->pos++;
    }
    return fail_at(c, c->len, "", NULL);
}

static bool digit(chk *c)
{
    return c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9';
}

static size_t number(chk *c)
{
    size_t start = c->pos;
    if (c->s[c->pos] == '-') c->pos++;
    if (!digit(c)) return fail_at(c, c->pos, "a digit", NULL);
    if (c->s[c->pos] == '0' && c->pos + 1 < c->len && c->s[c->pos + 1] >= '0' &&
        c->s[c->pos + 1] <= '9')
        return fail_at(c, start, "a number without leading zeros", NULL);
    while (digit(c)) c->pos++;
    if (c->pos < c->len && c->s[c->pos] == '.') {
        c->pos++;
        if (!digit(c)) return fail_at(c, c->pos, "a digit after the decimal point", NULL);
        while (digit(c)) c->pos++;
    }
    if (c->pos < c->len && (c->s[c->pos] == 'e' || c->s[c->pos] == 'E')) {
        c->pos++;
        if (c->pos < c->len && (c->s[c->pos] == '+' || c->s[c->pos] == '-')) c->pos++;
        if (!digit(c)) return fail_at(c, c->pos, "a digit in the exponent", NULL);
        while (digit(c)) c->pos++;
    }
    /* a number that is not zero but reads as 0 (1e-400): refused here, where its text is */
    bool nonzero = false;
    for (size_t i = start; i < c->pos && c->s[i] != 'e' && c->s[i] != 'E'; i++)
        nonzero = nonzero || (c->s[i] >= '1' && c->s[i] <= '9');
    if (nonzero) {
        size_t n = c->pos - start;
        char *tmp = pk_xmalloc(n + 1);
        memcpy(tmp, c->s + start, n);
        tmp[n] = '\0';
        double v = strtod(tmp, NULL);
        free(tmp);
        if (v == 0) {
            c->failed = true;
            pk_buf_adds(c->why, "a number too small to represent (it is not 0 but would read as 0)");
            return start;
        }
    }
    return (size_t)-1;
}

/* A scalar or the opening of a container at c->pos. Pushes containers on `stack`. */
static size_t value(chk *c, char *stack, size_t *depth, bool after_comma)
{
    skip_ws(c);
    if (c->pos >= c->len) return fail_at(c, c->len, "", NULL);
    char ch = c->s[c->pos];
    if (ch == '{' || ch == '[') {
        if (*depth >= PK_JSON_MAX_DEPTH) {
            c->failed = true;
            pk_buf_printf(c->why, "arrays and objects nested more than %d deep", PK_JSON_MAX_DEPTH);
            return c->pos;
        }
        stack[(*depth)++] = ch;
        c->pos++;
        return (size_t)-1;
    }
    if (ch == '"') return string(c);
    if (ch == '-' || (ch >= '0' && ch <= '9')) return number(c);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (c->len - c->pos >= n && memcmp(c->s + c->pos, words[i], n) == 0) {
            c->pos += n;
            return (size_t)-1;
        }
    }
    const char *hint = NULL;
    if (ch == '\'') hint = " (JSON strings take double quotes)";
    else if ((ch == ']' || ch == '}') && after_comma)
        hint = " (a comma before a closing bracket is not allowed)";
    return fail_at(c, c->pos, "a value", hint);
}

size_t pk_json_check(const char *json, size_t len, pk_buf *why)
{
    chk c = {json, len, 0, why, false};
    char st[PK_JSON_MAX_DEPTH + 1]; /* the open brackets; 1 KB of stack */
    size_t depth = 0, err;
    skip_ws(&c);
    if (c.pos >= len) {
        pk_buf_adds(why, "the file is empty; expected a JSON object");
        return 0;
    }
    if ((err = value(&c, st, &depth, false)) != (size_t)-1) return err;
    bool fresh = true; /* just opened a container: it may close at once */
    while (depth > 0) {
        char top = st[depth - 1];
        skip_ws(&c);
        if (c.pos >= len) return fail_at(&c, len, "", NULL);
        char ch = c.s[c.pos];
        if (!fresh) {
            /* after a member or element: ',' or the closing bracket */
            if (ch == (top == '{' ? '}' : ']')) {
                c.pos++;
                depth--;
                continue;
            }
            if (ch != ',')
                return fail_at(&c, c.pos, top == '{' ? "',' or '}'" : "',' or ']'", NULL);
            c.pos++;
            skip_ws(&c);
        } else if (ch == (top == '{' ? '}' : ']')) {
            c.pos++;
            depth--;
            fresh = false;
            continue;
        }
        bool after_comma = !fresh;
        fresh = false;
        if (top == '{') {
            if (c.pos >= len) return fail_at(&c, len, "", NULL);
            if (c.s[c.pos] != '"') {
                const char *hint = NULL;
                if (c.s[c.pos] == '}' && after_comma)
                    hint = " (a comma before a closing bracket is not allowed)";
                else if (c.s[c.pos] == '\'')
                    hint = " (JSON strings take double quotes)";
                return fail_at(&c, c.pos, "a key in double quotes", hint);
            }
            if ((err = string(&c)) != (size_t)-1) return err;
            skip_ws(&c);
            if (c.pos >= len || c.s[c.pos] != ':') return fail_at(&c, c.pos, "':'", NULL);
            c.pos++;
        }
        size_t before = depth;
        if ((err = value(&c, st, &depth, after_comma && top == '[')) != (size_t)-1) return err;
        if (depth > before) fresh = true;
    }
    skip_ws(&c);
    if (c.pos < len) {
        pk_buf_adds(why, "invalid JSON; expected the end of the file after the document, got ");
        got(&c, c.pos);
        return c.pos;
    }
    return len;
}
