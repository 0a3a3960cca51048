/* test_json_write.c: the JSON emitter (data/json_write.c): escaping, numbers, layout. */
#include "harness.h"

#include <stdlib.h>

#include "data/json_write.h"

static void quoting(void)
{
    pk_buf b = PK_BUF_INIT;
    pk_json_quote(&b, "a\"b\\c\n\t\x01 \xE2\x80\xA8 \xCE\xB3");
    CHECK_STR(pk_buf_str(&b), "\"a\\\"b\\\\c\\n\\t\\u0001 \\u2028 \xCE\xB3\"");
    pk_buf_fini(&b);
}

static const char *number(double v)
{
    static char s[64];
    pk_buf b = PK_BUF_INIT;
    pk_json_number(&b, v);
    snprintf(s, sizeof s, "%s", pk_buf_str(&b));
    pk_buf_fini(&b);
    return s;
}

static void numbers(void)
{
    CHECK_STR(number(66430), "66430");
    CHECK_STR(number(0.1), "0.1");
    CHECK_STR(number(-1.7), "-1.7");
    CHECK_STR(number(94.66), "94.66");
    CHECK_STR(number(-0.0), "0");
    CHECK_STR(number(1e-7), "1e-07");
    CHECK_STR(number(1.0 / 3), "0.3333333333333333");
    /* every output reads back as the same double */
    double vals[] = {0.1 + 0.2, 1e21, 123456.789, 5e-324, 1.7976931348623157e308};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        CHECK(strtod(number(vals[i]), NULL) == vals[i]);
}

static void layout(void)
{
    pk_buf b = PK_BUF_INIT;
    pk_jw w;
    pk_jw_init(&w, &b);
    pk_jw_begin_obj(&w, false);
    pk_jw_key(&w, "a");
    pk_jw_int(&w, 1);
    pk_jw_key(&w, "items");
    pk_jw_begin_arr(&w, false);
    pk_jw_begin_obj(&w, true);
    pk_jw_key(&w, "name");
    pk_jw_str(&w, "x");
    pk_jw_key(&w, "v");
    pk_jw_num(&w, 2.5);
    pk_jw_end_obj(&w);
    pk_jw_end_arr(&w);
    pk_jw_key(&w, "empty");
    pk_jw_begin_arr(&w, false);
    pk_jw_end_arr(&w);
    pk_jw_key(&w, "t");
    pk_jw_bool(&w, true);
    pk_jw_end_obj(&w);
    pk_jw_finish(&w);
    CHECK_STR(pk_buf_str(&b), "{\n  \"a\": 1,\n  \"items\": [\n    { \"name\": \"x\", \"v\": 2.5 }\n  ],\n"
                              "  \"empty\": [],\n  \"t\": true\n}\n");
    pk_buf_fini(&b);
}

int main(void)
{
    RUN(quoting);
    RUN(numbers);
    RUN(layout);
    return pk_t_finish();
}
