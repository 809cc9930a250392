// Shim for loading a classic-BPF seccomp program (struct sock_fprog is not
// importable into Swift; its layout stays on the C side).
#ifndef SWIFTLET_CSHIMS_SECCOMPLOAD_H
#define SWIFTLET_CSHIMS_SECCOMPLOAD_H

#include <stdint.h>

// insns points to `count` struct sock_filter (8 bytes each: u16 code, u8 jt, u8 jf, u32 k).
// Returns what seccomp(SECCOMP_SET_MODE_FILTER) returns: 0, or the listener fd
// with SECCOMP_FILTER_FLAG_NEW_LISTENER; -1 with errno on failure.
int sw_seccomp_set_filter(unsigned int flags, const void *insns, unsigned short count);

#endif
