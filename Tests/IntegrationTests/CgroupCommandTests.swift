import Foundation
import XCTest

/// update / pause / resume / ps / events, and kill --all / delete --force,
/// checked against the real cgroup files of this host (v1 or hybrid: one
/// directory per controller, read from the container's state) and against
/// what the container itself sees.
final class CgroupCommandTests: IntegrationTestCase {
    /// A container whose process keeps copying what it sees into /tmp (a
    /// tmpfs in the container, read from the host through /proc/PID/root).
    func startWatcher(_ id: String, extraResources: [String: Any] = [:]) throws -> Int {
        let script = """
            i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; \
            cat /sys/fs/cgroup/memory/memory.limit_in_bytes > /tmp/memory 2>/dev/null; \
            cat /sys/fs/cgroup/pids/pids.max > /tmp/pids 2>/dev/null; sleep 0.05; done
            """
        sandbox.set("process.args", ["sh", "-c", script])
        var resources = sandbox.config["linux"].flatMap { ($0 as? [String: Any])?["resources"] as? [String: Any] } ?? [:]
        for (k, v) in extraResources { resources[k] = v }
        sandbox.set("linux.resources", resources)
        try sandbox.writeConfig()
        let r = sandbox.runtime(["run", "-d", id])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(sandbox.state(id)?["pid"] as? Int)
    }

    // MARK: - resources at create and update

