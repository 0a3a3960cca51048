/* flow.h: blocks (headings, paragraphs, list items, tables, fixed boxes such as charts and
 * key-figure rows) poured into the frames of pages, one scene per page. Headings are kept with
 * what follows; a paragraph split across frames leaves at least two lines on each side (no
 * widow, no orphan); a table row never splits and a table that goes on repeats its header row
 * under a "(continued)" line; a block that cannot fit even an empty frame is an error, never
 * drawn off the page. Part of layouts/, above fonts/. */
#ifndef PK_FLOW_H
#define PK_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "data/diag.h"
#include "layouts/para.h"
#include "layouts/scene.h"

typedef struct pk_flow_page {
    double width, height;                     /* points */
    double top, right, bottom, left;          /* margins, points */
    double col_gap;                           /* points between columns */
} pk_flow_page;

typedef struct pk_flow pk_flow;

/* A new flow; `what` names the document in error messages ("brief for 27-4014.00"). */
pk_flow *pk_flow_new(const pk_fonts *f, const pk_flow_page *pg, const char *what);
/* Frees the flow and every page it made that was not taken. */
void pk_flow_free(pk_flow *fl);

/* The width of the current column, points: what a block is laid out to. */
double pk_flow_width(const pk_flow *fl);
/* The arena blocks may use for the flow's lifetime (paragraph layouts, strings). */
pk_arena *pk_flow_arena(pk_flow *fl);

/* The tag (pk_op.tag) of what the blocks added from now on draw, wherever and whenever the flow
 * places them (a heading waits, a box floats), and of a list item's bullet. 0 (furniture) at
 * first. A box's draw function may set its own (pk_scene_tag). */
void pk_flow_tag(pk_flow *fl, unsigned tag, unsigned label);

/* A heading: kept on the same frame as at least the first two lines (or the first rows, or the
 * whole box) of the next block; a paragraph of one or two lines right under a heading is kept
 * with it the same way, so both go with the block they introduce. mark_level >= 0 leaves an outline entry titled `mark`. */
void pk_flow_heading(pk_flow *fl, const pk_span *spans, size_t n, const pk_para_style *st,
                     double before, double after, int mark_level, const char *mark);

/* A paragraph of st->width (0: the column's width). `bullet` (or NULL) is drawn in the indent
 * st->indent leaves, on the first line: a list item with a hanging indent. Returns 0 or -1. */
int pk_flow_para(pk_flow *fl, const pk_span *spans, size_t n, const pk_para_style *st,
                 const pk_span *bullet, double after, pk_diag *d);

/* A box that is never split, `height` points tall and the column wide: draw(u, scene, x, y,
 * width) paints it. Moves to the next frame when it does not fit; -1 when taller than a frame. */
typedef void (*pk_flow_draw)(void *u, pk_scene *s, double x, double y, double w);
int pk_flow_box(pk_flow *fl, double height, pk_flow_draw draw, void *u, double after,
                pk_diag *d);

/* A box that may float (a figure, as TeX's [tp] placement): as pk_flow_box, except that when it
 * does not fit what is left of the frame and moving on would leave more than a quarter of the
 * frame empty, the blocks after it fill this frame and it goes at the top of the next one. It is
 * placed by pk_flow_float_end at the latest (the end of its section), so u must live until then.
 * Returns 1 when it floats, 0 when placed, -1 when taller than a frame. */
int pk_flow_box_float(pk_flow *fl, double height, pk_flow_draw draw, void *u, double after,
                      pk_diag *d);
/* Places a box still floating where the flow is, or at the top of the next frame. */
void pk_flow_float_end(pk_flow *fl);

typedef struct pk_table_cell {
    const pk_span *spans; /* borrowed for the call */
    size_t n;
} pk_table_cell;

typedef struct pk_table {
    const char *name;            /* for messages: "the tasks table" */
    const char *rows_path;       /* for messages, or NULL: the JSON path of the record's items
                                    the rows show, row i from item i ("$.tasks.items") */
    size_t n_cols, n_rows;
    const double *col_frac;      /* each column's share of the width; they sum to 1 */
    const pk_align *col_align;   /* per column */
    const pk_table_cell *head;   /* n_cols cells */
    const pk_table_cell *cells;  /* n_rows * n_cols, row by row */
    pk_para_style body, header;  /* width and align are set per column */
    double pad;                  /* points above and below a cell's text, and between columns */
    pk_rgba rule, header_fill, zebra; /* zebra: every other row's fill, or PK_NONE */
    const pk_span *continued;    /* the line above a repeated header ("Tasks (continued)") */
    size_t keep_rows;            /* a table of at most this many rows is never split: it moves
                                    whole to the next frame when it fits there */
    const pk_span *foot;         /* a note under the table (its source line), or NULL: kept with
                                    the last row (its first two lines), borrowed for the call */
    size_t n_foot;
    pk_para_style foot_style;    /* width 0: the column's */
    double foot_gap;             /* points between the last row and the foot */
    /* tags (pk_op.tag) of what is drawn, or NULL (0) for the flow's (pk_flow_tag): the header's
     * cells (n_cols), the body's (n_rows * n_cols), the foot's; with head_tags a header
     * repeated where the table goes on is furniture (0), as are rules, fills, "(continued)" */
    const unsigned *head_tags, *cell_tags;
    unsigned foot_tag;
} pk_table;

