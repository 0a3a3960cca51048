/* subset.c: TrueType subsets with HarfBuzz's subsetter, so a PDF embeds the few dozen glyphs it
 * draws rather than a whole font file (libharu alone embeds nearly all of DejaVu Sans). Part of
 * fonts/; the PDF painter (reports/pdf_font.c) calls it. The one file that includes hb-subset.h. */
#include <hb-subset.h>
#include <hb.h>
#include <string.h>

#include "fonts/fonts.h"
#include "fonts/fonts_internal.h"

void pk_fonts_subset_face_free(void *face)
{
    if (face) hb_face_destroy(face);
}

/* The face of font id, from the cache or made now: the file is mapped and its table directory
 * read once per pk_fonts, since a batch subsets the same fonts for every occupation. NULL with a
 * message when HarfBuzz cannot read it, or when it has no TrueType outlines (libharu embeds
 * only glyf fonts: a CFF .otf must be refused here, not turned into a broken PDF). */
static hb_face_t *face_get(const pk_fonts *f, int id, pk_diag *d)
{
    void **slot = pk_fonts_subset_slot(f, id);
    if (*slot) return *slot;
    const char *path = pk_fonts_file(f, id);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot read the font file", path);
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, (unsigned)pk_fonts_face_index(f, id));
    hb_blob_destroy(blob); /* the face holds its own reference */
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (hb_face_get_glyph_count(face) == 0 || glyf_len == 0) {
        hb_face_destroy(face);
        pk_diag_add(d, PK_FAIL_IO,
                    "%s: error: the font \"%s\" has no TrueType outlines (glyf table); a PDF "
                    "can embed only TrueType fonts (expected a .ttf, got CFF or no outlines)",
                    path, pk_fonts_family(f, id));
        return NULL;
    }
    /* Not hb_subset_preprocess: it costs 25 ms per DejaVu face and saves 0.04 ms per subset
     * (0.09 ms instead of 0.05), which pays back only after some 600 documents in one process;
     * `presskit chart -o x.pdf` makes one. */
    *slot = face;
    return face;
}

int pk_fonts_subset(const pk_fonts *f, int id, const uint32_t *codepoints, size_t n, pk_buf *out,
                    pk_diag *d)
{
    hb_face_t *face = face_get(f, id, d);
    if (!face) return -1;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot subset the font (out of memory)",
                           pk_fonts_file(f, id));
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(u, codepoints[i]);
    /* Unhinted, as both painters draw (cairo with FT_LOAD_NO_HINTING), and smaller. The .notdef
     * outline is kept so a character the font lacks shows the same box as in the PNG. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    /* Tables no PDF viewer reads: text is positioned already (kerning included), so shaping and
     * positioning tables are weight and time. libharu rewrites the font with its own table set
     * anyway; dropping them here saves subsetting them. */
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('M', 'A', 'T', 'H'), HB_TAG('F', 'F', 'T', 'M'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('g', 'a', 's', 'p'),
    };
    hb_set_t *tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
        hb_set_add(tables, drop[i]);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: HarfBuzz cannot subset the font",
                           pk_fonts_file(f, id));
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    int rc = 0;
    if (!data || len == 0)
        rc = pk_diag_add(d, PK_FAIL_IO, "%s: error: HarfBuzz made an empty subset of the font",
                         pk_fonts_file(f, id));
    else
        pk_buf_add(out, data, len);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}
