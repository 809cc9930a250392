import Cgroups
import OCISpec
import Syscalls

/// In-memory cgroupfs layouts that create the files the kernel would.
enum FakeHosts {
    static let v1Controllers = ["cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids",
                                "hugetlb", "net_cls", "net_prio", "rdma"]

    static func v1Files(_ controller: String) -> [String: String] {
        var f: [String: String] = ["cgroup.procs": "", "tasks": ""]
        switch controller {
        case "cpu":
            for k in ["cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.cfs_burst_us", "cpu.rt_period_us",
                      "cpu.rt_runtime_us", "cpu.idle"] { f[k] = "0" }
            f["cpu.shares"] = "1024"
            f["cpu.stat"] = "nr_periods 10\nnr_throttled 2\nthrottled_time 3000\n"
        case "cpuacct":
            f["cpuacct.usage"] = "5000\n"
            f["cpuacct.usage_percpu"] = "2000 3000 \n"
            f["cpuacct.stat"] = "user 3\nsystem 2\n"
            f["cpuacct.usage_all"] = "cpu user system\n0 1000 1000\n1 2000 1000\n"
        case "cpuset":
            f["cpuset.cpus"] = ""
            f["cpuset.mems"] = ""
        case "memory":
            for k in ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.kmem.limit_in_bytes",
                      "memory.kmem.tcp.limit_in_bytes"] { f[k] = "9223372036854771712\n" }
            for k in ["memory.soft_limit_in_bytes", "memory.swappiness", "memory.use_hierarchy"] { f[k] = "1\n" }
            f["memory.oom_control"] = "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n"
            f["memory.stat"] = "cache 4096\nrss 8192\n"
            for p in ["memory.", "memory.memsw.", "memory.kmem.", "memory.kmem.tcp."] {
                f[p + "usage_in_bytes"] = "100\n"
                f[p + "max_usage_in_bytes"] = "200\n"
                f[p + "failcnt"] = "0\n"
            }
        case "devices":
            f["devices.allow"] = ""
            f["devices.deny"] = ""
            f["devices.list"] = "a *:* rwm\n"
        case "freezer":
            f["freezer.state"] = "THAWED\n"
        case "blkio":
            for k in ["blkio.weight", "blkio.leaf_weight", "blkio.weight_device", "blkio.leaf_weight_device",
                      "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
                      "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device"] { f[k] = "" }
            f["blkio.throttle.io_serviced"] = "8:0 Read 4\n8:0 Write 5\nTotal 9\n"
            f["blkio.throttle.io_service_bytes"] = "8:0 Read 4096\n8:0 Write 8192\nTotal 12288\n"
        case "pids":
            f["pids.max"] = "max\n"
            f["pids.current"] = "2\n"
        case "hugetlb":
            for p in ["hugetlb.2MB.", "hugetlb.1GB."] {
                for k in ["limit_in_bytes", "rsvd.limit_in_bytes", "usage_in_bytes", "max_usage_in_bytes", "failcnt"] {
                    f[p + k] = "0\n"
                }
            }
        case "net_cls": f["net_cls.classid"] = "0"
        case "net_prio": f["net_prio.ifpriomap"] = ""
        case "rdma": f["rdma.max"] = ""
        default: break
        }
        return f
    }

    /// A hybrid host like this one: v1 controllers (cpu,cpuacct co-mounted)
    /// plus a controller-less cgroup2 at /sys/fs/cgroup/unified.
    static func v1(hybrid: Bool = true) -> (MemoryCgroupFS, CgroupMounts, ProcessCgroups) {
        let fs = MemoryCgroupFS()
        var hierarchies: [CgroupHierarchy] = []
        for c in v1Controllers where c != "cpuacct" {
            let name = c == "cpu" ? "cpu,cpuacct" : c
            let mount = "/sys/fs/cgroup/" + name
            var files = v1Files(c)
            if c == "cpu" { files.merge(v1Files("cpuacct")) { a, _ in a } }
            if c == "cpuset" { files["cpuset.cpus"] = "0-1"; files["cpuset.mems"] = "0" }
            fs.addDirectory(mount, files: files)
            hierarchies.append(CgroupHierarchy(mountpoint: mount, root: "/",
                                               controllers: c == "cpu" ? ["cpu", "cpuacct"] : [c]))
        }
        fs.addDirectory("/sys/fs/cgroup/unified", files: ["cgroup.procs": ""])
        fs.addDirectory("/sys/kernel/mm/hugepages/hugepages-2048kB")
        fs.addDirectory("/sys/kernel/mm/hugepages/hugepages-1048576kB")
        fs.onMkdir = { path in
            if path.hasPrefix("/sys/fs/cgroup/unified/") { return ["cgroup.procs": ""] }
            for c in v1Controllers {
                let name = (c == "cpu" || c == "cpuacct") ? "cpu,cpuacct" : c
                if path.hasPrefix("/sys/fs/cgroup/\(name)/") {
                    return name == "cpu,cpuacct" ? v1Files("cpu").merging(v1Files("cpuacct")) { a, _ in a } : v1Files(c)
                }
            }
            return [:]
        }
        let mounts = CgroupMounts(layout: hybrid ? .hybrid : .v1, v1: hierarchies,
                                  unified: hybrid ? "/sys/fs/cgroup/unified" : nil)
        var own: [String: String] = [:]
        for c in v1Controllers { own[c] = "/" }
        own["memory"] = "/sandbox"
        own[""] = "/"
        return (fs, mounts, ProcessCgroups(paths: own))
    }

    static func v2Files(controllers: String) -> [String: String] {
        var f: [String: String] = [
            "cgroup.procs": "", "cgroup.controllers": controllers, "cgroup.subtree_control": "",
            "cgroup.type": "domain", "cgroup.freeze": "0", "cgroup.events": "populated 0\nfrozen 0\n",
            "cgroup.kill": "", "memory.max": "max", "memory.swap.max": "max", "memory.low": "0",
            "memory.current": "1000", "memory.swap.current": "10", "memory.peak": "2000",
            "memory.stat": "anon 100\nfile 200\n", "memory.events": "low 0\nhigh 0\nmax 0\noom 0\noom_kill 1\n",
            "cpu.weight": "100", "cpu.max": "max 100000", "cpu.max.burst": "0", "cpu.idle": "0",
            "cpu.stat": "usage_usec 10\nuser_usec 6\nsystem_usec 4\nnr_periods 1\nnr_throttled 1\nthrottled_usec 2\n",
            "cpuset.cpus": "", "cpuset.mems": "", "pids.max": "max", "pids.current": "1",
            "io.weight": "default 100", "io.max": "", "io.stat": "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0\n",
            "hugetlb.2MB.max": "max", "hugetlb.2MB.rsvd.max": "max", "hugetlb.2MB.current": "0",
            "hugetlb.2MB.events": "max 0\n", "rdma.max": "", "memory.oom.group": "0",
        ]
        if !controllers.contains("memory") {
            for k in f.keys where k.hasPrefix("memory.") { f[k] = nil }
        }
        return f
    }

    /// A pure cgroup v2 host with every controller.
    static func v2(controllers: String = "cpuset cpu io memory hugetlb pids rdma misc") -> (MemoryCgroupFS, CgroupMounts, ProcessCgroups) {
        let fs = MemoryCgroupFS()
        fs.addDirectory("/sys/fs/cgroup", files: ["cgroup.procs": "", "cgroup.controllers": controllers,
                                                  "cgroup.subtree_control": "", "cpu.stat": "usage_usec 0\n"])
        fs.addDirectory("/sys/kernel/mm/hugepages/hugepages-2048kB")
        fs.onMkdir = { _ in v2Files(controllers: controllers) }
        let mounts = CgroupMounts(layout: .unified, v1: [], unified: "/sys/fs/cgroup")
        return (fs, mounts, ProcessCgroups(paths: ["": "/user.slice/session.scope"]))
    }
}

/// A `CgroupKernel` that records instead of acting.
final class FakeKernel: CgroupKernel {
    var programs: [(program: [BPFInstruction], directory: String)] = []
    var signals: [(Int32, Int32)] = []
    var installError: Int32?
    var onSleep: (() -> Void)?

    func installDeviceProgram(_ program: [BPFInstruction], license: String, cgroup directory: String) throws(Syscalls.SystemError) {
        if let e = installError { throw Syscalls.SystemError(errno: e, "bpf(BPF_PROG_LOAD)", directory) }
        programs.append((program, directory))
    }
    func signal(_ pid: Int32, _ signal: Int32) throws(Syscalls.SystemError) { signals.append((pid, signal)) }
    func sleep(microseconds: UInt32) { onSleep?() }
    var clockTicksPerSecond: UInt64 { 100 }
}
