/* main.c: the presskit command line. The only file that prints to the terminal or exits;
 * everything else records messages in a pk_diag and returns. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"
#include "data/pack.h"
#include "data/sqlpack.h"
#include "data/store.h"
#include "data/csv.h"
#include "data/text.h"
#include "reports/batch.h"
#include "reports/compare.h"
#include "reports/diff.h"
#include "reports/presskit.h"
#include "reports/outdir.h"
#include "reports/preflight.h"
#include "reports/render.h"
#include "charts/charts.h"

/* The commands and their options: one table, from which the parser, `presskit COMMAND --help`
 * and (through the test tests/cli/manpage.sh) the man page's coverage all follow, so that no
 * option is accepted without being documented. */
enum {
    C_KIT = 1 << 0,
    C_RECORD = 1 << 1,
    C_LIST = 1 << 2,
    C_CHECK = 1 << 3,
    C_BATCH = 1 << 4,
    C_INDEX = 1 << 5,
    C_CHART = 1 << 6,
    C_PACK = 1 << 7,
    C_PREFLIGHT = 1 << 8,
    C_COMPARE = 1 << 9,
    C_DIFF = 1 << 10,
    C_ALL = (1 << 11) - 1
};

static const struct command {
    const char *name;
    unsigned bit;
    const char *synopsis; /* after "presskit NAME " */
    const char *about;    /* one line, for presskit --help */
    const char *help;     /* the paragraph of presskit NAME --help */
} commands[] = {
    {"kit", C_KIT, "[OPTIONS] SOC...", "write a press kit per occupation into DIR/<SOC>/",
     "Writes DIR/<SOC>/ for each occupation: brief.pdf (the brief, in the --layout template),\n"
     "kit.txt (headline and sourced factoids), cite.txt, cite-apa.txt, cite.bib, cite.ris,\n"
     "cite.json (citations), brief.md (the source-stamped Markdown brief), data.csv (every\n"
     "figure with its source), charts/ (SVG, PNG, alt text), share.png, embed.html and\n"
     "manifest.json (files with sha256, sources, version). Every file is written to a\n"
     "temporary name and renamed, so none is ever half-written. One failing occupation does\n"
     "not stop the others; the exit status reports the worst failure. A line \"presskit: wrote\n"
     "DIR/<SOC>/\" per kit goes to standard error (not with --quiet).\n"},
    {"compare", C_COMPARE, "[OPTIONS] A B | --pairs FILE", "two occupations side by side: DIR/compare/<A>_vs_<B>/",
     "Writes DIR/compare/<A>_vs_<B>/ (A and B as kit takes them: codes or title words):\n"
     "compare.pdf (the comparison, two to four pages in the --layout template), compare.md,\n"
     "compare.html, kit.txt (headline and factoids about the difference), the citations of a\n"
     "kit, data.csv (every figure shown, both occupations), charts/ and manifest.json, put in\n"
     "place whole as a kit is (docs/compare.md). A and B the same occupation: exit 2. With\n"
     "--pairs FILE, a comparison per row of a CSV with columns a and b; a bad row gets a\n"
     "file:line:col message and the next row goes on (exit 1 at the end).\n"},
    {"record", C_RECORD, "[OPTIONS] SOC", "print an occupation's record as JSON",
     "Prints the occupation's record as JSON (docs/record.md) to standard output, or writes it\n"
     "to FILE with -o. Reading the output back gives the same record. With --data naming one\n"
     "record file, SOC may be left out.\n"},
    {"list", C_LIST, "[OPTIONS]", "list the occupations: code, title, sources",
     "Prints one line per occupation: code, title and the ids of the sources that cover it,\n"
     "separated by tabs.\n"},
    {"check", C_CHECK, "[OPTIONS]", "validate the data (and a template), every problem",
     "Reads the sources registry and every record, reports every problem with its file and\n"
     "line:column or JSON path, then a summary. Exit 1 if any record is bad. With --layout,\n"
     "the template is checked too. --coverage (with a pack manifest) prints, per section of\n"
     "the brief, how many occupations have it and why the others do not, as a Markdown table.\n"},
    {"batch", C_BATCH, "[OPTIONS]", "a kit for every occupation, in parallel, resumable",
     "Writes DIR/<SOC>/ for every occupation (or those --only names: codes or code prefixes,\n"
     "comma-separated), then DIR/index.csv, DIR/index.html and DIR/batch-report.json, with\n"
     "--jobs worker processes. A kit whose inputs, formats, template and presskit (version and\n"
     "binary) are unchanged is skipped, decided from hashes before any record is built (--force\n"
     "redoes it). --shard K/N makes only shard K of N, so N machines split\n"
     "a release with no coordinator; `presskit index DIR` then rebuilds the index over all of\n"
     "them. Progress goes to standard error. Exit 0 when every kit was written or current, 4\n"
     "when some failed.\n"},
    {"index", C_INDEX, "DIR", "rebuild DIR/index.csv and index.html from its kits",
     "Rebuilds DIR/index.csv and DIR/index.html from the kits in DIR (after shards are copied\n"
     "together).\n"},
    {"pack", C_PACK, "build [OPTIONS] -o FILE.sqlite",
     "compile a pack into one SQLite database, usable as --data by every command",
     "Compiles the pack (its manifest and the release files it names) into one SQLite\n"
     "database: every occupation's record, the sources, each input file's name, size and\n"
     "sha256, and a figures table with views to query (docs/packs.md). --data FILE.sqlite\n"
     "then works with every command and reads one occupation without loading the\n"
     "release. The file is written under a temporary name and renamed when complete;\n"
     "the same inputs give the same bytes. A command reading it says so when an input\n"
     "file has changed since.\n"},
    {"chart", C_CHART, "[OPTIONS] NAME SOC -o FILE",
     "one chart as .svg, .png, @2x.png or .pdf (--list names them)",
     "Draws one chart of one occupation; the format comes from FILE's suffix: .svg (real text,\n"
     "title and alt text), .png (1200 x 675 px for the default size), @2x.png or .pdf. With\n"
     "-o -, the chart goes to standard output in the --format given (default svg). --list\n"
     "names the charts.\n"},
    {"preflight", C_PREFLIGHT, "DIR", "summarise the page quality of the briefs in DIR",
     "Sums what every brief in DIR measured of its own pages as it was set (its manifest's\n"
     "preflight: pages more than a quarter empty, words hyphenated where they should not be,\n"
     "short lists and tables split, widows and orphans, text wider than its box, chart\n"
     "labels cut or left out; docs/templates.md) as a Markdown table with the goals, then\n"
     "the worst briefs. Exit 1 when DIR holds no kit with a brief.pdf.\n"},
    {"diff", C_DIFF, "--data NEW [--base OLD] [OPTIONS]",
     "what changed between two releases, per occupation and release-wide",
     "Writes DIR/<SOC>/changes.md and changes.csv (claim id, old, new, change, both sources)\n"
     "for every occupation with a figure that moved, and DIR/changes.csv and DIR/changes.html\n"
     "(the biggest movers in median pay and employment, with the caveats). Without --base, NEW\n"
     "is one pack with history: its two latest OEWS releases (and the ILO's two vintages).\n"},
};

