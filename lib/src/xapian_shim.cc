// xapian_shim.cc - the only C++ file in vnsearch.
//
// Xapian has a C++ API only. This file wraps what vnsearch uses of it in
// extern "C" functions declared in xapian_shim.h, so that the rest of the
// library is C11. No exception crosses this boundary: every entry point is
// `try { ... } catch (...) { return status_from_exception(side, what); }`,
// and status_from_exception() (a Lippincott function, as in notmuch) maps
// each Xapian error to a vns_status and records Xapian's message.
// Coded against Xapian 1.4.22 (Debian 12).
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

extern "C" {
#include "schema.h"
#include "vns_internal.h"
}
#include "xapian_shim.h"

struct vns__xdb {
    Xapian::WritableDatabase db;
    Xapian::Database readonly; // used instead when opened read-only
    bool is_readonly;
};

// The database to read from, whichever way it was opened.
static Xapian::Database &reading(vns__xdb *db)
{
    return db->is_readonly ? db->readonly : db->db;
}

struct vns__xdoc {
    Xapian::Document doc;
};

struct vns__xrdb {
    Xapian::Database db;
};

struct vns__xshard {
    Xapian::Database db;
};

struct vns__xq {
    Xapian::Query q;
};

// For a reader, a DatabaseError that is not about opening or locking the
// database means the index is damaged; a writer sees I/O failures (a full
// disk) the same way, so for it that is VNS_EIO.
enum side { WRITING, READING };

static int status_from_exception(enum side side, const char *what)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return vns__error(VNS_ELOCKED, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return vns__error(VNS_ENOTFOUND, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseVersionError &e) {
        return vns__error(VNS_EVERSION, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseCorruptError &e) {
        return vns__error(VNS_ECORRUPT, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::NetworkError &e) {
        const char *why = e.get_error_string();
        return vns__error(VNS_ENETWORK, "%s: %s%s%s%s", what,
                          e.get_msg().c_str(), why ? " (" : "",
                          why ? why : "", why ? ")" : "");
    } catch (const Xapian::DatabaseModifiedError &e) {
        return vns__error(VNS_EMODIFIED, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return vns__error(VNS_EIO, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseError &e) {
        // The system's reason (No space left on device) is kept apart.
        const char *why = e.get_error_string();
        return vns__error(side == READING ? VNS_ECORRUPT : VNS_EIO,
                          "%s: %s%s%s%s", what, e.get_msg().c_str(),
                          why ? " (" : "", why ? why : "", why ? ")" : "");
    } catch (const Xapian::DocNotFoundError &e) {
        return vns__error(VNS_ECORRUPT, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::SerialisationError &e) {
        return vns__error(VNS_ECORRUPT, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::Error &e) {
        return vns__error(VNS_ERROR, "%s: %s: %s", what, e.get_type(),
                          e.get_msg().c_str());
    } catch (const std::bad_alloc &) {
        return vns__error(VNS_ENOMEM, "%s: out of memory", what);
    } catch (const std::exception &e) {
        return vns__error(VNS_EINTERNAL, "%s: %s", what, e.what());
    } catch (...) {
        return vns__error(VNS_EINTERNAL, "%s: unknown exception", what);
    }
}

// Copies s into a malloc'd, NUL-terminated buffer.
static int copy_out(const std::string &s, char **out, size_t *len)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        return vns__error(VNS_ENOMEM, "out of memory");
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *out = p;
    if (len)
        *len = s.size();
    return VNS_OK;
}

extern "C" const char *vns__xapian_version(void)
{
    return Xapian::version_string();
}

extern "C" int vns__xdb_open(vns__xdb **out, const char *path, int create)
{
    *out = nullptr;
    try {
        int flags = create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        *out = new vns__xdb{Xapian::WritableDatabase(path, flags),
                            Xapian::Database(), false};
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, path);
    }
}

extern "C" int vns__xdb_open_readonly(vns__xdb **out, const char *path)
{
    *out = nullptr;
    try {
        *out = new vns__xdb{Xapian::WritableDatabase(),
                            Xapian::Database(path), true};
        return VNS_OK;
    } catch (...) {
        return status_from_exception(READING, path);
    }
}

extern "C" void vns__xdb_close(vns__xdb *db)
{
    if (!db)
        return;
    if (db->is_readonly) {
        delete db;
        return;
    }
    try {
        // Xapian would commit pending changes on close: a transaction
        // cancelled first drops them, as a crash would.
        db->db.begin_transaction(false);
        db->db.cancel_transaction();
    } catch (...) {
        // Closing must not fail; whatever was pending is lost either way.
    }
    try {
        db->db.close();
    } catch (...) {
    }
    delete db;
}

extern "C" int vns__xdb_commit(vns__xdb *db)
{
    try {
        db->db.commit();
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "commit");
    }
}

extern "C" int vns__xdb_doccount(vns__xdb *db, unsigned long *count)
{
    try {
        *count = reading(db).get_doccount();
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "document count");
    }
}

extern "C" int vns__xdb_get_metadata(vns__xdb *db, const char *key,
                                     char **out, size_t *len)
{
    *out = nullptr;
    if (len)
        *len = 0;
    try {
        std::string value = reading(db).get_metadata(key);
        return value.empty() ? VNS_OK : copy_out(value, out, len);
    } catch (...) {
        return status_from_exception(WRITING, "read metadata");
    }
}

extern "C" int vns__xdb_set_metadata(vns__xdb *db, const char *key,
                                     const char *value, size_t len)
{
    try {
        db->db.set_metadata(key, std::string(value, len));
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "write metadata");
    }
}

extern "C" int vns__xdb_replace(vns__xdb *db, const char *uterm,
                                size_t uterm_len, vns__xdoc *doc)
{
    try {
        db->db.replace_document(std::string(uterm, uterm_len), doc->doc);
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "write document");
    }
}

