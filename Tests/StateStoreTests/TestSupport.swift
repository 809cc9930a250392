import XCTest
@testable import StateStore
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp, removed by `cleanup()`.
final class TempDir {
    let path: String

    init() {
        var template = Array("/tmp/swiftlet-statestore-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(p != nil, "mkdtemp failed")
        path = String(cString: p!)
    }

    func cleanup() {
        try? FileTree.remove(path, at: AT_FDCWD)
    }
}

func fileMode(_ path: String) -> mode_t? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
}

func fileType(_ path: String) -> mode_t? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return st.st_mode & S_IFMT
}

func directoryEntries(_ path: String) -> [String] {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    return ((try? FileTree.list(fd: fd, name: path)) ?? []).sorted()
}

func writeFile(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    precondition(fd >= 0, "open \(path)")
    _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    close(fd)
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func XCTAssertThrowsStoreError<T>(_ expression: @autoclosure () throws -> T, _ expected: StateStoreError,
                                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? StateStoreError, expected, file: file, line: line)
    }
}
