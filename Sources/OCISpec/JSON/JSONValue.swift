/// A parsed JSON document. Objects keep their members in document (or encoding) order so that
/// re-serialised output is stable and diffable; lookups take the last member with a given key.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// Integers that fit in Int64. Larger non-negative integers use `.uint`, so every integer
    /// literal in a config survives a round trip exactly.
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])
}

extension JSONValue {
    /// The member named `key` of an object (the last one, should there be duplicates); nil for
    /// missing members and for non-objects.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var i = members.count
        while i > 0 {
            i -= 1
            if members[i].key == key { return members[i].value }
        }
        return nil
    }

    /// The element at `index` of an array; nil when out of bounds or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: [(key: String, value: JSONValue)]? {
        if case .object(let o) = self { return o } else { return nil }
    }

    /// The value as Int64 when it is an integer in range (doubles are not converted).
    public var int64Value: Int64? {
        switch self {
        case .int(let i): return i
        case .uint(let u): return Int64(exactly: u)
        default: return nil
        }
    }

    /// The value as UInt64 when it is a non-negative integer (doubles are not converted).
    public var uint64Value: UInt64? {
        switch self {
        case .int(let i): return UInt64(exactly: i)
        case .uint(let u): return u
        default: return nil
        }
    }

    /// Any number as a Double (possibly rounded for large integers).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .double(let d): return d
        default: return nil
        }
    }

    /// "a string", "an object", ... for messages of the form "expected X, got <kindDescription>".
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .uint, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// JSON equality is semantic: object member order does not matter (members are looked up by key)
/// and numbers compare by value whichever case holds them, so `.int(1) == .uint(1) == .double(1)`.
extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return objectsEqual(a, b)
        case (.int, _), (.uint, _), (.double, _): return numbersEqual(lhs, rhs)
        default: return false
        }
    }

    private static func numbersEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.int(let a), .uint(let b)), (.uint(let b), .int(let a)): return a >= 0 && UInt64(a) == b
        case (.double(let a), .double(let b)): return a == b
        case (.double(let d), .int(let i)), (.int(let i), .double(let d)): return Int64(exactly: d) == i
        case (.double(let d), .uint(let u)), (.uint(let u), .double(let d)): return UInt64(exactly: d) == u
        default: return false
        }
    }

    private static func objectsEqual(_ a: [(key: String, value: JSONValue)],
                                     _ b: [(key: String, value: JSONValue)]) -> Bool {
        guard a.count == b.count else { return false }
        // Common case: same order. Fall back to lookups only when the orders differ.
        var sameOrder = true
        for i in a.indices where a[i].key != b[i].key { sameOrder = false; break }
        if sameOrder {
            for i in a.indices where a[i].value != b[i].value { return false }
            return true
        }
        let lhs = JSONValue.object(a), rhs = JSONValue.object(b)
        for (key, _) in a where lhs[key] != rhs[key] { return false }
        for (key, _) in b where rhs[key] == nil || lhs[key] == nil { return false }
        return true
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSON.serialize(self) }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
