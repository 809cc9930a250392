// config-linux.md: Control groups, cgroupsPath.
import Foundation

enum CgroupsPathTests {
    static func run(_ s: Suite) {
        let g = Group("Cgroups", s)
        let path = s.cgroupParent + "/abs"
        var first: [String: String] = [:]
        var exists = false
        let b = s.bundle("cgpath", s.checker("id"))
        b.config["linux", "cgroupsPath"] = path
        b.config["linux", "resources", "pids"] = ["limit": 100]
        b.config["linux", "resources", "memory"] = ["limit": 256 << 20]
        let cr = s.withCreated(b, tag: "cgpath") { _, pid in
            first = s.host.cgroupPaths(pid)
            exists = ["pids", "memory"].allSatisfy { s.host.cgroupDir(pid, $0).map { FileManager.default.fileExists(atPath: $0) } ?? false }
        }
        let needed = ["pids", "memory"].filter { s.host.hasController($0) }
        g.check("absolute-path", "config-linux.md cgroupsPath: \"In the case of an absolute path (starting with /), the runtime MUST take the path to be relative to the cgroups mount point\"",
                cr.ok && !needed.isEmpty && needed.allSatisfy { first[$0] == path }, "create: \(cr.summary); paths \(first)")
        g.check("created", "config-linux.md cgroupsPath: \"The cgroups will be created if they don't exist\"", cr.ok && exists, "paths \(first)")
        var second: [String: String] = [:]
        let b2 = s.bundle("cgpath2", s.checker("id"))
        b2.config["linux", "cgroupsPath"] = path
        b2.config["linux", "resources", "pids"] = ["limit": 100]
        b2.config["linux", "resources", "memory"] = ["limit": 256 << 20]
        let cr2 = s.withCreated(b2, tag: "cgpath2") { _, pid in second = s.host.cgroupPaths(pid) }
        g.check("consistent", "config-linux.md cgroupsPath: \"If the value is specified, the runtime MUST consistently attach to the same place in the cgroups hierarchy given the same value of cgroupsPath\"",
                cr2.ok && needed.allSatisfy { first[$0] != nil && second[$0] == first[$0] }, "first \(first) second \(second)")
        let running = s.probe("cgroup-inside", ["cgroup"]) { b in
            b.config["linux", "cgroupsPath"] = s.cgroupParent + "/inside"
            b.config["linux", "resources", "pids"] = ["limit": 100]
        }
        g.check("process-attached", "config-linux.md: \"You can configure a container's cgroups via the resources field\" (the container process itself is in the configured cgroup)",
                running.report.all("cgroup").contains { $0.contains(":pids:") && $0.hasSuffix(s.cgroupParent + "/inside") }, running.why)
    }
}
