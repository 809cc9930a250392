#define _GNU_SOURCE
#include "cgroups.h"
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <linux/bpf.h>

int sw_statfs_type(const char *path, int64_t *type) {
    struct statfs st;
    int r = statfs(path, &st);
    if (r == 0) *type = (int64_t)st.f_type;
    return r;
}

int sw_eventfd(unsigned int initval, int flags) { return eventfd(initval, flags); }

static int sw_bpf(int cmd, union bpf_attr *attr) {
    return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

int sw_bpf_prog_load(uint32_t prog_type, const void *insns, uint32_t insn_cnt,
                     const char *license, char *log_buf, uint32_t log_size) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.prog_type = prog_type;
    attr.insns = (uint64_t)(uintptr_t)insns;
    attr.insn_cnt = insn_cnt;
    attr.license = (uint64_t)(uintptr_t)license;
    if (log_buf && log_size) {
        attr.log_buf = (uint64_t)(uintptr_t)log_buf;
        attr.log_size = log_size;
        attr.log_level = 1;
    }
    return sw_bpf(BPF_PROG_LOAD, &attr);
}

int sw_bpf_prog_attach(int target_fd, int prog_fd, uint32_t attach_type, uint32_t flags) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.target_fd = (uint32_t)target_fd;
    attr.attach_bpf_fd = (uint32_t)prog_fd;
    attr.attach_type = attach_type;
    attr.attach_flags = flags;
    return sw_bpf(BPF_PROG_ATTACH, &attr);
}

int sw_bpf_prog_detach(int target_fd, int prog_fd, uint32_t attach_type) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.target_fd = (uint32_t)target_fd;
    attr.attach_bpf_fd = (uint32_t)prog_fd;
    attr.attach_type = attach_type;
    return sw_bpf(BPF_PROG_DETACH, &attr);
}

int sw_bpf_prog_query(int target_fd, uint32_t attach_type, uint32_t *ids, uint32_t *count) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.query.target_fd = (uint32_t)target_fd;
    attr.query.attach_type = attach_type;
    attr.query.prog_ids = (uint64_t)(uintptr_t)ids;
    attr.query.prog_cnt = *count;
    int r = sw_bpf(BPF_PROG_QUERY, &attr);
    *count = attr.query.prog_cnt;
    return r;
}

int sw_bpf_prog_get_fd_by_id(uint32_t id) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.prog_id = id;
    return sw_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
}
