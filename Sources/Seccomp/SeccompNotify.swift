import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Hands the seccomp notify fd to the agent at `linux.seccomp.listenerPath`, as the
/// spec and runc do: one connection per container, the container process state as
/// JSON with the fd attached (SCM_RIGHTS) to the first sendmsg, then close.
public enum SeccompNotify {
    /// The name of the fd in the state's `fds` array (specs.SeccompFdName).
    public static let fdName = "seccompFd"

    /// The container process state document: `{"ociVersion","fds","pid","metadata","state"}`.
    /// `state` is the already-serialized OCI state JSON; `metadata` is omitted when empty.
    public static func processState(pid: Int32, metadata: String?, state: [UInt8],
                                    ociVersion: String = Spec.supportedVersion) -> [UInt8] {
        var head = "{\"ociVersion\":" + jsonString(ociVersion) + ",\"fds\":[" + jsonString(fdName)
            + "],\"pid\":" + String(pid)
        if let metadata, !metadata.isEmpty { head += ",\"metadata\":" + jsonString(metadata) }
        head += ",\"state\":"
        return Array(head.utf8) + state + [UInt8(ascii: "}")]
    }

    /// Connects to `listenerPath` and sends the process state with `fd`.
    /// Any failure is an error (the spec requires it).
    public static func sendListener(fd: Int32, listenerPath: String, metadata: String?, pid: Int32,
                                    state: [UInt8]) throws(SeccompError) {
        let field = "linux.seccomp.listenerPath"
        let sock = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if sock < 0 { throw SeccompError(field: field, "socket", errno: sw_errno()) }
        defer { close(sock) }

        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(listenerPath.utf8)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else {
            throw SeccompError(field: field, "\"\(listenerPath)\" is longer than a unix socket path may be (\(capacity - 1) bytes)")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
        }
        let len = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + 1)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Int32 in
                var r: Int32
                repeat { r = connect(sock, p, len) } while r < 0 && sw_errno() == EINTR
                return r
            }
        }
        if connected < 0 {
            throw SeccompError(field: field, "connecting to seccomp agent at \"\(listenerPath)\"", errno: sw_errno())
        }

        let message = processState(pid: pid, metadata: metadata, state: state)
        // A large state may not fit one sendmsg; the rest follows without fds (the spec allows it).
        let sent = message.withUnsafeBytes { sw_send_fd(sock, fd, $0.baseAddress, $0.count) }
        if sent < 0 {
            throw SeccompError(field: field, "sending the seccomp fd to \"\(listenerPath)\"", errno: sw_errno())
        }
        var offset = sent
        while offset < message.count {
            let n = message.withUnsafeBytes { send(sock, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if sw_errno() == EINTR { continue }
                throw SeccompError(field: field, "sending the container state to \"\(listenerPath)\"", errno: sw_errno())
            }
            offset += n
        }
    }

    /// Minimal JSON string encoding (RFC 8259 escapes).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
