/*
 * test_jsonl.c - JSON Lines records (lib/src/jsonl.c).
 */
#include "harness.h"
#include "jsonl.h"
#include "vnsearch.h"

#include <stdlib.h>

static vns__article a;
static char why[256];

static int parse(const char *line)
{
    return vns__jsonl_parse(line, strlen(line), &a, why, sizeof why);
}

static void check_field(enum vns__field f, const char *want)
{
    CHECK_MEM_EQ(vns__article_field(&a, f), a.len[f], want, strlen(want),
                 want);
}

static void test_good_record(void)
{
    int rc = parse("{\"id\": \"vn-1\", \"title\": \"Đẩy mạnh cải cách "
                   "hành chính\", \"date\": \"2018-12-07\", \"body\": \"Dòng "
                   "1\\nDòng 2 \\\"trích\\\" \\u0110\\u1ed3ng Nai \\ud83d\\ude00\","
                   " \"source\": \"a@b\", \"extra\": {\"x\": [1, 2.5e3, true, "
                   "null, {\"y\": \"z\"}]}, \"lead\": null, \"url\": "
                   "\"https://x.vn/a\", \"category\": \"Thời sự\", \"author\": "
                   "\"Minh Đức\"}");
    CHECK_INT_EQ(rc, VNS_OK, why);
    check_field(VNS__F_ID, "vn-1");
    check_field(VNS__F_TITLE, "Đẩy mạnh cải cách hành chính");
    check_field(VNS__F_BODY, "Dòng 1\nDòng 2 \"trích\" Đồng Nai \xF0\x9F\x98\x80");
    check_field(VNS__F_SOURCE, "a@b");
    check_field(VNS__F_LEAD, "");
    check_field(VNS__F_URL, "https://x.vn/a");
    check_field(VNS__F_CATEGORY, "Thời sự");
    check_field(VNS__F_AUTHOR, "Minh Đức");
    CHECK_INT_EQ(a.date, 20181207, "date");

    CHECK_INT_EQ(parse("{\"id\":42,\"title\":\"x\",\"date\":null}"), VNS_OK, why);
    check_field(VNS__F_ID, "42");
    CHECK_INT_EQ(a.date, 0, "null date");
    CHECK_INT_EQ(parse("  {\"id\":\"b\",\"body\":\"only a body\"}  \r\n"),
                 VNS_OK, why);
}

static const struct {
    const char *line;
    const char *why;
} bad[] = {
    {"", "invalid JSON at byte 1: expected '{'"},
    {"not json", "invalid JSON at byte 1: expected '{'"},
    {"{\"id\":\"a\",\"title\":\"x\"", "invalid JSON at byte 22: expected ',' or '}'"},
    {"{\"id\":\"a\" \"title\":\"x\"}", "invalid JSON at byte 11: expected ',' or '}'"},
    {"{\"id\":\"a\",\"title\":\"x}", "invalid JSON at byte 22: unterminated string"},
    {"{\"id\":\"a\",\"title\":\"x\"} {}", "invalid JSON at byte 24: text after the object"},
    {"{\"id\":\"a\",\"date\":\"2019-02-01\"}", "missing title and body"},
    {"{\"title\":\"x\",\"body\":\"y\"}", "missing id"},
    {"{\"id\":\"a\",\"title\":\"x\",\"date\":\"2019-02-31\"}", "impossible date 2019-02-31"},
    {"{\"id\":\"a\",\"title\":\"x\",\"date\":\"31/02/2019\"}", "date \"31/02/2019\" is not YYYY-MM-DD"},
    {"{\"id\":\"a\",\"title\":\"x\",\"date\":20190201}", "invalid JSON at byte 30: \"date\" is not a string"},
    {"{\"id\":\"a\",\"title\":[\"x\"]}", "invalid JSON at byte 19: field is not a string"},
    {"{\"id\":\"a\",\"title\":\"x\\u0000y\"}", "invalid JSON at byte 27: NUL character \\u0000 in a string (binary data)"},
    {"{\"id\":\"a\",\"title\":\"x\\ud800\"}", "invalid JSON at byte 27: lone surrogate escape (binary data)"},
    {"{\"id\":\"a\",\"title\":\"x\xff\"}", "invalid JSON at byte 21: invalid UTF-8 (binary data)"},
    {"{\"id\":\"a\",\"title\":\"x\x01\"}", "invalid JSON at byte 21: control character in a string (binary data)"},
    {"{\"id\":\"a\",\"title\":\"x\\q\"}", "invalid JSON at byte 22: bad escape"},
    {"{\"id\":\"a\",\"title\":\"x\",\"x\":tru}", "invalid JSON at byte 27: unexpected character"},
};

