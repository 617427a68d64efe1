/*
 * store.c - the stored form of an article (the Xapian document data).
 *
 * News text compresses about 3:1 with zlib, and the stored article is most
 * of an index's size, so it is compressed. The layout is versioned by its
 * first byte, so that it can change without an index format change.
 */
#include "store.h"

#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define STORE_VERSION 1
#define MAX_STORED (256u << 20) /* refuse to inflate more than 256 MiB */

/* The fields in stored order, as offsets into vns_article. */
#define FIELD(name) \
    {offsetof(vns_article, name), offsetof(vns_article, name##_len)}
static const struct {
    size_t ptr, len;
} fields[] = {FIELD(id),     FIELD(title),  FIELD(lead),
              FIELD(body),   FIELD(source), FIELD(url),
              FIELD(author), FIELD(category), FIELD(caption)};
#define FIELD_COUNT (sizeof fields / sizeof fields[0])

static void put_varint(vns__buf *b, uint64_t v)
{
    char bytes[10];
    size_t n = 0;
    do {
        bytes[n++] = (char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    vns__buf_append(b, bytes, n);
}

static int get_varint(const unsigned char **p, const unsigned char *end,
                      uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end)
            return 0;
        unsigned char byte = *(*p)++;
        *v |= (uint64_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return 1;
    }
    return 0;
}

int vns__store_encode(const vns_article *a, vns__buf *out)
{
    vns__buf plain = VNS__BUF_INIT;
    char version = STORE_VERSION;

    vns__buf_append(&plain, &version, 1);
    for (size_t f = 0; f < FIELD_COUNT; f++) {
        const char *p = *(const char *const *)((const char *)a + fields[f].ptr);
        size_t n = *(const size_t *)((const char *)a + fields[f].len);
        put_varint(&plain, n);
        if (n)
            vns__buf_append(&plain, p, n);
    }
    put_varint(&plain, a->date);
    if (vns__buf_failed(&plain) || plain.len > MAX_STORED) {
        vns__buf_free(&plain);
        return vns__error(VNS_ENOMEM, "article too large to store");
    }

    uLongf bound = compressBound((uLong)plain.len);
    size_t at = out->len;
    unsigned char *dst = (unsigned char *)vns__buf_extend(out, 4 + bound);
    if (!dst) {
        vns__buf_free(&plain);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    dst[0] = (unsigned char)plain.len;
    dst[1] = (unsigned char)(plain.len >> 8);
    dst[2] = (unsigned char)(plain.len >> 16);
    dst[3] = (unsigned char)(plain.len >> 24);
    int zrc = compress2(dst + 4, &bound, (const Bytef *)plain.ptr,
                        (uLong)plain.len, 6);
    out->len = zrc == Z_OK ? at + 4 + bound : at;
    vns__buf_free(&plain);
    if (zrc != Z_OK)
        return vns__error(VNS_ENOMEM, "zlib compress: %s", zError(zrc));
    return VNS_OK;
}

int vns__store_decode(const char *data, size_t len, vns_article *a,
                      char **text)
{
    const unsigned char *d = (const unsigned char *)data;
    uLongf plain_len;
    unsigned char *plain;

    *text = NULL;
    if (len < 4)
        return vns__error(VNS_ECORRUPT, "stored article too short");
    plain_len = (uLongf)d[0] | (uLongf)d[1] << 8 | (uLongf)d[2] << 16 |
                (uLongf)d[3] << 24;
    if (plain_len == 0 || plain_len > MAX_STORED)
        return vns__error(VNS_ECORRUPT, "stored article has a bad length");
    if (!(plain = malloc(plain_len)))
        return vns__error(VNS_ENOMEM, "out of memory");
    uLongf got = plain_len;
    if (uncompress(plain, &got, d + 4, (uLong)(len - 4)) != Z_OK ||
        got != plain_len || plain[0] != STORE_VERSION) {
        free(plain);
        return vns__error(VNS_ECORRUPT, "stored article does not inflate");
    }

    /* Each field is copied out followed by a NUL, so callers can use it
     * as a C string. */
    char *out = malloc(plain_len + FIELD_COUNT), *o = out;
    const unsigned char *p = plain + 1, *end = plain + plain_len;
    vns_article fresh = VNS_ARTICLE_INIT;
    *a = fresh;
    if (!out) {
        free(plain);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    for (size_t f = 0; f < FIELD_COUNT; f++) {
        uint64_t n;
        if (!get_varint(&p, end, &n) || n > (uint64_t)(end - p)) {
            free(plain);
            free(out);
            return vns__error(VNS_ECORRUPT, "stored article is cut short");
        }
        memcpy(o, p, (size_t)n);
        o[n] = '\0';
        *(const char **)((char *)a + fields[f].ptr) = n ? o : NULL;
        *(size_t *)((char *)a + fields[f].len) = (size_t)n;
        o += n + 1;
        p += n;
    }
    uint64_t date;
    int ok = get_varint(&p, end, &date) && date <= UINT32_MAX;
    free(plain);
    if (!ok) {
        free(out);
        return vns__error(VNS_ECORRUPT, "stored article has a bad date");
    }
    a->date = (uint32_t)date;
    *text = out;
    return VNS_OK;
}
