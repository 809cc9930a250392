import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `linux.readonlyPaths`, `linux.maskedPaths` and the deferred read-only
/// remounts, after pivot. They use the new mount API on fds (open_tree,
/// mount_setattr, fsmount, move_mount), so they need no /proc in the
/// container and never name a path the container could have swapped.
final class PathProtection {
    let ctx: MountContext
    private var nullFD: Int32 = -1

    init(ctx: MountContext) { self.ctx = ctx }

    /// Recursively read-only bind of `path` over itself; missing paths are skipped.
    func makeReadonly(_ path: String, field: String) throws(MountError) {
        guard let fd = try openExisting(path, field: field) else { return }
        defer { ctx.sys.close(fd) }
        let sys = ctx.sys
        try attributing(field) { () throws(SystemError) in
            let tree = try sys.openTree(fd, "", flags: MountAPI.openTreeClone | MountAPI.openTreeCloexec
                                            | MountAPI.atEmptyPath | MountAPI.atRecursive)
            defer { sys.close(tree) }
            try sys.mountSetattr(tree, "", flags: MountAPI.atEmptyPath | MountAPI.atRecursive,
                                 set: MountAttr.rdonly, clear: 0, propagation: 0, usernsFD: -1)
            try sys.moveMount(from: tree, "", to: fd, "", flags: MountAPI.moveMountFEmptyPath | MountAPI.moveMountTEmptyPath)
        }
    }

    /// Files get the container's /dev/null bound over them, directories an
    /// empty read-only tmpfs; missing paths are skipped.
    func mask(_ path: String, field: String) throws(MountError) {
        guard let fd = try openExisting(path, field: field) else { return }
        defer { ctx.sys.close(fd) }
        let sys = ctx.sys
        let st = try attributing(field) { () throws(SystemError) -> FileStat in try sys.fstat(fd) }
        if st.isDirectory {
            try attributing(field) { () throws(SystemError) in
                let fsfd = try sys.fsopen("tmpfs", flags: MountAPI.fsopenCloexec)
                defer { sys.close(fsfd) }
                try sys.fsconfig(fsfd, command: MountAPI.fsconfigCmdCreate, key: nil, value: nil)
                let mnt = try sys.fsmount(fsfd, flags: MountAPI.fsmountCloexec, attributes: MountAttr.rdonly)
                defer { sys.close(mnt) }
                try sys.moveMount(from: mnt, "", to: fd, "", flags: MountAPI.moveMountFEmptyPath | MountAPI.moveMountTEmptyPath)
            }
        } else {
            let null = try nullDevice(field: field)
            try attributing(field) { () throws(SystemError) in
                let tree = try sys.openTree(null, "", flags: MountAPI.openTreeClone | MountAPI.openTreeCloexec
                                                | MountAPI.atEmptyPath)
                defer { sys.close(tree) }
                try sys.moveMount(from: tree, "", to: fd, "", flags: MountAPI.moveMountFEmptyPath | MountAPI.moveMountTEmptyPath)
            }
        }
    }

    /// Read-only for a tmpfs or /dev mounted writable in prepare().
    func remountReadonly(_ destination: String, field: String) throws(MountError) {
        let fd = try ctx.resolver.open(destination, create: .none, field: field).fd
        defer { ctx.sys.close(fd) }
        try attributing(field) { () throws(SystemError) in
            try ctx.sys.mountSetattr(fd, "", flags: MountAPI.atEmptyPath, set: MountAttr.rdonly, clear: 0,
                                     propagation: 0, usernsFD: -1)
        }
    }

    func closeNullDevice() {
        if nullFD >= 0 { ctx.sys.close(nullFD) }
        nullFD = -1
    }

    /// The container's /dev/null, verified to be the real null device (1:3):
    /// an image could ship /dev/null as a symlink or a regular file with data.
    private func nullDevice(field: String) throws(MountError) -> Int32 {
        if nullFD >= 0 { return nullFD }
        let fd = try ctx.resolver.open("/dev/null", create: .none, field: field).fd
        let st: FileStat
        do throws(SystemError) { st = try ctx.sys.fstat(fd) } catch {
            ctx.sys.close(fd)
            throw MountError(field, error)
        }
        guard st.type == FileStat.charDevice && st.major == 1 && st.minor == 3 else {
            ctx.sys.close(fd)
            throw MountError(field, "/dev/null in the container is not the null device (char 1:3); refusing to mask with it")
        }
        nullFD = fd
        return fd
    }

    private func openExisting(_ path: String, field: String) throws(MountError) -> Int32? {
        do throws(MountError) {
            return try ctx.resolver.open(path, create: .none, field: field).fd
        } catch {
            if error.errno == ENOENT { return nil }
            throw error
        }
    }
}
