/*
 * test_date.c - page date lines and record dates (lib/src/date.c).
 */
#include "date.h"
#include "harness.h"
#include "vnsearch.h"

static void test_calendar(void)
{
    CHECK(vns__date_valid(2018, 12, 7), "07/12/2018");
    CHECK(!vns__date_valid(2019, 2, 31), "31/02/2019");
    CHECK(!vns__date_valid(2023, 2, 29), "29/02/2023");
    CHECK(vns__date_valid(2024, 2, 29), "29/02/2024 (leap)");
    CHECK(vns__date_valid(2000, 2, 29), "29/02/2000 (leap)");
    CHECK(!vns__date_valid(1900, 2, 29), "29/02/1900");
    CHECK(!vns__date_valid(2019, 4, 31), "31/04/2019");
    CHECK(!vns__date_valid(2019, 13, 1), "month 13");
    CHECK(!vns__date_valid(2019, 0, 1), "month 0");
    CHECK(!vns__date_valid(2019, 1, 0), "day 0");
}

/* Every day YYYYMMDD can hold is a date: old decrees and open ends
 * ("9999-12-31") are real input. Leap years by the Gregorian rule all the
 * way down (proleptic), since the format has no other calendar. */
static void test_calendar_range(void)
{
    CHECK(vns__date_valid(1, 1, 1), "01/01/0001");
    CHECK(vns__date_valid(9999, 12, 31), "31/12/9999");
    CHECK(vns__date_valid(1899, 12, 31), "31/12/1899");
    CHECK(vns__date_valid(2200, 1, 1), "01/01/2200");
    CHECK(!vns__date_valid(0, 12, 31), "year 0");
    CHECK(!vns__date_valid(10000, 1, 1), "year 10000");
    CHECK(!vns__date_valid(-1, 1, 1), "negative year");
    CHECK(vns__date_valid(4, 2, 29), "29/02/0004 (leap)");
    CHECK(!vns__date_valid(1, 2, 29), "29/02/0001");
    CHECK(!vns__date_valid(100, 2, 29), "29/02/0100 (century)");
    CHECK(vns__date_valid(400, 2, 29), "29/02/0400 (leap century)");
    CHECK(!vns__date_valid(1900, 2, 29), "29/02/1900 (century)");
    CHECK(vns__date_valid(2000, 2, 29), "29/02/2000 (leap century)");
    CHECK(!vns__date_valid(2100, 2, 29), "29/02/2100 (century)");
    CHECK(vns__date_valid(9996, 2, 29), "29/02/9996 (leap)");
    CHECK(!vns__date_valid(9999, 2, 29), "29/02/9999");
    CHECK(!vns__date_valid(9999, 12, 32), "32/12/9999");
}

static void test_iso(void)
{
    uint32_t ymd = 0;
    CHECK_INT_EQ(vns__date_parse_iso("2018-12-07", 10, &ymd), 1, "iso");
    CHECK_INT_EQ(ymd, 20181207, "ymd");
    CHECK_INT_EQ(vns__date_parse_iso("2019-02-31", 10, &ymd), -1, "Feb 31");
    CHECK_INT_EQ(vns__date_parse_iso("2019-2-3", 8, &ymd), 0, "short");
    CHECK_INT_EQ(vns__date_parse_iso("2019/02/03", 10, &ymd), 0, "slashes");
    CHECK_INT_EQ(vns__date_parse_iso("2019-02-03x", 11, &ymd), 0, "trailing");
    CHECK_INT_EQ(vns__date_parse_iso("", 0, &ymd), 0, "empty");
}

static void test_iso_range(void)
{
    uint32_t ymd = 0;
    CHECK_INT_EQ(vns__date_parse_iso("9999-12-31", 10, &ymd), 1, "9999-12-31");
    CHECK_INT_EQ(ymd, 99991231, "last day");
    CHECK_INT_EQ(vns__date_parse_iso("0001-01-01", 10, &ymd), 1, "0001-01-01");
    CHECK_INT_EQ(ymd, 10101, "first day");
    CHECK_INT_EQ(vns__date_parse_iso("1899-12-31", 10, &ymd), 1, "1899");
    CHECK_INT_EQ(ymd, 18991231, "1899-12-31");
    CHECK_INT_EQ(vns__date_parse_iso("0004-02-29", 10, &ymd), 1, "0004");
    CHECK_INT_EQ(ymd, 40229, "0004-02-29");
    CHECK_INT_EQ(vns__date_parse_iso("2000-02-29", 10, &ymd), 1, "2000");
    CHECK_INT_EQ(vns__date_parse_iso("0000-01-01", 10, &ymd), -1, "year 0");
    CHECK_INT_EQ(vns__date_parse_iso("1900-02-29", 10, &ymd), -1, "1900");
    CHECK_INT_EQ(vns__date_parse_iso("9999-13-01", 10, &ymd), -1, "month 13");
}

