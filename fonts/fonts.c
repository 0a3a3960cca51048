/* fonts.c: fontconfig lookup and FreeType metrics; see fonts.h. The one file of fonts/ that
 * includes fontconfig and FreeType (the PNG painter opens the same files through cairo-ft). */
#include "fonts/fonts.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/arena.h"
#include "data/buf.h"
#include "fonts/fonts_internal.h"

enum { PK_MAX_FONTS = 16 };

/* Measuring text is most of what laying out a brief does, and nearly all of it is Latin-1. So
 * each font keeps the glyph and advance of U+0000..U+00FF (filled when the font is loaded, 256
 * lookups) and the pair kerning of printable ASCII, filled pair by pair on first use (KERN_UNKNOWN
 * until then; kerning values in font units are far inside int16_t). Other characters go to
 * FreeType each time. The same numbers either way: the cache only remembers FreeType's answers. */
enum { FAST_CPS = 256, KERN_LO = 0x20, KERN_HI = 0x7F, KERN_N = KERN_HI - KERN_LO };
#define KERN_UNKNOWN INT16_MIN

typedef struct metrics {
    FT_UInt glyph[FAST_CPS];
    int advance[FAST_CPS];
    int16_t kern[KERN_N][KERN_N]; /* [previous - KERN_LO][this - KERN_LO] */
} metrics;

typedef struct font {
    char *family, *file; /* owned */
    int index;           /* the face's index in the file (fontconfig's FC_INDEX) */
    bool bold;
    FT_Face face;
    double units;        /* units per em */
    void *subset_face;   /* owned: subset.c's parsed face of the file, made on first subset */
    bool kerning;        /* the face has pair kerning */
    metrics *m;          /* owned: the Latin-1 cache (see metrics); written through const */
} font;

struct pk_fonts {
    FT_Library ft;
    font fonts[PK_MAX_FONTS];
    size_t n;
};

pk_fonts *pk_fonts_new(void)
{
    pk_fonts *f = pk_xcalloc(1, sizeof *f);
    if (FT_Init_FreeType(&f->ft) != 0) f->ft = NULL;
    return f;
}

void pk_fonts_free(pk_fonts *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        pk_fonts_subset_face_free(f->fonts[i].subset_face);
        FT_Done_Face(f->fonts[i].face);
        free(f->fonts[i].m);
        free(f->fonts[i].family);
        free(f->fonts[i].file);
    }
    if (f->ft) FT_Done_FreeType(f->ft);
    free(f);
    /* presskit uses fontconfig only to find files, here: release its configuration and caches
     * so the leak checkers see a clean exit (the next pk_fonts_load initialises it again) */
    FcFini();
}

int pk_fonts_load(pk_fonts *f, const char *family, bool bold, pk_diag *d)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->fonts[i].bold == bold && strcasecmp(f->fonts[i].family, family) == 0) return (int)i;
    if (!f->ft) return pk_diag_add(d, PK_FAIL_IO, "error: cannot start FreeType");
    if (f->n == PK_MAX_FONTS) return pk_diag_add(d, PK_FAIL_INPUT, "error: more than %d fonts", PK_MAX_FONTS);
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    FcChar8 *got_family = NULL, *file = NULL;
    int index = 0;
    if (!match || FcPatternGetString(match, FC_FAMILY, 0, &got_family) != FcResultMatch ||
        FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
        if (match) FcPatternDestroy(match);
        return pk_diag_add(d, PK_FAIL_INPUT, "error: font family \"%s\" not found (fontconfig has no "
                                             "match)", family);
    }
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    /* fontconfig always answers with something: a different family would silently change every
     * measurement, so it is an error */
    if (strcasecmp((const char *)got_family, family) != 0) {
        int rc = pk_diag_add(d, PK_FAIL_INPUT,
                             "error: font family \"%s\" not found (fontconfig offers \"%s\"; install "
                             "the font or name another family)",
                             family, (const char *)got_family);
        FcPatternDestroy(match);
        return rc;
    }
    font *fo = &f->fonts[f->n];
    if (FT_New_Face(f->ft, (const char *)file, index, &fo->face) != 0) {
        int rc = pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open the font file", (const char *)file);
        FcPatternDestroy(match);
        return rc;
    }
    fo->family = pk_xstrdup((const char *)got_family);
    fo->file = pk_xstrdup((const char *)file);
    fo->index = index;
    fo->bold = bold;
    fo->units = fo->face->units_per_EM ? fo->face->units_per_EM : 1000;
    FT_Select_Charmap(fo->face, FT_ENCODING_UNICODE);
    FcPatternDestroy(match);
    fo->kerning = FT_HAS_KERNING(fo->face);
    fo->m = pk_xmalloc(sizeof *fo->m);
    for (unsigned cp = 0; cp < FAST_CPS; cp++) {
        FT_Fixed adv = 0;
        fo->m->glyph[cp] = FT_Get_Char_Index(fo->face, cp);
        if (FT_Get_Advance(fo->face, fo->m->glyph[cp], FT_LOAD_NO_SCALE, &adv) != 0) adv = 0;
        fo->m->advance[cp] = (int)adv;
    }
    for (int i = 0; i < KERN_N; i++)
        for (int j = 0; j < KERN_N; j++)
            fo->m->kern[i][j] = KERN_UNKNOWN;
    return (int)f->n++;
}

