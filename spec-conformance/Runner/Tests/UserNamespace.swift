// config-linux.md: the user namespace and its uid/gid mappings, and the
// cgroup ownership rules that depend on it.
import Foundation
import Glibc

enum UserNamespaceTests {
    static func run(_ s: Suite) {
        let g = Group("UserNamespace", s)
        let mapping: [[String: Any]] = [["containerID": 0, "hostID": 100000, "size": 65536]]
        var hostUid = "?"
        var cgroupOwner: uid_t = 12345
        let b = s.bundle("userns", s.checker("ns", "id", "uidmap"))
        b.addNamespace("user")
        b.addNamespace("cgroup")
        b.config["linux", "uidMappings"] = mapping
        b.config["linux", "gidMappings"] = mapping
        // A read-write cgroup mount is what would make a runtime delegate ownership (cgroup v2 only).
        b.addMount("/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime"])
        let before = ownership(b.rootfs + "/conformance/checker")
        let r = s.run(b, tag: "userns", afterCreate: { _, st in
            guard let pid = st?.pid else { return }
            let status = Host.readFile("/proc/\(pid)/status") ?? ""
            hostUid = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }.map { String($0.dropFirst(4)).trimmingCharacters(in: .whitespaces) } ?? "?"
            if let dir = s.host.cgroupDir(pid, "pids") ?? s.host.cgroupDir(pid, "memory") {
                var st = stat()
                if stat(dir, &st) == 0 { cgroupOwner = st.st_uid }
            }
        })
        let rep = r.report
        g.check("new-user", "config-linux.md namespaces: \"If path is not specified, the runtime MUST create a new container namespace of type type\" (user)",
                rep["ns.user"] != nil && rep["ns.user"] != s.host.namespaces["user"], r.why)
        let norm = { (l: String) in l.split(separator: " ").joined(separator: " ") }
        g.equal("uidMappings", "config-linux.md: \"uidMappings (array of objects, OPTIONAL) describes the user namespace uid mappings from the host to the container\"",
                rep.all("uid_map").map(norm), ["0 100000 65536"], r.why)
        g.equal("gidMappings", "config-linux.md: \"gidMappings (array of objects, OPTIONAL) describes the user namespace gid mappings from the host to the container\"",
                rep.all("gid_map").map(norm), ["0 100000 65536"], r.why)
        g.check("mapped-ids", "config-linux.md namespaces: user: \"the container will be able to remap user and group IDs from the host to local users and groups within the container\" (uid 0 inside is 100000 on the host)",
                rep["uid"] == "0" && hostUid.hasPrefix("100000"), "inside uid \(rep["uid"] ?? "?"), host view \(hostUid); \(r.why)")
        g.check("no-chown", "config-linux.md: \"The runtime SHOULD NOT modify the ownership of referenced filesystems to realize the mapping\"",
                r.ok && ownership(b.rootfs + "/conformance/checker") == before, "before \(before) after \(ownership(b.rootfs + "/conformance/checker"))")
        if s.host.cgroupV1 {
            g.check("cgroup-v1-ownership", "config-linux.md cgroup ownership: \"Runtimes SHOULD NOT change the ownership of container cgroups when cgroups v1 is in use\"",
                    r.create.ok && cgroupOwner == 0, "cgroup owner uid \(cgroupOwner)")
        } else {
            g.skip("cgroup-v1-ownership", "config-linux.md cgroup ownership: \"Runtimes SHOULD NOT change the ownership of container cgroups when cgroups v1 is in use\"",
                   "host uses cgroup v2")
        }
    }

    static func ownership(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "?" }
        return "\(st.st_uid):\(st.st_gid)"
    }
}
