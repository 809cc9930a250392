import XCTest
@testable import StateStore

final class StateRootTests: XCTestCase {
    private func root(euid: UInt32, env: [String: String], userns: Bool = false) -> StateRoot.Default {
        StateRoot.defaultRoot(euid: euid, environment: { env[$0] }, inUserNamespace: { userns })
    }

    func testDefaultsMirrorRunc() {
        XCTAssertEqual(root(euid: 0, env: [:]), .init(path: "/run/swiftlet", fromXDG: false))
        XCTAssertEqual(root(euid: 0, env: ["XDG_RUNTIME_DIR": "/run/user/0"]), .init(path: "/run/swiftlet", fromXDG: false))
        XCTAssertEqual(root(euid: 1000, env: ["XDG_RUNTIME_DIR": "/run/user/1000"]),
                       .init(path: "/run/user/1000/swiftlet", fromXDG: true))
        XCTAssertEqual(root(euid: 1000, env: [:]), .init(path: "/run/swiftlet", fromXDG: false))
        XCTAssertEqual(root(euid: 1000, env: ["XDG_RUNTIME_DIR": ""]), .init(path: "/run/swiftlet", fromXDG: false))
        // Root inside a user namespace: honoured unless $USER says root.
        XCTAssertEqual(root(euid: 0, env: ["XDG_RUNTIME_DIR": "/x"], userns: true).path, "/x/swiftlet")
        XCTAssertEqual(root(euid: 0, env: ["XDG_RUNTIME_DIR": "/x", "USER": "bob"], userns: true).path, "/x/swiftlet")
        XCTAssertEqual(root(euid: 0, env: ["XDG_RUNTIME_DIR": "/x", "USER": "root"], userns: true).path, "/run/swiftlet")
    }

    func testUidMapDetection() {
        XCTAssertFalse(StateRoot.uidMapIndicatesUserNamespace("         0          0 4294967295\n"))
        XCTAssertTrue(StateRoot.uidMapIndicatesUserNamespace("         0       1000          1\n"))
        XCTAssertTrue(StateRoot.uidMapIndicatesUserNamespace(""))
        XCTAssertFalse(StateRoot.uidMapIndicatesUserNamespace("garbage"))
        XCTAssertFalse(StateRoot.runningInUserNamespace(), "tests run as real root")
    }

    func testResolveMakesExplicitRootsAbsoluteAndClean() throws {
        XCTAssertEqual(try StateRoot.resolve(flag: "/var/run//x/./y/../z/"), "/var/run/x/z")
        XCTAssertEqual(try StateRoot.resolve(flag: "state", cwd: "/home/u"), "/home/u/state")
        XCTAssertEqual(try StateRoot.resolve(flag: "../s", cwd: "/home/u"), "/home/s")
        XCTAssertThrowsStoreError(try StateRoot.resolve(flag: "/"), .rootIsSlash)
        XCTAssertThrowsStoreError(try StateRoot.resolve(flag: "", cwd: "/"), .rootIsSlash)
        XCTAssertThrowsStoreError(try StateRoot.resolve(flag: "../..", cwd: "/a"), .rootIsSlash)
        XCTAssertEqual(try StateRoot.resolve(flag: nil), "/run/swiftlet")
    }

    func testPrepareMakesXDGRootSticky() throws {
        let tmp = TempDir()
        defer { tmp.cleanup() }
        let path = tmp.path + "/xdg/swiftlet"
        try StateRoot.prepare(.init(path: path, fromXDG: true))
        XCTAssertEqual(fileMode(path), 0o1700)
        try StateRoot.prepare(.init(path: tmp.path + "/plain", fromXDG: false))
        XCTAssertNil(fileMode(tmp.path + "/plain"), "non-XDG roots are created on demand by the store")
    }
}
