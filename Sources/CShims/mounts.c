#define _GNU_SOURCE
#include "mounts.h"
#include <fcntl.h>
#include <unistd.h>
#include <sys/statfs.h>

int sw_statfs(const char *path, int64_t *type, uint64_t *flags) {
    struct statfs s;
    int r = statfs(path, &s);
    if (r == 0) { *type = (int64_t)s.f_type; *flags = (uint64_t)s.f_flags; }
    return r;
}
int sw_fstatfs(int fd, int64_t *type, uint64_t *flags) {
    struct statfs s;
    int r = fstatfs(fd, &s);
    if (r == 0) { *type = (int64_t)s.f_type; *flags = (uint64_t)s.f_flags; }
    return r;
}
int sw_dup3(int oldfd, int newfd, int flags) { return dup3(oldfd, newfd, flags); }
int sw_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }
