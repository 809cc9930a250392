import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Client side of the unix sockets engines hand us (--console-socket,
/// --pidfd-socket, seccomp listenerPath).
enum UnixSocket {
    static func connect(_ path: String) throws -> Int32 {
        let fd = try sys("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity else {
            close(fd)
            throw RuntimeError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let len = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, len) }
        }
        if r != 0 {
            let e = SystemError.last("connect", path)
            close(fd)
            throw RuntimeError(e.description)
        }
        return fd
    }

    static func sendFD(_ fd: Int32, to path: String, payload: [UInt8] = Array("pidfd".utf8)) throws {
        let socket = try connect(path)
        defer { close(socket) }
        if sw_send_fd(socket, fd, payload, payload.count) < 0 {
            throw RuntimeError(SystemError.last("sendmsg", path).description)
        }
    }
}

enum PidFile {
    /// Atomic, like runc: readers never see a partial pid.
    static func write(_ pid: Int32, to path: String) throws {
        let absolute = path.hasPrefix("/") ? path : CurrentDirectory.current() + "/" + path
        do { try FileIO.writeAtomically(absolute, Array("\(pid)".utf8), mode: 0o644) } catch {
            throw RuntimeError("pid file: \(error)")
        }
    }
}

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

enum CurrentDirectory {
    static func current() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
