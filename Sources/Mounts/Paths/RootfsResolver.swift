import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Resolves container paths to OpenFlags.path fds strictly inside the rootfs.
///
/// Every lookup is an openat2(2) relative to the rootfs fd with
/// RESOLVE_IN_ROOT, so `..` and absolute symlinks are clamped to the rootfs
/// by the kernel, race-free. Missing components are created with
/// mkdirat/mknodat relative to the fd of their verified parent and reopened
/// with RESOLVE_NO_SYMLINKS, so a symlink swapped in meanwhile is refused.
/// Callers mount onto `/proc/self/fd/N` (or move_mount to the fd), never
/// onto a path string.
struct RootfsResolver {
    enum Create: Equatable { case none, directory, file }

    let sys: any MountSyscalls
    let rootFD: Int32
    /// Canonical host path of the rootfs, to verify resolved fds ("/" after pivot).
    let rootPath: String

    static let inRoot = Resolve.inRoot | Resolve.noMagiclinks
    static let fresh = Resolve.beneath | Resolve.noSymlinks | Resolve.noMagiclinks
    static let maxSymlinks = 40

    /// Opens `path`, creating what is missing per `create`. Returns the fd
    /// and whether the final component was created by us.
    func open(_ path: String, create: Create, field: String) throws(MountError) -> (fd: Int32, created: Bool) {
        var components = ContainerPath.components(path)
        var hops = 0
        restart: while true {
            if let fd = try lookup(components, field: field) { return (fd, false) }
            if create == .none {
                throw MountError(field, "\(ContainerPath.clean(path)) does not exist in the rootfs",
                                 cause: SystemError(errno: ENOENT, "openat2", ContainerPath.clean(path)))
            }
            // Walk down from the root: reuse what exists, create the rest.
            var parent = try reopenRoot(field: field)
            for i in components.indices {
                let prefix = Array(components[...i])
                if let fd = try lookup(prefix, field: field) {
                    sys.close(parent)
                    parent = fd
                    continue
                }
                let name = components[i]
                let last = i == components.count - 1
                let made: Bool
                do throws(MountError) {
                    made = try attributing(field) { () throws(SystemError) -> Bool in
                        try makeEntry(name, in: parent, file: last && create == .file)
                    }
                } catch {
                    sys.close(parent)
                    throw error
                }
                if !made {
                    // The name exists yet does not resolve: a dangling symlink.
                    // Follow it lexically, clamped to the rootfs like the kernel
                    // would, and create its target instead (runc/securejoin do too).
                    var target: String? = nil
                    do throws(SystemError) {
                        target = try sys.readlinkat(parent, name)
                    } catch {
                        // EINVAL: not a symlink, someone created it meanwhile; look again.
                        if error.errno != EINVAL {
                            sys.close(parent)
                            throw MountError(field, error)
                        }
                    }
                    sys.close(parent)
                    hops += 1
                    if hops > RootfsResolver.maxSymlinks {
                        throw MountError(field, "too many levels of symbolic links in \(ContainerPath.clean(path))",
                                         cause: SystemError(errno: ELOOP, "openat2", ContainerPath.clean(path)))
                    }
                    guard let target else { continue restart }
                    let base = target.hasPrefix("/") ? "" : components[..<i].joined(separator: "/")
                    let rest = components[(i + 1)...].joined(separator: "/")
                    components = ContainerPath.components(base + "/" + target + "/" + rest)
                    continue restart
                }
                let fd: Int32
                do throws(MountError) {
                    fd = try attributing(field) { () throws(SystemError) -> Int32 in
                        try sys.openat2(parent, name, flags: OpenFlags.path | O_NOFOLLOW, mode: 0, resolve: RootfsResolver.fresh)
                    }
                } catch {
                    sys.close(parent)
                    throw error
                }
                sys.close(parent)
                if last { return (fd, true) }
                parent = fd
            }
            return (parent, false)
        }
    }

    /// Opens the parent directory of `path` (creating directories) and returns
    /// it with the final name, for *at(2) calls on the entry itself.
    func openParent(_ path: String, field: String) throws(MountError) -> (dirFD: Int32, name: String) {
        var components = ContainerPath.components(path)
        guard let name = components.popLast() else {
            throw MountError(field, "must name an entry below /")
        }
        let parent = try open("/" + components.joined(separator: "/"), create: .directory, field: field)
        return (parent.fd, name)
    }

    /// Opens the entry `name` in `dirFD` itself, refusing symlinks.
    func openEntry(_ dirFD: Int32, _ name: String, flags: Int32 = OpenFlags.path | O_NOFOLLOW,
                   field: String) throws(MountError) -> Int32 {
        try attributing(field) { () throws(SystemError) -> Int32 in
            try sys.openat2(dirFD, name, flags: flags, mode: 0, resolve: RootfsResolver.fresh)
        }
    }

    /// The host path an fd refers to, verified to lie inside the rootfs: the
    /// last line of defence against a mount target that escaped.
    func verifiedPath(of fd: Int32, field: String) throws(MountError) -> String {
        let path = try attributing(field) { () throws(SystemError) -> String in
            try sys.readlinkat(AT_FDCWD, sys.procPath(fd))
        }
        guard let inside = ContainerPath.relative(path, to: rootPath) else {
            throw MountError(field, "resolves outside the rootfs (to \(path)): possibly malicious path",
                             cause: SystemError(errno: EXDEV, "verify", path))
        }
        return inside
    }

    /// Lookup of an existing path; nil if a component is missing.
    private func lookup(_ components: [String], field: String) throws(MountError) -> Int32? {
        let rel = components.isEmpty ? "." : components.joined(separator: "/")
        do throws(SystemError) {
            return try sys.openat2(rootFD, rel, flags: OpenFlags.path, mode: 0, resolve: RootfsResolver.inRoot)
        } catch {
            if error.errno == ENOENT { return nil }
            throw MountError(field, error)
        }
    }

    private func reopenRoot(field: String) throws(MountError) -> Int32 {
        try attributing(field) { () throws(SystemError) -> Int32 in
            try sys.openat2(rootFD, ".", flags: OpenFlags.path | O_DIRECTORY, mode: 0, resolve: RootfsResolver.inRoot)
        }
    }

    /// Creates `name` in `dirFD`; false if something already occupies it.
    private func makeEntry(_ name: String, in dirFD: Int32, file: Bool) throws(SystemError) -> Bool {
        do throws(SystemError) {
            if file {
                try sys.mknodat(dirFD, name, mode: FileStat.regular | 0o644, device: 0)
            } else {
                try sys.mkdirat(dirFD, name, mode: 0o755)
            }
            return true
        } catch {
            if error.errno == EEXIST { return false }
            throw error
        }
    }
}
