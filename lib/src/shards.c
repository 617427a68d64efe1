/*
 * shards.c - opening the shards an index name stands for (see shards.h).
 *
 * Stub files are read here rather than by Xapian so that every remote
 * shard gets the caller's timeout, and a shard that is down can be left
 * out (allow_missing) instead of failing the whole index.
 */
#include "shards.h"

#include "buf.h"
#include "router.h"
#include "vns_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_STUB_DEPTH 8
#define FORMAT_STRING_(n) #n
#define FORMAT_STRING(n) FORMAT_STRING_(n)

typedef struct opener {
    vns__xrdb *db;
    unsigned timeout_ms;
    int allow_missing;
    vns__missing *missing;
    size_t *opened;
} opener;

static int open_name(opener *o, const char *name, int depth);

/* Counts a shard that opened; records one that did not, when allowed. */
static int settle(opener *o, const char *name, int rc)
{
    if (rc == VNS_OK) {
        (*o->opened)++;
        return VNS_OK;
    }
    if (!o->allow_missing || rc == VNS_ENOMEM || rc == VNS_EINVAL)
        return rc;
    vns__missing *m = o->missing;
    char **names = realloc(m->names, (m->count + 1) * sizeof *names);
    if (names)
        m->names = names;
    char **reasons = realloc(m->reasons, (m->count + 1) * sizeof *reasons);
    if (reasons)
        m->reasons = reasons;
    char *n = strdup(name), *r = strdup(vns_errmsg());
    if (!names || !reasons || !n || !r) {
        free(n);
        free(r);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    m->names[m->count] = n;
    m->reasons[m->count++] = r;
    return VNS_OK;
}

/* "tcp://HOST:PORT" */
static int open_remote(opener *o, const char *name)
{
    const char *hostport = name + 6, *colon = strrchr(hostport, ':');
    char host[256], *end;
    long port = colon ? strtol(colon + 1, &end, 10) : 0;

    if (!colon || colon == hostport || *end || port < 1 || port > 65535 ||
        (size_t)(colon - hostport) >= sizeof host)
        return vns__error(VNS_EINVAL, "%s: not tcp://HOST:PORT", name);
    memcpy(host, hostport, (size_t)(colon - hostport));
    host[colon - hostport] = '\0';
    return settle(o, name,
                  vns__xrdb_add(o->db, name, host, (unsigned)port,
                                o->timeout_ms,
                                FORMAT_STRING(VNS_INDEX_FORMAT)));
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
static int stub_line(opener *o, const char *stub, unsigned long lineno,
                     char *line, int depth)
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
        int rc = path ? open_name(o, path, depth + 1)
                      : vns__error(VNS_ENOMEM, "out of memory");
        free(path);
        return rc;
    }
    if (*rest && !strcmp(type, "remote") && *rest != ':') {
        vns__buf url = VNS__BUF_INIT;
        vns__buf_append(&url, "tcp://", 6);
        vns__buf_append(&url, rest, strlen(rest) + 1);
        int rc = vns__buf_failed(&url) ? vns__error(VNS_ENOMEM, "out of memory")
                                        : open_name(o, url.ptr, depth + 1);
        vns__buf_free(&url);
        return rc;
    }
    return vns__error(VNS_EINVAL, "%s:%lu: not a shard line (auto PATH, "
                      "glass PATH or remote HOST:PORT)", stub, lineno);
}

static int open_stub(opener *o, const char *stub, int depth)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    int rc = VNS_OK;
    FILE *f;

    if (depth > MAX_STUB_DEPTH)
        return vns__error(VNS_EINVAL, "%s: stub files nested more than %d "
                          "deep", stub, MAX_STUB_DEPTH);
    if (!(f = fopen(stub, "r")))
        return settle(o, stub, vns__error(VNS_EIO, "%s: cannot read the "
                                          "stub file", stub));
    while (rc == VNS_OK && getline(&line, &cap, f) != -1) {
        line[strcspn(line, "\n")] = '\0';
        rc = stub_line(o, stub, ++lineno, line, depth);
    }
    free(line);
    fclose(f);
    return rc;
}

static int open_name(opener *o, const char *name, int depth)
{
    struct stat st;

    if (strncmp(name, "tcp://", 6) == 0)
        return open_remote(o, name);
    if (stat(name, &st) != 0)
        return settle(o, name, vns__error(VNS_ENOTFOUND, "no index at %s",
                                          name));
    if (S_ISREG(st.st_mode))
        return open_stub(o, name, depth);
    char *stub = vns__router_stub_path(name);
    if (!stub)
        return vns__error(VNS_ENOMEM, "out of memory");
    int rc = stat(stub, &st) == 0
                 ? open_stub(o, stub, depth)
                 : settle(o, name,
                          vns__xrdb_add(o->db, name, NULL, 0, 0,
                                        FORMAT_STRING(VNS_INDEX_FORMAT)));
    free(stub);
    return rc;
}

int vns__shards_add(vns__xrdb *db, const char *name, unsigned timeout_ms,
                    int allow_missing, vns__missing *missing, size_t *opened)
{
    opener o = {db, timeout_ms, allow_missing, missing, opened};
    return open_name(&o, name, 0);
}

void vns__missing_free(vns__missing *m)
{
    for (size_t i = 0; i < m->count; i++) {
        free(m->names[i]);
        free(m->reasons[i]);
    }
    free(m->names);
    free(m->reasons);
    memset(m, 0, sizeof *m);
}
