/*
 * buf.h - a growable byte buffer (cmark_strbuf's idea).
 *
 * A failed allocation makes the buffer sticky-failed: later appends do
 * nothing and vns__buf_failed() says so, so a long chain of appends needs
 * one check at its end.
 */
#ifndef VNS_BUF_H
#define VNS_BUF_H

#include <stddef.h>

typedef struct vns__buf {
    char *ptr;  /* NUL-terminated when not NULL */
    size_t len;
    size_t cap;
    int failed;
} vns__buf;

#define VNS__BUF_INIT {NULL, 0, 0, 0}

void vns__buf_append(vns__buf *b, const char *data, size_t n);
/* Makes room for n more bytes and returns where they start (their content
 * is undefined; set b->len to what was really used), or NULL. */
char *vns__buf_extend(vns__buf *b, size_t n);
/* Appends s[0..n), each ill-formed UTF-8 sequence replaced by U+FFFD. */
void vns__buf_append_utf8_repaired(vns__buf *b, const char *s, size_t n);
static inline int vns__buf_failed(const vns__buf *b)
{
    return b->failed;
}
/* Hands the buffer's memory to the caller (free with free()) and resets. */
char *vns__buf_detach(vns__buf *b, size_t *len);
void vns__buf_free(vns__buf *b);

/* Growable arrays: returns `items` (of *cap elements of `size` bytes)
 * with room for at least `need`, moved when it had to grow (*cap is then
 * the new capacity, doubled from 16), or NULL when out of memory (items
 * and *cap unchanged). */
void *vns__grow(void *items, size_t *cap, size_t need, size_t size);

#endif /* VNS_BUF_H */
