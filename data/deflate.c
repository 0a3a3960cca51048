/* deflate.c: zlib-format DEFLATE and CRC-32 over libdeflate; see deflate.h. */
#include "data/deflate.h"

#include <libdeflate.h>
#include <limits.h>
#include <stdlib.h>

#include "data/arena.h"

enum { MAX_LEVEL = 12 };

/* One compressor per level, made on first use (a compressor holds its hash tables: making one
 * per stream would cost more than compressing a small stream), freed at exit for the leak
 * checkers. */
static struct libdeflate_compressor *compressors[MAX_LEVEL + 1];
static int at_exit;

static void free_compressors(void)
{
    for (int i = 0; i <= MAX_LEVEL; i++) {
        libdeflate_free_compressor(compressors[i]);
        compressors[i] = NULL;
    }
}

int pk_zlib_compress(const void *in, size_t n, int level, pk_buf *out)
{
    if (level < 1) level = 1;
    if (level > MAX_LEVEL) level = MAX_LEVEL;
    if (n > INT_MAX) return -1;
    if (!compressors[level]) {
        compressors[level] = libdeflate_alloc_compressor(level);
        if (!compressors[level]) pk_out_of_memory(0); /* its one way to fail */
        if (!at_exit) {
            atexit(free_compressors);
            at_exit = 1;
        }
    }
    struct libdeflate_compressor *c = compressors[level];
    size_t bound = libdeflate_zlib_compress_bound(c, n);
    pk_buf_reserve(out, bound);
    size_t got = libdeflate_zlib_compress(c, in, n, out->data + out->len, bound);
    if (got == 0) return -1; /* cannot happen with the bound's room */
    out->len += got;
    out->data[out->len] = '\0';
    return 0;
}

uint32_t pk_crc32(uint32_t crc, const void *data, size_t n)
{
    return libdeflate_crc32(crc, data, n);
}

uint32_t pk_adler32(uint32_t adler, const void *data, size_t n)
{
    return libdeflate_adler32(adler, data, n);
}
