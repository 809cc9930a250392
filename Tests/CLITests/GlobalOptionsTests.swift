import XCTest
@testable import CLI

final class GlobalOptionsTests: XCTestCase {
    func testDefaults() {
        guard let (_, g) = invocation(["list"]) else { return }
        XCTAssertEqual(g.root, "/run/swiftlet")
        XCTAssertFalse(g.rootIsSet)
        XCTAssertEqual(g.log, "")
        XCTAssertEqual(g.logFormat, "text")
        XCTAssertEqual(g.criu, "criu")
        XCTAssertFalse(g.debug)
        XCTAssertFalse(g.systemdCgroup)
        XCTAssertNil(g.rootless)
        XCTAssertEqual(g.program, "swiftlet")
        XCTAssertEqual(try g.rootlessSetting().get(), nil)
    }

    func testEveryGlobalInEverySpelling() {
        let words = ["--debug", "-log", "/tmp/l", "--log-format=json", "-root=/r", "--criu", "/c",
                     "-systemd-cgroup=true", "--rootless", "false", "state", "id"]
        guard let (inv, g) = invocation(words) else { return }
        XCTAssertEqual(inv.name, "state")
        XCTAssertEqual(inv.args, ["id"])
        XCTAssertTrue(g.debug)
        XCTAssertEqual(g.log, "/tmp/l")
        XCTAssertEqual(g.logFormat, "json")
        XCTAssertEqual(g.root, "/r")
        XCTAssertTrue(g.rootIsSet)
        XCTAssertEqual(g.criu, "/c")
        XCTAssertTrue(g.systemdCgroup)
        XCTAssertEqual(g.rootless, "false")
        XCTAssertEqual(try g.rootlessSetting().get(), false)
    }

    func testRootIsMadeAbsoluteLikeFilepathAbs() {
        let cases: [(String, String)] = [("rel", "/work/rel"), ("./a/../b/", "/work/b"), ("/x//y/./z/..", "/x/y"),
                                         ("..", "/"), ("../../..", "/"), ("", "")]
        for (given, expected) in cases {
            XCTAssertEqual(invocation(["--root", given, "list"])?.1.root, expected, given)
        }
    }

    func testRootlessValues() {
        for (value, expected) in [("true", true as Bool?), ("1", true), ("False", false), ("auto", nil), ("AUTO", nil), ("", nil)] {
            var g = GlobalOptions()
            g.rootless = value
            XCTAssertEqual(try g.rootlessSetting().get(), expected, value)
        }
        var bad = GlobalOptions()
        bad.rootless = "maybe"
        XCTAssertThrowsError(try bad.rootlessSetting().get()) { e in
            XCTAssertEqual((e as? UsageError)?.message, #"strconv.ParseBool: parsing "maybe": invalid syntax"#)
        }
    }

    func testDefaultRootFollowsXDGOnlyWhenNotRoot() {
        XCTAssertEqual(GlobalTable.defaultRoot(euid: 0, xdgRuntimeDir: "/run/user/0"), "/run/swiftlet")
        XCTAssertEqual(GlobalTable.defaultRoot(euid: 1000, xdgRuntimeDir: "/run/user/1000"), "/run/user/1000/swiftlet")
        XCTAssertEqual(GlobalTable.defaultRoot(euid: 1000, xdgRuntimeDir: nil), "/run/swiftlet")
        XCTAssertEqual(GlobalTable.defaultRoot(euid: 1000, xdgRuntimeDir: ""), "/run/swiftlet")
    }

    func testGlobalsStopAtTheCommandName() {
        // `list` is the command; `--debug` after it belongs to list (and is unknown there).
        XCTAssertEqual(response(["list", "--debug"])?.error, "flag provided but not defined: -debug")
        XCTAssertEqual(invocation(["--debug=false", "list"])?.1.debug, false)
    }
}
