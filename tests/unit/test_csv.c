/* test_csv.c: the streaming CSV/TSV reader (data/csv.c): positions, quoting, BOM, CRLF,
 * ragged rows, bad UTF-8, oversized rows, empty files, BLS numbers and markers. */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "data/buf.h"
#include "data/csv.h"

static char dir[] = "/tmp/pk-test-csv.XXXXXX";

static const char *write_file(const char *name, const char *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

typedef struct got {
    pk_buf rows; /* "line:f1|f2|...;" per row */
    int stop_at; /* stop after this many rows (0: never) */
    int n;
} got;

static int on_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    (void)c;
    got *g = ctx;
    pk_buf_printf(&g->rows, "%zu:", row->line);
    for (size_t i = 0; i < row->n; i++) pk_buf_printf(&g->rows, "%s%s", i ? "|" : "", row->f[i]);
    pk_buf_addc(&g->rows, ';');
    return g->stop_at && ++g->n >= g->stop_at;
}

/* Reads `data` as a file; returns the rows seen, and the messages joined by '\n' in *msgs. */
static int read_str(const char *data, size_t len, char delim, bool quoted, size_t max_row,
                    char **rows, char **msgs)
{
    const char *path = write_file("t.csv", data, len);
    pk_csv_opts o = {.delim = delim, .quoted = quoted, .max_row = max_row};
    got g = {PK_BUF_INIT, 0, 0};
    pk_diag d = PK_DIAG_INIT;
    int rc = pk_csv_read(path, &o, on_row, &g, &d);
    pk_buf m = PK_BUF_INIT;
    for (size_t i = 0; i < d.n; i++) {
        /* messages name the temporary path: keep what follows it */
        const char *t = strstr(d.msgs[i].text, "t.csv");
        pk_buf_printf(&m, "%s%s", i ? "\n" : "", t ? t : d.msgs[i].text);
    }
    *rows = pk_buf_take(&g.rows);
    *msgs = pk_buf_take(&m);
    pk_diag_fini(&d);
    return rc;
}

#define READ(data, delim, quoted) read_str(data, sizeof(data) - 1, delim, quoted, 0, &rows, &msgs)

static void basics(void)
{
    char *rows, *msgs;
    CHECK(READ("a,b\n1,\"x, y\"\n2,\"say \"\"hi\"\"\"\n", ',', true) == 0);
    CHECK_STR(rows, "1:a|b;2:1|x, y;3:2|say \"hi\";");
    CHECK_STR(msgs, "");
    free(rows), free(msgs);
    /* BOM on the header, CRLF line ends, a blank line, no final newline */
    CHECK(READ("\xEF\xBB\xBF" "code,value\r\n27-4014,\"13,050\"\r\n\r\n11-1011,5", ',', true) == 0);
    CHECK_STR(rows, "1:code|value;2:27-4014|13,050;4:11-1011|5;");
    free(rows), free(msgs);
    /* O*NET's tab files: quotes are ordinary characters */
    CHECK(READ("O*NET-SOC Code\tTask\n27-4014.00\tUse \"MIDI\" tools\n", '\t', false) == 0);
    CHECK_STR(rows, "1:O*NET-SOC Code|Task;2:27-4014.00|Use \"MIDI\" tools;");
    free(rows), free(msgs);
    /* a quoted field over two lines keeps the line it started on */
    CHECK(READ("a,b\n1,\"two\nlines\"\n3,x\n", ',', true) == 0);
    CHECK_STR(rows, "1:a|b;2:1|two\nlines;4:3|x;");
    free(rows), free(msgs);
}