const char *pk_fonts_file(const pk_fonts *f, int id)
{
    return f->fonts[id].file;
}

const char *pk_fonts_family(const pk_fonts *f, int id)
{
    return f->fonts[id].family;
}

bool pk_fonts_is_bold(const pk_fonts *f, int id)
{
    return f->fonts[id].bold;
}

int pk_fonts_face_index(const pk_fonts *f, int id)
{
    return f->fonts[id].index;
}

size_t pk_fonts_count(const pk_fonts *f)
{
    return f->n;
}

void **pk_fonts_subset_slot(const pk_fonts *f, int id)
{
    /* The one write through a const pk_fonts: a cache, invisible to callers (see
     * fonts_internal.h). pk_fonts objects are always heap-allocated by pk_fonts_new, never const
     * objects, so casting the qualifier away is defined. */
    return &((pk_fonts *)f)->fonts[id].subset_face;
}

/* Next code point of UTF-8 text (validated upstream); advances *p. */
static unsigned next_cp(const unsigned char **p, const unsigned char *end)
{
    unsigned c = *(*p)++;
    if (c < 0x80) return c;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    unsigned cp = c & (0x3F >> n);
    while (n-- > 0 && *p < end) cp = (cp << 6) | (*(*p)++ & 0x3F);
    return cp;
}

/* The glyph of cp and its advance in font units (the .notdef's for a missing glyph). */
static FT_UInt glyph_of(const font *fo, unsigned cp, int *advance)
{
    if (cp < FAST_CPS) {
        *advance = fo->m->advance[cp];
        return fo->m->glyph[cp];
    }
    FT_UInt g = FT_Get_Char_Index(fo->face, cp);
    FT_Fixed adv = 0;
    if (FT_Get_Advance(fo->face, g, FT_LOAD_NO_SCALE, &adv) != 0) adv = 0;
    *advance = (int)adv;
    return g;
}

/* Pair kerning in font units between glyph prev (character pcp) and g (character cp); 0 when
 * either is missing or the face has none. */
static int kerning_of(const font *fo, unsigned pcp, FT_UInt prev, unsigned cp, FT_UInt g)
{
    if (!(fo->kerning && prev && g)) return 0;
    int16_t *slot = NULL;
    if (pcp >= KERN_LO && pcp < KERN_HI && cp >= KERN_LO && cp < KERN_HI) {
        slot = &fo->m->kern[pcp - KERN_LO][cp - KERN_LO];
        if (*slot != KERN_UNKNOWN) return *slot;
    }
    FT_Vector k;
    if (FT_Get_Kerning(fo->face, prev, g, FT_KERNING_UNSCALED, &k) != 0) k.x = 0;
    if (slot && k.x > KERN_UNKNOWN && k.x <= INT16_MAX) *slot = (int16_t)k.x;
    return (int)k.x;
}

/* A walk over UTF-8 text, one character at a time, as both pk_fonts_width and pk_fonts_glyphs
 * measure it. */
typedef struct walk {
    const font *fo;
    const unsigned char *p, *end;
    FT_UInt prev;  /* the previous character's glyph (0 at the start) */
    unsigned pcp;  /* and its code point */
} walk;

