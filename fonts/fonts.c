/* fonts.c: fontconfig lookup and FreeType metrics; see fonts.h. The one file of fonts/ that
 * includes fontconfig and FreeType (the PNG painter opens the same files through cairo-ft). */
#include "fonts/fonts.h"

#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_MODULE_H
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/text.h"
#include "data/utf8.h"
#include "fonts/fonts_internal.h"

enum { PK_MAX_FONTS = 16 };

/* Measuring text is most of what laying out a brief does, and nearly all of it is Latin-1. So
 * each font keeps the glyph and advance of U+0000..U+00FF (filled when the font is loaded, 256
 * lookups) and the pair kerning of printable ASCII, filled pair by pair on first use (KERN_UNKNOWN
 * until then; kerning values in font units are far inside int16_t). Other characters go to
 * FreeType each time. The same numbers either way: the cache only remembers FreeType's answers. */
enum { FAST_CPS = 256, KERN_LO = 0x20, KERN_HI = 0x7F, KERN_N = KERN_HI - KERN_LO };
#define KERN_UNKNOWN INT16_MIN

typedef struct metrics {
    FT_UInt glyph[FAST_CPS]; /* the glyph drawn: the replacement's where `missing` */
    int advance[FAST_CPS];
    bool missing[FAST_CPS];  /* replaced (see replaced()) */
    int16_t kern[KERN_N][KERN_N]; /* [previous - KERN_LO][this - KERN_LO] */
} metrics;

typedef struct font {
    char *family, *file; /* owned */
    int index;           /* the face's index in the file (fontconfig's FC_INDEX) */
    bool bold;
    FT_Face face;
    double units;        /* units per em */
    void *subset_face;   /* owned: subset.c's parsed face of the file, made on first subset */
    bool kerning;        /* the face has pair kerning */
    metrics *m;          /* owned: the Latin-1 cache (see metrics); written through const */
    FT_UInt repl;        /* the glyph of PK_FONTS_REPLACEMENT (0: the font lacks it too) */
    int repl_advance, notdef_advance;
} font;

typedef struct fc_answer fc_answer;
typedef struct fc_cache fc_cache;
struct fc_answer {
    char *family, *got, *file; /* owned */
    int index;
    bool bold;
};
struct fc_cache {
    fc_answer *a; /* owned */
    size_t n;
    bool valid;   /* read and every key still holds */
};

struct pk_fonts {
    FT_Library ft;
    font fonts[PK_MAX_FONTS];
    size_t n;
    fc_cache cache;  /* the font-file cache (below), read on the first load */
    bool cache_read;
};

static void cache_clear(fc_cache *c);
static FT_UInt lookup(const font *fo, unsigned cp, int *advance, bool *missing);
static bool fc_started; /* this process initialised fontconfig (FcFini then releases it) */

/* FreeType's memory: the C library's, as FT_Init_FreeType's. A static record rather than
 * FT_Init_FreeType's own, which FT_Done_FreeType frees whatever still refers to it: a painter
 * may keep a face (and so the library) past pk_fonts_free (see pk_fonts_ft_face_ref), and
 * FT_Done_Library, unlike FT_Done_FreeType, counts references. */
static void *ft_alloc(FT_Memory m, long size)
{
    (void)m;
    return malloc((size_t)size);
}

static void ft_free(FT_Memory m, void *block)
{
    (void)m;
    free(block);
}

static void *ft_realloc(FT_Memory m, long cur, long size, void *block)
{
    (void)m, (void)cur;
    return realloc(block, (size_t)size);
}

static struct FT_MemoryRec_ ft_memory = {NULL, ft_alloc, ft_free, ft_realloc};

pk_fonts *pk_fonts_new(void)
{
    pk_fonts *f = pk_xcalloc(1, sizeof *f);
    /* what FT_Init_FreeType does, with ft_memory */
    if (FT_New_Library(&ft_memory, &f->ft) != 0) {
        f->ft = NULL;
    } else {
        FT_Add_Default_Modules(f->ft);
        FT_Set_Default_Properties(f->ft);
    }
    return f;
}

