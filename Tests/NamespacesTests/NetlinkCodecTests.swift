import XCTest
@testable import Namespaces

/// The rtnetlink encoding of linux.netDevices, byte for byte (host order is
/// little-endian on the machines these run on).
final class NetlinkCodecTests: XCTestCase {
    private func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    private func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// A kernel-style message: header with the given type/flags/seq and payload.
    private func message(type: UInt16, flags: UInt16 = 0, seq: UInt32 = 1, _ payload: [UInt8]) -> [UInt8] {
        le32(UInt32(16 + payload.count)) + le16(type) + le16(flags) + le32(seq) + le32(4242) + payload
    }

    private func attr(_ type: UInt16, _ value: [UInt8]) -> [UInt8] {
        var out = le16(UInt16(4 + value.count)) + le16(type) + value
        while out.count % 4 != 0 { out.append(0) }
        return out
    }

    func testMoveLinkRequest() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let bytes = RouteMessages.moveLink(index: 7, namespaceFD: 9, name: "ctr0", sequence: 3)
        let expected: [UInt8] =
            le32(52) + le16(16) + le16(0x5) + le32(3) + le32(0)      // nlmsghdr: RTM_NEWLINK, REQUEST|ACK
            + [0, 0] + le16(0) + le32(7) + le32(0) + le32(0)           // ifinfomsg: index 7, no flag change
            + le16(8) + le16(28) + le32(9)                             // IFLA_NET_NS_FD 9
            + le16(9) + le16(3) + Array("ctr0".utf8) + [0, 0, 0, 0]    // IFLA_IFNAME "ctr0\0", padded
        XCTAssertEqual(bytes, expected)
    }

    func testSetLinkUpTouchesOnlyIFFUp() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let up = RouteMessages.setLink(index: 5, up: true, sequence: 1)
        XCTAssertEqual(up.count, 32)
        XCTAssertEqual(Array(up[16...]), [0, 0] + le16(0) + le32(5) + le32(1) + le32(1))
        let down = RouteMessages.setLink(index: 5, up: false, sequence: 1)
        XCTAssertEqual(Array(down[16...]), [0, 0] + le16(0) + le32(5) + le32(0) + le32(1))
    }

    func testLookupAndDumpRequests() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let byName = RouteMessages.getLink(name: "lo", sequence: 2)
        XCTAssertEqual(Array(byName[4..<8]), le16(18) + le16(0x1), "RTM_GETLINK, REQUEST only: one reply, no ack")
        XCTAssertEqual(Array(byName[32...]), le16(7) + le16(3) + Array("lo".utf8) + [0, 0])
        let links = RouteMessages.dumpLinks(sequence: 2)
        XCTAssertEqual(Array(links[4..<8]), le16(18) + le16(0x301))
        let addresses = RouteMessages.dumpAddresses(sequence: 2)
        XCTAssertEqual(Array(addresses[4..<8]), le16(22) + le16(0x301))
        XCTAssertEqual(addresses.count, 24, "nlmsghdr + ifaddrmsg")
    }

    func testAddressReplyParsesAndReAdds() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let ip: [UInt8] = [192, 0, 2, 10], brd: [UInt8] = [192, 0, 2, 255]
        let payload = [2, 24, 0x80, 0] + le32(7)                        // AF_INET /24, PERMANENT, universe, if 7
            + attr(1, ip) + attr(2, ip) + attr(3, Array("veth0\0".utf8)) + attr(4, brd)
            + attr(8, le32(0x280))                                     // IFA_FLAGS: PERMANENT|NOPREFIXROUTE
        let parsed = try NetlinkCodec.split(message(type: 20, payload))
        XCTAssertEqual(parsed.count, 1)
        let a = try XCTUnwrap(InterfaceAddress(parsed[0]))
        XCTAssertEqual(a, InterfaceAddress(family: 2, prefixLength: 24, scope: 0, index: 7, flags: 0x280,
                                           address: ip, local: ip, broadcast: brd))
        XCTAssertTrue(a.isPermanentGlobal)
        XCTAssertEqual(a.description, "192.0.2.10/24")

        let add = RouteMessages.addAddress(a, index: 3, sequence: 9)
        XCTAssertEqual(Array(add[4..<8]), le16(20) + le16(0x605), "RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE")
        // Kernel-derived flags (PERMANENT) are dropped, NOPREFIXROUTE is kept; the
        // label, which names the old interface, is not sent.
        XCTAssertEqual(Array(add[16..<24]), [2, 24, 0, 0] + le32(3))
        XCTAssertEqual(Array(add[24...]), attr(2, ip) + attr(1, ip) + attr(4, brd) + attr(8, le32(0x200)))
    }

    func testOnlyPermanentGlobalAddressesMove() {
        let base = InterfaceAddress(family: 10, prefixLength: 64, scope: 0, index: 1, flags: 0x80)
        XCTAssertTrue(base.isPermanentGlobal)
        var link = base
        link.scope = 253  // RT_SCOPE_LINK
        XCTAssertFalse(link.isPermanentGlobal)
        var dynamic = base
        dynamic.flags = 0x00
        XCTAssertFalse(dynamic.isPermanentGlobal)
        var v6 = base
        v6.local = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [0x33]
        XCTAssertEqual(v6.description, "2001:db8::33/64")
    }

    func testLinkReply() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let payload = [0, 0] + le16(1) + le32(5) + le32(0x1003) + le32(0) + attr(16, [1]) + attr(3, Array("ctr0\0".utf8))
        let m = try NetlinkCodec.split(message(type: 16, payload))[0]
        XCTAssertEqual(LinkInfo(m), LinkInfo(index: 5, flags: 0x1003, name: "ctr0"))
        XCTAssertTrue(LinkInfo(m)!.isUp)
        XCTAssertNil(LinkInfo(NetlinkCodec.Message(type: 20, flags: 0, sequence: 1, payload: payload)))
    }

    func testErrorWithExtendedAck() throws {
        try XCTSkipUnless(1.littleEndian == 1, "byte expectations are little-endian")
        let echoed = le32(40) + le16(16) + le16(5) + le32(1) + le32(0)  // capped: header only
        let payload = le32(UInt32(bitPattern: -17)) + echoed + attr(1, Array("Name in use\0".utf8))
        let m = try NetlinkCodec.split(message(type: 2, flags: 0x300, payload))[0]
        let failure = try XCTUnwrap(m.failure())
        XCTAssertEqual(failure.errno, 17)
        XCTAssertEqual(failure.detail, "Name in use")
        XCTAssertTrue(failure.description.hasSuffix("(Name in use)"), failure.description)
    }

    func testAckIsNoFailure() throws {
        let m = try NetlinkCodec.split(message(type: 2, flags: 0x100, le32(0) + [UInt8](repeating: 0, count: 16)))[0]
        XCTAssertNil(m.failure())
        XCTAssertNil(NetlinkCodec.Message(type: 16, flags: 0, sequence: 1, payload: []).failure())
    }

    func testSplitsAlignedMessagesAndRejectsBadLengths() throws {
        let first = message(type: 16, seq: 1, [1, 2, 3])      // 19 bytes, padded to 20
        let second = message(type: 3, seq: 2, le32(0))
        let both = try NetlinkCodec.split(first + [0] + second)
        XCTAssertEqual(both.map(\.type), [16, 3])
        XCTAssertEqual(both.map(\.sequence), [1, 2])
        XCTAssertEqual(both[0].payload, [1, 2, 3])
        var bad = first
        bad[0] = 200
        XCTAssertThrowsError(try NetlinkCodec.split(bad))
    }

    func testAttributesStopAtABadLength() {
        let good = attr(3, Array("a\0".utf8))
        let list = NetlinkCodec.attributes((good + le16(200) + le16(1) + [0, 0])[...])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0].type, 3)
        // NLA_F_NESTED is not part of the type.
        XCTAssertEqual(NetlinkCodec.attributes((le16(4) + le16(0x8000 | 5))[...]).first?.type, 5)
    }
}
