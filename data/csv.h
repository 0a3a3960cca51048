/* csv.h: streaming CSV and tab-delimited reading with positions, over libcsv (the only file
 * that includes csv.h). Rows go to a callback as they complete; the file is never held whole, a
 * row larger than a stated bound is refused, and every problem is reported with file:line:col.
 * Columns are found by header name (pk_csv_col), never by position. Part of data/. */
#ifndef PK_CSV_H
#define PK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "data/diag.h"

typedef struct pk_csv pk_csv;

typedef struct pk_csv_row {
    size_t line;            /* 1-based line where the row starts */
    size_t n;               /* fields in this row */
    const char *const *f;   /* f[i]: field i, NUL-terminated, UTF-8-checked; borrowed for the call */
    const size_t *len;      /* byte lengths */
} pk_csv_row;

/* Called once per row, the header first (row->line == 1 unless the file starts with blank
 * lines). Return 0 to go on, non-zero to stop reading (pk_csv_read then returns -1). */
typedef int (*pk_csv_fn)(void *ctx, pk_csv *c, const pk_csv_row *row);

typedef enum pk_csv_encoding {
    PK_CSV_UTF8 = 0,    /* checked: invalid UTF-8 is reported and its row skipped */
    PK_CSV_WINDOWS_1252 /* a spreadsheet export (BLS's crosswalks): transcoded to UTF-8; its five
                           undefined bytes stay invalid and are reported */
} pk_csv_encoding;

typedef struct pk_csv_opts {
    char delim;        /* ',' or '\t' */
    bool quoted;       /* fields may be "quoted" (CSV); O*NET's tab files are not */
    size_t max_row;    /* bytes a row may take; 0: 1 MiB */
    size_t max_errors; /* stop after this many problems in the file; 0: 20 */
    size_t max_rows;   /* data rows a file may have; 0: 500,000 (the largest public file read,
                          O*NET Skills, has 62,000): bounds what an importer keeps in memory */
    pk_csv_encoding encoding; /* of the bytes; fields reach the callback as UTF-8 either way */
    /* when not NULL, the header is the first row with a cell equal to this (trimmed) and the
       rows above it are a spreadsheet export's banner, passed over unread; a file without such
       a row is an error */
    const char *header_cell;
} pk_csv_opts;

/* Reads `path`, calling fn per row. The header row must be present (an empty file is an error).
 * Rows with a different number of fields than the header are reported (line:col) and skipped.
 * Returns 0 when the file was read with no problem, -1 when any problem was reported (rows
 * that were fine have still been passed to fn). */
int pk_csv_read(const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx, pk_diag *d);
/* The same over an open stream (not closed); `path` names it in messages. */
int pk_csv_read_stream(FILE *f, const char *path, const pk_csv_opts *opts, pk_csv_fn fn, void *ctx,
                       pk_diag *d);

/* The index of the header column named `name` (exact, after trimming), or -1. */
int pk_csv_col(const pk_csv *c, const char *name);
/* Like pk_csv_col, but reports "missing column" (naming the columns there are) when absent. */
int pk_csv_need(pk_csv *c, const char *name);

/* Reports a problem with field `col` (0-based) of `row`: "path:line:col: error: COLUMN: msg". */
void pk_csv_error(pk_csv *c, const pk_csv_row *row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Reports a problem with the file as a whole: "path: error: msg". */
void pk_csv_file_error(pk_csv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *pk_csv_path(const pk_csv *c);
size_t pk_csv_errors(const pk_csv *c);

struct pk_buf;
/* Appends s as one text field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a
 * quote or a line break; as it is otherwise. For presskit's own CSV outputs (data.csv,
 * index.csv). A text that starts with =, +, -, @, a tab or a carriage return, and is not a plain
 * signed number ("-1.7", "-3%"), is written "'TEXT" (OWASP's neutralisation of formula
 * injection): a spreadsheet shows it as text and runs nothing. Numeric columns are written as
 * numbers by their callers, never through here. */
void pk_csv_field(struct pk_buf *b, const char *s);

/* Numbers as the agencies write them: "13,050", " 66430 ", "-1.7". BLS markers are not numbers:
 * the caller checks pk_csv_marker first. Returns false for anything else (no partial parses). */
bool pk_csv_number(const char *s, double *out);

typedef enum pk_marker {
    PK_MARK_NONE = 0,
    PK_MARK_SUPPRESSED, /* "*", "**", "~", "-", "n/a", "" : not available */
    PK_MARK_TOPCODED    /* "#": the value is at or above the top code */
} pk_marker;
/* What a BLS cell says when it is not a plain number. */
pk_marker pk_csv_marker(const char *s);

#endif
