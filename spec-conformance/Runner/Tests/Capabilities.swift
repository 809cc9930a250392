// config.md: Linux process capabilities. execve(2) recomputes the permitted
// and effective sets, so expectations follow the kernel's rules: for root
// with no_new_privs the permitted set is kept; bounding, inheritable and
// ambient are kept verbatim for any user.
import Foundation

enum CapabilityTests {
    static func run(_ s: Suite) {
        let g = Group("Capabilities", s)
        let bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETUID", "CAP_SETGID", "CAP_AUDIT_WRITE"]
        let permitted = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE"]
        let effective = ["CAP_CHOWN", "CAP_KILL"]
        let inheritable = ["CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE"]
        let ambient = ["CAP_NET_BIND_SERVICE"]
        let caps: [String: Any] = ["bounding": bounding, "permitted": permitted, "effective": effective,
                                   "inheritable": inheritable, "ambient": ambient]
        let r = s.probe("caps", ["status"]) { b in
            b.config["process", "capabilities"] = caps
            b.config["process", "noNewPrivileges"] = true
        }
        let rep = r.report
        g.equal("bounding", "config.md capabilities: \"bounding (array of strings, OPTIONAL) the bounding field is an array of bounding capabilities that are kept for the process\"",
                rep.capabilities("CapBnd"), Set(bounding), r.why)
        g.equal("inheritable", "config.md capabilities: \"inheritable ... an array of inheritable capabilities that are kept for the process\"",
                rep.capabilities("CapInh"), Set(inheritable), r.why)
        g.equal("ambient", "config.md capabilities: \"ambient ... an array of ambient capabilities that are kept for the process\"",
                rep.capabilities("CapAmb"), Set(ambient), r.why)
        g.equal("permitted", "config.md capabilities: \"permitted ... an array of permitted capabilities that are kept for the process\" (root, noNewPrivileges)",
                rep.capabilities("CapPrm"), Set(permitted), r.why)
        g.check("effective", "config.md capabilities: \"effective ... an array of effective capabilities that are kept for the process\"",
                rep.capabilities("CapEff").map { $0.isSuperset(of: effective) && $0.isSubset(of: permitted) } ?? false,
                "CapEff=\(rep.capabilities("CapEff")?.sorted() ?? []); \(r.why)")

        let nonRoot = s.probe("caps-user", ["status", "id"]) { b in
            b.config["process", "user"] = ["uid": 1000, "gid": 1000] as [String: Any]
            b.config["process", "capabilities"] = caps
        }
        g.check("non-root-kept", "config.md capabilities: capabilities are \"kept for the process\" when it runs as a non-root user (ambient CAP_NET_BIND_SERVICE is effective)",
                nonRoot.report["uid"] == "1000" && (nonRoot.report.capabilities("CapEff")?.contains("CAP_NET_BIND_SERVICE") ?? false)
                    && nonRoot.report.capabilities("CapBnd") == Set(bounding),
                "CapEff=\(nonRoot.report.capabilities("CapEff")?.sorted() ?? []); \(nonRoot.why)")

        let unknown = s.probe("caps-unknown", ["status"]) { b in
            b.config["process", "capabilities"] = ["bounding": ["CAP_KILL", "CAP_NOT_A_CAPABILITY"], "permitted": ["CAP_KILL"], "effective": ["CAP_KILL"]]
        }
        g.check("unknown-not-fatal", "config.md capabilities: \"Any value which cannot be mapped to a relevant kernel interface ... MUST be logged as a warning\"; \"Runtimes SHOULD NOT fail\"",
                unknown.ok, unknown.why)
        let missing = Capabilities.all.first { !s.host.capBounding.contains($0) }
        if let missing {
            let r2 = s.probe("caps-ungrantable", ["status"]) { b in
                b.config["process", "capabilities"] = ["bounding": ["CAP_KILL", missing], "permitted": ["CAP_KILL", missing], "effective": ["CAP_KILL"]]
            }
            g.check("ungrantable-not-fatal", "config.md capabilities: \"Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot be granted\" (\(missing), absent from this host's bounding set)",
                    r2.ok, r2.why)
        } else {
            g.skip("ungrantable-not-fatal", "config.md capabilities: \"Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot be granted\"",
                   "the runtime holds every capability on this host")
        }
    }
}
