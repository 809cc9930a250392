// config-linux.md: Namespaces (creation, inheritance, path joins, errors),
// Offset for Time Namespace, and Hostname/Domainname from config.md.
import Foundation
import Glibc

enum NamespaceTests {
    static let nsFile = ["pid": "pid", "network": "net", "mount": "mnt", "ipc": "ipc", "uts": "uts", "cgroup": "cgroup", "time": "time", "user": "user"]

    static func run(_ s: Suite) {
        let g = Group("Namespaces", s)
        created(g, s)
        inherited(g, s)
        joined(g, s)
        errors(g, s)
        timeOffsets(g, s)
    }

    static func created(_ g: Group, _ s: Suite) {
        let r = s.probe("ns-new", ["ns", "id", "netdevs", "cgroup", "uname"]) { b in
            for t in ["pid", "network", "ipc", "uts", "mount", "cgroup"] { b.addNamespace(t) }
            b.config["domainname"] = "conformance.test"
        }
        for t in ["pid", "network", "ipc", "uts", "mount", "cgroup"] {
            let f = nsFile[t]!
            let v = r.report["ns." + f]
            g.check("new-\(t)", "config-linux.md namespaces: \"If path is not specified, the runtime MUST create a new container namespace of type type\" (\(t))",
                    v != nil && !v!.hasPrefix("ERR") && v != s.host.namespaces[f], "container \(v ?? "?") host \(s.host.namespaces[f] ?? "?"); \(r.why)")
        }
        g.equal("pid-isolated", "config-linux.md namespaces: pid: \"processes inside the container will only be able to see other processes inside the same container\" (the container process is pid 1)",
                r.report["pid"], "1", r.why)
        let devs = r.report.all("netdev").compactMap { line -> String? in
            let parts = line.split(separator: ":")
            return parts.count >= 2 ? parts[0].trimmingCharacters(in: .whitespaces) : nil
        }.filter { !$0.contains("|") && $0 != "Inter-" && $0 != "face" }
        g.equal("network-isolated", "config-linux.md namespaces: network: \"the container will have its own network stack\" (only lo)", devs, ["lo"], r.why)
        let cg = r.report.all("cgroup")
        g.check("cgroup-isolated", "config-linux.md namespaces: cgroup: \"the container will have an isolated view of the cgroup hierarchy\" (its cgroups appear as /)",
                !cg.isEmpty && cg.allSatisfy { $0.hasSuffix(":/") }, "\(cg); \(r.why)")
        g.equal("hostname", "config.md: \"hostname (string, OPTIONAL) specifies the container's hostname as seen by processes running inside the container\"",
                r.report["hostname"], "conformance", r.why)
        g.equal("domainname", "config.md: \"domainname (string, OPTIONAL) specifies the container's domainname as seen by processes running inside the container\"",
                r.report["domainname"], "conformance.test", r.why)
    }

    static func inherited(_ g: Group, _ s: Suite) {
        let types = ["pid", "network", "ipc", "uts", "cgroup", "time"]
        let r = s.probe("ns-inherit", ["ns"]) { b in
            for t in types { b.removeNamespace(t) }
            b.config["hostname"] = nil
            // Without a private network namespace sysfs still mounts, read-only.
        }
        for t in types {
            let f = nsFile[t]!
            g.equal("inherit-\(t)", "config-linux.md namespaces: \"If a namespace type is not specified in the namespaces array, the container MUST inherit the runtime namespace of that type\" (\(t))",
                    r.report["ns." + f], s.host.namespaces[f] ?? "?", r.why)
        }
    }

    /// A holder container owns namespaces; a second container joins them by path.
    static func joined(_ g: Group, _ s: Suite) {
        let types = ["pid", "network", "ipc", "uts", "cgroup"]
        let (holderNS, hpid, r, holderOK) = join(s, types, tag: "ns")
        for t in types {
            g.check("join-\(t)", "config-linux.md namespaces: path: \"The runtime MUST place the container process in the namespace associated with that path\" (\(t))",
                    holderOK && r.report["ns." + nsFile[t]!] == holderNS[t] && holderNS[t] != "?",
                    "joined \(r.report["ns." + nsFile[t]!] ?? "?") holder \(holderNS[t] ?? "?"); \(r.why)")
        }
        g.check("join-pid-not-init", "config-linux.md namespaces: pid: processes \"will only be able to see other processes inside the same container or inside the same pid namespace\" (a joined pid namespace already has pid 1)",
                (Int(r.report["pid"] ?? "") ?? 1) > 1, r.why)
        let (timeNS, _, tr, timeOK) = join(s, ["time"], tag: "tns")
        g.check("join-time", "config-linux.md namespaces: path: \"The runtime MUST place the container process in the namespace associated with that path\" (time)",
                timeOK && tr.report["ns.time"] == timeNS["time"] && timeNS["time"] != "?", "joined \(tr.report["ns.time"] ?? "?") holder \(timeNS["time"] ?? "?"); \(tr.why)")
        let wrong = s.bundle("ns-wrongtype", s.checker("id"))
        wrong.addNamespace("uts", path: "/proc/\(hpid > 0 ? hpid : 1)/ns/net")
        let (wr, wexists) = s.tryCreate(wrong)
        g.check("path-wrong-type", "config-linux.md namespaces: \"The runtime MUST generate an error if path is not associated with a namespace of type type\"",
                wr.failed && !wexists, wr.summary)
    }

