/*
 * qtree.c - the query's syntax tree (qtree.h): building blocks, and the
 * tree printed as one line of text, which is how the unit tests and
 * vnsearch-query --explain say what a query means.
 */
#include "qtree.h"

#include <stdlib.h>
#include <string.h>

int vns__qtree_node(vns__qtree *t, enum vns__qkind kind)
{
    vns__qnode *more = vns__grow(t->nodes, &t->cap, t->n + 1, sizeof *more);
    if (!more)
        return -1;
    t->nodes = more;
    vns__qnode *x = &t->nodes[t->n];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->first = x->next = -1;
    return (int)t->n++;
}

void vns__qtree_adopt(vns__qtree *t, int parent, int child)
{
    int *link = &t->nodes[parent].first;
    while (*link >= 0)
        link = &t->nodes[*link].next;
    *link = child;
    t->nodes[child].next = -1;
}

vns__qtok *vns__qtree_reserve(vns__qtree *t, size_t n)
{
    vns__qtok *more = vns__grow(t->toks, &t->cap_toks, t->ntoks + n,
                                sizeof *more);
    if (!more)
        return NULL;
    t->toks = more;
    return t->toks + t->ntoks;
}

void vns__qtree_free(vns__qtree *t)
{
    free(t->nodes);
    free(t->toks);
    memset(t, 0, sizeof *t);
    t->root = -1;
}

const vns__qtok *vns__qtree_single(const vns__qtree *t, int node)
{
    const vns__qnode *x = &t->nodes[node];
    if (x->kind == VNS__QABBREV || x->kind == VNS__QCOMPOUND ||
        x->kind == VNS__QVARIANT)
        return vns__qtree_single(t, x->first);
    return x->kind == VNS__QWORD ? &t->toks[x->tok] : NULL;
}

int vns__qtree_title(const vns__qtree *t, int node)
{
    const vns__qnode *x = &t->nodes[node];
    if (x->kind == VNS__QCOMPOUND)
        return vns__qtree_title(t, x->first);
    return (x->kind == VNS__QWORD || x->kind == VNS__QPHRASE) && x->title;
}

int vns__qtok_accented(const vns__qtok *k)
{
    return k->exact_len != k->folded_len ||
           memcmp(k->exact, k->folded, k->exact_len) != 0;
}

void vns__qtok_print(const vns__qtok *k, vns__buf *out)
{
    if (vns__qtok_accented(k)) {
        vns__buf_append(out, "E:", 2);
        vns__buf_append(out, k->exact, k->exact_len);
    } else {
        vns__buf_append(out, k->folded, k->folded_len);
    }
}

static void print_tokens(const vns__qtree *t, const vns__qnode *x,
                         vns__buf *out)
{
    if (x->title)
        vns__buf_append(out, "S:", 2);
    if (x->kind == VNS__QPHRASE)
        vns__buf_append(out, "\"", 1);
    for (size_t i = 0; i < x->ntoks; i++) {
        if (i)
            vns__buf_append(out, " ", 1);
        vns__qtok_print(&t->toks[x->tok + i], out);
    }
    if (x->kind == VNS__QPHRASE)
        vns__buf_append(out, "\"", 1);
}

static void print_children(const vns__qtree *t, int x, vns__buf *out)
{
    VNS__QTREE_CHILDREN(t, x, c) {
        if (c != t->nodes[x].first)
            vns__buf_append(out, ", ", 2);
        vns__qtree_print(t, c, out);
    }
}

void vns__qtree_print(const vns__qtree *t, int node, vns__buf *out)
{
    static const char *const names[] = {
        "AND", "OR", "NOT", "", "", "ABBR", "COMPOUND", "SPELLED", "VARIANT"};
    const vns__qnode *x = &t->nodes[node];

    if (x->kind == VNS__QWORD || x->kind == VNS__QPHRASE) {
        print_tokens(t, x, out);
        return;
    }
    if ((x->kind == VNS__QAND || x->kind == VNS__QOR) && x->first >= 0 &&
        t->nodes[x->first].next < 0) {
        vns__qtree_print(t, x->first, out); /* one child: just it */
        return;
    }
    vns__buf_append(out, names[x->kind], strlen(names[x->kind]));
    vns__buf_append(out, "(", 1);
    print_children(t, node, out);
    if (x->kind == VNS__QSPELLED) {
        vns__buf_append(out, ", =", 3);
        vns__buf_append(out, x->abbrev, strlen(x->abbrev));
    }
    vns__buf_append(out, ")", 1);
}
