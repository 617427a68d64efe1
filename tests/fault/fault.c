/*
 * fault.c - an LD_PRELOAD library that makes one write-side system call
 * fail, to test what vnsearch-index does with an I/O error at each point
 * where a commit writes (tests/cli/ioerror.sh).
 *
 * Calls counted, in the order the process makes them: write, pwrite,
 * pwrite64, writev, fsync, fdatasync, rename, renameat, renameat2 (the
 * calls made directly by a library or program; glibc's own internal calls,
 * as in stdio, are not seen).
 *   VNS_FAULT_AT=N      the Nth counted call fails (unset: none)
 *   VNS_FAULT_ERRNO=E   with errno E (default EIO; ENOSPC is 28)
 *   VNS_FAULT_LOG=FILE  append each counted call's name, one per line
 *   VNS_FAULT_FD_MIN=K  count only calls on descriptors >= K (default 3:
 *                       not the program's stdout and stderr)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static long calls;

/* Whether this call is the one to fail; logs it when asked to. */
static int fail_here_fd(const char *name, int fd)
{
    static long at = -1;
    static int fd_log = -2;
    if (at < 0) {
        const char *s = getenv("VNS_FAULT_AT");
        at = s ? atol(s) : 0;
    }
    if (fd_log == -2) {
        const char *path = getenv("VNS_FAULT_LOG");
        int (*real_open)(const char *, int, ...) =
            (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
        fd_log = path ? real_open(path, O_WRONLY | O_APPEND | O_CREAT, 0644)
                      : -1;
    }
    calls++;
    if (fd_log >= 0) {
        char line[600], link[64], path[512] = "";
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t len = fd >= 0 ? readlink(link, path, sizeof path - 1) : -1;
        path[len > 0 ? len : 0] = '\0';
        const char *base = strrchr(path, '/');
        int n = snprintf(line, sizeof line, "%ld %s %s\n", calls, name,
                         base ? base + 1 : "-");
        ssize_t (*real_write)(int, const void *, size_t) =
            (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
        if (real_write(fd_log, line, (size_t)n) != n)
            fd_log = -1;
    }
    if (calls == at) {
        const char *e = getenv("VNS_FAULT_ERRNO");
        errno = e ? atoi(e) : EIO;
        return 1;
    }
    return 0;
}

static int fail_here(const char *name)
{
    return fail_here_fd(name, -1);
}

static int counted_fd(int fd)
{
    const char *s = getenv("VNS_FAULT_FD_MIN");
    return fd >= (s ? atoi(s) : 3);
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
    if (counted_fd(fd) && fail_here_fd("write", fd))
        return -1;
    return REAL(write)(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    if (counted_fd(fd) && fail_here_fd("pwrite", fd))
        return -1;
    return REAL(pwrite)(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    if (counted_fd(fd) && fail_here_fd("pwrite64", fd))
        return -1;
    return REAL(pwrite64)(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
    if (counted_fd(fd) && fail_here_fd("writev", fd))
        return -1;
    return REAL(writev)(fd, iov, count);
}

int fsync(int fd)
{
    if (fail_here_fd("fsync", fd))
        return -1;
    return REAL(fsync)(fd);
}

int fdatasync(int fd)
{
    if (fail_here_fd("fdatasync", fd))
        return -1;
    return REAL(fdatasync)(fd);
}

int rename(const char *from, const char *to)
{
    if (fail_here("rename"))
        return -1;
    return REAL(rename)(from, to);
}

int renameat(int dfrom, const char *from, int dto, const char *to)
{
    if (fail_here("renameat"))
        return -1;
    return REAL(renameat)(dfrom, from, dto, to);
}

int renameat2(int dfrom, const char *from, int dto, const char *to,
              unsigned flags)
{
    if (fail_here("renameat2"))
        return -1;
    return REAL(renameat2)(dfrom, from, dto, to, flags);
}
