/*
 * test_normalize.c - the claims lib/src/normalize.c rests on, checked
 * against ICU's own data, and the word cache.
 */
#include "harness.h"
#include "hash.h"
#include "normalize.h"

#include <stdlib.h>

#include <unicode/uchar.h>

/* normalize.c skips ICU NFC for words made only of U+0000..U+02FF and
 * U+1E00..U+1EFF: every such character must be NFC_QC=Yes (so it never
 * composes with what precedes it) and have combining class 0. */
static void test_nfc_fast_path_ranges(void)
{
    int bad = 0;
    for (int32_t c = 0; c < 0x1F00; c++) {
        if (c == 0x300)
            c = 0x1E00;
        if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
            u_getCombiningClass(c) != 0)
            bad++;
    }
    CHECK_INT_EQ(bad, 0, "characters in the NFC fast path that need NFC");
}

/* vns__char_class answers Latin letters inline: they must be letters. */
static void test_inline_char_classes(void)
{
    int bad = 0;
    for (int32_t c = 0; c < 0x1F00; c++) {
        if (c == 0x250)
            c = 0x1E00;
        int word = vns__char_class(c) == VNS__CHAR_WORD;
        int icu_word = u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
        if (word != icu_word)
            bad++;
    }
    CHECK_INT_EQ(bad, 0, "inline classes that disagree with ICU");
    CHECK(vns__char_class(0x00AD) == VNS__CHAR_IGNORE, "soft hyphen");
    CHECK(vns__char_class(0x200D) == VNS__CHAR_IGNORE, "ZWJ");
    CHECK(vns__char_class(0xFFFD) == VNS__CHAR_SEP, "U+FFFD");
    CHECK(vns__char_class(0x0301) == VNS__CHAR_WORD, "combining acute");
}

static void normalize(vns__normalizer *nz, const char *in, vns__word *w,
                      int want_rc)
{
    size_t n = strlen(in);
    int rc = vns__word_normalize(nz, in, n, vns__fnv32(in, n), w);
    CHECK_INT_EQ(rc, want_rc, in);
}

/* The cache gives the same forms as the first computation, and a word
 * that shares its slot does not disturb it. */
static void test_word_cache(void)
{
    vns__normalizer *nz = calloc(1, sizeof *nz);
    vns__word w;
    CHECK_INT_EQ(vns__normalizer_init(nz), VNS_OK, "init");
    for (int round = 0; round < 2; round++) {
        normalize(nz, "Hoà", &w, VNS_OK);
        CHECK_MEM_EQ(w.exact, w.exact_len, "hòa", strlen("hòa"), "exact");
        CHECK_MEM_EQ(w.folded, w.folded_len, "hoa", 3, "folded");
        CHECK_INT_EQ(w.flags, VNS_TOKEN_SYLLABLE, "flags");
        normalize(nz, "007", &w, VNS_OK);
        CHECK_MEM_EQ(w.folded, w.folded_len, "7", 1, "leading zeros");
        CHECK_INT_EQ(w.flags, VNS_TOKEN_NUMBER, "number");
    }
    normalize(nz, "hành\xC2\xAD" "chính", &w, VNS_OK);
    CHECK_MEM_EQ(w.exact, w.exact_len, "hànhchính", strlen("hànhchính"),
                 "soft hyphen dropped");
    char longer[VNS__WORD_MAX_INPUT + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    normalize(nz, longer, &w, 1);
    longer[VNS_MAX_TOKEN_BYTES + 1] = '\0';
    normalize(nz, longer, &w, 1);
    longer[VNS_MAX_TOKEN_BYTES] = '\0';
    normalize(nz, longer, &w, VNS_OK);
    free(nz);
}

int main(void)
{
    test_nfc_fast_path_ranges();
    test_inline_char_classes();
    test_word_cache();
    return harness_done("test_normalize");
}
