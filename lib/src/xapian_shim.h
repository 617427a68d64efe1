/*
 * xapian_shim.h - the C face of xapian_shim.cc, the only C++ file.
 *
 * Every function returns a vns_status (recording Xapian's message with
 * vns__error()) and never throws. Terms and values are (pointer, length).
 */
#ifndef VNS_XAPIAN_SHIM_H
#define VNS_XAPIAN_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vns__xdb vns__xdb;   /* a database open for writing */
typedef struct vns__xdoc vns__xdoc; /* a document being built */

/* Xapian's version at run time, e.g. "1.4.22". Static; never throws. */
const char *vns__xapian_version(void);

/* Opens (creating it when `create`) the database at path for writing.
 * VNS_ELOCKED when another writer has it, VNS_ENOTFOUND, VNS_ECORRUPT,
 * VNS_EVERSION, VNS_EIO. */
int vns__xdb_open(vns__xdb **out, const char *path, int create);
/* Opens the database (or stub file) at path for reading only: the
 * functions that read (doccount, metadata, read, each_term) work on it. */
int vns__xdb_open_readonly(vns__xdb **out, const char *path);
/* Closes without committing what was not committed. Accepts NULL. */
void vns__xdb_close(vns__xdb *db);

int vns__xdb_commit(vns__xdb *db);
int vns__xdb_doccount(vns__xdb *db, unsigned long *count);
/* *out (malloc'd, NUL-terminated) is NULL when the key is not set. */
int vns__xdb_get_metadata(vns__xdb *db, const char *key, char **out,
                          size_t *len);
int vns__xdb_set_metadata(vns__xdb *db, const char *key, const char *value,
                          size_t len);
/* Replaces the document indexed by the unique term, or adds it. */
int vns__xdb_replace(vns__xdb *db, const char *uterm, size_t uterm_len,
                     vns__xdoc *doc);
int vns__xdb_delete(vns__xdb *db, const char *uterm, size_t uterm_len);
/* The values of slots[0..n) (into values[i], malloc'd, and lens[i]) and,
 * when `data` is not NULL, the data of the document indexed by the unique
 * term; *found is 0 when there is none (and nothing is allocated). */
int vns__xdb_read(vns__xdb *db, const char *uterm, size_t uterm_len,
                  const unsigned *slots, size_t n, char **values,
                  size_t *lens, char **data, size_t *data_len, int *found);
/* Calls cb for every term starting with prefix, in order; a non-zero
 * return stops and is returned. */
int vns__xdb_each_term(vns__xdb *db, const char *prefix,
                       int (*cb)(const char *term, size_t len, void *payload),
                       void *payload);

/* Merges the databases at sources[0..count) into a new one at dest
 * (Xapian's compaction: dest must not exist). */
int vns__xdb_compact(const char *dest, const char *const *sources,
                     size_t count);

/* Reading. */
typedef struct vns__xrdb vns__xrdb; /* a database open for reading */
typedef struct vns__xq vns__xq;     /* a query (tree) */

typedef struct vns__xshard vns__xshard; /* one shard, not yet added */

/* A database of no shards yet; vns__xrdb_add_shard adds them. */
int vns__xrdb_new(vns__xrdb **out);
/* Opens one shard, local (path: a database or a Xapian stub file) or
 * remote (host and port of an xapian-tcpsrv, with a timeout for the
 * connection and for each reply; path then only names it in messages),
 * and checks that its "vns:format" metadata is `format`. One attempt:
 * VNS_EMODIFIED when commits discarded the revision opened before the
 * format was read (the caller tries again). It touches nothing shared, so
 * several shards may be opened at once from different threads (the
 * error detail is the calling thread's). */
int vns__xrdb_open_shard(vns__xshard **out, const char *path,
                         const char *host, unsigned port,
                         unsigned timeout_ms, const char *format);
/* Adds an opened shard to db (the next in the search's order). The shard
 * handle stays the caller's: free it with vns__xrdb_shard_free. */
