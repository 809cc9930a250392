#if canImport(Glibc)
import Glibc
#endif

/// Go's path/filepath behaviour for `--root`, which runc makes absolute with filepath.Abs.
enum GoPath {
    /// filepath.Abs: join with the working directory, then Clean.
    static func absolute(_ path: String, relativeTo cwd: () -> String) -> String {
        clean(path.hasPrefix("/") ? path : cwd() + "/" + path)
    }

    /// filepath.Clean for absolute paths: drop empty and "." elements, resolve "..".
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for element in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch element {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(element)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    @Sendable static func workingDirectory() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "/" }
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
