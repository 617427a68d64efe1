/*
 * durable.c - see durable.h. Xapian 1.4 syncs the files of a commit but
 * not the directory holding them, and a rename is durable only once its
 * directory is synced.
 */
#include "durable.h"

#include "vns_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int vns__durable_sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return vns__error(VNS_EIO, "%s: %s", path, strerror(errno));
    int rc = fsync(fd) == 0 ? VNS_OK
                            : vns__error(VNS_EIO, "fsync %s: %s", path,
                                         strerror(errno));
    close(fd);
    return rc;
}

char *vns__durable_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* Whether the regular file at `path` holds exactly text[0..len). Opened
 * without blocking and checked, so that a FIFO put there cannot hang. */
static int says(const char *path, const char *text, size_t len)
{
    struct stat st;
    char *old;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), same = 0;

    if (fd < 0)
        return 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size == len && (old = malloc(len + 1))) {
        same = read(fd, old, len + 1) == (ssize_t)len &&
               memcmp(old, text, len) == 0;
        free(old);
    }
    close(fd);
    return same;
}

/* Writes text to a new file at tmp, synced, then renames it to path; on
 * any failure the temporary file is closed and removed. */
static int write_then_rename(const char *tmp, const char *path,
                             const char *text, size_t len)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return vns__error(VNS_EIO, "%s: %s", tmp, strerror(errno));
    ssize_t wrote = write(fd, text, len);
    int err = wrote < 0 ? errno : (size_t)wrote != len ? ENOSPC : 0;
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err)
        unlink(tmp);
    return err ? vns__error(VNS_EIO, "%s: %s", path, strerror(err)) : VNS_OK;
}

int vns__durable_replace(const char *dir, const char *name, const char *text,
                         size_t len)
{
    char tmp[64], *path = vns__durable_path(dir, name), *tmp_path = NULL;
    int rc = VNS_OK;

    snprintf(tmp, sizeof tmp, "%.32s.tmp-%ld", name, (long)getpid());
    if (!path || !(tmp_path = vns__durable_path(dir, tmp)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    else if (says(path, text, len))
        rc = VNS_OK;
    else if ((rc = write_then_rename(tmp_path, path, text, len)) == VNS_OK)
        rc = vns__durable_sync_dir(dir);
    free(tmp_path);
    free(path);
    return rc;
}