void pk_fonts_free(pk_fonts *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        pk_fonts_subset_face_free(f->fonts[i].subset_face);
        FT_Done_Face(f->fonts[i].face);
        free(f->fonts[i].m);
        free(f->fonts[i].family);
        free(f->fonts[i].file);
    }
    if (f->ft) FT_Done_Library(f->ft); /* freed once no painter holds a face of it */
    cache_clear(&f->cache);
    free(f);
    /* presskit uses fontconfig only to find files, here: release its configuration and caches
     * so the leak checkers see a clean exit (the next pk_fonts_load initialises it again) */
    if (fc_started) FcFini();
    fc_started = false;
}

/* ---- finding a font file: fontconfig, behind a cache ----
 *
 * Starting fontconfig reads and parses its configuration (about 50 XML files on Debian) and its
 * caches: 30 M instructions, two thirds of a `chart -o x.svg` process, to learn two file names.
 * So the answers are kept in a cache file ($XDG_CACHE_HOME/presskit/fonts-1, else
 * ~/.cache/presskit/fonts-1), keyed the way fontconfig keys its own caches: the modification
 * time, size and inode of every configuration file and folder it read, every font folder it
 * scanned and its cache folders (a font added to a folder changes the folder's time), of the
 * configuration files it would read if they were there, and of each font file answered; and
 * the environment variables that point fontconfig elsewhere. When any of them differs, the
 * cache is not used, fontconfig answers, and the cache is written again. Only exact answers are
 * kept: a family fontconfig substitutes is an error every time, from fontconfig. */

static char *cache_path(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    pk_buf b = PK_BUF_INIT;
    if (xdg && xdg[0] == '/') pk_buf_printf(&b, "%s/presskit/fonts-1", xdg);
    else if (home && home[0] == '/') pk_buf_printf(&b, "%s/.cache/presskit/fonts-1", home);
    else return NULL;
    return pk_buf_take(&b);
}

/* The environment fontconfig reads, as one line. */
static void env_line(pk_buf *b)
{
    static const char *const vars[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT",
                                       "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                       "XDG_CACHE_HOME", "FC_LANG", "LANG", "LC_ALL", "LC_CTYPE"};
    pk_buf_adds(b, "env");
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        pk_buf_printf(b, "\t%s=%s", vars[i], v ? v : "");
    }
    pk_buf_addc(b, '\n');
}

/* "stat EXISTS INO SIZE SEC NSEC PATH": what a key file is now. */
static void stat_line(pk_buf *b, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        pk_buf_printf(b, "stat 1 %llu %lld %lld %ld %s\n", (unsigned long long)st.st_ino,
                      (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                      (long)st.st_mtim.tv_nsec, path);
    else
        pk_buf_printf(b, "stat 0 0 0 0 0 %s\n", path);
}

static void cache_clear(fc_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->a[i].family);
        free(c->a[i].got);
        free(c->a[i].file);
    }
    free(c->a);
    *c = (fc_cache){0};
}

/* Reads the cache and checks every key; c->valid when it may be used. */
static void cache_read(fc_cache *c)
{
    *c = (fc_cache){0};
    char *path = cache_path();
    pk_buf text = PK_BUF_INIT, now = PK_BUF_INIT;
    pk_diag quiet = PK_DIAG_INIT;
    if (!path || pk_file_read(path, 1 << 20, &text, &quiet) != 0) goto done;
    static const char head[] = "presskit font cache 1\n";
    if (strncmp(text.data, head, sizeof head - 1) != 0) goto done;
    bool ok = true, seen_env = false;
    for (char *line = text.data + sizeof head - 1; ok && *line;) {
        char *end = strchr(line, '\n');
        if (!end) break;
        *end = '\0';
        if (strncmp(line, "env\t", 4) == 0) {
            pk_buf_reset(&now);
            env_line(&now);
            ok = strlen(line) + 1 == now.len && strncmp(line, now.data, now.len - 1) == 0;
            seen_env = true;
        } else if (strncmp(line, "stat ", 5) == 0) {
            /* the path is what follows the sixth space */
            const char *p = line;
            for (int k = 0; k < 6 && p; k++) p = strchr(p + 1, ' ');
            pk_buf_reset(&now);
            if (p) stat_line(&now, p + 1);
            ok = p && strlen(line) + 1 == now.len && strncmp(line, now.data, now.len - 1) == 0;
        } else if (strncmp(line, "font ", 5) == 0) {
            /* "font BOLD INDEX\tASKED\tGOT\tFILE" */
            char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
            if (!t3) {
                ok = false;
                break;
            }
            *t1 = *t2 = *t3 = '\0';
            c->a = pk_xrealloc(c->a, (c->n + 1) * sizeof *c->a);
            c->a[c->n++] = (fc_answer){pk_xstrdup(t1 + 1), pk_xstrdup(t2 + 1),
                                       pk_xstrdup(t3 + 1), atoi(line + 7), line[5] == '1'};
        } else {
            ok = false;
        }
        line = end + 1;
    }
    c->valid = ok && seen_env;
    if (!c->valid) cache_clear(c);
done:
    pk_diag_fini(&quiet);
    pk_buf_fini(&text);
    pk_buf_fini(&now);
    free(path);
}

