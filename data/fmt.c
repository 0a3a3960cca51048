/* fmt.c: AP-style and compact number formatting; see fmt.h. */
#include "data/fmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const minus_utf8 = "\xE2\x88\x92"; /* U+2212 */

void pk_fmt_num(pk_buf *b, double v, int decimals, unsigned flags)
{
    if (!isfinite(v)) {
        pk_buf_adds(b, "n/a");
        return;
    }
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    double scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    /* Half away from zero, as a reader rounds by hand; the tiny nudge keeps 0.35 (stored as
     * 0.34999...) from rounding down. */
    double mag = floor(fabs(v) * scale + 0.5 + 1e-9);
    if (mag > 9007199254740992.0) mag = 9007199254740992.0; /* 2^53: beyond, digits are noise */
    uint64_t units = (uint64_t)mag;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)units);
    size_t nd = strlen(digits);
    /* left-pad so there is at least one digit before the point */
    char padded[40];
    if (nd <= (size_t)decimals) {
        size_t pad = (size_t)decimals + 1 - nd;
        memset(padded, '0', pad);
        memcpy(padded + pad, digits, nd + 1);
    } else {
        memcpy(padded, digits, nd + 1);
    }
    size_t len = strlen(padded);
    size_t int_len = len - (size_t)decimals;
    size_t frac_len = (size_t)decimals;
    if (flags & PK_FMT_TRIM)
        while (frac_len > 0 && padded[int_len + frac_len - 1] == '0') frac_len--;

    if (units != 0 && v < 0) pk_buf_adds(b, (flags & PK_FMT_MINUS) ? minus_utf8 : "-");
    else if (units != 0 && (flags & PK_FMT_PLUS)) pk_buf_addc(b, '+');
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && !(flags & PK_FMT_NOGROUP) && (int_len - i) % 3 == 0) pk_buf_addc(b, ',');
        pk_buf_addc(b, padded[i]);
    }
    if (frac_len > 0) {
        pk_buf_addc(b, '.');
        pk_buf_add(b, padded + int_len, frac_len);
    }
}

void pk_fmt_usd(pk_buf *b, double v, int decimals, unsigned flags)
{
    if (v < 0 && floor(fabs(v) * 100 + 0.5) != 0) {
        pk_buf_adds(b, (flags & PK_FMT_MINUS) ? minus_utf8 : "-");
        v = -v;
    } else if (v > 0 && (flags & PK_FMT_PLUS)) {
        pk_buf_addc(b, '+');
    }
    flags &= ~(unsigned)(PK_FMT_PLUS | PK_FMT_MINUS);
    pk_buf_addc(b, '$');
    if (flags & PK_FMT_COMPACT) {
        static const struct { double div; const char *suffix; } steps[] = {
            {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
        for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
            if (v >= steps[i].div * 0.9995) {
                double x = v / steps[i].div;
                /* one decimal below 10 ($1.2M), none above ($66K) */
                pk_fmt_num(b, x, x < 9.95 && steps[i].div > 1e3 ? 1 : 0, flags | PK_FMT_TRIM);
                pk_buf_adds(b, steps[i].suffix);
                return;
            }
        }
    }
    pk_fmt_num(b, v, decimals, flags & ~(unsigned)PK_FMT_COMPACT);
}

void pk_fmt_count_words(pk_buf *b, double v)
{
    if (v >= 999500) {
        pk_fmt_num(b, v / 1e6, 1, PK_FMT_TRIM);
        pk_buf_adds(b, " million");
    } else {
        pk_fmt_num(b, v, 0, 0);
    }
}

void pk_fmt_ordinal(pk_buf *b, double v)
{
    long n = (long)floor(fabs(v) + 0.5);
    const char *suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        switch (n % 10) {
        case 1: suffix = "st"; break;
        case 2: suffix = "nd"; break;
        case 3: suffix = "rd"; break;
        default: break;
        }
    }
    pk_buf_printf(b, "%ld%s", n, suffix);
}

long pk_rank_shown(double pct)
{
    long n = (long)floor(fabs(pct) + 0.5);
    return n < 1 ? 1 : n > 99 ? 99 : n;
}

void pk_fmt_rank(pk_buf *b, double pct)
{
    pk_fmt_ordinal(b, (double)pk_rank_shown(pct));
}

long pk_figure_rank_shown(const pk_figure *f)
{
    /* a percentile figure is its own rank; any other figure's rank is its percentile */
    double rank = f->unit == PK_UNIT_PERCENTILE && pk_fig_has(f) ? f->value : pk_fig_rank(f);
    return rank >= 0 ? pk_rank_shown(rank) : -1;
}

const char *pk_status_name(pk_status s)
{
    return s == PK_FIG_TOPCODED ? "top-coded" : s == PK_FIG_NA ? "not-available" : "ok";
}

void pk_figure_published_as(const pk_figure *f, pk_buf *out)
{
    const pk_scope *sc = f->scope;
    if (sc && sc->code)
        pk_buf_printf(out, "%s%s%s", sc->system ? sc->system : "", sc->system ? " " : "", sc->code);
}

