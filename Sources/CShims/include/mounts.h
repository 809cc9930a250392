#ifndef SWIFTLET_MOUNTS_H
#define SWIFTLET_MOUNTS_H
#include <stdint.h>

// statfs(2)/fstatfs(2): <sys/statfs.h> is not part of Swift's Glibc module.
// Returns 0 and fills f_type/f_flags, or -1 with errno.
int sw_statfs(const char *path, int64_t *type, uint64_t *flags);
int sw_fstatfs(int fd, int64_t *type, uint64_t *flags);
// GNU-only fd calls Swift cannot see without _GNU_SOURCE.
int sw_dup3(int oldfd, int newfd, int flags);
int sw_pipe2(int fds[2], int flags);
#endif
