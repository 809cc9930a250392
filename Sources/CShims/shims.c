#define _GNU_SOURCE
#include "CShims.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#ifndef SYS_fsopen
#define SYS_fsopen 430
#endif
#ifndef SYS_fsconfig
#define SYS_fsconfig 431
#endif
#ifndef SYS_fsmount
#define SYS_fsmount 432
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef SYS_sched_setattr
#define SYS_sched_setattr 314
#endif

pid_t sw_fork(void) { return fork(); }
int sw_prctl(int o, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5) { return prctl(o, a2, a3, a4, a5); }
int sw_ioctl_int(int fd, unsigned long r, int v) { return ioctl(fd, r, v); }
int sw_ioctl_ptr(int fd, unsigned long r, void *a) { return ioctl(fd, r, a); }
int sw_fcntl_int(int fd, int cmd, int arg) { return fcntl(fd, cmd, arg); }
int sw_fcntl(int fd, int cmd) { return fcntl(fd, cmd); }
int sw_pidfd_open(pid_t pid, unsigned int flags) { return (int)syscall(SYS_pidfd_open, pid, flags); }
int sw_pidfd_send_signal(int pidfd, int sig, unsigned int flags) { return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, flags); }
int sw_close_range(unsigned int first, unsigned int last, unsigned int flags) { return (int)syscall(SYS_close_range, first, last, flags); }
int sw_execveat(int dirfd, const char *path, char *const argv[], char *const envp[], int flags) { return (int)syscall(SYS_execveat, dirfd, path, argv, envp, flags); }
int sw_setns(int fd, int nstype) { return setns(fd, nstype); }
int sw_unshare(int flags) { return unshare(flags); }
int sw_personality(unsigned long p) { return personality(p); }
long sw_keyctl_join_session(const char *name) { return syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, name); }
int sw_capget(void *h, void *d) { return (int)syscall(SYS_capget, h, d); }
int sw_capset(void *h, void *d) { return (int)syscall(SYS_capset, h, d); }
// Raw syscalls: glibc's wrappers broadcast the change to all threads with a
// signal, which is pointless (we are single-threaded) and costly.
int sw_setresuid(uid_t r, uid_t e, uid_t s) { return (int)syscall(SYS_setresuid, r, e, s); }
int sw_setresgid(gid_t r, gid_t e, gid_t s) { return (int)syscall(SYS_setresgid, r, e, s); }
int sw_setgroups(size_t n, const gid_t *l) { return (int)syscall(SYS_setgroups, n, l); }
int sw_sched_setattr(pid_t pid, void *attr, unsigned int flags) { return (int)syscall(SYS_sched_setattr, pid, attr, flags); }
int sw_ioprio_set(int which, int who, int ioprio) { return (int)syscall(SYS_ioprio_set, which, who, ioprio); }
int sw_seccomp(unsigned int op, unsigned int flags, void *args) { return (int)syscall(SYS_seccomp, op, flags, args); }
pid_t sw_gettid(void) { return (pid_t)syscall(SYS_gettid); }

int sw_pivot_root(const char *n, const char *o) { return (int)syscall(SYS_pivot_root, n, o); }
int sw_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve) {
    uint64_t how[3] = { flags, mode, resolve };
    return (int)syscall(SYS_openat2, dirfd, path, how, sizeof(how));
}
int sw_open_tree(int d, const char *p, unsigned int f) { return (int)syscall(SYS_open_tree, d, p, f); }
int sw_move_mount(int fd, const char *fp, int td, const char *tp, unsigned int f) { return (int)syscall(SYS_move_mount, fd, fp, td, tp, f); }
int sw_mount_setattr(int d, const char *p, unsigned int f, uint64_t set, uint64_t clr, uint64_t prop, uint64_t userns) {
    uint64_t attr[4] = { set, clr, prop, userns };
    return (int)syscall(SYS_mount_setattr, d, p, f, attr, sizeof(attr));
}
int sw_fsopen(const char *n, unsigned int f) { return (int)syscall(SYS_fsopen, n, f); }
int sw_fsconfig(int fd, unsigned int cmd, const char *k, const void *v, int aux) { return (int)syscall(SYS_fsconfig, fd, cmd, k, v, aux); }
int sw_fsmount(int fd, unsigned int f, unsigned int a) { return (int)syscall(SYS_fsmount, fd, f, a); }
int sw_memfd_create(const char *n, unsigned int f) { return (int)syscall(SYS_memfd_create, n, f); }

ssize_t sw_send_fd(int sock, int fd, const void *data, size_t len) {
    char byte = 0;
    struct iovec iov = { .iov_base = data ? (void *)data : &byte, .iov_len = data ? len : 1 };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    memset(&u, 0, sizeof(u));
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t r;
    do { r = sendmsg(sock, &msg, MSG_NOSIGNAL); } while (r < 0 && errno == EINTR);
    return r;
}

ssize_t sw_recv_fd(int sock, int *fd, void *data, size_t len) {
    char byte;
    struct iovec iov = { .iov_base = data ? data : &byte, .iov_len = data ? len : 1 };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
    ssize_t r;
    do { r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC); } while (r < 0 && errno == EINTR);
    *fd = -1;
    if (r < 0) return r;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        memcpy(fd, CMSG_DATA(c), sizeof(int));
    return r;
}

int sw_sigset_fill_block(sigset_t *old) { sigset_t all; sigfillset(&all); return sigprocmask(SIG_BLOCK, &all, old); }
int sw_sigset_restore(const sigset_t *old) { return sigprocmask(SIG_SETMASK, old, NULL); }
int sw_sigset_unblock_all(void) { sigset_t none; sigemptyset(&none); return sigprocmask(SIG_SETMASK, &none, NULL); }
int sw_sigwait_all(int *sig) { sigset_t all; sigfillset(&all); return sigwait(&all, sig); }
int sw_signal_default_all(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; s++) {
        if (s == SIGKILL || s == SIGSTOP) continue;
        sigaction(s, &sa, NULL);
    }
    return 0;
}

int sw_errno(void) { return errno; }
void sw_set_errno(int e) { errno = e; }
int sw_wifexited(int s) { return WIFEXITED(s); }
int sw_wexitstatus(int s) { return WEXITSTATUS(s); }
int sw_wifsignaled(int s) { return WIFSIGNALED(s); }
int sw_wtermsig(int s) { return WTERMSIG(s); }
