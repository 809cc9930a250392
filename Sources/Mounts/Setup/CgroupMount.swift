import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `cgroup`/`cgroup2` mounts. On a unified (v2) host the cgroup2 filesystem
/// is mounted directly. On a v1/hybrid host, like runc: a tmpfs at the
/// destination, then each v1 hierarchy, either mounted fresh (with a cgroup
/// namespace) or bound from the host at the container's own cgroup, plus
/// symlinks for co-mounted controllers (cpu -> cpu,cpuacct).
struct CgroupMount {
    let fs: FilesystemMount

    var ctx: MountContext { fs.ctx }
    var destField: String { fs.destField }
    static let defaultFlags: UInt = MS.noexec | MS.nosuid | MS.nodev

    func run() throws(MountError) {
        let mountinfo = MountInfo.parse(try attributing(destField) { () throws(SystemError) -> String in
            try ctx.sys.readFile("/proc/self/mountinfo")
        })
        let unified = mountinfo.last { $0.mountPoint == "/sys/fs/cgroup" }?.fsType == "cgroup2"
        if fs.type == "cgroup2" || unified {
            try mountV2()
        } else {
            try mountV1(mountinfo)
        }
    }

    private func mountV2() throws(MountError) {
        let sys = ctx.sys
        let target = try ctx.resolver.open(fs.destination, create: .directory, field: destField).fd
        defer { sys.close(target) }
        let inside = try ctx.resolver.verifiedPath(of: target, field: destField)
        try ProcDestinationCheck.check(inside, targetFD: target, isProcSource: false, ctx: ctx, field: destField)
        do throws(SystemError) {
            try sys.mount(source: fs.mount.source ?? "cgroup2", target: sys.procPath(target), fstype: "cgroup2",
                          flags: fs.options.flags, data: fs.options.dataString)
        } catch {
            // In a user namespace without its own cgroup namespace the kernel
            // refuses cgroup2: bind the host's hierarchy instead.
            guard error.errno == EPERM || error.errno == EBUSY else { throw MountError(destField, error) }
            var source = "/sys/fs/cgroup"
            if ctx.cgroupNamespace, let own = ownCgroups().first(where: { $0.controllers.isEmpty }) {
                source += own.path == "/" ? "" : own.path
            }
            try attributing(destField) { () throws(SystemError) in
                try sys.mount(source: source, target: sys.procPath(target), fstype: "bind",
                              flags: MS.bind | MS.rec, data: nil)
            }
            if SpecMount.needsRemount(fs.options) {
                let top = try ctx.resolver.open(fs.destination, create: .none, field: destField).fd
                defer { sys.close(top) }
                try SpecMount.remountBind(top, flags: fs.options.flags, cleared: fs.options.clearedFlags, ctx: ctx,
                                          field: fs.field + ".options")
            }
        }
        try SpecMount.applyPostMount(fs.options, destination: fs.destination, ctx: ctx, field: fs.field)
    }

    private func mountV1(_ mountinfo: [MountInfoEntry]) throws(MountError) {
        // The tmpfs holding the hierarchies; its propagation follows the mount's.
        var tmpfsOptions = MountOptions()
        tmpfsOptions.flags = CgroupMount.defaultFlags
        tmpfsOptions.data = ["mode=755"]
        tmpfsOptions.propagation = fs.options.propagation
        let tmpfs = Spec.Mount(destination: fs.destination, type: "tmpfs", source: "tmpfs")
        try FilesystemMount(ctx: ctx, mount: tmpfs, options: tmpfsOptions, destination: fs.destination,
                            field: fs.field).mountFilesystem()

        // Only the host's hierarchies: a /sys bound from the host earlier
        // (sysfs fallback) shows copies of them inside the rootfs, which our
        // own tmpfs has just covered.
        let rootPath = ctx.resolver.rootPath
        let hostHierarchies = mountinfo.filter {
            $0.fsType == "cgroup" && ContainerPath.relative($0.mountPoint, to: rootPath) == nil
        }
        var seen = Set<String>()
        for own in ownCgroups() where !own.controllers.isEmpty {
            let wanted = Set(own.controllers)
            guard let hierarchy = hostHierarchies.last(where: { wanted.isSubset(of: Set($0.superOptions)) }) else { continue }
            let base = hierarchy.mountPoint.split(separator: "/").last.map(String.init) ?? ""
            guard !base.isEmpty, seen.insert(base).inserted else { continue }
            let childDest = fs.destination + "/" + base
            let childField = fs.field
            if ctx.cgroupNamespace {
                try mountHierarchy(childDest, controllers: own.controllers, field: childField)
            } else {
                // The container's own cgroup within this hierarchy.
                let rel = ContainerPath.relative(own.path, to: hierarchy.root) ?? own.path
                let source = hierarchy.mountPoint + (rel == "/" ? "" : rel)
                var bind = fs.options
                bind.flags |= MS.bind | MS.rec
                bind.recursiveAttrSet = 0
                bind.recursiveAttrClear = 0
                let m = Spec.Mount(destination: childDest, type: "bind", source: source)
                try BindMount(ctx: ctx, mount: m, options: bind, destination: childDest, field: childField).run()
            }
            if base.contains(",") {
                try linkCoMounted(base)
            }
        }
        try SpecMount.applyPostMount(MountOptions.recursiveOnly(fs.options), destination: fs.destination,
                                     ctx: ctx, field: fs.field)
    }

    private func mountHierarchy(_ dest: String, controllers: [String], field: String) throws(MountError) {
        let sys = ctx.sys
        let target = try ctx.resolver.open(dest, create: .directory, field: destField).fd
        defer { sys.close(target) }
        _ = try ctx.resolver.verifiedPath(of: target, field: destField)
        let named = controllers.first { $0.hasPrefix("name=") }
        let source = named.map { String($0.dropFirst(5)) } ?? "cgroup"
        try attributing(destField) { () throws(SystemError) in
            try sys.mount(source: source, target: sys.procPath(target), fstype: "cgroup",
                          flags: CgroupMount.defaultFlags | (fs.options.flags & MS.rdonly),
                          data: controllers.joined(separator: ","))
        }
    }

    private func linkCoMounted(_ base: String) throws(MountError) {
        let sys = ctx.sys
        let dir = try ctx.resolver.open(fs.destination, create: .none, field: destField).fd
        defer { sys.close(dir) }
        for name in base.split(separator: ",") {
            try attributing(destField) { () throws(SystemError) in
                do throws(SystemError) { try sys.symlinkat(base, dir, String(name)) } catch {
                    if error.errno != EEXIST { throw error }
                }
            }
        }
    }

    /// /proc/self/cgroup: `id:controllers:path`; v2 has empty controllers.
    private func ownCgroups() -> [(controllers: [String], path: String)] {
        guard let text = try? ctx.sys.readFile("/proc/self/cgroup") else { return [] }
        var out: [(controllers: [String], path: String)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",").map(String.init)
            out.append((controllers, String(parts[2])))
        }
        return out
    }
}

extension MountOptions {
    /// Only the recursive attributes (applied once to the whole cgroup tree).
    static func recursiveOnly(_ o: MountOptions) -> MountOptions {
        var r = MountOptions()
        r.recursiveAttrSet = o.recursiveAttrSet
        r.recursiveAttrClear = o.recursiveAttrClear
        return r
    }
}
