import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.rlimits`: resource limits, set with prlimit(2).
public enum Rlimits {
    /// The resource number of an `RLIMIT_*` name (table shared with validation).
    public static func resource(named name: String) -> Int32? {
        LinuxNames.rlimits.first { $0.name == name }?.resource
    }

    /// One resolved limit, ready for prlimit(2).
    public struct Limit: Equatable, Sendable {
        public let field: String
        public let name: String
        public let resource: Int32
        public let soft: UInt64
        public let hard: UInt64
    }

    /// Maps every entry to its resource number, rejecting unknown and duplicate types
    /// (the spec requires an error for both).
    public static func resolve(_ rlimits: [Spec.Process.Rlimit]?) throws(ProcessSetupError) -> [Limit] {
        guard let rlimits else { return [] }
        var seen: [Int32: Int] = [:]
        var out: [Limit] = []
        out.reserveCapacity(rlimits.count)
        for (i, r) in rlimits.enumerated() {
            let field = "process.rlimits[\(i)]"
            guard let resource = resource(named: r.type) else {
                throw ProcessSetupError(field: field + ".type", "unknown rlimit type \"\(r.type)\"")
            }
            if let first = seen[resource] {
                throw ProcessSetupError(field: field + ".type",
                                        "duplicate \(r.type) (already set by process.rlimits[\(first)])")
            }
            if r.soft > r.hard {
                throw ProcessSetupError(field: field, "soft limit \(r.soft) exceeds hard limit \(r.hard)")
            }
            seen[resource] = i
            out.append(Limit(field: field, name: r.type, resource: resource, soft: r.soft, hard: r.hard))
        }
        return out
    }

    /// Applies every limit (soft and hard) to `pid` (0: the calling process).
    ///
    /// Raising a hard limit needs CAP_SYS_RESOURCE in the initial user namespace;
    /// the container's root (or a host without that capability) fails with EPERM,
    /// reported against the offending `process.rlimits[i]`.
    public static func apply(_ rlimits: [Spec.Process.Rlimit]?, pid: pid_t = 0) throws(ProcessSetupError) {
        try apply(resolve(rlimits), pid: pid)
    }

    public static func apply(_ limits: [Limit], pid: pid_t = 0) throws(ProcessSetupError) {
        for limit in limits {
            let values: [UInt64] = [limit.soft, limit.hard]
            let r = values.withUnsafeBufferPointer { sw_prlimit(pid, limit.resource, $0.baseAddress, nil) }
            if r < 0 {
                let e = sw_errno()
                var hint = ""
                if e == EPERM { hint = " (raising a hard limit needs CAP_SYS_RESOURCE)" }
                throw ProcessSetupError(
                    field: limit.field,
                    "setting \(limit.name) to soft \(limit.soft), hard \(limit.hard)\(hint)",
                    underlying: SystemError(errno: e, "prlimit"))
            }
        }
    }
}
