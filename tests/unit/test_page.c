/*
 * test_page.c - the page-text parser (lib/src/page.c): golden results on
 * pages of corpus/ and on the shared seed page (skipped where ../shared is
 * absent), and the edge cases.
 */
#include "harness.h"
#include "page.h"

#include <stdlib.h>
#include <zlib.h>

static vns__normalizer *nz;
static vns__article a;
static char why[256];

static int parse_text(const char *text, size_t n)
{
    return vns__page_parse(nz, text, n, &a, why, sizeof why);
}

/* Reads a file, plain or gzip; returns its length or -1. */
static long read_file(const char *path, char *buf, size_t cap)
{
    gzFile g = gzopen(path, "rb");
    if (!g)
        return -1;
    int n = gzread(g, buf, (unsigned)cap);
    gzclose(g);
    return n;
}

static void check_field(enum vns__field f, const char *want, const char *what)
{
    CHECK_MEM_EQ(vns__article_field(&a, f), a.len[f], want, strlen(want),
                 what);
}

static void check_prefix(enum vns__field f, const char *prefix, int at_end)
{
    size_t n = strlen(prefix);
    const char *s = vns__article_field(&a, f);
    CHECK(a.len[f] >= n &&
              memcmp(at_end ? s + a.len[f] - n : s, prefix, n) == 0,
          "field %d does not %s with %s", (int)f, at_end ? "end" : "start",
          prefix);
}

static const struct {
    const char *path;
    const char *title, *author, *source;
    uint32_t date, page_date;
    int minutes;
    const char *lead_start, *body_start, *body_end;
} pages[] = {
    {"thanh-hoa/2018-mot-cua-lien-thong.txt",
     "Thanh Hóa: Triển khai cơ chế một cửa, một cửa liên thông theo Nghị "
     "định 61",
     "Hà Vịêt Dũng", "thanhhoa.gov.vn", 20180803, 20180806, 9 * 60 + 30,
     "UBND tỉnh Thanh Hóa vừa ban hành", "Theo kế hoạch, Trung tâm",
     "PAR INDEX và SIPAS trong những năm tới."},
    {"thua-thien-hue/2021-nfd-dich-vu-cong.txt",
     "Thừa Thiên Huế: Hơn 98% thủ tục hành chính được cung cấp trực tuyến "
     "mức độ 3, 4",
     "Trần Hoài Thu", "thuathienhue.gov.vn", 20210609, 0, 9 * 60 + 15,
     "Đến cuối tháng 5/2021", "Theo Sở Thông tin và Truyền thông",
     "xây dựng chính quyền số và đô thị thông minh."},
    {"dong-nai/2022-giai-phong-mat-bang.txt.gz", NULL, "Hoàng Văn Lâm",
     "dongnai.gov.vn", 20220818, 0, 14 * 60 + 5, "UBND tỉnh Đồng Nai vừa họp",
     "Theo báo cáo của Sở Tài nguyên", "cho chủ đầu tư trước ngày 31/12/2022."},
};

static void test_corpus_pages(void)
{
    static char buf[1 << 20];
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/pages/%s", VNS_CORPUS, pages[i].path);
        long n = read_file(path, buf, sizeof buf);
        CHECK(n > 0, "cannot read %s", path);
        if (n <= 0)
            continue;
        CHECK_INT_EQ(parse_text(buf, (size_t)n), VNS_OK, pages[i].path);
        if (pages[i].title)
            check_field(VNS__F_TITLE, pages[i].title, "title");
        check_field(VNS__F_AUTHOR, pages[i].author, "author");
        check_field(VNS__F_SOURCE, pages[i].source, "source");
        CHECK_INT_EQ(a.date, pages[i].date, "date");
        CHECK_INT_EQ(a.page_date, pages[i].page_date, "page date");
        CHECK_INT_EQ(a.minutes, pages[i].minutes, "time");
        check_prefix(VNS__F_LEAD, pages[i].lead_start, 0);
        check_prefix(VNS__F_BODY, pages[i].body_start, 0);
        check_prefix(VNS__F_BODY, pages[i].body_end, 1);
        /* The related-items block is never part of the body. */
        const char *body = vns__article_field(&a, VNS__F_BODY);
        CHECK(!memmem(body, a.len[VNS__F_BODY], "Tin tức cùng chuyên mục",
                      strlen("Tin tức cùng chuyên mục")),
              "%s: related block in the body", pages[i].path);
    }
}

