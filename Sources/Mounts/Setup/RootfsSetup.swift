import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Builds the container's root filesystem from the spec, inside the container
/// init's NEW mount namespace, in three steps the runtime calls in order:
///
/// 1. `prepare()`: root propagation, rootfs bind, every `mounts` entry, /dev
///    (default devices, links, ptmx) and /dev/console. createContainer hooks
///    run after it, while the host paths are still reachable.
/// 2. `pivot()`: pivot_root into the rootfs (or MS_MOVE + chroot with
///    `noPivot`), detaching the old root.
/// 3. `finalize()`: readonlyPaths, maskedPaths, deferred read-only remounts,
///    readonly root, and the final `linux.rootfsPropagation`.
///
/// Every destination is resolved inside the rootfs with openat2
/// RESOLVE_IN_ROOT and mounted through its fd, so symlinks in the image can
/// never redirect a mount onto the host. Nothing here outlives the mount
/// namespace: on failure the runtime just lets the init process die.
public struct RootfsSetup {
    public let spec: Spec
    public let bundlePath: String
    public let noPivot: Bool
    public let consolePath: String?
    let sys: any MountSyscalls
    private let state = State()

    final class State {
        var rootFD: Int32 = -1
        var rootPath = ""
        var setupDev = false
        var phase = Phase.initial
        enum Phase { case initial, prepared, pivoted, finalized, failed }
    }

    public init(spec: Spec, bundlePath: String, noPivot: Bool, consolePath: String?,
                syscalls: any MountSyscalls = LinuxMountSyscalls()) {
        self.spec = spec
        self.bundlePath = bundlePath
        self.noPivot = noPivot
        self.consolePath = consolePath
        self.sys = syscalls
    }

    /// Step 1: everything that needs the host's view (bind sources, host
    /// devices, the console pty). Requires a private mount namespace and the
    /// host's procfs at /proc.
    public func prepare() throws(MountError) {
        guard state.phase == .initial else { throw MountError("root", "prepare() called twice") }
        state.phase = .failed
        let propagation = try RootfsPropagation.flags(spec.linux?.rootfsPropagation)
        if noPivot, let propagation, propagation & MS.private != 0 {
            throw MountError(RootfsPropagation.field, "[r]private is not safe without pivot_root (--no-pivot)")
        }
        guard let root = spec.root, !root.path.isEmpty else { throw MountError("root.path", "is required") }

        // Mount targets are /proc/self/fd/N magic links: /proc had better be procfs.
        let proc = try attributing("root.path") { () throws(SystemError) -> FilesystemStat in try sys.statfs("/proc") }
        guard proc.type == FilesystemMagic.proc else {
            throw MountError("root.path", "/proc is not procfs; cannot resolve mount targets safely")
        }

        let rootfs = ContainerPath.hostPath(root.path, bundle: bundlePath)
        let (rootFD, rootPath) = try RootPreparation.run(sys: sys, rootfs: rootfs,
                                                         propagation: propagation ?? RootfsPropagation.defaultFlags)
        state.rootFD = rootFD
        state.rootPath = rootPath
        do throws(MountError) {
            let ctx = context(rootPath: rootPath)
            for (i, m) in (spec.mounts ?? []).enumerated() {
                try SpecMount.mount(m, index: i, ctx: ctx)
            }
            state.setupDev = DeviceSetup.needsSetup(spec.mounts ?? [])
            if state.setupDev {
                try DeviceSetup(ctx: ctx).run()
            }
            if let consolePath {
                try DeviceSetup(ctx: ctx).bindConsole(consolePath)
            }
        } catch {
            closeRoot()
            throw error
        }
        state.phase = .prepared
    }

    /// Step 2: make the rootfs `/` and drop every reference to the host's root.
    public func pivot() throws(MountError) {
        guard state.phase == .prepared else { throw MountError("root", "pivot() needs a successful prepare()") }
        state.phase = .failed
        do throws(MountError) {
            if noPivot {
                try RootSwitch.moveRoot(sys: sys, rootFD: state.rootFD, rootPath: state.rootPath)
            } else {
                try RootSwitch.pivotRoot(sys: sys, rootFD: state.rootFD)
            }
            closeRoot()
            if state.setupDev {
                try RootSwitch.reopenDevNull(sys: sys)
            }
            state.rootFD = try attributing("root.path") { () throws(SystemError) -> Int32 in
                try sys.open("/", flags: OpenFlags.path | O_DIRECTORY)
            }
            state.rootPath = "/"
        } catch {
            closeRoot()
            throw error
        }
        state.phase = .pivoted
    }

    /// Step 3: the read-only and masking passes, once the container's own
    /// /dev/null exists, then the readonly root and final propagation.
    public func finalize() throws(MountError) {
        guard state.phase == .pivoted else { throw MountError("root", "finalize() needs a successful pivot()") }
        state.phase = .failed
        defer { closeRoot() }
        let ctx = context(rootPath: "/")
        let protection = PathProtection(ctx: ctx)
        defer { protection.closeNullDevice() }
        for (i, path) in (spec.linux?.readonlyPaths ?? []).enumerated() {
            try protection.makeReadonly(path, field: "linux.readonlyPaths[\(i)]")
        }
        for (i, path) in (spec.linux?.maskedPaths ?? []).enumerated() {
            try protection.mask(path, field: "linux.maskedPaths[\(i)]")
        }
        for (i, m) in (spec.mounts ?? []).enumerated() where SpecMount.defersReadonly(m) {
            try protection.remountReadonly(m.destination, field: "mounts[\(i)].destination")
        }
        if spec.root?.readonly == true {
            try RootSwitch.remountRootReadonly(sys: sys)
        }
        if let propagation = try RootfsPropagation.flags(spec.linux?.rootfsPropagation) {
            try attributing(RootfsPropagation.field) { () throws(SystemError) in
                try sys.mount(source: nil, target: "/", fstype: nil, flags: propagation, data: nil)
            }
        }
        state.phase = .finalized
    }

    private func context(rootPath: String) -> MountContext {
        MountContext(
            sys: sys,
            resolver: RootfsResolver(sys: sys, rootFD: state.rootFD, rootPath: rootPath),
            spec: spec,
            bundlePath: bundlePath,
            inUserNamespace: spec.linux?.namespace("user") != nil || UserNamespaceProbe.inUserNamespace(sys),
            cgroupNamespace: spec.linux?.namespace("cgroup") != nil)
    }

    private func closeRoot() {
        if state.rootFD >= 0 { sys.close(state.rootFD) }
        state.rootFD = -1
    }
}

/// What the per-mount steps share.
struct MountContext {
    let sys: any MountSyscalls
    let resolver: RootfsResolver
    let spec: Spec
    let bundlePath: String
    /// Device nodes cannot be created in a user namespace: bind them instead.
    let inUserNamespace: Bool
    let cgroupNamespace: Bool
}

enum UserNamespaceProbe {
    /// The initial user namespace maps the whole 32-bit range onto itself.
    static func inUserNamespace(_ sys: any MountSyscalls) -> Bool {
        guard let map = try? sys.readFile("/proc/self/uid_map") else { return false }
        let fields = map.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        return !(fields.count == 3 && fields[0] == "0" && fields[1] == "0" && fields[2] == "4294967295")
    }
}
