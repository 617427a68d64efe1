/*
 * fuzz_analyze.c - libFuzzer target for the analyzer.
 *
 * The first byte picks what to run (bit 0: also vns_analyzer_normalize);
 * the rest is the text. Every token must lie inside the input, in order,
 * with valid UTF-8 forms within the length limit, and the count of
 * ill-formed UTF-8 must equal a plain decode of the whole input. A broken
 * promise traps, which libFuzzer (or the replay under ctest) reports.
 */
#include "utf8.h"
#include "vnsearch.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) \
    do { if (!(cond)) __builtin_trap(); } while (0)

struct state {
    size_t size;
    uint32_t last_position;
    size_t last_start;
    int any;
};

static int valid_utf8(const char *s, size_t n)
{
    return vns__utf8_count_invalid(s, n) == 0;
}

static int check_token(const vns_token *t, void *payload)
{
    struct state *st = payload;

    REQUIRE(t->start < t->end && t->end <= st->size);
    REQUIRE(t->len > 0 && t->len <= VNS_MAX_TOKEN_BYTES);
    REQUIRE(t->folded_len <= VNS_MAX_TOKEN_BYTES);
    REQUIRE(valid_utf8(t->text, t->len) && valid_utf8(t->folded, t->folded_len));
    if (st->any) {
        REQUIRE(t->position >= st->last_position);
        REQUIRE(t->start >= st->last_start);
    }
    st->any = 1;
    st->last_position = t->position;
    st->last_start = t->start;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vns_analyzer *an;
    struct state st = {0, 0, 0, 0};
    const char *text = (const char *)data + 1;

    if (size == 0)
        return 0;
    if (!an && vns_analyzer_new(&an) != VNS_OK)
        abort();
    st.size = size - 1;
    REQUIRE(vns_analyze(an, text, size - 1, check_token, &st) == VNS_OK);
    REQUIRE(vns_analyzer_invalid_utf8(an) ==
            vns__utf8_count_invalid(text, size - 1));
    if (data[0] & 1) {
        char *out;
        size_t len;
        REQUIRE(vns_analyzer_normalize(&out, &len, an, text, size - 1,
                                       data[0] & 2 ? VNS_NORMALIZE_FOLD : 0) ==
                VNS_OK);
        REQUIRE(valid_utf8(out, len));
        vns_free(out);
    }
    return 0;
}
