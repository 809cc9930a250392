import Syscalls

/// What fstat(2) tells us about an object we are about to mount on or over.
public struct FileStat: Equatable, Sendable {
    public var mode: UInt32
    public var rdev: UInt64

    public init(mode: UInt32, rdev: UInt64 = 0) {
        self.mode = mode
        self.rdev = rdev
    }

    public static let typeMask: UInt32 = 0o170000
    public static let directory: UInt32 = 0o040000
    public static let regular: UInt32 = 0o100000
    public static let symlink: UInt32 = 0o120000
    public static let charDevice: UInt32 = 0o020000
    public static let blockDevice: UInt32 = 0o060000
    public static let fifo: UInt32 = 0o010000

    public var type: UInt32 { mode & FileStat.typeMask }
    public var isDirectory: Bool { type == FileStat.directory }
    public var isSymlink: Bool { type == FileStat.symlink }
    public var permissions: UInt32 { mode & 0o7777 }
    public var major: UInt32 { DeviceNumber.major(rdev) }
    public var minor: UInt32 { DeviceNumber.minor(rdev) }
}

/// glibc's makedev/major/minor are macros Swift cannot import.
public enum DeviceNumber {
    public static func make(major: UInt32, minor: UInt32) -> UInt64 {
        let ma = UInt64(major), mi = UInt64(minor)
        return ((ma & 0xffff_f000) << 32) | ((ma & 0xfff) << 8) | ((mi & 0xffff_ff00) << 12) | (mi & 0xff)
    }
    public static func major(_ dev: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: ((dev >> 8) & 0xfff) | ((dev >> 32) & 0xffff_f000))
    }
    public static func minor(_ dev: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: (dev & 0xff) | ((dev >> 12) & 0xffff_ff00))
    }
}

/// What fstatfs(2) tells us: which filesystem, and the per-mount flags (ST_*).
public struct FilesystemStat: Equatable, Sendable {
    public var type: Int64
    public var flags: UInt64

    public init(type: Int64, flags: UInt64 = 0) {
        self.type = type
        self.flags = flags
    }
}

/// Every kernel interaction of rootfs setup goes through this seam, so the
/// plan of operations can be unit-tested without root (RecordingMountSyscalls)
/// and the real thing (LinuxMountSyscalls) stays a thin pass-through.
///
/// fds are plain Int32; every fd a method returns is O_CLOEXEC and owned by
/// the caller, who must `close` it.
public protocol MountSyscalls {
    // classic mount API
    func mount(source: String?, target: String, fstype: String?, flags: UInt, data: String?) throws(SystemError)
    func umount2(_ target: String, flags: Int32) throws(SystemError)

    // path resolution and creation, always relative to a directory fd
    func openat2(_ dirfd: Int32, _ path: String, flags: Int32, mode: UInt32, resolve: UInt64) throws(SystemError) -> Int32
    /// open(2) of a host path (bind sources, the rootfs itself, /proc).
    func open(_ path: String, flags: Int32) throws(SystemError) -> Int32
    func close(_ fd: Int32)
    func mkdirat(_ dirfd: Int32, _ name: String, mode: UInt32) throws(SystemError)
    func mknodat(_ dirfd: Int32, _ name: String, mode: UInt32, device: UInt64) throws(SystemError)
    func symlinkat(_ target: String, _ dirfd: Int32, _ name: String) throws(SystemError)
    func unlinkat(_ dirfd: Int32, _ name: String, flags: Int32) throws(SystemError)
    func readlinkat(_ dirfd: Int32, _ name: String) throws(SystemError) -> String
    func fchownat(_ dirfd: Int32, _ path: String, uid: UInt32, gid: UInt32, flags: Int32) throws(SystemError)
    func fchmodat(_ dirfd: Int32, _ path: String, mode: UInt32) throws(SystemError)
    func fstat(_ fd: Int32) throws(SystemError) -> FileStat
    func fstatfs(_ fd: Int32) throws(SystemError) -> FilesystemStat
    func statfs(_ path: String) throws(SystemError) -> FilesystemStat
    func dup3(_ old: Int32, _ new: Int32) throws(SystemError)

    // new mount API
    func openTree(_ dirfd: Int32, _ path: String, flags: UInt32) throws(SystemError) -> Int32
    func moveMount(from: Int32, _ fromPath: String, to: Int32, _ toPath: String, flags: UInt32) throws(SystemError)
    func mountSetattr(_ dirfd: Int32, _ path: String, flags: UInt32, set: UInt64, clear: UInt64,
                      propagation: UInt64, usernsFD: Int32) throws(SystemError)
    func fsopen(_ fsname: String, flags: UInt32) throws(SystemError) -> Int32
    func fsconfig(_ fd: Int32, command: UInt32, key: String?, value: String?) throws(SystemError)
    func fsmount(_ fd: Int32, flags: UInt32, attributes: UInt64) throws(SystemError) -> Int32

    // switching root
    func pivotRoot(_ newRoot: String, _ putOld: String) throws(SystemError)
    func chroot(_ path: String) throws(SystemError)
    func chdir(_ path: String) throws(SystemError)
    func fchdir(_ fd: Int32) throws(SystemError)

    // host facts
    func readFile(_ path: String) throws(SystemError) -> String
    func exists(_ path: String) -> Bool

    // composite operations that are awkward to express call-by-call
    /// A user namespace with exactly these maps, as an fd (for MOUNT_ATTR_IDMAP).
    func makeUserNamespace(uidMap: String, gidMap: String) throws(SystemError) -> Int32
    /// Copies the contents of directory `from` into directory `to` (tmpcopyup),
    /// preserving modes, ownership and symlinks, never following them.
    func copyTree(from: Int32, to: Int32) throws(SystemError)
}

extension MountSyscalls {
    /// The magic link through which mount(2) reaches the exact object an fd refers to.
    @inline(__always)
    public func procPath(_ fd: Int32) -> String { "/proc/self/fd/\(fd)" }
}
