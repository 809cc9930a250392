/// A seccomp configuration or loading failure, naming the spec field at fault:
/// `linux.seccomp.syscalls[3].action: unknown action "SCMP_ACT_FOO"`.
public struct SeccompError: Error, CustomStringConvertible, Equatable {
    /// Spec field path, or nil when no single field is to blame.
    public let field: String?
    public let message: String
    /// errno from libseccomp (which reports negated errnos) or the kernel, if any.
    public let errno: Int32?

    public init(field: String?, _ message: String, errno: Int32? = nil) {
        self.field = field
        self.message = message
        self.errno = errno
    }

    public var description: String {
        var text = field.map { $0 + ": " + message } ?? message
        if let errno {
            text += ": " + String(cString: strerror(errno))
        }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#endif
