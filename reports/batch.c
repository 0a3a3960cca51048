/* batch.c: kits for many occupations; see batch.h.
 *
 * Parallelism: the store (a whole pack: ~30 MB) is loaded once, then the batch forks worker
 * processes that share it copy-on-write. Processes rather than threads because nothing below
 * has to be thread-safe then — fontconfig's and cairo's global caches (once charts come),
 * libharu's error state, cJSON's global error pointer — and a crash in one kit cannot take the
 * others down. The parent hands out occupation indices through a pipe and collects one
 * fixed-size result per kit through another (both writes are below PIPE_BUF, so atomic). Each
 * kit depends only on its record, so the output is byte-identical whatever --jobs is. */
#include "reports/batch.h"

#include "layouts/template.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "data/buf.h"
#include "data/csv.h"
#include "data/hash.h"
#include "data/json_write.h"
#include "data/text.h"
#include "reports/html.h"
#include "reports/outdir.h"
#include "reports/presskit.h"
#include "reports/preflight.h"

_Static_assert(sizeof(pk_batch_item) + sizeof(uint32_t) <= 4096, "a result must fit in PIPE_BUF");

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

bool pk_parse_shard(const char *s, unsigned *k, unsigned *n)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || *end != '/') return false;
    const char *t = end + 1;
    unsigned long b = strtoul(t, &end, 10);
    if (end == t || *end || a < 1 || b < 1 || a > b || b > 100000) return false;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return true;
}

/* Shards split by a hash of the code, not by position: the same occupation lands in the same
 * shard whichever other occupations a release adds or drops. */
static unsigned shard_of(const char *code, unsigned n)
{
    uint64_t h = 1469598103934665603u;
    for (; *code; code++) h = (h ^ (unsigned char)*code) * 1099511628211u;
    return (unsigned)(h % n);
}

static bool selected(const char *code, const char *only)
{
    if (!only) return true;
    for (const char *p = only; *p;) {
        size_t n = strcspn(p, ",");
        if (n && (n == strlen(code) ? strncmp(p, code, n) == 0 : strncmp(code, p, n) == 0))
            return true;
        p += n;
        if (*p == ',') p++;
    }
    return false;
}

/* Writes one kit whose input hash (`sha`) the parent found not current. */
static void one_kit(pk_store *st, const pk_batch_opts *o, const char *code, const char *sha,
                    pk_batch_item *it)
{
    double t0 = now_s();
    memset(it, 0, sizeof *it);
    snprintf(it->code, sizeof it->code, "%s", code);
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_store_load(st, code, &d);
    if (r) {
        pk_buf t = PK_BUF_INIT;
        pk_text_add_line(&t, r->title);
        snprintf(it->title, sizeof it->title, "%s", t.data);
        pk_buf_fini(&t);
        pk_buf dir = PK_BUF_INIT;
        pk_buf_printf(&dir, "%s/%s", o->out, r->soc); /* a validated code: safe as a name */
        pk_kit_opts ko = {o->formats, sha, o->layout};
        int written = pk_presskit_write(r, pk_store_sources(st), dir.data, &ko, &d);
        if (written >= 0) {
            it->status = PK_KIT_WRITTEN;
            it->files = (unsigned)written;
            /* its warnings (characters a font lacks), a line each, for the parent to print */
            pk_buf m = PK_BUF_INIT;
            for (size_t i = 0; i < d.n; i++)
                if (d.msgs[i].kind == PK_WARN && m.len + strlen(d.msgs[i].text) + 1 < sizeof it->message)
                    pk_buf_printf(&m, "%s%s", m.len ? "\n" : "", d.msgs[i].text);
            snprintf(it->message, sizeof it->message, "%s", pk_buf_str(&m));
            pk_buf_fini(&m);
        } else {
            it->status = PK_KIT_FAILED;
        }
        pk_buf_fini(&dir);
        pk_record_free(r);
    } else {
        it->status = PK_KIT_FAILED;
    }
    if (it->status == PK_KIT_FAILED) {
        pk_buf m = PK_BUF_INIT;
        for (size_t i = 0; i < d.n && i < 3; i++) pk_buf_printf(&m, "%s%s", i ? "; " : "", d.msgs[i].text);
        if (d.n > 3) pk_buf_printf(&m, "; and %zu more", d.n - 3);
        snprintf(it->message, sizeof it->message, "%s", m.len ? m.data : "failed");
        pk_buf_fini(&m);
    }
    pk_diag_fini(&d);
    double ms = (now_s() - t0) * 1000;
    it->ms = ms < 0 ? 0 : (unsigned)(ms + 0.5);
}

