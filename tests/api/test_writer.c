/*
 * test_writer.c - the writer's settings and layouts through the public
 * header only: setters that refuse bad input, a writer that is one part
 * of a shared build, what vns_index_layout() tells of a path, the
 * result every article event carries, and a writer in segments.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "vnsearch.h"

#include <stdio.h>
#include <stdlib.h>

static char dir[] = "/tmp/vns-test-writer-XXXXXX";
static char path[512];

static const char *at(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static vns_write_result add(vns_writer *w, const char *id)
{
    vns_article a = VNS_ARTICLE_INIT;
    vns_write_result result = 0;
    a.id = id;
    a.id_len = strlen(id);
    a.title = "Tin tức";
    a.title_len = strlen(a.title);
    a.date = 20190101;
    CHECK_INT_EQ(vns_writer_add(&result, w, &a), VNS_OK, id);
    return result;
}

static void test_setters_refuse_bad_input(void)
{
    vns_writer *w = NULL;
    CHECK_INT_EQ(vns_writer_open(&w, at("set"), VNS_WRITER_CREATE), VNS_OK,
                 "open");
    CHECK_INT_EQ(vns_writer_set_batch(NULL, 5), VNS_EINVAL, "batch: NULL");
    CHECK_INT_EQ(vns_writer_set_batch(w, 0), VNS_OK, "batch 0: on request");
    CHECK_INT_EQ(vns_writer_set_input_limit(w, 0), VNS_EINVAL, "limit 0");
    CHECK(strstr(vns_errmsg(), "0 bytes") != NULL, "message: %s",
          vns_errmsg());
    CHECK_INT_EQ(vns_writer_set_input_limit(NULL, 1), VNS_EINVAL,
                 "limit: NULL");
    CHECK_INT_EQ(vns_writer_set_input_limit(w, 1), VNS_OK, "limit 1");
    CHECK_INT_EQ(vns_writer_set_part(w, 0, 0), VNS_EINVAL, "0 parts");
    CHECK_INT_EQ(vns_writer_set_part(w, 2, 2), VNS_EINVAL, "part 2 of 2");
    CHECK(strstr(vns_errmsg(), "vns_writer_set_part") != NULL,
          "message: %s", vns_errmsg());
    CHECK_INT_EQ(vns_writer_set_part(NULL, 0, 1), VNS_EINVAL, "part: NULL");
    CHECK_INT_EQ(vns_writer_set_part(w, 0, 1), VNS_OK, "the whole");
    vns_writer_close(w);
}

/* Two parts of one database's build write each id once between them. */
static void test_parts_split_the_ids(void)
{
    static const char *const ids[] = {"a", "b", "c", "d", "e", "f", "g"};
    size_t n = sizeof ids / sizeof ids[0], written = 0;

    for (unsigned k = 0; k < 2; k++) {
        vns_writer *w = NULL;
        uint64_t docs = 0;
        size_t mine = 0;
        CHECK_INT_EQ(vns_writer_open(&w, at(k ? "part1" : "part0"),
                                     VNS_WRITER_CREATE),
                     VNS_OK, "open a part");
        CHECK_INT_EQ(vns_writer_set_part(w, k, 2), VNS_OK, "set part");
        for (size_t i = 0; i < n; i++) {
            vns_write_result r = add(w, ids[i]);
            CHECK(r == VNS_WRITE_ADDED || r == VNS_WRITE_OTHER_PART,
                  "result %d", (int)r);
            mine += r == VNS_WRITE_ADDED;
        }
        CHECK_INT_EQ(vns_writer_doc_count(&docs, w), VNS_OK, "doc count");
        CHECK_INT_EQ(docs, mine, "a part holds what it wrote");
        CHECK_INT_EQ(vns_writer_set_part(w, 0, 1), VNS_EINVAL,
                     "no other part once written");
        CHECK(strstr(vns_errmsg(), "too late") != NULL, "message: %s",
              vns_errmsg());
        written += mine;
        CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
        vns_writer_close(w);
    }
    CHECK_INT_EQ(written, n, "each id written by one part");
}

static void test_layout_of_a_path(void)
{
    vns_layout layout = VNS_LAYOUT_SHARDED;
    vns_writer *w = NULL;

    CHECK_INT_EQ(vns_index_layout(&layout, at("nothing")), VNS_OK,
                 "missing");
    CHECK_INT_EQ(layout, VNS_LAYOUT_NONE, "nothing there");
    CHECK_INT_EQ(vns_index_layout(NULL, at("nothing")), VNS_EINVAL, "NULL");

    CHECK_INT_EQ(vns_writer_open(&w, at("single"), VNS_WRITER_CREATE),
                 VNS_OK, "open single");
    add(w, "s1");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit single");
    vns_writer_close(w);
    CHECK_INT_EQ(vns_index_layout(&layout, at("single")), VNS_OK, "single");
    CHECK_INT_EQ(layout, VNS_LAYOUT_SINGLE, "one database");

    CHECK_INT_EQ(vns_writer_open_sharded(&w, at("sharded"), VNS_WRITER_CREATE,
                                         VNS_SHARD_BY_HASH, 3),
                 VNS_OK, "open sharded");
    add(w, "h1");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit sharded");
    vns_writer_close(w);
    CHECK_INT_EQ(vns_index_layout(&layout, at("sharded")), VNS_OK,
                 "sharded");
    CHECK_INT_EQ(layout, VNS_LAYOUT_SHARDED, "a stub file");
}

