/* test_flow.c: pagination (layouts/flow.c): a table's note stays with its last row without
 * leaving a header alone, and a band of columns is balanced on its last page without ending
 * lower, on a later page, or with a column left empty. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>

#include "layouts/flow.h"

static pk_fonts *F;
static int REG;

/* A 300 x 400 pt page with 20 pt margins: a 360 pt frame. */
static const pk_flow_page PAGE = {300, 400, 20, 20, 20, 20, 12};

static pk_span sp(const char *text)
{
    return (pk_span){text, REG, 9, PK_RGB(0x222222), NULL};
}

/* Where the text op starting with `text` is: page index (or -1), x and baseline y. */
static int find(pk_flow *fl, size_t n_pages, const char *text, double *x, double *y)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n_pages; i++) {
        const pk_scene *s = pk_flow_page_scene(fl, i);
        for (size_t j = 0; j < s->n_ops; j++) {
            const pk_op *op = &s->ops[j];
            if (op->kind == PK_OP_TEXT && strncmp(op->text, text, n) == 0 &&
                (op->text[n] == '\0' || op->text[n] == ' ')) {
                *x = op->x, *y = op->y;
                return (int)i;
            }
        }
    }
    return -1;
}

/* A one-column table of n rows named "rN", with a note "Note" under it (or none). */
static int table(pk_flow *fl, size_t n, bool note, size_t keep_rows)
{
    static char names[64][8];
    static pk_span spans[64];
    static pk_table_cell cells[64];
    for (size_t i = 0; i < n && i < 64; i++) {
        snprintf(names[i], sizeof names[i], "r%zu", i + 1);
        spans[i] = sp(names[i]);
        cells[i] = (pk_table_cell){&spans[i], 1};
    }
    static const double frac[] = {1};
    static const pk_align al[] = {PK_ALIGN_LEFT};
    pk_span hs = sp("Head"), cont = sp("Cont"), foot = sp("Note");
    pk_table_cell hc = {&hs, 1};
    pk_table t = {.name = "the test table", .n_cols = 1, .n_rows = n, .col_frac = frac,
                  .col_align = al, .head = &hc, .cells = cells,
                  .body = {0, 12, PK_ALIGN_LEFT, NULL, 0}, .header = {0, 12, PK_ALIGN_LEFT, NULL, 0},
                  .pad = 2, .rule = PK_NONE, .header_fill = PK_NONE, .zebra = PK_NONE,
                  .continued = &cont, .keep_rows = keep_rows,
                  .foot = note ? &foot : NULL, .n_foot = note ? 1 : 0,
                  .foot_style = {0, 12, PK_ALIGN_LEFT, NULL, 0}, .foot_gap = 4};
    pk_diag d = PK_DIAG_INIT;
    int rc = pk_flow_table(fl, &t, 6, &d);
    pk_diag_fini(&d);
    return rc;
}

static void no_draw(void *u, pk_scene *s, double x, double y, double w)
{
    (void)u, (void)s, (void)x, (void)y, (void)w;
}

/* Rows and the header are 16 pt (12 leading, 2 + 2 padding); the frame is 360 pt, from y = 20. */
static void test_note_kept(void)
{
    pk_span s1 = sp("Top");
    pk_para_style st = {0, 12, PK_ALIGN_LEFT, NULL, 0};
    pk_diag d = PK_DIAG_INIT;
    double x, y_row, y_note, y19, yc;
    /* "Top" (12 pt), the header and 19 rows end at y = 352: the 20th row fits (16 pt) but not
     * with the note (16 + 4 + 12); it does not go on alone under a repeated header either: the
     * 19th and 20th go on to page 2 together, under "Cont" and the header */
    pk_flow *fl = pk_flow_new(F, &PAGE, "test");
    CHECK(pk_flow_para(fl, &s1, 1, &st, NULL, 0, &d) == 0);
    CHECK(table(fl, 20, true, 0) == 0);
    size_t n = pk_flow_finish(fl);
    int p_row = find(fl, n, "r20", &x, &y_row), p_note = find(fl, n, "Note", &x, &y_note);
    CHECK(n == 2 && find(fl, n, "r18", &x, &y19) == 0 && find(fl, n, "r19", &x, &y19) == 1 &&
          p_row == 1 && p_note == 1);
    CHECK(y_note > y_row && find(fl, n, "Cont", &x, &yc) == 1 && yc < y_row);
    pk_flow_free(fl);

    /* without a note the 20th row stays on page 1 */
    fl = pk_flow_new(F, &PAGE, "test");
    CHECK(pk_flow_para(fl, &s1, 1, &st, NULL, 0, &d) == 0);
    CHECK(table(fl, 20, false, 0) == 0);
    n = pk_flow_finish(fl);
    CHECK(n == 1 && find(fl, n, "r20", &x, &y_row) == 0);
    pk_flow_free(fl);

    /* a one-row table 40 pt from the foot: header and row fit (32 pt), with the note (48) they
     * go to page 2 together rather than leave the note behind */
    for (int note = 0; note < 2; note++) {
        fl = pk_flow_new(F, &PAGE, "test");
        CHECK(pk_flow_box(fl, 320, no_draw, NULL, 0, &d) == 0);
        CHECK(table(fl, 1, note, 0) == 0);
        n = pk_flow_finish(fl);
        double yh;
        int ph = find(fl, n, "Head", &x, &yh), pr = find(fl, n, "r1", &x, &y_row);
        if (note)
            CHECK(n == 2 && ph == 1 && pr == 1 && find(fl, n, "Note", &x, &y_note) == 1);
        else
            CHECK(n == 1 && ph == 0 && pr == 0);
        pk_flow_free(fl);
    }
    pk_diag_fini(&d);
}

