/* fuzz_csv.c: the streaming CSV/TSV reader (data/csv.c) on any bytes. The first byte picks the
 * dialect (CSV or O*NET's unquoted TSV) and a small row bound, so the oversized-row path runs
 * too; every field goes through the number and marker parsers the importers use. */
#include <stdio.h>
#include <string.h>

#include "data/csv.h"
#include "fuzz.h"

static int on_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    size_t *rows = ctx;
    if ((*rows)++ == 0) {
        pk_csv_col(c, "OCC_CODE");
        pk_csv_need(c, "A_MEDIAN");
        return 0;
    }
    for (size_t i = 0; i < row->n; i++) {
        double v;
        if (pk_csv_marker(row->f[i]) == PK_MARK_NONE && !pk_csv_number(row->f[i], &v))
            pk_csv_error(c, row, i, "not a number");
        if (strlen(row->f[i]) > row->len[i]) __builtin_trap(); /* fields are NUL-terminated */
    }
    return *rows > 100000; /* stop: a bound, as importers may */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    pk_csv_opts o = {.delim = (data[0] & 1) ? '\t' : ',', .quoted = !(data[0] & 1),
                     .max_row = (data[0] & 2) ? 64 : 0, .max_errors = (data[0] & 4) ? 3 : 0};
    FILE *f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
    if (!f) return 0;
    if (size == 1) { /* an empty stream */
        fclose(f);
        f = fmemopen((void *)"", 1, "rb");
        if (!f) return 0;
        fgetc(f);
    }
    pk_diag d = PK_DIAG_INIT;
    size_t rows = 0;
    pk_csv_read_stream(f, "fuzz.csv", &o, on_row, &rows, &d);
    fclose(f);
    pk_diag_fini(&d);
    return 0;
}
