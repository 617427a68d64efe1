/*
 * test_snippet.c - snippets: the passage chosen (the most query words,
 * then standing together, wherever they are in a long text), the bound of
 * VNS__SNIPPET_CHARS characters over many random texts and queries, cuts
 * between words, and the text's start when no word matches.
 */
#include "abbrev.h"
#include "harness.h"
#include "query.h"
#include "snippet.h"
#include "utf8.h"
#include "vns_internal.h"
#include "vnsearch.h"

#include <stdlib.h>
#include <string.h>

static vns_analyzer *an;
static vns__abbrevs abbrevs;

/* The snippet of text for query, with [ and ] as markers, in a static
 * buffer ("ERROR" if it could not be made). */
static const char *snippet(const char *query, const char *text)
{
    static char out[4096];
    vns__query q;
    vns__buf b = VNS__BUF_INIT;

    memset(&q, 0, sizeof q);
    int rc = vns__query_build(&q, an, &abbrevs, query, strlen(query));
    if (rc == VNS_OK)
        rc = vns__snippet(an, text, strlen(text), q.plan.patterns,
                          q.plan.npatterns, "[", "]", &b);
    snprintf(out, sizeof out, "%.*s", rc == VNS_OK ? (int)b.len : 5,
             rc == VNS_OK ? (b.ptr ? b.ptr : "") : "ERROR");
    vns__buf_free(&b);
    vns__query_clear(&q);
    return out;
}

/* Unicode characters in s, markers [ and ] not counted. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += (*s & 0xC0) != 0x80 && *s != '[' && *s != ']';
    return n;
}

/* Appends s to a growing text. */
static void put(vns__buf *b, const char *s)
{
    vns__buf_append(b, s, strlen(s));
}

/* A lead that holds the query's words apart, then more than 3 KB of other
 * news, then the words together, then a little more. */
static void together_far_from_the_start(void)
{
    vns__buf text = VNS__BUF_INIT;
    put(&text, "UBND tỉnh Đồng Nai vừa họp bàn việc giải quyết kiến nghị "
               "của cử tri. Mặt khác, tỉnh yêu cầu các sở phóng khoáng hơn "
               "trong cách làm, bằng mọi giá hoàn thành kế hoạch năm.\n");
    for (int i = 0; i < 14; i++)
        put(&text, "Theo báo cáo, số hồ sơ trực tuyến tăng nhanh; người "
                   "dân ở huyện Vĩnh Cửu, Nhơn Trạch và Long Thành được "
                   "hướng dẫn nộp hồ sơ tại nhà văn hoá ấp. ");
    put(&text, "Riêng dự án đường cao tốc, tỉnh chỉ đạo đẩy nhanh GIẢI "
               "PHÓNG MẶT BẰNG để bàn giao cho chủ đầu tư trước ngày "
               "30/6, đồng thời bố trí đủ đất tái định cư cho các hộ dân "
               "bị ảnh hưởng. Ông Võ Tấn Đức, Phó Chủ tịch UBND tỉnh, đề "
               "nghị các địa phương không để xảy ra khiếu kiện kéo dài, "
               "bảo đảm quyền lợi hợp pháp của người dân.");
    vns__buf_append(&text, "", 1);
    CHECK(text.len > 3200,
          "the words stand together after the first "
          "3 KB: %zu bytes",
          text.len);

    CHECK_STR_EQ(snippet("giải phóng mặt bằng", text.ptr),
                 "… chỉ đạo đẩy nhanh [GIẢI] [PHÓNG] [MẶT] [BẰNG] để bàn "
                 "giao cho chủ đầu tư trước ngày 30/6, "
                 "đồng thời bố trí đủ đất tái định cư cho các hộ dân bị "
                 "ảnh hưởng. Ông Võ Tấn Đức, Phó Chủ tịch UBND tỉnh, đề "
                 "nghị …",
                 "words together, far from the start");
    CHECK_STR_EQ(snippet("giai phong mat bang", text.ptr),
                 "… chỉ đạo đẩy nhanh [GIẢI] [PHÓNG] [MẶT] [BẰNG] để bàn "
                 "giao cho chủ đầu tư trước ngày 30/6, "
                 "đồng thời bố trí đủ đất tái định cư cho các hộ dân bị "
                 "ảnh hưởng. Ông Võ Tấn Đức, Phó Chủ tịch UBND tỉnh, đề "
                 "nghị …",
                 "the same typed without marks");
    /* Apart in the lead only: the lead, which holds more of them. */
    CHECK_STR_EQ(snippet("giải quyết kiến nghị cử tri", text.ptr),
                 "… vừa họp bàn việc [giải] [quyết] [kiến] [nghị] của [cử] "
                 "[tri]. Mặt khác, tỉnh yêu cầu các sở phóng khoáng hơn "
                 "trong cách làm, bằng mọi giá hoàn thành kế hoạch năm. "
                 "Theo báo cáo, số hồ sơ trực tuyến tăng nhanh …",
                 "words in the lead");
    /* In a row in the order typed beats the same words in another
     * order. */
    CHECK_STR_EQ(snippet("bàn giao", "Các bên giao hẹn sẽ bàn thêm vào "
                                     "tuần sau. Sau đó mới bàn giao mặt "
                                     "bằng."),
                 "Các bên [giao] hẹn sẽ [bàn] thêm vào tuần sau. Sau đó mới "
                 "[bàn] [giao] mặt bằng.",
                 "short text: whole, every match marked");
    vns__buf_free(&text);
}

