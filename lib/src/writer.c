/*
 * writer.c - vns_writer: an index written as one or more databases
 * (dbwriter.c) and the rule that routes each article to one of them
 * (route.c): the whole index for a single database, a shard of a
 * directory of shards listed in a stub file (stub.c) otherwise.
 *
 * Nothing past opening asks how the index is laid out: every call goes
 * through the rule and over the list of databases. A single database is
 * opened at once; shards when first needed, and all those of this part
 * at the first change, so that a second writer is kept out before
 * anything is written (not at open: vns_writer_set_part(), which says
 * which shards are this part's, comes after it). A run writes only to the
 * databases whose articles changed; an article whose shard changed (year
 * shards) is deleted from its old one. The articles a run was not given
 * are unseen.c's, over vns__writer_each_db().
 *
 * A segmented writer (vns_writer_open_segmented(), a --full build) is a
 * directory of databases too, seg-000000, seg-000001, ..., listed in its
 * stub like shards, but filled one after the other: each takes `segment`
 * articles, is committed and closed, and the next is begun. The roll-over
 * lives here, not in the indexer, because the writer is what keeps a
 * run's state (the ids given, the inputs read, the articles kept over by
 * vns_writer_keep_unread()): a new writer per segment would lose it, and
 * every caller of the library gets the bounded databases. Replacing an
 * article of an earlier segment deletes it there, as a year shard does.
 */
#include "vnsearch.h"

#include "buf.h"
#include "date.h"
#include "dbwriter.h"
#include "durable.h"
#include "idset.h"
#include "inputs.h"
#include "route.h"
#include "stub.h"
#include "vns_internal.h"
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_BATCH 250
#define SEGMENT_NAME "seg-%06zu" /* the stub lists them in this order */

/* One database of the index: the whole ("") or a shard. */
typedef struct database {
    char *name;
    vns__dbw *d;      /* NULL until needed */
    int created;      /* by this writer: it holds only the ids it was given */
    vns__idset given; /* created: those ids */
} database;

struct vns_writer {
    char *path;
    vns__route route;
    database *dbs;       /* sorted by name */
    size_t n;
    int all_open;        /* every database of this part is open */
    int started;         /* a change was asked for: the part is fixed */
    size_t batch;
    uint64_t input_limit;
    vns__idset seen;     /* ids given since open */
    vns__inputs inputs;  /* what vns_writer_add_path read */
    vns_follow follow;   /* symbolic links in walked directories */
    size_t segment;      /* articles per segment; 0: not segmented */
    size_t segments;     /* begun; the last is being filled */
    size_t in_segment;   /* written into the last segment */
    uint64_t closed_committed; /* of the segments closed */
};

/* Whether dir/name is a Xapian database (glass). */
static int is_database(const char *dir, const char *name)
{
    struct stat st;
    char *sub = vns__durable_path(dir, name);
    char *version = sub ? vns__durable_path(sub, "iamglass") : NULL;
    int yes = version && stat(version, &st) == 0;
    free(sub);
    free(version);
    return yes;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Appends a copy of name to (*names)[0..*n). */
static int append_name(char ***names, size_t *n, size_t *cap,
                       const char *name)
{
    char **more = vns__grow(*names, cap, *n + 1, sizeof *more);
    char *copy = more ? strdup(name) : NULL;

    if (more)
        *names = more;
    if (!copy)
        return vns__error(VNS_ENOMEM, "out of memory");
    (*names)[(*n)++] = copy;
    return VNS_OK;
}

/* The shards in the directory now, sorted: *names (each malloc'd). */
static int list_shards(const vns_writer *w, char ***names, size_t *n)
{
    DIR *d = opendir(w->path);
    struct dirent *e;
    size_t cap = 0;
    int rc = VNS_OK;

    *names = NULL;
    *n = 0;
    if (!d)
        return vns__error(VNS_EIO, "%s: %s", w->path, strerror(errno));
    while (rc == VNS_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !is_database(w->path, e->d_name))
            continue;
        if (!w->segment && !vns__route_valid(&w->route, e->d_name))
            rc = vns__error(VNS_EINVAL, "%s: shard %s is not one of --shard-by "
                            "%s", w->path, e->d_name,
                            vns__route_kind(&w->route));
        else
            rc = append_name(names, n, &cap, e->d_name);
    }
    closedir(d);
    if (rc == VNS_OK && *n)
        qsort(*names, *n, sizeof **names, by_name);
    return rc;
}

/* Lists every shard of the directory in its stub file: read from the
 * directory, so that parts writing other shards keep theirs. */
