#if canImport(Glibc)
import Glibc
#endif

/// `process.user.umask`. Unset means 0022, as runc does (the spec's "unchanged"
/// would leak the runtime caller's umask into the container).
public enum Umask {
    public static let defaultValue: UInt32 = 0o022

    /// Sets the umask and returns the value applied.
    @discardableResult
    public static func apply(_ umask: UInt32?) -> UInt32 {
        let value = (umask ?? defaultValue) & 0o777
        _ = Glibc.umask(mode_t(value))
        return value
    }
}
