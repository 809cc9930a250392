/// Go's value syntaxes, reimplemented because runc's flags are parsed by Go's `flag` and
/// `strconv` packages: what they accept (e.g. `0x10`, `1_000`, `010` == 8, `1h30m`) is part
/// of the command-line interface we promise to mirror.
enum GoValueSyntax {
    enum NumberError: Error, Equatable {
        case syntax
        case range
    }

    /// strconv.ParseBool.
    static func parseBool<S: StringProtocol>(_ s: S) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// strconv.ParseUint(s, 0, 64).
    static func parseUInt64(_ s: String) -> Result<UInt64, NumberError> {
        var utf8 = Array(s.utf8)[...]
        if utf8.isEmpty { return .failure(.syntax) }
        let original = utf8
        var base: UInt64 = 10
        if utf8.first == UInt8(ascii: "0") {
            let second = utf8.count >= 3 ? utf8[utf8.startIndex + 1] | 0x20 : 0
            switch second {
            case UInt8(ascii: "b"): base = 2; utf8 = utf8.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; utf8 = utf8.dropFirst(2)
            case UInt8(ascii: "x"): base = 16; utf8 = utf8.dropFirst(2)
            default: base = 8; utf8 = utf8.dropFirst(1)
            }
        }
        var n: UInt64 = 0
        var underscores = false
        for c in utf8 {
            if c == UInt8(ascii: "_") { underscores = true; continue }
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A")) + 10
            default: return .failure(.syntax)
            }
            if d >= base { return .failure(.syntax) }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return .failure(.range) }
            n = a
        }
        if underscores && !underscoreOK(original) { return .failure(.syntax) }
        return .success(n)
    }

    /// strconv.ParseInt(s, 0, 64).
    static func parseInt64(_ s: String) -> Result<Int64, NumberError> {
        guard let first = s.utf8.first else { return .failure(.syntax) }
        var body = s[...]
        var negative = false
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        switch parseUInt64(String(body)) {
        case .failure(let e):
            return .failure(e)
        case .success(let u):
            if !negative {
                return u > UInt64(Int64.max) ? .failure(.range) : .success(Int64(u))
            }
            if u > UInt64(Int64.max) + 1 { return .failure(.range) }
            return .success(u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u))
        }
    }

    /// Go's rule that `_` may only separate digits (after an optional base prefix).
    private static func underscoreOK(_ s: ArraySlice<UInt8>) -> Bool {
        var saw = UInt8(ascii: "^")
        var i = s.startIndex
        var hex = false
        if s.count >= 2, s[i] == UInt8(ascii: "0") {
            let p = s[i + 1] | 0x20
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                i += 2
                saw = UInt8(ascii: "0")
                hex = p == UInt8(ascii: "x")
            }
        }
        while i < s.endIndex {
            let c = s[i], l = c | 0x20
            i += 1
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (hex && l >= UInt8(ascii: "a") && l <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
                continue
            }
            if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = c
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// time.ParseDuration, in nanoseconds. Returns nil where Go returns an error.
    static func parseDuration(_ s: String) -> Int64? {
        var b = Array(s.utf8)[...]
        var negative = false
        if let c = b.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        if b.count == 1 && b.first == UInt8(ascii: "0") { return 0 }
        if b.isEmpty { return nil }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        while !b.isEmpty {
            guard let c0 = b.first, c0 == UInt8(ascii: ".") || isDigit(c0) else { return nil }
            var v: UInt64 = 0
            var pre = false
            while let c = b.first, isDigit(c) {
                if v > (limit - 1) / 10 { return nil }
                v = v * 10 + UInt64(c - UInt8(ascii: "0"))
                if v > limit { return nil }
                b = b.dropFirst()
                pre = true
            }
            var fraction: UInt64 = 0
            var scale = 1.0
            var post = false
            if b.first == UInt8(ascii: ".") {
                b = b.dropFirst()
                var overflow = false
                while let c = b.first, isDigit(c) {
                    post = true
                    b = b.dropFirst()
                    if overflow { continue }
                    if fraction > (limit - 1) / 10 { overflow = true; continue }
                    fraction = fraction * 10 + UInt64(c - UInt8(ascii: "0"))
                    scale *= 10
                }
            }
            if !pre && !post { return nil }
            var unitEnd = b.startIndex
            while unitEnd < b.endIndex, b[unitEnd] != UInt8(ascii: "."), !isDigit(b[unitEnd]) { unitEnd += 1 }
            if unitEnd == b.startIndex { return nil }
            guard let unit = unitNanoseconds(b[b.startIndex..<unitEnd]) else { return nil }
            b = b[unitEnd...]
            if v > limit / unit { return nil }
            v *= unit
            if fraction > 0 {
                v += UInt64(Double(fraction) * (Double(unit) / scale))
                if v > limit { return nil }
            }
            total += v
            if total > limit { return nil }
        }
        if negative { return total == limit ? Int64.min : -Int64(total) }
        if total > limit - 1 { return nil }
        return Int64(total)
    }

    private static func unitNanoseconds(_ u: ArraySlice<UInt8>) -> UInt64? {
        switch String(decoding: u, as: UTF8.self) {
        case "ns": return 1
        case "us", "\u{B5}s", "\u{3BC}s": return 1_000
        case "ms": return 1_000_000
        case "s": return 1_000_000_000
        case "m": return 60_000_000_000
        case "h": return 3_600_000_000_000
        default: return nil
        }
    }

    /// Go's `%q` / strconv.Quote for the strings that appear in error messages.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (v >= 0x80 && v < 0xA0) || v == 0xAD {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
