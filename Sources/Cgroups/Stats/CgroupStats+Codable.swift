// Hand-written coding reproduces Go's `omitempty` (zero numbers, empty
// strings/slices/maps are left out) and sorted map keys, so the JSON
// matches runc byte for byte.

struct StatsKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == StatsKey {
    mutating func put<T: Encodable>(_ key: String, _ value: T) throws {
        try encode(value, forKey: StatsKey(key))
    }
    mutating func omitEmpty(_ key: String, _ value: UInt64) throws {
        if value != 0 { try encode(value, forKey: StatsKey(key)) }
    }
    mutating func omitEmpty(_ key: String, _ value: String) throws {
        if !value.isEmpty { try encode(value, forKey: StatsKey(key)) }
    }
    mutating func omitEmpty<T: Encodable>(_ key: String, _ value: [T]) throws {
        if !value.isEmpty { try encode(value, forKey: StatsKey(key)) }
    }
    mutating func sortedMap<T: Encodable>(_ key: String, _ map: [String: T]) throws {
        var nested = nestedContainer(keyedBy: StatsKey.self, forKey: StatsKey(key))
        for k in map.keys.sorted() { try nested.encode(map[k]!, forKey: StatsKey(k)) }
    }
}

extension KeyedDecodingContainer where K == StatsKey {
    func get<T: Decodable>(_ key: String, _ fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: StatsKey(key)) ?? fallback
    }
}

extension CgroupStats {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.put("cpu", cpu)
        try c.put("cpuset", cpuset)
        try c.put("memory", memory)
        try c.put("pids", pids)
        try c.put("blkio", blkio)
        try c.sortedMap("hugetlb", hugetlb)
        _ = c.nestedContainer(keyedBy: StatsKey.self, forKey: StatsKey("intel_rdt"))
        try c.encodeNil(forKey: StatsKey("network_interfaces"))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        cpu = try c.get("cpu", CPU())
        cpuset = try c.get("cpuset", CPUSet())
        memory = try c.get("memory", Memory())
        pids = try c.get("pids", Pids())
        blkio = try c.get("blkio", Blkio())
        hugetlb = try c.get("hugetlb", [:])
    }
}

extension CgroupStats.CPUUsage: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("total", total)
        try c.omitEmpty("percpu", percpu)
        try c.omitEmpty("percpu_kernel", percpuKernel)
        try c.omitEmpty("percpu_user", percpuUser)
        try c.put("kernel", kernel)
        try c.put("user", user)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        total = try c.get("total", 0)
        percpu = try c.get("percpu", [])
        percpuKernel = try c.get("percpu_kernel", [])
        percpuUser = try c.get("percpu_user", [])
        kernel = try c.get("kernel", 0)
        user = try c.get("user", 0)
    }
}

extension CgroupStats.Throttling: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("periods", periods)
        try c.omitEmpty("throttledPeriods", throttledPeriods)
        try c.omitEmpty("throttledTime", throttledTime)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        periods = try c.get("periods", 0)
        throttledPeriods = try c.get("throttledPeriods", 0)
        throttledTime = try c.get("throttledTime", 0)
    }
}

extension CgroupStats.CPU: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.put("usage", usage)
        try c.put("throttling", throttling)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        usage = try c.get("usage", CgroupStats.CPUUsage())
        throttling = try c.get("throttling", CgroupStats.Throttling())
    }
}

