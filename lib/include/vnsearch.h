/*
 * vnsearch.h - public interface of libvnsearch, an embeddable full-text
 * search library for Vietnamese text.
 *
 * This file is the authoritative documentation of the library. Anything not
 * declared here is internal and may change without notice.
 *
 * Conventions used throughout (read once):
 *   Text       All text in and out is UTF-8, passed as (pointer, byte length);
 *              it need not be NUL-terminated and may contain NUL bytes.
 *              Ill-formed UTF-8 is never an error: each ill-formed sequence
 *              counts as U+FFFD. Returned text is valid UTF-8.
 *   Offsets    Byte offsets always refer to the caller's original input.
 *   Errors     Functions that can fail return vns_status (0 = VNS_OK, < 0 =
 *              error), setters included: a bad value is refused with
 *              VNS_EINVAL, never ignored. The two calls that run a callback
 *              (vns_analyze, vns_writer_add_path) return int: a status, or
 *              the callback's non-zero value that stopped them.
 *              vns_strerror() names a code; vns_errmsg() gives detail for
 *              the most recent failure on the calling thread.
 *   Arguments  Out-parameters come first (vns_writer_open(&out, path, ...)).
 *              An accessor that returns its value (vns_results_title)
 *              takes its optional length last.
 *   Ownership  A pointer returned through an `out` parameter is owned by the
 *              caller and released with the matching *_free function.
 *              A pointer handed to a callback is borrowed: valid only during
 *              that call. Memory returned as char* is released with
 *              vns_free(). Every *_free function accepts NULL.
 *   Threads    The library has no global mutable state. A handle must not be
 *              used by two threads at once; distinct handles may be used
 *              concurrently. The library never prints and never aborts.
 */
#ifndef VNSEARCH_H
#define VNSEARCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VNS_VERSION_MAJOR 0
#define VNS_VERSION_MINOR 2
#define VNS_VERSION_PATCH 0
#define VNS_VERSION_STRING "0.2.0"
#define VNS_VERSION_NUMBER \
    (VNS_VERSION_MAJOR * 10000 + VNS_VERSION_MINOR * 100 + VNS_VERSION_PATCH)

#if defined(VNS_STATIC) || !defined(__GNUC__)
#define VNS_API
#else
#define VNS_API __attribute__((visibility("default")))
#endif

/** ## Status codes */

/** Status codes. Values are stable: new codes are appended, none is ever
 *  renumbered or removed. */
typedef enum vns_status {
    VNS_OK = 0,
    VNS_ERROR = -1,      /**< Unclassified failure; see vns_errmsg(). */
    VNS_ENOMEM = -2,     /**< Memory allocation failed. */
    VNS_EINVAL = -3,     /**< Invalid argument (NULL handle, bad option). */
    VNS_EICU = -4,       /**< ICU failed; vns_errmsg() names the ICU error. */
    VNS_EIO = -5,        /**< File system error. */
    VNS_EFORMAT = -6,    /**< Malformed input record; vns_errmsg() says why. */
    VNS_ENOTFOUND = -7,  /**< No index at that path. */
    VNS_ELOCKED = -8,    /**< Another writer holds the index. */
    VNS_ECORRUPT = -9,   /**< The index is damaged. */
    VNS_EVERSION = -10,  /**< The index has another format version. */
    VNS_EMODIFIED = -11, /**< The index changed under a reader; reopen. */
    VNS_EQUERY = -12,    /**< Query syntax error; see vns_error_offset(). */
    VNS_ENETWORK = -13,  /**< A remote shard could not be reached in time. */
    VNS_EINTERNAL = -99  /**< Bug in vnsearch; please report. */
} vns_status;

/** Returns a static English description of a status code. Never NULL. */
VNS_API const char *vns_strerror(vns_status status);

/** Returns detail for the most recent failure on the calling thread, or ""
 *  if none. Owned by the library; valid until the next vns_* call on this
 *  thread. Do not use it to detect errors: check return values. */
VNS_API const char *vns_errmsg(void);

/** Releases memory returned by the library as char*. Accepts NULL. */
VNS_API void vns_free(void *ptr);

/** Returns VNS_VERSION_NUMBER of the library actually linked. */
VNS_API unsigned vns_version_number(void);

/** Returns "libvnsearch X.Y.Z; ICU a.b; Xapian a.b.c; zlib a.b.c": the
 *  versions of the library and of the libraries it runs on. Static. */
VNS_API const char *vns_version_string(void);

/** ## Text analysis
 *
 * The analyzer turns text into the terms that are indexed and searched.
 * Index-time and query-time text go through the same code. Each word is
 *   1. read as UTF-8 (an ill-formed sequence counts as U+FFFD, a separator),
 *   2. put in Unicode NFC, so decomposed input equals precomposed input,
 *   3. case-folded, with U+00D0 / U+00F0 (Ð ð, often typed for Đ) read as đ,
 *   4. for a Vietnamese syllable, given one canonical tone-mark placement
 *      (hoà = hòa, thuỷ = thủy, vịêt = việt), while the tone itself is kept
 *      (hoa, hòa and hóa stay three words). A word that is not a Vietnamese
 *      syllable (COVID, PCI, café) is left as it is;
 * giving the token's exact form. Its folded form has every mark removed,
 * including đ -> d, and numbers without their leading zeros (07 -> 7).
 *
 * Words come from ICU's word break rules. Runs of words joined by '/', '-',
 * '.' or '_' without spaces (61/2018/NĐ-CP, QĐ-UBND, 07/12/2018, TP.HCM)
 * are also emitted whole, as a compound token, so they are findable as typed
 * and by each of their parts.
 */

