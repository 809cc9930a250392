import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock on a container's directory. Concurrent commands on one id serialise on it;
/// closing the fd (release(), deinit, or process exit) lets the next one in.
///
/// flock locks belong to the open file description, so a forked child that inherits `fd` keeps
/// the container locked until it closes it: the runtime must close `fd` in any child that
/// outlives the command (the container init waiting on the exec fifo in particular).
public final class ContainerLock {
    public let id: String
    /// The locked directory's fd (O_RDONLY|O_DIRECTORY|O_CLOEXEC); -1 once released.
    public private(set) var fd: Int32

    init(id: String, fd: Int32) {
        self.id = id
        self.fd = fd
    }

    public var isHeld: Bool { fd >= 0 }

    public func release() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    deinit { release() }

    /// Takes the lock on an open directory fd. `wait == false` fails with EWOULDBLOCK when held.
    static func acquire(fd: Int32, wait: Bool) throws(SystemError) {
        try sys("flock") { flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) }
    }
}
