import CShims
import OCISpec
import Syscalls
@testable import ProcessSetup
import KernelTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Capabilities and user switch against the real kernel, each in a forked child.
final class CredentialsKernelTests: XCTestCase {
    override func setUp() {
        super.setUp()
        if getuid() != 0 { XCTFail("these tests need root") }
    }

    func testNonRootUserGetsExactlyTheConfiguredSets() {
        let caps = Spec.Process.Capabilities(
            bounding: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_CHOWN"],
            effective: ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
            inheritable: ["CAP_NET_BIND_SERVICE"],
            permitted: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            ambient: ["CAP_NET_BIND_SERVICE"])
        let user = Spec.Process.User(uid: 1000, gid: 1001, additionalGids: [5, 6])
        Forked.run { _ in
            let sets = CapabilitySets(caps, lastCap: Capabilities.kernelLastCap())
            do throws(ProcessSetupError) {
                try Capabilities.applyBoundingSet(sets)
                try UserSwitch.apply(user)
                let warnings = try Capabilities.apply(sets)
                if !warnings.isEmpty { return "warnings: \(warnings)" }
            } catch { return "\(error)" }
            var c = Checks()
            c.expect(procStatus("CapBnd"), CapabilitySets.hex(1 << 29 | 1 << 5 | 1 << 10 | 1 << 0), "CapBnd")
            c.expect(procStatus("CapPrm"), CapabilitySets.hex(1 << 29 | 1 << 5 | 1 << 10), "CapPrm")
            c.expect(procStatus("CapEff"), CapabilitySets.hex(1 << 5 | 1 << 10), "CapEff")
            c.expect(procStatus("CapInh"), CapabilitySets.hex(1 << 10), "CapInh")
            c.expect(procStatus("CapAmb"), CapabilitySets.hex(1 << 10), "CapAmb")
            c.expect(procStatus("Uid"), "1000\t1000\t1000\t1000", "Uid")
            c.expect(procStatus("Gid"), "1001\t1001\t1001\t1001", "Gid")
            c.expect(procStatus("Groups"), "5 6", "Groups")
            return c.result
        }
    }

    func testRootUserWithNoCapabilitiesConfiguredHasNone() {
        Forked.run { _ in
            let sets = CapabilitySets(nil, lastCap: Capabilities.kernelLastCap())
            do throws(ProcessSetupError) {
                try Capabilities.applyBoundingSet(sets)
                try UserSwitch.apply(Spec.Process.User())
                try Capabilities.apply(sets)
            } catch { return "\(error)" }
            var c = Checks()
            for key in ["CapBnd", "CapPrm", "CapEff", "CapInh", "CapAmb"] {
                c.expect(procStatus(key), "0000000000000000", key)
            }
            c.expect(procStatus("Uid"), "0\t0\t0\t0", "Uid")
            c.expect(procStatus("Groups"), "", "Groups (supplementary groups of the caller dropped)")
            return c.result
        }
    }

    func testAmbientThatIsNotInheritableOnlyWarns() {
        let caps = Spec.Process.Capabilities(bounding: ["CAP_KILL"], effective: ["CAP_KILL"],
                                             permitted: ["CAP_KILL"], ambient: ["CAP_KILL"])
        Forked.run { _ in
            let sets = CapabilitySets(caps, lastCap: Capabilities.kernelLastCap())
            do throws(ProcessSetupError) {
                try Capabilities.applyBoundingSet(sets)
                try UserSwitch.apply(Spec.Process.User(uid: 1000, gid: 1000))
                let warnings = try Capabilities.apply(sets)
                if warnings.count != 1 || !warnings[0].contains("CAP_KILL") { return "warnings: \(warnings)" }
            } catch { return "\(error)" }
            var c = Checks()
            c.expect(procStatus("CapAmb"), "0000000000000000", "CapAmb")
            c.expect(procStatus("CapEff"), CapabilitySets.hex(1 << 5), "CapEff")
            return c.result
        }
    }

    func testStdioIsGivenToTheUser() {
        Forked.run { _ in
            var p: [Int32] = [-1, -1]
            guard pipe(&p) == 0, dup2(p[1], 1) == 1 else { return "pipe/dup2" }
            do throws(ProcessSetupError) { try UserSwitch.fixStdioOwnership(uid: 4242) } catch { return "\(error)" }
            var st = stat()
            fstat(1, &st)
            return st.st_uid == 4242 ? nil : "stdout owner \(st.st_uid)"
        }
    }

    func testUserNamespaceWithSetgroupsDenyAndUnmappedUID() {
        Forked.run { _ in
            guard sw_unshare(0x1000_0000 /* CLONE_NEWUSER */) == 0 else { return "unshare: \(errno)" }
            do {
                try FileIO.write("/proc/self/setgroups", "deny")
                try FileIO.write("/proc/self/uid_map", "0 0 1")
                try FileIO.write("/proc/self/gid_map", "0 0 1")
            } catch { return "maps: \(error)" }
            do throws(ProcessSetupError) {
                // setgroups is skipped (deny), gid 0 is mapped, uid 1000 is not.
                try UserSwitch.apply(Spec.Process.User(uid: 1000, gid: 0, additionalGids: [7]))
                return "switched to an unmapped uid"
            } catch {
                var c = Checks()
                c.expect(error.field, "process.user.uid", "field")
                c.expect(error.message, "cannot setuid to unmapped uid 1000 in user namespace", "message")
                c.expect(error.errno, EINVAL, "errno")
                return c.result
            }
        }
    }

    func testSetgroupsDenyIsRespected() {
        XCTAssertFalse(UserSwitch.setgroupsAllowed("deny\n"))
        XCTAssertTrue(UserSwitch.setgroupsAllowed("allow\n"))
        XCTAssertTrue(UserSwitch.setgroupsAllowed(nil))
    }
}
