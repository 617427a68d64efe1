/*
 * page.c - a news page's text into an article.
 *
 * The page-text format is what a crawler extracts from a provincial portal
 * (docs/design.md, "Inputs"):
 *
 *     [Hà Nội, Ngày 17/02/2019]          crawl header: the page's date
 *     Title
 *     Ngày đăng: 07/12/2018   04:59      or Ngày 17/02/2019, or a weekday
 *     Mặc định Cỡ chữ                    page chrome, dropped
 *     Lead paragraph
 *     [Image caption]                    a line right after the lead,
 *                                        without final punctuation
 *     Body paragraphs ...
 *     [Author]                           a short line of capitalized words
 *     [Theo: source]
 *     Tin tức cùng chuyên mục / Tiêu điểm ...   other articles: not this one
 *
 * The whole page is put in NFC first, so that decomposed pages parse (and
 * are stored) as precomposed ones. Lines are compared after trimming
 * spaces, tabs and no-break spaces.
 */
#include "page.h"

#include "date.h"
#include "utf8.h"
#include "vns_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

typedef struct line {
    size_t start, end; /* trimmed, in the NFC text */
} line;

static const char *const chrome_lines[] = {
    "Mặc định Cỡ chữ", "Cỡ chữ", "In bài viết", "Gửi bài viết", "Chia sẻ",
    "Bản in", "Lưu bài viết"};

/* Lines that start what is not the article: related items, highlights. */
static const char *const end_markers[] = {
    "Tin tức cùng chuyên mục", "Tin cùng chuyên mục", "Tiêu điểm",
    "Tin liên quan", "Các tin khác", "Tin khác", "Bài viết liên quan"};

static int is_space_at(const char *s, size_t i, size_t end, size_t *width)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
        *width = 1;
        return 1;
    }
    if (i + 1 < end && (unsigned char)s[i] == 0xC2 &&
        (unsigned char)s[i + 1] == 0xA0) {
        *width = 2;
        return 1;
    }
    return 0;
}

static line trim(const char *s, size_t start, size_t end)
{
    size_t w;
    while (start < end && is_space_at(s, start, end, &w))
        start += w;
    for (;;) {
        if (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
                            s[end - 1] == '\r'))
            end--;
        else if (end >= start + 2 && (unsigned char)s[end - 2] == 0xC2 &&
                 (unsigned char)s[end - 1] == 0xA0)
            end -= 2;
        else
            break;
    }
    return (line){start, end};
}

static int line_is(const char *s, line l, const char *const *list,
                   size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == l.end - l.start &&
            memcmp(s + l.start, list[i], l.end - l.start) == 0)
            return 1;
    return 0;
}

#define IS(s, l, list) line_is(s, l, list, sizeof list / sizeof list[0])

static int blank(line l)
{
    return l.start == l.end;
}

static int ends_with(const char *s, line l, const char *suffix)
{
    size_t n = strlen(suffix);
    return l.end - l.start >= n && memcmp(s + l.end - n, suffix, n) == 0;
}

/* A caption: a line of at most 300 bytes not ending like a sentence. */
static int looks_like_caption(const char *s, line l)
{
    return l.end - l.start <= 300 && !strchr(".!?:;\"", s[l.end - 1]) &&
           !ends_with(s, l, "…") && !ends_with(s, l, "”");
}

/* An author line: up to 8 words of at most 80 bytes, each word starting
 * with a capital letter (or a dash between two names): "Nguyễn Khánh",
 * "Minh Đức - Thu Trang". */
static int looks_like_author(const char *s, line l)
{
    size_t i = l.start, words = 0;

    if (l.end - l.start > 80)
        return 0;
    for (size_t k = l.start; k < l.end; k++)
        if (strchr(".,:;!?()", s[k]))
            return 0;
    while (i < l.end) {
        int32_t c;
        int bad;
        size_t used = vns__utf8_decode((const unsigned char *)s + i,
                                       l.end - i, &c, &bad);
        if (c == '-' || c == 0x2013) {
            i += used;
        } else if (!u_isupper(c)) {
            return 0;
        } else {
            words++;
        }
        while (i < l.end && s[i] != ' ')
            i++;
        while (i < l.end && s[i] == ' ')
            i++;
    }
    return words >= 1 && words <= 8;
}

/* Splits the text into trimmed lines; returns their count. */
static size_t split_lines(const char *s, size_t n, line **out)
{
    size_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '\n';
    line *lines = malloc(count * sizeof *lines);
    if (!lines)
        return 0;
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            lines[k++] = trim(s, start, i);
            start = i + 1;
        }
    }
    *out = lines;
    return k;
}

