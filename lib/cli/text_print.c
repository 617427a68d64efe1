/*
 * text_print.c - writing text for people without raw control characters.
 */
#include "text_print.h"

size_t vns_utf8_sequence(const unsigned char *u, size_t i, size_t n)
{
    unsigned char c = u[i];
    size_t need = c < 0x80   ? 0
                  : c >= 0xF5 ? 9 /* never a lead byte */
                  : c >= 0xF0 ? 3
                  : c >= 0xE0 ? 2
                  : c >= 0xC2 ? 1
                              : 9; /* a continuation byte, or C0/C1 */
    size_t k = 1;

    if (need == 9)
        return 0;
    while (k <= need && i + k < n && (u[i + k] & 0xC0) == 0x80)
        k++;
    if (k <= need)
        return 0;
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] > 0x9F) ||
        (c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] > 0x8F))
        return 0;
    return need + 1;
}

void vns_text_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    for (size_t i = 0; i < n; i++) {
        size_t len = vns_utf8_sequence(u, i, n);
        if (len == 0 || (len == 1 && (u[i] < 0x20 || u[i] == 0x7F))) {
            fprintf(out, "\\x%02x", u[i]);
        } else if (len == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0) {
            fprintf(out, "\\u%04x", u[i + 1]);
            i++;
        } else {
            fwrite(u + i, 1, len, out);
            i += len - 1;
        }
    }
}
