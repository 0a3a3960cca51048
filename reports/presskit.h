/* presskit.h: one occupation's press kit — every output file made from one record — written
 * into a folder. The CLI, the benchmarks and (later) batch all call this. Part of reports/. */
#ifndef PK_PRESSKIT_H
#define PK_PRESSKIT_H

#include <stdbool.h>

#include "data/buf.h"
#include "data/diag.h"
#include "data/record.h"

/* Which outputs a kit has (batch --formats). */
enum {
    PK_FORMAT_TXT = 1 << 0, /* kit.txt, the citations, data.csv */
    PK_FORMAT_MD = 1 << 1,  /* brief.md */
    PK_FORMAT_SVG = 1 << 2, /* charts/<name>.svg and .alt.txt, embed.html */
    PK_FORMAT_PNG = 1 << 3, /* charts/<name>.png and @2x.png */
    PK_FORMAT_PDF = 1 << 4, /* brief.pdf */
    PK_FORMAT_HTML = 1 << 5, /* brief.html */
    PK_FORMAT_ALL = PK_FORMAT_TXT | PK_FORMAT_MD | PK_FORMAT_SVG | PK_FORMAT_PNG | PK_FORMAT_PDF |
                    PK_FORMAT_HTML,
    /* changes.md and changes.csv (what `presskit diff` writes per occupation) from the record's
     * own history, when it has a figure that moved; asked for by name, not part of "all" */
    PK_FORMAT_CHANGES = 1 << 6
};

/* Parses "pdf,txt,md,html,svg,png,changes" (and "all", the first six) into PK_FORMAT_* bits.
 * Returns false (and the first unknown name in bad, at most bad_len bytes) for anything else. */
bool pk_parse_formats(const char *list, unsigned *formats, char *bad, size_t bad_len);

typedef struct pk_kit_opts {
    unsigned formats;         /* PK_FORMAT_*; 0 means all */
    const char *input_sha256; /* recorded in manifest.json so a batch can skip an unchanged kit;
                                 NULL: none */
    const char *layout;       /* the brief's template: a built-in name or a JSON file; NULL:
                                 "default" */
} pk_kit_opts;

struct pk_template;
/* Loads the brief's template `layout` (NULL: "default") for this process, once (a batch's
 * workers inherit it), and returns it, or NULL with every problem of the template in d. */
const struct pk_template *pk_presskit_layout(const char *layout, pk_diag *d);
/* Parses what pk_presskit_layout loaded lazily (the hyphenation patterns), so that a batch's
 * forked workers share it instead of each parsing its own. 0, or -1 with a message. */
int pk_presskit_preload(pk_diag *d);

/* Writes the kit of r into `dir` (created as needed): brief.pdf, kit.txt, cite.txt, cite-apa.txt,
 * cite.bib, cite.ris, cite.json, brief.md, brief.html, data.csv (as opts->formats asks; opts
 * may be NULL)
 * and, last, manifest.json. Returns the number of files written, or -1 with messages
 * (PK_FAIL_IO; PK_FAIL_INPUT for a chart font that is missing). Files written before a
 * failure are complete; none is ever left half-written, and temporary files a killed run left in
 * `dir` are removed. */
int pk_presskit_write(const pk_record *r, const pk_sources *s, const char *dir,
                      const pk_kit_opts *opts, pk_diag *d);

/* The fingerprint of everything a kit is made from (64 hex digits and NUL in out): presskit's
 * version and binary (binary_sha256, or NULL), the formats, what the store gives the occupation
 * (pk_store_kit_key), the template's fingerprint (or NULL) and SOURCE_DATE_EPOCH when set. No record is built for it, so a
 * batch decides what is current without loading any. */
void pk_kit_input_hash(const char *store_key, unsigned formats, const char *layout_fingerprint,
                       const char *binary_sha256, char out[65]);

/* True when dir/manifest.json was written for input hash `sha` and every file it lists is there
 * with its size: the kit is current and a batch may skip it. Its title then goes to title
 * (at most title_len bytes, as one line; title may be NULL). */
bool pk_kit_is_current(const char *dir, const char *sha, char *title, size_t title_len);

/* data.csv: every figure of the record with its claim id, value, unit, status and source. */
void pk_data_csv(pk_buf *out, const pk_record *r);
/* Its header (no line end), and the row of one figure (with its CRLF). */
#define PK_DATA_CSV_HEAD                                                                          \
    "claim_id,label,value,unit,status,source_id,percentile,percentile_shown,population,band,"     \
    "published_scope,published_as,published_title,occupations_sharing"
void pk_data_csv_row(pk_buf *out, const char *claim_id, const char *label, const pk_figure *f);

/* The fonts, chart style and hyphenation patterns (those pk_presskit_layout loaded, or NULL)
 * this process makes kits with, made on first use: what the comparison (compare.c) is made
 * with too. 0, or -1 with a message (a font missing). Borrowed. */
struct pk_fonts;
struct pk_chart_style;
struct pk_hyph;
int pk_presskit_tools(struct pk_fonts **fonts, struct pk_chart_style *style,
                      const struct pk_hyph **hyph, pk_diag *d);

#endif