/* sha256 of the running presskit (Linux's /proc/self/exe), once per process; "" when it cannot
 * be read. A kit is made by this code as much as from its data: a rebuilt presskit of the same
 * version redoes every kit rather than trust one an older build wrote. */
static const char *binary_sha256(void)
{
    static char sha[65];
    static bool done;
    if (!done) {
        pk_diag quiet = PK_DIAG_INIT;
        if (pk_sha256_file("/proc/self/exe", sha, NULL, &quiet) != 0) sha[0] = '\0';
        pk_diag_fini(&quiet);
        done = true;
    }
    return sha;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const pk_batch_item *)a)->code, ((const pk_batch_item *)b)->code);
}

static bool read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

/* A worker out of memory (pk_out_of_memory): it says so to its parent on the results pipe, as
 * a result for the index UINT32_MAX, and ends at once and silently (SIGKILL: no atexit handler
 * runs over a library interrupted half-way); the parent, once every worker has ended, runs out
 * of memory itself, so the batch gives the command line's one message and exit status. */
static int worker_results_fd = -1;

static void worker_out_of_memory(size_t size)
{
    (void)size;
    static char msg[sizeof(uint32_t) + sizeof(pk_batch_item)];
    uint32_t mark = UINT32_MAX;
    pk_outdir_abandon(); /* this worker's kit half-written goes */
    memcpy(msg, &mark, sizeof mark);
    if (worker_results_fd >= 0) {
        ssize_t w = write(worker_results_fd, msg, sizeof msg); /* one write: it fits the pipe */
        (void)w;
    }
    raise(SIGKILL);
}

static const char *status_name(pk_kit_status s)
{
    return s == PK_KIT_WRITTEN ? "written" : s == PK_KIT_UNCHANGED ? "unchanged" : "failed";
}

/* ---- the index: index.csv and index.html, read back from the kits' manifests ---- */

/* The files the index links, in its order: the briefs first. */
static const char *const index_files[] = {"brief.pdf", "brief.html", "brief.md", "kit.txt",
                                          "cite.bib", "data.csv"};
enum { N_INDEX_FILES = sizeof index_files / sizeof index_files[0] };

/* The key figures the index shows, by the claim id the manifest gives them ("wages." covers the
 * annual and the hourly median), with the file name of the copy sorted by each. */
static const struct {
    const char *claim, *head, *page, *csv;
} index_figs[] = {{"wages.", "Median pay", "index-by-pay.html", "median_pay"},
                  {"outlook.change", "Outlook", "index-by-outlook.html", "outlook"},
                  {"exposure.task_overlap", "AI task overlap", "index-by-overlap.html",
                   "task_overlap"}};
enum { N_INDEX_FIGS = sizeof index_figs / sizeof index_figs[0] };

typedef struct index_row {
    const pk_batch_item *it;
    bool has_file[N_INDEX_FILES];
    bool has_fig[N_INDEX_FIGS];
    bool apart[N_INDEX_FIGS]; /* not comparable with the others: an hourly median pay */
    char text[N_INDEX_FIGS][48];
    double value[N_INDEX_FIGS];
    /* a figure of a wider code than the occupation's own: that code ("SOC 29-1229") and the
       occupations it covers (0: not counted), as the brief's key figure says it; "" if not */
    char published_as[N_INDEX_FIGS][64];
    long sharing[N_INDEX_FIGS];
} index_row;

/* What a kit's manifest.json says of its files and key figures. manifest.json is presskit's own
 * output in a fixed form, one file or figure an object a line: a scan of its lines is enough. */
