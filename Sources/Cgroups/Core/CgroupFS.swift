import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The only door to cgroupfs (and the few sysfs files the drivers read).
/// Drivers never touch the filesystem directly, so every resource mapping
/// can be unit-tested against `MemoryCgroupFS`.
public protocol CgroupFS: AnyObject {
    func read(_ path: String) throws(SystemError) -> String
    /// One write(2) of `value`: cgroupfs parses each write as one command.
    func write(_ path: String, _ value: String) throws(SystemError)
    /// Creates one directory level; false when it already existed.
    func mkdir(_ path: String) throws(SystemError) -> Bool
    func rmdir(_ path: String) throws(SystemError)
    func exists(_ path: String) -> Bool
    /// Names of the subdirectories of `path` (child cgroups).
    func subdirectories(_ path: String) throws(SystemError) -> [String]
}

/// `CgroupFS` over the real kernel filesystems.
public final class HostCgroupFS: CgroupFS {
    public init() {}

    public func read(_ path: String) throws(SystemError) -> String {
        try FileIO.readString(path)
    }

    public func write(_ path: String, _ value: String) throws(SystemError) {
        let fd = try sys("open", path) { open(path, O_WRONLY | O_CLOEXEC) }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        // An empty write is meaningful to some files but write(2) with a
        // zero count never reaches the kernel handler; send a newline instead.
        let payload = bytes.isEmpty ? [UInt8(ascii: "\n")] : bytes
        _ = try sys("write", path) { payload.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
    }

    public func mkdir(_ path: String) throws(SystemError) -> Bool {
        if Glibc.mkdir(path, 0o755) == 0 { return true }
        let e = sw_errno()
        if e == EEXIST { return false }
        throw SystemError(errno: e, "mkdir", path)
    }

    public func rmdir(_ path: String) throws(SystemError) {
        try sys("rmdir", path) { Glibc.rmdir(path) }
    }

    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func subdirectories(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError.last("opendir", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
