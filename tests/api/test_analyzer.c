/*
 * test_analyzer.c - the analyzer through the public header only.
 *
 * ICU is used here as an independent oracle: its NFD to make decomposed
 * input, and u_strFromUTF8WithSub to count ill-formed UTF-8.
 */
#include "harness.h"
#include "vnsearch.h"

#include <pthread.h>
#include <stdlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static vns_analyzer *an;

/* Tokens as text, one "position start-end exact/folded flags" per line. */
struct dump {
    char text[1 << 16];
    size_t len;
    size_t count;
};

static int dump_token(const vns_token *t, void *payload)
{
    struct dump *d = payload;
    d->count++;
    if (d->len < sizeof d->text - 300)
        d->len += (size_t)snprintf(
            d->text + d->len, sizeof d->text - d->len, "%u %zu-%zu %.*s/%.*s%s%s%s%s\n",
            (unsigned)t->position, t->start, t->end, (int)t->len, t->text,
            (int)t->folded_len, t->folded,
            t->flags & VNS_TOKEN_NUMBER ? " N" : "",
            t->flags & VNS_TOKEN_COMPOUND ? " C" : "",
            t->flags & VNS_TOKEN_PART ? " P" : "",
            t->flags & VNS_TOKEN_SYLLABLE ? " S" : "");
    return 0;
}

/* Just the exact forms, space-separated, and the folded ones after '|'. */
struct forms {
    char exact[4096], folded[4096];
    size_t elen, flen;
};

static int collect_forms(const vns_token *t, void *payload)
{
    struct forms *f = payload;
    if (t->flags & VNS_TOKEN_COMPOUND)
        return 0;
    if (f->elen + t->len + 2 < sizeof f->exact) {
        f->elen += (size_t)sprintf(f->exact + f->elen, "%s%.*s",
                                   f->elen ? " " : "", (int)t->len, t->text);
        f->flen += (size_t)sprintf(f->folded + f->flen, "%s%.*s",
                                   f->flen ? " " : "", (int)t->folded_len,
                                   t->folded);
    }
    return 0;
}

static struct forms forms_of(const char *text, size_t len)
{
    struct forms f;
    memset(&f, 0, sizeof f);
    int rc = vns_analyze(an, text, len, collect_forms, &f);
    CHECK_INT_EQ(rc, VNS_OK, "vns_analyze");
    return f;
}

static void check_forms(const char *text, const char *exact,
                        const char *folded)
{
    struct forms f = forms_of(text, strlen(text));
    CHECK_STR_EQ(f.exact, exact, text);
    CHECK_STR_EQ(f.folded, folded, text);
}

static void test_case_folding_and_d(void)
{
    check_forms("ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH", "đẩy mạnh cải cách hành chính",
                "day manh cai cach hanh chinh");
    /* U+00D0 (Icelandic eth) typed for Đ; both cases. */
    check_forms("\xC3\x90\xE1\xBA\xAEK L\xE1\xBA\xAEK \xC3\xB0\xE1\xBA\xAFk",
                "đắk lắk đắk", "dak lak dak");
    check_forms("Đồng đồng ĐỒNG Đồng", "đồng đồng đồng đồng",
                "dong dong dong dong");
    check_forms("Ủy ban nhân dân tỉnh Đắk Lắk", "ủy ban nhân dân tỉnh đắk lắk",
                "uy ban nhan dan tinh dak lak");
}

static void test_tone_placement_in_text(void)
{
    check_forms("Hoà bình, THUỶ lợi, sức khoẻ, Quý, hoạ sĩ",
                "hòa bình thủy lợi sức khỏe quý họa sĩ",
                "hoa binh thuy loi suc khoe quy hoa si");
    check_forms("Vịêt Nam baỏ đảm", "việt nam bảo đảm", "viet nam bao dam");
    check_forms("UỶ BAN, Uỷ ban, ủy ban", "ủy ban ủy ban ủy ban",
                "uy ban uy ban uy ban");
    check_forms("hoa hòa hóa bàn bán", "hoa hòa hóa bàn bán",
                "hoa hoa hoa ban ban");
    check_forms("COVID PCI Café iPhone", "covid pci café iphone",
                "covid pci cafe iphone");
    /* U+0130 has no simple case folding; its folded form is still lower
     * case, as every folded form must be. */
    check_forms("\xC4\xB0stanbul", "\xC4\xB0stanbul", "istanbul");
}

