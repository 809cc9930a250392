import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// A `MountSyscalls` test double: a tiny in-memory filesystem (paths that
/// exist, their types, which filesystem each mount point has) that records
/// every call, with fds rendered as the paths they were opened on, so a test
/// can assert the plan of operations (order, targets, flags) without root.
///
/// Symlinks are not followed (the kernel's RESOLVE_IN_ROOT does that for
/// real); `danglingSymlinks` only model names that exist but do not resolve.
public final class RecordingMountSyscalls: MountSyscalls {
    public struct Call: Equatable, CustomStringConvertible, Sendable {
        public let name: String
        /// The path operated on (fds shown as the path they refer to).
        public let target: String
        public let detail: String
        public var description: String { detail.isEmpty ? "\(name) \(target)" : "\(name) \(target) \(detail)" }
    }

    public private(set) var calls: [Call] = []
    /// Existing paths and what they are.
    public var entries: [String: FileStat] = [:]
    /// Mount point -> filesystem magic; the longest prefix applies.
    public var filesystems: [String: Int64] = ["/": 0xEF53, "/proc": FilesystemMagic.proc]
    /// Contents for readFile (mountinfo, cgroup, uid_map).
    public var files: [String: String] = [:]
    /// name -> target for entries that exist but do not resolve.
    public var danglingSymlinks: [String: String] = [:]
    /// readlink of /proc/self/fd/N for an fd opened on the given path: lets a
    /// test pretend the kernel resolved somewhere else (an escape).
    public var resolvedPathOverrides: [String: String] = [:]
    /// Any call whose description contains the key fails with the errno.
    public var failures: [(match: String, errno: Int32)] = []

    private var nextFD: Int32 = 100
    private var fdPaths: [Int32: String] = [:]
    public private(set) var openFDs: Set<Int32> = []

    public init() {
        addDirectory("/")
        addDirectory("/proc")
        files["/proc/self/mountinfo"] = "1 0 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
            + "2 1 0:21 / /proc rw,relatime - proc proc rw\n"
        files["/proc/self/uid_map"] = "         0          0 4294967295\n"
    }

    // MARK: fixture helpers

    public func addDirectory(_ path: String) { add(path, FileStat(mode: FileStat.directory | 0o755)) }
    public func addFile(_ path: String) { add(path, FileStat(mode: FileStat.regular | 0o644)) }
    public func addDevice(_ path: String, major: UInt32, minor: UInt32) {
        add(path, FileStat(mode: FileStat.charDevice | 0o666, rdev: DeviceNumber.make(major: major, minor: minor)))
    }

    public func add(_ path: String, _ stat: FileStat) {
        let clean = ContainerPath.clean(path)
        var parent = ""
        for c in ContainerPath.components(clean).dropLast() {
            parent += "/" + c
            if entries[parent] == nil { entries[parent] = FileStat(mode: FileStat.directory | 0o755) }
        }
        entries[clean] = stat
    }

    /// Calls of one kind, e.g. `calls(named: "mount")`.
    public func calls(named name: String) -> [Call] { calls.filter { $0.name == name } }

    // MARK: MountSyscalls

    public func mount(source: String?, target: String, fstype: String?, flags: UInt, data: String?) throws(SystemError) {
        let t = render(target), s = source.map(render)
        try record("mount", t, "src=\(s ?? "-") type=\(fstype ?? "-") flags=\(MS.describe(flags)) data=\(data ?? "-")")
        if flags & (MS.remount | MS.propagation | MS.move) != 0 { return }
        if flags & MS.bind != 0 {
            if let s { filesystems[t] = filesystem(of: s) }
            return
        }
        // A fresh filesystem hides what was below the mount point.
        for key in entries.keys where key.hasPrefix(t == "/" ? "/" : t + "/") { entries[key] = nil }
        filesystems[t] = Self.magic(fstype ?? "")
    }

    public func umount2(_ target: String, flags: Int32) throws(SystemError) {
        try record("umount2", render(target), "flags=\(flags)")
    }

    public func openat2(_ dirfd: Int32, _ path: String, flags: Int32, mode: UInt32, resolve: UInt64) throws(SystemError) -> Int32 {
        let full = join(dirfd, path)
        try record("openat2", full, "resolve=\(resolve)", quiet: true)
        guard entries[full] != nil else { throw SystemError(errno: ENOENT, "openat2", full) }
        return newFD(full)
    }

