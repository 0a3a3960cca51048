/* cite.c: Plain, APA, BibTeX, RIS and CSL-JSON citations; see cite.h. Two forms, chosen by the
 * publication block: the kit's own page (who publishes it, where, when it was compiled), or,
 * without those, the data sets it is built from, each in APA 7's data-set form. The five
 * formats carry the same facts, and the APA text is what citeproc-js (citation-js, Zotero's
 * processor) renders from cite.json with the APA style: tests/clients/csl.sh compares them. */
#include "reports/cite.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/fmt.h"
#include "data/json_write.h"
#include "data/text.h"
#include "reports/kit.h"

typedef struct used {
    const pk_sources *s;
    bool *flags; /* flags[i]: registry entry i is used */
} used;

static void mark_used(void *ctx, const char *id)
{
    used *u = ctx;
    for (size_t i = 0; i < u->s->n_items; i++)
        if (strcmp(u->s->items[i].id, id) == 0) u->flags[i] = true;
}

void pk_sources_used(const pk_record *r, const pk_sources *s, bool *flags)
{
    used u = {s, flags};
    for (size_t i = 0; i < s->n_items; i++) flags[i] = false;
    pk_record_each_source(r, mark_used, &u);
}

void pk_cite_built_from(pk_buf *out, const pk_record *r, const pk_sources *s)
{
    used u = {s, calloc(s->n_items ? s->n_items : 1, sizeof(bool))};
    if (!u.flags) pk_out_of_memory(0);
    pk_sources_used(r, s, u.flags);
    bool first = true;
    for (size_t i = 0; i < s->n_items; i++) {
        if (!u.flags[i]) continue;
        if (!first) pk_buf_adds(out, "; ");
        pk_buf_adds(out, s->items[i].cite_as);
        first = false;
    }
    free(u.flags);
}

bool pk_cite_is_page(const pk_publication *p)
{
    return p->publisher && p->url_template && p->compiled;
}

/* ---- BibTeX: ASCII, so that pdflatex reads it through bibtex (8-bit, no UTF-8) and through
 * biblatex + biber (which decodes LaTeX accents to UTF-8 for the .bbl, so only commands whose
 * decoded character LaTeX's utf8 input knows, or math that biber leaves alone). ---- */

static uint32_t utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t c = p[0];
    int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (n) c &= 0x3Fu >> n;
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) { /* not well-formed (the readers check it): one byte */
            *s += 1;
            return 0xFFFD;
        }
        c = c << 6 | (p[i] & 0x3F);
    }
    *s += n + 1;
    return c;
}

/* Characters as LaTeX that needs no package: symbols, dashes and quotes, Greek in math, and
 * the accented letters of Latin-1 and Latin Extended-A as accent commands (ogonek, which OT1
 * lacks, as the bare letter). */
