/*
 * json_print.c - writing JSON from the command-line programs.
 */
#include "json_print.h"

#include "text_print.h"

void vns_json_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    putc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        size_t len = vns_utf8_sequence(u, i, n);
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
        } else if (len == 0) {
            /* A file name need not be UTF-8, JSON must be. */
            fputs("\\ufffd", out);
        } else if (len == 2 && c == 0xC2 && u[i + 1] < 0xA0) {
            /* C1 controls: JSON allows them raw, a terminal showing the
             * JSON would obey them (U+009B is a CSI). */
            fprintf(out, "\\u%04x", u[i + 1]);
            i++;
        } else {
            fwrite(u + i, 1, len, out);
            i += len - 1;
        }
    }
    putc('"', out);
}
