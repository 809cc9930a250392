import Foundation
import XCTest

/// Shared set-ups of the security and hardening tests.
extension Sandbox {
    static let mappedRoot = 100_000

    /// A user namespace mapping container 0..65535 to host 100000..165535,
    /// the rootfs owned by the mapped root. `keepSys` keeps /sys and
    /// /sys/fs/cgroup in the mounts (they need special handling in a userns).
    func useUserNamespace(keepSys: Bool = false) {
        appendNamespace(["type": "user"])
        let map: [[String: Any]] = [["containerID": 0, "hostID": Sandbox.mappedRoot, "size": 65536]]
        set("linux.uidMappings", map)
        set("linux.gidMappings", map)
        if !keepSys {
            config["mounts"] = (config["mounts"] as? [[String: Any]] ?? []).filter {
                !["/sys", "/sys/fs/cgroup"].contains($0["destination"] as? String ?? "")
            }
        }
        _ = Harness.exec("/bin/chown", ["-R", "\(Sandbox.mappedRoot):\(Sandbox.mappedRoot)", bundle + "/rootfs"])
    }

    func removeNamespace(_ type: String) {
        var linux = config["linux"] as? [String: Any] ?? [:]
        linux["namespaces"] = (linux["namespaces"] as? [[String: Any]] ?? []).filter { $0["type"] as? String != type }
        config["linux"] = linux
    }

    /// The runtime started through `/bin/sh -c`, so the shell can open extra
    /// descriptors first (`exec 7</etc/hostname; ...`); Foundation's Process
    /// would close them.
    @discardableResult
    func runtimeThroughShell(_ prelude: String, _ args: [String], cwd: String? = nil) -> Harness.Result {
        let quoted = ([Harness.runtime, "--root", root] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return Harness.exec("/bin/sh", ["-c", prelude + "; exec " + quoted.joined(separator: " ")], cwd: cwd ?? bundle)
    }

    /// Starts `command` detached and returns the container id.
    func startDetached(_ command: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        set("process.args", command)
        try writeConfig()
        let id = newID()
        let r = runtime(["run", "-d", id])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return id
    }
}

enum HostFiles {
    /// SHA-256 of a file, via the host's sha256sum.
    static func sha256(_ path: String) -> String {
        let r = Harness.exec("/usr/bin/sha256sum", [path])
        return String(r.stdout.split(separator: " ").first ?? "")
    }

    /// Every path below `dir` (find output), for "nothing was created" checks.
    static func tree(_ dir: String) -> [String] {
        Harness.exec("/usr/bin/find", [dir]).stdout.split(separator: "\n").map(String.init).sorted()
    }
}
