import Foundation
import XCTest

/// CVE-2019-16884 / CVE-2019-19921 / CVE-2021-30465 / CVE-2025-31133 /
/// CVE-2025-52565 / CVE-2025-52881 classes: procfs must be real procfs on a
/// real directory and nothing may be mounted over its sensitive parts; masked
/// paths are hidden only with the genuine null device; /dev/console cannot be
/// turned into a bind of the pty over an arbitrary file.
final class SecurityMountTests: IntegrationTestCase {
    private var rootfs: String { sandbox.bundle + "/rootfs" }
    private var mountsBefore = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        mountsBefore = hostMounts()
    }

    private func hostMounts() -> String {
        ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "")
            .split(separator: "\n").map { $0.split(separator: " ").dropFirst(3).joined(separator: " ") }.sorted().joined(separator: "\n")
    }

    private func assertFails(_ mentioning: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0, "must be refused", file: file, line: line)
        for m in mentioning {
            XCTAssertTrue(r.stderr.contains(m), "stderr lacks \(m): \(r.stderr)", file: file, line: line)
        }
        assertNothingLeft(file: file, line: line)
        XCTAssertEqual(hostMounts(), mountsBefore, "host mount table changed", file: file, line: line)
    }

    /// CVE-2019-19921 / CVE-2025-52881: mounts over procfs's sensitive files
    /// would defeat LSM labels (attr), sysctl protection or masking.
    func testMountsOverProcAreRefused() throws {
        let hostDir = sandbox.dir + "/fake"
        try FileManager.default.createDirectory(atPath: hostDir + "/attr", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: hostDir + "/file", contents: Data())
        try FileManager.default.createSymbolicLink(atPath: rootfs + "/myproc", withDestinationPath: "/proc")
        let base = sandbox.config["mounts"]
        for m: [String: Any] in [
            ["destination": "/proc/sys", "type": "tmpfs", "source": "tmpfs"],
            ["destination": "/proc/self/attr", "type": "bind", "source": hostDir + "/attr", "options": ["bind"]],
            ["destination": "/proc/1/attr", "type": "bind", "source": hostDir + "/attr", "options": ["bind"]],
            ["destination": "/proc/sysrq-trigger", "type": "bind", "source": hostDir + "/file", "options": ["bind"]],
            ["destination": "/myproc/sys/kernel", "type": "tmpfs", "source": "tmpfs"],
            ["destination": "/proc/../proc/sys", "type": "tmpfs", "source": "tmpfs"],
            ["destination": "/proc", "type": "tmpfs", "source": "tmpfs"],
        ] {
            sandbox.config["mounts"] = base
            sandbox.appendMount(m)
            try assertFails(["mounts[8].destination"])
        }
        // What lxcfs does stays possible: a file over /proc/cpuinfo.
        sandbox.config["mounts"] = base
        try "fake cpuinfo\n".write(toFile: hostDir + "/cpuinfo", atomically: true, encoding: .utf8)
        sandbox.appendMount(["destination": "/proc/cpuinfo", "type": "bind", "source": hostDir + "/cpuinfo", "options": ["bind", "ro"]])
        XCTAssertEqual(try output(["head", "-1", "/proc/cpuinfo"]), "fake cpuinfo")
    }

    /// CVE-2019-16884: an image whose /proc (or /sys) is a symlink would make
    /// procfs land elsewhere and leave a fake /proc/self/attr in place.
    func testProcAndSysMustBeRealDirectories() throws {
        try FileManager.default.createDirectory(atPath: rootfs + "/fakeproc/self/attr", withIntermediateDirectories: true)
        for dir in ["proc", "sys"] {
            let original = rootfs + "/" + dir
            try FileManager.default.moveItem(atPath: original, toPath: original + ".orig")
            try FileManager.default.createSymbolicLink(atPath: original, withDestinationPath: "/fakeproc")
            try assertFails(["mounts[", "ordinary directory"])
            try FileManager.default.removeItem(atPath: original)
            try FileManager.default.moveItem(atPath: original + ".orig", toPath: original)
        }
    }

    /// A /dev bound from a directory the attacker controls, so that the
    /// runtime's own /dev setup does not replace its null.
    private func bindDev(null: (String) throws -> Void) throws {
        let dev = sandbox.dir + "/evil-dev"
        try FileManager.default.createDirectory(atPath: dev, withIntermediateDirectories: true)
        try null(dev + "/null")
        var mounts = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter { ($0["destination"] as? String) != "/dev" }
        mounts.insert(["destination": "/dev", "type": "bind", "source": dev, "options": ["rbind"]], at: 1)
        sandbox.config["mounts"] = mounts
    }

    /// CVE-2025-31133: masking a file binds /dev/null over it; a /dev/null
    /// that is a regular file (or a symlink to something else) must never be
    /// used, or the "masked" file would show attacker data or expose its target.
    func testMaskingRefusesAFakeDevNull() throws {
        for fake in ["regular file", "symlink to a procfs file", "symlink to a host-ish file"] {
            try bindDev { path in
                switch fake {
                case "regular file": try "secret-looking data\n".write(toFile: path, atomically: true, encoding: .utf8)
                case "symlink to a procfs file": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/proc/sys/kernel/core_pattern")
                default: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "../etc/passwd")
                }
            }
            sandbox.set("linux.maskedPaths", ["/proc/kcore", "/proc/timer_list"])
            try assertFails(["linux.maskedPaths[", "/dev/null"])
            try FileManager.default.removeItem(atPath: sandbox.dir + "/evil-dev")
        }
        // With a genuine null device the same layout works and masks.
        try bindDev { path in XCTAssertEqual(mknod(path, mode_t(S_IFCHR) | 0o666, dev_t(1 << 8 | 3)), 0) }
        XCTAssertEqual(try output(["wc", "-c", "/proc/timer_list"]), "0 /proc/timer_list")
    }

    /// Directories are masked with an empty read-only tmpfs, never /dev/null.
    func testMaskedDirectoryIsAnEmptyReadOnlyTmpfs() throws {
        sandbox.set("linux.maskedPaths", ["/proc/acpi", "/sys/firmware", "/etc"])
        let out = try output(["sh", "-c", "ls -A /etc | wc -l; touch /etc/x 2>/dev/null && echo writable; awk '$5 == \"/etc\" { print $6 }' /proc/self/mountinfo"])
        XCTAssertEqual(out, "0\nro,relatime")
    }

    /// CVE-2025-52565: the pty is bound over /dev/console through an fd of
    /// the console file itself; an image's /dev/console symlink must not
    /// redirect the bind onto another file.
    func testConsoleSymlinkIsNotFollowed() throws {
        sandbox.config["mounts"] = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter {
            ($0["destination"] as? String) != "/dev"
        }
        sandbox.set("root.readonly", false)
        sandbox.set("process.terminal", true)
        for target in ["/etc/passwd", "../etc/passwd", "/etc/does-not-exist"] {
            let console = rootfs + "/dev/console"
            try? FileManager.default.removeItem(atPath: console)
            try FileManager.default.createSymbolicLink(atPath: console, withDestinationPath: target)
            sandbox.set("process.args", ["sh", "-c", "awk '$5 ~ \"^/etc\" { print \"MOUNTED\", $5 }' /proc/self/mountinfo; head -1 /etc/passwd"])
            try sandbox.writeConfig()
            let socketPath = sandbox.dir + "/console-\(target.hashValue).sock"
            let receiver = try ConsoleReceiver(path: socketPath)
            let id = sandbox.newID()
            let r = sandbox.runtime(["run", "--detach", "--console-socket", socketPath, id])
            if r.status == 0 {
                let text = try receiver.readAll()
                XCTAssertFalse(text.contains("MOUNTED"), "the pty was bound over \(target): \(text)")
                XCTAssertTrue(text.contains("root:x:0:0"), text)
            } else {
                XCTAssertTrue(r.stderr.contains("/dev/console"), "a clear error: \(r.stderr)")
            }
            XCTAssertEqual(try String(contentsOfFile: rootfs + "/etc/passwd", encoding: .utf8).prefix(9), "root:x:0:")
            XCTAssertFalse(FileManager.default.fileExists(atPath: rootfs + "/etc/does-not-exist"), "created through the symlink")
        }
        XCTAssertEqual(hostMounts(), mountsBefore)
    }

    /// A FIFO or directory planted at /dev/console: a clear error, no hang.
    func testConsoleThatIsNoFileIsRefused() throws {
        sandbox.config["mounts"] = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter {
            ($0["destination"] as? String) != "/dev"
        }
        sandbox.set("root.readonly", false)
        sandbox.set("process.terminal", true)
        try sandbox.writeConfig()
        let console = rootfs + "/dev/console"
        for make in [{ XCTAssertEqual(mkfifo(console, 0o666), 0) },
                     { XCTAssertEqual(mkdir(console, 0o755), 0) }] {
            make()
            let socketPath = sandbox.dir + "/console.sock"
            let receiver = try ConsoleReceiver(path: socketPath)
            let started = Date()
            let r = sandbox.runtime(["run", "--detach", "--console-socket", socketPath, sandbox.newID()], timeout: 15)
            XCTAssertLessThan(Date().timeIntervalSince(started), 10, "create hung on /dev/console")
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("/dev/console"), r.stderr)
            _ = receiver
            try FileManager.default.removeItem(atPath: console)
        }
    }
}
