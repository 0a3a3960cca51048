/* deflate_rows.c: a DEFLATE encoder (RFC 1951, in the zlib format of RFC 1950) for images of
 * rows, as PNG compresses them; see deflate.h, pk_zlib_compress_rows.
 *
 * A chart is flat fills, straight edges and text. Nearly every byte of its rows repeats either
 * the pixel before it (a fill) or the byte one row above it (an edge running down, a repeated
 * row), so those two are looked at first, at every position, and measured eight bytes at a
 * time; only where neither reaches four bytes (text, antialiased curves) does one probe of a
 * table of where each four bytes were last seen look for a glyph or an edge drawn before. No
 * chains and no hashing inside a match: zlib and libdeflate hash every position of every match,
 * which on a chart is nearly every byte. Each block is Huffman-coded with codes built for it
 * (dynamic blocks), of at most BLOCK_SYMBOLS symbols. The same input gives the same bytes.
 * On a kit's 21 images: 4.5 times faster than zlib's level 1 for 24% fewer bytes, as small as
 * libdeflate's level 1 and 5.5 times faster (docs/performance.md, bench/bench_render.c). */
#include "data/deflate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"

enum {
    MIN_MATCH = 4, /* shorter repeats cost about as much as literals */
    MAX_MATCH = 258,
    MAX_DIST = 32768,
    BLOCK_SYMBOLS = 1 << 15,
    N_LITLEN = 286, /* 0-255 literals, 256 end of block, 257-285 lengths */
    N_DIST = 30,
    N_CLEN = 19,
    MAX_BITS = 15,
    MAX_CLEN_BITS = 7,
    HASH_BITS = 14,
};

/* A symbol as it is coded: a literal or length code (0-285), its extra bits, and for a match
 * the distance code (0-29) and its extra bits; dcode NO_DIST for a literal. */
typedef struct sym {
    uint16_t ll, lx, dx;
    uint8_t dc, pad;
} sym;
#define NO_DIST 0xFF

/* The length and distance codes of RFC 1951, 3.2.5: base values and extra bits. */
static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/* The order the code-length code's lengths are sent in (3.2.7). */
static const uint8_t clen_order[N_CLEN] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                           11, 4,  12, 3, 13, 2, 14, 1, 15};

/* The code of each length 0-258 and distance 1-32768 (by (dist - 1) >> 7 from 257 up, as zlib
 * does), filled on first use. */
static uint8_t len_codes[MAX_MATCH + 1], dist_lo[256], dist_hi[256];
static bool codes_ready;

static void make_code_tables(void)
{
    for (unsigned len = 3, c = 0; len <= MAX_MATCH; len++) {
        while (c < 28 && len_base[c + 1] <= len)
            c++;
        len_codes[len] = (uint8_t)c;
    }
    for (unsigned dist = 1, c = 0; dist <= 256; dist++) {
        while (c < 29 && dist_base[c + 1] <= dist)
            c++;
        dist_lo[dist - 1] = (uint8_t)c;
    }
    for (unsigned k = 2, c = 0; k < 256; k++) { /* distances (k << 7) + 1 .. (k + 1) << 7 */
        unsigned dist = (k << 7) + 1;
        while (c < 29 && dist_base[c + 1] <= dist)
            c++;
        dist_hi[k] = (uint8_t)c;
    }
    codes_ready = true;
}

static int len_code(unsigned len) /* 0-28 */
{
    return len_codes[len];
}

static int dist_code(unsigned dist) /* 0-29 */
{
    return dist <= 256 ? dist_lo[dist - 1] : dist_hi[(dist - 1) >> 7];
}

/* ---- bits, least significant first ---- */

/* Bits go straight into out's memory: write_block reserves the most a block can take first. */
typedef struct bits {
    pk_buf *out;
    uint64_t acc;
    unsigned n; /* bits in acc */
} bits;

static inline void put_bits(bits *b, uint32_t v, unsigned n)
{
    b->acc |= (uint64_t)v << b->n;
    b->n += n;
    if (b->n >= 32) {
        unsigned char *p = (unsigned char *)b->out->data + b->out->len;
        p[0] = (unsigned char)b->acc;
        p[1] = (unsigned char)(b->acc >> 8);
        p[2] = (unsigned char)(b->acc >> 16);
        p[3] = (unsigned char)(b->acc >> 24);
        b->out->len += 4;
        b->acc >>= 32;
        b->n -= 32;
    }
}