static void index_read(const char *out, index_row *row)
{
    pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
    pk_diag quiet = PK_DIAG_INIT;
    pk_buf_printf(&path, "%s/%s/manifest.json", out, row->it->code);
    if (pk_file_read(path.data, 1 << 20, &text, &quiet) == 0) {
        for (const char *l = text.data; l && *l;) {
            const char *end = strchr(l, '\n');
            size_t n = end ? (size_t)(end - l) : strlen(l);
            const char *open = memchr(l, '{', n);
            if (open) {
                size_t on = n - (size_t)(open - l);
                char *name = pk_json_top_string(open, on, "name");
                char *claim = pk_json_top_string(open, on, "claim");
                char *shown = pk_json_top_string(open, on, "text");
                char *as = pk_json_top_string(open, on, "published_as");
                for (size_t f = 0; name && f < N_INDEX_FILES; f++)
                    if (strcmp(name, index_files[f]) == 0) row->has_file[f] = true;
                const char *v = claim && shown ? strstr(open, "\"value\": ") : NULL;
                for (size_t k = 0; v && v < l + n && k < N_INDEX_FIGS; k++) {
                    if (row->has_fig[k] ||
                        strncmp(claim, index_figs[k].claim, strlen(index_figs[k].claim)) != 0)
                        continue;
                    row->has_fig[k] = true;
                    row->value[k] = strtod(v + 9, NULL);
                    /* where BLS publishes hourly pay only, the figure says so and sorts apart */
                    row->apart[k] = strstr(claim, "hourly") != NULL;
                    snprintf(row->text[k], sizeof row->text[k], "%s%s", shown,
                             row->apart[k] ? " an hour" : "");
                    if (as) {
                        snprintf(row->published_as[k], sizeof row->published_as[k], "%s", as);
                        const char *sh = strstr(open, "\"occupations_sharing\": ");
                        if (sh && sh < l + n) row->sharing[k] = strtol(sh + 23, NULL, 10);
                    }
                }
                free(as);
                free(name);
                free(claim);
                free(shown);
            }
            l = end ? end + 1 : NULL;
        }
    }
    pk_diag_fini(&quiet);
    pk_buf_fini(&path);
    pk_buf_fini(&text);
}

static int by_key = -1; /* qsort's key: -1 the code, else the figure's index (highest first) */

static int cmp_row(const void *a, const void *b)
{
    const index_row *x = a, *y = b;
    if (by_key >= 0) {
        /* rows without a comparable figure last: an hourly pay, then none */
        int rx = !x->has_fig[by_key] ? 2 : x->apart[by_key], ry = !y->has_fig[by_key] ? 2 : y->apart[by_key];
        if (rx != ry) return rx < ry ? -1 : 1;
        bool hx = x->has_fig[by_key];
        if (hx && x->value[by_key] != y->value[by_key])
            return x->value[by_key] > y->value[by_key] ? -1 : 1;
    }
    return strcmp(x->it->code, y->it->code);
}

