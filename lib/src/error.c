/*
 * error.c - status strings and the thread-local error detail.
 *
 * The detail buffer has a fixed size (curl's CURL_ERROR_SIZE idea), so that
 * recording an error never allocates and works after an allocation failure.
 */
#include "vns_internal.h"

#include <stdio.h>
#include <stdlib.h>

#define ERRMSG_SIZE 512

static _Thread_local char errmsg[ERRMSG_SIZE];
static _Thread_local long error_offset = -1;

static const struct {
    int status;
    const char *text;
} status_texts[] = {
    {VNS_OK, "success"},
    {VNS_ERROR, "error"},
    {VNS_ENOMEM, "out of memory"},
    {VNS_EINVAL, "invalid argument"},
    {VNS_EICU, "ICU error"},
    {VNS_EIO, "input/output error"},
    {VNS_EFORMAT, "malformed input record"},
    {VNS_ENOTFOUND, "no index there"},
    {VNS_ELOCKED, "index locked by another writer"},
    {VNS_ECORRUPT, "index damaged"},
    {VNS_EVERSION, "index format version not supported"},
    {VNS_EMODIFIED, "index modified while reading"},
    {VNS_EQUERY, "query syntax error"},
    {VNS_ENETWORK, "remote shard unreachable"},
    {VNS_EINTERNAL, "internal error (a bug in vnsearch; please report it)"},
};

const char *vns_strerror(vns_status status)
{
    for (size_t i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
        if (status_texts[i].status == status)
            return status_texts[i].text;
    return "unknown status code";
}

const char *vns_errmsg(void)
{
    return errmsg;
}

int vns__error(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(errmsg, sizeof errmsg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof errmsg) {
        /* Cut on a character boundary: the detail is always valid UTF-8. */
        size_t end = sizeof errmsg - 1;
        while (end > 0 && ((unsigned char)errmsg[end] & 0xC0) == 0x80)
            end--;
        errmsg[end] = '\0';
    }
    return status;
}

void vns__error_clear(void)
{
    errmsg[0] = '\0';
    error_offset = -1;
}

void vns__error_set_offset(long offset)
{
    error_offset = offset;
}

long vns_error_offset(void)
{
    return error_offset;
}

void vns_free(void *ptr)
{
    free(ptr);
}
