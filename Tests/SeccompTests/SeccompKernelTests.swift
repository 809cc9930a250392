import CShims
import OCISpec
@testable import Seccomp
import Syscalls
import KernelTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Filters loaded into a forked child; the test process itself never gets one.
final class SeccompKernelTests: XCTestCase {
    typealias Rule = Spec.Linux.Seccomp.Syscall

    func testLoadedFilterReturnsTheConfiguredErrnos() throws {
        let filter = try SeccompFilter.compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: UInt32(ENOMSG)),
            Rule(names: ["unshare"], action: "SCMP_ACT_ERRNO"),
        ]))
        Forked.run { _ in
            do throws(SeccompError) { if try filter.load() != nil { return "unexpected listener fd" } } catch { return "\(error)" }
            var c = Checks()
            c.expect(procStatus("Seccomp"), "2", "Seccomp")
            c.expect(procStatus("Seccomp_filters"), "1", "Seccomp_filters")
            let m = mkdir("/tmp/swiftlet-seccomp-should-not-exist", 0o755)
            c.expect(m == -1 ? errno : 0, ENOMSG, "mkdir errno")
            let u = sw_unshare(0)
            c.expect(u == -1 ? errno : 0, EPERM, "unshare errno")
            c.expect(getppid() > 0, true, "other syscalls still work")
            return c.result
        }
    }

    func testENOSYSStubInTheKernel() throws {
        // Everything the child needs to report back, and nothing else.
        let allowed = ["read", "write", "close", "mmap", "mprotect", "munmap", "brk", "rt_sigaction",
                       "rt_sigprocmask", "madvise", "getpid", "exit", "futex", "exit_group"]
        let filter = try SeccompFilter.compile(.init(defaultAction: "SCMP_ACT_ERRNO", architectures: ["SCMP_ARCH_X86_64"],
                                                     syscalls: [Rule(names: allowed, action: "SCMP_ACT_ALLOW")]))
        XCTAssertGreaterThan(filter.stubLength, 0)
        Forked.run { _ in
            var c = Checks()
            do throws(SeccompError) { try filter.load() } catch { return "\(error)" }
            // chdir (80) is older than exit_group (231): the default errno.
            c.expect(chdir("/") == -1 ? errno : 0, EPERM, "chdir")
            // pidfd_open (434) is newer than anything in the profile: ENOSYS, so libc would fall back.
            c.expect(sw_pidfd_open(getpid(), 0) == -1 ? errno : 0, ENOSYS, "pidfd_open")
            return c.result
        }
    }

    func testLoadingWithoutNoNewPrivsNeedsCapSysAdmin() throws {
        let filter = try SeccompFilter.compile(.init(defaultAction: "SCMP_ACT_ALLOW",
                                                     syscalls: [Rule(names: ["mkdir"], action: "SCMP_ACT_ERRNO")]))
        Forked.run { _ in
            // Drop every capability from the effective set.
            var header: [UInt32] = [0x2008_0522, 0]
            var data: [UInt32] = [0, 0, 0, 0, 0, 0]
            guard sw_capset(&header, &data) == 0 else { return "capset: \(errno)" }
            do throws(SeccompError) {
                try filter.load()
                return "loaded without NNP and without CAP_SYS_ADMIN"
            } catch {
                guard error.errno == EACCES, error.message.contains("CAP_SYS_ADMIN") else { return "\(error)" }
            }
            guard sw_prctl(38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0) == 0 else { return "prctl: \(errno)" }
            do throws(SeccompError) { try filter.load() } catch { return "with NNP: \(error)" }
            return procStatus("Seccomp") == "2" ? nil : "Seccomp \(procStatus("Seccomp") ?? "?")"
        }
    }

    func testKillProcessActionKillsWithSIGSYS() throws {
        let filter = try SeccompFilter.compile(.init(defaultAction: "SCMP_ACT_ALLOW",
                                                     syscalls: [Rule(names: ["getppid"], action: "SCMP_ACT_KILL_PROCESS")]))
        let outcome = Forked.outcome { _ in
            do throws(SeccompError) { try filter.load() } catch { return "\(error)" }
            _ = getppid()
            return "survived getppid"
        }
        XCTAssertEqual(outcome, "child killed by signal \(SIGSYS)")
    }

    func testNotifyFdIsSentToTheListenerWithTheState() throws {
        let dir = "/tmp/swiftlet-notify-\(getpid())"
        mkdir(dir, 0o700)
        let path = dir + "/agent.sock"
        defer { unlink(path); rmdir(dir) }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        XCTAssertGreaterThanOrEqual(listener, 0)
        defer { close(listener) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(listener, 1), 0)

        let filter = try SeccompFilter.compile(.init(
            defaultAction: "SCMP_ACT_ALLOW", listenerPath: path, listenerMetadata: "MKNOD=/dev/null",
            syscalls: [Rule(names: ["mkdir", "mkdirat"], action: "SCMP_ACT_NOTIFY")]))
        XCTAssertTrue(filter.usesNotify)
        let state = Array(#"{"ociVersion":"1.3.0","id":"c1","status":"creating","pid":4422,"bundle":"/b"}"#.utf8)

        Forked.run { _ in
            let fd: Int32
            do throws(SeccompError) {
                guard let listenerFD = try filter.load() else { return "no listener fd" }
                fd = listenerFD
            } catch { return "load: \(error)" }
            if fcntl(fd, F_GETFD) & FD_CLOEXEC == 0 { return "listener fd is not close-on-exec" }
            do throws(SeccompError) {
                try SeccompNotify.sendListener(fd: fd, listenerPath: path, metadata: "MKNOD=/dev/null",
                                               pid: 4422, state: state)
            } catch { return "send: \(error)" }
            return nil
        }

        let conn = accept(listener, nil, nil)
        XCTAssertGreaterThanOrEqual(conn, 0)
        defer { close(conn) }
        var received: Int32 = -1
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { sw_recv_fd(conn, &received, $0.baseAddress, $0.count) }
        XCTAssertGreaterThan(n, 0)
        defer { if received >= 0 { close(received) } }
        let text = String(decoding: buf[0..<max(n, 0)], as: UTF8.self)
        XCTAssertEqual(text, #"{"ociVersion":"\#(Spec.supportedVersion)","fds":["seccompFd"],"pid":4422,"metadata":"MKNOD=/dev/null","state":{"ociVersion":"1.3.0","id":"c1","status":"creating","pid":4422,"bundle":"/b"}}"#)
        XCTAssertGreaterThanOrEqual(received, 0)
        var link = [CChar](repeating: 0, count: 256)
        let len = readlink("/proc/self/fd/\(received)", &link, link.count - 1)
        XCTAssertEqual(len > 0 ? String(cString: link) : "", "anon_inode:seccomp notify")
    }

    func testSendingToAMissingListenerIsAnError() {
        XCTAssertThrowsError(try SeccompNotify.sendListener(fd: 0, listenerPath: "/nonexistent/agent.sock", metadata: nil,
                                                            pid: 1, state: Array("{}".utf8))) { error in
            XCTAssertEqual((error as? SeccompError)?.field, "linux.seccomp.listenerPath")
            XCTAssertEqual((error as? SeccompError)?.errno, ENOENT)
        }
    }

    func testProcessStateEscapesMetadata() {
        let doc = SeccompNotify.processState(pid: 7, metadata: "a\"b\\c\n", state: Array("{}".utf8), ociVersion: "1.0.2")
        XCTAssertEqual(String(decoding: doc, as: UTF8.self),
                       #"{"ociVersion":"1.0.2","fds":["seccompFd"],"pid":7,"metadata":"a\"b\\c\n","state":{}}"#)
        let bare = SeccompNotify.processState(pid: 7, metadata: nil, state: Array("{}".utf8), ociVersion: "1.0.2")
        XCTAssertEqual(String(decoding: bare, as: UTF8.self), #"{"ociVersion":"1.0.2","fds":["seccompFd"],"pid":7,"state":{}}"#)
    }
}