static const struct {
    uint32_t cp;
    const char *tex;
} bib_chars[] = {
    {0x00A0, "~"}, {0x00A3, "\\pounds{}"}, {0x00A7, "\\S{}"}, {0x00A9, "\\textcopyright{}"},
    {0x00AB, "<<"}, {0x00AE, "\\textregistered{}"}, {0x00B0, "$^{\\circ}$"},
    {0x00B1, "$\\pm$"}, {0x00B6, "\\P{}"}, {0x00B7, "$\\cdot$"}, {0x00BB, ">>"},
    {0x00BD, "$\\frac{1}{2}$"}, {0x00C6, "{\\AE}"}, {0x00D0, "{\\DH}"}, {0x00D7, "$\\times$"},
    {0x00D8, "{\\O}"}, {0x00DE, "{\\TH}"}, {0x00DF, "{\\ss}"}, {0x00E6, "{\\ae}"},
    {0x00F0, "{\\dh}"}, {0x00F7, "$\\div$"}, {0x00F8, "{\\o}"}, {0x00FE, "{\\th}"},
    {0x0131, "{\\i}"}, {0x0141, "{\\L}"}, {0x0142, "{\\l}"}, {0x0152, "{\\OE}"},
    {0x0153, "{\\oe}"}, {0x03B1, "$\\alpha$"}, {0x03B2, "$\\beta$"}, {0x03B3, "$\\gamma$"},
    {0x03B4, "$\\delta$"}, {0x03B5, "$\\epsilon$"}, {0x03BC, "$\\mu$"}, {0x03C0, "$\\pi$"},
    {0x03C3, "$\\sigma$"}, {0x2010, "-"}, {0x2011, "-"}, {0x2013, "--"}, {0x2014, "---"},
    {0x2018, "`"}, {0x2019, "'"}, {0x201C, "``"}, {0x201D, "''"}, {0x2022, "\\textbullet{}"},
    {0x2026, "\\ldots{}"}, {0x2032, "$'$"}, {0x20AC, "\\texteuro{}"},
    {0x2122, "\\texttrademark{}"}, {0x2190, "$\\leftarrow$"}, {0x2192, "$\\rightarrow$"},
    {0x2194, "$\\leftrightarrow$"}, {0x2212, "$-$"}, {0x2248, "$\\approx$"},
    {0x2260, "$\\neq$"}, {0x2264, "$\\leq$"}, {0x2265, "$\\geq$"},
    {0x00C0, "{\\`A}"}, {0x00C1, "{\\'A}"}, {0x00C2, "{\\^A}"}, {0x00C3, "{\\~A}"},
    {0x00C4, "{\\\"A}"}, {0x00C5, "{\\r{A}}"}, {0x00C7, "{\\c{C}}"}, {0x00C8, "{\\`E}"},
    {0x00C9, "{\\'E}"}, {0x00CA, "{\\^E}"}, {0x00CB, "{\\\"E}"}, {0x00CC, "{\\`I}"},
    {0x00CD, "{\\'I}"}, {0x00CE, "{\\^I}"}, {0x00CF, "{\\\"I}"}, {0x00D1, "{\\~N}"},
    {0x00D2, "{\\`O}"}, {0x00D3, "{\\'O}"}, {0x00D4, "{\\^O}"}, {0x00D5, "{\\~O}"},
    {0x00D6, "{\\\"O}"}, {0x00D9, "{\\`U}"}, {0x00DA, "{\\'U}"}, {0x00DB, "{\\^U}"},
    {0x00DC, "{\\\"U}"}, {0x00DD, "{\\'Y}"}, {0x00E0, "{\\`a}"}, {0x00E1, "{\\'a}"},
    {0x00E2, "{\\^a}"}, {0x00E3, "{\\~a}"}, {0x00E4, "{\\\"a}"}, {0x00E5, "{\\r{a}}"},
    {0x00E7, "{\\c{c}}"}, {0x00E8, "{\\`e}"}, {0x00E9, "{\\'e}"}, {0x00EA, "{\\^e}"},
    {0x00EB, "{\\\"e}"}, {0x00EC, "{\\`i}"}, {0x00ED, "{\\'i}"}, {0x00EE, "{\\^i}"},
    {0x00EF, "{\\\"i}"}, {0x00F1, "{\\~n}"}, {0x00F2, "{\\`o}"}, {0x00F3, "{\\'o}"},
    {0x00F4, "{\\^o}"}, {0x00F5, "{\\~o}"}, {0x00F6, "{\\\"o}"}, {0x00F9, "{\\`u}"},
    {0x00FA, "{\\'u}"}, {0x00FB, "{\\^u}"}, {0x00FC, "{\\\"u}"}, {0x00FD, "{\\'y}"},
    {0x00FF, "{\\\"y}"}, {0x0100, "{\\=A}"}, {0x0101, "{\\=a}"}, {0x0102, "{\\u{A}}"},
    {0x0103, "{\\u{a}}"}, {0x0104, "A"}, {0x0105, "a"}, {0x0106, "{\\'C}"},
    {0x0107, "{\\'c}"}, {0x0108, "{\\^C}"}, {0x0109, "{\\^c}"}, {0x010A, "{\\.C}"},
    {0x010B, "{\\.c}"}, {0x010C, "{\\v{C}}"}, {0x010D, "{\\v{c}}"}, {0x010E, "{\\v{D}}"},
    {0x010F, "{\\v{d}}"}, {0x0112, "{\\=E}"}, {0x0113, "{\\=e}"}, {0x0114, "{\\u{E}}"},
    {0x0115, "{\\u{e}}"}, {0x0116, "{\\.E}"}, {0x0117, "{\\.e}"}, {0x0118, "E"},
    {0x0119, "e"}, {0x011A, "{\\v{E}}"}, {0x011B, "{\\v{e}}"}, {0x011C, "{\\^G}"},
    {0x011D, "{\\^g}"}, {0x011E, "{\\u{G}}"}, {0x011F, "{\\u{g}}"}, {0x0120, "{\\.G}"},
    {0x0121, "{\\.g}"}, {0x0122, "{\\c{G}}"}, {0x0123, "{\\c{g}}"}, {0x0124, "{\\^H}"},
    {0x0125, "{\\^h}"}, {0x0128, "{\\~I}"}, {0x0129, "{\\~i}"}, {0x012A, "{\\=I}"},
    {0x012B, "{\\=i}"}, {0x012C, "{\\u{I}}"}, {0x012D, "{\\u{i}}"}, {0x012E, "I"},
    {0x012F, "i"}, {0x0130, "{\\.I}"}, {0x0134, "{\\^J}"}, {0x0135, "{\\^j}"},
    {0x0136, "{\\c{K}}"}, {0x0137, "{\\c{k}}"}, {0x0139, "{\\'L}"}, {0x013A, "{\\'l}"},
    {0x013B, "{\\c{L}}"}, {0x013C, "{\\c{l}}"}, {0x013D, "{\\v{L}}"}, {0x013E, "{\\v{l}}"},
    {0x0143, "{\\'N}"}, {0x0144, "{\\'n}"}, {0x0145, "{\\c{N}}"}, {0x0146, "{\\c{n}}"},
    {0x0147, "{\\v{N}}"}, {0x0148, "{\\v{n}}"}, {0x014C, "{\\=O}"}, {0x014D, "{\\=o}"},
    {0x014E, "{\\u{O}}"}, {0x014F, "{\\u{o}}"}, {0x0150, "{\\H{O}}"}, {0x0151, "{\\H{o}}"},
    {0x0154, "{\\'R}"}, {0x0155, "{\\'r}"}, {0x0156, "{\\c{R}}"}, {0x0157, "{\\c{r}}"},
    {0x0158, "{\\v{R}}"}, {0x0159, "{\\v{r}}"}, {0x015A, "{\\'S}"}, {0x015B, "{\\'s}"},
    {0x015C, "{\\^S}"}, {0x015D, "{\\^s}"}, {0x015E, "{\\c{S}}"}, {0x015F, "{\\c{s}}"},
    {0x0160, "{\\v{S}}"}, {0x0161, "{\\v{s}}"}, {0x0162, "{\\c{T}}"}, {0x0163, "{\\c{t}}"},
    {0x0164, "{\\v{T}}"}, {0x0165, "{\\v{t}}"}, {0x0168, "{\\~U}"}, {0x0169, "{\\~u}"},
    {0x016A, "{\\=U}"}, {0x016B, "{\\=u}"}, {0x016C, "{\\u{U}}"}, {0x016D, "{\\u{u}}"},
    {0x016E, "{\\r{U}}"}, {0x016F, "{\\r{u}}"}, {0x0170, "{\\H{U}}"}, {0x0171, "{\\H{u}}"},
    {0x0172, "U"}, {0x0173, "u"}, {0x0174, "{\\^W}"}, {0x0175, "{\\^w}"},
    {0x0176, "{\\^Y}"}, {0x0177, "{\\^y}"}, {0x0178, "{\\\"Y}"}, {0x0179, "{\\'Z}"},
    {0x017A, "{\\'z}"}, {0x017B, "{\\.Z}"}, {0x017C, "{\\.z}"}, {0x017D, "{\\v{Z}}"},
    {0x017E, "{\\v{z}}"},
};

