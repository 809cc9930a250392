import CShims
import OCISpec
#if canImport(Glibc)
import Glibc
#endif

/// A compiled `linux.seccomp` filter: the final BPF program and seccomp(2) flags.
///
/// `compile` does all of libseccomp's work and can run early (even before
/// pivot_root or in the runtime parent); `load` is a single seccomp(2) call, so
/// it can sit right before execve. Call `load`:
/// - before the user switch when `process.noNewPrivileges` is false (loading a
///   filter without no_new_privs needs CAP_SYS_ADMIN);
/// - otherwise as the very last step before execve, so the profile need not allow
///   the runtime's own remaining syscalls.
public struct SeccompFilter: Sendable {
    /// The program: runc's ENOSYS stub (if any) followed by libseccomp's filter.
    public let instructions: [BPFInstruction]
    /// SECCOMP_FILTER_FLAG_* bits passed to seccomp(2), NEW_LISTENER included.
    public let flags: UInt32
    /// True if a rule uses SCMP_ACT_NOTIFY: `load` then returns the listener fd.
    public let usesNotify: Bool
    /// Syscall names neither the kernel headers nor libseccomp know; skipped like
    /// runc does (a debug-level message is enough).
    public let skippedSyscalls: [String]
    /// Number of leading instructions that are the ENOSYS stub (0: none).
    public let stubLength: Int
    let encoded: [UInt8]

    init(instructions: [BPFInstruction], flags: UInt32, usesNotify: Bool, skippedSyscalls: [String], stubLength: Int) {
        self.instructions = instructions
        self.flags = flags
        self.usesNotify = usesNotify
        self.skippedSyscalls = skippedSyscalls
        self.stubLength = stubLength
        self.encoded = BPFInstruction.encode(instructions)
    }

    /// A filter that loads nothing (runc: no defaultAction and no syscalls means
    /// seccomp is disabled).
    public var isEmpty: Bool { instructions.isEmpty }

    /// The kernel's BPF_MAXINSNS.
    public static let maxInstructions = 4096

    /// Installs the filter on the calling thread.
    ///
    /// - Returns: the seccomp notify listener fd (close-on-exec) when `usesNotify`,
    ///   otherwise nil. Pass it to `SeccompNotify.sendListener` (from the runtime
    ///   parent ideally: every syscall made after loading is filtered).
    @discardableResult
    public func load() throws(SeccompError) -> Int32? {
        if instructions.isEmpty { return nil }
        let r = encoded.withUnsafeBytes {
            sw_seccomp_set_filter(flags, $0.baseAddress, UInt16(instructions.count))
        }
        if r < 0 {
            let e = sw_errno()
            var message = "error loading seccomp filter into kernel"
            if e == EACCES {
                message += " (without process.noNewPrivileges this needs CAP_SYS_ADMIN: load it before dropping capabilities)"
            } else if e == EINVAL && flags & ~SeccompVocabulary.flagNewListener != 0 {
                message += " (flags 0x\(String(flags, radix: 16)); the kernel may not support one of linux.seccomp.flags)"
            }
            throw SeccompError(field: "linux.seccomp", message, errno: e)
        }
        return usesNotify ? r : nil
    }
}
