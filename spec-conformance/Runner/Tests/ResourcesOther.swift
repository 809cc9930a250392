// config-linux.md: PIDs, Block IO, Huge page limits, Network, RDMA, Unified, IntelRdt.
import Foundation

enum ResourcesOtherTests {
    static func run(_ s: Suite) {
        let g = Group("ResourcesOther", s)
        pids(g, s)
        blockIO(g, s)
        unsupportedControllers(g, s)
        unified(g, s)
        intelRdt(g, s)
    }

    static func readAfterCreate(_ s: Suite, _ tag: String, _ controller: String, _ file: String, _ configure: (Bundle) -> Void) -> (CmdResult, String) {
        var value = "missing"
        let b = s.bundle(tag, s.checker("id"))
        b.config["linux", "cgroupsPath"] = s.cgroupParent + "/" + tag
        configure(b)
        let r = s.withCreated(b, tag: tag) { _, pid in value = s.host.readCgroupFile(pid, controller, file) ?? "missing" }
        return (r, value)
    }

    static func pids(_ g: Group, _ s: Suite) {
        guard s.host.hasController("pids") else {
            g.skip("pids-limit", "config-linux.md pids: \"limit (int64, OPTIONAL) - specifies the maximum number of tasks in the cgroup\"", "no pids controller")
            return
        }
        let (r1, v1) = readAfterCreate(s, "pids", "pids", "pids.max") { $0.config["linux", "resources", "pids"] = ["limit": 42] }
        g.equal("pids-limit", "config-linux.md pids: \"limit (int64, OPTIONAL) - specifies the maximum number of tasks in the cgroup\"", v1, "42", r1.summary)
        let (r2, v2) = readAfterCreate(s, "pids-max", "pids", "pids.max") { $0.config["linux", "resources", "pids"] = ["limit": -1] }
        g.equal("pids-unlimited", "config-linux.md pids: limit \"with -1 indicating no limit (max)\"", v2, "max", r2.summary)
        let (r3, v3) = readAfterCreate(s, "pids-zero", "pids", "pids.max") { $0.config["linux", "resources", "pids"] = ["limit": 0] }
        g.equal("pids-zero", "config-linux.md pids: \"0 is a valid limit value for the pids cgroup controller from the kernel's perspective and SHOULD be treated as such by runtimes\"",
                v3, "0", r3.summary)
    }

