// The receiving end of `--console-socket`: an AF_UNIX listener that gets the
// pty master over SCM_RIGHTS (runc's terminal protocol; also used for the
// seccomp listenerPath, which sends JSON plus fds).
import Foundation
import Glibc

final class UnixListener {
    let path: String
    private(set) var fd: Int32 = -1

    init?(path: String) {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if fd < 0 { return nil }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &addr.sun_path) { p in for (i, b) in bytes.enumerated() { p[i] = b } }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if ok != 0 || listen(fd, 4) != 0 { close(fd); return nil }
    }

    deinit { if fd >= 0 { close(fd) }; unlink(path) }

    /// Accepts one connection (waiting at most `timeout`) and reads it to EOF.
    /// Returns the payload and the descriptors passed with SCM_RIGHTS.
    func receive(timeout: Double) -> (data: [UInt8], fds: [Int32], eof: Bool)? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) == 1 else { return nil }
        let conn = accept(fd, nil, nil)
        guard conn >= 0 else { return nil }
        defer { close(conn) }
        var data: [UInt8] = []
        var fds: [Int32] = []
        var eof = false
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var cp = pollfd(fd: conn, events: Int16(POLLIN), revents: 0)
            if poll(&cp, 1, 200) != 1 { if !data.isEmpty || !fds.isEmpty { continue } else { continue } }
            var buf = [UInt8](repeating: 0, count: 65536)
            var control = [UInt8](repeating: 0, count: 256)
            let n: Int = buf.withUnsafeMutableBytes { bp in
                control.withUnsafeMutableBytes { cp in
                    var iov = iovec(iov_base: bp.baseAddress, iov_len: bp.count)
                    return withUnsafeMutablePointer(to: &iov) { iovp in
                        var msg = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: iovp, msg_iovlen: 1,
                                         msg_control: cp.baseAddress, msg_controllen: cp.count, msg_flags: 0)
                        let r = recvmsg(conn, &msg, Int32(MSG_CMSG_CLOEXEC))
                        if r >= 0 { fds += UnixListener.parseRights(cp, Int(msg.msg_controllen)) }
                        return r
                    }
                }
            }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { eof = true; break }
            data += buf[0..<n]
        }
        return (data, fds, eof)
    }

    /// Walks the control buffer: struct cmsghdr { size_t len; int level; int type; } + data.
    static func parseRights(_ buf: UnsafeMutableRawBufferPointer, _ length: Int) -> [Int32] {
        var fds: [Int32] = []
        var off = 0
        while off + 16 <= length {
            let len = buf.load(fromByteOffset: off, as: Int.self)
            let level = buf.load(fromByteOffset: off + 8, as: Int32.self)
            let type = buf.load(fromByteOffset: off + 12, as: Int32.self)
            if len < 16 { break }
            if level == SOL_SOCKET && type == 1 /* SCM_RIGHTS */ {
                var p = off + 16
                while p + 4 <= off + len { fds.append(buf.load(fromByteOffset: p, as: Int32.self)); p += 4 }
            }
            off += (len + 7) & ~7
        }
        return fds
    }
}

/// Reads everything from a pty master until the slave side is gone (EIO) or `timeout`.
func drainPTY(_ fd: Int32, timeout: Double) -> String {
    var out: [UInt8] = []
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, 100)
        if r == 0 { continue }
        if r < 0 { if errno == EINTR { continue }; break }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
}
