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

/* The writer's limit on the inflated size of one input file. */
uint64_t vns__writer_input_limit(const vns_writer *w);

/* Documents written since this writer's last commit. */
size_t vns__writer_pending(const vns_writer *w);

/* Whether this writer was given the id since it opened. */
int vns__writer_has_seen(const vns_writer *w, const char *id, size_t n);

/* FNV-1a, 32 bits: which shard an id (or a shard name) goes to. */
uint32_t vns__fnv1a(const char *bytes, size_t n);

/* Whether this writer reports skipped inputs (shard 0 of several). */
int vns__writer_reports_skips(const vns_writer *w);

#endif /* VNS_INTERNAL_H */
