/* pdf_error.c: libharu's errors, for the PDF painter: their names (libharu has no strerror), the
 * callback that keeps the first one, and the one message a failure gives. The ground floor of the
 * painter: every other pdf_*.c calls pk_pdf_fail, and this file calls none of them. See
 * pdf_internal.h. Part of reports/. */
#include <stdio.h>

#include "reports/pdf_internal.h"

/* ---- libharu's error codes by name (it has no strerror) ---- */

/* one table, packed */
/* clang-format off */
#define E(code) {code, #code}
static const struct {
    unsigned long code;
    const char *name;
} hpdf_errors[] = {
    E(HPDF_ARRAY_COUNT_ERR), E(HPDF_ARRAY_ITEM_NOT_FOUND), E(HPDF_ARRAY_ITEM_UNEXPECTED_TYPE),
    E(HPDF_BINARY_LENGTH_ERR), E(HPDF_CANNOT_GET_PALLET), E(HPDF_DICT_COUNT_ERR),
    E(HPDF_DICT_ITEM_NOT_FOUND), E(HPDF_DICT_ITEM_UNEXPECTED_TYPE),
    E(HPDF_DICT_STREAM_LENGTH_NOT_FOUND), E(HPDF_DOC_ENCRYPTDICT_NOT_FOUND),
    E(HPDF_DOC_INVALID_OBJECT), E(HPDF_DUPLICATE_REGISTRATION), E(HPDF_EXCEED_JWW_CODE_NUM_LIMIT),
    E(HPDF_ENCRYPT_INVALID_PASSWORD), E(HPDF_ERR_UNKNOWN_CLASS), E(HPDF_EXCEED_GSTATE_LIMIT),
    E(HPDF_FAILD_TO_ALLOC_MEM), E(HPDF_FILE_IO_ERROR), E(HPDF_FILE_OPEN_ERROR),
    E(HPDF_FONT_EXISTS), E(HPDF_FONT_INVALID_WIDTHS_TABLE), E(HPDF_INVALID_AFM_HEADER),
    E(HPDF_INVALID_ANNOTATION), E(HPDF_INVALID_BIT_PER_COMPONENT),
    E(HPDF_INVALID_CHAR_MATRICS_DATA), E(HPDF_INVALID_COLOR_SPACE),
    E(HPDF_INVALID_COMPRESSION_MODE), E(HPDF_INVALID_DATE_TIME), E(HPDF_INVALID_DESTINATION),
    E(HPDF_INVALID_DOCUMENT), E(HPDF_INVALID_DOCUMENT_STATE), E(HPDF_INVALID_ENCODER),
    E(HPDF_INVALID_ENCODER_TYPE), E(HPDF_INVALID_ENCODING_NAME), E(HPDF_INVALID_ENCRYPT_KEY_LEN),
    E(HPDF_INVALID_FONTDEF_DATA), E(HPDF_INVALID_FONTDEF_TYPE), E(HPDF_INVALID_FONT_NAME),
    E(HPDF_INVALID_IMAGE), E(HPDF_INVALID_JPEG_DATA), E(HPDF_INVALID_N_DATA),
    E(HPDF_INVALID_OBJECT), E(HPDF_INVALID_OBJ_ID), E(HPDF_INVALID_OPERATION),
    E(HPDF_INVALID_OUTLINE), E(HPDF_INVALID_PAGE), E(HPDF_INVALID_PAGES),
    E(HPDF_INVALID_PARAMETER), E(HPDF_INVALID_PNG_IMAGE), E(HPDF_INVALID_STREAM),
    E(HPDF_MISSING_FILE_NAME_ENTRY), E(HPDF_INVALID_TTC_FILE), E(HPDF_INVALID_TTC_INDEX),
    E(HPDF_INVALID_WX_DATA), E(HPDF_ITEM_NOT_FOUND), E(HPDF_LIBPNG_ERROR),
    E(HPDF_NAME_INVALID_VALUE), E(HPDF_NAME_OUT_OF_RANGE), E(HPDF_PAGE_INVALID_PARAM_COUNT),
    E(HPDF_PAGES_MISSING_KIDS_ENTRY), E(HPDF_PAGE_CANNOT_FIND_OBJECT),
    E(HPDF_PAGE_CANNOT_GET_ROOT_PAGES), E(HPDF_PAGE_CANNOT_RESTORE_GSTATE),
    E(HPDF_PAGE_CANNOT_SET_PARENT), E(HPDF_PAGE_FONT_NOT_FOUND), E(HPDF_PAGE_INVALID_FONT),
    E(HPDF_PAGE_INVALID_FONT_SIZE), E(HPDF_PAGE_INVALID_GMODE), E(HPDF_PAGE_INVALID_INDEX),
    E(HPDF_PAGE_INVALID_ROTATE_VALUE), E(HPDF_PAGE_INVALID_SIZE), E(HPDF_PAGE_INVALID_XOBJECT),
    E(HPDF_PAGE_OUT_OF_RANGE), E(HPDF_REAL_OUT_OF_RANGE), E(HPDF_STREAM_EOF),
    E(HPDF_STREAM_READLN_CONTINUE), E(HPDF_STRING_OUT_OF_RANGE), E(HPDF_THIS_FUNC_WAS_SKIPPED),
    E(HPDF_TTF_CANNOT_EMBEDDING_FONT), E(HPDF_TTF_INVALID_CMAP), E(HPDF_TTF_INVALID_FOMAT),
    E(HPDF_TTF_MISSING_TABLE), E(HPDF_UNSUPPORTED_FONT_TYPE), E(HPDF_UNSUPPORTED_FUNC),
    E(HPDF_UNSUPPORTED_JPEG_FORMAT), E(HPDF_UNSUPPORTED_TYPE1_FONT), E(HPDF_XREF_COUNT_ERR),
    E(HPDF_ZLIB_ERROR), E(HPDF_INVALID_PAGE_INDEX), E(HPDF_INVALID_URI),
    E(HPDF_PAGE_LAYOUT_OUT_OF_RANGE), E(HPDF_PAGE_MODE_OUT_OF_RANGE),
    E(HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE), E(HPDF_ANNOT_INVALID_ICON),
    E(HPDF_ANNOT_INVALID_BORDER_STYLE), E(HPDF_PAGE_INVALID_DIRECTION), E(HPDF_INVALID_FONT),
    E(HPDF_PAGE_INSUFFICIENT_SPACE), E(HPDF_PAGE_INVALID_DISPLAY_TIME),
    E(HPDF_PAGE_INVALID_TRANSITION_TIME), E(HPDF_INVALID_PAGE_SLIDESHOW_TYPE),
    E(HPDF_EXT_GSTATE_OUT_OF_RANGE), E(HPDF_INVALID_EXT_GSTATE), E(HPDF_EXT_GSTATE_READ_ONLY),
    E(HPDF_INVALID_U3D_DATA), E(HPDF_NAME_CANNOT_GET_NAMES), E(HPDF_INVALID_ICC_COMPONENT_NUM),
};
#undef E
/* clang-format on */