static void flush_bits(bits *b)
{
    pk_buf_reserve(b->out, 8);
    while (b->n > 0) {
        b->out->data[b->out->len++] = (char)(unsigned char)b->acc;
        b->acc >>= 8;
        b->n = b->n > 8 ? b->n - 8 : 0;
    }
    b->out->data[b->out->len] = '\0';
}

/* ---- Huffman codes ---- */

typedef struct node {
    uint32_t freq;
    int sym; /* >= 0 a leaf, else -1 */
    int left, right;
} node;

static int cmp_node(const void *a, const void *b)
{
    const node *x = a, *y = b;
    if (x->freq != y->freq) return x->freq < y->freq ? -1 : 1;
    return x->sym - y->sym; /* a fixed order: the same input, the same code */
}

/* Code lengths (at most max_bits) for freq[0..n), written to lens; 0 for unused symbols. A
 * Huffman tree by the two-queue method, then lengths over max_bits folded back by adjusting
 * the counts per length until the Kraft sum is exact (as zlib and miniz do), and handed out
 * again by frequency: the most frequent symbols get the shortest codes. */
static void build_lengths(const uint32_t *freq, int n, int max_bits, uint8_t *lens)
{
    node nodes[2 * N_LITLEN];
    int n_leaves = 0;
    memset(lens, 0, (size_t)n);
    for (int i = 0; i < n; i++)
        if (freq[i]) nodes[n_leaves++] = (node){freq[i], i, -1, -1};
    if (n_leaves == 0) return;
    if (n_leaves == 1) { /* one symbol still needs a one-bit code (and a second is harmless) */
        lens[nodes[0].sym] = 1;
        return;
    }
    qsort(nodes, (size_t)n_leaves, sizeof *nodes, cmp_node);
    /* two queues: the sorted leaves, then the internal nodes in the order made */
    int leaf = 0, inner = n_leaves, end = n_leaves;
    while (end - inner + (n_leaves - leaf) > 1) {
        int pick[2];
        for (int k = 0; k < 2; k++) {
            if (leaf < n_leaves && (inner >= end || nodes[leaf].freq <= nodes[inner].freq))
                pick[k] = leaf++;
            else
                pick[k] = inner++;
        }
        nodes[end] = (node){nodes[pick[0]].freq + nodes[pick[1]].freq, -1, pick[0], pick[1]};
        end++;
    }
    /* depths, from the root down (children always come before their parent) */
    int depth[2 * N_LITLEN];
    depth[end - 1] = 0;
    int count[64] = {0};
    for (int i = end - 1; i >= 0; i--) {
        if (nodes[i].sym >= 0) {
            int dd = depth[i] > 63 ? 63 : depth[i];
            count[dd]++;
        } else {
            depth[nodes[i].left] = depth[nodes[i].right] = depth[i] + 1;
        }
    }
    /* fold the lengths over max_bits back into max_bits, then restore the Kraft equality */
    for (int l = max_bits + 1; l < 64; l++) {
        count[max_bits] += count[l];
        count[l] = 0;
    }
    uint32_t kraft = 0;
    for (int l = 1; l <= max_bits; l++)
        kraft += (uint32_t)count[l] << (max_bits - l);
    while (kraft > (1u << max_bits)) {
        count[max_bits]--;
        for (int l = max_bits - 1; l > 0; l--) {
            if (count[l]) {
                count[l]--;
                count[l + 1] += 2;
                break;
            }
        }
        kraft--;
    }
    /* leaves from the most frequent: the shortest lengths first */
    int l = 1;
    for (int i = n_leaves - 1; i >= 0; i--) {
        while (l <= max_bits && count[l] == 0)
            l++;
        lens[nodes[i].sym] = (uint8_t)l;
        count[l]--;
    }
}

/* Canonical codes from lengths (3.2.2), bit-reversed for least-significant-first output. */
static void build_codes(const uint8_t *lens, int n, uint16_t *codes)
{
    int bl_count[MAX_BITS + 1] = {0};
    for (int i = 0; i < n; i++)
        bl_count[lens[i]]++;
    bl_count[0] = 0;
    uint16_t next[MAX_BITS + 1];
    unsigned code = 0;
    for (int b = 1; b <= MAX_BITS; b++) {
        code = (code + (unsigned)bl_count[b - 1]) << 1;
        next[b] = (uint16_t)code;
    }
    for (int i = 0; i < n; i++) {
        if (!lens[i]) {
            codes[i] = 0;
            continue;
        }
        unsigned c = next[lens[i]]++, r = 0;
        for (int k = 0; k < lens[i]; k++)
            r |= ((c >> k) & 1u) << (lens[i] - 1 - k);
        codes[i] = (uint16_t)r;
    }
}

