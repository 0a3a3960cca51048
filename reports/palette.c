/* palette.c: counts an image's colours and chooses a PNG palette for it, exact or within the
 * bound palette.h states; reports/cairo_png.c writes the indexed rows. Part of reports/. */
#include "reports/palette.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"

/* The colour table: open addressing with linear probing, at most half full, 48 KB. A 16 MB
 * table indexed by colour would cost more to clear than a chart costs to count. */
enum { SLOT_BITS = 12, SLOTS = 1 << SLOT_BITS };
_Static_assert(SLOTS >= 2 * PK_PALETTE_MAX_COUNTED, "the colour table must stay half empty");
#define EMPTY UINT32_MAX    /* no colour: colours have 24 bits */
#define NO_INDEX UINT32_MAX /* a colour not (yet) in the palette */

struct pk_palette_slot {
    uint32_t rgb;   /* 0x00RRGGBB, or EMPTY */
    uint32_t n;     /* pixels of this colour (at most 16384 x 16384, see cairo_png.c) */
    uint32_t index; /* its palette entry, or NO_INDEX */
};

static size_t hash(uint32_t rgb)
{
    return (uint32_t)(rgb * 2654435761u) >> (32 - SLOT_BITS); /* Knuth's multiplicative hash */
}

/* The slot of rgb, or NULL when the image does not have it. */
static pk_palette_slot *slot_find(const pk_palette *p, uint32_t rgb)
{
    for (size_t i = hash(rgb);; i = (i + 1) & (SLOTS - 1)) {
        pk_palette_slot *s = &p->slots[i];
        if (s->rgb == rgb) return s;
        if (s->rgb == EMPTY) return NULL;
    }
}

/* The slot of rgb, taken when new; NULL when rgb would be one colour more than counted. */
static pk_palette_slot *slot_add(pk_palette *p, uint32_t rgb)
{
    for (size_t i = hash(rgb);; i = (i + 1) & (SLOTS - 1)) {
        pk_palette_slot *s = &p->slots[i];
        if (s->rgb == rgb) return s;
        if (s->rgb == EMPTY) {
            if (p->colors++ == PK_PALETTE_MAX_COUNTED) return NULL;
            s->rgb = rgb;
            return s;
        }
    }
}

static const uint32_t *row_at(const uint32_t *pixels, size_t stride, size_t y)
{
    return (const uint32_t *)(const void *)((const unsigned char *)pixels + y * stride);
}

/* The end of the run of pixels equal to v that starts at x: four pixels to a comparison (two
 * 64-bit words) while they last, as a chart's runs are tens of pixels long. */
static size_t run_end(const uint32_t *row, size_t x, size_t w, uint32_t v)
{
    uint64_t vv = (uint64_t)v << 32 | v;
    for (; x + 4 <= w; x += 4) {
        uint64_t a, b;
        memcpy(&a, row + x, sizeof a);
        memcpy(&b, row + x + 2, sizeof b);
        if ((a ^ vv) | (b ^ vv)) break;
    }
    while (x < w && row[x] == v)
        x++;
    return x;
}

struct pk_palette_run {
    uint32_t slot, len;
};

/* Counts the pixels of each colour into p->slots, one lookup per run of equal pixels; a row
 * equal to the one above (a chart's flat bands, its margins) adds that row's runs again
 * without looking at a pixel. The runs are kept for pk_palette_row while they average 8 pixels
 * or more (a chart's are 15 to 70 pixels long at 1x: 40,000 runs, 320 KB), so that indexing
 * needs no second look at the pixels. false when there are more than PK_PALETTE_MAX_COUNTED
 * colours. */
static bool count(pk_palette *p)
{
    size_t w = p->width_px, h = p->height_px, kept = 0, cap = 0, budget = w * h / 8 + w;
    pk_palette_run *cur = pk_xmalloc(w * sizeof *cur); /* the runs of the last row scanned */
    size_t n_cur = 0;
    p->row_runs = pk_xmalloc((h + 1) * sizeof *p->row_runs);
    const uint32_t *prev = NULL;
    bool ok = true, keeping = true;
    for (size_t y = 0; y < h && ok; y++) {
        const uint32_t *row = row_at(p->pixels, p->stride, y);
        p->row_runs[y] = kept;
        if (prev && memcmp(row, prev, w * sizeof *row) == 0) {
            for (size_t i = 0; i < n_cur; i++)
                p->slots[cur[i].slot].n += cur[i].len;
            continue;
        }
        n_cur = 0;
        for (size_t x = 0; x < w;) {
            uint32_t v = row[x];
            size_t x0 = x;
            x = run_end(row, x + 1, w, v);
            pk_palette_slot *s = slot_add(p, v & 0xFFFFFF);
            if (!s) {
                ok = false;
                break;
            }
            s->n += (uint32_t)(x - x0);
            cur[n_cur++] = (pk_palette_run){(uint32_t)(s - p->slots), (uint32_t)(x - x0)};
        }
        prev = row;
        if (!keeping) continue;
        if (kept + n_cur > budget) { /* not a chart's runs: pk_palette_row looks at pixels */
            keeping = false;
            free(p->runs);
            p->runs = NULL;
            continue;
        }
        if (kept + n_cur > cap) {
            cap = cap * 2 > kept + n_cur ? cap * 2 : kept + n_cur + 1024;
            cap = cap < budget ? cap : budget;
            p->runs = pk_xrealloc(p->runs, cap * sizeof *p->runs);
        }
        memcpy(p->runs + kept, cur, n_cur * sizeof *cur);
        kept += n_cur;
    }
    p->row_runs[h] = kept;
    free(cur);
    return ok;
}

