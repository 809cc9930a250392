import XCTest
@testable import OCISpec

private struct Widths: Codable, Equatable {
    var i: Int, i8: Int8, i16: Int16, i32: Int32, i64: Int64
    var u: UInt, u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64
    var f: Float, d: Double
}

private struct Memory: Codable, Equatable { var limit: Int64?; var swappiness: UInt64? }
private struct Resources: Codable, Equatable { var memory: Memory? }
private struct Linux: Codable, Equatable { var resources: Resources?; var sysctl: [String: String]? }
private struct Mount: Codable, Equatable { var destination: String; var type: String?; var options: [String]? }
private struct User: Codable, Equatable { var uid: UInt32; var gid: UInt32; var additionalGids: [UInt32]? }
private struct Process: Codable, Equatable { var user: User; var args: [String]?; var terminal: Bool? }
private struct Config: Codable, Equatable {
    var ociVersion: String
    var process: Process?
    var mounts: [Mount]?
    var linux: Linux?
    var annotations: [String: String]?
}

private enum Kind: String, Codable { case bind, tmpfs }
private struct WithKind: Codable { var kind: Kind }

/// A hand-written init(from:) that validates, the way the model's types may.
private struct Percent: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
        guard (0...100).contains(value) else {
            throw JSONError(codingPath: decoder.codingPath, message: "must be between 0 and 100")
        }
    }
}

private struct OtherError: Error, CustomStringConvertible { var description: String { "custom failure" } }
private struct Failing: Decodable {
    init(from decoder: any Decoder) throws { throw OtherError() }
}

private struct Grid: Codable { var rows: [[Int8]] }