/** Token flags. */
#define VNS_TOKEN_NUMBER 0x1u   /**< Made of digits only. */
#define VNS_TOKEN_COMPOUND 0x2u /**< A whole run such as 61/2018/nđ-cp. It
                                     shares the position of its first part
                                     and is emitted just before it. */
#define VNS_TOKEN_PART 0x4u     /**< A part of a compound token. */
#define VNS_TOKEN_SYLLABLE 0x8u /**< A Vietnamese syllable with a tone mark
                                     (its placement was canonicalized). */

/** Longest token, in bytes of its exact form. A longer word (a URL, a hash)
 *  is skipped but still uses a position; a longer compound is not emitted,
 *  its parts are. */
#define VNS_MAX_TOKEN_BYTES 120

/** One token, handed to a vns_token_cb. Every pointer is borrowed: valid
 *  only during the callback. New fields may be appended in later versions;
 *  the library always allocates this struct. */
typedef struct vns_token {
    const char *text;   /**< Exact form, UTF-8, not NUL-terminated. */
    size_t len;         /**< Bytes in text. */
    const char *folded; /**< Folded form (marks removed, đ -> d). */
    size_t folded_len;  /**< Bytes in folded; equal text when nothing was
                             folded. */
    size_t start;       /**< Byte offset of the token in the input. */
    size_t end;         /**< Byte offset just past the token in the input. */
    uint32_t position;  /**< Word position, from 0, one per word. */
    unsigned flags;     /**< VNS_TOKEN_* bits. */
} vns_token;

/** Receives each token in input order. Return 0 to continue; any other
 *  value stops the analysis, and vns_analyze() returns that value. */
typedef int (*vns_token_cb)(const vns_token *token, void *payload);

/** A reusable analyzer. It holds its own ICU break iterator and a cache of
 *  recent words (about 800 KB, touched as it fills), so creating one costs
 *  some microseconds and each call after that constructs no ICU object.
 *  Threads: one analyzer per thread; distinct analyzers run concurrently. */
typedef struct vns_analyzer vns_analyzer;

/** Creates an analyzer.
 *  @param[out] out  receives the analyzer; set to NULL on failure.
 *  @return VNS_OK, VNS_EINVAL, VNS_ENOMEM or VNS_EICU.
 *  Ownership: the caller owns *out; release it with vns_analyzer_free(). */
VNS_API vns_status vns_analyzer_new(vns_analyzer **out);

/** Frees an analyzer. Accepts NULL. */
VNS_API void vns_analyzer_free(vns_analyzer *analyzer);

/** Splits `text` into tokens and hands each one to `emit`.
 *  @param text  UTF-8 text, `len` bytes; NULL is allowed when len is 0.
 *  @return VNS_OK, the non-zero value `emit` returned, VNS_EINVAL,
 *          VNS_ENOMEM or VNS_EICU.
 *  Threads: uses `analyzer` exclusively for the duration of the call. */
VNS_API int vns_analyze(vns_analyzer *analyzer, const char *text, size_t len,
                        vns_token_cb emit, void *payload);

/** Number of ill-formed UTF-8 sequences that the last vns_analyze() or
 *  vns_analyzer_normalize() call on `analyzer` read as U+FFFD. */
VNS_API size_t vns_analyzer_invalid_utf8(const vns_analyzer *analyzer);

/** Flags for vns_analyzer_normalize(). */
#define VNS_NORMALIZE_FOLD 0x1u /**< Write folded forms, not exact ones. */

/** Returns `text` with every word replaced by its exact form (or, with
 *  VNS_NORMALIZE_FOLD, its folded form); the bytes between words are kept,
 *  except that ill-formed UTF-8 becomes U+FFFD. Compound tokens are written
 *  part by part. Useful to compare titles or to show what is indexed.
 *  @param[out] out      receives a NUL-terminated string; NULL on failure.
 *  @param[out] out_len  receives its length in bytes (may be NULL).
 *  @return VNS_OK, VNS_EINVAL, VNS_ENOMEM or VNS_EICU.
 *  Ownership: the caller owns *out; release it with vns_free(). */
VNS_API vns_status vns_analyzer_normalize(char **out, size_t *out_len,
                                          vns_analyzer *analyzer,
                                          const char *text, size_t len,
                                          unsigned flags);

/** ## Writing an index
 *
 * An index is a Xapian database directory. One writer at a time: a second
 * vns_writer_open() on the same index fails at once with VNS_ELOCKED.
 * Documents are committed in batches (vns_writer_set_batch()); a commit is
 * atomic, so after a crash the index holds exactly the committed batches.
 *
 * What an index holds (its terms, value slots and metadata) is not API;
 * docs/design.md ("Index schema") describes it for those who look at an
 * index with Xapian's tools: the id of an article is the term "Q<id>" and
 * value slot 2, its date "YYYYMMDD" in value slot 0.
 */

