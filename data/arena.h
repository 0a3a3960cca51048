/* arena.h: bump allocation for a stage's output (the record, a kit), freed in one call.
 * Part of data/, the bottom of the flow; every other module may use it. */
#ifndef PK_ARENA_H
#define PK_ARENA_H

#include <stddef.h>

typedef struct pk_arena pk_arena;

/* A new, empty arena. Never NULL: out of memory aborts (see pk_xmalloc). */
pk_arena *pk_arena_new(void);
/* Frees every block the arena handed out, then the arena. NULL is fine. */
void pk_arena_free(pk_arena *a);
/* `size` bytes aligned for any type, zeroed; owned by the arena. */
void *pk_arena_alloc(pk_arena *a, size_t size);
/* Copies of a string (or its first `n` bytes, NUL-terminated); owned by the arena. */
char *pk_arena_strdup(pk_arena *a, const char *s);
char *pk_arena_strndup(pk_arena *a, const char *s, size_t n);

/* malloc/realloc/calloc that call pk_out_of_memory when memory runs out (as cmark's xcalloc):
 * no caller has a useful way to go on without memory. */
void *pk_xmalloc(size_t size);
void *pk_xrealloc(void *p, size_t size);
void *pk_xcalloc(size_t n, size_t size);
char *pk_xstrdup(const char *s);

/* Memory ran out (size: what was asked for, 0 when a library said so): calls the handler set
 * with pk_set_out_of_memory, which does not return (the command line's prints one message and
 * exits with status 3, docs/presskit.1); without one, says so on stderr and aborts. Every place
 * that learns of a failed allocation, presskit's or a library's (cairo, libharu, FreeType,
 * fontconfig, HarfBuzz, cJSON, libcsv, SQLite), ends here rather than blame its input. */
_Noreturn void pk_out_of_memory(size_t size);
void pk_set_out_of_memory(void (*handler)(size_t size));

/* Whether a library's failure that may have been for want of memory was: true when `size`
 * bytes (and a margin) cannot be had now. For a failure whose cause a library does not say
 * (FreeType or HarfBuzz that cannot map a font file, fontconfig without an answer). */
int pk_memory_short(size_t size);

/* Once, at the start of a process that makes many kits: memory freed after one kit is kept for
 * the next instead of handed back to the system and faulted in again. glibc's malloc returns the
 * top of its heap when more than 128 KB is free there; a brief frees a few hundred KB at its end,
 * so every brief faulted ~80 pages in anew, about 1 ms a brief on this machine's VM (perf stat:
 * 15,500 page faults for 200 briefs; 1,900 with this). A no-op without glibc. */
void pk_memory_init(void);

#endif