/* A short table kept whole, low on a page, while a box floats to the next one: below the box
 * it no longer fits whole, so it starts there and goes on to a third page, rather than leave
 * the box alone on the second. The frame is 360 pt: a 200 pt box, a 300 pt box that floats
 * (160 pt left), an 80 pt box (80 left: under a quarter, so the table would move whole), then
 * a header and 10 rows (176 pt); below the floated box on page 2 are 60 pt, room for the
 * header and two rows. */
static void test_table_under_float(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_flow *fl = pk_flow_new(F, &PAGE, "test");
    CHECK(pk_flow_box(fl, 200, no_draw, NULL, 0, &d) == 0);
    CHECK(pk_flow_box_float(fl, 300, no_draw, NULL, 0, &d) == 1);
    CHECK(pk_flow_box(fl, 80, no_draw, NULL, 0, &d) == 0);
    CHECK(table(fl, 10, false, 12) == 0);
    pk_flow_float_end(fl);
    size_t n = pk_flow_finish(fl);
    double x, yh, y1, y10;
    int ph = find(fl, n, "Head", &x, &yh), p1 = find(fl, n, "r1", &x, &y1),
        p10 = find(fl, n, "r10", &x, &y10);
    CHECK(n == 3 && ph == 1 && p1 == 1 && yh > 300 && p10 == 2);
    pk_flow_free(fl);
    pk_diag_fini(&d);
}

/* A heading over a three-line paragraph with room at the foot for the heading and two lines:
 * the paragraph cannot split (two lines, then a widow), so the heading goes to the next page
 * with it, never left as a page's last line. Four lines split two and two, under the heading. */
static void test_heading_kept(void)
{
    pk_para_style st = {45, 12, PK_ALIGN_LEFT, NULL, 0}; /* a word a line */
    pk_diag d = PK_DIAG_INIT;
    static const char *const words[] = {"Alpha Bravo Charlie", "Alpha Bravo Charlie Delta"};
    for (int k = 0; k < 2; k++) {
        pk_flow *fl = pk_flow_new(F, &PAGE, "test");
        /* 360 pt frame: a 318 pt box leaves 42: the heading (12 + 4 after) and two lines (24) */
        CHECK(pk_flow_box(fl, 318, no_draw, NULL, 0, &d) == 0);
        pk_span h = sp("Heading"), body = sp(words[k]);
        pk_para *lines = pk_para_layout(pk_flow_arena(fl), F, &body, 1, &st);
        CHECK(pk_para_lines(lines) == (size_t)(3 + k));
        pk_flow_heading(fl, &h, 1, &st, 0, 4, -1, NULL);
        CHECK(pk_flow_para(fl, &body, 1, &st, NULL, 0, &d) == 0);
        size_t n = pk_flow_finish(fl);
        double x, yh, ya;
        int ph = find(fl, n, "Heading", &x, &yh), pa = find(fl, n, "Alpha", &x, &ya);
        CHECK(n == 2 && pa == ph && yh < ya);
        CHECK(ph == (k == 0 ? 1 : 0)); /* three lines go whole to page 2, four split */
        pk_flow_free(fl);
    }
    pk_diag_fini(&d);
}

/* The columns of page `pg` from the ops: the lowest baseline of a row or the note in each
 * column (x left of the middle: the first), and the rows in each. */
