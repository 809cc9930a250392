@testable import ProcessSetup
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// FDCleanup.verifyInherited: only fds that crossed the caller's execve
/// (hence not close-on-exec) may be handed to the container.
final class FDInheritanceTests: XCTestCase {
    func testInheritedFdIsAccepted() throws {
        let fd = open("/dev/null", O_RDONLY)
        defer { close(fd) }
        XCTAssertNoThrow(try FDCleanup.verifyInherited([fd]))
    }

    func testRuntimeOwnedFdIsRefused() {
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        XCTAssertThrowsError(try FDCleanup.verifyInherited([fd])) {
            XCTAssertTrue("\($0)".contains("fd \(fd)"), "\($0)")
        }
    }

    func testClosedFdIsRefused() {
        let fd = open("/dev/null", O_RDONLY)
        close(fd)
        XCTAssertThrowsError(try FDCleanup.verifyInherited([fd])) {
            XCTAssertTrue("\($0)".contains("not open"), "\($0)")
        }
    }
}
