/// `linux.cgroupsPath` resolution, matching runc's cgroupfs driver:
///
/// - absolute (`/a/b`): below each hierarchy's mountpoint;
/// - relative (`a/b`): below the cgroup of the runtime process itself
///   (on pure v2: below its parent, since a cgroup with processes in it
///   cannot delegate controllers);
/// - absent or empty: the relative path `<container-id>`.
///
/// Paths are cleaned lexically first so `..` can never climb out of the
/// hierarchy (runc's `utils.CleanPath`).
public enum CgroupPath {
    /// The inner path for a container (cleaned; absolute or relative).
    public static func inner(cgroupsPath: String?, containerID: String) throws(CgroupError) -> String {
        let given = cgroupsPath ?? ""
        let inner = given.isEmpty ? cleanPath(containerID) : cleanPath(given)
        if inner.isEmpty || inner == "." || inner == "/" {
            if given.isEmpty {
                throw .invalid("linux.cgroupsPath", "no path given and container id \"\(containerID)\" is not a valid cgroup name")
            }
            throw .invalid("linux.cgroupsPath", "\"\(given)\" resolves to the cgroup root; name a cgroup below it")
        }
        return inner
    }

    /// Directory of a container's cgroup in one hierarchy.
    /// - Parameters:
    ///   - mountpoint: where the hierarchy is mounted.
    ///   - mountRoot: the cgroup mounted there (mountinfo root).
    ///   - own: this process's cgroup in that hierarchy (/proc/self/cgroup).
    ///   - parentOfOwn: use the parent of `own` (pure v2).
    public static func resolve(inner: String, mountpoint: String, mountRoot: String = "/",
                               own: String?, parentOfOwn: Bool = false) -> String {
        if inner.hasPrefix("/") { return join(mountpoint, inner) }
        var base = own ?? "/"
        if mountRoot != "/", base.hasPrefix(mountRoot) {
            base = String(base.dropFirst(mountRoot.count))
        }
        if parentOfOwn { base = parent(clean(base)) }
        return join(join(mountpoint, base), inner)
    }

    /// runc's `utils.CleanPath`: lexical clean; a relative path is cleaned
    /// as if rooted so that leading `..` elements vanish.
    public static func cleanPath(_ path: String) -> String {
        if path.isEmpty { return "" }
        var p = clean(path)
        if !p.hasPrefix("/") {
            p = clean("/" + p)
            p = p == "/" ? "." : String(p.dropFirst())
        }
        return clean(p)
    }

    /// Go's `filepath.Clean`.
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !rooted {
                    out.append(part)
                }
                continue
            }
            out.append(part)
        }
        let body = out.joined(separator: "/")
        if rooted { return "/" + body }
        return body.isEmpty ? "." : body
    }

    public static func join(_ a: String, _ b: String) -> String {
        clean(a + "/" + b)
    }

    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
