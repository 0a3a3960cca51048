/* sqlpack.c: the compiled pack, written and read with SQLite; see sqlpack.h and docs/packs.md.
 * The one file that includes sqlite3.h.
 *
 * What goes in is what the CSV path makes: each record is the very JSON text pk_pack_record
 * parses (pk_pack_record_json), and reading it back goes through the same checked reader, so a
 * kit from the database is byte for byte the kit from the CSV files. The figures table is the
 * record's figures as data.csv lists them (the same walk, pk_record_each_figure, and the same
 * column rules, fmt.h), one row per figure per occupation, for reporters' own queries. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "data/sqlpack.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/fmt.h"
#include "data/hash.h"
#include "data/pack.h"
#include "data/text.h"

bool pk_is_sqlite_file(const char *head, size_t n)
{
    return n >= 16 && memcmp(head, "SQLite format 3", 16) == 0;
}

/* ---- paths ---- */

/* The folder part of path ("a/b.sqlite" -> "a", "b.sqlite" -> "."); malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return pk_xstrdup(".");
    if (slash == path) return pk_xstrdup("/");
    size_t n = (size_t)(slash - path);
    char *s = pk_xmalloc(n + 1);
    memcpy(s, path, n);
    s[n] = '\0';
    return s;
}

/* `to` relative to the folder `from` (both existing), as "../shared/real-data"; malloc'd. When
 * either cannot be resolved, `to` as given. Stored in the database (not an absolute path) so
 * that the same inputs give the same bytes wherever the tree is, and the tree can move whole. */
static char *relative_to(const char *from, const char *to)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (!realpath(from, a) || !realpath(to, b)) return pk_xstrdup(to);
    /* the longest common run of whole components */
    size_t common = 0;
    for (size_t i = 0;; i++) {
        bool end_a = a[i] == '\0' || a[i] == '/', end_b = b[i] == '\0' || b[i] == '/';
        if (end_a && end_b) common = i;
        if (a[i] != b[i] || a[i] == '\0') break;
    }
    pk_buf r = PK_BUF_INIT;
    for (const char *p = strcmp(a, "/") == 0 ? "" : a + common; *p; p++)
        if (*p == '/') pk_buf_adds(&r, r.len ? "/.." : "..");
    const char *rest = b + common;
    while (*rest == '/')
        rest++;
    if (*rest) {
        if (r.len) pk_buf_addc(&r, '/');
        pk_buf_adds(&r, rest);
    }
    if (r.len == 0) pk_buf_adds(&r, ".");
    return pk_buf_take(&r);
}

/* dir joined with rel ("." and absolute rel taken as they are); malloc'd. */
static char *join(const char *dir, const char *rel)
{
    pk_buf b = PK_BUF_INIT;
    if (rel[0] == '/' || !dir || strcmp(dir, ".") == 0) {
        pk_buf_adds(&b, rel);
    } else if (strcmp(rel, ".") == 0) {
        pk_buf_adds(&b, dir);
    } else {
        pk_buf_adds(&b, dir);
        if (dir[strlen(dir) - 1] != '/') pk_buf_addc(&b, '/');
        pk_buf_adds(&b, rel);
    }
    return pk_buf_take(&b);
}

/* ---- the schema ---- */

/* Tables first, filled in code order, then the indexes (built once, compactly, from sorted
 * data) and the views. docs/packs.md documents every column. */
