/// Keyed access to a JSON object. Members not asked for are ignored, as the runtime-spec requires
/// of unknown properties.
struct JSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONValueDecoder
    let members: [(key: String, value: JSONValue)]
    /// Only big objects (annotations, sysctls) get a hash index; for the typical handful of
    /// members a linear scan is cheaper than hashing.
    let index: [String: Int]?

    init(decoder: JSONValueDecoder, members: [(key: String, value: JSONValue)]) {
        self.decoder = decoder
        self.members = members
        if members.count > 12 {
            var index: [String: Int] = [:]
            index.reserveCapacity(members.count)
            for (i, m) in members.enumerated() { index[m.key] = i }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    private func lookup(_ key: Key) -> JSONValue? { lookup(key.stringValue) }

    private func lookup(_ name: String) -> JSONValue? {
        if let index { return index[name].map { members[$0].value } }
        var i = members.count
        while i > 0 {
            i -= 1
            if members[i].key == name { return members[i].value }
        }
        return nil
    }

    private func require(_ key: Key) throws(JSONError) -> JSONValue {
        guard let v = lookup(key) else {
            throw decoder.error("missing required field", at: .key(key.stringValue))
        }
        return v
    }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { lookup(key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(type, from: require(key), at: .key(key.stringValue))
    }

    /// Absent and `null` both mean "not set" for optional fields.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = lookup(key), !v.isNull else { return nil }
        return try decoder.unbox(type, from: v, at: .key(key.stringValue))
    }

    private func primitive<T: JSONPrimitive>(_ type: T.Type, _ key: Key) throws(JSONError) -> T {
        let v = try require(key)
        do { return try T.unbox(v) } catch { throw decoder.error(error.message, at: .key(key.stringValue)) }
    }

    private func primitiveIfPresent<T: JSONPrimitive>(_ type: T.Type, _ key: Key) throws(JSONError) -> T? {
        guard let v = lookup(key), !v.isNull else { return nil }
        do { return try T.unbox(v) } catch { throw decoder.error(error.message, at: .key(key.stringValue)) }
    }

    func decode(_ t: Bool.Type, forKey k: Key) throws -> Bool { try primitive(t, k) }
    func decode(_ t: String.Type, forKey k: Key) throws -> String { try primitive(t, k) }
    func decode(_ t: Double.Type, forKey k: Key) throws -> Double { try primitive(t, k) }
    func decode(_ t: Float.Type, forKey k: Key) throws -> Float { try primitive(t, k) }
    func decode(_ t: Int.Type, forKey k: Key) throws -> Int { try primitive(t, k) }
    func decode(_ t: Int8.Type, forKey k: Key) throws -> Int8 { try primitive(t, k) }
    func decode(_ t: Int16.Type, forKey k: Key) throws -> Int16 { try primitive(t, k) }
    func decode(_ t: Int32.Type, forKey k: Key) throws -> Int32 { try primitive(t, k) }
    func decode(_ t: Int64.Type, forKey k: Key) throws -> Int64 { try primitive(t, k) }
    func decode(_ t: UInt.Type, forKey k: Key) throws -> UInt { try primitive(t, k) }
    func decode(_ t: UInt8.Type, forKey k: Key) throws -> UInt8 { try primitive(t, k) }
    func decode(_ t: UInt16.Type, forKey k: Key) throws -> UInt16 { try primitive(t, k) }
    func decode(_ t: UInt32.Type, forKey k: Key) throws -> UInt32 { try primitive(t, k) }
    func decode(_ t: UInt64.Type, forKey k: Key) throws -> UInt64 { try primitive(t, k) }

    func decodeIfPresent(_ t: Bool.Type, forKey k: Key) throws -> Bool? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: String.Type, forKey k: Key) throws -> String? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Double.Type, forKey k: Key) throws -> Double? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Float.Type, forKey k: Key) throws -> Float? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Int.Type, forKey k: Key) throws -> Int? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Int8.Type, forKey k: Key) throws -> Int8? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Int16.Type, forKey k: Key) throws -> Int16? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Int32.Type, forKey k: Key) throws -> Int32? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: Int64.Type, forKey k: Key) throws -> Int64? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: UInt.Type, forKey k: Key) throws -> UInt? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: UInt8.Type, forKey k: Key) throws -> UInt8? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: UInt16.Type, forKey k: Key) throws -> UInt16? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: UInt32.Type, forKey k: Key) throws -> UInt32? { try primitiveIfPresent(t, k) }
    func decodeIfPresent(_ t: UInt64.Type, forKey k: Key) throws -> UInt64? { try primitiveIfPresent(t, k) }

    private func child(_ key: Key) throws(JSONError) -> JSONValueDecoder {
        JSONValueDecoder(try require(key), parent: decoder, component: .key(key.stringValue))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                               forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoder(lookup("super") ?? .null, parent: decoder, component: .key("super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoder(lookup(key) ?? .null, parent: decoder, component: .key(key.stringValue))
    }
}