/* The shared seed page and what its expected.json says. */
static void test_seed_page(void)
{
    static char buf[1 << 20];
    long n = read_file(VNS_SHARED "/seed/vinhphuc-cchc-2018.txt", buf,
                       sizeof buf);
    if (n <= 0) {
        printf("test_page: seed page absent, skipping its check\n");
        return;
    }
    CHECK_INT_EQ(parse_text(buf, (size_t)n), VNS_OK, "seed");
    check_field(VNS__F_TITLE,
                "Vĩnh Phúc: Đổi mới tuyên truyền về cải cách hành chính",
                "title");
    CHECK_INT_EQ(a.date, 20181207, "date");
    CHECK_INT_EQ(a.minutes, 4 * 60 + 59, "time");
    CHECK_INT_EQ(a.page_date, 20190217, "page date");
    check_prefix(VNS__F_LEAD, "Xác định hoạt động tuyên truyền", 0);
    check_prefix(VNS__F_LEAD, "đổi mới công tác tuyên truyền.", 1);
    check_field(VNS__F_CAPTION,
                "Cán bộ Trung tâm Hành chính công tỉnh hướng dẫn người dân "
                "thực hiện thao tác trên phần mềm ứng dụng bộ phận một cửa",
                "caption");
    check_prefix(VNS__F_BODY,
                 "UBND tỉnh giao Sở Nội vụ là cơ quan chủ trì thực hiện tuyên ",
                 0);
    check_prefix(VNS__F_BODY,
                 "ồ sơ giải quyết đúng và trước hạn đạt gần 95% tổng số hồ sơ.",
                 1);
    check_field(VNS__F_AUTHOR, "Nguyễn Khánh", "author");
    check_field(VNS__F_SOURCE, "baovinhphuc.com.vn", "source");
    const char *body = vns__article_field(&a, VNS__F_BODY);
    CHECK(!memmem(body, a.len[VNS__F_BODY], "Thái Nguyên", strlen("Thái Nguyên")),
          "Thái Nguyên is in the related block, not the article");
}

static void test_edge_cases(void)
{
    const char *weekday = "Thứ hai, 12/3/2024, 08:00 (GMT+7)\n"
                          "Bắc Ninh: Khảo sát SIPAS\nNội dung bài.\n";
    CHECK_INT_EQ(parse_text(weekday, strlen(weekday)), VNS_OK, weekday);
    CHECK_INT_EQ(a.date, 20240312, "weekday date before the title");
    check_field(VNS__F_TITLE, "Bắc Ninh: Khảo sát SIPAS", "title");
    check_field(VNS__F_LEAD, "Nội dung bài.", "lead");

    const char *only_title = "\n\n  Tiêu đề duy nhất \xC2\xA0\n";
    CHECK_INT_EQ(parse_text(only_title, strlen(only_title)), VNS_OK, "title");
    check_field(VNS__F_TITLE, "Tiêu đề duy nhất", "trimmed with NBSP");
    CHECK_INT_EQ(a.date, 0, "no date");
    CHECK_INT_EQ(a.len[VNS__F_BODY], 0, "no body");

    CHECK_INT_EQ(parse_text("\n \n", 3), VNS_EFORMAT, "empty page");
    CHECK_STR_EQ(why, "no title", "why");
    CHECK_INT_EQ(parse_text("", 0), VNS_EFORMAT, "empty file");

    const char *bad_date = "Tiêu đề\nNgày đăng: 31/02/2019 10:00\nThân bài.\n";
    CHECK_INT_EQ(parse_text(bad_date, strlen(bad_date)), VNS_EFORMAT,
                 "impossible date");
    CHECK_STR_EQ(why, "line 2: impossible date", "why");

    static const char binary[] = "Tiêu đề\n\0\x01\x02";
    CHECK_INT_EQ(parse_text(binary, sizeof binary - 1), VNS_EFORMAT, "NUL");
    CHECK_STR_EQ(why, "binary data (a NUL byte at offset 12)", "why");

    const char *crlf = "Tiêu đề\r\nNgày 17/02/2019\r\nMặc định Cỡ chữ\r\n"
                       "Đoạn mở đầu.\r\n\r\nThân bài một.\r\n\r\nTheo: x.vn\r\n";
    CHECK_INT_EQ(parse_text(crlf, strlen(crlf)), VNS_OK, "CRLF");
    check_field(VNS__F_LEAD, "Đoạn mở đầu.", "lead");
    check_field(VNS__F_BODY, "Thân bài một.", "body");
    check_field(VNS__F_SOURCE, "x.vn", "source");
    CHECK_INT_EQ(a.len[VNS__F_AUTHOR], 0, "no author");

    const char *invalid = "Ti\xFF\xEAu \xC4\x91\xE1\xBB\n";
    CHECK_INT_EQ(parse_text(invalid, strlen(invalid)), VNS_OK, "bad UTF-8");
    check_field(VNS__F_TITLE, "Ti\xEF\xBF\xBD\xEF\xBF\xBDu \xC4\x91\xEF\xBF\xBD",
                "repaired title");
}

