/*
 * shards.c - opening the shards an index name stands for (see shards.h).
 *
 * Stub files are read (stub.c) here rather than by Xapian so that every
 * remote shard gets the caller's timeout, and a shard that is down can be left
 * out (allow_missing) instead of failing the whole index.
 *
 * Opening goes in three steps: the names are walked (stub files read) into
 * a list of shards; the shards are opened, the remote ones each in its own
 * thread, since a silent server costs a whole timeout and one after
 * another N of them would cost N; then they are added to the database in
 * the order listed, which is the order of the search (ties, missing).
 */
#include "shards.h"

#include "buf.h"
#include "stub.h"
#include "vns_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#define MAX_STUB_DEPTH 8
#define MAX_THREADS 64 /* remote shards opened at once */
#define FORMAT_STRING_(n) #n
#define FORMAT_STRING(n) FORMAT_STRING_(n)

/* One shard to open. */
typedef struct job {
    char *name; /* as given or listed: the local path, or tcp://HOST:PORT */
    char *host; /* remote: the host (with port); NULL for a local shard */
    unsigned port;
    int rc;     /* of the walk, then of the open */
    char *why;  /* vns_errmsg() of a failure, kept from the thread that met
                   it (the detail is per thread) */
    vns__xshard *shard;
    unsigned timeout_ms;
} job;

typedef struct opener {
    job *jobs;
    size_t count, cap;
    unsigned timeout_ms;
    int allow_missing;
} opener;

static int walk_name(opener *o, const char *name, int depth);

/* Appends a shard to open, or (rc != VNS_OK) one that already failed with
 * the current error detail. */
