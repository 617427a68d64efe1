/*
 * vietnamese.h - Vietnamese syllables: vowels, tones and tone placement.
 * Pure C, no ICU; works on lowercase code points.
 */
#ifndef VNS_VIETNAMESE_H
#define VNS_VIETNAMESE_H

#include <stddef.h>
#include <stdint.h>

/* The twelve vowel letters, in this order: a ă â e ê i o ô ơ u ư y. */
enum { VNS__VOWEL_COUNT = 12 };

/* The tones: none, grave (huyền), acute (sắc), hook (hỏi), tilde (ngã),
 * dot below (nặng). */
enum { VNS__TONE_COUNT = 6 };

/* If c is a lowercase Vietnamese vowel letter (with or without a tone),
 * sets *vowel (0..11) and *tone (0..5) and returns 1; otherwise 0. */
int vns__viet_vowel(int32_t c, int *vowel, int *tone);

/* The lowercase letter for a vowel (0..11) carrying a tone (0..5). */
int32_t vns__viet_compose(int vowel, int tone);

/* Puts the tone mark of the lowercase word w[0..n) where Vietnamese
 * spelling puts it, if w is a Vietnamese syllable with exactly one tone
 * mark. The placement is the traditional one most news sites use: hòa,
 * khỏe, thủy, hoàn, quý, việt, người. Returns 1 if w is such a syllable
 * (w may have changed), 0 if not (w is unchanged). */
int vns__viet_place_tone(int32_t *w, size_t n);

#endif /* VNS_VIETNAMESE_H */
