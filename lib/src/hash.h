/*
 * hash.h - FNV-1a, the library's one non-cryptographic hash: 32 bits for
 * shard choice and the analyzer's word cache, 64 bits for id sets and
 * the content hash stored in the index (schema.h, VNS__SLOT_HASH).
 * Changing the 64-bit one changes stored values: every article would be
 * rewritten once.
 */
#ifndef VNS_HASH_H
#define VNS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define VNS__FNV32_INIT 2166136261u
#define VNS__FNV64_INIT 14695981039346656037u
#define VNS__FNV32_PRIME 16777619u
#define VNS__FNV64_PRIME 1099511628211u

static inline uint32_t vns__fnv32_byte(uint32_t h, unsigned char byte)
{
    return (h ^ byte) * VNS__FNV32_PRIME;
}

static inline uint64_t vns__fnv64_byte(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * VNS__FNV64_PRIME;
}

/* Continues a 32-bit hash over n more bytes. */
static inline uint32_t vns__fnv32_more(uint32_t h, const void *bytes,
                                       size_t n)
{
    const unsigned char *s = bytes;
    for (size_t i = 0; i < n; i++)
        h = vns__fnv32_byte(h, s[i]);
    return h;
}

static inline uint32_t vns__fnv32(const void *bytes, size_t n)
{
    return vns__fnv32_more(VNS__FNV32_INIT, bytes, n);
}

/* Continues a 64-bit hash over n more bytes. */
static inline uint64_t vns__fnv64_more(uint64_t h, const void *bytes,
                                       size_t n)
{
    const unsigned char *s = bytes;
    for (size_t i = 0; i < n; i++)
        h = vns__fnv64_byte(h, s[i]);
    return h;
}

#endif /* VNS_HASH_H */