/** The on-disk format this library writes and reads (metadata key
 *  "vns:format"). An index of another format gives VNS_EVERSION. Format 2
 *  added value slot 3; format 3 the terms of adjacent words. */
#define VNS_INDEX_FORMAT 3

/** An article to index. Text is UTF-8 (pointer, length); a NULL pointer
 *  with length 0 is an absent field. Initialize with VNS_ARTICLE_INIT so
 *  that fields added in later versions start empty. */
typedef struct vns_article {
    unsigned version; /**< VNS_ARTICLE_VERSION */
    const char *id;   /**< Unique; adding an id again replaces it. */
    size_t id_len;
    const char *title;
    size_t title_len;
    const char *lead;
    size_t lead_len;
    const char *body;
    size_t body_len;
    const char *source;
    size_t source_len;
    const char *url;
    size_t url_len;
    const char *author;
    size_t author_len;
    const char *category;
    size_t category_len;
    const char *caption; /**< Image caption, indexed with the body. */
    size_t caption_len;
    uint32_t date; /**< Publication date as YYYYMMDD (20181207), a day from
                        00010101 to 99991231; 0: none. */
} vns_article;

#define VNS_ARTICLE_VERSION 1
#define VNS_ARTICLE_INIT {VNS_ARTICLE_VERSION, NULL, 0, NULL, 0, NULL, 0, \
                          NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
                          NULL, 0, 0}

/** What vns_writer_add() did to an article (also in vns_event). */
typedef enum vns_write_result {
    VNS_WRITE_ADDED = 1,    /**< A new id. */
    VNS_WRITE_UPDATED = 2,  /**< A known id whose content changed. */
    VNS_WRITE_UNCHANGED = 3, /**< A known id, same content: not written. */
    VNS_WRITE_OTHER_PART = 4 /**< Another part's (vns_writer_set_part()):
                                  not written. @since 0.2 (was
                                  VNS_WRITE_OTHER_SHARD) */
} vns_write_result;

/** An index open for writing. */
typedef struct vns_writer vns_writer;

/** Flags for vns_writer_open(). */
#define VNS_WRITER_CREATE 0x1u /**< Create the index if it does not exist. */

/** Opens the index at `path` for writing.
 *  @param[out] out  receives the writer; NULL on failure.
 *  @return VNS_OK, VNS_ELOCKED, VNS_ENOTFOUND, VNS_EVERSION, VNS_ECORRUPT,
 *          VNS_EIO, VNS_ENOMEM, VNS_EICU.
 *  Ownership: the caller owns *out; release it with vns_writer_close().
 *  Threads: a writer must not be used by two threads at once. */
VNS_API vns_status vns_writer_open(vns_writer **out, const char *path,
                                   unsigned flags);

/** How vns_writer_open_sharded() spreads articles over shards. */
typedef enum vns_shard_by {
    VNS_SHARD_BY_YEAR = 1, /**< One shard per publication year, named
                                "2019" ...; undated articles in "undated". */
    VNS_SHARD_BY_HASH = 2  /**< `count` shards "hash-0" ... by a hash of the
                                id: even sizes, for spreading over machines. */
} vns_shard_by;

/** What is at an index path: how vns_writer_open() or
 *  vns_writer_open_sharded() would find it. */
typedef enum vns_layout {
    VNS_LAYOUT_NONE = 0,   /**< Nothing: the path does not exist. */
    VNS_LAYOUT_SINGLE = 1, /**< Something without a stub file: one
                                database (or what vns_writer_open() would
                                take for one). */
    VNS_LAYOUT_SHARDED = 2 /**< A directory with a stub file `path`/XAPIANDB:
                                a sharded index. */
} vns_layout;

/** Tells what is at `path`, without opening or locking anything. Any
 *  existing path without a stub file, a regular file included, is
 *  VNS_LAYOUT_SINGLE: vns_writer_open() says whether it is an index.
 *  @param[out] out  receives the layout (VNS_LAYOUT_NONE on failure).
 *  @return VNS_OK, VNS_EIO (the path or its stub file cannot be looked
 *          at), VNS_EINVAL (NULL argument), VNS_ENOMEM.
 *  Threads: any thread. @since 0.2 */
VNS_API vns_status vns_index_layout(vns_layout *out, const char *path);

/** Opens (or with VNS_WRITER_CREATE creates) the sharded index at `path`:
 *  a directory of shard indexes and a Xapian stub file `path`/XAPIANDB
 *  listing them, which vns_index_open(path), xapian-delve and the other
 *  Xapian tools read as one index. Each article goes to its shard; a run
 *  writes only to the shards whose articles changed. With
 *  VNS_SHARD_BY_YEAR an article whose year changed moves to its new shard.
 *  The returned writer is used as any other (batches and commits apply to
 *  each shard); vns_writer_set_part() makes it write only the shards
 *  whose name hashes to its part, to build shards in several processes.
 *  The writer takes the locks of all its shards at its first change (not
 *  at open, so that vns_writer_set_part() can come first): a second
 *  writer then gets VNS_ELOCKED from that change. Opening it with another
 *  kind or count of shards than it has gives VNS_EINVAL; vns_writer_open()
 *  on it gives VNS_EINVAL too.
 *  @return as vns_writer_open(). */
