/*
 * vietnamese.c - Vietnamese syllables: vowels, tones and tone placement.
 *
 * A Vietnamese syllable is  initial? + vowel cluster + final?  with one tone
 * mark on one vowel of the cluster. Which vowel carries the mark is a
 * spelling convention, and two conventions are in use (hòa/hoà, thủy/thuỷ),
 * besides plain typing mistakes (vịêt, baỏ, qúy). NFC cannot unify them:
 * they are different characters. So each syllable is parsed, its tone is
 * lifted off, and put back by one rule:
 *
 *   1. on the last vowel with a hat, breve or horn (ă â ê ô ơ ư):
 *      việt, người, thuở, khuấy, chuyển;
 *   2. else, if a final consonant follows, on the last vowel: hoàn, huỳnh;
 *   3. else on the middle of three vowels (ngoài, khuỷu), or the first of two
 *      (hòa, khỏe, thủy, mùa, tài): the traditional placement, the more
 *      common one in news text;
 *  with "qu" and "gi" before a vowel counted as initials (quý, già).
 * A word that does not parse as a syllable (COVID, café, José) is left
 * alone, so is one with no tone mark or with more than one.
 */
#include "vietnamese.h"

#include <string.h>

/* vowel x tone -> letter; the rows are a ă â e ê i o ô ơ u ư y. */
static const int32_t vowel_letters[VNS__VOWEL_COUNT][VNS__TONE_COUNT] = {
    {0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, /* a à á ả ã ạ */
    {0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă ằ ắ ẳ ẵ ặ */
    {0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}, /* â ầ ấ ẩ ẫ ậ */
    {0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, /* e è é ẻ ẽ ẹ */
    {0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê ề ế ể ễ ệ */
    {0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}, /* i ì í ỉ ĩ ị */
    {0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, /* o ò ó ỏ õ ọ */
    {0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô ồ ố ổ ỗ ộ */
    {0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ ờ ớ ở ỡ ợ */
    {0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, /* u ù ú ủ ũ ụ */
    {0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}, /* ư ừ ứ ử ữ ự */
    {0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, /* y ỳ ý ỷ ỹ ỵ */
};

/* The same 72 letters sorted by code point, for lookup. */
static const struct {
    uint16_t cp;
    uint8_t vowel, tone;
} vowels_by_cp[] = {
    {0x0061, 0, 0}, {0x0065, 3, 0}, {0x0069, 5, 0}, {0x006F, 6, 0},
    {0x0075, 9, 0}, {0x0079, 11, 0}, {0x00E0, 0, 1}, {0x00E1, 0, 2},
    {0x00E2, 2, 0}, {0x00E3, 0, 4}, {0x00E8, 3, 1}, {0x00E9, 3, 2},
    {0x00EA, 4, 0}, {0x00EC, 5, 1}, {0x00ED, 5, 2}, {0x00F2, 6, 1},
    {0x00F3, 6, 2}, {0x00F4, 7, 0}, {0x00F5, 6, 4}, {0x00F9, 9, 1},
    {0x00FA, 9, 2}, {0x00FD, 11, 2}, {0x0103, 1, 0}, {0x0129, 5, 4},
    {0x0169, 9, 4}, {0x01A1, 8, 0}, {0x01B0, 10, 0}, {0x1EA1, 0, 5},
    {0x1EA3, 0, 3}, {0x1EA5, 2, 2}, {0x1EA7, 2, 1}, {0x1EA9, 2, 3},
    {0x1EAB, 2, 4}, {0x1EAD, 2, 5}, {0x1EAF, 1, 2}, {0x1EB1, 1, 1},
    {0x1EB3, 1, 3}, {0x1EB5, 1, 4}, {0x1EB7, 1, 5}, {0x1EB9, 3, 5},
    {0x1EBB, 3, 3}, {0x1EBD, 3, 4}, {0x1EBF, 4, 2}, {0x1EC1, 4, 1},
    {0x1EC3, 4, 3}, {0x1EC5, 4, 4}, {0x1EC7, 4, 5}, {0x1EC9, 5, 3},
    {0x1ECB, 5, 5}, {0x1ECD, 6, 5}, {0x1ECF, 6, 3}, {0x1ED1, 7, 2},
    {0x1ED3, 7, 1}, {0x1ED5, 7, 3}, {0x1ED7, 7, 4}, {0x1ED9, 7, 5},
    {0x1EDB, 8, 2}, {0x1EDD, 8, 1}, {0x1EDF, 8, 3}, {0x1EE1, 8, 4},
    {0x1EE3, 8, 5}, {0x1EE5, 9, 5}, {0x1EE7, 9, 3}, {0x1EE9, 10, 2},
    {0x1EEB, 10, 1}, {0x1EED, 10, 3}, {0x1EEF, 10, 4}, {0x1EF1, 10, 5},
    {0x1EF3, 11, 1}, {0x1EF5, 11, 5}, {0x1EF7, 11, 3}, {0x1EF9, 11, 4},
};

int vns__viet_vowel(int32_t c, int *vowel, int *tone)
{
    size_t lo = 0, hi = sizeof vowels_by_cp / sizeof vowels_by_cp[0];

    if (c < 0x61 || c > 0x1EF9)
        return 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (vowels_by_cp[mid].cp < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == sizeof vowels_by_cp / sizeof vowels_by_cp[0] ||
        vowels_by_cp[lo].cp != c)
        return 0;
    *vowel = vowels_by_cp[lo].vowel;
    *tone = vowels_by_cp[lo].tone;
    return 1;
}

int32_t vns__viet_compose(int vowel, int tone)
{
    return vowel_letters[vowel][tone];
}

/* Spelling of the toneless syllable, with vowels as their index letters
 * below, so that clusters and consonants can be matched as C strings. */
static const char vowel_keys[VNS__VOWEL_COUNT] = {
    'a', 'A', 'B', 'e', 'E', 'i', 'o', 'O', 'P', 'u', 'U', 'y'};
/* ă=A â=B ê=E ô=O ơ=P ư=U: the vowels with a hat, breve or horn. */
#define MARKED_VOWEL_KEYS "ABEOPU"

static const char *const initials[] = {
    "ngh", "ng", "gh", "ch", "kh", "nh", "ph", "th", "tr",
    "b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
    "v", "x"}; /* D is đ */

/* k ends syllables of Central Highlands names: Đắk Lắk, Đắk Nông. */
static const char *const finals[] = {"ch", "ng", "nh", "c", "k", "m",
                                     "n",  "p",  "t"};

/* Vowel clusters, each with where it may stand: 'o' only without a final
 * consonant, 'c' only before one, 'b' both. */
static const struct {
    const char *keys;
    char where;
} clusters[] = {
    {"a", 'b'},   {"A", 'c'},   {"B", 'c'},   {"e", 'b'},   {"E", 'b'},
    {"i", 'b'},   {"o", 'b'},   {"O", 'b'},   {"P", 'b'},   {"u", 'b'},
    {"U", 'b'},   {"y", 'b'},   {"ai", 'o'},  {"ao", 'o'},  {"au", 'o'},
    {"ay", 'o'},  {"Bu", 'o'},  {"By", 'o'},  {"eo", 'o'},  {"Eu", 'o'},
    {"ia", 'o'},  {"iE", 'c'},  {"iu", 'o'},  {"oa", 'b'},  {"oA", 'c'},
    {"oe", 'b'},  {"oi", 'o'},  {"Oi", 'o'},  {"Pi", 'o'},  {"oo", 'c'},
    {"ua", 'o'},  {"uB", 'c'},  {"uE", 'b'},  {"ui", 'o'},  {"uO", 'c'},
    {"uP", 'o'},  {"uy", 'b'},  {"Ua", 'o'},  {"Ui", 'o'},  {"Uu", 'o'},
    {"UP", 'c'},  {"yE", 'c'},  {"iEu", 'o'}, {"yEu", 'o'}, {"oai", 'o'},
    {"oay", 'o'}, {"oeo", 'o'}, {"uBy", 'o'}, {"uOi", 'o'}, {"uya", 'o'},
    {"uyE", 'c'}, {"uyu", 'o'}, {"UPi", 'o'}, {"UPu", 'o'},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static size_t match_prefix(const char *s, const char *const *list,
                           size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(list[i]);
        if (strncmp(s, list[i], len) == 0)
            return len;
    }
    return 0;
}

static int is_final(const char *s)
{
    if (*s == '\0')
        return 1;
    for (size_t i = 0; i < COUNT(finals); i++)
        if (strcmp(s, finals[i]) == 0)
            return 1;
    return 0;
}

static int is_cluster(const char *s, size_t len, int closed)
{
    for (size_t i = 0; i < COUNT(clusters); i++) {
        if (strlen(clusters[i].keys) == len &&
            memcmp(clusters[i].keys, s, len) == 0)
            return clusters[i].where == 'b' ||
                   clusters[i].where == (closed ? 'c' : 'o');
    }
    return 0;
}

static int is_vowel_key(char k)
{
    return k != '\0' && memchr(vowel_keys, k, sizeof vowel_keys) != NULL;
}

/* Index, within the cluster s[0..len), of the vowel that takes the tone. */
static size_t tone_vowel(const char *s, size_t len, int closed)
{
    for (size_t i = len; i-- > 0;)
        if (strchr(MARKED_VOWEL_KEYS, s[i]))
            return i;
    if (closed)
        return len - 1;
    return len == 3 ? 1 : 0;
}

int vns__viet_place_tone(int32_t *w, size_t n)
{
    char keys[16];
    int vowel_of[16];
    int tone = 0, marks = 0;

    if (n == 0 || n >= sizeof keys)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int v, t;
        vowel_of[i] = -1;
        if (vns__viet_vowel(w[i], &v, &t)) {
            vowel_of[i] = v;
            keys[i] = vowel_keys[v];
            if (t != 0) {
                tone = t;
                marks++;
            }
        } else if (w[i] == 0x0111) {
            keys[i] = 'D';
        } else if (w[i] >= 'a' && w[i] <= 'z' && !strchr("fjwz", (int)w[i])) {
            keys[i] = (char)w[i];
        } else {
            return 0;
        }
    }
    keys[n] = '\0';
    if (marks != 1)
        return 0;

    /* "qu" and "gi" are initials when a vowel follows them. */
    size_t init;
    if ((keys[0] == 'q' && keys[1] == 'u') ||
        (keys[0] == 'g' && keys[1] == 'i'))
        init = is_vowel_key(keys[2]) ? 2 : (keys[0] == 'g' ? 1 : 0);
    else
        init = match_prefix(keys, initials, COUNT(initials));
    if (keys[0] == 'q' && init != 2)
        return 0;

    size_t end = init;
    while (is_vowel_key(keys[end]))
        end++;
    int closed = keys[end] != '\0';
    if (end == init || !is_final(keys + end) ||
        !is_cluster(keys + init, end - init, closed))
        return 0;

    size_t at = init + tone_vowel(keys + init, end - init, closed);
    for (size_t i = 0; i < n; i++)
        if (vowel_of[i] >= 0)
            w[i] = vns__viet_compose(vowel_of[i], i == at ? tone : 0);
    return 1;
}
