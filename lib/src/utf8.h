/*
 * utf8.h - UTF-8 decoding with U+FFFD repair, and encoding. No ICU.
 *
 * Ill-formed input is replaced the way Unicode recommends and ICU does
 * ("maximal subpart"): the longest prefix of a well-formed sequence counts as
 * one U+FFFD, any other bad byte as one U+FFFD each. Reads never go past the
 * given length.
 */
#ifndef VNS_UTF8_H
#define VNS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define VNS_REPLACEMENT_CHAR 0xFFFD

/* Decodes the code point at s[0..n), n > 0, into *cp and returns the number
 * of bytes it used (1..4). An ill-formed sequence gives *cp = U+FFFD and
 * *bad = 1; otherwise *bad = 0. */
static inline size_t vns__utf8_decode(const unsigned char *s, size_t n,
                                      int32_t *cp, int *bad)
{
    unsigned char b0 = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need;
    int32_t c;

    *bad = 0;
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;          /* no overlong forms */
        else if (b0 == 0xED)
            hi = 0x9F;          /* no surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;          /* nothing above U+10FFFF */
    } else {
        *cp = VNS_REPLACEMENT_CHAR;
        *bad = 1;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *cp = VNS_REPLACEMENT_CHAR;
            *bad = 1;
            return i;
        }
        c = (c << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return need + 1;
}

/* Writes the UTF-8 form of a valid code point to out (room for 4 bytes)
 * and returns its length. */
static inline size_t vns__utf8_encode(int32_t c, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Number of ill-formed sequences in s[0..n). */
static inline size_t vns__utf8_count_invalid(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, bad_count = 0;

    while (i < n) {
        int32_t cp;
        int bad;
        i += vns__utf8_decode(s + i, n - i, &cp, &bad);
        bad_count += (size_t)bad;
    }
    return bad_count;
}

#endif /* VNS_UTF8_H */
