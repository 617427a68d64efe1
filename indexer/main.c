/*
 * vnsearch-index - build and update an index from article files.
 *
 * The index itself arrives with issue 3; this is the program's frame, with
 * the options every program has.
 */
#include "vnsearch.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

enum { EXIT_USAGE = 2 };

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int opt;

    while ((opt = getopt_long(argc, argv, "hV", options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            fputs("Usage: vnsearch-index [--help] [--version]\n"
                  "Indexing is not built yet.\n", stdout);
            return EXIT_SUCCESS;
        case 'V':
            printf("vnsearch-index %s (%s)\n", VNS_VERSION_STRING,
                   vns_version_string());
            return EXIT_SUCCESS;
        default:
            fputs("Try 'vnsearch-index --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    fputs("vnsearch-index: indexing is not built yet\n", stderr);
    return EXIT_FAILURE;
}