static void columns_of(pk_flow *fl, size_t pg, double *left, double *right, size_t *n_left,
                       size_t *n_right)
{
    const pk_scene *s = pk_flow_page_scene(fl, pg);
    *left = *right = 0, *n_left = *n_right = 0;
    for (size_t j = 0; j < s->n_ops; j++) {
        const pk_op *op = &s->ops[j];
        if (op->kind != PK_OP_TEXT) continue;
        bool row = op->text[0] == 'r', note = strcmp(op->text, "Note") == 0;
        if (!row && !note) continue;
        bool l = op->x < PAGE.width / 2;
        if (l) *left = fmax(*left, op->y);
        else *right = fmax(*right, op->y);
        if (row) ++*(l ? n_left : n_right);
    }
}

/* A band of two columns holding one table of n rows, balanced as the brief does it. Returns the
 * page count. */
static size_t band(pk_flow *fl, size_t n, size_t keep_rows, bool balance, int *emissions)
{
    pk_span s1 = sp("Top");
    pk_para_style st = {0, 12, PK_ALIGN_LEFT, NULL, 0};
    pk_diag d = PK_DIAG_INIT;
    pk_flow_para(fl, &s1, 1, &st, NULL, 0, &d);
    pk_flow_columns(fl, 2);
    if (balance) pk_flow_band_begin(fl);
    *emissions = 0;
    pk_span h = sp("Heading");
    do {
        /* a heading with space above, which a column's top drops */
        pk_flow_heading(fl, &h, 1, &st, 20, 4, -1, NULL);
        table(fl, n, true, keep_rows);
        ++*emissions;
    } while (balance && pk_flow_band_rebalance(fl));
    pk_flow_columns(fl, 1);
    pk_span s2 = sp("After");
    pk_flow_para(fl, &s2, 1, &st, NULL, 0, &d);
    pk_diag_fini(&d);
    return pk_flow_finish(fl);
}

static void test_balance(void)
{
    int em;
    /* 12 rows: all in the left column when unbalanced */
    pk_flow *fl = pk_flow_new(F, &PAGE, "test");
    size_t n = band(fl, 12, 0, false, &em);
    double l, r, y_after0, x;
    size_t nl, nr;
    columns_of(fl, 0, &l, &r, &nl, &nr);
    CHECK(n == 1 && nl == 12 && nr == 0);
    CHECK(find(fl, n, "After", &x, &y_after0) == 0);
    pk_flow_free(fl);

    fl = pk_flow_new(F, &PAGE, "test");
    n = band(fl, 12, 0, true, &em);
    columns_of(fl, 0, &l, &r, &nl, &nr);
    double y_after;
    CHECK(n == 1 && nl + nr == 12 && nl >= 5 && nr >= 5);
    CHECK(fabs(l - r) <= 20); /* within a row and the repeated header's lines */
    CHECK(em >= 2 && em <= 5);
    /* what follows the band moves up */
    CHECK(find(fl, n, "After", &x, &y_after) == 0 && y_after < y_after0 - 50);
    double yn;
    CHECK(find(fl, n, "Note", &x, &yn) == 0 && x > PAGE.width / 2); /* with the last row */
    pk_flow_free(fl);

    /* a table kept whole cannot be balanced: it stays in the first column, none left empty */
    fl = pk_flow_new(F, &PAGE, "test");
    n = band(fl, 6, 12, true, &em);
    columns_of(fl, 0, &l, &r, &nl, &nr);
    CHECK(n == 1 && nl == 6 && nr == 0);
    pk_flow_free(fl);

    /* a band over two pages: page 1 is full in both columns and left as it is; page 2 balanced */
    pk_flow *plain = pk_flow_new(F, &PAGE, "test");
    size_t n0 = band(plain, 50, 0, false, &em);
    fl = pk_flow_new(F, &PAGE, "test");
    n = band(fl, 50, 0, true, &em);
    CHECK(n0 == 2 && n == 2);
    CHECK(pk_flow_page_scene(fl, 0)->n_ops == pk_flow_page_scene(plain, 0)->n_ops);
    size_t pl, pr;
    double a, b;
    columns_of(plain, 1, &a, &b, &pl, &pr);
    columns_of(fl, 1, &l, &r, &nl, &nr);
    CHECK(pr == 0 && pl > 4); /* unbalanced: the rest of the rows in the left column */
    CHECK(nl + nr == pl && nr > 0 && fabs(l - r) <= 20);
    pk_flow_free(plain);
    pk_flow_free(fl);
}

