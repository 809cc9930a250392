#if canImport(Glibc)
import Glibc
#endif

/// The rtnetlink requests `NetDevices` sends, and the link and address
/// replies it reads. Encoding only: no sockets here.
public enum RouteMessages {
    typealias T = RouteNetlink.MessageType
    typealias F = RouteNetlink.Flag

    /// struct ifinfomsg: family, pad, type, index, flags, change.
    static func ifinfo(index: Int32, flags: UInt32 = 0, change: UInt32 = 0) -> [UInt8] {
        var w = ByteWriter()
        w.u8(0)  // AF_UNSPEC
        w.u8(0)
        w.u16(0)
        w.i32(index)
        w.u32(flags)
        w.u32(change)
        return w.bytes
    }

    /// struct ifaddrmsg: family, prefixlen, flags (low 8 bits), scope, index.
    static func ifaddr(family: UInt8, prefixLength: UInt8, flags: UInt8, scope: UInt8, index: Int32) -> [UInt8] {
        var w = ByteWriter()
        w.u8(family)
        w.u8(prefixLength)
        w.u8(flags)
        w.u8(scope)
        w.i32(index)
        return w.bytes
    }

    public static func getLink(name: String, sequence: UInt32) -> [UInt8] {
        NetlinkCodec.message(type: T.getLink, flags: F.request, sequence: sequence,
                             body: ifinfo(index: 0) + NetlinkCodec.attribute(RouteNetlink.LinkAttribute.ifname, string: name))
    }

    public static func getLink(index: Int32, sequence: UInt32) -> [UInt8] {
        NetlinkCodec.message(type: T.getLink, flags: F.request, sequence: sequence, body: ifinfo(index: index))
    }

    public static func dumpLinks(sequence: UInt32) -> [UInt8] {
        NetlinkCodec.message(type: T.getLink, flags: F.request | F.dump, sequence: sequence, body: ifinfo(index: 0))
    }

    /// Moves link `index` into the namespace open at `namespaceFD` and names it
    /// `name` there, in one request: the kernel applies IFLA_IFNAME after the
    /// move, or uses it as the pattern when the old name is taken there.
    public static func moveLink(index: Int32, namespaceFD: Int32, name: String, sequence: UInt32) -> [UInt8] {
        let body = ifinfo(index: index)
            + NetlinkCodec.attribute(RouteNetlink.LinkAttribute.netNamespaceFD, u32: UInt32(bitPattern: namespaceFD))
            + NetlinkCodec.attribute(RouteNetlink.LinkAttribute.ifname, string: name)
        return NetlinkCodec.message(type: T.newLink, flags: F.request | F.ack, sequence: sequence, body: body)
    }

    /// Sets or clears IFF_UP only (ifi_change masks the other flags).
    public static func setLink(index: Int32, up: Bool, sequence: UInt32) -> [UInt8] {
        let body = ifinfo(index: index, flags: up ? RouteNetlink.interfaceUp : 0, change: RouteNetlink.interfaceUp)
        return NetlinkCodec.message(type: T.newLink, flags: F.request | F.ack, sequence: sequence, body: body)
    }

    /// Every address of every family (filtered by the caller).
    public static func dumpAddresses(sequence: UInt32) -> [UInt8] {
        NetlinkCodec.message(type: T.getAddress, flags: F.request | F.dump, sequence: sequence,
                             body: ifaddr(family: 0, prefixLength: 0, flags: 0, scope: 0, index: 0))
    }

    /// Re-creates `address` on link `index`. The label is left out (it starts
    /// with the old interface name, which the kernel would reject after a
    /// rename) and so are the flags the kernel derives itself.
    public static func addAddress(_ address: InterfaceAddress, index: Int32, sequence: UInt32) -> [UInt8] {
        typealias A = RouteNetlink.AddressAttribute
        let flags = address.flags & RouteNetlink.AddressFlag.userSettable
        var body = ifaddr(family: address.family, prefixLength: address.prefixLength,
                          flags: UInt8(truncatingIfNeeded: flags), scope: address.scope, index: index)
        if let local = address.local { body += NetlinkCodec.attribute(A.local, local) }
        if let peer = address.address { body += NetlinkCodec.attribute(A.address, peer) }
        if let broadcast = address.broadcast { body += NetlinkCodec.attribute(A.broadcast, broadcast) }
        if let priority = address.routePriority { body += NetlinkCodec.attribute(A.routePriority, priority) }
        if flags > 0xff { body += NetlinkCodec.attribute(A.flags, u32: flags) }
        return NetlinkCodec.message(type: T.newAddress, flags: F.request | F.ack | F.create | F.excl,
                                    sequence: sequence, body: body)
    }
}