    /// Runs a holder with new namespaces of `types`, then a checker joining them by path.
    static func join(_ s: Suite, _ types: [String], tag: String) -> ([String: String], Int, Run, Bool) {
        let hb = s.bundle("\(tag)-holder", s.checker("sleep:30"))
        for t in types { hb.addNamespace(t) }
        let holder = s.container(hb, "holder")
        defer { holder.destroy() }
        let hc = holder.create()
        let hs = hc.ok ? holder.start() : hc
        let hpid = holder.state()?.pid ?? -1
        var holderNS: [String: String] = [:]
        for t in types { holderNS[t] = hpid > 0 ? (Host.namespace(of: hpid, nsFile[t]!) ?? "?") : "?" }
        let r = s.probe("\(tag)-join", ["ns", "id"]) { b in
            for t in types { b.addNamespace(t, path: "/proc/\(hpid)/ns/\(nsFile[t]!)") }
        }
        return (holderNS, hpid, r, hc.ok && hs.ok)
    }

    static func errors(_ g: Group, _ s: Suite) {
        let missing = s.bundle("ns-missing", s.checker("id"))
        missing.addNamespace("network", path: "/proc/self/ns/does-not-exist")
        let (mr, _) = s.tryCreate(missing)
        g.check("path-missing", "config-linux.md namespaces: \"The runtime MUST place the container process in the namespace associated with that path\" (a path with no namespace: create fails)",
                mr.failed, mr.summary)
        let dup = s.bundle("ns-dup", s.checker("id"))
        dup.namespaces = dup.namespaces + [["type": "ipc"]]
        let (dr, _) = s.tryCreate(dup)
        g.check("duplicate", "config-linux.md namespaces: \"If a namespaces field contains duplicated namespaces with same type, the runtime MUST generate an error\"",
                dr.failed, dr.summary)
        let bogus = s.bundle("ns-bogus", s.checker("id"))
        bogus.addNamespace("bogus")
        let (br, _) = s.tryCreate(bogus)
        g.check("unknown-type", "config.md valid values: \"Runtimes MUST generate an error when invalid or unsupported values are encountered\" (namespace type \"bogus\")",
                br.failed, br.summary)
        let rel = s.bundle("ns-relative", s.checker("id"))
        rel.addNamespace("network", path: "proc/1/ns/net")
        let (rr, _) = s.tryCreate(rel)
        g.check("path-relative", "config-linux.md namespaces: path: \"This value MUST be an absolute path in the runtime mount namespace\" (relative path is rejected)",
                rr.failed, rr.summary)
    }

    static func timeOffsets(_ g: Group, _ s: Suite) {
        var hostNow = timespec()
        clock_gettime(CLOCK_MONOTONIC, &hostNow)
        let r = s.probe("timens", ["ns", "clocks"]) { b in
            b.addNamespace("time")
            b.config["linux", "timeOffsets"] = ["monotonic": ["secs": 172800, "nanosecs": 0], "boottime": ["secs": 604800, "nanosecs": 0]]
        }
        var hostBoot = timespec()
        clock_gettime(CLOCK_BOOTTIME, &hostBoot)
        let v = r.report["ns.time"]
        g.check("new-time", "config-linux.md namespaces: \"If path is not specified, the runtime MUST create a new container namespace of type type\" (time)",
                v != nil && v != s.host.namespaces["time"] && !(v ?? "").hasPrefix("ERR"), "\(v ?? "?"); \(r.why)")
        let mono = Int(r.report["clock.monotonic"] ?? "") ?? 0
        let boot = Int(r.report["clock.boottime"] ?? "") ?? 0
        g.check("time-offset-monotonic", "config-linux.md timeOffsets: \"secs (int64, OPTIONAL) - is the offset of clock (in seconds) in the container\" (monotonic +172800)",
                abs(mono - hostNow.tv_sec - 172800) < 30, "container monotonic \(mono), host \(hostNow.tv_sec); \(r.why)")
        g.check("time-offset-boottime", "config-linux.md timeOffsets: \"secs ... is the offset of clock (in seconds) in the container\" (boottime +604800)",
                abs(boot - hostBoot.tv_sec - 604800) < 30, "container boottime \(boot), host \(hostBoot.tv_sec); \(r.why)")
    }
}