static void add_strlist(pk_buf *b, FcStrList *l)
{
    if (!l) return;
    for (FcChar8 *s; (s = FcStrListNext(l));) stat_line(b, (const char *)s);
    FcStrListDone(l);
}

/* Writes the cache: the keys as fontconfig's configuration has them now, and the answers c
 * holds (those of a valid cache read before, and those fontconfig gave since). Failing to write
 * is not an error: fontconfig answers next time too. */
static void cache_write(const fc_cache *c)
{
    char *path = cache_path();
    if (!path) return;
    pk_buf b = PK_BUF_INIT;
    pk_buf_adds(&b, "presskit font cache 1\n");
    env_line(&b);
    FcConfig *cfg = FcConfigGetCurrent();
    add_strlist(&b, FcConfigGetConfigFiles(cfg));
    add_strlist(&b, FcConfigGetConfigDirs(cfg));
    add_strlist(&b, FcConfigGetFontDirs(cfg));
    add_strlist(&b, FcConfigGetCacheDirs(cfg));
    /* the user's configuration, which fontconfig reads when it is there */
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    pk_buf p = PK_BUF_INIT;
    if (xdg && *xdg) pk_buf_printf(&p, "%s/fontconfig", xdg);
    else if (home) pk_buf_printf(&p, "%s/.config/fontconfig", home);
    if (p.len) {
        stat_line(&b, p.data);
        pk_buf_adds(&p, "/fonts.conf");
        stat_line(&b, p.data);
    }
    if (home) {
        pk_buf_reset(&p);
        pk_buf_printf(&p, "%s/.fonts.conf", home);
        stat_line(&b, p.data);
        pk_buf_reset(&p);
        pk_buf_printf(&p, "%s/.fonts", home);
        stat_line(&b, p.data);
    }
    pk_buf_fini(&p);
    for (size_t i = 0; i < c->n; i++) stat_line(&b, c->a[i].file);
    for (size_t i = 0; i < c->n; i++)
        pk_buf_printf(&b, "font %d %d\t%s\t%s\t%s\n", c->a[i].bold, c->a[i].index, c->a[i].family,
                      c->a[i].got, c->a[i].file);
    /* beside it, then renamed: a reader never sees half a cache */
    char *dir = pk_xstrdup(path);
    *strrchr(dir, '/') = '\0';
    char *parent = pk_xstrdup(dir);
    char *slash = strrchr(parent, '/');
    if (slash) *slash = '\0';
    mkdir(parent, 0755);
    mkdir(dir, 0755);
    pk_buf tmp = PK_BUF_INIT;
    pk_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    /* write(2), not stdio: the library's objects never reference a printing function
     * (tests/install/noprint.sh) */
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0;
    for (size_t off = 0; ok && off < b.len;) {
        ssize_t w = write(fd, b.data + off, b.len - off);
        if (w < 0 && errno == EINTR) continue;
        ok = w > 0;
        if (ok) off += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0) ok = false;
    if (!ok || rename(tmp.data, path) != 0) unlink(tmp.data);
    pk_buf_fini(&tmp);
    free(parent);
    free(dir);
    pk_buf_fini(&b);
    free(path);
}

/* Asks fontconfig for the file of family (bold or regular). Returns 0 with *ans filled (owned
 * strings), or -1 with a message. */