typedef struct opts {
    const struct command *cmd;
    const char *data; /* NULL: the embedded sample */
    const char *root; /* a pack's files are under here; NULL: the manifest's folder */
    const char *base, *base_root; /* diff: the old release, and where its files are */
    const char *jobs, *shard, *only, *formats, *layout, *format, *pairs;
    bool force, quiet, list, coverage, preflight;
    const char *out;
    const char **args;
    size_t n_args;
    bool help;
} opts;

/* One option of one or more commands. arg NULL: a flag (a bool member), else a value. */
static const struct option {
    const char *name; /* "--out" */
    char letter;      /* 'o' for -o, or 0 */
    const char *arg;  /* "DIR", or NULL for a flag */
    unsigned cmds;    /* C_* bits */
    size_t off;       /* the member of opts */
    const char *help;
} options[] = {
    {"--data", 0, "PATH", C_KIT | C_RECORD | C_LIST | C_CHECK | C_BATCH | C_CHART | C_COMPARE | C_DIFF,
     offsetof(opts, data),
     "a data folder (<SOC>.json records and sources.json), one record file, a\n"
     "pack manifest over the public releases (data/packs/us-2024.json), or a pack\n"
     "compiled by presskit pack build (.sqlite); without it (or with no PATH), the\n"
     "sample built into presskit, a copy of data/sample/"},
    {"--data", 0, "MANIFEST", C_PACK, offsetof(opts, data),
     "the pack manifest to compile (data/packs/us-2024.json)"},
    {"--root", 0, "DIR", C_KIT | C_RECORD | C_LIST | C_CHECK | C_BATCH | C_CHART | C_PACK | C_COMPARE | C_DIFF,
     offsetof(opts, root), "where a pack manifest's files are (default: the manifest's folder)"},
    {"--layout", 0, "T", C_KIT | C_CHECK | C_BATCH | C_COMPARE, offsetof(opts, layout),
     "the brief's template: default, newsroom-a4, factsheet, or a template file\n"
     "(docs/templates.md)"},
    {"--formats", 0, "F", C_KIT | C_BATCH | C_COMPARE, offsetof(opts, formats),
     "which files a kit has: pdf,txt,md,html,svg,png, all (those six, the default),\n"
     "and changes (changes.md and .csv from the record's history)"},
    {"--out", 'o', "DIR", C_KIT | C_BATCH | C_COMPARE | C_DIFF, offsetof(opts, out), "where kits go (default: out)"},
    {"--pairs", 0, "FILE", C_COMPARE, offsetof(opts, pairs),
     "a CSV of the pairs to compare, columns a and b (A and B as above)"},
    {"--base", 0, "PATH", C_DIFF, offsetof(opts, base),
     "the old release (as --data); without it, --data's own history"},
    {"--base-root", 0, "DIR", C_DIFF, offsetof(opts, base_root),
     "where the old pack manifest's files are (default: its folder)"},
    {"--out", 'o', "FILE", C_RECORD, offsetof(opts, out),
     "write the record to FILE (whole, or not at all); - or none: standard output"},
    {"--out", 'o', "FILE", C_PACK, offsetof(opts, out),
     "the compiled pack to write (FILE.sqlite)"},
    {"--out", 'o', "FILE", C_CHART, offsetof(opts, out),
     "the chart's file, its format from the suffix; -: standard output"},
    {"--format", 0, "F", C_CHART, offsetof(opts, format),
     "the format of -o -: svg (default), png, @2x.png or pdf"},
    {"--list", 0, NULL, C_CHART, offsetof(opts, list), "list the charts, one a line: name, what it shows"},
    {"--jobs", 0, "N", C_BATCH, offsetof(opts, jobs), "worker processes, 1 to 256 (default: the cores)"},
    {"--jobs", 0, "N", C_COMPARE, offsetof(opts, jobs),
     "with --pairs: comparisons made at once, 1 to 256 (default 1)"},
    {"--shard", 0, "K/N", C_BATCH, offsetof(opts, shard), "make only shard K of N (1 <= K <= N)"},
    {"--only", 0, "CODES", C_BATCH, offsetof(opts, only),
     "only these codes or code prefixes, comma-separated (27-,15-1252)"},
    {"--force", 0, NULL, C_BATCH, offsetof(opts, force), "redo kits that are current"},
    {"--coverage", 0, NULL, C_CHECK, offsetof(opts, coverage),
     "which occupations have each section of the brief (needs a pack manifest)"},
    {"--preflight", 0, NULL, C_KIT, offsetof(opts, preflight),
     "print each brief's page-quality measures (docs/templates.md) to standard output"},
    {"--quiet", 'q', NULL, C_KIT | C_BATCH | C_PACK | C_COMPARE | C_DIFF, offsetof(opts, quiet),
     "no status lines (\"wrote ...\", progress); problems are still reported"},
    {"--help", 'h', NULL, C_ALL, offsetof(opts, help), "this help"},
};

