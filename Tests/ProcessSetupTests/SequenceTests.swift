import CShims
import OCISpec
@testable import ProcessSetup
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The whole init-side sequence in the order the runtime uses, ending in a real
/// execve, to check what the container program actually gets.
final class SequenceTests: XCTestCase {
    func testNonRootProgramSeesConfiguredCredentialsAfterExec() throws {
        try XCTSkipUnless(FileIO_exists("/bin/busybox"), "needs /bin/busybox")
        let process = Spec.Process(
            user: .init(uid: 1000, gid: 1000, umask: 0o027, additionalGids: [10]),
            args: ["busybox", "sh", "-c", "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Uid|Groups)' /proc/self/status; umask; echo HOME=$HOME; pwd; ls /proc/self/fd"],
            env: ["PATH=/bin:/usr/bin", "HOME="],
            cwd: "/tmp",
            capabilities: .init(bounding: ["CAP_NET_BIND_SERVICE", "CAP_KILL"], effective: ["CAP_NET_BIND_SERVICE"],
                                inheritable: ["CAP_NET_BIND_SERVICE"], permitted: ["CAP_NET_BIND_SERVICE"],
                                ambient: ["CAP_NET_BIND_SERVICE"]),
            rlimits: [.init(type: "RLIMIT_NOFILE", hard: 256, soft: 256)],
            noNewPrivileges: true)
        let leaked = open("/", O_RDONLY | O_DIRECTORY) // a host directory fd that must not reach the program
        defer { close(leaked) }

        let output = runExec { () throws(ProcessSetupError) -> (String, [String], [String]) in
            try Rlimits.apply(process.rlimits)
            try NoNewPrivileges.apply()
            let caps = CapabilitySets(process.capabilities, lastCap: Capabilities.kernelLastCap())
            let cwd = try WorkingDirectory.begin(process.cwd)
            try Capabilities.applyBoundingSet(caps)
            try UserSwitch.apply(process.user)
            try cwd.complete()
            try Capabilities.apply(caps)
            Umask.apply(process.user.umask)
            let env = try Environment.build(process.env, uid: process.user.uid, passwd: Passwd(contents: Array("u:x:1000:1000::/home/u:/bin/sh\n".utf8)))
            let path = try ExecutableLookup.resolve(process.args![0], searchPath: env.searchPath)
            try FDCleanup.closeAllExcept(keep: [])
            return (path, process.args!, env.entries)
        }
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("CapAmb:\t0000000000000400"), output)
        XCTAssertTrue(lines.contains("CapEff:\t0000000000000400"), output)
        XCTAssertTrue(lines.contains("CapPrm:\t0000000000000400"), output)
        XCTAssertTrue(lines.contains("CapInh:\t0000000000000400"), output)
        XCTAssertTrue(lines.contains("CapBnd:\t0000000000000420"), output)
        XCTAssertTrue(lines.contains("NoNewPrivs:\t1"), output)
        XCTAssertTrue(lines.contains("Uid:\t1000\t1000\t1000\t1000"), output)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Groups:\t10") }, output)
        XCTAssertTrue(lines.contains("0027"), output)
        XCTAssertTrue(lines.contains("HOME=/home/u"), output)
        XCTAssertTrue(lines.contains("/tmp"), output)
        // ls /proc/self/fd: stdio plus the directory fd ls itself opens; the host fd is gone.
        XCTAssertEqual(Array(lines.drop { $0 != "/tmp" }.dropFirst()), ["0", "1", "2", "3"], "fd \(leaked) leaked? \(output)")
    }

    /// Forks; the child runs `prepare`, then execs its result with stdout/stderr on a pipe.
    func runExec(_ prepare: () throws(ProcessSetupError) -> (String, [String], [String])) -> String {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return "pipe failed" }
        let pid = sw_fork()
        if pid == 0 {
            dup2(fds[1], 1)
            dup2(fds[1], 2)
            close(fds[0])
            close(fds[1])
            do throws(ProcessSetupError) {
                let (path, args, env) = try prepare()
                let argv = args.map { strdup($0) } + [nil]
                let envp = env.map { strdup($0) } + [nil]
                execve(path, argv, envp)
                _ = "execve failed\n".withCString { write(1, $0, strlen($0)) }
            } catch {
                let text = "ERR: \(error)\n"
                _ = text.withCString { write(1, $0, strlen($0)) }
            }
            _exit(127)
        }
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: bytes, as: UTF8.self)
    }
}

func FileIO_exists(_ path: String) -> Bool { access(path, X_OK) == 0 }
