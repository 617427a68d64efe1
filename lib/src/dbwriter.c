/*
 * dbwriter.c - one Xapian database written as a vnsearch index: the term
 * scheme, the stored article, incremental writes and durable commits.
 *
 * The terms, values and keys written are those of schema.h. Pair terms
 * (two adjacent folded words, no positions) are most of the vocabulary
 * and a large part of the build, but they let every candidate be ranked
 * for its words standing together at the cost of one posting list per
 * pair, where positions cost a walk of the common syllables' position
 * lists: bench/README.md ("Pairs") has the figures that chose them.
 *
 * Incremental: value slot 1 holds a 64-bit hash of the article as given;
 * an article whose hash is stored already is not written again. Value slot
 * 4 holds the input file it came from (inputs.h), so that an article whose
 * file could not be read is not taken for one that was removed.
 */
#include "dbwriter.h"

#include "buf.h"
#include "durable.h"
#include "hash.h"
#include "schema.h"
#include "store.h"
#include "vns_internal.h"
#include "xapian_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vns__dbw {
    vns__xdb *db;
    vns__xdoc *doc;
    vns_analyzer *analyzer;
    char *path;
    size_t batch, pending;
    int unsaved;    /* the format of a new database is not committed */
    uint64_t committed;
    vns__buf term, data;
    /* While a field is analyzed. */
    unsigned wdf;
    int in_title;
    uint32_t base, next_base;
    vns__buf prev;     /* the previous word's folded form, for its pair */
    uint32_t prev_pos; /* its position; UINT32_MAX: none in this field */
};

