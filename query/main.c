/*
 * vnsearch-query - search an index from the command line.
 *
 *   vnsearch-query [--db DIR]... [--from DATE] [--to DATE]
 *                  [--sort relevance|date] [--limit N] [--offset N]
 *                  [--timeout MS] [--allow-partial] [--json] QUERY...
 *   vnsearch-query [--db DIR]... --explain QUERY...
 *
 * Several --db (directories, tcp://HOST:PORT of an xapian-tcpsrv, or stub
 * files) are searched as one index.
 *
 * Text output is for people: snippets are highlighted with color when
 * stdout is a terminal, and plain otherwise. --json is for scripts: one
 * object, whose shape is a contract (docs/design.md), with highlights between
 * markers the caller chooses. --analyze shows how a text is analyzed,
 * --explain what a query means (as the index's abbreviations read it).
 *
 * Neither ever writes an article's control characters raw (an id or a
 * title from a crawl may hold terminal escapes): text output shows them
 * as \x1b or \u009b (text_print.h), JSON as \u001b.
 */
#include "json_print.h"
#include "text_print.h"
#include "vnsearch.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit codes. */
enum {
    EXIT_OK = 0,      /* the search ran (with or without hits) */
    EXIT_FAIL = 1,    /* it could not run */
    EXIT_USAGE = 2,   /* bad command line, date or query syntax */
    EXIT_NOINDEX = 3  /* no index there, a damaged one, or a shard that
                         cannot be reached */
};

#define DEFAULT_DB "vnsearch.db"
#define MAX_DBS 256

/* Highlights in text output to a terminal: the snippet is built with
 * these bytes around matches, which valid UTF-8 never holds (the library
 * returns valid UTF-8 and copies markers as given), and they become
 * colour as the escaped snippet is written. Colour codes in the article
 * itself are escaped, so they can never pass for ours. */
static const char mark_open[] = "\xFF", mark_close[] = "\xFE";
#define COLOR_OPEN "\033[1;31m"
#define COLOR_CLOSE "\033[0m"

typedef struct options {
    const char *dbs[MAX_DBS];
    size_t ndbs;
    const char *from, *to, *abbrev, *variants, *mark_open, *mark_close;
    int json, analyze, explain;
    vns_sort sort;
    long limit, offset;
    vns_open_options open;
} options;

static void usage(FILE *to)
{
    fputs("Usage: vnsearch-query [OPTION]... QUERY...\n"
          "Search the index for QUERY, e.g. cai cach hanh chinh, "
          "\"một cửa\" UBND -\"Hà Nội\".\n"
          "\n"
          "  -d, --db DIR           the index (default: $VNSEARCH_DB, else "
          DEFAULT_DB ");\n"
          "                         again for more shards searched as one: "
          "a directory,\n"
          "                         tcp://HOST:PORT (xapian-tcpsrv) or a "
          "stub file\n"
          "      --timeout MS       remote shards: limit for connecting and "
          "each reply\n"
          "                         (default 10000)\n"
          "      --allow-partial    leave out shards that cannot be opened; "
          "the results\n"
          "                         are then flagged partial\n"
          "  -f, --from DATE        published on or after DATE\n"
          "  -t, --to DATE          published on or before DATE\n"
          "                         DATE: YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or "
          "YYYY\n"
          "  -s, --sort ORDER       relevance (default) or date (newest "
          "first)\n"
          "  -n, --limit N          show N results (default 10)\n"
          "  -o, --offset N         skip the first N results\n"
          "      --json             one JSON object on stdout\n"
          "      --mark-open STR    put STR before highlighted words "
          "(--json; default <b>)\n"
          "      --mark-close STR   put STR after them (default </b>)\n"
          "      --abbreviations F  add the abbreviations of TSV file F\n"
          "      --variants F       add the spelling variants of TSV file F\n"
          "  -a, --analyze          print how QUERY is analyzed, one token "
          "a line\n"
          "  -e, --explain          print what QUERY means (its tree, the "
          "words to\n"
          "                         highlight, the fallback) without "
          "searching\n"
          "  -h, --help             show this help and exit\n"
          "  -V, --version          show versions and exit\n"
          "\n"
          "Query: words must all match; \"a phrase\"; -excluded; a OR b; "
          "( ); title:word.\n"
          "Words without marks match any accents; with marks, exactly.\n"
          "Exit status: 0 searched; 1 failure; 2 usage or query error; "
          "3 no index, a damaged one, or a shard unreachable.\n",
          to);
}

