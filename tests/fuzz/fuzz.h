/* fuzz.h: the libFuzzer entry point every tests/fuzz/fuzz_<target>.c defines. Each target builds
 * two ways: with libFuzzer (-DPRESSKIT_FUZZ=ON, clang) to search for crashes, and with replay.c's
 * plain main() to replay its saved corpus under CTest on every build. */
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

#endif
