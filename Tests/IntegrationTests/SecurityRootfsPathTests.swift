import Foundation
import XCTest

/// CVE-2024-45310 / CVE-2026-41579 / crun CVE-2026-47766 class: directories
/// and nodes the runtime creates inside the rootfs (mkdir -p of a mount
/// target, device nodes) are made through fds beneath the rootfs, so symlinks
/// in the image, dangling or swapped in during setup, never lead the runtime
/// to create anything on the host.
final class SecurityRootfsPathTests: IntegrationTestCase {
    private var hostDir = ""
    private var missingHostDir = ""
    private var rootfs: String { sandbox.bundle + "/rootfs" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        hostDir = sandbox.dir + "/host-target"
        try FileManager.default.createDirectory(atPath: hostDir, withIntermediateDirectories: true)
        missingHostDir = "/swiftlet-escape-\(UUID().uuidString.prefix(8))"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: missingHostDir)
        super.tearDown()
    }

    private func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: rootfs + "/" + name, withDestinationPath: target)
    }

    private func assertHostUntouched(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(HostFiles.tree(hostDir), [hostDir], "created on the host", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missingHostDir), "created on the host", file: file, line: line)
    }

    /// Absolute, relative (climbing above the rootfs) and dangling symlinks
    /// to host paths, as parents of mount targets and device nodes.
    func testCreatedPathsFollowSymlinksOnlyInsideTheRootfs() throws {
        let escape = String(repeating: "../", count: 12)
        try link("abs", to: hostDir)
        try link("rel", to: escape + String(hostDir.dropFirst()))
        try link("dangling", to: missingHostDir + "/deeper")
        let hostFile = sandbox.dir + "/bind-source"
        try "bound\n".write(toFile: hostFile, atomically: true, encoding: .utf8)
        for (i, dest) in ["/abs/m1/deep", "/rel/m2", "/dangling/m3"].enumerated() {
            sandbox.appendMount(["destination": dest, "type": "tmpfs", "source": "tmpfs", "options": ["size=\(i + 1)m"]])
        }
        sandbox.appendMount(["destination": "/rel/files/bound", "type": "bind", "source": hostFile, "options": ["bind", "ro"]])
        sandbox.set("linux.devices", [["path": "/abs/devs/null2", "type": "c", "major": 1, "minor": 3],
                                      ["path": "/rel/devs2/zero2", "type": "c", "major": 1, "minor": 5],
                                      ["path": "/dangling/devs3/full2", "type": "c", "major": 1, "minor": 7]])
        let out = try output(["sh", "-c", """
            for m in /abs/m1/deep /rel/m2 /dangling/m3; do grep -q " $(readlink -f $m) " /proc/self/mountinfo && echo "mounted $m"; done
            cat /rel/files/bound; stat -c '%t,%T' /abs/devs/null2 /rel/devs2/zero2 /dangling/devs3/full2
            """])
        XCTAssertEqual(out.split(separator: "\n").map(String.init),
                       ["mounted /abs/m1/deep", "mounted /rel/m2", "mounted /dangling/m3", "bound", "1,3", "1,5", "1,7"])
        assertHostUntouched()
        // They landed inside the rootfs instead (hostDir is below /tmp, a
        // tmpfs in the container, so only the dangling one shows on disk).
        XCTAssertTrue(FileManager.default.fileExists(atPath: rootfs + missingHostDir + "/deeper/m3"))
    }

    /// Without a /dev mount the image's own /dev is used: symlinks in it
    /// must not redirect device creation (or /dev/console) to the host.
    func testImageDevSymlinksDoNotRedirectDevices() throws {
        sandbox.config["mounts"] = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter {
            !($0["destination"] as? String ?? "").hasPrefix("/dev")
        }
        sandbox.set("root.readonly", false)
        try link("dev/evil", to: hostDir)
        try link("dev/evil-rel", to: "../../../../../../../.." + hostDir)
        sandbox.set("linux.devices", [["path": "/dev/evil/fuse", "type": "c", "major": 10, "minor": 229],
                                      ["path": "/dev/evil-rel/sub/fuse2", "type": "c", "major": 10, "minor": 229]])
        let out = try output(["sh", "-c", "stat -c '%t,%T' /dev/evil/fuse /dev/evil-rel/sub/fuse2 /dev/null"])
        XCTAssertEqual(out, "a,e5\na,e5\n1,3")
        assertHostUntouched()
    }

    /// A host thread keeps swapping a path component between a directory and
    /// a symlink to the host while containers create mount targets and
    /// device nodes below it. Runs may fail; the host must stay untouched.
    func testSymlinkSwapRaceNeverEscapes() throws {
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { throw XCTSkip("no renameat2") }
        let renameat2 = unsafeBitCast(sym, to: Renameat2.self)
        try FileManager.default.createDirectory(atPath: rootfs + "/race", withIntermediateDirectories: true)
        try link("race-swap", to: hostDir)
        sandbox.appendMount(["destination": "/race/a/b/c", "type": "tmpfs", "source": "tmpfs"])
        sandbox.set("linux.devices", [["path": "/race/devs/n", "type": "c", "major": 1, "minor": 3]])
        sandbox.set("process.args", ["true"])
        try sandbox.writeConfig()

        let stop = StopFlag()
        let (a, b) = (rootfs + "/race", rootfs + "/race-swap")
        let racer = Thread {
            while !stop.isSet { _ = renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) }
        }
        racer.start()
        var succeeded = 0
        for _ in 0..<25 {
            let id = sandbox.newID()
            if sandbox.runtime(["run", id]).status == 0 { succeeded += 1 }
            sandbox.runtime(["delete", "-f", id])
            // Whatever the swap state, nothing may appear on the host.
            XCTAssertEqual(HostFiles.tree(hostDir), [hostDir], "created on the host during the race")
        }
        stop.set()
        Thread.sleep(forTimeInterval: 0.05)
        assertHostUntouched()
        // Sanity: the setup itself works when nothing races.
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: a)) != nil {
            _ = renameat2(AT_FDCWD, a, AT_FDCWD, b, 2)
        }
        XCTAssertEqual(sandbox.runtime(["run", sandbox.newID()]).status, 0)
        print("race: \(succeeded)/25 runs succeeded while racing")
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
