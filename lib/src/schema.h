/*
 * schema.h - what a vnsearch index holds: every term prefix, value slot,
 * encoding and metadata key, in one place. dbwriter.c writes them;
 * qmatch.c, qwords.c, search.c and the shim read them. A change here that
 * readers of an older index cannot follow bumps VNS_INDEX_FORMAT, and
 * vnsearch-index --full rewrites the index.
 *
 * Terms, per word of the title, lead, caption and body (in that order,
 * each field's positions VNS__FIELD_GAP after the last one's, so that no
 * phrase spans two fields). Compound tokens (61/2018/nđ-cp) give the same
 * terms at their first part's position.
 *
 *   prefix  term                        written       read by
 *   ""      folded form, positional     every word    unaccented words,
 *                                                     phrases, pairs, the
 *                                                     fallback
 *   "E"     exact form, no positions    words whose   accented words
 *                                       exact form
 *                                       differs
 *   "S"     folded form, no positions   title words   title:
 *   "P"     two folded forms and a      each two      words standing
 *           space: "Pcai cach"          adjacent      together (the
 *           (no positions)              words of a    match's boost),
 *                                       field         abbreviations
 *                                                     written apart
 *   "Q"     the article's id            one per doc   replace and delete,
 *                                                     listing the ids
 *
 * Title words count VNS__TITLE_WDF times (BM25 weighs them higher), and
 * so do title pairs. The parts of a compound pair with each other and
 * with the words around them; the compound itself pairs with nothing.
 * Format 3 added the pairs.
 */
#ifndef VNS_SCHEMA_H
#define VNS_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#define VNS__PREFIX_WORD ""
#define VNS__PREFIX_EXACT "E"
#define VNS__PREFIX_TITLE "S"
#define VNS__PREFIX_PAIR "P"
#define VNS__PREFIX_ID "Q"

#define VNS__TITLE_WDF 3
#define VNS__FIELD_GAP 100

/* Value slots. */
enum vns__slot {
    /* "YYYYMMDD" (vns__schema_date); absent when undated. Date ranges
     * (search.c) compare it as a string. */
    VNS__SLOT_DATE = 0,
    /* 16 lowercase hex digits: 64-bit FNV-1a of the article as given
     * (hash.h). An article whose hash is stored is not written again. */
    VNS__SLOT_HASH = 1,
    /* The id, as bytes: ties of equal relevance go by it (search). */
    VNS__SLOT_ID = 2,
    /* Date order (vns__schema_date_order): newest first as ascending
     * bytes, then the id, in one value, because Xapian's remote backend
     * cannot sort by a key of two. Format 2 added it. */
    VNS__SLOT_DATE_ORDER = 3,
    /* The absolute path of the input file the article was read from
     * (inputs.h); absent for articles given to vns_writer_add(). Read by
     * the writer alone, to tell a removed article from an unread one. */
    VNS__SLOT_ORIGIN = 4
};

/* Metadata key holding VNS_INDEX_FORMAT in decimal. A writer sets it on
 * an empty index and refuses another value; readers refuse another too. */
#define VNS__META_FORMAT "vns:format"

#define VNS__DATE_BYTES 8
#define VNS__DATE_NONE_LAST 99999999u /* the date order of "undated" */
#define VNS__DATE_MAX 99999999u       /* above every date: an open range */

/* Writes date (YYYYMMDD; 0 gives "00000000", below every date) as
 * "YYYYMMDD" and a NUL. */
void vns__schema_date(char out[VNS__DATE_BYTES + 1], uint32_t date);

/* Writes the 8-byte date key of the date order (99999999 minus the date,
 * so 0, undated, sorts last) and a NUL; the id follows it in the value. */
void vns__schema_date_order(char out[VNS__DATE_BYTES + 1], uint32_t date);

#endif /* VNS_SCHEMA_H */
