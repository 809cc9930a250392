// config.md: Process (cwd, env, args, user, umask) and Linux process
// properties (noNewPrivileges, oomScoreAdj, scheduler, ioPriority, LSM labels).
import Foundation

enum ProcessTests {
    static func run(_ s: Suite) {
        let g = Group("Process", s)
        basics(g, s)
        user(g, s)
        linuxProcess(g, s)
    }

    static func basics(_ g: Group, _ s: Suite) {
        let r = s.probe("process", ["id", "env", "two words", ""]) { b in
            b.config["process", "cwd"] = "/conformance/ro-dir"
            b.config["process", "env"] = ["PATH=/bin:/conformance/bin", "PLAIN=value", "WITH_EQUALS=a=b=c", "EMPTY=", "SPACES=x y  z"]
        }
        let rep = r.report
        g.equal("cwd", "config.md process: \"cwd (string, REQUIRED) is the working directory that will be set for the executable\"",
                rep["cwd"], "/conformance/ro-dir", r.why)
        g.check("env", "config.md process: \"env (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008's environ\"",
                rep["env.PLAIN"] == "value" && rep["env.WITH_EQUALS"] == "a=b=c" && rep["env.EMPTY"] == "" && rep["env.SPACES"] == "x y  z",
                r.why)
        g.check("args", "config.md process: \"args (array of strings, OPTIONAL) with similar semantics to IEEE Std 1003.1-2008 execvp's argv\"",
                rep["argc"] == "5" && rep["argv.0"] == "/conformance/checker" && rep["argv.3"] == "two words" && rep["argv.4"] == "",
                r.why)
        let path = s.probe("process-path", ["id"]) { b in
            b.args = ["conformance-checker", "id"]
            b.config["process", "env"] = ["PATH=/nonexistent:/conformance/bin"]
        }
        g.check("args-execvp-file", "config.md process: args[0] \"is used with the same semantics as execvp's file\" (found through PATH)",
                path.ok && path.report["argv.0"] == "conformance-checker" && path.report["uid"] == "0", path.why)
        let missing = s.bundle("process-missing", ["/conformance/no-such-binary"])
        let c = s.container(missing, "nobin")
        let cr = c.create()
        let sr = cr.ok ? c.start() : nil
        c.destroy()
        g.check("args-not-found", "runtime.md start: \"This operation MUST run the user-specified program\"; a program that does not exist makes create or start generate an error",
                cr.failed || (sr?.failed ?? false), "create: \(cr.summary); start: \(sr?.summary ?? "-")")
    }

    static func user(_ g: Group, _ s: Suite) {
        let r = s.probe("user", ["id", "status"]) { b in
            b.config["process", "user"] = ["uid": 1000, "gid": 1001, "additionalGids": [2001, 2002], "umask": 0o027] as [String: Any]
        }
        let rep = r.report
        g.equal("uid", "config.md user: \"uid (int, REQUIRED) specifies the user ID in the container namespace\"", rep["uid"], "1000", r.why)
        g.equal("gid", "config.md user: \"gid (int, REQUIRED) specifies the group ID in the container namespace\"", rep["gid"], "1001", r.why)
        g.check("additionalGids", "config.md user: \"additionalGids (array of ints, OPTIONAL) specifies additional group IDs in the container namespace to be added to the process\"",
                Set((rep["groups"] ?? "").split(separator: ",").map(String.init)).isSuperset(of: ["2001", "2002"]), "groups=\(rep["groups"] ?? "?"); \(r.why)")
        g.equal("umask", "config.md user: \"umask (int, OPTIONAL) specifies the umask of the user\"", rep["umask"], "27", r.why)
    }

    static func linuxProcess(_ g: Group, _ s: Suite) {
        let nnp = s.probe("nnp-true", ["status"]) { b in b.config["process", "noNewPrivileges"] = true }
        g.equal("noNewPrivileges-true", "config.md: \"noNewPrivileges (bool, OPTIONAL) setting noNewPrivileges to true prevents the process from gaining additional privileges\"",
                nnp.report["status.NoNewPrivs"], "1", nnp.why)
        let nonnp = s.probe("nnp-false", ["status"]) { b in b.config["process", "noNewPrivileges"] = false }
        g.equal("noNewPrivileges-false", "config.md: noNewPrivileges false leaves no_new_privs unset", nonnp.report["status.NoNewPrivs"], "0", nonnp.why)
        let oom = s.probe("oom-set", ["oom"]) { b in b.config["process", "oomScoreAdj"] = 123 }
        g.equal("oomScoreAdj-set", "config.md: \"If oomScoreAdj is set, the runtime MUST set oom_score_adj to the given value\"",
                oom.report["oom_score_adj"], "123", oom.why)
        let unset = s.probe("oom-unset", ["oom"]) { b in b.config["process", "oomScoreAdj"] = nil }
        g.equal("oomScoreAdj-unset", "config.md: \"If oomScoreAdj is not set, the runtime MUST NOT change the value of oom_score_adj\" (the runtime's own value, 17, is kept)",
                unset.report["oom_score_adj"], "17", unset.why)
        let sched = s.probe("scheduler", ["sched"]) { b in
            b.config["process", "scheduler"] = ["policy": "SCHED_BATCH", "nice": 7] as [String: Any]
        }
        g.equal("scheduler-policy", "config.md: \"scheduler ... policy (string, REQUIRED) represents the scheduling policy\" (SCHED_BATCH)",
                sched.report["sched.policy"], "3", sched.why)
        g.equal("scheduler-nice", "config.md: \"scheduler ... nice (int32, OPTIONAL) is the nice value for the process\"", sched.report["sched.nice"], "7", sched.why)
        let io = s.probe("ioprio", ["sched"]) { b in
            b.config["process", "ioPriority"] = ["class": "IOPRIO_CLASS_BE", "priority": 5] as [String: Any]
        }
        g.equal("ioPriority", "config.md: \"ioPriority (object, OPTIONAL) configures the I/O priority settings for the container's processes\" (BE/5)",
                io.report["ioprio"], "class=2 level=5", io.why)
        if s.host.apparmor {
            g.skip("apparmorProfile", "config.md: \"apparmorProfile (string, OPTIONAL) specifies the name of the AppArmor profile for the process\"", "no profile is loaded for the suite")
        } else {
            g.skip("apparmorProfile", "config.md: \"apparmorProfile (string, OPTIONAL) specifies the name of the AppArmor profile for the process\"", "AppArmor is not enabled on this host")
        }
        g.skip("selinuxLabel", "config.md: \"selinuxLabel (string, OPTIONAL) specifies the SELinux label for the process\"",
               s.host.selinux ? "no policy is loaded for the suite" : "SELinux is not enabled on this host")
    }
}