    func testCreateAppliesEveryResource() throws {
        let id = sandbox.newID("cg")
        _ = try startWatcher(id, extraResources: [
            "memory": ["limit": 64 << 20, "reservation": 32 << 20, "swap": 96 << 20],
            "cpu": ["shares": 512, "quota": 20000, "period": 100000, "cpus": "0", "mems": "0"],
            "pids": ["limit": 50],
            "blockIO": ["weight": 200],
        ])
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.limit_in_bytes"), "\(64 << 20)")
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.soft_limit_in_bytes"), "\(32 << 20)")
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.memsw.limit_in_bytes"), "\(96 << 20)")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.shares"), "512")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.cfs_quota_us"), "20000")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.cfs_period_us"), "100000")
        XCTAssertEqual(try cgroupFile(id, "cpuset", "cpuset.cpus"), "0")
        XCTAssertEqual(try cgroupFile(id, "cpuset", "cpuset.mems"), "0")
        XCTAssertEqual(try cgroupFile(id, "pids", "pids.max"), "50")
        XCTAssertEqual(try blkioWeight(id), "200")
        // The container's own view (cgroup namespace) shows the same limits.
        let pid = try XCTUnwrap(sandbox.state(id)?["pid"] as? Int)
        waitFor { self.seen(pid, "pids") == "50" }
        XCTAssertEqual(seen(pid, "memory"), "\(64 << 20)")
        XCTAssertEqual(seen(pid, "pids"), "50")
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    func testUpdateFlagsChangeLimitsLive() throws {
        let id = sandbox.newID("cg")
        let pid = try startWatcher(id)
        let r = sandbox.runtime(["update", "--memory", "128m", "--memory-reservation", "64M", "--memory-swap", "256MiB",
                                 "--cpu-share", "256", "--cpu-quota", "30000", "--cpu-period", "100000",
                                 "--cpuset-cpus", "0", "--cpuset-mems", "0", "--pids-limit", "20",
                                 "--blkio-weight", "300", id])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.limit_in_bytes"), "\(128 << 20)")
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.soft_limit_in_bytes"), "\(64 << 20)")
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.memsw.limit_in_bytes"), "\(256 << 20)")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.shares"), "256")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.cfs_quota_us"), "30000")
        XCTAssertEqual(try cgroupFile(id, "cpuset", "cpuset.cpus"), "0")
        XCTAssertEqual(try cgroupFile(id, "pids", "pids.max"), "20")
        XCTAssertEqual(try blkioWeight(id), "300")
        waitFor { self.seen(pid, "pids") == "20" }
        XCTAssertEqual(seen(pid, "pids"), "20", "the container sees the new pids limit")
        XCTAssertEqual(seen(pid, "memory"), "\(128 << 20)", "the container sees the new memory limit")

        // Only what is given changes; -1 means unlimited; units as runc's.
        XCTAssertEqual(sandbox.runtime(["update", "--pids-limit", "-1", id]).status, 0)
        XCTAssertEqual(try cgroupFile(id, "pids", "pids.max"), "max")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.shares"), "256")
        XCTAssertEqual(sandbox.runtime(["update", "--memory", "1.5g", "--memory-swap", "-1", id]).status, 0)
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.limit_in_bytes"), "\(3 << 29)")
        XCTAssertEqual(sandbox.runtime(["update", "--cpu-quota", "-1", id]).status, 0)
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.cfs_quota_us"), "-1")

        if isSwiftlet {
            // The stored config follows, so later updates build on it.
            let resources = try storedResources(id)
            XCTAssertEqual((resources["memory"] as? [String: Any])?["limit"] as? Int, 3 << 29)
            XCTAssertEqual((resources["memory"] as? [String: Any])?["reservation"] as? Int, 64 << 20)
            XCTAssertEqual((resources["pids"] as? [String: Any])?["limit"] as? Int, -1)
            XCTAssertEqual((resources["cpu"] as? [String: Any])?["shares"] as? Int, 256)
            XCTAssertEqual((resources["blockIO"] as? [String: Any])?["weight"] as? Int, 300)
            XCTAssertNotNil(resources["devices"], "device rules stay in the stored config")
        }
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    func testUpdateFromResourcesFileAndStdin() throws {
        let id = sandbox.newID("cg")
        _ = try startWatcher(id)
        let json = #"{"memory": {"limit": 100663296}, "cpu": {"shares": 300}, "pids": {"limit": 40}}"#
        // Flags are ignored when --resources is given, as runc documents.
        let r = sandbox.runtime(["update", "-r", "-", "--pids-limit", "7", id], stdin: json)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.limit_in_bytes"), "100663296")
        XCTAssertEqual(try cgroupFile(id, "cpu", "cpu.shares"), "300")
        XCTAssertEqual(try cgroupFile(id, "pids", "pids.max"), "40")

        let file = sandbox.dir + "/resources.json"
        try #"{"pids": {"limit": 33}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(sandbox.runtime(["update", "--resources", file, id]).status, 0)
        XCTAssertEqual(try cgroupFile(id, "pids", "pids.max"), "33")
        XCTAssertEqual(try cgroupFile(id, "memory", "memory.limit_in_bytes"), "100663296", "omitted values stay")

        let bad = sandbox.runtime(["update", "-r", "-", id], stdin: #"{"memory": {"limit": "lots"}}"#)
        XCTAssertEqual(bad.status, 1)
        if isSwiftlet { XCTAssertTrue(bad.stderr.contains("memory.limit"), bad.stderr) }
        let missing = sandbox.runtime(["update", "-r", sandbox.dir + "/nope.json", id])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    func testUpdateErrors() throws {
        let id = sandbox.newID("cg")
        _ = try startWatcher(id)
        for (args, message) in [(["--memory", "abc"], "invalid value for memory: invalid size: 'abc'"),
                                (["--cpu-period", "x"], "invalid value for cpu-period: strconv.ParseUint: parsing \\\"x\\\": invalid syntax"),
                                (["--cpu-quota", "1.5"], "invalid value for cpu-quota"),
                                (["--l3-cache-schema", "L3:0=f"], "Intel RDT/CAT: l3 cache schema is not enabled"),
                                (["--mem-bw-schema", "MB:0=50"], "Intel RDT/MBA: memory bandwidth schema is not enabled")] {
            let r = sandbox.runtime(["update"] + args + [id])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        XCTAssertTrue(sandbox.runtime(["update", "--memory", "1m", "nosuch"]).stderr.contains("container does not exist"))
        XCTAssertEqual(sandbox.runtime(["kill", id, "KILL"]).status, 0)
        waitFor { self.sandbox.state(id)?["status"] as? String == "stopped" }
        let stopped = sandbox.runtime(["update", "--memory", "100M", id])
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.stderr.contains("container not running"), stopped.stderr)
        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        assertNothingLeft(id)
    }

    // MARK: - pause / resume

    func testPauseFreezesAndResumeThaws() throws {
        let id = sandbox.newID("cg")
        let pid = try startWatcher(id)
        waitFor { (Int(self.seen(pid, "counter") ?? "") ?? 0) > 2 }
        XCTAssertEqual(sandbox.runtime(["resume", id]).stderr.contains("container not paused"), true)

        let p = sandbox.runtime(["pause", id])
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "paused")
        XCTAssertEqual(try cgroupFile(id, "freezer", "freezer.state"), "FROZEN")
        let list = sandbox.runtime(["list"])
        XCTAssertTrue(list.stdout.split(separator: "\n").contains { $0.hasPrefix(id) && $0.contains(" paused ") }, list.stdout)
        let frozenAt = seen(pid, "counter")
        usleep(400_000)
        XCTAssertEqual(seen(pid, "counter"), frozenAt, "a paused container's counter must not move")
        let again = sandbox.runtime(["pause", id])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("container not running"), again.stderr)
        XCTAssertNotEqual(sandbox.runtime(["delete", id]).status, 0, "a paused container needs --force")

        let r = sandbox.runtime(["resume", id])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running")
        XCTAssertEqual(try cgroupFile(id, "freezer", "freezer.state"), "THAWED")
        waitFor { self.seen(pid, "counter") != frozenAt }
        XCTAssertNotEqual(seen(pid, "counter"), frozenAt, "the counter moves again after resume")
        let notPaused = sandbox.runtime(["resume", id])
        XCTAssertEqual(notPaused.status, 1)
        XCTAssertTrue(notPaused.stderr.contains("container not paused"), notPaused.stderr)

        // delete --force of a paused container thaws and kills it.
        XCTAssertEqual(sandbox.runtime(["pause", id]).status, 0)
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    // MARK: - ps

    func testPsListsTheContainersProcesses() throws {
        let id = sandbox.newID("cg")
        let pid = try startWatcher(id)
        let json = sandbox.runtime(["ps", "--format", "json", id])
        XCTAssertEqual(json.status, 0, json.stderr)
        let pids = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Int])
        XCTAssertTrue(pids.contains(pid), "\(pids) lacks the init \(pid)")
        for p in pids { XCTAssertTrue(inContainer(p, id) || !isAlive(p), "pid \(p) is not in the container's cgroup") }

        let table = sandbox.runtime(["ps", id])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.contains("PID") == true, table.stdout)
        XCTAssertTrue(lines.dropFirst().contains { $0.contains("sh -c") }, table.stdout)
        let pidColumn = lines.first!.split(separator: " ").firstIndex(of: "PID")!
        for line in lines.dropFirst() {
            let shown = Int(line.split(separator: " ")[pidColumn]) ?? -1
            XCTAssertTrue(pids.contains(shown) || inContainer(shown, id) || !isAlive(shown), "ps shows a foreign process: \(line)")
        }

        let custom = sandbox.runtime(["ps", id, "-o", "pid,comm"])
        XCTAssertEqual(custom.status, 0, custom.stderr)
        XCTAssertTrue(custom.stdout.contains("\(pid) sh"), custom.stdout)
        let noPid = sandbox.runtime(["ps", id, "-o", "comm"])
        XCTAssertEqual(noPid.status, 1)
        XCTAssertTrue(noPid.stderr.contains("couldn't find PID field in ps output"), noPid.stderr)
        let badFormat = sandbox.runtime(["ps", "-f", "xml", id])
        XCTAssertTrue(badFormat.stderr.contains("invalid format option"), badFormat.stderr)
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    // MARK: - events

    func testEventsStatsPrintsOneJSONLine() throws {
        let id = sandbox.newID("cg")
        _ = try startWatcher(id)
        let r = sandbox.runtime(["events", "--stats", id])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.filter { $0 == "\n" }.count, 1, r.stdout)
        let event = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "stats")
        XCTAssertEqual(event["id"] as? String, id)
        let data = try XCTUnwrap(event["data"] as? [String: Any])
        let memory = try XCTUnwrap(data["memory"] as? [String: Any])
        XCTAssertEqual((memory["usage"] as? [String: Any])?["limit"] as? Int, 268435456)
        XCTAssertGreaterThan((memory["usage"] as? [String: Any])?["usage"] as? Int ?? 0, 0)
        let pids = try XCTUnwrap(data["pids"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(pids["current"] as? Int ?? 0, 1)
        XCTAssertEqual(pids["limit"] as? Int, 256)
        let cpu = try XCTUnwrap((data["cpu"] as? [String: Any])?["usage"] as? [String: Any])
        XCTAssertGreaterThan(cpu["total"] as? Int ?? 0, 0)
        for key in ["blkio", "hugetlb", "intel_rdt", "cpuset"] { XCTAssertNotNil(data[key], key) }
        XCTAssertTrue(data.keys.contains("network_interfaces"))

        XCTAssertTrue(sandbox.runtime(["events", "--interval", "0s", id]).stderr.contains("duration interval must be greater than 0"))
        XCTAssertEqual(sandbox.runtime(["kill", id, "KILL"]).status, 0)
        waitFor { self.sandbox.state(id)?["status"] as? String == "stopped" }
        let stopped = sandbox.runtime(["events", "--stats", id])
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.stderr.contains("container with id \(id) is not running"), stopped.stderr)
        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        assertNothingLeft(id)
    }

    func testEventsStreamsStatsAndEndsWithTheContainer() throws {
        try XCTSkipUnless(isSwiftlet, "runc keeps watching until the cgroup is removed")
        let id = sandbox.newID("cg")
        _ = try startWatcher(id)
        let events = try Background(["--root", sandbox.root, "events", "--interval", "200ms", id])
        usleep(900_000)
        XCTAssertTrue(events.isRunning, "events must keep running while the container does")
        XCTAssertEqual(sandbox.runtime(["kill", id, "KILL"]).status, 0)
        XCTAssertTrue(events.wait(seconds: 5), "events must exit once the container stops")
        XCTAssertEqual(events.status, 0)
        let lines = events.output.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 3, events.output)
        for line in lines {
            let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            XCTAssertEqual(event?["type"] as? String, "stats")
            XCTAssertEqual(event?["id"] as? String, id)
        }
        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        assertNothingLeft(id)
    }

    func testEventsReportsOOM() throws {
        let id = sandbox.newID("cg")
        // dd's 64 MiB buffer cannot fit: the kernel kills dd, the shell lives on.
        sandbox.set("process.args", ["sh", "-c", "while true; do dd if=/dev/zero of=/dev/null bs=64M count=1 2>/dev/null; sleep 0.3; done"])
        sandbox.set("linux.resources.memory", ["limit": 16 << 20, "swap": 16 << 20])
        try sandbox.writeConfig()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        let r = sandbox.runtime(["events", "--interval", "10s", id], timeout: 3)
        let ooms = r.stdout.split(separator: "\n").filter { $0 == #"{"type":"oom","id":"\#(id)"}"# }
        XCTAssertGreaterThanOrEqual(ooms.count, 1, r.stdout + r.stderr)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running")
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id]).status, 0)
        assertNothingLeft(id)
    }

    // MARK: - signalling everything in the cgroup

    func testKillAllAndDeleteForceReachEveryProcessWithoutPidNamespace() throws {
        var linux = sandbox.config["linux"] as! [String: Any]
        linux["namespaces"] = (linux["namespaces"] as! [[String: Any]]).filter { $0["type"] as? String != "pid" }
        sandbox.config["linux"] = linux
        sandbox.set("process.args", ["sh", "-c", "sleep 100 & sleep 101 & exec sleep 102"])
        try sandbox.writeConfig()

        let id = sandbox.newID("cg")
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        waitFor { self.pids(id).count == 3 }
        let before = pids(id)
        XCTAssertEqual(before.count, 3, "\(before)")
        XCTAssertEqual(sandbox.runtime(["kill", "--all", id, "KILL"]).status, 0)
        waitFor { before.allSatisfy { !self.isAlive($0) } }
        for p in before { XCTAssertFalse(isAlive(p), "pid \(p) survived kill --all") }
        XCTAssertEqual(sandbox.runtime(["delete", id]).status, 0)
        assertNothingLeft(id)

        let id2 = sandbox.newID("cg")
        XCTAssertEqual(sandbox.runtime(["run", "-d", id2]).status, 0)
        waitFor { self.pids(id2).count == 3 }
        let running = pids(id2)
        XCTAssertEqual(running.count, 3)
        XCTAssertEqual(sandbox.runtime(["delete", "--force", id2]).status, 0)
        waitFor { running.allSatisfy { !self.isAlive($0) } }
        for p in running { XCTAssertFalse(isAlive(p), "pid \(p) survived delete --force") }
        assertNothingLeft(id2)
    }

    // MARK: - helpers

    var isSwiftlet: Bool { !Harness.runtime.hasSuffix("runc") }

    func pids(_ id: String) -> [Int] {
        let r = sandbox.runtime(["ps", "--format", "json", id])
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Int]) ?? []
    }

    func isAlive(_ pid: Int) -> Bool {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return false }
        return s[s.index(close, offsetBy: 2)] != "Z"
    }

    func inContainer(_ pid: Int, _ id: String) -> Bool {
        ((try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)) ?? "").contains("/" + id)
    }

    /// What the container last wrote to /tmp/NAME.
    func seen(_ pid: Int, _ name: String) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/root/tmp/\(name)", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The container's state file (ours or runc's).
    func stateFile(_ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: sandbox.root + "/" + id + "/state.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func storedResources(_ id: String) throws -> [String: Any] {
        let config = try XCTUnwrap(try stateFile(id)["config"] as? [String: Any])
        return try XCTUnwrap((config["linux"] as? [String: Any])?["resources"] as? [String: Any])
    }

    /// Directory of `controller` for the container, from its recorded paths.
    func cgroupDirectory(_ id: String, _ controller: String) throws -> String {
        let state = try stateFile(id)
        let paths = (state["cgroup"] as? [String: Any])?["paths"] as? [String: String]
            ?? state["cgroup_paths"] as? [String: String] ?? [:]
        return try XCTUnwrap(paths[controller], "no \(controller) path in \(paths)")
    }

    func cgroupFile(_ id: String, _ controller: String, _ file: String) throws -> String {
        try String(contentsOfFile: cgroupDirectory(id, controller) + "/" + file, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// CFQ's blkio.weight or, on newer kernels, BFQ's.
    func blkioWeight(_ id: String) throws -> String {
        let dir = try cgroupDirectory(id, "blkio")
        for file in ["blkio.weight", "blkio.bfq.weight"] where FileManager.default.fileExists(atPath: dir + "/" + file) {
            return try cgroupFile(id, "blkio", file)
        }
        throw XCTSkip("no blkio weight file on this host")
    }
}

/// The runtime running in the background, its stdout collected in a file.
final class Background {
    let process = Process()
    let outPath = NSTemporaryDirectory() + "swiftlet-bg-\(UUID().uuidString)"

    init(_ args: [String]) throws {
        FileManager.default.createFile(atPath: outPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Harness.runtime)
        process.arguments = args
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle.standardError
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: outPath)
    }

    var isRunning: Bool { process.isRunning }
    var status: Int32 { process.terminationStatus }
    var output: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }
}