int vns__xrdb_add_shard(vns__xrdb *db, const vns__xshard *shard);
void vns__xrdb_shard_free(vns__xshard *shard);
/* Moves to the latest revision; *changed (may be NULL) is 0 when there
 * was no newer one (Xapian: "definitely hasn't been reopened"). */
int vns__xrdb_reopen(vns__xrdb *db, int *changed);
void vns__xrdb_close(vns__xrdb *db);

enum vns__xop {
    VNS__XOP_AND, VNS__XOP_OR, VNS__XOP_AND_NOT, VNS__XOP_AND_MAYBE,
    VNS__XOP_FILTER, VNS__XOP_PHRASE, VNS__XOP_SYNONYM,
    VNS__XOP_SCALE,       /* one query, its weight times arg / 100 */
    VNS__XOP_TERM,        /* a term: not an operator */
    VNS__XOP_VALUE_RANGE, /* values of a slot from lo to hi */
    VNS__XOP_NOTHING      /* matches no document */
};
/* One node of a query written in postfix order (xflat.h): a term, a value
 * range or MatchNothing pushes one query; an operator replaces the last
 * `count` queries by their combination. */
typedef struct vns__xnode {
    enum vns__xop op;
    size_t count;    /* an operator: how many queries it combines */
    unsigned arg;    /* PHRASE: the window; VALUE_RANGE: the slot;
                        SCALE: the factor in hundredths */
    size_t off, len; /* TERM: bytes[off..off+len); VALUE_RANGE: lo there,
                        then hi, len bytes each */
} vns__xnode;
/* The query of nodes[0..n) (which must leave exactly one), whose terms
 * are in `bytes`: the whole query crosses into C++ in this one call.
 * *out receives a new query (free with vns__xq_free). VNS_ENOMEM, or
 * VNS_EINTERNAL when the nodes do not make one query (a bug). */
int vns__xq_build(vns__xq **out, const vns__xnode *nodes, size_t n,
                  const char *bytes);
void vns__xq_free(vns__xq *q);

/* One hit: what the search hands back. */
typedef struct vns__xhit {
    double weight;
    char *id; /* value slot id_slot, malloc'd */
    size_t id_len;
    char *data; /* the document data, malloc'd */
    size_t data_len;
} vns__xhit;

enum vns__xsort { VNS__XSORT_RELEVANCE, VNS__XSORT_DATE };

/* Runs the query: ranks by relevance (ties by value slot `id_slot`,
 * ascending) or by value slot `date_order_slot` ascending (one value, as
 * the remote backend cannot sort by a key of two), and returns each hit's
 * id and document data: every read of the database
 * is done here, within one try. At least `check_at_least` matches are
 * counted (local and remote shards alike), so that *estimate is exact up
 * to there; *exact says whether it is (Xapian's lower and upper bounds
 * agree). VNS_EMODIFIED when a writer's commits discarded the revision
 * being read: the caller reopens and runs its whole search again
 * (search.c), so that all of its passes read one revision. *hits is
 * malloc'd (free each data, then it). */
int vns__xrdb_search(vns__xrdb *db, const vns__xq *q, enum vns__xsort sort,
                     unsigned date_order_slot, unsigned id_slot,
                     unsigned long offset, unsigned long limit,
                     unsigned long check_at_least,
                     vns__xhit **hits, size_t *count,
                     unsigned long *estimate, int *exact);
void vns__xhits_free(vns__xhit *hits, size_t count);

int vns__xdoc_new(vns__xdoc **out);
void vns__xdoc_free(vns__xdoc *doc);
/* Empties the document for reuse. */
void vns__xdoc_clear(vns__xdoc *doc);
int vns__xdoc_add_posting(vns__xdoc *doc, const char *term, size_t len,
                          unsigned position, unsigned wdf_inc);
int vns__xdoc_add_term(vns__xdoc *doc, const char *term, size_t len,
                       unsigned wdf_inc);
int vns__xdoc_set_value(vns__xdoc *doc, unsigned slot, const char *data,
                        size_t len);
int vns__xdoc_set_data(vns__xdoc *doc, const char *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* VNS_XAPIAN_SHIM_H */
