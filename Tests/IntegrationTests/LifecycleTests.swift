import Foundation
import XCTest

/// create / start / state / kill / delete / run / list, as runtime.md and
/// runc's man pages describe them.
final class LifecycleTests: IntegrationTestCase {
    func testRunPassesStdoutAndExitCode() throws {
        let r = try sandbox.run(["sh", "-c", "echo out; echo err >&2; exit 7"])
        XCTAssertEqual(r.status, 7)
        XCTAssertEqual(r.stdout, "out\n")
        XCTAssertTrue(r.stderr.contains("err"), r.stderr)
        assertNothingLeft()
    }

    func testRunKilledBySignalExitsWith128PlusSignal() throws {
        // pid 1 of a pid namespace ignores signals it has no handler for, even
        // from itself: run without a pid namespace so SIGKILL applies.
        var linux = sandbox.config["linux"] as! [String: Any]
        linux["namespaces"] = (linux["namespaces"] as! [[String: Any]]).filter { $0["type"] as? String != "pid" }
        sandbox.config["linux"] = linux
        let r = try sandbox.run(["sh", "-c", "kill -KILL $$"])
        XCTAssertEqual(r.status, 137)
    }

    func testRunPassesStdin() throws {
        sandbox.set("process.args", ["sh", "-c", "read line; echo got:$line"])
        try sandbox.writeConfig()
        let r = sandbox.runtime(["run", sandbox.newID()], stdin: "hello\n")
        XCTAssertEqual(r.stdout, "got:hello\n", r.stderr)
    }

    func testCreateStartStateKillDelete() throws {
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let pidFile = sandbox.dir + "/pid"
        let c = sandbox.runtime(["create", "--pid-file", pidFile, id])
        XCTAssertEqual(c.status, 0, c.stderr)

        let created = try XCTUnwrap(sandbox.state(id))
        XCTAssertEqual(created["status"] as? String, "created")
        XCTAssertEqual(created["id"] as? String, id)
        XCTAssertEqual(created["bundle"] as? String, sandbox.bundle)
        let pid = try XCTUnwrap(created["pid"] as? Int)
        XCTAssertGreaterThan(pid, 0)
        XCTAssertEqual(try String(contentsOfFile: pidFile, encoding: .utf8), "\(pid)")
        XCTAssertNotNil(created["created"] as? String)
        XCTAssertNotNil(created["ociVersion"] as? String)
        // The init waits: the user process has not run yet.
        let comm = try String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)
        XCTAssertFalse(comm.hasPrefix("sleep"), "user process ran before start")

        XCTAssertEqual(sandbox.runtime(["start", id]).status, 0)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running")
        let again = sandbox.runtime(["start", id])
        XCTAssertNotEqual(again.status, 0, "start of a running container must fail")

        let deleteRunning = sandbox.runtime(["delete", id])
        XCTAssertNotEqual(deleteRunning.status, 0, "delete of a running container must fail")
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running", "failed delete must have no effect")