static void test_bad_records(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT_EQ(parse(bad[i].line), VNS_EFORMAT, bad[i].line);
        CHECK_STR_EQ(why, bad[i].why, bad[i].line);
    }
}

static void test_deep_nesting(void)
{
    char line[512];
    size_t n = (size_t)sprintf(line, "{\"id\":\"a\",\"title\":\"x\",\"deep\":");
    for (int i = 0; i < 100; i++)
        line[n++] = '[';
    line[n] = '\0';
    CHECK_INT_EQ(parse(line), VNS_EFORMAT, "deep nesting refused");
    CHECK(strstr(why, "nested too deeply") != NULL, "%s", why);
}

/* A record of a provincial portal with every known field set, to which a
 * test appends more members and the closing brace. */
#define FULL_RECORD                                                       \
    "{\"id\": \"daklak-2023-0412\", \"title\": \"ĐẮK LẮK: ĐẨY MẠNH CẢI "  \
    "CÁCH HÀNH CHÍNH\", \"lead\": \"Ủy ban nhân dân tỉnh vừa ban hành kế " \
    "hoạch.\", \"body\": \"Sở Nội vụ chủ trì, phối hợp với các sở, "      \
    "ngành.\", \"source\": \"daklak.gov.vn\", \"url\": "                  \
    "\"https://daklak.gov.vn/tin/0412\", \"author\": \"Nguyễn Thị Hoà\", " \
    "\"category\": \"Cải cách hành chính\", \"caption\": \"Quang cảnh hội " \
    "nghị\", \"date\": \"2023-04-12\""

static const char *const known_keys[] = {
    "id", "title", "lead", "body", "source", "url", "author", "category",
    "caption"};

/* A later null empties the field an earlier member set, as it does for
 * every JSON tool that merges an update into a record; the other fields
 * stay. */
