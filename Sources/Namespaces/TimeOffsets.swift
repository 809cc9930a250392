import OCISpec
import Syscalls

/// Clock offsets of a new time namespace (`linux.timeOffsets`). They can only
/// be written after unshare(CLONE_NEWTIME) and before any process enters the
/// namespace; the init enters it at execve.
public enum TimeOffsets {
    public static func render(_ offsets: [String: Spec.Linux.TimeOffset]) -> String {
        var out = ""
        for clock in offsets.keys.sorted() {
            let o = offsets[clock]!
            out += "\(clock) \(o.secs ?? 0) \(o.nanosecs ?? 0)\n"
        }
        return out
    }

    public static func write(_ offsets: [String: Spec.Linux.TimeOffset]) throws(NamespaceError) {
        if offsets.isEmpty { return }
        do { try FileIO.write("/proc/self/timens_offsets", render(offsets)) } catch {
            throw NamespaceError("linux.timeOffsets", error)
        }
    }
}
