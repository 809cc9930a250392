import CShims
import OCISpec
@testable import ProcessSetup
import Syscalls
import KernelTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// rlimits, NNP, oom score, personality, scheduler, affinity, umask, keyring, LSM:
/// applied in a forked child and read back from the kernel.
final class ProcessAttributesKernelTests: XCTestCase {
    func testRlimitsAreVisibleThroughGetrlimit() {
        let limits = [Spec.Process.Rlimit(type: "RLIMIT_NOFILE", hard: 200, soft: 100),
                      Spec.Process.Rlimit(type: "RLIMIT_CORE", hard: 0, soft: 0)]
        Forked.run { _ in
            do throws(ProcessSetupError) { try Rlimits.apply(limits) } catch { return "\(error)" }
            var c = Checks()
            var r = rlimit()
            getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &r)
            c.expect(r.rlim_cur, 100, "NOFILE soft")
            c.expect(r.rlim_max, 200, "NOFILE hard")
            getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &r)
            c.expect(r.rlim_max, 0, "CORE hard")
            return c.result
        }
    }

    func testRaisingAHardLimitWithoutCapSysResourceNamesTheEntry() {
        Forked.run { _ in
            do throws(ProcessSetupError) {
                try Rlimits.apply([Spec.Process.Rlimit(type: "RLIMIT_NOFILE", hard: 64, soft: 64)])
                // Give up every capability so CAP_SYS_RESOURCE is surely gone.
                let none = CapabilitySets(nil, lastCap: Capabilities.kernelLastCap())
                try Capabilities.applyBoundingSet(none)
                try UserSwitch.apply(Spec.Process.User(uid: 1000, gid: 1000))
                try Capabilities.apply(none)
            } catch { return "setup: \(error)" }
            do throws(ProcessSetupError) {
                try Rlimits.apply([Spec.Process.Rlimit(type: "RLIMIT_CORE", hard: 0, soft: 0),
                                   Spec.Process.Rlimit(type: "RLIMIT_NOFILE", hard: 128, soft: 64)])
                return "raised a hard limit without CAP_SYS_RESOURCE"
            } catch {
                var c = Checks()
                c.expect(error.field, "process.rlimits[1]", "field")
                c.expect(error.errno, EPERM, "errno")
                if !error.description.contains("RLIMIT_NOFILE") { c.fail("description: \(error)") }
                return c.result
            }
        }
    }

    func testNoNewPrivilegesIsVisibleInProcStatus() {
        Forked.run { _ in
            if procStatus("NoNewPrivs") != "0" { return "NoNewPrivs already set" }
            do throws(ProcessSetupError) { try NoNewPrivileges.apply() } catch { return "\(error)" }
            return procStatus("NoNewPrivs") == "1" ? nil : "NoNewPrivs \(procStatus("NoNewPrivs") ?? "?")"
        }
    }

    func testOOMScoreAdj() {
        Forked.run { _ in
            do throws(ProcessSetupError) { try OOMScore.apply(500) } catch { return "\(error)" }
            let v = try? FileIO.readString("/proc/self/oom_score_adj")
            return v == "500\n" ? nil : "oom_score_adj \(v ?? "?")"
        }
    }

    func testPersonalityLinux32ChangesUname() {
        Forked.run { _ in
            do throws(ProcessSetupError) { try Personality.apply(Spec.Linux.Personality(domain: "LINUX32")) } catch { return "\(error)" }
            var u = utsname()
            uname(&u)
            let machine = withUnsafeBytes(of: u.machine) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            return machine == "i686" ? nil : "machine \(machine)"
        }
    }

    func testSchedulerBatchWithNice() {
        Forked.run { _ in
            do throws(ProcessSetupError) { try Scheduler.apply(Spec.Process.Scheduler(policy: "SCHED_BATCH", nice: 5)) } catch { return "\(error)" }
            var c = Checks()
            c.expect(sched_getscheduler(0), 3, "policy")
            c.expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), 5, "nice")
            return c.result
        }
    }

    func testIOPriorityIsAccepted() {
        Forked.run { _ in
            do { try IOPriority.apply(Spec.Process.IOPriority(priorityClass: "IOPRIO_CLASS_IDLE", priority: 4)) }
            catch { return "\(error)" }
            return nil
        }
    }

    func testInitialCPUAffinity() {
        Forked.run { _ in
            do throws(ProcessSetupError) { try CPUAffinity.applyInitial(Spec.Process.ExecCPUAffinity(initial: "0")) } catch { return "\(error)" }
            return procStatus("Cpus_allowed_list") == "0" ? nil : "Cpus_allowed_list \(procStatus("Cpus_allowed_list") ?? "?")"
        }
    }

    func testUmaskDefaultsTo022() {
        Forked.run { _ in
            var c = Checks()
            c.expect(Umask.apply(nil), 0o022, "default")
            c.expect(umask(0), 0o022, "umask(2)")
            c.expect(Umask.apply(0o077), 0o077, "configured")
            c.expect(umask(0), 0o077, "umask(2)")
            return c.result
        }
    }

    func testSessionKeyringIsJoined() {
        Forked.run { _ in
            let name = Keyring.sessionName(containerID: "swiftlet-test-\(getpid())")
            let serial: Int32?
            do throws(ProcessSetupError) { serial = try Keyring.joinSession(name: name, inUserNamespace: false) } catch { return "\(error)" }
            guard let serial else { return nil } // keyrings unavailable here: tolerated
            var buf = [CChar](repeating: 0, count: 256)
            // KEY_SPEC_SESSION_KEYRING (-3) is now the one we joined.
            guard sw_keyctl_describe(-3, &buf, buf.count) > 0 else { return "describe: \(errno)" }
            let text = buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard text.hasSuffix(";" + name) else { return "session keyring is \(text)" }
            guard let perm = try? Keyring.permissions(of: serial), perm & Keyring.userSearch != 0 else {
                return "keyring not user-searchable: \(text)"
            }
            return nil
        }
    }

    func testAppArmorWithoutAppArmorFailsLikeRunc() throws {
        try XCTSkipIf(LSM.appArmorEnabled(), "AppArmor is enabled on this host")
        Forked.run { _ in
            do throws(ProcessSetupError) {
                try LSM.applyAppArmor("swiftlet-test")
                return "applied a profile without AppArmor"
            } catch {
                return error.field == "process.apparmorProfile" && error.errno == EINVAL ? nil : "\(error)"
            }
        }
    }

    func testSELinuxLabelWithoutSELinuxIsAnError() {
        XCTAssertThrowsError(try LSM.applySELinuxLabel("system_u:system_r:container_t:s0", enabled: false)) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.selinuxLabel")
        }
        XCTAssertNoThrow(try LSM.applySELinuxLabel(nil, enabled: false))
        XCTAssertNoThrow(try LSM.applyAppArmor(""))
    }
}
