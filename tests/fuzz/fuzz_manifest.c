/* fuzz_manifest.c: the pack manifest reader (data/pack.c) on any bytes. The manifest is loaded
 * from a scratch folder that also holds a tiny synthetic occupations file and scores file, so a
 * manifest the fuzzer makes valid runs its importers too. */
#include <stdlib.h>

#include "data/pack.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        static const char occ[] = "O*NET-SOC Code\tTitle\tDescription\n"
                                  "11-1011.00\tSynthetic Chiefs\tA synthetic fixture.\n"
                                  "27-4014.00\tSynthetic Technicians\tAnother.\n";
        static const char scores[] = "SOC Code,Score\n11-1011,0.5\n27-4014,1.25\n";
        pk_fuzz_write("occ.txt", occ, sizeof occ - 1);
        pk_fuzz_write("scores.csv", scores, sizeof scores - 1);
        ready = 1;
    }
    const char *path = pk_fuzz_write("manifest.json", data, size);
    pk_diag d = PK_DIAG_INIT;
    pk_pack *p = pk_pack_load(path, NULL, &d);
    if (p) {
        size_t n;
        const char *const *codes = pk_pack_codes(p, &n);
        for (size_t i = 0; i < n; i++) pk_record_free(pk_pack_record(p, codes[i], &d));
    }
    pk_pack_free(p);
    pk_diag_fini(&d);
    return 0;
}
