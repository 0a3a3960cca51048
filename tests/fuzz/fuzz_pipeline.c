/* fuzz_pipeline.c: the whole pipeline from a record to every output, in memory: any record the
 * reader accepts must give a kit, five citations, the Markdown brief and data.csv without a
 * crash, and text outputs that are valid UTF-8. */
#include <stdlib.h>

#include "data/buf.h"
#include "data/record.h"
#include "data/store.h"
#include "data/text.h"
#include "fuzz.h"
#include "reports/cite.h"
#include "reports/kit.h"
#include "reports/markdown.h"
#include "reports/presskit.h"

static pk_store *sample;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pk_diag d = PK_DIAG_INIT;
    if (!sample) sample = pk_store_open(NULL, NULL, &d);
    if (!sample) abort();
    const pk_sources *s = pk_store_sources(sample);
    pk_record *r = pk_record_parse("fuzz.json", (const char *)data, size, s, NULL, &d);
    if (r) {
        pk_kit k;
        pk_kit_build(&k, r, s);
        pk_buf b = PK_BUF_INIT;
        pk_kit_text(&k, &b);
        for (int c = PK_CITE_PLAIN; c <= PK_CITE_CSL_JSON; c++) pk_cite(&b, (pk_cite_style)c, r, s);
        pk_markdown_brief(&b, r, s, &k);
        pk_data_csv(&b, r);
        if (pk_utf8_check(b.data, b.len) != b.len) abort(); /* no output may cut a character */
        pk_buf_fini(&b);
        pk_kit_fini(&k);
    }
    pk_record_free(r);
    pk_diag_fini(&d);
    return 0;
}
