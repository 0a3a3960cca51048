/* main.c: the presskit command line. The only file that prints to the terminal or exits;
 * everything else records messages in a pk_diag and returns. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"
#include "data/pack.h"
#include "data/sqlpack.h"
#include "data/store.h"
#include "data/text.h"
#include "reports/batch.h"
#include "reports/presskit.h"
#include "reports/outdir.h"
#include "reports/render.h"
#include "charts/charts.h"

static const char usage_text[] =
    "Usage: presskit COMMAND [OPTIONS] [SOC...]\n"
    "\n"
    "Press kits for journalists from public US occupation data (O*NET, BLS, AI-exposure studies).\n"
    "\n"
    "Commands:\n"
    "  kit [--data PATH] [--layout T] [--out DIR] [--formats F] SOC...\n"
    "                                         write a press kit per occupation into DIR/<SOC>/\n"
    "  record [--data PATH] SOC               print an occupation's record as JSON\n"
    "  list [--data PATH]                     list the occupations: code, title, sources\n"
    "  check [--data PATH] [--layout T] [--coverage]\n"
    "                                         validate the data (and a template), every problem;\n"
    "                                         --coverage: which occupations have each section\n"
    "  batch [--data PATH] [--layout T] [--out DIR] [--jobs N] [--shard K/N] [--only CODES]\n"
    "        [--formats F]\n"
    "        [--force] [--quiet]              a kit for every occupation, in parallel, resumable\n"
    "  index DIR                              rebuild DIR/index.csv and index.html from its kits\n"
    "  pack build --data MANIFEST [--root DIR] -o FILE.sqlite\n"
    "                                         compile a pack into one SQLite database, usable as\n"
    "                                         --data by every command (docs/packs.md)\n"
    "  chart NAME SOC -o FILE                 one chart as .svg, .png, @2x.png or .pdf; --list\n"
    "\n"
    "SOC is an O*NET-SOC code (27-4014.00), a SOC code (27-4014), or words of a title\n"
    "(\"sound engineering\") that match one occupation.\n"
    "\n"
    "Options:\n"
    "  --data PATH   a data folder (<SOC>.json records and sources.json), one record file, a\n"
    "                pack manifest over the public releases (data/packs/us-2024.json), or a pack\n"
    "                compiled by presskit pack build (.sqlite); without it (or with no PATH),\n"
    "                the sample built into presskit, a copy of data/sample/\n"
    "  --root DIR    where a pack manifest's files are (default: the manifest's folder)\n"
    "  --layout T    the brief's template: default, newsroom-a4, factsheet, or a template file\n"
    "                (layouts/templates/*.json; docs/templates.md)\n"
    "  --formats F   which files a kit has: pdf,txt,md,svg,png (default: all)\n"
    "  --out DIR     where kits go (default: out)\n"
    "  -h, --help    this help; presskit COMMAND --help for one command\n"
    "  --version     print the version\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  bad input: a record, sources registry, template or argument value is wrong (the\n"
    "     message names the file and line:column or JSON path), or a brief does not fit\n"
    "  2  usage: unknown command or option, missing argument\n"
    "  3  I/O: a file could not be read or written (nothing already written is damaged)\n"
    "  4  batch: some occupations failed (the others were written; see batch-report.json)\n";

static const struct {
    const char *name, *help;
} commands[] = {
    {"kit", "Usage: presskit kit [--data PATH] [--out DIR] SOC...\n\n"
            "Writes DIR/<SOC>/ for each occupation: kit.txt (headline and sourced factoids),\n"
            "cite.txt, cite-apa.txt, cite.bib, cite.ris, cite.json (citations), brief.md (the\n"
            "source-stamped Markdown brief), data.csv (every figure with its source) and\n"
            "manifest.json (files with sha256, sources, version). Every file is written to a\n"
            "temporary name and renamed, so none is ever half-written. One failing occupation\n"
            "does not stop the others; the exit status reports the worst failure.\n"},
    {"record", "Usage: presskit record [--data PATH] SOC\n\n"
               "Prints the occupation's record as JSON (docs/record.md). Reading the output back\n"
               "gives the same record. With --data naming one record file, SOC may be left out.\n"},
    {"list", "Usage: presskit list [--data PATH] [--root DIR]\n\n"
             "Prints one line per occupation: code, title and the ids of the sources that cover\n"
             "it, separated by tabs.\n"},
    {"batch", "Usage: presskit batch [--data PATH] [--root DIR] [--out DIR] [--jobs N] [--shard K/N]\n"
              "                      [--only CODES|PREFIXES] [--formats txt,md] [--force] [--quiet]\n\n"
              "Writes DIR/<SOC>/ for every occupation (or those --only names: codes or code\n"
              "prefixes, comma-separated), then DIR/index.csv, DIR/index.html and\n"
              "DIR/batch-report.json. --jobs worker processes (default: the cores). A kit whose\n"
              "inputs, formats, template and presskit (version and binary) are unchanged is\n"
              "skipped, decided from hashes before any record is built (--force redoes it).\n"
              "--shard K/N makes only shard K of N, so N machines split a release with no\n"
              "coordinator; `presskit index DIR` then rebuilds the index over all of them.\n"
              "Exit 0 when every kit was written or current, 4 when some failed.\n"},
    {"chart", "Usage: presskit chart NAME SOC -o FILE [--data PATH] [--root DIR]\n"
              "       presskit chart --list\n\n"
              "Draws one chart of one occupation; the format comes from FILE's suffix: .svg (real\n"
              "text, title and alt text), .png (1200 x 675 px for the default size) or @2x.png.\n"},
    {"pack", "Usage: presskit pack build --data MANIFEST [--root DIR] -o FILE.sqlite\n\n"
             "Compiles the pack (its manifest and the release files it names) into one SQLite\n"
             "database: every occupation's record, the sources, each input file's name, size and\n"
             "sha256, and a figures table with views to query (docs/packs.md). --data FILE.sqlite\n"
             "then works with every command and reads one occupation without loading the\n"
             "release. The file is written under a temporary name and renamed when complete;\n"
             "the same inputs give the same bytes. A command reading it says so when an input\n"
             "file has changed since.\n"},
    {"index", "Usage: presskit index DIR\n\n"
              "Rebuilds DIR/index.csv and DIR/index.html from the kits in DIR (after shards are\n"
              "copied together).\n"},
    {"check", "Usage: presskit check [--data PATH] [--root DIR] [--layout T] [--coverage]\n\n"
              "Reads the sources registry and every record, reports every problem with its file\n"
              "and line:column or JSON path, then a summary. Exit 1 if any record is bad.\n"
              "--coverage (with a pack manifest) prints, per section of the brief, how many\n"
              "occupations have it and why the others do not, as a Markdown table.\n"},
};

typedef struct opts {
    const char *command;
    const char *data; /* NULL: the embedded sample */
    const char *root; /* a pack's files are under here; NULL: the manifest's folder */
    const char *jobs, *shard, *only, *formats, *layout;
    bool force, quiet, list, coverage;
    const char *out;
    const char **args;
    size_t n_args;
    bool help;
} opts;

