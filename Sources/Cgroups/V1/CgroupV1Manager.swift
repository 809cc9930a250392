import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The cgroupfs driver for v1 hierarchies, and for hybrid hosts, where the
/// container also joins the controller-less cgroup2 hierarchy as runc does
/// (so tools reading `0::` in /proc/<pid>/cgroup find it).
public final class CgroupV1Manager: CgroupDriverBase, CgroupManager {
    /// The v1 hierarchies runc joins.
    static let knownControllers = ["cpuset", "devices", "memory", "cpu", "cpuacct", "pids", "blkio",
                                   "hugetlb", "net_cls", "net_prio", "perf_event", "freezer", "rdma",
                                   "misc", "name=systemd"]

    public override init(record: CgroupRecord, fs: CgroupFS, kernel: CgroupKernel) {
        super.init(record: record, fs: fs, kernel: kernel)
    }

    /// Paths for a new container: every mounted hierarchy runc knows.
    static func paths(inner: String, mounts: CgroupMounts, own: ProcessCgroups) -> [String: String] {
        var paths: [String: String] = [:]
        for controller in knownControllers {
            guard let h = mounts.hierarchy(for: controller) else { continue }
            paths[controller] = CgroupPath.resolve(inner: inner, mountpoint: h.mountpoint, mountRoot: h.root,
                                                   own: own.paths[controller])
        }
        if mounts.layout == .hybrid, let unified = mounts.unified {
            paths[CgroupRecord.unifiedKey] = CgroupPath.resolve(inner: inner, mountpoint: unified,
                                                                mountRoot: mounts.unifiedRoot, own: own.paths[""])
        }
        return paths
    }

    func path(_ controller: String) -> String? { record.paths[controller] }

    /// The directory for `controller`, or the spec-field error saying it is missing.
    func require(_ controller: String, for field: String?) throws(CgroupError) -> String {
        guard let dir = path(controller) else {
            throw .unsupported(field, "the \(controller) cgroup controller is not mounted on this host")
        }
        return dir
    }

    /// The distinct directories, v1 hierarchies first, then the unified one.
    var directories: [String] {
        var out: [String] = []
        for key in Self.knownControllers + [CgroupRecord.unifiedKey] {
            if let p = record.paths[key], !out.contains(p) { out.append(p) }
        }
        return out
    }

    public func create(resources: Spec.Linux.Resources?) throws(CgroupError) {
        if path("devices") == nil && !record.rootless {
            // Without the devices hierarchy the container would get every host device.
            throw .unsupported("linux.resources.devices", "the devices cgroup controller is not mounted; refusing to run without it")
        }
        do throws(CgroupError) {
            for dir in directories {
                do { try mkdirAll(dir) } catch {
                    if record.rootless && isPermission(error) {
                        warn(nil, "cannot create \(dir) (rootless); not using this hierarchy")
                        record.paths = record.paths.filter { $0.value != dir }
                        continue
                    }
                    throw error
                }
            }
            if let cpuset = path("cpuset") { try initCpuset(cpuset) }
            // A realtime budget must exist before an RT task can join.
            if let cpu = resources?.cpu, let dir = path("cpu") { try setRealtime(dir, cpu) }
        } catch {
            try? removeAll(leaves: directories)
            throw error
        }
    }

    public func add(pid: Int32) throws(CgroupError) {
        for dir in directories { try addPid(dir, pid) }
    }

