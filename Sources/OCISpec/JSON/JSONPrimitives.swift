/// Why a scalar did not fit; the decoder attaches the path.
struct JSONMismatch: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Types that map directly onto a JSON scalar. Used by the decoder and encoder to skip building a
/// nested coder for them, which is where most of the time in a config.json decode would go.
protocol JSONPrimitive {
    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> Self
    var boxed: JSONValue { get }
}

extension JSONValue {
    fileprivate func expected(_ what: String) -> JSONMismatch {
        JSONMismatch("expected \(what), got \(kindDescription)")
    }
}

extension Bool: JSONPrimitive {
    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> Bool {
        guard case .bool(let b) = value else { throw value.expected("a boolean") }
        return b
    }
    var boxed: JSONValue { .bool(self) }
}

extension String: JSONPrimitive {
    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> String {
        guard case .string(let s) = value else { throw value.expected("a string") }
        return s
    }
    var boxed: JSONValue { .string(self) }
}

extension Double: JSONPrimitive {
    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> Double {
        switch value {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        default: throw value.expected("a number")
        }
    }
    var boxed: JSONValue { .double(self) }
}

extension Float: JSONPrimitive {
    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> Float {
        let d = try Double.unbox(value)
        let f = Float(d)
        if d.isFinite && !f.isFinite { throw JSONMismatch("\(d) is out of range for float32") }
        return f
    }
    /// Via the shortest Float text, so Float(0.1) is written as 0.1 and not 0.10000000149011612.
    var boxed: JSONValue { isFinite ? .double(Double(description) ?? Double(self)) : .double(Double(self)) }
}

/// Integers are strict like Go's encoding/json: a literal with a fraction or exponent is not an
/// integer, and values outside the field's width are errors rather than silently truncated.
protocol JSONInteger: FixedWidthInteger, JSONPrimitive {}

extension JSONInteger {
    static var jsonTypeName: String { (isSigned ? "int" : "uint") + String(bitWidth) }

    static func unbox(_ value: JSONValue) throws(JSONMismatch) -> Self {
        switch value {
        case .int(let i):
            guard let v = Self(exactly: i) else { throw JSONMismatch("\(i) is out of range for \(jsonTypeName)") }
            return v
        case .uint(let u):
            guard let v = Self(exactly: u) else { throw JSONMismatch("\(u) is out of range for \(jsonTypeName)") }
            return v
        case .double(let d):
            // Only integer literals beyond 64 bits become integral doubles here; report those as
            // a range problem, anything else (1.5, 1e3, 2.0) as not an integer.
            if d.isFinite, d == d.rounded(.towardZero), d.magnitude >= 9.2e18 {
                throw JSONMismatch("\(JSONSerializer.format(d)) is out of range for \(jsonTypeName)")
            }
            throw JSONMismatch("expected an integer, got \(JSONSerializer.format(d))")
        default:
            throw value.expected("an integer")
        }
    }

    var boxed: JSONValue {
        if Self.isSigned { return .int(Int64(self)) }
        let u = UInt64(self)
        if let i = Int64(exactly: u) { return .int(i) }
        return .uint(u)
    }
}

extension Int: JSONInteger {}
extension Int8: JSONInteger {}
extension Int16: JSONInteger {}
extension Int32: JSONInteger {}
extension Int64: JSONInteger {}
extension UInt: JSONInteger {}
extension UInt8: JSONInteger {}
extension UInt16: JSONInteger {}
extension UInt32: JSONInteger {}
extension UInt64: JSONInteger {}

/// Metatype comparisons instead of `as? any JSONPrimitive.Type`: a protocol-conformance lookup
/// per nested value is a hash-map probe (and slow on a cold start, which every runtime command is).
@inline(__always)
func jsonPrimitiveType<T>(_ type: T.Type) -> (any JSONPrimitive.Type)? {
    if type == String.self { return String.self }
    if type == Bool.self { return Bool.self }
    if type == Int.self { return Int.self }
    if type == Int64.self { return Int64.self }
    if type == UInt64.self { return UInt64.self }
    if type == UInt32.self { return UInt32.self }
    if type == Int32.self { return Int32.self }
    if type == UInt16.self { return UInt16.self }
    if type == UInt8.self { return UInt8.self }
    if type == Double.self { return Double.self }
    if type == UInt.self { return UInt.self }
    if type == Int16.self { return Int16.self }
    if type == Int8.self { return Int8.self }
    if type == Float.self { return Float.self }
    return nil
}

@inline(__always)
func jsonBoxPrimitive<T>(_ value: T) -> JSONValue? {
    guard let p = jsonPrimitiveType(T.self) else { return nil }
    return p.boxedValue(value)
}

extension JSONPrimitive {
    /// `value` is known to be of type Self.
    static func boxedValue<T>(_ value: T) -> JSONValue { unsafeBitCast(value, to: Self.self).boxed }
}