static const char usage_head[] =
    "Usage: presskit COMMAND [OPTIONS] [SOC...]\n"
    "       presskit help COMMAND\n"
    "\n"
    "Press kits for journalists from public US occupation data (O*NET, BLS, AI-exposure studies).\n"
    "\n"
    "Commands:\n";

static const char usage_tail[] =
    "\n"
    "SOC is an O*NET-SOC code (27-4014.00), a SOC code (27-4014), or words of a title\n"
    "(\"sound engineering\") that match one occupation. `--` ends the options: every argument\n"
    "after it is a SOC (or a name), even one that starts with \"-\".\n"
    "\n"
    "Options (each command takes those its help lists; presskit help COMMAND):\n"
    "%s"
    "  -V, --version       print the version\n"
    "\n"
    "Data goes to standard output; status lines and messages to standard error.\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  bad input: a record, sources registry or template is wrong (the message names the\n"
    "     file and line:column or JSON path), a brief does not fit, or a code, name or\n"
    "     template the command line gives is not in the data (--only 99-9999)\n"
    "  2  usage: unknown command or option, missing argument, or a value of the wrong form\n"
    "     for its option (--jobs 0, --shard 3/2, --formats pdff), or compare A A\n"
    "  3  I/O: a file could not be read or written (or is not a regular file: a named pipe),\n"
    "     standard output included (nothing already written is damaged), another batch\n"
    "     holds the output folder, or memory ran out\n"
    "  4  batch: some occupations failed (the others were written; see batch-report.json)\n";

/* "  -o, --out DIR   help" with the help's further lines indented under its first. */
static void option_line(pk_buf *b, const struct option *op)
{
    pk_buf line = PK_BUF_INIT;
    if (op->letter) pk_buf_printf(&line, "  -%c, %s", op->letter, op->name);
    else pk_buf_printf(&line, "      %s", op->name);
    if (op->arg) pk_buf_printf(&line, " %s", op->arg);
    const int col = 22;
    pk_buf_adds(b, line.data);
    if (line.len + 1 >= (size_t)col) {
        pk_buf_addc(b, '\n');
        pk_buf_printf(b, "%*s", col, "");
    } else {
        pk_buf_printf(b, "%*s", col - (int)line.len, "");
    }
    for (const char *h = op->help; *h; h++) {
        pk_buf_addc(b, *h);
        if (*h == '\n') pk_buf_printf(b, "%*s", col, "");
    }
    pk_buf_addc(b, '\n');
    pk_buf_fini(&line);
}

static void usage_text(pk_buf *b)
{
    pk_buf_adds(b, usage_head);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *c = &commands[i];
        pk_buf line = PK_BUF_INIT;
        pk_buf_printf(&line, "  %s %s", c->name, c->synopsis);
        if (line.len >= 32) pk_buf_printf(b, "%s\n%34s%s\n", line.data, "", c->about);
        else pk_buf_printf(b, "%-34s%s\n", line.data, c->about);
        pk_buf_fini(&line);
    }
    pk_buf opts_b = PK_BUF_INIT;
    const char *seen[sizeof options / sizeof options[0]];
    size_t n_seen = 0;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        bool dup = false;
        for (size_t k = 0; k < n_seen; k++) dup |= strcmp(seen[k], options[i].name) == 0;
        if (dup) continue;
        seen[n_seen++] = options[i].name;
        option_line(&opts_b, &options[i]);
    }
    pk_buf_printf(b, usage_tail, pk_buf_str(&opts_b));
    pk_buf_fini(&opts_b);
}

static void command_help(pk_buf *b, const struct command *c)
{
    pk_buf_printf(b, "Usage: presskit %s %s\n", c->name, c->synopsis);
    if (c->bit == C_CHART) pk_buf_adds(b, "       presskit chart --list\n");
    pk_buf_printf(b, "\n%s\nOptions:\n", c->help);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].cmds & c->bit) option_line(b, &options[i]);
    pk_buf_adds(b, "\nExit status: 0 success, 1 bad input, 2 usage, 3 I/O");
    pk_buf_adds(b, c->bit == C_BATCH ? ", 4 some occupations failed" : "");
    pk_buf_adds(b, " (presskit --help).\n");
}

/* Data to standard output. The first write that fails keeps its errno for the message at exit
 * (close_stdout): by then stdio may have nothing left to flush and errno is long gone. */
static int stdout_errno;

static void out_write(const void *bytes, size_t len)
{
    if (len && fwrite(bytes, 1, len, stdout) != len && !stdout_errno) stdout_errno = errno;
}

static void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vprintf(fmt, ap) < 0 && !stdout_errno) stdout_errno = errno;
    va_end(ap);
}

static void out_flush(void)
{
    if (fflush(stdout) != 0 && !stdout_errno) stdout_errno = errno;
}

/* One message line to stderr. Messages quote what they name, but a message is made of data (a
 * template's strings, a record's codes) in many places: here, the one place that prints them,
 * control characters (C0, DEL, and C1 as UTF-8) become \xNN (C1, U+2028 and U+2029: \uNNNN)
 * so that none acts on a terminal. */
