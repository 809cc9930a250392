import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `linux.memoryPolicy`, set with set_mempolicy(2) by the container init. The
/// policy belongs to the thread, is inherited across fork and survives
/// execve, so the container's program and everything it starts allocate
/// under it.
public enum MemoryPolicy {
    static let maxNodes = 1 << 10

    /// The arguments of set_mempolicy(2).
    public struct Request: Equatable, Sendable {
        /// MPOL_* mode ORed with MPOL_F_* flags.
        public let mode: Int32
        /// Node bitmap in unsigned longs; empty for no nodemask (NULL).
        public let nodemask: [UInt]
        public let maxNode: UInt
    }

    /// Translates the spec's names and node list.
    public static func request(_ policy: Spec.Linux.MemoryPolicy) throws(ProcessSetupError) -> Request {
        guard var mode = LinuxNames.memoryPolicyModes.first(where: { $0.name == policy.mode })?.mode else {
            throw ProcessSetupError(field: "linux.memoryPolicy.mode", "unknown memory policy mode \"\(policy.mode)\"")
        }
        for (i, name) in (policy.flags ?? []).enumerated() {
            guard let bit = LinuxNames.memoryPolicyFlags.first(where: { $0.name == name })?.bit else {
                throw ProcessSetupError(field: "linux.memoryPolicy.flags[\(i)]", "unknown memory policy flag \"\(name)\"")
            }
            mode |= bit
        }
        let list = policy.nodes ?? ""
        guard let nodes = list.isEmpty ? [] : CPUList.parse(list) else {
            throw ProcessSetupError(field: "linux.memoryPolicy.nodes", "invalid node list \"\(list)\"")
        }
        guard let last = nodes.last else { return Request(mode: mode, nodemask: [], maxNode: 0) }
        // MAX_NUMNODES is at most 1 << 10; the kernel rejects masks over a page anyway.
        guard last < maxNodes else {
            throw ProcessSetupError(field: "linux.memoryPolicy.nodes", "node \(last) is beyond the kernel's limit of \(maxNodes) nodes")
        }
        let bits = UInt.bitWidth
        // One spare zero word: kernels differ on whether maxnode counts one
        // bit more than the mask holds, and must never read past it.
        var mask = [UInt](repeating: 0, count: last / bits + 2)
        for node in nodes { mask[node / bits] |= 1 << UInt(node % bits) }
        return Request(mode: mode, nodemask: mask, maxNode: UInt((mask.count - 1) * bits + 1))
    }

    /// Sets the calling thread's policy; nothing when the field is absent.
    public static func apply(_ policy: Spec.Linux.MemoryPolicy?) throws(ProcessSetupError) {
        guard let policy else { return }
        let r = try request(policy)
        let rc = r.nodemask.isEmpty
            ? sw_set_mempolicy(r.mode, nil, 0)
            : r.nodemask.withUnsafeBufferPointer { sw_set_mempolicy(r.mode, $0.baseAddress, r.maxNode) }
        if rc < 0 {
            let e = SystemError.last("set_mempolicy")
            let what = "setting \(policy.mode)" + ((policy.nodes ?? "").isEmpty ? "" : " on nodes \"\(policy.nodes!)\"")
            if e.errno == ENOSYS {
                throw ProcessSetupError(field: "linux.memoryPolicy", "\(what): the kernel has no NUMA support", underlying: e)
            }
            throw ProcessSetupError(field: "linux.memoryPolicy", what, underlying: e)
        }
    }
}
