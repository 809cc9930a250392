/// A JSON syntax or decoding error. `path` names the offending field in runtime-spec style
/// (`linux.resources.memory.limit`, `mounts[2].destination`); empty for document-level errors.
public struct JSONError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// For `init(from:)` implementations that validate a value: `JSONError(codingPath:
    /// decoder.codingPath, message: "must be ...")` yields the same path format as the codec.
    public init(codingPath: [any CodingKey], message: String) {
        self.init(path: JSONPath.render(codingPath), message: message)
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// One step of a decoding path. Kept separate from `CodingKey` so that building a path costs
/// nothing until an error actually needs it rendered.
enum JSONPathComponent {
    case key(String)
    case index(Int)
}

/// The coding key the codec uses for array elements, so paths can render them as `[N]`.
struct JSONIndexKey: CodingKey {
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.index = intValue }
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
}

/// A plain string coding key (superDecoder's "super", dynamic object keys).
struct JSONStringKey: CodingKey {
    let stringValue: String
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue) }
    var intValue: Int? { nil }
}

enum JSONPath {
    static func render(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath { append(component(of: key), to: &out) }
        return out
    }

    static func render(_ components: [JSONPathComponent]) -> String {
        var out = ""
        for c in components { append(c, to: &out) }
        return out
    }

    static func component(of key: any CodingKey) -> JSONPathComponent {
        if let k = key as? JSONIndexKey { return .index(k.index) }
        // Other coders' unkeyed containers use "Index N" keys with an int value.
        if let i = key.intValue, key.stringValue == "Index \(i)" { return .index(i) }
        return .key(key.stringValue)
    }

    static func append(_ component: JSONPathComponent, to out: inout String) {
        switch component {
        case .index(let i):
            out += "["
            out += String(i)
            out += "]"
        case .key(let k):
            if isPlainIdentifier(k) {
                if !out.isEmpty { out += "." }
                out += k
            } else {
                // Map keys such as annotation names contain dots; quote them so the path stays
                // unambiguous: annotations["org.opencontainers.image.os"].
                out += "["
                out += JSON.serialize(.string(k))
                out += "]"
            }
        }
    }

    private static func isPlainIdentifier(_ k: String) -> Bool {
        if k.isEmpty { return false }
        for b in k.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
