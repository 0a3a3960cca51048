/* fuzz_record.c: the record JSON reader (data/record_read.c) on any bytes, checked against the
 * sample's sources registry. A record that reads must write and read back to the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "data/buf.h"
#include "data/record.h"
#include "data/store.h"
#include "fuzz.h"

static pk_store *sample;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pk_diag d = PK_DIAG_INIT;
    if (!sample) sample = pk_store_open(NULL, NULL, &d); /* lives for the process */
    if (!sample) abort();
    const pk_sources *s = pk_store_sources(sample);
    pk_record *r = pk_record_parse("fuzz.json", (const char *)data, size, s, NULL, &d);
    if (r) {
        pk_buf a = PK_BUF_INIT, b = PK_BUF_INIT;
        pk_record_write(r, &a);
        pk_record *r2 = pk_record_parse("again.json", a.data, a.len, s, NULL, &d);
        if (!r2) abort(); /* what presskit writes, presskit must read */
        pk_record_write(r2, &b);
        if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) abort();
        pk_record_free(r2);
        pk_buf_fini(&a);
        pk_buf_fini(&b);
    }
    pk_record_free(r);
    pk_diag_fini(&d);
    return 0;
}
