#if canImport(Glibc)
import Glibc
#endif

/// runc logs through logrus; tools (containerd-shim, podman, tests) parse those lines, so we
/// reproduce logrus' text and JSON entry formats exactly rather than inventing our own.
public struct Logger: Sendable {
    public enum Format: Sendable, Equatable {
        case text
        case json
    }

    public enum Level: Int, Sendable, Comparable {
        case error = 2, warning = 3, info = 4, debug = 5

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        var name: String {
            switch self {
            case .error: return "error"
            case .warning: return "warning"
            case .info: return "info"
            case .debug: return "debug"
            }
        }

        /// logrus' colored (terminal) output: 4-letter upper-case name and ANSI color.
        var terminalTag: (String, Int) {
            switch self {
            case .error: return ("ERRO", 31)
            case .warning: return ("WARN", 33)
            case .info: return ("INFO", 36)
            case .debug: return ("DEBU", 37)
            }
        }
    }

    public var format: Format
    /// Destination; 2 unless `--log` named a file.
    public var fd: Int32
    /// Entries above this level are dropped (`--debug` raises it to `.debug`).
    public var threshold: Level

    public init(format: Format = .text, fd: Int32 = 2, threshold: Level = .info) {
        self.format = format
        self.fd = fd
        self.threshold = threshold
    }

    public var logsToStderr: Bool { fd == 2 }

    public func error(_ message: String) { log(.error, message) }
    public func warn(_ message: String) { log(.warning, message) }
    public func info(_ message: String) { log(.info, message) }
    public func debug(_ message: String) { log(.debug, message) }

    public func log(_ level: Level, _ message: String) {
        guard level <= threshold else { return }
        Output.write(fd, render(level, message, time: LogTime.now(), terminal: format == .text && isatty(fd) == 1))
    }

    /// runc's `fatal()`: an error entry in the log, plus the bare message on stderr when the
    /// log goes to a file (so a human running the command still sees why it failed).
    /// The caller then exits (usually with status 1).
    public func fatal(_ message: String) {
        error(message)
        if !logsToStderr { Output.write(2, message + "\n") }
    }

    /// urfave's exit-coder path (e.g. "No help topic"): runc's FatalWriter logs the text
    /// urfave printed, newline included, and echoes it verbatim when the log is a file.
    func fatalWriterLine(_ message: String) {
        error(message + "\n")
        if !logsToStderr { Output.write(2, message + "\n") }
    }

    func render(_ level: Level, _ message: String, time: LogTime, terminal: Bool) -> String {
        switch format {
        case .json:
            return "{\"level\":\"\(level.name)\",\"msg\":\(LogEncoding.json(message)),\"time\":\"\(time.rfc3339)\"}\n"
        case .text where terminal:
            // logrus drops one trailing newline and pads the message to 44 columns.
            var msg = message
            if msg.hasSuffix("\n") { msg.removeLast() }
            let (tag, color) = level.terminalTag
            let pad = String(repeating: " ", count: max(0, 44 - msg.unicodeScalars.count))
            let secs = LogEncoding.zeroPadded(time.secondsSinceStart, width: 4)
            return "\u{1B}[\(color)m\(tag)\u{1B}[0m[\(secs)] \(msg)\(pad) \n"
        case .text:
            return "time=\"\(time.rfc3339)\" level=\(level.name) msg=\(LogEncoding.textValue(message))\n"
        }
    }

    /// Opens the logger `globals` asks for, like runc's configLogrus. Errors are runc's text.
    public static func configured(for globals: GlobalOptions) -> Result<Logger, UsageError> {
        var logger = Logger(threshold: globals.debug ? .debug : .info)
        switch globals.logFormat {
        case "", "text": break
        case "json": logger.format = .json
        default: return .failure(UsageError("invalid log-format: \(globals.logFormat)"))
        }
        if !globals.log.isEmpty {
            let fd = open(globals.log, O_CREAT | O_WRONLY | O_APPEND | O_SYNC | O_CLOEXEC, 0o644)
            if fd < 0 {
                let reason = LogEncoding.goErrnoText(errno)
                return .failure(UsageError("open \(globals.log): \(reason)"))
            }
            logger.fd = fd
        }
        return .success(logger)
    }
}

/// A wall-clock instant formatted the way Go's time.RFC3339 prints local time.
struct LogTime: Sendable {
    let rfc3339: String
    let secondsSinceStart: Int

    static let processStart: Int = Int(monotonicSeconds())

    static func now() -> LogTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = time_t(ts.tv_sec)
        var tm = Glibc.tm()
        localtime_r(&t, &tm)
        let z = LogEncoding.zeroPadded
        var s = "\(z(Int(tm.tm_year) + 1900, 4))-\(z(Int(tm.tm_mon) + 1, 2))-\(z(Int(tm.tm_mday), 2))"
        s += "T\(z(Int(tm.tm_hour), 2)):\(z(Int(tm.tm_min), 2)):\(z(Int(tm.tm_sec), 2))"
        let off = Int(tm.tm_gmtoff)
        if off == 0 {
            s += "Z"
        } else {
            let a = abs(off) / 60
            s += (off < 0 ? "-" : "+") + "\(z(a / 60, 2)):\(z(a % 60, 2))"
        }
        return LogTime(rfc3339: s, secondsSinceStart: max(0, Int(monotonicSeconds()) - processStart))
    }

    private static func monotonicSeconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec)
    }
}
