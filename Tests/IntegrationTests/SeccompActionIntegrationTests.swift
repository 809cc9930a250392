import Foundation
import XCTest

/// linux.seccomp through real containers: every action, `names` groups,
/// errnoRet/defaultErrnoRet, unknown syscall names and flags. Each probe makes
/// one syscall and exits with its errno (SyscallProbe), so a filter's effect
/// is read from exit statuses.
final class SeccompActionIntegrationTests: IntegrationTestCase {
    typealias NR = SyscallProbe.NR
    static let sigsysStatus = 128 + 31

    private func rule(_ names: [String], _ action: String, errnoRet: Int? = nil,
                      args: [[String: Any]]? = nil) -> [String: Any] {
        var r: [String: Any] = ["names": names, "action": action]
        if let errnoRet { r["errnoRet"] = errnoRet }
        if let args { r["args"] = args }
        return r
    }

    func testEveryActionOnAnAllowByDefaultFilter() throws {
        try sandbox.installProbes([
            "baseline": SyscallProbe.single(NR.sched_getparam),              // EINVAL, unfiltered
            "errno": SyscallProbe.single(NR.sched_get_priority_max),         // 0 unfiltered
            "errno-default": SyscallProbe.single(NR.sched_get_priority_min), // 0 unfiltered
            "trace": SyscallProbe.single(NR.sched_getscheduler),             // 0 unfiltered
            "log": SyscallProbe.single(NR.getcpu),
            "kill": SyscallProbe.threaded(NR.times),
            "kill-single": SyscallProbe.single(NR.times),
            "kill-thread": SyscallProbe.threaded(NR.getrusage),
            "kill-process": SyscallProbe.threaded(NR.sysinfo),
            "trap": SyscallProbe.threaded(NR.fdatasync),
        ])
        sandbox.setSeccomp([
            "defaultAction": "SCMP_ACT_ALLOW",
            "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            "syscalls": [
                rule(["sched_get_priority_max"], "SCMP_ACT_ERRNO", errnoRet: 77),
                rule(["sched_get_priority_min"], "SCMP_ACT_ERRNO"),
                rule(["sched_getscheduler"], "SCMP_ACT_TRACE"),
                rule(["getcpu"], "SCMP_ACT_LOG"),
                rule(["times"], "SCMP_ACT_KILL"),
                rule(["getrusage"], "SCMP_ACT_KILL_THREAD"),
                rule(["sysinfo"], "SCMP_ACT_KILL_PROCESS"),
                rule(["fdatasync"], "SCMP_ACT_TRAP"),
            ],
        ])
        let names = ["baseline", "errno", "errno-default", "trace", "log", "kill", "kill-single", "kill-thread",
                     "kill-process", "trap"]
        let out = try output(["sh", "-c", Sandbox.probeScript(names) + "; grep Seccomp /proc/self/status"])
        let got = Sandbox.probeResults(out)
        XCTAssertEqual(got["baseline"], Int(EINVAL), out)
        XCTAssertEqual(got["errno"], 77, "SCMP_ACT_ERRNO returns errnoRet: \(out)")
        XCTAssertEqual(got["errno-default"], Int(EPERM), "SCMP_ACT_ERRNO without errnoRet is EPERM: \(out)")
        XCTAssertEqual(got["trace"], Int(ENOSYS), "SCMP_ACT_TRACE without a tracer is ENOSYS: \(out)")
        XCTAssertEqual(got["log"], 0, "SCMP_ACT_LOG lets the call through: \(out)")
        XCTAssertEqual(got["kill"], Int(SyscallProbe.threadedExit), "SCMP_ACT_KILL is KILL_THREAD: \(out)")
        XCTAssertEqual(got["kill-single"], Self.sigsysStatus, out)
        XCTAssertEqual(got["kill-thread"], Int(SyscallProbe.threadedExit), "only the thread dies: \(out)")
        XCTAssertEqual(got["kill-process"], Self.sigsysStatus, "the whole process dies: \(out)")
        XCTAssertEqual(got["trap"], Self.sigsysStatus, "SIGSYS's default action ends the process: \(out)")
        XCTAssertTrue(out.contains("Seccomp:\t2"), "filter mode inside the container: \(out)")
        XCTAssertTrue(out.contains("Seccomp_filters:\t1"), out)
    }

    /// TRAP delivers a catchable SIGSYS where KILL_PROCESS just ends the process.
    func testTrapIsACatchableSignal() throws {
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            rule(["kill"], "SCMP_ACT_TRAP", args: [["index": 0, "value": 4242, "op": "SCMP_CMP_EQ"]]),
            rule(["kill"], "SCMP_ACT_KILL_PROCESS", args: [["index": 0, "value": 4343, "op": "SCMP_CMP_EQ"]]),
        ]])
        let trap = "trap 'echo caught' SYS; kill -0 4242 2>/dev/null; echo after"
        let out = try output(["sh", "-c", "sh -c \"\(trap)\"; sh -c \"trap 'echo caught' SYS; kill -0 4343; echo after\"; echo status=$?"])
        XCTAssertEqual(out.split(separator: "\n").map(String.init), ["caught", "after", "status=\(Self.sigsysStatus)"])
    }

    /// One rule for several names; names libseccomp does not know are skipped,
    /// not fatal (runc logs them at debug level).
    func testNamesGroupAndUnknownNames() throws {
        try sandbox.installProbes([
            "a": SyscallProbe.single(NR.sched_rr_get_interval, [0, 0]),
            "b": SyscallProbe.single(NR.getitimer, [0, 0]),
            "c": SyscallProbe.single(NR.mincore, [0, 0, 0]),
        ])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            rule(["no_such_syscall_xyz", "sched_rr_get_interval", "getitimer", "another_unknown"], "SCMP_ACT_ERRNO", errnoRet: 78),
        ]])
        let got = Sandbox.probeResults(try output(["sh", "-c", Sandbox.probeScript(["a", "b", "c"])]))
        XCTAssertEqual(got["a"], 78)
        XCTAssertEqual(got["b"], 78)
        XCTAssertNotEqual(got["c"], 78, "a syscall outside the group is not affected")
    }

    /// A deny-by-default filter with defaultErrnoRet; the filter is loaded
    /// last, so only the probe's own calls need allowing.
    func testDefaultErrnoRetAndExplicitAllow() throws {
        try sandbox.installProbes(["denied": SyscallProbe.single(NR.sched_getparam),
                                   "allowed": SyscallProbe.single(NR.sched_get_priority_max)])
        let allow = rule(["execve", "exit", "exit_group", "sched_get_priority_max"], "SCMP_ACT_ALLOW")
        for (ret, expected) in [(77, 77), (nil, Int(EPERM))] as [(Int?, Int)] {
            var seccomp: [String: Any] = ["defaultAction": "SCMP_ACT_ERRNO", "syscalls": [allow]]
            if let ret { seccomp["defaultErrnoRet"] = ret }
            sandbox.setSeccomp(seccomp)
            let denied = try sandbox.run(["/bin/p-denied"])
            XCTAssertEqual(denied.status, Int32(expected), "defaultErrnoRet \(String(describing: ret)): \(denied.stderr)")
            let allowed = try sandbox.run(["/bin/p-allowed"])
            XCTAssertEqual(allowed.status, 0, "SCMP_ACT_ALLOW: \(allowed.stderr)")
        }
    }

    /// Without noNewPrivileges the filter is loaded before the user switch
    /// (it needs CAP_SYS_ADMIN then), so the runtime's remaining setup runs
    /// under it too and must still work with a restrictive default.
    func testFilterWithoutNoNewPrivileges() throws {
        sandbox.set("process.noNewPrivileges", false)
        sandbox.set("process.user", ["uid": 1000, "gid": 1000])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            rule(["getcpu"], "SCMP_ACT_ERRNO", errnoRet: 79)]])
        try sandbox.installProbes(["getcpu": SyscallProbe.single(NR.getcpu)])
        let out = try output(["sh", "-c", Sandbox.probeScript(["getcpu"]) + "; id -u; grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status"])
        XCTAssertTrue(out.contains("getcpu=79"), out)
        XCTAssertTrue(out.contains("1000"), out)
        XCTAssertTrue(out.contains("NoNewPrivs:\t0"), out)
        XCTAssertTrue(out.contains("Seccomp:\t2"), out)
    }

    func testFlags() throws {
        try sandbox.installProbes(["p": SyscallProbe.single(NR.getcpu)])
        for flags in [[], ["SECCOMP_FILTER_FLAG_LOG"], ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"], ["SECCOMP_FILTER_FLAG_TSYNC"],
                      ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                      ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"]] {
            sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "flags": flags,
                                "syscalls": [rule(["getcpu"], "SCMP_ACT_ERRNO", errnoRet: 80)]])
            let r = try sandbox.run(["/bin/p-p"])
            XCTAssertEqual(r.status, 80, "flags \(flags): \(r.stderr)")
        }
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_BOGUS"],
                            "syscalls": [rule(["getcpu"], "SCMP_ACT_ERRNO")]])
        let bad = try sandbox.run(["/bin/p-p"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("linux.seccomp.flags[0]"), bad.stderr)
    }

    func testBadActionIsAClearError() throws {
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [rule(["getcpu"], "SCMP_ACT_EXPLODE")]])
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("linux.seccomp.syscalls[0].action"), r.stderr)
        assertNothingLeft()
    }

    /// `exec` loads the container's filter into the new process as well.
    func testExecProcessIsFiltered() throws {
        try sandbox.installProbes(["p": SyscallProbe.single(NR.getcpu)])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [rule(["getcpu"], "SCMP_ACT_ERRNO", errnoRet: 81)]])
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        let r = sandbox.runtime(["exec", id, "sh", "-c", "/bin/p-p; echo $?; grep Seccomp: /proc/self/status"])
        XCTAssertEqual(r.stdout, "81\nSeccomp:\t2\n", r.stderr)
    }
}
