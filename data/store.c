/* store.c: data folders, single record files and the embedded sample; see store.h. */
#include "data/store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/buf.h"
#include "data/hash.h"
#include "data/pack.h"
#include "data/sqlpack.h"
#include "data/text.h"

struct pk_store {
    char *name;        /* owned: folder as given, with a trailing '/' ("data/sample/") */
    char *single;      /* owned: the one record file, when opened on a file; else NULL */
    bool embedded;
    pk_sources *sources; /* owned (NULL for a pack: the pack owns its registry) */
    pk_pack *pack;       /* owned: when opened on a pack manifest (maybe only its list) */
    pk_sqlpack *sql;     /* owned: when opened on a compiled pack */
    char *root;          /* owned: --root as given, for a pack loaded later; or NULL */
    char fingerprint[65]; /* sha256 of the registry's bytes (a pack: of the manifest's) */
    char pack_fp[65];    /* a pack's fingerprint (pk_pack_fingerprint), once computed */
    char **codes;        /* owned, sorted */
    size_t n_codes;
};

const struct pk_pack *pk_store_pack(const pk_store *s)
{
    return s->pack;
}

/* A pack opened for its list only is loaded whole on first need of a record. */
static int load_whole(pk_store *s, pk_diag *d)
{
    if (!s->pack || pk_pack_is_full(s->pack)) return 0;
    pk_pack *full = pk_pack_load(s->name, s->root, d);
    if (!full) return -1;
    pk_pack_free(s->pack);
    s->pack = full;
    return 0;
}

