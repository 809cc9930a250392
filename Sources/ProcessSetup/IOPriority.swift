import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.ioPriority`, set with ioprio_set(2).
///
/// Set on the calling process (IOPRIO_WHO_PROCESS, who 0) like runc: every process
/// the container starts inherits it, which is what "applied to the process group"
/// means in practice.
public enum IOPriority {
    static let whoProcess: Int32 = 1
    static let classShift: Int32 = 13

    /// The kernel's ioprio value: class << 13 | level.
    public static func value(_ p: Spec.Process.IOPriority) throws(ProcessSetupError) -> Int32 {
        guard let cls = LinuxNames.ioPriorityClasses.first(where: { $0.name == p.priorityClass })?.ioClass else {
            throw ProcessSetupError(field: "process.ioPriority.class",
                                    "unknown I/O priority class \"\(p.priorityClass)\"")
        }
        guard (0...7).contains(p.priority) else {
            throw ProcessSetupError(field: "process.ioPriority.priority", "\(p.priority) is outside [0, 7]")
        }
        return cls << classShift | p.priority
    }

    public static func apply(_ priority: Spec.Process.IOPriority?, pid: pid_t = 0) throws(ProcessSetupError) {
        guard let priority else { return }
        let v = try value(priority)
        if sw_ioprio_set(whoProcess, pid, v) < 0 {
            throw ProcessSetupError(field: "process.ioPriority", "setting \(priority.priorityClass) \(priority.priority)",
                                    underlying: .last("ioprio_set"))
        }
    }
}
