import OCISpec
#if canImport(Glibc)
import Glibc
#endif

extension CgroupV1Manager {
    func setCPU(_ c: Spec.Linux.Resources.CPU) throws(CgroupError) {
        let f = "linux.resources.cpu"
        let wantsCPU = c.shares != nil || c.quota != nil || c.period != nil || c.burst != nil
            || c.realtimePeriod != nil || c.realtimeRuntime != nil || c.idle != nil
        guard wantsCPU else { return }
        let dir = try require("cpu", for: f)
        if let shares = c.shares, shares != 0 {
            try write(dir, "cpu.shares", String(shares), field: f + ".shares")
            // The kernel clamps silently; report it instead.
            let applied = try readUInt(dir, "cpu.shares")
            if shares > applied { throw .invalid(f + ".shares", "\(shares) exceeds the maximum allowed cpu shares \(applied)") }
            if shares < applied { throw .invalid(f + ".shares", "\(shares) is below the minimum allowed cpu shares \(applied)") }
        }
        var pendingPeriod: UInt64?
        if let period = c.period, period != 0 {
            do { try write(dir, "cpu.cfs_period_us", String(period), field: f + ".period") } catch {
                // A shorter period can exceed the parent's quota ratio until
                // the new quota is in; retry after it.
                guard error.errno == EINVAL, c.quota != nil else { throw error }
                pendingPeriod = period
            }
        }
        if let quota = c.quota, quota != 0 {
            try write(dir, "cpu.cfs_quota_us", String(quota), field: f + ".quota")
            if let p = pendingPeriod { try write(dir, "cpu.cfs_period_us", String(p), field: f + ".period") }
        }
        if let burst = c.burst {
            if let quota = c.quota, quota > 0, burst > UInt64(quota) {
                throw .invalid(f + ".burst", "\(burst) must not exceed quota \(quota)")
            }
            if has(dir, "cpu.cfs_burst_us") {
                try write(dir, "cpu.cfs_burst_us", String(burst), field: f + ".burst")
            } else if burst != 0 {
                throw .unsupported(f + ".burst", "this kernel has no CFS burst (cpu.cfs_burst_us)")
            }
        }
        try setRealtime(dir, c)
        if let idle = c.idle {
            if has(dir, "cpu.idle") {
                try write(dir, "cpu.idle", String(idle), field: f + ".idle")
            } else if idle != 0 {
                throw .unsupported(f + ".idle", "this kernel has no SCHED_IDLE cgroups (cpu.idle)")
            }
        }
    }

    func setRealtime(_ dir: String, _ c: Spec.Linux.Resources.CPU) throws(CgroupError) {
        let f = "linux.resources.cpu"
        guard c.realtimePeriod.map({ $0 != 0 }) == true || c.realtimeRuntime != nil else { return }
        guard has(dir, "cpu.rt_runtime_us") else {
            throw .unsupported(f + ".realtimeRuntime", "this kernel has no realtime group scheduling (CONFIG_RT_GROUP_SCHED)")
        }
        if let p = c.realtimePeriod, p != 0 { try write(dir, "cpu.rt_period_us", String(p), field: f + ".realtimePeriod") }
        if let r = c.realtimeRuntime { try write(dir, "cpu.rt_runtime_us", String(r), field: f + ".realtimeRuntime") }
    }

    func setCpuset(_ c: Spec.Linux.Resources.CPU) throws(CgroupError) {
        let f = "linux.resources.cpu"
        guard (c.cpus?.isEmpty == false) || (c.mems?.isEmpty == false) else { return }
        let dir = try require("cpuset", for: f)
        if let cpus = c.cpus, !cpus.isEmpty { try write(dir, "cpuset.cpus", cpus, field: f + ".cpus") }
        if let mems = c.mems, !mems.isEmpty { try write(dir, "cpuset.mems", mems, field: f + ".mems") }
    }

    /// A new v1 cpuset starts with no CPUs and no memory nodes, and a task
    /// cannot join it; fill empty levels from their parents, top down.
    func initCpuset(_ leaf: String) throws(CgroupError) {
        var chain = [leaf]
        var dir = CgroupPath.parent(leaf)
        while has(dir, "cpuset.cpus") {
            chain.append(dir)
            let cpus = StatParse.trim(try read(dir, "cpuset.cpus"))
            let mems = StatParse.trim(try read(dir, "cpuset.mems"))
            if !cpus.isEmpty && !mems.isEmpty { break }
            dir = CgroupPath.parent(dir)
        }
        for dir in chain.reversed().dropFirst() {
            let parent = CgroupPath.parent(dir)
            for file in ["cpuset.cpus", "cpuset.mems"] where StatParse.trim(try read(dir, file)).isEmpty {
                try write(dir, file, StatParse.trim(try read(parent, file)), field: "linux.resources.cpu")
            }
        }
    }
}
