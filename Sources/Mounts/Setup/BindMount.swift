import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `bind`/`rbind` mounts, optionally id-mapped.
struct BindMount {
    let ctx: MountContext
    let mount: Spec.Mount
    let options: MountOptions
    let destination: String
    let field: String

    func run() throws(MountError) {
        guard let source = mount.source, !source.isEmpty else {
            throw MountError(field + ".source", "is required for a bind mount")
        }
        let sys = ctx.sys
        let hostSource = ContainerPath.hostPath(source, bundle: ctx.bundlePath)
        // Opened once: the object we stat is the object we mount.
        let sourceFD = try attributing(field + ".source") { () throws(SystemError) -> Int32 in
            try sys.open(hostSource, flags: OpenFlags.path)
        }
        defer { sys.close(sourceFD) }
        let sourceStat = try attributing(field + ".source") { () throws(SystemError) -> FileStat in try sys.fstat(sourceFD) }
        let sourceFS = try attributing(field + ".source") { () throws(SystemError) -> FilesystemStat in
            try sys.fstatfs(sourceFD)
        }

        let destField = field + ".destination"
        let target = try ctx.resolver.open(destination, create: sourceStat.isDirectory ? .directory : .file,
                                           field: destField).fd
        defer { sys.close(target) }
        let inside = try ctx.resolver.verifiedPath(of: target, field: destField)
        try ProcDestinationCheck.check(inside, targetFD: target, isProcSource: sourceFS.type == FilesystemMagic.proc,
                                       ctx: ctx, field: destField)

        if let idmap = try idMapping() {
            try IDMappedMount.attach(source: sourceFD, target: target, recursiveBind: options.isRecursiveBind,
                                     idmap: idmap.kind, uidMap: idmap.uid, gidMap: idmap.gid, ctx: ctx,
                                     field: field + ".options")
        } else {
            try attributing(destField) { () throws(SystemError) in
                try sys.mount(source: sys.procPath(sourceFD), target: sys.procPath(target), fstype: "bind",
                              flags: MS.bind | (options.flags & MS.rec), data: nil)
            }
        }

        if SpecMount.needsRemount(options) {
            // The bind ignored our flags; apply them to the new mount itself.
            let top = try ctx.resolver.open(destination, create: .none, field: destField).fd
            defer { sys.close(top) }
            _ = try ctx.resolver.verifiedPath(of: top, field: destField)
            try SpecMount.remountBind(top, flags: options.flags & ~(MS.bind | MS.rec | MS.remount),
                                      cleared: options.clearedFlags, ctx: ctx, field: field + ".options")
        }
        try SpecMount.applyPostMount(options, destination: destination, ctx: ctx, field: field)
    }

    /// The mapping for an id-mapped mount: the mount's own, else the
    /// container's user namespace mapping (runtime-spec: idmap/ridmap).
    private func idMapping() throws(MountError) -> (kind: MountOptions.IDMap, uid: String, gid: String)? {
        let hasOwn = mount.uidMappings != nil || mount.gidMappings != nil
        guard let kind = options.idmap ?? (hasOwn ? .mount : nil) else { return nil }
        if hasOwn && (mount.uidMappings == nil || mount.gidMappings == nil) {
            throw MountError(field + (mount.uidMappings == nil ? ".uidMappings" : ".gidMappings"),
                             "uidMappings and gidMappings must be given together")
        }
        var uid = mount.uidMappings, gid = mount.gidMappings
        if !hasOwn, ctx.spec.linux?.namespace("user") != nil {
            uid = ctx.spec.linux?.uidMappings
            gid = ctx.spec.linux?.gidMappings
        }
        guard let uid, let gid, !uid.isEmpty, !gid.isEmpty else {
            throw MountError(field + ".options",
                             "idmap needs the mount's uidMappings/gidMappings or a user namespace with mappings")
        }
        return (kind, IDMappedMount.render(uid), IDMappedMount.render(gid))
    }
}

/// open_tree + mount_setattr(MOUNT_ATTR_IDMAP) + move_mount: the mapping is
/// applied to a detached copy, which is attached only once complete.
enum IDMappedMount {
    static func render(_ mappings: [Spec.Linux.IDMapping]) -> String {
        var out = ""
        for m in mappings { out += "\(m.containerID) \(m.hostID) \(m.size)\n" }
        return out
    }

    static func attach(source: Int32, target: Int32, recursiveBind: Bool, idmap: MountOptions.IDMap,
                       uidMap: String, gidMap: String, ctx: MountContext, field: String) throws(MountError) {
        let sys = ctx.sys
        let tree = try attributing(field) { () throws(SystemError) -> Int32 in
            try sys.openTree(source, "", flags: MountAPI.openTreeClone | MountAPI.openTreeCloexec | MountAPI.atEmptyPath
                                | (recursiveBind ? MountAPI.atRecursive : 0))
        }
        defer { sys.close(tree) }
        let userns = try attributing(field) { () throws(SystemError) -> Int32 in
            try sys.makeUserNamespace(uidMap: uidMap, gidMap: gidMap)
        }
        defer { sys.close(userns) }
        try attributing(field) { () throws(SystemError) in
            try sys.mountSetattr(tree, "", flags: MountAPI.atEmptyPath | (idmap == .recursive ? MountAPI.atRecursive : 0),
                                 set: MountAttr.idmap, clear: 0, propagation: 0, usernsFD: userns)
            try sys.moveMount(from: tree, "", to: target, "",
                              flags: MountAPI.moveMountFEmptyPath | MountAPI.moveMountTEmptyPath)
        }
    }
}
