import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.scheduler`: policy and parameters, set with sched_setattr(2).
public enum Scheduler {

    /// `struct sched_attr` (SCHED_ATTR_SIZE_VER0: the util clamp fields are not in the spec).
    public struct Attributes: Equatable, Sendable {
        public var policy: UInt32
        public var flags: UInt64
        public var nice: Int32
        public var priority: UInt32
        public var runtime: UInt64
        public var deadline: UInt64
        public var period: UInt64

        static let size = 48

        /// The kernel layout: u32 size, u32 policy, u64 flags, s32 nice, u32 priority,
        /// u64 runtime, u64 deadline, u64 period.
        public var bytes: [UInt8] {
            var b = [UInt8](repeating: 0, count: Attributes.size)
            b.withUnsafeMutableBytes { p in
                p.storeBytes(of: UInt32(Attributes.size), toByteOffset: 0, as: UInt32.self)
                p.storeBytes(of: policy, toByteOffset: 4, as: UInt32.self)
                p.storeBytes(of: flags, toByteOffset: 8, as: UInt64.self)
                p.storeBytes(of: nice, toByteOffset: 16, as: Int32.self)
                p.storeBytes(of: priority, toByteOffset: 20, as: UInt32.self)
                p.storeBytes(of: runtime, toByteOffset: 24, as: UInt64.self)
                p.storeBytes(of: deadline, toByteOffset: 32, as: UInt64.self)
                p.storeBytes(of: period, toByteOffset: 40, as: UInt64.self)
            }
            return b
        }
    }

    /// Validates like runc (nice range; priority only for FIFO/RR; runtime, deadline
    /// and period only for DEADLINE) and maps names to kernel values.
    public static func attributes(_ s: Spec.Process.Scheduler) throws(ProcessSetupError) -> Attributes {
        let f = "process.scheduler"
        guard let policy = LinuxNames.schedulerPolicies.first(where: { $0.name == s.policy })?.policy else {
            throw ProcessSetupError(field: f + ".policy", "unknown scheduling policy \"\(s.policy)\"")
        }
        let nice = s.nice ?? 0
        guard (-20...19).contains(nice) else {
            throw ProcessSetupError(field: f + ".nice", "\(nice) is outside [-20, 19]")
        }
        let priority = s.priority ?? 0
        if priority != 0 && s.policy != "SCHED_FIFO" && s.policy != "SCHED_RR" {
            throw ProcessSetupError(field: f + ".priority", "can only be set for SCHED_FIFO or SCHED_RR")
        }
        guard priority >= 0 else {
            throw ProcessSetupError(field: f + ".priority", "\(priority) is negative")
        }
        let runtime = s.runtime ?? 0, deadline = s.deadline ?? 0, period = s.period ?? 0
        if s.policy != "SCHED_DEADLINE" && (runtime != 0 || deadline != 0 || period != 0) {
            throw ProcessSetupError(field: f, "runtime, deadline and period can only be set for SCHED_DEADLINE")
        }
        var flags: UInt64 = 0
        for (i, name) in (s.flags ?? []).enumerated() {
            guard let bit = LinuxNames.schedulerFlags.first(where: { $0.name == name })?.bit else {
                throw ProcessSetupError(field: f + ".flags[\(i)]", "unknown scheduler flag \"\(name)\"")
            }
            flags |= bit
        }
        return Attributes(policy: UInt32(policy), flags: flags, nice: nice, priority: UInt32(priority),
                          runtime: runtime, deadline: deadline, period: period)
    }

    /// Applies the scheduler to `pid` (0: the calling thread).
    public static func apply(_ scheduler: Spec.Process.Scheduler?, pid: pid_t = 0) throws(ProcessSetupError) {
        guard let scheduler else { return }
        let attr = try attributes(scheduler)
        var bytes = attr.bytes
        let r = bytes.withUnsafeMutableBytes { sw_sched_setattr(pid, $0.baseAddress, 0) }
        if r < 0 {
            throw ProcessSetupError(field: "process.scheduler", "setting policy \(scheduler.policy)",
                                    underlying: .last("sched_setattr"))
        }
    }
}
