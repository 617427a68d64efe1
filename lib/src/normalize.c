/*
 * normalize.c - one word to its exact and folded forms.
 *
 *   exact  = tone placement (case fold (NFC (word))), with Ð/ð read as đ
 *   folded = exact without any mark, đ -> d, and for a number without
 *            its leading zeros (07 -> 7, so 7/12/2018 finds 07/12/2018)
 *
 * Words are short, so the work is done on a code point array held by the
 * normalizer. NFC is skipped when every code point lies in a block where
 * all characters are already NFC and none composes with its neighbour
 * (Basic Latin to Spacing Modifiers, and Latin Extended Additional, which
 * holds the precomposed Vietnamese letters): that is nearly every word of
 * Vietnamese text, and tests check the claim against ICU's data.
 */
#include "normalize.h"

#include "utf8.h"
#include "vietnamese.h"
#include "vns_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

int vns__normalizer_init(vns__normalizer *nz)
{
    UErrorCode err = U_ZERO_ERROR;

    nz->nfc = unorm2_getNFCInstance(&err);
    nz->nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err))
        return vns__error(VNS_EICU, "ICU normalizer: %s", u_errorName(err));
    return VNS_OK;
}

enum vns__char_class vns__char_class_slow(int32_t c)
{
    int8_t type = u_charType(c);
    if (type == U_FORMAT_CHAR)
        return VNS__CHAR_IGNORE;
    if (u_isalnum(c) || type == U_NON_SPACING_MARK ||
        type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK)
        return VNS__CHAR_WORD;
    return VNS__CHAR_SEP;
}

static int already_nfc(int32_t c)
{
    return c < 0x300 || (c >= 0x1E00 && c < 0x1F00);
}

/* Runs ICU NFC over cps[0..*n) in place. Returns 1 when the result would
 * not fit (a word far over the length limit). */
static int nfc_in_place(vns__normalizer *nz, size_t *n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len16 = 0, out16, j = 0;
    size_t k = 0;

    for (size_t i = 0; i < *n; i++)
        U16_APPEND_UNSAFE(nz->u16, len16, nz->cps[i]);
    out16 = unorm2_normalize(nz->nfc, nz->u16, len16, nz->u16_nfc,
                             (int32_t)(sizeof nz->u16_nfc / sizeof(UChar)),
                             &err);
    if (err == U_BUFFER_OVERFLOW_ERROR)
        return 1;
    if (U_FAILURE(err))
        return vns__error(VNS_EICU, "ICU NFC: %s", u_errorName(err));
    while (j < out16 && k < VNS__WORD_MAX_INPUT) {
        U16_NEXT(nz->u16_nfc, j, out16, nz->cps[k]);
        k++;
    }
    *n = k;
    return j < out16;
}

static int32_t case_fold(int32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    return c == 0x00F0 ? 0x0111 : c; /* Ð and ð are typed for Đ */
}

/* The folded form of one case-folded code point, or -1 to drop it. */
static int32_t fold(const vns__normalizer *nz, int32_t c)
{
    static const char vowel_base[VNS__VOWEL_COUNT + 1] = "aaaeeiooouuy";
    int vowel, tone;

    if (c < 0x80)
        return c;
    if (c == 0x0111)
        return 'd';
    if (vns__viet_vowel(c, &vowel, &tone))
        return vowel_base[vowel];
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK)
        return -1;

    UChar decomposed[8];
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = unorm2_getDecomposition(nz->nfd, c, decomposed, 8, &err);
    if (U_FAILURE(err) || len <= 0)
        return c;
    int32_t base, i = 0;
    U16_NEXT(decomposed, i, len, base);
    /* İ (U+0130) has no simple case folding and decomposes to I + dot:
     * a folded form never has capitals (they mark Xapian term prefixes). */
    return base >= 'A' && base <= 'Z' ? base + 0x20 : base;
}

static int append_cp(char *buf, size_t *len, int32_t c)
{
    if (*len + 4 > VNS__WORD_CAP)
        return 1;
    *len += vns__utf8_encode(c, buf + *len);
    return 0;
}

/* Decodes src into nz->cps without format characters; returns the count,
 * and tells whether ICU NFC is needed. */
static size_t decode_word(vns__normalizer *nz, const char *src, size_t n,
                          int *needs_nfc)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0, count = 0;

    *needs_nfc = 0;
    while (i < n) {
        int32_t c;
        int bad;
        i += vns__utf8_decode(s + i, n - i, &c, &bad);
        if (c >= 0x80 && vns__char_class(c) == VNS__CHAR_IGNORE)
            continue;
        *needs_nfc |= !already_nfc(c);
        nz->cps[count++] = c;
    }
    return count;
}

static int cache_get(const vns__cache_slot *slot, const char *src, size_t n,
                     vns__word *w)
{
    if (slot->input_len != n || memcmp(slot->input, src, n) != 0)
        return 0;
    w->exact = slot->exact;
    w->exact_len = slot->exact_len;
    w->folded = slot->folded;
    w->folded_len = slot->folded_len;
    w->flags = slot->flags;
    return 1;
}

