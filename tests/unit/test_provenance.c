/*
 * test_provenance.c - inputs.c: paths made absolute by their names, and
 * which articles not met in a run may be deleted.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "inputs.h"

#include <stdlib.h>
#include <unistd.h>

static void check_absolute(const char *path, const char *want)
{
    char *got = vns__inputs_absolute(path);
    CHECK(got != NULL, "absolute %s: NULL", path);
    if (got)
        CHECK_STR_EQ(got, want, path);
    free(got);
}

static void test_absolute(void)
{
    check_absolute("/srv/crawl", "/srv/crawl");
    check_absolute("/srv/crawl/", "/srv/crawl");
    check_absolute("/srv//crawl/./hà-nội/", "/srv/crawl/hà-nội");
    check_absolute("/srv/crawl/../news/current", "/srv/news/current");
    check_absolute("/..", "/");
    check_absolute("/", "/");
    CHECK(chdir("/tmp") == 0, "chdir");
    check_absolute("crawl/current", "/tmp/crawl/current");
    check_absolute("./crawl", "/tmp/crawl");
    check_absolute("../srv/crawl", "/srv/crawl");
    check_absolute(".", "/tmp");
}

static int may(const vns__inputs *in, const char *origin)
{
    return vns__inputs_may_delete(in, origin, strlen(origin));
}

static void test_may_delete(void)
{
    vns__inputs in;
    memset(&in, 0, sizeof in);
    CHECK(may(&in, ""), "no file, nothing failed");
    CHECK(!may(&in, "/srv/crawl/a.jsonl"), "no path given");
    CHECK_INT_EQ(vns__inputs_add_root(&in, "/srv/crawl"), 0, "root");
    CHECK_INT_EQ(vns__inputs_add_root(&in, "-"), 0, "stdin");
    CHECK(may(&in, "/srv/crawl/a.jsonl"), "a file under the path");
    CHECK(may(&in, "/srv/crawl/hà-nội/2024/b.jsonl.gz"), "deeper");
    CHECK(may(&in, "/srv/crawl"), "the path itself, a file");
    CHECK(may(&in, "-"), "stdin");
    CHECK(!may(&in, "/srv/crawler/a.jsonl"), "a sibling with the prefix");
    CHECK(!may(&in, "/srv/other/a.jsonl"), "outside");
    CHECK_INT_EQ(vns__inputs_add_failed(&in, "/srv/crawl/hà-nội"), 0, "fail");
    CHECK(!may(&in, "/srv/crawl/hà-nội/2024/b.jsonl.gz"), "under a failure");
    CHECK(may(&in, "/srv/crawl/hà-nội-2/c.jsonl"), "a sibling of it");
    CHECK(!may(&in, ""), "no file, something failed");
    vns__inputs_free(&in);
}

static void test_meet(void)
{
    vns__inputs in;
    uint32_t a, b, line = 0;
    const char *file = NULL;
    memset(&in, 0, sizeof in);
    CHECK_INT_EQ(vns__inputs_add_file(&in, "crawl/1.jsonl", &a), 0, "file");
    CHECK_INT_EQ(vns__inputs_add_file(&in, "crawl/2.jsonl", &b), 0, "file");
    CHECK_INT_EQ(vns__inputs_meet(&in, "tin-1", 5, a, 7, &file, &line), 1,
                 "first time");
    CHECK_INT_EQ(vns__inputs_meet(&in, "tin-1", 5, b, 2, &file, &line), 0,
                 "again");
    CHECK_STR_EQ(file ? file : "", "crawl/1.jsonl", "first file");
    CHECK_INT_EQ(line, 7, "first line");
    vns__inputs_free(&in);
}

int main(void)
{
    test_absolute();
    test_may_delete();
    test_meet();
    return harness_done("test_provenance");
}
