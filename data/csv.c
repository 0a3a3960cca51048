/* csv.c: streaming CSV/TSV over libcsv with line:col positions; see csv.h.
 * libcsv reports no positions, so the file is fed to it one line at a time: a field callback
 * then knows its line, and the column of a bad field is found by re-scanning the current line
 * only when a problem is reported (free on the happy path). */
#include "data/csv.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/text.h"

struct pk_csv {
    const char *path;
    const pk_csv_opts *o;
    pk_diag *d;
    pk_csv_fn fn;
    void *ctx;
    /* the row being assembled */
    pk_buf fields;    /* owned: field bytes, each NUL-terminated */
    size_t *offs;     /* owned: start of each field in `fields` */
    size_t *lens;
    const char **ptrs;
    size_t n, cap;
    size_t row_line;  /* line the current row started on (0: no field yet) */
    size_t line;      /* line being fed */
    pk_buf cur_line;  /* owned: the text of the line being fed (for columns in messages) */
    size_t row_bytes;
    /* header */
    char **header;    /* owned */
    size_t n_header;
    bool have_header, stopped, too_long;
    size_t errors;
};

const char *pk_csv_path(const pk_csv *c) { return c->path; }
size_t pk_csv_errors(const pk_csv *c) { return c->errors; }

static bool quota(pk_csv *c)
{
    size_t max = c->o->max_errors ? c->o->max_errors : 20;
    if (c->errors == max)
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s: error: too many problems; stopped reporting", c->path);
    c->errors++;
    return c->errors <= max;
}

/* The 1-based character column where field `k` starts on the current line (the row's first
 * line), scanning with the file's quoting rules. */
static size_t field_column(const pk_csv *c, size_t k)
{
    const char *s = pk_buf_str((pk_buf *)&c->cur_line);
    size_t i = 0, field = 0;
    bool inq = false;
    while (s[i] && field < k) {
        if (c->o->quoted && s[i] == '"') inq = !inq;
        else if (!inq && s[i] == c->o->delim) field++;
        i++;
    }
    size_t line, col;
    pk_text_locate(s, i, &line, &col);
    return col;
}

void pk_csv_error(pk_csv *c, const pk_csv_row *row, size_t col, const char *fmt, ...)
{
    if (!quota(c)) return;
    pk_buf msg = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    const char *name = col < c->n_header ? c->header[col] : NULL;
    size_t column = row->line == c->line ? field_column(c, col) : 1;
    if (name && *name)
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: %s: %s", c->path, row->line, column,
                    name, msg.data);
    else
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: %s", c->path, row->line, column,
                    msg.data);
    pk_buf_fini(&msg);
}

void pk_csv_file_error(pk_csv *c, const char *fmt, ...)
{
    if (!quota(c)) return;
    pk_buf msg = PK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    pk_diag_add(c->d, PK_FAIL_INPUT, "%s: error: %s", c->path, msg.data);
    pk_buf_fini(&msg);
}

int pk_csv_col(const pk_csv *c, const char *name)
{
    for (size_t i = 0; i < c->n_header; i++)
        if (strcmp(c->header[i], name) == 0) return (int)i;
    return -1;
}

int pk_csv_need(pk_csv *c, const char *name)
{
    int i = pk_csv_col(c, name);
    if (i >= 0) return i;
    pk_buf have = PK_BUF_INIT;
    for (size_t k = 0; k < c->n_header && k < 12; k++) {
        if (k) pk_buf_adds(&have, ", ");
        pk_diag_quote(&have, c->header[k], strlen(c->header[k]), 40);
    }
    if (c->n_header > 12) pk_buf_adds(&have, ", ...");
    if (quota(c))
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:1:1: error: missing column \"%s\" (the header has %s)",
                    c->path, name, have.len ? have.data : "no columns");
    pk_buf_fini(&have);
    return -1;
}

static void on_field(void *data, size_t len, void *p)
{
    pk_csv *c = p;
    if (c->stopped) return;
    if (c->n == 0 && c->row_line == 0) c->row_line = c->line;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->offs = pk_xrealloc(c->offs, c->cap * sizeof *c->offs);
        c->lens = pk_xrealloc(c->lens, c->cap * sizeof *c->lens);
        c->ptrs = pk_xrealloc(c->ptrs, c->cap * sizeof *c->ptrs);
    }
    c->offs[c->n] = c->fields.len;
    c->lens[c->n] = len;
    pk_buf_add(&c->fields, data ? data : "", data ? len : 0);
    pk_buf_addc(&c->fields, '\0');
    c->n++;
}

