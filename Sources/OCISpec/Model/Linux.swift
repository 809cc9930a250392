extension Spec {
    /// `linux`: Linux-specific configuration (config-linux.md).
    public struct Linux: Codable, Equatable, Sendable {
        public var uidMappings: [IDMapping]?
        public var gidMappings: [IDMapping]?
        public var sysctl: [String: String]?
        public var resources: Resources?
        public var cgroupsPath: String?
        public var namespaces: [Namespace]?
        public var devices: [Device]?
        /// Keyed by the interface name on the host.
        public var netDevices: [String: NetDevice]?
        public var seccomp: Seccomp?
        public var rootfsPropagation: String?
        public var maskedPaths: [String]?
        public var readonlyPaths: [String]?
        public var mountLabel: String?
        public var intelRdt: IntelRdt?
        public var memoryPolicy: MemoryPolicy?
        public var personality: Personality?
        /// Keyed by clock: `monotonic` or `boottime`.
        public var timeOffsets: [String: TimeOffset]?

        public init(
            uidMappings: [IDMapping]? = nil,
            gidMappings: [IDMapping]? = nil,
            sysctl: [String: String]? = nil,
            resources: Resources? = nil,
            cgroupsPath: String? = nil,
            namespaces: [Namespace]? = nil,
            devices: [Device]? = nil,
            netDevices: [String: NetDevice]? = nil,
            seccomp: Seccomp? = nil,
            rootfsPropagation: String? = nil,
            maskedPaths: [String]? = nil,
            readonlyPaths: [String]? = nil,
            mountLabel: String? = nil,
            intelRdt: IntelRdt? = nil,
            memoryPolicy: MemoryPolicy? = nil,
            personality: Personality? = nil,
            timeOffsets: [String: TimeOffset]? = nil
        ) {
            self.uidMappings = uidMappings
            self.gidMappings = gidMappings
            self.sysctl = sysctl
            self.resources = resources
            self.cgroupsPath = cgroupsPath
            self.namespaces = namespaces
            self.devices = devices
            self.netDevices = netDevices
            self.seccomp = seccomp
            self.rootfsPropagation = rootfsPropagation
            self.maskedPaths = maskedPaths
            self.readonlyPaths = readonlyPaths
            self.mountLabel = mountLabel
            self.intelRdt = intelRdt
            self.memoryPolicy = memoryPolicy
            self.personality = personality
            self.timeOffsets = timeOffsets
        }

        /// The entry of `namespaces` with the given type (`"user"`, `"network"`, ...), if any.
        public func namespace(_ type: String) -> Namespace? {
            namespaces?.first { $0.type == type }
        }
    }
}

extension Spec.Linux {
    /// An entry of `linux.namespaces`: create a new namespace, or join `path` if set.
    public struct Namespace: Codable, Equatable, Sendable {
        /// `mount`, `pid`, `network`, `uts`, `ipc`, `user`, `cgroup` or `time`.
        public var type: String
        public var path: String?

        public init(type: String, path: String? = nil) {
            self.type = type
            self.path = path
        }
    }

    /// A uid/gid mapping range (`linux.uidMappings`, `mounts[].uidMappings`, ...).
    public struct IDMapping: Codable, Equatable, Sendable {
        public var containerID: UInt32
        public var hostID: UInt32
        public var size: UInt32

        public init(containerID: UInt32, hostID: UInt32, size: UInt32) {
            self.containerID = containerID
            self.hostID = hostID
            self.size = size
        }
    }

    /// A value of `linux.timeOffsets`.
    public struct TimeOffset: Codable, Equatable, Sendable {
        public var secs: Int64?
        public var nanosecs: UInt32?

        public init(secs: Int64? = nil, nanosecs: UInt32? = nil) {
            self.secs = secs
            self.nanosecs = nanosecs
        }
    }

    /// An entry of `linux.devices`: a device node created in the container.
    public struct Device: Codable, Equatable, Sendable {
        public var path: String
        /// `c`, `b`, `u` (unbuffered char) or `p` (FIFO).
        public var type: String
        /// REQUIRED unless `type` is `p`.
        public var major: Int64?
        public var minor: Int64?
        /// Permission bits, in decimal in JSON.
        public var fileMode: UInt32?
        public var uid: UInt32?
        public var gid: UInt32?

        public init(
            path: String, type: String, major: Int64? = nil, minor: Int64? = nil,
            fileMode: UInt32? = nil, uid: UInt32? = nil, gid: UInt32? = nil
        ) {
            self.path = path
            self.type = type
            self.major = major
            self.minor = minor
            self.fileMode = fileMode
            self.uid = uid
            self.gid = gid
        }
    }

    /// A value of `linux.netDevices`: a host interface moved into the container.
    public struct NetDevice: Codable, Equatable, Sendable {
        /// Name inside the container; defaults to the host name (the map key).
        public var name: String?

        public init(name: String? = nil) {
            self.name = name
        }
    }

    /// `linux.personality`: arguments of personality(2).
    public struct Personality: Codable, Equatable, Sendable {
        /// `LINUX` or `LINUX32`.
        public var domain: String
        public var flags: [String]?

        public init(domain: String, flags: [String]? = nil) {
            self.domain = domain
            self.flags = flags
        }
    }

    /// `linux.memoryPolicy`: arguments of set_mempolicy(2).
    public struct MemoryPolicy: Codable, Equatable, Sendable {
        /// `MPOL_*` mode name.
        public var mode: String
        /// Node list, e.g. `0-3,7`.
        public var nodes: String?
        /// `MPOL_F_*` flag names.
        public var flags: [String]?

        public init(mode: String, nodes: String? = nil, flags: [String]? = nil) {
            self.mode = mode
            self.nodes = nodes
            self.flags = flags
        }
    }

    /// `linux.intelRdt`: resctrl class of service and monitoring.
    public struct IntelRdt: Codable, Equatable, Sendable {
        public var closID: String?
        /// Lines written verbatim to the resctrl `schemata` file.
        public var schemata: [String]?
        public var l3CacheSchema: String?
        public var memBwSchema: String?
        public var enableMonitoring: Bool?

        public init(
            closID: String? = nil, schemata: [String]? = nil, l3CacheSchema: String? = nil,
            memBwSchema: String? = nil, enableMonitoring: Bool? = nil
        ) {
            self.closID = closID
            self.schemata = schemata
            self.l3CacheSchema = l3CacheSchema
            self.memBwSchema = memBwSchema
            self.enableMonitoring = enableMonitoring
        }
    }
}