static int write_stub(const vns_writer *w)
{
    char **names;
    size_t n;
    int rc = list_shards(w, &names, &n);
    if (rc == VNS_OK)
        rc = vns__stub_write(w->path, names, n);
    free_names(names, n);
    return rc;
}

/* Inserts database `name` (taken) at position at. */
static int insert(vns_writer *w, size_t at, char *name, int created)
{
    database *more = realloc(w->dbs, (w->n + 1) * sizeof *more);
    if (!more) {
        free(name);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    w->dbs = more;
    memmove(&w->dbs[at + 1], &w->dbs[at], (w->n - at) * sizeof *w->dbs);
    memset(&w->dbs[at], 0, sizeof *w->dbs);
    w->dbs[at].name = name;
    w->dbs[at].created = created;
    w->n++;
    return VNS_OK;
}

/* Opens db's writer; a new shard's format is committed at once, so that
 * a reader never finds it without one, and the stub lists it. */
static int open_db(vns_writer *w, database *db, int create)
{
    char *path = *db->name ? vns__durable_path(w->path, db->name)
                           : strdup(w->path);
    int rc = path ? vns__dbw_open(&db->d, path, create, w->batch)
                  : vns__error(VNS_ENOMEM, "out of memory");
    free(path);
    if (rc == VNS_OK && db->created && (rc = vns__dbw_commit(db->d)) == VNS_OK)
        rc = write_stub(w);
    return rc;
}

/* The database called `name`, opened; created if need be. */
static int get_db(vns_writer *w, const char *name, database **out)
{
    size_t lo = 0, hi = w->n;
    char *copy;
    int rc;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w->dbs[mid].name, name);
        if (c == 0) {
            *out = &w->dbs[mid];
            return (*out)->d ? VNS_OK : open_db(w, *out, 1);
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!(copy = strdup(name)))
        return vns__error(VNS_ENOMEM, "out of memory");
    if ((rc = insert(w, lo, copy, 1)) != VNS_OK)
        return rc;
    *out = &w->dbs[lo];
    return open_db(w, *out, 1);
}

/* Segment k, opened (begun when new). */
static int get_segment(vns_writer *w, size_t k, database **out)
{
    char name[VNS__ROUTE_NAME_MAX];
    snprintf(name, sizeof name, SEGMENT_NAME, k);
    w->segments = k + 1 > w->segments ? k + 1 : w->segments;
    return get_db(w, name, out);
}

/* Opens every database this part writes, before its first change. */
static int open_all(vns_writer *w)
{
    int rc = VNS_OK;
    w->started = 1;
    for (size_t i = 0; rc == VNS_OK && !w->all_open && i < w->n; i++)
        if (!w->dbs[i].d && vns__route_owns(&w->route, w->dbs[i].name))
            rc = open_db(w, &w->dbs[i], 1);
    w->all_open = rc == VNS_OK;
    return rc;
}

static int new_writer(vns_writer **out, const char *path)
{
    vns_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    w->batch = DEFAULT_BATCH;
    w->input_limit = (uint64_t)512 << 20;
    vns__route_none(&w->route);
    *out = w;
    return VNS_OK;
}

/* The database at w->path, the whole index. A directory with a stub file
 * is refused: Xapian would open the shard it lists, if only one, as if
 * it were the whole index. */
static int open_single(vns_writer *w, unsigned flags)
{
    char *name = strdup("");
    int rc = !name ? vns__error(VNS_ENOMEM, "out of memory")
                   : insert(w, 0, name, 0);

    int stub = rc == VNS_OK ? vns__stub_in(w->path) : 0;
    if (stub == VNS_ENOMEM)
        rc = stub;
    else if (stub == 1)
        rc = vns__error(VNS_EINVAL, "%s is a sharded index: write it with "
                        "--shard-by (vns_writer_open_sharded)", w->path);
    else if (stub < 0) /* cannot be looked into: Xapian says what is wrong */
        vns__error_clear();
    if (rc == VNS_OK)
        rc = open_db(w, &w->dbs[0], (flags & VNS_WRITER_CREATE) != 0);
    w->all_open = rc == VNS_OK;
    return rc;
}

