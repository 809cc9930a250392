import XCTest
import OCISpec
@testable import StateStore

final class TimestampTests: XCTestCase {
    func testFormatsLikeGoRFC3339Nano() {
        // 2026-11-27T09:11:04.894437023Z, as printed by runc 1.1.5 on this host.
        let t = Timestamp(seconds: 1_795_770_664, nanoseconds: 894_437_023)
        XCTAssertEqual(t.rfc3339Nano, "2026-11-27T09:11:04.894437023Z")
        XCTAssertEqual(Timestamp(seconds: 1_795_770_664, nanoseconds: 894_437_020).rfc3339Nano,
                       "2026-11-27T09:11:04.89443702Z")
        XCTAssertEqual(Timestamp(seconds: 1_795_770_664, nanoseconds: 500_000_000).rfc3339Nano,
                       "2026-11-27T09:11:04.5Z")
        XCTAssertEqual(Timestamp(seconds: 1_795_770_664, nanoseconds: 1).rfc3339Nano,
                       "2026-11-27T09:11:04.000000001Z")
        XCTAssertEqual(Timestamp(seconds: 0).rfc3339Nano, "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: 951_782_400).rfc3339Nano, "2000-02-29T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: -1).rfc3339Nano, "1969-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp(seconds: 253_402_300_799).rfc3339Nano, "9999-12-31T23:59:59Z")
    }

    func testParse() {
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-27T09:11:04.894437023Z"),
                       Timestamp(seconds: 1_795_770_664, nanoseconds: 894_437_023))
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-27T09:11:04Z"), Timestamp(seconds: 1_795_770_664))
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-27t09:11:04.5z"),
                       Timestamp(seconds: 1_795_770_664, nanoseconds: 500_000_000))
        // Offsets are normalised to UTC.
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-27T10:41:04.1+01:30"),
                       Timestamp(seconds: 1_795_770_664, nanoseconds: 100_000_000))
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-27T04:11:04-05:00"), Timestamp(seconds: 1_795_770_664))
        // Extra fraction digits are truncated.
        XCTAssertEqual(Timestamp(rfc3339: "1970-01-01T00:00:00.1234567899Z"),
                       Timestamp(seconds: 0, nanoseconds: 123_456_789))
        XCTAssertEqual(Timestamp(rfc3339: "2000-02-29T00:00:00Z"), Timestamp(seconds: 951_782_400))
    }

    func testRejectsMalformed() {
        for text in ["", "2026-11-27", "2026-11-27T09:11:04", "2026-11-27 09:11:04Z", "2026-13-01T00:00:00Z",
                     "2026-02-29T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T09:60:00Z",
                     "2026-11-27T09:11:04.Z", "2026-11-27T09:11:04Zjunk", "2026-11-27T09:11:04+0100",
                     "26-11-27T09:11:04Z", "2026-11-27T09:11:04.5+1:00"] {
            XCTAssertNil(Timestamp(rfc3339: text), text)
        }
    }

    func testRoundTripsAndOrders() {
        let now = Timestamp.now()
        XCTAssertGreaterThan(now.seconds, 1_700_000_000)
        XCTAssertTrue((0..<1_000_000_000).contains(now.nanoseconds))
        XCTAssertEqual(Timestamp(rfc3339: now.rfc3339Nano), now)
        XCTAssertLessThan(Timestamp(seconds: 5, nanoseconds: 1), Timestamp(seconds: 5, nanoseconds: 2))
        // Every day of a few leap cycles survives format -> parse.
        var s: Int64 = -86_400 * 800
        while s < 86_400 * 365 * 60 {
            let t = Timestamp(seconds: s, nanoseconds: 7)
            XCTAssertEqual(Timestamp(rfc3339: t.rfc3339Nano), t)
            s += 86_400 * 13 + 3_599
        }
    }

    func testCodableAsString() throws {
        let t = Timestamp(seconds: 1_795_770_664, nanoseconds: 894_437_023)
        XCTAssertEqual(JSON.encode([t]), "[\"2026-11-27T09:11:04.894437023Z\"]")
        XCTAssertEqual(try JSON.decode([Timestamp].self, from: Array("[\"2026-11-27T09:11:04.894437023Z\"]".utf8)), [t])
        XCTAssertThrowsError(try JSON.decode([Timestamp].self, from: Array("[\"yesterday\"]".utf8)))
    }
}
