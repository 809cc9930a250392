/// Entry points: build a manager for a new container, or reopen the one
/// recorded in a container's state.
public enum Cgroups {
    /// A manager for a new container's cgroup (nothing is created yet).
    /// - Parameters:
    ///   - cgroupsPath: `linux.cgroupsPath` (see `CgroupPath` for the rules).
    ///   - rootless: tolerate permission errors where runc does.
    ///   - systemdCgroup: `--systemd-cgroup`; refused, the systemd driver
    ///     does not exist yet.
    ///   - mounts, own: detected from /proc when nil (tests pass their own).
    public static func manager(cgroupsPath: String?, containerID: String, rootless: Bool = false,
                               systemdCgroup: Bool = false, mounts: CgroupMounts? = nil,
                               own: ProcessCgroups? = nil, fs: CgroupFS = HostCgroupFS(),
                               kernel: CgroupKernel = HostCgroupKernel()) throws(CgroupError) -> any CgroupManager {
        if systemdCgroup {
            throw .unsupported(nil, "--systemd-cgroup: the systemd cgroup driver is not implemented; run without it to use the cgroupfs driver")
        }
        let mounts = try mounts.orElse { () throws(CgroupError) in try CgroupMounts.detect(fs: fs) }
        let own = try own.orElse { () throws(CgroupError) in try ProcessCgroups.current(fs: fs) }
        let inner = try CgroupPath.inner(cgroupsPath: cgroupsPath, containerID: containerID)
        switch mounts.layout {
        case .unified:
            let path = CgroupV2Manager.path(inner: inner, mounts: mounts, own: own)
            let record = CgroupRecord(layout: .unified, paths: [CgroupRecord.unifiedKey: path],
                                      rootless: rootless, unifiedMountpoint: mounts.unified)
            return CgroupV2Manager(record: record, mountpoint: mounts.unified ?? "/sys/fs/cgroup", fs: fs, kernel: kernel)
        case .v1, .hybrid:
            let record = CgroupRecord(layout: mounts.layout, paths: CgroupV1Manager.paths(inner: inner, mounts: mounts, own: own),
                                      rootless: rootless, unifiedMountpoint: mounts.unified)
            return CgroupV1Manager(record: record, fs: fs, kernel: kernel)
        }
    }

    /// Reopens the manager of an existing container from its state.
    public static func open(_ record: CgroupRecord, fs: CgroupFS = HostCgroupFS(),
                            kernel: CgroupKernel = HostCgroupKernel()) throws(CgroupError) -> any CgroupManager {
        guard record.driver == "cgroupfs" else {
            throw .unsupported(nil, "cgroup driver \"\(record.driver)\" is not supported")
        }
        switch record.layout {
        case .unified:
            guard record.unifiedPath != nil else { throw CgroupError(.invalid, "cgroup record has no unified path") }
            return CgroupV2Manager(record: record, mountpoint: record.unifiedMountpoint ?? "/sys/fs/cgroup", fs: fs, kernel: kernel)
        case .v1, .hybrid:
            return CgroupV1Manager(record: record, fs: fs, kernel: kernel)
        }
    }
}

extension Optional {
    /// `??` with a typed-throwing fallback (`??` itself rethrows untyped).
    func orElse<E: Error>(_ fallback: () throws(E) -> Wrapped) throws(E) -> Wrapped {
        if let value = self { return value }
        return try fallback()
    }
}
