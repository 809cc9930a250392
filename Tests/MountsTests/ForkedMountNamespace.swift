import CShims
import Glibc
import XCTest

/// Runs a test body in a forked child that unshares its mount namespace, so
/// the XCTest process never changes its own namespaces or root. The child
/// reports failed checks through a pipe; the parent turns them into XCTFails.
struct ForkedMountNamespace {
    /// Collects failed checks inside the child (XCTest state does not survive fork).
    final class Report {
        var failures: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { failures.append(message()) }
        }
    }

    static let cloneNewNS: Int32 = 0x00020000

    static func run(file: StaticString = #filePath, line: UInt = #line,
                    _ body: (Report) throws -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return XCTFail("pipe failed", file: file, line: line) }
        let pid = sw_fork()
        if pid == 0 {
            close(fds[0])
            let report = Report()
            if sw_unshare(cloneNewNS) != 0 {
                report.failures.append("unshare(CLONE_NEWNS) failed: errno \(sw_errno())")
            } else {
                do { try body(report) } catch { report.failures.append("threw: \(error)") }
            }
            let text = report.failures.joined(separator: "\n")
            _ = text.withCString { write(fds[1], $0, strlen($0)) }
            _exit(0)
        }
        close(fds[1])
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buf, buf.count)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        if sw_wifexited(status) == 0 || sw_wexitstatus(status) != 0 {
            XCTFail("child died: status \(status)", file: file, line: line)
        }
        for failure in String(decoding: out, as: UTF8.self).split(separator: "\n") {
            XCTFail(String(failure), file: file, line: line)
        }
    }
}