void vns__word_own(vns__word *w)
{
    if (w->exact != w->exact_buf) {
        memcpy(w->exact_buf, w->exact, w->exact_len);
        w->exact = w->exact_buf;
    }
    if (w->folded != w->folded_buf) {
        memcpy(w->folded_buf, w->folded, w->folded_len);
        w->folded = w->folded_buf;
    }
}

static void cache_put(vns__cache_slot *slot, const char *src, size_t n,
                      const vns__word *w)
{
    if (w->exact_len > VNS__CACHE_FORM || w->folded_len > VNS__CACHE_FORM)
        return;
    slot->input_len = (uint8_t)n;
    memcpy(slot->input, src, n);
    slot->exact_len = (uint8_t)w->exact_len;
    memcpy(slot->exact, w->exact, w->exact_len);
    slot->folded_len = (uint8_t)w->folded_len;
    memcpy(slot->folded, w->folded, w->folded_len);
    slot->flags = (uint8_t)w->flags;
}

static int normalize_uncached(vns__normalizer *nz, const char *src,
                              size_t n, vns__word *w);

int vns__word_normalize(vns__normalizer *nz, const char *src, size_t n,
                        uint32_t hash, vns__word *w)
{
    vns__cache_slot *slot;
    int rc;

    if (n > VNS__CACHE_INPUT)
        return normalize_uncached(nz, src, n, w);
    slot = &nz->cache[(hash ^ (hash >> 16)) & (VNS__CACHE_SLOTS - 1)];
    if (cache_get(slot, src, n, w))
        return VNS_OK;
    if ((rc = normalize_uncached(nz, src, n, w)) == VNS_OK)
        cache_put(slot, src, n, w);
    return rc;
}

static int normalize_uncached(vns__normalizer *nz, const char *src,
                              size_t n, vns__word *w)
{
    int needs_nfc, rc, digits_only = 1;
    size_t count;

    if (n > VNS__WORD_MAX_INPUT)
        return 1;
    count = decode_word(nz, src, n, &needs_nfc);
    if (needs_nfc && (rc = nfc_in_place(nz, &count)) != VNS_OK)
        return rc;
    for (size_t i = 0; i < count; i++) {
        nz->cps[i] = case_fold(nz->cps[i]);
        digits_only &= nz->cps[i] >= '0' && nz->cps[i] <= '9';
    }
    w->flags = 0;
    if (count > 0 && digits_only)
        w->flags |= VNS_TOKEN_NUMBER;
    else if (vns__viet_place_tone(nz->cps, count))
        w->flags |= VNS_TOKEN_SYLLABLE;

    w->exact = w->exact_buf;
    w->folded = w->folded_buf;
    w->exact_len = w->folded_len = 0;
    size_t first = 0;
    if (digits_only) /* 007 -> 7, 0 -> 0 */
        while (first + 1 < count && nz->cps[first] == '0')
            first++;
    for (size_t i = 0; i < count; i++) {
        int32_t f = fold(nz, nz->cps[i]);
        if (append_cp(w->exact_buf, &w->exact_len, nz->cps[i]))
            return 1;
        if (i >= first && f >= 0 &&
            append_cp(w->folded_buf, &w->folded_len, f))
            return 1;
    }
    return w->exact_len > VNS_MAX_TOKEN_BYTES ? 1 : VNS_OK;
}

int vns__utf8_nfc(const vns__normalizer *nz, const char *s, size_t n,
                  vns__buf *out, size_t *invalid)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len16 = 0, nfc_len, out_len = 0, subs = 0;
    UChar *u16 = NULL, *nfc = NULL;
    int rc = VNS_OK;

    if (n > INT32_MAX / 4)
        return vns__error(VNS_EINVAL, "text of %zu bytes is too long", n);
    /* UTF-8 never needs more UTF-16 units than bytes; NFC at most 3x. */
    u16 = malloc((n + 1) * sizeof *u16);
    nfc = malloc((3 * n + 1) * sizeof *nfc);
    if (!u16 || !nfc) {
        rc = vns__error(VNS_ENOMEM, "out of memory");
        goto done;
    }
    u_strFromUTF8WithSub(u16, (int32_t)n + 1, &len16, s, (int32_t)n, 0xFFFD,
                         &subs, &err);
    nfc_len = unorm2_normalize(nz->nfc, u16, len16, nfc, 3 * (int32_t)n + 1,
                               &err);
    u_strToUTF8(NULL, 0, &out_len, nfc, nfc_len, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR)
        err = U_ZERO_ERROR; /* the expected answer of a preflight */
    char *dst = U_SUCCESS(err) ? vns__buf_extend(out, (size_t)out_len) : NULL;
    if (dst)
        u_strToUTF8(dst, out_len, NULL, nfc, nfc_len, &err);
    if (U_FAILURE(err))
        rc = vns__error(VNS_EICU, "ICU NFC: %s", u_errorName(err));
    else if (!dst)
        rc = vns__error(VNS_ENOMEM, "out of memory");
    if (invalid)
        *invalid = (size_t)subs;
done:
    free(u16);
    free(nfc);
    return rc;
}
