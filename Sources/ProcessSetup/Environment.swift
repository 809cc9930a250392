import OCISpec

/// `process.env`, prepared for execve the way runc does it:
/// - every entry must be `NAME=VALUE` with a non-empty name and no NUL;
/// - duplicates collapse to the last occurrence (at that occurrence's position);
/// - `HOME` unset or empty is filled from the container's passwd entry for the uid
///   (`/` if there is none) and appended.
/// `PATH` is left as configured; `searchPath` is what executable lookup should use.
public struct Environment: Equatable, Sendable {
    /// The envp for execve.
    public var entries: [String]
    /// `PATH` from the environment; nil when the config sets none.
    public var path: String?

    /// The PATH lookup falls back to when the config sets none. runc 1.1 fails the
    /// lookup instead ("executable file not found in $PATH"); we search the
    /// conventional system directories (what a shell would do) but do not inject
    /// PATH into the process environment.
    public static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The search path for `ExecutableLookup`.
    public var searchPath: String { path ?? Environment.defaultPath }

    public static func build(_ env: [String]?, uid: UInt32, passwd: any PasswdDatabase) throws(ProcessSetupError) -> Environment {
        let env = env ?? []
        var seen = Set<Substring>()
        var reversed: [String] = []
        reversed.reserveCapacity(env.count + 1)
        var homeSet = false
        var path: String?
        for i in stride(from: env.count - 1, through: 0, by: -1) {
            let kv = env[i]
            let field = "process.env[\(i)]"
            guard let eq = kv.utf8.firstIndex(of: UInt8(ascii: "=")) else {
                throw ProcessSetupError(field: field, "invalid environment variable \"\(kv)\": missing '='")
            }
            if eq == kv.utf8.startIndex {
                throw ProcessSetupError(field: field, "invalid environment variable \"\(kv)\": name cannot be empty")
            }
            let key = kv[kv.startIndex..<eq]
            if seen.contains(key) { continue }
            seen.insert(key)
            if kv.utf8.contains(0) {
                throw ProcessSetupError(field: field, "invalid environment variable \"\(key)\": contains nul byte")
            }
            let value = kv[kv.utf8.index(after: eq)...]
            if key == "PATH" { path = String(value) }
            if key == "HOME" {
                // An empty HOME is replaced by the passwd one below.
                if value.isEmpty { continue }
                homeSet = true
            }
            reversed.append(kv)
        }
        var entries = Array(reversed.reversed())
        if !homeSet {
            let home = passwd.home(forUID: uid).flatMap { $0.isEmpty ? nil : $0 } ?? "/"
            entries.append("HOME=" + home)
        }
        return Environment(entries: entries, path: path)
    }
}