/* One index page: the rows in their order, the column headers links to the other orders. */
static void index_page(pk_buf *h, const index_row *rows, size_t n, int key)
{
    pk_buf_adds(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>Press kits</title>\n<style>body{font-family:system-ui,sans-serif;"
                   "margin:1rem;line-height:1.4}table{border-collapse:collapse}"
                   ".tw{overflow-x:auto}td,th{padding:.3em .6em;text-align:left;vertical-align:top;"
                   "border-bottom:1px solid #d0d5da}.num,.soc{text-align:right;white-space:nowrap}.soc{text-align:left}"
                   "a{color:#00609a}th a{color:inherit}"
                   ".pop{font-size:.85em;color:#555;white-space:normal}</style>\n</head>\n<body>\n"
                   "<main>\n"
                   "<h1>Press kits</h1>\n");
    pk_buf_printf(h, "<p>%zu occupation%s, sorted by %s. Select a column's heading to sort by it "
                     "(highest first).</p>\n", n, n == 1 ? "" : "s",
                  key < 0 ? "code" : index_figs[key].head);
    pk_buf_adds(h, "<div class=\"tw\"><table>\n<caption>Press kits, with each brief's key "
                   "figures</caption>\n<thead><tr>");
    pk_buf_printf(h, "<th scope=\"col\"%s><a href=\"index.html\">SOC</a></th>"
                     "<th scope=\"col\">Occupation</th>",
                  key < 0 ? " aria-sort=\"ascending\"" : "");
    for (int k = 0; k < N_INDEX_FIGS; k++)
        pk_buf_printf(h, "<th scope=\"col\" class=\"num\"%s><a href=\"%s\">%s</a></th>",
                      key == k ? " aria-sort=\"descending\"" : "", index_figs[k].page,
                      index_figs[k].head);
    pk_buf_adds(h, "<th scope=\"col\">Files</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const index_row *r = &rows[i];
        pk_buf_printf(h, "<tr><td class=\"soc\">%s</td><th scope=\"row\">", r->it->code);
        /* the title links the first brief the kit has */
        size_t first = N_INDEX_FILES;
        for (size_t f = 0; f < 2 && first == N_INDEX_FILES; f++)
            if (r->has_file[f]) first = f;
        if (first < N_INDEX_FILES) pk_buf_printf(h, "<a href=\"%s/%s\">", r->it->code, index_files[first]);
        pk_html_escape(h, r->it->title);
        if (first < N_INDEX_FILES) pk_buf_adds(h, "</a>");
        pk_buf_adds(h, "</th>");
        for (int k = 0; k < N_INDEX_FIGS; k++) {
            pk_buf_adds(h, "<td class=\"num\">");
            if (r->has_fig[k]) pk_html_escape(h, r->text[k]);
            else pk_buf_adds(h, "<span aria-label=\"not in the data\">&#8212;</span>");
            if (r->has_fig[k] && r->published_as[k][0]) {
                /* a wider code's figure, the same for every occupation it covers: say whose */
                pk_buf_adds(h, "<br><span class=\"pop\">for all of ");
                pk_html_escape(h, r->published_as[k]);
                if (r->sharing[k] > 1) pk_buf_printf(h, ", %ld occupations", r->sharing[k]);
                pk_buf_adds(h, "</span>");
            }
            pk_buf_adds(h, "</td>");
        }
        pk_buf_adds(h, "<td>");
        /* only what the kit holds: a kit made with --formats pdf links brief.pdf alone */
        for (size_t f = 0, k = 0; f < N_INDEX_FILES; f++) {
            if (!r->has_file[f]) continue;
            pk_buf_printf(h, "%s<a href=\"%s/%s\">%s</a>", k++ ? " · " : "", r->it->code,
                          index_files[f], index_files[f]);
        }
        pk_buf_adds(h, "</td></tr>\n");
    }
    pk_buf_adds(h, "</tbody>\n</table></div>\n<p>Key figures as each brief states them, with "
                   "their sources in the brief; &#8212; where the data has none. A figure "
                   "&#8220;for all of&#8221; a code is published for that wider code: every "
                   "occupation it covers shows the same figure.</p>\n"
                   "</main>\n</body>\n</html>\n");
}

/* index.csv and index.html (and a copy of index.html sorted by each key figure) for the kits
 * listed, from what each kit's manifest says it holds. */
static int write_index(const char *out, const pk_batch_item *items, size_t n, pk_diag *d)
{
    pk_outdir od;
    if (pk_outdir_open(&od, out, d) != 0) {
        pk_outdir_fini(&od);
        return -1;
    }
    index_row *rows = pk_xcalloc(n ? n : 1, sizeof *rows);
    size_t listed = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].status == PK_KIT_FAILED) continue;
        rows[listed].it = &items[i];
        index_read(out, &rows[listed]);
        listed++;
    }
    by_key = -1;
    if (listed > 1) qsort(rows, listed, sizeof *rows, cmp_row);
    pk_buf csv = PK_BUF_INIT, html = PK_BUF_INIT;
    /* the first seven columns as before; an absent file's cell is empty */
    pk_buf_adds(&csv, "soc,title,brief_md,kit_txt,cite_bib,data_csv,manifest,brief_pdf,brief_html");
    for (int k = 0; k < N_INDEX_FIGS; k++)
        pk_buf_printf(&csv, ",%s,%s_value", index_figs[k].csv, index_figs[k].csv);
    /* then whom each describes, when a wider code (as the compiled pack's figures table) */
    for (int k = 0; k < N_INDEX_FIGS; k++)
        pk_buf_printf(&csv, ",%s_published_as,%s_occupations_sharing", index_figs[k].csv,
                      index_figs[k].csv);
    pk_buf_adds(&csv, "\r\n");
    static const int csv_files[] = {2, 3, 4, 5}; /* brief.md, kit.txt, cite.bib, data.csv */
    for (size_t i = 0; i < listed; i++) {
        const index_row *r = &rows[i];
        pk_csv_field(&csv, r->it->code);
        pk_buf_addc(&csv, ',');
        pk_csv_field(&csv, r->it->title);
        for (size_t f = 0; f < sizeof csv_files / sizeof csv_files[0]; f++) {
            pk_buf_addc(&csv, ',');
            if (r->has_file[csv_files[f]])
                pk_buf_printf(&csv, "%s/%s", r->it->code, index_files[csv_files[f]]);
        }
        pk_buf_printf(&csv, ",%s/manifest.json", r->it->code);
        for (size_t f = 0; f < 2; f++) {
            pk_buf_addc(&csv, ',');
            if (r->has_file[f]) pk_buf_printf(&csv, "%s/%s", r->it->code, index_files[f]);
        }
        for (int k = 0; k < N_INDEX_FIGS; k++) {
            /* data, not display: the hyphen-minus a spreadsheet reads as a sign */
            pk_buf addc = PK_BUF_INIT;
            for (const char *c = r->text[k]; r->has_fig[k] && *c; c++) {
                if (strncmp(c, "\xE2\x88\x92", 3) == 0) {
                    pk_buf_addc(&addc, '-');
                    c += 2;
                } else {
                    pk_buf_addc(&addc, *c);
                }
            }
            pk_buf_addc(&csv, ',');
            if (r->has_fig[k]) pk_csv_field(&csv, pk_buf_str(&addc));
            pk_buf_addc(&csv, ',');
            if (r->has_fig[k]) pk_json_number(&csv, r->value[k]);
            pk_buf_fini(&addc);
        }
        for (int k = 0; k < N_INDEX_FIGS; k++) {
            bool said = r->has_fig[k] && r->published_as[k][0];
            pk_buf_addc(&csv, ',');
            if (said) pk_csv_field(&csv, r->published_as[k]);
            pk_buf_addc(&csv, ',');
            if (said && r->sharing[k] > 0) pk_buf_printf(&csv, "%ld", r->sharing[k]);
        }
        pk_buf_adds(&csv, "\r\n");
    }
    int rc = pk_outdir_write(&od, "index.csv", csv.data, csv.len, d);
    index_page(&html, rows, listed, -1);
    if (rc == 0) rc = pk_outdir_write(&od, "index.html", html.data, html.len, d);
    for (int k = 0; k < N_INDEX_FIGS && rc == 0; k++) {
        by_key = k;
        if (listed > 1) qsort(rows, listed, sizeof *rows, cmp_row);
        pk_buf_reset(&html);
        index_page(&html, rows, listed, k);
        rc = pk_outdir_write(&od, index_figs[k].page, html.data, html.len, d);
    }
    by_key = -1;
    free(rows);
    pk_buf_fini(&csv);
    pk_buf_fini(&html);
    pk_outdir_fini(&od);
    return rc;
}

