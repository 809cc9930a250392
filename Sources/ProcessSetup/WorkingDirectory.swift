import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.cwd`, entered in two chances like runc: first while still root (a
/// directory only the runtime can reach), and if that is refused (EACCES/EPERM),
/// again after the user switch (a directory only the container user can reach,
/// e.g. a volume chowned to it). Afterwards the cwd is verified to be inside the
/// container's root (CVE-2024-21626: a leaked host directory as cwd).
public struct WorkingDirectory: Sendable {
    public let path: String
    /// True when the first chdir was refused and `complete()` must retry it.
    public private(set) var pending: Bool

    /// First attempt, before `UserSwitch.apply`.
    public static func begin(_ path: String) throws(ProcessSetupError) -> WorkingDirectory {
        guard !path.isEmpty else { return WorkingDirectory(path: path, pending: false) }
        if chdir(path) == 0 { return WorkingDirectory(path: path, pending: false) }
        let e = sw_errno()
        if e == EACCES || e == EPERM { return WorkingDirectory(path: path, pending: true) }
        throw failure(path, e)
    }

    /// Second attempt if needed, after `UserSwitch.apply`; then verifies the cwd.
    public func complete() throws(ProcessSetupError) {
        if pending && chdir(path) < 0 { throw WorkingDirectory.failure(path, sw_errno()) }
        try WorkingDirectory.verify()
    }

    /// getcwd(3) reports ENOENT when the kernel says the cwd is unreachable from our root.
    public static func verify() throws(ProcessSetupError) {
        guard let p = getcwd(nil, 0) else {
            let e = sw_errno()
            if e == ENOENT {
                throw ProcessSetupError(field: "process.cwd",
                    "current working directory is outside of container mount namespace root -- possible container breakout detected")
            }
            throw ProcessSetupError(field: "process.cwd", "failed to verify the working directory",
                                    underlying: SystemError(errno: e, "getcwd"))
        }
        defer { free(p) }
        if p.pointee != CChar(UInt8(ascii: "/")) {
            throw ProcessSetupError(field: "process.cwd",
                "current working directory is not absolute -- possible container breakout detected: cwd is \"\(String(cString: p))\"")
        }
    }

    static func failure(_ path: String, _ e: Int32) -> ProcessSetupError {
        ProcessSetupError(field: "process.cwd", "chdir to cwd (\"\(path)\") set in config.json failed",
                          underlying: SystemError(errno: e, "chdir", path))
    }
}
