import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The fields of `/proc/<pid>/stat` the runtime needs to recognise its init process.
public struct ProcessStat: Equatable, Sendable {
    public var pid: Int32
    /// The executable name as the kernel reports it (up to 15 bytes; may contain spaces and ')').
    public var comm: String
    /// The state letter: R, S, D, T, t, Z, X, I, ...
    public var state: UInt8
    public var ppid: Int32
    /// Field 22: start time after boot in clock ticks. Together with the pid it identifies one
    /// process for the lifetime of the boot, which is what defeats pid reuse.
    public var startTime: UInt64

    public init(pid: Int32, comm: String, state: UInt8, ppid: Int32, startTime: UInt64) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.ppid = ppid
        self.startTime = startTime
    }

    /// A zombie or dead task has finished running; runc treats both as stopped.
    public var hasExited: Bool { state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") }

    /// Parses the contents of a stat file. `comm` is whatever lies between the first '(' and the
    /// LAST ')': a process may name itself ") S 1 2" and only the last paren is trustworthy.
    public static func parse(_ bytes: [UInt8]) -> ProcessStat? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
              let close = bytes.lastIndex(of: UInt8(ascii: ")")), open < close
        else { return nil }
        guard let pid = Int32(trimmed(bytes[..<open])) else { return nil }
        let comm = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
        // Fields 3... follow ") ": state is index 0 of the rest, ppid 1, starttime 19 (field 22).
        let rest = bytes[(close + 1)...].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard rest.count >= 20, rest[0].count == 1,
              let ppid = Int32(String(decoding: rest[1], as: UTF8.self)),
              let start = UInt64(trimmed(rest[19]))
        else { return nil }
        return ProcessStat(pid: pid, comm: comm, state: rest[0].first!, ppid: ppid, startTime: start)
    }

    /// Reads `/proc/<pid>/stat`. Nil when there is no such process (ENOENT/ESRCH) — the caller
    /// cannot distinguish that from "exited and reaped", and does not need to.
    public static func read(pid: Int32, procRoot: String = "/proc") throws(SystemError) -> ProcessStat? {
        guard pid > 0 else { return nil }
        let path = procRoot + "/" + String(pid) + "/stat"
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            if error.errno == ENOENT || error.errno == ESRCH { return nil }
            throw error
        }
        guard let stat = parse(bytes) else {
            throw SystemError(errno: EINVAL, "parse", path)
        }
        return stat
    }

    private static func trimmed<S: Collection>(_ bytes: S) -> String where S.Element == UInt8 {
        var s = Substring(String(decoding: bytes, as: UTF8.self))
        while let c = s.first, c == " " || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\n" { s.removeLast() }
        return String(s)
    }
}
