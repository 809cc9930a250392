import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// runc-compatible logging. Without `--log`, errors go to stderr as logrus
/// text lines; with `--log FILE`, stderr gets the bare message and the file
/// gets `--log-format` (text or json) lines — containerd and podman parse them.
public enum Log {
    public enum Level: String, Comparable {
        case debug, info, warning, error, fatal
        var rank: Int {
            switch self { case .debug: 0; case .info: 1; case .warning: 2; case .error: 3; case .fatal: 4 }
        }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public enum Format: String { case text, json }

    nonisolated(unsafe) static var fileFD: Int32 = -1
    nonisolated(unsafe) static var format: Format = .text
    nonisolated(unsafe) static var threshold: Level = .info

    /// `path` may also be a /proc/self/fd/N path handed over by an engine.
    public static func configure(path: String?, format: Format, debug: Bool) throws(SystemError) {
        self.format = format
        threshold = debug ? .debug : .info
        if let path, !path.isEmpty {
            fileFD = try sys("open log file", path) {
                open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            }
        }
    }

    /// The log file must not reach the container: the init closes it and
    /// reports through the sync channel instead.
    static func detachFile() {
        if fileFD >= 0 { close(fileFD) }
        fileFD = -1
    }

    public static func debug(_ message: @autoclosure () -> String) {
        if threshold <= .debug { emit(.debug, message(), toStderr: false) }
    }

    public static func info(_ message: String) { emit(.info, message, toStderr: false) }

    public static func warning(_ message: String) { emit(.warning, message, toStderr: true) }

    public static func error(_ message: String) { emit(.error, message, toStderr: true) }

    static func emit(_ level: Level, _ message: String, toStderr: Bool) {
        if level < threshold { return }
        if fileFD >= 0 {
            try? FileIO.writeAll(fd: fileFD, line(level, message, format))
            if toStderr { try? FileIO.writeAll(fd: 2, message + "\n") }
        } else if toStderr {
            try? FileIO.writeAll(fd: 2, line(level, message, .text))
        }
    }

    static func line(_ level: Level, _ message: String, _ format: Format) -> String {
        let time = LogClock.rfc3339Seconds()
        switch format {
        case .json:
            return "{\"level\":\"\(level.rawValue)\",\"msg\":\(JSONString.quote(message)),\"time\":\"\(time)\"}\n"
        case .text:
            return "time=\"\(time)\" level=\(level.rawValue) msg=\(JSONString.quote(message))\n"
        }
    }
}

/// Go-style quoted strings for log lines (logrus quotes with strconv.Quote,
/// which for the ASCII we print matches JSON escaping).
enum JSONString {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

enum LogClock {
    /// UTC, seconds precision: "2026-11-27T09:11:36Z".
    static func rfc3339Seconds() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}
