extension Spec.Linux.Resources {
    /// `linux.resources.blockIO` (blkio / io controllers).
    public struct BlockIO: Codable, Equatable, Sendable {
        public var weight: UInt16?
        public var leafWeight: UInt16?
        public var weightDevice: [WeightDevice]?
        public var throttleReadBpsDevice: [ThrottleDevice]?
        public var throttleWriteBpsDevice: [ThrottleDevice]?
        public var throttleReadIOPSDevice: [ThrottleDevice]?
        public var throttleWriteIOPSDevice: [ThrottleDevice]?

        public init(
            weight: UInt16? = nil, leafWeight: UInt16? = nil, weightDevice: [WeightDevice]? = nil,
            throttleReadBpsDevice: [ThrottleDevice]? = nil,
            throttleWriteBpsDevice: [ThrottleDevice]? = nil,
            throttleReadIOPSDevice: [ThrottleDevice]? = nil,
            throttleWriteIOPSDevice: [ThrottleDevice]? = nil
        ) {
            self.weight = weight
            self.leafWeight = leafWeight
            self.weightDevice = weightDevice
            self.throttleReadBpsDevice = throttleReadBpsDevice
            self.throttleWriteBpsDevice = throttleWriteBpsDevice
            self.throttleReadIOPSDevice = throttleReadIOPSDevice
            self.throttleWriteIOPSDevice = throttleWriteIOPSDevice
        }

        /// A per-device weight.
        public struct WeightDevice: Codable, Equatable, Sendable {
            public var major: Int64
            public var minor: Int64
            public var weight: UInt16?
            public var leafWeight: UInt16?

            public init(major: Int64, minor: Int64, weight: UInt16? = nil, leafWeight: UInt16? = nil) {
                self.major = major
                self.minor = minor
                self.weight = weight
                self.leafWeight = leafWeight
            }
        }

        /// A per-device rate limit (bytes or IO operations per second).
        public struct ThrottleDevice: Codable, Equatable, Sendable {
            public var major: Int64
            public var minor: Int64
            public var rate: UInt64

            public init(major: Int64, minor: Int64, rate: UInt64) {
                self.major = major
                self.minor = minor
                self.rate = rate
            }
        }
    }

    /// An entry of `linux.resources.hugepageLimits`.
    public struct HugepageLimit: Codable, Equatable, Sendable {
        /// `<size><K|M|G>B`, e.g. `2MB`.
        public var pageSize: String
        public var limit: UInt64

        public init(pageSize: String, limit: UInt64) {
            self.pageSize = pageSize
            self.limit = limit
        }
    }

    /// `linux.resources.network` (net_cls / net_prio, cgroup v1 only).
    public struct Network: Codable, Equatable, Sendable {
        public var classID: UInt32?
        public var priorities: [InterfacePriority]?

        public init(classID: UInt32? = nil, priorities: [InterfacePriority]? = nil) {
            self.classID = classID
            self.priorities = priorities
        }

        /// An entry of `linux.resources.network.priorities`.
        public struct InterfacePriority: Codable, Equatable, Sendable {
            public var name: String
            public var priority: UInt32

            public init(name: String, priority: UInt32) {
                self.name = name
                self.priority = priority
            }
        }
    }

    /// A value of `linux.resources.rdma`.
    public struct Rdma: Codable, Equatable, Sendable {
        public var hcaHandles: UInt32?
        public var hcaObjects: UInt32?

        public init(hcaHandles: UInt32? = nil, hcaObjects: UInt32? = nil) {
            self.hcaHandles = hcaHandles
            self.hcaObjects = hcaObjects
        }
    }
}