static void bib_char(pk_buf *b, uint32_t cp)
{
    for (size_t i = 0; i < sizeof bib_chars / sizeof bib_chars[0]; i++) {
        if (bib_chars[i].cp == cp) {
            pk_buf_adds(b, bib_chars[i].tex);
            return;
        }
    }
    pk_buf_addc(b, '?'); /* a character LaTeX has no command for without packages */
}

static void bib_escape(pk_buf *b, const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            bib_char(b, utf8_next(&s));
            continue;
        }
        s++;
        switch (c) {
        case '&': case '%': case '$': case '#': case '_':
            pk_buf_addc(b, '\\');
            pk_buf_addc(b, (char)c);
            break;
        /* not \{ and \}: BibTeX counts an escaped brace as a brace, so a lone "{" in the data
         * would leave the field (and the entry) open */
        case '{': pk_buf_adds(b, "\\textbraceleft{}"); break;
        case '}': pk_buf_adds(b, "\\textbraceright{}"); break;
        case '~': pk_buf_adds(b, "\\textasciitilde{}"); break;
        case '^': pk_buf_adds(b, "\\textasciicircum{}"); break;
        case '\\': pk_buf_adds(b, "\\textbackslash{}"); break;
        /* in math, not \textless, \textgreater and \textbar: biber turns those back into
         * "<", ">" and "|", which LaTeX's default OT1 text fonts set as "¡", "¿" and "—" */
        case '<': pk_buf_adds(b, "{$<$}"); break;
        case '>': pk_buf_adds(b, "{$>$}"); break;
        case '|': pk_buf_adds(b, "{$|$}"); break;
        case '\n': case '\r': case '\t': pk_buf_addc(b, ' '); break;
        default:
            if (c < 0x20 || c == 0x7f) pk_buf_addc(b, '?');
            else pk_buf_addc(b, (char)c);
        }
    }
}