extern "C" int vns__xdb_delete(vns__xdb *db, const char *uterm,
                               size_t uterm_len)
{
    try {
        db->db.delete_document(std::string(uterm, uterm_len));
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "delete document");
    }
}

extern "C" int vns__xdb_read(vns__xdb *db, const char *uterm,
                             size_t uterm_len, const unsigned *slots,
                             size_t n, char **values, size_t *lens,
                             char **data, size_t *data_len, int *found)
{
    *found = 0;
    for (size_t i = 0; i < n; i++)
        values[i] = nullptr;
    if (data)
        *data = nullptr;
    try {
        Xapian::Database &d = reading(db);
        std::string term(uterm, uterm_len);
        Xapian::PostingIterator it = d.postlist_begin(term);
        if (it == d.postlist_end(term))
            return VNS_OK;
        Xapian::Document doc = d.get_document(*it);
        *found = 1;
        int rc = VNS_OK;
        for (size_t i = 0; i < n && rc == VNS_OK; i++)
            rc = copy_out(doc.get_value(slots[i]), &values[i], &lens[i]);
        if (rc == VNS_OK && data)
            rc = copy_out(doc.get_data(), data, data_len);
        return rc;
    } catch (...) {
        return status_from_exception(db->is_readonly ? READING : WRITING,
                                     "read document");
    }
}

extern "C" int vns__xdb_each_term(vns__xdb *db, const char *prefix,
                                  int (*cb)(const char *, size_t, void *),
                                  void *payload)
{
    try {
        Xapian::Database &d = reading(db);
        for (Xapian::TermIterator it = d.allterms_begin(prefix);
             it != d.allterms_end(prefix); ++it) {
            std::string term = *it;
            int rc = cb(term.data(), term.size(), payload);
            if (rc)
                return rc;
        }
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "list terms");
    }
}

extern "C" int vns__xdb_compact(const char *dest, const char *const *sources,
                                size_t count)
{
    try {
        Xapian::Database all;
        for (size_t i = 0; i < count; i++)
            all.add_database(Xapian::Database(sources[i]));
        all.compact(dest);
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, dest);
    }
}

extern "C" int vns__xdoc_new(vns__xdoc **out)
{
    try {
        *out = new vns__xdoc;
        return VNS_OK;
    } catch (...) {
        *out = nullptr;
        return status_from_exception(WRITING, "new document");
    }
}

extern "C" void vns__xdoc_free(vns__xdoc *doc)
{
    delete doc;
}

extern "C" void vns__xdoc_clear(vns__xdoc *doc)
{
    // A fresh Document: Xapian's clear_terms() keeps internal state that a
    // new object does not, and assignment cannot throw here.
    doc->doc = Xapian::Document();
}

