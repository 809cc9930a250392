// Cgroups module: kernel interfaces Swift cannot reach directly (the bpf(2)
// multiplexer with its union argument, eventfd, statfs magic).
#ifndef SWIFTLET_CSHIMS_CGROUPS_H
#define SWIFTLET_CSHIMS_CGROUPS_H

#include <stdint.h>

// statfs(2) f_type of `path`; -1 with errno on failure.
int sw_statfs_type(const char *path, int64_t *type);
int sw_eventfd(unsigned int initval, int flags);

// bpf(2): BPF_PROG_LOAD. `insns` are raw 8-byte struct bpf_insn entries.
int sw_bpf_prog_load(uint32_t prog_type, const void *insns, uint32_t insn_cnt,
                     const char *license, char *log_buf, uint32_t log_size);
// BPF_PROG_ATTACH / BPF_PROG_DETACH on `target_fd` (a cgroup directory fd).
int sw_bpf_prog_attach(int target_fd, int prog_fd, uint32_t attach_type, uint32_t flags);
int sw_bpf_prog_detach(int target_fd, int prog_fd, uint32_t attach_type);
// BPF_PROG_QUERY: ids of the programs attached directly to `target_fd`;
// `*count` is the capacity in, the number attached out.
int sw_bpf_prog_query(int target_fd, uint32_t attach_type, uint32_t *ids, uint32_t *count);
// BPF_PROG_GET_FD_BY_ID (O_CLOEXEC is implied by the kernel for bpf fds).
int sw_bpf_prog_get_fd_by_id(uint32_t id);

#endif
