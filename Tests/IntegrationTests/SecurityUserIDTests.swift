import Foundation
import XCTest

/// crun CVE-2026-30892 class: a user id that does not parse to exactly the
/// intended number must never run a process, least of all as root.
/// (ExecTests.testExecUserIsParsedStrictly covers the basic syntax errors.)
final class SecurityUserIDTests: IntegrationTestCase {
    /// (uid_t)-1 means "unchanged" to setresuid(2): accepting it would keep root.
    func testMinusOneIdIsRefusedEverywhere() throws {
        let id = try sandbox.startDetached(["sleep", "60"])
        for bad in ["4294967295", "4294967295:0", "0:4294967295", "1000:4294967295"] {
            let r = sandbox.runtime(["exec", "--user", bad, id, "id", "-u"])
            XCTAssertNotEqual(r.status, 0, "--user \(bad) ran: \(r.stdout)")
            XCTAssertEqual(r.stdout, "", "--user \(bad) ran a process")
        }
        for (uid, gid, field) in [(4_294_967_295, 0, "process.user.uid"), (0, 4_294_967_295, "process.user.gid")] {
            sandbox.set("process.user", ["uid": uid, "gid": gid])
            let r = try sandbox.run(["id", "-u"])
            XCTAssertNotEqual(r.status, 0, "config \(uid):\(gid) ran: \(r.stdout)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertTrue(r.stderr.contains(field), r.stderr)
        }
    }

    func testSignsSpacesAndForeignDigitsAreRefused() throws {
        let id = try sandbox.startDetached(["sleep", "60"])
        for bad in ["+5", "1:+5", "1 ", " 1:1", "1:1 ", "\u{FF11}", "1:\u{0661}", "1e3", "0b1", "1_000", "1::1", "-0"] {
            let r = sandbox.runtime(["exec", "--user", bad, id, "id", "-u"])
            XCTAssertNotEqual(r.status, 0, "--user \"\(bad)\" accepted: \(r.stdout)")
            XCTAssertEqual(r.stdout, "", "--user \"\(bad)\" ran a process")
        }
    }

    /// What is valid keeps its exact value (leading zeros are decimal, as in runc).
    func testValidIdsAreExact() throws {
        let id = try sandbox.startDetached(["sleep", "60"])
        for (arg, expected) in [("01", "1 0"), ("1000:01", "1000 1"), ("65534:65534", "65534 65534"),
                                ("4294967294", "4294967294 0")] {
            let r = sandbox.runtime(["exec", "--user", arg, id, "sh", "-c", "echo $(id -u) $(id -g)"])
            XCTAssertEqual(r.stdout, expected + "\n", "--user \(arg): \(r.stderr)")
        }
    }
}
