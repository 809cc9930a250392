import Foundation
import XCTest

/// The default seccomp profiles engines actually send, loaded by swiftlet.
/// Fixtures/docker-default-seccomp.json is moby's profiles/seccomp/default.json
/// and Fixtures/podman-default-seccomp.json containers/common's
/// pkg/seccomp/seccomp.json, both resolved the way the engines resolve them
/// for x86-64 and a container without CAP_SYS_ADMIN/SYS_PTRACE/... (the
/// `includes`/`excludes` conditions applied, archMap turned into
/// `architectures`), i.e. the linux.seccomp the runtime receives.
final class SeccompProfileIntegrationTests: IntegrationTestCase {
    typealias NR = SyscallProbe.NR
    static let keySpecSessionKeyring = UInt64(bitPattern: -3)
    static let runc = "/usr/sbin/runc"

    /// Everyday busybox work that any default profile must allow (a subshell:
    /// `set -e` must not stop the probes that follow).
    static let everyday = "(\n" + everydayBody + "\n)"
    static let everydayBody = """
        set -e; ls / >/dev/null; ps >/dev/null; echo hi | sed s/hi/ho/ | grep -q ho; mkdir -p /tmp/d/e
        echo x > /tmp/d/e/f; cat /tmp/d/e/f >/dev/null; cp /tmp/d/e/f /tmp/g; mv /tmp/g /tmp/h; rm -r /tmp/d /tmp/h
        date >/dev/null; id -u >/dev/null; sleep 0.1; uname -a >/dev/null; wc -l /etc/passwd >/dev/null
        find /etc >/dev/null; tar -cf /tmp/t.tar /etc; tar -tf /tmp/t.tar >/dev/null; sort /etc/passwd >/dev/null
        awk '{print $1}' /etc/group >/dev/null; (echo sub) >/dev/null; x=$(echo cmdsubst); kill -0 $$; echo everyday-ok
        """

