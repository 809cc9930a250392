import CShims
import Syscalls

/// How the host mounts cgroupfs.
public enum CgroupLayout: String, Codable, Sendable {
    /// Only cgroup v1 hierarchies.
    case v1
    /// v1 controller hierarchies plus a controller-less cgroup2 mount
    /// (systemd's "hybrid" mode, usually at /sys/fs/cgroup/unified).
    case hybrid
    /// Pure cgroup v2: one unified hierarchy holding every controller.
    case unified
}

/// One mounted v1 hierarchy.
public struct CgroupHierarchy: Equatable, Sendable {
    public var mountpoint: String
    /// The cgroup path mounted there (not `/` inside a cgroup namespace).
    public var root: String
    /// Controllers attached (`cpu`, `cpuacct`), or `name=systemd` for named ones.
    public var controllers: [String]

    public init(mountpoint: String, root: String = "/", controllers: [String]) {
        self.mountpoint = mountpoint
        self.root = root
        self.controllers = controllers
    }
}

/// The cgroup filesystems visible to this process, from /proc/self/mountinfo.
public struct CgroupMounts: Equatable, Sendable {
    public var layout: CgroupLayout
    public var v1: [CgroupHierarchy]
    /// Mountpoint of the cgroup2 filesystem, if any.
    public var unified: String?
    /// Mount root of the cgroup2 filesystem.
    public var unifiedRoot: String

    public init(layout: CgroupLayout, v1: [CgroupHierarchy], unified: String?, unifiedRoot: String = "/") {
        self.layout = layout
        self.v1 = v1
        self.unified = unified
        self.unifiedRoot = unifiedRoot
    }

    /// The hierarchy holding `controller`, if mounted.
    public func hierarchy(for controller: String) -> CgroupHierarchy? {
        v1.first { $0.controllers.contains(controller) }
    }

    /// Parses mountinfo text. Returns nil when no cgroup filesystem is mounted.
    public static func parse(mountinfo: String) -> CgroupMounts? {
        var v1: [CgroupHierarchy] = []
        var unifiedCandidates: [(mountpoint: String, root: String)] = []
        for line in mountinfo.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let dash = fields.firstIndex(of: "-"), dash >= 6, fields.count >= dash + 4 else { continue }
            let fsType = fields[dash + 1]
            let root = unescape(String(fields[3]))
            let mountpoint = unescape(String(fields[4]))
            if fsType == "cgroup2" {
                unifiedCandidates.append((mountpoint, root))
            } else if fsType == "cgroup" {
                let options = fields[dash + 3].split(separator: ",").map(String.init)
                let controllers = options.filter { opt in
                    !["rw", "ro", "relatime", "noatime", "nosuid", "nodev", "noexec", "clone_children",
                      "noprefix", "xattr", "cpuset_v2_mode", "favordynmods"].contains(opt)
                        && !opt.hasPrefix("release_agent=")
                }
                guard !controllers.isEmpty else { continue }
                // The same hierarchy may be bind-mounted again elsewhere; the first wins.
                if v1.contains(where: { $0.controllers == controllers }) { continue }
                v1.append(CgroupHierarchy(mountpoint: mountpoint, root: root, controllers: controllers))
            }
        }
        let preferred = unifiedCandidates.first { $0.mountpoint == "/sys/fs/cgroup" }
            ?? unifiedCandidates.first { $0.mountpoint == "/sys/fs/cgroup/unified" }
            ?? unifiedCandidates.first
        let hasV1Controllers = v1.contains { $0.controllers.contains { !$0.hasPrefix("name=") } }
        let layout: CgroupLayout
        if hasV1Controllers {
            layout = preferred == nil ? .v1 : .hybrid
        } else if preferred != nil {
            layout = .unified
            v1 = []
        } else {
            return nil
        }
        return CgroupMounts(layout: layout, v1: v1, unified: preferred?.mountpoint,
                            unifiedRoot: preferred?.root ?? "/")
    }

    /// Detects the host's layout. The statfs fast path answers pure v2
    /// without reading mountinfo.
    public static func detect(fs: CgroupFS = HostCgroupFS()) throws(CgroupError) -> CgroupMounts {
        var type: Int64 = 0
        if sw_statfs_type("/sys/fs/cgroup", &type) == 0 && type == cgroup2SuperMagic {
            return CgroupMounts(layout: .unified, v1: [], unified: "/sys/fs/cgroup")
        }
        let text: String
        do { text = try fs.read("/proc/self/mountinfo") } catch {
            throw .system(error, "reading the mount table")
        }
        guard let mounts = parse(mountinfo: text) else {
            throw .unsupported(nil, "no cgroup filesystem is mounted")
        }
        return mounts
    }

    static let cgroup2SuperMagic: Int64 = 0x6367_7270

    /// mountinfo escapes space, tab, newline and backslash as octal.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "\\"), i + 3 < u.count,
               let v = UInt8(String(decoding: u[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(v)
                i += 4
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The cgroup membership of a process, from /proc/<pid>/cgroup:
/// controller (or `name=systemd`) → path; `""` is the unified hierarchy.
public struct ProcessCgroups: Equatable, Sendable {
    public var paths: [String: String]

    public init(paths: [String: String]) { self.paths = paths }

    public static func parse(_ text: String) -> ProcessCgroups {
        var paths: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(parts[2])
            if parts[0] == "0" && parts[1].isEmpty {
                paths[""] = path
            } else {
                for controller in parts[1].split(separator: ",") { paths[String(controller)] = path }
            }
        }
        return ProcessCgroups(paths: paths)
    }

    public static func current(fs: CgroupFS = HostCgroupFS()) throws(CgroupError) -> ProcessCgroups {
        do { return parse(try fs.read("/proc/self/cgroup")) } catch {
            throw .system(error, "reading /proc/self/cgroup")
        }
    }
}