/* One message line to stderr. Messages quote what they name, but a message is made of data (a
 * template's strings, a record's codes) in many places: here, the one place that prints them,
 * control characters (C0, DEL, and C1 as UTF-8) become \xNN so that none acts on a terminal. */
static void put_message(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F) {
            fprintf(stderr, "\\x%02X", *p);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(stderr, "\\u%04X", p[1]);
            p++;
        } else {
            fputc(*p, stderr);
        }
    }
    fputc('\n', stderr);
}

static int print_diag(pk_diag *d)
{
    for (size_t i = 0; i < d->n; i++) put_message(d->msgs[i].text);
    if (d->dropped) fprintf(stderr, "presskit: %zu more problems not shown\n", d->dropped);
    int code = pk_diag_exit_code(d);
    pk_diag_fini(d);
    return code;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "presskit: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see presskit --help)\n");
    return PK_FAIL_USAGE;
}

/* Parses argv after the command. Returns 0, or an exit code. */
static int parse(int argc, char **argv, opts *o)
{
    o->args = calloc((size_t)argc, sizeof *o->args);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        const char *name = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = true;
            continue;
        }
        if (strcmp(a, "--force") == 0) {
            o->force = true;
            continue;
        }
        if (strcmp(a, "--quiet") == 0) {
            o->quiet = true;
            continue;
        }
        if (strcmp(a, "--list") == 0) {
            o->list = true;
            continue;
        }
        if (strcmp(a, "--coverage") == 0) {
            o->coverage = true;
            continue;
        }
        static const struct { const char *flag; size_t off; } vals[] = {
            {"--jobs", offsetof(opts, jobs)},   {"--shard", offsetof(opts, shard)},
            {"--only", offsetof(opts, only)},   {"--formats", offsetof(opts, formats)},
            {"--layout", offsetof(opts, layout)}};
        for (size_t k = 0; k < sizeof vals / sizeof vals[0] && !target; k++) {
            size_t fl = strlen(vals[k].flag);
            if (strncmp(a, vals[k].flag, fl) == 0 && (a[fl] == '\0' || a[fl] == '='))
                target = (const char **)(void *)((char *)o + vals[k].off), name = vals[k].flag;
        }
        if (target) {
        } else if (strncmp(a, "--data", 6) == 0 && (a[6] == '\0' || a[6] == '=')) target = &o->data, name = "--data";
        else if (strncmp(a, "--root", 6) == 0 && (a[6] == '\0' || a[6] == '='))
            target = &o->root, name = "--root";
        else if ((strncmp(a, "--out", 5) == 0 && (a[5] == '\0' || a[5] == '=')) || strcmp(a, "-o") == 0)
            target = &o->out, name = "--out";
        if (target) {
            const char *eq = strchr(a, '=');
            if (eq && a[1] == '-') {
                *target = eq + 1;
            } else if (target == &o->data && (i + 1 == argc || argv[i + 1][0] == '-')) {
                *target = NULL; /* "--data" alone: the embedded sample, as with no --data */
                continue;
            } else if (i + 1 < argc) {
                *target = argv[++i];
            } else {
                return usage_error("%s needs a value", name);
            }
            if (**target == '\0') return usage_error("%s needs a value", name);
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error("unknown option %s", a);
        o->args[o->n_args++] = a;
    }
    return 0;
}

