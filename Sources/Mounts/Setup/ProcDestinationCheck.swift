import Syscalls

/// Mounts over or inside the container's /proc (CVE-2019-19921 class): a
/// bind over /proc/self/attr or /proc/sys could defeat LSMs and sysctl
/// protection, so only procfs itself may go on /proc, and below it only the
/// files lxcfs-style tools emulate, on a real procfs.
enum ProcDestinationCheck {
    static let allowed: Set<String> = [
        "/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps",
        "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid",
    ]

    /// `inside` is the resolved destination (symlinks followed, in-root).
    static func check(_ inside: String, targetFD: Int32, isProcSource: Bool, ctx: MountContext,
                      field: String) throws(MountError) {
        guard let below = ContainerPath.relative(inside, to: "/proc") else { return }
        if below == "/" {
            if isProcSource { return }
            throw MountError(field, "\"\(inside)\" cannot be mounted because it is not of type proc")
        }
        guard allowed.contains(inside) else {
            throw MountError(field, "\"\(inside)\" cannot be mounted because it is inside /proc")
        }
        let fs = try attributing(field) { () throws(SystemError) -> FilesystemStat in try ctx.sys.fstatfs(targetFD) }
        guard fs.type == FilesystemMagic.proc else {
            throw MountError(field, "\"\(inside)\" is not on a procfs mount")
        }
    }
}
