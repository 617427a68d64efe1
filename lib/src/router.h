/*
 * router.h - a sharded index: articles spread over shard indexes, one
 * writer each, listed in a stub file so that readers open them as one.
 */
#ifndef VNS_ROUTER_H
#define VNS_ROUTER_H

#include "vnsearch.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vns__router vns__router;

/* "dir/XAPIANDB", the stub file that makes dir a sharded index (malloc'd;
 * NULL when out of memory). */
char *vns__router_stub_path(const char *dir);

int vns__router_open(vns__router **out, const char *path, unsigned flags,
                     vns_shard_by by, unsigned count);
void vns__router_close(vns__router *r);

/* Settings passed on to every shard's writer. */
void vns__router_set_batch(vns__router *r, size_t documents);
/* This process writes only the shards whose name hashes to `index` of
 * `count` (vnsearch-index --jobs). */
void vns__router_set_process(vns__router *r, unsigned index,
                             unsigned count);

/* Writes the article (from the input file `origin`) into its shard. */
int vns__router_add(vns__router *r, const vns_article *a,
                    const char *origin, size_t origin_len,
                    vns_write_result *result);
int vns__router_delete(vns__router *r, const char *id, size_t id_len,
                       int *deleted);
/* Calls cb with the writer of every shard this process owns (opening
 * them, which takes their locks); a non-zero return stops and is
 * returned. */
int vns__router_each_writer(vns__router *r,
                            int (*cb)(vns_writer *shard, void *payload),
                            void *payload);
int vns__router_commit(vns__router *r);
uint64_t vns__router_committed(const vns__router *r);

#endif /* VNS_ROUTER_H */
