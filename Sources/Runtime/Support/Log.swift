import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The runtime's warnings and debug lines. The CLI plugs in its runc-style
/// logger (honouring --log / --log-format / --debug); without it, warnings go
/// to stderr.
public enum Log {
    public enum Level: Sendable { case debug, info, warning, error }

    nonisolated(unsafe) static var sink: (Level, String) -> Void = Log.stderrSink
    /// The --log file, which the container init must close.
    nonisolated(unsafe) static var fileFD: Int32 = -1

    public static func attach(fileFD: Int32, sink: @escaping (Level, String) -> Void) {
        self.fileFD = fileFD
        self.sink = sink
    }

    public static func debug(_ message: @autoclosure () -> String) { sink(.debug, message()) }
    public static func warning(_ message: String) { sink(.warning, message) }
    public static func error(_ message: String) { sink(.error, message) }

    /// In the container init: drop the log file; errors travel through the sync channel.
    static func detachFile() {
        if fileFD > 2 { close(fileFD) }
        fileFD = -1
        sink = stderrSink
    }

    static func stderrSink(_ level: Level, _ message: String) {
        if level == .warning || level == .error {
            try? FileIO.writeAll(fd: 2, "\(level == .warning ? "warning" : "error"): \(message)\n")
        }
    }
}
