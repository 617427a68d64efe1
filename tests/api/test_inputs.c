/*
 * test_inputs.c - what a writer remembers of the files it read, through
 * the public header only: an article of a file that could not be read
 * whole is neither deleted (vns_writer_delete_unseen) nor dropped by a
 * rebuild (vns_writer_keep_unread); one whose file is gone from a folder
 * that was read is; unreadable paths are refused before anything is
 * written; an id met twice keeps its first record; symbolic links are
 * passed over unless asked for; a date must be a day of the calendar.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "vnsearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static char dir[] = "/tmp/vns-test-inputs-XXXXXX";
static char path[512];

static const char *at(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "w");
    CHECK(f != NULL, "cannot write %s", name);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Three gzip'd records, and the same file cut short. */
static void write_gzip(const char *name, int truncated)
{
    const char *text =
        "{\"id\": \"g1\", \"title\": \"Thủ tướng chỉ đạo giải phóng mặt "
        "bằng\", \"body\": \"Đường cao tốc Bắc – Nam đi qua Đồng Nai.\"}\n"
        "{\"id\": \"g2\", \"title\": \"Sở Tư pháp tiếp công dân\", \"body\": "
        "\"Lịch tiếp công dân định kỳ hằng tháng.\"}\n"
        "{\"id\": \"g3\", \"title\": \"HĐND TỈNH KHÓA X HỌP\", \"body\": "
        "\"Kỳ họp thứ mười bàn về ngân sách.\"}\n";
    gzFile g = gzopen(at(name), "wb");
    gzwrite(g, text, (unsigned)strlen(text));
    gzclose(g);
    if (truncated) {
        struct stat st;
        stat(at(name), &st);
        CHECK(truncate(at(name), st.st_size - 10) == 0, "truncate");
    }
}

typedef struct seen {
    int added, skipped_files, duplicates;
    char duplicate[256];
} seen;

static int on_event(const vns_event *ev, void *payload)
{
    seen *s = payload;
    if (ev->kind == VNS_EVENT_ARTICLE && ev->result == VNS_WRITE_ADDED)
        s->added++;
    if (ev->kind == VNS_EVENT_SKIPPED_FILE)
        s->skipped_files++;
    if (ev->kind == VNS_EVENT_SKIPPED_RECORD && ev->message &&
        strstr(ev->message, "duplicate id")) {
        s->duplicates++;
        snprintf(s->duplicate, sizeof s->duplicate, "%s:%lu: %s", ev->path,
                 ev->line, ev->message);
    }
    return 0;
}

/* Opens the index, reads the folder "in", gives the writer (open). */
static vns_writer *read_folder(const char *db, seen *s)
{
    vns_writer *w = NULL;
    char in[512];
    snprintf(in, sizeof in, "%s/in", dir);
    memset(s, 0, sizeof *s);
    CHECK_INT_EQ(vns_writer_open(&w, at(db), VNS_WRITER_CREATE), VNS_OK,
                 "open");
    CHECK_INT_EQ(vns_writer_add_path(w, in, on_event, s), VNS_OK, "read in");
    return w;
}

static void test_unreadable_files_keep_their_articles(void)
{
    vns_writer *w;
    size_t count = 99, deleted = 99, kept = 99, dropped = 99;
    uint64_t docs = 0, had = 0;
    seen s;

    mkdir(at("in"), 0755);
    write_file("in/a.jsonl",
               "{\"id\": \"a1\", \"title\": \"Cải cách hành chính\", "
               "\"body\": \"Một cửa liên thông.\"}\n"
               "{\"id\": \"a2\", \"title\": \"Chuyển đổi số\", \"body\": "
               "\"Dịch vụ công trực tuyến mức độ 4.\"}\n");
    write_file("in/b.jsonl", "{\"id\": \"b1\", \"title\": \"Thuế đất\", "
                             "\"body\": \"Người dân nộp thuế.\"}\n");
    write_gzip("in/c.jsonl.gz", 0);
    w = read_folder("idx", &s);
    CHECK_INT_EQ(s.added, 6, "first run: added");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
    vns_writer_close(w);

    /* c.jsonl.gz cut short by a crawler, b.jsonl removed. */
    write_gzip("in/c.jsonl.gz", 1);
    unlink(at("in/b.jsonl"));
    w = read_folder("idx", &s);
    CHECK_INT_EQ(s.skipped_files, 1, "the truncated file is skipped");
    CHECK_INT_EQ(vns_writer_count_unseen(&count, w), VNS_OK, "count");
    CHECK_INT_EQ(count, 1, "only b1 may go");
    CHECK_INT_EQ(vns_writer_doc_count(&docs, w), VNS_OK, "doc count");
    CHECK_INT_EQ(docs, 6, "nothing deleted by counting");

    /* A rebuild from the same inputs keeps g1..g3 from the index. */
    vns_writer *fresh = read_folder("fresh", &s);
    CHECK_INT_EQ(vns_writer_keep_unread(&kept, &dropped, &had, fresh,
                                        at("idx")),
                 VNS_OK, "keep_unread");
    CHECK_INT_EQ(kept, 3, "rebuild: the truncated file's articles kept");
    CHECK_INT_EQ(dropped, 1, "rebuild: the removed file's article dropped");
    CHECK_INT_EQ(had, 6, "rebuild: the previous index's size");
    CHECK_INT_EQ(vns_writer_doc_count(&docs, fresh), VNS_OK, "doc count");
    CHECK_INT_EQ(docs, 5, "rebuild: a1 a2 g1 g2 g3");
    vns_writer_close(fresh);

    CHECK_INT_EQ(vns_writer_delete_unseen(&deleted, w), VNS_OK, "delete");
    CHECK_INT_EQ(deleted, 1, "deleted: b1 only");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
    CHECK_INT_EQ(vns_writer_doc_count(&docs, w), VNS_OK, "doc count");
    CHECK_INT_EQ(docs, 5, "g1..g3 kept");
    vns_writer_close(w);
}