static int cmd_kit(const opts *o)
{
    if (o->n_args == 0) return usage_error("%s needs at least one SOC code", "kit");
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(o->data, o->root, &d);
    if (!st) return print_diag(&d);
    const char *out = o->out ? o->out : "out";
    size_t ok = 0;
    pk_kit_opts ko = {0, NULL, o->layout};
    if (o->formats) {
        char bad[64];
        if (!pk_parse_formats(o->formats, &ko.formats, bad, sizeof bad)) {
            pk_store_free(st);
            fprintf(stderr, "presskit: error: --formats: unknown format \"%s\" (expected pdf, txt, md, "
                            "svg or png)\n", bad);
            return PK_FAIL_USAGE;
        }
    }
    /* a bad template is one set of messages, not one per occupation */
    if ((!ko.formats || (ko.formats & PK_FORMAT_PDF)) && !pk_presskit_layout(o->layout, &d)) {
        pk_store_free(st);
        return print_diag(&d);
    }
    for (size_t i = 0; i < o->n_args; i++) {
        pk_record *r = pk_store_load(st, o->args[i], &d);
        if (!r) continue;
        pk_buf dir = PK_BUF_INIT;
        pk_buf_printf(&dir, "%s/%s", out, r->soc); /* the code was validated: safe as a name */
        if (pk_presskit_write(r, pk_store_sources(st), dir.data, &ko, &d) >= 0) {
            pk_buf title = PK_BUF_INIT; /* a title is data: never let it act on a terminal */
            pk_text_add_line(&title, r->title);
            printf("presskit: wrote %s/ (%s)\n", dir.data, title.data);
            pk_buf_fini(&title);
            ok++;
        }
        pk_buf_fini(&dir);
        pk_record_free(r);
    }
    pk_store_free(st);
    fflush(stdout);
    int code = print_diag(&d);
    if (o->n_args > 1 && ok < o->n_args)
        fprintf(stderr, "presskit: %zu of %zu kits written\n", ok, o->n_args);
    return code;
}

