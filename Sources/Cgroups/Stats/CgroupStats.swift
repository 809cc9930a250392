/// Resource usage of a container's cgroup, shaped like runc's
/// `types.Stats` (the `data` of `runc events --stats`): same keys, same
/// omitempty behaviour, map keys sorted as Go's encoder does.
public struct CgroupStats: Codable, Equatable, Sendable {
    public var cpu = CPU()
    public var cpuset = CPUSet()
    public var memory = Memory()
    public var pids = Pids()
    public var blkio = Blkio()
    /// Keyed by page size (`2MB`).
    public var hugetlb: [String: Hugetlb] = [:]

    public init() {}

    public struct CPUUsage: Equatable, Sendable {
        /// Nanoseconds.
        public var total: UInt64 = 0
        public var percpu: [UInt64] = []
        public var percpuKernel: [UInt64] = []
        public var percpuUser: [UInt64] = []
        public var kernel: UInt64 = 0
        public var user: UInt64 = 0
    }

    public struct Throttling: Equatable, Sendable {
        public var periods: UInt64 = 0
        public var throttledPeriods: UInt64 = 0
        /// Nanoseconds.
        public var throttledTime: UInt64 = 0
    }

    public struct CPU: Equatable, Sendable {
        public var usage = CPUUsage()
        public var throttling = Throttling()
    }

    public struct CPUSet: Equatable, Sendable {
        public var cpus: [UInt16] = []
        public var cpuExclusive: UInt64 = 0
        public var mems: [UInt16] = []
        public var memHardwall: UInt64 = 0
        public var memExclusive: UInt64 = 0
        public var memoryMigrate: UInt64 = 0
        public var memorySpreadPage: UInt64 = 0
        public var memorySpreadSlab: UInt64 = 0
        public var memoryPressure: UInt64 = 0
        public var schedLoadBalance: UInt64 = 0
        public var schedRelaxDomainLevel: Int64 = 0
    }

    public struct MemoryEntry: Equatable, Sendable {
        public var limit: UInt64 = 0
        public var usage: UInt64 = 0
        public var max: UInt64 = 0
        public var failcnt: UInt64 = 0
    }

    public struct Memory: Equatable, Sendable {
        public var cache: UInt64 = 0
        public var usage = MemoryEntry()
        public var swap = MemoryEntry()
        public var kernel = MemoryEntry()
        public var kernelTCP = MemoryEntry()
        /// memory.stat, verbatim.
        public var raw: [String: UInt64] = [:]
    }

    public struct Pids: Equatable, Sendable {
        public var current: UInt64 = 0
        /// 0 means no limit.
        public var limit: UInt64 = 0
    }

    public struct BlkioEntry: Equatable, Sendable {
        public var major: UInt64 = 0
        public var minor: UInt64 = 0
        public var op: String = ""
        public var value: UInt64 = 0
        public init(major: UInt64, minor: UInt64, op: String, value: UInt64) {
            self.major = major
            self.minor = minor
            self.op = op
            self.value = value
        }
    }

    public struct Blkio: Equatable, Sendable {
        public var ioServiceBytesRecursive: [BlkioEntry] = []
        public var ioServicedRecursive: [BlkioEntry] = []
        public var ioQueueRecursive: [BlkioEntry] = []
        public var ioServiceTimeRecursive: [BlkioEntry] = []
        public var ioWaitTimeRecursive: [BlkioEntry] = []
        public var ioMergedRecursive: [BlkioEntry] = []
        public var ioTimeRecursive: [BlkioEntry] = []
        public var sectorsRecursive: [BlkioEntry] = []
    }

    public struct Hugetlb: Equatable, Sendable {
        public var usage: UInt64 = 0
        public var max: UInt64 = 0
        public var failcnt: UInt64 = 0
    }
}
