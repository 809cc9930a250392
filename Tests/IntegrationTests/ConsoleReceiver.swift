import Foundation
import Glibc

/// A --console-socket listener: accepts one connection, receives the pty
/// master over SCM_RIGHTS and reads the container's terminal output.
final class ConsoleReceiver {
    let listener: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0, listen(listener, 1) == 0 else { throw NSError(domain: "console", code: Int(errno)) }
    }

    /// Accepts, receives the master, and reads until the slave side closes.
    func readAll(timeout: Int32 = 10_000) throws -> String {
        var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeout) == 1 else { throw NSError(domain: "console: no connection", code: 1) }
        let conn = accept(listener, nil, nil)
        defer { close(conn) }
        var buf = [UInt8](repeating: 0, count: 256)
        var control = [UInt8](repeating: 0, count: 64)
        var iov = iovec(iov_base: buf.withUnsafeMutableBytes { $0.baseAddress }, iov_len: buf.count)
        var msg = msghdr()
        var master: Int32 = -1
        withUnsafeMutablePointer(to: &iov) { iovp in
            control.withUnsafeMutableBytes { cp in
                msg.msg_iov = iovp
                msg.msg_iovlen = 1
                msg.msg_control = cp.baseAddress
                msg.msg_controllen = cp.count
                if recvmsg(conn, &msg, 0) > 0, msg.msg_controllen >= 20 {
                    // cmsghdr: len (8), level (4), type (4), then the fd.
                    master = cp.load(fromByteOffset: 16, as: Int32.self)
                }
            }
        }
        guard master >= 0 else { throw NSError(domain: "console: no fd", code: 2) }
        defer { close(master) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, timeout) <= 0 { break }
            let n = read(master, &chunk, chunk.count)
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    deinit {
        close(listener)
        unlink(path)
    }
}