/* A directory of shards: the ones there now, listed in its stub. */
static int open_shards(vns_writer *w, unsigned flags, vns_shard_by by,
                       unsigned count)
{
    char **names = NULL;
    size_t n = 0;
    int rc = vns__route_shards(&w->route, by, count);

    if (rc == VNS_OK && (flags & VNS_WRITER_CREATE) &&
        mkdir(w->path, 0777) != 0 && errno != EEXIST)
        rc = vns__error(VNS_EIO, "%s: %s", w->path, strerror(errno));
    if (rc == VNS_OK && is_database(w->path, "."))
        rc = vns__error(VNS_EINVAL, "%s is an index of one database: "
                        "rebuild it as shards with --full", w->path);
    if (rc == VNS_OK)
        rc = list_shards(w, &names, &n);
    for (size_t i = 0; rc == VNS_OK && i < n; i++) {
        rc = insert(w, w->n, names[i], 0);
        names[i] = NULL;
    }
    if (rc == VNS_OK)
        rc = write_stub(w);
    free_names(names, n);
    return rc;
}

vns_status vns_writer_open_sharded(vns_writer **out, const char *path,
                                   unsigned flags, vns_shard_by by,
                                   unsigned count)
{
    vns_writer *w;
    int rc;

    vns__error_clear();
    if (!out || !path)
        return vns__error(VNS_EINVAL, "vns_writer_open_sharded: NULL");
    *out = NULL;
    if ((rc = new_writer(&w, path)) != VNS_OK)
        return (vns_status)rc;
    if ((rc = open_shards(w, flags, by, count)) != VNS_OK) {
        vns_writer_close(w);
        return (vns_status)rc;
    }
    *out = w;
    return VNS_OK;
}

vns_status vns_writer_open(vns_writer **out, const char *path,
                           unsigned flags)
{
    vns_writer *w;
    int rc;

    vns__error_clear();
    if (!out || !path)
        return vns__error(VNS_EINVAL, "vns_writer_open: NULL argument");
    *out = NULL;
    if ((rc = new_writer(&w, path)) != VNS_OK)
        return (vns_status)rc;
    if ((rc = open_single(w, flags)) != VNS_OK) {
        vns_writer_close(w);
        return (vns_status)rc;
    }
    *out = w;
    return VNS_OK;
}

vns_status vns_writer_open_segmented(vns_writer **out, const char *path,
                                     size_t articles)
{
    database *first;
    vns_writer *w;
    int rc;

    vns__error_clear();
    if (!out || !path || articles == 0)
        return vns__error(VNS_EINVAL, "vns_writer_open_segmented: %s",
                          articles ? "NULL argument" : "0 articles");
    *out = NULL;
    if ((rc = new_writer(&w, path)) != VNS_OK)
        return (vns_status)rc;
    w->segment = articles;
    if (mkdir(path, 0777) != 0)
        rc = errno == EEXIST
                 ? vns__error(VNS_EINVAL, "%s exists: a segmented index is "
                              "always written new", path)
                 : vns__error(VNS_EIO, "%s: %s", path, strerror(errno));
    else /* at once, so that even an empty build is an index */
        rc = get_segment(w, 0, &first);
    if (rc != VNS_OK) {
        vns_writer_close(w);
        return (vns_status)rc;
    }
    *out = w;
    return VNS_OK;
}

void vns_writer_close(vns_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++) {
        vns__dbw_close(w->dbs[i].d);
        vns__idset_free(&w->dbs[i].given);
        free(w->dbs[i].name);
    }
    free(w->dbs);
    vns__idset_free(&w->seen);
    vns__inputs_free(&w->inputs);
    free(w->path);
    free(w);
}

vns_status vns_writer_set_batch(vns_writer *w, size_t documents)
{
    vns__error_clear();
    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_set_batch: NULL writer");
    w->batch = documents;
    for (size_t i = 0; i < w->n; i++)
        if (w->dbs[i].d)
            vns__dbw_set_batch(w->dbs[i].d, documents);
    return VNS_OK;
}

vns_status vns_writer_set_input_limit(vns_writer *w, uint64_t bytes)
{
    vns__error_clear();
    if (!w || bytes == 0)
        return vns__error(VNS_EINVAL, "vns_writer_set_input_limit: %s",
                          !w ? "NULL writer" : "a limit of 0 bytes");
    w->input_limit = bytes;
    return VNS_OK;
}

vns_status vns_writer_set_part(vns_writer *w, unsigned index, unsigned count)
{
    vns__error_clear();
    if (!w || count == 0 || index >= count || w->started)
        return vns__error(VNS_EINVAL, "vns_writer_set_part: %s",
                          !w          ? "NULL writer"
                          : w->started ? "too late: the writer has written"
                                       : "part index must be below the count "
                                         "of parts");
    w->route.part = index;
    w->route.parts = count;
    return VNS_OK;
}