static int parse_date(const char *iso, int *y, int *m, int *d)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9')) return -1;
    *y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    *m = (iso[5] - '0') * 10 + (iso[6] - '0');
    *d = (iso[8] - '0') * 10 + (iso[9] - '0');
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1]) return -1;
    int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    if (*m == 2 && *d == 29 && !leap) return -1;
    return 0;
}

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') x += 32;
        if (x != y) return 1;
        if (!x) return 0;
    }
    return 0;
}

int pk_url_valid(const char *url, int placeholders)
{
    size_t n;
    if (strncasecmp_ascii(url, "https://", 8) == 0) n = 8;
    else if (strncasecmp_ascii(url, "http://", 7) == 0) n = 7;
    else return 0;
    const char *p = url + n;
    if (!*p || *p == '/' || *p == '?' || *p == '#') return 0; /* no host */
    static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=%";
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (placeholders && c == '{') {
            if (strncmp(p, "{soc}", 5) == 0) {
                p += 4;
                continue;
            }
            if (strncmp(p, "{slug}", 6) == 0) {
                p += 5;
                continue;
            }
            return 0;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c && strchr(allowed, c))))
            return 0;
    }
    return 1;
}

int pk_date_valid(const char *iso)
{
    int y, m, d;
    return parse_date(iso, &y, &m, &d) == 0;
}

int pk_fmt_date(pk_buf *b, const char *iso)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    int y, m, d;
    if (parse_date(iso, &y, &m, &d) != 0) return -1;
    pk_buf_printf(b, "%s %d, %d", months[m - 1], d, y);
    return 0;
}

int pk_unit_decimals(pk_unit u)
{
    switch (u) {
    case PK_UNIT_USD_HOUR: return 2;
    case PK_UNIT_PERCENT: return 1;
    case PK_UNIT_SCORE: return 1;
    case PK_UNIT_PROBABILITY: return 1;
    case PK_UNIT_FRACTION: return 2;
    case PK_UNIT_RATING: return 1;
    case PK_UNIT_RATIO: return 2;
    default: return 0;
    }
}

/* The decimals value v needs in its unit: the unit's own, or for a share, score or probability
 * below 0.05 two significant digits ("0.0048%", "0.042") so that it never reads as zero; and a
 * probability that one decimal would round to 1 keeps two (0.96, never "1.0") or three. */
static int decimals_needed(pk_unit u, double v)
{
    int d = pk_unit_decimals(u);
    double a = fabs(v);
    bool small_ok = u == PK_UNIT_PERCENT || u == PK_UNIT_PROBABILITY || u == PK_UNIT_SCORE;
    if (small_ok && d == 1 && a > 0 && a < 0.05) {
        d = (int)ceil(-log10(a)) + 1;
        if (d > 6) d = 6;
    }
    if (u == PK_UNIT_PROBABILITY && a < 1)
        while (d < 3 && floor(a * pow(10, d) + 0.5 + 1e-9) >= pow(10, d))
            d++;
    return d;
}

int pk_column_decimals(pk_unit u, const double *v, size_t n)
{
    int d = pk_unit_decimals(u);
    for (size_t i = 0; i < n; i++) {
        int k = decimals_needed(u, v[i]);
        if (k > d) d = k;
    }
    return d;
}

void pk_fmt_figure(pk_buf *b, const pk_figure *f, int decimals, unsigned flags)
{
    if (f->status == PK_FIG_NA || f->status == PK_FIG_ABSENT) {
        pk_buf_adds(b, "not available");
        return;
    }
    if (decimals < 0) {
        decimals = decimals_needed(f->unit, f->value);
        if (decimals > pk_unit_decimals(f->unit) && fabs(f->value) < 0.05) flags |= PK_FMT_TRIM;
    }
    switch (f->unit) {
    case PK_UNIT_USD:
    case PK_UNIT_USD_HOUR: pk_fmt_usd(b, f->value, decimals, flags); break;
    case PK_UNIT_PERCENT:
        pk_fmt_num(b, f->value, decimals, flags);
        pk_buf_addc(b, '%');
        break;
    case PK_UNIT_POINTS:
        pk_fmt_num(b, f->value, decimals, flags);
        pk_buf_adds(b, fabs(f->value) == 1 ? " percentage point" : " percentage points");
        break;
    case PK_UNIT_PERCENTILE: pk_fmt_rank(b, f->value); break;
    case PK_UNIT_RATIO: /* as BLS prints location quotients: 0.90, never 0.9 beside 0.99 */
        pk_fmt_num(b, f->value, decimals, flags);
        pk_buf_adds(b, "\xC3\x97"); /* U+00D7 MULTIPLICATION SIGN */
        break;
    case PK_UNIT_FRACTION: pk_fmt_num(b, f->value, decimals, flags | PK_FMT_TRIM); break;
    default: pk_fmt_num(b, f->value, decimals, flags); break;
    }
    if (f->status == PK_FIG_TOPCODED) pk_buf_adds(b, " or more");
}

void pk_fmt_year_range(pk_buf *b, long from, long to)
{
    if (from / 100 == to / 100) pk_buf_printf(b, "%ld\xE2\x80\x93%02ld", from, to % 100);
    else pk_buf_printf(b, "%ld\xE2\x80\x93%ld", from, to);
}
