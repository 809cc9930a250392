#if canImport(Glibc)
import Glibc
#endif

/// systemd socket activation passthrough: LISTEN_FDS fds stay open and the
/// container sees LISTEN_FDS/LISTEN_PID for its own pid 1, as runc does.
enum SocketActivation {
    static func count() -> Int32 {
        guard let v = getenv("LISTEN_FDS"), let n = Int32(String(cString: v)), n > 0 else { return 0 }
        return n
    }

    static func environment() -> [String] {
        let n = count()
        return n > 0 ? ["LISTEN_FDS=\(n)", "LISTEN_PID=1"] : []
    }
}
