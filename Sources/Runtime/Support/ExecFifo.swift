import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The reader side of the exec fifo: opening it releases the init, which is
/// blocked opening the writer side. A non-blocking open plus poll on the
/// init's pidfd means `start` cannot hang on an init that already died.
enum ExecFifo {
    static func release(path: String, initPidfd: Int32) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if sw_errno() == ENOENT { throw RuntimeError("cannot start an already running container") }
            throw RuntimeError(SystemError.last("open exec fifo", path).description)
        }
        defer { close(fd) }
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: initPidfd, events: Int16(POLLIN), revents: 0)]
        while true {
            let r = poll(&fds, 2, -1)
            if r < 0 {
                if sw_errno() == EINTR { continue }
                throw RuntimeError(SystemError.last("poll exec fifo").description)
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                var byte: UInt8 = 0
                if Glibc.read(fd, &byte, 1) == 1 { break }
            }
            // The writer may have opened and not yet written: only give up
            // when the init is gone.
            if fds[1].revents != 0 && fds[0].revents & Int16(POLLIN) == 0 {
                throw RuntimeError("cannot start a container that has stopped")
            }
            if fds[0].revents & Int16(POLLHUP) != 0 {
                // Writer closed without writing: poll again on the pidfd only.
                fds[0].events = 0
            }
        }
        unlink(path)
    }
}