int vns__writer_reports_inputs(const vns_writer *w)
{
    return w->route.part == 0;
}

uint64_t vns__writer_input_limit(const vns_writer *w)
{
    return w->input_limit;
}

vns__inputs *vns__writer_inputs(vns_writer *w)
{
    return &w->inputs;
}

vns_follow vns__writer_follow(const vns_writer *w)
{
    return w->follow;
}

vns_status vns_writer_set_follow_symlinks(vns_writer *w, vns_follow follow)
{
    vns__error_clear();
    if (!w || (follow != VNS_FOLLOW_NONE && follow != VNS_FOLLOW_INSIDE &&
               follow != VNS_FOLLOW_ANY))
        return vns__error(VNS_EINVAL, "vns_writer_set_follow_symlinks: bad "
                          "argument");
    w->follow = follow;
    return VNS_OK;
}

vns_status vns_index_merge(const char *dest, const char *const *sources,
                           size_t count)
{
    vns__error_clear();
    if (!dest || !sources || count == 0)
        return vns__error(VNS_EINVAL, "vns_index_merge: nothing to merge");
    return (vns_status)vns__dbw_merge(dest, sources, count);
}

uint64_t vns_writer_committed(const vns_writer *w)
{
    uint64_t total = w ? w->closed_committed : 0;
    for (size_t i = 0; w && i < w->n; i++)
        total += w->dbs[i].d ? vns__dbw_committed(w->dbs[i].d) : 0;
    return total;
}

int vns__writer_commit(vns_writer *w)
{
    int rc = VNS_OK;
    for (size_t i = 0; rc == VNS_OK && i < w->n; i++)
        if (w->dbs[i].d && vns__dbw_changed(w->dbs[i].d))
            rc = vns__dbw_commit(w->dbs[i].d);
    return rc;
}

vns_status vns_writer_commit(vns_writer *w)
{
    vns__error_clear();
    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_commit: NULL writer");
    return (vns_status)vns__writer_commit(w);
}

static int check_article(const vns_article *a)
{
    if (!a || a->version != VNS_ARTICLE_VERSION)
        return vns__error(VNS_EINVAL, "vns_writer_add: bad argument");
    if (a->id_len == 0)
        return vns__error(VNS_EINVAL, "article without an id");
    if (a->title_len == 0 && a->body_len == 0)
        return vns__error(VNS_EINVAL, "article %.*s has neither title nor "
                          "body", (int)a->id_len, a->id);
    if (a->id_len > 200)
        return vns__error(VNS_EINVAL, "article id longer than 200 bytes");
    /* The date order (99999999 minus the date) and the year shards need
     * a day of the calendar. */
    if (a->date && !vns__date_valid((int)(a->date / 10000),
                                    (int)(a->date / 100 % 100),
                                    (int)(a->date % 100)))
        return vns__error(VNS_EINVAL, "article %.*s: date %lu is not a "
                          "calendar day YYYYMMDD", (int)a->id_len, a->id,
                          (unsigned long)a->date);
    return VNS_OK;
}

/* Commits and closes a segment, which frees its memory and files. */
static int close_segment(vns_writer *w, database *db)
{
    int rc = vns__dbw_commit(db->d);
    if (rc != VNS_OK)
        return rc;
    w->closed_committed += vns__dbw_committed(db->d);
    vns__dbw_close(db->d);
    db->d = NULL;
    return VNS_OK;
}

/* An article new to its database may have been in another before (year
 * shards, an earlier segment): it is deleted there, and was updated, not
 * added. A database made by this writer holds only what it was given: no
 * lookup there for the other ids (all of them, in a full build); a closed
 * segment is opened again only when it holds the id. */
static int move_here(vns_write_result *done, vns_writer *w,
                     const database *here, const vns_article *a)
{
    int rc = VNS_OK;
    for (size_t i = 0; rc == VNS_OK && i < w->n; i++) {
        database *o = &w->dbs[i];
        int moved = 0;
        if (o == here ||
            (o->created ? !vns__idset_has(&o->given, a->id, a->id_len)
                        : !o->d))
            continue;
        int reopened = !o->d;
        if (reopened)
            rc = open_db(w, o, 1);
        if (rc == VNS_OK)
            rc = vns__dbw_delete(&moved, o->d, a->id, a->id_len);
        if (moved)
            *done = VNS_WRITE_UPDATED;
        if (reopened && o->d && rc == VNS_OK) /* a closed segment */
            rc = close_segment(w, o);
    }
    return rc;
}

/* The segment being filled. A full one is closed and the next one
 * begun. */
