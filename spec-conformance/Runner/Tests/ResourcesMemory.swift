// config-linux.md: Memory (cgroup v1 memory controller), read from the host
// side right after create: "All of the properties configured in config.json
// except for process MUST be applied" by create.
import Foundation

enum ResourcesMemoryTests {
    static func run(_ s: Suite) {
        let g = Group("ResourcesMemory", s)
        guard s.host.cgroupV1 && s.host.hasController("memory") else {
            g.skip("limit", "config-linux.md memory: \"limit (int64, OPTIONAL) - sets limit of memory usage\"", "no cgroup v1 memory controller on this host")
            return
        }
        var files: [String: String] = [:]
        let b = s.bundle("memory", s.checker("id"))
        b.config["linux", "cgroupsPath"] = s.cgroupParent + "/memory"
        b.config["linux", "resources", "memory"] = ["limit": 64 << 20, "reservation": 32 << 20, "swap": 128 << 20,
                                                    "swappiness": 10, "disableOOMKiller": true, "useHierarchy": true] as [String: Any]
        let cr = s.withCreated(b, tag: "memory") { _, pid in
            for f in ["memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.swappiness",
                      "memory.oom_control", "memory.use_hierarchy"] {
                files[f] = s.host.readCgroupFile(pid, "memory", f) ?? "missing"
            }
        }
        let d = "create: \(cr.summary); files: \(files)"
        g.equal("limit", "config-linux.md memory: \"limit (int64, OPTIONAL) - sets limit of memory usage\"", files["memory.limit_in_bytes"], "\(64 << 20)", d)
        g.equal("reservation", "config-linux.md memory: \"reservation (int64, OPTIONAL) - sets soft limit of memory usage\"",
                files["memory.soft_limit_in_bytes"], "\(32 << 20)", d)
        if FileManager.default.fileExists(atPath: s.host.cgroupMounts["memory"]! + "/memory.memsw.limit_in_bytes") {
            g.equal("swap", "config-linux.md memory: \"swap (int64, OPTIONAL) - sets limit of memory+Swap usage\"", files["memory.memsw.limit_in_bytes"], "\(128 << 20)", d)
        } else {
            g.skip("swap", "config-linux.md memory: \"swap (int64, OPTIONAL) - sets limit of memory+Swap usage\"", "kernel has no swap accounting (memory.memsw.*)")
        }
        g.equal("swappiness", "config-linux.md memory: \"swappiness (uint64, OPTIONAL) - sets swappiness parameter of vmscan\"", files["memory.swappiness"], "10", d)
        g.check("disableOOMKiller", "config-linux.md memory: \"disableOOMKiller (bool, OPTIONAL) - enables or disables the OOM killer ... To disable it, specify a value of true\"",
                (files["memory.oom_control"] ?? "").contains("oom_kill_disable 1"), d)
        g.equal("useHierarchy", "config-linux.md memory: \"useHierarchy (bool, OPTIONAL) - enables or disables hierarchical memory accounting\"", files["memory.use_hierarchy"], "1", d)

        var tcp = "missing", unlimited = "missing"
        let b2 = s.bundle("memory-tcp", s.checker("id"))
        b2.config["linux", "cgroupsPath"] = s.cgroupParent + "/memory-tcp"
        b2.config["linux", "resources", "memory"] = ["kernelTCP": 16 << 20, "limit": -1] as [String: Any]
        let cr2 = s.withCreated(b2, tag: "memtcp") { _, pid in
            tcp = s.host.readCgroupFile(pid, "memory", "memory.kmem.tcp.limit_in_bytes") ?? "missing"
            unlimited = s.host.readCgroupFile(pid, "memory", "memory.limit_in_bytes") ?? "missing"
        }
        g.equal("kernelTCP", "config-linux.md memory: \"kernelTCP (int64, OPTIONAL, NOT RECOMMENDED) - sets hard limit for kernel TCP buffer memory\"", tcp, "\(16 << 20)", cr2.summary)
        g.check("unlimited", "config-linux.md memory: \"Values for memory specify the limit in bytes, or -1 for unlimited memory\"",
                (UInt64(unlimited) ?? 0) >= 0x7fff_ffff_ffff_f000, "limit_in_bytes=\(unlimited); \(cr2.summary)")
        g.skip("kernel", "config-linux.md memory: \"kernel (int64, OPTIONAL, NOT RECOMMENDED) - sets hard limit for kernel memory\"",
               "kernel >= 5.16 ignores memory.kmem.limit_in_bytes writes (the value stays unlimited)")
    }
}
