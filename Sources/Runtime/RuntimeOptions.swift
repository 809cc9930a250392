/// Global options (`--root`, `--rootless`, `--systemd-cgroup`) shared by every command.
public struct RuntimeOptions: Sendable {
    public var root: String
    public var rootless: Bool
    public var systemdCgroup: Bool

    public init(root: String, rootless: Bool = false, systemdCgroup: Bool = false) {
        self.root = root
        self.rootless = rootless
        self.systemdCgroup = systemdCgroup
    }
}

/// `create` / `run` options.
public struct CreateOptions: Sendable {
    public var id: String
    public var bundle: String?
    public var pidFile: String?
    public var consoleSocket: String?
    public var pidfdSocket: String?
    public var noPivot = false
    public var noNewKeyring = false
    public var preserveFDs: Int32 = 0

    public init(id: String) { self.id = id }
}
