import Foundation
import XCTest

/// `exec` (runc-exec(8)): a new process in a running container's namespaces and cgroup.
final class ExecTests: IntegrationTestCase {
    private func startSleeper() throws -> (String, Int) {
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let r = sandbox.runtime(["run", "--detach", id])
        XCTAssertEqual(r.status, 0, r.stderr)
        let pid = try XCTUnwrap(sandbox.state(id)?["pid"] as? Int)
        return (id, pid)
    }

    func testExecJoinsNamespacesAndReturnsExitCode() throws {
        let (id, pid) = try startSleeper()
        let r = sandbox.runtime(["exec", id, "sh", "-c", "for n in pid net ipc uts mnt; do readlink /proc/self/ns/$n; done; hostname; exit 4"])
        XCTAssertEqual(r.status, 4, r.stderr)
        var lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.popLast(), "swiftlet")
        for (kind, link) in zip(["pid", "net", "ipc", "uts", "mnt"], lines) {
            let initNS = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)")
            XCTAssertEqual(link, initNS, kind)
        }
    }

    func testExecSeesContainerProcessesAndCgroup() throws {
        let (id, pid) = try startSleeper()
        let r = sandbox.runtime(["exec", id, "sh", "-c", "ps -o pid,comm; cat /proc/self/cgroup"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("1 sleep"), r.stdout)
        let initCgroups = try String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)
        let memLine = initCgroups.split(separator: "\n").first { $0.contains(":memory:") }
        XCTAssertNotNil(memLine)
        // Inside a cgroup namespace the container's cgroup is "/".
        XCTAssertTrue(r.stdout.contains(":memory:/"), r.stdout)
    }

    func testExecUserEnvCwdAndCaps() throws {
        let (id, _) = try startSleeper()
        let r = sandbox.runtime(["exec", "--user", "1000:1000", "--env", "X=1", "--cwd", "/tmp", id,
                                 "sh", "-c", "id -u; id -g; echo $X; pwd; grep CapEff /proc/self/status"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), ["1000", "1000", "1", "/tmp"])
        XCTAssertTrue(lines.last?.hasSuffix("0000000000000000") ?? false, "non-root exec keeps no effective caps: \(r.stdout)")
    }

    func testExecUserIsParsedStrictly() throws {
        let (id, _) = try startSleeper()
        for bad in ["10x", " 0", "-1", "1:", ":1", "4294967296", "0x10", "1:2:3", ""] {
            let r = sandbox.runtime(["exec", "--user", bad, id, "id", "-u"])
            XCTAssertNotEqual(r.status, 0, "--user \"\(bad)\" accepted: \(r.stdout)")
            XCTAssertEqual(r.stdout, "", "--user \"\(bad)\" ran a process")
        }
    }

    func testExecDetachedWithPidFile() throws {
        let (id, _) = try startSleeper()
        let pidFile = sandbox.dir + "/exec.pid"
        XCTAssertEqual(sandbox.runtime(["exec", "-d", "--pid-file", pidFile, id, "sleep", "30"]).status, 0)
        let pid = try XCTUnwrap(Int(try String(contentsOfFile: pidFile, encoding: .utf8)))
        let comm = try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
        XCTAssertEqual(comm, "sleep\n")
    }

    func testExecInStoppedContainerFails() throws {
        sandbox.set("process.args", ["true"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        waitFor { self.sandbox.state(id)?["status"] as? String == "stopped" }
        let r = sandbox.runtime(["exec", id, "true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("stopped"), r.stderr)
    }
}
