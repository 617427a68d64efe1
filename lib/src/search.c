/*
 * search.c - searching an index: the index handle, queries with their
 * options, the search (with the fallback to partial matches), results
 * with snippets.
 */
#include "vnsearch.h"

#include "abbrev.h"
#include "buf.h"
#include "date.h"
#include "query.h"
#include "qwords.h"
#include "schema.h"
#include "shards.h"
#include "snippet.h"
#include "store.h"
#include "vns_internal.h"
#include "xapian_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNTED 10000 /* matches counted, at least: the total is exact up
                         to there (vnsearch.h) */

#define DEFAULT_TIMEOUT_MS 10000

struct vns_index {
    vns__xrdb *db;
    vns__missing missing; /* shards left out (allow_missing) */
    vns_analyzer *analyzer;
    vns__abbrevs abbrevs;
    vns__retry retry; /* of the search running: one deadline for all of
                         its passes */
};

struct vns_query {
    vns__query q;
    uint32_t from, to;
    vns_sort sort;
    char *open, *close;
};

typedef struct hit {
    vns_article a;
    char *text;    /* the decoded stored article */
    char *snippet; /* NUL-terminated */
    size_t snippet_len;
    double score;
    int relaxed; /* matched with other marks than typed */
} hit;

struct vns_results {
    hit *hits;
    size_t count;
    uint64_t total;
    int total_exact;
    vns_relaxation relaxation;
    size_t words_required, words;
};

static int open_shards(vns_index **out, const char *const *names,
                       size_t count, const vns_open_options *opt);

vns_status vns_index_open(vns_index **out, const char *path)
{
    vns__error_clear();
    return (vns_status)open_shards(out, &path, 1, NULL);
}

vns_status vns_index_open_shards(vns_index **out, const char *const *names,
                                 size_t count, const vns_open_options *opt)
{
    vns__error_clear();
    return (vns_status)open_shards(out, names, count, opt);
}

/* Both public openers, after clearing the thread's error message. */
static int open_shards(vns_index **out, const char *const *names,
                       size_t count, const vns_open_options *opt)
{
    vns_open_options defaults = VNS_OPEN_OPTIONS_INIT;
    unsigned timeout_ms;
    size_t opened = 0;
    vns_index *ix;
    int rc;

    if (!out || !names || !count)
        return vns__error(VNS_EINVAL, "vns_index_open: no index named");
    *out = NULL;
    if (!opt)
        opt = &defaults;
    if (opt->version != VNS_OPEN_OPTIONS_VERSION)
        return vns__error(VNS_EINVAL, "vns_open_options: initialize it with "
                          "VNS_OPEN_OPTIONS_INIT");
    timeout_ms = opt->timeout_ms ? opt->timeout_ms : DEFAULT_TIMEOUT_MS;
    if (!(ix = calloc(1, sizeof *ix)))
        return vns__error(VNS_ENOMEM, "out of memory");
    rc = vns__xrdb_new(&ix->db);
    if (rc == VNS_OK)
        rc = vns__shards_open(ix->db, names, count, timeout_ms,
                              opt->allow_missing, &ix->missing, &opened);
    if (rc == VNS_OK && opened == 0)
        rc = ix->missing.count
                 ? vns__error(VNS_ENOTFOUND, "no shard could be opened: %s",
                              ix->missing.reasons[0])
                 : vns__error(VNS_ENOTFOUND, "%s: lists no shard", names[0]);
    if (rc == VNS_OK && (rc = vns__analyzer_new(&ix->analyzer)) == VNS_OK)
        rc = vns__abbrevs_add_default(&ix->abbrevs, ix->analyzer);
    if (rc != VNS_OK) {
        vns_index_close(ix);
        return rc;
    }
    *out = ix;
    return VNS_OK;
}

size_t vns_index_missing_count(const vns_index *ix)
{
    return ix ? ix->missing.count : 0;
}

