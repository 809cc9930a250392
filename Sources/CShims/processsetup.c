#define _GNU_SOURCE
#include "processsetup.h"
#include <unistd.h>
#include <sys/syscall.h>

#define SW_KEYCTL_SETPERM 5
#define SW_KEYCTL_DESCRIBE 6

long sw_keyctl_describe(int32_t key, char *buf, size_t len) { return syscall(SYS_keyctl, SW_KEYCTL_DESCRIBE, key, buf, len); }
long sw_keyctl_setperm(int32_t key, uint32_t perm) { return syscall(SYS_keyctl, SW_KEYCTL_SETPERM, key, perm); }
// The kernel's struct rlimit64 is two u64 in (cur, max) order.
int sw_prlimit(pid_t pid, int resource, const uint64_t *limits, uint64_t *old) {
    return (int)syscall(SYS_prlimit64, pid, resource, limits, old);
}
int sw_sched_setaffinity(pid_t pid, size_t len, const void *mask) { return (int)syscall(SYS_sched_setaffinity, pid, len, mask); }