    public func open(_ path: String, flags: Int32) throws(SystemError) -> Int32 {
        let full = render(path)
        try record("open", full, "", quiet: true)
        guard entries[full] != nil else { throw SystemError(errno: ENOENT, "open", full) }
        return newFD(full)
    }

    public func close(_ fd: Int32) { openFDs.remove(fd) }

    public func mkdirat(_ dirfd: Int32, _ name: String, mode: UInt32) throws(SystemError) {
        let full = join(dirfd, name)
        try record("mkdirat", full, "mode=\(String(mode, radix: 8))")
        try create(full, FileStat(mode: FileStat.directory | mode))
    }

    public func mknodat(_ dirfd: Int32, _ name: String, mode: UInt32, device: UInt64) throws(SystemError) {
        let full = join(dirfd, name)
        try record("mknodat", full, "mode=\(String(mode, radix: 8)) dev=\(DeviceNumber.major(device)):\(DeviceNumber.minor(device))")
        try create(full, FileStat(mode: mode, rdev: device))
    }

    public func symlinkat(_ target: String, _ dirfd: Int32, _ name: String) throws(SystemError) {
        let full = join(dirfd, name)
        try record("symlinkat", full, "-> \(target)")
        try create(full, FileStat(mode: FileStat.symlink | 0o777))
    }

    public func unlinkat(_ dirfd: Int32, _ name: String, flags: Int32) throws(SystemError) {
        let full = join(dirfd, name)
        try record("unlinkat", full, "")
        guard entries.removeValue(forKey: full) != nil else { throw SystemError(errno: ENOENT, "unlinkat", full) }
    }

    public func readlinkat(_ dirfd: Int32, _ name: String) throws(SystemError) -> String {
        if dirfd == AT_FDCWD, name.hasPrefix("/proc/self/fd/"), let fd = Int32(name.dropFirst(14)) {
            guard let path = fdPaths[fd] else { throw SystemError(errno: EBADF, "readlink", name) }
            return resolvedPathOverrides[path] ?? path
        }
        let full = join(dirfd, name)
        guard let target = danglingSymlinks[full] else { throw SystemError(errno: EINVAL, "readlink", full) }
        return target
    }

    public func fchownat(_ dirfd: Int32, _ path: String, uid: UInt32, gid: UInt32, flags: Int32) throws(SystemError) {
        try record("fchownat", join(dirfd, path), "\(uid):\(gid)")
    }

    public func fchmodat(_ dirfd: Int32, _ path: String, mode: UInt32) throws(SystemError) {
        let full = render(path)
        try record("fchmodat", full, "mode=\(String(mode, radix: 8))")
        if let st = entries[full] { entries[full] = FileStat(mode: st.type | mode, rdev: st.rdev) }
    }

    public func fstat(_ fd: Int32) throws(SystemError) -> FileStat {
        guard let path = fdPaths[fd], let st = entries[path] else { throw SystemError(errno: EBADF, "fstat", "fd \(fd)") }
        return st
    }

    public func fstatfs(_ fd: Int32) throws(SystemError) -> FilesystemStat {
        guard let path = fdPaths[fd] else { throw SystemError(errno: EBADF, "fstatfs", "fd \(fd)") }
        return FilesystemStat(type: filesystem(of: path))
    }

    public func statfs(_ path: String) throws(SystemError) -> FilesystemStat {
        FilesystemStat(type: filesystem(of: render(path)))
    }

    public func dup3(_ old: Int32, _ new: Int32) throws(SystemError) {
        try record("dup3", render("/proc/self/fd/\(old)"), "-> fd \(new)")
    }

    public func openTree(_ dirfd: Int32, _ path: String, flags: UInt32) throws(SystemError) -> Int32 {
        let full = join(dirfd, path)
        try record("open_tree", full, "flags=0x\(String(flags, radix: 16))")
        return newFD("tree:" + full)
    }

    public func moveMount(from: Int32, _ fromPath: String, to: Int32, _ toPath: String, flags: UInt32) throws(SystemError) {
        let source = join(from, fromPath), target = join(to, toPath)
        try record("move_mount", target, "from=\(source)")
        if source.hasPrefix("fsmount:") { filesystems[target] = Self.magic(String(source.dropFirst(8))) }
    }

    public func mountSetattr(_ dirfd: Int32, _ path: String, flags: UInt32, set: UInt64, clear: UInt64,
                             propagation: UInt64, usernsFD: Int32) throws(SystemError) {
        let userns = usernsFD >= 0 ? " userns=\(fdPaths[usernsFD] ?? "?")" : ""
        try record("mount_setattr", join(dirfd, path),
                   "flags=0x\(String(flags, radix: 16)) set=0x\(String(set, radix: 16)) clear=0x\(String(clear, radix: 16))\(userns)")
    }

