/* outdir.c: atomic file writes into a press-kit folder; see outdir.h. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "reports/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

static void clean_stale(const char *dir, bool descend);

/* What this process is writing now, for pk_outdir_abandon: the staged folder not yet committed,
 * and the temporary file being written. Fixed buffers: read when memory has run out. */
static char staged_now[4096];
static char writing_now[4096];

static void note_path(char *slot, size_t cap, const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n >= cap) n = 0; /* too long to remember: the next run's stale cleaning removes it */
    memcpy(slot, path ? path : "", n);
    slot[n] = '\0';
}

/* Removes what is in folder `dir` (depth levels down) and the folder, with no allocation: the
 * entries are read with getdents64 into a buffer on the stack. */
static void remove_raw(const char *dir, int depth)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        unlink(dir);
        return;
    }
    char buf[4096];
    long n;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            /* struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name */
            unsigned short reclen;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            const char *name = buf + off + 19;
            unsigned char type = (unsigned char)buf[off + 18];
            off += reclen;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
            char path[4096];
            int k = snprintf(path, sizeof path, "%s/%s", dir, name);
            if (k < 0 || (size_t)k >= sizeof path) continue;
            if (type == DT_DIR && depth > 0) remove_raw(path, depth - 1);
            else unlink(path);
        }
    }
    close(fd);
    rmdir(dir);
}

void pk_outdir_abandon(void)
{
    if (writing_now[0]) unlink(writing_now);
    if (staged_now[0]) remove_raw(staged_now, 2);
    writing_now[0] = staged_now[0] = '\0';
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
    clean_stale(o->dir, true);
    return 0;
}

/* Removes path: a file, or a folder with what is in it, `depth` levels down at most (a kit: its
 * files and charts/). A symbolic link is removed, never followed. */
static void remove_tree(const char *path, int depth)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *folder = depth > 0 ? opendir(path) : NULL;
    struct dirent *e;
    while (folder && (e = readdir(folder))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        pk_buf sub = PK_BUF_INIT;
        pk_buf_printf(&sub, "%s/%s", path, e->d_name);
        remove_tree(sub.data, depth - 1);
        pk_buf_fini(&sub);
    }
    if (folder) closedir(folder);
    rmdir(path);
}

int pk_outdir_open_staged(pk_outdir *o, const char *dir, pk_diag *d)
{
    memset(o, 0, sizeof *o);
    o->final = pk_xstrdup(dir);
    size_t n = strlen(o->final);
    while (n > 1 && o->final[n - 1] == '/') o->final[--n] = '\0';
    const char *slash = strrchr(o->final, '/');
    pk_buf parent = PK_BUF_INIT, tmp = PK_BUF_INIT;
    if (slash) pk_buf_add(&parent, o->final, (size_t)(slash - o->final));
    if (!parent.len) pk_buf_adds(&parent, slash ? "/" : ".");
    const char *base = slash ? slash + 1 : o->final;
    int rc = -1;
    struct stat st;
    if (mkdir_p(parent.data) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create the output folder: %s", o->final,
                    strerror(errno));
        goto done;
    }
    if (stat(o->final, &st) == 0 && !S_ISDIR(st.st_mode)) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create the output folder: %s", o->final,
                    strerror(ENOTDIR));
        goto done;
    }
    clean_stale(parent.data, false);
    pk_buf_printf(&tmp, "%s/.%s.tmp-%ld", parent.data, base, (long)getpid());
    remove_tree(tmp.data, 2); /* this process's own, from a kit of the same name that failed */
    if (mkdir(tmp.data, 0777) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create the output folder: %s", o->final,
                    strerror(errno));
        goto done;
    }
    o->dir = pk_xstrdup(tmp.data);
    note_path(staged_now, sizeof staged_now, o->dir);
    rc = 0;
done:
    pk_buf_fini(&parent);
    pk_buf_fini(&tmp);
    return rc;
}

int pk_outdir_commit(pk_outdir *o, pk_diag *d)
{
    if (!o->final) return 0;
    int err = 0;
    if (rename(o->dir, o->final) != 0) { /* absent, or an empty folder: replaced at once */
        err = errno;
        if (err == EEXIST || err == ENOTEMPTY) {
            /* an earlier kit: swapped in one step, so a reader sees the one or the other */
            if (renameat2(AT_FDCWD, o->dir, AT_FDCWD, o->final, RENAME_EXCHANGE) == 0) {
                err = 0;
            } else if (errno == EINVAL || errno == ENOSYS) {
                /* a file system without the exchange: the earlier kit out of the way first */
                pk_buf old = PK_BUF_INIT;
                pk_buf_printf(&old, "%s.old", o->dir); /* ".NAME.tmp-PID.old": stale by name too */
                err = rename(o->final, old.data) == 0 ? 0 : errno;
                if (!err && rename(o->dir, o->final) != 0) {
                    err = errno;
                    rename(old.data, o->final); /* the earlier kit back */
                }
                if (!err) { /* the temporary's name now holds the earlier kit, to remove */
                    free(o->dir);
                    o->dir = pk_buf_take(&old);
                }
                pk_buf_fini(&old);
            } else {
                err = errno;
            }
            if (!err) remove_tree(o->dir, 2); /* the earlier kit */
        }
    }
    if (err)
        return pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot rename into place: %s", o->final,
                           strerror(err));
    free(o->dir);
    o->dir = o->final;
    o->final = NULL;
    staged_now[0] = '\0';
    return 0;
}

/* Whether ".name.tmp-PID" was left by a process that is gone: one killed mid-write (SIGKILL)
 * leaves it behind, never a half-written output but litter. A live writer's (another kit run
 * into this folder, a worker of this batch) is its own to rename or remove. */
