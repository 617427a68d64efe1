/*
 * route.h - which database of an index an article goes to, and which of
 * them this process writes.
 *
 * An index is one database (rule "none", named "") or a directory of
 * shards named by publication year ("2019", ..., "undated") or by a hash
 * of the id ("hash-0", ...). A build may be shared by `parts` writers, one
 * process each: part k writes the ids that hash to k (one database) or
 * the shards whose name hashes to k (shards), so that no two processes
 * write one database.
 */
#ifndef VNS_ROUTE_H
#define VNS_ROUTE_H

#include "vnsearch.h"

#include <stddef.h>

#define VNS__ROUTE_NAME_MAX 16 /* "hash-999", "undated", a year, "" */

typedef struct vns__route {
    vns_shard_by by;  /* 0: one database */
    unsigned count;   /* VNS_SHARD_BY_HASH: the number of shards */
    unsigned part, parts;
} vns__route;

/* The rule of one database, written whole. */
void vns__route_none(vns__route *r);
/* A rule of shards; VNS_EINVAL unless by year, or by hash into 1 to 1000
 * shards. */
int vns__route_shards(vns__route *r, vns_shard_by by, unsigned count);

/* Writes the name of the database the article goes to. */
void vns__route_name(char out[VNS__ROUTE_NAME_MAX], const vns__route *r,
                     const vns_article *a);
/* Whether this part writes the database `name`, as a whole. */
int vns__route_owns(const vns__route *r, const char *name);
/* Whether this part writes the article with this id into its database
 * (owned). */
int vns__route_takes(const vns__route *r, const char *id, size_t n);
/* Whether `name` is a database name of this rule (a shard's). */
int vns__route_valid(const vns__route *r, const char *name);
/* Whether an article can change database when it changes (year shards):
 * it is then deleted from the others. */
int vns__route_moves(const vns__route *r);
/* The rule's name in messages: "year", "hash". */
const char *vns__route_kind(const vns__route *r);

#endif /* VNS_ROUTE_H */
