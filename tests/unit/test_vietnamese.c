/*
 * test_vietnamese.c - vowel tables and tone placement (lib/src/vietnamese.c).
 */
#include "harness.h"
#include "utf8.h"
#include "vietnamese.h"

#include <stdlib.h>

/* Runs vns__viet_place_tone on a UTF-8 word; returns the result as UTF-8
 * in a static buffer and whether it parsed as a syllable. */
static const char *place(const char *word, int *parsed)
{
    static char out[256];
    int32_t cps[64];
    size_t n = 0, i = 0, len = strlen(word), o = 0;

    while (i < len && n < 64) {
        int bad;
        i += vns__utf8_decode((const unsigned char *)word + i, len - i,
                              &cps[n++], &bad);
    }
    *parsed = vns__viet_place_tone(cps, n);
    for (size_t k = 0; k < n; k++)
        o += vns__utf8_encode(cps[k], out + o);
    out[o] = '\0';
    return out;
}

static void test_vowel_table_matches_letters(void)
{
    int seen = 0;
    for (int32_t c = 0; c < 0x2000; c++) {
        int v, t;
        if (!vns__viet_vowel(c, &v, &t))
            continue;
        seen++;
        CHECK(vns__viet_compose(v, t) == c, "U+%04X maps to %d/%d", c, v, t);
    }
    CHECK_INT_EQ(seen, VNS__VOWEL_COUNT * VNS__TONE_COUNT, "vowel letters");
    for (int v = 0; v < VNS__VOWEL_COUNT; v++)
        for (int t = 0; t < VNS__TONE_COUNT; t++) {
            int v2 = -1, t2 = -1;
            CHECK(vns__viet_vowel(vns__viet_compose(v, t), &v2, &t2) &&
                      v2 == v && t2 == t,
                  "letter %d/%d round trip", v, t);
        }
}

/* Words as written, and their canonical form. */
static const char *const cases[][2] = {
    /* old and new placement of oa, oe, uy */
    {"hoà", "hòa"}, {"hòa", "hòa"}, {"hoá", "hóa"}, {"hoạ", "họa"},
    {"thuỷ", "thủy"}, {"thủy", "thủy"}, {"khoẻ", "khỏe"}, {"loè", "lòe"},
    {"tuý", "túy"}, {"uỷ", "ủy"}, {"hoàn", "hoàn"}, {"hòan", "hoàn"},
    {"hùynh", "huỳnh"}, {"tòan", "toàn"},
    /* qu and gi are initials */
    {"quý", "quý"}, {"qúy", "quý"}, {"qúa", "quá"}, {"quỳnh", "quỳnh"},
    {"già", "già"}, {"gìa", "già"}, {"gìn", "gìn"}, {"gì", "gì"},
    {"giường", "giường"}, {"gịêt", "giệt"},
    /* misplaced marks */
    {"vịêt", "việt"}, {"baỏ", "bảo"}, {"lựơng", "lượng"},
    {"nghịêm", "nghiệm"}, {"ngừơi", "người"}, {"mùôn", "muồn"},
    {"chùyên", "chuyền"}, {"khúây", "khuấy"}, {"ngòai", "ngoài"},
    {"xóay", "xoáy"}, {"khủyu", "khuỷu"}, {"thủơ", "thuở"},
    {"rựơu", "rượu"},
    /* already canonical */
    {"người", "người"}, {"được", "được"}, {"chuyển", "chuyển"},
    {"tiếng", "tiếng"}, {"yêu", "yêu"}, {"yếu", "yếu"}, {"đắk", "đắk"},
    {"lắk", "lắk"}, {"cửa", "cửa"}, {"mùa", "mùa"}, {"mía", "mía"},
    {"ngửi", "ngửi"}, {"cứu", "cứu"}, {"khuya", "khuya"}, {"ý", "ý"},
};

static void test_tone_placement_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int parsed;
        const char *got = place(cases[i][0], &parsed);
        CHECK_STR_EQ(got, cases[i][1], cases[i][0]);
    }
}

