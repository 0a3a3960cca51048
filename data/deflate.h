/* deflate.h: DEFLATE in the zlib format, for the PNG and PDF streams, and CRC-32 for PNG
 * chunks, over libdeflate (deflate.c is the one file that includes it): whole-buffer
 * compression, faster than zlib's streaming deflate at the same or better ratio, and the same
 * bytes for the same input, level and libdeflate version. Part of data/. */
#ifndef PK_DEFLATE_H
#define PK_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "data/buf.h"

/* Appends the zlib stream (RFC 1950) of in[0..n) compressed at level (1 fastest .. 12 smallest;
 * libdeflate's scale, where 6 is zlib's default) to out. Returns 0, or -1 when the input is too
 * large for one call (more than 2 GiB) or memory runs out. The compressor for each level is made
 * once per process and kept (not thread-safe: presskit runs batches in processes). */
int pk_zlib_compress(const void *in, size_t n, int level, pk_buf *out);

/* Appends the zlib stream of an image's rows, n bytes of rows of row_len bytes each (a PNG's
 * filtered rows: row_len counts the filter byte) and pixels of `pixel` bytes (1 for indexes, 3
 * for RGB; 1-8), from presskit's own encoder for charts (deflate_rows.c): it looks for a repeat
 * of the pixel before and of the byte one row above,
 * which is nearly all a chart is, and elsewhere for where the next four bytes were last seen,
 * and Huffman-codes each block for its own statistics. On charts several times faster than
 * zlib's or libdeflate's fastest level, as small as libdeflate's; docs/performance.md has the
 * measurements. Returns 0. */
int pk_zlib_compress_rows(const void *in, size_t n, size_t row_len, size_t pixel, pk_buf *out);

/* Adler-32 (RFC 1950's checksum) of data, continuing from adler (1 to start). */
uint32_t pk_adler32(uint32_t adler, const void *data, size_t n);

/* CRC-32 (ISO 3309, as PNG uses it) of data, continuing from crc (0 to start). */
uint32_t pk_crc32(uint32_t crc, const void *data, size_t n);

#endif
