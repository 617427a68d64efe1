/*
 * buf.c - a growable byte buffer.
 */
#include "buf.h"

#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int reserve(vns__buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra >= (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->ptr = p;
    b->cap = cap;
    return 1;
}

void vns__buf_append(vns__buf *b, const char *data, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n)
        memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

char *vns__buf_extend(vns__buf *b, size_t n)
{
    if (!reserve(b, n))
        return NULL;
    b->len += n;
    b->ptr[b->len] = '\0';
    return b->ptr + b->len - n;
}

void vns__buf_append_utf8_repaired(vns__buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, clean = 0;

    while (i < n) {
        int32_t c;
        int bad;
        size_t used = vns__utf8_decode(u + i, n - i, &c, &bad);
        if (bad) {
            vns__buf_append(b, s + clean, i - clean);
            vns__buf_append(b, "\xEF\xBF\xBD", 3);
            clean = i + used;
        }
        i += used;
    }
    vns__buf_append(b, s + clean, n - clean);
}

char *vns__buf_detach(vns__buf *b, size_t *len)
{
    char *p = b->ptr;

    if (!p && reserve(b, 0)) {
        p = b->ptr;
        p[0] = '\0';
    }
    if (len)
        *len = b->len;
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void vns__buf_free(vns__buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void *vns__grow(void *items, size_t *cap, size_t need, size_t size)
{
    size_t more = *cap ? *cap : 16;

    if (need <= *cap)
        return items;
    while (more < need)
        more *= 2;
    if (more > SIZE_MAX / size || !(items = realloc(items, more * size)))
        return NULL;
    *cap = more;
    return items;
}
