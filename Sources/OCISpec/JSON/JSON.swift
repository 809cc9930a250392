/// The JSON codec of the runtime: yajl parses, Swift's Codable maps to the model. No Foundation.
public enum JSON {
    /// Parses one JSON document. Trailing garbage, comments and invalid UTF-8 are rejected;
    /// duplicate object keys keep the last value (as Go's encoding/json, used by runc, does).
    /// Errors read "not valid JSON: <reason> at line L, column C".
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try JSONParser.parse(bytes)
    }

    /// Parses and decodes. Errors name the field: `mounts[2].destination: missing required field`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(JSONError) -> T {
        try decode(type, from: parse(bytes))
    }

    /// Decodes an already parsed document. Unknown members are ignored; `null` reads as nil for
    /// optionals; integers are range-checked against the field's width.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONError) -> T {
        try JSONValueDecoder(value).unbox(type, from: value, at: nil)
    }

    /// Encodes to JSON text; `indent` nil gives compact output, otherwise json.MarshalIndent style.
    /// Nil optionals are omitted and `[String: X]` dictionaries are written with sorted keys.
    public static func encode<T: Encodable>(_ value: T, indent: String? = nil) -> String {
        serialize(encodeValue(value), indent: indent)
    }

    /// Like `encode`, as bytes ready for a file write.
    public static func encodeBytes<T: Encodable>(_ value: T, indent: String? = nil) -> [UInt8] {
        serializeBytes(encodeValue(value), indent: indent)
    }

    /// Encodes to a `JSONValue`, keeping keys in encoding (declaration) order.
    public static func encodeValue<T: Encodable>(_ value: T) -> JSONValue {
        JSONValueEncoder().box(value, at: nil).finish()
    }

    public static func serialize(_ value: JSONValue, indent: String? = nil) -> String {
        String(decoding: serializeBytes(value, indent: indent), as: UTF8.self)
    }

    public static func serializeBytes(_ value: JSONValue, indent: String? = nil) -> [UInt8] {
        var s = JSONSerializer(indent: indent)
        s.write(value)
        return s.out
    }
}
