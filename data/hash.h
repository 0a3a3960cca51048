/* hash.h: sha256 (nettle; hash.c is the one file that includes it), for manifest.json's file
 * hashes and the fingerprints that let a batch skip an unchanged occupation. Part of data/. */
#ifndef PK_HASH_H
#define PK_HASH_H

#include <stddef.h>

#include "data/diag.h"

typedef struct pk_sha256 {
    _Alignas(max_align_t) unsigned char state[128]; /* nettle's context, kept opaque here */
} pk_sha256;

/* sha256 of data as 64 lowercase hex digits plus NUL. */
void pk_sha256_hex(const void *data, size_t len, char out[65]);

/* Incremental form: init, add any number of pieces, then the hex digest. */
void pk_sha256_init(pk_sha256 *h);
void pk_sha256_add(pk_sha256 *h, const void *data, size_t len);
void pk_sha256_done(pk_sha256 *h, char out[65]);

/* sha256 of the file at path, read in pieces (a release file need not fit in memory twice), and
 * its size in bytes (bytes may be NULL). Returns 0, or -1 with a PK_FAIL_IO message naming the
 * file. */
int pk_sha256_file(const char *path, char out[65], unsigned long long *bytes, pk_diag *d);

#endif
