/*
 * writer.c - articles into a Xapian index: the term scheme, the stored
 * article, incremental writes, batches and durable commits.
 *
 * The terms, values and keys written are those of schema.h. The first
 * design suggested pair terms for adjacent words too. Measured on 4,000
 * articles of corpus-vi they were 93% of the vocabulary and doubled the
 * build time (10.7 s against 5.3 s; SQLite FTS5 takes 0.40 s), so they
 * are not written: words standing together are found from the positions
 * of the folded terms, at query time.
 *
 * Incremental: value slot 1 holds a 64-bit hash of the article as given;
 * an article whose hash is stored already is not written again. Value slot
 * 4 holds the input file it came from (inputs.h), so that an article whose
 * file could not be read is not taken for one that was removed.
 */
#include "vnsearch.h"

#include "buf.h"
#include "date.h"
#include "hash.h"
#include "idset.h"
#include "inputs.h"
#include "router.h"
#include "schema.h"
#include "store.h"
#include "vns_internal.h"
#include "xapian_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_BATCH 250

static int sync_directory(const char *path);

struct vns_writer {
    vns__router *router; /* a sharded index: the shards' writers do the
                            writing (router.c); nothing below is used */
    vns__xdb *db;
    vns__xdoc *doc;
    vns_analyzer *analyzer;
    char *path;
    size_t batch, pending;
    unsigned shard, shards;
    uint64_t input_limit;
    uint64_t committed;
    vns__idset seen;     /* ids given since open (a sharded index: all) */
    vns__inputs inputs;  /* what vns_writer_add_path read */
    vns_follow follow;   /* symbolic links in walked directories */
    vns__buf term, data;
    /* While a field is analyzed. */
    unsigned wdf;
    int in_title;
    uint32_t base, next_base;
};

static int check_format(vns__xdb *db, const char *path)
{
    char *format = NULL, want[16];
    unsigned long docs = 0;
    int rc;

    snprintf(want, sizeof want, "%d", VNS_INDEX_FORMAT);
    if ((rc = vns__xdb_get_metadata(db, VNS__META_FORMAT, &format, NULL)) != VNS_OK)
        return rc;
    if (!format) {
        if ((rc = vns__xdb_doccount(db, &docs)) != VNS_OK)
            return rc;
        if (docs > 0)
            return vns__error(VNS_EVERSION, "%s: not a vnsearch index "
                              "(no " VNS__META_FORMAT ")", path);
        return vns__xdb_set_metadata(db, VNS__META_FORMAT, want, strlen(want));
    }
    rc = strcmp(format, want) == 0
             ? VNS_OK
             : vns__error(VNS_EVERSION, "%s: index format %s; this vnsearch "
                          "reads format %s: rebuild it with --full", path,
                          format, want);
    free(format);
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
    w->shards = 1;
    w->input_limit = (uint64_t)512 << 20;
    *out = w;
    return VNS_OK;
}

/* A directory with a stub file is a sharded index: Xapian would open the
 * shard it lists, if only one, as if it were the whole index. */
