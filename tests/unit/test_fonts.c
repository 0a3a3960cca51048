/* test_fonts.c: font lookup, measurement and glyph coverage (fonts/fonts.c). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "data/buf.h"
#include "data/text.h"
#include "fonts/fonts.h"

/* The font-file cache (fonts.c): it answers as fontconfig does, it is what answers once
 * written, a changed key sends the lookup back to fontconfig, and a substituted family is an
 * error whatever the cache holds. In a scratch XDG_CACHE_HOME. */
static void font_cache(void)
{
    char dir[] = "/tmp/pk-fontcache.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(false);
        return;
    }
    setenv("XDG_CACHE_HOME", dir, 1);
    pk_diag d = PK_DIAG_INIT;
    pk_fonts *a = pk_fonts_new(); /* no cache yet: fontconfig answers, and it is written */
    int reg = pk_fonts_load(a, PK_DEFAULT_FAMILY, false, &d);
    int bold = pk_fonts_load(a, PK_DEFAULT_FAMILY, true, &d);
    CHECK(reg >= 0 && bold >= 0);
    pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
    pk_buf_printf(&path, "%s/presskit/fonts-1", dir);
    CHECK(pk_file_read(path.data, 1 << 20, &text, &d) == 0);
    CHECK(text.len && strstr(text.data, "\tDejaVu Sans\tDejaVu Sans\t") != NULL);
    char regular_file[512], bold_file[512];
    snprintf(regular_file, sizeof regular_file, "%s", reg >= 0 ? pk_fonts_file(a, reg) : "");
    snprintf(bold_file, sizeof bold_file, "%s", bold >= 0 ? pk_fonts_file(a, bold) : "");
    pk_fonts_free(a);

    /* what the cache says is what a new process gets: swap the two answers in the file */
    pk_buf swapped = PK_BUF_INIT;
    for (char *line = text.data; line && *line;) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, "font 0 ", 7) == 0) {
            pk_buf_printf(&swapped, "font 0 0\tDejaVu Sans\tDejaVu Sans\t%s\n", bold_file);
        } else {
            pk_buf_add(&swapped, line, n);
            pk_buf_addc(&swapped, '\n');
        }
        line = end ? end + 1 : NULL;
    }
    FILE *out = fopen(path.data, "w");
    if (out) {
        fwrite(swapped.data, 1, swapped.len, out);
        fclose(out);
    }
    pk_fonts *b = pk_fonts_new();
    reg = pk_fonts_load(b, PK_DEFAULT_FAMILY, false, &d);
    CHECK(reg >= 0 && strcmp(pk_fonts_file(b, reg), bold_file) == 0);
    /* a family the cache does not hold goes to fontconfig, and a substitute is still an error */
    CHECK(pk_fonts_load(b, "No Such Family Anywhere", false, &d) == -1);
    CHECK(d.n == 1 && strstr(d.msgs[0].text, "not found (fontconfig offers") != NULL);
    pk_diag_fini(&d);
    pk_fonts_free(b);

    /* a key that changed (fontconfig's environment) and fontconfig answers again, truly */
    setenv("FC_LANG", "en", 1);
    pk_fonts *c = pk_fonts_new();
    reg = pk_fonts_load(c, PK_DEFAULT_FAMILY, false, &d);
    CHECK(reg >= 0 && strcmp(pk_fonts_file(c, reg), regular_file) == 0);
    pk_fonts_free(c);
    unsetenv("FC_LANG");
    CHECK(d.n == 0);
    pk_diag_fini(&d);
    unlink(path.data);
    pk_buf_reset(&path);
    pk_buf_printf(&path, "%s/presskit", dir);
    rmdir(path.data);
    rmdir(dir);
    unsetenv("XDG_CACHE_HOME");
    pk_buf_fini(&path);
    pk_buf_fini(&text);
    pk_buf_fini(&swapped);
}

int main(void)
{
    font_cache();
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
        /* a character the font lacks is measured and drawn as U+FFFD (docs/reliability.md) */
        pk_glyph r[1], g[8];
        CHECK(pk_fonts_glyphs(f, reg, "\xEF\xBF\xBD", 3, r, 1) == 1 && !r[0].missing && r[0].gid);
        /* U+FFFF, U+FDD0, U+E000 (private use), CJK, U+1D538 (DejaVu has it, past the BMP),
         * a decoded surrogate U+D800, then 'A', and a tab (a control: nothing, not U+FFFD) */
        static const char odd[] = "\xEF\xBF\xBF\xEF\xB7\x90\xEE\x80\x80\xE4\xB8\xAD"
                                  "\xF0\x9D\x94\xB8\xED\xA0\x80" "A\t";
        CHECK(pk_fonts_glyphs(f, reg, odd, sizeof odd - 1, g, 8) == 8);
        for (int i = 0; i < 6; i++) {
            CHECK(g[i].missing && g[i].gid == r[0].gid && g[i].advance == r[0].advance);
            CHECK(pk_fonts_lacks(f, reg, g[i].cp));
        }
        CHECK(g[0].cp == 0xFFFF && g[4].cp == 0x1D538 && g[5].cp == 0xD800);
        CHECK(!g[6].missing && g[6].gid != r[0].gid && !pk_fonts_lacks(f, reg, 'A'));
        CHECK(!g[7].missing && g[7].gid == 0 && !pk_fonts_lacks(f, reg, '\t'));
        CHECK(pk_fonts_width(f, reg, 10, "\xEF\xBF\xBF", 3) == pk_fonts_width(f, reg, 10, "\xEF\xBF\xBD", 3));
        CHECK(!pk_fonts_lacks(f, reg, 0x200B)); /* inkless: nothing, never U+FFFD */
        CHECK(pk_fonts_notdef_advance(f, reg) > 0);
    }
    CHECK(pk_fonts_load(f, "No Such Family Anywhere", false, &d) == -1);
    CHECK(d.n == 1);
    if (d.n) CHECK(strstr(d.msgs[0].text, "error: font family \"No Such Family Anywhere\" not found") != NULL);
    CHECK(pk_diag_exit_code(&d) == 1);
    pk_diag_fini(&d);
    pk_fonts_free(f);
    return pk_t_finish();
}