static int fc_find(const char *family, bool bold, fc_answer *ans, pk_diag *d)
{
    fc_started = true;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    FcChar8 *got_family = NULL, *file = NULL;
    int index = 0;
    if (!match || FcPatternGetString(match, FC_FAMILY, 0, &got_family) != FcResultMatch ||
        FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
        if (match) FcPatternDestroy(match);
        return pk_diag_add(d, PK_FAIL_INPUT, "error: font family \"%s\" not found (fontconfig has no "
                                             "match)", family);
    }
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    /* fontconfig always answers with something: a different family would silently change every
     * measurement, so it is an error */
    if (strcasecmp((const char *)got_family, family) != 0) {
        int rc = pk_diag_add(d, PK_FAIL_INPUT,
                             "error: font family \"%s\" not found (fontconfig offers \"%s\"; install "
                             "the font or name another family)",
                             family, (const char *)got_family);
        FcPatternDestroy(match);
        return rc;
    }
    *ans = (fc_answer){pk_xstrdup(family), pk_xstrdup((const char *)got_family),
                       pk_xstrdup((const char *)file), index, bold};
    FcPatternDestroy(match);
    return 0;
}

int pk_fonts_load(pk_fonts *f, const char *family, bool bold, pk_diag *d)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->fonts[i].bold == bold && strcasecmp(f->fonts[i].family, family) == 0) return (int)i;
    if (!f->ft) return pk_diag_add(d, PK_FAIL_IO, "error: cannot start FreeType");
    if (f->n == PK_MAX_FONTS) return pk_diag_add(d, PK_FAIL_INPUT, "error: more than %d fonts", PK_MAX_FONTS);
    /* the cache is read once per pk_fonts, and only written when fontconfig had to answer */
    if (!f->cache_read) {
        cache_read(&f->cache);
        f->cache_read = true;
    }
    const fc_answer *hit = NULL;
    for (size_t i = 0; i < f->cache.n && !hit; i++)
        if (f->cache.a[i].bold == bold && strcmp(f->cache.a[i].family, family) == 0)
            hit = &f->cache.a[i];
    if (!hit) {
        fc_answer ans;
        if (fc_find(family, bold, &ans, d) != 0) return -1;
        f->cache.a = pk_xrealloc(f->cache.a, (f->cache.n + 1) * sizeof *f->cache.a);
        f->cache.a[f->cache.n++] = ans;
        cache_write(&f->cache);
        hit = &f->cache.a[f->cache.n - 1];
    }
    font *fo = &f->fonts[f->n];
    if (FT_New_Face(f->ft, hit->file, hit->index, &fo->face) != 0)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open the font file", hit->file);
    fo->family = pk_xstrdup(hit->got);
    fo->file = pk_xstrdup(hit->file);
    fo->index = hit->index;
    fo->bold = bold;
    fo->units = fo->face->units_per_EM ? fo->face->units_per_EM : 1000;
    FT_Select_Charmap(fo->face, FT_ENCODING_UNICODE);
    fo->kerning = FT_HAS_KERNING(fo->face);
    FT_Fixed adv = 0;
    if (FT_Get_Advance(fo->face, 0, FT_LOAD_NO_SCALE, &adv) != 0) adv = 0;
    fo->notdef_advance = (int)adv;
    fo->repl = FT_Get_Char_Index(fo->face, PK_FONTS_REPLACEMENT);
    adv = 0;
    if (FT_Get_Advance(fo->face, fo->repl, FT_LOAD_NO_SCALE, &adv) != 0) adv = 0;
    fo->repl_advance = (int)adv;
    fo->m = pk_xmalloc(sizeof *fo->m);
    for (unsigned cp = 0; cp < FAST_CPS; cp++)
        fo->m->glyph[cp] = lookup(fo, cp, &fo->m->advance[cp], &fo->m->missing[cp]);
    for (int i = 0; i < KERN_N; i++)
        for (int j = 0; j < KERN_N; j++)
            fo->m->kern[i][j] = KERN_UNKNOWN;
    return (int)f->n++;
}

const char *pk_fonts_file(const pk_fonts *f, int id)
{
    return f->fonts[id].file;
}

const char *pk_fonts_family(const pk_fonts *f, int id)
{
    return f->fonts[id].family;
}

bool pk_fonts_is_bold(const pk_fonts *f, int id)
{
    return f->fonts[id].bold;
}

int pk_fonts_face_index(const pk_fonts *f, int id)
{
    return f->fonts[id].index;
}

size_t pk_fonts_count(const pk_fonts *f)
{
    return f->n;
}

