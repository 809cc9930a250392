#if canImport(Glibc)
import Glibc
#endif

/// The seam through which the store looks at processes, so status derivation can be tested with
/// made-up processes.
public protocol ProcessInspecting {
    /// The process's stat, or nil when it does not exist (or cannot be inspected).
    func stat(pid: Int32) -> ProcessStat?
}

/// Answers "is the container's init still the process we started?" from procfs.
public struct ProcessProbe: ProcessInspecting, Sendable {
    public var procRoot: String

    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    public func stat(pid: Int32) -> ProcessStat? {
        (try? ProcessStat.read(pid: pid, procRoot: procRoot)) ?? nil
    }

    /// See `ProcessInspecting.isAlive(pid:startTime:)`; for callers without a probe at hand.
    public static func isAlive(pid: Int32, startTime: UInt64) -> Bool {
        ProcessProbe().isAlive(pid: pid, startTime: startTime)
    }

    /// Start time of a live process, for recording right after the init is spawned.
    public static func startTime(of pid: Int32) -> UInt64? {
        ProcessProbe().stat(pid: pid)?.startTime
    }
}

extension ProcessInspecting {
    /// True when `pid` exists, has not exited (zombie/dead count as exited) and started at
    /// `startTime` — a different start time means the pid was recycled by an unrelated process.
    public func isAlive(pid: Int32, startTime: UInt64) -> Bool {
        guard let s = stat(pid: pid) else { return false }
        return !s.hasExited && s.startTime == startTime
    }
}
