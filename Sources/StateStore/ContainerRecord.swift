import OCISpec

/// What swiftlet remembers about one container between commands (`<root>/<id>/state.json`).
///
/// It carries everything later commands need without re-reading the bundle, which may have
/// changed or vanished since `create`: runc likewise stores its converted config. Fields absent
/// from an older file decode to their defaults, so the format can grow without a migration.
public struct ContainerRecord: Equatable, Sendable {
    /// Version of this record's layout, bumped on incompatible changes.
    public static let currentFormat = 1

    public var format: Int
    /// `ociVersion` of the config the container was created from.
    public var ociVersion: String
    public var id: String
    /// Absolute bundle directory.
    public var bundle: String
    /// Absolute root filesystem path.
    public var rootfs: String
    /// Host pid of the container's init; 0 until it has been spawned.
    public var initPid: Int32
    /// Field 22 of the init's /proc stat at spawn time: liveness compares it to spot pid reuse.
    public var initStartTime: UInt64
    public var created: Timestamp
    /// runc's `state` prints "" here; `list` derives the owner from the directory instead.
    public var owner: String
    public var annotations: [String: String]

    /// True from the moment the id is claimed until the runtime has the init waiting on the
    /// exec fifo; the status is `creating` meanwhile.
    public var creating: Bool
    /// Set by `pause`, cleared by `resume`: a hint for when the freezer is not consulted.
    public var paused: Bool

    /// The Cgroups module's own record (paths, manager kind); opaque to the store.
    public var cgroup: JSONValue?
    /// Namespace type (spec spelling: "pid", "network", "mount", "ipc", "uts", "user", "cgroup",
    /// "time") -> path that `exec` joins, e.g. "/proc/<initPid>/ns/net".
    public var namespacePaths: [String: String]
    public var rootless: Bool
    public var systemdCgroup: Bool
    public var noPivot: Bool
    public var noNewKeyring: Bool
    /// `process.terminal`: exec/attach need to know whether stdio is a pty.
    public var terminal: Bool
    /// `--console-socket` given at create, if any.
    public var consoleSocket: String?
    /// What fds 0-2 of the init pointed to (readlink of /proc/<pid>/fd/N), for checkpoint/restore.
    public var externalDescriptors: [String]
    /// Host uid/gid that container root maps to: owner of the exec fifo, used again by exec.
    public var hostRootUID: UInt32
    public var hostRootGID: UInt32
    /// The config as applied (after runtime defaults): hooks for delete, process defaults for
    /// exec, resources for update, namespaces for kill --all.
    public var config: Spec?

    public init(
        id: String, bundle: String, rootfs: String, ociVersion: String = Spec.supportedVersion,
        initPid: Int32 = 0, initStartTime: UInt64 = 0, created: Timestamp = .now(), owner: String = "",
        annotations: [String: String] = [:], creating: Bool = true, paused: Bool = false,
        cgroup: JSONValue? = nil, namespacePaths: [String: String] = [:], rootless: Bool = false,
        systemdCgroup: Bool = false, noPivot: Bool = false, noNewKeyring: Bool = false,
        terminal: Bool = false, consoleSocket: String? = nil, externalDescriptors: [String] = [],
        hostRootUID: UInt32 = 0, hostRootGID: UInt32 = 0, config: Spec? = nil
    ) {
        self.format = Self.currentFormat
        self.ociVersion = ociVersion
        self.id = id
        self.bundle = bundle
        self.rootfs = rootfs
        self.initPid = initPid
        self.initStartTime = initStartTime
        self.created = created
        self.owner = owner
        self.annotations = annotations
        self.creating = creating
        self.paused = paused
        self.cgroup = cgroup
        self.namespacePaths = namespacePaths
        self.rootless = rootless
        self.systemdCgroup = systemdCgroup
        self.noPivot = noPivot
        self.noNewKeyring = noNewKeyring
        self.terminal = terminal
        self.consoleSocket = consoleSocket
        self.externalDescriptors = externalDescriptors
        self.hostRootUID = hostRootUID
        self.hostRootGID = hostRootGID
        self.config = config
    }

