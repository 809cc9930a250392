#if canImport(Glibc)
import Glibc
#endif

/// Value encodings of logrus' formatters (text: Go `%q` when needed; JSON: encoding/json
/// with its default HTML escaping).
enum LogEncoding {
    /// logrus TextFormatter.needsQuoting: bare only for [A-Za-z0-9-._/@^+] (and "").
    static func textValue(_ s: String) -> String {
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "^"), UInt8(ascii: "+"):
                continue
            default:
                return GoValueSyntax.quote(s)
            }
        }
        return s
    }

    /// A JSON string literal as Go's encoding/json writes it.
    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + GoValueSyntax.hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + GoValueSyntax.hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func zeroPadded(_ n: Int, width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Go prints errno values with its own table, which is glibc's text starting lower-case.
    static func goErrnoText(_ e: Int32) -> String {
        guard let p = strerror(e) else { return "errno \(e)" }
        var text = String(cString: p)
        if let f = text.first, f.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = f.lowercased() + text.dropFirst()
        }
        return text
    }
}

/// Unbuffered writes to a descriptor: each call is one write(2) for whole-message atomicity.
enum Output {
    static func write(_ fd: Int32, _ text: String) {
        var s = text
        s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                off += n
            }
        }
    }
}
