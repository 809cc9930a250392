import CYajl

#if canImport(Glibc)
import Glibc
#endif

/// Builds a `JSONValue` from yajl's event stream. Containers are assembled on flat stacks rather
/// than by recursion, so deeply nested input cannot overflow the native stack while parsing;
/// `maxDepth` still bounds nesting because every later consumer (decoder, serializer) recurses.
/// It lives behind a raw pointer during a parse: the callbacks then touch it without the retain,
/// release and exclusivity checks a class instance would cost on every token.
struct JSONTreeBuilder {
    static let maxDepth = 1000

    /// Completed values waiting to be gathered into their enclosing container.
    var values: [JSONValue] = []
    /// Pending member names of the open objects.
    var keys: [String] = []
    /// Open containers: where their values and keys start on the stacks above.
    var frames: [(valueStart: Int, keyStart: Int)] = []
    var depthExceeded = false

    init() {
        values.reserveCapacity(64)
        keys.reserveCapacity(64)
        frames.reserveCapacity(16)
    }

    @inline(__always) mutating func push(_ v: JSONValue) -> Int32 {
        values.append(v)
        return 1
    }

    mutating func open() -> Int32 {
        if frames.count >= JSONTreeBuilder.maxDepth {
            depthExceeded = true
            return 0
        }
        frames.append((values.count, keys.count))
        return 1
    }

    mutating func closeArray() -> Int32 {
        let f = frames.removeLast()
        let elements = Array(values[f.valueStart...])
        values.removeSubrange(f.valueStart...)
        values.append(.array(elements))
        return 1
    }

    mutating func closeObject() -> Int32 {
        let f = frames.removeLast()
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(values.count - f.valueStart)
        var k = f.keyStart
        for i in f.valueStart..<values.count {
            members.append((keys[k], values[i]))
            k += 1
        }
        values.removeSubrange(f.valueStart...)
        keys.removeSubrange(f.keyStart...)
        values.append(.object(JSONTreeBuilder.lastWins(members)))
        return 1
    }

    /// Go's encoding/json (and thus runc) lets the last duplicate member win; keep the first
    /// member's position so the order of distinct keys is unchanged.
    static func lastWins(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        let n = members.count
        if n < 2 { return members }
        if n <= 16 {
            var hasDuplicate = false
            outer: for i in 1..<n {
                for j in 0..<i where members[j].key == members[i].key {
                    hasDuplicate = true
                    break outer
                }
            }
            if !hasDuplicate { return members }
        }
        var position: [String: Int] = [:]
        position.reserveCapacity(n)
        var out: [(key: String, value: JSONValue)] = []
        out.reserveCapacity(n)
        for m in members {
            if let p = position[m.key] {
                out[p].value = m.value
            } else {
                position[m.key] = out.count
                out.append(m)
            }
        }
        return out
    }

    static func number(_ text: UnsafeBufferPointer<UInt8>) -> JSONValue {
        // yajl's lexer has already validated the number syntax.
        var isInteger = true
        for b in text where b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            isInteger = false
            break
        }
        if isInteger {
            let negative = text.first == UInt8(ascii: "-")
            var magnitude: UInt64 = 0
            var overflow = false
            for b in text.dropFirst(negative ? 1 : 0) {
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(b &- UInt8(ascii: "0")))
                if o1 || o2 { overflow = true; break }
                magnitude = m2
            }
            if !overflow {
                if !negative {
                    if let i = Int64(exactly: magnitude) { return .int(i) }
                    return .uint(magnitude)
                }
                if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
                if magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            }
            // Integers beyond 64 bits degrade to doubles, as in Go; decoding one into an
            // integer field then reports it as out of range.
        }
        let s = String(decoding: text, as: UTF8.self)
        return .double(Double(s) ?? (text.first == UInt8(ascii: "-") ? -Double.infinity : Double.infinity))
    }
}

@inline(__always) private func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<JSONTreeBuilder> {
    ctx.unsafelyUnwrapped.assumingMemoryBound(to: JSONTreeBuilder.self)
}