VNS_API vns_status vns_writer_open_sharded(vns_writer **out, const char *path,
                                           unsigned flags, vns_shard_by by,
                                           unsigned count);

/** Creates a new index at `path` (which must not exist) written in
 *  segments: databases `seg-000000`, `seg-000001`, ... of at most
 *  `articles` documents each, filled one after the other and listed in
 *  `path`/XAPIANDB, so that the directory opens as one index (as a
 *  sharded one does). When a segment is full it is committed and closed
 *  and the next one begun, so that no database the writer fills grows
 *  past `articles`: a Xapian commit costs more the larger the database,
 *  and the segments merged by vns_index_merge() make a smaller index for
 *  less work than one database written whole (vnsearch-index --full
 *  --segment). The writer is used as any other (vns_writer_set_part(),
 *  vns_writer_keep_unread(), ...); an article given again is written in
 *  the segment being filled and deleted from the earlier one (reported
 *  VNS_WRITE_UPDATED). Deleting, counting or listing opens the closed
 *  segments again, and they stay open until vns_writer_close(). The
 *  index is written once: opened again, it is a sharded index whose
 *  names are not shards, and vns_writer_open*() refuse it (merge it).
 *  @param[out] out  receives the writer; NULL on failure.
 *  @param articles  documents per segment, at least 1.
 *  @return VNS_OK, VNS_EINVAL (NULL, 0 articles, or `path` exists),
 *          VNS_EIO, VNS_ENOMEM, VNS_EICU. On a failure after `path` was
 *          made, it is left behind: remove it before trying again.
 *  Ownership and threads: as vns_writer_open(). @since 0.2 */
VNS_API vns_status vns_writer_open_segmented(vns_writer **out,
                                             const char *path,
                                             size_t articles);

/** Sets how many written documents make a batch (per database): when a
 *  batch is full, vns_writer_add() commits it. 0 means commit only on
 *  request. Default 250 (measured fastest on corpus-vi, of 250, 1000 and
 *  3000).
 *  @return VNS_OK, VNS_EINVAL (NULL writer). @since 0.2 (was void) */
VNS_API vns_status vns_writer_set_batch(vns_writer *writer, size_t documents);

/** Adds or replaces an article; an article whose content is unchanged is
 *  not written (content hash). The article's memory is not kept.
 *  @param[out] out  receives what was done (may be NULL).
 *  @return VNS_OK, VNS_EINVAL (no id, neither title nor body, an id over
 *          200 bytes, or a date that is not a calendar day), or the errors
 *          of vns_writer_commit(). @since 0.2 (out first) */
VNS_API vns_status vns_writer_add(vns_write_result *out, vns_writer *writer,
                                  const vns_article *a);

/** Deletes the article with this id; *deleted_out (may be NULL) tells
 *  whether there was one. @since 0.2 (out first) */
VNS_API vns_status vns_writer_delete(int *deleted_out, vns_writer *writer,
                                     const char *id, size_t id_len);

/** Deletes the articles of the index whose ids were not given to this
 *  writer since it was opened (for a nightly job that re-reads all of its
 *  inputs), but only those that may go: an article read from a file
 *  (vns_writer_add_path()) goes when that file was read whole, or is gone
 *  from a directory that was read; an article of a file that could not be
 *  read whole (corrupt, truncated, too large, unreadable), or of a file
 *  outside every path read, stays. An article given by vns_writer_add()
 *  goes unless some input could not be read. *out (may be NULL)
 *  receives the count. Not committed by itself.
 *  Threads: as any writer call. @since 0.2 (out first) */
VNS_API vns_status vns_writer_delete_unseen(size_t *out, vns_writer *writer);

/** How many articles vns_writer_delete_unseen() would delete now, without
 *  deleting any: a caller can refuse a run that would empty the index
 *  (vnsearch-index --max-delete). @since 0.2 (out first) */
VNS_API vns_status vns_writer_count_unseen(size_t *out, vns_writer *writer);

/** For a rebuild (vnsearch-index --full) into a new index: copies into this
 *  writer, from the index at `previous` (any name vns_writer_open() or
 *  vns_writer_open_sharded() takes; it stays as it is), every article that
 *  this writer has not been given and that vns_writer_delete_unseen()
 *  would keep, so that an input that could not be read does not lose its
 *  articles. Call it after the inputs are read. *kept_out receives how
 *  many were copied (by this writer's part, for vns_writer_set_part()),
 *  *dropped_out how many the rebuild leaves out, *had_out how many
 *  articles `previous` holds (each may be NULL). @since 0.2 (outs first) */
VNS_API vns_status vns_writer_keep_unread(size_t *kept_out,
                                          size_t *dropped_out,
                                          uint64_t *had_out,
                                          vns_writer *writer,
                                          const char *previous);

/** Number of documents in the index now, uncommitted changes included.
 *  @since 0.2 (out first) */
VNS_API vns_status vns_writer_doc_count(uint64_t *out, vns_writer *writer);