/* A colour and the slot counting it. */
typedef struct entry {
    uint32_t rgb, n;
    pk_palette_slot *slot;
} entry;

/* Most pixels first; equal counts by colour value, so the order depends only on the image. */
static int by_count(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return x->rgb < y->rgb ? -1 : x->rgb > y->rgb;
}

/* The palette's channels apart, so that the distance to every entry is one loop the compiler
 * can vectorise. */
typedef struct channels {
    int r[PK_PALETTE_MAX], g[PK_PALETTE_MAX], b[PK_PALETTE_MAX];
} channels;

static void split(const pk_palette *p, channels *c)
{
    for (size_t j = 0; j < p->n; j++) {
        c->r[j] = (int)(p->rgb[j] >> 16);
        c->g[j] = (int)(p->rgb[j] >> 8 & 0xFF);
        c->b[j] = (int)(p->rgb[j] & 0xFF);
    }
}

/* The entry nearest to rgb (the first of equals) in a perceptual-ish distance: squared channel
 * differences weighted as the eye weighs them ("redmean": green most, red more in reds and blue
 * more in blues), in integers so that every machine picks the same entry. */
static uint32_t nearest(const channels *c, size_t n, uint32_t rgb)
{
    int d[PK_PALETTE_MAX];
    int r = (int)(rgb >> 16), g = (int)(rgb >> 8 & 0xFF), b = (int)(rgb & 0xFF);
    for (size_t j = 0; j < n; j++) {
        int rm = (r + c->r[j]) / 2, dr = r - c->r[j], dg = g - c->g[j], db = b - c->b[j];
        d[j] = (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8);
    }
    uint32_t best = 0;
    for (size_t j = 1; j < n; j++)
        if (d[j] < d[best]) best = (uint32_t)j;
    return best;
}

/* The largest difference of one channel, levels: what the bound limits. */
static int channel_err(uint32_t a, uint32_t b)
{
    int m = 0;
    for (int shift = 0; shift < 24; shift += 8) {
        int dlt = abs((int)(a >> shift & 0xFF) - (int)(b >> shift & 0xFF));
        m = dlt > m ? dlt : m;
    }
    return m;
}

/* With p->rgb[0..n) chosen and their slots indexed, gives every other colour of e its nearest
 * entry and adds up what that changes; false as soon as the change is beyond the bound. */
static bool map_rest(pk_palette *p, const entry *e, size_t n_e, size_t n_px)
{
    size_t limit = n_px / PK_PALETTE_CHANGED_1_IN;
    p->changed_px = p->changed_px_over1 = 0;
    p->max_err = 0;
    channels c;
    split(p, &c);
    for (size_t i = 0; i < n_e; i++) {
        if (e[i].slot->index != NO_INDEX) continue;
        uint32_t j = nearest(&c, p->n, e[i].rgb);
        int err = channel_err(e[i].rgb, p->rgb[j]);
        e[i].slot->index = j;
        p->changed_px += e[i].n;
        if (err > 1) p->changed_px_over1 += e[i].n;
        if (err > p->max_err) p->max_err = err;
        if (err > PK_PALETTE_MAX_ERR || p->changed_px_over1 > limit) return false;
    }
    return true;
}

static void keep(pk_palette *p, const entry *e)
{
    e->slot->index = (uint32_t)p->n;
    p->rgb[p->n++] = e->rgb;
}

static void unkeep_all(pk_palette *p, const entry *e, size_t n_e)
{
    for (size_t i = 0; i < n_e; i++)
        e[i].slot->index = NO_INDEX;
    p->n = 0;
}

/* true when a colour within one level of rgb in every channel is in the palette already (found
 * in the table: 26 lookups instead of a comparison with every entry) */
static bool has_near(const pk_palette *p, uint32_t rgb)
{
    int r = (int)(rgb >> 16), g = (int)(rgb >> 8 & 0xFF), b = (int)(rgb & 0xFF);
    for (int dr = -1; dr <= 1; dr++)
        for (int dg = -1; dg <= 1; dg++)
            for (int db = -1; db <= 1; db++) {
                int r2 = r + dr, g2 = g + dg, b2 = b + db;
                if ((dr | dg | db) == 0 || (unsigned)r2 > 255 || (unsigned)g2 > 255 ||
                    (unsigned)b2 > 255)
                    continue;
                const pk_palette_slot *s =
                    slot_find(p, (uint32_t)r2 << 16 | (uint32_t)g2 << 8 | (uint32_t)b2);
                if (s && s->index != NO_INDEX) return true;
            }
    return false;
}

