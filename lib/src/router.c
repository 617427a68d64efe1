/*
 * router.c - a sharded index (vns_writer_open_sharded): a directory of
 * shard indexes, one per publication year ("2019", ..., "undated") or per
 * id hash ("hash-0", ...), each written by its own vns_writer, and a stub
 * file XAPIANDB listing them ("auto 2019" ...), through which Xapian and
 * vns_index_open() see the directory as one index.
 *
 * A nightly run writes only to the shards its changed articles belong
 * to; the others get no new revision. An article whose year changed is
 * added to its new shard and deleted from the others (year shards only:
 * an id always hashes to the same shard).
 */
#include "router.h"

#include "buf.h"
#include "hash.h"
#include "vns_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STUB "XAPIANDB"

typedef struct shard {
    char *name;
    vns_writer *w; /* NULL until needed */
    int created;   /* by this router: it holds only ids it was given */
} shard;

struct vns__router {
    char *path;
    vns_shard_by by;
    unsigned count; /* hash shards */
    size_t batch;
    int batch_set;
    unsigned proc, procs;
    int locked;    /* every shard this process owns is open */
    shard *shards; /* sorted by name */
    size_t n;
};

static char *join(const char *dir, const char *name)
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

char *vns__router_stub_path(const char *dir)
{
    return join(dir, STUB);
}

/* Whether dir/name is a Xapian database (glass). */
static int is_index(const char *dir, const char *name)
{
    struct stat st;
    char *sub = join(dir, name), *version = sub ? join(sub, "iamglass")
                                                : NULL;
    int yes = version && stat(version, &st) == 0;
    free(sub);
    free(version);
    return yes;
}