    /// The first real block device (not loop/zram/ram): throttling needs one that exists.
    static func blockDevice() -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/block")) ?? []).sorted()
        for n in names where !n.hasPrefix("loop") && !n.hasPrefix("zram") && !n.hasPrefix("ram") {
            if let dev = Host.readFile("/sys/block/\(n)/dev")?.trimmingCharacters(in: .whitespacesAndNewlines) { return dev }
        }
        return nil
    }

    static func blockIO(_ g: Group, _ s: Suite) {
        let root = s.host.cgroupMounts["blkio"] ?? ""
        let has = { (f: String) in !root.isEmpty && FileManager.default.fileExists(atPath: root + "/" + f) }
        for (slug, file, statement) in [
            ("blkio-weight", "blkio.weight", "config-linux.md blockIO: \"weight (uint16, OPTIONAL) - specifies per-cgroup weight\""),
            ("blkio-leafWeight", "blkio.leaf_weight", "config-linux.md blockIO: \"leafWeight (uint16, OPTIONAL) - equivalents of weight for the purpose of deciding how much weight tasks in the given cgroup has while competing with the cgroup's child cgroups\""),
            ("blkio-weightDevice", "blkio.weight_device", "config-linux.md blockIO: \"weightDevice (array of objects, OPTIONAL) - an array of per-device bandwidth weights\""),
        ] {
            if has(file) {
                let (r, v) = readAfterCreate(s, slug, "blkio", file) { b in
                    b.config["linux", "resources", "blockIO"] = ["weight": 300, "leafWeight": 300]
                }
                g.check(slug, statement, v.contains("300"), "\(file)=\(v); \(r.summary)")
            } else {
                g.skip(slug, statement, "the host's blkio controller has no \(file) (no CFQ/BFQ weight interface)")
            }
        }
        guard let dev = blockDevice(), has("blkio.throttle.read_bps_device") else {
            for t in ["ReadBps", "WriteBps", "ReadIOPS", "WriteIOPS"] {
                g.skip("blkio-throttle\(t)Device", "config-linux.md blockIO: \"throttle\(t)Device\"", "no block device or blkio throttling on this host")
            }
            return
        }
        let parts = dev.split(separator: ":").compactMap { Int($0) }
        let entry: (Int) -> [[String: Any]] = { rate in [["major": parts[0], "minor": parts[1], "rate": rate]] }
        var values: [String: String] = [:]
        let b = s.bundle("blkio-throttle", s.checker("id"))
        b.config["linux", "cgroupsPath"] = s.cgroupParent + "/blkio-throttle"
        b.config["linux", "resources", "blockIO"] = [
            "throttleReadBpsDevice": entry(1_048_576), "throttleWriteBpsDevice": entry(2_097_152),
            "throttleReadIOPSDevice": entry(1000), "throttleWriteIOPSDevice": entry(2000),
        ]
        let r = s.withCreated(b, tag: "blkio") { _, pid in
            for f in ["read_bps_device", "write_bps_device", "read_iops_device", "write_iops_device"] {
                values[f] = s.host.readCgroupFile(pid, "blkio", "blkio.throttle." + f) ?? "missing"
            }
        }
        let d = "create: \(r.summary); \(values)"
        g.equal("blkio-throttleReadBpsDevice", "config-linux.md blockIO: \"throttleReadBpsDevice ... an array of per-device bandwidth rate limits\" (rate in bytes per second)",
                values["read_bps_device"], "\(dev) 1048576", d)
        g.equal("blkio-throttleWriteBpsDevice", "config-linux.md blockIO: \"throttleWriteBpsDevice ... an array of per-device bandwidth rate limits\"",
                values["write_bps_device"], "\(dev) 2097152", d)
        g.equal("blkio-throttleReadIOPSDevice", "config-linux.md blockIO: \"throttleReadIOPSDevice ... an array of per-device IO rate limits\"",
                values["read_iops_device"], "\(dev) 1000", d)
        g.equal("blkio-throttleWriteIOPSDevice", "config-linux.md blockIO: \"throttleWriteIOPSDevice ... an array of per-device IO rate limits\"",
                values["write_iops_device"], "\(dev) 2000", d)
    }

    static func unsupportedControllers(_ g: Group, _ s: Suite) {
        if s.host.hasController("hugetlb"), let size = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/kernel/mm/hugepages"))?.sorted().first {
            let kb = Int(size.replacingOccurrences(of: "hugepages-", with: "").replacingOccurrences(of: "kB", with: "")) ?? 2048
            let pageSize = kb >= 1 << 20 ? "\(kb >> 20)GB" : "\(kb >> 10)MB"
            let (r, v) = readAfterCreate(s, "hugetlb", "hugetlb", "hugetlb.\(pageSize).limit_in_bytes") { b in
                b.config["linux", "resources", "hugepageLimits"] = [["pageSize": pageSize, "limit": kb * 1024 * 4]]
            }
            g.equal("hugepageLimits", "config-linux.md: \"hugepageLimits (array of objects, OPTIONAL) represents the hugetlb controller\"", v, "\(kb * 1024 * 4)", r.summary)
        } else {
            g.skip("hugepageLimits", "config-linux.md: \"hugepageLimits (array of objects, OPTIONAL) represents the hugetlb controller\"", "the hugetlb controller is not on a cgroup v1 hierarchy on this host")
        }
        if s.host.hasController("net_cls") {
            let (r, v) = readAfterCreate(s, "netcls", "net_cls", "net_cls.classid") { b in b.config["linux", "resources", "network"] = ["classID": 1048577] }
            g.equal("network-classID", "config-linux.md network: \"classID (uint32, OPTIONAL) - is the network class identifier the cgroup's network packets will be tagged with\"", v, "1048577", r.summary)
        } else {
            g.skip("network-classID", "config-linux.md network: \"classID (uint32, OPTIONAL) - is the network class identifier the cgroup's network packets will be tagged with\"", "the net_cls controller is not mounted on this host")
        }
        if s.host.hasController("net_prio") {
            let (r, v) = readAfterCreate(s, "netprio", "net_prio", "net_prio.ifpriomap") { b in
                b.config["linux", "resources", "network"] = ["priorities": [["name": "lo", "priority": 7]]]
            }
            g.check("network-priorities", "config-linux.md network: \"priorities (array of objects, OPTIONAL) - specifies a list of objects of the priorities assigned to traffic\"", v.contains("lo 7"), "\(v); \(r.summary)")
        } else {
            g.skip("network-priorities", "config-linux.md network: \"priorities (array of objects, OPTIONAL) - specifies a list of objects of the priorities assigned to traffic\"", "the net_prio controller is not mounted on this host")
        }
        g.skip("rdma", "config-linux.md: \"rdma (object, OPTIONAL) represents the cgroup subsystem rdma\"",
               s.host.hasController("rdma") ? "no RDMA device on this host" : "the rdma controller is not available on this host")
    }

    static func unified(_ g: Group, _ s: Suite) {
        let v2Controllers = s.host.cgroupMounts["unified"].flatMap { Host.readFile($0 + "/cgroup.controllers") }?
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty } ?? []
        if s.host.cgroupV1 && !v2Controllers.contains("memory") {
            let b = s.bundle("unified", s.checker("id"))
            b.config["linux", "resources", "unified"] = ["memory.max": "67108864"]
            let (r, exists, left) = s.tryCreateTraced(b)
            g.check("unified-missing-controller", "config-linux.md unified: \"The runtime MUST generate an error when the configuration refers to a cgroup controller that is not present or that cannot be enabled\" (memory is not on the v2 hierarchy here)",
                    r.failed && !exists, r.summary)
            g.check("unified-error-no-trace", "runtime.md errors: \"generating an error MUST leave the state of the environment as if the operation were never attempted\" (the rejected unified config leaves no cgroup)",
                    r.failed && left.isEmpty, "left behind: \(left); \(r.summary)")
        } else {
            g.skip("unified-missing-controller", "config-linux.md unified: \"The runtime MUST generate an error when the configuration refers to a cgroup controller that is not present\"", "the memory controller is on the v2 hierarchy")
        }
        for (slug, statement) in [("unified-enable", "config-linux.md unified: \"The OCI runtime MUST ensure that the needed cgroup controllers are enabled for the cgroup\""),
                                  ("unified-unknown-written", "config-linux.md unified: \"Configuration unknown to the runtime MUST still be written to the relevant file\"")] {
            g.skip(slug, statement, s.host.cgroupV1
                   ? "cgroup v1 hybrid host: containers' cgroups are v1 (the v2 hierarchy carries only [\(v2Controllers.joined(separator: ","))])"
                   : "not exercised on this host")
        }
    }

    static func intelRdt(_ g: Group, _ s: Suite) {
        if s.host.resctrl {
            g.skip("intelRdt-no-resctrl", "config-linux.md intelRdt: \"If no mounted resctrl pseudo-filesystem is available in the runtime mount namespace, the runtime MUST generate an error\"", "resctrl is mounted on this host")
        } else {
            let b = s.bundle("intelrdt", s.checker("id"))
            b.config["linux", "intelRdt"] = ["closID": "conformance"]
            let (r, exists) = s.tryCreate(b)
            g.check("intelRdt-no-resctrl", "config-linux.md intelRdt: \"If no mounted resctrl pseudo-filesystem is available in the runtime mount namespace, the runtime MUST generate an error\"",
                    r.failed && !exists, r.summary)
        }
        g.skip("intelRdt-closID", "config-linux.md intelRdt: \"the runtime MUST write the container process ID to the tasks file in a proper sub-directory in a mounted resctrl pseudo-filesystem\"",
               s.host.resctrl ? "not exercised" : "no resctrl filesystem on this host")
    }
}
