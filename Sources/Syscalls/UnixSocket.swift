import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Client side of the unix stream sockets engines and agents listen on
/// (--console-socket, --pidfd-socket, seccomp listenerPath).
public enum UnixSocket {
    /// A connected, close-on-exec socket. `SystemError.errno` is ENAMETOOLONG
    /// for a path that does not fit sockaddr_un.
    public static func connect(_ path: String) throws(SystemError) -> Int32 {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            throw SystemError(errno: ENAMETOOLONG, "connect", path)
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let fd = try sys("socket", path) { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        let len = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
        do {
            try sys("connect", path) {
                withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, len) }
                }
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }
}
