/* pdf.h: the PDF painter. Scenes (charts, brief pages) become the pages of one PDF drawn by
 * libharu: vector paths, text in subset TrueType fonts that copies and searches as UTF-8,
 * images, link annotations and an outline. Part of reports/; render.c uses it for ".pdf" and the
 * brief builder for brief.pdf. */
#ifndef PK_PDF_H
#define PK_PDF_H

#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"
#include "layouts/scene.h"

/* The document information dictionary. Every field is borrowed UTF-8 and may be NULL (left out).
 * Creator is always "presskit VERSION" and Producer libharu's; the creation date is
 * SOURCE_DATE_EPOCH's when that is set (and valid), else there is none, so the same scenes give
 * the same bytes. */
typedef struct pk_pdf_info {
    const char *title, *subject, *author, *keywords;
    /* A tagged PDF (PDF/UA-1) when elems is set: elems[0..n_elems) are the structure elements,
     * elems[0] the Document, each other one's parent an element before it; an op's tag
     * (pk_op.tag) names the element it belongs to, 0 page furniture (an /Artifact). The tree's
     * order is the reading order: an element's children in the order of the list, its content
     * in the order painted. lang is the catalog's /Lang (NULL: "en-US"). */
    const struct pk_pdf_elem *elems;
    size_t n_elems;
    const char *lang;
} pk_pdf_info;

/* A structure element: its standard role ("Document", "Sect", "H1", "P", "L", "LI", "Lbl",
 * "LBody", "Table", "TR", "TH", "TD", "Figure"), its parent (an index below its own; elems[0]'s
 * is ignored), a Figure's alternate text, a TH's scope ("Column" or "Row"). Strings borrowed. A
 * link annotation painted with an element's tag becomes a Link element under it (with the
 * annotation as its OBJR). */
typedef struct pk_pdf_elem {
    const char *role;
    unsigned parent;
    const char *alt, *scope;
} pk_pdf_elem;

/* Paints pages[0..n_pages) as the pages of one PDF appended to out, one page per scene, each
 * page the scene's width x height in points. All scenes must share one pk_fonts (the first
 * page's); each font is embedded once, subset to the characters drawn with it on any page.
 * Ops: rects, lines (solid or dashed), paths, text runs (each glyph where the scene measured it,
 * kerning included, so an anchored run occupies exactly its text_w), clips, images (PNG or
 * JPEG, checked here: a bad one is an error, never a crash), links (a borderless URI
 * annotation over the box) and marks (outline entries, nested by level, pointing at y on their
 * page). Groups are not marked. With info->elems the PDF is tagged (PDF/UA-1; see pk_pdf_info
 * and docs/accessibility.md); without, it has no structure. info may be NULL.
 *
 * The output is byte-for-byte the same for the same scenes, info and SOURCE_DATE_EPOCH: no
 * /ID, no time but that date. Returns 0, or -1 with one message, naming the page where there
 * is one: bad input (no pages, a page size outside 3..14400 pt, a font id the fonts do not have,
 * mixed pk_fonts, a PNG or JPEG that does not decode, clips nested over 27 deep) is
 * PK_FAIL_INPUT ("error: PDF: page 2: the image is not a valid PNG (libpng: ...)"); a font that
 * cannot be subset or embedded, or a libharu failure, is PK_FAIL_IO ("error: PDF:
 * HPDF_INVALID_FONTDEF_DATA (0x102D) on page 1"). On failure out is left as it was. Not
 * thread-safe (the fonts' subsetting cache; presskit's batch workers are processes). */
int pk_pdf_write(const pk_scene *const *pages, size_t n_pages, const pk_pdf_info *info, pk_buf *out,
                 pk_diag *d);

/* The name of a libharu error code ("HPDF_INVALID_PNG_IMAGE"), or NULL for a code it does not
 * define; for tests and messages. */
const char *pk_pdf_error_name(unsigned long code);

#endif
