/* pdf_meta.c: what an archive asks of every PDF presskit writes (PDF/A-2, ISO 19005-2), tagged
 * or not; pdf_write.c puts the pieces in the file:
 *   - the XMP metadata packet (not compressed): every entry of the information dictionary as
 *     its XMP property (Title dc:title, Author dc:creator, Subject dc:description, Keywords
 *     pdf:Keywords, Creator xmp:CreatorTool, Producer pdf:Producer, CreationDate xmp:CreateDate),
 *     read back from libharu's dictionary so the two cannot disagree; pdfaid:part 2 with
 *     conformance A (a tagged document) or U (every font has its ToUnicode); in a tagged one
 *     pdfuaid:part 1 and the PDF/A extension schema that describes pdfuaid, which PDF/A-2 does
 *     not predefine;
 *   - the output intent: /GTS_PDFA1, sRGB IEC61966-2.1, and its ICC profile as a stream
 *     (Debian's icc-profiles-free sRGB.icc, deflated at build time by reports/iccgen.c), the
 *     colour space every DeviceRGB and DeviceGray colour of the document is read in;
 *   - the file identifier, /ID, twice (a new file): the CRC-32 and the Adler-32 of the bytes
 *     before the cross-reference stream (data/deflate.h's, libdeflate's: they cost nothing next
 *     to deflating them), their count, and the first 4 bytes of the sha256 of the XMP packet (the title and
 *     the other entries), so the same input gives the same bytes and another file another ID.
 *     A sha256 of the whole file cost 5% of a brief's time.
 * A document with a CMYK JPEG image (DeviceCMYK, which an RGB intent does not cover) gets no
 * pdfaid: it is not claimed PDF/A. See pdf_internal.h. Part of reports/. */
#include <stdio.h>
#include <string.h>

#include "data/deflate.h"
#include "reports/html.h" /* pk_html_escape: XML text too */
#include "reports/pdf_internal.h"

/* reports/iccgen.c's output (build/reports/srgb_icc.c) */
extern const size_t pk_srgb_icc_z_len;
extern const char pk_srgb_icc_desc[];
extern const unsigned char pk_srgb_icc_z[];

static const char *info(pdf_doc *doc, HPDF_InfoType t)
{
    HPDF_STATUS was = doc->err; /* an entry not set is not an error here */
    const char *v = HPDF_GetInfoAttr(doc->pdf, t);
    doc->err = was;
    return v && v[0] ? v : NULL;
}

static void prop(pk_buf *x, const char *name, const char *v)
{
    pk_buf_printf(x, "<%s>", name);
    pk_html_escape(x, v);
    pk_buf_printf(x, "</%s>\n", name);
}

static void lang_alt(pk_buf *x, const char *name, const char *v)
{
    pk_buf_printf(x, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
    pk_html_escape(x, v);
    pk_buf_printf(x, "</rdf:li></rdf:Alt></%s>\n", name);
}

/* "D:20260101000000Z00'00'" (libharu's form) or "D:20260101000000+01'00'" as an XMP date,
 * "2026-01-01T00:00:00Z" or "2026-01-01T00:00:00+01:00"; false when it is neither. */
static bool xmp_date(const char *pdf, char out[32])
{
    if (strncmp(pdf, "D:", 2) != 0 || strlen(pdf) < 17 || strspn(pdf + 2, "0123456789") < 14)
        return false;
    const char *d = pdf + 2, *z = pdf + 16;
    int n = snprintf(out, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", d, d + 4, d + 6, d + 8, d + 10,
                     d + 12);
    if (*z == 'Z' || *z == '\0') {
        snprintf(out + n, (size_t)(32 - n), "Z");
    } else if ((*z == '+' || *z == '-') && strspn(z + 1, "0123456789") >= 2 && z[3] == '\'' &&
               strspn(z + 4, "0123456789") >= 2) {
        snprintf(out + n, (size_t)(32 - n), "%c%.2s:%.2s", *z, z + 1, z + 4);
    } else {
        return false;
    }
    return true;
}

void pk_pdf_xmp(pdf_doc *doc, pk_buf *x)
{
    pk_buf_reset(x);
    const bool ua = doc->tagged, pdfa = !doc->not_pdfa;
    pk_buf_adds(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                   "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
                   "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
    if (pdfa) pk_buf_adds(x, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    if (ua)
        pk_buf_adds(x, " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if (ua && pdfa)
        pk_buf_adds(x, " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
                       "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
                       "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"");
    pk_buf_adds(x, ">\n");
    const char *v;
    if ((v = info(doc, HPDF_INFO_TITLE))) lang_alt(x, "dc:title", v);
    if ((v = info(doc, HPDF_INFO_AUTHOR))) {
        pk_buf_adds(x, "<dc:creator><rdf:Seq><rdf:li>");
        pk_html_escape(x, v);
        pk_buf_adds(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if ((v = info(doc, HPDF_INFO_SUBJECT))) lang_alt(x, "dc:description", v);
    if ((v = info(doc, HPDF_INFO_KEYWORDS))) prop(x, "pdf:Keywords", v);
    if ((v = info(doc, HPDF_INFO_PRODUCER))) prop(x, "pdf:Producer", v);
    if ((v = info(doc, HPDF_INFO_CREATOR))) prop(x, "xmp:CreatorTool", v);
    char date[32];
    if ((v = info(doc, HPDF_INFO_CREATION_DATE)) && xmp_date(v, date))
        prop(x, "xmp:CreateDate", date);
    if ((v = info(doc, HPDF_INFO_MOD_DATE)) && xmp_date(v, date)) prop(x, "xmp:ModifyDate", date);
    if (pdfa)
        pk_buf_printf(x, "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>%s</pdfaid:conformance>\n",
                      ua ? "A" : "U");
    if (ua) pk_buf_adds(x, "<pdfuaid:part>1</pdfuaid:part>\n");
    if (ua && pdfa)
        pk_buf_adds(x, "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                       "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                       "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                       "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                       "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                       "<pdfaProperty:name>part</pdfaProperty:name>\n"
                       "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                       "<pdfaProperty:category>internal</pdfaProperty:category>\n"
                       "<pdfaProperty:description>Part of ISO 14289 the document conforms to"
                       "</pdfaProperty:description>\n"
                       "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
                       "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
    pk_buf_adds(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
}

void pk_pdf_output_intent(pk_buf *cat, unsigned icc)
{
    pk_buf_printf(cat,
                  "/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier"
                  "(sRGB IEC61966-2.1)/RegistryName(http://www.color.org)/Info(%s)"
                  "/DestOutputProfile %u 0 R>>]",
                  pk_srgb_icc_desc[0] ? pk_srgb_icc_desc : "sRGB IEC61966-2.1", icc);
}

void pk_pdf_icc_object(pk_buf *out, unsigned num)
{
    pk_buf_printf(out, "%u 0 obj\n<</N 3/Filter/FlateDecode/Length %zu>>\nstream\n", num,
                  pk_srgb_icc_z_len);
    pk_buf_add(out, pk_srgb_icc_z, pk_srgb_icc_z_len);
    pk_buf_adds(out, "\nendstream\nendobj\n");
}

void pk_pdf_file_id(pk_buf *out, const void *bytes, size_t n, const char *xmp_sha)
{
    char id[33];
    snprintf(id, sizeof id, "%08x%08x%08x%.8s", (unsigned)pk_crc32(0, bytes, n),
             (unsigned)pk_adler32(1, bytes, n), (unsigned)(n & 0xFFFFFFFFu), xmp_sha);
    pk_buf_printf(out, "/ID[<%s><%s>]", id, id);
}
