/* hyph_data.h: hyphenation patterns compiled at build time. layouts/hyphgen.c (a build tool)
 * loads a libhyphen .dic with libhyphen itself and writes its automaton out as these tables;
 * para.c points a HyphenDict at them, so a process hyphenates without parsing the patterns
 * (libhyphen's parse is 37 M instructions, a fifth of a whole brief). The same automaton as
 * libhyphen builds, walked by libhyphen: the same hyphenation points. Private to layouts/. */
#ifndef PK_HYPH_DATA_H
#define PK_HYPH_DATA_H

#include <stddef.h>

typedef struct pk_hyph_trans_rec {
    char ch;
    int new_state;
} pk_hyph_trans_rec;

typedef struct pk_hyph_state_rec {
    int match, repl; /* offsets into the level's strings, or -1 for NULL */
    signed char replindex, replcut;
    int fallback_state;
    int num_trans;
    int first_trans; /* index of its first transition in the level's trans */
} pk_hyph_state_rec;

typedef struct pk_hyph_level_rec {
    char lhmin, rhmin, clhmin, crhmin;
    int nohyphen; /* offset into strs, or -1 */
    int nohyphenl;
    int num_states;
    char cset[20]; /* libhyphen's MAX_NAME */
    int utf8;
    const pk_hyph_state_rec *states;
    const pk_hyph_trans_rec *trans;
    size_t num_trans;
    const char *strs; /* NUL-separated strings the offsets point into */
} pk_hyph_level_rec;

typedef struct pk_hyph_data {
    const char *source;              /* the .dic file it was compiled from */
    const pk_hyph_level_rec *levels; /* the first, then each nextlevel */
    size_t n_levels;
} pk_hyph_data;

/* The patterns of PK_HYPH_DEFAULT, when the build found them (PK_HYPH_BUILTIN). */
extern const pk_hyph_data pk_hyph_builtin;

#endif
