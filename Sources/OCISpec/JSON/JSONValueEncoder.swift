/// What an encoder has produced so far. Containers are reference nodes because Swift's encoding
/// containers are handed out as values yet must all write into the same document.
enum JSONEncodingNode {
    case value(JSONValue)
    case object(JSONObjectNode)
    case array(JSONArrayNode)
    /// A super-encoder's output, resolved when the document is finished.
    case encoder(JSONValueEncoder)

    func finish() -> JSONValue {
        switch self {
        case .value(let v): return v
        case .object(let o):
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(o.members.count)
            for m in o.members { members.append((m.key, m.node.finish())) }
            // Encoding a key twice (a subclass re-using its superclass's keys) replaces it.
            return .object(JSONTreeBuilder.lastWins(members))
        case .array(let a):
            return .array(a.elements.map { $0.finish() })
        case .encoder(let e):
            return e.node?.finish() ?? .object([])
        }
    }
}

final class JSONObjectNode {
    var members: [(key: String, node: JSONEncodingNode)] = []
}

final class JSONArrayNode {
    var elements: [JSONEncodingNode] = []
}

/// `Encoder` producing a `JSONValue`; keyed containers keep the order keys were encoded in, which
/// for synthesized conformances is declaration order.
final class JSONValueEncoder: Encoder {
    let parent: JSONValueEncoder?
    let component: JSONPathComponent?
    var node: JSONEncodingNode?

    init(parent: JSONValueEncoder? = nil, component: JSONPathComponent? = nil) {
        self.parent = parent
        self.component = component
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var components: [JSONPathComponent] {
        var out: [JSONPathComponent] = []
        var n: JSONValueEncoder? = self
        while let e = n {
            if let c = e.component { out.append(c) }
            n = e.parent
        }
        return out.reversed()
    }

    var codingPath: [any CodingKey] {
        components.map { c -> any CodingKey in
            switch c {
            case .key(let k): return JSONStringKey(k)
            case .index(let i): return JSONIndexKey(i)
            }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let o) = node { return KeyedEncodingContainer(JSONKeyedEncodingContainer(encoder: self, object: o)) }
        let o = JSONObjectNode()
        node = .object(o)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer(encoder: self, object: o))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let a) = node { return JSONUnkeyedEncodingContainer(encoder: self, array: a) }
        let a = JSONArrayNode()
        node = .array(a)
        return JSONUnkeyedEncodingContainer(encoder: self, array: a)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueEncodingContainer(encoder: self)
    }

    /// Encodes `value` found at `component` below this encoder (nil: as this encoder's value).
    func box<T: Encodable>(_ value: T, at component: JSONPathComponent?) -> JSONEncodingNode {
        if let v = jsonBoxPrimitive(value) { return .value(v) }
        if T.self == JSONValue.self { return .value(value as! JSONValue) }
        let target = component.map { JSONValueEncoder(parent: self, component: $0) } ?? self
        if let d = value as? any JSONStringKeyedDictionary { return d.jsonNode(target) }
        do {
            try value.encode(to: target)
        } catch {
            // JSON.encode is non-throwing: only a hand-written encode(to:) can fail here, and
            // that is a programming error rather than a property of the data.
            fatalError("JSON.encode: \(JSONPath.render(target.components)): \(error)")
        }
        return target.node ?? .value(.object([]))
    }
}

/// String-keyed dictionaries encode with sorted keys (byte order, as Go does) so that output is
/// deterministic; Swift's own Dictionary conformance would use hash order.
protocol JSONStringKeyedDictionary {
    func jsonNode(_ encoder: JSONValueEncoder) -> JSONEncodingNode
}

extension Dictionary: JSONStringKeyedDictionary where Key == String, Value: Encodable {
    func jsonNode(_ encoder: JSONValueEncoder) -> JSONEncodingNode {
        let o = JSONObjectNode()
        o.members.reserveCapacity(count)
        for (k, v) in sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            o.members.append((k, encoder.box(v, at: .key(k))))
        }
        return .object(o)
    }
}

struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    let object: JSONObjectNode

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ node: JSONEncodingNode, _ key: Key) { object.members.append((key.stringValue, node)) }

    mutating func encodeNil(forKey key: Key) { put(.value(.null), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
        put(encoder.box(value, at: .key(key.stringValue)), key)
    }
    mutating func encode(_ v: Bool, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: String, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Double, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Float, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Int, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Int8, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Int16, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Int32, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: Int64, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: UInt, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: UInt8, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: UInt16, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: UInt32, forKey k: Key) { put(.value(v.boxed), k) }
    mutating func encode(_ v: UInt64, forKey k: Key) { put(.value(v.boxed), k) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let o = JSONObjectNode()
        put(.object(o), key)
        let child = JSONValueEncoder(parent: encoder, component: .key(key.stringValue))
        child.node = .object(o)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<NestedKey>(encoder: child, object: o))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let a = JSONArrayNode()
        put(.array(a), key)
        let child = JSONValueEncoder(parent: encoder, component: .key(key.stringValue))
        child.node = .array(a)
        return JSONUnkeyedEncodingContainer(encoder: child, array: a)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONValueEncoder(parent: encoder, component: .key("super"))
        object.members.append(("super", .encoder(child)))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = JSONValueEncoder(parent: encoder, component: .key(key.stringValue))
        put(.encoder(child), key)
        return child
    }
}

struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoder
    let array: JSONArrayNode

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private func put(_ node: JSONEncodingNode) { array.elements.append(node) }

    mutating func encodeNil() { put(.value(.null)) }
    mutating func encode<T: Encodable>(_ value: T) { put(encoder.box(value, at: .index(count))) }
    mutating func encode(_ v: Bool) { put(.value(v.boxed)) }
    mutating func encode(_ v: String) { put(.value(v.boxed)) }
    mutating func encode(_ v: Double) { put(.value(v.boxed)) }
    mutating func encode(_ v: Float) { put(.value(v.boxed)) }
    mutating func encode(_ v: Int) { put(.value(v.boxed)) }
    mutating func encode(_ v: Int8) { put(.value(v.boxed)) }
    mutating func encode(_ v: Int16) { put(.value(v.boxed)) }
    mutating func encode(_ v: Int32) { put(.value(v.boxed)) }
    mutating func encode(_ v: Int64) { put(.value(v.boxed)) }
    mutating func encode(_ v: UInt) { put(.value(v.boxed)) }
    mutating func encode(_ v: UInt8) { put(.value(v.boxed)) }
    mutating func encode(_ v: UInt16) { put(.value(v.boxed)) }
    mutating func encode(_ v: UInt32) { put(.value(v.boxed)) }
    mutating func encode(_ v: UInt64) { put(.value(v.boxed)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey> {
        let o = JSONObjectNode()
        let child = JSONValueEncoder(parent: encoder, component: .index(count))
        child.node = .object(o)
        put(.object(o))
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<NestedKey>(encoder: child, object: o))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let a = JSONArrayNode()
        let child = JSONValueEncoder(parent: encoder, component: .index(count))
        child.node = .array(a)
        put(.array(a))
        return JSONUnkeyedEncodingContainer(encoder: child, array: a)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONValueEncoder(parent: encoder, component: .index(count))
        put(.encoder(child))
        return child
    }
}

struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() { encoder.node = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) { encoder.node = encoder.box(value, at: nil) }
    mutating func encode(_ v: Bool) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: String) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Double) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Float) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Int) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Int8) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Int16) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Int32) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: Int64) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: UInt) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: UInt8) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: UInt16) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: UInt32) { encoder.node = .value(v.boxed) }
    mutating func encode(_ v: UInt64) { encoder.node = .value(v.boxed) }
}