static void put_message(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F) {
            fprintf(stderr, "\\x%02X", *p);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(stderr, "\\u%04X", p[1]);
            p++;
        } else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            fprintf(stderr, "\\u%04X", p[2] == 0xA8 ? 0x2028 : 0x2029); /* a line break */
            p += 2;
        } else {
            fputc(*p, stderr);
        }
    }
    fputc('\n', stderr);
}

static int print_diag(pk_diag *d)
{
    for (size_t i = 0; i < d->n; i++) put_message(d->msgs[i].text);
    if (d->dropped)
        fprintf(stderr, "presskit: %zu more problem%s not shown\n", d->dropped, d->dropped == 1 ? "" : "s");
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

/* --formats named something else: one message for every command that takes it. */
static void formats_error(const char *bad)
{
    fprintf(stderr, "presskit: error: --formats: unknown format \"%s\" (expected pdf, txt, md, html, "
                    "svg, png, all or changes)\n", bad);
}

static const struct option *find_option(const char *name, char letter, unsigned cmd,
                                        bool *other_command)
{
    *other_command = false;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const struct option *op = &options[i];
        if (name ? strcmp(op->name, name) != 0 : op->letter != letter) continue;
        if (op->cmds & cmd) return op;
        *other_command = true;
    }
    return NULL;
}

/* Parses argv after the command: --name VALUE, --name=VALUE, -x VALUE, flags, and `--`, after
 * which every argument is an operand. Returns 0, or an exit code. */
static int parse(int argc, char **argv, opts *o)
{
    o->args = calloc((size_t)argc, sizeof *o->args);
    if (!o->args) pk_out_of_memory(0);
    bool operands_only = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (operands_only || a[0] != '-' || a[1] == '\0') { /* "-" alone is an operand */
            o->args[o->n_args++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            operands_only = true;
            continue;
        }
        char name[64];
        const char *value = NULL, *shown = a;
        bool other;
        const struct option *op;
        if (a[1] == '-') {
            size_t n = strcspn(a, "=");
            if (n >= sizeof name) return usage_error("unknown option %s", a);
            memcpy(name, a, n);
            name[n] = '\0';
            if (a[n] == '=') value = a + n + 1;
            op = find_option(name, 0, o->cmd->bit, &other);
            shown = name;
        } else if (a[2] == '\0') {
            op = find_option(NULL, a[1], o->cmd->bit, &other);
        } else {
            return usage_error("unknown option %s", a);
        }
        if (!op) {
            if (!other) return usage_error("unknown option %s", a);
            fprintf(stderr, "presskit: error: %s is not an option of %s (see presskit %s --help)\n",
                    shown, o->cmd->name, o->cmd->name);
            return PK_FAIL_USAGE;
        }
        if (!op->arg) {
            if (value) return usage_error("%s takes no value", op->name);
            *(bool *)(void *)((char *)o + op->off) = true;
            continue;
        }
        const char **target = (const char **)(void *)((char *)o + op->off);
        if (!value) {
            if (target == &o->data && (i + 1 == argc || argv[i + 1][0] == '-')) {
                *target = NULL; /* "--data" alone: the embedded sample, as with no --data */
                continue;
            }
            if (i + 1 == argc) return usage_error("%s needs a value", op->name);
            value = argv[++i];
        }
        if (*value == '\0') return usage_error("%s needs a value", op->name);
        *target = value;
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
            formats_error(bad);
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
            pk_preflight pf;
            if (o->preflight && pk_preflight_read(dir.data, &pf)) {
                pk_buf t = PK_BUF_INIT;
                pk_preflight_text(r->soc, &pf, &t);
                out_write(t.data, t.len);
                pk_buf_fini(&t);
            }
            if (!o->quiet) { /* a status line, not data: standard error */
                pk_buf title = PK_BUF_INIT; /* a title is data: never let it act on a terminal */
                pk_text_add_line(&title, r->title);
                fprintf(stderr, "presskit: wrote %s/ (%s)\n", dir.data, title.data);
                pk_buf_fini(&title);
            }
            ok++;
        }
        pk_buf_fini(&dir);
        pk_record_free(r);
    }
    pk_store_free(st);
    int code = print_diag(&d);
    if (o->n_args > 1 && ok < o->n_args)
        fprintf(stderr, "presskit: %zu of %zu kits written\n", ok, o->n_args);
    return code;
}

/* Writes bytes to `out`: "-" (or NULL) is standard output, which main checks at exit; a file
 * is written whole to a temporary name and renamed, as every output is. */
static int write_output(const char *out, const char *bytes, size_t len, pk_diag *d)
{
    if (!out || strcmp(out, "-") == 0) {
        out_write(bytes, len);
        return 0;
    }
    const char *slash = strrchr(out, '/');
    pk_buf dir = PK_BUF_INIT;
    if (slash) pk_buf_add(&dir, out, (size_t)(slash - out));
    if (!dir.len) pk_buf_adds(&dir, slash ? "/" : ".");
    pk_outdir od;
    int rc = pk_outdir_open(&od, dir.data, d);
    if (rc == 0) rc = pk_outdir_write(&od, slash ? slash + 1 : out, bytes, len, d);
    pk_outdir_fini(&od);
    pk_buf_fini(&dir);
    return rc;
}