/* A url field is read verbatim by biblatex (and ignored by plain.bst): only what would break
 * the entry is percent-encoded. */
static void bib_url(pk_buf *b, const char *u)
{
    for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '{' || *p == '}' || *p == '\\' || *p == '"')
            pk_buf_printf(b, "%%%02X", *p);
        else pk_buf_addc(b, (char)*p);
    }
}

static void bib_field(pk_buf *out, const char *name, const char *value, bool protect)
{
    pk_buf_printf(out, "  %-6s = {%s", name, protect ? "{" : "");
    bib_escape(out, value);
    pk_buf_printf(out, "%s},\n", protect ? "}" : "");
}

static void bib_end(pk_buf *out)
{
    /* no comma after the last field: older BibTeX tools warn on it */
    if (out->len >= 2 && out->data[out->len - 2] == ',') {
        out->data[out->len - 2] = '\n';
        out->len--;
        out->data[out->len] = '\0';
    }
    pk_buf_adds(out, "}\n");
}

/* BibTeX keys, RIS IDs and CSL ids: [A-Za-z0-9:_-], the characters every reader takes (and a
 * LaTeX \cite, a Markdown citation and a file name of the key too); anything else is "-". */
static void key_clean(pk_buf *b, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == ':' || c == '_';
        pk_buf_addc(b, ok ? c : '-');
    }
}

/* RIS: one tag per line, so a value must not contain a line break. */
static void ris_line(pk_buf *b, const char *tag, const char *v)
{
    pk_buf_printf(b, "%s  - ", tag);
    for (; *v; v++) {
        size_t k = pk_text_c1_len(v, 3);
        if (*v == '\n' || *v == '\r' || *v == '\t' || k == 3) pk_buf_addc(b, ' '), v += k ? k - 1 : 0;
        else if ((unsigned char)*v < 0x20 || *v == 0x7f || k == 2)
            pk_buf_adds(b, "\xEF\xBF\xBD"), v += k ? k - 1 : 0;
        else pk_buf_addc(b, *v);
    }
    pk_buf_adds(b, "\r\n");
}

/* RIS dates are YYYY/MM/DD/other, the slashes required: "2026/06/07/", "2025///". */
static void ris_date(pk_buf *b, const char *tag, const char *iso, int year)
{
    char v[32];
    if (iso) snprintf(v, sizeof v, "%.4s/%.2s/%.2s/", iso, iso + 5, iso + 8);
    else snprintf(v, sizeof v, "%d///", year);
    ris_line(b, tag, v);
}