static int index_folder(const char *out, const pk_batch_item *run, size_t n_run, pk_diag *d);

static int write_report(const char *out, const pk_batch_item *items, size_t n, pk_diag *d)
{
    size_t count[3] = {0, 0, 0};
    pk_buf b = PK_BUF_INIT;
    pk_jw w;
    pk_jw_init(&w, &b);
    pk_jw_begin_obj(&w, false);
    pk_jw_key(&w, "presskit_version");
    pk_jw_str(&w, PRESSKIT_VERSION);
    pk_jw_key(&w, "occupations");
    pk_jw_begin_arr(&w, false);
    for (size_t i = 0; i < n; i++) {
        const pk_batch_item *it = &items[i];
        count[it->status]++;
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "soc");
        pk_jw_str(&w, it->code);
        pk_jw_key(&w, "status");
        pk_jw_str(&w, status_name(it->status));
        if (it->status == PK_KIT_WRITTEN) {
            pk_jw_key(&w, "files");
            pk_jw_int(&w, it->files);
        }
        pk_jw_key(&w, "ms");
        pk_jw_int(&w, it->ms);
        if (it->status == PK_KIT_FAILED) {
            pk_jw_key(&w, "error");
            pk_jw_str(&w, it->message);
        }
        /* the brief's page quality, as its kit's manifest records it */
        pk_preflight pf;
        pk_buf kit = PK_BUF_INIT;
        pk_buf_printf(&kit, "%s/%s", out, it->code);
        if (it->status != PK_KIT_FAILED && pk_preflight_read(kit.data, &pf)) {
            pk_jw_key(&w, "preflight");
            pk_preflight_write(&w, &pf);
        }
        pk_buf_fini(&kit);
        pk_jw_end_obj(&w);
    }
    pk_jw_end_arr(&w);
    pk_jw_key(&w, "totals");
    pk_jw_begin_obj(&w, true);
    pk_jw_key(&w, "written");
    pk_jw_int(&w, (long)count[PK_KIT_WRITTEN]);
    pk_jw_key(&w, "unchanged");
    pk_jw_int(&w, (long)count[PK_KIT_UNCHANGED]);
    pk_jw_key(&w, "failed");
    pk_jw_int(&w, (long)count[PK_KIT_FAILED]);
    pk_jw_end_obj(&w);
    pk_jw_end_obj(&w);
    pk_jw_finish(&w);
    pk_outdir od;
    int rc = pk_outdir_open(&od, out, d);
    if (rc == 0) rc = pk_outdir_write(&od, "batch-report.json", b.data, b.len, d);
    pk_outdir_fini(&od);
    pk_buf_fini(&b);
    return rc;
}

