#define _GNU_SOURCE
#include "seccompload.h"
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>

int sw_seccomp_set_filter(unsigned int flags, const void *insns, unsigned short count) {
    struct sock_fprog prog = { .len = count, .filter = (struct sock_filter *)insns };
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
}
