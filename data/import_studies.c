/* import_studies.c: the AI-exposure study importers and crosswalk joins. PLACEHOLDER: each function reports that it is not written yet. */
#include "data/import.h"

#define STUB(fn)                                                                                   \
    int fn(pk_pack *p, const pk_input *in, pk_diag *d)                                             \
    {                                                                                              \
        (void)p;                                                                                   \
        return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: importer \"%s\" is not available yet",    \
                           in->file, in->importer);                                                \
    }
STUB(pk_import_scores)
STUB(pk_import_aei_tasks)
STUB(pk_import_ilo)
STUB(pk_import_cip_soc)
