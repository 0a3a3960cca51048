/* test_deflate.c: the DEFLATE encoders of data/deflate.h, inflated back by zlib (a client the
 * PNG readers share): libdeflate's, and presskit's own for image rows on inputs shaped like
 * charts (fills, edges, text-like noise, repeated rows), random bytes, tiny and empty inputs,
 * rows wider than DEFLATE's window, blocks past one block's symbols. Each must inflate to the
 * input exactly, with a correct Adler-32, and give the same bytes twice. */
#include "harness.h"

#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "data/buf.h"
#include "data/deflate.h"

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

/* True when z inflates to exactly in[0..n). */
static int inflates_to(const pk_buf *z, const unsigned char *in, size_t n)
{
    unsigned char *back = malloc(n + 1);
    uLongf got = (uLongf)n + 1;
    int rc = uncompress(back, &got, (const Bytef *)z->data, (uLong)z->len);
    int ok = rc == Z_OK && got == n && (n == 0 || memcmp(back, in, n) == 0);
    if (!ok) fprintf(stderr, "  inflate: rc %d, %lu of %zu bytes\n", rc, (unsigned long)got, n);
    free(back);
    return ok;
}

static void both(const unsigned char *in, size_t n, size_t row, const char *what)
{
    pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT, c = PK_BUF_INIT;
    CHECK(pk_zlib_compress_rows(in, n, row, 1, &a) == 0);
    CHECK(pk_zlib_compress_rows(in, n, row, 1, &b) == 0);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    int ok = inflates_to(&a, in, n);
    if (!ok)
        fprintf(stderr, "  rows encoder failed on %s (%zu bytes, rows of %zu)\n", what, n, row);
    CHECK(ok);
    pk_buf_reset(&b); /* as RGB: runs of three-byte pixels */
    CHECK(pk_zlib_compress_rows(in, n, row, 3, &b) == 0);
    CHECK(inflates_to(&b, in, n));
    for (int level = 1; level <= 12; level += 5) {
        pk_buf_reset(&c);
        CHECK(pk_zlib_compress(in, n, level, &c) == 0);
        CHECK(inflates_to(&c, in, n));
    }
    pk_buf_fini(&a);
    pk_buf_fini(&b);
    pk_buf_fini(&c);
}

/* A chart-like image: rows of a filter byte and indexes, fills with edges and noise. */
static unsigned char *chart(size_t w, size_t h, size_t *n)
{
    size_t row = w + 1;
    unsigned char *p = malloc(row * h);
    for (size_t y = 0; y < h; y++) {
        unsigned char *r = p + y * row;
        r[0] = 0;
        for (size_t x = 0; x < w; x++) {
            unsigned v = (x / 97 + y / 53) % 5;                 /* fills */
            if (x % 211 == 7 || x % 211 == 8) v = 9;            /* vertical edges */
            if (y % 150 < 12 && x % 300 < 180) v = rnd() % 256; /* text */
            if (y % 77 == 0) v = 200;                           /* a gridline */
            r[1 + x] = (unsigned char)v;
        }
        if (y % 40 == 39) memcpy(r, r - row, row); /* a repeated row */
    }
    *n = row * h;
    return p;
}

int main(void)
{
    both((const unsigned char *)"", 0, 1, "nothing");
    both((const unsigned char *)"a", 1, 1, "one byte");
    both((const unsigned char *)"\0\0\0\0\0\0\0\0\0", 9, 3, "a run");
    both((const unsigned char *)"abcabcabcabcabcabc", 18, 3, "rows alike");
    size_t n;
    unsigned char *p = chart(1200, 675, &n);
    both(p, n, 1201, "a 1200 x 675 chart");
    free(p);
    p = chart(2400, 1350, &n);
    both(p, n, 2401, "a 2400 x 1350 chart");
    free(p);
    p = chart(40000, 20, &n); /* rows wider than the window: no match up */
    both(p, n, 40001, "rows wider than 32 KB");
    free(p);
    size_t rn = 200000;
    unsigned char *r = malloc(rn);
    for (size_t i = 0; i < rn; i++)
        r[i] = (unsigned char)rnd();
    both(r, rn, 1000, "random bytes");
    for (size_t i = 0; i < rn; i++)
        r[i] = (unsigned char)(rnd() % 3); /* few symbols */
    both(r, rn, 999, "three symbols");
    for (size_t i = 0; i < rn; i++)
        r[i] = (unsigned char)(i % 251 == 0 ? rnd() : 'x');
    both(r, rn, 0, "runs, no rows");
    free(r);
    uint32_t crc = pk_crc32(0, "123456789", 9);
    CHECK(crc == 0xCBF43926u); /* the CRC-32 check value */
    CHECK(pk_adler32(1, "Wikipedia", 9) == 0x11E60398u);
    return pk_t_finish();
}
