import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The cgroupfs driver for the unified (v2) hierarchy.
public final class CgroupV2Manager: CgroupDriverBase, CgroupManager {
    /// The container's cgroup directory.
    public let directory: String
    /// Where cgroup2 is mounted; controllers are enabled from here down.
    let mountpoint: String

    public init(record: CgroupRecord, mountpoint: String, fs: CgroupFS, kernel: CgroupKernel) {
        directory = record.unifiedPath ?? mountpoint
        self.mountpoint = mountpoint
        super.init(record: record, fs: fs, kernel: kernel)
    }

    static func path(inner: String, mounts: CgroupMounts, own: ProcessCgroups) -> String {
        // A process-holding cgroup cannot delegate controllers ("no internal
        // processes"), so relative paths hang below the parent of our own.
        CgroupPath.resolve(inner: inner, mountpoint: mounts.unified ?? "/sys/fs/cgroup",
                           mountRoot: mounts.unifiedRoot, own: own.paths[""], parentOfOwn: true)
    }

    public func create(resources: Spec.Linux.Resources?) throws(CgroupError) {
        guard directory.hasPrefix(mountpoint + "/") else {
            throw .invalid("linux.cgroupsPath", "\(directory) is not below the cgroup2 mount \(mountpoint)")
        }
        do throws(CgroupError) {
            try mkdirAll(directory)
            // Enable every available controller at each level above the
            // leaf, as runc does; the leaf's own settings then find them.
            let levels = directory.dropFirst(mountpoint.count + 1).split(separator: "/")
            var dir = mountpoint
            for level in levels {
                try checkType(dir, resources)
                try enableControllers(dir)
                dir += "/" + level
            }
            try checkType(directory, resources)
        } catch {
            if record.rootless && (error.errno == EACCES || error.errno == EPERM || error.errno == EROFS) {
                warn(nil, "cannot create \(directory) (rootless): \(error)")
            }
            try? removeAll(leaves: [directory])
            throw error
        }
    }

    /// A cgroup in "domain invalid" or threaded mode cannot host domain
    /// controllers (memory, io, ...).
    func checkType(_ dir: String, _ r: Spec.Linux.Resources?) throws(CgroupError) {
        guard dir != mountpoint, has(dir, "cgroup.type") else { return }
        let type = StatParse.trim(try read(dir, "cgroup.type"))
        guard type != "domain" else { return }
        let needsDomain = r.map { $0.memory != nil || $0.blockIO != nil || $0.hugepageLimits != nil
            || $0.cpu?.shares != nil || $0.cpu?.quota != nil || $0.cpu?.period != nil } ?? false
        if type == "domain invalid" && !needsDomain {
            try? write(dir, "cgroup.type", "threaded", field: nil)
        } else if needsDomain && (type == "domain invalid" || type == "threaded" || type == "domain threaded") {
            throw CgroupError(.state, field: "linux.cgroupsPath", "cannot use domain controllers in \(dir): it is in \"\(type)\" mode")
        }
    }

    func enableControllers(_ dir: String) throws(CgroupError) {
        let available = StatParse.trim(try read(dir, "cgroup.controllers")).split(separator: " ")
        guard !available.isEmpty else { return }
        let enabled = Set(StatParse.trim(try read(dir, "cgroup.subtree_control")).split(separator: " "))
        let missing = available.filter { !enabled.contains($0) }
        guard !missing.isEmpty else { return }
        do { try fs.write(dir + "/cgroup.subtree_control", missing.map { "+" + $0 }.joined(separator: " ")) } catch {
            // Some may be refused (e.g. cpu with RT tasks around); enable the
            // rest one by one and let the setters report what is missing.
            for c in missing { try? fs.write(dir + "/cgroup.subtree_control", "+" + c) }
        }
    }

    /// Controllers usable in the container's cgroup.
    func controllers() throws(CgroupError) -> Set<String> {
        Set(StatParse.trim(try read(directory, "cgroup.controllers")).split(separator: " ").map(String.init))
    }

