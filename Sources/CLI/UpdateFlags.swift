import Runtime

/// `update`'s command-line flags gathered into the runtime's request.
enum UpdateFlags {
    static func request(_ inv: Invocation) -> UpdateRequest {
        var r = UpdateRequest()
        r.resourcesFile = inv.optionalString("resources")
        r.blkioWeight = inv.int("blkio-weight")
        r.cpuPeriod = inv.optionalString("cpu-period")
        r.cpuQuota = inv.optionalString("cpu-quota")
        r.cpuBurst = inv.optionalString("cpu-burst")
        r.cpuShare = inv.optionalString("cpu-share")
        r.cpuRtPeriod = inv.optionalString("cpu-rt-period")
        r.cpuRtRuntime = inv.optionalString("cpu-rt-runtime")
        r.cpusetCpus = inv.optionalString("cpuset-cpus")
        r.cpusetMems = inv.optionalString("cpuset-mems")
        r.memory = inv.optionalString("memory")
        r.memoryReservation = inv.optionalString("memory-reservation")
        r.memorySwap = inv.optionalString("memory-swap")
        r.kernelMemory = inv.optionalString("kernel-memory")
        r.kernelMemoryTCP = inv.optionalString("kernel-memory-tcp")
        r.pidsLimit = inv.int("pids-limit")
        r.l3CacheSchema = inv.optionalString("l3-cache-schema")
        r.memBwSchema = inv.optionalString("mem-bw-schema")
        return r
    }
}
