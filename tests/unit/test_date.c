/*
 * test_date.c - page date lines and record dates (lib/src/date.c).
 */
#include "date.h"
#include "harness.h"

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
    CHECK(!vns__date_valid(1899, 12, 31), "before 1900");
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

int main(void)
{
    test_calendar();
    test_iso();
    test_date_lines();
    return harness_done("test_date");
}