static int cmd_diff(const opts *o)
{
    if (o->n_args) return usage_error("unexpected argument %s", o->args[0]);
    if (!o->data) return usage_error("%s needs --data NEW (a pack, or a compiled one)", "diff");
    pk_diag d = PK_DIAG_INIT;
    pk_diff_opts dop = {o->data, o->root, o->base, o->base_root, o->out};
    size_t n = 0;
    if (pk_diff_run(&dop, &n, &d) == 0 && !o->quiet) {
        const char *out = o->out ? o->out : "out";
        fprintf(stderr, "presskit: wrote %s/changes.csv, %s/changes.html and the changes of %zu "
                        "occupation%s\n", out, out, n, n == 1 ? "" : "s");
    }
    return print_diag(&d);
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
        write_output(o->out, b.data, b.len, &d);
        pk_buf_fini(&b);
        pk_record_free(r);
    }
    pk_store_free(st);
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
                                         "(data/packs/us-2024.json)"
                                       : "--coverage is an option of check");
    }
    size_t n, bad = 0, loading = pk_diag_count(&d); /* problems in the files, before records */
    size_t in_template = 0;
    if (check && o->layout) {
        /* the template too: every problem by JSON path */
        size_t before = pk_diag_count(&d);
        if (!pk_presskit_layout(o->layout, &d)) in_template = pk_diag_count(&d) - before;
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
            out_printf("%s\t%s\t%s\n", r->soc, title.data, pk_buf_str(&cov));
            pk_buf_fini(&title);
            pk_buf_fini(&cov);
        }
        pk_record_free(r);
    }
    if (o->coverage) {
        pk_buf cov = PK_BUF_INIT;
        pk_store_coverage_report(st, &cov);
        out_write(cov.data, cov.len);
        pk_buf_fini(&cov);
    }
    pk_store_free(st);
    out_flush(); /* the list before the messages about it, when both go to one terminal */
    int code = print_diag(&d);
    if (check) {
        fprintf(stderr, "presskit check: %zu occupation%s, %zu with problems", n, n == 1 ? "" : "s",
                bad);
        if (loading)
            fprintf(stderr, "; %zu problem%s in the data files", loading, loading == 1 ? "" : "s");
        if (in_template)
            fprintf(stderr, "; %zu problem%s in the template", in_template,
                    in_template == 1 ? "" : "s");
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
            formats_error(bad);
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
        } else if (items[i].status == PK_KIT_WRITTEN && items[i].message[0]) {
            for (char *line = items[i].message, *nl; line; line = nl) { /* warnings */
                nl = strchr(line, '\n');
                if (nl) *nl++ = '\0';
                put_message(line);
            }
        }
    int code = print_diag(&d);
    /* a batch stopped before its first kit (a bad template, a locked folder) wrote no report */
    if (items)
        fprintf(stderr, "presskit batch: %zu written, %zu unchanged, %zu failed (%s/batch-report.json)\n",
                count[PK_KIT_WRITTEN], count[PK_KIT_UNCHANGED], count[PK_KIT_FAILED], bo.out);
    free(items);
    return code ? code : rc;
}

static int cmd_chart(const opts *o)
{
    if (o->list) {
        for (const pk_chart_def *c = pk_charts; c->name; c++) out_printf("%-14s %s\n", c->name, c->about);
        return 0;
    }
    if (o->n_args != 2) return usage_error("%s takes a chart name and a SOC code (see presskit chart --list)", "chart");
    if (!o->out) return usage_error("%s needs -o FILE (- for standard output)", "chart");
    /* standard output has no suffix to choose the format by: --format does */
    const char *name = o->out;
    pk_buf stdout_name = PK_BUF_INIT;
    if (strcmp(o->out, "-") == 0) {
        const char *f = o->format ? o->format : "svg";
        if (strcmp(f, "svg") && strcmp(f, "png") && strcmp(f, "@2x.png") && strcmp(f, "pdf")) {
            fprintf(stderr, "presskit: error: --format: unknown format \"%s\" (expected svg, png, "
                            "@2x.png or pdf)\n", f);
            return PK_FAIL_USAGE;
        }
        pk_buf_printf(&stdout_name, "-%s%s", f[0] == '@' ? "" : ".", f);
        name = stdout_name.data;
    } else if (o->format) {
        return usage_error("%s", "--format is for -o - (a file's suffix gives its format)");
    }
    const pk_chart_def *c = pk_chart_find(o->args[0]);
    if (!c) {
        pk_buf_fini(&stdout_name);
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
        /* the file goes in place whole, as every output does */
        if (sc && pk_render(sc, name, &b, &d) == 0) write_output(o->out, b.data, b.len, &d);
        pk_buf_fini(&b);
        pk_scene_free(sc);
    }
    pk_record_free(r);
    pk_store_free(st);
    pk_fonts_free(fonts);
    pk_buf_fini(&stdout_name);
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
    FILE *f = dir ? NULL : pk_file_open(o->data, &d); /* a named pipe is refused, not waited on */
    if (!dir && !f) return print_diag(&d);
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    if (dir || (f && !pk_is_pack_manifest(head, n))) {
        fprintf(stderr, "presskit: error: %s: pack build compiles a pack manifest "
                        "(data/packs/us-2024.json), not %s\n", o->data,
                dir ? "a folder" : pk_is_sqlite_file(head, n) ? "a compiled pack" : "this file");
        return PK_FAIL_USAGE;
    }
    /* the status line goes to standard error, as kit's "wrote" lines do */
    if (pk_sqlpack_build(o->data, o->root, o->out, &d) == 0 && !o->quiet)
        fprintf(stderr, "presskit: wrote %s\n", o->out);
    return print_diag(&d);
}

static int cmd_preflight(const opts *o)
{
    if (o->n_args != 1) return usage_error("%s takes one folder", "preflight");
    pk_diag d = PK_DIAG_INIT;
    pk_buf out = PK_BUF_INIT;
    int rc = pk_preflight_summary(o->args[0], &out, &d);
    if (rc == 0) out_write(out.data, out.len);
    pk_buf_fini(&out);
    int code = print_diag(&d);
    return code ? code : rc;
}

static int cmd_index(const opts *o)
{
    if (o->n_args != 1) return usage_error("%s takes one folder", "index");
    pk_diag d = PK_DIAG_INIT;
    int rc = pk_batch_index(o->args[0], &d);
    int code = print_diag(&d);
    return code ? code : rc;
}

/* ---- compare (docs/compare.md) ---- */

