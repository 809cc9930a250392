#define _GNU_SOURCE
#include "signals.h"
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

int sw_signalfd_all(void) {
    sigset_t all;
    sigfillset(&all);
    return signalfd(-1, &all, SFD_CLOEXEC);
}

int sw_signalfd_next(int fd) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof(info));
    if (n != (ssize_t)sizeof(info)) return -1;
    return (int)info.ssi_signo;
}
