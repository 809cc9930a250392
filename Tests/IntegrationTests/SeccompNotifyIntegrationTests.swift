import Foundation
import Glibc
import XCTest

/// SCMP_ACT_NOTIFY end to end: the runtime hands the listener fd and the
/// container process state to the agent at linux.seccomp.listenerPath; the
/// agent (this test) receives the notification with SECCOMP_IOCTL_NOTIF_RECV
/// and answers it with SECCOMP_IOCTL_NOTIF_SEND.
final class SeccompNotifyIntegrationTests: IntegrationTestCase {
    static let answer: Int32 = 83

    private func notifySeccomp(_ listener: String) -> [String: Any] {
        ["defaultAction": "SCMP_ACT_ALLOW", "listenerPath": listener, "listenerMetadata": "agent-meta",
         "syscalls": [["names": ["getcpu"], "action": "SCMP_ACT_NOTIFY"]]]
    }

    func testAgentReceivesFdAndStateAndAnswers() throws {
        let path = sandbox.dir + "/agent.sock"
        let agent = try SeccompAgent(path: path)
        try sandbox.installProbes(["p": SyscallProbe.single(SyscallProbe.NR.getcpu)])
        sandbox.setSeccomp(notifySeccomp(path))
        sandbox.set("process.args", ["/bin/p-p"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let runtime = try BackgroundRuntime(sandbox, ["run", id])

        let (state, fd) = try agent.accept()
        defer { close(fd) }
        XCTAssertNotNil(state["ociVersion"] as? String)
        XCTAssertEqual(state["fds"] as? [String], ["seccompFd"])
        XCTAssertEqual(state["metadata"] as? String, "agent-meta")
        let pid = try XCTUnwrap(state["pid"] as? Int)
        XCTAssertGreaterThan(pid, 0)
        let inner = try XCTUnwrap(state["state"] as? [String: Any])
        XCTAssertEqual(inner["id"] as? String, id)
        XCTAssertEqual(inner["pid"] as? Int, pid)
        XCTAssertEqual(inner["bundle"] as? String, sandbox.bundle)

        let notification = try agent.answer(fd: fd, error: Self.answer)
        XCTAssertEqual(notification.nr, Int32(SyscallProbe.NR.getcpu))
        XCTAssertEqual(notification.pid, UInt32(pid), "the notification comes from the container's init")
        let result = runtime.wait()
        XCTAssertEqual(result.status, Self.answer, "the probe exits with the errno the agent chose: \(result.stderr)")
    }

    func testExecProcessFdGoesToTheAgent() throws {
        let path = sandbox.dir + "/agent.sock"
        let agent = try SeccompAgent(path: path)
        try sandbox.installProbes(["p": SyscallProbe.single(SyscallProbe.NR.getcpu)])
        sandbox.setSeccomp(notifySeccomp(path))
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        let run = try BackgroundRuntime(sandbox, ["run", "-d", id])
        let (_, initFD) = try agent.accept()
        close(initFD)
        XCTAssertEqual(run.wait().status, 0)

        let exec = try BackgroundRuntime(sandbox, ["exec", id, "/bin/p-p"])
        let (state, fd) = try agent.accept()
        defer { close(fd) }
        XCTAssertEqual((state["state"] as? [String: Any])?["id"] as? String, id)
        _ = try agent.answer(fd: fd, error: Self.answer)
        XCTAssertEqual(exec.wait().status, Self.answer)
    }

    func testNoListenerIsAClearError() throws {
        sandbox.setSeccomp(notifySeccomp(sandbox.dir + "/nobody-listens.sock"))
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("linux.seccomp.listenerPath"), r.stderr)
        assertNothingLeft()
    }
}

/// `swiftlet args...` running while the test acts as the agent.
final class BackgroundRuntime {
    let process = Process()
    let base = NSTemporaryDirectory() + "swiftlet-bg-\(UUID().uuidString)"