typedef struct compare_run {
    const opts *o;
    pk_store *st;
    const char *out;
    unsigned formats;
    size_t tried, written;
    int ca, cb; /* --pairs: the columns */
    pk_diag *d;
    /* --pairs --jobs N: rows compared N at a time, each in a process forked at its row (which
     * then has the reader where the row is, for its messages' places); results are taken in
     * the rows' order, so that messages, status lines and counts come as one process gives them */
    unsigned jobs;
    struct pair_job {
        pid_t pid;
        int fd;
    } pend[256];
    size_t n_pend, head; /* a ring: pend[head] the oldest row */
    size_t seen;         /* d->n when the last row was handed out */
    pk_buf *status;      /* in a worker: its "wrote" line, for the parent to print */
} compare_run;

/* What a store said of a code it could not load, without the "PATH: error: " it begins with
 * (a --pairs row's message names the row instead). */
static const char *bare(const char *m)
{
    const char *e = strstr(m, "error: ");
    return e ? e + 7 : m;
}

/* One comparison. With c (a --pairs row) the problems are the row's, located at its fields;
 * else they are the command line's. Returns 0 when written. */
static int compare_one(compare_run *cr, const char *a, const char *b, pk_csv *c,
                       const pk_csv_row *row)
{
    cr->tried++;
    pk_diag ld = PK_DIAG_INIT;
    const pk_record *r[2] = {pk_store_load(cr->st, a, &ld), NULL};
    if (r[0]) r[1] = pk_store_load(cr->st, b, &ld);
    int rc = -1;
    if (!r[0] || !r[1]) {
        for (size_t i = 0; i < ld.n; i++) {
            if (c) pk_csv_error(c, row, (size_t)(r[0] ? cr->cb : cr->ca), "%s", bare(ld.msgs[i].text));
            else pk_diag_add(cr->d, ld.msgs[i].kind, "%s", ld.msgs[i].text);
        }
    } else if (strcmp(r[0]->soc, r[1]->soc) == 0) {
        /* one occupation twice is no comparison: the command line's mistake, exit 2 (a row's:
         * bad input, exit 1, with its place) */
        if (c)
            pk_csv_error(c, row, (size_t)cr->cb, "\"%s\" and \"%s\" are both %s (%s): a comparison "
                         "needs two different occupations", a, b, r[0]->soc, r[0]->title);
        else
            pk_diag_add(cr->d, PK_FAIL_USAGE, "presskit: error: compare needs two different "
                        "occupations: \"%s\" and \"%s\" are both %s (%s)", a, b, r[0]->soc,
                        r[0]->title);
    } else {
        pk_buf dir = PK_BUF_INIT;
        pk_buf_printf(&dir, "%s/compare/%s_vs_%s", cr->out, r[0]->soc, r[1]->soc);
        if (pk_compare_write(r, pk_store_sources(cr->st), dir.data, cr->formats, cr->o->layout,
                             cr->d) >= 0) {
            rc = 0;
            cr->written++;
            if (!cr->o->quiet) {
                pk_buf t0 = PK_BUF_INIT, t1 = PK_BUF_INIT;
                pk_text_add_line(&t0, r[0]->title);
                pk_text_add_line(&t1, r[1]->title);
                if (cr->status)
                    pk_buf_printf(cr->status, "presskit: wrote %s/ (%s vs. %s)\n", dir.data,
                                  t0.data, t1.data);
                else
                    fprintf(stderr, "presskit: wrote %s/ (%s vs. %s)\n", dir.data, t0.data,
                            t1.data);
                pk_buf_fini(&t0);
                pk_buf_fini(&t1);
            }
        }
        pk_buf_fini(&dir);
    }
    for (int i = 0; i < 2; i++) pk_record_free((pk_record *)r[i]);
    for (size_t i = 0; i < ld.n; i++) /* warnings (a record's glyphs) pass through */
        if (ld.msgs[i].kind == PK_WARN && r[0] && r[1]) pk_diag_add(cr->d, PK_WARN, "%s", ld.msgs[i].text);
    pk_diag_fini(&ld);
    return rc;
}

/* ---- compare --pairs --jobs: rows in forked processes, results in the rows' order ---- */

static void put_u32(pk_buf *b, uint32_t v)
{
    pk_buf_add(b, &v, sizeof v);
}

static bool get_u32(const pk_buf *b, size_t *at, uint32_t *v)
{
    if (b->len - *at < sizeof *v) return false;
    memcpy(v, b->data + *at, sizeof *v);
    *at += sizeof *v;
    return true;
}

/* A worker out of memory ends at once and silently; its parent, missing the result, runs out
 * of memory itself (one message, exit 3, as without workers). */
static void pair_worker_out_of_memory(size_t size)
{
    (void)size;
    pk_outdir_abandon(); /* its folder half-written goes */
    _exit(99);
}

/* In a worker: compares one row and sends its parent what that did: the counts, every message
 * it added (kind and text) and its status line; then ends. */
static _Noreturn void pair_worker(compare_run *cr, int fd, pk_csv *c, const pk_csv_row *row)
{
    pk_set_out_of_memory(pair_worker_out_of_memory);
    size_t n0 = cr->d->n, tried0 = cr->tried, written0 = cr->written;
    pk_buf status = PK_BUF_INIT, msg = PK_BUF_INIT;
    cr->status = &status;
    compare_one(cr, row->f[cr->ca], row->f[cr->cb], c, row);
    put_u32(&msg, (uint32_t)(cr->tried - tried0));
    put_u32(&msg, (uint32_t)(cr->written - written0));
    put_u32(&msg, (uint32_t)(cr->d->n - n0));
    for (size_t i = n0; i < cr->d->n; i++) {
        put_u32(&msg, (uint32_t)cr->d->msgs[i].kind);
        put_u32(&msg, (uint32_t)strlen(cr->d->msgs[i].text));
        pk_buf_adds(&msg, cr->d->msgs[i].text);
    }
    put_u32(&msg, (uint32_t)status.len);
    pk_buf_add(&msg, status.data ? status.data : "", status.len);
    bool sent = pk_write_all(fd, msg.data, msg.len);
    pk_buf_fini(&msg);
    pk_buf_fini(&status);
    close(fd);
    /* exit, not _exit: the atexit handlers release what this worker inherited (as batch's
     * workers do); stdio was flushed before the fork, so nothing is written twice */
    exit(sent ? 0 : 3);
}

