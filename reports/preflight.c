/* preflight.c: a brief's page-quality measures written, read back and summed; see preflight.h.
 * One table (`measures`) names every count once: the writer, the reader and the summary walk it. */
#include "reports/preflight.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/text.h"

/* A count of pk_preflight: its JSON key, what the summary calls it, and where it lives. */
typedef struct measure {
    const char *key;
    const char *what;
    size_t q_off;   /* offset in pk_flow_quality (size_t), or SIZE_MAX */
    size_t pf_off;  /* offset in pk_preflight (unsigned), when q_off is SIZE_MAX */
} measure;

#define Q(field) offsetof(pk_flow_quality, field), 0
#define PF(field) SIZE_MAX, offsetof(pk_preflight, field)

static const measure measures[] = {
    {"paragraphs_ending_hyphenated", "paragraphs ending in a hyphenated word", Q(para_end_hyphen)},
    {"hyphenated_headings", "headings with a hyphenated word", Q(hyph_heading)},
    {"hyphenated_references", "citations and source lines with a hyphenated word", Q(hyph_refs)},
    {"hyphenated_links", "links broken at a hyphen", Q(hyph_link)},
    {"hyphenated_cells", "table cells with a hyphenated word", Q(hyph_cells)},
    {"hyphenated_cells_no_gain", "... of them, where it saves no line", Q(hyph_cells_no_gain)},
    {"short_blocks_split", "lists or tables of at most 3 rows split across pages", Q(small_split)},
    {"widows", "widows (a paragraph's last line alone at a column's top)", Q(widows)},
    {"orphans", "orphans (a paragraph's first line alone at a column's foot)", Q(orphans)},
    {"overfull", "lines or cells set wider than their box", Q(overfull)},
    {"chart_labels_truncated", "chart texts shortened with an ellipsis", PF(labels_truncated)},
    {"chart_labels_dropped", "chart labels left out for want of room", PF(labels_dropped)},
    {"chart_points_unlabelled", "chart points with neither a label nor a key entry",
     PF(points_unlabelled)},
    {"chart_labels_loose",
     "chart labels placed only as a last resort (a leader over other dots "
     "or across leaders, or none)",
     PF(labels_loose)},
};
#define N_MEASURES (sizeof measures / sizeof measures[0])

static size_t get(const pk_preflight *pf, const measure *m)
{
    if (m->q_off != SIZE_MAX) {
        size_t v;
        memcpy(&v, (const char *)&pf->q + m->q_off, sizeof v);
        return v;
    }
    unsigned v;
    memcpy(&v, (const char *)pf + m->pf_off, sizeof v);
    return v;
}

static void set(pk_preflight *pf, const measure *m, size_t v)
{
    if (m->q_off != SIZE_MAX) {
        memcpy((char *)&pf->q + m->q_off, &v, sizeof v);
    } else {
        unsigned u = v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
        memcpy((char *)pf + m->pf_off, &u, sizeof u);
    }
}

size_t pk_preflight_underfull(const pk_preflight *pf)
{
    size_t n = 0;
    for (size_t i = 0; i + 1 < pf->pages && i < PK_PREFLIGHT_PAGES; i++)
        n += pf->empty[i] > PK_PREFLIGHT_EMPTY;
    return n;
}

void pk_preflight_write(pk_jw *w, const pk_preflight *pf)
{
    pk_jw_begin_obj(w, true);
    pk_jw_key(w, "pages");
    pk_jw_int(w, (long)pf->pages);
    /* each page's empty share, in hundredths: what a desk editor reads, and stable bytes */
    pk_jw_key(w, "empty");
    pk_jw_begin_arr(w, true);
    for (size_t i = 0; i < pf->pages && i < PK_PREFLIGHT_PAGES; i++)
        pk_jw_num(w, (double)(long)(pf->empty[i] * 100 + 0.5) / 100);
    pk_jw_end_arr(w);
    pk_jw_key(w, "underfull_pages");
    pk_jw_int(w, (long)pk_preflight_underfull(pf));
    for (size_t i = 0; i < N_MEASURES; i++) {
        pk_jw_key(w, measures[i].key);
        pk_jw_int(w, (long)get(pf, &measures[i]));
    }
    pk_jw_end_obj(w);
}