void **pk_fonts_subset_slot(const pk_fonts *f, int id)
{
    /* The one write through a const pk_fonts: a cache, invisible to callers (see
     * fonts_internal.h). pk_fonts objects are always heap-allocated by pk_fonts_new, never const
     * objects, so casting the qualifier away is defined. */
    return &((pk_fonts *)f)->fonts[id].subset_face;
}

bool pk_fonts_inkless(uint32_t cp)
{
    return cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

int pk_fonts_notdef_advance(const pk_fonts *f, int id)
{
    return f->fonts[id].notdef_advance;
}

/* Whether cp, whose glyph in the font is g, is drawn as the replacement (see pk_fonts_lacks):
 * noncharacters are never drawn as themselves, whatever a font maps them to, nor is anything
 * past the BMP, which the PDF painter cannot encode (libharu 2.3.0), so that every painter
 * draws the same. */
static bool replaced(uint32_t cp, FT_UInt g)
{
    if (cp < 0x20 || pk_fonts_inkless(cp)) return false;
    return g == 0 || cp > 0xFFFF || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF);
}

/* FreeType's answer for cp: the glyph drawn (the replacement's when replaced), its advance in
 * font units, whether it is the replacement. */
static FT_UInt lookup(const font *fo, unsigned cp, int *advance, bool *missing)
{
    FT_UInt g = FT_Get_Char_Index(fo->face, cp);
    *missing = replaced(cp, g);
    if (*missing) {
        *advance = fo->repl_advance;
        return fo->repl;
    }
    FT_Fixed adv = 0;
    if (FT_Get_Advance(fo->face, g, FT_LOAD_NO_SCALE, &adv) != 0) adv = 0;
    *advance = (int)adv;
    return g;
}

/* The glyph drawn for cp, its advance, whether it is the replacement: Latin-1 from the cache. */
static inline FT_UInt glyph_of(const font *fo, unsigned cp, int *advance, bool *missing)
{
    if (cp < FAST_CPS) {
        *advance = fo->m->advance[cp];
        *missing = fo->m->missing[cp];
        return fo->m->glyph[cp];
    }
    return lookup(fo, cp, advance, missing);
}

bool pk_fonts_lacks(const pk_fonts *f, int id, uint32_t cp)
{
    int adv;
    bool missing;
    glyph_of(&f->fonts[id], cp, &adv, &missing);
    return missing;
}

/* Pair kerning in font units between glyph prev (character pcp) and g (character cp); 0 when
 * either is missing or the face has none. */
static int kerning_of(const font *fo, unsigned pcp, FT_UInt prev, unsigned cp, FT_UInt g)
{
    if (!(fo->kerning && prev && g)) return 0;
    int16_t *slot = NULL;
    if (pcp >= KERN_LO && pcp < KERN_HI && cp >= KERN_LO && cp < KERN_HI) {
        slot = &fo->m->kern[pcp - KERN_LO][cp - KERN_LO];
        if (*slot != KERN_UNKNOWN) return *slot;
    }
    FT_Vector k;
    if (FT_Get_Kerning(fo->face, prev, g, FT_KERNING_UNSCALED, &k) != 0) k.x = 0;
    if (slot && k.x > KERN_UNKNOWN && k.x <= INT16_MAX) *slot = (int16_t)k.x;
    return (int)k.x;
}

/* A walk over UTF-8 text, one character at a time, as both pk_fonts_width and pk_fonts_glyphs
 * measure it. */
typedef struct walk {
    const font *fo;
    const unsigned char *p, *end;
    FT_UInt prev;  /* the previous character's glyph (0 at the start) */
    unsigned pcp;  /* and its code point */
} walk;

/* The next character with its kerning and advance; false at the end. */
static inline bool step(walk *w, pk_glyph *out)
{
    if (w->p >= w->end) return false;
    unsigned cp = pk_utf8_next(&w->p, w->end);
    int adv;
    bool missing; /* drawn, so measured, as the replacement */
    FT_UInt g = glyph_of(w->fo, cp, &adv, &missing);
    *out = (pk_glyph){.cp = cp, .kern = kerning_of(w->fo, w->pcp, w->prev, cp, g), .advance = adv,
                      .gid = g, .missing = missing};
    w->prev = g;
    w->pcp = cp;
    return true;
}

