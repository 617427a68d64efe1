// xapian_shim.cc - the only C++ file in vnsearch.
//
// Xapian has a C++ API only. This file wraps what vnsearch uses of it in
// extern "C" functions declared in xapian_shim.h, so that the rest of the
// library is C11. No exception crosses this boundary: every entry point
// catches everything and turns it into a vns_status with a message.
// Coded against Xapian 1.4.22 (Debian 12).
#include <xapian.h>

#include "xapian_shim.h"

extern "C" const char *vns__xapian_version(void)
{
    return Xapian::version_string();
}
