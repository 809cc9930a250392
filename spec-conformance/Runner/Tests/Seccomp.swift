// config-linux.md: Seccomp (actions, errno returns, argument operators,
// architectures, flags, invalid configurations).
import Foundation

enum SeccompTests {
    static func rule(_ name: String, _ action: String, errno: Int? = nil, args: [[String: Any]]? = nil) -> [String: Any] {
        var r: [String: Any] = ["names": [name], "action": action]
        if let errno { r["errnoRet"] = errno }
        if let args { r["args"] = args }
        return r
    }

    static func arg(_ index: Int, _ op: String, _ value: UInt64, _ two: UInt64? = nil) -> [String: Any] {
        var a: [String: Any] = ["index": index, "op": op, "value": value]
        if let two { a["valueTwo"] = two }
        return a
    }

    static func run(_ s: Suite) {
        let g = Group("Seccomp", s)
        operators(g, s)
        actions(g, s)
        defaultErrno(g, s)
        options(g, s)
        invalid(g, s)
    }

    static func operators(_ g: Group, _ s: Suite) {
        let r = s.probe("seccomp-ops", ["status", "seccomp"]) { b in
            b.config["linux", "seccomp"] = [
                "defaultAction": "SCMP_ACT_ALLOW",
                "syscalls": [
                    rule("getcwd", "SCMP_ACT_ERRNO"),
                    rule("getpgid", "SCMP_ACT_ERRNO", errno: 71, args: [arg(0, "SCMP_CMP_EQ", 4242)]),
                    rule("getsid", "SCMP_ACT_ERRNO", errno: 72, args: [arg(0, "SCMP_CMP_NE", 0)]),
                    rule("sched_get_priority_max", "SCMP_ACT_ERRNO", errno: 73, args: [arg(0, "SCMP_CMP_LT", 2)]),
                    rule("sched_get_priority_min", "SCMP_ACT_ERRNO", errno: 74, args: [arg(0, "SCMP_CMP_LE", 1)]),
                    rule("sched_rr_get_interval", "SCMP_ACT_ERRNO", errno: 75, args: [arg(0, "SCMP_CMP_GT", 1_000_000)]),
                    rule("getpriority", "SCMP_ACT_ERRNO", errno: 76, args: [arg(1, "SCMP_CMP_GE", 3_000_000)]),
                    rule("kill", "SCMP_ACT_ERRNO", errno: 78, args: [arg(0, "SCMP_CMP_MASKED_EQ", 0xFFFF_0000, 0x00AB_0000)]),
                ],
            ] as [String: Any]
        }
        let rep = r.report
        let v = { (k: String) in rep["sc." + k] ?? "?" }
        g.equal("filter-installed", "config-linux.md: \"seccomp (object, OPTIONAL)\" sets up a seccomp filter for the container process (Seccomp mode 2)",
                rep["status.Seccomp"], "2", r.why)
        g.equal("errno-default-eperm", "config-linux.md seccomp: errnoRet \"The default is EPERM\" (SCMP_ACT_ERRNO without errnoRet)", v("getcwd"), "ERR 1", r.why)
        g.equal("errnoRet", "config-linux.md seccomp: \"errnoRet (uint, OPTIONAL) - the errno return code to use\"", v("getpgid.4242"), "ERR 71", r.why)
        let ops: [(String, String, String, String, String)] = [
            ("SCMP_CMP_EQ", "getpgid.4242", "ERR 71", "getpgid.0", "ok"),
            ("SCMP_CMP_NE", "getsid.4243", "ERR 72", "getsid.0", "ok"),
            ("SCMP_CMP_LT", "prio_max.1", "ERR 73", "prio_max.2", "ok"),
            ("SCMP_CMP_LE", "prio_min.1", "ERR 74", "prio_min.2", "ok"),
            ("SCMP_CMP_GT", "rr_interval.2000000", "ERR 75", "rr_interval.0", "ok"),
            ("SCMP_CMP_GE", "getpriority.3000000", "ERR 76", "getpriority.0", "ok 0"),
            ("SCMP_CMP_MASKED_EQ", "kill.0xab0001", "ERR 78", "kill.1", "ok"),
        ]
        for (op, hit, hitWant, miss, missWant) in ops {
            g.check("op-\(op)", "config-linux.md seccomp: args \"op (string, REQUIRED) - the operator for syscall arguments in seccomp\" (\(op): matching call filtered, other allowed)",
                    v(hit) == hitWant && (missWant == "ok 0" ? v(miss).hasPrefix("ok") : v(miss) == missWant),
                    "\(hit)=\(v(hit)) (want \(hitWant)), \(miss)=\(v(miss)); \(r.why)")
        }
        let none = s.probe("seccomp-none", ["status"]) { b in b.config["linux", "seccomp"] = nil }
        g.equal("no-filter", "config-linux.md: seccomp is OPTIONAL: without it no filter is installed (Seccomp mode 0)", none.report["status.Seccomp"], "0", none.why)
    }

