import OCISpec
#if canImport(Glibc)
import Glibc
#endif

extension CgroupV2Manager {
    func setMemory(_ m: Spec.Linux.Resources.Memory, _ available: Set<String>) throws(CgroupError) {
        let f = "linux.resources.memory"
        let limit = m.limit ?? 0, swap = m.swap ?? 0, reservation = m.reservation ?? 0
        if limit != 0 || swap != 0 || reservation != 0 {
            try require("memory", in: available, for: f)
            if m.checkBeforeUpdate == true && limit > 0 {
                // v2 would OOM-kill instead of refusing; refuse like v1.
                let usage = try readUInt(directory, "memory.current")
                if UInt64(limit) < usage {
                    throw .invalid(f + ".limit", "\(limit) is below the current usage \(usage) (checkBeforeUpdate)")
                }
            }
            let swapMax = try CgroupV2Conversion.swapMax(swap: swap, memory: limit)
            // swap == limit means "no swap": write 0, not "leave alone".
            let swapValue: String? = swapMax == -1 ? "max" : swapMax > 0 || swap > 0 ? String(swapMax) : nil
            if let swapValue {
                if has(directory, "memory.swap.max") {
                    try write(directory, "memory.swap.max", swapValue, field: f + ".swap")
                } else if swapValue != "max" && swapValue != "0" {
                    throw .unsupported(f + ".swap", "swap accounting is disabled on this host (no memory.swap.max)")
                }
            }
            if limit != 0 { try write(directory, "memory.max", limit == -1 ? "max" : String(limit), field: f + ".limit") }
            if reservation != 0 {
                try write(directory, "memory.low", reservation == -1 ? "max" : String(reservation), field: f + ".reservation")
            }
        }
        if m.kernel != nil { warn(f + ".kernel", "kernel memory limits do not exist on cgroup v2; ignored") }
        if m.kernelTCP != nil { warn(f + ".kernelTCP", "kernel memory limits do not exist on cgroup v2; ignored") }
        if m.swappiness != nil { warn(f + ".swappiness", "cgroup v2 has no per-cgroup swappiness; ignored") }
        if m.disableOOMKiller == true { warn(f + ".disableOOMKiller", "the OOM killer cannot be disabled on cgroup v2; ignored") }
        if m.useHierarchy == false { warn(f + ".useHierarchy", "cgroup v2 accounting is always hierarchical; ignored") }
    }

    func setIO(_ b: Spec.Linux.Resources.BlockIO, _ available: Set<String>) throws(CgroupError) {
        let f = "linux.resources.blockIO"
        let throttles: [(String, [Spec.Linux.Resources.BlockIO.ThrottleDevice]?, String)] = [
            ("throttleReadBpsDevice", b.throttleReadBpsDevice, "rbps"),
            ("throttleWriteBpsDevice", b.throttleWriteBpsDevice, "wbps"),
            ("throttleReadIOPSDevice", b.throttleReadIOPSDevice, "riops"),
            ("throttleWriteIOPSDevice", b.throttleWriteIOPSDevice, "wiops"),
        ]
        let anyThrottle = throttles.contains { !($0.1 ?? []).isEmpty }
        guard (b.weight ?? 0) != 0 || !(b.weightDevice ?? []).isEmpty || anyThrottle else {
            if b.leafWeight != nil { warn(f + ".leafWeight", "cgroup v2 has no leaf weights; ignored") }
            return
        }
        try require("io", in: available, for: f)
        // BFQ takes the v1 scale as is; otherwise io.weight (iocost) needs conversion.
        let bfq = has(directory, "io.bfq.weight")
        if let w = b.weight, w != 0 {
            if bfq {
                try write(directory, "io.bfq.weight", String(w), field: f + ".weight")
            } else if has(directory, "io.weight") {
                try write(directory, "io.weight", String(CgroupV2Conversion.ioWeight(blkioWeight: w)), field: f + ".weight")
            } else {
                throw .unsupported(f + ".weight", "no io.bfq.weight (BFQ) or io.weight (iocost) on this host")
            }
        }
        if b.leafWeight != nil { warn(f + ".leafWeight", "cgroup v2 has no leaf weights; ignored") }
        for (i, d) in (b.weightDevice ?? []).enumerated() {
            let field = "\(f).weightDevice[\(i)]"
            if d.weight == nil && d.leafWeight == nil {
                throw .invalid(field, "at least one of weight and leafWeight is required")
            }
            if let w = d.weight {
                if bfq {
                    try write(directory, "io.bfq.weight", "\(d.major):\(d.minor) \(w)", field: field + ".weight")
                } else if has(directory, "io.weight") {
                    try write(directory, "io.weight", "\(d.major):\(d.minor) \(CgroupV2Conversion.ioWeight(blkioWeight: w))",
                              field: field + ".weight")
                } else {
                    throw .unsupported(field + ".weight", "no io.bfq.weight (BFQ) or io.weight (iocost) on this host")
                }
            }
            if d.leafWeight != nil { warn(field + ".leafWeight", "cgroup v2 has no leaf weights; ignored") }
        }
        for (name, list, key) in throttles {
            for (i, t) in (list ?? []).enumerated() {
                try write(directory, "io.max", "\(t.major):\(t.minor) \(key)=\(t.rate)", field: "\(f).\(name)[\(i)]")
            }
        }
    }