double pk_fonts_width(const pk_fonts *f, int id, double size_pt, const char *utf8, size_t len)
{
    const font *fo = &f->fonts[id];
    walk w = {fo, (const unsigned char *)utf8, (const unsigned char *)utf8 + len, 0, 0};
    long units = 0;
    pk_glyph g;
    while (step(&w, &g)) units += g.kern + g.advance;
    return units * size_pt / fo->units;
}

size_t pk_fonts_glyphs(const pk_fonts *f, int id, const char *utf8, size_t len, pk_glyph *out,
                       size_t cap)
{
    walk w = {&f->fonts[id], (const unsigned char *)utf8, (const unsigned char *)utf8 + len, 0, 0};
    size_t n = 0;
    pk_glyph g;
    while (step(&w, &g)) {
        if (n < cap) out[n] = g;
        n++;
    }
    return n;
}

struct FT_FaceRec_ *pk_fonts_ft_face_ref(const pk_fonts *f, int id)
{
    FT_Face face = f->fonts[id].face;
    FT_Reference_Library(face->glyph->library);
    FT_Reference_Face(face);
    return face;
}

void pk_fonts_ft_face_unref(struct FT_FaceRec_ *face)
{
    if (!face) return;
    FT_Library lib = face->glyph->library;
    FT_Done_Face(face);
    FT_Done_Library(lib);
}

int pk_fonts_units_per_em(const pk_fonts *f, int id)
{
    return (int)f->fonts[id].units;
}

void pk_fonts_vmetrics(const pk_fonts *f, int id, double size_pt, double *ascent, double *descent)
{
    const font *fo = &f->fonts[id];
    *ascent = fo->face->ascender * size_pt / fo->units;
    *descent = -fo->face->descender * size_pt / fo->units;
}

int pk_fonts_cover(const pk_fonts *f, int id, const char *utf8, const char *where, pk_diag *d)
{
    const font *fo = &f->fonts[id];
    const unsigned char *p = (const unsigned char *)utf8, *end = p + strlen(utf8);
    while (p < end) {
        unsigned cp = pk_utf8_next(&p, end);
        if (cp < 0x20) continue;
        if (FT_Get_Char_Index(fo->face, cp) == 0)
            return pk_diag_add(d, PK_FAIL_INPUT, "%s: error: the font \"%s\" has no glyph for U+%04X",
                               where, fo->family, cp);
    }
    return 0;
}

static size_t fit_cp_len(const char *s, size_t left)
{
    unsigned char b = (unsigned char)*s;
    size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return n < left ? n : left;
}

/* Appends s[0..n) to out when it is at most maxw wide, else its longest start that fits with an
 * ellipsis (cut between characters, trailing spaces and punctuation dropped). Returns the width
 * appended. Characters are measured one at a time to find the cut in one pass, so a 64 KiB
 * string costs one measurement, not one per candidate cut; the cut is then checked whole. */
double pk_fonts_fit(const pk_fonts *f, int id, double size, const char *s, size_t n, double maxw,
                    pk_buf *out)
{
    double full = pk_fonts_width(f, id, size, s, n);
    if (full <= maxw) {
        pk_buf_add(out, s, n);
        return full;
    }
    double ell = pk_fonts_width(f, id, size, "\xE2\x80\xA6" /* U+2026 */, 3);
    size_t cut = 0;
    double acc = 0;
    while (cut < n) {
        size_t k = fit_cp_len(s + cut, n - cut);
        double cw = pk_fonts_width(f, id, size, s + cut, k);
        if (acc + cw + ell > maxw) break;
        acc += cw;
        cut += k;
    }
    pk_buf tmp = PK_BUF_INIT;
    double w = 0;
    for (;;) {
        size_t end = cut;
        while (end > 0 && strchr(" ,;:-(/", s[end - 1]))
            end--;
        pk_buf_reset(&tmp);
        pk_buf_add(&tmp, s, end);
        pk_buf_adds(&tmp, "\xE2\x80\xA6");
        w = pk_fonts_width(f, id, size, tmp.data, tmp.len);
        if (w <= maxw || end == 0) break;
        /* kerning made the cut a little too wide: one character fewer */
        size_t back = end - 1;
        while (back > 0 && ((unsigned char)s[back] & 0xC0) == 0x80)
            back--;
        cut = back;
    }
    if (w <= maxw)
        pk_buf_add(out, tmp.data, tmp.len);
    else
        w = 0; /* not even an ellipsis fits: nothing */
    pk_buf_fini(&tmp);
    return w;
}
