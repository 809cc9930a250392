import XCTest
@testable import OCISpec

private struct Inner: Codable, Equatable { var b: [Int]; var empty: [String]; var obj: [String: Int] }
private struct Doc: Codable, Equatable {
    var zulu: String
    var alpha: Int?
    var inner: Inner
    var flag: Bool
}

final class JSONEncoderTests: XCTestCase {
    private let doc = Doc(zulu: "z", alpha: nil, inner: Inner(b: [1, 2], empty: [], obj: [:]), flag: true)

    func testKeysInDeclarationOrderAndNilOmitted() {
        XCTAssertEqual(JSON.encode(doc), #"{"zulu":"z","inner":{"b":[1,2],"empty":[],"obj":{}},"flag":true}"#)
        var withAlpha = doc
        withAlpha.alpha = -3
        XCTAssertEqual(JSON.encodeValue(withAlpha).objectValue?.map(\.key), ["zulu", "alpha", "inner", "flag"])
    }

    func testDictionariesAreSorted() {
        let d: [String: Int] = ["b": 2, "a": 1, "C": 3, "aa": 4, "é": 5, "z": 6]
        XCTAssertEqual(JSON.encode(d), #"{"C":3,"a":1,"aa":4,"b":2,"z":6,"é":5}"#)
        let nested: [String: [String: Bool]] = ["y": ["q": true, "p": false], "x": [:]]
        XCTAssertEqual(JSON.encode(nested), #"{"x":{},"y":{"p":false,"q":true}}"#)
    }

    func testPrettyOutputMatchesGoMarshalIndent() {
        let expected = """
            {
              "zulu": "z",
              "inner": {
                "b": [
                  1,
                  2
                ],
                "empty": [],
                "obj": {}
              },
              "flag": true
            }
            """
        XCTAssertEqual(JSON.encode(doc, indent: "  "), expected)
        XCTAssertEqual(JSON.encode([[1], []], indent: "\t"), "[\n\t[\n\t\t1\n\t],\n\t[]\n]")
        XCTAssertEqual(JSON.serialize(.string("s"), indent: "  "), #""s""#)
        XCTAssertEqual(JSON.serialize(.object([]), indent: "  "), "{}")
    }

    func testStringEscapingLikeGo() {
        let s = "q\" b\\ /<tag>&\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} é 😀 \u{2028}\u{2029}"
        XCTAssertEqual(JSON.serialize(.string(s)),
                       #""q\" b\\ /\u003ctag\u003e\u0026\n\r\t\b\f\u0000\u001f"# + "\u{7f} é 😀 " + #"\u2028\u2029""#)
        XCTAssertEqual(try JSON.parse(Array(JSON.serialize(.string(s)).utf8)), .string(s))
        XCTAssertEqual(JSON.serialize(.object([("<k>", .null)])), #"{"\u003ck\u003e":null}"#)
        XCTAssertEqual(JSON.serialize(.string("")), #""""#)
    }

    func testNumbers() {
        XCTAssertEqual(JSON.encode([Int64.min, Int64.max, 0, -1]), "[-9223372036854775808,9223372036854775807,0,-1]")
        XCTAssertEqual(JSON.encode([UInt64.max, 0]), "[18446744073709551615,0]")
        XCTAssertEqual(JSON.encodeValue(UInt64.max), .uint(UInt64.max))
        XCTAssertEqual(JSON.encodeValue(UInt32(7)), .int(7))
        XCTAssertEqual(JSON.encode([0.1, 1e100, -2.5, 1e-7]), "[0.1,1e+100,-2.5,1e-07]")
        XCTAssertEqual(JSON.encode([Double.nan, .infinity]), "[null,null]")
        XCTAssertEqual(JSON.encode([Float(0.5), Float(0.1)]), "[0.5,0.1]")
        for d in [0.1, 1.0 / 3.0, 123456789.123456789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
            XCTAssertEqual(try JSON.parse(Array(JSON.encode(d).utf8)), .double(d))
        }
    }

    func testRoundTrips() throws {
        var full = doc
        full.alpha = 42
        full.inner.obj = ["k1": -1, "k0": Int.max]
        XCTAssertEqual(try JSON.decode(Doc.self, from: Array(JSON.encode(full).utf8)), full)
        XCTAssertEqual(try JSON.decode(Doc.self, from: Array(JSON.encode(full, indent: "   ").utf8)), full)
        XCTAssertEqual(try JSON.decode(Doc.self, from: JSON.encodeValue(full)), full)

        let text = #"{"b":[1,-2,18446744073709551615,2.5,"s\u003c",true,null],"a":{"x":{}},"c":[]}"#
        let value = try JSON.parse(Array(text.utf8))
        XCTAssertEqual(JSON.serialize(value), text)
        XCTAssertEqual(try JSON.parse(Array(JSON.serialize(value, indent: "  ").utf8)), value)
        XCTAssertEqual(JSON.encodeValue(value), value)
        XCTAssertEqual(JSON.encodeBytes(value), Array(text.utf8))
        XCTAssertEqual(value.description, text)
    }

    func testOptionalsAndNullsInCollections() {
        XCTAssertEqual(JSON.encode([1, nil, 3] as [Int?]), "[1,null,3]")
        XCTAssertEqual(JSON.encode(["a": nil, "b": 1] as [String: Int?]), #"{"a":null,"b":1}"#)
        XCTAssertEqual(JSON.encode(Int?.none), "null")
    }

    func testManualContainersAndSuperEncoder() {
        class Base: Encodable {
            var id = 1
            enum K: String, CodingKey { case id }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                try c.encode(id, forKey: .id)
            }
        }
        final class Derived: Base {
            enum D: String, CodingKey { case name, parts, tags }
            override func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: D.self)
                try c.encode("d", forKey: .name)
                var parts = c.nestedUnkeyedContainer(forKey: .parts)
                try parts.encode(1)
                var obj = parts.nestedContainer(keyedBy: D.self)
                try obj.encodeNil(forKey: .tags)
                var tags = c.nestedContainer(keyedBy: D.self, forKey: .tags)
                try tags.encode(true, forKey: .name)
                try super.encode(to: c.superEncoder())
            }
        }
        XCTAssertEqual(JSON.encode(Derived()), #"{"name":"d","parts":[1,{"tags":null}],"tags":{"name":true},"super":{"id":1}}"#)
        XCTAssertEqual(JSON.encode(Base()), #"{"id":1}"#)
    }

    func testEmptyEncodableIsAnEmptyObject() {
        struct Nothing: Encodable {}
        XCTAssertEqual(JSON.encode(Nothing()), "{}")
    }
}
