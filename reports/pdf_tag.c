/* pdf_tag.c: the PDF painter's structure tree (tagged PDF, PDF/UA-1). libharu 2.3.0 has no
 * tagging API, and its objects cost too much here (a brief has 800 elements: made, written and
 * freed one by one through libharu's object layer, they were a third of a brief's time), so the
 * tree is written as PDF text, numbered after libharu's objects, and pdf_write.c puts it in the
 * object stream with the rest. The painter
 * (pdf_content.c) has put each run of content in a marked-content sequence with an MCID, or in
 * /Artifact, and recorded in doc->mcs which element owns each MCID and each link annotation;
 * from that and the caller's element list (pk_pdf_elem) this writes:
 *   - StructTreeRoot > Document > ... : one structure element per element (no /Type, which is
 *     optional), /K its child elements (in
 *     the list's order) then its content (a lone MCID as /K 3) (MCIDs, or MCR dictionaries off its page, and Link
 *     elements with an OBJR for each annotation), in the order painted; a Figure's /Alt and
 *     /BBox, a TH's /A << /O /Table /Scope ... >>;
 *   - the ParentTree: page i (key i) to the element of each of its MCIDs, each annotation (keys
 *     from n_pages on) to its Link; /StructParents on each page, /StructParent on each
 *     annotation, with /Contents; /Tabs /S on a page with annotations;
 *   - the catalog's /Lang, /MarkInfo << /Marked true >>, /ViewerPreferences << /DisplayDocTitle
 *     true >>, spliced into the catalog as pdf_write.c writes it (with pdf_meta.c's /Metadata,
 *     whose XMP says pdfuaid:part 1, and /OutputIntents).
 * See pdf_internal.h (pk_pdf_write_structure). Part of reports/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/utf8.h"
#include "reports/pdf_internal.h"

#if HPDF_INTERNALS
#include <hpdf_objects.h>

#define put_uint pk_pdf_put_uint

/* " 12 0 R" */
static void put_ref(pk_buf *b, unsigned long num)
{
    pk_buf_addc(b, ' ');
    put_uint(b, num);
    pk_buf_adds(b, " 0 R");
}

/* A text string: ASCII as a literal, (Tasks \(2024\)); any other as UTF-16BE with its byte order
 * mark, <FEFF0054...>. */
static void put_text(pk_buf *b, pk_buf *tmp, const char *utf8)
{
    const char *s = pk_pdf_clean_text(tmp, utf8);
    bool ascii = true;
    for (const char *c = s; *c && ascii; c++) ascii = (unsigned char)*c < 0x80;
    if (ascii) {
        pk_buf_addc(b, '(');
        for (const char *c = s; *c; c++) {
            if (*c == '(' || *c == ')' || *c == '\\') pk_buf_addc(b, '\\');
            pk_buf_addc(b, *c);
        }
        pk_buf_addc(b, ')');
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    pk_buf_adds(b, "<FEFF");
    size_t n = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + n; p < end;) {
        uint32_t c = pdf_cp(pk_utf8_next(&p, end)); /* clean text is in the BMP */
        char h[4] = {hex[c >> 12 & 15], hex[c >> 8 & 15], hex[c >> 4 & 15], hex[c & 15]};
        pk_buf_add(b, h, 4);
    }
    pk_buf_addc(b, '>');
}

static void put_real(pk_buf *b, double v)
{
    pk_buf_printf(b, "%.2f", v);
}

static void end_obj(pdf_tag_objs *o, size_t k)
{
    o->end[k] = o->text.len;
}