    private func load(_ fixture: String) throws -> [String: Any] {
        let path = Harness.packageRoot.appendingPathComponent("Tests/IntegrationTests/Fixtures/\(fixture)").path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func installProbes() throws {
        try sandbox.installProbes([
            "unshare": SyscallProbe.single(NR.unshare, [0x20000]),               // CLONE_NEWNS
            "unshare-user": SyscallProbe.single(NR.unshare, [0x1000_0000]),      // CLONE_NEWUSER: no capability needed
            "mount": SyscallProbe.single(NR.mount, [0, 0, 0, 0, 0]),
            "keyctl": SyscallProbe.single(NR.keyctl, [0, Self.keySpecSessionKeyring, 0]),  // KEYCTL_GET_KEYRING_ID
            "add_key": SyscallProbe.single(NR.add_key, [0, 0, 0, 0, 0]),
            "setns": SyscallProbe.single(NR.setns, [UInt64(bitPattern: -1), 0]),
            "kexec": SyscallProbe.single(NR.kexec_load, [0, 0, 0, 0]),
            "clone3": SyscallProbe.single(435, [0, 0]),
            "personality-query": SyscallProbe.single(NR.personality, [0xFFFF_FFFF]),
            "personality-rie": SyscallProbe.single(NR.personality, [0x040_0000]),  // READ_IMPLIES_EXEC
            "getcpu": SyscallProbe.single(NR.getcpu, [0, 0, 0]),
        ])
    }

    private static let probes = ["unshare", "unshare-user", "mount", "keyctl", "add_key", "setns", "kexec", "clone3",
                                 "personality-query", "personality-rie", "getcpu"]

    private func runProfile(_ fixture: String, noNewPrivileges: Bool, user: Int = 0) throws -> (String, [String: Int]) {
        try installProbes()
        sandbox.set("linux.seccomp", try load(fixture))
        sandbox.set("process.noNewPrivileges", noNewPrivileges)
        sandbox.set("process.user", ["uid": user, "gid": user])
        let script = Self.everyday + "\n" + Sandbox.probeScript(Self.probes)
            + "; unshare -m true 2>/dev/null || echo unshare-refused; mount -t tmpfs none /tmp 2>/dev/null || echo mount-refused"
            + "; grep Seccomp: /proc/self/status"
        let out = try output(["sh", "-c", script])
        let got = Sandbox.probeResults(out)
        // libseccomp's rule semantics are subtle (overlapping rules, argument
        // filters): the same profile through runc must give the same answers.
        if Harness.runtime != Self.runc, FileManager.default.isExecutableFile(atPath: Self.runc) {
            let r = Harness.exec(Self.runc, ["--root", sandbox.dir + "/runc-state", "run", "runc-\(getpid())"], cwd: sandbox.bundle)
            XCTAssertEqual(Sandbox.probeResults(r.stdout), got, "runc disagrees: \(r.stderr)")
        }
        return (out, got)
    }

    private func assertDocker(_ out: String, _ got: [String: Int], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(out.contains("everyday-ok"), out, file: file, line: line)
        XCTAssertTrue(out.contains("Seccomp:\t2"), out, file: file, line: line)
        XCTAssertTrue(out.contains("unshare-refused") && out.contains("mount-refused"), out, file: file, line: line)
        // Not allowed without CAP_SYS_ADMIN or not listed at all: defaultErrnoRet 1.
        for name in ["unshare", "unshare-user", "mount", "keyctl", "add_key", "setns", "kexec", "personality-rie"] {
            XCTAssertEqual(got[name], Int(EPERM), "\(name) under Docker's profile: \(out)", file: file, line: line)
        }
        XCTAssertEqual(got["clone3"], Int(ENOSYS), "clone3 gets its explicit errnoRet 38", file: file, line: line)
        XCTAssertEqual(got["personality-query"], 0, "personality(0xffffffff) is allowed by an args rule", file: file, line: line)
        XCTAssertEqual(got["getcpu"], 0, file: file, line: line)
    }

    func testDockerDefaultProfile() throws {
        let (out, got) = try runProfile("docker-default-seccomp.json", noNewPrivileges: true)
        assertDocker(out, got)
    }

    /// Without no_new_privs the filter goes in before the user switch: the
    /// runtime's own last steps must pass Docker's profile.
    func testDockerDefaultProfileWithoutNoNewPrivilegesAsUser() throws {
        let (out, got) = try runProfile("docker-default-seccomp.json", noNewPrivileges: false, user: 1000)
        assertDocker(out, got)
    }

    func testPodmanDefaultProfile() throws {
        for nnp in [true, false] {
            let (out, got) = try runProfile("podman-default-seccomp.json", noNewPrivileges: nnp)
            XCTAssertTrue(out.contains("everyday-ok"), out)
            XCTAssertTrue(out.contains("Seccomp:\t2"), out)
            XCTAssertTrue(out.contains("unshare-refused") && out.contains("mount-refused"), out)
            // Allowed by the profile, refused by the kernel for lack of CAP_SYS_ADMIN
            // (mount with NULL arguments fails copying them, before that check).
            XCTAssertEqual(got["unshare"], Int(EPERM), out)
            XCTAssertEqual(got["mount"], Int(EFAULT), out)
            XCTAssertEqual(got["unshare-user"], 0, "a user namespace needs no capability: \(out)")
            // setns is in the big allow list before its errnoRet 1 rule: the
            // first rule wins in libseccomp, so the kernel answers (EBADF), as with runc.
            XCTAssertEqual(got["setns"], Int(EBADF), out)
            XCTAssertEqual(got["kexec"], Int(EPERM), out)
            // Not listed: defaultErrnoRet 38.
            XCTAssertEqual(got["add_key"], Int(ENOSYS), out)
            XCTAssertEqual(got["personality-rie"], Int(ENOSYS), out)
            // Allowed: the kernel answers.
            XCTAssertEqual(got["keyctl"], 0, "keyctl is allowed by podman's profile: \(out)")
            XCTAssertEqual(got["clone3"], Int(EINVAL), "clone3 reaches the kernel: \(out)")
            XCTAssertEqual(got["personality-query"], 0, out)
        }
    }

    /// `exec` into a container running under Docker's profile gets it too.
    func testDockerDefaultProfileInExec() throws {
        try installProbes()
        sandbox.set("linux.seccomp", try load("docker-default-seccomp.json"))
        sandbox.set("process.args", ["sleep", "60"])
        try sandbox.writeConfig()
        let id = sandbox.newID()
        XCTAssertEqual(sandbox.runtime(["run", "-d", id]).status, 0)
        let r = sandbox.runtime(["exec", id, "sh", "-c", Self.everyday + "\n" + Sandbox.probeScript(["keyctl", "unshare", "clone3"])])
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = Sandbox.probeResults(r.stdout)
        XCTAssertTrue(r.stdout.contains("everyday-ok"), r.stdout)
        XCTAssertEqual(got["keyctl"], Int(EPERM))
        XCTAssertEqual(got["unshare"], Int(EPERM))
        XCTAssertEqual(got["clone3"], Int(ENOSYS))
    }
}
