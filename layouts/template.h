/* template.h: a newsroom's template for the brief (layouts/templates/NAME.json, docs/templates.md):
 * page size and margins, fonts per role, type sizes, palette, logo, masthead and footer text,
 * label strings, sections and their order, chart sizes and style, hyphenation. Read with the
 * project's JSON schema reader, so a bad template gets errors by JSON path. A template can only
 * make presskit read what it names: font families (through fontconfig) and one logo file inside
 * the template's own folder. Part of layouts/. */
#ifndef PK_TEMPLATE_H
#define PK_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "data/diag.h"
#include "fonts/fonts.h"
#include "layouts/scene.h"

typedef struct pk_tpl_margins {
    bool present;
    double top, right, bottom, left;
} pk_tpl_margins;

typedef struct pk_tpl_page {
    bool present;
    const char *size; /* "letter", "a4", "legal", or NULL with width and height */
    double width, height;
    pk_tpl_margins margins;
    long columns;     /* body columns (sections may set their own) */
    double column_gap;
    long max_pages;   /* a one-page fact sheet says 1: more is a layout error */
} pk_tpl_page;

typedef struct pk_tpl_fonts {
    bool present;
    const char *heading, *body, *numbers, *code; /* family names */
} pk_tpl_fonts;

typedef struct pk_tpl_sizes {
    bool present;
    double title, heading, subheading, body, leading, small, figure;
} pk_tpl_sizes;

typedef struct pk_tpl_palette {
    bool present;
    const char *ink, *muted, *accent, *accent_light, *rule, *band, *masthead, *masthead_ink;
} pk_tpl_palette;

typedef struct pk_tpl_logo {
    bool present;
    const char *file; /* relative to the template's folder */
    double width;     /* points */
} pk_tpl_logo;

typedef struct pk_tpl_charts {
    bool present;
    double height; /* every chart's height as a share of its width; 0: each chart's own */
    bool gridlines_off;
} pk_tpl_charts;

/* Label strings, so that a newsroom can translate what the brief prints. */
typedef struct pk_tpl_labels {
    bool present;
    const char *occupation, *also_called, *job_family, *median_pay, *employment, *outlook,
        *openings, *task_overlap, *page, *continued, *source, *sources, *not_available,
        *percentile, *hot_technology, *cite, *importance;
} pk_tpl_labels;

typedef struct pk_tpl_section {
    const char *id;    /* "header", "figures", "wages", ... (reports/brief.c lists them) */
    const char *title; /* overrides the section's default title */
    const char *chart; /* overrides the section's chart */
    long columns;
    bool compact;      /* the section's figures without its tables, notes and second chart */
    long rows;         /* at most this many rows in each of its lists (0: all) */
} pk_tpl_section;

typedef struct pk_template {
    long version; /* presskit_template */
    const char *name;
    const char *author;   /* the PDF's author */
    const char *masthead; /* top of page 1 */
    const char *footer;   /* bottom of every page, before "Page X of Y" */
    bool hyphenate, justify;
    /* "pdf": {"tagged": false} turns the tagged PDF (PDF/UA-1, PDF/A-2) off; on when the key
     * or the object is absent */
    struct pk_tpl_pdf {
        bool present;
        bool tagged;
    } pdf;
    pk_tpl_page page;
    pk_tpl_fonts fonts;
    pk_tpl_sizes sizes;
    pk_tpl_palette palette;
    pk_tpl_logo logo;
    pk_tpl_charts charts;
    pk_tpl_labels labels;
    pk_tpl_section *sections;
    size_t n_sections;

    /* ---- filled in by pk_template_load ---- */
    const char *path;      /* for messages */
    pk_fonts *font_set;    /* borrowed: the fonts the ids below are in (frames are measured with them) */
    int f_heading, f_heading_bold, f_body, f_body_bold, f_numbers, f_code; /* font ids */
    pk_rgba c_ink, c_muted, c_accent, c_accent_light, c_rule, c_band, c_masthead, c_masthead_ink;
    const unsigned char *logo_data; /* the logo file's bytes, or NULL */
    size_t logo_len;
    pk_image_fmt logo_fmt;
    double logo_w, logo_h; /* points */
    char fingerprint[65];  /* sha256 of the template's JSON and its logo: a batch redoes a kit
                              whose template changed */
    pk_arena *arena;       /* owned: everything above */
} pk_template;

/* Names of the templates built into the binary: "default", "newsroom-a4", "factsheet". */
extern const char *const pk_template_builtin[];

/* Loads `name_or_path`: a built-in template's name, or a JSON file. Fonts are loaded into
 * `fonts`. Returns the template, or NULL with every problem in d, each naming the file and the
 * JSON path ("t.json: $.palette.ink: expected a colour like \"#1A1A1A\", got \"red\""). */
pk_template *pk_template_load(const char *name_or_path, pk_fonts *fonts, pk_diag *d);
void pk_template_free(pk_template *t);

/* A label with {page} and {pages} filled in ("Page 2 of 4"). Into out (appended). */
struct pk_buf;
void pk_template_page_label(const pk_template *t, size_t page, size_t pages, struct pk_buf *out);

#endif