static int print_token(const vns_token *tok, void *payload)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{VNS_TOKEN_NUMBER, "number"},
                 {VNS_TOKEN_COMPOUND, "compound"},
                 {VNS_TOKEN_PART, "part"},
                 {VNS_TOKEN_SYLLABLE, "syllable"}};
    const char *sep = "";

    (void)payload;
    printf("%u\t%zu-%zu\t%.*s\t%.*s\t", (unsigned)tok->position, tok->start,
           tok->end, (int)tok->len, tok->text, (int)tok->folded_len,
           tok->folded);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (tok->flags & names[i].bit) {
            printf("%s%s", sep, names[i].name);
            sep = ",";
        }
    }
    printf("%s\n", *sep ? "" : "-");
    return 0;
}

static int analyze(const char *text)
{
    vns_analyzer *an;
    int rc;

    if ((rc = vns_analyzer_new(&an)) == VNS_OK)
        rc = vns_analyze(an, text, strlen(text), print_token, NULL);
    if (rc != VNS_OK)
        fprintf(stderr, "vnsearch-query: %s: %s\n", vns_strerror(rc),
                vns_errmsg());
    else if (vns_analyzer_invalid_utf8(an) > 0)
        fprintf(stderr, "vnsearch-query: %zu ill-formed UTF-8 sequence(s) "
                "read as U+FFFD\n", vns_analyzer_invalid_utf8(an));
    vns_analyzer_free(an);
    return rc == VNS_OK ? EXIT_OK : EXIT_FAIL;
}

static void print_date(uint32_t ymd)
{
    printf("%04u-%02u-%02u", (unsigned)(ymd / 10000),
           (unsigned)(ymd / 100 % 100), (unsigned)(ymd % 100));
}

/* Shards left out by --allow-partial: "missing": [{"shard", "reason"}]. */
static void print_json_missing(const vns_index *ix)
{
    const char *reason;

    printf(", \"missing\": [");
    for (size_t i = 0; i < vns_index_missing_count(ix); i++) {
        const char *name = vns_index_missing(ix, i, &reason);
        printf("%s{\"shard\": ", i ? ", " : "");
        vns_json_string(stdout, name, strlen(name));
        printf(", \"reason\": ");
        vns_json_string(stdout, reason, strlen(reason));
        putchar('}');
    }
    putchar(']');
}

/* "relaxation": how the query was relaxed when nothing matched it as
 * typed; with "words", how many of how many words each hit holds. */
static void print_json_relaxation(const vns_results *r)
{
    size_t required, words;
    vns_relaxation how = vns_results_relaxation(r, &required, &words);
    static const char *const names[] = {"none", "marks", "words"};

    printf(", \"relaxation\": \"%s\"", names[how]);
    if (how == VNS_RELAX_WORDS)
        printf(", \"words_required\": %zu, \"words\": %zu", required, words);
}

static void print_json(const char *query, const vns_index *ix,
                       const vns_results *r, long offset)
{
    size_t n = vns_results_count(r), len;
    const char *s;

    printf("{\"format\": 1, \"query\": ");
    vns_json_string(stdout, query, strlen(query));
    printf(", \"total\": %llu, \"total_exact\": %s, \"partial\": %s",
           (unsigned long long)vns_results_total(r),
           vns_results_total_exact(r) ? "true" : "false",
           vns_results_partial(r) || vns_index_missing_count(ix) ? "true"
                                                                  : "false");
    if (vns_index_missing_count(ix))
        print_json_missing(ix);
    print_json_relaxation(r);
    printf(", \"hits\": [");
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"rank\": %ld, \"id\": ", i ? ", " : "",
               offset + (long)i + 1);
        s = vns_results_id(r, i, &len);
        vns_json_string(stdout, s, len);
        printf(", \"title\": ");
        s = vns_results_title(r, i, &len);
        vns_json_string(stdout, s, len);
        printf(", \"date\": ");
        if (vns_results_date(r, i)) {
            putchar('"');
            print_date(vns_results_date(r, i));
            putchar('"');
        } else {
            printf("null");
        }
        printf(", \"score\": %.4f, \"other_marks\": %s, \"snippet\": ",
               vns_results_score(r, i),
               vns_results_relaxed(r, i) ? "true" : "false");
        s = vns_results_snippet(r, i, &len);
        vns_json_string(stdout, s, len);
        putchar('}');
    }
    printf("]}\n");
}