static bool choose(pk_palette *p, size_t n_px)
{
    size_t n_e = 0;
    entry *e = pk_xmalloc(p->colors * sizeof *e);
    for (size_t i = 0; i < SLOTS; i++)
        if (p->slots[i].rgb != EMPTY)
            e[n_e++] = (entry){p->slots[i].rgb, p->slots[i].n, &p->slots[i]};
    qsort(e, n_e, sizeof *e, by_count);
    bool ok = true;
    for (size_t i = 0; i < n_e && i < PK_PALETTE_MAX; i++)
        keep(p, &e[i]);
    if (n_e <= PK_PALETTE_MAX) {
        p->kind = PK_PALETTE_EXACT;
    } else if (map_rest(p, e, n_e, n_px)) {
        p->kind = PK_PALETTE_FREQUENT;
    } else {
        /* Antialiasing makes near-duplicates (0xFBFBFB, 0xFCFCFC, 0xFEFEFE around white text):
         * one entry serves them all, and the entries freed hold the rarer blends (a coloured
         * line's edge on white) that FREQUENT had to map to a distant grey. */
        unkeep_all(p, e, n_e);
        for (size_t i = 0; i < n_e && p->n < PK_PALETTE_MAX; i++)
            if (!has_near(p, e[i].rgb)) keep(p, &e[i]);
        ok = map_rest(p, e, n_e, n_px);
        p->kind = PK_PALETTE_MERGED;
    }
    free(e);
    return ok;
}

pk_palette_kind pk_palette_init(pk_palette *p, const uint32_t *pixels, size_t stride,
                                size_t width_px, size_t height_px)
{
    memset(p, 0, sizeof *p);
    p->pixels = pixels;
    p->stride = stride;
    p->width_px = width_px;
    p->height_px = height_px;
    p->slots = pk_xmalloc(SLOTS * sizeof *p->slots);
    for (size_t i = 0; i < SLOTS; i++)
        p->slots[i] = (pk_palette_slot){EMPTY, 0, NO_INDEX};
    if (width_px == 0 || height_px == 0 || !count(p) || !choose(p, width_px * height_px)) {
        p->kind = PK_PALETTE_NONE;
        p->n = 0;
        return p->kind;
    }
    p->bits = p->n <= 2 ? 1 : p->n <= 4 ? 2 : p->n <= 16 ? 4 : 8;
    return p->kind;
}

static unsigned index_of(const pk_palette *p, uint32_t v)
{
    const pk_palette_slot *s = slot_find(p, v & 0xFFFFFF);
    return s && s->index != NO_INDEX ? s->index : 0;
}

/* Index idx for the len pixels from x on. */
static void put(const pk_palette *p, unsigned char *out, size_t x, size_t len, unsigned idx)
{
    if (p->bits == 8) {
        memset(out + x, (int)idx, len);
        return;
    }
    unsigned bits = (unsigned)p->bits, per_byte = 8 / bits;
    for (size_t end = x + len; x < end; x++)
        out[x / per_byte] |= (unsigned char)(idx << (8 - bits - (x % per_byte) * bits));
}

void pk_palette_row(const pk_palette *p, size_t y, const unsigned char *prev, unsigned char *out)
{
    size_t w = p->width_px;
    const uint32_t *row = row_at(p->pixels, p->stride, y);
    if (y > 0 && (p->runs ? p->row_runs[y] == p->row_runs[y + 1]
                          : memcmp(row, row_at(p->pixels, p->stride, y - 1), w * sizeof *row) == 0)) {
        /* it repeats the row above: out holds it, or prev does */
        if (prev && prev != out) memcpy(out, prev, (w * (size_t)p->bits + 7) / 8);
        return;
    }
    if (p->bits < 8) memset(out, 0, (w * (size_t)p->bits + 7) / 8);
    if (p->runs) {
        size_t x = 0;
        for (size_t i = p->row_runs[y]; i < p->row_runs[y + 1]; i++) {
            put(p, out, x, p->runs[i].len, p->slots[p->runs[i].slot].index);
            x += p->runs[i].len;
        }
        return;
    }
    for (size_t x = 0; x < w;) {
        uint32_t v = row[x];
        size_t x0 = x;
        x = run_end(row, x + 1, w, v);
        put(p, out, x0, x - x0, index_of(p, v));
    }
}

void pk_palette_fini(pk_palette *p)
{
    free(p->slots);
    free(p->runs);
    free(p->row_runs);
    p->slots = NULL;
    p->runs = NULL;
    p->row_runs = NULL;
}