    init(_ sandbox: Sandbox, _ args: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Harness.runtime)
        process.arguments = ["--root", sandbox.root] + args
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.bundle)
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
        process.standardError = FileHandle(forWritingAtPath: base + ".err")
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func wait(timeout: TimeInterval = 20) -> Harness.Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        return Harness.Result(status: process.terminationStatus,
                              stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
                              stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }
}

/// A minimal seccomp agent: a unix socket listener receiving the notify fd
/// and the container process state, and a responder for one notification.
final class SeccompAgent {
    static let notifRecv: UInt = 0xC050_2100   // SECCOMP_IOCTL_NOTIF_RECV, struct seccomp_notif (80 bytes)
    static let notifSend: UInt = 0xC018_2101   // SECCOMP_IOCTL_NOTIF_SEND, struct seccomp_notif_resp (24 bytes)
    let listener: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0, listen(listener, 4) == 0 else { throw NSError(domain: "agent: listen", code: Int(errno)) }
    }

    deinit {
        close(listener)
        unlink(path)
    }

    /// One connection: the state JSON (possibly in several reads) with the fd on the first.
    func accept(timeout: Int32 = 10_000) throws -> (state: [String: Any], fd: Int32) {
        var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeout) == 1 else { throw NSError(domain: "agent: no connection", code: 1) }
        let conn = Glibc.accept(listener, nil, nil)
        defer { close(conn) }
        var received: Int32 = -1
        var bytes = [UInt8]()
        while true {
            var buf = [UInt8](repeating: 0, count: 65536)
            var control = [UInt8](repeating: 0, count: 64)
            let n: Int = buf.withUnsafeMutableBytes { bp in
                control.withUnsafeMutableBytes { cp in
                    var iov = iovec(iov_base: bp.baseAddress, iov_len: bp.count)
                    return withUnsafeMutablePointer(to: &iov) { iovp in
                        var msg = msghdr()
                        msg.msg_iov = iovp
                        msg.msg_iovlen = 1
                        msg.msg_control = cp.baseAddress
                        msg.msg_controllen = cp.count
                        let n = recvmsg(conn, &msg, 0)
                        // cmsghdr: len (8), level (4), type (4), then the fd.
                        if n > 0, msg.msg_controllen >= 20, received < 0 { received = cp.load(fromByteOffset: 16, as: Int32.self) }
                        return n
                    }
                }
            }
            if n <= 0 { break }
            bytes += buf[0..<n]
        }
        guard received >= 0 else { throw NSError(domain: "agent: no fd received", code: 2) }
        let state = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
        return (state, received)
    }

    /// Waits for one notification and fails the syscall with `error`.
    func answer(fd: Int32, error: Int32, timeout: Int32 = 10_000) throws -> (nr: Int32, pid: UInt32) {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, timeout) == 1 else { throw NSError(domain: "agent: no notification", code: 3) }
        var notif = [UInt8](repeating: 0, count: 80)
        let r = notif.withUnsafeMutableBytes { ioctl(fd, Self.notifRecv, $0.baseAddress!) }
        guard r == 0 else { throw NSError(domain: "agent: NOTIF_RECV", code: Int(errno)) }
        let id = notif.withUnsafeBytes { $0.load(fromByteOffset: 0, as: UInt64.self) }
        let pid = notif.withUnsafeBytes { $0.load(fromByteOffset: 8, as: UInt32.self) }
        let nr = notif.withUnsafeBytes { $0.load(fromByteOffset: 16, as: Int32.self) }
        var resp = [UInt8](repeating: 0, count: 24)
        resp.withUnsafeMutableBytes { p in
            p.storeBytes(of: id, toByteOffset: 0, as: UInt64.self)
            p.storeBytes(of: Int64(0), toByteOffset: 8, as: Int64.self)
            p.storeBytes(of: -error, toByteOffset: 16, as: Int32.self)
        }
        let s = resp.withUnsafeMutableBytes { ioctl(fd, Self.notifSend, $0.baseAddress!) }
        guard s == 0 else { throw NSError(domain: "agent: NOTIF_SEND", code: Int(errno)) }
        return (nr, pid)
    }
}
