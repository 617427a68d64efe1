/*
 * fuzz_snippet.c - libFuzzer target for the snippet builder.
 *
 * The input is a query, a newline, then the text to make a snippet of:
 * the query's patterns (built-in abbreviations included) are highlighted
 * in the text. When the query line is not a valid query, "cai cach UBND"
 * is used, so that every input still exercises the snippet of its text.
 * The snippet must be built, be valid UTF-8 (whatever the text holds),
 * be no longer than the text with its markers and cut marks, and hold at
 * most VNS__SNIPPET_CHARS characters besides its markers (bytes that
 * UTF-8 never holds, so that they are told from the text's).
 */
#include "abbrev.h"
#include "query.h"
#include "snippet.h"
#include "utf8.h"
#include "vnsearch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) \
    do { if (!(cond)) __builtin_trap(); } while (0)

static const char fallback_query[] = "cai cach UBND";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vns_analyzer *an;
    static vns__abbrevs abbrevs;
    const char *in = (const char *)data, *newline = memchr(in, '\n', size);
    size_t qlen = newline ? (size_t)(newline - in) : 0;
    const char *text = newline ? newline + 1 : in;
    size_t n = size - (size_t)(text - in);
    vns__query q;
    vns__buf out = VNS__BUF_INIT;

    if (!an && (vns_analyzer_new(&an) != VNS_OK ||
                vns__abbrevs_add_default(&abbrevs, an) != VNS_OK))
        abort();
    memset(&q, 0, sizeof q);
    if (vns__query_build(&q, an, &abbrevs, in, qlen) != VNS_OK) {
        vns__query_clear(&q);
        memset(&q, 0, sizeof q);
        REQUIRE(vns__query_build(&q, an, &abbrevs, fallback_query,
                                 sizeof fallback_query - 1) == VNS_OK);
    }
    REQUIRE(vns__snippet(an, text, n, q.plan.patterns, q.plan.npatterns,
                         "\xFE", "\xFF", &out) == VNS_OK);
    size_t kept = 0, chars = 0;
    for (size_t i = 0; i < out.len; i++) { /* the markers out */
        unsigned char c = (unsigned char)out.ptr[i];
        if (c != 0xFE && c != 0xFF) {
            out.ptr[kept++] = (char)c;
            chars += (c & 0xC0) != 0x80;
        }
    }
    REQUIRE(chars <= VNS__SNIPPET_CHARS);
    REQUIRE(vns__utf8_count_invalid(out.ptr ? out.ptr : "", kept) == 0);
    /* Each byte of text at most once, U+FFFD (3 bytes) for an invalid one,
     * markers around words, and the cut marks. */
    REQUIRE(out.len <= 3 * n + 7 * (n / 2 + 1) + 6);
    vns__buf_free(&out);
    vns__query_clear(&q);
    return 0;
}
