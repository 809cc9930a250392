import OCISpec
#if canImport(Glibc)
import Glibc
#endif

/// A wall-clock instant with nanosecond precision, serialised as RFC 3339 in UTC exactly as Go's
/// `time.RFC3339Nano` prints it (runc's `created`): trailing zeros of the fraction are trimmed
/// and a zero fraction drops the dot, e.g. `2026-11-27T09:11:04.89443702Z`, `...:04Z`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var seconds: Int64
    /// 0 ..< 1_000_000_000.
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    public var description: String { rfc3339Nano }

    /// `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`.
    public var rfc3339Nano: String {
        let days = Self.floorDiv(seconds, 86400)
        let secOfDay = seconds - days * 86400
        let (y, m, d) = CivilDate.fromDays(days)
        var out = ""
        out.reserveCapacity(30)
        Self.pad(&out, y, 4); out += "-"
        Self.pad(&out, m, 2); out += "-"
        Self.pad(&out, d, 2); out += "T"
        Self.pad(&out, secOfDay / 3600, 2); out += ":"
        Self.pad(&out, secOfDay / 60 % 60, 2); out += ":"
        Self.pad(&out, secOfDay % 60, 2)
        if nanoseconds != 0 {
            var digits = String(nanoseconds)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            out += "." + digits
        }
        out += "Z"
        return out
    }

    /// Parses RFC 3339 (`T`/`t` separator, `Z`/`z` or `±HH:MM` offset, 0-9 fraction digits,
    /// more are truncated like Go does). Returns nil for anything malformed or out of range.
    public init?(rfc3339 text: String) {
        var p = Parser(Array(text.utf8))
        guard let year = p.number(4), p.eat("-"), let month = p.number(2), p.eat("-"),
              let day = p.number(2), p.eat("T") || p.eat("t"),
              let hour = p.number(2), p.eat(":"), let minute = p.number(2), p.eat(":"),
              let second = p.number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var nanos: Int64 = 0
        if p.eat(".") {
            var count = 0
            while let digit = p.digit() {
                if count < 9 { nanos = nanos * 10 + digit }
                count += 1
            }
            guard count > 0 else { return nil }
            while count < 9 { nanos *= 10; count += 1 }
        }
        var offset: Int64 = 0
        if p.eat("Z") || p.eat("z") {
        } else if let sign = p.sign(), let oh = p.number(2), p.eat(":"), let om = p.number(2),
                  oh < 24, om < 60 {
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard p.atEnd else { return nil }
        let days = CivilDate.toDays(year: year, month: month, day: day)
        self.init(seconds: days * 86400 + hour * 3600 + minute * 60 + second - offset,
                  nanoseconds: Int32(nanos))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ out: inout String, _ value: Int64, _ width: Int) {
        let s = String(value)
        if s.count < width { out += String(repeating: "0", count: width - s.count) }
        out += s
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { i == bytes.count }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(ascii: c) else { return false }
            i += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 else { return nil }
            i += 1
            return Int64(bytes[i - 1] - 48)
        }

        /// Exactly `width` digits.
        mutating func number(_ width: Int) -> Int64? {
            var v: Int64 = 0
            for _ in 0..<width {
                guard let d = digit() else { return nil }
                v = v * 10 + d
            }
            return v
        }

        mutating func sign() -> Int64? {
            if eat("+") { return 1 }
            if eat("-") { return -1 }
            return nil
        }
    }
}

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = Timestamp(rfc3339: text) else {
            throw JSONError(codingPath: decoder.codingPath, message: "not an RFC 3339 timestamp: \(text)")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339Nano)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms), so
/// timestamps need neither Foundation nor the C library's time-zone machinery.
enum CivilDate {
    static func fromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func toDays(year y0: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
