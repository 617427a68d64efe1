/*
 * date.c - dates as Vietnamese news pages and records write them.
 *
 * Pages put the day first (07/12/2018), with one- or two-digit days and
 * months (12/3/2024); the time, when given, is 24-hour. A line is either a
 * date line as a whole or not one at all: a date inside a sentence is text.
 */
#include "date.h"

#include "vns_internal.h"

#include <string.h>

/* Any year YYYYMMDD can hold: an archive's old decrees and a record's
 * "9999-12-31" (an open end) are real input, and a bound narrower than
 * the format only turns them into skipped records. */
int vns__date_valid(int y, int m, int d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* Reads 1..max digits at s[*i..n) into *value; returns how many. */
static int digits(const char *s, size_t n, size_t *i, int max, int *value)
{
    int count = 0;

    *value = 0;
    while (*i < n && count < max && s[*i] >= '0' && s[*i] <= '9') {
        *value = *value * 10 + (s[*i] - '0');
        (*i)++;
        count++;
    }
    return count;
}

int vns__date_parse_iso(const char *s, size_t n, uint32_t *ymd)
{
    size_t i = 0;
    int y, m, d;

    if (n != 10 || digits(s, n, &i, 4, &y) != 4 || s[i++] != '-' ||
        digits(s, n, &i, 2, &m) != 2 || s[i++] != '-' ||
        digits(s, n, &i, 2, &d) != 2)
        return 0;
    if (!vns__date_valid(y, m, d))
        return -1;
    *ymd = (uint32_t)(y * 10000 + m * 100 + d);
    return 1;
}

/* Skips ASCII spaces, tabs and no-break spaces (U+00A0). */
static void skip_spaces(const char *s, size_t n, size_t *i)
{
    for (;;) {
        if (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
            (*i)++;
        else if (*i + 1 < n && (unsigned char)s[*i] == 0xC2 &&
                 (unsigned char)s[*i + 1] == 0xA0)
            *i += 2;
        else
            return;
    }
}

static int skip_word(const char *s, size_t n, size_t *i, const char *word)
{
    size_t len = strlen(word);

    if (n - *i < len || memcmp(s + *i, word, len) != 0)
        return 0;
    *i += len;
    return 1;
}

/* "Thứ hai" .. "Thứ bảy", "Chủ nhật" (either case of the first letter). */
static int skip_weekday(const char *s, size_t n, size_t *i)
{
    static const char *const days[] = {"hai", "ba", "tư", "năm", "sáu",
                                       "bảy"};
    size_t at = *i;

    if (skip_word(s, n, &at, "Chủ nhật") || skip_word(s, n, &at, "chủ nhật")) {
        *i = at;
        return 1;
    }
    if (!skip_word(s, n, &at, "Thứ") && !skip_word(s, n, &at, "thứ"))
        return 0;
    skip_spaces(s, n, &at);
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
        size_t w = at;
        if (skip_word(s, n, &w, days[k])) {
            *i = w;
            return 1;
        }
    }
    return 0;
}

/* D/M/YYYY (separators '/', '-' or '.'), then an optional [,] HH:MM and an
 * optional "(GMT+7)"; nothing else may follow. */
static int read_date_rest(const char *s, size_t n, size_t i,
                          vns__dateline *out)
{
    int d, m, y, hh, mm;
    char sep;

    if (!digits(s, n, &i, 2, &d) || i >= n)
        return 0;
    sep = s[i++];
    if ((sep != '/' && sep != '-' && sep != '.') || !digits(s, n, &i, 2, &m) ||
        i >= n || s[i++] != sep || digits(s, n, &i, 4, &y) != 4)
        return 0;
    out->minutes = -1;
    if (i < n && s[i] == ',')
        i++;
    skip_spaces(s, n, &i);
    size_t t = i;
    if (digits(s, n, &t, 2, &hh) && t < n && s[t] == ':' &&
        (t++, digits(s, n, &t, 2, &mm) == 2) && hh < 24 && mm < 60) {
        out->minutes = hh * 60 + mm;
        i = t;
        skip_spaces(s, n, &i);
    }
    if (skip_word(s, n, &i, "(GMT+7)"))
        skip_spaces(s, n, &i);
    if (i != n)
        return 0;
    if (!vns__date_valid(y, m, d))
        return -1;
    out->ymd = (uint32_t)(y * 10000 + m * 100 + d);
    return 1;
}

int vns__date_line(const char *s, size_t n, vns__dateline *out)
{
    size_t i = 0;

    memset(out, 0, sizeof *out);
    skip_spaces(s, n, &i);
    /* An optional place, "Hà Nội, ", before "Ngày": up to the first comma
     * of a short line. */
    const char *comma = memchr(s + i, ',', n - i);
    size_t start = i;
    if (comma && (size_t)(comma - s) < 64) {
        size_t after = (size_t)(comma - s) + 1;
        skip_spaces(s, n, &after);
        if (n - after >= 5 && (memcmp(s + after, "Ngày", 5) == 0 ||
                               memcmp(s + after, "ngày", 5) == 0)) {
            out->prefix_len = after;
            start = after;
        }
    }
    i = start;
    if (skip_word(s, n, &i, "Ngày") || skip_word(s, n, &i, "ngày")) {
        skip_spaces(s, n, &i);
        if (skip_word(s, n, &i, "đăng")) {
            out->posted = 1;
            if (i < n && s[i] == ':')
                i++;
            skip_spaces(s, n, &i);
        }
        return read_date_rest(s, n, i, out);
    }
    if (out->prefix_len == 0 && skip_weekday(s, n, &i)) {
        if (i < n && s[i] == ',')
            i++;
        skip_spaces(s, n, &i);
        return read_date_rest(s, n, i, out);
    }
    return 0;
}

static int days_in_month(int y, int m)
{
    for (int d = 31; d > 28; d--)
        if (vns__date_valid(y, m, d))
            return d;
    return 28;
}

vns_status vns_parse_date(uint32_t *out, const char *s, size_t n, int end)
{
    vns__error_clear();
    if (!s || !out)
        return vns__error(VNS_EINVAL, "vns_parse_date: NULL argument");
    return (vns_status)vns__date_parse(out, s, n, end);
}

int vns__date_parse(uint32_t *out, const char *s, size_t n, int end)
{
    size_t i = 0;
    int y = 0, m = 0, d = 0, a, b, c;

    int first = digits(s, n, &i, 4, &a);
    if (first == 4 && i == n) { /* YYYY */
        y = a;
        m = end ? 12 : 1;
        d = end ? 31 : 1;
    } else if (first == 4 && i < n && s[i] == '-') { /* YYYY-MM[-DD] */
        i++;
        if (digits(s, n, &i, 2, &b) != 2)
            goto bad;
        y = a;
        m = b;
        if (i == n) {
            if (m < 1 || m > 12)
                goto bad;
            d = end ? days_in_month(y, m) : 1;
        } else if (s[i] == '-' && (i++, digits(s, n, &i, 2, &c) == 2) &&
                   i == n) {
            d = c;
        } else {
            goto bad;
        }
    } else if (first >= 1 && first <= 2 && i < n && s[i] == '/') {
        i++; /* DD/MM/YYYY */
        if (!digits(s, n, &i, 2, &b) || i >= n || s[i++] != '/' ||
            digits(s, n, &i, 4, &c) != 4 || i != n)
            goto bad;
        d = a;
        m = b;
        y = c;
    } else {
        goto bad;
    }
    if (!vns__date_valid(y, m, d))
        goto bad;
    *out = (uint32_t)(y * 10000 + m * 100 + d);
    return VNS_OK;
bad:
    return vns__error(VNS_EINVAL, "not a date: \"%.*s\" (use YYYY-MM-DD, "
                      "DD/MM/YYYY, YYYY-MM or YYYY)", (int)(n > 40 ? 40 : n),
                      s);
}