/* ---- one block ---- */

/* Writes the block of syms[0..n) as a dynamic Huffman block (final when last). */
static void write_block(bits *b, const sym *syms, size_t n, bool last)
{
    uint32_t lf[N_LITLEN] = {0}, df[32] = {0}; /* df[NO_DIST & 31]: the literals, dropped */
    for (size_t i = 0; i < n; i++) {
        lf[syms[i].ll]++;
        df[syms[i].dc & 31]++;
    }
    df[NO_DIST & 31] = 0;
    lf[256] = 1;
    uint8_t ll[N_LITLEN], dl[N_DIST];
    build_lengths(lf, N_LITLEN, MAX_BITS, ll);
    build_lengths(df, N_DIST, MAX_BITS, dl);
    int hlit = N_LITLEN, hdist = N_DIST;
    while (hlit > 257 && ll[hlit - 1] == 0)
        hlit--;
    while (hdist > 1 && dl[hdist - 1] == 0)
        hdist--;
    /* the code lengths of both codes in one run, run-length coded (16, 17, 18) */
    uint8_t all[N_LITLEN + N_DIST];
    memcpy(all, ll, (size_t)hlit);
    memcpy(all + hlit, dl, (size_t)hdist);
    int total = hlit + hdist;
    uint8_t rle[N_LITLEN + N_DIST], rle_extra[N_LITLEN + N_DIST];
    int n_rle = 0;
    uint32_t cf[N_CLEN] = {0};
    for (int i = 0; i < total;) {
        int v = all[i], run = 1;
        while (i + run < total && all[i + run] == v)
            run++;
        if (v == 0 && run >= 3) {
            int k = run > 138 ? 138 : run;
            rle[n_rle] = (uint8_t)(k <= 10 ? 17 : 18);
            rle_extra[n_rle++] = (uint8_t)(k <= 10 ? k - 3 : k - 11);
            i += k;
        } else if (v != 0 && run >= 4) {
            rle[n_rle] = (uint8_t)v; /* the value once, then repeats of it */
            rle_extra[n_rle++] = 0;
            int k = run - 1 > 6 ? 6 : run - 1;
            rle[n_rle] = 16;
            rle_extra[n_rle++] = (uint8_t)(k - 3);
            i += 1 + k;
        } else {
            rle[n_rle] = (uint8_t)v;
            rle_extra[n_rle++] = 0;
            i++;
        }
    }
    for (int i = 0; i < n_rle; i++)
        cf[rle[i]]++;
    uint8_t cl[N_CLEN];
    build_lengths(cf, N_CLEN, MAX_CLEN_BITS, cl);
    uint16_t cc[N_CLEN], lc[N_LITLEN], dc[N_DIST];
    build_codes(cl, N_CLEN, cc);
    build_codes(ll, N_LITLEN, lc);
    build_codes(dl, N_DIST, dc);
    int hclen = N_CLEN;
    while (hclen > 4 && cl[clen_order[hclen - 1]] == 0)
        hclen--;
    /* the most the block can take: its header, and each symbol at 15 + 5 + 15 + 13 bits */
    pk_buf_reserve(b->out, 512 + n * 6 + 8);

    put_bits(b, last ? 1 : 0, 1);
    put_bits(b, 2, 2); /* dynamic Huffman codes */
    put_bits(b, (uint32_t)(hlit - 257), 5);
    put_bits(b, (uint32_t)(hdist - 1), 5);
    put_bits(b, (uint32_t)(hclen - 4), 4);
    for (int i = 0; i < hclen; i++)
        put_bits(b, cl[clen_order[i]], 3);
    for (int i = 0; i < n_rle; i++) {
        put_bits(b, cc[rle[i]], cl[rle[i]]);
        if (rle[i] == 16)
            put_bits(b, rle_extra[i], 2);
        else if (rle[i] == 17)
            put_bits(b, rle_extra[i], 3);
        else if (rle[i] == 18)
            put_bits(b, rle_extra[i], 7);
    }
    for (size_t i = 0; i < n; i++) {
        const sym *y = &syms[i];
        put_bits(b, lc[y->ll], ll[y->ll]);
        if (y->dc == NO_DIST) continue;
        if (len_extra[y->ll - 257]) put_bits(b, y->lx, len_extra[y->ll - 257]);
        put_bits(b, dc[y->dc], dl[y->dc]);
        if (dist_extra[y->dc]) put_bits(b, y->dx, dist_extra[y->dc]);
    }
    put_bits(b, lc[256], ll[256]);
}

