/*
 * idset.h - a set of byte strings (the ids a writer has seen), each with a
 * 64-bit value (where an input run first met it).
 */
#ifndef VNS_IDSET_H
#define VNS_IDSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct vns__idset {
    char **slots; /* each: a size_t length, a uint64_t value, the bytes */
    size_t count, capacity;
} vns__idset;

/* Adds s[0..n) with value 0; returns 1 if added, 0 if it was there, -1
 * out of memory. */
int vns__idset_add(vns__idset *set, const char *s, size_t n);
/* Adds s[0..n) with `value`, or when it was there already leaves it and
 * gives its value in *old (may be NULL); returns as vns__idset_add. */
int vns__idset_put(vns__idset *set, const char *s, size_t n, uint64_t value,
                   uint64_t *old);
int vns__idset_has(const vns__idset *set, const char *s, size_t n);
void vns__idset_free(vns__idset *set);

#endif /* VNS_IDSET_H */
