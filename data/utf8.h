/* utf8.h: the one decoder of UTF-8 text that is drawn. fonts/ measures with it and every painter
 * (SVG aside, which copies text as it is) places and encodes glyphs with it, so each character a
 * painter draws is the character that was measured, even in text that is not valid UTF-8 (the
 * readers in data/ validate with pk_utf8_check; scenes are built by code, and a library caller's
 * text need not be). Part of data/. */
#ifndef PK_UTF8_H
#define PK_UTF8_H

#include <stdint.h>

/* The next code point of the text at *p (before end, which must be past *p), advancing *p.
 * Lenient, and the same everywhere: a lead byte says how many bytes follow (0xF0 and up 3,
 * 0xE0 up 2, any other byte from 0x80 1) and that many are taken whatever they are, up to end,
 * six bits each; nothing is checked, so a stray continuation byte, an overlong form, a surrogate
 * or a value past U+10FFFF decodes to some number, never an error. */
static inline uint32_t pk_utf8_next(const unsigned char **p, const unsigned char *end)
{
    unsigned c = *(*p)++;
    if (c < 0x80) return c;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    uint32_t cp = c & (0x3Fu >> n);
    while (n-- > 0 && *p < end)
        cp = (cp << 6) | (*(*p)++ & 0x3F);
    return cp;
}

#endif
