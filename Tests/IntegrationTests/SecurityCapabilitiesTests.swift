import Foundation
import Glibc
import XCTest

/// process.capabilities: the five sets as /proc/self/status shows them after
/// execve, for root and non-root users, compared with the kernel's rules (and
/// with runc when it is installed); unknown names; CVE-2022-29162.
final class SecurityCapabilitiesTests: IntegrationTestCase {
    static let chown: UInt64 = 1 << 0, kill: UInt64 = 1 << 5, setpcap: UInt64 = 1 << 8, netRaw: UInt64 = 1 << 13
    static let runc = "/usr/sbin/runc"

    private func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// CapInh/CapPrm/CapEff/CapBnd/CapAmb of the container's process.
    private func capabilityLines(_ runtime: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
        sandbox.set("process.args", ["sh", "-c", "grep ^Cap /proc/self/status"])
        try sandbox.writeConfig()
        let r: Harness.Result
        if let runtime {
            // A --root inside the sandbox dir: removed with it.
            r = Harness.exec(runtime, ["--root", sandbox.dir + "/other-state", "run", "other-\(getpid())"], cwd: sandbox.bundle)
        } else {
            r = sandbox.runtime(["run", sandbox.newID()])
        }
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        var out: [String: String] = [:]
        for l in r.stdout.split(separator: "\n") {
            let parts = l.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { out[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return out
    }

    private func assertSets(_ expected: [String: UInt64], file: StaticString = #filePath, line: UInt = #line) throws {
        let got = try capabilityLines(file: file, line: line)
        for (set, value) in expected {
            XCTAssertEqual(got[set], hex(value), "\(set): \(got)", file: file, line: line)
        }
        // The same configuration through runc gives the same sets.
        if Harness.runtime != Self.runc, FileManager.default.isExecutableFile(atPath: Self.runc) {
            let theirs = try capabilityLines(Self.runc, file: file, line: line)
            XCTAssertEqual(got, theirs, "runc disagrees", file: file, line: line)
        }
    }

    private var configured: [String: [String]] {
        ["bounding": ["CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW", "CAP_SETPCAP"], "effective": ["CAP_KILL"],
         "permitted": ["CAP_KILL", "CAP_CHOWN"], "inheritable": ["CAP_CHOWN"], "ambient": ["CAP_CHOWN"]]
    }

    /// Root: execve grants bounding|inheritable, clamped to the old permitted
    /// set by no_new_privs; effective follows permitted.
    func testRootWithNoNewPrivileges() throws {
        sandbox.set("process.capabilities", configured)
        try assertSets(["CapBnd": Self.chown | Self.kill | Self.netRaw | Self.setpcap, "CapPrm": Self.kill | Self.chown,
                        "CapEff": Self.kill | Self.chown, "CapInh": Self.chown, "CapAmb": Self.chown])
    }

    /// Root without no_new_privs: the full bounding set, as the kernel gives root.
    func testRootWithoutNoNewPrivileges() throws {
        sandbox.set("process.capabilities", configured)
        sandbox.set("process.noNewPrivileges", false)
        let all = Self.chown | Self.kill | Self.netRaw | Self.setpcap
        try assertSets(["CapBnd": all, "CapPrm": all, "CapEff": all, "CapInh": Self.chown, "CapAmb": Self.chown])
    }

    /// Non-root: only the ambient set survives execve into permitted/effective.
    func testNonRootKeepsAmbient() throws {
        sandbox.set("process.capabilities", configured)
        sandbox.set("process.user", ["uid": 1000, "gid": 1000])
        try assertSets(["CapBnd": Self.chown | Self.kill | Self.netRaw | Self.setpcap, "CapPrm": Self.chown,
                        "CapEff": Self.chown, "CapInh": Self.chown, "CapAmb": Self.chown])
    }

    func testNonRootWithoutAmbientHasNoCapabilities() throws {
        var caps = configured
        caps["ambient"] = []
        caps["inheritable"] = []
        sandbox.set("process.capabilities", caps)
        sandbox.set("process.user", ["uid": 1000, "gid": 1000])
        try assertSets(["CapBnd": Self.chown | Self.kill | Self.netRaw | Self.setpcap, "CapPrm": 0, "CapEff": 0,
                        "CapInh": 0, "CapAmb": 0])
    }

    /// Unknown names are skipped with a warning (runc 1.1+), the rest applies.
    func testUnknownCapabilityNamesAreSkippedWithAWarning() throws {
        sandbox.set("process.capabilities", ["bounding": ["CAP_KILL", "CAP_TELEPATHY"], "effective": ["CAP_KILL", "cap_kill"],
                                             "permitted": ["CAP_KILL", "CAP_TELEPATHY"]])
        sandbox.set("process.args", ["sh", "-c", "grep -E '^Cap(Bnd|Eff)' /proc/self/status"])
        try sandbox.writeConfig()
        let r = sandbox.runtime(["run", sandbox.newID()])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("CapBnd:\t\(hex(Self.kill))"), r.stdout)
        XCTAssertTrue(r.stdout.contains("CapEff:\t\(hex(Self.kill))"), r.stdout)
        XCTAssertTrue(r.stderr.contains("CAP_TELEPATHY"), "a warning names the skipped capability: \(r.stderr)")
    }

    /// CVE-2022-29162: with an empty inheritable set, a program carrying
    /// inheritable file capabilities gains nothing; had the runtime filled
    /// the inheritable set, (pI & fI) would have granted CAP_NET_RAW.
    func testInheritableIsEmptyUnlessConfigured() throws {
        // Named busybox so that it takes the applet from argv[1].
        try FileManager.default.createDirectory(atPath: sandbox.bundle + "/rootfs/capped", withIntermediateDirectories: true)
        let capped = sandbox.bundle + "/rootfs/capped/busybox"
        try FileManager.default.copyItem(atPath: sandbox.bundle + "/rootfs/bin/busybox", toPath: capped)
        // File capabilities: effective, inheritable CAP_NET_RAW, permitted nothing.
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/sbin/setcap"), "setcap (libcap2-bin) missing")
        let setcap = Harness.exec("/usr/sbin/setcap", ["cap_net_raw+ei", capped])
        XCTAssertEqual(setcap.status, 0, setcap.stderr)
        var caps: [String: [String]] = ["bounding": ["CAP_NET_RAW", "CAP_KILL"], "effective": ["CAP_NET_RAW"],
                                        "permitted": ["CAP_NET_RAW"]]
        sandbox.set("process.capabilities", caps)
        sandbox.set("process.noNewPrivileges", false)
        sandbox.set("process.user", ["uid": 1000, "gid": 1000])
        let script = "grep CapInh /proc/self/status; /capped/busybox grep -E '^Cap(Prm|Eff)' /proc/self/status"
        let out = try output(["sh", "-c", script])
        XCTAssertEqual(out, "CapInh:\t\(hex(0))\nCapPrm:\t\(hex(0))\nCapEff:\t\(hex(0))")

        // The same with CAP_NET_RAW configured as inheritable: the file grant works.
        caps["inheritable"] = ["CAP_NET_RAW"]
        sandbox.set("process.capabilities", caps)
        let granted = try output(["sh", "-c", script])
        XCTAssertEqual(granted, "CapInh:\t\(hex(Self.netRaw))\nCapPrm:\t\(hex(Self.netRaw))\nCapEff:\t\(hex(Self.netRaw))")
    }

    /// `exec --cap` adds to bounding/effective/permitted only; inheritable
    /// stays as configured (empty), ambient untouched without inheritable.
    func testExecCapDoesNotGrantInheritable() throws {
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        let r = sandbox.runtime(["exec", "--cap", "CAP_NET_RAW", id, "grep", "-E", "^Cap(Inh|Eff|Amb)", "/proc/self/status"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("CapInh:\t\(hex(0))"), r.stdout)
        XCTAssertTrue(r.stdout.contains("CapAmb:\t\(hex(0))"), r.stdout)
        let eff = r.stdout.split(separator: "\n").first { $0.hasPrefix("CapEff") }.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        XCTAssertEqual((eff ?? 0) & Self.netRaw, Self.netRaw, r.stdout)
    }
}
