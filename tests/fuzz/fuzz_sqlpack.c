/* fuzz_sqlpack.c: opening a compiled pack (data/sqlpack.c) on any bytes, then reading every
 * record it lists, as `presskit list --data FILE.sqlite` does. A file that is not a pack, or a
 * damaged one, must give messages, never a crash; one that opens must give each record it
 * lists or a message. The corpus starts from a small pack presskit built (two synthetic
 * occupations) and damaged copies of it. */
#include <stdlib.h>

#include "data/store.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = pk_fuzz_write("pack.sqlite", data, size);
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(path, NULL, &d);
    if (st) {
        size_t n;
        const char *const *codes = pk_store_codes(st, &n);
        for (size_t i = 0; i < n; i++) {
            size_t before = pk_diag_count(&d);
            pk_record *r = pk_store_load(st, codes[i], &d);
            if (!r && pk_diag_count(&d) == before)
                pk_fuzz_fail("a record failed without a message");
            pk_record_free(r);
        }
        pk_store_free(st);
    } else if (pk_diag_count(&d) == 0) {
        pk_fuzz_fail("the pack failed to open without a message");
    }
    pk_diag_fini(&d);
    return 0;
}