static void date_parts(pk_jw *w, const char *iso, int year)
{
    pk_jw_begin_obj(w, true);
    pk_jw_key(w, "date-parts");
    pk_jw_begin_arr(w, true);
    pk_jw_begin_arr(w, true);
    if (iso) {
        pk_jw_int(w, atoi(iso));
        pk_jw_int(w, atoi(iso + 5));
        pk_jw_int(w, atoi(iso + 8));
    } else {
        pk_jw_int(w, year);
    }
    pk_jw_end_arr(w);
    pk_jw_end_arr(w);
    pk_jw_end_obj(w);
}

static void csl_author(pk_jw *w, const char *name)
{
    pk_jw_key(w, "author");
    pk_jw_begin_arr(w, true);
    pk_jw_begin_obj(w, true);
    pk_jw_key(w, "literal");
    pk_jw_str(w, name);
    pk_jw_end_obj(w);
    pk_jw_end_arr(w);
}

/* One line of plain text, ended: built whole, then cleaned of anything that is not text. */
static void text_line(pk_buf *out, pk_buf *line)
{
    pk_text_add_line(out, pk_buf_str(line));
    pk_buf_addc(out, '\n');
    pk_buf_reset(line);
}

/* "Org." — but "Org Inc." keeps its one period, as citeproc writes it. */
static void add_sentence(pk_buf *b, const char *s)
{
    pk_buf_adds(b, s);
    size_t n = strlen(s);
    if (!n || (s[n - 1] != '.' && s[n - 1] != '?' && s[n - 1] != '!')) pk_buf_addc(b, '.');
}

/* ---- The kit's own page ---- */

/* In CSL-JSON, the entry goes into `arr` (an array being written) when it is not NULL, else
 * into an array of its own. */
