#ifndef SWIFTLET_CLONE_H
#define SWIFTLET_CLONE_H
#include <stdint.h>
#include <sys/types.h>

// Raw clone3 without a new stack: the child resumes on a copy of the caller's
// stack, like fork(), but namespaces and the target cgroup are set atomically.
// Returns the child's pid in the parent, 0 in the child, -1 on error (errno).
// `pidfd` receives a pidfd when non-NULL. `cgroup_fd` >= 0 requests
// CLONE_INTO_CGROUP (cgroup v2 only).
pid_t sw_clone3(uint64_t flags, int cgroup_fd, int *pidfd);
#endif
