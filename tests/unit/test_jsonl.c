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

int main(void)
{
    test_good_record();
    test_bad_records();
    test_deep_nesting();
    vns__article_free(&a);
    return harness_done("test_jsonl");
}
