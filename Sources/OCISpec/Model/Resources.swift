extension Spec.Linux {
    /// `linux.resources`: cgroup limits.
    public struct Resources: Codable, Equatable, Sendable {
        /// Device allow/deny list (cgroup v1 `devices`, eBPF on v2).
        public var devices: [DeviceRule]?
        public var memory: Memory?
        public var cpu: CPU?
        public var pids: Pids?
        public var blockIO: BlockIO?
        public var hugepageLimits: [HugepageLimit]?
        public var network: Network?
        /// Keyed by RDMA device name.
        public var rdma: [String: Rdma]?
        /// cgroup v2 files written verbatim (`"memory.high": "1G"`).
        public var unified: [String: String]?

        public init(
            devices: [DeviceRule]? = nil, memory: Memory? = nil, cpu: CPU? = nil, pids: Pids? = nil,
            blockIO: BlockIO? = nil, hugepageLimits: [HugepageLimit]? = nil, network: Network? = nil,
            rdma: [String: Rdma]? = nil, unified: [String: String]? = nil
        ) {
            self.devices = devices
            self.memory = memory
            self.cpu = cpu
            self.pids = pids
            self.blockIO = blockIO
            self.hugepageLimits = hugepageLimits
            self.network = network
            self.rdma = rdma
            self.unified = unified
        }
    }
}

extension Spec.Linux.Resources {
    /// An entry of `linux.resources.devices`.
    public struct DeviceRule: Codable, Equatable, Sendable {
        public var allow: Bool
        /// `a` (all), `c` or `b`; absent means all.
        public var type: String?
        /// Absent means any (`*`).
        public var major: Int64?
        public var minor: Int64?
        /// Subset of `rwm`; absent means `rwm`.
        public var access: String?

        public init(
            allow: Bool, type: String? = nil, major: Int64? = nil, minor: Int64? = nil,
            access: String? = nil
        ) {
            self.allow = allow
            self.type = type
            self.major = major
            self.minor = minor
            self.access = access
        }
    }

    /// `linux.resources.memory` (bytes; -1 means unlimited for limit/swap/reservation).
    public struct Memory: Codable, Equatable, Sendable {
        public var limit: Int64?
        public var reservation: Int64?
        /// Memory+swap limit, as cgroup v1 `memsw` (not swap alone).
        public var swap: Int64?
        /// Obsolete since Linux 5.4; accepted and ignored where unsupported.
        public var kernel: Int64?
        public var kernelTCP: Int64?
        public var swappiness: UInt64?
        public var disableOOMKiller: Bool?
        public var useHierarchy: Bool?
        public var checkBeforeUpdate: Bool?

        public init(
            limit: Int64? = nil, reservation: Int64? = nil, swap: Int64? = nil, kernel: Int64? = nil,
            kernelTCP: Int64? = nil, swappiness: UInt64? = nil, disableOOMKiller: Bool? = nil,
            useHierarchy: Bool? = nil, checkBeforeUpdate: Bool? = nil
        ) {
            self.limit = limit
            self.reservation = reservation
            self.swap = swap
            self.kernel = kernel
            self.kernelTCP = kernelTCP
            self.swappiness = swappiness
            self.disableOOMKiller = disableOOMKiller
            self.useHierarchy = useHierarchy
            self.checkBeforeUpdate = checkBeforeUpdate
        }
    }

    /// `linux.resources.cpu` (cpu and cpuset controllers; times in microseconds).
    public struct CPU: Codable, Equatable, Sendable {
        public var shares: UInt64?
        public var quota: Int64?
        public var burst: UInt64?
        public var period: UInt64?
        public var realtimeRuntime: Int64?
        public var realtimePeriod: UInt64?
        public var cpus: String?
        public var mems: String?
        /// 0: normal, 1: SCHED_IDLE weight for the cgroup.
        public var idle: Int64?

        public init(
            shares: UInt64? = nil, quota: Int64? = nil, burst: UInt64? = nil, period: UInt64? = nil,
            realtimeRuntime: Int64? = nil, realtimePeriod: UInt64? = nil, cpus: String? = nil,
            mems: String? = nil, idle: Int64? = nil
        ) {
            self.shares = shares
            self.quota = quota
            self.burst = burst
            self.period = period
            self.realtimeRuntime = realtimeRuntime
            self.realtimePeriod = realtimePeriod
            self.cpus = cpus
            self.mems = mems
            self.idle = idle
        }
    }

    /// `linux.resources.pids`.
    public struct Pids: Codable, Equatable, Sendable {
        /// Maximum number of tasks; -1 (or 0, as runc treats it) means no limit.
        public var limit: Int64?

        public init(limit: Int64? = nil) {
            self.limit = limit
        }
    }
}