    /// The runtime-spec `state` view of this record, given a derived status.
    public func state(status: ContainerStatus) -> State {
        // The spec requires pid only while the init can be signalled.
        let showsPid = status == .created || status == .running || status == .paused
        return State(ociVersion: ociVersion, id: id, status: status,
                     pid: showsPid && initPid > 0 ? initPid : nil, bundle: bundle,
                     annotations: annotations.isEmpty ? nil : annotations)
    }
}

extension ContainerRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case format, ociVersion, id, bundle, rootfs, initPid, initStartTime, created, owner
        case annotations, creating, paused, cgroup, namespacePaths, rootless, systemdCgroup
        case noPivot, noNewKeyring, terminal, consoleSocket, externalDescriptors
        case hostRootUID, hostRootGID, config
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(Int.self, forKey: .format) ?? Self.currentFormat
        if format > Self.currentFormat {
            throw JSONError(codingPath: c.codingPath + [CodingKeys.format],
                            message: "record format \(format) is newer than this swiftlet understands (\(Self.currentFormat))")
        }
        id = try c.decode(String.self, forKey: .id)
        bundle = try c.decode(String.self, forKey: .bundle)
        rootfs = try c.decodeIfPresent(String.self, forKey: .rootfs) ?? ""
        ociVersion = try c.decodeIfPresent(String.self, forKey: .ociVersion) ?? Spec.supportedVersion
        initPid = try c.decodeIfPresent(Int32.self, forKey: .initPid) ?? 0
        initStartTime = try c.decodeIfPresent(UInt64.self, forKey: .initStartTime) ?? 0
        created = try c.decode(Timestamp.self, forKey: .created)
        owner = try c.decodeIfPresent(String.self, forKey: .owner) ?? ""
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
        creating = try c.decodeIfPresent(Bool.self, forKey: .creating) ?? false
        paused = try c.decodeIfPresent(Bool.self, forKey: .paused) ?? false
        cgroup = try c.decodeIfPresent(JSONValue.self, forKey: .cgroup)
        namespacePaths = try c.decodeIfPresent([String: String].self, forKey: .namespacePaths) ?? [:]
        rootless = try c.decodeIfPresent(Bool.self, forKey: .rootless) ?? false
        systemdCgroup = try c.decodeIfPresent(Bool.self, forKey: .systemdCgroup) ?? false
        noPivot = try c.decodeIfPresent(Bool.self, forKey: .noPivot) ?? false
        noNewKeyring = try c.decodeIfPresent(Bool.self, forKey: .noNewKeyring) ?? false
        terminal = try c.decodeIfPresent(Bool.self, forKey: .terminal) ?? false
        consoleSocket = try c.decodeIfPresent(String.self, forKey: .consoleSocket)
        externalDescriptors = try c.decodeIfPresent([String].self, forKey: .externalDescriptors) ?? []
        hostRootUID = try c.decodeIfPresent(UInt32.self, forKey: .hostRootUID) ?? 0
        hostRootGID = try c.decodeIfPresent(UInt32.self, forKey: .hostRootGID) ?? 0
        config = try c.decodeIfPresent(Spec.self, forKey: .config)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(ociVersion, forKey: .ociVersion)
        try c.encode(id, forKey: .id)
        try c.encode(bundle, forKey: .bundle)
        try c.encode(rootfs, forKey: .rootfs)
        try c.encode(initPid, forKey: .initPid)
        try c.encode(initStartTime, forKey: .initStartTime)
        try c.encode(created, forKey: .created)
        try c.encode(owner, forKey: .owner)
        try c.encode(annotations, forKey: .annotations)
        try c.encode(creating, forKey: .creating)
        try c.encode(paused, forKey: .paused)
        try c.encodeIfPresent(cgroup, forKey: .cgroup)
        try c.encode(namespacePaths, forKey: .namespacePaths)
        try c.encode(rootless, forKey: .rootless)
        try c.encode(systemdCgroup, forKey: .systemdCgroup)
        try c.encode(noPivot, forKey: .noPivot)
        try c.encode(noNewKeyring, forKey: .noNewKeyring)
        try c.encode(terminal, forKey: .terminal)
        try c.encodeIfPresent(consoleSocket, forKey: .consoleSocket)
        try c.encode(externalDescriptors, forKey: .externalDescriptors)
        try c.encode(hostRootUID, forKey: .hostRootUID)
        try c.encode(hostRootGID, forKey: .hostRootGID)
        try c.encodeIfPresent(config, forKey: .config)
    }
}
