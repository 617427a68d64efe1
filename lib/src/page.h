/*
 * page.h - a news page's text into an article.
 */
#ifndef VNS_PAGE_H
#define VNS_PAGE_H

#include "article.h"
#include "normalize.h"

/* Parses the text of one page (any UTF-8; it is put in NFC and repaired
 * first) into *a, all fields but the id. Returns VNS_OK, VNS_EFORMAT with
 * the reason in why[] ("no title", "line 5: impossible date 31/02/2019"),
 * VNS_ENOMEM or VNS_EICU. */
int vns__page_parse(const vns__normalizer *nz, const char *text, size_t n,
                    vns__article *a, char *why, size_t why_size);

#endif /* VNS_PAGE_H */
