import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Where the state lives: runc's rules for `--root`, with "swiftlet" for "runc".
public enum StateRoot {
    public static let systemDefault = "/run/swiftlet"

    /// The default root and whether it came from $XDG_RUNTIME_DIR (which then gets created and
    /// made sticky, see `prepare`).
    public struct Default: Equatable, Sendable {
        public var path: String
        public var fromXDG: Bool
    }

    /// runc's default: `$XDG_RUNTIME_DIR/swiftlet` when that variable is set and non-empty and
    /// we are not the real root (euid != 0, or euid 0 inside a user namespace with $USER unset
    /// or not "root"); otherwise /run/swiftlet — also for an unprivileged user without
    /// XDG_RUNTIME_DIR, who will then get a permission error just like with runc.
    public static func defaultRoot(euid: uid_t, environment: (String) -> String?,
                                   inUserNamespace: () -> Bool) -> Default {
        guard let xdg = environment("XDG_RUNTIME_DIR"), !xdg.isEmpty else {
            return Default(path: systemDefault, fromXDG: false)
        }
        let honour: Bool
        if euid != 0 {
            honour = true
        } else if !inUserNamespace() {
            // Real root ignores XDG_RUNTIME_DIR (e.g. /run/user/0) for compatibility.
            honour = false
        } else {
            let user = environment("USER")
            honour = user == nil || user != "root"
        }
        return honour ? Default(path: xdg + "/swiftlet", fromXDG: true) : Default(path: systemDefault, fromXDG: false)
    }

    /// The default for this process.
    public static func defaultRoot() -> Default {
        defaultRoot(euid: geteuid(), environment: { name in
            guard let v = getenv(name) else { return nil }
            return String(cString: v)
        }, inUserNamespace: runningInUserNamespace)
    }

    /// The root to use: `flag` (an explicit `--root`) made absolute and cleaned, or the default.
    /// Like runc, an explicit root resolving to "/" is refused. Nothing is created here.
    public static func resolve(flag: String?, cwd: String? = nil) throws(StateStoreError) -> String {
        guard let flag else { return defaultRoot().path }
        var path = flag
        if !path.hasPrefix("/") {
            let base: String
            if let cwd { base = cwd } else { base = currentDirectory() ?? "/" }
            path = base + "/" + path
        }
        let cleaned = clean(path)
        if cleaned == "/" { throw .rootIsSlash }
        return cleaned
    }

    /// For a default root under XDG_RUNTIME_DIR: create it 0700 and set the sticky bit, which
    /// the XDG spec asks for so the directory is not pruned as stale.
    public static func prepare(_ root: Default) throws(StateStoreError) {
        guard root.fromXDG else { return }
        do {
            try StateStore.makeDirectories(root.path, mode: 0o700)
            try sys("chmod", root.path) { chmod(root.path, 0o1700) }
        } catch {
            throw .system(error)
        }
    }

    /// Whether we run inside a user namespace other than the initial one (runc's rule on
    /// /proc/self/uid_map).
    public static func runningInUserNamespace() -> Bool {
        guard let map = try? FileIO.readString("/proc/self/uid_map") else { return false }
        return uidMapIndicatesUserNamespace(map)
    }

    /// An empty map (fresh, unmapped namespace) counts as a user namespace; the initial one
    /// reads "0 0 4294967295"; unparseable text is assumed to be the initial namespace.
    public static func uidMapIndicatesUserNamespace(_ map: String) -> Bool {
        if map.isEmpty { return true }
        let fields = map.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).prefix(3)
        guard fields.count == 3, let a = Int64(fields[fields.startIndex]),
              let b = Int64(fields[fields.startIndex + 1]), let c = Int64(fields[fields.startIndex + 2])
        else { return false }
        return !(a == 0 && b == 0 && c == 4_294_967_295)
    }

    /// Lexical cleaning of an absolute path (Go's filepath.Clean): collapses "//", ".", "..".
    public static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func currentDirectory() -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let ok = buffer.withUnsafeMutableBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
        }
        guard ok, let end = buffer.firstIndex(of: 0) else { return nil }
        return String(decoding: buffer[..<end], as: UTF8.self)
    }
}
