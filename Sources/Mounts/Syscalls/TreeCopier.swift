import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Recursive copy between two directory fds for `tmpcopyup`. Every lookup is
/// relative to an fd with O_NOFOLLOW, so symlinks in the image are copied as
/// symlinks and never followed out of the rootfs.
enum TreeCopier {
    static func copy(from: Int32, to: Int32) throws(SystemError) {
        let listFD = try sys("dup", "fd \(from)") { Glibc.openat(from, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard let dir = fdopendir(listFD) else {
            let e = SystemError.last("fdopendir")
            Glibc.close(listFD)
            throw e
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            try copyEntry(name, from: from, to: to)
        }
    }

    private static func copyEntry(_ name: String, from: Int32, to: Int32) throws(SystemError) {
        var st = stat()
        try sys("fstatat", name) { fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) }
        let type = UInt32(st.st_mode) & FileStat.typeMask
        let perms = mode_t(UInt32(st.st_mode) & 0o7777)
        switch type {
        case FileStat.directory:
            do throws(SystemError) { try sys("mkdirat", name) { mkdirat(to, name, 0o700) } } catch {
                if error.errno != EEXIST { throw error }
            }
            let src = try sys("openat", name) { openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            defer { Glibc.close(src) }
            let dst = try sys("openat", name) { openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            defer { Glibc.close(dst) }
            try copy(from: src, to: dst)
            try sys("fchown", name) { fchown(dst, st.st_uid, st.st_gid) }
            try sys("fchmod", name) { fchmod(dst, perms) }
        case FileStat.regular:
            let src = try sys("openat", name) { openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
            defer { Glibc.close(src) }
            let dst = try sys("openat", name) {
                openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
            }
            defer { Glibc.close(dst) }
            try copyContents(src, dst, name)
            // chown before chmod: chown clears setuid/setgid bits.
            try sys("fchown", name) { fchown(dst, st.st_uid, st.st_gid) }
            try sys("fchmod", name) { fchmod(dst, perms) }
        case FileStat.symlink:
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = try sys("readlinkat", name) { readlinkat(from, name, &buf, buf.count - 1) }
            buf[n] = 0
            try sys("symlinkat", name) { symlinkat(buf, to, name) }
            try sys("fchownat", name) { fchownat(to, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) }
        default:
            // Device nodes, fifos, sockets: recreate, no content to copy.
            try sys("mknodat", name) { mknodat(to, name, mode_t(type) | perms, st.st_rdev) }
            try sys("fchownat", name) { fchownat(to, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) }
            try sys("fchmodat", name) { fchmodat(to, name, perms, 0) }
        }
    }

    private static func copyContents(_ src: Int32, _ dst: Int32, _ name: String) throws(SystemError) {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = try sys("read", name) { buf.withUnsafeMutableBytes { Glibc.read(src, $0.baseAddress, $0.count) } }
            if n == 0 { return }
            var off = 0
            while off < n {
                let w = try sys("write", name) { buf.withUnsafeBytes { Glibc.write(dst, $0.baseAddress! + off, n - off) } }
                off += w
            }
        }
    }
}
