/* api.c: libpresskit's public API (include/presskit/presskit.h), a thin layer over the stores,
 * the record and the kit writer, as cmark.c is over cmark's parser and renderers. The only
 * symbols libpresskit.so exports are these (reports/libpresskit.map). Part of reports/. */
#include "presskit/presskit.h"

#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"
#include "data/store.h"
#include "reports/presskit.h"

/* The public names are the internal ones: a caller's kind is presskit's exit code. */
_Static_assert((int)PRESSKIT_BAD_INPUT == (int)PK_FAIL_INPUT && (int)PRESSKIT_USAGE == (int)PK_FAIL_USAGE &&
                   (int)PRESSKIT_IO == (int)PK_FAIL_IO && (int)PRESSKIT_WARNING == (int)PK_WARN,
               "presskit_kind values are the exit codes");
_Static_assert((int)PRESSKIT_FORMAT_TXT == (int)PK_FORMAT_TXT && (int)PRESSKIT_FORMAT_MD == (int)PK_FORMAT_MD &&
                   (int)PRESSKIT_FORMAT_SVG == (int)PK_FORMAT_SVG &&
                   (int)PRESSKIT_FORMAT_PNG == (int)PK_FORMAT_PNG &&
                   (int)PRESSKIT_FORMAT_PDF == (int)PK_FORMAT_PDF &&
                   (int)PRESSKIT_FORMAT_HTML == (int)PK_FORMAT_HTML &&
                   (int)PRESSKIT_FORMAT_ALL == (int)PK_FORMAT_ALL,
               "presskit_format bits are the kit writer's");

struct presskit_messages {
    pk_diag d;
};

struct presskit_data {
    pk_store *store; /* owned */
};

struct presskit_record {
    pk_record *r; /* owned; its figures name the sources of the data it came from */
};

const char *presskit_version(void)
{
    return PRESSKIT_VERSION;
}

presskit_messages *presskit_messages_new(void)
{
    presskit_messages *m = pk_xcalloc(1, sizeof *m);
    m->d = (pk_diag)PK_DIAG_INIT;
    return m;
}

void presskit_messages_free(presskit_messages *m)
{
    if (!m) return;
    pk_diag_fini(&m->d);
    free(m);
}

void presskit_messages_clear(presskit_messages *m)
{
    if (m) pk_diag_fini(&m->d);
}

size_t presskit_messages_count(const presskit_messages *m)
{
    return m ? m->d.n : 0;
}

size_t presskit_messages_dropped(const presskit_messages *m)
{
    return m ? m->d.dropped : 0;
}

const char *presskit_message_text(const presskit_messages *m, size_t i)
{
    return m && i < m->d.n ? m->d.msgs[i].text : NULL;
}

int presskit_message_kind(const presskit_messages *m, size_t i)
{
    return m && i < m->d.n ? (int)m->d.msgs[i].kind : 0;
}

int presskit_messages_status(const presskit_messages *m)
{
    return m ? pk_diag_exit_code(&m->d) : 0;
}

/* A caller may pass no list: the messages then go to one that is dropped. */
static pk_diag *diag_of(presskit_messages *m, pk_diag *scratch)
{
    return m ? &m->d : scratch;
}

presskit_data *presskit_data_open(const char *path, const char *root, presskit_messages *m)
{
    pk_diag scratch = PK_DIAG_INIT;
    pk_store *st = pk_store_open(path, root, diag_of(m, &scratch));
    pk_diag_fini(&scratch);
    if (!st) return NULL;
    presskit_data *data = pk_xcalloc(1, sizeof *data);
    data->store = st;
    return data;
}

void presskit_data_free(presskit_data *data)
{
    if (!data) return;
    pk_store_free(data->store);
    free(data);
}

size_t presskit_data_count(const presskit_data *data)
{
    size_t n = 0;
    if (data) pk_store_codes(data->store, &n);
    return n;
}

const char *presskit_data_code(const presskit_data *data, size_t i)
{
    if (!data) return NULL;
    size_t n;
    const char *const *codes = pk_store_codes(data->store, &n);
    return i < n ? codes[i] : NULL;
}

presskit_record *presskit_record_load(presskit_data *data, const char *query, presskit_messages *m)
{
    pk_diag scratch = PK_DIAG_INIT;
    pk_diag *d = diag_of(m, &scratch);
    pk_record *r = NULL;
    if (!data || !query) pk_diag_add(d, PK_FAIL_USAGE, "presskit_record_load: error: no data or no query");
    else r = pk_store_load(data->store, query, d);
    pk_diag_fini(&scratch);
    if (!r) return NULL;
    presskit_record *rec = pk_xcalloc(1, sizeof *rec);
    rec->r = r;
    return rec;
}

void presskit_record_free(presskit_record *r)
{
    if (!r) return;
    pk_record_free(r->r);
    free(r);
}

const char *presskit_record_code(const presskit_record *r)
{
    return r ? r->r->soc : NULL;
}

const char *presskit_record_title(const presskit_record *r)
{
    return r ? r->r->title : NULL;
}

char *presskit_record_json(const presskit_record *r, size_t *len)
{
    if (!r) return NULL;
    pk_buf b = PK_BUF_INIT;
    pk_record_write(r->r, &b);
    if (len) *len = b.len;
    return pk_buf_take(&b);
}

void presskit_free(void *p)
{
    free(p);
}

int presskit_kit_write(const presskit_data *data, const presskit_record *r, const char *dir,
                       const presskit_kit_options *opts, presskit_messages *m)
{
    pk_diag scratch = PK_DIAG_INIT;
    pk_diag *d = diag_of(m, &scratch);
    int rc = -1;
    if (!data || !r || !dir || !*dir) {
        pk_diag_add(d, PK_FAIL_USAGE, "presskit_kit_write: error: no data, record or folder");
    } else if (opts && (opts->formats & ~(unsigned)PK_FORMAT_ALL)) {
        pk_diag_add(d, PK_FAIL_USAGE, "presskit_kit_write: error: unknown format bits 0x%X",
                    opts->formats & ~(unsigned)PK_FORMAT_ALL);
    } else {
        pk_kit_opts ko = {opts ? opts->formats : 0, NULL, opts ? opts->layout : NULL};
        /* a bad template is one set of messages, before any file is written */
        if ((!ko.formats || (ko.formats & PK_FORMAT_PDF)) && !pk_presskit_layout(ko.layout, d))
            rc = -1;
        else
            rc = pk_presskit_write(r->r, pk_store_sources(data->store), dir, &ko, d);
    }
    pk_diag_fini(&scratch);
    return rc;
}