/** Makes this writer part `index` (0-based) of `count` writers that share
 *  one build, one process each (a Xapian writer is one thread): it writes
 *  only its part (of one database: the articles whose id hashes to
 *  `index`, each part into its own database, merged afterwards with
 *  vns_index_merge(); of a sharded index: the shards whose name hashes to
 *  `index`), and only part 0 reports skipped records and files, which
 *  every part sees. count 1 makes it the whole again. It is set before the
 *  first change; after that it gives VNS_EINVAL. Parts are for building
 *  (vnsearch-index --full --jobs): an article of an existing year-sharded
 *  index that moves to a year of this part is not removed from another
 *  part's shard.
 *  @return VNS_OK, VNS_EINVAL (NULL writer, count 0, index >= count, or
 *          the writer has written).
 *  @since 0.2 (was vns_writer_set_shard(), void) */
VNS_API vns_status vns_writer_set_part(vns_writer *writer, unsigned index,
                                       unsigned count);

/** Merges the indexes at sources[0..count) into a new index at `dest`,
 *  which must not exist (Xapian compaction: the result is compact).
 *  @return VNS_OK, VNS_ENOTFOUND, VNS_ECORRUPT, VNS_EIO, VNS_EINVAL. */
VNS_API vns_status vns_index_merge(const char *dest,
                                   const char *const *sources, size_t count);

/** Commits what was written, then syncs the index directory.
 *  @return VNS_OK, VNS_EIO (a full disk among other causes: nothing of the
 *          batch is kept), VNS_ENOMEM.
 *  Known limit of Xapian 1.4.22: at a few points of a commit (2 of 41 in
 *  tests/cli/ioerror.sh, both postlist block writes) a failed write
 *  (EIO or ENOSPC) makes Xapian call std::terminate, which aborts the
 *  process; no caller can catch it. The index still holds its last
 *  commit, as after kill -9. A program that must outlive a failing disk
 *  writes from a child process; vnsearch-index turns the abort into its
 *  message and exit code 1. Xapian also loses about 500 bytes on each
 *  commit that fails that way. */
VNS_API vns_status vns_writer_commit(vns_writer *writer);

/** Number of documents committed by this writer so far. */
VNS_API uint64_t vns_writer_committed(const vns_writer *writer);

/** Closes the writer, dropping what was not committed. Accepts NULL. */
VNS_API void vns_writer_close(vns_writer *writer);

/** ## Indexing files
 *
 * vns_writer_add_path() reads article files and writes their articles:
 *   - a directory is walked recursively in byte order of names, taking
 *     regular files named *.txt, *.jsonl, *.ndjson, *.json (and the same
 *     with .gz); hidden entries are skipped, and so are FIFOs, devices and
 *     (unless vns_writer_set_follow_symlinks() says otherwise) symbolic
 *     links;
 *   - a file named explicitly is read whatever its name; "-" is stdin;
 *   - a UTF-8 byte order mark at the start of a file is skipped;
 *   - an id met a second time in the inputs of one writer is skipped and
 *     reported ("duplicate id ... (first at FILE:LINE)"): the first one
 *     read stands, in every layout;
 *   - gzip is recognized by its content. A truncated or corrupt gzip file,
 *     or one that inflates past the input limit, is skipped whole: its
 *     articles are written only after the whole file has read correctly;
 *   - JSON Lines files give one article per line; page-text files one
 *     article, whose id is the file's path relative to the directory given
 *     (or the path as given, for a file), without a final ".gz".
 * Each record and file is reported through the callback: what was written,
 * and what was skipped with its "line: reason". Skipping never stops the
 * run; only a failure of the index does.
 */

/** What a vns_event reports. @since 0.2 (VNS_EVENT_ARTICLE replaces
 *  ADDED, UPDATED and UNCHANGED; the others renumbered) */
typedef enum vns_event_kind {
    VNS_EVENT_ARTICLE = 1,        /**< An article of this writer's part was
                                       written or found as is (id, result). */
    VNS_EVENT_SKIPPED_RECORD = 2, /**< A bad record (line, message). */
    VNS_EVENT_SKIPPED_FILE = 3,   /**< A file none of whose records were
                                       read (message). */
    VNS_EVENT_FILE_DONE = 4       /**< A file was read (bytes). */
} vns_event_kind;

/** One event; every pointer is borrowed for the duration of the call. */
typedef struct vns_event {
    vns_event_kind kind;
    const char *path;   /**< The file, as named or found in the walk. */
    unsigned long line; /**< 1-based line of the record, or 0. */
    const char *id;     /**< The article's id (not NUL-terminated), or NULL. */
    size_t id_len;
    const char *message; /**< Why it was skipped, or NULL. */
    uint64_t bytes;      /**< For VNS_EVENT_FILE_DONE: bytes read. */
    vns_write_result result; /**< For VNS_EVENT_ARTICLE: ADDED, UPDATED or
                                  UNCHANGED. @since 0.2 */
} vns_event;

/** Receives events; return 0 to go on, non-zero to stop (returned). */
typedef int (*vns_event_cb)(const vns_event *event, void *payload);

