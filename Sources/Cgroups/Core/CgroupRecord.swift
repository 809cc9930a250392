/// What a later command needs to find a container's cgroup again; stored in
/// the container state by the runtime and handed to `Cgroups.open(_:)`.
public struct CgroupRecord: Codable, Equatable, Sendable {
    /// Always `cgroupfs` for now (the systemd driver is not implemented).
    public var driver: String
    public var layout: CgroupLayout
    /// Hierarchy → absolute cgroup directory. v1 keys are controller names
    /// (`memory`, `cpu`, `name=systemd`; co-mounted controllers share a
    /// directory); `unified` is the cgroup2 directory (v2, or hybrid's
    /// controller-less hierarchy).
    public var paths: [String: String]
    /// Directories this container created, outermost first. `destroy`
    /// removes them innermost first and leaves pre-existing ones alone.
    public var created: [String]
    public var rootless: Bool
    /// Where cgroup2 is mounted (v2 and hybrid).
    public var unifiedMountpoint: String?

    public static let unifiedKey = "unified"

    public init(driver: String = "cgroupfs", layout: CgroupLayout, paths: [String: String],
                created: [String] = [], rootless: Bool = false, unifiedMountpoint: String? = nil) {
        self.driver = driver
        self.layout = layout
        self.paths = paths
        self.created = created
        self.rootless = rootless
        self.unifiedMountpoint = unifiedMountpoint
    }

    /// The unified (cgroup2) directory, if any.
    public var unifiedPath: String? { paths[Self.unifiedKey] }

}