/* The next character with its kerning and advance; false at the end. */
static inline bool step(walk *w, pk_glyph *out)
{
    if (w->p >= w->end) return false;
    unsigned cp = next_cp(&w->p, w->end);
    int adv;
    FT_UInt g = glyph_of(w->fo, cp, &adv);
    *out = (pk_glyph){.cp = cp, .kern = kerning_of(w->fo, w->pcp, w->prev, cp, g), .advance = adv,
                      .missing = g == 0};
    w->prev = g;
    w->pcp = cp;
    return true;
}

double pk_fonts_width(const pk_fonts *f, int id, double size_pt, const char *utf8, size_t len)
{
    const font *fo = &f->fonts[id];
    walk w = {fo, (const unsigned char *)utf8, (const unsigned char *)utf8 + len, 0, 0};
    long units = 0;
    pk_glyph g;
    while (step(&w, &g)) units += g.kern + g.advance;
    return units * size_pt / fo->units;
}

size_t pk_fonts_glyphs(const pk_fonts *f, int id, const char *utf8, size_t len, pk_glyph *out,
                       size_t cap)
{
    walk w = {&f->fonts[id], (const unsigned char *)utf8, (const unsigned char *)utf8 + len, 0, 0};
    size_t n = 0;
    pk_glyph g;
    while (step(&w, &g)) {
        if (n < cap) out[n] = g;
        n++;
    }
    return n;
}

int pk_fonts_units_per_em(const pk_fonts *f, int id)
{
    return (int)f->fonts[id].units;
}

void pk_fonts_vmetrics(const pk_fonts *f, int id, double size_pt, double *ascent, double *descent)
{
    const font *fo = &f->fonts[id];
    *ascent = fo->face->ascender * size_pt / fo->units;
    *descent = -fo->face->descender * size_pt / fo->units;
}

int pk_fonts_cover(const pk_fonts *f, int id, const char *utf8, const char *where, pk_diag *d)
{
    const font *fo = &f->fonts[id];
    const unsigned char *p = (const unsigned char *)utf8, *end = p + strlen(utf8);
    while (p < end) {
        unsigned cp = next_cp(&p, end);
        if (cp < 0x20) continue;
        if (FT_Get_Char_Index(fo->face, cp) == 0)
            return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: the font \"%s\" has no glyph for U+%04X",
                               where, fo->family, cp);
    }
    return 0;
}

static size_t fit_cp_len(const char *s, size_t left)
{
    unsigned char b = (unsigned char)*s;
    size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return n < left ? n : left;
}

/* Appends s[0..n) to out when it is at most maxw wide, else its longest start that fits with an
 * ellipsis (cut between characters, trailing spaces and punctuation dropped). Returns the width
 * appended. Characters are measured one at a time to find the cut in one pass, so a 64 KiB
 * string costs one measurement, not one per candidate cut; the cut is then checked whole. */
double pk_fonts_fit(const pk_fonts *f, int id, double size, const char *s, size_t n, double maxw,
                    pk_buf *out)
{
    double full = pk_fonts_width(f, id, size, s, n);
    if (full <= maxw) {
        pk_buf_add(out, s, n);
        return full;
    }
    double ell = pk_fonts_width(f, id, size, "\xE2\x80\xA6" /* U+2026 */, 3);
    size_t cut = 0;
    double acc = 0;
    while (cut < n) {
        size_t k = fit_cp_len(s + cut, n - cut);
        double cw = pk_fonts_width(f, id, size, s + cut, k);
        if (acc + cw + ell > maxw) break;
        acc += cw;
        cut += k;
    }
    pk_buf tmp = PK_BUF_INIT;
    double w = 0;
    for (;;) {
        size_t end = cut;
        while (end > 0 && strchr(" ,;:-(/", s[end - 1]))
            end--;
        pk_buf_reset(&tmp);
        pk_buf_add(&tmp, s, end);
        pk_buf_adds(&tmp, "\xE2\x80\xA6");
        w = pk_fonts_width(f, id, size, tmp.data, tmp.len);
        if (w <= maxw || end == 0) break;
        /* kerning made the cut a little too wide: one character fewer */
        size_t back = end - 1;
        while (back > 0 && ((unsigned char)s[back] & 0xC0) == 0x80)
            back--;
        cut = back;
    }
    if (w <= maxw)
        pk_buf_add(out, tmp.data, tmp.len);
    else
        w = 0; /* not even an ellipsis fits: nothing */
    pk_buf_fini(&tmp);
    return w;
}