static const struct {
    const char *line;
    int rc;
    uint32_t ymd;
    int minutes, posted;
    size_t prefix_len;
} lines[] = {
    {"Ngày đăng: 07/12/2018   04:59", 1, 20181207, 4 * 60 + 59, 1, 0},
    {"Ngày đăng 15/02/2019", 1, 20190215, -1, 1, 0},
    {"Ngày đăng:\xC2\xA0" "07/12/2018\xC2\xA0\xC2\xA0" "04:59 ", 1, 20181207,
     4 * 60 + 59, 1, 0},
    {"Ngày 17/02/2019", 1, 20190217, -1, 0, 0},
    {"Hà Nội, Ngày 17/02/2019", 1, 20190217, -1, 0, 11},
    {"Thứ hai, 12/3/2024, 08:00 (GMT+7)", 1, 20240312, 8 * 60, 0, 0},
    {"Chủ nhật, 7/1/2024, 21:15 (GMT+7)", 1, 20240107, 21 * 60 + 15, 0, 0},
    {"thứ bảy, 1/6/2019", 1, 20190601, -1, 0, 0},
    {"  Ngày 03-04-2020", 1, 20200403, -1, 0, 0},
    {"Ngày đăng: 31/02/2019 10:00", -1, 0, -1, 1, 0},
    {"Ngày 29/02/2023", -1, 0, -1, 0, 0},
    {"Ngày 17/02/19", 0, 0, -1, 0, 0},
    {"Ngày 15/2, Trung tâm bắt đầu tiếp nhận hồ sơ", 0, 0, -1, 0, 0},
    {"Ngày đăng: 07/12/2018 04:59 bởi Ban biên tập", 0, 0, -1, 1, 0},
    {"Hội nghị ngày 07/12/2018", 0, 0, -1, 0, 0},
    {"Thứ trưởng Bộ Nội vụ", 0, 0, -1, 0, 0},
    {"", 0, 0, -1, 0, 0},
    /* The whole calendar, not only this century's. */
    {"Ngày đăng: 31/12/9999 23:59", 1, 99991231, 23 * 60 + 59, 1, 0},
    {"Ngày 01/01/0001", 1, 10101, -1, 0, 0},
    {"Thừa Thiên Huế, Ngày 29/02/1600", 1, 16000229, -1, 0,
     sizeof "Thừa Thiên Huế, " - 1},
    {"Chủ nhật, 29/2/2004, 07:30 (GMT+7)", 1, 20040229, 7 * 60 + 30, 0, 0},
    {"Ngày đăng: 29/02/2000", 1, 20000229, -1, 1, 0},
    {"Ngày đăng: 29/02/1900 08:00", -1, 0, -1, 1, 0},
    {"Ngày 29/02/2100", -1, 0, -1, 0, 0},
    {"Ngày 01/01/0000", -1, 0, -1, 0, 0},
};

static void test_date_lines(void)
{
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        vns__dateline dl;
        int rc = vns__date_line(lines[i].line, strlen(lines[i].line), &dl);
        CHECK(rc == lines[i].rc, "%s: rc %d, expected %d", lines[i].line, rc,
              lines[i].rc);
        if (rc != 1 || lines[i].rc != 1)
            continue;
        CHECK(dl.ymd == lines[i].ymd, "%s: date %u", lines[i].line,
              (unsigned)dl.ymd);
        CHECK(dl.minutes == lines[i].minutes, "%s: minutes %d",
              lines[i].line, dl.minutes);
        CHECK(dl.posted == lines[i].posted, "%s: posted", lines[i].line);
        CHECK(dl.prefix_len == lines[i].prefix_len, "%s: prefix %zu",
              lines[i].line, dl.prefix_len);
    }
}

/* The public parser of --from/--to: the same calendar. */
static void test_parse_date_range(void)
{
    static const struct {
        const char *text;
        int end;
        uint32_t ymd; /* 0: refused */
    } cases[] = {
        {"9999-12-31", 0, 99991231}, {"9999", 1, 99991231},
        {"9999-12", 1, 99991231},    {"0001", 0, 10101},
        {"0001-01", 1, 10131},       {"29/02/0004", 0, 40229},
        {"0004-02", 1, 40229},       {"1900-02", 1, 19000228},
        {"2000-02", 1, 20000229},    {"1850-06-15", 0, 18500615},
        {"0000", 0, 0},              {"0000-01-01", 0, 0},
        {"29/02/1900", 0, 0},        {"9999-13", 1, 0},
        {"31/12/9999", 0, 99991231}, {"2199-12-31", 0, 21991231},
        {"2200-01-01", 0, 22000101},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t ymd = 0;
        int rc = vns_parse_date(&ymd, cases[i].text, strlen(cases[i].text),
                                cases[i].end);
        CHECK_INT_EQ(rc, cases[i].ymd ? VNS_OK : VNS_EINVAL, cases[i].text);
        if (rc == VNS_OK)
            CHECK_INT_EQ(ymd, cases[i].ymd, cases[i].text);
    }
    uint32_t ymd = 0;
    CHECK_INT_EQ(vns_parse_date(&ymd, "0000-02-30", 10, 0), VNS_EINVAL,
                 "year 0");
    CHECK_STR_EQ(vns_errmsg(), "not a date: \"0000-02-30\" (use YYYY-MM-DD, "
                 "DD/MM/YYYY, YYYY-MM or YYYY)", "message");
}

int main(void)
{
    test_calendar();
    test_calendar_range();
    test_iso();
    test_iso_range();
    test_date_lines();
    test_parse_date_range();
    return harness_done("test_date");
}
