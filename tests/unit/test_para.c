/* test_para.c: total-fit line breaking and hyphenation (layouts/para.c): no line is wider than
 * its box, no word is cut except where a hyphen is drawn, the text reads the same, and the
 * hard cases (a 10,000-character word, a long URL, forced breaks) still fit. */
#include "harness.h"

#include <stdbool.h>
#include <stdlib.h>

#include "layouts/para.h"

static const char *DESC =
    "Assemble and operate equipment to record, synchronize, mix, edit, or reproduce sound, "
    "including music, voices, or sound effects, for theater, video, film, television, podcasts, "
    "sporting events, and other productions. Sound engineering technicians work with "
    "microphones, amplifiers, consoles, and digital audio workstations in recording studios.";

/* The lines joined back: a line ending in a drawn hyphen joins the next without a space. */
static char *rejoin(const pk_para *p, pk_arena *a)
{
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    for (size_t i = 0; i < pk_para_lines(p); i++) {
        const char *t = pk_para_line_text(p, i, a);
        size_t n = strlen(t);
        if (len + n + 2 > cap) {
            cap = 2 * (len + n + 2);
            out = realloc(out, cap);
        }
        memcpy(out + len, t, n);
        len += n;
        if (pk_para_line_hyphen(p, i)) len--; /* the added hyphen */
        else if (i + 1 < pk_para_lines(p) && len && out[len - 1] != '-' && out[len - 1] != '/')
            out[len++] = ' ';
        out[len] = 0;
    }
    return out;
}

