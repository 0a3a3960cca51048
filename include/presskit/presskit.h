/* presskit.h: libpresskit, the library under the presskit command, for a newsroom's own C
 * program: open occupation data (the built-in sample, a folder of records, one record file or a
 * pack manifest over the public releases), load an occupation's record and write its press kit
 * into a folder. It never prints and never exits: every problem is a message in a
 * presskit_messages list, with its kind, which is the exit code the presskit command would give.
 *
 *     pkg-config --cflags --libs presskit        (static: pkg-config --static ...)
 *
 * Ownership: every object a _new, _open or _load function returns belongs to the caller, who
 * frees it with the matching _free (NULL is fine). Strings a getter returns are borrowed and live
 * as long as the object. The library is not thread-safe: use one thread, or one process per
 * worker (as presskit batch does). Text is UTF-8. Only this header's names are exported; their
 * meaning does not change within one SONAME (libpresskit.so.0). */
#ifndef PRESSKIT_H
#define PRESSKIT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library: "0.1.0". Static storage. */
const char *presskit_version(void);

/* ---- Messages ---- */

/* What kind of problem a message reports; the value is the presskit command's exit code. */
enum presskit_kind {
    PRESSKIT_BAD_INPUT = 1, /* bad data, record, template or argument value */
    PRESSKIT_USAGE = 2,     /* a call the library cannot make sense of */
    PRESSKIT_IO = 3,        /* a file could not be read or written */
    PRESSKIT_WARNING = 4    /* not a problem: said, and the call succeeds (a character a font
                               lacks, drawn as U+FFFD) */
};

typedef struct presskit_messages presskit_messages;

/* An empty list of messages. Never NULL (out of memory aborts, as in cmark). */
presskit_messages *presskit_messages_new(void);
void presskit_messages_free(presskit_messages *m);
/* Empties the list, to use it again. */
void presskit_messages_clear(presskit_messages *m);
/* The number of messages kept (at most 100; presskit_messages_dropped counts the others). */
size_t presskit_messages_count(const presskit_messages *m);
size_t presskit_messages_dropped(const presskit_messages *m);
/* Message i (0-based, below the count), one line in the house format:
 * "path:line:col: error: what is wrong" or "path: $.json.path: what is wrong". Borrowed until
 * the list is cleared or freed; NULL when i is out of range. */
const char *presskit_message_text(const presskit_messages *m, size_t i);
/* Its kind (enum presskit_kind), or 0 when i is out of range. */
int presskit_message_kind(const presskit_messages *m, size_t i);
/* 0 when the list holds no problem (it is empty, or holds only warnings), else the most severe
 * kind in it (I/O over bad input over usage): the exit code the presskit command would give. */
int presskit_messages_status(const presskit_messages *m);

/* ---- Data ---- */

typedef struct presskit_data presskit_data;

/* Opens occupation data: path NULL for the sample built into the library (Sound Engineering
 * Technicians, 27-4014.00), a folder of <SOC>.json records with sources.json, one record file
 * (sources.json beside it), or a pack manifest (share/presskit/packs/us-2024.json) whose files
 * are under root (NULL: the manifest's folder). A pack is loaded whole, every file checked.
 * Returns NULL with messages in m; m may also receive messages about problems the data survived. */
presskit_data *presskit_data_open(const char *path, const char *root, presskit_messages *m);
void presskit_data_free(presskit_data *data);
/* The number of occupations, and the code of occupation i ("27-4014.00"), sorted; the code is
 * borrowed, NULL when i is out of range. */
size_t presskit_data_count(const presskit_data *data);
const char *presskit_data_code(const presskit_data *data, size_t i);

/* ---- Records ---- */

typedef struct presskit_record presskit_record;

/* Loads one occupation's record: query is an O*NET-SOC code ("27-4014.00"), a SOC code
 * ("27-4014") or words of a title ("sound engineering") that match exactly one occupation.
 * Returns NULL with messages in m. The record uses data's sources: free it before data. */
presskit_record *presskit_record_load(presskit_data *data, const char *query, presskit_messages *m);
void presskit_record_free(presskit_record *r);
/* The record's O*NET-SOC code and title, borrowed. */
const char *presskit_record_code(const presskit_record *r);
const char *presskit_record_title(const presskit_record *r);
/* The record as JSON (the format of `presskit record`, docs/record.md), NUL-terminated, its
 * length in *len when len is not NULL. The caller frees it with presskit_free. */
char *presskit_record_json(const presskit_record *r, size_t *len);
/* Frees memory the library handed over (presskit_record_json). NULL is fine. */
void presskit_free(void *p);

/* ---- Press kits ---- */

/* Which files a kit has: bits to OR together; 0 means all. */
enum presskit_format {
    PRESSKIT_FORMAT_TXT = 1 << 0, /* kit.txt, cite.txt, cite-apa.txt, cite.bib, cite.ris,
                                     cite.json, data.csv */
    PRESSKIT_FORMAT_MD = 1 << 1,  /* brief.md */
    PRESSKIT_FORMAT_SVG = 1 << 2, /* charts/<name>.svg and .alt.txt, embed.html */
    PRESSKIT_FORMAT_PNG = 1 << 3, /* charts/<name>.png and @2x.png, share.png */
    PRESSKIT_FORMAT_PDF = 1 << 4, /* brief.pdf */
    PRESSKIT_FORMAT_HTML = 1 << 5, /* brief.html */
    PRESSKIT_FORMAT_ALL = (1 << 6) - 1
};

/* Options of presskit_kit_write; zero-initialise it ({0}) for the defaults. */
typedef struct presskit_kit_options {
    unsigned formats;   /* PRESSKIT_FORMAT_* bits; 0: all */
    const char *layout; /* the brief's template: "default", "newsroom-a4", "factsheet", or a
                           template file (docs/templates.md); NULL: "default" */
} presskit_kit_options;

/* Writes the press kit of r into the folder dir (created as needed): the files opts->formats
 * asks for (opts may be NULL: all, the default template) and manifest.json. Every file is
 * written to a temporary name and renamed, so none is ever half-written. Returns the number of
 * files written, or -1 with messages in m (PRESSKIT_BAD_INPUT for a bad template or a brief
 * that does not fit it, PRESSKIT_IO for a folder or file that cannot be written). The template
 * and fonts are loaded on first use and kept until the process exits. */
int presskit_kit_write(const presskit_data *data, const presskit_record *r, const char *dir,
                       const presskit_kit_options *opts, presskit_messages *m);

#ifdef __cplusplus
}
#endif

#endif