static void test_null_clears_a_field(void)
{
    char line[1024];

    for (int f = VNS__F_TITLE; f < VNS__F_COUNT; f++) {
        snprintf(line, sizeof line, FULL_RECORD ", \"%s\": null}",
                 known_keys[f]);
        CHECK_INT_EQ(parse(line), VNS_OK, line);
        CHECK_INT_EQ(a.len[f], 0, known_keys[f]);
        check_field(VNS__F_ID, "daklak-2023-0412");
        CHECK_INT_EQ(a.date, 20230412, "date kept");
        if (f != VNS__F_BODY)
            check_field(VNS__F_BODY, "Sở Nội vụ chủ trì, phối hợp với các "
                                     "sở, ngành.");
    }
    CHECK_INT_EQ(parse(FULL_RECORD ", \"date\": null}"), VNS_OK, why);
    CHECK_INT_EQ(a.date, 0, "a later null date clears the date");
    check_field(VNS__F_TITLE, "ĐẮK LẮK: ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH");

    CHECK_INT_EQ(parse(FULL_RECORD ", \"id\": null}"), VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "missing id", "a null id is no id");
    CHECK_INT_EQ(parse(FULL_RECORD ", \"title\": null, \"body\": null}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "missing title and body", "both cleared");

    /* A value after a null sets the field again. */
    CHECK_INT_EQ(parse("{\"id\": \"hue-7\", \"title\": null, \"date\": null, "
                       "\"title\": \"Thừa Thiên Huế: dịch vụ công\", "
                       "\"date\": \"2021-06-09\"}"),
                 VNS_OK, why);
    check_field(VNS__F_TITLE, "Thừa Thiên Huế: dịch vụ công");
    CHECK_INT_EQ(a.date, 20210609, "date after null");
}

/* A key given twice keeps its last value, as JSON parsers do: for the
 * date, the last one alone is checked. */
static void test_last_key_wins(void)
{
    CHECK_INT_EQ(parse("{\"id\": \"qn-1\", \"title\": \"Quảng Ninh\", "
                       "\"date\": \"2020-01-02\", \"date\": \"2021-03-04\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 20210304, "last date");

    CHECK_INT_EQ(parse(FULL_RECORD ", \"title\": \"Đắk Lắk: tiếp nhận hồ "
                                   "sơ trực tuyến\", \"author\": \"ĐỖ VĂN "
                                   "ĐỨC\", \"id\": 2023}"),
                 VNS_OK, why);
    check_field(VNS__F_TITLE, "Đắk Lắk: tiếp nhận hồ sơ trực tuyến");
    check_field(VNS__F_AUTHOR, "ĐỖ VĂN ĐỨC");
    check_field(VNS__F_ID, "2023");
    check_field(VNS__F_LEAD, "Ủy ban nhân dân tỉnh vừa ban hành kế hoạch.");
    check_field(VNS__F_CAPTION, "Quang cảnh hội nghị");

    /* An impossible date a later "date" replaces does not refuse the
     * record; an impossible last one does. */
    CHECK_INT_EQ(parse("{\"id\": \"bn-3\", \"body\": \"Bắc Ninh\", \"date\": "
                       "\"2019-02-31\", \"date\": \"2019-03-01\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 20190301, "the replaced date is not checked");
    CHECK_INT_EQ(parse("{\"id\": \"bn-3\", \"body\": \"Bắc Ninh\", \"date\": "
                       "\"2019-03-01\", \"date\": \"2019-02-31\"}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "impossible date 2019-02-31", "the last date counts");
    CHECK_INT_EQ(parse("{\"id\": \"bn-3\", \"body\": \"Bắc Ninh\", \"date\": "
                       "\"2019-03-01\", \"date\": \"01/03/2019\"}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "date \"01/03/2019\" is not YYYY-MM-DD", "shape");
    CHECK_INT_EQ(parse("{\"id\": \"bn-3\", \"body\": \"Bắc Ninh\", \"date\": "
                       "null, \"date\": \"2019-13-01\"}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "impossible date 2019-13-01", "after a null");
}

/* Any calendar date from 0001-01-01 to 9999-12-31 is kept. */
static void test_date_range(void)
{
    CHECK_INT_EQ(parse("{\"id\": \"hn-1\", \"title\": \"HÀ NỘI: QUY HOẠCH "
                       "ĐẾN NĂM 9999\", \"date\": \"9999-12-31\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 99991231, "9999-12-31");
    CHECK_INT_EQ(parse("{\"id\": \"hn-2\", \"title\": \"Thăng Long\", "
                       "\"date\": \"0001-01-01\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 10101, "0001-01-01");
    CHECK_INT_EQ(parse("{\"id\": \"hn-3\", \"title\": \"Chiếu dời đô\", "
                       "\"date\": \"1010-07-15\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 10100715, "1010-07-15");
    CHECK_INT_EQ(parse("{\"id\": \"hn-4\", \"title\": \"Năm nhuận\", "
                       "\"date\": \"0004-02-29\"}"),
                 VNS_OK, why);
    CHECK_INT_EQ(a.date, 40229, "0004-02-29");
    CHECK_INT_EQ(parse("{\"id\": \"hn-5\", \"title\": \"x\", \"date\": "
                       "\"1900-02-29\"}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "impossible date 1900-02-29", "1900 is not leap");
    CHECK_INT_EQ(parse("{\"id\": \"hn-6\", \"title\": \"x\", \"date\": "
                       "\"0000-12-31\"}"),
                 VNS_EFORMAT, why);
    CHECK_STR_EQ(why, "impossible date 0000-12-31", "no year 0");
}

int main(void)
{
    test_good_record();
    test_bad_records();
    test_deep_nesting();
    test_null_clears_a_field();
    test_last_key_wins();
    test_date_range();
    vns__article_free(&a);
    return harness_done("test_jsonl");
}
