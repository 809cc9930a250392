import Foundation
import XCTest

/// `linux.seccomp.syscalls[].args`: every comparison operator, conditions on
/// several arguments (AND) and repeated conditions on one argument (runc: one
/// rule per condition, i.e. OR), checked with probes that pass exact values.
final class SeccompArgsIntegrationTests: IntegrationTestCase {
    typealias NR = SyscallProbe.NR
    static let denied = 77

    private func errnoRule(_ name: String, _ args: [[String: Any]]) -> [String: Any] {
        ["names": [name], "action": "SCMP_ACT_ERRNO", "errnoRet": Self.denied, "args": args]
    }

    private func arg(_ index: Int, _ op: String, _ value: UInt64, _ valueTwo: UInt64? = nil) -> [String: Any] {
        var a: [String: Any] = ["index": index, "op": op, "value": value]
        if let valueTwo { a["valueTwo"] = valueTwo }
        return a
    }

    /// umask(2) always succeeds, so a probe exits 77 exactly when the rule matched.
    func testEveryOperatorOnOneArgument() throws {
        let cases: [(op: String, value: UInt64, valueTwo: UInt64?, matching: [UInt64], notMatching: [UInt64])] = [
            ("SCMP_CMP_EQ", 0o22, nil, [0o22], [0o21, 0o23]),
            ("SCMP_CMP_NE", 0o22, nil, [0o21, 0o23], [0o22]),
            ("SCMP_CMP_LT", 0o22, nil, [0o21, 0], [0o22, 0o23]),
            ("SCMP_CMP_LE", 0o22, nil, [0o22, 0o21], [0o23]),
            ("SCMP_CMP_GT", 0o22, nil, [0o23, 0o777], [0o22, 0o21]),
            ("SCMP_CMP_GE", 0o22, nil, [0o22, 0o23], [0o21]),
            // (arg & value) == valueTwo: group bits exactly "w-".
            ("SCMP_CMP_MASKED_EQ", 0o070, 0o020, [0o027, 0o022, 0o720], [0o077, 0o007, 0o030]),
        ]
        for (i, c) in cases.enumerated() {
            var probes: [String: [UInt8]] = [:]
            for v in c.matching { probes["c\(i)m\(v)"] = SyscallProbe.single(NR.umask, [v]) }
            for v in c.notMatching { probes["c\(i)n\(v)"] = SyscallProbe.single(NR.umask, [v]) }
            try sandbox.installProbes(probes)
            sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW",
                                "syscalls": [errnoRule("umask", [arg(0, c.op, c.value, c.valueTwo)])]])
            let got = Sandbox.probeResults(try output(["sh", "-c", Sandbox.probeScript(probes.keys.sorted())]))
            for v in c.matching {
                XCTAssertEqual(got["c\(i)m\(v)"], Self.denied, "\(c.op) \(c.value): umask(0o\(String(v, radix: 8))) should match")
            }
            for v in c.notMatching {
                XCTAssertEqual(got["c\(i)n\(v)"], 0, "\(c.op) \(c.value): umask(0o\(String(v, radix: 8))) should not match")
            }
        }
    }

    /// Conditions on different arguments must all hold.
    func testConditionsOnSeveralArgumentsAreANDed() throws {
        // getpriority(which, who): PRIO_PROCESS (0) of pid 4242 does not exist.
        try sandbox.installProbes([
            "both": SyscallProbe.single(NR.getpriority, [0, 4242]),
            "first": SyscallProbe.single(NR.getpriority, [0, 0]),
            "second": SyscallProbe.single(NR.getpriority, [1, 4242]),
        ])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            errnoRule("getpriority", [arg(0, "SCMP_CMP_EQ", 0), arg(1, "SCMP_CMP_EQ", 4242)])]])
        let got = Sandbox.probeResults(try output(["sh", "-c", Sandbox.probeScript(["both", "first", "second"])]))
        XCTAssertEqual(got["both"], Self.denied)
        XCTAssertEqual(got["first"], 0, "only arg 0 matches: the call runs")
        XCTAssertEqual(got["second"], Int(ESRCH), "only arg 1 matches: the call runs")
    }

    /// libseccomp cannot AND two conditions on one argument; like runc each
    /// becomes its own rule, so either value matches.
    func testRepeatedConditionsOnOneArgumentAreORed() throws {
        try sandbox.installProbes([
            "one": SyscallProbe.single(NR.umask, [1]), "two": SyscallProbe.single(NR.umask, [2]),
            "three": SyscallProbe.single(NR.umask, [3]),
        ])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            errnoRule("umask", [arg(0, "SCMP_CMP_EQ", 1), arg(0, "SCMP_CMP_EQ", 2)])]])
        let got = Sandbox.probeResults(try output(["sh", "-c", Sandbox.probeScript(["one", "two", "three"])]))
        XCTAssertEqual(got["one"], Self.denied)
        XCTAssertEqual(got["two"], Self.denied)
        XCTAssertEqual(got["three"], 0)
    }

    /// Comparisons are on the full 64-bit register.
    func testSixtyFourBitValues() throws {
        let big: UInt64 = 0x1_0000_0022
        try sandbox.installProbes(["big": SyscallProbe.single(NR.umask, [big]),
                                   "low": SyscallProbe.single(NR.umask, [0x22])])
        sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [errnoRule("umask", [arg(0, "SCMP_CMP_EQ", big)])]])
        let got = Sandbox.probeResults(try output(["sh", "-c", Sandbox.probeScript(["big", "low"])]))
        XCTAssertEqual(got["big"], Self.denied)
        XCTAssertEqual(got["low"], 0)
    }

    func testBadOperatorAndIndexAreClearErrors() throws {
        for (a, field) in [(arg(0, "SCMP_CMP_ALMOST", 1), "args[0].op"), (arg(6, "SCMP_CMP_EQ", 1), "args[0].index")] {
            sandbox.setSeccomp(["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [errnoRule("umask", [a])]])
            let r = try sandbox.run(["true"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("linux.seccomp.syscalls[0]." + field), r.stderr)
        }
    }
}
