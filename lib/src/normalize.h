/*
 * normalize.h - one word to its exact and folded forms.
 */
#ifndef VNS_NORMALIZE_H
#define VNS_NORMALIZE_H

#include "vnsearch.h"

#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/* Room for a word's forms: the limit plus one code point, so that a form
 * over the limit is seen as such and never written past the end. */
#define VNS__WORD_CAP (VNS_MAX_TOKEN_BYTES + 4)

/* Longest input that may still give a form within VNS_MAX_TOKEN_BYTES:
 * decomposed input is longer than its NFC form, but not three times. */
#define VNS__WORD_MAX_INPUT (3 * VNS_MAX_TOKEN_BYTES)

/* What the normalizer needs: ICU's normalizers (process-wide singletons,
 * never freed) and scratch space, so no call allocates. */
typedef struct vns__normalizer {
    const UNormalizer2 *nfc;
    const UNormalizer2 *nfd;
    int32_t cps[VNS__WORD_MAX_INPUT];
    UChar u16[VNS__WORD_MAX_INPUT * 2];
    UChar u16_nfc[VNS__WORD_MAX_INPUT * 2];
} vns__normalizer;

typedef struct vns__word {
    char exact[VNS__WORD_CAP];
    size_t exact_len;
    char folded[VNS__WORD_CAP];
    size_t folded_len;
    unsigned flags; /* VNS_TOKEN_NUMBER, VNS_TOKEN_SYLLABLE */
} vns__word;

/* Returns VNS_OK (or VNS_EICU) after getting the ICU normalizers. */
int vns__normalizer_init(vns__normalizer *nz);

/* Normalizes the word src[0..n): a run of letters, digits and marks,
 * possibly with format characters (soft hyphen, zero-width joiner) inside,
 * which are dropped. Returns VNS_OK, 1 if the word is longer than
 * VNS_MAX_TOKEN_BYTES (w is then unusable), or VNS_EICU. */
int vns__word_normalize(vns__normalizer *nz, const char *src, size_t n,
                        vns__word *w);

/* Character classes for splitting text into words. */
enum vns__char_class {
    VNS__CHAR_WORD,   /* letter, digit or combining mark */
    VNS__CHAR_IGNORE, /* format character: soft hyphen, ZWJ, ZWNJ, BOM */
    VNS__CHAR_SEP     /* anything else */
};
enum vns__char_class vns__char_class(int32_t c);

#endif /* VNS_NORMALIZE_H */