/* The number after "key": in [s, end), or -1. */
static double scan_num(const char *s, const char *end, const char *key)
{
    char pat[80];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    size_t pn = strlen(pat);
    for (const char *p = s; p && p + pn <= end; p++) {
        p = memchr(p, '"', (size_t)(end - p));
        if (!p || p + pn > end) break;
        if (memcmp(p, pat, pn) == 0) return strtod(p + pn, NULL);
    }
    return -1;
}

bool pk_preflight_read(const char *kit, pk_preflight *pf)
{
    memset(pf, 0, sizeof *pf);
    pk_buf path = PK_BUF_INIT, text = PK_BUF_INIT;
    pk_diag quiet = PK_DIAG_INIT;
    pk_buf_printf(&path, "%s/manifest.json", kit);
    bool found = false;
    /* manifest.json is presskit's own output in a fixed form: the preflight is one line */
    if (pk_file_read(path.data, 1 << 20, &text, &quiet) == 0 && text.data) {
        const char *l = strstr(text.data, "\n  \"preflight\": {");
        if (l) {
            l++;
            const char *end = strchr(l, '\n');
            if (!end) end = l + strlen(l);
            double pages = scan_num(l, end, "pages");
            found = pages >= 1;
            pf->pages = found ? (size_t)pages : 0;
            const char *e = strstr(l, "\"empty\": [");
            for (size_t i = 0; e && e < end && i < pf->pages && i < PK_PREFLIGHT_PAGES; i++) {
                char *next;
                e += i == 0 ? 10 : 1;
                pf->empty[i] = strtod(e, &next);
                e = next;
            }
            for (size_t i = 0; i < N_MEASURES; i++) {
                double v = scan_num(l, end, measures[i].key);
                set(pf, &measures[i], v > 0 ? (size_t)v : 0);
            }
        }
    }
    pk_diag_fini(&quiet);
    pk_buf_fini(&path);
    pk_buf_fini(&text);
    return found;
}

void pk_preflight_text(const char *code, const pk_preflight *pf, pk_buf *out)
{
    pk_buf_printf(out, "%s: %zu page%s; empty share of each page's body:", code, pf->pages,
                  pf->pages == 1 ? "" : "s");
    for (size_t i = 0; i < pf->pages && i < PK_PREFLIGHT_PAGES; i++)
        pk_buf_printf(out, " %.0f%%", pf->empty[i] * 100);
    pk_buf_printf(out, "\n  underfull_pages %zu (not the last, more than %.0f%% empty)\n",
                  pk_preflight_underfull(pf), PK_PREFLIGHT_EMPTY * 100);
    for (size_t i = 0; i < N_MEASURES; i++)
        pk_buf_printf(out, "  %s %zu\n", measures[i].key, get(pf, &measures[i]));
}

/* One brief of the summary. */
typedef struct briefq {
    char code[16];
    pk_preflight pf;
    size_t faults; /* underfull pages and every count except cells that a hyphen saves a line in */
} briefq;

static size_t faults_of(const pk_preflight *pf)
{
    size_t n = pk_preflight_underfull(pf);
    for (size_t i = 0; i < N_MEASURES; i++)
        if (strcmp(measures[i].key, "hyphenated_cells") != 0 &&
            strcmp(measures[i].key, "chart_labels_dropped") != 0) /* counted as unlabelled */
            n += get(pf, &measures[i]);
    return n;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const briefq *)a)->code, ((const briefq *)b)->code);
}

static int cmp_worst(const void *a, const void *b)
{
    const briefq *x = a, *y = b;
    if (x->faults != y->faults) return x->faults < y->faults ? 1 : -1;
    return strcmp(x->code, y->code);
}

