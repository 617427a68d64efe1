/*
 * xapian_shim.h - the C face of xapian_shim.cc, the only C++ file.
 */
#ifndef VNS_XAPIAN_SHIM_H
#define VNS_XAPIAN_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Xapian's version at run time, e.g. "1.4.22". Static; never throws. */
const char *vns__xapian_version(void);

#ifdef __cplusplus
}
#endif
#endif /* VNS_XAPIAN_SHIM_H */