static const char schema_tables[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE provenance (\n"
    "  input_id TEXT NOT NULL, role TEXT NOT NULL, importer TEXT, source_id TEXT,\n"
    "  file TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,\n"
    "  PRIMARY KEY (input_id, role)) WITHOUT ROWID;\n"
    "CREATE TABLE sources (\n"
    "  id TEXT PRIMARY KEY, publisher TEXT NOT NULL, title TEXT NOT NULL, release TEXT,\n"
    "  year INTEGER, url TEXT, licence TEXT, attribution TEXT, accessed TEXT,\n"
    "  short TEXT NOT NULL, cite_as TEXT);\n"
    "CREATE TABLE occupations (\n"
    "  soc TEXT PRIMARY KEY, title TEXT NOT NULL, job_family TEXT, outlook TEXT,\n"
    "  sources TEXT NOT NULL, record TEXT NOT NULL);\n"
    "CREATE TABLE figures (\n"
    "  soc TEXT NOT NULL REFERENCES occupations (soc), claim_id TEXT NOT NULL, label TEXT,\n"
    "  value NUMERIC, unit TEXT NOT NULL, status TEXT NOT NULL, source_id TEXT,\n"
    "  percentile NUMERIC, percentile_shown INTEGER, population INTEGER, band TEXT,\n"
    "  published_scope TEXT, published_as TEXT, published_title TEXT,\n"
    "  occupations_sharing INTEGER);\n";

static const char schema_after[] =
    "CREATE UNIQUE INDEX figures_by_occupation ON figures (soc, claim_id);\n"
    "CREATE INDEX figures_by_claim ON figures (claim_id, value);\n"
    /* one row per occupation with what a reporter asks first */
    "CREATE VIEW occupation_summary AS\n"
    "SELECT o.soc, o.title, o.job_family,\n"
    "  pay.value AS median_pay, pay.status AS median_pay_status,\n"
    "  pay.percentile AS median_pay_percentile, pay.published_as AS pay_published_as,\n"
    "  emp.value AS employment, chg.value AS projected_change_pct, o.outlook,\n"
    "  opn.value AS annual_openings, ovl.value AS task_overlap_percentile,\n"
    "  ovl.band AS task_overlap_band\n"
    "FROM occupations AS o\n"
    "LEFT JOIN figures AS pay ON pay.soc = o.soc AND pay.claim_id = 'wages.median'\n"
    "LEFT JOIN figures AS emp ON emp.soc = o.soc AND emp.claim_id = 'wages.employment'\n"
    "LEFT JOIN figures AS chg ON chg.soc = o.soc AND chg.claim_id = 'outlook.change'\n"
    "LEFT JOIN figures AS opn ON opn.soc = o.soc AND opn.claim_id = 'outlook.openings'\n"
    "LEFT JOIN figures AS ovl ON ovl.soc = o.soc AND ovl.claim_id = 'exposure.task_overlap';\n"
    /* the wage percentiles side by side */
    "CREATE VIEW wages AS\n"
    "SELECT o.soc, o.title,\n"
    "  max(CASE f.claim_id WHEN 'wages.p10' THEN f.value END) AS p10,\n"
    "  max(CASE f.claim_id WHEN 'wages.p25' THEN f.value END) AS p25,\n"
    "  max(CASE f.claim_id WHEN 'wages.median' THEN f.value END) AS median,\n"
    "  max(CASE f.claim_id WHEN 'wages.p75' THEN f.value END) AS p75,\n"
    "  max(CASE f.claim_id WHEN 'wages.p90' THEN f.value END) AS p90,\n"
    "  max(CASE f.claim_id WHEN 'wages.p90' THEN f.status END) AS p90_status,\n"
    "  max(CASE f.claim_id WHEN 'wages.hourly.median' THEN f.value END) AS hourly_median,\n"
    "  max(CASE f.claim_id WHEN 'wages.employment' THEN f.value END) AS employment,\n"
    "  max(CASE f.claim_id WHEN 'wages.median' THEN f.published_as END) AS published_as\n"
    "FROM occupations AS o JOIN figures AS f ON f.soc = o.soc AND f.claim_id LIKE 'wages.%'\n"
    "GROUP BY o.soc;\n"
    /* one row per study score: the exposure table of every brief */
    "CREATE VIEW exposure_scores AS\n"
    "SELECT f.soc, o.title, f.label AS study, f.value AS score, f.percentile,\n"
    "  f.percentile_shown, f.population, f.band, f.source_id, f.published_as\n"
    "FROM figures AS f JOIN occupations AS o ON o.soc = f.soc\n"
    "WHERE f.claim_id LIKE 'exposure.studies[%].score';\n";

/* ---- building ---- */

typedef struct builder {
    sqlite3 *db;
    const char *out; /* for messages */
    pk_diag *d;
    sqlite3_stmt *fig;
    const char *soc; /* the occupation whose figures are being inserted */
    pk_buf scratch;
    int rc; /* the first SQLite error */
} builder;

static int db_fail(builder *b, const char *what)
{
    if (b->rc == SQLITE_OK) b->rc = SQLITE_ERROR;
    return pk_diag_add(b->d, PK_FAIL_IO, "%s: error: SQLite: %s (%s)", b->out,
                       b->db ? sqlite3_errmsg(b->db) : "out of memory", what);
}

static int exec(builder *b, const char *sql, const char *what)
{
    if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(b, what);
    return 0;
}

static sqlite3_stmt *prepare(builder *b, const char *sql, const char *what)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_fail(b, what);
        return NULL;
    }
    return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Runs a bound insert and resets it. */
static int step(builder *b, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : db_fail(b, what);
}

static int put_meta(builder *b, sqlite3_stmt *st, const char *key, const char *value)
{
    bind_text(st, 1, key);
    bind_text(st, 2, value);
    return step(b, st, "writing the table meta");
}

static int figure_row(void *ctx, const char *claim_id, const char *label, const pk_figure *f)
{
    builder *b = ctx;
    sqlite3_stmt *st = b->fig;
    bind_text(st, 1, b->soc);
    bind_text(st, 2, claim_id);
    bind_text(st, 3, label);
    if (pk_fig_has(f)) sqlite3_bind_double(st, 4, f->value);
    bind_text(st, 5, pk_unit_name(f->unit));
    bind_text(st, 6, pk_status_name(f->status));
    bind_text(st, 7, f->source);
    if (f->percentile >= 0) sqlite3_bind_double(st, 8, f->percentile);
    long shown = pk_figure_rank_shown(f);
    if (shown >= 0) sqlite3_bind_int64(st, 9, shown);
    if (f->population) sqlite3_bind_int64(st, 10, (sqlite3_int64)f->population);
    bind_text(st, 11, f->band);
    const pk_scope *sc = f->scope;
    if (sc) bind_text(st, 12, pk_scope_kind_name(sc->kind));
    pk_buf_reset(&b->scratch);
    pk_figure_published_as(f, &b->scratch);
    if (b->scratch.len) bind_text(st, 13, b->scratch.data);
    if (sc) bind_text(st, 14, sc->title);
    if (sc && sc->occupations > 0) sqlite3_bind_int64(st, 15, sc->occupations);
    return step(b, st, "writing the table figures") ? 1 : 0;
}

static void add_source_id(void *ctx, const char *id)
{
    pk_buf *s = ctx;
    if (s->len) pk_buf_addc(s, ',');
    pk_buf_adds(s, id);
}

/* Every table's rows, in one transaction. */
static int fill(builder *b, const pk_pack *p, const pk_file_id *ids, const char *manifest_rel,
                unsigned long long manifest_bytes, const char *manifest_sha, const char *root_rel,
                const char *fingerprint, size_t problems)
{
    sqlite3_stmt *meta = NULL, *prov = NULL, *src = NULL, *occ = NULL;
    pk_buf text = PK_BUF_INIT, json = PK_BUF_INIT, cov = PK_BUF_INIT;
    int rc = -1;
    if (!(meta = prepare(b, "INSERT INTO meta VALUES (?1, ?2)", "preparing the table meta")) ||
        !(prov = prepare(b, "INSERT INTO provenance VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         "preparing the table provenance")) ||
        !(src = prepare(b,
                        "INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        "preparing the table sources")) ||
        !(occ = prepare(b, "INSERT INTO occupations VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        "preparing the table occupations")) ||
        !(b->fig = prepare(b,
                           "INSERT INTO figures VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15)",
                           "preparing the table figures")))
        goto done;

    /* meta: what this file is, what it was built from, and the registry as sources.json */
    char num[32];
    const pk_sources *s = pk_pack_sources(p);
    pk_sources_write(s, &text);
    pk_pack_coverage_report(p, &cov);
    snprintf(num, sizeof num, "%d", PK_SQLPACK_FORMAT);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    bool has_sde = sde && *sde && strspn(sde, "0123456789") == strlen(sde);
    if (put_meta(b, meta, "presskit_pack_db", num) ||
        put_meta(b, meta, "presskit_version", PRESSKIT_VERSION) ||
        put_meta(b, meta, "record_version", "1") ||
        (pk_pack_name(p) && put_meta(b, meta, "name", pk_pack_name(p))) ||
        put_meta(b, meta, "fingerprint", fingerprint) ||
        put_meta(b, meta, "manifest", manifest_rel) ||
        put_meta(b, meta, "manifest_sha256", manifest_sha) || put_meta(b, meta, "root", root_rel) ||
        put_meta(b, meta, "registry", text.data) ||
        put_meta(b, meta, "coverage", cov.len ? cov.data : "") ||
        (snprintf(num, sizeof num, "%zu", problems), put_meta(b, meta, "load_problems", num)) ||
        (has_sde && put_meta(b, meta, "source_date_epoch", sde)))
        goto done;

    /* provenance: the manifest, then every input file in manifest order */
    bind_text(prov, 1, "manifest");
    bind_text(prov, 2, "manifest");
    bind_text(prov, 5, manifest_rel);
    sqlite3_bind_int64(prov, 6, (sqlite3_int64)manifest_bytes);
    bind_text(prov, 7, manifest_sha);
    if (step(b, prov, "writing the table provenance")) goto done;
    size_t n_files;
    const pk_pack_file *files = pk_pack_files(p, &n_files);
    for (size_t i = 0; i < n_files; i++) {
        bind_text(prov, 1, files[i].input_id);
        bind_text(prov, 2, files[i].role);
        bind_text(prov, 3, files[i].importer);
        bind_text(prov, 4, files[i].source);
        bind_text(prov, 5, files[i].file);
        sqlite3_bind_int64(prov, 6, (sqlite3_int64)ids[i].bytes);
        bind_text(prov, 7, ids[i].sha256);
        if (step(b, prov, "writing the table provenance")) goto done;
    }

    for (size_t i = 0; i < s->n_items; i++) {
        const pk_source *x = &s->items[i];
        bind_text(src, 1, x->id);
        bind_text(src, 2, x->publisher);
        bind_text(src, 3, x->title);
        bind_text(src, 4, x->release);
        if (x->year) sqlite3_bind_int64(src, 5, x->year);
        bind_text(src, 6, x->url);
        bind_text(src, 7, x->licence);
        bind_text(src, 8, x->attribution);
        bind_text(src, 9, x->accessed);
        bind_text(src, 10, x->short_label);
        bind_text(src, 11, x->cite_as);
        if (step(b, src, "writing the table sources")) goto done;
    }

    size_t n;
    const char *const *codes = pk_pack_codes(p, &n);
    for (size_t i = 0; i < n; i++) {
        pk_buf_reset(&json);
        if (pk_pack_record_json(p, codes[i], &json, b->d) != 0) goto done;
        pk_buf name = PK_BUF_INIT;
        pk_buf_printf(&name, "(pack record %s)", codes[i]);
        pk_record *r = pk_record_parse(name.data, json.data, json.len, s, codes[i], b->d);
        pk_buf_fini(&name);
        if (!r) continue; /* reported; kit would refuse it the same way */
        pk_buf_reset(&text);
        pk_record_each_source(r, add_source_id, &text);
        bind_text(occ, 1, r->soc);
        bind_text(occ, 2, r->title);
        bind_text(occ, 3, r->job_family);
        bind_text(occ, 4, r->outlook.label);
        bind_text(occ, 5, pk_buf_str(&text));
        sqlite3_bind_text(occ, 6, json.data, (int)json.len, SQLITE_STATIC);
        int bad = step(b, occ, "writing the table occupations");
        b->soc = r->soc;
        if (!bad) bad = pk_record_each_figure(r, figure_row, b);
        pk_record_free(r);
        if (bad) goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(meta);
    sqlite3_finalize(prov);
    sqlite3_finalize(src);
    sqlite3_finalize(occ);
    sqlite3_finalize(b->fig);
    b->fig = NULL;
    pk_buf_fini(&text);
    pk_buf_fini(&json);
    pk_buf_fini(&cov);
    return rc;
}

int pk_sqlpack_build(const char *manifest_path, const char *root, const char *out_path, pk_diag *d)
{
    char *out_dir = dir_of(out_path), *tmp = NULL, *manifest_rel = NULL, *root_rel = NULL;
    pk_file_id *ids = NULL;
    pk_pack *p = NULL;
    builder b = {.out = out_path, .d = d, .scratch = PK_BUF_INIT};
    int rc = -1;
    struct stat st;
    if (stat(out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot write: the folder %s is not there", out_path,
                    out_dir);
        goto done;
    }
    size_t before = pk_diag_count(d);
    p = pk_pack_load(manifest_path, root, d);
    if (!p) goto done;
    size_t problems = pk_diag_count(d) - before;

    /* every file's size and sha256, each file read once however many inputs name it */
    char manifest_sha[65];
    unsigned long long manifest_bytes;
    if (pk_sha256_file(manifest_path, manifest_sha, &manifest_bytes, d) != 0) goto done;
    size_t n_files;
    const pk_pack_file *files = pk_pack_files(p, &n_files);
    ids = pk_xcalloc(n_files ? n_files : 1, sizeof *ids);
    for (size_t i = 0; i < n_files; i++) {
        ids[i] = (pk_file_id){files[i].role, files[i].input_id, files[i].file, 0, ""};
        size_t k = 0;
        while (k < i && strcmp(files[k].path, files[i].path) != 0)
            k++;
        if (k < i) {
            ids[i].bytes = ids[k].bytes;
            memcpy(ids[i].sha256, ids[k].sha256, sizeof ids[i].sha256);
        } else if (pk_sha256_file(files[i].path, ids[i].sha256, &ids[i].bytes, d) != 0) {
            goto done;
        }
    }
    char fingerprint[65];
    pk_pack_fingerprint(manifest_sha, ids, n_files, fingerprint);
    manifest_rel = relative_to(out_dir, manifest_path);
    root_rel = relative_to(out_dir, pk_pack_root(p));

    /* a temporary file beside the output, renamed into place when complete */
    pk_buf t = PK_BUF_INIT;
    const char *base = strrchr(out_path, '/');
    pk_buf_printf(&t, "%s/.%s.tmp-%ld", out_dir, base ? base + 1 : out_path, (long)getpid());
    tmp = pk_buf_take(&t);
    unlink(tmp);
    if (sqlite3_open_v2(tmp, &b.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot write: %s", out_path,
                    b.db ? sqlite3_errmsg(b.db) : "out of memory");
        goto done;
    }
    char pragmas[256];
    /* no journal and no side files: the file is new, and a failed build is removed whole */
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
             "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; "
             "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             PK_SQLPACK_APP_ID, PK_SQLPACK_FORMAT);
    if (exec(&b, pragmas, "setting up the database") || exec(&b, "BEGIN", "starting") ||
        exec(&b, schema_tables, "creating the tables") ||
        fill(&b, p, ids, manifest_rel, manifest_bytes, manifest_sha, root_rel, fingerprint,
             problems) != 0 ||
        exec(&b, schema_after, "creating the indexes and views") ||
        exec(&b, "ANALYZE", "analyzing the tables") || exec(&b, "COMMIT", "committing"))
        goto done;
    if (sqlite3_close(b.db) != SQLITE_OK) {
        db_fail(&b, "closing");
        goto done;
    }
    b.db = NULL;
    /* on disk before the name points at it */
    int fd = open(tmp, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot write: %s", out_path, strerror(errno));
        if (fd >= 0) close(fd);
        goto done;
    }
    close(fd);
    if (rename(tmp, out_path) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot write: %s", out_path, strerror(errno));
        goto done;
    }
    fd = open(out_dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    rc = 0;
done:
    if (b.db) sqlite3_close(b.db);
    if (rc != 0 && tmp) unlink(tmp);
    pk_buf_fini(&b.scratch);
    pk_pack_free(p);
    free(ids);
    free(tmp);
    free(out_dir);
    free(manifest_rel);
    free(root_rel);
    return rc;
}

/* ---- reading ---- */

struct pk_sqlpack {
    char *path;          /* owned: as given */
    sqlite3 *db;         /* owned; NULL while closed (pk_sqlpack_close) */
    sqlite3_stmt *get;   /* owned: the record by code */
    pk_sources *sources; /* owned */
    char **codes;        /* owned, sorted */
    char **titles;       /* owned, parallel to codes; NULL until read */
    size_t n;
    bool titles_read; /* titles[] filled (pk_sqlpack_title) */
    char fingerprint[65];
    char *coverage; /* owned */
};

static long find(const pk_sqlpack *sp, const char *code);

static int read_fail(pk_sqlpack *sp, pk_diag *d, const char *what)
{
    const char *msg = sp->db ? sqlite3_errmsg(sp->db) : "out of memory";
    return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: SQLite: %s (%s)", sp->path, msg, what);
}

static int connect(pk_sqlpack *sp, pk_diag *d)
{
    if (sp->db) return 0;
    if (sqlite3_open_v2(sp->path, &sp->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return read_fail(sp, d, "opening the pack");
    if (sqlite3_prepare_v2(sp->db, "SELECT record FROM occupations WHERE soc = ?1", -1, &sp->get,
                           NULL) != SQLITE_OK)
        return read_fail(sp, d, "reading the table occupations");
    return 0;
}

void pk_sqlpack_close(pk_sqlpack *sp)
{
    if (!sp) return;
    sqlite3_finalize(sp->get);
    sp->get = NULL;
    if (sp->db) sqlite3_close(sp->db);
    sp->db = NULL;
}

void pk_sqlpack_free(pk_sqlpack *sp)
{
    if (!sp) return;
    pk_sqlpack_close(sp);
    for (size_t i = 0; i < sp->n; i++) {
        free(sp->codes[i]);
        free(sp->titles[i]);
    }
    free(sp->codes);
    free(sp->titles);
    pk_sources_free(sp->sources);
    free(sp->coverage);
    free(sp->path);
    free(sp);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* The input files the pack was built from, looked for where they were (or under `root`): a
 * file that is there with another size, or newer than the database and with another sha256,
 * is reported. Returns the number of such files. */
static size_t check_stale(pk_sqlpack *sp, const char *root_rel, const char *manifest_rel,
                          const char *root, pk_diag *d)
{
    struct stat self;
    if (stat(sp->path, &self) != 0) return 0;
    char *dir = dir_of(sp->path);
    char *root_dir = root ? pk_xstrdup(root) : join(dir, root_rel);
    sqlite3_stmt *st = NULL;
    size_t stale = 0;
    if (sqlite3_prepare_v2(sp->db, "SELECT role, file, bytes, sha256 FROM provenance", -1, &st,
                           NULL) != SQLITE_OK) {
        read_fail(sp, d, "reading the table provenance");
        stale = 1;
    }
    char **seen = NULL;
    size_t n_seen = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        bool manifest = strcmp(col_text(st, 0), "manifest") == 0;
        char *path = manifest ? join(dir, manifest_rel) : join(root_dir, col_text(st, 1));
        unsigned long long bytes = (unsigned long long)sqlite3_column_int64(st, 2);
        const char *sha = col_text(st, 3);
        bool again = false;
        for (size_t i = 0; i < n_seen && !again; i++)
            again = strcmp(seen[i], path) == 0;
        struct stat fs;
        if (again || stat(path, &fs) != 0) {
            free(path); /* not there: a pack may travel without its inputs */
            continue;
        }
        seen = pk_xrealloc(seen, (n_seen + 1) * sizeof *seen);
        seen[n_seen++] = path;
        bool changed = (unsigned long long)fs.st_size != bytes;
        /* the same size: only a file written after the database may differ (make's rule),
         * and then its content decides */
        char now[65] = "";
        bool newer =
            fs.st_mtim.tv_sec > self.st_mtim.tv_sec ||
            (fs.st_mtim.tv_sec == self.st_mtim.tv_sec && fs.st_mtim.tv_nsec > self.st_mtim.tv_nsec);
        if (!changed && newer) {
            pk_diag quiet = PK_DIAG_INIT;
            changed = pk_sha256_file(path, now, NULL, &quiet) == 0 && strcmp(now, sha) != 0;
            pk_diag_fini(&quiet);
        }
        if (!changed) continue;
        stale++;
        char *manifest_path = join(dir, manifest_rel);
        pk_buf was = PK_BUF_INIT;
        if ((unsigned long long)fs.st_size != bytes)
            pk_buf_printf(&was, "%llu bytes then, %llu now", bytes, (unsigned long long)fs.st_size);
        else
            pk_buf_printf(&was, "sha256 %.12s then, %.12s now", sha, now);
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: %s has changed since this pack was built (%s); rebuild it: "
                    "presskit pack build --data %s%s%s -o %s",
                    sp->path, path, was.data, manifest_path, root ? " --root " : "",
                    root ? root : "", sp->path);
        pk_buf_fini(&was);
        free(manifest_path);
    }
    for (size_t i = 0; i < n_seen; i++)
        free(seen[i]);
    free(seen);
    sqlite3_finalize(st);
    free(root_dir);
    free(dir);
    return stale;
}

pk_sqlpack *pk_sqlpack_open(const char *path, const char *root, pk_diag *d)
{
    pk_sqlpack *sp = pk_xcalloc(1, sizeof *sp);
    sp->path = pk_xstrdup(path);
    sqlite3_stmt *st = NULL;
    char *registry = NULL, *root_rel = NULL, *manifest_rel = NULL, *format = NULL;
    char *record_version = NULL;
    bool ok = false;

    /* the header first: another program's database gets one plain message */
    unsigned char head[100];
    FILE *f = pk_file_open(path, d);
    size_t got = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    if (!f) goto done;
    unsigned long app = got == sizeof head ? (unsigned long)head[68] << 24 | head[69] << 16 |
                                                 head[70] << 8 | head[71]
                                           : 0;
    if (got < sizeof head) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: not a presskit pack: an SQLite header, but the file is cut short "
                    "(%zu bytes)",
                    path, got);
        goto done;
    }
    if (app != PK_SQLPACK_APP_ID) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: not a presskit pack: an SQLite database of another program "
                    "(application_id %lu; presskit pack build makes one)",
                    path, app);
        goto done;
    }
    if (connect(sp, d) != 0) goto done;
    if (sqlite3_prepare_v2(sp->db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK) {
        read_fail(sp, d, "reading the table meta");
        goto done;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = col_text(st, 0), *v = col_text(st, 1);
        char **slot = strcmp(k, "presskit_pack_db") == 0 ? &format
                      : strcmp(k, "record_version") == 0 ? &record_version
                      : strcmp(k, "registry") == 0       ? &registry
                      : strcmp(k, "root") == 0           ? &root_rel
                      : strcmp(k, "manifest") == 0       ? &manifest_rel
                      : strcmp(k, "coverage") == 0       ? &sp->coverage
                                                         : NULL;
        if (slot && !*slot) *slot = pk_xstrdup(v);
        if (strcmp(k, "fingerprint") == 0)
            snprintf(sp->fingerprint, sizeof sp->fingerprint, "%s", v);
    }
    if (rc != SQLITE_DONE) {
        read_fail(sp, d, "reading the table meta");
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!format || strtol(format, NULL, 10) != PK_SQLPACK_FORMAT || !record_version ||
        strcmp(record_version, "1") != 0) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: a compiled pack of format %s (records version %s); this presskit "
                    "reads format %d (records version 1): rebuild it with presskit pack build",
                    path, format ? format : "(none)", record_version ? record_version : "(none)",
                    PK_SQLPACK_FORMAT);
        goto done;
    }
    if (!registry || !root_rel || !manifest_rel || strlen(sp->fingerprint) != 64) {
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: error: a compiled pack without its %s (the table meta is incomplete); "
                    "rebuild it with presskit pack build",
                    path,
                    !registry       ? "registry"
                    : !root_rel     ? "root"
                    : !manifest_rel ? "manifest"
                                    : "fingerprint");
        goto done;
    }
    pk_buf name = PK_BUF_INIT;
    pk_buf_printf(&name, "%s (meta registry)", path);
    sp->sources = pk_sources_parse(name.data, registry, strlen(registry), d);
    pk_buf_fini(&name);
    if (!sp->sources) goto done;

    /* the codes alone, from the index (the titles are read when a title is searched) */
    if (sqlite3_prepare_v2(sp->db, "SELECT soc FROM occupations ORDER BY soc", -1, &st, NULL) !=
        SQLITE_OK) {
        read_fail(sp, d, "reading the table occupations");
        goto done;
    }
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = col_text(st, 0);
        if (!pk_soc_valid(code)) {
            pk_buf q = PK_BUF_INIT;
            pk_diag_quote(&q, code, strlen(code), 40);
            pk_diag_add(d, PK_FAIL_INPUT,
                        "%s: error: the table occupations holds %s, not an O*NET-SOC code", path,
                        q.data);
            pk_buf_fini(&q);
            goto done;
        }
        if (sp->n == cap) {
            cap = cap ? 2 * cap : 1024;
            sp->codes = pk_xrealloc(sp->codes, cap * sizeof *sp->codes);
            sp->titles = pk_xrealloc(sp->titles, cap * sizeof *sp->titles);
        }
        sp->codes[sp->n] = pk_xstrdup(code);
        sp->titles[sp->n++] = NULL;
    }
    if (rc != SQLITE_DONE) {
        read_fail(sp, d, "reading the table occupations");
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (check_stale(sp, root_rel, manifest_rel, root, d) > 0) goto done;
    ok = true;
done:
    sqlite3_finalize(st);
    free(registry);
    free(root_rel);
    free(manifest_rel);
    free(format);
    free(record_version);
    if (!ok) {
        pk_sqlpack_free(sp);
        return NULL;
    }
    return sp;
}

const pk_sources *pk_sqlpack_sources(const pk_sqlpack *sp)
{
    return sp->sources;
}

const char *const *pk_sqlpack_codes(const pk_sqlpack *sp, size_t *n)
{
    *n = sp->n;
    return (const char *const *)sp->codes;
}

static long find(const pk_sqlpack *sp, const char *code)
{
    size_t lo = 0, hi = sp->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(sp->codes[mid], code);
        if (c == 0) return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *pk_sqlpack_title(const pk_sqlpack *sp, const char *code)
{
    long i = find(sp, code);
    if (i < 0) return NULL;
    if (!sp->titles_read) {
        /* every title at once, on the first title asked for (a title search asks for all);
         * written through const: a cache, as pk_fonts keeps one */
        pk_sqlpack *w = (pk_sqlpack *)sp;
        w->titles_read = true;
        pk_diag quiet = PK_DIAG_INIT; /* a failure leaves titles empty: the search finds none */
        sqlite3_stmt *st = NULL;
        if (connect(w, &quiet) == 0 &&
            sqlite3_prepare_v2(w->db, "SELECT soc, title FROM occupations ORDER BY soc", -1, &st,
                               NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                long k = find(w, col_text(st, 0));
                if (k >= 0 && !w->titles[k]) w->titles[k] = pk_xstrdup(col_text(st, 1));
            }
        }
        sqlite3_finalize(st);
        pk_diag_fini(&quiet);
    }
    return sp->titles[i] ? sp->titles[i] : "";
}

const char *pk_sqlpack_fingerprint(const pk_sqlpack *sp)
{
    return sp->fingerprint;
}

void pk_sqlpack_coverage_report(const pk_sqlpack *sp, pk_buf *out)
{
    if (sp->coverage) pk_buf_adds(out, sp->coverage);
}

pk_record *pk_sqlpack_record(pk_sqlpack *sp, const char *code, pk_diag *d)
{
    if (find(sp, code) < 0) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: error: no occupation %s in this pack", sp->path, code);
        return NULL;
    }
    if (connect(sp, d) != 0) return NULL;
    sqlite3_bind_text(sp->get, 1, code, -1, SQLITE_STATIC);
    pk_record *r = NULL;
    int rc = sqlite3_step(sp->get);
    if (rc == SQLITE_ROW) {
        const char *json = (const char *)sqlite3_column_text(sp->get, 0);
        int len = sqlite3_column_bytes(sp->get, 0);
        pk_buf name = PK_BUF_INIT;
        pk_buf_printf(&name, "%s (record %s)", sp->path, code);
        r = pk_record_parse(name.data, json ? json : "", json ? (size_t)len : 0, sp->sources, code,
                            d);
        pk_buf_fini(&name);
    } else if (rc == SQLITE_DONE) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: error: no occupation %s in this pack", sp->path, code);
    } else {
        pk_buf what = PK_BUF_INIT;
        pk_buf_printf(&what, "reading occupation %s", code);
        read_fail(sp, d, what.data);
        pk_buf_fini(&what);
    }
    sqlite3_reset(sp->get);
    sqlite3_clear_bindings(sp->get);
    return r;
}
