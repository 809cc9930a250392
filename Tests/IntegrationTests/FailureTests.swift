import Foundation
import XCTest

/// Bad input: a clear error naming the field, a non-zero exit, and nothing
/// left in --root, the host's mount table or the cgroup tree.
final class FailureTests: IntegrationTestCase {
    private var mountsBefore = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        mountsBefore = hostMounts()
    }

    private func hostMounts() -> String {
        ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "")
            .split(separator: "\n").map { $0.split(separator: " ").dropFirst(3).joined(separator: " ") }.sorted().joined(separator: "\n")
    }

    /// create must fail, mention `expected` on stderr, and leave nothing behind.
    private func assertCreateFails(mentioning expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let id = sandbox.newID("bad")
        let r = sandbox.runtime(["create", id])
        XCTAssertNotEqual(r.status, 0, "create succeeded", file: file, line: line)
        for e in expected {
            XCTAssertTrue(r.stderr.contains(e), "stderr lacks \"\(e)\": \(r.stderr)", file: file, line: line)
        }
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one clear line: \(r.stderr)", file: file, line: line)
        assertNothingLeft(id, file: file, line: line)
        XCTAssertEqual(hostMounts(), mountsBefore, "host mount table changed", file: file, line: line)
    }

    func testWrongTypeNamesTheField() throws {
        sandbox.set("linux.resources.memory.limit", "a lot")
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["linux.resources.memory.limit"])
    }

    func testMissingRootPath() throws {
        sandbox.set("root.path", "no-such-rootfs")
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["root.path"])
    }

    func testMissingRoot() throws {
        sandbox.config.removeValue(forKey: "root")
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["root"])
    }

    func testUnknownNamespaceType() throws {
        sandbox.appendNamespace(["type": "bogus"])
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["linux.namespaces", "bogus"])
    }

    func testUnsupportedMajorVersion() throws {
        sandbox.set("ociVersion", "2.0.0")
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["ociVersion"])
    }

    func testMissingExecutable() throws {
        sandbox.set("process.args", ["/no/such/binary"])
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["/no/such/binary"])
    }

    func testRlimitAboveHardLimitFailsCleanly() throws {
        sandbox.set("process.rlimits", [["type": "RLIMIT_NOFILE", "hard": 1 << 40, "soft": 1 << 40]])
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["process.rlimits"])
    }

    func testMountThroughSymlinkStaysInsideRootfs() throws {
        // /escape -> / inside the rootfs; the mount must land inside the rootfs.
        let rootfs = sandbox.bundle + "/rootfs"
        try FileManager.default.createSymbolicLink(atPath: rootfs + "/escape", withDestinationPath: "/tmp/../../../")
        let marker = "swiftlet-escape-\(UUID().uuidString.prefix(6))"
        sandbox.appendMount(["destination": "/escape/\(marker)", "type": "tmpfs", "source": "tmpfs"])
        sandbox.set("root.readonly", false)
        let out = try output(["sh", "-c", "ls -d /\(marker) && echo inside"])
        XCTAssertTrue(out.contains("inside"), out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/\(marker)"), "mount target created on the host")
        XCTAssertEqual(hostMounts(), mountsBefore)
    }

    func testFailingPrestartHookCleansUp() throws {
        sandbox.set("hooks", ["prestart": [["path": "/bin/false"]]])
        try sandbox.writeConfig()
        try assertCreateFails(mentioning: ["prestart"])
    }

    func testBadContainerID() throws {
        try sandbox.writeConfig()
        for id in ["..", "a/b", "bad id"] {
            let r = sandbox.runtime(["create", id])
            XCTAssertNotEqual(r.status, 0, id)
            XCTAssertTrue(r.stderr.lowercased().contains("invalid container id"), r.stderr)
        }
    }
}
