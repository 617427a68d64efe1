/*
 * ingest.c - files, directories and stdin into a writer.
 *
 * A file is read whole (through zlib, which passes plain files through)
 * before any of its articles is written: zlib reports a truncated gzip
 * stream only at its end, and a file is indexed entirely or not at all.
 * The inflated size is capped, against gzip bombs. Directories are walked
 * in byte order of names, so runs are repeatable; the directories being
 * walked are remembered by device and inode, so a symbolic-link loop is
 * reported instead of followed. Symbolic links are not followed unless the
 * writer says so (vns_writer_set_follow_symlinks), and then only inside
 * the path given unless it says any.
 *
 * The writer keeps a record of the run (inputs.h): each file read, each
 * file or directory that could not be read whole, where each id was first
 * met. A file with a skipped record counts as not read whole, since the
 * id of the record is unknown. An id met again is skipped: the first one
 * read stands, the same way whichever writer of a shared build (or
 * database) writes it.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "vnsearch.h"

#include "article.h"
#include "inputs.h"
#include "jsonl.h"
#include "normalize.h"
#include "page.h"
#include "vns_internal.h"
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_DEPTH 64
#define READ_CHUNK (1u << 20)

typedef struct ingest {
    vns_writer *w;
    vns_event_cb cb;
    void *payload;
    vns__normalizer *nz;
    vns__article article;
    vns__buf file;
    struct {
        dev_t dev;
        ino_t ino;
    } walking[MAX_DEPTH];
    int depth;
    int page_skipped;   /* the file was a page that did not parse */
    int record_skipped; /* some record of the file was skipped */
    const char *root;   /* the path given, made absolute ("-": stdin) */
    const char *real_root; /* the same through links, for may_follow */
    vns__buf origin;    /* the file being read, made absolute */
    uint32_t file_number; /* its number in the writer's inputs */
    char why[512];
} ingest;

static int emit(ingest *in, vns_event_kind kind, const char *path,
                unsigned long line, const char *id, size_t id_len,
                const char *message, uint64_t bytes, vns_write_result result)
{
    vns_event ev = {kind, path, line, id, id_len, message, bytes, result};
    int per_input = kind == VNS_EVENT_SKIPPED_RECORD ||
                    kind == VNS_EVENT_SKIPPED_FILE ||
                    kind == VNS_EVENT_FILE_DONE;

    if (kind == VNS_EVENT_SKIPPED_RECORD)
        in->record_skipped = 1;
    /* Writers sharing a build all read every input: one of them reports. */
    if (!in->cb || (per_input && !vns__writer_reports_inputs(in->w)))
        return 0;
    return in->cb(&ev, in->payload);
}

/* The absolute form of `rel`, a path relative to the path given, in
 * in->origin (NUL-terminated). */
static int absolute(ingest *in, const char *rel)
{
    in->origin.len = 0;
    vns__buf_append(&in->origin, in->root, strlen(in->root));
    if (*rel) {
        if (strcmp(in->root, "/") != 0)
            vns__buf_append(&in->origin, "/", 1);
        vns__buf_append(&in->origin, rel, strlen(rel));
    }
    vns__buf_append(&in->origin, "", 1);
    in->origin.len--;
    return vns__buf_failed(&in->origin)
               ? vns__error(VNS_ENOMEM, "out of memory")
               : VNS_OK;
}

/* Reports a file or directory (`rel` below the path given) that could not
 * be read whole: the articles it held stay in the index. */