/* The documents of the database at `name`. */
static uint64_t docs_at(const char *name)
{
    vns_writer *w = NULL;
    uint64_t n = 0;
    CHECK_INT_EQ(vns_writer_open(&w, at(name), 0), VNS_OK, name);
    CHECK_INT_EQ(vns_writer_doc_count(&n, w), VNS_OK, name);
    vns_writer_close(w);
    return n;
}

/* Segments of 2: none grows past 2, an article given again leaves the
 * earlier segment, and the directory opens and merges as one index. */
static void test_segments(void)
{
    static const char *const ids[] = {"a", "b", "c", "d", "e"};
    const char *sources[1];
    char seg[sizeof path];
    vns_layout layout = VNS_LAYOUT_NONE;
    vns_writer *w = NULL;
    uint64_t n = 0;

    CHECK_INT_EQ(vns_writer_open_segmented(&w, at("seg"), 0), VNS_EINVAL,
                 "0 articles");
    CHECK_INT_EQ(vns_writer_open_segmented(NULL, at("seg"), 2), VNS_EINVAL,
                 "NULL");
    CHECK_INT_EQ(vns_writer_open_segmented(&w, at("seg"), 2), VNS_OK, "open");
    for (size_t i = 0; i < 5; i++)
        CHECK_INT_EQ(add(w, ids[i]), VNS_WRITE_ADDED, ids[i]);
    CHECK_INT_EQ(add(w, "a"), VNS_WRITE_UPDATED, "a again: moved");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
    CHECK_INT_EQ(vns_writer_doc_count(&n, w), VNS_OK, "count");
    CHECK_INT_EQ(n, 5, "each id once");
    vns_writer_close(w);
    CHECK_INT_EQ(docs_at("seg/seg-000000"), 1, "b (a moved on)");
    CHECK_INT_EQ(docs_at("seg/seg-000001"), 2, "c, d");
    CHECK_INT_EQ(docs_at("seg/seg-000002"), 2, "e, a");
    CHECK_INT_EQ(vns_index_layout(&layout, at("seg")), VNS_OK, "layout");
    CHECK_INT_EQ(layout, VNS_LAYOUT_SHARDED, "listed in a stub");
    CHECK_INT_EQ(vns_writer_open_segmented(&w, at("seg"), 2), VNS_EINVAL,
                 "exists");
    CHECK(strstr(vns_errmsg(), "exists") != NULL, "message: %s",
          vns_errmsg());
    snprintf(seg, sizeof seg, "%s", at("seg")); /* at() has one buffer */
    sources[0] = seg;
    CHECK_INT_EQ(vns_index_merge(at("merged"), sources, 1), VNS_OK, "merge");
    CHECK_INT_EQ(docs_at("merged"), 5, "merged whole");
}

typedef struct counts {
    int added, unchanged, other;
} counts;

static int on_event(const vns_event *ev, void *payload)
{
    counts *c = payload;
    if (ev->kind != VNS_EVENT_ARTICLE)
        return 0;
    c->added += ev->result == VNS_WRITE_ADDED;
    c->unchanged += ev->result == VNS_WRITE_UNCHANGED;
    c->other += ev->result != VNS_WRITE_ADDED &&
                ev->result != VNS_WRITE_UNCHANGED;
    return 0;
}

static void test_article_events_carry_the_result(void)
{
    FILE *f = fopen(at("in.jsonl"), "w");
    CHECK(f != NULL, "create input");
    if (!f)
        return;
    fputs("{\"id\":\"e1\",\"title\":\"Một\"}\n"
          "{\"id\":\"e2\",\"title\":\"Hai\"}\n", f);
    fclose(f);
    for (int run = 0; run < 2; run++) {
        vns_writer *w = NULL;
        counts c = {0, 0, 0};
        CHECK_INT_EQ(vns_writer_open(&w, at("events"), VNS_WRITER_CREATE),
                     VNS_OK, "open");
        CHECK_INT_EQ(vns_writer_add_path(w, at("in.jsonl"), on_event, &c),
                     VNS_OK, "add path");
        CHECK_INT_EQ(c.added, run ? 0 : 2, "added");
        CHECK_INT_EQ(c.unchanged, run ? 2 : 0, "unchanged");
        CHECK_INT_EQ(c.other, 0, "no other result");
        CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
        vns_writer_close(w);
    }
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_setters_refuse_bad_input();
    test_parts_split_the_ids();
    test_layout_of_a_path();
    test_article_events_carry_the_result();
    test_segments();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("could not remove %s\n", dir);
    return harness_done("test_writer");
}
