/* import_onet.c: the O*NET text-release importers. PLACEHOLDER: each function reports that it is not written yet. */
#include "data/import.h"

#define STUB(fn)                                                                                   \
    int fn(pk_pack *p, const pk_input *in, pk_diag *d)                                             \
    {                                                                                              \
        (void)p;                                                                                   \
        return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: importer \"%s\" is not available yet",    \
                           in->file, in->importer);                                                \
    }
STUB(pk_import_onet_titles)
STUB(pk_import_onet_tasks)
STUB(pk_import_onet_ratings)
STUB(pk_import_onet_technology)
STUB(pk_import_onet_job_zones)
STUB(pk_import_onet_education)
STUB(pk_import_onet_interests)
STUB(pk_import_onet_related)