extension CgroupStats.CPUSet: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("cpus", cpus)
        try c.put("cpu_exclusive", cpuExclusive)
        try c.omitEmpty("mems", mems)
        try c.put("mem_hardwall", memHardwall)
        try c.put("mem_exclusive", memExclusive)
        try c.put("memory_migrate", memoryMigrate)
        try c.put("memory_spread_page", memorySpreadPage)
        try c.put("memory_spread_slab", memorySpreadSlab)
        try c.put("memory_pressure", memoryPressure)
        try c.put("sched_load_balance", schedLoadBalance)
        try c.put("sched_relax_domain_level", schedRelaxDomainLevel)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        cpus = try c.get("cpus", [])
        cpuExclusive = try c.get("cpu_exclusive", 0)
        mems = try c.get("mems", [])
        memHardwall = try c.get("mem_hardwall", 0)
        memExclusive = try c.get("mem_exclusive", 0)
        memoryMigrate = try c.get("memory_migrate", 0)
        memorySpreadPage = try c.get("memory_spread_page", 0)
        memorySpreadSlab = try c.get("memory_spread_slab", 0)
        memoryPressure = try c.get("memory_pressure", 0)
        schedLoadBalance = try c.get("sched_load_balance", 0)
        schedRelaxDomainLevel = try c.get("sched_relax_domain_level", 0)
    }
}

extension CgroupStats.MemoryEntry: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.put("limit", limit)
        try c.omitEmpty("usage", usage)
        try c.omitEmpty("max", max)
        try c.put("failcnt", failcnt)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        limit = try c.get("limit", 0)
        usage = try c.get("usage", 0)
        max = try c.get("max", 0)
        failcnt = try c.get("failcnt", 0)
    }
}

extension CgroupStats.Memory: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("cache", cache)
        try c.put("usage", usage)
        try c.put("swap", swap)
        try c.put("kernel", kernel)
        try c.put("kernelTCP", kernelTCP)
        if !raw.isEmpty { try c.sortedMap("raw", raw) }
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        cache = try c.get("cache", 0)
        usage = try c.get("usage", CgroupStats.MemoryEntry())
        swap = try c.get("swap", CgroupStats.MemoryEntry())
        kernel = try c.get("kernel", CgroupStats.MemoryEntry())
        kernelTCP = try c.get("kernelTCP", CgroupStats.MemoryEntry())
        raw = try c.get("raw", [:])
    }
}

extension CgroupStats.Pids: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("current", current)
        try c.omitEmpty("limit", limit)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        current = try c.get("current", 0)
        limit = try c.get("limit", 0)
    }
}

extension CgroupStats.BlkioEntry: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("major", major)
        try c.omitEmpty("minor", minor)
        try c.omitEmpty("op", op)
        try c.omitEmpty("value", value)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        self.init(major: try c.get("major", 0), minor: try c.get("minor", 0),
                  op: try c.get("op", ""), value: try c.get("value", 0))
    }
}

extension CgroupStats.Blkio: Codable {
    static let keys = ["ioServiceBytesRecursive", "ioServicedRecursive", "ioQueueRecursive",
                       "ioServiceTimeRecursive", "ioWaitTimeRecursive", "ioMergedRecursive",
                       "ioTimeRecursive", "sectorsRecursive"]
    var tables: [[CgroupStats.BlkioEntry]] {
        [ioServiceBytesRecursive, ioServicedRecursive, ioQueueRecursive, ioServiceTimeRecursive,
         ioWaitTimeRecursive, ioMergedRecursive, ioTimeRecursive, sectorsRecursive]
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        for (key, table) in zip(Self.keys, tables) { try c.omitEmpty(key, table) }
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        ioServiceBytesRecursive = try c.get(Self.keys[0], [])
        ioServicedRecursive = try c.get(Self.keys[1], [])
        ioQueueRecursive = try c.get(Self.keys[2], [])
        ioServiceTimeRecursive = try c.get(Self.keys[3], [])
        ioWaitTimeRecursive = try c.get(Self.keys[4], [])
        ioMergedRecursive = try c.get(Self.keys[5], [])
        ioTimeRecursive = try c.get(Self.keys[6], [])
        sectorsRecursive = try c.get(Self.keys[7], [])
    }
}

extension CgroupStats.Hugetlb: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StatsKey.self)
        try c.omitEmpty("usage", usage)
        try c.omitEmpty("max", max)
        try c.put("failcnt", failcnt)
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StatsKey.self)
        usage = try c.get("usage", 0)
        max = try c.get("max", 0)
        failcnt = try c.get("failcnt", 0)
    }
}