static void cite_page(pk_buf *out, pk_cite_style style, const pk_record *r, const pk_sources *s,
                      pk_jw *arr)
{
    const pk_publication *p = &s->publication;
    char *url = pk_expand_template(p->url_template, r->soc);
    pk_buf key = PK_BUF_INIT, built = PK_BUF_INIT, accessed = PK_BUF_INIT, line = PK_BUF_INIT;
    char *k = pk_expand_template(p->key_template ? p->key_template : "{slug}", r->soc);
    key_clean(&key, k);
    free(k);
    pk_cite_built_from(&built, r, s);
    if (p->accessed) pk_fmt_date(&accessed, p->accessed);
    int year = atoi(p->compiled);

    switch (style) {
    case PK_CITE_PLAIN:
        pk_buf_printf(&line, "%s. \"%s.\"", p->publisher, r->title);
        if (p->container) pk_buf_printf(&line, " %s.", p->container);
        if (built.len) pk_buf_printf(&line, " Built from %s.", built.data);
        if (accessed.len) pk_buf_printf(&line, " Accessed %s.", accessed.data);
        pk_buf_printf(&line, " %s", url);
        text_line(out, &line);
        break;
    case PK_CITE_APA:
        /* APA 7 for a dated web page: no retrieval date (that is for undated pages) */
        add_sentence(&line, p->publisher);
        pk_buf_printf(&line, " (%d). ", year);
        add_sentence(&line, r->title);
        if (p->container) {
            pk_buf_addc(&line, ' ');
            add_sentence(&line, p->container);
        }
        pk_buf_printf(&line, " %s", url);
        text_line(out, &line);
        break;
    case PK_CITE_BIBTEX:
        /* double braces keep the title's capitals and a corporate author whole */
        pk_buf_printf(out, "@misc{%s,\n", key.data);
        bib_field(out, "title", r->title, true);
        bib_field(out, "author", p->publisher, true);
        pk_buf_printf(out, "  year   = {%d},\n", year);
        if (built.len || accessed.len) {
            pk_buf n = PK_BUF_INIT;
            pk_buf_adds(&n, built.data ? built.data : "");
            if (accessed.len) pk_buf_printf(&n, "%sAccessed %s", built.len ? ". " : "", accessed.data);
            bib_field(out, "note", n.data, false);
            pk_buf_fini(&n);
        }
        pk_buf_adds(out, "  url    = {");
        bib_url(out, url);
        pk_buf_adds(out, "},\n");
        if (p->accessed) pk_buf_printf(out, "  urldate = {%s},\n", p->accessed);
        bib_end(out);
        break;
    case PK_CITE_RIS:
        ris_line(out, "TY", "ELEC");
        ris_line(out, "TI", r->title);
        ris_line(out, "AU", p->publisher);
        {
            char y[16];
            snprintf(y, sizeof y, "%d", year);
            ris_line(out, "PY", y);
        }
        ris_date(out, "DA", NULL, year);
        if (p->container) {
            ris_line(out, "T2", p->container);
            ris_line(out, "PB", p->container);
        }
        ris_line(out, "UR", url);
        if (p->accessed) {
            /* the access date where readers look: Y2 (RIS 2001, Zotero, RefWorks) and, for a web
             * page, M1 (the 2011 spec's ELEC "Access Date": EndNote, citation-js); DA is the
             * page's own date, as Zotero writes it */
            ris_date(out, "Y2", p->accessed, 0);
            ris_date(out, "M1", p->accessed, 0);
        }
        if (built.len) {
            pk_buf n = PK_BUF_INIT;
            pk_buf_printf(&n, "Built from %s.", built.data);
            ris_line(out, "N1", n.data);
            pk_buf_fini(&n);
        }
        ris_line(out, "ID", key.data);
        pk_buf_adds(out, "ER  - \r\n");
        break;
    case PK_CITE_CSL_JSON: {
        pk_jw own, *wp = arr ? arr : &own;
#define w (*wp)
        if (!arr) {
            pk_jw_init(&w, out);
            pk_jw_begin_arr(&w, false);
        }
        pk_jw_begin_obj(&w, false);
        pk_jw_key(&w, "id");
        pk_jw_str(&w, key.data);
        pk_jw_key(&w, "type");
        pk_jw_str(&w, "webpage");
        pk_jw_key(&w, "title");
        pk_jw_str(&w, r->title);
        csl_author(&w, p->publisher);
        if (p->container) {
            /* the site's name where APA puts it: citeproc's APA style title-cases a
             * container-title, and the site names itself as it likes */
            pk_jw_key(&w, "publisher");
            pk_jw_str(&w, p->container);
        }
        pk_jw_key(&w, "issued");
        date_parts(&w, NULL, year);
        if (p->accessed) {
            pk_jw_key(&w, "accessed");
            date_parts(&w, p->accessed, 0);
        }
        pk_jw_key(&w, "URL");
        pk_jw_str(&w, url);
        if (built.len) {
            pk_buf n = PK_BUF_INIT;
            pk_buf_printf(&n, "Built from %s.", built.data);
            pk_jw_key(&w, "note");
            pk_jw_str(&w, n.data);
            pk_buf_fini(&n);
        }
        pk_jw_end_obj(&w);
        if (!arr) {
            pk_jw_end_arr(&w);
            pk_jw_finish(&w);
        }
#undef w
        break;
    }
    }
    pk_buf_fini(&key);
    pk_buf_fini(&built);
    pk_buf_fini(&accessed);
    pk_buf_fini(&line);
    free(url);
}

/* ---- The data sets, when the kit's page cannot be cited ---- */

typedef struct dataset {
    const pk_source *src;
    char *title;          /* owned: "Occupational Employment and Wage Statistics (OEWS), May 2024" */
    const char *author;   /* the publisher, borrowed */
    const char *accessed; /* the source's, else the publication's; may be NULL */
    int year;             /* 0: n.d. */
} dataset;

/* The data set's title with its release, unless the title says it already or it is the year. */
static char *dataset_title(const pk_source *x)
{
    pk_buf t = PK_BUF_INIT;
    pk_buf_adds(&t, x->title);
    char y[24];
    snprintf(y, sizeof y, "%ld", x->year);
    if (x->release && !strstr(x->title, x->release) && strcmp(x->release, y) != 0)
        pk_buf_printf(&t, ", %s", x->release);
    return pk_buf_take(&t);
}

/* citeproc-js sorts with Intl.Collator(sensitivity "base", ignorePunctuation, numeric): only
 * letters and digits count, case folded, a run of digits by its value. Bytes past ASCII sort
 * after the letters (an approximation that holds for the registries' English names). */
