#if canImport(Glibc)
import Glibc
#endif

/// Byte-level netlink framing: messages are an nlmsghdr, a fixed family header
/// (ifinfomsg, ifaddrmsg) and 4-byte aligned rtattr TLVs, all in host byte
/// order. Pure functions, so the encoding is testable without a kernel.
public enum NetlinkCodec {
    static func align4(_ n: Int) -> Int { (n + 3) & ~3 }

    /// A whole request: nlmsghdr (length filled in) followed by `body`.
    public static func message(type: UInt16, flags: UInt16, sequence: UInt32, body: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(RouteNetlink.headerSize + body.count))
        w.u16(type)
        w.u16(flags)
        w.u32(sequence)
        w.u32(0)  // nlmsg_pid: 0 addresses the kernel
        w.bytes += body
        return w.bytes
    }

    /// One rtattr: length (header + payload, unpadded), type, payload, padding.
    public static func attribute(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.u16(UInt16(4 + payload.count))
        w.u16(type)
        w.bytes += payload
        w.pad()
        return w.bytes
    }

    public static func attribute(_ type: UInt16, u32 value: UInt32) -> [UInt8] {
        var w = ByteWriter()
        w.u32(value)
        return attribute(type, w.bytes)
    }

    /// Interface names travel NUL-terminated (IFLA_IFNAME is an NLA_STRING).
    public static func attribute(_ type: UInt16, string: String) -> [UInt8] {
        attribute(type, Array(string.utf8) + [0])
    }

    /// The messages in one datagram. Stops at a truncated or malformed header
    /// rather than reading past the buffer.
    public static func split(_ buffer: [UInt8]) throws(NetlinkError) -> [Message] {
        var out: [Message] = []
        var offset = 0
        while offset + RouteNetlink.headerSize <= buffer.count {
            let r = ByteReader(buffer[...], at: offset)
            let length = Int(r.u32(0))
            guard length >= RouteNetlink.headerSize, offset + length <= buffer.count else {
                throw NetlinkError(errno: 0, "malformed netlink message (length \(length) at offset \(offset))")
            }
            out.append(Message(type: r.u16(4), flags: r.u16(6), sequence: r.u32(8),
                               payload: Array(buffer[(offset + RouteNetlink.headerSize)..<(offset + length)])))
            offset += align4(length)
        }
        return out
    }

    /// rtattr TLVs of `bytes` (a payload after its fixed header). Nested or
    /// repeated attributes are returned in order; a bad length ends the list.
    public static func attributes(_ bytes: ArraySlice<UInt8>) -> [(type: UInt16, value: [UInt8])] {
        var out: [(type: UInt16, value: [UInt8])] = []
        var offset = bytes.startIndex
        while offset + 4 <= bytes.endIndex {
            let r = ByteReader(bytes, at: offset)
            let length = Int(r.u16(0))
            guard length >= 4, offset + length <= bytes.endIndex else { break }
            // NLA_F_NESTED / NLA_F_NET_BYTEORDER live in the top bits of the type.
            out.append((type: r.u16(2) & 0x3fff, value: Array(bytes[(offset + 4)..<(offset + length)])))
            offset += align4(length)
        }
        return out
    }

    /// One received message.
    public struct Message: Equatable, Sendable {
        public let type: UInt16
        public let flags: UInt16
        public let sequence: UInt32
        public let payload: [UInt8]

        public init(type: UInt16, flags: UInt16, sequence: UInt32, payload: [UInt8]) {
            self.type = type
            self.flags = flags
            self.sequence = sequence
            self.payload = payload
        }

        /// For NLMSG_ERROR: nil on success (an ack), else the failure with the
        /// kernel's extended-ack text when it sent one.
        public func failure() -> NetlinkError? {
            guard type == RouteNetlink.MessageType.error, payload.count >= 4 else { return nil }
            let code = Int32(bitPattern: ByteReader(payload[...], at: 0).u32(0))
            if code == 0 { return nil }
            var text: String? = nil
            if flags & RouteNetlink.Flag.ackTLVs != 0 {
                // The echoed request: its header only when capped, else all of it.
                var echoed = RouteNetlink.headerSize
                if flags & RouteNetlink.Flag.ackCapped == 0, payload.count >= 4 + 4 {
                    echoed = max(echoed, Int(ByteReader(payload[...], at: 4).u32(0)))
                }
                let start = 4 + NetlinkCodec.align4(echoed)
                if start <= payload.count {
                    for a in NetlinkCodec.attributes(payload[start...]) where a.type == RouteNetlink.nlmsgerrAttrMessage {
                        text = String(decoding: a.value.prefix { $0 != 0 }, as: UTF8.self)
                    }
                }
            }
            return NetlinkError(errno: -code, text)
        }
    }
}

/// A failed netlink request: the kernel's errno and, with extended acks, its reason.
public struct NetlinkError: Error, Equatable, CustomStringConvertible {
    public let errno: Int32
    public let detail: String?

    public init(errno: Int32, _ detail: String?) {
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        let reason = errno == 0 ? nil : String(cString: strerror(errno))
        switch (reason, detail) {
        case let (r?, d?) where !d.isEmpty: return "\(r) (\(d))"
        case let (r?, _): return r
        case let (nil, d?): return d
        default: return "netlink error"
        }
    }
}

/// Appends host-order integers.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v) { bytes += $0 } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v) { bytes += $0 } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func pad() { while bytes.count % 4 != 0 { bytes.append(0) } }
}

/// Reads host-order integers at offsets relative to `base`; callers check bounds.
struct ByteReader {
    let bytes: ArraySlice<UInt8>
    let base: Int

    init(_ bytes: ArraySlice<UInt8>, at base: Int) {
        self.bytes = bytes
        self.base = base
    }

    func u8(_ at: Int) -> UInt8 { bytes[base + at] }
    func u16(_ at: Int) -> UInt16 { load(at, as: UInt16.self) }
    func u32(_ at: Int) -> UInt32 { load(at, as: UInt32.self) }

    private func load<T: FixedWidthInteger>(_ at: Int, as: T.Type) -> T {
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { raw in
            for i in 0..<MemoryLayout<T>.size { raw[i] = bytes[base + at + i] }
        }
        return v
    }
}