static inline sym literal(unsigned char c)
{
    return (sym){c, 0, 0, NO_DIST, 0};
}

static inline sym match(size_t len, size_t dist)
{
    int c = len_code((unsigned)len), d = dist_code((unsigned)dist);
    return (sym){(uint16_t)(257 + c), (uint16_t)(len - len_base[c]),
                 (uint16_t)(dist - dist_base[d]), (uint8_t)d, 0};
}

/* ---- matching ---- */

/* How many bytes from a and b agree, at most max; eight at a time. */
static inline size_t agree(const unsigned char *a, const unsigned char *b, size_t max)
{
    size_t n = 0;
    while (n + 8 <= max) {
        uint64_t x, y;
        memcpy(&x, a + n, 8);
        memcpy(&y, b + n, 8);
        uint64_t diff = x ^ y;
        if (diff) return n + (size_t)(__builtin_ctzll(diff) >> 3); /* little-endian */
        n += 8;
    }
    while (n < max && a[n] == b[n])
        n++;
    return n;
}

int pk_zlib_compress_rows(const void *data, size_t n, size_t row_len, size_t pixel, pk_buf *out)
{
    const unsigned char *in = data;
    if (!codes_ready) make_code_tables();
    if (pixel < 1 || pixel > 8) pixel = 1;
    bool up = row_len > 0 && row_len <= MAX_DIST;
    sym *syms = pk_xmalloc(BLOCK_SYMBOLS * sizeof *syms);
    static const unsigned char head[2] = {0x78, 0x01}; /* deflate, 32 KB window, fastest */
    pk_buf_add(out, head, 2);
    bits b = {out, 0, 0};
    size_t n_syms = 0, i = 0;
    /* where four bytes were last seen, at the places neither repeat reached (positions + 1) */
    uint32_t *hash = pk_xcalloc((size_t)1 << HASH_BITS, sizeof *hash);
    while (i < n) {
        size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
        /* the byte before first: in a fill it goes as far as the row above, and a distance of
         * 1 codes in fewer bits than one of a row */
        size_t run = i >= pixel ? agree(in + i, in + i - pixel, max) : 0;
        size_t above = run < max && up && i >= row_len ? agree(in + i, in + i - row_len, max) : 0;
        size_t far = 0, far_dist = 0;
        if (run < MIN_MATCH && above < MIN_MATCH && i + 4 <= n) {
            /* neither: the last place these four bytes were seen (a glyph drawn again, the
             * same antialiased edge elsewhere), one probe */
            uint32_t v;
            memcpy(&v, in + i, 4);
            uint32_t h = (v * 2654435761u) >> (32 - HASH_BITS);
            size_t cand = hash[h];
            hash[h] = (uint32_t)(i + 1);
            if (cand && i + 1 - cand <= MAX_DIST) {
                far = agree(in + i, in + cand - 1, max);
                far_dist = i + 1 - cand;
            }
        }
        if (far >= MIN_MATCH) {
            syms[n_syms++] = match(far, far_dist);
            i += far;
        } else if (run >= MIN_MATCH || above >= MIN_MATCH) {
            /* a run a little shorter than the match above still codes in fewer bits */
            bool use_run = run >= MIN_MATCH && run + 2 >= above;
            syms[n_syms++] = use_run ? match(run, pixel) : match(above, row_len);
            i += use_run ? run : above;
        } else {
            syms[n_syms++] = literal(in[i]);
            i++;
        }
        if (n_syms == BLOCK_SYMBOLS) {
            write_block(&b, syms, n_syms, i == n);
            n_syms = 0;
        }
    }
    if (n_syms || n == 0) write_block(&b, syms, n_syms, true);
    flush_bits(&b);
    free(syms);
    free(hash);
    pk_buf_reserve(out, 4);
    uint32_t adler = pk_adler32(1, in, n);
    unsigned char tail[4] = {(unsigned char)(adler >> 24), (unsigned char)(adler >> 16),
                             (unsigned char)(adler >> 8), (unsigned char)adler};
    pk_buf_add(out, tail, 4);
    return 0;
}
