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
    size_t line;      /* line being fed */
    pk_buf row_text;  /* owned: the raw text of the current row, all its lines (for columns) */
    size_t row_first; /* the line row_text starts on */
    bool row_ended;   /* libcsv ended a row while the current line was fed */
    size_t data_rows; /* rows after the header */
    /* header */
    char **header;    /* owned */
    size_t n_header;
    size_t header_line;
    bool have_header, stopped;
    size_t banner_rows; /* rows passed over before the header (opts.header_cell) */
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

/* Line and column (characters, 1-based) of byte `off` of the current row's text. */
static void row_locate(const pk_csv *c, size_t off, size_t *line, size_t *col)
{
    const char *s = pk_buf_str((pk_buf *)&c->row_text);
    if (off > c->row_text.len) off = c->row_text.len;
    size_t l;
    pk_text_locate(s, off, &l, col);
    *line = c->row_first + l - 1;
}

/* Byte offset in the row's text where field `k` starts, scanning with the file's quoting
 * rules; the end of the row's first line when the row has fewer fields. */
static size_t field_offset(const pk_csv *c, size_t k)
{
    const char *s = pk_buf_str((pk_buf *)&c->row_text);
    size_t i = 0, field = 0;
    bool inq = false;
    while (s[i] && field < k) {
        if (c->o->quoted && s[i] == '"') inq = !inq;
        else if (!inq && s[i] == c->o->delim) field++;
        else if (!inq && (s[i] == '\n' || s[i] == '\r')) break;
        i++;
    }
    return i;
}

/* Offset of the end of the row's text, before its line break. */
static size_t row_end_offset(const pk_csv *c)
{
    size_t n = c->row_text.len;
    while (n && (c->row_text.data[n - 1] == '\n' || c->row_text.data[n - 1] == '\r')) n--;
    return n;
}

static void report(pk_csv *c, size_t off, const char *column, const char *fmt, va_list ap)
{
    if (!quota(c)) return;
    pk_buf msg = PK_BUF_INIT;
    pk_buf_vprintf(&msg, fmt, ap);
    size_t line, col;
    row_locate(c, off, &line, &col);
    if (column && *column)
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: %s: %s", c->path, line, col, column,
                    msg.data);
    else
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:%zu:%zu: error: %s", c->path, line, col, msg.data);
    pk_buf_fini(&msg);
}