static int add_job(opener *o, const char *name, const char *host,
                   unsigned port, int rc)
{
    if (o->count == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 8;
        job *more = realloc(o->jobs, cap * sizeof *more);
        if (!more)
            return vns__error(VNS_ENOMEM, "out of memory");
        o->jobs = more;
        o->cap = cap;
    }
    job *j = &o->jobs[o->count];
    memset(j, 0, sizeof *j);
    j->name = strdup(name);
    j->host = host ? strdup(host) : NULL;
    j->why = rc != VNS_OK ? strdup(vns_errmsg()) : NULL;
    if (!j->name || (host && !j->host) || (rc != VNS_OK && !j->why)) {
        free(j->name);
        free(j->host);
        free(j->why);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    j->port = port;
    j->rc = rc;
    j->timeout_ms = o->timeout_ms;
    o->count++;
    return VNS_OK;
}

/* A shard that cannot be opened, found while walking: it fails the open
 * at once, unless it may be left out. */
static int walk_failed(opener *o, const char *name, int rc)
{
    if (!o->allow_missing || rc == VNS_ENOMEM || rc == VNS_EINVAL)
        return rc;
    return add_job(o, name, NULL, 0, rc);
}

/* "tcp://HOST:PORT" */
static int walk_remote(opener *o, const char *name)
{
    const char *hostport = name + 6, *colon = strrchr(hostport, ':');
    char host[256], *end;
    long port = colon ? strtol(colon + 1, &end, 10) : 0;

    if (!colon || colon == hostport || *end || port < 1 || port > 65535 ||
        (size_t)(colon - hostport) >= sizeof host)
        return vns__error(VNS_EINVAL, "%s: not tcp://HOST:PORT", name);
    memcpy(host, hostport, (size_t)(colon - hostport));
    host[colon - hostport] = '\0';
    return add_job(o, name, host, (unsigned)port, VNS_OK);
}

/* A shard listed in a stub file, walked one level deeper. */
typedef struct listed {
    opener *o;
    int depth;
} listed;

static int walk_listed(vns__stub_kind kind, const char *where, void *payload)
{
    const listed *l = payload;
    if (kind == VNS__STUB_LOCAL)
        return walk_name(l->o, where, l->depth + 1);
    vns__buf url = VNS__BUF_INIT;
    vns__buf_append(&url, "tcp://", 6);
    vns__buf_append(&url, where, strlen(where) + 1);
    int rc = vns__buf_failed(&url) ? vns__error(VNS_ENOMEM, "out of memory")
                                    : walk_name(l->o, url.ptr, l->depth + 1);
    vns__buf_free(&url);
    return rc;
}

static int walk_stub(opener *o, const char *stub, int depth)
{
    listed l = {o, depth};
    int unreadable, rc;

    if (depth > MAX_STUB_DEPTH)
        return vns__error(VNS_EINVAL, "%s: stub files nested more than %d "
                          "deep", stub, MAX_STUB_DEPTH);
    rc = vns__stub_read(&unreadable, stub, walk_listed, &l);
    return unreadable ? walk_failed(o, stub, rc) : rc;
}

/* What stat() failing on an index name means: nothing there, or a place
 * the caller may not look into (which is not "no index"). */
static int stat_failed(opener *o, const char *name, int err)
{
    if (err == ENOENT || err == ENOTDIR)
        return walk_failed(o, name, vns__error(VNS_ENOTFOUND,
                                               "no index at %s", name));
    return walk_failed(o, name, vns__error(VNS_EIO, "%s: %s", name,
                                           strerror(err)));
}

static int walk_name(opener *o, const char *name, int depth)
{
    struct stat st;

    if (strncmp(name, "tcp://", 6) == 0)
        return walk_remote(o, name);
    if (stat(name, &st) != 0)
        return stat_failed(o, name, errno);
    if (S_ISREG(st.st_mode))
        return walk_stub(o, name, depth);
    char *stub = vns__stub_path(name);
    if (!stub)
        return vns__error(VNS_ENOMEM, "out of memory");
    int rc;
    if (stat(stub, &st) == 0)
        rc = walk_stub(o, stub, depth);
    else if (errno == ENOENT || errno == ENOTDIR)
        rc = add_job(o, name, NULL, 0, VNS_OK);
    else /* a directory that cannot be read: Xapian would say "no index" */
        rc = stat_failed(o, name, errno);
    free(stub);
    return rc;
}

/* Opens one shard, trying again while commits discard what it opened. */
static void open_job(job *j)
{
    vns__retry retry;

    vns__retry_start(&retry);
    do
        j->rc = vns__xrdb_open_shard(&j->shard, j->name, j->host, j->port,
                                     j->timeout_ms,
                                     FORMAT_STRING(VNS_INDEX_FORMAT));
    while (j->rc == VNS_EMODIFIED && vns__retry_again(&retry));
    if (j->rc != VNS_OK && !(j->why = strdup(vns_errmsg())))
        j->rc = VNS_ENOMEM;
}

static void *open_in_thread(void *arg)
{
    open_job(arg);
    return NULL;
}

/* Opens the remote shards jobs[0..count) side by side, a thread each
 * (one that cannot be started opens in this thread). */
static void open_remote_wave(job **jobs, size_t count)
{
    pthread_t threads[MAX_THREADS];
    int started[MAX_THREADS];

    for (size_t i = 0; i < count; i++)
        started[i] = pthread_create(&threads[i], NULL, open_in_thread,
                                    jobs[i]) == 0;
    for (size_t i = 0; i < count; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else
            open_job(jobs[i]);
    }
}

/* The first shard that failed, or NULL. */
static const job *first_failed(const opener *o)
{
    for (size_t i = 0; i < o->count; i++)
        if (o->jobs[i].rc != VNS_OK)
            return &o->jobs[i];
    return NULL;
}

/* Opens every shard listed: local ones here, one after another (they take
 * milliseconds), remote ones in waves of MAX_THREADS threads; those not
 * at all when a local one failed and none may be left out. */
static void open_jobs(opener *o)
{
    job *wave[MAX_THREADS];
    size_t n = 0;

    for (size_t i = 0; i < o->count; i++)
        if (o->jobs[i].rc == VNS_OK && !o->jobs[i].host)
            open_job(&o->jobs[i]);
    if (!o->allow_missing && first_failed(o))
        return;
    for (size_t i = 0; i < o->count; i++) {
        if (o->jobs[i].rc != VNS_OK || !o->jobs[i].host)
            continue;
        wave[n++] = &o->jobs[i];
        if (n == MAX_THREADS) {
            open_remote_wave(wave, n);
            n = 0;
        }
    }
    open_remote_wave(wave, n);
}

/* Records a shard left out (allow_missing) with the reason of its job. */
static int leave_out(vns__missing *m, const job *j)
{
    char **names = realloc(m->names, (m->count + 1) * sizeof *names);
    if (names)
        m->names = names;
    char **reasons = realloc(m->reasons, (m->count + 1) * sizeof *reasons);
    if (reasons)
        m->reasons = reasons;
    char *n = strdup(j->name), *r = strdup(j->why ? j->why : "");
    if (!names || !reasons || !n || !r) {
        free(n);
        free(r);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    m->names[m->count] = n;
    m->reasons[m->count++] = r;
    return VNS_OK;
}

/* Adds the opened shards in their order. The first failure in that order
 * fails the whole (its detail recorded again in this thread), unless
 * shards may be left out. */
static int add_jobs(opener *o, vns__xrdb *db, vns__missing *missing,
                    size_t *opened)
{
    const job *failed = first_failed(o);

    if (failed && (!o->allow_missing || failed->rc == VNS_ENOMEM ||
                   failed->rc == VNS_EINVAL))
        return vns__error(failed->rc, "%s",
                          failed->why ? failed->why : "out of memory");
    for (size_t i = 0; i < o->count; i++) {
        const job *j = &o->jobs[i];
        int rc = j->rc == VNS_OK ? vns__xrdb_add_shard(db, j->shard)
                                 : leave_out(missing, j);
        if (rc != VNS_OK)
            return rc;
        *opened += j->rc == VNS_OK;
    }
    return VNS_OK;
}

int vns__shards_open(vns__xrdb *db, const char *const *names, size_t count,
                     unsigned timeout_ms, int allow_missing,
                     vns__missing *missing, size_t *opened)
{
    opener o = {NULL, 0, 0, timeout_ms, allow_missing};
    int rc = VNS_OK;

    for (size_t i = 0; rc == VNS_OK && i < count; i++)
        rc = names[i] ? walk_name(&o, names[i], 0)
                      : vns__error(VNS_EINVAL, "vns_index_open: NULL name");
    if (rc == VNS_OK) {
        open_jobs(&o);
        rc = add_jobs(&o, db, missing, opened);
    }
    for (size_t i = 0; i < o.count; i++) {
        free(o.jobs[i].name);
        free(o.jobs[i].host);
        free(o.jobs[i].why);
        vns__xrdb_shard_free(o.jobs[i].shard);
    }
    free(o.jobs);
    return rc;
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

static double monotonic_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void vns__retry_start(vns__retry *r)
{
    r->deadline = monotonic_seconds() + VNS__MODIFIED_RETRY_MS / 1000.0;
    r->pause_ms = 0;
    r->tries = 1;
}

int vns__retry_again(vns__retry *r)
{
    if (monotonic_seconds() >= r->deadline)
        return 0;
    if (r->pause_ms) {
        struct timespec pause = {0, (long)r->pause_ms * 1000000L};
        nanosleep(&pause, NULL);
    }
    /* 0 (the latest revision at once: most often enough), 1, 2, 4 ... */
    r->pause_ms = r->pause_ms ? 2 * r->pause_ms : 1;
    if (r->pause_ms > VNS__MODIFIED_PAUSE_MS)
        r->pause_ms = VNS__MODIFIED_PAUSE_MS;
    r->tries++;
    return 1;
}