static int current_segment(vns_writer *w, database **out)
{
    database *last;
    int rc = get_segment(w, w->segments - 1, &last);

    if (rc != VNS_OK || w->in_segment < w->segment) {
        *out = last;
        return rc;
    }
    if ((rc = close_segment(w, last)) != VNS_OK)
        return rc;
    w->in_segment = 0;
    return get_segment(w, w->segments, out);
}

/* The database the article goes to, opened; NULL when it is another
 * part's. */
static int pick_db(vns_writer *w, const vns_article *a, database **out)
{
    char name[VNS__ROUTE_NAME_MAX];

    *out = NULL;
    if (!vns__route_takes(&w->route, a->id, a->id_len))
        return VNS_OK;
    if (w->segment)
        return current_segment(w, out);
    vns__route_name(name, &w->route, a);
    return vns__route_owns(&w->route, name) ? get_db(w, name, out) : VNS_OK;
}

int vns__writer_add(vns_write_result *out, vns_writer *w,
                    const vns_article *a, const char *origin,
                    size_t origin_len)
{
    vns_write_result done = VNS_WRITE_OTHER_PART;
    database *db = NULL;
    int rc, first;

    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_add: bad argument");
    if ((rc = check_article(a)) != VNS_OK)
        return rc;
    if ((first = vns__idset_add(&w->seen, a->id, a->id_len)) < 0)
        return vns__error(VNS_ENOMEM, "out of memory");
    if ((rc = open_all(w)) != VNS_OK)
        return rc;
    if ((rc = pick_db(w, a, &db)) == VNS_OK && db) {
        if (db->created && vns__idset_add(&db->given, a->id, a->id_len) < 0)
            rc = vns__error(VNS_ENOMEM, "out of memory");
        else
            rc = vns__dbw_add(&done, db->d, a, origin, origin_len);
        w->in_segment += rc == VNS_OK && done == VNS_WRITE_ADDED;
        /* Segments hold only what this writer was given: an id given
         * for the first time is in none of them. */
        if (rc == VNS_OK && done == VNS_WRITE_ADDED &&
            ((w->segment && !first) || vns__route_moves(&w->route)))
            rc = move_here(&done, w, db, a);
    }
    if (out)
        *out = done;
    return rc;
}

vns_status vns_writer_add(vns_write_result *out, vns_writer *w,
                          const vns_article *a)
{
    vns__error_clear();
    return (vns_status)vns__writer_add(out, w, a, "", 0);
}

/* Opens every database of the writer, closed segments too (for deletes,
 * counts and lists over the whole writer: not what a build does). */
static int open_every(vns_writer *w)
{
    w->all_open = w->all_open && !w->segment;
    return open_all(w);
}

int vns__writer_delete(int *deleted_out, vns_writer *w, const char *id,
                       size_t id_len)
{
    int rc = open_every(w), any = 0;
    for (size_t i = 0; rc == VNS_OK && i < w->n; i++) {
        int was = 0;
        if (w->dbs[i].d)
            rc = vns__dbw_delete(&was, w->dbs[i].d, id, id_len);
        any |= was;
    }
    if (deleted_out)
        *deleted_out = rc == VNS_OK && any;
    return rc;
}

vns_status vns_writer_delete(int *deleted_out, vns_writer *w, const char *id,
                             size_t id_len)
{
    vns__error_clear();
    if (!w || (!id && id_len))
        return vns__error(VNS_EINVAL, "vns_writer_delete: bad argument");
    return (vns_status)vns__writer_delete(deleted_out, w, id, id_len);
}

int vns__writer_each_db(vns_writer *w, vns__writer_db_cb cb, void *payload)
{
    int rc = open_every(w);
    for (size_t i = 0; rc == VNS_OK && i < w->n; i++)
        if (w->dbs[i].d)
            rc = cb(w->dbs[i].d, payload);
    return rc;
}

const vns__idset *vns__writer_seen(const vns_writer *w)
{
    return &w->seen;
}

static int add_doc_count(vns__dbw *d, void *payload)
{
    uint64_t n = 0;
    int rc = vns__dbw_doc_count(&n, d);
    *(uint64_t *)payload += n;
    return rc;
}

vns_status vns_writer_doc_count(uint64_t *out, vns_writer *w)
{
    vns__error_clear();
    if (!w || !out)
        return vns__error(VNS_EINVAL, "vns_writer_doc_count: NULL");
    *out = 0;
    return (vns_status)vns__writer_each_db(w, add_doc_count, out);
}