    public func fsopen(_ fsname: String, flags: UInt32) throws(SystemError) -> Int32 {
        try record("fsopen", fsname, "")
        return newFD("fs:" + fsname)
    }

    public func fsconfig(_ fd: Int32, command: UInt32, key: String?, value: String?) throws(SystemError) {
        try record("fsconfig", fdPaths[fd] ?? "?", "cmd=\(command) \(key ?? "-")=\(value ?? "-")")
    }

    public func fsmount(_ fd: Int32, flags: UInt32, attributes: UInt64) throws(SystemError) -> Int32 {
        let fs = fdPaths[fd] ?? "fs:?"
        try record("fsmount", fs, "attr=0x\(String(attributes, radix: 16))")
        return newFD("fsmount:" + fs.dropFirst(3))
    }

    public func pivotRoot(_ newRoot: String, _ putOld: String) throws(SystemError) {
        try record("pivot_root", newRoot, putOld)
    }

    public func chroot(_ path: String) throws(SystemError) { try record("chroot", path, "") }
    public func chdir(_ path: String) throws(SystemError) { try record("chdir", path, "") }
    public func fchdir(_ fd: Int32) throws(SystemError) { try record("fchdir", fdPaths[fd] ?? "fd \(fd)", "") }

    public func readFile(_ path: String) throws(SystemError) -> String {
        guard let text = files[path] else { throw SystemError(errno: ENOENT, "open", path) }
        return text
    }

    public func exists(_ path: String) -> Bool { entries[ContainerPath.clean(path)] != nil }

    public func makeUserNamespace(uidMap: String, gidMap: String) throws(SystemError) -> Int32 {
        let desc = "uid=[\(uidMap.split(separator: "\n").joined(separator: ";"))] gid=[\(gidMap.split(separator: "\n").joined(separator: ";"))]"
        try record("userns", desc, "")
        return newFD("userns:" + desc)
    }

    public func copyTree(from: Int32, to: Int32) throws(SystemError) {
        try record("copy_tree", fdPaths[to] ?? "?", "from=\(fdPaths[from] ?? "?")")
    }

    // MARK: internals

    private func record(_ name: String, _ target: String, _ detail: String, quiet: Bool = false) throws(SystemError) {
        let call = Call(name: name, target: target, detail: detail)
        if !quiet { calls.append(call) }
        for f in failures where call.description.contains(f.match) {
            throw SystemError(errno: f.errno, name, target)
        }
    }

    private func create(_ full: String, _ stat: FileStat) throws(SystemError) {
        if entries[full] != nil || danglingSymlinks[full] != nil { throw SystemError(errno: EEXIST, "create", full) }
        entries[full] = stat
    }

    private func newFD(_ path: String) -> Int32 {
        nextFD += 1
        fdPaths[nextFD] = path
        openFDs.insert(nextFD)
        return nextFD
    }

    /// "/proc/self/fd/N" -> the path fd N was opened on.
    private func render(_ path: String) -> String {
        if path.hasPrefix("/proc/self/fd/"), let fd = Int32(path.dropFirst(14)), let p = fdPaths[fd] { return p }
        return path.hasPrefix("/") ? ContainerPath.clean(path) : path
    }

    private func join(_ dirfd: Int32, _ path: String) -> String {
        if path.isEmpty { return fdPaths[dirfd] ?? "fd \(dirfd)" }
        if path.hasPrefix("/") || dirfd == AT_FDCWD { return render(path) }
        let base = fdPaths[dirfd] ?? "/"
        return ContainerPath.clean(base + "/" + path)
    }

    private func filesystem(of path: String) -> Int64 {
        var best = "/"
        for mp in filesystems.keys where ContainerPath.relative(path, to: mp) != nil && mp.count > best.count { best = mp }
        return filesystems[best] ?? 0xEF53
    }

    static func magic(_ type: String) -> Int64 {
        switch type {
        case "proc": return FilesystemMagic.proc
        case "sysfs": return FilesystemMagic.sysfs
        case "tmpfs": return FilesystemMagic.tmpfs
        case "cgroup2": return FilesystemMagic.cgroup2
        case "devpts": return FilesystemMagic.devpts
        default: return 0x1234
        }
    }
}
