// set_mempolicy(2) has no glibc wrapper (libnuma provides one; we do not link it).
#ifndef SWIFTLET_CSHIMS_MEMPOLICY_H
#define SWIFTLET_CSHIMS_MEMPOLICY_H

long sw_set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode);

#endif
