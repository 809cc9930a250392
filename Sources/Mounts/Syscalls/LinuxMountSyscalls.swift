import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The real kernel behind `MountSyscalls`: a thin pass-through, EINTR-retried
/// by `sys(...)`, each failure naming the operation and its subject.
public struct LinuxMountSyscalls: MountSyscalls {
    public init() {}

    public func mount(source: String?, target: String, fstype: String?, flags: UInt, data: String?) throws(SystemError) {
        try sys("mount", target) {
            withOptionalCString(source) { src in
                withOptionalCString(fstype) { fs in
                    withOptionalCString(data) { d in Glibc.mount(src, target, fs, flags, d) }
                }
            }
        }
    }

    public func umount2(_ target: String, flags: Int32) throws(SystemError) {
        try sys("umount2", target) { Glibc.umount2(target, flags) }
    }

    public func openat2(_ dirfd: Int32, _ path: String, flags: Int32, mode: UInt32, resolve: UInt64) throws(SystemError) -> Int32 {
        // EAGAIN: RESOLVE_IN_ROOT/BENEATH saw a concurrent rename and refused
        // to guess; retrying re-does the walk safely.
        var attempts = 0
        while true {
            do throws(SystemError) {
                return try sys("openat2", path) {
                    sw_openat2(dirfd, path, UInt64(UInt32(bitPattern: flags | O_CLOEXEC)), UInt64(mode), resolve)
                }
            } catch {
                attempts += 1
                if error.errno == EAGAIN && attempts < 32 { continue }
                throw error
            }
        }
    }

    public func open(_ path: String, flags: Int32) throws(SystemError) -> Int32 {
        try sys("open", path) { Glibc.open(path, flags | O_CLOEXEC) }
    }

    public func close(_ fd: Int32) { _ = Glibc.close(fd) }

    public func mkdirat(_ dirfd: Int32, _ name: String, mode: UInt32) throws(SystemError) {
        try sys("mkdirat", name) { Glibc.mkdirat(dirfd, name, mode_t(mode)) }
    }

    public func mknodat(_ dirfd: Int32, _ name: String, mode: UInt32, device: UInt64) throws(SystemError) {
        try sys("mknodat", name) { Glibc.mknodat(dirfd, name, mode_t(mode), dev_t(device)) }
    }

    public func symlinkat(_ target: String, _ dirfd: Int32, _ name: String) throws(SystemError) {
        try sys("symlinkat", name) { Glibc.symlinkat(target, dirfd, name) }
    }

    public func unlinkat(_ dirfd: Int32, _ name: String, flags: Int32) throws(SystemError) {
        try sys("unlinkat", name) { Glibc.unlinkat(dirfd, name, flags) }
    }

    public func readlinkat(_ dirfd: Int32, _ name: String) throws(SystemError) -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = try sys("readlink", name) { Glibc.readlinkat(dirfd, name, &buf, buf.count - 1) }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func fchownat(_ dirfd: Int32, _ path: String, uid: UInt32, gid: UInt32, flags: Int32) throws(SystemError) {
        try sys("fchownat", path) { Glibc.fchownat(dirfd, path, uid, gid, flags) }
    }

    public func fchmodat(_ dirfd: Int32, _ path: String, mode: UInt32) throws(SystemError) {
        try sys("fchmodat", path) { Glibc.fchmodat(dirfd, path, mode_t(mode), 0) }
    }

    public func fstat(_ fd: Int32) throws(SystemError) -> FileStat {
        var st = stat()
        try sys("fstat", "fd \(fd)") { Glibc.fstat(fd, &st) }
        return FileStat(mode: UInt32(st.st_mode), rdev: UInt64(st.st_rdev))
    }

    public func fstatfs(_ fd: Int32) throws(SystemError) -> FilesystemStat {
        var type: Int64 = 0, flags: UInt64 = 0
        try sys("fstatfs", "fd \(fd)") { sw_fstatfs(fd, &type, &flags) }
        return FilesystemStat(type: type, flags: flags)
    }

    public func statfs(_ path: String) throws(SystemError) -> FilesystemStat {
        var type: Int64 = 0, flags: UInt64 = 0
        try sys("statfs", path) { sw_statfs(path, &type, &flags) }
        return FilesystemStat(type: type, flags: flags)
    }

    public func dup3(_ old: Int32, _ new: Int32) throws(SystemError) {
        try sys("dup3", "fd \(new)") { sw_dup3(old, new, 0) }
    }

    public func openTree(_ dirfd: Int32, _ path: String, flags: UInt32) throws(SystemError) -> Int32 {
        try sys("open_tree", path) { sw_open_tree(dirfd, path, flags) }
    }

    public func moveMount(from: Int32, _ fromPath: String, to: Int32, _ toPath: String, flags: UInt32) throws(SystemError) {
        try sys("move_mount", toPath.isEmpty ? "fd \(to)" : toPath) { sw_move_mount(from, fromPath, to, toPath, flags) }
    }

    public func mountSetattr(_ dirfd: Int32, _ path: String, flags: UInt32, set: UInt64, clear: UInt64,
                             propagation: UInt64, usernsFD: Int32) throws(SystemError) {
        try sys("mount_setattr", path.isEmpty ? "fd \(dirfd)" : path) {
            sw_mount_setattr(dirfd, path, flags, set, clear, propagation, UInt64(max(usernsFD, 0)))
        }
    }

    public func fsopen(_ fsname: String, flags: UInt32) throws(SystemError) -> Int32 {
        try sys("fsopen", fsname) { sw_fsopen(fsname, flags) }
    }

    public func fsconfig(_ fd: Int32, command: UInt32, key: String?, value: String?) throws(SystemError) {
        try sys("fsconfig", key) {
            withOptionalCString(key) { k in
                withOptionalCString(value) { v in sw_fsconfig(fd, command, k, v, 0) }
            }
        }
    }

    public func fsmount(_ fd: Int32, flags: UInt32, attributes: UInt64) throws(SystemError) -> Int32 {
        try sys("fsmount") { sw_fsmount(fd, flags, UInt32(truncatingIfNeeded: attributes)) }
    }

    public func pivotRoot(_ newRoot: String, _ putOld: String) throws(SystemError) {
        try sys("pivot_root", newRoot) { sw_pivot_root(newRoot, putOld) }
    }

    public func chroot(_ path: String) throws(SystemError) {
        try sys("chroot", path) { Glibc.chroot(path) }
    }

    public func chdir(_ path: String) throws(SystemError) {
        try sys("chdir", path) { Glibc.chdir(path) }
    }

    public func fchdir(_ fd: Int32) throws(SystemError) {
        try sys("fchdir", "fd \(fd)") { Glibc.fchdir(fd) }
    }

    public func readFile(_ path: String) throws(SystemError) -> String {
        try FileIO.readString(path)
    }

    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func makeUserNamespace(uidMap: String, gidMap: String) throws(SystemError) -> Int32 {
        try UserNamespaceFactory.make(uidMap: uidMap, gidMap: gidMap)
    }

    public func copyTree(from: Int32, to: Int32) throws(SystemError) {
        try TreeCopier.copy(from: from, to: to)
    }
}

@inline(__always)
func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}
