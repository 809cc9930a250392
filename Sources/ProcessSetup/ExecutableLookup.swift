import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Resolves `process.args[0]` the way runc does (Go's exec.LookPath, then an
/// eaccess check), inside the container after pivot_root and the user switch, so
/// that a missing or non-executable program is a create-time error with runc's
/// wording instead of a failed execve after `start`.
public enum ExecutableLookup {
    /// Returns the path to pass to execve.
    ///
    /// - `file` containing `/` is used as is (relative to the working directory);
    /// - otherwise each `searchPath` entry is tried in order (empty entry = `.`);
    ///   a hit in a relative directory is refused, as Go 1.19+ does.
    public static func resolve(_ file: String, searchPath: String) throws(ProcessSetupError) -> String {
        guard !file.isEmpty else {
            throw ProcessSetupError(field: "process.args[0]", "exec: \"\": executable file not found in $PATH")
        }
        var resolved: String
        if file.contains("/") {
            if let reason = check(file) {
                throw ProcessSetupError(field: "process.args[0]", "exec: \(quoted(file)): \(reason)")
            }
            resolved = file
        } else {
            var found: String?
            for entry in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
                let dir = entry.isEmpty ? "." : String(entry)
                let candidate = join(dir, file)
                if check(candidate) == nil {
                    if !candidate.hasPrefix("/") {
                        throw ProcessSetupError(
                            field: "process.args[0]",
                            "exec: \(quoted(file)): cannot run executable found relative to current directory")
                    }
                    found = candidate
                    break
                }
            }
            guard let found else {
                throw ProcessSetupError(field: "process.args[0]", "exec: \(quoted(file)): executable file not found in $PATH")
            }
            resolved = found
        }
        // Catches noexec mounts and ACLs the mode bits do not show (runc's eaccess).
        if faccessat(AT_FDCWD, resolved, X_OK, AT_EACCESS) < 0 {
            let e = SystemError.last("eaccess", resolved)
            throw ProcessSetupError(field: "process.args[0]", e.description)
        }
        return resolved
    }

    /// nil if `path` is a regular-ish executable file; otherwise Go's error text.
    static func check(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) < 0 {
            return "stat \(path): " + String(cString: strerror(sw_errno()))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { return "is a directory" }
        if st.st_mode & 0o111 == 0 { return "permission denied" }
        return nil
    }

    static func join(_ dir: String, _ file: String) -> String {
        var d = Substring(dir)
        while d.count > 1 && d.hasSuffix("/") { d = d.dropLast() }
        if d == "." { return "./" + file }   // Go keeps the "./" so the result stays visibly relative
        return d.hasSuffix("/") ? d + file : d + "/" + file
    }

    /// Go's strconv.Quote for the common case (printable text).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 || ch.value == 0x7f {
                    let hex = String(ch.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}