    static func actions(_ g: Group, _ s: Suite) {
        let cases: [(String, (Report) -> Bool, String)] = [
            ("SCMP_ACT_KILL", { $0["fatal.before"] == "1" && $0["fatal.after"] == nil && $0["fatal.sigsys"] == nil }, "the process is killed"),
            ("SCMP_ACT_KILL_PROCESS", { $0["fatal.before"] == "1" && $0["fatal.after"] == nil && $0["fatal.sigsys"] == nil }, "the process is killed"),
            ("SCMP_ACT_KILL_THREAD", { $0["fatal.before"] == "1" && $0["fatal.after"] == nil && $0["fatal.sigsys"] == nil }, "the thread is killed"),
            ("SCMP_ACT_TRAP", { $0["fatal.sigsys"] == "1" && $0["fatal.after"] == nil }, "SIGSYS is delivered"),
            ("SCMP_ACT_LOG", { $0["fatal.after"] == "1" }, "the call is allowed"),
            ("SCMP_ACT_TRACE", { $0["fatal.after"] == "1" }, "without a tracer the call fails and the process continues"),
        ]
        for (action, ok, meaning) in cases {
            let r = s.probe("seccomp-\(action)", ["sigsys", "fatal"]) { b in
                b.config["linux", "seccomp"] = ["defaultAction": "SCMP_ACT_ALLOW",
                                                "syscalls": [rule("getpgid", action, args: [arg(0, "SCMP_CMP_EQ", 6666)])]] as [String: Any]
            }
            g.check("action-\(action)", "config-linux.md seccomp: \"action (string, REQUIRED) - the action for seccomp rules\" (\(action): \(meaning))",
                    r.create.ok && (r.start?.ok ?? false) && r.stopped && ok(r.report), r.why)
        }
    }

