// A mutable JSON document addressed by key paths: `cfg["process", "user", "uid"] = 1000`.
// Keys containing dots (sysctl names, annotations) stay single components.
import Foundation

struct JSONDoc {
    var root: [String: Any]
    init(_ root: [String: Any] = [:]) { self.root = root }

    subscript(path: String...) -> Any? {
        get { Self.get(root, path[...]) }
        set { root = Self.set(root, path[...], newValue) }
    }

    private static func get(_ obj: [String: Any], _ path: ArraySlice<String>) -> Any? {
        guard let first = path.first else { return obj }
        guard let v = obj[first] else { return nil }
        if path.count == 1 { return v }
        guard let sub = v as? [String: Any] else { return nil }
        return get(sub, path.dropFirst())
    }

    private static func set(_ obj: [String: Any], _ path: ArraySlice<String>, _ value: Any?) -> [String: Any] {
        var o = obj
        guard let first = path.first else { return o }
        if path.count == 1 {
            o[first] = value
        } else {
            o[first] = set(o[first] as? [String: Any] ?? [:], path.dropFirst(), value)
        }
        return o
    }

    /// Appends to an array at `path`, creating it.
    mutating func append(_ value: Any, at path: String...) {
        var arr = Self.get(root, path[...]) as? [Any] ?? []
        arr.append(value)
        root = Self.set(root, path[...], arr)
    }

    func serialized() -> Data {
        (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }

    static func parse(_ text: String) -> [String: Any]? {
        guard let d = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: d)) as? [String: Any]
    }
}

/// Integer view of a JSON number (JSONSerialization yields NSNumber / Int / Double).
func jsonInt(_ v: Any?) -> Int? {
    if let i = v as? Int { return i }
    if let n = v as? NSNumber { return n.intValue }
    if let d = v as? Double { return Int(d) }
    return nil
}
