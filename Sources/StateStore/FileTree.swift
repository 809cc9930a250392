import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Recursive removal relative to a directory fd, never following symlinks (a container could
/// have planted one pointing elsewhere) and tolerating entries that are already gone.
enum FileTree {
    static func remove(_ name: String, at dirfd: Int32) throws(SystemError) {
        var st = stat()
        if fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 {
            let e = sw_errno()
            if e == ENOENT { return }
            throw SystemError(errno: e, "stat", name)
        }
        if st.st_mode & S_IFMT == S_IFDIR {
            let fd = try sys("open", name) { openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            let entries: [String]
            do {
                entries = try list(fd: fd, name: name)
            } catch {
                close(fd)
                throw error
            }
            defer { close(fd) }
            for entry in entries {
                do { try remove(entry, at: fd) } catch { throw SystemError(errno: error.errno, error.operation, name + "/" + (error.subject ?? entry)) }
            }
            if unlinkat(dirfd, name, AT_REMOVEDIR) != 0, sw_errno() != ENOENT {
                throw SystemError.last("remove", name)
            }
        } else if unlinkat(dirfd, name, 0) != 0, sw_errno() != ENOENT {
            throw SystemError.last("remove", name)
        }
    }

    /// Names in the directory open at `fd` (without "." and ".."); `fd` stays open.
    static func list(fd: Int32, name: String) throws(SystemError) -> [String] {
        // fdopendir takes ownership of its fd, so hand it a duplicate.
        let dupfd = try sys("dup", name) { fcntl(fd, F_DUPFD_CLOEXEC, 0) }
        guard let dir = fdopendir(dupfd) else {
            let e = SystemError.last("opendir", name)
            close(dupfd)
            throw e
        }
        defer { closedir(dir) }
        // readdir shares the offset with the original fd's description: start from the top.
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let n = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if n != "." && n != ".." { names.append(n) }
        }
        return names
    }
}
