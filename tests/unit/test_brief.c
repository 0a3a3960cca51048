/* test_brief.c: the brief's layout (reports/brief.c over layouts/flow.c) for the sample and for
 * a stress record (the longest titles, 40 tasks, 60 technology rows, a 300-character word and a
 * long URL) in every built-in template: every text run lies inside the page's margins (the
 * running header and footer inside the page), every page has its "Page X of Y", headings are
 * never the last thing on a page, the one-page fact sheet is one page, and a bad template gets
 * errors by JSON path. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store.h"
#include "reports/brief.h"
#include "reports/doc.h"
#include "reports/kit.h"

static const char *LONG_TITLE =
    "First-Line Supervisors of Landscaping, Lawn Service, and Groundskeeping Workers, Including "
    "Career/Technical Education Teachers, Postsecondary, Except Special Education";

static pk_record *stress(pk_record *r)
{
    pk_arena *a = r->arena;
    r->title = LONG_TITLE;
    char *word = pk_arena_alloc(a, 301);
    for (int i = 0; i < 300; i++) word[i] = (char)('a' + i % 26);
    word[300] = 0;
    size_t n = strlen(r->description) + 600;
    char *desc = pk_arena_alloc(a, n);
    snprintf(desc, n, "%s %s See https://www.onetonline.org/link/summary/27-4014.00?very_long_"
                      "parameter=abcdefghijklmnopqrstuvwxyz0123456789&another=1 for more.",
             r->description, word);
    r->description = desc;
    pk_item *tasks = pk_arena_alloc(a, 40 * sizeof *tasks);
    for (int i = 0; i < 40; i++) {
        char *t = pk_arena_alloc(a, 200);
        snprintf(t, 200, "Task %d: confer with producers, performers, and others to determine and "
                         "achieve the desired sound for a production, such as a musical recording "
                         "or a film%s", i + 1, i % 3 ? "." : ", in Supercalifragilisticexpialidocious mode.");
        tasks[i] = (pk_item){t, NULL, {0}};
    }
    r->tasks.items = tasks;
    r->tasks.n_items = 40;
    r->tasks.present = true;
    pk_tool *tools = pk_arena_alloc(a, 60 * sizeof *tools);
    for (int i = 0; i < 60; i++) {
        char *e = pk_arena_alloc(a, 120);
        snprintf(e, 120, "Very Long Vendor Name Audio Workstation Product Edition %d", i);
        tools[i] = (pk_tool){e, "Music or sound editing software and video creation software", i % 4 == 0};
    }
    r->tools.items = tools;
    r->tools.n_items = 60;
    r->tools.present = true;
    r->wages.median.value = 1234567; /* a seven-figure value */
    return r;
}

/* Every text op inside the page; body text inside the margins. */
static void check_pages(const pk_brief *b, const pk_template *t, const char *what)
{
    size_t n = pk_brief_pages(b);
    const pk_scene *const *pages = pk_brief_scenes(b);
    const pk_tpl_margins *m = &t->page.margins;
    int bad = 0;
    for (size_t p = 0; p < n; p++) {
        const pk_scene *s = pages[p];
        CHECK(s->width == t->page.width && s->height == t->page.height);
        bool page_label = false;
        char want[64];
        snprintf(want, sizeof want, "%zu", n);
        double last_text_y = 0, last_heading_y = -1;
        for (size_t i = 0; i < s->n_ops; i++) {
            const pk_op *op = &s->ops[i];
            if (op->kind != PK_OP_TEXT) continue;
            double x0 = op->x - (op->anchor == PK_ANCHOR_END ? op->text_w
                                 : op->anchor == PK_ANCHOR_MIDDLE ? op->text_w / 2 : 0);
            double x1 = x0 + op->text_w;
            bool ok = x0 >= m->left - 0.01 && x1 <= t->page.width - m->right + 0.01 &&
                      op->y > 0 && op->y < t->page.height;
            /* outside the furniture, text is inside the top and bottom margins */
            bool furniture = op->y < m->top || op->y > t->page.height - m->bottom;
            if (!furniture && op->y - op->size > t->page.height - m->bottom + 0.01) ok = false;
            if (!ok && bad++ < 5)
                fprintf(stderr, "%s: page %zu: text \"%.40s\" at x %.1f..%.1f y %.1f is outside\n",
                        what, p + 1, op->text, x0, x1, op->y);
            if (strstr(op->text, "Page ") == op->text && strstr(op->text, want)) page_label = true;
            if (!furniture && op->y > last_text_y) last_text_y = op->y;
            if (!furniture && op->size == t->sizes.heading && op->font == t->f_heading_bold)
                last_heading_y = op->y;
        }
        CHECK(page_label || strcmp(t->name, "newsroom-a4") == 0);
        /* a heading is never the last line of a page */
        if (last_heading_y >= 0 && last_heading_y >= last_text_y - 0.01) {
            fprintf(stderr, "%s: page %zu ends with a heading\n", what, p + 1);
            CHECK(false);
        }
    }
    CHECK(bad == 0);
}

