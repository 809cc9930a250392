import XCTest
@testable import CLI

final class CommandTableTests: XCTestCase {
    func testCommandsInRuncOrder() {
        XCTAssertEqual(CommandTable.all.map(\.name),
                       ["checkpoint", "create", "delete", "events", "exec", "kill", "list", "pause", "ps", "restore",
                        "resume", "run", "spec", "start", "state", "update", "features", "help"])
        for c in CommandTable.all {
            for n in c.names { XCTAssertEqual(CommandTable.lookup(n)?.name, c.name, n) }
        }
        XCTAssertNil(CommandTable.lookup("Create"))
        XCTAssertNil(CommandTable.lookup(""))
    }

    func testTablesFitTheParserLimits() {
        let tables = CommandTable.all.map { ($0.name, $0.flags + [FlagSpec.help]) } + [("global", GlobalTable.flags())]
        for (name, flags) in tables {
            XCTAssertLessThanOrEqual(flags.count, FlagValues.maxFlags, name)
            var seen = Set<String>()
            for f in flags {
                XCTAssertTrue((1...2).contains(f.names.count), "\(name) --\(f.name)")
                for n in f.names { XCTAssertTrue(seen.insert(n).inserted, "\(name): duplicate flag name \(n)") }
                XCTAssertFalse(f.usage.isEmpty, "\(name) --\(f.name)")
                if f.kind == .bool { XCTAssertEqual(f.defaultValue, "", "\(name) --\(f.name)") }
            }
        }
    }

    func testFlagKindsFollowRunc() {
        func kind(_ c: String, _ f: String) -> FlagKind? {
            CommandTable.lookup(c)?.flags.first { $0.name == f }?.kind
        }
        XCTAssertEqual(kind("create", "preserve-fds"), .int)
        XCTAssertEqual(kind("run", "preserve-fds"), .int)
        XCTAssertEqual(kind("exec", "preserve-fds"), .int)
        XCTAssertEqual(kind("checkpoint", "status-fd"), .int)
        XCTAssertEqual(kind("update", "blkio-weight"), .int)
        XCTAssertEqual(kind("update", "pids-limit"), .int)
        XCTAssertEqual(kind("update", "memory"), .string)  // parsed later with units
        XCTAssertEqual(kind("events", "interval"), .duration)
        XCTAssertEqual(kind("exec", "additional-gids"), .int64List)
        for f in ["env", "cap", "cgroup"] { XCTAssertEqual(kind("exec", f), .stringList, f) }
        XCTAssertEqual(kind("checkpoint", "empty-ns"), .stringList)
        XCTAssertEqual(kind("restore", "empty-ns"), .stringList)
        XCTAssertEqual(kind("kill", "all"), .bool)
        XCTAssertFalse(CommandTable.exec.reordersFlags)
        XCTAssertFalse(CommandTable.ps.reordersFlags)
        XCTAssertTrue(CommandTable.all.filter { $0.name != "exec" && $0.name != "ps" }.allSatisfy(\.reordersFlags))
    }

    func testShortAliasesFollowRunc() {
        let expected: [String: [String: String]] = [
            "create": ["b": "bundle"], "run": ["b": "bundle", "d": "detach"], "restore": ["b": "bundle", "d": "detach"],
            "spec": ["b": "bundle"], "delete": ["f": "force"], "kill": ["a": "all"], "list": ["f": "format", "q": "quiet"],
            "ps": ["f": "format"], "update": ["r": "resources"],
            "exec": ["e": "env", "t": "tty", "u": "user", "g": "additional-gids", "p": "process", "d": "detach", "c": "cap"],
        ]
        for c in CommandTable.all {
            var aliases: [String: String] = [:]
            for f in c.flags { for n in f.names.dropFirst() { aliases[n] = f.name } }
            XCTAssertEqual(aliases, expected[c.name] ?? [:], c.name)
        }
    }
}
