import OCISpec
#if canImport(Glibc)
import Glibc
#endif

extension CgroupV1Manager {
    /// memory.* of the v1 memory controller. 0 means "unset" for the limits,
    /// as in runc.
    func setMemory(_ dir: String, _ m: Spec.Linux.Resources.Memory) throws(CgroupError) {
        let f = "linux.resources.memory"
        let limit = m.limit.flatMap { $0 == 0 ? nil : $0 }
        var swap = m.swap.flatMap { $0 == 0 ? nil : $0 }
        let swapAccounting = has(dir, "memory.memsw.limit_in_bytes")
        // Unlimited memory with swap unspecified means unlimited swap too.
        if limit == -1 && swap == nil && swapAccounting { swap = -1 }
        if let s = swap, !swapAccounting {
            if s == -1 || s == limit {
                warn(f + ".swap", "swap accounting is disabled on this host (no memory.memsw.limit_in_bytes); ignored")
                swap = nil
            } else {
                throw .unsupported(f + ".swap", "swap accounting is disabled on this host (no memory.memsw.limit_in_bytes)")
            }
        }
        if let l = limit, let s = swap, l > 0, s > 0, s < l {
            throw .invalid(f + ".swap", "memory+swap limit \(s) must not be below the memory limit \(l)")
        }
        if let l = limit, let s = swap {
            // The kernel requires limit <= memsw at every step, so the order
            // depends on whether the limits grow or shrink.
            let current = try readUInt(dir, "memory.limit_in_bytes")
            if s == -1 || current < UInt64(s) {
                try write(dir, "memory.memsw.limit_in_bytes", String(s), field: f + ".swap")
                try setMemoryLimit(dir, l)
            } else {
                try setMemoryLimit(dir, l)
                try write(dir, "memory.memsw.limit_in_bytes", String(s), field: f + ".swap")
            }
        } else if let l = limit {
            try setMemoryLimit(dir, l)
        } else if let s = swap {
            try write(dir, "memory.memsw.limit_in_bytes", String(s), field: f + ".swap")
        }
        if let r = m.reservation, r != 0 {
            try write(dir, "memory.soft_limit_in_bytes", String(r), field: f + ".reservation")
        }
        if let k = m.kernel { try setKernelMemory(dir, "memory.kmem.limit_in_bytes", k, field: f + ".kernel") }
        if let k = m.kernelTCP { try setKernelMemory(dir, "memory.kmem.tcp.limit_in_bytes", k, field: f + ".kernelTCP") }
        if let s = m.swappiness {
            guard s <= 100 else { throw .invalid(f + ".swappiness", "\(s) is out of range 0-100") }
            try write(dir, "memory.swappiness", String(s), field: f + ".swappiness")
        }
        if let d = m.disableOOMKiller {
            try write(dir, "memory.oom_control", d ? "1" : "0", field: f + ".disableOOMKiller")
        }
        if let h = m.useHierarchy {
            do { try write(dir, "memory.use_hierarchy", h ? "1" : "0", field: f + ".useHierarchy") } catch {
                // Linux 5.16+ always accounts hierarchically and refuses 0.
                guard !h, error.errno == EINVAL else { throw error }
                warn(f + ".useHierarchy", "this kernel cannot disable hierarchical accounting; ignored")
            }
        }
    }

    func setMemoryLimit(_ dir: String, _ limit: Int64) throws(CgroupError) {
        do { try write(dir, "memory.limit_in_bytes", String(limit), field: "linux.resources.memory.limit") } catch {
            guard error.errno == EBUSY else { throw error }
            let usage = (try? readUInt(dir, "memory.usage_in_bytes")) ?? 0
            let peak = (try? readUInt(dir, "memory.max_usage_in_bytes")) ?? 0
            throw .invalid("linux.resources.memory.limit", "unable to set memory limit to \(limit) (current usage: \(usage), peak usage: \(peak))")
        }
    }

    /// Kernel memory limits are deprecated: gone from v2, and since Linux
    /// 5.16 kmem.limit_in_bytes accepts writes but enforces nothing. Apply
    /// where the kernel still honours it, warn (as runc does) elsewhere.
    func setKernelMemory(_ dir: String, _ file: String, _ value: Int64, field: String) throws(CgroupError) {
        guard has(dir, file) else {
            warn(field, "kernel memory limits are not supported by this kernel; ignored")
            return
        }
        do { try write(dir, file, String(value), field: field) } catch {
            if let e = error.errno, e == EINVAL || e == EOPNOTSUPP || e == ENOTSUP {
                warn(field, "kernel memory limits are not supported by this kernel; ignored")
                return
            }
            throw error
        }
        if value > 0, let now = try? readUInt(dir, file), now >= UInt64(Int64.max) - 4096 {
            warn(field, "kernel memory limits are not enforced by this kernel; ignored")
        }
    }
}
