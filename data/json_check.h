/* json_check.h: a strict RFC 8259 syntax check that says where and what is wrong. cJSON parses
 * the document afterwards but points only roughly at an error and accepts some text that is not
 * JSON (raw line breaks in strings, leading zeros, "\u0000" that cuts a string short); running
 * this first gives every reader one exact message: what was expected and what was there.
 * Private to data/ readers. */
#ifndef PK_JSON_CHECK_H
#define PK_JSON_CHECK_H

#include <stddef.h>

#include "data/buf.h"

enum { PK_JSON_MAX_DEPTH = 1000 };

/* Checks json[0..len). Returns len when it is one valid JSON document (surrounded by optional
 * whitespace), else the byte offset of the problem with its description appended to `why`
 * (e.g. "invalid JSON; expected ':', got \"x\""). */
size_t pk_json_check(const char *json, size_t len, pk_buf *why);

#endif