static int batch_locked(pk_store *st, const pk_batch_opts *o, const char *const *all, size_t n_all,
                        pk_batch_item **items_out, size_t *n_out, pk_diag *d);

int pk_batch_run(pk_store *st, const pk_batch_opts *o, pk_batch_item **items_out, size_t *n_out,
                 pk_diag *d)
{
    *items_out = NULL;
    *n_out = 0;
    /* The template, fonts and hyphenation patterns are loaded here, before the workers fork:
     * each worker then holds a copy-on-write copy it only reads. fontconfig's and FreeType's
     * state, libharu documents and cairo surfaces are made per kit inside a worker, never shared
     * between processes, so no library sees two threads or a parent's half-used object. */
    if (!o->formats || (o->formats & PK_FORMAT_PDF))
        if (!pk_presskit_layout(o->layout, d) || pk_presskit_preload(d) != 0)
            return pk_diag_exit_code(d);
    size_t n_all;
    const char *const *all = pk_store_codes(st, &n_all);
    /* an --only code that no occupation has is a mistake (a typo), not a batch of nothing */
    for (const char *p = o->only; p && *p;) {
        size_t len = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; len && i < n_all && !found; i++) {
            char one[64];
            snprintf(one, sizeof one, "%.*s", (int)(len < 63 ? len : 63), p);
            found = selected(all[i], one);
        }
        if (len && !found) {
            pk_buf q = PK_BUF_INIT;
            pk_diag_quote(&q, p, len, 80);
            pk_diag_add(d, PK_FAIL_INPUT, "presskit: error: --only: %s is not the code or code "
                        "prefix of any occupation in %s (presskit list shows the %zu it has)",
                        pk_buf_str(&q), pk_store_name(st), n_all);
            pk_buf_fini(&q);
        }
        p += len;
        if (*p == ',') p++;
    }
    if (pk_diag_exit_code(d)) return pk_diag_exit_code(d);
    /* one batch at a time in a folder: a second one would remove this one's temporaries and
     * write the index over it */
    int lock[2];
    if (pk_outdir_lock(o->out, o->shard_k, o->shard_n, lock, d) != 0) return pk_diag_exit_code(d);
    int rc = batch_locked(st, o, all, n_all, items_out, n_out, d);
    pk_outdir_unlock(lock, o->out, o->shard_k, o->shard_n);
    return rc;
}