/* Every Vietnamese letter, upper and lower case, folds to ASCII. */
static void test_every_letter_folds(void)
{
    const char *lower = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ "
                        "ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ";
    const char *upper = "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ "
                        "ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ";
    const char *ascii = "aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo "
                        "oooooo oooooo uuuuuu uuuuuu yyyyyy d";
    struct forms lo = forms_of(lower, strlen(lower));
    struct forms up = forms_of(upper, strlen(upper));
    CHECK_STR_EQ(lo.exact, lower, "lower-case letters unchanged");
    CHECK_STR_EQ(up.exact, lower, "upper case folds to lower");
    CHECK_STR_EQ(lo.folded, ascii, "lower folded");
    CHECK_STR_EQ(up.folded, ascii, "upper folded");
}

static void to_nfd(const char *in, char *out, size_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    UChar u[4096], d[8192];
    int32_t n, m, len;
    u_strFromUTF8(u, 4096, &n, in, -1, &err);
    m = unorm2_normalize(unorm2_getNFDInstance(&err), u, n, d, 8192, &err);
    u_strToUTF8(out, (int32_t)cap, &len, d, m, &err);
    CHECK(U_SUCCESS(err), "NFD oracle failed: %s", u_errorName(err));
}

static void test_decomposed_equals_precomposed(void)
{
    const char *texts[] = {
        "Thủ tướng Chính phủ ký Nghị định 61/2018/NĐ-CP về cơ chế một cửa",
        "Người dân được hướng dẫn nộp hồ sơ trực tuyến tại Trung tâm",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI; hoà giải, thuỷ lợi, khoẻ",
        "Sở Nội vụ tỉnh Bắc Ninh tổ chức hội nghị ngày 07/12/2018",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char nfd[4096];
        to_nfd(texts[i], nfd, sizeof nfd);
        CHECK(strlen(nfd) > strlen(texts[i]), "NFD is longer");
        struct forms a = forms_of(texts[i], strlen(texts[i]));
        struct forms b = forms_of(nfd, strlen(nfd));
        CHECK_STR_EQ(b.exact, a.exact, texts[i]);
        CHECK_STR_EQ(b.folded, a.folded, texts[i]);
    }
    /* Written by hand: "Việt" as V i e U+0302 U+0323 t, and as
     * V i U+1EB9 (ẹ) U+0302. */
    check_forms("Vie\xCC\x82\xCC\xA3t Vi\xE1\xBA\xB9\xCC\x82t", "việt việt",
                "viet viet");
}

static void test_offsets_slice_the_input(void)
{
    struct dump d = {{0}, 0, 0};
    const char *text = "Hà Nội, ngày 07/12/2018";
    vns_analyze(an, text, strlen(text), dump_token, &d);
    CHECK_STR_EQ(d.text,
                 "0 0-3 hà/ha S\n"
                 "1 4-9 nội/noi S\n"
                 "2 11-16 ngày/ngay S\n"
                 "3 17-27 07/12/2018/7/12/2018 N C\n"
                 "3 17-19 07/7 N P\n"
                 "4 20-22 12/12 N P\n"
                 "5 23-27 2018/2018 N P\n",
                 "tokens of a dated line");
}

static void test_document_numbers(void)
{
    struct dump d = {{0}, 0, 0};
    const char *text = "Nghị định 61/2018/NĐ-CP, Quyết định 1291/QĐ-UBND, TP.HCM";
    vns_analyze(an, text, strlen(text), dump_token, &d);
    CHECK_STR_EQ(d.text,
                 "0 0-6 nghị/nghi S\n"
                 "1 7-14 định/dinh S\n"
                 "2 15-29 61/2018/nđ-cp/61/2018/nd-cp C\n"
                 "2 15-17 61/61 N P\n"
                 "3 18-22 2018/2018 N P\n"
                 "4 23-26 nđ/nd P\n"
                 "5 27-29 cp/cp P\n"
                 "6 31-38 quyết/quyet S\n"
                 "7 39-46 định/dinh S\n"
                 "8 47-60 1291/qđ-ubnd/1291/qd-ubnd C\n"
                 "8 47-51 1291/1291 N P\n"
                 "9 52-55 qđ/qd P\n"
                 "10 56-60 ubnd/ubnd P\n"
                 "11 62-68 tp.hcm/tp.hcm C\n"
                 "11 62-64 tp/tp P\n"
                 "12 65-68 hcm/hcm P\n",
                 "document numbers");
}

static int utf8_valid(const char *s, size_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len;
    u_strFromUTF8(NULL, 0, &len, s, (int32_t)n, &err);
    return err != U_INVALID_CHAR_FOUND;
}

static int check_token_utf8(const vns_token *t, void *payload)
{
    (void)payload;
    CHECK(utf8_valid(t->text, t->len) && utf8_valid(t->folded, t->folded_len),
          "token at %zu is not valid UTF-8", t->start);
    return 0;
}