int pk_preflight_summary(const char *dir, pk_buf *out, pk_diag *d)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        pk_diag_add(d, PK_FAIL_INPUT, "%s: cannot open the folder of kits", dir);
        return 1;
    }
    briefq *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    pk_buf kit = PK_BUF_INIT;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof v->code) continue;
        pk_buf_reset(&kit);
        pk_buf_printf(&kit, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(kit.data, &sb) != 0 || !S_ISDIR(sb.st_mode)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            briefq *nv = realloc(v, cap * sizeof *v);
            if (!nv) {
                free(v);
                closedir(dh);
                pk_buf_fini(&kit);
                pk_diag_add(d, PK_FAIL_IO, "out of memory");
                return 3;
            }
            v = nv;
        }
        if (!pk_preflight_read(kit.data, &v[n].pf)) continue;
        snprintf(v[n].code, sizeof v[n].code, "%.15s", e->d_name); /* shorter: checked above */
        v[n].faults = faults_of(&v[n].pf);
        n++;
    }
    closedir(dh);
    pk_buf_fini(&kit);
    if (n == 0) {
        free(v);
        pk_diag_add(d, PK_FAIL_INPUT,
                    "%s: no kit here has a preflight (it is measured when a kit has brief.pdf)", dir);
        return 1;
    }
    qsort(v, n, sizeof *v, cmp_code);
    size_t pages = 0, inner = 0, under = 0, briefs_under = 0;
    for (size_t i = 0; i < n; i++) {
        size_t u = pk_preflight_underfull(&v[i].pf);
        pages += v[i].pf.pages;
        inner += v[i].pf.pages ? v[i].pf.pages - 1 : 0;
        under += u;
        briefs_under += u > 0;
    }
    pk_buf_printf(out, "# Preflight of %zu brief%s in %s (%zu page%s)\n\n", n, n == 1 ? "" : "s",
                  dir, pages, pages == 1 ? "" : "s");
    pk_buf_adds(out, "| Measure | Briefs | Count | Goal |\n|---|---:|---:|---|\n");
    pk_buf_printf(out, "| pages (not the last) more than %.0f%% empty | %zu | %zu (%.1f%% of %zu) | "
                  "at most 1%% |\n",
                  PK_PREFLIGHT_EMPTY * 100, briefs_under, under,
                  inner ? 100.0 * (double)under / (double)inner : 0.0, inner);
    for (size_t k = 0; k < N_MEASURES; k++) {
        size_t briefs = 0, count = 0;
        for (size_t i = 0; i < n; i++) {
            size_t c = get(&v[i].pf, &measures[k]);
            briefs += c > 0;
            count += c;
        }
        bool info = strcmp(measures[k].key, "hyphenated_cells") == 0;
        pk_buf_printf(out, "| %s | %zu | %zu | %s |\n", measures[k].what, briefs, count,
                      info ? "(where it saves a line)" : "0");
    }
    qsort(v, n, sizeof *v, cmp_worst);
    pk_buf_adds(out, "\nThe worst briefs:\n\n");
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < 10 && v[i].faults; i++, shown++) {
        pk_buf_printf(out, "- %s: %zu fault%s (", v[i].code, v[i].faults, v[i].faults == 1 ? "" : "s");
        bool any = false;
        size_t u = pk_preflight_underfull(&v[i].pf);
        if (u) {
            pk_buf_adds(out, "underfull pages");
            for (size_t p = 0; p + 1 < v[i].pf.pages && p < PK_PREFLIGHT_PAGES; p++)
                if (v[i].pf.empty[p] > PK_PREFLIGHT_EMPTY)
                    pk_buf_printf(out, " %zu (%.0f%%)", p + 1, v[i].pf.empty[p] * 100);
            any = true;
        }
        for (size_t k = 0; k < N_MEASURES; k++) {
            size_t c = get(&v[i].pf, &measures[k]);
            if (!c || strcmp(measures[k].key, "hyphenated_cells") == 0) continue;
            pk_buf_printf(out, "%s%s %zu", any ? "; " : "", measures[k].key, c);
            any = true;
        }
        pk_buf_adds(out, ")\n");
    }
    if (!shown) pk_buf_adds(out, "- none: every brief meets every goal\n");
    free(v);
    return 0;
}
