/* pdf_write.c: the PDF painter's packed writer. The document's bytes: with libharu 2.3.0,
 * every object that is not a stream packed into one compressed object stream and a compressed
 * cross-reference stream (PDF 1.5), each stream deflated whole by libdeflate (data/deflate.h);
 * with another libharu, its own HPDF_SaveToStream. Also libharu's byte-at-a-time HPDF_MemCpy and
 * HPDF_MemSet, replaced for the process. See pdf_internal.h (pk_pdf_save). Part of reports/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/deflate.h"
#include "data/hash.h"
#include "reports/pdf_internal.h"

#if HPDF_INTERNALS
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

/* libharu 2.3.0 copies and clears memory one byte at a time, in functions it exports and calls
 * through the PLT: HPDF_MemCpy for every byte into or out of a memory stream, HPDF_MemSet for
 * every object, every path operator's number buffer, the 128 KB map of each font and of the
 * UTF-8 encoder. 9% of a brief's instructions. Defined here, with the C library's memcpy and
 * memset and libharu's own return value (the end of what was written), they take the place of
 * libharu's for the whole process, as the dynamic linker resolves a symbol the executable
 * defines first. Only where the version is the one whose code this was read from. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n) memcpy(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    if (n) memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* The document as PDF 1.5 with every object that is not a stream packed into one compressed
 * object stream, and a compressed cross-reference stream in place of the xref table (PDF 32000-1,
 * 7.5.7 and 7.5.8). libharu 2.3.0 writes each object plain, with an indirect object for each
 * stream's /Length and a 20-byte xref line for every object: a quarter of a 14-page brief
 * (17 KB of 69 KB) was dictionaries, outline entries, link annotations, font widths and the
 * xref table, which deflate takes down to about 3 KB.
 *
 * The objects are serialized by libharu (HPDF_Obj_WriteValue) in libharu's own order, so
 * before-write hooks run as in HPDF_SaveToStream and objects they add (a font's descriptor and
 * file) are reached in turn. A stream's /Length is an object of its own, after the stream, whose
 * value libharu sets while writing the stream; plain numbers are serialized last so that every
 * such value is final. Streams go to the file as they are; everything else into the object
 * stream. */
typedef struct pack_sink {
    pk_buf *to;
} pack_sink;

static HPDF_STATUS pack_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    pack_sink *sink = s->attr;
    pk_buf_add(sink->to, p, n);
    return HPDF_OK;
}

/* Bytes to hold v, big-endian, at least min. */
static int field_width(size_t v, int min)
{
    int n = 1;
    while (n < 8 && (v >> (8 * n)) != 0)
        n++;
    return n < min ? min : n;
}

static void put_field(pk_buf *b, size_t v, int width)
{
    for (int i = width - 1; i >= 0; i--)
        pk_buf_addc(b, (char)(unsigned char)(v >> (8 * i)));
}

/* Streams are deflated here, whole, by libdeflate (data/deflate.h), not by libharu, which ran
 * zlib at its default level with a fresh 256 KB state for every stream: a third of a PDF
 * batch's workers. The level, chosen by measuring the sample's brief (bench/bench_brief.c
 * under callgrind, instructions a brief; bytes):
 *     zlib level 6 through libharu (before)   48.4 M   54,480
 *     libdeflate level 1 / 2 / 4              29.1 M / 32.5 M / 32.7 M   56,746 / 55,723 / 55,041
 *     libdeflate level 6 (used)               34.5 M   54,071
 *     libdeflate level 9                      37.2 M   53,708
 * Level 6: the bytes no more than before, and a brief's instructions 29% fewer (with the copies
 * of HPDF_MemCpy and HPDF_MemSet above). */
enum { PDF_LEVEL = 6 };

static int pdf_level(void)
{
    static int level;
    if (!level) {
        const char *e = getenv("PK_PDF_LEVEL"); /* for the benchmark that chose PDF_LEVEL */
        int v = e ? atoi(e) : 0;
        level = v >= 1 && v <= 12 ? v : PDF_LEVEL;
    }
    return level;
}

/* Deflates src into dst (emptied first); false when it cannot. */
static bool deflate_to(pk_buf *dst, const pk_buf *src)
{
    pk_buf_reset(dst);
    return pk_zlib_compress(src->data ? src->data : "", src->len, pdf_level(), dst) == 0;
}