/* A box that draws a text op named by u, to be found. */
static void named_box(void *u, pk_scene *s, double x, double y, double w)
{
    (void)w;
    pk_scene_text(s, x, y + 10, REG, 9, PK_RGB(0x222222), PK_ANCHOR_START, (const char *)u);
}

/* Preflight (docs/templates.md): what the flow measures, and the rules that meet its goals. */
static void test_preflight(void)
{
    pk_para_style st = {0, 12, PK_ALIGN_LEFT, NULL, 0};
    pk_diag d = PK_DIAG_INIT;
    double x, y;
    pk_span para = sp("Filler");
    pk_span dot = sp("*");

    /* a list of 3 items that does not fit what is left of the page starts on the next one,
     * whole; the frame is 360 pt: 28 lines of 12 pt leave 24 pt, two of the three items */
    pk_flow *fl = pk_flow_new(F, &PAGE, "test");
    for (int i = 0; i < 28; i++) pk_flow_para(fl, &para, 1, &st, NULL, 0, &d);
    static const char *items[3] = {"ItemA", "ItemB", "ItemC"};
    pk_flow_list_begin(fl, 3, 36);
    for (int i = 0; i < 3; i++) {
        pk_span it = sp(items[i]);
        pk_flow_para(fl, &it, 1, &st, &dot, 0, &d);
    }
    pk_flow_list_end(fl);
    size_t n = pk_flow_finish(fl);
    CHECK(n == 2 && find(fl, n, "ItemA", &x, &y) == 1 && find(fl, n, "ItemC", &x, &y) == 1);
    CHECK(pk_flow_quality_of(fl)->small_split == 0);
    /* the first page's empty share: 24 of 360 pt below the last line */
    CHECK(fabs(pk_flow_page_empty(fl, 0) - 24.0 / 360) < 0.005);
    pk_flow_free(fl);

    /* the same list, too tall to move whole (told 400 pt): it splits, and the split is counted */
    fl = pk_flow_new(F, &PAGE, "test");
    for (int i = 0; i < 28; i++) pk_flow_para(fl, &para, 1, &st, NULL, 0, &d);
    pk_flow_list_begin(fl, 3, 400);
    for (int i = 0; i < 3; i++) {
        pk_span it = sp(items[i]);
        pk_flow_para(fl, &it, 1, &st, &dot, 0, &d);
    }
    pk_flow_list_end(fl);
    n = pk_flow_finish(fl);
    CHECK(find(fl, n, "ItemA", &x, &y) == 0 && find(fl, n, "ItemC", &x, &y) == 1);
    CHECK(pk_flow_quality_of(fl)->small_split == 1);
    pk_flow_free(fl);

    /* a floating box that misses the room left (half the frame) goes to the next page's top
     * while the paragraph after it fills this one; a plain box leaves the half empty */
    for (int floating = 0; floating < 2; floating++) {
        fl = pk_flow_new(F, &PAGE, "test");
        for (int i = 0; i < 15; i++) pk_flow_para(fl, &para, 1, &st, NULL, 0, &d);
        int rc = floating ? pk_flow_box_float(fl, 250, named_box, (void *)"Chart", 0, &d)
                          : pk_flow_box(fl, 250, named_box, (void *)"Chart", 0, &d);
        CHECK(rc == (floating ? 1 : 0));
        pk_span after = sp("After");
        pk_flow_para(fl, &after, 1, &st, NULL, 0, &d);
        pk_flow_float_end(fl);
        n = pk_flow_finish(fl);
        double yc, ya;
        CHECK(find(fl, n, "Chart", &x, &yc) == 1 && yc < 40);
        CHECK(find(fl, n, "After", &x, &ya) == (floating ? 0 : 1));
        if (floating) CHECK(pk_flow_page_empty(fl, 0) < 0.5);
        else CHECK(pk_flow_page_empty(fl, 0) > 0.49);
        pk_flow_free(fl);
    }
    pk_diag_fini(&d);
    (void)no_draw;
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    F = pk_fonts_new();
    REG = pk_fonts_load(F, PK_DEFAULT_FAMILY, false, &d);
    CHECK(REG >= 0);
    if (REG >= 0) {
        RUN(test_note_kept);
        RUN(test_heading_kept);
        RUN(test_table_under_float);
        RUN(test_balance);
        RUN(test_preflight);
    }
    pk_fonts_free(F);
    pk_diag_fini(&d);
    return pk_t_finish();
}
