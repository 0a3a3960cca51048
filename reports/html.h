/* html.h: brief.html, the brief as one self-contained web page — a renderer of the brief's
 * document tree (doc.h). Semantic HTML (headings, lists, tables with scoped header cells and a
 * caption, figures with their charts inline as SVG and each chart's text behind a details
 * element), CSS in the file and no script, readable from 320 to 1440 px wide, on paper and in
 * dark mode. Part of reports/. */
#ifndef PK_HTML_H
#define PK_HTML_H

#include <stdbool.h>

#include "charts/charts.h"
#include "data/buf.h"

struct pk_doc;

/* What the page needs of a chart: its SVG (the markup of one <svg> element, no XML
 * declaration), title and alt text, for the chart named `name` drawn `width` points wide (its
 * height the chart's own); false when there is none (the figure is then left out). The strings
 * are the caller's and live until the next call. The page asks for each chart twice, at
 * PK_HTML_CHART_WIDE and PK_HTML_CHART_NARROW, and shows the one that fits the screen: a chart
 * scaled down to a phone's width would have unreadable type. */
typedef struct pk_html_chart {
    const char *svg, *title, *alt;
} pk_html_chart;
typedef bool (*pk_html_chart_fn)(void *ctx, const char *name, double width, pk_html_chart *out);
#define PK_HTML_CHART_WIDE 900.0
#define PK_HTML_CHART_NARROW PK_CHART_PHONE_WIDTH

/* brief.html of the document, appended to out; `chart` (or NULL: no charts) gives each
 * figure's chart. `page_title` is the document's <title>, `footer` the line at its foot (or
 * NULL). */
void pk_html_doc(pk_buf *out, const struct pk_doc *doc, const char *page_title,
                 const char *footer, pk_html_chart_fn chart, void *ctx);

/* Appends text with &, <, > and " as character references. */
void pk_html_escape(pk_buf *b, const char *text);

#endif
