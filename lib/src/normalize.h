/*
 * normalize.h - one word to its exact and folded forms.
 */
#ifndef VNS_NORMALIZE_H
#define VNS_NORMALIZE_H

#include "vnsearch.h"

#include "buf.h"

#include <stdint.h>

#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/* Room for a word's forms: the limit plus one code point, so that a form
 * over the limit is seen as such and never written past the end. */
#define VNS__WORD_CAP (VNS_MAX_TOKEN_BYTES + 4)

/* Longest input that may still give a form within VNS_MAX_TOKEN_BYTES:
 * decomposed input is longer than its NFC form, but not three times. */
#define VNS__WORD_MAX_INPUT (3 * VNS_MAX_TOKEN_BYTES)

/* A normalized word. Its forms point into its own buffers or into the word
 * cache; the latter stay valid until the next vns__word_normalize() call,
 * unless vns__word_own() copies them. */
typedef struct vns__word {
    const char *exact;
    size_t exact_len;
    const char *folded;
    size_t folded_len;
    unsigned flags; /* VNS_TOKEN_NUMBER, VNS_TOKEN_SYLLABLE */
    char exact_buf[VNS__WORD_CAP];
    char folded_buf[VNS__WORD_CAP];
} vns__word;

/* A cache of recent words: Vietnamese text uses a few thousand distinct
 * syllables, so most words are found here and skip NFC, case folding and
 * tone placement. Direct-mapped on a hash of the input bytes; a slot holds
 * a short word's input and both of its forms. */
#define VNS__CACHE_SLOTS 8192
#define VNS__CACHE_INPUT 24
#define VNS__CACHE_FORM 32

typedef struct vns__cache_slot {
    uint8_t input_len; /* 0: empty */
    uint8_t exact_len, folded_len, flags;
    char input[VNS__CACHE_INPUT];
    char exact[VNS__CACHE_FORM];
    char folded[VNS__CACHE_FORM];
} vns__cache_slot;

/* What the normalizer needs: ICU's normalizers (process-wide singletons,
 * never freed), the word cache, and scratch space, so no call allocates.
 * Must start zeroed. */
typedef struct vns__normalizer {
    const UNormalizer2 *nfc;
    const UNormalizer2 *nfd;
    int32_t cps[VNS__WORD_MAX_INPUT];
    UChar u16[VNS__WORD_MAX_INPUT * 2];
    UChar u16_nfc[VNS__WORD_MAX_INPUT * 2];
    vns__cache_slot cache[VNS__CACHE_SLOTS];
} vns__normalizer;

/* Returns VNS_OK (or VNS_EICU) after getting the ICU normalizers. */
int vns__normalizer_init(vns__normalizer *nz);

/* The hash that picks a word's cache slot is FNV-1a (hash.h), computed
 * by the caller while it scans the text anyway. */

/* Normalizes the word src[0..n), whose vns__fnv32_byte() hash is `hash`: a
 * run of letters, digits and marks, possibly with format characters (soft
 * hyphen, zero-width joiner) inside, which are dropped. Returns VNS_OK, 1 if
 * the word is longer than VNS_MAX_TOKEN_BYTES (w is then unusable), or
 * VNS_EICU. */
int vns__word_normalize(vns__normalizer *nz, const char *src, size_t n,
                        uint32_t hash, vns__word *w);

/* Appends the NFC form of the UTF-8 text s[0..n) to out, each ill-formed
 * sequence replaced by U+FFFD; *invalid (may be NULL) receives their
 * count. For whole texts (a page file), not for the word hot path.
 * Returns VNS_OK, VNS_ENOMEM or VNS_EICU. */
int vns__utf8_nfc(const vns__normalizer *nz, const char *s, size_t n,
                  vns__buf *out, size_t *invalid);

/* Makes w's forms its own, so that later calls cannot change them. */
void vns__word_own(vns__word *w);

/* Character classes for splitting text into words. */
enum vns__char_class {
    VNS__CHAR_WORD,   /* letter, digit or combining mark */
    VNS__CHAR_IGNORE, /* format character: soft hyphen, ZWJ, ZWNJ, BOM */
    VNS__CHAR_SEP     /* anything else */
};
enum vns__char_class vns__char_class_slow(int32_t c);

/* The class of c; ASCII and the Latin letters of Vietnamese are answered
 * inline, anything else by ICU. */
static inline enum vns__char_class vns__char_class(int32_t c)
{
    if (c < 0x80) {
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return VNS__CHAR_WORD;
        return VNS__CHAR_SEP;
    }
    if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
        (c >= 0x1E00 && c <= 0x1EFF))
        return VNS__CHAR_WORD;
    return vns__char_class_slow(c);
}

#endif /* VNS_NORMALIZE_H */
