@testable import ProcessSetup
import XCTest

final class EnvironmentTests: XCTestCase {
    struct FakePasswd: PasswdDatabase {
        var homes: [UInt32: String]
        func home(forUID uid: UInt32) -> String? { homes[uid] }
    }

    let passwd = Passwd(contents: Array("""
        # comment
        root:x:0:0:root:/root:/bin/sh

        broken line
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        app:x:1000:1000::/home/app:/bin/sh
        dup:x:1000:1000::/somewhere/else:/bin/sh
        nohome:x:1001:1001
        """.utf8))

    func testPasswdParsing() {
        XCTAssertEqual(passwd.home(forUID: 0), "/root")
        XCTAssertEqual(passwd.home(forUID: 1000), "/home/app", "first entry wins")
        XCTAssertEqual(passwd.home(forUID: 1001), "")
        XCTAssertNil(passwd.home(forUID: 4242))
        XCTAssertEqual(passwd.entries.map(\.name), ["root", "daemon", "app", "dup", "nohome"])
    }

    func testHomeComesFromPasswdWhenUnset() throws {
        let env = try Environment.build(["PATH=/bin", "TERM=xterm"], uid: 1000, passwd: passwd)
        XCTAssertEqual(env.entries, ["PATH=/bin", "TERM=xterm", "HOME=/home/app"])
        XCTAssertEqual(env.path, "/bin")
        XCTAssertEqual(env.searchPath, "/bin")
    }

    func testEmptyHomeIsReplacedAndUnknownUserGetsSlash() throws {
        let env = try Environment.build(["HOME=", "A=1"], uid: 4242, passwd: passwd)
        XCTAssertEqual(env.entries, ["A=1", "HOME=/"])
        XCTAssertEqual(try Environment.build([], uid: 1001, passwd: passwd).entries, ["HOME=/"])
    }

    func testConfiguredHomeWins() throws {
        let env = try Environment.build(["HOME=/custom"], uid: 0, passwd: FakePasswd(homes: [0: "/root"]))
        XCTAssertEqual(env.entries, ["HOME=/custom"])
    }

    func testDuplicatesKeepTheLastValueAtItsPosition() throws {
        let env = try Environment.build(["A=1", "B=2", "A=3", "C=", "B=4"], uid: 0, passwd: FakePasswd(homes: [:]))
        XCTAssertEqual(env.entries, ["A=3", "C=", "B=4", "HOME=/"])
    }

    func testValueMayContainEquals() throws {
        let env = try Environment.build(["OPTS=a=b=c"], uid: 0, passwd: FakePasswd(homes: [0: "/root"]))
        XCTAssertEqual(env.entries, ["OPTS=a=b=c", "HOME=/root"])
    }

    func testMissingPathFallsBackForLookupOnly() throws {
        let env = try Environment.build(nil, uid: 0, passwd: FakePasswd(homes: [0: "/root"]))
        XCTAssertEqual(env.entries, ["HOME=/root"])
        XCTAssertNil(env.path)
        XCTAssertEqual(env.searchPath, Environment.defaultPath)
    }

    func testInvalidEntriesNameTheIndex() {
        XCTAssertThrowsError(try Environment.build(["A=1", "NOEQUALS"], uid: 0, passwd: passwd)) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.env[1]")
        }
        XCTAssertThrowsError(try Environment.build(["=x"], uid: 0, passwd: passwd)) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.env[0]")
        }
        XCTAssertThrowsError(try Environment.build(["A=b\u{0}c"], uid: 0, passwd: passwd)) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.env[0]")
        }
    }
}