static void problems(void)
{
    char *rows, *msgs;
    /* ragged rows are reported at their line and skipped; the rest is read */
    CHECK(READ("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", ',', true) == -1);
    CHECK_STR(rows, "1:a|b|c;2:1|2|3;5:10|11|12;");
    CHECK_STR(msgs, "t.csv:3:4: error: expected 3 fields like the header, got 2 (c is missing); row "
                    "skipped\n"
                    "t.csv:4:7: error: expected 3 fields like the header, got 4; row skipped");
    free(rows), free(msgs);
    /* invalid UTF-8: the row is skipped, the column is where the field starts */
    CHECK(READ("name,v\nok,1\nbad\xC3\x28,2\n", ',', true) == -1);
    CHECK_STR(rows, "1:name|v;2:ok|1;");
    CHECK_STR(msgs, "t.csv:3:4: error: name: invalid UTF-8 (byte 0xC3); row skipped");
    free(rows), free(msgs);
    /* an empty file has no header */
    CHECK(READ("", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:1:1: error: the file is empty; expected a header row");
    free(rows), free(msgs);
    /* a stray quote in a CSV field */
    CHECK(READ("a,b\n1,x\"y\n", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:2:4: error: b: malformed CSV: a '\"' inside an unquoted field (quote the "
                    "whole field and double the '\"'); the file is not read further");
    free(rows), free(msgs);
    /* a NUL in an unquoted tab file: that row is refused, the rest is read */
    CHECK(read_str("code\tTitle\n1\tok\n2\tba\0d\n3\tfine\n", 29, '\t', false, 0, &rows, &msgs) == -1);
    CHECK_STR(rows, "1:code|Title;2:1|ok;4:3|fine;");
    CHECK_STR(msgs, "t.csv:3:5: error: Title: NUL byte in a field (0x00); row skipped");
    free(rows), free(msgs);
    /* a quote left open: pointed at where it opens */
    CHECK(READ("a,b\n1,x\n2,\"never closed\n3,y\n", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:3:3: error: b: malformed CSV: a quoted field is not closed before the end "
                    "of the file");
    free(rows), free(msgs);
    /* text after a closing quote */
    CHECK(READ("a,b\n1,\"x\"y\n", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:2:6: error: b: malformed CSV: text after the closing '\"' of a quoted "
                    "field; the file is not read further");
    free(rows), free(msgs);
    /* a header and nothing else */
    CHECK(READ("a,b\n", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:2:1: error: no rows after the header; expected at least one data row");
    free(rows), free(msgs);
    /* columns on the later lines of a multi-line row */
    CHECK(READ("a,b,c\n\"x\ny\",z\n", ',', true) == -1);
    CHECK_STR(msgs, "t.csv:3:5: error: expected 3 fields like the header, got 2 (c is missing); row "
                    "skipped");
    free(rows), free(msgs);
    /* a row larger than the bound stops the file without reading it whole */
    size_t big = 3u << 20;
    char *data = malloc(big + 16);
    memcpy(data, "a\n\"", 3);
    memset(data + 3, 'x', big);
    memcpy(data + 3 + big, "\"\n", 2);
    CHECK(read_str(data, big + 5, ',', true, 1u << 20, &rows, &msgs) == -1);
    CHECK_STR(msgs, "t.csv:2:1: error: a row longer than 1024 KiB; the file is not read further");
    CHECK_STR(rows, "1:a;");
    free(data), free(rows), free(msgs);
}

static int need_cols(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    (void)ctx;
    if (row->line == 1) return pk_csv_need(c, "A_MEDIAN") < 0;
    return 0;
}

static void columns(void)
{
    const char *path = write_file("h.csv", "OCC_CODE,TOT_EMP\n1,2\n", 22);
    pk_csv_opts o = {.delim = ',', .quoted = true};
    pk_diag d = PK_DIAG_INIT;
    CHECK(pk_csv_read(path, &o, need_cols, NULL, &d) == -1);
    CHECK(d.n == 1);
    if (d.n) CHECK(strstr(d.msgs[0].text, "h.csv:1:1: error: missing column \"A_MEDIAN\" (the header "
                                          "has \"OCC_CODE\", \"TOT_EMP\")") != NULL);
    pk_diag_fini(&d);
    CHECK(pk_csv_read("/nonexistent/x.csv", &o, need_cols, NULL, &d) == -1);
    CHECK(pk_diag_exit_code(&d) == 3);
    pk_diag_fini(&d);
}

static void numbers(void)
{
    double v = 0;
    CHECK(pk_csv_number("13,050", &v) && v == 13050);
    CHECK(pk_csv_number(" 66430 ", &v) && v == 66430);
    CHECK(pk_csv_number("-1.7", &v) && v == -1.7);
    CHECK(!pk_csv_number("abc", &v));
    CHECK(!pk_csv_number("12abc", &v));
    CHECK(!pk_csv_number("", &v));
    CHECK(!pk_csv_number("1e999", &v));
    CHECK(pk_csv_marker("#") == PK_MARK_TOPCODED);
    CHECK(pk_csv_marker("*") == PK_MARK_SUPPRESSED);
    CHECK(pk_csv_marker("**") == PK_MARK_SUPPRESSED);
    CHECK(pk_csv_marker("") == PK_MARK_SUPPRESSED);
    CHECK(pk_csv_marker("66430") == PK_MARK_NONE);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    RUN(basics);
    RUN(problems);
    RUN(columns);
    RUN(numbers);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return pk_t_finish();
}
