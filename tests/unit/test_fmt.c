/* test_fmt.c: AP-style and compact number formatting (data/fmt.c). */
#include "harness.h"

#include <stdlib.h>

#include "data/fmt.h"

static char out[256];

static const char *num(double v, int dec, unsigned flags)
{
    pk_buf b = PK_BUF_INIT;
    pk_fmt_num(&b, v, dec, flags);
    snprintf(out, sizeof out, "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out;
}

static const char *usd(double v, int dec, unsigned flags)
{
    pk_buf b = PK_BUF_INIT;
    pk_fmt_usd(&b, v, dec, flags);
    snprintf(out, sizeof out, "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out;
}

/* What a one-number formatter (ordinal, count in words) writes. */
static const char *of(void (*fmt)(pk_buf *, double), double v)
{
    pk_buf b = PK_BUF_INIT;
    fmt(&b, v);
    snprintf(out, sizeof out, "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out;
}

static const char *ord(double v)
{
    return of(pk_fmt_ordinal, v);
}

static const char *words(double v)
{
    return of(pk_fmt_count_words, v);
}

static const char *fig(pk_status st, pk_unit u, double v)
{
    pk_figure f = {.status = st, .unit = u, .value = v, .percentile = -1};
    pk_buf b = PK_BUF_INIT;
    pk_fmt_figure(&b, &f, -1, 0);
    snprintf(out, sizeof out, "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return out;
}

static void numbers(void)
{
    CHECK_STR(num(66430, 0, 0), "66,430");
    CHECK_STR(num(1200, 0, 0), "1,200");
    CHECK_STR(num(999, 0, 0), "999");
    CHECK_STR(num(1234567.891, 2, 0), "1,234,567.89");
    CHECK_STR(num(-1.7, 1, 0), "-1.7");
    CHECK_STR(num(-1.7, 1, PK_FMT_MINUS), "\xE2\x88\x92" "1.7");
    CHECK_STR(num(2.5, 0, 0), "3");         /* half away from zero, not to even */
    CHECK_STR(num(-2.5, 0, 0), "-3");
    CHECK_STR(num(0.35, 1, 0), "0.4");      /* 0.35 is 0.3499999... in binary */
    CHECK_STR(num(-0.04, 1, 0), "0.0");     /* no "-0.0" */
    CHECK_STR(num(0.9, 2, PK_FMT_TRIM), "0.9");
    CHECK_STR(num(94.66, 2, PK_FMT_TRIM), "94.66");
    /* counts in headlines: whole below a million, in words from a million up */
    CHECK_STR(words(13050), "13,050");
    CHECK_STR(words(999499), "999,499");
    CHECK_STR(words(999500), "1 million");
    CHECK_STR(words(1654440), "1.7 million");
    CHECK_STR(num(4, 1, 0), "4.0");
    CHECK_STR(num(5, 1, PK_FMT_PLUS), "+5.0");
    CHECK_STR(num(2034, 0, PK_FMT_NOGROUP), "2034");
    CHECK_STR(num(0.004, 2, 0), "0.00");
}

static void money(void)
{
    CHECK_STR(usd(66430, 0, 0), "$66,430");
    CHECK_STR(usd(239200, 0, 0), "$239,200");
    CHECK_STR(usd(31.94, 2, 0), "$31.94");
    CHECK_STR(usd(66430, 0, PK_FMT_COMPACT), "$66K");
    CHECK_STR(usd(36600, 0, PK_FMT_COMPACT), "$37K");
    CHECK_STR(usd(134980, 0, PK_FMT_COMPACT), "$135K");
    CHECK_STR(usd(1250000, 0, PK_FMT_COMPACT), "$1.3M");
    CHECK_STR(usd(999, 0, PK_FMT_COMPACT), "$999");
    CHECK_STR(usd(-500, 0, PK_FMT_MINUS), "\xE2\x88\x92$500");
}

static void ordinals(void)
{
    CHECK_STR(ord(1), "1st");
    CHECK_STR(ord(2), "2nd");
    CHECK_STR(ord(3), "3rd");
    CHECK_STR(ord(4), "4th");
    CHECK_STR(ord(11), "11th");
    CHECK_STR(ord(12), "12th");
    CHECK_STR(ord(13), "13th");
    CHECK_STR(ord(21), "21st");
    CHECK_STR(ord(46), "46th");
    CHECK_STR(ord(62), "62nd");
    CHECK_STR(ord(59.4), "59th");
    CHECK_STR(ord(112), "112th");
    CHECK_STR(ord(100), "100th");
}

static void dates(void)
{
    pk_buf b = PK_BUF_INIT;
    CHECK(pk_fmt_date(&b, "2026-06-07") == 0);
    CHECK_STR(pk_buf_str(&b), "June 7, 2026");
    pk_buf_reset(&b);
    CHECK(pk_fmt_date(&b, "2024-02-29") == 0);
    CHECK_STR(pk_buf_str(&b), "February 29, 2024");
    CHECK(pk_fmt_date(&b, "2023-02-29") == -1);
    CHECK(pk_fmt_date(&b, "2026-13-01") == -1);
    CHECK(pk_fmt_date(&b, "2026-6-7") == -1);
    CHECK(pk_fmt_date(&b, "") == -1);
    CHECK(!pk_date_valid("2026-04-31"));
    CHECK(pk_date_valid("2000-02-29"));
    CHECK(!pk_date_valid("1900-02-29"));
    pk_buf_fini(&b);
}

static void figures(void)
{
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_USD, 66430), "$66,430");
    CHECK_STR(fig(PK_FIG_TOPCODED, PK_UNIT_USD, 239200), "$239,200 or more");
    CHECK_STR(fig(PK_FIG_NA, PK_UNIT_USD, 0), "not available");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, -1.7), "-1.7%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, 32), "32.0%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENTILE, 46), "46th");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_RATIO, 0.9), "0.90\xC3\x97"); /* as BLS prints it */
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_RATING, 4), "4.0");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_SCORE, 0.79), "0.8");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_COUNT, 13050), "13,050");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_POINTS, -1), "-1 percentage point");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_POINTS, 3), "3 percentage points");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_USD_HOUR, 31.9), "$31.90");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, 0.004820784), "0.0048%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, 0.0195), "0.02%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, 0.3), "0.3%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PERCENT, 0), "0.0%");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PROBABILITY, 0.042), "0.042");
    CHECK_STR(fig(PK_FIG_OK, PK_UNIT_PROBABILITY, 0.13), "0.1");
}

int main(void)
{
    RUN(numbers);
    RUN(money);
    RUN(ordinals);
    RUN(dates);
    RUN(figures);
    return pk_t_finish();
}
