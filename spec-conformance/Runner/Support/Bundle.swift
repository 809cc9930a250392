// Bundles: a directory with config.json and a rootfs (hard-linked copy of
// the base rootfs built once per run).
import Foundation
import Glibc

final class Bundle {
    let dir: String
    var config: JSONDoc
    var rootfs: String { dir + "/rootfs" }

    init(dir: String, config: JSONDoc) {
        self.dir = dir
        self.config = config
    }

    func write() {
        FileManager.default.createFile(atPath: dir + "/config.json", contents: config.serialized())
    }

    /// Path inside the rootfs, seen from the host.
    func hostPath(_ containerPath: String) -> String { rootfs + containerPath }

    // MARK: config helpers used throughout the tests

    var args: [String] {
        get { config["process", "args"] as? [String] ?? [] }
        set { config["process", "args"] = newValue }
    }

    func addMount(_ destination: String, type: String? = nil, source: String? = nil, options: [String]? = nil) {
        var m: [String: Any] = ["destination": destination]
        if let type { m["type"] = type }
        if let source { m["source"] = source }
        if let options { m["options"] = options }
        config.append(m, at: "mounts")
    }

    var namespaces: [[String: Any]] {
        get { config["linux", "namespaces"] as? [[String: Any]] ?? [] }
        set { config["linux", "namespaces"] = newValue }
    }

    func addNamespace(_ type: String, path: String? = nil) {
        var ns = namespaces.filter { $0["type"] as? String != type }
        var entry: [String: Any] = ["type": type]
        if let path { entry["path"] = path }
        ns.append(entry)
        namespaces = ns
    }

    func removeNamespace(_ type: String) { namespaces = namespaces.filter { $0["type"] as? String != type } }

    func addHook(_ kind: String, path: String, args: [String]? = nil, env: [String]? = nil, timeout: Int? = nil) {
        var h: [String: Any] = ["path": path]
        if let args { h["args"] = args }
        if let env { h["env"] = env }
        if let timeout { h["timeout"] = timeout }
        config.append(h, at: "hooks", kind)
    }
}

enum DefaultConfig {
    /// The capability set `runc spec` uses: a realistic, non-privileged default.
    static let caps = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_CHOWN", "CAP_DAC_OVERRIDE",
                       "CAP_FOWNER", "CAP_FSETID", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_SYS_CHROOT",
                       "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETFCAP"]

    static func make(args: [String]) -> JSONDoc {
        var c = JSONDoc()
        c["ociVersion"] = "1.0.2"  // widely accepted: crun 1.8 rejects 1.2.x (a version it does not implement)
        c["process"] = [
            "terminal": false,
            "user": ["uid": 0, "gid": 0],
            "args": args,
            "env": ["PATH=/bin:/sbin:/usr/bin:/usr/sbin:/conformance/bin", "TERM=dumb"],
            "cwd": "/",
            "capabilities": ["bounding": caps, "effective": caps, "permitted": caps],
            "noNewPrivileges": true,
        ] as [String: Any]
        c["root"] = ["path": "rootfs", "readonly": false] as [String: Any]
        c["hostname"] = "conformance"
        c["mounts"] = [
            ["destination": "/proc", "type": "proc", "source": "proc"],
            ["destination": "/dev", "type": "tmpfs", "source": "tmpfs",
             "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]],
            ["destination": "/dev/pts", "type": "devpts", "source": "devpts",
             "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]],
            ["destination": "/dev/shm", "type": "tmpfs", "source": "shm",
             "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]],
            ["destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]],
            ["destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]],
            ["destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]],
        ] as [[String: Any]]
        c["linux"] = [
            "namespaces": [["type": "pid"], ["type": "network"], ["type": "ipc"], ["type": "uts"], ["type": "mount"]],
        ] as [String: Any]
        return c
    }
}
