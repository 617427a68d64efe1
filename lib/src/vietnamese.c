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

/* The same letters by code point: 0 for none, else vowel * 8 + tone + 1.
 * Generated from vowel_letters; a unit test checks every code point. */
static const uint8_t vowels_c0[] = { /* U+00C0..U+01B0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     2,  3, 17,  5,  0,  0,  0,  0, 26, 27, 33,  0, 42, 43,  0,  0,
     0,  0, 50, 51, 57, 53,  0,  0,  0, 74, 75,  0,  0, 91,  0,  0,
     0,  0,  0,  9,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0, 45,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0, 77,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0, 65,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    81,
};
static const uint8_t vowels_1ea0[] = { /* U+1EA0..U+1EF9 */
     0,  6,  0,  4,  0, 19,  0, 18,  0, 20,  0, 21,  0, 22,  0, 11,
     0, 10,  0, 12,  0, 13,  0, 14,  0, 30,  0, 28,  0, 29,  0, 35,
     0, 34,  0, 36,  0, 37,  0, 38,  0, 44,  0, 46,  0, 54,  0, 52,
     0, 59,  0, 58,  0, 60,  0, 61,  0, 62,  0, 67,  0, 66,  0, 68,
     0, 69,  0, 70,  0, 78,  0, 76,  0, 83,  0, 82,  0, 84,  0, 85,
     0, 86,  0, 90,  0, 94,  0, 92,  0, 93,
};

int vns__viet_vowel(int32_t c, int *vowel, int *tone)
{
    int code = 0;

    switch (c) {
    case 'a': code = 0 * 8 + 1; break;
    case 'e': code = 3 * 8 + 1; break;
    case 'i': code = 5 * 8 + 1; break;
    case 'o': code = 6 * 8 + 1; break;
    case 'u': code = 9 * 8 + 1; break;
    case 'y': code = 11 * 8 + 1; break;
    default:
        if (c >= 0xC0 && c <= 0x1B0)
            code = vowels_c0[c - 0xC0];
        else if (c >= 0x1EA0 && c <= 0x1EF9)
            code = vowels_1ea0[c - 0x1EA0];
    }
    if (code == 0)
        return 0;
    *vowel = (code - 1) / 8;
    *tone = (code - 1) % 8;
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

/* Length of the initial consonant at the start of k (D is đ), 0 if none.
 * "qu" and "gi" are handled by the caller. */
static size_t initial_length(const char *k)
{
    switch (k[0]) {
    case 'n':
        if (k[1] == 'g')
            return k[2] == 'h' ? 3 : 2;     /* ngh, ng */
        return k[1] == 'h' ? 2 : 1;         /* nh, n */
    case 'c': case 'g': case 'k': case 'p':
        return k[1] == 'h' ? 2 : 1;         /* ch, gh, kh, ph */
    case 't':
        return (k[1] == 'h' || k[1] == 'r') ? 2 : 1; /* th, tr */
    case 'b': case 'd': case 'D': case 'h': case 'l': case 'm': case 'r':
    case 's': case 'v': case 'x':
        return 1;
    default:
        return 0;
    }
}

/* Whether k is a final consonant or nothing: c ch m n ng nh p t, and k,
 * which ends syllables of Central Highlands names (Đắk Lắk, Đắk Nông). */
static int is_final(const char *k)
{
    switch (k[0]) {
    case '\0':
        return 1;
    case 'c': case 'n':
        return k[1] == '\0' || ((k[1] == 'h' || (k[0] == 'n' && k[1] == 'g'))
                                && k[2] == '\0');
    case 'k': case 'm': case 'p': case 't':
        return k[1] == '\0';
    default:
        return 0;
    }
}

/* Vowel clusters, each with where it may stand: 'o' only without a final
 * consonant, 'c' only before one, 'b' both. */
static const struct {
    char keys[4];
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

static int is_cluster(const char *s, size_t len, int closed)
{
    if (len > 3)
        return 0;
    for (size_t i = 0; i < sizeof clusters / sizeof clusters[0]; i++) {
        const char *k = clusters[i].keys;
        if (k[0] == s[0] && (len < 2 || k[1] == s[1]) &&
            (len < 3 || k[2] == s[2]) && k[len] == '\0')
            return clusters[i].where == 'b' ||
                   clusters[i].where == (closed ? 'c' : 'o');
    }
    return 0;
}

/* 1 for a vowel key, 2 for one with a hat, breve or horn (ă â ê ô ơ ư). */
static int vowel_kind(char k)
{
    switch (k) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        return 1;
    case 'A': case 'B': case 'E': case 'O': case 'P': case 'U':
        return 2;
    default:
        return 0;
    }
}

/* Index, within the cluster s[0..len), of the vowel that takes the tone. */
static size_t tone_vowel(const char *s, size_t len, int closed)
{
    for (size_t i = len; i-- > 0;)
        if (vowel_kind(s[i]) == 2)
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
        } else if (w[i] >= 'a' && w[i] <= 'z' && w[i] != 'f' && w[i] != 'j' &&
                   w[i] != 'w' && w[i] != 'z') {
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
        init = vowel_kind(keys[2]) ? 2 : (keys[0] == 'g' ? 1 : 0);
    else
        init = initial_length(keys);
    if (keys[0] == 'q' && init != 2)
        return 0;

    size_t end = init;
    while (vowel_kind(keys[end]))
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