static int cmd_record(const opts *o)
{
    if (o->n_args > 1) return usage_error("%s takes one SOC code", "record");
    if (o->n_args == 0 && !o->data) return usage_error("%s needs a SOC code", "record");
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(o->data, o->root, &d);
    if (!st) return print_diag(&d);
    pk_record *r = pk_store_load(st, o->n_args ? o->args[0] : NULL, &d);
    if (r) {
        pk_buf b = PK_BUF_INIT;
        pk_record_write(r, &b);
        fwrite(b.data, 1, b.len, stdout);
        pk_buf_fini(&b);
        pk_record_free(r);
    }
    pk_store_free(st);
    if (fflush(stdout) != 0) pk_diag_add(&d, PK_FAIL_IO, "presskit: error: cannot write to standard output");
    return print_diag(&d);
}

static void add_source_id(void *ctx, const char *id)
{
    pk_buf *b = ctx;
    if (b->len) pk_buf_addc(b, ',');
    pk_buf_adds(b, id);
}

static int cmd_list(const opts *o, bool check)
{
    if (o->n_args) return usage_error("unexpected argument %s", o->args[0]);
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(o->data, o->root, &d);
    if (!st) {
        int code = print_diag(&d);
        if (check) fprintf(stderr, "presskit check: the data could not be loaded\n");
        return code;
    }
    if (o->coverage && (!check || !pk_store_has_coverage(st))) {
        pk_store_free(st);
        return usage_error("%s", check ? "--coverage needs --data with a pack manifest "
                                         "(data/packs/us-2024.json) or a compiled pack"
                                       : "--coverage is an option of check");
    }
    size_t n, bad = 0, loading = pk_diag_count(&d); /* problems in the files, before records */
    if (check && o->layout) {
        /* the template too: every problem by JSON path */
        size_t before = pk_diag_count(&d);
        if (!pk_presskit_layout(o->layout, &d)) loading += pk_diag_count(&d) - before;
    }
    const char *const *codes = pk_store_codes(st, &n);
    for (size_t i = 0; i < n; i++) {
        size_t before = pk_diag_count(&d);
        pk_record *r = pk_store_load(st, codes[i], &d);
        if (!r) {
            bad += pk_diag_count(&d) > before;
            continue;
        }
        if (!check) {
            pk_buf cov = PK_BUF_INIT;
            pk_record_each_source(r, add_source_id, &cov);
            pk_buf title = PK_BUF_INIT;
            pk_text_add_line(&title, r->title);
            printf("%s\t%s\t%s\n", r->soc, title.data, pk_buf_str(&cov));
            pk_buf_fini(&title);
            pk_buf_fini(&cov);
        }
        pk_record_free(r);
    }
    if (o->coverage) {
        pk_buf cov = PK_BUF_INIT;
        pk_store_coverage_report(st, &cov);
        fwrite(cov.data, 1, cov.len, stdout);
        pk_buf_fini(&cov);
    }
    pk_store_free(st);
    fflush(stdout);
    int code = print_diag(&d);
    if (check) {
        fprintf(stderr, "presskit check: %zu occupation%s, %zu with problems", n, n == 1 ? "" : "s",
                bad);
        if (loading)
            fprintf(stderr, "; %zu problem%s in the data files", loading, loading == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    return code;
}

typedef struct progress {
    bool tty;
    size_t last_tenth;
} progress;

/* On a terminal a bar with count, rate and time left, redrawn in place; otherwise a line every
 * tenth of the batch, so a log stays short. */
static void show_progress(void *ctx, size_t done, size_t total, double elapsed)
{
    progress *p = ctx;
    double rate = elapsed > 0 ? done / elapsed : 0;
    double left = rate > 0 ? (total - done) / rate : 0;
    if (p->tty) {
        char bar[31];
        size_t fill = total ? done * 30 / total : 30;
        for (size_t i = 0; i < 30; i++) bar[i] = i < fill ? '=' : ' ';
        bar[30] = '\0';
        fprintf(stderr, "\r[%s] %zu/%zu  %.0f/s  %d:%02d left ", bar, done, total, rate,
                (int)left / 60, (int)left % 60);
        if (done == total) fputc('\n', stderr);
    } else {
        size_t tenth = total ? done * 10 / total : 10;
        if (tenth != p->last_tenth || done == total) {
            p->last_tenth = tenth;
            fprintf(stderr, "presskit batch: %zu/%zu (%zu%%), %.0f/s\n", done, total,
                    total ? done * 100 / total : 100, rate);
        }
    }
}

static int cmd_batch(const opts *o)
{
    if (o->n_args) return usage_error("unexpected argument %s (batch takes --only for codes)", o->args[0]);
    pk_batch_opts bo = {.out = o->out ? o->out : "out", .only = o->only, .force = o->force,
                        .layout = o->layout};
    if (o->jobs) {
        char *end;
        long j = strtol(o->jobs, &end, 10);
        if (*end || j < 1 || j > 256) return usage_error("--jobs takes a number from 1 to 256, got %s", o->jobs);
        bo.jobs = (unsigned)j;
    }
    if (o->shard && !pk_parse_shard(o->shard, &bo.shard_k, &bo.shard_n))
        return usage_error("--shard takes K/N with 1 <= K <= N, got %s", o->shard);
    if (o->formats) {
        char bad[64];
        if (!pk_parse_formats(o->formats, &bo.formats, bad, sizeof bad)) {
            fprintf(stderr, "presskit: error: --formats: unknown format \"%s\" (expected pdf, txt, md, "
                            "svg or png)\n", bad);
            return PK_FAIL_USAGE;
        }
    }
    progress pr = {isatty(STDERR_FILENO) != 0, (size_t)-1};
    if (!o->quiet) {
        bo.progress = show_progress;
        bo.progress_ctx = &pr;
    }
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open_lazy(o->data, o->root, &d); /* a rerun may need no more */
    if (!st) return print_diag(&d);
    pk_batch_item *items;
    size_t n;
    int rc = pk_batch_run(st, &bo, &items, &n, &d);
    pk_store_free(st);
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) count[items[i].status]++;
    for (size_t i = 0; i < n; i++)
        if (items[i].status == PK_KIT_FAILED) {
            fprintf(stderr, "%s: ", items[i].code);
            put_message(items[i].message);
        }
    int code = print_diag(&d);
    fprintf(stderr, "presskit batch: %zu written, %zu unchanged, %zu failed (%s/batch-report.json)\n",
            count[PK_KIT_WRITTEN], count[PK_KIT_UNCHANGED], count[PK_KIT_FAILED], bo.out);
    free(items);
    return code ? code : rc;
}

static int cmd_chart(const opts *o)
{
    if (o->list) {
        for (const pk_chart_def *c = pk_charts; c->name; c++) printf("%-14s %s\n", c->name, c->about);
        return 0;
    }
    if (o->n_args != 2) return usage_error("%s takes a chart name and a SOC code (see presskit chart --list)", "chart");
    if (!o->out) return usage_error("%s needs -o FILE", "chart");
    const pk_chart_def *c = pk_chart_find(o->args[0]);
    if (!c) {
        fprintf(stderr, "presskit: error: unknown chart \"%s\" (presskit chart --list names them)\n",
                o->args[0]);
        return PK_FAIL_USAGE;
    }
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(o->data, o->root, &d);
    pk_record *r = st ? pk_store_load(st, o->args[1], &d) : NULL;
    pk_fonts *fonts = pk_fonts_new();
    pk_chart_style style;
    if (r && !c->has_data(r)) {
        pk_diag_add(&d, PK_FAIL_INPUT, "%s: error: the record has no figures for the %s chart", r->soc, c->name);
    } else if (r && pk_chart_style_default(&style, fonts, &d) == 0) {
        pk_scene *sc = pk_chart_build(c, r, pk_store_sources(st), fonts, &style, &d);
        pk_buf b = PK_BUF_INIT;
        if (sc && pk_render(sc, o->out, &b, &d) == 0) {
            /* the file goes in place whole, as every output does */
            const char *slash = strrchr(o->out, '/');
            pk_buf dir = PK_BUF_INIT;
            if (slash) pk_buf_add(&dir, o->out, (size_t)(slash - o->out));
            else pk_buf_adds(&dir, ".");
            pk_outdir od;
            if (pk_outdir_open(&od, dir.data, &d) == 0)
                pk_outdir_write(&od, slash ? slash + 1 : o->out, b.data, b.len, &d);
            pk_outdir_fini(&od);
            pk_buf_fini(&dir);
        }
        pk_buf_fini(&b);
        pk_scene_free(sc);
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_fonts_free(fonts);
    return print_diag(&d);
}

static int cmd_pack(const opts *o)
{
    if (o->n_args == 0 || strcmp(o->args[0], "build") != 0)
        return usage_error("%s", o->n_args ? "pack has one command: build"
                                           : "pack needs a command: pack build");
    if (o->n_args > 1) return usage_error("unexpected argument %s", o->args[1]);
    if (!o->data) return usage_error("%s needs --data with a pack manifest", "pack build");
    if (!o->out) return usage_error("%s needs -o FILE.sqlite", "pack build");
    pk_diag d = PK_DIAG_INIT;
    char head[4096];
    struct stat sb;
    bool dir = stat(o->data, &sb) == 0 && S_ISDIR(sb.st_mode);
    FILE *f = dir ? NULL : fopen(o->data, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    if (dir || (f && !pk_is_pack_manifest(head, n))) {
        fprintf(stderr, "presskit: error: %s: pack build compiles a pack manifest "
                        "(data/packs/us-2024.json), not %s\n", o->data,
                dir ? "a folder" : pk_is_sqlite_file(head, n) ? "a compiled pack" : "this file");
        return PK_FAIL_USAGE;
    }
    if (pk_sqlpack_build(o->data, o->root, o->out, &d) == 0) {
        fflush(stdout);
        printf("presskit: wrote %s\n", o->out);
    }
    return print_diag(&d);
}

static int cmd_index(const opts *o)
{
    if (o->n_args != 1) return usage_error("%s takes one folder", "index");
    pk_diag d = PK_DIAG_INIT;
    int rc = pk_batch_index(o->args[0], &d);
    int code = print_diag(&d);
    return code ? code : rc;
}

int main(int argc, char **argv)
{
    pk_memory_init();
    if (argc < 2) {
        fputs(usage_text, stderr);
        return PK_FAIL_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("presskit %s\n", PRESSKIT_VERSION);
        return 0;
    }
    opts o = {.command = cmd};
    int rc = parse(argc, argv, &o);
    if (rc == 0) {
        const char *help = NULL;
        bool known = false;
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (strcmp(commands[i].name, cmd) == 0) {
                known = true;
                help = commands[i].help;
            }
        }
        if (!known) rc = usage_error("unknown command \"%s\"", cmd);
        else if (o.help) fputs(help, stdout);
        else if (strcmp(cmd, "kit") == 0) rc = cmd_kit(&o);
        else if (strcmp(cmd, "record") == 0) rc = cmd_record(&o);
        else if (strcmp(cmd, "list") == 0) rc = cmd_list(&o, false);
        else if (strcmp(cmd, "batch") == 0) rc = cmd_batch(&o);
        else if (strcmp(cmd, "index") == 0) rc = cmd_index(&o);
        else if (strcmp(cmd, "pack") == 0) rc = cmd_pack(&o);
        else if (strcmp(cmd, "chart") == 0) rc = cmd_chart(&o);
        else rc = cmd_list(&o, true);
    }
    free(o.args);
    return rc;
}
