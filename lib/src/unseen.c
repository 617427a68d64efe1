/*
 * unseen.c - the articles of an index that a run was not given: counted
 * and deleted (vnsearch-index --delete-missing), or, for a rebuild into a
 * new index (--full), carried over from the old one. Only those whose
 * input file says they may go are counted or dropped (inputs.h): an
 * article of a file that could not be read stays.
 *
 * The ids are collected first and deleted after: deleting while Xapian
 * lists the terms is unsafe.
 */
#include "vnsearch.h"

#include "buf.h"
#include "dbwriter.h"
#include "inputs.h"
#include "store.h"
#include "vns_internal.h"
#include "writer.h"

#include <stdlib.h>
#include <string.h>

/* The articles of an index that this writer was not given: each is
 * deleted, kept, or (--full) carried over, as its input file says. */
typedef struct unseen {
    vns_writer *w;
    vns__buf ids;      /* those that may go: each a size_t length, bytes */
    size_t deletable, kept;
} unseen;

/* Writes an article of another index (its stored form) into w. */
static int carry_over(unseen *u, const vns__listed *l)
{
    vns_article a;
    vns_write_result result;
    char *text;
    int rc = vns__store_decode(l->data, l->data_len, &a, &text);

    if (rc == VNS_OK)
        rc = vns__writer_add(&result, u->w, &a, l->origin, l->origin_len);
    if (rc == VNS_OK && result != VNS_WRITE_OTHER_PART)
        u->kept++;
    free(text);
    return rc;
}

static int may_delete(const unseen *u, const vns__listed *l)
{
    return vns__inputs_may_delete(vns__writer_inputs(u->w), l->origin,
                                  l->origin_len);
}

static int collect_unseen(const vns__listed *l, void *payload)
{
    unseen *u = payload;
    if (!may_delete(u, l))
        return VNS_OK;
    u->deletable++;
    vns__buf_append(&u->ids, (const char *)&l->id_len, sizeof l->id_len);
    vns__buf_append(&u->ids, l->id, l->id_len);
    return vns__buf_failed(&u->ids) ? vns__error(VNS_ENOMEM, "out of memory")
                                    : VNS_OK;
}

static int keep_unseen(const vns__listed *l, void *payload)
{
    unseen *u = payload;
    if (!may_delete(u, l))
        return carry_over(u, l);
    u->deletable++;
    return VNS_OK;
}

static int list_db(vns__dbw *d, void *payload)
{
    unseen *u = payload;
    return vns__dbw_list(d, vns__writer_seen(u->w), 0, collect_unseen, u);
}

/* Collects the articles of w's databases that it was not given. */
static int list_unseen(unseen *u, vns_writer *w)
{
    memset(u, 0, sizeof *u);
    u->w = w;
    return vns__writer_each_db(w, list_db, u);
}

vns_status vns_writer_count_unseen(size_t *out, vns_writer *w)
{
    unseen u;
    int rc;

    vns__error_clear();
    if (!w || !out)
        return vns__error(VNS_EINVAL, "vns_writer_count_unseen: NULL");
    rc = list_unseen(&u, w);
    *out = u.deletable;
    vns__buf_free(&u.ids);
    return (vns_status)rc;
}

vns_status vns_writer_delete_unseen(size_t *out, vns_writer *w)
{
    unseen u;
    size_t done = 0;
    int rc;

    vns__error_clear();
    if (!w)
        return vns__error(VNS_EINVAL, "vns_writer_delete_unseen: NULL");
    rc = list_unseen(&u, w);
    for (size_t at = 0; rc == VNS_OK && at < u.ids.len;) {
        size_t n;
        int was;
        memcpy(&n, u.ids.ptr + at, sizeof n);
        rc = vns__writer_delete(&was, w, u.ids.ptr + at + sizeof n, n);
        done += (size_t)was;
        at += sizeof n + n;
    }
    vns__buf_free(&u.ids);
    if (out)
        *out = done;
    return (vns_status)rc;
}

vns_status vns_writer_keep_unread(size_t *kept_out, size_t *dropped_out,
                                  uint64_t *had_out, vns_writer *w,
                                  const char *previous)
{
    unseen u;
    uint64_t had = 0;
    int rc;

    vns__error_clear();
    if (!w || !previous)
        return vns__error(VNS_EINVAL, "vns_writer_keep_unread: NULL");
    memset(&u, 0, sizeof u);
    u.w = w;
    rc = vns__dbw_list_path(&had, previous, vns__writer_seen(w), 1,
                            keep_unseen, &u);
    if (had_out)
        *had_out = had;
    if (kept_out)
        *kept_out = u.kept;
    if (dropped_out)
        *dropped_out = u.deletable;
    return (vns_status)rc;
}
