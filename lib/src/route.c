/*
 * route.c - the routing rule of an index (see route.h). Parts split a
 * sharded index by shard, not by id, so that each shard has one writer:
 * an id always hashes to one part, but a year shard holds ids of every
 * part.
 */
#include "route.h"

#include "hash.h"
#include "vns_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vns__route_none(vns__route *r)
{
    memset(r, 0, sizeof *r);
    r->parts = 1;
}

int vns__route_shards(vns__route *r, vns_shard_by by, unsigned count)
{
    vns__route_none(r);
    if ((by != VNS_SHARD_BY_YEAR && by != VNS_SHARD_BY_HASH) ||
        (by == VNS_SHARD_BY_HASH && (count < 1 || count > 1000)))
        return vns__error(VNS_EINVAL, "shard by year, or by hash into 1 to "
                          "1000 shards");
    r->by = by;
    r->count = count;
    return VNS_OK;
}

void vns__route_name(char out[VNS__ROUTE_NAME_MAX], const vns__route *r,
                     const vns_article *a)
{
    if (r->by == VNS_SHARD_BY_YEAR && a->date)
        snprintf(out, VNS__ROUTE_NAME_MAX, "%04u",
                 (unsigned)(a->date / 10000));
    else if (r->by == VNS_SHARD_BY_YEAR)
        snprintf(out, VNS__ROUTE_NAME_MAX, "undated");
    else if (r->by == VNS_SHARD_BY_HASH)
        snprintf(out, VNS__ROUTE_NAME_MAX, "hash-%u",
                 (unsigned)(vns__fnv32(a->id, a->id_len) % r->count));
    else
        out[0] = '\0';
}

static int is_part(const vns__route *r, const char *s, size_t n)
{
    return r->parts <= 1 || vns__fnv32(s, n) % r->parts == r->part;
}

int vns__route_owns(const vns__route *r, const char *name)
{
    return !r->by || is_part(r, name, strlen(name));
}

int vns__route_takes(const vns__route *r, const char *id, size_t n)
{
    return r->by || is_part(r, id, n);
}

int vns__route_valid(const vns__route *r, const char *name)
{
    char *end;
    if (r->by == VNS_SHARD_BY_YEAR)
        return strcmp(name, "undated") == 0 ||
               (strlen(name) == 4 && strspn(name, "0123456789") == 4);
    if (r->by != VNS_SHARD_BY_HASH || strncmp(name, "hash-", 5) != 0 ||
        !name[5])
        return 0;
    errno = 0;
    unsigned long k = strtoul(name + 5, &end, 10);
    return !errno && !*end && k < r->count;
}

int vns__route_moves(const vns__route *r)
{
    return r->by == VNS_SHARD_BY_YEAR;
}

const char *vns__route_kind(const vns__route *r)
{
    return r->by == VNS_SHARD_BY_YEAR ? "year" : "hash";
}