/* A table that may split between rows; its header row starts a frame with at least two rows,
 * and its last row goes with the foot's first lines unless that would leave a header alone.
 * Returns 0, or -1 when a row is taller than a frame. */
int pk_flow_table(pk_flow *fl, const pk_table *t, double after, pk_diag *d);

/* The height a box added now could have and stay in the current frame, under the headings
 * waiting to go with it; and the height of a whole frame. */
double pk_flow_room(const pk_flow *fl);
/* What is left of the current frame, headings waiting or not (what moving on leaves empty). */
double pk_flow_left(const pk_flow *fl);
double pk_flow_frame_height(const pk_flow *fl);

/* Vertical space (dropped at the top of a frame). */
void pk_flow_space(pk_flow *fl, double h);
/* From here on, n columns (1 to 3; 1 ends columns): a new band starts below everything so far. */
void pk_flow_columns(pk_flow *fl, int n);
/* Balanced columns: a band of columns is filled column by column, which can leave the last
 * page of the band with a full first column and an empty last one. The caller marks the band's
 * start (after pk_flow_columns) with pk_flow_band_begin, adds the band's blocks, then calls
 * pk_flow_band_rebalance: false when the columns of the band's last page are balanced (or no
 * better can be had); true when the flow has gone back to the mark to set the band again, with
 * every column but the last ending higher on that page, and the caller adds the same blocks again
 * and asks again. At most a few times; the band never ends on a later page or lower down than it
 * first did. */
void pk_flow_band_begin(pk_flow *fl);
bool pk_flow_band_rebalance(pk_flow *fl);
/* The next block starts a new page. */
void pk_flow_page_break(pk_flow *fl);

/* Ends the flow (a pending heading is placed). Returns the number of pages. */
size_t pk_flow_finish(pk_flow *fl);
/* After pk_flow_finish: the share of the last page's frame filled, 0 to 1 (in the last column,
 * when the page ends in columns). */
double pk_flow_last_fill(const pk_flow *fl);
/* ---- preflight: what the flow measures of itself as it sets (docs/templates.md) ---- */

typedef struct pk_flow_quality {
    size_t para_end_hyphen;    /* paragraphs whose last word is broken over its last two lines */
    size_t hyph_heading;       /* headings with a broken word */
    size_t hyph_refs;          /* paragraphs of citations and source lists with a broken word */
    size_t hyph_link;          /* line ends broken inside a link's text */
    size_t hyph_cells;         /* table cells with a broken word */
    size_t hyph_cells_no_gain; /* ... of them, that take as many lines unbroken */
    size_t small_split;        /* tables of at most 3 rows and lists of at most 3 items that
                                  start on one page and end on another */
    size_t widows, orphans;    /* a paragraph's last line alone at a frame's top; its first alone
                                  at a frame's foot */
    size_t overfull;           /* lines (of paragraphs, headings, cells) set wider than their box */
} pk_flow_quality;

/* The measures so far (a band set again counts once). */
const pk_flow_quality *pk_flow_quality_of(const pk_flow *fl);
/* After pk_flow_finish: the share of page i's body frame left empty, 0 to 1 (below the last
 * block of each column; the last page's too). */
double pk_flow_page_empty(const pk_flow *fl, size_t i);
/* Counts p (laid out by the caller, e.g. inside a box) in the measures. */
void pk_flow_count(pk_flow *fl, const pk_para *p);
/* Paragraphs from here on are references (citations, source lists) until turned off: a word
 * broken in one is counted as hyph_refs. */
void pk_flow_refs(pk_flow *fl, bool on);
/* A list of `items` items, `height` points tall set whole, follows (pk_flow_para with bullets),
 * until pk_flow_list_end. A list of at most 3 items that fits a frame starts where all of it
 * fits (with a heading above it). */
void pk_flow_list_begin(pk_flow *fl, size_t items, double height);
void pk_flow_list_end(pk_flow *fl);

/* Page i's scene, borrowed from the flow (draw running headers and footers into it). */
pk_scene *pk_flow_page_scene(pk_flow *fl, size_t i);

#endif