static void test_invalid_utf8(void)
{
    static const struct {
        const char *text;
        size_t len;
    } cases[] = {
        {"vi\xE1\xBBt nam", 10},        /* truncated ệ: one U+FFFD */
        {"\xFF\xFE hà nội", 11},        /* two bad bytes */
        {"a\xC0\xAF" "b", 4},           /* overlong */
        {"\xED\xA0\x80 x", 5},          /* surrogate */
        {"\xF4\x90\x80\x80 y", 6},      /* above U+10FFFF */
        {"t\xE1\xBA", 4},               /* truncated at the end */
        {"\x80\x80\x80", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t len, subs = 0;
        UChar buf[64];
        u_strFromUTF8WithSub(buf, 64, &len, cases[i].text,
                             (int32_t)cases[i].len, 0xFFFD, &subs, &err);
        int rc = vns_analyze(an, cases[i].text, cases[i].len,
                             check_token_utf8, NULL);
        CHECK_INT_EQ(rc, VNS_OK, "analyze ill-formed input");
        CHECK_INT_EQ(vns_analyzer_invalid_utf8(an), subs,
                     "ill-formed sequences counted as ICU does");
    }
    check_forms("vi\xE1\xBBt nam", "vi t nam", "vi t nam");
}

static void test_nul_bytes_do_not_truncate(void)
{
    static const char text[] = "Hà\0Nội\0\0tỉnh";
    struct forms f = forms_of(text, sizeof text - 1);
    CHECK_STR_EQ(f.exact, "hà nội tỉnh", "NUL separates words");
    f = forms_of("\0\0\0", 3);
    CHECK_STR_EQ(f.exact, "", "only NULs");
}

static void test_empty_and_bad_arguments(void)
{
    struct dump d = {{0}, 0, 0};
    CHECK_INT_EQ(vns_analyze(an, "", 0, dump_token, &d), VNS_OK, "empty");
    CHECK_INT_EQ(vns_analyze(an, NULL, 0, dump_token, &d), VNS_OK, "NULL, 0");
    CHECK_INT_EQ(vns_analyze(an, "   ,.;", 6, dump_token, &d), VNS_OK,
                 "punctuation only");
    CHECK_INT_EQ(d.count, 0, "no tokens");
    CHECK_INT_EQ(vns_analyze(an, NULL, 5, dump_token, &d), VNS_EINVAL,
                 "NULL text with a length");
    CHECK(strstr(vns_errmsg(), "vns_analyze") != NULL, "errmsg: %s",
          vns_errmsg());
    CHECK_INT_EQ(vns_analyze(NULL, "a", 1, dump_token, &d), VNS_EINVAL,
                 "NULL analyzer");
    CHECK_INT_EQ(vns_analyze(an, "a", 1, NULL, &d), VNS_EINVAL,
                 "NULL callback");
    CHECK_INT_EQ(vns_analyzer_new(NULL), VNS_EINVAL, "new(NULL)");
    vns_analyzer_free(NULL);
}

static int stop_at_third(const vns_token *t, void *payload)
{
    (void)payload;
    return t->position == 2 ? 42 : 0;
}

static void test_callback_stops(void)
{
    const char *text = "một hai ba bốn năm";
    CHECK_INT_EQ(vns_analyze(an, text, strlen(text), stop_at_third, NULL), 42,
                 "callback value returned");
}

static void test_long_words(void)
{
    char text[1024];
    memset(text, 'x', 300);
    strcpy(text + 300, " sau");
    struct dump d = {{0}, 0, 0};
    vns_analyze(an, text, strlen(text), dump_token, &d);
    CHECK_STR_EQ(d.text, "1 301-304 sau/sau\n",
                 "a 300-byte word is skipped but takes a position");
    /* The longest word kept. */
    memset(text, 'y', VNS_MAX_TOKEN_BYTES);
    text[VNS_MAX_TOKEN_BYTES] = '\0';
    d.len = d.count = 0;
    vns_analyze(an, text, strlen(text), dump_token, &d);
    CHECK_INT_EQ(d.count, 1, "a word of VNS_MAX_TOKEN_BYTES is kept");
}

/* A 10 MB line: a sentence repeated without a newline. */
static int count_and_check(const vns_token *t, void *payload)
{
    size_t *state = payload; /* count, last position, last end */
    if (!(t->flags & VNS_TOKEN_COMPOUND)) {
        if (state[0] > 0 && t->position != state[1] + 1)
            state[3]++;
        state[1] = t->position;
    }
    state[0]++;
    state[2] = t->end;
    return 0;
}

static void test_ten_megabyte_line(void)
{
    const char *sentence = "Đẩy mạnh cải cách thủ tục hành chính tại UBND tỉnh. ";
    size_t slen = strlen(sentence), reps = 10 * 1000 * 1000 / slen;
    char *text = malloc(slen * reps);
    size_t state[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * slen, sentence, slen);
    CHECK_INT_EQ(vns_analyze(an, text, slen * reps, count_and_check, state),
                 VNS_OK, "10 MB line");
    CHECK_INT_EQ(state[0], 11 * reps, "eleven tokens per sentence");
    CHECK_INT_EQ(state[1], 11 * reps - 1, "last position");
    CHECK_INT_EQ(state[2], slen * reps - 2, "last token ends before '. '");
    CHECK_INT_EQ(state[3], 0, "positions are consecutive");
    free(text);
}

static void test_normalize_text(void)
{
    const char *text = "Hoà bình: UBND tỉnh Đắk Lắk, vịêt\xFF!";
    char *out = NULL;
    size_t len = 0;
    CHECK_INT_EQ(vns_analyzer_normalize(&out, &len, an, text, strlen(text), 0),
                 VNS_OK, "normalize");
    CHECK_STR_EQ(out, "hòa bình: ubnd tỉnh đắk lắk, việt\xEF\xBF\xBD!",
                 "normalized text");
    CHECK_INT_EQ(len, strlen(out), "length");
    vns_free(out);
    CHECK_INT_EQ(vns_analyzer_normalize(&out, NULL, an, text, strlen(text),
                                        VNS_NORMALIZE_FOLD),
                 VNS_OK, "fold");
    CHECK_STR_EQ(out, "hoa binh: ubnd tinh dak lak, viet\xEF\xBF\xBD!",
                 "folded text");
    vns_free(out);
    CHECK_INT_EQ(vns_analyzer_normalize(&out, &len, an, "", 0, 0), VNS_OK,
                 "empty");
    CHECK_STR_EQ(out, "", "empty result is an empty string");
    vns_free(out);
    CHECK_INT_EQ(vns_analyzer_normalize(NULL, NULL, an, "x", 1, 0),
                 VNS_EINVAL, "NULL out");
}

/* Analyzers on two threads at once give the same tokens. */
struct thread_job {
    const char *text;
    struct dump d;
    int rc;
};

static void *run_thread(void *arg)
{
    struct thread_job *job = arg;
    vns_analyzer *mine;
    job->rc = vns_analyzer_new(&mine);
    for (int i = 0; i < 200 && job->rc == VNS_OK; i++) {
        job->d.len = job->d.count = 0;
        job->rc = vns_analyze(mine, job->text, strlen(job->text), dump_token,
                              &job->d);
    }
    vns_analyzer_free(mine);
    return NULL;
}

static void test_threads(void)
{
    const char *text = "Cổng dịch vụ công quốc gia tiếp nhận 2.500 hồ sơ "
                       "trực tuyến; thuỷ lợi, hoà giải, QĐ-UBND.";
    struct thread_job jobs[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].text = text;
        pthread_create(&th[i], NULL, run_thread, &jobs[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    struct dump here = {{0}, 0, 0};
    vns_analyze(an, text, strlen(text), dump_token, &here);
    for (int i = 0; i < 2; i++) {
        CHECK_INT_EQ(jobs[i].rc, VNS_OK, "thread rc");
        CHECK_STR_EQ(jobs[i].d.text, here.text, "same tokens on a thread");
    }
}

static void test_status_strings(void)
{
    int codes[] = {VNS_OK, VNS_ERROR, VNS_ENOMEM, VNS_EINVAL, VNS_EICU,
                   VNS_EIO, VNS_EINTERNAL, 12345};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        CHECK(vns_strerror(codes[i]) && *vns_strerror(codes[i]),
              "strerror(%d)", codes[i]);
    CHECK(vns_version_number() == VNS_VERSION_NUMBER, "version number");
    CHECK(strstr(vns_version_string(), "ICU ") != NULL, "%s",
          vns_version_string());
}

int main(void)
{
    CHECK_INT_EQ(vns_analyzer_new(&an), VNS_OK, "vns_analyzer_new");
    test_case_folding_and_d();
    test_tone_placement_in_text();
    test_every_letter_folds();
    test_decomposed_equals_precomposed();
    test_offsets_slice_the_input();
    test_document_numbers();
    test_invalid_utf8();
    test_nul_bytes_do_not_truncate();
    test_empty_and_bad_arguments();
    test_callback_stops();
    test_long_words();
    test_ten_megabyte_line();
    test_normalize_text();
    test_threads();
    test_status_strings();
    vns_analyzer_free(an);
    return harness_done("test_analyzer");
}
