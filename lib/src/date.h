/*
 * date.h - dates as Vietnamese news pages and records write them.
 *
 * A date is kept as the integer YYYYMMDD (20181207): it sorts, compares and
 * serializes as it is. No locale, no clock: parsing depends on nothing but
 * its input.
 */
#ifndef VNS_DATE_H
#define VNS_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Whether y-m-d is a real day of the (proleptic) Gregorian calendar, years
 * 1..9999: every date YYYYMMDD can hold (31/02/2019, 29/02/2023 and
 * 29/02/1900 are not; 29/02/2000 and 29/02/0004 are). */
int vns__date_valid(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD" (the JSON Lines format). Returns 1 and sets
 * *ymd; 0 if s is not of that shape; -1 if it is but the day does not
 * exist. */
int vns__date_parse_iso(const char *s, size_t n, uint32_t *ymd);

/* vns_parse_date() without touching the thread's error message on entry
 * (for callers inside the library, which have cleared it already). */
int vns__date_parse(uint32_t *out, const char *s, size_t n, int end);

/* What a date line of a page says. */
typedef struct vns__dateline {
    uint32_t ymd;      /* 20181207 */
    int minutes;       /* time of day, 0..1439, or -1 when not given */
    int posted;        /* 1 for "Ngày đăng" (the publication date) */
    size_t prefix_len; /* bytes before the date words, as in the crawl
                          header "Hà Nội, Ngày 17/02/2019" */
} vns__dateline;

/* Reads a whole line (NFC UTF-8) of one of the forms
 *     [Place, ]Ngày đăng[:] 07/12/2018 [04:59]
 *     [Place, ]Ngày 17/02/2019 [08:00]
 *     Thứ hai, 12/3/2024, 08:00 (GMT+7)        (any weekday, or Chủ nhật)
 * with any spaces, including no-break spaces. Returns 1 and fills *out;
 * 0 if the line is not a date line; -1 if it is one whose date does not
 * exist (31/02/2019). */
int vns__date_line(const char *line, size_t n, vns__dateline *out);

#endif /* VNS_DATE_H */
