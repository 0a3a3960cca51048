/* import_bls.c: the BLS importers (OEWS national and sectors, Employment Projections). PLACEHOLDER: each function reports that it is not written yet. */
#include "data/import.h"

#define STUB(fn)                                                                                   \
    int fn(pk_pack *p, const pk_input *in, pk_diag *d)                                             \
    {                                                                                              \
        (void)p;                                                                                   \
        return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: importer \"%s\" is not available yet",    \
                           in->file, in->importer);                                                \
    }
STUB(pk_import_oews_national)
STUB(pk_import_oews_sectors)
STUB(pk_import_ep_projections)
STUB(pk_import_ep_openings)
