/*
 * qtree.h - a query as a syntax tree: what the user typed, each word
 * analyzed as at index time, before anything Xapian (qplan.h has the
 * plan made from it).
 *
 * The tree is an array of plain nodes; children are linked by index, and
 * the analyzed tokens sit in a second array. qparse.c builds it, qtree.c
 * prints it as one line of text (vnsearch-query --explain, the unit
 * tests), qmatch.c and qwords.c derive the plan from it.
 */
#ifndef VNS_QTREE_H
#define VNS_QTREE_H

#include "abbrev.h"
#include "buf.h"
#include "vnsearch.h"

#include <stddef.h>

#define VNS__QTREE_WORD_TOKENS 16 /* in a word or a "phrase" */

/* One analyzed word of the query. It is "accented" when its exact form
 * is not its folded form: it then matches its exact term only. */
typedef struct vns__qtok {
    char exact[VNS_MAX_TOKEN_BYTES], folded[VNS_MAX_TOKEN_BYTES];
    size_t exact_len, folded_len;
    unsigned flags; /* VNS_TOKEN_* */
} vns__qtok;

enum vns__qkind {
    VNS__QAND,      /* a group: all children match, NOT children don't */
    VNS__QOR,       /* any child */
    VNS__QNOT,      /* its one child is excluded (a child of an AND) */
    VNS__QWORD,     /* one token */
    VNS__QPHRASE,   /* its tokens in a row */
    VNS__QABBREV,   /* an abbreviation: its WORD child, or any of its
                       expansions (PHRASE children) */
    VNS__QCOMPOUND, /* 61/2018/NĐ-CP: the whole term (first child), or the
                       phrase of its parts (second child) */
    VNS__QSPELLED,  /* a run of words spelling an abbreviation's expansion:
                       their words (children) or the abbreviation */
    VNS__QVARIANT   /* a word typed with marks, or a known variant
                       spelling of it (variants file): WORD children of
                       one folded form (Đăk, Đắk) */
};

typedef struct vns__qnode {
    enum vns__qkind kind;
    int first, next;    /* the first child, the next sibling; -1: none */
    size_t tok, ntoks;  /* WORD, PHRASE: tokens toks[tok..tok+ntoks) */
    int title;          /* WORD, PHRASE: in the title (title:) */
    int quoted;         /* PHRASE: typed "between quotes" (not a word of
                           several parts, an expansion or a compound's
                           parts) */
    const char *abbrev; /* SPELLED: the abbreviation, folded; borrowed
                           from the abbreviation table */
} vns__qnode;

typedef struct vns__qtree {
    vns__qnode *nodes;
    size_t n, cap;
    vns__qtok *toks;
    size_t ntoks, cap_toks;
    int root;     /* an OR; -1 until parsed */
    int too_long; /* the parse failed on a limit that pasted text meets
                     (words, terms, a long quote or compound) */
} vns__qtree;

#define VNS__QTREE_INIT {NULL, 0, 0, NULL, 0, 0, -1, 0}

/* for (each child c of node x of tree t) */
#define VNS__QTREE_CHILDREN(t, x, c) \
    for (int c = (t)->nodes[x].first; c >= 0; c = (t)->nodes[c].next)

/* Parses text[0..len) into t (VNS__QTREE_INIT). VNS_EQUERY ("query, byte
 * N: what") sets *error_offset to N; -1 otherwise. */
int vns__qtree_parse(vns__qtree *t, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len, long *error_offset);
void vns__qtree_free(vns__qtree *t);

/* A new node of that kind, without children; -1 when out of memory. */
int vns__qtree_node(vns__qtree *t, enum vns__qkind kind);
/* Appends child to parent's children. */
void vns__qtree_adopt(vns__qtree *t, int parent, int child);
/* Makes room for n more tokens at t->toks + t->ntoks; NULL when out of
 * memory. */
vns__qtok *vns__qtree_reserve(vns__qtree *t, size_t n);

/* The token of a one-word item (WORD, or the ABBREV, COMPOUND or VARIANT
 * around one: the word typed), or NULL. */
const vns__qtok *vns__qtree_single(const vns__qtree *t, int node);
/* Whether an item is in the title only (title:word, title:"phrase"). */
int vns__qtree_title(const vns__qtree *t, int node);
/* Whether the token matches its exact term (typed with marks). */
int vns__qtok_accented(const vns__qtok *k);

/* Appends the tree as one line, e.g.
 *   AND(E:cải, cach, NOT("ha noi"), OR(ubnd, S:E:tỉnh))
 * a token: its folded term, or E:exact; S: in the title; "a phrase";
 * ABBR(word, "expansion"...), COMPOUND(whole, "parts"), SPELLED(words...,
 * =abbreviation), VARIANT(word, variant...); an AND or OR of one child is
 * shown as that child. */
void vns__qtree_print(const vns__qtree *t, int node, vns__buf *out);
/* Appends a token as the printed tree shows it. */
void vns__qtok_print(const vns__qtok *k, vns__buf *out);

#endif /* VNS_QTREE_H */
