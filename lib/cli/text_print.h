/*
 * text_print.h - writing text for people, to a terminal or a file, from
 * the command-line programs.
 *
 * An article's id, title or body comes from a crawl: it may hold escape
 * sequences (ESC ] 0 ; ... BEL sets a terminal's title, ESC [ 2 J clears
 * the screen, a C1 CSI does the same in one character). Text output never
 * writes them raw: they are shown as \xHH (C0 controls, DEL, bytes that
 * are not UTF-8) or \u00HH (C1 controls), which the reader can see.
 */
#ifndef VNS_TEXT_PRINT_H
#define VNS_TEXT_PRINT_H

#include <stddef.h>
#include <stdio.h>

/* Length (1 to 4) of the well-formed UTF-8 sequence at s[i], s being n
 * bytes long; 0 when the byte there does not start one. */
size_t vns_utf8_sequence(const unsigned char *s, size_t i, size_t n);

/* Writes s[0..n) with every control character escaped: C0 (tab and line
 * feed included, which would break the layout) and DEL as \xHH, C1
 * (U+0080 to U+009F) as \u00HH, any byte of ill-formed UTF-8 as \xHH.
 * Everything else, backslashes included, passes through. */
void vns_text_string(FILE *out, const char *s, size_t n);

#endif /* VNS_TEXT_PRINT_H */
