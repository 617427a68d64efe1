/*
 * writer.h - what the library's own modules use of a vns_writer: ingest.c
 * (files into a writer) and unseen.c (the articles a run was not given).
 */
#ifndef VNS_WRITER_H
#define VNS_WRITER_H

#include "dbwriter.h"
#include "idset.h"
#include "vnsearch.h"

#include <stddef.h>
#include <stdint.h>

/* The writer's limit on the inflated size of one input file. */
uint64_t vns__writer_input_limit(const vns_writer *w);

/* Whether this writer reports problems with its inputs (skipped records
 * and files): only one of the writers sharing a build does, since each
 * reads every input (vns_writer_set_part). */
int vns__writer_reports_inputs(const vns_writer *w);

/* vns_writer_add(), with the input file the article came from (kept in
 * the index; "" for none), and without clearing the thread's message. */
int vns__writer_add(vns_write_result *out, vns_writer *w,
                    const vns_article *a, const char *origin,
                    size_t origin_len);
/* vns_writer_delete() and vns_writer_commit(), for the library's own
 * calls (which must not clear the thread's message). */
int vns__writer_delete(int *deleted_out, vns_writer *w, const char *id,
                       size_t id_len);
int vns__writer_commit(vns_writer *w);

/* What this writer's vns_writer_add_path() calls have read (inputs.h). */
struct vns__inputs *vns__writer_inputs(vns_writer *w);
/* Whether walks follow symbolic links. */
vns_follow vns__writer_follow(const vns_writer *w);

/* Calls cb with every database this writer writes (opening them, which
 * takes their locks); a non-zero return stops and is returned. */
typedef int (*vns__writer_db_cb)(vns__dbw *d, void *payload);
int vns__writer_each_db(vns_writer *w, vns__writer_db_cb cb, void *payload);

/* The ids given to this writer since it opened. */
const vns__idset *vns__writer_seen(const vns_writer *w);

#endif /* VNS_WRITER_H */
