/*
 * tokenize.c - the analyzer: ICU word break over the caller's UTF-8, words
 * normalized by normalize.c, tokens handed to a callback (FTS5's tokenizer
 * contract: a non-zero return stops the run and is returned as is).
 *
 * ICU reads the input through a UTF-8 UText, so its boundaries are byte
 * offsets into the caller's text, which is what highlighting needs; an
 * ill-formed sequence reads as U+FFFD, which is never part of a word. The
 * break iterator and the UText live in the analyzer and are reused: a call
 * constructs no ICU object.
 *
 * Ill-formed UTF-8 is counted as the segments are decoded (every byte
 * belongs to one segment), which saves a pass over the text.
 *
 * A run is a sequence of ICU words joined by single '/', '-', '.' or '_'
 * (61/2018/NĐ-CP); ICU itself keeps some of them together (TP.HCM, 2.500).
 * A run is split into parts at every character that is not a letter, digit
 * or mark. A run of two or more parts is emitted whole (a compound), at the
 * position of its first part, then each part at its own position.
 */
#include "buf.h"
#include "hash.h"
#include "normalize.h"
#include "utf8.h"
#include "vns_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

/* Compounds longer than this many parts are emitted part by part only. */
#define MAX_COMPOUND_PARTS 16

struct vns_analyzer {
    UBreakIterator *breaker;
    UText utext;
    vns__normalizer normalizer;
    size_t invalid_utf8;
    /* The run being emitted. */
    const char *text;
    uint32_t position;
    vns_token_cb emit;
    void *payload;
    vns__word parts[MAX_COMPOUND_PARTS];
    size_t part_start[MAX_COMPOUND_PARTS], part_end[MAX_COMPOUND_PARTS];
    uint32_t part_hash[MAX_COMPOUND_PARTS];
    char compound[VNS__WORD_CAP], compound_folded[VNS__WORD_CAP];
};

vns_status vns_analyzer_new(vns_analyzer **out)
{
    vns__error_clear();
    return (vns_status)vns__analyzer_new(out);
}

int vns__analyzer_new(vns_analyzer **out)
{
    UErrorCode err = U_ZERO_ERROR;
    UText blank = UTEXT_INITIALIZER;
    vns_analyzer *an;
    int rc;

    if (!out)
        return vns__error(VNS_EINVAL, "vns_analyzer_new: out is NULL");
    *out = NULL;
    if (!(an = calloc(1, sizeof *an)))
        return vns__error(VNS_ENOMEM, "vns_analyzer_new: out of memory");
    an->utext = blank;
    if ((rc = vns__normalizer_init(&an->normalizer)) != VNS_OK) {
        free(an);
        return rc;
    }
    /* ICU has no Vietnamese break rules: "vi" falls back to the root rules
     * with U_USING_DEFAULT_WARNING, a success. */
    an->breaker = ubrk_open(UBRK_WORD, "vi", NULL, 0, &err);
    if (U_FAILURE(err)) {
        free(an);
        return vns__error(VNS_EICU, "ICU word break iterator: %s",
                          u_errorName(err));
    }
    *out = an;
    return VNS_OK;
}

void vns_analyzer_free(vns_analyzer *an)
{
    if (!an)
        return;
    ubrk_close(an->breaker);
    utext_close(&an->utext);
    free(an);
}

size_t vns_analyzer_invalid_utf8(const vns_analyzer *an)
{
    return an ? an->invalid_utf8 : 0;
}

static int emit_token(vns_analyzer *an, const char *text, size_t len,
                      const char *folded, size_t folded_len, size_t start,
                      size_t end, unsigned flags)
{
    vns_token tok;

    tok.text = text;
    tok.len = len;
    tok.folded = folded;
    tok.folded_len = folded_len;
    tok.start = start;
    tok.end = end;
    tok.position = an->position;
    tok.flags = flags;
    return an->emit(&tok, an->payload);
}

static int emit_word(vns_analyzer *an, const vns__word *w, size_t start,
                     size_t end, unsigned flags)
{
    return emit_token(an, w->exact, w->exact_len, w->folded, w->folded_len,
                      start, end, flags | w->flags);
}

