import OCISpec

/// What `linux.namespaces` asks for, split into namespaces to create and
/// namespaces to join, in the order the container init must handle them.
public struct NamespacePlan: Sendable, Equatable {
    public struct Join: Sendable, Equatable {
        public let kind: NamespaceKind
        public let path: String

        public init(kind: NamespaceKind, path: String) {
            self.kind = kind
            self.path = path
        }
    }

    public private(set) var create: [NamespaceKind] = []
    public private(set) var join: [Join] = []

    public init(_ namespaces: [Spec.Linux.Namespace]?) throws(NamespaceError) {
        for (i, ns) in (namespaces ?? []).enumerated() {
            let field = "linux.namespaces[\(i)]"
            guard let kind = NamespaceKind(rawValue: ns.type) else {
                throw NamespaceError(field + ".type", "unknown namespace type \"\(ns.type)\"")
            }
            if contains(kind) {
                throw NamespaceError(field + ".type", "duplicate namespace type \"\(ns.type)\"")
            }
            if let path = ns.path, !path.isEmpty {
                guard path.hasPrefix("/") else {
                    throw NamespaceError(field + ".path", "must be an absolute path, got \"\(path)\"")
                }
                join.append(Join(kind: kind, path: path))
            } else {
                guard kind.supportedByHost else {
                    throw NamespaceError(field + ".type", "the host kernel does not support \(kind.rawValue) namespaces")
                }
                create.append(kind)
            }
        }
    }

    public func contains(_ kind: NamespaceKind) -> Bool {
        creates(kind) || joins(kind) != nil
    }

    public func creates(_ kind: NamespaceKind) -> Bool { create.contains(kind) }
    public func joins(_ kind: NamespaceKind) -> String? { join.first { $0.kind == kind }?.path }

    /// A new user namespace must own the namespaces created with it, but the
    /// namespaces we join belong to the host: joining them from inside the new
    /// user namespace fails. Joining a user or pid namespace also has to happen
    /// before the init is forked. Those cases need an intermediate process that
    /// joins first and then forks the init (as runc's nsexec stages do).
    public var needsIntermediateProcess: Bool {
        if joins(.user) != nil || joins(.pid) != nil { return true }
        if creates(.user) && join.contains(where: { $0.kind != .user }) { return true }
        return false
    }

    /// Flags to pass to clone3 for the direct path. The cgroup namespace is
    /// left out: it must be unshared after the init has been moved into its
    /// cgroup, so that the namespace root is the container's cgroup. Time is
    /// left out: offsets must be written before any process enters it.
    public var cloneFlags: UInt64 {
        var flags: Int32 = 0
        for kind in create where kind != .cgroup && kind != .time { flags |= kind.cloneFlag }
        return UInt64(UInt32(bitPattern: flags))
    }

    /// Flags the init unshares itself after it has been placed in its cgroup.
    public var lateUnshareFlags: Int32 {
        var flags: Int32 = 0
        if creates(.cgroup) { flags |= NamespaceKind.cgroup.cloneFlag }
        if creates(.time) { flags |= NamespaceKind.time.cloneFlag }
        return flags
    }
}
