/* fonts_internal.h: what fonts.c and subset.c share inside fonts/ (the subsetter's cache lives
 * in pk_fonts, but only subset.c includes HarfBuzz). Not for other modules. */
#ifndef PK_FONTS_INTERNAL_H
#define PK_FONTS_INTERNAL_H

#include "fonts/fonts.h"

/* The face index of font id inside its file (0 for a plain .ttf, more in a collection). */
int pk_fonts_face_index(const pk_fonts *f, int id);

/* Where subset.c keeps its parsed face of font id (a hb_face_t *, NULL until the first subset).
 * Writable through a const pk_fonts: it is a cache, not state a caller can see. No lock: presskit
 * never shares a pk_fonts between threads (batch workers are forked processes, each with its own
 * copy). */
void **pk_fonts_subset_slot(const pk_fonts *f, int id);

/* Releases one cached face (NULL is fine); called by pk_fonts_free. Defined in subset.c. */
void pk_fonts_subset_face_free(void *face);

#endif
