/* outdir.c: atomic file writes into a press-kit folder; see outdir.h. */
#include "reports/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/arena.h"
#include "data/buf.h"
#include "data/hash.h"

static int mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int pk_outdir_open(pk_outdir *o, const char *dir, pk_diag *d)
{
    memset(o, 0, sizeof *o);
    o->dir = pk_xstrdup(dir);
    size_t n = strlen(o->dir);
    while (n > 1 && o->dir[n - 1] == '/') o->dir[--n] = '\0';
    if (mkdir_p(o->dir) != 0)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create the output folder: %s",
                           o->dir, strerror(errno));
    /* a run killed mid-write (SIGKILL) leaves ".name.tmp-PID" behind: never a half-written
     * output, but litter; the next run over the folder removes it */
    DIR *folder = opendir(o->dir);
    struct dirent *e;
    while (folder && (e = readdir(folder))) {
        if (e->d_name[0] == '.' && strstr(e->d_name, ".tmp-")) {
            pk_buf stale = PK_BUF_INIT;
            pk_buf_printf(&stale, "%s/%s", o->dir, e->d_name);
            unlink(stale.data);
            pk_buf_fini(&stale);
        }
    }
    if (folder) closedir(folder);
    return 0;
}

void pk_outdir_fini(pk_outdir *o)
{
    for (size_t i = 0; i < o->n_files; i++) free(o->files[i].name);
    free(o->files);
    free(o->dir);
    memset(o, 0, sizeof *o);
}

int pk_outdir_write(pk_outdir *o, const char *name, const void *data, size_t len, pk_diag *d)
{
    pk_buf final = PK_BUF_INIT, tmp = PK_BUF_INIT;
    pk_buf_printf(&final, "%s/%s", o->dir, name);
    const char *slash = strrchr(name, '/');
    if (slash) { /* a file in a subfolder (charts/x.svg): make the subfolder */
        pk_buf sub = PK_BUF_INIT;
        pk_buf_printf(&sub, "%s/%.*s", o->dir, (int)(slash - name), name);
        int rc = mkdir_p(sub.data);
        pk_buf_fini(&sub);
        if (rc != 0) {
            pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create its folder: %s", final.data,
                        strerror(errno));
            goto fail;
        }
    }
    /* the temporary name starts with '.', so a listing of the kit never shows it as an output */
    pk_buf_printf(&tmp, "%s/%.*s.%s.tmp-%ld", o->dir, slash ? (int)(slash - name + 1) : 0, name,
                  slash ? slash + 1 : name, (long)getpid());
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot write: %s", final.data, strerror(errno));
        goto fail;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            int err = w < 0 ? errno : EIO;
            close(fd);
            unlink(tmp.data);
            pk_diag_add(d, PK_FAIL_IO, "%s: error: write failed: %s", final.data, strerror(err));
            goto fail;
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0) {
        int err = errno;
        unlink(tmp.data);
        pk_diag_add(d, PK_FAIL_IO, "%s: error: write failed: %s", final.data, strerror(err));
        goto fail;
    }
    if (rename(tmp.data, final.data) != 0) {
        int err = errno;
        unlink(tmp.data);
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot rename into place: %s", final.data,
                    strerror(err));
        goto fail;
    }
    if (o->n_files == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->files = pk_xrealloc(o->files, o->cap * sizeof *o->files);
    }
    pk_written *wr = &o->files[o->n_files++];
    wr->name = pk_xstrdup(name);
    wr->bytes = len;
    pk_sha256_hex(data, len, wr->sha256);
    pk_buf_fini(&final);
    pk_buf_fini(&tmp);
    return 0;
fail:
    pk_buf_fini(&final);
    pk_buf_fini(&tmp);
    return -1;
}
