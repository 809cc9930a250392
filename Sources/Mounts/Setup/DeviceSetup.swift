import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// /dev contents when the spec does not bind /dev from elsewhere: the
/// runtime-spec's default devices plus `linux.devices`, the /dev/ptmx ->
/// pts/ptmx link and the /proc/self/fd links; and /dev/console.
struct DeviceSetup {
    let ctx: MountContext

    static let defaultDevices: [Spec.Linux.Device] = [
        .init(path: "/dev/null", type: "c", major: 1, minor: 3, fileMode: 0o666, uid: 0, gid: 0),
        .init(path: "/dev/zero", type: "c", major: 1, minor: 5, fileMode: 0o666, uid: 0, gid: 0),
        .init(path: "/dev/full", type: "c", major: 1, minor: 7, fileMode: 0o666, uid: 0, gid: 0),
        .init(path: "/dev/random", type: "c", major: 1, minor: 8, fileMode: 0o666, uid: 0, gid: 0),
        .init(path: "/dev/urandom", type: "c", major: 1, minor: 9, fileMode: 0o666, uid: 0, gid: 0),
        .init(path: "/dev/tty", type: "c", major: 5, minor: 0, fileMode: 0o666, uid: 0, gid: 0),
    ]

    /// runc: /dev is populated unless the spec bind-mounts it.
    static func needsSetup(_ mounts: [Spec.Mount]) -> Bool {
        !mounts.contains { m in
            guard ContainerPath.clean(m.destination) == "/dev" else { return false }
            let options = (try? MountOptions.parse(m.options ?? [])) ?? MountOptions()
            return m.type == "bind" || options.isBind
        }
    }

    func run() throws(MountError) {
        let specDevices = ctx.spec.linux?.devices ?? []
        let specPaths = Set(specDevices.map { ContainerPath.clean($0.path) })
        for d in DeviceSetup.defaultDevices where !specPaths.contains(d.path) {
            try create(d, field: "linux.devices (default \(d.path))", replaceMismatch: true)
        }
        for (i, d) in specDevices.enumerated() where ContainerPath.clean(d.path) != "/dev/ptmx" {
            try create(d, field: "linux.devices[\(i)]")
        }
        try links()
    }

    /// Binds the console pty slave over /dev/console.
    func bindConsole(_ consolePath: String) throws(MountError) {
        let field = "process.terminal"
        let sys = ctx.sys
        let dev = try ctx.resolver.open("/dev", create: .directory, field: field).fd
        defer { sys.close(dev) }
        try attributing(field) { () throws(SystemError) in
            do throws(SystemError) { try sys.mknodat(dev, "console", mode: FileStat.regular | 0o666, device: 0) } catch {
                if error.errno != EEXIST { throw error }
            }
        }
        let fd = try ctx.resolver.openEntry(dev, "console", field: field)
        defer { sys.close(fd) }
        let st = try attributing(field) { () throws(SystemError) -> FileStat in try sys.fstat(fd) }
        guard !st.isDirectory && !st.isSymlink else {
            throw MountError(field, "/dev/console in the rootfs is a directory or symlink")
        }
        try attributing(field) { () throws(SystemError) in
            try sys.mount(source: consolePath, target: sys.procPath(fd), fstype: "bind", flags: MS.bind, data: nil)
        }
    }

