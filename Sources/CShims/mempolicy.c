#define _GNU_SOURCE
#include "mempolicy.h"
#include <unistd.h>
#include <sys/syscall.h>

long sw_set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode) {
    return syscall(SYS_set_mempolicy, mode, nodemask, maxnode);
}
