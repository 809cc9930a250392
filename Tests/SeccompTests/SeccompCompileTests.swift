import OCISpec
@testable import Seccomp
import XCTest

/// Compiles profiles with libseccomp and checks the resulting program's verdicts
/// with the BPF interpreter (x86_64 syscall numbers).
final class SeccompCompileTests: XCTestCase {
    typealias Rule = Spec.Linux.Seccomp.Syscall
    typealias Arg = Spec.Linux.Seccomp.Arg

    enum NR {
        static let read: Int32 = 0, write: Int32 = 1, kill: Int32 = 62, getcwd: Int32 = 79, mkdir: Int32 = 83
        static let chmod: Int32 = 90, getppid: Int32 = 110, personality: Int32 = 135, clone: Int32 = 56
        static let exitGroup: Int32 = 231, unshare: Int32 = 272, clone3: Int32 = 435, setns: Int32 = 308
    }

    func verdict(_ f: SeccompFilter, _ nr: Int32, _ args: [UInt64] = [], arch: UInt32 = Audit.x86_64,
                 file: StaticString = #filePath, line: UInt = #line) -> UInt32? {
        var data = SeccompData(nr: nr, arch: arch)
        for (i, a) in args.enumerated() { data.args[i] = a }
        do { return try runBPF(f.instructions, data) } catch {
            XCTFail("interpreter: \(error)", file: file, line: line)
            return nil
        }
    }

