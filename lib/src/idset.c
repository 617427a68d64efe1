/*
 * idset.c - a set of byte strings: open addressing, linear probing, kept
 * at most half full. 158,050 ids of about 20 bytes take some 8 MB.
 */
#include "idset.h"

#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t n)
{
    return vns__fnv64_more(VNS__FNV64_INIT, s, n);
}

#define HEAD (sizeof(size_t) + sizeof(uint64_t)) /* length, value */

static int same(const char *slot, const char *s, size_t n)
{
    size_t len;
    memcpy(&len, slot, sizeof len);
    return len == n && memcmp(slot + HEAD, s, n) == 0;
}

static size_t find(const vns__idset *set, const char *s, size_t n)
{
    size_t mask = set->capacity - 1, i = (size_t)hash(s, n) & mask;
    while (set->slots[i] && !same(set->slots[i], s, n))
        i = (i + 1) & mask;
    return i;
}

static int grow(vns__idset *set)
{
    size_t capacity = set->capacity ? set->capacity * 2 : 1024;
    char **old = set->slots;
    size_t old_capacity = set->capacity;

    set->slots = calloc(capacity, sizeof *set->slots);
    if (!set->slots) {
        set->slots = old;
        return -1;
    }
    set->capacity = capacity;
    for (size_t i = 0; i < old_capacity; i++) {
        if (!old[i])
            continue;
        size_t len;
        memcpy(&len, old[i], sizeof len);
        set->slots[find(set, old[i] + HEAD, len)] = old[i];
    }
    free(old);
    return 0;
}

int vns__idset_add(vns__idset *set, const char *s, size_t n)
{
    return vns__idset_put(set, s, n, 0, NULL);
}

int vns__idset_put(vns__idset *set, const char *s, size_t n, uint64_t value,
                   uint64_t *old)
{
    if ((set->count + 1) * 2 > set->capacity && grow(set) != 0)
        return -1;
    size_t i = find(set, s, n);
    if (set->slots[i]) {
        if (old)
            memcpy(old, set->slots[i] + sizeof n, sizeof *old);
        return 0;
    }
    char *copy = malloc(HEAD + n);
    if (!copy)
        return -1;
    memcpy(copy, &n, sizeof n);
    memcpy(copy + sizeof n, &value, sizeof value);
    memcpy(copy + HEAD, s, n);
    set->slots[i] = copy;
    set->count++;
    return 1;
}

int vns__idset_has(const vns__idset *set, const char *s, size_t n)
{
    return set->capacity && set->slots[find(set, s, n)] != NULL;
}

void vns__idset_free(vns__idset *set)
{
    for (size_t i = 0; i < set->capacity; i++)
        free(set->slots[i]);
    free(set->slots);
    set->slots = NULL;
    set->count = set->capacity = 0;
}