static int collate(const char *a, const char *b)
{
    for (;;) {
        while (*a && !isalnum((unsigned char)*a) && (unsigned char)*a < 0x80) a++;
        while (*b && !isalnum((unsigned char)*b) && (unsigned char)*b < 0x80) b++;
        if (!*a || !*b) return (*a != 0) - (*b != 0);
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0') a++;
            while (*b == '0') b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb) return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c) return c;
            a += na;
            b += nb;
            continue;
        }
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (isdigit(ca) != isdigit(cb)) return isdigit(ca) ? -1 : 1; /* digits before letters */
        if (ca != cb) return ca < cb ? -1 : 1;
        a++;
        b++;
    }
}

/* APA's reference list order, as citeproc's APA style sorts: author, year (n.d. first), title. */
static int dataset_cmp(const void *pa, const void *pb)
{
    const dataset *a = pa, *b = pb;
    int c = collate(a->author, b->author);
    if (c) return c;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    c = collate(a->title, b->title);
    return c ? c : strcmp(a->src->id, b->src->id);
}

/* The data sets any of rs[0..n_r) uses, each once, in registry order. */
static size_t datasets(const pk_record *const *rs, size_t n_r, const pk_sources *s, dataset **out)
{
    bool *flags = calloc(s->n_items ? s->n_items : 1, sizeof *flags);
    bool *one = calloc(s->n_items ? s->n_items : 1, sizeof *one);
    dataset *v = calloc(s->n_items ? s->n_items : 1, sizeof *v);
    if (!flags || !one || !v) pk_out_of_memory(0);
    for (size_t k = 0; k < n_r; k++) {
        pk_sources_used(rs[k], s, one);
        for (size_t i = 0; i < s->n_items; i++) flags[i] |= one[i];
    }
    free(one);
    size_t n = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        if (!flags[i]) continue;
        const pk_source *x = &s->items[i];
        v[n++] = (dataset){x, dataset_title(x), x->publisher,
                           x->accessed ? x->accessed : s->publication.accessed, (int)x->year};
    }
    free(flags);
    *out = v;
    return n;
}

