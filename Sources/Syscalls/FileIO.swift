import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Small, allocation-light file helpers over raw fds (no Foundation on the hot path).
public enum FileIO {
    /// Reads everything from `fd` until EOF.
    public static func readAll(fd: Int32) throws(SystemError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = try sys("read") { chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) } }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    public static func writeAll(fd: Int32, _ bytes: [UInt8]) throws(SystemError) {
        var off = 0
        while off < bytes.count {
            let n = try sys("write") { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) } }
            off += n
        }
    }

    public static func writeAll(fd: Int32, _ string: String) throws(SystemError) {
        try writeAll(fd: fd, Array(string.utf8))
    }

    /// Reads a whole file relative to `dirfd` (AT_FDCWD for plain paths).
    public static func read(_ path: String, at dirfd: Int32 = AT_FDCWD) throws(SystemError) -> [UInt8] {
        let fd = try sys("open", path) { openat(dirfd, path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        return try readAll(fd: fd)
    }

    public static func readString(_ path: String, at dirfd: Int32 = AT_FDCWD) throws(SystemError) -> String {
        String(decoding: try read(path, at: dirfd), as: UTF8.self)
    }

    /// Writes `string` to an existing file (procfs, cgroupfs, sysfs style: no create, no truncate games).
    public static func write(_ path: String, _ string: String, at dirfd: Int32 = AT_FDCWD) throws(SystemError) {
        let fd = try sys("open", path) { openat(dirfd, path, O_WRONLY | O_CLOEXEC) }
        defer { close(fd) }
        do { try writeAll(fd: fd, string) } catch { throw SystemError(errno: error.errno, "write", path) }
    }

    /// Creates or replaces `path` atomically: write a temp file beside it, fsync, rename.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(SystemError) {
        let tmp = path + ".tmp-\(getpid())"
        let fd = try sys("create", tmp) { open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
        do {
            try writeAll(fd: fd, bytes)
            try sys("fsync", tmp) { fsync(fd) }
            close(fd)
            try sys("rename", path) { rename(tmp, path) }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
    }

    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
