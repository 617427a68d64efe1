/*
 * harness.h - a small test harness (cmark's api_test/harness.h idea).
 *
 * CHECK_* macros count and report; each test program ends with
 * `return harness_done("name");`, which prints "name: N passed, N failed"
 * and returns non-zero on failure. Strings are printed with non-ASCII bytes
 * escaped, so a wrong Vietnamese form shows which byte differs.
 */
#ifndef VNS_TEST_HARNESS_H
#define VNS_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;

static inline void harness_print_escaped(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            putchar(c);
        else
            printf("\\x%02X", c);
    }
    putchar('"');
}

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        if (cond) {                                                         \
            harness_passed++;                                               \
        } else {                                                            \
            harness_failed++;                                               \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                     \
            printf(__VA_ARGS__);                                            \
            putchar('\n');                                                  \
        }                                                                   \
    } while (0)

#define CHECK_INT_EQ(got, want, what)                                       \
    do {                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);            \
        CHECK(g_ == w_, "%s: got %lld, expected %lld", (what), g_, w_);     \
    } while (0)

#define CHECK_MEM_EQ(got, got_len, want, want_len, what)                    \
    do {                                                                    \
        size_t gl_ = (got_len), wl_ = (want_len);                           \
        if (gl_ == wl_ && memcmp((got), (want), gl_) == 0) {                \
            harness_passed++;                                               \
        } else {                                                            \
            harness_failed++;                                               \
            printf("FAIL %s:%d: %s\n  got      ", __FILE__, __LINE__,       \
                   (what));                                                 \
            harness_print_escaped((got), gl_);                              \
            printf("\n  expected ");                                        \
            harness_print_escaped((want), wl_);                             \
            putchar('\n');                                                  \
        }                                                                   \
    } while (0)

#define CHECK_STR_EQ(got, want, what)                                       \
    CHECK_MEM_EQ((got), strlen(got), (want), strlen(want), (what))

static inline int harness_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, harness_passed,
           harness_failed);
    return harness_failed != 0;
}

#endif /* VNS_TEST_HARNESS_H */