/** Reads the file, directory or "-" (stdin) at `path` and writes its
 *  articles (see above).
 *  @param event  called for every record and file; may be NULL.
 *  @return VNS_OK (even when records were skipped), the callback's
 *          non-zero value, VNS_ENOTFOUND when `path` does not exist,
 *          VNS_EIO when it cannot be read, VNS_EINVAL when it is neither a
 *          regular file nor a directory (a FIFO, a device), or a failure
 *          of the index (VNS_EIO, ...). Nothing is written when `path`
 *          itself cannot be read. */
VNS_API int vns_writer_add_path(vns_writer *writer, const char *path,
                                vns_event_cb event, void *payload);

/** Whether walks follow symbolic links found in directories. A path given
 *  to vns_writer_add_path() is always followed. */
typedef enum vns_follow {
    VNS_FOLLOW_NONE = 0,   /**< Default, as find(1): links are passed over. */
    VNS_FOLLOW_INSIDE = 1, /**< Followed when they lead to a place inside
                                the path given; others are skipped and
                                reported. */
    VNS_FOLLOW_ANY = 2     /**< Followed wherever they lead. */
} vns_follow;

/** Sets how walks treat symbolic links (default VNS_FOLLOW_NONE).
 *  @return VNS_OK or VNS_EINVAL. */
VNS_API vns_status vns_writer_set_follow_symlinks(vns_writer *writer,
                                                  vns_follow follow);

/** Largest number of bytes one input file may hold, after inflating
 *  (default 512 MiB): a bigger one is skipped (gzip bombs).
 *  @return VNS_OK, VNS_EINVAL (NULL writer, or 0 bytes). @since 0.2 (was
 *          void) */
VNS_API vns_status vns_writer_set_input_limit(vns_writer *writer,
                                              uint64_t bytes);

/** ## Searching
 *
 * Query language (see the README for examples):
 *   words          all must match (accents: see below); ranked by BM25
 *   "a phrase"     the words in this order, next to each other
 *   -word -"a b"   must not match
 *   a OR b         either; binds looser than the implicit AND
 *   ( ... )        grouping
 *   title:word     in the title only; also title:"a phrase"
 * Quotes are " and the marks pasted text brings (“ ” „ « »). A phrase or
 * a group left open closes at the end of the query; a ')' that closes
 * nothing is passed over. @since 0.2 (0.1 refused them with VNS_EQUERY)
 * A word typed without marks matches every accented form (dong finds đồng,
 * động, dòng); typed with marks, that word, whatever its case, Unicode
 * form or tone placement, and its known variant spellings (Đăk, Đắk); then,
 * after every such hit and flagged (vns_results_relaxed()), documents
 * where it has other marks but stands next to the query's neighbouring
 * words as typed (bàn giao: bán giao after bàn giao; bàn alone never finds
 * bán). Abbreviations match their expansions' words and back (UBND, ủy ban
 * nhân dân). Words standing together as in the query, and words in the
 * title, rank higher. When nothing matches every word, the search relaxes
 * the marks, then the number of words, and says so
 * (vns_results_relaxation()). A text over 64 words in a group or 256
 * terms is searched as a passage: the documents holding most of its
 * words first.
 */

/** Queries longer than this, in bytes, are refused (VNS_EQUERY). */
#define VNS_QUERY_MAX_BYTES 4096
/** Queries of more index terms than this are searched as a passage (see
 *  above); 0.1 refused them. */
#define VNS_QUERY_MAX_TERMS 256

/** An index open for searching. It holds an analyzer and the abbreviation
 *  table. Threads: one handle per thread; several handles, in one process
 *  or several, may read an index while one writer updates it. */
typedef struct vns_index vns_index;

/** Opens the index at `path` for searching, with the built-in
 *  abbreviation table (corpus/abbreviations.tsv as of the build). `path`
 *  is any name vns_index_open_shards() takes.
 *  @return VNS_OK, VNS_ENOTFOUND, VNS_EVERSION, VNS_ECORRUPT, VNS_EIO,
 *          VNS_ENETWORK, VNS_ENOMEM, VNS_EICU.
 *  Ownership: the caller owns *out; release it with vns_index_close(). */
VNS_API vns_status vns_index_open(vns_index **out, const char *path);

/** Options of vns_index_open_shards(); initialize with
 *  VNS_OPEN_OPTIONS_INIT so that fields added later start at defaults. */
typedef struct vns_open_options {
    unsigned version;    /**< VNS_OPEN_OPTIONS_VERSION */
    unsigned timeout_ms; /**< Remote shards: the limit for connecting and
                              for each reply; 0 means 10,000. */
    int allow_missing;   /**< Non-zero: a shard that cannot be opened is
                              left out (vns_index_missing()) rather than
                              failing the open; at least one must open. */
} vns_open_options;
#define VNS_OPEN_OPTIONS_VERSION 1
#define VNS_OPEN_OPTIONS_INIT {VNS_OPEN_OPTIONS_VERSION, 0, 0}