static void cite_datasets(pk_buf *out, pk_cite_style style, const pk_record *const *rs,
                          size_t n_r, const pk_sources *s)
{
    dataset *ds;
    size_t n = datasets(rs, n_r, s, &ds);
    if (style == PK_CITE_APA) qsort(ds, n, sizeof *ds, dataset_cmp);
    pk_buf line = PK_BUF_INIT, key = PK_BUF_INIT, date = PK_BUF_INIT;
    pk_jw w;
    if (style == PK_CITE_CSL_JSON) {
        pk_jw_init(&w, out);
        pk_jw_begin_arr(&w, false);
    }
    for (size_t i = 0; i < n; i++) {
        const dataset *x = &ds[i];
        const char *url = x->src->url;
        pk_buf_reset(&key);
        key_clean(&key, x->src->id);
        pk_buf_reset(&date);
        if (x->accessed) pk_fmt_date(&date, x->accessed);
        switch (style) {
        case PK_CITE_PLAIN:
            pk_buf_printf(&line, "%s. \"", x->author);
            add_sentence(&line, x->title);
            pk_buf_adds(&line, "\" Data set");
            if (x->year) pk_buf_printf(&line, ", %d", x->year);
            pk_buf_addc(&line, '.');
            if (date.len) pk_buf_printf(&line, " Accessed %s.", date.data);
            if (url) pk_buf_printf(&line, " %s", url);
            text_line(out, &line);
            break;
        case PK_CITE_APA:
            /* Author. (Year). Title [Data set]. URL; undated: (n.d.) and "Retrieved ..., from" */
            add_sentence(&line, x->author);
            /* APA 7 tells apart one author's works of one year by a letter: 2025a, 2025b */
            size_t first = i, last = i;
            while (first > 0 && collate(ds[first - 1].author, x->author) == 0 &&
                   ds[first - 1].year == x->year)
                first--;
            while (last + 1 < n && collate(ds[last + 1].author, x->author) == 0 &&
                   ds[last + 1].year == x->year)
                last++;
            char letter[4] = "";
            if (last > first) {
                if (i - first < 26) snprintf(letter, sizeof letter, "%s%c", x->year ? "" : "-",
                                             (char)('a' + (i - first)));
            }
            if (x->year) pk_buf_printf(&line, " (%d%s). ", x->year, letter);
            else pk_buf_printf(&line, " (n.d.%s). ", letter);
            pk_buf_printf(&line, "%s [Data set].", x->title);
            if (url && !x->year && date.len) pk_buf_printf(&line, " Retrieved %s, from %s", date.data, url);
            else if (url) pk_buf_printf(&line, " %s", url);
            text_line(out, &line);
            break;
        case PK_CITE_BIBTEX:
            if (i) pk_buf_addc(out, '\n');
            pk_buf_printf(out, "@misc{%s,\n", key.data);
            bib_field(out, "title", x->title, true);
            bib_field(out, "author", x->author, true);
            if (x->year) pk_buf_printf(out, "  year   = {%d},\n", x->year);
            bib_field(out, "howpublished", "Data set", false);
            if (date.len) {
                pk_buf n2 = PK_BUF_INIT;
                pk_buf_printf(&n2, "Accessed %s", date.data);
                bib_field(out, "note", n2.data, false);
                pk_buf_fini(&n2);
            }
            if (url) {
                pk_buf_adds(out, "  url    = {");
                bib_url(out, url);
                pk_buf_adds(out, "},\n");
            }
            if (x->accessed) pk_buf_printf(out, "  urldate = {%s},\n", x->accessed);
            bib_end(out);
            break;
        case PK_CITE_RIS:
            ris_line(out, "TY", "DATA");
            ris_line(out, "TI", x->title);
            ris_line(out, "AU", x->author);
            if (x->year) {
                char y[16];
                snprintf(y, sizeof y, "%d", x->year);
                ris_line(out, "PY", y);
                ris_date(out, "DA", NULL, x->year);
            }
            if (url) ris_line(out, "UR", url);
            if (x->accessed) ris_date(out, "Y2", x->accessed, 0);
            /* no ID: the 2001 spec's tag makes a record without a 2011 tag (an undated one, no
             * PY or DA) read by the 2001 spec, in which a data set has no access date */
            pk_buf_adds(out, "ER  - \r\n");
            break;
        case PK_CITE_CSL_JSON:
            pk_jw_begin_obj(&w, false);
            pk_jw_key(&w, "id");
            pk_jw_str(&w, key.data);
            pk_jw_key(&w, "type");
            pk_jw_str(&w, "dataset");
            pk_jw_key(&w, "title");
            pk_jw_str(&w, x->title);
            csl_author(&w, x->author);
            if (x->year) {
                pk_jw_key(&w, "issued");
                date_parts(&w, NULL, x->year);
            }
            if (x->accessed) {
                pk_jw_key(&w, "accessed");
                date_parts(&w, x->accessed, 0);
            }
            if (url) {
                pk_jw_key(&w, "URL");
                pk_jw_str(&w, url);
            }
            pk_jw_end_obj(&w);
            break;
        }
    }
    if (style == PK_CITE_CSL_JSON) {
        pk_jw_end_arr(&w);
        pk_jw_finish(&w);
    }
    for (size_t i = 0; i < n; i++) free(ds[i].title);
    free(ds);
    pk_buf_fini(&line);
    pk_buf_fini(&key);
    pk_buf_fini(&date);
}

void pk_cite(pk_buf *out, pk_cite_style style, const pk_record *r, const pk_sources *s)
{
    if (pk_cite_is_page(&s->publication)) cite_page(out, style, r, s, NULL);
    else cite_datasets(out, style, &r, 1, s);
}

void pk_cite_records(pk_buf *out, pk_cite_style style, const pk_record *const *rs, size_t n,
                     const pk_sources *s)
{
    if (!pk_cite_is_page(&s->publication)) {
        cite_datasets(out, style, rs, n, s);
        return;
    }
    pk_jw w;
    if (style == PK_CITE_CSL_JSON) {
        pk_jw_init(&w, out);
        pk_jw_begin_arr(&w, false);
    }
    for (size_t i = 0; i < n; i++) {
        if (i && style == PK_CITE_BIBTEX) pk_buf_addc(out, '\n');
        cite_page(out, style, rs[i], s, style == PK_CITE_CSL_JSON ? &w : NULL);
    }
    if (style == PK_CITE_CSL_JSON) {
        pk_jw_end_arr(&w);
        pk_jw_finish(&w);
    }
}
