import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// One entry of `mounts`: validation, dispatch by kind, and the steps every
/// kind shares (propagation, recursive attributes).
enum SpecMount {
    static func mount(_ m: Spec.Mount, index i: Int, ctx: MountContext) throws(MountError) {
        let field = "mounts[\(i)]"
        let options = try MountOptions.parse(m.options ?? [], field: field + ".options")
        guard !m.destination.isEmpty else { throw MountError(field + ".destination", "is required") }
        let destination = ContainerPath.clean(m.destination)
        if destination == "/" {
            throw MountError(field + ".destination", "cannot mount over the container's root (use root.path)")
        }
        let type = m.type ?? ""
        if options.isBind || type == "bind" {
            try BindMount(ctx: ctx, mount: m, options: options, destination: destination, field: field).run()
            return
        }
        if options.idmap != nil || m.uidMappings != nil || m.gidMappings != nil {
            throw MountError(field + ".options", "idmap is only supported for bind mounts")
        }
        let fs = FilesystemMount(ctx: ctx, mount: m, options: options, destination: destination, field: field)
        switch type {
        case "":
            throw MountError(field + ".type", "is required for a mount that is not a bind mount")
        case "proc", "sysfs":
            try fs.mountPseudoFilesystem()
        case "cgroup", "cgroup2":
            try CgroupMount(fs: fs).run()
        default:
            try fs.mountFilesystem()
        }
    }

    /// runc mounts tmpfs and /dev writable and makes them read-only in
    /// finalize(), so later mounts and device nodes can still go inside.
    static func defersReadonly(_ m: Spec.Mount) -> Bool {
        guard let options = try? MountOptions.parse(m.options ?? []) else { return false }
        if options.isBind || m.type == "bind" { return false }
        return options.flags & MS.rdonly != 0 && (m.type == "tmpfs" || ContainerPath.clean(m.destination) == "/dev")
    }

    /// Propagation changes and recursive attributes, on the new mount itself.
    static func applyPostMount(_ options: MountOptions, destination: String, ctx: MountContext,
                               field: String) throws(MountError) {
        if options.propagation.isEmpty && !options.hasRecursiveAttributes { return }
        let top = try ctx.resolver.open(destination, create: .none, field: field + ".destination").fd
        defer { ctx.sys.close(top) }
        _ = try ctx.resolver.verifiedPath(of: top, field: field + ".destination")
        for flags in options.propagation {
            try attributing(field + ".options") { () throws(SystemError) in
                try ctx.sys.mount(source: nil, target: ctx.sys.procPath(top), fstype: nil, flags: flags, data: nil)
            }
        }
        if options.hasRecursiveAttributes {
            try attributing(field + ".options") { () throws(SystemError) in
                try ctx.sys.mountSetattr(top, "", flags: MountAPI.atEmptyPath | MountAPI.atRecursive,
                                         set: options.recursiveAttrSet, clear: options.recursiveAttrClear,
                                         propagation: 0, usernsFD: -1)
            }
        }
    }

    /// Applies mount flags to an existing bind mount (MS_REMOUNT|MS_BIND).
    /// Like `mount --bind -o ...`: the requested flags replace the old ones;
    /// if the kernel refuses because flags are locked (mount inherited into
    /// a user namespace), retry keeping the locked ones, unless the user
    /// explicitly asked to clear one of them or for a different atime mode.
    static func remountBind(_ fd: Int32, flags requested: UInt, cleared: UInt, ctx: MountContext,
                            field: String) throws(MountError) {
        let flags = requested | MS.bind | MS.remount
        let target = ctx.sys.procPath(fd)
        do throws(SystemError) {
            try ctx.sys.mount(source: nil, target: target, fstype: nil, flags: flags, data: nil)
            return
        } catch {
            let st = try attributing(field) { () throws(SystemError) -> FilesystemStat in try ctx.sys.fstatfs(fd) }
            let current = StatfsFlag.mountFlags(st.flags)
            if current & cleared & MS.lockable != 0 { throw MountError(field, error) }
            if requested & MS.atimeFlags != 0 && requested & MS.atimeFlags != current & MS.atimeFlags {
                throw MountError(field, error)
            }
            try attributing(field) { () throws(SystemError) in
                try ctx.sys.mount(source: nil, target: target, fstype: nil,
                                  flags: flags | (current & MS.lockable), data: nil)
            }
        }
    }

    /// Whether the bind remount step is needed at all (runc: only when flags
    /// beyond bind/rec/remount were set or any were explicitly cleared).
    static func needsRemount(_ options: MountOptions) -> Bool {
        options.flags & ~(MS.bind | MS.rec | MS.remount) != 0 || options.clearedFlags != 0
    }
}
