/*
 * version.c - the library's version, and those of the libraries it runs on
 * as loaded at run time (SQLite's header/library check, made visible).
 */
#include "vns_internal.h"
#include "xapian_shim.h"

#include <pthread.h>
#include <stdio.h>

#include <unicode/uversion.h>
#include <zlib.h>

static char version_text[128];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void make_version_text(void)
{
    UVersionInfo icu;
    char icu_text[U_MAX_VERSION_STRING_LENGTH];

    u_getVersion(icu);
    u_versionToString(icu, icu_text);
    snprintf(version_text, sizeof version_text,
             "libvnsearch %s; ICU %s; Xapian %s; zlib %s", VNS_VERSION_STRING,
             icu_text, vns__xapian_version(), zlibVersion());
}

unsigned vns_version_number(void)
{
    return VNS_VERSION_NUMBER;
}

const char *vns_version_string(void)
{
    pthread_once(&version_once, make_version_text);
    return version_text;
}
