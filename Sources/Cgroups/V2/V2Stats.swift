extension CgroupV2Manager {
    public func stats() throws(CgroupError) -> CgroupStats {
        var s = CgroupStats()
        let d = directory
        if has(d, "pids.current") {
            s.pids.current = try readUInt(d, "pids.current")
            let max = try readUInt(d, "pids.max")
            s.pids.limit = max == UInt64.max ? 0 : max
        }
        if has(d, "memory.stat") {
            for (k, v) in StatParse.keyValues(try read(d, "memory.stat")) { s.memory.raw[k] = v }
            s.memory.cache = s.memory.raw["file"] ?? 0
            let usage = CgroupStats.MemoryEntry(limit: try readUInt(d, "memory.max"), usage: try readUInt(d, "memory.current"),
                                                max: try readUIntIfPresent(d, "memory.peak"), failcnt: 0)
            s.memory.usage = usage
            // v1 reported memory+swap; keep that meaning.
            var swap = CgroupStats.MemoryEntry()
            if has(d, "memory.swap.current") {
                swap.usage = try readUInt(d, "memory.swap.current")
                swap.limit = try readUInt(d, "memory.swap.max")
            }
            swap.usage += usage.usage
            if swap.limit != UInt64.max { swap.limit = usage.limit == UInt64.max ? UInt64.max : swap.limit + usage.limit }
            s.memory.swap = swap
        }
        if has(d, "io.stat") { s.blkio = Self.ioStats(try read(d, "io.stat")) }
        if has(d, "cpu.stat") {
            for (k, v) in StatParse.keyValues(try read(d, "cpu.stat")) {
                switch k {
                case "usage_usec": s.cpu.usage.total = v * 1000
                case "user_usec": s.cpu.usage.user = v * 1000
                case "system_usec": s.cpu.usage.kernel = v * 1000
                case "nr_periods": s.cpu.throttling.periods = v
                case "nr_throttled": s.cpu.throttling.throttledPeriods = v
                case "throttled_usec": s.cpu.throttling.throttledTime = v * 1000
                default: break
                }
            }
        }
        for size in StatParse.hugePageSizes(fs: fs) where has(d, "hugetlb.\(size).current") {
            let failcnt = StatParse.value(try read(d, "hugetlb.\(size).events"), key: "max") ?? 0
            s.hugetlb[size] = CgroupStats.Hugetlb(usage: try readUInt(d, "hugetlb.\(size).current"), max: 0, failcnt: failcnt)
        }
        return s
    }

    /// io.stat (`8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...`) in v1's tables.
    static func ioStats(_ text: String) -> CgroupStats.Blkio {
        var b = CgroupStats.Blkio()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let dev = fields.first else { continue }
            let mm = dev.split(separator: ":")
            guard mm.count == 2, let major = UInt64(mm[0]), let minor = UInt64(mm[1]) else { continue }
            for item in fields.dropFirst() {
                let kv = item.split(separator: "=")
                guard kv.count == 2, let v = UInt64(kv[1]) else { continue }
                switch kv[0] {
                case "rbytes": b.ioServiceBytesRecursive.append(.init(major: major, minor: minor, op: "Read", value: v))
                case "wbytes": b.ioServiceBytesRecursive.append(.init(major: major, minor: minor, op: "Write", value: v))
                case "rios": b.ioServicedRecursive.append(.init(major: major, minor: minor, op: "Read", value: v))
                case "wios": b.ioServicedRecursive.append(.init(major: major, minor: minor, op: "Write", value: v))
                default: break
                }
            }
        }
        return b
    }
}