    func compile(_ spec: Spec.Linux.Seccomp, file: StaticString = #filePath, line: UInt = #line) -> SeccompFilter? {
        do { return try SeccompFilter.compile(spec) } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func failure(_ spec: Spec.Linux.Seccomp) -> SeccompError? {
        do { _ = try SeccompFilter.compile(spec); return nil } catch { return error }
    }

    func testSpecExampleProfile() throws {
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                                            syscalls: [Rule(names: ["getcwd", "chmod"], action: "SCMP_ACT_ERRNO")])))
        XCTAssertEqual(verdict(f, NR.getcwd), Ret.errno(1), "ERRNO defaults to EPERM")
        XCTAssertEqual(verdict(f, NR.chmod), Ret.errno(1))
        XCTAssertEqual(verdict(f, NR.mkdir), Ret.allow)
        XCTAssertEqual(verdict(f, 183 /* i386 getcwd */, arch: Audit.i386), Ret.errno(1))
        XCTAssertEqual(f.stubLength, 0, "no ENOSYS stub for an allow-by-default profile")
        XCTAssertEqual(f.flags, SeccompVocabulary.flagSpecAllow, "runc's default flags")
        XCTAssertFalse(f.usesNotify)
        XCTAssertEqual(try f.instructions.count, BPFInstruction.decode(BPFInstruction.encode(f.instructions))?.count)
    }

    func testEveryActionMapsToItsReturnValue() throws {
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["mkdir"], action: "SCMP_ACT_ERRNO", errnoRet: 42),
            Rule(names: ["chmod"], action: "SCMP_ACT_KILL"),
            Rule(names: ["getcwd"], action: "SCMP_ACT_KILL_PROCESS"),
            Rule(names: ["unshare"], action: "SCMP_ACT_KILL_THREAD"),
            Rule(names: ["setns"], action: "SCMP_ACT_TRAP"),
            Rule(names: ["personality"], action: "SCMP_ACT_TRACE", errnoRet: 7),
            Rule(names: ["getppid"], action: "SCMP_ACT_LOG"),
            Rule(names: ["kill"], action: "SCMP_ACT_NOTIFY"),
            Rule(names: ["clone"], action: "SCMP_ACT_TRACE"),
        ])))
        XCTAssertEqual(verdict(f, NR.mkdir), Ret.errno(42))
        XCTAssertEqual(verdict(f, NR.chmod), Ret.killThread)
        XCTAssertEqual(verdict(f, NR.getcwd), Ret.killProcess)
        XCTAssertEqual(verdict(f, NR.unshare), Ret.killThread)
        XCTAssertEqual(verdict(f, NR.setns), Ret.trap)
        XCTAssertEqual(verdict(f, NR.personality), Ret.trace(7))
        XCTAssertEqual(verdict(f, NR.clone), Ret.trace(1))
        XCTAssertEqual(verdict(f, NR.getppid), Ret.log)
        XCTAssertEqual(verdict(f, NR.kill), Ret.notify)
        XCTAssertEqual(verdict(f, NR.read), Ret.allow)
        XCTAssertTrue(f.usesNotify)
        XCTAssertEqual(f.flags, SeccompVocabulary.flagSpecAllow | SeccompVocabulary.flagNewListener)
    }

    func testEveryOperator() throws {
        func rule(_ op: String, _ value: UInt64, _ two: UInt64? = nil) -> Rule {
            Rule(names: ["personality"], action: "SCMP_ACT_ERRNO", args: [Arg(index: 0, value: value, valueTwo: two, op: op)])
        }
        let big: UInt64 = 0x1_0000_0005 // exercises the high word
        let cases: [(Rule, [(UInt64, Bool)])] = [
            (rule("SCMP_CMP_EQ", big), [(big, true), (5, false), (big + 1, false)]),
            (rule("SCMP_CMP_NE", big), [(big, false), (5, true)]),
            (rule("SCMP_CMP_LT", big), [(big - 1, true), (big, false), (5, true), (big + 1, false)]),
            (rule("SCMP_CMP_LE", big), [(big, true), (big + 1, false), (0, true)]),
            (rule("SCMP_CMP_GT", big), [(big + 1, true), (big, false), (0x2_0000_0000, true)]),
            (rule("SCMP_CMP_GE", big), [(big, true), (big - 1, false)]),
            // value is the mask, valueTwo the expected result (runc/libseccomp order).
            (rule("SCMP_CMP_MASKED_EQ", 0x7E02_0000, 0), [(0, true), (0x100 /* CLONE_VM */, true), (0x1000_0000 /* CLONE_NEWUSER */, false), (0x0002_0000, false)]),
        ]
        for (r, probes) in cases {
            let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [r])))
            for (arg, denied) in probes {
                XCTAssertEqual(verdict(f, NR.personality, [arg]), denied ? Ret.errno(1) : Ret.allow, "\(r.args![0].op) \(arg)")
            }
        }
    }

    func testConditionsOnDifferentArgumentsAreANDed() throws {
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["kill"], action: "SCMP_ACT_ERRNO", args: [Arg(index: 0, value: 1, op: "SCMP_CMP_EQ"),
                                                                   Arg(index: 1, value: 9, op: "SCMP_CMP_EQ")]),
        ])))
        XCTAssertEqual(verdict(f, NR.kill, [1, 9]), Ret.errno(1))
        XCTAssertEqual(verdict(f, NR.kill, [1, 15]), Ret.allow)
        XCTAssertEqual(verdict(f, NR.kill, [2, 9]), Ret.allow)
    }

    func testConditionsOnTheSameArgumentAreORedLikeRunc() throws {
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["kill"], action: "SCMP_ACT_ERRNO", args: [Arg(index: 1, value: 9, op: "SCMP_CMP_EQ"),
                                                                   Arg(index: 1, value: 15, op: "SCMP_CMP_EQ")]),
        ])))
        XCTAssertEqual(verdict(f, NR.kill, [1, 9]), Ret.errno(1))
        XCTAssertEqual(verdict(f, NR.kill, [1, 15]), Ret.errno(1))
        XCTAssertEqual(verdict(f, NR.kill, [1, 2]), Ret.allow)
    }

    func testUnknownSyscallsAreSkippedAndRedundantRulesIgnored() throws {
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["mkdir", "not_a_syscall", "socketcall"], action: "SCMP_ACT_ERRNO"),
            Rule(names: ["getcwd"], action: "SCMP_ACT_ALLOW"),
        ])))
        XCTAssertEqual(f.skippedSyscalls, ["not_a_syscall"], "socketcall is known (i386), just not on x86_64")
        XCTAssertEqual(verdict(f, NR.mkdir), Ret.errno(1))
        XCTAssertEqual(verdict(f, NR.getcwd), Ret.allow)
    }

    func testDenyByDefaultGetsTheENOSYSStub() throws {
        let allowed = ["read", "write", "getcwd", "exit_group"]
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ERRNO", architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                                            syscalls: [Rule(names: allowed, action: "SCMP_ACT_ALLOW")])))
        XCTAssertGreaterThan(f.stubLength, 0)
        XCTAssertEqual(verdict(f, NR.write), Ret.allow)
        XCTAssertEqual(verdict(f, NR.mkdir), Ret.errno(1), "known but not allowed: the default action")
        XCTAssertEqual(verdict(f, NR.clone3), ENOSYSStub.retENOSYS, "newer than the profile: ENOSYS")
        XCTAssertEqual(verdict(f, 252 /* i386 exit_group */, arch: Audit.i386), Ret.allow)
        XCTAssertEqual(verdict(f, 300, arch: Audit.i386), ENOSYSStub.retENOSYS)
        XCTAssertEqual(verdict(f, 0x4000_0000 | 1 /* x32 write */), Ret.allow)
        XCTAssertEqual(verdict(f, 0x4000_0000 | 999), ENOSYSStub.retENOSYS)
    }

    func testNoStubWithoutArchitecturesOrWithPermissiveOrENOSYSDefault() throws {
        let rules = [Rule(names: ["read", "write"], action: "SCMP_ACT_ALLOW")]
        for spec in [Spec.Linux.Seccomp(defaultAction: "SCMP_ACT_ERRNO", syscalls: rules),
                     .init(defaultAction: "SCMP_ACT_LOG", architectures: ["SCMP_ARCH_X86_64"], syscalls: [Rule(names: ["read"], action: "SCMP_ACT_ERRNO")]),
                     .init(defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 38, architectures: ["SCMP_ARCH_X86_64"], syscalls: rules)] {
            XCTAssertEqual(compile(spec)?.stubLength, 0, "\(spec)")
        }
        let kill = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_KILL_PROCESS", architectures: ["SCMP_ARCH_X86_64"],
                                               syscalls: rules + [Rule(names: ["exit_group"], action: "SCMP_ACT_ALLOW")])))
        XCTAssertGreaterThan(kill.stubLength, 0)
        XCTAssertEqual(verdict(kill, NR.mkdir), Ret.killProcess)
    }

    func testLargeProfileUsesTheOptimizedTreeWithTheSameVerdicts() throws {
        let names = ["read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap", "mprotect",
                     "munmap", "brk", "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64", "pwrite64", "readv",
                     "writev", "access", "pipe", "select", "sched_yield", "mremap", "msync", "mincore", "madvise",
                     "dup", "dup2", "pause", "nanosleep", "getitimer", "alarm", "setitimer", "getpid", "exit_group"]
        let f = try XCTUnwrap(compile(.init(defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 13,
                                            architectures: ["SCMP_ARCH_X86_64"],
                                            syscalls: names.map { Rule(names: [$0], action: "SCMP_ACT_ALLOW") })))
        for nr: Int32 in [0, 1, 2, 3, 9, 12, 24, 35, 37, 39, 231] { XCTAssertEqual(verdict(f, nr), Ret.allow, "nr \(nr)") }
        for nr: Int32 in [40, 56, 83, 110, 230] { XCTAssertEqual(verdict(f, nr), Ret.errno(13), "nr \(nr)") }
        XCTAssertEqual(verdict(f, 232), ENOSYSStub.retENOSYS)
    }

    func testFlags() throws {
        let rules = [Rule(names: ["mkdir"], action: "SCMP_ACT_ERRNO")]
        XCTAssertEqual(compile(.init(defaultAction: "SCMP_ACT_ALLOW", flags: [], syscalls: rules))?.flags, 0)
        XCTAssertEqual(compile(.init(defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_TSYNC"],
                                     syscalls: rules))?.flags, 0b11)
        XCTAssertEqual(compile(.init(defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                                     syscalls: rules))?.flags, 0, "dropped without a listener")
        let notify = [Rule(names: ["mkdir"], action: "SCMP_ACT_NOTIFY")]
        XCTAssertEqual(compile(.init(defaultAction: "SCMP_ACT_ALLOW",
                                     flags: ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
                                     syscalls: notify))?.flags, 1 | 8 | 16 | 32)
    }

    func testDisabledProfile() throws {
        let f = try SeccompFilter.compile(.init(defaultAction: ""))
        XCTAssertTrue(f.isEmpty)
        XCTAssertNil(try f.load())
    }

    func testErrorsNameTheField() {
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["mkdir"], action: "SCMP_ACT_ERRNO"), Rule(names: ["chmod"], action: "SCMP_ACT_NOPE")]))?.field,
                       "linux.seccomp.syscalls[1].action")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["kill"], action: "SCMP_ACT_ERRNO", args: [Arg(index: 0, value: 1, op: "SCMP_CMP_EQ"), Arg(index: 1, value: 1, op: "SCMP_CMP_XX")])]))?.field,
                       "linux.seccomp.syscalls[0].args[1].op")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["kill"], action: "SCMP_ACT_ERRNO", args: [Arg(index: 6, value: 1, op: "SCMP_CMP_EQ")])]))?.field,
                       "linux.seccomp.syscalls[0].args[0].index")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_BOGUS"))?.field, "linux.seccomp.defaultAction")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_NOTIFY"))?.field, "linux.seccomp.defaultAction")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"]))?.field,
                       "linux.seccomp.architectures[1]")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_NOPE"]))?.field,
                       "linux.seccomp.flags[0]")
        XCTAssertEqual(failure(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [
            Rule(names: ["read", "write"], action: "SCMP_ACT_NOTIFY")]))?.field, "linux.seccomp.syscalls[0].names[1]")
        let e = failure(.init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [Rule(names: ["chmod"], action: "SCMP_ACT_NOPE")]))
        XCTAssertEqual(e?.description, "linux.seccomp.syscalls[0].action: unknown action \"SCMP_ACT_NOPE\"")
    }

    func testVocabulary() {
        XCTAssertEqual(SeccompVocabulary.architectureToken("SCMP_ARCH_X86_64"), Audit.x86_64)
        XCTAssertEqual(SeccompVocabulary.architectureToken("SCMP_ARCH_AARCH64"), Audit.aarch64)
        XCTAssertEqual(SeccompVocabulary.architectureToken("SCMP_ARCH_X32"), 0x4000_003E)
        XCTAssertNotNil(SeccompVocabulary.architectureToken("SCMP_ARCH_PARISC64"))
        XCTAssertNil(SeccompVocabulary.architectureToken("x86_64"))
        for name in SeccompNames.architectures { XCTAssertNotNil(SeccompVocabulary.architectureName(name), name) }
        for name in SeccompNames.actions { XCTAssertNotNil(SeccompVocabulary.action(name, errnoRet: nil), name) }
        for name in SeccompNames.operators { XCTAssertNotNil(SeccompVocabulary.compare(name), name) }
        for name in SeccompNames.flags { XCTAssertNotNil(SeccompVocabulary.flag(name), name) }
        XCTAssertEqual(SeccompVocabulary.action("SCMP_ACT_ERRNO", errnoRet: 0x1_0005), Ret.errno(5))
    }
}
