/* presskit.c: writes every file of a press kit; see presskit.h. Outputs are built in memory
 * and written whole, so that the manifest's hashes are of exactly what is on disk. */
#include "reports/presskit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "data/csv.h"
#include "data/hash.h"
#include "data/json_write.h"
#include "data/text.h"
#include "reports/cite.h"
#include "reports/kit.h"
#include "reports/markdown.h"
#include "reports/outdir.h"


static int csv_row(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    pk_buf *b = ctx;
    pk_csv_field(b, claim_id);
    pk_buf_addc(b, ',');
    pk_csv_field(b, label ? label : "");
    pk_buf_addc(b, ',');
    if (pk_fig_has(f)) pk_json_number(b, f->value);
    pk_buf_addc(b, ',');
    pk_csv_field(b, pk_unit_name(f->unit));
    pk_buf_addc(b, ',');
    pk_buf_adds(b, f->status == PK_FIG_TOPCODED ? "top-coded"
                   : f->status == PK_FIG_NA    ? "not-available"
                                               : "ok");
    pk_buf_addc(b, ',');
    pk_csv_field(b, f->source ? f->source : "");
    pk_buf_addc(b, ',');
    if (f->percentile >= 0) pk_json_number(b, f->percentile);
    pk_buf_addc(b, ',');
    if (f->population) pk_buf_printf(b, "%zu", f->population);
    pk_buf_addc(b, ',');
    pk_csv_field(b, f->band ? f->band : "");
    pk_buf_adds(b, "\r\n");
    return 0;
}

void pk_data_csv(pk_buf *out, const pk_record *r)
{
    /* RFC 4180: CRLF line ends, quotes doubled */
    pk_buf_adds(out, "claim_id,label,value,unit,status,source_id,percentile,population,band\r\n");
    pk_record_each_figure(r, csv_row, out);
}

typedef struct manifest_ctx {
    pk_jw *w;
    const pk_sources *s;
} manifest_ctx;

static void manifest_source(void *ctx, const char *id)
{
    manifest_ctx *m = ctx;
    const pk_source *src = pk_sources_find(m->s, id);
    pk_jw_begin_obj(m->w, true);
    pk_jw_key(m->w, "id");
    pk_jw_str(m->w, id);
    if (src && src->release) {
        pk_jw_key(m->w, "release");
        pk_jw_str(m->w, src->release);
    }
    if (src && src->accessed) {
        pk_jw_key(m->w, "accessed");
        pk_jw_str(m->w, src->accessed);
    }
    pk_jw_end_obj(m->w);
}

static void manifest(pk_buf *out, const pk_record *r, const pk_sources *s, const pk_outdir *o,
                     const char *input_sha256)
{
    pk_jw w;
    pk_jw_init(&w, out);
    pk_jw_begin_obj(&w, false);
    pk_jw_key(&w, "presskit_version");
    pk_jw_str(&w, PRESSKIT_VERSION);
    pk_jw_key(&w, "soc");
    pk_jw_str(&w, r->soc);
    pk_jw_key(&w, "title");
    pk_jw_str(&w, r->title);
    if (input_sha256) {
        pk_jw_key(&w, "input_sha256");
        pk_jw_str(&w, input_sha256);
    }
    /* no wall-clock time: a date appears only when the build asks for one (reproducible builds) */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde && strspn(sde, "0123456789") == strlen(sde)) {
        pk_jw_key(&w, "source_date_epoch");
        pk_jw_int(&w, strtol(sde, NULL, 10));
    }
    pk_jw_key(&w, "files");
    pk_jw_begin_arr(&w, false);
    for (size_t i = 0; i < o->n_files; i++) {
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "name");
        pk_jw_str(&w, o->files[i].name);
        pk_jw_key(&w, "bytes");
        pk_jw_int(&w, (long)o->files[i].bytes);
        pk_jw_key(&w, "sha256");
        pk_jw_str(&w, o->files[i].sha256);
        pk_jw_end_obj(&w);
    }
    pk_jw_end_arr(&w);
    pk_jw_key(&w, "sources");
    pk_jw_begin_arr(&w, false);
    manifest_ctx m = {&w, s};
    bool *used = calloc(s->n_items ? s->n_items : 1, sizeof *used);
    pk_sources_used(r, s, used);
    for (size_t i = 0; i < s->n_items; i++)
        if (used[i]) manifest_source(&m, s->items[i].id);
    free(used);
    pk_jw_end_arr(&w);
    pk_jw_end_obj(&w);
    pk_jw_finish(&w);
}

