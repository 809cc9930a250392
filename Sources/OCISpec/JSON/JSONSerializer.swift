/// Writes JSON text into a byte buffer: compact, or indented like Go's json.MarshalIndent, with
/// Go's string escaping (HTML-significant characters and U+2028/U+2029 escaped) so our output is
/// byte-compatible with what runc writes.
struct JSONSerializer {
    private(set) var out: [UInt8] = []
    private let indent: [UInt8]?

    init(indent: String?) {
        self.indent = indent.map { Array($0.utf8) }
        out.reserveCapacity(1024)
    }

    mutating func write(_ value: JSONValue, depth: Int = 0) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i):
            if i < 0 { out.append(UInt8(ascii: "-")) }
            writeDigits(i.magnitude)
        case .uint(let u): writeDigits(u)
        case .double(let d): append(JSONSerializer.format(d))
        case .string(let s): writeString(s)
        case .array(let elements):
            if elements.isEmpty { append("[]"); return }
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(e, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(m.key)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                write(m.value, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Shortest text that reads back as the same Double. JSON has no NaN or infinities; they
    /// become null (as in JavaScript) rather than producing a document nobody can parse.
    static func format(_ d: Double) -> String {
        d.isFinite ? d.description : "null"
    }

    @inline(__always) private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private mutating func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    @inline(__always) private mutating func newline(_ depth: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { out.append(contentsOf: indent) }
    }

    private mutating func writeDigits(_ value: UInt64) {
        var v = value
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buf in
            var i = buf.count
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0
            out.append(contentsOf: buf[i...])
        }
    }

    private static let hex: StaticString = "0123456789abcdef"

    private mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var escape: StaticString? = nil
                var unicodeEscape: UInt16? = nil
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0x00..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    unicodeEscape = UInt16(b)
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    // U+2028/U+2029 are legal in JSON but terminate lines in JavaScript.
                    unicodeEscape = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    width = 3
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                if let escape {
                    escape.withUTF8Buffer { out.append(contentsOf: $0) }
                } else if let u = unicodeEscape {
                    out.append(UInt8(ascii: "\\"))
                    out.append(UInt8(ascii: "u"))
                    JSONSerializer.hex.withUTF8Buffer { h in
                        out.append(h[Int(u >> 12)])
                        out.append(h[Int((u >> 8) & 0xF)])
                        out.append(h[Int((u >> 4) & 0xF)])
                        out.append(h[Int(u & 0xF)])
                    }
                }
                i += width
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
