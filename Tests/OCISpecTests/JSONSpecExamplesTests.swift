import XCTest
@testable import OCISpec

/// The codec against the real model and the runtime-spec's own example documents.
final class JSONSpecExamplesTests: XCTestCase {
    private let dir = "/work/shared/reference/runtime-spec/examples/config/good/"
    private let examples = [
        "spec-example.json", "minimal.json", "minimal-for-start.json", "linux-netdevice.json",
        "linux-rdma.json", "freebsd-example.json", "freebsd-minimal.json", "zos-example.json", "zos-minimal.json",
    ]

    func testGoodExamplesDecodeIntoSpec() throws {
        var found = 0
        for name in examples {
            guard let bytes = jsonTestReadFile(dir + name) else { continue }
            found += 1
            do {
                let spec = try JSON.decode(Spec.self, from: bytes)
                // Encoding what we decoded and decoding it again is lossless.
                let again = try JSON.decode(Spec.self, from: Array(JSON.encode(spec, indent: "\t").utf8))
                XCTAssertEqual(again, spec, name)
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
        if found == 0 { throw XCTSkip("runtime-spec examples not available") }
    }

    func testSpecExampleKeepsNumbersExact() throws {
        guard let bytes = jsonTestReadFile(dir + "spec-example.json") else { throw XCTSkip("no spec-example.json") }
        let value = try JSON.parse(bytes)
        XCTAssertEqual(value["linux"]?["resources"]?["memory"]?["limit"], .int(536870912))
        XCTAssertEqual(value["process"]?["user"]?["uid"], .int(1))
    }
}