static size_t next_nonblank(const line *lines, size_t count, size_t i)
{
    while (i < count && blank(lines[i]))
        i++;
    return i;
}

static int parse_lines(const char *s, const line *lines, size_t count,
                       vns__article *a, char *why, size_t why_size)
{
    vns__dateline dl;
    size_t i = next_nonblank(lines, count, 0);
    int rc;

#define LINE_LEN(l) ((l).end - (l).start)
    /* A date line before the title: a crawl header ("Hà Nội, Ngày ...")
     * gives the page's date, any other form the publication date. */
    if (i < count && (rc = vns__date_line(s + lines[i].start,
                                          LINE_LEN(lines[i]), &dl)) != 0) {
        if (rc < 0) {
            snprintf(why, why_size, "line %zu: impossible date", i + 1);
            return VNS_EFORMAT;
        }
        if (dl.prefix_len) {
            a->page_date = dl.ymd;
        } else {
            a->date = dl.ymd;
            a->minutes = dl.minutes;
        }
        i = next_nonblank(lines, count, i + 1);
    }
    if (i >= count) {
        snprintf(why, why_size, "no title");
        return VNS_EFORMAT;
    }
    vns__article_set(a, VNS__F_TITLE, s + lines[i].start, LINE_LEN(lines[i]));
    i = next_nonblank(lines, count, i + 1);
    if (i < count && (rc = vns__date_line(s + lines[i].start,
                                          LINE_LEN(lines[i]), &dl)) != 0) {
        if (rc < 0) {
            snprintf(why, why_size, "line %zu: impossible date", i + 1);
            return VNS_EFORMAT;
        }
        a->date = dl.ymd;
        a->minutes = dl.minutes;
        i++;
    }

    /* The article ends at the first end marker. */
    size_t stop = i;
    while (stop < count && !IS(s, lines[stop], end_markers))
        stop++;

    while (i < stop && (blank(lines[i]) || IS(s, lines[i], chrome_lines)))
        i++;
    if (i < stop) {
        vns__article_set(a, VNS__F_LEAD, s + lines[i].start,
                         LINE_LEN(lines[i]));
        i++;
        if (i < stop && !blank(lines[i]) && looks_like_caption(s, lines[i])) {
            vns__article_set(a, VNS__F_CAPTION, s + lines[i].start,
                             LINE_LEN(lines[i]));
            i++;
        }
    }

    /* From the end of the article: the source line, then the author. */
    size_t last = stop;
    while (last > i && blank(lines[last - 1]))
        last--;
    if (last > i) {
        line l = lines[last - 1];
        if (LINE_LEN(l) > 5 && memcmp(s + l.start, "Theo", 4) == 0 &&
            (s[l.start + 4] == ':' || s[l.start + 4] == ' ')) {
            line src = trim(s, l.start + 5, l.end);
            vns__article_set(a, VNS__F_SOURCE, s + src.start, LINE_LEN(src));
            last--;
            while (last > i && blank(lines[last - 1]))
                last--;
        }
    }
    if (last > i + 1 && looks_like_author(s, lines[last - 1])) {
        vns__article_set(a, VNS__F_AUTHOR, s + lines[last - 1].start,
                         LINE_LEN(lines[last - 1]));
        last--;
        while (last > i && blank(lines[last - 1]))
            last--;
    }
    i = next_nonblank(lines, count, i);
    if (i < last)
        vns__article_set(a, VNS__F_BODY, s + lines[i].start,
                         lines[last - 1].end - lines[i].start);
    return VNS_OK;
#undef LINE_LEN
}

int vns__page_parse(const vns__normalizer *nz, const char *text, size_t n,
                    vns__article *a, char *why, size_t why_size)
{
    vns__buf nfc = VNS__BUF_INIT;
    line *lines = NULL;
    size_t count;
    int rc;

    vns__article_reset(a);
    why[0] = '\0';
    if (memchr(text, '\0', n)) {
        snprintf(why, why_size, "binary data (a NUL byte at offset %zu)",
                 (size_t)((const char *)memchr(text, '\0', n) - text));
        return VNS_EFORMAT;
    }
    if ((rc = vns__utf8_nfc(nz, text, n, &nfc, NULL)) != VNS_OK)
        goto done;
    if (!(count = split_lines(nfc.ptr ? nfc.ptr : "", nfc.len, &lines))) {
        rc = vns__error(VNS_ENOMEM, "out of memory");
        goto done;
    }
    rc = parse_lines(nfc.ptr ? nfc.ptr : "", lines, count, a, why, why_size);
    if (rc == VNS_OK && vns__buf_failed(&a->text))
        rc = vns__error(VNS_ENOMEM, "out of memory");
done:
    free(lines);
    vns__buf_free(&nfc);
    return rc;
}