/* A field of a hit, escaped (text_print.h). */
static void print_field(const char *s, size_t len)
{
    vns_text_string(stdout, s, len);
}

/* A snippet, escaped, with mark_open/mark_close turned into colour. */
static void print_snippet(const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != mark_open[0] && s[i] != mark_close[0])
            continue;
        vns_text_string(stdout, s + from, i - from);
        fputs(s[i] == mark_open[0] ? COLOR_OPEN : COLOR_CLOSE, stdout);
        from = i + 1;
    }
    vns_text_string(stdout, s + from, len - from);
}

/* Says how the query was relaxed, if it was. */
static void print_text_relaxation(const vns_results *r)
{
    size_t required, words;
    switch (vns_results_relaxation(r, &required, &words)) {
    case VNS_RELAX_NONE:
        return;
    case VNS_RELAX_MARKS:
        printf("No article has the words with the marks typed; these have "
               "them with others. ");
        return;
    case VNS_RELAX_WORDS:
        printf("No article has every word; the closest ones (%zu of the %zu "
               "words at least). ", required, words);
        return;
    }
}

static void print_text(const vns_results *r, long offset)
{
    size_t n = vns_results_count(r), len;
    const char *s;

    if (n == 0) {
        printf("No results.\n");
        return;
    }
    print_text_relaxation(r);
    printf("%zu of %s%llu results:\n", n,
           vns_results_total_exact(r) ? "" : "about ",
           (unsigned long long)vns_results_total(r));
    for (size_t i = 0; i < n; i++) {
        printf("\n%ld. ", offset + (long)i + 1);
        s = vns_results_title(r, i, &len);
        print_field(s, len);
        printf("\n   ");
        if (vns_results_date(r, i)) {
            print_date(vns_results_date(r, i));
            printf("  ");
        }
        s = vns_results_id(r, i, &len);
        print_field(s, len);
        printf("  (%.4f)%s\n", vns_results_score(r, i),
               vns_results_relaxed(r, i) ? "  other marks" : "");
        s = vns_results_snippet(r, i, &len);
        if (len) {
            printf("   ");
            print_snippet(s, len);
            putchar('\n');
        }
    }
}

/* A query syntax error, with a caret under the offending byte. */
static void query_error(const char *query)
{
    long at = vns_error_offset();
    fprintf(stderr, "vnsearch-query: %s\n", vns_errmsg());
    if (at >= 0 && (size_t)at <= strlen(query)) {
        fprintf(stderr, "  %s\n  ", query);
        for (long i = 0; i < at; i++)
            if (((unsigned char)query[i] & 0xC0) != 0x80)
                fputc(' ', stderr);
        fputs("^\n", stderr);
    }
}

/* The library's message, escaped: it names shards, which may come from a
 * stub file. */
static void print_errmsg(void)
{
    vns_text_string(stderr, vns_errmsg(), strlen(vns_errmsg()));
}

/* The library's message names the index or shard at fault. */
static int open_failure(const options *o, int rc)
{
    fputs("vnsearch-query: ", stderr);
    if (rc == VNS_EIO) { /* e.g. "idx: Permission denied" */
        fputs("cannot read the index: ", stderr);
        print_errmsg();
    } else if (rc == VNS_ENOTFOUND && o->ndbs == 1) {
        print_errmsg();
        fputs(" (build one with vnsearch-index --db ", stderr);
        vns_text_string(stderr, o->dbs[0], strlen(o->dbs[0]));
        fputs(" PATH...)", stderr);
    } else {
        fprintf(stderr, "%s: ", vns_strerror(rc));
        print_errmsg();
    }
    fputc('\n', stderr);
    return rc == VNS_ENOTFOUND || rc == VNS_ECORRUPT ||
                   rc == VNS_EVERSION || rc == VNS_ENETWORK
               ? EXIT_NOINDEX
               : EXIT_FAIL;
}