int pk_presskit_write(const pk_record *r, const pk_sources *s, const char *dir,
                      const pk_kit_opts *opts, pk_diag *d)
{
    unsigned formats = opts && opts->formats ? opts->formats : PK_FORMAT_ALL;
    pk_outdir o;
    if (pk_outdir_open(&o, dir, d) != 0) {
        pk_outdir_fini(&o);
        return -1;
    }
    pk_kit kit;
    pk_kit_build(&kit, r, s);
    pk_buf b = PK_BUF_INIT;
    int rc = 0;

#define EMIT(fmt, name, build)                                                                     \
    do {                                                                                           \
        if (!(formats & (fmt))) break;                                                             \
        pk_buf_reset(&b);                                                                          \
        build;                                                                                     \
        if (rc == 0) rc = pk_outdir_write(&o, name, b.data, b.len, d);                             \
    } while (0)

    EMIT(PK_FORMAT_TXT, "kit.txt", pk_kit_text(&kit, &b));
    EMIT(PK_FORMAT_TXT, "cite.txt", pk_cite(&b, PK_CITE_PLAIN, r, s));
    EMIT(PK_FORMAT_TXT, "cite-apa.txt", pk_cite(&b, PK_CITE_APA, r, s));
    EMIT(PK_FORMAT_TXT, "cite.bib", pk_cite(&b, PK_CITE_BIBTEX, r, s));
    EMIT(PK_FORMAT_TXT, "cite.ris", pk_cite(&b, PK_CITE_RIS, r, s));
    EMIT(PK_FORMAT_TXT, "cite.json", pk_cite(&b, PK_CITE_CSL_JSON, r, s));
    EMIT(PK_FORMAT_MD, "brief.md", pk_markdown_brief(&b, r, s, &kit));
    EMIT(PK_FORMAT_TXT, "data.csv", pk_data_csv(&b, r));
#undef EMIT
    if (rc == 0) {
        pk_buf_reset(&b);
        manifest(&b, r, s, &o, opts ? opts->input_sha256 : NULL);
        rc = pk_outdir_write(&o, "manifest.json", b.data, b.len, d);
    }
    pk_buf_fini(&b);
    pk_kit_fini(&kit);
    pk_outdir_fini(&o);
    return rc;
}

void pk_kit_input_hash(const pk_record *r, const char *store_fingerprint, unsigned formats,
                       char out[65])
{
    pk_buf b = PK_BUF_INIT;
    pk_buf_printf(&b, "presskit %s\nformats %u\nstore %s\n", PRESSKIT_VERSION,
                  formats ? formats : PK_FORMAT_ALL, store_fingerprint ? store_fingerprint : "");
    pk_record_write(r, &b);
    pk_sha256_hex(b.data, b.len, out);
    pk_buf_fini(&b);
}

bool pk_kit_is_current(const char *dir, const char *sha)
{
    /* manifest.json is presskit's own output in a fixed form: a text scan is enough */
    pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
    pk_diag d = PK_DIAG_INIT;
    pk_buf_printf(&path, "%s/manifest.json", dir);
    bool ok = pk_file_read(path.data, 1 << 20, &text, &d) == 0;
    if (ok) {
        char want[96];
        snprintf(want, sizeof want, "\"input_sha256\": \"%s\"", sha);
        ok = strstr(text.data, want) != NULL;
    }
    static const char item[] = "{ \"name\": \"";
    for (const char *p = ok ? text.data : NULL; p && ok && (p = strstr(p, item));) {
        p += sizeof item - 1;
        const char *end = strchr(p, '"');
        const char *bytes = end ? strstr(end, "\"bytes\": ") : NULL;
        if (!end || !bytes) break;
        pk_buf f = PK_BUF_INIT;
        pk_buf_printf(&f, "%s/%.*s", dir, (int)(end - p), p);
        struct stat st;
        ok = stat(f.data, &st) == 0 && (long long)st.st_size == atoll(bytes + 9);
        pk_buf_fini(&f);
        p = end;
    }
    pk_buf_fini(&path);
    pk_buf_fini(&text);
    pk_diag_fini(&d);
    return ok;
}
