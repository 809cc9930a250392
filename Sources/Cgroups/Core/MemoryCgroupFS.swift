import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// An in-memory `CgroupFS` for unit tests (here and in modules that drive a
/// `CgroupManager`). Files must exist before they can be written, as in
/// cgroupfs; `onMkdir` supplies the files the kernel would create.
public final class MemoryCgroupFS: CgroupFS {
    public struct Write: Equatable, CustomStringConvertible {
        public var path: String
        public var value: String
        public init(_ path: String, _ value: String) {
            self.path = path
            self.value = value
        }
        public var description: String { "\(path) <- \(value)" }
    }

    public var files: [String: String] = [:]
    public var directories: Set<String> = ["/"]
    /// Every successful write, in order.
    public var writes: [Write] = []
    /// Writes to these paths fail with the given errno.
    public var writeFailures: [String: Int32] = [:]
    /// Writes to these paths fail once with the given errno.
    public var writeFailuresOnce: [String: Int32] = [:]
    /// Kernel behaviour: after a write, the file reads as the returned
    /// content (nil: as written).
    public var onWrite: ((_ path: String, _ value: String) -> String?)?
    /// Files (name → content) to create in a newly made directory.
    public var onMkdir: ((String) -> [String: String])?

    public init() {}

    /// Creates `path` and its missing ancestors, with `files` in it.
    public func addDirectory(_ path: String, files: [String: String] = [:]) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            directories.insert(current)
        }
        for (name, value) in files { self.files[path + "/" + name] = value }
    }

    public func read(_ path: String) throws(SystemError) -> String {
        guard let value = files[path] else { throw SystemError(errno: ENOENT, "open", path) }
        return value
    }

    public func write(_ path: String, _ value: String) throws(SystemError) {
        if let e = writeFailures[path] { throw SystemError(errno: e, "write", path) }
        if let e = writeFailuresOnce.removeValue(forKey: path) { throw SystemError(errno: e, "write", path) }
        guard files[path] != nil else { throw SystemError(errno: ENOENT, "open", path) }
        files[path] = value
        writes.append(Write(path, value))
        if let content = onWrite?(path, value) { files[path] = content }
    }

    public func mkdir(_ path: String) throws(SystemError) -> Bool {
        if directories.contains(path) { return false }
        guard directories.contains(Self.parent(path)) else { throw SystemError(errno: ENOENT, "mkdir", path) }
        directories.insert(path)
        for (name, value) in onMkdir?(path) ?? [:] { files[path + "/" + name] = value }
        return true
    }

    public func rmdir(_ path: String) throws(SystemError) {
        guard directories.contains(path) else { throw SystemError(errno: ENOENT, "rmdir", path) }
        if directories.contains(where: { Self.parent($0) == path && $0 != path }) {
            throw SystemError(errno: EBUSY, "rmdir", path)
        }
        directories.remove(path)
        for key in files.keys where Self.parent(key) == path { files[key] = nil }
    }

    public func exists(_ path: String) -> Bool {
        directories.contains(path) || files[path] != nil
    }

    public func subdirectories(_ path: String) throws(SystemError) -> [String] {
        guard directories.contains(path) else { throw SystemError(errno: ENOENT, "opendir", path) }
        return directories.filter { Self.parent($0) == path && $0 != path }
            .map { String($0.split(separator: "/").last ?? "") }.sorted()
    }

    /// Writes made under `directory` as `name <- value`, for compact assertions.
    public func writes(in directory: String) -> [String] {
        writes.filter { Self.parent($0.path) == directory }
            .map { "\($0.path.dropFirst(directory.count + 1)) <- \($0.value)" }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
