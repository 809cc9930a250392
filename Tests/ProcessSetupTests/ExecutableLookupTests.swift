@testable import ProcessSetup
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ExecutableLookupTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/swiftlet-lookup-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        root = String(cString: p)
        for dir in ["a", "b", "c"] { mkdir(root + "/" + dir, 0o755) }
        make("a/tool", mode: 0o644)          // not executable
        make("b/tool", mode: 0o755)
        make("c/tool", mode: 0o755)
        make("b/script", mode: 0o700)
        mkdir(root + "/c/dir", 0o755)
    }

    override func tearDown() {
        for f in ["a/tool", "b/tool", "c/tool", "b/script"] { unlink(root + "/" + f) }
        for d in ["c/dir", "a", "b", "c", ""] { rmdir(root + "/" + d) }
        super.tearDown()
    }

    func make(_ path: String, mode: mode_t) {
        let fd = open(root + "/" + path, O_CREAT | O_WRONLY | O_TRUNC, mode)
        _ = "#!/bin/sh\n".withCString { write(fd, $0, 10) }
        close(fd)
        chmod(root + "/" + path, mode)
    }

    func testFirstExecutableInPathOrderWins() throws {
        let path = "\(root)/a:\(root)/b:\(root)/c"
        XCTAssertEqual(try ExecutableLookup.resolve("tool", searchPath: path), "\(root)/b/tool")
        XCTAssertEqual(try ExecutableLookup.resolve("tool", searchPath: "\(root)/c/:\(root)/b"), "\(root)/c/tool")
    }

    func testNotFoundUsesRuncWording() {
        XCTAssertThrowsError(try ExecutableLookup.resolve("nope", searchPath: "\(root)/a:\(root)/b")) { error in
            let e = error as? ProcessSetupError
            XCTAssertEqual(e?.field, "process.args[0]")
            XCTAssertEqual(e?.message, "exec: \"nope\": executable file not found in $PATH")
        }
        // Directories and non-executables in PATH are skipped, not reported.
        XCTAssertThrowsError(try ExecutableLookup.resolve("dir", searchPath: "\(root)/c"))
        XCTAssertThrowsError(try ExecutableLookup.resolve("tool", searchPath: "\(root)/a"))
    }

    func testPathsWithSlashAreNotSearched() throws {
        XCTAssertEqual(try ExecutableLookup.resolve("\(root)/b/script", searchPath: ""), "\(root)/b/script")
        XCTAssertThrowsError(try ExecutableLookup.resolve("\(root)/b/missing", searchPath: "\(root)/b")) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.message,
                           "exec: \"\(self.root)/b/missing\": stat \(self.root)/b/missing: No such file or directory")
        }
        XCTAssertThrowsError(try ExecutableLookup.resolve("\(root)/a/tool", searchPath: "")) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.message, "exec: \"\(self.root)/a/tool\": permission denied")
        }
        XCTAssertThrowsError(try ExecutableLookup.resolve("\(root)/c/dir", searchPath: "")) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.message, "exec: \"\(self.root)/c/dir\": is a directory")
        }
    }

    func testRelativeDirectoryHitIsRefused() {
        let cwd = getcwd(nil, 0)!
        defer { chdir(cwd); free(cwd) }
        chdir(root + "/b")
        XCTAssertThrowsError(try ExecutableLookup.resolve("tool", searchPath: ":/nonexistent")) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.message,
                           "exec: \"tool\": cannot run executable found relative to current directory")
        }
        XCTAssertEqual(try ExecutableLookup.resolve("./tool", searchPath: ""), "./tool")
    }

    func testQuoting() {
        XCTAssertEqual(ExecutableLookup.quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"")
    }
}
