import Cgroups
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `update [flags] ID` / `update -r FILE|- ID`: changes the cgroup limits
    /// of a live (created, running or paused) container and records them in
    /// its config, so later updates and reads build on them.
    ///
    /// Checks run in runc's order: the container exists, the values parse,
    /// Intel RDT is available if asked for, the container is not stopped.
    public func update(id: String, _ request: UpdateRequest, stdin: Int32 = 0) throws {
        let lock = try store.lock(id)
        defer { lock.release() }
        var record = try store.load(id)
        let update = try request.resources(stdin: stdin).normalizedForUpdate()
        try IntelRDT.check(l3CacheSchema: request.l3CacheSchema.nonEmpty, memBwSchema: request.memBwSchema.nonEmpty)

        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        guard status != .stopped else { throw RuntimeError("container not running") }
        guard let cgroup = try CgroupSupport.reopen(record) else {
            throw RuntimeError("container \(id) has no cgroup to update")
        }
        if update.isEmptyUpdate { return }

        let stored = record.config?.linux?.resources ?? Spec.Linux.Resources()
        let merged = stored.merging(update)
        do {
            try cgroup.update(Spec.Linux.Resources.toApply(update: update, merged: merged))
        } catch {
            throw RuntimeError("\(error)")
        }
        for warning in cgroup.warnings { Log.warning(warning) }

        var config = record.config ?? Spec()
        var linux = config.linux ?? Spec.Linux()
        var resources = merged
        resources.devices = stored.devices
        linux.resources = resources
        config.linux = linux
        record.config = config
        try store.save(record)
    }
}

/// runc accepts `--l3-cache-schema` / `--mem-bw-schema` only where the
/// resctrl filesystem offers CAT / MBA; swiftlet has no resctrl support at
/// all, so the schemas are always refused, with runc's wording plus why.
enum IntelRDT {
    static let resctrl = "/sys/fs/resctrl"

    static func check(l3CacheSchema: String?, memBwSchema: String?) throws {
        if l3CacheSchema != nil {
            throw RuntimeError("Intel RDT/CAT: l3 cache schema is not enabled (\(reason(feature: "L3")))")
        }
        if memBwSchema != nil {
            throw RuntimeError("Intel RDT/MBA: memory bandwidth schema is not enabled (\(reason(feature: "MB")))")
        }
    }

    static func reason(feature: String) -> String {
        guard FileIO.exists(resctrl + "/info") else {
            return "no resctrl filesystem mounted at \(resctrl)"
        }
        guard FileIO.exists(resctrl + "/info/" + feature) else {
            return "this host's resctrl has no \(feature) resource"
        }
        return "swiftlet does not manage resctrl groups"
    }
}
