// Thin wrappers over kernel interfaces Swift cannot call directly (variadic
// functions, raw syscalls without a glibc wrapper). No logic lives here.
#ifndef SWIFTLET_CSHIMS_H
#define SWIFTLET_CSHIMS_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <signal.h>

// process
pid_t sw_fork(void);
int sw_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5);
int sw_ioctl_int(int fd, unsigned long request, int value);
int sw_ioctl_ptr(int fd, unsigned long request, void *arg);
int sw_fcntl_int(int fd, int cmd, int arg);
int sw_fcntl(int fd, int cmd);
int sw_pidfd_open(pid_t pid, unsigned int flags);
int sw_pidfd_send_signal(int pidfd, int sig, unsigned int flags);
int sw_close_range(unsigned int first, unsigned int last, unsigned int flags);
int sw_execveat(int dirfd, const char *path, char *const argv[], char *const envp[], int flags);
int sw_setns(int fd, int nstype);
int sw_unshare(int flags);
int sw_personality(unsigned long persona);
long sw_keyctl_join_session(const char *name);
int sw_capget(void *header, void *data);
int sw_capset(void *header, void *data);
int sw_setresuid(uid_t r, uid_t e, uid_t s);
int sw_setresgid(gid_t r, gid_t e, gid_t s);
int sw_setgroups(size_t n, const gid_t *list);
int sw_sched_setattr(pid_t pid, void *attr, unsigned int flags);
int sw_ioprio_set(int which, int who, int ioprio);
int sw_seccomp(unsigned int op, unsigned int flags, void *args);
pid_t sw_gettid(void);

// filesystem
int sw_pivot_root(const char *new_root, const char *put_old);
int sw_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);
int sw_open_tree(int dirfd, const char *path, unsigned int flags);
int sw_move_mount(int from_dirfd, const char *from_path, int to_dirfd, const char *to_path, unsigned int flags);
int sw_mount_setattr(int dirfd, const char *path, unsigned int flags, uint64_t attr_set, uint64_t attr_clr, uint64_t propagation, uint64_t userns_fd);
int sw_fsopen(const char *fsname, unsigned int flags);
int sw_fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux);
int sw_fsmount(int fd, unsigned int flags, unsigned int attr_flags);
int sw_memfd_create(const char *name, unsigned int flags);

// fd passing over unix sockets (SCM_RIGHTS); cmsg macros are not importable
ssize_t sw_send_fd(int sock, int fd, const void *data, size_t len);
ssize_t sw_recv_fd(int sock, int *fd, void *data, size_t len);

// signals: sigset macros are not importable everywhere
int sw_sigset_fill_block(sigset_t *old);
int sw_sigset_restore(const sigset_t *old);
int sw_sigset_unblock_all(void);
int sw_sigwait_all(int *sig);
int sw_signal_default_all(void);

// errno access that survives optimisation across the Swift boundary
int sw_errno(void);
void sw_set_errno(int e);

// wait status decoding
int sw_wifexited(int status);
int sw_wexitstatus(int status);
int sw_wifsignaled(int status);
int sw_wtermsig(int status);

#endif
#include "clone.h"
#include "rename.h"
#include "cgroups.h"
#include "processsetup.h"
#include "seccompload.h"
#include "mounts.h"
#include "signals.h"
#include "mempolicy.h"
