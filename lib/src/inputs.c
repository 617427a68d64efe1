/*
 * inputs.c - what a writer has read from files; see inputs.h.
 */
#include "inputs.h"

#include "vns_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int strlist_add(vns__strlist *l, const char *s)
{
    if (l->count == l->capacity) {
        size_t capacity = l->capacity ? 2 * l->capacity : 16;
        char **more = realloc(l->items, capacity * sizeof *more);
        if (!more)
            return vns__error(VNS_ENOMEM, "out of memory");
        l->items = more;
        l->capacity = capacity;
    }
    if (!(l->items[l->count] = strdup(s)))
        return vns__error(VNS_ENOMEM, "out of memory");
    l->count++;
    return VNS_OK;
}

static void strlist_free(vns__strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int vns__inputs_add_root(vns__inputs *in, const char *path)
{
    return strlist_add(&in->roots, path);
}

int vns__inputs_add_failed(vns__inputs *in, const char *path)
{
    return strlist_add(&in->failed, path);
}

int vns__inputs_add_file(vns__inputs *in, const char *shown,
                         uint32_t *number)
{
    if (in->files.count >= UINT32_MAX)
        return vns__error(VNS_ENOMEM, "too many input files");
    *number = (uint32_t)in->files.count;
    return strlist_add(&in->files, shown);
}

int vns__inputs_meet(vns__inputs *in, const char *id, size_t n,
                     uint32_t file, uint32_t line, const char **first_file,
                     uint32_t *first_line)
{
    uint64_t first = 0;
    int added = vns__idset_put(&in->ids, id, n, (uint64_t)file << 32 | line,
                               &first);
    if (added < 0)
        return vns__error(VNS_ENOMEM, "out of memory");
    if (!added) {
        *first_file = in->files.items[first >> 32];
        *first_line = (uint32_t)first;
    }
    return added;
}

/* Appends the part p[0..n) to the path being built in out (at *len),
 * collapsing "." and "..". */
static void add_part(char *out, size_t *len, const char *p, size_t n)
{
    if (n == 0 || (n == 1 && p[0] == '.'))
        return;
    if (n == 2 && p[0] == '.' && p[1] == '.') {
        while (*len > 0 && out[*len - 1] != '/')
            (*len)--;
        if (*len > 1)
            (*len)--; /* the slash, unless it is the root's */
        out[*len] = '\0';
        return;
    }
    if (*len == 0 || out[*len - 1] != '/')
        out[(*len)++] = '/';
    memcpy(out + *len, p, n);
    *len += n;
    out[*len] = '\0';
}

char *vns__inputs_absolute(const char *path)
{
    char cwd[PATH_MAX];
    size_t cap, len = 0;
    char *out;

    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return NULL; /* errno says why */
    cap = (path[0] == '/' ? 0 : strlen(cwd)) + strlen(path) + 3;
    if (!(out = malloc(cap)))
        return NULL;
    strcpy(out, "/");
    len = 1;
    for (int pass = path[0] == '/'; pass < 2; pass++) {
        const char *p = pass ? path : cwd;
        while (*p) {
            size_t n = strcspn(p, "/");
            add_part(out, &len, p, n);
            p += n + (p[n] == '/');
        }
    }
    return out;
}

/* Whether `path` is `dir` or below it. */
static int is_under(const char *path, size_t n, const char *dir)
{
    size_t k = strlen(dir);
    while (k > 1 && dir[k - 1] == '/') /* "/" stays "/" */
        k--;
    return n >= k && memcmp(path, dir, k) == 0 &&
           (n == k || path[k] == '/' || dir[k - 1] == '/');
}

static int under_any(const vns__strlist *l, const char *path, size_t n)
{
    for (size_t i = 0; i < l->count; i++)
        if (is_under(path, n, l->items[i]))
            return 1;
    return 0;
}

int vns__inputs_may_delete(const vns__inputs *in, const char *origin,
                           size_t n)
{
    if (n == 0)
        return in->failed.count == 0;
    return under_any(&in->roots, origin, n) &&
           !under_any(&in->failed, origin, n);
}

void vns__inputs_free(vns__inputs *in)
{
    vns__idset_free(&in->ids);
    strlist_free(&in->files);
    strlist_free(&in->roots);
    strlist_free(&in->failed);
}
