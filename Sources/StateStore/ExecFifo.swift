import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension StateStore {
    /// Creates `<root>/<id>/exec.fifo` like runc: mode 0622 regardless of umask, owned by the
    /// host uid/gid that container root maps to (so a user-namespaced init can open it). The
    /// runtime's init blocks opening it for writing; `start` opens it for reading and unlinks it.
    @discardableResult
    public func makeExecFifo(_ id: String, uid: uid_t, gid: gid_t) throws(StateStoreError) -> String {
        try ContainerID.validate(id)
        let path = execFifoPath(of: id)
        var st = stat()
        if lstat(path, &st) == 0 { throw .execFifoExists(path) }
        do throws(SystemError) {
            try sys("mkfifo", path) { mkfifo(path, 0o622) }
            do throws(SystemError) {
                // mkfifo honours the umask; an explicit chmod avoids touching the process umask.
                try sys("chmod", path) { chmod(path, 0o622) }
                try sys("chown", path) { lchown(path, uid, gid) }
            } catch {
                unlink(path)
                throw error
            }
        } catch {
            if error.errno == ENOENT { throw .notExist(id) }
            throw .system(error)
        }
        return path
    }

    /// The fifo exists from create until start consumes it: it separates `created` from
    /// `running`.
    public func execFifoExists(_ id: String) -> Bool {
        guard ContainerID.isValid(id) else { return false }
        var st = stat()
        return lstat(execFifoPath(of: id), &st) == 0
    }
}