/* Page dates over the whole calendar 0001..9999, as records' dates. */
static void test_date_range(void)
{
    const char *last = "ĐỒNG THÁP: KẾ HOẠCH DÀI HẠN\n"
                       "Ngày đăng: 31/12/9999 23:59\n"
                       "Ủy ban nhân dân tỉnh Đồng Tháp ban hành kế hoạch.\n";
    CHECK_INT_EQ(parse_text(last, strlen(last)), VNS_OK, why);
    CHECK_INT_EQ(a.date, 99991231, "31/12/9999 kept");
    CHECK_INT_EQ(a.minutes, 23 * 60 + 59, "time");
    check_field(VNS__F_TITLE, "ĐỒNG THÁP: KẾ HOẠCH DÀI HẠN", "title");

    const char *old = "Hà Nội, Ngày 01/01/0001\n"
                      "Thăng Long: Chiếu dời đô\n"
                      "Ngày đăng: 15/07/1010\n"
                      "Đoạn mở đầu về kinh đô Thăng Long.\n";
    CHECK_INT_EQ(parse_text(old, strlen(old)), VNS_OK, why);
    CHECK_INT_EQ(a.page_date, 10101, "crawl header 01/01/0001");
    CHECK_INT_EQ(a.date, 10100715, "15/07/1010");
    check_field(VNS__F_LEAD, "Đoạn mở đầu về kinh đô Thăng Long.", "lead");

    const char *leap = "Ngày 29/02/2000\nNăm nhuận: hai nghìn\nNội dung.\n";
    CHECK_INT_EQ(parse_text(leap, strlen(leap)), VNS_OK, why);
    CHECK_INT_EQ(a.date, 20000229, "29/02/2000");
    const char *leap4 = "Cần Thơ: lịch cổ\nNgày 29/02/0004\nNội dung.\n";
    CHECK_INT_EQ(parse_text(leap4, strlen(leap4)), VNS_OK, why);
    CHECK_INT_EQ(a.date, 40229, "29/02/0004");

    const char *no_leap = "Cần Thơ: lịch cũ\nNgày đăng: 29/02/1900 08:00\n"
                          "Nội dung.\n";
    CHECK_INT_EQ(parse_text(no_leap, strlen(no_leap)), VNS_EFORMAT,
                 "29/02/1900");
    CHECK_STR_EQ(why, "line 2: impossible date", "why");
    const char *year0 = "Tiêu đề\nNgày 31/12/0000\nNội dung.\n";
    CHECK_INT_EQ(parse_text(year0, strlen(year0)), VNS_EFORMAT, "year 0");
}

int main(void)
{
    nz = calloc(1, sizeof *nz);
    vns__normalizer_init(nz);
    test_corpus_pages();
    test_seed_page();
    test_edge_cases();
    test_date_range();
    vns__article_free(&a);
    free(nz);
    return harness_done("test_page");
}
