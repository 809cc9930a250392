import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.execCPUAffinity`: the CPUs the process runs on around its move into the
/// container cgroup. `initial` is applied to the process before it joins the cgroup;
/// `final` by the runtime parent (on the child's pid) afterwards.
public enum CPUAffinity {
    /// Parses a CPU list (`0-3,7`, shared parser with validation) into a 64-bit word mask.
    /// An empty list is an empty mask.
    public static func parse(_ list: String, field: String) throws(ProcessSetupError) -> [UInt64] {
        guard let cpus = CPUList.parse(list) else {
            throw ProcessSetupError(field: field, "invalid CPU list \"\(list)\"")
        }
        guard let last = cpus.last else { return [] }
        var words = [UInt64](repeating: 0, count: last / 64 + 1)
        for cpu in cpus { words[cpu / 64] |= 1 << UInt64(cpu % 64) }
        return words
    }

    /// Sets the affinity of `pid` (0: the calling thread) to `mask`.
    public static func set(_ mask: [UInt64], pid: pid_t, field: String) throws(ProcessSetupError) {
        // glibc's cpu_set_t is 1024 bits; never hand the kernel less than that.
        var words = mask
        if words.count < 16 { words.append(contentsOf: repeatElement(0, count: 16 - words.count)) }
        let r = words.withUnsafeBytes { sw_sched_setaffinity(pid, $0.count, $0.baseAddress) }
        if r < 0 {
            throw ProcessSetupError(field: field, "setting CPU affinity", underlying: .last("sched_setaffinity"))
        }
    }

    /// Applies `initial` (if any) to `pid` (0: the calling process).
    public static func applyInitial(_ affinity: Spec.Process.ExecCPUAffinity?, pid: pid_t = 0) throws(ProcessSetupError) {
        guard let list = affinity?.initial, !list.isEmpty else { return }
        let field = "process.execCPUAffinity.initial"
        let mask = try parse(list, field: field)
        if mask.isEmpty { return }
        try set(mask, pid: pid, field: field)
    }

    /// Applies `final` (if any) to `pid`, once it is in the container cgroup. Empty or
    /// missing `final` leaves the affinity to the kernel, as the spec says.
    public static func applyFinal(_ affinity: Spec.Process.ExecCPUAffinity?, pid: pid_t) throws(ProcessSetupError) {
        guard let list = affinity?.final, !list.isEmpty else { return }
        let field = "process.execCPUAffinity.final"
        let mask = try parse(list, field: field)
        if mask.isEmpty { return }
        try set(mask, pid: pid, field: field)
    }
}
