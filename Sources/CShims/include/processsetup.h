// Shims for the container process setup (ProcessSetup module): keyctl and
// prlimit have no importable glibc wrapper with a stable Swift signature.
#ifndef SWIFTLET_CSHIMS_PROCESSSETUP_H
#define SWIFTLET_CSHIMS_PROCESSSETUP_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

long sw_keyctl_describe(int32_t key, char *buf, size_t len);
long sw_keyctl_setperm(int32_t key, uint32_t perm);
// limits[0] = soft (rlim_cur), limits[1] = hard (rlim_max); old may be NULL.
int sw_prlimit(pid_t pid, int resource, const uint64_t *limits, uint64_t *old);

int sw_sched_setaffinity(pid_t pid, size_t len, const void *mask);

#endif
