import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Mounts of a filesystem type (tmpfs, proc, sysfs, devpts, mqueue, ...).
struct FilesystemMount {
    let ctx: MountContext
    let mount: Spec.Mount
    let options: MountOptions
    let destination: String
    let field: String

    var type: String { mount.type ?? "" }
    var destField: String { field + ".destination" }

    /// tmpfs, devpts, mqueue and any other filesystem type.
    func mountFilesystem() throws(MountError) {
        let sys = ctx.sys
        let target = try ctx.resolver.open(destination, create: .directory, field: destField)
        defer { sys.close(target.fd) }
        let inside = try ctx.resolver.verifiedPath(of: target.fd, field: destField)
        try ProcDestinationCheck.check(inside, targetFD: target.fd, isProcSource: false, ctx: ctx, field: destField)

        var data = options.data
        var flags = options.flags
        let isTmpfs = type == "tmpfs"
        if isTmpfs && !target.created {
            // Keep the permissions of the directory we cover (e.g. /tmp 1777);
            // an explicit mode= later in the data still wins.
            let st = try attributing(destField) { () throws(SystemError) -> FileStat in try sys.fstat(target.fd) }
            data.insert("mode=" + octal4(st.permissions), at: 0)
        }
        if isTmpfs || destination == "/dev" { flags &= ~MS.rdonly }

        // tmpcopyup: hold the covered directory open, it stays reachable
        // through the fd once the tmpfs hides it; no host scratch dir needed.
        var lower: Int32 = -1
        if isTmpfs && options.tmpcopyup {
            lower = try attributing(field + ".options") { () throws(SystemError) -> Int32 in
                try sys.openat2(target.fd, ".", flags: O_RDONLY | O_DIRECTORY, mode: 0, resolve: RootfsResolver.fresh)
            }
        }
        defer { if lower >= 0 { sys.close(lower) } }

        let joined = data.isEmpty ? nil : data.joined(separator: ",")
        do throws(SystemError) {
            try sys.mount(source: mount.source ?? type, target: sys.procPath(target.fd), fstype: type,
                          flags: flags, data: joined)
        } catch {
            throw optionsError(error, data: options.dataString)
        }
        if lower >= 0 {
            try copyUp(from: lower)
        }
        try SpecMount.applyPostMount(options, destination: destination, ctx: ctx, field: field)
    }

    /// proc and sysfs: the destination must be a real directory, never a
    /// symlink (a symlinked /proc is the classic way to misdirect procfs),
    /// and afterwards the destination must really show the new filesystem.
    func mountPseudoFilesystem() throws(MountError) {
        let sys = ctx.sys
        let (parent, name) = try ctx.resolver.openParent(destination, field: destField)
        defer { sys.close(parent) }
        var fd: Int32
        do throws(SystemError) {
            fd = try sys.openat2(parent, name, flags: OpenFlags.path | O_NOFOLLOW, mode: 0, resolve: RootfsResolver.fresh)
        } catch {
            guard error.errno == ENOENT else { throw MountError(destField, error) }
            try attributing(destField) { () throws(SystemError) in
                do throws(SystemError) { try sys.mkdirat(parent, name, mode: 0o755) } catch {
                    if error.errno != EEXIST { throw error }
                }
            }
            fd = try ctx.resolver.openEntry(parent, name, field: destField)
        }
        defer { sys.close(fd) }
        let st = try attributing(destField) { () throws(SystemError) -> FileStat in try sys.fstat(fd) }
        guard st.isDirectory else {
            throw MountError(destField, "filesystem \"\(type)\" must be mounted on an ordinary directory")
        }
        let inside = try ctx.resolver.verifiedPath(of: fd, field: destField)
        try ProcDestinationCheck.check(inside, targetFD: fd, isProcSource: type == "proc", ctx: ctx, field: destField)

        do throws(SystemError) {
            try sys.mount(source: mount.source ?? type, target: sys.procPath(fd), fstype: type,
                          flags: options.flags, data: options.dataString)
        } catch {
            guard type == "sysfs", error.errno == EPERM, ctx.inUserNamespace else {
                throw optionsError(error, data: options.dataString)
            }
            // sysfs cannot be mounted in a user namespace that does not own
            // the network namespace: bind the host's /sys instead, like runc.
            try attributing(destField) { () throws(SystemError) in
                try sys.mount(source: "/sys", target: sys.procPath(fd), fstype: "bind", flags: MS.bind | MS.rec, data: nil)
            }
            if SpecMount.needsRemount(options) {
                let top = try ctx.resolver.open(destination, create: .none, field: destField).fd
                defer { sys.close(top) }
                try SpecMount.remountBind(top, flags: options.flags, cleared: options.clearedFlags, ctx: ctx,
                                          field: field + ".options")
                if options.flags & MS.rdonly != 0 {
                    // CVE-2023-25809: the rbind brings the host's submounts
                    // (/sys/fs/cgroup/...) along; "ro" must cover them too, or
                    // the container gets a writable host cgroup tree.
                    try attributing(field + ".options") { () throws(SystemError) in
                        try sys.mountSetattr(top, "", flags: MountAPI.atEmptyPath | MountAPI.atRecursive,
                                             set: MountAttr.rdonly, clear: 0, propagation: 0, usernsFD: -1)
                    }
                }
            }
            try SpecMount.applyPostMount(options, destination: destination, ctx: ctx, field: field)
            return
        }
        let top = try ctx.resolver.open(destination, create: .none, field: destField).fd
        defer { sys.close(top) }
        let fs = try attributing(destField) { () throws(SystemError) -> FilesystemStat in try sys.fstatfs(top) }
        let expected = type == "proc" ? FilesystemMagic.proc : FilesystemMagic.sysfs
        guard fs.type == expected else {
            throw MountError(destField, "after mounting \(type), \(destination) is not \(type): path was swapped")
        }
        try SpecMount.applyPostMount(options, destination: destination, ctx: ctx, field: field)
    }

    /// Unknown options go to the filesystem as data; when the kernel rejects
    /// the mount as invalid, blame the options, not the destination.
    func optionsError(_ error: SystemError, data: String?) -> MountError {
        if error.errno == EINVAL, let data {
            return MountError(field + ".options", "\(type) rejected the options \"\(data)\"", cause: error)
        }
        return MountError(destField, error)
    }

    private func copyUp(from lower: Int32) throws(MountError) {
        let sys = ctx.sys
        let top = try ctx.resolver.open(destination, create: .none, field: destField).fd
        defer { sys.close(top) }
        let upper = try attributing(field + ".options") { () throws(SystemError) -> Int32 in
            try sys.openat2(top, ".", flags: O_RDONLY | O_DIRECTORY, mode: 0, resolve: RootfsResolver.fresh)
        }
        defer { sys.close(upper) }
        try attributing(field + ".options") { () throws(SystemError) in
            try sys.copyTree(from: lower, to: upper)
        }
    }

    private func octal4(_ v: UInt32) -> String {
        let s = String(v, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