static void on_row(int term, void *p)
{
    (void)term;
    pk_csv *c = p;
    size_t n = c->n;
    c->n = 0;
    size_t line = c->row_line ? c->row_line : c->line;
    c->row_line = 0;
    c->row_bytes = 0;
    if (c->stopped) return;
    for (size_t i = 0; i < n; i++) c->ptrs[i] = c->fields.data + c->offs[i];
    pk_csv_row row = {line, n, c->ptrs, c->lens};
    /* a blank line (one empty field) is not a row */
    bool blank = n == 0 || (n == 1 && c->lens[0] == 0);
    if (!blank) {
        for (size_t i = 0; i < n; i++) {
            size_t bad = pk_utf8_check(c->ptrs[i], c->lens[i]);
            size_t nul = strlen(c->ptrs[i]);
            if (bad < c->lens[i] || nul < c->lens[i]) {
                pk_csv_error(c, &row, i, bad < c->lens[i] ? "invalid UTF-8 (byte 0x%02X)"
                                                          : "NUL byte in a field (0x%02X)",
                             bad < c->lens[i] ? (unsigned char)c->ptrs[i][bad] : 0);
                blank = true;
                break;
            }
        }
    }
    if (!blank && !c->have_header) {
        c->have_header = true;
        c->n_header = n;
        c->header = pk_xcalloc(n, sizeof *c->header);
        for (size_t i = 0; i < n; i++) {
            const char *h = c->ptrs[i];
            size_t hl = c->lens[i];
            if (line == 1 && i == 0 && hl >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3, hl -= 3;
            while (hl && (*h == ' ')) h++, hl--;
            while (hl && h[hl - 1] == ' ') hl--;
            c->header[i] = pk_xmalloc(hl + 1);
            memcpy(c->header[i], h, hl);
            c->header[i][hl] = '\0';
        }
        for (size_t i = 0; i < n; i++) c->ptrs[i] = c->header[i]; /* trimmed, without a BOM */
        if (c->fn(c->ctx, c, &row) != 0) c->stopped = true;
    } else if (!blank) {
        if (n != c->n_header) {
            pk_csv_error(c, &row, n < c->n_header ? (n ? n - 1 : 0) : c->n_header,
                         "expected %zu fields like the header, got %zu; row skipped", c->n_header, n);
        } else if (c->fn(c->ctx, c, &row) != 0) {
            c->stopped = true;
        }
    }
    pk_buf_reset(&c->fields);
}

int pk_csv_read(const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx, pk_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open: %s", path, strerror(errno));
    int rc = pk_csv_read_stream(f, path, opts, fn, ctx, d);
    fclose(f);
    return rc;
}

int pk_csv_read_stream(FILE *f, const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx,
                       pk_diag *d)
{
    pk_csv c = {.path = path, .o = opts, .d = d, .fn = fn, .ctx = ctx, .line = 1};
    size_t max_row = opts->max_row ? opts->max_row : (1u << 20);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot start the CSV reader", path);
    csv_set_delim(&p, (unsigned char)opts->delim);
    if (!opts->quoted) csv_set_quote(&p, '\0'); /* NUL never reaches libcsv: see on_row */
    char chunk[1 << 16];
    size_t got;
    int rc = 0;
    while (!c.stopped && !c.too_long && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        /* feed one line at a time, so the callbacks know the line number */
        size_t i = 0;
        while (i < got && !c.stopped) {
            const char *nl = memchr(chunk + i, '\n', got - i);
            size_t n = nl ? (size_t)(nl - (chunk + i)) + 1 : got - i;
            pk_buf_add(&c.cur_line, chunk + i, n);
            c.row_bytes += n;
            if (c.row_bytes > max_row || c.cur_line.len > max_row) {
                c.errors++;
                pk_diag_add(d, PK_FAIL_INPUT,
                            "%s:%zu:1: error: a row longer than %zu KiB; the file is not read further",
                            path, c.row_line ? c.row_line : c.line, max_row >> 10);
                c.too_long = true;
                break;
            }
            if (csv_parse(&p, chunk + i, n, on_field, on_row, &c) != n) {
                c.errors++;
                pk_diag_add(d, PK_FAIL_INPUT, "%s:%zu:1: error: malformed CSV (%s); the file is not "
                                              "read further",
                            path, c.row_line ? c.row_line : c.line, csv_strerror(csv_error(&p)));
                c.stopped = true;
                break;
            }
            i += n;
            if (nl) {
                c.line++;
                pk_buf_reset(&c.cur_line);
            }
        }
    }
    if (ferror(f)) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: read failed", path);
        rc = -1;
    } else if (!c.stopped && !c.too_long && csv_fini(&p, on_field, on_row, &c) != 0) {
        c.errors++;
        pk_diag_add(d, PK_FAIL_INPUT, "%s:%zu:1: error: malformed CSV at the end of the file (%s)",
                    path, c.line, csv_strerror(csv_error(&p)));
    }
    if (!c.have_header && !c.errors && rc == 0) {
        c.errors++;
        pk_diag_add(d, PK_FAIL_INPUT, "%s:1:1: error: the file is empty; expected a header row", path);
    }
    csv_free(&p);
    for (size_t i = 0; i < c.n_header; i++) free(c.header[i]);
    free(c.header);
    free(c.offs);
    free(c.lens);
    free(c.ptrs);
    pk_buf_fini(&c.fields);
    pk_buf_fini(&c.cur_line);
    return rc == 0 && c.errors == 0 && !c.stopped ? 0 : -1;
}

bool pk_csv_number(const char *s, double *out)
{
    char buf[64];
    size_t n = 0;
    while (*s == ' ') s++;
    for (; *s && n < sizeof buf - 1; s++) {
        if (*s == ',') continue; /* thousands separators: "13,050" */
        buf[n++] = *s;
    }
    while (n && buf[n - 1] == ' ') n--;
    buf[n] = '\0';
    if (n == 0 || *s) return false;
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end || errno == ERANGE || !isfinite(v)) return false;
    *out = v;
    return true;
}

pk_marker pk_csv_marker(const char *s)
{
    while (*s == ' ') s++;
    if (strcmp(s, "#") == 0) return PK_MARK_TOPCODED;
    if (!*s || strcmp(s, "*") == 0 || strcmp(s, "**") == 0 || strcmp(s, "~") == 0 ||
        strcmp(s, "n/a") == 0 || strcmp(s, "—") == 0 || strcmp(s, "-") == 0)
        return PK_MARK_SUPPRESSED;
    return PK_MARK_NONE;
}