/** Opens several indexes (shards) searched as one: one ranking over all
 *  of them (Xapian merges the statistics, so it equals the ranking of one
 *  index holding every article), one total; hits carry their own shard's
 *  stored fields. Each name is
 *    - a directory: an index, or, when it holds a file XAPIANDB, the
 *      shards that file lists (vnsearch-index --shard-by year writes it);
 *    - "tcp://HOST:PORT": an index served by xapian-tcpsrv;
 *    - a file: a Xapian stub file, one shard per line: "auto PATH" or
 *      "glass PATH" (relative to the file's folder), "remote HOST:PORT";
 *      blank lines and lines starting with # are skipped.
 *  Every shard must be of VNS_INDEX_FORMAT. A remote shard that stops
 *  answering during a search makes it fail with VNS_ENETWORK.
 *  @param options  may be NULL for the defaults.
 *  @return as vns_index_open(); VNS_EINVAL for a malformed name or stub. */
VNS_API vns_status vns_index_open_shards(vns_index **out,
                                         const char *const *names,
                                         size_t count,
                                         const vns_open_options *options);

/** Number of shards left out by allow_missing; results are then partial
 *  in that sense too. */
VNS_API size_t vns_index_missing_count(const vns_index *index);

/** The name of left-out shard i (as given or as listed in a stub file),
 *  or NULL; *reason (may be NULL) receives why it could not be opened.
 *  Both strings live as long as the index handle. */
VNS_API const char *vns_index_missing(const vns_index *index, size_t i,
                                      const char **reason);

/** Moves the handle to the index's latest commit. vns_search() does this
 *  by itself when a writer's commits invalidate what it was reading. */
VNS_API vns_status vns_index_reopen(vns_index *index);

/** Closes the handle. Accepts NULL. */
VNS_API void vns_index_close(vns_index *index);

/** Adds the abbreviations of a TSV file (ABBREVIATION, a tab, then
 *  expansions separated by tabs; # starts a comment line) to the table
 *  used by later vns_query_parse() calls on this index. The file must be
 *  a regular file of at most 16 MiB (a FIFO, a device or a directory is
 *  refused at once, never read).
 *  @return VNS_OK, VNS_EIO (cannot be opened or read), VNS_EFORMAT
 *          ("file:line: reason", or "FILE: is a FIFO; not an abbreviations
 *          file", "FILE: larger than 16 MiB; ..."), VNS_ENOMEM */
VNS_API vns_status vns_index_add_abbreviations(vns_index *index,
                                               const char *path);

/** Adds the spelling variants of a TSV file (spellings separated by tabs,
 *  one set per line; # starts a comment line) to those used by later
 *  vns_query_parse() calls, beside the built-in corpus/variants.tsv.
 *  Spellings that differ in their marks only (Đăk, Đắk) match each other
 *  as typed; others (Kontum, Kon Tum; one of them must be one word) match
 *  each other as an abbreviation and its expansion do. The file is read
 *  as by vns_index_add_abbreviations(), with the same errors.
 *  @since 0.2 */
VNS_API vns_status vns_index_add_variants(vns_index *index, const char *path);

/** A parsed query, with its options. */
typedef struct vns_query vns_query;

/** Parses a query for searching `index` (whose analyzer and abbreviations
 *  it uses).
 *  @return VNS_OK, VNS_EQUERY (vns_error_offset() gives the byte offset of
 *          the offending token), VNS_EINVAL, VNS_ENOMEM.
 *  Ownership: the caller owns *out; release it with vns_query_free(). */
VNS_API vns_status vns_query_parse(vns_query **out, vns_index *index,
                                   const char *text, size_t len);

/** After VNS_EQUERY on this thread: the byte offset in the query text of
 *  the offending token, or -1. */
VNS_API long vns_error_offset(void);

/** Keeps only documents dated from `from` to `to`, inclusive, as YYYYMMDD
 *  (0: no bound). Documents without a date are outside any range.
 *  @return VNS_OK, or VNS_EINVAL: a NULL query, a value that is neither 0
 *          nor a calendar day from 00010101 to 99991231, or from > to. */
VNS_API vns_status vns_query_set_dates(vns_query *query, uint32_t from,
                                       uint32_t to);

/** The order of results. */
typedef enum vns_sort {
    VNS_SORT_RELEVANCE = 0, /**< Best first; ties by id. */
    VNS_SORT_DATE = 1       /**< Newest first; undated last; ties by id. */
} vns_sort;

VNS_API vns_status vns_query_set_sort(vns_query *query, vns_sort sort);

/** The strings put around highlighted words in snippets (default "<b>"
 *  and "</b>"). Copied, and put in byte for byte. */
VNS_API vns_status vns_query_set_markers(vns_query *query, const char *open,
                                         const char *close);

/** What the query means, as three lines of text, each ending in "\n":
 *  the parsed query as a tree, e.g.
 *      AND(E:cải, cach, NOT("ha noi"), OR(ubnd, S:E:tỉnh))
 *  (a word is its folded term, or E:exact when typed with marks; S: in
 *  the title; "a phrase"; ABBR(word, "expansion"...) for an abbreviation,
 *  COMPOUND(whole, "parts") for a term like 61/2018/NĐ-CP, SPELLED(words...,
 *  =abbreviation) for words spelling an abbreviation's expansion; an AND
 *  or OR of one is shown as that one); then "highlight:" and the forms
 *  snippets mark (E: exact forms); then "fallback:" and the words searched
 *  when nothing matches all of them, with what is excluded ("less ...").
 *  The format is for people and may change between versions.
 *  Borrowed: valid until vns_query_free(); "" for a NULL query. */
