/// Lexical handling of paths inside the container, before any lookup.
public enum ContainerPath {
    /// Cleans `path` as if rooted at "/": collapses `//` and `.`, and resolves
    /// `..` lexically (never above the root). Relative paths (deprecated by
    /// the spec) are taken relative to "/". Returns the components.
    public static func components(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(String(part))
            }
        }
        return out
    }

    /// The cleaned absolute form: `"/" + components.joined("/")`.
    public static func clean(_ path: String) -> String {
        "/" + components(path).joined(separator: "/")
    }

    /// `path` relative to the cleaned `root` if it is `root` or below it.
    static func relative(_ path: String, to root: String) -> String? {
        if root == "/" { return path.hasPrefix("/") ? path : nil }
        if path == root { return "/" }
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count)) }
        return nil
    }

    /// Host path of a bind source: absolute, or relative to the bundle.
    static func hostPath(_ path: String, bundle: String) -> String {
        if path.hasPrefix("/") { return path }
        return bundle.hasSuffix("/") ? bundle + path : bundle + "/" + path
    }
}