static int batch_locked(pk_store *st, const pk_batch_opts *o, const char *const *all, size_t n_all,
                        pk_batch_item **items_out, size_t *n_out, pk_diag *d)
{
    const char **codes = pk_xmalloc((n_all ? n_all : 1) * sizeof *codes);
    size_t n = 0;
    for (size_t i = 0; i < n_all; i++) {
        if (!selected(all[i], o->only)) continue;
        if (o->shard_n && shard_of(all[i], o->shard_n) != o->shard_k - 1) continue;
        codes[n++] = all[i];
    }
    if (pk_store_hash_inputs(st, d) != 0) {
        free(codes);
        return pk_diag_exit_code(d);
    }
    pk_batch_item *items = pk_xcalloc(n ? n : 1, sizeof *items);
    double t0 = now_s();
    size_t done = 0;
    /* What is current is decided here, from hashes of the inputs and of presskit itself: no
     * record is built and no worker started for a kit that is current. The others' indices go
     * to `todo`, with their input hashes. */
    const struct pk_template *tpl =
        !o->formats || (o->formats & PK_FORMAT_PDF) ? pk_presskit_layout(o->layout, d) : NULL;
    char(*sha)[65] = pk_xcalloc(n ? n : 1, sizeof *sha);
    size_t *todo = pk_xcalloc(n ? n : 1, sizeof *todo);
    size_t n_todo = 0;
    for (size_t i = 0; i < n; i++) {
        pk_batch_item *it = &items[i];
        snprintf(it->code, sizeof it->code, "%s", codes[i]);
        char key[65];
        pk_diag kd = PK_DIAG_INIT;
        if (pk_store_kit_key(st, codes[i], key, &kd) != 0) {
            it->status = PK_KIT_FAILED;
            snprintf(it->message, sizeof it->message, "%s", kd.n ? kd.msgs[0].text : "failed");
            pk_diag_fini(&kd);
            if (o->progress) o->progress(o->progress_ctx, ++done, n, now_s() - t0);
            continue;
        }
        pk_diag_fini(&kd);
        pk_kit_input_hash(key, o->formats, tpl ? tpl->fingerprint : NULL, binary_sha256(), sha[i]);
        pk_buf dir = PK_BUF_INIT;
        pk_buf_printf(&dir, "%s/%s", o->out, codes[i]); /* a validated code: safe as a name */
        bool current = !o->force && pk_kit_is_current(dir.data, sha[i], it->title, sizeof it->title);
        pk_buf_fini(&dir);
        if (current) {
            it->status = PK_KIT_UNCHANGED;
            if (o->progress) o->progress(o->progress_ctx, ++done, n, now_s() - t0);
        } else {
            todo[n_todo++] = i;
        }
    }
    unsigned jobs = o->jobs;
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (unsigned)cores : 1;
    }
    if (jobs > n_todo) jobs = n_todo ? (unsigned)n_todo : 1;
    if (n_todo && pk_store_prepare(st, d) != 0) {
        free(codes);
        free(items);
        free(sha);
        free(todo);
        return pk_diag_exit_code(d);
    }
    if (n_todo == 0) {
    } else if (jobs <= 1) {
        for (size_t k = 0; k < n_todo; k++) {
            size_t i = todo[k];
            one_kit(st, o, codes[i], sha[i], &items[i]);
            if (o->progress) o->progress(o->progress_ctx, ++done, n, now_s() - t0);
        }
    } else {
        int tasks[2], results[2];
        if (pipe(tasks) != 0 || pipe(results) != 0) {
            free(codes);
            free(items);
            free(sha);
            free(todo);
            pk_diag_add(d, PK_FAIL_IO, "error: cannot start workers: %s", strerror(errno));
            return 3;
        }
        /* every index goes into the task pipe up front (4 bytes each: 16,384 fit its buffer) */
        fflush(NULL);
        pid_t *pids = pk_xcalloc(jobs, sizeof *pids);
        for (unsigned w = 0; w < jobs; w++) {
            pid_t pid = fork();
            if (pid == 0) {
                free(pids); /* the parent's: a worker has none */
                close(tasks[1]);
                close(results[0]);
                worker_results_fd = results[1];
                pk_set_out_of_memory(worker_out_of_memory);
                uint32_t idx;
                pk_batch_item it;
                while (read_full(tasks[0], &idx, sizeof idx)) {
                    if (idx >= n) break;
                    one_kit(st, o, codes[idx], sha[idx], &it);
                    char msg[sizeof idx + sizeof it];
                    memcpy(msg, &idx, sizeof idx);
                    memcpy(msg + sizeof idx, &it, sizeof it);
                    if (!pk_write_all(results[1], msg, sizeof msg)) break;
                }
                /* exit, not _exit: the atexit handlers release the template, fonts and
                 * fontconfig's configuration this worker inherited, so a leak checker sees a
                 * clean worker (stdio was flushed before the fork: nothing is written twice) */
                exit(0);
            }
            pids[w] = pid;
        }
        close(tasks[0]);
        close(results[1]);
        bool *got = pk_xcalloc(n ? n : 1, sizeof *got);
        /* feed the tasks from the parent while reading results: a large batch (more indices than
         * the pipe holds) must not block the parent on a full task pipe */
        size_t next = 0, got_n = 0;
        while (next < n_todo && next < 8192) {
            uint32_t idx = (uint32_t)todo[next++];
            if (!pk_write_all(tasks[1], &idx, sizeof idx)) break;
        }
        if (next == n_todo) close(tasks[1]);
        char msg[sizeof(uint32_t) + sizeof(pk_batch_item)];
        bool worker_oom = false;
        while (got_n < n_todo && read_full(results[0], msg, sizeof msg)) {
            uint32_t idx;
            memcpy(&idx, msg, sizeof idx);
            if (idx == UINT32_MAX) worker_oom = true; /* worker_out_of_memory */
            if (idx < n && !got[idx]) {
                memcpy(&items[idx], msg + sizeof idx, sizeof items[idx]);
                got[idx] = true;
                got_n++;
                if (o->progress) o->progress(o->progress_ctx, ++done, n, now_s() - t0);
            }
            if (next < n_todo) {
                uint32_t more = (uint32_t)todo[next++];
                pk_write_all(tasks[1], &more, sizeof more);
                if (next == n_todo) close(tasks[1]);
            }
        }
        if (next < n_todo) close(tasks[1]);
        close(results[0]);
        for (unsigned w = 0; w < jobs; w++) waitpid(pids[w], NULL, 0);
        if (worker_oom) pk_out_of_memory(0);
        /* a worker that died (a crash) leaves its occupations without a result */
        for (size_t k = 0; k < n_todo; k++) {
            size_t i = todo[k];
            if (got[i]) continue;
            memset(&items[i], 0, sizeof items[i]);
            snprintf(items[i].code, sizeof items[i].code, "%s", codes[i]);
            items[i].status = PK_KIT_FAILED;
            snprintf(items[i].message, sizeof items[i].message, "the worker making this kit stopped");
        }
        free(got);
        free(pids);
    }
    free(sha);
    free(todo);
    free(codes);
    qsort(items, n, sizeof *items, cmp_item);
    *items_out = items;
    *n_out = n;
    if (write_report(o->out, items, n, d) != 0 || index_folder(o->out, items, n, d) != 0) return 3;
    for (size_t i = 0; i < n; i++)
        if (items[i].status == PK_KIT_FAILED) return 4;
    return 0;
}

