import OCISpec
@testable import ProcessSetup
import XCTest

/// Name → kernel value mappings and validation, no kernel involved.
final class MappingTests: XCTestCase {
    func testRlimitNames() throws {
        let limits = try Rlimits.resolve([
            Spec.Process.Rlimit(type: "RLIMIT_NOFILE", hard: 1024, soft: 512),
            Spec.Process.Rlimit(type: "RLIMIT_RTTIME", hard: 1, soft: 1),
            Spec.Process.Rlimit(type: "RLIMIT_CPU", hard: UInt64.max, soft: UInt64.max),
        ])
        XCTAssertEqual(limits.map(\.resource), [7, 15, 0])
        XCTAssertEqual(limits.map(\.field), ["process.rlimits[0]", "process.rlimits[1]", "process.rlimits[2]"])
        XCTAssertEqual(Rlimits.resource(named: "RLIMIT_MSGQUEUE"), 12)
        XCTAssertNil(Rlimits.resource(named: "RLIMIT_BOGUS"))
        XCTAssertEqual(try Rlimits.resolve(nil), [])
    }

    func testRlimitErrorsNameTheEntry() {
        func field(_ r: [Spec.Process.Rlimit]) -> String? {
            do throws(ProcessSetupError) { _ = try Rlimits.resolve(r); return nil } catch { return error.field }
        }
        XCTAssertEqual(field([.init(type: "RLIMIT_NOFILE", hard: 1, soft: 1), .init(type: "RLIMIT_FOO", hard: 1, soft: 1)]),
                       "process.rlimits[1].type")
        XCTAssertEqual(field([.init(type: "RLIMIT_CORE", hard: 1, soft: 1), .init(type: "RLIMIT_CORE", hard: 2, soft: 2)]),
                       "process.rlimits[1].type")
        XCTAssertEqual(field([.init(type: "RLIMIT_CORE", hard: 1, soft: 2)]), "process.rlimits[0]")
    }

    func testSchedulerAttributes() throws {
        let a = try Scheduler.attributes(Spec.Process.Scheduler(
            policy: "SCHED_FIFO", nice: -3, priority: 10, flags: ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_KEEP_PARAMS"]))
        XCTAssertEqual(a.policy, 1)
        XCTAssertEqual(a.priority, 10)
        XCTAssertEqual(a.nice, -3)
        XCTAssertEqual(a.flags, 0x11)
        let bytes = a.bytes
        XCTAssertEqual(bytes.count, 48)
        XCTAssertEqual(Array(bytes[0..<8]), [48, 0, 0, 0, 1, 0, 0, 0])
        XCTAssertEqual(Array(bytes[16..<24]), [0xfd, 0xff, 0xff, 0xff, 10, 0, 0, 0])

        let d = try Scheduler.attributes(Spec.Process.Scheduler(policy: "SCHED_DEADLINE", runtime: 1, deadline: 2, period: 3))
        XCTAssertEqual([d.runtime, d.deadline, d.period], [1, 2, 3])
        XCTAssertEqual(d.policy, 6)
    }

    func testSchedulerValidationLikeRunc() {
        func field(_ s: Spec.Process.Scheduler) -> String? {
            do throws(ProcessSetupError) { _ = try Scheduler.attributes(s); return nil } catch { return error.field }
        }
        XCTAssertEqual(field(.init(policy: "SCHED_NOPE")), "process.scheduler.policy")
        XCTAssertEqual(field(.init(policy: "SCHED_OTHER", nice: 20)), "process.scheduler.nice")
        XCTAssertEqual(field(.init(policy: "SCHED_OTHER", priority: 1)), "process.scheduler.priority")
        XCTAssertEqual(field(.init(policy: "SCHED_RR", runtime: 5)), "process.scheduler")
        XCTAssertEqual(field(.init(policy: "SCHED_OTHER", flags: ["SCHED_FLAG_X"])), "process.scheduler.flags[0]")
    }

    func testIOPriorityValue() throws {
        XCTAssertEqual(try IOPriority.value(.init(priorityClass: "IOPRIO_CLASS_RT", priority: 0)), 1 << 13)
        XCTAssertEqual(try IOPriority.value(.init(priorityClass: "IOPRIO_CLASS_BE", priority: 7)), 2 << 13 | 7)
        XCTAssertEqual(try IOPriority.value(.init(priorityClass: "IOPRIO_CLASS_IDLE", priority: 4)), 3 << 13 | 4)
        XCTAssertThrowsError(try IOPriority.value(.init(priorityClass: "IOPRIO_CLASS_IDLE", priority: 8)))
        XCTAssertThrowsError(try IOPriority.value(.init(priorityClass: "BOGUS", priority: 1))) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.ioPriority.class")
        }
    }

    func testPersonality() throws {
        XCTAssertEqual(try Personality.resolve(.init(domain: "LINUX")).persona, 0)
        let r = try Personality.resolve(.init(domain: "LINUX32", flags: ["ADDR_NO_RANDOMIZE"]))
        XCTAssertEqual(r.persona, 8)
        XCTAssertEqual(r.warnings.count, 1)
        XCTAssertThrowsError(try Personality.resolve(.init(domain: "SVR4"))) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "linux.personality.domain")
        }
    }

    func testCPUMask() throws {
        XCTAssertEqual(try CPUAffinity.parse("0-3,7", field: "f"), [0b1000_1111])
        XCTAssertEqual(try CPUAffinity.parse("64", field: "f"), [0, 1])
        XCTAssertEqual(try CPUAffinity.parse("", field: "f"), [])
        XCTAssertThrowsError(try CPUAffinity.parse("3-1", field: "process.execCPUAffinity.initial")) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.execCPUAffinity.initial")
        }
        XCTAssertThrowsError(try CPUAffinity.parse("a", field: "f"))
    }

    func testOOMScoreValue() throws {
        XCTAssertEqual(try OOMScore.value(-1000), "-1000")
        XCTAssertThrowsError(try OOMScore.value(1001))
        XCTAssertEqual(OOMScore.path(pid: 42), "/proc/42/oom_score_adj")
        XCTAssertEqual(OOMScore.path(pid: nil), "/proc/self/oom_score_adj")
    }

    func testKeyringDescriptionParsing() throws {
        XCTAssertEqual(try Keyring.parsePermissions(description: "keyring;0;0;3f1b0000;_ses.abc"), 0x3f1b_0000)
        XCTAssertEqual(try Keyring.parsePermissions(description: "keyring;0;0;3f010000;_ses;with;semicolons"), 0x3f01_0000)
        XCTAssertThrowsError(try Keyring.parsePermissions(description: "garbage"))
        XCTAssertEqual(Keyring.sessionName(containerID: "abc"), "_ses.abc")
    }

    func testErrorDescription() {
        let e = ProcessSetupError(field: "process.cwd", "chdir failed", underlying: .init(errno: 2, "chdir", "/x"))
        XCTAssertEqual(e.description, "process.cwd: chdir failed: chdir /x: No such file or directory")
    }
}
