/* fuzz.h: the libFuzzer entry point every tests/fuzz/fuzz_<target>.c defines, and the oracles the
 * targets share. Each target builds two ways: with libFuzzer (-DPRESSKIT_FUZZ=ON, clang) to
 * search for crashes, and with replay.c's plain main() to replay its saved corpus under CTest on
 * every build. An oracle that fails calls pk_fuzz_fail, which prints what failed and aborts, so
 * libFuzzer saves the input as a crash and the replay test fails. */
#ifndef PK_FUZZ_H
#define PK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A scratch folder for targets that must go through files (made once per process, removed at
 * exit); its path. */
const char *pk_fuzz_dir(void);
/* Writes `size` bytes to `name` inside pk_fuzz_dir(); returns the full path (static buffer). */
const char *pk_fuzz_write(const char *name, const void *data, size_t size);

/* Prints "fuzz oracle: WHAT" to stderr and aborts. */
_Noreturn void pk_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct pk_scene;
struct pk_buf;
/* Every op of s inside its page (what draws, within eps points of the edges; a text run's
 * measured advance and baseline), and every coordinate finite. Fails naming the op. */
void pk_fuzz_check_scene(const struct pk_scene *s, double eps, const char *what);
/* A whole PDF: "%PDF-" first, "%%EOF" last (a newline may follow). */
void pk_fuzz_check_pdf(const struct pk_buf *b, const char *what);
/* A whole PNG: the signature, IHDR first, IEND last. */
void pk_fuzz_check_png(const struct pk_buf *b, const char *what);
/* SVG as XML: valid UTF-8, no character XML 1.0 forbids (C0 controls but tab and line ends),
 * every '<' opening a tag, comment or declaration and every '&' an entity. */
void pk_fuzz_check_svg(const struct pk_buf *b, const char *what);

#endif
