import XCTest
@testable import CLI

final class GoValueSyntaxTests: XCTestCase {
    func testParseInt() {
        let ok: [(String, Int64)] = [("0", 0), ("-0", 0), ("42", 42), ("-42", -42), ("0x1F", 31), ("0o777", 511), ("0777", 511),
                                     ("0b11", 3), ("1_000_000", 1_000_000), ("0x_1F", 31), ("9223372036854775807", .max),
                                     ("-9223372036854775808", .min)]
        for (s, v) in ok { XCTAssertEqual(try GoValueSyntax.parseInt64(s).get(), v, s) }
        let syntax = ["", "-", "abc", "1a", "08", "0x", "_1", "1_", "1__0", "0b2", " 1", "1.0"]
        for s in syntax { XCTAssertEqual(GoValueSyntax.parseInt64(s), .failure(.syntax), s) }
        for s in ["9223372036854775808", "-9223372036854775809", "99999999999999999999"] {
            XCTAssertEqual(GoValueSyntax.parseInt64(s), .failure(.range), s)
        }
        XCTAssertEqual(GoValueSyntax.parseUInt64("18446744073709551615"), .success(.max))
        XCTAssertEqual(GoValueSyntax.parseUInt64("-1"), .failure(.syntax))
    }

    func testParseBool() {
        for s in ["1", "t", "T", "TRUE", "true", "True"] { XCTAssertEqual(GoValueSyntax.parseBool(s), true, s) }
        for s in ["0", "f", "F", "FALSE", "false", "False"] { XCTAssertEqual(GoValueSyntax.parseBool(s), false, s) }
        for s in ["", "yes", "tRUE", "2"] { XCTAssertNil(GoValueSyntax.parseBool(s), s) }
    }

    func testParseDuration() {
        let ok: [(String, Int64)] = [("0", 0), ("5s", 5_000_000_000), ("1m30s", 90_000_000_000), ("1.5h", 5_400_000_000_000),
                                     ("-1s", -1_000_000_000), ("+2ms", 2_000_000), ("300us", 300_000), ("1µs", 1_000),
                                     ("1μs", 1_000), ("7ns", 7), (".5s", 500_000_000), ("1.s", 1_000_000_000),
                                     ("1h2m3s4ms", 3_723_004_000_000)]
        for (s, v) in ok { XCTAssertEqual(GoValueSyntax.parseDuration(s), v, s) }
        for s in ["", "5", "s", ".s", "1x", "-", "1.5", "3000000h"] { XCTAssertNil(GoValueSyntax.parseDuration(s), s) }
    }

    func testQuoteLikeGo() {
        XCTAssertEqual(GoValueSyntax.quote("abc"), #""abc""#)
        XCTAssertEqual(GoValueSyntax.quote(#"a"b\c"#), #""a\"b\\c""#)
        XCTAssertEqual(GoValueSyntax.quote("a\nb\t\u{1}\u{7F}"), #""a\nb\t\x01\x7f""#)
        XCTAssertEqual(GoValueSyntax.quote("héllo"), "\"héllo\"")
    }
}
