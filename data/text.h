/* text.h: UTF-8 checks and bounded file reading, shared by every reader in data/. */
#ifndef PK_TEXT_H
#define PK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/buf.h"
#include "data/diag.h"

/* Checks that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
 * Returns len when it is, else the byte offset of the first bad sequence. */
size_t pk_utf8_check(const char *s, size_t len);

/* The 1-based line and column (in characters, as editors count them) of byte `off` of s. */
void pk_text_locate(const char *s, size_t off, size_t *line, size_t *col);

/* Every input presskit reads (a record, sources.json, a pack manifest and its release files, a
 * template, a logo, hyphenation patterns, a compiled pack) is opened here: without blocking
 * (O_NONBLOCK, so a named pipe with no writer cannot hang the run), then refused unless it is a
 * regular file, with a message naming the path ("is a named pipe, expected a regular file").
 * Returns a descriptor open for reading (blocking again), or -1 with a PK_FAIL_IO message. */
int pk_file_open_fd(const char *path, pk_diag *d);
/* The same as a stdio stream ("rb"); NULL with the message. */
#include <stdio.h>
FILE *pk_file_open(const char *path, pk_diag *d);

/* Reads the whole file at `path` into `out` (replacing its contents), refusing files larger than
 * max_bytes with a message, so no reader takes an unbounded file into memory.
 * Returns 0, or -1 with a message (PK_FAIL_IO for a missing or unreadable file, PK_FAIL_INPUT
 * for one that is too large) and `out` emptied and freed. */
int pk_file_read(const char *path, size_t max_bytes, pk_buf *out, pk_diag *d);

/* Writes all n bytes of buf to fd, again after a signal or a short write (a pipe to a parent,
 * say); false when write fails or writes nothing, errno saying why. */
bool pk_write_all(int fd, const void *buf, size_t n);

struct pk_buf;
/* Appends s as one line of plain text: tabs and line breaks become spaces, other control
 * characters U+FFFD, so a hostile title can neither break a line-based format nor act on a
 * terminal. */
void pk_text_add_line(pk_buf *b, const char *s);

/* The length of a character at p (of the n bytes there) that no text output may carry as it
 * is: a C1 control (U+0080-U+009F, 2 bytes) or the line and paragraph separators U+2028 and
 * U+2029 (3 bytes, which end a line in JavaScript and in some editors); 0 for anything else. */
size_t pk_text_c1_len(const char *p, size_t n);

/* Appends s[0..n) to b with each C1 control replaced by U+FFFD and each U+2028/U+2029 by a
 * space (pk_text_c1_len). Returns how many it replaced. The readers (JSON strings, CSV cells)
 * pass every text through it, so no output and no terminal meets one. */
size_t pk_text_scrub(struct pk_buf *b, const char *s, size_t n);

/* True when `soc` is an O*NET-SOC code "NN-NNNN.NN". */
bool pk_soc_valid(const char *soc);

#endif
