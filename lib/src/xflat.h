/*
 * xflat.h - a Xapian query written down flat, in C, so that the shim
 * builds it in one call (vns__xq_build): the nodes in postfix order,
 * their terms in one byte buffer.
 *
 * The plan (qmatch.c, qwords.c) writes the query's parts this way and
 * search.c joins them (a level's query, the one before it to exclude, the
 * date range) before each pass; nothing Xapian is held between calls. A failed
 * allocation is sticky, as in vns__buf: check once, at the end.
 */
#ifndef VNS_XFLAT_H
#define VNS_XFLAT_H

#include "buf.h"
#include "xapian_shim.h"

#include <stddef.h>

typedef struct vns__xflat {
    vns__xnode *nodes;
    size_t n, cap;
    vns__buf bytes; /* the terms, at each node's off */
    int failed;
} vns__xflat;

#define VNS__XFLAT_INIT {NULL, 0, 0, VNS__BUF_INIT, 0}

/* A term: prefix (schema.h) then s[0..len). */
void vns__xflat_term(vns__xflat *f, const char *prefix, const char *s,
                     size_t len);
/* A term of two parts: prefix, a, a space, b (a pair term, schema.h). */
void vns__xflat_term2(vns__xflat *f, const char *prefix, const char *a,
                      size_t alen, const char *b, size_t blen);
/* Combines the last `count` queries with op (PHRASE: in a window of
 * `window` positions). */
void vns__xflat_op(vns__xflat *f, enum vns__xop op, size_t count,
                   unsigned window);
/* Combines the last `count` queries as the parser always has: one stays
 * as it is (but a phrase of one), more are joined by op. */
void vns__xflat_combine(vns__xflat *f, enum vns__xop op, size_t count,
                        unsigned window);
/* Documents whose value in `slot` is from lo to hi (as bytes, both of
 * length len), inclusive. */
void vns__xflat_range(vns__xflat *f, unsigned slot, const char *lo,
                      const char *hi, size_t len);
/* A query that matches nothing. */
void vns__xflat_nothing(vns__xflat *f);
/* Appends all of `from`: one more query, or several in a row. */
void vns__xflat_append(vns__xflat *f, const vns__xflat *from);
static inline int vns__xflat_failed(const vns__xflat *f)
{
    return f->failed || vns__buf_failed(&f->bytes);
}
/* *out receives the Xapian query (free with vns__xq_free); VNS_ENOMEM
 * when writing f ran out of memory, or vns__xq_build's failures. */
int vns__xflat_build(vns__xq **out, const vns__xflat *f);
void vns__xflat_free(vns__xflat *f);

#endif /* VNS_XFLAT_H */