    public func set(_ r: Spec.Linux.Resources, devices: [DeviceRule]?) throws(CgroupError) {
        if let unified = r.unified, !unified.isEmpty {
            throw .unsupported("linux.resources.unified", "cgroup v2 settings cannot be applied: this host uses cgroup v1 controllers (\(record.layout.rawValue) layout)")
        }
        if let cpu = r.cpu { try setCpuset(cpu) }
        if let devices {
            if let dir = path("devices") {
                do { try setDevices(dir, devices) } catch {
                    if !record.rootless { throw error }
                    warn("linux.resources.devices", "ignored (rootless): \(error)")
                }
            }
        }
        if let memory = r.memory { try setMemory(try require("memory", for: "linux.resources.memory"), memory) }
        if let cpu = r.cpu { try setCPU(cpu) }
        if let pids = r.pids, let limit = pids.limit {
            try write(try require("pids", for: "linux.resources.pids"), "pids.max", limit < 0 ? "max" : String(limit),
                      field: "linux.resources.pids.limit")
        }
        if let blockIO = r.blockIO { try setBlockIO(blockIO) }
        if let limits = r.hugepageLimits, !limits.isEmpty {
            try setHugepages(try require("hugetlb", for: "linux.resources.hugepageLimits"), limits)
        }
        if let network = r.network { try setNetwork(network) }
        if let rdma = r.rdma, !rdma.isEmpty {
            try RdmaLimits.apply(rdma, dir: try require("rdma", for: "linux.resources.rdma"), driver: self)
        }
    }

    // MARK: freezer

    public func freeze() throws(CgroupError) {
        let dir = try require("freezer", for: nil)
        var delay: UInt32 = 10
        for attempt in 0..<1000 {
            // A task stuck in the kernel can keep the cgroup FREEZING
            // forever; thawing and refreezing now and then unsticks it.
            if attempt % 50 == 49 {
                try write(dir, "freezer.state", "THAWED", field: nil)
                kernel.sleep(microseconds: 10_000)
            }
            try write(dir, "freezer.state", "FROZEN", field: nil)
            if StatParse.trim(try read(dir, "freezer.state")) == "FROZEN" { return }
            kernel.sleep(microseconds: delay)
            delay = min(delay * 2, 5_000)
        }
        try? write(dir, "freezer.state", "THAWED", field: nil)
        throw CgroupError(.state, "freeze: \(dir) did not reach FROZEN")
    }

    public func thaw() throws(CgroupError) {
        let dir = try require("freezer", for: nil)
        try write(dir, "freezer.state", "THAWED", field: nil)
        for _ in 0..<1000 {
            if StatParse.trim(try read(dir, "freezer.state")) == "THAWED" { return }
            kernel.sleep(microseconds: 1_000)
        }
        throw CgroupError(.state, "thaw: \(dir) did not reach THAWED")
    }

    public func freezerState() throws(CgroupError) -> FreezerState {
        guard let dir = path("freezer"), fs.exists(dir) else { return .undefined }
        return FreezerState(rawValue: StatParse.trim(try read(dir, "freezer.state"))) ?? .undefined
    }

    // MARK: processes

    /// The hierarchy used to list processes (runc uses devices).
    var procsDirectory: String? {
        for key in ["devices", "freezer", "memory", "pids", "cpu", CgroupRecord.unifiedKey] {
            if let p = record.paths[key] { return p }
        }
        return record.paths.values.first
    }

    public func pids(recursive: Bool) throws(CgroupError) -> [Int32] {
        guard let dir = procsDirectory else { return [] }
        return try procs(dir, recursive: recursive)
    }

    public func killAll(signal: Int32) throws(CgroupError) {
        let canFreeze = path("freezer").map { fs.exists($0) } ?? false
        if canFreeze { try freeze() }
        defer { if canFreeze { try? thaw() } }
        for pid in try pids(recursive: true) {
            do { try kernel.signal(pid, signal) } catch {
                if error.errno != ESRCH { throw .system(error, "signalling pid \(pid)") }
            }
        }
    }

    public func destroy() throws(CgroupError) {
        try removeAll(leaves: directories)
    }

    public func exists() -> Bool {
        directories.contains { fs.exists($0) }
    }

    // MARK: OOM

    public func oomKillCount() throws(CgroupError) -> UInt64 {
        guard let dir = path("memory") else { return 0 }
        return StatParse.value(try read(dir, "memory.oom_control"), key: "oom_kill") ?? 0
    }

    public func oomWatcher() throws(CgroupError) -> OOMWatcher {
        try OOMWatcher.v1(memoryDirectory: try require("memory", for: nil))
    }

    func isPermission(_ error: CgroupError) -> Bool {
        guard let e = error.errno else { return false }
        return e == EPERM || e == EACCES || e == EROFS
    }
}
