/*
 * jsonl.c - one JSON Lines record into an article.
 *
 * A strict RFC 8259 reader for one object per line: strings must be valid
 * UTF-8 without raw control characters; an escaped NUL (\u0000) or a lone
 * surrogate is refused as binary data. Values of unknown keys are skipped
 * whatever they are, nested at most MAX_DEPTH deep. A known key given
 * twice keeps its last value, and null empties a field, as JSON parsers
 * and the tools that write updates do. Every refusal says where and why,
 * for the indexer's "file:line: reason".
 */
#include "jsonl.h"

#include "date.h"
#include "utf8.h"
#include "vns_internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct reader {
    const char *s;
    size_t n, i;
    char *why;
    size_t why_size;
} reader;

static const char *const field_names[VNS__F_COUNT] = {
    "id",  "title",  "lead",     "body",   "source",
    "url", "author", "category", "caption"};

static int fail(reader *r, const char *what)
{
    snprintf(r->why, r->why_size, "invalid JSON at byte %zu: %s", r->i + 1,
             what);
    return VNS_EFORMAT;
}

static void skip_ws(reader *r)
{
    while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\t' ||
                           r->s[r->i] == '\r' || r->s[r->i] == '\n'))
        r->i++;
}

static int hex4(reader *r, unsigned *value)
{
    *value = 0;
    for (int k = 0; k < 4; k++, r->i++) {
        char c = r->i < r->n ? r->s[r->i] : '\0';
        unsigned digit;
        if (c >= '0' && c <= '9')
            digit = (unsigned)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            digit = (unsigned)((c | 0x20) - 'a' + 10);
        else
            return fail(r, "bad \\u escape");
        *value = *value * 16 + digit;
    }
    return VNS_OK;
}

static int escape(reader *r, vns__buf *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k;
    unsigned c, lo;
    char utf8[4];
    int rc;

    if (r->i >= r->n)
        return fail(r, "unfinished escape");
    if (r->s[r->i] != 'u') {
        if (!(k = strchr(from, r->s[r->i])) || !*k)
            return fail(r, "bad escape");
        r->i++;
        if (out)
            vns__buf_append(out, &to[k - from], 1);
        return VNS_OK;
    }
    r->i++;
    if ((rc = hex4(r, &c)) != VNS_OK)
        return rc;
    if (c >= 0xD800 && c < 0xDC00) {
        if (r->n - r->i < 2 || r->s[r->i] != '\\' || r->s[r->i + 1] != 'u')
            return fail(r, "lone surrogate escape (binary data)");
        r->i += 2;
        if ((rc = hex4(r, &lo)) != VNS_OK)
            return rc;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(r, "lone surrogate escape (binary data)");
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
        return fail(r, "lone surrogate escape (binary data)");
    } else if (c == 0) {
        return fail(r, "NUL character \\u0000 in a string (binary data)");
    }
    if (out)
        vns__buf_append(out, utf8, vns__utf8_encode((int32_t)c, utf8));
    return VNS_OK;
}

/* Reads a string (r->i at its opening quote), appending its value to out
 * unless out is NULL. */
static int string(reader *r, vns__buf *out)
{
    const unsigned char *u = (const unsigned char *)r->s;
    int rc;

    r->i++;
    for (;;) {
        size_t run = r->i;
        while (r->i < r->n && u[r->i] >= 0x20 && u[r->i] < 0x80 &&
               u[r->i] != '"' && u[r->i] != '\\')
            r->i++;
        if (out)
            vns__buf_append(out, r->s + run, r->i - run);
        if (r->i >= r->n)
            return fail(r, "unterminated string");
        if (u[r->i] == '"') {
            r->i++;
            return VNS_OK;
        }
        if (u[r->i] == '\\') {
            r->i++;
            if ((rc = escape(r, out)) != VNS_OK)
                return rc;
        } else if (u[r->i] < 0x20) {
            return fail(r, "control character in a string (binary data)");
        } else {
            int32_t c;
            int bad;
            size_t used = vns__utf8_decode(u + r->i, r->n - r->i, &c, &bad);
            if (bad)
                return fail(r, "invalid UTF-8 (binary data)");
            if (out)
                vns__buf_append(out, r->s + r->i, used);
            r->i += used;
        }
    }
}

static int literal(reader *r, const char *word)
{
    size_t len = strlen(word);
    if (r->n - r->i < len || memcmp(r->s + r->i, word, len) != 0)
        return fail(r, "unexpected character");
    r->i += len;
    return VNS_OK;
}

static int number(reader *r)
{
    size_t start = r->i;
    if (r->i < r->n && r->s[r->i] == '-')
        r->i++;
    while (r->i < r->n && strchr("0123456789.eE+-", r->s[r->i]) && r->s[r->i])
        r->i++;
    return r->i > start ? VNS_OK : fail(r, "unexpected character");
}

static int skip_value(reader *r, int depth);

/* Called for each member of an object, r->i at its value and its key in
 * `key`; it must read the value. */
typedef int (*member_fn)(reader *r, const vns__buf *key, void *ctx);

/* Reads an object or array (r->i at its opening bracket). With `member`,
 * the object's keys go into `key` and member() reads each value; without,
 * keys and values are skipped. */