const char *vns_index_missing(const vns_index *ix, size_t i,
                              const char **reason)
{
    if (!ix || i >= ix->missing.count)
        return NULL;
    if (reason)
        *reason = ix->missing.reasons[i];
    return ix->missing.names[i];
}

vns_status vns_index_reopen(vns_index *ix)
{
    vns__error_clear();
    if (!ix)
        return vns__error(VNS_EINVAL, "vns_index_reopen: NULL index");
    return (vns_status)vns__xrdb_reopen(ix->db, NULL);
}

void vns_index_close(vns_index *ix)
{
    if (!ix)
        return;
    vns__xrdb_close(ix->db);
    vns__missing_free(&ix->missing);
    vns_analyzer_free(ix->analyzer);
    vns__abbrevs_free(&ix->abbrevs);
    free(ix);
}

vns_status vns_index_add_abbreviations(vns_index *ix, const char *path)
{
    vns__error_clear();
    if (!ix || !path)
        return vns__error(VNS_EINVAL, "vns_index_add_abbreviations: NULL");
    return (vns_status)vns__abbrevs_add_file(&ix->abbrevs, ix->analyzer,
                                             path);
}

vns_status vns_index_add_variants(vns_index *ix, const char *path)
{
    vns__error_clear();
    if (!ix || !path)
        return vns__error(VNS_EINVAL, "vns_index_add_variants: NULL");
    return (vns_status)vns__abbrevs_add_variants_file(&ix->abbrevs,
                                                      ix->analyzer, path);
}

static int set_markers(vns_query *q, const char *open, const char *close);

vns_status vns_query_parse(vns_query **out, vns_index *ix, const char *text,
                           size_t len)
{
    vns_query *q;
    int rc;

    vns__error_clear();
    if (!out || !ix || (!text && len))
        return vns__error(VNS_EINVAL, "vns_query_parse: NULL argument");
    *out = NULL;
    if (!(q = calloc(1, sizeof *q)))
        return vns__error(VNS_ENOMEM, "out of memory");
    rc = vns__query_build(&q->q, ix->analyzer, &ix->abbrevs, text ? text : "",
                          len);
    if (rc == VNS_OK)
        rc = set_markers(q, "<b>", "</b>");
    if (rc != VNS_OK) {
        long offset = q->q.error_offset;
        vns_query_free(q);
        if (rc == VNS_EQUERY)
            vns__error_set_offset(offset);
        return (vns_status)rc;
    }
    *out = q;
    return VNS_OK;
}

/* Whether ymd is a day YYYYMMDD of date.c's calendar (00010101 to
 * 99991231): vns__date_parse() reads it back as itself. */
static int is_ymd(uint32_t ymd)
{
    char iso[32];
    uint32_t back = 0;
    int n = snprintf(iso, sizeof iso, "%04u-%02u-%02u",
                     (unsigned)(ymd / 10000), (unsigned)(ymd / 100 % 100),
                     (unsigned)(ymd % 100));

    return vns__date_parse(&back, iso, (size_t)n, 0) == VNS_OK && back == ymd;
}

vns_status vns_query_set_dates(vns_query *q, uint32_t from, uint32_t to)
{
    vns__error_clear();
    if (!q)
        return vns__error(VNS_EINVAL, "vns_query_set_dates: NULL query");
    /* The range compares the values as strings, so a month 13 would not
     * fail there: it would quietly select other days. */
    if (from && !is_ymd(from))
        return vns__error(VNS_EINVAL, "vns_query_set_dates: from %u is not a "
                          "calendar date YYYYMMDD (or 0, no bound)",
                          (unsigned)from);
    if (to && !is_ymd(to))
        return vns__error(VNS_EINVAL, "vns_query_set_dates: to %u is not a "
                          "calendar date YYYYMMDD (or 0, no bound)",
                          (unsigned)to);
    if (from && to && from > to)
        return vns__error(VNS_EINVAL, "date range ends before it starts");
    q->from = from;
    q->to = to;
    return VNS_OK;
}