/* Every text of a laid-out brief, joined with spaces. */
static void all_text(const pk_brief *b, pk_buf *out)
{
    for (size_t p = 0; p < pk_brief_pages(b); p++) {
        const pk_scene *sc = pk_brief_scenes(b)[p];
        for (size_t i = 0; i < sc->n_ops; i++)
            if (sc->ops[i].kind == PK_OP_TEXT && sc->ops[i].text) {
                pk_buf_adds(out, sc->ops[i].text);
                pk_buf_addc(out, ' ');
            }
    }
}

/* sections[].rows: lists cut to the first rows, said so under them; technology keeps its hot
 * technologies first; a negative count is refused by JSON path. */
static void rows(pk_store *st, pk_fonts *f, pk_hyph *h)
{
    char dir[] = "/tmp/pk-rows.XXXXXX", path[64];
    if (!mkdtemp(dir)) return;
    snprintf(path, sizeof path, "%s/rows.json", dir);
    const char *json[] = {
        "{\"presskit_template\": 1, \"name\": \"rows\", \"sections\": [{\"id\": \"header\"}, "
        "{\"id\": \"ksa\", \"rows\": 6}, {\"id\": \"technology\", \"rows\": 2}]}",
        "{\"presskit_template\": 1, \"name\": \"rows\", \"sections\": [{\"id\": \"ksa\", "
        "\"rows\": -1}]}"};
    for (int k = 0; k < 2; k++) {
        FILE *fp = fopen(path, "w");
        CHECK(fp != NULL);
        if (!fp) break;
        fputs(json[k], fp);
        fclose(fp);
        pk_diag d = PK_DIAG_INIT;
        pk_template *t = pk_template_load(path, f, &d);
        if (k == 1) { /* the schema refuses it */
            CHECK(t == NULL && d.n == 1);
            if (d.n)
                CHECK(strstr(d.msgs[0].text, "$.sections[0].rows: expected a positive whole "
                                             "number, got -1") != NULL);
            pk_template_free(t);
            pk_diag_fini(&d);
            continue;
        }
        CHECK(t != NULL);
        if (!t) {
            for (size_t i = 0; i < d.n; i++) fprintf(stderr, "rows: %s\n", d.msgs[i].text);
            pk_diag_fini(&d);
            continue;
        }
        {
            pk_record *r = pk_store_load(st, "27-4014.00", &d);
            pk_brief *b = r ? pk_brief_layout(r, pk_store_sources(st), t, f, h, NULL, &d) : NULL;
            CHECK(b != NULL);
            if (b) {
                pk_buf txt = PK_BUF_INIT;
                all_text(b, &txt);
                const char *x = pk_buf_str(&txt);
                /* knowledge: the sample has 7, rated from highest; the 7th is not in the chart's
                 * top five either */
                CHECK(strstr(x, "6 of 7 shown, highest first.") != NULL);
                CHECK(strstr(x, "Communications and Media") != NULL);
                CHECK(strstr(x, "Production and Processing") == NULL);
                /* technology: 32 rows, the first two hot ones kept */
                CHECK(strstr(x, "2 of 32 shown.") != NULL);
                CHECK(strstr(x, "Adobe Acrobat") != NULL);
                CHECK(strstr(x, "Adobe InDesign") == NULL && strstr(x, "Adobe Audition") == NULL);
                pk_buf_fini(&txt);
                pk_brief_free(b);
            }
            pk_record_free(r);
        }
        pk_template_free(t);
        pk_diag_fini(&d);
    }
    remove(path);
    rmdir(dir);
}

/* The sample's brief tree (pk_brief_doc, every section), asserted node by node for two sections:
 * the wages section and the AI work map, as pk_doc_dump prints them. */
