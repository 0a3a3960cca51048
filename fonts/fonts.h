/* fonts.h: fonts found through fontconfig by family name and measured with FreeType, from the
 * same TTF files both painters use, so text measured here is text drawn the same in SVG, PNG and
 * PDF. Part of fonts/, above data/. */
#ifndef PK_FONTS_H
#define PK_FONTS_H

#include <stdbool.h>
#include <stddef.h>

#include "data/diag.h"

/* The default family: covers every character presskit prints (– − → × · γ é ≥ ≤). */
#define PK_DEFAULT_FAMILY "DejaVu Sans"

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

/* Advance width in points of len bytes of UTF-8 text at size_pt, with the font's kerning. */
double pk_fonts_width(const pk_fonts *f, int id, double size_pt, const char *utf8, size_t len);
/* Ascent (above the baseline, positive) and descent (below, positive) in points. */
void pk_fonts_vmetrics(const pk_fonts *f, int id, double size_pt, double *ascent, double *descent);

/* 0 when the font has a glyph for every character of utf8; else -1 with one message naming the
 * first missing character and the font: "WHERE: the font \"DejaVu Sans\" has no glyph for U+1F600". */
int pk_fonts_cover(const pk_fonts *f, int id, const char *utf8, const char *where, pk_diag *d);

#endif