/* The index over every complete kit in `out` (a folder named by a code, holding a
 * manifest.json, which a kit writes last) — those this batch made and those earlier batches,
 * shards or --only runs left — except the `failed` kits of this run (n_failed of them, sorted by
 * code), whose folder may hold an older kit that the run could not replace. */
static int index_folder(const char *out, const pk_batch_item *run, size_t n_run, pk_diag *d)
{
    DIR *dir = opendir(out);
    if (!dir) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot list: %s", out, strerror(errno));
        return 3;
    }
    pk_batch_item *items = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!pk_soc_valid(e->d_name)) continue;
        pk_batch_item key;
        memset(&key, 0, sizeof key);
        memcpy(key.code, e->d_name, 10); /* a validated O*NET-SOC code: 10 characters */
        const pk_batch_item *mine = n_run ? bsearch(&key, run, n_run, sizeof *run, cmp_item) : NULL;
        if (mine && mine->status == PK_KIT_FAILED) continue;
        pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
        pk_diag quiet = PK_DIAG_INIT;
        pk_buf_printf(&path, "%s/%s/manifest.json", out, e->d_name);
        if (pk_file_read(path.data, 1 << 20, &text, &quiet) == 0) {
            char *title = pk_json_top_string(text.data, text.len, "title");
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                items = pk_xrealloc(items, cap * sizeof *items);
            }
            pk_batch_item *it = &items[n++];
            *it = key;
            pk_buf t = PK_BUF_INIT;
            pk_text_add_line(&t, title ? title : "");
            snprintf(it->title, sizeof it->title, "%s", t.data);
            pk_buf_fini(&t);
            it->status = PK_KIT_UNCHANGED;
            free(title);
        }
        pk_diag_fini(&quiet);
        pk_buf_fini(&path);
        pk_buf_fini(&text);
    }
    closedir(dir);
    if (n > 1) qsort(items, n, sizeof *items, cmp_item);
    int rc = write_index(out, items, n, d) == 0 ? 0 : 3;
    free(items);
    return rc;
}

int pk_batch_index(const char *out, pk_diag *d)
{
    struct stat st;
    int err = stat(out, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (err) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot list: %s", out, strerror(err));
        return 3;
    }
    int lock[2]; /* not while a batch writes the folder */
    if (pk_outdir_lock(out, 0, 0, lock, d) != 0) return 3;
    int rc = index_folder(out, NULL, 0, d);
    pk_outdir_unlock(lock, NULL, 0, 0);
    return rc;
}