    /// `replaceMismatch`: only for the default devices. For a `linux.devices`
    /// entry config-linux.md says "If a file already exists at path that does
    /// not match the requested device, the runtime MUST generate an error".
    private func create(_ d: Spec.Linux.Device, field: String, replaceMismatch: Bool = false) throws(MountError) {
        let sys = ctx.sys
        let path = ContainerPath.clean(d.path)
        guard path != "/" else { throw MountError(field + ".path", "must name a file") }
        let typeBits: UInt32
        switch d.type {
        case "c", "u": typeBits = FileStat.charDevice
        case "b": typeBits = FileStat.blockDevice
        case "p": typeBits = FileStat.fifo
        default: throw MountError(field + ".type", "\"\(d.type)\" is not a device type (c, b, u or p)")
        }
        var rdev: UInt64 = 0
        if typeBits != FileStat.fifo {
            guard let major = d.major, let minor = d.minor, major >= 0, minor >= 0 else {
                throw MountError(field, "major and minor are required for type \"\(d.type)\"")
            }
            rdev = DeviceNumber.make(major: UInt32(truncatingIfNeeded: major), minor: UInt32(truncatingIfNeeded: minor))
        }
        let permissions = (d.fileMode ?? 0o666) & 0o7777
        let (dir, name) = try ctx.resolver.openParent(path, field: field + ".path")
        defer { sys.close(dir) }
        if ctx.inUserNamespace {
            try bindFromHost(path, dir: dir, name: name, field: field)
            return
        }
        do throws(MountError) {
            try makeNode(dir, name, typeBits | permissions, rdev, field: field, replaceMismatch: replaceMismatch)
        } catch {
            if error.errno == EPERM {
                try bindFromHost(path, dir: dir, name: name, field: field)
                return
            }
            throw error
        }
        let fd = try ctx.resolver.openEntry(dir, name, field: field + ".path")
        defer { sys.close(fd) }
        let st = try attributing(field) { () throws(SystemError) -> FileStat in try sys.fstat(fd) }
        guard st.type == typeBits && st.rdev == rdev else {
            throw MountError(field + ".path", "\(path) was replaced while it was being created")
        }
        try attributing(field) { () throws(SystemError) in
            // mknodat is subject to the umask; set the exact mode. chmod on an
            // OpenFlags.path fd only works through its magic link.
            try sys.fchmodat(AT_FDCWD, sys.procPath(fd), mode: permissions)
            try sys.fchownat(fd, "", uid: d.uid ?? 0, gid: d.gid ?? 0, flags: Int32(MountAPI.atEmptyPath))
        }
    }

    /// mknodat; an existing entry is kept only if it is this very device.
    private func makeNode(_ dir: Int32, _ name: String, _ mode: UInt32, _ rdev: UInt64,
                          field: String, replaceMismatch: Bool) throws(MountError) {
        let sys = ctx.sys
        do throws(SystemError) {
            try sys.mknodat(dir, name, mode: mode, device: rdev)
            return
        } catch {
            guard error.errno == EEXIST else { throw MountError(field, error) }
        }
        let fd = try ctx.resolver.openEntry(dir, name, field: field + ".path")
        let st: FileStat
        do throws(SystemError) {
            st = try sys.fstat(fd)
            sys.close(fd)
        } catch {
            sys.close(fd)
            throw MountError(field, error)
        }
        if st.type == mode & FileStat.typeMask && st.rdev == rdev { return }
        if st.isDirectory { throw MountError(field + ".path", "a directory is in the way") }
        if !replaceMismatch { throw DeviceConflict.error(field: field, existing: st, wantedMode: mode, wantedRdev: rdev) }
        try attributing(field) { () throws(SystemError) in
            try sys.unlinkat(dir, name, flags: 0)
            try sys.mknodat(dir, name, mode: mode, device: rdev)
        }
    }

    /// In a user namespace mknod is refused: bind the host's node instead.
    private func bindFromHost(_ path: String, dir: Int32, name: String, field: String) throws(MountError) {
        let sys = ctx.sys
        try attributing(field) { () throws(SystemError) in
            do throws(SystemError) { try sys.mknodat(dir, name, mode: FileStat.regular | 0o644, device: 0) } catch {
                if error.errno != EEXIST { throw error }
            }
        }
        let fd = try ctx.resolver.openEntry(dir, name, field: field + ".path")
        defer { sys.close(fd) }
        let st = try attributing(field) { () throws(SystemError) -> FileStat in try sys.fstat(fd) }
        if st.isDirectory || st.isSymlink { throw MountError(field + ".path", "a directory or symlink is in the way") }
        try attributing(field) { () throws(SystemError) in
            try sys.mount(source: path, target: sys.procPath(fd), fstype: "bind", flags: MS.bind, data: nil)
        }
    }

    private func links() throws(MountError) {
        let field = "linux.devices"
        let sys = ctx.sys
        let dev = try ctx.resolver.open("/dev", create: .directory, field: field).fd
        defer { sys.close(dev) }
        var links: [(String, String)] = [
            ("/proc/self/fd", "fd"), ("/proc/self/fd/0", "stdin"), ("/proc/self/fd/1", "stdout"),
            ("/proc/self/fd/2", "stderr"),
        ]
        if sys.exists("/proc/kcore") { links.append(("/proc/kcore", "core")) }
        try attributing(field) { () throws(SystemError) in
            // ptmx must be the container's devpts multiplexer, not a host node.
            do throws(SystemError) { try sys.unlinkat(dev, "ptmx", flags: 0) } catch {
                if error.errno != ENOENT { throw error }
            }
            try sys.symlinkat("pts/ptmx", dev, "ptmx")
            for (target, name) in links {
                do throws(SystemError) { try sys.symlinkat(target, dev, name) } catch {
                    if error.errno != EEXIST { throw error }
                }
            }
        }
    }
}