private func string(_ p: UnsafePointer<UInt8>?, _ n: Int) -> String {
    guard let p else { return "" }
    return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
}

enum JSONParser {
    static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        var callbacks = yajl_callbacks(
            yajl_null: { ctx in builder(ctx).pointee.push(.null) },
            yajl_boolean: { ctx, b in builder(ctx).pointee.push(.bool(b != 0)) },
            yajl_integer: nil,
            yajl_double: nil,
            yajl_number: { ctx, p, n in
                let text = UnsafeRawPointer(p!).assumingMemoryBound(to: UInt8.self)
                return builder(ctx).pointee.push(JSONTreeBuilder.number(UnsafeBufferPointer(start: text, count: n)))
            },
            yajl_string: { ctx, p, n in builder(ctx).pointee.push(.string(string(p, n))) },
            yajl_start_map: { ctx in builder(ctx).pointee.open() },
            yajl_map_key: { ctx, p, n in
                builder(ctx).pointee.keys.append(string(p, n))
                return 1
            },
            yajl_end_map: { ctx in builder(ctx).pointee.closeObject() },
            yajl_start_array: { ctx in builder(ctx).pointee.open() },
            yajl_end_array: { ctx in builder(ctx).pointee.closeArray() }
        )
        let tree = UnsafeMutablePointer<JSONTreeBuilder>.allocate(capacity: 1)
        tree.initialize(to: JSONTreeBuilder())
        defer {
            tree.deinitialize(count: 1)
            tree.deallocate()
        }
        guard let handle = withUnsafePointer(to: &callbacks, { yajl_alloc($0, nil, tree) }) else {
            throw JSONError(path: "", message: "not valid JSON: out of memory")
        }
        defer { yajl_free(handle) }

        // yajl's defaults are what we want: comments, trailing garbage, multiple values and
        // partial values are all rejected, and strings are validated as UTF-8.
        var atEnd = false
        let status: yajl_status = bytes.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let s = yajl_parse(handle, base, buf.count)
            guard s == yajl_status_ok else { return s }
            atEnd = true
            return yajl_complete_parse(handle)
        }
        guard status == yajl_status_ok else {
            throw syntaxError(handle, bytes, depthExceeded: tree.pointee.depthExceeded, atEnd: atEnd)
        }
        guard tree.pointee.values.count == 1, tree.pointee.frames.isEmpty else {
            throw JSONError(path: "", message: "not valid JSON: unexpected end of input")
        }
        return tree.pointee.values[0]
    }

    private static func syntaxError(_ handle: yajl_handle, _ bytes: [UInt8], depthExceeded: Bool,
                                    atEnd: Bool) -> JSONError {
        // Errors found while finishing (a token cut off by the end of input) carry no offset.
        var offset = atEnd ? bytes.count : yajl_get_bytes_consumed(handle)
        var detail: String
        if depthExceeded {
            detail = "nesting deeper than \(JSONTreeBuilder.maxDepth) levels"
            // The callback fires after the bracket has been consumed.
            if offset > 0 { offset -= 1 }
        } else {
            detail = bytes.withUnsafeBufferPointer { buf -> String in
                guard let raw = yajl_get_error(handle, 0, buf.baseAddress, buf.count) else { return "syntax error" }
                defer { yajl_free_error(handle, raw) }
                return String(cString: raw)
            }
            // yajl says "parse error: premature EOF\n"; keep just the reason.
            for prefix in ["lexical error: ", "parse error: "] where detail.hasPrefix(prefix) {
                detail.removeFirst(prefix.count)
            }
            while let last = detail.last, last == "\n" || last == "." || last == " " { detail.removeLast() }
            if detail == "premature EOF" {
                detail = "unexpected end of input"
                offset = bytes.count
            }
        }
        if offset > bytes.count { offset = bytes.count }
        var line = 1, column = 1
        for b in bytes[..<offset] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return JSONError(path: "", message: "not valid JSON: \(detail) at line \(line), column \(column)")
    }
}
