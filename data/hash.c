/* hash.c: sha256 over nettle; see hash.h. */
#include "data/hash.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

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
