// config-linux.md: CPU (cpu and cpuset controllers).
import Foundation

enum ResourcesCPUTests {
    static func run(_ s: Suite) {
        let g = Group("ResourcesCPU", s)
        let cpuRoot = s.host.cgroupMounts["cpu"] ?? ""
        let has = { (f: String) in !cpuRoot.isEmpty && FileManager.default.fileExists(atPath: cpuRoot + "/" + f) }
        var files: [String: String] = [:]
        let b = s.bundle("cpu", s.checker("id"))
        b.config["linux", "cgroupsPath"] = s.cgroupParent + "-cpu"
        var cpu: [String: Any] = ["shares": 512, "quota": 50000, "period": 100000]
        if has("cpu.cfs_burst_us") { cpu["burst"] = 10000 }
        if has("cpu.rt_runtime_us") { cpu["realtimePeriod"] = 1_000_000; cpu["realtimeRuntime"] = 1000 }
        b.config["linux", "resources", "cpu"] = cpu
        let cr = s.withCreated(b, tag: "cpu") { _, pid in
            for f in ["cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpu.cfs_burst_us", "cpu.rt_period_us", "cpu.rt_runtime_us"] {
                files[f] = s.host.readCgroupFile(pid, "cpu", f) ?? "missing"
            }
        }
        let d = "create: \(cr.summary); files: \(files)"
        g.equal("shares", "config-linux.md cpu: \"shares (uint64, OPTIONAL) - specifies a relative share of CPU time available to the tasks in a cgroup\"", files["cpu.shares"], "512", d)
        g.equal("quota", "config-linux.md cpu: \"quota (int64, OPTIONAL) - specifies the total amount of time in microseconds for which all tasks in a cgroup can run during one period\"",
                files["cpu.cfs_quota_us"], "50000", d)
        g.equal("period", "config-linux.md cpu: \"period (uint64, OPTIONAL) - specifies a period of time in microseconds for how regularly a cgroup's access to CPU resources should be reallocated\"",
                files["cpu.cfs_period_us"], "100000", d)
        if has("cpu.cfs_burst_us") {
            g.equal("burst", "config-linux.md cpu: \"burst (uint64, OPTIONAL) - specifies the maximum amount of accumulated time in microseconds\"", files["cpu.cfs_burst_us"], "10000", d)
        } else {
            g.skip("burst", "config-linux.md cpu: \"burst (uint64, OPTIONAL)\"", "kernel has no cpu.cfs_burst_us")
        }
        if has("cpu.rt_runtime_us") {
            g.equal("realtimeRuntime", "config-linux.md cpu: \"realtimeRuntime (int64, OPTIONAL) - specifies a period of time in microseconds for the longest continuous period in which the tasks in a cgroup have access to CPU resources\"",
                    files["cpu.rt_runtime_us"], "1000", d)
            g.equal("realtimePeriod", "config-linux.md cpu: \"realtimePeriod (uint64, OPTIONAL) - same as period but applies to realtime scheduler only\"",
                    files["cpu.rt_period_us"], "1000000", d)
        } else {
            for f in ["realtimeRuntime", "realtimePeriod"] {
                g.skip(f, "config-linux.md cpu: \"\(f)\"", "kernel built without CONFIG_RT_GROUP_SCHED (no cpu.rt_* files)")
            }
        }
        var cpus = "missing", mems = "missing"
        let b2 = s.bundle("cpuset", s.checker("id"))
        b2.config["linux", "cgroupsPath"] = s.cgroupParent + "/cpuset"
        b2.config["linux", "resources", "cpu"] = ["cpus": "0", "mems": "0"]
        let cr2 = s.withCreated(b2, tag: "cpuset") { _, pid in
            cpus = s.host.readCgroupFile(pid, "cpuset", "cpuset.cpus") ?? "missing"
            mems = s.host.readCgroupFile(pid, "cpuset", "cpuset.mems") ?? "missing"
        }
        g.equal("cpus", "config-linux.md cpu: \"cpus (string, OPTIONAL) - list of CPUs the container will run on\"", cpus, "0", cr2.summary)
        g.equal("mems", "config-linux.md cpu: \"mems (string, OPTIONAL) - list of memory nodes the container will run on\"", mems, "0", cr2.summary)
        if has("cpu.idle") {
            var idle = "missing"
            let b3 = s.bundle("cpu-idle", s.checker("id"))
            b3.config["linux", "cgroupsPath"] = s.cgroupParent + "/cpu-idle"
            b3.config["linux", "resources", "cpu"] = ["idle": 1]
            let cr3 = s.withCreated(b3, tag: "cpuidle") { _, pid in idle = s.host.readCgroupFile(pid, "cpu", "cpu.idle") ?? "missing" }
            g.equal("idle", "config-linux.md cpu: \"idle (int64, OPTIONAL) - cgroups are configured with minimum weight, 0: default behavior, 1: SCHED_IDLE\"", idle, "1", cr3.summary)
        } else {
            g.skip("idle", "config-linux.md cpu: \"idle (int64, OPTIONAL)\"", "kernel has no cpu.idle")
        }
    }
}