static void test_paths_refused_before_writing(void)
{
    vns_writer *w = NULL;
    CHECK_INT_EQ(vns_writer_open(&w, at("idx"), 0), VNS_OK, "open");
    CHECK_INT_EQ(vns_writer_add_path(w, at("no-such-folder"), NULL, NULL),
                 VNS_ENOTFOUND, "a missing path");
    CHECK(strstr(vns_errmsg(), "No such file or directory") != NULL,
          "message: %s", vns_errmsg());
    CHECK(mkfifo(at("fifo.jsonl"), 0600) == 0, "mkfifo");
    CHECK_INT_EQ(vns_writer_add_path(w, at("fifo.jsonl"), NULL, NULL),
                 VNS_EINVAL, "a FIFO");
    CHECK_INT_EQ(vns_writer_set_follow_symlinks(w, (vns_follow)7),
                 VNS_EINVAL, "a bad follow mode");
    vns_article bad = VNS_ARTICLE_INIT;
    bad.id = "x1";
    bad.id_len = 2;
    bad.title = "Ngày không có thật";
    bad.title_len = strlen(bad.title);
    bad.date = 20191399;
    CHECK_INT_EQ(vns_writer_add(NULL, w, &bad), VNS_EINVAL, "month 13");
    bad.date = 4294967295u;
    CHECK_INT_EQ(vns_writer_add(NULL, w, &bad), VNS_EINVAL, "no such year");
    bad.date = 99991231;
    CHECK_INT_EQ(vns_writer_add(NULL, w, &bad), VNS_OK, "the last day");
    vns_writer_close(w);
}

static void test_first_record_of_an_id_stands(void)
{
    vns_writer *w = NULL;
    seen s;
    char want[512];

    mkdir(at("dup"), 0755);
    write_file("dup/1.jsonl",
               "{\"id\": \"d1\", \"title\": \"Bản đầu tiên\", \"body\": "
               "\"Hội nghị tổng kết năm.\"}\n");
    write_file("dup/2.jsonl",
               "{\"id\": \"d1\", \"title\": \"Bản thứ hai\", \"body\": "
               "\"Hội nghị sơ kết quý.\"}\n");
    memset(&s, 0, sizeof s);
    CHECK_INT_EQ(vns_writer_open(&w, at("dupidx"), VNS_WRITER_CREATE), VNS_OK,
                 "open");
    CHECK_INT_EQ(vns_writer_add_path(w, at("dup"), on_event, &s), VNS_OK,
                 "read");
    CHECK_INT_EQ(s.added, 1, "one article");
    CHECK_INT_EQ(s.duplicates, 1, "one duplicate reported");
    snprintf(want, sizeof want, "%s/dup/2.jsonl:1: duplicate id d1 (first "
             "at %s/dup/1.jsonl:1); skipped", dir, dir);
    CHECK_STR_EQ(s.duplicate, want, "duplicate message");
    CHECK_INT_EQ(vns_writer_commit(w), VNS_OK, "commit");
    vns_writer_close(w);
}

static void test_links_passed_over(void)
{
    vns_writer *w = NULL;
    seen s;

    mkdir(at("links"), 0755);
    write_file("secret.jsonl", "{\"id\": \"s1\", \"title\": \"Bí mật\", "
                               "\"body\": \"Không được lập chỉ mục.\"}\n");
    char target[512];
    snprintf(target, sizeof target, "%s", at("secret.jsonl"));
    CHECK(symlink(target, at("links/secret.jsonl")) == 0, "symlink");
    for (int follow = 0; follow < 3; follow++) {
        char db[32];
        snprintf(db, sizeof db, "links%d", follow);
        memset(&s, 0, sizeof s);
        CHECK_INT_EQ(vns_writer_open(&w, at(db), VNS_WRITER_CREATE), VNS_OK,
                     "open");
        CHECK_INT_EQ(vns_writer_set_follow_symlinks(w, (vns_follow)follow),
                     VNS_OK, "follow");
        CHECK_INT_EQ(vns_writer_add_path(w, at("links"), on_event, &s),
                     VNS_OK, "read");
        CHECK_INT_EQ(s.added, follow == VNS_FOLLOW_ANY, "the outside link");
        CHECK_INT_EQ(s.skipped_files, follow == VNS_FOLLOW_INSIDE,
                     "reported only when links inside are followed");
        vns_writer_close(w);
    }
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_unreadable_files_keep_their_articles();
    test_paths_refused_before_writing();
    test_first_record_of_an_id_stands();
    test_links_passed_over();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("could not remove %s\n", dir);
    return harness_done("test_inputs");
}
