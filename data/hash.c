/* hash.c: sha256 over nettle; see hash.h. */
#include "data/hash.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "data/text.h"

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((pk_sha256 *)0)->state),
               "pk_sha256 is too small for nettle's sha256 context");

void pk_sha256_init(pk_sha256 *h)
{
    sha256_init((struct sha256_ctx *)(void *)h->state);
}

void pk_sha256_add(pk_sha256 *h, const void *data, size_t len)
{
    sha256_update((struct sha256_ctx *)(void *)h->state, len, data);
}

void pk_sha256_done(pk_sha256 *h, char out[65])
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest((struct sha256_ctx *)(void *)h->state, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

void pk_sha256_hex(const void *data, size_t len, char out[65])
{
    pk_sha256 h;
    pk_sha256_init(&h);
    pk_sha256_add(&h, data, len);
    pk_sha256_done(&h, out);
}

int pk_sha256_file(const char *path, char out[65], unsigned long long *bytes, pk_diag *d)
{
    FILE *f = pk_file_open(path, d);
    if (!f) return -1;
    /* in pieces: a release file is tens of megabytes, and nothing here needs it whole */
    unsigned char chunk[1 << 16];
    pk_sha256 h;
    pk_sha256_init(&h);
    unsigned long long n = 0;
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        pk_sha256_add(&h, chunk, got);
        n += got;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot read", path);
    pk_sha256_done(&h, out);
    if (bytes) *bytes = n;
    return 0;
}
