/// The v1-flavoured values of the spec converted for cgroup v2, with
/// runc's formulas so both runtimes program the same numbers.
public enum CgroupV2Conversion {
    /// cpu.shares [2, 262144] → cpu.weight [1, 10000], linearly (runc 1.1).
    public static func cpuWeight(shares: UInt64) -> UInt64 {
        if shares == 0 { return 0 }
        let s = min(max(shares, 2), 262_144)
        return 1 + ((s - 2) * 9999) / 262_142
    }

    /// blkio.weight [10, 1000] → io.weight [1, 10000], linearly.
    public static func ioWeight(blkioWeight: UInt16) -> UInt64 {
        if blkioWeight == 0 { return 0 }
        let w = UInt64(min(max(blkioWeight, 10), 1000))
        return 1 + (w - 10) * 9999 / 990
    }

    /// The spec's swap is memory+swap (v1 memsw); memory.swap.max is swap
    /// alone. Returns the value for memory.swap.max: -1 for "max", 0 for
    /// "leave alone" (runc's convention), else bytes. `swap` and `memory`
    /// use 0 for unset.
    public static func swapMax(swap: Int64, memory: Int64) throws(CgroupError) -> Int64 {
        let field = "linux.resources.memory.swap"
        // Unlimited memory with swap unspecified: both unlimited, as on v1.
        if memory == -1 && swap == 0 { return -1 }
        if swap == -1 || swap == 0 { return swap }
        if memory == -1 { return swap }
        if memory == 0 { throw .invalid(field, "a swap limit needs a memory limit (linux.resources.memory.limit)") }
        if memory < 0 { throw .invalid("linux.resources.memory.limit", "invalid value \(memory)") }
        if swap < memory { throw .invalid(field, "memory+swap limit \(swap) must not be below the memory limit \(memory)") }
        return swap - memory
    }
}
