import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The parent/init handshake over a SOCK_SEQPACKET socketpair: each message is
/// one datagram, so no framing is needed and EOF means the peer died.
final class SyncChannel {
    enum Message: Equatable {
        case proceed                    // parent → init: maps written, cgroup joined
        case runCreateHooks             // init → parent: mounts ready, run prestart/createRuntime
        case hooksDone                  // parent → init
        case ready                      // init → parent: about to wait on the exec fifo
        case initPid(Int32)             // intermediate → parent: the real init's pid
        case failure(String)            // either way: setup failed, with the message
        case notifyFD(Int32)            // init → parent: seccomp notify fd (SCM_RIGHTS)
        case mapRequest                 // intermediate → parent: write my uid/gid maps
        case mapsWritten                // parent → intermediate
        case hookFailure(String)        // init → parent: a createContainer hook failed

        var encoded: [UInt8] {
            switch self {
            case .proceed: return [1]
            case .runCreateHooks: return [2]
            case .hooksDone: return [3]
            case .ready: return [4]
            case .initPid(let pid): return [5] + Array(String(pid).utf8)
            case .failure(let m): return [6] + Array(m.utf8)
            case .notifyFD: return [7]
            case .mapRequest: return [8]
            case .mapsWritten: return [9]
            case .hookFailure(let m): return [10] + Array(m.utf8)
            }
        }

        init?(_ bytes: ArraySlice<UInt8>) {
            guard let tag = bytes.first else { return nil }
            let rest = bytes.dropFirst()
            switch tag {
            case 1: self = .proceed
            case 2: self = .runCreateHooks
            case 3: self = .hooksDone
            case 4: self = .ready
            case 5:
                guard let pid = Int32(String(decoding: rest, as: UTF8.self)) else { return nil }
                self = .initPid(pid)
            case 6: self = .failure(String(decoding: rest, as: UTF8.self))
            case 8: self = .mapRequest
            case 9: self = .mapsWritten
            case 10: self = .hookFailure(String(decoding: rest, as: UTF8.self))
            default: return nil
            }
        }
    }

    private(set) var fd: Int32

    init(fd: Int32) { self.fd = fd }

    static func pair() throws(SystemError) -> (parent: SyncChannel, child: SyncChannel) {
        var fds: [Int32] = [-1, -1]
        try sys("socketpair") { socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) }
        return (SyncChannel(fd: fds[0]), SyncChannel(fd: fds[1]))
    }

    func send(_ message: Message) throws(SystemError) {
        let bytes = message.encoded
        try sys("sync send") { bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
    }

    /// Blocks for the next message; nil when the peer closed its end (died).
    /// Always receives with room for an fd, so a passed fd is never dropped.
    func receive() throws(SystemError) -> Message? {
        var buf = [UInt8](repeating: 0, count: 65536)
        var passed: Int32 = -1
        let n = try sys("sync receive") { buf.withUnsafeMutableBytes { Int(sw_recv_fd(fd, &passed, $0.baseAddress, $0.count)) } }
        if n == 0 { return nil }
        if buf[0] == 7 && passed >= 0 { return .notifyFD(passed) }
        if passed >= 0 { Glibc.close(passed) }
        return Message(buf[0..<n])
    }

    /// Passes an fd (the seccomp notify fd) to the parent with SCM_RIGHTS.
    func sendFD(_ passed: Int32) throws(SystemError) {
        let tag: [UInt8] = [7]
        try sys("sync send fd") { Int(sw_send_fd(fd, passed, tag, 1)) }
    }

    /// Idempotent: the failure path may close a channel the success path closed.
    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }
}
