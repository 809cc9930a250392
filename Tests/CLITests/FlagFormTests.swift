import XCTest
@testable import CLI

/// Every spelling Go's flag package (under urfave/cli v1) accepts, checked against what
/// runc 1.1.5 does with the same words.
final class FlagFormTests: XCTestCase {
    func testStringFlagSpellings() {
        let forms: [[String]] = [
            ["create", "--bundle", "/b", "id"],
            ["create", "--bundle=/b", "id"],
            ["create", "-bundle", "/b", "id"],
            ["create", "-bundle=/b", "id"],
            ["create", "-b", "/b", "id"],
            ["create", "-b=/b", "id"],
            ["create", "--b", "/b", "id"],
            ["create", "id", "--bundle", "/b"],  // reordered like urfave
            ["create", "id", "-b=/b"],
        ]
        for words in forms {
            guard let (inv, _) = invocation(words) else { continue }
            XCTAssertEqual(inv.string("bundle"), "/b", "\(words)")
            XCTAssertEqual(inv.string("b"), "/b", "alias lookup, \(words)")
            XCTAssertEqual(inv.args, ["id"], "\(words)")
            XCTAssertTrue(inv.isSet("bundle"))
        }
    }

    func testValueMayLookLikeAFlag() {
        // Go takes the next word as the value whatever it looks like.
        XCTAssertEqual(invocation(["create", "--bundle", "-x", "id"])?.0.string("bundle"), "-x")
        XCTAssertEqual(invocation(["create", "--pid-file", "--", "id"])?.0.string("pid-file"), "--")
        // urfave reorders a value that is not a known flag along with its flag (runc: chdir -foo).
        XCTAssertEqual(invocation(["create", "id", "--bundle", "-foo"])?.0.string("bundle"), "-foo")
        XCTAssertEqual(invocation(["create", "id", "--bundle", "-foo"])?.0.args, ["id"])
        XCTAssertEqual(invocation(["create", "--bundle=", "id"])?.0.string("bundle"), "")
        XCTAssertEqual(invocation(["create", "--bundle=a=b", "id"])?.0.string("bundle"), "a=b")
    }

    func testBoolSpellings() {
        let cases: [([String], Bool)] = [
            (["run", "--detach", "id"], true),
            (["run", "-d", "id"], true),
            (["run", "-detach", "id"], true),
            (["run", "--detach=true", "id"], true),
            (["run", "--detach=false", "id"], false),
            (["run", "-d=0", "id"], false),
            (["run", "-d=1", "id"], true),
            (["run", "--detach=F", "id"], false),
            (["run", "--detach=T", "id"], true),
            (["run", "--detach=FALSE", "id"], false),
            (["run", "--detach=True", "id"], true),
            (["run", "id"], false),
            (["run", "id", "-d"], true),
        ]
        for (words, expected) in cases {
            guard let (inv, _) = invocation(words) else { continue }
            XCTAssertEqual(inv.bool("detach"), expected, "\(words)")
            XCTAssertEqual(inv.args, ["id"], "\(words)")
        }
    }

    func testBoolNeverConsumesNextWord() {
        // runc: `delete --force true x` deletes two ids -> argument count error.
        guard let r = response(["delete", "--force", "true", "x"]) else { return }
        XCTAssertEqual(r.error, "swiftlet: \"delete\" requires exactly 1 argument(s)")
    }

    func testDoubleDashEndsFlags() {
        XCTAssertEqual(invocation(["delete", "--", "--force"])?.0.args, ["--force"])
        XCTAssertEqual(invocation(["delete", "--", "--force"])?.0.bool("force"), false)
        XCTAssertEqual(invocation(["list", "--"])?.0.args, [])
        // urfave moves a later `--` in front of the remaining arguments.
        XCTAssertEqual(invocation(["kill", "x", "--", "-a"])?.0.args, ["x", "-a"])
        XCTAssertEqual(invocation(["kill", "x", "--", "-a"])?.0.bool("all"), false)
        // A lone "-" is an argument.
        XCTAssertEqual(invocation(["delete", "-"])?.0.args, ["-"])
        // `--` between globals and the command.
        XCTAssertEqual(invocation(["--", "list"])?.0.name, "list")
    }

    func testFlagsAfterPositionalsAreReordered() {
        guard let (inv, _) = invocation(["delete", "x", "--force"]) else { return }
        XCTAssertTrue(inv.bool("force"))
        XCTAssertEqual(inv.args, ["x"])
        guard let (k, _) = invocation(["kill", "x", "KILL", "--all"]) else { return }
        XCTAssertTrue(k.bool("all"))
        XCTAssertEqual(k.args, ["x", "KILL"])
        // urfave moves the word after a flag along with it, even for bool flags: runc 1.1.5
        // treats `kill x -a KILL` as `kill -a KILL x` (and reports container KILL missing).
        guard let (k2, _) = invocation(["kill", "x", "-a", "KILL"]) else { return }
        XCTAssertTrue(k2.bool("all"))
        XCTAssertEqual(k2.args, ["KILL", "x"])
        // Unknown flags stay where they are (and so become arguments).
        XCTAssertEqual(response(["state", "a", "--bogus"])?.error, "swiftlet: \"state\" requires exactly 1 argument(s)")
    }

