import CShims
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Shared by the ProcessSetup and Seccomp kernel tests.
/// Runs a closure in a forked child, so privilege drops, rlimits and filters never
/// touch the XCTest process. The closure gets the report pipe's fd (so fd tests can
/// keep it) and returns nil on success or a description of what went wrong.
public enum Forked {
    public static func run(file: StaticString = #filePath, line: UInt = #line, _ body: (_ reportFD: Int32) -> String?) {
        if let failure = outcome(body) { XCTFail(failure, file: file, line: line) }
    }

    /// nil if the child reported success; otherwise the failure text.
    public static func outcome(_ body: (_ reportFD: Int32) -> String?) -> String? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return "pipe: \(errno)" }
        let pid = sw_fork()
        if pid < 0 { return "fork: \(errno)" }
        if pid == 0 {
            close(fds[0])
            let report = Array(("R:" + (body(fds[1]) ?? "")).utf8)
            report.withUnsafeBytes { _ = write(fds[1], $0.baseAddress, $0.count) }
            _exit(0)
        }
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("R:") else {
            if sw_wifsignaled(status) != 0 { return "child killed by signal \(sw_wtermsig(status))" }
            return "child exited \(sw_wexitstatus(status)) without reporting"
        }
        let result = String(text.dropFirst(2))
        return result.isEmpty ? nil : result
    }
}

/// One `Name:\tvalue` line of /proc/self/status.
public func procStatus(_ key: String) -> String? {
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix(key + ":") {
        var value = line.dropFirst(key.count + 1).drop { $0 == " " || $0 == "\t" }
        while value.last == " " || value.last == "\t" { value = value.dropLast() }
        return String(value)
    }
    return nil
}

/// Collects mismatches inside a child; `result` is nil when everything matched.
public struct Checks {
    public var problems: [String] = []
    public init() {}
    public mutating func expect<T: Equatable>(_ actual: T?, _ expected: T, _ what: String) {
        if actual != expected { problems.append("\(what): got \(actual.map { "\($0)" } ?? "nil"), want \(expected)") }
    }
    public mutating func fail(_ text: String) { problems.append(text) }
    public var result: String? { problems.isEmpty ? nil : problems.joined(separator: "; ") }
}
