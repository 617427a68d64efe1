/*
 * schema.c - the encodings of schema.h.
 */
#include "schema.h"

#include <stdio.h>

void vns__schema_date(char out[VNS__DATE_BYTES + 1], uint32_t date)
{
    snprintf(out, VNS__DATE_BYTES + 1, "%08u", (unsigned)date);
}

void vns__schema_date_order(char out[VNS__DATE_BYTES + 1], uint32_t date)
{
    snprintf(out, VNS__DATE_BYTES + 1, "%08u",
             (unsigned)(VNS__DATE_NONE_LAST - date));
}
