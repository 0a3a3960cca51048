/* fuzz_util.c: the scratch folder fuzz targets write files into, and the output oracles they
 * share (fuzz.h). */
#include "fuzz.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/buf.h"
#include "data/text.h"
#include "layouts/scene.h"

static char dir[64];

static void cleanup(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (dir[0] && system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

const char *pk_fuzz_dir(void)
{
    if (!dir[0]) {
        /* /dev/shm keeps the per-input writes in memory when it is there */
        snprintf(dir, sizeof dir, "%s/pk-fuzz.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        if (!mkdtemp(dir)) abort();
        atexit(cleanup);
    }
    return dir;
}

const char *pk_fuzz_write(const char *name, const void *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", pk_fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    fclose(f);
    return path;
}

void pk_fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz oracle: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* ---- scenes ---- */

static bool in(double v, double lo, double hi, double eps)
{
    return v >= lo - eps && v <= hi + eps; /* false for NaN */
}

static const char *const op_names[] = {"rect", "line", "path", "text", "clip", "unclip",
                                       "group", "ungroup", "image", "link", "mark"};

void pk_fuzz_check_scene(const pk_scene *s, double eps, const char *what)
{
    double W = s->width, H = s->height;
    if (!(W > 0 && H > 0 && isfinite(W) && isfinite(H)))
        pk_fuzz_fail("%s: a page of %g x %g points", what, W, H);
    for (size_t i = 0; i < s->n_ops; i++) {
        const pk_op *op = &s->ops[i];
        bool ok = true;
        switch (op->kind) {
        case PK_OP_RECT:
        case PK_OP_CLIP:
        case PK_OP_IMAGE:
        case PK_OP_LINK:
            ok = in(op->x, 0, W, eps) && in(op->y, 0, H, eps) && in(op->x + op->w, 0, W, eps) &&
                 in(op->y + op->h, 0, H, eps) && op->w >= 0 && op->h >= 0;
            break;
        case PK_OP_LINE:
            ok = in(op->x, 0, W, eps) && in(op->y, 0, H, eps) && in(op->x2, 0, W, eps) &&
                 in(op->y2, 0, H, eps);
            break;
        case PK_OP_PATH:
            for (size_t k = 0; k < op->n_pts && ok; k++)
                ok = in(op->pts[2 * k], 0, W, eps) && in(op->pts[2 * k + 1], 0, H, eps);
            break;
        case PK_OP_TEXT: {
            double x0 = op->x - (op->anchor == PK_ANCHOR_END      ? op->text_w
                                 : op->anchor == PK_ANCHOR_MIDDLE ? op->text_w / 2
                                                                  : 0);
            ok = in(x0, 0, W, eps) && in(x0 + op->text_w, 0, W, eps) && in(op->y, 0, H, eps) &&
                 op->size > 0 && isfinite(op->size) && op->text &&
                 pk_utf8_check(op->text, strlen(op->text)) == strlen(op->text);
            break;
        }
        case PK_OP_MARK:
            ok = in(op->y, 0, H, eps) && op->text &&
                 pk_utf8_check(op->text, strlen(op->text)) == strlen(op->text);
            break;
        default:
            break;
        }
        if (!ok && op->kind == PK_OP_TEXT)
            pk_fuzz_fail("%s: op %zu (text) at x %g (anchor %d, %g wide), baseline %g is outside "
                         "the %g x %g page: %.60s", what, i, op->x, (int)op->anchor, op->text_w,
                         op->y, W, H, op->text ? op->text : "(null)");
        if (!ok)
            pk_fuzz_fail("%s: op %zu (%s) at x %g, y %g, w %g, h %g is outside the %g x %g page",
                         what, i, op->kind <= PK_OP_MARK ? op_names[op->kind] : "?", op->x, op->y,
                         op->w, op->h, W, H);
    }
}

/* ---- files ---- */

void pk_fuzz_check_pdf(const pk_buf *b, const char *what)
{
    size_t n = b->len;
    while (n > 0 && (b->data[n - 1] == '\n' || b->data[n - 1] == '\r')) n--;
    if (b->len < 5 || memcmp(b->data, "%PDF-", 5) != 0 || n < 5 ||
        memcmp(b->data + n - 5, "%%EOF", 5) != 0)
        pk_fuzz_fail("%s: not a whole PDF (%zu bytes)", what, b->len);
}

void pk_fuzz_check_png(const pk_buf *b, const char *what)
{
    const unsigned char *p = (const unsigned char *)b->data;
    if (b->len < 57 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(p + 12, "IHDR", 4) != 0 ||
        memcmp(p + b->len - 8, "IEND", 4) != 0)
        pk_fuzz_fail("%s: not a whole PNG (%zu bytes)", what, b->len);
}

void pk_fuzz_check_svg(const pk_buf *b, const char *what)
{
    const char *s = b->data;
    size_t n = b->len;
    size_t bad = pk_utf8_check(s, n);
    if (bad != n) pk_fuzz_fail("%s: invalid UTF-8 at byte %zu", what, bad);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            pk_fuzz_fail("%s: control character 0x%02X at byte %zu", what, c, i);
        /* U+FFFE and U+FFFF are not XML characters either */
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            pk_fuzz_fail("%s: a noncharacter at byte %zu", what, i);
        if (c == '<') {
            char d = i + 1 < n ? s[i + 1] : 0;
            if (!((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || d == '/' || d == '!' || d == '?'))
                pk_fuzz_fail("%s: a bare '<' at byte %zu", what, i);
        } else if (c == '&') {
            static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"};
            bool ok = false;
            for (size_t k = 0; k < sizeof ents / sizeof *ents && !ok; k++)
                ok = strncmp(s + i, ents[k], strlen(ents[k])) == 0;
            if (!ok) pk_fuzz_fail("%s: a bare '&' at byte %zu", what, i);
        }
    }
}