/* Whether `name` is a shard name of this router's kind. */
static int valid_name(const vns__router *r, const char *name)
{
    char *end;
    if (r->by == VNS_SHARD_BY_YEAR)
        return strcmp(name, "undated") == 0 ||
               (strlen(name) == 4 && strspn(name, "0123456789") == 4);
    if (strncmp(name, "hash-", 5) != 0 || !name[5])
        return 0;
    errno = 0;
    unsigned long k = strtoul(name + 5, &end, 10);
    return !errno && !*end && k < r->count;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shard indexes in the directory now, sorted: *names (each malloc'd). */
static int list_shards(const vns__router *r, char ***names, size_t *n)
{
    DIR *d = opendir(r->path);
    struct dirent *e;
    size_t cap = 0;
    int rc = VNS_OK;

    *names = NULL;
    *n = 0;
    if (!d)
        return vns__error(VNS_EIO, "%s: %s", r->path, strerror(errno));
    while (rc == VNS_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !is_index(r->path, e->d_name))
            continue;
        if (!valid_name(r, e->d_name))
            rc = vns__error(VNS_EINVAL, "%s: shard %s is not one of --shard-by "
                            "%s", r->path, e->d_name,
                            r->by == VNS_SHARD_BY_YEAR ? "year" : "hash");
        else if (*n == cap &&
                 !(*names = realloc(*names, (cap = cap ? 2 * cap : 16) *
                                                sizeof **names)))
            rc = vns__error(VNS_ENOMEM, "out of memory");
        else if (!((*names)[(*n)++] = strdup(e->d_name)))
            rc = vns__error(VNS_ENOMEM, "out of memory");
    }
    closedir(d);
    if (rc == VNS_OK && *n)
        qsort(*names, *n, sizeof **names, by_name);
    return rc;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
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

/* Writes `text` to dir/STUB through a temporary file and a rename, both
 * synced, unless the file already says that. */
static int replace_stub(const char *dir, const char *text, size_t len)
{
    char *stub = vns__router_stub_path(dir), tmp[64];
    int rc = VNS_OK, fd;

    if (!stub)
        return vns__error(VNS_ENOMEM, "out of memory");
    if (says(stub, text, len)) {
        free(stub);
        return VNS_OK;
    }
    snprintf(tmp, sizeof tmp, STUB ".tmp-%ld", (long)getpid());
    char *tmp_path = join(dir, tmp);
    if (!tmp_path)
        rc = vns__error(VNS_ENOMEM, "out of memory");
    else if ((fd = open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0 ||
             write(fd, text, len) != (ssize_t)len || fsync(fd) != 0 ||
             close(fd) != 0 || rename(tmp_path, stub) != 0)
        rc = vns__error(VNS_EIO, "%s: %s", stub, strerror(errno));
    if (rc == VNS_OK && (fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
        if (fsync(fd) != 0)
            rc = vns__error(VNS_EIO, "fsync %s: %s", dir, strerror(errno));
        close(fd);
    }
    free(tmp_path);
    free(stub);
    return rc;
}

/* Lists every shard of the directory in its stub file. Read from the
 * directory, not from this router, so that processes writing different
 * shards of one index (--jobs) do not drop each other's. */
static int write_stub(const vns__router *r)
{
    vns__buf text = VNS__BUF_INIT;
    char **names;
    size_t n;
    int rc = list_shards(r, &names, &n);

    for (size_t i = 0; rc == VNS_OK && i < n; i++) {
        vns__buf_append(&text, "auto ", 5);
        vns__buf_append(&text, names[i], strlen(names[i]));
        vns__buf_append(&text, "\n", 1);
    }
    if (rc == VNS_OK)
        rc = vns__buf_failed(&text)
                 ? vns__error(VNS_ENOMEM, "out of memory")
                 : replace_stub(r->path, text.ptr ? text.ptr : "", text.len);
    vns__buf_free(&text);
    free_names(names, n);
    return rc;
}

int vns__router_open(vns__router **out, const char *path, unsigned flags,
                     vns_shard_by by, unsigned count)
{
    vns__router *r;
    char **names = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    if ((by != VNS_SHARD_BY_YEAR && by != VNS_SHARD_BY_HASH) ||
        (by == VNS_SHARD_BY_HASH && (count < 1 || count > 1000)))
        return vns__error(VNS_EINVAL, "shard by year, or by hash into 1 to "
                          "1000 shards");
    if ((flags & VNS_WRITER_CREATE) && mkdir(path, 0777) != 0 &&
        errno != EEXIST)
        return vns__error(VNS_EIO, "%s: %s", path, strerror(errno));
    if (!(r = calloc(1, sizeof *r)) || !(r->path = strdup(path))) {
        free(r);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    r->by = by;
    r->count = count;
    if (is_index(path, "."))
        rc = vns__error(VNS_EINVAL, "%s is an index of one database: "
                        "rebuild it as shards with --full", path);
    else if ((rc = list_shards(r, &names, &n)) == VNS_OK &&
        !(r->shards = calloc(n ? n : 1, sizeof *r->shards)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    for (size_t i = 0; rc == VNS_OK && i < n; i++) {
        r->shards[i].name = names[i];
        names[i] = NULL;
        r->n++;
    }
    if (rc == VNS_OK)
        rc = write_stub(r);
    free_names(names, n);
    if (rc != VNS_OK) {
        vns__router_close(r);
        return rc;
    }
    *out = r;
    return VNS_OK;
}

void vns__router_close(vns__router *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        vns_writer_close(r->shards[i].w);
        free(r->shards[i].name);
    }
    free(r->shards);
    free(r->path);
    free(r);
}

void vns__router_set_batch(vns__router *r, size_t documents)
{
    r->batch = documents;
    r->batch_set = 1;
    for (size_t i = 0; i < r->n; i++)
        if (r->shards[i].w)
            vns_writer_set_batch(r->shards[i].w, documents);
}

void vns__router_set_process(vns__router *r, unsigned index, unsigned count)
{
    r->proc = index;
    r->procs = count;
}

static int owned(const vns__router *r, const char *name)
{
    return r->procs <= 1 || vns__fnv32(name, strlen(name)) % r->procs ==
                                r->proc;
}

/* Opens shard s's writer; a new shard's format is committed at once, so
 * that a reader never finds it without one. */
static int open_shard(vns__router *r, shard *s, int is_new)
{
    char *sub = join(r->path, s->name);
    int rc = sub ? vns_writer_open(&s->w, sub, VNS_WRITER_CREATE)
                 : vns__error(VNS_ENOMEM, "out of memory");
    free(sub);
    if (rc == VNS_OK && r->batch_set)
        vns_writer_set_batch(s->w, r->batch);
    if (rc == VNS_OK && is_new && (rc = vns__writer_commit(s->w)) == VNS_OK)
        rc = write_stub(r);
    return rc;
}

/* The shard called `name`, opened, created if need be. */
static int get_shard(vns__router *r, const char *name, shard **out)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->shards[mid].name, name);
        if (c == 0) {
            *out = &r->shards[mid];
            return (*out)->w ? VNS_OK : open_shard(r, *out, 0);
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    shard *more = realloc(r->shards, (r->n + 1) * sizeof *more);
    char *copy = strdup(name);
    if (more)
        r->shards = more;
    if (!more || !copy) {
        free(copy);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    memmove(&r->shards[lo + 1], &r->shards[lo],
            (r->n - lo) * sizeof *r->shards);
    r->shards[lo] = (shard){copy, NULL, 1};
    r->n++;
    *out = &r->shards[lo];
    return open_shard(r, *out, 1);
}

/* Opens every shard this process owns, before the first change: holding
 * their locks keeps a second writer out before anything is written. Not
 * at vns__router_open, since vns__router_set_process, which says which
 * shards are this process's, comes after it. */
static int open_owned(vns__router *r)
{
    int rc = VNS_OK;
    for (size_t i = 0; rc == VNS_OK && i < r->n; i++)
        if (!r->shards[i].w && owned(r, r->shards[i].name))
            rc = open_shard(r, &r->shards[i], 0);
    r->locked = rc == VNS_OK;
    return rc;
}

int vns__router_add(vns__router *r, const vns_article *a,
                    const char *origin, size_t origin_len,
                    vns_write_result *result)
{
    char name[16];
    vns_write_result done = VNS_WRITE_OTHER_SHARD;
    shard *s = NULL;
    int rc = VNS_OK;

    if (!r->locked && (rc = open_owned(r)) != VNS_OK)
        return rc;
    if (r->by == VNS_SHARD_BY_YEAR && a->date)
        snprintf(name, sizeof name, "%04u", (unsigned)(a->date / 10000));
    else if (r->by == VNS_SHARD_BY_YEAR)
        snprintf(name, sizeof name, "undated");
    else
        snprintf(name, sizeof name, "hash-%u",
                 (unsigned)(vns__fnv32(a->id, a->id_len) % r->count));
    if (owned(r, name) && (rc = get_shard(r, name, &s)) == VNS_OK)
        rc = vns__writer_add_from(s->w, a, origin, origin_len, &done);
    /* New to its year: it may have been in another year before. */
    if (rc == VNS_OK && done == VNS_WRITE_ADDED &&
        r->by == VNS_SHARD_BY_YEAR) {
        for (size_t i = 0; rc == VNS_OK && i < r->n; i++) {
            const shard *o = &r->shards[i];
            int moved = 0;
            /* A shard made by this run holds only what it was given: no
             * lookup there for the other ids (all of them, in a full
             * build). */
            if (o->w && strcmp(o->name, name) != 0 &&
                (!o->created || vns__writer_has_seen(o->w, a->id, a->id_len)))
                rc = vns__writer_delete(o->w, a->id, a->id_len, &moved);
            if (moved)
                done = VNS_WRITE_UPDATED;
        }
    }
    if (result)
        *result = done;
    return rc;
}

int vns__router_delete(vns__router *r, const char *id, size_t id_len,
                       int *deleted)
{
    int rc = open_owned(r), any = 0;
    for (size_t i = 0; rc == VNS_OK && i < r->n; i++) {
        int was = 0;
        if (r->shards[i].w)
            rc = vns__writer_delete(r->shards[i].w, id, id_len, &was);
        any |= was;
    }
    if (deleted)
        *deleted = rc == VNS_OK && any;
    return rc;
}

int vns__router_each_writer(vns__router *r,
                            int (*cb)(vns_writer *shard, void *payload),
                            void *payload)
{
    int rc = r->locked ? VNS_OK : open_owned(r);
    for (size_t i = 0; rc == VNS_OK && i < r->n; i++)
        if (r->shards[i].w)
            rc = cb(r->shards[i].w, payload);
    return rc;
}

int vns__router_commit(vns__router *r)
{
    int rc = VNS_OK;
    for (size_t i = 0; rc == VNS_OK && i < r->n; i++)
        if (r->shards[i].w && vns__writer_pending(r->shards[i].w))
            rc = vns__writer_commit(r->shards[i].w);
    return rc;
}

uint64_t vns__router_committed(const vns__router *r)
{
    uint64_t total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += vns_writer_committed(r->shards[i].w);
    return total;
}
