/*
 * dbwriter.h - one Xapian database written as a vnsearch index (schema.h):
 * opened with its format checked, articles added by content hash and
 * input file, deleted, committed durably, counted and listed. It knows
 * nothing of shards or parts: writer.c decides which database an article
 * goes to.
 */
#ifndef VNS_DBWRITER_H
#define VNS_DBWRITER_H

#include "idset.h"
#include "vnsearch.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vns__dbw vns__dbw;

/* Opens (creating it when `create`) the database at path, refusing one of
 * another VNS_INDEX_FORMAT (VNS_EVERSION); an empty one gets this format.
 * Commits every `batch` documents written (0: only on request). */
int vns__dbw_open(vns__dbw **out, const char *path, int create,
                  size_t batch);
void vns__dbw_close(vns__dbw *d); /* drops what was not committed; NULL ok */

void vns__dbw_set_batch(vns__dbw *d, size_t batch);

/* Writes the article, from the input file origin[0..origin_len) ("" for
 * none), unless the database holds it with this content and origin.
 * *out: VNS_WRITE_ADDED, _UPDATED or _UNCHANGED (only its file changed,
 * or nothing). The article is valid (writer.c checks it). */
int vns__dbw_add(vns_write_result *out, vns__dbw *d, const vns_article *a,
                 const char *origin, size_t origin_len);
/* Deletes the article with this id; *deleted_out: whether there was one. */
int vns__dbw_delete(int *deleted_out, vns__dbw *d, const char *id,
                    size_t id_len);
/* Commits, then syncs the directory (Xapian 1.4 does not). */
int vns__dbw_commit(vns__dbw *d);
/* Whether there is anything to commit (a new database's format too). */
int vns__dbw_changed(const vns__dbw *d);
uint64_t vns__dbw_committed(const vns__dbw *d); /* written and committed */
/* Documents in the database now, uncommitted changes included. */
int vns__dbw_doc_count(uint64_t *out, vns__dbw *d);

/* An article as listed: its id, the input file it came from ("" for
 * none), and its stored form (store.h) when asked for (else NULL, 0). */
typedef struct vns__listed {
    const char *id, *origin, *data;
    size_t id_len, origin_len, data_len;
} vns__listed;
typedef int (*vns__listed_cb)(const vns__listed *article, void *payload);

/* Calls cb for every article of the database whose id is not in
 * `except`, in id order; a non-zero return stops and is returned. */
int vns__dbw_list(vns__dbw *d, const vns__idset *except, int with_data,
                  vns__listed_cb cb, void *payload);
/* The same over the index at `path`, opened for reading (any name Xapian
 * opens: a database or a stub file); *count_out receives its size. */
int vns__dbw_list_path(uint64_t *count_out, const char *path,
                       const vns__idset *except, int with_data,
                       vns__listed_cb cb, void *payload);

/* Merges the databases at sources[0..count) into a new one at dest
 * (Xapian's compaction: dest must not exist), durably. A source may be a
 * stub (shards, segments): all its databases are merged. In one pass:
 * the multi-pass compaction was slower over 11 segments (bench/README.md,
 * "Segments"). */
int vns__dbw_merge(const char *dest, const char *const *sources,
                   size_t count);

#endif /* VNS_DBWRITER_H */