static bool stale_temporary(const char *name)
{
    if (name[0] != '.') return false;
    const char *t = strstr(name, ".tmp-");
    if (!t) return false;
    while (strstr(t + 1, ".tmp-")) t = strstr(t + 1, ".tmp-");
    char *end;
    errno = 0;
    long pid = strtol(t + 5, &end, 10);
    if (*end || end == t + 5 || errno || pid <= 0) return false; /* not a name presskit makes */
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the stale temporaries (files, and kit folders being staged) in dir and, with
 * descend, in its subfolders (charts/), one level down. */
static void clean_stale(const char *dir, bool descend)
{
    DIR *folder = opendir(dir);
    struct dirent *e;
    while (folder && (e = readdir(folder))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        pk_buf path = PK_BUF_INIT;
        pk_buf_printf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stale_temporary(e->d_name)) {
            remove_tree(path.data, 2);
        } else if (descend && e->d_name[0] != '.' && lstat(path.data, &st) == 0 &&
                   S_ISDIR(st.st_mode)) {
            DIR *sub = opendir(path.data);
            struct dirent *f;
            while (sub && (f = readdir(sub))) {
                if (!stale_temporary(f->d_name)) continue;
                pk_buf stale = PK_BUF_INIT;
                pk_buf_printf(&stale, "%s/%s", path.data, f->d_name);
                unlink(stale.data);
                pk_buf_fini(&stale);
            }
            if (sub) closedir(sub);
        }
        pk_buf_fini(&path);
    }
    if (folder) closedir(folder);
}

static int lock_fd(int fd, int how, const char *path, const char *what, pk_diag *d)
{
    if (flock(fd, how | LOCK_NB) == 0) return 0;
    int err = errno;
    if (err == EWOULDBLOCK)
        pk_diag_add(d, PK_FAIL_IO, "%s: error: another presskit batch%s is writing this folder; "
                    "wait for it to finish, or give another --out", path, what);
    else
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot lock the output folder: %s", path,
                    strerror(err));
    return -1;
}

int pk_outdir_lock(const char *dir, unsigned shard_k, unsigned shard_n, int fds[2], pk_diag *d)
{
    fds[0] = fds[1] = -1;
    pk_buf path = PK_BUF_INIT;
    pk_buf_adds(&path, dir);
    while (path.len > 1 && path.data[path.len - 1] == '/') path.data[--path.len] = '\0';
    int rc = -1;
    if (mkdir_p(path.data) != 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot create the output folder: %s", path.data,
                    strerror(errno));
    } else if ((fds[0] = open(path.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot open the output folder: %s", path.data,
                    strerror(errno));
    } else if (!shard_n) {
        rc = lock_fd(fds[0], LOCK_EX, path.data, "", d);
    } else if (lock_fd(fds[0], LOCK_SH, path.data, " (not a shard)", d) == 0) {
        /* shards share the folder; each shard has its own lock file, which a second run of the
         * same shard finds taken */
        pk_buf name = PK_BUF_INIT, what = PK_BUF_INIT;
        pk_buf_printf(&name, "%s/.presskit-shard-%u-of-%u.lock", path.data, shard_k, shard_n);
        pk_buf_printf(&what, " of shard %u/%u", shard_k, shard_n);
        fds[1] = open(name.data, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fds[1] < 0)
            pk_diag_add(d, PK_FAIL_IO, "%s: error: cannot lock the output folder: %s", name.data,
                        strerror(errno));
        else
            rc = lock_fd(fds[1], LOCK_EX, path.data, what.data, d);
        pk_buf_fini(&name);
        pk_buf_fini(&what);
    }
    pk_buf_fini(&path);
    if (rc != 0) pk_outdir_unlock(fds, NULL, 0, 0); /* a lock file another run holds stays */
    return rc;
}

void pk_outdir_unlock(int fds[2], const char *dir, unsigned shard_k, unsigned shard_n)
{
    if (fds[1] >= 0 && dir) { /* removed while still held: no litter in the folder */
        pk_buf name = PK_BUF_INIT;
        pk_buf_printf(&name, "%s/.presskit-shard-%u-of-%u.lock", dir, shard_k, shard_n);
        unlink(name.data);
        pk_buf_fini(&name);
    }
    for (int i = 0; i < 2; i++) /* a lock goes with the last descriptor of it */
        if (fds[i] >= 0) close(fds[i]), fds[i] = -1;
}

void pk_outdir_fini(pk_outdir *o)
{
    if (o->final && o->dir) remove_tree(o->dir, 2); /* staged and not committed */
    if (o->final) staged_now[0] = '\0';
    free(o->final);
    for (size_t i = 0; i < o->n_files; i++) free(o->files[i].name);
    free(o->files);
    free(o->dir);
    memset(o, 0, sizeof *o);
}

int pk_outdir_write(pk_outdir *o, const char *name, const void *data, size_t len, pk_diag *d)
{
    pk_buf final = PK_BUF_INIT, tmp = PK_BUF_INIT, path = PK_BUF_INIT;
    pk_buf_printf(&final, "%s/%s", o->final ? o->final : o->dir, name); /* as messages say */
    pk_buf_printf(&path, "%s/%s", o->dir, name);
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
    note_path(writing_now, sizeof writing_now, tmp.data);
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
    int renamed = rename(tmp.data, path.data);
    writing_now[0] = '\0';
    if (renamed != 0) {
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
    pk_buf_fini(&path);
    return 0;
fail:
    pk_buf_fini(&final);
    pk_buf_fini(&tmp);
    pk_buf_fini(&path);
    return -1;
}