/* With --allow-partial, the shards left out, on stderr. */
static void report_missing(const vns_index *ix)
{
    const char *reason;
    for (size_t i = 0; i < vns_index_missing_count(ix); i++) {
        if (vns_index_missing(ix, i, &reason)) {
            fputs("vnsearch-query: shard left out: ", stderr);
            vns_text_string(stderr, reason, strlen(reason));
            fputc('\n', stderr);
        }
    }
}

static int search(const options *o, const char *query)
{
    vns_index *ix = NULL;
    vns_query *q = NULL;
    vns_results *r = NULL;
    uint32_t from = 0, to = 0;
    int rc, tty = !o->json && isatty(STDOUT_FILENO);

    if (o->from && vns_parse_date(&from, o->from, strlen(o->from), 0)) {
        fprintf(stderr, "vnsearch-query: --from: %s\n", vns_errmsg());
        return EXIT_USAGE;
    }
    if (o->to && vns_parse_date(&to, o->to, strlen(o->to), 1)) {
        fprintf(stderr, "vnsearch-query: --to: %s\n", vns_errmsg());
        return EXIT_USAGE;
    }
    if ((rc = vns_index_open_shards(&ix, o->dbs, o->ndbs, &o->open)) !=
        VNS_OK)
        return open_failure(o, rc);
    report_missing(ix);
    if ((o->abbrev && (rc = vns_index_add_abbreviations(ix, o->abbrev))) ||
        (o->variants && (rc = vns_index_add_variants(ix, o->variants)))) {
        fprintf(stderr, "vnsearch-query: %s\n", vns_errmsg());
        vns_index_close(ix);
        return rc == VNS_EFORMAT ? EXIT_USAGE : EXIT_FAIL;
    }
    if ((rc = vns_query_parse(&q, ix, query, strlen(query))) != VNS_OK) {
        if (rc == VNS_EQUERY)
            query_error(query);
        else
            fprintf(stderr, "vnsearch-query: %s\n", vns_errmsg());
        vns_index_close(ix);
        return rc == VNS_EQUERY ? EXIT_USAGE : EXIT_FAIL;
    }
    if (o->explain) {
        fputs(vns_query_explain(q), stdout);
        rc = EXIT_OK;
        goto done;
    }
    if ((rc = vns_query_set_dates(q, from, to)) != VNS_OK) {
        fprintf(stderr, "vnsearch-query: --from is after --to\n");
        rc = EXIT_USAGE;
        goto done;
    }
    vns_query_set_sort(q, o->sort);
    if (o->json)
        vns_query_set_markers(q, o->mark_open, o->mark_close);
    else
        vns_query_set_markers(q, tty ? mark_open : "",
                              tty ? mark_close : "");
    if ((rc = vns_search(&r, ix, q, (size_t)o->offset, (size_t)o->limit)) !=
        VNS_OK) {
        rc = open_failure(o, rc);
        goto done;
    }
    if (o->json)
        print_json(query, ix, r, o->offset);
    else
        print_text(r, o->offset);
    rc = EXIT_OK;
done:
    vns_results_free(r);
    vns_query_free(q);
    vns_index_close(ix);
    return rc;
}

/* A number from `min` to 100000; `what` names it in the message. */
static int number_arg(const char *name, const char *what, long min,
                      const char *arg, long *out)
{
    char *end;
    errno = 0;
    *out = strtol(arg, &end, 10);
    if (errno || end == arg || *end || *out < min || *out > 100000) {
        fprintf(stderr, "vnsearch-query: %s: not %s from %ld to 100000: "
                "%s\nTry 'vnsearch-query --help'.\n", name, what, min, arg);
        return 0;
    }
    return 1;
}

static int count_arg(const char *name, const char *arg, long *out)
{
    return number_arg(name, "a count", 0, arg, out);
}