/* More of the query's words far from the start, though not in a row:
 * found by the scan, past the first piece and past 3 KB. */
static void more_words_far_from_the_start(void)
{
    vns__buf text = VNS__BUF_INIT;
    put(&text, "Xã Tân Hiệp tiếp nhận hồ sơ của người dân qua bộ phận một "
               "cửa.\n");
    for (int i = 0; i < 24; i++)
        put(&text, "Mùa mưa năm nay đến sớm, nhiều tuyến đường ở Biên Hòa "
                   "ngập sâu sau những trận mưa lớn kéo dài; công nhân "
                   "phải nghỉ làm. ");
    put(&text, "Đoàn kiểm tra của Sở Tài nguyên và Môi trường cho biết "
               "nhiều thửa đất đai chưa được cấp giấy; các hộ dân cần bổ "
               "sung hồ sơ trước tháng 9. Cửa hàng vật tư tiếp nhận và "
               "bán phân bón trả chậm.");
    vns__buf_append(&text, "", 1);
    CHECK(text.len > 3200, "the words are after the first 3 KB: %zu bytes",
          text.len);
    CHECK_STR_EQ(snippet("kiểm tra hồ sơ đất đai", text.ptr),
                 "… nghỉ làm. Đoàn [kiểm] [tra] của Sở Tài nguyên và Môi "
                 "trường cho biết nhiều thửa [đất] [đai] chưa được cấp "
                 "giấy; các hộ dân cần bổ sung [hồ] [sơ] trước tháng 9. Cửa "
                 "hàng vật tư tiếp nhận và bán phân bón [trả] …",
                 "more words, apart, far from the start");
    CHECK_STR_EQ(snippet("kiem tra ho so dat dai", text.ptr),
                 "… trận mưa lớn kéo [dài]; công nhân phải nghỉ làm. Đoàn "
                 "[kiểm] [tra] của [Sở] Tài nguyên và Môi trường cho biết "
                 "nhiều thửa [đất] [đai] chưa được cấp giấy; các [hộ] dân "
                 "cần bổ sung [hồ] [sơ] trước tháng 9. Cửa hàng …",
                 "the same typed without marks");
    /* A word that folds as a query word but has other marks (bán for
     * bàn) is no match: the lead, earlier than the passage where the
     * scan saw all three. */
    CHECK_STR_EQ(snippet("tiếp nhận bàn", text.ptr),
                 "Xã Tân Hiệp [tiếp] [nhận] hồ sơ của người dân qua bộ "
                 "phận một cửa. Mùa mưa năm nay đến sớm, nhiều tuyến đường "
                 "ở Biên Hòa ngập sâu sau những trận mưa lớn kéo dài; công "
                 "nhân phải nghỉ làm. Mùa mưa năm nay …",
                 "other marks far away: the lead");
    vns__buf_free(&text);
}

/* Past the first piece, a word written with its tone on the other
 * vowel (hòa for hoà), in capitals, or decomposed is still the typed
 * word; one with another tone is not. */
static void other_spellings_far_from_the_start(void)
{
    const char *tails[] = {"tổ hòa giải ở cơ sở", "TỔ HOÀ GIẢI Ở CƠ SỞ",
                           "tổ ho\xcc\x80" "a gia\xcc\x89" "i ở cơ sở"};
    for (size_t k = 0; k < 3; k++) {
        vns__buf text = VNS__BUF_INIT;
        put(&text, "Thành phố tổ chức hội nghị.\n");
        for (int i = 0; i < 24; i++) /* past the first 1.5 KB */
            put(&text, "Mùa mưa năm nay đến sớm, nhiều tuyến đường ngập "
                       "sâu sau những trận mưa lớn kéo dài. ");
        put(&text, "Người dân nhờ ");
        put(&text, tails[k]);
        put(&text, " phân xử; hỏa hoạn không xảy ra.");
        vns__buf_append(&text, "", 1);
        const char *got = snippet("hoà giải thành công", text.ptr);
        const char *tail = strstr(got, "nhờ ");
        CHECK(tail && strstr(tail, "] [") && !strstr(tail, "[hỏa]"),
              "hoà giải marked in the tail, not hỏa: %s", got);
        vns__buf_free(&text);
    }
}