    func require(_ controller: String, in available: Set<String>, for field: String) throws(CgroupError) {
        guard available.contains(controller) else {
            throw .unsupported(field, "the \(controller) controller is not available in \(directory) (cgroup.controllers)")
        }
    }

    public func add(pid: Int32) throws(CgroupError) {
        try addPid(directory, pid)
    }

    public func set(_ r: Spec.Linux.Resources, devices: [DeviceRule]?) throws(CgroupError) {
        let available = try controllers()
        if let pids = r.pids, let limit = pids.limit {
            try require("pids", in: available, for: "linux.resources.pids")
            try write(directory, "pids.max", limit < 0 ? "max" : String(limit), field: "linux.resources.pids.limit")
        }
        if let memory = r.memory { try setMemory(memory, available) }
        if let blockIO = r.blockIO { try setIO(blockIO, available) }
        if let cpu = r.cpu { try setCPU(cpu, available) }
        if let devices {
            do { try setDevices(devices) } catch {
                if !record.rootless { throw error }
                warn("linux.resources.devices", "ignored (rootless): \(error)")
            }
        }
        if let limits = r.hugepageLimits, !limits.isEmpty { try setHugepages(limits, available) }
        if let rdma = r.rdma, !rdma.isEmpty {
            try require("rdma", in: available, for: "linux.resources.rdma")
            try RdmaLimits.apply(rdma, dir: directory, driver: self)
        }
        if let n = r.network, n.classID != nil || (n.priorities?.isEmpty == false) {
            throw .unsupported("linux.resources.network", "net_cls and net_prio do not exist on cgroup v2")
        }
        if let unified = r.unified { try setUnified(unified, available) }
    }

    /// Writes the raw v2 keys. A key must name a file of this cgroup
    /// (`controller.parameter`, no path elements) whose controller is enabled.
    func setUnified(_ values: [String: String], _ available: Set<String>) throws(CgroupError) {
        for key in values.keys.sorted() {
            let field = "linux.resources.unified[\"\(key)\"]"
            try Self.validateUnifiedKey(key, field: field)
            let controller = String(key.split(separator: ".")[0])
            if controller != "cgroup" && !available.contains(controller) {
                throw .unsupported(field, "the \(controller) controller is not available in \(directory) (cgroup.controllers)")
            }
            try write(directory, key, values[key]!, field: field)
        }
    }

    static func validateUnifiedKey(_ key: String, field: String) throws(CgroupError) {
        if key.contains("/") || key.contains("..") || key == "." {
            throw .invalid(field, "must be a file name of the cgroup (no \"/\" or \"..\")")
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .invalid(field, "must have the form <controller>.<parameter>")
        }
    }

    public func destroy() throws(CgroupError) {
        try removeAll(leaves: [directory])
    }

    public func exists() -> Bool { fs.exists(directory) }

    public func pids(recursive: Bool) throws(CgroupError) -> [Int32] {
        try procs(directory, recursive: recursive)
    }

    public func killAll(signal: Int32) throws(CgroupError) {
        if signal == SIGKILL && has(directory, "cgroup.kill") {
            // Race-free: the kernel kills every task, including ones forking now.
            try write(directory, "cgroup.kill", "1", field: nil)
            return
        }
        try freeze()
        defer { try? thaw() }
        for pid in try pids(recursive: true) {
            do { try kernel.signal(pid, signal) } catch {
                if error.errno != ESRCH { throw .system(error, "signalling pid \(pid)") }
            }
        }
    }

    public func oomKillCount() throws(CgroupError) -> UInt64 {
        guard has(directory, "memory.events") else { return 0 }
        return StatParse.value(try read(directory, "memory.events"), key: "oom_kill") ?? 0
    }

    public func oomWatcher() throws(CgroupError) -> OOMWatcher {
        try OOMWatcher.v2(directory: directory)
    }
}
