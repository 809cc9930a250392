import Foundation
import XCTest

/// CVE-2019-5736 class: a container must never reach the runtime's binary
/// through /proc/<pid>/exe of a runtime process that lives in its namespaces
/// (the waiting init of a created container, the staged `exec` process), nor
/// those processes' fds. swiftlet runs its own binary in those processes (no
/// copy per call), so they are made non-dumpable until execve.
///
/// The attacks run against a private copy of the runtime binary, so a
/// regression overwrites the copy, not the build.
final class SecurityRuntimeBinaryTests: IntegrationTestCase {
    private var copy = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        copy = sandbox.dir + "/runtime-copy"
        try FileManager.default.copyItem(atPath: Harness.runtime, toPath: copy)
    }

    @discardableResult
    private func rt(_ args: [String], timeout: TimeInterval = 30) -> Harness.Result {
        Harness.exec(copy, ["--root", sandbox.root] + args, cwd: sandbox.bundle, timeout: timeout)
    }

    /// The init of a created container still runs the runtime's code, with
    /// the container's credentials, until `start`.
    func testCreatedInitIsNotReachable() throws {
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(rt(["create", id]).status, 0)
        let probe = """
            for f in exe cwd root fd/0 fd/3 fd/4 fd/5 fd/6; do readlink /proc/1/$f >/dev/null 2>&1 && echo "readlink $f"; done
            for f in exe environ mem maps; do cat /proc/1/$f >/dev/null 2>&1 && echo "open $f"; done
            (exec 5</proc/1/exe) 2>/dev/null && echo "held exe"
            echo probed
            """
        let r = rt(["exec", id, "sh", "-c", probe])
        XCTAssertEqual(r.stdout, "probed\n", "the waiting init is reachable: \(r.stdout) \(r.stderr)")
        // Start still works: the fifo is reopened through the init's own /proc/self/fd.
        XCTAssertEqual(rt(["start", id]).status, 0)
        XCTAssertEqual(sandbox.state(id)?["status"] as? String, "running")
    }

    /// The full attack: hold /proc/1/exe of the created init, let `start`
    /// exec the user program, then write through the held fd.
    func testBinaryCannotBeOverwrittenThroughCreatedInit() throws {
        let before = HostFiles.sha256(copy)
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(rt(["create", id]).status, 0)
        let attack = """
            # A failed redirection on `exec` would end the shell: try in a subshell first.
            if (exec 5</proc/1/exe) 2>/dev/null; then exec 5</proc/1/exe; echo held > /tmp/attack; fi
            touch /tmp/ready
            while [ "$(cat /proc/1/comm)" != sleep ]; do usleep 10000; done
            echo '#!/bin/sh' > /proc/self/fd/5 2>/dev/null && echo wrote >> /tmp/attack
            echo done >> /tmp/attack
            sleep 60
            """
        XCTAssertEqual(rt(["exec", "-d", id, "sh", "-c", attack]).status, 0)
        waitFor { self.rt(["exec", id, "test", "-e", "/tmp/ready"]).status == 0 }
        XCTAssertEqual(rt(["start", id]).status, 0)
        waitFor { self.rt(["exec", id, "grep", "-q", "done", "/tmp/attack"]).status == 0 }
        XCTAssertEqual(rt(["exec", id, "cat", "/tmp/attack"]).stdout, "done\n", "the attacker got hold of the binary")
        XCTAssertEqual(HostFiles.sha256(copy), before, "the runtime binary was modified")
    }

    /// While `exec` processes are being set up, a process in the container
    /// scans every visible pid for the runtime binary. With and without a
    /// pid namespace (without one, the waiting `swiftlet exec` parents are
    /// visible too).
    func testExecProcessesAreNotReachable() throws {
        for sharePidNamespace in [false, true] {
            if sharePidNamespace { sandbox.removeNamespace("pid") }
            let before = HostFiles.sha256(copy)
            sandbox.set("process.args", ["sleep", "120"])
            try sandbox.writeConfig()
            let id = sandbox.newID()
            XCTAssertEqual(rt(["run", "-d", id]).status, 0)
            let scanner = """
                : > /tmp/hits; touch /tmp/scanning; end=$(( $(date +%s) + 4 ))
                while [ $(date +%s) -lt $end ]; do
                  for p in /proc/[0-9]*; do
                    l=$(readlink $p/exe 2>/dev/null) || continue
                    case "$l" in *runtime-copy*) echo "$p $l" >> /tmp/hits; (exec 5<$p/exe) 2>/dev/null && echo "opened $p" >> /tmp/hits;; esac
                  done
                done
                echo finished > /tmp/scan-done
                """
            XCTAssertEqual(rt(["exec", "-d", id, "sh", "-c", scanner]).status, 0)
            waitFor { self.rt(["exec", id, "test", "-e", "/tmp/scanning"]).status == 0 }
            var execs = 0
            while rt(["exec", id, "test", "-e", "/tmp/scan-done"]).status != 0 && execs < 200 { execs += 1 }
            XCTAssertGreaterThan(execs, 5, "the scan should overlap many exec set-ups")
            let hits = rt(["exec", id, "cat", "/tmp/hits"])
            XCTAssertEqual(hits.status, 0, hits.stderr)
            XCTAssertEqual(hits.stdout, "", "a runtime process was reachable (shared pid ns: \(sharePidNamespace))")
            XCTAssertEqual(HostFiles.sha256(copy), before)
            rt(["delete", "-f", id])
        }
    }

    /// Non-dumpable until execve must not break user-namespaced containers:
    /// a non-dumpable task's /proc files belong to the host's root.
    func testUserNamespaceContainerStillWorks() throws {
        sandbox.useUserNamespace()
        sandbox.set("process.oomScoreAdj", 100)
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(rt(["create", id]).status, 0)
        let probe = rt(["exec", id, "sh", "-c", "readlink /proc/1/exe >/dev/null 2>&1 && echo reachable; id -u"])
        XCTAssertEqual(probe.stdout, "0\n", probe.stderr)
        XCTAssertEqual(rt(["start", id]).status, 0)
        // A dumpable task's /proc files belong to its (mapped) uid, a
        // non-dumpable one's to the unmapped host root (65534 here).
        let r = rt(["exec", id, "sh", "-c", "cat /proc/self/oom_score_adj; stat -c %u /proc/self/status /proc/1/status; readlink /proc/1/exe"])
        XCTAssertEqual(r.stdout, "100\n0\n0\n/bin/busybox\n", "the user program is dumpable again: \(r.stderr)")
    }
}
