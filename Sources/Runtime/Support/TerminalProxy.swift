import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `run` with process.terminal and no --console-socket: we are our own
/// console socket listener and copy bytes between our stdio and the pty.
final class TerminalProxy {
    let receiver: Int32
    var master: Int32 = -1
    var saved: termios? = nil
    var stdinOpen = true

    init(receiver: Int32) { self.receiver = receiver }

    static func socketPair() throws -> (ours: Int32, theirs: Int32) {
        var fds: [Int32] = [-1, -1]
        try sys("socketpair") { socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) }
        return (fds[0], fds[1])
    }

    func receiveMaster() throws {
        var buf = [UInt8](repeating: 0, count: 256)
        var fd: Int32 = -1
        let n = buf.withUnsafeMutableBytes { Int(sw_recv_fd(receiver, &fd, $0.baseAddress, $0.count)) }
        close(receiver)
        guard n > 0, fd >= 0 else { throw RuntimeError("did not receive the container's terminal") }
        master = fd
    }

    func enterRawMode() {
        var t = termios()
        guard isatty(0) == 1, tcgetattr(0, &t) == 0 else { return }
        saved = t
        cfmakeraw(&t)
        tcsetattr(0, TCSANOW, &t)
    }

    func restoreMode() {
        if var t = saved { tcsetattr(0, TCSANOW, &t) }
    }

    func resize() {
        var ws = winsize()
        if sw_ioctl_ptr(0, UInt(TIOCGWINSZ), &ws) == 0 { _ = sw_ioctl_ptr(master, UInt(TIOCSWINSZ), &ws) }
    }

    func pollFDs() -> [pollfd] {
        [pollfd(fd: stdinOpen ? 0 : -1, events: Int16(POLLIN), revents: 0),
         pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
    }

    func handle(_ fds: [pollfd]) {
        if fds[0].revents != 0 && !copy(from: 0, to: master) { stdinOpen = false }
        if fds[1].revents != 0 { _ = copy(from: master, to: 1) }
    }

    /// Output still buffered in the pty after the init exited.
    func drain() {
        _ = sw_fcntl_int(master, F_SETFL, O_NONBLOCK)
        while copy(from: master, to: 1) {}
    }

    private func copy(from: Int32, to: Int32) -> Bool {
        var buf = [UInt8](repeating: 0, count: 8192)
        let n = buf.withUnsafeMutableBytes { Glibc.read(from, $0.baseAddress, $0.count) }
        guard n > 0 else { return false }
        try? FileIO.writeAll(fd: to, Array(buf[0..<n]))
        return true
    }

    deinit { if master >= 0 { close(master) } }
}
