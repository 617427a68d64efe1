/*
 * vns_internal.h - declarations shared by the library's modules.
 *
 * Nothing here is API. Cross-file functions are named vns__module_verb.
 */
#ifndef VNS_INTERNAL_H
#define VNS_INTERNAL_H

#include "vnsearch.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define VNS__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define VNS__PRINTF(f, a)
#endif

/* Records `status` and a formatted detail message for the calling thread
 * and returns `status`, so that error paths read `return vns__error(...)`.
 * Never allocates. */
int vns__error(int status, const char *fmt, ...) VNS__PRINTF(2, 3);

/* Clears the calling thread's detail message and error offset (called on
 * API entry). */
void vns__error_clear(void);

/* Sets the byte offset vns_error_offset() reports (after VNS_EQUERY). */
void vns__error_set_offset(long offset);

/* vns_analyzer_new() and vns_analyze() for the library's own calls, which
 * must not clear the thread's message (query parsing, snippets,
 * abbreviations, opening an index). */
int vns__analyzer_new(vns_analyzer **out);
int vns__analyze(vns_analyzer *an, const char *text, size_t len,
                 vns_token_cb emit, void *payload);

/* The writer's limit on the inflated size of one input file. */
uint64_t vns__writer_input_limit(const vns_writer *w);

/* Documents written since this writer's last commit. */
size_t vns__writer_pending(const vns_writer *w);

/* Whether this writer was given the id since it opened. */
int vns__writer_has_seen(const vns_writer *w, const char *id, size_t n);

/* Whether this writer reports skipped inputs (shard 0 of several). */
int vns__writer_reports_skips(const vns_writer *w);

/* vns_writer_add(), with the input file the article came from (kept in
 * the index; "" for none), and without clearing the thread's message. */
int vns__writer_add_from(vns_writer *w, const vns_article *a,
                         const char *origin, size_t origin_len,
                         vns_write_result *result);
/* vns_writer_delete() and vns_writer_commit(), for the library's own
 * calls (which must not clear the thread's message). */
int vns__writer_delete(vns_writer *w, const char *id, size_t id_len,
                       int *deleted);
int vns__writer_commit(vns_writer *w);

/* What this writer's vns_writer_add_path() calls have read (inputs.h). */
struct vns__inputs *vns__writer_inputs(vns_writer *w);
/* Whether walks follow symbolic links. */
vns_follow vns__writer_follow(const vns_writer *w);

#endif /* VNS_INTERNAL_H */
