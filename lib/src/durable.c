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

int vns__durable_replace(const char *dir, const char *name, const char *text,
                         size_t len)
{
    char tmp[64], *path = vns__durable_path(dir, name), *tmp_path = NULL;
    int rc = VNS_OK, fd;

    snprintf(tmp, sizeof tmp, "%.32s.tmp-%ld", name, (long)getpid());
    if (!path || !(tmp_path = vns__durable_path(dir, tmp)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    else if (says(path, text, len))
        rc = VNS_OK;
    else if ((fd = open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0 ||
             write(fd, text, len) != (ssize_t)len || fsync(fd) != 0 ||
             close(fd) != 0 || rename(tmp_path, path) != 0)
        rc = vns__error(VNS_EIO, "%s: %s", path, strerror(errno));
    else
        rc = vns__durable_sync_dir(dir);
    free(tmp_path);
    free(path);
    return rc;
}
