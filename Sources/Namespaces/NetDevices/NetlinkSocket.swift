import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// A NETLINK_ROUTE socket talking to the kernel. A netlink socket belongs to
/// the network namespace it was created in, for its whole life: that is how
/// one process configures links in two namespaces at once.
final class NetlinkSocket {
    let fd: Int32
    private var sequence: UInt32 = 0
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    private init(fd: Int32) { self.fd = fd }

    deinit { Glibc.close(fd) }

    /// A socket in the caller's network namespace.
    static func open() throws(NetlinkError) -> NetlinkSocket {
        let fd = socket(RouteNetlink.addressFamily, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                        RouteNetlink.protocolRoute)
        if fd < 0 { throw NetlinkError(errno: sw_errno(), "socket(AF_NETLINK)") }
        var on: Int32 = 1
        // Errors carry the kernel's reason text and not our whole request.
        _ = setsockopt(fd, RouteNetlink.solNetlink, RouteNetlink.optExtAck, &on, socklen_t(MemoryLayout<Int32>.size))
        _ = setsockopt(fd, RouteNetlink.solNetlink, RouteNetlink.optCapAck, &on, socklen_t(MemoryLayout<Int32>.size))
        return NetlinkSocket(fd: fd)
    }

    /// A socket in the network namespace open at `namespaceFD`. The runtime
    /// is single-threaded, so it can step into the namespace for the socket()
    /// call and straight back; failing to return is reported as an error.
    static func open(inNamespace namespaceFD: Int32) throws(NetlinkError) -> NetlinkSocket {
        let home = Glibc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        if home < 0 { throw NetlinkError(errno: sw_errno(), "open /proc/thread-self/ns/net") }
        defer { Glibc.close(home) }
        let newNet = NamespaceKind.network.cloneFlag
        if sw_setns(namespaceFD, newNet) != 0 { throw NetlinkError(errno: sw_errno(), "setns into the container's network namespace") }
        let opened = Result(catching: { () throws(NetlinkError) -> NetlinkSocket in try open() })
        if sw_setns(home, newNet) != 0 {
            throw NetlinkError(errno: sw_errno(), "setns back to the runtime's network namespace")
        }
        return try opened.get()
    }

    /// Sends a request built for the next sequence number and collects its
    /// replies: up to the ack with `ack`, else the first reply; a dump
    /// (NLM_F_DUMP) until NLMSG_DONE, restarted if the kernel flags it as
    /// interrupted by a concurrent change.
    func request(ack: Bool = true, _ build: (UInt32) -> [UInt8]) throws(NetlinkError) -> [NetlinkCodec.Message] {
        for _ in 0..<5 {
            sequence &+= 1
            let seq = sequence
            let message = build(seq)
            let isDump = message.count >= 8 && ByteReader(message[...], at: 0).u16(6) & RouteNetlink.Flag.dump == RouteNetlink.Flag.dump
            let sent = message.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            if sent < 0 { throw NetlinkError(errno: sw_errno(), "send on netlink socket") }
            var replies: [NetlinkCodec.Message] = []
            var interrupted = false
            receiving: while true {
                for m in try receive() where m.sequence == seq {
                    if m.flags & RouteNetlink.Flag.dumpInterrupted != 0 { interrupted = true }
                    if m.type == RouteNetlink.MessageType.error {
                        if let failure = m.failure() { throw failure }
                        break receiving
                    }
                    if m.type == RouteNetlink.MessageType.done {
                        if m.payload.count >= 4 {
                            let code = Int32(bitPattern: ByteReader(m.payload[...], at: 0).u32(0))
                            if code < 0 { throw NetlinkError(errno: -code, nil) }
                        }
                        break receiving
                    }
                    replies.append(m)
                    if !ack && !isDump { break receiving }
                }
            }
            if !(isDump && interrupted) { return replies }
        }
        throw NetlinkError(errno: EAGAIN, "netlink dump kept being interrupted by concurrent changes")
    }

    private func receive() throws(NetlinkError) -> [NetlinkCodec.Message] {
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_TRUNC)) }
            if n < 0 {
                if sw_errno() == EINTR { continue }
                throw NetlinkError(errno: sw_errno(), "recv on netlink socket")
            }
            if n > buffer.count { throw NetlinkError(errno: EMSGSIZE, "netlink reply of \(n) bytes truncated") }
            return try NetlinkCodec.split(Array(buffer[0..<n]))
        }
    }
}