/* Takes the oldest row's result: its counts, its messages (after those already there), its
 * status line. */
static void pair_collect(compare_run *cr)
{
    struct pair_job j = cr->pend[cr->head];
    cr->head = (cr->head + 1) % (sizeof cr->pend / sizeof cr->pend[0]);
    cr->n_pend--;
    pk_buf in = PK_BUF_INIT;
    char chunk[4096];
    for (;;) {
        ssize_t r = read(j.fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        pk_buf_add(&in, chunk, (size_t)r);
    }
    close(j.fd);
    int wst = 0;
    while (waitpid(j.pid, &wst, 0) < 0 && errno == EINTR) {
    }
    size_t at = 0;
    uint32_t tried, written, n, st_len;
    bool ok = get_u32(&in, &at, &tried) && get_u32(&in, &at, &written) && get_u32(&in, &at, &n);
    for (uint32_t i = 0; ok && i < n; i++) {
        uint32_t kind, len;
        ok = get_u32(&in, &at, &kind) && get_u32(&in, &at, &len) && in.len - at >= len;
        if (ok) pk_diag_add(cr->d, (pk_fail)kind, "%.*s", (int)len, in.data + at), at += len;
    }
    ok = ok && get_u32(&in, &at, &st_len) && in.len - at >= st_len;
    if (ok) {
        cr->tried += tried;
        cr->written += written;
        fwrite(in.data + at, 1, st_len, stderr);
    }
    pk_buf_fini(&in);
    if (ok) return;
    if (WIFEXITED(wst) && WEXITSTATUS(wst) == 99) pk_out_of_memory(0);
    cr->tried++;
    pk_diag_add(cr->d, PK_FAIL_IO,
                "presskit: error: a comparison's worker ended without its result");
}

static void pair_drain(compare_run *cr)
{
    while (cr->n_pend)
        pair_collect(cr);
}

/* Messages the reader added since the last row was handed out (a malformed line) belong after
 * the rows before it: taken off, the pending rows' results put in, and put back after them. */
static void pair_keep_order(compare_run *cr)
{
    pk_diag *d = cr->d;
    if (d->n > cr->seen && cr->n_pend) {
        size_t k = d->n - cr->seen;
        pk_diag_msg *later = pk_xmalloc(k * sizeof *later);
        memcpy(later, d->msgs + cr->seen, k * sizeof *later);
        d->n = cr->seen;
        pair_drain(cr);
        for (size_t i = 0; i < k; i++) {
            pk_diag_add(d, later[i].kind, "%s", later[i].text);
            free(later[i].text);
        }
        free(later);
    }
    cr->seen = d->n;
}

/* Hands row out to a worker (after the oldest finishes, when all are busy); without a pipe or
 * a process, compares it here, in order. */
static void pair_spawn(compare_run *cr, pk_csv *c, const pk_csv_row *row)
{
    if (cr->n_pend == cr->jobs) pair_collect(cr);
    int fds[2];
    if (pipe(fds) == 0) {
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            for (size_t i = 0; i < cr->n_pend; i++) /* the other rows' pipes are the parent's */
                close(cr->pend[(cr->head + i) % (sizeof cr->pend / sizeof cr->pend[0])].fd);
            pair_worker(cr, fds[1], c, row);
        }
        close(fds[1]);
        if (pid > 0) {
            size_t tail = (cr->head + cr->n_pend) % (sizeof cr->pend / sizeof cr->pend[0]);
            cr->pend[tail] = (struct pair_job){pid, fds[0]};
            cr->n_pend++;
            return;
        }
        close(fds[0]);
    }
    pair_drain(cr);
    compare_one(cr, row->f[cr->ca], row->f[cr->cb], c, row);
    cr->seen = cr->d->n;
}

static int compare_row(void *ctx, pk_csv *c, const pk_csv_row *row)
{
    compare_run *cr = ctx;
    if (cr->ca < 0) { /* the header */
        cr->ca = pk_csv_need(c, "a");
        cr->cb = pk_csv_need(c, "b");
        return cr->ca < 0 || cr->cb < 0; /* without them, no row can be read */
    }
    if (cr->jobs > 1) pair_keep_order(cr);
    for (int k = 0; k < 2; k++) {
        int col = k ? cr->cb : cr->ca;
        if (!row->len[col]) {
            if (cr->jobs > 1) pair_drain(cr); /* this row's message after the rows before it */
            cr->tried++;
            pk_csv_error(c, row, (size_t)col, "empty: a code or title words of an occupation");
            return 0;
        }
    }
    if (cr->jobs > 1)
        pair_spawn(cr, c, row);
    else
        compare_one(cr, row->f[cr->ca], row->f[cr->cb], c, row);
    return 0;
}

