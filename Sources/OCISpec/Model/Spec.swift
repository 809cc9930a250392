/// The container configuration (`config.json`) of the OCI runtime-spec.
///
/// Property order follows the reference Go bindings so that encoded output
/// reads like `runc spec`. Optionals are exactly the spec's OPTIONAL fields;
/// open string sets (namespace types, seccomp actions, ...) stay `String` so
/// that `validate()` rather than decoding reports the friendly error.
public struct Spec: Codable, Equatable, Sendable {
    /// The newest runtime-spec version swiftlet implements.
    public static let supportedVersion = "1.3.0"

    public var ociVersion: String
    public var process: Process?
    public var root: Root?
    public var hostname: String?
    public var domainname: String?
    public var mounts: [Mount]?
    public var hooks: Hooks?
    public var annotations: [String: String]?
    public var linux: Linux?

    public init(
        ociVersion: String = Spec.supportedVersion,
        process: Process? = nil,
        root: Root? = nil,
        hostname: String? = nil,
        domainname: String? = nil,
        mounts: [Mount]? = nil,
        hooks: Hooks? = nil,
        annotations: [String: String]? = nil,
        linux: Linux? = nil
    ) {
        self.ociVersion = ociVersion
        self.process = process
        self.root = root
        self.hostname = hostname
        self.domainname = domainname
        self.mounts = mounts
        self.hooks = hooks
        self.annotations = annotations
        self.linux = linux
    }
}

extension Spec {
    /// `root`: the container's root filesystem.
    public struct Root: Codable, Equatable, Sendable {
        /// Absolute, or relative to the bundle directory.
        public var path: String
        public var readonly: Bool?

        public init(path: String, readonly: Bool? = nil) {
            self.path = path
            self.readonly = readonly
        }
    }
}
