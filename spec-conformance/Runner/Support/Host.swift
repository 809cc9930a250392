// Facts about the host the suite runs on: the runner's namespaces, the
// cgroup hierarchies, optional kernel/LSM features. Tests skip (with the
// reason) what the host cannot support.
import Foundation
import Glibc

struct Host {
    let namespaces: [String: String]
    /// v1 controller (or `name=systemd`) -> mount point; "unified" -> the cgroup2 mount.
    let cgroupMounts: [String: String]
    let selinux: Bool
    let apparmor: Bool
    let resctrl: Bool
    let capBounding: Set<String>

    init() {
        var ns: [String: String] = [:]
        for t in ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"] {
            ns[t] = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/" + t)) ?? "?"
        }
        namespaces = ns
        var mounts: [String: String] = [:]
        let info = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        for line in info.split(separator: "\n") {
            guard let m = MountInfo(String(line)) else { continue }
            if m.fstype == "cgroup" {
                for opt in m.superOptions where !["rw", "ro", "relatime", "nosuid", "nodev", "noexec"].contains(opt) {
                    mounts[opt] = m.mountPoint
                }
            } else if m.fstype == "cgroup2" {
                mounts["unified"] = m.mountPoint
            }
        }
        cgroupMounts = mounts
        selinux = FileManager.default.fileExists(atPath: "/sys/fs/selinux/enforce")
        apparmor = (try? String(contentsOfFile: "/sys/module/apparmor/parameters/enabled", encoding: .utf8))?.hasPrefix("Y") ?? false
        resctrl = info.contains(" - resctrl ")
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let bnd = status.split(separator: "\n").first { $0.hasPrefix("CapBnd:") }
            .map { String($0.dropFirst(7)).trimmingCharacters(in: .whitespaces) } ?? "0"
        capBounding = Capabilities.names(UInt64(bnd, radix: 16) ?? 0)
    }

    var cgroupV1: Bool { cgroupMounts["memory"] != nil || cgroupMounts["pids"] != nil }

    func hasController(_ c: String) -> Bool { cgroupMounts[c] != nil }

    /// Controller -> cgroup path of `pid` (from /proc/<pid>/cgroup).
    func cgroupPaths(_ pid: Int) -> [String: String] {
        var r: [String: String] = [:]
        let text = (try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard f.count == 3 else { continue }
            if f[1].isEmpty { r["unified"] = f[2] } else { for c in f[1].split(separator: ",") { r[String(c)] = f[2] } }
        }
        return r
    }

    /// Host directory of `pid`'s cgroup for `controller`.
    func cgroupDir(_ pid: Int, _ controller: String) -> String? {
        guard let mount = cgroupMounts[controller], let path = cgroupPaths(pid)[controller] else { return nil }
        return mount + (path == "/" ? "" : path)
    }

    func readCgroupFile(_ pid: Int, _ controller: String, _ file: String) -> String? {
        guard let dir = cgroupDir(pid, controller) else { return nil }
        return (try? String(contentsOfFile: dir + "/" + file, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Cgroup directories named after container `id` that a runtime may have left
    /// behind: at the root of each hierarchy or under the runner's own cgroup.
    func leftoverCgroups(_ id: String) -> [String] {
        let own = cgroupPaths(Int(getpid()))
        var found: [String] = []
        for (controller, mount) in cgroupMounts {
            var candidates = [mount + "/" + id]
            if let p = own[controller], p != "/" { candidates.append(mount + p + "/" + id) }
            found += candidates.filter { FileManager.default.fileExists(atPath: $0) }
        }
        return found.sorted()
    }

    static func namespace(of pid: Int, _ type: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(type)")
    }

    static func processAlive(_ pid: Int) -> Bool {
        guard pid > 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie has exited: field 3 after the `(comm)`.
        if let close = stat.lastIndex(of: ")") {
            let rest = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces)
            return !rest.hasPrefix("Z") && !rest.hasPrefix("X")
        }
        return true
    }

    static func readFile(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