/* Past the first piece, words the analyzer folds in ways beyond
 * Vietnamese letters are found: ð typed for đ, a number's leading zero,
 * a letter with another mark (ć), words split by a zero-width space. */
static void other_foldings_far_from_the_start(void)
{
    const char *cases[][2] = {
        {"Đà", "đoàn về \xc3\x90" "À NẴNG dự hội nghị"},
        {"5", "hạn chót là ngày 20 tháng 05 năm nay"},
        {"Modric", "tiền vệ Modri\xc4\x87 ghi bàn thắng"},
        {"bình", "hòa\xe2\x80\x8b" "bình là mong ước"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        vns__buf text = VNS__BUF_INIT;
        for (int i = 0; i < 24; i++) /* past the first 1.5 KB */
            put(&text, "Mùa mưa năm nay đến sớm, nhiều tuyến đường ngập "
                       "sâu sau những trận mưa lớn kéo dài. ");
        put(&text, cases[k][1]);
        vns__buf_append(&text, "", 1);
        const char *got = snippet(cases[k][0], text.ptr);
        CHECK(strchr(got, '[') != NULL, "%s: %s", cases[k][0], got);
        vns__buf_free(&text);
    }
}

/* Nothing matches (an article found by its title): the start of the
 * text, cut between words, nothing marked. */
static void no_match_shows_the_start(void)
{
    const char *lead =
        "Sáng 12/3, Ủy ban nhân dân thành phố Hà Nội tổ chức hội nghị tổng "
        "kết công tác cải cách thủ tục hành chính năm 2023 và triển khai "
        "nhiệm vụ năm 2024. Phát biểu tại hội nghị, Phó Chủ tịch thường "
        "trực đề nghị các sở, ngành tiếp tục đẩy mạnh số hoá hồ sơ.";
    CHECK_STR_EQ(snippet("Đắk Lắk", lead),
                 "Sáng 12/3, Ủy ban nhân dân thành phố Hà Nội tổ chức hội "
                 "nghị tổng kết công tác cải cách thủ tục hành chính năm "
                 "2023 và triển khai nhiệm vụ năm 2024. Phát biểu tại hội "
                 "nghị, Phó Chủ tịch thường trực …",
                 "no match: the start");
    CHECK_STR_EQ(snippet("Đắk Lắk", "Tin ngắn: mưa lớn ở Tây Nguyên."),
                 "Tin ngắn: mưa lớn ở Tây Nguyên.", "no match, short text");
    CHECK_STR_EQ(snippet("Đắk Lắk", ""), "", "empty text");
}

/* A word longer than any snippet (soft hyphens inside, which the
 * analyzer drops) is cut inside it, marked if it matches. */
static void one_long_word(void)
{
    char text[400] = "", query[120] = "";
    for (int i = 0; i < 100; i++) {
        strcat(text, "a\u00AD"); /* 200 characters in all */
        strcat(query, "a");
    }
    strcat(text, " bằng.");
    const char *got = snippet("xyz", text);
    CHECK_INT_EQ(chars(got), VNS__SNIPPET_CHARS - 2, "cut, no match");
    CHECK(!strcmp(got + strlen(got) - strlen("a\u00AD …"), "a\u00AD …"),
          "cut in the word, then the cut mark");
    got = snippet(query, text);
    CHECK_INT_EQ(chars(got), VNS__SNIPPET_CHARS - 2, "cut, a match");
    CHECK(got[0] == '[' && !strcmp(got + strlen(got) - strlen("] …"), "] …"),
          "the cut word marked: %s", got);
}

/* Syllables of the random texts, lower case then capitalized: every tone,
 * đ, ư, ơ. */
static const char *const syllables[][2] = {
    {"đất", "Đất"},     {"hà", "Hà"},       {"nội", "Nội"},
    {"giải", "Giải"},   {"phóng", "Phóng"}, {"mặt", "Mặt"},
    {"bằng", "Bằng"},   {"người", "Người"}, {"dân", "Dân"},
    {"thủ", "Thủ"},     {"tục", "Tục"},     {"hành", "Hành"},
    {"chính", "Chính"}, {"quyết", "Quyết"}, {"định", "Định"},
    {"xã", "Xã"},       {"hội", "Hội"},     {"kinh", "Kinh"},
    {"tế", "Tế"},       {"đường", "Đường"}, {"ủy", "Ủy"},
    {"ban", "Ban"},     {"tỉnh", "Tỉnh"},   {"huyện", "Huyện"},
    {"cử", "Cử"},       {"tri", "Tri"},     {"ý", "Ý"},
    {"kiến", "Kiến"},   {"quỹ", "Quỹ"},     {"ưu", "Ưu"},
    {"tiên", "Tiên"},   {"ổn", "Ổn"},       {"ơn", "Ơn"},
    {"2024", "2024"},
};
#define NSYL (sizeof syllables / sizeof syllables[0])

static unsigned long rng_state = 20261130;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

/* Whether marked (len bytes) is a form of one of the query's syllables. */
static int is_query_word(const char *marked, size_t len, const int *query,
                         int nq)
{
    for (int i = 0; i < nq; i++)
        for (int f = 0; f < 2; f++)
            if (strlen(syllables[query[i]][f]) == len &&
                !memcmp(syllables[query[i]][f], marked, len))
                return 1;
    return 0;
}

/* Random texts (up to 8 KB) and queries (1 to 5 syllables): the snippet
 * is at most VNS__SNIPPET_CHARS characters, valid UTF-8, a piece of the
 * text cut between words, and marks only the query's words. */
static void bound_over_random_queries(void)
{
    int over = 0, invalid = 0, not_a_piece = 0, wrong_mark = 0, marked = 0;
    size_t longest = 0;

    for (int round = 0; round < 400; round++) {
        vns__buf text = VNS__BUF_INIT;
        unsigned words = rnd(1400);
        for (unsigned w = 0; w < words; w++) {
            unsigned s = rnd(NSYL), cap = w == 0 || rnd(8) == 0;
            put(&text, syllables[s][cap]);
            put(&text, w + 1 == words ? "."
                       : rnd(12) == 0 ? ". "
                       : rnd(10) == 0 ? ", "
                                      : " ");
        }
        vns__buf_append(&text, "", 1);

        int query[5], nq = 1 + (int)rnd(5);
        char q[128] = "";
        for (int i = 0; i < nq; i++) {
            query[i] = (int)rnd(NSYL);
            strcat(q, i ? " " : "");
            strcat(q, syllables[query[i]][0]);
        }
        const char *got = snippet(q, text.ptr ? text.ptr : "");
        size_t n = chars(got);
        longest = n > longest ? n : longest;
        over += n > VNS__SNIPPET_CHARS;
        invalid += vns__utf8_count_invalid(got, strlen(got)) != 0;

        /* Without the cut marks and markers: a piece of the text, from
         * a word's start to a word's end. */
        char plain[4096];
        size_t len = 0;
        const char *s = got;
        if (!strncmp(s, "… ", strlen("… ")))
            s += strlen("… ");
        for (const char *p = s; *p; p++) {
            if (*p == '[') {
                const char *close = strchr(p, ']');
                if (!close)
                    break;
                marked++;
                wrong_mark +=
                    !is_query_word(p + 1, (size_t)(close - p - 1), query, nq);
                continue;
            }
            if (*p != ']')
                plain[len++] = *p;
        }
        plain[len] = '\0';
        if (len >= strlen(" …") && !strcmp(plain + len - strlen(" …"), " …"))
            plain[len -= strlen(" …")] = '\0';
        const char *at = text.ptr ? strstr(text.ptr, plain) : NULL;
        if (len && (!at || (at > text.ptr && at[-1] != ' ') ||
                    strchr(" .,", at[len]) == NULL))
            not_a_piece++;
        vns__buf_free(&text);
    }
    CHECK_INT_EQ(over, 0, "snippets over the bound");
    CHECK_INT_EQ(invalid, 0, "snippets not valid UTF-8");
    CHECK_INT_EQ(not_a_piece, 0, "snippets not a piece of the text");
    CHECK_INT_EQ(wrong_mark, 0, "marked words not in the query");
    CHECK(marked > 400, "words marked: %d", marked);
    CHECK(longest > VNS__SNIPPET_CHARS - 10, "longest: %zu", longest);
}

int main(void)
{
    if (vns_analyzer_new(&an) != VNS_OK ||
        vns__abbrevs_add_default(&abbrevs, an) != VNS_OK) {
        printf("FAIL: no analyzer: %s\n", vns_errmsg());
        return 1;
    }
    together_far_from_the_start();
    more_words_far_from_the_start();
    other_spellings_far_from_the_start();
    other_foldings_far_from_the_start();
    no_match_shows_the_start();
    one_long_word();
    bound_over_random_queries();
    vns__abbrevs_free(&abbrevs);
    vns_analyzer_free(an);
    return harness_done("test_snippet");
}
