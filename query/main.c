/*
 * vnsearch-query - search an index from the command line.
 *
 * Searching arrives with the index (issues 3 and 4). For now the program
 * shows what the analyzer makes of a text: --analyze prints one token per
 * line, which is also how the README's quick start demonstrates it.
 */
#include "vnsearch.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_USAGE = 2 };

static void usage(FILE *to)
{
    fputs("Usage: vnsearch-query --analyze TEXT...\n"
          "Show how vnsearch analyzes TEXT: one token per line, as\n"
          "  position <TAB> start-end <TAB> exact <TAB> folded <TAB> flags\n"
          "where start-end are byte offsets into TEXT.\n"
          "\n"
          "  -a, --analyze   print the tokens of TEXT\n"
          "  -h, --help      show this help and exit\n"
          "  -V, --version   show versions and exit\n",
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

static int analyze(int argc, char **argv)
{
    vns_analyzer *an;
    size_t total = 0;
    char *text;
    int rc;

    for (int i = 0; i < argc; i++)
        total += strlen(argv[i]) + 1;
    if (!(text = malloc(total + 1))) {
        fprintf(stderr, "vnsearch-query: out of memory\n");
        return EXIT_FAILURE;
    }
    text[0] = '\0';
    for (int i = 0; i < argc; i++) {
        strcat(text, argv[i]);
        if (i + 1 < argc)
            strcat(text, " ");
    }
    if ((rc = vns_analyzer_new(&an)) == VNS_OK)
        rc = vns_analyze(an, text, strlen(text), print_token, NULL);
    if (rc != VNS_OK)
        fprintf(stderr, "vnsearch-query: %s: %s\n", vns_strerror(rc),
                vns_errmsg());
    else if (vns_analyzer_invalid_utf8(an) > 0)
        fprintf(stderr, "vnsearch-query: %zu ill-formed UTF-8 sequence(s) "
                "read as U+FFFD\n", vns_analyzer_invalid_utf8(an));
    vns_analyzer_free(an);
    free(text);
    return rc == VNS_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"analyze", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int opt, want_analyze = 0, rc;

    while ((opt = getopt_long(argc, argv, "ahV", options, NULL)) != -1) {
        switch (opt) {
        case 'a':
            want_analyze = 1;
            break;
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        case 'V':
            printf("vnsearch-query %s (%s)\n", VNS_VERSION_STRING,
                   vns_version_string());
            return EXIT_SUCCESS;
        default:
            fputs("Try 'vnsearch-query --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!want_analyze || optind >= argc) {
        fputs("vnsearch-query: searching is not built yet; use --analyze "
              "TEXT\nTry 'vnsearch-query --help'.\n", stderr);
        return EXIT_USAGE;
    }
    rc = analyze(argc - optind, argv + optind);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("vnsearch-query: stdout");
        return EXIT_FAILURE;
    }
    return rc;
}
