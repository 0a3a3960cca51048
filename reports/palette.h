/* palette.h: an image's colours as a PNG palette, for the PNG encoder (reports/cairo_png.c). A
 * chart is flat fills plus antialiased text and edges, a few hundred colours: one byte per pixel
 * instead of three leaves zlib a third of the input, and the file shrinks to about half.
 * Part of reports/; knows nothing of libpng. */
#ifndef PK_PALETTE_H
#define PK_PALETTE_H

#include <stddef.h>
#include <stdint.h>

/* The bound within which a palette that drops colours is taken as visually lossless for a chart:
 *  - no channel of any pixel changes by more than PK_PALETTE_MAX_ERR levels (of 255): what is
 *    remapped is an antialiased edge pixel, already a blend of its neighbours, and moves to the
 *    nearest blend the palette has; 16 is also a third of the 48 levels tests/charts/pngcmp.c
 *    tolerates, so remapping alone never makes a golden comparison count a pixel as different;
 *  - at most 1 pixel in PK_PALETTE_CHANGED_1_IN changes by more than one level (a one-level
 *    change, 0.4% of the range, is invisible anywhere; a larger one is allowed only on isolated
 *    pixels).
 * An image with more than PK_PALETTE_MAX_COUNTED colours is not flat colours and gets none. */
enum {
    PK_PALETTE_MAX = 256,
    PK_PALETTE_MAX_COUNTED = 2048,
    PK_PALETTE_MAX_ERR = 16,
    PK_PALETTE_CHANGED_1_IN = 200, /* 0.5% */
};

typedef enum pk_palette_kind {
    PK_PALETTE_NONE,     /* more colours than the bound allows: keep the RGB pixels */
    PK_PALETTE_EXACT,    /* every colour of the image (at most 256): lossless */
    PK_PALETTE_FREQUENT, /* the 256 most frequent colours; every other to its nearest */
    PK_PALETTE_MERGED,   /* the most frequent colours, skipping those within one level of one
                            kept before (antialiasing's near-duplicates), up to 256; every other
                            to its nearest */
} pk_palette_kind;

typedef struct pk_palette_slot pk_palette_slot;
typedef struct pk_palette_run pk_palette_run;

/* Caller storage: pk_palette_init, then pk_palette_fini. */
typedef struct pk_palette {
    pk_palette_kind kind;
    uint32_t rgb[PK_PALETTE_MAX]; /* the entries, 0x00RRGGBB, most frequent first (ties: the
                                     lower value first) */
    size_t n;                     /* entries in rgb; 0 for NONE */
    int bits;                     /* bits per index: 1, 2, 4 or 8, the fewest that hold n */
    size_t colors;                /* distinct colours counted (counting stops at
                                     PK_PALETTE_MAX_COUNTED + 1) */
    size_t changed_px;            /* pixels whose colour the palette changes */
    size_t changed_px_over1;      /* of those, the ones changed by more than one level */
    int max_err;                  /* the largest change of any channel of any pixel, levels */
    /* for pk_palette_row */
    const uint32_t *pixels; /* borrowed from pk_palette_init's caller */
    size_t stride, width_px, height_px;
    pk_palette_slot *slots; /* owned: colour -> (pixels, index), open addressing */
    pk_palette_run *runs;   /* owned: every row's runs as counted, or NULL when too many */
    size_t *row_runs;       /* owned: row y's runs are runs[row_runs[y] .. row_runs[y + 1]);
                               none when it repeats row y - 1 */
} pk_palette;

/* Counts the colours of width_px x height_px pixels, each a native-endian uint32 0x00RRGGBB (as
 * cairo's RGB24 keeps them; the top byte is ignored), rows stride bytes apart, and chooses the
 * first palette of EXACT, FREQUENT and MERGED that stays within the bound above, or NONE. The
 * choice depends only on the pixels. Colours are counted per run of equal pixels, and a row
 * equal to the one above adds that row's runs again, so a chart costs a small part of encoding
 * it; the runs are kept for pk_palette_row. The pixels are borrowed until pk_palette_fini.
 * Returns p->kind; call pk_palette_fini whatever it is. */
pk_palette_kind pk_palette_init(pk_palette *p, const uint32_t *pixels, size_t stride,
                                size_t width_px, size_t height_px);

/* The palette indexes of row y, packed to p->bits bits each (the first pixel in the high bits
 * of the first byte, as PNG packs them), into out: (width_px * bits + 7) / 8 bytes. Rows are
 * asked for in order; prev is row y - 1's out (NULL for the first row, or when out is the same
 * buffer every time): a row equal to the one before is copied from it, or, with prev NULL, left
 * as out holds it. Not for NONE. */
void pk_palette_row(const pk_palette *p, size_t y, const unsigned char *prev, unsigned char *out);

void pk_palette_fini(pk_palette *p);

#endif
