import Foundation
import XCTest

/// Each config.md / config-linux.md field, checked from inside the container.
final class ConfigTests: IntegrationTestCase {
    func testHostnameAndDomainname() throws {
        sandbox.set("hostname", "box1")
        sandbox.set("domainname", "example.test")
        XCTAssertEqual(try output(["sh", "-c", "hostname; cat /proc/sys/kernel/domainname"]), "box1\nexample.test")
    }

    func testNamespacesAreNew() throws {
        let kinds = ["pid", "net", "ipc", "uts", "mnt", "cgroup"]
        let inside = try output(["sh", "-c", kinds.map { "readlink /proc/self/ns/\($0)" }.joined(separator: ";")])
        let lines = inside.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, kinds.count)
        for (kind, link) in zip(kinds, lines) {
            let host = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/\(kind)")
            XCTAssertNotEqual(link, host, "\(kind) namespace is the host's")
        }
        XCTAssertEqual(try output(["sh", "-c", "echo $$"]), "1", "init is pid 1 of a new pid namespace")
    }

    func testJoinsNetworkNamespaceByPath() throws {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        holder.arguments = ["--net", "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        var nsPath = ""
        waitFor {
            // The sleep process (child of unshare, or unshare itself after exec).
            let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(holder.processIdentifier)/ns/net")
            let host = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
            if let link, link != host { nsPath = "/proc/\(holder.processIdentifier)/ns/net"; return true }
            return false
        }
        XCTAssertFalse(nsPath.isEmpty)
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: nsPath)
        sandbox.appendNamespace(["type": "network", "path": nsPath])
        XCTAssertEqual(try output(["readlink", "/proc/self/ns/net"]), target)
    }

    func testProcessUserCwdEnv() throws {
        sandbox.set("process.user", ["uid": 1000, "gid": 1000, "additionalGids": [5, 7]])
        sandbox.set("process.cwd", "/home/user/work")
        var env = sandbox.process["env"] as? [String] ?? []
        env.append("FOO=bar baz")
        sandbox.set("process.env", env)
        let out = try output(["sh", "-c", "id -u; id -g; id -G; pwd; echo $FOO; echo $HOME"])
        let lines = out.split(separator: "\n").map(String.init)
        guard lines.count == 6 else { return XCTFail("unexpected output: \(out)") }
        XCTAssertEqual(lines[0], "1000")
        XCTAssertEqual(lines[1], "1000")
        XCTAssertEqual(Set(lines[2].split(separator: " ")), ["1000", "5", "7"])
        XCTAssertEqual(lines[3], "/home/user/work")
        XCTAssertEqual(lines[4], "bar baz")
        XCTAssertEqual(lines[5], "/home/user", "HOME from the rootfs's /etc/passwd")
    }

    func testUmask() throws {
        sandbox.set("process.user", ["uid": 0, "gid": 0, "umask": 0o077])
        XCTAssertEqual(try output(["sh", "-c", "umask"]), "0077")
    }

    func testRlimits() throws {
        sandbox.set("process.rlimits", [["type": "RLIMIT_NOFILE", "hard": 512, "soft": 256],
                                        ["type": "RLIMIT_NPROC", "hard": 300, "soft": 200]])
        XCTAssertEqual(try output(["sh", "-c", "ulimit -n; ulimit -Hn; ulimit -u"]), "256\n512\n200")
    }

    func testOOMScoreAdjAndNoNewPrivileges() throws {
        sandbox.set("process.oomScoreAdj", 123)
        sandbox.set("process.noNewPrivileges", true)
        let out = try output(["sh", "-c", "cat /proc/self/oom_score_adj; grep NoNewPrivs /proc/self/status"])
        XCTAssertTrue(out.hasPrefix("123\n"), out)
        XCTAssertTrue(out.hasSuffix("1"), out)
    }

    func testCapabilities() throws {
        sandbox.set("process.capabilities", ["bounding": ["CAP_KILL", "CAP_CHOWN"], "effective": ["CAP_KILL"],
                                             "permitted": ["CAP_KILL"], "inheritable": [], "ambient": []])
        let out = try output(["sh", "-c", "grep -E '^Cap(Eff|Prm|Inh|Bnd)' /proc/self/status"])
        // CAP_CHOWN = 0, CAP_KILL = 5.
        XCTAssertTrue(out.contains("CapEff:\t0000000000000020"), out)
        XCTAssertTrue(out.contains("CapPrm:\t0000000000000020"), out)
        XCTAssertTrue(out.contains("CapInh:\t0000000000000000"), out)
        XCTAssertTrue(out.contains("CapBnd:\t0000000000000021"), out)
    }

    func testMountsTmpfsAndBind() throws {
        let hostDir = sandbox.dir + "/shared"
        try FileManager.default.createDirectory(atPath: hostDir, withIntermediateDirectories: true)
        try "from host\n".write(toFile: hostDir + "/file", atomically: true, encoding: .utf8)
        sandbox.appendMount(["destination": "/data", "type": "bind", "source": hostDir, "options": ["bind", "ro"]])
        sandbox.appendMount(["destination": "/scratch", "type": "tmpfs", "source": "tmpfs", "options": ["size=1m", "mode=700"]])
        let out = try output(["sh", "-c", "cat /data/file; echo x > /data/new 2>/dev/null && echo writable || echo readonly; grep ' /scratch ' /proc/self/mountinfo; stat -c %a /scratch"])
        XCTAssertTrue(out.hasPrefix("from host\nreadonly\n"), out)
        XCTAssertTrue(out.contains("tmpfs"), out)
        XCTAssertTrue(out.hasSuffix("700"), out)
    }

    func testReadonlyRootAndDevices() throws {
        var linux = sandbox.config["linux"] as? [String: Any] ?? [:]
        linux["devices"] = [["path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 0o666]]
        sandbox.config["linux"] = linux
        let out = try output(["sh", "-c", "touch /x 2>/dev/null && echo rw || echo ro; stat -c '%t,%T %F' /dev/null /dev/zero /dev/fuse; ls /dev"])
        let lines = out.split(separator: "\n").map(String.init)
        guard lines.count > 4 else { return XCTFail("unexpected output: \(out)") }
        XCTAssertEqual(lines[0], "ro")
        XCTAssertEqual(lines[1], "1,3 character special file")
        XCTAssertEqual(lines[2], "1,5 character special file")
        XCTAssertEqual(lines[3], "a,e5 character special file")
        for name in ["full", "random", "urandom", "tty", "ptmx", "pts", "shm", "fd", "stdin", "stdout", "stderr"] {
            XCTAssertTrue(lines.contains(name), "/dev/\(name) missing: \(lines)")
        }
    }

    func testMaskedAndReadonlyPaths() throws {
        let out = try output(["sh", "-c", "wc -c < /proc/keys; ls /sys/firmware | wc -l; echo 1 > /proc/sys/kernel/domainname 2>/dev/null && echo writable || echo readonly"])
        XCTAssertEqual(out, "0\n0\nreadonly")
    }

    func testSysctl() throws {
        sandbox.set("linux.sysctl", ["net.ipv4.ip_forward": "1", "kernel.msgmax": "4096"])
        XCTAssertEqual(try output(["sh", "-c", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/msgmax"]), "1\n4096")
    }

    func testUserNamespaceMappings() throws {
        sandbox.appendNamespace(["type": "user"])
        var linux = sandbox.config["linux"] as? [String: Any] ?? [:]
        linux["uidMappings"] = [["containerID": 0, "hostID": 100000, "size": 65536]]
        linux["gidMappings"] = [["containerID": 0, "hostID": 100000, "size": 65536]]
        // A cgroup tree and sysfs need privileges over the host; keep the userns test minimal.
        sandbox.config["mounts"] = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter {
            !["/sys", "/sys/fs/cgroup"].contains($0["destination"] as? String ?? "")
        }
        sandbox.config["linux"] = linux
        // The rootfs must be reachable by the mapped root.
        _ = Harness.exec("/bin/chown", ["-R", "100000:100000", sandbox.bundle + "/rootfs"])
        let out = try output(["sh", "-c", "id -u; cat /proc/self/uid_map"])
        let lines = out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        XCTAssertEqual(lines.first, "0")
        XCTAssertEqual(lines.dropFirst().first, "0 100000 65536")
    }

    func testTimeNamespaceOffsets() throws {
        sandbox.appendNamespace(["type": "time"])
        // /proc/uptime follows CLOCK_BOOTTIME, so its offset is visible there.
        sandbox.set("linux.timeOffsets", ["boottime": ["secs": 86400 * 365, "nanosecs": 0]])
        let uptime = try output(["cut", "-d.", "-f1", "/proc/uptime"])
        XCTAssertGreaterThan(Int(uptime) ?? 0, 86400 * 365 - 1)
    }

    func testConsoleSocketReceivesPtyMaster() throws {
        sandbox.set("process.terminal", true)
        // The runtime returns before we read: give the reader time to attach.
        sandbox.set("process.args", ["sh", "-c", "sleep 1; tty; echo done"])
        try sandbox.writeConfig()
        let socketPath = sandbox.dir + "/console.sock"
        let receiver = try ConsoleReceiver(path: socketPath)
        let id = sandbox.newID()
        let r = sandbox.runtime(["run", "--detach", "--console-socket", socketPath, id])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try receiver.readAll()
        XCTAssertTrue(text.contains("/dev/console") || text.contains("/dev/pts/"), text)
        XCTAssertTrue(text.contains("done"), text)
    }
}