    static func defaultErrno(_ g: Group, _ s: Suite) {
        let header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
        guard let text = Host.readFile(header) else {
            g.skip("defaultErrnoRet", "config-linux.md seccomp: \"defaultErrnoRet (uint, OPTIONAL) - the errno return code to use\"", "no \(header) to list syscalls")
            g.skip("defaultAction", "config-linux.md seccomp: \"defaultAction (string, REQUIRED) - the default action for seccomp\"", "no \(header) to list syscalls")
            return
        }
        let names = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("#define __NR_") else { return nil }
            return line.dropFirst("#define __NR_".count).split(separator: " ").first.map(String.init)
        }.filter { $0 != "getcwd" }
        let r = s.probe("seccomp-default", ["seccomp"]) { b in
            b.config["linux", "seccomp"] = ["defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 99,
                                            "architectures": ["SCMP_ARCH_X86_64"],
                                            "syscalls": [["names": names, "action": "SCMP_ACT_ALLOW"]]] as [String: Any]
        }
        g.check("defaultAction", "config-linux.md seccomp: \"defaultAction (string, REQUIRED) - the default action for seccomp\" (calls no rule matches get it; SCMP_ACT_ALLOW rules allow)",
                r.ok && r.report["sc.getcwd"]?.hasPrefix("ERR") == true && r.report["sc.getpgid.0"] == "ok", r.why)
        g.equal("defaultErrnoRet", "config-linux.md seccomp: \"defaultErrnoRet (uint, OPTIONAL) - the errno return code to use\"", r.report["sc.getcwd"], "ERR 99", r.why)
    }

    static func options(_ g: Group, _ s: Suite) {
        let arch = s.probe("seccomp-arch", ["seccomp"]) { b in
            b.config["linux", "seccomp"] = ["defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                                            "syscalls": [rule("getcwd", "SCMP_ACT_ERRNO", errno: 70)]] as [String: Any]
        }
        g.equal("architectures", "config-linux.md seccomp: \"architectures (array of strings, OPTIONAL) - the architecture used for system calls\" (x86_64, x86, x32)",
                arch.report["sc.getcwd"], "ERR 70", arch.why)
        for flag in ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"] {
            let r = s.probe("seccomp-\(flag)", ["seccomp"]) { b in
                b.config["linux", "seccomp"] = ["defaultAction": "SCMP_ACT_ALLOW", "flags": [flag],
                                                "syscalls": [rule("getcwd", "SCMP_ACT_ERRNO", errno: 70)]] as [String: Any]
            }
            g.equal("flag-\(flag)", "config-linux.md seccomp: \"flags (array of strings, OPTIONAL) - list of flags to use with seccomp(2)\" (\(flag))",
                    r.report["sc.getcwd"], "ERR 70", r.why)
        }
    }

    static func invalid(_ g: Group, _ s: Suite) {
        let cases: [(String, String, [String: Any])] = [
            ("errno-unsupported-action", "config-linux.md seccomp: errnoRet: \"When the action doesn't support an errno, the runtime MUST print and error and fail\" (SCMP_ACT_KILL with errnoRet)",
             ["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [rule("getpgid", "SCMP_ACT_KILL", errno: 5)]]),
            ("default-errno-unsupported-action", "config-linux.md seccomp: defaultErrnoRet: \"When the action doesn't support an errno, the runtime MUST print and error and fail\" (defaultAction SCMP_ACT_ALLOW with defaultErrnoRet)",
             ["defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 5, "syscalls": [rule("getcwd", "SCMP_ACT_ERRNO")]]),
            ("names-empty", "config-linux.md seccomp: syscalls: \"names MUST contain at least one entry\" (empty names are rejected)",
             ["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [["names": [String](), "action": "SCMP_ACT_ERRNO"]]]),
            ("unknown-action", "config.md valid values: \"Runtimes MUST generate an error when invalid or unsupported values are encountered\" (seccomp action SCMP_ACT_BOGUS)",
             ["defaultAction": "SCMP_ACT_ALLOW", "syscalls": [rule("getcwd", "SCMP_ACT_BOGUS")]]),
            ("metadata-without-listener", "config-linux.md seccomp: listenerMetadata: \"This field MUST NOT be set if listenerPath is not set\" (rejected)",
             ["defaultAction": "SCMP_ACT_ALLOW", "listenerMetadata": "x", "syscalls": [rule("getcwd", "SCMP_ACT_ERRNO")]]),
        ]
        for (slug, statement, seccomp) in cases {
            let b = s.bundle("seccomp-\(slug)", s.checker("id"))
            b.config["linux", "seccomp"] = seccomp
            let c = s.container(b, "scinv")
            let cr = c.create()
            let sr = cr.ok ? c.start() : nil
            c.destroy()
            g.check(slug, statement, cr.failed || (sr?.failed ?? false), "create: \(cr.summary); start: \(sr?.summary ?? "-")")
        }
    }
}