static int container(reader *r, int depth, vns__buf *key, member_fn member,
                     void *ctx)
{
    char close = r->s[r->i] == '{' ? '}' : ']';
    int is_object = close == '}', rc;

    if (depth > MAX_DEPTH)
        return fail(r, "nested too deeply");
    r->i++;
    skip_ws(r);
    if (r->i < r->n && r->s[r->i] == close) {
        r->i++;
        return VNS_OK;
    }
    for (;;) {
        if (is_object) {
            if (r->i >= r->n || r->s[r->i] != '"')
                return fail(r, "expected a key");
            if (key)
                key->len = 0;
            if ((rc = string(r, member ? key : NULL)) != VNS_OK)
                return rc;
            skip_ws(r);
            if (r->i >= r->n || r->s[r->i] != ':')
                return fail(r, "expected ':'");
            r->i++;
        }
        rc = member ? member(r, key, ctx) : skip_value(r, depth + 1);
        if (rc != VNS_OK)
            return rc;
        skip_ws(r);
        if (r->i < r->n && r->s[r->i] == ',') {
            r->i++;
            skip_ws(r);
            continue;
        }
        if (r->i < r->n && r->s[r->i] == close) {
            r->i++;
            return VNS_OK;
        }
        return fail(r, is_object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int skip_value(reader *r, int depth)
{
    skip_ws(r);
    if (r->i >= r->n)
        return fail(r, "expected a value");
    switch (r->s[r->i]) {
    case '"': return string(r, NULL);
    case '{': case '[': return container(r, depth, NULL, NULL, NULL);
    case 't': return literal(r, "true");
    case 'f': return literal(r, "false");
    case 'n': return literal(r, "null");
    default: return number(r);
    }
}

static int field_of(const char *key, size_t len)
{
    for (int f = 0; f < VNS__F_COUNT; f++)
        if (strlen(field_names[f]) == len && memcmp(field_names[f], key, len) == 0)
            return f;
    return len == 4 && memcmp(key, "date", 4) == 0 ? VNS__F_COUNT : -1;
}

/* What the members fill: the article, and the text of the record's last
 * "date", checked once the whole object is read. */
typedef struct record {
    vns__article *a;
    vns__buf *date;
    int has_date;
} record;

/* Reads the value of a known key: a string, null, or for "id" a number.
 * A key given again replaces its earlier value, and null empties it: JSON
 * parsers keep the last of duplicate keys, and a producer that merges an
 * update into a record writes null to clear a field. */
static int field_value(reader *r, record *rec, int f)
{
    vns__article *a = rec->a;
    int rc;

    skip_ws(r);
    if (r->i < r->n && r->s[r->i] == 'n') {
        if (f < VNS__F_COUNT)
            a->len[f] = 0;
        else
            rec->has_date = 0;
        return literal(r, "null");
    }
    if (f == VNS__F_ID && r->i < r->n && r->s[r->i] != '"') {
        size_t start = r->i;
        if ((rc = number(r)) != VNS_OK)
            return rc;
        vns__article_set(a, VNS__F_ID, r->s + start, r->i - start);
        return VNS_OK;
    }
    if (r->i >= r->n || r->s[r->i] != '"')
        return fail(r, f == VNS__F_COUNT ? "\"date\" is not a string"
                                         : "field is not a string");
    if (f < VNS__F_COUNT) {
        a->start[f] = a->text.len;
        if ((rc = string(r, &a->text)) != VNS_OK)
            return rc;
        a->len[f] = a->text.len - a->start[f];
        return VNS_OK;
    }
    /* Checked at the end, so that an earlier "date" a later one replaces
     * cannot refuse the record. */
    rec->date->len = 0;
    rec->has_date = 1;
    return string(r, rec->date);
}

/* The last "date" of the record, unless it was null. */
static int check_date(const record *rec, char *why, size_t why_size)
{
    const char *s = rec->date->ptr ? rec->date->ptr : "";

    if (!rec->has_date)
        return VNS_OK;
    if (vns__buf_failed(rec->date))
        return VNS_ENOMEM;
    switch (vns__date_parse_iso(s, rec->date->len, &rec->a->date)) {
    case 1:
        return VNS_OK;
    case -1:
        snprintf(why, why_size, "impossible date %.10s", s);
        return VNS_EFORMAT;
    default:
        snprintf(why, why_size, "date \"%.32s\" is not YYYY-MM-DD", s);
        return VNS_EFORMAT;
    }
}

/* A member of the record: a known field, or anything else skipped. */
static int record_member(reader *r, const vns__buf *key, void *ctx)
{
    int f = field_of(key->ptr ? key->ptr : "", key->len);
    return f < 0 ? skip_value(r, 1) : field_value(r, ctx, f);
}

static int parse_object(reader *r, record *rec, vns__buf *key)
{
    skip_ws(r);
    if (r->i >= r->n || r->s[r->i] != '{')
        return fail(r, "expected '{'");
    return container(r, 0, key, record_member, rec);
}

int vns__jsonl_parse(const char *line, size_t n, vns__article *a, char *why,
                     size_t why_size)
{
    reader r = {line, n, 0, why, why_size};
    vns__buf key = VNS__BUF_INIT, date = VNS__BUF_INIT;
    record rec = {a, &date, 0};
    int rc;

    vns__article_reset(a);
    why[0] = '\0';
    rc = parse_object(&r, &rec, &key);
    if (rc == VNS_OK) {
        skip_ws(&r);
        if (r.i != n)
            rc = fail(&r, "text after the object");
    }
    if (rc == VNS_OK)
        rc = check_date(&rec, why, why_size);
    if (rc == VNS_OK && (vns__buf_failed(&a->text) || vns__buf_failed(&key)))
        rc = VNS_ENOMEM;
    if (rc == VNS_OK && a->len[VNS__F_ID] == 0) {
        snprintf(why, why_size, "missing id");
        rc = VNS_EFORMAT;
    }
    if (rc == VNS_OK && a->len[VNS__F_TITLE] == 0 && a->len[VNS__F_BODY] == 0) {
        snprintf(why, why_size, "missing title and body");
        rc = VNS_EFORMAT;
    }
    if (rc == VNS_ENOMEM)
        snprintf(why, why_size, "out of memory");
    vns__buf_free(&key);
    vns__buf_free(&date);
    return rc;
}