VNS_API const char *vns_query_explain(const vns_query *query);

/** Frees a query. Accepts NULL. */
VNS_API void vns_query_free(vns_query *query);

/** Parses a date for a range: YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY.
 *  A month or a year stands for its first day, or with `end` its last.
 *  @param[out] out  YYYYMMDD.
 *  @return VNS_OK or VNS_EINVAL (not a date, or no such day). */
VNS_API vns_status vns_parse_date(uint32_t *out, const char *text,
                                  size_t len, int end);

/** One page of ranked results. */
typedef struct vns_results vns_results;

/** Runs the query on the index and returns hits offset .. offset+limit-1
 *  with their snippets. A commit by a writer during the search is handled
 *  by reopening and retrying, for up to 5 seconds in all (not a count of
 *  tries, which a writer committing fast could use up).
 *  @return VNS_OK (also with no hits), VNS_EMODIFIED (the index was
 *          committed faster than a search could read it for 5 s),
 *          VNS_ENETWORK (a remote shard stopped answering), VNS_ECORRUPT,
 *          VNS_EIO, VNS_ENOMEM.
 *  Ownership: the caller owns *out; release it with vns_results_free().
 *  Threads: uses `index` exclusively during the call. */
VNS_API vns_status vns_search(vns_results **out, vns_index *index,
                              const vns_query *query, size_t offset,
                              size_t limit);

/** Number of hits in this page. */
VNS_API size_t vns_results_count(const vns_results *results);
/** Number of matching documents in all. Exact whenever at most 10,000
 *  documents match: a search counts at least that many matches (or
 *  offset + limit, if more), over local and remote shards alike. Beyond
 *  that it may be Xapian's estimate: see vns_results_total_exact(). */
VNS_API uint64_t vns_results_total(const vns_results *results);
/** 1 when vns_results_total() is the exact number of matching documents;
 *  0 when it is an estimate (only ever when more than 10,000 match), and
 *  for NULL results. @since 0.2 */
VNS_API int vns_results_total_exact(const vns_results *results);
/** 1 when no document matched every word and these are the best partial
 *  matches (vns_results_relaxation() gives VNS_RELAX_WORDS). */
VNS_API int vns_results_partial(const vns_results *results);

/** How a search relaxed the query when nothing matched it as typed. */
typedef enum vns_relaxation {
    VNS_RELAX_NONE = 0,  /**< Every hit holds every word; those of a word
                              typed with marks hold it so, but for hits
                              flagged by vns_results_relaxed(). */
    VNS_RELAX_MARKS = 1, /**< Every word, with other marks than typed. */
    VNS_RELAX_WORDS = 2  /**< Some of the words (at least one) as typed
                              (a word typed with marks with them), in
                              any order: the most that any document
                              holds (all of them when only a phrase or a
                              group's structure failed). */
} vns_relaxation;

/** How the search relaxed the query. With VNS_RELAX_WORDS,
 *  *words_required (may be NULL) receives how many of the *words (may be
 *  NULL) words typed each hit holds at least (1 for a query of more than
 *  6 words: then the hits holding more and rarer words, and holding them
 *  together, rank first). @since 0.2 */
VNS_API vns_relaxation vns_results_relaxation(const vns_results *results,
                                              size_t *words_required,
                                              size_t *words);

/** 1 when hit i matched a word typed with marks with other marks (a tone
 *  off, a slip): such hits rank after every hit matching as typed.
 *  @since 0.2 */
VNS_API int vns_results_relaxed(const vns_results *results, size_t i);

/** Fields of hit i (0-based): pointers are borrowed, valid until
 *  vns_results_free(); text is UTF-8, NUL-terminated; `len` may be NULL.
 *  An absent field is "". */
VNS_API const char *vns_results_id(const vns_results *results, size_t i,
                                   size_t *len);
VNS_API const char *vns_results_title(const vns_results *results, size_t i,
                                      size_t *len);
/** The snippet: at most 200 Unicode characters (the cut marks "…"
 *  included, the markers of vns_query_set_markers() not), cut between
 *  words, from the lead, caption and body: the passage holding the most
 *  distinct query words, then the most of them standing together as
 *  typed, then the most matches, wherever it is in the text; with no
 *  query word there (an article found by its title), their start; the
 *  title only for an article without them. Line breaks become spaces.
 *  @since 0.2 (0.1: about 32 words, unbounded) */
VNS_API const char *vns_results_snippet(const vns_results *results,
                                        size_t i, size_t *len);
VNS_API const char *vns_results_source(const vns_results *results, size_t i,
                                       size_t *len);
VNS_API const char *vns_results_url(const vns_results *results, size_t i,
                                    size_t *len);
/** The hit's date as YYYYMMDD, or 0. */
VNS_API uint32_t vns_results_date(const vns_results *results, size_t i);
/** The hit's relevance score (BM25 and boosts). */
VNS_API double vns_results_score(const vns_results *results, size_t i);

/** Frees results. Accepts NULL. */
VNS_API void vns_results_free(vns_results *results);

#ifdef __cplusplus
}
#endif
#endif /* VNSEARCH_H */