void pk_pdf_tag_objects(pdf_doc *doc, unsigned base, pdf_tag_objs *o)
{
    size_t n = doc->n_elems, n_links = 0;
    for (size_t j = 0; j < doc->n_mcs; j++) n_links += doc->mcs[j].mcid < 0;
    o->n = 2 + n + n_links;
    o->end = pk_xrealloc(o->end, o->n * sizeof *o->end);
    pk_buf_reset(&o->text);
    pk_buf_reset(&o->cat);
    pk_buf tmp = PK_BUF_INIT;
    const unsigned root = base, tree = base + 1, el0 = base + 2;
    const unsigned link0 = el0 + (unsigned)n;
    /* each element's children (in the list's order) and content (in the order painted), as
     * linked lists */
    size_t *first = pk_xcalloc(n, sizeof *first), *last = pk_xcalloc(n, sizeof *last);
    size_t *next = pk_xcalloc(n, sizeof *next);
    size_t *cfirst = pk_xcalloc(n, sizeof *cfirst), *clast = pk_xcalloc(n, sizeof *clast);
    size_t *cnext = pk_xcalloc(doc->n_mcs ? doc->n_mcs : 1, sizeof *cnext);
    unsigned *link_of = pk_xcalloc(doc->n_mcs ? doc->n_mcs : 1, sizeof *link_of);
    unsigned *pg = pk_xcalloc(n, sizeof *pg); /* the page of an element's first MCID, + 1 */
    unsigned *nk = pk_xcalloc(n, sizeof *nk);
    /* 1-based in the lists, 0 the end */
    for (size_t i = 1; i < n; i++) {
        size_t par = doc->elems[i].parent < i ? doc->elems[i].parent : 0;
        if (last[par]) next[last[par] - 1] = i + 1;
        else first[par] = i + 1;
        last[par] = i + 1;
        nk[par] += 2;
    }
    unsigned links = 0;
    for (size_t j = 0; j < doc->n_mcs; j++) {
        const pdf_mc *m = &doc->mcs[j];
        if (m->link) continue; /* a link's text: in its Link element */
        if (clast[m->elem]) cnext[clast[m->elem] - 1] = j + 1;
        else cfirst[m->elem] = j + 1;
        clast[m->elem] = j + 1;
        nk[m->elem] += m->mcid >= 0 ? 1 : 2;
        if (m->mcid < 0) link_of[j] = link0 + links++;
        if (m->mcid >= 0 && !pg[m->elem]) pg[m->elem] = m->page + 1;
    }
    pk_buf *b = &o->text;
    /* the root */
    pk_buf_adds(b, "<</Type/StructTreeRoot/K");
    put_ref(b, el0);
    pk_buf_adds(b, "/ParentTree");
    put_ref(b, tree);
    pk_buf_adds(b, "/ParentTreeNextKey ");
    put_uint(b, doc->n_pages + links);
    pk_buf_adds(b, ">>");
    end_obj(o, 0);
    /* the ParentTree: page p (key p) to the owner of each of its MCIDs, in MCID order (which is
     * the order painted); annotation k (key n_pages + k) to its Link */
    pk_buf_adds(b, "<</Nums[");
    size_t j = 0;
    for (size_t p = 0; p < doc->n_pages; p++) {
        put_uint(b, p);
        pk_buf_addc(b, '[');
        for (; j < doc->n_mcs && doc->mcs[j].page <= p; j++)
            if (doc->mcs[j].mcid >= 0)
                put_ref(b, doc->mcs[j].link ? link_of[doc->mcs[j].link - 1] : el0 + doc->mcs[j].elem);
        pk_buf_adds(b, "]");
    }
    for (size_t k = 0, key = doc->n_pages; k < doc->n_mcs; k++) {
        if (doc->mcs[k].mcid >= 0) continue;
        pk_buf_addc(b, ' ');
        put_uint(b, key++);
        put_ref(b, link_of[k]);
    }
    pk_buf_adds(b, "]>>");
    end_obj(o, 1);
    /* the elements */
    for (size_t i = 0; i < n; i++) {
        const pk_pdf_elem *e = &doc->elems[i];
        pk_buf_adds(b, "<</S/");
        pk_buf_adds(b, e->role && e->role[0] ? e->role : "Span");
        pk_buf_adds(b, "/P");
        put_ref(b, i == 0 ? root : el0 + (e->parent < i ? e->parent : 0));
        if (pg[i]) {
            pk_buf_adds(b, "/Pg");
            put_ref(b, pk_pdf_obj_num(doc->pages[pg[i] - 1]));
        }
        if (nk[i]) pk_buf_adds(b, nk[i] == 1 ? "/K " : "/K[");
        for (size_t c = first[i]; c; c = next[c - 1]) put_ref(b, el0 + (unsigned)(c - 1));
        for (size_t c = cfirst[i]; c; c = cnext[c - 1]) {
            const pdf_mc *m = &doc->mcs[c - 1];
            if (m->mcid < 0) {
                put_ref(b, link_of[c - 1]);
            } else if (m->page + 1 == pg[i]) {
                if (nk[i] > 1) pk_buf_addc(b, ' ');
                put_uint(b, (unsigned)m->mcid);
            } else {
                pk_buf_adds(b, "<</Type/MCR/Pg");
                put_ref(b, pk_pdf_obj_num(doc->pages[m->page]));
                pk_buf_adds(b, "/MCID ");
                put_uint(b, (unsigned)m->mcid);
                pk_buf_adds(b, ">>");
            }
        }
        if (nk[i] > 1) pk_buf_addc(b, ']');
        if (e->alt && e->alt[0]) {
            pk_buf_adds(b, "/Alt");
            put_text(b, &tmp, e->alt);
        }
        if (e->scope) {
            pk_buf_adds(b, "/A<</O/Table/Scope/");
            pk_buf_adds(b, e->scope);
            pk_buf_adds(b, ">>");
        } else if (doc->is_figure[i] && doc->bbox[i].set) {
            const pdf_bbox *bb = &doc->bbox[i];
            pk_buf_adds(b, "/A<</O/Layout/BBox[");
            put_real(b, R(bb->x0));
            pk_buf_addc(b, ' ');
            put_real(b, R(bb->y0));
            pk_buf_addc(b, ' ');
            put_real(b, R(bb->x1));
            pk_buf_addc(b, ' ');
            put_real(b, R(bb->y1));
            pk_buf_adds(b, "]>>");
        }
        pk_buf_adds(b, ">>");
        end_obj(o, 2 + i);
    }
    /* a Link element for each annotation, under the element it was painted with */
    for (size_t k = 0, l = 0; k < doc->n_mcs; k++) {
        const pdf_mc *m = &doc->mcs[k];
        if (m->mcid >= 0) continue;
        unsigned page = pk_pdf_obj_num(doc->pages[m->page]);
        pk_buf_adds(b, "<</S/Link/P");
        put_ref(b, el0 + m->elem);
        pk_buf_adds(b, "/Pg");
        put_ref(b, page);
        /* its text (MCIDs on its page: drawn right after it), then the annotation */
        pk_buf_adds(b, "/K[");
        for (size_t t = k + 1; t < doc->n_mcs; t++) {
            if (doc->mcs[t].link != k + 1) continue;
            pk_buf_addc(b, ' ');
            put_uint(b, (unsigned)doc->mcs[t].mcid);
        }
        pk_buf_adds(b, "<</Type/OBJR/Pg");
        put_ref(b, page);
        pk_buf_adds(b, "/Obj");
        put_ref(b, pk_pdf_obj_num(m->annot));
        pk_buf_adds(b, ">>]>>");
        end_obj(o, 2 + n + l++);
    }
    /* the catalog's */
    pk_buf *c = &o->cat;
    pk_buf_adds(c, "/StructTreeRoot");
    put_ref(c, root);
    pk_buf_adds(c, "/MarkInfo<</Marked true>>/ViewerPreferences<</DisplayDocTitle true>>/Lang");
    put_text(c, &tmp, doc->lang && doc->lang[0] ? doc->lang : "en-US");
    free(first), free(last), free(next), free(cfirst), free(clast), free(cnext);
    free(link_of), free(pg), free(nk);
    pk_buf_fini(&tmp);
}

