/// The container state reported by `state` (runtime.md#state).
public struct State: Codable, Equatable, Sendable {
    public var ociVersion: String
    public var id: String
    public var status: ContainerStatus
    /// REQUIRED when status is `created` or `running` (on Linux).
    public var pid: Int32?
    /// Absolute path of the bundle directory.
    public var bundle: String
    public var annotations: [String: String]?

    public init(
        ociVersion: String = Spec.supportedVersion, id: String, status: ContainerStatus,
        pid: Int32? = nil, bundle: String, annotations: [String: String]? = nil
    ) {
        self.ociVersion = ociVersion
        self.id = id
        self.status = status
        self.pid = pid
        self.bundle = bundle
        self.annotations = annotations
    }
}

/// The lifecycle status of a container.
public enum ContainerStatus: String, Codable, Equatable, Sendable, CaseIterable {
    case creating
    case created
    case running
    /// Not a spec status, but runc reports it for frozen containers; clients expect it.
    case paused
    case stopped
}