/* Writes stream object i, a dictionary with a memory stream that libharu would deflate, with
 * its data deflated here: the dictionary as libharu writes it (its before-write hook run
 * first, /Filter /FlateDecode, /Length the deflated size, set in its number object, which is
 * written later), then the data, framed as libharu frames it. raw and z are scratch. */
static int write_deflated(pdf_doc *doc, HPDF_UINT i, HPDF_Dict dict, HPDF_Stream w, pk_buf *obj,
                          pk_buf *raw, pk_buf *z, pk_buf *out)
{
    if (dict->before_write_fn && dict->before_write_fn(dict) != HPDF_OK) return -1;
    HPDF_Dict_BeforeWriteFunc before = dict->before_write_fn;
    HPDF_Stream data = dict->stream;
    pk_buf_reset(raw);
    HPDF_UINT chunks = HPDF_MemStream_GetBufCount(data);
    for (HPDF_UINT k = 0; k < chunks; k++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(data, k, &len);
        if (p && len) pk_buf_add(raw, p, len);
    }
    if (raw->len != data->size || !deflate_to(z, raw)) return -1;
    HPDF_Number length = HPDF_Dict_GetItem(dict, "Length", HPDF_OCLASS_NUMBER);
    if (!length || HPDF_Dict_AddName(dict, "Filter", "FlateDecode") != HPDF_OK) return -1;
    HPDF_Number_SetValue(length, (HPDF_INT32)z->len);
    /* the dictionary alone: without its stream libharu writes no data and sets no filter */
    dict->stream = NULL;
    dict->before_write_fn = NULL;
    pk_buf_reset(obj);
    HPDF_STATUS st = HPDF_Obj_WriteValue(dict, w, NULL);
    dict->stream = data;
    dict->before_write_fn = before;
    if (st != HPDF_OK || doc->err) return -1;
    pk_buf_printf(out, "%u 0 obj\n", i);
    pk_buf_add(out, obj->data, obj->len);
    pk_buf_adds(out, "\nstream\r\n");
    pk_buf_add(out, z->data, z->len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
    return 0;
}

/* Where each object is: in the file (kind 1, at offset) or in the object stream (kind 2, at
 * index). */
typedef struct pack_entry {
    unsigned char kind;
    size_t where;
} pack_entry;

unsigned pk_pdf_obj_num(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

#define obj_num pk_pdf_obj_num

static int save_packed(pdf_doc *doc, pk_buf *out)
{
    HPDF_Doc pdf = doc->pdf;
    HPDF_Xref xref = pdf->xref;
    pk_buf obj = PK_BUF_INIT, heads = PK_BUF_INIT, bodies = PK_BUF_INIT, z = PK_BUF_INIT;
    pk_buf raw = PK_BUF_INIT;
    pack_entry *at = NULL;
    size_t n_at = 0, n_packed = 0;
    HPDF_UINT *numbers = NULL;
    size_t n_numbers = 0;
    int rc = -1;
    pdf_tag_objs tg = {PK_BUF_INIT, NULL, 0, PK_BUF_INIT};
    HPDF_UINT cat_i = 0; /* the catalog, written last (it names the tree, metadata, intent) */
    pack_sink sink = {&obj};
    HPDF_Stream w = HPDF_CallbackWriter_New(pdf->mmgr, pack_write, &sink);
    if (!w) goto done;
    const size_t base = out->len; /* the document is appended: offsets count from here */
    pk_buf_add(out, "%PDF-1.5\n%\xB7\xBE\xAD\xAA\n", 15);
    /* the list grows while it is walked: a font's before-write hook adds its descriptor and file */
    for (HPDF_UINT i = 1; i < xref->entries->count; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, i);
        if (i >= n_at) {
            n_at = 2 * i + 16;
            at = pk_xrealloc(at, n_at * sizeof *at);
        }
        const HPDF_Obj_Header *h = e->obj;
        if (e->obj == (void *)pdf->catalog) {
            cat_i = i;
            continue;
        }
        if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_NUMBER) {
            numbers = pk_xrealloc(numbers, (n_numbers + 1) * sizeof *numbers);
            numbers[n_numbers++] = i;
            continue;
        }
        HPDF_Dict dict = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT ? e->obj : NULL;
        if (dict && dict->stream && dict->stream->type == HPDF_STREAM_MEMORY &&
            dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->filterParams) {
            at[i] = (pack_entry){1, out->len - base};
            if (write_deflated(doc, i, dict, w, &obj, &raw, &z, out) != 0) goto done;
            continue;
        }
        pk_buf_reset(&obj);
        if (HPDF_Obj_WriteValue(e->obj, w, NULL) != HPDF_OK || doc->err) goto done;
        if (dict && dict->stream) {
            at[i] = (pack_entry){1, out->len - base};
            pk_buf_printf(out, "%u 0 obj\n", i);
            pk_buf_add(out, obj.data, obj.len);
            pk_buf_adds(out, "\nendobj\n");
        } else {
            at[i] = (pack_entry){2, n_packed++};
            pk_buf_printf(&heads, "%u %zu ", i, bodies.len);
            pk_buf_add(&bodies, obj.data, obj.len);
            pk_buf_addc(&bodies, '\n');
        }
    }
    HPDF_UINT n_objs = xref->entries->count;
    /* the structure tree (tagged documents), numbered after libharu's objects (pdf_tag.c),
     * then the metadata stream and the ICC profile (pdf_meta.c), then the catalog with the
     * entries that name them */
    if (doc->tag_objects) doc->tag_objects(doc, n_objs, &tg);
    HPDF_UINT xmp = n_objs + (HPDF_UINT)tg.n, icc = xmp + 1;
    if (icc + 3 > n_at) {
        n_at = icc + 3;
        at = pk_xrealloc(at, n_at * sizeof *at);
    }
    for (size_t k = 0, from = 0; k < tg.n; from = tg.end[k++]) {
        at[n_objs + k] = (pack_entry){2, n_packed++};
        pk_pdf_put_uint(&heads, n_objs + k);
        pk_buf_addc(&heads, ' ');
        pk_pdf_put_uint(&heads, bodies.len);
        pk_buf_addc(&heads, ' ');
        pk_buf_add(&bodies, tg.text.data + from, tg.end[k] - from);
        pk_buf_addc(&bodies, '\n');
    }
    pk_pdf_xmp(doc, &raw);
    at[xmp] = (pack_entry){1, out->len - base};
    pk_buf_printf(out, "%u 0 obj\n<</Type/Metadata/Subtype/XML/Length %zu>>\nstream\n", xmp,
                  raw.len);
    pk_buf_add(out, raw.data, raw.len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
    char xmp_sha[65]; /* for the /ID */
    pk_sha256_hex(raw.data, raw.len, xmp_sha);
    at[icc] = (pack_entry){1, out->len - base};
    pk_pdf_icc_object(out, icc);
    pk_buf_reset(&obj);
    sink.to = &obj;
    if (!cat_i || HPDF_Obj_WriteValue(pdf->catalog, w, NULL) != HPDF_OK || doc->err ||
        obj.len < 2 || memcmp(obj.data + obj.len - 2, ">>", 2) != 0)
        goto done;
    obj.len -= 2;
    pk_buf_add(&obj, tg.cat.data, tg.cat.len);
    pk_buf_printf(&obj, "/Metadata %u 0 R", xmp);
    pk_pdf_output_intent(&obj, icc);
    pk_buf_adds(&obj, ">>");
    at[cat_i] = (pack_entry){2, n_packed++};
    pk_buf_printf(&heads, "%u %zu ", cat_i, bodies.len);
    pk_buf_add(&bodies, obj.data, obj.len);
    pk_buf_addc(&bodies, '\n');
    n_objs = icc + 1;
    for (size_t k = 0; k < n_numbers; k++) {
        HPDF_UINT i = numbers[k];
        sink.to = &bodies;
        at[i] = (pack_entry){2, n_packed++};
        pk_buf_printf(&heads, "%u %zu ", i, bodies.len);
        if (HPDF_Obj_WriteValue(HPDF_Xref_GetEntry(xref, i)->obj, w, NULL) != HPDF_OK ||
            doc->err)
            goto done;
        pk_buf_addc(&bodies, '\n');
    }
    HPDF_UINT stm = n_objs, xrf = n_objs + 1;
    if (xrf + 1 > n_at) at = pk_xrealloc(at, (xrf + 1) * sizeof *at);
    size_t first = heads.len;
    pk_buf_add(&heads, bodies.data, bodies.len);
    if (!deflate_to(&z, &heads)) goto done;
    at[stm] = (pack_entry){1, out->len - base};
    pk_buf_printf(out,
                  "%u 0 obj\n<</Type/ObjStm/N %zu/First %zu/Filter/FlateDecode/Length %zu>>\n"
                  "stream\n",
                  stm, n_packed, first, z.len);
    pk_buf_add(out, z.data, z.len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
    /* the cross-reference stream: type, then offset or object stream, then generation or
     * index */
    size_t xref_at = out->len - base;
    at[xrf] = (pack_entry){1, xref_at};
    int w2 = field_width(xref_at > stm ? xref_at : stm, 1);
    int w3 = field_width(n_packed, 2);
    pk_buf_reset(&heads);
    put_field(&heads, 0, 1);
    put_field(&heads, 0, w2);
    put_field(&heads, 65535, w3);
    for (HPDF_UINT i = 1; i <= xrf; i++) {
        put_field(&heads, at[i].kind, 1);
        put_field(&heads, at[i].kind == 1 ? at[i].where : stm, w2);
        put_field(&heads, at[i].kind == 1 ? 0 : at[i].where, w3);
    }
    /* each row less the one above it (the PNG "Up" predictor, /Predictor 12): the entries of
     * consecutive objects in the object stream differ by one in the last byte, so the rows
     * become runs of zeros and ones that deflate takes to almost nothing (a tagged brief's
     * 900 objects: 1.6 KB of cross-reference stream without it) */
    size_t cols = (size_t)(1 + w2 + w3), rows = heads.len / cols;
    pk_buf_reset(&raw);
    pk_buf_reserve(&raw, rows * (cols + 1));
    unsigned char *pr = (unsigned char *)raw.data;
    const unsigned char *hd = (const unsigned char *)heads.data;
    for (size_t r = 0; r < rows; r++) {
        *pr++ = 2;
        for (size_t c = 0; c < cols; c++)
            *pr++ = (unsigned char)(hd[r * cols + c] - (r ? hd[(r - 1) * cols + c] : 0));
    }
    raw.len = rows * (cols + 1);
    if (!deflate_to(&z, &raw)) goto done;
    pk_buf_printf(out,
                  "%u 0 obj\n<</Type/XRef/Size %u/W[1 %d %d]/DecodeParms<</Predictor 12/Columns "
                  "%zu>>/Root %u 0 R",
                  xrf, xrf + 1, w2, w3, cols, obj_num(pdf->catalog));
    if (pdf->info) pk_buf_printf(out, "/Info %u 0 R", obj_num(pdf->info));
    pk_pdf_file_id(out, out->data + base, xref_at, xmp_sha);
    pk_buf_printf(out, "/Filter/FlateDecode/Length %zu>>\nstream\n", z.len);
    pk_buf_add(out, z.data, z.len);
    pk_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
    rc = 0;
done:
    if (w) HPDF_Stream_Free(w);
    free(at);
    free(numbers);
    pk_buf_fini(&obj);
    pk_buf_fini(&heads);
    pk_buf_fini(&bodies);
    pk_buf_fini(&z);
    pk_buf_fini(&raw);
    pk_pdf_tag_objs_fini(&tg);
    return rc == 0 ? 0 : pk_pdf_fail(doc);
}
#endif

void pk_pdf_put_uint(pk_buf *b, unsigned long v)
{
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    pk_buf_add(b, p, (size_t)(e - p));
}

int pk_pdf_save(pdf_doc *doc, pk_buf *out)
{
#if HPDF_INTERNALS
    if (!doc->pdf->encrypt_on && !doc->pdf->xref->prev && doc->pdf->xref->start_offset == 0)
        return save_packed(doc, out);
#endif
    if (HPDF_SaveToStream(doc->pdf) != HPDF_OK || doc->err) return pk_pdf_fail(doc);
    unsigned char chunk[16384];
    for (;;) {
        HPDF_UINT32 n = sizeof chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(doc->pdf, chunk, &n);
        if (n) pk_buf_add(out, chunk, n);
        if (st == HPDF_STREAM_EOF) break;
        if (st != HPDF_OK) {
            if (!doc->err) doc->err = st;
            return pk_pdf_fail(doc);
        }
    }
    return 0;
}
