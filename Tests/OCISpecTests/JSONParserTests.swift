import XCTest
import Glibc
@testable import OCISpec

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSON.parse(Array(text.utf8)) }

    private func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONError? {
        do {
            let v = try JSON.parse(Array(text.utf8))
            XCTFail("expected a parse error, got \(v)", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(error.path, "", file: file, line: line)
            return error
        }
    }

    func testScalars() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse(" false "), .bool(false))
        XCTAssertEqual(try parse("\"x\""), .string("x"))
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("-12"), .int(-12))
        XCTAssertEqual(try parse("1.5"), .double(1.5))
        XCTAssertEqual(try parse("-2.5e-3"), .double(-0.0025))
        XCTAssertEqual(try parse("1E2"), .double(100))
    }

    func testIntegersAreExact() throws {
        guard case .int(let max) = try parse("9223372036854775807") else { return XCTFail() }
        XCTAssertEqual(max, Int64.max)
        guard case .int(let min) = try parse("-9223372036854775808") else { return XCTFail() }
        XCTAssertEqual(min, Int64.min)
        guard case .uint(let big) = try parse("9223372036854775808") else { return XCTFail() }
        XCTAssertEqual(big, UInt64(Int64.max) + 1)
        guard case .uint(let umax) = try parse("18446744073709551615") else { return XCTFail() }
        XCTAssertEqual(umax, UInt64.max)
        // Beyond 64 bits: a double, like Go.
        guard case .double(let huge) = try parse("18446744073709551616") else { return XCTFail() }
        XCTAssertEqual(huge, 18446744073709551616.0)
        guard case .double = try parse("-9223372036854775809") else { return XCTFail() }
        // A value just above 2^53 must not go through a double.
        guard case .int(let odd) = try parse("9007199254740993") else { return XCTFail() }
        XCTAssertEqual(odd, 9007199254740993)
    }

    func testObjectKeepsKeyOrder() throws {
        let v = try parse(#"{"zeta": 1, "alpha": [true, null], "mid": {"b": 2, "a": 1}}"#)
        XCTAssertEqual(v.objectValue?.map(\.key), ["zeta", "alpha", "mid"])
        XCTAssertEqual(v["mid"]?.objectValue?.map(\.key), ["b", "a"])
        XCTAssertEqual(v["alpha"]?[1], .null)
        XCTAssertNil(v["missing"])
        XCTAssertNil(v["alpha"]?[5])
        XCTAssertEqual(JSON.serialize(v), #"{"zeta":1,"alpha":[true,null],"mid":{"b":2,"a":1}}"#)
    }

    func testDuplicateKeysLastWins() throws {
        let v = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
        XCTAssertEqual(v.objectValue?.map(\.key), ["a", "b"])
        XCTAssertEqual(v["a"], .int(3))
        // Large objects take the hashed path.
        var text = "{"
        for i in 0..<40 { text += "\"k\(i)\": \(i), " }
        text += "\"k7\": \"last\"}"
        let big = try parse(text)
        XCTAssertEqual(big.objectValue?.count, 40)
        XCTAssertEqual(big["k7"], .string("last"))
        XCTAssertEqual(big.objectValue?[7].key, "k7")
    }

    func testEmptyContainers() throws {
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([]))
        XCTAssertEqual(try parse("[[],{}]"), .array([.array([]), .object([])]))
    }

    func testStringEscapesAndUnicode() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\n\t\r\b\f""#), .string("a\"b\\c/d\n\t\r\u{8}\u{c}"))
        XCTAssertEqual(try parse(#""\u00e9\u4e2d""#), .string("é中"))
        XCTAssertEqual(try parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try parse("\"raw é 😀\""), .string("raw é 😀"))
        XCTAssertEqual(try parse(#""nul\u0000byte""#), .string("nul\u{0}byte"))
        XCTAssertEqual(try parse(#"{"\u006bey": 1}"#)["key"], .int(1))
        // yajl turns a lone surrogate into "?" (Go would use U+FFFD); either way it is not fatal.
        XCTAssertEqual(try parse(#""\ud800x""#), .string("?x"))
    }

    func testInvalidUTF8IsRejected() {
        let bytes: [UInt8] = [UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")]
        XCTAssertThrowsError(try JSON.parse(bytes)) { error in
            XCTAssertTrue("\(error)".hasPrefix("not valid JSON: "), "\(error)")
        }
    }

    func testSyntaxErrorsNameTheLine() throws {
        let e = parseError("{\n  \"a\": 1,\n  \"b\": tru\n}")
        XCTAssertTrue(e?.message.hasPrefix("not valid JSON: ") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.message.contains("at line 3") ?? false, "\(String(describing: e))")
        XCTAssertEqual(e?.description, e?.message)

        let missingComma = parseError("{\n\"a\": 1\n\"b\": 2}")
        XCTAssertTrue(missingComma?.message.contains("at line 3, column ") ?? false, "\(String(describing: missingComma))")
        XCTAssertEqual(parseError("1 2")?.message, "not valid JSON: trailing garbage at line 1, column 4")
        XCTAssertEqual(parseError("")?.message, "not valid JSON: unexpected end of input at line 1, column 1")
    }

    func testTruncatedInput() {
        for text in ["", "   ", "{", "[1, 2", "{\"a\":", "\"abc"] {
            let e = parseError(text)
            XCTAssertTrue(e?.message.contains("unexpected end of input") ?? false, "\(text): \(String(describing: e))")
        }
    }

    func testTrailingGarbageAndOtherNonJSON() {
        for text in ["{} x", "1 2", "[1,]", "{\"a\":1,}", "// c\n{}", "{'a': 1}", "[01]", "NaN", "[1e]", "{\"a\" 1}", "tru"] {
            let e = parseError(text)
            XCTAssertTrue(e?.message.hasPrefix("not valid JSON: ") ?? false, "\(text): \(String(describing: e))")
        }
    }

    func testNestingLimit() throws {
        let ok = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        XCTAssertNoThrow(try parse(ok))
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let e = parseError(deep)
        XCTAssertTrue(e?.message.contains("nesting deeper than 1000 levels at line 1, column 1001") ?? false,
                      "\(String(describing: e))")
    }

    func testReferenceInvalidExample() throws {
        let path = "/work/shared/reference/runtime-spec/examples/config/bad/invalid-json.json"
        guard let bytes = jsonTestReadFile(path) else { throw XCTSkip("no \(path)") }
        XCTAssertThrowsError(try JSON.parse(bytes))
    }

    func testEquality() {
        XCTAssertEqual(JSONValue.int(1), .uint(1))
        XCTAssertEqual(JSONValue.int(2), .double(2))
        XCTAssertNotEqual(JSONValue.int(-1), .uint(UInt64.max))
        XCTAssertNotEqual(JSONValue.double(1.5), .int(1))
        XCTAssertNotEqual(JSONValue.string("1"), .int(1))
        // Member order does not matter, values do.
        XCTAssertEqual(JSONValue.object([("a", 1), ("b", 2)]), .object([("b", 2), ("a", 1)]))
        XCTAssertNotEqual(JSONValue.object([("a", 1), ("b", 2)]), .object([("b", 2), ("a", 3)]))
        XCTAssertNotEqual(JSONValue.object([("a", 1)]), .object([("a", 1), ("b", 2)]))
        XCTAssertEqual(["x": [1, "s", nil, true, 2.5]] as JSONValue,
                       .object([("x", .array([.int(1), .string("s"), .null, .bool(true), .double(2.5)]))]))
    }
}

/// Test helper: read a whole file with Glibc (tests stay Foundation-free like the sources).
func jsonTestReadFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return out
}
