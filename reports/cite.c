/* cite.c: Plain, APA, BibTeX, RIS and CSL-JSON citations; see cite.h. */
#include "reports/cite.h"

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

/* BibTeX: braces must balance and TeX specials must not act; UTF-8 passes through (biber and
 * bibtex8 read it). */
static void bib_escape(pk_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            pk_buf_addc(b, '\\');
            pk_buf_addc(b, *s);
            break;
        case '~': pk_buf_adds(b, "\\textasciitilde{}"); break;
        case '^': pk_buf_adds(b, "\\textasciicircum{}"); break;
        case '\\': pk_buf_adds(b, "\\textbackslash{}"); break;
        case '\n': case '\r': case '\t': pk_buf_addc(b, ' '); break;
        default:
            if ((unsigned char)*s < 0x20 || *s == 0x7f) pk_buf_adds(b, "\xEF\xBF\xBD");
            else pk_buf_addc(b, *s);
        }
    }
}

/* RIS: one tag per line, so a value must not contain a line break. */
static void ris_line(pk_buf *b, const char *tag, const char *v)
{
    pk_buf_printf(b, "%s  - ", tag);
    for (; *v; v++) {
        if (*v == '\n' || *v == '\r' || *v == '\t') pk_buf_addc(b, ' ');
        else if ((unsigned char)*v < 0x20 || *v == 0x7f) pk_buf_adds(b, "\xEF\xBF\xBD");
        else pk_buf_addc(b, *v);
    }
    pk_buf_adds(b, "\r\n");
}

static int year_of(const char *iso)
{
    return iso ? atoi(iso) : 0;
}

static void date_parts(pk_jw *w, const char *iso)
{
    pk_jw_begin_obj(w, true);
    pk_jw_key(w, "date-parts");
    pk_jw_begin_arr(w, true);
    pk_jw_begin_arr(w, true);
    pk_jw_int(w, atoi(iso));
    pk_jw_int(w, atoi(iso + 5));
    pk_jw_int(w, atoi(iso + 8));
    pk_jw_end_arr(w);
    pk_jw_end_arr(w);
    pk_jw_end_obj(w);
}

