/*
 * fuzz_parse.c - libFuzzer target for the record parsers: JSON Lines, page
 * text and date lines. The first byte picks the parser; the rest is the
 * input. A parsed article's fields must lie inside its buffer and be valid
 * UTF-8 (the page parser repairs, the JSON parser refuses), dates must be
 * real days, and a refusal must say why.
 */
#include "date.h"
#include "jsonl.h"
#include "page.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) \
    do { if (!(cond)) __builtin_trap(); } while (0)

static void check_article(const vns__article *a)
{
    for (int f = 0; f < VNS__F_COUNT; f++) {
        REQUIRE(a->start[f] + a->len[f] <= a->text.len);
        REQUIRE(vns__utf8_count_invalid(vns__article_field(a, f),
                                        a->len[f]) == 0);
    }
    if (a->date)
        REQUIRE(vns__date_valid((int)(a->date / 10000),
                                (int)(a->date / 100 % 100),
                                (int)(a->date % 100)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vns__normalizer *nz;
    static vns__article a;
    const char *text = (const char *)data + 1;
    size_t n = size ? size - 1 : 0;
    char why[256];
    int rc;

    if (size == 0)
        return 0;
    if (!nz) {
        nz = calloc(1, sizeof *nz);
        if (!nz || vns__normalizer_init(nz) != VNS_OK)
            abort();
    }
    switch (data[0] % 3) {
    case 0:
        rc = vns__jsonl_parse(text, n, &a, why, sizeof why);
        REQUIRE(rc == VNS_OK || (rc == VNS_EFORMAT && why[0]));
        if (rc == VNS_OK)
            check_article(&a);
        break;
    case 1:
        rc = vns__page_parse(nz, text, n, &a, why, sizeof why);
        REQUIRE(rc == VNS_OK || (rc == VNS_EFORMAT && why[0]));
        if (rc == VNS_OK) {
            REQUIRE(a.len[VNS__F_TITLE] > 0);
            check_article(&a);
        }
        break;
    default: {
        vns__dateline dl;
        rc = vns__date_line(text, n, &dl);
        if (rc == 1) {
            REQUIRE(vns__date_valid((int)(dl.ymd / 10000),
                                    (int)(dl.ymd / 100 % 100),
                                    (int)(dl.ymd % 100)));
            REQUIRE(dl.minutes >= -1 && dl.minutes < 24 * 60);
            REQUIRE(dl.prefix_len <= n);
        }
        break;
    }
    }
    return 0;
}