static int refuse_sharded(const char *path)
{
    struct stat st;
    char *stub = vns__router_stub_path(path);
    int rc = !stub ? vns__error(VNS_ENOMEM, "out of memory")
             : stat(stub, &st) == 0
                 ? vns__error(VNS_EINVAL, "%s is a sharded index: write it "
                              "with --shard-by (vns_writer_open_sharded)",
                              path)
                 : VNS_OK;
    free(stub);
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
    if ((rc = vns__router_open(&w->router, path, flags, by, count))) {
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
    if ((rc = refuse_sharded(path)) ||
        (rc = vns__xdb_open(&w->db, path, flags & VNS_WRITER_CREATE)) ||
        (rc = check_format(w->db, path)) ||
        (rc = vns__xdoc_new(&w->doc)) ||
        (rc = vns_analyzer_new(&w->analyzer))) {
        vns_writer_close(w);
        return (vns_status)rc;
    }
    *out = w;
    return VNS_OK;
}

void vns_writer_set_batch(vns_writer *w, size_t documents)
{
    if (w && w->router)
        vns__router_set_batch(w->router, documents);
    if (w)
        w->batch = documents;
}

void vns_writer_set_input_limit(vns_writer *w, uint64_t bytes)
{
    if (w)
        w->input_limit = bytes;
}

void vns_writer_set_shard(vns_writer *w, unsigned index, unsigned count)
{
    if (w && count > 0 && index < count) {
        w->shard = index;
        w->shards = count;
        if (w->router)
            vns__router_set_process(w->router, index, count);
    }
}

int vns__writer_reports_skips(const vns_writer *w)
{
    return w->shard == 0;
}

vns_status vns_index_merge(const char *dest, const char *const *sources,
                           size_t count)
{
    int rc;

    vns__error_clear();
    if (!dest || !sources || count == 0)
        return vns__error(VNS_EINVAL, "vns_index_merge: nothing to merge");
    if ((rc = vns__xdb_compact(dest, sources, count)) != VNS_OK)
        return (vns_status)rc;
    return (vns_status)sync_directory(dest);
}

uint64_t vns__writer_input_limit(const vns_writer *w)
{
    return w->input_limit;
}

uint64_t vns_writer_committed(const vns_writer *w)
{
    return !w ? 0 : w->router ? vns__router_committed(w->router)
                              : w->committed;
}

size_t vns__writer_pending(const vns_writer *w)
{
    return w->pending;
}

int vns__writer_has_seen(const vns_writer *w, const char *id, size_t n)
{
    return vns__idset_has(&w->seen, id, n);
}

void vns_writer_close(vns_writer *w)
{
    if (!w)
        return;
    vns__router_close(w->router);
    vns__xdb_close(w->db);
    vns__xdoc_free(w->doc);
    vns_analyzer_free(w->analyzer);
    vns__idset_free(&w->seen);
    vns__inputs_free(&w->inputs);
    vns__buf_free(&w->term);
    vns__buf_free(&w->data);
    free(w->path);
    free(w);
}

/* A commit is durable once the directory entries Xapian renamed are on
 * disk too; Xapian 1.4 syncs files but not the directory. */
static int sync_directory(const char *path)
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

int vns__writer_commit(vns_writer *w)
{
    int rc;

    if (w->router)
        return vns__router_commit(w->router);
    if ((rc = vns__xdb_commit(w->db)) != VNS_OK)
        return rc;
    w->committed += w->pending;
    w->pending = 0;
    return sync_directory(w->path);
}

vns_status vns_writer_commit(vns_writer *w)
{
    vns__error_clear();
    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_commit: NULL writer");
    return (vns_status)vns__writer_commit(w);
}

/* Builds prefix + text in w->term. */
static const char *make_term(vns_writer *w, const char *prefix,
                             const char *text, size_t len, size_t *term_len)
{
    w->term.len = 0;
    vns__buf_append(&w->term, prefix, strlen(prefix));
    vns__buf_append(&w->term, text, len);
    *term_len = w->term.len;
    return vns__buf_failed(&w->term) ? NULL : w->term.ptr;
}

static int add_term(vns_writer *w, const char *prefix, const char *text,
                    size_t len, int with_position, uint32_t pos)
{
    size_t n;
    const char *term = make_term(w, prefix, text, len, &n);
    if (!term)
        return vns__error(VNS_ENOMEM, "out of memory");
    return with_position ? vns__xdoc_add_posting(w->doc, term, n, pos, w->wdf)
                         : vns__xdoc_add_term(w->doc, term, n, w->wdf);
}

static int index_token(const vns_token *t, void *payload)
{
    vns_writer *w = payload;
    uint32_t pos = w->base + t->position;
    int rc;

    if (t->folded_len == 0)
        return 0;
    if ((rc = add_term(w, VNS__PREFIX_WORD, t->folded, t->folded_len, 1, pos)) != VNS_OK)
        return rc;
    if ((t->len != t->folded_len || memcmp(t->text, t->folded, t->len)) &&
        (rc = add_term(w, VNS__PREFIX_EXACT, t->text, t->len, 0, 0)) != VNS_OK)
        return rc;
    if (w->in_title &&
        (rc = add_term(w, VNS__PREFIX_TITLE, t->folded, t->folded_len, 0, 0)) != VNS_OK)
        return rc;
    if (pos + 1 > w->next_base)
        w->next_base = pos + 1;
    return 0;
}

static int index_field(vns_writer *w, const char *text, size_t len,
                       int is_title)
{
    int rc;

    if (len == 0)
        return VNS_OK;
    w->in_title = is_title;
    w->wdf = is_title ? VNS__TITLE_WDF : 1;
    rc = vns_analyze(w->analyzer, text, len, index_token, w);
    w->base = w->next_base + VNS__FIELD_GAP; /* no phrase across fields */
    w->next_base = w->base;
    return rc;
}

/* 64-bit FNV-1a of every field, each behind its length. */
static uint64_t content_hash(const vns_article *a)
{
    const char *parts[] = {a->id,     a->title, a->lead,   a->body,
                           a->source, a->url,   a->author, a->category,
                           a->caption};
    size_t lens[] = {a->id_len,     a->title_len,    a->lead_len,
                     a->body_len,   a->source_len,   a->url_len,
                     a->author_len, a->category_len, a->caption_len};
    uint64_t h = VNS__FNV64_INIT;

    for (size_t f = 0; f < sizeof parts / sizeof parts[0]; f++) {
        uint64_t n = lens[f];
        for (int k = 0; k < 8; k++)
            h = vns__fnv64_byte(h, (unsigned char)(n >> (8 * k)));
        h = vns__fnv64_more(h, parts[f], lens[f]);
    }
    /* The whole date in one step, not a byte: as the stored hashes were
     * made. */
    return (h ^ a->date) * VNS__FNV64_PRIME;
}

/* Date order in one value, for Xapian's remote backend, which cannot sort
 * by a key made of two: newest first as ascending bytes (99999999 minus
 * the date; undated last), then the id. */
static int set_date_order(vns_writer *w, const vns_article *a)
{
    char key[VNS__DATE_BYTES + 1];
    vns__schema_date_order(key, a->date);
    w->term.len = 0;
    vns__buf_append(&w->term, key, VNS__DATE_BYTES);
    vns__buf_append(&w->term, a->id, a->id_len);
    return vns__buf_failed(&w->term)
               ? vns__error(VNS_ENOMEM, "out of memory")
               : vns__xdoc_set_value(w->doc, VNS__SLOT_DATE_ORDER,
                                     w->term.ptr, w->term.len);
}

static int build_document(vns_writer *w, const vns_article *a,
                          const char *uterm, size_t uterm_len,
                          const char *hash_hex, const char *origin,
                          size_t origin_len)
{
    int rc;
    char date[VNS__DATE_BYTES + 1];

    vns__xdoc_clear(w->doc);
    w->base = w->next_base = 0;
    /* replace_document() finds the document by this term but does not add
     * it: the document must carry it. */
    if ((rc = vns__xdoc_add_term(w->doc, uterm, uterm_len, 0)) ||
        (rc = index_field(w, a->title, a->title_len, 1)) ||
        (rc = index_field(w, a->lead, a->lead_len, 0)) ||
        (rc = index_field(w, a->caption, a->caption_len, 0)) ||
        (rc = index_field(w, a->body, a->body_len, 0)))
        return rc;
    if (a->date) {
        vns__schema_date(date, a->date);
        if ((rc = vns__xdoc_set_value(w->doc, VNS__SLOT_DATE, date,
                                      VNS__DATE_BYTES)))
            return rc;
    }
    if ((rc = vns__xdoc_set_value(w->doc, VNS__SLOT_HASH, hash_hex, 16)) ||
        (rc = vns__xdoc_set_value(w->doc, VNS__SLOT_ID, a->id, a->id_len)) ||
        (rc = set_date_order(w, a)) ||
        (origin_len &&
         (rc = vns__xdoc_set_value(w->doc, VNS__SLOT_ORIGIN, origin,
                                   origin_len))))
        return rc;
    w->data.len = 0;
    if ((rc = vns__store_encode(a, &w->data)))
        return rc;
    return vns__xdoc_set_data(w->doc, w->data.ptr, w->data.len);
}

/* Whether the stored values say this content, from this file. */
static int same_stored(char *const *stored, const size_t *lens,
                       const char *hash_hex, const char *origin,
                       size_t origin_len)
{
    return lens[0] == 16 && memcmp(stored[0], hash_hex, 16) == 0 &&
           lens[1] == origin_len && memcmp(stored[1], origin, origin_len) == 0;
}

int vns__writer_add_from(vns_writer *w, const vns_article *a,
                         const char *origin, size_t origin_len,
                         vns_write_result *result)
{
    static const unsigned slots[2] = {VNS__SLOT_HASH, VNS__SLOT_ORIGIN};
    char hash_hex[17], *stored[2] = {NULL, NULL}, *uterm;
    size_t uterm_len, lens[2];
    int rc, found;

    if (!w || !a || a->version != VNS_ARTICLE_VERSION)
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
    if (vns__idset_add(&w->seen, a->id, a->id_len) < 0)
        return vns__error(VNS_ENOMEM, "out of memory");
    if (w->router)
        return vns__router_add(w->router, a, origin, origin_len, result);
    if (w->shards > 1 &&
        vns__fnv32(a->id, a->id_len) % w->shards != w->shard) {
        if (result)
            *result = VNS_WRITE_OTHER_SHARD;
        return VNS_OK;
    }
    snprintf(hash_hex, sizeof hash_hex, "%016llx",
             (unsigned long long)content_hash(a));

    /* The id term outlives w->term, which building the document reuses. */
    uterm_len = strlen(VNS__PREFIX_ID) + a->id_len;
    if (!(uterm = malloc(uterm_len)))
        return vns__error(VNS_ENOMEM, "out of memory");
    memcpy(uterm, VNS__PREFIX_ID, strlen(VNS__PREFIX_ID));
    memcpy(uterm + strlen(VNS__PREFIX_ID), a->id, a->id_len);
    rc = vns__xdb_read(w->db, uterm, uterm_len, slots, 2, stored, lens, NULL,
                       NULL, &found);
    if (rc == VNS_OK && found &&
        same_stored(stored, lens, hash_hex, origin, origin_len)) {
        if (result)
            *result = VNS_WRITE_UNCHANGED;
    } else if (rc == VNS_OK &&
               (rc = build_document(w, a, uterm, uterm_len, hash_hex, origin,
                                    origin_len)) == VNS_OK &&
               (rc = vns__xdb_replace(w->db, uterm, uterm_len, w->doc)) ==
                   VNS_OK) {
        /* Only its file changed: the content is as it was. */
        int moved = found && lens[0] == 16 &&
                    memcmp(stored[0], hash_hex, 16) == 0;
        if (result)
            *result = moved   ? VNS_WRITE_UNCHANGED
                      : found ? VNS_WRITE_UPDATED
                              : VNS_WRITE_ADDED;
        if (++w->pending == w->batch)
            rc = vns__writer_commit(w);
    }
    free(stored[0]);
    free(stored[1]);
    free(uterm);
    return rc;
}

vns_status vns_writer_add(vns_writer *w, const vns_article *a,
                          vns_write_result *result)
{
    vns__error_clear();
    return (vns_status)vns__writer_add_from(w, a, "", 0, result);
}

int vns__writer_delete(vns_writer *w, const char *id, size_t id_len,
                       int *deleted)
{
    static const unsigned slot = VNS__SLOT_HASH;
    char *value = NULL;
    size_t n, value_len;
    int rc, found = 0;

    if (w->router)
        return vns__router_delete(w->router, id, id_len, deleted);
    const char *uterm = make_term(w, VNS__PREFIX_ID, id, id_len, &n);
    if (!uterm)
        return vns__error(VNS_ENOMEM, "out of memory");
    rc = vns__xdb_read(w->db, uterm, n, &slot, 1, &value, &value_len, NULL,
                       NULL, &found);
    free(value);
    if (rc == VNS_OK && found && (rc = vns__xdb_delete(w->db, uterm, n)) ==
                                     VNS_OK)
        w->pending++;
    if (deleted)
        *deleted = rc == VNS_OK && found;
    return rc;
}

vns_status vns_writer_delete(vns_writer *w, const char *id, size_t id_len,
                             int *deleted)
{
    vns__error_clear();
    if (!w || (!id && id_len))
        return vns__error(VNS_EINVAL, "vns_writer_delete: bad argument");
    return (vns_status)vns__writer_delete(w, id, id_len, deleted);
}

/* The articles of an index that this writer was not given: each is read
 * for its input file, then deleted, kept, or (--full) carried over. */
typedef struct unseen {
    vns_writer *w;     /* the writer of this run */
    vns__xdb *db;      /* the database whose ids are being listed */
    int carry;         /* copy the ones to keep into w */
    vns__buf ids;      /* those that may go: each a size_t length, bytes */
    size_t deletable, kept;
} unseen;

/* Writes an article of another index (`data`, its stored form) into w. */
static int carry_over(unseen *u, const char *data, size_t len,
                      const char *origin, size_t origin_len)
{
    vns_article a;
    vns_write_result result;
    char *text;
    int rc = vns__store_decode(data, len, &a, &text);

    if (rc == VNS_OK)
        rc = vns__writer_add_from(u->w, &a, origin, origin_len, &result);
    if (rc == VNS_OK && result != VNS_WRITE_OTHER_SHARD)
        u->kept++;
    free(text);
    return rc;
}

static int visit_unseen(const char *term, size_t len, void *payload)
{
    static const unsigned slot = VNS__SLOT_ORIGIN;
    unseen *u = payload;
    char *origin = NULL, *data = NULL;
    size_t skip = strlen(VNS__PREFIX_ID), n = len - skip;
    size_t origin_len = 0, data_len = 0;
    int rc, found;

    if (vns__idset_has(&u->w->seen, term + skip, n))
        return 0;
    rc = vns__xdb_read(u->db, term, len, &slot, 1, &origin, &origin_len,
                       u->carry ? &data : NULL, &data_len, &found);
    if (rc == VNS_OK && found &&
        vns__inputs_may_delete(&u->w->inputs, origin, origin_len)) {
        u->deletable++;
        if (!u->carry) { /* to delete, once the listing is over */
            vns__buf_append(&u->ids, (const char *)&n, sizeof n);
            vns__buf_append(&u->ids, term + skip, n);
        }
        if (vns__buf_failed(&u->ids))
            rc = vns__error(VNS_ENOMEM, "out of memory");
    } else if (rc == VNS_OK && found && u->carry) {
        rc = carry_over(u, data, data_len, origin, origin_len);
    }
    free(origin);
    free(data);
    return rc;
}

static int visit_database(vns_writer *shard, void *payload)
{
    unseen *u = payload;
    u->db = shard->db;
    return vns__xdb_each_term(shard->db, VNS__PREFIX_ID, visit_unseen, u);
}

/* Lists the articles of w's own index that it was not given. Collected
 * first: deleting while iterating the term list is unsafe. */
static int list_unseen(vns_writer *w, unseen *u)
{
    memset(u, 0, sizeof *u);
    u->w = w;
    return w->router ? vns__router_each_writer(w->router, visit_database, u)
                     : visit_database(w, u);
}

vns_status vns_writer_count_unseen(vns_writer *w, size_t *count)
{
    unseen u;
    int rc;

    vns__error_clear();
    if (!w || !count)
        return vns__error(VNS_EINVAL, "vns_writer_count_unseen: NULL");
    rc = list_unseen(w, &u);
    *count = u.deletable;
    vns__buf_free(&u.ids);
    return (vns_status)rc;
}

vns_status vns_writer_delete_unseen(vns_writer *w, size_t *deleted)
{
    unseen u;
    size_t done = 0;
    int rc;

    vns__error_clear();
    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_delete_unseen: NULL");
    rc = list_unseen(w, &u);
    for (size_t at = 0; rc == VNS_OK && at < u.ids.len;) {
        size_t n;
        int was;
        memcpy(&n, u.ids.ptr + at, sizeof n);
        rc = vns__writer_delete(w, u.ids.ptr + at + sizeof n, n, &was);
        done += (size_t)was;
        at += sizeof n + n;
    }
    vns__buf_free(&u.ids);
    if (deleted)
        *deleted = done;
    return (vns_status)rc;
}

vns_status vns_writer_keep_unread(vns_writer *w, const char *previous,
                                  size_t *kept, size_t *dropped,
                                  uint64_t *had)
{
    unseen u;
    vns__xdb *db;
    unsigned long count = 0;
    int rc;

    vns__error_clear();
    if (!w || !previous)
        return vns__error(VNS_EINVAL, "vns_writer_keep_unread: NULL");
    if ((rc = vns__xdb_open_readonly(&db, previous)) != VNS_OK)
        return (vns_status)rc;
    memset(&u, 0, sizeof u);
    u.w = w;
    u.db = db;
    u.carry = 1;
    rc = vns__xdb_doccount(db, &count);
    if (rc == VNS_OK)
        rc = vns__xdb_each_term(db, VNS__PREFIX_ID, visit_unseen, &u);
    vns__xdb_close(db);
    if (had)
        *had = count;
    vns__buf_free(&u.ids);
    if (kept)
        *kept = u.kept;
    if (dropped)
        *dropped = u.deletable;
    return (vns_status)rc;
}

static int add_doccount(vns_writer *shard, void *payload)
{
    unsigned long n = 0;
    int rc = vns__xdb_doccount(shard->db, &n);
    *(uint64_t *)payload += n;
    return rc;
}

vns_status vns_writer_doc_count(vns_writer *w, uint64_t *count)
{
    vns__error_clear();
    if (!w || !count)
        return vns__error(VNS_EINVAL, "vns_writer_doc_count: NULL");
    *count = 0;
    return (vns_status)(w->router
                            ? vns__router_each_writer(w->router, add_doccount,
                                                      count)
                            : add_doccount(w, count));
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
