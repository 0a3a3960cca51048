/* test_fonts.c: font lookup, measurement and glyph coverage (fonts/fonts.c). */
#include "harness.h"

#include "fonts/fonts.h"

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_fonts *f = pk_fonts_new();
    int reg = pk_fonts_load(f, PK_DEFAULT_FAMILY, false, &d);
    int bold = pk_fonts_load(f, PK_DEFAULT_FAMILY, true, &d);
    CHECK(reg >= 0 && bold >= 0 && reg != bold);
    CHECK(pk_fonts_load(f, "dejavu sans", false, &d) == reg); /* loaded once, any case */
    if (reg >= 0 && bold >= 0) {
        CHECK_STR(pk_fonts_family(f, reg), "DejaVu Sans");
        CHECK(strstr(pk_fonts_file(f, reg), ".ttf") != NULL);
        double w = pk_fonts_width(f, reg, 10, "Hello", 5);
        CHECK(w > 20 && w < 35);
        CHECK(pk_fonts_width(f, reg, 20, "Hello", 5) == 2 * w); /* linear in size */
        CHECK(pk_fonts_width(f, bold, 10, "Hello", 5) > w);     /* bold is wider */
        CHECK(pk_fonts_width(f, reg, 10, "", 0) == 0);
        double a, de;
        pk_fonts_vmetrics(f, reg, 10, &a, &de);
        CHECK(a > 7 && a < 11 && de > 1 && de < 4);
        /* every character presskit prints by default */
        CHECK(pk_fonts_cover(f, reg, "– − → × · γ é ≥ ≤ “ ” $66,430", "t", &d) == 0);
        CHECK(pk_fonts_cover(f, bold, "– − → × · γ é ≥ ≤", "t", &d) == 0);
        CHECK(d.n == 0);
        CHECK(pk_fonts_cover(f, reg, "ok \xE4\xB8\xAD", "chart wages", &d) == -1); /* CJK */
        if (d.n) CHECK_STR(d.msgs[0].text, "chart wages: error: the font \"DejaVu Sans\" has no glyph for U+4E2D");
        pk_diag_fini(&d);
    }
    CHECK(pk_fonts_load(f, "No Such Family Anywhere", false, &d) == -1);
    CHECK(d.n == 1);
    if (d.n) CHECK(strstr(d.msgs[0].text, "error: font family \"No Such Family Anywhere\" not found") != NULL);
    CHECK(pk_diag_exit_code(&d) == 1);
    pk_diag_fini(&d);
    pk_fonts_free(f);
    return pk_t_finish();
}