static void tree(pk_store *st)
{
    pk_diag d = PK_DIAG_INIT;
    pk_record *r = pk_store_load(st, "27-4014.00", &d);
    CHECK(r != NULL);
    if (!r) return;
    pk_kit kit;
    pk_kit_build(&kit, r, pk_store_sources(st));
    pk_doc *doc = pk_brief_doc(r, pk_store_sources(st), NULL, &kit);
    CHECK(doc != NULL);
    pk_buf dump = PK_BUF_INIT;
    if (doc) pk_doc_dump(doc, &dump);
    if (getenv("PK_DUMP_TREE")) fputs(pk_buf_str(&dump), stdout);
    /* two sections, node by node: headings, the figure, the tables with their claim ids, the
     * notes and the work map's summary line with its sources */
    static const char want[] =
        "  section wages \"Wages & employment\"\n"
        "    heading 2 \"Wages & employment\"\n"
        "    figure wages alt \"\"\n"
        "    table 2x7 \"Annual wage\" | \"Value\">\n"
        "      row TEXT\"10th percentile\" | FIGURE<wages.p10>\"$36,600\"\n"
        "      row TEXT\"25th percentile\" | FIGURE<wages.p25>\"$47,680\"\n"
        "      row TEXT\"Median (50th)\" | FIGURE<wages.median>\"$66,430\"\n"
        "      row TEXT\"75th percentile\" | FIGURE<wages.p75>\"$99,950\"\n"
        "      row TEXT\"90th percentile\" | FIGURE<wages.p90>\"$134,980\"\n"
        "      row TEXT\"Wage and salary jobs\" | FIGURE<wages.employment>\"13,050\"\n"
        "      row TEXT\"All jobs, self-employed included\" | FIGURE<outlook.employment_base>\"16,900\" SOURCE<bls-ep-2024>\" [BLS Employment Projections 2024\xE2\x80\x93" "34]\"\n"
        "      note: NOTE\"Source: BLS OEWS (May 2024)\" NOTE\". Median pay ranks in the 56th percentile among occupations.\" NOTE\" The two employment counts differ: OEWS counts the wage and salary jobs of the establishments it surveys; the employment projections count every job in 2024, the self-employed included.\"\n"
        "  section history \"Pay and jobs over time\"\n"
        "  section changes \"Changes since the last release\"\n"
        "  section ai_work_map \"AI work map\"\n"
        "    heading 2 \"AI work map\"\n"
        "    para body: TEXT\"Where AI already shows up in this occupation, where it stays a copilot, and where humans remain in the loop, from observed AI conversations mapped to the job's tasks. Shares of observed conversations, not of the job.\"\n"
        "    table 2x1 \"Often handed to AI\" | \"Share\">\n"
        "      row TEXT\"Convert video and audio recordings into digital formats for editing or archiving.\" | FIGURE<ai_work_map.delegate[0]>\"0.3%\"\n"
        "      note: NOTE\"Source: Anthropic Economic Index (2026-01-15 v4 + 2025-03-27 v2)\"\n"
        "    table 2x1 \"Use as a copilot\" | \"Share\">\n"
        "      row TEXT\"Confer with producers, performers, and others to determine and achieve the desired sound for a production, such as a musical recording or a film.\" | FIGURE<ai_work_map.copilot[0]>\"1.0%\"\n"
        "      note: NOTE\"Source: Anthropic Economic Index (2026-01-15 v4 + 2025-03-27 v2)\"\n"
        "    table 2x3 \"Keep a human in the loop\" | \"Need a human\">\n"
        "      row TEXT\"Confer with producers, performers, and others to determine and achieve the desired sound for a production, such as a musical recording or a film.\" | FIGURE<ai_work_map.human_loop[0]>\"97.9%\"\n"
        "      row TEXT\"Convert video and audio recordings into digital formats for editing or archiving.\" | FIGURE<ai_work_map.human_loop[1]>\"93.8%\"\n"
        "      row TEXT\"Create musical instrument digital interface programs for music projects, commercials, or film postproduction.\" | FIGURE<ai_work_map.human_loop[2]>\"83.3%\"\n"
        "      note: NOTE\"Source: Anthropic Economic Index (2026-01-15 v4 + 2025-03-27 v2)\"\n"
        "    para body: TEXT\"46th-percentile AI task overlap — yet about 1,200 openings a year (-1.7% projected), and observed AI use leans 37% copilot, not hand-off.\" SOURCE<gpts-are-gpts+aioe+bls-ep-2024+aei>\" [Eloundou et al. (GPTs are GPTs) + Felten AIOE + BLS Employment Projections 2024–34 + Anthropic Economic Index (2026-01-15 v4 + 2025-03-27 v2)]\"\n";
    const char *all = pk_buf_str(&dump);
    const char *from = strstr(all, "  section wages ");
    const char *to = from ? strstr(from, "  section exposure ") : NULL;
    CHECK(from && to);
    if (from && to) {
        size_t n = (size_t)(to - from);
        CHECK(n == strlen(want) && memcmp(from, want, n) == 0);
        if (n != strlen(want) || memcmp(from, want, n) != 0)
            fprintf(stderr, "tree: the two sections differ; got:\n%.*s", (int)n, from);
    }
    /* every section of the brief, in order, once */
    static const char *const order[] = {"header", "figures", "wages", "ai_work_map", "exposure",
                                        "ai_usage", "outlook", "global", "tasks", "work_activities", "ksa",
                                        "technology", "work_context", "get_in", "education",
                                        "interests", "industries", "quadrant", "use", "sources",
                                        "cite", "methodology"};
    const char *at = all;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        char key[64];
        snprintf(key, sizeof key, "\n  section %s", order[i]);
        const char *hit = strstr(at, key);
        CHECK(hit != NULL);
        if (!hit) fprintf(stderr, "tree: no section %s after the one before\n", order[i]);
        else at = hit + 1;
    }
    pk_buf_fini(&dump);
    pk_doc_free(doc);
    pk_kit_fini(&kit);
    pk_record_free(r);
    pk_diag_fini(&d);
}