        XCTAssertEqual(sandbox.runtime(["kill", id, "KILL"]).status, 0, "kill")
        waitFor { self.sandbox.state(id)?["status"] as? String == "stopped" }
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "stopped")
        XCTAssertNotEqual(sandbox.runtime(["kill", id]).status, 0, "kill of a stopped container must fail")

        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        XCTAssertNil(sandbox.state(id))
        assertNothingLeft(id)
    }

    func testSignalNamesAndNumbers() throws {
        // pid 1 ignores signals it does not handle: trap TERM.
        sandbox.set("process.args", ["sh", "-c", "trap 'exit 0' TERM; sleep 30 & wait"])
        try sandbox.writeConfig()
        for signal in ["SIGTERM", "TERM", "15"] {
            let id = sandbox.newID()
            XCTAssertEqual(sandbox.runtime(["run", "--detach", id]).status, 0)
            XCTAssertEqual(sandbox.runtime(["kill", id, signal]).status, 0, signal)
            waitFor { self.sandbox.state(id)?["status"] as? String == "stopped" }
            XCTAssertEqual(sandbox.state(id)?["status"] as? String, "stopped", signal)
            XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        }
        let bad = sandbox.runtime(["kill", sandbox.newID(), "NOSUCHSIG"])
        XCTAssertNotEqual(bad.status, 0)
    }

    func testDeleteForceKillsRunningContainer() throws {
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        let pid = try XCTUnwrap(sandbox.state(id)?["pid"] as? Int)
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/proc/\(pid)/stat") && !isZombie(pid))
        assertNothingLeft(id)
    }

    func testDeleteOfCreatedContainerNeedsNoForce() throws {
        let id = sandbox.newID()
        try sandbox.writeConfig()
        XCTAssertEqual(sandbox.runtime(["create", id]).status, 0)
        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        assertNothingLeft(id)
    }

    func testUnknownContainer() throws {
        for cmd in [["state"], ["start"], ["kill"], ["delete"]] {
            let r = sandbox.runtime(cmd + ["nosuch"])
            XCTAssertEqual(r.status, 1, "\(cmd)")
            XCTAssertTrue(r.stderr.contains("container does not exist"), "\(cmd): \(r.stderr)")
        }
        XCTAssertEqual(sandbox.runtime(["delete", "--force", "nosuch"]).status, 0)
    }

    func testDuplicateIDFailsAndLeavesTheFirstAlone() throws {
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["create", id]).status, 0)
        let before = sandbox.state(id)
        let dup = sandbox.runtime(["create", id])
        XCTAssertNotEqual(dup.status, 0)
        XCTAssertTrue(dup.stderr.contains("exists"), dup.stderr)
        XCTAssertEqual(sandbox.state(id)?["pid"] as? Int, before?["pid"] as? Int)
    }

    func testListFormats() throws {
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["create", id]).status, 0)
        let table = sandbox.runtime(["list"])
        XCTAssertTrue(table.stdout.hasPrefix("ID"), table.stdout)
        XCTAssertTrue(table.stdout.contains(id))
        XCTAssertTrue(table.stdout.contains("created"))
        XCTAssertEqual(sandbox.runtime(["list", "-q"]).stdout, id + "\n")
        let json = sandbox.runtime(["list", "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(list?.first?["id"] as? String, id)
    }

    func testPidFileAndDetachedRun() throws {
        sandbox.set("process.args", ["sleep", "30"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let pidFile = sandbox.dir + "/run.pid"
        XCTAssertEqual(sandbox.runtime(["run", "--detach", "--pid-file", pidFile, id]).status, 0)
        let pid = try XCTUnwrap(Int(try String(contentsOfFile: pidFile, encoding: .utf8)))
        XCTAssertEqual(sandbox.state(id)?["pid"] as? Int, pid)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running")
    }

    func testSpecWritesDefaultConfig() throws {
        let dir = sandbox.dir + "/specdir"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        XCTAssertEqual(Harness.exec(Harness.runtime, ["spec", "--bundle", dir]).status, 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/config.json"))
        let spec = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        XCTAssertNotNil(spec?["ociVersion"])
        XCTAssertEqual((spec?["process"] as? [String: Any])?["args"] as? [String], ["sh"])
        XCTAssertNotEqual(Harness.exec(Harness.runtime, ["spec", "--bundle", dir]).status, 0, "must not overwrite")
    }

    func testFeaturesIsJSON() throws {
        let r = Harness.exec(Harness.runtime, ["features"])
        XCTAssertEqual(r.status, 0)
        let f = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertNotNil(f?["ociVersionMin"])
        XCTAssertNotNil(f?["ociVersionMax"])
    }

    func testVersionFormat() throws {
        let r = Harness.exec(Harness.runtime, ["--version"])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.contains(" version ") ?? false, r.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("spec: ") }, r.stdout)
    }

    // MARK: helpers

    func isZombie(_ pid: Int) -> Bool {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return false }
        return s[s.index(close, offsetBy: 2)] == "Z"
    }
}

extension IntegrationTestCase {
    func waitFor(timeout: TimeInterval = 10, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() && Date() < deadline { usleep(20_000) }
    }

    /// No state dir, and no cgroup named after the container, remain.
    func assertNothingLeft(_ id: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: sandbox.root)) ?? []
        if let id {
            XCTAssertFalse(entries.contains(id), "state dir of \(id) left in --root", file: file, line: line)
            let found = Harness.exec("/usr/bin/find", ["/sys/fs/cgroup", "-maxdepth", "4", "-type", "d", "-name", id])
            XCTAssertEqual(found.stdout, "", "cgroup left behind: \(found.stdout)", file: file, line: line)
        } else {
            XCTAssertEqual(entries.filter { !$0.hasPrefix(".") }, [], "state left in --root", file: file, line: line)
        }
    }
}
