/*
 * store.h - the stored form of an article (the Xapian document data).
 */
#ifndef VNS_STORE_H
#define VNS_STORE_H

#include "buf.h"
#include "vnsearch.h"

/* Appends the stored form of `a` to out: a version byte, then each field
 * as a varint length and its bytes, and the date, all zlib-compressed
 * behind a 4-byte uncompressed length. Returns VNS_OK or VNS_ENOMEM. */
int vns__store_encode(const vns_article *a, vns__buf *out);

/* Decodes a stored article into *a, whose pointers then point into *text
 * (malloc'd, released by the caller with free()); each field is followed
 * by a NUL. Returns VNS_OK, VNS_ECORRUPT or VNS_ENOMEM. */
int vns__store_decode(const char *data, size_t len, vns_article *a,
                      char **text);

#endif /* VNS_STORE_H */