int main(void)
{
    pk_diag d = PK_DIAG_INIT;
    pk_store *st = pk_store_open(NULL, NULL, &d);
    pk_fonts *f = pk_fonts_new();
    pk_hyph *h = pk_hyph_load(PK_HYPH_DEFAULT, &d);
    CHECK(st && h);
    if (!st || !h) return pk_t_finish();
    for (const char *const *name = pk_template_builtin; *name; name++) {
        pk_template *t = pk_template_load(*name, f, &d);
        CHECK(t != NULL);
        if (!t) continue;
        CHECK(pk_brief_check_template(t, &d) == 0);
        pk_record *r = pk_store_load(st, "27-4014.00", &d);
        pk_brief *b = pk_brief_layout(r, pk_store_sources(st), t, f, h, NULL, &d);
        CHECK(b != NULL);
        if (b) {
            if (strcmp(*name, "factsheet") == 0) CHECK(pk_brief_pages(b) == 1);
            else CHECK(pk_brief_pages(b) >= 4);
            check_pages(b, t, *name);
            /* one outline entry per section heading, the first the title */
            size_t marks = 0;
            for (size_t p = 0; p < pk_brief_pages(b); p++)
                for (size_t i = 0; i < pk_brief_scenes(b)[p]->n_ops; i++)
                    marks += pk_brief_scenes(b)[p]->ops[i].kind == PK_OP_MARK &&
                             pk_brief_scenes(b)[p]->ops[i].level == 0;
            CHECK(marks >= (strcmp(*name, "factsheet") == 0 ? 4 : 15));
            pk_brief_free(b);
        }
        /* the stress record: laid out with nothing outside the page (the fact sheet may refuse
         * it for needing more than one page, with a message naming the template key) */
        stress(r);
        size_t before = d.n;
        b = pk_brief_layout(r, pk_store_sources(st), t, f, h, NULL, &d);
        if (strcmp(*name, "factsheet") == 0) {
            if (!b) {
                CHECK(d.n == before + 1);
                if (d.n > before) CHECK(strstr(d.msgs[before].text, "$.page.max_pages") != NULL);
                pk_diag_fini(&d);
            }
        } else {
            CHECK(b != NULL);
            if (!b) fprintf(stderr, "%s: stress failed, %zu messages\n", *name, d.n - before);
            if (!b)
                for (size_t i = before; i < d.n; i++) fprintf(stderr, "%s: %s\n", *name, d.msgs[i].text);
        }
        if (b) {
            check_pages(b, t, "stress");
            pk_brief_free(b);
        }
        pk_record_free(r);
        pk_template_free(t);
    }
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "unexpected: %s\n", d.msgs[i].text);
    CHECK(d.n == 0);
    pk_diag_fini(&d);

    /* bad templates: one message per problem, by JSON path */
    const char *dir = getenv("PK_SOURCE_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/errors/template/bad.json", dir ? dir : ".");
    pk_template *t = pk_template_load(path, f, &d);
    CHECK(t == NULL);
    bool colour = false, logo = false, size = false;
    for (size_t i = 0; i < d.n; i++) {
        colour |= strstr(d.msgs[i].text, "$.palette.ink: expected a colour like \"#1A1A1A\", got \"red\"") != NULL;
        logo |= strstr(d.msgs[i].text, "$.logo.file: \"../../../etc/passwd\" is outside the template's folder") != NULL;
        size |= strstr(d.msgs[i].text, "$.page.size: unknown page size \"tabloid\"") != NULL;
    }
    CHECK(colour && logo && size);
    pk_diag_fini(&d);

    rows(st, f, h);
    tree(st);
    pk_hyph_free(h);
    pk_fonts_free(f);
    pk_store_free(st);
    return pk_t_finish();
}
