import Foundation
import XCTest

/// CVE-2024-21626 class: no host fd (directories included, and the runtime's
/// cwd) reaches the container; every fd but stdio, --preserve-fds and
/// LISTEN_FDS is closed before execve. The runtime is started through a
/// shell holding extra host fds, like an engine that leaks some.
final class SecurityFDLeakTests: IntegrationTestCase {
    private var hostDir = ""
    private let marker = "host-marker-\(UUID().uuidString.prefix(6))"
    /// Host fds the runtime's caller holds: a file, a host directory and /.
    /// (Single-digit fds: /bin/sh may be dash.) 7 is a host directory, 8 is /.
    private var prelude: String { "exec 6</etc/hostname 7<'\(hostDir)' 8</ 9<'\(hostDir)/\(marker)'; cd '\(hostDir)'" }
    /// Prints `fd N -> target` for every fd >= 3 and the cwd, opening nothing itself.
    static let listing = "for n in $(seq 3 64); do [ -e /proc/self/fd/$n ] && echo \"fd $n -> $(readlink /proc/self/fd/$n)\"; done; "
        + "echo \"cwd $(readlink /proc/self/cwd)\"; echo \"markers $(ls . | grep -c host-marker)\""

    override func setUpWithError() throws {
        try super.setUpWithError()
        hostDir = sandbox.dir + "/hostdir"
        try FileManager.default.createDirectory(atPath: hostDir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: hostDir + "/" + marker, contents: Data("x".utf8))
    }

    private func lines(_ r: Harness.Result, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    func testRunLeaksNoFd() throws {
        sandbox.set("process.args", ["sh", "-c", Self.listing])
        try sandbox.writeConfig()
        let r = sandbox.runtimeThroughShell(prelude, ["run", "--bundle", sandbox.bundle, sandbox.newID()], cwd: hostDir)
        XCTAssertEqual(lines(r), ["cwd /", "markers 0"])
    }

    func testCreateStartLeaksNoFd() throws {
        sandbox.set("process.args", ["sh", "-c", "(" + Self.listing + ") > /tmp/out.part; mv /tmp/out.part /tmp/out; sleep 60"])
        sandbox.appendMount(["destination": "/tmp", "type": "tmpfs", "source": "tmpfs"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtimeThroughShell(prelude, ["create", "--bundle", sandbox.bundle, id], cwd: hostDir).status, 0)
        XCTAssertEqual(sandbox.runtimeThroughShell(prelude, ["start", id], cwd: hostDir).status, 0)
        waitFor { self.sandbox.runtime(["exec", id, "test", "-s", "/tmp/out"]).status == 0 }
        XCTAssertEqual(lines(sandbox.runtime(["exec", id, "cat", "/tmp/out"])), ["cwd /", "markers 0"])
    }

    func testExecLeaksNoFd() throws {
        let id = try sandbox.startDetached(["sleep", "60"])
        let r = sandbox.runtimeThroughShell(prelude, ["exec", id, "sh", "-c", Self.listing], cwd: hostDir)
        XCTAssertEqual(lines(r), ["cwd /", "markers 0"])
        let withCwd = sandbox.runtimeThroughShell(prelude, ["exec", "--cwd", "/tmp", id, "sh", "-c", Self.listing], cwd: hostDir)
        XCTAssertEqual(lines(withCwd), ["cwd /tmp", "markers 0"])
    }

    /// The CVE's exploit: a cwd naming a leaked fd resolves to a host
    /// directory. It must fail, or at least stay inside the container.
    func testCwdThroughProcSelfFdNeverReachesTheHost() throws {
        for cwd in ["/proc/self/fd/7", "/proc/self/fd/8", "/proc/self/fd/7/..", "/proc/self/cwd"] {
            sandbox.set("process.cwd", cwd)
            sandbox.set("process.args", ["sh", "-c", "ls . | grep -c host-marker; readlink /proc/self/cwd"])
            try sandbox.writeConfig()
            let r = sandbox.runtimeThroughShell(prelude, ["run", "--bundle", sandbox.bundle, sandbox.newID()], cwd: hostDir)
            XCTAssertFalse(r.stdout.hasPrefix("1"), "cwd \(cwd) reached the host: \(r.stdout)")
            XCTAssertFalse(r.stdout.contains(hostDir), "cwd \(cwd) is a host directory: \(r.stdout)")
        }
        let id = try sandbox.startDetached(["sleep", "60"])
        for cwd in ["/proc/self/fd/7", "/proc/self/fd/8/tmp"] {
            let r = sandbox.runtimeThroughShell(prelude, ["exec", "--cwd", cwd, id, "sh", "-c", "ls . | grep -c host-marker"], cwd: hostDir)
            XCTAssertFalse(r.stdout.hasPrefix("1"), "exec --cwd \(cwd) reached the host: \(r.stdout)")
        }
    }

    /// --preserve-fds N passes exactly fds 3..3+N-1, and only ones the caller
    /// really passed: a gap must not hand over one of the runtime's own fds.
    func testPreserveFdsPassesExactlyN() throws {
        sandbox.set("process.args", ["sh", "-c", Self.listing])
        try sandbox.writeConfig()
        let three = "exec 3</etc/hostname 4<'\(hostDir)/\(marker)' 5</; cd /"
        let r = sandbox.runtimeThroughShell(three, ["run", "--bundle", sandbox.bundle, "--preserve-fds", "2", sandbox.newID()])
        XCTAssertEqual(lines(r), ["fd 3 -> /etc/hostname", "fd 4 -> \(hostDir)/\(marker)", "cwd /", "markers 0"])

        let id = try sandbox.startDetached(["sleep", "60"])
        let e = sandbox.runtimeThroughShell(three, ["exec", "--preserve-fds", "1", id, "sh", "-c", Self.listing])
        XCTAssertEqual(lines(e), ["fd 3 -> /etc/hostname", "cwd /", "markers 0"])

        // Nothing at 3 in the caller: refuse instead of passing whatever the runtime opened there.
        for args in [["run", "--bundle", sandbox.bundle, "--preserve-fds", "1", sandbox.newID()],
                     ["exec", "--preserve-fds", "1", id, "sh", "-c", Self.listing]] {
            let gap = sandbox.runtimeThroughShell("exec 7</etc/hostname", args)
            XCTAssertNotEqual(gap.status, 0, "\(args[0]): \(gap.stdout)")
            XCTAssertFalse(gap.stdout.contains("fd 3"), "\(args[0]) passed a runtime fd: \(gap.stdout)")
            XCTAssertTrue(gap.stderr.contains("fd 3"), gap.stderr)
        }
    }

    /// systemd socket activation: LISTEN_FDS fds pass, renumbered for pid 1.
    func testListenFdsPassThrough() throws {
        sandbox.set("process.args", ["sh", "-c", Self.listing + "; echo $LISTEN_FDS $LISTEN_PID"])
        try sandbox.writeConfig()
        let prelude = "exec 3</etc/hostname 4</; export LISTEN_FDS=1 LISTEN_PID=$$"
        let r = sandbox.runtimeThroughShell(prelude, ["run", "--bundle", sandbox.bundle, sandbox.newID()])
        XCTAssertEqual(lines(r), ["fd 3 -> /etc/hostname", "cwd /", "markers 0", "1 1"])
    }
}
