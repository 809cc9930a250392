extension CgroupV1Manager {
    public func stats() throws(CgroupError) -> CgroupStats {
        var s = CgroupStats()
        if let dir = path("cpu"), has(dir, "cpu.stat") {
            for (k, v) in StatParse.keyValues(try read(dir, "cpu.stat")) {
                switch k {
                case "nr_periods": s.cpu.throttling.periods = v
                case "nr_throttled": s.cpu.throttling.throttledPeriods = v
                case "throttled_time": s.cpu.throttling.throttledTime = v
                default: break
                }
            }
        }
        if let dir = path("cpuacct") { try cpuacctStats(dir, &s.cpu.usage) }
        if let dir = path("cpuset") { try cpusetStats(dir, &s.cpuset) }
        if let dir = path("memory") { try memoryStats(dir, &s.memory) }
        if let dir = path("pids") {
            s.pids.current = try readUInt(dir, "pids.current")
            let max = try readUInt(dir, "pids.max")
            s.pids.limit = max == UInt64.max ? 0 : max
        }
        if let dir = path("blkio") { s.blkio = try blkioStats(dir) }
        if let dir = path("hugetlb") {
            for size in StatParse.hugePageSizes(fs: fs) {
                let p = "hugetlb.\(size)."
                s.hugetlb[size] = CgroupStats.Hugetlb(usage: try readUInt(dir, p + "usage_in_bytes"),
                                                      max: try readUInt(dir, p + "max_usage_in_bytes"),
                                                      failcnt: try readUInt(dir, p + "failcnt"))
            }
        }
        return s
    }

    func cpuacctStats(_ dir: String, _ u: inout CgroupStats.CPUUsage) throws(CgroupError) {
        u.total = try readUInt(dir, "cpuacct.usage")
        u.percpu = StatParse.numbers(try read(dir, "cpuacct.usage_percpu"))
        // cpuacct.stat counts USER_HZ ticks.
        let tick = 1_000_000_000 / kernel.clockTicksPerSecond
        for (k, v) in StatParse.keyValues(try read(dir, "cpuacct.stat")) {
            if k == "user" { u.user = v * tick }
            if k == "system" { u.kernel = v * tick }
        }
        if has(dir, "cpuacct.usage_all") {
            // "cpu user system" header, then one line per CPU.
            for line in try read(dir, "cpuacct.usage_all").split(separator: "\n").dropFirst() {
                let f = line.split(separator: " ")
                guard f.count == 3, let user = UInt64(f[1]), let system = UInt64(f[2]) else { continue }
                u.percpuUser.append(user)
                u.percpuKernel.append(system)
            }
        }
    }

    func cpusetStats(_ dir: String, _ c: inout CgroupStats.CPUSet) throws(CgroupError) {
        c.cpus = StatParse.cpuList(try read(dir, "cpuset.cpus"))
        c.mems = StatParse.cpuList(try read(dir, "cpuset.mems"))
        c.cpuExclusive = try readUIntIfPresent(dir, "cpuset.cpu_exclusive")
        c.memHardwall = try readUIntIfPresent(dir, "cpuset.mem_hardwall")
        c.memExclusive = try readUIntIfPresent(dir, "cpuset.mem_exclusive")
        c.memoryMigrate = try readUIntIfPresent(dir, "cpuset.memory_migrate")
        c.memorySpreadPage = try readUIntIfPresent(dir, "cpuset.memory_spread_page")
        c.memorySpreadSlab = try readUIntIfPresent(dir, "cpuset.memory_spread_slab")
        c.memoryPressure = try readUIntIfPresent(dir, "cpuset.memory_pressure")
        c.schedLoadBalance = try readUIntIfPresent(dir, "cpuset.sched_load_balance")
        if has(dir, "cpuset.sched_relax_domain_level") {
            c.schedRelaxDomainLevel = Int64(StatParse.trim(try read(dir, "cpuset.sched_relax_domain_level"))) ?? 0
        }
    }

    func memoryStats(_ dir: String, _ m: inout CgroupStats.Memory) throws(CgroupError) {
        for (k, v) in StatParse.keyValues(try read(dir, "memory.stat")) { m.raw[k] = v }
        m.cache = m.raw["cache"] ?? 0
        m.usage = try memoryEntry(dir, "memory.")
        m.swap = try memoryEntry(dir, "memory.memsw.")
        m.kernel = try memoryEntry(dir, "memory.kmem.")
        m.kernelTCP = try memoryEntry(dir, "memory.kmem.tcp.")
    }

    func memoryEntry(_ dir: String, _ prefix: String) throws(CgroupError) -> CgroupStats.MemoryEntry {
        // memsw and kmem are optional in the kernel.
        guard has(dir, prefix + "usage_in_bytes") else { return CgroupStats.MemoryEntry() }
        return CgroupStats.MemoryEntry(limit: try readUInt(dir, prefix + "limit_in_bytes"),
                                       usage: try readUInt(dir, prefix + "usage_in_bytes"),
                                       max: try readUInt(dir, prefix + "max_usage_in_bytes"),
                                       failcnt: try readUInt(dir, prefix + "failcnt"))
    }

    /// runc's order of preference: BFQ debug, BFQ, CFQ, throttle recursive,
    /// throttle. The first group whose first file has data wins.
    func blkioStats(_ dir: String) throws(CgroupError) -> CgroupStats.Blkio {
        typealias T = WritableKeyPath<CgroupStats.Blkio, [CgroupStats.BlkioEntry]>
        let groups: [[(String, T)]] = [
            [("blkio.bfq.sectors_recursive", \.sectorsRecursive),
             ("blkio.bfq.io_service_time_recursive", \.ioServiceTimeRecursive),
             ("blkio.bfq.io_wait_time_recursive", \.ioWaitTimeRecursive),
             ("blkio.bfq.io_merged_recursive", \.ioMergedRecursive),
             ("blkio.bfq.io_queued_recursive", \.ioQueueRecursive),
             ("blkio.bfq.time_recursive", \.ioTimeRecursive),
             ("blkio.bfq.io_serviced_recursive", \.ioServicedRecursive),
             ("blkio.bfq.io_service_bytes_recursive", \.ioServiceBytesRecursive)],
            [("blkio.bfq.io_serviced_recursive", \.ioServicedRecursive),
             ("blkio.bfq.io_service_bytes_recursive", \.ioServiceBytesRecursive)],
            [("blkio.sectors_recursive", \.sectorsRecursive),
             ("blkio.io_service_time_recursive", \.ioServiceTimeRecursive),
             ("blkio.io_wait_time_recursive", \.ioWaitTimeRecursive),
             ("blkio.io_merged_recursive", \.ioMergedRecursive),
             ("blkio.io_queued_recursive", \.ioQueueRecursive),
             ("blkio.time_recursive", \.ioTimeRecursive),
             ("blkio.io_serviced_recursive", \.ioServicedRecursive),
             ("blkio.io_service_bytes_recursive", \.ioServiceBytesRecursive)],
            [("blkio.throttle.io_serviced_recursive", \.ioServicedRecursive),
             ("blkio.throttle.io_service_bytes_recursive", \.ioServiceBytesRecursive)],
            [("blkio.throttle.io_serviced", \.ioServicedRecursive),
             ("blkio.throttle.io_service_bytes", \.ioServiceBytesRecursive)],
        ]
        var out = CgroupStats.Blkio()
        for group in groups {
            let first = group[0].0
            guard has(dir, first) else { continue }
            let entries = Self.blkioEntries(try read(dir, first))
            if entries.isEmpty { continue }
            for (file, key) in group where has(dir, file) {
                out[keyPath: key] = Self.blkioEntries(try read(dir, file))
            }
            return out
        }
        return out
    }

    /// `8:0 Read 1282048` or `8:0 6792` lines; the `Total` line is skipped.
    static func blkioEntries(_ text: String) -> [CgroupStats.BlkioEntry] {
        var out: [CgroupStats.BlkioEntry] = []
        for line in text.split(separator: "\n") {
            let f = line.split(whereSeparator: { $0 == " " || $0 == ":" })
            guard f.count >= 3, let major = UInt64(f[0]), let minor = UInt64(f[1]) else { continue }
            let op = f.count == 4 ? String(f[2]) : ""
            guard let value = UInt64(f[f.count == 4 ? 3 : 2]) else { continue }
            out.append(CgroupStats.BlkioEntry(major: major, minor: minor, op: op, value: value))
        }
        return out
    }
}