extern "C" int vns__xdoc_add_posting(vns__xdoc *doc, const char *term,
                                     size_t len, unsigned position,
                                     unsigned wdf_inc)
{
    try {
        doc->doc.add_posting(std::string(term, len), position, wdf_inc);
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "add term");
    }
}

extern "C" int vns__xdoc_add_term(vns__xdoc *doc, const char *term,
                                  size_t len, unsigned wdf_inc)
{
    try {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "add term");
    }
}

extern "C" int vns__xdoc_set_value(vns__xdoc *doc, unsigned slot,
                                   const char *data, size_t len)
{
    try {
        doc->doc.add_value(slot, std::string(data, len));
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "set value");
    }
}

extern "C" int vns__xdoc_set_data(vns__xdoc *doc, const char *data,
                                  size_t len)
{
    try {
        doc->doc.set_data(std::string(data, len));
        return VNS_OK;
    } catch (...) {
        return status_from_exception(WRITING, "set data");
    }
}

// Reading.

extern "C" int vns__xrdb_new(vns__xrdb **out)
{
    *out = new (std::nothrow) vns__xrdb{};
    return *out ? VNS_OK : vns__error(VNS_ENOMEM, "out of memory");
}

extern "C" int vns__xrdb_open_shard(vns__xshard **out, const char *path,
                                    const char *host, unsigned port,
                                    unsigned timeout_ms, const char *format)
{
    *out = nullptr;
    try {
        Xapian::Database shard =
            host ? Xapian::Remote::open(host, port, timeout_ms, timeout_ms)
                 : Xapian::Database(path);
        std::string found = shard.get_metadata(VNS__META_FORMAT);
        if (found != format)
            return vns__error(VNS_EVERSION, "%s: index format %s; this "
                              "vnsearch reads format %s", path,
                              found.empty() ? "(none)" : found.c_str(),
                              format);
        *out = new vns__xshard{shard};
        return VNS_OK;
    } catch (const Xapian::DatabaseNotFoundError &) {
        return status_from_exception(READING, path);
    } catch (const Xapian::DatabaseVersionError &) {
        return status_from_exception(READING, path);
    } catch (const Xapian::DatabaseLockError &) {
        return status_from_exception(READING, path);
    } catch (const Xapian::DatabaseOpeningError &e) {
        // The system's reason (Permission denied) is kept apart, and
        // "Failed to open glass revision file" alone does not say it.
        const char *why = e.get_error_string();
        return vns__error(VNS_EIO, "%s: %s%s%s%s", path, e.get_msg().c_str(),
                          why ? " (" : "", why ? why : "", why ? ")" : "");
    } catch (...) {
        return status_from_exception(READING, path);
    }
}

extern "C" int vns__xrdb_add_shard(vns__xrdb *db, const vns__xshard *shard)
{
    try {
        db->db.add_database(shard->db);
        return VNS_OK;
    } catch (...) {
        return status_from_exception(READING, "add shard");
    }
}

extern "C" void vns__xrdb_shard_free(vns__xshard *shard)
{
    delete shard;
}

extern "C" int vns__xrdb_reopen(vns__xrdb *db, int *changed)
{
    try {
        bool moved = db->db.reopen();
        if (changed)
            *changed = moved;
        return VNS_OK;
    } catch (...) {
        return status_from_exception(READING, "reopen");
    }
}

extern "C" void vns__xrdb_close(vns__xrdb *db)
{
    delete db;
}

// One operator node: replaces the last x.count queries of the stack by
// their combination. False when there are not so many.
static bool combine(std::vector<Xapian::Query> &stack, const vns__xnode &x)
{
    static const Xapian::Query::op ops[] = {
        Xapian::Query::OP_AND, Xapian::Query::OP_OR,
        Xapian::Query::OP_AND_NOT, Xapian::Query::OP_AND_MAYBE,
        Xapian::Query::OP_FILTER, Xapian::Query::OP_PHRASE,
        Xapian::Query::OP_SYNONYM};
    if (x.count > stack.size())
        return false;
    std::vector<Xapian::Query>::iterator first = stack.end() - x.count;
    Xapian::Query q(ops[x.op], first, stack.end(), x.arg);
    stack.erase(first, stack.end());
    stack.push_back(q);
    return true;
}