static int skip_input(ingest *in, const char *path, const char *rel,
                      const char *why)
{
    int rc = absolute(in, rel);
    if (rc == VNS_OK)
        rc = vns__inputs_add_failed(vns__writer_inputs(in->w),
                                    in->origin.ptr);
    if (rc == VNS_OK)
        rc = emit(in, VNS_EVENT_SKIPPED_FILE, path, 0, NULL, 0, why, 0, 0);
    return rc;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Reads all of fd through zlib into in->file. Returns VNS_OK, 1 when the
 * file is to be skipped (in->why says why), or VNS_ENOMEM. */
static int read_whole(ingest *in, int fd, const char *path)
{
    uint64_t limit = vns__writer_input_limit(in->w);
    gzFile g = gzdopen(fd, "rb");
    int n, errnum;

    in->file.len = 0;
    in->file.failed = 0;
    if (!g) {
        close(fd);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    gzbuffer(g, 128 * 1024);
    do {
        char *dst = vns__buf_extend(&in->file, READ_CHUNK);
        if (!dst) {
            gzclose(g);
            return vns__error(VNS_ENOMEM, "out of memory");
        }
        n = gzread(g, dst, READ_CHUNK);
        in->file.len -= READ_CHUNK - (n > 0 ? (size_t)n : 0);
        if (in->file.len > limit) {
            gzclose(g);
            snprintf(in->why, sizeof in->why,
                     "inflates to more than %llu MiB (a gzip bomb?); skipped",
                     (unsigned long long)(limit >> 20));
            return 1;
        }
    } while (n > 0);
    /* gzerror's text belongs to the gzFile: copy it before gzclose. */
    char zmsg[128];
    const char *text = gzerror(g, &errnum), *colon = strstr(text, ": ");
    snprintf(zmsg, sizeof zmsg, "%s", colon ? colon + 2 : text); /* no <fd:N> */
    int direct = gzdirect(g);
    int closed = gzclose(g);
    if (n < 0 || errnum != Z_OK || closed != Z_OK) {
        if (errnum == Z_ERRNO || closed == Z_ERRNO)
            snprintf(in->why, sizeof in->why, "read error: %s",
                     strerror(errno));
        else
            snprintf(in->why, sizeof in->why, "corrupt or truncated gzip "
                     "(%s); none of its articles indexed",
                     errnum != Z_OK ? zmsg : "unexpected end of file");
        return 1;
    }
    if (direct && ends_with(path, ".gz")) {
        snprintf(in->why, sizeof in->why, "not a gzip file");
        return 1;
    }
    if (in->file.len >= 3 && memcmp(in->file.ptr, "\xEF\xBB\xBF", 3) == 0) {
        in->file.len -= 3; /* a byte order mark is not text */
        memmove(in->file.ptr, in->file.ptr + 3, in->file.len);
    }
    return VNS_OK;
}

/* Skips an id met before in this writer's inputs: the first stands. */
static int is_duplicate(ingest *in, const vns_article *a, const char *path,
                        unsigned long line, int *rc)
{
    const char *first_file;
    uint32_t first_line;
    int met = vns__inputs_meet(vns__writer_inputs(in->w), a->id, a->id_len,
                               in->file_number, (uint32_t)line, &first_file,
                               &first_line);
    if (met != 0) {
        *rc = met < 0 ? met : VNS_OK;
        return met < 0;
    }
    char line_part[24] = ""; /* a page has no line */
    if (first_line)
        snprintf(line_part, sizeof line_part, ":%lu",
                 (unsigned long)first_line);
    snprintf(in->why, sizeof in->why, "duplicate id %.*s (first at %s%s); "
             "skipped", (int)(a->id_len < 200 ? a->id_len : 200), a->id,
             first_file, line_part);
    int lost_before = in->record_skipped;
    *rc = emit(in, VNS_EVENT_SKIPPED_RECORD, path, line, a->id, a->id_len,
               in->why, 0, 0);
    in->record_skipped = lost_before; /* no record lost: the file still
                                         counts as read whole */
    return 1;
}

static int write_article(ingest *in, const char *path, unsigned long line)
{
    vns_article view;
    vns_write_result result;
    int rc;

    vns__article_view(&in->article, &view);
    if (view.id_len && is_duplicate(in, &view, path, line, &rc))
        return rc;
    rc = vns__writer_add(&result, in->w, &view, in->origin.ptr,
                         in->origin.len);
    if (rc == VNS_EINVAL) /* no id or no text: a bad record, not a failure */
        return emit(in, VNS_EVENT_SKIPPED_RECORD, path, line, view.id,
                    view.id_len, vns_errmsg(), 0, 0);
    if (rc != VNS_OK || result == VNS_WRITE_OTHER_PART)
        return rc;
    return emit(in, VNS_EVENT_ARTICLE, path, line, view.id, view.id_len,
                NULL, 0, result);
}

static int index_jsonl(ingest *in, const char *path)
{
    const char *s = in->file.ptr ? in->file.ptr : "";
    size_t n = in->file.len, at = 0;
    unsigned long line = 0;
    int rc = VNS_OK;

    while (rc == VNS_OK && at < n) {
        const char *nl = memchr(s + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - s) : n, len = end - at;
        line++;
        size_t k = at;
        while (k < end && strchr(" \t\r", s[k]))
            k++;
        if (k < end) {
            rc = vns__jsonl_parse(s + at, len, &in->article, in->why,
                                  sizeof in->why);
            if (rc == VNS_OK)
                rc = write_article(in, path, line);
            else if (rc == VNS_EFORMAT)
                rc = emit(in, VNS_EVENT_SKIPPED_RECORD, path, line, NULL, 0,
                          in->why, 0, 0);
        }
        at = end + 1;
    }
    return rc;
}

static int index_page(ingest *in, const char *path, const char *id)
{
    size_t id_len = strlen(id);
    int rc;

    if (ends_with(id, ".gz"))
        id_len -= 3;
    rc = vns__page_parse(in->nz, in->file.ptr ? in->file.ptr : "",
                         in->file.len, &in->article, in->why, sizeof in->why);
    if (rc == VNS_EFORMAT) {
        in->page_skipped = 1;
        return emit(in, VNS_EVENT_SKIPPED_FILE, path, 0, NULL, 0, in->why,
                    0, 0);
    }
    if (rc != VNS_OK)
        return rc;
    vns__article_set(&in->article, VNS__F_ID, id, id_len);
    return write_article(in, path, 0);
}

static int is_jsonl_name(const char *name)
{
    return ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz") ||
           ends_with(name, ".ndjson") || ends_with(name, ".ndjson.gz") ||
           ends_with(name, ".json") || ends_with(name, ".json.gz");
}

static int is_page_name(const char *name)
{
    return ends_with(name, ".txt") || ends_with(name, ".txt.gz");
}

/* Indexes one file (fd open, owned here), `rel` below the path given;
 * `id` is the page id. */
static int index_fd(ingest *in, int fd, const char *path, const char *rel,
                    const char *id)
{
    vns__inputs *inputs = vns__writer_inputs(in->w);
    int rc = read_whole(in, fd, path);

    if (rc == 1)
        return skip_input(in, path, rel, in->why);
    if (rc != VNS_OK || (rc = absolute(in, rel)) != VNS_OK ||
        (rc = vns__inputs_add_file(inputs, path, &in->file_number)) != VNS_OK)
        return rc;
    int jsonl = is_jsonl_name(path);
    if (!jsonl && !is_page_name(path)) { /* sniff: JSON Lines start '{' */
        size_t k = 0;
        while (k < in->file.len && strchr(" \t\r\n", in->file.ptr[k]))
            k++;
        jsonl = k < in->file.len && in->file.ptr[k] == '{';
    }
    in->page_skipped = in->record_skipped = 0;
    rc = jsonl ? index_jsonl(in, path) : index_page(in, path, id);
    /* in->origin still names this file: nothing above walks further. */
    if (rc == VNS_OK && (in->page_skipped || in->record_skipped))
        rc = vns__inputs_add_failed(inputs, in->origin.ptr);
    if (rc == VNS_OK && !in->page_skipped)
        rc = emit(in, VNS_EVENT_FILE_DONE, path, 0, NULL, 0, NULL,
                  in->file.len, 0);
    return rc;
}

static int skip_errno(ingest *in, const char *path, const char *rel,
                      const char *what)
{
    char why[512];
    snprintf(why, sizeof why, "%s: %s", what, strerror(errno));
    return skip_input(in, path, rel, why);
}

/* Opens a file found in a walk: never a FIFO (O_NONBLOCK, so that one
 * swapped in cannot block) and, unless links are followed, never through
 * a link swapped in since it was looked at. */
static int index_file(ingest *in, const char *path, const char *rel,
                      const char *id)
{
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
    struct stat st;

    if (vns__writer_follow(in->w) == VNS_FOLLOW_NONE)
        flags |= O_NOFOLLOW;
    int fd = open(path, flags);
    if (fd < 0)
        return skip_errno(in, path, rel, "cannot open");
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return VNS_OK; /* not a file any more: as if never seen */
    }
    return index_fd(in, fd, path, rel, id);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(ingest *in, const char *dir, const char *rel);

/* Whether a symbolic link at `path` may be followed; reports the ones
 * that lead outside the path given when only those inside may be. */
static int may_follow(ingest *in, const char *path, const char *rel,
                      int *rc)
{
    vns_follow follow = vns__writer_follow(in->w);
    char *target;
    size_t n = strlen(in->real_root);

    *rc = VNS_OK;
    if (follow == VNS_FOLLOW_NONE)
        return 0;
    if (follow == VNS_FOLLOW_ANY)
        return 1;
    if (!(target = realpath(path, NULL))) {
        *rc = skip_errno(in, path, rel, "cannot read");
        return 0;
    }
    int inside = strncmp(target, in->real_root, n) == 0 &&
                 (target[n] == '/' || target[n] == '\0' ||
                  strcmp(in->real_root, "/") == 0);
    free(target);
    if (!inside)
        *rc = skip_input(in, path, rel, "symbolic link leads outside the "
                         "path given; not followed");
    return inside;
}

/* One entry of a walk: a directory, a file of a known kind, or neither. */
static int walk_entry(ingest *in, const char *dir, const char *rel,
                      const char *name)
{
    size_t plen = strlen(dir) + strlen(name) + 2;
    size_t rlen = strlen(rel) + strlen(name) + 2;
    char *path = malloc(plen), *id = malloc(rlen);
    struct stat st;
    int rc = VNS_OK;

    if (!path || !id) {
        free(path);
        free(id);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    snprintf(path, plen, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", name);
    snprintf(id, rlen, "%s%s%s", rel, *rel ? "/" : "", name);
    if (lstat(path, &st) != 0)
        rc = skip_errno(in, path, id, "cannot read");
    else if (S_ISLNK(st.st_mode) && may_follow(in, path, id, &rc) &&
             stat(path, &st) != 0)
        rc = skip_errno(in, path, id, "cannot read");
    if (rc == VNS_OK && S_ISDIR(st.st_mode))
        rc = walk(in, path, id);
    else if (rc == VNS_OK && S_ISREG(st.st_mode) &&
             (is_page_name(name) || is_jsonl_name(name)))
        rc = index_file(in, path, id, id);
    free(path);
    free(id);
    return rc;
}

static int walk(ingest *in, const char *dir, const char *rel)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0;
    int rc = VNS_OK;

    if (stat(dir, &st) != 0)
        return skip_errno(in, dir, rel, "cannot read");
    for (int i = 0; i < in->depth; i++)
        if (in->walking[i].dev == st.st_dev && in->walking[i].ino == st.st_ino)
            return skip_input(in, dir, rel,
                              "symbolic link loop; not followed");
    if (in->depth == MAX_DEPTH)
        return skip_input(in, dir, rel,
                          "directories nested too deeply; not read");
    if (!(d = opendir(dir)))
        return skip_errno(in, dir, rel, "cannot read directory");
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (count == cap) {
            char **more = realloc(names, (cap = cap ? 2 * cap : 64) *
                                             sizeof *names);
            if (!more) {
                rc = vns__error(VNS_ENOMEM, "out of memory");
                break;
            }
            names = more;
        }
        if (!(names[count] = strdup(e->d_name))) {
            rc = vns__error(VNS_ENOMEM, "out of memory");
            break;
        }
        count++;
    }
    closedir(d);
    if (rc == VNS_OK && count > 0) /* an empty folder has no names */
        qsort(names, count, sizeof *names, compare_names);
    in->walking[in->depth].dev = st.st_dev;
    in->walking[in->depth].ino = st.st_ino;
    in->depth++;
    for (size_t i = 0; i < count && rc == VNS_OK; i++)
        rc = walk_entry(in, dir, rel, names[i]);
    in->depth--;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Checks the path given before anything is read: it must exist and be
 * readable, a directory or a regular file. *fd receives a file's. */
static int open_root(const char *path, struct stat *st, int *fd)
{
    DIR *d;

    *fd = -1;
    if (stat(path, st) != 0)
        return vns__error(errno == ENOENT ? VNS_ENOTFOUND : VNS_EIO,
                          "%s: cannot read: %s", path, strerror(errno));
    if (S_ISDIR(st->st_mode)) {
        if (!(d = opendir(path)))
            return vns__error(VNS_EIO, "%s: cannot read: %s", path,
                              strerror(errno));
        closedir(d);
        return VNS_OK;
    }
    if (!S_ISREG(st->st_mode))
        return vns__error(VNS_EINVAL, "%s: not a regular file or directory "
                          "(only - reads standard input)", path);
    if ((*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
        return vns__error(VNS_EIO, "%s: cannot read: %s", path,
                          strerror(errno));
    return VNS_OK;
}

static int add_path(ingest *in, const char *path)
{
    vns__inputs *inputs = vns__writer_inputs(in->w);
    struct stat st;
    char *root = NULL, *real_root = NULL;
    int fd, rc;

    if (strcmp(path, "-") == 0) {
        in->root = "-";
        if ((rc = vns__inputs_add_root(inputs, "-")) != VNS_OK)
            return rc;
        if ((fd = dup(STDIN_FILENO)) < 0)
            return vns__error(VNS_EIO, "cannot read standard input: %s",
                              strerror(errno));
        return index_fd(in, fd, "-", "", "-");
    }
    if ((rc = open_root(path, &st, &fd)) != VNS_OK)
        return rc;
    if (!(root = vns__inputs_absolute(path)) ||
        !(real_root = realpath(path, NULL))) {
        rc = vns__error(errno == ENOMEM ? VNS_ENOMEM : VNS_EIO, "%s: %s",
                        path, strerror(errno));
    } else {
        in->root = root;
        in->real_root = real_root;
        rc = vns__inputs_add_root(inputs, root);
    }
    if (rc == VNS_OK && S_ISDIR(st.st_mode)) {
        rc = walk(in, path, "");
    } else if (rc == VNS_OK) {
        const char *id = path;
        while (id[0] == '.' && id[1] == '/')
            id += 2;
        rc = index_fd(in, fd, path, "", id);
        fd = -1;
    }
    if (fd >= 0)
        close(fd);
    free(root);
    free(real_root);
    return rc;
}

int vns_writer_add_path(vns_writer *w, const char *path, vns_event_cb cb,
                        void *payload)
{
    ingest *in;
    int rc;

    vns__error_clear();
    if (!w || !path)
        return vns__error(VNS_EINVAL, "vns_writer_add_path: NULL argument");
    if (!(in = calloc(1, sizeof *in)) || !(in->nz = calloc(1, sizeof *in->nz))) {
        free(in);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    in->w = w;
    in->cb = cb;
    in->payload = payload;
    if ((rc = vns__normalizer_init(in->nz)) == VNS_OK)
        rc = add_path(in, path);
    vns__article_free(&in->article);
    vns__buf_free(&in->file);
    vns__buf_free(&in->origin);
    free(in->nz);
    free(in);
    return rc;
}
