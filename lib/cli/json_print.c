/*
 * json_print.c - writing JSON from the command-line programs.
 */
#include "json_print.h"

void vns_json_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    putc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
        } else if (c >= 0x80) {
            /* Pass a well-formed sequence through, else U+FFFD: a file
             * name need not be UTF-8, JSON must be. */
            size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
            size_t k = 1;
            while (k <= need && i + k < n && (u[i + k] & 0xC0) == 0x80)
                k++;
            if (need == 0 || k <= need || (c == 0xE0 && u[i + 1] < 0xA0) ||
                (c == 0xED && u[i + 1] > 0x9F) || (c == 0xF0 && u[i + 1] < 0x90) ||
                (c >= 0xF4 && (c > 0xF4 || u[i + 1] > 0x8F))) {
                fputs("\\ufffd", out);
            } else {
                fwrite(u + i, 1, need + 1, out);
                i += need;
            }
        } else {
            putc(c, out);
        }
    }
    putc('"', out);
}
