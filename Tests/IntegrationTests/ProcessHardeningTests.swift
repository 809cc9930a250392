import Foundation
import XCTest

/// The process attributes of config.md / config-linux.md, seen from inside
/// real containers (run and exec), including the settings this host cannot
/// honour, which must fail clearly instead of being dropped.
final class ProcessHardeningTests: IntegrationTestCase {
    private func assertCreateFails(mentioning expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0, "must fail", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "stderr lacks \(expected): \(r.stderr)", file: file, line: line)
        assertNothingLeft(file: file, line: line)
    }

    func testNoNewPrivileges() throws {
        for (value, shown) in [(false, "0"), (true, "1")] {
            sandbox.set("process.noNewPrivileges", value)
            let id = try sandbox.startDetached(["sleep", "60"])
            let run = sandbox.runtime(["exec", id, "grep", "NoNewPrivs", "/proc/1/status"])
            XCTAssertEqual(run.stdout, "NoNewPrivs:\t\(shown)\n", run.stderr)
            let exec = sandbox.runtime(["exec", id, "grep", "NoNewPrivs", "/proc/self/status"])
            XCTAssertEqual(exec.stdout, "NoNewPrivs:\t\(shown)\n", "exec follows the config: \(exec.stderr)")
        }
    }

    func testRlimitsSoftAndHardInRunAndExec() throws {
        sandbox.set("process.rlimits", [["type": "RLIMIT_NOFILE", "hard": 512, "soft": 256],
                                        ["type": "RLIMIT_CORE", "hard": 8192, "soft": 4096],
                                        ["type": "RLIMIT_NPROC", "hard": 300, "soft": 200]])
        let id = try sandbox.startDetached(["sleep", "60"])
        for target in ["1", "self"] {
            let r = sandbox.runtime(["exec", id, "grep", "-E", "^Max (open files|core file size|processes)", "/proc/\(target)/limits"])
            let rows = r.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            XCTAssertEqual(Set(rows), ["Max core file size 4096 8192 bytes", "Max processes 200 300 processes",
                                       "Max open files 256 512 files"], "/proc/\(target)/limits: \(r.stdout) \(r.stderr)")
        }
    }

    /// Lowering a score needs CAP_SYS_RESOURCE, which the test host may withhold.
    static var negativeScores: [Int] {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let eff = status.split(separator: "\n").first { $0.hasPrefix("CapEff:") }
            .flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) } ?? 0
        return eff & (1 << 24) != 0 ? [-321] : []
    }

    func testOOMScoreAdjInRunAndExec() throws {
        for adj in [321] + Self.negativeScores {
            sandbox.set("process.oomScoreAdj", adj)
            let id = try sandbox.startDetached(["sleep", "60"])
            let r = sandbox.runtime(["exec", id, "cat", "/proc/1/oom_score_adj", "/proc/self/oom_score_adj"])
            XCTAssertEqual(r.stdout, "\(adj)\n\(adj)\n", r.stderr)
        }
    }

    /// In a user namespace the process cannot write its own oom_score_adj
    /// (non-dumpable after the credential change; lowering needs host
    /// CAP_SYS_RESOURCE), so the runtime sets it from the host side.
    func testOOMScoreAdjInUserNamespace() throws {
        sandbox.useUserNamespace()
        for adj in [222] + Self.negativeScores {
            sandbox.set("process.oomScoreAdj", adj)
            let id = try sandbox.startDetached(["sleep", "60"])
            let r = sandbox.runtime(["exec", id, "cat", "/proc/1/oom_score_adj", "/proc/self/oom_score_adj"])
            XCTAssertEqual(r.stdout, "\(adj)\n\(adj)\n", r.stderr)
        }
    }

    func testPersonality() throws {
        sandbox.set("linux.personality", ["domain": "LINUX32"])
        XCTAssertEqual(try output(["uname", "-m"]), "i686")
        sandbox.set("linux.personality", ["domain": "LINUX"])
        XCTAssertEqual(try output(["uname", "-m"]), "x86_64")
        sandbox.set("linux.personality", ["domain": "LINUX128"])
        try assertCreateFails(mentioning: "linux.personality.domain")
    }

    /// /proc/self/stat field 19 is the nice value, field 41 the policy.
    func testScheduler() throws {
        for (policy, number, nice) in [("SCHED_BATCH", 3, 7), ("SCHED_IDLE", 5, 0), ("SCHED_OTHER", 0, 5)] {
            sandbox.set("process.scheduler", ["policy": policy, "nice": nice])
            XCTAssertEqual(try output(["cut", "-d", " ", "-f", "19,41", "/proc/self/stat"]), "\(nice) \(number)", policy)
        }
    }

    func testIOPriority() throws {
        sandbox.set("process.ioPriority", ["class": "IOPRIO_CLASS_BE", "priority": 3])
        XCTAssertEqual(try output(["ionice"]), "best-effort: prio 3")
        sandbox.set("process.ioPriority", ["class": "IOPRIO_CLASS_IDLE", "priority": 0])
        XCTAssertTrue(try output(["ionice"]).hasPrefix("idle"))
    }

    func testExecCPUAffinityFinal() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.activeProcessorCount >= 2, "needs two CPUs")
        sandbox.set("process.execCPUAffinity", ["initial": "0", "final": "1"])
        let id = try sandbox.startDetached(["sleep", "60"])
        let r = sandbox.runtime(["exec", id, "grep", "Cpus_allowed_list", "/proc/1/status", "/proc/self/status"])
        XCTAssertEqual(r.stdout.split(separator: "\n").map { String($0.split(separator: "\t").last ?? "") }, ["1", "1"],
                       "run and exec end on the final CPU list: \(r.stdout) \(r.stderr)")
    }

    func testIntelRdtWithoutResctrlIsAClearError() throws {
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        try XCTSkipIf(mounts.contains(" - resctrl "), "this host has resctrl")
        sandbox.set("linux.intelRdt", ["closID": "guaranteed", "l3CacheSchema": "L3:0=f"])
        try assertCreateFails(mentioning: "linux.intelRdt")
        sandbox.set("linux.intelRdt", ["closID": "guaranteed"])
        try assertCreateFails(mentioning: "linux.intelRdt")
    }

    /// This host runs neither AppArmor nor SELinux: asking for a label must
    /// fail like runc, never run the container unconfined.
    func testLSMLabelsWithoutLSMAreClearErrors() throws {
        try XCTSkipIf(FileManager.default.fileExists(atPath: "/sys/kernel/security/apparmor")
                      || FileManager.default.fileExists(atPath: "/sys/fs/selinux/enforce"), "an LSM is active")
        sandbox.set("process.apparmorProfile", "docker-default")
        try assertCreateFails(mentioning: "process.apparmorProfile")
        sandbox.set("process.apparmorProfile", nil)
        sandbox.set("process.selinuxLabel", "system_u:system_r:container_t:s0")
        try assertCreateFails(mentioning: "process.selinuxLabel")
        sandbox.set("process.selinuxLabel", nil)
        sandbox.set("linux.mountLabel", "system_u:object_r:container_file_t:s0")
        try assertCreateFails(mentioning: "linux.mountLabel")
    }

    /// Each container gets its own session keyring `_ses.<id>`; with
    /// --no-new-keyring it keeps the caller's.
    func testSessionKeyring() throws {
        var linux = sandbox.config["linux"] as? [String: Any] ?? [:]
        linux["maskedPaths"] = (linux["maskedPaths"] as? [String] ?? []).filter { $0 != "/proc/keys" }
        sandbox.config["linux"] = linux
        sandbox.set("process.args", ["cat", "/proc/keys"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let own = sandbox.runtime(["run", id])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertTrue(own.stdout.contains("keyring   _ses.\(id): "), own.stdout)
        let shared = sandbox.newID()
        let r = sandbox.runtime(["run", "--no-new-keyring", shared])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("_ses.\(shared)"), r.stdout)
    }

    func testUmaskInRunAndExec() throws {
        sandbox.set("process.user", ["uid": 0, "gid": 0, "umask": 0o027])
        let id = try sandbox.startDetached(["sh", "-c", "umask > /tmp/umask; sleep 60"])
        let r = sandbox.runtime(["exec", id, "sh", "-c", "cat /tmp/umask; umask; touch /tmp/f; stat -c %a /tmp/f"])
        XCTAssertEqual(r.stdout, "0027\n0027\n640\n", r.stderr)
    }

    /// additionalGids are exactly the supplementary groups; without them the
    /// caller's groups are dropped.
    func testSupplementaryGroups() throws {
        sandbox.set("process.user", ["uid": 1000, "gid": 1000, "additionalGids": [5, 7]])
        XCTAssertEqual(try output(["grep", "^Groups:", "/proc/self/status"]), "Groups:\t5 7")
        sandbox.set("process.user", ["uid": 0, "gid": 0])
        XCTAssertEqual(try output(["grep", "^Groups:", "/proc/self/status"]), "Groups:")
    }

    func testHomeComesFromTheRootfsPasswd() throws {
        for (uid, home) in [(0, "/root"), (1000, "/home/user"), (4242, "/")] {
            sandbox.set("process.user", ["uid": uid, "gid": uid])
            XCTAssertEqual(try output(["sh", "-c", "echo $HOME"]), home, "uid \(uid)")
        }
        var env = sandbox.process["env"] as? [String] ?? []
        env.append("HOME=/custom")
        sandbox.set("process.env", env)
        XCTAssertEqual(try output(["sh", "-c", "echo $HOME"]), "/custom", "an explicit HOME wins")
    }
}