void pk_cite(pk_buf *out, pk_cite_style style, const pk_record *r, const pk_sources *s)
{
    const pk_publication *p = &s->publication;
    char *url = pk_expand_template(p->url_template, r->soc);
    char *key = pk_expand_template(p->key_template ? p->key_template : "{slug}", r->soc);
    pk_buf built = PK_BUF_INIT, accessed = PK_BUF_INIT;
    pk_cite_built_from(&built, r, s);
    if (p->accessed) pk_fmt_date(&accessed, p->accessed);
    int year = year_of(p->compiled ? p->compiled : p->accessed);

    switch (style) {
    case PK_CITE_PLAIN:
    case PK_CITE_APA: {
        /* one line of plain text: built whole, then cleaned of anything that is not text */
        pk_buf line = PK_BUF_INIT;
        if (style == PK_CITE_PLAIN) {
            pk_buf_printf(&line, "%s. \"%s.\"", p->publisher, r->title);
            if (p->container) pk_buf_printf(&line, " %s.", p->container);
            if (built.len) pk_buf_printf(&line, " Built from %s.", built.data);
            if (accessed.len) pk_buf_printf(&line, " Accessed %s.", accessed.data);
            if (url) pk_buf_printf(&line, " %s", url);
        } else {
            pk_buf_printf(&line, "%s. ", p->publisher);
            if (year) pk_buf_printf(&line, "(%d). ", year);
            else pk_buf_adds(&line, "(n.d.). ");
            pk_buf_printf(&line, "%s.", r->title);
            if (p->container) pk_buf_printf(&line, " %s.", p->container);
            if (url && accessed.len) pk_buf_printf(&line, " Retrieved %s, from %s", accessed.data, url);
            else if (url) pk_buf_printf(&line, " %s", url);
        }
        pk_text_add_line(out, pk_buf_str(&line));
        pk_buf_addc(out, '\n');
        pk_buf_fini(&line);
        break;
    }
    case PK_CITE_BIBTEX:
        /* double braces keep the title's capitals: BibTeX styles lower-case a title otherwise */
        pk_buf_printf(out, "@misc{%s,\n  title  = {{", key);
        bib_escape(out, r->title);
        pk_buf_adds(out, "}},\n  author = {{");
        bib_escape(out, p->publisher);
        pk_buf_adds(out, "}},\n");
        if (year) pk_buf_printf(out, "  year   = {%d},\n", year);
        if (built.len || accessed.len) {
            pk_buf_adds(out, "  note   = {");
            bib_escape(out, built.data ? built.data : "");
            if (accessed.len) {
                pk_buf_adds(out, built.len ? ". Accessed " : "Accessed ");
                bib_escape(out, accessed.data);
            }
            pk_buf_adds(out, "},\n");
        }
        if (url) {
            pk_buf_adds(out, "  url    = {");
            bib_escape(out, url);
            pk_buf_adds(out, "},\n");
        }
        if (p->accessed) pk_buf_printf(out, "  urldate = {%s},\n", p->accessed);
        /* no comma after the last field: older BibTeX tools warn on it */
        if (out->len >= 2 && out->data[out->len - 2] == ',') {
            out->data[out->len - 2] = '\n';
            out->len--;
            out->data[out->len] = '\0';
        }
        pk_buf_adds(out, "}\n");
        break;
    case PK_CITE_RIS:
        ris_line(out, "TY", "ELEC");
        ris_line(out, "TI", r->title);
        ris_line(out, "AU", p->publisher);
        if (year) {
            char y[16];
            snprintf(y, sizeof y, "%d", year);
            ris_line(out, "PY", y);
        }
        if (p->container) ris_line(out, "T2", p->container);
        if (url) ris_line(out, "UR", url);
        if (p->accessed) {
            char y2[16];
            snprintf(y2, sizeof y2, "%.4s/%.2s/%.2s", p->accessed, p->accessed + 5, p->accessed + 8);
            ris_line(out, "Y2", y2);
        }
        if (built.len) {
            pk_buf n = PK_BUF_INIT;
            pk_buf_printf(&n, "Built from %s.", built.data);
            ris_line(out, "N1", n.data);
            pk_buf_fini(&n);
        }
        ris_line(out, "ID", key);
        pk_buf_adds(out, "ER  - \r\n");
        break;
    case PK_CITE_CSL_JSON: {
        pk_jw w;
        pk_jw_init(&w, out);
        pk_jw_begin_arr(&w, false);
        pk_jw_begin_obj(&w, false);
        pk_jw_key(&w, "id");
        pk_jw_str(&w, key);
        pk_jw_key(&w, "type");
        pk_jw_str(&w, "webpage");
        pk_jw_key(&w, "title");
        pk_jw_str(&w, r->title);
        pk_jw_key(&w, "author");
        pk_jw_begin_arr(&w, true);
        pk_jw_begin_obj(&w, true);
        pk_jw_key(&w, "literal");
        pk_jw_str(&w, p->publisher);
        pk_jw_end_obj(&w);
        pk_jw_end_arr(&w);
        if (p->container) {
            pk_jw_key(&w, "container-title");
            pk_jw_str(&w, p->container);
        }
        if (p->compiled) {
            pk_jw_key(&w, "issued");
            date_parts(&w, p->compiled);
        }
        if (p->accessed) {
            pk_jw_key(&w, "accessed");
            date_parts(&w, p->accessed);
        }
        if (url) {
            pk_jw_key(&w, "URL");
            pk_jw_str(&w, url);
        }
        if (built.len) {
            pk_buf n = PK_BUF_INIT;
            pk_buf_printf(&n, "Built from %s.", built.data);
            pk_jw_key(&w, "note");
            pk_jw_str(&w, n.data);
            pk_buf_fini(&n);
        }
        pk_jw_end_obj(&w);
        pk_jw_end_arr(&w);
        pk_jw_finish(&w);
        break;
    }
    }
    pk_buf_fini(&built);
    pk_buf_fini(&accessed);
    free(url);
    free(key);
}