    func testExecAndPsStopAtFirstPositional() {
        guard let (e, _) = invocation(["exec", "-t", "id", "sh", "-c", "echo hi", "--tty"]) else { return }
        XCTAssertEqual(e.args, ["id", "sh", "-c", "echo hi", "--tty"])
        XCTAssertTrue(e.bool("tty"))
        XCTAssertEqual(invocation(["exec", "id", "--env", "A=1", "sh"])?.0.args, ["id", "--env", "A=1", "sh"])
        XCTAssertEqual(invocation(["exec", "id", "--env", "A=1", "sh"])?.0.strings("env"), [])
        guard let (p, _) = invocation(["ps", "-f", "json", "id", "-ef"]) else { return }
        XCTAssertEqual(p.args, ["id", "-ef"])
        XCTAssertEqual(p.string("format"), "json")
        XCTAssertEqual(invocation(["ps", "id", "-f", "json"])?.0.args, ["id", "-f", "json"])
        XCTAssertEqual(invocation(["ps", "id", "-f", "json"])?.0.string("format"), "table")
    }

    func testRepeatableFlags() {
        guard let (e, _) = invocation(["exec", "-e", "A=1", "-e", "B=2,C=3", "--cap", "CAP_X", "--cap", "CAP_Y",
                                       "-g", "1", "-g", "0x10", "--cgroup", "cpu,cpuacct:sub", "id", "true"]) else { return }
        XCTAssertEqual(e.strings("env"), ["A=1", "B=2,C=3"])  // no comma splitting in urfave v1
        XCTAssertEqual(e.strings("cap"), ["CAP_X", "CAP_Y"])
        XCTAssertEqual(e.int64s("additional-gids"), [1, 16])
        XCTAssertEqual(e.strings("cgroup"), ["cpu,cpuacct:sub"])
        XCTAssertEqual(e.strings("e"), ["A=1", "B=2,C=3"])
        XCTAssertEqual(invocation(["checkpoint", "--empty-ns", "network", "--empty-ns", "ipc", "x"])?.0.strings("empty-ns"),
                       ["network", "ipc"])
    }

    func testLastValueWinsForSingleFlags() {
        XCTAssertEqual(invocation(["create", "--pid-file", "a", "--pid-file", "b", "id"])?.0.string("pid-file"), "b")
        XCTAssertEqual(invocation(["run", "-d", "-d=false", "id"])?.0.bool("detach"), false)
    }

    func testIntegersFollowGoSyntax() {
        let cases: [(String, Int)] = [("3", 3), ("0x10", 16), ("0X10", 16), ("010", 8), ("0o17", 15), ("0b101", 5),
                                      ("1_000", 1000), ("-1", -1), ("+7", 7), ("0", 0)]
        for (text, value) in cases {
            XCTAssertEqual(invocation(["create", "--preserve-fds", text, "id"])?.0.int("preserve-fds"), value, text)
        }
        XCTAssertEqual(invocation(["update", "--blkio-weight", "-1", "x"])?.0.int("blkio-weight"), -1)
    }

    func testDefaults() {
        guard let (c, _) = invocation(["checkpoint", "x"]) else { return }
        XCTAssertEqual(c.int("status-fd"), -1)
        XCTAssertEqual(c.string("image-path"), "")
        XCTAssertFalse(c.isSet("status-fd"))
        XCTAssertEqual(invocation(["list"])?.0.string("format"), "table")
        XCTAssertEqual(invocation(["create", "x"])?.0.int("preserve-fds"), 0)
        XCTAssertNil(invocation(["create", "x"])?.0.optionalString("bundle"))
        XCTAssertEqual(invocation(["events", "x"])?.0.durationNanoseconds("interval"), 5_000_000_000)
        XCTAssertEqual(invocation(["events", "--interval", "1m30s", "x"])?.0.durationNanoseconds("interval"), 90_000_000_000)
        XCTAssertEqual(invocation(["events", "--interval=-1s", "x"])?.0.durationNanoseconds("interval"), -1_000_000_000)
        XCTAssertEqual(invocation(["exec", "x", "sh"])?.0.int64s("additional-gids"), [])
    }

    func testHiddenFlagsParse() {
        XCTAssertEqual(invocation(["update", "--kernel-memory", "1", "x"])?.0.string("kernel-memory"), "1")
        XCTAssertFalse(helpOf("update").contains("kernel-memory"))
    }

    func testNewerRuncFlags() {
        XCTAssertEqual(invocation(["create", "--pidfd-socket", "/s", "x"])?.0.string("pidfd-socket"), "/s")
        XCTAssertEqual(invocation(["run", "--pidfd-socket", "/s", "x"])?.0.string("pidfd-socket"), "/s")
        XCTAssertEqual(invocation(["exec", "--pidfd-socket", "/s", "x", "sh"])?.0.string("pidfd-socket"), "/s")
        XCTAssertEqual(invocation(["checkpoint", "--tcp-skip-in-flight", "--link-remap", "x"])?.0.bool("link-remap"), true)
        XCTAssertEqual(invocation(["update", "--cpu-burst", "100", "x"])?.0.string("cpu-burst"), "100")
    }

    func testCommandAliasAndArgumentCounts() {
        XCTAssertEqual(invocation(["kill", "x"])?.0.args, ["x"])
        XCTAssertEqual(invocation(["kill", "x", "9"])?.0.args, ["x", "9"])
        XCTAssertEqual(invocation(["exec", "x"])?.0.args, ["x"])  // empty command is the runtime's error
        XCTAssertEqual(invocation(["ps", "x", "a", "b"])?.0.args, ["x", "a", "b"])
        XCTAssertEqual(invocation(["spec"])?.0.args, [])
        XCTAssertEqual(invocation(["features"])?.0.name, "features")
        XCTAssertEqual(invocation(["create", "x"])?.0.containerID, "x")
    }
}
