/*
 * test_store.c - the stored article (lib/src/store.c): round trip, and
 * damaged data refused without crashing.
 */
#include "harness.h"
#include "store.h"

#include <stdlib.h>

static void test_round_trip(void)
{
    vns_article a = VNS_ARTICLE_INIT, b;
    vns__buf data = VNS__BUF_INIT;
    char *text;

    a.id = "pages/bac-ninh/2019.txt";
    a.id_len = strlen(a.id);
    a.title = "Đẩy mạnh cải cách hành chính";
    a.title_len = strlen(a.title);
    a.body = "Thân bài\nđoạn hai";
    a.body_len = strlen(a.body);
    a.caption = "Chú thích";
    a.caption_len = strlen(a.caption);
    a.date = 20181207;
    CHECK_INT_EQ(vns__store_encode(&a, &data), VNS_OK, "encode");
    CHECK_INT_EQ(vns__store_decode(data.ptr, data.len, &b, &text), VNS_OK,
                 "decode");
    CHECK_MEM_EQ(b.id, b.id_len, a.id, a.id_len, "id");
    CHECK_MEM_EQ(b.title, b.title_len, a.title, a.title_len, "title");
    CHECK_MEM_EQ(b.body, b.body_len, a.body, a.body_len, "body");
    CHECK_MEM_EQ(b.caption, b.caption_len, a.caption, a.caption_len,
                 "caption");
    CHECK(b.lead == NULL && b.lead_len == 0, "absent lead");
    CHECK_INT_EQ(b.date, 20181207, "date");
    free(text);

    /* Every truncation and a flipped byte are refused, never read past. */
    int refused = 0;
    for (size_t n = 0; n < data.len; n++)
        if (vns__store_decode(data.ptr, n, &b, &text) == VNS_ECORRUPT)
            refused++;
        else
            free(text);
    CHECK_INT_EQ(refused, data.len, "truncated data refused");
    data.ptr[data.len / 2] ^= 0x55;
    CHECK_INT_EQ(vns__store_decode(data.ptr, data.len, &b, &text),
                 VNS_ECORRUPT, "damaged data refused");
    vns__buf_free(&data);
}

int main(void)
{
    test_round_trip();
    return harness_done("test_store");
}