    func setCPU(_ c: Spec.Linux.Resources.CPU, _ available: Set<String>) throws(CgroupError) {
        let f = "linux.resources.cpu"
        if (c.realtimeRuntime ?? 0) != 0 || (c.realtimePeriod ?? 0) != 0 {
            throw .unsupported(f + (c.realtimeRuntime != nil ? ".realtimeRuntime" : ".realtimePeriod"),
                               "realtime CPU budgets do not exist on cgroup v2")
        }
        if let idle = c.idle {
            try require("cpu", in: available, for: f + ".idle")
            if has(directory, "cpu.idle") {
                try write(directory, "cpu.idle", String(idle), field: f + ".idle")
            } else if idle != 0 {
                throw .unsupported(f + ".idle", "this kernel has no SCHED_IDLE cgroups (cpu.idle)")
            }
        }
        if let shares = c.shares, shares != 0 {
            try require("cpu", in: available, for: f + ".shares")
            try write(directory, "cpu.weight", String(CgroupV2Conversion.cpuWeight(shares: shares)), field: f + ".shares")
        }
        var pendingBurst: String?
        if let burst = c.burst {
            try require("cpu", in: available, for: f + ".burst")
            if let quota = c.quota, quota > 0, burst > UInt64(quota) {
                throw .invalid(f + ".burst", "\(burst) must not exceed quota \(quota)")
            }
            if !has(directory, "cpu.max.burst") {
                if burst != 0 { throw .unsupported(f + ".burst", "this kernel has no CFS burst (cpu.max.burst)") }
            } else {
                do { try write(directory, "cpu.max.burst", String(burst), field: f + ".burst") } catch {
                    // A burst above the old quota is refused until the new quota is in.
                    guard error.errno == EINVAL, c.quota != nil else { throw error }
                    pendingBurst = String(burst)
                }
            }
        }
        if c.quota != nil || (c.period ?? 0) != 0 {
            try require("cpu", in: available, for: f)
            // cpu.max holds both; keep the half that is not being changed.
            let current = StatParse.trim((try? read(directory, "cpu.max")) ?? "max 100000").split(separator: " ")
            let quota = c.quota.map { $0 > 0 ? String($0) : "max" } ?? (current.first.map(String.init) ?? "max")
            let period = c.period.flatMap { $0 == 0 ? nil : String($0) }
                ?? (current.count > 1 ? String(current[1]) : "100000")
            try write(directory, "cpu.max", "\(quota) \(period)", field: c.quota != nil ? f + ".quota" : f + ".period")
            if let burst = pendingBurst { try write(directory, "cpu.max.burst", burst, field: f + ".burst") }
        }
        if let cpus = c.cpus, !cpus.isEmpty {
            try require("cpuset", in: available, for: f + ".cpus")
            try write(directory, "cpuset.cpus", cpus, field: f + ".cpus")
        }
        if let mems = c.mems, !mems.isEmpty {
            try require("cpuset", in: available, for: f + ".mems")
            try write(directory, "cpuset.mems", mems, field: f + ".mems")
        }
    }

    func setHugepages(_ limits: [Spec.Linux.Resources.HugepageLimit], _ available: Set<String>) throws(CgroupError) {
        try require("hugetlb", in: available, for: "linux.resources.hugepageLimits")
        let sizes = StatParse.hugePageSizes(fs: fs)
        for (i, l) in limits.enumerated() {
            let field = "linux.resources.hugepageLimits[\(i)]"
            try HugepageSizes.check(l.pageSize, available: sizes, field: field + ".pageSize")
            try write(directory, "hugetlb.\(l.pageSize).max", String(l.limit), field: field + ".limit")
            if has(directory, "hugetlb.\(l.pageSize).rsvd.max") {
                try write(directory, "hugetlb.\(l.pageSize).rsvd.max", String(l.limit), field: field + ".limit")
            }
        }
    }

    /// v2 has no device controller: the policy is an eBPF program attached
    /// to the cgroup, replacing the previous one.
    func setDevices(_ rules: [DeviceRule]) throws(CgroupError) {
        let program = try DeviceFilterProgram.instructions(for: rules)
        do {
            try kernel.installDeviceProgram(program, license: DeviceFilterProgram.license, cgroup: directory)
        } catch {
            throw .system(error, field: "linux.resources.devices", "installing the device eBPF program")
        }
    }
}