/// A link as RTM_NEWLINK describes it.
public struct LinkInfo: Equatable, Sendable {
    public let index: Int32
    public let flags: UInt32
    public let name: String

    public init(index: Int32, flags: UInt32, name: String) {
        self.index = index
        self.flags = flags
        self.name = name
    }

    public init?(_ message: NetlinkCodec.Message) {
        guard message.type == RouteNetlink.MessageType.newLink, message.payload.count >= 16 else { return nil }
        let r = ByteReader(message.payload[...], at: 0)
        index = Int32(bitPattern: r.u32(4))
        flags = r.u32(8)
        var name = ""
        for a in NetlinkCodec.attributes(message.payload[16...]) where a.type == RouteNetlink.LinkAttribute.ifname {
            name = String(decoding: a.value.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.name = name
    }

    public var isUp: Bool { flags & RouteNetlink.interfaceUp != 0 }
}

/// An address as RTM_NEWADDR describes it; the attributes kept are those
/// needed to add it again.
public struct InterfaceAddress: Equatable, Sendable {
    public var family: UInt8
    public var prefixLength: UInt8
    public var scope: UInt8
    public var index: Int32
    /// IFA_FLAGS when present (it carries the bits above 0xff), else ifa_flags.
    public var flags: UInt32
    public var address: [UInt8]?
    public var local: [UInt8]?
    public var broadcast: [UInt8]?
    public var routePriority: [UInt8]?

    public init(family: UInt8, prefixLength: UInt8, scope: UInt8, index: Int32, flags: UInt32,
                address: [UInt8]? = nil, local: [UInt8]? = nil, broadcast: [UInt8]? = nil, routePriority: [UInt8]? = nil) {
        self.family = family
        self.prefixLength = prefixLength
        self.scope = scope
        self.index = index
        self.flags = flags
        self.address = address
        self.local = local
        self.broadcast = broadcast
        self.routePriority = routePriority
    }

    public init?(_ message: NetlinkCodec.Message) {
        guard message.type == RouteNetlink.MessageType.newAddress, message.payload.count >= 8 else { return nil }
        let r = ByteReader(message.payload[...], at: 0)
        self.init(family: r.u8(0), prefixLength: r.u8(1), scope: r.u8(3), index: Int32(bitPattern: r.u32(4)),
                  flags: UInt32(r.u8(2)))
        typealias A = RouteNetlink.AddressAttribute
        for a in NetlinkCodec.attributes(message.payload[8...]) {
            switch a.type {
            case A.address: address = a.value
            case A.local: local = a.value
            case A.broadcast: broadcast = a.value
            case A.routePriority: routePriority = a.value
            case A.flags where a.value.count == 4: flags = ByteReader(a.value[...], at: 0).u32(0)
            default: break
            }
        }
    }

    /// config-linux.md netDevices: only permanent (IFA_F_PERMANENT) addresses
    /// of global scope (RT_SCOPE_UNIVERSE) move with the device.
    public var isPermanentGlobal: Bool {
        flags & RouteNetlink.AddressFlag.permanent != 0 && scope == RouteNetlink.scopeUniverse
    }

    /// `192.0.2.10/32`, for messages.
    public var description: String {
        let bytes = local ?? address ?? []
        var text = [CChar](repeating: 0, count: 64)
        let af: Int32 = bytes.count == 16 ? AF_INET6 : AF_INET
        let ok = bytes.count == 4 || bytes.count == 16
            ? bytes.withUnsafeBytes { inet_ntop(af, $0.baseAddress, &text, socklen_t(text.count)) } != nil
            : false
        let host = ok ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return "\(host)/\(prefixLength)"
    }
}
