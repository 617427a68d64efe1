/*
 * fuzz_query.c - libFuzzer target for the query language, through to a
 * real search on a small index built at the first call: a query either
 * parses and runs, with valid UTF-8 snippets and sane results, or is
 * refused as VNS_EQUERY with an error offset inside the query.
 */
#define _XOPEN_SOURCE 700
#include "utf8.h"
#include "vnsearch.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) \
    do { if (!(cond)) __builtin_trap(); } while (0)

static const char *const bodies[][3] = {
    {"a1", "Đẩy mạnh cải cách hành chính", "UBND tỉnh Bắc Ninh ban hành "
     "Nghị định 61/2018/NĐ-CP về một cửa ngày 07/12/2018."},
    {"a2", "Hoà giải ở cơ sở", "Công tác hòa giải, thuỷ lợi và bàn giao đất."},
    {"a3", "Bán đấu giá", "Ủy ban nhân dân tỉnh Đồng Nai bán đấu giá đất."},
};

static char dir[] = "/tmp/vns-fuzz-query-XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_index(void)
{
    nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static vns_index *open_index(void)
{
    vns_writer *w;
    vns_index *ix;
    if (!mkdtemp(dir) || vns_writer_open(&w, dir, VNS_WRITER_CREATE))
        abort();
    atexit(remove_index);
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        vns_article a = VNS_ARTICLE_INIT;
        a.id = bodies[i][0];
        a.id_len = strlen(a.id);
        a.title = bodies[i][1];
        a.title_len = strlen(a.title);
        a.body = bodies[i][2];
        a.body_len = strlen(a.body);
        a.date = 20200101 + (uint32_t)i;
        if (vns_writer_add(NULL, w, &a))
            abort();
    }
    if (vns_writer_commit(w) || vns_index_open(&ix, dir))
        abort();
    vns_writer_close(w);
    return ix;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vns_index *ix;
    vns_query *q = NULL;
    vns_results *r = NULL;

    if (!ix)
        ix = open_index();
    int rc = vns_query_parse(&q, ix, (const char *)data, size);
    if (rc == VNS_EQUERY) {
        REQUIRE(vns_error_offset() >= 0 &&
                (size_t)vns_error_offset() <= size);
        return 0;
    }
    REQUIRE(rc == VNS_OK && q);
    if (size && (data[0] & 1))
        vns_query_set_sort(q, VNS_SORT_DATE);
    if (size && (data[0] & 2))
        vns_query_set_dates(q, 20200102, 0);
    REQUIRE(vns_search(&r, ix, q, 0, 10) == VNS_OK);
    REQUIRE(vns_results_count(r) <= 3 && vns_results_total(r) <= 3);
    for (size_t i = 0; i < vns_results_count(r); i++) {
        size_t len;
        const char *s = vns_results_snippet(r, i, &len);
        REQUIRE(vns__utf8_count_invalid(s, len) == 0 && strlen(s) == len);
    }
    vns_results_free(r);
    vns_query_free(q);
    return 0;
}
