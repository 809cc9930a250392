import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Making the rootfs `/`.
enum RootSwitch {
    static let field = "root.path"

    /// pivot_root(".", ".") (LXC's trick: no put_old directory needed in the
    /// rootfs), then lazily detach the old root stacked underneath.
    static func pivotRoot(sys: any MountSyscalls, rootFD: Int32) throws(MountError) {
        try attributing(field) { () throws(SystemError) in
            let oldRoot = try sys.open("/", flags: O_DIRECTORY | O_RDONLY)
            defer { sys.close(oldRoot) }
            try sys.fchdir(rootFD)
            try sys.pivotRoot(".", ".")
            try sys.fchdir(oldRoot)
            // rslave first, so the unmount cannot propagate to the host.
            try sys.mount(source: nil, target: ".", fstype: nil, flags: MS.slave | MS.rec, data: nil)
            try sys.umount2(".", flags: MountAPI.mntDetach)
            try sys.chdir("/")
        }
    }

    /// --no-pivot: MS_MOVE the rootfs onto / and chroot. The host's full
    /// procfs/sysfs mounts stay reachable in this namespace, and the kernel
    /// lets a container mount a new procfs only if no such unobstructed
    /// mount exists, so unmount (or cover) them first, like runc.
    static func moveRoot(sys: any MountSyscalls, rootFD: Int32, rootPath: String) throws(MountError) {
        let text = try attributing(field) { () throws(SystemError) -> String in try sys.readFile("/proc/self/mountinfo") }
        let exposed = MountInfo.parse(text).filter {
            $0.root == "/" && ($0.fsType == "proc" || $0.fsType == "sysfs")
                && ContainerPath.relative($0.mountPoint, to: rootPath) == nil
        }
        for m in exposed {
            do throws(SystemError) {
                try sys.mount(source: nil, target: m.mountPoint, fstype: nil, flags: MS.slave | MS.rec, data: nil)
            } catch {
                if error.errno == ENOENT { continue }  // a parent was already detached
                throw MountError(field, error)
            }
            do throws(SystemError) {
                try sys.umount2(m.mountPoint, flags: MountAPI.mntDetach)
            } catch {
                guard error.errno == EINVAL || error.errno == EPERM else { throw MountError(field, error) }
                try attributing(field) { () throws(SystemError) in
                    try sys.mount(source: "tmpfs", target: m.mountPoint, fstype: "tmpfs", flags: 0, data: nil)
                }
            }
        }
        try attributing(field) { () throws(SystemError) in
            try sys.fchdir(rootFD)
            try sys.mount(source: rootPath, target: "/", fstype: nil, flags: MS.move, data: nil)
            try sys.chroot(".")
            try sys.chdir("/")
        }
    }

    /// stdio still open on the host's /dev/null would keep a reference to a
    /// host mount inside the container: swap in the container's own.
    static func reopenDevNull(sys: any MountSyscalls) throws(MountError) {
        let field = "linux.devices"
        let null = try attributing(field) { () throws(SystemError) -> Int32 in try sys.open("/dev/null", flags: O_RDWR) }
        defer { sys.close(null) }
        let nullStat = try attributing(field) { () throws(SystemError) -> FileStat in try sys.fstat(null) }
        for fd: Int32 in 0...2 {
            guard let st = try? sys.fstat(fd) else { continue }
            if st.type == FileStat.charDevice && st.rdev == nullStat.rdev {
                try attributing(field) { () throws(SystemError) in try sys.dup3(null, fd) }
            }
        }
    }

    /// `root.readonly`: a bind remount of /; if the kernel refuses because of
    /// locked flags (user namespace), retry keeping them.
    static func remountRootReadonly(sys: any MountSyscalls) throws(MountError) {
        let flags = MS.bind | MS.remount | MS.rdonly
        do throws(SystemError) {
            try sys.mount(source: nil, target: "/", fstype: nil, flags: flags, data: nil)
        } catch {
            let st = try attributing("root.readonly") { () throws(SystemError) -> FilesystemStat in try sys.statfs("/") }
            try attributing("root.readonly") { () throws(SystemError) in
                try sys.mount(source: nil, target: "/", fstype: nil,
                              flags: flags | (StatfsFlag.mountFlags(st.flags) & MS.lockable), data: nil)
            }
        }
    }
}