extern "C" int vns__xq_build(vns__xq **out, const vns__xnode *nodes,
                             size_t n, const char *bytes)
{
    *out = nullptr;
    try {
        std::vector<Xapian::Query> stack;
        for (size_t i = 0; i < n; i++) {
            const vns__xnode &x = nodes[i];
            const char *s = bytes + x.off;
            if (x.op == VNS__XOP_TERM) {
                stack.push_back(Xapian::Query(std::string(s, x.len)));
            } else if (x.op == VNS__XOP_VALUE_RANGE) {
                stack.push_back(Xapian::Query(
                    Xapian::Query::OP_VALUE_RANGE, x.arg,
                    std::string(s, x.len), std::string(s + x.len, x.len)));
            } else if (x.op == VNS__XOP_NOTHING) {
                stack.push_back(Xapian::Query::MatchNothing);
            } else if (x.op == VNS__XOP_SCALE && x.count == 1 &&
                       !stack.empty()) {
                stack.back() = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                             stack.back(), x.arg / 100.0);
            } else if (x.op > VNS__XOP_SYNONYM || !combine(stack, x)) {
                return vns__error(VNS_EINTERNAL, "query node %zu of %zu is "
                                  "malformed", i, n);
            }
        }
        if (stack.size() != 1)
            return vns__error(VNS_EINTERNAL, "query nodes leave %zu queries, "
                              "not one", stack.size());
        *out = new vns__xq{stack[0]};
        return VNS_OK;
    } catch (...) {
        return status_from_exception(READING, "building the query");
    }
}

extern "C" void vns__xq_free(vns__xq *q)
{
    delete q;
}

extern "C" void vns__xhits_free(vns__xhit *hits, size_t count)
{
    for (size_t i = 0; hits && i < count; i++) {
        std::free(hits[i].id);
        std::free(hits[i].data);
    }
    std::free(hits);
}

extern "C" int vns__xrdb_search(vns__xrdb *db, const vns__xq *q,
                                enum vns__xsort sort,
                                unsigned date_order_slot,
                                unsigned id_slot,
                                unsigned long offset,
                                unsigned long limit,
                                unsigned long check_at_least,
                                vns__xhit **hits, size_t *count,
                                unsigned long *estimate, int *exact)
{
    vns__xhit *out = nullptr;
    size_t n = 0, slots = 0; // out has `slots` zeroed entries

    *hits = nullptr;
    *count = 0;
    *estimate = 0;
    *exact = 0;
    try {
        Xapian::Enquire enquire(db->db);
        enquire.set_query(q->q);
        if (sort == VNS__XSORT_DATE) {
            enquire.set_sort_by_value_then_relevance(date_order_slot, false);
        } else {
            enquire.set_sort_by_relevance_then_value(id_slot, false);
        }
        // Xapian stops counting once it has the best `limit`, and then
        // estimates; check_at_least makes it count that many first.
        Xapian::MSet mset = enquire.get_mset(
            static_cast<Xapian::doccount>(offset),
            static_cast<Xapian::doccount>(limit),
            static_cast<Xapian::doccount>(std::min<unsigned long>(
                check_at_least, Xapian::doccount(-1))));
        slots = mset.size() ? mset.size() : 1;
        out = static_cast<vns__xhit *>(std::calloc(slots, sizeof *out));
        if (!out)
            throw std::bad_alloc();
        // Documents are read here, within the try: their values and data
        // come from the same revision as the match, or the whole search
        // is run again.
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end();
             ++it, ++n) {
            Xapian::Document doc = it.get_document();
            out[n].weight = it.get_weight();
            if (copy_out(doc.get_value(id_slot), &out[n].id,
                         &out[n].id_len) != VNS_OK ||
                copy_out(doc.get_data(), &out[n].data, &out[n].data_len) !=
                    VNS_OK)
                throw std::bad_alloc();
        }
        *hits = out;
        *count = n;
        *estimate = mset.get_matches_estimated();
        *exact = mset.get_matches_lower_bound() ==
                 mset.get_matches_upper_bound();
        return VNS_OK;
    } catch (...) {
        vns__xhits_free(out, slots);
        return status_from_exception(READING, "search");
    }
}
