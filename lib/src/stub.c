/*
 * stub.c - the stub file of a sharded index, both ways (see stub.h), and
 * what it says of a directory: vns_index_layout().
 *
 * The writer lists the shards in the directory, not those it knows of,
 * so that processes writing different shards of one index (--jobs) do not
 * drop each other's. Readers are given stub files of any origin: a FIFO,
 * a device or a huge file named as one is refused unread.
 */
#include "stub.h"

#include "buf.h"
#include "durable.h"
#include "vns_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_STUB_BYTES (1u << 20)

char *vns__stub_path(const char *dir)
{
    return vns__durable_path(dir, VNS__STUB_NAME);
}

/* Whether something is at path: 1, 0 (nothing), or VNS_EIO. */
static int exists(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return 1;
    return errno == ENOENT || errno == ENOTDIR
               ? 0
               : vns__error(VNS_EIO, "%s: %s", path, strerror(errno));
}

int vns__stub_in(const char *dir)
{
    char *stub = vns__stub_path(dir);
    int rc = stub ? exists(stub) : vns__error(VNS_ENOMEM, "out of memory");
    free(stub);
    return rc;
}

int vns__stub_layout(vns_layout *out, const char *path)
{
    int there = exists(path), stub = there == 1 ? vns__stub_in(path) : 0;

    *out = VNS_LAYOUT_NONE;
    if (there < 0 || stub < 0)
        return there < 0 ? there : stub;
    *out = stub ? VNS_LAYOUT_SHARDED
                : there ? VNS_LAYOUT_SINGLE : VNS_LAYOUT_NONE;
    return VNS_OK;
}

vns_status vns_index_layout(vns_layout *out, const char *path)
{
    vns__error_clear();
    if (!out || !path)
        return vns__error(VNS_EINVAL, "vns_index_layout: NULL argument");
    return (vns_status)vns__stub_layout(out, path);
}

int vns__stub_write(const char *dir, char *const *names, size_t n)
{
    vns__buf text = VNS__BUF_INIT;
    int rc;

    for (size_t i = 0; i < n; i++) {
        vns__buf_append(&text, "auto ", 5);
        vns__buf_append(&text, names[i], strlen(names[i]));
        vns__buf_append(&text, "\n", 1);
    }
    rc = vns__buf_failed(&text)
             ? vns__error(VNS_ENOMEM, "out of memory")
             : vns__durable_replace(dir, VNS__STUB_NAME,
                                    text.ptr ? text.ptr : "", text.len);
    vns__buf_free(&text);
    return rc;
}

/* PATH relative to the folder of the stub file `stub`, unless absolute. */
static char *beside(const char *stub, const char *path)
{
    const char *slash = strrchr(stub, '/');
    size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - stub) + 1;
    char *out = malloc(dir + strlen(path) + 1);
    if (out) {
        memcpy(out, stub, dir);
        strcpy(out + dir, path);
    }
    return out;
}

/* One line of a stub file, without its newline. */
static int stub_line(const char *stub, unsigned long lineno, char *line,
                     vns__stub_cb cb, void *payload)
{
    char *type = line + strspn(line, " \t"), *rest;
    size_t end = strlen(type);

    while (end > 0 && strchr(" \t\r", type[end - 1]))
        type[--end] = '\0';
    if (!*type || *type == '#')
        return VNS_OK;
    rest = type + strcspn(type, " \t");
    if (*rest)
        *rest++ = '\0';
    rest += strspn(rest, " \t");
    if (*rest && (!strcmp(type, "auto") || !strcmp(type, "glass"))) {
        char *path = beside(stub, rest);
        int rc = path ? cb(VNS__STUB_LOCAL, path, payload)
                      : vns__error(VNS_ENOMEM, "out of memory");
        free(path);
        return rc;
    }
    if (*rest && !strcmp(type, "remote") && *rest != ':')
        return cb(VNS__STUB_REMOTE, rest, payload);
    return vns__error(VNS_EINVAL, "%s:%lu: not a shard line (auto PATH, "
                      "glass PATH or remote HOST:PORT)", stub, lineno);
}

/* Opened without blocking, then checked: see the top of the file. */
static FILE *open_stub(const char *stub, int *rc)
{
    struct stat st;
    FILE *f = NULL;
    int fd = open(stub, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &st) != 0)
        *rc = vns__error(VNS_EIO, "%s: cannot read the stub file: %s", stub,
                         strerror(errno));
    else if (!S_ISREG(st.st_mode))
        *rc = vns__error(VNS_EINVAL, "%s: not a stub file (not a regular "
                         "file)", stub);
    else if (st.st_size > MAX_STUB_BYTES)
        *rc = vns__error(VNS_EINVAL, "%s: not a stub file (larger than 1 "
                         "MiB)", stub);
    else if (!(f = fdopen(fd, "r")))
        *rc = vns__error(VNS_ENOMEM, "out of memory");
    if (!f && fd >= 0)
        close(fd);
    return f;
}

int vns__stub_read(int *unreadable_out, const char *stub, vns__stub_cb cb,
                   void *payload)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    int rc = VNS_OK;
    FILE *f = open_stub(stub, &rc);

    *unreadable_out = !f;
    if (!f)
        return rc;
    while (rc == VNS_OK && getline(&line, &cap, f) != -1) {
        line[strcspn(line, "\n")] = '\0';
        rc = stub_line(stub, ++lineno, line, cb, payload);
    }
    free(line);
    fclose(f);
    return rc;
}