static int cmd_compare(const opts *o)
{
    if (o->pairs && o->n_args)
        return usage_error("unexpected argument %s (--pairs names the pairs)", o->args[0]);
    if (!o->pairs && o->n_args != 2) return usage_error("%s takes two occupations, A and B", "compare");
    compare_run cr = {.o = o, .out = o->out ? o->out : "out", .ca = -1, .cb = -1, .jobs = 1};
    if (o->jobs) {
        char *end;
        long j = strtol(o->jobs, &end, 10);
        if (*end || j < 1 || j > 256)
            return usage_error("--jobs takes a number from 1 to 256, got %s", o->jobs);
        if (!o->pairs)
            return usage_error("--jobs is for %s: one comparison is one process", "--pairs");
        cr.jobs = (unsigned)j;
    }
    if (o->formats) {
        char bad[64];
        if (!pk_parse_formats(o->formats, &cr.formats, bad, sizeof bad)) {
            formats_error(bad);
            return PK_FAIL_USAGE;
        }
        if (cr.formats & PK_FORMAT_CHANGES) /* one occupation's history: a kit's, not a pair's */
            return usage_error("--formats: %s is a format of kit and batch, not of compare",
                               "changes");
    }
    pk_diag d = PK_DIAG_INIT;
    cr.d = &d;
    cr.st = pk_store_open(o->data, o->root, &d);
    if (!cr.st) return print_diag(&d);
    /* a bad template is one set of messages, before any folder */
    if ((!cr.formats || (cr.formats & PK_FORMAT_PDF)) && !pk_presskit_layout(o->layout, &d)) {
        pk_store_free(cr.st);
        return print_diag(&d);
    }
    if (o->pairs) {
        pk_csv_opts co = {.delim = ',', .quoted = true, .max_errors = 100000};
        /* the workers share the store as batch's do: whatever it loads on first use, loaded now */
        if (cr.jobs > 1 && pk_store_prepare(cr.st, &d) != 0) {
            pk_store_free(cr.st);
            return print_diag(&d);
        }
        cr.seen = d.n;
        pk_csv_read(o->pairs, &co, compare_row, &cr, &d);
        if (cr.jobs > 1) {
            pair_keep_order(&cr);
            pair_drain(&cr);
        }
    } else {
        compare_one(&cr, o->args[0], o->args[1], NULL, NULL);
    }
    pk_store_free(cr.st);
    int code = print_diag(&d);
    if (o->pairs && !o->quiet)
        fprintf(stderr, "presskit compare: %zu of %zu comparisons written\n", cr.written, cr.tried);
    return code;
}

/* Standard output is checked once, at exit, as gnulib's close_stdout does: a write error (a full
 * disk, /dev/full, a closed pipe with SIGPIPE ignored) is an I/O failure, exit 3, never a
 * silent success. EBADF from fclose alone means it was closed and never written. */
static int close_stdout(int rc)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int err = stdout_errno ? stdout_errno : errno;
    if (fclose(stdout) != 0 && !failed && errno != EBADF) {
        failed = true;
        err = errno;
    }
    if (failed) {
        fprintf(stderr, "presskit: error: cannot write to standard output: %s\n",
                err ? strerror(err) : "write error");
        rc = PK_FAIL_IO;
    }
    /* and standard error, with nowhere left to say so */
    if (fclose(stderr) != 0 && rc == 0) rc = PK_FAIL_IO;
    return rc;
}

static int run(int argc, char **argv)
{
    pk_buf help = PK_BUF_INIT;
    if (argc < 2) {
        usage_text(&help);
        fputs(help.data, stderr);
        pk_buf_fini(&help);
        return PK_FAIL_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        (strcmp(cmd, "help") == 0 && argc == 2)) {
        usage_text(&help);
        out_write(help.data, help.len);
        pk_buf_fini(&help);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        out_printf("presskit %s\n", PRESSKIT_VERSION);
        return 0;
    }
    bool help_cmd = strcmp(cmd, "help") == 0;
    if (help_cmd) {
        if (argc > 3) return usage_error("%s takes one command", "help");
        cmd = argv[2];
    }
    const struct command *c = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0) c = &commands[i];
    if (!c) return usage_error("unknown command \"%s\"", cmd);
    if (help_cmd) {
        command_help(&help, c);
        out_write(help.data, help.len);
        pk_buf_fini(&help);
        return 0;
    }
    opts o = {.cmd = c};
    int rc = parse(argc, argv, &o);
    if (rc == 0 && o.help) {
        command_help(&help, c);
        out_write(help.data, help.len);
    } else if (rc == 0) {
        switch (c->bit) {
        case C_KIT: rc = cmd_kit(&o); break;
        case C_RECORD: rc = cmd_record(&o); break;
        case C_LIST: rc = cmd_list(&o, false); break;
        case C_CHECK: rc = cmd_list(&o, true); break;
        case C_BATCH: rc = cmd_batch(&o); break;
        case C_INDEX: rc = cmd_index(&o); break;
        case C_PACK: rc = cmd_pack(&o); break;
        case C_PREFLIGHT: rc = cmd_preflight(&o); break;
        case C_COMPARE: rc = cmd_compare(&o); break;
        case C_DIFF: rc = cmd_diff(&o); break;
        default: rc = cmd_chart(&o); break;
        }
    }
    pk_buf_fini(&help);
    free(o.args);
    return rc;
}

/* Memory ran out, in presskit or in a library (pk_out_of_memory): one message and exit status 3
 * (an I/O failure: the machine, not the input), whatever was being made. _exit, not exit: the
 * atexit handlers would free caches that a library interrupted half-way still holds (cairo
 * asserts on its font cache), and the kernel releases everything anyway; no temporary file is
 * open across an allocation (outdir.c writes a finished buffer). A batch worker inherits it:
 * its parent reports the kit as failed. */
static void on_out_of_memory(size_t size)
{
    (void)size;
    static const char msg[] = "presskit: error: out of memory\n";
    pk_outdir_abandon(); /* a kit half-written goes, as a failed one does */
    fflush(stdout);
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) _exit(3);
    _exit(3);
}

int main(int argc, char **argv)
{
    pk_memory_init();
    pk_set_out_of_memory(on_out_of_memory);
    return close_stdout(run(argc, argv));
}