final class JSONDecoderTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSON.decode(type, from: Array(text.utf8))
    }

    private func decodeError<T: Decodable>(_ type: T.Type, _ text: String,
                                           file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let v = try JSON.decode(type, from: Array(text.utf8))
            XCTFail("expected an error, decoded \(v)", file: file, line: line)
            return ""
        } catch {
            return error.description
        }
    }

    func testAllIntegerWidthsAtTheirLimits() throws {
        let max = try decode(Widths.self, """
            {"i": 9223372036854775807, "i8": 127, "i16": 32767, "i32": 2147483647, "i64": 9223372036854775807,
             "u": 18446744073709551615, "u8": 255, "u16": 65535, "u32": 4294967295, "u64": 18446744073709551615,
             "f": 1.5, "d": 2}
            """)
        XCTAssertEqual(max, Widths(i: .max, i8: .max, i16: .max, i32: .max, i64: .max,
                                   u: .max, u8: .max, u16: .max, u32: .max, u64: .max, f: 1.5, d: 2))
        let min = try decode(Widths.self, """
            {"i": -9223372036854775808, "i8": -128, "i16": -32768, "i32": -2147483648, "i64": -9223372036854775808,
             "u": 0, "u8": 0, "u16": 0, "u32": 0, "u64": 0, "f": -1, "d": -0.5}
            """)
        XCTAssertEqual(min, Widths(i: .min, i8: .min, i16: .min, i32: .min, i64: .min,
                                   u: 0, u8: 0, u16: 0, u32: 0, u64: 0, f: -1, d: -0.5))
        // Round trip keeps every bit.
        XCTAssertEqual(try JSON.decode(Widths.self, from: Array(JSON.encode(max).utf8)), max)
        XCTAssertEqual(try JSON.decode(Widths.self, from: JSON.encodeValue(min)), min)
    }

    func testIntegerRangeErrors() {
        func check<T: Decodable & FixedWidthInteger>(_ t: T.Type, _ literal: String, _ expected: String,
                                                     line: UInt = #line) {
            XCTAssertEqual(decodeError([String: T].self, "{\"v\": \(literal)}"), "v: \(expected)", line: line)
            XCTAssertEqual(decodeError([T].self, "[0, \(literal)]"), "[1]: \(expected)", line: line)
            XCTAssertEqual(decodeError(T.self, literal), expected, line: line)
        }
        check(Int8.self, "128", "128 is out of range for int8")
        check(Int8.self, "-129", "-129 is out of range for int8")
        check(Int16.self, "32768", "32768 is out of range for int16")
        check(Int32.self, "-2147483649", "-2147483649 is out of range for int32")
        check(Int64.self, "9223372036854775808", "9223372036854775808 is out of range for int64")
        check(Int.self, "18446744073709551615", "18446744073709551615 is out of range for int64")
        check(UInt8.self, "256", "256 is out of range for uint8")
        check(UInt8.self, "-1", "-1 is out of range for uint8")
        check(UInt16.self, "65536", "65536 is out of range for uint16")
        check(UInt32.self, "4294967296", "4294967296 is out of range for uint32")
        check(UInt64.self, "-1", "-1 is out of range for uint64")
        check(UInt.self, "-5", "-5 is out of range for uint64")
        check(UInt64.self, "18446744073709551616", "1.8446744073709552e+19 is out of range for uint64")
        check(Int64.self, "-99999999999999999999", "-1e+20 is out of range for int64")
        check(Int32.self, "1.5", "expected an integer, got 1.5")
        check(Int32.self, "2.0", "expected an integer, got 2.0")
        check(UInt64.self, "1e3", "expected an integer, got 1000.0")
        check(Int.self, "\"7\"", "expected an integer, got a string")
        check(Int.self, "true", "expected an integer, got a boolean")
        check(Int.self, "null", "expected an integer, got null")
    }

    func testNestedPathMessages() {
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1.0", "linux": {"resources": {"memory": {"limit": "1G"}}}}"#),
                       "linux.resources.memory.limit: expected an integer, got a string")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "mounts": [{"destination": "/a"}, {"destination": "/b"}, {"type": "bind"}]}"#),
                       "mounts[2].destination: missing required field")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "process": {"user": {"uid": 4294967296, "gid": 0}}}"#),
                       "process.user.uid: 4294967296 is out of range for uint32")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "process": {"user": {"uid": 0, "gid": 0, "additionalGids": [1, -2]}}}"#),
                       "process.user.additionalGids[1]: -2 is out of range for uint32")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh", 1]}}"#),
                       "process.args[1]: expected a string, got a number")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "process": {"user": {"uid": 0}}}"#),
                       "process.user.gid: missing required field")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "mounts": {"destination": "/"}}"#),
                       "mounts: expected an array, got an object")
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "linux": []}"#),
                       "linux: expected an object, got an array")
        XCTAssertEqual(decodeError(Config.self, "{}"), "ociVersion: missing required field")
        XCTAssertEqual(decodeError(Config.self, "[]"), "expected an object, got an array")
        XCTAssertEqual(decodeError(Grid.self, #"{"rows": [[1], [2, 300]]}"#), "rows[1][1]: 300 is out of range for int8")
        XCTAssertEqual(decodeError(Grid.self, #"{"rows": [[1], 2]}"#), "rows[1]: expected an array, got a number")
    }

    func testMapKeysWithDotsAreQuotedInPaths() {
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "annotations": {"org.example.key": 5}}"#),
                       #"annotations["org.example.key"]: expected a string, got a number"#)
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": "1", "linux": {"sysctl": {"net.ipv4.ip_forward": true}}}"#),
                       #"linux.sysctl["net.ipv4.ip_forward"]: expected a string, got a boolean"#)
    }

    func testUnknownKeysAreIgnored() throws {
        let c = try decode(Config.self, #"""
            {"ociVersion": "1.2.0", "vendorThing": {"deep": [1, 2, {"x": null}]}, "hostname": "h",
             "process": {"user": {"uid": 1, "gid": 2, "umask": 18}, "futureField": true}}
            """#)
        XCTAssertEqual(c, Config(ociVersion: "1.2.0", process: Process(user: User(uid: 1, gid: 2))))
    }

    func testNullHandling() throws {
        let c = try decode(Config.self, #"{"ociVersion": "1", "process": null, "mounts": null, "linux": {"resources": {"memory": {"limit": null}}}}"#)
        XCTAssertNil(c.process)
        XCTAssertNil(c.mounts)
        XCTAssertEqual(c.linux, Linux(resources: Resources(memory: Memory())))
        XCTAssertEqual(decodeError(Config.self, #"{"ociVersion": null}"#), "ociVersion: expected a string, got null")
        XCTAssertEqual(try decode([Int?].self, "[1, null, 3]"), [1, nil, 3])
        XCTAssertEqual(try decode([String: Bool?].self, #"{"a": null, "b": true}"#), ["a": Bool?.none, "b": true])
        XCTAssertNil(try decode(Int?.self, "null"))
        XCTAssertEqual(try decode(Int?.self, "4"), 4)
    }

    func testDoubleAcceptsIntegers() throws {
        XCTAssertEqual(try decode([Double].self, "[1, -2, 18446744073709551615, 0.25]"), [1, -2, 18446744073709551615.0, 0.25])
        XCTAssertEqual(decodeError(Double.self, "\"1\""), "expected a number, got a string")
        XCTAssertEqual(decodeError(Float.self, "1e300"), "1e+300 is out of range for float32")
    }

    func testOtherScalarMismatches() {
        XCTAssertEqual(decodeError(Process.self, #"{"user": {"uid": 0, "gid": 0}, "terminal": "yes"}"#),
                       "terminal: expected a boolean, got a string")
        XCTAssertEqual(decodeError([String].self, #"["a", {}]"#), "[1]: expected a string, got an object")
    }

    func testRawRepresentableEnumErrors() throws {
        XCTAssertEqual(try decode(WithKind.self, #"{"kind": "tmpfs"}"#).kind, .tmpfs)
        XCTAssertEqual(decodeError(WithKind.self, #"{"kind": "nfs"}"#), #"kind: "nfs" is not a valid Kind"#)
        XCTAssertEqual(decodeError(WithKind.self, #"{"kind": 3}"#), "kind: expected a string, got a number")
    }

    func testCustomInitErrorsKeepTheirPath() {
        XCTAssertEqual(decodeError([String: Percent].self, #"{"cpu": 50, "io": 150}"#), "io: must be between 0 and 100")
        XCTAssertEqual(decodeError([Percent].self, "[1, 2, 101]"), "[2]: must be between 0 and 100")
        XCTAssertEqual(decodeError([String: [Failing]].self, #"{"x": [{}]}"#), "x[0]: custom failure")
    }

    func testDictionariesAndArrays() throws {
        XCTAssertEqual(try decode([String: [Int]].self, #"{"a": [1, 2], "b": []}"#), ["a": [1, 2], "b": []])
        XCTAssertEqual(try decode([[String]].self, #"[["a"], [], ["b", "c"]]"#), [["a"], [], ["b", "c"]])
        var text = "{"
        for i in 0..<50 { text += "\"key\(i)\": \(i)," }
        text += "\"key0\": 100}"
        let big = try decode([String: Int].self, text)
        XCTAssertEqual(big.count, 50)
        XCTAssertEqual(big["key0"], 100)
        XCTAssertEqual(big["key49"], 49)
    }

    func testDecodingFreeFormJSONValue() throws {
        struct Holder: Codable { var name: String; var extra: JSONValue? }
        let h = try decode(Holder.self, #"{"name": "n", "extra": {"b": [1, 2.5, "x"], "a": null}}"#)
        XCTAssertEqual(h.extra?.objectValue?.map(\.key), ["b", "a"])
        XCTAssertEqual(h.extra?["b"], [1, 2.5, "x"])
        XCTAssertEqual(JSON.encode(h), #"{"name":"n","extra":{"b":[1,2.5,"x"],"a":null}}"#)
        let value = try JSON.parse(Array(#"{"k": [true]}"#.utf8))
        XCTAssertEqual(try JSON.decode(JSONValue.self, from: value), value)
    }

    func testManualContainers() throws {
        struct Manual: Decodable, Equatable {
            var a: Int, b: [String], c: Bool, d: Int?
            enum K: String, CodingKey { case outer, list, sup, missing }
            enum Inner: String, CodingKey { case a }
            init(a: Int, b: [String], c: Bool, d: Int?) { self.a = a; self.b = b; self.c = c; self.d = d }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: K.self)
                a = try c.nestedContainer(keyedBy: Inner.self, forKey: .outer).decode(Int.self, forKey: .a)
                var list = try c.nestedUnkeyedContainer(forKey: .list)
                XCTAssertEqual(list.count, 3)
                var b: [String] = []
                var d: Int?
                b.append(try list.decode(String.self))
                var tail = try list.nestedUnkeyedContainer()
                b.append(try tail.decode(String.self))
                XCTAssertTrue(try list.decodeNil())
                XCTAssertTrue(list.isAtEnd)
                self.b = b
                self.c = try c.superDecoder(forKey: .sup).singleValueContainer().decode(Bool.self)
                XCTAssertFalse(c.contains(.missing))
                XCTAssertTrue(try c.decodeNil(forKey: .missing))
                d = try c.decodeIfPresent(Int.self, forKey: .missing)
                self.d = d
            }
        }
        XCTAssertEqual(try decode(Manual.self, #"{"outer": {"a": 7}, "list": ["x", ["y"], null], "sup": true}"#),
                       Manual(a: 7, b: ["x", "y"], c: true, d: nil))
    }

    func testManualContainerErrors() {
        struct Pair: Decodable {
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                _ = try c.decode(Int.self)
                _ = try c.decode(Int.self)
            }
        }
        XCTAssertEqual(decodeError([String: Pair].self, #"{"p": [1]}"#), "p[1]: expected more elements (array has 1)")
        XCTAssertEqual(decodeError([String: Pair].self, #"{"p": [1, "2"]}"#), "p[1]: expected an integer, got a string")
    }

    func testCodingPathIsVisibleToCustomCode() throws {
        struct Spy: Decodable {
            var path: String
            init(from decoder: any Decoder) throws { path = JSONError(codingPath: decoder.codingPath, message: "").path }
        }
        struct Outer: Decodable { var items: [String: [Spy]] }
        let o = try decode(Outer.self, #"{"items": {"a.b": [{}, {}]}}"#)
        XCTAssertEqual(o.items["a.b"]?[1].path, #"items["a.b"][1]"#)
    }

    func testSuperDecoderForClassHierarchies() throws {
        class Base: Decodable {
            var id: Int
            enum K: CodingKey { case id }
            required init(from decoder: any Decoder) throws {
                id = try decoder.container(keyedBy: K.self).decode(Int.self, forKey: .id)
            }
        }
        final class Derived: Base {
            var name: String
            enum K: CodingKey { case name }
            required init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: K.self)
                name = try c.decode(String.self, forKey: .name)
                try super.init(from: c.superDecoder())
            }
        }
        let d = try decode(Derived.self, #"{"name": "d", "super": {"id": 3}}"#)
        XCTAssertEqual(d.id, 3)
        XCTAssertEqual(d.name, "d")
        XCTAssertEqual(decodeError(Derived.self, #"{"name": "d"}"#), "super: expected an object, got null")
        XCTAssertEqual(decodeError(Derived.self, #"{"name": "d", "super": {"id": "x"}}"#),
                       "super.id: expected an integer, got a string")
    }
}