static bool is_record_name(const char *name, size_t *code_len)
{
    size_t n = strlen(name);
    if (n != 15 || strcmp(name + 10, ".json") != 0) return false;
    char code[11];
    memcpy(code, name, 10);
    code[10] = '\0';
    *code_len = 10;
    return pk_soc_valid(code);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_code(pk_store *s, const char *code, size_t n)
{
    s->codes = pk_xrealloc(s->codes, (s->n_codes + 1) * sizeof *s->codes);
    char *c = pk_xmalloc(n + 1);
    memcpy(c, code, n);
    c[n] = '\0';
    s->codes[s->n_codes++] = c;
}

static const pk_embedded_file *embedded(const char *name)
{
    for (const pk_embedded_file *f = pk_embedded_sample; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

/* Reads a file of the store into `out`: from disk, or from the embedded copy. */
static int read_file(const pk_store *s, const char *file, size_t max, pk_buf *out, char **path,
                     pk_diag *d)
{
    pk_buf p = PK_BUF_INIT;
    pk_buf_printf(&p, "%s%s", s->name, file);
    *path = pk_buf_take(&p);
    if (s->embedded) {
        const pk_embedded_file *f = embedded(file);
        if (!f) return pk_diag_add(d, PK_FAIL_IO, "%s: error: not in the embedded sample", *path);
        pk_buf_reset(out);
        pk_buf_add(out, f->data, f->len);
        return 0;
    }
    return pk_file_read(*path, max, out, d);
}

/* A compiled pack (or another SQLite database, which pk_sqlpack_open refuses by name). */
static bool is_sqlite(const char *path)
{
    char head[16];
    pk_diag quiet = PK_DIAG_INIT; /* the caller has checked that it opens */
    FILE *f = pk_file_open(path, &quiet);
    pk_diag_fini(&quiet);
    if (!f) return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return pk_is_sqlite_file(head, n);
}

/* A pack manifest rather than a record: the file says "presskit_pack" near its top. */
static bool is_manifest(const char *path)
{
    char head[4096];
    pk_diag quiet = PK_DIAG_INIT; /* the caller has checked that it opens */
    FILE *f = pk_file_open(path, &quiet);
    pk_diag_fini(&quiet);
    if (!f) return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return pk_is_pack_manifest(head, n);
}

static pk_record *load_file(pk_store *s, const char *file, const char *expect_soc, pk_diag *d);

static pk_store *open_store(const char *path, const char *root, bool lazy, pk_diag *d)
{
    pk_store *s = pk_xcalloc(1, sizeof *s);
    pk_buf b = PK_BUF_INIT;
    if (!path) {
        s->embedded = true;
        s->name = pk_xstrdup(PK_SAMPLE_DIR);
        size_t n;
        for (const pk_embedded_file *f = pk_embedded_sample; f->name; f++)
            if (is_record_name(f->name, &n)) add_code(s, f->name, n);
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open data: %s", path, strerror(errno));
            goto fail;
        }
        if (!S_ISDIR(st.st_mode)) {
            /* a named pipe, a device: refused by the one checked opener before anything reads
             * it (a pipe with no writer would block a plain open forever) */
            FILE *f = pk_file_open(path, d);
            if (!f) goto fail;
            fclose(f);
        }
        if (S_ISDIR(st.st_mode)) {
            size_t len = strlen(path);
            pk_buf_adds(&b, path);
            if (len == 0 || path[len - 1] != '/') pk_buf_addc(&b, '/');
            s->name = pk_buf_take(&b);
            DIR *dir = opendir(path);
            if (!dir) {
                pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot list: %s", path, strerror(errno));
                goto fail;
            }
            struct dirent *e;
            size_t n;
            while ((e = readdir(dir)))
                if (is_record_name(e->d_name, &n)) add_code(s, e->d_name, n);
            closedir(dir);
        } else if (is_sqlite(path)) {
            s->name = pk_xstrdup(path);
            s->sql = pk_sqlpack_open(path, root, d);
            if (!s->sql) goto fail;
            size_t n;
            const char *const *codes = pk_sqlpack_codes(s->sql, &n);
            for (size_t i = 0; i < n; i++) add_code(s, codes[i], strlen(codes[i]));
            snprintf(s->pack_fp, sizeof s->pack_fp, "%s", pk_sqlpack_fingerprint(s->sql));
            pk_buf_fini(&b);
            return s;
        } else if (is_manifest(path)) {
            s->name = pk_xstrdup(path);
            s->root = root ? pk_xstrdup(root) : NULL;
            pk_diag quiet = PK_DIAG_INIT; /* a problem here is the pack loader's to report */
            if (pk_file_read(path, 4 << 20, &b, &quiet) == 0)
                pk_sha256_hex(b.data, b.len, s->fingerprint);
            pk_diag_fini(&quiet);
            if (lazy) {
                /* the list alone; a problem in it, and the whole pack is loaded now to report
                 * every problem as an eager open would */
                pk_diag list_d = PK_DIAG_INIT;
                s->pack = pk_pack_load_list(path, root, &list_d);
                if (!s->pack || list_d.n) {
                    pk_pack_free(s->pack);
                    s->pack = NULL;
                    lazy = false;
                }
                pk_diag_fini(&list_d);
            }
            if (!lazy) s->pack = pk_pack_load(path, root, d);
            if (!s->pack) goto fail;
            size_t n;
            const char *const *codes = pk_pack_codes(s->pack, &n);
            for (size_t i = 0; i < n; i++) add_code(s, codes[i], strlen(codes[i]));
            pk_buf_fini(&b);
            return s;
        } else {
            /* one record file: the store is its folder, holding just that record */
            const char *slash = strrchr(path, '/');
            size_t dir_len = slash ? (size_t)(slash - path + 1) : 0;
            s->name = pk_xmalloc(dir_len + 1);
            memcpy(s->name, path, dir_len);
            s->name[dir_len] = '\0';
            s->single = pk_xstrdup(path + dir_len);
        }
    }
    if (s->n_codes > 1) qsort(s->codes, s->n_codes, sizeof *s->codes, cmp_str);

    char *spath = NULL;
    if (read_file(s, "sources.json", PK_MAX_SOURCES_BYTES, &b, &spath, d) == 0) {
        pk_sha256_hex(b.data, b.len, s->fingerprint);
        s->sources = pk_sources_parse(spath, b.data, b.len, d);
    }
    free(spath);
    pk_buf_fini(&b);
    if (!s->sources) goto fail;
    if (s->single) {
        /* one record file holds one occupation: its code, so that check, list and batch see it.
         * A record that does not parse is listed by its file's name when that is a code, else as
         * "(bad record)"; loading it (pk_store_load) then reports every problem. */
        pk_diag quiet = PK_DIAG_INIT;
        pk_record *r = load_file(s, s->single, NULL, &quiet);
        pk_diag_fini(&quiet);
        size_t n;
        const char *code = r ? r->soc : is_record_name(s->single, &n) ? s->single : "(bad record)";
        add_code(s, code, r ? strlen(code) : is_record_name(s->single, &n) ? n : strlen(code));
        pk_record_free(r);
    }
    return s;
fail:
    pk_buf_fini(&b);
    pk_store_free(s);
    return NULL;
}

pk_store *pk_store_open(const char *path, const char *root, pk_diag *d)
{
    return open_store(path, root, false, d);
}

pk_store *pk_store_open_lazy(const char *path, const char *root, pk_diag *d)
{
    return open_store(path, root, true, d);
}

void pk_store_free(pk_store *s)
{
    if (!s) return;
    pk_sqlpack_free(s->sql);
    free(s->root);
    for (size_t i = 0; i < s->n_codes; i++) free(s->codes[i]);
    free(s->codes);
    pk_sources_free(s->sources);
    pk_pack_free(s->pack);
    free(s->single);
    free(s->name);
    free(s);
}

const pk_sources *pk_store_sources(const pk_store *s)
{
    return s->sql ? pk_sqlpack_sources(s->sql) : s->pack ? pk_pack_sources(s->pack) : s->sources;
}

int pk_store_prepare(pk_store *s, pk_diag *d)
{
    if (load_whole(s, d) != 0) return -1;
    pk_sqlpack_close(s->sql);
    return 0;
}

/* A CSV pack's fingerprint: every input file hashed, once per process. */
static int pack_fingerprint(pk_store *s, pk_diag *d)
{
    if (s->pack_fp[0]) return 0;
    size_t n;
    const pk_pack_file *files = pk_pack_files(s->pack, &n);
    pk_file_id *ids = pk_xcalloc(n ? n : 1, sizeof *ids);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        ids[i] = (pk_file_id){files[i].role, files[i].input_id, files[i].file, 0, ""};
        size_t k = 0;
        while (k < i && strcmp(files[k].path, files[i].path) != 0) k++;
        if (k < i) {
            ids[i].bytes = ids[k].bytes;
            memcpy(ids[i].sha256, ids[k].sha256, sizeof ids[i].sha256);
        } else {
            rc = pk_sha256_file(files[i].path, ids[i].sha256, &ids[i].bytes, d);
        }
    }
    if (rc == 0) pk_pack_fingerprint(s->fingerprint, ids, n, s->pack_fp);
    free(ids);
    return rc;
}

int pk_store_hash_inputs(pk_store *s, pk_diag *d)
{
    return s->pack ? pack_fingerprint(s, d) : 0;
}

int pk_store_kit_key(pk_store *s, const char *code, char out[65], pk_diag *d)
{
    pk_buf b = PK_BUF_INIT;
    int rc = 0;
    if (s->pack || s->sql) {
        /* a pack's record follows from its files alone */
        if (s->pack && pack_fingerprint(s, d) != 0) return -1;
        pk_buf_printf(&b, "pack %s\nsoc %s\n", s->pack_fp, code);
    } else {
        /* a folder's: its registry and the record file's bytes */
        pk_buf file = PK_BUF_INIT;
        char *path = NULL, sha[65];
        char name[32];
        snprintf(name, sizeof name, "%s.json", code);
        rc = read_file(s, s->single ? s->single : name, PK_MAX_RECORD_BYTES, &file, &path, d);
        if (rc == 0) {
            pk_sha256_hex(file.data, file.len, sha);
            pk_buf_printf(&b, "registry %s\nrecord %s\n", s->fingerprint, sha);
        }
        free(path);
        pk_buf_fini(&file);
    }
    if (rc == 0) pk_sha256_hex(b.data, b.len, out);
    pk_buf_fini(&b);
    return rc;
}

bool pk_store_has_coverage(const pk_store *s)
{
    return s->pack || s->sql;
}

void pk_store_coverage_report(pk_store *s, pk_buf *out)
{
    pk_diag quiet = PK_DIAG_INIT; /* an eager open has loaded it whole already */
    if (s->sql) pk_sqlpack_coverage_report(s->sql, out);
    else if (s->pack && load_whole(s, &quiet) == 0) pk_pack_coverage_report(s->pack, out);
    pk_diag_fini(&quiet);
}

const char *pk_store_name(const pk_store *s)
{
    return s->name;
}

const char *const *pk_store_codes(const pk_store *s, size_t *n)
{
    *n = s->n_codes;
    return (const char *const *)s->codes;
}

static pk_record *load_file(pk_store *s, const char *file, const char *expect_soc, pk_diag *d)
{
    if (s->sql) return pk_sqlpack_record(s->sql, expect_soc, d);
    if (s->pack) return load_whole(s, d) == 0 ? pk_pack_record(s->pack, expect_soc, d) : NULL;
    pk_buf b = PK_BUF_INIT;
    char *path = NULL;
    pk_record *r = NULL;
    if (read_file(s, file, PK_MAX_RECORD_BYTES, &b, &path, d) == 0)
        r = pk_record_parse(path, b.data, b.len, s->sources, expect_soc, d);
    free(path);
    pk_buf_fini(&b);
    return r;
}

static bool contains_words(const char *title, const char *query)
{
    /* every word of the query occurs in the title, ignoring case */
    const char *q = query;
    while (*q) {
        while (*q == ' ') q++;
        size_t n = strcspn(q, " ");
        if (n == 0) break;
        bool found = false;
        for (const char *t = title; *t && !found; t++) {
            size_t k = 0;
            while (k < n && t[k] && tolower((unsigned char)t[k]) == tolower((unsigned char)q[k]))
                k++;
            found = k == n;
        }
        if (!found) return false;
        q += n;
    }
    return true;
}

pk_record *pk_store_load(pk_store *s, const char *query, pk_diag *d)
{
    if (s->single) {
        pk_record *r = load_file(s, s->single, NULL, d);
        if (r && query && strcmp(query, r->soc) != 0 &&
            !(strlen(query) == 7 && strncmp(query, r->soc, 7) == 0 && strcmp(r->soc + 7, ".00") == 0)) {
            pk_diag_add(d, PK_FAIL_INPUT, "%s%s: error: holds %s, not %s", s->name, s->single,
                        r->soc, query);
            pk_record_free(r);
            return NULL;
        }
        return r;
    }
    char code[16];
    if (strlen(query) == 7 && pk_soc_valid((snprintf(code, sizeof code, "%s.00", query), code))) {
        query = code;
    }
    if (pk_soc_valid(query)) {
        for (size_t i = 0; i < s->n_codes; i++) {
            if (strcmp(s->codes[i], query) == 0) {
                char file[32];
                snprintf(file, sizeof file, "%s.json", query);
                return load_file(s, file, query, d);
            }
        }
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: no occupation %s in this data (presskit list shows the %zu it has)",
                    s->name, query, s->n_codes);
        return NULL;
    }
    /* a title search: load each record and keep the one whose title has every word */
    pk_record *match = NULL;
    pk_buf others = PK_BUF_INIT;
    size_t n_match = 0;
    for (size_t i = 0; i < s->n_codes; i++) {
        if (s->pack && !contains_words(pk_pack_title(s->pack, s->codes[i]), query)) continue;
        if (s->sql && !contains_words(pk_sqlpack_title(s->sql, s->codes[i]), query)) continue;
        char file[32];
        snprintf(file, sizeof file, "%s.json", s->codes[i]);
        pk_record *r = load_file(s, file, s->codes[i], d);
        if (!r) continue;
        if (contains_words(r->title, query)) {
            n_match++;
            if (n_match <= 5) pk_buf_printf(&others, "%s%s %s", n_match > 1 ? "; " : "", r->soc, r->title);
            if (!match) {
                match = r;
                continue;
            }
        }
        pk_record_free(r);
    }
    if (n_match == 1) {
        pk_buf_fini(&others);
        return match;
    }
    pk_record_free(match);
    if (n_match == 0)
        pk_diag_add(d, PK_FAIL_INPUT, "%s: error: no occupation code or title matches \"%s\"",
                    s->name, query);
    else
        pk_diag_add(d, PK_FAIL_INPUT, "%s: error: \"%s\" matches %zu occupations (%s%s); give a code",
                    s->name, query, n_match, pk_buf_str(&others), n_match > 5 ? "; ..." : "");
    pk_buf_fini(&others);
    return NULL;
}
