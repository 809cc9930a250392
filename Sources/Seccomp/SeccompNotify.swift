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
        let sock: Int32
        do { sock = try UnixSocket.connect(listenerPath) } catch {
            throw SeccompError(field: field, "connecting to seccomp agent at \"\(listenerPath)\"", errno: error.errno)
        }
        defer { close(sock) }

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

    /// OCISpec's serializer: the same escaping as every other JSON we write.
    static func jsonString(_ s: String) -> String {
        JSON.serialize(.string(s))
    }
}
