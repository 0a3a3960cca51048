/* arena.c: bump allocator in chained blocks; see arena.h. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "data/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <stdbool.h>
#include <sys/resource.h>

enum { PK_ARENA_BLOCK = 32 * 1024 };

typedef struct pk_block {
    struct pk_block *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
} pk_block;

struct pk_arena {
    pk_block *head; /* owned: the newest block first */
};

static void (*oom_handler)(size_t);

void pk_set_out_of_memory(void (*handler)(size_t size))
{
    oom_handler = handler;
}

_Noreturn void pk_out_of_memory(size_t size)
{
    if (oom_handler) oom_handler(size);
    fprintf(stderr, "presskit: out of memory (asked for %zu bytes)\n", size);
    abort();
}

static void out_of_memory(size_t size)
{
    pk_out_of_memory(size);
}

int pk_memory_short(size_t size)
{
    /* the margin: what the library would have needed beside the block itself */
    size_t want = size + (1u << 20);
    void *p = malloc(want);
    if (!p) return 1;
    free(p);
    return 0;
}

static bool limited(int resource)
{
    struct rlimit rl;
    return getrlimit(resource, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
}

/* Under a limit of address space the stack's growth counts: a library's deep frame that meets
 * the limit (libharu's HPDF_GetFont keeps a 128 KB map on the stack) is a SIGSEGV, not a failed
 * malloc that presskit can report. So the stack is grown once, first, while there is room:
 * later frames within STACK_READY reuse those pages. */
enum { STACK_READY = 512 * 1024 };
__attribute__((noinline)) static void grow_stack(void)
{
    volatile unsigned char pad[STACK_READY];
    for (size_t i = 0; i < sizeof pad; i += 4096)
        pad[i] = 0;
    pad[sizeof pad - 1] = 0;
}

void pk_memory_init(void)
{
#ifdef __GLIBC__
    /* setting either turns off glibc's own adjustment of both, which would otherwise have raised
     * the mmap threshold past the first 13 MB PNG surface freed: without the second line every
     * such buffer is mapped and unmapped anew (a full kit batch spent 43% in the kernel) */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    if (limited(RLIMIT_AS) || limited(RLIMIT_DATA)) {
        grow_stack();
        return;
    }
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    /* The first HEAP_HUGE bytes of the heap in 2 MB pages where the kernel has them (as glibc's
     * own glibc.malloc.hugetlb=1 asks, which a program cannot set for itself): a full kit
     * touches about 18 MB of heap for its PNG surfaces and rows, and on a virtual machine each
     * 4 KB page's first touch costs a fault (4,600 of them a kit, 9% of its time); in huge
     * pages, a few dozen. The block is taken and given back at once, untouched: the trim
     * threshold above keeps it in the heap, and nothing is committed until it is used. It is
     * address space all the same, so not under a limit of address space or data (above). */
    enum { HEAP_HUGE = 24 << 20, HUGE_PAGE = 2 << 20 };
    unsigned char *p = malloc(HEAP_HUGE);
    if (p) {
        uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
        uintptr_t e = ((uintptr_t)p + HEAP_HUGE) & ~(uintptr_t)(HUGE_PAGE - 1);
        if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: refused is fine */
        free(p);
    }
#endif
}

void *pk_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *pk_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) out_of_memory(size);
    return q;
}

void *pk_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) out_of_memory(n * size);
    return p;
}

char *pk_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(pk_xmalloc(n), s, n);
}

pk_arena *pk_arena_new(void)
{
    return pk_xcalloc(1, sizeof(pk_arena));
}

void pk_arena_free(pk_arena *a)
{
    if (!a) return;
    for (pk_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *pk_arena_alloc(pk_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0) size = align;
    pk_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        /* Large requests get a block of their own, so a big array wastes no tail. */
        size_t cap = size > PK_ARENA_BLOCK / 4 ? size : PK_ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof(pk_block)) out_of_memory(size);
        pk_block *nb = pk_xmalloc(sizeof(pk_block) + cap);
        nb->used = 0;
        nb->cap = cap;
        if (b && cap == size) { /* keep filling the current block afterwards */
            nb->next = b->next;
            b->next = nb;
            b = nb;
        } else {
            nb->next = b;
            a->head = b = nb;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *pk_arena_strndup(pk_arena *a, const char *s, size_t n)
{
    char *p = pk_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pk_arena_strdup(pk_arena *a, const char *s)
{
    return s ? pk_arena_strndup(a, s, strlen(s)) : NULL;
}
