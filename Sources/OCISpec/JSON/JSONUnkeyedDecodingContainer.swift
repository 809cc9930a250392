/// Sequential access to a JSON array; element paths render as `field[N]`.
struct JSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: JSONValueDecoder
    let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: JSONValueDecoder, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func current() throws(JSONError) -> JSONValue {
        guard currentIndex < elements.count else {
            throw decoder.error("expected more elements (array has \(elements.count))", at: .index(currentIndex))
        }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        if try current().isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let v = try decoder.unbox(type, from: current(), at: .index(currentIndex))
        currentIndex += 1
        return v
    }

    private mutating func primitive<T: JSONPrimitive>(_ type: T.Type) throws(JSONError) -> T {
        let v = try current()
        do {
            let r = try T.unbox(v)
            currentIndex += 1
            return r
        } catch {
            throw decoder.error(error.message, at: .index(currentIndex))
        }
    }

    mutating func decode(_ t: Bool.Type) throws -> Bool { try primitive(t) }
    mutating func decode(_ t: String.Type) throws -> String { try primitive(t) }
    mutating func decode(_ t: Double.Type) throws -> Double { try primitive(t) }
    mutating func decode(_ t: Float.Type) throws -> Float { try primitive(t) }
    mutating func decode(_ t: Int.Type) throws -> Int { try primitive(t) }
    mutating func decode(_ t: Int8.Type) throws -> Int8 { try primitive(t) }
    mutating func decode(_ t: Int16.Type) throws -> Int16 { try primitive(t) }
    mutating func decode(_ t: Int32.Type) throws -> Int32 { try primitive(t) }
    mutating func decode(_ t: Int64.Type) throws -> Int64 { try primitive(t) }
    mutating func decode(_ t: UInt.Type) throws -> UInt { try primitive(t) }
    mutating func decode(_ t: UInt8.Type) throws -> UInt8 { try primitive(t) }
    mutating func decode(_ t: UInt16.Type) throws -> UInt16 { try primitive(t) }
    mutating func decode(_ t: UInt32.Type) throws -> UInt32 { try primitive(t) }
    mutating func decode(_ t: UInt64.Type) throws -> UInt64 { try primitive(t) }

    private mutating func child() throws(JSONError) -> JSONValueDecoder {
        let d = JSONValueDecoder(try current(), parent: decoder, component: .index(currentIndex))
        currentIndex += 1
        return d
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        try child().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try child().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try child() }
}