static void report_at(pk_csv *c, size_t off, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report_at(pk_csv *c, size_t off, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(c, off, column, fmt, ap);
    va_end(ap);
}

static const char *col_name(const pk_csv *c, size_t k)
{
    return k < c->n_header ? c->header[k] : NULL;
}

void pk_csv_error(pk_csv *c, const pk_csv_row *row, size_t col, const char *fmt, ...)
{
    (void)row; /* the row being delivered is always the current one */
    va_list ap;
    va_start(ap, fmt);
    report(c, field_offset(c, col), col_name(c, col), fmt, ap);
    va_end(ap);
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
    for (size_t k = 0; k < c->n_header; k++) {
        if (k) pk_buf_adds(&have, ", ");
        pk_diag_quote(&have, c->header[k], strlen(c->header[k]), 60);
    }
    if (quota(c))
        pk_diag_add(c->d, PK_FAIL_INPUT, "%s:%zu:1: error: missing column \"%s\" (the header has %s)",
                    c->path, c->header_line ? c->header_line : 1, name,
                    have.len ? have.data : "no columns");
    pk_buf_fini(&have);
    return -1;
}

/* Windows-1252's 0x80-0x9F as Unicode code points (0: undefined); 0xA0-0xFF are Latin-1's. */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Appends Windows-1252 bytes as UTF-8; an undefined byte is kept as it is, so that the UTF-8
 * check reports it where it stands. */
static void add_cp1252(pk_buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned cp = s[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_c1[cp - 0x80] ? cp1252_c1[cp - 0x80] : 0x100;
        if (cp < 0x80) {
            pk_buf_addc(b, (char)cp);
        } else if (cp == 0x100) {
            pk_buf_addc(b, (char)s[i]);
        } else if (cp < 0x800) {
            pk_buf_addc(b, (char)(0xC0 | (cp >> 6)));
            pk_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
        } else {
            pk_buf_addc(b, (char)(0xE0 | (cp >> 12)));
            pk_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
            pk_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
        }
    }
}

static void on_field(void *data, size_t len, void *p)
{
    pk_csv *c = p;
    if (c->stopped) return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->offs = pk_xrealloc(c->offs, c->cap * sizeof *c->offs);
        c->lens = pk_xrealloc(c->lens, c->cap * sizeof *c->lens);
        c->ptrs = pk_xrealloc(c->ptrs, c->cap * sizeof *c->ptrs);
    }
    c->offs[c->n] = c->fields.len;
    if (c->o->encoding == PK_CSV_WINDOWS_1252 && data)
        add_cp1252(&c->fields, data, len);
    else
        pk_buf_add(&c->fields, data ? data : "", data ? len : 0);
    /* C1 controls and U+2028/U+2029 go no further than here (pk_text_scrub) */
    bool any = false;
    for (size_t i = c->offs[c->n]; i < c->fields.len && !any; i++)
        any = ((unsigned char)c->fields.data[i] == 0xC2 ||
               (unsigned char)c->fields.data[i] == 0xE2) &&
              pk_text_c1_len(c->fields.data + i, c->fields.len - i);
    if (any) {
        pk_buf tmp = PK_BUF_INIT;
        pk_text_scrub(&tmp, c->fields.data + c->offs[c->n], c->fields.len - c->offs[c->n]);
        c->fields.len = c->offs[c->n];
        pk_buf_add(&c->fields, tmp.data ? tmp.data : "", tmp.len);
        pk_buf_fini(&tmp);
    }
    c->lens[c->n] = c->fields.len - c->offs[c->n];
    pk_buf_addc(&c->fields, '\0');
    c->n++;
}

/* Where byte `k` of field `f`'s value sits in the row's text: the field's start, past an
 * opening quote, plus k (exact unless the field holds doubled quotes before it). */
static size_t byte_offset(const pk_csv *c, size_t f, size_t k)
{
    size_t off = field_offset(c, f);
    if (c->o->quoted && off < c->row_text.len && c->row_text.data[off] == '"') off++;
    return off + k;
}

/* Whether row fields ptrs[0..n) would be the header: the first row read, or (with a
 * header_cell) the first with a cell naming it. A bad byte there stops the file: every later row
 * taken as the header would be a wrong message for each column. */