/* Normalizes and emits the parts one by one: no compound. */
static int emit_parts_streaming(vns_analyzer *an, size_t rs, size_t re)
{
    const unsigned char *s = (const unsigned char *)an->text;
    size_t i = rs, part = SIZE_MAX, word_end = rs;
    vns__word *w = &an->parts[0];

    while (i <= re) {
        int32_t c = ' ';
        int bad;
        size_t used = i < re ? vns__utf8_decode(s + i, re - i, &c, &bad) : 1;
        enum vns__char_class cls = vns__char_class(c);
        if (cls == VNS__CHAR_WORD) {
            if (part == SIZE_MAX)
                part = i;
            word_end = i + used;
        } else if (cls == VNS__CHAR_SEP && part != SIZE_MAX) {
            int rc = vns__word_normalize(&an->normalizer, an->text + part,
                                         word_end - part,
                                         vns__fnv32(s + part, word_end - part),
                                         w);
            if (rc < 0)
                return rc;
            if (rc == 0 && (rc = emit_word(an, w, part, word_end, 0)) != 0)
                return rc;
            an->position++;
            part = SIZE_MAX;
        }
        i += used;
    }
    return 0;
}

/* Finds the parts of the run [rs, re) and counts its ill-formed UTF-8;
 * returns the number of parts, of which the first MAX_COMPOUND_PARTS are
 * recorded. */
static size_t find_parts(vns_analyzer *an, size_t rs, size_t re)
{
    const unsigned char *s = (const unsigned char *)an->text;
    size_t count = 0, i = rs;
    uint32_t hash = VNS__FNV32_INIT;
    int in_part = 0;

    while (i < re) {
        int32_t c = s[i];
        int bad = 0;
        size_t used = c < 0x80 ? 1 : vns__utf8_decode(s + i, re - i, &c, &bad);
        enum vns__char_class cls = vns__char_class(c);
        an->invalid_utf8 += (size_t)bad;
        if (cls == VNS__CHAR_SEP) {
            in_part = 0;
            i += used;
            continue;
        }
        if (!in_part) {
            if (cls == VNS__CHAR_IGNORE) {
                i += used;
                continue;
            }
            if (count < MAX_COMPOUND_PARTS)
                an->part_start[count] = i;
            count++;
            in_part = 1;
            hash = VNS__FNV32_INIT;
        }
        for (size_t k = 0; k < used; k++)
            hash = vns__fnv32_byte(hash, s[i + k]);
        if (cls == VNS__CHAR_WORD && count <= MAX_COMPOUND_PARTS) {
            an->part_end[count - 1] = i + used;
            an->part_hash[count - 1] = hash;
        }
        i += used;
    }
    return count;
}

/* Joins the parts' forms with the bytes between them into the compound's
 * forms; returns 1 if the compound is too long. */
static int build_compound(vns_analyzer *an, size_t count, size_t *len,
                          size_t *folded_len)
{
    *len = *folded_len = 0;
    for (size_t i = 0; i < count; i++) {
        const vns__word *w = &an->parts[i];
        size_t gap = i ? an->part_start[i] - an->part_end[i - 1] : 0;
        const char *sep = an->text + (i ? an->part_end[i - 1] : 0);
        if (*len + gap + w->exact_len > VNS_MAX_TOKEN_BYTES ||
            *folded_len + gap + w->folded_len > VNS_MAX_TOKEN_BYTES)
            return 1;
        memcpy(an->compound + *len, sep, gap);
        memcpy(an->compound + *len + gap, w->exact, w->exact_len);
        *len += gap + w->exact_len;
        memcpy(an->compound_folded + *folded_len, sep, gap);
        memcpy(an->compound_folded + *folded_len + gap, w->folded,
               w->folded_len);
        *folded_len += gap + w->folded_len;
    }
    return 0;
}

static int emit_run(vns_analyzer *an, size_t rs, size_t re)
{
    size_t count = find_parts(an, rs, re), len, folded_len;
    int too_long[MAX_COMPOUND_PARTS], any_too_long = 0, rc;
    unsigned all_numbers = VNS_TOKEN_NUMBER;

    if (count > MAX_COMPOUND_PARTS)
        return emit_parts_streaming(an, rs, re);
    for (size_t i = 0; i < count; i++) {
        rc = vns__word_normalize(&an->normalizer,
                                 an->text + an->part_start[i],
                                 an->part_end[i] - an->part_start[i],
                                 an->part_hash[i], &an->parts[i]);
        if (rc < 0)
            return rc;
        too_long[i] = rc;
        any_too_long |= rc;
        all_numbers &= rc ? 0 : an->parts[i].flags;
        if (count >= 2 && !rc)
            vns__word_own(&an->parts[i]);
    }
    if (count >= 2 && !any_too_long &&
        !build_compound(an, count, &len, &folded_len)) {
        rc = emit_token(an, an->compound, len, an->compound_folded,
                        folded_len, an->part_start[0],
                        an->part_end[count - 1],
                        VNS_TOKEN_COMPOUND | all_numbers);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < count; i++) {
        if (!too_long[i] &&
            (rc = emit_word(an, &an->parts[i], an->part_start[i],
                            an->part_end[i],
                            count >= 2 ? VNS_TOKEN_PART : 0)) != 0)
            return rc;
        an->position++;
    }
    return 0;
}