static int check_format(vns__xdb *db, const char *path, int *set)
{
    char *format = NULL, want[16];
    unsigned long docs = 0;
    int rc;

    snprintf(want, sizeof want, "%d", VNS_INDEX_FORMAT);
    if ((rc = vns__xdb_get_metadata(db, VNS__META_FORMAT, &format, NULL)) !=
        VNS_OK)
        return rc;
    if (!format) {
        if ((rc = vns__xdb_doccount(db, &docs)) != VNS_OK)
            return rc;
        if (docs > 0)
            return vns__error(VNS_EVERSION, "%s: not a vnsearch index "
                              "(no " VNS__META_FORMAT ")", path);
        *set = 1;
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

int vns__dbw_open(vns__dbw **out, const char *path, int create, size_t batch)
{
    vns__dbw *d = calloc(1, sizeof *d);
    int rc;

    *out = NULL;
    if (!d || !(d->path = strdup(path))) {
        free(d);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    d->batch = batch;
    if ((rc = vns__xdb_open(&d->db, path, create)) ||
        (rc = check_format(d->db, path, &d->unsaved)) ||
        (rc = vns__xdoc_new(&d->doc)) ||
        (rc = vns__analyzer_new(&d->analyzer))) {
        vns__dbw_close(d);
        return rc;
    }
    *out = d;
    return VNS_OK;
}

void vns__dbw_close(vns__dbw *d)
{
    if (!d)
        return;
    vns__xdb_close(d->db);
    vns__xdoc_free(d->doc);
    vns_analyzer_free(d->analyzer);
    vns__buf_free(&d->term);
    vns__buf_free(&d->data);
    vns__buf_free(&d->prev);
    free(d->path);
    free(d);
}

void vns__dbw_set_batch(vns__dbw *d, size_t batch)
{
    d->batch = batch;
}

int vns__dbw_changed(const vns__dbw *d)
{
    return d->pending > 0 || d->unsaved;
}

uint64_t vns__dbw_committed(const vns__dbw *d)
{
    return d->committed;
}

int vns__dbw_commit(vns__dbw *d)
{
    int rc = vns__xdb_commit(d->db);
    if (rc != VNS_OK)
        return rc;
    d->committed += d->pending;
    d->pending = 0;
    d->unsaved = 0;
    return vns__durable_sync_dir(d->path);
}

int vns__dbw_doc_count(uint64_t *out, vns__dbw *d)
{
    unsigned long n = 0;
    int rc = vns__xdb_doccount(d->db, &n);
    *out = n;
    return rc;
}

/* Builds prefix + text in d->term. */
static const char *make_term(vns__dbw *d, const char *prefix,
                             const char *text, size_t len, size_t *term_len)
{
    d->term.len = 0;
    vns__buf_append(&d->term, prefix, strlen(prefix));
    vns__buf_append(&d->term, text, len);
    *term_len = d->term.len;
    return vns__buf_failed(&d->term) ? NULL : d->term.ptr;
}

static int add_term(vns__dbw *d, const char *prefix, const char *text,
                    size_t len, int with_position, uint32_t pos)
{
    size_t n;
    const char *term = make_term(d, prefix, text, len, &n);
    if (!term)
        return vns__error(VNS_ENOMEM, "out of memory");
    return with_position ? vns__xdoc_add_posting(d->doc, term, n, pos, d->wdf)
                         : vns__xdoc_add_term(d->doc, term, n, d->wdf);
}

/* The pair of the previous word and this one, when they stand together;
 * then this word becomes the previous one. A compound pairs with nothing:
 * its parts, which follow it, do. */
static int pair_term(vns__dbw *d, const vns_token *t, uint32_t pos)
{
    int rc = VNS_OK;

    if (t->flags & VNS_TOKEN_COMPOUND)
        return VNS_OK;
    if (d->prev_pos != UINT32_MAX && pos == d->prev_pos + 1) {
        size_t mark = d->prev.len;
        vns__buf_append(&d->prev, " ", 1);
        vns__buf_append(&d->prev, t->folded, t->folded_len);
        if (vns__buf_failed(&d->prev))
            return vns__error(VNS_ENOMEM, "out of memory");
        rc = add_term(d, VNS__PREFIX_PAIR, d->prev.ptr, d->prev.len, 0, 0);
        d->prev.len = mark;
    }
    d->prev.len = 0;
    vns__buf_append(&d->prev, t->folded, t->folded_len);
    d->prev_pos = pos;
    return rc;
}

static int index_token(const vns_token *t, void *payload)
{
    vns__dbw *d = payload;
    uint32_t pos = d->base + t->position;
    int rc;

    if (t->folded_len == 0)
        return 0;
    if ((rc = add_term(d, VNS__PREFIX_WORD, t->folded, t->folded_len, 1,
                       pos)) != VNS_OK)
        return rc;
    if ((t->len != t->folded_len || memcmp(t->text, t->folded, t->len)) &&
        (rc = add_term(d, VNS__PREFIX_EXACT, t->text, t->len, 0, 0)) != VNS_OK)
        return rc;
    if (d->in_title && (rc = add_term(d, VNS__PREFIX_TITLE, t->folded,
                                      t->folded_len, 0, 0)) != VNS_OK)
        return rc;
    if ((rc = pair_term(d, t, pos)) != VNS_OK)
        return rc;
    if (pos + 1 > d->next_base)
        d->next_base = pos + 1;
    return 0;
}

static int index_field(vns__dbw *d, const char *text, size_t len,
                       int is_title)
{
    int rc;

    if (len == 0)
        return VNS_OK;
    d->in_title = is_title;
    d->wdf = is_title ? VNS__TITLE_WDF : 1;
    d->prev_pos = UINT32_MAX; /* no pair across fields */
    rc = vns__analyze(d->analyzer, text, len, index_token, d);
    d->base = d->next_base + VNS__FIELD_GAP; /* no phrase across fields */
    d->next_base = d->base;
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
static int set_date_order(vns__dbw *d, const vns_article *a)
{
    char key[VNS__DATE_BYTES + 1];
    vns__schema_date_order(key, a->date);
    d->term.len = 0;
    vns__buf_append(&d->term, key, VNS__DATE_BYTES);
    vns__buf_append(&d->term, a->id, a->id_len);
    return vns__buf_failed(&d->term)
               ? vns__error(VNS_ENOMEM, "out of memory")
               : vns__xdoc_set_value(d->doc, VNS__SLOT_DATE_ORDER,
                                     d->term.ptr, d->term.len);
}

static int build_document(vns__dbw *d, const vns_article *a,
                          const char *uterm, size_t uterm_len,
                          const char *hash_hex, const char *origin,
                          size_t origin_len)
{
    int rc;
    char date[VNS__DATE_BYTES + 1];

    vns__xdoc_clear(d->doc);
    d->base = d->next_base = 0;
    /* replace_document() finds the document by this term but does not add
     * it: the document must carry it. */
    if ((rc = vns__xdoc_add_term(d->doc, uterm, uterm_len, 0)) ||
        (rc = index_field(d, a->title, a->title_len, 1)) ||
        (rc = index_field(d, a->lead, a->lead_len, 0)) ||
        (rc = index_field(d, a->caption, a->caption_len, 0)) ||
        (rc = index_field(d, a->body, a->body_len, 0)))
        return rc;
    if (a->date) {
        vns__schema_date(date, a->date);
        if ((rc = vns__xdoc_set_value(d->doc, VNS__SLOT_DATE, date,
                                      VNS__DATE_BYTES)))
            return rc;
    }
    if ((rc = vns__xdoc_set_value(d->doc, VNS__SLOT_HASH, hash_hex, 16)) ||
        (rc = vns__xdoc_set_value(d->doc, VNS__SLOT_ID, a->id, a->id_len)) ||
        (rc = set_date_order(d, a)) ||
        (origin_len &&
         (rc = vns__xdoc_set_value(d->doc, VNS__SLOT_ORIGIN, origin,
                                   origin_len))))
        return rc;
    d->data.len = 0;
    if ((rc = vns__store_encode(a, &d->data)))
        return rc;
    return vns__xdoc_set_data(d->doc, d->data.ptr, d->data.len);
}

/* Whether the stored values say this content, from this file. */
static int same_stored(char *const *stored, const size_t *lens,
                       const char *hash_hex, const char *origin,
                       size_t origin_len)
{
    return lens[0] == 16 && memcmp(stored[0], hash_hex, 16) == 0 &&
           lens[1] == origin_len && memcmp(stored[1], origin, origin_len) == 0;
}

/* Writes the document, found or not; *out says which it was. */
static int write_document(vns_write_result *out, vns__dbw *d,
                          const vns_article *a, const char *uterm,
                          size_t uterm_len, const char *hash_hex,
                          const char *origin, size_t origin_len,
                          int found, char *const *stored, const size_t *lens)
{
    int rc = build_document(d, a, uterm, uterm_len, hash_hex, origin,
                            origin_len);
    if (rc == VNS_OK)
        rc = vns__xdb_replace(d->db, uterm, uterm_len, d->doc);
    if (rc != VNS_OK)
        return rc;
    /* Only its file changed: the content is as it was. */
    int moved = found && lens[0] == 16 &&
                memcmp(stored[0], hash_hex, 16) == 0;
    *out = moved   ? VNS_WRITE_UNCHANGED
           : found ? VNS_WRITE_UPDATED
                   : VNS_WRITE_ADDED;
    /* At or past: deletes count too, and may have filled the batch. */
    return ++d->pending >= d->batch && d->batch ? vns__dbw_commit(d)
                                                 : VNS_OK;
}

int vns__dbw_add(vns_write_result *out, vns__dbw *d, const vns_article *a,
                 const char *origin, size_t origin_len)
{
    static const unsigned slots[2] = {VNS__SLOT_HASH, VNS__SLOT_ORIGIN};
    char hash_hex[17], *stored[2] = {NULL, NULL}, *uterm;
    size_t uterm_len, lens[2];
    int rc, found;

    snprintf(hash_hex, sizeof hash_hex, "%016llx",
             (unsigned long long)content_hash(a));
    /* The id term outlives d->term, which building the document reuses. */
    uterm_len = strlen(VNS__PREFIX_ID) + a->id_len;
    if (!(uterm = malloc(uterm_len)))
        return vns__error(VNS_ENOMEM, "out of memory");
    memcpy(uterm, VNS__PREFIX_ID, strlen(VNS__PREFIX_ID));
    memcpy(uterm + strlen(VNS__PREFIX_ID), a->id, a->id_len);
    rc = vns__xdb_read(d->db, uterm, uterm_len, slots, 2, stored, lens, NULL,
                       NULL, &found);
    if (rc == VNS_OK && found &&
        same_stored(stored, lens, hash_hex, origin, origin_len))
        *out = VNS_WRITE_UNCHANGED;
    else if (rc == VNS_OK)
        rc = write_document(out, d, a, uterm, uterm_len, hash_hex, origin,
                            origin_len, found, stored, lens);
    free(stored[0]);
    free(stored[1]);
    free(uterm);
    return rc;
}

int vns__dbw_delete(int *deleted_out, vns__dbw *d, const char *id,
                    size_t id_len)
{
    static const unsigned slot = VNS__SLOT_HASH;
    char *value = NULL;
    size_t n, value_len;
    int rc, found = 0;

    const char *uterm = make_term(d, VNS__PREFIX_ID, id, id_len, &n);
    if (!uterm)
        return vns__error(VNS_ENOMEM, "out of memory");
    rc = vns__xdb_read(d->db, uterm, n, &slot, 1, &value, &value_len, NULL,
                       NULL, &found);
    free(value);
    if (rc == VNS_OK && found && (rc = vns__xdb_delete(d->db, uterm, n)) ==
                                     VNS_OK)
        d->pending++;
    *deleted_out = rc == VNS_OK && found;
    return rc;
}

/* A listing in progress over one database. */
typedef struct lister {
    vns__xdb *db;
    const vns__idset *except;
    int with_data;
    vns__listed_cb cb;
    void *payload;
} lister;

static int list_one(const char *term, size_t len, void *payload)
{
    static const unsigned slot = VNS__SLOT_ORIGIN;
    const lister *l = payload;
    size_t skip = strlen(VNS__PREFIX_ID);
    vns__listed a = {term + skip, NULL, NULL, len - skip, 0, 0};
    char *origin = NULL, *data = NULL;
    int rc, found;

    if (l->except && vns__idset_has(l->except, a.id, a.id_len))
        return 0;
    rc = vns__xdb_read(l->db, term, len, &slot, 1, &origin, &a.origin_len,
                       l->with_data ? &data : NULL, &a.data_len, &found);
    a.origin = origin ? origin : "";
    a.data = data;
    if (rc == VNS_OK && found)
        rc = l->cb(&a, l->payload);
    free(origin);
    free(data);
    return rc;
}

static int list_db(vns__xdb *db, const vns__idset *except, int with_data,
                   vns__listed_cb cb, void *payload)
{
    lister l = {db, except, with_data, cb, payload};
    return vns__xdb_each_term(db, VNS__PREFIX_ID, list_one, &l);
}

int vns__dbw_list(vns__dbw *d, const vns__idset *except, int with_data,
                  vns__listed_cb cb, void *payload)
{
    return list_db(d->db, except, with_data, cb, payload);
}

int vns__dbw_list_path(uint64_t *count_out, const char *path,
                       const vns__idset *except, int with_data,
                       vns__listed_cb cb, void *payload)
{
    vns__xdb *db;
    unsigned long count = 0;
    int rc = vns__xdb_open_readonly(&db, path);

    *count_out = 0;
    if (rc != VNS_OK)
        return rc;
    rc = vns__xdb_doccount(db, &count);
    *count_out = count;
    if (rc == VNS_OK)
        rc = list_db(db, except, with_data, cb, payload);
    vns__xdb_close(db);
    return rc;
}

int vns__dbw_merge(const char *dest, const char *const *sources, size_t count)
{
    int rc = vns__xdb_compact(dest, sources, count);
    return rc == VNS_OK ? vns__durable_sync_dir(dest) : rc;
}
