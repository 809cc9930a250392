import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Hands an fd to the unix socket an engine listens on (--pidfd-socket).
enum EngineSocket {
    static func sendFD(_ fd: Int32, to path: String, payload: [UInt8] = Array("pidfd".utf8)) throws {
        let socket = try UnixSocket.connect(path)
        defer { close(socket) }
        if sw_send_fd(socket, fd, payload, payload.count) < 0 {
            throw RuntimeError(SystemError.last("sendmsg", path).description)
        }
    }
}
