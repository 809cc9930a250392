// Parsing what the checker prints from inside a container.
import Foundation

struct MountInfo {
    let id: Int, parent: Int
    let root: String, mountPoint: String
    let options: Set<String>
    let optional: [String]          // shared:N, master:N, unbindable ...
    let fstype: String, source: String
    let superOptions: Set<String>

    init?(_ line: String) {
        let parts = line.components(separatedBy: " - ")
        guard parts.count >= 2 else { return nil }
        let a = parts[0].split(separator: " ").map(String.init)
        let b = parts[1].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard a.count >= 6, b.count >= 3 else { return nil }
        id = Int(a[0]) ?? -1
        parent = Int(a[1]) ?? -1
        root = a[3]
        mountPoint = a[4].replacingOccurrences(of: "\\040", with: " ")
        options = Set(a[5].split(separator: ",").map(String.init))
        optional = Array(a.dropFirst(6))
        fstype = b[0]
        source = b[1]
        superOptions = Set(b[2].split(separator: ",").map(String.init))
    }

    var propagation: String {
        if optional.contains(where: { $0.hasPrefix("shared:") }) { return "shared" }
        if optional.contains(where: { $0.hasPrefix("master:") }) { return "slave" }
        if optional.contains("unbindable") { return "unbindable" }
        return "private"
    }
    var allOptions: Set<String> { options.union(superOptions) }
}

struct Report {
    private(set) var values: [String: [String]] = [:]
    var raw: String

    init(_ text: String) {
        raw = text
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq]), default: []].append(String(line[line.index(after: eq)...]))
        }
    }

    subscript(key: String) -> String? { values[key]?.last }
    func all(_ key: String) -> [String] { values[key] ?? [] }
    var isEmpty: Bool { values.isEmpty }
    var completed: Bool { self["done"] == "1" }

    var mounts: [MountInfo] { all("mount").compactMap(MountInfo.init) }
    /// The topmost mount at `path` (the one a lookup would resolve to).
    func mount(at path: String) -> MountInfo? { mounts.last { $0.mountPoint == path } }

    func capabilities(_ field: String) -> Set<String>? {
        guard let hex = self["status." + field], let v = UInt64(hex, radix: 16) else { return nil }
        return Capabilities.names(v)
    }

    /// `stat.<path>` split into its fields (type, mode, rdev, uid, gid ...).
    func stat(_ path: String) -> [String: String]? {
        guard let s = self["stat." + path], !s.hasPrefix("ERR") else { return nil }
        var d: [String: String] = [:]
        for f in s.split(separator: " ") {
            let kv = f.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { d[kv[0]] = kv[1] }
        }
        return d
    }

    /// Short excerpt for diagnostics.
    var excerpt: String {
        raw.isEmpty ? "(no output)" : String(raw.suffix(400)).replacingOccurrences(of: "\n", with: " | ")
    }
}

enum Capabilities {
    static let all = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ]

    static func names(_ mask: UInt64) -> Set<String> {
        var s = Set<String>()
        for (i, n) in all.enumerated() where mask & (1 << UInt64(i)) != 0 { s.insert(n) }
        return s
    }
}
