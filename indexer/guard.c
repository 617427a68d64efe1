/*
 * guard.c - what keeps a nightly job from losing or exposing the index:
 * inputs checked before anything is written, one writer (a lock file that
 * exists before the index does), the --max-delete refusal, clean stops on
 * SIGINT and SIGTERM, children that die with the parent, and the modes of
 * what a rebuild puts in place.
 */
#define _GNU_SOURCE /* prctl, realpath */
#include "indexer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

int vns_indexer_check_inputs(char **paths, int count)
{
    for (int i = 0; i < count; i++) {
        const char *path = paths[i], *why = NULL;
        struct stat st;
        DIR *d;
        int fd;

        if (strcmp(path, "-") == 0)
            continue;
        if (stat(path, &st) != 0) {
            why = strerror(errno);
        } else if (S_ISDIR(st.st_mode)) {
            if (!(d = opendir(path)))
                why = strerror(errno);
            else
                closedir(d);
        } else if (!S_ISREG(st.st_mode)) {
            fprintf(stderr, "vnsearch-index: %s: not a regular file or "
                    "directory; nothing was changed (only - reads standard "
                    "input)\n", path);
            return EXIT_NO_INPUT;
        } else if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0) {
            why = strerror(errno);
        } else {
            close(fd);
        }
        if (why) {
            fprintf(stderr, "vnsearch-index: %s: cannot read: %s; nothing "
                    "was changed\n", path, why);
            return EXIT_NO_INPUT;
        }
    }
    return EXIT_OK;
}

char *vns_indexer_resolve(const char *path)
{
    char *copy = strdup(path), *real = NULL;
    size_t n = copy ? strlen(copy) : 0;

    if (!copy)
        return NULL;
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    if (!(real = realpath(copy, NULL)) && errno == ENOENT) {
        /* Not there yet: its folder resolved, then its name. */
        char *a = strdup(copy), *b = strdup(copy);
        char *dir = a && b ? realpath(dirname(a), NULL) : NULL;
        const char *base = b ? basename(b) : "";
        if (dir && (real = malloc(strlen(dir) + strlen(base) + 2)))
            sprintf(real, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", base);
        free(dir);
        free(a);
        free(b);
    }
    if (!real)
        fprintf(stderr, "vnsearch-index: %s: %s\n", path, strerror(errno));
    free(copy);
    return real;
}

/* Removes TARGET.full-XXXXXX and TARGET.merge-XXXXXX: the lock is held,
 * so no run is writing them; they are what a run killed with -9 left. */
static void remove_leftovers(const char *target)
{
    char *a = strdup(target), *b = strdup(target);
    const char *dir = a ? dirname(a) : NULL, *base = b ? basename(b) : NULL;
    size_t n = base ? strlen(base) : 0;
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *e;

    while (d && (e = readdir(d))) {
        const char *rest = e->d_name + n;
        if (strncmp(e->d_name, base, n) != 0 ||
            !((strncmp(rest, ".full-", 6) == 0 && strlen(rest) == 12) ||
              (strncmp(rest, ".merge-", 7) == 0 && strlen(rest) == 13)))
            continue;
        char *path = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (path) {
            sprintf(path, "%s/%s", dir, e->d_name);
            fprintf(stderr, "vnsearch-index: removing %s, left by a run "
                    "that was killed\n", path);
            vns_indexer_remove_tree(path);
        }
        free(path);
    }
    if (d)
        closedir(d);
    free(a);
    free(b);
}

int vns_indexer_lock(const char *target, int need_file)
{
    char *path = malloc(strlen(target) + 8);
    int fd;

    if (!path)
        return EXIT_FAIL;
    sprintf(path, "%s.lock", target);
    /* Kept open for the run; --jobs children share it through fork.
     * Read-only: flock needs no more, so a lock file made by another user
     * (root's --full) still serves. */
    fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0 && !need_file && (errno == EACCES || errno == EROFS)) {
        free(path); /* a folder we may not write: Xapian's lock serves */
        return EXIT_OK;
    }
    if (fd < 0) {
        fprintf(stderr, "vnsearch-index: %s: %s\n", path, strerror(errno));
        free(path);
        return EXIT_FAIL;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        fprintf(stderr, busy ? "vnsearch-index: %s is being written by "
                               "another vnsearch-index; try again when it "
                               "has finished\n"
                             : "vnsearch-index: %s: %s\n",
                busy ? target : path, strerror(errno));
        close(fd);
        free(path);
        return busy ? EXIT_LOCKED : EXIT_FAIL;
    }
    free(path);
    remove_leftovers(target);
    return EXIT_OK;
}

int vns_indexer_too_many(const run *r, uint64_t would, uint64_t before)
{
    double share = before ? 100.0 * (double)would / (double)before : 100.0;
    int over = r->max_delete_count >= 0
                   ? would > (uint64_t)r->max_delete_count
                   : (double)would > r->max_delete * (double)before;
    if (!over || would == 0)
        return 0;
    fprintf(stderr, "vnsearch-index: %s: this run would delete %llu of %llu "
            "articles (%.1f%%), more than --max-delete %s; nothing was "
            "deleted. If the inputs are right, run again with --max-delete "
            "100%%\n", r->db, (unsigned long long)would,
            (unsigned long long)before, share, r->max_delete_text);
    return 1;
}

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

void vns_indexer_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop; /* no SA_RESTART: a waiting parent wakes */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int vns_indexer_stopped(void)
{
    return stop_signal;
}

void vns_indexer_die_if_stopped(void)
{
    int sig = stop_signal;
    if (!sig)
        return;
    fflush(NULL);
    signal(sig, SIG_DFL);
    raise(sig);
}

void vns_indexer_die_with(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) /* it died before prctl */
        raise(SIGTERM);
}

static mode_t dir_mode, file_mode;
static uid_t owner;
static gid_t group;
static int chown_too;

static int fix_entry(const char *path, const struct stat *st, int flag,
                     struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_SL)
        return 0;
    if (chmod(path, S_ISDIR(st->st_mode) ? dir_mode : file_mode) != 0 ||
        (chown_too && lchown(path, owner, group) != 0)) {
        fprintf(stderr, "vnsearch-index: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int vns_indexer_match_mode(const char *dir, const char *like)
{
    struct stat st;
    mode_t mask = umask(0);

    umask(mask);
    if (stat(like, &st) == 0) {
        dir_mode = st.st_mode & 07777;
        owner = st.st_uid;
        group = st.st_gid;
        /* Only root may give files away; others own what they write. */
        chown_too = geteuid() == 0;
    } else {
        dir_mode = 0777 & ~mask;
        chown_too = 0;
    }
    /* Never more open than the folder they are in. */
    file_mode = 0666 & ~mask & dir_mode;
    return nftw(dir, fix_entry, 16, FTW_PHYS) == 0 ? EXIT_OK : EXIT_FAIL;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void vns_indexer_remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
