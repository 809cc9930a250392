/// `Decoder` over a parsed `JSONValue`. Each nested Decodable value gets a child decoder linked to
/// its parent, so the field path is only materialised when an error needs it.
final class JSONValueDecoder: Decoder {
    let value: JSONValue
    let parent: JSONValueDecoder?
    let component: JSONPathComponent?

    init(_ value: JSONValue, parent: JSONValueDecoder? = nil, component: JSONPathComponent? = nil) {
        self.value = value
        self.parent = parent
        self.component = component
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var components: [JSONPathComponent] {
        var out: [JSONPathComponent] = []
        var node: JSONValueDecoder? = self
        while let n = node {
            if let c = n.component { out.append(c) }
            node = n.parent
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

    func error(_ message: String, at component: JSONPathComponent? = nil) -> JSONError {
        var path = components
        if let component { path.append(component) }
        return JSONError(path: JSONPath.render(path), message: message)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw error("expected an object, got \(value.kindDescription)")
        }
        return KeyedDecodingContainer(JSONKeyedDecodingContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw error("expected an array, got \(value.kindDescription)")
        }
        return JSONUnkeyedDecodingContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValueDecodingContainer(decoder: self)
    }

    /// Decodes `value`, found at `component` below this decoder (nil: this decoder's own value).
    func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue,
                             at component: JSONPathComponent?) throws(JSONError) -> T {
        if let primitive = jsonPrimitiveType(T.self) {
            do { return try primitive.unbox(value) as! T } catch { throw self.error(error.message, at: component) }
        }
        if T.self == JSONValue.self { return value as! T }
        let child = component.map { JSONValueDecoder(value, parent: self, component: $0) } ?? self
        do {
            return try T(from: child)
        } catch {
            throw JSONValueDecoder.convert(error, at: child)
        }
    }

    /// Every failure leaves the codec as a path-qualified `JSONError`, whether it came from us,
    /// from a hand-written `init(from:)` or from the standard library's Codable conformances.
    static func convert(_ error: any Error, at decoder: JSONValueDecoder) -> JSONError {
        if let e = error as? JSONError { return e }
        guard let e = error as? DecodingError else {
            return decoder.error(String(describing: error))
        }
        switch e {
        case .keyNotFound(let key, let ctx):
            return JSONError(codingPath: ctx.codingPath + [key], message: "missing required field")
        case .valueNotFound(_, let ctx), .typeMismatch(_, let ctx):
            return JSONError(codingPath: ctx.codingPath, message: ctx.debugDescription)
        case .dataCorrupted(let ctx):
            return JSONError(codingPath: ctx.codingPath, message: rephrase(ctx.debugDescription))
        @unknown default:
            return decoder.error(String(describing: e))
        }
    }

    /// RawRepresentable enums report "Cannot initialize Kind from invalid String value bogus";
    /// say it the way the rest of our messages read.
    private static func rephrase(_ message: String) -> String {
        let w = message.split(separator: " ", maxSplits: 7, omittingEmptySubsequences: false)
        guard w.count == 8, w[0] == "Cannot", w[1] == "initialize", w[3] == "from", w[4] == "invalid",
              w[5] == "String", w[6] == "value" else { return message }
        return "\(JSON.serialize(.string(String(w[7])))) is not a valid \(w[2])"
    }
}

struct JSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: JSONValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.unbox(type, from: decoder.value, at: nil)
    }

    private func primitive<T: JSONPrimitive>(_ type: T.Type) throws -> T {
        do { return try T.unbox(decoder.value) } catch { throw decoder.error(error.message) }
    }

    func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
    func decode(_ type: String.Type) throws -> String { try primitive(type) }
    func decode(_ type: Double.Type) throws -> Double { try primitive(type) }
    func decode(_ type: Float.Type) throws -> Float { try primitive(type) }
    func decode(_ type: Int.Type) throws -> Int { try primitive(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try primitive(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try primitive(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try primitive(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try primitive(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try primitive(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try primitive(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try primitive(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try primitive(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try primitive(type) }
}
