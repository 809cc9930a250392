import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The reader side of the exec fifo: opening it releases the init, which is
/// blocked opening the writer side. The init writes one byte, then keeps the
/// writer open until execve closes it (close-on-exec); anything else it writes
/// is why it failed (a startContainer hook, or execve itself). A non-blocking
/// open plus poll on the init's pidfd means `start` never hangs on a dead init.
enum ExecFifo {
    static func release(path: String, initPidfd: Int32) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if sw_errno() == ENOENT { throw RuntimeError("cannot start an already running container") }
            throw RuntimeError(SystemError.last("open exec fifo", path).description)
        }
        defer { close(fd) }
        var received: [UInt8] = []
        var writerSeen = false
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: initPidfd, events: Int16(POLLIN), revents: 0)]
            let r = poll(&fds, 2, -1)
            if r < 0 {
                if sw_errno() == EINTR { continue }
                throw RuntimeError(SystemError.last("poll exec fifo").description)
            }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                writerSeen = true
                received.append(contentsOf: chunk[0..<n])
                continue
            }
            // EOF with no writer yet only means the init has not opened its
            // end: wait, unless the init is gone.
            if n == 0 && writerSeen { break }
            if fds[1].revents != 0 {
                if !writerSeen { throw RuntimeError("cannot start a container that has stopped") }
                break
            }
            if n == 0 {
                // No writer yet and POLLHUP keeps firing: sleep on the pidfd briefly.
                var p = pollfd(fd: initPidfd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, 1)
            }
        }
        unlink(path)
        if received.count > 1 {
            throw RuntimeError(String(decoding: received.dropFirst(), as: UTF8.self))
        }
        if received.isEmpty { throw RuntimeError("cannot start a container that has stopped") }
    }
}
