/*
 * idset.h - a set of byte strings (the ids a writer has seen).
 */
#ifndef VNS_IDSET_H
#define VNS_IDSET_H

#include <stddef.h>

typedef struct vns__idset {
    char **slots; /* each: a size_t length, then the bytes */
    size_t count, capacity;
} vns__idset;

/* Adds s[0..n); returns 1 if added, 0 if it was there, -1 out of memory. */
int vns__idset_add(vns__idset *set, const char *s, size_t n);
int vns__idset_has(const vns__idset *set, const char *s, size_t n);
void vns__idset_free(vns__idset *set);

#endif /* VNS_IDSET_H */