int main(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_OPEN, OPT_CLOSE, OPT_ABBREV, OPT_VARIANTS, OPT_TIMEOUT,
           OPT_PARTIAL };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"sort", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, OPT_JSON},
        {"mark-open", required_argument, NULL, OPT_OPEN},
        {"mark-close", required_argument, NULL, OPT_CLOSE},
        {"abbreviations", required_argument, NULL, OPT_ABBREV},
        {"variants", required_argument, NULL, OPT_VARIANTS},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"allow-partial", no_argument, NULL, OPT_PARTIAL},
        {"analyze", no_argument, NULL, 'a'},
        {"explain", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    static options o;
    const char *env_db = getenv("VNSEARCH_DB");
    vns_open_options open_defaults = VNS_OPEN_OPTIONS_INIT;
    long timeout_ms;
    int opt, rc;

    o.mark_open = "<b>";
    o.mark_close = "</b>";
    o.sort = VNS_SORT_RELEVANCE;
    o.limit = 10;
    o.open = open_defaults;
    /* "+": options stop at the first word of the query, so that
     * -excluded words are query, not options. */
    while ((opt = getopt_long(argc, argv, "+d:f:t:s:n:o:aehV", longopts,
                              NULL)) != -1) {
        switch (opt) {
        case 'd':
            if (o.ndbs == MAX_DBS) {
                fprintf(stderr, "vnsearch-query: more than %d --db\n",
                        MAX_DBS);
                return EXIT_USAGE;
            }
            o.dbs[o.ndbs++] = optarg;
            break;
        case OPT_PARTIAL: o.open.allow_missing = 1; break;
        case OPT_TIMEOUT:
            /* 0 would be no time at all (the library reads it as its
             * default, which is not what was asked). */
            if (!number_arg("--timeout", "a time in milliseconds", 1,
                            optarg, &timeout_ms))
                return EXIT_USAGE;
            o.open.timeout_ms = (unsigned)timeout_ms;
            break;
        case 'f': o.from = optarg; break;
        case 't': o.to = optarg; break;
        case OPT_JSON: o.json = 1; break;
        case OPT_OPEN: o.mark_open = optarg; break;
        case OPT_CLOSE: o.mark_close = optarg; break;
        case OPT_ABBREV: o.abbrev = optarg; break;
        case OPT_VARIANTS: o.variants = optarg; break;
        case 'a': o.analyze = 1; break;
        case 'e': o.explain = 1; break;
        case 's':
            if (strcmp(optarg, "relevance") == 0) {
                o.sort = VNS_SORT_RELEVANCE;
            } else if (strcmp(optarg, "date") == 0) {
                o.sort = VNS_SORT_DATE;
            } else {
                fprintf(stderr, "vnsearch-query: --sort: relevance or date, "
                        "not %s\nTry 'vnsearch-query --help'.\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n':
            if (!count_arg("--limit", optarg, &o.limit))
                return EXIT_USAGE;
            break;
        case 'o':
            if (!count_arg("--offset", optarg, &o.offset))
                return EXIT_USAGE;
            break;
        case 'h':
            usage(stdout);
            return EXIT_OK;
        case 'V':
            printf("vnsearch-query %s (%s)\n", VNS_VERSION_STRING,
                   vns_version_string());
            return EXIT_OK;
        default:
            fputs("Try 'vnsearch-query --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (o.ndbs == 0)
        o.dbs[o.ndbs++] = env_db && *env_db ? env_db : DEFAULT_DB;
    if (optind >= argc) {
        fputs("vnsearch-query: no QUERY\nTry 'vnsearch-query --help'.\n",
              stderr);
        return EXIT_USAGE;
    }
    /* The words of the command line, joined by spaces, are the query. */
    size_t total = 1;
    for (int i = optind; i < argc; i++)
        total += strlen(argv[i]) + 1;
    char *query = malloc(total);
    if (!query)
        return EXIT_FAIL;
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        strcat(query, argv[i]);
        if (i + 1 < argc)
            strcat(query, " ");
    }
    rc = o.analyze ? analyze(query) : search(&o, query);
    free(query);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("vnsearch-query: stdout");
        return EXIT_FAIL;
    }
    return rc;
}
