/*
 * xflat.c - a Xapian query written down flat (xflat.h).
 */
#include "xflat.h"

#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

/* The next node, zeroed, or NULL (and the list failed). */
static vns__xnode *push(vns__xflat *f, enum vns__xop op)
{
    vns__xnode *more = f->failed ? NULL
                                 : vns__grow(f->nodes, &f->cap, f->n + 1,
                                             sizeof *more);
    if (!more) {
        f->failed = 1;
        return NULL;
    }
    f->nodes = more;
    vns__xnode *x = &f->nodes[f->n++];
    memset(x, 0, sizeof *x);
    x->op = op;
    x->off = f->bytes.len;
    return x;
}

void vns__xflat_term(vns__xflat *f, const char *prefix, const char *s,
                     size_t len)
{
    vns__xnode *x = push(f, VNS__XOP_TERM);
    if (!x)
        return;
    vns__buf_append(&f->bytes, prefix, strlen(prefix));
    vns__buf_append(&f->bytes, s, len);
    x->len = f->bytes.len - x->off;
}

void vns__xflat_term2(vns__xflat *f, const char *prefix, const char *a,
                      size_t alen, const char *b, size_t blen)
{
    vns__xnode *x = push(f, VNS__XOP_TERM);
    if (!x)
        return;
    vns__buf_append(&f->bytes, prefix, strlen(prefix));
    vns__buf_append(&f->bytes, a, alen);
    vns__buf_append(&f->bytes, " ", 1);
    vns__buf_append(&f->bytes, b, blen);
    x->len = f->bytes.len - x->off;
}

void vns__xflat_op(vns__xflat *f, enum vns__xop op, size_t count,
                   unsigned window)
{
    vns__xnode *x = push(f, op);
    if (x) {
        x->count = count;
        x->arg = window;
    }
}

void vns__xflat_combine(vns__xflat *f, enum vns__xop op, size_t count,
                        unsigned window)
{
    if (count != 1 || op == VNS__XOP_PHRASE)
        vns__xflat_op(f, op, count, window);
}

void vns__xflat_range(vns__xflat *f, unsigned slot, const char *lo,
                      const char *hi, size_t len)
{
    vns__xnode *x = push(f, VNS__XOP_VALUE_RANGE);
    if (!x)
        return;
    x->arg = slot;
    x->len = len;
    vns__buf_append(&f->bytes, lo, len);
    vns__buf_append(&f->bytes, hi, len);
}

void vns__xflat_nothing(vns__xflat *f)
{
    push(f, VNS__XOP_NOTHING);
}

void vns__xflat_append(vns__xflat *f, const vns__xflat *from)
{
    size_t base = f->bytes.len;

    if (vns__xflat_failed(from)) {
        f->failed = 1;
        return;
    }
    vns__buf_append(&f->bytes, from->bytes.ptr, from->bytes.len);
    for (size_t i = 0; i < from->n; i++) {
        vns__xnode *x = push(f, from->nodes[i].op);
        if (!x)
            return;
        *x = from->nodes[i];
        x->off += base;
    }
}

int vns__xflat_build(vns__xq **out, const vns__xflat *f)
{
    *out = NULL;
    if (vns__xflat_failed(f))
        return vns__error(VNS_ENOMEM, "out of memory");
    return vns__xq_build(out, f->nodes, f->n,
                         f->bytes.ptr ? f->bytes.ptr : "");
}

void vns__xflat_free(vns__xflat *f)
{
    free(f->nodes);
    vns__buf_free(&f->bytes);
    memset(f, 0, sizeof *f);
}