/* Toneless syllables and the code point index that takes the tone. Every
 * tone put on every vowel of the word must come out on that index. These
 * cover every family the canonical placement decides: oa oe uy (open and
 * closed), ươ iê/yê uô uyê, the three-vowel clusters, qu and gi. */
static const struct {
    const char *word;
    int at;
} families[] = {
    {"hoa", 1},     {"hoan", 2},    {"hoang", 2},   {"khoe", 2},
    {"ngoen", 3},   {"thuy", 2},    {"tuy", 1},     {"uy", 0},
    {"huynh", 2},   {"quy", 2},     {"quynh", 2},   {"qua", 2},
    {"ngươi", 3},   {"thương", 3},  {"lương", 2},   {"rươu", 2},
    {"thuơ", 3},    {"viêt", 2},    {"tiêng", 2},   {"hiêu", 2},
    {"nghiêm", 4},  {"yên", 1},     {"yêu", 1},     {"muôn", 2},
    {"cuôc", 2},    {"muôi", 2},    {"chuyên", 4},  {"tuyêt", 3},
    {"khuya", 3},   {"khuyu", 3},   {"ngoai", 3},   {"xoay", 2},
    {"ngoeo", 3},   {"khuây", 3},   {"xuân", 2},    {"thuê", 3},
    {"khuêch", 3},  {"hoăc", 2},    {"gia", 2},     {"giương", 3},
    {"gin", 1},     {"bao", 1},     {"mua", 1},     {"mia", 1},
    {"đăk", 1},     {"mưa", 1},
};

static void test_every_tone_on_every_vowel(void)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        int32_t base[16], want[16], in[16];
        size_t n = 0, i = 0, len = strlen(families[f].word);
        while (i < len) {
            int bad;
            i += vns__utf8_decode((const unsigned char *)families[f].word + i,
                                  len - i, &base[n++], &bad);
        }
        for (int tone = 1; tone < VNS__TONE_COUNT; tone++) {
            int v, t;
            memcpy(want, base, n * sizeof base[0]);
            vns__viet_vowel(base[families[f].at], &v, &t);
            want[families[f].at] = vns__viet_compose(v, tone);
            for (size_t j = 0; j < n; j++) {
                if (!vns__viet_vowel(base[j], &v, &t))
                    continue;
                memcpy(in, base, n * sizeof base[0]);
                in[j] = vns__viet_compose(v, tone);
                int parsed = vns__viet_place_tone(in, n);
                CHECK(parsed && memcmp(in, want, n * sizeof in[0]) == 0,
                      "%s: tone %d on vowel %zu lands elsewhere",
                      families[f].word, tone, j);
            }
        }
    }
}

static void test_tones_stay_distinct(void)
{
    int parsed;
    const char *words[] = {"hoa", "hòa", "hóa", "hỏa", "hõa", "họa"};
    char seen[6][32];
    for (int i = 0; i < 6; i++) {
        strcpy(seen[i], place(words[i], &parsed));
        CHECK_STR_EQ(seen[i], words[i], "tone kept");
        for (int j = 0; j < i; j++)
            CHECK(strcmp(seen[i], seen[j]) != 0, "%s == %s", words[i],
                  words[j]);
    }
}

static void test_non_syllables_pass_through(void)
{
    const char *words[] = {"covid", "pci", "café", "josé", "wá", "hòá",
                           "xyź", "ubnd", "fé", "qú", "tbà", "ă", "ààà"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        int parsed;
        const char *got = place(words[i], &parsed);
        CHECK_STR_EQ(got, words[i], "unchanged");
        CHECK(!parsed || strcmp(words[i], "ă") == 0, "%s parsed as syllable",
              words[i]);
    }
}

int main(void)
{
    test_vowel_table_matches_letters();
    test_tone_placement_cases();
    test_every_tone_on_every_vowel();
    test_tones_stay_distinct();
    test_non_syllables_pass_through();
    return harness_done("test_vietnamese");
}
