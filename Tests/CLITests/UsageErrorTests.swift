import XCTest
@testable import CLI

/// Usage errors as runc 1.1.5 reports them: the error text it logs (recorded from runc with
/// `runc` -> `swiftlet`), what it prints on stdout first, and the exit status.
final class UsageErrorTests: XCTestCase {
    enum Stdout {
        case commandHelp(String)  // "Incorrect Usage: <error>\n\n" + command help
        case argumentCount(String)  // "Incorrect Usage.\n\n" + command help
        case appHelp  // "Incorrect Usage. <error>\n\n" + app help
        case nothing
    }

    // (words, logged error, stdout, exit status)
    static let cases: [([String], String, Stdout, Int32)] = [
        (["start"], #"swiftlet: "start" requires exactly 1 argument(s)"#, .argumentCount("start"), 1),
        (["start", "a", "b"], #"swiftlet: "start" requires exactly 1 argument(s)"#, .argumentCount("start"), 1),
        (["kill"], #"swiftlet: "kill" requires a minimum of 1 argument(s)"#, .argumentCount("kill"), 1),
        (["kill", "a", "b", "c"], #"swiftlet: "kill" requires a maximum of 2 argument(s)"#, .argumentCount("kill"), 1),
        (["list", "x"], #"swiftlet: "list" requires exactly 0 argument(s)"#, .argumentCount("list"), 1),
        (["ps"], #"swiftlet: "ps" requires a minimum of 1 argument(s)"#, .argumentCount("ps"), 1),
        (["exec"], #"swiftlet: "exec" requires a minimum of 1 argument(s)"#, .argumentCount("exec"), 1),
        (["checkpoint"], #"swiftlet: "checkpoint" requires exactly 1 argument(s)"#, .argumentCount("checkpoint"), 1),
        (["restore", "a", "b"], #"swiftlet: "restore" requires exactly 1 argument(s)"#, .argumentCount("restore"), 1),
        (["spec", "x"], #"swiftlet: "spec" requires exactly 0 argument(s)"#, .argumentCount("spec"), 1),
        (["features", "x"], #"swiftlet: "features" requires exactly 0 argument(s)"#, .argumentCount("features"), 1),
        (["events"], #"swiftlet: "events" requires exactly 1 argument(s)"#, .argumentCount("events"), 1),
        (["update"], #"swiftlet: "update" requires exactly 1 argument(s)"#, .argumentCount("update"), 1),
        (["pause"], #"swiftlet: "pause" requires exactly 1 argument(s)"#, .argumentCount("pause"), 1),
        (["resume", "a", "b"], #"swiftlet: "resume" requires exactly 1 argument(s)"#, .argumentCount("resume"), 1),
        (["state", "a", "--bogus"], #"swiftlet: "state" requires exactly 1 argument(s)"#, .argumentCount("state"), 1),
        (["state", "x", "--root", "/y"], #"swiftlet: "state" requires exactly 1 argument(s)"#, .argumentCount("state"), 1),
        (["delete", "x", "--force", "y"], #"swiftlet: "delete" requires exactly 1 argument(s)"#, .argumentCount("delete"), 1),
        (["delete", "x", "--", "--force"], #"swiftlet: "delete" requires exactly 1 argument(s)"#, .argumentCount("delete"), 1),
        (["delete", "x", "--force", "--", "y"], #"swiftlet: "delete" requires exactly 1 argument(s)"#, .argumentCount("delete"), 1),
        (["create", "x", "--", "--bundle", "y"], #"swiftlet: "create" requires exactly 1 argument(s)"#, .argumentCount("create"), 1),
        (["create", "x", "--bundle", "--", "--", "y"], #"swiftlet: "create" requires exactly 1 argument(s)"#, .argumentCount("create"), 1),
        (["run", "-d=1", "x", "y"], #"swiftlet: "run" requires exactly 1 argument(s)"#, .argumentCount("run"), 1),

        (["start", "--bogus", "x"], "flag provided but not defined: -bogus", .commandHelp("start"), 1),
        (["exec", "--bogus", "x"], "flag provided but not defined: -bogus", .commandHelp("exec"), 1),
        (["exec", "-dt", "x", "sh"], "flag provided but not defined: -dt", .commandHelp("exec"), 1),
        (["kill", "--signal", "9", "x"], "flag provided but not defined: -signal", .commandHelp("kill"), 1),
        (["list", "--root", "/x"], "flag provided but not defined: -root", .commandHelp("list"), 1),
        (["create", "--bundle"], "flag needs an argument: -bundle", .commandHelp("create"), 1),
        // Reordering makes the id the flag's value, leaving no argument.
        (["create", "x", "--bundle"], #"swiftlet: "create" requires exactly 1 argument(s)"#, .argumentCount("create"), 1),
        (["create", "x", "--pid-file"], #"swiftlet: "create" requires exactly 1 argument(s)"#, .argumentCount("create"), 1),
        (["list", "-f"], "flag needs an argument: -f", .commandHelp("list"), 1),
        (["delete", "--force=maybe", "x"], #"invalid boolean value "maybe" for -force: parse error"#, .commandHelp("delete"), 1),
        (["delete", "x", "--force=maybe"], #"invalid boolean value "maybe" for -force: parse error"#, .commandHelp("delete"), 1),
        (["delete", "-f=yes", "x"], #"invalid boolean value "yes" for -f: parse error"#, .commandHelp("delete"), 1),
        (["create", "--preserve-fds", "abc", "x"], #"invalid value "abc" for flag -preserve-fds: parse error"#, .commandHelp("create"), 1),
        (["create", "--preserve-fds", "_1", "x"], #"invalid value "_1" for flag -preserve-fds: parse error"#, .commandHelp("create"), 1),
        (["create", "--preserve-fds", "99999999999999999999", "x"],
         #"invalid value "99999999999999999999" for flag -preserve-fds: value out of range"#, .commandHelp("create"), 1),
        (["update", "--blkio-weight", "abc", "x"], #"invalid value "abc" for flag -blkio-weight: parse error"#, .commandHelp("update"), 1),
        (["update", "--pids-limit", "99999999999999999999", "x"],
         #"invalid value "99999999999999999999" for flag -pids-limit: value out of range"#, .commandHelp("update"), 1),
        (["events", "--interval", "5", "x"], #"invalid value "5" for flag -interval: parse error"#, .commandHelp("events"), 1),
        (["exec", "--additional-gids", "abc", "x", "sh"],
         #"invalid value "abc" for flag -additional-gids: strconv.ParseInt: parsing "abc": invalid syntax"#, .commandHelp("exec"), 1),
        (["exec", "-g", "99999999999999999999", "x", "sh"],
         #"invalid value "99999999999999999999" for flag -g: strconv.ParseInt: parsing "99999999999999999999": value out of range"#,
         .commandHelp("exec"), 1),
        (["create", "-b", "x", "--bundle", "y", "id"], "Cannot use two forms of the same flag: b bundle", .commandHelp("create"), 1),
        (["exec", "-e", "A=1", "--env", "B=2", "x", "sh"], "Cannot use two forms of the same flag: e env", .commandHelp("exec"), 1),
        (["create", "--help", "--bogus"], "flag provided but not defined: -bogus", .commandHelp("create"), 1),
        (["create", "--bogus", "--help"], "flag provided but not defined: -bogus", .commandHelp("create"), 1),
        (["create", "---x"], "bad flag syntax: ---x", .commandHelp("create"), 1),

        (["--bogus"], "flag provided but not defined: -bogus", .appHelp, 1),
        (["--root"], "flag needs an argument: -root", .appHelp, 1),
        (["--criu"], "flag needs an argument: -criu", .appHelp, 1),
        (["--debug=x"], #"invalid boolean value "x" for -debug: parse error"#, .appHelp, 1),
        (["--systemd-cgroup=yes", "list"], #"invalid boolean value "yes" for -systemd-cgroup: parse error"#, .appHelp, 1),
        (["---x"], "bad flag syntax: ---x", .appHelp, 1),
        (["-=x"], "bad flag syntax: -=x", .appHelp, 1),
        (["--="], "bad flag syntax: --=", .appHelp, 1),

        (["--log-format", "bad", "list"], "invalid log-format: bad", .nothing, 1),
        (["--log-format", "bad", "foo"], "invalid log-format: bad", .nothing, 1),
        (["--log-format", "bad", "start"], "invalid log-format: bad", .nothing, 1),
        (["foo"], "No help topic for 'foo'", .nothing, 3),
        (["foo", "bar"], "No help topic for 'foo'", .nothing, 3),
        (["help", "foo"], "No help topic for 'foo'", .nothing, 3),
        (["h", "foo"], "No help topic for 'foo'", .nothing, 3),
    ]

    func testErrorsMatchRunc() {
        for (words, error, stdout, status) in Self.cases {
            guard let r = response(words) else { continue }
            XCTAssertEqual(r.error, error, "\(words)")
            XCTAssertEqual(r.exitCode, status, "\(words)")
            XCTAssertEqual(r.errorPath, status == 3 ? .fatalWriter : .fatal, "\(words)")
            switch stdout {
            case .commandHelp(let c):
                XCTAssertEqual(r.stdout, "Incorrect Usage: \(error)\n\n" + helpOf(c), "\(words)")
            case .argumentCount(let c):
                XCTAssertEqual(r.stdout, "Incorrect Usage.\n\n" + helpOf(c), "\(words)")
            case .appHelp:
                XCTAssertEqual(r.stdout, "Incorrect Usage. \(error)\n\n" + RuncRecorded.app, "\(words)")
            case .nothing:
                XCTAssertEqual(r.stdout, "", "\(words)")
            }
        }
    }

    func testTwoFormsOfAGlobalFlag() {
        // urfave prints this one without "Incorrect Usage." and without a blank line.
        XCTAssertEqual(response(["-h", "--help"]),
                       Response(stdout: "Cannot use two forms of the same flag: h help\n" + RuncRecorded.app,
                                error: "Cannot use two forms of the same flag: h help", exitCode: 1))
    }

    func testRecordedStartOutput() {
        // `runc start` verbatim (stdout), runc -> swiftlet.
        XCTAssertEqual(response(["start"])?.stdout, #"""
            Incorrect Usage.

            NAME:
               swiftlet start - executes the user defined process in a created container

            USAGE:
               swiftlet start <container-id>

            Where "<container-id>" is your name for the instance of the container that you
            are starting. The name you provide for the container instance must be unique on
            your host.

            DESCRIPTION:
               The start command executes the user defined process in a created container.

            """#)
    }

    func testProgramNameIsArgvZero() {
        // runc uses os.Args[0] verbatim.
        XCTAssertEqual(response(["start"], program: "/usr/sbin/swiftlet")?.error,
                       #"/usr/sbin/swiftlet: "start" requires exactly 1 argument(s)"#)
    }

    func testGlobalOptionsAreNotAcceptedAfterTheCommand() {
        XCTAssertEqual(response(["start", "--debug", "x"])?.error, "flag provided but not defined: -debug")
    }
}