const char *pk_pdf_error_name(unsigned long code)
{
    for (size_t i = 0; i < sizeof hpdf_errors / sizeof *hpdf_errors; i++)
        if (hpdf_errors[i].code == code) return hpdf_errors[i].name;
    return NULL;
}

/* ---- libharu's errors ---- */

void HPDF_STDCALL pk_pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_doc *doc = user;
    if (doc->err == 0) {
        doc->err = code;
        doc->detail = detail;
    }
}

/* Records libharu's first error as the one message, once. Returns -1. */
int pk_pdf_fail(pdf_doc *doc)
{
    if (doc->failed) return -1;
    doc->failed = -1;
    const char *name = pk_pdf_error_name((unsigned long)doc->err);
    char where[48] = "";
    if (doc->page_no) snprintf(where, sizeof where, " on page %zu", doc->page_no);
    if (doc->detail)
        return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX, detail %lu)%s",
                           name ? name : "unknown libharu error", (unsigned long)doc->err,
                           (unsigned long)doc->detail, where);
    return pk_diag_add(doc->d, PK_FAIL_IO, "error: PDF: %s (0x%04lX)%s",
                       name ? name : "unknown libharu error", (unsigned long)doc->err, where);
}


bool pk_pdf_stopped(pdf_doc *doc)
{
    if (doc->err && !doc->failed) pk_pdf_fail(doc);
    return doc->failed != 0;
}