static bool is_header_row(const pk_csv *c, size_t n)
{
    if (c->have_header) return false;
    if (!c->o->header_cell) return true;
    size_t want = strlen(c->o->header_cell);
    for (size_t i = 0; i < n; i++) {
        const char *h = c->ptrs[i];
        size_t hl = c->lens[i];
        if (i == 0 && hl >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3, hl -= 3;
        while (hl && *h == ' ') h++, hl--;
        while (hl && h[hl - 1] == ' ') hl--;
        if (hl == want && memcmp(h, c->o->header_cell, hl) == 0) return true;
    }
    return false;
}

static const char *const header_stop = "; it is in the header row, so the file is not read";

static void on_row(int term, void *p)
{
    (void)term;
    pk_csv *c = p;
    size_t n = c->n;
    c->n = 0;
    c->row_ended = true;
    if (c->stopped) return;
    size_t line = c->row_first;
    for (size_t i = 0; i < n; i++) c->ptrs[i] = c->fields.data + c->offs[i];
    pk_csv_row row = {line, n, c->ptrs, c->lens};
    /* a blank line (one empty field) is not a row */
    bool blank = n == 0 || (n == 1 && c->lens[0] == 0);
    for (size_t i = 0; i < n && !blank; i++) {
        size_t bad = pk_utf8_check(c->ptrs[i], c->lens[i]);
        size_t nul = strlen(c->ptrs[i]);
        if (bad < c->lens[i] || nul < c->lens[i]) {
            size_t at = nul < bad ? nul : bad;
            bool header = is_header_row(c, n);
            const char *then = header ? header_stop : "; row skipped";
            if (nul < bad)
                report_at(c, byte_offset(c, i, at), col_name(c, i),
                          "NUL byte in a field (0x00)%s", then);
            else
                report_at(c, byte_offset(c, i, at), col_name(c, i),
                          "invalid UTF-8 (byte 0x%02X)%s", (unsigned char)c->ptrs[i][bad], then);
            blank = true;
            if (header) {
                c->stopped = true;
                return;
            }
        }
    }
    if (!blank && !c->have_header && c->o->header_cell) {
        /* a banner row above the header: passed over until a cell names the header */
        bool is_header = false;
        for (size_t i = 0; i < n && !is_header; i++) {
            const char *h = c->ptrs[i];
            size_t hl = c->lens[i];
            if (i == 0 && hl >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3, hl -= 3;
            while (hl && *h == ' ') h++, hl--;
            while (hl && h[hl - 1] == ' ') hl--;
            is_header = hl == strlen(c->o->header_cell) && memcmp(h, c->o->header_cell, hl) == 0;
        }
        if (!is_header) {
            c->banner_rows++;
            blank = true;
        }
    }
    if (!blank && !c->have_header) {
        c->have_header = true;
        c->header_line = line;
        c->n_header = n;
        c->header = pk_xcalloc(n, sizeof *c->header);
        for (size_t i = 0; i < n; i++) {
            const char *h = c->ptrs[i];
            size_t hl = c->lens[i];
            if (i == 0 && hl >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3, hl -= 3;
            while (hl && (*h == ' ')) h++, hl--;
            while (hl && h[hl - 1] == ' ') hl--;
            c->header[i] = pk_xmalloc(hl + 1);
            memcpy(c->header[i], h, hl);
            c->header[i][hl] = '\0';
        }
        for (size_t i = 0; i < n; i++) c->ptrs[i] = c->header[i]; /* trimmed, without a BOM */
        if (c->fn(c->ctx, c, &row) != 0) c->stopped = true;
    } else if (!blank) {
        size_t max_rows = c->o->max_rows ? c->o->max_rows : 500000;
        if (++c->data_rows > max_rows) {
            c->errors++;
            pk_diag_add(c->d, PK_FAIL_INPUT,
                        "%s:%zu:1: error: more than %zu rows; the file is not read further", c->path,
                        line, max_rows);
            c->stopped = true;
            pk_buf_reset(&c->fields);
            return;
        }
        if (n < c->n_header) {
            report_at(c, row_end_offset(c), NULL,
                      "expected %zu fields like the header, got %zu (%s is missing); row skipped",
                      c->n_header, n, c->header[n]);
        } else if (n > c->n_header) {
            report_at(c, field_offset(c, c->n_header), NULL,
                      "expected %zu fields like the header, got %zu; row skipped", c->n_header, n);
        } else if (c->fn(c->ctx, c, &row) != 0) {
            c->stopped = true;
        }
    }
    pk_buf_reset(&c->fields);
}

/* Why libcsv stopped, in a reader's words: a stray quote inside an unquoted field, or text
 * after a closing quote; the offset in the row's text and the field index. */
static const char *explain_parse_error(const pk_csv *c, size_t *off, size_t *field)
{
    const char *s = pk_buf_str((pk_buf *)&c->row_text);
    size_t i = 0, f = 0, start = 0;
    while (s[i]) {
        if (i == start && s[i] == '"') { /* a quoted field: to its closing quote */
            i++;
            while (s[i] && !(s[i] == '"' && s[i + 1] != '"')) i += (s[i] == '"') ? 2 : 1;
            if (!s[i]) break;
            i++; /* the closing quote */
            if (s[i] && s[i] != c->o->delim && s[i] != '\n' && s[i] != '\r') {
                *off = i, *field = f;
                return "text after the closing '\"' of a quoted field";
            }
            continue;
        }
        if (s[i] == '"') {
            *off = i, *field = f;
            return "a '\"' inside an unquoted field (quote the whole field and double the '\"')";
        }
        if (s[i] == c->o->delim) f++, start = i + 1;
        i++;
    }
    *off = 0, *field = 0;
    return NULL;
}

/* The opening quote of a quoted field left open at the end of the file. */
static size_t open_quote_offset(const pk_csv *c, size_t *field)
{
    const char *s = pk_buf_str((pk_buf *)&c->row_text);
    size_t i = 0, f = 0, start = 0, open = 0;
    bool inq = false;
    for (; s[i]; i++) {
        if (inq) {
            if (s[i] == '"' && s[i + 1] == '"') i++;
            else if (s[i] == '"') inq = false;
        } else if (s[i] == '"' && i == start) {
            inq = true;
            open = i;
            *field = f;
        } else if (s[i] == c->o->delim) {
            f++;
            start = i + 1;
        } else if (s[i] == '\n') {
            f = 0;
            start = i + 1;
        }
    }
    return open;
}

int pk_csv_read(const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx, pk_diag *d)
{
    FILE *f = pk_file_open(path, d);
    if (!f) return -1;
    int rc = pk_csv_read_stream(f, path, opts, fn, ctx, d);
    fclose(f);
    return rc;
}

int pk_csv_read_stream(FILE *f, const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx,
                       pk_diag *d)
{
    pk_csv c = {.path = path, .o = opts, .d = d, .fn = fn, .ctx = ctx, .line = 1, .row_first = 1};
    size_t max_row = opts->max_row ? opts->max_row : (1u << 20);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot start the CSV reader", path);
    csv_set_delim(&p, (unsigned char)opts->delim);
    /* libcsv grows a field's buffer by a fixed block (128 bytes by default), a copy each time:
     * quadratic for a long field. 64 KiB blocks keep a field up to the row bound cheap. */
    csv_set_blk_size(&p, 1 << 16);
    /* unquoted files (O*NET's tab text): no quote character; NUL cannot reach libcsv there,
     * because lines holding one are refused before they are fed (below) */
    if (!opts->quoted) csv_set_quote(&p, '\0');
    char chunk[1 << 16];
    size_t got;
    int rc = 0;
    bool too_long = false;
    while (!c.stopped && !too_long && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        /* feed one line at a time, so the callbacks know the line number */
        size_t i = 0;
        while (i < got && !c.stopped) {
            const char *nl = memchr(chunk + i, '\n', got - i);
            size_t n = nl ? (size_t)(nl - (chunk + i)) + 1 : got - i;
            /* blank lines end no row in libcsv: drop them so the next row starts afresh */
            if (c.row_text.len && strspn(c.row_text.data, "\r\n") == c.row_text.len)
                pk_buf_reset(&c.row_text);
            if (c.row_text.len == 0) c.row_first = c.line;
            size_t line_start = c.row_text.len;
            pk_buf_add(&c.row_text, chunk + i, n);
            if (c.row_text.len > max_row) {
                c.errors++;
                pk_diag_add(d, PK_FAIL_INPUT,
                            "%s:%zu:1: error: a row longer than %zu KiB; the file is not read further",
                            path, c.row_first, max_row >> 10);
                too_long = true;
                break;
            }
            const char *nul = opts->quoted ? NULL : memchr(chunk + i, '\0', n);
            if (nul) {
                /* refuse the line whole: in an unquoted file a row is a line */
                size_t at = line_start + (size_t)(nul - (chunk + i));
                size_t field = 0;
                for (size_t k = line_start; k < at; k++) field += c.row_text.data[k] == opts->delim;
                /* the header row (a line before any, where no header_cell is looked for) */
                bool header = !c.have_header && !opts->header_cell;
                report_at(&c, at, col_name(&c, field), "NUL byte in a field (0x00)%s",
                          header ? header_stop : "; row skipped");
                if (header) {
                    c.stopped = true;
                    break;
                }
                if (nl) {
                    pk_buf_reset(&c.row_text);
                    c.line++;
                }
                i += n;
                continue;
            }
            if (csv_parse(&p, chunk + i, n, on_field, on_row, &c) != n) {
                size_t off, field;
                const char *why = explain_parse_error(&c, &off, &field);
                if (why) {
                    report_at(&c, off, col_name(&c, field), "malformed CSV: %s; the file is not read further",
                              why);
                } else {
                    c.errors++;
                    pk_diag_add(d, PK_FAIL_INPUT, "%s:%zu:1: error: malformed CSV (%s); the file is not "
                                                  "read further",
                                path, c.row_first, csv_strerror(csv_error(&p)));
                }
                c.stopped = true;
                break;
            }
            i += n;
            if (c.row_ended) {
                pk_buf_reset(&c.row_text);
                c.row_ended = false;
            }
            if (nl) c.line++;
        }
    }
    if (ferror(f)) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: read failed", path);
        rc = -1;
    } else if (!c.stopped && !too_long && csv_fini(&p, on_field, on_row, &c) != 0) {
        size_t field = 0;
        size_t off = open_quote_offset(&c, &field);
        report_at(&c, off, col_name(&c, field),
                  "malformed CSV: a quoted field is not closed before the end of the file");
    }
    if (!c.have_header && !c.errors && rc == 0 && c.banner_rows) {
        c.errors++;
        pk_diag_add(d, PK_FAIL_INPUT,
                    c.banner_rows == 1
                        ? "%s:1:1: error: no header row: its %zu row has no column \"%s\""
                        : "%s:1:1: error: no header row: none of its %zu rows has a column \"%s\"",
                    path, c.banner_rows, opts->header_cell);
    } else if (!c.have_header && !c.errors && rc == 0) {
        c.errors++;
        pk_diag_add(d, PK_FAIL_INPUT, "%s:1:1: error: the file is empty; expected a header row", path);
    } else if (c.have_header && c.data_rows == 0 && !c.stopped && !too_long && rc == 0) {
        c.errors++;
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s:%zu:1: error: no rows after the header; expected at least one data row",
                    path, c.header_line + 1);
    }
    csv_free(&p);
    for (size_t i = 0; i < c.n_header; i++) free(c.header[i]);
    free(c.header);
    free(c.offs);
    free(c.lens);
    free(c.ptrs);
    pk_buf_fini(&c.fields);
    pk_buf_fini(&c.row_text);
    return rc == 0 && c.errors == 0 && !c.stopped ? 0 : -1;
}

/* A signed number as a spreadsheet reads one ("-1.7", "+3", "-12,500", "-3%"): a value, not a
 * formula, so it keeps its sign. */
static bool plain_number(const char *s)
{
    if (*s == '-' || *s == '+') s++;
    if (!(*s >= '0' && *s <= '9')) return false;
    while ((*s >= '0' && *s <= '9') || *s == ',') s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9') s++;
    }
    if (*s == '%') s++;
    return *s == '\0';
}

void pk_csv_field(pk_buf *b, const char *s)
{
    /* a text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a
     * leading ' and quotes, as OWASP's CSV-injection advice says; a plain number keeps its sign */
    if (strchr("=+-@\t\r", *s) && *s && !plain_number(s)) {
        pk_buf_adds(b, "\"'");
        for (; *s; s++) {
            if (*s == '"') pk_buf_addc(b, '"');
            pk_buf_addc(b, *s);
        }
        pk_buf_addc(b, '"');
        return;
    }
    if (!strpbrk(s, ",\"\r\n")) {
        pk_buf_adds(b, s);
        return;
    }
    pk_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"') pk_buf_addc(b, '"');
        pk_buf_addc(b, *s);
    }
    pk_buf_addc(b, '"');
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
