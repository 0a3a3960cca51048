/* para.h: paragraphs broken into lines by total fit (Knuth and Plass), with hyphenation by
 * libhyphen, then drawn into a scene. Words are never cut: lines break at spaces, at hyphenation
 * points (a hyphen is added), after a hyphen or slash in a word, and inside URLs after / . - ? &;
 * only a word wider than the whole line is broken between characters, as a last resort. Part of
 * layouts/, above fonts/. */
#ifndef PK_PARA_H
#define PK_PARA_H

#include <stdbool.h>
#include <stddef.h>

#include "data/arena.h"
#include "data/diag.h"
#include "fonts/fonts.h"
#include "layouts/scene.h"

/* Hyphenation patterns (libhyphen's .dic files, e.g. Debian's hyphen-en-us). */
typedef struct pk_hyph pk_hyph;

/* Patterns from path, or NULL with a message naming the file when it cannot be read. The
 * default patterns (PK_HYPH_DEFAULT) are compiled into presskit when the build found them, and
 * then cost nothing to load and need no file; any other file is parsed on first use (or by
 * pk_hyph_ready). */
pk_hyph *pk_hyph_load(const char *path, pk_diag *d);
/* The same, but the file is always parsed by libhyphen, never taken from the compiled tables:
 * for the test that both give the same points. */
pk_hyph *pk_hyph_load_file(const char *path, pk_diag *d);
/* True when h holds the compiled-in patterns. */
bool pk_hyph_is_builtin(const pk_hyph *h);
/* The hyphenation points of a lower-case word of ASCII letters, len < 64: marks[i] = 1 when the
 * word may break after byte i (libhyphen's rule with at least 2 letters before a break and 3
 * after), else 0; marks holds len bytes. Returns 0, or -1 when the patterns cannot be read. */
int pk_hyph_word(const pk_hyph *h, const char *word, size_t len, char *marks);
/* Parses the patterns now: before a batch forks, so that its workers share them instead of each
 * parsing its own. 0, or -1 with a message. */
int pk_hyph_ready(pk_hyph *h, pk_diag *d);
void pk_hyph_free(pk_hyph *h);
/* The default patterns' file (US English). */
#define PK_HYPH_DEFAULT "/usr/share/hyphen/hyph_en_US.dic"

/* One run of text in one font, size and colour; url makes it a link. Strings are borrowed for
 * the duration of pk_para_layout (which copies what it keeps). "\n" forces a line break. */
typedef struct pk_span {
    const char *text;
    int font;
    double size;  /* points */
    pk_rgba color;
    const char *url; /* or NULL */
} pk_span;

typedef enum pk_align { PK_ALIGN_LEFT, PK_ALIGN_JUSTIFY, PK_ALIGN_CENTER, PK_ALIGN_RIGHT } pk_align;

typedef struct pk_para_style {
    double width;     /* points available for every line */
    double leading;   /* points from one baseline to the next */
    pk_align align;
    const pk_hyph *hyph; /* NULL: no hyphenation */
    double indent;    /* points: the first line starts this far in */
} pk_para_style;

/* A paragraph broken into lines; lives in the arena it was made in. */
typedef struct pk_para pk_para;

/* Breaks spans into lines of st->width. Returns the paragraph (in arena a), never NULL: every
 * input has a break sequence because over-wide words are split between characters. */
pk_para *pk_para_layout(pk_arena *a, const pk_fonts *f, const pk_span *spans, size_t n,
                        const pk_para_style *st);

size_t pk_para_lines(const pk_para *p);
/* Height in points of lines [from, to): (to - from) * leading. */
double pk_para_height(const pk_para *p, size_t from, size_t to);
/* The widest line's natural width in points (for shrink-wrapping boxes). */
double pk_para_max_width(const pk_para *p);
/* From the top of a line box to its baseline, points. */
double pk_para_baseline(const pk_para *p);
/* The adjustment ratios are kept for tests: the line's ratio (stretch used / available; < 0
 * shrinks) and whether it ends with an added hyphen. */
double pk_para_line_ratio(const pk_para *p, size_t line);
bool pk_para_line_hyphen(const pk_para *p, size_t line);
/* Preflight (docs/templates.md): whether line i ends with a hyphen added inside a link's text;
 * whether the paragraph's last word is broken (its last line is the tail of a hyphenated word);
 * how many lines are set wider than the paragraph's width (a word too wide even when split). */
bool pk_para_line_hyphen_link(const pk_para *p, size_t line);
bool pk_para_ends_hyphenated(const pk_para *p);
size_t pk_para_overfull(const pk_para *p);
/* How many lines end with an added hyphen. */
size_t pk_para_hyphens(const pk_para *p);
/* The text of line i as drawn (spaces between words, an added hyphen at the end), in a. */
const char *pk_para_line_text(const pk_para *p, size_t line, pk_arena *a);

/* Draws lines [from, to) with the top of the first line box at (x, top). Link spans also get
 * link ops over their words. Returns the height drawn. */
double pk_para_draw(const pk_para *p, size_t from, size_t to, pk_scene *s, double x, double top);

#endif
