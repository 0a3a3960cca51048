/* fmt.h: numbers and dates as a reader expects them: AP style in prose ($66,430; -1.7%; 1,200;
 * 46th; June 7, 2026), compact forms for chart axes ($66K) and the true minus sign (U+2212)
 * for graphics. Every output formats figures through here so that a figure reads the same
 * everywhere. Part of data/. */
#ifndef PK_FMT_H
#define PK_FMT_H

#include "data/buf.h"
#include "data/record.h"

enum {
    PK_FMT_TRIM = 1 << 0,    /* drop trailing zeros after the decimal point (0.90 -> 0.9) */
    PK_FMT_MINUS = 1 << 1,   /* U+2212 MINUS SIGN instead of '-', for graphics */
    PK_FMT_PLUS = 1 << 2,    /* a '+' before positive values (changes) */
    PK_FMT_COMPACT = 1 << 3, /* $66K, 1.2M: for chart axes */
    PK_FMT_NOGROUP = 1 << 4  /* no thousands separators (years, codes) */
};

/* Appends v rounded half away from zero to `decimals` places, with thousands commas. */
void pk_fmt_num(pk_buf *b, double v, int decimals, unsigned flags);
/* $66,430 (decimals 0), $31.94 (2); with PK_FMT_COMPACT $66K, $1.2M. */
void pk_fmt_usd(pk_buf *b, double v, int decimals, unsigned flags);
/* A count as a headline says it: "13,050", and from a million up "1.7 million" (AP style spells
 * out millions; "about 1,654,440" would claim a precision an estimate lacks). */
void pk_fmt_count_words(pk_buf *b, double v);
/* 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 46th, 62nd: v is rounded to an integer first. */
void pk_fmt_ordinal(pk_buf *b, double v);
/* A percentile rank as every output prints it, on the 1st-99th scale: the exact mid-rank
 * (0-100) rounded half away from zero, then clamped, so the highest-ranked occupation reads
 * "99th", never "100th", and the lowest "1st", never "0th" (docs/methodology.md). */
long pk_rank_shown(double pct);
void pk_fmt_rank(pk_buf *b, double pct);

/* The columns a figure has in data.csv and in a compiled pack's figures table (docs/kit.md),
 * so that both say the same: the rank as every output prints it (1-99, the figure's own value
 * for a percentile figure, else its percentile; -1 when it has none), the status's name ("ok",
 * "top-coded", "not-available"), and the code it was published under ("SOC 2010 27-4014",
 * appended to out; nothing when its scope names no code). */
long pk_figure_rank_shown(const pk_figure *f);
const char *pk_status_name(pk_status s);
void pk_figure_published_as(const pk_figure *f, pk_buf *out);
/* "2026-06-07" -> "June 7, 2026". Returns 0, or -1 (nothing appended) when iso is not a
 * valid YYYY-MM-DD date. */
int pk_fmt_date(pk_buf *b, const char *iso);
/* True when iso is a valid YYYY-MM-DD date. */
int pk_date_valid(const char *iso);

/* True when url is an address presskit links: "http://" or "https://" (the scheme in any
 * case), a host, then only the characters RFC 3986 allows unescaped (letters, digits and
 * -._~:/?#[]@!$&'()*+,;=%); never javascript:, data: or a space, quote, <, >, \, ^, `, {, | or }
 * (each would end or change an href, a Markdown autolink or a BibTeX field). A template
 * (`placeholders`) may also hold {soc} and {slug}. */
int pk_url_valid(const char *url, int placeholders);

/* The default number of decimals a unit is shown with in prose and tables. */
int pk_unit_decimals(pk_unit u);

/* A figure as prose shows it, by its unit: "$66,430", "$239,200 or more" (top-coded),
 * "not available", "-1.7%", "46th" (a rank, pk_fmt_rank), "94.66×", "4.6". decimals < 0 takes
 * pk_unit_decimals, and for a share, score or probability below 0.05 two significant digits
 * ("0.0048%", "0.042") so it never reads as zero; a probability one decimal would round to 1
 * keeps two or three (0.96, 0.996). */
void pk_fmt_figure(pk_buf *b, const pk_figure *f, int decimals, unsigned flags);

/* One rule per column: the decimals every value of a table column or chart of unit u is
 * printed with, so that a column never mixes "0.2%" with "0.0085%". It is the most any of the
 * n values needs alone (pk_fmt_figure's rule with decimals < 0), never fewer than the unit's
 * default: [0.2, 0.0085] percent gives 4 ("0.2000%", "0.0085%"). docs/kit.md says so. */
int pk_column_decimals(pk_unit u, const double *v, size_t n);

/* "2024–34" (AP year range, en dash); the full second year when the centuries differ. */
void pk_fmt_year_range(pk_buf *b, long from, long to);

#endif