static bool fits(const pk_para *p, const pk_fonts *f, int font, double size, double width,
                 pk_arena *a)
{
    for (size_t i = 0; i < pk_para_lines(p); i++) {
        const char *t = pk_para_line_text(p, i, a);
        double w = pk_fonts_width(f, font, size, t, strlen(t));
        /* justified lines shrink their spaces by up to a third; allow for it */
        if (w > width * 1.02 + 0.01 && pk_para_line_ratio(p, i) >= 0) {
            fprintf(stderr, "line %zu too wide (%.2f > %.2f): %s\n", i, w, width, t);
            return false;
        }
    }
    return true;
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_fonts *f = pk_fonts_new();
    int reg = pk_fonts_load(f, PK_DEFAULT_FAMILY, false, &d);
    pk_hyph *h = pk_hyph_load(PK_HYPH_DEFAULT, &d);
    CHECK(reg >= 0 && h != NULL);
    if (reg < 0 || !h) return pk_t_finish();
    pk_arena *a = pk_arena_new();
    pk_rgba ink = PK_RGB(0x222222);

    /* ragged, no hyphenation: every line within the width, text unchanged */
    pk_span s = {DESC, reg, 10, ink, NULL};
    pk_para_style st = {200, 13, PK_ALIGN_LEFT, NULL, 0};
    pk_para *p = pk_para_layout(a, f, &s, 1, &st);
    CHECK(pk_para_lines(p) >= 8);
    CHECK(fits(p, f, reg, 10, 200, a));
    char *back = rejoin(p, a);
    CHECK_STR(back, DESC);
    free(back);
    for (size_t i = 0; i < pk_para_lines(p); i++) CHECK(!pk_para_line_hyphen(p, i));
    CHECK(pk_para_height(p, 0, pk_para_lines(p)) == 13.0 * (double)pk_para_lines(p));

    /* narrow and justified with hyphenation: hyphens appear, text still reads the same */
    pk_para_style js = {120, 12, PK_ALIGN_JUSTIFY, h, 0};
    p = pk_para_layout(a, f, &s, 1, &js);
    size_t hyphens = 0;
    for (size_t i = 0; i < pk_para_lines(p); i++) {
        hyphens += pk_para_line_hyphen(p, i);
        CHECK(pk_para_line_ratio(p, i) >= -1.0);
    }
    CHECK(hyphens > 0);
    CHECK(fits(p, f, reg, 10, 120, a));
    back = rejoin(p, a);
    CHECK_STR(back, DESC);
    free(back);
    /* the hyphenation points are libhyphen's: "synchronize" may only break as syn-chro-nize */
    for (size_t i = 0; i < pk_para_lines(p); i++) {
        const char *t = pk_para_line_text(p, i, a);
        size_t n = strlen(t);
        if (pk_para_line_hyphen(p, i) && n >= 4 && strcmp(t + n - 4, "syn-") == 0) CHECK(true);
        CHECK(!(n >= 3 && strcmp(t + n - 3, "sy-") == 0));
    }

    /* the last word of a paragraph is never broken ("postproduc-" / "tion."), at any width,
     * while words before it are (so the sweep does hyphenate) */
    {
        pk_span ps = {"Sound engineering technicians assemble and operate equipment to record, "
                      "synchronize, mix, edit, or reproduce sound for postproduction.",
                      reg, 10, ink, NULL};
        size_t broken = 0, tails = 0;
        for (double w = 70; w <= 260; w += 1) {
            pk_para_style ws = {w, 12, PK_ALIGN_JUSTIFY, h, 0};
            pk_para *q = pk_para_layout(a, f, &ps, 1, &ws);
            for (size_t i = 0; i + 1 < pk_para_lines(q); i++) broken += pk_para_line_hyphen(q, i);
            tails += pk_para_ends_hyphenated(q);
        }
        CHECK(broken > 20);
        CHECK(tails == 0);
    }

    /* total fit beats first fit: no ragged line is much shorter than the others except the last */
    pk_para_style rs = {220, 13, PK_ALIGN_LEFT, h, 0};
    p = pk_para_layout(a, f, &s, 1, &rs);
    for (size_t i = 0; i + 1 < pk_para_lines(p); i++) {
        const char *t = pk_para_line_text(p, i, a);
        CHECK(pk_fonts_width(f, reg, 10, t, strlen(t)) > 220 * 0.7);
    }

    /* a 10,000-character word and a long URL: broken, never wider than the line */
    char *word = malloc(10001);
    for (int i = 0; i < 10000; i++) word[i] = (char)('a' + i % 26);
    word[10000] = 0;
    pk_span ws[2] = {{"Before ", reg, 10, ink, NULL}, {word, reg, 10, ink, NULL}};
    p = pk_para_layout(a, f, ws, 2, &st);
    CHECK(pk_para_lines(p) > 100);
    CHECK(fits(p, f, reg, 10, 200, a));
    free(word);
    const char *url = "https://www.bls.gov/oes/current/oes274014.htm?utm_source=presskit&x=1";
    pk_span us[2] = {{"Source: ", reg, 10, ink, NULL}, {url, reg, 10, ink, url}};
    p = pk_para_layout(a, f, us, 2, &(pk_para_style){150, 12, PK_ALIGN_LEFT, h, 0});
    CHECK(pk_para_lines(p) >= 2);
    CHECK(fits(p, f, reg, 10, 150, a));
    back = rejoin(p, a);
    {
        /* a URL breaks without an added hyphen: with the line joins' spaces taken out, it is whole */
        size_t k = 0;
        for (size_t i = 0; back[i]; i++)
            if (back[i] != ' ' || strncmp(back, "Source: ", 8) != 0 || i < 8) back[k++] = back[i];
        back[k] = 0;
        CHECK(strstr(back, url) != NULL);
    }
    free(back);
    /* drawn: text ops and a link op per line of the URL */
    pk_scene *sc = pk_scene_new(f, 300, 300);
    double hgt = pk_para_draw(p, 0, pk_para_lines(p), sc, 10, 10);
    CHECK(hgt == 12.0 * (double)pk_para_lines(p));
    size_t links = 0, texts = 0;
    for (size_t i = 0; i < sc->n_ops; i++) {
        links += sc->ops[i].kind == PK_OP_LINK;
        texts += sc->ops[i].kind == PK_OP_TEXT;
        if (sc->ops[i].kind == PK_OP_TEXT) CHECK(sc->ops[i].x + sc->ops[i].text_w <= 160.01);
    }
    CHECK(links >= 2 && texts >= 3);
    pk_scene_free(sc);

    /* forced line breaks and an indent */
    pk_span fs = {"one\ntwo three\nfour", reg, 10, ink, NULL};
    p = pk_para_layout(a, f, &fs, 1, &(pk_para_style){300, 12, PK_ALIGN_LEFT, h, 20});
    CHECK(pk_para_lines(p) == 3);
    if (pk_para_lines(p) == 3) {
        CHECK_STR(pk_para_line_text(p, 0, a), "one");
        CHECK_STR(pk_para_line_text(p, 1, a), "two three");
        CHECK_STR(pk_para_line_text(p, 2, a), "four");
    }
    /* empty text: one empty line, no crash */
    pk_span es = {"", reg, 10, ink, NULL};
    p = pk_para_layout(a, f, &es, 1, &st);
    CHECK(pk_para_lines(p) <= 1);

    /* the compiled-in patterns give libhyphen's own points: every word of the docs and the
     * sample record (and of /usr/share/dict/words, when there), hyphenated both ways */
    pk_hyph *parsed = pk_hyph_load_file(PK_HYPH_DEFAULT, &d);
    CHECK(parsed && !pk_hyph_is_builtin(parsed));
    static const char *const word_files[] = {"docs/methodology.md", "docs/packs.md", "docs/record.md",
                                        "docs/templates.md", "data/sample/27-4014.00.json",
                                        "/usr/share/dict/words"};
    size_t words = 0, same = 0;
    for (size_t t = 0; parsed && t < sizeof word_files / sizeof word_files[0]; t++) {
        FILE *in = fopen(word_files[t], "r");
        if (!in) continue;
        char w[64];
        size_t n = 0;
        for (int c = fgetc(in);; c = fgetc(in)) {
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (letter && n < sizeof w - 1) {
                w[n++] = (char)(c | 0x20);
                continue;
            }
            if (!letter && n >= 4 && n < sizeof w - 1) {
                char m1[64], m2[64];
                int r1 = pk_hyph_word(h, w, n, m1), r2 = pk_hyph_word(parsed, w, n, m2);
                words++;
                same += r1 == r2 && memcmp(m1, m2, n) == 0;
            }
            n = letter ? sizeof w - 1 : 0; /* a word too long is skipped whole */
            if (c == EOF) break;
        }
        fclose(in);
    }
    printf("hyphenation: %zu of %zu words alike (builtin: %s)\n", same, words,
           pk_hyph_is_builtin(h) ? "yes" : "no");
    CHECK(words > 5000 && same == words);
    pk_hyph_free(parsed);

    CHECK(d.n == 0);
    pk_arena_free(a);
    pk_hyph_free(h);
    pk_fonts_free(f);
    pk_diag_fini(&d);
    return pk_t_finish();
}
