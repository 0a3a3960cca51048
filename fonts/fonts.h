/* fonts.h: fonts found through fontconfig by family name and measured with FreeType, from the
 * same TTF files both painters use, so text measured here is text drawn the same in SVG, PNG and
 * PDF. Part of fonts/, above data/. */
#ifndef PK_FONTS_H
#define PK_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data/buf.h"
#include "data/diag.h"

/* The default family: covers every character presskit prints (– − → × · γ é ≥ ≤). */
#define PK_DEFAULT_FAMILY "DejaVu Sans"
/* The family for code (the BibTeX citation) when a template names none. */
#define PK_DEFAULT_CODE_FAMILY "DejaVu Sans Mono"

typedef struct pk_fonts pk_fonts;

pk_fonts *pk_fonts_new(void);
void pk_fonts_free(pk_fonts *f);

/* Loads `family` (bold or regular) and returns its id (>= 0), or -1 with a message when
 * fontconfig has no such family ("font family \"X\" not found (fontconfig offers \"Y\")"): a
 * silently substituted font would change every measurement. Loading the same font twice returns
 * the same id. */
int pk_fonts_load(pk_fonts *f, const char *family, bool bold, pk_diag *d);

const char *pk_fonts_file(const pk_fonts *f, int id);   /* the TTF file */
const char *pk_fonts_family(const pk_fonts *f, int id); /* its family name */
bool pk_fonts_is_bold(const pk_fonts *f, int id);
/* How many fonts are loaded: ids run from 0 to this less one. */
size_t pk_fonts_count(const pk_fonts *f);

/* A character the font lacks is drawn as this one, U+REPLACEMENT CHARACTER, in every painter
 * (PDF, PNG and SVG), and measured as it (when the font lacks that too, as its .notdef); see
 * docs/reliability.md. Controls (below U+0020) and the inkless format characters are not
 * replaced: they take their advance and show nothing. */
#define PK_FONTS_REPLACEMENT 0xFFFDu
/* true for a character drawn as PK_FONTS_REPLACEMENT with font id: not a control, not inkless,
 * and either not in the font (a decoded surrogate is in no font's cmap), or a noncharacter
 * (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF), or past U+FFFF: the PDF painter (libharu 2.3.0) encodes
 * only the Basic Multilingual Plane, and every painter draws what the PDF draws. */
bool pk_fonts_lacks(const pk_fonts *f, int id, uint32_t cp);
/* The format characters that have no ink (the bidirectional controls, zero-width spaces and
 * joiners, the byte order mark): a painter draws nothing for one, even where a font lacks it. */
bool pk_fonts_inkless(uint32_t cp);
/* The advance of the font's .notdef glyph, in font units. */
int pk_fonts_notdef_advance(const pk_fonts *f, int id);

/* Advance width in points of len bytes of UTF-8 text at size_pt, with the font's kerning. A
 * character the font lacks (pk_fonts_lacks) is measured as PK_FONTS_REPLACEMENT. */
double pk_fonts_width(const pk_fonts *f, int id, double size_pt, const char *utf8, size_t len);
/* One character of a text run as pk_fonts_width measures it, in font units. */
typedef struct pk_glyph {
    uint32_t cp;  /* the code point, decoded as pk_fonts_width decodes (leniently) */
    int kern;     /* pair kerning between the previous character and this one (0 for the first) */
    int advance;  /* the advance of the glyph drawn for it */
    unsigned gid; /* the glyph drawn for it: PK_FONTS_REPLACEMENT's when missing (0, the
                     .notdef, when the font lacks that too, or for a control it lacks) */
    bool missing; /* pk_fonts_lacks: the replacement is drawn and measured */
} pk_glyph;

/* The characters of len bytes of UTF-8 with their advances and kerning in font units, exactly
 * as pk_fonts_width adds them up (the sum of kern + advance, times size_pt over
 * pk_fonts_units_per_em, is that width), so a painter can place each glyph where the measurement
 * put it. Writes at most cap entries to out and returns how many characters there are (at most
 * len): call again with more room when that is more than cap. */
size_t pk_fonts_glyphs(const pk_fonts *f, int id, const char *utf8, size_t len, pk_glyph *out,
                       size_t cap);
/* The FreeType face fonts/ measures font id with, for a painter that rasterises the same
 * outlines (cairo-ft, in reports/cairo_png.c), so there is one FreeType in the house and the
 * glyphs drawn are the ones measured. A reference is taken on the face and on its FreeType
 * library: both stay valid past pk_fonts_free until pk_fonts_ft_face_unref (cairo may keep a
 * face in its caches longer than a pk_fonts lives). The face is shared: use only calls that do
 * not depend on its size (FreeType's unscaled advances and kerning, as fonts/ does) or set the
 * size first (as cairo does); not thread-safe. */
struct FT_FaceRec_;
struct FT_FaceRec_ *pk_fonts_ft_face_ref(const pk_fonts *f, int id);
/* Drops one reference taken by pk_fonts_ft_face_ref (NULL is fine). */
void pk_fonts_ft_face_unref(struct FT_FaceRec_ *face);

/* Font units per em of font id (2048 for DejaVu Sans). */
int pk_fonts_units_per_em(const pk_fonts *f, int id);

struct pk_buf;
/* Appends s[0..n) to out when it is at most maxw points wide at size_pt, else its longest start
 * that fits with an ellipsis (cut between characters, trailing spaces and punctuation dropped);
 * nothing when not even the ellipsis fits. Returns the width appended, in points. Charts and the
 * brief's running header and footer shorten text with it. */
double pk_fonts_fit(const pk_fonts *f, int id, double size_pt, const char *s, size_t n, double maxw,
                    struct pk_buf *out);

/* Ascent (above the baseline, positive) and descent (below, positive) in points. */
void pk_fonts_vmetrics(const pk_fonts *f, int id, double size_pt, double *ascent, double *descent);

/* 0 when the font has a glyph for every character of utf8; else -1 with one message naming the
 * first missing character and the font: "WHERE: the font \"DejaVu Sans\" has no glyph for U+1F600". */
int pk_fonts_cover(const pk_fonts *f, int id, const char *utf8, const char *where, pk_diag *d);

/* A TrueType font (glyf outlines) holding exactly the characters codepoints[0..n) of font id
 * that the font has, plus .notdef, appended to out: what a PDF embeds instead of the whole file.
 * Glyphs are renumbered; hinting and layout tables (GSUB, GPOS, kern) are dropped, since the
 * painters draw unhinted outlines at positions the scene already holds. The same inputs give the
 * same bytes. Duplicates and order in codepoints do not matter. Returns 0, or -1 with one
 * PK_FAIL_IO message naming the font file ("FILE: error: the font \"X\" has no TrueType outlines
 * ..." for a CFF font, which a PDF painted by libharu cannot embed). The file is read and parsed
 * once per pk_fonts and kept until pk_fonts_free (see fonts_internal.h: not thread-safe). */
int pk_fonts_subset(const pk_fonts *f, int id, const uint32_t *codepoints, size_t n,
                    pk_buf *out, pk_diag *d);

#endif