vns_status vns_query_set_sort(vns_query *q, vns_sort sort)
{
    vns__error_clear();
    if (!q || (sort != VNS_SORT_RELEVANCE && sort != VNS_SORT_DATE))
        return vns__error(VNS_EINVAL, "vns_query_set_sort: bad argument");
    q->sort = sort;
    return VNS_OK;
}

/* The markers are copied byte for byte, never checked or repaired:
 * vnsearch-query marks highlights with bytes that UTF-8 never holds, to
 * tell them from anything in the text. */
vns_status vns_query_set_markers(vns_query *q, const char *open,
                                 const char *close)
{
    vns__error_clear();
    if (!q || !open || !close)
        return vns__error(VNS_EINVAL, "vns_query_set_markers: NULL");
    return (vns_status)set_markers(q, open, close);
}

static int set_markers(vns_query *q, const char *open, const char *close)
{
    char *o, *c;

    if (!(o = strdup(open)) || !(c = strdup(close))) {
        free(o);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    free(q->open);
    free(q->close);
    q->open = o;
    q->close = c;
    return VNS_OK;
}

const char *vns_query_explain(const vns_query *q)
{
    return q && q->q.explain ? q->q.explain : "";
}

void vns_query_free(vns_query *q)
{
    if (!q)
        return;
    vns__query_clear(&q->q);
    free(q->open);
    free(q->close);
    free(q);
}

/* Appends the date range as a filter of the query written before it. */
static void with_dates(const vns_query *q, vns__xflat *f)
{
    char lo[VNS__DATE_BYTES + 1], hi[VNS__DATE_BYTES + 1];

    if (!q->from && !q->to) {
        vns__xflat_op(f, VNS__XOP_AND, 1, 0);
        return;
    }
    vns__schema_date(lo, q->from);
    vns__schema_date(hi, q->to ? q->to : VNS__DATE_MAX);
    vns__xflat_range(f, VNS__SLOT_DATE, lo, hi, VNS__DATE_BYTES);
    vns__xflat_op(f, VNS__XOP_FILTER, 2, 0);
}

/* After a pass failed: whether a writer's commit may be the cause, in
 * which case the handle has moved to the latest revision and the pass is
 * worth running again. Xapian says DatabaseModifiedError when commits
 * discarded the revision being read, but a block read while the writer
 * rewrites it can also look damaged ("Expected block 6 to be level 1, not
 * 0", then "EOF reading block" on every later search: seen under ASan
 * with a writer committing every few milliseconds). Damage is taken for
 * such a race only when there was a newer revision to move to, so an
 * index that nobody writes fails at once. Reopening meets commits too,
 * and can look damaged the same way after a DatabaseModifiedError. */
static int commit_may_be_cause(vns_index *ix, int *rc)
{
    int changed = 0, reopened;

    if (*rc != VNS_EMODIFIED && *rc != VNS_ECORRUPT)
        return 0;
    reopened = vns__xrdb_reopen(ix->db, &changed);
    if (reopened == VNS_OK)
        return *rc == VNS_EMODIFIED || changed;
    int writing = *rc == VNS_EMODIFIED; /* a writer is surely at work */
    *rc = reopened;
    return reopened == VNS_EMODIFIED || (reopened == VNS_ECORRUPT && writing);
}

/* The retry has run out: says so after Xapian's message. */
static int gave_up(const vns__retry *retry)
{
    char why[300];
    snprintf(why, sizeof why, "%s", vns_errmsg());
    return vns__error(VNS_EMODIFIED, "%s (still after %u tries in %d s: "
                      "the index is committed faster than a search can "
                      "read it)", why, retry->tries,
                      VNS__MODIFIED_RETRY_MS / 1000);
}

/* One pass over the index, counting `counted` matches at least. Its
 * match and its documents are read at one revision; when a writer's
 * commits discard that revision, the pass runs again on the latest one,
 * for as long as the search's retry allows. (A later pass may so read a
 * later revision than an earlier one: the relaxed level or the fallback
 * then sees what a search started a moment later would see.) */
static int run(vns_index *ix, const vns_query *q, const vns__xflat *body,
               size_t offset, size_t limit, size_t counted,
               vns__xhit **hits, size_t *count, unsigned long *total,
               int *exact)
{
    vns__xflat all = VNS__XFLAT_INIT;
    vns__xq *final;
    int rc;

    vns__xflat_append(&all, body);
    with_dates(q, &all);
    rc = vns__xflat_build(&final, &all);
    vns__xflat_free(&all);
    if (rc != VNS_OK)
        return rc;
    do
        rc = vns__xrdb_search(ix->db, final,
                              q->sort == VNS_SORT_DATE ? VNS__XSORT_DATE
                                                       : VNS__XSORT_RELEVANCE,
                              VNS__SLOT_DATE_ORDER, VNS__SLOT_ID, offset,
                              limit,
                              offset + limit > counted ? offset + limit
                                                       : counted,
                              hits, count, total, exact);
    while (commit_may_be_cause(ix, &rc) && vns__retry_again(&ix->retry));
    vns__xq_free(final);
    return rc == VNS_EMODIFIED ? gave_up(&ix->retry) : rc;
}

/* Decodes a hit's stored article and builds its snippet from the lead,
 * caption and body (or the title when there is none of them). */
static int fill_hit(vns_index *ix, const vns_query *q, const vns__xhit *x,
                    hit *h)
{
    vns__buf snip = VNS__BUF_INIT, source = VNS__BUF_INIT;
    int rc;

    h->score = x->weight;
    if ((rc = vns__store_decode(x->data, x->data_len, &h->a, &h->text)))
        return rc;
    const char *parts[] = {h->a.lead, h->a.caption, h->a.body};
    size_t lens[] = {h->a.lead_len, h->a.caption_len, h->a.body_len};
    for (size_t i = 0; i < 3; i++) {
        if (!lens[i])
            continue;
        if (source.len)
            vns__buf_append(&source, "\n", 1);
        vns__buf_append(&source, parts[i], lens[i]);
    }
    if (!source.len && h->a.title_len)
        vns__buf_append(&source, h->a.title, h->a.title_len);
    rc = vns__buf_failed(&source)
             ? vns__error(VNS_ENOMEM, "out of memory")
             : vns__snippet(ix->analyzer, source.ptr ? source.ptr : "",
                            source.len,
                            h->relaxed ? q->q.plan.loose : q->q.plan.patterns,
                            h->relaxed ? q->q.plan.nloose
                                       : q->q.plan.npatterns,
                            q->open, q->close, &snip);
    vns__buf_free(&source);
    if (rc == VNS_OK) {
        if (!snip.ptr)
            vns__buf_append(&snip, "", 0);
        h->snippet = vns__buf_detach(&snip, &h->snippet_len);
        if (!h->snippet)
            rc = vns__error(VNS_ENOMEM, "out of memory");
    }
    vns__buf_free(&snip);
    return rc;
}

/* What the passes of a search found, before the hits are filled. */
typedef struct found {
    vns__xhit *hits;
    size_t count;
    unsigned long total;
    size_t first_relaxed; /* hits from here matched with other marks */
    vns_relaxation relaxation;
    size_t words_required; /* VNS_RELAX_WORDS: of nwords */
    int estimated; /* a pass estimated its count: the total is not exact */
} found;

/* Appends a pass's hits to f's. */
static int append_hits(found *f, vns__xhit *hits, size_t count)
{
    if (count == 0) {
        free(hits);
        return VNS_OK;
    }
    vns__xhit *all = realloc(f->hits, (f->count + count) * sizeof *all);
    if (!all) {
        vns__xhits_free(hits, count);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    memcpy(all + f->count, hits, count * sizeof *hits);
    free(hits);
    f->hits = all;
    f->count += count;
    return VNS_OK;
}

/* Runs one pass for the page [offset, offset + limit) of all the passes
 * so far, the earlier ones first: adds its hits and its total. It counts
 * what is left to COUNTED: the total is exact up to there, not each
 * pass's (counting is most of a slow search's time). */
static int next_level(vns_index *ix, const vns_query *q, const vns__xflat *body,
                      size_t offset, size_t limit, found *f)
{
    vns__xhit *hits = NULL;
    size_t count = 0, skip = offset > f->total ? offset - f->total : 0;
    size_t counted = f->estimated || f->total >= COUNTED ? 0
                                                        : COUNTED - f->total;
    unsigned long total = 0;
    int exact = 0;
    int rc = run(ix, q, body, skip, limit - f->count, counted, &hits, &count,
                 &total, &exact);

    if (rc == VNS_OK)
        rc = append_hits(f, hits, count);
    f->total += total;
    f->estimated |= !exact;
    return rc;
}

/* The matches of the query as typed, then those where a word typed with
 * marks matches with others, standing with its neighbours as typed. */
static int levels(vns_index *ix, const vns_query *q, size_t offset,
                  size_t limit, found *f)
{
    const vns__qplan *plan = &q->q.plan;
    int rc = next_level(ix, q, &plan->match, offset, limit, f);
    unsigned long as_typed = f->total;

    f->first_relaxed = f->count;
    if (rc != VNS_OK || plan->nrelaxed == 0)
        return rc;
    vns__xflat body = VNS__XFLAT_INIT;
    vns__xflat_append(&body, &plan->relaxed);
    vns__xflat_append(&body, &plan->match);
    vns__xflat_op(&body, VNS__XOP_AND_NOT, 2, 0);
    rc = next_level(ix, q, &body, offset, limit, f);
    vns__xflat_free(&body);
    if (as_typed == 0 && f->total > 0)
        f->relaxation = VNS_RELAX_MARKS;
    return rc;
}

/* When nothing matches every word: every word with any marks, then fewer
 * words, most first; never a document holding none of them. */
static int fallback(vns_index *ix, const vns_query *q, size_t offset,
                    size_t limit, found *f)
{
    const vns__qplan *plan = &q->q.plan;
    size_t n = plan->nwords;
    int rc = VNS_OK;

    if (plan->nfolded) {
        f->relaxation = VNS_RELAX_MARKS;
        if ((rc = next_level(ix, q, &plan->folded, offset, limit, f)) ||
            f->total)
            return rc;
    }
    for (size_t k = n; k >= 1 && rc == VNS_OK && !f->total; k--) {
        if (k > 1 && n > VNS__QWORDS_SUBSETS)
            continue;
        vns__xflat body = VNS__XFLAT_INIT;
        vns__qwords_some(&body, plan, k);
        f->relaxation = VNS_RELAX_WORDS;
        f->words_required = k;
        rc = next_level(ix, q, &body, offset, limit, f);
        vns__xflat_free(&body);
    }
    if (!f->total) {
        f->relaxation = VNS_RELAX_NONE;
        f->words_required = 0;
    }
    return rc;
}

/* Every read of the index a search makes. */
static int read_hits(vns_index *ix, const vns_query *q, size_t offset,
                     size_t limit, found *f)
{
    int rc = levels(ix, q, offset, limit, f);

    if (rc == VNS_OK && f->total == 0) {
        vns__xhits_free(f->hits, f->count);
        memset(f, 0, sizeof *f);
        rc = fallback(ix, q, offset, limit, f);
    }
    if (rc != VNS_OK) {
        vns__xhits_free(f->hits, f->count);
        memset(f, 0, sizeof *f);
    }
    return rc;
}

vns_status vns_search(vns_results **out, vns_index *ix, const vns_query *q,
                      size_t offset, size_t limit)
{
    found f = {0};
    vns_results *r;
    int rc;

    vns__error_clear();
    if (!out || !ix || !q)
        return vns__error(VNS_EINVAL, "vns_search: NULL argument");
    *out = NULL;
    vns__retry_start(&ix->retry);
    rc = read_hits(ix, q, offset, limit, &f);
    if (rc != VNS_OK)
        return (vns_status)rc;
    if (!(r = calloc(1, sizeof *r)) ||
        !(r->hits = calloc(f.count ? f.count : 1, sizeof *r->hits))) {
        free(r);
        vns__xhits_free(f.hits, f.count);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    r->total = f.total;
    r->total_exact = !f.estimated;
    r->relaxation = f.relaxation;
    r->words_required = f.words_required;
    r->words = q->q.plan.nwords;
    for (size_t i = 0; i < f.count && rc == VNS_OK; i++, r->count++) {
        r->hits[i].relaxed =
            f.relaxation == VNS_RELAX_MARKS ||
            (f.relaxation == VNS_RELAX_NONE && i >= f.first_relaxed);
        rc = fill_hit(ix, q, &f.hits[i], &r->hits[i]);
    }
    vns__xhits_free(f.hits, f.count);
    if (rc != VNS_OK) {
        vns_results_free(r);
        return (vns_status)rc;
    }
    *out = r;
    return VNS_OK;
}

size_t vns_results_count(const vns_results *r)
{
    return r ? r->count : 0;
}

uint64_t vns_results_total(const vns_results *r)
{
    return r ? r->total : 0;
}

int vns_results_total_exact(const vns_results *r)
{
    return r ? r->total_exact : 0;
}

int vns_results_partial(const vns_results *r)
{
    return r && r->relaxation == VNS_RELAX_WORDS;
}

vns_relaxation vns_results_relaxation(const vns_results *r,
                                      size_t *words_required, size_t *words)
{
    if (words_required)
        *words_required = r ? r->words_required : 0;
    if (words)
        *words = r ? r->words : 0;
    return r ? r->relaxation : VNS_RELAX_NONE;
}

/* Stored fields are NUL-terminated (store.c); an absent one is "". */
static const char *field(const char *p, size_t n, size_t *len)
{
    if (len)
        *len = n;
    return p ? p : "";
}

#define HIT(r, i) (r && i < r->count ? &r->hits[i] : NULL)

const char *vns_results_id(const vns_results *r, size_t i, size_t *len)
{
    const hit *h = HIT(r, i);
    return h ? field(h->a.id, h->a.id_len, len) : field(NULL, 0, len);
}

const char *vns_results_title(const vns_results *r, size_t i, size_t *len)
{
    const hit *h = HIT(r, i);
    return h ? field(h->a.title, h->a.title_len, len) : field(NULL, 0, len);
}

const char *vns_results_source(const vns_results *r, size_t i, size_t *len)
{
    const hit *h = HIT(r, i);
    return h ? field(h->a.source, h->a.source_len, len) : field(NULL, 0, len);
}

const char *vns_results_url(const vns_results *r, size_t i, size_t *len)
{
    const hit *h = HIT(r, i);
    return h ? field(h->a.url, h->a.url_len, len) : field(NULL, 0, len);
}

const char *vns_results_snippet(const vns_results *r, size_t i, size_t *len)
{
    const hit *h = HIT(r, i);
    return h ? field(h->snippet, h->snippet_len, len) : field(NULL, 0, len);
}

uint32_t vns_results_date(const vns_results *r, size_t i)
{
    const hit *h = HIT(r, i);
    return h ? h->a.date : 0;
}

double vns_results_score(const vns_results *r, size_t i)
{
    const hit *h = HIT(r, i);
    return h ? h->score : 0.0;
}

int vns_results_relaxed(const vns_results *r, size_t i)
{
    const hit *h = HIT(r, i);
    return h ? h->relaxed : 0;
}

void vns_results_free(vns_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->hits[i].text);
        free(r->hits[i].snippet);
    }
    free(r->hits);
    free(r);
}
