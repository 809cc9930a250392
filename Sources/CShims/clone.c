#define _GNU_SOURCE
#include "clone.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

struct sw_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

pid_t sw_clone3(uint64_t flags, int cgroup_fd, int *pidfd) {
    struct sw_clone_args a;
    memset(&a, 0, sizeof(a));
    int fd = -1;
    a.flags = flags;
    if (pidfd) { a.flags |= CLONE_PIDFD; a.pidfd = (uint64_t)(uintptr_t)&fd; }
    if (cgroup_fd >= 0) { a.flags |= CLONE_INTO_CGROUP; a.cgroup = (uint64_t)cgroup_fd; }
    a.exit_signal = SIGCHLD;
    pid_t r = (pid_t)syscall(SYS_clone3, &a, sizeof(a));
    if (r > 0 && pidfd) *pidfd = fd;
    return r;
}
