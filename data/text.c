/* text.c: UTF-8 checks, line:col, bounded file reads; see text.h. */
#include "data/text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t pk_utf8_check(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
        else return i;
        if (len - i < n) return i;
        unsigned cp = c & (0xFF >> (n + 1));
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += n;
    }
    return len;
}

void pk_text_locate(const char *s, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a named pipe";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    return "not a regular file";
}

int pk_file_open_fd(const char *path, pk_diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *k = file_kind(st.st_mode);
        pk_diag_add(d, PK_FAIL_IO, "%s: error: is %s, expected a regular file", path, k);
        close(fd);
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

FILE *pk_file_open(const char *path, pk_diag *d)
{
    int fd = pk_file_open_fd(path, d);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

bool pk_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

int pk_file_read(const char *path, size_t max_bytes, pk_buf *out, pk_diag *d)
{
    pk_buf_reset(out);
    FILE *f = pk_file_open(path, d);
    if (!f) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > max_bytes) {
            fclose(f);
            pk_buf_fini(out);
            return pk_diag_add(d, PK_FAIL_INPUT,
                               "%s: error: file is larger than the %zu MiB this reader accepts",
                               path, max_bytes >> 20);
        }
        pk_buf_add(out, chunk, n);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        pk_buf_fini(out);
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: read failed", path);
    }
    pk_buf_add(out, "", 0); /* NUL-terminate even an empty file */
    return 0;
}

void pk_text_add_line(pk_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\t' || c == '\n' || c == '\r') pk_buf_addc(b, ' ');
        else if (c < 0x20 || c == 0x7f) pk_buf_adds(b, "\xEF\xBF\xBD");
        else if ((c == 0xC2 || c == 0xE2) && pk_text_c1_len(s, 3) == 2)
            pk_buf_adds(b, "\xEF\xBF\xBD"), s++;
        else if ((c == 0xC2 || c == 0xE2) && pk_text_c1_len(s, 3) == 3)
            pk_buf_addc(b, ' '), s += 2;
        else pk_buf_addc(b, (char)c);
    }
}

size_t pk_text_c1_len(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 2 && u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) return 3;
    return 0;
}

size_t pk_text_scrub(pk_buf *b, const char *s, size_t n)
{
    size_t replaced = 0, run = 0;
    for (size_t i = 0; i < n;) {
        size_t k = (unsigned char)s[i] == 0xC2 || (unsigned char)s[i] == 0xE2
                       ? pk_text_c1_len(s + i, n - i)
                       : 0;
        if (!k) {
            i++;
            continue;
        }
        pk_buf_add(b, s + run, i - run);
        pk_buf_adds(b, k == 2 ? "\xEF\xBF\xBD" : " ");
        replaced++;
        i += k;
        run = i;
    }
    pk_buf_add(b, s + run, n - run);
    return replaced;
}

bool pk_soc_valid(const char *soc)
{
    static const char pat[] = "99-9999.99";
    if (strlen(soc) != sizeof pat - 1) return false;
    for (size_t i = 0; pat[i]; i++) {
        if (pat[i] == '9' ? !isdigit((unsigned char)soc[i]) : soc[i] != pat[i]) return false;
    }
    return true;
}