static int annotate(pdf_doc *doc)
{
    HPDF_MMgr mm = doc->pdf->mmgr;
    for (size_t p = 0; p < doc->n_pages; p++)
        HPDF_Dict_AddNumber(doc->pages[p], "StructParents", (HPDF_INT32)p);
    pk_buf c = PK_BUF_INIT, t = PK_BUF_INIT;
    size_t key = doc->n_pages;
    for (size_t j = 0; j < doc->n_mcs; j++) {
        const pdf_mc *m = &doc->mcs[j];
        if (m->mcid >= 0) continue;
        HPDF_Dict_AddNumber(m->annot, "StructParent", (HPDF_INT32)key++);
        pk_buf_reset(&c);
        pk_buf_adds(&c, "Link to ");
        /* the URL as the annotation's /URI has it: bytes past ASCII %-escaped */
        for (const unsigned char *u = (const unsigned char *)(m->url ? m->url : ""); *u; u++) {
            if (*u >= 0x80 || *u < 0x20) pk_buf_printf(&c, "%%%02X", *u);
            else pk_buf_addc(&c, (char)*u);
        }
        HPDF_Dict_Add(m->annot, "Contents", HPDF_String_New(mm, pk_pdf_clean_text(&t, pk_buf_str(&c)), NULL));
        HPDF_Dict_AddName(doc->pages[m->page], "Tabs", "S"); /* tab order: the structure's */
    }
    pk_buf_fini(&c);
    pk_buf_fini(&t);
    return doc->err ? pk_pdf_fail(doc) : 0;
}
#endif

int pk_pdf_write_structure(pdf_doc *doc, const pk_pdf_info *info)
{
    doc->lang = info ? info->lang : NULL;
#if HPDF_INTERNALS
    if (doc->tagged) return annotate(doc);
#endif
    return 0;
}

void pk_pdf_tag_objs_fini(pdf_tag_objs *o)
{
    pk_buf_fini(&o->text);
    pk_buf_fini(&o->cat);
    free(o->end);
}
