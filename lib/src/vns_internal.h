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

/* vns_analyzer_new() and vns_analyze(), for the library's own calls:
 * they leave the thread's message alone unless they fail. */
int vns__analyzer_new(vns_analyzer **out);
int vns__analyze(vns_analyzer *an, const char *text, size_t len,
                 vns_token_cb emit, void *payload);

/* Sets the byte offset vns_error_offset() reports (after VNS_EQUERY). */
void vns__error_set_offset(long offset);

#endif /* VNS_INTERNAL_H */
