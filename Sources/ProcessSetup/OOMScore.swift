import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.oomScoreAdj`, written to `/proc/<pid>/oom_score_adj`.
///
/// Either the container init sets its own value or the runtime parent sets it on
/// the child's pid; lowering the score below the current value needs
/// CAP_SYS_RESOURCE, so the parent is the safer place for negative values.
public enum OOMScore {
    public static let range = -1000...1000

    /// The exact bytes written to `oom_score_adj`.
    public static func value(_ adj: Int) throws(ProcessSetupError) -> String {
        guard range.contains(adj) else {
            throw ProcessSetupError(field: "process.oomScoreAdj", "\(adj) is outside [-1000, 1000]")
        }
        return String(adj)
    }

    public static func path(pid: pid_t?) -> String {
        if let pid { return "/proc/\(pid)/oom_score_adj" }
        return "/proc/self/oom_score_adj"
    }

    /// Sets the score of `pid` (nil: the calling process). Nil `adj` leaves it untouched,
    /// as the spec requires.
    public static func apply(_ adj: Int?, pid: pid_t? = nil) throws(ProcessSetupError) {
        guard let adj else { return }
        let text = try value(adj)
        let file = path(pid: pid)
        do { try FileIO.write(file, text) } catch {
            let hint = error.errno == EACCES || error.errno == EPERM
                ? "setting \(adj) (lowering the score needs CAP_SYS_RESOURCE)" : "setting \(adj)"
            throw ProcessSetupError(field: "process.oomScoreAdj", hint, underlying: error)
        }
    }
}