static int is_connector(char c)
{
    return c == '/' || c == '-' || c == '.' || c == '_';
}

int vns_analyze(vns_analyzer *an, const char *text, size_t len,
                vns_token_cb emit, void *payload)
{
    vns__error_clear();
    return vns__analyze(an, text, len, emit, payload);
}

int vns__analyze(vns_analyzer *an, const char *text, size_t len,
                 vns_token_cb emit, void *payload)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t start, end;
    size_t rs = 0, re = 0;
    int run_open = 0, rc = 0;

    if (!an || !emit || (!text && len))
        return vns__error(VNS_EINVAL, "vns_analyze: NULL argument");
    if (len > INT32_MAX)
        return vns__error(VNS_EINVAL,
                          "vns_analyze: text of %zu bytes is over 2 GiB", len);
    an->invalid_utf8 = 0;
    an->text = text;
    an->position = 0;
    an->emit = emit;
    an->payload = payload;

    utext_openUTF8(&an->utext, text ? text : "", (int64_t)len, &err);
    ubrk_setUText(an->breaker, &an->utext, &err);
    if (U_FAILURE(err))
        return vns__error(VNS_EICU, "ICU word break: %s", u_errorName(err));

    start = ubrk_first(an->breaker);
    while (rc == 0 && (end = ubrk_next(an->breaker)) != UBRK_DONE) {
        size_t s = (size_t)start, e = (size_t)end;
        /* A segment that starts with ASCII punctuation or space is no word
         * (but '_' and '@' can start one, ICU says); that saves asking ICU
         * about half of the segments. */
        unsigned char first = (unsigned char)text[s];
        int is_word = (first >= 0x80 || first == '_' || first == '@' ||
                       vns__char_class(first) == VNS__CHAR_WORD) &&
                      ubrk_getRuleStatus(an->breaker) >= UBRK_WORD_NONE_LIMIT;
        start = end;
        if (is_word) {
            if (run_open && s == re + 1 && is_connector(text[re])) {
                re = e; /* 61 / 2018: extend the run */
                continue;
            }
            if (run_open)
                rc = emit_run(an, rs, re);
            rs = s;
            re = e;
            run_open = 1;
        } else {
            an->invalid_utf8 += vns__utf8_count_invalid(text + s, e - s);
            if (run_open &&
                !(s == re && e == re + 1 && is_connector(text[re]))) {
                rc = emit_run(an, rs, re);
                run_open = 0;
            }
        }
    }
    if (rc == 0 && run_open)
        rc = emit_run(an, rs, re);
    an->text = NULL;
    return rc;
}

/* vns_analyzer_normalize: rewrite the text word by word. */

struct rewrite {
    const char *text;
    size_t copied; /* bytes of text already written out */
    unsigned flags;
    vns__buf out;
};

static int rewrite_token(const vns_token *tok, void *payload)
{
    struct rewrite *rw = payload;

    if (tok->flags & VNS_TOKEN_COMPOUND)
        return 0;
    vns__buf_append_utf8_repaired(&rw->out, rw->text + rw->copied,
                                  tok->start - rw->copied);
    if (rw->flags & VNS_NORMALIZE_FOLD)
        vns__buf_append(&rw->out, tok->folded, tok->folded_len);
    else
        vns__buf_append(&rw->out, tok->text, tok->len);
    rw->copied = tok->end;
    return vns__buf_failed(&rw->out) ? VNS_ENOMEM : 0;
}

vns_status vns_analyzer_normalize(vns_analyzer *an, const char *text,
                                  size_t len, unsigned flags, char **out,
                                  size_t *out_len)
{
    struct rewrite rw = {text, 0, flags, VNS__BUF_INIT};
    int rc;

    vns__error_clear();
    if (!out)
        return vns__error(VNS_EINVAL, "vns_analyzer_normalize: out is NULL");
    *out = NULL;
    if (!text && len == 0)
        text = rw.text = ""; /* so that text + offset is defined */
    if (out_len)
        *out_len = 0;
    rc = vns__analyze(an, text, len, rewrite_token, &rw);
    if (rc == VNS_OK) {
        vns__buf_append_utf8_repaired(&rw.out, text + rw.copied,
                                      len - rw.copied);
        if (!vns__buf_failed(&rw.out))
            *out = vns__buf_detach(&rw.out, out_len);
    }
    if (rc == VNS_OK && !*out)
        rc = VNS_ENOMEM;
    if (rc == VNS_ENOMEM)
        vns__error(rc, "vns_analyzer_normalize: out of memory");
    vns__buf_free(&rw.out);
    return (vns_status)rc;
}
